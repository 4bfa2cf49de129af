/* For the service tests that run one scenario twice, on `embedded:` and on a real podd: where the
 * clients connect, and how the cluster's clock is moved on each (include after test/pod_test.h).
 *
 * podd runs on the wall clock and has no option to move it. The ledger keeps its clock across
 * restarts and never moves it back, so test_env_jump moves podd's clock by stopping podd, opening
 * its ledger directory in this process, moving the clock with pod_ledger_clock_set, closing it
 * and starting podd again on the same directory (on a new port: make new clients). */
#ifndef POD_TEST_ENV_H
#define POD_TEST_ENV_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "pod/client.h"
#include "pod/ledger.h"
#include "test/podd_spawn.h"
#include "test_ok.h"

typedef struct {
  pod_ledger *L;    /* embedded: the ledger (manual clock); NULL: podd */
  const char *podd; /* podd: its binary */
  char dir[64];     /* podd: its ledger directory */
  pid_t pid;
  uint16_t port;
} test_env_t;

/* A client of the environment signing with kp. */
static pod_client *test_env_client(const test_env_t *e, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  char url[64];
  if (e->L) {
    o.endpoint = "embedded:";
    o.ledger = e->L;
  } else {
    snprintf(url, sizeof url, "http://127.0.0.1:%u", e->port);
    o.endpoint = url;
    o.timeout_ms = 10000;
  }
  o.keypair = kp;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static int test_env_start(test_env_t *e) {
  e->pid = podd_spawn(e->podd, e->dir, &e->port);
  return e->pid > 0;
}

/* Stops podd (SIGTERM): it must exit 0. */
static void test_env_stop(test_env_t *e) {
  int st = 0;
  kill(e->pid, SIGTERM);
  waitpid(e->pid, &st, 0);
  CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* The cluster's clock forward by secs. podd: restarted (the caller's clients must be freed
 * before and made again after). */
static void test_env_jump(test_env_t *e, int64_t secs) {
  if (e->L) {
    CHECK_EQ(pod_ledger_clock_set(e->L, pod_ledger_now(e->L) + secs), POD_OK);
    return;
  }
  test_env_stop(e);
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, e->dir, NULL), POD_OK);
  if (l) {
    CHECK_EQ(pod_ledger_clock_set(l, pod_ledger_now(l) + secs), POD_OK);
    pod_ledger_close(l);
  }
  CHECK(test_env_start(e));
}

#endif
