/* The PoD services over a pod_client (client.h): agents, messages, channels, escrow, events.
 * The other services follow the same shape in their own headers: discovery.h (search,
 * recommendations, trending, analytics), content.h (off-chain payloads, encrypted direct
 * messages), batch.h (many operations packed into few transactions), metrics.h.
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
#include "events.h"

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

/* ============================== channels ============================== */
/* PROTOCOL.md §4.8-4.17. Channel writes read the accounts the program will check first and refuse
 * client-side (POD_EPROGRAM with the program's code, no fee) what the program would refuse, so
 * users do not pay for 3012 / 6013 / 6007 / 6011 they could have seen coming. */

typedef struct {
  pod_pubkey_t address;            /* the channel PDA ["channel", creator, name] */
  pod_channel_account_t account;   /* name and description point into data */
  uint8_t data[POD_CHANNEL_SPACE]; /* the account's bytes */
  size_t data_sz;
} pod_channel_t;

typedef struct {
  pod_pubkey_t address; /* the participant PDA ["participant", channel, agent PDA] */
  pod_channel_participant_t account;
} pod_participant_t;

typedef struct {
  pod_pubkey_t address;                    /* ["channel_message", channel, sender wallet, nonce] */
  pod_channel_message_t account;           /* content points into data */
  uint8_t data[POD_CHANNEL_MESSAGE_SPACE]; /* the account's bytes */
  size_t data_sz;
} pod_channel_message_rec_t;

/* Flags of pod_channel_create_args_t. The default (0) is create_channel_v2: the channel is active
 * at once and the creator is its first participant (needs a registered agent).
 * POD_CHANNEL_V1: create_channel (v1): no agent needed, but the channel is created INACTIVE (quirk
 * Q1: broadcast fails 6001 until update_channel(is_active = true)) and the creator gets no
 * participant record (Q2: it must join to post; the count starts at 1 anyway); name and
 * description are stored trimmed (the PDA still uses the raw name, Q3); fee capped at 1 SOL.
 * POD_CHANNEL_V1_ACTIVATE (with V1): update_channel(is_active = true) in the same transaction. */
#define POD_CHANNEL_V1 1u
#define POD_CHANNEL_V1_ACTIVATE 2u

typedef struct {
  const char *name;        /* NUL-terminated; the PDA seed: at most 32 bytes (Q4) */
  const char *description; /* NUL-terminated; NULL = "" */
  uint8_t visibility;      /* POD_VISIBILITY_PUBLIC or _PRIVATE */
  uint32_t max_participants;
  uint64_t fee_per_message; /* lamports taken from the joiner's escrow at join (bookkeeping, Q13) */
  unsigned flags;           /* POD_CHANNEL_V1, POD_CHANNEL_V1_ACTIVATE */
} pod_channel_create_args_t;

/* Creates a channel of the signer. channel (may be NULL) receives its PDA. Refused client-side:
 * name over 32 bytes (ProgramFailedToComplete, Q4), 102 bad visibility or UTF-8, v1: 6008 blank
 * name, 6004 max 0 or > 1000, 6007 fee > 1 SOL; v2: 6004 max > 1000; both: 6009 description over
 * 200, 3004 name + description over 226 bytes (Q5). v2: POD_ENOTFOUND if the signer is not a
 * registered agent. An existing channel of that name fails on chain (System Custom(0)). */
POD_API int pod_channel_create(pod_pubkey_t *channel, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                               const pod_channel_create_args_t *args);

/* update_channel: every field NULL = keep. Reads the channel first: 6001 unless the signer is its
 * creator; 6008 name over 50; 6009 description over 200; 6004 max below the current count; 3004
 * name + description over 226 — all client-side. Renaming does not move the PDA (Q24). */
typedef struct {
  const char *name;
  const char *description;
  const uint32_t *max_participants;
  const uint64_t *fee_per_message;
  const int *is_active;
} pod_channel_update_args_t;
POD_API int pod_channel_update(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                               const pod_pubkey_t *channel, const pod_channel_update_args_t *u);

/* The channel at its PDA; or by creator wallet (NULL: the signer) and the raw name it was created
 * with. POD_ENOTFOUND, POD_EDECODE as pod_agent_get. */
POD_API int pod_channel_get(pod_channel_t *out, pod_client *c, const pod_pubkey_t *channel);
POD_API int pod_channel_get_named(pod_channel_t *out, pod_client *c, const pod_pubkey_t *creator,
                                  const char *name);
