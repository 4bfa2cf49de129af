/* podd's transport (http.h): one epoll I/O thread, worker threads for the handlers.
 *
 * Ownership. The I/O thread alone reads and writes sockets, parses, and frees connections.
 * `mu` guards what other threads touch: the connection table (so podd_ws_send can find a
 * connection by id), every connection's output queue, the work queue, and the lists of
 * finished calls and of connections with new output ("dirty"). Workers and podd_ws_send hand
 * things to the I/O thread through those lists and one eventfd.
 *
 * Timers. Each connection has one deadline derived from its state (idle keep-alive, a request
 * being received, a handler running, a stalled send, a lingering close); the loop sleeps until
 * the earliest known deadline and scans the table only then. With no connection, or only idle
 * WebSockets, epoll_wait sleeps without a timeout: an idle server uses no CPU. */
#define _GNU_SOURCE
#include "http.h"
#include "http_parse.h"

#include <pod/borsh.h>
#include <pod/common.h>

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define LINGER_MS 2000u  /* a closing connection's wait for the peer's FIN */
#define REFUSE_SLOTS 16u /* connections over a cap being answered 503 */
#define IN_MIN 4096u     /* initial input buffer */
#define IN_KEEP 65536u   /* larger idle input buffers are released */
#define WS_SLACK 64u     /* a frame header and a control frame beyond max_ws_message */

enum { TAG_EVENT = 1, TAG_HTTP_LISTEN = 2, TAG_WS_LISTEN = 3 };
enum { PORT_HTTP = 0, PORT_WS = 1 };
enum { JOB_HTTP, JOB_WS_OPEN, JOB_WS_MSG, JOB_WS_CLOSE };

typedef struct out_node {
  struct out_node *next;
  size_t len, off;
  char data[];
} out_node;

struct podd_http_call {
  struct podd_http_call *next;
  podd_http *srv;
  podd_ws_id conn;
  int kind; /* JOB_* */
  int keep_alive, http10, head_only;
  char method[PODD_HTTP_METHOD_MAX + 1];
  char *path, *content_type, *body;
  size_t body_len;
  podd_http_res_t res;
};
typedef struct podd_http_call job_t;

typedef struct conn {
  podd_ws_id id;
  int fd;
  int port;        /* PORT_* it was accepted on */
  int refusing;    /* over a cap: answered 503, not counted */
  int ws;          /* upgraded */
  int ws_open;     /* sends accepted (upgraded and not closing) */
  int open_called; /* on_ws_open dispatched: on_ws_close is owed */
  int close_called;
  int closing;   /* after the queued output: shutdown(WR), then drain until EOF */
  int lingering; /* shut down for writing, discarding input */
  int peer_eof;
  int sent_continue;
  int overflow;    /* podd_ws_send overflowed the queue: drop (set under mu) */
  int dirty;       /* on srv->dirty (under mu) */
  uint32_t events; /* epoll interest */
  job_t *job;      /* the call in flight */
  char *in;        /* received, unparsed bytes */
  size_t in_len, in_cap, in_max;
  uint64_t req_start; /* first byte of the request being received (0: none) */
  uint64_t last_io;   /* last read or write progress */
  uint64_t job_start;
  uint64_t linger_start;
  uint64_t deadline;
  /* WebSocket message reassembly */
  podd_buf msg;
  int msg_active;
  /* output, guarded by mu */
  out_node *q_head, *q_tail;
  size_t q_bytes;
} conn;

struct podd_http {
  podd_http_opts_t o;
  char bind_addr[64];
  uint16_t ports[2];
  int lfd[2];
  int ep, efd;
  pthread_t io_thread;
  pthread_t *workers;
  unsigned nworkers;

  pthread_mutex_t mu;
  pthread_cond_t work_cv;
  job_t *work_head, *work_tail;
  job_t *done_head;
  podd_ws_id *dirty, *dirty_local; /* connections with new output; the I/O thread's copy */
  size_t dirty_n;
  int wake_pending;
  int stopping; /* set by podd_http_stop */
  int quit;     /* workers: leave when the queue is empty */

  /* connection table: slots[i] with gen[i]; id = gen << 32 | i */
  conn **slots;
  uint32_t *gen;
  uint32_t *free_idx;
  size_t nslots, nfree;
  unsigned count[2]; /* counted connections per port */
  unsigned refusing;

  /* I/O thread only */
  uint64_t next_check;
  size_t jobs_in_flight;
  int draining;
  uint64_t drain_deadline;
  uint64_t accept_retry; /* listeners paused after EMFILE until then (0: not paused) */
  uint64_t last_refuse_log;
  unsigned refused_quiet;
};

