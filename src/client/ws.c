/* The client's WebSocket and PubSub session (ws.h).
 *
 * Transport. libcurl connects (CURLOPT_CONNECT_ONLY: TCP, and TLS for wss:// with the same
 * verification as the HTTP transport); we write the upgrade request and read frames with
 * curl_easy_send/curl_easy_recv, waiting on the socket with poll(). A TLS record may hold more
 * than one frame, so the socket is polled only after curl_easy_recv said CURLE_AGAIN.
 *
 * Session. One connection per client, opened on first use. If it cannot be opened, the client
 * polls over HTTP and tries again after PS_RETRY_MS. Requests carry ids; notifications are
 * dispatched as they arrive, whoever is reading: a signatureNotification completes the pending
 * confirmation, an accountNotification invalidates the account cache and goes to the events
 * service with the logsNotifications. Everything runs on the caller's thread inside a client
 * call: no thread, nothing runs between calls. */
#include "ws.h"

#include <curl/curl.h>
#include <poll.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cache.h"
#include "client_int.h"
#include "pod/encode.h"
#include "pod/hash.h"
#include "pod/ws.h"

#define PS_RETRY_MS                                                                                \
  5000u                   /* after a failed connection, poll over HTTP this long before retrying   \
                           */
#define PS_MAX_SUBS 4096u /* subscriptions tracked per client */

/* ------------------------------------------------------------------------------------------
 * the connection
 * ---------------------------------------------------------------------------------------- */

struct pod_ws {
  CURL *h;
  curl_socket_t fd;
  uint8_t *in; /* received bytes not decoded yet */
  size_t in_len, in_cap;
  size_t consumed; /* bytes of `in` the last message used (dropped at the next recv) */
  pod_ws_rx rx;
  uint8_t *out; /* one outgoing frame */
  size_t out_cap;
  int closed;
};

static void set_err(char *err, size_t sz, const char *fmt, const char *a, const char *b) {
  if (err && sz) snprintf(err, sz, fmt, a, b);
}

static uint64_t now_ms(void) { return pod_client__now_ms(); }

/* Waits for the socket (POLLIN or POLLOUT) until deadline: 1 ready, 0 timeout. */
static int wait_fd(pod_ws *w, short ev, uint64_t deadline) {
  uint64_t t = now_ms();
  int ms = t >= deadline ? 0 : (deadline - t > 60000 ? 60000 : (int)(deadline - t));
  struct pollfd p = {(int)w->fd, ev, 0};
  int r = poll(&p, 1, ms);
  return r > 0;
}

static int send_all(pod_ws *w, const uint8_t *p, size_t n, uint64_t deadline) {
  while (n) {
    size_t sent = 0;
    CURLcode cc = curl_easy_send(w->h, p, n, &sent);
    if (cc == CURLE_AGAIN) {
      if (!wait_fd(w, POLLOUT, deadline)) return POD_EIO;
      continue;
    }
    if (cc != CURLE_OK) return POD_EIO;
    p += sent;
    n -= sent;
  }
  return POD_OK;
}

/* Reads what is available into w->in (growing it up to the message cap plus a frame head).
 * 1: got bytes, 0: none now (CURLE_AGAIN), -1: closed or failed. */
static int read_some(pod_ws *w) {
  if (w->in_cap - w->in_len < 16384) {
    size_t limit = POD_WS_MESSAGE_MAX + 16384 + 14;
    if (w->in_cap >= limit) return -1;
    size_t nc = w->in_cap ? w->in_cap * 2 : 65536;
    if (nc > limit) nc = limit;
    uint8_t *nb = realloc(w->in, nc);
    if (!nb) return -1;
    w->in = nb;
    w->in_cap = nc;
  }
  size_t got = 0;
  CURLcode cc = curl_easy_recv(w->h, w->in + w->in_len, w->in_cap - w->in_len, &got);
  if (cc == CURLE_AGAIN) return 0;
  if (cc != CURLE_OK || got == 0) return -1;
  w->in_len += got;
  return 1;
}

