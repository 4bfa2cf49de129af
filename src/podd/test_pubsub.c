#define _GNU_SOURCE /* strcasestr, usleep in test_client.h */
/* PubSub (rpc_pubsub.h) in-process: the real transport (http.h) on a free port, a ledger in a
 * temporary directory, and a raw RFC 6455 client (test_client.h); transactions are committed
 * straight into the ledger, so every notification is checked against what was committed.
 * Only 127.0.0.1; every wait is bounded. */
#include "http.h"
#include "rpc_pubsub.h"
#include "test/pod_test.h"
#include "test_client.h"

#include <pod/encode.h>
#include <pod/json.h>
#include <pod/ledger.h>
#include <pod/program.h>

#include <sys/resource.h>

#define SOL 1000000000ull
#define FRAME_MAX (1u << 20)

static pubsub *ps;
static pod_ledger *led;
static uint16_t ws_port;

/* ---- the server: the transport's WebSocket callbacks go to pubsub ---- */
static int on_request(void *user, podd_http *srv, podd_http_call *call, const podd_http_req_t *req,
                      podd_http_res_t *res) {
  (void)user, (void)srv, (void)call, (void)req;
  res->status = 404;
  return PODD_HTTP_DONE;
}
static void on_open(void *user, podd_http *srv, podd_ws_id id) { pubsub_ws_open(user, srv, id); }
static void on_message(void *user, podd_http *srv, podd_ws_id id, const char *t, size_t n) {
  pubsub_ws_message(user, srv, id, t, n);
}
static void on_close(void *user, podd_http *srv, podd_ws_id id) { pubsub_ws_close(user, srv, id); }
static void on_log(void *user, const char *line) { (void)user, (void)line; }

/* ---- the client ---- */
static char frame[FRAME_MAX];

static int ws_text(int fd, const char *s) { return ws_send_frame(fd, 1, 1, s, strlen(s)); }

/* 1 if a frame is waiting (or arrives within ms). */
static int pending(int fd, int ms) {
  struct pollfd pf = {fd, POLLIN, 0};
  return poll(&pf, 1, ms) > 0;
}

/* The next text message, parsed (NULL on timeout or garbage). */
static pod_json_doc *next_json(int fd) {
  size_t n = 0;
  if (!pending(fd, 3000) || ws_recv_frame(fd, frame, sizeof frame, &n) != 1) return NULL;
  pod_json_doc *d = NULL;
  if (pod_json_parse(&d, frame, n, NULL, NULL) != POD_OK) {
    fprintf(stderr, "not JSON: %s\n", frame);
    return NULL;
  }
  return d;
}

/* Sends one request and returns its answer. */
static pod_json_doc *call(int fd, const char *req) {
  CHECK_EQ(ws_text(fd, req), 0);
  return next_json(fd);
}

static const pod_json_val *at(const pod_json_doc *d, const char *a, const char *b, const char *c) {
  const pod_json_val *v = pod_json_root(d);
  if (a) v = pod_json_find(v, a);
  if (b) v = pod_json_find(v, b);
  if (c) v = pod_json_find(v, c);
  return v;
}

static uint64_t u64_at(const pod_json_doc *d, const char *a, const char *b, const char *c) {
  uint64_t x = UINT64_MAX;
  pod_json_get_u64(&x, at(d, a, b, c));
  return x;
}

static const char *str_at(const pod_json_doc *d, const char *a, const char *b, const char *c) {
  const char *s = NULL;
  pod_json_get_str(&s, NULL, at(d, a, b, c));
  return s ? s : "(none)";
}

/* Subscribes; returns the subscription id (UINT64_MAX on error). */
static uint64_t subscribe(int fd, const char *req) {
  pod_json_doc *d = call(fd, req);
  uint64_t id = d ? u64_at(d, "result", NULL, NULL) : UINT64_MAX;
  if (id == UINT64_MAX) fprintf(stderr, "subscribe failed: %s -> %s\n", req, frame);
  pod_json_free(d);
  return id;
}

/* The error code of an answer (0 if none). */
static int64_t error_code(const pod_json_doc *d) {
  int64_t c = 0;
  pod_json_get_i64(&c, at(d, "error", "code", NULL));
  return c;
}

