/* The events service (services.h): program events and account changes with callbacks delivered
 * on the caller's thread by pod_events_poll.
 *
 * embedded: one ledger observer per client (added with the first subscription, removed with the
 * last) copies what matters — the `Program data:` lines of successful transactions, the keys of
 * subscribed accounts the commit wrote — into a queue under a mutex; pod_events_poll waits on a
 * condition variable and drains it. The observer never calls the ledger back (it must not write).
 * http: no thread either. With a PubSub connection (ws.c), logsSubscribe {mentions: [program id]}
 * and accountSubscribe per account: pod_events_poll reads their notifications while it waits.
 * Without one (ws_url "", unreachable, or lost), it polls getSignaturesForAddress(program id,
 * until = last seen) and getTransaction (events), getAccountInfo (account changes). A lost
 * connection turns every subscription to polling, continuing from the last event delivered
 * (so none is lost); each account subscription gets one change notice at the switch (it may have
 * changed while nothing listened). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client_int.h"
#include "ws.h"
#include "pod/hash.h"
#include "pod/ledger.h"

#define QUEUE_MAX 65536u    /* pending items kept; more are dropped (counted) */
#define SIGS_PER_POLL 1000u /* getSignaturesForAddress limit */

typedef struct item {
  struct item *next;
  int account; /* 0: an event (line), 1: an account change (key) */
  char sig[POD_CLIENT_SIG_SZ];
  uint64_t slot;
  pod_pubkey_t key;
  size_t len;
  char line[]; /* the `Program data: ...` line, NUL-terminated */
} item_t;

struct pod_subscription {
  struct pod_subscription *next;
  pod_client *c;
  int account;
  pod_pubkey_t key;
  pod_event_fn efn;
  pod_account_fn afn;
  void *user;
  int dead;
  /* http account polling: what the account looked like at the last poll */
  int have_state;
  uint8_t state[32];
  int ws; /* http: PubSub delivers it (accountSubscribe ws_id), else polled */
  uint64_t ws_id;
};

typedef struct {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  item_t *head, *tail;
  size_t qn;
  uint64_t dropped;
  pod_subscription *subs; /* under mu (the observer reads it) */
  size_t n_events;        /* live event subscriptions */
  pod_ledger *ledger;     /* embedded: the observed ledger (NULL when not observing) */
  int delivering;
  /* http */
  uint32_t interval_ms;
  int have_baseline, has_last;
  pod_signature_t last;
  int logs_ws; /* PubSub delivers the events (logsSubscribe logs_id), else polled */
  uint64_t logs_id;
  pod_client *subs_c; /* the client (for unsubscribing) */
} ev_state;

static ev_state *S(pod_client *c) { return c->events; }

/* ---- the queue (mu held) ---- */

static void push(ev_state *s, int account, const char *sig, uint64_t slot, const pod_pubkey_t *key,
                 const char *line, size_t len) {
  if (s->qn >= QUEUE_MAX) {
    s->dropped++;
    return;
  }
  item_t *it = pod_client__alloc(1, sizeof *it + len + 1);
  if (!it) {
    s->dropped++;
    return;
  }
  it->account = account;
  snprintf(it->sig, sizeof it->sig, "%s", sig);
  it->slot = slot;
  if (key) it->key = *key;
  it->len = len;
  if (len) memcpy(it->line, line, len);
  if (s->tail)
    s->tail->next = it;
  else
    s->head = it;
  s->tail = it;
  s->qn++;
}

static void free_items(item_t *it) {
  while (it) {
    item_t *n = it->next;
    free(it);
    it = n;
  }
}

/* Queues one log line if it is a PoD event (mu held). */
static void push_line(ev_state *s, const char *sig, uint64_t slot, const char *line, size_t len) {
  if (len < POD_EVENT_LOG_PREFIX_LEN ||
      memcmp(line, POD_EVENT_LOG_PREFIX, POD_EVENT_LOG_PREFIX_LEN))
    return;
  pod_event_t ev;
  uint8_t buf[POD_EVENT_DATA_MAX];
  /* only what decodes as a PoD event (other programs' events are skipped) */
  if (pod_event_decode_log(&ev, buf, sizeof buf, line, len) != POD_OK) return;
  push(s, 0, sig, slot, NULL, line, len);
}

