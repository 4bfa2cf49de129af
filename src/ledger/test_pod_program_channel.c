/* PoD program executed by the ledger engine, part 2: create_channel, create_channel_v2,
 * update_channel, get_channel_participants, invite_to_channel, deposit_escrow, withdraw_escrow,
 * join_channel, leave_channel. Written from PROTOCOL.md alone. */
#include "test_pod_program.h"

static wallet_t A, B, C, D, E, F, G, H;
static pod_pubkey_t X; /* channel(A, "general"), created at T0 */

static void chan_x(chan_img_t *c) {
  memset(c, 0, sizeof *c);
  c->creator = &A.pk;
  c->created_at = T0;
  c->max = 100;
  c->current = 1;
  c->name = "general";
  c->name_len = 7;
  c->desc = "General chat";
  c->desc_len = 12;
  c->bump = 255;
}
static int chan_is(const pod_pubkey_t *k, const chan_img_t *c) {
  uint8_t want[POD_CHANNEL_SPACE];
  memset(want, 0, sizeof want);
  img_channel(want, c);
  return acct_is(k, POD_CHANNEL_RENT, want, sizeof want);
}

/* ===== create_channel (§4.8) ===== */

static void test_create_channel_vector(void) {
  CHECK_EQ(now(), T0);
  pod_ix_t ix;
  pod_ix_create_channel_args_t a = {S("general"), S("General chat"), POD_VISIBILITY_PUBLIC, 100, 0};
  CHECK_EQ(pod_ix_create_channel(&ix, &A.pk, &a), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz,
            "2569fd63572edf140700000067656e6572616c0c00000047656e6572616c206368617400640000000000"
            "000000000000");
  X = ix.metas[0].pubkey;
  CHECK_STR(b58(&X), "cHP2shu3FoiKtdqLPKT1X4u55WmvV6XQfFN8RvpVmnY");
  uint64_t b0 = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&A.pk), b0 - 3243360 - FEE);
  chan_img_t c;
  chan_x(&c);
  CHECK(chan_is(&X, &c)); /* is_active false, v2 fields 0 (Q1) */
  char line[120];
  snprintf(line, sizeof line, "Program log: Channel created: %s", b58(&A.pk));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: CreateChannel", SYS_INVOKE, SYS_OK, line,
                 CONSUMED, PROG_OK));
  /* Q2: no participant record for the creator */
  pod_pubkey_t p = participant_of(&X, &A);
  CHECK_STR(b58(&p), "61gNZGWS81E4qJaZFu4SPQjbFCVmhWdKwP6BwsufdtKN");
  CHECK(!exists(&p));
}

static int cc_fails(const wallet_t *w, const char *name, size_t nlen, const char *desc, size_t dlen,
                    uint8_t vis, uint32_t max, uint64_t fee, uint32_t code) {
  pod_ix_t ix;
  pod_ix_create_channel_args_t a = {{name, nlen}, {desc, dlen}, vis, max, fee};
  if (pod_ix_create_channel(&ix, &w->pk, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}

static void test_create_channel_checks(void) {
  CHECK(at(T0 + 10));
  char n[64], d[256];
  memset(n, 'n', sizeof n);
  memset(d, 'd', sizeof d);
  pod_ix_t ix;
  /* any wallet can create (F has no agent) */
  pod_pubkey_t ch;
  CHECK(create_channel(&F, &ch, "f-chan", "", POD_VISIBILITY_PRIVATE, 1000, 1000000000));
  chan_img_t c;
  memset(&c, 0, sizeof c);
  c.creator = &F.pk;
  c.created_at = T0 + 10;
  c.max = 1000;
  c.current = 1;
  c.fee = 1000000000;
  c.name = "f-chan";
  c.name_len = 6;
  c.desc = "";
  c.visibility = 1;
  CHECK_EQ(pod_pda_channel(&ch, &c.bump, &F.pk, "f-chan", 6), POD_OK);
  CHECK(chan_is(&ch, &c));
  /* Q4: a 33-byte name cannot be a seed: abort in the PDA search */
  pod_ix_create_channel_args_t a = {{n, 32}, S("d"), 0, 10, 0};
  CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a), POD_OK);
  pod_ix_args_t any;
  memset(&any, 0, sizeof any);
  any.kind = POD_IX_CREATE_CHANNEL;
  any.u.create_channel = a;
  any.u.create_channel.name.len = 33;
  CHECK_EQ(pod_ix_encode(ix.data, sizeof ix.data, &ix.ix.data_sz, &any), POD_OK);
  CHECK(fails_ix(&ix.ix, &F, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK_STR(last_log(), "Program " PROG " failed: Could not create program address with signer "
                        "seeds: Length of the seed is too long for address generation");
  CHECK(has_line("Program log: Instruction: CreateChannel"));
  CHECK(!has_prefix("Program log: AnchorError"));
  any.u.create_channel.name.len = 50;
  CHECK_EQ(pod_ix_encode(ix.data, sizeof ix.data, &ix.ix.data_sz, &any), POD_OK);
  CHECK(fails_ix(&ix.ix, &F, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  /* (1) blank name -> 6008 (Q31), before the description check */
  CHECK(cc_fails(&F, "   ", 3, "d", 1, 0, 10, 0, 6008));
  CHECK(occurred("ChannelNameTooLong", 6008, "Channel name too long"));
  CHECK(cc_fails(&F, "", 0, "d", 1, 0, 10, 0, 6008));
  CHECK(cc_fails(&F, "\t \xe3\x80\x80", 5, d, 201, 0, 10, 0, 6008));
  /* (3) description > 200 -> 6009 */
  CHECK(cc_fails(&F, "desc", 4, d, 201, 0, 10, 0, 6009));
  CHECK(occurred("ChannelDescriptionTooLong", 6009, "Channel description too long"));
  /* (4) max_participants 0 or > 1000 -> 6004 */
  CHECK(cc_fails(&F, "max0", 4, "d", 1, 0, 0, 0, 6004));
  CHECK(occurred("ChannelFull", 6004, "Channel is full"));
  CHECK(cc_fails(&F, "max1001", 7, "d", 1, 0, 1001, 0, 6004));
  /* (5) fee > 1 SOL -> 6007 */
  CHECK(cc_fails(&F, "fee", 3, "d", 1, 0, 10, 1000000001, 6007));
  CHECK(occurred("InsufficientFunds", 6007, "Insufficient funds"));
  /* the order of the checks */
  CHECK(cc_fails(&F, "order1", 6, d, 201, 0, 0, 1000000001, 6009));
  CHECK(cc_fails(&F, "order2", 6, "d", 1, 0, 0, 1000000001, 6004));
  /* Q5: N + D > 226 -> 3004 at exit */
  CHECK(cc_fails(&F, n, 32, d, 195, 0, 10, 0, 3004));
  CHECK(caused("channel_account", "AccountDidNotSerialize", 3004, MSG_SERIALIZE));
  CHECK(has_prefix("Program log: Channel created: "));
  /* Q3 + Q5: the size counts the trimmed strings (32 raw -> 30 stored, + 196 = 226) */
  char n2[40];
  memcpy(n2, "  ", 2);
  memset(n2 + 2, 'n', 30);
  memset(&c, 0, sizeof c);
  {
    pod_ix_create_channel_args_t a2 = {{n2, 32}, {d, 196}, 0, 10, 0};
    CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a2), POD_OK);
    ch = ix.metas[0].pubkey;
    tx(&ix.ix, &F, NULL);
    CHECK(ok());
    c.creator = &F.pk;
    c.created_at = T0 + 10;
    c.max = 10;
    c.current = 1;
    c.name = n2 + 2;
    c.name_len = 30;
    c.desc = d;
    c.desc_len = 196;
    CHECK_EQ(pod_pda_channel(&scratch_pda, &c.bump, &F.pk, n2, 32), POD_OK);
    CHECK(chan_is(&ch, &c));
  }
  /* Q3: name and description trimmed; the PDA comes from the raw argument */
  CHECK(create_channel(&F, &ch, "  padded  ", "\t desc \n", 0, 5, 7));
  c.name = "padded";
  c.name_len = 6;
  c.desc = "desc";
  c.desc_len = 4;
  c.max = 5;
  c.fee = 7;
  CHECK_EQ(pod_pda_channel(&scratch_pda, &c.bump, &F.pk, "  padded  ", 10), POD_OK);
  CHECK(chan_is(&ch, &c));
  pod_pubkey_t trimmed;
  CHECK_EQ(pod_pda_channel(&trimmed, NULL, &F.pk, "padded", 6), POD_OK);
  CHECK(!exists(&trimmed));
  /* Q12: the same (creator, name) again -> Custom(0) */
  CHECK(cc_fails(&A, "general", 7, "other", 5, 0, 10, 0, 0));
  /* the init slot at another address -> 2006 */
  pod_ix_create_channel_args_t a3 = {S("wrongpda"), S("d"), 0, 10, 0};
  CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a3), POD_OK);
  pod_pubkey_t right = ix.metas[0].pubkey, left;
  CHECK_EQ(pod_pda_channel(&left, NULL, &F.pk, "wrongpdb", 8), POD_OK);
  ix.metas[0].pubkey = left;
  CHECK(fails_custom(&ix.ix, &F, NULL, 2006));
  CHECK(caused("channel_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  CHECK(left_right(&left, &right));
  /* 3008: wrong system program */
  CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a3), POD_OK);
  key_of(&ix.metas[2].pubkey, 0x67);
  CHECK(fails_custom(&ix.ix, &F, NULL, 3008));
  /* the creator not signed -> 3010 */
  CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a3), POD_OK);
  ix.metas[1].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("creator", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  /* the channel slot read-only -> PrivilegeEscalation in the create CPI */
  CHECK_EQ(pod_ix_create_channel(&ix, &F.pk, &a3), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_ix(&ix.ix, &F, NULL, POD_IXERR_PRIVILEGE_ESCALATION));
}

