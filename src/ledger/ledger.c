/* The ledger engine's front: open/close and genesis, the clock and blockhashes, processing with
 * (group) commit, simulation, the faucet, program registration, error rendering. */
#include "ledger_internal.h"
#include "pod_program.h"

#include "pod/accounts.h"
#include "pod/program.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const pod_pubkey_t lg_native_loader_id = {{0x05, 0x87, 0x84, 0xbf, 0x14, 0x8b, 0xa4, 0x28,
                                           0x2f, 0xb0, 0x12, 0x57, 0x48, 0x88, 0xa9, 0xf1,
                                           0x53, 0xa0, 0x7d, 0xad, 0xf7, 0x65, 0xc0, 0x45,
                                           0x5c, 0x9a, 0x97, 0x03, 0x80, 0x00, 0x00, 0x00}};
const pod_pubkey_t lg_bpf_upgradeable_id = {{0x02, 0xa8, 0xf6, 0x91, 0x4e, 0x88, 0xa1, 0xb0,
                                             0xe2, 0x10, 0x15, 0x3e, 0xf7, 0x63, 0xae, 0x2b,
                                             0x00, 0xc2, 0xb9, 0x3d, 0x16, 0xc1, 0x24, 0xd2,
                                             0xc0, 0x53, 0x7a, 0x10, 0x04, 0x80, 0x00, 0x00}};
const pod_pubkey_t lg_sysvar_rent_id = {{0x06, 0xa7, 0xd5, 0x17, 0x19, 0x2c, 0x5c, 0x51,
                                         0x21, 0x8c, 0xc9, 0x4c, 0x3d, 0x4a, 0xf1, 0x7f,
                                         0x58, 0xda, 0xee, 0x08, 0x9b, 0xa1, 0xfd, 0x44,
                                         0xe3, 0xdb, 0xd9, 0x8a, 0x00, 0x00, 0x00, 0x00}};
const pod_pubkey_t lg_sysvar_clock_id = {{0x06, 0xa7, 0xd5, 0x17, 0x18, 0xc7, 0x74, 0xc9,
                                          0x28, 0x56, 0x63, 0x98, 0x69, 0x1d, 0x5e, 0xb6,
                                          0x8b, 0x5e, 0xb8, 0xa3, 0x9b, 0x4b, 0x6d, 0x5c,
                                          0x73, 0x55, 0x5b, 0x21, 0x00, 0x00, 0x00, 0x00}};
const pod_pubkey_t lg_sysvar_owner_id = {{0x06, 0xa7, 0xd5, 0x17, 0x18, 0x75, 0xf7, 0x29,
                                          0xc7, 0x3d, 0x93, 0x40, 0x8f, 0x21, 0x61, 0x20,
                                          0x06, 0x7e, 0xd8, 0x8c, 0x76, 0xe0, 0x8c, 0x28,
                                          0x7f, 0xc1, 0x94, 0x60, 0x00, 0x00, 0x00, 0x00}};

uint64_t pod_rent_exempt_min(uint64_t data_len) {
  if (data_len > (UINT64_MAX / 6960u) - 128u) return UINT64_MAX;
  return (128u + data_len) * 6960u;
}

void lg_ix_error_text(char *out, size_t sz, uint32_t ix_err, uint32_t custom) {
  if (pod_ix_error_format(out, sz, NULL, (int)ix_err, custom) != POD_OK)
    snprintf(out, sz, "unknown error");
}

/* ------------------------------------------------------------------------------------------ */
/* clock                                                                                        */

static int64_t wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_ms_locked(const pod_ledger *l) {
  return l->opts.manual_clock ? l->clk.ms : wall_ms() + l->clk.ms;
}

static int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static uint64_t slot_locked(pod_ledger *l) {
  int64_t now = now_ms_locked(l);
  uint64_t s = l->clk.anchor_slot;
  if (now > l->clk.anchor_ms) s += (uint64_t)(now - l->clk.anchor_ms) / l->clk.slot_ms;
  if (s < l->clk.last_slot) s = l->clk.last_slot;
  l->clk.last_slot = s;
  return s;
}

static int64_t slot_time_locked(const pod_ledger *l, uint64_t s) {
  int64_t start = l->clk.anchor_ms + (int64_t)(s - l->clk.anchor_slot) * (int64_t)l->clk.slot_ms;
  return floor_div(start, 1000);
}

void lg_clock_now(pod_ledger *l, uint64_t *slot, int64_t *ts) {
  pthread_mutex_lock(&l->cmu);
  uint64_t s = slot_locked(l);
  if (slot) *slot = s;
  if (ts) *ts = slot_time_locked(l, s);
  pthread_mutex_unlock(&l->cmu);
}

int64_t lg_clock_next_slot_ms(pod_ledger *l) {
  if (l->opts.manual_clock) return -1;
  pthread_mutex_lock(&l->cmu);
  int64_t now = now_ms_locked(l);
  uint64_t s = slot_locked(l);
  int64_t next = l->clk.anchor_ms + (int64_t)(s + 1 - l->clk.anchor_slot) * (int64_t)l->clk.slot_ms;
  pthread_mutex_unlock(&l->cmu);
  return next > now ? next - now : 0;
}

