/* Fuzzes PubSub's request handling (rpc_pubsub.c): any text message from a client — requests,
 * batches, params of every method — then a commit, so the notifications of whatever it
 * subscribed to are built too. Every message podd would send must be valid JSON; the
 * connection is closed after each input (its subscriptions freed: no state grows). The
 * transport is replaced by the two functions below. */
#include "rpc_pubsub.h"

#include <pod/encode.h>
#include <pod/json.h>
#include <pod/ledger.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the transport, as rpc_pubsub.c sees it ---- */
int podd_ws_send(podd_http *srv, podd_ws_id id, const char *text, size_t len) {
  (void)srv, (void)id;
  pod_json_doc *d = NULL;
  if (pod_json_parse(&d, text, len, NULL, NULL) != POD_OK) {
    fprintf(stderr, "not JSON: %.*s\n", (int)(len < 400 ? len : 400), text);
    abort();
  }
  pod_json_free(d);
  return POD_OK;
}

int podd_ws_close(podd_http *srv, podd_ws_id id, uint16_t code, const char *reason) {
  (void)srv, (void)id, (void)code, (void)reason;
  return POD_OK;
}

static pod_ledger *led;
static pubsub *ps;
static char dir[64];
static podd_ws_id next_id = 1;

static void cleanup(void) {
  pubsub_free(ps);
  pod_ledger_close(led);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "fuzz_pubsub: could not remove %s\n", dir);
}

static int init(void) {
  strcpy(dir, "/tmp/podc-fuzz-pubsub-XXXXXX");
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1; /* no slot ticker: runs are deterministic */
  o.genesis_time = 1700000000;
  if (!mkdtemp(dir) || pod_ledger_open(&led, dir, &o) != POD_OK || pubsub_new(&ps, led) != POD_OK)
    abort();
  atexit(cleanup);
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) ready = init();
  /* the transport hands over valid UTF-8, NUL-terminated */
  if (size > (1u << 20) || !pod_utf8_valid((const char *)data, size)) return 0;
  char *text = malloc(size + 1);
  if (!text) return 0;
  memcpy(text, data, size);
  text[size] = 0;
  podd_ws_id id = next_id++;
  pubsub_ws_open(ps, NULL, id);
  pubsub_ws_message(ps, NULL, id, text, size);
  /* a commit that mentions the System program and the faucet: logs "all" and mentions,
   * account and program subscriptions of those keys get notifications; a clock step gives
   * slot subscriptions theirs */
  if (strstr(text, "ubscribe")) {
    pod_pubkey_t to;
    memset(to.b, 0x42, 32);
    pod_ledger_airdrop(led, NULL, NULL, &to, 1000000000u);
    pod_ledger_clock_advance(led, 400);
  }
  pubsub_ws_close(ps, NULL, id);
  free(text);
  return 0;
}
