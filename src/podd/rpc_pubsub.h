/* podd's PubSub methods (Solana's WebSocket API): accountSubscribe, programSubscribe,
 * logsSubscribe, signatureSubscribe, slotSubscribe, rootSubscribe and their unsubscribe
 * methods, fed by the ledger's commit notifications (pod_ledger_observer_add, pod/ledger.h).
 *
 * Threads: every function may run on any transport worker thread, concurrently for different
 * connections (the transport delivers one connection's calls in order). Notifications are sent
 * with podd_ws_send from the thread that committed (a worker answering sendTransaction or
 * requestAirdrop) or from the ledger's slot ticker, which runs only while a slotSubscribe or
 * rootSubscribe is open. */
#ifndef PODD_RPC_PUBSUB_H
#define PODD_RPC_PUBSUB_H

#include "http.h"

#include <pod/ledger.h>
#include <stddef.h>

typedef struct pubsub pubsub;

/* Creates the PubSub state over an open ledger (borrowed: it outlives the pubsub) and adds
 * itself as one of the ledger's observers (pod_ledger_observer_add). POD_OK, POD_ENOMEM, or
 * the observer API's error. */
int pubsub_new(pubsub **out, pod_ledger *l);
/* Removes the observer, stops the slot ticker, frees every subscription. Called after the
 * transport has stopped. Accepts NULL. */
void pubsub_free(pubsub *ps);

/* The transport's WebSocket callbacks (http.h), forwarded by rpc.c. */
void pubsub_ws_open(pubsub *ps, podd_http *srv, podd_ws_id id);
void pubsub_ws_message(pubsub *ps, podd_http *srv, podd_ws_id id, const char *text, size_t len);
void pubsub_ws_close(pubsub *ps, podd_http *srv, podd_ws_id id);

#endif
