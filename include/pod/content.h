/* Content: message payloads stored off-chain, addressed by hash (docs/SDK.md, "Content").
 *
 * A payload is stored as one raw IPFS block and named by its CIDv1 (codec raw 0x55, multihash
 * sha2-256, multibase base32 lower: "bafkrei..."). The CID's digest IS the SHA-256 of the stored
 * bytes, i.e. the payload_hash of the message account: the CID of a message's content follows from
 * the on-chain account alone. Kubo makes the same CID with add?cid-version=1&raw-leaves=true for
 * payloads up to one chunk (256 KiB, POD_CONTENT_BLOCK_MAX).
 *
 * Where content lives: pod_client_opts_t.content_url (an IPFS HTTP API base URL, e.g. Kubo's
 * "http://127.0.0.1:5001"); NULL/"" means the endpoint itself: podd serves /api/v0/add and
 * /api/v0/cat from <ledger>/content/, and an embedded client reads and writes that folder directly.
 *
 * Sealed payloads (POD_MESSAGE_ENCRYPT): X25519 keys converted from the sender's and the
 * recipient's ed25519 keys, XChaCha20-Poly1305; the sender and the recipient can both open them,
 * nobody else. The format (POD_SEAL_*) is documented byte for byte in docs/SDK.md. */
#ifndef POD_CONTENT_H
#define POD_CONTENT_H

#include "services.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_CID_MAX 96 /* a CID as text, NUL included */
/* largest payload (one IPFS block). Not POD_CONTENT_MAX: validate.h has that name already (the
 * 1000-byte content of broadcast_message). */
#define POD_CONTENT_BLOCK_MAX (256u << 10)

/* Stores data; cid receives its CID. */
POD_API int pod_content_put(char cid[POD_CID_MAX], pod_client *c, const void *data, size_t n);
/* Fetches the bytes of cid (checked against the CID's hash: POD_EDECODE if they differ); *data
 * allocated, free with pod_content_free. POD_ENOTFOUND if absent. */
POD_API int pod_content_get(uint8_t **data, size_t *n, pod_client *c, const char *cid);
POD_API void pod_content_free(void *p);

#define POD_MESSAGE_ENCRYPT 1u
/* A direct message whose payload is stored off-chain: stores the payload (sealed for the
 * recipient when flags & POD_MESSAGE_ENCRYPT), then send_message with payload_hash = SHA-256 of
 * the stored bytes. cid (may be NULL) receives the CID. */
POD_API int pod_message_send_content(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ],
                                     char cid[POD_CID_MAX], pod_client *c,
                                     const pod_pubkey_t *recipient, const void *payload, size_t n,
                                     pod_message_type_t type, unsigned flags);
/* Fetches the payload of the message at its PDA, checks it against the on-chain payload hash,
 * decrypts it when sealed (for the signer). *encrypted (may be NULL) = 1 if it was sealed.
 * POD_ENOTFOUND if the message or its content is absent; POD_EPERM if sealed for someone else. */
POD_API int pod_message_read(uint8_t **payload, size_t *n, int *encrypted, pod_client *c,
                             const pod_pubkey_t *message);

/* ========================= the folder store ========================= */
/* What an embedded client and podd use: one file per payload in the folder dir (created if
 * missing), named by its CID, written atomically (a temporary file, fsync, rename). */

/* Stores data[0..n) (n <= POD_CONTENT_BLOCK_MAX, else POD_ETOOLARGE) in dir; cid receives its CID.
 * POD_EIO if the folder cannot be created or written. */
POD_API int pod_content_dir_put(char cid[POD_CID_MAX], const char *dir, const void *data, size_t n);
/* Reads the payload named cid from dir, checked against the CID's digest (POD_EDECODE if the file
 * differs, or cid is not a CID pod_cid_parse accepts). POD_ENOTFOUND if absent, POD_ETOOLARGE if
 * the file is over POD_CONTENT_BLOCK_MAX, POD_EIO. *data: free with pod_content_free. */
POD_API int pod_content_dir_get(uint8_t **data, size_t *n, const char *dir, const char *cid);

/* ================================ CIDs ================================ */