int64_t lg_clock_ms(pod_ledger *l, uint64_t *slot) {
  pthread_mutex_lock(&l->cmu);
  int64_t now = now_ms_locked(l);
  uint64_t s = slot_locked(l);
  pthread_mutex_unlock(&l->cmu);
  if (slot) *slot = s;
  return now;
}

uint64_t lg_clock_slot_at(pod_ledger *l, int64_t ms) {
  pthread_mutex_lock(&l->cmu);
  uint64_t s = l->clk.anchor_slot;
  if (ms > l->clk.anchor_ms) s += (uint64_t)(ms - l->clk.anchor_ms) / l->clk.slot_ms;
  pthread_mutex_unlock(&l->cmu);
  return s;
}

void lg_clock_fill(pod_ledger *l, lg_bank *b) {
  pthread_mutex_lock(&l->cmu);
  b->anchor_slot = l->clk.anchor_slot;
  b->anchor_ms = l->clk.anchor_ms;
  b->clock_ms = now_ms_locked(l);
  b->last_slot = l->clk.last_slot;
  b->slot_ms = l->clk.slot_ms;
  pthread_mutex_unlock(&l->cmu);
}

void lg_blockhash_of(const pod_ledger *l, uint64_t slot, uint8_t out[32]) {
  uint8_t m[40];
  memcpy(m, l->genesis, 32);
  lg_wr64(m + 32, slot);
  pod_sha256(out, m, sizeof m);
}

/* The ring holds the hashes of slots [slot - 150, slot]; cmu held. */
static void ring_fill(pod_ledger *l, uint64_t slot) {
  uint64_t lo = slot >= POD_MAX_RECENT_BLOCKHASHES ? slot - POD_MAX_RECENT_BLOCKHASHES : 0;
  for (uint64_t s = lo; s <= slot; s++) {
    size_t i = (size_t)(s % LG_BH_RING);
    if (l->bh_init[i] && l->bh_slot[i] == s) continue;
    lg_blockhash_of(l, s, l->bh[i]);
    l->bh_slot[i] = s;
    l->bh_init[i] = 1;
  }
}

int lg_blockhash_valid_at(pod_ledger *l, uint64_t slot, const uint8_t hash[32]) {
  int ok = 0;
  pthread_mutex_lock(&l->cmu);
  ring_fill(l, slot);
  uint64_t lo = slot >= POD_MAX_RECENT_BLOCKHASHES ? slot - POD_MAX_RECENT_BLOCKHASHES : 0;
  for (size_t i = 0; i < LG_BH_RING && !ok; i++)
    ok = l->bh_init[i] && l->bh_slot[i] >= lo && l->bh_slot[i] <= slot &&
         !memcmp(l->bh[i], hash, 32);
  pthread_mutex_unlock(&l->cmu);
  return ok;
}

uint64_t pod_ledger_slot(pod_ledger *l) {
  uint64_t s = 0;
  if (l) lg_clock_now(l, &s, NULL);
  return s;
}

int64_t pod_ledger_now(pod_ledger *l) {
  int64_t t = 0;
  if (l) lg_clock_now(l, NULL, &t);
  return t;
}

int pod_ledger_latest_blockhash(pod_ledger *l, uint8_t out[32], uint64_t *last_valid_slot) {
  if (!l || !out) return POD_EINVAL;
  uint64_t s;
  lg_clock_now(l, &s, NULL);
  lg_blockhash_of(l, s, out);
  if (last_valid_slot) *last_valid_slot = s + POD_MAX_RECENT_BLOCKHASHES;
  return POD_OK;
}

int pod_ledger_blockhash_valid(pod_ledger *l, const uint8_t hash[32]) {
  if (!l || !hash) return 0;
  uint64_t s;
  lg_clock_now(l, &s, NULL);
  return lg_blockhash_valid_at(l, s, hash);
}

void pod_ledger_genesis_hash(pod_ledger *l, uint8_t out[32]) {
  if (l && out) memcpy(out, l->genesis, 32);
}

/* Persists the clock (a write transaction of its own); wmu held. */
static int clock_persist(pod_ledger *l) {
  MDB_txn *t;
  int rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t));
  if (rc) return rc;
  lg_bank b = l->bank;
  lg_clock_fill(l, &b);
  if ((rc = lg_bank_save(l, t, &b))) {
    mdb_txn_abort(t);
    return rc;
  }
  return lg_mdb_err(mdb_txn_commit(t));
}

int pod_ledger_clock_set(pod_ledger *l, int64_t unix_ts) {
  if (!l || unix_ts < 0 || unix_ts > INT64_MAX / 1000) return POD_EINVAL;
  pthread_mutex_lock(&l->wmu);
  pthread_mutex_lock(&l->cmu);
  int64_t now = now_ms_locked(l), target = unix_ts * 1000;
  uint64_t s = slot_locked(l);
  int rc = POD_OK;
  if (slot_time_locked(l, s) == unix_ts) {
    /* already there */
  } else if (target < now) {
    rc = POD_EINVAL;
  } else {
    int64_t start = l->clk.anchor_ms + (int64_t)(s - l->clk.anchor_slot) * (int64_t)l->clk.slot_ms;
    uint64_t k = (uint64_t)(target - start) / l->clk.slot_ms;
    if (k == 0) k = 1;
    l->clk.anchor_slot = s + k;
    l->clk.anchor_ms = target;
    l->clk.last_slot = s + k;
    if (l->opts.manual_clock)
      l->clk.ms = target;
    else
      l->clk.ms += target - now;
  }
  pthread_mutex_unlock(&l->cmu);
  if (rc == POD_OK) rc = clock_persist(l);
  pthread_mutex_unlock(&l->wmu);
  lg_obs_slot_check(l);
  return rc;
}

