/* The ledger engine: System transfers through pod_ledger_process, one thread, signature
 * verification on, and the per-transaction cost split into verify / execute / commit.
 *
 *   ledger.process        pod_ledger_process end to end (POD_DURABILITY_PROCESS)
 *   ledger.verify         pod_txn_parse + pod_txn_verify of the same transactions
 *   ledger.execute        pod_ledger_simulate without signature verification (load + execute)
 *   commit (derived)      process - verify - execute
 *   ledger.process.full   POD_DURABILITY_FULL, one thread (one fsync per transaction)
 *   ledger.process.full4  POD_DURABILITY_FULL, 4 threads (group commit shares fsyncs)
 *
 * Usage: bench_ledger [N] (default 20000 transactions). The ledger lives in $TMPDIR or /tmp. */
#include "bench_util.h"
#include "pod/ledger.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  uint8_t w[400];
  size_t sz;
} wire_t;

static wire_t *make_txs(pod_ledger *l, const pod_keypair_t *k, size_t n, uint64_t base) {
  wire_t *v = calloc(n, sizeof *v);
  pod_pubkey_t a, b;
  pod_keypair_pubkey(&a, k);
  memset(b.b, 0x42, 32);
  uint8_t bh[32];
  pod_ledger_latest_blockhash(l, bh, NULL);
  const pod_keypair_t *s[1] = {k};
  for (size_t i = 0; v && i < n; i++) {
    uint8_t d[12] = {2, 0, 0, 0};
    uint64_t lam = base + i;
    for (int j = 0; j < 8; j++)
      d[4 + j] = (uint8_t)(lam >> (8 * j));
    pod_account_meta_t m[2] = {{a, 1, 1}, {b, 0, 1}};
    pod_instruction_t ix = {pod_system_program_id, m, 2, d, 12};
    pod_txn_build(v[i].w, sizeof v[i].w, &v[i].sz, &ix, 1, bh, s, 1);
  }
  return v;
}

static pod_ledger *fresh(const char *dir, int durability) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) return NULL;
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.durability = durability;
  o.manual_clock = 1; /* the blockhash stays valid for the whole run */
  pod_ledger *l = NULL;
  return pod_ledger_open(&l, dir, &o) == POD_OK ? l : NULL;
}

typedef struct {
  pod_ledger *l;
  wire_t *tx;
  size_t n;
  size_t fails;
} worker_t;

