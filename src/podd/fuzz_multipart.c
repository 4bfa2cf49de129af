/* libFuzzer: the content endpoints' multipart/form-data parser. Input: a Content-Type line, a
 * newline, then the body. The file part found must lie inside the body. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podd/content.h"

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  const uint8_t *nl = memchr(in, '\n', n);
  if (!nl) return 0;
  size_t ctn = (size_t)(nl - in);
  char *ct = malloc(ctn + 1);
  if (!ct) return 0;
  memcpy(ct, in, ctn);
  ct[ctn] = 0;
  size_t bn = n - ctn - 1;
  char *body = malloc(bn ? bn : 1); /* exact size: ASan sees any read past the end */
  if (!body) {
    free(ct);
    return 0;
  }
  memcpy(body, nl + 1, bn);
  const char *data = NULL, *why = NULL;
  size_t dn = 0;
  char name[16];
  if (podd_multipart_file(&data, &dn, name, sizeof name, &why, ct, body, bn) == 0) {
    if (data < body || dn > bn || (size_t)(data - body) > bn - dn) abort();
    if (strlen(name) >= sizeof name) abort();
  } else if (!why) {
    abort();
  }
  free(body);
  free(ct);
  return 0;
}