int pod_ledger_clock_advance(pod_ledger *l, uint64_t ms) {
  if (!l || ms > (uint64_t)INT64_MAX / 4) return POD_EINVAL;
  pthread_mutex_lock(&l->wmu);
  pthread_mutex_lock(&l->cmu);
  l->clk.ms += (int64_t)ms;
  slot_locked(l);
  pthread_mutex_unlock(&l->cmu);
  int rc = clock_persist(l);
  pthread_mutex_unlock(&l->wmu);
  lg_obs_slot_check(l);
  return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* open / genesis / close                                                                       */

static int put_genesis_acct(pod_ledger *l, MDB_txn *t, const pod_pubkey_t *key, uint64_t lamports,
                            const pod_pubkey_t *owner, int exec, const void *data, size_t len,
                            uint64_t *total) {
  lg_acct a;
  memset(&a, 0, sizeof a);
  a.key = *key;
  a.lamports = lamports;
  a.owner = *owner;
  a.executable = (uint8_t)exec;
  a.rent_epoch = UINT64_MAX;
  a.data = (uint8_t *)data;
  a.len = len;
  *total += lamports;
  return lg_acct_store(l, t, &a, NULL, 0);
}

/* An upgradeable-loader program account: UpgradeableLoaderState::Program { programdata }. */
static int put_program_acct(pod_ledger *l, MDB_txn *t, const pod_pubkey_t *id, uint64_t *total) {
  uint8_t d[36] = {2, 0, 0, 0};
  pod_seed_t seed = {id->b, 32};
  pod_pubkey_t pd;
  if (pod_pda_find(&pd, NULL, &seed, 1, &lg_bpf_upgradeable_id) != POD_OK) memset(pd.b, 0, 32);
  memcpy(d + 4, pd.b, 32);
  return put_genesis_acct(l, t, id, pod_rent_exempt_min(36), &lg_bpf_upgradeable_id, 1, d, 36,
                          total);
}

static int genesis(pod_ledger *l, MDB_txn *t) {
  int64_t g_ms = l->opts.genesis_time ? l->opts.genesis_time * 1000 : wall_ms() / 1000 * 1000;
  uint8_t seed[48];
  memcpy(seed, "podc-genesis", 12);
  randombytes_buf(seed + 12, 28);
  lg_wr64(seed + 40, (uint64_t)g_ms);
  pod_sha256(l->genesis, seed, sizeof seed);
  uint64_t total = 0;
  int rc;
  static const char sys_name[] = "system_program", cb_name[] = "compute_budget_program";
  uint8_t rent[17];
  lg_wr64(rent, 3480);
  double thr = 2.0;
  uint64_t bits;
  memcpy(&bits, &thr, 8);
  lg_wr64(rent + 8, bits);
  rent[16] = 50;
  if ((rc = put_genesis_acct(l, t, &pod_system_program_id, 1, &lg_native_loader_id, 1, sys_name,
                             sizeof sys_name - 1, &total)) ||
      (rc = put_genesis_acct(l, t, &pod_compute_budget_program_id, 1, &lg_native_loader_id, 1,
                             cb_name, sizeof cb_name - 1, &total)) ||
      (rc = put_genesis_acct(l, t, &lg_sysvar_rent_id, pod_rent_exempt_min(17), &lg_sysvar_owner_id,
                             0, rent, 17, &total)) ||
      (rc = put_program_acct(l, t, &pod_program_id, &total)))
    return rc;
  if (!l->opts.no_compression && (rc = put_program_acct(l, t, &pod_compression_program_id, &total)))
    return rc;
  memset(&l->bank, 0, sizeof l->bank);
  l->bank.genesis_lamports = total;
  l->clk.anchor_slot = 0;
  l->clk.anchor_ms = g_ms;
  l->clk.last_slot = 0;
  l->clk.slot_ms = l->opts.slot_ms;
  l->clk.ms = l->opts.manual_clock ? g_ms : 0;
  lg_bank b = l->bank;
  lg_clock_fill(l, &b);
  if ((rc = lg_meta_put(l, t, "genesis", l->genesis, 32))) return rc;
  return lg_bank_save(l, t, &b);
}

static void index_cfg_hash(const pod_ledger *l, uint8_t out[32]) {
  pod_sha256_t h;
  pod_sha256_init(&h);
  for (size_t i = 0; i < l->idx_cnt; i++) {
    uint8_t b[44];
    memcpy(b, l->idx[i].owner.b, 32);
    lg_wr64(b + 32, l->idx[i].data_size);
    lg_wr32(b + 40, l->idx[i].offset);
    pod_sha256_update(&h, b, sizeof b);
  }
  pod_sha256_final(&h, out);
}

static int open_state(pod_ledger *l) {
  MDB_txn *t;
  int rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t));
  if (rc) return rc;
  rc = lg_meta_get(l, t, "genesis", l->genesis, 32);
  if (rc == POD_ENOTFOUND) {
    rc = genesis(l, t);
  } else if (rc == POD_OK) {
    rc = lg_bank_load(l, t, &l->bank);
    if (rc == POD_OK) {
      l->clk.anchor_slot = l->bank.anchor_slot;
      l->clk.anchor_ms = l->bank.anchor_ms;
      l->clk.last_slot = l->bank.last_slot;
      l->clk.slot_ms = l->bank.slot_ms;
      int64_t last_now = l->bank.clock_ms;
      if (l->opts.manual_clock) {
        l->clk.ms = last_now;
      } else {
        int64_t w = wall_ms();
        l->clk.ms = w < last_now ? last_now - w : 0;
      }
      if (l->clk.slot_ms != l->opts.slot_ms) { /* re-anchor at the current slot */
        uint64_t s = slot_locked(l);
        l->clk.anchor_ms = l->clk.anchor_ms + (int64_t)(s - l->clk.anchor_slot) * l->clk.slot_ms;
        l->clk.anchor_slot = s;
        l->clk.slot_ms = l->opts.slot_ms;
      }
    }
  }
  uint8_t want[32], have[32];
  index_cfg_hash(l, want);
  if (rc == POD_OK) {
    int r = lg_meta_get(l, t, "idxcfg", have, 32);
    if (r == POD_ENOTFOUND || (r == POD_OK && memcmp(want, have, 32))) {
      rc = lg_rebuild_fields(l, t);
      if (!rc) rc = lg_meta_put(l, t, "idxcfg", want, 32);
    } else if (r) {
      rc = r;
    }
  }
  if (rc) {
    mdb_txn_abort(t);
    return rc;
  }
  return lg_mdb_err(mdb_txn_commit(t));
}