/* Queues the events of one transaction's logs (mu held). */
static void push_logs(ev_state *s, const char *sig, uint64_t slot, const char *const *logs,
                      size_t n) {
  for (size_t i = 0; i < n; i++)
    push_line(s, sig, slot, logs[i], strlen(logs[i]));
}

/* ---- embedded ---- */

static void observer(void *user, const pod_ledger_event_t *ev) {
  ev_state *s = user;
  if (ev->kind != POD_LEDGER_EV_TX) return;
  char sig[POD_SIGNATURE_B58_SZ];
  pod_signature_to_base58(sig, ev->signature);
  pthread_mutex_lock(&s->mu);
  size_t before = s->qn;
  if (s->n_events && !ev->has_err) push_logs(s, sig, ev->slot, ev->logs, ev->log_cnt);
  for (pod_subscription *p = s->subs; p; p = p->next) {
    if (!p->account || p->dead) continue;
    for (size_t i = 0; i < ev->key_cnt; i++)
      if (ev->written[i] && pod_pubkey_eq(&ev->keys[i], &p->key)) {
        push(s, 1, sig, ev->slot, &p->key, NULL, 0);
        break;
      }
  }
  if (s->qn != before) pthread_cond_broadcast(&s->cv);
  pthread_mutex_unlock(&s->mu);
}

/* ---- http ---- */

static int account_state(pod_client *c, uint8_t out[32], const pod_pubkey_t *key) {
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  int rc = c->ops->get_account(c, key, &a);
  memset(out, 0, 32);
  if (rc == POD_ENOTFOUND) {
    c->err[0] = 0;
    return POD_OK;
  }
  if (rc != POD_OK) return rc;
  pod_sha256_t h;
  pod_sha256_init(&h);
  pod_sha256_update(&h, &a.lamports, sizeof a.lamports);
  pod_sha256_update(&h, a.owner.b, 32);
  if (a.data_sz) pod_sha256_update(&h, a.data, a.data_sz);
  pod_sha256_final(&h, out);
  out[0] |= 1; /* never the all-zero "does not exist" state */
  pod_client_account_free(&a);
  return POD_OK;
}

/* ---- http with PubSub (ws.c calls these while it reads, on the caller's thread) ---- */

static void ws_on_logs(pod_client *c, uint64_t sub, uint64_t slot, const pod_json_val *v) {
  ev_state *s = S(c);
  if (!s || !s->logs_ws || sub != s->logs_id) return;
  const char *sig = NULL;
  size_t sig_len = 0;
  pod_signature_t bin;
  if (pod_json_get_str(&sig, &sig_len, pod_json_find(v, "signature")) != POD_OK ||
      pod_signature_from_base58(&bin, sig, sig_len) != POD_OK)
    return;
  char b58[POD_SIGNATURE_B58_SZ];
  pod_signature_to_base58(b58, &bin);
  const pod_json_val *err = pod_json_find(v, "err");
  const pod_json_val *logs = pod_json_find(v, "logs");
  pthread_mutex_lock(&s->mu);
  if ((!err || pod_json_is_null(err)) && pod_json_type(logs) == POD_JSON_ARRAY)
    for (size_t i = 0; i < pod_json_len(logs); i++) {
      const char *line;
      size_t len;
      if (pod_json_get_str(&line, &len, pod_json_at(logs, i)) == POD_OK)
        push_line(s, b58, slot, line, len);
    }
  pthread_mutex_unlock(&s->mu);
  s->last = bin; /* where polling would continue if the connection is lost */
  s->has_last = 1;
}

static void ws_on_account(pod_client *c, uint64_t sub, const pod_pubkey_t *key, uint64_t slot) {
  ev_state *s = S(c);
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  for (pod_subscription *p = s->subs; p; p = p->next)
    if (p->account && !p->dead && p->ws && p->ws_id == sub) {
      push(s, 1, "", slot, key, NULL, 0);
      break;
    }
  pthread_mutex_unlock(&s->mu);
}

/* Every PubSub subscription is gone: poll from where PubSub stopped. */
static void ws_on_lost(pod_client *c) {
  ev_state *s = S(c);
  if (!s) return;
  s->logs_ws = 0;
  pthread_mutex_lock(&s->mu);
  for (pod_subscription *p = s->subs; p; p = p->next)
    if (p->ws) {
      p->ws = 0;
      p->have_state = 0; /* the next poll takes the state afresh */
      /* it may have changed while nothing was listening: say so once rather than miss it */
      if (!p->dead) push(s, 1, "", 0, &p->key, NULL, 0);
    }
  pthread_mutex_unlock(&s->mu);
}

