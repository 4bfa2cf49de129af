/* The ledger engine: executes Solana transactions natively (System program, Compute Budget, and
 * native programs registered by the embedder such as the PoD program) and stores accounts,
 * transactions and signatures in LMDB. One engine, two front doors: the SDK's `embedded:DIR`
 * transport and the `podd` RPC server. See docs/LEDGER.md.
 *
 * Threads: every function taking a pod_ledger may be called from any thread. Writers
 * (process, airdrop, clock changes, register) are serialised by one mutex; readers (queries,
 * simulate) run concurrently through LMDB read transactions and see only committed state.
 * One process at a time may open a directory (POD_EPERM otherwise).
 *
 * Memory: results and records are allocated by the library and released by the matching
 * pod_ledger_*_free, which accepts NULL. */
#ifndef POD_LEDGER_H
#define POD_LEDGER_H

#include "errors.h"
#include "pda.h"
#include "txn.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pod_ledger pod_ledger;

/* ---- constants ---- */
#define POD_LAMPORTS_PER_SIGNATURE 5000u
#define POD_MAX_RECENT_BLOCKHASHES 150u         /* a blockhash is valid for this many slots */
#define POD_MAX_PERMITTED_DATA_LENGTH 10485760u /* 10 MiB per account */
#define POD_DEFAULT_CU_LIMIT 200000u            /* per non-builtin instruction */
#define POD_BUILTIN_CU_LIMIT 3000u /* per builtin instruction (System, Compute Budget) */
#define POD_MAX_CU_LIMIT 1400000u  /* per transaction */
#define POD_LOG_BYTES_MAX 10000u   /* then "Log truncated" */

/* Solana's default rent: (128 + data_len) * 3480 * 2 lamports; 890 880 for 0 bytes. */
POD_API uint64_t pod_rent_exempt_min(uint64_t data_len);

/* ---- options ---- */
enum {
  POD_DURABILITY_PROCESS = 0, /* commit without fsync: survives kill -9, not power loss */
  POD_DURABILITY_FULL = 1     /* fsync on commit; concurrent writers share one sync */
};

/* A secondary index on a 32-byte field: accounts owned by `owner` whose data length is
 * `data_size` (0 = any length) are indexed by data[offset .. offset+32). */
typedef struct {
  pod_pubkey_t owner;
  uint64_t data_size;
  uint32_t offset;
} pod_ledger_index_t;

#define POD_LEDGER_OPTS_VERSION 1
#define POD_LEDGER_INDEX_MAX 16
typedef struct {
  unsigned version;                  /* POD_LEDGER_OPTS_VERSION */
  uint32_t slot_ms;                  /* slot length in wall-clock milliseconds (400) */
  uint64_t faucet_cap;               /* largest airdrop per request, lamports (0 = no cap) */
  int durability;                    /* POD_DURABILITY_* */
  uint64_t map_size;                 /* LMDB map size in bytes (the ledger's size limit) */
  int no_compression;                /* 1: no SPL Account Compression program account at genesis */
  int manual_clock;                  /* 1: time moves only through pod_ledger_clock_set/_advance */
  int64_t genesis_time;              /* unix seconds of slot 0 for a new ledger (0 = now) */
  const pod_ledger_index_t *indexes; /* NULL: the PoD indexes (owner pod_program_id, per account
                                        type: its size and the offsets queried, docs/LEDGER.md);
                                        changing the list rebuilds them */
  size_t index_cnt; /* <= POD_LEDGER_INDEX_MAX; with indexes = NULL and 1: no indexes */
} pod_ledger_opts_t;

#define POD_LEDGER_OPTS_INIT                                                                       \
  {                                                                                                \
    POD_LEDGER_OPTS_VERSION, 400u, 100000000000ull, POD_DURABILITY_PROCESS, (uint64_t)1 << 32, 0,  \
        0, 0, NULL, 0                                                                              \
  }

