/* Fuzzes every account decoder. Each input is decoded (1) as is and (2) with its first byte
 * choosing one of the 7 types whose discriminator then replaces it, so that the Borsh paths are
 * reached. Whatever decodes must re-encode into a copy of the same buffer without changing a byte
 * (Borsh is canonical and the encoder touches only the serialized prefix), and decode again to the
 * same serialization. */
#include <stdlib.h>
#include <string.h>

#include "pod/accounts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_one(const uint8_t *data, size_t size) {
  pod_typed_account_t a, b;
  int t = pod_account_type(data, size);
  int rc = pod_account_decode(&a, data, size);
  if (t < 0 && rc != t) abort();
  if (rc != POD_OK) {
    if (rc != POD_ENOTFOUND && rc != POD_EINVAL && rc != POD_EDECODE) abort();
    return;
  }
  if ((int)a.kind != t) abort();
  size_t n = 0, want = pod_account_serialized_size(&a);
  if (want > size) abort();
  uint8_t *copy = malloc(size ? size : 1);
  if (!copy) return;
  memcpy(copy, data, size);
  if (pod_account_encode(copy, size, &n, &a) != POD_OK) abort();
  if (n != want || memcmp(copy, data, size)) abort();
  if (pod_account_decode(&b, copy, size) != POD_OK || b.kind != a.kind) abort();
  /* the struct decoded from the copy serializes to the same bytes */
  uint8_t *again = malloc(size ? size : 1);
  if (again) {
    size_t m = 0;
    if (pod_account_encode(again, size, &m, &b) != POD_OK || m != n || memcmp(again, data, n))
      abort();
    free(again);
  }
  /* one byte short of the serialization: 3004, nothing written */
  if (n > 0) {
    memcpy(copy, data, size);
    if (pod_account_encode(copy, n - 1, NULL, &a) != POD_ENOSPC) abort();
    if (memcmp(copy, data, size)) abort();
  }
  free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_one(data, size);
  if (size >= 1) {
    uint8_t *buf = malloc(size + 7);
    if (!buf) return 0;
    int kind = data[0] % POD_ACCT_COUNT;
    memcpy(buf, pod_account_disc(kind), POD_DISC_SZ);
    memcpy(buf + POD_DISC_SZ, data + 1, size - 1);
    check_one(buf, size + 7);
    free(buf);
  }
  return 0;
}
