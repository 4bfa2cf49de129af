/* Integration test of podd's JSON-RPC methods: starts the real podd on a free port (the ready line
 * says which) and drives every method over HTTP with libcurl, with real signed transactions built
 * by the library (System transfers, the PoD program's register_agent). Only 127.0.0.1; every wait
 * is bounded. Usage: test_rpc PATH-TO-PODD */
#define _GNU_SOURCE
#include "test/pod_test.h"
#include "test_client.h"

#include <pod/accounts.h>
#include <pod/encode.h>
#include <pod/json.h>
#include <pod/ledger.h>
#include <pod/program.h>

#include <curl/curl.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>

static const char *podd_bin;
static uint16_t http_port;
static CURL *curl;
static pod_json_doc *doc; /* the last answer */
static char body[1 << 20];
static size_t body_len;
static long http_status;

/* ---- podd ---- */

static pid_t start_podd(const char *dir, const char *faucet) {
  int pfd[2];
  if (pipe(pfd) != 0) return -1;
  const char *argv[] = {podd_bin, "--ledger",          dir,    "--rpc-port", "0",
                        "-q",     "--faucet-lamports", faucet, NULL};
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pfd[1], 1);
    close(pfd[0]);
    close(pfd[1]);
    execv(podd_bin, (char *const *)argv);
    _exit(127);
  }
  close(pfd[1]);
  char line[512];
  size_t n = 0;
  uint64_t until = now_ms() + 20000;
  while (n < sizeof line - 1 && now_ms() < until) {
    struct pollfd p = {pfd[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    if (read(pfd[0], line + n, 1) <= 0) break;
    if (line[n++] == '\n') break;
  }
  line[n] = 0;
  close(pfd[0]);
  unsigned hp = 0;
  const char *a = strstr(line, "rpc=http://127.0.0.1:");
  if (!a || sscanf(a, "rpc=http://127.0.0.1:%u", &hp) != 1) {
    fprintf(stderr, "no ready line from podd: '%s'\n", line);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
  }
  http_port = (uint16_t)hp;
  return pid;
}

static int stop_podd(pid_t pid) {
  kill(pid, SIGTERM);
  int st = 0;
  uint64_t t0 = now_ms();
  for (;;) {
    if (waitpid(pid, &st, WNOHANG) == pid) break;
    if (now_ms() - t0 > 15000) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      return -1;
    }
    usleep(10000);
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- HTTP + JSON ---- */

static size_t on_body(char *p, size_t sz, size_t nm, void *u) {
  (void)u;
  size_t n = sz * nm, room = sizeof body - 1 - body_len;
  if (n > room) n = room;
  memcpy(body + body_len, p, n);
  body_len += n;
  body[body_len] = 0;
  return sz * nm;
}

/* POSTs text; parses the answer into doc and returns its root (NULL for an empty body). */
static const pod_json_val *post(const char *text) {
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u/", http_port);
  body_len = 0;
  body[0] = 0;
  curl_easy_setopt(curl, CURLOPT_URL, url);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, text);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(text));
  http_status = -1;
  if (curl_easy_perform(curl) == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  pod_json_free(doc);
  doc = NULL;
  if (body_len == 0) return NULL;
  if (pod_json_parse(&doc, body, body_len, NULL, NULL) != POD_OK) {
    fprintf(stderr, "answer is not JSON: %s\n", body);
    return NULL;
  }
  return pod_json_root(doc);
}

/* One call: {"jsonrpc":"2.0","id":1,"method":m,"params":<params JSON>}; returns the answer. */
static const pod_json_val *call(const char *method, const char *params_fmt, ...) {
  static char req[(1 << 16) + 256], params[1 << 16];
  va_list ap;
  va_start(ap, params_fmt);
  vsnprintf(params, sizeof params, params_fmt, ap);
  va_end(ap);
  snprintf(req, sizeof req, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"%s\",\"params\":%s}",
           method, params);
  return post(req);
}

static const pod_json_val *result(const pod_json_val *r) { return pod_json_find(r, "result"); }
static const pod_json_val *value(const pod_json_val *r) {
  return pod_json_find(result(r), "value");
}

static int64_t err_code(const pod_json_val *r) {
  int64_t code = 0;
  pod_json_get_i64(&code, pod_json_find(pod_json_find(r, "error"), "code"));
  return code;
}
static const char *err_msg(const pod_json_val *r) {
  const char *s = "";
  pod_json_get_str(&s, NULL, pod_json_find(pod_json_find(r, "error"), "message"));
  return s;
}
static uint64_t u64_of(const pod_json_val *v) {
  uint64_t x = UINT64_MAX - 1;
  pod_json_get_u64(&x, v);
  return x;
}
static const char *str_of(const pod_json_val *v) {
  const char *s = "";
  pod_json_get_str(&s, NULL, v);
  return s;
}

#define CHECK_ERR(r, code)                                                                         \
  do {                                                                                             \
    CHECK_EQ(err_code(r), code);                                                                   \
    if (err_code(r) != (code)) fprintf(stderr, "  answer: %.600s\n", body);                        \
  } while (0)
#define CHECK_OK(r)                                                                                \
  do {                                                                                             \
    CHECK(result(r) != NULL);                                                                      \
    if (!result(r)) fprintf(stderr, "  answer: %.600s\n", body);                                   \
  } while (0)

/* ---- transactions ---- */

static void b58_key(char out[POD_BASE58_32_SZ], const pod_keypair_t *kp) {
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, kp);
  pod_base58_encode_32(out, pk.b);
}

