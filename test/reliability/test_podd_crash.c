/* Crash recovery of podd (docs/RELIABILITY.md): podd runs on a ledger directory under a write
 * load from WRITERS client threads (SDK over HTTP: airdrops, System transfers, register_agent,
 * send_message), each recording the signature of every transaction whose confirmation it
 * received; podd is killed with SIGKILL at a random moment. After each kill, with podd stopped,
 * the ledger is opened in-process: every recorded signature is there and pod_ledger_verify
 * holds (lamports conserved, every PoD account decodes, indexes consistent). podd is then
 * restarted on the same directory and must serve: getHealth, and getSignatureStatuses finds every
 * recorded transaction (getTransaction the last few). At the end podd stops on SIGTERM with
 * exit status 0 (under ASan: no leaks).
 *
 * Usage: test_podd_crash PODD [CYCLES [MAX_LOAD_MS]] (20 cycles, kill within 100..1500 ms of the
 * load starting); POD_CRASH_CYCLES and POD_CRASH_MAX_MS set the same. */
#define _GNU_SOURCE
#include "rel_util.h"

#include "pod/client.h"
#include "pod/encode.h"
#include "pod/keys.h"
#include "pod/ledger.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>

#define WRITERS 4
#define SOL 1000000000ull

/* ---- the confirmed signatures, from every writer ---- */
static pthread_mutex_t sig_mu = PTHREAD_MUTEX_INITIALIZER;
static char (*sigs)[POD_CLIENT_SIG_SZ];
static size_t sig_n, sig_cap;

static void record(const char *sig) {
  pthread_mutex_lock(&sig_mu);
  if (sig_n == sig_cap) {
    size_t cap = sig_cap ? sig_cap * 2 : 1024;
    void *p = realloc(sigs, cap * sizeof *sigs);
    if (!p) abort();
    sigs = p;
    sig_cap = cap;
  }
  memcpy(sigs[sig_n++], sig, POD_CLIENT_SIG_SZ);
  pthread_mutex_unlock(&sig_mu);
}

/* ---- a writer ---- */
typedef struct {
  uint16_t port;
  unsigned cycle, idx;
  atomic_int *killed; /* set just before SIGKILL: failures after it are expected */
  int unexpected;     /* failures while podd was alive */
  char first_error[256];
  pthread_t th;
} writer_t;

static void failed(writer_t *w, const char *what, int rc, pod_client *c) {
  if (atomic_load(w->killed)) return;
  if (!w->unexpected++)
    snprintf(w->first_error, sizeof w->first_error, "%s: %s (%s)", what, pod_strerror(rc),
             c ? pod_client_errmsg(c) : "");
}

static void *writer(void *arg) {
  writer_t *w = arg;
  pod_keypair_t kp;
  pod_keypair_generate(&kp);
  pod_pubkey_t me, sink;
  pod_keypair_pubkey(&me, &kp);
  memset(sink.b, 0, 32);
  sink.b[0] = 7, sink.b[1] = (uint8_t)w->idx;
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", w->port);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.keypair = &kp;
  o.timeout_ms = 5000;
  o.retry_max = 1; /* a dead podd must not be retried for long */
  pod_client *c = NULL;
  int rc = pod_client_new(&c, &o);
  pod_keypair_wipe(&kp); /* the client holds its own copy */
  if (rc != POD_OK) {
    failed(w, "pod_client_new", rc, NULL);
    return NULL;
  }
  char sig[POD_CLIENT_SIG_SZ];
  if ((rc = pod_client_airdrop(sig, c, NULL, 5 * SOL)) != POD_OK) {
    failed(w, "airdrop", rc, c);
    goto out;
  }
  record(sig);
  char uri[64];
  snprintf(uri, sizeof uri, "https://example.com/crash-%u-%u.json", w->cycle, w->idx);
  if ((rc = pod_agent_register(NULL, sig, c, POD_CAP_TEXT, uri)) != POD_OK) {
    failed(w, "register_agent", rc, c);
    goto out;
  }
  record(sig);
  for (uint64_t i = 0; !atomic_load(w->killed); i++) {
    if (i % 2 == 0) { /* System transfer */
      uint8_t d[12] = {2, 0, 0, 0};
      uint64_t lam = 1000000 + i;
      for (int j = 0; j < 8; j++)
        d[4 + j] = (uint8_t)(lam >> (8 * j));
      pod_account_meta_t m[2] = {{me, 1, 1}, {sink, 0, 1}};
      pod_instruction_t ix = {pod_system_program_id, m, 2, d, sizeof d};
      rc = pod_client_send(sig, c, &ix, 1);
    } else { /* send_message to the sink wallet, a new payload each time */
      char payload[64];
      int pn = snprintf(payload, sizeof payload, "crash %u/%u #%llu", w->cycle, w->idx,
                        (unsigned long long)i);
      rc = pod_message_send(NULL, sig, c, &sink, payload, (size_t)pn,
                            (pod_message_type_t){POD_MSG_TEXT, 0});
    }
    if (rc != POD_OK) {
      failed(w, i % 2 ? "send_message" : "transfer", rc, c);
      break;
    }
    record(sig);
  }
out:
  pod_client_free(c);
  return NULL;
}

