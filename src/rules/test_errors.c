/* The error tables against PROTOCOL.md §4.1 / Anchor 0.31 / the runtime, and their formatters. */
#include "pod/errors.h"
#include "pod/validate.h"
#include "test/pod_test.h"

typedef struct {
  uint32_t code;
  const char *name, *message;
} want_t;

/* PROTOCOL.md §4.1 (program) and Anchor 0.31's lang/src/error.rs (framework). */
static const want_t program_want[] = {
    {6000, "InvalidMetadataUriLength", "Invalid metadata URI length"},
    {6001, "Unauthorized", "Unauthorized"},
    {6002, "MessageExpired", "Message expired"},
    {6003, "InvalidMessageStatusTransition", "Invalid message status transition"},
    {6004, "ChannelFull", "Channel is full"},
    {6005, "AlreadyInChannel", "Already in channel"},
    {6006, "NotInChannel", "Not in channel"},
    {6007, "InsufficientFunds", "Insufficient funds"},
    {6008, "ChannelNameTooLong", "Channel name too long"},
    {6009, "ChannelDescriptionTooLong", "Channel description too long"},
    {6010, "InsufficientReputation", "Insufficient reputation"},
    {6011, "RateLimitExceeded", "Rate limit exceeded"},
    {6012, "MessageContentTooLong", "Message content too long"},
    {6013, "PrivateChannelRequiresInvitation", "Private channel requires invitation"},
    {6014, "HashingFailed", "Hashing operation failed"},
    {6015, "SecureMemoryAllocationFailed", "Secure memory allocation failed"},
    {6016, "InvalidTimestamp", "Invalid timestamp"},
    {6017, "InvalidMessageHash", "Invalid message hash"},
};
static const want_t anchor_want[] = {
    {101, "InstructionFallbackNotFound", "Fallback functions are not supported"},
    {102, "InstructionDidNotDeserialize",
     "The program could not deserialize the given instruction"},
    {1500, "EventInstructionStub", "The program was compiled without `event-cpi` feature"},
    {2000, "ConstraintMut", "A mut constraint was violated"},
    {2002, "ConstraintSigner", "A signer constraint was violated"},
    {2003, "ConstraintRaw", "A raw constraint was violated"},
    {2005, "ConstraintRentExempt", "A rent exemption constraint was violated"},
    {2006, "ConstraintSeeds", "A seeds constraint was violated"},
    {3001, "AccountDiscriminatorNotFound", "No discriminator was found on the account"},
    {3002, "AccountDiscriminatorMismatch", "Account discriminator did not match what was expected"},
    {3003, "AccountDidNotDeserialize", "Failed to deserialize the account"},
    {3004, "AccountDidNotSerialize", "Failed to serialize the account"},
    {3005, "AccountNotEnoughKeys", "Not enough account keys given to the instruction"},
    {3007, "AccountOwnedByWrongProgram",
     "The given account is owned by a different program than expected"},
    {3008, "InvalidProgramId", "Program ID was not as expected"},
    {3009, "InvalidProgramExecutable", "Program account is not executable"},
    {3010, "AccountNotSigner", "The given account did not sign"},
    {3012, "AccountNotInitialized", "The program expected this account to be already initialized"},
    {4100, "DeclaredProgramIdMismatch",
     "The declared program id does not match the actual program id"},
    {4101, "TryingToInitPayerAsProgramAccount",
     "You cannot/should not initialize the payer account as a program account"},
};

static void test_program_table(void) {
  for (size_t i = 0; i < sizeof program_want / sizeof program_want[0]; i++) {
    const pod_program_error_t *e = pod_program_error(program_want[i].code);
    CHECK(e != NULL);
    if (!e) continue;
    CHECK_EQ(e->code, program_want[i].code);
    CHECK_EQ(e->code, 6000 + i);
    CHECK_STR(e->name, program_want[i].name);
    CHECK_STR(e->message, program_want[i].message);
    CHECK_EQ(e->origin, POD_ERR_ORIGIN_PROGRAM);
    CHECK(e->when && e->when[0]);
    CHECK_EQ(e->reachable, (e->code == 6005 || e->code == 6014) ? 0 : 1);
    /* the log hex of §4.1: 0x1770 + index */
    char hex[16];
    snprintf(hex, sizeof hex, "0x%x", (unsigned)e->code);
    char want_hex[16];
    snprintf(want_hex, sizeof want_hex, "0x%x", 0x1770u + (unsigned)i);
    CHECK_STR(hex, want_hex);
  }
  CHECK_EQ(POD_ERR_INVALID_MESSAGE_HASH, 0x1781);
  CHECK_EQ(POD_ERR_RATE_LIMIT_EXCEEDED, 0x177b);
  CHECK(pod_program_error(5999) == NULL);
  CHECK(pod_program_error(6018) == NULL);
}

