/* Ledger engine tests: real signed transactions through pod_ledger_process. */
#include "pod/ledger.h"
#include "pod/program.h"
#include "test/pod_test.h"

#include <lmdb.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SOL 1000000000ull
#define T0 1700000000

static char dir[64];
static pod_pubkey_t test_prog; /* a native test program, registered below */

static void kp(pod_keypair_t *k, pod_pubkey_t *pk, uint8_t seed_byte) {
  uint8_t s[32];
  memset(s, seed_byte, 32);
  pod_keypair_from_seed(k, s);
  pod_keypair_pubkey(pk, k);
}

static pod_ledger *open_ledger(void) {
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  pod_ledger_index_t ix[2] = {{test_prog, 0, 8}, {test_prog, 64, 40}};
  o.manual_clock = 1;
  o.genesis_time = T0;
  o.indexes = ix;
  o.index_cnt = 2;
  pod_ledger *l = NULL;
  int rc = pod_ledger_open(&l, dir, &o);
  CHECK_EQ(rc, POD_OK);
  return l;
}

static int has_log(const pod_ledger_result_t *r, const char *line) {
  for (size_t i = 0; i < r->log_cnt; i++)
    if (!strcmp(r->logs[i], line)) return 1;
  return 0;
}

static void dump_logs(const pod_ledger_result_t *r) {
  for (size_t i = 0; i < r->log_cnt; i++)
    fprintf(stderr, "  | %s\n", r->logs[i]);
}

static size_t build(pod_ledger *l, uint8_t *wire, const pod_instruction_t *ixs, size_t n,
                    const pod_keypair_t *const *signers, size_t ns) {
  uint8_t bh[32];
  size_t sz = 0;
  pod_ledger_latest_blockhash(l, bh, NULL);
  CHECK_EQ(pod_txn_build(wire, POD_TXN_MTU, &sz, ixs, n, bh, signers, ns), POD_OK);
  return sz;
}

static void ix_transfer(pod_instruction_t *ix, pod_account_meta_t m[2], uint8_t d[12],
                        const pod_pubkey_t *from, const pod_pubkey_t *to, uint64_t lamports) {
  m[0] = (pod_account_meta_t){*from, 1, 1};
  m[1] = (pod_account_meta_t){*to, 0, 1};
  d[0] = 2;
  d[1] = d[2] = d[3] = 0;
  for (int i = 0; i < 8; i++)
    d[4 + i] = (uint8_t)(lamports >> (8 * i));
  *ix = (pod_instruction_t){pod_system_program_id, m, 2, d, 12};
}

static int send1(pod_ledger *l, const pod_instruction_t *ixs, size_t n,
                 const pod_keypair_t *const *s, size_t ns, pod_ledger_result_t *r) {
  uint8_t wire[POD_TXN_MTU];
  size_t sz = build(l, wire, ixs, n, s, ns);
  return pod_ledger_process(l, wire, sz, r);
}

static void json_is(const pod_tx_error_t *e, const char *want) {
  char j[POD_TX_ERROR_TEXT_SZ];
  CHECK_EQ(pod_tx_error_json(j, sizeof j, NULL, e), POD_OK);
  CHECK_STR(j, want);
}

/* ---- the native test program ----
 * tag 0: write data[5..] at offset u32 data[1..5] into account 0
 * tag 1: create the PDA ["pda", payer] (accounts: payer, pda, system) with space u32 data[1..5]
 * tag 2: Custom(42); tag 3: panic; tag 4: return data "hey"; tag 5: log 300 lines
 * tag 6: now as a log line */
