/* podd's JSON-RPC dispatcher (rpc.h): parses a request body (single or batch), validates each
 * request as JSON-RPC 2.0, calls the method (rpc_methods*.c) and writes the answers in Solana's
 * shapes (rpc_encode.h). Also the parameter helpers shared by the methods, the transaction
 * counters behind getRecentPerformanceSamples, and the PubSub forwarding (rpc_pubsub.h). */
#include "rpc_internal.h"

#include <pod/encode.h>
#include <pod/hash.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- lifetime ---- */

int rpc_new(rpc_ctx **out, pod_ledger *ledger, const rpc_opts_t *opts) {
  *out = NULL;
  rpc_ctx *c = calloc(1, sizeof *c);
  if (!c) return POD_ENOMEM;
  c->ledger = ledger;
  if (opts) c->opts = *opts;
  if (c->opts.slot_ms == 0) c->opts.slot_ms = 400;
  pod_ledger_genesis_hash(ledger, c->genesis);
  /* The node identity: a stable key per ledger (no validator keypair exists here). */
  uint8_t seed[15 + 32];
  memcpy(seed, "podd identity: ", 15);
  memcpy(seed + 15, c->genesis, 32);
  pod_sha256(c->identity.b, seed, sizeof seed);
  if (pthread_mutex_init(&c->mu, NULL) != 0) {
    free(c);
    return POD_ENOMEM;
  }
  c->period_start_ms = mono_ms();
  c->period_start_slot = pod_ledger_slot(ledger);
  int rc = pubsub_new(&c->ps, ledger);
  if (rc != POD_OK) {
    pthread_mutex_destroy(&c->mu);
    free(c);
    return rc;
  }
  *out = c;
  return POD_OK;
}

void rpc_free(rpc_ctx *ctx) {
  if (!ctx) return;
  pubsub_free(ctx->ps);
  pthread_mutex_destroy(&ctx->mu);
  free(ctx);
}

/* ---- PubSub ---- */

void rpc_ws_open(rpc_ctx *ctx, podd_http *srv, podd_ws_id id) { pubsub_ws_open(ctx->ps, srv, id); }

void rpc_ws_message(rpc_ctx *ctx, podd_http *srv, podd_ws_id id, const char *text, size_t len) {
  pubsub_ws_message(ctx->ps, srv, id, text, len);
}

void rpc_ws_close(rpc_ctx *ctx, podd_http *srv, podd_ws_id id) {
  pubsub_ws_close(ctx->ps, srv, id);
}

/* ---- counters and performance samples ---- */

/* Closes every full period up to now (under mu). Idle periods become samples with 0
 * transactions, computed when someone next looks: nothing runs while podd is idle. */
static void roll_samples(rpc_ctx *c, uint64_t now) {
  uint64_t slots_per_period = RPC_SAMPLE_PERIOD_MS / c->opts.slot_ms;
  size_t guard = 0;
  while (now - c->period_start_ms >= RPC_SAMPLE_PERIOD_MS && guard++ <= RPC_SAMPLES_MAX) {
    uint64_t end_ms = c->period_start_ms + RPC_SAMPLE_PERIOD_MS;
    uint64_t cur = pod_ledger_slot(c->ledger);
    /* the slot at the period's end: now's slot minus the slots since then */
    uint64_t back = (now - end_ms) / c->opts.slot_ms;
    uint64_t end_slot = cur > back ? cur - back : 0;
    if (end_slot < c->period_start_slot) end_slot = c->period_start_slot;
    rpc_sample_t *s = &c->samples[c->sample_next];
    s->slot = end_slot;
    s->num_slots = end_slot - c->period_start_slot;
    if (s->num_slots == 0) s->num_slots = slots_per_period;
    s->num_tx = c->period_tx;
    c->sample_next = (c->sample_next + 1) % RPC_SAMPLES_MAX;
    if (c->sample_cnt < RPC_SAMPLES_MAX) c->sample_cnt++;
    c->period_tx = 0;
    c->period_start_ms = end_ms;
    c->period_start_slot = end_slot;
  }
  if (now - c->period_start_ms >= RPC_SAMPLE_PERIOD_MS) { /* idle longer than the ring holds */
    uint64_t periods = (now - c->period_start_ms) / RPC_SAMPLE_PERIOD_MS;
    c->period_start_ms += periods * RPC_SAMPLE_PERIOD_MS;
    c->period_start_slot = pod_ledger_slot(c->ledger);
  }
}

