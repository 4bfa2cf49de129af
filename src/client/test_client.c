/* The client and the agents/messages services end to end against `embedded:` (a fresh ledger in a
 * temp directory, test clock): every method, and the failure paths a user meets. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pod/client.h"
#include "pod/ledger.h"
#include "pod/services.h"
#include "test/pod_test.h"

#define SOL 1000000000ull

static int logs_contain(const pod_client *c, const char *needle) {
  size_t n = 0;
  const char *const *logs = pod_client_last_logs(c, &n);
  for (size_t i = 0; i < n; i++)
    if (strstr(logs[i], needle)) return 1;
  return 0;
}

static uint64_t balance(pod_client *c) {
  pod_pubkey_t me;
  uint64_t b = 0;
  CHECK_EQ(pod_client_pubkey(&me, c), POD_OK);
  CHECK_EQ(pod_client_balance(&b, c, &me), POD_OK);
  return b;
}

static pod_client *new_client(pod_ledger *l, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = "embedded:";
  o.ledger = l;
  o.keypair = kp;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

/* A signing callback that (wrongly) calls the client back: the guard must refuse it. */
static pod_client *reentrant_target;
static int reentrant_rc = 1;
static pod_keypair_t cb_kp;
static int sign_cb(void *user, pod_signature_t *sig, const uint8_t *msg, size_t msg_sz) {
  (void)user;
  if (reentrant_target) {
    uint64_t slot;
    reentrant_rc = pod_client_slot(&slot, reentrant_target);
  }
  return pod_sign(sig, &cb_kp, msg, msg_sz);
}

static void test_options(void) {
  pod_client *c = (pod_client *)1;
  char err[256];
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  CHECK_EQ(pod_client_new_err(&c, err, sizeof err, &o), POD_EINVAL);
  CHECK(c == NULL);
  CHECK(strstr(err, "endpoint") != NULL);
  o.endpoint = "gopher://x";
  CHECK_EQ(pod_client_new_err(&c, err, sizeof err, &o), POD_EINVAL);
  CHECK(strstr(err, "unknown endpoint") != NULL);
  o.endpoint = "embedded:";
  CHECK_EQ(pod_client_new_err(&c, err, sizeof err, &o), POD_EINVAL);
  CHECK(strstr(err, "directory") != NULL);
  o.version = 99;
  CHECK_EQ(pod_client_new(&c, &o), POD_EINVAL);
  /* monikers resolve; nothing is contacted at creation */
  pod_client_opts_t m = POD_CLIENT_OPTS_INIT;
  m.endpoint = "localhost";
  CHECK_EQ(pod_client_new(&c, &m), POD_OK);
  CHECK_STR(pod_client_endpoint(c), "http://127.0.0.1:8899");
  CHECK(pod_client_ledger(c) == NULL);
  pod_client_free(c);
  m.endpoint = "devnet";
  CHECK_EQ(pod_client_new(&c, &m), POD_OK);
  CHECK_STR(pod_client_endpoint(c), "https://api.devnet.solana.com");
  /* read-only client: sending is refused with a message */
  CHECK_EQ(pod_agent_register(NULL, NULL, c, 1, "https://example.com/a.json"), POD_EINVAL);
  CHECK(strstr(pod_client_errmsg(c), "no signer") != NULL);
  pod_client_free(c);
  pod_client_free(NULL);
}

