/* Batches (batch.h) end to end, against `embedded:` and against a real podd (argv[1]): 100
 * messages packed into k transactions whose size is checked against the txn module, every message
 * on chain; the per-item results of bad items (refused client-side, a duplicate in the batch, a
 * message that already exists on chain: its packed transaction fails and its items are retried
 * one per transaction); broadcasts to several channels with the rate limit counted across items. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pod/batch.h"
#include "pod/client.h"
#include "pod/metrics.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"
#include "test_ok.h"

#define SOL 1000000000ull
#define N 100

static const pod_message_type_t TEXT = {POD_MSG_TEXT, 0};

static pod_client *new_client(const char *ep, pod_ledger *l, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.ledger = l;
  o.keypair = kp;
  o.retry_base_ms = 20;
  o.metrics = 1;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static char payloads[N][48];

static void scenario(const char *ep, pod_ledger *l) {
  fprintf(stderr, "-- %s\n", ep);
  pod_keypair_t ka, kr[10];
  pod_keypair_generate(&ka);
  pod_pubkey_t pa, rcpt[10];
  pod_keypair_pubkey(&pa, &ka);
  for (int i = 0; i < 10; i++) {
    pod_keypair_generate(&kr[i]);
    pod_keypair_pubkey(&rcpt[i], &kr[i]);
  }
  pod_client *a = new_client(ep, l, &ka);
  if (!a) return;
  OK(a, pod_client_airdrop(NULL, a, NULL, 10 * SOL));

  pod_batch_message_t items[N];
  pod_batch_result_t res[N];
  pod_batch_summary_t sum;
  for (int i = 0; i < N; i++) {
    snprintf(payloads[i], sizeof payloads[i], "batch message %d", i);
    items[i] = (pod_batch_message_t){rcpt[i % 10], payloads[i], strlen(payloads[i]), TEXT};
  }

  /* not registered: the whole batch is refused, each result says so */
  CHECK_EQ(pod_batch_send_messages(res, &sum, a, items, N), POD_ENOTFOUND);
  CHECK_EQ(res[0].rc, POD_ENOTFOUND);
  CHECK_EQ(res[N - 1].rc, POD_ENOTFOUND);
  CHECK(strstr(res[5].err, "not registered") != NULL);
  CHECK_EQ(sum.transactions, 0u);
  CHECK_EQ(pod_batch_send_messages(res, &sum, a, items, 0), POD_EINVAL);
  CHECK_EQ(pod_batch_send_messages(NULL, &sum, a, items, N), POD_EINVAL);

  OK(a, pod_agent_register(NULL, NULL, a, POD_CAP_TEXT, "https://example.com/batch-agent.json"));
  OK(a, pod_client_metrics_reset(a));

  /* ---- 100 messages ---- */
  OK(a, pod_batch_send_messages(res, &sum, a, items, N));
  fprintf(stderr, "   100 messages: %zu transactions, %zu status calls\n", sum.transactions,
          sum.status_calls);
  CHECK_EQ(sum.ok, (size_t)N);
  CHECK_EQ(sum.failed, 0u);
  CHECK_EQ(sum.retried, 0u);
  CHECK(sum.transactions > 1 && sum.transactions < N / 4);
  CHECK_EQ(sum.packed, sum.transactions);
  {
    /* sent pipelined: over HTTP one JSON-RPC batch request carries every sendTransaction */
    pod_metric_t m[64];
    size_t nm = 0, batches = 0, singles = 0;
    OK(a, pod_client_metrics(m, 64, &nm, a));
    for (size_t i = 0; i < nm && i < 64; i++) {
      if (!strcmp(m[i].name, "sendTransactionBatch")) batches = m[i].count;
      if (!strcmp(m[i].name, "sendTransaction")) singles = m[i].count;
    }
    int http = !strncmp(ep, "http", 4);
    CHECK_EQ(batches, http ? 1u : 0u);
    CHECK_EQ(singles, http ? 0u : sum.transactions);
  }
  size_t distinct = 0, first_cnt = 0;
  for (int i = 0; i < N; i++) {
    CHECK_EQ(res[i].rc, POD_OK);
    CHECK(res[i].sig[0] != 0);
    CHECK(res[i].tx < sum.transactions);
    if (i == 0 || res[i].tx != res[i - 1].tx) distinct++;
    if (res[i].tx == 0) first_cnt++;
    if (i > 0) CHECK(res[i].tx >= res[i - 1].tx); /* packed in order */
    if (i > 0 && res[i].tx == res[i - 1].tx) CHECK_STR(res[i].sig, res[i - 1].sig);
    pod_message_t m;
    OK(a, pod_message_get(&m, a, &res[i].address));
    CHECK(pod_pubkey_eq(&m.account.recipient, &rcpt[i % 10]));
    uint8_t h[32];
    pod_message_payload_hash(h, payloads[i], strlen(payloads[i]));
    CHECK(memcmp(m.account.payload_hash, h, 32) == 0);
  }
  CHECK_EQ(distinct, sum.transactions);
  /* the first transaction is as full as 1232 bytes allow: its items fit, one more does not */
  {
    pod_ix_t *ix = calloc(first_cnt + 1, sizeof *ix);
    pod_instruction_t ins[64];
    CHECK(ix != NULL && first_cnt + 1 <= 64);
    for (size_t i = 0; ix && i <= first_cnt && i < 64; i++) {
      pod_ix_send_message_args_t ma;
      memset(&ma, 0, sizeof ma);
      ma.recipient = items[i].recipient;
      pod_message_payload_hash(ma.payload_hash, items[i].payload, items[i].payload_sz);
      ma.message_type = TEXT;
      CHECK_EQ(pod_ix_send_message(&ix[i], &pa, &ma), POD_OK);
      ins[i] = ix[i].ix;
    }
    uint8_t msg[POD_TXN_MTU], bh[32] = {1};
    size_t msz = 0;
    CHECK_EQ(pod_message_compile(msg, sizeof msg, &msz, &pa, ins, first_cnt, bh), POD_OK);
    CHECK(65 + msz <= POD_TXN_MTU);
    CHECK_EQ(pod_message_compile(msg, sizeof msg, &msz, &pa, ins, first_cnt + 1, bh),
             POD_ETOOLARGE);
    free(ix);
  }

  /* ---- status updates: recipient 0 marks its 10 messages read ---- */
  {
    pod_client *r0 = new_client(ep, l, &kr[0]);
    OK(r0, pod_client_airdrop(NULL, r0, NULL, SOL));
    OK(r0, pod_agent_register(NULL, NULL, r0, POD_CAP_TEXT, "https://example.com/batch-r0.json"));
    pod_batch_status_t st[13];
    pod_batch_result_t sr[13];
    for (int i = 0; i < 10; i++)
      st[i] = (pod_batch_status_t){res[i * 10].address, POD_STATUS_READ};
    st[10] = (pod_batch_status_t){res[1].address, POD_STATUS_READ};     /* not its message: 6001 */
    st[11] = (pod_batch_status_t){res[20].address, POD_STATUS_PENDING}; /* 6003 */
    memset(&st[12].message, 4, sizeof st[12].message);                  /* no such message */
    st[12].status = POD_STATUS_READ;
    CHECK_EQ(pod_batch_set_status(sr, &sum, r0, st, 13), POD_EPROGRAM);
    CHECK_EQ(sum.ok, 10u);
    CHECK_EQ(sum.refused, 3u);
    CHECK_EQ(sum.transactions, 1u); /* ten status updates fit one transaction */
    CHECK_EQ(sr[10].rc, POD_EPROGRAM);
    CHECK(sr[10].program_error && sr[10].program_error->code == 6001);
    CHECK(sr[11].program_error && sr[11].program_error->code == 6003);
    CHECK_EQ(sr[12].rc, POD_ENOTFOUND);
    for (int i = 0; i < 10; i++) {
      CHECK_EQ(sr[i].rc, POD_OK);
      pod_message_t m;
      OK(r0, pod_message_get(&m, r0, &st[i].message));
      CHECK_EQ(m.account.status, POD_STATUS_READ);
    }
    pod_client_free(r0);
  }

  /* ---- bad items ---- */
  static char p2[20][48];
  pod_batch_message_t bad[20];
  for (int i = 0; i < 20; i++) {
    snprintf(p2[i], sizeof p2[i], "second batch %d", i);
    bad[i] = (pod_batch_message_t){rcpt[i % 10], p2[i], strlen(p2[i]), TEXT};
  }
  bad[3].type.kind = 9; /* refused client-side: 102 */
  bad[7] = bad[6];      /* the same message twice in the batch */
  bad[12] = items[12];  /* already on chain: its packed transaction fails on chain / preflight */
  pod_pubkey_t me;
  pod_client_pubkey(&me, a);
  uint64_t b0 = 0, b1 = 0;
  OK(a, pod_client_balance(&b0, a, &me));
  int rc = pod_batch_send_messages(res, &sum, a, bad, 20);
  CHECK_EQ(rc, POD_EPROGRAM); /* the first failed item's */
  CHECK(strstr(pod_client_errmsg(a), "3 of 20 items failed") != NULL);
  CHECK_EQ(sum.ok, 17u);
  CHECK_EQ(sum.failed, 3u);
  CHECK_EQ(sum.refused, 2u);
  CHECK(sum.retried >= 2); /* item 12's packed transaction, retried one per item */
  CHECK_EQ(res[3].rc, POD_EPROGRAM);
  CHECK(res[3].program_error && res[3].program_error->code == 102);
  CHECK(res[3].sig[0] == 0);
  CHECK(strstr(res[3].err, "no fee") != NULL);
  CHECK_EQ(res[7].rc, POD_EEXIST);
  CHECK(strstr(res[7].err, "item 6") != NULL);
  CHECK_EQ(res[12].rc, POD_EPROGRAM);
  CHECK(res[12].program_error != NULL && res[12].program_error->origin == POD_ERR_ORIGIN_SYSTEM &&
        res[12].program_error->code == 0);
  CHECK(res[12].has_tx_error);
  fprintf(stderr, "   item 12: %s\n", res[12].err);
  for (int i = 0; i < 20; i++) {
    if (i == 3 || i == 7 || i == 12) continue;
    CHECK_EQ(res[i].rc, POD_OK);
    pod_message_t m;
    OK(a, pod_message_get(&m, a, &res[i].address));
  }
  OK(a, pod_client_balance(&b1, a, &me));
  CHECK(b1 < b0);

  /* ---- broadcasts to three channels ---- */
  pod_pubkey_t ch[3];
  const char *names[3] = {"batch-a", "batch-b", "batch-c"};
  for (int i = 0; i < 3; i++) {
    pod_channel_create_args_t ca = {names[i], "", POD_VISIBILITY_PUBLIC, 10, 0, 0};
    OK(a, pod_channel_create(&ch[i], NULL, a, &ca));
  }
  pod_pubkey_t nowhere;
  memset(&nowhere, 7, sizeof nowhere);
  pod_batch_broadcast_t bb[6] = {
      {ch[0], "hello a", 7, TEXT, NULL}, {ch[1], "hello b", 7, TEXT, NULL},
      {ch[2], "hello c", 7, TEXT, NULL}, {ch[0], "again a", 7, TEXT, NULL}, /* 6011 */
      {nowhere, "lost", 4, TEXT, NULL},                                     /* no channel */
      {ch[1], "   ", 3, TEXT, NULL},                                        /* 6012 blank */
  };
  pod_batch_result_t br[6];
  rc = pod_batch_broadcast(br, &sum, a, bb, 6);
  CHECK(rc != POD_OK);
  CHECK_EQ(sum.ok, 3u);
  CHECK_EQ(sum.refused, 3u);
  CHECK_EQ(sum.transactions, 1u); /* three broadcasts fit one transaction */
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(br[i].rc, POD_OK);
    pod_channel_message_rec_t *msgs = NULL;
    size_t nm = 0;
    OK(a, pod_channel_messages(&msgs, &nm, a, &ch[i]));
    CHECK_EQ(nm, 1u);
    if (nm == 1) CHECK(pod_pubkey_eq(&msgs[0].address, &br[i].address));
    pod_channel_message_list_free(msgs);
  }
  CHECK_EQ(br[3].rc, POD_EPROGRAM);
  CHECK(br[3].program_error && br[3].program_error->code == 6011);
  CHECK_EQ(br[4].rc, POD_ENOTFOUND);
  CHECK_EQ(br[5].rc, POD_EPROGRAM);
  CHECK(br[5].program_error && br[5].program_error->code == 6012);

  pod_client_free(a);
  pod_keypair_wipe(&ka);
  for (int i = 0; i < 10; i++)
    pod_keypair_wipe(&kr[i]);
}

