/* pod_client_set_signer / pod_client_set_sign_fn (one client, many identities) and the services'
 * memo of the signer's agent, on embedded: and on a real podd (argv[1], with its PubSub port):
 * two signers on one client register two agents and message each other; the keypair is wiped
 * on switching; read-only after NULL; argument errors and a switch from inside a signing
 * callback (refused); the connections and the blockhash are kept across switches (one WebSocket
 * connect, one getLatestBlockhash); repeated sends read the sender's agent once (metrics); and
 * the memo never lets an unregistered signer through: after a registered signer, an unregistered
 * one still gets "agent not registered" with nothing sent or paid. The batches and channel writes
 * use the same memo (counted: no agent read once known; a batch item failing on chain forgets it)
 * and refuse the unregistered signer the same way. Over podd the airdrop is
 * confirmed by signatureSubscribe, as sends are. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "client/client_int.h"
#include "client/ws.h"
#include "pod/batch.h"
#include "pod/metrics.h"
#include "pod/pda.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"
#include "test_ok.h"

#define SOL 1000000000ull

static const pod_message_type_t text = {POD_MSG_TEXT, 0};

static uint64_t metric(pod_client *c, const char *name) {
  pod_metric_t m[64];
  size_t n = 0;
  if (pod_client_metrics(m, 64, &n, c) != POD_OK) return UINT64_MAX;
  for (size_t i = 0; i < n && i < 64; i++)
    if (!strcmp(m[i].name, name)) return m[i].count;
  return 0;
}

static uint64_t balance(pod_client *c, const pod_pubkey_t *k) {
  uint64_t v = 0;
  OK(c, pod_client_balance(&v, c, k));
  return v;
}

static int is_zero(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    if (b[i]) return 0;
  return 1;
}

/* A signing callback for pod_client_set_sign_fn: signs with its keypair, counts its calls, and
 * tries (once) to switch the client's signer from inside the call, which the guard refuses. */
typedef struct {
  pod_keypair_t kp;
  pod_client *c;
  int calls;
  int reentry_rc;
} signer_cb_t;

static int sign_cb(void *user, pod_signature_t *sig, const uint8_t *msg, size_t msg_sz) {
  signer_cb_t *s = user;
  if (s->calls++ == 0) s->reentry_rc = pod_client_set_signer(s->c, NULL);
  return pod_sign(sig, &s->kp, msg, msg_sz);
}

