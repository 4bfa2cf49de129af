/* The errors a PoD transaction can fail with: the program's own codes (6000-6017), the Anchor
 * framework codes the program can produce, the System program's custom codes met inside the
 * program's CPIs, and the Solana runtime's instruction and transaction errors as they appear in
 * JSON-RPC ("InstructionError", "BlockhashNotFound", ...). Plus formatters for the exact log and
 * JSON text (PROTOCOL.md §4.1, §6.3, §6.7).
 *
 * Everything here is static data or writes into caller buffers; nothing allocates. docs/ERRORS.md
 * lists the table with "when it happens" for each entry. */
#ifndef POD_ERRORS_H
#define POD_ERRORS_H

#include "common.h"
#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the error table ---- */

/* Who defines an entry. */
enum {
  POD_ERR_ORIGIN_PROGRAM = 0, /* pod_com's PodComError: 6000 + index, log hex 0x1770 + index */
  POD_ERR_ORIGIN_ANCHOR = 1,  /* Anchor 0.31 framework ErrorCode */
  POD_ERR_ORIGIN_SYSTEM = 2,  /* System program SystemError (Custom(0), Custom(1)) */
};

typedef struct {
  uint32_t code;       /* the n of {"Custom": n} */
  const char *name;    /* "InvalidMetadataUriLength": the "Error Code:" of the log line */
  const char *message; /* "Invalid metadata URI length": as the program prints it */
  const char *when;    /* a short English description of what causes it in this program */
  uint8_t origin;      /* POD_ERR_ORIGIN_* */
  uint8_t reachable;   /* 0: defined but never produced by this program (6005, 6014, 2002, 2003) */
} pod_program_error_t;

/* Program errors (PodComError). */
enum {
  POD_ERR_INVALID_METADATA_URI_LENGTH = 6000,
  POD_ERR_UNAUTHORIZED = 6001,
  POD_ERR_MESSAGE_EXPIRED = 6002,
  POD_ERR_INVALID_MESSAGE_STATUS_TRANSITION = 6003,
  POD_ERR_CHANNEL_FULL = 6004,
  POD_ERR_ALREADY_IN_CHANNEL = 6005, /* never returned */
  POD_ERR_NOT_IN_CHANNEL = 6006,
  POD_ERR_INSUFFICIENT_FUNDS = 6007,
  POD_ERR_CHANNEL_NAME_TOO_LONG = 6008,
  POD_ERR_CHANNEL_DESCRIPTION_TOO_LONG = 6009,
  POD_ERR_INSUFFICIENT_REPUTATION = 6010,
  POD_ERR_RATE_LIMIT_EXCEEDED = 6011,
  POD_ERR_MESSAGE_CONTENT_TOO_LONG = 6012,
  POD_ERR_PRIVATE_CHANNEL_REQUIRES_INVITATION = 6013,
  POD_ERR_HASHING_FAILED = 6014, /* never returned */
  POD_ERR_SECURE_MEMORY_ALLOCATION_FAILED = 6015,
  POD_ERR_INVALID_TIMESTAMP = 6016,
  POD_ERR_INVALID_MESSAGE_HASH = 6017,
};
#define POD_ERR_PROGRAM_FIRST 6000u
#define POD_ERR_PROGRAM_LAST 6017u