int pod_ledger_open(pod_ledger **out, const char *dir, const pod_ledger_opts_t *opts) {
  if (!out || !dir) return POD_EINVAL;
  *out = NULL;
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  if (opts) o = *opts;
  if (o.version != POD_LEDGER_OPTS_VERSION || o.slot_ms == 0 || o.slot_ms > 3600000 ||
      (o.durability != POD_DURABILITY_PROCESS && o.durability != POD_DURABILITY_FULL) ||
      o.map_size < ((uint64_t)1 << 20) || o.map_size > (uint64_t)SIZE_MAX ||
      o.index_cnt > POD_LEDGER_INDEX_MAX || (o.index_cnt && !o.indexes) || o.genesis_time < 0 ||
      o.genesis_time > INT64_MAX / 2000)
    return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  pod_ledger *l = lg_alloc(sizeof *l);
  if (!l) return POD_ENOMEM;
  memset(l, 0, sizeof *l);
  l->lock_fd = -1;
  l->opts = o;
  l->opts.indexes = NULL;
  if (o.indexes) {
    for (size_t i = 0; i < o.index_cnt; i++)
      l->idx[i] = o.indexes[i];
    l->idx_cnt = o.index_cnt;
  } else {
    /* per account type, the 32-byte fields the SDK's and the CLI's queries filter on (always with
     * dataSize); agents are found by address (PDA of the wallet), so registering one adds no field
     * entry. A memcmp on any other offset is answered by scanning the owner + size index. */
    static const struct {
      uint64_t size;
      uint32_t off;
    } def[] = {
        {POD_MESSAGE_SPACE, POD_MESSAGE_SENDER_OFF},
        {POD_MESSAGE_SPACE, POD_MESSAGE_RECIPIENT_OFF},
        {POD_CHANNEL_SPACE, POD_CHANNEL_CREATOR_OFF},
        {POD_PARTICIPANT_SPACE, POD_PARTICIPANT_CHANNEL_OFF},
        {POD_PARTICIPANT_SPACE, POD_PARTICIPANT_PARTICIPANT_OFF},
        {POD_INVITATION_SPACE, POD_INVITATION_CHANNEL_OFF},
        {POD_INVITATION_SPACE, POD_INVITATION_INVITEE_OFF},
        {POD_CHANNEL_MESSAGE_SPACE, POD_CHANNEL_MESSAGE_CHANNEL_OFF},
        {POD_ESCROW_SPACE, POD_ESCROW_CHANNEL_OFF},
        {POD_ESCROW_SPACE, POD_ESCROW_DEPOSITOR_OFF},
    };
    l->idx_cnt = sizeof def / sizeof def[0];
    for (size_t i = 0; i < l->idx_cnt; i++) {
      l->idx[i].owner = pod_program_id;
      l->idx[i].data_size = def[i].size;
      l->idx[i].offset = def[i].off;
    }
  }
  pthread_mutex_init(&l->wmu, NULL);
  pthread_mutex_init(&l->cmu, NULL);
  pthread_mutex_init(&l->gmu, NULL);
  pthread_cond_init(&l->gcv, NULL);
  l->queue_tail = &l->queue;
  int rc = lg_store_open(l, dir);
  if (!rc) rc = open_state(l);
  if (rc) {
    pod_ledger_close(l);
    return rc;
  }
  /* the faucet key: fixed per ledger */
  uint8_t fs[44];
  memcpy(fs, "podc-faucet:", 12);
  memcpy(fs + 12, l->genesis, 32);
  uint8_t seed[32];
  pod_sha256(seed, fs, sizeof fs);
  rc = pod_keypair_from_seed(&l->faucet, seed);
  sodium_memzero(seed, sizeof seed);
  if (!rc) {
    lg_perf_init(l);
    l->perf_on = 1;
  }
  if (!rc) rc = lg_obs_init(l);
  /* the PoD program runs out of the box */
  if (!rc) rc = pod_ledger_register_program(l, &pod_program_id, lg_pod_program, NULL);
  if (rc) {
    pod_ledger_close(l);
    return rc;
  }
  *out = l;
  return POD_OK;
}

