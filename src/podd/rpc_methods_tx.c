/* podd's JSON-RPC methods over transactions: sendTransaction (with Solana's preflight),
 * simulateTransaction, getSignatureStatuses, getTransaction and getSignaturesForAddress.
 *
 * Confirmation model: the ledger commits a transaction when it executes it (nothing waits for a
 * slot to end), so everything committed is final at once and is reported "finalized" with
 * confirmations null; a client waiting for "processed", "confirmed" or "finalized" gets it on its
 * first poll after sendTransaction returned. */
#include "rpc_internal.h"

#include <pod/encode.h>
#include <pod/errors.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TX_TYPE "solana_sdk::transaction::versioned::VersionedTransaction"
#define MAX_BASE58_TX 1683u /* Solana's golden sizes of an encoded 1232-byte transaction */
#define MAX_BASE64_TX 1644u
#define MAX_SIGNATURE_STATUSES 256u

/* ---- decoding a transaction parameter (Solana's decode_and_deserialize + sanitize) ---- */

static const char B58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

typedef enum { TXENC_BASE58, TXENC_BASE64 } txenc_t;

static int parse_tx_encoding(txenc_t *out, rpc_call_t *c, const pod_json_val *cfg) {
  const pod_json_val *e = pod_json_find(cfg, "encoding");
  *out = TXENC_BASE58;
  if (!e || pod_json_is_null(e)) return POD_OK;
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, e) != POD_OK) return rpc_type_error(c, e, "a string");
  if ((n == 6 && !memcmp(s, "base58", 6)) || (n == 6 && !memcmp(s, "binary", 6))) return POD_OK;
  if (n == 6 && !memcmp(s, "base64", 6)) {
    *out = TXENC_BASE64;
    return POD_OK;
  }
  if ((n == 4 && !memcmp(s, "json", 4)) || (n == 10 && !memcmp(s, "jsonParsed", 10)))
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "unsupported encoding: %s. Supported encodings: base58, base64", s);
  return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                  "Invalid params: unknown variant `%.64s`, expected one of `binary`, `base64`, "
                  "`base58`, `json`, `jsonParsed`.",
                  s);
}

/* Decodes params[0] into wire (at least 1300 bytes) and parses it. */
static int decode_tx(rpc_call_t *c, txenc_t enc, uint8_t *wire, size_t *wire_sz, pod_txn_t *t) {
  const pod_json_val *v = pod_json_at(c->params, 0);
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, v) != POD_OK) return rpc_type_error(c, v, "a string");
  size_t sz = 0;
  if (enc == TXENC_BASE58) {
    if (n > MAX_BASE58_TX)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                      "base58 encoded " TX_TYPE " too large: %zu bytes (max: encoded/raw %u/%u)", n,
                      MAX_BASE58_TX, POD_TXN_MTU);
    for (size_t i = 0; i < n; i++)
      if (!s[i] || !strchr(B58, s[i]))
        return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                        "invalid base58 encoding: InvalidCharacter { character: '%c', index: %zu }",
                        (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?', i);
    if (pod_base58_decode(wire, 1300, &sz, s, n) != POD_OK)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid base58 encoding: BufferTooSmall");
  } else {
    if (n > MAX_BASE64_TX)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                      "base64 encoded " TX_TYPE " too large: %zu bytes (max: encoded/raw %u/%u)", n,
                      MAX_BASE64_TX, POD_TXN_MTU);
    for (size_t i = 0; i < n; i++)
      if (s[i] != '=' && (!s[i] || !strchr(B64, s[i])))
        return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                        "invalid base64 encoding: InvalidByte(%zu, %u)", i,
                        (unsigned)(uint8_t)s[i]);
    if (n % 4)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid base64 encoding: InvalidLength");
    if (pod_base64_decode(wire, 1300, &sz, s, n) != POD_OK)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid base64 encoding: InvalidPadding");
  }
  if (sz > POD_TXN_MTU)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "decoded " TX_TYPE " too large: %zu bytes (max: %u bytes)", sz, POD_TXN_MTU);
  const char *why = NULL;
  int rc = pod_txn_parse_detail(t, &why, wire, sz);
  if (rc != POD_OK) {
    if (!why) why = "malformed";
    if (strstr(why, "truncated") || strstr(why, "missing") || strstr(why, "no signatures"))
      return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                      "failed to deserialize " TX_TYPE ": io error: unexpected end of file (%s)",
                      why);
    if (strstr(why, "duplicate account key"))
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid transaction: Account loaded twice");
    return rpc_fail(
        &c->err, RPC_INVALID_PARAMS,
        "invalid transaction: Transaction failed to sanitize accounts offsets correctly "
        "(%s)",
        why);
  }
  if (t->alt_cnt)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "invalid transaction: Transaction loads an address table account that doesn't "
                    "exist");
  *wire_sz = sz;
  return POD_OK;
}