/* A notification: method and subscription checked; the doc is returned for more checks. */
static pod_json_doc *expect_note(int fd, const char *method, uint64_t sub) {
  pod_json_doc *d = next_json(fd);
  CHECK(d != NULL);
  if (!d) return NULL;
  CHECK_STR(str_at(d, "method", NULL, NULL), method);
  CHECK_EQ(u64_at(d, "params", "subscription", NULL), sub);
  if (strcmp(str_at(d, "method", NULL, NULL), method)) fprintf(stderr, "got %s\n", frame);
  return d;
}

/* ---- transactions ---- */
static void kp(pod_keypair_t *k, pod_pubkey_t *pk, uint8_t seed_byte) {
  uint8_t s[32];
  memset(s, seed_byte, 32);
  pod_keypair_from_seed(k, s);
  pod_keypair_pubkey(pk, k);
}

static size_t tx1(uint8_t *wire, const pod_instruction_t *ix, const pod_keypair_t *const *s,
                  size_t ns) {
  uint8_t bh[32];
  size_t sz = 0;
  pod_ledger_latest_blockhash(led, bh, NULL);
  CHECK_EQ(pod_txn_build(wire, POD_TXN_MTU, &sz, ix, 1, bh, s, ns), POD_OK);
  return sz;
}

static size_t transfer(uint8_t *wire, const pod_keypair_t *from, const pod_pubkey_t *to,
                       uint64_t lamports) {
  pod_pubkey_t fk;
  pod_keypair_pubkey(&fk, from);
  pod_account_meta_t m[2] = {{fk, 1, 1}, {*to, 0, 1}};
  uint8_t d[12] = {2, 0, 0, 0};
  for (int i = 0; i < 8; i++)
    d[4 + i] = (uint8_t)(lamports >> (8 * i));
  pod_instruction_t ix = {pod_system_program_id, m, 2, d, 12};
  const pod_keypair_t *s[1] = {from};
  return tx1(wire, &ix, s, 1);
}

static size_t create_account(uint8_t *wire, const pod_keypair_t *from, const pod_keypair_t *acct,
                             uint64_t lamports, uint64_t space, const pod_pubkey_t *owner) {
  pod_pubkey_t fk, ak;
  pod_keypair_pubkey(&fk, from);
  pod_keypair_pubkey(&ak, acct);
  pod_account_meta_t m[2] = {{fk, 1, 1}, {ak, 1, 1}};
  uint8_t d[52] = {0};
  for (int i = 0; i < 8; i++) {
    d[4 + i] = (uint8_t)(lamports >> (8 * i));
    d[12 + i] = (uint8_t)(space >> (8 * i));
  }
  memcpy(d + 20, owner->b, 32);
  pod_instruction_t ix = {pod_system_program_id, m, 2, d, 52};
  const pod_keypair_t *s[2] = {from, acct};
  return tx1(wire, &ix, s, 2);
}

static int process(const uint8_t *wire, size_t sz, pod_signature_t *sig) {
  pod_ledger_result_t r;
  int rc = pod_ledger_process(led, wire, sz, &r);
  if (sig) *sig = r.signature;
  pod_ledger_result_free(&r);
  return rc;
}

