/* Load on podd (docs/RELIABILITY.md): 64 concurrent clients for a fixed time —
 *   16 senders (SDK over HTTP): send_message to another sender and System transfers, each waiting
 *      for its confirmation;
 *   32 readers (SDK over HTTP): getAccountInfo (pod_agent_get), getProgramAccounts with dataSize +
 *      memcmp filters (pod_agent_list, pod_message_inbox), getBalance;
 *   16 subscribers (raw WebSocket): logsSubscribe mentioning the PoD program and accountSubscribe
 *      of a sender's wallet, re-subscribed every second, reading every notification.
 * Every request must succeed (the SDK's retries are off: retry_max 1); every subscribe and
 * unsubscribe must be answered without error and the subscribers must receive notifications.
 * podd's RSS (/proc/PID/status) is sampled through the run: the growth after the warm-up (the
 * first fifth) must stay under a bound. p50/p99 latencies of reads and sends are printed. At
 * the end podd still serves, stops on SIGTERM with exit status 0 (under ASan: no leaks), and
 * the ledger verifies.
 *
 * Usage: test_podd_load PODD [SECONDS] (10; POD_LOAD_SECONDS sets the same). */
#define _GNU_SOURCE
#include "rel_util.h"

#include "pod/client.h"
#include "pod/encode.h"
#include "pod/keys.h"
#include "pod/ledger.h"
#include "pod/program.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>

#define SENDERS 16
#define READERS 32
#define SUBSCRIBERS 16
#define CLIENTS (SENDERS + READERS + SUBSCRIBERS)
#define SOL 1000000000ull
#define LAT_MAX 200000 /* latency samples kept per thread */

static uint16_t rpc_port, ws_port;
static char url[64];
static pod_keypair_t keys[SENDERS];
static pod_pubkey_t wallets[SENDERS];
static atomic_int stop;

typedef struct {
  unsigned idx;
  pthread_t th;
  uint64_t *lat_read, *lat_send; /* microseconds */
  size_t n_read, n_send;
  uint64_t ok, failed, notifications;
  char first_error[256];
} client_t;

static uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static void note(client_t *t, int rc, const char *what, pod_client *c, uint64_t t0, int send) {
  uint64_t us = now_us() - t0;
  if (rc == POD_OK) {
    t->ok++;
    if (send && t->n_send < LAT_MAX) t->lat_send[t->n_send++] = us;
    if (!send && t->n_read < LAT_MAX) t->lat_read[t->n_read++] = us;
    return;
  }
  if (!t->failed++)
    snprintf(t->first_error, sizeof t->first_error, "%s: %s (%s)", what, pod_strerror(rc),
             c ? pod_client_errmsg(c) : "");
}

static pod_client *new_client(const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.keypair = kp;
  o.retry_max = 1; /* a failed request is a failure, not a retry */
  pod_client *c = NULL;
  return pod_client_new(&c, &o) == POD_OK ? c : NULL;
}

static void *sender(void *arg) {
  client_t *t = arg;
  pod_client *c = new_client(&keys[t->idx]);
  if (!c) return NULL;
  pod_pubkey_t sink;
  memset(sink.b, 0, 32);
  sink.b[0] = 9, sink.b[1] = (uint8_t)t->idx;
  for (uint64_t i = 0; !atomic_load(&stop); i++) {
    uint64_t t0 = now_us();
    int rc;
    if (i % 2 == 0) {
      char payload[64];
      int pn = snprintf(payload, sizeof payload, "load %u #%llu", t->idx, (unsigned long long)i);
      const pod_pubkey_t *to = &wallets[(t->idx + 1 + i) % SENDERS];
      rc = pod_message_send(NULL, NULL, c, to, payload, (size_t)pn,
                            (pod_message_type_t){POD_MSG_TEXT, 0});
      note(t, rc, "send_message", c, t0, 1);
    } else {
      uint8_t d[12] = {2, 0, 0, 0};
      uint64_t lam = 1000000 + i;
      for (int j = 0; j < 8; j++)
        d[4 + j] = (uint8_t)(lam >> (8 * j));
      pod_account_meta_t m[2] = {{wallets[t->idx], 1, 1}, {sink, 0, 1}};
      pod_instruction_t ix = {pod_system_program_id, m, 2, d, sizeof d};
      rc = pod_client_send(NULL, c, &ix, 1);
      note(t, rc, "transfer", c, t0, 1);
    }
  }
  pod_client_free(c);
  return NULL;
}

