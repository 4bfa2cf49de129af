/* The PoD program (pod_com) as a native program of the ledger engine (internal).
 *
 * Two layers:
 *   pod_anchor.c   the Anchor 0.31 framework as PROTOCOL.md §4.0 describes it: dispatch, the
 *                  "Instruction:" line, argument decoding, typed account loading per slot,
 *                  `init` slots (PDA + System CPIs, §5), constraints in slot order, the handler,
 *                  return data, exit re-serialization; Anchor's error log lines (§4.1) and
 *                  panics (§6.4, §6.6).
 *   pod_program.c  the program itself: for each of the 17 instructions, the slot types, the seeds
 *                  and custom constraints of each slot, the handler (§4.4-4.20, quirks §7) and its
 *                  compute-unit figure (one table).
 * pod_verify.c checks committed PoD accounts for pod_ledger_verify.
 *
 * The handlers see decoded copies of their typed accounts (pa->a[slot]) and change them in
 * memory; the framework writes back only mut/init slots at exit (quirk Q10). */
#ifndef POD_LEDGER_POD_PROGRAM_H
#define POD_LEDGER_POD_PROGRAM_H

#include "pod/accounts.h"
#include "pod/errors.h"
#include "pod/events.h"
#include "pod/ledger.h"
#include "pod/program.h"
#include "pod/validate.h"

/* The program's entry point, registered for pod_program_id by pod_ledger_open. user is unused. */
int lg_pod_program(pod_exec_ctx *ctx, const pod_ix_view *ix, void *user);

/* ---- slot types (what Anchor's `Accounts` derive declares for each field) ---- */
enum {
  PA_ACCOUNT = 1,     /* Account<T> (or Option<Account<T>>, init): kind = POD_ACCT_* */
  PA_SIGNER = 2,      /* Signer */
  PA_SYSTEM = 3,      /* Program<System> */
  PA_COMPRESSION = 4, /* Program<SplAccountCompression> */
  PA_UNCHECKED = 5    /* AccountInfo: anything */
};

typedef struct {
  uint8_t type;  /* PA_* */
  uint8_t kind;  /* PA_ACCOUNT: POD_ACCT_* */
  uint8_t payer; /* init slots: the payer's slot */
} pa_slot_t;

typedef struct pa pa_t;

/* A seeds constraint: seeds (without the bump) and, with has_bump, the stored bump to use with
 * create_program_address (`bump = x.bump`); without, find_program_address (`bump`). */
typedef struct {
  pod_seed_t s[POD_PDA_MAX_SEEDS];
  size_t n;
  int has_bump;
  uint8_t bump;
  uint8_t scratch[8]; /* storage for computed seeds (a nonce, a type byte) */
} pa_seeds_t;

/* Seeds of slot `slot`: 1 = out filled, 0 = the slot has no seeds constraint, -1 = failed
 * (the error, e.g. a panic while computing a seed, is recorded). */
typedef int (*pa_seeds_fn)(pa_t *pa, size_t slot, pa_seeds_t *out);
/* Custom constraints of slot `slot` (after seeds and mut): 0, or non-zero with the error recorded
 * (use pa_constraint). */
typedef int (*pa_check_fn)(pa_t *pa, size_t slot);
/* The handler body: 0, or non-zero with the error recorded. */
typedef int (*pa_handler_fn)(pa_t *pa);

typedef struct {
  const pa_slot_t *slots; /* in pod_ix_slots() order (names and mut/signer/optional/init there) */
  pa_seeds_fn seeds;
  pa_check_fn check; /* may be NULL */
  pa_handler_fn handler;
  uint32_t cu;          /* compute units consumed by the instruction (besides its CPIs) */
  uint32_t cu_item;     /* per batch item (batch_sync_compressed_messages), else 0 */
  uint16_t derive_line; /* lib.rs line of the Accounts struct (errors raised by its code) */
} pa_ix_t;

/* The definition of instruction kind (pod_program.c); NULL if out of range. */
const pa_ix_t *lg_pod_ix_def(int kind);
/* Compute units of an instruction data that does not dispatch (101, 1500, 4100). */
#define PA_CU_FALLBACK 300u