static void scenario(const char *ep, pod_ledger *L, const char *ws) {
  pod_keypair_t ka, kb, kc;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_keypair_generate(&kc);
  pod_pubkey_t pa, pb, pc, agent_a, agent_b;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_keypair_pubkey(&pc, &kc);
  CHECK_EQ(pod_pda_agent(&agent_a, NULL, &pa), POD_OK);
  CHECK_EQ(pod_pda_agent(&agent_b, NULL, &pb), POD_OK);

  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.ledger = L;
  o.keypair = &ka;
  o.metrics = 1;
  o.timeout_ms = 10000;
  o.ws_url = ws;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  if (!c) return;
  pod_pubkey_t who;

  /* argument errors: nothing changes */
  CHECK_EQ(pod_client_set_signer(NULL, &kb), POD_EINVAL);
  CHECK_EQ(pod_client_set_sign_fn(NULL, sign_cb, NULL, &pb), POD_EINVAL);
  CHECK_EQ(pod_client_set_sign_fn(c, NULL, NULL, &pb), POD_EINVAL);
  CHECK(strstr(pod_client_errmsg(c), "pod_client_set_sign_fn") != NULL);
  CHECK_EQ(pod_client_set_sign_fn(c, sign_cb, NULL, NULL), POD_EINVAL);
  CHECK_EQ(pod_client_pubkey(&who, c), POD_OK);
  CHECK(pod_pubkey_eq(&who, &pa));

  /* signer A: funded (the airdrop goes to the current signer) and registered */
  OK(c, pod_client_airdrop(NULL, c, NULL, 2 * SOL));
  OK(c, pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/a.json"));
  CHECK_EQ(balance(c, &pa), 2 * SOL - POD_AGENT_RENT - 5000);

  /* signer B on the same client: the old keypair is wiped, B's copied */
  OK(c, pod_client_set_signer(c, &kb));
  CHECK(c->has_kp && !memcmp(c->kp.b, kb.b, sizeof kb.b));
  CHECK_EQ(pod_client_pubkey(&who, c), POD_OK);
  CHECK(pod_pubkey_eq(&who, &pb));
  OK(c, pod_client_airdrop(NULL, c, NULL, 2 * SOL));
  CHECK_EQ(balance(c, &pb), 2 * SOL);
  pod_pubkey_t reg;
  OK(c, pod_agent_register(&reg, NULL, c, POD_CAP_TEXT | POD_CAP_TRADING,
                           "https://example.com/b.json"));
  CHECK(pod_pubkey_eq(&reg, &agent_b));
  pod_agent_t ag;
  OK(c, pod_agent_get(&ag, c, NULL)); /* NULL: the current signer's */
  CHECK(pod_pubkey_eq(&ag.account.pubkey, &pb));
  CHECK_EQ(ag.account.capabilities, POD_CAP_TEXT | POD_CAP_TRADING);
  OK(c, pod_agent_get(&ag, c, &pa));
  CHECK(pod_pubkey_eq(&ag.account.pubkey, &pa));
  CHECK_EQ(ag.account.capabilities, POD_CAP_TEXT);

  /* B writes to A, A to B: each message's sender is its signer's agent */
  pod_pubkey_t m1, m2;
  OK(c, pod_message_send(&m1, NULL, c, &pa, "b to a", 6, text));
  OK(c, pod_client_set_signer(c, &ka));
  OK(c, pod_message_send(&m2, NULL, c, &pb, "a to b", 6, text));
  pod_message_t msg;
  OK(c, pod_message_get(&msg, c, &m1));
  CHECK(pod_pubkey_eq(&msg.account.sender, &agent_b) && pod_pubkey_eq(&msg.account.recipient, &pa));
  OK(c, pod_message_get(&msg, c, &m2));
  CHECK(pod_pubkey_eq(&msg.account.sender, &agent_a) && pod_pubkey_eq(&msg.account.recipient, &pb));
  pod_message_t *box = NULL;
  size_t n = 0;
  OK(c, pod_message_inbox(&box, &n, c, NULL)); /* NULL: A's inbox */
  CHECK(n == 1 && box && pod_pubkey_eq(&box[0].account.sender, &agent_b));
  pod_message_list_free(box);
  /* A updates its agent as the signer (update_agent checks the agent like send does) */
  uint64_t caps = POD_CAP_TEXT | POD_CAP_ANALYSIS;
  OK(c, pod_agent_update(NULL, c, &caps, NULL));

  /* kept across the switches: one blockhash fetched, one WebSocket connection */
  CHECK_EQ(metric(c, "getLatestBlockhash"), 1);
  if (ws && *ws) {
    pod_ws_stats_t st;
    pod_client__ps_stats(c, &st);
    CHECK(st.up && st.connects == 1);
    /* 2 airdrops + 2 registrations + 2 sends + 1 update, all by signatureNotification */
    CHECK_EQ(st.confirms, 7);
    CHECK_EQ(metric(c, "getSignatureStatuses"), 0);
  }

  /* the memo: after the first send of a signer, its agent is not read again */
  OK(c, pod_client_set_signer(c, &kb));
  OK(c, pod_client_metrics_reset(c));
  for (int i = 0; i < 4; i++) {
    char p[32];
    int len = snprintf(p, sizeof p, "memo %d", i);
    OK(c, pod_message_send(NULL, NULL, c, &pa, p, (size_t)len, text));
  }
  CHECK_EQ(metric(c, "getAccountInfo"), 1);
  CHECK_EQ(metric(c, "sendTransaction"), 4);
  /* registering sets it too: a fresh signer that registers then sends reads nothing */
  pod_keypair_t kr;
  pod_keypair_generate(&kr);
  OK(c, pod_client_set_signer(c, &kr));
  OK(c, pod_client_airdrop(NULL, c, NULL, SOL));
  OK(c, pod_client_metrics_reset(c));
  OK(c, pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/r.json"));
  OK(c, pod_message_send(NULL, NULL, c, &pa, "fresh", 5, text));
  CHECK_EQ(metric(c, "getAccountInfo"), 0);
  pod_keypair_wipe(&kr);

  /* the same memo in batches and channels (batch.c, channels.c). B's agent known (B has sent):
   * a batch of messages, a v2 channel's creation and a broadcast do not read it — the broadcast
   * reads only the channel and B's participant record. */
  OK(c, pod_client_set_signer(c, &kb));
  OK(c, pod_message_send(NULL, NULL, c, &pa, "known", 5, text)); /* reads it, once */
  OK(c, pod_client_metrics_reset(c));
  pod_batch_message_t bm[3] = {
      {pa, "batch 0", 7, text}, {pa, "batch 1", 7, text}, {pb, "batch 2", 7, text}};
  pod_batch_result_t br[3];
  pod_batch_summary_t bs;
  OK(c, pod_batch_send_messages(br, &bs, c, bm, 3));
  CHECK_EQ(bs.ok, 3);
  pod_pubkey_t chan;
  pod_channel_create_args_t ca = {"swarm", "one client", POD_VISIBILITY_PUBLIC, 10, 0, 0};
  OK(c, pod_channel_create(&chan, NULL, c, &ca)); /* v2: B's agent must exist */
  CHECK_EQ(metric(c, "getAccountInfo"), 0);
  OK(c, pod_channel_broadcast(NULL, NULL, c, &chan, "from b", 6, text, NULL));
  CHECK_EQ(metric(c, "getAccountInfo"), 2);
  /* A, after the switch: its first join reads its agent (channel, agent, participant), then a
   * broadcast batch reads it not at all (the channels and records in one getMultipleAccounts) */
  OK(c, pod_client_set_signer(c, &ka));
  OK(c, pod_client_metrics_reset(c));
  OK(c, pod_channel_join(NULL, c, &chan));
  CHECK_EQ(metric(c, "getAccountInfo"), 3);
  pod_batch_broadcast_t bb = {chan, "from a", 6, text, NULL};
  OK(c, pod_batch_broadcast(br, &bs, c, &bb, 1));
  CHECK_EQ(metric(c, "getAccountInfo"), 3);
  CHECK_EQ(metric(c, "getMultipleAccounts"), 1);
  /* a status batch reads the agent's record with the messages (it needs the record), never
   * alone: "b to a" read by A */
  OK(c, pod_client_metrics_reset(c));
  pod_batch_status_t bst = {m1, POD_STATUS_READ};
  OK(c, pod_batch_set_status(br, &bs, c, &bst, 1));
  CHECK_EQ(metric(c, "getAccountInfo"), 0);
  CHECK_EQ(metric(c, "getMultipleAccounts"), 1);
  OK(c, pod_message_get(&msg, c, &m1));
  CHECK_EQ(msg.account.status, POD_STATUS_READ);
  /* a batch item that fails once sent forgets the memo, as a failed send does: "a to b" again
   * (its message exists), then the next send reads A's agent */
  pod_batch_message_t dup = {pb, "a to b", 6, text};
  CHECK_EQ(pod_batch_send_messages(br, &bs, c, &dup, 1), POD_EPROGRAM);
  CHECK(bs.failed == 1 && bs.refused == 0);
  OK(c, pod_client_metrics_reset(c));
  OK(c, pod_message_send(NULL, NULL, c, &pb, "a again", 7, text));
  CHECK_EQ(metric(c, "getAccountInfo"), 1);

  /* ... and never lets an unregistered signer through: C is funded, not registered. The last
   * signer's agent is known; C must still get the clear error, with nothing sent or paid. */
  OK(c, pod_client_set_signer(c, &kc));
  OK(c, pod_client_airdrop(NULL, c, NULL, SOL));
  OK(c, pod_client_metrics_reset(c));
  CHECK_EQ(pod_message_send(NULL, NULL, c, &pa, "from c", 6, text), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(c), "agent not registered") != NULL);
  CHECK(pod_client_last_program_error(c) == NULL);
  CHECK_EQ(pod_agent_update(NULL, c, &caps, NULL), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(c), "agent not registered") != NULL);
  /* a refused registration (6000, client-side) does not count as registered */
  CHECK_EQ(pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, ""), POD_EPROGRAM);
  CHECK_EQ(pod_message_send(NULL, NULL, c, &pa, "from c", 6, text), POD_ENOTFOUND);
  /* the batches and channels refuse C the same way (A's agent was known just before) */
  pod_batch_message_t cm = {pa, "from c", 6, text};
  CHECK_EQ(pod_batch_send_messages(br, &bs, c, &cm, 1), POD_ENOTFOUND);
  CHECK(strstr(br[0].err, "agent not registered") != NULL);
  pod_batch_broadcast_t cb = {chan, "from c", 6, text, NULL};
  CHECK_EQ(pod_batch_broadcast(br, &bs, c, &cb, 1), POD_ENOTFOUND);
  CHECK(strstr(br[0].err, "agent not registered") != NULL);
  pod_batch_status_t cst = {m2, POD_STATUS_READ};
  CHECK_EQ(pod_batch_set_status(br, &bs, c, &cst, 1), POD_ENOTFOUND);
  CHECK(strstr(br[0].err, "agent not registered") != NULL);
  CHECK_EQ(pod_channel_join(NULL, c, &chan), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(c), "agent not registered") != NULL);
  CHECK_EQ(pod_channel_broadcast(NULL, NULL, c, &chan, "from c", 6, text, NULL), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(c), "agent not registered") != NULL);
  pod_channel_create_args_t cca = {"cchan", "", POD_VISIBILITY_PUBLIC, 10, 0, 0};
  CHECK_EQ(pod_channel_create(NULL, NULL, c, &cca), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(c), "agent not registered") != NULL);
  CHECK_EQ(metric(c, "sendTransaction"), 0);
  CHECK_EQ(balance(c, &pc), SOL);
  /* the same for a registered signer coming back after C: B sends at once */
  OK(c, pod_client_set_signer(c, &kb));
  OK(c, pod_message_send(NULL, NULL, c, &pa, "b again", 7, text));

  /* a signing callback: D signs through it; a switch from inside the callback is refused */
  signer_cb_t d;
  memset(&d, 0, sizeof d);
  pod_keypair_generate(&d.kp);
  d.c = c;
  pod_pubkey_t pd;
  pod_keypair_pubkey(&pd, &d.kp);
  OK(c, pod_client_set_sign_fn(c, sign_cb, &d, &pd));
  CHECK(!c->has_kp && is_zero(c->kp.b, sizeof c->kp.b)); /* B's keypair wiped */
  CHECK_EQ(pod_client_pubkey(&who, c), POD_OK);
  CHECK(pod_pubkey_eq(&who, &pd));
  OK(c, pod_client_airdrop(NULL, c, NULL, SOL));
  OK(c, pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/d.json"));
  CHECK(d.calls >= 1);
  CHECK_EQ(d.reentry_rc, POD_EINVAL);
  CHECK_EQ(pod_client_pubkey(&who, c), POD_OK); /* still D */
  CHECK(pod_pubkey_eq(&who, &pd));
  OK(c, pod_message_send(NULL, NULL, c, &pa, "from d", 6, text));
  /* back to a keypair: the callback is no longer called */
  int calls = d.calls;
  OK(c, pod_client_set_signer(c, &ka));
  OK(c, pod_message_send(NULL, NULL, c, &pd, "a to d", 6, text));
  CHECK_EQ(d.calls, calls);
  pod_keypair_wipe(&d.kp);

  /* read-only: sends refused, reads go on, the keypair wiped */
  OK(c, pod_client_set_signer(c, NULL));
  CHECK(!c->has_kp && !c->has_signer && is_zero(c->kp.b, sizeof c->kp.b));
  CHECK_EQ(pod_client_pubkey(&who, c), POD_ENOTFOUND);
  CHECK_EQ(pod_message_send(NULL, NULL, c, &pb, "ro", 2, text), POD_EINVAL);
  CHECK(strstr(pod_client_errmsg(c), "no signer") != NULL);
  CHECK_EQ(pod_agent_register(NULL, NULL, c, POD_CAP_TEXT, "https://example.com/x.json"),
           POD_EINVAL);
  CHECK_EQ(pod_client_airdrop(NULL, c, NULL, SOL), POD_EINVAL);
  CHECK_EQ(pod_agent_get(&ag, c, NULL), POD_EINVAL);
  OK(c, pod_agent_get(&ag, c, &pa));
  CHECK(balance(c, &pa) > 0);
  OK(c, pod_message_inbox(&box, &n, c, &pb));
  CHECK_EQ(n, 3); /* "a to b", "batch 2", "a again" */
  pod_message_list_free(box);
  /* and a signer again */
  OK(c, pod_client_set_signer(c, &kb));
  OK(c, pod_message_send(NULL, NULL, c, &pa, "b last", 6, text));
  if (ws && *ws) {
    pod_ws_stats_t st;
    pod_client__ps_stats(c, &st);
    CHECK(st.up && st.connects == 1);
  }

  pod_client_free(c);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_keypair_wipe(&kc);
}