static void *reader(void *arg) {
  client_t *t = arg;
  pod_client *c = new_client(NULL);
  if (!c) return NULL;
  for (uint64_t i = 0; !atomic_load(&stop); i++) {
    const pod_pubkey_t *w = &wallets[(t->idx + i) % SENDERS];
    uint64_t t0 = now_us();
    int rc;
    switch (i % 4) {
    case 0: {
      pod_agent_t ag;
      rc = pod_agent_get(&ag, c, w);
      note(t, rc, "getAccountInfo (agent)", c, t0, 0);
      break;
    }
    case 1: {
      pod_agent_t *list = NULL;
      size_t n = 0;
      rc = pod_agent_list(&list, &n, c, POD_CAP_TEXT);
      if (rc == POD_OK && n != SENDERS) rc = POD_EPROGRAM; /* every sender is an agent */
      note(t, rc, "getProgramAccounts (agents)", c, t0, 0);
      pod_agent_list_free(list);
      break;
    }
    case 2: {
      pod_message_t *list = NULL;
      size_t n = 0;
      rc = pod_message_inbox(&list, &n, c, w);
      note(t, rc, "getProgramAccounts (inbox)", c, t0, 0);
      pod_message_list_free(list);
      break;
    }
    default: {
      uint64_t bal = 0;
      rc = pod_client_balance(&bal, c, w);
      if (rc == POD_OK && bal == 0) rc = POD_EPROGRAM; /* every sender was funded */
      note(t, rc, "getBalance", c, t0, 0);
      break;
    }
    }
  }
  pod_client_free(c);
  return NULL;
}

/* One text message to the socket. */
static int ws_text(int fd, const char *s) { return ws_send_frame(fd, 0x1, 1, s, strlen(s)); }

static void *subscriber(void *arg) {
  client_t *t = arg;
  int fd = ws_open(ws_port);
  if (fd < 0) {
    t->failed++;
    snprintf(t->first_error, sizeof t->first_error, "WebSocket handshake failed");
    return NULL;
  }
  char prog[POD_BASE58_32_SZ], acct[POD_BASE58_32_SZ], msg[512];
  pod_base58_encode_32(prog, pod_program_id.b);
  pod_base58_encode_32(acct, wallets[t->idx % SENDERS].b);
  snprintf(msg, sizeof msg,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logsSubscribe\",\"params\":"
           "[{\"mentions\":[\"%s\"]},{\"commitment\":\"confirmed\"}]}",
           prog);
  ws_text(fd, msg);
  long acct_sub = -1;   /* the current accountSubscribe id */
  int awaiting = 1;     /* answers outstanding */
  uint64_t next_id = 2; /* request ids: even subscribe, odd unsubscribe */
  uint64_t next_flip = now_ms();
  char *buf = malloc(1 << 16);
  if (!buf) abort();
  while (!atomic_load(&stop)) {
    if (now_ms() >= next_flip && awaiting == 0) { /* churn: drop and renew the account sub */
      if (acct_sub >= 0) {
        snprintf(msg, sizeof msg,
                 "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"method\":\"accountUnsubscribe\",\"params\":"
                 "[%ld]}",
                 (unsigned long long)(next_id | 1), acct_sub);
        ws_text(fd, msg);
        awaiting++;
        acct_sub = -1;
      }
      next_id += 2;
      snprintf(msg, sizeof msg,
               "{\"jsonrpc\":\"2.0\",\"id\":%llu,\"method\":\"accountSubscribe\",\"params\":"
               "[\"%s\",{\"encoding\":\"base64\"}]}",
               (unsigned long long)next_id, acct);
      ws_text(fd, msg);
      awaiting++;
      next_flip = now_ms() + 1000;
    }
    struct pollfd pf = {fd, POLLIN, 0};
    if (poll(&pf, 1, 100) <= 0) continue;
    size_t n = 0;
    int op = ws_recv_frame(fd, buf, 1 << 16, &n);
    if (op != 0x1) {
      t->failed++;
      snprintf(t->first_error, sizeof t->first_error, "WebSocket frame opcode %d (n %zu)", op, n);
      break;
    }
    pod_json_doc *d = NULL;
    if (pod_json_parse(&d, buf, n, NULL, NULL) != POD_OK) {
      t->failed++;
      snprintf(t->first_error, sizeof t->first_error, "not JSON: %.200s", buf);
      break;
    }
    const pod_json_val *r = pod_json_root(d);
    const pod_json_val *id = pod_json_find(r, "id"), *res = pod_json_find(r, "result");
    uint64_t idv = 0, sub = 0;
    if (pod_json_find(r, "method")) {
      t->notifications++;
    } else if (pod_json_get_u64(&idv, id) == POD_OK && res) {
      awaiting--;
      t->ok++;
      int yes = 0;
      if (idv % 2 == 0 && idv >= 2 && pod_json_get_u64(&sub, res) == POD_OK) acct_sub = (long)sub;
      if (idv % 2 == 1 && idv > 1 && (pod_json_get_bool(&yes, res) != POD_OK || !yes)) {
        t->failed++;
        snprintf(t->first_error, sizeof t->first_error, "unsubscribe: %.200s", buf);
      }
    } else {
      t->failed++;
      snprintf(t->first_error, sizeof t->first_error, "answer: %.200s", buf);
    }
    pod_json_free(d);
  }
  ws_send_frame(fd, 0x8, 1, "\x03\xe8", 2); /* close 1000 */
  close(fd);
  free(buf);
  return NULL;
}