/* ===== create_channel_v2 (§4.9) ===== */

static int v2_fails(const wallet_t *w, const char *name, size_t nlen, const char *desc, size_t dlen,
                    uint32_t max, uint64_t fee, uint32_t code) {
  pod_ix_t ix;
  pod_ix_create_channel_v2_args_t a = {{name, nlen}, {desc, dlen}, 0, max, fee};
  if (pod_ix_create_channel_v2(&ix, &w->pk, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}

static int v2_ok(const wallet_t *w, const char *name, size_t nlen, const char *desc, size_t dlen,
                 uint8_t vis, uint32_t max, uint64_t fee) {
  pod_ix_t ix;
  pod_ix_create_channel_v2_args_t a = {{name, nlen}, {desc, dlen}, vis, max, fee};
  if (pod_ix_create_channel_v2(&ix, &w->pk, &a) != POD_OK) return 0;
  pod_pubkey_t ch = ix.metas[1].pubkey, part = ix.metas[2].pubkey;
  uint64_t b0 = bal(&w->pk);
  tx(&ix.ix, w, NULL);
  if (!ok()) return 0;
  chan_img_t c;
  memset(&c, 0, sizeof c);
  c.creator = &w->pk;
  c.created_at = now();
  c.max = max;
  c.current = 1;
  c.fee = fee;
  c.name = name; /* untrimmed */
  c.name_len = nlen;
  c.desc = desc;
  c.desc_len = dlen;
  c.visibility = vis;
  c.is_active = 1;
  pod_pda_channel(&scratch_pda, &c.bump, &w->pk, name, nlen);
  uint8_t pb, pw[POD_PARTICIPANT_SPACE];
  pod_pda_participant(&scratch_pda, &pb, &ch, &w->agent);
  img_participant(pw, &ch, &w->agent, now(), 0, 0, 1, pb);
  int good = chan_is(&ch, &c) && acct_is(&part, POD_PARTICIPANT_RENT, pw, sizeof pw);
  if (bal(&w->pk) != b0 - 4858080 - FEE) {
    fprintf(stderr, "  creator paid %llu\n", (unsigned long long)(b0 - bal(&w->pk)));
    good = 0;
  }
  return good;
}

static void test_create_channel_v2(void) {
  CHECK(at(T0 + 20));
  CHECK(v2_ok(&A, "v2chan", 6, "d", 1, 0, 10, 0));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: CreateChannelV2", SYS_INVOKE, SYS_OK,
                 SYS_INVOKE, SYS_OK, "Program log: Enhanced channel created: \"v2chan\"", CONSUMED,
                 PROG_OK));
  /* Q23: max 0 and any fee accepted; no trimming, blank names accepted */
  CHECK(v2_ok(&A, "zero", 4, "", 0, 1, 0, 5 * SOL));
  CHECK(v2_ok(&A, " sp ", 4, " d ", 3, 0, 1000, 0));
  CHECK(v2_ok(&A, "   ", 3, "", 0, 0, 10, 0));
  CHECK(has_line("Program log: Enhanced channel created: \"   \""));
  /* §6.5 Rust debug quoting of the name */
  CHECK(v2_ok(&A, "q\"\\\t", 4, "", 0, 0, 10, 0));
  CHECK(has_line("Program log: Enhanced channel created: \"q\\\"\\\\\\t\""));
  char n[64], d[256];
  memset(n, 'n', sizeof n);
  memset(d, 'd', sizeof d);
  CHECK(v2_ok(&A, n, 32, d, 194, 0, 10, 0)); /* 226: fits */
  /* checks */
  CHECK(v2_fails(&A, "big", 3, "d", 1, 1001, 0, 6004));
  CHECK(v2_fails(&A, "desc", 4, d, 201, 10, 0, 6009));
  CHECK(v2_fails(&A, "order", 5, d, 201, 1001, 0, 6009));
  n[31] = 'x';
  CHECK(v2_fails(&A, n, 32, d, 195, 10, 0, 3004)); /* Q5 */
  n[31] = 'n';
  CHECK(caused("channel_account", "AccountDidNotSerialize", 3004, MSG_SERIALIZE));
  CHECK(has_prefix("Program log: Enhanced channel created: "));
  /* Q4: 33 bytes -> ProgramFailedToComplete */
  pod_ix_t ix;
  pod_ix_create_channel_v2_args_t a = {{n, 32}, S("d"), 0, 10, 0};
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &A.pk, &a), POD_OK);
  pod_ix_args_t any;
  memset(&any, 0, sizeof any);
  any.kind = POD_IX_CREATE_CHANNEL_V2;
  any.u.create_channel_v2 = a;
  any.u.create_channel_v2.name.len = 33;
  CHECK_EQ(pod_ix_encode(ix.data, sizeof ix.data, &ix.ix.data_sz, &any), POD_OK);
  CHECK(fails_ix(&ix.ix, &A, NULL, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE));
  CHECK_STR(last_log(), "Program " PROG " failed: Could not create program address with signer "
                        "seeds: Length of the seed is too long for address generation");
  /* Q12 */
  CHECK(v2_fails(&A, "v2chan", 6, "again", 5, 10, 0, 0));
  /* the creator needs an agent -> 3012 on agent_account (phase 4, before any init) */
  CHECK(v2_fails(&F, "noagent", 7, "d", 1, 10, 0, 3012));
  CHECK(caused("agent_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  CHECK(!has_line(SYS_INVOKE));
  /* authority: C with A's agent (and the matching participant PDA) -> seeds 2006 on agent_account
   */
  pod_ix_create_channel_v2_args_t a2 = {S("stolen"), S("d"), 0, 10, 0};
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &C.pk, &a2), POD_OK);
  ix.metas[0].pubkey = A.agent;
  CHECK_EQ(pod_pda_participant(&ix.metas[2].pubkey, NULL, &ix.metas[1].pubkey, &A.agent), POD_OK);
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* ... and with the participant derived from C's agent: the init seeds of the participant fail */
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &C.pk, &a2), POD_OK);
  ix.metas[0].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("participant_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* another account type in the agent slot -> 3002 */
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &C.pk, &a2), POD_OK);
  ix.metas[0].pubkey = X;
  CHECK(fails_custom(&ix.ix, &C, NULL, 3002));
}