/* ---- result pieces ---- */

static void write_return_data(pod_json_writer_t *w, const pod_ledger_result_t *r) {
  if (!r->return_data_sz && !r->return_data) {
    pod_json_put_null(w);
    return;
  }
  char b64[POD_BASE64_ENC_SZ(1024)];
  size_t n = 0;
  size_t len = r->return_data_sz > 1024 ? 1024 : r->return_data_sz;
  pod_base64_encode(b64, sizeof b64, &n, r->return_data, len);
  pod_json_begin_object(w);
  pod_json_put_key(w, "data");
  pod_json_begin_array(w);
  pod_json_put_str_n(w, b64, n);
  pod_json_put_str(w, "base64");
  pod_json_end_array(w);
  pod_json_put_key(w, "programId");
  rpc_write_pubkey(w, &r->return_program);
  pod_json_end_object(w);
}

/* The simulation result object (sendTransaction's preflight data and simulateTransaction's value)
 * without accounts (written by the caller when asked: accounts_fn). */
typedef void (*accounts_fn)(void *user, pod_json_writer_t *w);

static void write_sim_result(pod_json_writer_t *w, const pod_ledger_result_t *r, accounts_fn accts,
                             void *user, int inner, const uint8_t *replaced, uint64_t last_valid) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "accounts");
  if (accts)
    accts(user, w);
  else
    pod_json_put_null(w);
  pod_json_put_key(w, "err");
  rpc_write_tx_err(w, r->has_err, &r->err);
  pod_json_put_key(w, "innerInstructions"); /* CPIs are not recorded: [] when asked */
  if (inner) {
    pod_json_begin_array(w);
    pod_json_end_array(w);
  } else {
    pod_json_put_null(w);
  }
  pod_json_put_key(w, "logs");
  rpc_write_logs(w, r->logs, r->log_cnt);
  pod_json_put_key(w, "replacementBlockhash");
  if (replaced) {
    pod_json_begin_object(w);
    pod_json_put_key(w, "blockhash");
    rpc_write_hash(w, replaced);
    pod_json_put_key(w, "lastValidBlockHeight");
    pod_json_put_u64(w, last_valid);
    pod_json_end_object(w);
  } else {
    pod_json_put_null(w);
  }
  pod_json_put_key(w, "returnData");
  write_return_data(w, r);
  pod_json_put_key(w, "unitsConsumed");
  pod_json_put_u64(w, r->compute_units);
  pod_json_end_object(w);
}

/* -32002 "Transaction simulation failed: <err>" with the simulation result as data. */
static int preflight_failure(rpc_call_t *c, const pod_ledger_result_t *r) {
  char msg[POD_TX_ERROR_TEXT_SZ];
  if (pod_tx_error_message(msg, sizeof msg, NULL, &r->err) != POD_OK) strcpy(msg, "unknown error");
  rpc_fail(&c->err, RPC_PREFLIGHT_FAILURE, "Transaction simulation failed: %s", msg);
  pod_json_writer_reset(c->w);
  write_sim_result(c->w, r, NULL, NULL, 0, NULL, 0);
  c->err_data = 1;
  return POD_EPROGRAM;
}

static int sig_failure(rpc_call_t *c) {
  return rpc_fail(&c->err, RPC_SIGNATURE_VERIFICATION_FAILURE,
                  "Transaction signature verification failure");
}