/* ---- small helpers ---- */

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void logf_(podd_http *s, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void logf_(podd_http *s, const char *fmt, ...) {
  char line[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  if (s->o.log)
    s->o.log(s->o.user, line);
  else
    fprintf(stderr, "podd: %s\n", line);
}

void podd_jsonrpc_error(podd_buf *out, int code, const char *msg) {
  podd_buf_printf(out, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":%d,\"message\":\"", code);
  for (const char *p = msg; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch == '"' || ch == '\\')
      podd_buf_printf(out, "\\%c", ch);
    else if (ch < 0x20)
      podd_buf_printf(out, "\\u%04x", ch);
    else
      podd_buf_append(out, p, 1);
  }
  podd_buf_puts(out, "\"},\"id\":null}");
}

static const char *reason(int status) {
  switch (status) {
  case 100: return "Continue";
  case 101: return "Switching Protocols";
  case 200: return "OK";
  case 204: return "No Content";
  case 400: return "Bad Request";
  case 404: return "Not Found";
  case 405: return "Method Not Allowed";
  case 408: return "Request Timeout";
  case 413: return "Content Too Large";
  case 415: return "Unsupported Media Type";
  case 426: return "Upgrade Required";
  case 429: return "Too Many Requests";
  case 431: return "Request Header Fields Too Large";
  case 500: return "Internal Server Error";
  case 501: return "Not Implemented";
  case 503: return "Service Unavailable";
  case 504: return "Gateway Timeout";
  case 505: return "HTTP Version Not Supported";
  default: return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
  }
}

static void wake_locked(podd_http *s) {
  if (s->wake_pending) return;
  s->wake_pending = 1;
  uint64_t one = 1;
  ssize_t r = write(s->efd, &one, sizeof one);
  (void)r; /* a full eventfd counter is still readable: the wake is not lost */
}

/* Looks up a live connection; caller holds mu or is the I/O thread. */
static conn *find(podd_http *s, podd_ws_id id) {
  uint32_t idx = (uint32_t)id;
  if (idx >= s->nslots || s->gen[idx] != (uint32_t)(id >> 32)) return NULL;
  return s->slots[idx];
}

/* ---- output ---- */

static void set_events(podd_http *s, conn *c, uint32_t ev) {
  if (c->fd < 0 || ev == c->events) return;
  struct epoll_event e = {.events = ev, .data.u64 = c->id};
  if (epoll_ctl(s->ep, EPOLL_CTL_MOD, c->fd, &e) == 0) c->events = ev;
}

/* Appends bytes to the output queue (I/O thread or any thread holding mu). */
static int enqueue_locked(conn *c, const void *a, size_t alen, const void *b, size_t blen) {
  out_node *n = malloc(sizeof *n + alen + blen);
  if (!n) return POD_ENOMEM;
  n->next = NULL;
  n->len = alen + blen;
  n->off = 0;
  if (alen) memcpy(n->data, a, alen);
  if (blen) memcpy(n->data + alen, b, blen);
  if (c->q_tail)
    c->q_tail->next = n;
  else
    c->q_head = n;
  c->q_tail = n;
  c->q_bytes += n->len;
  return 0;
}

static void enqueue(podd_http *s, conn *c, const void *a, size_t alen, const void *b, size_t blen) {
  pthread_mutex_lock(&s->mu);
  if (enqueue_locked(c, a, alen, b, blen) != 0) c->closing = 1; /* out of memory: give up */
  pthread_mutex_unlock(&s->mu);
}

static void free_queue_locked(conn *c) {
  for (out_node *n = c->q_head, *next; n; n = next) {
    next = n->next;
    free(n);
  }
  c->q_head = c->q_tail = NULL;
  c->q_bytes = 0;
}

/* Writes what it can. Returns 0, or -1 if the connection failed (the caller aborts it). */
static int flush(podd_http *s, conn *c) {
  for (int rounds = 0; rounds < 64; rounds++) {
    struct iovec iov[16];
    int k = 0;
    pthread_mutex_lock(&s->mu);
    for (out_node *n = c->q_head; n && k < 16; n = n->next, k++) {
      iov[k].iov_base = n->data + n->off;
      iov[k].iov_len = n->len - n->off;
    }
    pthread_mutex_unlock(&s->mu);
    if (k == 0) return 0;
    struct msghdr mh = {0};
    mh.msg_iov = iov;
    mh.msg_iovlen = (size_t)k;
    ssize_t w = sendmsg(c->fd, &mh, MSG_NOSIGNAL);
    if (w < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return 0;
      if (errno == EINTR) continue;
      return -1;
    }
    c->last_io = now_ms();
    size_t left = (size_t)w;
    pthread_mutex_lock(&s->mu);
    c->q_bytes -= left;
    while (left && c->q_head) {
      out_node *n = c->q_head;
      size_t avail = n->len - n->off;
      if (left < avail) {
        n->off += left;
        left = 0;
        break;
      }
      left -= avail;
      c->q_head = n->next;
      if (!c->q_head) c->q_tail = NULL;
      free(n);
    }
    pthread_mutex_unlock(&s->mu);
  }
  return 0;
}

/* ---- connection lifecycle ---- */

static void dispatch(podd_http *s, conn *c, job_t *j);

static void conn_close_fd(podd_http *s, conn *c) {
  if (c->fd < 0) return;
  pthread_mutex_lock(&s->mu);
  close(c->fd);
  c->fd = -1;
  c->ws_open = 0;
  free_queue_locked(c);
  pthread_mutex_unlock(&s->mu);
  free(c->in);
  c->in = NULL;
  c->in_len = c->in_cap = 0;
  podd_buf_free(&c->msg);
  /* a paused listener may resume now that a descriptor is free */
  if (s->accept_retry) s->accept_retry = 1;
}

static job_t *job_new(conn *c, int kind) {
  job_t *j = calloc(1, sizeof *j);
  if (!j) return NULL;
  j->conn = c->id;
  j->kind = kind;
  return j;
}

/* Frees the slot once the socket is closed, no call is in flight and no on_ws_close is owed;
 * dispatches the owed on_ws_close. Returns 1 if c was freed. */
static int conn_maybe_free(podd_http *s, conn *c) {
  if (c->fd >= 0 || c->job) return 0;
  if (c->open_called && !c->close_called) {
    job_t *j = job_new(c, JOB_WS_CLOSE);
    if (j) {
      c->close_called = 1;
      dispatch(s, c, j);
      return 0;
    }
    c->close_called = 1; /* out of memory: the close callback is lost, the slot is not */
  }
  uint32_t idx = (uint32_t)c->id;
  pthread_mutex_lock(&s->mu);
  if (c->dirty) { /* drop its entry: the dirty list holds at most one per slot */
    for (size_t i = 0; i < s->dirty_n; i++)
      if (s->dirty[i] == c->id) s->dirty[i] = s->dirty[--s->dirty_n];
  }
  s->slots[idx] = NULL;
  s->gen[idx]++;
  if (s->gen[idx] == 0) s->gen[idx] = 1;
  s->free_idx[s->nfree++] = idx;
  if (c->refusing)
    s->refusing--;
  else
    s->count[c->port]--;
  pthread_mutex_unlock(&s->mu);
  free(c);
  return 1;
}

static void conn_abort(podd_http *s, conn *c) {
  conn_close_fd(s, c);
  conn_maybe_free(s, c);
}

static void set_deadline(podd_http *s, conn *c, uint64_t t) {
  c->deadline = t;
  if (t && (s->next_check == 0 || t < s->next_check)) s->next_check = t;
}

static size_t queued(podd_http *s, conn *c) {
  pthread_mutex_lock(&s->mu);
  size_t q = c->q_bytes;
  pthread_mutex_unlock(&s->mu);
  return q;
}

/* Derives the connection's deadline and epoll interest from its state. */
static void conn_refresh(podd_http *s, conn *c) {
  if (c->fd < 0) {
    c->deadline = 0;
    return;
  }
  const podd_http_opts_t *o = &s->o;
  size_t q = queued(s, c);
  uint64_t t;
  if (c->lingering)
    t = c->linger_start + LINGER_MS;
  else if (q)
    t = c->last_io + o->idle_timeout_ms; /* a stalled send */
  else if (c->job)
    t = c->ws ? 0 : c->job_start + o->request_timeout_ms;
  else if (c->ws)
    t = 0; /* an open WebSocket may stay idle */
  else if (c->req_start)
    t = c->req_start + o->head_timeout_ms;
  else
    t = c->last_io + o->idle_timeout_ms; /* keep-alive idle */
  set_deadline(s, c, t);
  uint32_t ev = 0;
  if (c->lingering || (!c->job && !c->closing && !c->peer_eof && c->in_len < c->in_max))
    ev |= EPOLLIN;
  if (q) ev |= EPOLLOUT;
  set_events(s, c, ev);
}

/* After any event: writes, moves a closing connection on, refreshes. Returns 1 if c is gone. */
static int conn_step(podd_http *s, conn *c) {
  if (c->fd < 0) return conn_maybe_free(s, c);
  if (flush(s, c) != 0) {
    conn_abort(s, c);
    return 1;
  }
  if (c->closing && !c->lingering && !c->job && queued(s, c) == 0) {
    if (c->peer_eof) {
      conn_abort(s, c);
      return 1;
    }
    /* Lingering close: a peer still sending (the body of a refused request, a WebSocket
     * frame) would otherwise get a reset that can destroy the answer we just sent. */
    shutdown(c->fd, SHUT_WR);
    c->lingering = 1;
    c->linger_start = now_ms();
  }
  conn_refresh(s, c);
  return 0;
}

static void consume(conn *c, size_t n) {
  memmove(c->in, c->in + n, c->in_len - n);
  c->in_len -= n;
  c->req_start = c->in_len ? now_ms() : 0;
  if (c->in_len == 0 && c->in_cap > IN_KEEP) {
    free(c->in);
    c->in = NULL;
    c->in_cap = 0;
  }
}

/* ---- HTTP answers ---- */

static void respond(podd_http *s, conn *c, int status, const char *ctype, const char *body,
                    size_t blen, int keep, int http10, int head_only, const char *extra) {
  char h[1024];
  char ct[96] = "";
  if (ctype && *ctype) {
    size_t k = 0;
    while (ctype[k] && (unsigned char)ctype[k] >= 0x20 && k < 63)
      k++; /* no CR/LF injection */
    snprintf(ct, sizeof ct, "Content-Type: %.*s\r\n", (int)k, ctype);
  }
  if (s->draining) keep = 0;
  int n = snprintf(h, sizeof h, "HTTP/1.1 %d %s\r\n%sContent-Length: %zu\r\n%s%s%s\r\n", status,
                   reason(status), ct, blen,
                   c->port == PORT_HTTP ? "Access-Control-Allow-Origin: *\r\n" : "",
                   !keep    ? "Connection: close\r\n"
                   : http10 ? "Connection: keep-alive\r\n"
                            : "",
                   extra ? extra : "");
  if (n < 0 || (size_t)n >= sizeof h) n = 0; /* cannot happen: extra is ours and short */
  enqueue(s, c, h, (size_t)n, head_only ? NULL : body, head_only ? 0 : blen);
  if (!keep) c->closing = 1;
}

/* Answers with a JSON-RPC error body; 4xx use -32600 (invalid request), 5xx -32000. */
static void respond_error(podd_http *s, conn *c, int status, int keep, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void respond_error(podd_http *s, conn *c, int status, int keep, const char *fmt, ...) {
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  podd_buf b;
  podd_buf_init(&b, 1024);
  podd_jsonrpc_error(&b, status < 500 ? -32600 : -32000, msg);
  respond(s, c, status, "application/json", b.data, b.len, keep, 0, 0, NULL);
  podd_buf_free(&b);
}

/* A request the parser refused: answer, drop the rest of the input, close. */
static void http_fail(podd_http *s, conn *c, int status) {
  const podd_http_opts_t *o = &s->o;
  switch (status) {
  case 413:
    respond_error(s, c, 413, 0, "request body too large: the limit is %zu bytes", o->max_body);
    break;
  case 431:
    respond_error(s, c, 431, 0, "request head too large: the limit is %zu bytes", o->max_head);
    break;
  case 501:
    respond_error(s, c, 501, 0, "unsupported Transfer-Encoding: only chunked is accepted");
    break;
  case 505: respond_error(s, c, 505, 0, "HTTP version not supported: use HTTP/1.1"); break;
  case 408:
    respond_error(s, c, 408, 0, "request not received within %u ms", o->head_timeout_ms);
    break;
  default: respond_error(s, c, 400, 0, "bad request: malformed HTTP"); break;
  }
  c->in_len = 0;
  c->req_start = 0;
}

static char *dupn(const char *p, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    if (n) memcpy(d, p, n);
    d[n] = 0;
  }
  return d;
}

static void job_free(job_t *j) {
  if (!j) return;
  free(j->path);
  free(j->content_type);
  free(j->body);
  podd_buf_free(&j->res.body);
  free(j);
}

static void dispatch(podd_http *s, conn *c, job_t *j) {
  c->job = j;
  c->job_start = now_ms();
  s->jobs_in_flight++;
  j->srv = s;
  pthread_mutex_lock(&s->mu);
  if (s->work_tail)
    s->work_tail->next = j;
  else
    s->work_head = j;
  s->work_tail = j;
  pthread_cond_signal(&s->work_cv);
  pthread_mutex_unlock(&s->mu);
}

/* CORS preflight, answered here as Solana's node does: any origin, the asked-for headers. */
static void preflight(podd_http *s, conn *c, const podd_http_head_t *h) {
  char extra[768];
  const char *allow = "Content-Type";
  int allow_len = 12;
  const char *acr = c->in + h->acr_headers.off;
  size_t n = h->acr_headers.len, k = 0;
  if (n && n <= 512) {
    while (k < n && (acr[k] == ',' || acr[k] == ' ' || acr[k] == '-' || acr[k] == '_' ||
                     (acr[k] >= '0' && acr[k] <= '9') || (acr[k] >= 'a' && acr[k] <= 'z') ||
                     (acr[k] >= 'A' && acr[k] <= 'Z')))
      k++;
    if (k == n) allow = acr, allow_len = (int)n;
  }
  snprintf(extra, sizeof extra,
           "Access-Control-Allow-Methods: POST, GET, OPTIONS\r\n"
           "Access-Control-Allow-Headers: %.*s\r\nAccess-Control-Max-Age: 86400\r\n",
           allow_len, allow);
  respond(s, c, 200, NULL, NULL, 0, h->keep_alive, h->version_minor == 0, 0, extra);
}

static int ws_handshake(podd_http *s, conn *c, const podd_http_head_t *h, size_t hl) {
  const char *m = c->in + h->method.off;
  if (!h->upgrade_websocket) {
    respond_error(s, c, 426, 0,
                  "this port serves WebSocket (PubSub) only; JSON-RPC over HTTP is on port %u",
                  s->ports[PORT_HTTP]);
    c->in_len = 0;
    return -1;
  }
  char accept[29];
  if (h->method.len != 3 || memcmp(m, "GET", 3) != 0 || !h->conn_upgrade || h->chunked ||
      (h->has_length && h->content_length) ||
      pod_ws_accept(accept, c->in + h->ws_key.off, h->ws_key.len) != 0) {
    respond_error(s, c, 400, 0, "bad WebSocket handshake");
    c->in_len = 0;
    return -1;
  }
  if (h->ws_version != 13) {
    respond(s, c, 426, NULL, NULL, 0, 0, 0, 0, "Sec-WebSocket-Version: 13\r\n");
    c->in_len = 0;
    return -1;
  }
  char resp[160];
  int n = snprintf(resp, sizeof resp,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
                   accept);
  enqueue(s, c, resp, (size_t)n, NULL, 0);
  consume(c, hl);
  c->req_start = 0;
  c->ws = 1;
  c->in_max = s->o.max_ws_message + WS_SLACK;
  pthread_mutex_lock(&s->mu);
  c->ws_open = 1;
  pthread_mutex_unlock(&s->mu);
  job_t *j = job_new(c, JOB_WS_OPEN);
  if (!j) {
    c->closing = 1;
    return -1;
  }
  c->open_called = 1;
  dispatch(s, c, j);
  return 1;
}

/* One request from the input. Returns 1 if it consumed one, 0 if more bytes are needed, -1 if
 * the connection stops reading. */
static int http_step(podd_http *s, conn *c) {
  const podd_http_opts_t *o = &s->o;
  podd_http_head_t h;
  long hl = podd_http_parse_head(&h, c->in, c->in_len, o->max_head);
  if (hl == 0) return 0;
  if (hl < 0) {
    http_fail(s, c, (int)-hl);
    return -1;
  }
  if (c->port == PORT_WS) return ws_handshake(s, c, &h, (size_t)hl);
  size_t body_len = 0, total;
  if (h.chunked) {
    long r = podd_http_chunked_scan(c->in + hl, c->in_len - (size_t)hl, o->max_body, &body_len);
    if (r < 0 || (r == 0 && c->in_len == c->in_max)) {
      http_fail(s, c, r < 0 ? (int)-r : 413);
      return -1;
    }
    total = r ? (size_t)hl + (size_t)r : 0;
  } else {
    if (h.has_length && h.content_length > o->max_body) {
      http_fail(s, c, 413);
      return -1;
    }
    body_len = h.has_length ? (size_t)h.content_length : 0;
    total = body_len <= c->in_len - (size_t)hl ? (size_t)hl + body_len : 0;
  }
  if (total == 0) { /* the body is still coming */
    if (h.expect_continue && h.version_minor == 1 && !c->sent_continue) {
      static const char cont[] = "HTTP/1.1 100 Continue\r\n\r\n";
      enqueue(s, c, cont, sizeof cont - 1, NULL, 0);
      c->sent_continue = 1;
    }
    return 0;
  }
  c->sent_continue = 0;
  const char *m = c->in + h.method.off;
  if (h.method.len == 7 && memcmp(m, "OPTIONS", 7) == 0) {
    preflight(s, c, &h);
    consume(c, total);
    return c->closing ? -1 : 1;
  }
  job_t *j = job_new(c, JOB_HTTP);
  if (!j) {
    respond_error(s, c, 503, 0, "server out of memory");
    c->in_len = 0;
    return -1;
  }
  memcpy(j->method, m, h.method.len);
  j->method[h.method.len] = 0;
  j->path = dupn(c->in + h.target.off, h.target.len);
  j->content_type = dupn(c->in + h.content_type.off, h.content_type.len);
  j->body = malloc(body_len + 1);
  if (!j->path || !j->content_type || !j->body) {
    job_free(j);
    respond_error(s, c, 503, 0, "server out of memory");
    c->in_len = 0;
    return -1;
  }
  if (h.chunked)
    podd_http_chunked_decode(j->body, c->in + hl, total - (size_t)hl);
  else if (body_len)
    memcpy(j->body, c->in + hl, body_len);
  j->body[body_len] = 0;
  j->body_len = body_len;
  j->keep_alive = h.keep_alive;
  j->http10 = h.version_minor == 0;
  j->head_only = h.method.len == 4 && memcmp(m, "HEAD", 4) == 0;
  consume(c, total);
  dispatch(s, c, j);
  return 1;
}

/* ---- WebSocket frames ---- */

static void ws_send_close(podd_http *s, conn *c, uint16_t code, const char *why) {
  uint8_t frame[2 + 125 + 10];
  size_t wl = why ? strlen(why) : 0;
  if (wl > 123) wl = 123;
  uint8_t payload[125];
  payload[0] = (uint8_t)(code >> 8);
  payload[1] = (uint8_t)code;
  if (wl) memcpy(payload + 2, why, wl);
  size_t plen = code ? 2 + wl : 0;
  size_t hl = pod_ws_frame_head(frame, POD_WS_CLOSE, plen, NULL);
  memcpy(frame + hl, payload, plen);
  pthread_mutex_lock(&s->mu);
  if (enqueue_locked(c, frame, hl + plen, NULL, 0) != 0) c->closing = 1;
  c->ws_open = 0;
  pthread_mutex_unlock(&s->mu);
}

static void ws_fail(podd_http *s, conn *c, uint16_t code, const char *why) {
  if (code == 1009)
    logf_(s, "ws #%llu: closed with 1009: %s", (unsigned long long)(c->id & 0xffffffffu), why);
  ws_send_close(s, c, code, why);
  c->closing = 1;
  c->in_len = 0;
  c->msg_active = 0;
  podd_buf_free(&c->msg);
}

static int close_code_ok(unsigned code) {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
         (code >= 3000 && code <= 4999);
}

static int ws_deliver(podd_http *s, conn *c, const char *text, size_t n) {
  if (!pod_utf8_valid(text, n)) {
    ws_fail(s, c, 1007, "text message is not valid UTF-8");
    return -1;
  }
  job_t *j = job_new(c, JOB_WS_MSG);
  if (j) j->body = dupn(text, n);
  if (!j || !j->body) {
    job_free(j);
    ws_fail(s, c, 1011, "server out of memory");
    return -1;
  }
  j->body_len = n;
  dispatch(s, c, j);
  return 0;
}

static int ws_step(podd_http *s, conn *c) {
  const podd_http_opts_t *o = &s->o;
  pod_ws_frame_t f;
  long r = pod_ws_frame_parse(&f, (const uint8_t *)c->in, c->in_len, o->max_ws_message);
  if (r == 0) return 0;
  if (r < 0) {
    char why[96];
    if (r == -1009)
      snprintf(why, sizeof why, "message too big: the limit is %zu bytes", o->max_ws_message);
    else
      snprintf(why, sizeof why, "protocol error");
    ws_fail(s, c, (uint16_t)-r, why);
    return -1;
  }
  if (!f.masked) {
    ws_fail(s, c, 1002, "client frames must be masked");
    return -1;
  }
  if (f.len > c->in_len - f.head_len) return 0;
  char *p = c->in + f.head_len;
  size_t n = (size_t)f.len, total = f.head_len + n;
  pod_ws_mask((uint8_t *)p, n, f.mask, 0);
  switch (f.opcode) {
  case POD_WS_TEXT:
  case POD_WS_BINARY:
    if (c->msg_active) {
      ws_fail(s, c, 1002, "expected a continuation frame");
      return -1;
    }
    if (f.opcode == POD_WS_BINARY) {
      ws_fail(s, c, 1003, "binary messages are not supported: send JSON-RPC as text");
      return -1;
    }
    if (f.fin) {
      if (ws_deliver(s, c, p, n) != 0) return -1;
    } else {
      podd_buf_init(&c->msg, o->max_ws_message);
      if (podd_buf_append(&c->msg, p, n) != 0) {
        ws_fail(s, c, 1011, "server out of memory");
        return -1;
      }
      c->msg_active = 1;
    }
    break;
  case POD_WS_CONT:
    if (!c->msg_active) {
      ws_fail(s, c, 1002, "continuation frame without a message");
      return -1;
    }
    if (podd_buf_append(&c->msg, p, n) != 0) {
      char why[96];
      snprintf(why, sizeof why, "message too big: the limit is %zu bytes", o->max_ws_message);
      ws_fail(s, c, c->msg.err == POD_ETOOLARGE ? 1009 : 1011, why);
      return -1;
    }
    if (f.fin) {
      c->msg_active = 0;
      int d = ws_deliver(s, c, c->msg.data ? c->msg.data : "", c->msg.len);
      podd_buf_free(&c->msg);
      if (d != 0) return -1;
    }
    break;
  case POD_WS_PING: {
    uint8_t hd[10];
    size_t hl = pod_ws_frame_head(hd, POD_WS_PONG, n, NULL);
    enqueue(s, c, hd, hl, p, n);
    break;
  }
  case POD_WS_PONG: break;
  case POD_WS_CLOSE: {
    unsigned code = n >= 2 ? ((unsigned)(uint8_t)p[0] << 8 | (uint8_t)p[1]) : 0;
    if (n == 1 || (n >= 2 && !close_code_ok(code))) {
      ws_fail(s, c, 1002, "bad close code");
      return -1;
    }
    if (n > 2 && !pod_utf8_valid(p + 2, n - 2)) {
      ws_fail(s, c, 1007, "close reason is not valid UTF-8");
      return -1;
    }
    ws_send_close(s, c, (uint16_t)code, NULL); /* echo the code (none for none) */
    c->closing = 1;
    c->in_len = 0;
    return -1;
  }
  default: break;
  }
  consume(c, total);
  return 1;
}

/* Parses and dispatches what the input holds, while no call is in flight. */
static void process(podd_http *s, conn *c) {
  for (int k = 0; k < 1024 && c->fd >= 0 && !c->job && !c->closing && c->in_len; k++) {
    int r = c->ws ? ws_step(s, c) : http_step(s, c);
    if (r <= 0) break;
  }
}

/* ---- events ---- */

static void on_readable(podd_http *s, conn *c) {
  if (c->lingering) {
    char sink[16384];
    ssize_t r = read(c->fd, sink, sizeof sink);
    if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) conn_abort(s, c);
    return;
  }
  if (c->in_len == c->in_cap) {
    size_t cap = c->in_cap ? c->in_cap * 2 : IN_MIN;
    if (cap > c->in_max) cap = c->in_max;
    if (cap <= c->in_cap) return; /* full: reading is paused by conn_refresh */
    char *p = realloc(c->in, cap);
    if (!p) {
      conn_abort(s, c);
      return;
    }
    c->in = p;
    c->in_cap = cap;
  }
  ssize_t r = read(c->fd, c->in + c->in_len, c->in_cap - c->in_len);
  if (r < 0) {
    if (errno != EAGAIN && errno != EINTR) conn_abort(s, c);
    return;
  }
  if (r == 0) {
    c->peer_eof = 1;
    if (c->ws || c->in_len || queued(s, c) == 0)
      conn_abort(s, c);
    else
      c->closing = 1;
    return;
  }
  if (c->in_len == 0 && !c->ws && !c->req_start) c->req_start = now_ms();
  c->in_len += (size_t)r;
  c->last_io = now_ms();
  process(s, c);
}

