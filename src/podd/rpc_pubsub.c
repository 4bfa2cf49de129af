/* podd's PubSub methods (rpc_pubsub.h), fed by the ledger's commit notifications.
 *
 * State. One mutex `mu` guards everything: the connections (by podd_ws_id), their
 * subscriptions, and an index from what a notification is about to the subscriptions that want
 * it: a hash table keyed by (kind, key) for accountSubscribe (the account), programSubscribe
 * (the owner), logsSubscribe {"mentions"} (the address) and signatureSubscribe (the signature),
 * and two lists for logsSubscribe "all"/"allWithVotes" and slotSubscribe. A committed
 * transaction costs a lookup per account key, whatever the number of subscriptions.
 *
 * Order. A subscription is created, indexed and answered (its id queued with podd_ws_send)
 * under mu, and notifications are built and queued under mu too, so a client always gets the
 * subscription id before the first notification. A signatureSubscribe for a signature already
 * committed is answered with its id and then one notification at once, as Solana does when the
 * status is known; the status check and the index insertion share one critical section with
 * the ledger's delivery, so each signature subscription is notified exactly once.
 *
 * Threads. Messages arrive on transport workers; transaction events on the committing thread
 * (the ledger delivers them after the commit is durable, in commit order, outside its writer
 * lock); slot events on the ledger's slot ticker. Lock order: the ledger's delivery lock → mu →
 * the transport's lock (podd_ws_send only queues and never blocks on the network).
 *
 * Idle. The ledger's slot ticker runs only while at least one slotSubscribe (or rootSubscribe)
 * is open: each holds one pod_ledger_watch_slots reference. With none, nothing here wakes. */
#include "rpc_pubsub.h"
#include "rpc_encode.h"

#include <pod/encode.h>
#include <pod/errors.h>
#include <pod/json.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PS_SUBS_PER_CONN 1000u /* subscriptions per connection */
#define PS_SUBS_MAX                                                                                \
  100000u                 /* subscriptions in all (Solana's default max_active_subscriptions       \
                             is 1 000 000; this node is small) */
#define PS_BATCH_MAX 100u /* requests in one batch message */
#define PS_CONN_BUCKETS 256u
#define PS_OUT_MAX (64u << 20) /* one message; the transport caps its queue below that */

enum { SUB_ACCOUNT = 1, SUB_PROGRAM, SUB_LOGS, SUB_SIGNATURE, SUB_SLOT, SUB_ROOT };

typedef struct conn conn;
typedef struct sub sub;

struct sub {
  uint64_t id;
  int kind;
  conn *c;
  sub *cnext, *cprev; /* the connection's list */
  sub *inext;         /* the index chain, or the logs-all / slot list */
  int indexed;        /* in the hash index (else in a list, or nowhere) */
  uint8_t key[64];    /* account, owner, mentioned address (32) or signature (64) */
  size_t key_len;
  rpc_encoding_t enc; /* account and program */
  rpc_data_slice_t slice;
  rpc_filters_t filters; /* program */
  int received;          /* signature: enableReceivedNotification */
};

struct conn {
  podd_ws_id id;
  podd_http *srv;
  sub *subs;
  size_t nsubs;
  int gone;   /* podd_ws_send said it is gone or dropped: no more notifications are built */
  conn *next; /* hash chain */
};

struct pubsub {
  pod_ledger *l;
  pthread_mutex_t mu;
  int observing;
  uint64_t seed;
  uint64_t next_id;
  size_t total; /* subscriptions */
  sub **bk;     /* index buckets (power of two) */
  size_t nbk, nindexed, nprogram;
  sub *logs_all, *slots; /* slots: slotSubscribe and rootSubscribe */
  conn *conns[PS_CONN_BUCKETS];
};

/* ------------------------------------------------------------------------------------------ */
/* index                                                                                        */

static uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 33;
  return h;
}

/* Keys come from clients: seeded, so chains cannot be crafted to collide. */
static uint64_t key_hash(const pubsub *ps, int kind, const uint8_t *k, size_t n) {
  uint64_t h = mix64(ps->seed ^ (uint64_t)kind);
  for (size_t i = 0; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, k + i, 8);
    h = mix64(h ^ w);
  }
  return h;
}

static sub **bucket(pubsub *ps, int kind, const uint8_t *k, size_t n) {
  return &ps->bk[key_hash(ps, kind, k, n) & (ps->nbk - 1)];
}

static int same_key(const sub *s, int kind, const uint8_t *k, size_t n) {
  return s->kind == kind && s->key_len == n && !memcmp(s->key, k, n);
}