/* A result that only carries a transaction-level error (AlreadyProcessed found by podd). */
static void error_only_result(pod_ledger_result_t *r, int kind) {
  memset(r, 0, sizeof *r);
  r->has_err = 1;
  r->err.kind = (uint8_t)kind;
}

/* ---- sendTransaction ---- */

int rpc_send_transaction(rpc_call_t *c) {
  const pod_json_val *cfg;
  txenc_t enc;
  int skip;
  uint64_t slot;
  if (rpc_params(c, 1, 2) || rpc_param_config(&cfg, c, 1) || parse_tx_encoding(&enc, c, cfg) ||
      rpc_cfg_bool(&skip, c, cfg, "skipPreflight", 0))
    return POD_EINVAL;
  const pod_json_val *mr = pod_json_find(cfg, "maxRetries");
  uint64_t retries;
  if (mr && !pod_json_is_null(mr) && pod_json_get_u64(&retries, mr) != POD_OK)
    return rpc_type_error(c, mr, "usize");
  if (rpc_parse_commitment(pod_json_find(cfg, "preflightCommitment"), &c->err) ||
      rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  uint8_t wire[1300];
  size_t wire_sz;
  pod_txn_t t;
  if (decode_tx(c, enc, wire, &wire_sz, &t)) return POD_EINVAL;
  const pod_signature_t *sig = pod_txn_signature(&t, wire, 0);
  pod_ledger *l = c->ctx->ledger;
  pod_ledger_result_t r;
  int rc;

  if (!skip) {
    /* Solana's order: signatures, then the simulation (blockhash, status cache, execution). The
     * signatures are verified once, by pod_ledger_process; a failed simulation checks them first
     * so that a bad signature is still reported as -32003. */
    pod_sig_status_t st;
    if (pod_ledger_signature_status(l, sig, &st) == POD_OK) {
      if (pod_txn_verify(&t, wire) != POD_OK) return sig_failure(c);
      error_only_result(&r, POD_TXERR_ALREADY_PROCESSED);
      return preflight_failure(c, &r);
    }
    pod_ledger_sim_opts_t so = {0, 0};
    rc = pod_ledger_simulate(l, wire, wire_sz, &so, &r);
    if (rc != POD_OK && rc != POD_EPROGRAM) {
      pod_ledger_result_free(&r);
      return rc;
    }
    if (r.has_err) {
      if (pod_txn_verify(&t, wire) != POD_OK)
        rc = sig_failure(c);
      else
        rc = preflight_failure(c, &r);
      pod_ledger_result_free(&r);
      return rc;
    }
    pod_ledger_result_free(&r);
  }
  rc = pod_ledger_process(l, wire, wire_sz, &r);
  if (rc != POD_OK && rc != POD_EPROGRAM) {
    pod_ledger_result_free(&r);
    return rc;
  }
  if (r.committed) rpc_count_tx(c->ctx, 1);
  if (!skip && !r.committed && r.has_err) {
    /* rejected before execution although the simulation passed (a race with another sender, or
     * a bad signature): answered as the preflight would have */
    rc = r.err.kind == POD_TXERR_SIGNATURE_FAILURE ? sig_failure(c) : preflight_failure(c, &r);
    pod_ledger_result_free(&r);
    return rc;
  }
  /* With skipPreflight a transaction that fails is committed (fee charged) and its signature
   * returned, as on a cluster; one rejected before execution (bad signature, unknown blockhash,
   * already processed, fee payer without funds) is dropped as a cluster drops it: the signature
   * is returned and never gets a status. */
  pod_ledger_result_free(&r);
  rpc_write_signature(c->w, sig);
  return POD_OK;
}

/* ---- simulateTransaction ---- */

typedef struct {
  rpc_call_t *c;
  const pod_json_val *addrs;
  rpc_encoding_t enc;
  int failed;
  int rc;
} sim_accts_t;

/* The accounts asked for: their committed state (the ledger does not return post-simulation
 * state: docs/PODD.md), all null when the simulation failed, as Solana. */
static void sim_accounts(void *user, pod_json_writer_t *w) {
  sim_accts_t *s = user;
  pod_json_begin_array(w);
  for (size_t i = 0; i < pod_json_len(s->addrs); i++) {
    pod_pubkey_t k;
    pod_account_t a;
    if (s->failed || rpc_parse_pubkey(&k, pod_json_at(s->addrs, i), &s->c->err) != POD_OK ||
        pod_ledger_get_account(s->c->ctx->ledger, &k, &a) != POD_OK) {
      pod_json_put_null(w);
      continue;
    }
    int rc = rpc_write_account(w, &k, &a, s->enc, NULL, &s->c->err);
    if (rc != POD_OK) s->rc = rc;
    pod_ledger_account_free(&a);
  }
  pod_json_end_array(w);
}

int rpc_simulate_transaction(rpc_call_t *c) {
  const pod_json_val *cfg;
  txenc_t enc;
  int sig_verify, replace, inner;
  uint64_t slot;
  if (rpc_params(c, 1, 2) || rpc_param_config(&cfg, c, 1) || parse_tx_encoding(&enc, c, cfg) ||
      rpc_cfg_bool(&sig_verify, c, cfg, "sigVerify", 0) ||
      rpc_cfg_bool(&replace, c, cfg, "replaceRecentBlockhash", 0) ||
      rpc_cfg_bool(&inner, c, cfg, "innerInstructions", 0) || rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  const pod_json_val *accts = pod_json_find(cfg, "accounts");
  sim_accts_t sa = {c, NULL, RPC_ENC_BASE64, 0, POD_OK};
  if (accts && !pod_json_is_null(accts)) {
    if (pod_json_type(accts) != POD_JSON_OBJECT) return rpc_type_error(c, accts, "an object");
    const pod_json_val *e = pod_json_find(accts, "encoding");
    if (e && !pod_json_is_null(e) && rpc_parse_encoding(&sa.enc, e, &c->err)) return POD_EINVAL;
    if (sa.enc == RPC_ENC_BASE58 || sa.enc == RPC_ENC_BINARY)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "base58 encoding not supported");
    sa.addrs = pod_json_find(accts, "addresses");
    if (pod_json_type(sa.addrs) != POD_JSON_ARRAY)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid params: missing field `addresses`.");
  }
  if (replace && sig_verify)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "sigVerify may not be used with replaceRecentBlockhash");
  uint8_t wire[1300];
  size_t wire_sz;
  pod_txn_t t;
  if (decode_tx(c, enc, wire, &wire_sz, &t)) return POD_EINVAL;
  if (sa.addrs) {
    size_t keys = pod_txn_acct_cnt(&t);
    if (pod_json_len(sa.addrs) > keys)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Too many accounts provided; max %zu", keys);
    for (size_t i = 0; i < pod_json_len(sa.addrs); i++) {
      pod_pubkey_t k;
      if (rpc_parse_pubkey(&k, pod_json_at(sa.addrs, i), &c->err)) return POD_EINVAL;
    }
  }
  if (sig_verify && pod_txn_verify(&t, wire) != POD_OK) return sig_failure(c);
  pod_ledger *l = c->ctx->ledger;
  pod_ledger_result_t r;
  uint8_t bh[32];
  uint64_t last_valid = 0;
  pod_sig_status_t st;
  int rc;
  if (!replace && pod_ledger_signature_status(l, pod_txn_signature(&t, wire, 0), &st) == POD_OK) {
    error_only_result(&r, POD_TXERR_ALREADY_PROCESSED);
    rc = POD_EPROGRAM;
  } else {
    pod_ledger_sim_opts_t so = {0, replace};
    if (replace && (rc = pod_ledger_latest_blockhash(l, bh, &last_valid)) != POD_OK) return rc;
    rc = pod_ledger_simulate(l, wire, wire_sz, &so, &r);
  }
  if (rc != POD_OK && rc != POD_EPROGRAM) {
    pod_ledger_result_free(&r);
    return rc;
  }
  sa.failed = r.has_err;
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  write_sim_result(c->w, &r, sa.addrs ? sim_accounts : NULL, &sa, inner, replace ? bh : NULL,
                   last_valid);
  pod_json_end_object(c->w);
  pod_ledger_result_free(&r);
  return sa.rc;
}