static conn *conn_new(podd_http *s, int fd, int port, int refuse) {
  conn *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  pthread_mutex_lock(&s->mu);
  uint32_t idx = s->free_idx[--s->nfree];
  c->id = (uint64_t)s->gen[idx] << 32 | idx;
  s->slots[idx] = c;
  if (refuse)
    s->refusing++;
  else
    s->count[port]++;
  pthread_mutex_unlock(&s->mu);
  c->fd = fd;
  c->port = port;
  c->refusing = refuse;
  c->in_max = port == PORT_HTTP ? s->o.max_head + s->o.max_body + 65536 : s->o.max_head;
  c->last_io = now_ms();
  struct epoll_event e = {.events = EPOLLIN, .data.u64 = c->id};
  c->events = EPOLLIN;
  if (epoll_ctl(s->ep, EPOLL_CTL_ADD, fd, &e) != 0) {
    conn_abort(s, c);
    return NULL;
  }
  return c;
}

static void listeners_interest(podd_http *s, uint32_t ev) {
  for (int p = 0; p < 2; p++) {
    if (s->lfd[p] < 0) continue;
    struct epoll_event e = {.events = ev,
                            .data.u64 = p == PORT_HTTP ? TAG_HTTP_LISTEN : TAG_WS_LISTEN};
    epoll_ctl(s->ep, EPOLL_CTL_MOD, s->lfd[p], &e);
  }
}

