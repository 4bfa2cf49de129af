/* PoD program executed by the ledger engine, part 1: register_agent, update_agent, send_message,
 * update_message_status, and the Anchor framework errors (dispatch, argument decoding, account
 * checks). Written from PROTOCOL.md alone (§ references in the comments). */
#include "test_pod_program.h"

static wallet_t A, B, C, D, E;
static const char *URI = "https://example.com/agent.json";
static uint8_t HELLO[32]; /* sha256("hello") */

/* ===== register_agent (§4.4, §6.2, §6.4) ===== */

static void test_register_vector(void) {
  CHECK_EQ(now(), T0);
  CHECK_STR(b58(&A.pk), "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9");
  CHECK_STR(b58(&A.agent), "B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG");
  CHECK_EQ(A.agent_bump, 252);
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {1, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &A.pk, &a), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz,
            "879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e636f6d2f616765"
            "6e742e6a736f6e");
  uint64_t before = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(R.fee, FEE);
  CHECK_EQ(bal(&A.pk), before - POD_AGENT_RENT - FEE);
  CHECK_EQ(bal(&A.agent), 2881440);
  uint8_t d[POD_AGENT_SPACE + 8];
  CHECK_EQ(acct_data(&A.agent, d, sizeof d), 286);
  CHECK_HEX(d, 116,
            "f177458ce90970328a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c0100"
            "000000000000640000000000000000f15365000000001e00000068747470733a2f2f6578616d706c652e"
            "636f6d2f6167656e742e6a736f6e00000000000000000000fc00000000000000");
  int rest_zero = 1;
  for (size_t i = 116; i < POD_AGENT_SPACE; i++)
    if (d[i]) rest_zero = 0;
  CHECK(rest_zero);
  uint8_t want[POD_AGENT_SPACE];
  img_agent(want, &A.pk, 1, URI, strlen(URI), T0, 252);
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, want, sizeof want));
  /* §6.4: the exact sequence (the compute-unit figure aside) */
  CHECK(LOGS_ARE(
      INVOKE1, "Program log: Instruction: RegisterAgent", SYS_INVOKE, SYS_OK,
      "Program data: v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAG"
      "h0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbgDxU2UAAAAA",
      "Program log: Agent registered: AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9", CONSUMED,
      PROG_OK));
  pod_event_t ev;
  uint8_t eb[POD_EVENT_DATA_MAX];
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK_EQ(ev.kind, POD_EVENT_AGENT_REGISTERED);
  CHECK(pod_pubkey_eq(&ev.u.agent_registered.agent, &A.pk)); /* Q30: the wallet */
  CHECK_EQ(ev.u.agent_registered.capabilities, 1);
  CHECK(ev.u.agent_registered.metadata_uri.len == strlen(URI) &&
        !memcmp(ev.u.agent_registered.metadata_uri.ptr, URI, strlen(URI)));
  CHECK_EQ(ev.u.agent_registered.timestamp, T0);
  CHECK_EQ(event_at(1, &ev, eb), POD_ENOTFOUND);
}

