/* The PoD program in the ledger engine: register_agent transactions executed in-process with
 * signature verification, one thread, POD_DURABILITY_PROCESS, at several ledger sizes.
 *
 * For each size S (agents already registered in the ledger): M fresh, funded wallets each send
 * one register_agent; per transaction
 *   pod.verify     pod_txn_parse + pod_txn_verify (ed25519)
 *   pod.execute    pod_ledger_simulate without signature verification (load + run the program)
 *   pod.process    pod_ledger_process end to end (verify + execute + commit, one LMDB write
 *                  transaction each)
 *   commit         derived: process - verify - execute (medians)
 *   pod.batchB     pod_ledger_process_batch with B transactions per call (one LMDB write
 *                  transaction per batch), time per transaction
 * and the throughput of each path on one thread; then, on a small ledger in
 * POD_DURABILITY_FULL (an fsync per commit), one transaction per call against batches of 64.
 *
 * Usage: bench_ledger_pod [-n M] [--1m | --only-1m] [--keep] [--no-verify] [--any-size-indexes]
 *                         [--sizes 1000,100000] [--no-full] [--fault-cost]
 *   M = 4000 by default; --1m adds the 1 000 000-agent ledger (minutes to fill), --only-1m runs it
 *   alone; --keep keeps each filled ledger ($TMPDIR or /tmp/podc-bench-ledger-pod-<agents>) and
 *   reuses it next time (otherwise ledgers are removed); --no-verify skips pod_ledger_verify at
 *   the end of each size (it re-derives every PDA: seconds per million accounts). */
#define _DEFAULT_SOURCE /* sync() */
#include "bench_util.h"
#include "pod/accounts.h"
#include "pod/ledger.h"
#include "pod/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* CPU time of this thread in ns (user + system: page faults included; time spent waiting for a
 * core on a shared machine excluded). */
static uint64_t cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Page faults (minor + major) of this process so far. */
static uint64_t faults(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return (uint64_t)ru.ru_minflt + (uint64_t)ru.ru_majflt;
}

#define FEE 5000ull
#define PER_WALLET (POD_AGENT_RENT + FEE) /* each register ends with the wallet at 0 */
#define FUND_PER_TX 20                    /* transfers per funding transaction */
#define URI "https://example.com/agents/0000000000.json"

typedef struct {
  uint8_t w[400];
  size_t sz;
} wire_t;

static void wallet(pod_keypair_t *k, pod_pubkey_t *pk, uint64_t i) {
  uint8_t seed[32];
  memset(seed, 0x5a, sizeof seed);
  for (int j = 0; j < 8; j++)
    seed[j] = (uint8_t)(i >> (8 * j));
  pod_keypair_from_seed(k, seed);
  pod_keypair_pubkey(pk, k);
}

static int build_register(pod_ledger *l, wire_t *w, uint64_t i) {
  pod_keypair_t k;
  pod_pubkey_t pk;
  wallet(&k, &pk, i);
  char uri[64];
  snprintf(uri, sizeof uri, "https://example.com/agents/%010llu.json", (unsigned long long)i);
  pod_ix_register_agent_args_t a = {1, {uri, strlen(uri)}};
  pod_ix_t ix;
  if (pod_ix_register_agent(&ix, &pk, &a) != POD_OK) return -1;
  uint8_t bh[32];
  pod_ledger_latest_blockhash(l, bh, NULL);
  const pod_keypair_t *s[1] = {&k};
  int rc = pod_txn_build(w->w, sizeof w->w, &w->sz, &ix.ix, 1, bh, s, 1);
  pod_keypair_wipe(&k);
  return rc;
}