static const pod_ps_hooks ws_hooks = {ws_on_logs, ws_on_account, ws_on_lost};

static int any_ws(const ev_state *s) {
  if (s->logs_ws) return 1;
  for (const pod_subscription *p = s->subs; p; p = p->next)
    if (p->ws && !p->dead) return 1;
  return 0;
}

static int any_polled(const ev_state *s) {
  if (s->n_events && !s->logs_ws) return 1;
  for (const pod_subscription *p = s->subs; p; p = p->next)
    if (p->account && !p->dead && !p->ws) return 1;
  return 0;
}

/* The newest program signature becomes the starting point. */
static int http_baseline(pod_client *c, ev_state *s) {
  if (s->have_baseline) return POD_OK;
  pod_signature_t sig;
  uint64_t slot;
  int failed;
  size_t n = 0;
  int rc = c->ops->signatures(c, &pod_program_id, NULL, 1, &sig, &slot, &failed, &n);
  if (rc != POD_OK) return rc;
  s->have_baseline = 1;
  s->has_last = n > 0;
  if (n) s->last = sig;
  return POD_OK;
}

/* One round of polling: new transactions of the program (events), subscribed accounts. */
static int http_fetch(pod_client *c, ev_state *s) {
  int rc = POD_OK;
  if (s->n_events && !s->logs_ws) {
    rc = http_baseline(c, s);
    pod_signature_t *sigs = NULL;
    uint64_t *slots = NULL;
    int *failed = NULL;
    size_t n = 0;
    if (rc == POD_OK) {
      sigs = pod_client__alloc(SIGS_PER_POLL, sizeof *sigs);
      slots = pod_client__alloc(SIGS_PER_POLL, sizeof *slots);
      failed = pod_client__alloc(SIGS_PER_POLL, sizeof *failed);
      if (!sigs || !slots || !failed) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    }
    if (rc == POD_OK)
      rc = c->ops->signatures(c, &pod_program_id, s->has_last ? &s->last : NULL, SIGS_PER_POLL,
                              sigs, slots, failed, &n);
    /* oldest first; the last one seen moves only past what was delivered to the queue */
    for (size_t k = n; rc == POD_OK && k-- > 0;) {
      if (!failed[k]) {
        pod_tx_outcome_t o;
        memset(&o, 0, sizeof o);
        rc = c->ops->get_transaction(c, &sigs[k], &o);
        if (rc == POD_OK && !o.has_err) {
          char b58[POD_SIGNATURE_B58_SZ];
          pod_signature_to_base58(b58, &sigs[k]);
          pthread_mutex_lock(&s->mu);
          push_logs(s, b58, slots[k], (const char *const *)o.logs, o.log_cnt);
          pthread_mutex_unlock(&s->mu);
        }
        pod_client__outcome_free(&o);
        if (rc != POD_OK) break;
      }
      s->last = sigs[k];
      s->has_last = 1;
    }
    free(sigs);
    free(slots);
    free(failed);
  }
  for (pod_subscription *p = s->subs; rc == POD_OK && p; p = p->next) {
    if (!p->account || p->dead || p->ws) continue;
    uint8_t st[32];
    if ((rc = account_state(c, st, &p->key)) != POD_OK) break;
    if (p->have_state && memcmp(st, p->state, 32)) {
      uint64_t slot = 0;
      if (c->ops->slot(c, &slot) != POD_OK) c->err[0] = 0;
      pthread_mutex_lock(&s->mu);
      push(s, 1, "", slot, &p->key, NULL, 0);
      pthread_mutex_unlock(&s->mu);
    }
    memcpy(p->state, st, 32);
    p->have_state = 1;
  }
  return rc;
}

/* ---- state ---- */

static void unobserve(ev_state *s) {
  if (s->ledger) {
    pod_ledger_observer_remove(s->ledger, observer, s);
    s->ledger = NULL;
  }
}

static void events_close(pod_client *c) {
  ev_state *s = S(c);
  if (!s) return;
  unobserve(s);
  for (pod_subscription *p = s->subs; p;) {
    pod_subscription *n = p->next;
    free(p);
    p = n;
  }
  free_items(s->head);
  pthread_cond_destroy(&s->cv);
  pthread_mutex_destroy(&s->mu);
  free(s);
  c->events = NULL;
}