/* ---- transaction errors ----
 * pod_tx_error_t, its kinds (POD_TXERR_*), instruction errors (POD_IXERR_*) and the JSON / text
 * formatters (pod_tx_error_json, pod_tx_error_message, pod_ix_error_format) are those of errors.h.
 * Structures below carry `has_err` (0 = success) next to the error value. */

/* ---- open / close ---- */
/* Opens (creating it and its genesis if empty) the ledger in directory dir (created if missing).
 * opts may be NULL for the defaults. POD_EINVAL for a bad option, POD_EPERM if another process
 * (or handle) has it open, POD_EIO for storage errors, POD_EDECODE for a directory that is not a
 * ledger of this version. */
POD_API int pod_ledger_open(pod_ledger **out, const char *dir, const pod_ledger_opts_t *opts);
/* Closes the handle; waits for nothing (every call has returned). Accepts NULL. */
POD_API void pod_ledger_close(pod_ledger *l);

/* ---- processing ---- */
typedef struct {
  pod_signature_t signature; /* the transaction id (first signature) */
  uint64_t slot;
  int64_t block_time; /* unix seconds of the slot */
  int has_err;        /* 0: the transaction succeeded */
  pod_tx_error_t err;
  int committed;          /* 1: recorded in the ledger (success, or failure with fee charged) */
  uint64_t fee;           /* lamports charged (0 if not committed) */
  uint64_t compute_units; /* consumed by the whole transaction */
  char **logs;            /* log_cnt NUL-terminated lines (NULL if none) */
  size_t log_cnt;
  pod_pubkey_t return_program; /* return data, if return_data_sz > 0 */
  uint8_t *return_data;
  size_t return_data_sz;
} pod_ledger_result_t;

/* Releases what a result owns (logs, return data) and zeroes it. Accepts NULL. */
POD_API void pod_ledger_result_free(pod_ledger_result_t *r);

/* Executes a wire transaction and commits it. Returns POD_OK if it succeeded, POD_EPROGRAM if it
 * failed (result->has_err = 1, result->err says why; result->committed says whether the fee was
 * charged and the failure recorded, as on a cluster), POD_EINVAL/POD_EIO/POD_ENOMEM for engine
 * failures (nothing committed). In POD_DURABILITY_FULL it returns after the commit reached the
 * disk. result is always initialised; free it with pod_ledger_result_free. */
POD_API int pod_ledger_process(pod_ledger *l, const uint8_t *wire, size_t wire_sz,
                               pod_ledger_result_t *result);

/* Executes n wire transactions that arrived together, in order, and commits them with ONE LMDB
 * write transaction (in POD_DURABILITY_FULL one fsync): each behaves as pod_ledger_process would
 * (a later one sees the earlier ones' effects; a repeated signature is AlreadyProcessed) and
 * results[i] says what happened to it. Returns after the commit, with the same durability as
 * pod_ledger_process: results[i].committed = 1 means on disk (kill -9 safe; power-loss safe in
 * FULL). Returns POD_OK when the batch was handled (rcs[i], may be NULL, receives each
 * transaction's pod_ledger_process-style code: POD_OK or POD_EPROGRAM); an engine error (POD_EIO,
 * POD_ENOMEM, POD_ELIMIT when the map is full, POD_EINVAL for n > POD_LEDGER_BATCH_MAX) means
 * nothing of the batch was committed. results must hold n entries; free each with
 * pod_ledger_result_free. */
#define POD_LEDGER_BATCH_MAX 1024
POD_API int pod_ledger_process_batch(pod_ledger *l, const uint8_t *const *wires,
                                     const size_t *sizes, size_t n, pod_ledger_result_t *results,
                                     int *rcs);

typedef struct {
  int sig_verify;               /* verify signatures (Solana's simulate default: no) */
  int replace_recent_blockhash; /* execute with the latest blockhash instead of the message's */
} pod_ledger_sim_opts_t;
/* Executes without committing anything. With sig_verify = 0 a transaction whose signatures are
 * zero bytes may be simulated. Return values as pod_ledger_process (committed is always 0; fee
 * is the fee that would be charged). */