/* Funds wallets [from, to) with PER_WALLET each, FUND_PER_TX transfers per transaction. */
static int fund(pod_ledger *l, const pod_keypair_t *funder, uint64_t from, uint64_t to) {
  pod_pubkey_t fpk;
  pod_keypair_pubkey(&fpk, funder);
  uint8_t bh[32];
  pod_ledger_latest_blockhash(l, bh, NULL);
  const pod_keypair_t *s[1] = {funder};
  for (uint64_t i = from; i < to; i += FUND_PER_TX) {
    pod_instruction_t ix[FUND_PER_TX];
    pod_account_meta_t m[FUND_PER_TX][2];
    uint8_t d[FUND_PER_TX][12];
    size_t n = 0;
    for (uint64_t j = i; j < to && n < FUND_PER_TX; j++, n++) {
      pod_keypair_t k;
      pod_pubkey_t pk;
      wallet(&k, &pk, j);
      m[n][0] = (pod_account_meta_t){fpk, 1, 1};
      m[n][1] = (pod_account_meta_t){pk, 0, 1};
      uint64_t lam = PER_WALLET;
      d[n][0] = 2;
      d[n][1] = d[n][2] = d[n][3] = 0;
      for (int b = 0; b < 8; b++)
        d[n][4 + b] = (uint8_t)(lam >> (8 * b));
      ix[n] = (pod_instruction_t){pod_system_program_id, m[n], 2, d[n], 12};
    }
    uint8_t wire[POD_TXN_MTU];
    size_t sz;
    if (pod_txn_build(wire, sizeof wire, &sz, ix, n, bh, s, 1) != POD_OK) return -1;
    pod_ledger_result_t r;
    int rc = pod_ledger_process(l, wire, sz, &r);
    pod_ledger_result_free(&r);
    if (rc != POD_OK) return -1;
  }
  return 0;
}

/* Registers wallets [from, to) in batches (the fast way to fill a ledger). */
static int populate(pod_ledger *l, uint64_t from, uint64_t to) {
  enum { B = 256 };
  static wire_t w[B];
  const uint8_t *wp[B];
  size_t sz[B];
  static pod_ledger_result_t r[B];
  for (uint64_t i = from; i < to; i += B) {
    size_t n = 0;
    for (uint64_t j = i; j < to && n < B; j++, n++) {
      if (build_register(l, &w[n], j)) return -1;
      wp[n] = w[n].w;
      sz[n] = w[n].sz;
    }
    int rc = pod_ledger_process_batch(l, wp, sz, n, r, NULL);
    int bad = 0;
    for (size_t k = 0; k < n; k++) {
      bad |= r[k].has_err;
      pod_ledger_result_free(&r[k]);
    }
    if (rc != POD_OK || bad) return -1;
  }
  return 0;
}

/* --any-size-indexes: the field indexes before per-type ones (offsets 8, 40, 72 of every PoD
 * account whatever its size), to measure what they cost. */
static int any_size_idx;
static pod_ledger_index_t any_idx[3];

static void set_indexes(pod_ledger_opts_t *o) {
  if (!any_size_idx) return;
  static const uint32_t offs[3] = {8, 40, 72};
  for (int i = 0; i < 3; i++)
    any_idx[i] = (pod_ledger_index_t){pod_program_id, 0, offs[i]};
  o->indexes = any_idx;
  o->index_cnt = 3;
}

static pod_ledger *fresh(const char *dir, uint64_t map_size) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) return NULL;
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1; /* the blockhash stays valid for the whole run */
  o.faucet_cap = 0;
  o.map_size = map_size;
  set_indexes(&o);
  pod_ledger *l = NULL;
  return pod_ledger_open(&l, dir, &o) == POD_OK ? l : NULL;
}