static int index_grow(pubsub *ps) {
  size_t nn = ps->nbk ? ps->nbk * 2 : 64;
  sub **nb = calloc(nn, sizeof *nb);
  if (!nb) return POD_ENOMEM;
  sub **old = ps->bk;
  size_t on = ps->nbk;
  ps->bk = nb;
  ps->nbk = nn;
  for (size_t i = 0; i < on; i++)
    for (sub *s = old[i], *nx; s; s = nx) {
      nx = s->inext;
      sub **b = bucket(ps, s->kind, s->key, s->key_len);
      s->inext = *b;
      *b = s;
    }
  free(old);
  return POD_OK;
}

static int index_add(pubsub *ps, sub *s) {
  sub **list = s->kind == SUB_SLOT || s->kind == SUB_ROOT ? &ps->slots
               : s->kind == SUB_LOGS && !s->key_len       ? &ps->logs_all
                                                          : NULL;
  if (list) {
    s->inext = *list;
    *list = s;
    return POD_OK;
  }
  if (ps->nindexed >= ps->nbk && index_grow(ps) != POD_OK && !ps->nbk) return POD_ENOMEM;
  sub **b = bucket(ps, s->kind, s->key, s->key_len);
  s->inext = *b;
  *b = s;
  s->indexed = 1;
  ps->nindexed++;
  if (s->kind == SUB_PROGRAM) ps->nprogram++;
  return POD_OK;
}

static void chain_remove(sub **head, sub *s) {
  for (sub **p = head; *p; p = &(*p)->inext)
    if (*p == s) {
      *p = s->inext;
      return;
    }
}

static void index_remove(pubsub *ps, sub *s) {
  if (s->indexed) {
    chain_remove(bucket(ps, s->kind, s->key, s->key_len), s);
    ps->nindexed--;
    if (s->kind == SUB_PROGRAM) ps->nprogram--;
  } else if (s->kind == SUB_SLOT || s->kind == SUB_ROOT) {
    chain_remove(&ps->slots, s);
  } else if (s->kind == SUB_LOGS) {
    chain_remove(&ps->logs_all, s);
  }
}

/* The first subscription of the chain for (kind, key), then the next ones with sub_next. */
static sub *sub_next(sub *s, int kind, const uint8_t *k, size_t n) {
  for (; s; s = s->inext)
    if (same_key(s, kind, k, n)) return s;
  return NULL;
}

static sub *sub_first(pubsub *ps, int kind, const uint8_t *k, size_t n) {
  return ps->nbk ? sub_next(*bucket(ps, kind, k, n), kind, k, n) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* connections and subscriptions                                                                */

static conn **conn_slot(pubsub *ps, podd_ws_id id) {
  conn **p = &ps->conns[mix64(id) % PS_CONN_BUCKETS];
  while (*p && (*p)->id != id)
    p = &(*p)->next;
  return p;
}

static conn *conn_get(pubsub *ps, podd_http *srv, podd_ws_id id) {
  conn **p = conn_slot(ps, id);
  if (*p) return *p;
  conn *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->id = id;
  c->srv = srv;
  *p = c;
  return c;
}

static void sub_free(pubsub *ps, sub *s) {
  index_remove(ps, s);
  conn *c = s->c;
  if (s->cprev)
    s->cprev->cnext = s->cnext;
  else
    c->subs = s->cnext;
  if (s->cnext) s->cnext->cprev = s->cprev;
  c->nsubs--;
  ps->total--;
  if (s->kind == SUB_SLOT || s->kind == SUB_ROOT) pod_ledger_watch_slots(ps->l, 0);
  free(s);
}

/* A new subscription of c (not yet indexed), or NULL with *err set. */
static sub *sub_new(pubsub *ps, conn *c, int kind, rpc_error_t *err) {
  if (c->nsubs >= PS_SUBS_PER_CONN) {
    rpc_fail(err, RPC_INTERNAL_ERROR,
             "Internal Error: Subscription refused. Connection subscription limit reached (%u)",
             PS_SUBS_PER_CONN);
    return NULL;
  }
  if (ps->total >= PS_SUBS_MAX) {
    rpc_fail(err, RPC_INTERNAL_ERROR,
             "Internal Error: Subscription refused. Node subscription limit reached");
    return NULL;
  }
  sub *s = calloc(1, sizeof *s);
  if (!s) {
    rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: out of memory");
    return NULL;
  }
  s->kind = kind;
  s->c = c;
  return s;
}

/* Indexes s and links it to its connection; frees it on failure. */
static int sub_commit(pubsub *ps, sub *s, rpc_error_t *err) {
  int ticks = s->kind == SUB_SLOT || s->kind == SUB_ROOT;
  if (ticks && pod_ledger_watch_slots(ps->l, 1) != POD_OK) {
    free(s);
    return rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: cannot start the slot clock");
  }
  if (index_add(ps, s) != POD_OK) {
    if (ticks) pod_ledger_watch_slots(ps->l, 0);
    free(s);
    return rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: out of memory");
  }
  conn *c = s->c;
  s->id = ps->next_id++;
  s->cnext = c->subs;
  if (c->subs) c->subs->cprev = s;
  c->subs = s;
  c->nsubs++;
  ps->total++;
  return POD_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* notifications                                                                                */

static void send_writer(conn *c, pod_json_writer_t *w) {
  const char *out;
  size_t len;
  if (pod_json_writer_finish(w, &out, &len) == POD_OK) {
    int rc = podd_ws_send(c->srv, c->id, out, len);
    /* gone, or dropped as a slow client (its queue is full): its on_ws_close cleans up */
    if (rc == POD_ENOTFOUND || rc == POD_ELIMIT) c->gone = 1;
  }
  pod_json_writer_reset(w);
}

/* {"jsonrpc":"2.0","method":M,"params":{"result": ... — the caller writes the result — */
static void begin_notification(pod_json_writer_t *w, const char *method) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "method");
  pod_json_put_str(w, method);
  pod_json_put_key(w, "params");
  pod_json_begin_object(w);
  pod_json_put_key(w, "result");
}

