/* Commit notifications: pod_ledger_observer_add/_remove and pod_ledger_watch_slots. */
#include "pod/ledger.h"
#include "test/pod_test.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define SOL 1000000000ull
#define T0 1700000000
#define EV_MAX 256

typedef struct {
  int kind;
  uint64_t slot, parent, root;
  pod_signature_t sig;
  int has_err;
  pod_tx_error_t err;
  size_t log_cnt;
  char log0[128], loglast[128];
  size_t key_cnt;
  pod_pubkey_t keys[8];
  uint8_t written[8];
  uint64_t balance0; /* read from inside the callback: the commit is visible */
} ev_t;

typedef struct {
  pod_ledger *l;
  pthread_mutex_t mu;
  ev_t ev[EV_MAX];
  size_t n, slots, txs;
  atomic_int inside, overlap;
} rec_t;

static void observer(void *user, const pod_ledger_event_t *e) {
  rec_t *r = user;
  if (atomic_fetch_add(&r->inside, 1) != 0) atomic_store(&r->overlap, 1);
  pthread_mutex_lock(&r->mu);
  if (e->kind == POD_LEDGER_EV_SLOT)
    r->slots++;
  else
    r->txs++;
  if (r->n < EV_MAX) {
    ev_t *v = &r->ev[r->n++];
    memset(v, 0, sizeof *v);
    v->kind = e->kind;
    v->slot = e->slot;
    v->parent = e->parent;
    v->root = e->root;
    if (e->kind == POD_LEDGER_EV_TX) {
      v->sig = *e->signature;
      v->has_err = e->has_err;
      v->err = *e->err;
      v->log_cnt = e->log_cnt;
      if (e->log_cnt) {
        snprintf(v->log0, sizeof v->log0, "%s", e->logs[0]);
        snprintf(v->loglast, sizeof v->loglast, "%s", e->logs[e->log_cnt - 1]);
      }
      v->key_cnt = e->key_cnt;
      for (size_t i = 0; i < e->key_cnt && i < 8; i++) {
        v->keys[i] = e->keys[i];
        v->written[i] = e->written[i];
      }
      /* reading is allowed from an observer, and sees the commit */
      v->balance0 = pod_ledger_balance(r->l, &e->keys[0]);
      (void)pod_ledger_slot(r->l);
    }
  }
  pthread_mutex_unlock(&r->mu);
  atomic_fetch_sub(&r->inside, 1);
}

static void other_observer(void *user, const pod_ledger_event_t *e) {
  (void)e;
  atomic_fetch_add((atomic_int *)user, 1);
}

static void kp(pod_keypair_t *k, pod_pubkey_t *pk, uint8_t seed_byte) {
  uint8_t s[32];
  memset(s, seed_byte, 32);
  pod_keypair_from_seed(k, s);
  pod_keypair_pubkey(pk, k);
}

static size_t transfer_wire(pod_ledger *l, uint8_t *wire, const pod_keypair_t *from,
                            const pod_pubkey_t *to, uint64_t lamports) {
  pod_pubkey_t fk;
  pod_keypair_pubkey(&fk, from);
  pod_account_meta_t m[2] = {{fk, 1, 1}, {*to, 0, 1}};
  uint8_t d[12] = {2, 0, 0, 0};
  for (int i = 0; i < 8; i++)
    d[4 + i] = (uint8_t)(lamports >> (8 * i));
  pod_instruction_t ix = {pod_system_program_id, m, 2, d, 12};
  uint8_t bh[32];
  size_t sz = 0;
  pod_ledger_latest_blockhash(l, bh, NULL);
  const pod_keypair_t *s[1] = {from};
  /* no CHECK here: the workers call it concurrently (the counters are not atomic); a failed
   * build returns 0 bytes, which pod_ledger_process refuses */
  if (pod_txn_build(wire, POD_TXN_MTU, &sz, &ix, 1, bh, s, 1) != POD_OK) return 0;
  return sz;
}

static void rm_dir(const char *d) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", d);
  CHECK_EQ(system(cmd), 0);
}

