/* The client handle: options and endpoints, the call guard, errors and logs of the last call,
 * reads, and sending (build, sign, send, confirm). The transports are embedded.c and http.c. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"
#include "client_int.h"
#include "pod/accounts.h"
#include "pod/program.h"
#include "ws.h"
#include "pod/validate.h"

/* A cached blockhash is reused for this long (a blockhash lives 150 slots, ~60 s on a cluster;
 * the margin covers a send that takes a while). BlockhashNotFound refreshes it anyway. */
#define BLOCKHASH_TTL_MS 45000u
/* Confirmation polling: first poll at once, then 20 ms doubling up to 500 ms. */
#define CONFIRM_POLL_FIRST_MS 20u
#define CONFIRM_POLL_MAX_MS 500u

/* ---------------------------------------------------------------------------------------------
 * memory, time, messages
 * ------------------------------------------------------------------------------------------- */

void *pod_client__alloc(size_t n, size_t sz) {
  if (sz && n > SIZE_MAX / sz) return NULL;
  size_t total = n * sz;
  return calloc(1, total ? total : 1);
}

int pod_client__grow(void **p, size_t *cap, size_t need, size_t sz) {
  if (need <= *cap) return POD_OK;
  size_t nc = *cap ? *cap : 8;
  while (nc < need) {
    if (nc > SIZE_MAX / 2) return POD_ENOMEM;
    nc *= 2;
  }
  if (sz && nc > SIZE_MAX / sz) return POD_ENOMEM;
  void *np = realloc(*p, nc * sz);
  if (!np) return POD_ENOMEM;
  *p = np;
  *cap = nc;
  return POD_OK;
}

char *pod_client__strndup(const char *s, size_t n) {
  if (n == SIZE_MAX) return NULL;
  char *d = pod_client__alloc(n + 1, 1);
  if (d && n) memcpy(d, s, n);
  return d;
}

int pod_client__fail(pod_client *c, int rc, const char *fmt, ...) {
  if (!c) return rc;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->err, sizeof c->err, fmt, ap);
  va_end(ap);
  return rc;
}