static void accept_all(podd_http *s, int port) {
  const podd_http_opts_t *o = &s->o;
  for (int k = 0; k < 64; k++) {
    int fd = accept4(s->lfd[port], NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        logf_(s, "accept: %s; pausing new connections for 100 ms", strerror(errno));
        listeners_interest(s, 0);
        s->accept_retry = now_ms() + 100;
        if (s->next_check == 0 || s->accept_retry < s->next_check) s->next_check = s->accept_retry;
      }
      return;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    unsigned cap = port == PORT_HTTP ? o->max_conns : o->max_ws_conns;
    int refuse = s->count[port] >= cap;
    if (refuse) {
      uint64_t t = now_ms();
      if (t - s->last_refuse_log >= 1000) {
        logf_(s, "%s: refused a connection: %u open, the limit (%s); answered 503%s",
              port == PORT_HTTP ? "http" : "ws", cap,
              port == PORT_HTTP ? "--max-connections" : "--max-ws-connections",
              s->refused_quiet ? " (and others in the last second)" : "");
        s->last_refuse_log = t;
        s->refused_quiet = 0;
      } else {
        s->refused_quiet++;
      }
      if (s->refusing >= REFUSE_SLOTS) {
        close(fd);
        continue;
      }
    }
    conn *c = conn_new(s, fd, port, refuse);
    if (!c) {
      close(fd);
      continue;
    }
    if (refuse) {
      respond_error(s, c, 503, 0, "too many connections: the limit is %u; try again later", cap);
      conn_step(s, c);
    } else {
      conn_refresh(s, c);
    }
  }
}