static void *worker(void *p) {
  worker_t *w = p;
  for (size_t i = 0; i < w->n; i++) {
    pod_ledger_result_t r;
    if (pod_ledger_process(w->l, w->tx[i].w, w->tx[i].sz, &r) != POD_OK) w->fails++;
    pod_ledger_result_free(&r);
  }
  return NULL;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[1]) : 20000;
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  char dir[256];
  snprintf(dir, sizeof dir, "%s/podc-bench-ledger", tmp);
  uint64_t *samples = calloc(n, sizeof *samples);
  pod_keypair_t k;
  pod_pubkey_t a;
  pod_keypair_generate(&k);
  pod_keypair_pubkey(&a, &k);
  bench_header();

  /* ---- process mode: end to end, then the split ---- */
  pod_ledger *l = fresh(dir, POD_DURABILITY_PROCESS);
  if (!l || !samples) return 1;
  pod_ledger_airdrop(l, NULL, NULL, &a, 100000000000ull);
  wire_t *tx = make_txs(l, &k, n, 1000000);
  if (!tx) return 1;
  /* execute: simulate (load + run, read transaction, no commit) */
  bench_stats_t st_exec, st_ver, st_proc;
  pod_ledger_sim_opts_t so = {0, 0};
  for (size_t i = 0; i < n; i++) {
    pod_ledger_result_t r;
    uint64_t t0 = bench_now_ns();
    pod_ledger_simulate(l, tx[i].w, tx[i].sz, &so, &r);
    samples[i] = bench_now_ns() - t0;
    pod_ledger_result_free(&r);
  }
  bench_stats(&st_exec, samples, n);
  bench_report("ledger.execute (simulate, no sigverify)", &st_exec);
  for (size_t i = 0; i < n; i++) {
    pod_txn_t t;
    uint64_t t0 = bench_now_ns();
    if (pod_txn_parse(&t, tx[i].w, tx[i].sz) == POD_OK)
      bench_sink(&t, pod_txn_verify(&t, tx[i].w) ? 1 : 0);
    samples[i] = bench_now_ns() - t0;
  }
  bench_stats(&st_ver, samples, n);
  bench_report("ledger.verify (parse + ed25519)", &st_ver);
  size_t fails = 0;
  uint64_t t_all = bench_now_ns();
  for (size_t i = 0; i < n; i++) {
    pod_ledger_result_t r;
    uint64_t t0 = bench_now_ns();
    if (pod_ledger_process(l, tx[i].w, tx[i].sz, &r) != POD_OK) fails++;
    samples[i] = bench_now_ns() - t0;
    pod_ledger_result_free(&r);
  }
  t_all = bench_now_ns() - t_all;
  bench_stats(&st_proc, samples, n);
  bench_report("ledger.process (durability=process)", &st_proc);
  printf("  split per transaction (means): verify %.1f us, execute %.1f us, commit %.1f us; "
         "%.0f tx/s; %zu failed\n",
         st_ver.mean_ns / 1e3, st_exec.mean_ns / 1e3,
         (st_proc.mean_ns - st_ver.mean_ns - st_exec.mean_ns) / 1e3, n * 1e9 / (double)t_all,
         fails);
  pod_ledger_report_t rep;
  if (pod_ledger_verify(l, &rep) != POD_OK) printf("  VERIFY FAILED\n");
  pod_ledger_close(l);
  free(tx);

  /* ---- full durability: one thread, then 4 threads sharing syncs ---- */
  size_t nf = n / 10 ? n / 10 : 1;
  l = fresh(dir, POD_DURABILITY_FULL);
  if (!l) return 1;
  pod_ledger_airdrop(l, NULL, NULL, &a, 100000000000ull);
  tx = make_txs(l, &k, nf, 2000000);
  for (size_t i = 0; i < nf; i++) {
    pod_ledger_result_t r;
    uint64_t t0 = bench_now_ns();
    pod_ledger_process(l, tx[i].w, tx[i].sz, &r);
    samples[i] = bench_now_ns() - t0;
    pod_ledger_result_free(&r);
  }
  bench_stats(&st_proc, samples, nf);
  bench_report("ledger.process (durability=full, 1 thread)", &st_proc);
  free(tx);

  enum { TH = 4 };
  pod_keypair_t kk[TH];
  worker_t w[TH];
  pthread_t th[TH];
  for (int i = 0; i < TH; i++) {
    pod_pubkey_t pk;
    pod_keypair_generate(&kk[i]);
    pod_keypair_pubkey(&pk, &kk[i]);
    pod_ledger_airdrop(l, NULL, NULL, &pk, 100000000000ull);
    w[i] = (worker_t){l, make_txs(l, &kk[i], nf, 3000000), nf, 0};
  }
  uint64_t t0 = bench_now_ns();
  for (int i = 0; i < TH; i++)
    pthread_create(&th[i], NULL, worker, &w[i]);
  for (int i = 0; i < TH; i++)
    pthread_join(th[i], NULL);
  double el = (double)(bench_now_ns() - t0);
  size_t f4 = 0;
  for (int i = 0; i < TH; i++) {
    f4 += w[i].fails;
    free(w[i].tx);
  }
  printf("  ledger.process (durability=full, %d threads, group commit): %.0f tx/s, %zu failed\n",
         TH, TH * nf * 1e9 / el, f4);
  if (pod_ledger_verify(l, &rep) != POD_OK) printf("  VERIFY FAILED\n");
  pod_ledger_close(l);
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) return 1;
  free(samples);
  return 0;
}