void rpc_count_tx(rpc_ctx *ctx, uint64_t n) {
  uint64_t now = mono_ms();
  pthread_mutex_lock(&ctx->mu);
  roll_samples(ctx, now);
  ctx->period_tx += n;
  ctx->total_tx += n;
  pthread_mutex_unlock(&ctx->mu);
}

size_t rpc_samples(rpc_ctx *ctx, rpc_sample_t *out, size_t max) {
  uint64_t now = mono_ms();
  pthread_mutex_lock(&ctx->mu);
  roll_samples(ctx, now);
  size_t n = ctx->sample_cnt < max ? ctx->sample_cnt : max;
  for (size_t i = 0; i < n; i++)
    out[i] = ctx->samples[(ctx->sample_next + RPC_SAMPLES_MAX - 1 - i) % RPC_SAMPLES_MAX];
  pthread_mutex_unlock(&ctx->mu);
  return n;
}

/* ---- parameter helpers ---- */

/* serde's description of what was found, for "invalid type" messages. */
static void describe(char *out, size_t sz, const pod_json_val *v) {
  const char *s;
  size_t n;
  int b;
  switch (pod_json_type(v)) {
  case POD_JSON_NULL: snprintf(out, sz, "null"); break;
  case POD_JSON_BOOL:
    pod_json_get_bool(&b, v);
    snprintf(out, sz, "boolean `%s`", b ? "true" : "false");
    break;
  case POD_JSON_NUMBER:
    pod_json_get_number(&s, &n, v);
    snprintf(out, sz, "%s `%.40s`",
             (strchr(s, '.') || strchr(s, 'e') || strchr(s, 'E')) ? "floating point" : "integer",
             s);
    break;
  case POD_JSON_STRING:
    pod_json_get_str(&s, &n, v);
    snprintf(out, sz, "string \"%.60s\"", s);
    break;
  case POD_JSON_ARRAY: snprintf(out, sz, "sequence"); break;
  case POD_JSON_OBJECT: snprintf(out, sz, "map"); break;
  default: snprintf(out, sz, "nothing"); break;
  }
}

int rpc_type_error(rpc_call_t *c, const pod_json_val *v, const char *what) {
  char found[128];
  describe(found, sizeof found, v);
  return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid params: invalid type: %s, expected %s.",
                  found, what);
}

int rpc_params(rpc_call_t *c, size_t min, size_t max) {
  size_t n = c->params ? pod_json_len(c->params) : 0;
  if (c->params && pod_json_type(c->params) != POD_JSON_ARRAY) {
    if (max == 0)
      return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid params: No parameters were expected");
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: map, expected a sequence of parameters.");
  }
  if (max == 0 && n > 0)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "Invalid params: No parameters were expected");
  if (n < min)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS, "`params` should have at least %zu argument(s)",
                    min);
  if (n > max)
    return rpc_fail(&c->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid length %zu, expected at most %zu.", n, max);
  return POD_OK;
}

const pod_json_val *rpc_param(const rpc_call_t *c, size_t i) {
  const pod_json_val *v = pod_json_at(c->params, i);
  return pod_json_is_null(v) ? NULL : v;
}

/* Solana's FromStr for Pubkey / Signature / Hash: longer than the longest text → WrongSize; bad
 * characters → Invalid; a value of another size → WrongSize. */
