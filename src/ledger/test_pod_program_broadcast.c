/* PoD program executed by the ledger engine, part 3: broadcast_message,
 * broadcast_message_compressed, join_channel_compressed, batch_sync_compressed_messages, the rate
 * limits (Q26) with the manual clock, and a ledger without the compression program (Q20).
 * Written from PROTOCOL.md alone. */
#include "test_pod_program.h"

static wallet_t A, B, C, D, F, G, K;
static pod_pubkey_t X; /* channel(A, "general"), v1: inactive until update_channel */
static int64_t B_JOINED;

/* ===== broadcast_message (§4.15) ===== */

static int bc_build(pod_ix_t *ix, const wallet_t *w, const pod_pubkey_t *ch, const char *content,
                    size_t len, uint64_t nonce) {
  pod_ix_broadcast_message_args_t a;
  memset(&a, 0, sizeof a);
  a.content.ptr = content;
  a.content.len = len;
  a.nonce = nonce;
  return pod_ix_broadcast_message(ix, &w->pk, ch, &a) == POD_OK;
}
static int bc(const wallet_t *w, const pod_pubkey_t *ch, const char *content, uint64_t nonce,
              uint32_t code) {
  pod_ix_t ix;
  if (!bc_build(&ix, w, ch, content, strlen(content), nonce)) return 0;
  if (code) return fails_custom(&ix.ix, w, NULL, code);
  tx(&ix.ix, w, NULL);
  return ok();
}
static int part_is(const pod_pubkey_t *ch, const wallet_t *w, uint64_t sent, int64_t last) {
  pod_channel_participant_t p;
  pod_pubkey_t k = participant_of(ch, w);
  if (!get_participant(&k, &p)) {
    fprintf(stderr, "  no participant record\n");
    return 0;
  }
  if (p.messages_sent == sent && p.last_message_at == last) return 1;
  fprintf(stderr, "  messages_sent %llu last_message_at %lld, want %llu %lld\n",
          (unsigned long long)p.messages_sent, (long long)p.last_message_at,
          (unsigned long long)sent, (long long)last);
  return 0;
}

static void test_broadcast_inactive(void) {
  /* Q1 + Q28: the message account is created first, then the inactive channel fails 6001 */
  CHECK(at(T0 + 10));
  CHECK(bc(&B, &X, "gm", 1, 6001));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: BroadcastMessage", SYS_INVOKE, SYS_OK,
                 "Program log: AnchorError caused by account: channel_account. Error Code: "
                 "Unauthorized. Error Number: 6001. Error Message: Unauthorized.",
                 CONSUMED, "Program " PROG " failed: custom program error: 0x1771"));
  pod_pubkey_t m;
  CHECK_EQ(pod_pda_channel_message(&m, NULL, &X, &B.pk, 1), POD_OK);
  CHECK(!exists(&m));
  CHECK(at(T0 + 11));
  CHECK(activate(&A, &X));
}

