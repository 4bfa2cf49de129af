/* LMDB storage of the ledger: accounts and their indexes, transactions, signatures by address,
 * bank state. Layout (all integers LE unless marked BE; BE where byte order must sort):
 *
 *   meta   "genesis" -> genesis hash (32) ; "bank" -> lg_bank ; "idxcfg" -> index list hash
 *   acct   pubkey (32) -> lamports u64, owner (32), executable u8, rent_epoch u64, data
 *   owner  owner (32) | data_len u64 BE | pubkey (32) -> ""
 *   field  owner (32) | offset u32 BE | field (32) | data_len u64 BE | pubkey (32) -> ""
 *   txs    seq u64 BE -> transaction record (see lg_commit)   (appended: MDB_APPEND)
 *   sig    signature (64) -> seq u64 BE
 *   addr   address (32) | ~seq u64 BE -> ""   (newest first; the signature is in the record)
 *
 * Records are keyed by their sequence so that writing one appends to the right edge of the
 * largest database instead of dirtying a random leaf of it; only the small sig index takes a
 * random insert. Ledgers written before (a "tx" database keyed by signature, addr values holding
 * the signature) are converted when opened (lg_store_open); addr values of 64 bytes are still
 * read as signatures.
 */
#define _GNU_SOURCE /* flock */
#include "ledger_internal.h"
#include "pod_program.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- small helpers ---- */
uint64_t lg_rd64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}
void lg_wr64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
uint32_t lg_rd32(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
void lg_wr32(uint8_t *p, uint32_t v) {
  for (int i = 0; i < 4; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}
void lg_wr64be(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[7 - i] = (uint8_t)(v >> (8 * i));
}
uint64_t lg_rd64be(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v = v << 8 | p[i];
  return v;
}

void *lg_alloc(size_t n) { return n ? malloc(n) : NULL; }
void *lg_realloc(void *p, size_t n) { return n ? realloc(p, n) : p; }
void lg_free(void *p) { free(p); }
int lg_mul(size_t *out, size_t a, size_t b) {
  if (a && b > SIZE_MAX / a) return 0;
  *out = a * b;
  return 1;
}

int lg_mdb_err(int rc) {
  switch (rc) {
  case 0: return POD_OK;
  case MDB_NOTFOUND: return POD_ENOTFOUND;
  case MDB_MAP_FULL: return POD_ELIMIT;
  case ENOMEM: return POD_ENOMEM;
  default: return POD_EIO;
  }
}

/* ---- open ---- */
/* A ledger of the first layout has a "tx" database (signature -> record, the record starting
 * with its seq): its records move to txs and sig, and it is dropped. */
static int convert_tx_db(pod_ledger *l, MDB_txn *t) {
  MDB_dbi old;
  int rc = mdb_dbi_open(t, "tx", 0, &old);
  if (rc == MDB_NOTFOUND) return 0;
  if (rc) return rc;
  MDB_cursor *c;
  if ((rc = mdb_cursor_open(t, old, &c))) return rc;
  MDB_val k, v;
  int op = MDB_FIRST;
  while (!(rc = mdb_cursor_get(c, &k, &v, op))) {
    op = MDB_NEXT;
    if (k.mv_size != 64 || v.mv_size < 8) {
      rc = MDB_CORRUPTED;
      break;
    }
    uint8_t seq[8];
    lg_wr64be(seq, lg_rd64(v.mv_data));
    MDB_val sk = {8, seq};
    if ((rc = mdb_put(t, l->db_tx, &sk, &v, MDB_NOOVERWRITE)) ||
        (rc = mdb_put(t, l->db_sig, &k, &sk, MDB_NOOVERWRITE)))
      break;
  }
  mdb_cursor_close(c);
  if (rc != MDB_NOTFOUND) return rc;
  return mdb_drop(t, old, 1);
}

int lg_store_open(pod_ledger *l, const char *dir) {
  if (mkdir(dir, 0700) != 0 && errno != EEXIST) return POD_EIO;
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/pod.lock", dir) >= sizeof path) return POD_EINVAL;
  l->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (l->lock_fd < 0) return POD_EIO;
  if (flock(l->lock_fd, LOCK_EX | LOCK_NB) != 0) return POD_EPERM;

  int rc = mdb_env_create(&l->env);
  if (rc) return lg_mdb_err(rc);
  mdb_env_set_maxdbs(l->env, 12);
  if ((rc = mdb_env_set_mapsize(l->env, (size_t)l->opts.map_size))) return lg_mdb_err(rc);
  unsigned flags = MDB_NOTLS;
  /* PROCESS: no fsync, and a writable map: a commit changes the file's pages in place in the page
   * cache (LMDB still never overwrites pages of the last committed state, so a kill -9 at any
   * moment leaves the previous or the new state) instead of pwrite()-ing every dirty page, which
   * makes the commit several times cheaper. Without readahead (MADV_RANDOM): with it, the kernel
   * caches the file in large folios and writes a whole folio back for every page changed through
   * the map — terabytes of writeback for a million-agent ledger (docs/LEDGER.md, figures). LMDB
   * does not allow child transactions with MDB_WRITEMAP: PROCESS mode never uses them (only the
   * FULL mode's group commit does). */
  if (l->opts.durability == POD_DURABILITY_PROCESS)
    flags |= MDB_NOSYNC | MDB_WRITEMAP | MDB_NORDAHEAD;
  if ((rc = mdb_env_open(l->env, dir, flags, 0600))) return lg_mdb_err(rc);
  int dead = 0;
  mdb_reader_check(l->env, &dead);

  MDB_txn *t;
  if ((rc = mdb_txn_begin(l->env, NULL, 0, &t))) return lg_mdb_err(rc);
  if ((rc = mdb_dbi_open(t, "meta", MDB_CREATE, &l->db_meta)) ||
      (rc = mdb_dbi_open(t, "acct", MDB_CREATE, &l->db_acct)) ||
      (rc = mdb_dbi_open(t, "owner", MDB_CREATE, &l->db_owner)) ||
      (rc = mdb_dbi_open(t, "field", MDB_CREATE, &l->db_field)) ||
      (rc = mdb_dbi_open(t, "txs", MDB_CREATE, &l->db_tx)) ||
      (rc = mdb_dbi_open(t, "sig", MDB_CREATE, &l->db_sig)) ||
      (rc = mdb_dbi_open(t, "addr", MDB_CREATE, &l->db_addr)) || (rc = convert_tx_db(l, t))) {
    mdb_txn_abort(t);
    return lg_mdb_err(rc);
  }
  return lg_mdb_err(mdb_txn_commit(t));
}

int lg_meta_put(pod_ledger *l, MDB_txn *t, const char *k, const void *v, size_t n) {
  MDB_val key = {strlen(k), (void *)k}, val = {n, (void *)v};
  return lg_mdb_err(mdb_put(t, l->db_meta, &key, &val, 0));
}

int lg_meta_get(pod_ledger *l, MDB_txn *t, const char *k, void *v, size_t n) {
  MDB_val key = {strlen(k), (void *)k}, val;
  int rc = mdb_get(t, l->db_meta, &key, &val);
  if (rc) return lg_mdb_err(rc);
  if (val.mv_size != n) return POD_EDECODE;
  memcpy(v, val.mv_data, n);
  return POD_OK;
}

#define LG_BANK_SZ 68
int lg_bank_save(pod_ledger *l, MDB_txn *t, const lg_bank *b) {
  uint8_t v[LG_BANK_SZ];
  lg_wr64(v, b->tx_seq);
  lg_wr64(v + 8, b->genesis_lamports);
  lg_wr64(v + 16, b->minted);
  lg_wr64(v + 24, b->burned);
  lg_wr64(v + 32, b->anchor_slot);
  lg_wr64(v + 40, (uint64_t)b->anchor_ms);
  lg_wr64(v + 48, (uint64_t)b->clock_ms);
  lg_wr64(v + 56, b->last_slot);
  lg_wr32(v + 64, b->slot_ms);
  return lg_meta_put(l, t, "bank", v, sizeof v);
}

int lg_bank_load(pod_ledger *l, MDB_txn *t, lg_bank *b) {
  uint8_t v[LG_BANK_SZ];
  int rc = lg_meta_get(l, t, "bank", v, sizeof v);
  if (rc) return rc;
  b->tx_seq = lg_rd64(v);
  b->genesis_lamports = lg_rd64(v + 8);
  b->minted = lg_rd64(v + 16);
  b->burned = lg_rd64(v + 24);
  b->anchor_slot = lg_rd64(v + 32);
  b->anchor_ms = (int64_t)lg_rd64(v + 40);
  b->clock_ms = (int64_t)lg_rd64(v + 48);
  b->last_slot = lg_rd64(v + 56);
  b->slot_ms = lg_rd32(v + 64);
  return b->slot_ms ? POD_OK : POD_EDECODE;
}

/* ---- accounts ---- */
int lg_acct_load(pod_ledger *l, MDB_txn *t, const pod_pubkey_t *key, lg_acct *a) {
  memset(a, 0, sizeof *a);
  a->key = *key;
  MDB_val k = {32, (void *)key->b}, v;
  int rc = mdb_get(t, l->db_acct, &k, &v);
  if (rc == MDB_NOTFOUND) {
    a->owner = pod_system_program_id;
    a->rent_epoch = UINT64_MAX;
    return POD_OK;
  }
  if (rc) return lg_mdb_err(rc);
  if (v.mv_size < LG_ACCT_HDR) return POD_EDECODE;
  const uint8_t *p = v.mv_data;
  a->lamports = lg_rd64(p);
  memcpy(a->owner.b, p + 8, 32);
  a->executable = p[40];
  a->rent_epoch = lg_rd64(p + 41);
  a->len = v.mv_size - LG_ACCT_HDR;
  if (a->len) {
    a->data = lg_alloc(a->len);
    if (!a->data) return POD_ENOMEM;
    memcpy(a->data, p + LG_ACCT_HDR, a->len);
    a->cap = a->len;
  }
  return POD_OK;
}

static int idx_applies(const pod_ledger_index_t *ix, const pod_pubkey_t *owner, size_t len) {
  return !memcmp(ix->owner.b, owner->b, 32) && (ix->data_size == 0 || ix->data_size == len) &&
         ix->offset <= len && len - ix->offset >= 32;
}

/* Adds (del = 0) or removes (del = 1) the index entries of one account. */
static int index_entries(pod_ledger *l, MDB_txn *t, const pod_pubkey_t *key,
                         const pod_pubkey_t *owner, const uint8_t *data, size_t len, int del) {
  uint8_t k[108];
  MDB_val kv, ev = {0, (void *)""};
  int rc;
  memcpy(k, owner->b, 32);
  lg_wr64be(k + 32, len);
  memcpy(k + 40, key->b, 32);
  kv.mv_size = 72;
  kv.mv_data = k;
  rc = del ? mdb_del(t, l->db_owner, &kv, NULL) : mdb_put(t, l->db_owner, &kv, &ev, 0);
  if (rc && rc != MDB_NOTFOUND) return lg_mdb_err(rc);
  for (size_t i = 0; i < l->idx_cnt; i++) {
    const pod_ledger_index_t *ix = &l->idx[i];
    if (!idx_applies(ix, owner, len)) continue;
    memcpy(k, owner->b, 32);
    k[32] = (uint8_t)(ix->offset >> 24);
    k[33] = (uint8_t)(ix->offset >> 16);
    k[34] = (uint8_t)(ix->offset >> 8);
    k[35] = (uint8_t)ix->offset;
    memcpy(k + 36, data + ix->offset, 32);
    lg_wr64be(k + 68, len);
    memcpy(k + 76, key->b, 32);
    kv.mv_size = 108;
    kv.mv_data = k;
    rc = del ? mdb_del(t, l->db_field, &kv, NULL) : mdb_put(t, l->db_field, &kv, &ev, 0);
    if (rc && rc != MDB_NOTFOUND) return lg_mdb_err(rc);
  }
  return POD_OK;
}

/* Do two (owner, data) pairs produce the same index keys? */
static int same_index_keys(pod_ledger *l, const pod_pubkey_t *o1, const uint8_t *d1, size_t n1,
                           const pod_pubkey_t *o2, const uint8_t *d2, size_t n2) {
  if (n1 != n2 || memcmp(o1->b, o2->b, 32)) return 0;
  for (size_t i = 0; i < l->idx_cnt; i++)
    if (idx_applies(&l->idx[i], o1, n1) && memcmp(d1 + l->idx[i].offset, d2 + l->idx[i].offset, 32))
      return 0;
  return 1;
}

int lg_acct_store(pod_ledger *l, MDB_txn *t, const lg_acct *a, const uint8_t *old, size_t old_sz) {
  int rc;
  pod_pubkey_t oo;
  const uint8_t *od = NULL;
  size_t on = 0;
  if (old) {
    if (old_sz < LG_ACCT_HDR) return POD_EDECODE;
    memcpy(oo.b, old + 8, 32);
    od = old + LG_ACCT_HDR;
    on = old_sz - LG_ACCT_HDR;
  }
  int keep_idx = old && a->lamports && same_index_keys(l, &oo, od, on, &a->owner, a->data, a->len);
  if (old && !keep_idx && (rc = index_entries(l, t, &a->key, &oo, od, on, 1))) return rc;
  MDB_val k = {32, (void *)a->key.b};
  if (a->lamports == 0) {
    rc = mdb_del(t, l->db_acct, &k, NULL);
    return rc == MDB_NOTFOUND ? POD_OK : lg_mdb_err(rc);
  }
  if (a->len > SIZE_MAX - LG_ACCT_HDR) return POD_ETOOLARGE;
  MDB_val v = {LG_ACCT_HDR + a->len, NULL};
  if ((rc = mdb_put(t, l->db_acct, &k, &v, MDB_RESERVE))) return lg_mdb_err(rc);
  uint8_t *p = v.mv_data;
  lg_wr64(p, a->lamports);
  memcpy(p + 8, a->owner.b, 32);
  p[40] = a->executable;
  lg_wr64(p + 41, a->rent_epoch);
  if (a->len) memcpy(p + LG_ACCT_HDR, a->data, a->len);
  if (!keep_idx && (rc = index_entries(l, t, &a->key, &a->owner, a->data, a->len, 0))) return rc;
  return POD_OK;
}

/* Has the account changed relative to its stored record? */
static int acct_changed(const lg_acct *a, const uint8_t *old, size_t old_sz) {
  if (!old) return a->lamports != 0;
  if (old_sz != LG_ACCT_HDR + a->len) return 1;
  if (lg_rd64(old) != a->lamports || memcmp(old + 8, a->owner.b, 32) || old[40] != a->executable)
    return 1;
  return a->len && memcmp(old + LG_ACCT_HDR, a->data, a->len) != 0;
}

/* ---- transaction records ----
 *   0 seq u64 | 8 slot u64 | 16 block_time i64 | 24 fee u64 | 32 cu u64 |
 *  40 has_err u8, kind u8, index u8, ix_error u8, custom u32, 8 zero bytes | 56 wire_len u16 | 58
 * nkeys u8 | 59 0 | 60 nlogs u32 | 64 wire | pre u64 x nkeys | post u64 x nkeys | logs (u16 len +
 * bytes) x nlogs */
#define LG_TX_HDR 64

int lg_sig_seen(pod_ledger *l, MDB_txn *t, const pod_signature_t *sig) {
  MDB_val k = {64, (void *)sig->b}, v;
  return lg_mdb_err(mdb_get(t, l->db_sig, &k, &v));
}

static int tx_by_seq(pod_ledger *l, MDB_txn *t, const uint8_t seq_be[8], MDB_val *out) {
  MDB_val k = {8, (void *)seq_be};
  int rc = mdb_get(t, l->db_tx, &k, out);
  return rc == MDB_NOTFOUND ? POD_EIO : lg_mdb_err(rc); /* a dangling sig entry */
}

int lg_tx_lookup(pod_ledger *l, MDB_txn *t, const pod_signature_t *sig, MDB_val *out) {
  MDB_val k = {64, (void *)sig->b}, v;
  int rc = mdb_get(t, l->db_sig, &k, &v);
  if (rc) return lg_mdb_err(rc);
  if (v.mv_size != 8) return POD_EDECODE;
  return tx_by_seq(l, t, v.mv_data, out);
}

static void err_put(uint8_t *p, int has_err, const pod_tx_error_t *e) {
  p[0] = has_err ? 1 : 0;
  p[1] = e->kind;
  p[2] = e->index;
  p[3] = e->ix_error;
  lg_wr32(p + 4, e->custom);
}
static void err_get(int *has_err, pod_tx_error_t *e, const uint8_t *p) {
  memset(e, 0, sizeof *e);
  *has_err = p[0];
  e->kind = p[1];
  e->index = p[2];
  e->ix_error = p[3];
  e->custom = lg_rd32(p + 4);
}

int lg_commit(pod_ledger *l, MDB_txn *t, lg_bank *bank, lg_exec *x) {
  int rc;
  for (size_t i = 0; i < x->acct_cnt; i++) {
    const lg_acct *a = &x->acct[i];
    if (!a->is_writable && i) continue;
    MDB_val k = {32, (void *)a->key.b}, v;
    rc = mdb_get(t, l->db_acct, &k, &v);
    if (rc && rc != MDB_NOTFOUND) return lg_mdb_err(rc);
    const uint8_t *old = rc ? NULL : v.mv_data;
    size_t old_sz = rc ? 0 : v.mv_size;
    if (!acct_changed(a, old, old_sz)) continue;
    /* LMDB may reuse the old value's page: copy it for index maintenance */
    uint8_t small[LG_ACCT_HDR + 256];
    uint8_t *copy = NULL;
    if (old) {
      copy = old_sz <= sizeof small ? small : lg_alloc(old_sz);
      if (!copy) return POD_ENOMEM;
      memcpy(copy, old, old_sz);
    }
    rc = lg_acct_store(l, t, a, copy, old_sz);
    if (copy != small) lg_free(copy);
    if (rc) return rc;
  }

  /* the transaction record */
  size_t nk = x->acct_cnt;
  size_t sz = LG_TX_HDR + x->wire_sz + 16 * nk;
  for (size_t i = 0, off = 0; i < x->logs.cnt; i++) {
    size_t n = strlen(x->logs.buf + off);
    sz += 2 + n;
    off += n + 1;
  }
  uint64_t seq = bank->tx_seq + 1;
  const pod_signature_t *sig = (const pod_signature_t *)(x->wire + x->txn->sig_off);
  uint8_t seq_be[8];
  lg_wr64be(seq_be, seq);
  MDB_val sk = {64, (void *)sig->b}, sv = {8, seq_be};
  if ((rc = mdb_put(t, l->db_sig, &sk, &sv, MDB_NOOVERWRITE)))
    return rc == MDB_KEYEXIST ? POD_EEXIST : lg_mdb_err(rc);
  MDB_val k = {8, seq_be}, v = {sz, NULL};
  if ((rc = mdb_put(t, l->db_tx, &k, &v, MDB_RESERVE | MDB_APPEND)))
    return rc == MDB_KEYEXIST ? POD_EEXIST : lg_mdb_err(rc);
  uint8_t *p = v.mv_data;
  memset(p, 0, LG_TX_HDR);
  lg_wr64(p, seq);
  lg_wr64(p + 8, x->slot);
  lg_wr64(p + 16, (uint64_t)x->now);
  lg_wr64(p + 24, x->fee);
  lg_wr64(p + 32, x->cu_used);
  err_put(p + 40, x->has_err, &x->err);
  p[56] = (uint8_t)x->wire_sz;
  p[57] = (uint8_t)(x->wire_sz >> 8);
  p[58] = (uint8_t)nk;
  lg_wr32(p + 60, (uint32_t)x->logs.cnt);
  uint8_t *q = p + LG_TX_HDR;
  memcpy(q, x->wire, x->wire_sz);
  q += x->wire_sz;
  for (size_t i = 0; i < nk; i++, q += 8)
    lg_wr64(q, x->acct[i].o_lamports);
  for (size_t i = 0; i < nk; i++, q += 8)
    lg_wr64(q, x->acct[i].lamports);
  for (size_t i = 0, off = 0; i < x->logs.cnt; i++) {
    size_t n = strlen(x->logs.buf + off);
    q[0] = (uint8_t)n;
    q[1] = (uint8_t)(n >> 8);
    memcpy(q + 2, x->logs.buf + off, n);
    q += 2 + n;
    off += n + 1;
  }

  /* signatures by address */
  for (size_t i = 0; i < nk; i++) {
    uint8_t ak[40];
    memcpy(ak, x->acct[i].key.b, 32);
    lg_wr64be(ak + 32, ~seq);
    MDB_val kk = {40, ak}, vv = {0, (void *)""};
    if ((rc = mdb_put(t, l->db_addr, &kk, &vv, 0))) return lg_mdb_err(rc);
  }
  bank->tx_seq = seq;
  if (x->fee > UINT64_MAX - bank->burned) return POD_EINVAL;
  bank->burned += x->fee;
  if (x->slot > bank->last_slot) bank->last_slot = x->slot;
  return lg_bank_save(l, t, bank);
}

/* The transaction's first signature, from the wire in its record. */
static int tx_signature(pod_signature_t *sig, const uint8_t *p, size_t sz) {
  if (sz < LG_TX_HDR) return POD_EDECODE;
  size_t wl = (size_t)p[56] | (size_t)p[57] << 8;
  /* wire: compact-u16 signature count (>= 1, < 128: one byte), then the signatures */
  if (wl > sz - LG_TX_HDR || wl < 65 || p[LG_TX_HDR] == 0 || p[LG_TX_HDR] >= 0x80)
    return POD_EDECODE;
  memcpy(sig->b, p + LG_TX_HDR + 1, 64);
  return POD_OK;
}

/* Decodes a stored record, checking every size. */
static int tx_decode(pod_ledger_tx_t *o, uint64_t *seq, const uint8_t *p, size_t sz, int full) {
  if (sz < LG_TX_HDR) return POD_EDECODE;
  if (seq) *seq = lg_rd64(p);
  o->slot = lg_rd64(p + 8);
  o->block_time = (int64_t)lg_rd64(p + 16);
  o->fee = lg_rd64(p + 24);
  o->compute_units = lg_rd64(p + 32);
  err_get(&o->has_err, &o->err, p + 40);
  if (!full) return POD_OK;
  size_t wl = (size_t)p[56] | (size_t)p[57] << 8, nk = p[58];
  uint32_t nl = lg_rd32(p + 60);
  size_t off = LG_TX_HDR;
  if (wl > sz - off) return POD_EDECODE;
  const uint8_t *wire = p + off;
  off += wl;
  if (16 * nk > sz - off) return POD_EDECODE;
  const uint8_t *bal = p + off;
  off += 16 * nk;
  size_t lbytes = 0;
  size_t lo = off;
  for (uint32_t i = 0; i < nl; i++) {
    if (2 > sz - lo) return POD_EDECODE;
    size_t n = (size_t)p[lo] | (size_t)p[lo + 1] << 8;
    if (n > sz - lo - 2) return POD_EDECODE;
    lo += 2 + n;
    lbytes += n + 1;
  }
  if (lo != sz) return POD_EDECODE;
  size_t arr;
  if (!lg_mul(&arr, nl, sizeof(char *))) return POD_ENOMEM;
  size_t total = wl + 16 * nk + arr + lbytes + 8;
  uint8_t *m = lg_alloc(total);
  if (!m) return POD_ENOMEM;
  o->pre_balances = (uint64_t *)m;
  o->post_balances = o->pre_balances + nk;
  for (size_t i = 0; i < nk; i++) {
    o->pre_balances[i] = lg_rd64(bal + 8 * i);
    o->post_balances[i] = lg_rd64(bal + 8 * (nk + i));
  }
  o->account_cnt = nk;
  o->logs = nl ? (char **)(m + 16 * nk) : NULL;
  char *s = (char *)(m + 16 * nk + arr);
  lo = off;
  for (uint32_t i = 0; i < nl; i++) {
    size_t n = (size_t)p[lo] | (size_t)p[lo + 1] << 8;
    memcpy(s, p + lo + 2, n);
    s[n] = 0;
    o->logs[i] = s;
    s += n + 1;
    lo += 2 + n;
  }
  o->log_cnt = nl;
  o->wire = (uint8_t *)s;
  memcpy(o->wire, wire, wl);
  o->wire_sz = wl;
  return POD_OK;
}

/* ---- queries ---- */
static int rtxn(pod_ledger *l, MDB_txn **t) {
  return lg_mdb_err(mdb_txn_begin(l->env, NULL, MDB_RDONLY, t));
}

static int acct_from_val(pod_account_t *o, const MDB_val *v, int copy) {
  if (v->mv_size < LG_ACCT_HDR) return POD_EDECODE;
  const uint8_t *p = v->mv_data;
  o->lamports = lg_rd64(p);
  memcpy(o->owner.b, p + 8, 32);
  o->executable = p[40];
  o->rent_epoch = lg_rd64(p + 41);
  o->data_sz = v->mv_size - LG_ACCT_HDR;
  if (!copy) {
    o->data = (uint8_t *)p + LG_ACCT_HDR;
    return POD_OK;
  }
  o->data = NULL;
  if (o->data_sz) {
    o->data = lg_alloc(o->data_sz);
    if (!o->data) return POD_ENOMEM;
    memcpy(o->data, p + LG_ACCT_HDR, o->data_sz);
  }
  return POD_OK;
}

int pod_ledger_get_account(pod_ledger *l, const pod_pubkey_t *key, pod_account_t *out) {
  if (!l || !key || !out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) return rc;
  MDB_val k = {32, (void *)key->b}, v;
  rc = lg_mdb_err(mdb_get(t, l->db_acct, &k, &v));
  if (!rc) rc = acct_from_val(out, &v, 1);
  mdb_txn_abort(t);
  return rc;
}

void pod_ledger_account_free(pod_account_t *a) {
  if (!a) return;
  lg_free(a->data);
  memset(a, 0, sizeof *a);
}

uint64_t pod_ledger_balance(pod_ledger *l, const pod_pubkey_t *key) {
  if (!l || !key) return 0;
  MDB_txn *t;
  if (rtxn(l, &t)) return 0;
  MDB_val k = {32, (void *)key->b}, v;
  uint64_t r = 0;
  if (!mdb_get(t, l->db_acct, &k, &v) && v.mv_size >= LG_ACCT_HDR) r = lg_rd64(v.mv_data);
  mdb_txn_abort(t);
  return r;
}

static int filter_pass(const pod_account_filter_t *f, const pod_account_t *a) {
  if (!f) return 1;
  if (f->has_data_size && a->data_sz != f->data_size) return 0;
  for (size_t i = 0; i < f->memcmp_cnt; i++) {
    const pod_memcmp_t *m = &f->memcmp[i];
    if (m->offset > a->data_sz || m->len > a->data_sz - m->offset) return 0;
    if (memcmp(a->data + m->offset, m->bytes, m->len)) return 0;
  }
  return 1;
}

int pod_ledger_get_accounts_by_owner(pod_ledger *l, const pod_pubkey_t *owner,
                                     const pod_account_filter_t *filter, pod_account_cb cb,
                                     void *user, pod_query_stats_t *stats) {
  pod_query_stats_t st = {0, 0, 0};
  if (!l || !owner || !cb) return POD_EINVAL;
  if (filter) {
    if (filter->memcmp_cnt > 4 || (filter->memcmp_cnt && !filter->memcmp)) return POD_EINVAL;
    for (size_t i = 0; i < filter->memcmp_cnt; i++)
      if (!filter->memcmp[i].bytes || !filter->memcmp[i].len ||
          filter->memcmp[i].len > POD_MEMCMP_MAX)
        return POD_EINVAL;
  }
  /* choose the index: a 32-byte memcmp at an indexed offset, else owner + size, else owner */
  uint8_t prefix[76];
  size_t plen = 32, klen = 72, keyoff = 40;
  MDB_dbi db = l->db_owner;
  memcpy(prefix, owner->b, 32);
  if (filter) {
    for (size_t i = 0; i < filter->memcmp_cnt && st.index_used == 0; i++) {
      const pod_memcmp_t *m = &filter->memcmp[i];
      if (m->len != 32) continue;
      for (size_t j = 0; j < l->idx_cnt; j++) {
        const pod_ledger_index_t *ix = &l->idx[j];
        if (memcmp(ix->owner.b, owner->b, 32) || ix->offset != m->offset) continue;
        if (ix->data_size && (!filter->has_data_size || filter->data_size != ix->data_size))
          continue;
        prefix[32] = (uint8_t)(m->offset >> 24);
        prefix[33] = (uint8_t)(m->offset >> 16);
        prefix[34] = (uint8_t)(m->offset >> 8);
        prefix[35] = (uint8_t)m->offset;
        memcpy(prefix + 36, m->bytes, 32);
        plen = 68;
        if (filter->has_data_size) {
          lg_wr64be(prefix + 68, filter->data_size);
          plen = 76;
        }
        db = l->db_field;
        klen = 108;
        keyoff = 76;
        st.index_used = 2;
        break;
      }
    }
    if (st.index_used == 0 && filter->has_data_size) {
      lg_wr64be(prefix + 32, filter->data_size);
      plen = 40;
      st.index_used = 1;
    }
  }
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) return rc;
  MDB_cursor *c;
  if ((rc = mdb_cursor_open(t, db, &c))) {
    mdb_txn_abort(t);
    return lg_mdb_err(rc);
  }
  MDB_val k = {plen, prefix}, v;
  int op = MDB_SET_RANGE;
  rc = POD_OK;
  for (;;) {
    int r = mdb_cursor_get(c, &k, &v, op);
    op = MDB_NEXT;
    if (r == MDB_NOTFOUND) break;
    if (r) {
      rc = lg_mdb_err(r);
      break;
    }
    if (k.mv_size != klen || memcmp(k.mv_data, prefix, plen)) break;
    pod_pubkey_t key;
    memcpy(key.b, (const uint8_t *)k.mv_data + keyoff, 32);
    MDB_val ak = {32, key.b}, av;
    if ((r = mdb_get(t, l->db_acct, &ak, &av))) {
      rc = r == MDB_NOTFOUND ? POD_EIO : lg_mdb_err(r); /* dangling index entry */
      break;
    }
    pod_account_t a;
    if ((rc = acct_from_val(&a, &av, 0))) break;
    st.scanned++;
    if (!filter_pass(filter, &a)) continue;
    st.matched++;
    if (cb(user, &key, &a)) break;
  }
  mdb_cursor_close(c);
  mdb_txn_abort(t);
  if (stats) *stats = st;
  return rc;
}

int pod_ledger_signature_status(pod_ledger *l, const pod_signature_t *sig, pod_sig_status_t *out) {
  if (!l || !sig || !out) return POD_EINVAL;
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) return rc;
  MDB_val v;
  rc = lg_tx_lookup(l, t, sig, &v);
  if (!rc) {
    pod_ledger_tx_t o;
    rc = tx_decode(&o, NULL, v.mv_data, v.mv_size, 0);
    out->slot = o.slot;
    out->block_time = o.block_time;
    out->has_err = o.has_err;
    out->err = o.err;
  }
  mdb_txn_abort(t);
  return rc;
}

