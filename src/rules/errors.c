/* The error tables and their text formats (PROTOCOL.md §4.1, §6.3, §6.7). Names and messages are
 * the strings the program, Anchor 0.31 and the Solana runtime print; they are data and must stay
 * byte-exact. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pod/encode.h"
#include "pod/errors.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

#define PROG(code, name, msg, when, reach)                                                         \
  { code, name, msg, when, POD_ERR_ORIGIN_PROGRAM, reach }
#define ANCH(code, name, msg, when, reach)                                                         \
  { code, name, msg, when, POD_ERR_ORIGIN_ANCHOR, reach }
#define SYS(code, name, msg, when)                                                                 \
  { code, name, msg, when, POD_ERR_ORIGIN_SYSTEM, 1 }

/* One table, in listing order: program 6000-6017, Anchor ascending, System 0, 1. */
static const pod_program_error_t table[] = {
    PROG(6000, "InvalidMetadataUriLength", "Invalid metadata URI length",
         "register_agent: URI blank, over 200 or under 10 bytes, not http(s)://, containing a "
         "forbidden pattern, a control character or \"..\"; update_agent: URI over 200 bytes; "
         "broadcast_message_compressed: IPFS hash empty, over 100 bytes or not alphanumeric",
         1),
    PROG(6001, "Unauthorized", "Unauthorized",
         "signer is not the agent/channel/escrow owner, participant or invitation mismatch, "
         "register_agent capabilities >= 2^63, broadcast_message to an inactive channel, status "
         "update by someone other than the recipient",
         1),
    PROG(6002, "MessageExpired", "Message expired",
         "update_message_status after expires_at; joining with an expired invitation", 1),
    PROG(6003, "InvalidMessageStatusTransition", "Invalid message status transition",
         "update_message_status to Pending", 1),
    PROG(6004, "ChannelFull", "Channel is full",
         "joining a full channel; create_channel max_participants 0 or over 1000 (v2: over 1000); "
         "update_channel max_participants below the current count",
         1),
    PROG(6005, "AlreadyInChannel", "Already in channel", "never returned", 0),
    PROG(6006, "NotInChannel", "Not in channel",
         "inactive participant (leave, broadcast); get_channel_participants on an inactive "
         "channel",
         1),
    PROG(6007, "InsufficientFunds", "Insufficient funds",
         "create_channel fee over 1 SOL; deposit 0 or over 10 SOL; withdraw more than the escrow "
         "holds; joining a paid channel without an escrow or with too little in it",
         1),
    PROG(6008, "ChannelNameTooLong", "Channel name too long",
         "create_channel with a blank name; update_channel name over 50 bytes", 1),
    PROG(6009, "ChannelDescriptionTooLong", "Channel description too long",
         "channel description over 200 bytes", 1),
    PROG(6010, "InsufficientReputation", "Insufficient reputation",
         "create_channel_v2 with reputation under 50 (never: reputation is always 100)", 1),
    PROG(6011, "RateLimitExceeded", "Rate limit exceeded",
         "broadcasting too fast (1 s cooldown, burst and per-minute limits); batch sync of more "
         "than 100 hashes",
         1),
    PROG(6012, "MessageContentTooLong", "Message content too long",
         "broadcast_message content over 1000 bytes, blank, with control characters, forbidden "
         "patterns or excessive repetition; compressed content over 10000 bytes",
         1),
    PROG(6013, "PrivateChannelRequiresInvitation", "Private channel requires invitation",
         "joining a private channel without an unused invitation", 1),
    PROG(6014, "HashingFailed", "Hashing operation failed", "never returned", 0),
    PROG(6015, "SecureMemoryAllocationFailed", "Secure memory allocation failed",
         "broadcast_message_compressed with empty content", 1),
    PROG(6016, "InvalidTimestamp", "Invalid timestamp",
         "batch sync timestamp more than 3600 s away from the cluster clock", 1),
    PROG(6017, "InvalidMessageHash", "Invalid message hash", "batch sync with an all-zero hash", 1),

    ANCH(101, "InstructionFallbackNotFound", "Fallback functions are not supported",
         "unknown instruction discriminator (also Anchor's IDL instructions)", 1),
    ANCH(102, "InstructionDidNotDeserialize",
         "The program could not deserialize the given instruction",
         "instruction arguments truncated, a bad enum tag or Option flag, a string that is not "
         "UTF-8",
         1),
    ANCH(1500, "EventInstructionStub", "The program was compiled without `event-cpi` feature",
         "instruction data starting with Anchor's event-CPI tag", 1),
    ANCH(2000, "ConstraintMut", "A mut constraint was violated",
         "an account the instruction writes was passed read-only", 1),
    ANCH(2002, "ConstraintSigner", "A signer constraint was violated",
         "cannot occur in this program", 0),
    ANCH(2003, "ConstraintRaw", "A raw constraint was violated", "cannot occur in this program", 0),
    ANCH(2005, "ConstraintRentExempt", "A rent exemption constraint was violated",
         "an init account is not rent-exempt (always passes)", 1),
    ANCH(2006, "ConstraintSeeds", "A seeds constraint was violated",
         "an account is not the expected program address", 1),
    ANCH(3001, "AccountDiscriminatorNotFound", "No discriminator was found on the account",
         "account data shorter than 8 bytes", 1),
    ANCH(3002, "AccountDiscriminatorMismatch",
         "Account discriminator did not match what was expected",
         "an account of another type in the slot", 1),
    ANCH(3003, "AccountDidNotDeserialize", "Failed to deserialize the account",
         "account data that does not decode", 1),
    ANCH(3004, "AccountDidNotSerialize", "Failed to serialize the account",
         "a record larger than its account at exit: channel name + description over 226 bytes, "
         "send_message with MessageType Custom",
         1),
    ANCH(3005, "AccountNotEnoughKeys", "Not enough account keys given to the instruction",
         "too few accounts (optional slots cannot be omitted)", 1),
    ANCH(3007, "AccountOwnedByWrongProgram",
         "The given account is owned by a different program than expected",
         "an account not owned by pod_com in a typed slot", 1),
    ANCH(3008, "InvalidProgramId", "Program ID was not as expected",
         "wrong system_program or compression_program", 1),
    ANCH(3009, "InvalidProgramExecutable", "Program account is not executable",
         "the program slot's account is not executable (e.g. no compression program)", 1),
    ANCH(3010, "AccountNotSigner", "The given account did not sign",
         "a signer slot whose account did not sign", 1),
    ANCH(3012, "AccountNotInitialized",
         "The program expected this account to be already initialized",
         "a typed slot (optional ones too) whose account does not exist", 1),
    ANCH(4100, "DeclaredProgramIdMismatch",
         "The declared program id does not match the actual program id",
         "the program runs under another address", 1),
    ANCH(4101, "TryingToInitPayerAsProgramAccount",
         "You cannot/should not initialize the payer account as a program account",
         "an init slot given the payer's own key", 1),

    SYS(0, "AccountAlreadyInUse", "an account with the same address already exists",
        "System CPI: the account to create exists (agent, message, channel, participant, "
        "invitation, escrow already there)"),
    SYS(1, "ResultWithNegativeLamports",
        "account does not have enough SOL to perform the operation",
        "System CPI: the payer cannot cover rent or the deposit"),
};

