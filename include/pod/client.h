/* The client: one handle that talks to a ledger — the in-process engine (`embedded:DIR`) or any
 * Solana JSON-RPC endpoint (http://, https://, or the monikers localhost, devnet, testnet,
 * mainnet-beta) — with the same calls. It reads accounts, builds, signs, sends and confirms
 * transactions, and names the program's errors. The PoD services (agents, messages) are in
 * services.h. See docs/SDK.md.
 *
 * Threads. A pod_client is NOT thread-safe: use one client per thread (they are cheap; clients
 * of one embedded ledger share it through pod_client_opts_t.ledger). A handle may move between
 * threads, but two calls must never overlap: every call that uses the handle checks this with
 * one atomic flag and refuses an overlapping (or re-entrant, e.g. from a signing callback) call
 * with POD_EINVAL and the message "pod_client used by two threads at once ...". The check is on
 * in every build; it catches most misuse, not all (it is not a lock).
 *
 * Errors. Functions return POD_OK or a negative POD_E* code; pod_client_errmsg() says what went
 * wrong and what to do. When the program (or the runtime) refused a transaction, or the client
 * refused it before sending because validate.h says the program would, the result is
 * POD_EPROGRAM and pod_client_last_program_error() names the error (6000..6017, Anchor codes),
 * pod_client_last_tx_error() gives the runtime's error value, and pod_client_last_logs() the
 * program logs (none for a client-side refusal: nothing was sent, no fee was charged).
 *
 * Memory. Results the library allocates are released by the matching pod_*_free, which accepts
 * NULL. Strings returned as `const char *` belong to the handle and live until the next call on
 * it. The client's keypair is copied into the handle and wiped by pod_client_free (or when
 * pod_client_set_signer replaces it). */
#ifndef POD_CLIENT_H
#define POD_CLIENT_H

#include "errors.h"
#include "ledger.h"
#include "txn.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pod_client pod_client;

/* Commitment levels (Solana's). The embedded ledger and podd finalize at once. */
typedef enum {
  POD_COMMITMENT_PROCESSED = 0,
  POD_COMMITMENT_CONFIRMED = 1,
  POD_COMMITMENT_FINALIZED = 2
} pod_commitment_t;

/* A signing callback: writes the ed25519 signature of msg[0..msg_sz) by the client's signer
 * (opts.signer) into *sig. Return POD_OK, or a negative code (the send fails with it). Called
 * from inside a client call on the same thread; it must not call the client. */
typedef int (*pod_client_sign_fn)(void *user, pod_signature_t *sig, const uint8_t *msg,
                                  size_t msg_sz);

#define POD_CLIENT_OPTS_VERSION 2
typedef struct {
  unsigned version; /* POD_CLIENT_OPTS_VERSION */
  /* "embedded:DIR", "http://host:port[/path]", "https://...", "localhost" (http://127.0.0.1:8899),
   * "devnet", "testnet", "mainnet-beta" (the public cluster URLs). Required. */
  const char *endpoint;
  /* The signer: a keypair (copied; wiped by pod_client_free), or sign + signer (the public key
   * the callback signs for). Neither: a read-only client (sending fails with POD_EINVAL). */
  const pod_keypair_t *keypair;
  pod_client_sign_fn sign;
  void *sign_user;
  const pod_pubkey_t *signer;
  pod_commitment_t commitment; /* what sending waits for (POD_COMMITMENT_CONFIRMED) */
  uint32_t timeout_ms;         /* one HTTP request (30000); confirmation waits up to 2x this */
  uint32_t retry_max;          /* HTTP attempts per request, first included (4; 1 = no retry) */
  uint32_t retry_base_ms;      /* first backoff; doubles each retry, with jitter (100) */
  uint32_t cu_limit;           /* > 0: a SetComputeUnitLimit instruction in every transaction */
  uint64_t cu_price;           /* > 0: SetComputeUnitPrice (micro-lamports per unit) */
  int tls_insecure;            /* 1: do not verify TLS certificates (testing only; default 0) */
  /* embedded: an open ledger to use instead of opening DIR (borrowed: not closed by
   * pod_client_free; many clients may share one, the ledger is thread-safe). The endpoint may
   * then be just "embedded:". */
  pod_ledger *ledger;
  /* embedded: options for pod_ledger_open of DIR (NULL: the defaults), e.g. manual_clock for
   * tests. */
  const pod_ledger_opts_t *ledger_opts;
  /* Account cache (L1, http(s) only): cache_entries > 0 keeps that many get_account(s) results
   * (LRU) for cache_ttl_ms (0: 2000 ms). Off by default (0): a cached value may be older than the
   * node's. Dropped early when the client's own sends write the account and, with a PubSub
   * connection, when an accountNotification says it changed (docs/SDK.md, "Caches").
   * Pools: 0 = default; docs/SDK.md describes each. pool_buffers: accepted and ignored (the HTTP
   * transport reuses its request and answer buffers always; measured, docs/PERFORMANCE.md "SDK").
   * pool_connections: http(s), libcurl's connection cache size (CURLOPT_MAXCONNECTS; libcurl's
   * default 5). */
  uint32_t cache_entries, cache_ttl_ms, pool_buffers, pool_connections;
  /* ---- version 2 (a version-1 caller's struct ends above; those fields read as NULL / 0) ---- */
  /* http(s): the PubSub WebSocket URL (ws:// or wss://), used for confirmations
   * (signatureSubscribe), events (logsSubscribe, accountSubscribe) and cache invalidation. NULL:
   * derived from the endpoint as Solana does (http → ws, https → wss, port + 1; no port: none);
   * "": none (confirmation and events poll over HTTP). Opened on first use; if it cannot be,
   * the client polls over HTTP silently and retries 5 s later (docs/SDK.md, "WebSocket"). */
  const char *ws_url;
  /* Off-chain content (IPFS HTTP API, Kubo's /api/v0/add and /api/v0/cat), e.g.
   * "http://127.0.0.1:5001". NULL: the endpoint itself (podd serves both endpoints; embedded:
   * the ledger directory's content store). */
  const char *content_url;
  /* Reserved for an L2 persistent account cache (LMDB): accepted and ignored — not built, see
   * docs/SDK.md, "Caches" (a value persisted across processes cannot be trusted). */
  const char *cache_dir;
  /* 1: collect per-operation counters and latency histograms (metrics.h, pod_client_metrics*);
   * 0: nothing is recorded or allocated. */
  int metrics;
} pod_client_opts_t;