/* Anchor framework errors this program can produce (and two it cannot: 2002, 2003). */
enum {
  POD_ERR_INSTRUCTION_FALLBACK_NOT_FOUND = 101,
  POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE = 102,
  POD_ERR_EVENT_INSTRUCTION_STUB = 1500,
  POD_ERR_CONSTRAINT_MUT = 2000,
  POD_ERR_CONSTRAINT_SIGNER = 2002, /* cannot occur here */
  POD_ERR_CONSTRAINT_RAW = 2003,    /* cannot occur here */
  POD_ERR_CONSTRAINT_RENT_EXEMPT = 2005,
  POD_ERR_CONSTRAINT_SEEDS = 2006,
  POD_ERR_ACCOUNT_DISCRIMINATOR_NOT_FOUND = 3001,
  POD_ERR_ACCOUNT_DISCRIMINATOR_MISMATCH = 3002,
  POD_ERR_ACCOUNT_DID_NOT_DESERIALIZE = 3003,
  POD_ERR_ACCOUNT_DID_NOT_SERIALIZE = 3004,
  POD_ERR_ACCOUNT_NOT_ENOUGH_KEYS = 3005,
  POD_ERR_ACCOUNT_OWNED_BY_WRONG_PROGRAM = 3007,
  POD_ERR_INVALID_PROGRAM_ID = 3008,
  POD_ERR_INVALID_PROGRAM_EXECUTABLE = 3009,
  POD_ERR_ACCOUNT_NOT_SIGNER = 3010,
  POD_ERR_ACCOUNT_NOT_INITIALIZED = 3012,
  POD_ERR_DECLARED_PROGRAM_ID_MISMATCH = 4100,
  POD_ERR_TRYING_TO_INIT_PAYER_AS_PROGRAM_ACCOUNT = 4101,
};

/* System program custom errors (only meaningful when the System program failed). */
enum {
  POD_SYSERR_ACCOUNT_ALREADY_IN_USE = 0,
  POD_SYSERR_RESULT_WITH_NEGATIVE_LAMPORTS = 1,
};

/* The entry of a code returned by pod_com itself: 6000-6017 and the Anchor codes above. NULL for
 * anything else — including 0 and 1, which pod_com never returns (see pod_custom_error). */
POD_API const pod_program_error_t *pod_program_error(uint32_t code);

/* The entry of a System program custom code (0, 1); NULL for others. */
POD_API const pod_program_error_t *pod_system_error(uint32_t code);

/* Which program a Custom(n) came from. */
enum {
  POD_SOURCE_POD_COM = 0, /* the failing top-level instruction invokes pod_com */
  POD_SOURCE_SYSTEM = 1,  /* ... invokes the System program */
  POD_SOURCE_OTHER = 2,   /* ... anything else: its custom codes are not ours to name */
};

/* The entry for {"Custom": code} of an instruction that invokes `source` (POD_SOURCE_*):
 * - POD_SOURCE_POD_COM: pod_program_error(code); codes 0 and 1 are the System entries, because a
 *   pod_com instruction fails with Custom(0|1) exactly when its System CPI (init, deposit
 *   transfer) failed — the runtime reports the CPI's error as the instruction's;
 * - POD_SOURCE_SYSTEM: pod_system_error(code);
 * - anything else: NULL. */
POD_API const pod_program_error_t *pod_custom_error(uint32_t code, int source);

/* Iteration over every entry, for listings: program errors 6000..6017, Anchor errors ascending,
 * then System 0, 1. pod_error_at(i) is NULL for i >= pod_error_count(). */
POD_API size_t pod_error_count(void);
POD_API const pod_program_error_t *pod_error_at(size_t i);

/* ---- Anchor's error log line ---- */

/* Where an Anchor error was raised; all fields optional (zero/NULL = absent). */
typedef struct {
  const char *account;      /* slot name: "AnchorError caused by account: <account>. ..." */
  const char *file;         /* source file: "AnchorError thrown in <file>:<line>. ..." */
  uint32_t line;            /*   (file takes precedence over account, as in Anchor) */
  const pod_pubkey_t *left; /* both set: four more lines "Left:", <b58>, "Right:", <b58> */
  const pod_pubkey_t *right;
} pod_anchor_origin_t;

/* Longest text pod_anchor_error_log writes for a table entry, NUL included (account names and file
 * paths longer than 64 bytes need more). */
#define POD_ANCHOR_LOG_SZ 512