static void remove_dir(const char *dir) {
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static pod_ledger *open_existing(const char *dir, uint64_t map_size) {
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.faucet_cap = 0;
  o.map_size = map_size;
  set_indexes(&o);
  pod_ledger *l = NULL;
  return pod_ledger_open(&l, dir, &o) == POD_OK ? l : NULL;
}

/* With --keep, a filled ledger stays in its directory with the next unused wallet index in
 * DIR/next, and later runs reuse it (filling 1 000 000 agents takes many minutes). */
static uint64_t read_next(const char *dir) {
  char p[600];
  snprintf(p, sizeof p, "%s/next", dir);
  FILE *f = fopen(p, "r");
  unsigned long long v = 0;
  if (f) {
    if (fscanf(f, "%llu", &v) != 1) v = 0;
    fclose(f);
  }
  return v;
}

static void write_next(const char *dir, uint64_t v) {
  char p[600];
  snprintf(p, sizeof p, "%s/next", dir);
  FILE *f = fopen(p, "w");
  if (f) {
    fprintf(f, "%llu\n", (unsigned long long)v);
    fclose(f);
  }
}

/* --fault-cost: what a page fault costs on this machine for a shared file mapping like LMDB's
 * MDB_WRITEMAP: the first write to each page of a new sparse file (the kernel allocates a page
 * cache page), the first write after the pages were written back (clean pages are write-protected:
 * the kernel marks them dirty again), and a write to an already dirty mapped page (no fault). */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14 */
#endif

static int fault_cost(const char *base) {
  enum { PAGES = 65536 }; /* 256 MiB */
  char path[320];
  snprintf(path, sizeof path, "%s-faults", base);
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ftruncate(fd, (off_t)PAGES * 4096) != 0) return 1;
  volatile uint8_t *p = mmap(NULL, (size_t)PAGES * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) return 1;
  madvise((void *)p, (size_t)PAGES * 4096, MADV_RANDOM); /* as MDB_NORDAHEAD */
  /* a random page order, as B-tree pages are touched */
  uint32_t *ord = malloc(PAGES * sizeof *ord);
  if (!ord) return 1;
  for (uint32_t i = 0; i < PAGES; i++)
    ord[i] = i;
  uint64_t x = 88172645463325252ull;
  for (uint32_t i = PAGES - 1; i > 0; i--) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    uint32_t j = (uint32_t)(x % (i + 1)), t = ord[i];
    ord[i] = ord[j];
    ord[j] = t;
  }
  const char *what[3] = {"first write to a new page", "write to a written-back (clean) page",
                         "write to a dirty page (no fault)"};
  for (int round = 0; round < 3; round++) {
    if (round == 1) { /* cleans the pages: the next writes fault again */
      fsync(fd);
      sleep(2);
    }
    uint64_t f0 = faults(), t0 = bench_now_ns();
    for (uint32_t i = 0; i < PAGES; i++)
      p[(size_t)ord[i] * 4096 + (round & 1) * 8] = (uint8_t)(i + 1);
    double us = (double)(bench_now_ns() - t0) / 1e3 / PAGES;
    printf("  page faults: %s: %.2f us per page, %.2f faults per page\n", what[round], us,
           (double)(faults() - f0) / PAGES);
  }
  /* The alternatives to a write fault on a clean page (LEDGER.md, "Where the page faults come
   * from"): writing the page with pwrite (LMDB without MDB_WRITEMAP), or prefaulting it writable
   * with madvise first, one page at a time or a whole range. Each starts from clean pages. */
  enum { Q = PAGES / 4 };
  uint8_t page[4096];
  for (int alt = 0; alt < 3; alt++) {
    fsync(fd);
    sleep(2);
    uint64_t f0 = faults(), t0 = bench_now_ns(), t1 = t0;
    const uint32_t *o = ord + (size_t)alt * Q;
    if (alt == 0) {
      for (uint32_t i = 0; i < Q; i++) {
        memcpy(page, (const void *)(p + (size_t)o[i] * 4096), sizeof page);
        if (pwrite(fd, page, sizeof page, (off_t)o[i] * 4096) != (ssize_t)sizeof page) return 1;
      }
    } else {
      if (alt == 1) {
        for (uint32_t i = 0; i < Q; i++)
          if (madvise((void *)(p + (size_t)o[i] * 4096), 4096, MADV_POPULATE_WRITE) != 0) break;
      } else { /* the range the rows of this round fall in, at once */
        if (madvise((void *)p, (size_t)PAGES * 4096, MADV_POPULATE_WRITE) != 0) {
          printf("  page faults: MADV_POPULATE_WRITE not supported here\n");
          break;
        }
      }
      t1 = bench_now_ns();
      for (uint32_t i = 0; i < Q; i++)
        p[(size_t)o[i] * 4096 + 16] = (uint8_t)(i + 2);
    }
    double us = (double)(bench_now_ns() - t0) / 1e3 / (alt == 2 ? PAGES : Q);
    static const char *const alt_what[3] = {
        "pwrite of 4 KiB into a clean page (no map write)",
        "madvise(MADV_POPULATE_WRITE) of one clean page, then the write",
        "madvise(MADV_POPULATE_WRITE) of the whole file, then the writes (per page of the file)"};
    printf("  page faults: %s: %.2f us per page (of it the writes %.2f us), %.2f faults per page\n",
           alt_what[alt], us, alt ? (double)(bench_now_ns() - t1) / 1e3 / Q : 0.0,
           (double)(faults() - f0) / (alt == 2 ? PAGES : Q));
  }
  uint64_t s0 = bench_now_ns();
  for (int i = 0; i < 100000; i++)
    (void)getppid();
  printf("  system call (getppid): %.2f us\n", (double)(bench_now_ns() - s0) / 1e3 / 100000);
  munmap((void *)p, (size_t)PAGES * 4096);
  close(fd);
  unlink(path);
  free(ord);
  return 0;
}