/* ... ,"subscription":N}} */
static void end_notification(pod_json_writer_t *w, uint64_t id) {
  pod_json_put_key(w, "subscription");
  pod_json_put_u64(w, id);
  pod_json_end_object(w);
  pod_json_end_object(w);
}

/* {"context":{"slot":S},"value": — notifications carry no apiVersion (Solana's
 * RpcNotificationContext) */
static void begin_response(pod_json_writer_t *w, uint64_t slot) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "context");
  pod_json_begin_object(w);
  pod_json_put_key(w, "slot");
  pod_json_put_u64(w, slot);
  pod_json_end_object(w);
  pod_json_put_key(w, "value");
}

/* A UiAccount with the subscription's encoding. Where rpc_write_account refuses (base58 over
 * 128 bytes), Solana's encoder does not fail a notification: it puts the text "error: data too
 * large for bs58 encoding" in place of the data, which is what this writes. */
static void write_ui_account(pod_json_writer_t *w, const pod_pubkey_t *key, const pod_account_t *a,
                             const sub *s) {
  if (rpc_write_account(w, key, a, s->enc, &s->slice, NULL) != POD_ETOOLARGE) return;
  static const char TOO_LARGE[] = "error: data too large for bs58 encoding";
  pod_json_begin_object(w);
  pod_json_put_key(w, "data");
  if (s->enc == RPC_ENC_BINARY) {
    pod_json_put_str(w, TOO_LARGE);
  } else {
    pod_json_begin_array(w);
    pod_json_put_str(w, TOO_LARGE);
    pod_json_put_str(w, "base58");
    pod_json_end_array(w);
  }
  pod_json_put_key(w, "executable");
  pod_json_put_bool(w, a->executable);
  pod_json_put_key(w, "lamports");
  pod_json_put_u64(w, a->lamports);
  pod_json_put_key(w, "owner");
  rpc_write_pubkey(w, &a->owner);
  pod_json_put_key(w, "rentEpoch");
  pod_json_put_u64(w, a->rent_epoch);
  pod_json_put_key(w, "space");
  pod_json_put_u64(w, a->data_sz);
  pod_json_end_object(w);
}

static void notify_signature(pod_json_writer_t *w, const sub *s, uint64_t slot, int received,
                             int has_err, const pod_tx_error_t *err) {
  if (s->c->gone) return;
  begin_notification(w, "signatureNotification");
  begin_response(w, slot);
  if (received) {
    pod_json_put_str(w, "receivedSignature");
  } else {
    pod_json_begin_object(w);
    pod_json_put_key(w, "err");
    rpc_write_tx_err(w, has_err, err);
    pod_json_end_object(w);
  }
  pod_json_end_object(w);
  end_notification(w, s->id);
  send_writer(s->c, w);
}

static void notify_logs(pod_json_writer_t *w, const sub *s, uint64_t slot, const char *value,
                        size_t value_len) {
  if (s->c->gone) return;
  begin_notification(w, "logsNotification");
  begin_response(w, slot);
  pod_json_put_raw(w, value, value_len);
  pod_json_end_object(w);
  end_notification(w, s->id);
  send_writer(s->c, w);
}