static int parse_b58(uint8_t *out, size_t want, const pod_json_val *v, rpc_error_t *err) {
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, v) != POD_OK) {
    char found[128];
    describe(found, sizeof found, v);
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid params: invalid type: %s, expected a string.",
                    found);
  }
  size_t max_chars = want == 32 ? 44 : 88;
  if (n > max_chars) return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid param: WrongSize");
  uint8_t buf[96];
  size_t got = 0;
  int rc = pod_base58_decode(buf, sizeof buf, &got, s, n);
  if (rc == POD_EDECODE) return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid param: Invalid");
  if (rc != POD_OK || got != want)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid param: WrongSize");
  memcpy(out, buf, want);
  return POD_OK;
}

int rpc_parse_pubkey(pod_pubkey_t *out, const pod_json_val *v, rpc_error_t *err) {
  return parse_b58(out->b, 32, v, err);
}
int rpc_parse_signature(pod_signature_t *out, const pod_json_val *v, rpc_error_t *err) {
  return parse_b58(out->b, 64, v, err);
}
int rpc_parse_hash(uint8_t out[32], const pod_json_val *v, rpc_error_t *err) {
  return parse_b58(out, 32, v, err);
}

int rpc_param_pubkey(pod_pubkey_t *out, rpc_call_t *c, size_t i) {
  return rpc_parse_pubkey(out, pod_json_at(c->params, i), &c->err);
}

int rpc_param_config(const pod_json_val **out, rpc_call_t *c, size_t i) {
  const pod_json_val *v = rpc_param(c, i);
  *out = NULL;
  if (!v) return POD_OK;
  if (pod_json_type(v) != POD_JSON_OBJECT) return rpc_type_error(c, v, "a configuration object");
  *out = v;
  return POD_OK;
}

int rpc_context_slot(rpc_call_t *c, const pod_json_val *cfg, uint64_t *slot) {
  *slot = pod_ledger_slot(c->ctx->ledger);
  if (!cfg) return POD_OK;
  if (rpc_parse_commitment(pod_json_find(cfg, "commitment"), &c->err) != POD_OK) return POD_EINVAL;
  const pod_json_val *m = pod_json_find(cfg, "minContextSlot");
  if (m && !pod_json_is_null(m)) {
    uint64_t min;
    if (pod_json_get_u64(&min, m) != POD_OK) return rpc_type_error(c, m, "u64");
    if (*slot < min) {
      rpc_fail(&c->err, RPC_MIN_CONTEXT_SLOT_NOT_REACHED,
               "Minimum context slot has not been reached");
      snprintf(c->err.data_json, sizeof c->err.data_json, "{\"contextSlot\":%llu}",
               (unsigned long long)*slot);
      return POD_EINVAL;
    }
  }
  return POD_OK;
}

int rpc_cfg_bool(int *out, rpc_call_t *c, const pod_json_val *cfg, const char *key, int dflt) {
  const pod_json_val *v = pod_json_find(cfg, key);
  *out = dflt;
  if (!v || pod_json_is_null(v)) return POD_OK;
  if (pod_json_get_bool(out, v) != POD_OK) return rpc_type_error(c, v, "a boolean");
  return POD_OK;
}

/* ---- dispatch ---- */

typedef struct {
  const char *name;
  rpc_method_fn fn;
} method_t;