static double cpu_ms(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* ---- tests ---- */

static void test_protocol(int fd) {
  pod_json_doc *d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":1,");
  CHECK(d && error_code(d) == -32700);
  pod_json_free(d);
  d = call(fd, "{\"id\":2,\"method\":\"slotSubscribe\"}"); /* no "jsonrpc" */
  CHECK(d && error_code(d) == -32600);
  pod_json_free(d);
  d = call(fd, "[]");
  CHECK(d && error_code(d) == -32600);
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"getBalance\",\"params\":[]}");
  CHECK(d && error_code(d) == -32601);
  CHECK_STR(d ? str_at(d, "id", NULL, NULL) : "", "x");
  pod_json_free(d);
  d = call(fd,
           "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"accountSubscribe\",\"params\":[\"0OIl\"]}");
  CHECK(d && error_code(d) == -32602);
  CHECK_STR(d ? str_at(d, "error", "message", NULL) : "",
            "Invalid Request: Invalid pubkey provided");
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"accountSubscribe\",\"params\":[]}");
  CHECK(d && error_code(d) == -32602);
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"accountSubscribe\",\"params\":"
               "[\"11111111111111111111111111111111\",{\"encoding\":\"hex\"}]}");
  CHECK(d && error_code(d) == -32602);
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"logsSubscribe\",\"params\":"
               "[{\"mentions\":[\"11111111111111111111111111111111\","
               "\"11111111111111111111111111111111\"]}]}");
  CHECK(d && error_code(d) == -32602);
  CHECK_STR(d ? str_at(d, "error", "message", NULL) : "",
            "Invalid Request: Only 1 address supported");
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"signatureSubscribe\",\"params\":"
               "[\"abc\"]}");
  CHECK(d && error_code(d) == -32602);
  CHECK_STR(d ? str_at(d, "error", "message", NULL) : "",
            "Invalid Request: Invalid signature provided");
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"slotUnsubscribe\",\"params\":[123456]}");
  CHECK(d && error_code(d) == -32602);
  CHECK_STR(d ? str_at(d, "error", "message", NULL) : "", "Invalid subscription id.");
  pod_json_free(d);
  d = call(fd, "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"programSubscribe\",\"params\":"
               "[\"11111111111111111111111111111111\",{\"filters\":[{\"dataSize\":1},"
               "{\"dataSize\":1},{\"dataSize\":1},{\"dataSize\":1},{\"dataSize\":1}]}]}");
  CHECK(d && error_code(d) == -32602);
  pod_json_free(d);

  /* a batch: answers in order, in one message; a request without id gets no answer */
  d = call(fd, "[{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"logsSubscribe\",\"params\":[\"all\"]},"
               "{\"jsonrpc\":\"2.0\",\"method\":\"nothing\"},"
               "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"nothing\"}]");
  CHECK(d != NULL);
  if (d) {
    const pod_json_val *r = pod_json_root(d);
    CHECK_EQ(pod_json_len(r), 2);
    uint64_t id = 0, sub = UINT64_MAX;
    pod_json_get_u64(&id, pod_json_find(pod_json_at(r, 0), "id"));
    pod_json_get_u64(&sub, pod_json_find(pod_json_at(r, 0), "result"));
    CHECK_EQ(id, 10);
    int64_t code = 0;
    pod_json_get_i64(&code, pod_json_find(pod_json_find(pod_json_at(r, 1), "error"), "code"));
    CHECK_EQ(code, -32601);
    char req[128];
    snprintf(req, sizeof req,
             "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"logsUnsubscribe\",\"params\":[%llu]}",
             (unsigned long long)sub);
    pod_json_free(d);
    d = call(fd, req);
    CHECK(d && pod_json_find(pod_json_root(d), "result") &&
          pod_json_type(at(d, "result", NULL, NULL)) == POD_JSON_BOOL);
  }
  pod_json_free(d);
  CHECK(!pending(fd, 50));
}