/* Every channel (creator NULL) or the channels of creator (memcmp at 8): dataSize 338 + memcmp
 * the ChannelAccount discriminator. Order: as the node returns them. */
POD_API int pod_channel_list(pod_channel_t **out, size_t *n, pod_client *c,
                             const pod_pubkey_t *creator);
POD_API void pod_channel_list_free(pod_channel_t *list);

/* join_channel for the signer's agent. Reads the channel, and passes the optional accounts the
 * program needs — and only those, since a missing one in an optional slot is 3012: the invitation
 * PDA ["invitation", channel, signer] when the channel is private, the escrow PDA ["escrow",
 * channel, signer] when fee_per_message > 0. Refused client-side: 6004 full; paid channel: 6007
 * without an escrow (deposit first with pod_escrow_deposit) or with less than the fee; private
 * channel: 6013 without an invitation or with a used one, 6002 expired invitation. POD_ENOTFOUND
 * if the channel or the signer's agent does not exist; POD_EEXIST if the agent already has a
 * participant record there (one per agent per channel forever, even after leaving: Q12). The fee
 * is bookkeeping only: escrow.amount -= fee, channel.escrow_balance += fee (Q13). */
POD_API int pod_channel_join(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                             const pod_pubkey_t *channel);
/* leave_channel. POD_ENOTFOUND if the signer never joined; 6006 client-side if already left. */
POD_API int pod_channel_leave(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                              const pod_pubkey_t *channel);

/* broadcast_message of content[0..len) (UTF-8) with type and reply_to (NULL: none). The nonce (a
 * seed of the message PDA) is chosen by the SDK as the TypeScript SDK does: milliseconds since the
 * epoch — bumped to the last nonce + 1 when the clock has not moved (one counter per process, so
 * two broadcasts in the same millisecond never collide). message (may be NULL) receives the
 * ChannelMessage PDA. Refused client-side: 102 bad type or UTF-8; 6012 content empty, blank, over
 * 1000 bytes or matching a forbidden pattern (§4.2); 6001 inactive channel (every v1 channel until
 * activated, Q1); 6006 the signer has left; 6011 rate limit (with the cluster's clock: two in the
 * same second, the burst and minute rules). POD_ENOTFOUND if the signer is not a member. No fee
 * is charged by the program (the channel fee applies at join only). Content over ~874 bytes does
 * not fit a legacy transaction (POD_ETOOLARGE). */
POD_API int pod_channel_broadcast(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                                  const pod_pubkey_t *channel, const char *content, size_t len,
                                  pod_message_type_t type, const pod_pubkey_t *reply_to);
/* invite_to_channel of invitee (a WALLET: join uses the joiner's wallet, Q38), nonce chosen as in
 * broadcast. The creator invites as such; anyone else must be an active participant (the SDK
 * passes its participant record): 6001 client-side if not a member, 6006 if it left.
 * POD_ENOTFOUND if the channel or the signer's agent does not exist; POD_EEXIST if invitee was
 * already invited to this channel (one invitation per invitee forever, Q12). Invitations are
 * valid 7 days. */
POD_API int pod_channel_invite(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                               const pod_pubkey_t *channel, const pod_pubkey_t *invitee);
/* The participant records of channel (dataSize 104 + memcmp channel at 8; active_only: also
 * memcmp is_active = 01 at 96). Participants that left keep their record (inactive). */
POD_API int pod_channel_participants(pod_participant_t **out, size_t *n, pod_client *c,
                                     const pod_pubkey_t *channel, int active_only);
POD_API void pod_participant_list_free(pod_participant_t *list);
/* The messages broadcast to channel (dataSize 1134 + memcmp channel at 8), oldest first (by
 * created_at, then address). */
POD_API int pod_channel_messages(pod_channel_message_rec_t **out, size_t *n, pod_client *c,
                                 const pod_pubkey_t *channel);
POD_API void pod_channel_message_list_free(pod_channel_message_rec_t *list);

/* =============================== escrow =============================== */

typedef struct {
  pod_pubkey_t address; /* ["escrow", channel, depositor wallet] */
  pod_escrow_account_t account;
} pod_escrow_t;

