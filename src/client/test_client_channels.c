/* The channels and escrow services end to end, the same cases twice: against `embedded:` (a fresh
 * ledger with the manual test clock) and against a real podd (argv[1]) on a fresh ledger: v2 and
 * v1 channels, join (public, private with invitation, paid with escrow), broadcast, leave,
 * participants, messages, update, and the failure paths a user meets, refused client-side without
 * a fee: unregistered agent, private channel without invitation, paid channel without escrow,
 * rate limit, expired message.
 *
 * The clock on podd. podd runs on the wall clock and has no option to move it. Two things need
 * time here: (1) "one second later" (the rate limit's cooldown): the test waits until the
 * cluster's clock (pod_client_now) has moved on — and, before a "same second" case, first waits
 * for the clock's edge, so that both calls fall inside the same second; (2) "eight days later"
 * (an expired message): the ledger keeps its clock across restarts and never goes back, so the
 * test stops podd, opens the ledger directory in process, moves its clock with
 * pod_ledger_clock_set, closes it and starts podd again on the same directory: podd then runs
 * eight days ahead of the wall clock. Exits 77 (skipped) if podd cannot be started. */
#define _DEFAULT_SOURCE /* usleep */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pod/client.h"
#include "pod/ledger.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test_env.h"

#define SOL 1000000000ull

static uint64_t balance(pod_client *c) {
  pod_pubkey_t me;
  uint64_t b = 0;
  CHECK_EQ(pod_client_pubkey(&me, c), POD_OK);
  CHECK_EQ(pod_client_balance(&b, c, &me), POD_OK);
  return b;
}

static int64_t cluster_now(pod_client *c) {
  int64_t t = 0;
  CHECK_EQ(pod_client_now(&t, c), POD_OK);
  return t;
}

/* Waits (at most 5 s) until the cluster's clock has passed t. */
static void wait_past(pod_client *c, int64_t t) {
  for (int i = 0; i < 500 && cluster_now(c) <= t; i++)
    usleep(10000);
  CHECK(cluster_now(c) > t);
}

/* One second later: the manual clock moves; podd's wall clock is waited for. */
static void tick(test_env_t *e, pod_client *c) {
  if (e->L)
    CHECK_EQ(pod_ledger_clock_set(e->L, pod_ledger_now(e->L) + 1), POD_OK);
  else
    wait_past(c, cluster_now(c));
}

/* Before two calls that must fall in the same second of the cluster's clock: podd's clock has
 * just turned a second (its slots are 400 ms long, so the next turn is >= 600 ms away). */
static void edge(test_env_t *e, pod_client *c) {
  if (!e->L) wait_past(c, cluster_now(c));
}

static unsigned prog_code(const pod_client *c) {
  const pod_program_error_t *e = pod_client_last_program_error(c);
  return e ? e->code : 0;
}

/* A client-side refusal: POD_EPROGRAM with code, and no fee; its message is kept in refmsg. */
static char refmsg[1024];
#define REFUSED(c, call, code)                                                                     \
  do {                                                                                             \
    uint64_t b0_ = balance(c);                                                                     \
    CHECK_EQ((call), POD_EPROGRAM);                                                                \
    CHECK_EQ(prog_code(c), (code));                                                                \
    snprintf(refmsg, sizeof refmsg, "%s", pod_client_errmsg(c));                                   \
    CHECK(strstr(refmsg, "no fee") != NULL);                                                       \
    CHECK_EQ(balance(c), b0_);                                                                     \
  } while (0)

static const pod_message_type_t TEXT = {POD_MSG_TEXT, 0};