static int state(pod_client *c, ev_state **out) {
  if (c->events) {
    *out = c->events;
    return POD_OK;
  }
  ev_state *s = pod_client__alloc(1, sizeof *s);
  if (!s) return pod_client__fail(c, POD_ENOMEM, "out of memory");
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  if (pthread_mutex_init(&s->mu, NULL) || pthread_cond_init(&s->cv, &ca)) {
    pthread_condattr_destroy(&ca);
    free(s);
    return pod_client__fail(c, POD_ENOMEM, "cannot create the events lock");
  }
  pthread_condattr_destroy(&ca);
  s->interval_ms = 400;
  s->subs_c = c;
  c->events = s;
  if (!pod_client_ledger(c)) pod_client__ps_set_hooks(c, &ws_hooks);
  c->events_close = events_close;
  *out = s;
  return POD_OK;
}

/* Ends observing when no live subscription remains (not inside delivery). */
static void sweep(ev_state *s) {
  pthread_mutex_lock(&s->mu);
  pod_subscription **pp = &s->subs;
  while (*pp) {
    pod_subscription *p = *pp;
    if (p->dead) {
      *pp = p->next;
      free(p);
    } else {
      pp = &p->next;
    }
  }
  int empty = s->subs == NULL;
  if (empty) {
    free_items(s->head);
    s->head = s->tail = NULL;
    s->qn = 0;
    s->have_baseline = 0;
  }
  pthread_mutex_unlock(&s->mu);
  if (!s->n_events && s->logs_ws && s->subs_c) { /* the last event subscription went */
    pod_client__ps_unsubscribe(s->subs_c, s->logs_id);
    s->logs_ws = 0;
  }
  if (empty) unobserve(s);
}

static int subscribe(pod_subscription **out, pod_client *c, int account, const pod_pubkey_t *key,
                     pod_event_fn efn, pod_account_fn afn, void *user) {
  if (out) *out = NULL;
  POD_CLIENT_GUARD(c);
  ev_state *s = NULL;
  pod_subscription *p = NULL;
  int rc = (!out || (account ? (!key || !afn) : !efn))
               ? pod_client__fail(c, POD_EINVAL, "subscribe: NULL argument")
               : state(c, &s);
  pod_ledger *l = rc == POD_OK ? pod_client_ledger(c) : NULL;
  if (rc == POD_OK && !l && !c->ops->signatures)
    rc = pod_client__fail(c, POD_EINVAL, "this transport cannot deliver events");
  if (rc == POD_OK && !(p = pod_client__alloc(1, sizeof *p)))
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  if (rc == POD_OK) {
    p->c = c;
    p->account = key != NULL;
    if (key) p->key = *key;
    p->efn = efn;
    p->afn = afn;
    p->user = user;
    if (!l) {
      /* http: PubSub if it is there, else the starting points of polling; either way before
       * anything can be missed. The baseline also serves if the connection is lost later. */
      if (key) {
        p->ws = pod_client__ps_subscribe(c, POD_PS_ACCOUNT, key, 0, &p->ws_id) == POD_OK;
        if (!p->ws) {
          rc = account_state(c, p->state, key);
          p->have_state = 1;
        }
      } else if (!s->n_events) {
        s->have_baseline = 0;
        rc = http_baseline(c, s);
        if (rc == POD_OK && !s->logs_ws)
          s->logs_ws =
              pod_client__ps_subscribe(c, POD_PS_LOGS, &pod_program_id, 0, &s->logs_id) == POD_OK;
      }
    } else if (!s->ledger) {
      int r = pod_ledger_observer_add(l, observer, s);
      if (r != POD_OK)
        rc = pod_client__fail(c, r, "cannot observe the ledger: %s", pod_strerror(r));
      else
        s->ledger = l;
    }
  }
  if (rc == POD_OK) {
    pthread_mutex_lock(&s->mu);
    p->next = s->subs;
    s->subs = p;
    if (!key) s->n_events++;
    pthread_mutex_unlock(&s->mu);
    *out = p;
  } else {
    free(p);
  }
  pod_client__leave(c);
  return rc;
}

int pod_events_subscribe(pod_subscription **out, pod_client *c, pod_event_fn fn, void *user) {
  return subscribe(out, c, 0, NULL, fn, NULL, user);
}