static void sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static double cpu_ms(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* ---- manual clock: transaction events, errors, batches, clock jumps ---- */
static void test_transactions(void) {
  char dir[64];
  strcpy(dir, "/tmp/podc-test-observe-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = T0;
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, &o), POD_OK);
  if (!l) return;

  static rec_t r;
  memset(&r, 0, sizeof r);
  r.l = l;
  pthread_mutex_init(&r.mu, NULL);
  atomic_int other = 0;

  /* the API's errors */
  CHECK_EQ(pod_ledger_observer_add(NULL, observer, &r), POD_EINVAL);
  CHECK_EQ(pod_ledger_observer_add(l, NULL, &r), POD_EINVAL);
  CHECK_EQ(pod_ledger_observer_remove(l, observer, &r), POD_ENOTFOUND);
  CHECK_EQ(pod_ledger_observer_add(l, observer, &r), POD_OK);
  CHECK_EQ(pod_ledger_observer_add(l, observer, &r), POD_EEXIST);
  int dummies[POD_LEDGER_OBSERVER_MAX];
  for (int i = 0; i < POD_LEDGER_OBSERVER_MAX - 1; i++)
    CHECK_EQ(pod_ledger_observer_add(l, other_observer, &dummies[i]), POD_OK);
  CHECK_EQ(pod_ledger_observer_add(l, other_observer, &other), POD_ELIMIT);
  for (int i = 0; i < POD_LEDGER_OBSERVER_MAX - 1; i++)
    CHECK_EQ(pod_ledger_observer_remove(l, other_observer, &dummies[i]), POD_OK);
  CHECK_EQ(pod_ledger_observer_add(l, other_observer, &other), POD_OK);
  CHECK_EQ(pod_ledger_watch_slots(l, 0), POD_EINVAL);

  pod_keypair_t ka, kb, kz;
  pod_pubkey_t a, b, z;
  kp(&ka, &a, 1);
  kp(&kb, &b, 2);
  kp(&kz, &z, 9); /* never funded */

  /* an airdrop: one event, the faucet and the recipient written, the nonce key not */
  pod_signature_t asig;
  CHECK_EQ(pod_ledger_airdrop(l, &asig, NULL, &a, 10 * SOL), POD_OK);
  CHECK_EQ(r.n, 1);
  CHECK_EQ(r.ev[0].kind, POD_LEDGER_EV_TX);
  CHECK(!memcmp(r.ev[0].sig.b, asig.b, 64));
  CHECK_EQ(r.ev[0].has_err, 0);
  CHECK_EQ(r.ev[0].key_cnt, 4); /* faucet, recipient, nonce, System */
  CHECK(!memcmp(r.ev[0].keys[1].b, a.b, 32));
  CHECK_EQ(r.ev[0].written[0], 1);
  CHECK_EQ(r.ev[0].written[1], 1);
  CHECK_EQ(r.ev[0].written[2] + r.ev[0].written[3], 0);
  CHECK_EQ(r.ev[0].log_cnt, 2);
  CHECK_STR(r.ev[0].log0, "Program 11111111111111111111111111111111 invoke [1]");
  CHECK_EQ(atomic_load(&other), 1);

  /* an airdrop that fails (rent) commits nothing: no event */
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &b, 1), POD_EPROGRAM);
  CHECK_EQ(r.n, 1);

  /* a transfer: the event matches the result; its effect is visible inside the callback */
  uint8_t wire[POD_TXN_MTU];
  size_t sz = transfer_wire(l, wire, &ka, &b, SOL);
  pod_ledger_result_t res;
  CHECK_EQ(pod_ledger_process(l, wire, sz, &res), POD_OK);
  CHECK_EQ(r.n, 2);
  CHECK(!memcmp(r.ev[1].sig.b, res.signature.b, 64));
  CHECK_EQ(r.ev[1].slot, res.slot);
  CHECK_EQ(r.ev[1].log_cnt, res.log_cnt);
  CHECK_STR(r.ev[1].loglast, "Program 11111111111111111111111111111111 success");
  CHECK_EQ(r.ev[1].key_cnt, 3);
  CHECK_EQ(r.ev[1].written[0] + r.ev[1].written[1], 2);
  CHECK_EQ(r.ev[1].written[2], 0); /* the System program: read-only */
  CHECK_EQ(r.ev[1].balance0, 9 * SOL - 5000);
  pod_ledger_result_free(&res);

  /* the same again: AlreadyProcessed, not committed, no event */
  CHECK_EQ(pod_ledger_process(l, wire, sz, &res), POD_EPROGRAM);
  CHECK_EQ(res.committed, 0);
  pod_ledger_result_free(&res);
  /* a fee payer that does not exist: no event */
  sz = transfer_wire(l, wire, &kz, &b, 1);
  CHECK_EQ(pod_ledger_process(l, wire, sz, &res), POD_EPROGRAM);
  pod_ledger_result_free(&res);
  /* a bad signature: no event */
  sz = transfer_wire(l, wire, &ka, &b, 2);
  wire[5] ^= 1;
  CHECK_EQ(pod_ledger_process(l, wire, sz, &res), POD_EPROGRAM);
  pod_ledger_result_free(&res);
  /* a simulation: no event */
  sz = transfer_wire(l, wire, &ka, &b, 3);
  CHECK_EQ(pod_ledger_simulate(l, wire, sz, NULL, &res), POD_OK);
  pod_ledger_result_free(&res);
  CHECK_EQ(r.n, 2);

  /* a failed transfer (Custom(1)) is committed with its fee: an event with the error, only the
   * fee payer written */
  sz = transfer_wire(l, wire, &ka, &b, 100 * SOL);
  CHECK_EQ(pod_ledger_process(l, wire, sz, &res), POD_EPROGRAM);
  CHECK_EQ(res.committed, 1);
  CHECK_EQ(r.n, 3);
  CHECK_EQ(r.ev[2].has_err, 1);
  CHECK_EQ(r.ev[2].err.kind, POD_TXERR_INSTRUCTION_ERROR);
  CHECK_EQ(r.ev[2].err.custom, 1);
  CHECK_EQ(r.ev[2].written[0], 1);
  CHECK_EQ(r.ev[2].written[1], 0);
  CHECK_EQ(r.ev[2].log_cnt, res.log_cnt);
  pod_ledger_result_free(&res);

  /* a clock jump: one slot event (no transaction), then transactions in the new slot */
  uint64_t s0 = pod_ledger_slot(l);
  CHECK_EQ(pod_ledger_clock_advance(l, 400 * 1000), POD_OK); /* 1000 slots */
  uint64_t s1 = pod_ledger_slot(l);
  CHECK_EQ(s1, s0 + 1000);
  CHECK_EQ(r.n, 4);
  CHECK_EQ(r.ev[3].kind, POD_LEDGER_EV_SLOT);
  CHECK_EQ(r.ev[3].slot, s1);
  CHECK_EQ(r.ev[3].parent, s1 - 1);
  CHECK_EQ(r.ev[3].root, s1);
  CHECK_EQ(pod_ledger_clock_advance(l, 400), POD_OK);
  CHECK_EQ(r.n, 5);
  CHECK_EQ(r.ev[4].slot, s1 + 1);
  CHECK_EQ(pod_ledger_clock_advance(l, 1), POD_OK); /* same slot: nothing */
  CHECK_EQ(r.n, 5);

  /* a batch: one LMDB commit, events in order; the repeated one has none */
  uint8_t w[3][POD_TXN_MTU];
  size_t sizes[3];
  sizes[0] = transfer_wire(l, w[0], &ka, &b, 10);
  sizes[1] = transfer_wire(l, w[1], &ka, &b, 11);
  memcpy(w[2], w[0], sizes[0]);
  sizes[2] = sizes[0];
  const uint8_t *wires[3] = {w[0], w[1], w[2]};
  pod_ledger_result_t rs[3];
  int rcs[3];
  CHECK_EQ(pod_ledger_process_batch(l, wires, sizes, 3, rs, rcs), POD_OK);
  CHECK_EQ(rcs[0], POD_OK);
  CHECK_EQ(rcs[1], POD_OK);
  CHECK_EQ(rcs[2], POD_EPROGRAM);
  CHECK_EQ(r.n, 7);
  CHECK(!memcmp(r.ev[5].sig.b, rs[0].signature.b, 64));
  CHECK(!memcmp(r.ev[6].sig.b, rs[1].signature.b, 64));
  for (int i = 0; i < 3; i++)
    pod_ledger_result_free(&rs[i]);

  /* removed: no more events */
  int before = atomic_load(&other);
  CHECK_EQ(pod_ledger_observer_remove(l, other_observer, &other), POD_OK);
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &a, SOL), POD_OK);
  CHECK_EQ(atomic_load(&other), before);
  CHECK_EQ(r.n, 8);
  CHECK_EQ(pod_ledger_observer_remove(l, observer, &r), POD_OK);
  CHECK_EQ(atomic_load(&r.overlap), 0);

  /* the manual clock never ticks: watching starts a parked ticker, close joins it */
  CHECK_EQ(pod_ledger_watch_slots(l, 1), POD_OK);
  pod_ledger_close(l);
  pthread_mutex_destroy(&r.mu);
  rm_dir(dir);
}