static int keep, no_verify, no_full;
static const char *only_sizes; /* --sizes: a comma-separated list instead of the default ones */

static int run_size(const char *base, uint64_t agents, size_t m) {
  static const size_t batches[] = {16, 64, 256};
  const size_t nb = sizeof batches / sizeof batches[0];
  char dir[320];
  snprintf(dir, sizeof dir, "%s-%llu", base, (unsigned long long)agents);
  uint64_t map = (uint64_t)1 << 32;
  if (agents > 200000) map = (uint64_t)1 << 35;
  pod_keypair_t funder;
  pod_pubkey_t fpk;
  uint8_t fs[32];
  memset(fs, 0xf0, sizeof fs);
  pod_keypair_from_seed(&funder, fs);
  pod_keypair_pubkey(&fpk, &funder);
  uint64_t next = keep ? read_next(dir) : 0;
  double fill_s = 0;
  pod_ledger *l;
  if (next < agents) { /* fill a fresh ledger */
    l = fresh(dir, map);
    if (!l) return 1;
    uint64_t t0 = bench_now_ns();
    if (pod_ledger_airdrop(l, NULL, NULL, &fpk,
                           agents * PER_WALLET + (agents / FUND_PER_TX + 2) * FEE +
                               POD_WALLET_RENT) != POD_OK ||
        fund(l, &funder, 0, agents) || populate(l, 0, agents)) {
      fprintf(stderr, "populating the ledger failed\n");
      pod_ledger_close(l);
      return 1;
    }
    fill_s = (double)(bench_now_ns() - t0) / 1e9;
    next = agents;
    if (keep) write_next(dir, next);
    /* the measurements below start from a ledger at rest, not while the kernel is still writing
     * back the gigabytes the fill dirtied; the process keeps its mapping (a long-running ledger) */
    sync();
  } else { /* a fresh process on an existing ledger: every page it touches is a first touch */
    l = open_existing(dir, map);
    if (!l) return 1;
  }
  /* the wallets of this run: funded now */
  uint64_t total = m * (1 + nb);
  if (pod_ledger_airdrop(l, NULL, NULL, &fpk,
                         total * PER_WALLET + (total / FUND_PER_TX + 2) * FEE) != POD_OK ||
      fund(l, &funder, next, next + total)) {
    fprintf(stderr, "funding failed\n");
    pod_ledger_close(l);
    return 1;
  }
  uint64_t first = next;
  next += total;
  if (keep) write_next(dir, next);

  wire_t *tx = calloc(m, sizeof *tx);
  uint64_t *samples = calloc(m, sizeof *samples);
  if (!tx || !samples) return 1;
  for (size_t i = 0; i < m; i++)
    if (build_register(l, &tx[i], first + i)) return 1;

  char name[96];
  bench_stats_t st_ver, st_exec, st_proc;
  size_t fails = 0;
  /* verify */
  pod_txn_t *txn = malloc(sizeof *txn);
  for (size_t i = 0; i < m; i++) {
    uint64_t a = bench_now_ns();
    if (pod_txn_parse(txn, tx[i].w, tx[i].sz) != POD_OK || pod_txn_verify(txn, tx[i].w) != POD_OK)
      fails++;
    samples[i] = bench_now_ns() - a;
  }
  free(txn);
  bench_stats(&st_ver, samples, m);
  snprintf(name, sizeof name, "pod.verify @%llu agents", (unsigned long long)agents);
  bench_report(name, &st_ver);
  /* execute (simulate: load + run, nothing committed) */
  pod_ledger_sim_opts_t so = {0, 0};
  for (size_t i = 0; i < m; i++) {
    pod_ledger_result_t r;
    uint64_t a = bench_now_ns();
    if (pod_ledger_simulate(l, tx[i].w, tx[i].sz, &so, &r) != POD_OK) fails++;
    samples[i] = bench_now_ns() - a;
    pod_ledger_result_free(&r);
  }
  bench_stats(&st_exec, samples, m);
  snprintf(name, sizeof name, "pod.execute @%llu agents", (unsigned long long)agents);
  bench_report(name, &st_exec);
  /* process end to end */
  uint64_t p0 = bench_now_ns(), f0 = faults(), c0 = cpu_ns();
  for (size_t i = 0; i < m; i++) {
    pod_ledger_result_t r;
    uint64_t a = bench_now_ns();
    if (pod_ledger_process(l, tx[i].w, tx[i].sz, &r) != POD_OK) fails++;
    samples[i] = bench_now_ns() - a;
    pod_ledger_result_free(&r);
  }
  double proc_s = (double)(bench_now_ns() - p0) / 1e9;
  double fpt = (double)(faults() - f0) / (double)m;
  double cpt = (double)(cpu_ns() - c0) / (double)m / 1e3;
  bench_stats(&st_proc, samples, m);
  snprintf(name, sizeof name, "pod.process @%llu agents", (unsigned long long)agents);
  bench_report(name, &st_proc);
  char how[64];
  if (fill_s > 0)
    snprintf(how, sizeof how, "filled in %.1f s by this process", fill_s);
  else
    snprintf(how, sizeof how, "reused: a fresh process, cold");
  printf("  @%llu agents (%s): register_agent median verify %.1f us, execute %.1f us, "
         "commit %.1f us (derived), end to end %.1f us; %.0f tx/s on one thread; CPU %.1f us and "
         "%.1f page faults per transaction; %zu failed\n",
         (unsigned long long)agents, how, st_ver.median_ns / 1e3, st_exec.median_ns / 1e3,
         (st_proc.median_ns - st_ver.median_ns - st_exec.median_ns) / 1e3, st_proc.median_ns / 1e3,
         (double)m / proc_s, cpt, fpt, fails);

  /* batches: one LMDB write transaction per B transactions */
  uint64_t bnext = first + m;
  for (size_t bi = 0; bi < nb; bi++) {
    size_t bsz = batches[bi], nbatch = 0;
    for (size_t i = 0; i < m; i++)
      if (build_register(l, &tx[i], bnext + i)) return 1;
    bnext += m;
    const uint8_t **wp = calloc(bsz, sizeof *wp);
    size_t *sz = calloc(bsz, sizeof *sz);
    pod_ledger_result_t *r = calloc(bsz, sizeof *r);
    size_t bfails = 0;
    uint64_t b0 = bench_now_ns();
    for (size_t i = 0; i < m; i += bsz) {
      size_t n = 0;
      for (size_t j = i; j < m && n < bsz; j++, n++) {
        wp[n] = tx[j].w;
        sz[n] = tx[j].sz;
      }
      uint64_t a = bench_now_ns();
      if (pod_ledger_process_batch(l, wp, sz, n, r, NULL) != POD_OK) bfails += n;
      samples[nbatch++] = (bench_now_ns() - a) / n; /* per transaction */
      for (size_t k = 0; k < n; k++) {
        bfails += r[k].has_err ? 1 : 0;
        pod_ledger_result_free(&r[k]);
      }
    }
    double bs = (double)(bench_now_ns() - b0) / 1e9;
    bench_stats_t st;
    bench_stats(&st, samples, nbatch);
    snprintf(name, sizeof name, "pod.batch%zu @%llu agents (per tx)", bsz,
             (unsigned long long)agents);
    bench_report(name, &st);
    printf("  @%llu agents, batches of %zu: %.1f us per transaction, %.0f tx/s on one thread "
           "(verify included); %zu failed\n",
           (unsigned long long)agents, bsz, st.median_ns / 1e3, (double)m / bs, bfails);
    free(wp);
    free(sz);
    free(r);
  }
  if (!no_verify) {
    pod_ledger_report_t rep;
    uint64_t v0 = bench_now_ns();
    int vr = pod_ledger_verify(l, &rep);
    printf("  pod_ledger_verify: %s, %llu PoD accounts, %llu errors, %.1f s\n",
           vr == POD_OK ? "ok" : "FAILED", (unsigned long long)rep.pod_accounts,
           (unsigned long long)rep.pod_errors, (double)(bench_now_ns() - v0) / 1e9);
  }
  free(tx);
  free(samples);
  pod_keypair_wipe(&funder);
  pod_ledger_close(l);
  if (!keep) remove_dir(dir);
  return fails ? 1 : 0;
}