enum { SYSTEM_FIRST = N(table) - 2 };

const pod_program_error_t *pod_program_error(uint32_t code) {
  if (code >= POD_ERR_PROGRAM_FIRST && code <= POD_ERR_PROGRAM_LAST)
    return &table[code - POD_ERR_PROGRAM_FIRST];
  for (size_t i = POD_ERR_PROGRAM_LAST - POD_ERR_PROGRAM_FIRST + 1; i < SYSTEM_FIRST; i++)
    if (table[i].code == code) return &table[i];
  return NULL;
}

const pod_program_error_t *pod_system_error(uint32_t code) {
  return code <= 1 ? &table[SYSTEM_FIRST + code] : NULL;
}

const pod_program_error_t *pod_custom_error(uint32_t code, int source) {
  switch (source) {
  case POD_SOURCE_POD_COM: return code <= 1 ? pod_system_error(code) : pod_program_error(code);
  case POD_SOURCE_SYSTEM: return pod_system_error(code);
  default: return NULL;
  }
}

size_t pod_error_count(void) { return N(table); }

const pod_program_error_t *pod_error_at(size_t i) { return i < N(table) ? &table[i] : NULL; }

/* ---- bounded text output ---- */

typedef struct {
  char *out;
  size_t sz, len;
  int overflow;
} sbuf_t;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_printf(sbuf_t *b, const char *fmt, ...) {
  va_list ap;
  if (b->overflow) return;
  va_start(ap, fmt);
  int n = vsnprintf(b->out + b->len, b->sz - b->len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= b->sz - b->len) {
    b->overflow = 1;
    return;
  }
  b->len += (size_t)n;
}