/* Writes the log text Anchor prints for `code` (any entry of pod_program_error, i.e. program and
 * Anchor codes), without the "Program log: " prefix, NUL-terminated:
 *   origin NULL or empty:  "AnchorError occurred. Error Code: <Name>. Error Number: <n>. Error
 * Message: <msg>." origin->account:       "AnchorError caused by account: <slot>. Error Code: ..."
 *   origin->file:          "AnchorError thrown in <file>:<line>. Error Code: ..."
 * With origin->left and origin->right, four lines follow, each preceded by '\n': "Left:", the left
 * key in base58, "Right:", the right key. Each '\n'-separated line is one log entry (none contains
 * a newline otherwise). *n_lines (may be NULL) receives 1 or 5, *out_len (may be NULL) the length.
 * POD_ENOTFOUND for a code without an entry (System codes have no Anchor line), POD_ENOSPC if
 * out_sz is too small (out is then "" when out_sz > 0), POD_EINVAL for NULL out. */
POD_API int pod_anchor_error_log(char *out, size_t out_sz, size_t *out_len, size_t *n_lines,
                                 uint32_t code, const pod_anchor_origin_t *origin);

/* ---- the runtime's errors (JSON names, Display messages) ---- */

/* InstructionError variants, in the runtime's declaration order (the bincode tag). */
typedef enum {
  POD_IXERR_GENERIC_ERROR = 0,
  POD_IXERR_INVALID_ARGUMENT,
  POD_IXERR_INVALID_INSTRUCTION_DATA,
  POD_IXERR_INVALID_ACCOUNT_DATA,
  POD_IXERR_ACCOUNT_DATA_TOO_SMALL,
  POD_IXERR_INSUFFICIENT_FUNDS,
  POD_IXERR_INCORRECT_PROGRAM_ID,
  POD_IXERR_MISSING_REQUIRED_SIGNATURE,
  POD_IXERR_ACCOUNT_ALREADY_INITIALIZED,
  POD_IXERR_UNINITIALIZED_ACCOUNT,
  POD_IXERR_UNBALANCED_INSTRUCTION, /* 10 */
  POD_IXERR_MODIFIED_PROGRAM_ID,
  POD_IXERR_EXTERNAL_ACCOUNT_LAMPORT_SPEND,
  POD_IXERR_EXTERNAL_ACCOUNT_DATA_MODIFIED,
  POD_IXERR_READONLY_LAMPORT_CHANGE,
  POD_IXERR_READONLY_DATA_MODIFIED,
  POD_IXERR_DUPLICATE_ACCOUNT_INDEX,
  POD_IXERR_EXECUTABLE_MODIFIED,
  POD_IXERR_RENT_EPOCH_MODIFIED,
  POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS,
  POD_IXERR_ACCOUNT_DATA_SIZE_CHANGED, /* 20 */
  POD_IXERR_ACCOUNT_NOT_EXECUTABLE,
  POD_IXERR_ACCOUNT_BORROW_FAILED,
  POD_IXERR_ACCOUNT_BORROW_OUTSTANDING,
  POD_IXERR_DUPLICATE_ACCOUNT_OUT_OF_SYNC,
  POD_IXERR_CUSTOM, /* 25: {"Custom": n} */
  POD_IXERR_INVALID_ERROR,
  POD_IXERR_EXECUTABLE_DATA_MODIFIED,
  POD_IXERR_EXECUTABLE_LAMPORT_CHANGE,
  POD_IXERR_EXECUTABLE_ACCOUNT_NOT_RENT_EXEMPT,
  POD_IXERR_UNSUPPORTED_PROGRAM_ID, /* 30 */
  POD_IXERR_CALL_DEPTH,
  POD_IXERR_MISSING_ACCOUNT,
  POD_IXERR_REENTRANCY_NOT_ALLOWED,
  POD_IXERR_MAX_SEED_LENGTH_EXCEEDED,
  POD_IXERR_INVALID_SEEDS,
  POD_IXERR_INVALID_REALLOC,
  POD_IXERR_COMPUTATIONAL_BUDGET_EXCEEDED,
  POD_IXERR_PRIVILEGE_ESCALATION,
  POD_IXERR_PROGRAM_ENVIRONMENT_SETUP_FAILURE,
  POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, /* 40 */
  POD_IXERR_PROGRAM_FAILED_TO_COMPILE,
  POD_IXERR_IMMUTABLE,
  POD_IXERR_INCORRECT_AUTHORITY,
  POD_IXERR_BORSH_IO_ERROR,
  POD_IXERR_ACCOUNT_NOT_RENT_EXEMPT,
  POD_IXERR_INVALID_ACCOUNT_OWNER,
  POD_IXERR_ARITHMETIC_OVERFLOW,
  POD_IXERR_UNSUPPORTED_SYSVAR,
  POD_IXERR_ILLEGAL_OWNER,
  POD_IXERR_MAX_ACCOUNTS_DATA_ALLOCATIONS_EXCEEDED, /* 50 */
  POD_IXERR_MAX_ACCOUNTS_EXCEEDED,
  POD_IXERR_MAX_INSTRUCTION_TRACE_LENGTH_EXCEEDED,
  POD_IXERR_BUILTIN_PROGRAMS_MUST_CONSUME_COMPUTE_UNITS,
  POD_IXERR_COUNT
} pod_ix_error_t;

