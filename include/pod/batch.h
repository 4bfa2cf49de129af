/* Batches: many operations of the same kind packed into as few transactions as fit, sent
 * pipelined, with a result per item. See docs/SDK.md, "Batches".
 *
 * Which kinds. A transaction has one signer here (the client's), so a batch is many operations of
 * ONE signer: registering many agents is not a batch (each agent is its own signer). Two kinds
 * make sense and are provided:
 *   - messages: send_message to many recipients (or many payloads to one recipient). Each item
 *     creates its own message account, so items never conflict — unless two carry the same
 *     (recipient, payload, type), which derive the same address (the second is refused).
 *   - broadcasts: broadcast_message to many channels. The program's rate limit (6011) allows one
 *     broadcast per participant per second, so two items to the same channel in one batch cannot
 *     both succeed: the later one is refused client-side with 6011, as the program would.
 *   - status updates: update_message_status of many messages (e.g. mark an inbox read); the
 *     messages are read with one getMultipleAccounts and each item checked as
 *     pod_message_set_status does.
 * Escrow operations (one escrow per channel and depositor, rarely many at once) are not batched.
 *
 * How. Every item is checked client-side with the rules the single call uses (validate.h and the
 * accounts the program will read: the sender's agent; the channel, the participant record and the
 * rate limit), and refused items never reach the network. The accepted items are packed in order,
 * greedily: an item joins the current transaction while the transaction's exact wire size
 * (compiled by the txn module with the client's compute-budget instructions) stays within 1232
 * bytes. All transactions are sent before any is confirmed; then every round confirms all
 * pending signatures with ONE getSignatureStatuses call (embedded: final at once).
 *
 * A packed transaction that fails (refused at preflight or failed on chain) commits nothing — a
 * transaction is atomic — so its items are sent again ONE PER TRANSACTION (also pipelined) to
 * find which one fails: every item gets its own true outcome (the good ones POD_OK with the
 * signature of their single transaction, the bad one its program error). A transport failure
 * (POD_EIO) is not retried this way: the items of transactions whose fate is unknown get POD_EIO
 * and an empty sig (check them later with the addresses in the results). */
#ifndef POD_BATCH_H
#define POD_BATCH_H

#include "client.h"
#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest batch (items per call). */
#define POD_BATCH_ITEMS_MAX 1000u
#define POD_BATCH_ERR_SZ 192

/* One send_message: to recipient (a wallet), the payload hashed with SHA-256 as
 * pod_message_send does. */
typedef struct {
  pod_pubkey_t recipient;
  const void *payload;
  size_t payload_sz;
  pod_message_type_t type;
} pod_batch_message_t;

/* One broadcast_message of content[0..len) to channel (reply_to NULL: none); the nonce is the
 * SDK's, as pod_channel_broadcast. */
typedef struct {
  pod_pubkey_t channel;
  const char *content;
  size_t len;
  pod_message_type_t type;
  const pod_pubkey_t *reply_to;
} pod_batch_broadcast_t;

/* One update_message_status of message to status (POD_STATUS_DELIVERED, _READ or _FAILED). */
typedef struct {
  pod_pubkey_t message;
  uint8_t status;
} pod_batch_status_t;

/* The outcome of item i. */
typedef struct {
  int rc;                      /* POD_OK, or the item's error (as the single call returns) */
  char sig[POD_CLIENT_SIG_SZ]; /* the transaction that carried it ("" if none was sent) */
  pod_pubkey_t address; /* the account it creates or updates (message, channel message PDA) */
  uint32_t tx;          /* the index of its transaction in the batch (sent order) */
  const pod_program_error_t *program_error; /* rc == POD_EPROGRAM: the named error, or NULL */
  int has_tx_error;                         /* 1: tx_error holds the runtime's error */
  pod_tx_error_t tx_error;
  char err[POD_BATCH_ERR_SZ]; /* what went wrong and what to do ("" for POD_OK) */
} pod_batch_result_t;

typedef struct {
  size_t ok, failed;   /* items */
  size_t refused;      /* of the failed: refused client-side (nothing sent) */
  size_t transactions; /* transactions sent (packed, plus the one-per-item retries) */
  size_t packed;       /* of which packed in the first pass */
  size_t retried;      /* items sent again one per transaction after a packed failure */
  size_t status_calls; /* getSignatureStatuses calls (confirmation rounds) */
} pod_batch_summary_t;

/* Sends n messages (1..POD_BATCH_ITEMS_MAX) from the client's signer. results: the caller's array
 * of n entries, every one filled; summary may be NULL. Returns POD_OK when every item succeeded;
 * otherwise the first failed item's rc, with pod_client_errmsg saying how many failed and the
 * first one's message (the results hold each item's). Whole-batch refusals, where no result is
 * meaningful (every result gets the same rc): POD_EINVAL (NULL arguments, n == 0 or over
 * POD_BATCH_ITEMS_MAX, a read-only client), POD_ENOTFOUND (the signer is not a registered agent),
 * and transport errors before anything was sent. */
POD_API int pod_batch_send_messages(pod_batch_result_t *results, pod_batch_summary_t *summary,
                                    pod_client *c, const pod_batch_message_t *items, size_t n);

/* Broadcasts n items as the client's signer, as pod_batch_send_messages. Per item, refused
 * client-side like pod_channel_broadcast: 102 / 6012 content, 6001 inactive channel, 6006 left,
 * 6011 rate limit (counting the earlier items of the batch), POD_ENOTFOUND channel missing or not
 * a member. */
POD_API int pod_batch_broadcast(pod_batch_result_t *results, pod_batch_summary_t *summary,
                                pod_client *c, const pod_batch_broadcast_t *items, size_t n);

/* Updates the status of n messages as the client's signer, as pod_batch_send_messages. Per item,
 * refused client-side like pod_message_set_status (with the cluster's clock): 102 unknown status,
 * 6003 Pending, 6001 not the recipient (Failed: neither sender nor recipient), 6002 expired;
 * POD_ENOTFOUND message missing. */
POD_API int pod_batch_set_status(pod_batch_result_t *results, pod_batch_summary_t *summary,
                                 pod_client *c, const pod_batch_status_t *items, size_t n);

#ifdef __cplusplus
}
#endif
#endif