static void handle_done(podd_http *s, job_t *j) {
  s->jobs_in_flight--;
  conn *c = find(s, j->conn);
  if (!c || c->job != j) { /* timed out, or the connection is gone */
    job_free(j);
    return;
  }
  c->job = NULL;
  if (j->kind == JOB_HTTP && c->fd >= 0) {
    podd_http_res_t *res = &j->res;
    if (res->body.err) {
      respond_error(s, c, 500, j->keep_alive, "response too large: the limit is %zu bytes",
                    s->o.max_response);
    } else {
      int st = res->status >= 100 && res->status <= 999 ? res->status : 500;
      respond(s, c, st, res->content_type, res->body.data ? res->body.data : "", res->body.len,
              j->keep_alive && !c->closing, j->http10, j->head_only, NULL);
    }
  }
  job_free(j);
  if (c->fd < 0) {
    conn_maybe_free(s, c);
    return;
  }
  process(s, c);
  conn_step(s, c);
}

static void expire(podd_http *s, conn *c) {
  const podd_http_opts_t *o = &s->o;
  if (c->lingering || queued(s, c)) {
    conn_abort(s, c); /* the peer does not read, or never closes */
    return;
  }
  if (c->job && !c->ws) {
    job_t *j = c->job;
    c->job = NULL; /* the late answer will be dropped by handle_done */
    respond_error(s, c, 504, j->keep_alive, "request timed out after %u ms", o->request_timeout_ms);
    process(s, c);
    conn_step(s, c);
    return;
  }
  if (c->req_start && !c->ws) {
    http_fail(s, c, 408); /* slow or stalled client: the slot is freed */
    conn_step(s, c);
    return;
  }
  conn_abort(s, c); /* idle keep-alive */
}