static void test_transactions(int fd) {
  pod_keypair_t ka, kb, kc, kbig;
  pod_pubkey_t a, b, c, big;
  kp(&ka, &a, 11);
  kp(&kb, &b, 12);
  kp(&kc, &c, 13);
  kp(&kbig, &big, 14);
  char b58a[POD_BASE58_32_SZ], b58b[POD_BASE58_32_SZ], b58c[POD_BASE58_32_SZ],
      b58big[POD_BASE58_32_SZ], req[512];
  pod_base58_encode_32(b58a, a.b);
  pod_base58_encode_32(b58b, b.b);
  pod_base58_encode_32(b58c, c.b);
  pod_base58_encode_32(b58big, big.b);

  /* account a (base64), logs mentioning b, all logs, System-owned accounts of 0 bytes */
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"accountSubscribe\",\"params\":[\"%s\","
           "{\"encoding\":\"base64\",\"commitment\":\"confirmed\"}]}",
           b58a);
  uint64_t s_acct = subscribe(fd, req);
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logsSubscribe\",\"params\":[{\"mentions\":"
           "[\"%s\"]},{\"commitment\":\"processed\"}]}",
           b58b);
  uint64_t s_logs_b = subscribe(fd, req);
  uint64_t s_logs_all = subscribe(
      fd,
      "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logsSubscribe\",\"params\":[\"allWithVotes\"]}");
  uint64_t s_prog =
      subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"programSubscribe\",\"params\":["
                    "\"11111111111111111111111111111111\",{\"encoding\":\"base64\",\"filters\":"
                    "[{\"dataSize\":0}]}]}");
  CHECK(s_acct != s_logs_b && s_logs_b != s_logs_all && s_logs_all != s_prog);

  /* an airdrop to a: all logs, account and program notifications (a is a System account with
   * no data; the faucet is written too, but ends at 0 lamports: deleted, no owner); not b's
   * logs */
  pod_signature_t sig;
  CHECK_EQ(pod_ledger_airdrop(led, &sig, NULL, &a, 5 * SOL), POD_OK);
  char b58sig[POD_BASE58_64_SZ];
  pod_base58_encode_64(b58sig, sig.b);
  pod_sig_status_t st;
  CHECK_EQ(pod_ledger_signature_status(led, &sig, &st), POD_OK);
  pod_json_doc *d = expect_note(fd, "logsNotification", s_logs_all);
  if (d) {
    const pod_json_val *v = pod_json_find(at(d, "params", "result", NULL), "value");
    const char *s = NULL;
    pod_json_get_str(&s, NULL, pod_json_find(v, "signature"));
    CHECK_STR(s, b58sig);
    CHECK(pod_json_is_null(pod_json_find(v, "err")));
    CHECK_EQ(pod_json_len(pod_json_find(v, "logs")), 2);
    uint64_t slot = 0;
    pod_json_get_u64(
        &slot, pod_json_find(pod_json_find(at(d, "params", "result", NULL), "context"), "slot"));
    CHECK_EQ(slot, st.slot);
  }
  pod_json_free(d);
  int got_acct = 0, got_prog = 0;
  for (int i = 0; i < 2; i++) { /* account a, program a */
    d = next_json(fd);
    CHECK(d != NULL);
    if (!d) break;
    const char *m = str_at(d, "method", NULL, NULL);
    const pod_json_val *v = pod_json_find(at(d, "params", "result", NULL), "value");
    if (!strcmp(m, "accountNotification")) {
      got_acct++;
      CHECK_EQ(u64_at(d, "params", "subscription", NULL), s_acct);
      uint64_t lam = 0;
      pod_json_get_u64(&lam, pod_json_find(v, "lamports"));
      CHECK_EQ(lam, 5 * SOL);
      const char *enc = NULL;
      pod_json_get_str(&enc, NULL, pod_json_at(pod_json_find(v, "data"), 1));
      CHECK_STR(enc, "base64");
    } else if (!strcmp(m, "programNotification")) {
      got_prog++;
      CHECK_EQ(u64_at(d, "params", "subscription", NULL), s_prog);
      CHECK(pod_json_find(v, "pubkey") && pod_json_find(v, "account"));
    } else {
      fprintf(stderr, "unexpected: %s\n", frame);
      CHECK(0);
    }
    pod_json_free(d);
  }
  CHECK_EQ(got_acct, 1);
  CHECK_EQ(got_prog, 1);
  CHECK(!pending(fd, 50));

  /* signatureSubscribe before the transaction, with the "received" notification */
  uint8_t wire[POD_TXN_MTU];
  size_t sz = transfer(wire, &ka, &b, SOL);
  pod_base58_encode_64(b58sig, wire + 1);
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"signatureSubscribe\",\"params\":[\"%s\","
           "{\"commitment\":\"finalized\",\"enableReceivedNotification\":true}]}",
           b58sig);
  uint64_t s_sig = subscribe(fd, req);
  CHECK_EQ(process(wire, sz, NULL), POD_OK);
  d = expect_note(fd, "signatureNotification", s_sig);
  if (d) CHECK_STR(str_at(d, "params", "result", "value"), "receivedSignature");
  pod_json_free(d);
  d = expect_note(fd, "signatureNotification", s_sig);
  if (d) {
    const pod_json_val *v = pod_json_find(at(d, "params", "result", NULL), "value");
    CHECK(pod_json_is_null(pod_json_find(v, "err")));
  }
  pod_json_free(d);
  /* then logs (all, mentions b), account a, program (a and b) */
  int seen_logs_all = 0, seen_logs_b = 0, seen_acct = 0, seen_prog = 0;
  for (int i = 0; i < 5; i++) {
    d = next_json(fd);
    CHECK(d != NULL);
    if (!d) break;
    uint64_t s = u64_at(d, "params", "subscription", NULL);
    seen_logs_all += s == s_logs_all;
    seen_logs_b += s == s_logs_b;
    seen_acct += s == s_acct;
    seen_prog += s == s_prog;
    pod_json_free(d);
  }
  CHECK_EQ(seen_logs_all, 1);
  CHECK_EQ(seen_logs_b, 1);
  CHECK_EQ(seen_acct, 1);
  CHECK_EQ(seen_prog, 2);
  CHECK(!pending(fd, 50));
  /* the signature subscription ended by itself */
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"signatureUnsubscribe\",\"params\":[%llu]}",
           (unsigned long long)s_sig);
  d = call(fd, req);
  CHECK(d && error_code(d) == -32602);
  pod_json_free(d);

  /* signatureSubscribe after the commit: the answer, then the notification at once */
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"signatureSubscribe\",\"params\":[\"%s\"]}",
           b58sig);
  s_sig = subscribe(fd, req);
  d = expect_note(fd, "signatureNotification", s_sig);
  pod_json_free(d);
  CHECK(!pending(fd, 50));

  /* done with these: unsubscribe (true), and nothing more arrives */
  uint64_t subs[3] = {s_logs_all, s_prog, s_logs_b};
  const char *meth[3] = {"logsUnsubscribe", "programUnsubscribe", "logsUnsubscribe"};
  for (int i = 0; i < 3; i++) {
    snprintf(req, sizeof req, "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"%s\",\"params\":[%llu]}",
             meth[i], (unsigned long long)subs[i]);
    d = call(fd, req);
    int t = 0;
    CHECK(d && pod_json_get_bool(&t, at(d, "result", NULL, NULL)) == POD_OK && t);
    pod_json_free(d);
  }

  /* a failed transfer: the signature's err, in Solana's shape */
  sz = transfer(wire, &ka, &c, 1000 * SOL);
  pod_base58_encode_64(b58sig, wire + 1);
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"signatureSubscribe\",\"params\":[\"%s\"]}",
           b58sig);
  s_sig = subscribe(fd, req);
  CHECK_EQ(process(wire, sz, NULL), POD_EPROGRAM);
  d = expect_note(fd, "signatureNotification", s_sig);
  if (d) {
    char errjson[128];
    const pod_json_val *e =
        pod_json_find(pod_json_find(at(d, "params", "result", NULL), "value"), "err");
    const pod_json_val *ie = pod_json_find(e, "InstructionError");
    uint64_t idx = 9, custom = 0;
    pod_json_get_u64(&idx, pod_json_at(ie, 0));
    pod_json_get_u64(&custom, pod_json_find(pod_json_at(ie, 1), "Custom"));
    snprintf(errjson, sizeof errjson, "%llu/%llu", (unsigned long long)idx,
             (unsigned long long)custom);
    CHECK_STR(errjson, "0/1");
  }
  pod_json_free(d);
  d = expect_note(fd, "accountNotification", s_acct); /* a paid the fee */
  pod_json_free(d);
  CHECK(!pending(fd, 50));

  /* base58 (the default "binary") of an account over 128 bytes: Solana's error text as data */
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"accountSubscribe\",\"params\":[\"%s\"]}",
           b58big);
  uint64_t s_big = subscribe(fd, req);
  pod_pubkey_t owner;
  memset(owner.b, 0x33, 32);
  sz = create_account(wire, &ka, &kbig, pod_rent_exempt_min(200), 200, &owner);
  CHECK_EQ(process(wire, sz, NULL), POD_OK);
  for (int i = 0; i < 2; i++) { /* a (payer) and big, in key order of the message */
    d = next_json(fd);
    CHECK(d != NULL);
    if (!d) break;
    if (u64_at(d, "params", "subscription", NULL) == s_big) {
      const pod_json_val *v = pod_json_find(at(d, "params", "result", NULL), "value");
      const char *data = NULL;
      pod_json_get_str(&data, NULL, pod_json_find(v, "data"));
      CHECK_STR(data, "error: data too large for bs58 encoding");
      uint64_t space = 0;
      pod_json_get_u64(&space, pod_json_find(v, "space"));
      CHECK_EQ(space, 200);
    }
    pod_json_free(d);
  }

  /* a deleted account: b sends everything away; its notification is the default account */
  snprintf(req, sizeof req,
           "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"accountSubscribe\",\"params\":[\"%s\","
           "{\"encoding\":\"base58\"}]}",
           b58b);
  uint64_t s_b = subscribe(fd, req);
  sz = transfer(wire, &kb, &c, pod_ledger_balance(led, &b) - 5000);
  CHECK_EQ(process(wire, sz, NULL), POD_OK);
  d = expect_note(fd, "accountNotification", s_b);
  if (d) {
    const pod_json_val *v = pod_json_find(at(d, "params", "result", NULL), "value");
    uint64_t lam = 1, space = 1, re = 1;
    pod_json_get_u64(&lam, pod_json_find(v, "lamports"));
    pod_json_get_u64(&space, pod_json_find(v, "space"));
    pod_json_get_u64(&re, pod_json_find(v, "rentEpoch"));
    const char *o = NULL, *data = NULL;
    pod_json_get_str(&o, NULL, pod_json_find(v, "owner"));
    pod_json_get_str(&data, NULL, pod_json_at(pod_json_find(v, "data"), 0));
    CHECK_EQ(lam, 0);
    CHECK_EQ(space, 0);
    CHECK_EQ(re, 0);
    CHECK_STR(o, "11111111111111111111111111111111");
    CHECK_STR(data, "");
  }
  pod_json_free(d);
  CHECK(!pending(fd, 50));
}