static const method_t METHODS[] = {
    /* sorted by name (byte order): binary search */
    {"getAccountInfo", rpc_get_account_info},
    {"getBalance", rpc_get_balance},
    {"getBlockHeight", rpc_get_block_height},
    {"getBlockTime", rpc_get_block_time},
    {"getEpochInfo", rpc_get_epoch_info},
    {"getEpochSchedule", rpc_get_epoch_schedule},
    {"getFeeForMessage", rpc_get_fee_for_message},
    {"getFirstAvailableBlock", rpc_get_first_available_block},
    {"getGenesisHash", rpc_get_genesis_hash},
    {"getHealth", rpc_get_health},
    {"getIdentity", rpc_get_identity},
    {"getLatestBlockhash", rpc_get_latest_blockhash},
    {"getMinimumBalanceForRentExemption", rpc_get_min_balance_for_rent},
    {"getMultipleAccounts", rpc_get_multiple_accounts},
    {"getProgramAccounts", rpc_get_program_accounts},
    {"getRecentPerformanceSamples", rpc_get_recent_performance_samples},
    {"getRecentPrioritizationFees", rpc_get_recent_prioritization_fees},
    {"getSignatureStatuses", rpc_get_signature_statuses},
    {"getSignaturesForAddress", rpc_get_signatures_for_address},
    {"getSlot", rpc_get_slot},
    {"getTransaction", rpc_get_transaction},
    {"getVersion", rpc_get_version},
    {"isBlockhashValid", rpc_is_blockhash_valid},
    {"minimumLedgerSlot", rpc_minimum_ledger_slot},
    {"requestAirdrop", rpc_request_airdrop},
    {"sendTransaction", rpc_send_transaction},
    {"simulateTransaction", rpc_simulate_transaction},
};

