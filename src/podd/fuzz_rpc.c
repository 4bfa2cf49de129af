/* Fuzzes podd's JSON-RPC request handling (rpc.c, rpc_methods*.c) in-process: any request body —
 * single requests, batches, every method with any params — answered over a small ledger (a
 * funded wallet, its AgentAccount, the transactions that made them). Every answer must be valid
 * JSON, or rpc_handle must return an error code (podd then sends HTTP 500). Methods that write
 * (requestAirdrop, sendTransaction) do commit; the ledger grows but stays small in a run.
 * The WebSocket transport is replaced by the two functions below (rpc.c links PubSub). */
#include "rpc.h"

#include <pod/encode.h>
#include <pod/json.h>
#include <pod/keys.h>
#include <pod/ledger.h>
#include <pod/program.h>
#include <pod/txn.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the transport, as rpc_pubsub.c sees it (no WebSocket is ever opened here) ---- */
int podd_ws_send(podd_http *srv, podd_ws_id id, const char *text, size_t len) {
  (void)srv, (void)id, (void)text, (void)len;
  return POD_OK;
}

int podd_ws_close(podd_http *srv, podd_ws_id id, uint16_t code, const char *reason) {
  (void)srv, (void)id, (void)code, (void)reason;
  return POD_OK;
}

static pod_ledger *led;
static rpc_ctx *rpc;
static char dir[64];
static pod_keypair_t kp; /* the funded wallet's */
static pod_pubkey_t wallet;
static char reg_sig[POD_BASE58_64_SZ]; /* the register_agent transaction's signature */
static uint64_t tx_counter;
static int echo;

static void cleanup(void) {
  pod_keypair_wipe(&kp);
  rpc_free(rpc);
  pod_ledger_close(led);
  char cmd[96];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) fprintf(stderr, "fuzz_podd_rpc: could not remove %s\n", dir);
}

/* The wallet of seed 0x01.. (AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9): 10 SOL and an agent
 * (B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG; https://example.com/agent.json, capabilities 5).
 * The seed corpus refers to these keys and to the register_agent transaction. */
static void populate(void) {
  uint8_t seed[32];
  memset(seed, 1, sizeof seed);
  if (pod_keypair_from_seed(&kp, seed) != POD_OK) abort();
  pod_keypair_pubkey(&wallet, &kp);
  if (pod_ledger_airdrop(led, NULL, NULL, &wallet, 10000000000ull) != POD_OK) abort();
  static const char uri[] = "https://example.com/agent.json";
  pod_ix_register_agent_args_t a = {5, {uri, sizeof uri - 1}};
  pod_ix_t ix;
  uint8_t bh[32], wire[POD_TXN_MTU];
  size_t sz;
  const pod_keypair_t *signers[1] = {&kp};
  pod_ledger_result_t r;
  if (pod_ix_register_agent(&ix, &wallet, &a) != POD_OK ||
      pod_ledger_latest_blockhash(led, bh, NULL) != POD_OK ||
      pod_txn_build(wire, sizeof wire, &sz, &ix.ix, 1, bh, signers, 1) != POD_OK ||
      pod_ledger_process(led, wire, sz, &r) != POD_OK)
    abort();
  pod_base58_encode_64(reg_sig, r.signature.b);
  pod_ledger_result_free(&r);
}

static int init(void) {
  strcpy(dir, "/tmp/podc-fuzz-rpc-XXXXXX");
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1; /* no slot ticker thread: time moves only with the inputs (below) */
  o.genesis_time = 1700000000;
  rpc_opts_t ro = {o.faucet_cap, o.slot_ms};
  if (!mkdtemp(dir) || pod_ledger_open(&led, dir, &o) != POD_OK) abort();
  populate();
  if (rpc_new(&rpc, led, &ro) != POD_OK) abort();
  echo = getenv("FUZZ_PODD_RPC_ECHO") != NULL;
  atexit(cleanup);
  return 1;
}

/* Tokens in an input stand for values that change from run to run (the genesis is random):
 * $SIG the register_agent signature, $BH the latest blockhash, $TX a transaction signed by the
 * wallet (a transfer of a new amount to 0x42..42, base64: sendTransaction commits it). Returns
 * the expanded body (malloc'd, NUL-terminated) and its length in *n; NULL if out of memory. */
static char *expand(const uint8_t *data, size_t size, size_t *n) {
  size_t cap = size + 1, len = 0;
  for (size_t i = 0; i + 1 < size; i++)
    if (data[i] == '$') cap += 2048;
  char *out = malloc(cap);
  if (!out) return NULL;
  for (size_t i = 0; i < size;) {
    size_t left = size - i;
    if (left >= 4 && memcmp(data + i, "$SIG", 4) == 0) {
      len += (size_t)sprintf(out + len, "%s", reg_sig);
      i += 4;
    } else if (left >= 3 && memcmp(data + i, "$BH", 3) == 0) {
      uint8_t bh[32];
      pod_ledger_latest_blockhash(led, bh, NULL);
      pod_base58_encode_32(out + len, bh);
      len += strlen(out + len);
      i += 3;
    } else if (left >= 3 && memcmp(data + i, "$TX", 3) == 0) {
      pod_pubkey_t to;
      memset(to.b, 0x42, 32);
      uint8_t d[12] = {2, 0, 0, 0}, bh[32], wire[POD_TXN_MTU];
      uint64_t lam = 1000000 + tx_counter++;
      for (int j = 0; j < 8; j++)
        d[4 + j] = (uint8_t)(lam >> (8 * j));
      pod_account_meta_t m[2] = {{wallet, 1, 1}, {to, 0, 1}};
      pod_instruction_t ix = {pod_system_program_id, m, 2, d, sizeof d};
      const pod_keypair_t *signers[1] = {&kp};
      size_t sz = 0, bl = 0;
      pod_ledger_latest_blockhash(led, bh, NULL);
      if (pod_txn_build(wire, sizeof wire, &sz, &ix, 1, bh, signers, 1) == POD_OK &&
          pod_base64_encode(out + len, cap - len, &bl, wire, sz) == POD_OK)
        len += bl;
      i += 3;
    } else {
      out[len++] = (char)data[i++];
    }
  }
  out[len] = 0;
  *n = len;
  return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) ready = init();
  /* the transport hands over the body as it came (any bytes), NUL-terminated after it */
  size_t len = 0;
  char *body = expand(data, size, &len);
  if (!body) return 0;
  podd_buf out;
  podd_buf_init(&out, 1u << 20); /* podd's default response cap is larger; 1 MiB is plenty here */
  int rc = rpc_handle(rpc, body, len, &out);
  if (echo) /* FUZZ_PODD_RPC_ECHO=1: print each answer (to check what a seed reaches) */
    fprintf(stderr, "%.*s\n=> %d %.*s\n", (int)(len < 300 ? len : 300), body, rc,
            (int)(out.len < 600 ? out.len : 600), out.data ? out.data : "");
  if (rc == POD_OK && out.len > 0) {
    pod_json_doc *d = NULL;
    if (pod_json_parse(&d, out.data, out.len, NULL, NULL) != POD_OK) {
      fprintf(stderr, "answer is not JSON: %.*s\n", (int)(out.len < 400 ? out.len : 400), out.data);
      abort();
    }
    pod_json_free(d);
  }
  podd_buf_free(&out);
  free(body);
  /* time moves a little so slot-dependent answers (blockhash expiry, samples) vary */
  if (size > 0 && data[0] == '[') pod_ledger_clock_advance(led, 400);
  return 0;
}
