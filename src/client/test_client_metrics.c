/* Metrics and memory statistics (metrics.h): off by default (the accessors say so), counters and
 * histograms per transport operation, per transaction and per batch when on, the Prometheus text
 * (ENOSPC and *need), reset, memstats (RSS from /proc, the HTTP transport's buffers) — against
 * embedded: and a real podd (argv[1]). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pod/batch.h"
#include "pod/metrics.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

static pod_client *new_client(const char *ep, pod_ledger *l, const pod_keypair_t *kp, int m) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.ledger = l;
  o.keypair = kp;
  o.metrics = m;
  /* no PubSub: confirmations poll (getSignatureStatuses, counted below) whatever port podd's
   * WebSocket happens to get */
  o.ws_url = "";
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static const pod_metric_t *find(const pod_metric_t *ms, size_t n, const char *name) {
  for (size_t i = 0; i < n; i++)
    if (!strcmp(ms[i].name, name)) return &ms[i];
  return NULL;
}

static void scenario(const char *ep, pod_ledger *l, int http) {
  pod_keypair_t kp;
  pod_keypair_generate(&kp);
  pod_client *off = new_client(ep, l, &kp, 0), *c = new_client(ep, l, &kp, 1);
  if (!off || !c) return;
  size_t n = 0, need = 0;
  char small[16];
  CHECK_EQ(pod_client_metrics(NULL, 0, &n, off), POD_EINVAL);
  CHECK(strstr(pod_client_errmsg(off), "opts.metrics") != NULL);
  CHECK_EQ(pod_client_metrics_prometheus(small, sizeof small, &need, off), POD_EINVAL);
  pod_client_memstats_t ms;
  CHECK_EQ(pod_client_memstats(&ms, off), POD_OK);
  CHECK(ms.rss_bytes > 0 && ms.rss_peak_bytes >= ms.rss_bytes);
  CHECK_EQ(ms.metrics_bytes, 0u);

  CHECK_EQ(pod_client_airdrop(NULL, c, NULL, SOL), POD_OK);
  CHECK_EQ(pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/metrics.json"),
           POD_OK);
  pod_pubkey_t to;
  memset(&to, 3, sizeof to);
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  for (int i = 0; i < 5; i++) {
    char p[32];
    snprintf(p, sizeof p, "metrics %d", i);
    CHECK_EQ(pod_message_send(NULL, NULL, c, &to, p, strlen(p), text), POD_OK);
  }
  /* a failure: the same message again (already exists) */
  CHECK_EQ(pod_message_send(NULL, NULL, c, &to, "metrics 0", 9, text), POD_EPROGRAM);
  pod_batch_message_t bi[3] = {{to, "b0", 2, text}, {to, "b1", 2, text}, {to, "b2", 2, text}};
  pod_batch_result_t br[3];
  CHECK_EQ(pod_batch_send_messages(br, NULL, c, bi, 3), POD_OK);

  pod_metric_t m[64];
  CHECK_EQ(pod_client_metrics(m, 64, &n, c), POD_OK);
  CHECK(n >= 5 && n <= 64);
  const pod_metric_t *sm = find(m, n, "send_message"), *send = find(m, n, "sendTransaction"),
                     *reg = find(m, n, "register_agent"), *bat = find(m, n, "messages");
  CHECK(sm && sm->kind == POD_METRIC_TX && sm->count == 6 && sm->errors == 1);
  CHECK(reg && reg->count == 1 && reg->errors == 0);
  CHECK(send && send->kind == POD_METRIC_RPC &&
        send->count == 8); /* register + 6 + the batch's one */
  CHECK(bat && bat->kind == POD_METRIC_BATCH && bat->count == 1);
  if (sm) {
    uint64_t total = 0;
    for (size_t k = 0; k < POD_METRICS_BUCKETS; k++)
      total += sm->buckets[k];
    CHECK_EQ(total, sm->count);
    CHECK(sm->sum_ns > 0 && sm->max_ns <= sm->sum_ns);
  }
  if (http) CHECK(find(m, n, "getSignatureStatuses") != NULL);

  /* Prometheus text: too small, then exact */
  CHECK_EQ(pod_client_metrics_prometheus(small, sizeof small, &need, c), POD_ENOSPC);
  CHECK(need > sizeof small);
  CHECK_EQ(strlen(small), sizeof small - 1);
  char *text_buf = malloc(need + 1);
  size_t need2 = 0;
  CHECK_EQ(pod_client_metrics_prometheus(text_buf, need + 1, &need2, c), POD_OK);
  CHECK_EQ(need2, need);
  CHECK_EQ(strlen(text_buf), need);
  CHECK(strstr(text_buf, "# TYPE pod_client_rpc_seconds histogram\n") != NULL);
  CHECK(strstr(text_buf, "pod_client_tx_seconds_count{instruction=\"send_message\"} 6\n") != NULL);
  CHECK(strstr(text_buf, "pod_client_tx_errors_total{instruction=\"send_message\"} 1\n") != NULL);
  CHECK(strstr(text_buf, "pod_client_tx_seconds_bucket{instruction=\"send_message\",le=\"+Inf\"} "
                         "6\n") != NULL);
  CHECK(strstr(text_buf, "pod_client_batch_seconds_count{kind=\"messages\"} 1\n") != NULL);
  CHECK(strstr(text_buf, "le=\"4e-06\"") != NULL);
  free(text_buf);
  CHECK(pod_metrics_bucket_le(0) == 4e-6);
  CHECK(pod_metrics_bucket_le(POD_METRICS_BUCKETS - 1) > 1e300);

  CHECK_EQ(pod_client_memstats(&ms, c), POD_OK);
  CHECK(ms.metrics_bytes > 0);
  if (http) CHECK(ms.pool_bytes > 0 && ms.pool_buffers == 2);
  CHECK_EQ(pod_client_memstats(&ms, NULL), POD_OK);

  CHECK_EQ(pod_client_metrics_reset(c), POD_OK);
  CHECK_EQ(pod_client_metrics(m, 64, &n, c), POD_OK);
  CHECK_EQ(n, 0u);
  pod_client_free(off);
  pod_client_free(c);
  pod_keypair_wipe(&kp);
}

int main(int argc, char **argv) {
  char dir[] = "/tmp/pod_metrics_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger *L = NULL;
  CHECK_EQ(pod_ledger_open(&L, dir, NULL), POD_OK);
  if (L) scenario("embedded:", L, 0);
  pod_ledger_close(L);
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  if (argc > 1 && access(argv[1], X_OK) == 0) {
    char pdir[] = "/tmp/pod_metrics_podd_XXXXXX";
    CHECK(mkdtemp(pdir) != NULL);
    uint16_t port = 0;
    pid_t pid = podd_spawn(argv[1], pdir, &port);
    CHECK(pid > 0);
    if (pid > 0) {
      char url[64];
      snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
      scenario(url, NULL, 1);
      kill(pid, SIGTERM);
      waitpid(pid, NULL, 0);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", pdir);
    CHECK_EQ(system(cmd), 0);
  }
  TEST_DONE();
}