static int test_program(pod_exec_ctx *ctx, const pod_ix_view *ix, void *user) {
  (void)user;
  if (pod_exec_consume(ctx, 1000)) return 1;
  if (ix->data_sz < 1) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
  switch (ix->data[0]) {
  case 0: {
    if (ix->data_sz < 5) return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
    uint32_t off = (uint32_t)ix->data[1] | (uint32_t)ix->data[2] << 8;
    size_t len;
    uint8_t *d = pod_exec_data_mut(ctx, 0, &len);
    if (!d) return 1;
    if (off > len || ix->data_sz - 5 > len - off)
      return pod_exec_fail(ctx, POD_IXERR_ACCOUNT_DATA_TOO_SMALL, NULL);
    memcpy(d + off, ix->data + 5, ix->data_sz - 5);
    return 0;
  }
  case 1: {
    uint32_t space = (uint32_t)ix->data[1] | (uint32_t)ix->data[2] << 8;
    const pod_pubkey_t *payer = pod_exec_key(ctx, 0);
    if (!payer) return pod_exec_fail(ctx, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, NULL);
    pod_seed_t seeds[3] = {{"pda", 3}, {payer->b, 32}, {NULL, 1}};
    pod_pubkey_t pda;
    uint8_t bump;
    pod_pda_find(&pda, &bump, seeds, 2, pod_exec_program_id(ctx));
    seeds[2].data = &bump;
    pod_exec_log(ctx, "Instruction: CreatePda");
    pod_signer_seeds_t ss = {seeds, 3};
    return pod_exec_sys_create_account(ctx, 0, 1, pod_rent_exempt_min(space), space,
                                       pod_exec_program_id(ctx), &ss, 1);
  }
  case 2: pod_exec_log(ctx, "failing with %d", 42); return pod_exec_custom(ctx, 42);
  case 3:
    pod_exec_log_raw(ctx, "Program log: panicked at src/lib.rs:1:1:\nattempt to add with overflow");
    return pod_exec_fail(ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, "SBF program panicked");
  case 4: {
    const uint8_t *chunk[1] = {(const uint8_t *)"ev"};
    size_t lens[1] = {2};
    pod_exec_log_data(ctx, chunk, lens, 1);
    return pod_exec_set_return_data(ctx, (const uint8_t *)"hey", 3);
  }
  case 5:
    for (int i = 0; i < 300; i++)
      pod_exec_log(ctx, "line %03d of a long log output, padding padding", i);
    return 0;
  case 6: pod_exec_log(ctx, "now %lld", (long long)pod_exec_now(ctx)); return 0;
  default: return pod_exec_fail(ctx, POD_IXERR_INVALID_INSTRUCTION_DATA, NULL);
  }
}

typedef struct {
  size_t n;
  pod_pubkey_t keys[16];
} collect_t;
static int collect(void *u, const pod_pubkey_t *key, const pod_account_t *a) {
  collect_t *c = u;
  (void)a;
  if (c->n < 16) c->keys[c->n] = *key;
  c->n++;
  return 0;
}

/* Rewrites a ledger's transaction storage into the first layout ("tx": signature -> record; addr
 * values = signatures), as ledgers written before the seq-keyed layout have it. */
static void to_first_layout(const char *d) {
  MDB_env *env;
  MDB_txn *t;
  MDB_dbi txs, sig, addr, tx;
  CHECK_EQ(mdb_env_create(&env), 0);
  mdb_env_set_maxdbs(env, 12);
  mdb_env_set_mapsize(env, (size_t)1 << 32);
  CHECK_EQ(mdb_env_open(env, d, 0, 0600), 0);
  CHECK_EQ(mdb_txn_begin(env, NULL, 0, &t), 0);
  CHECK_EQ(mdb_dbi_open(t, "txs", 0, &txs), 0);
  CHECK_EQ(mdb_dbi_open(t, "sig", 0, &sig), 0);
  CHECK_EQ(mdb_dbi_open(t, "addr", 0, &addr), 0);
  CHECK_EQ(mdb_dbi_open(t, "tx", MDB_CREATE, &tx), 0);
  MDB_cursor *c;
  MDB_val k, v;
  CHECK_EQ(mdb_cursor_open(t, txs, &c), 0);
  size_t n = 0;
  for (int op = MDB_FIRST; !mdb_cursor_get(c, &k, &v, op); op = MDB_NEXT, n++) {
    MDB_val sk = {64, (uint8_t *)v.mv_data + 64 + 1}; /* the wire's first signature */
    CHECK_EQ(mdb_put(t, tx, &sk, &v, 0), 0);
  }
  mdb_cursor_close(c);
  CHECK(n > 0);
  static uint8_t keys[64][40], sigs[64][64];
  size_t na = 0;
  CHECK_EQ(mdb_cursor_open(t, addr, &c), 0);
  for (int op = MDB_FIRST; na < 64 && !mdb_cursor_get(c, &k, &v, op); op = MDB_NEXT, na++) {
    uint8_t seq[8];
    const uint8_t *kp = k.mv_data;
    memcpy(keys[na], kp, 40);
    uint64_t s = 0;
    for (int i = 0; i < 8; i++)
      s = s << 8 | kp[32 + i];
    s = ~s;
    for (int i = 0; i < 8; i++)
      seq[7 - i] = (uint8_t)(s >> (8 * i));
    MDB_val qk = {8, seq}, rv;
    CHECK_EQ(mdb_get(t, txs, &qk, &rv), 0);
    memcpy(sigs[na], (uint8_t *)rv.mv_data + 64 + 1, 64);
  }
  mdb_cursor_close(c);
  for (size_t i = 0; i < na; i++) {
    MDB_val ak = {40, keys[i]}, sv = {64, sigs[i]};
    CHECK_EQ(mdb_put(t, addr, &ak, &sv, 0), 0);
  }
  CHECK_EQ(mdb_drop(t, txs, 1), 0);
  CHECK_EQ(mdb_drop(t, sig, 1), 0);
  CHECK_EQ(mdb_txn_commit(t), 0);
  mdb_env_close(env);
}

/* A ledger of the first layout is converted when opened: statuses, transactions, signatures by
 * address and the invariants are as before. */