POD_API int pod_ledger_simulate(pod_ledger *l, const uint8_t *wire, size_t wire_sz,
                                const pod_ledger_sim_opts_t *opts, pod_ledger_result_t *result);

/* The faucet: a System transfer of `lamports` from the faucet key, minted for the occasion,
 * recorded as a transaction (its signature in *sig, may be NULL). POD_ELIMIT above faucet_cap,
 * POD_EINVAL for 0; POD_EPROGRAM if the transfer fails (e.g. leaving the recipient below the
 * rent-exempt minimum: InsufficientFundsForRent); *err (may be NULL) then says why (untouched on
 * success). */
POD_API int pod_ledger_airdrop(pod_ledger *l, pod_signature_t *sig, pod_tx_error_t *err,
                               const pod_pubkey_t *to, uint64_t lamports);

/* ---- clock and blockhashes ---- */
/* The current slot (it advances every slot_ms of the ledger clock). */
POD_API uint64_t pod_ledger_slot(pod_ledger *l);
/* The blockhash of the current slot and the last slot in which it is valid. */
POD_API int pod_ledger_latest_blockhash(pod_ledger *l, uint8_t out[32], uint64_t *last_valid_slot);
/* 1 if the blockhash is one of the last POD_MAX_RECENT_BLOCKHASHES + 1 slots' hashes, else 0. */
POD_API int pod_ledger_blockhash_valid(pod_ledger *l, const uint8_t hash[32]);
/* unix_timestamp of the current slot (what a program sees as `now`). */
POD_API int64_t pod_ledger_now(pod_ledger *l);
/* Test clock: moves the clock to unix second t / forward by ms milliseconds. The clock never moves
 * backwards (POD_EINVAL). Works in both clock modes (in wall-clock mode it adds an offset). */
POD_API int pod_ledger_clock_set(pod_ledger *l, int64_t unix_ts);
POD_API int pod_ledger_clock_advance(pod_ledger *l, uint64_t ms);
/* Genesis hash of this ledger. */
POD_API void pod_ledger_genesis_hash(pod_ledger *l, uint8_t out[32]);

/* ---- queries ---- */
typedef struct {
  uint64_t lamports;
  pod_pubkey_t owner;
  uint8_t executable;
  uint64_t rent_epoch;
  uint8_t *data; /* data_sz bytes, owned by the struct (freed by pod_ledger_account_free) */
  size_t data_sz;
} pod_account_t;

/* Copies the account into *out. POD_ENOTFOUND if it does not exist (0 lamports). */
POD_API int pod_ledger_get_account(pod_ledger *l, const pod_pubkey_t *key, pod_account_t *out);
POD_API void pod_ledger_account_free(pod_account_t *a);
/* Lamports of key (0 for an account that does not exist). */
POD_API uint64_t pod_ledger_balance(pod_ledger *l, const pod_pubkey_t *key);

#define POD_MEMCMP_MAX 128
typedef struct {
  uint32_t offset;
  const uint8_t *bytes;
  size_t len; /* 1..POD_MEMCMP_MAX */
} pod_memcmp_t;

typedef struct {
  int has_data_size;
  uint64_t data_size;
  const pod_memcmp_t *memcmp;
  size_t memcmp_cnt; /* <= 4 */
} pod_account_filter_t;

/* Called per match; the account is valid during the call only. Non-zero stops the scan. */
typedef int (*pod_account_cb)(void *user, const pod_pubkey_t *key, const pod_account_t *acct);

/* How a query was answered (for tests and the RPC's diagnostics). */
typedef struct {
  int index_used; /* 0 owner scan, 1 owner+size, 2 a 32-byte field index */
  size_t scanned; /* accounts read */
  size_t matched;
} pod_query_stats_t;

