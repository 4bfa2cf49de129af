/* podd's JSON-RPC methods over the ledger's state: cluster information, slots and blockhashes,
 * fees and rent, balances and accounts, the faucet, and the performance counters. Shapes and
 * messages follow Solana's node (Agave 2.1); docs/PODD.md lists the differences. */
#include "rpc_internal.h"

#include <pod/encode.h>

#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;

/* ---- node ---- */

int rpc_get_health(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  pod_json_put_str(c->w, "ok");
  return POD_OK;
}

int rpc_get_version(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  pod_json_begin_object(c->w);
  pod_json_put_key(c->w, "feature-set");
  pod_json_put_u64(c->w, RPC_FEATURE_SET);
  pod_json_put_key(c->w, "solana-core");
  pod_json_put_str(c->w, RPC_SOLANA_CORE_VERSION);
  pod_json_end_object(c->w);
  return POD_OK;
}

int rpc_get_identity(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  pod_json_begin_object(c->w);
  pod_json_put_key(c->w, "identity");
  rpc_write_pubkey(c->w, &c->ctx->identity);
  pod_json_end_object(c->w);
  return POD_OK;
}

int rpc_get_genesis_hash(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  rpc_write_hash(c->w, c->ctx->genesis);
  return POD_OK;
}

/* ---- slots ---- */

/* [config] → the context slot */
static int context_only(rpc_call_t *c, uint64_t *slot) {
  const pod_json_val *cfg;
  if (rpc_params(c, 0, 1) || rpc_param_config(&cfg, c, 0) || rpc_context_slot(c, cfg, slot))
    return POD_EINVAL;
  return POD_OK;
}

int rpc_get_slot(rpc_call_t *c) {
  uint64_t slot;
  if (context_only(c, &slot)) return POD_EINVAL;
  pod_json_put_u64(c->w, slot);
  return POD_OK;
}

/* Every slot has a block here (no leaders, no skipped slots): block height == slot. */
int rpc_get_block_height(rpc_call_t *c) { return rpc_get_slot(c); }

int rpc_get_epoch_info(rpc_call_t *c) {
  uint64_t slot;
  if (context_only(c, &slot)) return POD_EINVAL;
  pod_json_writer_t *w = c->w;
  pod_json_begin_object(w);
  pod_json_put_key(w, "absoluteSlot");
  pod_json_put_u64(w, slot);
  pod_json_put_key(w, "blockHeight");
  pod_json_put_u64(w, slot);
  pod_json_put_key(w, "epoch");
  pod_json_put_u64(w, slot / RPC_SLOTS_PER_EPOCH);
  pod_json_put_key(w, "slotIndex");
  pod_json_put_u64(w, slot % RPC_SLOTS_PER_EPOCH);
  pod_json_put_key(w, "slotsInEpoch");
  pod_json_put_u64(w, RPC_SLOTS_PER_EPOCH);
  pod_json_put_key(w, "transactionCount"); /* the ledger exposes no total (docs/PODD.md) */
  pod_json_put_null(w);
  pod_json_end_object(w);
  return POD_OK;
}

int rpc_get_epoch_schedule(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  pod_json_writer_t *w = c->w;
  pod_json_begin_object(w);
  pod_json_put_key(w, "firstNormalEpoch");
  pod_json_put_u64(w, 0);
  pod_json_put_key(w, "firstNormalSlot");
  pod_json_put_u64(w, 0);
  pod_json_put_key(w, "leaderScheduleSlotOffset");
  pod_json_put_u64(w, RPC_SLOTS_PER_EPOCH);
  pod_json_put_key(w, "slotsPerEpoch");
  pod_json_put_u64(w, RPC_SLOTS_PER_EPOCH);
  pod_json_put_key(w, "warmup");
  pod_json_put_bool(w, 0);
  pod_json_end_object(w);
  return POD_OK;
}