/* ===== update_channel (§4.17) ===== */

static int uc_send(const wallet_t *signer, const pod_pubkey_t *ch,
                   const pod_ix_update_channel_args_t *a, uint32_t code) {
  pod_ix_t ix;
  if (pod_ix_update_channel(&ix, &signer->pk, ch, a) != POD_OK) return 0;
  if (code) return fails_custom(&ix.ix, signer, NULL, code);
  tx(&ix.ix, signer, NULL);
  return ok();
}

static void test_update_channel(void) {
  CHECK(at(T0 + 30));
  pod_pubkey_t U;
  CHECK(create_channel(&A, &U, "upd", "some description", 0, 10, 0));
  chan_img_t c;
  memset(&c, 0, sizeof c);
  c.creator = &A.pk;
  c.created_at = T0 + 30;
  c.max = 10;
  c.current = 1;
  c.name = "upd";
  c.name_len = 3;
  c.desc = "some description";
  c.desc_len = 16;
  CHECK_EQ(pod_pda_channel(&scratch_pda, &c.bump, &A.pk, "upd", 3), POD_OK);
  pod_ix_update_channel_args_t a;
  memset(&a, 0, sizeof a);
  a.has_is_active = 1;
  a.is_active = 1;
  uint64_t b0 = bal(&A.pk);
  CHECK(uc_send(&A, &U, &a, 0));
  CHECK_EQ(bal(&A.pk), b0 - FEE);
  c.is_active = 1;
  CHECK(chan_is(&U, &c));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: UpdateChannel",
                 "Program log: Channel \"upd\" updated", CONSUMED, PROG_OK));
  /* authority: not the creator -> 6001 (constraint on channel_account) */
  CHECK(uc_send(&C, &U, &a, 6001));
  CHECK(caused("channel_account", "Unauthorized", 6001, "Unauthorized"));
  pod_ix_t ix;
  CHECK_EQ(pod_ix_update_channel(&ix, &A.pk, &U, &a), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_update_channel(&ix, &A.pk, &U, &a), POD_OK);
  ix.metas[1].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3010));
  CHECK(caused("signer", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  /* checks in order */
  char n[64], d[256];
  memset(n, 'n', sizeof n);
  memset(d, 'd', sizeof d);
  memset(&a, 0, sizeof a);
  a.has_name = 1;
  a.name.ptr = n;
  a.name.len = 51;
  a.has_description = 1;
  a.description.ptr = d;
  a.description.len = 201;
  CHECK(uc_send(&A, &U, &a, 6008));
  a.has_name = 0;
  CHECK(uc_send(&A, &U, &a, 6009));
  a.has_description = 0;
  a.has_max_participants = 1;
  a.max_participants = 0; /* < current_participants (1) */
  CHECK(uc_send(&A, &U, &a, 6004));
  /* Q24: no caps, blank name allowed, the PDA does not move */
  tick();
  memset(&a, 0, sizeof a);
  a.has_max_participants = 1;
  a.max_participants = 5000;
  a.has_fee_per_message = 1;
  a.fee_per_message = 50 * SOL;
  a.has_name = 1;
  a.name = S("");
  CHECK(uc_send(&A, &U, &a, 0));
  CHECK(has_line("Program log: Channel \"\" updated"));
  uint8_t cur[POD_CHANNEL_SPACE], want[POD_CHANNEL_SPACE];
  CHECK_EQ(acct_data(&U, cur, sizeof cur), POD_CHANNEL_SPACE);
  c.max = 5000;
  c.fee = 50 * SOL;
  c.name = "";
  c.name_len = 0;
  memcpy(want, cur, sizeof want);
  size_t end = img_channel(want, &c);
  CHECK_EQ(end, 112 + 0 + 16);
  CHECK(acct_is(&U, POD_CHANNEL_RENT, want, sizeof want));
  /* Q27: a description 14 bytes shorter: the old bytes after the new end stay (bump included) */
  tick();
  memset(&a, 0, sizeof a);
  a.has_description = 1;
  a.description = S("so");
  CHECK(uc_send(&A, &U, &a, 0));
  memcpy(cur, want, sizeof cur);
  c.desc = "so";
  c.desc_len = 2;
  end = img_channel(cur, &c);
  CHECK(acct_is(&U, POD_CHANNEL_RENT, cur, sizeof cur));
  int stale = 0;
  for (size_t i = end; i < 128; i++)
    if (cur[i]) stale = 1;
  CHECK(stale);
  /* longer again: name 50 bytes (the max) and is_active false */
  tick();
  memset(&a, 0, sizeof a);
  a.has_name = 1;
  a.name.ptr = n;
  a.name.len = 50;
  a.has_is_active = 1;
  a.is_active = 0;
  CHECK(uc_send(&A, &U, &a, 0));
  c.name = n;
  c.name_len = 50;
  c.is_active = 0;
  img_channel(cur, &c);
  CHECK(acct_is(&U, POD_CHANNEL_RENT, cur, sizeof cur));
  /* Q5: 50 + 177 = 227 -> 3004 */
  memset(&a, 0, sizeof a);
  a.has_description = 1;
  a.description.ptr = d;
  a.description.len = 177;
  CHECK(uc_send(&A, &U, &a, 3004));
  CHECK(caused("channel_account", "AccountDidNotSerialize", 3004, MSG_SERIALIZE));
  a.description.len = 176;
  CHECK(uc_send(&A, &U, &a, 0));
  c.desc = d;
  c.desc_len = 176;
  img_channel(cur, &c);
  CHECK(acct_is(&U, POD_CHANNEL_RENT, cur, sizeof cur));
}

/* ===== get_channel_participants (§4.16) ===== */

static void test_get_participants(void) {
  CHECK(at(T0 + 70));
  pod_ix_t ix;
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &X), POD_OK);
  /* Q1: v1 channel inactive -> 6006 with the source location */
  CHECK(fails_custom(&ix.ix, &B, NULL, 6006));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: GetChannelParticipants",
                 "Program log: AnchorError thrown in programs/pod-com/src/lib.rs:1323. Error Code: "
                 "NotInChannel. Error Number: 6006. Error Message: Not in channel.",
                 CONSUMED, "Program " PROG " failed: custom program error: 0x1776"));
  CHECK(activate(&A, &X));
  chan_img_t c;
  chan_x(&c);
  c.is_active = 1;
  c.escrow_balance = 10 * SOL; /* test_escrow */
  CHECK(chan_is(&X, &c));
  CHECK(has_line("Program log: Channel \"general\" updated"));
  /* Q22: an empty Vec<Pubkey> as return data */
  tick();
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &X), POD_OK);
  uint64_t b0 = bal(&B.pk);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&B.pk), b0 - FEE);
  CHECK_EQ(R.return_data_sz, 4);
  CHECK(R.return_data_sz == 4 && !memcmp(R.return_data, "\0\0\0\0", 4));
  CHECK(pod_pubkey_eq(&R.return_program, &pod_program_id));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: GetChannelParticipants", CONSUMED,
                 "Program return: " PROG " AAAAAA==", PROG_OK));
  CHECK(chan_is(&X, &c));
  /* through simulate: the same return data, nothing charged */
  pod_ledger_result_t r;
  CHECK_EQ(simulate(&ix.ix, &C, &r), POD_OK);
  CHECK(!r.has_err && r.return_data_sz == 4 && !memcmp(r.return_data, "\0\0\0\0", 4) &&
        pod_pubkey_eq(&r.return_program, &pod_program_id));
  pod_ledger_result_free(&r);
  /* account checks */
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &X), POD_OK);
  ix.ix.account_cnt = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 3005));
  CHECK(caused("channel_account", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &A.agent), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 3002));
  CHECK(caused("channel_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &A.pk), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 3007));
  CHECK(left_right(&pod_system_program_id, &pod_program_id));
  pod_pubkey_t none;
  key_of(&none, 0x71);
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &none), POD_OK);
  CHECK(fails_custom(&ix.ix, &B, NULL, 3012));
}