static void begin_drain(podd_http *s) {
  s->draining = 1;
  s->drain_deadline = now_ms() + s->o.drain_ms;
  if (s->next_check == 0 || s->drain_deadline < s->next_check) s->next_check = s->drain_deadline;
  for (int p = 0; p < 2; p++) {
    if (s->lfd[p] >= 0) close(s->lfd[p]);
    s->lfd[p] = -1;
  }
  for (size_t i = 0; i < s->nslots; i++) {
    conn *c = s->slots[i];
    if (!c || c->fd < 0) continue;
    if (c->ws) {
      int open;
      pthread_mutex_lock(&s->mu);
      open = c->ws_open;
      pthread_mutex_unlock(&s->mu);
      if (open) ws_send_close(s, c, 1001, "server shutting down");
      c->closing = 1;
      conn_step(s, c);
    } else if (c->job || queued(s, c)) {
      c->closing = 1;
      conn_step(s, c);
    } else {
      conn_abort(s, c);
    }
  }
}

static void handle_wake(podd_http *s, podd_ws_id *dirty) {
  uint64_t v;
  ssize_t r = read(s->efd, &v, sizeof v);
  (void)r;
  pthread_mutex_lock(&s->mu);
  s->wake_pending = 0;
  job_t *done = s->done_head;
  s->done_head = NULL;
  size_t nd = s->dirty_n;
  memcpy(dirty, s->dirty, nd * sizeof *dirty);
  s->dirty_n = 0;
  for (size_t i = 0; i < nd; i++) {
    conn *c = find(s, dirty[i]);
    if (c) c->dirty = 0;
  }
  int stopping = s->stopping;
  pthread_mutex_unlock(&s->mu);
  /* the done list was pushed newest first: reverse it to answer in completion order */
  job_t *fifo = NULL;
  while (done) {
    job_t *next = done->next;
    done->next = fifo;
    fifo = done;
    done = next;
  }
  while (fifo) {
    job_t *next = fifo->next;
    handle_done(s, fifo);
    fifo = next;
  }
  for (size_t i = 0; i < nd; i++) {
    conn *c = find(s, dirty[i]);
    if (!c || c->fd < 0) continue;
    pthread_mutex_lock(&s->mu);
    int overflow = c->overflow, want_close = !c->ws_open;
    pthread_mutex_unlock(&s->mu);
    if (overflow) {
      logf_(s, "ws #%llu: dropped: more than %zu bytes queued for it (a slow client)",
            (unsigned long long)(c->id & 0xffffffffu), s->o.max_ws_queue);
      conn_abort(s, c);
      continue;
    }
    if (want_close && c->ws) c->closing = 1;
    conn_step(s, c);
  }
  if (stopping && !s->draining) begin_drain(s);
}

static void scan(podd_http *s) {
  uint64_t t = now_ms();
  s->next_check = 0;
  if (s->accept_retry && t >= s->accept_retry) {
    s->accept_retry = 0;
    listeners_interest(s, EPOLLIN);
  } else if (s->accept_retry) {
    s->next_check = s->accept_retry;
  }
  int force = s->draining && t >= s->drain_deadline;
  for (size_t i = 0; i < s->nslots; i++) {
    conn *c = s->slots[i];
    if (!c || c->fd < 0) continue;
    if (force) {
      conn_abort(s, c);
      continue;
    }
    if (!c->deadline) continue;
    if (c->deadline <= t)
      expire(s, c);
    else if (s->next_check == 0 || c->deadline < s->next_check)
      s->next_check = c->deadline;
  }
  if (s->draining && !force && (s->next_check == 0 || s->drain_deadline < s->next_check))
    s->next_check = s->drain_deadline;
}

static void *io_main(void *arg) {
  podd_http *s = arg;
  podd_ws_id *dirty = s->dirty_local;
  for (;;) {
    if (s->draining && s->count[0] + s->count[1] + s->refusing == 0 && s->jobs_in_flight == 0)
      break;
    int timeout = -1;
    if (s->next_check) {
      uint64_t t = now_ms();
      timeout = s->next_check <= t
                    ? 0
                    : (int)(s->next_check - t > 86400000 ? 86400000 : s->next_check - t);
    }
    struct epoll_event evs[64];
    int n = epoll_wait(s->ep, evs, 64, timeout);
    for (int i = 0; i < n; i++) {
      uint64_t tag = evs[i].data.u64;
      if (tag == TAG_EVENT) {
        handle_wake(s, dirty);
      } else if (tag == TAG_HTTP_LISTEN || tag == TAG_WS_LISTEN) {
        if (!s->draining) accept_all(s, tag == TAG_HTTP_LISTEN ? PORT_HTTP : PORT_WS);
      } else {
        conn *c = find(s, tag);
        if (!c || c->fd < 0) continue;
        uint32_t ev = evs[i].events;
        if ((ev & (EPOLLERR | EPOLLHUP)) && !(ev & EPOLLIN)) {
          conn_abort(s, c);
          continue;
        }
        if (ev & EPOLLIN) {
          on_readable(s, c);
          c = find(s, tag);
          if (!c || c->fd < 0) continue;
        }
        conn_step(s, c);
      }
    }
    if (s->next_check && now_ms() >= s->next_check) scan(s);
  }
  return NULL;
}

/* ---- workers ---- */