/* POD_DURABILITY_FULL (an fsync per commit): one transaction per call vs batches of 64. */
static int run_full(const char *base, size_t m) {
  char dir[320];
  snprintf(dir, sizeof dir, "%s-full", base);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) return 1;
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.faucet_cap = 0;
  o.durability = POD_DURABILITY_FULL;
  pod_ledger *l = NULL;
  if (pod_ledger_open(&l, dir, &o) != POD_OK) return 1;
  pod_keypair_t funder;
  pod_pubkey_t fpk;
  uint8_t fs[32];
  memset(fs, 0xf0, sizeof fs);
  pod_keypair_from_seed(&funder, fs);
  pod_keypair_pubkey(&fpk, &funder);
  if (pod_ledger_airdrop(l, NULL, NULL, &fpk,
                         2 * m * PER_WALLET + (m / 8 + 2) * FEE + POD_WALLET_RENT) != POD_OK ||
      fund(l, &funder, 0, 2 * m)) {
    fprintf(stderr, "durability=full: funding failed\n");
    pod_ledger_close(l);
    return 1;
  }
  wire_t *tx = calloc(2 * m, sizeof *tx);
  uint64_t *samples = calloc(m, sizeof *samples);
  if (!tx || !samples) return 1;
  for (size_t i = 0; i < 2 * m; i++)
    if (build_register(l, &tx[i], i)) return 1;
  size_t fails = 0;
  uint64_t t0 = bench_now_ns();
  for (size_t i = 0; i < m; i++) {
    pod_ledger_result_t r;
    uint64_t a = bench_now_ns();
    if (pod_ledger_process(l, tx[i].w, tx[i].sz, &r) != POD_OK) fails++;
    samples[i] = bench_now_ns() - a;
    pod_ledger_result_free(&r);
  }
  double one_s = (double)(bench_now_ns() - t0) / 1e9;
  bench_stats_t st;
  bench_stats(&st, samples, m);
  bench_report("pod.process durability=full", &st);
  enum { B = 64 };
  const uint8_t *wp[B];
  size_t sz[B];
  pod_ledger_result_t r[B];
  size_t nbatch = 0;
  t0 = bench_now_ns();
  for (size_t i = m; i < 2 * m; i += B) {
    size_t n = 0;
    for (size_t j = i; j < 2 * m && n < B; j++, n++) {
      wp[n] = tx[j].w;
      sz[n] = tx[j].sz;
    }
    uint64_t a = bench_now_ns();
    if (pod_ledger_process_batch(l, wp, sz, n, r, NULL) != POD_OK) fails += n;
    samples[nbatch++] = (bench_now_ns() - a) / n;
    for (size_t k = 0; k < n; k++) {
      fails += r[k].has_err ? 1 : 0;
      pod_ledger_result_free(&r[k]);
    }
  }
  double batch_s = (double)(bench_now_ns() - t0) / 1e9;
  bench_stats_t sb;
  bench_stats(&sb, samples, nbatch);
  bench_report("pod.batch64 durability=full (per tx)", &sb);
  printf("  durability=full: one per call %.0f tx/s (median %.2f ms), batches of 64 %.0f tx/s "
         "(%.1f us per transaction); %zu failed\n",
         (double)m / one_s, st.median_ns / 1e6, (double)m / batch_s, sb.median_ns / 1e3, fails);
  free(tx);
  free(samples);
  pod_keypair_wipe(&funder);
  pod_ledger_close(l);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
  return fails ? 1 : 0;
}