int pod_ledger_get_transaction(pod_ledger *l, const pod_signature_t *sig, pod_ledger_tx_t **out) {
  if (!l || !sig || !out) return POD_EINVAL;
  *out = NULL;
  pod_ledger_tx_t *o = lg_alloc(sizeof *o);
  if (!o) return POD_ENOMEM;
  memset(o, 0, sizeof *o);
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) {
    lg_free(o);
    return rc;
  }
  MDB_val v;
  rc = lg_tx_lookup(l, t, sig, &v);
  if (!rc) rc = tx_decode(o, NULL, v.mv_data, v.mv_size, 1);
  mdb_txn_abort(t);
  if (rc) {
    lg_free(o);
    return rc;
  }
  *out = o;
  return POD_OK;
}

void pod_ledger_tx_free(pod_ledger_tx_t *t) {
  if (!t) return;
  lg_free(t->pre_balances);
  lg_free(t);
}

int pod_ledger_signatures_for_address(pod_ledger *l, const pod_pubkey_t *addr,
                                      const pod_signature_t *before, pod_sig_info_t *out,
                                      size_t max, size_t *n) {
  if (!l || !addr || (!out && max) || !n || max > 1000) return POD_EINVAL;
  *n = 0;
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) return rc;
  uint8_t start[40];
  memcpy(start, addr->b, 32);
  lg_wr64be(start + 32, 0);
  int skip_first = 0;
  if (before) {
    MDB_val v;
    rc = lg_tx_lookup(l, t, before, &v);
    if (rc || v.mv_size < 8) {
      mdb_txn_abort(t);
      return rc ? rc : POD_EDECODE;
    }
    lg_wr64be(start + 32, ~lg_rd64(v.mv_data));
    skip_first = 1;
  }
  MDB_cursor *c;
  if ((rc = mdb_cursor_open(t, l->db_addr, &c))) {
    mdb_txn_abort(t);
    return lg_mdb_err(rc);
  }
  MDB_val k = {40, start}, v;
  int op = MDB_SET_RANGE;
  rc = POD_OK;
  while (*n < max) {
    int r = mdb_cursor_get(c, &k, &v, op);
    op = MDB_NEXT;
    if (r == MDB_NOTFOUND) break;
    if (r) {
      rc = lg_mdb_err(r);
      break;
    }
    if (k.mv_size != 40 || memcmp(k.mv_data, addr->b, 32) || (v.mv_size != 64 && v.mv_size != 0))
      break;
    if (skip_first && !memcmp(k.mv_data, start, 40)) {
      skip_first = 0;
      continue;
    }
    skip_first = 0;
    pod_sig_info_t *s = &out[*n];
    uint8_t seq_be[8];
    lg_wr64be(seq_be, ~lg_rd64be((const uint8_t *)k.mv_data + 32));
    MDB_val tv;
    if ((rc = tx_by_seq(l, t, seq_be, &tv))) break;
    pod_ledger_tx_t o;
    if ((rc = tx_decode(&o, NULL, tv.mv_data, tv.mv_size, 0))) break;
    if (v.mv_size == 64) { /* first layout */
      memcpy(s->signature.b, v.mv_data, 64);
    } else if ((rc = tx_signature(&s->signature, tv.mv_data, tv.mv_size))) {
      break;
    }
    s->slot = o.slot;
    s->block_time = o.block_time;
    s->has_err = o.has_err;
    s->err = o.err;
    (*n)++;
  }
  mdb_cursor_close(c);
  mdb_txn_abort(t);
  return rc;
}

