/* The PoD SDK benchmarks of the official Rust SDK, reproduced with pod_client: Agent Registration
 * (1000 ops), Message Send (10 000 ops), Channel Join and a batch of 100 messages — mean, median,
 * P95, throughput — against `embedded:` (a fresh ledger in a temp directory) and against a real
 * podd spawned on a fresh ledger (as src/test/podd_spawn.h does), printed in the official table's
 * shape beside the official figures. Then: idle memory and idle CPU of a process holding one
 * connected client (measured in a child process), the cost of metrics (on vs off), and what the
 * buffer reuse and the connection pool buy (heap allocations per request, latency).
 *
 *   bench_sdk [--quick] [--podd PATH] [--url URL] [--idle-seconds S]
 *
 * --quick: 200 registrations, 1000 sends, 200 joins, 20 batches, 2 s idle (default: 1000, 10000,
 * 1000, 100, 10 s). --podd: the podd binary (default: ../src/podd/podd next to this program's
 * directory); "none" skips podd. --url: also measure a node already running at URL.
 * Every registration / join is a new funded keypair (created, funded and — for joins — registered
 * outside the timed part), all signing in turn on one client (pod_client_set_signer); every send
 * a distinct payload from one registered agent. */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "pod/batch.h"
#include "pod/client.h"
#include "pod/metrics.h"
#include "pod/services.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

/* ---- heap allocation counting (glibc: the executable's malloc wins over libc's) ---- */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
static _Atomic uint64_t n_allocs;
void *malloc(size_t n) {
  atomic_fetch_add_explicit(&n_allocs, 1, memory_order_relaxed);
  return __libc_malloc(n);
}
void *calloc(size_t n, size_t sz) {
  atomic_fetch_add_explicit(&n_allocs, 1, memory_order_relaxed);
  return __libc_calloc(n, sz);
}
void *realloc(void *p, size_t n) {
  atomic_fetch_add_explicit(&n_allocs, 1, memory_order_relaxed);
  return __libc_realloc(p, n);
}
void free(void *p) { __libc_free(p); }

typedef struct {
  size_t n_reg, n_send, n_join, n_batch;
  unsigned idle_s;
} counts_t;

static pod_client *client(const char *endpoint, pod_ledger *l, const pod_keypair_t *kp, int metrics,
                          uint32_t pool_connections) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = endpoint;
  o.ledger = l;
  o.keypair = kp;
  o.metrics = metrics;
  o.pool_connections = pool_connections;
  pod_client *c = NULL;
  char err[512];
  if (pod_client_new_err(&c, err, sizeof err, &o) != POD_OK) {
    fprintf(stderr, "bench_sdk: %s\n", err);
    exit(1);
  }
  return c;
}

/* The podd this run spawned: stopped at exit, also when a failure exits early. */
static pid_t g_podd = -1;
static void stop_podd(void) {
  if (g_podd > 0) {
    kill(g_podd, SIGTERM);
    waitpid(g_podd, NULL, 0);
    g_podd = -1;
  }
}

static void die(pod_client *c, const char *what) {
  fprintf(stderr, "bench_sdk: %s: %s\n", what, pod_client_errmsg(c));
  exit(1);
}

/* A new keypair as the signer of c (pod_client_set_signer: one client, many identities), funded
 * (and registered as an agent when reg). */
static void fresh(pod_client *c, pod_keypair_t *kp, uint64_t lamports, int reg) {
  pod_keypair_generate(kp);
  if (pod_client_set_signer(c, kp) != POD_OK) die(c, "set_signer");
  if (pod_client_airdrop(NULL, c, NULL, lamports) != POD_OK) die(c, "airdrop");
  if (reg && pod_agent_register(NULL, NULL, c, POD_CAP_TEXT,
                                "https://example.com/bench-agent.json") != POD_OK)
    die(c, "register");
}

typedef struct {
  bench_stats_t reg, send, join, batch;
  double batch_tx; /* transactions per batch of 100 */
} results_t;

static void row(const char *op, const bench_stats_t *st, const char *official) {
  printf("| %-22s | %9.3f ms | %9.3f ms | %9.3f ms | %10.1f ops/s | %-24s |\n", op,
         st->mean_ns / 1e6, st->median_ns / 1e6, st->p95_ns / 1e6, st->ops_per_s, official);
}

