/* Fuzzes the JSON keypair parser: any text must be handled without a crash, a failure must
 * leave *out wiped, and whatever parses must format and re-parse to the same keypair. */
#include "pod/keys.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const uint8_t zero[64];
  pod_keypair_t kp, back;
  memset(kp.b, 0x55, sizeof kp.b);
  int r = pod_keypair_parse_json(&kp, (const char *)data, size);
  if (r != POD_OK) {
    if (r != POD_EDECODE || memcmp(kp.b, zero, 64) != 0) abort();
    return 0;
  }
  char json[POD_KEYPAIR_JSON_SZ];
  if (pod_keypair_format_json(json, sizeof json, &kp) != POD_OK) abort();
  if (pod_keypair_parse_json(&back, json, strlen(json)) != POD_OK) abort();
  if (memcmp(kp.b, back.b, 64) != 0) abort();
  return 0;
}