/* ---- checks ---- */

/* podd answers getHealth with "ok". */
static int serves(uint16_t port) {
  pod_json_doc *d = NULL;
  int st = rel_rpc(port, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getHealth\"}", &d, 10000);
  const char *s = NULL;
  int ok = st == 200 &&
           pod_json_get_str(&s, NULL, pod_json_find(pod_json_root(d), "result")) == POD_OK &&
           strcmp(s, "ok") == 0;
  pod_json_free(d);
  return ok;
}

/* getSignatureStatuses over every recorded signature (200 per request): the number of those
 * missing or failed. */
static size_t missing_over_rpc(uint16_t port) {
  size_t missing = 0;
  char *body = malloc(200 * (POD_CLIENT_SIG_SZ + 3) + 256);
  for (size_t at = 0; at < sig_n; at += 200) {
    size_t k = sig_n - at < 200 ? sig_n - at : 200;
    size_t n = (size_t)sprintf(body, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                     "\"getSignatureStatuses\",\"params\":[[");
    for (size_t i = 0; i < k; i++)
      n += (size_t)sprintf(body + n, "%s\"%s\"", i ? "," : "", sigs[at + i]);
    sprintf(body + n, "]]}");
    pod_json_doc *d = NULL;
    int st = rel_rpc(port, body, &d, 20000);
    const pod_json_val *v = pod_json_find(pod_json_find(pod_json_root(d), "result"), "value");
    if (st != 200 || pod_json_len(v) != k) {
      fprintf(stderr, "getSignatureStatuses: HTTP %d, %zu entries for %zu\n", st, pod_json_len(v),
              k);
      missing += k;
    } else {
      for (size_t i = 0; i < k; i++) {
        const pod_json_val *e = pod_json_at(v, i);
        if (pod_json_type(e) != POD_JSON_OBJECT || !pod_json_is_null(pod_json_find(e, "err"))) {
          if (missing++ < 5) fprintf(stderr, "not found over RPC: %s\n", sigs[at + i]);
        }
      }
    }
    pod_json_free(d);
  }
  free(body);
  return missing;
}

/* getTransaction of one signature returns a transaction. */
static int has_transaction(uint16_t port, const char *sig) {
  char body[256];
  snprintf(body, sizeof body,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getTransaction\",\"params\":[\"%s\"]}", sig);
  pod_json_doc *d = NULL;
  int st = rel_rpc(port, body, &d, 10000);
  const pod_json_val *r = pod_json_find(pod_json_root(d), "result");
  int ok = st == 200 && pod_json_type(pod_json_find(r, "transaction")) != POD_JSON_NONE &&
           pod_json_type(pod_json_find(r, "slot")) == POD_JSON_NUMBER;
  pod_json_free(d);
  return ok;
}