static int sb_finish(sbuf_t *b, size_t *out_len) {
  if (b->overflow) {
    b->out[0] = '\0';
    if (out_len) *out_len = 0;
    return POD_ENOSPC;
  }
  if (out_len) *out_len = b->len;
  return POD_OK;
}

int pod_anchor_error_log(char *out, size_t out_sz, size_t *out_len, size_t *n_lines, uint32_t code,
                         const pod_anchor_origin_t *origin) {
  if (!out || out_sz == 0) return out ? POD_ENOSPC : POD_EINVAL;
  out[0] = '\0';
  const pod_program_error_t *e = pod_program_error(code);
  if (!e) return POD_ENOTFOUND;
  sbuf_t b = {out, out_sz, 0, 0};
  if (origin && origin->file)
    sb_printf(&b, "AnchorError thrown in %s:%u.", origin->file, (unsigned)origin->line);
  else if (origin && origin->account)
    sb_printf(&b, "AnchorError caused by account: %s.", origin->account);
  else
    sb_printf(&b, "AnchorError occurred.");
  sb_printf(&b, " Error Code: %s. Error Number: %u. Error Message: %s.", e->name, (unsigned)e->code,
            e->message);
  size_t lines = 1;
  if (origin && origin->left && origin->right) {
    char l[POD_BASE58_32_SZ], r[POD_BASE58_32_SZ];
    pod_base58_encode_32(l, origin->left->b);
    pod_base58_encode_32(r, origin->right->b);
    sb_printf(&b, "\nLeft:\n%s\nRight:\n%s", l, r);
    lines = 5;
  }
  int rc = sb_finish(&b, out_len);
  if (rc == POD_OK && n_lines) *n_lines = lines;
  return rc;
}

/* ---- runtime errors ---- */

/* The runtime's names and messages: one pool of strings (a struct of char arrays, laid out by the
 * compiler) and 16-bit offsets into it: no pointers, so no relocations, and a quarter of the size
 * of a table of pointer pairs. The X-macro lists are in the enums' order (pod_ix_error_t,
 * pod_tx_error_kind_t); the variant's identifier is its JSON name. */