static void push_done_locked(podd_http *s, job_t *j) {
  j->next = s->done_head;
  s->done_head = j;
  wake_locked(s);
}

static void *worker_main(void *arg) {
  podd_http *s = arg;
  const podd_http_opts_t *o = &s->o;
  pthread_mutex_lock(&s->mu);
  for (;;) {
    while (!s->work_head && !s->quit)
      pthread_cond_wait(&s->work_cv, &s->mu);
    job_t *j = s->work_head;
    if (!j) break; /* quit, and nothing left */
    s->work_head = j->next;
    if (!s->work_head) s->work_tail = NULL;
    j->next = NULL;
    pthread_mutex_unlock(&s->mu);
    int deferred = 0;
    switch (j->kind) {
    case JOB_HTTP: {
      podd_http_req_t req = {j->method, j->path, j->content_type, j->body, j->body_len};
      j->res.status = 200;
      snprintf(j->res.content_type, sizeof j->res.content_type, "application/json");
      podd_buf_init(&j->res.body, o->max_response);
      deferred = o->on_request(o->user, s, j, &req, &j->res) == PODD_HTTP_DEFER;
      break;
    }
    case JOB_WS_OPEN:
      if (o->on_ws_open) o->on_ws_open(o->user, s, j->conn);
      break;
    case JOB_WS_MSG:
      if (o->on_ws_message) o->on_ws_message(o->user, s, j->conn, j->body, j->body_len);
      break;
    case JOB_WS_CLOSE:
      if (o->on_ws_close) o->on_ws_close(o->user, s, j->conn);
      break;
    default: break;
    }
    pthread_mutex_lock(&s->mu);
    if (!deferred) push_done_locked(s, j);
  }
  pthread_mutex_unlock(&s->mu);
  return NULL;
}

void podd_http_call_done(podd_http_call *call) {
  podd_http *s = call->srv;
  pthread_mutex_lock(&s->mu);
  push_done_locked(s, call);
  pthread_mutex_unlock(&s->mu);
}

/* ---- sending from any thread ---- */

static void mark_dirty_locked(podd_http *s, conn *c) {
  if (!c->dirty) {
    c->dirty = 1;
    s->dirty[s->dirty_n++] = c->id;
  }
  wake_locked(s);
}

int podd_ws_send(podd_http *s, podd_ws_id id, const char *text, size_t len) {
  uint8_t hd[10];
  size_t hl = pod_ws_frame_head(hd, POD_WS_TEXT, len, NULL);
  int rc = POD_OK;
  pthread_mutex_lock(&s->mu);
  conn *c = find(s, id);
  if (!c || !c->ws_open || c->overflow) {
    rc = POD_ENOTFOUND;
  } else if (len > s->o.max_ws_queue || hl + len > s->o.max_ws_queue - c->q_bytes ||
             c->q_bytes > s->o.max_ws_queue) {
    c->overflow = 1;
    c->ws_open = 0;
    mark_dirty_locked(s, c);
    rc = POD_ELIMIT;
  } else if ((rc = enqueue_locked(c, hd, hl, text, len)) == POD_OK) {
    mark_dirty_locked(s, c);
  }
  pthread_mutex_unlock(&s->mu);
  return rc;
}

int podd_ws_close(podd_http *s, podd_ws_id id, uint16_t code, const char *why) {
  if (!close_code_ok(code) || code == 1004 || (why && strlen(why) > 123)) return POD_EINVAL;
  uint8_t frame[2 + 10 + 123], hd[10];
  size_t wl = why ? strlen(why) : 0;
  frame[0] = (uint8_t)(code >> 8);
  frame[1] = (uint8_t)code;
  if (wl) memcpy(frame + 2, why, wl);
  size_t hl = pod_ws_frame_head(hd, POD_WS_CLOSE, 2 + wl, NULL);
  int rc;
  pthread_mutex_lock(&s->mu);
  conn *c = find(s, id);
  if (!c || !c->ws_open) {
    rc = POD_ENOTFOUND;
  } else if ((rc = enqueue_locked(c, hd, hl, frame, 2 + wl)) == POD_OK) {
    c->ws_open = 0; /* the I/O thread sees this and closes after the frame */
    mark_dirty_locked(s, c);
  }
  pthread_mutex_unlock(&s->mu);
  return rc;
}

/* ---- start / stop ---- */

static int fail(char *err, size_t err_sz, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
static int fail(char *err, size_t err_sz, int rc, const char *fmt, ...) {
  if (err && err_sz) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, err_sz, fmt, ap);
    va_end(ap);
  }
  return rc;
}

static int listen_on(int *fd_out, uint16_t *bound, const char *addr, uint16_t port, char *err,
                     size_t err_sz) {
  struct addrinfo hints, *ai = NULL;
  memset(&hints, 0, sizeof hints);
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  char ps[8];
  snprintf(ps, sizeof ps, "%u", (unsigned)port);
  if (getaddrinfo(addr, ps, &hints, &ai) != 0 || !ai)
    return fail(err, err_sz, POD_EINVAL, "bind address '%s': not a numeric IPv4 or IPv6 address",
                addr);
  int fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
  if (fd < 0) {
    freeaddrinfo(ai);
    return fail(err, err_sz, POD_EIO, "socket: %s", strerror(errno));
  }
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (ai->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 511) != 0) {
    int e = errno;
    close(fd);
    freeaddrinfo(ai);
    return fail(err, err_sz, POD_EIO, "bind %s port %u: %s", addr, (unsigned)port, strerror(e));
  }
  freeaddrinfo(ai);
  struct sockaddr_storage ss;
  socklen_t sl = sizeof ss;
  getsockname(fd, (struct sockaddr *)&ss, &sl);
  *bound = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                          : ((struct sockaddr_in *)&ss)->sin_port);
  *fd_out = fd;
  return POD_OK;
}

static int check_opts(const podd_http_opts_t *o, char *err, size_t err_sz) {
#define RANGE(field, lo, hi)                                                                       \
  if ((uint64_t)o->field < (uint64_t)(lo) || (uint64_t)o->field > (uint64_t)(hi))                  \
    return fail(err, err_sz, POD_EINVAL, #field ": must be %llu..%llu", (unsigned long long)(lo),  \
                (unsigned long long)(hi));
  if (!o || o->version != PODD_HTTP_OPTS_VERSION)
    return fail(err, err_sz, POD_EINVAL, "options: version must be PODD_HTTP_OPTS_VERSION");
  if (!o->on_request) return fail(err, err_sz, POD_EINVAL, "on_request: required");
  if (!o->bind_addr || strlen(o->bind_addr) >= 64)
    return fail(err, err_sz, POD_EINVAL, "bind_addr: required, a numeric address");
  RANGE(workers, 1, 64)
  RANGE(max_head, 1024, 1u << 20)
  RANGE(max_body, 1, 1u << 30)
  RANGE(max_response, 1024, (uint64_t)1 << 40)
  RANGE(max_conns, 1, 65536)
  RANGE(max_ws_conns, 1, 65536)
  RANGE(idle_timeout_ms, 1, 86400000)
  RANGE(head_timeout_ms, 1, 86400000)
  RANGE(request_timeout_ms, 1, 86400000)
  RANGE(drain_ms, 0, 600000)
  RANGE(max_ws_message, 125, 1u << 30)
  RANGE(max_ws_queue, 1024, (uint64_t)1 << 40)
  if (o->http_port && o->ws_port == o->http_port)
    return fail(err, err_sz, POD_EINVAL, "ws_port: must differ from http_port");
  if (o->http_port == 65535 && o->ws_port == 0)
    return fail(err, err_sz, POD_EINVAL, "http_port: 65535 leaves no next port for WebSocket");
  return POD_OK;
#undef RANGE
}

