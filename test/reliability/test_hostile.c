/* Hostile input (issue 9, docs/RELIABILITY.md "Hostile input"): ONE table of bad requests and
 * transactions sent to a real podd. Each row says what is sent -- raw bytes on the HTTP or the
 * WebSocket port, a JSON-RPC body, a WebSocket frame, or a transaction built by a mutator -- and
 * the answer expected: HTTP status, JSON-RPC error code and a fragment of its message, WebSocket
 * close code, or the transaction error. After every row:
 *   - nothing changed in the ledger: the SHA-256 of getProgramAccounts(PoD program, base64) --
 *     every PoD account, its lamports and bytes -- and the balances of the test wallets are as
 *     before, except that when a transaction was executed and failed (skipPreflight) its fee payer
 *     paid exactly the fee (5000 lamports) and nothing else;
 *   - podd still serves another client: getHealth and getSlot on fresh connections (and a new
 *     WebSocket handshake after the WebSocket rows).
 * A summary table of the rows is printed. Usage: test_hostile PATH-TO-PODD. Only 127.0.0.1; every
 * wait is bounded. */
#define _GNU_SOURCE
#include "podd/test_client.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#include <pod/pod.h>

#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>

#define FEE 5000ull

static uint16_t http_port, ws_port;

/* ---- one HTTP exchange over a fresh connection ---- */
typedef struct {
  int status;        /* HTTP status, -1 if no answer */
  char *text;        /* the whole answer, NUL-terminated (malloc) */
  const char *body;  /* after the head */
  pod_json_doc *doc; /* the body parsed, or NULL */
} answer_t;

static void answer_free(answer_t *a) {
  free(a->text);
  pod_json_free(a->doc);
  memset(a, 0, sizeof *a);
}

/* Sends req[0..n) (stopping quietly if the server closes first: it may answer before reading
 * everything) and reads one answer: to the end of its Content-Length or to EOF, at most
 * timeout_ms. With hold != NULL the connection is left open and its descriptor stored there. */
static int exchange(uint16_t port, const void *req, size_t n, answer_t *a, int timeout_ms,
                    int *hold) {
  memset(a, 0, sizeof *a);
  a->status = -1;
  int fd = tcp_connect(port);
  if (fd < 0) return -1;
  const char *p = req;
  while (n) {
    ssize_t w = send(fd, p, n < 65536 ? n : 65536, MSG_NOSIGNAL);
    if (w <= 0) break;
    p += w, n -= (size_t)w;
  }
  size_t cap = 1 << 16, len = 0;
  a->text = malloc(cap);
  uint64_t until = now_ms() + (uint64_t)timeout_ms;
  for (;;) {
    if (len + 1 == cap) {
      char *t = realloc(a->text, cap * 2);
      if (!t) break;
      a->text = t, cap *= 2;
    }
    a->text[len] = 0;
    const char *head_end = strstr(a->text, "\r\n\r\n");
    if (head_end) {
      const char *cl = strcasestr(a->text, "\r\ncontent-length:");
      if (cl && cl < head_end && len >= (size_t)(head_end + 4 - a->text) + strtoul(cl + 17, 0, 10))
        break;
    }
    int left = (int)(until > now_ms() ? until - now_ms() : 0);
    struct pollfd pf = {fd, POLLIN, 0};
    if (left == 0 || poll(&pf, 1, left) <= 0) break;
    ssize_t r = recv(fd, a->text + len, cap - 1 - len, 0);
    if (r <= 0) break;
    len += (size_t)r;
  }
  a->text[len] = 0;
  if (hold)
    *hold = fd;
  else
    close(fd);
  const char *b = strstr(a->text, "\r\n\r\n");
  if (b && sscanf(a->text, "HTTP/1.1 %d", &a->status) == 1) {
    a->body = b + 4;
    size_t bl = len - (size_t)(a->body - a->text);
    if (bl && pod_json_parse(&a->doc, a->body, bl, NULL, NULL) != POD_OK) a->doc = NULL;
  }
  return a->status;
}

static int post(answer_t *a, const char *body, size_t n) {
  char head[256];
  int hl = snprintf(head, sizeof head,
                    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Connection: close\r\nContent-Length: %zu\r\n\r\n",
                    n);
  char *req = malloc((size_t)hl + n);
  memcpy(req, head, (size_t)hl);
  memcpy(req + hl, body, n);
  int st = exchange(http_port, req, (size_t)hl + n, a, 10000, NULL);
  free(req);
  return st;
}

static int call(answer_t *a, const char *method, const char *params_fmt, ...) {
  char params[8192], body[8400];
  va_list ap;
  va_start(ap, params_fmt);
  vsnprintf(params, sizeof params, params_fmt, ap);
  va_end(ap);
  int n =
      snprintf(body, sizeof body, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"%s\",\"params\":%s}",
               method, params);
  return post(a, body, (size_t)n);
}

static const pod_json_val *result_of(const answer_t *a) {
  return pod_json_find(pod_json_root(a->doc), "result");
}
static const pod_json_val *error_of(const answer_t *a) {
  return pod_json_find(pod_json_root(a->doc), "error");
}
static int64_t code_of(const pod_json_val *err) {
  int64_t c = 0;
  pod_json_get_i64(&c, pod_json_find(err, "code"));
  return c;
}
static const char *message_of(const pod_json_val *err) {
  const char *s = "";
  pod_json_get_str(&s, NULL, pod_json_find(err, "message"));
  return s;
}

