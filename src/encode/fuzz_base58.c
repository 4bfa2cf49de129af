/* Fuzzes base58 both ways. The input as text: whatever decodes (general, decode_32,
 * decode_64) must re-encode to exactly the same text, and the paths must agree. The input as
 * bytes: encode (general and, at 32/64 bytes, fixed) then decode gives the bytes back. */
#include "pod/encode.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define DIE_UNLESS(c)                                                                              \
  do {                                                                                             \
    if (!(c)) abort();                                                                             \
  } while (0)

static uint8_t bin[8192];
static char txt[POD_BASE58_ENC_MAX(8192) + 1];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 8192) return 0;
  const char *text = (const char *)data;

  /* as text */
  size_t n = 0, len = 0;
  int r = pod_base58_decode(bin, sizeof bin, &n, text, size);
  DIE_UNLESS(r == POD_OK || r == POD_EDECODE || r == POD_ETOOLARGE);
  if (r == POD_OK) {
    DIE_UNLESS(n <= size);
    DIE_UNLESS(pod_base58_encode(txt, sizeof txt, &len, bin, n) == POD_OK);
    DIE_UNLESS(len == size && memcmp(txt, text, size) == 0);
  }
  uint8_t f32[32], f64[64];
  int r32 = pod_base58_decode_32(f32, text, size);
  DIE_UNLESS(r32 == POD_OK || r32 == POD_EDECODE);
  DIE_UNLESS((r32 == POD_OK) == (r == POD_OK && n == 32));
  if (r32 == POD_OK) {
    char t[POD_BASE58_32_SZ];
    DIE_UNLESS(memcmp(f32, bin, 32) == 0);
    pod_base58_encode_32(t, f32);
    DIE_UNLESS(strlen(t) == size && memcmp(t, text, size) == 0);
  }
  int r64 = pod_base58_decode_64(f64, text, size);
  DIE_UNLESS(r64 == POD_OK || r64 == POD_EDECODE);
  DIE_UNLESS((r64 == POD_OK) == (r == POD_OK && n == 64));
  if (r64 == POD_OK) {
    char t[POD_BASE58_64_SZ];
    DIE_UNLESS(memcmp(f64, bin, 64) == 0);
    pod_base58_encode_64(t, f64);
    DIE_UNLESS(strlen(t) == size && memcmp(t, text, size) == 0);
  }

  /* as bytes */
  r = pod_base58_encode(txt, sizeof txt, &len, data, size);
  if (r == POD_ETOOLARGE) return 0; /* more than POD_BASE58_DATA_MAX significant bytes */
  DIE_UNLESS(r == POD_OK && len <= POD_BASE58_ENC_MAX(size) && strlen(txt) == len);
  DIE_UNLESS(pod_base58_decode(bin, sizeof bin, &n, txt, len) == POD_OK);
  DIE_UNLESS(n == size && memcmp(bin, data, size) == 0);
  if (size == 32) {
    char t[POD_BASE58_32_SZ];
    DIE_UNLESS(strcmp(pod_base58_encode_32(t, data), txt) == 0);
    DIE_UNLESS(pod_base58_decode_32(f32, txt, len) == POD_OK && memcmp(f32, data, 32) == 0);
  }
  if (size == 64) {
    char t[POD_BASE58_64_SZ];
    DIE_UNLESS(strcmp(pod_base58_encode_64(t, data), txt) == 0);
    DIE_UNLESS(pod_base58_decode_64(f64, txt, len) == POD_OK && memcmp(f64, data, 64) == 0);
  }
  return 0;
}