/* ---- group commit: concurrent writers, one event each, never two callbacks at once ---- */
typedef struct {
  pod_ledger *l;
  pod_keypair_t k;
  int ok;
} worker_t;

static void *worker(void *arg) {
  worker_t *w = arg;
  pod_pubkey_t dst;
  memset(dst.b, 0x42, 32);
  for (int i = 0; i < 10; i++) {
    uint8_t wire[POD_TXN_MTU];
    size_t sz = transfer_wire(w->l, wire, &w->k, &dst, SOL / 100 + (uint64_t)i);
    pod_ledger_result_t res;
    if (pod_ledger_process(w->l, wire, sz, &res) == POD_OK) w->ok++;
    pod_ledger_result_free(&res);
  }
  return NULL;
}

static void test_group_commit(void) {
  char dir[64];
  strcpy(dir, "/tmp/podc-test-observe-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = T0;
  o.durability = POD_DURABILITY_FULL;
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, &o), POD_OK);
  if (!l) return;
  static rec_t r;
  memset(&r, 0, sizeof r);
  r.l = l;
  pthread_mutex_init(&r.mu, NULL);
  worker_t w[4];
  for (int i = 0; i < 4; i++) {
    memset(&w[i], 0, sizeof w[i]);
    w[i].l = l;
    pod_pubkey_t pk;
    kp(&w[i].k, &pk, (uint8_t)(20 + i));
    CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &pk, SOL), POD_OK);
  }
  CHECK_EQ(pod_ledger_observer_add(l, observer, &r), POD_OK);
  pthread_t th[4];
  for (int i = 0; i < 4; i++)
    CHECK_EQ(pthread_create(&th[i], NULL, worker, &w[i]), 0);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);
  int ok = 0;
  for (int i = 0; i < 4; i++)
    ok += w[i].ok;
  CHECK_EQ(ok, 40);
  CHECK_EQ(r.txs, 40);
  CHECK_EQ(atomic_load(&r.overlap), 0);
  /* every event is distinct */
  size_t dup = 0;
  for (size_t i = 0; i < r.n; i++)
    for (size_t j = i + 1; j < r.n; j++)
      dup += !memcmp(r.ev[i].sig.b, r.ev[j].sig.b, 64);
  CHECK_EQ(dup, 0);
  CHECK_EQ(pod_ledger_observer_remove(l, observer, &r), POD_OK);
  pod_ledger_close(l);
  pthread_mutex_destroy(&r.mu);
  rm_dir(dir);
}