/* TransactionError variants, in the runtime's declaration order. */
typedef enum {
  POD_TXERR_ACCOUNT_IN_USE = 0,
  POD_TXERR_ACCOUNT_LOADED_TWICE,
  POD_TXERR_ACCOUNT_NOT_FOUND,
  POD_TXERR_PROGRAM_ACCOUNT_NOT_FOUND,
  POD_TXERR_INSUFFICIENT_FUNDS_FOR_FEE,
  POD_TXERR_INVALID_ACCOUNT_FOR_FEE,
  POD_TXERR_ALREADY_PROCESSED,
  POD_TXERR_BLOCKHASH_NOT_FOUND,
  POD_TXERR_INSTRUCTION_ERROR, /* 8: [index, InstructionError] */
  POD_TXERR_CALL_CHAIN_TOO_DEEP,
  POD_TXERR_MISSING_SIGNATURE_FOR_FEE, /* 10 */
  POD_TXERR_INVALID_ACCOUNT_INDEX,
  POD_TXERR_SIGNATURE_FAILURE,
  POD_TXERR_INVALID_PROGRAM_FOR_EXECUTION,
  POD_TXERR_SANITIZE_FAILURE,
  POD_TXERR_CLUSTER_MAINTENANCE,
  POD_TXERR_ACCOUNT_BORROW_OUTSTANDING,
  POD_TXERR_WOULD_EXCEED_MAX_BLOCK_COST_LIMIT,
  POD_TXERR_UNSUPPORTED_VERSION,
  POD_TXERR_INVALID_WRITABLE_ACCOUNT,
  POD_TXERR_WOULD_EXCEED_MAX_ACCOUNT_COST_LIMIT, /* 20 */
  POD_TXERR_WOULD_EXCEED_ACCOUNT_DATA_BLOCK_LIMIT,
  POD_TXERR_TOO_MANY_ACCOUNT_LOCKS,
  POD_TXERR_ADDRESS_LOOKUP_TABLE_NOT_FOUND,
  POD_TXERR_INVALID_ADDRESS_LOOKUP_TABLE_OWNER,
  POD_TXERR_INVALID_ADDRESS_LOOKUP_TABLE_DATA,
  POD_TXERR_INVALID_ADDRESS_LOOKUP_TABLE_INDEX,
  POD_TXERR_INVALID_RENT_PAYING_ACCOUNT,
  POD_TXERR_WOULD_EXCEED_MAX_VOTE_COST_LIMIT,
  POD_TXERR_WOULD_EXCEED_ACCOUNT_DATA_TOTAL_LIMIT,
  POD_TXERR_DUPLICATE_INSTRUCTION,       /* 30: (u8) */
  POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, /* {account_index} */
  POD_TXERR_MAX_LOADED_ACCOUNTS_DATA_SIZE_EXCEEDED,
  POD_TXERR_INVALID_LOADED_ACCOUNTS_DATA_SIZE_LIMIT,
  POD_TXERR_RESANITIZATION_NEEDED,
  POD_TXERR_PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED, /* {account_index} */
  POD_TXERR_UNBALANCED_TRANSACTION,
  POD_TXERR_PROGRAM_CACHE_HIT_MAX_LIMIT,
  POD_TXERR_COUNT
} pod_tx_error_kind_t;