/* Accounts owned by `owner` that pass every filter, in key order within the index used.
 * stats may be NULL. */
POD_API int pod_ledger_get_accounts_by_owner(pod_ledger *l, const pod_pubkey_t *owner,
                                             const pod_account_filter_t *filter, pod_account_cb cb,
                                             void *user, pod_query_stats_t *stats);

typedef struct {
  uint64_t slot;
  int64_t block_time;
  int has_err;
  pod_tx_error_t err;
} pod_sig_status_t;
/* POD_ENOTFOUND if the signature was never committed. */
POD_API int pod_ledger_signature_status(pod_ledger *l, const pod_signature_t *sig,
                                        pod_sig_status_t *out);

typedef struct {
  uint64_t slot;
  int64_t block_time;
  int has_err;
  pod_tx_error_t err;
  uint64_t fee;
  uint64_t compute_units;
  uint8_t *wire; /* the transaction as received */
  size_t wire_sz;
  size_t account_cnt;     /* static keys of the message */
  uint64_t *pre_balances; /* account_cnt each */
  uint64_t *post_balances;
  char **logs;
  size_t log_cnt;
} pod_ledger_tx_t;
POD_API int pod_ledger_get_transaction(pod_ledger *l, const pod_signature_t *sig,
                                       pod_ledger_tx_t **out);
POD_API void pod_ledger_tx_free(pod_ledger_tx_t *t);

typedef struct {
  pod_signature_t signature;
  uint64_t slot;
  int64_t block_time;
  int has_err;
  pod_tx_error_t err;
} pod_sig_info_t;
/* Signatures of transactions that mention addr, newest first, starting after `before` (NULL: from
 * the newest), at most max (<= 1000). *n receives the count. */
POD_API int pod_ledger_signatures_for_address(pod_ledger *l, const pod_pubkey_t *addr,
                                              const pod_signature_t *before, pod_sig_info_t *out,
                                              size_t max, size_t *n);

/* ---- performance samples (getRecentPerformanceSamples) ---- */
typedef struct {
  uint64_t slot; /* the slot at the end of the period (the current slot for the first) */
  uint64_t num_transactions; /* committed in the period: succeeded or failed with the fee charged */
  uint64_t num_non_vote_transactions; /* of those, the ones invoking no Vote program instruction */
  uint64_t num_slots;                 /* slots the clock advanced during the period */
  uint16_t sample_period_secs; /* 60; for the current, partial period its seconds so far (>= 1) */
} pod_perf_sample_t;

#define POD_PERF_SAMPLES_MAX 720 /* kept, as Solana keeps */
#define POD_PERF_PERIOD_SECS 60
/* The last samples, newest first: one per 60 s of the ledger's clock (wall time; the manual clock
 * with manual_clock) since the handle was opened, the current, partial period included first, at
 * most max (the ledger keeps POD_PERF_SAMPLES_MAX completed ones). Periods without transactions
 * give samples with num_transactions 0. Every committed transaction of any thread counts
 * (airdrops too); simulations and transactions rejected before the fee do not. The samples live in
 * memory only: reopening the ledger starts afresh. *n receives the count. POD_EINVAL for NULL l or
 * n, or NULL out with max > 0. */
POD_API int pod_ledger_perf_samples(pod_ledger *l, pod_perf_sample_t *out, size_t max, size_t *n);