uint64_t pod_client__now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void pod_client__sleep_ms(uint64_t ms) {
  struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

static void free_logs(char **logs, size_t n) {
  if (!logs) return;
  for (size_t i = 0; i < n; i++)
    free(logs[i]);
  free(logs);
}

void pod_client__outcome_free(pod_tx_outcome_t *o) {
  if (!o) return;
  free_logs(o->logs, o->log_cnt);
  o->logs = NULL;
  o->log_cnt = 0;
}

void pod_client__take_logs(pod_client *c, pod_tx_outcome_t *o) {
  free_logs(c->logs, c->log_cnt);
  c->logs = o->logs;
  c->log_cnt = o->log_cnt;
  o->logs = NULL;
  o->log_cnt = 0;
}

/* Forgets what the previous call left (message, error, logs). */
static void reset_last(pod_client *c) {
  c->err[0] = 0;
  c->rpc_code = 0;
  c->has_tx_err = 0;
  c->prog_err = NULL;
  free_logs(c->logs, c->log_cnt);
  c->logs = NULL;
  c->log_cnt = 0;
}

/* ---------------------------------------------------------------------------------------------
 * the guard
 * ------------------------------------------------------------------------------------------- */

int pod_client__enter(pod_client *c) {
  if (!c) return POD_EINVAL;
  if (atomic_flag_test_and_set_explicit(&c->busy, memory_order_acquire)) {
    /* Not reset_last: the call in progress owns the state. Writing the message races with it,
     * but it only happens when the caller has a bug, and says which. */
    snprintf(c->err, sizeof c->err,
             "pod_client used by two threads at once (or from inside its own callback): a client "
             "is not thread-safe, create one per thread");
    return POD_EINVAL;
  }
  reset_last(c);
  return POD_OK;
}

void pod_client__leave(pod_client *c) {
  atomic_flag_clear_explicit(&c->busy, memory_order_release);
}

/* ---------------------------------------------------------------------------------------------
 * new / free
 * ------------------------------------------------------------------------------------------- */

static const struct {
  const char *name, *url;
} monikers[] = {
    {"localhost", "http://127.0.0.1:8899"},
    {"devnet", "https://api.devnet.solana.com"},
    {"testnet", "https://api.testnet.solana.com"},
    {"mainnet-beta", "https://api.mainnet-beta.solana.com"},
};

static void set_errbuf(char *errbuf, size_t sz, const char *msg) {
  if (errbuf && sz) snprintf(errbuf, sz, "%s", msg);
}

int pod_client_new_err(pod_client **out, char *errbuf, size_t errbuf_sz,
                       const pod_client_opts_t *o) {
  if (out) *out = NULL;
  set_errbuf(errbuf, errbuf_sz, "");
  if (!out || !o) {
    set_errbuf(errbuf, errbuf_sz, "pod_client_new: out and opts are required");
    return POD_EINVAL;
  }
  if (o->version != 1 && o->version != POD_CLIENT_OPTS_VERSION) {
    set_errbuf(errbuf, errbuf_sz,
               "pod_client_new: unknown options version (initialise them with "
               "POD_CLIENT_OPTS_INIT)");
    return POD_EINVAL;
  }
  if (!o->endpoint || !*o->endpoint) {
    set_errbuf(errbuf, errbuf_sz,
               "no endpoint: give a URL (http://, https://), localhost, devnet, testnet, "
               "mainnet-beta or embedded:DIR");
    return POD_EINVAL;
  }
  if (o->commitment < POD_COMMITMENT_PROCESSED || o->commitment > POD_COMMITMENT_FINALIZED) {
    set_errbuf(errbuf, errbuf_sz, "pod_client_new: commitment must be a POD_COMMITMENT_* value");
    return POD_EINVAL;
  }
  if (o->keypair && o->sign) {
    set_errbuf(errbuf, errbuf_sz, "pod_client_new: give a keypair or a signing callback, not both");
    return POD_EINVAL;
  }
  if (o->sign && !o->signer) {
    set_errbuf(
        errbuf, errbuf_sz,
        "pod_client_new: a signing callback needs opts.signer (the public key it signs for)");
    return POD_EINVAL;
  }
  pod_client *c = pod_client__alloc(1, sizeof *c);
  if (!c) {
    set_errbuf(errbuf, errbuf_sz, "out of memory");
    return POD_ENOMEM;
  }
  atomic_flag_clear(&c->busy);
  if (o->keypair) {
    c->kp = *o->keypair;
    c->has_kp = 1;
    c->has_signer = 1;
    pod_keypair_pubkey(&c->signer, &c->kp);
  } else if (o->sign) {
    c->sign = o->sign;
    c->sign_user = o->sign_user;
    c->signer = *o->signer;
    c->has_signer = 1;
  }
  c->commitment = o->commitment;
  c->timeout_ms = o->timeout_ms ? o->timeout_ms : 30000u;
  c->retry_max = o->retry_max ? o->retry_max : 1u;
  c->retry_base_ms = o->retry_base_ms;
  c->cu_limit = o->cu_limit;
  c->cu_price = o->cu_price;
  c->tls_insecure = o->tls_insecure;
  c->cache_entries = o->cache_entries;
  c->cache_ttl_ms = o->cache_ttl_ms;
  c->pool_buffers = o->pool_buffers;
  c->pool_connections = o->pool_connections;
  if (o->version >= 2) { /* a version-1 struct has none of these fields */
    c->has_ws_url = o->ws_url != NULL;
    if (o->ws_url) snprintf(c->ws_url, sizeof c->ws_url, "%s", o->ws_url);
    if (o->content_url) snprintf(c->content_url, sizeof c->content_url, "%s", o->content_url);
    if (o->cache_dir) snprintf(c->cache_dir, sizeof c->cache_dir, "%s", o->cache_dir);
    c->metrics_on = o->metrics;
  }

  const char *ep = o->endpoint;
  for (size_t i = 0; i < sizeof monikers / sizeof monikers[0]; i++)
    if (!strcmp(ep, monikers[i].name)) ep = monikers[i].url;
  int rc;
  if (strlen(ep) >= sizeof c->endpoint) {
    rc = pod_client__fail(c, POD_EINVAL, "endpoint longer than %zu bytes", sizeof c->endpoint - 1);
  } else if (!strncmp(ep, "embedded:", 9)) {
    snprintf(c->endpoint, sizeof c->endpoint, "%s", ep);
    rc = pod_client__embedded_open(c, ep + 9, o);
  } else if (!strncmp(ep, "http://", 7) || !strncmp(ep, "https://", 8)) {
    snprintf(c->endpoint, sizeof c->endpoint, "%s", ep);
    rc = pod_client__http_open(c, ep);
  } else {
    rc = pod_client__fail(c, POD_EINVAL,
                          "unknown endpoint '%.200s': give a URL (http://, https://), localhost, "
                          "devnet, testnet, mainnet-beta or embedded:DIR",
                          ep);
  }
  if (rc == POD_OK && (rc = pod_client__cache_open(c)) != POD_OK) c->ops->close(c);
  if (rc == POD_OK && c->metrics_on && pod_client__metrics_attach(c) != POD_OK) {
    c->ops->close(c);
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory (metrics)");
  }
  if (rc != POD_OK) {
    set_errbuf(errbuf, errbuf_sz, c->err);
    pod_keypair_wipe(&c->kp);
    free(c);
    return rc;
  }
  *out = c;
  return POD_OK;
}

int pod_client_new(pod_client **out, const pod_client_opts_t *opts) {
  return pod_client_new_err(out, NULL, 0, opts);
}

void pod_client_free(pod_client *c) {
  if (!c) return;
  if (c->events_close) c->events_close(c);
  pod_client__ps_close(c);
  pod_client__cache_free(c);
  if (c->ops && c->ops->close) c->ops->close(c);
  pod_client__metrics_free(c);
  reset_last(c);
  pod_keypair_wipe(&c->kp);
  free(c);
}

/* ---------------------------------------------------------------------------------------------
 * the signer
 * ------------------------------------------------------------------------------------------- */

/* Drops the signer (the keypair wiped) and what the client knew about it. */
static void signer_clear(pod_client *c) {
  pod_keypair_wipe(&c->kp);
  c->has_kp = 0;
  c->sign = NULL;
  c->sign_user = NULL;
  c->has_signer = 0;
  memset(&c->signer, 0, sizeof c->signer);
  c->agent_known = 0;
}

int pod_client_set_signer(pod_client *c, const pod_keypair_t *kp) {
  POD_CLIENT_GUARD(c);
  signer_clear(c);
  if (kp) {
    c->kp = *kp;
    c->has_kp = 1;
    c->has_signer = 1;
    pod_keypair_pubkey(&c->signer, &c->kp);
  }
  pod_client__leave(c);
  return POD_OK;
}

int pod_client_set_sign_fn(pod_client *c, pod_client_sign_fn sign, void *sign_user,
                           const pod_pubkey_t *signer) {
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  if (!sign || !signer) {
    rc = pod_client__fail(c, POD_EINVAL,
                          "pod_client_set_sign_fn: give both the callback and the public key it "
                          "signs for (pod_client_set_signer(c, NULL) makes the client read-only)");
  } else {
    signer_clear(c);
    c->sign = sign;
    c->sign_user = sign_user;
    c->signer = *signer;
    c->has_signer = 1;
  }
  pod_client__leave(c);
  return rc;
}

int pod_client__agent_missing(pod_client *c, const pod_pubkey_t *wallet) {
  char b58[POD_PUBKEY_B58_SZ];
  return pod_client__fail(c, POD_ENOTFOUND,
                          "agent not registered: %s has no agent account (register it with "
                          "pod_agent_register, or `pod agent register`)",
                          pod_pubkey_to_base58(b58, wallet));
}

int pod_client__signer_agent(pod_client *c, const pod_pubkey_t *pda) {
  if (c->agent_known) return POD_OK;
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  int rc = c->ops->get_account(c, pda, &a);
  if (rc == POD_ENOTFOUND) return pod_client__agent_missing(c, &c->signer);
  if (rc == POD_OK) {
    pod_agent_account_t ag;
    if (!pod_pubkey_eq(&a.owner, &pod_program_id) ||
        pod_agent_account_decode(&ag, a.data, a.data_sz) != POD_OK) {
      char b58[POD_PUBKEY_B58_SZ];
      rc = pod_client__fail(c, POD_EDECODE, "%s is not a PoD agent account",
                            pod_pubkey_to_base58(b58, pda));
    }
  }
  pod_client_account_free(&a);
  c->agent_known = rc == POD_OK;
  return rc;
}

int pod_client__agent_sent(pod_client *c, int rc) {
  if (rc != POD_OK) c->agent_known = 0;
  return rc;
}

const char *pod_client_errmsg(const pod_client *c) { return c ? c->err : "no client (NULL)"; }
const char *pod_client_endpoint(const pod_client *c) { return c ? c->endpoint : ""; }

int pod_client_pubkey(pod_pubkey_t *out, const pod_client *c) {
  if (!out || !c) return POD_EINVAL;
  if (!c->has_signer) return POD_ENOTFOUND;
  *out = c->signer;
  return POD_OK;
}

const pod_program_error_t *pod_client_last_program_error(const pod_client *c) {
  return c ? c->prog_err : NULL;
}

int pod_client_last_tx_error(pod_tx_error_t *out, const pod_client *c) {
  if (!c || !c->has_tx_err) return 0;
  if (out) *out = c->tx_err;
  return 1;
}

const char *const *pod_client_last_logs(const pod_client *c, size_t *n) {
  if (n) *n = c ? c->log_cnt : 0;
  return c ? (const char *const *)c->logs : NULL;
}

int pod_client_last_rpc_code(const pod_client *c) { return c ? c->rpc_code : 0; }

/* ---------------------------------------------------------------------------------------------
 * transaction errors
 * ------------------------------------------------------------------------------------------- */

int pod_client__tx_error_from_json(pod_tx_error_t *out, const pod_json_val *v) {
  memset(out, 0, sizeof *out);
  const char *s;
  size_t len;
  if (pod_json_get_str(&s, &len, v) == POD_OK) {
    int k = pod_tx_error_from_name(s, len);
    if (k < 0) return POD_EDECODE;
    out->kind = (uint8_t)k;
    return POD_OK;
  }
  if (pod_json_type(v) != POD_JSON_OBJECT || pod_json_len(v) != 1) return POD_EDECODE;
  const char *key;
  size_t key_len;
  const pod_json_val *inner = pod_json_member(v, 0, &key, &key_len);
  int k = pod_tx_error_from_name(key, key_len);
  if (k < 0) return POD_EDECODE;
  out->kind = (uint8_t)k;
  uint64_t u = 0;
  switch (k) {
  case POD_TXERR_INSTRUCTION_ERROR: {
    if (pod_json_len(inner) != 2 || pod_json_get_u64(&u, pod_json_at(inner, 0)) != POD_OK ||
        u > 255)
      return POD_EDECODE;
    out->index = (uint8_t)u;
    const pod_json_val *ie = pod_json_at(inner, 1);
    if (pod_json_get_str(&s, &len, ie) == POD_OK) {
      int x = pod_ix_error_from_name(s, len);
      if (x < 0) return POD_EDECODE;
      out->ix_error = (uint8_t)x;
      return POD_OK;
    }
    if (pod_json_type(ie) != POD_JSON_OBJECT || pod_json_len(ie) != 1) return POD_EDECODE;
    const pod_json_val *iv = pod_json_member(ie, 0, &key, &key_len);
    int x = pod_ix_error_from_name(key, key_len);
    if (x < 0) return POD_EDECODE;
    out->ix_error = (uint8_t)x;
    if (x == POD_IXERR_CUSTOM) {
      if (pod_json_get_u64(&u, iv) != POD_OK || u > UINT32_MAX) return POD_EDECODE;
      out->custom = (uint32_t)u;
    }
    return POD_OK;
  }
  case POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT:
  case POD_TXERR_PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED:
    if (pod_json_get_u64(&u, pod_json_find(inner, "account_index")) != POD_OK || u > 255)
      return POD_EDECODE;
    out->index = (uint8_t)u;
    return POD_OK;
  case POD_TXERR_DUPLICATE_INSTRUCTION:
    if (pod_json_get_u64(&u, inner) != POD_OK || u > 255) return POD_EDECODE;
    out->index = (uint8_t)u;
    return POD_OK;
  default: return POD_OK;
  }
}

/* What to do about an error, for the ones users meet. */
static const char *hint_for(const pod_tx_error_t *e, const pod_program_error_t *pe) {
  if (e->kind == POD_TXERR_INSUFFICIENT_FUNDS_FOR_FEE || e->kind == POD_TXERR_ACCOUNT_NOT_FOUND)
    return "fund the signer first (e.g. pod_client_airdrop)";
  if (e->kind == POD_TXERR_BLOCKHASH_NOT_FOUND) return "the blockhash expired: send it again";
  if (e->kind == POD_TXERR_ALREADY_PROCESSED)
    return "an identical transaction was already processed";
  if (!pe) return NULL;
  if (pe->origin == POD_ERR_ORIGIN_SYSTEM && pe->code == 0)
    return "the account already exists (already registered, or the same message sent twice)";
  if (pe->origin == POD_ERR_ORIGIN_SYSTEM && pe->code == 1)
    return "the signer cannot pay the rent: fund it first";
  if (pe->code == 3012)
    return "an account the instruction needs does not exist (is the agent "
           "registered? see pod_agent_register)";
  return pe->when;
}

/* Records the error of a failed transaction whose top-level instructions are ixs. */
static void describe_tx_error(pod_client *c, const pod_tx_error_t *e, const pod_instruction_t *ixs,
                              size_t ix_cnt, const char *what) {
  c->has_tx_err = 1;
  c->tx_err = *e;
  uint8_t src[POD_TXN_INSTR_MAX];
  size_t n = ix_cnt < POD_TXN_INSTR_MAX ? ix_cnt : POD_TXN_INSTR_MAX;
  for (size_t i = 0; i < n; i++)
    src[i] = pod_pubkey_eq(&ixs[i].program_id, &pod_program_id)          ? POD_SOURCE_POD_COM
             : pod_pubkey_eq(&ixs[i].program_id, &pod_system_program_id) ? POD_SOURCE_SYSTEM
                                                                         : POD_SOURCE_OTHER;
  c->prog_err = pod_tx_error_program_error(e, src, n);
  char text[POD_TX_ERROR_TEXT_SZ];
  if (pod_tx_error_message(text, sizeof text, NULL, e) != POD_OK) snprintf(text, sizeof text, "?");
  const pod_program_error_t *pe = c->prog_err;
  const char *hint = hint_for(e, pe);
  if (pe)
    pod_client__fail(c, POD_EPROGRAM, "%s failed: %u %s: %s (%s)%s%s", what, (unsigned)pe->code,
                     pe->name, pe->message, text, hint ? " — " : "", hint ? hint : "");
  else
    pod_client__fail(c, POD_EPROGRAM, "%s failed: %s%s%s", what, text, hint ? " — " : "",
                     hint ? hint : "");
}

int pod_client__refuse(pod_client *c, int kind, uint32_t rule) {
  size_t pod_ix = (c->cu_limit ? 1u : 0u) + (c->cu_price ? 1u : 0u);
  pod_tx_error_t e = {POD_TXERR_INSTRUCTION_ERROR, (uint8_t)pod_ix, POD_IXERR_CUSTOM, rule};
  if (pod_rule_failed_to_complete(rule)) {
    e.ix_error = POD_IXERR_PROGRAM_FAILED_TO_COMPLETE;
    e.custom = 0;
  }
  c->has_tx_err = 1;
  c->tx_err = e;
  c->prog_err = pod_rule_failed_to_complete(rule) ? NULL : pod_program_error(rule);
  const char *name = pod_ix_name(kind) ? pod_ix_name(kind) : "instruction";
  if (c->prog_err)
    return pod_client__fail(
        c, POD_EPROGRAM, "%s refused before sending (no fee charged): %u %s: %s — %s", name,
        (unsigned)rule, c->prog_err->name, c->prog_err->message, c->prog_err->when);
  return pod_client__fail(c, POD_EPROGRAM,
                          "%s refused before sending (no fee charged): the program would fail "
                          "with %s",
                          name, pod_rule_name(rule));
}

/* ---------------------------------------------------------------------------------------------
 * reads
 * ------------------------------------------------------------------------------------------- */

void pod_client_account_free(pod_client_account_t *a) {
  if (!a) return;
  free(a->data);
  memset(a, 0, sizeof *a);
}

void pod_client_accounts_free(pod_client_account_t *list, size_t n) {
  if (!list) return;
  for (size_t i = 0; i < n; i++)
    free(list[i].data);
  free(list);
}

int pod_client_get_account(pod_client_account_t *out, pod_client *c, const pod_pubkey_t *key) {
  if (out) memset(out, 0, sizeof *out);
  POD_CLIENT_GUARD(c);
  int rc = (!out || !key) ? pod_client__fail(c, POD_EINVAL, "pod_client_get_account: NULL argument")
                          : pod_client__cached_get_account(c, key, out);
  pod_client__leave(c);
  return rc;
}

int pod_client_get_accounts(pod_client_account_t *out, int *found, pod_client *c,
                            const pod_pubkey_t *keys, size_t n) {
  if (out)
    for (size_t i = 0; i < n; i++)
      memset(&out[i], 0, sizeof out[i]);
  if (found)
    for (size_t i = 0; i < n; i++)
      found[i] = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !found || (!keys && n))
               ? pod_client__fail(c, POD_EINVAL, "pod_client_get_accounts: NULL argument")
           : n == 0 ? POD_OK
                    : pod_client__cached_get_accounts(c, keys, n, out, found);
  pod_client__leave(c);
  return rc;
}