#define POD_CLIENT_OPTS_INIT                                                                       \
  {                                                                                                \
    POD_CLIENT_OPTS_VERSION, NULL, NULL, NULL, NULL, NULL, POD_COMMITMENT_CONFIRMED, 30000u, 4u,   \
        100u, 0u, 0u, 0, NULL, NULL, 0u, 0u, 0u, 0u, NULL, NULL, NULL, 0                           \
  }

/* Creates a client. POD_EINVAL for a bad option or an endpoint it cannot parse; embedded: the
 * errors of pod_ledger_open (POD_EPERM when another process has DIR open); POD_EIO if libcurl
 * cannot start. Nothing is contacted yet. On failure *out is NULL (pod_client_new_err also gives
 * the message). */
POD_API int pod_client_new(pod_client **out, const pod_client_opts_t *opts);
/* The same; on failure errbuf (errbuf_sz bytes, may be 0) receives the message. */
POD_API int pod_client_new_err(pod_client **out, char *errbuf, size_t errbuf_sz,
                               const pod_client_opts_t *opts);
/* Releases the handle (closes an embedded ledger it opened, wipes the keypair). Accepts NULL. */
POD_API void pod_client_free(pod_client *c);

/* The message of the last failure on this handle ("" after a success). Never NULL. */
POD_API const char *pod_client_errmsg(const pod_client *c);
/* The endpoint as resolved ("http://127.0.0.1:8899", "embedded:/path"). */
POD_API const char *pod_client_endpoint(const pod_client *c);
/* The signer's public key. POD_ENOTFOUND for a read-only client. */
POD_API int pod_client_pubkey(pod_pubkey_t *out, const pod_client *c);
/* The embedded ledger (to move its test clock, for instance); NULL over HTTP. */
POD_API pod_ledger *pod_client_ledger(pod_client *c);

/* Switches the client's signer to kp (copied; the previous keypair is wiped at once), or with kp
 * NULL to none: the client becomes read-only (sends fail with POD_EINVAL; reads go on). For
 * swarms of agents: one client — one HTTP connection, one WebSocket — signs for many identities
 * in turn (docs/SDK.md, "Many signers, one client").
 * Kept: the connections (HTTP; the WebSocket and its subscriptions: events, account watches), the
 * cached blockhash, the account cache, the metrics, the options. Forgotten: what the client knew
 * about the previous signer (that its agent is registered) and the last call's outcome.
 * A call like any other (see "Threads"): it must not overlap another call on c, nor be made from
 * a signing callback — refused then with POD_EINVAL, nothing changed. POD_OK; POD_EINVAL if c is
 * NULL. */
POD_API int pod_client_set_signer(pod_client *c, const pod_keypair_t *kp);
/* The same with a signing callback (pod_client_sign_fn) for the public key signer, both required
 * (POD_EINVAL otherwise, nothing changed; sign_user may be NULL). */
POD_API int pod_client_set_sign_fn(pod_client *c, pod_client_sign_fn sign, void *sign_user,
                                   const pod_pubkey_t *signer);

/* ---- the last transaction's outcome ---- */
/* The named error of the last refused transaction (program errors 6000..6017, Anchor and System
 * codes; see errors.h), or NULL if the last call did not fail that way. */