/* ---- getSignatureStatuses ---- */

int rpc_get_signature_statuses(rpc_call_t *c) {
  const pod_json_val *cfg;
  int search;
  if (rpc_params(c, 1, 2) || rpc_param_config(&cfg, c, 1) ||
      rpc_cfg_bool(&search, c, cfg, "searchTransactionHistory", 0))
    return POD_EINVAL;
  const pod_json_val *sigs = pod_json_at(c->params, 0);
  if (pod_json_type(sigs) != POD_JSON_ARRAY) return rpc_type_error(c, sigs, "a sequence");
  size_t n = pod_json_len(sigs);
  if (n > MAX_SIGNATURE_STATUSES)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Too many inputs provided; max %u",
                    MAX_SIGNATURE_STATUSES);
  pod_signature_t sig[MAX_SIGNATURE_STATUSES];
  for (size_t i = 0; i < n; i++)
    if (rpc_parse_signature(&sig[i], pod_json_at(sigs, i), &c->err)) return POD_EINVAL;
  pod_json_writer_t *w = c->w;
  pod_json_begin_object(w);
  rpc_write_context(w, pod_ledger_slot(c->ctx->ledger));
  pod_json_put_key(w, "value");
  pod_json_begin_array(w);
  for (size_t i = 0; i < n; i++) {
    pod_sig_status_t st;
    int rc = pod_ledger_signature_status(c->ctx->ledger, &sig[i], &st);
    if (rc == POD_ENOTFOUND) {
      pod_json_put_null(w);
      continue;
    }
    if (rc != POD_OK) return rc;
    pod_json_begin_object(w);
    pod_json_put_key(w, "confirmationStatus");
    pod_json_put_str(w, "finalized");
    pod_json_put_key(w, "confirmations");
    pod_json_put_null(w);
    pod_json_put_key(w, "err");
    rpc_write_tx_err(w, st.has_err, &st.err);
    pod_json_put_key(w, "slot");
    pod_json_put_u64(w, st.slot);
    pod_json_put_key(w, "status");
    pod_json_begin_object(w);
    pod_json_put_key(w, st.has_err ? "Err" : "Ok");
    rpc_write_tx_err(w, st.has_err, &st.err);
    pod_json_end_object(w);
    pod_json_end_object(w);
  }
  pod_json_end_array(w);
  pod_json_end_object(w);
  return POD_OK;
}