static void tx_event(pubsub *ps, const pod_ledger_event_t *ev, pod_json_writer_t *w) {
  /* signatureSubscribe: one notification, then the subscription ends (as Solana) */
  for (sub *s = sub_first(ps, SUB_SIGNATURE, ev->signature->b, 64), *nx; s; s = nx) {
    nx = sub_next(s->inext, SUB_SIGNATURE, ev->signature->b, 64);
    if (s->received) notify_signature(w, s, ev->slot, 1, 0, NULL);
    notify_signature(w, s, ev->slot, 0, ev->has_err, ev->err);
    sub_free(ps, s);
  }

  /* logsSubscribe: the value is the same for every subscriber; written once */
  int any_logs = ps->logs_all != NULL;
  for (size_t i = 0; i < ev->key_cnt && !any_logs; i++)
    any_logs = sub_first(ps, SUB_LOGS, ev->keys[i].b, 32) != NULL;
  if (any_logs) {
    pod_json_writer_t v;
    pod_json_writer_init(&v, PS_OUT_MAX);
    pod_json_begin_object(&v);
    pod_json_put_key(&v, "signature");
    rpc_write_signature(&v, ev->signature);
    pod_json_put_key(&v, "err");
    rpc_write_tx_err(&v, ev->has_err, ev->err);
    pod_json_put_key(&v, "logs");
    rpc_write_logs(&v, (char *const *)ev->logs, ev->log_cnt);
    pod_json_end_object(&v);
    const char *val;
    size_t vlen;
    if (pod_json_writer_finish(&v, &val, &vlen) == POD_OK) {
      for (sub *s = ps->logs_all; s; s = s->inext)
        notify_logs(w, s, ev->slot, val, vlen);
      for (size_t i = 0; i < ev->key_cnt; i++) /* static keys are distinct: one hit per sub */
        for (sub *s = sub_first(ps, SUB_LOGS, ev->keys[i].b, 32); s;
             s = sub_next(s->inext, SUB_LOGS, ev->keys[i].b, 32))
          notify_logs(w, s, ev->slot, val, vlen);
    }
    pod_json_writer_free(&v);
  }

  /* accountSubscribe / programSubscribe: every account the commit stored */
  for (size_t i = 0; i < ev->key_cnt; i++) {
    if (!ev->written[i]) continue;
    const pod_pubkey_t *key = &ev->keys[i];
    sub *as = sub_first(ps, SUB_ACCOUNT, key->b, 32);
    if (!as && !ps->nprogram) continue;
    pod_account_t a;
    memset(&a, 0, sizeof a);
    int rc = pod_ledger_get_account(ps->l, key, &a);
    if (rc != POD_OK && rc != POD_ENOTFOUND) continue;
    /* a deleted account is notified as Solana's default account: 0 lamports, owned by
     * 11111111111111111111111111111111, no data, rentEpoch 0 */
    for (sub *s = as; s; s = sub_next(s->inext, SUB_ACCOUNT, key->b, 32)) {
      if (s->c->gone) continue;
      begin_notification(w, "accountNotification");
      begin_response(w, ev->slot);
      write_ui_account(w, key, &a, s);
      pod_json_end_object(w);
      end_notification(w, s->id);
      send_writer(s->c, w);
    }
    if (rc == POD_OK)
      for (sub *s = sub_first(ps, SUB_PROGRAM, a.owner.b, 32); s;
           s = sub_next(s->inext, SUB_PROGRAM, a.owner.b, 32)) {
        if (s->c->gone || !rpc_filters_match(&s->filters, &a)) continue;
        begin_notification(w, "programNotification");
        begin_response(w, ev->slot);
        pod_json_begin_object(w); /* RpcKeyedAccount */
        pod_json_put_key(w, "account");
        write_ui_account(w, key, &a, s);
        pod_json_put_key(w, "pubkey");
        rpc_write_pubkey(w, key);
        pod_json_end_object(w);
        pod_json_end_object(w);
        end_notification(w, s->id);
        send_writer(s->c, w);
      }
    pod_ledger_account_free(&a);
  }
}

static void slot_event(pubsub *ps, const pod_ledger_event_t *ev, pod_json_writer_t *w) {
  for (sub *s = ps->slots; s; s = s->inext) {
    if (s->c->gone) continue;
    if (s->kind == SUB_ROOT) { /* every slot is a root at once here */
      begin_notification(w, "rootNotification");
      pod_json_put_u64(w, ev->root);
      end_notification(w, s->id);
      send_writer(s->c, w);
      continue;
    }
    begin_notification(w, "slotNotification");
    pod_json_begin_object(w); /* SlotInfo, in Solana's field order */
    pod_json_put_key(w, "slot");
    pod_json_put_u64(w, ev->slot);
    pod_json_put_key(w, "parent");
    pod_json_put_u64(w, ev->parent);
    pod_json_put_key(w, "root");
    pod_json_put_u64(w, ev->root);
    pod_json_end_object(w);
    end_notification(w, s->id);
    send_writer(s->c, w);
  }
}