static int reg_fails(const wallet_t *w, uint64_t caps, const char *uri, size_t len, uint32_t code) {
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {caps, {uri, len}};
  if (pod_ix_register_agent(&ix, &w->pk, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}

static int reg_ok(uint8_t seed, uint64_t caps, const char *uri, size_t len) {
  wallet_t w;
  wallet(&w, seed, SOL);
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {caps, {uri, len}};
  if (pod_ix_register_agent(&ix, &w.pk, &a) != POD_OK) return 0;
  tx(&ix.ix, &w, NULL);
  if (!ok()) return 0;
  uint8_t want[POD_AGENT_SPACE];
  img_agent(want, &w.pk, caps, uri, len, now(), w.agent_bump);
  return acct_is(&w.agent, POD_AGENT_RENT, want, sizeof want) &&
         bal(&w.pk) == SOL - POD_AGENT_RENT - FEE;
}

static void test_register_checks(void) {
  char u[256];
  CHECK(at(T0 + 10));
  /* (1) blank: the whole failure sequence of §6.4 */
  CHECK(reg_fails(&C, 1, "          ", 10, 6000));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: RegisterAgent", SYS_INVOKE, SYS_OK,
                 "Program log: AnchorError occurred. Error Code: InvalidMetadataUriLength. Error "
                 "Number: 6000. Error Message: Invalid metadata URI length.",
                 CONSUMED, "Program " PROG " failed: custom program error: 0x1770"));
  CHECK(reg_fails(&C, 1, "", 0, 6000));
  CHECK(reg_fails(&C, 1, "\t\t\t\t\t\t\t\t\t\t\t\t", 12, 6000));
  /* (2) longer than 200 bytes; (3) shorter than 10 */
  memcpy(u, "https://", 8);
  memset(u + 8, 'a', 193);
  CHECK(reg_fails(&C, 1, u, 201, 6000));
  CHECK(reg_fails(&C, 1, "http://ab", 9, 6000));
  /* (4) the URI rules of §4.2 */
  CHECK(reg_fails(&C, 1, "ftp://example.com/a", 19, 6000));
  CHECK(reg_fails(&C, 1, "HTTPS://example.com/a", 21, 6000)); /* Q34 case-sensitive scheme */
  CHECK(reg_fails(&C, 1, " https://example.com", 20, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/JavaScript:x", 32, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/metadata:x", 30, 6000)); /* Q34 data: */
  CHECK(reg_fails(&C, 1, "https://example.com/a..b", 24, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/onLoad", 26, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/<SCRIPT", 27, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/\x01", 21, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/\n", 21, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/\r", 21, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/\x7f", 21, 6000));
  CHECK(reg_fails(&C, 1, "https://example.com/\xc2\x85", 22, 6000)); /* U+0085 is Cc */
  CHECK(reg_fails(&C, 1, "https://example.com/about:x", 27, 6000));
  /* (5) capabilities above 2^63 - 1 -> 6001 (Q31) */
  CHECK(reg_fails(&C, 1ull << 63, URI, strlen(URI), 6001));
  CHECK(occurred("Unauthorized", 6001, "Unauthorized"));
  CHECK(reg_fails(&C, UINT64_MAX, URI, strlen(URI), 6001));
  /* what passes: the boundaries */
  CHECK(reg_ok(0x20, 0, "http://a.b", 10));
  memset(u + 8, 'b', 192);
  CHECK(reg_ok(0x21, 2, u, 200));
  CHECK(reg_ok(0x22, 3, "https://example.com/\tx", 22));               /* TAB is allowed */
  CHECK(reg_ok(0x23, (1ull << 63) - 1, "https://a.example", 17));      /* the cap itself */
  CHECK(reg_ok(0x24, 4, "https://example.com/a  ", 23));               /* stored untrimmed */
  CHECK(reg_ok(0x25, 5, "https://example.com/download", 28));          /* no forbidden word */
  CHECK(reg_ok(0x26, 6, "https://example.com/\xc3\xa9t\xc3\xa9", 25)); /* non-ASCII */
  /* what failed left nothing behind */
  CHECK(!exists(&C.agent));
}

static void test_register_existing(void) {
  CHECK(at(T0 + 20));
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {9, S("https://other.example/x")};
  CHECK_EQ(pod_ix_register_agent(&ix, &A.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 0));
  char alloc[160];
  snprintf(alloc, sizeof alloc,
           "Allocate: account Address { address: %s, base: None } already in use", b58(&A.agent));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: RegisterAgent", SYS_INVOKE, alloc,
                 "Program " SYS " failed: custom program error: 0x0", CONSUMED,
                 "Program " PROG " failed: custom program error: 0x0"));
  CHECK(!has_prefix("Program log: AnchorError"));
}

static void test_register_payer(void) {
  CHECK(at(T0 + 30));
  /* the signer pays the rent: too poor -> System Custom(1) (§5) */
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {1, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &D.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, &D, 1));
  CHECK(has_line("Transfer: insufficient lamports 1000000, need 2881440"));
  CHECK_EQ(bal(&D.pk), 1000000);
  /* the signer (payer of the init) read-only -> PrivilegeEscalation (§6.6) */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &a), POD_OK);
  ix.metas[1].is_writable = 0;
  CHECK(fails_ix(&ix.ix, &B, &C, POD_IXERR_PRIVILEGE_ESCALATION));
  char line[120];
  snprintf(line, sizeof line, "%s's writable privilege escalated", b58(&C.pk));
  CHECK(has_line(line));
  /* the init account read-only -> PrivilegeEscalation */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &a), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_ix(&ix.ix, &C, NULL, POD_IXERR_PRIVILEGE_ESCALATION));
  snprintf(line, sizeof line, "%s's writable privilege escalated", b58(&C.agent));
  CHECK(has_line(line));
  /* a separate fee payer: the signer pays only the rent, the fee payer 2 x 5000 */
  wallet_t F;
  wallet(&F, 0x27, SOL);
  uint64_t b0 = bal(&B.pk);
  CHECK_EQ(pod_ix_register_agent(&ix, &F.pk, &a), POD_OK);
  tx(&ix.ix, &B, &F);
  CHECK(ok());
  CHECK_EQ(R.fee, 2 * FEE);
  CHECK_EQ(bal(&B.pk), b0 - 2 * FEE);
  CHECK_EQ(bal(&F.pk), SOL - POD_AGENT_RENT);
}