/* ===== invite_to_channel (§4.12) ===== */

static void test_invite_vector(void) {
  CHECK_EQ(now(), T0);
  uint8_t agent_before[POD_AGENT_SPACE], agent_after[POD_AGENT_SPACE];
  CHECK_EQ(acct_data(&A.agent, agent_before, sizeof agent_before), POD_AGENT_SPACE);
  pod_ix_t ix;
  pod_ix_invite_to_channel_args_t a = {B.pk, 7};
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &A.pk, &X, 0, &a), POD_OK);
  pod_pubkey_t inv = ix.metas[3].pubkey;
  uint8_t bump = 0;
  CHECK_EQ(pod_pda_invitation(&scratch_pda, &bump, &X, &B.pk), POD_OK);
  CHECK_STR(b58(&inv), "B4xKGMh3TmycoKVaF1Z5NSvqK2Njxvf7PjvPiSX3CmeC");
  CHECK_EQ(bump, 252);
  uint64_t b0 = bal(&A.pk);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&A.pk), b0 - 2060160 - FEE);
  uint8_t h[32], want[POD_INVITATION_SPACE];
  invitation_hash(h, &X, &A.pk, &B.pk, 7, T0);
  CHECK_HEX(h, 32, "80873c648130d0f7be7711e95b4b3add9aa4a8dd4173c4475eee4b404015ee6e");
  img_invitation(want, &X, &A.pk, &B.pk, h, T0, 7, 0, 0, 252);
  CHECK(acct_is(&inv, POD_INVITATION_RENT, want, sizeof want));
  char line[400];
  int n = snprintf(line, sizeof line,
                   "Program log: Secure invitation sent to %s for channel \"general\" with hash [",
                   b58(&B.pk));
  for (int i = 0; i < 32; i++)
    n += snprintf(line + n, sizeof line - (size_t)n, "%s%u", i ? ", " : "", h[i]);
  snprintf(line + n, sizeof line - (size_t)n, "]");
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: InviteToChannel", SYS_INVOKE, SYS_OK, line,
                 CONSUMED, PROG_OK));
  CHECK(!has_prefix("Program data: "));
  /* Q10: the agent record is not written back */
  CHECK_EQ(acct_data(&A.agent, agent_after, sizeof agent_after), POD_AGENT_SPACE);
  CHECK(!memcmp(agent_before, agent_after, sizeof agent_before));
}