int main(int argc, char **argv) {
  char dir[] = "/tmp/pod_batch_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger *L = NULL;
  CHECK_EQ(pod_ledger_open(&L, dir, NULL), POD_OK);
  if (L) scenario("embedded:", L);
  pod_ledger_close(L);
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);

  if (argc > 1 && access(argv[1], X_OK) == 0) {
    char pdir[] = "/tmp/pod_batch_podd_XXXXXX";
    CHECK(mkdtemp(pdir) != NULL);
    uint16_t port = 0;
    pid_t pid = podd_spawn(argv[1], pdir, &port);
    CHECK(pid > 0);
    if (pid > 0) {
      char url[64];
      snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
      scenario(url, NULL);
      kill(pid, SIGTERM);
      waitpid(pid, NULL, 0);
      /* the node is gone: a transport failure before anything was sent reaches every result */
      pod_keypair_t kp;
      pod_keypair_generate(&kp);
      pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
      o.endpoint = url;
      o.keypair = &kp;
      o.retry_max = 1;
      pod_client *dead = NULL;
      CHECK_EQ(pod_client_new(&dead, &o), POD_OK);
      pod_pubkey_t me;
      pod_keypair_pubkey(&me, &kp);
      pod_batch_message_t one[2] = {{me, "x", 1, TEXT}, {me, "y", 1, TEXT}};
      pod_batch_result_t r2[2];
      CHECK_EQ(pod_batch_send_messages(r2, NULL, dead, one, 2), POD_EIO);
      CHECK_EQ(r2[0].rc, POD_EIO);
      CHECK_EQ(r2[1].rc, POD_EIO);
      CHECK(strstr(r2[1].err, "cannot reach") != NULL);
      pod_client_free(dead);
      pod_keypair_wipe(&kp);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", pdir);
    CHECK_EQ(system(cmd), 0);
  } else {
    fprintf(stderr, "no podd binary given: the podd part is not run\n");
  }
  TEST_DONE();
}