void pod_ledger_close(pod_ledger *l) {
  if (!l) return;
  lg_obs_free(l);
  if (l->env) {
    if (l->opts.durability == POD_DURABILITY_PROCESS) mdb_env_sync(l->env, 1);
    mdb_env_close(l->env);
  }
  if (l->lock_fd >= 0) close(l->lock_fd);
  pod_keypair_wipe(&l->faucet);
  if (l->perf_on) lg_perf_free(l);
  pthread_mutex_destroy(&l->wmu);
  pthread_mutex_destroy(&l->cmu);
  pthread_mutex_destroy(&l->gmu);
  pthread_cond_destroy(&l->gcv);
  lg_free(l);
}

/* ------------------------------------------------------------------------------------------ */
/* processing                                                                                   */

void pod_ledger_result_free(pod_ledger_result_t *r) {
  if (!r) return;
  lg_free(r->logs);
  lg_free(r->return_data);
  memset(r, 0, sizeof *r);
}

static int fill_result(pod_ledger_result_t *r, lg_exec *x) {
  r->slot = x->slot;
  r->block_time = x->now;
  r->has_err = x->has_err;
  r->err = x->err;
  r->fee = x->fee_charged ? x->fee : 0;
  r->compute_units = x->cu_used;
  int rc = lg_logs_export(&x->logs, &r->logs, &r->log_cnt);
  if (rc) return rc;
  if (x->ret_len) {
    r->return_data = lg_alloc(x->ret_len);
    if (!r->return_data) return POD_ENOMEM;
    memcpy(r->return_data, x->ret, x->ret_len);
    r->return_data_sz = x->ret_len;
    r->return_program = x->ret_prog;
  }
  return POD_OK;
}

/* Parse and static checks shared by process and simulate. POD_OK with err set for a rejected
 * transaction. */
static void precheck(pod_txn_t *txn, const uint8_t *wire, size_t sz, pod_ledger_result_t *r) {
  if (pod_txn_parse(txn, wire, sz) != POD_OK) {
    r->has_err = 1;
    r->err.kind = POD_TXERR_SANITIZE_FAILURE;
    return;
  }
  memcpy(r->signature.b, wire + txn->sig_off, 64);
  if (txn->num_required_signatures == 0 || !pod_txn_is_writable(txn, 0)) {
    r->has_err = 1;
    r->err.kind = POD_TXERR_SANITIZE_FAILURE;
    return;
  }
  if (txn->alt_cnt) { /* no lookup table accounts exist in this ledger */
    r->has_err = 1;
    r->err.kind = POD_TXERR_ADDRESS_LOOKUP_TABLE_NOT_FOUND;
    return;
  }
}

/* Runs one transaction under wmu inside write transaction t; commits into bank on success. */
static int exec_and_commit(pod_ledger *l, MDB_txn *t, lg_bank *bank, const uint8_t *wire, size_t sz,
                           const pod_txn_t *txn, pod_ledger_result_t *r, int *committed) {
  lg_exec *x = lg_alloc(sizeof *x);
  if (!x) return POD_ENOMEM;
  uint64_t slot;
  int64_t now;
  lg_clock_now(l, &slot, &now);
  lg_checks ck = {0, 1, 1};
  int rc = lg_execute(x, l, t, wire, sz, txn, &ck, slot, now);
  *committed = 0;
  if (rc == POD_OK && x->fee_charged) {
    lg_bank b = *bank;
    lg_clock_fill(l, &b);
    rc = lg_commit(l, t, &b, x);
    if (rc == POD_OK) {
      *bank = b;
      *committed = 1;
      lg_obs_stage(l, x, r); /* delivered if r->committed when the commit is decided */
    }
  }
  if (rc == POD_OK) rc = fill_result(r, x);
  lg_exec_free(x);
  lg_free(x);
  return rc;
}

typedef int (*lg_pre_fn)(pod_ledger *, MDB_txn *, lg_bank *, void *);

/* A request to process one transaction (queued for the group-commit leader in FULL mode). */
typedef struct lg_req {
  const uint8_t *wire;
  size_t sz;
  const pod_txn_t *txn;
  pod_ledger_result_t *r;
  lg_pre_fn pre;
  void *pre_arg;
  int rc;
  int done;
  struct lg_req *next;
} lg_req;

/* Runs one request inside parent transaction `parent` (wmu held). With `nested`, the request gets
 * a child transaction so that its failure leaves the rest of the group intact. */