static void test_broadcast(void) {
  CHECK(at(T0 + 20));
  pod_pubkey_t m;
  uint8_t bump = 0;
  CHECK_EQ(pod_pda_channel_message(&m, &bump, &X, &A.pk, 1), POD_OK);
  CHECK_STR(b58(&m), "3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC"); /* §3.3 */
  CHECK_EQ(bump, 255);
  pod_ix_t ix;
  CHECK(bc_build(&ix, &B, &X, "gm", 2, 1));
  m = ix.metas[3].pubkey;
  CHECK_EQ(pod_pda_channel_message(&scratch_pda, &bump, &X, &B.pk, 1), POD_OK);
  uint8_t chan_before[POD_CHANNEL_SPACE];
  CHECK_EQ(acct_data(&X, chan_before, sizeof chan_before), POD_CHANNEL_SPACE);
  uint64_t b0 = bal(&B.pk);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&B.pk), b0 - 8783520 - FEE); /* the channel fee is not charged */
  pod_message_type_t text = {POD_MSG_TEXT, 0};
  uint8_t want[POD_CHANNEL_MESSAGE_SPACE];
  img_channel_message(want, &X, &B.agent, NULL, T0 + 20, "gm", 2, text, bump);
  CHECK(acct_is(&m, POD_CHANNEL_MESSAGE_RENT, want, sizeof want));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: BroadcastMessage", SYS_INVOKE, SYS_OK,
                 "Program log: Message broadcast to channel \"general\"", CONSUMED, PROG_OK));
  CHECK(!has_prefix("Program data: ")); /* no event (Q29) */
  CHECK(acct_is(&X, POD_CHANNEL_RENT, chan_before, sizeof chan_before));
  uint8_t pw[POD_PARTICIPANT_SPACE];
  uint8_t pb;
  pod_pubkey_t pk;
  CHECK_EQ(pod_pda_participant(&pk, &pb, &X, &B.agent), POD_OK);
  img_participant(pw, &X, &B.agent, B_JOINED, 1, T0 + 20, 1, pb);
  CHECK(acct_is(&pk, POD_PARTICIPANT_RENT, pw, sizeof pw));

  /* the content rules come before the rate limit */
  CHECK(bc(&B, &X, "<script>", 3, 6012));
  /* Q26: a second message in the same second -> 6011 */
  CHECK(bc(&B, &X, "again", 2, 6011));
  CHECK(occurred("RateLimitExceeded", 6011, "Rate limit exceeded"));

  /* reply_to (not validated) and a Custom type */
  CHECK(at(T0 + 21));
  pod_ix_broadcast_message_args_t a;
  memset(&a, 0, sizeof a);
  a.content = S("re: gm");
  a.message_type.kind = POD_MSG_CUSTOM;
  a.message_type.custom = 7;
  a.has_reply_to = 1;
  key_of(&a.reply_to, 0x33);
  a.nonce = 2;
  CHECK_EQ(pod_ix_broadcast_message(&ix, &B.pk, &X, &a), POD_OK);
  m = ix.metas[3].pubkey;
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(pod_pda_channel_message(&scratch_pda, &bump, &X, &B.pk, 2), POD_OK);
  img_channel_message(want, &X, &B.agent, &a.reply_to, T0 + 21, "re: gm", 6, a.message_type, bump);
  CHECK(acct_is(&m, POD_CHANNEL_MESSAGE_RENT, want, sizeof want));
  CHECK(part_is(&X, &B, 2, T0 + 21));

  /* Q12: a nonce already used -> Custom(0) */
  CHECK(at(T0 + 22));
  CHECK(bc_build(&ix, &B, &X, "dup", 3, 1));
  CHECK(fails_custom(&ix.ix, &B, NULL, 0));
  /* §4.2 content rules -> 6012 */
  static const char *bad[] = {"",
                              "   \n\t",
                              "<script>x",
                              "aaaaaaaaaa",
                              "aaaaaabcde",
                              "my profile: x",
                              "x' or 1=1",
                              "a /* b",
                              "a */ b",
                              "bad\x01x",
                              "DROP TABLE users",
                              "Union Select 1",
                              "JavaScript:alert",
                              "eval(x)",
                              "about:blank",
                              "DATA:TEXT/HTML,x",
                              "x onError=1",
                              "a\x7f"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    int good = bc(&B, &X, bad[i], 100 + i, 6012);
    if (!good) fprintf(stderr, "  content \"%s\"\n", bad[i]);
    CHECK(good);
  }
  CHECK(occurred("MessageContentTooLong", 6012, "Message content too long"));
  {
    pod_ix_t ixn;
    CHECK(bc_build(&ixn, &B, &X, "nul\0x", 5, 150));
    CHECK(fails_custom(&ixn.ix, &B, NULL, 6012));
  }
  /* what passes (one per second) */
  static const char *good_content[] = {"aaaaabcdef", /* 5 of 10: not > 5 */
                                       "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", /* Q33 */
                                       "call Function(x) then setTimeout(f)",              /* Q33 */
                                       "line1\nline2\r\n\ttab", "download the update"};
  for (size_t i = 0; i < sizeof good_content / sizeof *good_content; i++) {
    tick();
    int good = bc(&B, &X, good_content[i], 200 + i, 0);
    if (!good) fprintf(stderr, "  content \"%s\"\n", good_content[i]);
    CHECK(good);
  }
  CHECK(part_is(&X, &B, 7, now()));

  /* a non-member -> 3012 on participant_account */
  CHECK(bc(&C, &X, "hi", 1, 3012));
  CHECK(caused("participant_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* authority: C posting with B's participant and agent -> seeds 2006 on agent_account */
  CHECK(bc_build(&ix, &C, &X, "hi", 2, 2));
  ix.metas[1].pubkey = participant_of(&X, &B);
  ix.metas[2].pubkey = B.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* the message PDA of another nonce -> 2006 on the init slot */
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 50));
  CHECK_EQ(pod_pda_channel_message(&ix.metas[3].pubkey, NULL, &X, &B.pk, 99), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 2006));
  CHECK(caused("message_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* read-only slots, unsigned user */
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 51));
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK(has_line(SYS_OK)); /* Q28 */
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 52));
  ix.metas[1].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("participant_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 53));
  ix.metas[4].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("user", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 54));
  ix.metas[4].is_writable = 0;
  CHECK(fails_ix(&ix.ix, &A, &B, POD_IXERR_PRIVILEGE_ESCALATION));
  /* another account type in channel_account -> 3002 */
  CHECK(bc_build(&ix, &B, &X, "hi", 2, 55));
  ix.metas[0].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3002));
  CHECK(caused("channel_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
}

/* Q26 with the manual clock: cooldown, burst rule after 10, 60 per streak window */
static void test_broadcast_rate(void) {
  int64_t t0 = T0 + 1000, t;
  uint64_t nonce = 1;
  CHECK(at(t0));
  CHECK(bc(&G, &X, "m", nonce++, 0));
  CHECK(part_is(&X, &G, 1, t0));
  CHECK(bc(&G, &X, "m", nonce++, 6011)); /* same second */
  int all = 1;
  for (int i = 1; i <= 9; i++) {
    CHECK(at(t0 + i));
    if (!bc(&G, &X, "m", nonce++, 0)) all = 0;
  }
  CHECK(all);
  CHECK(part_is(&X, &G, 10, t0 + 9));
  CHECK(at(t0 + 10));
  CHECK(bc(&G, &X, "m", nonce++, 6011)); /* burst: d = 1 < 10 with 10 in the streak */
  CHECK(at(t0 + 18));
  CHECK(bc(&G, &X, "m", nonce++, 6011)); /* d = 9 */
  CHECK(part_is(&X, &G, 10, t0 + 9));
  CHECK(at(t0 + 19));
  CHECK(bc(&G, &X, "m", nonce++, 0)); /* d = 10 */
  CHECK(part_is(&X, &G, 11, t0 + 19));
  t = t0 + 19;
  all = 1;
  for (int k = 12; k <= 60; k++) {
    t += 10;
    CHECK(at(t));
    if (!bc(&G, &X, "m", nonce++, 0)) all = 0;
  }
  CHECK(all);
  CHECK(part_is(&X, &G, 60, t));
  CHECK(at(t + 10));
  CHECK(bc(&G, &X, "m", nonce++, 6011)); /* 60 in the window */
  CHECK(at(t + 59));
  CHECK(bc(&G, &X, "m", nonce++, 6011));
  CHECK(part_is(&X, &G, 60, t));
  CHECK(at(t + 60));
  CHECK(bc(&G, &X, "m", nonce++, 0)); /* a 60 s gap resets the streak */
  CHECK(part_is(&X, &G, 1, t + 60));
}

/* ===== broadcast_message_compressed (§4.18) ===== */

static int bmc_build(pod_ix_t *ix, const wallet_t *payer, const wallet_t *auth,
                     const pod_pubkey_t *ch, const char *content, size_t clen, const char *ipfs) {
  pod_ix_broadcast_message_compressed_args_t a;
  memset(&a, 0, sizeof a);
  a.content.ptr = content;
  a.content.len = clen;
  a.ipfs_hash = S(ipfs);
  return pod_ix_broadcast_message_compressed(ix, &payer->pk, &auth->pk, ch, NULL, &a) == POD_OK;
}
/* authority w posts on its own participant record */
static int bmc(const wallet_t *w, const pod_pubkey_t *ch, const char *content, const char *ipfs,
               uint32_t code) {
  pod_ix_t ix;
  if (!bmc_build(&ix, w, w, ch, content, strlen(content), ipfs)) return 0;
  if (code) return fails_custom(&ix.ix, w, NULL, code);
  tx(&ix.ix, w, NULL);
  return ok();
}

static pod_pubkey_t Y; /* a v2 channel of A */

static void test_compressed(void) {
  int64_t t = T0 + 3000;
  CHECK(at(t));
  uint8_t chan_before[POD_CHANNEL_SPACE];
  CHECK_EQ(acct_data(&X, chan_before, sizeof chan_before), POD_CHANNEL_SPACE);
  pod_ix_t ix;
  CHECK(bmc_build(&ix, &B, &B, &X, "hello", 5, "QmHash123"));
  CHECK(pod_pubkey_eq(&ix.metas[5].pubkey, &pod_compression_program_id));
  uint64_t b0 = bal(&B.pk);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&B.pk), b0 - FEE);
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: BroadcastMessageCompressed", "Program data: *",
                 "Program log: Compressed message broadcasted to channel: \"general\", IPFS: "
                 "QmHash123",
                 CONSUMED, PROG_OK));
  pod_event_t ev;
  uint8_t eb[POD_EVENT_DATA_MAX];
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK_EQ(ev.kind, POD_EVENT_MESSAGE_BROADCAST);
  CHECK(pod_pubkey_eq(&ev.u.message_broadcast.channel, &X));
  CHECK(pod_pubkey_eq(&ev.u.message_broadcast.sender, &B.agent));
  CHECK_EQ(ev.u.message_broadcast.message_type.kind, POD_MSG_TEXT);
  CHECK_EQ(ev.u.message_broadcast.timestamp, t);
  CHECK(acct_is(&X, POD_CHANNEL_RENT, chan_before, sizeof chan_before)); /* not written */
  CHECK(part_is(&X, &B, 1, t)); /* the old streak is more than 60 s old: reset */
  /* same second -> 6011 */
  CHECK(bmc(&B, &X, "again", "QmHash123", 6011));

  /* Q18: any signer can post as any active participant */
  CHECK(at(t + 1));
  CHECK(bmc_build(&ix, &C, &C, &X, "not mine", 8, "Qm1"));
  ix.metas[1].pubkey = participant_of(&X, &B);
  tx(&ix.ix, &C, NULL);
  CHECK(ok());
  CHECK(part_is(&X, &B, 2, t + 1));
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK(pod_pubkey_eq(&ev.u.message_broadcast.sender, &B.agent));
  /* a separate fee payer: two signatures */
  CHECK(at(t + 2));
  CHECK(bmc_build(&ix, &A, &B, &X, "paid by A", 9, "Qm2"));
  uint64_t a0 = bal(&A.pk);
  b0 = bal(&B.pk);
  tx(&ix.ix, &A, &B);
  CHECK(ok());
  CHECK_EQ(R.fee, 2 * FEE);
  CHECK_EQ(bal(&A.pk), a0 - 2 * FEE);
  CHECK_EQ(bal(&B.pk), b0);
  CHECK(part_is(&X, &B, 3, t + 2));

  /* Q19: IPFS hash rules -> 6000 (checked before the rate limit) */
  char big[128];
  memset(big, 'a', sizeof big);
  big[101] = 0;
  CHECK(bmc(&B, &X, "x", "", 6000));
  CHECK(occurred("InvalidMetadataUriLength", 6000, "Invalid metadata URI length"));
  CHECK(bmc(&B, &X, "x", big, 6000));
  CHECK(bmc(&B, &X, "x", "Qm-123", 6000));
  CHECK(bmc(&B, &X, "x", "Qm 1", 6000));
  CHECK(bmc(&B, &X, "x", "Qm/x", 6000));
  CHECK(bmc(&B, &X, "x", "Qm_x", 6000));
  /* Q19: empty content -> 6015 (after the rate limit passed) */
  CHECK(at(t + 3));
  CHECK(bmc(&B, &X, "", "QmEmpty", 6015));
  CHECK(occurred("SecureMemoryAllocationFailed", 6015, "Secure memory allocation failed"));
  CHECK(part_is(&X, &B, 3, t + 2));
  /* no content rules; 100-byte hash; a non-ASCII letter is alphanumeric (§4.2) */
  CHECK(bmc(&B, &X, "<script>alert(1)</script> aaaaaaaaaaaa", "QmOk", 0));
  CHECK(at(t + 4));
  big[100] = 0;
  CHECK(bmc(&B, &X, "x", big, 0));
  CHECK(at(t + 5));
  CHECK(bmc(&B, &X, "x", "Qm\xc3\xa9\xd9\xa3", 0));
  /* Custom type and reply_to appear in the event */
  CHECK(at(t + 6));
  pod_ix_broadcast_message_compressed_args_t a;
  memset(&a, 0, sizeof a);
  a.content = S("typed");
  a.message_type.kind = POD_MSG_CUSTOM;
  a.message_type.custom = 9;
  a.has_reply_to = 1;
  key_of(&a.reply_to, 0x34);
  a.ipfs_hash = S("bafy123");
  CHECK_EQ(pod_ix_broadcast_message_compressed(&ix, &B.pk, &B.pk, &X, NULL, &a), POD_OK);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK(ev.u.message_broadcast.message_type.kind == POD_MSG_CUSTOM &&
        ev.u.message_broadcast.message_type.custom == 9);
  /* arbitrary (even repeated) keys in the seven light slots */
  CHECK(at(t + 7));
  pod_light_accounts_t light;
  key_of(&light.registered_program_id, 0x51);
  key_of(&light.noop_program, 0x52);
  light.account_compression_authority = A.pk;
  light.account_compression_program = pod_compression_program_id;
  key_of(&light.merkle_tree, 0x51);
  key_of(&light.nullifier_queue, 0x53);
  light.cpi_authority_pda = pod_program_id;
  a.message_type.kind = POD_MSG_TEXT;
  a.has_reply_to = 0;
  CHECK_EQ(pod_ix_broadcast_message_compressed(&ix, &B.pk, &B.pk, &X, &light, &a), POD_OK);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());

  /* checks in the handler */
  CHECK(at(t + 8));
  CHECK(bmc_build(&ix, &B, &B, &Y, "x", 1, "Qm"));
  ix.metas[1].pubkey = participant_of(&X, &B); /* not the participant PDA of channel Y */
  CHECK(fails_custom(&ix.ix, &B, NULL, 6001));
  CHECK(occurred("Unauthorized", 6001, "Unauthorized"));
  /* account checks */
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.metas[5].pubkey = pod_system_program_id;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3008));
  CHECK(caused("compression_program", "InvalidProgramId", 3008, MSG_PROGRAM_ID));
  CHECK(left_right(&pod_system_program_id, &pod_compression_program_id));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  key_of(&ix.metas[4].pubkey, 0x68);
  CHECK(fails_custom(&ix.ix, &B, NULL, 3008));
  CHECK(caused("system_program", "InvalidProgramId", 3008, MSG_PROGRAM_ID));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.metas[1].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("participant_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.metas[2].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, &B, 2000));
  CHECK(caused("fee_payer", "ConstraintMut", 2000, MSG_MUT));
  CHECK(bmc_build(&ix, &A, &B, &X, "x", 1, "Qm"));
  ix.metas[3].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("authority", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.metas[1].pubkey = B.agent;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3002));
  CHECK(caused("participant_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.metas[0].pubkey = B.agent;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3002));
  CHECK(caused("channel_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  CHECK(bmc_build(&ix, &B, &B, &X, "x", 1, "Qm"));
  ix.ix.account_cnt = 12;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3005));
  CHECK(caused("cpi_authority_pda", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
}

/* Q26 for the compressed broadcast: cooldown and 60 per window, no burst rule */
static void test_compressed_rate(void) {
  int64_t k0 = T0 + 4000;
  CHECK(at(k0));
  CHECK(bmc(&K, &X, "c", "Qm", 0));
  CHECK(bmc(&K, &X, "d", "Qm", 6011));
  int all = 1;
  for (int i = 1; i < 60; i++) {
    CHECK(at(k0 + i));
    if (!bmc(&K, &X, "c", "Qm", 0)) all = 0;
  }
  CHECK(all);
  CHECK(part_is(&X, &K, 60, k0 + 59));
  CHECK(at(k0 + 60));
  CHECK(bmc(&K, &X, "c", "Qm", 6011));
  CHECK(at(k0 + 118));
  CHECK(bmc(&K, &X, "c", "Qm", 6011));
  CHECK(at(k0 + 119));
  CHECK(bmc(&K, &X, "c", "Qm", 0));
  CHECK(part_is(&X, &K, 1, k0 + 119));
}

/* ===== join_channel_compressed (§4.19) ===== */

static int jcc_build(pod_ix_t *ix, const wallet_t *payer, const wallet_t *auth,
                     const pod_pubkey_t *ch, int with_inv) {
  pod_ix_join_channel_compressed_args_t a;
  memset(a.metadata_hash, 0xab, 32);
  return pod_ix_join_channel_compressed(ix, &payer->pk, &auth->pk, ch, with_inv, NULL, &a) ==
         POD_OK;
}
static int jcc(const wallet_t *w, const pod_pubkey_t *ch, int with_inv, uint32_t code) {
  pod_ix_t ix;
  if (!jcc_build(&ix, w, w, ch, with_inv)) return 0;
  if (code) return fails_custom(&ix.ix, w, NULL, code);
  tx(&ix.ix, w, NULL);
  return ok();
}
static uint32_t current(const pod_pubkey_t *ch) {
  pod_channel_account_t c;
  return get_channel(ch, &c) ? c.current_participants : 0xffffffffu;
}

static pod_pubkey_t P; /* private v1 channel of A */
static int64_t P_INV_T;

static void test_join_compressed(void) {
  int64_t t = T0 + 5000;
  CHECK(at(t));
  uint32_t c0 = current(&X);
  pod_ix_t ix;
  CHECK(jcc_build(&ix, &D, &D, &X, 0));
  uint64_t b0 = bal(&D.pk);
  tx(&ix.ix, &D, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&D.pk), b0 - FEE); /* no fee, no rent */
  CHECK_EQ(current(&X), c0 + 1);
  pod_pubkey_t pd = participant_of(&X, &D);
  CHECK(!exists(&pd)); /* no participant record */
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: JoinChannelCompressed", "Program data: *",
                 "Program log: Agent joined channel with compression: \"general\"", CONSUMED,
                 PROG_OK));
  pod_event_t ev;
  uint8_t eb[POD_EVENT_DATA_MAX];
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK_EQ(ev.kind, POD_EVENT_CHANNEL_JOINED);
  CHECK(pod_pubkey_eq(&ev.u.channel_joined.channel, &X));
  CHECK(pod_pubkey_eq(&ev.u.channel_joined.participant, &D.agent));
  CHECK_EQ(ev.u.channel_joined.timestamp, t);
  /* Q17: again, and again */
  tick();
  CHECK(jcc(&D, &X, 0, 0));
  CHECK_EQ(current(&X), c0 + 2);
  /* Q17: up to max_participants */
  pod_pubkey_t tiny;
  CHECK(create_channel(&A, &tiny, "tiny", "", 0, 3, 0));
  CHECK(jcc(&D, &tiny, 0, 0));
  tick();
  CHECK(jcc(&D, &tiny, 0, 0));
  CHECK_EQ(current(&tiny), 3);
  tick();
  CHECK(jcc(&D, &tiny, 0, 6004));
  CHECK(occurred("ChannelFull", 6004, "Channel is full"));
  CHECK(jcc_build(&ix, &C, &C, &tiny, 0)); /* the authority check (1) comes before (2) */
  ix.metas[1].pubkey = D.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 6001));
  /* authority: C with D's agent account -> 6001 (no seeds constraint, a handler check) */
  CHECK(jcc_build(&ix, &C, &C, &X, 0));
  ix.metas[1].pubkey = D.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 6001));
  CHECK(occurred("Unauthorized", 6001, "Unauthorized"));
  /* account checks */
  CHECK(jcc(&F, &X, 0, 3012)); /* F has no agent */
  CHECK(caused("agent_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  CHECK(jcc(&C, &X, 1, 3012)); /* no invitation */
  CHECK(caused("invitation_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  CHECK(jcc_build(&ix, &D, &D, &X, 0));
  ix.metas[1].pubkey = D.pk;
  CHECK(fails_custom(&ix.ix, &D, NULL, 3007));
  CHECK(jcc_build(&ix, &D, &D, &X, 0));
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &D, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK(jcc_build(&ix, &A, &D, &X, 0));
  ix.metas[4].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("authority", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  CHECK(jcc_build(&ix, &D, &D, &X, 0));
  ix.metas[3].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, &D, 2000));
  CHECK(caused("fee_payer", "ConstraintMut", 2000, MSG_MUT));
  CHECK(jcc_build(&ix, &D, &D, &X, 0));
  ix.metas[5].pubkey = pod_compression_program_id;
  CHECK(fails_custom(&ix.ix, &D, NULL, 3008));
  CHECK(caused("system_program", "InvalidProgramId", 3008, MSG_PROGRAM_ID));

  /* private channel: Q16 */
  CHECK(create_channel(&A, &P, "private", "", POD_VISIBILITY_PRIVATE, 10, 0));
  CHECK(jcc(&D, &P, 0, 6013));
  CHECK(occurred("PrivateChannelRequiresInvitation", 6013, "Private channel requires invitation"));
  tick();
  P_INV_T = now();
  CHECK(invite(&A, &P, 0, &D.pk, 1));
  CHECK(jcc(&D, &P, 1, 6001)); /* not accepted yet */
  CHECK(join(&D, &P, 1, 0));   /* join_channel accepts it */
  tick();
  uint32_t p0 = current(&P);
  CHECK(jcc(&D, &P, 1, 0));
  tick();
  CHECK(jcc(&D, &P, 1, 0)); /* is_used ignored: reuse unlimited */
  CHECK_EQ(current(&P), p0 + 2);
  /* the invitation's channel is not checked */
  pod_pubkey_t P2, invd;
  CHECK(create_channel(&A, &P2, "private2", "", POD_VISIBILITY_PRIVATE, 10, 0));
  CHECK_EQ(pod_pda_invitation(&invd, NULL, &P, &D.pk), POD_OK);
  CHECK(jcc_build(&ix, &D, &D, &P2, 1));
  ix.metas[2].pubkey = invd;
  tx(&ix.ix, &D, NULL);
  CHECK(ok());
  CHECK_EQ(current(&P2), 2);
  /* someone else's invitation: invitee != authority -> 6001 */
  CHECK(jcc_build(&ix, &C, &C, &P, 1));
  ix.metas[2].pubkey = invd;
  CHECK(fails_custom(&ix.ix, &C, NULL, 6001));
  /* a public channel ignores the invitation */
  tick();
  CHECK(jcc_build(&ix, &D, &D, &X, 1));
  ix.metas[2].pubkey = invd;
  tx(&ix.ix, &D, NULL);
  CHECK(ok());
}

/* time: the invitation expires (6002) */
static void test_join_compressed_expiry(void) {
  CHECK(at(P_INV_T + WEEK));
  CHECK(jcc(&D, &P, 1, 0));
  CHECK(at(P_INV_T + WEEK + 1));
  CHECK(jcc(&D, &P, 1, 6002));
  CHECK(occurred("MessageExpired", 6002, "Message expired"));
}

/* ===== batch_sync_compressed_messages (§4.20) ===== */

static int bs_build(pod_ix_t *ix, const wallet_t *payer, const wallet_t *auth,
                    const pod_pubkey_t *ch, const void *h, size_t n, int64_t ts) {
  pod_ix_batch_sync_compressed_messages_args_t a = {(const uint8_t(*)[32])h, n, ts};
  return pod_ix_batch_sync_compressed_messages(ix, &payer->pk, &auth->pk, ch, NULL, &a) == POD_OK;
}
static int bs(const wallet_t *w, const pod_pubkey_t *ch, const void *h, size_t n, int64_t ts,
              uint32_t code) {
  pod_ix_t ix;
  if (!bs_build(&ix, w, w, ch, h, n, ts)) return 0;
  if (code) return fails_custom(&ix.ix, w, NULL, code);
  tx(&ix.ix, w, NULL);
  return ok();
}
/* X's v2 fields: at abs 82 + N + D (N = 7, D = 12) */
static int sync_fields(int64_t last, uint64_t total, uint64_t size) {
  pod_channel_account_t c;
  if (!get_channel(&X, &c)) return 0;
  if (c.last_sync_timestamp == last && c.total_compressed_messages == total &&
      c.compressed_data_size == size)
    return 1;
  fprintf(stderr, "  last_sync %lld total %llu size %llu, want %lld %llu %llu\n",
          (long long)c.last_sync_timestamp, (unsigned long long)c.total_compressed_messages,
          (unsigned long long)c.compressed_data_size, (long long)last, (unsigned long long)total,
          (unsigned long long)size);
  return 0;
}

static void test_batch_sync(void) {
  int64_t t = T0 + 6000;
  CHECK(at(t));
  uint8_t h[30][32];
  pod_sha256(h[0], "hello", 5);
  for (int i = 1; i < 30; i++)
    memset(h[i], i, 32);
  uint8_t before[POD_CHANNEL_SPACE], want[POD_CHANNEL_SPACE];
  CHECK_EQ(acct_data(&X, before, sizeof before), POD_CHANNEL_SPACE);
  pod_ix_t ix;
  CHECK(bs_build(&ix, &A, &A, &X, h, 2, t));
  uint64_t a0 = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&A.pk), a0 - FEE);
  char line[200];
  snprintf(line, sizeof line,
           "Program log: Batch synced 2 compressed messages at timestamp: %lld, compression "
           "ratio: 3200%%, total size: 64 bytes",
           (long long)t);
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: BatchSyncCompressedMessages",
                 "Program data: *", "Program data: *", line, CONSUMED, PROG_OK));
  pod_event_t ev;
  uint8_t eb[POD_EVENT_DATA_MAX];
  CHECK_EQ(event_at(0, &ev, eb), POD_OK);
  CHECK_EQ(ev.kind, POD_EVENT_COMPRESSED_MESSAGE_SYNCED);
  CHECK(pod_pubkey_eq(&ev.u.compressed_message_synced.channel_id, &X));
  CHECK(!memcmp(ev.u.compressed_message_synced.message_hash, h[0], 32));
  CHECK_HEX(ev.u.compressed_message_synced.compressed_hash, 32,
            "2733a327cd728d8c9a0ef6613687bd7b693fac195747c3485bd1c55f69abb9c2");
  CHECK_EQ(ev.u.compressed_message_synced.batch_index, 0);
  CHECK_EQ(ev.u.compressed_message_synced.sync_timestamp, t);
  CHECK_EQ(event_at(1, &ev, eb), POD_OK);
  uint8_t b3[32];
  pod_blake3(b3, h[1], 32);
  CHECK(!memcmp(ev.u.compressed_message_synced.message_hash, h[1], 32));
  CHECK(!memcmp(ev.u.compressed_message_synced.compressed_hash, b3, 32));
  CHECK_EQ(ev.u.compressed_message_synced.batch_index, 1);
  /* exactly the three v2 fields changed */
  memcpy(want, before, sizeof want);
  wbuf_t w = {want, 82 + 7 + 12};
  w_le(&w, (uint64_t)t, 8);
  w_le(&w, 2, 8);
  w_le(&w, 64, 8);
  CHECK(acct_is(&X, POD_CHANNEL_RENT, want, sizeof want));

  /* Q21: an empty batch updates only the timestamp; ratio 100 % */
  CHECK(bs(&A, &X, NULL, 0, t - 5, 0));
  snprintf(line, sizeof line,
           "Program log: Batch synced 0 compressed messages at timestamp: %lld, compression "
           "ratio: 100%%, total size: 0 bytes",
           (long long)(t - 5));
  CHECK(has_line(line));
  CHECK(!has_prefix("Program data: "));
  CHECK(sync_fields(t - 5, 2, 64));
  /* 29 hashes: about the most a legacy transaction carries */
  CHECK(bs(&A, &X, h + 1, 29, t, 0));
  CHECK_EQ(count_prefix("Program data: "), 29);
  CHECK(has_substr("Batch synced 29 compressed messages at timestamp: "));
  CHECK(has_substr("compression ratio: 3200%, total size: 928 bytes"));
  CHECK(sync_fields(t, 31, 64 + 928));
  CHECK_EQ(event_at(28, &ev, eb), POD_OK);
  CHECK_EQ(ev.u.compressed_message_synced.batch_index, 28);

  /* authority: only the creator (before the timestamp check) */
  CHECK(bs(&B, &X, h, 1, t + 5000, 6001));
  CHECK(occurred("Unauthorized", 6001, "Unauthorized"));
  /* time window: |now - ts| <= 3600 */
  CHECK(bs(&A, &X, h, 1, t + 3600, 0));
  CHECK(sync_fields(t + 3600, 32, 64 + 928 + 32));
  CHECK(bs(&A, &X, h, 1, t - 3600, 0));
  CHECK(bs(&A, &X, h, 1, t + 3601, 6016));
  CHECK(occurred("InvalidTimestamp", 6016, "Invalid timestamp"));
  CHECK(bs(&A, &X, h, 1, t - 3601, 6016));
  CHECK(bs(&A, &X, h, 1, t * 1000, 6016)); /* milliseconds (the TS SDK's bug) */
  /* Q40: now - ts overflows i64 -> panic; one second less does not overflow */
  CHECK(bs_build(&ix, &A, &A, &X, h, 1, INT64_MIN));
  CHECK(fails_ix(&ix.ix, &A, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK(panicked());
  CHECK(has_substr("attempt to subtract with overflow"));
  CHECK(sync_fields(t - 3600, 33, 64 + 928 + 64));
  CHECK(bs_build(&ix, &A, &A, &X, h, 1, (int64_t)((uint64_t)t - (1ull << 63))));
  CHECK(fails_ix(&ix.ix, &A, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK(panicked());
  CHECK(bs(&A, &X, h, 1, (int64_t)((uint64_t)t - (1ull << 63) + 1), 6016));
  /* Q21: a zero hash fails 6017 after the earlier events were logged */
  uint8_t z[3][32];
  memcpy(z[0], h[0], 32);
  memset(z[1], 0, 32);
  memcpy(z[2], h[2], 32);
  CHECK(bs(&A, &X, z, 3, t, 6017));
  CHECK(occurred("InvalidMessageHash", 6017, "Invalid message hash"));
  CHECK_EQ(count_prefix("Program data: "), 1);
  CHECK(bs(&A, &X, z + 1, 2, t, 6017));
  CHECK(bs(&A, &X, z + 1, 2, t + 3601, 6016)); /* the timestamp (3) before the hashes (4) */
  CHECK_EQ(count_prefix("Program data: "), 0);
  CHECK(sync_fields(t - 3600, 33, 64 + 928 + 64));
  /* account checks */
  CHECK(bs_build(&ix, &A, &A, &X, h, 1, t));
  ix.metas[4].pubkey = pod_system_program_id;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3008));
  CHECK(caused("compression_program", "InvalidProgramId", 3008, MSG_PROGRAM_ID));
  CHECK(bs_build(&ix, &A, &A, &X, h, 1, t));
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK(bs_build(&ix, &B, &A, &X, h, 1, t));
  ix.metas[2].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3010));
  CHECK(caused("authority", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  CHECK(bs_build(&ix, &A, &A, &X, h, 1, t));
  ix.metas[0].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3002));
  /* a separate fee payer */
  CHECK(bs_build(&ix, &B, &A, &X, h, 1, t + 1));
  tx(&ix.ix, &B, &A);
  CHECK(ok());
  CHECK_EQ(R.fee, 2 * FEE);
}