/* Sends an unsubscribe and reads until its answer (notifications may come before it). */
static int unsubscribe(int fd, const char *method, uint64_t id) {
  char req[128];
  snprintf(req, sizeof req, "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"%s\",\"params\":[%llu]}",
           method, (unsigned long long)id);
  CHECK_EQ(ws_text(fd, req), 0);
  int ok = 0;
  for (int i = 0; i < 10 && !ok; i++) {
    pod_json_doc *d = next_json(fd);
    if (!d) break;
    int t = 0;
    ok = pod_json_get_bool(&t, at(d, "result", NULL, NULL)) == POD_OK && t;
    pod_json_free(d);
  }
  return ok;
}

static void test_slots(int fd) {
  pod_json_doc *d;
  /* rootSubscribe: every slot is a root at once; the result is the root's number */
  uint64_t r = subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rootSubscribe\"}");
  d = expect_note(fd, "rootNotification", r);
  if (d) CHECK(u64_at(d, "params", "result", NULL) != UINT64_MAX);
  pod_json_free(d);
  CHECK(unsubscribe(fd, "rootUnsubscribe", r));

  uint64_t s = subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slotSubscribe\"}");
  uint64_t prev = 0;
  for (int i = 0; i < 4; i++) {
    d = expect_note(fd, "slotNotification", s);
    if (!d) break;
    uint64_t slot = u64_at(d, "params", "result", "slot"),
             parent = u64_at(d, "params", "result", "parent"),
             root = u64_at(d, "params", "result", "root");
    CHECK_EQ(parent + 1, slot);
    CHECK_EQ(root, slot);
    if (i) CHECK_EQ(slot, prev + 1);
    prev = slot;
    pod_json_free(d);
  }
  CHECK(unsubscribe(fd, "slotUnsubscribe", s));
  /* no subscriber: no notification, no ticking (the process sleeps) */
  usleep(100000);
  while (pending(fd, 0)) { /* at most one raced the unsubscribe */
    size_t n;
    ws_recv_frame(fd, frame, sizeof frame, &n);
  }
  double c0 = cpu_ms();
  CHECK(!pending(fd, 400));
  CHECK(cpu_ms() - c0 < 30.0);
}