static void rm_dir(const char *dir) {
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
}

int main(int argc, char **argv) {
  char dir[] = "/tmp/pod_signer_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger *L = NULL;
  CHECK_EQ(pod_ledger_open(&L, dir, NULL), POD_OK);
  if (L) scenario("embedded:", L, NULL);
  pod_ledger_close(L);
  rm_dir(dir);

  int skipped = 1;
  if (argc > 1 && access(argv[1], X_OK) == 0) {
    char pdir[] = "/tmp/pod_signer_podd_XXXXXX";
    CHECK(mkdtemp(pdir) != NULL);
    uint16_t port = 0, wsport = 0;
    pid_t pid = podd_spawn_ex(argv[1], pdir, NULL, &port, &wsport);
    CHECK(pid > 0 && wsport > 0);
    if (pid > 0) {
      skipped = 0;
      char url[64], ws[64];
      snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
      snprintf(ws, sizeof ws, "ws://127.0.0.1:%u", wsport);
      scenario(url, NULL, ws);
      scenario(url, NULL, ""); /* no PubSub: confirmations by polling */
      int st = 0;
      kill(pid, SIGTERM);
      waitpid(pid, &st, 0);
      CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    }
    rm_dir(pdir);
  }
  if (skipped && pod_test_failures == 0) {
    fprintf(stderr, "podd part skipped (no podd binary, or it did not start)\n");
    return 77;
  }
  TEST_DONE();
}