/* With podd stopped: the ledger opens, every recorded signature is there, invariants hold. */
static void verify_offline(const char *dir, unsigned cycle) {
  pod_ledger *l = NULL;
  int rc = pod_ledger_open(&l, dir, NULL);
  CHECK_EQ(rc, POD_OK);
  if (rc != POD_OK) return;
  size_t missing = 0;
  for (size_t i = 0; i < sig_n; i++) {
    pod_signature_t s;
    size_t got = 0;
    pod_sig_status_t st;
    if (pod_base58_decode(s.b, sizeof s.b, &got, sigs[i], strlen(sigs[i])) != POD_OK || got != 64 ||
        pod_ledger_signature_status(l, &s, &st) != POD_OK) {
      if (missing++ < 5) fprintf(stderr, "cycle %u: lost after SIGKILL: %s\n", cycle, sigs[i]);
    }
  }
  CHECK_EQ(missing, 0);
  pod_ledger_report_t rep;
  memset(&rep, 0, sizeof rep);
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.total_lamports, rep.expected_lamports);
  CHECK_EQ(rep.index_errors, 0);
  CHECK_EQ(rep.pod_errors, 0);
  CHECK(rep.transactions >= sig_n);
  pod_ledger_close(l);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_podd_crash PODD [CYCLES [MAX_LOAD_MS]]\n");
    return 2;
  }
  const char *bin = argv[1];
  long cycles = argc > 2 ? atol(argv[2]) : rel_env_long("POD_CRASH_CYCLES", 20);
  long max_ms = argc > 3 ? atol(argv[3]) : rel_env_long("POD_CRASH_MAX_MS", 1500);
  if (cycles < 1 || max_ms < 100) return 2;
  char dir[] = "/tmp/podc-rel-crash-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
  srand(seed);
  fprintf(stderr, "test_podd_crash: %ld cycles, kill within 100..%ld ms, seed %u, ledger %s\n",
          cycles, max_ms, seed, dir);
  uint64_t t0 = podd_spawn_now_ms();
  size_t prev = 0;
  for (long cy = 0; cy < cycles; cy++) {
    uint16_t port = 0;
    pid_t pid = podd_spawn(bin, dir, &port);
    CHECK(pid > 0);
    if (pid <= 0) break;
    /* podd serves and still has everything confirmed before the previous kill */
    CHECK(serves(port));
    CHECK_EQ(missing_over_rpc(port), 0);
    for (size_t i = sig_n > 3 ? sig_n - 3 : 0; i < sig_n; i++)
      CHECK(has_transaction(port, sigs[i]));

    atomic_int killed = 0;
    writer_t w[WRITERS];
    memset(w, 0, sizeof w);
    for (unsigned i = 0; i < WRITERS; i++) {
      w[i].port = port, w[i].cycle = (unsigned)cy, w[i].idx = i, w[i].killed = &killed;
      CHECK_EQ(pthread_create(&w[i].th, NULL, writer, &w[i]), 0);
    }
    long delay = 100 + rand() % (max_ms - 99);
    struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    atomic_store(&killed, 1);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    for (unsigned i = 0; i < WRITERS; i++) {
      pthread_join(w[i].th, NULL);
      if (w[i].unexpected) fprintf(stderr, "cycle %ld writer %u: %s\n", cy, i, w[i].first_error);
      CHECK_EQ(w[i].unexpected, 0);
    }
    verify_offline(dir, (unsigned)cy);
    fprintf(stderr, "cycle %ld: killed after %ld ms, %zu confirmed (total %zu)\n", cy, delay,
            sig_n - prev, sig_n);
    prev = sig_n;
    if (pod_test_failures) break;
  }
  /* the last restart: everything is there, then a clean stop */
  uint16_t port = 0;
  pid_t pid = podd_spawn(bin, dir, &port);
  CHECK(pid > 0);
  if (pid > 0) {
    CHECK(serves(port));
    CHECK_EQ(missing_over_rpc(port), 0);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  fprintf(stderr,
          "test_podd_crash: %ld SIGKILLs under load, %zu confirmed transactions, %s, %.1f s\n",
          cycles, sig_n,
          pod_test_failures ? "FAILED (above)" : "all present, ledger verified after each",
          (double)(podd_spawn_now_ms() - t0) / 1000.0);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  free(sigs);
  TEST_DONE();
}