/* after leaving, the participant is inactive */
static void test_after_leave(void) {
  CHECK(at(T0 + 7000));
  CHECK(leave(&B, &X));
  tick();
  CHECK(bc(&B, &X, "still here?", 9000, 6006));
  CHECK(caused("participant_account", "NotInChannel", 6006, "Not in channel"));
  CHECK(bmc(&B, &X, "still here?", "Qm", 6006));
  CHECK(occurred("NotInChannel", 6006, "Not in channel"));
}

/* Q20: a ledger without the compression program: 3009 for the instructions that name it */
static void test_no_compression(void) {
  open_ledger(1);
  wallet(&A, 0x01, 10 * SOL);
  wallet(&D, 0x04, 10 * SOL);
  CHECK(!exists(&pod_compression_program_id));
  CHECK(register_agent(&A, "https://a.example/agent"));
  CHECK(register_agent(&D, "https://d.example/agent"));
  pod_pubkey_t ch;
  CHECK(create_channel_v2(&A, &ch, "nc", "", 0, 10, 0));
  CHECK(at(T0 + 10));
  uint8_t h[1][32];
  memset(h, 7, sizeof h);
  CHECK(bs(&A, &ch, h, 1, T0 + 10, 3009));
  CHECK(caused("compression_program", "InvalidProgramExecutable", 3009, MSG_NOT_EXEC));
  CHECK(bmc(&A, &ch, "x", "Qm", 3009));
  CHECK(caused("compression_program", "InvalidProgramExecutable", 3009, MSG_NOT_EXEC));
  /* the key check comes first */
  pod_ix_t ix;
  CHECK(bs_build(&ix, &A, &A, &ch, h, 1, T0 + 10));
  key_of(&ix.metas[4].pubkey, 0x69);
  CHECK(fails_custom(&ix.ix, &A, NULL, 3008));
  /* join_channel_compressed has no compression_program slot */
  CHECK(jcc(&D, &ch, 0, 0));
  CHECK_EQ(current(&ch), 2);
  close_ledger();
}