static int inv_fails(const wallet_t *inviter, const pod_pubkey_t *ch, int with_part,
                     const pod_pubkey_t *invitee, uint64_t nonce, uint32_t code) {
  pod_ix_t ix;
  pod_ix_invite_to_channel_args_t a = {*invitee, nonce};
  if (pod_ix_invite_to_channel(&ix, &inviter->pk, ch, with_part, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, inviter, NULL, code);
}

static void test_invite(void) {
  CHECK(at(T0 + 50));
  /* Q12: once per (channel, invitee), even with another nonce */
  CHECK(inv_fails(&A, &X, 0, &B.pk, 8, 0));
  /* Q10: unlimited invitations in the same second, counters stay 0 */
  uint8_t agent_before[POD_AGENT_SPACE], agent_after[POD_AGENT_SPACE];
  CHECK_EQ(acct_data(&A.agent, agent_before, sizeof agent_before), POD_AGENT_SPACE);
  int all = 1;
  for (int i = 0; i < 22; i++) {
    pod_pubkey_t k;
    key_of(&k, (uint8_t)(0x80 + i));
    if (!invite(&A, &X, 0, &k, (uint64_t)i)) all = 0;
  }
  CHECK(all);
  CHECK_EQ(acct_data(&A.agent, agent_after, sizeof agent_after), POD_AGENT_SPACE);
  CHECK(!memcmp(agent_before, agent_after, sizeof agent_before));
  /* an invitation to the creator's own wallet and to an agent PDA: any key */
  CHECK(invite(&A, &X, 0, &A.pk, 1));
  /* not the creator and no participant -> 6001 (handler) */
  CHECK(inv_fails(&C, &X, 0, &D.pk, 1, 6001));
  CHECK(occurred("Unauthorized", 6001, "Unauthorized"));
  /* a participant slot that does not exist -> 3012 */
  CHECK(inv_fails(&C, &X, 1, &D.pk, 1, 3012));
  CHECK(caused("participant_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* an inviter without an agent -> 3012 on agent_account */
  CHECK(inv_fails(&F, &X, 0, &D.pk, 1, 3012));
  CHECK(caused("agent_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* authority: C presenting A's agent -> seeds 2006 */
  pod_ix_t ix;
  pod_ix_invite_to_channel_args_t a = {D.pk, 1};
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &C.pk, &X, 0, &a), POD_OK);
  ix.metas[2].pubkey = A.agent;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* another account type in channel_account -> 3002 */
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &A.pk, &A.agent, 0, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 3002));
  CHECK(caused("channel_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  /* the invitation at another address -> 2006 */
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &A.pk, &X, 0, &a), POD_OK);
  CHECK_EQ(pod_pda_invitation(&ix.metas[3].pubkey, NULL, &X, &E.pk), POD_OK);
  CHECK(fails_custom(&ix.ix, &A, NULL, 2006));
  CHECK(caused("invitation_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* Q11: an active participant of an inactive public channel may invite */
  pod_pubkey_t I;
  CHECK(create_channel(&A, &I, "inv", "", 0, 10, 0));
  CHECK(join(&B, &I, 0, 0));
  CHECK(invite(&B, &I, 1, &D.pk, 3));
  pod_channel_invitation_t v;
  pod_pubkey_t inv;
  CHECK_EQ(pod_pda_invitation(&inv, NULL, &I, &D.pk), POD_OK);
  CHECK(get_invitation(&inv, &v) && pod_pubkey_eq(&v.inviter, &B.pk) && v.nonce == 3);
  /* someone else's participant record -> seeds 2006 */
  key_of(&a.invitee, 0x72);
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &C.pk, &I, 1, &a), POD_OK);
  ix.metas[1].pubkey = participant_of(&I, &B);
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("participant_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* after leaving: participant inactive -> 6006 */
  CHECK(leave(&B, &I));
  CHECK(inv_fails(&B, &I, 1, &E.pk, 4, 6006));
  CHECK(caused("participant_account", "NotInChannel", 6006, "Not in channel"));
  /* the creator may still pass no participant */
  CHECK(invite(&A, &I, 0, &E.pk, 5));
}

/* ===== deposit_escrow / withdraw_escrow (§4.10, §4.11) ===== */

static pod_pubkey_t ESC_B; /* escrow(X, B) */

static int dep_fails(const wallet_t *w, const pod_pubkey_t *ch, uint64_t amount, uint32_t code) {
  pod_ix_t ix;
  pod_ix_deposit_escrow_args_t a = {amount};
  if (pod_ix_deposit_escrow(&ix, &w->pk, ch, &a) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}
static int wd(const wallet_t *w, const pod_pubkey_t *ch, uint64_t amount, uint32_t code) {
  pod_ix_t ix;
  pod_ix_withdraw_escrow_args_t a = {amount};
  if (pod_ix_withdraw_escrow(&ix, &w->pk, ch, &a) != POD_OK) return 0;
  if (code) return fails_custom(&ix.ix, w, NULL, code);
  tx(&ix.ix, w, NULL);
  return ok();
}
static int escrow_balance_is(const pod_pubkey_t *ch, uint64_t v) {
  pod_channel_account_t c;
  if (!get_channel(ch, &c)) return 0;
  if (c.escrow_balance == v) return 1;
  fprintf(stderr, "  escrow_balance %llu, want %llu\n", (unsigned long long)c.escrow_balance,
          (unsigned long long)v);
  return 0;
}

static void test_escrow(void) {
  CHECK(at(T0 + 60));
  /* Q35: deposits do not look at the channel's state (X is still inactive here) */
  pod_ix_t ix;
  pod_ix_deposit_escrow_args_t a = {1000000};
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &B.pk, &X, &a), POD_OK);
  ESC_B = ix.metas[0].pubkey;
  uint8_t bump = 0;
  CHECK_EQ(pod_pda_escrow(&scratch_pda, &bump, &X, &B.pk), POD_OK);
  CHECK_STR(b58(&ESC_B), "DqBRLispnLikBQ7QosxVtLkxmZjmt2gm7MsHgHaoVLfA");
  CHECK_EQ(bump, 253);
  uint64_t b0 = bal(&B.pk);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&B.pk), b0 - 1559040 - 1000000 - FEE);
  uint8_t want[POD_ESCROW_SPACE];
  img_escrow(want, &X, &B.pk, 1000000, T0 + 60, 253);
  CHECK(acct_is(&ESC_B, 1559040 + 1000000, want, sizeof want));
  CHECK(escrow_balance_is(&X, 1000000));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: DepositEscrow", SYS_INVOKE, SYS_OK, SYS_INVOKE,
                 SYS_OK, "Program log: Deposited 1000000 lamports to escrow", CONSUMED, PROG_OK));
  /* Q12: no top-up; the init (phase 5) fails before the amount check */
  CHECK(dep_fails(&B, &X, 5, 0));
  CHECK(dep_fails(&B, &X, 0, 0));
  /* amount 0 and > 10 SOL -> 6007 */
  CHECK(dep_fails(&C, &X, 0, 6007));
  CHECK(occurred("InsufficientFunds", 6007, "Insufficient funds"));
  CHECK(dep_fails(&C, &X, 10 * SOL + 1, 6007));
  /* 10 SOL exactly */
  b0 = bal(&G.pk);
  CHECK(deposit(&G, &X, 10 * SOL));
  CHECK_EQ(bal(&G.pk), b0 - 1559040 - 10 * SOL - FEE);
  CHECK(escrow_balance_is(&X, 10 * SOL + 1000000));
  /* too poor for the transfer after the rent -> System Custom(1) */
  CHECK(dep_fails(&D, &X, 2000000, 1));
  CHECK(has_line("Transfer: insufficient lamports 1435960, need 2000000"));
  CHECK_EQ(bal(&D.pk), 3000000 - FEE);
  /* account checks */
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &C.pk, &X, &a), POD_OK);
  ix.metas[1].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &C.pk, &A.agent, &a), POD_OK);
  CHECK(fails_custom(&ix.ix, &C, NULL, 3002));
  CHECK(caused("channel_account", "AccountDiscriminatorMismatch", 3002, MSG_DISC));
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &C.pk, &X, &a), POD_OK);
  ix.metas[0].pubkey = ESC_B;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("escrow_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &C.pk, &X, &a), POD_OK);
  ix.metas[2].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  CHECK(caused("depositor", "AccountNotSigner", 3010, MSG_NOT_SIGNER));

  /* withdraw */
  CHECK(at(T0 + 61));
  b0 = bal(&B.pk);
  CHECK(wd(&B, &X, 400000, 0));
  CHECK_EQ(bal(&B.pk), b0 + 400000 - FEE);
  img_escrow(want, &X, &B.pk, 600000, T0 + 60, 253);
  CHECK(acct_is(&ESC_B, 1559040 + 600000, want, sizeof want));
  CHECK(escrow_balance_is(&X, 10 * SOL + 600000));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: WithdrawEscrow",
                 "Program log: Withdrew 400000 lamports from escrow", CONSUMED, PROG_OK));
  CHECK(wd(&B, &X, 0, 0)); /* Q35 */
  CHECK(has_line("Program log: Withdrew 0 lamports from escrow"));
  CHECK(acct_is(&ESC_B, 1559040 + 600000, want, sizeof want));
  CHECK(wd(&B, &X, 600001, 6007));
  /* authority: C naming B's escrow -> seeds 2006 */
  pod_ix_withdraw_escrow_args_t w = {1};
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &C.pk, &X, &w), POD_OK);
  ix.metas[0].pubkey = ESC_B;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(caused("escrow_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* B's escrow of another channel with channel X -> 2006 */
  pod_pubkey_t Y, esc_y;
  CHECK(create_channel(&A, &Y, "y", "", 0, 10, 0));
  CHECK(deposit(&B, &Y, 777));
  CHECK_EQ(pod_pda_escrow(&esc_y, NULL, &Y, &B.pk), POD_OK);
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &B.pk, &X, &w), POD_OK);
  ix.metas[0].pubkey = esc_y;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2006));
  /* read-only slots -> 2000; unsigned depositor -> 3010 */
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &B.pk, &X, &w), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("escrow_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &B.pk, &X, &w), POD_OK);
  ix.metas[1].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &B, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &B.pk, &X, &w), POD_OK);
  ix.metas[2].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  /* a depositor without an escrow -> 3012 */
  CHECK(wd(&C, &X, 1, 3012));
  /* everything out: the escrow is never closed */
  tick();
  CHECK(wd(&B, &X, 600000, 0));
  img_escrow(want, &X, &B.pk, 0, T0 + 60, 253);
  CHECK(acct_is(&ESC_B, 1559040, want, sizeof want));
  CHECK(escrow_balance_is(&X, 10 * SOL));
}