int rpc_get_latest_blockhash(rpc_call_t *c) {
  uint64_t slot, last_valid;
  uint8_t hash[32];
  if (context_only(c, &slot)) return POD_EINVAL;
  int rc = pod_ledger_latest_blockhash(c->ctx->ledger, hash, &last_valid);
  if (rc != POD_OK) return rc;
  pod_json_writer_t *w = c->w;
  pod_json_begin_object(w);
  rpc_write_context(w, slot);
  pod_json_put_key(w, "value");
  pod_json_begin_object(w);
  pod_json_put_key(w, "blockhash");
  rpc_write_hash(w, hash);
  pod_json_put_key(w, "lastValidBlockHeight");
  pod_json_put_u64(w, last_valid);
  pod_json_end_object(w);
  pod_json_end_object(w);
  return POD_OK;
}

int rpc_is_blockhash_valid(rpc_call_t *c) {
  uint8_t hash[32];
  const pod_json_val *cfg;
  uint64_t slot;
  if (rpc_params(c, 1, 2) || rpc_parse_hash(hash, pod_json_at(c->params, 0), &c->err) ||
      rpc_param_config(&cfg, c, 1) || rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  pod_json_put_bool(c->w, pod_ledger_blockhash_valid(c->ctx->ledger, hash));
  pod_json_end_object(c->w);
  return POD_OK;
}

/* ---- fees and rent ---- */

/* The fee of a parsed message, by the ledger's rule (docs/LEDGER.md, pipeline step 5): 5000 per
 * signature + ceil(price × limit / 10^6), the limit being the requested one or 200 000 per
 * non-builtin and 3 000 per builtin instruction, at most 1.4 M. */
static uint64_t message_fee(const pod_txn_t *t, const uint8_t *buf) {
  uint64_t price = 0, limit = 0;
  int has_limit = 0;
  size_t builtin = 0, other = 0;
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    const pod_pubkey_t *prog = pod_txn_key(t, buf, ix->program_idx);
    const uint8_t *d = buf + ix->data_off;
    if (prog && pod_pubkey_eq(prog, &pod_compute_budget_program_id)) {
      builtin++;
      if (ix->data_sz == 5 && d[0] == 2) {
        limit = (uint64_t)d[1] | (uint64_t)d[2] << 8 | (uint64_t)d[3] << 16 | (uint64_t)d[4] << 24;
        has_limit = 1;
      } else if (ix->data_sz == 9 && d[0] == 3) {
        price = 0;
        for (int k = 8; k >= 1; k--)
          price = price << 8 | d[k];
      }
    } else if (prog && pod_pubkey_eq(prog, &pod_system_program_id)) {
      builtin++;
    } else {
      other++;
    }
  }
  if (!has_limit)
    limit = (uint64_t)other * POD_DEFAULT_CU_LIMIT + (uint64_t)builtin * POD_BUILTIN_CU_LIMIT;
  if (limit > POD_MAX_CU_LIMIT) limit = POD_MAX_CU_LIMIT;
  u128 prio = ((u128)price * limit + 999999u) / 1000000u;
  uint64_t fee = (uint64_t)t->num_required_signatures * POD_LAMPORTS_PER_SIGNATURE;
  return prio > (u128)(UINT64_MAX - fee) ? UINT64_MAX : fee + (uint64_t)prio;
}

