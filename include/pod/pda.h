/* Program-derived addresses, exactly as Solana's create_program_address/find_program_address.
 *
 * The on-curve test is curve25519-dalek's CompressedEdwardsY::decompress(): y taken mod p with the
 * sign bit cleared, no canonical/small-order/subgroup checks. (libsodium's
 * crypto_core_ed25519_is_valid_point is a different test and would give wrong bumps.) */
#ifndef POD_PDA_H
#define POD_PDA_H

#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_PDA_MAX_SEEDS 16 /* including the bump */
#define POD_PDA_MAX_SEED_LEN 32

typedef struct {
  const void *data;
  size_t len;
} pod_seed_t;

/* 1 if the 32 bytes decompress to a point of the ed25519 curve, else 0. */
POD_API int pod_ed25519_on_curve(const uint8_t b[32]);

/* SHA-256(seeds... || program_id || "ProgramDerivedAddress"), accepted only off the curve.
 * POD_ETOOLARGE: more than 16 seeds or a seed over 32 bytes. POD_ENOPDA: the hash is on the curve.
 */
POD_API int pod_pda_create(pod_pubkey_t *out, const pod_seed_t *seeds, size_t seed_cnt,
                           const pod_pubkey_t *program_id);

/* Tries bumps 255 down to 1 (seeds plus the one-byte bump; so at most 15 seeds here) and returns
 * the first address off the curve and its bump (may be NULL). POD_ETOOLARGE as above,
 * POD_ENOPDA if no bump works. */
POD_API int pod_pda_find(pod_pubkey_t *out, uint8_t *bump, const pod_seed_t *seeds, size_t seed_cnt,
                         const pod_pubkey_t *program_id);

#ifdef __cplusplus
}
#endif
#endif
