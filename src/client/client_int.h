/* Internals of the client module: the handle, the transport interface both transports implement
 * (embedded.c: the ledger engine in process; http.c: Solana JSON-RPC over libcurl), and the
 * helpers the services share. */
#ifndef POD_CLIENT_INT_H
#define POD_CLIENT_INT_H

#include <stdatomic.h>

#include "pod/client.h"
#include "pod/json.h"
#include "pod/services.h"

#define POD_CLIENT_ERRMSG_SZ 640
#define POD_CLIENT_ENDPOINT_MAX 2048

/* What a node said about one transaction (send, simulate, getTransaction). */
typedef struct {
  int has_err;
  pod_tx_error_t err;
  char **logs; /* log_cnt lines, allocated with pod_client__alloc (each line too) */
  size_t log_cnt;
  int has_logs; /* 0: the node returned no logs */
  uint64_t units;
  int final; /* 1: the outcome is final (embedded): nothing to confirm */
  pod_signature_t sig;
} pod_tx_outcome_t;

/* One entry of getSignatureStatuses. */
typedef struct {
  int found;
  uint64_t slot;
  int has_err;
  pod_tx_error_t err;
  int level; /* pod_commitment_t reached */
} pod_sig_state_t;

/* The transport interface. Every operation returns POD_OK or a POD_E* code with the handle's
 * message set (pod_client__fail). send: POD_OK when the node accepted the transaction (embedded:
 * executed and succeeded, o->final = 1), POD_EPROGRAM when it refused it (o->err, o->logs). */
typedef struct {
  int (*get_account)(pod_client *c, const pod_pubkey_t *key, pod_client_account_t *out);
  int (*get_accounts)(pod_client *c, const pod_pubkey_t *keys, size_t n, pod_client_account_t *out,
                      int *found);
  int (*program_accounts)(pod_client *c, const pod_pubkey_t *owner, const pod_account_filter_t *f,
                          pod_client_account_t **out, size_t *n);
  int (*latest_blockhash)(pod_client *c, uint8_t out[32]);
  int (*send)(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o);
  int (*simulate)(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o);
  int (*statuses)(pod_client *c, const pod_signature_t *sigs, size_t n, pod_sig_state_t *out);
  /* POD_ENOTFOUND if the node does not have it (yet). */
  int (*get_transaction)(pod_client *c, const pod_signature_t *sig, pod_tx_outcome_t *o);
  /* POD_OK with *sig; embedded: executed (o->final = 1) or POD_EPROGRAM. */
  int (*airdrop)(pod_client *c, const pod_pubkey_t *to, uint64_t lamports, pod_tx_outcome_t *o);
  int (*balance)(pod_client *c, const pod_pubkey_t *key, uint64_t *out);
  int (*slot)(pod_client *c, uint64_t *out);
  int (*now)(pod_client *c, int64_t *out);
  void (*close)(pod_client *c);
  /* Signatures of transactions mentioning addr, newest first, stopping before `until` (NULL: no
   * bound), at most max: sigs/slots/failed arrays of max entries, *n the count. NULL when the
   * transport has a better way (embedded: the ledger's observer). Used by events.c. */
  int (*signatures)(pod_client *c, const pod_pubkey_t *addr, const pod_signature_t *until,
                    size_t max, pod_signature_t *sigs, uint64_t *slots, int *failed, size_t *n);
  /* The bytes and count of reusable buffers the transport holds (memstats); NULL: none. */
  void (*mem)(pod_client *c, uint64_t *bytes, uint64_t *buffers);
  /* The node's performance samples, newest first, at most max (discovery.h,
   * pod_client_perf_samples); NULL: the transport has none. */
  int (*perf_samples)(pod_client *c, pod_perf_sample_t *out, size_t max, size_t *n);
  /* Sends n signed transactions (wire i at wires + i * POD_TXN_MTU, sizes[i] bytes) in as few
   * requests as the transport can (http: JSON-RPC batches of sendTransaction); rcs[i] and o[i] as
   * send for each (a transport error: fate unknown). POD_EINVAL with nothing sent if the node
   * takes no batches. NULL: send one by one. Used by batch.c. */
  int (*send_many)(pod_client *c, const uint8_t *wires, const size_t *sizes, size_t n, int *rcs,
                   pod_tx_outcome_t *o);
} pod_transport_ops;