#define IX_ERRORS(X)                                                                               \
  X(GenericError, "generic instruction error")                                                     \
  X(InvalidArgument, "invalid program argument")                                                   \
  X(InvalidInstructionData, "invalid instruction data")                                            \
  X(InvalidAccountData, "invalid account data for instruction")                                    \
  X(AccountDataTooSmall, "account data too small for instruction")                                 \
  X(InsufficientFunds, "insufficient funds for instruction")                                       \
  X(IncorrectProgramId, "incorrect program id for instruction")                                    \
  X(MissingRequiredSignature, "missing required signature for instruction")                        \
  X(AccountAlreadyInitialized, "instruction requires an uninitialized account")                    \
  X(UninitializedAccount, "instruction requires an initialized account")                           \
  X(UnbalancedInstruction, "sum of account balances before and after instruction do not match")    \
  X(ModifiedProgramId, "instruction illegally modified the program id of an account")              \
  X(ExternalAccountLamportSpend,                                                                   \
    "instruction spent from the balance of an account it does not own")                            \
  X(ExternalAccountDataModified, "instruction modified data of an account it does not own")        \
  X(ReadonlyLamportChange, "instruction changed the balance of a read-only account")               \
  X(ReadonlyDataModified, "instruction modified data of a read-only account")                      \
  X(DuplicateAccountIndex, "instruction contains duplicate accounts")                              \
  X(ExecutableModified, "instruction changed executable bit of an account")                        \
  X(RentEpochModified, "instruction modified rent epoch of an account")                            \
  X(NotEnoughAccountKeys, "insufficient account keys for instruction")                             \
  X(AccountDataSizeChanged,                                                                        \
    "program other than the account's owner changed the size of the account data")                 \
  X(AccountNotExecutable, "instruction expected an executable account")                            \
  X(AccountBorrowFailed,                                                                           \
    "instruction tries to borrow reference for an account which is already borrowed")              \
  X(AccountBorrowOutstanding, "instruction left account with an outstanding borrowed reference")   \
  X(DuplicateAccountOutOfSync, "instruction modifications of multiply-passed account differ")      \
  X(Custom, "custom program error")                                                                \
  X(InvalidError, "program returned invalid error code")                                           \
  X(ExecutableDataModified, "instruction changed executable accounts data")                        \
  X(ExecutableLamportChange, "instruction changed the balance of an executable account")           \
  X(ExecutableAccountNotRentExempt, "executable accounts must be rent exempt")                     \
  X(UnsupportedProgramId, "Unsupported program id")                                                \
  X(CallDepth, "Cross-program invocation call depth too deep")                                     \
  X(MissingAccount, "An account required by the instruction is missing")                           \
  X(ReentrancyNotAllowed, "Cross-program invocation reentrancy not allowed for this instruction")  \
  X(MaxSeedLengthExceeded, "Length of the seed is too long for address generation")                \
  X(InvalidSeeds, "Provided seeds do not result in a valid address")                               \
  X(InvalidRealloc, "Failed to reallocate account data")                                           \
  X(ComputationalBudgetExceeded, "Computational budget exceeded")                                  \
  X(PrivilegeEscalation, "Cross-program invocation with unauthorized signer or writable account")  \
  X(ProgramEnvironmentSetupFailure, "Failed to create program execution environment")              \
  X(ProgramFailedToComplete, "Program failed to complete")                                         \
  X(ProgramFailedToCompile, "Program failed to compile")                                           \
  X(Immutable, "Account is immutable")                                                             \
  X(IncorrectAuthority, "Incorrect authority provided")                                            \
  X(BorshIoError, "Failed to serialize or deserialize account data")                               \
  X(AccountNotRentExempt, "An account does not have enough lamports to be rent-exempt")            \
  X(InvalidAccountOwner, "Invalid account owner")                                                  \
  X(ArithmeticOverflow, "Program arithmetic overflowed")                                           \
  X(UnsupportedSysvar, "Unsupported sysvar")                                                       \
  X(IllegalOwner, "Provided owner is not allowed")                                                 \
  X(MaxAccountsDataAllocationsExceeded,                                                            \
    "Accounts data allocations exceeded the maximum allowed per transaction")                      \
  X(MaxAccountsExceeded, "Max accounts exceeded")                                                  \
  X(MaxInstructionTraceLengthExceeded, "Max instruction trace length exceeded")                    \
  X(BuiltinProgramsMustConsumeComputeUnits, "Builtin programs must consume compute units")