int rpc_get_fee_for_message(rpc_call_t *c) {
  const pod_json_val *cfg;
  uint64_t slot;
  const char *s;
  size_t n;
  if (rpc_params(c, 1, 2) || rpc_param_config(&cfg, c, 1) || rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  if (pod_json_get_str(&s, &n, pod_json_at(c->params, 0)) != POD_OK)
    return rpc_type_error(c, pod_json_at(c->params, 0), "a string");
  /* the message, behind a signature section of zero signatures so the transaction parser checks
   * it by the same rules as every transaction */
  static const char TYPE[] = "solana_sdk::message::versioned::VersionedMessage";
  if (n > 1644)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "base64 encoded %s too large: %zu bytes (max: encoded/raw 1644/1232)", TYPE, n);
  uint8_t msg[1300];
  size_t msg_sz = 0;
  int rc = pod_base64_decode(msg, sizeof msg, &msg_sz, s, n);
  if (rc != POD_OK)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid base64 encoding: %s",
                    rc == POD_ENOSPC ? "InvalidLength" : "InvalidByte");
  if (msg_sz == 0)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "failed to deserialize %s: io error: unexpected end of file", TYPE);
  size_t nsig = (msg[0] & 0x80) ? (msg_sz > 1 ? msg[1] : 0) : msg[0];
  uint8_t wire[3 + 64 * 255 + sizeof msg];
  size_t off = pod_cu16_encode(wire, (uint16_t)nsig);
  memset(wire + off, 0, 64 * nsig);
  off += 64 * nsig;
  memcpy(wire + off, msg, msg_sz);
  pod_txn_t t;
  const char *why = NULL;
  rc = pod_txn_parse_detail(&t, &why, wire, off + msg_sz);
  if (rc == POD_ETOOLARGE)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "decoded %s too large: %zu bytes (max: 1232 bytes)", TYPE, msg_sz);
  if (rc != POD_OK)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "invalid transaction message: %s",
                    why ? why : "malformed");
  const uint8_t *bh = wire + t.blockhash_off;
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  if (pod_ledger_blockhash_valid(c->ctx->ledger, bh))
    pod_json_put_u64(c->w, message_fee(&t, wire));
  else
    pod_json_put_null(c->w);
  pod_json_end_object(c->w);
  return POD_OK;
}

int rpc_get_min_balance_for_rent(rpc_call_t *c) {
  const pod_json_val *cfg;
  uint64_t len;
  if (rpc_params(c, 1, 2) || rpc_param_config(&cfg, c, 1) ||
      rpc_parse_commitment(pod_json_find(cfg, "commitment"), &c->err))
    return POD_EINVAL;
  if (pod_json_get_u64(&len, pod_json_at(c->params, 0)) != POD_OK)
    return rpc_type_error(c, pod_json_at(c->params, 0), "usize");
  if (len > POD_MAX_PERMITTED_DATA_LENGTH)
    return rpc_fail(&c->err, RPC_INVALID_REQUEST, "Invalid request");
  pod_json_put_u64(c->w, pod_rent_exempt_min(len));
  return POD_OK;
}

/* ---- balances and accounts ---- */

int rpc_get_balance(rpc_call_t *c) {
  pod_pubkey_t key;
  const pod_json_val *cfg;
  uint64_t slot;
  if (rpc_params(c, 1, 2) || rpc_param_pubkey(&key, c, 0) || rpc_param_config(&cfg, c, 1) ||
      rpc_context_slot(c, cfg, &slot))
    return POD_EINVAL;
  uint64_t lamports = pod_ledger_balance(c->ctx->ledger, &key);
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  pod_json_put_u64(c->w, lamports);
  pod_json_end_object(c->w);
  return POD_OK;
}

/* Writes one account (or null) of getAccountInfo/getMultipleAccounts. */
static int write_one_account(rpc_call_t *c, const pod_pubkey_t *key,
                             const rpc_account_config_t *ac) {
  pod_account_t a;
  int rc = pod_ledger_get_account(c->ctx->ledger, key, &a);
  if (rc == POD_ENOTFOUND) {
    pod_json_put_null(c->w);
    return POD_OK;
  }
  if (rc != POD_OK) return rc;
  rc = rpc_write_account(c->w, key, &a, ac->encoding, &ac->slice, &c->err);
  pod_ledger_account_free(&a);
  return rc;
}

static int account_config(rpc_call_t *c, size_t i, rpc_account_config_t *ac, uint64_t *slot) {
  const pod_json_val *cfg;
  if (rpc_param_config(&cfg, c, i) || rpc_parse_account_config(ac, cfg, RPC_ENC_BINARY, &c->err) ||
      rpc_context_slot(c, cfg, slot))
    return POD_EINVAL;
  return POD_OK;
}

int rpc_get_account_info(rpc_call_t *c) {
  pod_pubkey_t key;
  rpc_account_config_t ac;
  uint64_t slot;
  if (rpc_params(c, 1, 2) || rpc_param_pubkey(&key, c, 0) || account_config(c, 1, &ac, &slot))
    return POD_EINVAL;
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  int rc = write_one_account(c, &key, &ac);
  pod_json_end_object(c->w);
  return rc;
}

