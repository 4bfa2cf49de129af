/* The events service: against `embedded:` (the ledger's observer), then against a real podd
 * (argv[1], started on a free port: the getSignaturesForAddress + getTransaction polling). Exits
 * 77 (skipped) when podd lacks a method the polling needs. */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pod/client.h"
#include "pod/ledger.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

typedef struct {
  int agent_registered, message_sent, other;
  pod_pubkey_t last_agent;
  char uri[256];
  char sig[POD_CLIENT_SIG_SZ];
  int accounts;
  pod_subscription *free_me; /* freed from inside the callback */
} seen_t;

static void on_event(void *user, const pod_event_info_t *ev) {
  seen_t *s = user;
  if (ev->event.kind == POD_EVENT_AGENT_REGISTERED) {
    s->agent_registered++;
    s->last_agent = ev->event.u.agent_registered.agent;
    snprintf(s->uri, sizeof s->uri, "%.*s", (int)ev->event.u.agent_registered.metadata_uri.len,
             ev->event.u.agent_registered.metadata_uri.ptr);
  } else if (ev->event.kind == POD_EVENT_MESSAGE_SENT) {
    s->message_sent++;
  } else {
    s->other++;
  }
  snprintf(s->sig, sizeof s->sig, "%s", ev->signature);
  if (s->free_me) {
    pod_subscription_free(s->free_me);
    s->free_me = NULL;
  }
}

static void on_account(void *user, const pod_pubkey_t *key, uint64_t slot) {
  (void)key;
  (void)slot;
  ((seen_t *)user)->accounts++;
}

static void test_embedded(void) {
  char dir[] = "/tmp/pod_events_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t lo = POD_LEDGER_OPTS_INIT;
  lo.manual_clock = 1;
  lo.genesis_time = 1700000000;
  pod_ledger *L = NULL;
  CHECK_EQ(pod_ledger_open(&L, dir, &lo), POD_OK);
  if (!L) return;
  pod_keypair_t ka, kb;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_pubkey_t pa, pb, agent_a;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_pda_agent(&agent_a, NULL, &pa);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = "embedded:";
  o.ledger = L;
  o.keypair = &ka;
  pod_client *a = NULL, *b = NULL;
  CHECK_EQ(pod_client_new(&a, &o), POD_OK);
  o.keypair = &kb;
  CHECK_EQ(pod_client_new(&b, &o), POD_OK);

  /* nothing subscribed: poll returns at once with nothing */
  size_t got = 9;
  CHECK_EQ(pod_events_poll(&got, a, 1000), POD_OK);
  CHECK_EQ(got, 0);

  seen_t s, acc;
  memset(&s, 0, sizeof s);
  memset(&acc, 0, sizeof acc);
  pod_subscription *sub = NULL, *asub = NULL;
  CHECK_EQ(pod_events_subscribe(&sub, a, on_event, &s), POD_OK);
  CHECK_EQ(pod_account_subscribe(&asub, a, &agent_a, on_account, &acc), POD_OK);
  CHECK_EQ(pod_client_airdrop(NULL, a, NULL, 10 * SOL), POD_OK);
  CHECK_EQ(pod_client_airdrop(NULL, b, NULL, 10 * SOL), POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK); /* airdrops: no program event */
  CHECK_EQ(got, 0);

  /* an agent registered by another client of the ledger: delivered to a's callback */
  char sig[POD_CLIENT_SIG_SZ];
  CHECK_EQ(pod_agent_register(NULL, sig, b, POD_CAP_TEXT, "https://example.com/b.json"), POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 1000), POD_OK);
  CHECK_EQ(got, 1);
  CHECK_EQ(s.agent_registered, 1);
  CHECK(pod_pubkey_eq(&s.last_agent, &pb)); /* the wallet (Q30) */
  CHECK_STR(s.uri, "https://example.com/b.json");
  CHECK_STR(s.sig, sig);
  /* a's own registration: the event and the change of its agent account */
  CHECK_EQ(pod_agent_register(NULL, NULL, a, 3, "https://example.com/a.json"), POD_OK);
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hi", 2, (pod_message_type_t){POD_MSG_TEXT, 0}),
           POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK);
  CHECK_EQ(got, 3); /* AgentRegistered, the account change, MessageSent */
  CHECK_EQ(s.agent_registered, 2);
  CHECK_EQ(s.message_sent, 1);
  CHECK_EQ(acc.accounts, 1);
  /* a failed transaction delivers nothing (registering twice) */
  CHECK_EQ(pod_agent_register(NULL, NULL, a, 3, "https://example.com/a.json"), POD_EPROGRAM);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK);
  CHECK_EQ(got, 0);
  /* update_agent: no event, but the account changed */
  uint64_t caps = 7;
  CHECK_EQ(pod_agent_update(NULL, a, &caps, NULL), POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK);
  CHECK_EQ(acc.accounts, 2);
  CHECK_EQ(s.agent_registered, 2);
  /* the wait: nothing comes, the timeout is honoured */
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  CHECK_EQ(pod_events_poll(&got, a, 50), POD_OK);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  CHECK_EQ(got, 0);
  double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
  CHECK(ms >= 45);
  /* a subscription freed from inside its callback; the other one stays */
  pod_account_subscribe(NULL, a, &agent_a, on_account, &acc); /* NULL out: refused */
  s.free_me = sub;
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hi2", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
           POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK);
  CHECK_EQ(s.message_sent, 2);
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hi3", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
           POD_OK);
  CHECK_EQ(pod_events_poll(&got, a, 0), POD_OK);
  CHECK_EQ(s.message_sent, 2);
  pod_subscription_free(asub);
  /* a subscription left open is released with its client */
  pod_subscription *left = NULL;
  CHECK_EQ(pod_events_subscribe(&left, b, on_event, &s), POD_OK);

  pod_client_free(a);
  pod_client_free(b);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_ledger_close(L);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
}