static void table(const char *label, const results_t *r) {
  printf("\nPoD SDK benchmarks, podc over %s (official PoD Rust SDK figures at right)\n", label);
  printf("| %-22s | %12s | %12s | %12s | %16s | %-24s |\n", "Operation", "Mean", "Median", "P95",
         "Throughput", "official");
  printf(
      "|------------------------|--------------|--------------|--------------|------------------|"
      "--------------------------|\n");
  row("Agent Registration", &r->reg, "15.2 ms / 65.8 ops/s");
  row("Message Send", &r->send, "8.1 ms / 123.5 ops/s");
  row("Channel Join", &r->join, "(not published)");
  row("Batch of 100 messages", &r->batch, "< 100 ms");
  printf("  (a batch of 100 messages = %.1f transactions)\n", r->batch_tx);
}

static void run(results_t *R, const char *label, const char *ep, pod_ledger *l, const counts_t *k) {
  char name[128];
  size_t most = k->n_send > k->n_reg ? k->n_send : k->n_reg;
  if (k->n_join > most) most = k->n_join;
  uint64_t *samples = calloc(most, sizeof *samples);
  if (!samples) exit(1);

  /* agent registration: one new keypair per op, all on one client (w: the swarm's) */
  pod_client *w = client(ep, l, NULL, 0, 0);
  for (size_t i = 0; i < k->n_reg; i++) {
    pod_keypair_t kp;
    fresh(w, &kp, SOL / 10, 0);
    pod_keypair_wipe(&kp);
    uint64_t t0 = bench_now_ns();
    if (pod_agent_register(NULL, NULL, w, POD_CAP_TEXT, "https://example.com/bench-agent.json") !=
        POD_OK)
      die(w, "register");
    samples[i] = bench_now_ns() - t0;
  }
  bench_stats(&R->reg, samples, k->n_reg);
  snprintf(name, sizeof name, "sdk agent register (%s)", label);
  bench_report(name, &R->reg);

  /* message send: one agent, distinct payloads */
  pod_keypair_t kp, rk;
  pod_keypair_generate(&rk);
  pod_pubkey_t recipient;
  pod_keypair_pubkey(&recipient, &rk);
  uint64_t need = (uint64_t)(k->n_send + 100 * k->n_batch) * (POD_MESSAGE_RENT + 5000) + SOL;
  pod_client *c = client(ep, l, NULL, 0, 0);
  fresh(c, &kp, 50 * SOL, 0);
  for (uint64_t got = 50 * SOL; got < need; got += 50 * SOL)
    if (pod_client_airdrop(NULL, c, NULL, 50 * SOL) != POD_OK) die(c, "airdrop");
  if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-sender.json") !=
      POD_OK)
    die(c, "register");
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  for (size_t i = 0; i < k->n_send; i++) {
    char payload[64];
    int len = snprintf(payload, sizeof payload, "bench message %zu", i);
    uint64_t t0 = bench_now_ns();
    if (pod_message_send(NULL, NULL, c, &recipient, payload, (size_t)len, text) != POD_OK)
      die(c, "send");
    samples[i] = bench_now_ns() - t0;
  }
  bench_stats(&R->send, samples, k->n_send);
  snprintf(name, sizeof name, "sdk message send (%s)", label);
  bench_report(name, &R->send);

  /* batch of 100 messages, n_batch times */
  static char pl[100][48];
  pod_batch_message_t items[100];
  pod_batch_result_t res[100];
  size_t txs = 0;
  for (size_t b = 0; b < k->n_batch; b++) {
    for (int i = 0; i < 100; i++) {
      int len = snprintf(pl[i], sizeof pl[i], "batch %zu message %d", b, i);
      items[i] = (pod_batch_message_t){recipient, pl[i], (size_t)len, text};
    }
    pod_batch_summary_t sum;
    uint64_t t0 = bench_now_ns();
    if (pod_batch_send_messages(res, &sum, c, items, 100) != POD_OK) die(c, "batch");
    samples[b] = bench_now_ns() - t0;
    txs += sum.transactions;
  }
  bench_stats(&R->batch, samples, k->n_batch);
  R->batch_tx = k->n_batch ? (double)txs / (double)k->n_batch : 0;
  snprintf(name, sizeof name, "sdk batch of 100 messages (%s)", label);
  bench_report(name, &R->batch);

  /* channel join: public channels (max 1000 participants each, the creator included) */
  pod_pubkey_t ch;
  size_t in_channel = 1000;
  for (size_t i = 0; i < k->n_join; i++) {
    if (in_channel >= 999) {
      char cname[32];
      snprintf(cname, sizeof cname, "bench-join-%zu", i);
      pod_channel_create_args_t ca = {cname, "", POD_VISIBILITY_PUBLIC, 1000, 0, 0};
      if (pod_channel_create(&ch, NULL, c, &ca) != POD_OK) die(c, "channel create");
      in_channel = 1;
    }
    pod_keypair_t jk;
    fresh(w, &jk, SOL / 10, 1);
    pod_keypair_wipe(&jk);
    uint64_t t0 = bench_now_ns();
    if (pod_channel_join(NULL, w, &ch) != POD_OK) die(w, "join");
    samples[i] = bench_now_ns() - t0;
    in_channel++;
  }
  bench_stats(&R->join, samples, k->n_join);
  snprintf(name, sizeof name, "sdk channel join (%s)", label);
  bench_report(name, &R->join);

  pod_client_free(w);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
  free(samples);
}