int pod_client_program_accounts(pod_client_account_t **out, size_t *n, pod_client *c,
                                const pod_pubkey_t *owner, const pod_account_filter_t *filter) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n || !owner)
               ? pod_client__fail(c, POD_EINVAL, "pod_client_program_accounts: NULL argument")
               : c->ops->program_accounts(c, owner, filter, out, n);
  pod_client__leave(c);
  return rc;
}

int pod_client_balance(uint64_t *out, pod_client *c, const pod_pubkey_t *key) {
  POD_CLIENT_GUARD(c);
  int rc = (!out || !key) ? pod_client__fail(c, POD_EINVAL, "pod_client_balance: NULL argument")
                          : c->ops->balance(c, key, out);
  pod_client__leave(c);
  return rc;
}

int pod_client_slot(uint64_t *out, pod_client *c) {
  POD_CLIENT_GUARD(c);
  int rc = !out ? pod_client__fail(c, POD_EINVAL, "pod_client_slot: NULL argument")
                : c->ops->slot(c, out);
  pod_client__leave(c);
  return rc;
}

int pod_client_now(int64_t *out, pod_client *c) {
  POD_CLIENT_GUARD(c);
  int rc =
      !out ? pod_client__fail(c, POD_EINVAL, "pod_client_now: NULL argument") : c->ops->now(c, out);
  pod_client__leave(c);
  return rc;
}