struct pod_client {
  atomic_flag busy;
  const pod_transport_ops *ops;
  void *tp; /* the transport's state */
  char endpoint[POD_CLIENT_ENDPOINT_MAX];

  /* signer */
  int has_kp;
  pod_keypair_t kp;
  pod_client_sign_fn sign;
  void *sign_user;
  int has_signer;
  pod_pubkey_t signer;
  /* What the client learnt about the signer (forgotten by pod_client_set_signer): 1 once its
   * agent account was seen or created. Agents are never closed (PROTOCOL.md §5), so the services
   * skip the "is the sender registered?" read from then on (pod_client__signer_agent). */
  int agent_known;

  /* options */
  pod_commitment_t commitment;
  uint32_t timeout_ms, retry_max, retry_base_ms, cu_limit;
  uint64_t cu_price;
  int tls_insecure;
  uint32_t cache_entries, cache_ttl_ms, pool_buffers, pool_connections;
  /* version-2 options ("" when not given; has_ws_url: ws_url was given, "" then means none) */
  int has_ws_url;
  char ws_url[POD_CLIENT_ENDPOINT_MAX];
  char content_url[POD_CLIENT_ENDPOINT_MAX];
  char cache_dir[POD_CLIENT_ENDPOINT_MAX];
  int metrics_on;

  /* blockhash cache */
  int has_bh;
  uint8_t bh[32];
  uint64_t bh_at_ms;

  /* the last call */
  char err[POD_CLIENT_ERRMSG_SZ];
  int rpc_code;
  int has_tx_err;
  pod_tx_error_t tx_err;
  const pod_program_error_t *prog_err;
  char **logs;
  size_t log_cnt;

  /* metrics (metrics.c): NULL unless opts.metrics; then c->ops is metrics.c's timing wrapper */
  void *metrics;
  /* memstats hook for the account cache (its owner sets it; NULL: no cache) */
  void (*cache_mem)(pod_client *c, uint64_t *entries, uint64_t *bytes);

  /* the events service (events.c): its state, released by events_close from pod_client_free */
  void *events;
  void (*events_close)(pod_client *c);

  /* the PubSub session (ws.c, released by pod_client__ps_close) and the L1 account cache
   * (cache.c, pod_client__cache_free); NULL when unused */
  void *ps;
  void *cache;
};

/* The one allocation wrapper of the module: n * sz zeroed bytes (overflow checked), or NULL.
 * Everything it returns is released with free(). */
void *pod_client__alloc(size_t n, size_t sz);
/* Grows *p (holding *cap elements of sz bytes) to at least need elements (doubling). */
int pod_client__grow(void **p, size_t *cap, size_t need, size_t sz);
char *pod_client__strndup(const char *s, size_t n);