/* The ledger's observer (see the top of this file for the threads). */
static void on_ledger_event(void *user, const pod_ledger_event_t *ev) {
  pubsub *ps = user;
  pthread_mutex_lock(&ps->mu);
  if (ps->total) {
    pod_json_writer_t w;
    pod_json_writer_init(&w, PS_OUT_MAX);
    if (ev->kind == POD_LEDGER_EV_TX)
      tx_event(ps, ev, &w);
    else if (ev->kind == POD_LEDGER_EV_SLOT)
      slot_event(ps, ev, &w);
    pod_json_writer_free(&w);
  }
  pthread_mutex_unlock(&ps->mu);
}

/* ------------------------------------------------------------------------------------------ */
/* methods                                                                                      */

/* What a request left to do after its answer: a signature already committed. */
typedef struct {
  uint64_t id; /* the subscription (looked up again: a batch may have unsubscribed it) */
  uint64_t slot;
  int has_err;
  pod_tx_error_t err;
} deferred_t;

typedef struct {
  pubsub *ps;
  conn *c;
  const pod_json_val *params; /* an array, or NULL */
  rpc_error_t err;
  int result_bool; /* 1: the result is `true`; else the subscription id below */
  uint64_t result_id;
  deferred_t *defer; /* set when there is a notification to send after the answer */
  deferred_t defer_slot;
} call_t;

static const char *type_name(const pod_json_val *v) {
  switch (pod_json_type(v)) {
  case POD_JSON_NULL: return "null";
  case POD_JSON_BOOL: return "boolean";
  case POD_JSON_NUMBER: return "number";
  case POD_JSON_STRING: return "string";
  case POD_JSON_ARRAY: return "sequence";
  case POD_JSON_OBJECT: return "map";
  default: return "nothing";
  }
}

/* Positional params: between min and max of them. */
static int params(call_t *k, size_t min, size_t max) {
  size_t n = pod_json_len(k->params);
  if (n >= min && n <= max) return POD_OK;
  if (min == max)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid length %zu, expected %zu parameter%s.", n, min,
                    min == 1 ? "" : "s");
  return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                  "Invalid params: invalid length %zu, expected %zu to %zu parameters.", n, min,
                  max);
}

/* A base58 key or signature string: Solana's PubSub answers "Invalid Request: Invalid <what>
 * provided" for anything that does not decode to the right size. */
static int param_b58(uint8_t *out, size_t n, call_t *k, const pod_json_val *v, const char *what) {
  const char *s;
  size_t len;
  if (pod_json_get_str(&s, &len, v) != POD_OK)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: %s, expected a string.", type_name(v));
  int rc = n == 32 ? pod_base58_decode_32(out, s, len) : pod_base58_decode_64(out, s, len);
  if (rc != POD_OK)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS, "Invalid Request: Invalid %s provided", what);
  return POD_OK;
}

/* params[i] if it is a config object, NULL if absent or null; err otherwise. */
static int param_config(const pod_json_val **out, call_t *k, size_t i) {
  const pod_json_val *v = pod_json_at(k->params, i);
  *out = NULL;
  if (!v || pod_json_is_null(v)) return POD_OK;
  if (pod_json_type(v) != POD_JSON_OBJECT)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: %s, expected a configuration object.",
                    type_name(v));
  *out = v;
  return POD_OK;
}

static int finish_sub(call_t *k, sub *s) {
  if (sub_commit(k->ps, s, &k->err) != POD_OK) return POD_EINVAL;
  k->result_id = s->id;
  return POD_OK;
}

static int m_account_subscribe(call_t *k) {
  pod_pubkey_t key;
  const pod_json_val *cfg;
  rpc_account_config_t ac;
  if (params(k, 1, 2) || param_b58(key.b, 32, k, pod_json_at(k->params, 0), "pubkey") ||
      param_config(&cfg, k, 1) || rpc_parse_account_config(&ac, cfg, RPC_ENC_BINARY, &k->err))
    return POD_EINVAL;
  sub *s = sub_new(k->ps, k->c, SUB_ACCOUNT, &k->err);
  if (!s) return POD_EINVAL;
  memcpy(s->key, key.b, 32);
  s->key_len = 32;
  s->enc = ac.encoding;
  s->slice = ac.slice;
  return finish_sub(k, s);
}