/* ---------------------------------------------------------------------------------------------
 * sending
 * ------------------------------------------------------------------------------------------- */

static int blockhash(pod_client *c, uint8_t out[32], int refresh) {
  uint64_t now = pod_client__now_ms();
  if (!refresh && c->has_bh && now - c->bh_at_ms < BLOCKHASH_TTL_MS) {
    memcpy(out, c->bh, 32);
    return POD_OK;
  }
  int rc = c->ops->latest_blockhash(c, c->bh);
  if (rc != POD_OK) {
    c->has_bh = 0;
    return rc;
  }
  c->has_bh = 1;
  c->bh_at_ms = now;
  memcpy(out, c->bh, 32);
  return POD_OK;
}

/* Compute-budget instructions first, then the caller's; the wire transaction into wire. */
typedef struct {
  pod_instruction_t all[POD_TXN_INSTR_MAX];
  size_t cnt;
  uint8_t cu_limit_data[5], cu_price_data[9];
} tx_plan_t;

static int plan(pod_client *c, tx_plan_t *p, const pod_instruction_t *ixs, size_t ix_cnt) {
  p->cnt = 0;
  if (c->cu_limit) {
    p->cu_limit_data[0] = 2;
    for (int i = 0; i < 4; i++)
      p->cu_limit_data[1 + i] = (uint8_t)(c->cu_limit >> (8 * i));
    p->all[p->cnt++] = (pod_instruction_t){pod_compute_budget_program_id, NULL, 0, p->cu_limit_data,
                                           sizeof p->cu_limit_data};
  }
  if (c->cu_price) {
    p->cu_price_data[0] = 3;
    for (int i = 0; i < 8; i++)
      p->cu_price_data[1 + i] = (uint8_t)(c->cu_price >> (8 * i));
    p->all[p->cnt++] = (pod_instruction_t){pod_compute_budget_program_id, NULL, 0, p->cu_price_data,
                                           sizeof p->cu_price_data};
  }
  if (ix_cnt > POD_TXN_INSTR_MAX - p->cnt)
    return pod_client__fail(c, POD_ELIMIT, "too many instructions (at most %u per transaction)",
                            POD_TXN_INSTR_MAX);
  for (size_t i = 0; i < ix_cnt; i++)
    p->all[p->cnt++] = ixs[i];
  return POD_OK;
}