#define POD_CID_BIN_SZ 36 /* 0x01 (CIDv1) 0x55 (raw) 0x12 (sha2-256) 0x20 (32) digest[32] */
#define POD_CID_LEN 59    /* 'b' + 58 base32 characters */

/* The CIDv1 (raw, sha2-256, base32 lower) of a SHA-256 digest, NUL-terminated. Returns out. */
POD_API char *pod_cid_from_digest(char out[POD_CID_MAX], const uint8_t digest[32]);
/* The CID of data (SHA-256 of the bytes). Returns out. */
POD_API char *pod_cid_of(char out[POD_CID_MAX], const void *data, size_t n);
/* Parses a CID of len characters into its SHA-256 digest. Accepts exactly CIDv1, codec raw,
 * multihash sha2-256 (32 bytes), multibase base32 ('b' lower or 'B' upper, no padding), no
 * trailing bits. POD_EDECODE for anything else (CIDv0 "Qm...", dag-pb, other hashes or bases). */
POD_API int pod_cid_parse(uint8_t digest[32], const char *s, size_t len);

/* ============================ sealed boxes ============================ */
/* Version 1, byte for byte:
 *   [0..4)    magic 0x8C 'P' 'O' 'D' (0x8C cannot start UTF-8 text)
 *   [4]       version 1
 *   [5..37)   the sender's ed25519 public key
 *   [37..69)  the recipient's ed25519 public key
 *   [69..93)  nonce (24 random bytes)
 *   [93..n)   XChaCha20-Poly1305 ciphertext of the payload followed by its 16-byte tag
 * key = BLAKE2b-256("pod-seal-v1" || X25519 shared secret || sender X25519 pk || recipient
 * X25519 pk), the X25519 keys converted from the ed25519 ones (libsodium's
 * crypto_sign_ed25519_*_to_curve25519); the associated data is bytes [0..69). */
#define POD_SEAL_MAGIC0 0x8Cu
#define POD_SEAL_VERSION 1u
#define POD_SEAL_HDR_SZ 93
#define POD_SEAL_TAG_SZ 16
#define POD_SEAL_OVERHEAD (POD_SEAL_HDR_SZ + POD_SEAL_TAG_SZ)
#define POD_SEAL_PLAIN_MAX                                                                         \
  (POD_CONTENT_BLOCK_MAX - POD_SEAL_OVERHEAD) /* largest sealed payload                            \
                                               */

typedef struct {
  uint8_t version;
  pod_pubkey_t sender;    /* ed25519 */
  pod_pubkey_t recipient; /* ed25519 */
  uint8_t nonce[24];
  const uint8_t *ct; /* ciphertext || tag, points into the box */
  size_t ct_sz;      /* >= POD_SEAL_TAG_SZ */
} pod_seal_t;

/* 1 if box starts with the sealed-box magic (4 bytes), else 0. */
POD_API int pod_seal_is_sealed(const uint8_t *box, size_t n);
/* Decodes the header of a sealed box (no crypto). POD_EDECODE if the magic, version or size is
 * wrong (shorter than POD_SEAL_OVERHEAD, or larger than POD_CONTENT_BLOCK_MAX). */
POD_API int pod_seal_decode(pod_seal_t *out, const uint8_t *box, size_t n);
/* Seals plain[0..n) from kp for recipient into out (n + POD_SEAL_OVERHEAD bytes, *out_n).
 * POD_ENOSPC if out_sz is short, POD_ETOOLARGE if n > POD_SEAL_PLAIN_MAX, POD_ECRYPTO if a key
 * does not convert to X25519 (not a valid curve point). */
POD_API int pod_seal(uint8_t *out, size_t out_sz, size_t *out_n, const pod_keypair_t *kp,
                     const pod_pubkey_t *recipient, const void *plain, size_t n);
/* Opens a sealed box with kp, which must be its sender's or its recipient's key (else POD_EPERM).
 * out receives the payload (ct_sz - 16 bytes; POD_ENOSPC if out_sz is short). POD_EDECODE if the
 * box is malformed or does not authenticate (tampered, or a forged header). */
POD_API int pod_seal_open(uint8_t *out, size_t out_sz, size_t *out_n, const pod_keypair_t *kp,
                          const uint8_t *box, size_t n);

#ifdef __cplusplus
}
#endif

#endif