static void latest_blockhash(uint8_t out[32]) {
  const pod_json_val *r = call("getLatestBlockhash", "[]");
  const char *s = str_of(pod_json_find(value(r), "blockhash"));
  CHECK_EQ(pod_base58_decode_32(out, s, strlen(s)), POD_OK);
}

static size_t build_transfer(uint8_t *wire, const pod_keypair_t *from, const pod_pubkey_t *to,
                             uint64_t lamports, const uint8_t bh[32]) {
  pod_account_meta_t metas[2];
  pod_keypair_pubkey(&metas[0].pubkey, from);
  metas[0].is_signer = 1, metas[0].is_writable = 1;
  metas[1].pubkey = *to;
  metas[1].is_signer = 0, metas[1].is_writable = 1;
  uint8_t data[12] = {2, 0, 0, 0};
  for (int i = 0; i < 8; i++)
    data[4 + i] = (uint8_t)(lamports >> (8 * i));
  pod_instruction_t ix = {pod_system_program_id, metas, 2, data, sizeof data};
  const pod_keypair_t *signers[1] = {from};
  size_t n = 0;
  CHECK_EQ(pod_txn_build(wire, POD_TXN_MTU, &n, &ix, 1, bh, signers, 1), POD_OK);
  return n;
}

static size_t build_register(uint8_t *wire, const pod_keypair_t *kp, const char *uri,
                             const uint8_t bh[32]) {
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, kp);
  pod_ix_register_agent_args_t a = {7, {uri, strlen(uri)}};
  pod_ix_t ix;
  CHECK_EQ(pod_ix_register_agent(&ix, &pk, &a), POD_OK);
  const pod_keypair_t *signers[1] = {kp};
  size_t n = 0;
  CHECK_EQ(pod_txn_build(wire, POD_TXN_MTU, &n, &ix.ix, 1, bh, signers, 1), POD_OK);
  return n;
}

static char *b64(const uint8_t *p, size_t n) {
  static char out[4][POD_BASE64_ENC_SZ(2048)];
  static int k;
  k = (k + 1) % 4;
  pod_base64_encode(out[k], sizeof out[k], NULL, p, n);
  return out[k];
}
static char *b58(const uint8_t *p, size_t n) {
  static char out[4][POD_BASE58_ENC_MAX(2048) + 2];
  static int k;
  k = (k + 1) % 4;
  pod_base58_encode(out[k], sizeof out[k], NULL, p, n);
  return out[k];
}

static uint64_t balance(const char *key) {
  return u64_of(value(call("getBalance", "[\"%s\"]", key)));
}

/* ---- the tests ---- */