/* The execution state of one instruction. */
struct pa {
  pod_exec_ctx *ctx;
  const pod_ix_view *ix;
  int kind;
  const pod_ix_slot_t *sl; /* pod_ix_slots(kind) */
  size_t nsl;
  const pa_ix_t *def;
  pod_ix_args_t args;
  int64_t now;
  pod_typed_account_t a[POD_IX_ACCOUNTS_MAX]; /* typed slots (decoded copies) */
  uint8_t some[POD_IX_ACCOUNTS_MAX];          /* typed slot present (0: optional None) */
  uint8_t bump[POD_IX_ACCOUNTS_MAX];          /* ctx.bumps: canonical bumps of init/find slots */
  uint8_t *buf[POD_IX_ACCOUNTS_MAX];          /* the copies the typed slots point into */
};

/* ---- framework helpers for the program (pod_anchor.c) ---- */
const pod_pubkey_t *pa_key(const pa_t *pa, size_t slot);
/* An error returned by the handler: "AnchorError occurred. ..." (origin-less). */
int pa_error(pa_t *pa, uint32_t code);
/* An error of a slot: "AnchorError caused by account: <slot>. ..." [+ Left/Right]. */
int pa_error_at(pa_t *pa, uint32_t code, size_t slot, const pod_pubkey_t *left,
                const pod_pubkey_t *right);
/* `constraint = cond @ code` of slot `slot`. */
int pa_constraint(pa_t *pa, size_t slot, int cond, uint32_t code);
/* An error raised with `require!` at lib.rs:<line>: "AnchorError thrown in <file>:<line>. ..." */
int pa_error_thrown(pa_t *pa, uint32_t code, uint32_t line);
/* A panic at lib.rs:<line>:<col> with message `what` ("attempt to add with overflow"). */
int pa_panic(pa_t *pa, unsigned line, unsigned col, const char *what);
/* A rule result of validate.h: 0 -> 0; a table code -> pa_error; POD_RULE_PANIC -> pa_panic at
 * (line, col, what); POD_RULE_SEED_TOO_LONG -> the seed abort. */
int pa_rule(pa_t *pa, uint32_t r, unsigned line, unsigned col, const char *what);
/* Pubkey::find_program_address inside the handler (aborts like the syscall on a long seed). */
int pa_find_pda(pa_t *pa, pod_pubkey_t *out, uint8_t *bump, const pod_seed_t *seeds, size_t n);
/* emit!(event): "Program data: <base64>". */
void pa_emit(pa_t *pa, const pod_event_t *ev);
/* Rust's `{:?}` of a str: "\"...\"" with Rust's escapes (§6.5), NUL-terminated, truncated to sz. */
void pa_debug_str(char *out, size_t sz, pod_str_t s);
/* Longest pa_debug_str output for a string of n bytes (each byte at most "\u{10ffff}"). */
#define PA_DEBUG_STR_SZ(n) ((n)*10 + 3)

/* ---- pod_ledger_verify's PoD checks (pod_verify.c) ---- */
typedef struct {
  uint64_t accounts;   /* accounts owned by pod_com */
  uint64_t errors;     /* accounts that fail a check */
  uint64_t unverified; /* PDAs that cannot be re-derived (channels after Q3/Q24, messages) */
} lg_pod_verify_t;
/* Checks one committed account owned by pod_com (key, lamports, data) and counts it in *v:
 * decodes as its discriminator's type with its type's space, holds at least its rent (escrow:
 * rent + amount), sits at its PDA (stored bump), and the accounts it names exist with their type.
 * `get` returns another account's data, length and owner (NULL if it does not exist); the data
 * must stay valid until the next call. */
typedef const uint8_t *(*lg_pod_get_fn)(void *user, const pod_pubkey_t *key, size_t *len,
                                        pod_pubkey_t *owner);
void lg_pod_verify_account(lg_pod_verify_t *v, const pod_pubkey_t *key, uint64_t lamports,
                           const uint8_t *data, size_t len, lg_pod_get_fn get, void *user);

#endif