/* ---- getTransaction ---- */

/* "Method does not support commitment below `confirmed`" for processed. */
static int commitment_at_least_confirmed(rpc_call_t *c, const pod_json_val *cfg) {
  const pod_json_val *v = pod_json_find(cfg, "commitment");
  if (rpc_parse_commitment(v, &c->err)) return POD_EINVAL;
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, v) == POD_OK &&
      ((n == 9 && !memcmp(s, "processed", 9)) || (n == 6 && !memcmp(s, "recent", 6))))
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "Method does not support commitment below `confirmed`");
  return POD_OK;
}

/* Whether static key i is writable in the runtime's eyes: the header says so and it is neither
 * an invoked program nor a reserved id (Solana's is_maybe_writable, as jsonParsed shows it). */
static int key_writable(const pod_txn_t *t, const uint8_t *wire, size_t i) {
  if (!pod_txn_is_writable(t, i)) return 0;
  for (size_t k = 0; k < t->instr_cnt; k++)
    if (t->instr[k].program_idx == i) return 0;
  const pod_pubkey_t *key = pod_txn_key(t, wire, i);
  return !(key && (pod_pubkey_eq(key, &pod_system_program_id) ||
                   pod_pubkey_eq(key, &pod_compute_budget_program_id)));
}

/* The transaction in the "json" / "jsonParsed" encodings (instructions never parsed: every
 * program's instructions appear in their raw form, as Solana shows programs it cannot parse). */