/* Message send on two clients A and B (metrics on/off, pool_connections), alternating op by op
 * so that the machine's load drifts the same for both: median ns and heap allocations per send
 * of each. */
static void sends_ab(double med[2], double allocs[2], const char *ep, pod_ledger *l, size_t n,
                     const int metrics[2], const uint32_t pool[2]) {
  pod_keypair_t kp[2];
  pod_client *c[2];
  uint64_t *s[2], na[2] = {0, 0};
  pod_pubkey_t to;
  memset(&to, 9, sizeof to);
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  uint64_t need = (uint64_t)n * (POD_MESSAGE_RENT + 5000) + SOL;
  for (int k = 0; k < 2; k++) {
    pod_keypair_generate(&kp[k]);
    c[k] = client(ep, l, &kp[k], metrics[k], pool[k]);
    for (uint64_t got = 0; got < need; got += 50 * SOL)
      if (pod_client_airdrop(NULL, c[k], NULL, 50 * SOL) != POD_OK) die(c[k], "airdrop");
    if (pod_agent_register(NULL, NULL, c[k], POD_CAP_TEXT, "https://example.com/bench-m.json") !=
        POD_OK)
      die(c[k], "register");
    if (!(s[k] = calloc(n, sizeof *s[k]))) exit(1);
  }
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 2; k++) {
      char p[64];
      int len = snprintf(p, sizeof p, "ab %zu", i);
      uint64_t a0 = atomic_load(&n_allocs), t0 = bench_now_ns();
      if (pod_message_send(NULL, NULL, c[k], &to, p, (size_t)len, text) != POD_OK)
        die(c[k], "send");
      s[k][i] = bench_now_ns() - t0;
      na[k] += atomic_load(&n_allocs) - a0;
    }
  for (int k = 0; k < 2; k++) {
    bench_stats_t st;
    bench_stats(&st, s[k], n);
    med[k] = st.median_ns;
    allocs[k] = (double)na[k] / (double)n;
    free(s[k]);
    pod_client_free(c[k]);
    pod_keypair_wipe(&kp[k]);
  }
}

/* Heap allocations and median latency of one read (getSlot) on two warm clients A (metrics off)
 * and B (metrics on), alternating. */
static void reads_ab(double med[2], double allocs[2], const char *ep, pod_ledger *l, size_t n) {
  pod_client *c[2] = {client(ep, l, NULL, 0, 0), client(ep, l, NULL, 1, 0)};
  uint64_t slot, *s[2], na[2] = {0, 0};
  for (int k = 0; k < 2; k++) {
    if (!(s[k] = calloc(n, sizeof *s[k]))) exit(1);
    if (pod_client_slot(&slot, c[k]) != POD_OK) die(c[k], "slot");
  }
  for (size_t i = 0; i < n; i++)
    for (int k = 0; k < 2; k++) {
      uint64_t a0 = atomic_load(&n_allocs), t0 = bench_now_ns();
      if (pod_client_slot(&slot, c[k]) != POD_OK) die(c[k], "slot");
      s[k][i] = bench_now_ns() - t0;
      na[k] += atomic_load(&n_allocs) - a0;
    }
  for (int k = 0; k < 2; k++) {
    bench_stats_t st;
    bench_stats(&st, s[k], n);
    med[k] = st.median_ns;
    allocs[k] = (double)na[k] / (double)n;
    free(s[k]);
    pod_client_free(c[k]);
  }
}

