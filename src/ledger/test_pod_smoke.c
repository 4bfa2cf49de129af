/* Smoke test of the PoD program inside the ledger: a few instructions end to end through real
 * signed transactions (the per-instruction tests are test_pod_program.c). */
#include "pod/accounts.h"
#include "pod/events.h"
#include "pod/ledger.h"
#include "pod/program.h"
#include "test/pod_test.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SOL 1000000000ull
#define T0 1700000000
#define POD "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps"
#define SYS "11111111111111111111111111111111"

static pod_ledger *L;
static int verbose;

static void kp(pod_keypair_t *k, pod_pubkey_t *pk, uint8_t seed_byte) {
  uint8_t s[32];
  memset(s, seed_byte, 32);
  pod_keypair_from_seed(k, s);
  pod_keypair_pubkey(pk, k);
}

static void dump(const pod_ledger_result_t *r) {
  for (size_t i = 0; i < r->log_cnt; i++)
    fprintf(stderr, "  | %s\n", r->logs[i]);
}

/* Sends one PoD instruction signed by s[0..ns); returns the pod_ledger_process result. */
static int send_ix(const pod_ix_t *ix, const pod_keypair_t *const *s, size_t ns,
                   pod_ledger_result_t *r) {
  uint8_t bh[32], wire[POD_TXN_MTU];
  size_t sz = 0;
  CHECK_EQ(pod_ledger_clock_advance(L, 400), POD_OK); /* a new slot: a new blockhash */
  pod_ledger_latest_blockhash(L, bh, NULL);
  CHECK_EQ(pod_txn_build(wire, sizeof wire, &sz, &ix->ix, 1, bh, s, ns), POD_OK);
  int rc = pod_ledger_process(L, wire, sz, r);
  if (verbose) dump(r);
  return rc;
}

/* The result is InstructionError(0, Custom(code)). */
static void is_custom(const pod_ledger_result_t *r, uint32_t code) {
  CHECK_EQ(r->has_err, 1);
  CHECK_EQ(r->err.kind, POD_TXERR_INSTRUCTION_ERROR);
  CHECK_EQ(r->err.ix_error, POD_IXERR_CUSTOM);
  CHECK_EQ(r->err.custom, code);
  if (r->err.custom != code) dump(r);
}

static void log_is(const pod_ledger_result_t *r, size_t i, const char *want) {
  CHECK(i < r->log_cnt);
  if (i < r->log_cnt) {
    CHECK_STR(r->logs[i], want);
    if (strcmp(r->logs[i], want)) dump(r);
  }
}

static int has_log(const pod_ledger_result_t *r, const char *line) {
  for (size_t i = 0; i < r->log_cnt; i++)
    if (!strcmp(r->logs[i], line)) return 1;
  return 0;
}

static uint64_t xorshift(uint64_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 7;
  *x ^= *x << 17;
  return *x;
}

static int get(const pod_pubkey_t *k, pod_typed_account_t *t, pod_account_t *a) {
  if (pod_ledger_get_account(L, k, a) != POD_OK) return -1;
  return pod_account_decode(t, a->data, a->data_sz);
}

static int count_cb(void *user, const pod_pubkey_t *key, const pod_account_t *acct) {
  (void)key;
  (void)acct;
  ++*(size_t *)user;
  return 0;
}

/* getProgramAccounts with the default (per account type) indexes: how it is answered. */
static void query(const pod_pubkey_t *field, uint32_t off, uint64_t size, int want_index,
                  size_t want) {
  pod_memcmp_t m = {off, field->b, 32};
  pod_account_filter_t f = {size != 0, size, &m, 1};
  pod_query_stats_t st;
  size_t n = 0;
  CHECK_EQ(pod_ledger_get_accounts_by_owner(L, &pod_program_id, &f, count_cb, &n, &st), POD_OK);
  CHECK_EQ(st.index_used, want_index);
  CHECK_EQ(n, want);
  CHECK_EQ(st.matched, want);
}