/* ---- podd ---- */

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static int test_podd(const char *bin) {
  char dir[] = "/tmp/pod_events_podd_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  uint16_t port = 0;
  pid_t pid = podd_spawn(bin, dir, &port);
  CHECK(pid > 0);
  if (pid <= 0) return 0;
  int skipped = 0;
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  pod_keypair_t ka;
  pod_keypair_generate(&ka);
  pod_pubkey_t pa, agent_a;
  pod_keypair_pubkey(&pa, &ka);
  pod_pda_agent(&agent_a, NULL, &pa);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.keypair = &ka;
  o.ws_url = ""; /* the polling path (test_client_ws covers PubSub) */
  pod_client *a = NULL;
  CHECK_EQ(pod_client_new(&a, &o), POD_OK);
  seen_t s, acc;
  memset(&s, 0, sizeof s);
  memset(&acc, 0, sizeof acc);
  pod_subscription *sub = NULL, *asub = NULL;
  int rc = pod_events_subscribe(&sub, a, on_event, &s);
  if (rc != POD_OK && pod_client_last_rpc_code(a) == -32601) {
    fprintf(stderr, "SKIP: %s\n", pod_client_errmsg(a));
    skipped = 1;
    goto done;
  }
  CHECK_EQ(rc, POD_OK);
  CHECK_EQ(pod_events_set_poll_interval(a, 20), POD_OK);
  CHECK_EQ(pod_account_subscribe(&asub, a, &agent_a, on_account, &acc), POD_OK);
  CHECK_EQ(pod_client_airdrop(NULL, a, NULL, 10 * SOL), POD_OK);
  char sig[POD_CLIENT_SIG_SZ];
  CHECK_EQ(pod_agent_register(NULL, sig, a, POD_CAP_TEXT, "https://example.com/a.json"), POD_OK);
  size_t got = 0;
  uint64_t until = now_ms() + 10000;
  while (s.agent_registered == 0 && now_ms() < until) {
    rc = pod_events_poll(&got, a, 2000);
    CHECK_EQ(rc, POD_OK);
    if (rc != POD_OK) {
      fprintf(stderr, "  %s\n", pod_client_errmsg(a));
      break;
    }
  }
  CHECK_EQ(s.agent_registered, 1);
  CHECK(pod_pubkey_eq(&s.last_agent, &pa));
  CHECK_STR(s.sig, sig);
  CHECK_EQ(acc.accounts, 1);
  /* nothing new: the poll waits its timeout and delivers nothing */
  CHECK_EQ(pod_events_poll(&got, a, 100), POD_OK);
  CHECK_EQ(got, 0);
  CHECK_EQ(s.agent_registered, 1);

done:
  pod_subscription_free(sub);
  pod_subscription_free(asub);
  pod_client_free(a);
  pod_keypair_wipe(&ka);
  kill(pid, SIGTERM);
  int st = 0;
  waitpid(pid, &st, 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  return skipped;
}

int main(int argc, char **argv) {
  test_embedded();
  int skipped = 0;
  if (argc > 1 && access(argv[1], X_OK) == 0)
    skipped = test_podd(argv[1]);
  else
    fprintf(stderr, "no podd binary given: the podd part is not run\n");
  if (skipped && pod_test_failures == 0) return 77;
  TEST_DONE();
}