static void run_req(pod_ledger *l, MDB_txn *parent, int nested, lg_bank *bank, lg_req *q) {
  MDB_txn *t = parent;
  int committed = 0, rc = POD_OK;
  if (nested && (rc = lg_mdb_err(mdb_txn_begin(l->env, parent, 0, &t)))) {
    q->rc = rc;
    return;
  }
  lg_bank b = *bank;
  rc = q->pre ? q->pre(l, t, &b, q->pre_arg) : POD_OK;
  if (rc == POD_OK) rc = exec_and_commit(l, t, &b, q->wire, q->sz, q->txn, q->r, &committed);
  if (q->pre && rc == POD_OK && q->r->has_err) committed = 0; /* airdrop: all or nothing */
  if (nested) {
    if (rc == POD_OK && committed)
      rc = lg_mdb_err(mdb_txn_commit(t));
    else
      mdb_txn_abort(t);
  }
  if (rc == POD_OK && committed) {
    *bank = b;
    lg_perf_count(l, q->txn, q->wire);
  }
  q->r->committed = rc == POD_OK && committed;
  q->rc = rc;
}

/* Commits `parent` (with fsync in FULL mode); on failure nothing of it reached the ledger. */
static int commit_parent(pod_ledger *l, MDB_txn *parent, const lg_bank *bank) {
  int rc = lg_mdb_err(mdb_txn_commit(parent));
  lg_perf_commit(l, rc == POD_OK);
  if (rc == POD_OK) {
    l->bank = *bank;
  } else {
    MDB_txn *rt;
    if (!mdb_txn_begin(l->env, NULL, MDB_RDONLY, &rt)) {
      lg_bank_load(l, rt, &l->bank);
      mdb_txn_abort(rt);
    }
  }
  return rc;
}

/* One write transaction per ledger transaction (POD_DURABILITY_PROCESS). */
static void process_one(pod_ledger *l, lg_req *q) {
  pthread_mutex_lock(&l->wmu);
  MDB_txn *t;
  int rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t));
  if (rc) {
    q->rc = rc;
  } else {
    lg_bank b = l->bank;
    run_req(l, t, 0, &b, q);
    if (q->rc == POD_OK && q->r->committed) {
      if ((rc = commit_parent(l, t, &b))) {
        q->rc = rc;
        q->r->committed = 0;
      }
    } else {
      mdb_txn_abort(t);
      lg_perf_commit(l, 0);
    }
  }
  lg_obs_ev *ev = lg_obs_take(l);
  pthread_mutex_unlock(&l->wmu);
  lg_obs_deliver(l, ev);
}

/* Group commit (POD_DURABILITY_FULL): requests queue up; one thread at a time is the leader, takes
 * the whole queue, runs it in one LMDB transaction (a child transaction per request) and commits
 * it with one fsync. Requests that arrive during that sync form the next group. The leader both
 * begins and commits the LMDB transaction (LMDB's write lock belongs to a thread). */
static void process_group(pod_ledger *l, lg_req *q) {
  pthread_mutex_lock(&l->gmu);
  q->next = NULL;
  *l->queue_tail = q;
  l->queue_tail = &q->next;
  while (!q->done) {
    if (l->leader) {
      pthread_cond_wait(&l->gcv, &l->gmu);
      continue;
    }
    l->leader = 1;
    lg_req *batch = l->queue;
    l->queue = NULL;
    l->queue_tail = &l->queue;
    pthread_mutex_unlock(&l->gmu);

    pthread_mutex_lock(&l->wmu);
    MDB_txn *t;
    int rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t));
    lg_bank b = l->bank;
    size_t n = 0;
    for (lg_req *x = batch; x; x = x->next) {
      if (rc) {
        x->rc = rc;
        continue;
      }
      run_req(l, t, 1, &b, x);
      n += x->r->committed ? 1 : 0;
    }
    if (!rc) {
      int crc = n ? commit_parent(l, t, &b) : (mdb_txn_abort(t), lg_perf_commit(l, 0), POD_OK);
      if (crc)
        for (lg_req *x = batch; x; x = x->next) {
          x->rc = x->r->committed ? crc : x->rc;
          x->r->committed = 0;
        }
    }
    lg_obs_ev *ev = lg_obs_take(l);
    pthread_mutex_unlock(&l->wmu);
    lg_obs_deliver(l, ev); /* before the callers are released: their results are alive */

    pthread_mutex_lock(&l->gmu);
    for (lg_req *x = batch, *nx; x; x = nx) {
      nx = x->next;
      x->done = 1;
    }
    l->leader = 0;
    pthread_cond_broadcast(&l->gcv);
  }
  pthread_mutex_unlock(&l->gmu);
}

static int process_locked_commit(pod_ledger *l, const uint8_t *wire, size_t sz,
                                 const pod_txn_t *txn, pod_ledger_result_t *r, lg_pre_fn pre,
                                 void *pre_arg) {
  lg_req q = {wire, sz, txn, r, pre, pre_arg, POD_OK, 0, NULL};
  if (l->opts.durability == POD_DURABILITY_FULL)
    process_group(l, &q);
  else
    process_one(l, &q);
  return q.rc;
}

static int outcome(int rc, const pod_ledger_result_t *r) {
  if (rc) return rc;
  return r->has_err ? POD_EPROGRAM : POD_OK;
}