static void test_limits(void) {
  int fd = ws_open(ws_port);
  CHECK(fd >= 0);
  if (fd < 0) return;
  /* 1000 subscriptions per connection, in batches of 100; the next one is refused */
  static char batch[100 * 160];
  int refused = 0;
  for (int round = 0; round < 11; round++) {
    size_t n = 0;
    n += (size_t)snprintf(batch + n, sizeof batch - n, "[");
    for (int i = 0; i < 100; i++) {
      pod_pubkey_t k;
      memset(k.b, 0, 32);
      k.b[0] = (uint8_t)round;
      k.b[1] = (uint8_t)i;
      k.b[2] = 1;
      char b58[POD_BASE58_32_SZ];
      n += (size_t)snprintf(batch + n, sizeof batch - n,
                            "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"accountSubscribe\","
                            "\"params\":[\"%s\"]}",
                            i ? "," : "", i, pod_base58_encode_32(b58, k.b));
    }
    snprintf(batch + n, sizeof batch - n, "]");
    pod_json_doc *d = call(fd, batch);
    CHECK(d != NULL);
    if (!d) break;
    const pod_json_val *r = pod_json_root(d);
    CHECK_EQ(pod_json_len(r), 100);
    for (size_t i = 0; i < pod_json_len(r); i++) {
      int64_t code = 0;
      pod_json_get_i64(&code, pod_json_find(pod_json_find(pod_json_at(r, i), "error"), "code"));
      if (code == -32603) refused++;
    }
    pod_json_free(d);
  }
  CHECK_EQ(refused, 100);
  /* 101 requests in a batch: refused as a whole */
  size_t n = 0;
  n += (size_t)snprintf(batch + n, sizeof batch - n, "[");
  for (int i = 0; i < 101; i++)
    n += (size_t)snprintf(batch + n, sizeof batch - n,
                          "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"slotUnsubscribe\","
                          "\"params\":[0]}",
                          i ? "," : "", i);
  snprintf(batch + n, sizeof batch - n, "]");
  pod_json_doc *d = call(fd, batch);
  CHECK(d && error_code(d) == -32600);
  pod_json_free(d);
  close(fd); /* its 1000 subscriptions go with it */
  /* a new connection can subscribe again */
  fd = ws_open(ws_port);
  CHECK(fd >= 0);
  uint64_t s = subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logsSubscribe\","
                             "\"params\":[\"all\"]}");
  CHECK(s != UINT64_MAX);
  close(fd);
}