/* ---- commit notifications (observers) ----
 * An observer is told of every committed transaction and of slot changes; podd's PubSub
 * (accountSubscribe, logsSubscribe, slotSubscribe, ...) is built on it.
 *
 * When. A transaction event comes after its commit is durable (as pod_ledger_process's return
 * would say) and after the writer lock is released: the next transaction executes while this
 * one's observers run. Transactions rejected before the fee (nothing committed) and simulations
 * make no event. A slot event comes when the ledger notices a new slot: before the first
 * transaction event of a newer slot, after pod_ledger_clock_set/_advance, and, only while
 * pod_ledger_watch_slots is on, from the ledger's slot ticker at every slot boundary of the
 * clock. Without watchers no ticker runs: an idle ledger wakes up for nothing.
 *
 * Threads. The callback runs on the thread that committed (the caller of pod_ledger_process,
 * _process_batch or _airdrop; in POD_DURABILITY_FULL the group's leader, which may be another
 * caller's thread, before that caller returns), on the thread that moved the clock, or on the
 * slot ticker thread. Calls for one ledger never overlap and come in commit order; a caller of
 * pod_ledger_process returns after its transaction's observers have returned. The callback may
 * read the ledger (accounts, statuses, pod_ledger_slot) but must not call a writer (process,
 * airdrop, clock_set/_advance, register_program, observer_add/_remove, watch_slots): that
 * deadlocks. Keep it short: the next commit's notification waits for it (its execution does
 * not). Everything the event points to is valid during the call only. */
typedef enum {
  POD_LEDGER_EV_TX = 1,  /* a committed transaction (success, or failure with the fee charged) */
  POD_LEDGER_EV_SLOT = 2 /* the ledger moved to a new slot */
} pod_ledger_event_kind_t;

typedef struct {
  int kind; /* POD_LEDGER_EV_* */
  /* both kinds: the slot (of the transaction's commit, or the new slot) */
  uint64_t slot;
  /* POD_LEDGER_EV_SLOT: every slot exists here and is final at once (parent = slot - 1,
   * root = slot). The ticker reports each slot (a late tick catches up to 16); a transaction
   * in a newer slot or a clock jump reports only the new slot. */
  uint64_t parent, root;
  /* POD_LEDGER_EV_TX */
  const pod_signature_t *signature; /* the transaction id */
  int64_t block_time;
  int has_err; /* 0: succeeded */
  const pod_tx_error_t *err;
  const char *const *logs; /* log_cnt lines, as pod_ledger_result_t */
  size_t log_cnt;
  const pod_pubkey_t *keys; /* the message's account keys, in order (what logs "mentions") */
  const uint8_t *written;   /* key_cnt flags: 1 = the commit stored that account (the writable
                               accounts after demotion; only the fee payer if it failed) */
  size_t key_cnt;
  uint64_t fee;
} pod_ledger_event_t;

typedef void (*pod_ledger_observer_fn)(void *user, const pod_ledger_event_t *ev);

#define POD_LEDGER_OBSERVER_MAX 8
/* Adds an observer (fn, user) for every later commit. POD_EINVAL for a NULL fn, POD_EEXIST if
 * this (fn, user) is already there, POD_ELIMIT beyond POD_LEDGER_OBSERVER_MAX. */
POD_API int pod_ledger_observer_add(pod_ledger *l, pod_ledger_observer_fn fn, void *user);
/* Removes it; when this returns, fn is not running and will not be called again for user.
 * POD_ENOTFOUND if it was not there. Not from inside an observer. Remove an observer before
 * freeing what its user points to; pod_ledger_close forgets the remaining ones (after joining
 * the slot ticker, so none is running when it returns). */
POD_API int pod_ledger_observer_remove(pod_ledger *l, pod_ledger_observer_fn fn, void *user);
/* Slot events at every slot boundary: on = 1 adds a watcher, on = 0 removes one. While the
 * count is above 0 a ticker thread (started at the first use, parked otherwise, joined by
 * pod_ledger_close) sleeps until the next slot of the clock and reports it; with
 * manual_clock the clock moves only by pod_ledger_clock_set/_advance, which report it
 * themselves. POD_EINVAL for on = 0 without a watcher; POD_ENOMEM/POD_EIO if the thread cannot
 * start. */
POD_API int pod_ledger_watch_slots(pod_ledger *l, int on);

