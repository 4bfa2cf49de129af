/* Content codecs (content.h): CIDv1 raw/sha2-256 in base32, and the sealed-box format. Nothing
 * here allocates or talks to a network: content.c stores and fetches, these name and seal. */
#include <sodium.h>
#include <string.h>

#include "pod/content.h"
#include "pod/hash.h"

/* ================================ CIDs ================================ */

/* The multibase prefix and binary header of every CID we make: CIDv1 (0x01), raw (0x55),
 * sha2-256 (0x12), 32-byte digest (0x20). All four are single-byte varints. */
static const uint8_t CID_HEAD[4] = {0x01, 0x55, 0x12, 0x20};
static const char B32[] = "abcdefghijklmnopqrstuvwxyz234567"; /* RFC 4648, lower case */

char *pod_cid_from_digest(char out[POD_CID_MAX], const uint8_t digest[32]) {
  uint8_t bin[POD_CID_BIN_SZ];
  memcpy(bin, CID_HEAD, 4);
  memcpy(bin + 4, digest, 32);
  size_t k = 0;
  out[k++] = 'b';
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < sizeof bin; i++) {
    acc = (acc << 8) | bin[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out[k++] = B32[(acc >> bits) & 31];
    }
  }
  if (bits > 0) out[k++] = B32[(acc << (5 - bits)) & 31];
  out[k] = 0;
  return out;
}

char *pod_cid_of(char out[POD_CID_MAX], const void *data, size_t n) {
  uint8_t d[32];
  pod_sha256(d, data, n);
  return pod_cid_from_digest(out, d);
}

static int b32_val(char ch) {
  if (ch >= 'a' && ch <= 'z') return ch - 'a';
  if (ch >= 'A' && ch <= 'Z') return ch - 'A';
  if (ch >= '2' && ch <= '7') return ch - '2' + 26;
  return -1;
}

int pod_cid_parse(uint8_t digest[32], const char *s, size_t len) {
  if (!digest || !s || len != POD_CID_LEN) return POD_EDECODE;
  int upper = s[0] == 'B';
  if (s[0] != 'b' && !upper) return POD_EDECODE;
  uint8_t bin[POD_CID_BIN_SZ];
  size_t k = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 1; i < len; i++) {
    char ch = s[i];
    /* one case throughout, as multibase says: 'b' is lower, 'B' upper */
    if ((upper && ch >= 'a' && ch <= 'z') || (!upper && ch >= 'A' && ch <= 'Z')) return POD_EDECODE;
    int v = b32_val(ch);
    if (v < 0) return POD_EDECODE;
    acc = (acc << 5) | (uint32_t)v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      if (k == sizeof bin) return POD_EDECODE;
      bin[k++] = (uint8_t)(acc >> bits);
    }
    acc &= (1u << bits) - 1;
  }
  /* 58 characters carry 290 bits: 288 of CID and 2 that must be zero */
  if (k != sizeof bin || acc != 0) return POD_EDECODE;
  if (memcmp(bin, CID_HEAD, 4) != 0) return POD_EDECODE;
  memcpy(digest, bin + 4, 32);
  return POD_OK;
}

/* ============================ sealed boxes ============================ */

#define OFF_VERSION 4
#define OFF_SENDER 5
#define OFF_RECIPIENT 37
#define OFF_NONCE 69
#define AD_SZ OFF_NONCE /* the associated data: magic, version and both keys */

static const uint8_t MAGIC[4] = {POD_SEAL_MAGIC0, 'P', 'O', 'D'};

int pod_seal_is_sealed(const uint8_t *box, size_t n) {
  return box && n >= 4 && memcmp(box, MAGIC, 4) == 0;
}

int pod_seal_decode(pod_seal_t *out, const uint8_t *box, size_t n) {
  if (!out || !box) return POD_EDECODE;
  if (n < POD_SEAL_OVERHEAD || n > POD_CONTENT_BLOCK_MAX) return POD_EDECODE;
  if (memcmp(box, MAGIC, 4) != 0 || box[OFF_VERSION] != POD_SEAL_VERSION) return POD_EDECODE;
  out->version = box[OFF_VERSION];
  memcpy(out->sender.b, box + OFF_SENDER, 32);
  memcpy(out->recipient.b, box + OFF_RECIPIENT, 32);
  memcpy(out->nonce, box + OFF_NONCE, 24);
  out->ct = box + POD_SEAL_HDR_SZ;
  out->ct_sz = n - POD_SEAL_HDR_SZ;
  return POD_OK;
}