/* Registers every sender as an agent and funds it (before the clock starts). */
static int setup(void) {
  for (unsigned i = 0; i < SENDERS; i++) {
    pod_client *c = new_client(&keys[i]);
    if (!c) return -1;
    char uri[64];
    snprintf(uri, sizeof uri, "https://example.com/load-%u.json", i);
    int rc = pod_client_airdrop(NULL, c, NULL, 50 * SOL);
    if (rc == POD_OK) rc = pod_agent_register(NULL, NULL, c, POD_CAP_TEXT | POD_CAP_CODE, uri);
    if (rc != POD_OK) fprintf(stderr, "setup %u: %s\n", i, pod_client_errmsg(c));
    pod_client_free(c);
    if (rc != POD_OK) return -1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_podd_load PODD [SECONDS]\n");
    return 2;
  }
  long secs = argc > 2 ? atol(argv[2]) : rel_env_long("POD_LOAD_SECONDS", 10);
  if (secs < 2) return 2;
  /* Under ASan, freed memory waits in a quarantine (256 MiB by default) before reuse: keep it
   * small in podd so its RSS shows what podd holds, not what ASan delays. */
  const char *ao = getenv("ASAN_OPTIONS");
  char aopts[512];
  snprintf(aopts, sizeof aopts, "%s%squarantine_size_mb=8", ao ? ao : "", ao && *ao ? ":" : "");
  setenv("ASAN_OPTIONS", aopts, 1);

  char dir[] = "/tmp/podc-rel-load-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  const char *extra[] = {"--rpc-threads", "4", NULL};
  pid_t pid = podd_spawn_ex(argv[1], dir, extra, &rpc_port, &ws_port);
  CHECK(pid > 0 && ws_port > 0);
  if (pid <= 0 || ws_port == 0) return 1;
  snprintf(url, sizeof url, "http://127.0.0.1:%u", rpc_port);
  for (unsigned i = 0; i < SENDERS; i++) {
    pod_keypair_generate(&keys[i]);
    pod_keypair_pubkey(&wallets[i], &keys[i]);
  }
  CHECK_EQ(setup(), 0);
  uint64_t rss_setup = rel_status_kib(pid, "VmRSS"), anon_setup = rel_status_kib(pid, "RssAnon");

  static client_t cl[CLIENTS];
  for (unsigned i = 0; i < CLIENTS; i++) {
    cl[i].idx = i < SENDERS ? i : i - SENDERS;
    cl[i].lat_read = malloc(LAT_MAX * sizeof(uint64_t));
    cl[i].lat_send = malloc(LAT_MAX * sizeof(uint64_t));
    void *(*fn)(void *) = i < SENDERS ? sender : i < SENDERS + READERS ? reader : subscriber;
    CHECK_EQ(pthread_create(&cl[i].th, NULL, fn, &cl[i]), 0);
  }
  uint64_t t0 = now_ms(), end = t0 + (uint64_t)secs * 1000u, warm_at = t0 + (uint64_t)secs * 200u;
  uint64_t rss_peak = 0, anon_warm = 0, anon_peak = 0;
  while (now_ms() < end) {
    usleep(250000);
    uint64_t r = rel_status_kib(pid, "VmRSS"), a = rel_status_kib(pid, "RssAnon");
    if (r > rss_peak) rss_peak = r;
    if (a > anon_peak) anon_peak = a;
    if (!anon_warm && now_ms() >= warm_at) anon_warm = a;
  }
  uint64_t rss_end = rel_status_kib(pid, "VmRSS"), anon_end = rel_status_kib(pid, "RssAnon");
  atomic_store(&stop, 1);
  uint64_t ok = 0, failed = 0, notes = 0;
  size_t nr = 0, ns = 0;
  for (unsigned i = 0; i < CLIENTS; i++) {
    pthread_join(cl[i].th, NULL);
    ok += cl[i].ok, failed += cl[i].failed, notes += cl[i].notifications;
    nr += cl[i].n_read, ns += cl[i].n_send;
    if (cl[i].failed)
      fprintf(stderr, "client %u: %llu failed, first: %s\n", i, (unsigned long long)cl[i].failed,
              cl[i].first_error);
  }
  double elapsed = (double)(now_ms() - t0) / 1000.0;
  uint64_t *lr = malloc((nr + 1) * sizeof *lr), *ls = malloc((ns + 1) * sizeof *ls);
  size_t ar = 0, as = 0;
  for (unsigned i = 0; i < CLIENTS; i++) {
    memcpy(lr + ar, cl[i].lat_read, cl[i].n_read * sizeof *lr), ar += cl[i].n_read;
    memcpy(ls + as, cl[i].lat_send, cl[i].n_send * sizeof *ls), as += cl[i].n_send;
    free(cl[i].lat_read), free(cl[i].lat_send);
  }
  uint64_t r50 = rel_percentile(lr, nr, 50), r99 = rel_percentile(lr, nr, 99);
  uint64_t s50 = rel_percentile(ls, ns, 50), s99 = rel_percentile(ls, ns, 99);
  fprintf(stderr,
          "test_podd_load: %d clients (%d senders, %d readers, %d subscribers), %.1f s\n"
          "  requests ok %llu, failed %llu; notifications %llu\n"
          "  reads: %zu (%.0f/s), p50 %.2f ms, p99 %.2f ms\n"
          "  sends (confirmed): %zu (%.0f/s), p50 %.2f ms, p99 %.2f ms\n"
          "  podd VmRSS (with the mapped ledger): %llu KiB after setup, peak %llu, end %llu\n"
          "  podd RssAnon (heap): %llu KiB after setup, %llu after warm-up, peak %llu, end %llu\n",
          CLIENTS, SENDERS, READERS, SUBSCRIBERS, elapsed, (unsigned long long)ok,
          (unsigned long long)failed, (unsigned long long)notes, nr, (double)nr / elapsed,
          (double)r50 / 1000.0, (double)r99 / 1000.0, ns, (double)ns / elapsed,
          (double)s50 / 1000.0, (double)s99 / 1000.0, (unsigned long long)rss_setup,
          (unsigned long long)rss_peak, (unsigned long long)rss_end, (unsigned long long)anon_setup,
          (unsigned long long)anon_warm, (unsigned long long)anon_peak,
          (unsigned long long)anon_end);
  free(lr);
  free(ls);
  CHECK_EQ(failed, 0);
  CHECK(nr > 0 && ns > 0);
  CHECK(notes > 0);
  /* bounded memory: after the warm-up, podd's heap grows by at most 32 MiB + 50 % (the mapped
   * ledger file grows with the data written and is not counted) */
  CHECK(anon_end > 0 && anon_end <= anon_warm + anon_warm / 2 + 32 * 1024);

  pod_json_doc *d = NULL;
  CHECK_EQ(rel_rpc(rpc_port, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getHealth\"}", &d, 10000),
           200);
  pod_json_free(d);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, NULL), POD_OK);
  pod_ledger_report_t rep;
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.total_lamports, rep.expected_lamports);
  pod_ledger_close(l);
  for (unsigned i = 0; i < SENDERS; i++)
    pod_keypair_wipe(&keys[i]);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