static void test_node(void) {
  const pod_json_val *r;
  CHECK_STR(str_of(result(call("getHealth", "[]"))), "ok");
  r = call("getVersion", "[]");
  CHECK_STR(str_of(pod_json_find(result(r), "solana-core")), "2.1.0");
  CHECK(u64_of(pod_json_find(result(r), "feature-set")) > 0);
  r = call("getIdentity", "[]");
  CHECK_EQ(strlen(str_of(pod_json_find(result(r), "identity"))) >= 32, 1);
  r = call("getGenesisHash", "[]");
  CHECK(strlen(str_of(result(r))) >= 32);
  r = call("getSlot", "[{\"commitment\":\"finalized\"}]");
  uint64_t slot = u64_of(result(r));
  CHECK(slot < 1000000);
  CHECK(u64_of(result(call("getBlockHeight", "[]"))) >= slot);
  r = call("getEpochInfo", "[]");
  CHECK_EQ(u64_of(pod_json_find(result(r), "slotsInEpoch")), 432000);
  CHECK_EQ(u64_of(pod_json_find(result(r), "epoch")), 0);
  CHECK_OK(call("getEpochSchedule", "[]"));
  r = call("getLatestBlockhash", "[{\"commitment\":\"confirmed\"}]");
  CHECK(u64_of(pod_json_find(pod_json_find(result(r), "context"), "slot")) >= slot);
  CHECK_STR(str_of(pod_json_find(pod_json_find(result(r), "context"), "apiVersion")), "2.1.0");
  const char *bh = str_of(pod_json_find(value(r), "blockhash"));
  char bhc[64];
  snprintf(bhc, sizeof bhc, "%s", bh);
  CHECK(u64_of(pod_json_find(value(r), "lastValidBlockHeight")) >= slot + 150);
  int b = 0;
  pod_json_get_bool(&b, value(call("isBlockhashValid", "[\"%s\"]", bhc)));
  CHECK_EQ(b, 1);
  pod_json_get_bool(&b, value(call("isBlockhashValid", "[\"%s\"]",
                                   "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T")));
  CHECK_EQ(b, 0);
  CHECK_ERR(call("isBlockhashValid", "[\"0OIl\"]"), -32602);
  CHECK_STR(err_msg(call("isBlockhashValid", "[\"0OIl\"]")), "Invalid param: Invalid");
  CHECK_STR(err_msg(call("isBlockhashValid", "[\"abc\"]")), "Invalid param: WrongSize");
  CHECK_EQ(u64_of(result(call("getMinimumBalanceForRentExemption", "[0]"))), 890880);
  CHECK_EQ(u64_of(result(call("getMinimumBalanceForRentExemption", "[286]"))), 2881440);
  CHECK_ERR(call("getMinimumBalanceForRentExemption", "[10485761]"), -32600);
  CHECK_ERR(call("getMinimumBalanceForRentExemption", "[-1]"), -32602);
  r = call("getRecentPrioritizationFees", "[]");
  CHECK(pod_json_len(result(r)) >= 1);
  CHECK_EQ(u64_of(pod_json_find(pod_json_at(result(r), 0), "prioritizationFee")), 0);
  r = call("getRecentPerformanceSamples", "[5]");
  CHECK_EQ(pod_json_type(result(r)), POD_JSON_ARRAY);
  CHECK_ERR(call("getRecentPerformanceSamples", "[721]"), -32602);
  CHECK_EQ(u64_of(result(call("getFirstAvailableBlock", "[]"))), 0);
  CHECK_EQ(u64_of(result(call("minimumLedgerSlot", "[]"))), 0);
  int64_t bt = 0;
  CHECK_EQ(pod_json_get_i64(&bt, result(call("getBlockTime", "[%llu]", (unsigned long long)slot))),
           POD_OK);
  CHECK(bt > 1600000000);
  CHECK_ERR(call("getBlockTime", "[999999999]"), -32004);
  /* minContextSlot */
  r = call("getBalance", "[\"%s\",{\"minContextSlot\":99999999}]", bhc);
  CHECK_ERR(r, -32016);
  CHECK_EQ(u64_of(pod_json_find(pod_json_find(pod_json_find(r, "error"), "data"), "contextSlot")) <=
               99999999,
           1);
}

static void test_jsonrpc(void) {
  const pod_json_val *r;
  /* parse error, invalid request, method not found, invalid params */
  r = post("{\"jsonrpc\":\"2.0\",\"id\":1,");
  CHECK_ERR(r, -32700);
  CHECK(pod_json_is_null(pod_json_find(r, "id")));
  CHECK_ERR(post("[]"), -32600);
  CHECK_ERR(post("42"), -32600);
  CHECK_ERR(post("{\"jsonrpc\":\"1.0\",\"id\":3,\"method\":\"getSlot\"}"), -32600);
  CHECK_ERR(post("{\"jsonrpc\":\"2.0\",\"id\":3}"), -32600);
  CHECK_ERR(post("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"getSlot\"}"), -32600);
  r = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getNothing\"}");
  CHECK_ERR(r, -32601);
  CHECK_STR(err_msg(r), "Method not found");
  CHECK_EQ(u64_of(pod_json_find(r, "id")), 7);
  CHECK_ERR(call("getBalance", "[]"), -32602);
  CHECK_ERR(call("getBalance", "[1]"), -32602);
  CHECK_ERR(call("getBalance", "[\"11111111111111111111111111111111\",{},3]"), -32602);
  CHECK_ERR(call("getHealth", "[1]"), -32602);
  CHECK_ERR(call("getSlot", "[{\"commitment\":\"bogus\"}]"), -32602);
  CHECK_ERR(call("getAccountInfo", "[\"11111111111111111111111111111111\",{\"encoding\":\"hex\"}]"),
            -32602);
  /* ids echoed exactly */
  r = post("{\"jsonrpc\":\"2.0\",\"id\":\"abc\\u00e9\",\"method\":\"getHealth\"}");
  CHECK_STR(str_of(pod_json_find(r, "id")), "abc\xc3\xa9");
  r = post("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"getHealth\"}");
  CHECK(pod_json_is_null(pod_json_find(r, "id")));
  CHECK_OK(r);
  post("{\"jsonrpc\":\"2.0\",\"id\":18446744073709551615,\"method\":\"getHealth\"}");
  CHECK(strstr(body, "\"id\":18446744073709551615}") != NULL);
  /* key order of the envelope, as Solana's node */
  post("{\"id\":5,\"method\":\"getHealth\",\"jsonrpc\":\"2.0\"}");
  CHECK_STR(body, "{\"jsonrpc\":\"2.0\",\"result\":\"ok\",\"id\":5}");
  /* notifications: not answered; a batch of only notifications: an empty body */
  r = post("{\"jsonrpc\":\"2.0\",\"method\":\"getHealth\"}");
  CHECK(r == NULL);
  CHECK_EQ(body_len, 0);
  CHECK_EQ(http_status, 200);
  r = post("[{\"jsonrpc\":\"2.0\",\"method\":\"getHealth\"},{\"jsonrpc\":\"2.0\",\"method\":"
           "\"getSlot\"}]");
  CHECK(r == NULL);
  /* batches: in order, errors per element, notifications left out */
  r = post("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getHealth\"},"
           "{\"jsonrpc\":\"2.0\",\"method\":\"getHealth\"},"
           "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"},"
           "7,"
           "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"getSlot\"}]");
  CHECK_EQ(pod_json_len(r), 4);
  CHECK_STR(str_of(result(pod_json_at(r, 0))), "ok");
  CHECK_ERR(pod_json_at(r, 1), -32601);
  CHECK_ERR(pod_json_at(r, 2), -32600);
  CHECK_STR(str_of(pod_json_find(pod_json_at(r, 3), "id")), "x");
  /* batch cap */
  static char big[200 * 64];
  size_t off = 0;
  off += (size_t)snprintf(big + off, sizeof big - off, "[");
  for (int i = 0; i < 101; i++)
    off += (size_t)snprintf(big + off, sizeof big - off,
                            "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"getSlot\"}",
                            i ? "," : "", i);
  snprintf(big + off, sizeof big - off, "]");
  r = post(big);
  CHECK_ERR(r, -32600);
  CHECK(strstr(err_msg(r), "100") != NULL);
  big[0] = 0;
  off = 0;
  off += (size_t)snprintf(big + off, sizeof big - off, "[");
  for (int i = 0; i < 100; i++)
    off += (size_t)snprintf(big + off, sizeof big - off,
                            "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"getSlot\"}",
                            i ? "," : "", i);
  snprintf(big + off, sizeof big - off, "]");
  CHECK_EQ(pod_json_len(post(big)), 100);
}