static void free_server(podd_http *s) {
  for (int p = 0; p < 2; p++)
    if (s->lfd[p] >= 0) close(s->lfd[p]);
  if (s->ep >= 0) close(s->ep);
  if (s->efd >= 0) close(s->efd);
  for (size_t i = 0; s->slots && i < s->nslots; i++) {
    conn *c = s->slots[i];
    if (!c) continue;
    if (c->fd >= 0) close(c->fd);
    free_queue_locked(c);
    free(c->in);
    podd_buf_free(&c->msg);
    free(c);
  }
  for (job_t *j = s->done_head, *next; j; j = next) {
    next = j->next;
    job_free(j);
  }
  for (job_t *j = s->work_head, *next; j; j = next) {
    next = j->next;
    job_free(j);
  }
  free(s->slots);
  free(s->gen);
  free(s->free_idx);
  free(s->dirty);
  free(s->dirty_local);
  free(s->workers);
  pthread_mutex_destroy(&s->mu);
  pthread_cond_destroy(&s->work_cv);
  free(s);
}

int podd_http_start(podd_http **out, const podd_http_opts_t *opts, char *err, size_t err_sz) {
  if (err && err_sz) err[0] = 0;
  *out = NULL;
  int rc = check_opts(opts, err, err_sz);
  if (rc) return rc;
  podd_http *s = calloc(1, sizeof *s);
  if (!s) return fail(err, err_sz, POD_ENOMEM, "out of memory");
  s->o = *opts;
  snprintf(s->bind_addr, sizeof s->bind_addr, "%s", opts->bind_addr);
  s->o.bind_addr = s->bind_addr;
  s->lfd[0] = s->lfd[1] = s->ep = s->efd = -1;
  pthread_mutex_init(&s->mu, NULL);
  pthread_cond_init(&s->work_cv, NULL);
  s->nslots = (size_t)opts->max_conns + opts->max_ws_conns + REFUSE_SLOTS;
  s->slots = calloc(s->nslots, sizeof *s->slots);
  s->gen = malloc(s->nslots * sizeof *s->gen);
  s->free_idx = malloc(s->nslots * sizeof *s->free_idx);
  s->dirty = malloc(s->nslots * sizeof *s->dirty);
  s->dirty_local = malloc(s->nslots * sizeof *s->dirty_local);
  s->workers = calloc(opts->workers, sizeof *s->workers);
  if (!s->slots || !s->gen || !s->free_idx || !s->dirty || !s->dirty_local || !s->workers) {
    free_server(s);
    return fail(err, err_sz, POD_ENOMEM, "out of memory");
  }
  for (size_t i = 0; i < s->nslots; i++) {
    s->gen[i] = 1;
    s->free_idx[i] = (uint32_t)(s->nslots - 1 - i); /* lowest index first */
  }
  s->nfree = s->nslots;

  uint16_t wsp = opts->ws_port     ? opts->ws_port
                 : opts->http_port ? (uint16_t)(opts->http_port + 1)
                                   : 0;
  rc = listen_on(&s->lfd[PORT_HTTP], &s->ports[PORT_HTTP], s->bind_addr, opts->http_port, err,
                 err_sz);
  if (!rc) rc = listen_on(&s->lfd[PORT_WS], &s->ports[PORT_WS], s->bind_addr, wsp, err, err_sz);
  if (rc) {
    free_server(s);
    return rc;
  }
  s->ep = epoll_create1(EPOLL_CLOEXEC);
  s->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  struct epoll_event e1 = {.events = EPOLLIN, .data.u64 = TAG_EVENT};
  struct epoll_event e2 = {.events = EPOLLIN, .data.u64 = TAG_HTTP_LISTEN};
  struct epoll_event e3 = {.events = EPOLLIN, .data.u64 = TAG_WS_LISTEN};
  if (s->ep < 0 || s->efd < 0 || epoll_ctl(s->ep, EPOLL_CTL_ADD, s->efd, &e1) != 0 ||
      epoll_ctl(s->ep, EPOLL_CTL_ADD, s->lfd[PORT_HTTP], &e2) != 0 ||
      epoll_ctl(s->ep, EPOLL_CTL_ADD, s->lfd[PORT_WS], &e3) != 0) {
    int e = errno;
    free_server(s);
    return fail(err, err_sz, POD_EIO, "epoll: %s", strerror(e));
  }

  /* The threads take no signals: the program decides which thread waits for them. */
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (unsigned i = 0; i < opts->workers && !rc; i++) {
    if (pthread_create(&s->workers[i], NULL, worker_main, s) != 0)
      rc = POD_ENOMEM;
    else
      s->nworkers++;
  }
  if (!rc && pthread_create(&s->io_thread, NULL, io_main, s) != 0) rc = POD_ENOMEM;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (rc) {
    pthread_mutex_lock(&s->mu);
    s->quit = 1;
    pthread_cond_broadcast(&s->work_cv);
    pthread_mutex_unlock(&s->mu);
    for (unsigned i = 0; i < s->nworkers; i++)
      pthread_join(s->workers[i], NULL);
    free_server(s);
    return fail(err, err_sz, POD_ENOMEM, "cannot start threads");
  }
  *out = s;
  return POD_OK;
}

void podd_http_ports(const podd_http *s, uint16_t *http_port, uint16_t *ws_port) {
  if (http_port) *http_port = s->ports[PORT_HTTP];
  if (ws_port) *ws_port = s->ports[PORT_WS];
}

void podd_http_stop(podd_http *s) {
  if (!s) return;
  pthread_mutex_lock(&s->mu);
  s->stopping = 1;
  wake_locked(s);
  pthread_mutex_unlock(&s->mu);
  pthread_join(s->io_thread, NULL);
  pthread_mutex_lock(&s->mu);
  s->quit = 1;
  pthread_cond_broadcast(&s->work_cv);
  pthread_mutex_unlock(&s->mu);
  for (unsigned i = 0; i < s->nworkers; i++)
    pthread_join(s->workers[i], NULL);
  free_server(s);
}
