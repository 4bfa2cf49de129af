/* The System program (11111111111111111111111111111111), natively: CreateAccount, Assign,
 * Transfer, Allocate with Agave's checks, messages and errors. It is written against the
 * public pod_exec_* interface, exactly as the PoD program plugs in.
 *
 * Instruction data is bincode: u32 LE tag, then the fields; trailing bytes are accepted (Solana's
 * limited_deserialize allows them). Other System instructions (the *WithSeed variants, nonces)
 * fail with InvalidInstructionData: nothing in this project sends them. */
#include "ledger_internal.h"

#include <stdio.h>
#include <string.h>

enum {
  SYS_ACCOUNT_ALREADY_IN_USE = 0,
  SYS_RESULT_WITH_NEGATIVE_LAMPORTS = 1,
  SYS_INVALID_ACCOUNT_DATA_LENGTH = 3
};

static void msgf(pod_exec_ctx *ctx, const char *fmt, const pod_pubkey_t *k, const char *tail) {
  char b58[POD_PUBKEY_B58_SZ], line[256];
  snprintf(line, sizeof line, fmt, pod_pubkey_to_base58(b58, k), tail ? tail : "");
  pod_exec_log_raw(ctx, line);
}

static int allocate(pod_exec_ctx *ctx, size_t i, uint64_t space) {
  const pod_pubkey_t *k = pod_exec_key(ctx, i);
  if (!pod_exec_is_signer(ctx, i)) {
    msgf(ctx, "Allocate: 'to' account Address { address: %s, base: None } must sign", k, NULL);
    return pod_exec_fail(ctx, POD_IXERR_MISSING_REQUIRED_SIGNATURE, NULL);
  }
  size_t len;
  pod_exec_data(ctx, i, &len);
  if (len || memcmp(pod_exec_owner(ctx, i)->b, pod_system_program_id.b, 32)) {
    msgf(ctx, "Allocate: account Address { address: %s, base: None } already in use", k, NULL);
    return pod_exec_custom(ctx, SYS_ACCOUNT_ALREADY_IN_USE);
  }
  if (space > POD_MAX_PERMITTED_DATA_LENGTH) {
    char line[128];
    snprintf(line, sizeof line, "Allocate: requested %llu, max allowed %u",
             (unsigned long long)space, POD_MAX_PERMITTED_DATA_LENGTH);
    pod_exec_log_raw(ctx, line);
    return pod_exec_custom(ctx, SYS_INVALID_ACCOUNT_DATA_LENGTH);
  }
  return pod_exec_set_data_len(ctx, i, (size_t)space);
}

static int assign(pod_exec_ctx *ctx, size_t i, const pod_pubkey_t *owner) {
  if (!memcmp(pod_exec_owner(ctx, i)->b, owner->b, 32)) return 0;
  if (!pod_exec_is_signer(ctx, i)) {
    msgf(ctx, "Assign: account Address { address: %s, base: None } must sign", pod_exec_key(ctx, i),
         NULL);
    return pod_exec_fail(ctx, POD_IXERR_MISSING_REQUIRED_SIGNATURE, NULL);
  }
  return pod_exec_set_owner(ctx, i, owner);
}

static int transfer(pod_exec_ctx *ctx, size_t from, size_t to, uint64_t lamports) {
  if (!pod_exec_is_signer(ctx, from)) {
    msgf(ctx, "Transfer: `from` account %s must sign", pod_exec_key(ctx, from), NULL);
    return pod_exec_fail(ctx, POD_IXERR_MISSING_REQUIRED_SIGNATURE, NULL);
  }
  size_t len;
  pod_exec_data(ctx, from, &len);
  if (len) {
    pod_exec_log_raw(ctx, "Transfer: `from` must not carry data");
    return pod_exec_fail(ctx, POD_IXERR_INVALID_ARGUMENT, NULL);
  }
  uint64_t have = pod_exec_lamports(ctx, from);
  if (lamports > have) {
    char line[128];
    snprintf(line, sizeof line, "Transfer: insufficient lamports %llu, need %llu",
             (unsigned long long)have, (unsigned long long)lamports);
    pod_exec_log_raw(ctx, line);
    return pod_exec_custom(ctx, SYS_RESULT_WITH_NEGATIVE_LAMPORTS);
  }
  int rc = pod_exec_set_lamports(ctx, from, have - lamports);
  if (rc) return rc;
  uint64_t dst = pod_exec_lamports(ctx, to);
  if (dst > UINT64_MAX - lamports) return pod_exec_fail(ctx, POD_IXERR_ARITHMETIC_OVERFLOW, NULL);
  return pod_exec_set_lamports(ctx, to, dst + lamports);
}

int lg_system_exec(pod_exec_ctx *ctx, const pod_ix_view *ix) {
  const uint8_t *d = ix->data;
  size_t n = ix->data_sz;
  if (n < 4) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
  uint32_t tag = lg_rd32(d);
  switch (tag) {
  case 0: { /* CreateAccount { lamports, space, owner } */
    if (n < 52) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
    if (ix->acct_cnt < 2) return pod_exec_fail(ctx, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, NULL);
    uint64_t lamports = lg_rd64(d + 4), space = lg_rd64(d + 12);
    pod_pubkey_t owner;
    memcpy(owner.b, d + 20, 32);
    if (pod_exec_lamports(ctx, 1) > 0) {
      msgf(ctx, "Create Account: account Address { address: %s, base: None } already in use",
           pod_exec_key(ctx, 1), NULL);
      return pod_exec_custom(ctx, SYS_ACCOUNT_ALREADY_IN_USE);
    }
    int rc = allocate(ctx, 1, space);
    if (!rc) rc = assign(ctx, 1, &owner);
    if (!rc) rc = transfer(ctx, 0, 1, lamports);
    return rc;
  }
  case 1: { /* Assign { owner } */
    if (n < 36) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
    if (ix->acct_cnt < 1) return pod_exec_fail(ctx, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, NULL);
    pod_pubkey_t owner;
    memcpy(owner.b, d + 4, 32);
    return assign(ctx, 0, &owner);
  }
  case 2: { /* Transfer { lamports } */
    if (n < 12) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
    if (ix->acct_cnt < 2) return pod_exec_fail(ctx, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, NULL);
    return transfer(ctx, 0, 1, lg_rd64(d + 4));
  }
  case 8: { /* Allocate { space } */
    if (n < 12) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
    if (ix->acct_cnt < 1) return pod_exec_fail(ctx, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, NULL);
    return allocate(ctx, 0, lg_rd64(d + 4));
  }
  default: return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
  }
}