typedef struct {
  pod_keypair_t kp;
  char b58[POD_BASE58_32_SZ];
} wallet_t;

static void new_wallet(wallet_t *w, uint64_t airdrop) {
  pod_keypair_generate(&w->kp);
  b58_key(w->b58, &w->kp);
  if (!airdrop) return;
  const pod_json_val *r =
      call("requestAirdrop", "[\"%s\",%llu]", w->b58, (unsigned long long)airdrop);
  CHECK_OK(r);
  CHECK(strlen(str_of(result(r))) >= 64);
}

static const pod_json_val *send_wire(const uint8_t *wire, size_t n, const char *extra_cfg) {
  return call("sendTransaction", "[\"%s\",{\"encoding\":\"base64\"%s}]", b64(wire, n),
              extra_cfg ? extra_cfg : "");
}

static void test_accounts_and_transfers(void) {
  wallet_t a, b;
  new_wallet(&a, 5000000000ull);
  new_wallet(&b, 0);
  CHECK_EQ(balance(a.b58), 5000000000ull);
  CHECK_EQ(balance(b.b58), 0);
  /* over the faucet's cap (podd started with --faucet-lamports 10000000000) */
  const pod_json_val *r = call("requestAirdrop", "[\"%s\",10000000001]", a.b58);
  CHECK_ERR(r, -32603);
  CHECK(strstr(err_msg(r), "10000000000") != NULL);
  /* getAccountInfo: exact u64s, encodings, null for a missing account */
  r = call("getAccountInfo", "[\"%s\",{\"encoding\":\"base64\"}]", a.b58);
  CHECK_EQ(u64_of(pod_json_find(value(r), "lamports")), 5000000000ull);
  CHECK(strstr(body, "\"rentEpoch\":18446744073709551615") != NULL);
  CHECK_STR(str_of(pod_json_find(value(r), "owner")), "11111111111111111111111111111111");
  r = call("getAccountInfo", "[\"%s\"]", a.b58); /* default: binary (a bare base58 string) */
  CHECK_EQ(pod_json_type(pod_json_find(value(r), "data")), POD_JSON_STRING);
  r = call("getAccountInfo", "[\"%s\",{\"encoding\":\"jsonParsed\"}]", a.b58);
  CHECK_STR(str_of(pod_json_at(pod_json_find(value(r), "data"), 1)), "base64");
  r = call("getAccountInfo", "[\"%s\"]", b.b58);
  CHECK(pod_json_is_null(value(r)));
  CHECK(value(r) != NULL);
  /* a System transfer, base64 */
  uint8_t bh[32], wire[POD_TXN_MTU];
  latest_blockhash(bh);
  pod_pubkey_t bpk;
  pod_keypair_pubkey(&bpk, &b.kp);
  size_t n = build_transfer(wire, &a.kp, &bpk, 1000000000ull, bh);
  r = send_wire(wire, n, NULL);
  CHECK_OK(r);
  CHECK_STR(str_of(result(r)), b58(wire + 1, 64));
  CHECK_EQ(balance(b.b58), 1000000000ull);
  CHECK_EQ(balance(a.b58), 5000000000ull - 1000000000ull - 5000);
  /* getMultipleAccounts */
  r = call("getMultipleAccounts", "[[\"%s\",\"%s\",\"%s\"],{\"encoding\":\"base64\"}]", a.b58,
           b.b58, "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T");
  CHECK_EQ(pod_json_len(value(r)), 3);
  CHECK_EQ(u64_of(pod_json_find(pod_json_at(value(r), 1), "lamports")), 1000000000ull);
  CHECK(pod_json_is_null(pod_json_at(value(r), 2)));
  static char many[120 * 48];
  size_t off = 0;
  for (int i = 0; i < 101; i++)
    off += (size_t)snprintf(many + off, sizeof many - off, "%s\"%s\"", i ? "," : "", a.b58);
  r = call("getMultipleAccounts", "[[%s]]", many);
  CHECK_ERR(r, -32602);
  CHECK_STR(err_msg(r), "Too many inputs provided; max 100");
  /* getFeeForMessage: the message of the transfer */
  pod_txn_t t;
  CHECK_EQ(pod_txn_parse(&t, wire, n), POD_OK);
  r = call("getFeeForMessage", "[\"%s\"]", b64(wire + t.msg_off, t.msg_sz));
  CHECK_EQ(u64_of(value(r)), 5000);
  uint8_t stale[32];
  memset(stale, 7, 32);
  size_t n2 = build_transfer(wire, &a.kp, &bpk, 1, stale);
  CHECK_EQ(pod_txn_parse(&t, wire, n2), POD_OK);
  r = call("getFeeForMessage", "[\"%s\"]", b64(wire + t.msg_off, t.msg_sz));
  CHECK(value(r) != NULL && pod_json_is_null(value(r)));
  CHECK_ERR(call("getFeeForMessage", "[\"@@@\"]"), -32602);
}