#define TX_ERRORS(X)                                                                               \
  X(AccountInUse, "Account in use")                                                                \
  X(AccountLoadedTwice, "Account loaded twice")                                                    \
  X(AccountNotFound, "Attempt to debit an account but found no record of a prior credit.")         \
  X(ProgramAccountNotFound, "Attempt to load a program that does not exist")                       \
  X(InsufficientFundsForFee, "Insufficient funds for fee")                                         \
  X(InvalidAccountForFee, "This account may not be used to pay transaction fees")                  \
  X(AlreadyProcessed, "This transaction has already been processed")                               \
  X(BlockhashNotFound, "Blockhash not found")                                                      \
  X(InstructionError, "Error processing Instruction")                                              \
  X(CallChainTooDeep, "Loader call chain is too deep")                                             \
  X(MissingSignatureForFee, "Transaction requires a fee but has no signature present")             \
  X(InvalidAccountIndex, "Transaction contains an invalid account reference")                      \
  X(SignatureFailure, "Transaction did not pass signature verification")                           \
  X(InvalidProgramForExecution, "This program may not be used for executing instructions")         \
  X(SanitizeFailure, "Transaction failed to sanitize accounts offsets correctly")                  \
  X(ClusterMaintenance, "Transactions are currently disabled due to cluster maintenance")          \
  X(AccountBorrowOutstanding,                                                                      \
    "Transaction processing left an account with an outstanding borrowed reference")               \
  X(WouldExceedMaxBlockCostLimit, "Transaction would exceed max Block Cost Limit")                 \
  X(UnsupportedVersion, "Transaction version is unsupported")                                      \
  X(InvalidWritableAccount, "Transaction loads a writable account that cannot be written")         \
  X(WouldExceedMaxAccountCostLimit, "Transaction would exceed max account limit within the block") \
  X(WouldExceedAccountDataBlockLimit,                                                              \
    "Transaction would exceed account data limit within the block")                                \
  X(TooManyAccountLocks, "Transaction locked too many accounts")                                   \
  X(AddressLookupTableNotFound, "Transaction loads an address table account that doesn't exist")   \
  X(InvalidAddressLookupTableOwner,                                                                \
    "Transaction loads an address table account with an invalid owner")                            \
  X(InvalidAddressLookupTableData, "Transaction loads an address table account with invalid data") \
  X(InvalidAddressLookupTableIndex, "Transaction address table lookup uses an invalid index")      \
  X(InvalidRentPayingAccount,                                                                      \
    "Transaction leaves an account with a lower balance than rent-exempt minimum")                 \
  X(WouldExceedMaxVoteCostLimit, "Transaction would exceed max Vote Cost Limit")                   \
  X(WouldExceedAccountDataTotalLimit, "Transaction would exceed total account data limit")         \
  X(DuplicateInstruction, "Transaction contains a duplicate instruction")                          \
  X(InsufficientFundsForRent,                                                                      \
    "Transaction results in an account with insufficient funds for rent")                          \
  X(MaxLoadedAccountsDataSizeExceeded, "Transaction exceeded max loaded accounts data size cap")   \
  X(InvalidLoadedAccountsDataSizeLimit,                                                            \
    "LoadedAccountsDataSizeLimit set for transaction must be greater than 0.")                     \
  X(ResanitizationNeeded, "ResanitizationNeeded")                                                  \
  X(ProgramExecutionTemporarilyRestricted, "Execution of the program is temporarily restricted.")  \
  X(UnbalancedTransaction, "Sum of account balances before and after transaction do not match")    \
  X(ProgramCacheHitMaxLimit, "Program cache hit max limit")

static const struct pool {
#define X(n, m) char ix_##n[sizeof #n], ix_##n##_msg[sizeof m];
  IX_ERRORS(X)
#undef X
#define X(n, m) char tx_##n[sizeof #n], tx_##n##_msg[sizeof m];
  TX_ERRORS(X)
#undef X
} pool = {
#define X(n, m) #n, m,
    IX_ERRORS(X) TX_ERRORS(X)
#undef X
};
_Static_assert(sizeof(struct pool) <= UINT16_MAX, "error strings over 64 KB: widen the offsets");

typedef struct {
  uint16_t name, message; /* offsets into pool */
} name_msg_t;

static const name_msg_t ix_errors[] = {
#define X(n, m) {offsetof(struct pool, ix_##n), offsetof(struct pool, ix_##n##_msg)},
    IX_ERRORS(X)
#undef X
};
static const name_msg_t tx_errors[] = {
#define X(n, m) {offsetof(struct pool, tx_##n), offsetof(struct pool, tx_##n##_msg)},
    TX_ERRORS(X)
#undef X
};
_Static_assert(N(ix_errors) == POD_IXERR_COUNT, "IX_ERRORS and pod_ix_error_t differ");
_Static_assert(N(tx_errors) == POD_TXERR_COUNT, "TX_ERRORS and pod_tx_error_kind_t differ");

static const char *str(uint16_t off) { return (const char *)&pool + off; }

const char *pod_ix_error_name(int e) {
  return e >= 0 && e < POD_IXERR_COUNT ? str(ix_errors[e].name) : NULL;
}
const char *pod_ix_error_message(int e) {
  return e >= 0 && e < POD_IXERR_COUNT ? str(ix_errors[e].message) : NULL;
}
const char *pod_tx_error_name(int k) {
  return k >= 0 && k < POD_TXERR_COUNT ? str(tx_errors[k].name) : NULL;
}
const char *pod_tx_error_message_text(int k) {
  return k >= 0 && k < POD_TXERR_COUNT ? str(tx_errors[k].message) : NULL;
}

static int from_name(const name_msg_t *t, int n, const char *name, size_t len) {
  if (!name) return -1;
  for (int i = 0; i < n; i++) {
    const char *s = str(t[i].name);
    if (strlen(s) == len && memcmp(s, name, len) == 0) return i;
  }
  return -1;
}

