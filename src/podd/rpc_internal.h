/* Internals of podd's JSON-RPC dispatcher (rpc.c) shared with its method files
 * (rpc_methods.c: state and accounts; rpc_methods_tx.c: transactions and signatures). */
#ifndef PODD_RPC_INTERNAL_H
#define PODD_RPC_INTERNAL_H

#include "rpc.h"
#include "rpc_encode.h"
#include "rpc_pubsub.h"

#include <pthread.h>

/* getRecentPerformanceSamples: one sample per RPC_SAMPLE_PERIOD_MS, the last RPC_SAMPLES_MAX
 * kept (Solana: 60 s, 720). */
#define RPC_SAMPLE_PERIOD_MS 60000u
#define RPC_SAMPLES_MAX 720u
#define RPC_BATCH_MAX 100u /* requests in one batch */
#define RPC_MULTIPLE_ACCOUNTS_MAX 100u
#define RPC_SIGNATURES_MAX 1000u    /* getSignaturesForAddress limit, getSignatureStatuses count */
#define RPC_SLOTS_PER_EPOCH 432000u /* Solana's default epoch schedule (no warm-up) */

typedef struct {
  uint64_t slot; /* the slot at the end of the period */
  uint64_t num_slots;
  uint64_t num_tx;
} rpc_sample_t;

struct rpc_ctx {
  pod_ledger *ledger;
  rpc_opts_t opts;
  pubsub *ps;
  pod_pubkey_t identity; /* derived from the genesis hash: stable for a ledger */
  uint8_t genesis[32];

  /* transaction counters and performance samples, under mu */
  pthread_mutex_t mu;
  uint64_t period_start_ms; /* monotonic */
  uint64_t period_start_slot;
  uint64_t period_tx;
  uint64_t total_tx; /* committed through this process since it started */
  rpc_sample_t samples[RPC_SAMPLES_MAX];
  size_t sample_next, sample_cnt;
};

/* One method call. The handler writes its result value into w and returns POD_OK; or sets err
 * (rpc_fail) and returns non-zero — with err_data set, w then holds the error's "data" value
 * (the handler resets w before writing it). */
typedef struct {
  rpc_ctx *ctx;
  const pod_json_val *params; /* an array, or NULL when absent/null */
  pod_json_writer_t *w;
  rpc_error_t err;
  int err_data;
} rpc_call_t;

typedef int (*rpc_method_fn)(rpc_call_t *c);

/* ---- params ---- */
/* Checks the positional params: an array (or absent) of at least min and at most max entries.
 * POD_OK, or err set (jsonrpc-core's messages). */
int rpc_params(rpc_call_t *c, size_t min, size_t max);
/* params[i], NULL if absent; JSON null counts as absent for optional params. */
const pod_json_val *rpc_param(const rpc_call_t *c, size_t i);
/* Required base58 pubkey / signature / hash at params[i]: "Invalid param: WrongSize" /
 * "Invalid param: Invalid" as Solana. */
int rpc_param_pubkey(pod_pubkey_t *out, rpc_call_t *c, size_t i);
int rpc_parse_pubkey(pod_pubkey_t *out, const pod_json_val *v, rpc_error_t *err);
int rpc_parse_signature(pod_signature_t *out, const pod_json_val *v, rpc_error_t *err);
int rpc_parse_hash(uint8_t out[32], const pod_json_val *v, rpc_error_t *err);
/* An optional config object at params[i] (NULL if absent or null); err if not an object. */
int rpc_param_config(const pod_json_val **out, rpc_call_t *c, size_t i);
/* Reads "commitment" and "minContextSlot" of cfg (may be NULL) and returns the context slot
 * in *slot: -32016 when minContextSlot is ahead of it. */
int rpc_context_slot(rpc_call_t *c, const pod_json_val *cfg, uint64_t *slot);
/* A bool member of cfg (default when absent/null); err if not a bool. */
int rpc_cfg_bool(int *out, rpc_call_t *c, const pod_json_val *cfg, const char *key, int dflt);
/* "Invalid params: invalid type: <found>, expected <what>." */
int rpc_type_error(rpc_call_t *c, const pod_json_val *v, const char *what);

/* ---- counters ---- */
/* Counts n transactions committed through podd (performance samples). */
void rpc_count_tx(rpc_ctx *ctx, uint64_t n);
/* Copies up to max samples, newest first; returns the count. */
size_t rpc_samples(rpc_ctx *ctx, rpc_sample_t *out, size_t max);

/* ---- methods ---- */
/* rpc_methods.c */
int rpc_get_health(rpc_call_t *c);
int rpc_get_version(rpc_call_t *c);
int rpc_get_identity(rpc_call_t *c);
int rpc_get_genesis_hash(rpc_call_t *c);
int rpc_get_slot(rpc_call_t *c);
int rpc_get_block_height(rpc_call_t *c);
int rpc_get_epoch_info(rpc_call_t *c);
int rpc_get_epoch_schedule(rpc_call_t *c);
int rpc_get_latest_blockhash(rpc_call_t *c);
int rpc_is_blockhash_valid(rpc_call_t *c);
int rpc_get_fee_for_message(rpc_call_t *c);
int rpc_get_min_balance_for_rent(rpc_call_t *c);
int rpc_get_balance(rpc_call_t *c);
int rpc_get_account_info(rpc_call_t *c);
int rpc_get_multiple_accounts(rpc_call_t *c);
int rpc_get_program_accounts(rpc_call_t *c);
int rpc_request_airdrop(rpc_call_t *c);
int rpc_get_recent_prioritization_fees(rpc_call_t *c);
int rpc_get_recent_performance_samples(rpc_call_t *c);
int rpc_get_block_time(rpc_call_t *c);
int rpc_get_first_available_block(rpc_call_t *c);
int rpc_minimum_ledger_slot(rpc_call_t *c);
/* rpc_methods_tx.c */
int rpc_send_transaction(rpc_call_t *c);
int rpc_simulate_transaction(rpc_call_t *c);
int rpc_get_signature_statuses(rpc_call_t *c);
int rpc_get_transaction(rpc_call_t *c);
int rpc_get_signatures_for_address(rpc_call_t *c);

#endif