int main(void) {
  test_options();

  char dir[] = "/tmp/pod_client_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t lo = POD_LEDGER_OPTS_INIT;
  lo.manual_clock = 1;
  lo.genesis_time = 1700000000;

  /* client A opens the ledger itself (embedded:DIR with ledger_opts) */
  pod_keypair_t ka, kb, kc;
  CHECK_EQ(pod_keypair_generate(&ka), POD_OK);
  CHECK_EQ(pod_keypair_generate(&kb), POD_OK);
  CHECK_EQ(pod_keypair_generate(&kc), POD_OK);
  char ep[128];
  snprintf(ep, sizeof ep, "embedded:%s", dir);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.keypair = &ka;
  o.ledger_opts = &lo;
  pod_client *a = NULL;
  CHECK_EQ(pod_client_new(&a, &o), POD_OK);
  if (!a) return 1;
  pod_ledger *L = pod_client_ledger(a);
  CHECK(L != NULL);
  /* a second handle on the same directory is refused with what to do */
  pod_client *dup = NULL;
  char err[POD_CLIENT_SIG_SZ * 8];
  CHECK_EQ(pod_client_new_err(&dup, err, sizeof err, &o), POD_EPERM);
  CHECK(strstr(err, "opts.ledger") != NULL);
  pod_client *b = new_client(L, &kb), *cc = new_client(L, &kc);
  pod_pubkey_t pa, pb, pc;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_keypair_pubkey(&pc, &kc);

  /* airdrops, balances, slot, clock */
  char sig[POD_CLIENT_SIG_SZ];
  CHECK_EQ(pod_client_airdrop(sig, a, NULL, 10 * SOL), POD_OK);
  CHECK(strlen(sig) >= 64);
  CHECK_EQ(pod_client_airdrop(NULL, b, NULL, 10 * SOL), POD_OK);
  CHECK_EQ(pod_client_airdrop(NULL, a, &pc, 10 * SOL), POD_OK);
  CHECK_EQ(balance(a), 10 * SOL);
  CHECK_EQ(pod_client_airdrop(NULL, a, NULL, 1000 * SOL), POD_ELIMIT);
  CHECK(strstr(pod_client_errmsg(a), "cap") != NULL);
  int64_t now = 0;
  CHECK_EQ(pod_client_now(&now, a), POD_OK);
  CHECK_EQ(now, 1700000000);
  uint64_t slot = 99;
  CHECK_EQ(pod_client_slot(&slot, a), POD_OK);

  /* ---- agents ---- */
  pod_pubkey_t agent_a;
  uint64_t before = balance(a);
  CHECK_EQ(pod_agent_register(&agent_a, sig, a, POD_CAP_TEXT | POD_CAP_CODE,
                              "https://example.com/agent-a.json"),
           POD_OK);
  CHECK(strlen(sig) >= 64);
  CHECK(logs_contain(a, "Instruction: RegisterAgent"));
  CHECK_EQ(before - balance(a), 5000 + 2881440);
  pod_agent_t ag;
  CHECK_EQ(pod_agent_get(&ag, a, NULL), POD_OK);
  CHECK(pod_pubkey_eq(&ag.address, &agent_a));
  CHECK(pod_pubkey_eq(&ag.account.pubkey, &pa));
  CHECK_EQ(ag.account.capabilities, POD_CAP_TEXT | POD_CAP_CODE);
  CHECK_EQ(ag.account.reputation, 100);
  CHECK_EQ(ag.account.metadata_uri.len, strlen("https://example.com/agent-a.json"));
  CHECK(!memcmp(ag.account.metadata_uri.ptr, "https://example.com/agent-a.json",
                ag.account.metadata_uri.len));
  pod_agent_t ag2;
  CHECK_EQ(pod_agent_get_at(&ag2, b, &agent_a), POD_OK);
  CHECK_EQ(ag2.account.capabilities, POD_CAP_TEXT | POD_CAP_CODE);

  /* bad URI: refused client-side with the program's 6000, no fee */
  before = balance(b);
  CHECK_EQ(pod_agent_register(NULL, sig, b, 1, "ftp://example.com/x"), POD_EPROGRAM);
  CHECK_STR(sig, "");
  CHECK(pod_client_last_program_error(b) != NULL);
  CHECK_EQ(pod_client_last_program_error(b)->code, 6000);
  CHECK(strstr(pod_client_errmsg(b), "InvalidMetadataUriLength") != NULL);
  CHECK(strstr(pod_client_errmsg(b), "no fee") != NULL);
  pod_tx_error_t te;
  CHECK_EQ(pod_client_last_tx_error(&te, b), 1);
  CHECK_EQ(te.kind, POD_TXERR_INSTRUCTION_ERROR);
  CHECK_EQ(te.custom, 6000);
  CHECK_EQ(balance(b), before);
  CHECK_EQ(pod_agent_register(NULL, NULL, b, UINT64_C(1) << 63, "https://example.com/b.json"),
           POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(b)->code, 6001);
  CHECK_EQ(balance(b), before);
  CHECK_EQ(pod_agent_register(NULL, NULL, b, POD_CAP_TRADING, "https://example.com/agent-b.json"),
           POD_OK);
  /* registering twice fails on chain; the error is named and the logs are there */
  CHECK_EQ(pod_agent_register(NULL, sig, b, 1, "https://example.com/agent-b.json"), POD_EPROGRAM);
  CHECK(strlen(sig) >= 64);
  CHECK(pod_client_last_program_error(b) != NULL);
  CHECK(strstr(pod_client_errmsg(b), "already") != NULL);
  CHECK(logs_contain(b, "already in use"));

  /* an error decoded from the chain: a raw register_agent with a URI the rules refuse */
  {
    pod_ix_t ix;
    pod_ix_register_agent_args_t ra = {1, {"javascript:alert(1)", 19}};
    CHECK_EQ(pod_ix_register_agent(&ix, &pc, &ra), POD_OK);
    before = balance(cc);
    CHECK_EQ(pod_client_send(sig, cc, &ix.ix, 1), POD_EPROGRAM);
    CHECK_EQ(pod_client_last_program_error(cc)->code, 6000);
    CHECK(logs_contain(cc, "AnchorError"));
    CHECK(strstr(pod_client_errmsg(cc), "register_agent failed: 6000") != NULL);
    CHECK_EQ(before - balance(cc), 5000); /* the fee of a failed transaction */
    uint64_t units = 0;
    CHECK_EQ(pod_client_simulate(&units, cc, &ix.ix, 1), POD_EPROGRAM);
    CHECK_EQ(pod_client_last_program_error(cc)->code, 6000);
    CHECK_EQ(balance(cc), before - 5000);
  }

  /* update: unregistered → clear error; registered → changes */
  uint64_t caps = POD_CAP_ANALYSIS;
  CHECK_EQ(pod_agent_update(NULL, cc, &caps, NULL), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(cc), "not registered") != NULL);
  CHECK_EQ(pod_agent_get(&ag, cc, NULL), POD_ENOTFOUND);
  CHECK_EQ(pod_agent_update(sig, a, &caps, NULL), POD_OK);
  CHECK_EQ(pod_agent_get(&ag, a, NULL), POD_OK);
  CHECK_EQ(ag.account.capabilities, POD_CAP_ANALYSIS);
  CHECK_EQ(pod_agent_update(NULL, a, NULL, "https://example.com/v2.json"), POD_OK);
  CHECK_EQ(pod_agent_get(&ag, a, &pa), POD_OK);
  CHECK_EQ(ag.account.metadata_uri.len, strlen("https://example.com/v2.json"));
  char longuri[260];
  memset(longuri, 'a', sizeof longuri - 1);
  longuri[sizeof longuri - 1] = 0;
  CHECK_EQ(pod_agent_update(NULL, a, NULL, longuri), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 6000);
  CHECK_EQ(pod_agent_update(NULL, a, NULL, NULL), POD_EINVAL);

  /* lists */
  pod_agent_t *list = NULL;
  size_t n = 0;
  CHECK_EQ(pod_agent_list(&list, &n, a, 0), POD_OK);
  CHECK_EQ(n, 2);
  pod_agent_list_free(list);
  CHECK_EQ(pod_agent_list(&list, &n, a, POD_CAP_TRADING), POD_OK);
  CHECK_EQ(n, 1);
  if (n == 1) CHECK(pod_pubkey_eq(&list[0].account.pubkey, &pb));
  pod_agent_list_free(list);
  CHECK_EQ(pod_agent_list(&list, &n, a, POD_CAP_IMAGE), POD_OK);
  CHECK_EQ(n, 0);
  CHECK(list == NULL);

  /* ---- messages ---- */
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  pod_pubkey_t m1;
  CHECK_EQ(pod_message_send(&m1, sig, a, &pb, "hello", 5, text), POD_OK);
  CHECK(logs_contain(a, "Message sent from"));
  pod_message_t msg;
  CHECK_EQ(pod_message_get(&msg, b, &m1), POD_OK);
  CHECK(pod_pubkey_eq(&msg.account.sender, &agent_a));
  CHECK(pod_pubkey_eq(&msg.account.recipient, &pb));
  uint8_t h[32];
  pod_message_payload_hash(h, "hello", 5);
  CHECK_HEX(h, 32, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  CHECK(!memcmp(msg.account.payload_hash, h, 32));
  CHECK_EQ(msg.account.status, POD_STATUS_PENDING);
  CHECK_EQ(msg.account.expires_at, 1700000000 + 604800);
  CHECK_EQ(pod_message_is_expired(&msg.account, 1700000000 + 604800), 0);
  CHECK_EQ(pod_message_is_expired(&msg.account, 1700000000 + 604801), 1);
  /* the same message twice fails on chain (the PDA exists) */
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hello", 5, text), POD_EPROGRAM);
  CHECK(pod_client_last_program_error(a) != NULL ||
        (pod_client_last_tx_error(&te, a) && te.kind == POD_TXERR_ALREADY_PROCESSED));
  /* bad types are refused client-side */
  pod_message_type_t bad = {7, 0}, custom = {POD_MSG_CUSTOM, 3};
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "x", 1, bad), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 102);
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "x", 1, custom), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 3004);
  /* unregistered sender: a clear error, nothing sent */
  before = balance(cc);
  CHECK_EQ(pod_message_send(NULL, sig, cc, &pb, "hi", 2, text), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(cc), "agent not registered") != NULL);
  CHECK_EQ(balance(cc), before);

  pod_pubkey_t m2;
  pod_message_type_t data = {POD_MSG_DATA, 0};
  CHECK_EQ(pod_message_send(&m2, NULL, b, &pa, "\x00\x01\x02", 3, data), POD_OK);
  pod_message_t *ml = NULL;
  CHECK_EQ(pod_message_inbox(&ml, &n, b, NULL), POD_OK);
  CHECK_EQ(n, 1);
  if (n == 1) CHECK(pod_pubkey_eq(&ml[0].address, &m1));
  pod_message_list_free(ml);
  CHECK_EQ(pod_message_outbox(&ml, &n, a, NULL), POD_OK);
  CHECK_EQ(n, 1);
  pod_message_list_free(ml);
  CHECK_EQ(pod_message_outbox(&ml, &n, a, &pb), POD_OK);
  CHECK_EQ(n, 1);
  if (n == 1) CHECK(pod_pubkey_eq(&ml[0].address, &m2));
  pod_message_list_free(ml);
  CHECK_EQ(pod_message_inbox(&ml, &n, a, &pc), POD_OK);
  CHECK_EQ(n, 0);

  /* status: recipient marks delivered, read; the sender may not; pending is refused */
  CHECK_EQ(pod_message_set_status(sig, b, &m1, POD_STATUS_DELIVERED), POD_OK);
  CHECK_EQ(pod_message_get(&msg, a, &m1), POD_OK);
  CHECK_EQ(msg.account.status, POD_STATUS_DELIVERED);
  before = balance(a);
  CHECK_EQ(pod_message_set_status(NULL, a, &m1, POD_STATUS_READ), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(a)->code, 6001);
  CHECK_EQ(balance(a), before);
  CHECK_EQ(pod_message_set_status(NULL, b, &m1, POD_STATUS_PENDING), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(b)->code, 6003);
  CHECK_EQ(pod_message_set_status(NULL, b, &m1, 9), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(b)->code, 102);
  CHECK_EQ(pod_message_set_status(NULL, b, &m1, POD_STATUS_READ), POD_OK);
  CHECK_EQ(pod_message_get(&msg, a, &m1), POD_OK);
  CHECK_EQ(msg.account.status, POD_STATUS_READ);
  CHECK_EQ(pod_message_set_status(NULL, a, &m2, POD_STATUS_FAILED), POD_OK);
  CHECK_EQ(pod_message_set_status(NULL, cc, &m2, POD_STATUS_READ), POD_ENOTFOUND);
  CHECK_EQ(pod_message_set_status(NULL, a, &pc, POD_STATUS_READ), POD_EDECODE); /* a wallet */
  pod_pubkey_t nomsg;
  memset(&nomsg, 9, sizeof nomsg);
  CHECK_EQ(pod_message_set_status(NULL, a, &nomsg, POD_STATUS_READ), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(a), "does not exist") != NULL);

  /* expiry: move the ledger's clock past expires_at */
  pod_pubkey_t m3;
  CHECK_EQ(pod_message_send(&m3, NULL, a, &pb, "later", 5, text), POD_OK);
  CHECK_EQ(pod_ledger_clock_set(L, 1700000000 + 604801), POD_OK);
  CHECK_EQ(pod_client_now(&now, b), POD_OK);
  CHECK_EQ(pod_message_get(&msg, b, &m3), POD_OK);
  CHECK_EQ(pod_message_is_expired(&msg.account, now), 1);
  if (!pod_message_is_expired(&msg.account, now))
    fprintf(stderr, "now %lld created %lld expires %lld\n", (long long)now,
            (long long)msg.account.created_at, (long long)msg.account.expires_at);
  before = balance(b);
  CHECK_EQ(pod_message_set_status(NULL, b, &m3, POD_STATUS_DELIVERED), POD_EPROGRAM);
  CHECK_EQ(pod_client_last_program_error(b)->code, 6002);
  CHECK(strstr(pod_client_errmsg(b), "MessageExpired") != NULL);
  CHECK_EQ(balance(b), before);
  /* the cached blockhash expired with the clock jump: the client refetches it and sends */
  CHECK_EQ(pod_message_send(NULL, NULL, b, &pa, "after the jump", 14, text), POD_OK);

  /* several accounts at once */
  {
    pod_pubkey_t keys[3] = {m1, pc, agent_a};
    pod_client_account_t accts[3];
    int found[3];
    CHECK_EQ(pod_client_get_accounts(accts, found, a, keys, 3), POD_OK);
    CHECK_EQ(found[0], 1);
    CHECK_EQ(found[1], 1);
    CHECK_EQ(found[2], 1);
    CHECK_EQ(accts[0].data_sz, 128);
    CHECK_EQ(accts[2].data_sz, 286);
    for (int i = 0; i < 3; i++)
      pod_client_account_free(&accts[i]);
    pod_pubkey_t nobody;
    memset(&nobody, 7, sizeof nobody);
    CHECK_EQ(pod_client_get_accounts(accts, found, a, &nobody, 1), POD_OK);
    CHECK_EQ(found[0], 0);
    pod_client_account_t one;
    CHECK_EQ(pod_client_get_account(&one, a, &nobody), POD_ENOTFOUND);
    CHECK(strstr(pod_client_errmsg(a), "does not exist") != NULL);
  }

  /* compute budget instructions */
  {
    pod_keypair_t kd;
    CHECK_EQ(pod_keypair_generate(&kd), POD_OK);
    pod_client_opts_t od = POD_CLIENT_OPTS_INIT;
    od.endpoint = "embedded:";
    od.ledger = L;
    od.keypair = &kd;
    od.cu_limit = 100000;
    od.cu_price = 1;
    pod_client *d = NULL;
    CHECK_EQ(pod_client_new(&d, &od), POD_OK);
    CHECK_EQ(pod_client_airdrop(NULL, d, NULL, SOL), POD_OK);
    CHECK_EQ(pod_agent_register(NULL, NULL, d, 1, "https://example.com/d.json"), POD_OK);
    CHECK(logs_contain(d, "ComputeBudget111111111111111111111111111111 invoke [1]"));
    /* the client-side refusal names the program's instruction index (after the budget ixs) */
    CHECK_EQ(pod_agent_register(NULL, NULL, d, 1, "nope"), POD_EPROGRAM);
    CHECK_EQ(pod_client_last_tx_error(&te, d), 1);
    CHECK_EQ(te.index, 2);
    pod_client_free(d);
  }

  /* a signing callback; re-entering the client from it is refused */
  {
    CHECK_EQ(pod_keypair_generate(&cb_kp), POD_OK);
    pod_pubkey_t cbpub;
    pod_keypair_pubkey(&cbpub, &cb_kp);
    pod_client_opts_t oc = POD_CLIENT_OPTS_INIT;
    oc.endpoint = "embedded:";
    oc.ledger = L;
    oc.sign = sign_cb;
    oc.signer = &cbpub;
    pod_client *e = NULL;
    CHECK_EQ(pod_client_new(&e, &oc), POD_OK);
    CHECK_EQ(pod_client_airdrop(NULL, e, NULL, SOL), POD_OK);
    reentrant_target = e;
    CHECK_EQ(pod_agent_register(NULL, NULL, e, 1, "https://example.com/e.json"), POD_OK);
    CHECK_EQ(reentrant_rc, POD_EINVAL);
    reentrant_target = NULL;
    CHECK(strstr(pod_client_errmsg(e), "") != NULL);
    CHECK_EQ(pod_agent_get(&ag, e, NULL), POD_OK);
    pod_client_free(e);
  }

  /* the ledger's invariants hold after all this */
  CHECK_EQ(pod_ledger_verify(L, NULL), POD_OK);

  pod_client_free(cc);
  pod_client_free(b);
  pod_client_free(a);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_keypair_wipe(&kc);
  char cmd[256];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
