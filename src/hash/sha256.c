/* SHA-256: a thin wrapper over libsodium's crypto_hash_sha256, so the rest of the library (PDAs,
 * Merkle roots, payload hashes) has one spelling and callers need not include <sodium.h>. */
#include "pod/hash.h"

#include <sodium.h>

/* pod_sha256_t is the public, fixed-size home of libsodium's state: it must hold it and be at
 * least as strictly aligned, or the casts below would be undefined. */
_Static_assert(sizeof(crypto_hash_sha256_state) <= sizeof(pod_sha256_t),
               "pod_sha256_t too small for crypto_hash_sha256_state");
_Static_assert(_Alignof(crypto_hash_sha256_state) <= _Alignof(pod_sha256_t),
               "pod_sha256_t under-aligned for crypto_hash_sha256_state");

static crypto_hash_sha256_state *st(pod_sha256_t *h) {
  return (crypto_hash_sha256_state *)(void *)h->opaque;
}

void pod_sha256(uint8_t out[32], const void *data, size_t sz) {
  /* libsodium's SHA-256 is plain C without CPU dispatch: it needs no sodium_init(). */
  crypto_hash_sha256(out, (const unsigned char *)data, (unsigned long long)sz);
}

void pod_sha256_init(pod_sha256_t *h) { crypto_hash_sha256_init(st(h)); }

void pod_sha256_update(pod_sha256_t *h, const void *data, size_t sz) {
  crypto_hash_sha256_update(st(h), (const unsigned char *)data, (unsigned long long)sz);
}

void pod_sha256_final(pod_sha256_t *h, uint8_t out[32]) { crypto_hash_sha256_final(st(h), out); }