/* The symmetric key both ends derive: mine is my secret key (kp), peer the other end's ed25519
 * public key; sender/recipient give the order of the X25519 public keys in the hash. */
static int seal_key(uint8_t key[32], const pod_keypair_t *kp, const pod_pubkey_t *peer,
                    int i_am_sender) {
  uint8_t my_sk[32], my_pk[32], peer_pk[32], shared[32];
  int rc = POD_ECRYPTO;
  if (crypto_sign_ed25519_sk_to_curve25519(my_sk, kp->b) != 0 ||
      crypto_sign_ed25519_pk_to_curve25519(my_pk, kp->b + 32) != 0 ||
      crypto_sign_ed25519_pk_to_curve25519(peer_pk, peer->b) != 0)
    goto out;
  if (crypto_scalarmult(shared, my_sk, peer_pk) != 0) goto out; /* a low-order point */
  crypto_generichash_state h;
  crypto_generichash_init(&h, NULL, 0, 32);
  crypto_generichash_update(&h, (const uint8_t *)"pod-seal-v1", 11);
  crypto_generichash_update(&h, shared, 32);
  crypto_generichash_update(&h, i_am_sender ? my_pk : peer_pk, 32);
  crypto_generichash_update(&h, i_am_sender ? peer_pk : my_pk, 32);
  crypto_generichash_final(&h, key, 32);
  sodium_memzero(&h, sizeof h);
  rc = POD_OK;
out:
  sodium_memzero(my_sk, sizeof my_sk);
  sodium_memzero(shared, sizeof shared);
  return rc;
}

int pod_seal(uint8_t *out, size_t out_sz, size_t *out_n, const pod_keypair_t *kp,
             const pod_pubkey_t *recipient, const void *plain, size_t n) {
  if (!out || !out_n || !kp || !recipient || (!plain && n)) return POD_EINVAL;
  if (n > POD_SEAL_PLAIN_MAX) return POD_ETOOLARGE;
  if (out_sz < n + POD_SEAL_OVERHEAD) return POD_ENOSPC;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  uint8_t key[32];
  int rc = seal_key(key, kp, recipient, 1);
  if (rc != POD_OK) return rc;
  memcpy(out, MAGIC, 4);
  out[OFF_VERSION] = POD_SEAL_VERSION;
  memcpy(out + OFF_SENDER, kp->b + 32, 32);
  memcpy(out + OFF_RECIPIENT, recipient->b, 32);
  randombytes_buf(out + OFF_NONCE, 24);
  if (!plain) plain = "";
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + POD_SEAL_HDR_SZ, &clen, plain, n, out, AD_SZ,
                                             NULL, out + OFF_NONCE, key);
  sodium_memzero(key, sizeof key);
  *out_n = POD_SEAL_HDR_SZ + (size_t)clen;
  return POD_OK;
}

int pod_seal_open(uint8_t *out, size_t out_sz, size_t *out_n, const pod_keypair_t *kp,
                  const uint8_t *box, size_t n) {
  if (!out_n || !kp || (!out && out_sz)) return POD_EINVAL;
  pod_seal_t s;
  if (pod_seal_decode(&s, box, n) != POD_OK) return POD_EDECODE;
  const pod_pubkey_t *peer;
  int i_am_sender;
  if (memcmp(kp->b + 32, s.recipient.b, 32) == 0) {
    peer = &s.sender;
    i_am_sender = 0;
  } else if (memcmp(kp->b + 32, s.sender.b, 32) == 0) {
    peer = &s.recipient;
    i_am_sender = 1;
  } else {
    return POD_EPERM;
  }
  size_t plain_n = s.ct_sz - POD_SEAL_TAG_SZ;
  if (out_sz < plain_n) return POD_ENOSPC;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  uint8_t key[32];
  /* a header key that is not a curve point cannot have sealed this box */
  if (seal_key(key, kp, peer, i_am_sender) != POD_OK) return POD_EDECODE;
  uint8_t none;
  if (!out) out = &none; /* an empty payload: libsodium still wants a pointer */
  unsigned long long mlen = 0;
  int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(out, &mlen, NULL, s.ct, s.ct_sz, box, AD_SZ,
                                                       s.nonce, key);
  sodium_memzero(key, sizeof key);
  if (bad) {
    if (out && out_sz) sodium_memzero(out, plain_n);
    return POD_EDECODE;
  }
  *out_n = (size_t)mlen;
  return POD_OK;
}