int pod_account_subscribe(pod_subscription **out, pod_client *c, const pod_pubkey_t *key,
                          pod_account_fn fn, void *user) {
  return subscribe(out, c, 1, key, NULL, fn, user);
}

void pod_subscription_free(pod_subscription *p) {
  if (!p) return;
  ev_state *s = S(p->c);
  pthread_mutex_lock(&s->mu);
  if (!p->dead && !p->account) s->n_events--;
  p->dead = 1;
  int ws = p->ws;
  p->ws = 0;
  pthread_mutex_unlock(&s->mu);
  if (ws) pod_client__ps_unsubscribe(p->c, p->ws_id);
  if (!s->delivering) sweep(s);
}

int pod_events_set_poll_interval(pod_client *c, uint32_t ms) {
  POD_CLIENT_GUARD(c);
  ev_state *s = NULL;
  int rc = ms < 10 ? pod_client__fail(c, POD_EINVAL, "poll interval under 10 ms") : state(c, &s);
  if (rc == POD_OK) s->interval_ms = ms;
  pod_client__leave(c);
  return rc;
}

static void deliver(ev_state *s, item_t *it, size_t *count) {
  s->delivering = 1;
  for (; it; it = it->next) {
    pod_event_info_t info;
    memset(&info, 0, sizeof info);
    uint8_t buf[POD_EVENT_DATA_MAX];
    if (!it->account &&
        pod_event_decode_log(&info.event, buf, sizeof buf, it->line, it->len) != POD_OK)
      continue;
    snprintf(info.signature, sizeof info.signature, "%s", it->sig);
    info.slot = it->slot;
    /* a subscription added by a callback (at the head) sees the items after the current one */
    for (pod_subscription *p = s->subs; p; p = p->next) {
      if (p->dead) continue;
      if (!it->account && p->efn) {
        p->efn(p->user, &info);
        (*count)++;
      } else if (it->account && p->afn && pod_pubkey_eq(&p->key, &it->key)) {
        p->afn(p->user, &it->key, it->slot);
        (*count)++;
      }
    }
  }
  s->delivering = 0;
}

int pod_events_poll(size_t *delivered, pod_client *c, uint32_t timeout_ms) {
  if (delivered) *delivered = 0;
  POD_CLIENT_GUARD(c);
  ev_state *s = S(c);
  int rc = POD_OK;
  item_t *got = NULL;
  if (s && s->subs) {
    uint64_t deadline = pod_client__now_ms() + timeout_ms;
    int http = s->ledger == NULL;
    for (;;) {
      if (http && any_polled(s)) rc = http_fetch(c, s);
      if (http && rc == POD_OK && any_ws(s)) {
        /* read notifications until one came, the deadline, or the next polling round */
        uint64_t now = pod_client__now_ms(), left = now < deadline ? deadline - now : 0;
        int queued = s->head != NULL;
        if (any_polled(s) && left > s->interval_ms) left = s->interval_ms;
        pod_client__ps_pump(c, queued ? 0 : (uint32_t)left); /* lost: ws_on_lost, poll next */
      }
      pthread_mutex_lock(&s->mu);
      if (!s->head && !http && rc == POD_OK) {
        uint64_t now = pod_client__now_ms();
        if (now < deadline) {
          struct timespec ts;
          clock_gettime(CLOCK_MONOTONIC, &ts);
          uint64_t ns = (uint64_t)ts.tv_nsec + (deadline - now) * 1000000ull;
          ts.tv_sec += (time_t)(ns / 1000000000ull);
          ts.tv_nsec = (long)(ns % 1000000000ull);
          while (!s->head && pthread_cond_timedwait(&s->cv, &s->mu, &ts) == 0) {
          }
        }
      }
      got = s->head;
      s->head = s->tail = NULL;
      s->qn = 0;
      pthread_mutex_unlock(&s->mu);
      if (got || rc != POD_OK || !http) break;
      uint64_t now = pod_client__now_ms();
      if (now >= deadline) break;
      if (any_ws(s)) continue; /* the pump waited */
      uint64_t wait = deadline - now < s->interval_ms ? deadline - now : s->interval_ms;
      pod_client__sleep_ms(wait);
    }
  }
  pod_client__leave(c);
  /* callbacks run outside the guard: they may call the client */
  if (got) {
    size_t n = 0;
    deliver(s, got, &n);
    free_items(got);
    sweep(s);
    if (delivered) *delivered = n;
  }
  return rc;
}
