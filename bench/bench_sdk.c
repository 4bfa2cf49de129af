/* The PoD SDK benchmarks of the official Rust SDK, reproduced with pod_client: Agent Registration
 * (1000 ops) and Message Send (10000 ops), mean / median / P95 / throughput, against `embedded:`
 * (a fresh ledger in a temp directory) and, with --url, against a running node (e.g. podd).
 *
 *   bench_sdk [--full] [--url URL]
 *
 * Default counts are 200 registrations and 1000 sends (quick); --full runs 1000 and 10000.
 * Each registration is a new funded keypair (created and funded outside the timed part); each
 * send a distinct payload from one registered agent. The official SDK's figures: registration
 * 15.2 ms mean / 65.8 ops/s, message send 8.1 ms / 123.5 ops/s. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"
#include "pod/client.h"
#include "pod/services.h"

#define SOL 1000000000ull

static pod_client *client(const char *endpoint, pod_ledger *l, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = endpoint;
  o.ledger = l;
  o.keypair = kp;
  pod_client *c = NULL;
  char err[512];
  if (pod_client_new_err(&c, err, sizeof err, &o) != POD_OK) {
    fprintf(stderr, "bench_sdk: %s\n", err);
    exit(1);
  }
  return c;
}

static void die(pod_client *c, const char *what) {
  fprintf(stderr, "bench_sdk: %s: %s\n", what, pod_client_errmsg(c));
  exit(1);
}

static void run(const char *label, const char *endpoint, pod_ledger *l, size_t n_reg,
                size_t n_send) {
  char name[96];
  uint64_t *samples = calloc(n_reg > n_send ? n_reg : n_send, sizeof *samples);
  if (!samples) exit(1);

  /* agent registration: one new keypair per op */
  for (size_t i = 0; i < n_reg; i++) {
    pod_keypair_t kp;
    pod_keypair_generate(&kp);
    pod_client *c = client(endpoint, l, &kp);
    if (pod_client_airdrop(NULL, c, NULL, SOL / 10) != POD_OK) die(c, "airdrop");
    uint64_t t0 = bench_now_ns();
    if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-agent.json") !=
        POD_OK)
      die(c, "register");
    samples[i] = bench_now_ns() - t0;
    pod_client_free(c);
    pod_keypair_wipe(&kp);
  }
  bench_stats_t st;
  bench_stats(&st, samples, n_reg);
  snprintf(name, sizeof name, "sdk agent register (%s)", label);
  bench_report(name, &st);

  /* message send: one agent, distinct payloads */
  pod_keypair_t kp, rk;
  pod_keypair_generate(&kp);
  pod_keypair_generate(&rk);
  pod_pubkey_t recipient;
  pod_keypair_pubkey(&recipient, &rk);
  pod_client *c = client(endpoint, l, &kp);
  uint64_t need = (uint64_t)n_send * (POD_MESSAGE_RENT + 5000) + SOL;
  for (uint64_t got = 0; got < need; got += 50 * SOL)
    if (pod_client_airdrop(NULL, c, NULL, 50 * SOL) != POD_OK) die(c, "airdrop");
  if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-sender.json") !=
      POD_OK)
    die(c, "register");
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  for (size_t i = 0; i < n_send; i++) {
    char payload[64];
    int len = snprintf(payload, sizeof payload, "bench message %zu", i);
    uint64_t t0 = bench_now_ns();
    if (pod_message_send(NULL, NULL, c, &recipient, payload, (size_t)len, text) != POD_OK)
      die(c, "send");
    samples[i] = bench_now_ns() - t0;
  }
  bench_stats(&st, samples, n_send);
  snprintf(name, sizeof name, "sdk message send (%s)", label);
  bench_report(name, &st);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
  free(samples);
}

int main(int argc, char **argv) {
  size_t n_reg = 200, n_send = 1000;
  const char *url = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--full")) {
      n_reg = 1000;
      n_send = 10000;
    } else if (!strcmp(argv[i], "--url") && i + 1 < argc) {
      url = argv[++i];
    } else {
      fprintf(stderr, "usage: bench_sdk [--full] [--url URL]\n");
      return 2;
    }
  }
  printf("official PoD SDK: registration 15.2 ms mean / 65.8 ops/s; message send 8.1 ms mean / "
         "123.5 ops/s\n");
  bench_header();

  char dir[] = "/tmp/bench_sdk_XXXXXX";
  if (!mkdtemp(dir)) return 1;
  pod_ledger *l = NULL;
  if (pod_ledger_open(&l, dir, NULL) != POD_OK) {
    fprintf(stderr, "bench_sdk: cannot open a ledger in %s\n", dir);
    return 1;
  }
  run("embedded", "embedded:", l, n_reg, n_send);
  pod_ledger_close(l);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "bench_sdk: could not remove %s\n", dir);

  if (url) run(url, url, NULL, n_reg, n_send);
  return 0;
}