static void test_anchor_table(void) {
  for (size_t i = 0; i < sizeof anchor_want / sizeof anchor_want[0]; i++) {
    const pod_program_error_t *e = pod_program_error(anchor_want[i].code);
    CHECK(e != NULL);
    if (!e) continue;
    CHECK_EQ(e->code, anchor_want[i].code);
    CHECK_STR(e->name, anchor_want[i].name);
    CHECK_STR(e->message, anchor_want[i].message);
    CHECK_EQ(e->origin, POD_ERR_ORIGIN_ANCHOR);
    CHECK_EQ(e->reachable, (e->code == 2002 || e->code == 2003) ? 0 : 1);
  }
  /* codes Anchor has but this program cannot produce are not in the table */
  static const uint32_t absent[] = {0,    1,    2,    100,  103,  1000, 2001,
                                    2004, 3000, 3006, 3011, 4102, 5000};
  for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
    CHECK(pod_program_error(absent[i]) == NULL);
}

static void test_system_and_sources(void) {
  const pod_program_error_t *e0 = pod_system_error(0), *e1 = pod_system_error(1);
  CHECK(e0 && e1);
  CHECK_STR(e0->name, "AccountAlreadyInUse");
  CHECK_STR(e0->message, "an account with the same address already exists");
  CHECK_STR(e1->name, "ResultWithNegativeLamports");
  CHECK_STR(e1->message, "account does not have enough SOL to perform the operation");
  CHECK_EQ(e0->origin, POD_ERR_ORIGIN_SYSTEM);
  CHECK(pod_system_error(2) == NULL);
  CHECK(pod_system_error(6000) == NULL);

  /* pod_com instruction: 0/1 come from its System CPI; 6000+ are its own */
  CHECK(pod_custom_error(0, POD_SOURCE_POD_COM) == e0);
  CHECK(pod_custom_error(1, POD_SOURCE_POD_COM) == e1);
  CHECK(pod_custom_error(6001, POD_SOURCE_POD_COM) == pod_program_error(6001));
  CHECK(pod_custom_error(3004, POD_SOURCE_POD_COM) == pod_program_error(3004));
  CHECK(pod_custom_error(2, POD_SOURCE_POD_COM) == NULL);
  /* System instruction: only 0/1 */
  CHECK(pod_custom_error(0, POD_SOURCE_SYSTEM) == e0);
  CHECK(pod_custom_error(6001, POD_SOURCE_SYSTEM) == NULL);
  /* another program: nothing is ours */
  CHECK(pod_custom_error(0, POD_SOURCE_OTHER) == NULL);
  CHECK(pod_custom_error(6001, POD_SOURCE_OTHER) == NULL);
  CHECK(pod_custom_error(6001, 99) == NULL);

  /* from a transaction error: instruction 1 is pod_com, 0 is Compute Budget */
  uint8_t sources[2] = {POD_SOURCE_OTHER, POD_SOURCE_POD_COM};
  pod_tx_error_t te = {POD_TXERR_INSTRUCTION_ERROR, 1, POD_IXERR_CUSTOM, 6001};
  CHECK(pod_tx_error_program_error(&te, sources, 2) == pod_program_error(6001));
  te.custom = 0;
  CHECK(pod_tx_error_program_error(&te, sources, 2) == e0);
  te.index = 0;
  CHECK(pod_tx_error_program_error(&te, sources, 2) == NULL);
  te.index = 2; /* out of range */
  CHECK(pod_tx_error_program_error(&te, sources, 2) == NULL);
  te.index = 1, te.ix_error = POD_IXERR_PROGRAM_FAILED_TO_COMPLETE;
  CHECK(pod_tx_error_program_error(&te, sources, 2) == NULL);
  pod_tx_error_t bh = {POD_TXERR_BLOCKHASH_NOT_FOUND, 0, 0, 0};
  CHECK(pod_tx_error_program_error(&bh, sources, 2) == NULL);
  CHECK(pod_tx_error_program_error(NULL, sources, 2) == NULL);
}