static int m_program_subscribe(call_t *k) {
  pod_pubkey_t key;
  const pod_json_val *cfg;
  rpc_account_config_t ac;
  rpc_filters_t f;
  if (params(k, 1, 2) || param_b58(key.b, 32, k, pod_json_at(k->params, 0), "pubkey") ||
      param_config(&cfg, k, 1) || rpc_parse_account_config(&ac, cfg, RPC_ENC_BINARY, &k->err) ||
      rpc_parse_filters(&f, pod_json_find(cfg, "filters"), &k->err))
    return POD_EINVAL;
  const pod_json_val *wc = pod_json_find(cfg, "withContext");
  int b;
  if (wc && !pod_json_is_null(wc) && pod_json_get_bool(&b, wc) != POD_OK)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: %s, expected a boolean.", type_name(wc));
  sub *s = sub_new(k->ps, k->c, SUB_PROGRAM, &k->err);
  if (!s) return POD_EINVAL;
  memcpy(s->key, key.b, 32);
  s->key_len = 32;
  s->enc = ac.encoding;
  s->slice = ac.slice;
  s->filters = f;
  return finish_sub(k, s);
}

static int m_logs_subscribe(call_t *k) {
  const pod_json_val *cfg, *f;
  if (params(k, 1, 2) || param_config(&cfg, k, 1) ||
      rpc_parse_commitment(pod_json_find(cfg, "commitment"), &k->err))
    return POD_EINVAL;
  f = pod_json_at(k->params, 0);
  pod_pubkey_t key;
  int all = 0;
  const char *str;
  size_t len;
  if (pod_json_get_str(&str, &len, f) == POD_OK) {
    if ((len == 3 && !memcmp(str, "all", 3)) || (len == 12 && !memcmp(str, "allWithVotes", 12)))
      all = 1; /* no vote transactions exist here: the two are the same */
    else
      return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                      "Invalid params: unknown variant `%.64s`, expected one of `all`, "
                      "`allWithVotes`, `mentions`.",
                      str);
  } else if (pod_json_type(f) == POD_JSON_OBJECT && pod_json_len(f) == 1 &&
             pod_json_find(f, "mentions")) {
    const pod_json_val *m = pod_json_find(f, "mentions");
    if (pod_json_type(m) != POD_JSON_ARRAY)
      return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                      "Invalid params: invalid type: %s, expected a sequence.", type_name(m));
    if (pod_json_len(m) != 1)
      return rpc_fail(&k->err, RPC_INVALID_PARAMS, "Invalid Request: Only 1 address supported");
    if (param_b58(key.b, 32, k, pod_json_at(m, 0), "mentions")) return POD_EINVAL;
  } else {
    return rpc_fail(
        &k->err, RPC_INVALID_PARAMS,
        "Invalid params: expected \"all\", \"allWithVotes\" or {\"mentions\":[address]}.");
  }
  sub *s = sub_new(k->ps, k->c, SUB_LOGS, &k->err);
  if (!s) return POD_EINVAL;
  if (!all) {
    memcpy(s->key, key.b, 32);
    s->key_len = 32;
  }
  return finish_sub(k, s);
}

static int m_signature_subscribe(call_t *k) {
  pod_signature_t sig;
  const pod_json_val *cfg;
  int received = 0;
  if (params(k, 1, 2) || param_b58(sig.b, 64, k, pod_json_at(k->params, 0), "signature") ||
      param_config(&cfg, k, 1) || rpc_parse_commitment(pod_json_find(cfg, "commitment"), &k->err))
    return POD_EINVAL;
  const pod_json_val *r = pod_json_find(cfg, "enableReceivedNotification");
  if (r && !pod_json_is_null(r) && pod_json_get_bool(&received, r) != POD_OK)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: %s, expected a boolean.", type_name(r));
  sub *s = sub_new(k->ps, k->c, SUB_SIGNATURE, &k->err);
  if (!s) return POD_EINVAL;
  memcpy(s->key, sig.b, 64);
  s->key_len = 64;
  s->received = received;
  if (finish_sub(k, s) != POD_OK) return POD_EINVAL;
  /* already committed: notify right after the answer (mu is held until then, so the ledger's
   * delivery of this signature cannot come in between: exactly one notification) */
  pod_sig_status_t st;
  if (pod_ledger_signature_status(k->ps->l, &sig, &st) == POD_OK) {
    k->defer = &k->defer_slot;
    k->defer->id = s->id;
    k->defer->slot = st.slot;
    k->defer->has_err = st.has_err;
    k->defer->err = st.err;
  }
  return POD_OK;
}

static int m_slot_subscribe(call_t *k) {
  if (params(k, 0, 0)) return POD_EINVAL;
  sub *s = sub_new(k->ps, k->c, SUB_SLOT, &k->err);
  return s ? finish_sub(k, s) : POD_EINVAL;
}

static int m_root_subscribe(call_t *k) {
  if (params(k, 0, 0)) return POD_EINVAL;
  sub *s = sub_new(k->ps, k->c, SUB_ROOT, &k->err);
  return s ? finish_sub(k, s) : POD_EINVAL;
}

