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
POD_API extern const pod_pubkey_t pod_system_program_id;  /* 11111111111111111111111111111111 */
POD_API extern const pod_pubkey_t pod_compute_budget_program_id;

/* ---- public keys ---- */
/* Parses base58 text of exactly 32 bytes. POD_EDECODE otherwise. */
POD_API int pod_pubkey_from_base58(pod_pubkey_t *out, const char *s, size_t len);
/* Writes the base58 text (NUL-terminated) and returns out. */
POD_API char *pod_pubkey_to_base58(char out[POD_PUBKEY_B58_SZ], const pod_pubkey_t *pk);
POD_API int pod_pubkey_eq(const pod_pubkey_t *a, const pod_pubkey_t *b);
POD_API char *pod_signature_to_base58(char out[POD_SIGNATURE_B58_SZ], const pod_signature_t *sig);
POD_API int pod_signature_from_base58(pod_signature_t *out, const char *s, size_t len);

/* ---- keypairs ---- */
/* A new random keypair. POD_ECRYPTO if libsodium cannot initialise. */
POD_API int pod_keypair_generate(pod_keypair_t *out);
/* The keypair whose ed25519 seed is `seed` (RFC 8032 secret key). */
POD_API int pod_keypair_from_seed(pod_keypair_t *out, const uint8_t seed[32]);
/* The public half. */
POD_API void pod_keypair_pubkey(pod_pubkey_t *out, const pod_keypair_t *kp);
/* Zeroes the keypair (not optimised away). Accepts NULL. */
POD_API void pod_keypair_wipe(pod_keypair_t *kp);

/* Solana's JSON keypair format: an array of 64 integers 0..255 (seed then public key), optional
 * whitespace. Rejects anything else, and a public half that does not match the seed
 * (POD_EDECODE). The parser copies no secret bytes anywhere but *out. */
POD_API int pod_keypair_parse_json(pod_keypair_t *out, const char *text, size_t len);
/* Formats the keypair as that JSON text ("[1,2,...]", NUL-terminated) into out.
 * POD_KEYPAIR_JSON_SZ is always enough. */
#define POD_KEYPAIR_JSON_SZ 260
POD_API int pod_keypair_format_json(char *out, size_t out_sz, const pod_keypair_t *kp);
/* Reads a keypair file. POD_ENOTFOUND if it does not exist, POD_EIO on read errors, POD_EDECODE if
 * malformed. If the file is readable by group or others, *insecure (may be NULL) is set to 1. */
POD_API int pod_keypair_read_file(pod_keypair_t *out, const char *path, int *insecure);
/* Writes a keypair file with mode 0600 (created atomically: temp file + rename). Refuses to replace
 * an existing file unless overwrite is non-zero (POD_EEXIST). */
POD_API int pod_keypair_write_file(const pod_keypair_t *kp, const char *path, int overwrite);

/* ---- signatures (ed25519 through libsodium) ---- */
POD_API int pod_sign(pod_signature_t *sig, const pod_keypair_t *kp, const void *msg, size_t msg_sz);
/* POD_OK if valid, POD_ECRYPTO if not. */
POD_API int pod_verify(const pod_signature_t *sig, const pod_pubkey_t *pk, const void *msg, size_t msg_sz);

#ifdef __cplusplus
}
#endif
#endif