int main(void) {
  char dir[64];
  strcpy(dir, "/tmp/podc-test-pubsub-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.slot_ms = 50;
  CHECK_EQ(pod_ledger_open(&led, dir, &o), POD_OK);
  CHECK_EQ(pubsub_new(&ps, led), POD_OK);
  podd_http_opts_t ho = PODD_HTTP_OPTS_INIT;
  ho.http_port = 0;
  ho.on_request = on_request;
  ho.on_ws_open = on_open;
  ho.on_ws_message = on_message;
  ho.on_ws_close = on_close;
  ho.log = on_log;
  ho.user = ps;
  podd_http *srv = NULL;
  char err[256];
  CHECK_EQ(podd_http_start(&srv, &ho, err, sizeof err), POD_OK);
  if (!srv) return 1;
  podd_http_ports(srv, NULL, &ws_port);

  int fd = ws_open(ws_port);
  CHECK(fd >= 0);
  if (fd >= 0) {
    test_protocol(fd);
    test_transactions(fd);
    test_slots(fd);
    close(fd);
  }
  test_limits();

  /* a client that leaves with subscriptions open: its close cleans up, commits go on */
  fd = ws_open(ws_port);
  subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"slotSubscribe\"}");
  subscribe(fd, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"logsSubscribe\",\"params\":[\"all\"]}");
  close(fd);
  usleep(100000);
  pod_pubkey_t z;
  memset(z.b, 0x5a, 32);
  CHECK_EQ(pod_ledger_airdrop(led, NULL, NULL, &z, SOL), POD_OK);

  podd_http_stop(srv);
  pubsub_free(ps);
  pod_ledger_close(led);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
