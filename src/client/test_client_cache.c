/* The L1 account cache (cache.c) against a real podd (argv[1]): miss then hit, the copy the caller
 * gets is its own, invalidation by the client's own send, by another client's change (an
 * accountNotification long before the TTL), the TTL bounding staleness without PubSub, LRU
 * eviction, get_accounts mixing hits and misses, absent accounts never cached, and no cache
 * unless asked for. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "client/cache.h"
#include "client/ws.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void sleep_ms(unsigned ms) {
  struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

static pod_client *client(const char *url, const char *ws, const pod_keypair_t *kp,
                          uint32_t entries, uint32_t ttl) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.ws_url = ws;
  o.keypair = kp;
  o.timeout_ms = 5000;
  o.cache_entries = entries;
  o.cache_ttl_ms = ttl;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static uint64_t lamports(pod_client *c, const pod_pubkey_t *k) {
  pod_client_account_t a;
  int rc = pod_client_get_account(&a, c, k);
  CHECK_EQ(rc, POD_OK);
  uint64_t v = a.lamports;
  pod_client_account_free(&a);
  return v;
}

static pod_cache_stats_t stats(pod_client *c) {
  pod_cache_stats_t st;
  pod_client__cache_stats(c, &st);
  return st;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  if (argc < 2) {
    fprintf(stderr, "usage: test_client_cache PODD\n");
    return 77;
  }
  char dir[] = "/tmp/pod_cache_podd_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  uint16_t port = 0, wsport = 0;
  pid_t pid = podd_spawn_ex(argv[1], dir, NULL, &port, &wsport);
  CHECK(pid > 0 && wsport > 0);
  if (pid <= 0) TEST_DONE();
  char url[64], ws[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  snprintf(ws, sizeof ws, "ws://127.0.0.1:%u", wsport);

  pod_keypair_t ka, kb;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_pubkey_t pa, pb, nobody;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  memset(nobody.b, 7, 32);

  pod_client *a = client(url, ws, &ka, 64, 60000); /* TTL a minute: only invalidation helps */
  pod_client *b = client(url, ws, &kb, 0, 0);      /* no cache */
  if (!a || !b) goto done;
  CHECK_EQ(pod_client_airdrop(NULL, a, NULL, 10 * SOL), POD_OK);
  CHECK_EQ(pod_client_airdrop(NULL, b, NULL, 10 * SOL), POD_OK);

  /* no cache unless asked for */
  CHECK_EQ(lamports(b, &pb), 10 * SOL);
  CHECK_EQ(lamports(b, &pb), 10 * SOL);
  CHECK_EQ(stats(b).hits + stats(b).misses, 0);

  /* miss, then hit; the caller's copy is its own */
  pod_cache_stats_t s0 = stats(a);
  CHECK_EQ(lamports(a, &pa), 10 * SOL);
  CHECK_EQ(stats(a).misses, s0.misses + 1);
  pod_client_account_t x;
  CHECK_EQ(pod_client_get_account(&x, a, &pa), POD_OK);
  CHECK_EQ(stats(a).hits, s0.hits + 1);
  CHECK_EQ(x.lamports, 10 * SOL);
  pod_client_account_free(&x);
  CHECK_EQ(stats(a).entries, 1);
  /* absent: not cached */
  CHECK_EQ(pod_client_get_account(&x, a, &nobody), POD_ENOTFOUND);
  CHECK_EQ(pod_client_get_account(&x, a, &nobody), POD_ENOTFOUND);
  CHECK_EQ(stats(a).entries, 1);

  /* the client's own send writes its account (the fee): dropped at once */
  uint64_t inv = stats(a).invalidations;
  CHECK_EQ(pod_agent_register(NULL, NULL, a, POD_CAP_TEXT, "https://example.com/a.json"), POD_OK);
  CHECK(stats(a).invalidations > inv);
  uint64_t after = lamports(a, &pa);
  CHECK(after < 10 * SOL);

  /* another client's change: the accountNotification drops the value (TTL is a minute) */
  CHECK_EQ(lamports(a, &pa), after); /* cached again */
  uint64_t hits = stats(a).hits;
  CHECK(hits > 0);
  CHECK_EQ(pod_client_airdrop(NULL, b, &pa, 1 * SOL), POD_OK);
  uint64_t until = now_ms() + 3000, seen = after;
  while (seen == after && now_ms() < until) {
    seen = lamports(a, &pa);
    if (seen == after) sleep_ms(5);
  }
  CHECK_EQ(seen, after + 1 * SOL);
  CHECK(stats(a).invalidations > inv + 1);

  /* get_accounts: pa cached, pb not: one hit, one miss, both found */
  {
    pod_pubkey_t keys[3] = {pa, pb, nobody};
    pod_client_account_t out[3];
    int found[3];
    pod_cache_stats_t b0 = stats(a);
    CHECK_EQ(pod_client_get_accounts(out, found, a, keys, 3), POD_OK);
    CHECK(found[0] && found[1] && !found[2]);
    CHECK_EQ(out[0].lamports, after + 1 * SOL);
    CHECK_EQ(out[1].lamports, 10 * SOL);
    CHECK_EQ(stats(a).hits, b0.hits + 1);
    CHECK_EQ(stats(a).misses, b0.misses + 2);
    for (int i = 0; i < 3; i++)
      pod_client_account_free(&out[i]);
    CHECK_EQ(pod_client_get_accounts(out, found, a, keys, 2), POD_OK); /* both hits now */
    CHECK_EQ(stats(a).hits, b0.hits + 3);
    for (int i = 0; i < 2; i++)
      pod_client_account_free(&out[i]);
  }

  /* without PubSub, the TTL bounds staleness: a change stays unseen until it runs out */
  {
    pod_client *c = client(url, "", &kb, 8, 300);
    uint64_t v0 = lamports(c, &pa);
    CHECK_EQ(pod_client_airdrop(NULL, b, &pa, 1 * SOL), POD_OK);
    CHECK_EQ(lamports(c, &pa), v0); /* a hit: stale */
    CHECK_EQ(stats(c).hits, 1);
    sleep_ms(350);
    CHECK_EQ(lamports(c, &pa), v0 + 1 * SOL);
    CHECK_EQ(stats(c).expired, 1);
    pod_client_free(c);
  }

  /* LRU: two entries; touching pa keeps it, pb goes when a third key comes */
  {
    pod_client *c = client(url, ws, &kb, 2, 60000);
    pod_pubkey_t agent;
    pod_pda_agent(&agent, NULL, &pa);
    lamports(c, &pa);
    lamports(c, &pb);
    lamports(c, &pa);    /* hit: pa most recent */
    lamports(c, &agent); /* evicts pb */
    CHECK_EQ(stats(c).evictions, 1);
    uint64_t h = stats(c).hits;
    lamports(c, &pa);
    CHECK_EQ(stats(c).hits, h + 1);
    lamports(c, &pb); /* a miss again (evicts agent) */
    CHECK_EQ(stats(c).hits, h + 1);
    CHECK_EQ(stats(c).evictions, 2);
    CHECK_EQ(stats(c).entries, 2);
    pod_ws_stats_t ws_st;
    pod_client__ps_stats(c, &ws_st);
    CHECK(ws_st.up);
    pod_client_free(c);
  }

done:
  pod_client_free(a);
  pod_client_free(b);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  kill(pid, SIGTERM);
  waitpid(pid, NULL, 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
