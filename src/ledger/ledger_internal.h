/* Internal definitions of the ledger engine (not installed). */
#ifndef POD_LEDGER_INTERNAL_H
#define POD_LEDGER_INTERNAL_H

#include "pod/hash.h"
#include "pod/ledger.h"

#include <lmdb.h>
#include <pthread.h>
#include <stdlib.h>

/* ---- allocation: every allocation of the module goes through these ---- */
void *lg_alloc(size_t n); /* NULL on failure or n == 0 overflow-checked by callers */
void *lg_realloc(void *p, size_t n);
void lg_free(void *p);
/* a * b without overflow into *out; 0 on overflow. */
int lg_mul(size_t *out, size_t a, size_t b);

/* ---- well-known ids ---- */
extern const pod_pubkey_t lg_native_loader_id;
extern const pod_pubkey_t lg_bpf_upgradeable_id;
extern const pod_pubkey_t lg_sysvar_rent_id;
extern const pod_pubkey_t lg_sysvar_clock_id;
extern const pod_pubkey_t lg_sysvar_owner_id;

#define LG_MAX_PROGRAMS 16
#define LG_BH_RING (POD_MAX_RECENT_BLOCKHASHES + 1)

/* Bank state, persisted in meta["bank"] with every commit. */
typedef struct {
  uint64_t tx_seq;           /* transactions committed (the sequence of the last one) */
  uint64_t genesis_lamports; /* lamports created at genesis and by program registration */
  uint64_t minted;           /* by the faucet */
  uint64_t burned;           /* fees */
  uint64_t anchor_slot;      /* clock: slot anchor_slot started at anchor_ms */
  int64_t anchor_ms;
  int64_t clock_ms;   /* manual clock: current ms; wall clock: offset added to wall ms */
  uint64_t last_slot; /* highest slot handed out (slots never go back) */
  uint32_t slot_ms;
} lg_bank;

struct pod_ledger {
  MDB_env *env;
  MDB_dbi db_meta, db_acct, db_owner, db_field, db_tx, db_sig, db_addr;
  int lock_fd;
  pod_ledger_opts_t opts;
  pod_ledger_index_t idx[POD_LEDGER_INDEX_MAX];
  size_t idx_cnt;
  uint8_t genesis[32];
  pod_keypair_t faucet;

  struct {
    uint64_t anchor_slot; /* slot anchor_slot starts at anchor_ms */
    int64_t anchor_ms;
    int64_t ms; /* manual clock: now; wall clock: offset added to the wall time */
    uint64_t last_slot;
    uint32_t slot_ms;
  } clk;               /* under cmu */
  pthread_mutex_t wmu; /* writer: processing, airdrop, clock changes, registration */
  pthread_mutex_t cmu; /* clock and blockhash ring (taken after wmu when both) */
  lg_bank bank;        /* committed state (under wmu; clock fields also under cmu) */

  /* group commit (POD_DURABILITY_FULL), under gmu */
  pthread_mutex_t gmu;
  pthread_cond_t gcv;
  struct lg_req *queue; /* requests waiting for the next group */
  struct lg_req **queue_tail;
  int leader; /* a thread is running a group */

  /* blockhash ring (under cmu) */
  uint8_t bh[LG_BH_RING][32];
  uint64_t bh_slot[LG_BH_RING];
  int bh_init[LG_BH_RING];

  struct {
    pod_pubkey_t id;
    pod_program_fn fn;
    void *user;
  } progs[LG_MAX_PROGRAMS];
  size_t prog_cnt;
  struct lg_obs *obs; /* observers and the slot ticker (observe.c) */

  /* performance samples (perf.c): transactions of the write transaction being built (under wmu),
   * added to the current period when it commits */
  uint64_t perf_pend_tx, perf_pend_nv;
  int perf_on; /* perf.mu initialised */
  struct {
    pthread_mutex_t mu; /* taken alone, or after wmu / cmu is released */
    int64_t start_ms;   /* the current period's start on the ledger's clock */
    uint64_t start_slot;
    uint64_t tx, nv; /* committed in the current period: all, non-vote */
    pod_perf_sample_t ring[POD_PERF_SAMPLES_MAX]; /* completed periods */
    size_t head, cnt;                             /* next slot to write; how many are kept */
  } perf;
};