static void test_convert(const pod_keypair_t *ka, const pod_pubkey_t *a, const pod_pubkey_t *b) {
  char d[64], cmd[128];
  strcpy(d, "/tmp/podc-test-ledger-conv-XXXXXX");
  CHECK(mkdtemp(d) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = T0;
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, d, &o), POD_OK);
  pod_signature_t s1, s2;
  CHECK_EQ(pod_ledger_airdrop(l, &s1, NULL, a, SOL), POD_OK);
  const pod_keypair_t *sa[1] = {ka};
  pod_instruction_t ix;
  pod_account_meta_t m[2];
  uint8_t dd[12];
  pod_ledger_result_t r;
  ix_transfer(&ix, m, dd, a, b, SOL / 2);
  CHECK_EQ(send1(l, &ix, 1, sa, 1, &r), POD_OK);
  s2 = r.signature;
  pod_ledger_result_free(&r);
  pod_ledger_close(l);
  to_first_layout(d);
  l = NULL;
  CHECK_EQ(pod_ledger_open(&l, d, &o), POD_OK);
  if (!l) return;
  pod_ledger_report_t rep;
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.transactions, 2);
  CHECK_EQ(rep.index_errors, 0);
  pod_sig_status_t st;
  CHECK_EQ(pod_ledger_signature_status(l, &s1, &st), POD_OK);
  CHECK_EQ(pod_ledger_signature_status(l, &s2, &st), POD_OK);
  pod_ledger_tx_t *tx = NULL;
  CHECK_EQ(pod_ledger_get_transaction(l, &s2, &tx), POD_OK);
  if (tx) CHECK_EQ(tx->fee, 5000);
  pod_ledger_tx_free(tx);
  pod_sig_info_t si[4];
  size_t n = 0;
  CHECK_EQ(pod_ledger_signatures_for_address(l, a, NULL, si, 4, &n), POD_OK);
  CHECK_EQ(n, 2);
  CHECK(!memcmp(si[0].signature.b, s2.b, 64));
  CHECK(!memcmp(si[1].signature.b, s1.b, 64));
  CHECK_EQ(pod_ledger_signatures_for_address(l, a, &s2, si, 4, &n), POD_OK);
  CHECK_EQ(n, 1);
  CHECK(!memcmp(si[0].signature.b, s1.b, 64));
  /* new transactions go to the new layout and mix with the converted ones */
  ix_transfer(&ix, m, dd, a, b, 1000);
  CHECK_EQ(send1(l, &ix, 1, sa, 1, &r), POD_OK);
  pod_signature_t s3 = r.signature;
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ledger_signatures_for_address(l, a, NULL, si, 4, &n), POD_OK);
  CHECK_EQ(n, 3);
  CHECK(!memcmp(si[0].signature.b, s3.b, 64));
  CHECK(!memcmp(si[2].signature.b, s1.b, 64));
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  pod_ledger_close(l);
  snprintf(cmd, sizeof cmd, "rm -rf %s", d);
  CHECK_EQ(system(cmd), 0);
}