/* Names as in JSON ("ProgramFailedToComplete", "Custom", "BlockhashNotFound", ...) and the
 * runtime's Display messages ("Program failed to complete", "Blockhash not found", ...). Messages
 * of variants with fields are their fixed text ("custom program error", "Error processing
 * Instruction", ...): use pod_tx_error_message for the full text. NULL when out of range. */
POD_API const char *pod_ix_error_name(int ix_error);
POD_API const char *pod_ix_error_message(int ix_error);
POD_API const char *pod_tx_error_name(int kind);
POD_API const char *pod_tx_error_message_text(int kind);
/* Reverse lookups (exact, case-sensitive names); -1 if unknown. */
POD_API int pod_ix_error_from_name(const char *name, size_t len);
POD_API int pod_tx_error_from_name(const char *name, size_t len);

/* A transaction error value. */
typedef struct {
  uint8_t kind;     /* pod_tx_error_kind_t */
  uint8_t index;    /* INSTRUCTION_ERROR: instruction index; INSUFFICIENT_FUNDS_FOR_RENT and
                       PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED: account_index;
                       DUPLICATE_INSTRUCTION: its u8 */
  uint8_t ix_error; /* INSTRUCTION_ERROR: pod_ix_error_t */
  uint32_t custom;  /* ix_error == POD_IXERR_CUSTOM: the code */
} pod_tx_error_t;

/* Buffer size that always fits the outputs of the three formatters below. */
#define POD_TX_ERROR_TEXT_SZ 160

/* The instruction error alone as the runtime displays it and as "Program <id> failed: <text>"
 * shows it: "custom program error: 0x1770" (lowercase hex, "0x0" for 0), "Program failed to
 * complete", ... POD_EINVAL for an unknown ix_error, POD_ENOSPC if out_sz is too small. */
POD_API int pod_ix_error_format(char *out, size_t out_sz, size_t *out_len, int ix_error,
                                uint32_t custom);
/* The whole error as displayed: "Error processing Instruction 0: custom program error: 0x1771",
 * "Blockhash not found", "Transaction results in an account (2) with insufficient funds for
 * rent", ... (the RPC prefixes "Transaction simulation failed: "). */
POD_API int pod_tx_error_message(char *out, size_t out_sz, size_t *out_len,
                                 const pod_tx_error_t *e);
/* The JSON value of meta.err / data.err: {"InstructionError":[0,{"Custom":6001}]},
 * {"InstructionError":[0,"ProgramFailedToComplete"]}, "BlockhashNotFound",
 * {"InsufficientFundsForRent":{"account_index":2}}, {"DuplicateInstruction":3}. */
POD_API int pod_tx_error_json(char *out, size_t out_sz, size_t *out_len, const pod_tx_error_t *e);

/* The table entry behind an InstructionError Custom(n): ix_sources[i] is the POD_SOURCE_* of the
 * transaction's top-level instruction i (ix_count of them). NULL if e is not an InstructionError
 * with Custom, the index is out of range, or the code has no entry for that source
 * (see pod_custom_error). */
POD_API const pod_program_error_t *
pod_tx_error_program_error(const pod_tx_error_t *e, const uint8_t *ix_sources, size_t ix_count);

#ifdef __cplusplus
}
#endif
#endif
