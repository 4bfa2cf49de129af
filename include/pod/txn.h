/* Solana transactions: compact-u16, instructions compiled into a legacy message, signing, the
 * 1232-byte limit, and a strict zero-copy parser for legacy and v0 wire transactions.
 * Nothing here allocates. */
#ifndef POD_TXN_H
#define POD_TXN_H

#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_TXN_MTU 1232     /* max serialized transaction size */
#define POD_TXN_ACCT_MAX 64  /* max account keys in a message (static + loaded) */
#define POD_TXN_SIG_MAX 12   /* (1232 - 3) / (64 + 32) */
#define POD_TXN_INSTR_MAX 64 /* max instructions we build or parse */
#define POD_TXN_ALT_MAX 32   /* max address lookup tables in a v0 message */
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

/* Compiles instructions into a legacy message: keys deduplicated (flags merged by OR: a key
 * writable in any meta is writable, a signer in any meta is a signer), ordered writable signers
 * (fee payer first), read-only signers, writable non-signers, read-only non-signers, each group in
 * first-appearance order. "Appearance" runs: the fee payer, then for each instruction its account
 * metas in order and then its program id. Program IDs are added as read-only non-signers unless
 * also used as accounts (their flags are not demoted). Writes the message into out; *out_len (may
 * be NULL) gets its size.
 * POD_EINVAL for NULL arguments, or a program id equal to the fee payer (the runtime refuses it);
 * POD_ELIMIT for more than POD_TXN_ACCT_MAX keys or POD_TXN_INSTR_MAX instructions;
 * POD_ETOOLARGE (only if nothing else is wrong) if the signed transaction,
 * compact-u16(num_signers) + 64 * num_signers + message, would exceed POD_TXN_MTU;
 * POD_ENOSPC if out is too small. */
POD_API int pod_message_compile(uint8_t *out, size_t out_sz, size_t *out_len,
                                const pod_pubkey_t *fee_payer, const pod_instruction_t *ixs,
                                size_t ix_cnt, const uint8_t recent_blockhash[32]);

/* Signs a serialized message (legacy or v0) with the given keypairs and writes the wire
 * transaction (signature count, signatures in the order of the message's signer keys, message).
 * Each signer key is matched to a keypair by public key; every required signer must be among
 * `signers` (POD_EINVAL otherwise); extra keypairs are ignored. The message is checked by the same
 * rules as pod_txn_parse (POD_EDECODE if it breaks one), so what this signs, parse accepts.
 * POD_ETOOLARGE past POD_TXN_MTU, POD_ENOSPC if out is too small. msg may overlap out. */
POD_API int pod_txn_sign(uint8_t *out, size_t out_sz, size_t *out_len, const uint8_t *msg,
                         size_t msg_sz, const pod_keypair_t *const *signers, size_t signer_cnt);

/* Compile + sign in one step; the fee payer is the public key of signers[0] (POD_EINVAL if
 * there is none). Errors as pod_message_compile and pod_txn_sign. */
POD_API int pod_txn_build(uint8_t *out, size_t out_sz, size_t *out_len,
                          const pod_instruction_t *ixs, size_t ix_cnt,
                          const uint8_t recent_blockhash[32], const pod_keypair_t *const *signers,
                          size_t signer_cnt);

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
  uint16_t sig_off; /* first signature */
  uint16_t msg_off; /* the signed message */
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

/* Parses buf[0..sz) strictly (PROTOCOL.md §6.1): sz <= POD_TXN_MTU, minimal compact-u16s, a
 * legacy or v0 message (a first message byte 0x80; any other with the top bit set is refused),
 * signature count >= 1 and equal to num_required_signatures, num_readonly_signed below
 * num_required_signatures (the fee payer is writable), num_required_signatures +
 * num_readonly_unsigned <= static key count, no duplicate static keys, at most POD_TXN_ACCT_MAX
 * keys (static + loaded), POD_TXN_INSTR_MAX instructions and POD_TXN_ALT_MAX lookup tables, no
 * empty lookup table, every program index a static key other than the fee payer, every account
 * index below the total key count, no trailing bytes.
 * Never reads outside buf. Returns POD_OK, POD_ETOOLARGE if sz > POD_TXN_MTU, POD_EINVAL for
 * NULL arguments, else POD_EDECODE; on failure *out holds only scratch. */
POD_API int pod_txn_parse(pod_txn_t *out, const uint8_t *buf, size_t sz);
/* The same, and on failure *why (may be NULL) receives a static English sentence naming the rule
 * that failed (NULL on success). */
POD_API int pod_txn_parse_detail(pod_txn_t *out, const char **why, const uint8_t *buf, size_t sz);

/* Verifies every signature against its static key (signature i, key i, the whole message).
 * POD_OK or POD_ECRYPTO; POD_EINVAL for NULL arguments. */
POD_API int pod_txn_verify(const pod_txn_t *t, const uint8_t *buf);

/* Account keys of the message: static keys plus loaded (lookup-table) addresses. */
POD_API size_t pod_txn_acct_cnt(const pod_txn_t *t);
/* Pointer to signature i (signature 0 is the transaction id), NULL out of range. */
POD_API const pod_signature_t *pod_txn_signature(const pod_txn_t *t, const uint8_t *buf, size_t i);

/* Account index helpers for a parsed transaction (index over static keys then loaded ones);
 * 1 or 0, and 0 for an index out of range. */
POD_API int pod_txn_is_signer(const pod_txn_t *t, size_t idx);
/* Writability as the message header says (program-id demotion is the runtime's concern). */
POD_API int pod_txn_is_writable(const pod_txn_t *t, size_t idx);
/* Pointer to static key idx (NULL for loaded keys or out of range). The first
 * num_required_signatures keys are the signer keys, in signature order. */
POD_API const pod_pubkey_t *pod_txn_key(const pod_txn_t *t, const uint8_t *buf, size_t idx);
/* For a loaded account idx (acct_cnt <= idx < pod_txn_acct_cnt), the lookup table's address and
 * the index inside that table (either output may be NULL). Loaded accounts are numbered every
 * table's writable indexes in table order, then every table's read-only ones.
 * POD_ENOTFOUND for a static or out-of-range idx. */
POD_API int pod_txn_loaded_key(const pod_pubkey_t **table, uint8_t *table_idx, const pod_txn_t *t,
                               const uint8_t *buf, size_t idx);

#ifdef __cplusplus
}
#endif
#endif