static void test_iteration(void) {
  size_t n = pod_error_count();
  CHECK_EQ(n, 18 + 20 + 2);
  CHECK(pod_error_at(n) == NULL);
  size_t prog = 0, anch = 0, sys = 0;
  for (size_t i = 0; i < n; i++) {
    const pod_program_error_t *e = pod_error_at(i);
    CHECK(e != NULL);
    if (!e) continue;
    if (e->origin == POD_ERR_ORIGIN_PROGRAM) {
      prog++;
      CHECK(pod_program_error(e->code) == e);
    } else if (e->origin == POD_ERR_ORIGIN_ANCHOR) {
      anch++;
      CHECK(pod_program_error(e->code) == e);
      if (i + 1 < n && pod_error_at(i + 1)->origin == POD_ERR_ORIGIN_ANCHOR)
        CHECK(pod_error_at(i + 1)->code > e->code);
    } else {
      sys++;
      CHECK(pod_system_error(e->code) == e);
    }
    CHECK(e->name && e->message && e->when);
  }
  CHECK_EQ(prog, 18);
  CHECK_EQ(anch, 20);
  CHECK_EQ(sys, 2);
  CHECK_EQ(pod_error_at(0)->code, 6000);
  CHECK_EQ(pod_error_at(17)->code, 6017);
  CHECK_EQ(pod_error_at(18)->code, 101);
  CHECK_EQ(pod_error_at(38)->code, 0);
  CHECK_EQ(pod_error_at(39)->code, 1);
}

static void test_anchor_log(void) {
  char buf[POD_ANCHOR_LOG_SZ];
  size_t len = 0, lines = 0;
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 6000, NULL), POD_OK);
  CHECK_STR(buf, "AnchorError occurred. Error Code: InvalidMetadataUriLength. Error Number: 6000. "
                 "Error Message: Invalid metadata URI length.");
  CHECK_EQ(len, strlen(buf));
  CHECK_EQ(lines, 1);

  pod_anchor_origin_t o = {0};
  o.account = "message_account";
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 3004, &o), POD_OK);
  CHECK_STR(buf, "AnchorError caused by account: message_account. Error Code: "
                 "AccountDidNotSerialize. Error Number: 3004. Error Message: Failed to serialize "
                 "the account.");

  /* 2006 with Left = provided, Right = expected */
  pod_pubkey_t left, right;
  memset(left.b, 0, 32); /* 1111...1111 */
  CHECK_EQ(pod_test_unhex(right.b, 32,
                          "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8"),
           32);
  o.account = "agent_account";
  o.left = &left, o.right = &right;
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 2006, &o), POD_OK);
  CHECK_STR(buf, "AnchorError caused by account: agent_account. Error Code: ConstraintSeeds. Error "
                 "Number: 2006. Error Message: A seeds constraint was violated.\nLeft:\n"
                 "11111111111111111111111111111111\nRight:\n"
                 "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps");
  CHECK_EQ(lines, 5);
  CHECK_EQ(len, strlen(buf));

  /* only one key: no Left/Right lines */
  o.right = NULL;
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 2006, &o), POD_OK);
  CHECK_EQ(lines, 1);
  CHECK(strchr(buf, '\n') == NULL);

  /* with source location (get_channel_participants) */
  pod_anchor_origin_t src = {0};
  src.file = "programs/pod-com/src/lib.rs";
  src.line = 1323;
  src.account = "ignored";
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 6006, &src), POD_OK);
  CHECK_STR(buf,
            "AnchorError thrown in programs/pod-com/src/lib.rs:1323. Error Code: NotInChannel. "
            "Error Number: 6006. Error Message: Not in channel.");

  /* no entry, too small, bad args */
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 0, NULL), POD_ENOTFOUND);
  CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, &len, &lines, 7000, NULL), POD_ENOTFOUND);
  char small[40];
  CHECK_EQ(pod_anchor_error_log(small, sizeof small, &len, &lines, 6000, NULL), POD_ENOSPC);
  CHECK_STR(small, "");
  CHECK_EQ(len, 0);
  CHECK_EQ(pod_anchor_error_log(NULL, 10, &len, &lines, 6000, NULL), POD_EINVAL);
  CHECK_EQ(pod_anchor_error_log(small, 0, &len, &lines, 6000, NULL), POD_ENOSPC);

  /* every entry fits POD_ANCHOR_LOG_SZ with a 64-byte slot name and both keys */
  char slot[65];
  memset(slot, 'x', 64);
  slot[64] = '\0';
  o.account = slot, o.right = &right;
  for (size_t i = 0; i < pod_error_count(); i++) {
    const pod_program_error_t *e = pod_error_at(i);
    if (e->origin == POD_ERR_ORIGIN_SYSTEM) continue;
    CHECK_EQ(pod_anchor_error_log(buf, sizeof buf, NULL, NULL, e->code, &o), POD_OK);
  }
}

