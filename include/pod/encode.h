/* Text encodings: base58 (Bitcoin alphabet, as Solana), base64 (standard, padded) and hex.
 * Nothing here allocates. Every decoder is strict: bad characters, wrong lengths and (for
 * base64) missing padding are rejected with POD_EDECODE. Decoders read exactly in[0..in_len)
 * (the text need not be NUL-terminated; a NUL inside it is a bad character) and never write
 * past out_sz. */
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
#define POD_BASE58_ENC_MAX(n) ((n)*138u / 100u + 1u)
/* The general base58 codec converts at most this many bytes after the leading zero bytes (the
 * leading '1's of the text), which bounds its stack use and running time; a larger value is
 * POD_ETOOLARGE. Solana uses base58 for keys, signatures, hashes and (rarely) transactions of
 * at most 1232 bytes. */
#define POD_BASE58_DATA_MAX 4096u
#define POD_BASE64_ENC_SZ(n) ((((n) + 2u) / 3u) * 4u + 1u) /* with NUL */
#define POD_BASE64_DEC_MAX(len) (((len) / 4u) * 3u)
#define POD_HEX_ENC_SZ(n) ((n)*2u + 1u) /* with NUL */

/* Encodes in[0..in_sz) into out (NUL-terminated): one '1' per leading zero byte, then the
 * digits of the remaining big-endian number. *out_len (may be NULL) receives the length
 * without the NUL. POD_ENOSPC if out_sz is too small (out is then an empty string if
 * out_sz > 0; POD_BASE58_ENC_MAX(in_sz) + 1 is always enough), POD_ETOOLARGE if more than
 * POD_BASE58_DATA_MAX bytes follow the leading zeros, POD_EINVAL on a NULL pointer with a
 * non-zero size. */
POD_API int pod_base58_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in,
                              size_t in_sz);

/* Decodes in[0..in_len) into out. Each leading '1' is a zero byte. POD_EDECODE on a character
 * outside the alphabet (checked first), POD_ENOSPC when the value needs more than out_sz bytes,
 * POD_ETOOLARGE when it needs more than POD_BASE58_DATA_MAX bytes after its leading zeros.
 * *out_len (may be NULL) receives the decoded size. out is written only on success. Base58 is
 * a bijection, so text that decodes re-encodes to itself. */
POD_API int pod_base58_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in,
                              size_t in_len);

/* Fixed-size fast paths (no size arguments to get wrong; a few hundred nanoseconds).
 * encode_32/64 write a NUL-terminated string and return out; they cannot fail.
 * decode_32/64 succeed only when the text decodes to exactly 32/64 bytes: POD_EDECODE on a bad
 * character, a value of another size (31 or 33 bytes, too many leading '1's), or text longer
 * than 44/88 characters; POD_EINVAL on NULL. out is written only on success. */
POD_API char *pod_base58_encode_32(char out[POD_BASE58_32_SZ], const uint8_t in[32]);
POD_API char *pod_base58_encode_64(char out[POD_BASE58_64_SZ], const uint8_t in[64]);
POD_API int pod_base58_decode_32(uint8_t out[32], const char *in, size_t in_len);
POD_API int pod_base58_decode_64(uint8_t out[64], const char *in, size_t in_len);

/* Standard base64 with padding (RFC 4648 §4). Encode writes a NUL-terminated string; *out_len
 * (may be NULL) receives its length; POD_ENOSPC unless out_sz >= POD_BASE64_ENC_SZ(in_sz).
 * Decode ignores no characters: whitespace, a length that is not a multiple of 4, missing or
 * misplaced '=', non-zero unused bits (a non-canonical encoding) and trailing bytes are all
 * POD_EDECODE; POD_ENOSPC when the decoded size exceeds out_sz (out is not written then). */
POD_API int pod_base64_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in,
                              size_t in_sz);
POD_API int pod_base64_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in,
                              size_t in_len);

/* Lowercase hex, NUL-terminated; POD_ENOSPC unless out_sz >= POD_HEX_ENC_SZ(in_sz).
 * Decode accepts either case, requires an even length and nothing but hex digits
 * (POD_EDECODE); POD_ENOSPC when in_len / 2 > out_sz (out is not written then).
 * Both run in time independent of the data (libsodium's constant-time code), so they are
 * safe for secret keys. */
POD_API int pod_hex_encode(char *out, size_t out_sz, const uint8_t *in, size_t in_sz);
POD_API int pod_hex_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in,
                           size_t in_len);

/* ---- UTF-8 (Unicode 15 Table 3-7: what Rust's str::from_utf8 accepts) ---- */
/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF), else 0. */
POD_API int pod_utf8_valid(const char *s, size_t len);
/* Examines the sequence starting at p[0] (n >= 1 bytes available). Returns its length and sets
 * *ok = 1 if it is well-formed; otherwise sets *ok = 0 and returns the length of its maximal
 * ill-formed subpart (>= 1), the unit Unicode recommends replacing with one U+FFFD. */
POD_API size_t pod_utf8_seq(const uint8_t *p, size_t n, int *ok);

#ifdef __cplusplus
}
#endif
#endif