int pod_ledger_process(pod_ledger *l, const uint8_t *wire, size_t wire_sz, pod_ledger_result_t *r) {
  if (!r) return POD_EINVAL;
  memset(r, 0, sizeof *r);
  if (!l || !wire) return POD_EINVAL;
  pod_txn_t *txn = lg_alloc(sizeof *txn);
  if (!txn) return POD_ENOMEM;
  precheck(txn, wire, wire_sz, r);
  int rc = POD_OK;
  if (!r->has_err && pod_txn_verify(txn, wire) != POD_OK) { /* outside the writer lock */
    r->has_err = 1;
    r->err.kind = POD_TXERR_SIGNATURE_FAILURE;
  }
  if (!r->has_err) rc = process_locked_commit(l, wire, wire_sz, txn, r, NULL, NULL);
  lg_free(txn);
  return outcome(rc, r);
}

int pod_ledger_process_batch(pod_ledger *l, const uint8_t *const *wires, const size_t *sizes,
                             size_t n, pod_ledger_result_t *results, int *rcs) {
  if (!results || (n && (!wires || !sizes))) return POD_EINVAL;
  for (size_t i = 0; i < n; i++)
    memset(&results[i], 0, sizeof results[i]);
  if (!l || n > POD_LEDGER_BATCH_MAX) return POD_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (!wires[i]) return POD_EINVAL;
  if (n == 0) return POD_OK;
  pod_txn_t *txns = NULL;
  lg_req *q = NULL;
  size_t tb, qb;
  if (!lg_mul(&tb, n, sizeof *txns) || !lg_mul(&qb, n, sizeof *q)) return POD_ENOMEM;
  txns = lg_alloc(tb);
  q = lg_alloc(qb);
  int rc = POD_OK;
  if (!txns || !q) {
    rc = POD_ENOMEM;
    goto out;
  }
  /* parse and verify outside the writer lock, as pod_ledger_process */
  for (size_t i = 0; i < n; i++) {
    pod_ledger_result_t *r = &results[i];
    precheck(&txns[i], wires[i], sizes[i], r);
    if (!r->has_err && pod_txn_verify(&txns[i], wires[i]) != POD_OK) {
      r->has_err = 1;
      r->err.kind = POD_TXERR_SIGNATURE_FAILURE;
    }
    lg_req x = {wires[i], sizes[i], &txns[i], r, NULL, NULL, POD_OK, 0, NULL};
    q[i] = x;
  }
  /* one write transaction for the whole batch; requests run in it in order (no child
   * transactions: a request only writes once it has executed, and an engine failure aborts the
   * whole batch, so nothing of it is committed) */
  pthread_mutex_lock(&l->wmu);
  MDB_txn *t;
  rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t));
  if (rc == POD_OK) {
    lg_bank b = l->bank;
    size_t done = 0;
    for (size_t i = 0; i < n && rc == POD_OK; i++) {
      if (results[i].has_err) continue; /* rejected before execution */
      run_req(l, t, 0, &b, &q[i]);
      rc = q[i].rc;
      done += results[i].committed ? 1 : 0;
    }
    if (rc == POD_OK && done) {
      rc = commit_parent(l, t, &b);
    } else {
      mdb_txn_abort(t);
      lg_perf_commit(l, 0);
    }
    if (rc)
      for (size_t i = 0; i < n; i++)
        results[i].committed = 0;
  }
  lg_obs_ev *ev = lg_obs_take(l);
  pthread_mutex_unlock(&l->wmu);
  lg_obs_deliver(l, ev);
out:
  if (rcs)
    for (size_t i = 0; i < n; i++)
      rcs[i] = rc ? rc : outcome(POD_OK, &results[i]);
  lg_free(txns);
  lg_free(q);
  return rc;
}

int pod_ledger_simulate(pod_ledger *l, const uint8_t *wire, size_t wire_sz,
                        const pod_ledger_sim_opts_t *opts, pod_ledger_result_t *r) {
  if (!r) return POD_EINVAL;
  memset(r, 0, sizeof *r);
  if (!l || !wire) return POD_EINVAL;
  pod_ledger_sim_opts_t o = {0, 0};
  if (opts) o = *opts;
  pod_txn_t *txn = lg_alloc(sizeof *txn);
  lg_exec *x = lg_alloc(sizeof *x);
  uint8_t *copy = lg_alloc(wire_sz ? wire_sz : 1);
  int rc = POD_OK;
  if (!txn || !x || !copy) {
    rc = POD_ENOMEM;
    goto out;
  }
  memcpy(copy, wire, wire_sz);
  precheck(txn, copy, wire_sz, r);
  if (r->has_err) goto out;
  uint64_t slot;
  int64_t now;
  lg_clock_now(l, &slot, &now);
  if (o.replace_recent_blockhash) lg_blockhash_of(l, slot, copy + txn->blockhash_off);
  MDB_txn *t;
  if ((rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, MDB_RDONLY, &t)))) goto out;
  lg_checks ck = {o.sig_verify && !o.replace_recent_blockhash, !o.replace_recent_blockhash, 0};
  rc = lg_execute(x, l, t, copy, wire_sz, txn, &ck, slot, now);
  mdb_txn_abort(t);
  if (rc == POD_OK) {
    rc = fill_result(r, x);
    r->fee = x->fee;
  }
  lg_exec_free(x);
out:
  lg_free(txn);
  lg_free(x);
  lg_free(copy);
  return outcome(rc, r);
}

/* ---- faucet ---- */
typedef struct {
  uint64_t mint;
} airdrop_arg;