/* ---- accounts as stored ---- */
#define LG_ACCT_HDR 49 /* lamports 8, owner 32, executable 1, rent_epoch 8 */

typedef struct {
  pod_pubkey_t key;
  uint64_t lamports;
  pod_pubkey_t owner;
  uint8_t executable;
  uint64_t rent_epoch;
  uint8_t *data;
  size_t len, cap;
  uint8_t is_signer, is_writable, is_program;
  /* snapshot after the fee, before execution (rollback target) */
  uint64_t s_lamports;
  pod_pubkey_t s_owner;
  uint8_t s_executable;
  uint8_t *s_data;
  size_t s_len;
  /* before the fee, as stored: for pre-balances and index maintenance */
  uint64_t o_lamports;
} lg_acct;

/* ---- clock ---- */
/* Current slot and its unix timestamp; advances the ring. Takes cmu. */
void lg_clock_now(pod_ledger *l, uint64_t *slot, int64_t *ts);
void lg_blockhash_of(const pod_ledger *l, uint64_t slot, uint8_t out[32]);
/* 1 if hash is valid at slot `slot` (cmu held by the caller or not needed). */
int lg_blockhash_valid_at(pod_ledger *l, uint64_t slot, const uint8_t hash[32]);

/* ---- storage (store.c) ---- */
int lg_store_open(pod_ledger *l, const char *dir);
int lg_acct_load(pod_ledger *l, MDB_txn *t, const pod_pubkey_t *key, lg_acct *a);
/* Writes (or deletes when lamports == 0) the account and maintains the indexes; `old` is the
 * stored record before (NULL if it did not exist). */
int lg_acct_store(pod_ledger *l, MDB_txn *t, const lg_acct *a, const uint8_t *old, size_t old_sz);
int lg_bank_save(pod_ledger *l, MDB_txn *t, const lg_bank *b);
int lg_bank_load(pod_ledger *l, MDB_txn *t, lg_bank *b);
int lg_store_genesis(pod_ledger *l);
int lg_meta_put(pod_ledger *l, MDB_txn *t, const char *k, const void *v, size_t n);
int lg_meta_get(pod_ledger *l, MDB_txn *t, const char *k, void *v, size_t n);
int lg_mdb_err(int rc);

/* ---- execution (exec.c) ---- */
typedef struct {
  char *buf; /* lines, each NUL-terminated */
  size_t len, cap;
  size_t cnt;
  size_t bytes; /* Agave's count: bytes of the lines kept */
  int truncated;
  int oom;
} lg_logs;

void lg_log(lg_logs *lg, const char *line);
int lg_logs_export(lg_logs *lg, char ***out, size_t *cnt);
void lg_logs_free(lg_logs *lg);

typedef struct lg_exec {
  pod_ledger *l;
  const pod_txn_t *txn;
  const uint8_t *wire;
  size_t wire_sz;
  lg_acct acct[POD_TXN_ACCT_MAX];
  size_t acct_cnt;
  uint64_t slot;
  int64_t now;
  uint64_t fee;
  uint64_t cu_limit, cu_used;
  lg_logs logs;
  int has_err;
  pod_tx_error_t err;
  /* error of the instruction being executed */
  int ix_failed;
  uint32_t ix_err, ix_custom;
  char fail_text[POD_TX_ERROR_TEXT_SZ];
  uint8_t ret[1024];
  size_t ret_len;
  pod_pubkey_t ret_prog;
  int fee_charged; /* 1: commit (fee taken); 0: rejected before the fee */
  int exec_ok;     /* 1: instructions succeeded and the account changes are kept */
} lg_exec;