int pod_ix_error_from_name(const char *name, size_t len) {
  return from_name(ix_errors, POD_IXERR_COUNT, name, len);
}
int pod_tx_error_from_name(const char *name, size_t len) {
  return from_name(tx_errors, POD_TXERR_COUNT, name, len);
}

static void ix_format(sbuf_t *b, int ix_error, uint32_t custom) {
  if (ix_error == POD_IXERR_CUSTOM)
    sb_printf(b, "custom program error: 0x%x", (unsigned)custom);
  else
    sb_printf(b, "%s", str(ix_errors[ix_error].message));
}

int pod_ix_error_format(char *out, size_t out_sz, size_t *out_len, int ix_error, uint32_t custom) {
  if (!out || ix_error < 0 || ix_error >= POD_IXERR_COUNT) return POD_EINVAL;
  if (out_sz == 0) return POD_ENOSPC;
  sbuf_t b = {out, out_sz, 0, 0};
  ix_format(&b, ix_error, custom);
  return sb_finish(&b, out_len);
}

static int tx_valid(const pod_tx_error_t *e) {
  return e && e->kind < POD_TXERR_COUNT &&
         (e->kind != POD_TXERR_INSTRUCTION_ERROR || e->ix_error < POD_IXERR_COUNT);
}

int pod_tx_error_message(char *out, size_t out_sz, size_t *out_len, const pod_tx_error_t *e) {
  if (!out || !tx_valid(e)) return POD_EINVAL;
  if (out_sz == 0) return POD_ENOSPC;
  sbuf_t b = {out, out_sz, 0, 0};
  switch (e->kind) {
  case POD_TXERR_INSTRUCTION_ERROR:
    sb_printf(&b, "Error processing Instruction %u: ", (unsigned)e->index);
    ix_format(&b, e->ix_error, e->custom);
    break;
  case POD_TXERR_DUPLICATE_INSTRUCTION:
    sb_printf(&b, "Transaction contains a duplicate instruction (%u) that is not allowed",
              (unsigned)e->index);
    break;
  case POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT:
    sb_printf(&b, "Transaction results in an account (%u) with insufficient funds for rent",
              (unsigned)e->index);
    break;
  case POD_TXERR_PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED:
    sb_printf(&b,
              "Execution of the program referenced by account at index %u is temporarily "
              "restricted.",
              (unsigned)e->index);
    break;
  default: sb_printf(&b, "%s", str(tx_errors[e->kind].message));
  }
  return sb_finish(&b, out_len);
}

int pod_tx_error_json(char *out, size_t out_sz, size_t *out_len, const pod_tx_error_t *e) {
  if (!out || !tx_valid(e)) return POD_EINVAL;
  if (out_sz == 0) return POD_ENOSPC;
  sbuf_t b = {out, out_sz, 0, 0};
  const char *name = str(tx_errors[e->kind].name);
  switch (e->kind) {
  case POD_TXERR_INSTRUCTION_ERROR:
    if (e->ix_error == POD_IXERR_CUSTOM)
      sb_printf(&b, "{\"InstructionError\":[%u,{\"Custom\":%u}]}", (unsigned)e->index,
                (unsigned)e->custom);
    else
      sb_printf(&b, "{\"InstructionError\":[%u,\"%s\"]}", (unsigned)e->index,
                str(ix_errors[e->ix_error].name));
    break;
  case POD_TXERR_DUPLICATE_INSTRUCTION:
    sb_printf(&b, "{\"%s\":%u}", name, (unsigned)e->index);
    break;
  case POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT:
  case POD_TXERR_PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED:
    sb_printf(&b, "{\"%s\":{\"account_index\":%u}}", name, (unsigned)e->index);
    break;
  default: sb_printf(&b, "\"%s\"", name);
  }
  return sb_finish(&b, out_len);
}

const pod_program_error_t *pod_tx_error_program_error(const pod_tx_error_t *e,
                                                      const uint8_t *ix_sources, size_t ix_count) {
  if (!e || e->kind != POD_TXERR_INSTRUCTION_ERROR || e->ix_error != POD_IXERR_CUSTOM) return NULL;
  if (!ix_sources || e->index >= ix_count) return NULL;
  return pod_custom_error(e->custom, ix_sources[e->index]);
}
