/* The HTTP transport: retries against a tiny scripted HTTP server on 127.0.0.1 (429 with
 * Retry-After, 500, then 200; JSON-RPC errors never retried; a closed port), then the services end
 * to end against a real podd (argv[1]) started on a free port. Exits 77 (skipped) when podd does
 * not implement a method the client needs (JSON-RPC -32601). Loopback only; bounded waits. */
#define _GNU_SOURCE /* memmem, strcasestr */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pod/client.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- a scripted HTTP/1.1 server: answer i of the script for request i (the last one repeats) */

typedef struct {
  int status;
  const char *extra_headers;
  const char *body;
} answer_t;

typedef struct {
  int lfd;
  uint16_t port;
  const answer_t *script;
  size_t script_n;
  volatile int stop;
  int requests; /* requests answered */
  pthread_t th;
} server_t;

static int read_request(int fd) {
  char buf[8192];
  size_t n = 0;
  uint64_t until = now_ms() + 5000;
  for (;;) {
    if (now_ms() > until || n == sizeof buf) return -1;
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    ssize_t r = read(fd, buf + n, sizeof buf - n);
    if (r <= 0) return -1;
    n += (size_t)r;
    char *end = memmem(buf, n, "\r\n\r\n", 4);
    if (!end) continue;
    size_t head = (size_t)(end - buf) + 4;
    const char *cl = strcasestr(buf, "content-length:");
    size_t want = cl ? (size_t)strtoul(cl + 15, NULL, 10) : 0;
    if (n >= head + want) return 0;
  }
}

