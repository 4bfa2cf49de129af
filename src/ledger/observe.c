/* Commit notifications (pod/ledger.h, "commit notifications"): observers, the events of
 * committed transactions, slot events and the slot ticker.
 *
 * How a transaction event travels. exec_and_commit (ledger.c), under the writer lock wmu, stages
 * an event for each transaction it wrote into the LMDB transaction (lg_obs_stage): the keys, the
 * written flags, the signature, and a pointer to the caller's result, which holds the logs and,
 * once the commit is decided, `committed`. Whoever commits takes the staged list while still
 * holding wmu (lg_obs_take), which also takes the delivery lock dmu; it then releases wmu and
 * delivers (lg_obs_deliver): events whose result says committed go to the observers, the others
 * (a failed commit, an airdrop that did not go through, an aborted batch) are dropped. Taking dmu
 * before releasing wmu hands the order of commits over to the order of deliveries, so observers
 * see transactions in commit order while the next transaction already executes.
 *
 * Locks, in this order: wmu → dmu → (the observer's own); tmu (ticker) is never held with
 * another. The observer list changes under wmu and dmu both, so staging (under wmu) and
 * delivering (under dmu) read it safely. */
#include "ledger_internal.h"

#include <errno.h>
#include <string.h>
#include <time.h>

/* The ticker reports every slot up to this gap (a late tick); beyond it, and for the other
 * reporters (a transaction in a newer slot, a clock jump), only the newest slot. */
#define LG_OBS_SLOT_GAP 16u

struct lg_obs_ev {
  struct lg_obs_ev *next;
  const pod_ledger_result_t *r; /* the caller's result: logs, committed (alive until delivery) */
  pod_signature_t sig;
  uint64_t slot, fee;
  int64_t block_time;
  int has_err;
  pod_tx_error_t err;
  size_t key_cnt;
  uint8_t *written;    /* key_cnt flags, after the keys in the same allocation */
  pod_pubkey_t keys[]; /* key_cnt keys */
};

struct lg_obs {
  /* observers: changed under wmu and dmu */
  struct {
    pod_ledger_observer_fn fn;
    void *user;
  } o[POD_LEDGER_OBSERVER_MAX];
  size_t cnt;
  /* staged events (under wmu) */
  lg_obs_ev *head, **tail;
  /* delivery: serialises callbacks; last_slot reported (under dmu) */
  pthread_mutex_t dmu;
  uint64_t last_slot;
  /* the slot ticker (under tmu) */
  pthread_mutex_t tmu;
  pthread_cond_t tcv; /* on CLOCK_MONOTONIC */
  pthread_t th;
  int started, stop;
  unsigned watchers;
};

int lg_obs_init(pod_ledger *l) {
  lg_obs *o = lg_alloc(sizeof *o);
  if (!o) return POD_ENOMEM;
  memset(o, 0, sizeof *o);
  o->tail = &o->head;
  pthread_condattr_t ca;
  if (pthread_condattr_init(&ca)) {
    lg_free(o);
    return POD_ENOMEM;
  }
  pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
  int rc = pthread_cond_init(&o->tcv, &ca);
  pthread_condattr_destroy(&ca);
  if (rc) {
    lg_free(o);
    return POD_ENOMEM;
  }
  pthread_mutex_init(&o->dmu, NULL);
  pthread_mutex_init(&o->tmu, NULL);
  o->last_slot = pod_ledger_slot(l);
  l->obs = o;
  return POD_OK;
}

void lg_obs_free(pod_ledger *l) {
  lg_obs *o = l ? l->obs : NULL;
  if (!o) return;
  pthread_mutex_lock(&o->tmu);
  o->stop = 1;
  pthread_cond_broadcast(&o->tcv);
  pthread_mutex_unlock(&o->tmu);
  if (o->started) pthread_join(o->th, NULL);
  for (lg_obs_ev *e = o->head, *n; e; e = n) {
    n = e->next;
    lg_free(e);
  }
  pthread_cond_destroy(&o->tcv);
  pthread_mutex_destroy(&o->tmu);
  pthread_mutex_destroy(&o->dmu);
  lg_free(o);
  l->obs = NULL;
}