static rpc_method_fn find_method(const char *name, size_t len) {
  size_t lo = 0, hi = sizeof METHODS / sizeof METHODS[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strncmp(METHODS[mid].name, name, len);
    if (c == 0) c = METHODS[mid].name[len] ? 1 : 0;
    if (c == 0) return METHODS[mid].fn;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static void write_error(pod_json_writer_t *w, const pod_json_val *id, int code, const char *msg) {
  rpc_error_t e;
  rpc_fail(&e, code, "%s", msg);
  rpc_write_error_response(w, id, &e);
}

/* Answers one request object into out (nothing for a notification). res is scratch for the
 * method's result, copied into out once complete. */
static void handle_one(rpc_ctx *ctx, const pod_json_val *req, pod_json_writer_t *out,
                       pod_json_writer_t *res) {
  if (pod_json_type(req) != POD_JSON_OBJECT) {
    write_error(out, NULL, RPC_INVALID_REQUEST, "Invalid request");
    return;
  }
  const pod_json_val *id = pod_json_find(req, "id");
  const pod_json_val *ver = pod_json_find(req, "jsonrpc");
  const pod_json_val *method = pod_json_find(req, "method");
  const pod_json_val *params = pod_json_find(req, "params");
  pod_json_type_t idt = pod_json_type(id);
  const char *s;
  size_t n;
  if (id && idt != POD_JSON_NUMBER && idt != POD_JSON_STRING && idt != POD_JSON_NULL) {
    write_error(out, NULL, RPC_INVALID_REQUEST, "Invalid request");
    return;
  }
  if (pod_json_get_str(&s, &n, ver) != POD_OK || n != 3 || memcmp(s, "2.0", 3) != 0 ||
      pod_json_type(method) != POD_JSON_STRING ||
      (params && pod_json_type(params) != POD_JSON_ARRAY &&
       pod_json_type(params) != POD_JSON_OBJECT && !pod_json_is_null(params))) {
    write_error(out, id, RPC_INVALID_REQUEST, "Invalid request");
    return;
  }
  /* A notification (no id): as jsonrpc-core, which Solana's node runs on, neither executed nor
   * answered (JSON-RPC 2.0 forbids answering it). */
  if (!id) return;
  pod_json_get_str(&s, &n, method);
  rpc_method_fn fn = find_method(s, n);
  if (!fn) {
    write_error(out, id, RPC_METHOD_NOT_FOUND, "Method not found");
    return;
  }
  rpc_call_t call;
  memset(&call, 0, sizeof call);
  call.ctx = ctx;
  call.params = pod_json_is_null(params) ? NULL : params;
  call.w = res;
  pod_json_writer_reset(res);
  int rc = fn(&call);
  const char *text = NULL;
  size_t len = 0;
  if (rc == POD_OK) {
    int wrc = pod_json_writer_finish(res, &text, &len);
    if (wrc != POD_OK) {
      write_error(out, id, RPC_INTERNAL_ERROR,
                  wrc == POD_ENOSPC ? "Internal error: response too large" : "Internal error");
      return;
    }
    rpc_begin_result(out);
    pod_json_put_raw(out, text, len);
    rpc_end_result(out, id);
    return;
  }
  if (call.err.code == 0)
    rpc_fail(&call.err, RPC_INTERNAL_ERROR, "Internal error: %s", pod_strerror(rc));
  pod_json_begin_object(out);
  pod_json_put_key(out, "jsonrpc");
  pod_json_put_str(out, "2.0");
  pod_json_put_key(out, "error");
  pod_json_begin_object(out);
  pod_json_put_key(out, "code");
  pod_json_put_i64(out, call.err.code);
  pod_json_put_key(out, "message");
  pod_json_put_str(out, call.err.msg);
  if (call.err_data && pod_json_writer_finish(res, &text, &len) == POD_OK) {
    pod_json_put_key(out, "data");
    pod_json_put_raw(out, text, len);
  } else if (call.err.data_json[0]) {
    pod_json_put_key(out, "data");
    pod_json_put_raw(out, call.err.data_json, strlen(call.err.data_json));
  }
  pod_json_end_object(out);
  pod_json_put_key(out, "id");
  rpc_write_id(out, id);
  pod_json_end_object(out);
}

int rpc_handle(rpc_ctx *ctx, const char *body, size_t len, podd_buf *out) {
  pod_json_doc *doc = NULL;
  pod_json_opts_t jo = POD_JSON_OPTS_INIT;
  jo.max_input = len > POD_JSON_INPUT_LIMIT ? POD_JSON_INPUT_LIMIT : (len ? len : 1);
  size_t max = out->max > out->len ? out->max - out->len : 1;
  pod_json_writer_t w, res;
  pod_json_writer_init(&w, max);
  pod_json_writer_init(&res, max);
  int prc = pod_json_parse(&doc, body, len, &jo, NULL);
  if (prc == POD_ENOMEM) return POD_ENOMEM;
  const pod_json_val *root = pod_json_root(doc);
  int any = 1;
  if (prc != POD_OK) {
    write_error(&w, NULL, RPC_PARSE_ERROR, "Parse error");
  } else if (pod_json_type(root) == POD_JSON_ARRAY) {
    size_t n = pod_json_len(root);
    if (n == 0) {
      write_error(&w, NULL, RPC_INVALID_REQUEST, "Invalid request");
    } else if (n > RPC_BATCH_MAX) {
      char msg[96];
      snprintf(msg, sizeof msg, "Invalid request: a batch may hold at most %u requests (got %zu)",
               RPC_BATCH_MAX, n);
      write_error(&w, NULL, RPC_INVALID_REQUEST, msg);
    } else {
      pod_json_begin_array(&w);
      size_t before = w.len;
      for (size_t i = 0; i < n; i++)
        handle_one(ctx, pod_json_at(root, i), &w, &res);
      any = w.len != before; /* only notifications: no answer at all */
      pod_json_end_array(&w);
    }
  } else {
    size_t before = w.len;
    handle_one(ctx, root, &w, &res);
    any = w.len != before;
  }
  pod_json_free(doc);
  pod_json_writer_free(&res);
  const char *text = NULL;
  size_t tlen = 0;
  int rc = POD_OK;
  if (any) {
    rc = pod_json_writer_finish(&w, &text, &tlen);
    if (rc == POD_OK) podd_buf_append(out, text, tlen);
  }
  pod_json_writer_free(&w);
  if (rc != POD_OK) return rc == POD_ENOSPC ? POD_ETOOLARGE : rc;
  return out->err;
}