static int sign_wire(pod_client *c, uint8_t *wire, size_t *wire_sz, pod_signature_t *sig,
                     const tx_plan_t *p, const uint8_t bh[32]) {
  uint8_t msg[POD_TXN_MTU];
  size_t msg_sz = 0;
  int rc = pod_message_compile(msg, sizeof msg, &msg_sz, &c->signer, p->all, p->cnt, bh);
  if (rc == POD_ETOOLARGE)
    return pod_client__fail(c, rc, "the transaction is larger than %u bytes", POD_TXN_MTU);
  if (rc != POD_OK)
    return pod_client__fail(c, rc, "cannot build the transaction: %s", pod_strerror(rc));
  if (msg[0] != 1)
    return pod_client__fail(c, POD_EINVAL,
                            "the transaction needs %u signers; the client signs only for its own "
                            "key",
                            (unsigned)msg[0]);
  rc = c->has_kp ? pod_sign(sig, &c->kp, msg, msg_sz) : c->sign(c->sign_user, sig, msg, msg_sz);
  if (rc != POD_OK) return pod_client__fail(c, rc, "signing failed: %s", pod_strerror(rc));
  if (1 + 64 + msg_sz > POD_TXN_MTU)
    return pod_client__fail(c, POD_ETOOLARGE, "the transaction is larger than %u bytes",
                            POD_TXN_MTU);
  wire[0] = 1;
  memcpy(wire + 1, sig->b, 64);
  memcpy(wire + 65, msg, msg_sz);
  *wire_sz = 65 + msg_sz;
  return POD_OK;
}