/* ---- invariants ---- */
typedef struct {
  uint64_t total_lamports;    /* sum over all accounts */
  uint64_t expected_lamports; /* genesis + minted - burned */
  uint64_t genesis_lamports, minted, burned;
  uint64_t accounts, transactions;
  uint64_t index_errors; /* index entries missing or dangling */
  /* the PoD program's accounts (docs/LEDGER.md): owned by pod_com; failing a check (decoding,
   * space, rent, PDA, references); whose address cannot be re-derived (channel messages: nonce not
   * stored; channels renamed or trimmed: Q3, Q24) */
  uint64_t pod_accounts, pod_errors, pod_unverified;
} pod_ledger_report_t;
/* Checks the invariants over committed state. POD_OK if they hold, POD_EPROGRAM if not (the
 * report says what), other codes for storage errors. report may be NULL. */
POD_API int pod_ledger_verify(pod_ledger *l, pod_ledger_report_t *report);

/* ---- native programs ----
 * A native program is a C function called for each instruction addressed to its program id,
 * top-level or by CPI. It sees its instruction's accounts by index (0..acct_cnt-1) through the
 * context and changes them only through it; the runtime enforces Solana's rules (writable,
 * owner, executable, balance) and rolls everything back when the transaction fails.
 *
 * Return 0 for success. To fail, return one of pod_exec_custom(), pod_exec_fail(), or the non-zero
 * value returned by a context function that failed (the error is then already recorded). Any
 * other non-zero return is recorded as ProgramFailedToComplete. */
typedef struct pod_exec_ctx pod_exec_ctx;

typedef struct {
  const pod_pubkey_t *program_id;
  const uint8_t *data;
  size_t data_sz;
  size_t acct_cnt;
} pod_ix_view;

typedef int (*pod_program_fn)(pod_exec_ctx *ctx, const pod_ix_view *ix, void *user);

/* Registers fn for program_id (replacing any previous one). If no account exists at program_id,
 * an executable account is created for it. Call before processing transactions. */
POD_API int pod_ledger_register_program(pod_ledger *l, const pod_pubkey_t *program_id,
                                        pod_program_fn fn, void *user);

/* -- accounts of the current instruction (idx < ix->acct_cnt; out of range: NULL / 0) -- */
POD_API const pod_pubkey_t *pod_exec_key(const pod_exec_ctx *ctx, size_t idx);
POD_API int pod_exec_is_signer(const pod_exec_ctx *ctx, size_t idx);
POD_API int pod_exec_is_writable(const pod_exec_ctx *ctx, size_t idx);
POD_API uint64_t pod_exec_lamports(const pod_exec_ctx *ctx, size_t idx);
POD_API const pod_pubkey_t *pod_exec_owner(const pod_exec_ctx *ctx, size_t idx);
POD_API int pod_exec_executable(const pod_exec_ctx *ctx, size_t idx);
/* Read-only view of the data; valid until the next call that changes the account. */
POD_API const uint8_t *pod_exec_data(const pod_exec_ctx *ctx, size_t idx, size_t *len);
/* Writable view: fails (returns NULL, records ReadonlyDataModified / ExternalAccountDataModified /
 * ExecutableDataModified / NotEnoughAccountKeys) unless the account is writable, owned by the
 * executing program and not executable. */
POD_API uint8_t *pod_exec_data_mut(pod_exec_ctx *ctx, size_t idx, size_t *len);
/* Setters with the runtime's checks; 0 or non-zero with the error recorded. */
POD_API int pod_exec_set_lamports(pod_exec_ctx *ctx, size_t idx, uint64_t lamports);
POD_API int pod_exec_set_data_len(pod_exec_ctx *ctx, size_t idx, size_t len);
POD_API int pod_exec_set_owner(pod_exec_ctx *ctx, size_t idx, const pod_pubkey_t *owner);
/* Index of key among the instruction's accounts, or -1. */
POD_API int pod_exec_find(const pod_exec_ctx *ctx, const pod_pubkey_t *key);
POD_API const pod_pubkey_t *pod_exec_program_id(const pod_exec_ctx *ctx);
/* Call depth: 1 for a top-level instruction, 2 inside a CPI. */
POD_API unsigned pod_exec_depth(const pod_exec_ctx *ctx);