/* ---- wallets and transactions ---- */
typedef struct {
  pod_keypair_t kp;
  pod_pubkey_t pk, agent;
  char b58[POD_BASE58_32_SZ];
} wallet_t;
enum { WA, WB, WC, NW };
static wallet_t W[NW];
static pod_pubkey_t msg_m;               /* a MessageAccount: A -> B's wallet */
static uint8_t replay_wire[POD_TXN_MTU]; /* A's register_agent, committed */
static size_t replay_sz;
static char replay_status[96]; /* its status: "slot":N,"status":{"Ok":null} */

static void latest_blockhash(uint8_t out[32]) {
  answer_t a;
  call(&a, "getLatestBlockhash", "[]");
  const char *s = "";
  pod_json_get_str(&s, NULL, pod_json_find(pod_json_find(result_of(&a), "value"), "blockhash"));
  CHECK_EQ(pod_base58_decode_32(out, s, strlen(s)), POD_OK);
  answer_free(&a);
}

static size_t sign1(uint8_t *wire, const pod_instruction_t *ix, const wallet_t *w,
                    const uint8_t *bh) {
  uint8_t latest[32];
  if (!bh) latest_blockhash(latest);
  const pod_keypair_t *s[1] = {&w->kp};
  size_t n = 0;
  CHECK_EQ(pod_txn_build(wire, POD_TXN_MTU, &n, ix, 1, bh ? bh : latest, s, 1), POD_OK);
  return n;
}

static char *b64(const uint8_t *p, size_t n) {
  static char out[POD_BASE64_ENC_SZ(2 * POD_TXN_MTU)];
  pod_base64_encode(out, sizeof out, NULL, p, n);
  return out;
}

/* update_agent(capabilities = caps) signed by C, for C's own agent unless told otherwise */
static size_t update_agent_by_c(uint8_t *wire, uint64_t caps, const pod_pubkey_t *agent_slot,
                                const uint8_t *bh) {
  pod_ix_update_agent_args_t a;
  memset(&a, 0, sizeof a);
  a.has_capabilities = 1;
  a.capabilities = caps;
  pod_ix_t ix;
  CHECK_EQ(pod_ix_update_agent(&ix, &W[WC].pk, &a), POD_OK);
  if (agent_slot) ix.metas[0].pubkey = *agent_slot;
  return sign1(wire, &ix.ix, &W[WC], bh);
}

/* The mutators: build the wire transaction of a row (k = the row's index, to vary the bytes) and
 * name its fee payer. */
static size_t tx_truncated(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  return update_agent_by_c(wire, (uint64_t)k, NULL, NULL) - 5;
}
static size_t tx_oversized(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  size_t n = update_agent_by_c(wire, (uint64_t)k, NULL, NULL);
  memset(wire + n, 0, POD_TXN_MTU + 1 - n); /* trailing zeros up to 1233 bytes */
  return POD_TXN_MTU + 1;
}
static size_t tx_bad_signature(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  size_t n = update_agent_by_c(wire, (uint64_t)k, NULL, NULL);
  wire[1 + 10] ^= 0x01;
  return n;
}
static size_t tx_replay(uint8_t *wire, int *payer, int k) {
  (void)k;
  *payer = WA;
  memcpy(wire, replay_wire, replay_sz);
  return replay_sz;
}
static size_t tx_unknown_blockhash(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  uint8_t bh[32];
  memset(bh, 9, sizeof bh);
  return update_agent_by_c(wire, (uint64_t)k, NULL, bh);
}
static size_t tx_other_agent(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  return update_agent_by_c(wire, (uint64_t)k, &W[WA].agent, NULL);
}
static size_t tx_wrong_owner(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  return update_agent_by_c(wire, (uint64_t)k, &W[WC].pk, NULL); /* a wallet: System-owned */
}
static size_t tx_wrong_discriminator(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  return update_agent_by_c(wire, (uint64_t)k, &msg_m, NULL); /* a MessageAccount */
}
/* a System transfer of 1 lamport to B from a wallet that was never funded */
static size_t tx_unfunded_payer(uint8_t *wire, int *payer, int k) {
  *payer = -1; /* nobody of the cast pays */
  uint8_t seed[32];
  memset(seed, 0x77, sizeof seed);
  wallet_t u;
  CHECK_EQ(pod_keypair_from_seed(&u.kp, seed), POD_OK);
  pod_keypair_pubkey(&u.pk, &u.kp);
  pod_account_meta_t metas[2] = {{u.pk, 1, 1}, {W[WB].pk, 0, 1}};
  uint8_t data[12] = {2, 0, 0, 0, (uint8_t)(1 + k)}; /* Transfer, 1 + k lamports */
  pod_instruction_t ix = {pod_system_program_id, metas, 2, data, sizeof data};
  return sign1(wire, &ix, &u, NULL);
}
/* C's update_agent whose instruction names a program id index beyond the account keys */
static size_t tx_bad_program_index(uint8_t *wire, int *payer, int k) {
  *payer = WC;
  size_t n = update_agent_by_c(wire, (uint64_t)k, NULL, NULL);
  size_t msg = 1 + 64, keys = wire[msg + 3]; /* one signature; fewer than 128 keys */
  wire[msg + 3 + 1 + 32 * keys + 32 + 1] = 99;
  return n;
}
/* update_message_status by B (the recipient) with its data cut to `len` bytes */
static size_t status_data_len(uint8_t *wire, size_t len) {
  pod_ix_update_message_status_args_t a = {POD_STATUS_READ};
  pod_ix_t ix;
  CHECK_EQ(pod_ix_update_message_status(&ix, &W[WB].pk, &msg_m, &a), POD_OK);
  ix.ix.data_sz = len;
  return sign1(wire, &ix.ix, &W[WB], NULL);
}
static size_t tx_args_missing(uint8_t *wire, int *payer, int k) {
  (void)k;
  *payer = WB;
  return status_data_len(wire, POD_DISC_SZ); /* discriminator only: no new_status */
}
static size_t tx_data_too_short(uint8_t *wire, int *payer, int k) {
  (void)k;
  *payer = WB;
  return status_data_len(wire, 4); /* not even a discriminator */
}