/* Waits until sig reaches the client's commitment. POD_OK, POD_EPROGRAM (failed on chain: the
 * outcome gets its error and the logs of getTransaction), POD_EIO on timeout. */
static int confirm(pod_client *c, const pod_signature_t *sig, pod_tx_outcome_t *o, int ws) {
  uint64_t deadline = pod_client__now_ms() + 2ull * c->timeout_ms;
  uint64_t wait = CONFIRM_POLL_FIRST_MS;
  /* ws: a signatureSubscribe was sent before the transaction (ws.c); its notification is the
   * answer. Without it (no PubSub, lost, or silent for timeout_ms), poll the status. */
  pod_sig_state_t ws_st;
  memset(&ws_st, 0, sizeof ws_st);
  int by_ws = ws && pod_client__ps_signature_wait(c, sig, pod_client__now_ms() + c->timeout_ms,
                                                  &ws_st.has_err, &ws_st.err);
  ws_st.found = by_ws;
  ws_st.level = (int)c->commitment;
  for (;;) {
    pod_sig_state_t st;
    memset(&st, 0, sizeof st);
    int rc = by_ws ? POD_OK : c->ops->statuses(c, sig, 1, &st);
    if (by_ws) st = ws_st;
    if (rc != POD_OK) return rc;
    if (st.found && st.has_err) {
      o->has_err = 1;
      o->err = st.err;
      pod_client__outcome_free(o);
      pod_tx_outcome_t t;
      memset(&t, 0, sizeof t);
      if (c->ops->get_transaction(c, sig, &t) == POD_OK) {
        o->logs = t.logs;
        o->log_cnt = t.log_cnt;
        o->has_logs = t.has_logs;
      }
      c->err[0] = 0;
      return POD_EPROGRAM;
    }
    if (st.found && st.level >= (int)c->commitment) return POD_OK;
    uint64_t now = pod_client__now_ms();
    if (now >= deadline) {
      char b58[POD_SIGNATURE_B58_SZ];
      return pod_client__fail(c, POD_EIO,
                              "transaction %s was sent but not confirmed within %u ms: check it "
                              "later (it may still land until its blockhash expires)",
                              pod_signature_to_base58(b58, sig), 2u * c->timeout_ms);
    }
    pod_client__sleep_ms(wait < deadline - now ? wait : deadline - now);
    wait = wait * 2 > CONFIRM_POLL_MAX_MS ? CONFIRM_POLL_MAX_MS : wait * 2;
  }
}