/* Records the message (printf format) and returns rc. */
int pod_client__fail(pod_client *c, int rc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The signer's agent must exist before a write that needs it (say so before paying for a 3012):
 * POD_OK when the account at pda (the signer's agent PDA) is a PoD agent account; then remembered
 * in c->agent_known and not read again — the program never closes an agent account (PROTOCOL.md
 * §5). POD_ENOTFOUND "agent not registered", POD_EDECODE when it is something else, or the
 * transport's error. */
int pod_client__signer_agent(pod_client *c, const pod_pubkey_t *pda);
/* Fails with POD_ENOTFOUND: wallet has no agent account (what to do about it in the message). */
int pod_client__agent_missing(pod_client *c, const pod_pubkey_t *wallet);
/* After a send that relied on the memo: a failure forgets it (the node's ledger may have been
 * replaced under the client). Returns rc. */
int pod_client__agent_sent(pod_client *c, int rc);
uint64_t pod_client__now_ms(void);
void pod_client__sleep_ms(uint64_t ms);

void pod_client__outcome_free(pod_tx_outcome_t *o);
/* Moves the outcome's logs into the handle's "last logs". */
void pod_client__take_logs(pod_client *c, pod_tx_outcome_t *o);

/* A transaction error from its JSON value (meta.err / data.err). POD_EDECODE for an unknown
 * shape. */
int pod_client__tx_error_from_json(pod_tx_error_t *out, const pod_json_val *v);

/* A client-side refusal with a rule result of validate.h (non-zero): POD_EPROGRAM, the program's
 * error recorded as if the program had returned it from the instruction of kind `kind`. */
int pod_client__refuse(pod_client *c, int kind, uint32_t rule);

/* Sends one PoD instruction (pod_client_send without the public guard). */
int pod_client__send(pod_client *c, char sig[POD_CLIENT_SIG_SZ], const pod_instruction_t *ixs,
                     size_t ix_cnt);

/* The public-call guard (see client.h, "Threads"): enter returns POD_EINVAL (message set) when
 * another call is in progress on the handle; else it forgets the last call's outcome. Every
 * public function that uses the handle starts with POD_CLIENT_GUARD and ends with leave. */
int pod_client__enter(pod_client *c);
void pod_client__leave(pod_client *c);
#define POD_CLIENT_GUARD(c)                                                                        \
  do {                                                                                             \
    if (!(c) || pod_client__enter(c) != POD_OK) return POD_EINVAL;                                 \
  } while (0)

/* ---- batch.c and metrics.c ---- */
/* The wire size of a transaction of ixs (after the compute-budget instructions of the options),
 * as pod_client__send would build it: POD_OK with *sz, POD_ETOOLARGE / POD_ELIMIT if it does not
 * fit one transaction. Nothing is signed or sent; no message is recorded. */
int pod_client__tx_size(pod_client *c, size_t *sz, const pod_instruction_t *ixs, size_t ix_cnt);
/* Builds and signs the transaction of ixs into wire (POD_TXN_MTU bytes) with the cached blockhash
 * (refresh: fetch a new one). */
int pod_client__tx_build(pod_client *c, uint8_t *wire, size_t *wire_sz, pod_signature_t *sig,
                         const pod_instruction_t *ixs, size_t ix_cnt, int refresh);
/* Records the failure e of the transaction of ixs as pod_client__send does (message, program
 * error, tx error); returns POD_EPROGRAM. */
int pod_client__tx_describe(pod_client *c, const pod_tx_error_t *e, const pod_instruction_t *ixs,
                            size_t ix_cnt);
/* The SDK's nonce for channel messages and invitations (channels.c). */
uint64_t pod_client__next_nonce(void);
/* metrics.c: installs the timing wrapper over c->ops (opts.metrics); frees it. */
int pod_client__metrics_attach(pod_client *c);
void pod_client__metrics_free(pod_client *c);
/* Records one sent transaction of ixs (kind from its PoD instruction) or one batch; cheap no-op
 * when c->metrics is NULL. */
void pod_client__metrics_tx(pod_client *c, const pod_instruction_t *ixs, size_t ix_cnt, uint64_t ns,
                            int rc);
void pod_client__metrics_batch(pod_client *c, const char *kind, uint64_t ns, int rc);
uint64_t pod_client__now_ns(void);

/* Lists (services.c): decodes the cnt accounts of a getProgramAccounts answer into a new array of
 * records of rec_sz bytes, keeping the records for which fn(c, rec, account, user) returns POD_OK
 * (the others are skipped, not an error); frees accts. rc is the fetch's result: nothing is decoded
 * unless it is POD_OK. On POD_OK *out / *n receive the array (NULL when none kept, free()) and its
 * length; on failure they are untouched. */
typedef int (*pod_client__rec_fn)(pod_client *c, void *rec, const pod_client_account_t *a,
                                  const void *user);
int pod_client__decode_list(void **out, size_t *n, pod_client *c, int rc,
                            pod_client_account_t *accts, size_t cnt, size_t rec_sz,
                            pod_client__rec_fn fn, const void *user);

/* Transports: fill c->ops and c->tp. */
int pod_client__embedded_open(pod_client *c, const char *dir, const pod_client_opts_t *o);
int pod_client__http_open(pod_client *c, const char *url);

#endif