int main(int argc, char **argv) {
  verbose = argc > 1;
  char dir[64];
  strcpy(dir, "/tmp/podc-test-pod-smoke-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = T0;
  CHECK_EQ(pod_ledger_open(&L, dir, &o), POD_OK);
  CHECK_EQ(pod_ledger_now(L), T0);

  pod_keypair_t ka, kb;
  pod_pubkey_t a, b;
  kp(&ka, &a, 1);
  kp(&kb, &b, 2);
  const pod_keypair_t *sa[1] = {&ka}, *sb[1] = {&kb};
  CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &a, 50 * SOL), POD_OK);
  CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &b, 50 * SOL), POD_OK);

  pod_ix_t ix;
  pod_ledger_result_t r;
  pod_typed_account_t t;
  pod_account_t acc;

  /* ---- register_agent: the §6.2 vector ---- */
  const char *uri = "https://example.com/agent.json";
  pod_ix_register_agent_args_t ra = {1, {uri, strlen(uri)}};
  CHECK_EQ(pod_ix_register_agent(&ix, &a, &ra), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK_EQ(r.log_cnt, 8);
  log_is(&r, 0, "Program " POD " invoke [1]");
  log_is(&r, 1, "Program log: Instruction: RegisterAgent");
  log_is(&r, 2, "Program " SYS " invoke [2]");
  log_is(&r, 3, "Program " SYS " success");
  log_is(
      &r, 4,
      "Program data: "
      "v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5j"
      "b20vYWdlbnQuanNvbgDxU2UAAAAA");
  log_is(&r, 5, "Program log: Agent registered: AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9");
  CHECK(r.log_cnt > 6 && !strncmp(r.logs[6], "Program " POD " consumed ", 52));
  CHECK(r.log_cnt > 6 && strstr(r.logs[6], " of 200000 compute units"));
  log_is(&r, 7, "Program " POD " success");
  pod_ledger_result_free(&r);
  pod_pubkey_t agent_a, agent_b;
  pod_pda_agent(&agent_a, NULL, &a);
  pod_pda_agent(&agent_b, NULL, &b);
  CHECK_EQ(pod_ledger_get_account(L, &agent_a, &acc), POD_OK);
  CHECK_EQ(acc.data_sz, POD_AGENT_SPACE);
  CHECK_EQ(acc.lamports, POD_AGENT_RENT);
  CHECK(!memcmp(acc.owner.b, pod_program_id.b, 32));
  CHECK_HEX(acc.data, 116,
            "f177458ce90970328a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c010000"
            "0000000000640000000000000000f15365000000001e00000068747470733a2f2f6578616d706c652e636f"
            "6d2f6167656e742e6a736f6e00000000000000000000fc00000000000000");
  pod_ledger_account_free(&acc);

  /* again: System Custom(0), no Anchor line */
  CHECK_EQ(pod_ix_register_agent(&ix, &a, &ra), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
  is_custom(&r, 0);
  log_is(&r, 2, "Program " SYS " invoke [2]");
  log_is(&r, 3,
         "Allocate: account Address { address: B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG, "
         "base: None } already in use");
  log_is(&r, 4, "Program " SYS " failed: custom program error: 0x0");
  log_is(&r, 6, "Program " POD " failed: custom program error: 0x0");
  pod_ledger_result_free(&r);

  /* bad URI: 6000 after the System CPI */
  pod_ix_register_agent_args_t rb = {1, {"ftp://x/y/z", 11}};
  CHECK_EQ(pod_ix_register_agent(&ix, &b, &rb), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6000);
  log_is(&r, 4,
         "Program log: AnchorError occurred. Error Code: InvalidMetadataUriLength. Error Number: "
         "6000. Error Message: Invalid metadata URI length.");
  pod_ledger_result_free(&r);
  pod_ix_register_agent_args_t rb2 = {7, {"https://b.example/agent", 23}};
  CHECK_EQ(pod_ix_register_agent(&ix, &b, &rb2), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  pod_ledger_result_free(&r);

  /* wrong PDA: 2006 with Left/Right */
  CHECK_EQ(pod_ix_register_agent(&ix, &a, &ra), POD_OK);
  ix.metas[0].pubkey = agent_b;
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
  is_custom(&r, 2006);
  log_is(&r, 2,
         "Program log: AnchorError caused by account: agent_account. Error Code: ConstraintSeeds. "
         "Error Number: 2006. Error Message: A seeds constraint was violated.");
  log_is(&r, 3, "Program log: Left:");
  log_is(&r, 5, "Program log: Right:");
  log_is(&r, 6, "Program log: B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG");
  pod_ledger_result_free(&r);

  /* unknown discriminator: 101 without an Instruction line */
  {
    uint8_t d[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    pod_account_meta_t m[1] = {{a, 1, 1}};
    pod_instruction_t raw = {pod_program_id, m, 1, d, 8};
    uint8_t bh[32], wire[POD_TXN_MTU];
    size_t sz;
    pod_ledger_latest_blockhash(L, bh, NULL);
    CHECK_EQ(pod_txn_build(wire, sizeof wire, &sz, &raw, 1, bh, sa, 1), POD_OK);
    CHECK_EQ(pod_ledger_process(L, wire, sz, &r), POD_EPROGRAM);
    is_custom(&r, 101);
    log_is(&r, 1,
           "Program log: AnchorError occurred. Error Code: InstructionFallbackNotFound. Error "
           "Number: 101. Error Message: Fallback functions are not supported.");
    pod_ledger_result_free(&r);
  }

  /* ---- channels: v1 is inactive until update_channel (Q1), the creator must join (Q2) ---- */
  pod_ix_create_channel_args_t cc = {{"general", 7}, {"General chat", 12}, 0, 100, 0};
  CHECK_EQ(pod_ix_create_channel(&ix, &a, &cc), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Channel created: AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9"));
  pod_ledger_result_free(&r);
  pod_pubkey_t chan;
  pod_pda_channel(&chan, NULL, &a, "general", 7);
  CHECK_EQ(get(&chan, &t, &acc), POD_OK);
  CHECK_EQ(t.u.channel.is_active, 0);
  CHECK_EQ(t.u.channel.current_participants, 1);
  pod_ledger_account_free(&acc);

  /* get_channel_participants on the inactive channel: 6006 thrown at lib.rs:1323 */
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &chan), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6006);
  log_is(&r, 2,
         "Program log: AnchorError thrown in programs/pod-com/src/lib.rs:1323. Error Code: "
         "NotInChannel. Error Number: 6006. Error Message: Not in channel.");
  pod_ledger_result_free(&r);

  pod_ix_update_channel_args_t uc;
  memset(&uc, 0, sizeof uc);
  uc.has_is_active = 1;
  uc.is_active = 1;
  CHECK_EQ(pod_ix_update_channel(&ix, &a, &chan, &uc), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Channel \"general\" updated"));
  pod_ledger_result_free(&r);

  CHECK_EQ(pod_ix_get_channel_participants(&ix, &chan), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK_EQ(r.return_data_sz, 4);
  CHECK(r.log_cnt >= 2 && !strcmp(r.logs[r.log_cnt - 2], "Program return: " POD " AAAAAA=="));
  pod_ledger_result_free(&r);

  /* join (a and b), broadcast, rate limit, leave */
  CHECK_EQ(pod_ix_join_channel(&ix, &a, &chan, 0, 0), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: User B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG joined "
                    "channel \"general\""));
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ix_join_channel(&ix, &b, &chan, 0, 0), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  CHECK_EQ(get(&chan, &t, &acc), POD_OK);
  CHECK_EQ(t.u.channel.current_participants, 3);
  pod_ledger_account_free(&acc);

  CHECK_EQ(pod_ledger_clock_set(L, pod_ledger_now(L) + 1), POD_OK); /* two sends in one second */
  pod_ix_broadcast_message_args_t bm = {{"gm", 2}, {POD_MSG_TEXT, 0}, 0, {{0}}, 1};
  CHECK_EQ(pod_ix_broadcast_message(&ix, &a, &chan, &bm), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Message broadcast to channel \"general\""));
  pod_ledger_result_free(&r);
  bm.nonce = 2; /* same second: rate limit (Q26), after the message account was created (Q28) */
  CHECK_EQ(pod_ix_broadcast_message(&ix, &a, &chan, &bm), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6011);
  log_is(&r, 2, "Program " SYS " invoke [2]");
  pod_ledger_result_free(&r);
  int64_t t5 = pod_ledger_now(L) + 5;
  CHECK_EQ(pod_ledger_clock_set(L, t5), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  pod_pubkey_t part_a, cmsg;
  pod_pda_participant(&part_a, NULL, &chan, &agent_a);
  CHECK_EQ(get(&part_a, &t, &acc), POD_OK);
  CHECK_EQ(t.u.participant.messages_sent, 2);
  CHECK_EQ(t.u.participant.last_message_at, t5);
  pod_ledger_account_free(&acc);
  pod_pda_channel_message(&cmsg, NULL, &chan, &a, 2);
  CHECK_EQ(get(&cmsg, &t, &acc), POD_OK);
  CHECK(t.u.channel_message.content.len == 2 && !memcmp(t.u.channel_message.content.ptr, "gm", 2));
  CHECK(!memcmp(t.u.channel_message.sender.b, agent_a.b, 32));
  pod_ledger_account_free(&acc);

  CHECK_EQ(pod_ix_leave_channel(&ix, &b, &chan), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6006);
  pod_ledger_result_free(&r);

  /* ---- escrow: deposit, withdraw ---- */
  pod_ix_deposit_escrow_args_t de = {SOL};
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &b, &chan, &de), POD_OK);
  uint64_t bal_b = pod_ledger_balance(L, &b);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Deposited 1000000000 lamports to escrow"));
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ledger_balance(L, &b), bal_b - 5000 - SOL - POD_ESCROW_RENT);
  pod_pubkey_t esc;
  pod_pda_escrow(&esc, NULL, &chan, &b);
  CHECK_EQ(pod_ledger_balance(L, &esc), SOL + POD_ESCROW_RENT);
  pod_ix_withdraw_escrow_args_t we = {SOL / 4};
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &b, &chan, &we), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ledger_balance(L, &esc), 3 * SOL / 4 + POD_ESCROW_RENT);
  CHECK_EQ(get(&chan, &t, &acc), POD_OK);
  CHECK_EQ(t.u.channel.escrow_balance, 3 * SOL / 4);
  pod_ledger_account_free(&acc);
  we.amount = SOL;
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &b, &chan, &we), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6007);
  pod_ledger_result_free(&r);

  /* ---- v2 channel, invite, private join ---- */
  pod_ix_create_channel_v2_args_t c2 = {{"vip", 3}, {"", 0}, 1, 10, 0};
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &a, &c2), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Enhanced channel created: \"vip\""));
  pod_ledger_result_free(&r);
  pod_pubkey_t vip;
  pod_pda_channel(&vip, NULL, &a, "vip", 3);
  CHECK_EQ(pod_ix_join_channel(&ix, &b, &vip, 0, 0), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6013);
  pod_ledger_result_free(&r);
  pod_ix_invite_to_channel_args_t iv = {b, 7};
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &a, &vip, 0, &iv), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  {
    const char *want =
        "Program log: Secure invitation sent to "
        "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu for channel \"vip\" with hash [";
    CHECK(r.log_cnt > 4 && !strncmp(r.logs[4], want, strlen(want)));
  }
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ix_join_channel(&ix, &b, &vip, 1, 0), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  pod_pubkey_t inv;
  pod_pda_invitation(&inv, NULL, &vip, &b);
  CHECK_EQ(get(&inv, &t, &acc), POD_OK);
  CHECK_EQ(t.u.invitation.is_used, 1);
  CHECK_EQ(t.u.invitation.is_accepted, 1);
  pod_ledger_account_free(&acc);

  /* ---- compressed: join (Q17), broadcast (Q18), batch sync ---- */
  pod_ix_join_channel_compressed_args_t jc;
  memset(&jc, 0, sizeof jc);
  CHECK_EQ(pod_ix_join_channel_compressed(&ix, &b, &b, &vip, 1, NULL, &jc), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Agent joined channel with compression: \"vip\""));
  pod_ledger_result_free(&r);
  pod_ix_broadcast_message_compressed_args_t bc = {
      {"hello", 5}, {POD_MSG_DATA, 0}, 0, {{0}}, {"QmHash1", 7}};
  CHECK_EQ(pod_ix_broadcast_message_compressed(&ix, &b, &b, &vip, NULL, &bc), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  CHECK(has_log(&r,
                "Program log: Compressed message broadcasted to channel: \"vip\", IPFS: QmHash1"));
  pod_ledger_result_free(&r);
  uint8_t hs[2][32];
  memset(hs, 0x11, sizeof hs);
  pod_ix_batch_sync_compressed_messages_args_t bs = {(const uint8_t(*)[32])hs, 2, T0};
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &a, &a, &vip, NULL, &bs), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Batch synced 2 compressed messages at timestamp: 1700000000, "
                    "compression ratio: 3200%, total size: 64 bytes"));
  pod_ledger_result_free(&r);

  /* ---- send_message, update_message_status ---- */
  pod_ix_send_message_args_t sm;
  memset(&sm, 0, sizeof sm);
  sm.recipient = b;
  memset(sm.payload_hash, 0x22, 32);
  CHECK_EQ(pod_ix_send_message(&ix, &a, &sm), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  pod_pubkey_t msg;
  pod_pda_message(&msg, NULL, &agent_a, &b, sm.payload_hash, sm.message_type);
  pod_ix_update_message_status_args_t us = {POD_STATUS_READ};
  CHECK_EQ(pod_ix_update_message_status(&ix, &b, &msg, &us), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_OK);
  CHECK(has_log(&r, "Program log: Message status updated to Read"));
  pod_ledger_result_free(&r);
  us.new_status = POD_STATUS_PENDING;
  CHECK_EQ(pod_ix_update_message_status(&ix, &b, &msg, &us), POD_OK);
  CHECK_EQ(send_ix(&ix, sb, 1, &r), POD_EPROGRAM);
  is_custom(&r, 6003);
  pod_ledger_result_free(&r);
  query(&b, POD_MESSAGE_RECIPIENT_OFF, POD_MESSAGE_SPACE, 2, 1); /* indexed for messages */
  {
    pod_memcmp_t m = {POD_MESSAGE_RECIPIENT_OFF, b.b, 32}; /* no dataSize: the owner scan */
    pod_account_filter_t f = {0, 0, &m, 1};
    pod_query_stats_t st;
    size_t n = 0;
    CHECK_EQ(pod_ledger_get_accounts_by_owner(L, &pod_program_id, &f, count_cb, &n, &st), POD_OK);
    CHECK_EQ(st.index_used, 0);
    CHECK(n >= 1);
  }
  query(&a, POD_MESSAGE_RECIPIENT_OFF, POD_MESSAGE_SPACE, 2, 0);
  query(&msg, 0, POD_MESSAGE_SPACE, 1, 0);                /* no message has its own address at 0 */
  query(&a, POD_AGENT_PUBKEY_OFF, POD_AGENT_SPACE, 1, 1); /* agents: owner + size scan */
  query(&b, POD_MESSAGE_PAYLOAD_HASH_OFF, POD_MESSAGE_SPACE, 1, 0);
  /* Custom type: 3004 at exit after the event (Q6) */
  sm.message_type.kind = POD_MSG_CUSTOM;
  sm.message_type.custom = 9;
  CHECK_EQ(pod_ix_send_message(&ix, &a, &sm), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
  is_custom(&r, 3004);
  CHECK(has_log(&r, "Program log: AnchorError caused by account: message_account. Error Code: "
                    "AccountDidNotSerialize. Error Number: 3004. Error Message: Failed to "
                    "serialize the account."));
  pod_ledger_result_free(&r);

  /* ---- update_agent shrinking the URI keeps the stale tail (Q27) ---- */
  pod_ix_update_agent_args_t ua;
  memset(&ua, 0, sizeof ua);
  ua.has_metadata_uri = 1;
  ua.metadata_uri.ptr = "x";
  ua.metadata_uri.len = 1;
  CHECK_EQ(pod_ix_update_agent(&ix, &a, &ua), POD_OK);
  CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_OK);
  pod_ledger_result_free(&r);
  CHECK_EQ(pod_ledger_get_account(L, &agent_a, &acc), POD_OK);
  CHECK_HEX(acc.data + 64, 5, "0100000078");
  CHECK(!memcmp(acc.data + 88, "agent.json", 10)); /* the old URI's tail */
  pod_ledger_account_free(&acc);

  /* ---- mutated instructions: any outcome but a crash; invariants hold afterwards ---- */
  {
    pod_pubkey_t pool[12] = {a,      b,    agent_a, agent_b, chan,           vip,
                             part_a, cmsg, esc,     inv,     pod_program_id, pod_system_program_id};
    uint64_t x = 0x9e3779b97f4a7c15ull;
#define RND() xorshift(&x)
    for (int it = 0; it < 400; it++) {
      int kind = (int)(RND() % POD_IX_COUNT);
      pod_ix_t fx;
      int ok = 0;
      switch (kind) {
      case POD_IX_REGISTER_AGENT: ok = !pod_ix_register_agent(&fx, &a, &rb2); break;
      case POD_IX_UPDATE_AGENT: ok = !pod_ix_update_agent(&fx, &a, &ua); break;
      case POD_IX_CREATE_CHANNEL: ok = !pod_ix_create_channel(&fx, &a, &cc); break;
      case POD_IX_DEPOSIT_ESCROW: ok = !pod_ix_deposit_escrow(&fx, &a, &vip, &de); break;
      case POD_IX_WITHDRAW_ESCROW: ok = !pod_ix_withdraw_escrow(&fx, &b, &chan, &we); break;
      case POD_IX_JOIN_CHANNEL: ok = !pod_ix_join_channel(&fx, &a, &vip, 1, 1); break;
      case POD_IX_LEAVE_CHANNEL: ok = !pod_ix_leave_channel(&fx, &a, &chan); break;
      case POD_IX_BROADCAST_MESSAGE: ok = !pod_ix_broadcast_message(&fx, &a, &chan, &bm); break;
      case POD_IX_INVITE_TO_CHANNEL: ok = !pod_ix_invite_to_channel(&fx, &a, &chan, 1, &iv); break;
      case POD_IX_GET_CHANNEL_PARTICIPANTS: ok = !pod_ix_get_channel_participants(&fx, &vip); break;
      case POD_IX_UPDATE_CHANNEL: ok = !pod_ix_update_channel(&fx, &a, &vip, &uc); break;
      case POD_IX_CREATE_CHANNEL_V2: ok = !pod_ix_create_channel_v2(&fx, &a, &c2); break;
      case POD_IX_BROADCAST_MESSAGE_COMPRESSED:
        ok = !pod_ix_broadcast_message_compressed(&fx, &a, &b, &vip, NULL, &bc);
        break;
      case POD_IX_JOIN_CHANNEL_COMPRESSED:
        ok = !pod_ix_join_channel_compressed(&fx, &a, &b, &vip, 1, NULL, &jc);
        break;
      case POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES:
        ok = !pod_ix_batch_sync_compressed_messages(&fx, &a, &a, &vip, NULL, &bs);
        break;
      case POD_IX_SEND_MESSAGE: ok = !pod_ix_send_message(&fx, &b, &sm); break;
      default: ok = !pod_ix_update_message_status(&fx, &b, &msg, &us); break;
      }
      CHECK(ok || kind == POD_IX_SEND_MESSAGE);
      if (!ok) continue;
      /* mutate: data bytes, a truncation, an account swap, a writable flag */
      int what = (int)(RND() % 4);
      if (what == 0 && fx.ix.data_sz > 8) {
        fx.data[8 + RND() % (fx.ix.data_sz - 8)] ^= (uint8_t)(1u << (RND() % 8));
      } else if (what == 1) {
        fx.ix.data_sz = (size_t)(RND() % (fx.ix.data_sz + 1));
      } else if (what == 2 && fx.ix.account_cnt) {
        size_t k = RND() % fx.ix.account_cnt;
        if (!fx.metas[k].is_signer) fx.metas[k].pubkey = pool[RND() % 12];
      } else if (fx.ix.account_cnt) {
        size_t k = RND() % fx.ix.account_cnt;
        if (!fx.metas[k].is_signer) fx.metas[k].is_writable ^= 1;
        if (RND() % 3 == 0) fx.ix.account_cnt = RND() % fx.ix.account_cnt;
      }
      const pod_keypair_t *s2[2] = {&ka, &kb};
      uint8_t bh[32], wire[POD_TXN_MTU];
      size_t sz;
      CHECK_EQ(pod_ledger_clock_advance(L, 400), POD_OK);
      pod_ledger_latest_blockhash(L, bh, NULL);
      /* both wallets sign (whichever the instruction names); a skips when unknown to the ix */
      int bsign = 0, asign = 0;
      for (size_t k = 0; k < fx.ix.account_cnt; k++) {
        if (fx.metas[k].is_signer && !memcmp(fx.metas[k].pubkey.b, b.b, 32)) bsign = 1;
        if (fx.metas[k].is_signer && !memcmp(fx.metas[k].pubkey.b, a.b, 32)) asign = 1;
      }
      const pod_keypair_t *s1[1] = {asign || !bsign ? &ka : &kb};
      if (pod_txn_build(wire, sizeof wire, &sz, &fx.ix, 1, bh, asign && bsign ? s2 : s1,
                        asign && bsign ? 2 : 1) != POD_OK)
        continue;
      int prc = pod_ledger_process(L, wire, sz, &r);
      CHECK(prc == POD_OK || prc == POD_EPROGRAM);
      if (verbose)
        fprintf(stderr, "mutated %s: %s %u/%u\n", pod_ix_name(kind), prc ? "error" : "ok",
                (unsigned)r.err.ix_error, (unsigned)r.err.custom);
      pod_ledger_result_free(&r);
    }
#undef RND
  }

  /* ---- invariants ---- */
  pod_ledger_report_t rep;
  CHECK_EQ(pod_ledger_verify(L, &rep), POD_OK);
  CHECK(rep.pod_accounts >= 10);
  CHECK_EQ(rep.pod_errors, 0);
  if (verbose)
    fprintf(stderr, "pod accounts %llu, unverified %llu\n", (unsigned long long)rep.pod_accounts,
            (unsigned long long)rep.pod_unverified);
  CHECK(rep.pod_unverified >= 2); /* the channel messages (nonce not stored) */

  /* ---- pod_ledger_process_batch: in order, one commit; a repeat inside the batch ---- */
  {
    enum { N = 5 };
    pod_keypair_t kw[N];
    pod_pubkey_t w[N];
    uint8_t wire[N + 1][POD_TXN_MTU];
    const uint8_t *wp[N + 1];
    size_t sz[N + 1];
    pod_ledger_result_t rr[N + 1];
    int rcs[N + 1];
    uint8_t bh[32];
    CHECK_EQ(pod_ledger_clock_advance(L, 400), POD_OK);
    pod_ledger_latest_blockhash(L, bh, NULL);
    for (int i = 0; i < N; i++) {
      kp(&kw[i], &w[i], (uint8_t)(0x40 + i));
      CHECK_EQ(pod_ledger_airdrop(L, NULL, NULL, &w[i], SOL), POD_OK);
      char u[40];
      snprintf(u, sizeof u, "https://batch.example/%d", i);
      pod_ix_register_agent_args_t ar = {(uint64_t)i, {u, strlen(u)}};
      CHECK_EQ(pod_ix_register_agent(&ix, &w[i], &ar), POD_OK);
      const pod_keypair_t *s1[1] = {&kw[i]};
      CHECK_EQ(pod_txn_build(wire[i], POD_TXN_MTU, &sz[i], &ix.ix, 1, bh, s1, 1), POD_OK);
      wp[i] = wire[i];
    }
    wp[N] = wire[0]; /* the same transaction again */
    sz[N] = sz[0];
    uint64_t seq0 = 0;
    pod_ledger_report_t r0;
    pod_ledger_verify(L, &r0);
    seq0 = r0.transactions;
    CHECK_EQ(pod_ledger_process_batch(L, wp, sz, N + 1, rr, rcs), POD_OK);
    for (int i = 0; i < N; i++) {
      CHECK_EQ(rcs[i], POD_OK);
      CHECK_EQ(rr[i].committed, 1);
      CHECK(rr[i].log_cnt == 8 && strstr(rr[i].logs[5], "Agent registered: "));
    }
    CHECK_EQ(rcs[N], POD_EPROGRAM);
    CHECK_EQ(rr[N].err.kind, POD_TXERR_ALREADY_PROCESSED);
    CHECK_EQ(rr[N].committed, 0);
    for (int i = 0; i <= N; i++)
      pod_ledger_result_free(&rr[i]);
    CHECK_EQ(pod_ledger_verify(L, &r0), POD_OK);
    CHECK_EQ(r0.transactions, seq0 + N);
    pod_pubkey_t ag;
    pod_pda_agent(&ag, NULL, &w[3]);
    CHECK_EQ(pod_ledger_balance(L, &ag), POD_AGENT_RENT);
    CHECK_EQ(pod_ledger_process_batch(L, wp, sz, 0, rr, NULL), POD_OK);
  }

  /* ---- verify flags an account owned by pod_com that the program never wrote (created by a
   * System create_account with owner pod_com: zero data, no discriminator) ---- */
  {
    pod_keypair_t kz;
    pod_pubkey_t z;
    kp(&kz, &z, 0x33);
    uint8_t d[52] = {0};
    uint64_t lam = POD_AGENT_RENT, space = POD_AGENT_SPACE;
    for (int i = 0; i < 8; i++) {
      d[4 + i] = (uint8_t)(lam >> (8 * i));
      d[12 + i] = (uint8_t)(space >> (8 * i));
    }
    memcpy(d + 20, pod_program_id.b, 32);
    pod_account_meta_t m[2] = {{a, 1, 1}, {z, 1, 1}};
    pod_instruction_t ci = {pod_system_program_id, m, 2, d, 52};
    const pod_keypair_t *s2[2] = {&ka, &kz};
    uint8_t bh[32], wire[POD_TXN_MTU];
    size_t sz;
    CHECK_EQ(pod_ledger_clock_advance(L, 400), POD_OK);
    pod_ledger_latest_blockhash(L, bh, NULL);
    CHECK_EQ(pod_txn_build(wire, sizeof wire, &sz, &ci, 1, bh, s2, 2), POD_OK);
    CHECK_EQ(pod_ledger_process(L, wire, sz, &r), POD_OK);
    pod_ledger_result_free(&r);
    CHECK_EQ(pod_ledger_verify(L, &rep), POD_EPROGRAM);
    CHECK_EQ(rep.pod_errors, 1);
    CHECK_EQ(rep.index_errors, 0);
    CHECK_EQ(rep.total_lamports, rep.expected_lamports);
    /* the program cannot use it: register_agent on that address is not even possible (it is not
     * the agent PDA); as a typed account it fails 3002 */
    CHECK_EQ(pod_ix_update_agent(&ix, &a, &ua), POD_OK);
    ix.metas[0].pubkey = z;
    CHECK_EQ(send_ix(&ix, sa, 1, &r), POD_EPROGRAM);
    is_custom(&r, 3002);
    pod_ledger_result_free(&r);
  }

  pod_ledger_close(L);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
