/* podd's JSON-RPC and PubSub dispatch: the methods behind the transport (http.h).
 *
 * podd.c owns the program and the HTTP routing (GET /health, 405s); rpc*.c own the methods.
 * Every function here runs on a transport worker thread, concurrently with itself for
 * different connections: an implementation must be thread-safe. The ledger handle is
 * thread-safe (pod/ledger.h). */
#ifndef PODD_RPC_H
#define PODD_RPC_H

#include "buf.h"
#include "http.h"

#include <pod/ledger.h>

typedef struct rpc_ctx rpc_ctx;

/* Settings given to podd on the command line that the methods need. */
typedef struct {
  uint64_t faucet_lamports; /* --faucet-lamports: the ledger's largest airdrop (0: no cap) */
  uint32_t slot_ms;         /* --slot-ms */
} rpc_opts_t;

/* Creates the dispatcher over an open ledger (borrowed: it outlives the dispatcher). */
int rpc_new(rpc_ctx **out, pod_ledger *ledger, const rpc_opts_t *opts);
/* Frees it; called after the transport has stopped (no call is running). Accepts NULL. */
void rpc_free(rpc_ctx *ctx);

/* Answers one JSON-RPC request body (a single request or a batch) by appending the JSON answer
 * to out; out->max caps it. Returns POD_OK (the answer is in out, errors included as JSON-RPC
 * errors), or a negative POD_E* if nothing could be answered (podd then sends HTTP 500). */
int rpc_handle(rpc_ctx *ctx, const char *body, size_t len, podd_buf *out);

/* PubSub over WebSocket: a connection opened, sent a text message, closed (last, once).
 * Answers and notifications go out with podd_ws_send(srv, id, ...) from any thread. */
void rpc_ws_open(rpc_ctx *ctx, podd_http *srv, podd_ws_id id);
void rpc_ws_message(rpc_ctx *ctx, podd_http *srv, podd_ws_id id, const char *text, size_t len);
void rpc_ws_close(rpc_ctx *ctx, podd_http *srv, podd_ws_id id);

#endif
