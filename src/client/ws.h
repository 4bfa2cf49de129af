/* The client's WebSocket (RFC 6455, client side) and the PubSub session over it (ws.c).
 *
 * Three layers:
 *   - the receive decoder (pod_ws__rx_feed): server frames joined into messages, pings, pongs and
 *     the close frame. Pure over the caller's bytes, capped (frame and message sizes), fuzzed by
 *     fuzz_client_ws. Frame headers are read by pod_ws_frame_parse (pod/ws.h, shared with podd);
 *     server frames must not be masked (RFC 6455 §5.1).
 *   - the connection (pod_ws__open/send/recv/close): the opening handshake over a socket libcurl
 *     connects for us (CURLOPT_CONNECT_ONLY: plain TCP for ws://, TLS verified for wss://; Debian
 *     12's libcurl 7.88 has no WebSocket support of its own), masked client frames, pong answers.
 *   - the PubSub session of a pod_client (pod_client__ps_*): JSON-RPC requests and notifications
 *     (signatureSubscribe, logsSubscribe, accountSubscribe) on one lazily opened connection, with
 *     a silent fallback when it cannot be opened (the callers poll over HTTP instead).
 * Internal to the client module. */
#ifndef POD_CLIENT_WS_H
#define POD_CLIENT_WS_H

#include <stddef.h>
#include <stdint.h>

#include "pod/errors.h"
#include "pod/json.h"
#include "pod/txn.h"
#include "pod/ws.h"

#define POD_WS_FRAME_MAX (16u << 20)   /* one frame's payload from the server */
#define POD_WS_MESSAGE_MAX (64u << 20) /* one message, fragments joined */
#define POD_WS_HEAD_MAX 8192u          /* the server's handshake answer */

/* ---- the receive decoder ---- */
typedef struct {
  uint8_t *msg; /* fragments of the message in progress (grown up to max_msg) */
  size_t msg_len, msg_cap;
  int msg_op; /* its opcode (TEXT/BINARY), 0 when none is in progress */
  size_t max_frame, max_msg;
} pod_ws_rx;

typedef struct {
  int op;              /* TEXT/BINARY (a whole message), PING, PONG, CLOSE; -1: nothing yet */
  const uint8_t *data; /* the payload: into the fed bytes or into rx->msg (valid until next feed) */
  size_t len;
  uint16_t close_code; /* CLOSE: the code (1005 when the frame had none) */
} pod_ws_event;

/* Initialises rx with its caps (0: POD_WS_FRAME_MAX / POD_WS_MESSAGE_MAX). */
void pod_ws__rx_init(pod_ws_rx *rx, size_t max_frame, size_t max_msg);
void pod_ws__rx_free(pod_ws_rx *rx);
/* Decodes at most one frame from buf[0..n). Returns the bytes consumed (> 0) with *ev (ev->op -1
 * when the frame was a non-final fragment), 0 if more bytes are needed, or a negated close code:
 * -1002 protocol error (masked server frame, RSV bits, reserved opcode, bad fragmentation, long or
 * fragmented control frame, non-minimal length, bad close payload), -1007 a text message that is
 * not UTF-8, -1009 a frame or message over the caps, -1011 out of memory. */
long pod_ws__rx_feed(pod_ws_rx *rx, pod_ws_event *ev, const uint8_t *buf, size_t n);
/* ---- the connection ---- */
typedef struct pod_ws pod_ws;

/* Connects to url (ws:// or wss://; wss verifies the certificate unless insecure) and completes
 * the opening handshake (Sec-WebSocket-Accept checked) within timeout_ms. POD_EINVAL for a URL
 * that is not ws(s)://, POD_EIO when it cannot connect or the server refuses (err says why). */
int pod_ws__open(pod_ws **out, const char *url, uint32_t timeout_ms, int insecure, char *err,
                 size_t err_sz);
/* Sends one text message (masked). POD_EIO when the connection is gone. */
int pod_ws__send_text(pod_ws *w, const char *s, size_t len);
/* Waits up to timeout_ms (0: only what is already there) for one text message, answering pings
 * on the way. POD_OK with *msg and *len (valid until the next call), POD_ENOTFOUND when none came
 * in time, POD_EIO when the connection failed or the server closed it (err says why). */