static void write_tx_json(pod_json_writer_t *w, const pod_txn_t *t, const uint8_t *wire,
                          int parsed) {
  char b58[POD_BASE58_ENC_MAX(POD_TXN_MTU) + 2];
  pod_json_begin_object(w);
  pod_json_put_key(w, "message");
  pod_json_begin_object(w);
  pod_json_put_key(w, "accountKeys");
  pod_json_begin_array(w);
  for (size_t i = 0; i < t->acct_cnt; i++) {
    const pod_pubkey_t *k = pod_txn_key(t, wire, i);
    if (!parsed) {
      rpc_write_pubkey(w, k);
      continue;
    }
    pod_json_begin_object(w);
    pod_json_put_key(w, "pubkey");
    rpc_write_pubkey(w, k);
    pod_json_put_key(w, "signer");
    pod_json_put_bool(w, pod_txn_is_signer(t, i));
    pod_json_put_key(w, "source");
    pod_json_put_str(w, "transaction");
    pod_json_put_key(w, "writable");
    pod_json_put_bool(w, key_writable(t, wire, i));
    pod_json_end_object(w);
  }
  pod_json_end_array(w);
  if (t->version == POD_TXN_VERSION_0) {
    pod_json_put_key(w, "addressTableLookups");
    pod_json_begin_array(w);
    pod_json_end_array(w);
  }
  if (!parsed) {
    pod_json_put_key(w, "header");
    pod_json_begin_object(w);
    pod_json_put_key(w, "numReadonlySignedAccounts");
    pod_json_put_u64(w, t->num_readonly_signed);
    pod_json_put_key(w, "numReadonlyUnsignedAccounts");
    pod_json_put_u64(w, t->num_readonly_unsigned);
    pod_json_put_key(w, "numRequiredSignatures");
    pod_json_put_u64(w, t->num_required_signatures);
    pod_json_end_object(w);
  }
  pod_json_put_key(w, "instructions");
  pod_json_begin_array(w);
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    pod_json_begin_object(w);
    pod_json_put_key(w, "accounts");
    pod_json_begin_array(w);
    for (size_t k = 0; k < ix->acct_cnt; k++) {
      uint8_t idx = wire[ix->acct_off + k];
      if (parsed)
        rpc_write_pubkey(w, pod_txn_key(t, wire, idx));
      else
        pod_json_put_u64(w, idx);
    }
    pod_json_end_array(w);
    size_t n = 0;
    b58[0] = 0;
    pod_base58_encode(b58, sizeof b58, &n, wire + ix->data_off, ix->data_sz);
    pod_json_put_key(w, "data");
    pod_json_put_str_n(w, b58, n);
    if (parsed) {
      pod_json_put_key(w, "programId");
      rpc_write_pubkey(w, pod_txn_key(t, wire, ix->program_idx));
    } else {
      pod_json_put_key(w, "programIdIndex");
      pod_json_put_u64(w, ix->program_idx);
    }
    pod_json_put_key(w, "stackHeight");
    pod_json_put_null(w);
    pod_json_end_object(w);
  }
  pod_json_end_array(w);
  pod_json_put_key(w, "recentBlockhash");
  rpc_write_hash(w, wire + t->blockhash_off);
  pod_json_end_object(w);
  pod_json_put_key(w, "signatures");
  pod_json_begin_array(w);
  for (size_t i = 0; i < t->sig_cnt; i++)
    rpc_write_signature(w, pod_txn_signature(t, wire, i));
  pod_json_end_array(w);
  pod_json_end_object(w);
}

static void write_u64s(pod_json_writer_t *w, const uint64_t *v, size_t n) {
  pod_json_begin_array(w);
  for (size_t i = 0; i < n; i++)
    pod_json_put_u64(w, v[i]);
  pod_json_end_array(w);
}

static void empty_array(pod_json_writer_t *w) {
  pod_json_begin_array(w);
  pod_json_end_array(w);
}