/* Where a batch of 100 messages spends its time, from the client's own metrics: the transport's
 * sendTransaction / getSignatureStatuses / getAccountInfo against the rest (checks, PDAs,
 * packing, signing — the client's side). */
static void batch_breakdown(const char *label, const char *ep, pod_ledger *l, size_t n) {
  pod_keypair_t kp;
  pod_keypair_generate(&kp);
  pod_client *c = client(ep, l, &kp, 1, 0);
  for (int i = 0; i < 3; i++)
    if (pod_client_airdrop(NULL, c, NULL, 50 * SOL) != POD_OK) die(c, "airdrop");
  if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-b.json") != POD_OK)
    die(c, "register");
  if (pod_client_metrics_reset(c) != POD_OK) die(c, "metrics");
  static char pl[100][48];
  pod_batch_message_t items[100];
  pod_batch_result_t res[100];
  pod_pubkey_t to;
  memset(&to, 5, sizeof to);
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  for (size_t b = 0; b < n; b++) {
    for (int i = 0; i < 100; i++) {
      int len = snprintf(pl[i], sizeof pl[i], "breakdown %zu %d", b, i);
      items[i] = (pod_batch_message_t){to, pl[i], (size_t)len, text};
    }
    if (pod_batch_send_messages(res, NULL, c, items, 100) != POD_OK) die(c, "batch");
  }
  pod_metric_t m[64];
  size_t k = 0;
  if (pod_client_metrics(m, 64, &k, c) != POD_OK) die(c, "metrics");
  double total = 0, rpc = 0;
  printf("  %s, per batch of 100 (mean of %zu):", label, n);
  for (size_t i = 0; i < k && i < 64; i++) {
    double per = (double)m[i].sum_ns / 1e6 / (double)n;
    if (m[i].kind == POD_METRIC_BATCH) total += per;
    if (m[i].kind == POD_METRIC_RPC) {
      rpc += per;
      printf(" %s %.2f ms (%.1f calls)", m[i].name, per, (double)m[i].count / (double)n);
    }
  }
  printf("; whole batch %.2f ms, client side %.2f ms\n", total, total - rpc);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
}

/* ---- idle: a child process (exec of this program) with one connected client ---- */

static long cpu_us(const struct rusage *r) {
  return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1000000L + r->ru_utime.tv_usec +
         r->ru_stime.tv_usec;
}

/* Prints "idle" lines: memory before / after a client is created and connected, then CPU and
 * wakeups (voluntary context switches) over secs of idleness — and the same for a baseline sleep
 * before the client exists (this VM charges a sleeping process some CPU on its own). */
static int idle_child(const char *ep, unsigned secs) {
  pod_client_memstats_t m0, m1;
  struct rusage r0, r1, r2, r3;
  pod_client_memstats(&m0, NULL);
  getrusage(RUSAGE_SELF, &r0);
  sleep(secs);
  getrusage(RUSAGE_SELF, &r1);
  pod_keypair_t kp;
  pod_keypair_generate(&kp);
  pod_client *c = client(ep, NULL, &kp, 0, 0);
  uint64_t slot;
  if (pod_client_slot(&slot, c) != POD_OK) die(c, "slot"); /* connected */
  pod_client_memstats(&m1, c);
  getrusage(RUSAGE_SELF, &r2);
  sleep(secs);
  getrusage(RUSAGE_SELF, &r3);
  FILE *st = fopen("/proc/self/status", "r");
  char line[256];
  int threads = 0;
  while (st && fgets(line, sizeof line, st))
    if (sscanf(line, "Threads: %d", &threads) == 1) break;
  if (st) fclose(st);
  printf("mem %llu %llu %llu %llu %llu %llu %llu\n", (unsigned long long)m0.rss_bytes,
         (unsigned long long)m1.rss_bytes, (unsigned long long)m0.rss_anon_bytes,
         (unsigned long long)m1.rss_anon_bytes, (unsigned long long)m0.rss_file_bytes,
         (unsigned long long)m1.rss_file_bytes, (unsigned long long)m1.pool_bytes);
  printf("cpu %ld %ld %ld %ld %d\n", cpu_us(&r1) - cpu_us(&r0), r1.ru_nvcsw - r0.ru_nvcsw,
         cpu_us(&r3) - cpu_us(&r2), r3.ru_nvcsw - r2.ru_nvcsw, threads);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
  return 0;
}