/* Runs the whole pipeline on a parsed transaction against snapshot t (read or write txn).
 * check_age/check_status/sig_verify select the checks. Returns POD_OK (x filled) or an engine
 * error. */
typedef struct {
  int sig_verify;
  int check_blockhash;
  int check_status;
} lg_checks;
int lg_execute(lg_exec *x, pod_ledger *l, MDB_txn *t, const uint8_t *wire, size_t wire_sz,
               const pod_txn_t *txn, const lg_checks *ck, uint64_t slot, int64_t now);
void lg_exec_free(lg_exec *x);
/* Writes the outcome: accounts, transaction record, address index, bank. */
int lg_commit(pod_ledger *l, MDB_txn *t, lg_bank *bank, lg_exec *x);

/* The System program; the Compute Budget parser. */
int lg_system_exec(pod_exec_ctx *ctx, const pod_ix_view *ix);

/* "custom program error: 0x..", "invalid instruction data", ... */
void lg_ix_error_text(char *out, size_t sz, uint32_t ix_err, uint32_t custom);
/* Copies the live clock into the persisted bank fields. */
void lg_clock_fill(pod_ledger *l, lg_bank *b);
/* Drops and rebuilds the field index for the configured index list. */
int lg_rebuild_fields(pod_ledger *l, MDB_txn *t);

/* Transaction record encoding (store.c). */
int lg_tx_lookup(pod_ledger *l, MDB_txn *t, const pod_signature_t *sig, MDB_val *out);
/* POD_OK if the signature was committed, POD_ENOTFOUND if not. */
int lg_sig_seen(pod_ledger *l, MDB_txn *t, const pod_signature_t *sig);

/* ---- performance samples (perf.c) ---- */
void lg_perf_init(pod_ledger *l); /* at open, after the clock is set */
void lg_perf_free(pod_ledger *l);
/* wmu held: a committed transaction (counted when its write transaction commits). */
void lg_perf_count(pod_ledger *l, const pod_txn_t *txn, const uint8_t *wire);
/* wmu held: the write transaction committed (ok = 1) or not; moves the pending counts. */
void lg_perf_commit(pod_ledger *l, int ok);
/* The ledger's clock in ms (and the current slot), and the slot at a given clock ms (cmu taken
 * inside). */
int64_t lg_clock_ms(pod_ledger *l, uint64_t *slot);
uint64_t lg_clock_slot_at(pod_ledger *l, int64_t ms);

/* ---- commit notifications (observe.c; pod_ledger_observer_add) ---- */
typedef struct lg_obs lg_obs;
typedef struct lg_obs_ev lg_obs_ev;
int lg_obs_init(pod_ledger *l);  /* at open */
void lg_obs_free(pod_ledger *l); /* at close: stops the slot ticker */
/* wmu held: stages the event of a transaction just written into the LMDB transaction; it is
 * delivered only if r->committed says so when delivered (r must live until then). */
void lg_obs_stage(pod_ledger *l, const lg_exec *x, const pod_ledger_result_t *r);
/* wmu held, after the commit was decided, just before releasing wmu: takes the staged events
 * (and the delivery lock, when there are any). */
lg_obs_ev *lg_obs_take(pod_ledger *l);
/* After releasing wmu: delivers the committed ones, frees them, releases the delivery lock. */
void lg_obs_deliver(pod_ledger *l, lg_obs_ev *ev);
/* No lock held: reports a slot event if the clock moved to a new slot. */
void lg_obs_slot_check(pod_ledger *l);
/* Milliseconds until the clock's next slot starts; -1 with the manual clock. */
int64_t lg_clock_next_slot_ms(pod_ledger *l);

uint64_t lg_rd64(const uint8_t *p);
void lg_wr64(uint8_t *p, uint64_t v);
uint32_t lg_rd32(const uint8_t *p);
void lg_wr32(uint8_t *p, uint32_t v);
void lg_wr64be(uint8_t *p, uint64_t v);
uint64_t lg_rd64be(const uint8_t *p);

#endif