/* Performance samples: committed transactions (success or failure with the fee) per 60 s. */
static void test_perf(pod_ledger *l, const pod_keypair_t *ka, const pod_pubkey_t *a,
                      const pod_pubkey_t *b) {
  pod_perf_sample_t ps[800];
  size_t n = 99;
  CHECK_EQ(pod_ledger_perf_samples(NULL, ps, 1, &n), POD_EINVAL);
  CHECK_EQ(pod_ledger_perf_samples(l, NULL, 1, &n), POD_EINVAL);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 0, &n), POD_OK);
  CHECK_EQ(n, 0);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 10, &n), POD_OK);
  CHECK_EQ(n, 1); /* just opened: the current period only */
  CHECK_EQ(ps[0].num_transactions, 0);
  CHECK_EQ(ps[0].sample_period_secs, 1);
  uint64_t s0 = pod_ledger_slot(l);

  const pod_keypair_t *sa[1] = {ka};
  pod_instruction_t ix;
  pod_account_meta_t m[2];
  uint8_t d[12];
  pod_ledger_result_t r;
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, a, SOL), POD_OK);
  ix_transfer(&ix, m, d, a, b, 1000 * SOL); /* fails, fee charged: counts */
  CHECK_EQ(send1(l, &ix, 1, sa, 1, &r), POD_EPROGRAM);
  CHECK_EQ(r.committed, 1);
  pod_ledger_result_free(&r);
  uint8_t wire[POD_TXN_MTU]; /* a bad signature: rejected before the fee, not counted */
  ix_transfer(&ix, m, d, a, b, 1);
  size_t sz = build(l, wire, &ix, 1, sa, 1);
  wire[5] ^= 1;
  CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_EPROGRAM);
  CHECK_EQ(r.committed, 0);
  pod_ledger_result_free(&r);
  const uint8_t *ws[2];
  size_t szs[2];
  uint8_t w2[2][POD_TXN_MTU];
  pod_ledger_result_t rs[2];
  for (int i = 0; i < 2; i++) {
    ix_transfer(&ix, m, d, a, b, 1000000 + (uint64_t)i);
    szs[i] = build(l, w2[i], &ix, 1, sa, 1);
    ws[i] = w2[i];
  }
  CHECK_EQ(pod_ledger_process_batch(l, ws, szs, 2, rs, NULL), POD_OK);
  pod_ledger_result_free(&rs[0]);
  pod_ledger_result_free(&rs[1]);
  CHECK_EQ(pod_ledger_clock_advance(l, 30000), POD_OK);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 10, &n), POD_OK);
  CHECK_EQ(n, 1);
  CHECK_EQ(ps[0].num_transactions, 4);
  CHECK_EQ(ps[0].num_non_vote_transactions, 4);
  CHECK_EQ(ps[0].sample_period_secs, 30);
  CHECK_EQ(ps[0].num_slots, 75);
  CHECK_EQ(ps[0].slot, s0 + 75);

  /* the period ends: a completed sample, a new current one */
  CHECK_EQ(pod_ledger_clock_advance(l, 30000), POD_OK);
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, a, SOL), POD_OK);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 10, &n), POD_OK);
  CHECK_EQ(n, 2);
  CHECK_EQ(ps[0].num_transactions, 1);
  CHECK_EQ(ps[0].num_slots, 0);
  CHECK_EQ(ps[1].num_transactions, 4);
  CHECK_EQ(ps[1].num_slots, 150);
  CHECK_EQ(ps[1].slot, s0 + 150);
  CHECK_EQ(ps[1].sample_period_secs, 60);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 1, &n), POD_OK);
  CHECK_EQ(n, 1);

  /* idle periods give empty samples; at most 720 completed ones are kept */
  CHECK_EQ(pod_ledger_clock_advance(l, 3 * 60000), POD_OK);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 10, &n), POD_OK);
  CHECK_EQ(n, 5);
  CHECK_EQ(ps[0].num_transactions, 0);
  CHECK_EQ(ps[1].num_transactions, 0);
  CHECK_EQ(ps[3].num_transactions, 1);
  CHECK_EQ(ps[4].num_transactions, 4);
  CHECK_EQ(pod_ledger_clock_advance(l, 2000ull * 60000), POD_OK);
  CHECK_EQ(pod_ledger_perf_samples(l, ps, 800, &n), POD_OK);
  CHECK_EQ(n, POD_PERF_SAMPLES_MAX + 1);
  for (size_t i = 1; i < n; i++) {
    CHECK_EQ(ps[i].num_transactions, 0);
    CHECK_EQ(ps[i].num_slots, 150);
    if (ps[i].slot != ps[i - 1].slot - ps[i - 1].num_slots) {
      CHECK(!"samples not contiguous");
      break;
    }
  }
}