POD_API const pod_program_error_t *pod_client_last_program_error(const pod_client *c);
/* 1 and *out = the runtime's error of the last failed transaction (a client-side refusal reports
 * the InstructionError the program would have returned); 0 if there is none. */
POD_API int pod_client_last_tx_error(pod_tx_error_t *out, const pod_client *c);
/* The logs of the last transaction sent (success or failure); *n receives the count. Valid until
 * the next call on c. NULL and 0 when there are none (or the node did not return them). */
POD_API const char *const *pod_client_last_logs(const pod_client *c, size_t *n);
/* The JSON-RPC error code of the last failed HTTP call (e.g. -32601 method not found, -32002
 * preflight failure), 0 if the last failure was not a JSON-RPC error. */
POD_API int pod_client_last_rpc_code(const pod_client *c);

/* ---- reads ---- */
typedef struct {
  pod_pubkey_t key;
  uint64_t lamports;
  pod_pubkey_t owner;
  int executable;
  uint64_t rent_epoch;
  uint8_t *data; /* data_sz bytes, allocated by the library */
  size_t data_sz;
} pod_client_account_t;

/* Releases a->data and zeroes *a. Accepts NULL. */
POD_API void pod_client_account_free(pod_client_account_t *a);
/* Releases an array of n accounts returned by the library, and their data. Accepts NULL. */
POD_API void pod_client_accounts_free(pod_client_account_t *list, size_t n);

/* One account into *out (free its data with pod_client_account_free). POD_ENOTFOUND if it does
 * not exist. */
POD_API int pod_client_get_account(pod_client_account_t *out, pod_client *c,
                                   const pod_pubkey_t *key);
/* n accounts at once (getMultipleAccounts, 100 keys per request; more than 100 go as one
 * JSON-RPC batch). out and found are the caller's arrays of n entries; found[i] = 0 (and out[i]
 * zeroed) for a missing account. Release each entry with pod_client_account_free (also after a
 * failure: entries are zeroed first). */
POD_API int pod_client_get_accounts(pod_client_account_t *out, int *found, pod_client *c,
                                    const pod_pubkey_t *keys, size_t n);
/* Accounts owned by `owner` passing filter (getProgramAccounts with dataSize / memcmp; filter may
 * be NULL). *out is an array of *n accounts (NULL when 0), freed with pod_client_accounts_free. */
POD_API int pod_client_program_accounts(pod_client_account_t **out, size_t *n, pod_client *c,
                                        const pod_pubkey_t *owner,
                                        const pod_account_filter_t *filter);
POD_API int pod_client_balance(uint64_t *out, pod_client *c, const pod_pubkey_t *key);
POD_API int pod_client_slot(uint64_t *out, pod_client *c);
/* The cluster's clock: unix_timestamp of the current slot (embedded: the ledger's, test clock
 * included; HTTP: getBlockTime of getSlot). POD_ENOTFOUND if the node does not know it yet. */
POD_API int pod_client_now(int64_t *out, pod_client *c);

/* ---- sending ---- */
/* Base58 signature text, NUL-terminated. */
#define POD_CLIENT_SIG_SZ POD_SIGNATURE_B58_SZ

/* Requests an airdrop of lamports to `to` (NULL: the signer) and waits for it at the client's
 * commitment (as pod_client_send does: signatureSubscribe when the client has a PubSub
 * connection, else polling). sig (may be NULL) receives the signature. */
POD_API int pod_client_airdrop(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *to,
                               uint64_t lamports);

/* Builds a transaction of ixs (after the compute-budget instructions of the options), paid and
 * signed by the client's signer (every instruction's signers must be the signer), with a
 * blockhash fetched once and reused for up to 45 s (refetched on BlockhashNotFound, then sent
 * again once), sends it and waits for the commitment (HTTP: polling getSignatureStatuses; embedded:
 * final at once). sig (may be NULL) receives the signature, also when the transaction failed on
 * chain. Results: POD_OK; POD_EPROGRAM refused by the program or runtime (preflight or on chain;
 * see pod_client_last_program_error / _tx_error / _logs); POD_EIO a transport failure after the
 * retries; POD_ETOOLARGE over 1232 bytes; POD_EINVAL bad arguments or a read-only client. */
POD_API int pod_client_send(char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                            const pod_instruction_t *ixs, size_t ix_cnt);

/* Runs ixs as pod_client_send would, without committing anything (simulateTransaction; embedded:
 * pod_ledger_simulate). POD_OK if it would succeed, POD_EPROGRAM (with error and logs) if not.
 * *units (may be NULL) receives the compute units consumed. */
POD_API int pod_client_simulate(uint64_t *units, pod_client *c, const pod_instruction_t *ixs,
                                size_t ix_cnt);

#ifdef __cplusplus
}
#endif
#endif