static void test_register_agent(void) {
  wallet_t w;
  new_wallet(&w, 1000000000ull);
  uint8_t bh[32], wire[POD_TXN_MTU];
  latest_blockhash(bh);
  size_t n = build_register(wire, &w.kp, "https://agent.example/meta.json", bh);
  const char *sig = b58(wire + 1, 64);
  char sigc[100];
  snprintf(sigc, sizeof sigc, "%s", sig);
  /* base58 is the default encoding */
  const pod_json_val *r = call("sendTransaction", "[\"%s\"]", b58(wire, n));
  CHECK_OK(r);
  CHECK_STR(str_of(result(r)), sigc);
  /* status: finalized at once */
  r = call("getSignatureStatuses", "[[\"%s\",\"%s\"],{\"searchTransactionHistory\":true}]", sigc,
           "1111111111111111111111111111111111111111111111111111111111111111");
  const pod_json_val *st = pod_json_at(value(r), 0);
  CHECK_STR(str_of(pod_json_find(st, "confirmationStatus")), "finalized");
  CHECK(pod_json_is_null(pod_json_find(st, "confirmations")));
  CHECK(pod_json_is_null(pod_json_find(st, "err")));
  CHECK(pod_json_find(pod_json_find(st, "status"), "Ok") != NULL);
  CHECK(pod_json_is_null(pod_json_at(value(r), 1)));
  /* getTransaction: json, the event's Program data line, balances, version */
  r = call("getTransaction",
           "[\"%s\",{\"encoding\":\"json\",\"maxSupportedTransactionVersion\":0}]", sigc);
  const pod_json_val *meta = pod_json_find(result(r), "meta");
  CHECK(pod_json_is_null(pod_json_find(meta, "err")));
  CHECK_EQ(u64_of(pod_json_find(meta, "fee")), 5000);
  CHECK(strstr(body, "Program data: ") != NULL);
  CHECK(strstr(body, "\"version\":\"legacy\"") != NULL);
  CHECK(strstr(body, "\"stackHeight\":null") != NULL);
  CHECK_EQ(pod_json_len(pod_json_find(meta, "preBalances")), 4); /* wallet, agent, system, pod */
  CHECK_EQ(u64_of(pod_json_at(pod_json_find(meta, "preBalances"), 0)) -
               u64_of(pod_json_at(pod_json_find(meta, "postBalances"), 0)),
           5000 + 2881440);
  CHECK_EQ(pod_json_len(pod_json_find(meta, "innerInstructions")), 0);
  CHECK_STR(
      str_of(pod_json_at(pod_json_find(pod_json_find(result(r), "transaction"), "signatures"), 0)),
      sigc);
  r = call("getTransaction", "[\"%s\",\"json\"]", sigc);
  CHECK(strstr(body, "\"version\"") ==
        NULL); /* only when maxSupportedTransactionVersion is given */
  r = call("getTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", sigc);
  CHECK_STR(str_of(pod_json_at(pod_json_find(result(r), "transaction"), 0)), b64(wire, n));
  r = call("getTransaction", "[\"%s\",{\"encoding\":\"jsonParsed\"}]", sigc);
  CHECK(strstr(body, "\"source\":\"transaction\"") != NULL);
  CHECK_ERR(call("getTransaction", "[\"%s\",{\"commitment\":\"processed\"}]", sigc), -32602);
  r = call("getTransaction", "[\"%s\"]",
           "1111111111111111111111111111111111111111111111111111111111111111");
  CHECK(result(r) && pod_json_is_null(result(r)));
  /* the agent account */
  pod_pubkey_t wpk, agent;
  pod_keypair_pubkey(&wpk, &w.kp);
  CHECK_EQ(pod_pda_agent(&agent, NULL, &wpk), POD_OK);
  char agent58[POD_BASE58_32_SZ];
  pod_base58_encode_32(agent58, agent.b);
  r = call("getAccountInfo", "[\"%s\",{\"encoding\":\"base64\"}]", agent58);
  const char *data64 = str_of(pod_json_at(pod_json_find(value(r), "data"), 0));
  uint8_t data[512];
  size_t dn = 0;
  CHECK_EQ(pod_base64_decode(data, sizeof data, &dn, data64, strlen(data64)), POD_OK);
  CHECK_EQ(dn, 286);
  CHECK_EQ(u64_of(pod_json_find(value(r), "space")), 286);
  pod_agent_account_t ag;
  CHECK_EQ(pod_agent_account_decode(&ag, data, dn), POD_OK);
  CHECK(pod_pubkey_eq(&ag.pubkey, &wpk));
  CHECK_EQ(ag.capabilities, 7);
  CHECK_EQ(ag.reputation, 100);
  /* base58 of 286 bytes: refused as Solana does */
  r = call("getAccountInfo", "[\"%s\",{\"encoding\":\"base58\"}]", agent58);
  CHECK_ERR(r, -32600);
  r = call("getAccountInfo",
           "[\"%s\",{\"encoding\":\"base58\",\"dataSlice\":{\"offset\":8,\"length\":32}}]",
           agent58);
  CHECK_STR(str_of(pod_json_at(pod_json_find(value(r), "data"), 0)), w.b58);
  r = call("getAccountInfo", "[\"%s\",{\"encoding\":\"base64+zstd\"}]", agent58);
  CHECK_STR(str_of(pod_json_at(pod_json_find(value(r), "data"), 1)), "base64+zstd");
  /* getProgramAccounts: dataSize + memcmp on the wallet at 8 (base58 and base64 bytes) */
  char prog[POD_BASE58_32_SZ];
  pod_base58_encode_32(prog, pod_program_id.b);
  r = call(
      "getProgramAccounts",
      "[\"%s\",{\"encoding\":\"base64\",\"filters\":[{\"dataSize\":286},{\"memcmp\":{\"offset\":8,"
      "\"bytes\":\"%s\"}}]}]",
      prog, w.b58);
  CHECK_EQ(pod_json_len(result(r)), 1);
  CHECK_STR(str_of(pod_json_find(pod_json_at(result(r), 0), "pubkey")), agent58);
  r = call("getProgramAccounts",
           "[\"%s\",{\"encoding\":\"base64\",\"withContext\":true,\"dataSlice\":{\"offset\":0,"
           "\"length\":8},\"filters\":[{\"memcmp\":{\"offset\":8,\"bytes\":\"%s\",\"encoding\":"
           "\"base64\"}}]}]",
           prog, b64(wpk.b, 32));
  CHECK_EQ(pod_json_len(value(r)), 1);
  CHECK_STR(str_of(pod_json_at(
                pod_json_find(pod_json_find(pod_json_at(value(r), 0), "account"), "data"), 0)),
            b64(data, 8));
  r = call(
      "getProgramAccounts",
      "[\"%s\",{\"filters\":[{\"dataSize\":286},{\"memcmp\":{\"offset\":8,\"bytes\":\"%s\"}}]}]",
      prog, "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T");
  CHECK_EQ(pod_json_len(result(r)), 0);
  CHECK_EQ(pod_json_type(result(r)), POD_JSON_ARRAY);
  r = call("getProgramAccounts", "[\"%s\",{\"filters\":[{\"dataSize\":286}]}]", prog);
  CHECK_ERR(r, -32600); /* binary (base58) default: over 128 bytes */
  CHECK_ERR(call("getProgramAccounts",
                 "[\"%s\",{\"filters\":[{\"dataSize\":1},{\"dataSize\":1},{\"dataSize\":1},{"
                 "\"dataSize\":1},{\"dataSize\":1}]}]",
                 prog),
            -32602);
  CHECK_ERR(call("getProgramAccounts",
                 "[\"%s\",{\"filters\":[{\"memcmp\":{\"offset\":0,\"bytes\":\"0OIl\"}}]}]", prog),
            -32602);
  CHECK_ERR(
      call("getProgramAccounts", "[\"%s\",{\"filters\":[{\"tokenAccountState\":null}]}]", prog),
      -32602);
  /* getSignaturesForAddress: airdrop then register, newest first */
  r = call("getSignaturesForAddress", "[\"%s\"]", w.b58);
  CHECK_EQ(pod_json_len(result(r)), 2);
  CHECK_STR(str_of(pod_json_find(pod_json_at(result(r), 0), "signature")), sigc);
  CHECK_STR(str_of(pod_json_find(pod_json_at(result(r), 0), "confirmationStatus")), "finalized");
  CHECK(pod_json_is_null(pod_json_find(pod_json_at(result(r), 0), "memo")));
  r = call("getSignaturesForAddress", "[\"%s\",{\"limit\":1}]", w.b58);
  CHECK_EQ(pod_json_len(result(r)), 1);
  r = call("getSignaturesForAddress", "[\"%s\",{\"before\":\"%s\"}]", w.b58, sigc);
  CHECK_EQ(pod_json_len(result(r)), 1);
  r = call("getSignaturesForAddress", "[\"%s\",{\"until\":\"%s\"}]", w.b58, sigc);
  CHECK_EQ(pod_json_len(result(r)), 0);
  CHECK_ERR(call("getSignaturesForAddress", "[\"%s\",{\"limit\":1001}]", w.b58), -32602);

  /* replay: AlreadyProcessed as a preflight failure */
  r = call("sendTransaction", "[\"%s\"]", b58(wire, n));
  CHECK_ERR(r, -32002);
  CHECK(strstr(body, "\"err\":\"AlreadyProcessed\"") != NULL);
  CHECK_STR(err_msg(r),
            "Transaction simulation failed: This transaction has already been processed");

  /* a second register for the same wallet: System Custom(0) in the preflight, nothing charged */
  uint64_t before = balance(w.b58);
  latest_blockhash(bh);
  n = build_register(wire, &w.kp, "https://agent.example/other.json", bh);
  r = send_wire(wire, n, NULL);
  CHECK_ERR(r, -32002);
  CHECK(strstr(body, "{\"InstructionError\":[0,{\"Custom\":0}]}") != NULL);
  CHECK_EQ(balance(w.b58), before);
}