static int airdrop_pre(pod_ledger *l, MDB_txn *t, lg_bank *b, void *arg) {
  airdrop_arg *a = arg;
  lg_acct f;
  pod_pubkey_t fk;
  pod_keypair_pubkey(&fk, &l->faucet);
  int rc = lg_acct_load(l, t, &fk, &f);
  if (rc) return rc;
  MDB_val k = {32, fk.b}, v;
  int exists = !mdb_get(t, l->db_acct, &k, &v);
  uint8_t *old = NULL;
  size_t old_sz = 0;
  if (exists) {
    old = lg_alloc(v.mv_size);
    if (!old) {
      lg_free(f.data);
      return POD_ENOMEM;
    }
    memcpy(old, v.mv_data, v.mv_size);
    old_sz = v.mv_size;
  }
  if (f.lamports > UINT64_MAX - a->mint || b->minted > UINT64_MAX - a->mint) {
    rc = POD_ELIMIT;
  } else {
    f.lamports += a->mint;
    rc = lg_acct_store(l, t, &f, old, old_sz);
    b->minted += a->mint;
  }
  lg_free(old);
  lg_free(f.data);
  return rc;
}

int pod_ledger_airdrop(pod_ledger *l, pod_signature_t *sig, pod_tx_error_t *err,
                       const pod_pubkey_t *to, uint64_t lamports) {
  if (err) memset(err, 0, sizeof *err);
  if (!l || !to || lamports == 0) return POD_EINVAL;
  if (l->opts.faucet_cap && lamports > l->opts.faucet_cap) return POD_ELIMIT;
  if (lamports > UINT64_MAX - POD_LAMPORTS_PER_SIGNATURE) return POD_ELIMIT;
  pod_pubkey_t fk;
  pod_keypair_pubkey(&fk, &l->faucet);
  /* a distinct read-only key per request makes every airdrop a distinct transaction */
  uint8_t nonce_src[48];
  memcpy(nonce_src, "podc-airdrop", 12);
  randombytes_buf(nonce_src + 12, 36);
  pod_pubkey_t nonce;
  pod_sha256(nonce.b, nonce_src, sizeof nonce_src);
  pod_account_meta_t m[3] = {{fk, 1, 1}, {*to, 0, 1}, {nonce, 0, 0}};
  uint8_t d[12];
  lg_wr32(d, 2);
  lg_wr64(d + 4, lamports);
  pod_instruction_t ix = {pod_system_program_id, m, 3, d, sizeof d};
  uint8_t bh[32], wire[POD_TXN_MTU];
  size_t wsz;
  pod_ledger_latest_blockhash(l, bh, NULL);
  const pod_keypair_t *signers[1] = {&l->faucet};
  int rc = pod_txn_build(wire, sizeof wire, &wsz, &ix, 1, bh, signers, 1);
  if (rc) return rc;
  pod_txn_t *txn = lg_alloc(sizeof *txn);
  if (!txn) return POD_ENOMEM;
  pod_ledger_result_t r;
  memset(&r, 0, sizeof r);
  if ((rc = pod_txn_parse(txn, wire, wsz)) == POD_OK) {
    airdrop_arg a = {lamports + POD_LAMPORTS_PER_SIGNATURE};
    rc = process_locked_commit(l, wire, wsz, txn, &r, airdrop_pre, &a);
    rc = outcome(rc, &r);
  }
  if (sig) memcpy(sig->b, wire + txn->sig_off, 64);
  if (err && r.has_err) *err = r.err;
  pod_ledger_result_free(&r);
  lg_free(txn);
  return rc;
}

/* ---- native programs ---- */
int pod_ledger_register_program(pod_ledger *l, const pod_pubkey_t *id, pod_program_fn fn,
                                void *user) {
  if (!l || !id || !fn) return POD_EINVAL;
  if (!memcmp(id->b, pod_system_program_id.b, 32) ||
      !memcmp(id->b, pod_compute_budget_program_id.b, 32))
    return POD_EINVAL;
  pthread_mutex_lock(&l->wmu);
  int rc = POD_OK;
  size_t i;
  for (i = 0; i < l->prog_cnt; i++)
    if (!memcmp(l->progs[i].id.b, id->b, 32)) break;
  if (i == LG_MAX_PROGRAMS) {
    rc = POD_ELIMIT;
  } else {
    MDB_txn *t;
    if (!(rc = lg_mdb_err(mdb_txn_begin(l->env, NULL, 0, &t)))) {
      MDB_val k = {32, (void *)id->b}, v;
      int r = mdb_get(t, l->db_acct, &k, &v);
      lg_bank b = l->bank;
      if (r == MDB_NOTFOUND) {
        uint64_t total = 0;
        rc = put_program_acct(l, t, id, &total);
        b.genesis_lamports += total;
        lg_clock_fill(l, &b);
        if (!rc) rc = lg_bank_save(l, t, &b);
      } else if (r) {
        rc = lg_mdb_err(r);
      }
      if (rc) {
        mdb_txn_abort(t);
      } else if (!(rc = lg_mdb_err(mdb_txn_commit(t)))) {
        l->bank = b;
      }
    }
    if (!rc) {
      l->progs[i].id = *id;
      l->progs[i].fn = fn;
      l->progs[i].user = user;
      if (i == l->prog_cnt) l->prog_cnt++;
    }
  }
  pthread_mutex_unlock(&l->wmu);
  return rc;
}