/* ===== join_channel (§4.13) ===== */

static int join_fails(const wallet_t *w, const pod_pubkey_t *ch, int inv, int esc, uint32_t code) {
  pod_ix_t ix;
  if (pod_ix_join_channel(&ix, &w->pk, ch, inv, esc) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}
static int current_is(const pod_pubkey_t *ch, uint32_t v) {
  pod_channel_account_t c;
  if (!get_channel(ch, &c)) return 0;
  if (c.current_participants == v) return 1;
  fprintf(stderr, "  current_participants %u, want %u\n", c.current_participants, v);
  return 0;
}

static pod_pubkey_t PRIV; /* private channel of A */
static int64_t PRIV_INV_T;

static void test_join(void) {
  CHECK(at(T0 + 80));
  pod_ix_t ix;
  CHECK_EQ(pod_ix_join_channel(&ix, &B.pk, &X, 0, 0), POD_OK);
  pod_pubkey_t p = ix.metas[1].pubkey;
  CHECK_STR(b58(&p), "9TN9Db866mZcqMhqvvQ8N1mgPBbKGjfWBPba1vg3MqqH");
  CHECK(pod_pubkey_eq(&ix.metas[3].pubkey, &pod_program_id)); /* None */
  uint64_t b0 = bal(&B.pk);
  tx(&ix.ix, &B, NULL);
  CHECK(ok());
  CHECK_EQ(bal(&B.pk), b0 - 1614720 - FEE);
  uint8_t want[POD_PARTICIPANT_SPACE];
  img_participant(want, &X, &B.agent, T0 + 80, 0, 0, 1, 255);
  CHECK(acct_is(&p, POD_PARTICIPANT_RENT, want, sizeof want));
  CHECK(current_is(&X, 2));
  char line[160];
  snprintf(line, sizeof line, "Program log: User %s joined channel \"general\"", b58(&B.agent));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: JoinChannel", SYS_INVOKE, SYS_OK, line,
                 CONSUMED, PROG_OK));
  /* Q12 */
  tick();
  CHECK(join_fails(&B, &X, 0, 0, 0));
  /* authority: E presenting C's agent (and C's participant PDA) -> seeds 2006 */
  CHECK_EQ(pod_ix_join_channel(&ix, &E.pk, &X, 0, 0), POD_OK);
  ix.metas[2].pubkey = C.agent;
  ix.metas[1].pubkey = participant_of(&X, &C);
  CHECK(fails_custom(&ix.ix, &E, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* Q2: max 1 -> nobody can join, not even the creator */
  pod_ix_t ix2;
  pod_pubkey_t solo;
  CHECK(create_channel(&A, &solo, "solo", "", 0, 1, 0));
  CHECK(join_fails(&A, &solo, 0, 0, 6004));
  CHECK(occurred("ChannelFull", 6004, "Channel is full"));
  CHECK(join_fails(&C, &solo, 0, 0, 6004));
  /* order: full (1) before the fee (2) before the invitation (3) */
  pod_pubkey_t solo_paid, priv_paid;
  CHECK(create_channel(&A, &solo_paid, "solo-paid", "", POD_VISIBILITY_PRIVATE, 1, 10));
  CHECK(join_fails(&C, &solo_paid, 0, 0, 6004));
  CHECK(create_channel(&A, &priv_paid, "priv-paid", "", POD_VISIBILITY_PRIVATE, 10, 10));
  CHECK(join_fails(&C, &priv_paid, 0, 0, 6007));
  /* Q14: a non-existent optional PDA -> 3012; Q36: optional slots cannot be omitted */
  CHECK(join_fails(&C, &X, 0, 1, 3012));
  CHECK(caused("escrow_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  CHECK(join_fails(&C, &X, 1, 0, 3012));
  CHECK(caused("invitation_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  CHECK_EQ(pod_ix_join_channel(&ix2, &C.pk, &X, 0, 0), POD_OK);
  ix2.ix.account_cnt = 3;
  CHECK(fails_custom(&ix2.ix, &C, NULL, 3005));
  CHECK(caused("invitation_account", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  CHECK_EQ(pod_ix_join_channel(&ix2, &C.pk, &X, 0, 0), POD_OK);
  ix2.ix.account_cnt = 6;
  CHECK(fails_custom(&ix2.ix, &C, NULL, 3005));
  CHECK(caused("system_program", "AccountNotEnoughKeys", 3005, MSG_NOT_ENOUGH));
  /* read-only channel -> 2000, unsigned user -> 3010 */
  CHECK_EQ(pod_ix_join_channel(&ix2, &C.pk, &X, 0, 0), POD_OK);
  ix2.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix2.ix, &C, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_join_channel(&ix2, &C.pk, &X, 0, 0), POD_OK);
  ix2.metas[5].is_signer = 0;
  CHECK(fails_custom(&ix2.ix, &A, NULL, 3010));
  CHECK(caused("user", "AccountNotSigner", 3010, MSG_NOT_SIGNER));
  /* an escrow of another depositor in the escrow slot -> seeds 2006 */
  CHECK_EQ(pod_ix_join_channel(&ix2, &C.pk, &X, 0, 1), POD_OK);
  ix2.metas[4].pubkey = ESC_B;
  CHECK(fails_custom(&ix2.ix, &C, NULL, 2006));
  CHECK(caused("escrow_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* Q14: a public channel ignores a (valid) invitation */
  CHECK(invite(&A, &X, 0, &C.pk, 11));
  pod_pubkey_t inv_c;
  CHECK_EQ(pod_pda_invitation(&inv_c, NULL, &X, &C.pk), POD_OK);
  uint8_t before[POD_INVITATION_SPACE];
  CHECK_EQ(acct_data(&inv_c, before, sizeof before), POD_INVITATION_SPACE);
  tick();
  CHECK(join(&C, &X, 1, 0));
  CHECK(acct_is(&inv_c, POD_INVITATION_RENT, before, sizeof before));
  CHECK(current_is(&X, 3));
  /* Q14: a fee-free channel ignores a (valid) escrow */
  pod_pubkey_t esc_g;
  CHECK_EQ(pod_pda_escrow(&esc_g, NULL, &X, &G.pk), POD_OK);
  uint8_t eb[POD_ESCROW_SPACE];
  CHECK_EQ(acct_data(&esc_g, eb, sizeof eb), POD_ESCROW_SPACE);
  CHECK(join(&G, &X, 0, 1));
  CHECK(acct_is(&esc_g, 1559040 + 10 * SOL, eb, sizeof eb));
  CHECK(escrow_balance_is(&X, 10 * SOL));

  /* Q13: join fees are bookkeeping only */
  pod_pubkey_t paid, esc_h, esc_e;
  CHECK(create_channel(&A, &paid, "paid", "", 0, 10, 1000));
  CHECK(join_fails(&C, &paid, 0, 0, 6007)); /* no escrow */
  CHECK(occurred("InsufficientFunds", 6007, "Insufficient funds"));
  CHECK(deposit(&H, &paid, 500));
  CHECK(join_fails(&H, &paid, 0, 1, 6007)); /* 500 < 1000 */
  CHECK(deposit(&E, &paid, 5000));
  CHECK_EQ(pod_pda_escrow(&esc_e, NULL, &paid, &E.pk), POD_OK);
  CHECK(join(&E, &paid, 0, 1));
  pod_escrow_account_t es;
  CHECK(get_escrow(&esc_e, &es) && es.amount == 4000);
  CHECK_EQ(bal(&esc_e), 1559040 + 5000);
  CHECK(escrow_balance_is(&paid, 500 + 5000 + 1000));
  CHECK(current_is(&paid, 2));
  CHECK_EQ(pod_pda_escrow(&esc_h, NULL, &paid, &H.pk), POD_OK);
  CHECK(get_escrow(&esc_h, &es) && es.amount == 500);

  /* private channels */
  CHECK(create_channel(&A, &PRIV, "priv", "", POD_VISIBILITY_PRIVATE, 10, 0));
  CHECK(join_fails(&C, &PRIV, 0, 0, 6013));
  CHECK(occurred("PrivateChannelRequiresInvitation", 6013, "Private channel requires invitation"));
  tick();
  int64_t ti = now();
  CHECK(invite(&A, &PRIV, 0, &C.pk, 21));
  CHECK(join(&C, &PRIV, 1, 0));
  pod_pubkey_t inv;
  uint8_t ib, h[32], iw[POD_INVITATION_SPACE];
  CHECK_EQ(pod_pda_invitation(&inv, &ib, &PRIV, &C.pk), POD_OK);
  invitation_hash(h, &PRIV, &A.pk, &C.pk, 21, ti);
  img_invitation(iw, &PRIV, &A.pk, &C.pk, h, ti, 21, 1, 1, ib);
  CHECK(acct_is(&inv, POD_INVITATION_RENT, iw, sizeof iw));
  CHECK(current_is(&PRIV, 2));
  /* Q38: an invitation addressed to an agent PDA is unusable */
  CHECK(invite(&A, &PRIV, 0, &H.agent, 22));
  CHECK(join_fails(&H, &PRIV, 1, 0, 3012));
  CHECK(join_fails(&H, &PRIV, 0, 0, 6013));
  /* someone else's invitation -> seeds 2006; read-only invitation -> 2000 */
  CHECK_EQ(pod_ix_join_channel(&ix2, &G.pk, &PRIV, 1, 0), POD_OK);
  ix2.metas[3].pubkey = inv;
  CHECK(fails_custom(&ix2.ix, &G, NULL, 2006));
  CHECK(caused("invitation_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  CHECK(invite(&A, &PRIV, 0, &G.pk, 23));
  CHECK_EQ(pod_ix_join_channel(&ix2, &G.pk, &PRIV, 1, 0), POD_OK);
  ix2.metas[3].is_writable = 0;
  CHECK(fails_custom(&ix2.ix, &G, NULL, 2000));
  CHECK(caused("invitation_account", "ConstraintMut", 2000, MSG_MUT));
  /* Q15: invitation expiry (set up here, checked at the end) */
  tick();
  PRIV_INV_T = now();
  CHECK(invite(&A, &PRIV, 0, &D.pk, 24));
  CHECK(invite(&A, &PRIV, 0, &E.pk, 25));
}

/* ===== leave_channel (§4.14) ===== */

static int leave_fails(const wallet_t *w, const pod_pubkey_t *ch, uint32_t code) {
  pod_ix_t ix;
  if (pod_ix_leave_channel(&ix, &w->pk, ch) != POD_OK) return 0;
  return fails_custom(&ix.ix, w, NULL, code);
}

static void test_leave(void) {
  CHECK(at(T0 + 100));
  pod_pubkey_t p = participant_of(&X, &B);
  uint64_t b0 = bal(&B.pk);
  CHECK(leave(&B, &X));
  CHECK_EQ(bal(&B.pk), b0 - FEE); /* no refund */
  uint8_t want[POD_PARTICIPANT_SPACE];
  img_participant(want, &X, &B.agent, T0 + 80, 0, 0, 0, 255);
  CHECK(acct_is(&p, POD_PARTICIPANT_RENT, want, sizeof want));
  CHECK(current_is(&X, 3)); /* 1 + B + C + G - B */
  char line[160];
  snprintf(line, sizeof line, "Program log: User %s left channel \"general\"", b58(&B.agent));
  CHECK(LOGS_ARE(INVOKE1, "Program log: Instruction: LeaveChannel", line, CONSUMED, PROG_OK));
  tick();
  CHECK(leave_fails(&B, &X, 6006));
  CHECK(occurred("NotInChannel", 6006, "Not in channel"));
  /* Q12: no re-join after leaving */
  CHECK(join_fails(&B, &X, 0, 0, 0));
  /* not a member -> 3012 */
  CHECK(leave_fails(&E, &X, 3012));
  CHECK(caused("participant_account", "AccountNotInitialized", 3012, MSG_NOT_INIT));
  /* authority: E removing C (C's participant and agent) -> seeds 2006 on agent_account */
  pod_ix_t ix;
  CHECK_EQ(pod_ix_leave_channel(&ix, &E.pk, &X), POD_OK);
  ix.metas[1].pubkey = participant_of(&X, &C);
  ix.metas[2].pubkey = C.agent;
  CHECK(fails_custom(&ix.ix, &E, NULL, 2006));
  CHECK(caused("agent_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* C's participant with E's agent -> seeds 2006 on participant_account */
  CHECK_EQ(pod_ix_leave_channel(&ix, &E.pk, &X), POD_OK);
  ix.metas[1].pubkey = participant_of(&X, &C);
  CHECK(fails_custom(&ix.ix, &E, NULL, 2006));
  CHECK(caused("participant_account", "ConstraintSeeds", 2006, MSG_SEEDS));
  /* read-only slots, unsigned user */
  CHECK_EQ(pod_ix_leave_channel(&ix, &C.pk, &X), POD_OK);
  ix.metas[0].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2000));
  CHECK(caused("channel_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_leave_channel(&ix, &C.pk, &X), POD_OK);
  ix.metas[1].is_writable = 0;
  CHECK(fails_custom(&ix.ix, &C, NULL, 2000));
  CHECK(caused("participant_account", "ConstraintMut", 2000, MSG_MUT));
  CHECK_EQ(pod_ix_leave_channel(&ix, &C.pk, &X), POD_OK);
  ix.metas[3].is_signer = 0;
  CHECK(fails_custom(&ix.ix, &A, NULL, 3010));
  /* a participant of another channel -> 2006 */
  CHECK_EQ(pod_ix_leave_channel(&ix, &C.pk, &X), POD_OK);
  ix.metas[1].pubkey = participant_of(&PRIV, &C);
  CHECK(fails_custom(&ix.ix, &C, NULL, 2006));
  CHECK(current_is(&X, 3));
}

/* time: invitations expire after created_at + 604800 (6002, Q15) */
static void test_invitation_expiry(void) {
  CHECK(at(PRIV_INV_T + WEEK));
  CHECK(join(&D, &PRIV, 1, 0));
  CHECK(at(PRIV_INV_T + WEEK + 1));
  CHECK(join_fails(&E, &PRIV, 1, 0, 6002));
  CHECK(occurred("MessageExpired", 6002, "Message expired"));
}

int main(void) {
  open_ledger(0);
  wallet(&A, 0x01, 20 * SOL);
  wallet(&B, 0x02, 10 * SOL);
  wallet(&C, 0x03, 10 * SOL);
  wallet(&D, 0x04, 3000000);
  wallet(&E, 0x05, 10 * SOL);
  wallet(&F, 0x06, 10 * SOL);
  wallet(&G, 0x07, 25 * SOL);
  wallet(&H, 0x08, 10 * SOL);
  /* at T0: A's agent, channel "general" (§3.3 X), the invitation vector of §4.12 */
  CHECK(register_agent(&A, "https://a.example/agent"));
  test_create_channel_vector();
  test_invite_vector();
  CHECK(register_agent(&B, "https://b.example/agent"));
  CHECK(register_agent(&C, "https://c.example/agent"));
  CHECK(register_agent(&E, "https://e.example/agent"));
  CHECK(register_agent(&G, "https://g.example/agent"));
  CHECK(register_agent(&H, "https://h.example/agent"));
  test_create_channel_checks();
  test_create_channel_v2();
  test_update_channel();
  test_invite();
  test_escrow();
  test_get_participants();
  test_join();
  test_leave();
  /* D registers late: it stays poor for the deposit test above */
  CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &D.pk, 5 * SOL), POD_OK);
  CHECK(register_agent(&D, "https://d.example/agent"));
  test_invitation_expiry();
  close_ledger();
  TEST_DONE();
}
