/* The PoD services over a pod_client (client.h): agents and messages. Channels, escrow,
 * discovery and the rest of issue 6 come later, in the same shape.
 *
 * Shape of every call:
 *   - writes: pod_<service>_<verb>(outputs..., char sig[POD_CLIENT_SIG_SZ], pod_client *c, args)
 *     with sig (may be NULL) receiving the transaction signature. Arguments are checked with the
 *     program's own rules (validate.h) BEFORE anything is sent: a refusal returns POD_EPROGRAM
 *     with the program's error (pod_client_last_program_error: e.g. 6000
 *     InvalidMetadataUriLength), and no transaction is paid for. Preconditions the client can see
 *     (the signer is not a registered agent, the message does not exist) are POD_ENOTFOUND with a
 *     message saying what to do. Otherwise as pod_client_send.
 *   - reads: pod_<service>_get(out, c, address) into caller memory; lists return an allocated
 *     array (*out, *n) that the caller releases with pod_<service>_list_free (NULL when *n = 0).
 *
 * The records hold the decoded account (accounts.h) and the account's bytes it points into
 * (metadata_uri): do not copy a pod_agent_t by value (its view would point into the original). */
#ifndef POD_SERVICES_H
#define POD_SERVICES_H

#include "accounts.h"
#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Capability bits of the existing SDKs (PROTOCOL.md §8; on chain an opaque u64 < 2^63). */
#define POD_CAP_TEXT (UINT64_C(1) << 0)
#define POD_CAP_IMAGE (UINT64_C(1) << 1)
#define POD_CAP_CODE (UINT64_C(1) << 2)
#define POD_CAP_ANALYSIS (UINT64_C(1) << 3)
#define POD_CAP_TRADING (UINT64_C(1) << 4)
#define POD_CAP_DATA_PROCESSING (UINT64_C(1) << 5)
#define POD_CAP_CONTENT_GENERATION (UINT64_C(1) << 6)
#define POD_CAP_CUSTOM1 (UINT64_C(1) << 7)
#define POD_CAP_CUSTOM2 (UINT64_C(1) << 8)

/* =============================== agents =============================== */

typedef struct {
  pod_pubkey_t address;          /* the agent PDA ["agent", wallet] */
  pod_agent_account_t account;   /* account.metadata_uri points into data */
  uint8_t data[POD_AGENT_SPACE]; /* the account's bytes */
  size_t data_sz;
} pod_agent_t;

/* Registers the signer as an agent (register_agent). metadata_uri: NUL-terminated. agent (may be
 * NULL) receives the agent PDA. Refused client-side (POD_EPROGRAM, no fee): 6000 for a URI that
 * is blank, not 10..200 bytes, not http(s), or holds a forbidden pattern; 6001 for capabilities
 * >= 2^63; 102 for invalid UTF-8. An already registered signer fails on chain (System
 * Custom(0), "account already in use"). */
POD_API int pod_agent_register(pod_pubkey_t *agent, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                               uint64_t capabilities, const char *metadata_uri);
/* update_agent: capabilities (NULL: keep) and metadata_uri (NULL: keep). POD_ENOTFOUND if the
 * signer is not a registered agent; 6000 client-side for a URI over 200 bytes. */
POD_API int pod_agent_update(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                             const uint64_t *capabilities, const char *metadata_uri);
/* The agent of wallet (NULL: the signer). POD_ENOTFOUND if it is not registered; POD_EDECODE if
 * the account is not an AgentAccount. */
POD_API int pod_agent_get(pod_agent_t *out, pod_client *c, const pod_pubkey_t *wallet);
/* The agent at its PDA address. */
POD_API int pod_agent_get_at(pod_agent_t *out, pod_client *c, const pod_pubkey_t *agent);
/* Every agent (getProgramAccounts: dataSize 286, memcmp the AgentAccount discriminator at 0)
 * whose capabilities include every bit of `all_caps` (0: every agent). The capability filter runs
 * in the client after the fetch (capabilities are a bit set; memcmp cannot test bits). Order: as
 * the node returns them. Accounts that do not decode are skipped. */
POD_API int pod_agent_list(pod_agent_t **out, size_t *n, pod_client *c, uint64_t all_caps);
POD_API void pod_agent_list_free(pod_agent_t *list);

/* ============================== messages ============================== */

typedef struct {
  pod_pubkey_t address; /* the message PDA */
  pod_message_account_t account;
} pod_message_t;

/* The payload hash of the TypeScript SDK: SHA-256 of the payload bytes (PROTOCOL.md §8). */
POD_API void pod_message_payload_hash(uint8_t out[32], const void *payload, size_t payload_sz);

/* send_message from the signer's agent to `recipient` (a wallet: only then can the recipient
 * update its status later) with the SHA-256 of payload[0..payload_sz) as the payload hash.
 * message (may be NULL) receives the message PDA. POD_ENOTFOUND if the signer is not a
 * registered agent (nothing sent). Refused client-side: type kind > 4 (102), Custom(x >= 252)
 * (ProgramFailedToComplete), Custom(x) (3004: the record does not fit its account). The same
 * (recipient, payload, type) twice fails on chain with System Custom(0) (the PDA exists). */
POD_API int pod_message_send(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                             const pod_pubkey_t *recipient, const void *payload, size_t payload_sz,
                             pod_message_type_t type);
/* The message at its PDA. POD_ENOTFOUND, POD_EDECODE as pod_agent_get. */
POD_API int pod_message_get(pod_message_t *out, pod_client *c, const pod_pubkey_t *message);
/* Messages whose recipient is `recipient` (NULL: the signer's wallet) — memcmp at offset 40. */
POD_API int pod_message_inbox(pod_message_t **out, size_t *n, pod_client *c,
                              const pod_pubkey_t *recipient);
/* Messages sent by the agent of wallet `sender` (NULL: the signer) — memcmp of the sender's agent
 * PDA at offset 8. */
POD_API int pod_message_outbox(pod_message_t **out, size_t *n, pod_client *c,
                               const pod_pubkey_t *sender);
POD_API void pod_message_list_free(pod_message_t *list);

/* update_message_status to POD_STATUS_DELIVERED, _READ or _FAILED. Checked client-side with the
 * program's rule (pod_validate_update_message_status) against the message account and the
 * cluster's clock: 6002 MessageExpired past expires_at, 6001 Unauthorized unless the signer is
 * the recipient, 6003 for Pending, 102 for an unknown status. POD_ENOTFOUND if the message does
 * not exist or the signer is not a registered agent (the program requires one). */
POD_API int pod_message_set_status(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                                   const pod_pubkey_t *message, uint8_t status);
/* 1 if the message has expired at unix time now (now > expires_at, as the program decides:
 * equal is not expired), else 0. Use pod_client_now for the cluster's time. */
POD_API int pod_message_is_expired(const pod_message_account_t *m, int64_t now);

#ifdef __cplusplus
}
#endif
#endif