/* ---- transactions ---- */

void lg_obs_stage(pod_ledger *l, const lg_exec *x, const pod_ledger_result_t *r) {
  lg_obs *o = l->obs;
  if (!o || !o->cnt) return;
  size_t n = x->acct_cnt <= POD_TXN_ACCT_MAX ? x->acct_cnt : POD_TXN_ACCT_MAX;
  lg_obs_ev *e = lg_alloc(sizeof *e + n * (sizeof e->keys[0] + 1));
  if (!e) return; /* an event lost to memory exhaustion; the commit stands */
  e->next = NULL;
  e->key_cnt = n;
  e->written = (uint8_t *)(e->keys + n);
  e->r = r;
  memcpy(e->sig.b, x->wire + x->txn->sig_off, 64);
  e->slot = x->slot;
  e->fee = x->fee;
  e->block_time = x->now;
  e->has_err = x->has_err;
  e->err = x->err;
  for (size_t i = 0; i < n; i++) {
    e->keys[i] = x->acct[i].key;
    /* lg_commit stores the fee payer and, unless the transaction failed (rolled back to the
     * snapshot), every writable account */
    e->written[i] = (uint8_t)(i == 0 || (!x->has_err && x->acct[i].is_writable));
  }
  *o->tail = e;
  o->tail = &e->next;
}

lg_obs_ev *lg_obs_take(pod_ledger *l) {
  lg_obs *o = l->obs;
  if (!o || !o->head) return NULL;
  lg_obs_ev *e = o->head;
  o->head = NULL;
  o->tail = &o->head;
  pthread_mutex_lock(&o->dmu);
  return e;
}

static void emit(lg_obs *o, const pod_ledger_event_t *ev) {
  for (size_t i = 0; i < o->cnt; i++)
    o->o[i].fn(o->o[i].user, ev);
}

/* dmu held. Reports slot s if it is newer than the last one reported (with catch_up, the
 * slots in between too, up to a gap of LG_OBS_SLOT_GAP). */
static void slot_report(lg_obs *o, uint64_t s, int catch_up) {
  if (s <= o->last_slot) return;
  uint64_t from = catch_up && s - o->last_slot <= LG_OBS_SLOT_GAP ? o->last_slot + 1 : s;
  for (uint64_t k = from; k <= s; k++) {
    pod_ledger_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = POD_LEDGER_EV_SLOT;
    ev.slot = k;
    ev.parent = k ? k - 1 : 0;
    ev.root = k;
    emit(o, &ev);
  }
  o->last_slot = s;
}

void lg_obs_deliver(pod_ledger *l, lg_obs_ev *e) {
  if (!e) return;
  lg_obs *o = l->obs; /* dmu is held since lg_obs_take */
  for (lg_obs_ev *n; e; e = n) {
    n = e->next;
    if (e->r->committed) {
      slot_report(o, e->slot, 0);
      pod_ledger_event_t ev;
      memset(&ev, 0, sizeof ev);
      ev.kind = POD_LEDGER_EV_TX;
      ev.slot = e->slot;
      ev.signature = &e->sig;
      ev.block_time = e->block_time;
      ev.has_err = e->has_err;
      ev.err = &e->err;
      ev.logs = (const char *const *)e->r->logs;
      ev.log_cnt = e->r->log_cnt;
      ev.keys = e->keys;
      ev.written = e->written;
      ev.key_cnt = e->key_cnt;
      ev.fee = e->fee;
      emit(o, &ev);
    }
    lg_free(e);
  }
  pthread_mutex_unlock(&o->dmu);
}

/* ---- slots ---- */

static void slot_check(pod_ledger *l, int catch_up) {
  lg_obs *o = l->obs;
  if (!o) return;
  uint64_t s = pod_ledger_slot(l);
  pthread_mutex_lock(&o->dmu);
  slot_report(o, s, catch_up);
  pthread_mutex_unlock(&o->dmu);
}

