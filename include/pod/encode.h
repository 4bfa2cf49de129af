/* Text encodings: base58 (Bitcoin alphabet, as Solana), base64 (standard, padded) and hex.
 * Nothing here allocates. Every decoder is strict: bad characters, wrong lengths and (for
 * base64) missing padding are rejected with POD_EDECODE. */
#ifndef POD_ENCODE_H
#define POD_ENCODE_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Buffer sizes including the terminating NUL. */
#define POD_BASE58_32_SZ 45 /* 32 bytes encode to at most 44 characters */
#define POD_BASE58_64_SZ 89 /* 64 bytes encode to at most 88 characters */
/* Characters needed (without NUL) to base58-encode n bytes: an upper bound. */
#define POD_BASE58_ENC_MAX(n) ((n) * 138u / 100u + 1u)
#define POD_BASE64_ENC_SZ(n) ((((n) + 2u) / 3u) * 4u + 1u) /* with NUL */
#define POD_BASE64_DEC_MAX(len) (((len) / 4u) * 3u)

/* Encodes in[0..in_sz) into out (NUL-terminated). *out_len (may be NULL) receives the length
 * without the NUL. POD_ENOSPC if out_sz is too small (out is then an empty string if out_sz>0). */
POD_API int pod_base58_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in, size_t in_sz);

/* Decodes in[0..in_len) into out. POD_EDECODE on a character outside the alphabet, POD_ENOSPC when
 * the value needs more than out_sz bytes. *out_len receives the decoded size. */
POD_API int pod_base58_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len);

/* Fixed-size fast paths. encode_32/64 write a NUL-terminated string and return out.
 * decode_32/64 succeed only when the text decodes to exactly 32/64 bytes (POD_EDECODE otherwise). */
POD_API char *pod_base58_encode_32(char out[POD_BASE58_32_SZ], const uint8_t in[32]);
POD_API char *pod_base58_encode_64(char out[POD_BASE58_64_SZ], const uint8_t in[64]);
POD_API int pod_base58_decode_32(uint8_t out[32], const char *in, size_t in_len);
POD_API int pod_base58_decode_64(uint8_t out[64], const char *in, size_t in_len);

/* Standard base64 with padding (RFC 4648 §4). Encode writes a NUL-terminated string. Decode
 * ignores no characters: whitespace is an error. */
POD_API int pod_base64_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in, size_t in_sz);
POD_API int pod_base64_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len);

/* Lowercase hex. Decode accepts either case, requires an even length. */
POD_API int pod_hex_encode(char *out, size_t out_sz, const uint8_t *in, size_t in_sz);
POD_API int pod_hex_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len);

#ifdef __cplusplus
}
#endif
#endif