/* Every *Unsubscribe: [id] of a subscription of this connection (any kind, as Solana). */
static int m_unsubscribe(call_t *k) {
  uint64_t id;
  const pod_json_val *v = pod_json_at(k->params, 0);
  if (params(k, 1, 1)) return POD_EINVAL;
  if (pod_json_get_u64(&id, v) != POD_OK)
    return rpc_fail(&k->err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: %s, expected a subscription id (u64).",
                    type_name(v));
  for (sub *s = k->c->subs; s; s = s->cnext)
    if (s->id == id) {
      sub_free(k->ps, s);
      k->result_bool = 1;
      return POD_OK;
    }
  return rpc_fail(&k->err, RPC_INVALID_PARAMS, "Invalid subscription id.");
}

static const struct {
  const char *name;
  int (*fn)(call_t *);
} METHODS[] = {
    {"accountSubscribe", m_account_subscribe},     {"accountUnsubscribe", m_unsubscribe},
    {"programSubscribe", m_program_subscribe},     {"programUnsubscribe", m_unsubscribe},
    {"logsSubscribe", m_logs_subscribe},           {"logsUnsubscribe", m_unsubscribe},
    {"signatureSubscribe", m_signature_subscribe}, {"signatureUnsubscribe", m_unsubscribe},
    {"slotSubscribe", m_slot_subscribe},           {"slotUnsubscribe", m_unsubscribe},
    {"rootSubscribe", m_root_subscribe},           {"rootUnsubscribe", m_unsubscribe},
};

/* ------------------------------------------------------------------------------------------ */
/* requests                                                                                     */

static void error_answer(pod_json_writer_t *w, const pod_json_val *id, int code, const char *msg) {
  rpc_error_t e;
  rpc_fail(&e, code, "%s", msg);
  rpc_write_error_response(w, id, &e);
}

/* Answers one request object into w (as jsonrpc-core: a request without "id" is a
 * notification and gets no answer). Returns 1 if an answer was written. */
static int handle_one(pubsub *ps, conn *c, const pod_json_val *req, pod_json_writer_t *w,
                      deferred_t *defer, size_t *ndefer) {
  const pod_json_val *id = pod_json_find(req, "id"), *m = pod_json_find(req, "method"),
                     *p = pod_json_find(req, "params"), *ver = pod_json_find(req, "jsonrpc");
  const char *vs, *name;
  size_t vl, nl;
  pod_json_type_t it = pod_json_type(id);
  if (pod_json_type(req) != POD_JSON_OBJECT || pod_json_get_str(&vs, &vl, ver) != POD_OK ||
      vl != 3 || memcmp(vs, "2.0", 3) || pod_json_get_str(&name, &nl, m) != POD_OK ||
      (p && pod_json_type(p) != POD_JSON_ARRAY && pod_json_type(p) != POD_JSON_OBJECT &&
       !pod_json_is_null(p)) ||
      (id && it != POD_JSON_NUMBER && it != POD_JSON_STRING && it != POD_JSON_NULL)) {
    error_answer(w, NULL, RPC_INVALID_REQUEST, "Invalid request");
    return 1;
  }
  call_t k;
  memset(&k, 0, sizeof k);
  k.ps = ps;
  k.c = c;
  k.params = pod_json_type(p) == POD_JSON_ARRAY ? p : NULL;
  int (*fn)(call_t *) = NULL;
  for (size_t i = 0; i < sizeof METHODS / sizeof METHODS[0]; i++)
    if (strlen(METHODS[i].name) == nl && !memcmp(METHODS[i].name, name, nl)) fn = METHODS[i].fn;
  int rc;
  if (!fn) {
    rc = rpc_fail(&k.err, RPC_METHOD_NOT_FOUND, "Method not found");
  } else if (pod_json_type(p) == POD_JSON_OBJECT) {
    rc = rpc_fail(&k.err, RPC_INVALID_PARAMS,
                  "Invalid params: invalid type: map, expected a sequence of parameters.");
  } else {
    rc = fn(&k);
  }
  if (rc == POD_OK && k.defer) defer[(*ndefer)++] = *k.defer;
  if (!id) return 0; /* a notification: no answer */
  if (rc != POD_OK) {
    rpc_write_error_response(w, id, &k.err);
  } else {
    rpc_begin_result(w);
    if (k.result_bool)
      pod_json_put_bool(w, 1);
    else
      pod_json_put_u64(w, k.result_id);
    rpc_end_result(w, id);
  }
  return 1;
}

