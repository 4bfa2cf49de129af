/* Standard padded base64 (RFC 4648 §4) through libsodium, whose decoder is constant-time and,
 * with no "ignore" set and no end pointer, already strict: it stops at the first character
 * outside the alphabet, requires exactly the padding the data implies, rejects non-zero unused
 * bits and fails unless the whole input was consumed. What we add: the length must be a
 * multiple of 4 (libsodium would accept "QQ==" but also reject "QQ" -- we make the rule
 * explicit), and buffer sizes are checked here because libsodium's encoder aborts the process
 * (sodium_misuse) when the output buffer is too small. */
#include "pod/encode.h"

#include <sodium.h>

int pod_base64_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in, size_t in_sz) {
  if ((!out && out_sz) || (!in && in_sz)) return POD_EINVAL;
  /* POD_BASE64_ENC_SZ(in_sz) must not overflow; no buffer that large can exist anyway. */
  if (in_sz / 3u >= SIZE_MAX / 4u - 1u) return POD_ENOSPC;
  size_t need = POD_BASE64_ENC_SZ(in_sz);
  if (out_sz < need) {
    if (out_sz > 0) out[0] = '\0';
    return POD_ENOSPC;
  }
  sodium_bin2base64(out, out_sz, in, in_sz, sodium_base64_VARIANT_ORIGINAL);
  if (out_len) *out_len = need - 1;
  return POD_OK;
}

int pod_base64_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len) {
  if ((!out && out_sz) || (!in && in_len)) return POD_EINVAL;
  if (in_len % 4u) return POD_EDECODE;
  if (in_len == 0) {
    if (out_len) *out_len = 0;
    return POD_OK;
  }
  /* The size implied by the length and the padding; libsodium checks the padding itself. */
  size_t pad = in[in_len - 1] == '=' ? (in[in_len - 2] == '=' ? 2u : 1u) : 0u;
  size_t n = in_len / 4u * 3u - pad;
  if (n > out_sz) return POD_ENOSPC;
  size_t got = 0;
  if (sodium_base642bin(out, out_sz, in, in_len, NULL, &got, NULL,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      got != n)
    return POD_EDECODE;
  if (out_len) *out_len = got;
  return POD_OK;
}