int main(int argc, char **argv) {
  size_t m = 4000;
  int big = 0, fault_only = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--1m"))
      big = 1;
    else if (!strcmp(argv[i], "--only-1m"))
      big = 2;
    else if (!strcmp(argv[i], "--keep"))
      keep = 1;
    else if (!strcmp(argv[i], "--no-verify"))
      no_verify = 1;
    else if (!strcmp(argv[i], "--no-full"))
      no_full = 1;
    else if (!strcmp(argv[i], "--fault-cost"))
      fault_only = 1;
    else if (!strcmp(argv[i], "--any-size-indexes"))
      any_size_idx = 1;
    else if (!strcmp(argv[i], "--sizes") && i + 1 < argc)
      only_sizes = argv[++i];
    else if (!strcmp(argv[i], "-n") && i + 1 < argc)
      m = (size_t)atol(argv[++i]);
  }
  if (m == 0) m = 1;
  setvbuf(stdout, NULL, _IOLBF, 0); /* progress of long runs shows at once */
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  char dir[256];
  snprintf(dir, sizeof dir, "%s/podc-bench-ledger-pod", tmp);
  if (fault_only) return fault_cost(dir);
  bench_header();
  uint64_t sizes[4] = {1000, 10000, 100000, 1000000};
  int rc = 0;
  if (only_sizes) {
    for (const char *p = only_sizes; *p;) {
      char *end;
      unsigned long long v = strtoull(p, &end, 10);
      if (end == p || v == 0) {
        fprintf(stderr, "--sizes: a comma-separated list of agent counts\n");
        return 2;
      }
      rc |= run_size(dir, v, m);
      p = *end == ',' ? end + 1 : end;
    }
  } else {
    for (int i = big == 2 ? 3 : 0; i < (big ? 4 : 3); i++)
      rc |= run_size(dir, sizes[i], m);
  }
  if (big != 2 && !no_full) rc |= run_full(dir, m < 512 ? m : 512);
  return rc;
}