static void idle(const char *ep, unsigned secs) {
  char cmd[PATH_MAX + 256];
  char self[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return;
  self[n] = 0;
  snprintf(cmd, sizeof cmd, "'%s' --idle-child '%s' %u", self, ep, secs);
  FILE *p = popen(cmd, "r");
  if (!p) return;
  unsigned long long m[7] = {0};
  long cpu0 = -1, sw0 = -1, cpu1 = -1, sw1 = -1;
  int threads = 0;
  char line[256];
  while (fgets(line, sizeof line, p)) {
    sscanf(line, "mem %llu %llu %llu %llu %llu %llu %llu", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5],
           &m[6]);
    sscanf(line, "cpu %ld %ld %ld %ld %d", &cpu0, &sw0, &cpu1, &sw1, &threads);
  }
  pclose(p);
  const double MB = 1024.0 * 1024.0;
  printf("\nIdle: a process with one client created and connected to %s (official: 32 MB idle "
         "memory; goals: < 2 MB, zero CPU)\n",
         ep);
  printf("  process RSS %.2f MB with the client, %.2f MB before it: the client adds %.3f MB =\n"
         "    %.3f MB private (heap: RssAnon %.2f -> %.2f MB; %.1f KB of it the transport's "
         "reusable buffers)\n"
         "    + %.3f MB shared library pages first touched (RssFile %.2f -> %.2f MB: libcurl and "
         "OpenSSL initialising)\n",
         m[1] / MB, m[0] / MB, ((double)m[1] - (double)m[0]) / MB,
         ((double)m[3] - (double)m[2]) / MB, m[2] / MB, m[3] / MB, m[6] / 1024.0,
         ((double)m[5] - (double)m[4]) / MB, m[4] / MB, m[5] / MB);
  printf("  idle %u s with the client: %ld us CPU, %ld wakeups, %d thread(s); the same process "
         "sleeping %u s before the client existed: %ld us CPU, %ld wakeups\n",
         secs, cpu1, sw1, threads, secs, cpu0, sw0);
}

