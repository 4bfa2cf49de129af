/* Keys: public keys, ed25519 keypairs, signatures, Solana JSON keypair files.
 *
 * A keypair holds secret material. pod_keypair_wipe() zeroes it; every function here that copies
 * secret bytes into temporary storage wipes that storage before returning. */
#ifndef POD_KEYS_H
#define POD_KEYS_H

#include "common.h"
#include "encode.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_PUBKEY_SZ 32
#define POD_SIGNATURE_SZ 64
#define POD_PUBKEY_B58_SZ POD_BASE58_32_SZ    /* text buffer incl. NUL */
#define POD_SIGNATURE_B58_SZ POD_BASE58_64_SZ /* text buffer incl. NUL */

typedef struct {
  uint8_t b[32];
} pod_pubkey_t;

typedef struct {
  uint8_t b[64];
} pod_signature_t;

/* libsodium's layout: 32-byte seed followed by the 32-byte public key. */
typedef struct {
  uint8_t b[64];
} pod_keypair_t;

/* Well-known addresses. */
POD_API extern const pod_pubkey_t pod_system_program_id; /* 11111111111111111111111111111111 */
POD_API extern const pod_pubkey_t pod_compute_budget_program_id; /* ComputeBudget1111...1111 */

/* ---- public keys ---- */
/* Parses s[0..len) as base58 text of exactly 32 bytes (no surrounding whitespace).
 * POD_EDECODE otherwise, POD_EINVAL on NULL; *out is written only on success. */
POD_API int pod_pubkey_from_base58(pod_pubkey_t *out, const char *s, size_t len);
/* Writes the base58 text (NUL-terminated, 32 to 44 characters) and returns out. */
POD_API char *pod_pubkey_to_base58(char out[POD_PUBKEY_B58_SZ], const pod_pubkey_t *pk);
/* 1 if the keys are equal, 0 if not. */
POD_API int pod_pubkey_eq(const pod_pubkey_t *a, const pod_pubkey_t *b);
/* Signatures in base58 (64 bytes, 64 to 88 characters), as pod_pubkey_to/from_base58. */
POD_API char *pod_signature_to_base58(char out[POD_SIGNATURE_B58_SZ], const pod_signature_t *sig);
POD_API int pod_signature_from_base58(pod_signature_t *out, const char *s, size_t len);

/* ---- keypairs ----
 * Every keypair these functions produce has a public half that matches its seed; pod_sign
 * relies on it (ed25519 signing with a mismatched public key can leak the secret key), so do
 * not assemble a pod_keypair_t from separate halves by hand. */
/* A new random keypair. POD_ECRYPTO if libsodium cannot initialise, POD_EINVAL on NULL. */
POD_API int pod_keypair_generate(pod_keypair_t *out);
/* The keypair whose ed25519 seed is `seed` (RFC 8032 secret key). seed may point into *out.
 * POD_ECRYPTO if libsodium cannot initialise, POD_EINVAL on NULL. */
POD_API int pod_keypair_from_seed(pod_keypair_t *out, const uint8_t seed[32]);
/* The public half. */
POD_API void pod_keypair_pubkey(pod_pubkey_t *out, const pod_keypair_t *kp);
/* Zeroes the keypair (not optimised away). Accepts NULL. */
POD_API void pod_keypair_wipe(pod_keypair_t *kp);

/* Solana's JSON keypair format (what solana-keygen writes): an array of 64 integers 0..255
 * (seed then public key). Accepted grammar, exactly:
 *   ws '[' ws int ws (',' ws int ws){63} ']' ws      with ws = [ \t\n\r]*
 *   int = '0' | [1-9][0-9]{0,2}, value <= 255
 * So no leading zeros ("012" is not JSON), no sign, fraction or exponent, no trailing comma,
 * no byte-order mark, nothing after the closing bracket. POD_EDECODE for anything else, and
 * for a public half that does not match the seed; *out is wiped on failure. The parser copies
 * no secret bytes anywhere but *out (its scratch space is wiped). */
POD_API int pod_keypair_parse_json(pod_keypair_t *out, const char *text, size_t len);
/* Formats the keypair as that JSON text ("[1,2,...]", no spaces, NUL-terminated) into out.
 * POD_KEYPAIR_JSON_SZ is always enough; POD_ENOSPC otherwise (out is then an empty string if
 * out_sz > 0). */
#define POD_KEYPAIR_JSON_SZ 260
POD_API int pod_keypair_format_json(char *out, size_t out_sz, const pod_keypair_t *kp);
/* Largest keypair file pod_keypair_read_file accepts; a larger file is POD_EDECODE. */
#define POD_KEYPAIR_FILE_MAX 4096
/* Reads a keypair file. POD_ENOTFOUND if it does not exist, POD_EIO on other open/read errors
 * (including permission denied and a path that is not a regular file; errno is kept),
 * POD_EDECODE if malformed or larger than POD_KEYPAIR_FILE_MAX. *insecure (may be NULL) is set
 * to 1 if the file is readable or writable by group or others (mode & 077), else 0, whenever
 * the file could be opened. The read buffer is wiped before returning; *out is wiped on
 * failure. */
POD_API int pod_keypair_read_file(pod_keypair_t *out, const char *path, int *insecure);
/* Writes a keypair file with mode 0600 from its creation: the JSON goes to a new temp file in
 * the same directory (created 0600, O_EXCL), is fsync'd, then moved into place atomically, and
 * the directory is fsync'd. Without overwrite the move is link(2), which fails if path exists
 * (POD_EEXIST, also checked before any work); with overwrite it is rename(2), which replaces a
 * file (or a symlink itself, not its target). A reader sees the old file or the whole new one,
 * never a partial one. POD_EIO on I/O errors (errno kept; the temp file is removed),
 * POD_EINVAL on NULL or a path longer than 4000 bytes, POD_ECRYPTO if libsodium cannot
 * initialise (it supplies the temp name). */
POD_API int pod_keypair_write_file(const pod_keypair_t *kp, const char *path, int overwrite);

/* ---- signatures (ed25519 through libsodium) ---- */
/* Signs msg[0..msg_sz) (msg may be NULL when msg_sz is 0). Deterministic (RFC 8032).
 * POD_ECRYPTO if libsodium cannot initialise, POD_EINVAL on NULL. */
POD_API int pod_sign(pod_signature_t *sig, const pod_keypair_t *kp, const void *msg, size_t msg_sz);
/* POD_OK if sig is a valid signature of msg by pk, POD_ECRYPTO if not (including non-canonical
 * signatures and small-order public keys, which libsodium rejects), POD_EINVAL on NULL. */
POD_API int pod_verify(const pod_signature_t *sig, const pod_pubkey_t *pk, const void *msg,
                       size_t msg_sz);

#ifdef __cplusplus
}
#endif
#endif
