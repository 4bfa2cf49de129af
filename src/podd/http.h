/* podd's transport: an HTTP/1.1 server (JSON-RPC) and a WebSocket server (PubSub) on two ports,
 * on our own epoll loop (docs/DESIGN.md, "HTTP/WebSocket server"; docs/PODD.md).
 *
 * Threads. One I/O thread owns every socket: it accepts, parses (http_parse.h), enforces the
 * limits below, and writes. Handlers run on `workers` worker threads, never on the I/O thread,
 * so a slow handler occupies one worker and never stalls other connections' I/O. Per connection
 * at most one handler call is in flight: HTTP requests (pipelined ones too) are answered in
 * order, and a WebSocket's open, messages and close reach its handlers in order. Different
 * connections' handlers run concurrently: handlers must be thread-safe.
 *
 * Lifetime. podd_http_start binds both ports and starts the threads; podd_http_stop stops
 * accepting, lets in-flight requests finish and their answers go out (bounded by drain_ms),
 * closes WebSockets with 1001 after delivering their on_ws_close, and joins every thread. */
#ifndef PODD_HTTP_H
#define PODD_HTTP_H

#include "buf.h"

#include <stddef.h>
#include <stdint.h>

typedef struct podd_http podd_http;

/* A WebSocket connection handle. Never reused while the server lives; using one whose
 * connection has gone is safe (POD_ENOTFOUND). */
typedef uint64_t podd_ws_id;

/* One HTTP request, valid during the handler call (or until podd_http_call_done when deferred).
 * Every string is NUL-terminated. */
typedef struct {
  const char *method;       /* "POST", "GET", ... (OPTIONS is answered by the transport) */
  const char *path;         /* the request target as sent: "/", "/health", "/?a=b" */
  const char *content_type; /* "" when absent; never checked by the transport */
  const char *body;         /* body_len bytes (chunked bodies arrive decoded) */
  size_t body_len;
} podd_http_req_t;

/* The answer, preset to 200, "application/json", an empty body capped at max_response. */
typedef struct {
  int status;
  char content_type[64];
  podd_buf body;
} podd_http_res_t;

/* An in-flight request (for deferral). */
typedef struct podd_http_call podd_http_call;

enum { PODD_HTTP_DONE = 0, PODD_HTTP_DEFER = 1 };

/* HTTP handler, on a worker thread. Fill *res and return PODD_HTTP_DONE; or return
 * PODD_HTTP_DEFER, keep `call` and `res`, and finish later from any thread with
 * podd_http_call_done(call). A body that overflowed (res->body.err) is answered with 500. If
 * the answer is not ready within request_timeout_ms of the request's arrival, the client gets
 * 504 and a JSON-RPC error, and the late answer is dropped. */
typedef int (*podd_http_request_fn)(void *user, podd_http *srv, podd_http_call *call,
                                    const podd_http_req_t *req, podd_http_res_t *res);
/* WebSocket handlers, on a worker thread. text is a complete (reassembled) text message,
 * valid UTF-8, NUL-terminated, at most max_ws_message bytes, valid during the call. on_ws_close
 * comes exactly once for every connection on_ws_open was called for, last. */
typedef void (*podd_ws_open_fn)(void *user, podd_http *srv, podd_ws_id id);
typedef void (*podd_ws_message_fn)(void *user, podd_http *srv, podd_ws_id id, const char *text,
                                   size_t len);
typedef void (*podd_ws_close_fn)(void *user, podd_http *srv, podd_ws_id id);
/* One log line (no newline), from any thread. */
typedef void (*podd_log_fn)(void *user, const char *line);

#define PODD_HTTP_OPTS_VERSION 1
typedef struct {
  unsigned version;            /* PODD_HTTP_OPTS_VERSION */
  const char *bind_addr;       /* numeric IPv4 or IPv6 address ("127.0.0.1") */
  uint16_t http_port;          /* 8899; 0: any free port (see podd_http_ports) */
  uint16_t ws_port;            /* 0: http_port + 1, or any free port if http_port is 0 */
  unsigned workers;            /* handler threads: 2 (1..64) */
  size_t max_head;             /* request line + header fields: 16 KiB (else 431) */
  size_t max_body;             /* request body: 1 MiB (else 413) */
  size_t max_response;         /* response body: 256 MiB (else 500) */
  unsigned max_conns;          /* HTTP connections: 256 (more are answered 503 and closed) */
  unsigned max_ws_conns;       /* WebSocket connections: 256 (more: 503 to the handshake) */
  unsigned idle_timeout_ms;    /* keep-alive idle, and a stalled send: 30 000 */
  unsigned head_timeout_ms;    /* a request's head and body, from its first byte: 10 000 (408) */
  unsigned request_timeout_ms; /* a handler's answer: 30 000 (504) */
  unsigned drain_ms;           /* podd_http_stop's wait for in-flight answers: 5 000 */
  size_t max_ws_message;       /* WebSocket message (after reassembly): 1 MiB (close 1009) */
  size_t max_ws_queue;         /* per-connection outbound bytes: 16 MiB (dropped: slow client) */
  podd_http_request_fn on_request; /* required */
  podd_ws_open_fn on_ws_open;      /* each may be NULL */
  podd_ws_message_fn on_ws_message;
  podd_ws_close_fn on_ws_close;
  podd_log_fn log; /* NULL: lines go to stderr */
  void *user;      /* passed to every callback */
} podd_http_opts_t;

#define PODD_HTTP_OPTS_INIT                                                                        \
  {                                                                                                \
    PODD_HTTP_OPTS_VERSION, "127.0.0.1", 8899, 0, 2, 16u << 10, 1u << 20, 256u << 20, 256, 256,    \
        30000, 10000, 30000, 5000, 1u << 20, 16u << 20, NULL, NULL, NULL, NULL, NULL, NULL         \
  }

/* Validates opts, binds both ports and starts the threads. POD_EINVAL for a bad option,
 * POD_EIO if a port cannot be bound, POD_ENOMEM; err (err_sz bytes, may be NULL) then says
 * what was wrong, e.g. "max_body: must be 1..1073741824" or "bind 127.0.0.1:8899: Address
 * already in use". */
int podd_http_start(podd_http **out, const podd_http_opts_t *opts, char *err, size_t err_sz);

/* The ports actually bound (useful with port 0). Either pointer may be NULL. */
void podd_http_ports(const podd_http *srv, uint16_t *http_port, uint16_t *ws_port);

/* Finishes a deferred call: sends res. Any thread; once per call. */
void podd_http_call_done(podd_http_call *call);

/* Queues a text message for a WebSocket. Any thread, never blocks on the network. POD_OK;
 * POD_ENOTFOUND if the connection is gone or closing; POD_ELIMIT if it would exceed
 * max_ws_queue: the connection is then dropped (a slow client) and a log line says so;
 * POD_ENOMEM. */
int podd_ws_send(podd_http *srv, podd_ws_id id, const char *text, size_t len);

/* Starts closing a WebSocket with a close code (1000..4999) and a short reason (<= 123 bytes).
 * Any thread. POD_ENOTFOUND if it is gone or already closing. */
int podd_ws_close(podd_http *srv, podd_ws_id id, uint16_t code, const char *reason);

/* Stops (see the top of this file) and frees. Accepts NULL. Call from a thread that is not a
 * handler; every deferred call must eventually be completed. */
void podd_http_stop(podd_http *srv);

/* Builds a JSON-RPC error object with a null id: {"jsonrpc":"2.0","error":{"code":code,
 * "message":msg},"id":null}; msg is escaped. */
void podd_jsonrpc_error(podd_buf *out, int code, const char *msg);

#endif