/* §5 rent state: the payer may end at 0 or at >= 890 880 lamports, nothing in between */
static void test_register_rent_state(void) {
  CHECK(at(T0 + 50));
  wallet_t W1, W2;
  wallet(&W1, 0x2a, POD_AGENT_RENT + FEE + 100000);
  wallet(&W2, 0x2b, POD_AGENT_RENT + FEE + POD_WALLET_RENT);
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {1, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &W1.pk, &a), POD_OK);
  tx(&ix.ix, &W1, NULL);
  CHECK(RC == POD_EPROGRAM && R.has_err && R.committed &&
        R.err.kind == POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT && R.err.index == 0);
  CHECK_EQ(bal(&W1.pk), POD_AGENT_RENT + 100000);
  CHECK(!exists(&W1.agent));
  CHECK_EQ(pod_ix_register_agent(&ix, &W2.pk, &a), POD_OK);
  tx(&ix.ix, &W2, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&W2.pk), POD_WALLET_RENT);
  /* down to exactly 0: the wallet disappears, the agent exists */
  wallet_t W3;
  wallet(&W3, 0x2c, POD_AGENT_RENT + FEE);
  CHECK_EQ(pod_ix_register_agent(&ix, &W3.pk, &a), POD_OK);
  tx(&ix.ix, &W3, NULL);
  CHECK(ok());
  CHECK(!exists(&W3.pk));
  uint8_t want[POD_AGENT_SPACE];
  img_agent(want, &W3.pk, 1, URI, strlen(URI), T0 + 50, W3.agent_bump);
  CHECK(acct_is(&W3.agent, POD_AGENT_RENT, want, sizeof want));
}

/* simulation runs the program and commits nothing */
static void test_simulate(void) {
  wallet_t S1;
  wallet(&S1, 0x29, SOL);
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {3, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &S1.pk, &a), POD_OK);
  pod_ledger_result_t r;
  CHECK_EQ(simulate(&ix.ix, &S1, &r), POD_OK);
  CHECK(!r.has_err && !r.committed && r.fee == FEE);
  char line[120];
  snprintf(line, sizeof line, "Program log: Agent registered: %s", b58(&S1.pk));
  int found = 0;
  for (size_t i = 0; i < r.log_cnt; i++)
    if (!strcmp(r.logs[i], line)) found = 1;
  CHECK(found);
  pod_ledger_result_free(&r);
  CHECK(!exists(&S1.agent));
  CHECK_EQ(bal(&S1.pk), SOL);
  a.metadata_uri = S("nope");
  CHECK_EQ(pod_ix_register_agent(&ix, &S1.pk, &a), POD_OK);
  CHECK_EQ(simulate(&ix.ix, &S1, &r), POD_EPROGRAM);
  CHECK(r.has_err && !r.committed && r.err.kind == POD_TXERR_INSTRUCTION_ERROR &&
        r.err.ix_error == POD_IXERR_CUSTOM && r.err.custom == 6000);
  pod_ledger_result_free(&r);
  CHECK_EQ(bal(&S1.pk), SOL);
}

/* §5: an init address that already holds lamports (system-owned, empty) */
static void test_register_prefunded(void) {
  CHECK(at(T0 + 40));
  wallet_t P, P2;
  wallet(&P, 0x30, SOL);
  wallet(&P2, 0x31, SOL);
  CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &P.agent, 1000000), POD_OK);
  CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &P2.agent, 3000000), POD_OK);
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {1, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &P.pk, &a), POD_OK);
  tx(&ix.ix, &P, NULL);
  CHECK(ok());
  CHECK_EQ(count_prefix(SYS_INVOKE), 3); /* transfer (top-up), allocate, assign */
  CHECK_EQ(bal(&P.agent), POD_AGENT_RENT);
  CHECK_EQ(bal(&P.pk), SOL - (POD_AGENT_RENT - 1000000) - FEE);
  uint8_t want[POD_AGENT_SPACE];
  img_agent(want, &P.pk, 1, URI, strlen(URI), now(), P.agent_bump);
  CHECK(acct_is(&P.agent, POD_AGENT_RENT, want, sizeof want));
  CHECK_EQ(pod_ix_register_agent(&ix, &P2.pk, &a), POD_OK);
  tx(&ix.ix, &P2, NULL);
  CHECK(ok());
  CHECK_EQ(count_prefix(SYS_INVOKE), 2); /* no top-up needed */
  CHECK_EQ(bal(&P2.agent), 3000000);
  CHECK_EQ(bal(&P2.pk), SOL - FEE);
  img_agent(want, &P2.pk, 1, URI, strlen(URI), now(), P2.agent_bump);
  CHECK(acct_is(&P2.agent, 3000000, want, sizeof want));
}

/* ===== update_agent (§4.6) ===== */

