/* Hashes: SHA-256 (libsodium), Keccak-256 (original Keccak padding 0x01, as Solana's
 * keccak::hash — not SHA3-256), BLAKE3 (hash mode, any output length) and SHA-1 (for the
 * WebSocket handshake only). None allocates. */
#ifndef POD_HASH_H
#define POD_HASH_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_HASH_SZ 32

/* ---- SHA-256 ---- */
typedef struct {
  uint64_t opaque[16]; /* libsodium's state (104 bytes); treat as opaque */
} pod_sha256_t;

/* One-shot and streaming forms give the same hash for any split of the input. A state may be
 * copied by assignment (pod_pda_find resumes from a copy of the seeds' prefix). data may be NULL
 * when sz is 0. final wipes h: call init before reusing it. */
POD_API void pod_sha256(uint8_t out[32], const void *data, size_t sz);
POD_API void pod_sha256_init(pod_sha256_t *h);
POD_API void pod_sha256_update(pod_sha256_t *h, const void *data, size_t sz);
POD_API void pod_sha256_final(pod_sha256_t *h, uint8_t out[32]);

/* ---- Keccak-256 ---- */
typedef struct {
  uint64_t a[25];
  size_t pos; /* bytes absorbed into the current 136-byte block */
} pod_keccak256_t;

/* As SHA-256 above; final leaves h in the initial state, ready for another message. */
POD_API void pod_keccak256(uint8_t out[32], const void *data, size_t sz);
POD_API void pod_keccak256_init(pod_keccak256_t *h);
POD_API void pod_keccak256_update(pod_keccak256_t *h, const void *data, size_t sz);
POD_API void pod_keccak256_final(pod_keccak256_t *h, uint8_t out[32]);

/* ---- BLAKE3 (hash mode) ---- */
typedef struct {
  uint32_t key[8];
  uint32_t cv[8];  /* chaining value of the current chunk */
  uint8_t buf[64]; /* current block */
  uint8_t buf_len;
  uint8_t blocks_compressed;
  uint64_t chunk_counter;
  uint8_t cv_stack_len;
  uint32_t cv_stack[54][8]; /* one per level of the chunk tree (2^54 chunks) */
} pod_blake3_t;

POD_API void pod_blake3(uint8_t out[32], const void *data, size_t sz);
POD_API void pod_blake3_init(pod_blake3_t *h);
POD_API void pod_blake3_update(pod_blake3_t *h, const void *data, size_t sz);
/* Writes out_sz bytes of output (extendable output: any length). Does not modify h, so more
 * input may follow. */
POD_API void pod_blake3_final(const pod_blake3_t *h, uint8_t *out, size_t out_sz);

/* ---- SHA-1 (FIPS 180-4) ----
 * Only where a protocol requires it: the WebSocket handshake's Sec-WebSocket-Accept (podd and the
 * client). SHA-1 is broken for collision resistance: never use it to identify or sign data.
 * data may be NULL when sz is 0. */
POD_API void pod_sha1(uint8_t out[20], const void *data, size_t sz);

#ifdef __cplusplus
}
#endif
#endif