static void test_runtime_tables(void) {
  CHECK_STR(pod_ix_error_name(POD_IXERR_PROGRAM_FAILED_TO_COMPLETE), "ProgramFailedToComplete");
  CHECK_STR(pod_ix_error_message(POD_IXERR_PROGRAM_FAILED_TO_COMPLETE),
            "Program failed to complete");
  CHECK_STR(pod_ix_error_name(POD_IXERR_PRIVILEGE_ESCALATION), "PrivilegeEscalation");
  CHECK_STR(pod_ix_error_message(POD_IXERR_PRIVILEGE_ESCALATION),
            "Cross-program invocation with unauthorized signer or writable account");
  CHECK_STR(pod_ix_error_name(POD_IXERR_CUSTOM), "Custom");
  CHECK_STR(pod_ix_error_name(POD_IXERR_MAX_SEED_LENGTH_EXCEEDED), "MaxSeedLengthExceeded");
  CHECK_STR(pod_ix_error_message(POD_IXERR_MAX_SEED_LENGTH_EXCEEDED),
            "Length of the seed is too long for address generation");
  CHECK_STR(pod_ix_error_name(POD_IXERR_GENERIC_ERROR), "GenericError");
  CHECK_STR(pod_ix_error_name(POD_IXERR_BUILTIN_PROGRAMS_MUST_CONSUME_COMPUTE_UNITS),
            "BuiltinProgramsMustConsumeComputeUnits");
  /* the runtime's bincode tags */
  CHECK_EQ(POD_IXERR_CUSTOM, 25);
  CHECK_EQ(POD_IXERR_PRIVILEGE_ESCALATION, 38);
  CHECK_EQ(POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 40);
  CHECK_EQ(POD_IXERR_COUNT, 54);
  CHECK_EQ(POD_TXERR_INSTRUCTION_ERROR, 8);
  CHECK_EQ(POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, 31);
  CHECK(pod_ix_error_name(-1) == NULL);
  CHECK(pod_ix_error_name(POD_IXERR_COUNT) == NULL);
  CHECK(pod_ix_error_message(POD_IXERR_COUNT) == NULL);

  static const struct {
    int kind;
    const char *name, *msg;
  } tx[] = {
      {POD_TXERR_BLOCKHASH_NOT_FOUND, "BlockhashNotFound", "Blockhash not found"},
      {POD_TXERR_ALREADY_PROCESSED, "AlreadyProcessed",
       "This transaction has already been processed"},
      {POD_TXERR_ACCOUNT_NOT_FOUND, "AccountNotFound",
       "Attempt to debit an account but found no record of a prior credit."},
      {POD_TXERR_INSUFFICIENT_FUNDS_FOR_FEE, "InsufficientFundsForFee",
       "Insufficient funds for fee"},
      {POD_TXERR_INVALID_ACCOUNT_FOR_FEE, "InvalidAccountForFee",
       "This account may not be used to pay transaction fees"},
      {POD_TXERR_SIGNATURE_FAILURE, "SignatureFailure",
       "Transaction did not pass signature verification"},
      {POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, "InsufficientFundsForRent",
       "Transaction results in an account with insufficient funds for rent"},
      /* the string pool's first and last entries, and one whose name is its message */
      {POD_TXERR_ACCOUNT_IN_USE, "AccountInUse", "Account in use"},
      {POD_TXERR_RESANITIZATION_NEEDED, "ResanitizationNeeded", "ResanitizationNeeded"},
      {POD_TXERR_PROGRAM_CACHE_HIT_MAX_LIMIT, "ProgramCacheHitMaxLimit",
       "Program cache hit max limit"},
  };
  CHECK_STR(pod_ix_error_message(POD_IXERR_GENERIC_ERROR), "generic instruction error");
  CHECK_STR(pod_ix_error_message(POD_IXERR_BUILTIN_PROGRAMS_MUST_CONSUME_COMPUTE_UNITS),
            "Builtin programs must consume compute units");
  for (size_t i = 0; i < sizeof tx / sizeof tx[0]; i++) {
    CHECK_STR(pod_tx_error_name(tx[i].kind), tx[i].name);
    CHECK_STR(pod_tx_error_message_text(tx[i].kind), tx[i].msg);
    CHECK_EQ(pod_tx_error_from_name(tx[i].name, strlen(tx[i].name)), tx[i].kind);
  }
  CHECK(pod_tx_error_name(POD_TXERR_COUNT) == NULL);
  CHECK(pod_tx_error_message_text(-1) == NULL);

  /* reverse lookups: every name round-trips; unknown and prefixes fail */
  for (int i = 0; i < POD_IXERR_COUNT; i++) {
    const char *n = pod_ix_error_name(i);
    CHECK(n && pod_ix_error_message(i));
    CHECK_EQ(pod_ix_error_from_name(n, strlen(n)), i);
  }
  for (int i = 0; i < POD_TXERR_COUNT; i++) {
    const char *n = pod_tx_error_name(i);
    CHECK(n && pod_tx_error_message_text(i));
    CHECK_EQ(pod_tx_error_from_name(n, strlen(n)), i);
  }
  CHECK_EQ(pod_ix_error_from_name("ProgramFailedToCompleteX", 24), -1);
  CHECK_EQ(pod_ix_error_from_name("ProgramFailed", 13), -1);
  CHECK_EQ(pod_ix_error_from_name("programfailedtocomplete", 23), -1);
  CHECK_EQ(pod_ix_error_from_name(NULL, 0), -1);
  CHECK_EQ(pod_tx_error_from_name("Blockhash", 9), -1);
}