static void test_update_agent(void) {
  CHECK(at(T0 + 100));
  uint8_t cur[POD_AGENT_SPACE], img[POD_AGENT_SPACE];
  pod_ix_t ix;
  pod_ix_update_agent_args_t a;
  memset(&a, 0, sizeof a);
  a.has_capabilities = 1;
  a.capabilities = 7;
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  uint64_t b0 = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&A.pk), b0 - FEE);
  img_agent(cur, &A.pk, 7, URI, strlen(URI), T0 + 100, 252);
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));
  char line[120];
  snprintf(line, sizeof line, "Program log: Agent updated: %s", b58(&A.pk));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: UpdateAgent", line, CONSUMED, PROG_OK));

  /* Q27: a shorter URI leaves the old tail bytes after the new end */
  CHECK(at(T0 + 101));
  memset(&a, 0, sizeof a);
  a.has_metadata_uri = 1;
  a.metadata_uri = S("https://x.io");
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  img_agent(img, &A.pk, 7, "https://x.io", 12, T0 + 101, 252);
  memcpy(cur, img, POD_AGENT_SIZE(12)); /* bytes 98..116 keep the old URI's tail */
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));
  CHECK(memcmp(cur, img, sizeof cur) != 0); /* the stale tail is really there */

  /* Q25: no format, minimum-length or blank rule, no capabilities cap */
  CHECK(at(T0 + 102));
  memset(&a, 0, sizeof a);
  a.has_metadata_uri = 1;
  a.metadata_uri = S("");
  a.has_capabilities = 1;
  a.capabilities = UINT64_MAX;
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  img_agent(img, &A.pk, UINT64_MAX, "", 0, T0 + 102, 252);
  memcpy(cur, img, POD_AGENT_SIZE(0));
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));

  /* both None: only last_updated moves */
  CHECK(at(T0 + 103));
  memset(&a, 0, sizeof a);
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  img_agent(img, &A.pk, UINT64_MAX, "", 0, T0 + 103, 252);
  memcpy(cur, img, POD_AGENT_SIZE(0));
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));

  /* 200 bytes pass (with javascript: in it: no format rule), 201 -> 6000 */
  char u[210];
  memset(u, 'j', sizeof u);
  memcpy(u, "javascript:", 11);
  memset(&a, 0, sizeof a);
  a.has_metadata_uri = 1;
  a.metadata_uri.ptr = u;
  a.metadata_uri.len = 201;
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 6000));
  a.metadata_uri.len = 200;
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  img_agent(cur, &A.pk, UINT64_MAX, u, 200, T0 + 103, 252);
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));

  /* two instructions, the second fails: InstructionError(1, ..) and the first is rolled back */
  CHECK(at(T0 + 104));
  pod_ix_t ix2;
  pod_ix_update_agent_args_t a1;
  memset(&a1, 0, sizeof a1);
  a1.has_capabilities = 1;
  a1.capabilities = 9;
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  a.metadata_uri.len = 201;
  CHECK_EQ(pod_ix_update_agent(&ix2, &A.pk, &a), POD_OK);
  pod_instruction_t two[2] = {ix.ix, ix2.ix};
  const pod_keypair_t *sg[1] = {&A.kp};
  b0 = bal(&A.pk);
  txs(two, 2, sg, 1);
  CHECK(err_custom(1, 6000));
  CHECK_EQ(bal(&A.pk), b0 - FEE);
  CHECK(acct_is(&A.agent, POD_AGENT_RENT, cur, sizeof cur));

  /* authority: another registered agent signing for A's account -> seeds 2006 (phase 6) */
  CHECK_EQ(pod_ix_update_agent(&ix, &C.pk, &a1), POD_OK);
  ix.metas[0].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* agent_account read-only -> 2000 */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 2000));
  CHECK(caused("agent_account", "ConstraintMut", 2000, MSG_MUT));
  /* signer slot not signed -> 3010 */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.metas[1].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3010));
  CHECK(caused("signer", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  /* an unregistered wallet -> 3012 on agent_account */
  CHECK_EQ(pod_ix_update_agent(&ix, &E.pk, &a1), POD_OK);
  CHECK(fails_custom(&ix.ix, &E, NULL, 3012));
  CHECK(caused("agent_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* a wallet in the agent slot -> 3007, Left = its owner (System), Right = pod_com */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.metas[0].pubkey = B.pk;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3007));
  CHECK(caused("agent_account", "AccountOwnedByWrongProgram", 3007, MSG_WRONG_OWNER));
  CHECK(left_right(&pod_system_program_id, &pod_program_id));
  /* a program account (executable, loader-owned) in the agent slot -> 3007 as well */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.metas[0].pubkey = pod_compression_program_id;
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3007));
  /* too few accounts -> 3005 on the missing slot */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.ix.account_cnt = 1;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3005));
  CHECK(caused("signer", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  /* extra accounts are ignored (Q36) */
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a1), POD_OK);
  ix.metas[2] = (pod_account_meta_t){B.pk, 0, 1};
  ix.ix.account_cnt = 3;
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
}

/* ===== send_message (§4.5) ===== */

static pod_pubkey_t M1; /* A -> B (wallet), sha256("hello"), Text */
static pod_pubkey_t M2; /* A -> agent(B), Text (Q9) */
static int64_t M1_T;