/* ---- the wall clock: the slot ticker runs only while watched ---- */
static void test_ticker(void) {
  char dir[64];
  strcpy(dir, "/tmp/podc-test-observe-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.slot_ms = 50; /* the ticker catches up 16 late slots: 800 ms of scheduling delay */
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, &o), POD_OK);
  if (!l) return;
  static rec_t r;
  memset(&r, 0, sizeof r);
  r.l = l;
  pthread_mutex_init(&r.mu, NULL);
  CHECK_EQ(pod_ledger_observer_add(l, observer, &r), POD_OK);

  /* nobody watches: nothing happens while the clock moves */
  sleep_ms(100);
  CHECK_EQ(r.n, 0);

  CHECK_EQ(pod_ledger_watch_slots(l, 1), POD_OK);
  CHECK_EQ(pod_ledger_watch_slots(l, 1), POD_OK); /* two watchers */
  sleep_ms(500);                                  /* ~10 slots */
  CHECK_EQ(pod_ledger_watch_slots(l, 0), POD_OK);
  sleep_ms(100); /* one watcher left: still ticking */
  CHECK_EQ(pod_ledger_watch_slots(l, 0), POD_OK);
  pthread_mutex_lock(&r.mu);
  size_t n = r.n;
  CHECK(n >= 4); /* a loaded machine may sleep longer, never shorter */
  for (size_t i = 0; i < n; i++) {
    CHECK_EQ(r.ev[i].kind, POD_LEDGER_EV_SLOT);
    CHECK_EQ(r.ev[i].parent + 1, r.ev[i].slot);
    CHECK_EQ(r.ev[i].root, r.ev[i].slot);
    if (i) CHECK_EQ(r.ev[i].slot, r.ev[i - 1].slot + 1); /* every slot, in order */
  }
  pthread_mutex_unlock(&r.mu);

  /* unwatched again: the ticker is parked, uses no CPU and reports nothing */
  sleep_ms(60);
  pthread_mutex_lock(&r.mu);
  n = r.n;
  pthread_mutex_unlock(&r.mu);
  double c0 = cpu_ms();
  sleep_ms(300);
  double c1 = cpu_ms();
  CHECK_EQ(r.n, n);
  CHECK(c1 - c0 < 20.0);

  /* a transaction in a newer slot reports the slot first */
  pod_keypair_t ka;
  pod_pubkey_t a;
  kp(&ka, &a, 1);
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &a, SOL), POD_OK);
  CHECK_EQ(r.n, n + 2);
  CHECK_EQ(r.ev[n].kind, POD_LEDGER_EV_SLOT);
  CHECK_EQ(r.ev[n + 1].kind, POD_LEDGER_EV_TX);
  CHECK_EQ(r.ev[n].slot, r.ev[n + 1].slot);

  CHECK_EQ(pod_ledger_watch_slots(l, 1), POD_OK); /* closing while ticking joins the ticker */
  CHECK_EQ(pod_ledger_observer_remove(l, observer, &r), POD_OK);
  pod_ledger_close(l);
  pthread_mutex_destroy(&r.mu);
  rm_dir(dir);
}

int main(void) {
  test_transactions();
  test_group_commit();
  test_ticker();
  TEST_DONE();
}