int main(void) {
  open_ledger(0);
  wallet(&A, 0x01, 20 * SOL);
  wallet(&B, 0x02, 10 * SOL);
  wallet(&C, 0x03, 10 * SOL);
  wallet(&D, 0x04, 10 * SOL);
  wallet(&F, 0x06, 10 * SOL);
  wallet(&G, 0x07, 3 * SOL);
  wallet(&K, 0x09, 3 * SOL);
  CHECK(register_agent(&A, "https://a.example/agent"));
  CHECK(register_agent(&B, "https://b.example/agent"));
  CHECK(register_agent(&C, "https://c.example/agent"));
  CHECK(register_agent(&D, "https://d.example/agent"));
  CHECK(register_agent(&G, "https://g.example/agent"));
  CHECK(register_agent(&K, "https://k.example/agent"));
  CHECK(create_channel(&A, &X, "general", "General chat", 0, 100, 1000)); /* fee never charged */
  CHECK(create_channel_v2(&A, &Y, "other", "", 0, 100, 0));
  B_JOINED = now();
  CHECK(deposit(&B, &X, 100000));
  CHECK(join(&B, &X, 0, 1));
  CHECK(deposit(&G, &X, 100000));
  CHECK(join(&G, &X, 0, 1));
  CHECK(deposit(&K, &X, 100000));
  CHECK(join(&K, &X, 0, 1));
  test_broadcast_inactive();
  test_broadcast();
  test_broadcast_rate();
  test_compressed();
  test_compressed_rate();
  test_join_compressed();
  test_batch_sync();
  test_after_leave();
  test_join_compressed_expiry();
  close_ledger();
  test_no_compression();
  TEST_DONE();
}