int pod_ws__recv(pod_ws *w, const char **msg, size_t *len, uint32_t timeout_ms, char *err,
                 size_t err_sz);
/* Sends a close frame (best effort) and releases everything. Accepts NULL. */
void pod_ws__close(pod_ws *w);

/* ---- the PubSub session of a client ---- */
struct pod_client;

/* Counters for tests and benchmarks. */
typedef struct {
  uint64_t connects, connect_failures, drops;
  uint64_t confirms;      /* transactions confirmed by a signatureNotification */
  uint64_t notifications; /* all notifications received */
  int up;                 /* a connection is open now */
} pod_ws_stats_t;

enum { POD_PS_LOGS = 1, POD_PS_ACCOUNT = 2, POD_PS_SIGNATURE = 3 };

/* The ws URL this client would use ("" for none): opts.ws_url, or derived from an http(s)
 * endpoint as Solana does (http → ws, https → wss, port + 1; https without a port keeps the
 * default port). */
void pod_client__ws_url(const struct pod_client *c, char *out, size_t out_sz);
/* 1 when a PubSub connection is open (opening it now if none is and the last failure is older
 * than the retry delay), 0 when the caller must poll over HTTP. Never leaves a message set. */
int pod_client__ps_up(struct pod_client *c);
/* Sends signatureSubscribe for sig (not waiting for the answer): 1 if sent, 0 if no PubSub. */
int pod_client__ps_signature_begin(struct pod_client *c, const pod_signature_t *sig);
/* Waits until deadline (monotonic ms) for the notification of the signature begun above.
 * 1 with *has_err and *err (the transaction's outcome), 0 when the caller must poll instead (the
 * connection failed, the subscription was refused, or nothing came in time). */
int pod_client__ps_signature_wait(struct pod_client *c, const pod_signature_t *sig,
                                  uint64_t deadline_ms, int *has_err, pod_tx_error_t *err);
/* logsSubscribe {mentions:[key]} or accountSubscribe key, waiting for the answer: POD_OK with
 * *id, or POD_EIO (no PubSub, or refused; no message set). owner: 0 events, 1 the cache. */
int pod_client__ps_subscribe(struct pod_client *c, int kind, const pod_pubkey_t *key, int owner,
                             uint64_t *id);
void pod_client__ps_unsubscribe(struct pod_client *c, uint64_t id);
/* Forgets the signature begun above (the send failed): unsubscribes or drops the request. */
void pod_client__ps_signature_cancel(struct pod_client *c, const pod_signature_t *sig);
/* accountSubscribe for the cache, not waiting for the answer: the request id, 0 if no PubSub. */
uint64_t pod_client__ps_watch(struct pod_client *c, const pod_pubkey_t *key);
/* Ends a watch by its request id (now if answered, else when the answer comes). */
void pod_client__ps_unwatch(struct pod_client *c, uint64_t ask);
/* Reads and dispatches notifications for up to timeout_ms, returning early once one was
 * dispatched to the events hooks. POD_OK, or POD_EIO when the connection was lost. */
int pod_client__ps_pump(struct pod_client *c, uint32_t timeout_ms);
void pod_client__ps_stats(const struct pod_client *c, pod_ws_stats_t *out);
void pod_client__ps_close(struct pod_client *c);

/* What the events service (events.c) receives from the session: a logsNotification value
 * ({signature, err, logs}), an account change of a subscription it owns, the connection lost
 * (every subscription gone). */
typedef struct {
  void (*on_logs)(struct pod_client *c, uint64_t sub, uint64_t slot, const pod_json_val *value);
  void (*on_account)(struct pod_client *c, uint64_t sub, const pod_pubkey_t *key, uint64_t slot);
  void (*on_lost)(struct pod_client *c);
} pod_ps_hooks;
void pod_client__ps_set_hooks(struct pod_client *c, const pod_ps_hooks *h);

#endif