static void *serve(void *arg) {
  server_t *s = arg;
  while (!s->stop) {
    struct pollfd p = {s->lfd, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    int fd = accept(s->lfd, NULL, NULL);
    if (fd < 0) continue;
    while (!s->stop && read_request(fd) == 0) { /* keep-alive: several requests per connection */
      size_t i = (size_t)s->requests < s->script_n ? (size_t)s->requests : s->script_n - 1;
      const answer_t *a = &s->script[i];
      char out[4096];
      int len =
          snprintf(out, sizeof out,
                   "HTTP/1.1 %d X\r\nContent-Type: application/json\r\n%sContent-Length: "
                   "%zu\r\n\r\n%s",
                   a->status, a->extra_headers ? a->extra_headers : "", strlen(a->body), a->body);
      s->requests++;
      if (write(fd, out, (size_t)len) != len) break;
    }
    close(fd);
  }
  return NULL;
}

static int server_start(server_t *s, const answer_t *script, size_t n) {
  memset(s, 0, sizeof *s);
  s->script = script;
  s->script_n = n;
  s->lfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t al = sizeof a;
  if (s->lfd < 0 || bind(s->lfd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->lfd, 8) != 0 ||
      getsockname(s->lfd, (struct sockaddr *)&a, &al) != 0)
    return -1;
  s->port = ntohs(a.sin_port);
  return pthread_create(&s->th, NULL, serve, s);
}

static void server_stop(server_t *s) {
  s->stop = 1;
  pthread_join(s->th, NULL);
  close(s->lfd);
}

static pod_client *http_client(uint16_t port, uint32_t retry_max, uint32_t base_ms) {
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.retry_max = retry_max;
  o.retry_base_ms = base_ms;
  o.timeout_ms = 5000;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static void test_retries(void) {
  static const answer_t script[] = {
      {429, "Retry-After: 1\r\n", "{\"error\":\"slow down\"}"},
      {500, NULL, "oops"},
      {200, NULL, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":4242}"},
  };
  server_t s;
  CHECK_EQ(server_start(&s, script, 3), 0);
  pod_client *c = http_client(s.port, 4, 10);
  uint64_t slot = 0, t0 = now_ms();
  CHECK_EQ(pod_client_slot(&slot, c), POD_OK);
  uint64_t took = now_ms() - t0;
  CHECK_EQ(slot, 4242);
  CHECK_EQ(s.requests, 3);
  CHECK(took >= 1000); /* Retry-After honoured */
  CHECK(took < 5000);
  pod_client_free(c);
  server_stop(&s);

  /* retries are bounded: always 503, 3 attempts, then the last failure */
  static const answer_t down[] = {{503, NULL, "down"}};
  CHECK_EQ(server_start(&s, down, 1), 0);
  c = http_client(s.port, 3, 5);
  CHECK_EQ(pod_client_slot(&slot, c), POD_EIO);
  CHECK_EQ(s.requests, 3);
  CHECK(strstr(pod_client_errmsg(c), "HTTP 503") != NULL);
  pod_client_free(c);
  server_stop(&s);

  /* a JSON-RPC error is an answer: never retried */
  static const answer_t rpcerr[] = {{200, NULL,
                                     "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,"
                                     "\"message\":\"Method not found\"}}"}};
  CHECK_EQ(server_start(&s, rpcerr, 1), 0);
  c = http_client(s.port, 4, 5);
  CHECK_EQ(pod_client_slot(&slot, c), POD_EIO);
  CHECK_EQ(s.requests, 1);
  CHECK_EQ(pod_client_last_rpc_code(c), -32601);
  CHECK(strstr(pod_client_errmsg(c), "does not implement") != NULL);
  pod_client_free(c);
  server_stop(&s);

  /* a refused transaction (preflight) is final: one request, the error decoded with its logs */
  static const answer_t refused[] = {
      {200, NULL,
       "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"context\":{\"slot\":1},\"value\":{"
       "\"blockhash\":\"11111111111111111111111111111111\",\"lastValidBlockHeight\":150}}}"},
      {200, NULL,
       "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32002,\"message\":\"Transaction "
       "simulation failed: Error processing Instruction 0: custom program error: 0x1770\","
       "\"data\":{\"err\":{\"InstructionError\":[0,{\"Custom\":6000}]},\"logs\":[\"Program log: "
       "AnchorError occurred.\"],\"unitsConsumed\":300}}}"},
  };
  CHECK_EQ(server_start(&s, refused, 2), 0);
  c = NULL;
  {
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%u", s.port);
    pod_keypair_t kp;
    CHECK_EQ(pod_keypair_generate(&kp), POD_OK);
    pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
    o.endpoint = url;
    o.keypair = &kp;
    o.retry_base_ms = 5;
    CHECK_EQ(pod_client_new(&c, &o), POD_OK);
    pod_keypair_wipe(&kp);
  }
  char sig[POD_CLIENT_SIG_SZ];
  /* built by hand: the service would check the agent first */
  pod_pubkey_t me;
  CHECK_EQ(pod_client_pubkey(&me, c), POD_OK);
  pod_ix_t ix;
  pod_ix_register_agent_args_t ra = {1, {"https://x.example/a", 19}};
  CHECK_EQ(pod_ix_register_agent(&ix, &me, &ra), POD_OK);
  CHECK_EQ(pod_client_send(sig, c, &ix.ix, 1), POD_EPROGRAM);
  CHECK_EQ(s.requests, 2);
  CHECK(pod_client_last_program_error(c) && pod_client_last_program_error(c)->code == 6000);
  size_t nl = 0;
  const char *const *logs = pod_client_last_logs(c, &nl);
  CHECK_EQ(nl, 1);
  if (nl == 1) CHECK_STR(logs[0], "Program log: AnchorError occurred.");
  CHECK(strstr(pod_client_errmsg(c), "InvalidMetadataUriLength") != NULL);
  pod_client_free(c);
  server_stop(&s);

  /* nobody listening: network errors are retried, then reported */
  CHECK_EQ(server_start(&s, down, 1), 0);
  uint16_t dead = s.port;
  server_stop(&s); /* the port is closed now */
  c = http_client(dead, 2, 5);
  CHECK_EQ(pod_client_slot(&slot, c), POD_EIO);
  CHECK(strstr(pod_client_errmsg(c), "cannot reach") != NULL);
  pod_client_free(c);
}

/* ---- podd ---- */

/* 1 if the last failure was "method not found": podd is not finished, skip. */
static int missing_method(pod_client *c, int rc) {
  if (rc != POD_OK && pod_client_last_rpc_code(c) == -32601) {
    fprintf(stderr, "SKIP: podd does not implement a method the client needs: %s\n",
            pod_client_errmsg(c));
    return 1;
  }
  return 0;
}

#define SOL 1000000000ull
#define STEP(call)                                                                                 \
  do {                                                                                             \
    int step_rc_ = (call);                                                                         \
    if (missing_method(last, step_rc_)) {                                                          \
      skipped = 1;                                                                                 \
      goto done;                                                                                   \
    }                                                                                              \
    CHECK_EQ(step_rc_, POD_OK);                                                                    \
    if (step_rc_ != POD_OK) fprintf(stderr, "  %s\n", pod_client_errmsg(last));                    \
  } while (0)

static int test_podd(const char *bin) {
  char dir[] = "/tmp/pod_client_podd_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  uint16_t port = 0;
  pid_t pid = podd_spawn(bin, dir, &port);
  CHECK(pid > 0);
  if (pid <= 0) return 0;
  int skipped = 0;
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  pod_keypair_t ka, kb, kc;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_keypair_generate(&kc);
  pod_pubkey_t pa, pb;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_client *a = NULL, *b = NULL, *cc = NULL, *last = NULL;
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.retry_base_ms = 20;
  o.keypair = &ka;
  CHECK_EQ(pod_client_new(&a, &o), POD_OK);
  o.keypair = &kb;
  CHECK_EQ(pod_client_new(&b, &o), POD_OK);
  o.keypair = &kc;
  CHECK_EQ(pod_client_new(&cc, &o), POD_OK);
  char sig[POD_CLIENT_SIG_SZ];
  uint64_t bal = 0, before;

  last = a;
  STEP(pod_client_airdrop(sig, a, NULL, 10 * SOL));
  STEP(pod_client_airdrop(NULL, a, &pb, 10 * SOL));
  STEP(pod_client_balance(&bal, a, &pa));
  CHECK_EQ(bal, 10 * SOL);
  int64_t now = 0;
  STEP(pod_client_now(&now, a));
  CHECK(now > 1600000000);

  /* agents */
  pod_pubkey_t agent_a;
  STEP(pod_agent_register(&agent_a, sig, a, POD_CAP_TEXT, "https://example.com/agent-a.json"));
  last = b;
  STEP(pod_agent_register(NULL, NULL, b, POD_CAP_TRADING | POD_CAP_TEXT,
                          "https://example.com/agent-b.json"));
  pod_agent_t ag;
  STEP(pod_agent_get(&ag, b, &pa));
  CHECK(pod_pubkey_eq(&ag.address, &agent_a));
  CHECK_EQ(ag.account.capabilities, POD_CAP_TEXT);
  uint64_t caps = POD_CAP_CODE | POD_CAP_TEXT;
  last = a;
  STEP(pod_agent_update(NULL, a, &caps, "https://example.com/agent-a2.json"));
  STEP(pod_agent_get(&ag, a, NULL));
  CHECK_EQ(ag.account.capabilities, caps);
  pod_agent_t *al = NULL;
  size_t n = 0;
  STEP(pod_agent_list(&al, &n, a, 0));
  CHECK_EQ(n, 2);
  pod_agent_list_free(al);
  STEP(pod_agent_list(&al, &n, a, POD_CAP_TRADING));
  CHECK_EQ(n, 1);
  pod_agent_list_free(al);
  /* bad URI: refused before sending, no fee */
  STEP(pod_client_balance(&before, a, &pa));
  CHECK_EQ(pod_agent_register(NULL, NULL, a, 1, "ftp://example.com/x.json"), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 6000);
  STEP(pod_client_balance(&bal, a, &pa));
  CHECK_EQ(bal, before);
  /* registering twice: refused by the node's preflight, named, with logs */
  CHECK_EQ(pod_agent_register(NULL, NULL, a, 2, "https://example.com/agent-a.json"), POD_EPROGRAM);
  CHECK(pod_client_last_program_error(a) != NULL);
  CHECK(strstr(pod_client_errmsg(a), "already") != NULL);
  size_t nl = 0;
  pod_client_last_logs(a, &nl);
  CHECK(nl > 0);
  /* unregistered: a clear error */
  last = cc;
  CHECK_EQ(pod_agent_get(&ag, cc, NULL), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(cc), "not registered") != NULL);
  CHECK_EQ(pod_message_send(NULL, NULL, cc, &pa, "x", 1, (pod_message_type_t){0, 0}),
           POD_ENOTFOUND);

  /* messages */
  last = a;
  pod_pubkey_t m1;
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  STEP(pod_message_send(&m1, sig, a, &pb, "hello over http", 15, text));
  pod_message_t msg;
  STEP(pod_message_get(&msg, b, &m1));
  CHECK(pod_pubkey_eq(&msg.account.recipient, &pb));
  CHECK_EQ(pod_message_is_expired(&msg.account, now), 0);
  pod_message_t *ml = NULL;
  last = b;
  STEP(pod_message_inbox(&ml, &n, b, NULL));
  CHECK_EQ(n, 1);
  pod_message_list_free(ml);
  STEP(pod_message_outbox(&ml, &n, b, &pa));
  CHECK_EQ(n, 1);
  pod_message_list_free(ml);
  STEP(pod_message_set_status(sig, b, &m1, POD_STATUS_DELIVERED));
  STEP(pod_message_set_status(NULL, b, &m1, POD_STATUS_READ));
  STEP(pod_message_get(&msg, a, &m1));
  CHECK_EQ(msg.account.status, POD_STATUS_READ);
  CHECK_EQ(pod_message_set_status(NULL, a, &m1, POD_STATUS_READ), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 6001);
  /* batch read: more than 100 keys go as one JSON-RPC batch */
  {
    enum { K = 150 };
    pod_pubkey_t *keys = calloc(K, sizeof *keys);
    pod_client_account_t *accts = calloc(K, sizeof *accts);
    int *found = calloc(K, sizeof *found);
    for (int i = 0; i < K; i++)
      memset(&keys[i], i + 1, sizeof keys[i]);
    keys[0] = m1;
    keys[120] = agent_a;
    STEP(pod_client_get_accounts(accts, found, a, keys, K));
    CHECK_EQ(found[0], 1);
    CHECK_EQ(found[1], 0);
    CHECK_EQ(found[120], 1);
    CHECK_EQ(accts[120].data_sz, 286);
    for (int i = 0; i < K; i++)
      pod_client_account_free(&accts[i]);
    free(keys);
    free(accts);
    free(found);
  }

done:
  pod_client_free(a);
  pod_client_free(b);
  pod_client_free(cc);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_keypair_wipe(&kc);
  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  return skipped;
}

int main(int argc, char **argv) {
  test_retries();
  int skipped = 0;
  if (argc > 1 && access(argv[1], X_OK) == 0)
    skipped = test_podd(argv[1]);
  else
    fprintf(stderr, "no podd binary given: the podd part is not run\n");
  if (skipped && pod_test_failures == 0) return 77;
  TEST_DONE();
}