/* -- clock, compute units -- */
POD_API int64_t pod_exec_now(const pod_exec_ctx *ctx); /* Clock::unix_timestamp */
POD_API uint64_t pod_exec_slot(const pod_exec_ctx *ctx);
/* Consumes units from the transaction's meter; ComputationalBudgetExceeded when it runs out. */
POD_API int pod_exec_consume(pod_exec_ctx *ctx, uint64_t units);
POD_API uint64_t pod_exec_cu_remaining(const pod_exec_ctx *ctx);

/* -- logs -- */
/* "Program log: <text>" (printf format). */
POD_API void pod_exec_log(pod_exec_ctx *ctx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A raw line as is (the System program's messages, a panic's "Program log: panicked at ..."). */
POD_API void pod_exec_log_raw(pod_exec_ctx *ctx, const char *line);
/* "Program data: <b64> <b64> ..." (an event: one chunk per event in Anchor). */
POD_API void pod_exec_log_data(pod_exec_ctx *ctx, const uint8_t *const *chunks, const size_t *lens,
                               size_t n);
/* Return data (<= 1024 bytes), logged as "Program return: <id> <b64>" after "consumed". */
POD_API int pod_exec_set_return_data(pod_exec_ctx *ctx, const uint8_t *data, size_t len);

/* -- errors -- */
/* Records Custom(code) and returns non-zero. */
POD_API int pod_exec_custom(pod_exec_ctx *ctx, uint32_t code);
/* Records instruction error ix_err (POD_IXERR_* of errors.h); `failed_text` replaces the text
 * of the "Program <id> failed: <text>" line (e.g. "SBF program panicked"); NULL = the error's text.
 */
POD_API int pod_exec_fail(pod_exec_ctx *ctx, uint32_t ix_err, const char *failed_text);

/* -- cross-program invocation -- */
typedef struct {
  const pod_seed_t *seeds; /* the PDA's seeds including the bump, as invoke_signed */
  size_t cnt;
} pod_signer_seeds_t;

/* invoke_signed: calls the program ix->program_id (System or a registered native program) with
 * accounts given by key; every key must be among the caller's instruction accounts
 * (MissingAccount), writable/signer only if the caller's account is (or, for signer, if a PDA of
 * the calling program from one of `signers`) — else PrivilegeEscalation with Agave's log line.
 * The callee's logs appear at depth + 1; on failure the error is recorded for the caller too and
 * the caller should return the non-zero result at once. */
POD_API int pod_exec_invoke(pod_exec_ctx *ctx, const pod_instruction_t *ix,
                            const pod_signer_seeds_t *signers, size_t signer_cnt);
/* System program CPIs by the caller's instruction account indices (each builds the instruction
 * and calls pod_exec_invoke; the System program account must be among the caller's accounts). */
POD_API int pod_exec_sys_create_account(pod_exec_ctx *ctx, size_t from, size_t to,
                                        uint64_t lamports, uint64_t space,
                                        const pod_pubkey_t *owner,
                                        const pod_signer_seeds_t *signers, size_t signer_cnt);
POD_API int pod_exec_sys_transfer(pod_exec_ctx *ctx, size_t from, size_t to, uint64_t lamports,
                                  const pod_signer_seeds_t *signers, size_t signer_cnt);
POD_API int pod_exec_sys_allocate(pod_exec_ctx *ctx, size_t acct, uint64_t space,
                                  const pod_signer_seeds_t *signers, size_t signer_cnt);
POD_API int pod_exec_sys_assign(pod_exec_ctx *ctx, size_t acct, const pod_pubkey_t *owner,
                                const pod_signer_seeds_t *signers, size_t signer_cnt);

#ifdef __cplusplus
}
#endif
#endif