/* Handles one message (a request or a batch; doc NULL: it was not JSON) under mu. */
static void handle_message(pubsub *ps, conn *c, const pod_json_doc *doc) {
  pod_json_writer_t w;
  pod_json_writer_init(&w, PS_OUT_MAX);
  deferred_t defer[PS_BATCH_MAX];
  size_t ndefer = 0;
  int answer = 0;
  if (!doc) {
    error_answer(&w, NULL, RPC_PARSE_ERROR, "Parse error");
    answer = 1;
  } else {
    const pod_json_val *root = pod_json_root(doc);
    if (pod_json_type(root) == POD_JSON_ARRAY) {
      size_t n = pod_json_len(root);
      if (n == 0) {
        error_answer(&w, NULL, RPC_INVALID_REQUEST, "Invalid request");
        answer = 1;
      } else if (n > PS_BATCH_MAX) {
        char msg[96];
        snprintf(msg, sizeof msg, "Invalid request: a batch holds at most %u requests",
                 PS_BATCH_MAX);
        error_answer(&w, NULL, RPC_INVALID_REQUEST, msg);
        answer = 1;
      } else {
        pod_json_begin_array(&w);
        for (size_t i = 0; i < n; i++)
          answer |= handle_one(ps, c, pod_json_at(root, i), &w, defer, &ndefer);
        pod_json_end_array(&w);
      }
    } else {
      answer = handle_one(ps, c, root, &w, defer, &ndefer);
    }
  }
  if (answer) {
    const char *out;
    size_t olen;
    if (pod_json_writer_finish(&w, &out, &olen) == POD_OK) podd_ws_send(c->srv, c->id, out, olen);
  }
  pod_json_writer_reset(&w);
  for (size_t i = 0; i < ndefer; i++) {
    deferred_t *d = &defer[i];
    sub *s = c->subs;
    while (s && s->id != d->id)
      s = s->cnext;
    if (!s) continue;
    notify_signature(&w, s, d->slot, 0, d->has_err, &d->err);
    sub_free(ps, s);
  }
  pod_json_writer_free(&w);
}

/* ------------------------------------------------------------------------------------------ */
/* public                                                                                       */

static uint64_t random_seed(void) {
  uint64_t s = 0;
  FILE *f = fopen("/dev/urandom", "rb");
  if (f) {
    if (fread(&s, sizeof s, 1, f) != 1) s = 0;
    fclose(f);
  }
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return s ^ mix64((uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30));
}

int pubsub_new(pubsub **out, pod_ledger *l) {
  *out = NULL;
  pubsub *ps = calloc(1, sizeof *ps);
  if (!ps) return POD_ENOMEM;
  ps->l = l;
  ps->seed = random_seed();
  pthread_mutex_init(&ps->mu, NULL);
  int rc = pod_ledger_observer_add(l, on_ledger_event, ps);
  if (rc != POD_OK) {
    pthread_mutex_destroy(&ps->mu);
    free(ps);
    return rc;
  }
  ps->observing = 1;
  *out = ps;
  return POD_OK;
}

void pubsub_free(pubsub *ps) {
  if (!ps) return;
  if (ps->observing) pod_ledger_observer_remove(ps->l, on_ledger_event, ps);
  for (size_t i = 0; i < PS_CONN_BUCKETS; i++)
    for (conn *c = ps->conns[i], *nx; c; c = nx) {
      nx = c->next;
      while (c->subs)
        sub_free(ps, c->subs);
      free(c);
    }
  free(ps->bk);
  pthread_mutex_destroy(&ps->mu);
  free(ps);
}

void pubsub_ws_open(pubsub *ps, podd_http *srv, podd_ws_id id) {
  pthread_mutex_lock(&ps->mu);
  conn *c = conn_get(ps, srv, id);
  pthread_mutex_unlock(&ps->mu);
  if (!c) podd_ws_close(srv, id, 1011, "out of memory");
}

void pubsub_ws_message(pubsub *ps, podd_http *srv, podd_ws_id id, const char *text, size_t len) {
  pod_json_doc *doc = NULL; /* parsed outside the lock: notifications do not wait for it */
  if (pod_json_parse(&doc, text, len, NULL, NULL) != POD_OK) doc = NULL;
  pthread_mutex_lock(&ps->mu);
  conn *c = conn_get(ps, srv, id);
  if (c) handle_message(ps, c, doc);
  pthread_mutex_unlock(&ps->mu);
  pod_json_free(doc);
  if (!c) podd_ws_close(srv, id, 1011, "out of memory");
}

void pubsub_ws_close(pubsub *ps, podd_http *srv, podd_ws_id id) {
  (void)srv;
  pthread_mutex_lock(&ps->mu);
  conn **p = conn_slot(ps, id);
  conn *c = *p;
  if (c) {
    *p = c->next;
    while (c->subs)
      sub_free(ps, c->subs);
    free(c);
  }
  pthread_mutex_unlock(&ps->mu);
}