int rpc_get_multiple_accounts(rpc_call_t *c) {
  rpc_account_config_t ac;
  uint64_t slot;
  if (rpc_params(c, 1, 2)) return POD_EINVAL;
  const pod_json_val *keys = pod_json_at(c->params, 0);
  if (pod_json_type(keys) != POD_JSON_ARRAY) return rpc_type_error(c, keys, "a sequence");
  size_t n = pod_json_len(keys);
  if (n > RPC_MULTIPLE_ACCOUNTS_MAX)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Too many inputs provided; max %u",
                    RPC_MULTIPLE_ACCOUNTS_MAX);
  pod_pubkey_t pk[RPC_MULTIPLE_ACCOUNTS_MAX];
  for (size_t i = 0; i < n; i++)
    if (rpc_parse_pubkey(&pk[i], pod_json_at(keys, i), &c->err)) return POD_EINVAL;
  if (account_config(c, 1, &ac, &slot)) return POD_EINVAL;
  pod_json_begin_object(c->w);
  rpc_write_context(c->w, slot);
  pod_json_put_key(c->w, "value");
  pod_json_begin_array(c->w);
  int rc = POD_OK;
  for (size_t i = 0; i < n && rc == POD_OK; i++)
    rc = write_one_account(c, &pk[i], &ac);
  pod_json_end_array(c->w);
  pod_json_end_object(c->w);
  return rc;
}

/* getProgramAccounts collects the matches (copies), sorts them by key when asked (Solana's
 * sortResults, default true) and writes them. */
typedef struct {
  pod_pubkey_t key;
  pod_account_t acct;
} kacct_t;

typedef struct {
  kacct_t *v;
  size_t n, cap;
  size_t bytes, max_bytes;
  int err; /* POD_ENOMEM / POD_ETOOLARGE */
} collect_t;

static int collect_cb(void *user, const pod_pubkey_t *key, const pod_account_t *a) {
  collect_t *col = user;
  if (a->data_sz > col->max_bytes - col->bytes) {
    col->err = POD_ETOOLARGE;
    return 1;
  }
  if (col->n == col->cap) {
    size_t cap = col->cap ? col->cap * 2 : 64;
    kacct_t *v = realloc(col->v, cap * sizeof *v);
    if (!v) {
      col->err = POD_ENOMEM;
      return 1;
    }
    col->v = v;
    col->cap = cap;
  }
  kacct_t *k = &col->v[col->n];
  k->key = *key;
  k->acct = *a;
  k->acct.data = NULL;
  if (a->data_sz) {
    k->acct.data = malloc(a->data_sz);
    if (!k->acct.data) {
      col->err = POD_ENOMEM;
      return 1;
    }
    memcpy(k->acct.data, a->data, a->data_sz);
  }
  col->bytes += a->data_sz;
  col->n++;
  return 0;
}

static int kacct_cmp(const void *a, const void *b) {
  return memcmp(((const kacct_t *)a)->key.b, ((const kacct_t *)b)->key.b, 32);
}