static void write_meta(pod_json_writer_t *w, const pod_ledger_tx_t *tx) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "computeUnitsConsumed");
  pod_json_put_u64(w, tx->compute_units);
  pod_json_put_key(w, "err");
  rpc_write_tx_err(w, tx->has_err, &tx->err);
  pod_json_put_key(w, "fee");
  pod_json_put_u64(w, tx->fee);
  pod_json_put_key(w, "innerInstructions");
  empty_array(w);
  pod_json_put_key(w, "loadedAddresses");
  pod_json_begin_object(w);
  pod_json_put_key(w, "readonly");
  empty_array(w);
  pod_json_put_key(w, "writable");
  empty_array(w);
  pod_json_end_object(w);
  pod_json_put_key(w, "logMessages");
  rpc_write_logs(w, tx->logs, tx->log_cnt);
  pod_json_put_key(w, "postBalances");
  write_u64s(w, tx->post_balances, tx->account_cnt);
  pod_json_put_key(w, "postTokenBalances");
  empty_array(w);
  pod_json_put_key(w, "preBalances");
  write_u64s(w, tx->pre_balances, tx->account_cnt);
  pod_json_put_key(w, "preTokenBalances");
  empty_array(w);
  pod_json_put_key(w, "rewards");
  empty_array(w);
  pod_json_put_key(w, "status");
  pod_json_begin_object(w);
  pod_json_put_key(w, tx->has_err ? "Err" : "Ok");
  rpc_write_tx_err(w, tx->has_err, &tx->err);
  pod_json_end_object(w);
  pod_json_end_object(w);
}

int rpc_get_transaction(rpc_call_t *c) {
  pod_signature_t sig;
  if (rpc_params(c, 1, 2) || rpc_parse_signature(&sig, pod_json_at(c->params, 0), &c->err))
    return POD_EINVAL;
  /* the second param: a config object, or (deprecated) the encoding name alone */
  const pod_json_val *p1 = rpc_param(c, 1), *cfg = NULL, *encv = NULL;
  if (pod_json_type(p1) == POD_JSON_STRING)
    encv = p1;
  else if (rpc_param_config(&cfg, c, 1))
    return POD_EINVAL;
  else
    encv = pod_json_find(cfg, "encoding");
  rpc_encoding_t enc = RPC_ENC_BINARY; /* "json" below */
  int json = 1, parsed = 0;
  if (encv && !pod_json_is_null(encv)) {
    const char *s;
    size_t n;
    if (pod_json_get_str(&s, &n, encv) != POD_OK) return rpc_type_error(c, encv, "a string");
    if (n == 4 && !memcmp(s, "json", 4))
      json = 1;
    else if (n == 10 && !memcmp(s, "jsonParsed", 10))
      parsed = 1;
    else if ((n == 6 && !memcmp(s, "base64", 6)))
      json = 0, enc = RPC_ENC_BASE64;
    else if ((n == 6 && !memcmp(s, "base58", 6)) || (n == 6 && !memcmp(s, "binary", 6)))
      json = 0, enc = RPC_ENC_BASE58;
    else
      return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                      "Invalid params: unknown variant `%.64s`, expected one of `binary`, "
                      "`base64`, `base58`, `json`, `jsonParsed`.",
                      s);
  }
  if (commitment_at_least_confirmed(c, cfg)) return POD_EINVAL;
  const pod_json_val *mv = pod_json_find(cfg, "maxSupportedTransactionVersion");
  uint64_t max_version = 0;
  int has_max = mv && !pod_json_is_null(mv);
  if (has_max && (pod_json_get_u64(&max_version, mv) != POD_OK || max_version > 255))
    return rpc_type_error(c, mv, "u8");
  pod_ledger_tx_t *tx = NULL;
  int rc = pod_ledger_get_transaction(c->ctx->ledger, &sig, &tx);
  if (rc == POD_ENOTFOUND) {
    pod_json_put_null(c->w);
    return POD_OK;
  }
  if (rc != POD_OK) return rc;
  pod_txn_t t;
  if (pod_txn_parse(&t, tx->wire, tx->wire_sz) != POD_OK) {
    pod_ledger_tx_free(tx);
    return POD_EDECODE;
  }
  if (t.version == POD_TXN_VERSION_0 && !has_max) {
    pod_ledger_tx_free(tx);
    return rpc_fail(&c->err, RPC_UNSUPPORTED_TRANSACTION_VERSION,
                    "Transaction version (0) is not supported by the requesting client. Please try "
                    "the request again with the following configuration parameter: "
                    "\"maxSupportedTransactionVersion\": 0");
  }
  pod_json_writer_t *w = c->w;
  pod_json_begin_object(w);
  pod_json_put_key(w, "blockTime");
  pod_json_put_i64(w, tx->block_time);
  pod_json_put_key(w, "meta");
  write_meta(w, tx);
  pod_json_put_key(w, "slot");
  pod_json_put_u64(w, tx->slot);
  pod_json_put_key(w, "transaction");
  if (json || parsed) {
    write_tx_json(w, &t, tx->wire, parsed);
  } else if (enc == RPC_ENC_BASE58) { /* no 128-byte limit for transactions */
    char b58[POD_BASE58_ENC_MAX(POD_TXN_MTU) + 2];
    size_t n = 0;
    pod_base58_encode(b58, sizeof b58, &n, tx->wire, tx->wire_sz);
    pod_json_begin_array(w);
    pod_json_put_str_n(w, b58, n);
    pod_json_put_str(w, "base58");
    pod_json_end_array(w);
  } else {
    rpc_write_encoded_bytes(w, tx->wire, tx->wire_sz, enc, NULL);
  }
  if (has_max) {
    pod_json_put_key(w, "version");
    if (t.version == POD_TXN_VERSION_0)
      pod_json_put_u64(w, 0);
    else
      pod_json_put_str(w, "legacy");
  }
  pod_json_end_object(w);
  pod_ledger_tx_free(tx);
  return POD_OK;
}