/* deposit_escrow of amount lamports from the signer into its escrow for channel (created by this
 * call: one escrow per depositor per channel, no top-up — POD_EEXIST client-side if it exists,
 * Q12). escrow (may be NULL) receives its PDA. Refused client-side: 6007 for 0 or over 10 SOL.
 * POD_ENOTFOUND if the channel does not exist. The escrow also takes its rent (1 559 040). */
POD_API int pod_escrow_deposit(pod_pubkey_t *escrow, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                               const pod_pubkey_t *channel, uint64_t amount);
/* withdraw_escrow: amount lamports back to the signer. 6007 client-side over the escrow's amount
 * (0 succeeds, Q35); POD_ENOTFOUND without an escrow. The rent and fees taken at join stay. */
POD_API int pod_escrow_withdraw(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                                const pod_pubkey_t *channel, uint64_t amount);
/* The escrow of depositor (NULL: the signer) for channel. */
POD_API int pod_escrow_get(pod_escrow_t *out, pod_client *c, const pod_pubkey_t *channel,
                           const pod_pubkey_t *depositor);
/* Escrows (dataSize 96) of depositor (memcmp at 40; NULL: any) in channel (memcmp at 8; NULL:
 * any). */
POD_API int pod_escrow_list(pod_escrow_t **out, size_t *n, pod_client *c,
                            const pod_pubkey_t *depositor, const pod_pubkey_t *channel);
POD_API void pod_escrow_list_free(pod_escrow_t *list);

/* =============================== events =============================== */
/* The program's events (events.h), with a callback API. Delivery always happens on the caller's
 * thread, inside pod_events_poll (this keeps the one-client-per-thread contract: callbacks never
 * run concurrently with the client's other calls, and may call the client).
 *   embedded: the ledger's commit observer queues the `Program data:` events of every committed,
 *     successful transaction (any client of the ledger, any thread) — nothing polls.
 *   http(s): a fallback without WebSocket: pod_events_poll asks getSignaturesForAddress(program
 *     id, until = the last seen) every poll interval (pod_events_set_poll_interval, 400 ms by
 *     default) while it waits, then getTransaction for each new signature, oldest first, and
 *     decodes the logs. Subscribing records the newest signature: only later transactions count.
 * Events of failed transactions are not delivered (as Anchor's listeners do; e.g. the MessageSent
 * logged before a Custom-type message fails with 3004, Q6). There are no threads and no timers:
 * without a subscription, or between polls, nothing runs. Only five events are ever emitted
 * (AgentRegistered, MessageSent, ChannelJoined, MessageBroadcast (compressed only),
 * CompressedMessageSynced); join_channel and broadcast_message emit none (Q29).
 * Free every subscription before its client. */
typedef struct pod_subscription pod_subscription;

typedef struct {
  pod_event_t event;                 /* strings point into memory valid during the callback */
  char signature[POD_CLIENT_SIG_SZ]; /* the transaction's */
  uint64_t slot;
} pod_event_info_t;
typedef void (*pod_event_fn)(void *user, const pod_event_info_t *ev);

/* An account changed: written by a committed transaction (embedded), or its lamports, owner or
 * data differ from the last poll (http). */
typedef void (*pod_account_fn)(void *user, const pod_pubkey_t *key, uint64_t slot);

/* Subscribes fn(user, ev) to every event of the program. *out receives the subscription. */
POD_API int pod_events_subscribe(pod_subscription **out, pod_client *c, pod_event_fn fn,
                                 void *user);
/* Subscribes fn(user, key, slot) to changes of the account key. */
POD_API int pod_account_subscribe(pod_subscription **out, pod_client *c, const pod_pubkey_t *key,
                                  pod_account_fn fn, void *user);
/* Delivers what is pending to the callbacks, on this thread; if nothing is pending, waits up to
 * timeout_ms for something (0: do not wait). *delivered (may be NULL) receives the number of
 * callbacks made. POD_OK also when nothing came; transport errors of the http polling as
 * pod_client_* (the events stay pending). A callback may call the client and free subscriptions. */
POD_API int pod_events_poll(size_t *delivered, pod_client *c, uint32_t timeout_ms);
/* The http polling interval in milliseconds (>= 10; default 400). */
POD_API int pod_events_set_poll_interval(pod_client *c, uint32_t ms);
/* Ends a subscription (also from inside a callback). Accepts NULL. */
POD_API void pod_subscription_free(pod_subscription *s);

#ifdef __cplusplus
}
#endif
#endif