static void test_send_message(void) {
  CHECK(at(T0 + 200));
  M1_T = T0 + 200;
  pod_ix_t ix;
  pod_ix_send_message_args_t a;
  memset(&a, 0, sizeof a);
  a.recipient = B.pk;
  memcpy(a.payload_hash, HELLO, 32);
  a.message_type.kind = POD_MSG_TEXT;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  M1 = ix.metas[0].pubkey;
  uint8_t bump = 0;
  pod_pubkey_t m;
  CHECK_EQ(pod_pda_message(&m, &bump, &A.agent, &B.pk, HELLO, a.message_type), POD_OK);
  CHECK(pod_pubkey_eq(&m, &M1));
  CHECK_STR(b58(&M1), "4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35"); /* §3.3 */
  CHECK_EQ(bump, 255);
  uint64_t b0 = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&A.pk), b0 - POD_MESSAGE_RENT - FEE);
  uint8_t want[POD_MESSAGE_SPACE];
  img_message(want, &A.agent, &B.pk, HELLO, M1_T, POD_MSG_TEXT, POD_STATUS_PENDING, 255);
  CHECK(acct_is(&M1, POD_MESSAGE_RENT, want, sizeof want));
  char line[160];
  snprintf(line, sizeof line, "Program log: Message sent from %s to %s", b58(&A.agent), b58(&B.pk));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: SendMessage", SYS_INVOKE, SYS_OK,
                 "Program data: *", line, CONSUMED, PROG_OK));
  pod_event_t ev;
  uint8_t eb[POD_EVENT_DATA_MAX];
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK_EQ(ev.kind, POD_EVENT_MESSAGE_SENT);
  CHECK(pod_pubkey_eq(&ev.u.message_sent.sender, &A.agent)); /* Q30: the agent PDA */
  CHECK(pod_pubkey_eq(&ev.u.message_sent.recipient, &B.pk));
  CHECK_EQ(ev.u.message_sent.message_type.kind, POD_MSG_TEXT);
  CHECK_EQ(ev.u.message_sent.timestamp, M1_T);

  /* Q7: Data, Command, Response work too; any recipient key is accepted */
  for (uint8_t k = POD_MSG_DATA; k <= POD_MSG_RESPONSE; k++) {
    a.message_type.kind = k;
    CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
    tx(&ix.ix, &A, NULL);
    CHECK(ok());
    CHECK_EQ(pod_pda_message(&m, &bump, &A.agent, &B.pk, HELLO, a.message_type), POD_OK);
    img_message(want, &A.agent, &B.pk, HELLO, M1_T, k, POD_STATUS_PENDING, bump);
    CHECK(acct_is(&m, POD_MESSAGE_RENT, want, sizeof want));
  }
  a.message_type.kind = POD_MSG_TEXT;
  a.recipient = pod_system_program_id;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  /* M2: addressed to B's agent PDA (Q9) */
  a.recipient = B.agent;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  M2 = ix.metas[0].pubkey;
  tx(&ix.ix, &A, NULL);
  CHECK(ok());

  /* Q12: the same (sender, recipient, hash, type) again -> System Custom(0) */
  CHECK(at(T0 + 201));
  a.recipient = B.pk;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 0));
  CHECK(has_prefix("Allocate: account Address { address: "));

  /* Q6: Custom(x <= 251) -> 129-byte record -> 3004 after the event and the log line */
  uint8_t h2[32];
  memset(h2, 0x42, 32);
  memcpy(a.payload_hash, h2, 32);
  a.message_type.kind = POD_MSG_CUSTOM;
  a.message_type.custom = 5;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 3004));
  CHECK(caused("message_account", "AccountDidNotSerialize", 3004, MSG_SERIALIZE));
  CHECK(has_prefix("Program data: "));
  CHECK(has_prefix("Program log: Message sent from "));
  a.message_type.custom = 251;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 3004));
  /* Q6: Custom(x >= 252): 4 + x overflows u8 -> panic while evaluating the init seeds */
  a.message_type.custom = 0;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  CHECK_EQ(ix.ix.data_sz, 74);
  ix.data[73] = 252;
  CHECK(fails_ix(&ix.ix, &A, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK(panicked());
  CHECK(has_substr("attempt to add with overflow"));
  CHECK(!has_line(SYS_INVOKE)); /* before the account is created */
  ix.data[73] = 255;
  CHECK(fails_ix(&ix.ix, &A, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK(panicked());

  /* sender without an agent account -> 3012 on sender_agent */
  a.message_type.kind = POD_MSG_TEXT;
  CHECK_EQ(pod_ix_send_message(&ix, &E.pk, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &E, NULL, 3012));
  CHECK(caused("sender_agent", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* authority: C sending as A (A's agent, the matching message PDA) -> seeds 2006 */
  CHECK_EQ(pod_ix_send_message(&ix, &C.pk, &a), POD_OK);
  ix.metas[1].pubkey = A.agent;
  CHECK_EQ(pod_pda_message(&ix.metas[0].pubkey, NULL, &A.agent, &B.pk, h2, a.message_type), POD_OK);
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("sender_agent", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* a wallet in the sender_agent slot -> 3007 */
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  ix.metas[1].pubkey = B.pk;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3007));
  /* a message account in the sender_agent slot -> 3002 */
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  ix.metas[1].pubkey = M1;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3002));
  CHECK(caused("sender_agent", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  /* the init slot at the wrong address -> 2006 with Left = given, Right = expected */
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  pod_pubkey_t right = ix.metas[0].pubkey;
  key_of(&ix.metas[0].pubkey, 0x5a);
  CHECK(fails_custom(&ix.ix, &A, NULL, 2006));
  CHECK(caused("message_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  pod_pubkey_t left;
  key_of(&left, 0x5a);
  CHECK(left_right(&left, &right));
  /* the signer (payer) read-only -> PrivilegeEscalation */
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &a), POD_OK);
  ix.metas[2].is_writable = 0;
  CHECK(fails_ix(&ix.ix, &B, &A, POD_IXERR_PRIVILEGE_ESCALATION));
}

/* ===== update_message_status (§4.7) ===== */

static int set_status(const wallet_t *w, const pod_pubkey_t *msg, uint8_t st) {
  pod_ix_t ix;
  pod_ix_update_message_status_args_t a = {st};
  if (pod_ix_update_message_status(&ix, &w->pk, msg, &a) != POD_OK) return 0;
  tx(&ix.ix, w, NULL);
  return ok();
}
static int status_fails(const wallet_t *w, const pod_pubkey_t *msg, uint8_t st, uint32_t code) {
  pod_ix_t ix;
  pod_ix_update_message_status_args_t a = {st};
  if (pod_ix_update_message_status(&ix, &w->pk, msg, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}
static int status_is(const pod_pubkey_t *msg, uint8_t st) {
  uint8_t want[POD_MESSAGE_SPACE];
  img_message(want, &A.agent, &B.pk, HELLO, M1_T, POD_MSG_TEXT, st, 255);
  return pod_pubkey_eq(msg, &M1) && acct_is(msg, POD_MESSAGE_RENT, want, sizeof want);
}

static void test_update_message_status(void) {
  CHECK(at(T0 + 300));
  uint64_t b0 = bal(&B.pk);
  CHECK(set_status(&B, &M1, POD_STATUS_DELIVERED));
  CHECK_EQ(bal(&B.pk), b0 - FEE);
  CHECK(status_is(&M1, POD_STATUS_DELIVERED));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: UpdateMessageStatus",
                 "Program log: Message status updated to Delivered", CONSUMED, PROG_OK));
  /* Q9: any transition but to Pending, backwards and repeated included */
  tick();
  CHECK(set_status(&B, &M1, POD_STATUS_READ));
  CHECK(status_is(&M1, POD_STATUS_READ));
  CHECK(has_line("Program log: Message status updated to Read"));
  tick();
  CHECK(set_status(&B, &M1, POD_STATUS_DELIVERED));
  CHECK(status_is(&M1, POD_STATUS_DELIVERED));
  tick();
  CHECK(set_status(&B, &M1, POD_STATUS_DELIVERED));
  tick();
  CHECK(set_status(&B, &M1, POD_STATUS_FAILED)); /* Q8: the recipient may mark Failed */
  CHECK(status_is(&M1, POD_STATUS_FAILED));
  CHECK(has_line("Program log: Message status updated to Failed"));
  tick();
  CHECK(set_status(&B, &M1, POD_STATUS_READ));
  CHECK(status_is(&M1, POD_STATUS_READ));
  /* Pending -> 6003 */
  CHECK(status_fails(&B, &M1, POD_STATUS_PENDING, 6003));
  CHECK(occurred("InvalidMessageStatusTransition", 6003, "Invalid message status transition"));
  /* authority: the sender's wallet (Q8: the stored sender is a PDA) and a third agent -> 6001 */
  CHECK(status_fails(&A, &M1, POD_STATUS_DELIVERED, 6001));
  CHECK(status_fails(&A, &M1, POD_STATUS_READ, 6001));
  CHECK(status_fails(&A, &M1, POD_STATUS_FAILED, 6001));
  CHECK(status_fails(&C, &M1, POD_STATUS_READ, 6001));
  CHECK(status_fails(&C, &M1, POD_STATUS_FAILED, 6001));
  /* the signer must be a registered agent even to mark Failed -> 3012 */
  CHECK(status_fails(&E, &M1, POD_STATUS_FAILED, 3012));
  CHECK(caused("recipient_agent", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* Q9: a message addressed to an agent PDA can never be updated */
  CHECK(status_fails(&B, &M2, POD_STATUS_DELIVERED, 6001));
  CHECK(status_fails(&B, &M2, POD_STATUS_READ, 6001));
  CHECK(status_fails(&B, &M2, POD_STATUS_FAILED, 6001));
  /* recipient_agent of someone else -> seeds 2006 */
  pod_ix_t ix;
  pod_ix_update_message_status_args_t a = {POD_STATUS_DELIVERED};
  CHECK_EQ(pod_ix_update_message_status(&ix, &B.pk, &M1, &a), POD_OK);
  ix.metas[1].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2006));
  CHECK(caused("recipient_agent", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* message read-only -> 2000 */
  CHECK_EQ(pod_ix_update_message_status(&ix, &B.pk, &M1, &a), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("message_account", "ConstraintMut", 2000, MSG_MUT));
  /* signer not signed -> 3010 */
  CHECK_EQ(pod_ix_update_message_status(&ix, &B.pk, &M1, &a), POD_OK);
  ix.metas[2].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("signer", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  /* another account type in the message slot -> 3002 */
  CHECK_EQ(pod_ix_update_message_status(&ix, &B.pk, &A.agent, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 3002));
  CHECK(caused("message_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  CHECK(status_is(&M1, POD_STATUS_READ));
}

/* time: the message expires after created_at + 604800 (strict >) */
static void test_message_expiry(void) {
  CHECK(at(M1_T + WEEK));
  CHECK(set_status(&B, &M1, POD_STATUS_DELIVERED));
  CHECK(status_is(&M1, POD_STATUS_DELIVERED));
  CHECK(at(M1_T + WEEK + 1));
  CHECK(status_fails(&B, &M1, POD_STATUS_READ, 6002));
  CHECK(occurred("MessageExpired", 6002, "Message expired"));
  CHECK(status_fails(&B, &M1, POD_STATUS_FAILED, 6002));
  CHECK(status_is(&M1, POD_STATUS_DELIVERED));
}

/* ===== framework errors (§2.3 dispatch, §4.0) ===== */

static int raw_fails(const uint8_t *data, size_t n, uint32_t code) {
  pod_instruction_t ix = {pod_program_id, NULL, 0, data, n};
  return fails_custom(&ix, &A, NULL, code);
}

static void test_dispatch(void) {
  CHECK(at(M1_T + WEEK + 10));
  uint8_t d[16];
  memset(d, 0, sizeof d);
  /* 101: empty, shorter than 8 bytes, unknown, Anchor's IDL tag (§11.6) */
  CHECK(raw_fails(d, 0, 101));
  CHECK(
      LOGS_ARE(INVOKE1,
               "Program log: AnchorError occurred. Error Code: InstructionFallbackNotFound. Error "
               "Number: 101. Error Message: Fallback functions are not supported.",
               CONSUMED, "Program " PROG " failed: custom program error: 0x65"));
  memcpy(d, POD_IX_REGISTER_AGENT_DISC, 8);
  CHECK(raw_fails(d, 7, 101));
  CHECK(!has_prefix("Program log: Instruction:"));
  memset(d, 0, 8);
  CHECK(raw_fails(d, 8, 101));
  memcpy(d, POD_ANCHOR_IDL_IX_TAG, 8);
  CHECK(raw_fails(d, 16, 101));
  CHECK(!has_prefix("Program log: Instruction:"));
  /* the event-CPI tag -> 1500 */
  memcpy(d, POD_ANCHOR_EVENT_CPI_TAG, 8);
  CHECK(raw_fails(d, 8, 1500));
  CHECK(!has_prefix("Program log: Instruction:"));
  /* a known discriminator with no accounts: the argument decoding comes first (102) */
  memcpy(d, POD_IX_UPDATE_AGENT_DISC, 8);
  d[8] = 2;
  CHECK(raw_fails(d, 9, 102));
}

static void test_bad_arguments(void) {
  pod_ix_t ix;
  const char *decode_err = "Program log: AnchorError occurred. Error Code: "
                           "InstructionDidNotDeserialize. Error Number: 102. Error Message: The "
                           "program could not deserialize the given instruction.";
  /* truncated: register_agent without its URI */
  pod_ix_register_agent_args_t ra = {1, S(URI)};
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.ix.data_sz = 16;
  CHECK(fails_custom(&ix.ix, &C, NULL, 102));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: RegisterAgent", decode_err, CONSUMED,
                 "Program " PROG " failed: custom program error: 0x66"));
  /* a length prefix beyond the data */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  memset(ix.data + 16, 0xff, 4);
  CHECK(fails_custom(&ix.ix, &C, NULL, 102));
  /* invalid UTF-8 */
  ra.metadata_uri = S("https://ex\xff\xfe.com/abcdef");
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  CHECK(fails_custom(&ix.ix, &C, NULL, 102));
  ra.metadata_uri = S("https://example.com/\xc0\xaf"); /* overlong encoding */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  CHECK(fails_custom(&ix.ix, &C, NULL, 102));
  /* Option tag 2 */
  pod_ix_update_agent_args_t ua;
  memset(&ua, 0, sizeof ua);
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &ua), POD_OK);
  ix.data[9] = 2;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* enum out of range: MessageStatus 4, MessageType 5 */
  pod_ix_update_message_status_args_t sa = {4};
  CHECK_EQ(pod_ix_update_message_status(&ix, &B.pk, &M1, &sa), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 102));
  pod_ix_send_message_args_t ma;
  memset(&ma, 0, sizeof ma);
  ma.recipient = C.pk;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &ma), POD_OK);
  ix.data[72] = 5;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* Custom without its u8 */
  ix.data[72] = 4;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* ChannelVisibility 2 */
  pod_ix_create_channel_args_t ca = {S("badvis"), S("d"), 2, 10, 0};
  CHECK_EQ(pod_ix_create_channel(&ix, &A.pk, &ca), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* bool 2 (update_channel is_active) */
  pod_ix_update_channel_args_t uc;
  memset(&uc, 0, sizeof uc);
  uc.has_is_active = 1;
  uc.is_active = 1;
  pod_pubkey_t ch;
  key_of(&ch, 0x44);
  CHECK_EQ(pod_ix_update_channel(&ix, &A.pk, &ch, &uc), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz, "4bcc5ea53cb4c1d9000000000101"); /* §6.2 */
  ix.data[13] = 2;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* a Vec count beyond the data */
  uint8_t hashes[1][32];
  memset(hashes, 1, sizeof hashes);
  pod_ix_batch_sync_compressed_messages_args_t ba = {(const uint8_t(*)[32])hashes, 1, T0};
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &A.pk, &A.pk, &ch, NULL, &ba), POD_OK);
  ix.data[8] = 2;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* broadcast_message reply_to tag 2 */
  pod_ix_broadcast_message_args_t bm;
  memset(&bm, 0, sizeof bm);
  bm.content = S("gm");
  bm.nonce = 1;
  CHECK_EQ(pod_ix_broadcast_message(&ix, &A.pk, &ch, &bm), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz,
            "fd90cb2adb7a936102000000676d00000100000000000000"); /* §6.2 */
  ix.data[15] = 2;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
  /* join_channel_compressed one byte short */
  pod_ix_join_channel_compressed_args_t ja;
  memset(&ja, 0, sizeof ja);
  CHECK_EQ(pod_ix_join_channel_compressed(&ix, &A.pk, &A.pk, &ch, 0, NULL, &ja), POD_OK);
  ix.ix.data_sz = 39;
  CHECK(fails_custom(&ix.ix, &A, NULL, 102));
}

static void test_account_slots(void) {
  pod_ix_t ix;
  pod_ix_register_agent_args_t ra = {1, S(URI)};
  /* 3005: no accounts at all (the missing first slot is an init slot: no account name) */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.ix.account_cnt = 0;
  CHECK(fails_custom(&ix.ix, &C, NULL, 3005));
  CHECK(occurred("AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  /* 3005: system_program missing */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.ix.account_cnt = 2;
  CHECK(fails_custom(&ix.ix, &C, NULL, 3005));
  CHECK(caused("system_program", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  /* 3008: another key in the system_program slot (Left = given, Right = System) */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  pod_pubkey_t k;
  key_of(&k, 0x66);
  ix.metas[2].pubkey = k;
  CHECK(fails_custom(&ix.ix, &C, NULL, 3008));
  CHECK(caused("system_program", "InvalidProgramId", 3008, MSG_PROGRAM_ID));
  CHECK(left_right(&k, &pod_system_program_id));
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.metas[2].pubkey = pod_compute_budget_program_id;
  CHECK(fails_custom(&ix.ix, &C, NULL, 3008));
  /* 3010: the signer slot not signed (phase 4, before the init) */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.metas[1].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3010));
  CHECK(caused("signer", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  CHECK(!has_line(SYS_INVOKE));
  /* 2006 on an init slot: another wallet's agent PDA */
  CHECK_EQ(pod_ix_register_agent(&ix, &C.pk, &ra), POD_OK);
  ix.metas[0].pubkey = E.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  CHECK(left_right(&E.agent, &C.agent));
  /* Q36: trailing data bytes and extra accounts are ignored */
  wallet_t X;
  wallet(&X, 0x28, SOL);
  CHECK_EQ(pod_ix_register_agent(&ix, &X.pk, &ra), POD_OK);
  memset(ix.data + ix.ix.data_sz, 0xee, 5);
  ix.ix.data_sz += 5;
  ix.metas[3] = (pod_account_meta_t){B.pk, 0, 0};
  ix.metas[4] = (pod_account_meta_t){pod_program_id, 0, 0};
  ix.ix.account_cnt = 5;
  tx(&ix.ix, &X, NULL);
  CHECK(ok());
  uint8_t want[POD_AGENT_SPACE];
  img_agent(want, &X.pk, 1, URI, strlen(URI), now(), X.agent_bump);
  CHECK(acct_is(&X.agent, POD_AGENT_RENT, want, sizeof want));
}

int main(void) {
  pod_sha256(HELLO, "hello", 5);
  open_ledger(0);
  wallet(&A, 0x01, 10 * SOL);
  wallet(&B, 0x02, 10 * SOL);
  wallet(&C, 0x03, 10 * SOL);
  wallet(&D, 0x04, 1000000);
  wallet(&E, 0x05, SOL);
  CHECK_STR(b58(&B.pk), "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu");
  test_register_vector();
  CHECK(register_agent(&B, "https://b.example/agent"));
  test_register_checks();
  test_register_existing();
  test_register_payer();
  test_register_prefunded();
  test_simulate();
  test_register_rent_state();
  CHECK(register_agent(&C, "https://c.example/agent"));
  test_update_agent();
  test_send_message();
  test_update_message_status();
  test_bad_arguments();
  test_account_slots();
  test_message_expiry();
  test_dispatch();
  close_ledger();
  TEST_DONE();
}
