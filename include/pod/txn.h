/* Solana transactions: compact-u16, instructions compiled into a legacy message, signing, the
 * 1232-byte limit, and a strict zero-copy parser for legacy and v0 wire transactions.
 * Nothing here allocates. */
#ifndef POD_TXN_H
#define POD_TXN_H

#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_TXN_MTU 1232          /* max serialized transaction size */
#define POD_TXN_ACCT_MAX 64       /* max account keys in a message (static + loaded) */
#define POD_TXN_SIG_MAX 12        /* (1232 - 3) / (64 + 32) */
#define POD_TXN_INSTR_MAX 64      /* max instructions we build or parse */
#define POD_TXN_ALT_MAX 32        /* max address lookup tables in a v0 message */
#define POD_TXN_VERSION_LEGACY 0xFF
#define POD_TXN_VERSION_0 0

/* ---- compact-u16 ("shortvec") ---- */
/* Writes 1..3 bytes; returns the count. */
POD_API size_t pod_cu16_encode(uint8_t out[3], uint16_t v);
/* Reads a minimal encoding from buf[0..sz): returns bytes consumed (1..3), or POD_EDECODE for
 * truncated, non-minimal or > 0xFFFF input. */
POD_API int pod_cu16_decode(uint16_t *v, const uint8_t *buf, size_t sz);

/* ---- building ---- */
typedef struct {
  pod_pubkey_t pubkey;
  uint8_t is_signer;
  uint8_t is_writable;
} pod_account_meta_t;

typedef struct {
  pod_pubkey_t program_id;
  const pod_account_meta_t *accounts;
  size_t account_cnt;
  const uint8_t *data;
  size_t data_sz;
} pod_instruction_t;

/* Compiles instructions into a legacy message: keys deduplicated (flags merged by OR), ordered
 * writable signers (fee payer first), read-only signers, writable non-signers, read-only
 * non-signers, each group in first-appearance order; program IDs are added as read-only
 * non-signers unless also used as accounts. Writes the message into out; *out_len gets its size.
 * POD_ELIMIT for more than POD_TXN_ACCT_MAX keys or POD_TXN_INSTR_MAX instructions,
 * POD_ETOOLARGE if the signed transaction would exceed POD_TXN_MTU, POD_ENOSPC if out is too
 * small. */
POD_API int pod_message_compile(uint8_t *out, size_t out_sz, size_t *out_len,
                                const pod_pubkey_t *fee_payer, const pod_instruction_t *ixs,
                                size_t ix_cnt, const uint8_t recent_blockhash[32]);

/* Signs a serialized message (legacy or v0) with the given keypairs and writes the wire
 * transaction (signature count, signatures in the order of the message's signer keys, message).
 * Every required signer must be among `signers` (POD_EINVAL otherwise); extra keypairs are
 * ignored. POD_ETOOLARGE past POD_TXN_MTU. */
POD_API int pod_txn_sign(uint8_t *out, size_t out_sz, size_t *out_len, const uint8_t *msg,
                         size_t msg_sz, const pod_keypair_t *const *signers, size_t signer_cnt);

/* Compile + sign in one step; the fee payer is the public key of signers[0]. */
POD_API int pod_txn_build(uint8_t *out, size_t out_sz, size_t *out_len, const pod_instruction_t *ixs,
                          size_t ix_cnt, const uint8_t recent_blockhash[32],
                          const pod_keypair_t *const *signers, size_t signer_cnt);

/* ---- parsing ---- */
typedef struct {
  uint8_t program_idx;
  uint16_t acct_cnt;
  uint16_t acct_off; /* offset of the u8 account indices in the transaction buffer */
  uint16_t data_sz;
  uint16_t data_off;
} pod_txn_instr_t;

typedef struct {
  uint16_t addr_off; /* offset of the table's 32-byte address */
  uint8_t writable_cnt;
  uint16_t writable_off;
  uint8_t readonly_cnt;
  uint16_t readonly_off;
} pod_txn_alt_t;

/* A parsed transaction: offsets into the caller's buffer, which must outlive it. */
typedef struct {
  uint8_t version; /* POD_TXN_VERSION_LEGACY or POD_TXN_VERSION_0 */
  uint8_t sig_cnt;
  uint16_t sig_off;  /* first signature */
  uint16_t msg_off;  /* the signed message */
  uint16_t msg_sz;
  uint8_t num_required_signatures;
  uint8_t num_readonly_signed;
  uint8_t num_readonly_unsigned;
  uint8_t acct_cnt;  /* static keys */
  uint16_t acct_off; /* first static key */
  uint16_t blockhash_off;
  uint16_t instr_cnt;
  uint8_t alt_cnt;
  uint16_t loaded_writable_cnt; /* total over the lookup tables */
  uint16_t loaded_readonly_cnt;
  pod_txn_instr_t instr[POD_TXN_INSTR_MAX];
  pod_txn_alt_t alt[POD_TXN_ALT_MAX];
} pod_txn_t;

/* Parses buf[0..sz) strictly: sz <= POD_TXN_MTU, minimal compact-u16s, signature count equal to
 * num_required_signatures, header counts consistent, no duplicate static keys, every index in
 * range (including loaded addresses), program ids not the fee payer, no trailing bytes.
 * Never reads outside buf. POD_EDECODE with nothing written to *out beyond scratch on failure. */
POD_API int pod_txn_parse(pod_txn_t *out, const uint8_t *buf, size_t sz);

/* Verifies every signature against its static key. POD_OK or POD_ECRYPTO. */
POD_API int pod_txn_verify(const pod_txn_t *t, const uint8_t *buf);

/* Account index helpers for a parsed transaction (index over static keys then loaded ones). */
POD_API int pod_txn_is_signer(const pod_txn_t *t, size_t idx);
/* Writability as the message header says (program-id demotion is the runtime's concern). */
POD_API int pod_txn_is_writable(const pod_txn_t *t, size_t idx);
/* Pointer to static key idx (NULL for loaded keys or out of range). */
POD_API const pod_pubkey_t *pod_txn_key(const pod_txn_t *t, const uint8_t *buf, size_t idx);

#ifdef __cplusplus
}
#endif
#endif