static void scenario(test_env_t *env) {
  fprintf(stderr, "-- %s\n", env->L ? "embedded" : "podd");
  pod_keypair_t ka, kb, kc;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_keypair_generate(&kc);
  pod_pubkey_t pa, pb, pc;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_keypair_pubkey(&pc, &kc);
  pod_client *a = test_env_client(env, &ka), *b = test_env_client(env, &kb),
             *cc = test_env_client(env, &kc);
  char sig[POD_CLIENT_SIG_SZ];
  OK(a, pod_client_airdrop(NULL, a, NULL, 10 * SOL));
  OK(b, pod_client_airdrop(NULL, b, NULL, 10 * SOL));
  OK(cc, pod_client_airdrop(NULL, cc, NULL, 10 * SOL));

  /* v2 needs an agent: said before sending */
  pod_channel_create_args_t ca = {"general", "all things", POD_VISIBILITY_PUBLIC, 10, 0, 0};
  CHECK_EQ(pod_channel_create(NULL, NULL, a, &ca), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(a), "register") != NULL);
  OK(a, pod_agent_register(NULL, NULL, a, POD_CAP_TEXT, "https://example.com/a.json"));
  OK(b, pod_agent_register(NULL, NULL, b, POD_CAP_TEXT, "https://example.com/b.json"));
  OK(cc, pod_agent_register(NULL, NULL, cc, POD_CAP_TEXT, "https://example.com/c.json"));

  /* ---- a public v2 channel: create, join, broadcast, participants, messages ---- */
  pod_pubkey_t gen;
  OK(a, pod_channel_create(&gen, sig, a, &ca));
  CHECK(strlen(sig) >= 64);
  pod_channel_t ch;
  OK(a, pod_channel_get(&ch, a, &gen));
  CHECK_EQ(ch.account.is_active, 1);
  CHECK_EQ(ch.account.current_participants, 1);
  CHECK(ch.account.name.len == 7 && !memcmp(ch.account.name.ptr, "general", 7));
  OK(b, pod_channel_get_named(&ch, b, &pa, "general"));
  CHECK(pod_pubkey_eq(&ch.address, &gen));
  CHECK_EQ(pod_channel_get_named(&ch, b, &pa, "nope"), POD_ENOTFOUND);
  OK(b, pod_channel_join(sig, b, &gen));
  CHECK_EQ(pod_channel_join(NULL, b, &gen), POD_EEXIST); /* one record per agent, forever */
  pod_pubkey_t m1, m2;
  edge(env, b);
  OK(b, pod_channel_broadcast(&m1, sig, b, &gen, "hello channel", 13, TEXT, NULL));
  /* the same second: the rate limit (d < 1), refused before sending */
  REFUSED(b, pod_channel_broadcast(NULL, NULL, b, &gen, "again", 5, TEXT, NULL), 6011u);
  tick(env, b);
  OK(b, pod_channel_broadcast(&m2, sig, b, &gen, "second", 6, TEXT, &m1));
  /* content rules */
  REFUSED(b, pod_channel_broadcast(NULL, NULL, b, &gen, "   ", 3, TEXT, NULL), 6012u);
  REFUSED(b, pod_channel_broadcast(NULL, NULL, b, &gen, "see profile:x", 13, TEXT, NULL), 6012u);
  REFUSED(b, pod_channel_broadcast(NULL, NULL, b, &gen, "x", 1, (pod_message_type_t){9, 0}, NULL),
          102u);
  /* not a member */
  CHECK_EQ(pod_channel_broadcast(NULL, NULL, cc, &gen, "hi", 2, TEXT, NULL), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(cc), "join") != NULL);

  pod_participant_t *parts = NULL;
  size_t n = 0;
  OK(a, pod_channel_participants(&parts, &n, a, &gen, 1));
  CHECK_EQ(n, 2); /* the v2 creator and b */
  pod_participant_list_free(parts);
  pod_channel_message_rec_t *msgs = NULL;
  OK(a, pod_channel_messages(&msgs, &n, a, &gen));
  CHECK_EQ(n, 2);
  if (n == 2) {
    CHECK(pod_pubkey_eq(&msgs[0].address, &m1));
    CHECK(msgs[0].account.content.len == 13 &&
          !memcmp(msgs[0].account.content.ptr, "hello channel", 13));
    if (env->L) CHECK(msgs[1].account.created_at == msgs[0].account.created_at + 1);
    CHECK(msgs[1].account.created_at > msgs[0].account.created_at);
    CHECK(msgs[1].account.has_reply_to && pod_pubkey_eq(&msgs[1].account.reply_to, &m1));
  }
  pod_channel_message_list_free(msgs);

  /* leave, then broadcast and leave again are refused (6006), re-join is EEXIST */
  OK(b, pod_channel_leave(sig, b, &gen));
  tick(env, b);
  REFUSED(b, pod_channel_broadcast(NULL, NULL, b, &gen, "after", 5, TEXT, NULL), 6006u);
  REFUSED(b, pod_channel_leave(NULL, b, &gen), 6006u);
  CHECK_EQ(pod_channel_leave(NULL, cc, &gen), POD_ENOTFOUND);
  CHECK_EQ(pod_channel_join(NULL, b, &gen), POD_EEXIST);
  OK(a, pod_channel_participants(&parts, &n, a, &gen, 1));
  CHECK_EQ(n, 1);
  pod_participant_list_free(parts);
  OK(a, pod_channel_participants(&parts, &n, a, &gen, 0));
  CHECK_EQ(n, 2);
  pod_participant_list_free(parts);

  /* update: only the creator; the rules client-side */
  uint32_t mx = 500;
  pod_channel_update_args_t up = {NULL, "new description", &mx, NULL, NULL};
  REFUSED(b, pod_channel_update(NULL, b, &gen, &up), 6001u);
  OK(a, pod_channel_update(sig, a, &gen, &up));
  OK(a, pod_channel_get(&ch, a, &gen));
  CHECK_EQ(ch.account.max_participants, 500);
  CHECK(ch.account.description.len == 15);
  uint32_t zero = 0;
  pod_channel_update_args_t bad = {NULL, NULL, &zero, NULL, NULL};
  REFUSED(a, pod_channel_update(NULL, a, &gen, &bad), 6004u);

  /* creation refusals: a name over 32 bytes, max > 1000, too long together (3004) */
  pod_channel_create_args_t x = {"0123456789abcdef0123456789abcdefX", "", 0, 10, 0, 0};
  CHECK_EQ(pod_channel_create(NULL, NULL, a, &x), POD_EPROGRAM);
  CHECK(pod_client_last_program_error(a) == NULL); /* ProgramFailedToComplete */
  x.name = "big";
  x.max_participants = 1001;
  REFUSED(a, pod_channel_create(NULL, NULL, a, &x), 6004u);
  char longdesc[201];
  memset(longdesc, 'd', 200);
  longdesc[200] = 0;
  x.max_participants = 10;
  x.name = "0123456789abcdef0123456789abcdef";
  x.description = longdesc;
  REFUSED(a, pod_channel_create(NULL, NULL, a, &x), 3004u);

  /* ---- a private channel: join without invitation refused, invite, join ---- */
  pod_channel_create_args_t pa_args = {"secret", "", POD_VISIBILITY_PRIVATE, 10, 0, 0};
  pod_pubkey_t priv;
  OK(a, pod_channel_create(&priv, sig, a, &pa_args));
  REFUSED(cc, pod_channel_join(NULL, cc, &priv), 6013u);
  CHECK(strstr(refmsg, "invitation") != NULL);
  REFUSED(b, pod_channel_invite(NULL, b, &priv, &pc), 6001u); /* b is not a member */
  OK(a, pod_channel_invite(sig, a, &priv, &pc));
  CHECK_EQ(pod_channel_invite(NULL, a, &priv, &pc), POD_EEXIST);
  OK(cc, pod_channel_join(sig, cc, &priv));
  OK(cc, pod_channel_broadcast(NULL, sig, cc, &priv, "psst", 4, TEXT, NULL));
  /* a member (not the creator) invites: its participant record is passed */
  OK(cc, pod_channel_invite(sig, cc, &priv, &pb));
  OK(b, pod_channel_join(sig, b, &priv));
  OK(a, pod_channel_get(&ch, a, &priv));
  CHECK_EQ(ch.account.current_participants, 3);

  /* ---- a paid channel: join needs an escrow holding the fee ---- */
  pod_channel_create_args_t paid_args = {"paid", "fees", POD_VISIBILITY_PUBLIC, 10, 1000, 0};
  pod_pubkey_t paid, esc;
  OK(a, pod_channel_create(&paid, sig, a, &paid_args));
  REFUSED(b, pod_channel_join(NULL, b, &paid), 6007u);
  CHECK(strstr(refmsg, "deposit") != NULL);
  REFUSED(b, pod_escrow_deposit(NULL, NULL, b, &paid, 0), 6007u);
  REFUSED(b, pod_escrow_deposit(NULL, NULL, b, &paid, 10 * SOL + 1), 6007u);
  OK(b, pod_escrow_deposit(&esc, sig, b, &paid, 500));
  CHECK_EQ(pod_escrow_deposit(NULL, NULL, b, &paid, 500), POD_EEXIST); /* no top-up (Q12) */
  REFUSED(b, pod_channel_join(NULL, b, &paid), 6007u);                 /* 500 < 1000 */
  /* an escrow of cc with enough */
  OK(cc, pod_escrow_deposit(NULL, sig, cc, &paid, 5000));
  pod_escrow_t e;
  OK(cc, pod_escrow_get(&e, cc, &paid, NULL));
  CHECK_EQ(e.account.amount, 5000);
  OK(cc, pod_channel_join(sig, cc, &paid));
  OK(cc, pod_escrow_get(&e, cc, &paid, &pc));
  CHECK_EQ(e.account.amount, 4000); /* the fee: bookkeeping only (Q13) */
  OK(a, pod_channel_get(&ch, a, &paid));
  CHECK_EQ(ch.account.escrow_balance, 500 + 5000 + 1000);
  REFUSED(cc, pod_escrow_withdraw(NULL, cc, &paid, 4001), 6007u);
  uint64_t before = balance(cc);
  OK(cc, pod_escrow_withdraw(sig, cc, &paid, 4000));
  CHECK_EQ(balance(cc), before + 4000 - 5000); /* + amount - the fee of one signature */
  OK(cc, pod_escrow_get(&e, cc, &paid, NULL));
  CHECK_EQ(e.account.amount, 0);
  CHECK_EQ(pod_escrow_withdraw(NULL, a, &paid, 1), POD_ENOTFOUND);
  CHECK_EQ(pod_escrow_get(&e, a, &paid, NULL), POD_ENOTFOUND);
  pod_escrow_t *es = NULL;
  OK(a, pod_escrow_list(&es, &n, a, NULL, &paid));
  CHECK_EQ(n, 2);
  pod_escrow_list_free(es);
  OK(a, pod_escrow_list(&es, &n, a, &pb, NULL));
  CHECK_EQ(n, 1);
  if (n == 1) CHECK(pod_pubkey_eq(&es[0].address, &esc));
  pod_escrow_list_free(es);
  OK(a, pod_escrow_list(&es, &n, a, &pb, &gen));
  CHECK_EQ(n, 0);
  CHECK(es == NULL);

  /* ---- v1: inactive until update_channel(is_active = true) (Q1), or activated at creation ---- */
  pod_channel_create_args_t v1 = {"  old  ", " v1 ", POD_VISIBILITY_PUBLIC, 10, 0, POD_CHANNEL_V1};
  pod_pubkey_t old, act;
  OK(cc, pod_channel_create(&old, sig, cc, &v1));
  OK(cc, pod_channel_get(&ch, cc, &old));
  CHECK_EQ(ch.account.is_active, 0);
  CHECK(ch.account.name.len == 3);         /* stored trimmed (Q3) */
  OK(cc, pod_channel_join(sig, cc, &old)); /* the v1 creator has no record (Q2) */
  REFUSED(cc, pod_channel_broadcast(NULL, NULL, cc, &old, "hi", 2, TEXT, NULL), 6001u);
  CHECK(strstr(refmsg, "inactive") != NULL);
  int on = 1;
  pod_channel_update_args_t activate = {NULL, NULL, NULL, NULL, &on};
  OK(cc, pod_channel_update(sig, cc, &old, &activate));
  OK(cc, pod_channel_broadcast(NULL, sig, cc, &old, "now it works", 12, TEXT, NULL));
  v1.name = "fresh";
  v1.flags = POD_CHANNEL_V1 | POD_CHANNEL_V1_ACTIVATE;
  OK(cc, pod_channel_create(&act, sig, cc, &v1));
  OK(cc, pod_channel_get(&ch, cc, &act));
  CHECK_EQ(ch.account.is_active, 1);
  v1.name = "   ";
  REFUSED(cc, pod_channel_create(NULL, NULL, cc, &v1), 6008u);
  v1.name = "costly";
  v1.fee_per_message = SOL + 1;
  REFUSED(cc, pod_channel_create(NULL, NULL, cc, &v1), 6007u);

  /* ---- lists ---- */
  pod_channel_t *chs = NULL;
  OK(a, pod_channel_list(&chs, &n, a, NULL));
  CHECK_EQ(n, 5);
  pod_channel_list_free(chs);
  OK(a, pod_channel_list(&chs, &n, a, &pc));
  CHECK_EQ(n, 2);
  pod_channel_list_free(chs);
  OK(a, pod_channel_list(&chs, &n, a, &pb));
  CHECK_EQ(n, 0);

  /* ---- an expired message: refused client-side with the cluster's clock (6002) ---- */
  pod_pubkey_t dm;
  OK(a, pod_message_send(&dm, sig, a, &pb, "ping", 4, TEXT));
  OK(b, pod_message_set_status(sig, b, &dm, POD_STATUS_DELIVERED));
  pod_client_free(a);
  pod_client_free(b);
  pod_client_free(cc);
  test_env_jump(env, 8 * 86400); /* messages live 7 days */
  b = test_env_client(env, &kb);
  REFUSED(b, pod_message_set_status(NULL, b, &dm, POD_STATUS_READ), 6002u);
  pod_message_t msg;
  OK(b, pod_message_get(&msg, b, &dm));
  CHECK_EQ(pod_message_is_expired(&msg.account, cluster_now(b)), 1);
  pod_client_free(b);

  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_keypair_wipe(&kc);
}