void lg_obs_slot_check(pod_ledger *l) { slot_check(l, 0); }

/* The ticker: parked on tcv while nobody watches (no timeout: no wake-ups), else asleep until
 * the next slot boundary of the clock. */
static void *ticker(void *arg) {
  pod_ledger *l = arg;
  lg_obs *o = l->obs;
  pthread_mutex_lock(&o->tmu);
  while (!o->stop) {
    int64_t ms = o->watchers ? lg_clock_next_slot_ms(l) : -1;
    if (ms < 0) {
      pthread_cond_wait(&o->tcv, &o->tmu);
      continue;
    }
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    ms += 1; /* land just past the boundary */
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
      ts.tv_sec++;
      ts.tv_nsec -= 1000000000L;
    }
    if (pthread_cond_timedwait(&o->tcv, &o->tmu, &ts) != ETIMEDOUT) continue; /* re-evaluate */
    if (o->stop || !o->watchers) continue;
    pthread_mutex_unlock(&o->tmu);
    slot_check(l, 1);
    pthread_mutex_lock(&o->tmu);
  }
  pthread_mutex_unlock(&o->tmu);
  return NULL;
}

/* ---- public ---- */

int pod_ledger_observer_add(pod_ledger *l, pod_ledger_observer_fn fn, void *user) {
  if (!l || !fn || !l->obs) return POD_EINVAL;
  lg_obs *o = l->obs;
  int rc = POD_OK;
  pthread_mutex_lock(&l->wmu);
  pthread_mutex_lock(&o->dmu);
  for (size_t i = 0; i < o->cnt; i++)
    if (o->o[i].fn == fn && o->o[i].user == user) rc = POD_EEXIST;
  if (rc == POD_OK && o->cnt == POD_LEDGER_OBSERVER_MAX) rc = POD_ELIMIT;
  if (rc == POD_OK) {
    if (o->cnt == 0) o->last_slot = pod_ledger_slot(l); /* report from now on */
    o->o[o->cnt].fn = fn;
    o->o[o->cnt].user = user;
    o->cnt++;
  }
  pthread_mutex_unlock(&o->dmu);
  pthread_mutex_unlock(&l->wmu);
  return rc;
}

int pod_ledger_observer_remove(pod_ledger *l, pod_ledger_observer_fn fn, void *user) {
  if (!l || !fn || !l->obs) return POD_EINVAL;
  lg_obs *o = l->obs;
  int rc = POD_ENOTFOUND;
  pthread_mutex_lock(&l->wmu);
  pthread_mutex_lock(&o->dmu); /* waits for a delivery in progress */
  for (size_t i = 0; i < o->cnt; i++)
    if (o->o[i].fn == fn && o->o[i].user == user) {
      memmove(&o->o[i], &o->o[i + 1], (o->cnt - i - 1) * sizeof o->o[0]);
      o->cnt--;
      rc = POD_OK;
      break;
    }
  pthread_mutex_unlock(&o->dmu);
  pthread_mutex_unlock(&l->wmu);
  return rc;
}

int pod_ledger_watch_slots(pod_ledger *l, int on) {
  if (!l || !l->obs) return POD_EINVAL;
  lg_obs *o = l->obs;
  int rc = POD_OK;
  pthread_mutex_lock(&o->tmu);
  if (!on) {
    if (o->watchers == 0)
      rc = POD_EINVAL;
    else
      o->watchers--;
  } else if (o->watchers == UINT32_MAX) {
    rc = POD_ELIMIT;
  } else {
    if (!o->started) {
      int e = pthread_create(&o->th, NULL, ticker, l);
      if (e) rc = e == EAGAIN ? POD_ENOMEM : POD_EIO;
      o->started = e == 0;
    }
    if (rc == POD_OK) o->watchers++;
  }
  pthread_cond_broadcast(&o->tcv);
  pthread_mutex_unlock(&o->tmu);
  return rc;
}