/* ---- verify ---- */
typedef struct {
  pod_ledger *l;
  MDB_txn *t;
} verify_get_t;

/* Another account's data for the PoD reference checks (valid during the read transaction). */
static const uint8_t *verify_get(void *user, const pod_pubkey_t *key, size_t *len,
                                 pod_pubkey_t *owner) {
  verify_get_t *g = user;
  MDB_val k = {32, (void *)key->b}, v;
  pod_account_t a;
  if (mdb_get(g->t, g->l->db_acct, &k, &v) || acct_from_val(&a, &v, 0)) return NULL;
  *len = a.data_sz;
  *owner = a.owner;
  return a.data ? a.data : (const uint8_t *)"";
}

int pod_ledger_verify(pod_ledger *l, pod_ledger_report_t *report) {
  pod_ledger_report_t r;
  memset(&r, 0, sizeof r);
  if (!l) return POD_EINVAL;
  MDB_txn *t;
  int rc = rtxn(l, &t);
  if (rc) return rc;
  lg_bank b;
  if ((rc = lg_bank_load(l, t, &b))) {
    mdb_txn_abort(t);
    return rc;
  }
  r.genesis_lamports = b.genesis_lamports;
  r.minted = b.minted;
  r.burned = b.burned;
  r.expected_lamports = b.genesis_lamports + b.minted - b.burned;
  r.transactions = b.tx_seq;
  MDB_cursor *c;
  if ((rc = mdb_cursor_open(t, l->db_acct, &c))) {
    mdb_txn_abort(t);
    return lg_mdb_err(rc);
  }
  MDB_val k, v;
  int op = MDB_FIRST;
  uint64_t owner_entries = 0;
  lg_pod_verify_t pv;
  memset(&pv, 0, sizeof pv);
  verify_get_t vg = {l, t};
  while (!(rc = mdb_cursor_get(c, &k, &v, op))) {
    op = MDB_NEXT;
    pod_account_t a;
    if (k.mv_size != 32 || acct_from_val(&a, &v, 0)) {
      r.index_errors++;
      continue;
    }
    r.accounts++;
    r.total_lamports += a.lamports;
    if (a.lamports == 0) r.index_errors++;
    uint8_t ok[72];
    memcpy(ok, a.owner.b, 32);
    lg_wr64be(ok + 32, a.data_sz);
    memcpy(ok + 40, k.mv_data, 32);
    MDB_val okv = {72, ok}, ev;
    if (mdb_get(t, l->db_owner, &okv, &ev)) r.index_errors++;
    if (!memcmp(a.owner.b, pod_program_id.b, 32)) {
      pod_pubkey_t key;
      memcpy(key.b, k.mv_data, 32);
      lg_pod_verify_account(&pv, &key, a.lamports, a.data, a.data_sz, verify_get, &vg);
    }
  }
  mdb_cursor_close(c);
  MDB_stat ms;
  if (!mdb_stat(t, l->db_owner, &ms)) owner_entries = ms.ms_entries;
  if (owner_entries != r.accounts) r.index_errors++;
  uint64_t txs = 0, sigs = 0;
  if (!mdb_stat(t, l->db_tx, &ms)) txs = ms.ms_entries;
  if (!mdb_stat(t, l->db_sig, &ms)) sigs = ms.ms_entries;
  if (txs != r.transactions || sigs != r.transactions) r.index_errors++;
  mdb_txn_abort(t);
  r.pod_accounts = pv.accounts;
  r.pod_errors = pv.errors;
  r.pod_unverified = pv.unverified;
  if (report) *report = r;
  if (rc != MDB_NOTFOUND) return lg_mdb_err(rc);
  return (r.total_lamports == r.expected_lamports && !r.index_errors && !r.pod_errors)
             ? POD_OK
             : POD_EPROGRAM;
}