int main(int argc, char **argv) {
  counts_t k = {1000, 10000, 1000, 100, 10};
  const char *url = NULL, *podd = NULL;
  char podd_default[PATH_MAX];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--idle-child") && i + 2 < argc)
      return idle_child(argv[i + 1], (unsigned)atoi(argv[i + 2]));
    if (!strcmp(argv[i], "--quick")) {
      k = (counts_t){200, 1000, 200, 20, 2};
    } else if (!strcmp(argv[i], "--full")) {
      /* the default; kept for older scripts */
    } else if (!strcmp(argv[i], "--url") && i + 1 < argc) {
      url = argv[++i];
    } else if (!strcmp(argv[i], "--podd") && i + 1 < argc) {
      podd = argv[++i];
    } else if (!strcmp(argv[i], "--idle-seconds") && i + 1 < argc) {
      k.idle_s = (unsigned)atoi(argv[++i]);
    } else {
      fprintf(stderr,
              "usage: bench_sdk [--quick] [--podd PATH|none] [--url URL] [--idle-seconds S]\n");
      return 2;
    }
  }
  if (!podd) podd = bench_podd_default(podd_default, sizeof podd_default);
  if (podd && (!strcmp(podd, "none") || access(podd, X_OK) != 0)) {
    if (strcmp(podd, "none")) fprintf(stderr, "bench_sdk: no podd at %s: skipped\n", podd);
    podd = NULL;
  }
  printf("counts: %zu registrations, %zu sends, %zu joins, %zu batches of 100\n", k.n_reg, k.n_send,
         k.n_join, k.n_batch);
  bench_header();

  char dir[] = "/tmp/bench_sdk_XXXXXX";
  if (!mkdtemp(dir)) return 1;
  pod_ledger *l = NULL;
  if (pod_ledger_open(&l, dir, NULL) != POD_OK) {
    fprintf(stderr, "bench_sdk: cannot open a ledger in %s\n", dir);
    return 1;
  }
  results_t emb, pd, ext;
  run(&emb, "embedded", "embedded:", l, &k);

  /* metrics: the same sends with metrics off and on */
  size_t nm = k.n_send < 2000 ? k.n_send : 2000;
  const int m01[2] = {0, 1}, m00[2] = {0, 0};
  const uint32_t p00[2] = {0, 0}, p01[2] = {0, 1};
  double e_m[2], e_ma[2];
  sends_ab(e_m, e_ma, "embedded:", l, nm, m01, p00);
  double e_r[2], e_ra[2];
  reads_ab(e_r, e_ra, "embedded:", l, 100000);
  printf("Batch breakdown (metrics):\n");
  batch_breakdown("embedded", "embedded:", l, k.n_batch < 10 ? k.n_batch : 10);
  pod_ledger_close(l);
  char cmd[PATH_MAX + 64];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "bench_sdk: could not remove %s\n", dir);

  char pdir[] = "/tmp/bench_sdk_podd_XXXXXX";
  pid_t pid = -1;
  char purl[64];
  double p_m[2] = {0, 0}, p_ma[2] = {0, 0}, p_p[2] = {0, 0}, p_pa[2] = {0, 0};
  double p_r[2] = {0, 0}, p_ra[2] = {0, 0};
  if (podd && mkdtemp(pdir)) {
    uint16_t port = 0;
    pid = podd_spawn(podd, pdir, &port);
    if (pid > 0) {
      g_podd = pid;
      atexit(stop_podd);
      snprintf(purl, sizeof purl, "http://127.0.0.1:%u", port);
      run(&pd, "podd", purl, NULL, &k);
      sends_ab(p_m, p_ma, purl, NULL, nm, m01, p00);
      sends_ab(p_p, p_pa, purl, NULL, nm, m00, p01);
      reads_ab(p_r, p_ra, purl, NULL, 2000);
    }
  }
  if (url) run(&ext, url, url, NULL, &k);

  table("embedded: (in-process ledger)", &emb);
  if (pid > 0) table("podd (JSON-RPC over HTTP, loopback)", &pd);
  if (url) table(url, &ext);

  printf("\nMetrics, off vs on (message send, %zu ops each, alternating, median): embedded %.1f us"
         " / %.1f us (%.1f / %.1f allocs per send)",
         nm, e_m[0] / 1e3, e_m[1] / 1e3, e_ma[0], e_ma[1]);
  if (pid > 0)
    printf("; podd %.1f us / %.1f us (%.1f / %.1f allocs)", p_m[0] / 1e3, p_m[1] / 1e3, p_ma[0],
           p_ma[1]);
  printf("\n");
  printf("getSlot, metrics off vs on (alternating, median): embedded %.3f us / %.3f us; heap "
         "allocations per getSlot (whole process, client side): embedded %.1f",
         e_r[0] / 1e3, e_r[1] / 1e3, e_ra[0]);
  if (pid > 0)
    printf("; podd %.1f (median %.1f us / %.1f us with metrics)", p_ra[0], p_r[0] / 1e3,
           p_r[1] / 1e3);
  printf("\n");
  if (pid > 0)
    printf("Connection pool (podd, message send, alternating, median): pool_connections default "
           "%.1f us, 1: %.1f us (%.1f / %.1f allocs per send)\n",
           p_p[0] / 1e3, p_p[1] / 1e3, p_pa[0], p_pa[1]);

  printf("Batch breakdown (metrics):\n");
  if (pid > 0) batch_breakdown("podd", purl, NULL, k.n_batch < 10 ? k.n_batch : 10);
  if (pid > 0 && k.idle_s) idle(purl, k.idle_s);
  if (pid > 0) {
    stop_podd();
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", pdir);
    if (system(cmd) != 0) fprintf(stderr, "bench_sdk: could not remove %s\n", pdir);
  }
  return 0;
}