int rpc_get_program_accounts(rpc_call_t *c) {
  pod_pubkey_t program;
  rpc_account_config_t ac;
  rpc_filters_t filters;
  uint64_t slot;
  const pod_json_val *cfg;
  int with_context, sort;
  if (rpc_params(c, 1, 2) || rpc_param_pubkey(&program, c, 0) || account_config(c, 1, &ac, &slot))
    return POD_EINVAL;
  rpc_param_config(&cfg, c, 1);
  if (rpc_parse_filters(&filters, pod_json_find(cfg, "filters"), &c->err) ||
      rpc_cfg_bool(&with_context, c, cfg, "withContext", 0) ||
      rpc_cfg_bool(&sort, c, cfg, "sortResults", 1))
    return POD_EINVAL;
  pod_account_filter_t lf;
  pod_memcmp_t mc[RPC_FILTERS_MAX];
  collect_t col = {NULL, 0, 0, 0, c->w->max ? c->w->max : POD_JSON_WRITER_MAX_DEFAULT, 0};
  int rc = POD_OK;
  if (rpc_filters_to_ledger(&lf, mc, &filters))
    rc = pod_ledger_get_accounts_by_owner(c->ctx->ledger, &program, &lf, collect_cb, &col, NULL);
  if (rc == POD_OK && col.err == POD_ETOOLARGE) {
    rpc_fail(&c->err, RPC_SCAN_ERROR, "Scan results exceed the response limit (%zu bytes)",
             col.max_bytes);
    rc = POD_ETOOLARGE;
  } else if (rc == POD_OK && col.err) {
    rc = col.err;
  }
  if (rc == POD_OK) {
    if (sort && col.n > 1) qsort(col.v, col.n, sizeof *col.v, kacct_cmp);
    pod_json_writer_t *w = c->w;
    if (with_context) {
      pod_json_begin_object(w);
      rpc_write_context(w, slot);
      pod_json_put_key(w, "value");
    }
    pod_json_begin_array(w);
    for (size_t i = 0; i < col.n && rc == POD_OK; i++)
      rc = rpc_write_keyed_account(w, &col.v[i].key, &col.v[i].acct, ac.encoding, &ac.slice,
                                   &c->err);
    pod_json_end_array(w);
    if (with_context) pod_json_end_object(w);
  }
  for (size_t i = 0; i < col.n; i++)
    free(col.v[i].acct.data);
  free(col.v);
  return rc;
}

/* ---- faucet ---- */

int rpc_request_airdrop(rpc_call_t *c) {
  pod_pubkey_t to;
  uint64_t lamports;
  const pod_json_val *cfg;
  if (rpc_params(c, 2, 3) || rpc_param_pubkey(&to, c, 0) || rpc_param_config(&cfg, c, 2) ||
      rpc_parse_commitment(pod_json_find(cfg, "commitment"), &c->err))
    return POD_EINVAL;
  if (pod_json_get_u64(&lamports, pod_json_at(c->params, 1)) != POD_OK)
    return rpc_type_error(c, pod_json_at(c->params, 1), "u64");
  pod_signature_t sig;
  pod_tx_error_t terr;
  int rc = pod_ledger_airdrop(c->ctx->ledger, &sig, &terr, &to, lamports);
  if (rc == POD_OK) {
    rpc_count_tx(c->ctx, 1);
    rpc_write_signature(c->w, &sig);
    return POD_OK;
  }
  /* Solana's node answers every faucet refusal with -32603; the message says why. */
  if (rc == POD_ELIMIT)
    return rpc_fail(&c->err, RPC_INTERNAL_ERROR,
                    "Internal error: airdrop of %llu lamports is over the faucet's limit of %llu "
                    "lamports per request",
                    (unsigned long long)lamports, (unsigned long long)c->ctx->opts.faucet_lamports);
  if (rc == POD_EINVAL)
    return rpc_fail(&c->err, RPC_INTERNAL_ERROR,
                    "Internal error: airdrop of 0 lamports (ask for at least 1)");
  if (rc == POD_EPROGRAM) {
    char msg[POD_TX_ERROR_TEXT_SZ];
    if (pod_tx_error_message(msg, sizeof msg, NULL, &terr) != POD_OK) strcpy(msg, "failed");
    return rpc_fail(&c->err, RPC_INTERNAL_ERROR, "Internal error: airdrop transaction failed: %s",
                    msg);
  }
  return rpc_fail(&c->err, RPC_INTERNAL_ERROR, "Internal error: %s", pod_strerror(rc));
}

/* ---- fees, performance, blocks ---- */

/* Every slot's prioritization fee is reported as 0: podd has no fee market (any price lands).
 * Solana answers with the slots of its recent-fee cache (up to 150); so do we. */