int lg_rebuild_fields(pod_ledger *l, MDB_txn *t) {
  int rc = mdb_drop(t, l->db_field, 0);
  if (rc) return lg_mdb_err(rc);
  MDB_cursor *c;
  if ((rc = mdb_cursor_open(t, l->db_acct, &c))) return lg_mdb_err(rc);
  MDB_val k, v;
  int op = MDB_FIRST;
  while (!(rc = mdb_cursor_get(c, &k, &v, op))) {
    op = MDB_NEXT;
    pod_account_t a;
    pod_pubkey_t key;
    if (k.mv_size != 32 || acct_from_val(&a, &v, 0)) continue;
    memcpy(key.b, k.mv_data, 32);
    /* copy: puts into another database do not move this page, but be safe */
    uint8_t *d = NULL;
    if (a.data_sz && !(d = lg_alloc(a.data_sz))) {
      rc = ENOMEM;
      break;
    }
    if (d) memcpy(d, a.data, a.data_sz);
    int r = index_entries(l, t, &key, &a.owner, d, a.data_sz, 0);
    lg_free(d);
    if (r) {
      mdb_cursor_close(c);
      return r;
    }
  }
  mdb_cursor_close(c);
  return rc == MDB_NOTFOUND ? POD_OK : lg_mdb_err(rc);
}
