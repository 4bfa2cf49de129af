/* What the client's PubSub connection and its account cache buy, over a real podd spawned on a
 * fresh ledger (as src/test/podd_spawn.h does), and against `embedded:` for comparison:
 *
 *   - get_account: a miss (cache off: one getAccountInfo over HTTP) vs an L1 hit (cache on, its
 *     PubSub connection up, so each hit also reads the pending notifications without waiting)
 *     vs the embedded transport (a memory-mapped LMDB read: why embedded has no cache);
 *   - send + confirm of a message: confirmation by signatureSubscribe (ws) vs by polling
 *     getSignatureStatuses (ws_url "").
 *
 *   bench_cache [--quick] [--podd PATH]
 *
 * --podd: the podd binary (default: ../src/podd/podd next to this program's directory). */
#define _GNU_SOURCE
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_util.h"
#include "pod/client.h"
#include "pod/services.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

static pid_t podd_pid = -1;
static void stop_podd(void) { /* on every exit, errors included */
  if (podd_pid > 0) {
    kill(podd_pid, SIGTERM);
    waitpid(podd_pid, NULL, 0);
    podd_pid = -1;
  }
}

static pod_client *client(const char *url, const char *ws, const pod_keypair_t *kp,
                          uint32_t entries) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.ws_url = ws;
  o.keypair = kp;
  o.cache_entries = entries;
  o.cache_ttl_ms = 600000;
  pod_client *c = NULL;
  if (pod_client_new(&c, &o) != POD_OK) {
    fprintf(stderr, "bench_cache: cannot create a client for %s\n", url);
    exit(1);
  }
  return c;
}

static void gets(const char *name, pod_client *c, const pod_pubkey_t *k, size_t n) {
  uint64_t *s = calloc(n, sizeof *s);
  if (!s) exit(1);
  pod_client_account_t a;
  if (pod_client_get_account(&a, c, k) != POD_OK) { /* warm: connection, cache */
    fprintf(stderr, "bench_cache: get_account: %s\n", pod_client_errmsg(c));
    exit(1);
  }
  pod_client_account_free(&a);
  for (size_t i = 0; i < n; i++) {
    uint64_t t0 = bench_now_ns();
    int rc = pod_client_get_account(&a, c, k);
    s[i] = bench_now_ns() - t0;
    if (rc != POD_OK) exit(1);
    bench_sink(&a.lamports, sizeof a.lamports);
    pod_client_account_free(&a);
  }
  bench_stats_t st;
  bench_stats(&st, s, n);
  bench_report(name, &st);
  free(s);
}

/* Sends n messages from each client, alternating (so load drifts hit both alike). */
static void sends(const char *name_a, pod_client *a, const pod_pubkey_t *to_a, const char *name_b,
                  pod_client *b, const pod_pubkey_t *to_b, size_t n) {
  uint64_t *sa = calloc(n, sizeof *sa), *sb = calloc(n, sizeof *sb);
  if (!sa || !sb) exit(1);
  for (size_t i = 0; i < 2 * n; i++) {
    pod_client *c = i & 1 ? b : a;
    char text[64];
    int len = snprintf(text, sizeof text, "m %zu", i);
    uint64_t t0 = bench_now_ns();
    int rc = pod_message_send(NULL, NULL, c, i & 1 ? to_b : to_a, text, (size_t)len,
                              (pod_message_type_t){POD_MSG_TEXT, 0});
    (i & 1 ? sb : sa)[i / 2] = bench_now_ns() - t0;
    if (rc != POD_OK) {
      fprintf(stderr, "bench_cache: message_send: %s\n", pod_client_errmsg(c));
      exit(1);
    }
  }
  bench_stats_t st;
  bench_stats(&st, sa, n);
  bench_report(name_a, &st);
  bench_stats(&st, sb, n);
  bench_report(name_b, &st);
  free(sa);
  free(sb);
}

static void setup_agent(pod_client *c) {
  if (pod_client_airdrop(NULL, c, NULL, 100 * SOL) != POD_OK ||
      pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench.json") != POD_OK) {
    fprintf(stderr, "bench_cache: setup: %s\n", pod_client_errmsg(c));
    exit(1);
  }
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  size_t n_get = 5000, n_hit = 200000, n_send = 2000;
  const char *podd = NULL;
  char podd_default[PATH_MAX];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--quick")) {
      n_get = 1000, n_hit = 20000, n_send = 300;
    } else if (!strcmp(argv[i], "--podd") && i + 1 < argc) {
      podd = argv[++i];
    } else {
      fprintf(stderr, "usage: bench_cache [--quick] [--podd PATH]\n");
      return 2;
    }
  }
  if (!podd) podd = bench_podd_default(podd_default, sizeof podd_default);
  char dir[] = "/tmp/pod_bench_cache_XXXXXX", edir[] = "/tmp/pod_bench_cache_emb_XXXXXX";
  if (!podd || !mkdtemp(dir) || !mkdtemp(edir)) {
    fprintf(stderr, "bench_cache: no podd binary or temp directory\n");
    return 1;
  }
  uint16_t port = 0, wsport = 0;
  pid_t pid = podd_spawn_ex(podd, dir, NULL, &port, &wsport);
  if (pid <= 0) return 1;
  podd_pid = pid;
  atexit(stop_podd);
  char url[64], ws[64], emb[128];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  snprintf(ws, sizeof ws, "ws://127.0.0.1:%u", wsport);
  snprintf(emb, sizeof emb, "embedded:%s", edir);

  pod_keypair_t ka, kb;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_pubkey_t pa, pb;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_client *by_ws = client(url, ws, &ka, 0), *by_poll = client(url, "", &kb, 0);
  pod_client *l1 = client(url, ws, &ka, 1024), *l1_nows = client(url, "", &ka, 1024);
  pod_client *e = client(emb, NULL, &ka, 0);
  setup_agent(by_ws);
  setup_agent(by_poll);
  if (pod_client_airdrop(NULL, e, NULL, SOL) != POD_OK) return 1;

  bench_header();
  gets("get_account podd miss (no cache)", by_poll, &pa, n_get);
  gets("get_account podd L1 hit (ws up)", l1, &pa, n_hit);
  gets("get_account podd L1 hit (no ws)", l1_nows, &pa, n_hit);
  gets("get_account embedded (no cache)", e, &pa, n_hit);
  sends("message_send podd confirm by polling", by_poll, &pa, "message_send podd confirm by ws",
        by_ws, &pb, n_send);

  pod_client_free(by_ws);
  pod_client_free(by_poll);
  pod_client_free(l1);
  pod_client_free(l1_nows);
  pod_client_free(e);
  stop_podd();
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", dir, edir);
  return system(cmd) == 0 ? 0 : 1;
}