static const char *find_header(const char *head, size_t len, const char *name, size_t *vlen) {
  size_t nl = strlen(name);
  for (size_t i = 0; i + nl < len; i++) {
    if ((i == 0 || head[i - 1] == '\n') && !strncasecmp(head + i, name, nl) &&
        head[i + nl] == ':') {
      size_t s = i + nl + 1;
      while (s < len && (head[s] == ' ' || head[s] == '\t'))
        s++;
      size_t e = s;
      while (e < len && head[e] != '\r' && head[e] != '\n')
        e++;
      while (e > s && (head[e - 1] == ' ' || head[e - 1] == '\t'))
        e--;
      *vlen = e - s;
      return head + s;
    }
  }
  return NULL;
}

int pod_ws__open(pod_ws **out, const char *url, uint32_t timeout_ms, int insecure, char *err,
                 size_t err_sz) {
  *out = NULL;
  int tls;
  if (!strncmp(url, "ws://", 5))
    tls = 0;
  else if (!strncmp(url, "wss://", 6))
    tls = 1;
  else {
    set_err(err, err_sz, "'%.200s' is not a ws:// or wss:// URL%s", url, "");
    return POD_EINVAL;
  }
  const char *rest = url + (tls ? 6 : 5);
  size_t hl = strcspn(rest, "/?#");
  const char *path = rest[hl] == '/' ? rest + hl : "/";
  char hurl[POD_CLIENT_ENDPOINT_MAX + 8];
  if (snprintf(hurl, sizeof hurl, "%s%.*s/", tls ? "https://" : "http://", (int)hl, rest) >=
      (int)sizeof hurl) {
    set_err(err, err_sz, "ws URL too long%s%s", "", "");
    return POD_EINVAL;
  }
  pod_ws *w = pod_client__alloc(1, sizeof *w);
  if (!w) return POD_ENOMEM;
  pod_ws__rx_init(&w->rx, 0, 0);
  w->h = curl_easy_init();
  if (!w->h) {
    free(w);
    set_err(err, err_sz, "libcurl: cannot create a handle%s%s", "", "");
    return POD_ENOMEM;
  }
  uint64_t deadline = now_ms() + timeout_ms;
  char cerr[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(w->h, CURLOPT_URL, hurl);
  curl_easy_setopt(w->h, CURLOPT_CONNECT_ONLY, 1L);
  curl_easy_setopt(w->h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(w->h, CURLOPT_ERRORBUFFER, cerr);
  curl_easy_setopt(w->h, CURLOPT_CONNECTTIMEOUT_MS, (long)timeout_ms);
  curl_easy_setopt(w->h, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(w->h, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(w->h, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(w->h, CURLOPT_SSL_VERIFYPEER, insecure ? 0L : 1L);
  curl_easy_setopt(w->h, CURLOPT_SSL_VERIFYHOST, insecure ? 0L : 2L);
  CURLcode cc = curl_easy_perform(w->h);
  curl_easy_setopt(w->h, CURLOPT_ERRORBUFFER, NULL);
  if (cc != CURLE_OK) {
    set_err(err, err_sz, "cannot connect: %s%s", cerr[0] ? cerr : curl_easy_strerror(cc), "");
    pod_ws__close(w);
    return POD_EIO;
  }
  if (curl_easy_getinfo(w->h, CURLINFO_ACTIVESOCKET, &w->fd) != CURLE_OK ||
      w->fd == CURL_SOCKET_BAD) {
    set_err(err, err_sz, "libcurl gave no socket%s%s", "", "");
    pod_ws__close(w);
    return POD_EIO;
  }
  /* the opening handshake (RFC 6455 §4.1) */
  uint8_t nonce[16];
  randombytes_buf(nonce, sizeof nonce);
  char key[32], want[POD_WS_ACCEPT_SZ];
  pod_base64_encode(key, sizeof key, NULL, nonce, sizeof nonce);
  pod_ws_accept(want, key, strlen(key));
  char req[POD_CLIENT_ENDPOINT_MAX + 512];
  int rl = snprintf(req, sizeof req,
                    "GET %s HTTP/1.1\r\nHost: %.*s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
                    "User-Agent: podc/" POD_VERSION_STR "\r\n\r\n",
                    path, (int)hl, rest, key);
  if (rl < 0 || rl >= (int)sizeof req || send_all(w, (const uint8_t *)req, (size_t)rl, deadline)) {
    set_err(err, err_sz, "cannot send the WebSocket handshake to %.200s%s", url, "");
    pod_ws__close(w);
    return POD_EIO;
  }
  size_t head_len = 0;
  for (;;) {
    for (size_t i = 3; i < w->in_len && !head_len; i++)
      if (!memcmp(w->in + i - 3, "\r\n\r\n", 4)) head_len = i + 1;
    if (head_len) break;
    if (w->in_len > POD_WS_HEAD_MAX) {
      set_err(err, err_sz, "%.200s: handshake answer too long%s", url, "");
      pod_ws__close(w);
      return POD_EIO;
    }
    int r = read_some(w);
    if (r < 0 || (r == 0 && !wait_fd(w, POLLIN, deadline))) {
      set_err(err, err_sz, "%.200s: %s", url,
              r < 0 ? "the server closed the connection during the handshake"
                    : "no handshake answer in time");
      pod_ws__close(w);
      return POD_EIO;
    }
  }
  const char *head = (const char *)w->in;
  size_t alen = 0;
  const char *acc = find_header(head, head_len, "Sec-WebSocket-Accept", &alen);
  if (head_len < 12 || memcmp(head, "HTTP/1.1 101", 12) != 0) {
    char status[64];
    size_t sl = strcspn(head, "\r\n");
    snprintf(status, sizeof status, "%.*s", (int)(sl < 60 ? sl : 60), head);
    set_err(err, err_sz, "%.200s refused the WebSocket upgrade: %s", url, status);
    pod_ws__close(w);
    return POD_EIO;
  }
  if (!acc || alen != strlen(want) || memcmp(acc, want, alen) != 0) {
    set_err(err, err_sz, "%.200s: wrong Sec-WebSocket-Accept in the handshake answer%s", url, "");
    pod_ws__close(w);
    return POD_EIO;
  }
  memmove(w->in, w->in + head_len, w->in_len - head_len);
  w->in_len -= head_len;
  *out = w;
  return POD_OK;
}

static int send_frame(pod_ws *w, int op, const void *data, size_t len) {
  if (w->closed) return POD_EIO;
  if (len > SIZE_MAX - 14) return POD_ETOOLARGE;
  if (len + 14 > w->out_cap) {
    size_t nc = len + 14 < 4096 ? 4096 : len + 14;
    uint8_t *nb = realloc(w->out, nc);
    if (!nb) return POD_ENOMEM;
    w->out = nb;
    w->out_cap = nc;
  }
  uint8_t mask[4];
  randombytes_buf(mask, sizeof mask);
  size_t hl = pod_ws_frame_head(w->out, op, len, mask);
  const uint8_t *p = data;
  for (size_t i = 0; i < len; i++)
    w->out[hl + i] = p[i] ^ mask[i & 3];
  int rc = send_all(w, w->out, hl + len, now_ms() + 10000);
  if (rc != POD_OK) w->closed = 1;
  return rc;
}

int pod_ws__send_text(pod_ws *w, const char *s, size_t len) {
  return send_frame(w, POD_WS_TEXT, s, len);
}

int pod_ws__recv(pod_ws *w, const char **msg, size_t *len, uint32_t timeout_ms, char *err,
                 size_t err_sz) {
  *msg = NULL;
  *len = 0;
  if (w->consumed) { /* drop the message handed out last time */
    memmove(w->in, w->in + w->consumed, w->in_len - w->consumed);
    w->in_len -= w->consumed;
    w->consumed = 0;
  }
  if (w->closed) {
    set_err(err, err_sz, "the WebSocket is closed%s%s", "", "");
    return POD_EIO;
  }
  uint64_t deadline = now_ms() + timeout_ms;
  size_t off = 0;
  for (;;) {
    /* decode what is buffered */
    while (off < w->in_len) {
      pod_ws_event ev;
      long r = pod_ws__rx_feed(&w->rx, &ev, w->in + off, w->in_len - off);
      if (r == 0) break;
      if (r < 0) {
        uint8_t code[2] = {(uint8_t)((-r) >> 8), (uint8_t)(-r)};
        send_frame(w, POD_WS_CLOSE, code, 2);
        w->closed = 1;
        char why[32];
        snprintf(why, sizeof why, "%ld", -r);
        set_err(err, err_sz, "the server sent an invalid WebSocket frame (close %s)%s", why, "");
        return POD_EIO;
      }
      off += (size_t)r;
      if (ev.op == POD_WS_PING) {
        if (send_frame(w, POD_WS_PONG, ev.data, ev.len) != POD_OK) {
          set_err(err, err_sz, "cannot answer a ping: the connection is gone%s%s", "", "");
          return POD_EIO;
        }
      } else if (ev.op == POD_WS_CLOSE) {
        uint8_t code[2] = {0x03, 0xe8}; /* 1000 */
        send_frame(w, POD_WS_CLOSE, code, 2);
        w->closed = 1;
        char why[16];
        snprintf(why, sizeof why, "%u", ev.close_code);
        set_err(err, err_sz, "the server closed the WebSocket (code %s)%s", why, "");
        return POD_EIO;
      } else if (ev.op == POD_WS_TEXT || ev.op == POD_WS_BINARY) {
        /* valid until the next call: it points into w->in (dropped then) or w->rx.msg */
        w->consumed = off;
        *msg = (const char *)ev.data;
        *len = ev.len;
        return POD_OK;
      }
    }
    if (off) {
      memmove(w->in, w->in + off, w->in_len - off);
      w->in_len -= off;
      off = 0;
    }
    int r = read_some(w);
    if (r < 0) {
      w->closed = 1;
      set_err(err, err_sz, "the WebSocket connection was lost%s%s", "", "");
      return POD_EIO;
    }
    if (r > 0) continue;
    if (now_ms() >= deadline) return POD_ENOTFOUND;
    wait_fd(w, POLLIN, deadline);
  }
}

void pod_ws__close(pod_ws *w) {
  if (!w) return;
  if (w->h && w->fd != 0 && !w->closed) {
    uint8_t code[2] = {0x03, 0xe8};
    send_frame(w, POD_WS_CLOSE, code, 2);
  }
  if (w->h) curl_easy_cleanup(w->h);
  pod_ws__rx_free(&w->rx);
  free(w->in);
  free(w->out);
  free(w);
}

/* ------------------------------------------------------------------------------------------
 * the PubSub session
 * ---------------------------------------------------------------------------------------- */

typedef struct {
  uint64_t ask; /* the request id */
  uint64_t req; /* the request id while the answer is pending, 0 after */
  uint64_t id;  /* the subscription id once answered, 0 before */
  int kind;     /* POD_PS_* */
  int owner;    /* 0 events, 1 cache */
  int done;     /* signature: notified; or refused (failed = 1) */
  int cancel;   /* unsubscribe as soon as the answer comes */
  int failed;
  int has_err;
  pod_tx_error_t err;
  pod_pubkey_t key;
  pod_signature_t sig;
} ps_sub;

typedef struct {
  pod_ws *w;
  uint64_t next_id;
  uint64_t retry_at; /* after a failure: no new attempt before this (monotonic ms) */
  ps_sub *subs;
  size_t nsubs, cap;
  pod_json_writer_t jw;
  pod_ps_hooks hooks;
  pod_ws_stats_t st;
  int dispatched; /* notifications handed to the hooks during this pump */
} ps_t;

static ps_t *PS(const pod_client *c) { return c->ps; }

void pod_client__ws_url(const pod_client *c, char *out, size_t out_sz) {
  out[0] = 0;
  if (c->has_ws_url) {
    snprintf(out, out_sz, "%s", c->ws_url);
    return;
  }
  const char *ep = c->endpoint;
  int tls = !strncmp(ep, "https://", 8);
  if (!tls && strncmp(ep, "http://", 7)) return;
  const char *rest = ep + (tls ? 8 : 7);
  size_t hl = strcspn(rest, "/?#");
  const char *path = rest + hl;
  /* the port: after the last ':' that follows any IPv6 literal's ']' */
  const char *rb = memchr(rest, ']', hl);
  const char *from = rb ? rb : rest;
  const char *colon = NULL;
  for (const char *p = from; p < rest + hl; p++)
    if (*p == ':') colon = p;
  if (!colon) { /* no port: the scheme's default (Solana keeps it for https) */
    snprintf(out, out_sz, "%s%.*s%s", tls ? "wss://" : "ws://", (int)hl, rest, path);
    return;
  }
  unsigned long port = strtoul(colon + 1, NULL, 10);
  if (port == 0 || port >= 65535) return;
  snprintf(out, out_sz, "%s%.*s:%lu%s", tls ? "wss://" : "ws://", (int)(colon - rest), rest,
           port + 1, path);
}

static void ps_drop(pod_client *c, ps_t *s) {
  if (s->w) {
    pod_ws__close(s->w);
    s->w = NULL;
    s->st.drops++;
  }
  s->st.up = 0;
  s->nsubs = 0;
  pod_client__cache_ws_lost(c);
  s->retry_at = pod_client__now_ms() + PS_RETRY_MS;
  if (s->hooks.on_lost) s->hooks.on_lost(c);
}

int pod_client__ps_up(pod_client *c) {
  if (pod_client_ledger(c)) return 0;
  ps_t *s = PS(c);
  if (!s) {
    if (!(s = pod_client__alloc(1, sizeof *s))) return 0;
    pod_json_writer_init(&s->jw, 64u << 10);
    c->ps = s;
  }
  if (s->w) return 1;
  uint64_t now = pod_client__now_ms();
  if (s->retry_at && now < s->retry_at) return 0;
  char url[POD_CLIENT_ENDPOINT_MAX];
  pod_client__ws_url(c, url, sizeof url);
  if (!url[0]) {
    s->retry_at = UINT64_MAX; /* none configured: never */
    return 0;
  }
  char err[256];
  uint32_t t = c->timeout_ms < 5000 ? c->timeout_ms : 5000;
  if (pod_ws__open(&s->w, url, t, c->tls_insecure, err, sizeof err) != POD_OK) {
    s->st.connect_failures++;
    s->retry_at = now + PS_RETRY_MS;
    return 0;
  }
  s->st.connects++;
  s->st.up = 1;
  return 1;
}

static ps_sub *sub_add(ps_t *s) {
  if (s->nsubs >= PS_MAX_SUBS) return NULL;
  if (pod_client__grow((void **)&s->subs, &s->cap, s->nsubs + 1, sizeof *s->subs) != POD_OK)
    return NULL;
  ps_sub *p = &s->subs[s->nsubs++];
  memset(p, 0, sizeof *p);
  return p;
}

static void sub_remove(ps_t *s, ps_sub *p) {
  size_t i = (size_t)(p - s->subs);
  s->subs[i] = s->subs[--s->nsubs];
}

/* Sends {"jsonrpc":"2.0","id":N,"method":m,"params":[...]} with the params the writer holds
 * after req_begin. */
static pod_json_writer_t *req_begin(ps_t *s, const char *method, uint64_t *id) {
  pod_json_writer_reset(&s->jw);
  *id = ++s->next_id;
  pod_json_begin_object(&s->jw);
  pod_json_put_key(&s->jw, "jsonrpc");
  pod_json_put_str(&s->jw, "2.0");
  pod_json_put_key(&s->jw, "id");
  pod_json_put_u64(&s->jw, *id);
  pod_json_put_key(&s->jw, "method");
  pod_json_put_str(&s->jw, method);
  pod_json_put_key(&s->jw, "params");
  pod_json_begin_array(&s->jw);
  return &s->jw;
}

static int req_send(pod_client *c, ps_t *s) {
  pod_json_end_array(&s->jw);
  pod_json_end_object(&s->jw);
  const char *body;
  size_t len;
  if (pod_json_writer_finish(&s->jw, &body, &len) != POD_OK) return POD_EIO;
  if (pod_ws__send_text(s->w, body, len) != POD_OK) {
    ps_drop(c, s);
    return POD_EIO;
  }
  return POD_OK;
}

static const char *commitment_name(pod_commitment_t k) {
  return k == POD_COMMITMENT_PROCESSED   ? "processed"
         : k == POD_COMMITMENT_FINALIZED ? "finalized"
                                         : "confirmed";
}

static void put_commitment(pod_client *c, pod_json_writer_t *w, int base64) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "commitment");
  pod_json_put_str(w, commitment_name(c->commitment));
  if (base64) {
    pod_json_put_key(w, "encoding");
    pod_json_put_str(w, "base64");
  }
  pod_json_end_object(w);
}

/* One message from the server: an answer to a request or a notification. */
static void dispatch(pod_client *c, ps_t *s, const char *msg, size_t len) {
  pod_json_doc *doc = NULL;
  if (pod_json_parse(&doc, msg, len, NULL, NULL) != POD_OK) return;
  const pod_json_val *root = pod_json_root(doc);
  uint64_t id = 0;
  const pod_json_val *params = pod_json_find(root, "params");
  if (!params && pod_json_get_u64(&id, pod_json_find(root, "id")) == POD_OK) {
    for (size_t i = 0; i < s->nsubs; i++) {
      ps_sub *p = &s->subs[i];
      if (p->req != id) continue;
      p->req = 0;
      uint64_t sid = 0;
      if (pod_json_get_u64(&sid, pod_json_find(root, "result")) == POD_OK) {
        p->id = sid;
        if (p->cancel) pod_client__ps_unsubscribe(c, sid); /* removes p */
      } else if (p->owner == 1 || p->cancel) {
        sub_remove(s, p); /* a refused cache watch: the value lives by its TTL only */
      } else {
        p->failed = 1;
        p->done = 1;
      }
      break;
    }
    pod_json_free(doc);
    return;
  }
  const char *method = NULL;
  size_t mlen = 0;
  uint64_t sid = 0, slot = 0;
  if (!params || pod_json_get_str(&method, &mlen, pod_json_find(root, "method")) != POD_OK ||
      pod_json_get_u64(&sid, pod_json_find(params, "subscription")) != POD_OK) {
    pod_json_free(doc);
    return;
  }
  s->st.notifications++;
  const pod_json_val *result = pod_json_find(params, "result");
  pod_json_get_u64(&slot, pod_json_find(pod_json_find(result, "context"), "slot"));
  const pod_json_val *value = pod_json_find(result, "value");
  ps_sub *p = NULL;
  for (size_t i = 0; i < s->nsubs && !p; i++)
    if (s->subs[i].id == sid && !s->subs[i].req) p = &s->subs[i];
  if (p && p->kind == POD_PS_SIGNATURE && mlen == 21 &&
      !memcmp(method, "signatureNotification", 21)) {
    if (pod_json_type(value) == POD_JSON_OBJECT) { /* not "receivedSignature" */
      const pod_json_val *e = pod_json_find(value, "err");
      if (e && !pod_json_is_null(e)) {
        p->has_err = 1;
        if (pod_client__tx_error_from_json(&p->err, e) != POD_OK) {
          memset(&p->err, 0, sizeof p->err);
          p->err.kind = POD_TXERR_INSTRUCTION_ERROR;
          p->err.ix_error = POD_IXERR_GENERIC_ERROR;
        }
      }
      p->done = 1;
    }
  } else if (p && p->kind == POD_PS_ACCOUNT && mlen == 19 &&
             !memcmp(method, "accountNotification", 19)) {
    pod_pubkey_t key = p->key;
    pod_client__cache_invalidate(c, &key);
    if (p->owner == 0 && s->hooks.on_account) {
      s->hooks.on_account(c, sid, &key, slot);
      s->dispatched++;
    }
  } else if (p && p->kind == POD_PS_LOGS && mlen == 16 && !memcmp(method, "logsNotification", 16)) {
    if (s->hooks.on_logs) {
      s->hooks.on_logs(c, sid, slot, value);
      s->dispatched++;
    }
  }
  pod_json_free(doc);
}

/* Reads one message (up to timeout) and dispatches it: POD_OK, POD_ENOTFOUND (none), POD_EIO. */
static int ps_read(pod_client *c, ps_t *s, uint32_t timeout_ms) {
  if (!s->w) return POD_EIO;
  const char *msg;
  size_t len;
  char err[256];
  int rc = pod_ws__recv(s->w, &msg, &len, timeout_ms, err, sizeof err);
  if (rc == POD_EIO) {
    ps_drop(c, s);
    return rc;
  }
  if (rc == POD_OK) dispatch(c, s, msg, len);
  return rc;
}

int pod_client__ps_signature_begin(pod_client *c, const pod_signature_t *sig) {
  if (!pod_client__ps_up(c)) return 0;
  ps_t *s = PS(c);
  ps_sub *p = sub_add(s);
  if (!p) return 0;
  p->kind = POD_PS_SIGNATURE;
  p->sig = *sig;
  pod_json_writer_t *w = req_begin(s, "signatureSubscribe", &p->req);
  p->ask = p->req;
  char b58[POD_SIGNATURE_B58_SZ];
  pod_json_put_str(w, pod_signature_to_base58(b58, sig));
  put_commitment(c, w, 0);
  if (req_send(c, s) != POD_OK) return 0;
  return 1;
}

static ps_sub *find_sig(ps_t *s, const pod_signature_t *sig) {
  for (size_t i = 0; i < s->nsubs; i++)
    if (s->subs[i].kind == POD_PS_SIGNATURE && !memcmp(s->subs[i].sig.b, sig->b, 64))
      return &s->subs[i];
  return NULL;
}

int pod_client__ps_signature_wait(pod_client *c, const pod_signature_t *sig, uint64_t deadline_ms,
                                  int *has_err, pod_tx_error_t *err) {
  ps_t *s = PS(c);
  if (!s || !s->w) return 0;
  for (;;) {
    ps_sub *p = find_sig(s, sig);
    if (!p) return 0;
    if (p->done) {
      int ok = !p->failed;
      *has_err = p->has_err;
      *err = p->err;
      sub_remove(s, p); /* a signature subscription ends with its notification */
      if (ok) s->st.confirms++;
      return ok;
    }
    uint64_t now = pod_client__now_ms();
    if (now >= deadline_ms) {
      if (!p->req) pod_client__ps_unsubscribe(c, p->id);
      if ((p = find_sig(s, sig))) sub_remove(s, p);
      return 0;
    }
    if (ps_read(c, s, (uint32_t)(deadline_ms - now)) == POD_EIO) return 0;
  }
}

int pod_client__ps_subscribe(pod_client *c, int kind, const pod_pubkey_t *key, int owner,
                             uint64_t *id) {
  *id = 0;
  if (!pod_client__ps_up(c)) return POD_EIO;
  ps_t *s = PS(c);
  ps_sub *p = sub_add(s);
  if (!p) return POD_EIO;
  p->kind = kind;
  p->owner = owner;
  p->key = *key;
  uint64_t req;
  pod_json_writer_t *w =
      req_begin(s, kind == POD_PS_LOGS ? "logsSubscribe" : "accountSubscribe", &req);
  p->req = p->ask = req;
  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, key);
  if (kind == POD_PS_LOGS) {
    pod_json_begin_object(w);
    pod_json_put_key(w, "mentions");
    pod_json_begin_array(w);
    pod_json_put_str(w, b58);
    pod_json_end_array(w);
    pod_json_end_object(w);
    put_commitment(c, w, 0);
  } else {
    pod_json_put_str(w, b58);
    put_commitment(c, w, 1);
  }
  if (req_send(c, s) != POD_OK) return POD_EIO;
  uint64_t deadline = pod_client__now_ms() + c->timeout_ms;
  for (;;) {
    /* the table may move while reading: find the entry by its request id each time */
    ps_sub *q = NULL;
    for (size_t i = 0; i < s->nsubs && !q; i++)
      if (s->subs[i].ask == req) q = &s->subs[i];
    if (!q) return POD_EIO; /* the connection was lost */
    if (q->req == 0) {
      if (q->failed) {
        sub_remove(s, q);
        return POD_EIO;
      }
      *id = q->id;
      return POD_OK;
    }
    uint64_t now = pod_client__now_ms();
    if (now >= deadline) {
      sub_remove(s, q); /* an answer after this is ignored */
      return POD_EIO;
    }
    if (ps_read(c, s, (uint32_t)(deadline - now)) == POD_EIO) return POD_EIO;
  }
}

void pod_client__ps_unsubscribe(pod_client *c, uint64_t id) {
  ps_t *s = PS(c);
  if (!s || !s->w) return;
  ps_sub *p = NULL;
  for (size_t i = 0; i < s->nsubs && !p; i++)
    if (s->subs[i].id == id && !s->subs[i].req) p = &s->subs[i];
  if (!p) return;
  const char *m = p->kind == POD_PS_LOGS      ? "logsUnsubscribe"
                  : p->kind == POD_PS_ACCOUNT ? "accountUnsubscribe"
                                              : "signatureUnsubscribe";
  sub_remove(s, p);
  uint64_t req;
  pod_json_writer_t *w = req_begin(s, m, &req);
  pod_json_put_u64(w, id);
  req_send(c, s); /* the answer is read (and ignored) with the next messages */
}

void pod_client__ps_signature_cancel(pod_client *c, const pod_signature_t *sig) {
  ps_t *s = PS(c);
  ps_sub *p = s ? find_sig(s, sig) : NULL;
  if (!p) return;
  if (p->req)
    p->cancel = 1;
  else if (p->done)
    sub_remove(s, p);
  else
    pod_client__ps_unsubscribe(c, p->id);
}

uint64_t pod_client__ps_watch(pod_client *c, const pod_pubkey_t *key) {
  if (!pod_client__ps_up(c)) return 0;
  ps_t *s = PS(c);
  ps_sub *p = sub_add(s);
  if (!p) return 0;
  p->kind = POD_PS_ACCOUNT;
  p->owner = 1;
  p->key = *key;
  uint64_t req;
  pod_json_writer_t *w = req_begin(s, "accountSubscribe", &req);
  p->req = p->ask = req;
  char b58[POD_PUBKEY_B58_SZ];
  pod_json_put_str(w, pod_pubkey_to_base58(b58, key));
  put_commitment(c, w, 1);
  return req_send(c, s) == POD_OK ? req : 0;
}

void pod_client__ps_unwatch(pod_client *c, uint64_t ask) {
  ps_t *s = PS(c);
  if (!s || !s->w) return;
  for (size_t i = 0; i < s->nsubs; i++) {
    ps_sub *p = &s->subs[i];
    if (p->ask != ask || p->kind != POD_PS_ACCOUNT || p->owner != 1) continue;
    if (p->req)
      p->cancel = 1;
    else
      pod_client__ps_unsubscribe(c, p->id);
    return;
  }
}

int pod_client__ps_pump(pod_client *c, uint32_t timeout_ms) {
  ps_t *s = PS(c);
  if (!s || !s->w) return POD_EIO;
  s->dispatched = 0;
  uint64_t deadline = pod_client__now_ms() + timeout_ms;
  for (;;) {
    uint64_t now = pod_client__now_ms();
    uint32_t t = s->dispatched || now >= deadline ? 0 : (uint32_t)(deadline - now);
    int rc = ps_read(c, s, t);
    if (rc == POD_EIO) return rc;
    if (rc == POD_ENOTFOUND) return POD_OK; /* nothing more within the time */
  }
}

void pod_client__ps_stats(const pod_client *c, pod_ws_stats_t *out) {
  ps_t *s = PS(c);
  if (s)
    *out = s->st;
  else
    memset(out, 0, sizeof *out);
}

void pod_client__ps_set_hooks(pod_client *c, const pod_ps_hooks *h) {
  if (!PS(c) && !pod_client_ledger(c)) {
    ps_t *s = pod_client__alloc(1, sizeof *s);
    if (!s) return;
    pod_json_writer_init(&s->jw, 64u << 10);
    c->ps = s;
  }
  if (PS(c)) PS(c)->hooks = h ? *h : (pod_ps_hooks){0};
}

void pod_client__ps_close(pod_client *c) {
  ps_t *s = PS(c);
  if (!s) return;
  pod_ws__close(s->w);
  free(s->subs);
  pod_json_writer_free(&s->jw);
  free(s);
  c->ps = NULL;
}
