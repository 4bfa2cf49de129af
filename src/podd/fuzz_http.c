/* Fuzzes the HTTP request-head parser and the chunked body scanner/decoder: no crash, no read
 * past n, decode agrees with scan. */
#include "http_parse.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = malloc(size ? size : 1); /* exact size: ASan catches any overread */
  if (!buf) return 0;
  if (size) memcpy(buf, data, size);
  podd_http_head_t h;
  size_t max_head = size > 64 ? size - 8 : 1024;
  long n = podd_http_parse_head(&h, buf, size, max_head);
  if (n > 0) {
    if ((size_t)n > size || h.method.off + h.method.len > (size_t)n ||
        h.target.off + h.target.len > (size_t)n ||
        h.content_type.off + h.content_type.len > (size_t)n)
      abort();
    size_t body_len = 0;
    long r = podd_http_chunked_scan(buf + n, size - (size_t)n, 4096, &body_len);
    if (r > 0) {
      if ((size_t)r > size - (size_t)n || body_len > 4096) abort();
      char *out = malloc(body_len + 1);
      if (out) podd_http_chunked_decode(out, buf + n, (size_t)r);
      free(out);
    }
  }
  size_t body_len = 0;
  long r = podd_http_chunked_scan(buf, size, 1u << 20, &body_len);
  if (r > 0) {
    char *out = malloc(body_len + 1);
    if (out) podd_http_chunked_decode(out, buf, (size_t)r);
    free(out);
  }
  free(buf);
  return 0;
}