static const char *tx_name(const tx_plan_t *p) {
  for (size_t i = 0; i < p->cnt; i++)
    if (pod_pubkey_eq(&p->all[i].program_id, &pod_program_id)) {
      int k = pod_ix_kind_from_data(p->all[i].data, p->all[i].data_sz);
      if (k >= 0) return pod_ix_name(k);
    }
  return "transaction";
}

static int send_tx(pod_client *c, char sig_out[POD_CLIENT_SIG_SZ], const pod_instruction_t *ixs,
                   size_t ix_cnt) {
  if (sig_out) sig_out[0] = 0;
  if (!c->has_signer)
    return pod_client__fail(c, POD_EINVAL,
                            "this client has no signer: give opts.keypair (or a signing callback) "
                            "to send transactions");
  if (!ixs || !ix_cnt) return pod_client__fail(c, POD_EINVAL, "no instructions to send");
  tx_plan_t p;
  int rc = plan(c, &p, ixs, ix_cnt);
  if (rc != POD_OK) return rc;
  for (int attempt = 0;; attempt++) {
    uint8_t bh[32], wire[POD_TXN_MTU];
    size_t wire_sz = 0;
    pod_signature_t sig;
    if ((rc = blockhash(c, bh, attempt > 0)) != POD_OK) return rc;
    if ((rc = sign_wire(c, wire, &wire_sz, &sig, &p, bh)) != POD_OK) return rc;
    if (sig_out) pod_signature_to_base58(sig_out, &sig);
    pod_tx_outcome_t o;
    memset(&o, 0, sizeof o);
    /* subscribe before sending: the notification cannot be missed (http only) */
    int ws = pod_client__ps_signature_begin(c, &sig);
    rc = c->ops->send(c, wire, wire_sz, &o);
    pod_client__cache_tx(c, p.all, p.cnt); /* what it wrote (the fee payer at least) */
    if (ws && (rc != POD_OK || o.final)) pod_client__ps_signature_cancel(c, &sig);
    if (rc == POD_EPROGRAM && o.has_err && o.err.kind == POD_TXERR_BLOCKHASH_NOT_FOUND &&
        attempt == 0) {
      pod_client__outcome_free(&o);
      continue; /* once more with a fresh blockhash */
    }
    if (rc == POD_OK && !o.final) rc = confirm(c, &sig, &o, ws);
    pod_client__take_logs(c, &o);
    if (rc == POD_EPROGRAM && o.has_err) describe_tx_error(c, &o.err, p.all, p.cnt, tx_name(&p));
    return rc;
  }
}

int pod_client__send(pod_client *c, char sig_out[POD_CLIENT_SIG_SZ], const pod_instruction_t *ixs,
                     size_t ix_cnt) {
  if (!c->metrics) return send_tx(c, sig_out, ixs, ix_cnt); /* metrics off: nothing more */
  uint64_t t0 = pod_client__now_ns();
  int rc = send_tx(c, sig_out, ixs, ix_cnt);
  pod_client__metrics_tx(c, ixs, ix_cnt, pod_client__now_ns() - t0, rc);
  return rc;
}

/* ---- for batch.c ---- */