int rpc_get_recent_prioritization_fees(rpc_call_t *c) {
  if (rpc_params(c, 0, 1)) return POD_EINVAL;
  const pod_json_val *a = rpc_param(c, 0);
  if (a) {
    if (pod_json_type(a) != POD_JSON_ARRAY) return rpc_type_error(c, a, "a sequence");
    if (pod_json_len(a) > 128)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Too many inputs provided; max 128");
    for (size_t i = 0; i < pod_json_len(a); i++) {
      pod_pubkey_t k;
      if (rpc_parse_pubkey(&k, pod_json_at(a, i), &c->err)) return POD_EINVAL;
    }
  }
  uint64_t slot = pod_ledger_slot(c->ctx->ledger);
  uint64_t first = slot >= POD_MAX_RECENT_BLOCKHASHES ? slot - POD_MAX_RECENT_BLOCKHASHES + 1 : 0;
  pod_json_begin_array(c->w);
  for (uint64_t s = first; s <= slot; s++) {
    pod_json_begin_object(c->w);
    pod_json_put_key(c->w, "prioritizationFee");
    pod_json_put_u64(c->w, 0);
    pod_json_put_key(c->w, "slot");
    pod_json_put_u64(c->w, s);
    pod_json_end_object(c->w);
  }
  pod_json_end_array(c->w);
  return POD_OK;
}

int rpc_get_recent_performance_samples(rpc_call_t *c) {
  uint64_t limit = RPC_SAMPLES_MAX;
  if (rpc_params(c, 0, 1)) return POD_EINVAL;
  const pod_json_val *l = rpc_param(c, 0);
  if (l && pod_json_get_u64(&limit, l) != POD_OK) return rpc_type_error(c, l, "usize");
  if (limit > RPC_SAMPLES_MAX)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid limit; max %u", RPC_SAMPLES_MAX);
  rpc_sample_t *s = malloc(sizeof *s * RPC_SAMPLES_MAX);
  if (!s) return POD_ENOMEM;
  size_t n = rpc_samples(c->ctx, s, (size_t)limit);
  pod_json_begin_array(c->w);
  for (size_t i = 0; i < n; i++) {
    pod_json_begin_object(c->w);
    pod_json_put_key(c->w, "numNonVoteTransactions"); /* no votes here: all are non-vote */
    pod_json_put_u64(c->w, s[i].num_tx);
    pod_json_put_key(c->w, "numSlots");
    pod_json_put_u64(c->w, s[i].num_slots);
    pod_json_put_key(c->w, "numTransactions");
    pod_json_put_u64(c->w, s[i].num_tx);
    pod_json_put_key(c->w, "samplePeriodSecs");
    pod_json_put_u64(c->w, RPC_SAMPLE_PERIOD_MS / 1000);
    pod_json_put_key(c->w, "slot");
    pod_json_put_u64(c->w, s[i].slot);
    pod_json_end_object(c->w);
  }
  pod_json_end_array(c->w);
  free(s);
  return POD_OK;
}

/* The unix time of a past slot, from the current slot's time and the slot length. */
int rpc_get_block_time(rpc_call_t *c) {
  uint64_t slot;
  if (rpc_params(c, 1, 1)) return POD_EINVAL;
  if (pod_json_get_u64(&slot, pod_json_at(c->params, 0)) != POD_OK)
    return rpc_type_error(c, pod_json_at(c->params, 0), "u64");
  uint64_t cur = pod_ledger_slot(c->ctx->ledger);
  if (slot > cur)
    return rpc_fail(&c->err, RPC_BLOCK_NOT_AVAILABLE, "Block not available for slot %llu",
                    (unsigned long long)slot);
  int64_t now = pod_ledger_now(c->ctx->ledger);
  uint64_t back_s = (cur - slot) * c->ctx->opts.slot_ms / 1000u;
  pod_json_put_i64(c->w, now - (int64_t)(back_s > (uint64_t)now ? (uint64_t)now : back_s));
  return POD_OK;
}

int rpc_get_first_available_block(rpc_call_t *c) {
  if (rpc_params(c, 0, 0)) return POD_EINVAL;
  pod_json_put_u64(c->w, 0);
  return POD_OK;
}

int rpc_minimum_ledger_slot(rpc_call_t *c) { return rpc_get_first_available_block(c); }