static void test_failures(void) {
  wallet_t w;
  new_wallet(&w, 1000000000ull);
  uint8_t bh[32], wire[POD_TXN_MTU];
  latest_blockhash(bh);
  /* preflight failure: a bad URI is 6000, with the logs, nothing charged */
  size_t n = build_register(wire, &w.kp, "x", bh);
  const pod_json_val *r = send_wire(wire, n, NULL);
  CHECK_ERR(r, -32002);
  CHECK_STR(err_msg(r), "Transaction simulation failed: Error processing Instruction 0: custom "
                        "program error: 0x1770");
  const pod_json_val *data = pod_json_find(pod_json_find(r, "error"), "data");
  CHECK(strstr(body, "\"err\":{\"InstructionError\":[0,{\"Custom\":6000}]}") != NULL);
  CHECK(pod_json_len(pod_json_find(data, "logs")) >= 3);
  CHECK(strstr(body, "InvalidMetadataUriLength") != NULL);
  CHECK(pod_json_is_null(pod_json_find(data, "accounts")));
  CHECK(pod_json_is_null(pod_json_find(data, "innerInstructions")));
  CHECK(u64_of(pod_json_find(data, "unitsConsumed")) > 0);
  CHECK(pod_json_find(data, "returnData") != NULL);
  CHECK_EQ(balance(w.b58), 1000000000ull);
  char sig[100];
  snprintf(sig, sizeof sig, "%s", b58(wire + 1, 64));
  CHECK(pod_json_is_null(pod_json_at(value(call("getSignatureStatuses", "[[\"%s\"]]", sig)), 0)));
  /* the same with skipPreflight: committed, the fee charged, the failure recorded */
  r = send_wire(wire, n, ",\"skipPreflight\":true");
  CHECK_STR(str_of(result(r)), sig);
  CHECK_EQ(balance(w.b58), 1000000000ull - 5000);
  r = call("getSignatureStatuses", "[[\"%s\"]]", sig);
  CHECK(strstr(body, "\"err\":{\"InstructionError\":[0,{\"Custom\":6000}]}") != NULL);
  CHECK(strstr(body, "\"status\":{\"Err\":{\"InstructionError\"") != NULL);
  r = call("getTransaction", "[\"%s\"]", sig);
  CHECK_EQ(u64_of(pod_json_find(pod_json_find(result(r), "meta"), "fee")), 5000);
  /* stale blockhash */
  uint8_t stale[32];
  memset(stale, 9, 32);
  n = build_register(wire, &w.kp, "https://agent.example/a.json", stale);
  r = send_wire(wire, n, NULL);
  CHECK_ERR(r, -32002);
  CHECK_STR(err_msg(r), "Transaction simulation failed: Blockhash not found");
  CHECK(strstr(body, "\"err\":\"BlockhashNotFound\"") != NULL);
  /* ... dropped silently with skipPreflight, as a cluster does: signature, never a status */
  r = send_wire(wire, n, ",\"skipPreflight\":true");
  CHECK_OK(r);
  CHECK(pod_json_is_null(
      pod_json_at(value(call("getSignatureStatuses", "[[\"%s\"]]", b58(wire + 1, 64))), 0)));
  /* simulateTransaction with replaceRecentBlockhash succeeds, and reports the blockhash */
  r = call("simulateTransaction",
           "[\"%s\",{\"encoding\":\"base64\",\"replaceRecentBlockhash\":true,"
           "\"accounts\":{\"encoding\":\"base64\",\"addresses\":[\"%s\"]}}]",
           b64(wire, n), w.b58);
  CHECK_OK(r);
  CHECK(pod_json_is_null(pod_json_find(value(r), "err")));
  CHECK(strlen(str_of(
            pod_json_find(pod_json_find(value(r), "replacementBlockhash"), "blockhash"))) >= 32);
  CHECK(strstr(body, "Program data: ") != NULL);
  CHECK(u64_of(pod_json_find(value(r), "unitsConsumed")) > 0);
  CHECK_EQ(pod_json_len(pod_json_find(value(r), "accounts")), 1);
  CHECK_ERR(call("simulateTransaction",
                 "[\"%s\",{\"encoding\":\"base64\",\"replaceRecentBlockhash\":true,"
                 "\"sigVerify\":true}]",
                 b64(wire, n)),
            -32602);
  /* without replacement: BlockhashNotFound in the value, not an error */
  r = call("simulateTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(wire, n));
  CHECK(strstr(body, "\"err\":\"BlockhashNotFound\"") != NULL);
  /* sigVerify false: zero signatures simulate; sigVerify true: -32003 */
  latest_blockhash(bh);
  n = build_register(wire, &w.kp, "https://agent.example/b.json", bh);
  memset(wire + 1, 0, 64);
  r = call("simulateTransaction",
           "[\"%s\",{\"encoding\":\"base64\",\"sigVerify\":false,\"innerInstructions\":true}]",
           b64(wire, n));
  CHECK(pod_json_is_null(pod_json_find(value(r), "err")));
  CHECK_EQ(pod_json_len(pod_json_find(value(r), "innerInstructions")), 0);
  CHECK_EQ(pod_json_type(pod_json_find(value(r), "innerInstructions")), POD_JSON_ARRAY);
  CHECK_ERR(call("simulateTransaction", "[\"%s\",{\"encoding\":\"base64\",\"sigVerify\":true}]",
                 b64(wire, n)),
            -32003);
  /* bad signature on send: -32003, with or without a failing program */
  r = send_wire(wire, n, NULL);
  CHECK_ERR(r, -32003);
  CHECK_STR(err_msg(r), "Transaction signature verification failure");
  n = build_register(wire, &w.kp, "x", bh);
  wire[10] ^= 1;
  CHECK_ERR(send_wire(wire, n, NULL), -32003);
  /* bad encodings, sizes, truncation */
  r = call("sendTransaction", "[\"0OIl\"]");
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "invalid base58 encoding: InvalidCharacter") != NULL);
  r = call("sendTransaction", "[\"AAA*\",{\"encoding\":\"base64\"}]");
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "invalid base64 encoding") != NULL);
  static uint8_t huge[1300];
  memset(huge, 1, sizeof huge);
  r = call("sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(huge, 1233));
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "too large: 1233 bytes (max: 1232 bytes)") != NULL);
  r = call("sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(huge, 1300));
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "base64 encoded") != NULL);
  r = call("sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(wire, n - 5));
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "failed to deserialize") != NULL);
  r = call("sendTransaction", "[\"%s\",{\"encoding\":\"json\"}]", b64(wire, n));
  CHECK_ERR(r, -32602);
  CHECK(strstr(err_msg(r), "unsupported encoding: json") != NULL);
  CHECK_ERR(call("sendTransaction", "[]"), -32602);
  CHECK_ERR(call("sendTransaction", "[5]"), -32602);
  CHECK_ERR(call("sendTransaction", "[\"%s\",{\"minContextSlot\":999999999}]", b58(wire, n)),
            -32016);
  /* performance counters count what was committed */
  r = call("getRecentPerformanceSamples", "[]");
  CHECK_EQ(pod_json_type(result(r)), POD_JSON_ARRAY);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_rpc PATH-TO-PODD\n");
    return 2;
  }
  podd_bin = argv[1];
  signal(SIGPIPE, SIG_IGN);
  char dir[] = "/tmp/test_rpc.XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pid_t pid = start_podd(dir, "10000000000");
  CHECK(pid > 0);
  if (pid <= 0) return 1;
  curl_global_init(CURL_GLOBAL_ALL);
  curl = curl_easy_init();
  struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, hdr);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);

  test_node();
  test_jsonrpc();
  test_accounts_and_transfers();
  test_register_agent();
  test_failures();

  pod_json_free(doc);
  curl_slist_free_all(hdr);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  CHECK_EQ(stop_podd(pid), 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
