/* The C side of the side-by-side benchmark (bench/web3_compare/run.sh): the same workload as
 * compare.mjs does with @solana/web3.js, done with our SDK (pod_client over HTTP) against the
 * same podd:
 *
 *   1. agent registration: N_REG fresh wallets, each created and funded by airdrop outside the
 *      timed part, then sends register_agent and waits until it is confirmed;
 *   2. message send: one registered agent sends N_SEND send_message transactions (distinct
 *      payloads, payload hash = SHA-256 of the payload, type Text) to one recipient wallet, each
 *      confirmed before the next.
 *
 * One pod_client for every wallet (pod_client_set_signer switches its signer), as the tuned
 * JavaScript side shares one Connection: one HTTP connection and one WebSocket for the run.
 *
 *   driver URL N_REG N_SEND
 *   driver --idle URL SECONDS
 *
 * DRIVER_NO_WS=1 (environment): confirmations by polling instead of the WebSocket.
 *
 * Prints the bench table rows (bench_util.c: mean, median, P95, P99, ops/s) and appends JSON
 * lines to $POD_BENCH_JSON. bench/footprint.sh uses it as "a client process under load", and
 * with --idle as "a process with one client, idle": one client created and connected (one
 * getSlot), then SECONDS of sleep; it prints "idle RSS_BEFORE RSS_AFTER CPU_US ANON_BEFORE
 * ANON_AFTER" (kB of VmRSS and RssAnon before creating the client and after its first request;
 * user + system CPU during the sleep). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench_util.h"
#include "pod/client.h"
#include "pod/services.h"

#define SOL 1000000000ull

static pod_client *client(const char *url, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.keypair = kp;
  if (getenv("DRIVER_NO_WS")) o.ws_url = ""; /* confirm by polling getSignatureStatuses */
  pod_client *c = NULL;
  char err[512];
  if (pod_client_new_err(&c, err, sizeof err, &o) != POD_OK) {
    fprintf(stderr, "driver: %s\n", err);
    exit(1);
  }
  return c;
}

static void die(pod_client *c, const char *what) {
  fprintf(stderr, "driver: %s: %s\n", what, pod_client_errmsg(c));
  exit(1);
}

/* a field of /proc/self/status in kB ("VmRSS", "RssAnon"), -1 if absent */
static long status_kb(const char *field) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  size_t n = strlen(field);
  while (f && fgets(line, sizeof line, f))
    if (!strncmp(line, field, n) && line[n] == ':' && sscanf(line + n + 1, "%ld", &kb) == 1) break;
  if (f) fclose(f);
  return kb;
}

static long cpu_us(void) {
  struct rusage r;
  getrusage(RUSAGE_SELF, &r);
  return (long)(r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000000L + r.ru_utime.tv_usec +
         r.ru_stime.tv_usec;
}

static int idle(const char *url, unsigned secs) {
  long before = status_kb("VmRSS"), anon_before = status_kb("RssAnon");
  pod_keypair_t kp;
  pod_keypair_generate(&kp);
  pod_client *c = client(url, &kp);
  uint64_t slot;
  if (pod_client_slot(&slot, c) != POD_OK) die(c, "getSlot");
  long after = status_kb("VmRSS"), anon_after = status_kb("RssAnon"), c0 = cpu_us();
  sleep(secs);
  printf("idle %ld %ld %ld %ld %ld\n", before, after, cpu_us() - c0, anon_before, anon_after);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && !strcmp(argv[1], "--idle")) return idle(argv[2], (unsigned)atoi(argv[3]));
  if (argc != 4) {
    fprintf(stderr, "usage: driver URL N_REG N_SEND | driver --idle URL SECONDS\n");
    return 2;
  }
  const char *url = argv[1];
  size_t n_reg = (size_t)atol(argv[2]), n_send = (size_t)atol(argv[3]);
  if (n_reg == 0 || n_send == 0) return 2;
  uint64_t *s = calloc(n_reg > n_send ? n_reg : n_send, sizeof *s);
  if (!s) return 1;

  /* agent registration: per wallet, untimed: the shared client switched to the new wallet
   * (pod_client_set_signer) and an airdrop; timed: register_agent until confirmed */
  pod_client *c = client(url, NULL); /* read-only until the first wallet */
  for (size_t i = 0; i < n_reg; i++) {
    pod_keypair_t kp;
    pod_keypair_generate(&kp);
    if (pod_client_set_signer(c, &kp) != POD_OK) die(c, "set_signer");
    pod_keypair_wipe(&kp); /* the client holds its copy */
    if (pod_client_airdrop(NULL, c, NULL, SOL / 10) != POD_OK) die(c, "airdrop");
    uint64_t t0 = bench_now_ns();
    if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-agent.json") !=
        POD_OK)
      die(c, "register_agent");
    s[i] = bench_now_ns() - t0;
  }
  bench_stats_t st; /* throughput = operations / sum of their times, on both sides */
  bench_stats(&st, s, n_reg);
  bench_report("C SDK: agent registration", &st);

  /* message send: one agent (registered untimed, on the same client), distinct payloads */
  pod_keypair_t kp, rk;
  pod_keypair_generate(&kp);
  pod_keypair_generate(&rk);
  pod_pubkey_t recipient;
  pod_keypair_pubkey(&recipient, &rk);
  if (pod_client_set_signer(c, &kp) != POD_OK) die(c, "set_signer");
  uint64_t need = (uint64_t)n_send * (POD_MESSAGE_RENT + 5000) + SOL;
  for (uint64_t got = 0; got < need; got += 50 * SOL)
    if (pod_client_airdrop(NULL, c, NULL, 50 * SOL) != POD_OK) die(c, "airdrop");
  if (pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/bench-sender.json") !=
      POD_OK)
    die(c, "register_agent (sender)");
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  for (size_t i = 0; i < n_send; i++) {
    char payload[64];
    int len = snprintf(payload, sizeof payload, "bench message %zu", i);
    uint64_t t0 = bench_now_ns();
    if (pod_message_send(NULL, NULL, c, &recipient, payload, (size_t)len, text) != POD_OK)
      die(c, "send_message");
    s[i] = bench_now_ns() - t0;
  }
  bench_stats(&st, s, n_send);
  bench_report("C SDK: message send", &st);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
  pod_keypair_wipe(&rk);
  free(s);
  return 0;
}