int main(void) {
  strcpy(dir, "/tmp/podc-test-ledger-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  memset(test_prog.b, 0x77, 32);

  pod_keypair_t ka, kb, kc, kd, kf, kg;
  pod_pubkey_t a, b, c, d, f, g;
  kp(&ka, &a, 1);
  kp(&kb, &b, 2);
  kp(&kc, &c, 3);
  kp(&kd, &d, 4);
  kp(&kf, &f, 6);
  kp(&kg, &g, 7);
  const pod_keypair_t *sa[1] = {&ka};

  pod_ledger *l = open_ledger();
  pod_ledger *l2 = NULL;
  CHECK_EQ(pod_ledger_open(&l2, dir, NULL), POD_EPERM); /* one handle per directory */
  CHECK_EQ(pod_ledger_register_program(l, &test_prog, test_program, NULL), POD_OK);
  CHECK_EQ(pod_ledger_now(l), T0);
  CHECK_EQ(pod_ledger_verify(l, NULL), POD_OK);

  /* airdrop then transfer */
  pod_signature_t asig;
  pod_tx_error_t terr;
  CHECK_EQ(pod_ledger_airdrop(l, &asig, &terr, &a, 10 * SOL), POD_OK);
  CHECK_EQ(pod_ledger_balance(l, &a), 10 * SOL);
  pod_sig_status_t st;
  CHECK_EQ(pod_ledger_signature_status(l, &asig, &st), POD_OK);
  CHECK_EQ(st.has_err, 0);
  CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &a, 1000 * SOL), POD_ELIMIT);
  CHECK_EQ(pod_ledger_airdrop(l, NULL, &terr, &c, 1), POD_EPROGRAM); /* rent */
  CHECK_EQ(terr.kind, POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT);

  pod_instruction_t ix[3];
  pod_account_meta_t m[3][3];
  uint8_t dd[3][64];
  pod_ledger_result_t r;
  ix_transfer(&ix[0], m[0], dd[0], &a, &b, SOL);
  CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
  CHECK_EQ(r.committed, 1);
  CHECK_EQ(r.fee, 5000);
  CHECK_EQ(r.log_cnt, 2);
  CHECK(has_log(&r, "Program 11111111111111111111111111111111 invoke [1]"));
  CHECK(has_log(&r, "Program 11111111111111111111111111111111 success"));
  CHECK_EQ(pod_ledger_balance(l, &a), 9 * SOL - 5000);
  CHECK_EQ(pod_ledger_balance(l, &b), SOL);
  pod_signature_t tsig = r.signature;
  pod_ledger_result_free(&r);
  pod_ledger_tx_t *tx = NULL;
  CHECK_EQ(pod_ledger_get_transaction(l, &tsig, &tx), POD_OK);
  if (tx) {
    CHECK_EQ(tx->account_cnt, 3);
    CHECK_EQ(tx->pre_balances[0], 10 * SOL);
    CHECK_EQ(tx->post_balances[0], 9 * SOL - 5000);
    CHECK_EQ(tx->post_balances[1], SOL);
    CHECK_EQ(tx->log_cnt, 2);
    CHECK_EQ(tx->fee, 5000);
    CHECK_EQ(tx->block_time, T0);
  }
  pod_ledger_tx_free(tx);
  pod_sig_info_t infos[8];
  size_t ni = 0;
  CHECK_EQ(pod_ledger_signatures_for_address(l, &a, NULL, infos, 8, &ni), POD_OK);
  CHECK_EQ(ni, 2);
  CHECK(!memcmp(infos[0].signature.b, tsig.b, 64)); /* newest first */
  CHECK(!memcmp(infos[1].signature.b, asig.b, 64));
  CHECK_EQ(pod_ledger_signatures_for_address(l, &a, &tsig, infos, 8, &ni), POD_OK);
  CHECK_EQ(ni, 1);
  CHECK(!memcmp(infos[0].signature.b, asig.b, 64));

  /* replay -> AlreadyProcessed (not committed, no fee) */
  {
    uint8_t wire[POD_TXN_MTU];
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, 1000);
    CHECK_EQ(pod_ledger_clock_advance(l, 400), POD_OK); /* new slot, new blockhash */
    size_t sz = build(l, wire, ix, 1, sa, 1);
    CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_OK); /* 1000 lamports to b: fine */
    pod_ledger_result_free(&r);
  }
  {
    uint8_t wire[POD_TXN_MTU];
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, 2 * SOL);
    size_t sz = build(l, wire, ix, 1, sa, 1);
    CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_OK);
    pod_ledger_result_free(&r);
    uint64_t bal = pod_ledger_balance(l, &a);
    CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_ALREADY_PROCESSED);
    CHECK_EQ(r.committed, 0);
    json_is(&r.err, "\"AlreadyProcessed\"");
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &a), bal);

    /* bad signature */
    wire[5] ^= 1;
    CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_SIGNATURE_FAILURE);
    pod_ledger_result_free(&r);
    /* malformed */
    CHECK_EQ(pod_ledger_process(l, wire, 10, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_SANITIZE_FAILURE);
    pod_ledger_result_free(&r);
  }

  /* stale blockhash: valid for 150 slots, not 151 */
  {
    uint8_t wire[POD_TXN_MTU], w2[POD_TXN_MTU];
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, 3 * SOL);
    size_t sz = build(l, wire, ix, 1, sa, 1);
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, 4 * SOL / 10);
    size_t sz2 = build(l, w2, ix, 1, sa, 1);
    CHECK_EQ(pod_ledger_clock_advance(l, 150 * 400), POD_OK);
    CHECK_EQ(pod_ledger_process(l, w2, sz2, &r), POD_OK);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_clock_advance(l, 400), POD_OK);
    CHECK_EQ(pod_ledger_process(l, wire, sz, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_BLOCKHASH_NOT_FOUND);
    json_is(&r.err, "\"BlockhashNotFound\"");
    pod_ledger_result_free(&r);
    /* simulate with replace_recent_blockhash runs it anyway, commits nothing */
    uint64_t bal = pod_ledger_balance(l, &b);
    pod_ledger_sim_opts_t so = {1, 1};
    CHECK_EQ(pod_ledger_simulate(l, wire, sz, &so, &r), POD_OK);
    CHECK_EQ(r.fee, 5000);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &b), bal);
  }

  /* fee charged on failure; Custom(1) with the System program's message */
  {
    uint64_t bal = pod_ledger_balance(l, &a);
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, 100 * SOL);
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    CHECK_EQ(r.committed, 1);
    json_is(&r.err, "{\"InstructionError\":[0,{\"Custom\":1}]}");
    char line[128];
    snprintf(line, sizeof line, "Transfer: insufficient lamports %llu, need %llu",
             (unsigned long long)(bal - 5000), 100 * SOL);
    CHECK(has_log(&r, line));
    CHECK(
        has_log(&r, "Program 11111111111111111111111111111111 failed: custom program error: 0x1"));
    char text[POD_TX_ERROR_TEXT_SZ];
    pod_tx_error_message(text, sizeof text, NULL, &r.err);
    CHECK_STR(text, "Error processing Instruction 0: custom program error: 0x1");
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &a), bal - 5000);
    CHECK_EQ(pod_ledger_signature_status(l, &r.signature, &st), POD_ENOTFOUND); /* zeroed */
  }

  /* atomicity: the first transfer is undone when the second fails */
  {
    ix_transfer(&ix[0], m[0], dd[0], &a, &c, SOL);
    ix_transfer(&ix[1], m[1], dd[1], &a, &b, 100 * SOL);
    CHECK_EQ(send1(l, ix, 2, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[1,{\"Custom\":1}]}");
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &c), 0);
  }

  /* fee payer checks */
  {
    const pod_keypair_t *sd[1] = {&kd};
    ix_transfer(&ix[0], m[0], dd[0], &d, &b, 1);
    CHECK_EQ(send1(l, ix, 1, sd, 1, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_ACCOUNT_NOT_FOUND);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &d, 890880), POD_OK);
    CHECK_EQ(send1(l, ix, 1, sd, 1, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT);
    json_is(&r.err, "{\"InsufficientFundsForRent\":{\"account_index\":0}}");
    CHECK_EQ(r.committed, 0);
    pod_ledger_result_free(&r);
    /* priority fee larger than the balance */
    uint8_t cu[9] = {3, 0, 0x10, 0xa5, 0xd4, 0xe8, 0, 0, 0}; /* 1e12 micro-lamports */
    pod_instruction_t two[2] = {{pod_compute_budget_program_id, NULL, 0, cu, 9}, ix[0]};
    CHECK_EQ(send1(l, two, 2, sd, 1, &r), POD_EPROGRAM);
    CHECK_EQ(r.err.kind, POD_TXERR_INSUFFICIENT_FUNDS_FOR_FEE);
    pod_ledger_result_free(&r);
    /* bad compute budget data */
    two[0].data_sz = 8;
    ix_transfer(&two[1], m[1], dd[1], &a, &b, 1);
    CHECK_EQ(send1(l, two, 2, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"InvalidInstructionData\"]}");
    pod_ledger_result_free(&r);
  }

  /* rent state at the end: leaving 1 lamport; paying a new account below the minimum */
  {
    uint64_t bal = pod_ledger_balance(l, &a);
    ix_transfer(&ix[0], m[0], dd[0], &a, &b, bal - 5000 - 1);
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InsufficientFundsForRent\":{\"account_index\":0}}");
    CHECK_EQ(r.committed, 1);
    pod_ledger_result_free(&r);
    ix_transfer(&ix[0], m[0], dd[0], &a, &c, 1000);
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InsufficientFundsForRent\":{\"account_index\":1}}");
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &a), bal - 10000);
  }

  /* create_account, twice */
  char fb58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(fb58, &f);
  {
    const pod_keypair_t *s2[2] = {&ka, &kf};
    uint8_t *x = dd[0];
    memset(x, 0, 52);
    uint64_t lam = pod_rent_exempt_min(64), space = 64;
    for (int i = 0; i < 8; i++)
      x[4 + i] = (uint8_t)(lam >> (8 * i)), x[12 + i] = (uint8_t)(space >> (8 * i));
    memcpy(x + 20, test_prog.b, 32);
    m[0][0] = (pod_account_meta_t){a, 1, 1};
    m[0][1] = (pod_account_meta_t){f, 1, 1};
    ix[0] = (pod_instruction_t){pod_system_program_id, m[0], 2, x, 52};
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_OK);
    pod_ledger_result_free(&r);
    pod_account_t acc;
    CHECK_EQ(pod_ledger_get_account(l, &f, &acc), POD_OK);
    CHECK_EQ(acc.data_sz, 64);
    CHECK_EQ(acc.lamports, lam);
    CHECK(!memcmp(acc.owner.b, test_prog.b, 32));
    pod_ledger_account_free(&acc);
    CHECK_EQ(pod_ledger_clock_advance(l, 400), POD_OK);
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,{\"Custom\":0}]}");
    char line[160];
    snprintf(line, sizeof line,
             "Create Account: account Address { address: %s, base: None } already in use", fb58);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    /* Allocate on the program-owned account: the Allocate line */
    x[0] = 8;
    m[0][0] = (pod_account_meta_t){f, 1, 1};
    ix[0] = (pod_instruction_t){pod_system_program_id, m[0], 1, x, 12};
    const pod_keypair_t *s3[2] = {&ka, &kf};
    pod_instruction_t two[2];
    ix_transfer(&two[0], m[1], dd[1], &a, &b, 1);
    two[0].data_sz = 12;
    dd[1][4] = 0; /* 0 lamports: a no-op transfer so that a pays */
    two[1] = ix[0];
    CHECK_EQ(send1(l, two, 2, s3, 2, &r), POD_EPROGRAM);
    snprintf(line, sizeof line,
             "Allocate: account Address { address: %s, base: None } already in use", fb58);
    CHECK(has_log(&r, line));
    json_is(&r.err, "{\"InstructionError\":[1,{\"Custom\":0}]}");
    pod_ledger_result_free(&r);
  }

  /* allocate / assign / transfer from an account with data */
  {
    CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &g, SOL), POD_OK);
    uint8_t x[36] = {8, 0, 0, 0, 50};
    m[0][0] = (pod_account_meta_t){g, 1, 1};
    ix[0] = (pod_instruction_t){pod_system_program_id, m[0], 1, x, 12};
    const pod_keypair_t *s2[2] = {&ka, &kg};
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_OK);
    pod_ledger_result_free(&r);
    pod_account_t acc;
    CHECK_EQ(pod_ledger_get_account(l, &g, &acc), POD_OK);
    CHECK_EQ(acc.data_sz, 50);
    pod_ledger_account_free(&acc);
    ix_transfer(&ix[0], m[0], dd[0], &g, &b, 1000);
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_EPROGRAM);
    CHECK(has_log(&r, "Transfer: `from` must not carry data"));
    json_is(&r.err, "{\"InstructionError\":[0,\"InvalidArgument\"]}");
    pod_ledger_result_free(&r);
    /* assign without the account's signature */
    x[0] = 1;
    memcpy(x + 4, test_prog.b, 32);
    m[0][0] = (pod_account_meta_t){g, 0, 1};
    ix[0] = (pod_instruction_t){pod_system_program_id, m[0], 1, x, 36};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"MissingRequiredSignature\"]}");
    pod_ledger_result_free(&r);
    m[0][0] = (pod_account_meta_t){g, 1, 1};
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_OK);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_get_account(l, &g, &acc), POD_OK);
    CHECK(!memcmp(acc.owner.b, test_prog.b, 32));
    pod_ledger_account_free(&acc);
  }

  /* the native program: data writes, CPI with PDA signing, errors, logs */
  pod_pubkey_t pda;
  {
    pod_seed_t seeds[2] = {{"pda", 3}, {a.b, 32}};
    pod_pda_find(&pda, NULL, seeds, 2, &test_prog);
    uint8_t x[8] = {1, 64, 0};
    m[0][0] = (pod_account_meta_t){a, 1, 1};
    m[0][1] = (pod_account_meta_t){pda, 0, 1};
    m[0][2] = (pod_account_meta_t){pod_system_program_id, 0, 0};
    ix[0] = (pod_instruction_t){test_prog, m[0], 3, x, 3};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
    char tp[POD_PUBKEY_B58_SZ], line[160];
    pod_pubkey_to_base58(tp, &test_prog);
    snprintf(line, sizeof line, "Program %s invoke [1]", tp);
    CHECK(r.log_cnt == 6 && !strcmp(r.logs[0], line));
    CHECK(has_log(&r, "Program 11111111111111111111111111111111 invoke [2]"));
    snprintf(line, sizeof line, "Program %s consumed 2150 of 200000 compute units", tp);
    CHECK(has_log(&r, line));
    if (r.log_cnt != 6) dump_logs(&r);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_balance(l, &pda), pod_rent_exempt_min(64));
    /* again: the System program's Custom(0) seen through the CPI */
    CHECK_EQ(pod_ledger_clock_advance(l, 400), POD_OK);
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,{\"Custom\":0}]}");
    snprintf(line, sizeof line, "Program %s failed: custom program error: 0x0", tp);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    /* payer passed read-only: PrivilegeEscalation */
    pod_keypair_t kh;
    pod_pubkey_t h, pdh;
    kp(&kh, &h, 8);
    CHECK_EQ(pod_ledger_airdrop(l, NULL, NULL, &h, SOL), POD_OK);
    pod_seed_t sh[2] = {{"pda", 3}, {h.b, 32}};
    pod_pda_find(&pdh, NULL, sh, 2, &test_prog);
    m[0][0] = (pod_account_meta_t){h, 1, 0};
    m[0][1] = (pod_account_meta_t){pdh, 0, 1};
    const pod_keypair_t *s2[2] = {&ka, &kh};
    CHECK_EQ(send1(l, ix, 1, s2, 2, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"PrivilegeEscalation\"]}");
    char hb[POD_PUBKEY_B58_SZ];
    snprintf(line, sizeof line, "%s's writable privilege escalated", pod_pubkey_to_base58(hb, &h));
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);

    /* write into f (owned by the test program), then query through the index */
    uint8_t w[40] = {0, 8, 0, 0, 0};
    memset(w + 5, 0xab, 32);
    m[1][0] = (pod_account_meta_t){f, 0, 1};
    ix[0] = (pod_instruction_t){test_prog, m[1], 1, w, 37};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
    pod_ledger_result_free(&r);
    /* read-only: ReadonlyDataModified */
    m[1][0] = (pod_account_meta_t){f, 0, 0};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"ReadonlyDataModified\"]}");
    pod_ledger_result_free(&r);
    /* not owned: ExternalAccountDataModified */
    m[1][0] = (pod_account_meta_t){b, 0, 1};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"ExternalAccountDataModified\"]}");
    pod_ledger_result_free(&r);

    pod_memcmp_t mc = {8, w + 5, 32};
    pod_account_filter_t flt = {1, 64, &mc, 1};
    collect_t col = {0, {{{0}}}};
    pod_query_stats_t qs;
    CHECK_EQ(pod_ledger_get_accounts_by_owner(l, &test_prog, &flt, collect, &col, &qs), POD_OK);
    CHECK_EQ(col.n, 1);
    CHECK(!memcmp(col.keys[0].b, f.b, 32));
    CHECK_EQ(qs.index_used, 2);
    CHECK_EQ(qs.scanned, 1);
    col.n = 0;
    flt.memcmp_cnt = 0;
    CHECK_EQ(pod_ledger_get_accounts_by_owner(l, &test_prog, &flt, collect, &col, &qs), POD_OK);
    CHECK_EQ(col.n, 2); /* f and the PDA */
    CHECK_EQ(qs.index_used, 1);
    col.n = 0;
    CHECK_EQ(pod_ledger_get_accounts_by_owner(l, &test_prog, NULL, collect, &col, &qs), POD_OK);
    CHECK_EQ(col.n, 3); /* and g (50 bytes) */
    CHECK_EQ(qs.index_used, 0);
    uint8_t zero[32] = {0};
    mc.bytes = zero;
    flt.memcmp_cnt = 1;
    col.n = 0;
    CHECK_EQ(pod_ledger_get_accounts_by_owner(l, &test_prog, &flt, collect, &col, &qs), POD_OK);
    CHECK_EQ(col.n, 1); /* the PDA */
    CHECK_EQ(qs.scanned, 1);

    /* Custom(42), panic, return data, long logs, clock */
    uint8_t t2[1] = {2};
    ix[0] = (pod_instruction_t){test_prog, NULL, 0, t2, 1};
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,{\"Custom\":42}]}");
    CHECK(has_log(&r, "Program log: failing with 42"));
    snprintf(line, sizeof line, "Program %s failed: custom program error: 0x2a", tp);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    t2[0] = 3;
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_EPROGRAM);
    json_is(&r.err, "{\"InstructionError\":[0,\"ProgramFailedToComplete\"]}");
    snprintf(line, sizeof line, "Program %s failed: SBF program panicked", tp);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    t2[0] = 4;
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
    CHECK_EQ(r.return_data_sz, 3);
    CHECK(has_log(&r, "Program data: ZXY="));
    snprintf(line, sizeof line, "Program return: %s aGV5", tp);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    t2[0] = 5;
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
    CHECK(has_log(&r, "Log truncated"));
    CHECK(r.log_cnt < 250);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_clock_set(l, T0 + 3600), POD_OK);
    t2[0] = 6;
    CHECK_EQ(send1(l, ix, 1, sa, 1, &r), POD_OK);
    snprintf(line, sizeof line, "Program log: now %d", T0 + 3600);
    CHECK(has_log(&r, line));
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_clock_set(l, T0), POD_EINVAL); /* never backwards */
  }

  /* other error shapes */
  {
    pod_tx_error_t e = {POD_TXERR_DUPLICATE_INSTRUCTION, 2, 0, 0};
    json_is(&e, "{\"DuplicateInstruction\":2}");
  }

  pod_ledger_report_t rep;
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.total_lamports, rep.expected_lamports);
  uint64_t bal_a = pod_ledger_balance(l, &a), slot = pod_ledger_slot(l);
  pod_ledger_close(l);

  /* reopen: state, transactions and the clock are there */
  l = open_ledger();
  CHECK_EQ(pod_ledger_balance(l, &a), bal_a);
  CHECK(pod_ledger_slot(l) >= slot);
  CHECK_EQ(pod_ledger_now(l), T0 + 3600);
  CHECK_EQ(pod_ledger_signature_status(l, &tsig, &st), POD_OK);
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.index_errors, 0);
  test_perf(l, &ka, &a, &b);
  test_convert(&ka, &a, &b);
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  pod_ledger_close(l);
  pod_ledger_close(NULL);

  /* reopen with the default (PoD) index list: the field index is rebuilt */
  l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, NULL), POD_OK);
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  pod_ledger_close(l);

  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