static void test_tx_formats(void) {
  char buf[POD_TX_ERROR_TEXT_SZ];
  size_t len = 0;
  pod_tx_error_t e = {POD_TXERR_INSTRUCTION_ERROR, 0, POD_IXERR_CUSTOM, 6001};
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &e), POD_OK);
  CHECK_STR(buf, "Error processing Instruction 0: custom program error: 0x1771");
  CHECK_EQ(len, strlen(buf));
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &e), POD_OK);
  CHECK_STR(buf, "{\"InstructionError\":[0,{\"Custom\":6001}]}");

  e.custom = 0;
  CHECK_EQ(pod_ix_error_format(buf, sizeof buf, &len, POD_IXERR_CUSTOM, 0), POD_OK);
  CHECK_STR(buf, "custom program error: 0x0");
  CHECK_EQ(pod_ix_error_format(buf, sizeof buf, &len, POD_IXERR_CUSTOM, 6000), POD_OK);
  CHECK_STR(buf, "custom program error: 0x1770");
  CHECK_EQ(pod_ix_error_format(buf, sizeof buf, &len, POD_IXERR_CUSTOM, 6010), POD_OK);
  CHECK_STR(buf, "custom program error: 0x177a");
  CHECK_EQ(pod_ix_error_format(buf, sizeof buf, &len, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 0),
           POD_OK);
  CHECK_STR(buf, "Program failed to complete");
  CHECK_EQ(pod_ix_error_format(buf, sizeof buf, &len, POD_IXERR_COUNT, 0), POD_EINVAL);

  e.index = 2, e.ix_error = POD_IXERR_PROGRAM_FAILED_TO_COMPLETE;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &e), POD_OK);
  CHECK_STR(buf, "{\"InstructionError\":[2,\"ProgramFailedToComplete\"]}");
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &e), POD_OK);
  CHECK_STR(buf, "Error processing Instruction 2: Program failed to complete");
  e.ix_error = POD_IXERR_PRIVILEGE_ESCALATION, e.index = 0;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &e), POD_OK);
  CHECK_STR(buf, "{\"InstructionError\":[0,\"PrivilegeEscalation\"]}");

  pod_tx_error_t t = {POD_TXERR_BLOCKHASH_NOT_FOUND, 0, 0, 0};
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "\"BlockhashNotFound\"");
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "Blockhash not found");

  t.kind = POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, t.index = 2;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "{\"InsufficientFundsForRent\":{\"account_index\":2}}");
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "Transaction results in an account (2) with insufficient funds for rent");

  t.kind = POD_TXERR_DUPLICATE_INSTRUCTION, t.index = 3;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "{\"DuplicateInstruction\":3}");
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "Transaction contains a duplicate instruction (3) that is not allowed");

  t.kind = POD_TXERR_PROGRAM_EXECUTION_TEMPORARILY_RESTRICTED, t.index = 4;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "{\"ProgramExecutionTemporarilyRestricted\":{\"account_index\":4}}");
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &t), POD_OK);
  CHECK_STR(buf, "Execution of the program referenced by account at index 4 is temporarily "
                 "restricted.");

  /* invalid values and small buffers */
  t.kind = POD_TXERR_COUNT;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &t), POD_EINVAL);
  CHECK_EQ(pod_tx_error_message(buf, sizeof buf, &len, &t), POD_EINVAL);
  e.ix_error = POD_IXERR_COUNT;
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, &e), POD_EINVAL);
  CHECK_EQ(pod_tx_error_json(buf, sizeof buf, &len, NULL), POD_EINVAL);
  e.ix_error = POD_IXERR_CUSTOM;
  char small[10];
  CHECK_EQ(pod_tx_error_json(small, sizeof small, &len, &e), POD_ENOSPC);
  CHECK_STR(small, "");
  CHECK_EQ(pod_tx_error_message(small, 0, &len, &e), POD_ENOSPC);

  /* POD_TX_ERROR_TEXT_SZ is enough for every variant, index 255 and the largest code */
  for (int k = 0; k < POD_TXERR_COUNT; k++) {
    for (int ix = 0; ix < (k == POD_TXERR_INSTRUCTION_ERROR ? POD_IXERR_COUNT : 1); ix++) {
      pod_tx_error_t v = {(uint8_t)k, 255, (uint8_t)ix, 0xFFFFFFFFu};
      CHECK_EQ(pod_tx_error_json(buf, sizeof buf, NULL, &v), POD_OK);
      CHECK_EQ(pod_tx_error_message(buf, sizeof buf, NULL, &v), POD_OK);
    }
  }
}

static void test_rule_names(void) {
  CHECK_STR(pod_rule_name(0), "ok");
  CHECK_STR(pod_rule_name(6004), "ChannelFull");
  CHECK_STR(pod_rule_name(102), "InstructionDidNotDeserialize");
  CHECK_STR(pod_rule_name(POD_RULE_PANIC), "ProgramFailedToComplete (panic)");
  CHECK_STR(pod_rule_name(POD_RULE_SEED_TOO_LONG), "ProgramFailedToComplete (seed too long)");
  CHECK_STR(pod_rule_name(42), "unknown");
  CHECK(pod_rule_failed_to_complete(POD_RULE_PANIC));
  CHECK(pod_rule_failed_to_complete(POD_RULE_SEED_TOO_LONG));
  CHECK(!pod_rule_failed_to_complete(6000));
  CHECK(!pod_rule_failed_to_complete(0));
}

int main(void) {
  test_program_table();
  test_anchor_table();
  test_system_and_sources();
  test_iteration();
  test_anchor_log();
  test_runtime_tables();
  test_tx_formats();
  test_rule_names();
  TEST_DONE();
}