/* ---- generated bodies ---- */
static char *gen_repeat(size_t *len, const char *open, const char *mid, const char *close_,
                        size_t times) {
  size_t lo = strlen(open), lm = strlen(mid), lc = strlen(close_);
  char *s = malloc(times * (lo + lc) + lm + 1), *p = s;
  for (size_t i = 0; i < times; i++, p += lo)
    memcpy(p, open, lo);
  memcpy(p, mid, lm);
  p += lm;
  for (size_t i = 0; i < times; i++, p += lc)
    memcpy(p, close_, lc);
  *p = 0;
  *len = (size_t)(p - s);
  return s;
}
static char *gen_deep_array(size_t *len) { return gen_repeat(len, "[", "1", "]", 10000); }
static char *gen_deep_object(size_t *len) { return gen_repeat(len, "{\"a\":", "1", "}", 10000); }
static char *gen_deep_params(size_t *len) {
  /* a valid request whose params nest 10 000 deep */
  size_t n = 0;
  char *inner = gen_repeat(&n, "[", "1", "]", 10000);
  char *s = malloc(n + 128);
  *len = (size_t)sprintf(
      s, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBalance\",\"params\":%s}", inner);
  free(inner);
  return s;
}
static char *gen_batch_101(size_t *len) {
  char *s = malloc(101 * 64 + 4), *p = s;
  *p++ = '[';
  for (int i = 0; i < 101; i++)
    p += sprintf(p, "%s{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"getSlot\"}", i ? "," : "", i);
  *p++ = ']';
  *p = 0;
  *len = (size_t)(p - s);
  return s;
}
static char *gen_big_content_length(size_t *len) {
  const char *h = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2000000\r\n\r\n";
  size_t hl = strlen(h), body = 1 << 16;
  char *s = malloc(hl + body + 1);
  memcpy(s, h, hl);
  memset(s + hl, '[', body);
  *len = hl + body;
  return s;
}
static char *gen_big_chunked(size_t *len) {
  const char *h = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n";
  size_t hl = strlen(h), chunk = 1 << 16, chunks = 17; /* 1.06 MiB > the 1 MiB limit */
  char *s = malloc(hl + chunks * (chunk + 16) + 8), *p = s;
  memcpy(p, h, hl);
  p += hl;
  for (size_t i = 0; i < chunks; i++) {
    p += sprintf(p, "%zx\r\n", chunk);
    memset(p, ' ', chunk);
    p += chunk;
    memcpy(p, "\r\n", 2);
    p += 2;
  }
  memcpy(p, "0\r\n\r\n", 5);
  p += 5;
  *len = (size_t)(p - s);
  return s;
}
static char *gen_big_header(size_t *len) {
  size_t n = 20000;
  char *s = malloc(n + 128);
  int hl = sprintf(s, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: ");
  memset(s + hl, 'a', n);
  memcpy(s + hl + n, "\r\n\r\n", 5);
  *len = (size_t)hl + n + 4;
  return s;
}
static char *gen_ws_huge(size_t *len) {
  size_t n = (1 << 20) + 100;
  char *s = malloc(n + 1);
  memset(s, ' ', n);
  s[n] = 0;
  *len = n;
  return s;
}

/* ---- the table ---- */
enum {
  T_HTTP,   /* raw bytes on the HTTP port */
  T_RPC,    /* a JSON-RPC body POSTed to the HTTP port */
  T_TX,     /* sendTransaction of a mutated transaction (base64) */
  T_WSPORT, /* raw bytes on the WebSocket port, no handshake */
  T_WS      /* one frame after a good WebSocket handshake */
};
typedef struct {
  const char *name;
  const char *sent; /* what is sent, for the summary */
  int target;       /* T_* */
  const char *bytes;
  size_t len;                                     /* of bytes; 0: strlen */
  char *(*gen)(size_t *len);                      /* instead of bytes */
  size_t (*tx)(uint8_t *wire, int *payer, int k); /* T_TX */
  int skip;                                       /* T_TX: skipPreflight */
  int ws_op;         /* T_WS: opcode of a masked frame carrying bytes; -1: bytes sent as they are */
  int hold;          /* T_HTTP: no answer expected; the connection is kept open during the checks */
  int http;          /* expected HTTP status (T_HTTP, T_RPC, T_TX, T_WSPORT) */
  int rpc;           /* expected JSON-RPC error code; 0: a result */
  int close;         /* T_WS: expected close code; 0: an answer frame with error `rpc` */
  const char *frag;  /* in the error message (or, without a JSON-RPC error, the body) */
  const char *txerr; /* T_TX: in error.data.err (preflight) or the signature's status (skip);
                        "" = dropped: a signature that never gets a status */
  int charged;       /* T_TX: the fee payer pays exactly FEE */
} row_t;

#define PREFLIGHT_FAIL -32002
/* clang-format off */
static const row_t rows[] = {
  /* JSON-RPC bodies */
  {.name = "malformed JSON", .sent = "{\"jsonrpc\":\"2.0\",\"id\":1,", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,", .http = 200, .rpc = -32700, .frag = "Parse error"},
  {.name = "empty body", .sent = "(0 bytes)", .target = T_RPC, .bytes = "", .http = 200,
   .rpc = -32700, .frag = "Parse error"},
  {.name = "invalid UTF-8 in a string", .sent = "params [\"\\xff\\xfe\"]", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBalance\",\"params\":[\"\xff\xfe\"]}",
   .http = 200, .rpc = -32700, .frag = "Parse error"},
  {.name = "deep nesting: arrays", .sent = "10 000 x '[' 1 ']'", .target = T_RPC,
   .gen = gen_deep_array, .http = 200, .rpc = -32700, .frag = "Parse error"},
  {.name = "deep nesting: objects", .sent = "10 000 x {\"a\": 1 }", .target = T_RPC,
   .gen = gen_deep_object, .http = 200, .rpc = -32700, .frag = "Parse error"},
  {.name = "deep nesting: params", .sent = "getBalance, params 10 000 deep", .target = T_RPC,
   .gen = gen_deep_params, .http = 200, .rpc = -32700, .frag = "Parse error"},
  {.name = "not a request", .sent = "42", .target = T_RPC, .bytes = "42", .http = 200,
   .rpc = -32600, .frag = "Invalid request"},
  {.name = "batch over 100", .sent = "101 x getSlot", .target = T_RPC, .gen = gen_batch_101,
   .http = 200, .rpc = -32600, .frag = "at most 100 requests (got 101)"},
  {.name = "unknown method", .sent = "method \"getEverything\"", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getEverything\",\"params\":[]}",
   .http = 200, .rpc = -32601, .frag = "Method not found"},
  {.name = "wrong param type: integer", .sent = "getBalance [1]", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBalance\",\"params\":[1]}", .http = 200,
   .rpc = -32602, .frag = "invalid type: integer `1`, expected a string"},
  {.name = "wrong param type: map", .sent = "getBalance {\"a\":1}", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBalance\",\"params\":{\"a\":1}}",
   .http = 200, .rpc = -32602, .frag = "invalid type: map"},
  {.name = "wrong config type", .sent = "getSlot [{\"commitment\":7}]", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getSlot\",\"params\":[{\"commitment\":7}]}",
   .http = 200, .rpc = -32602, .frag = "Invalid params"},
  {.name = "invalid base58 key", .sent = "getBalance [\"0OIl\"]", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getBalance\",\"params\":[\"0OIl\"]}",
   .http = 200, .rpc = -32602, .frag = "Invalid param: Invalid"},
  {.name = "invalid base58 transaction", .sent = "sendTransaction [\"0OIl\"]", .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTransaction\",\"params\":[\"0OIl\"]}",
   .http = 200, .rpc = -32602, .frag = "invalid base58 encoding: InvalidCharacter"},
  {.name = "invalid base64 transaction", .sent = "sendTransaction [\"AAA*\"], base64",
   .target = T_RPC,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTransaction\",\"params\":[\"AAA*\","
            "{\"encoding\":\"base64\"}]}",
   .http = 200, .rpc = -32602, .frag = "invalid base64 encoding"},
  /* transactions (sendTransaction, base64; preflight unless "skip") */
  {.name = "truncated transaction", .sent = "update_agent, last 5 bytes cut", .target = T_TX,
   .tx = tx_truncated, .http = 200, .rpc = -32602, .frag = "failed to deserialize"},
  {.name = "oversized transaction", .sent = "1233 bytes", .target = T_TX, .tx = tx_oversized,
   .http = 200, .rpc = -32602, .frag = "too large: 1233 bytes (max: 1232 bytes)"},
  {.name = "bad signature", .sent = "update_agent, signature bit flipped", .target = T_TX,
   .tx = tx_bad_signature, .http = 200, .rpc = -32003,
   .frag = "Transaction signature verification failure"},
  {.name = "bad signature, skipPreflight", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_bad_signature, .skip = 1, .http = 200, .txerr = ""},
  {.name = "replayed transaction", .sent = "A's register_agent again", .target = T_TX,
   .tx = tx_replay, .http = 200, .rpc = PREFLIGHT_FAIL, .frag = "already been processed",
   .txerr = "\"AlreadyProcessed\""},
  {.name = "replayed, skipPreflight", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_replay, .skip = 1, .http = 200, .txerr = replay_status},
  {.name = "fee payer never funded", .sent = "transfer from an empty wallet", .target = T_TX,
   .tx = tx_unfunded_payer, .http = 200, .rpc = PREFLIGHT_FAIL, .frag = "no record of a prior credit",
   .txerr = "\"AccountNotFound\""},
  {.name = "fee payer never funded, skip", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_unfunded_payer, .skip = 1, .http = 200, .txerr = ""},
  {.name = "program id index out of range", .sent = "update_agent, program index 99",
   .target = T_TX, .tx = tx_bad_program_index, .http = 200, .rpc = -32602,
   .frag = "failed to sanitize"},
  {.name = "unknown blockhash", .sent = "update_agent, blockhash 09..09", .target = T_TX,
   .tx = tx_unknown_blockhash, .http = 200, .rpc = PREFLIGHT_FAIL,
   .frag = "Blockhash not found", .txerr = "\"BlockhashNotFound\""},
  {.name = "unknown blockhash, skipPreflight", .sent = "the same, skipPreflight",
   .target = T_TX, .tx = tx_unknown_blockhash, .skip = 1, .http = 200, .txerr = ""},
  {.name = "another agent's PDA", .sent = "C: update_agent on A's agent", .target = T_TX,
   .tx = tx_other_agent, .http = 200, .rpc = PREFLIGHT_FAIL,
   .frag = "custom program error: 0x7d6", .txerr = "{\"InstructionError\":[0,{\"Custom\":2006}]}"},
  {.name = "another agent's PDA, skipPreflight", .sent = "the same, skipPreflight",
   .target = T_TX, .tx = tx_other_agent, .skip = 1, .http = 200,
   .txerr = "{\"InstructionError\":[0,{\"Custom\":2006}]}", .charged = 1},
  {.name = "instruction args missing", .sent = "update_message_status, 8-byte data",
   .target = T_TX, .tx = tx_args_missing, .http = 200, .rpc = PREFLIGHT_FAIL,
   .frag = "custom program error: 0x66", .txerr = "{\"InstructionError\":[0,{\"Custom\":102}]}"},
  {.name = "instruction args missing, skip", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_args_missing, .skip = 1, .http = 200,
   .txerr = "{\"InstructionError\":[0,{\"Custom\":102}]}", .charged = 1},
  {.name = "instruction data < 8 bytes, skip", .sent = "update_message_status, 4-byte data",
   .target = T_TX, .tx = tx_data_too_short, .skip = 1, .http = 200,
   .txerr = "{\"InstructionError\":[0,{\"Custom\":101}]}", .charged = 1},
  {.name = "wrong owner", .sent = "update_agent, a wallet as agent", .target = T_TX,
   .tx = tx_wrong_owner, .http = 200, .rpc = PREFLIGHT_FAIL,
   .frag = "custom program error: 0xbbf", .txerr = "{\"InstructionError\":[0,{\"Custom\":3007}]}"},
  {.name = "wrong owner, skipPreflight", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_wrong_owner, .skip = 1, .http = 200,
   .txerr = "{\"InstructionError\":[0,{\"Custom\":3007}]}", .charged = 1},
  {.name = "wrong discriminator", .sent = "update_agent, a message as agent", .target = T_TX,
   .tx = tx_wrong_discriminator, .http = 200, .rpc = PREFLIGHT_FAIL,
   .frag = "custom program error: 0xbba", .txerr = "{\"InstructionError\":[0,{\"Custom\":3002}]}"},
  {.name = "wrong discriminator, skip", .sent = "the same, skipPreflight", .target = T_TX,
   .tx = tx_wrong_discriminator, .skip = 1, .http = 200,
   .txerr = "{\"InstructionError\":[0,{\"Custom\":3002}]}", .charged = 1},
  /* raw HTTP */
  {.name = "huge body (Content-Length)", .sent = "Content-Length: 2000000 + 64 KiB",
   .target = T_HTTP, .gen = gen_big_content_length, .http = 413,
   .frag = "request body too large: the limit is 1048576 bytes"},
  {.name = "huge body (chunked)", .sent = "17 chunks of 64 KiB", .target = T_HTTP,
   .gen = gen_big_chunked, .http = 413, .frag = "request body too large"},
  {.name = "huge header", .sent = "a 20 000-byte header field", .target = T_HTTP,
   .gen = gen_big_header, .http = 431, .frag = "request head too large"},
  {.name = "garbage request line", .sent = "GARBAGE\\0\\xff CRLF CRLF", .target = T_HTTP,
   .bytes = "GARBAGE\0\xff\r\n\r\n", .len = 13, .http = 400, .frag = "malformed HTTP"},
  {.name = "negative Content-Length", .sent = "Content-Length: -1", .target = T_HTTP,
   .bytes = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n", .http = 400,
   .frag = "malformed HTTP"},
  {.name = "wrong HTTP method", .sent = "DELETE /", .target = T_HTTP,
   .bytes = "DELETE / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", .http = 405,
   .frag = "Used HTTP Method is not allowed"},
  {.name = "incomplete request held open", .sent = "head + 1 of 100 body bytes, kept open",
   .target = T_HTTP, .bytes = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{",
   .hold = 1, .http = -1},
  /* the WebSocket port */
  {.name = "WS port: garbage bytes", .sent = "16 03 01 02 00 \"garbage\" CRLF CRLF",
   .target = T_WSPORT, .bytes = "\x16\x03\x01\x02\x00garbage\r\n\r\n", .len = 16, .http = 400,
   .frag = "malformed HTTP"},
  {.name = "WS port: plain HTTP", .sent = "GET / without Upgrade", .target = T_WSPORT,
   .bytes = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", .http = 426,
   .frag = "serves WebSocket (PubSub) only"},
  {.name = "WS: unmasked frame", .sent = "81 02 \"hi\" (no mask)", .target = T_WS,
   .bytes = "\x81\x02hi", .ws_op = -1, .close = 1002},
  {.name = "WS: reserved opcode", .sent = "opcode 0x3, masked", .target = T_WS, .bytes = "x",
   .ws_op = 0x3, .close = 1002},
  {.name = "WS: binary frame", .sent = "opcode 0x2 \"hi\"", .target = T_WS, .bytes = "hi",
   .ws_op = 0x2, .close = 1003},
  {.name = "WS: invalid UTF-8 text", .sent = "text ff fe", .target = T_WS, .bytes = "\xff\xfe",
   .ws_op = 0x1, .close = 1007},
  {.name = "WS: message over 1 MiB", .sent = "text of 1 MiB + 100 bytes", .target = T_WS,
   .gen = gen_ws_huge, .ws_op = 0x1, .close = 1009},
  {.name = "WS: malformed JSON", .sent = "text \"{\\\"jsonrpc\\\":\"", .target = T_WS,
   .bytes = "{\"jsonrpc\":", .ws_op = 0x1, .rpc = -32700, .frag = "Parse error"},
  {.name = "WS: deep nesting", .sent = "text 10 000 x '[' 1 ']'", .target = T_WS,
   .gen = gen_deep_array, .ws_op = 0x1, .rpc = -32700, .frag = "Parse error"},
  {.name = "WS: invalid pubkey", .sent = "accountSubscribe [\"0OIl\"]", .target = T_WS,
   .bytes = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"accountSubscribe\",\"params\":[\"0OIl\"]}",
   .ws_op = 0x1, .rpc = -32602, .frag = "Invalid pubkey provided"},
};
/* clang-format on */

/* ---- the ledger state and service checks ---- */
typedef struct {
  uint8_t program_digest[32];
  size_t program_accounts;
  uint64_t balance[NW];
} state_t;

static int take_state(state_t *s) {
  char prog[POD_BASE58_32_SZ];
  pod_base58_encode_32(prog, pod_program_id.b);
  answer_t a;
  int good = call(&a, "getProgramAccounts", "[\"%s\",{\"encoding\":\"base64\"}]", prog) == 200 &&
             pod_json_type(result_of(&a)) == POD_JSON_ARRAY;
  if (good) {
    pod_sha256(s->program_digest, a.body, strlen(a.body));
    s->program_accounts = pod_json_len(result_of(&a));
  }
  answer_free(&a);
  for (int i = 0; i < NW && good; i++) {
    good = call(&a, "getBalance", "[\"%s\"]", W[i].b58) == 200 &&
           pod_json_get_u64(&s->balance[i], pod_json_find(result_of(&a), "value")) == POD_OK;
    answer_free(&a);
  }
  return good;
}

static int unchanged(const state_t *b, const state_t *a, int payer, uint64_t fee) {
  int good = 1;
  if (memcmp(b->program_digest, a->program_digest, 32) ||
      b->program_accounts != a->program_accounts) {
    fprintf(stderr, "  PoD accounts changed (%zu -> %zu accounts)\n", b->program_accounts,
            a->program_accounts);
    good = 0;
  }
  for (int i = 0; i < NW; i++) {
    uint64_t want = b->balance[i] - (i == payer ? fee : 0);
    if (a->balance[i] != want) {
      fprintf(stderr, "  wallet %c: %llu lamports, want %llu\n", 'A' + i,
              (unsigned long long)a->balance[i], (unsigned long long)want);
      good = 0;
    }
  }
  return good;
}

/* Another client is served: getHealth and getSlot on fresh connections; with ws, also a new
 * WebSocket handshake. */
static int served(int ws) {
  answer_t a;
  const char *s = "";
  uint64_t slot = 0;
  int good = call(&a, "getHealth", "[]") == 200 &&
             pod_json_get_str(&s, NULL, result_of(&a)) == POD_OK && !strcmp(s, "ok");
  answer_free(&a);
  good =
      good && call(&a, "getSlot", "[]") == 200 && pod_json_get_u64(&slot, result_of(&a)) == POD_OK;
  answer_free(&a);
  if (good && ws) {
    int fd = ws_open(ws_port);
    good = fd >= 0;
    if (fd >= 0) close(fd);
  }
  return good;
}

/* ---- running a row ---- */
static int check_rpc_error(const pod_json_val *err, const row_t *r, char *got, size_t gsz) {
  int64_t code = code_of(err);
  const char *msg = message_of(err);
  snprintf(got, gsz, "%lld %s", (long long)code, r->frag && strstr(msg, r->frag) ? r->frag : msg);
  if (code != r->rpc || (r->frag && !strstr(msg, r->frag))) {
    fprintf(stderr, "  error %lld \"%s\", want %d with \"%s\"\n", (long long)code, msg, r->rpc,
            r->frag ? r->frag : "");
    return 0;
  }
  return 1;
}

static int run_http(const row_t *r, const char *bytes, size_t len, char *got, size_t gsz,
                    int *held) {
  answer_t a;
  int good = 1;
  if (r->target == T_RPC)
    post(&a, bytes, len);
  else
    exchange(r->target == T_WSPORT ? ws_port : http_port, bytes, len, &a, r->hold ? 300 : 10000,
             r->hold ? held : NULL);
  if (r->hold && a.status < 0)
    snprintf(got, gsz, "no answer yet (held open)");
  else
    snprintf(got, gsz, "HTTP %d", a.status);
  if (a.status != r->http) {
    fprintf(stderr, "  HTTP status %d, want %d: %.300s\n", a.status, r->http, a.text);
    good = 0;
  } else if (r->rpc) {
    const pod_json_val *err = error_of(&a);
    good = err && check_rpc_error(err, r, got, gsz);
    if (!err) fprintf(stderr, "  no JSON-RPC error in %.300s\n", a.text);
  } else if (r->frag && (!a.body || !strstr(a.body, r->frag))) {
    fprintf(stderr, "  no \"%s\" in %.300s\n", r->frag, a.text);
    good = 0;
  }
  answer_free(&a);
  return good;
}

static int run_tx(const row_t *r, int k, int *payer, char *got, size_t gsz) {
  static uint8_t wire[POD_TXN_MTU + 8];
  size_t n = r->tx(wire, payer, k);
  char sig[POD_BASE58_64_SZ];
  pod_base58_encode_64(sig, wire + 1);
  answer_t a;
  call(&a, "sendTransaction", "[\"%s\",{\"encoding\":\"base64\",\"skipPreflight\":%s}]",
       b64(wire, n), r->skip ? "true" : "false");
  int good = a.status == r->http;
  if (!good) fprintf(stderr, "  HTTP status %d, want %d\n", a.status, r->http);
  if (good && r->rpc) {
    const pod_json_val *err = error_of(&a);
    good = err && check_rpc_error(err, r, got, gsz);
    if (good && r->txerr && !strstr(a.body, r->txerr)) {
      fprintf(stderr, "  no %s in %.600s\n", r->txerr, a.body);
      good = 0;
    }
  } else if (good) {
    /* a result: the signature; then its status says what happened */
    const char *res = "";
    pod_json_get_str(&res, NULL, result_of(&a));
    if (strcmp(res, sig)) {
      fprintf(stderr, "  result \"%s\", want the signature %s: %.300s\n", res, sig, a.text);
      good = 0;
    }
    answer_free(&a);
    call(&a, "getSignatureStatuses", "[[\"%s\"]]", sig);
    const pod_json_val *st = pod_json_at(pod_json_find(result_of(&a), "value"), 0);
    if (good && r->txerr && !*r->txerr) {
      snprintf(got, gsz, "dropped (no status)");
      good = st && pod_json_is_null(st);
      if (!good) fprintf(stderr, "  want no status: %.300s\n", a.body);
    } else if (good) {
      snprintf(got, gsz, "status %s", r->txerr ? r->txerr : "?");
      good = st && !pod_json_is_null(st) && r->txerr && strstr(a.body, r->txerr);
      if (!good) fprintf(stderr, "  want status with %s: %.300s\n", r->txerr, a.body);
    }
  }
  answer_free(&a);
  return good;
}

static int run_ws(const row_t *r, const char *bytes, size_t len, char *got, size_t gsz) {
  int fd = ws_open(ws_port);
  if (fd < 0) {
    snprintf(got, gsz, "no handshake");
    return 0;
  }
  int sent = r->ws_op < 0 ? send_all(fd, bytes, len) : ws_send_frame(fd, r->ws_op, 1, bytes, len);
  int good = sent == 0;
  static char frame[1 << 16];
  size_t fl = 0;
  int op = good ? ws_recv_frame(fd, frame, sizeof frame, &fl) : -1;
  if (r->close) {
    unsigned cc = op == 8 ? close_code(frame, fl) : 0;
    snprintf(got, gsz, "close %u", cc);
    if (cc != (unsigned)r->close) {
      fprintf(stderr, "  frame opcode %d, close code %u, want close %d\n", op, cc, r->close);
      good = 0;
    } else if (!wait_eof(fd, 5000)) {
      fprintf(stderr, "  the connection stayed open after the close frame\n");
      good = 0;
    }
  } else {
    pod_json_doc *doc = NULL;
    const pod_json_val *err = NULL;
    if (op == 1 && pod_json_parse(&doc, frame, fl, NULL, NULL) == POD_OK)
      err = pod_json_find(pod_json_root(doc), "error");
    good = good && err && check_rpc_error(err, r, got, gsz);
    if (!err) fprintf(stderr, "  frame opcode %d: %.300s\n", op, op >= 0 ? frame : "");
    pod_json_free(doc);
  }
  close(fd);
  return good;
}

/* ---- the cast: wallets funded, agents registered, one message ---- */
static void setup(void) {
  for (int i = 0; i < NW; i++) {
    uint8_t seed[32];
    memset(seed, 0x51 + i, 32);
    CHECK_EQ(pod_keypair_from_seed(&W[i].kp, seed), POD_OK);
    pod_keypair_pubkey(&W[i].pk, &W[i].kp);
    CHECK_EQ(pod_pda_agent(&W[i].agent, NULL, &W[i].pk), POD_OK);
    pod_base58_encode_32(W[i].b58, W[i].pk.b);
    answer_t a;
    call(&a, "requestAirdrop", "[\"%s\",10000000000]", W[i].b58);
    CHECK(result_of(&a) != NULL);
    answer_free(&a);
  }
  uint8_t wire[POD_TXN_MTU];
  for (int i = 0; i < NW; i++) { /* every wallet gets an agent (B needs one to mark messages) */
    pod_ix_register_agent_args_t ra = {1, {"https://agent.example/a.json", 28}};
    pod_ix_t ix;
    CHECK_EQ(pod_ix_register_agent(&ix, &W[i].pk, &ra), POD_OK);
    size_t n = sign1(wire, &ix.ix, &W[i], NULL);
    answer_t a;
    call(&a, "sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(wire, n));
    CHECK(result_of(&a) != NULL);
    answer_free(&a);
    if (i == WA) memcpy(replay_wire, wire, replay_sz = n);
  }
  /* the replay rows expect the first commit's status to stay as it is */
  char sig[POD_BASE58_64_SZ];
  pod_base58_encode_64(sig, replay_wire + 1);
  answer_t st;
  call(&st, "getSignatureStatuses", "[[\"%s\"]]", sig);
  uint64_t slot = 0;
  CHECK_EQ(
      pod_json_get_u64(
          &slot, pod_json_find(pod_json_at(pod_json_find(result_of(&st), "value"), 0), "slot")),
      POD_OK);
  snprintf(replay_status, sizeof replay_status, "\"slot\":%llu,\"status\":{\"Ok\":null}",
           (unsigned long long)slot);
  answer_free(&st);
  pod_ix_send_message_args_t sm;
  memset(&sm, 0, sizeof sm);
  sm.recipient = W[WB].pk;
  sm.payload_hash[0] = 0x42;
  sm.message_type.kind = POD_MSG_TEXT;
  pod_ix_t ix;
  CHECK_EQ(pod_ix_send_message(&ix, &W[WA].pk, &sm), POD_OK);
  msg_m = ix.metas[0].pubkey;
  size_t n = sign1(wire, &ix.ix, &W[WA], NULL);
  answer_t a;
  call(&a, "sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(wire, n));
  CHECK(result_of(&a) != NULL);
  answer_free(&a);
}

static int stop_podd(pid_t pid) {
  kill(pid, SIGTERM);
  int st = 0;
  uint64_t t0 = now_ms();
  while (waitpid(pid, &st, WNOHANG) != pid) {
    if (now_ms() - t0 > 15000) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      return -1;
    }
    usleep(10000);
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_hostile PATH-TO-PODD\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  char dir[] = "/tmp/test_hostile.XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pid_t pid = podd_spawn_ex(argv[1], dir, NULL, &http_port, &ws_port);
  CHECK(pid > 0 && ws_port != 0);
  if (pid <= 0) return 1;
  setup();

  size_t n = sizeof rows / sizeof rows[0], passed = 0;
  printf("%-36s %-38s %-50s %-6s %s\n", "row", "sent", "answer", "ledger", "served");
  for (size_t i = 0; i < n; i++) {
    const row_t *r = &rows[i];
    state_t before, after;
    CHECK(take_state(&before));
    size_t len = r->len ? r->len : r->bytes ? strlen(r->bytes) : 0;
    char *gen = r->gen ? r->gen(&len) : NULL;
    const char *bytes = gen ? gen : r->bytes;
    char got[128] = "";
    int payer = -1, held = -1, answer_ok = 0;
    switch (r->target) {
    case T_TX: answer_ok = run_tx(r, (int)i, &payer, got, sizeof got); break;
    case T_WS: answer_ok = run_ws(r, bytes, len, got, sizeof got); break;
    default: answer_ok = run_http(r, bytes, len, got, sizeof got, &held);
    }
    free(gen);
    /* with a held connection: while it is still open */
    int still = served(r->target == T_WS || r->target == T_WSPORT);
    if (held >= 0) close(held);
    int ledger_ok = take_state(&after) && unchanged(&before, &after, payer, r->charged ? FEE : 0);
    CHECK(answer_ok);
    CHECK(ledger_ok);
    CHECK(still);
    int good = answer_ok && ledger_ok && still;
    if (!good) fprintf(stderr, "  ^ row %zu: %s\n", i, r->name);
    passed += good;
    printf("%-36s %-38.38s %-50.50s %-6s %s\n", r->name, r->sent, got,
           !ledger_ok   ? "CHANGED"
           : r->charged ? "fee"
                        : "same",
           still ? "yes" : "NO");
  }
  printf("%zu/%zu rows answered as expected, ledger unchanged (fee only where executed), podd "
         "serving after each\n",
         passed, n);
  /* control: the digest sees a change (C's own update_agent succeeds and rewrites its agent) */
  {
    state_t before, after;
    uint8_t wire[POD_TXN_MTU];
    CHECK(take_state(&before));
    size_t wn = update_agent_by_c(wire, 777, NULL, NULL);
    answer_t a;
    call(&a, "sendTransaction", "[\"%s\",{\"encoding\":\"base64\"}]", b64(wire, wn));
    CHECK(result_of(&a) != NULL);
    answer_free(&a);
    CHECK(take_state(&after));
    CHECK(memcmp(before.program_digest, after.program_digest, 32) != 0);
    CHECK_EQ(before.balance[WC] - after.balance[WC], FEE);
  }
  CHECK_EQ(stop_podd(pid), 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