/* ---- getSignaturesForAddress ---- */

int rpc_get_signatures_for_address(rpc_call_t *c) {
  pod_pubkey_t addr;
  const pod_json_val *cfg;
  uint64_t slot, limit = RPC_SIGNATURES_MAX;
  pod_signature_t before, until;
  int has_before = 0, has_until = 0;
  if (rpc_params(c, 1, 2) || rpc_param_pubkey(&addr, c, 0) || rpc_param_config(&cfg, c, 1) ||
      commitment_at_least_confirmed(c, cfg) || rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  const pod_json_val *v = pod_json_find(cfg, "limit");
  if (v && !pod_json_is_null(v) && pod_json_get_u64(&limit, v) != POD_OK)
    return rpc_type_error(c, v, "usize");
  if ((v = pod_json_find(cfg, "before")) && !pod_json_is_null(v)) {
    if (rpc_parse_signature(&before, v, &c->err)) return POD_EINVAL;
    has_before = 1;
  }
  if ((v = pod_json_find(cfg, "until")) && !pod_json_is_null(v)) {
    if (rpc_parse_signature(&until, v, &c->err)) return POD_EINVAL;
    has_until = 1;
  }
  if (limit == 0 || limit > RPC_SIGNATURES_MAX)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid limit; max %u", RPC_SIGNATURES_MAX);
  pod_sig_info_t *info = malloc(sizeof *info * (size_t)limit);
  if (!info) return POD_ENOMEM;
  size_t n = 0;
  int rc = pod_ledger_signatures_for_address(c->ctx->ledger, &addr, has_before ? &before : NULL,
                                             info, (size_t)limit, &n);
  if (rc == POD_ENOTFOUND) rc = POD_OK, n = 0; /* `before` unknown: nothing older to show */
  if (rc != POD_OK) {
    free(info);
    return rc;
  }
  pod_json_writer_t *w = c->w;
  pod_json_begin_array(w);
  for (size_t i = 0; i < n; i++) {
    if (has_until && !memcmp(info[i].signature.b, until.b, 64)) break; /* until is exclusive */
    pod_json_begin_object(w);
    pod_json_put_key(w, "blockTime");
    pod_json_put_i64(w, info[i].block_time);
    pod_json_put_key(w, "confirmationStatus");
    pod_json_put_str(w, "finalized");
    pod_json_put_key(w, "err");
    rpc_write_tx_err(w, info[i].has_err, &info[i].err);
    pod_json_put_key(w, "memo");
    pod_json_put_null(w);
    pod_json_put_key(w, "signature");
    rpc_write_signature(w, &info[i].signature);
    pod_json_put_key(w, "slot");
    pod_json_put_u64(w, info[i].slot);
    pod_json_end_object(w);
  }
  pod_json_end_array(w);
  free(info);
  return POD_OK;
}