/* The ledger is consistent and no PoD transaction failed on chain: every refusal was client-side.
 */
static void verify(pod_ledger *l) {
  pod_ledger_report_t rep;
  CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
  CHECK_EQ(rep.pod_errors, 0);
}

static void rm_dir(const char *dir) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
}

int main(int argc, char **argv) {
  test_env_t e;
  memset(&e, 0, sizeof e);
  snprintf(e.dir, sizeof e.dir, "/tmp/pod_channels_XXXXXX");
  CHECK(mkdtemp(e.dir) != NULL);
  pod_ledger_opts_t lo = POD_LEDGER_OPTS_INIT;
  lo.manual_clock = 1;
  lo.genesis_time = 1700000000;
  CHECK_EQ(pod_ledger_open(&e.L, e.dir, &lo), POD_OK);
  if (!e.L) return 1;
  scenario(&e);
  verify(e.L);
  pod_ledger_close(e.L);
  rm_dir(e.dir);

  int skipped = 1;
  if (argc > 1 && access(argv[1], X_OK) == 0) {
    memset(&e, 0, sizeof e);
    e.podd = argv[1];
    snprintf(e.dir, sizeof e.dir, "/tmp/pod_channels_podd_XXXXXX");
    CHECK(mkdtemp(e.dir) != NULL);
    if (test_env_start(&e)) {
      skipped = 0;
      scenario(&e);
      test_env_stop(&e);
      pod_ledger *l = NULL;
      CHECK_EQ(pod_ledger_open(&l, e.dir, NULL), POD_OK);
      if (l) {
        verify(l);
        pod_ledger_close(l);
      }
    }
    rm_dir(e.dir);
  }
  if (skipped && pod_test_failures == 0) {
    fprintf(stderr, "podd part skipped (no podd binary, or it did not start)\n");
    return 77;
  }
  TEST_DONE();
}