int pod_client__tx_size(pod_client *c, size_t *sz, const pod_instruction_t *ixs, size_t ix_cnt) {
  tx_plan_t p;
  if (ix_cnt > POD_TXN_INSTR_MAX) return POD_ELIMIT;
  char keep[sizeof c->err];
  memcpy(keep, c->err, sizeof keep);
  int rc = plan(c, &p, ixs, ix_cnt);
  memcpy(c->err, keep, sizeof keep);
  if (rc != POD_OK) return rc;
  uint8_t msg[POD_TXN_MTU], zero[32] = {0};
  size_t msg_sz = 0;
  rc = pod_message_compile(msg, sizeof msg, &msg_sz, &c->signer, p.all, p.cnt, zero);
  if (rc != POD_OK) return rc;
  if (msg[0] != 1) return POD_EINVAL;
  if (1 + 64 + msg_sz > POD_TXN_MTU) return POD_ETOOLARGE;
  *sz = 65 + msg_sz;
  return POD_OK;
}

int pod_client__tx_build(pod_client *c, uint8_t *wire, size_t *wire_sz, pod_signature_t *sig,
                         const pod_instruction_t *ixs, size_t ix_cnt, int refresh) {
  tx_plan_t p;
  uint8_t bh[32];
  int rc = plan(c, &p, ixs, ix_cnt);
  if (rc == POD_OK) rc = blockhash(c, bh, refresh);
  if (rc == POD_OK) rc = sign_wire(c, wire, wire_sz, sig, &p, bh);
  return rc;
}

int pod_client__tx_describe(pod_client *c, const pod_tx_error_t *e, const pod_instruction_t *ixs,
                            size_t ix_cnt) {
  tx_plan_t p;
  if (plan(c, &p, ixs, ix_cnt) != POD_OK) p.cnt = 0;
  describe_tx_error(c, e, p.all, p.cnt, tx_name(&p));
  return POD_EPROGRAM;
}

uint64_t pod_client__now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int pod_client_send(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_instruction_t *ixs,
                    size_t ix_cnt) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = pod_client__send(c, sig, ixs, ix_cnt);
  pod_client__leave(c);
  return rc;
}

int pod_client_simulate(uint64_t *units, pod_client *c, const pod_instruction_t *ixs,
                        size_t ix_cnt) {
  if (units) *units = 0;
  POD_CLIENT_GUARD(c);
  tx_plan_t p;
  uint8_t bh[32], wire[POD_TXN_MTU];
  size_t wire_sz = 0;
  pod_signature_t sig;
  pod_tx_outcome_t o;
  memset(&o, 0, sizeof o);
  int rc;
  if (!c->has_signer)
    rc = pod_client__fail(c, POD_EINVAL, "this client has no signer: give opts.keypair");
  else if (!ixs || !ix_cnt)
    rc = pod_client__fail(c, POD_EINVAL, "no instructions to simulate");
  else if ((rc = plan(c, &p, ixs, ix_cnt)) == POD_OK && (rc = blockhash(c, bh, 0)) == POD_OK &&
           (rc = sign_wire(c, wire, &wire_sz, &sig, &p, bh)) == POD_OK) {
    rc = c->ops->simulate(c, wire, wire_sz, &o);
    if (units) *units = o.units;
    pod_client__take_logs(c, &o);
    if (rc == POD_EPROGRAM && o.has_err) describe_tx_error(c, &o.err, p.all, p.cnt, tx_name(&p));
  }
  pod_client__outcome_free(&o);
  pod_client__leave(c);
  return rc;
}

int pod_client_airdrop(char sig_out[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *to,
                       uint64_t lamports) {
  if (sig_out) sig_out[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc;
  pod_tx_outcome_t o;
  memset(&o, 0, sizeof o);
  if (!to && !c->has_signer)
    rc = pod_client__fail(c, POD_EINVAL, "pod_client_airdrop: no recipient and no signer");
  else {
    const pod_pubkey_t *dst = to ? to : &c->signer;
    rc = c->ops->airdrop(c, dst, lamports, &o);
    pod_client__cache_invalidate(c, dst);
    if (rc == POD_OK || rc == POD_EPROGRAM) {
      if (sig_out) pod_signature_to_base58(sig_out, &o.sig);
      /* Confirmed as sends are: signatureSubscribe when there is a PubSub connection (the node
       * answers a subscription to a signature it already has with one notification at once, as
       * Solana does), else by polling. */
      if (rc == POD_OK && !o.final)
        rc = confirm(c, &o.sig, &o, pod_client__ps_signature_begin(c, &o.sig));
      pod_client__take_logs(c, &o);
      if (rc == POD_EPROGRAM && o.has_err) {
        pod_instruction_t sys = {pod_system_program_id, NULL, 0, NULL, 0};
        describe_tx_error(c, &o.err, &sys, 1, "airdrop");
      }
    }
  }
  pod_client__outcome_free(&o);
  pod_client__leave(c);
  return rc;
}
