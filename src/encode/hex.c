/* Hex through libsodium: constant-time in both directions, so secret keys can go through it.
 * Its decoder, with no "ignore" set and no end pointer, rejects odd lengths, non-hex characters
 * and unconsumed input. Sizes are checked here first because sodium_bin2hex aborts the process
 * (sodium_misuse) on a short output buffer. */
#include "pod/encode.h"

#include <sodium.h>

int pod_hex_encode(char *out, size_t out_sz, const uint8_t *in, size_t in_sz) {
  if ((!out && out_sz) || (!in && in_sz)) return POD_EINVAL;
  if (in_sz >= SIZE_MAX / 2u || out_sz < POD_HEX_ENC_SZ(in_sz)) {
    if (out_sz > 0) out[0] = '\0';
    return POD_ENOSPC;
  }
  sodium_bin2hex(out, out_sz, in, in_sz);
  return POD_OK;
}

int pod_hex_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len) {
  if ((!out && out_sz) || (!in && in_len)) return POD_EINVAL;
  if (in_len % 2u) return POD_EDECODE;
  if (in_len / 2u > out_sz) return POD_ENOSPC;
  size_t got = 0;
  if (in_len > 0 &&
      (sodium_hex2bin(out, out_sz, in, in_len, NULL, &got, NULL) != 0 || got != in_len / 2u))
    return POD_EDECODE;
  if (out_len) *out_len = got;
  return POD_OK;
}
