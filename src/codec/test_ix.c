/* Instruction codec: discriminators, names, golden data for all 17 instructions, decoder errors,
 * account metas (order, keys, flags) of every builder, and the PROTOCOL.md §6.2 transaction. */
#include "pod/encode.h"
#include "pod/hash.h"
#include "pod/program.h"
#include "pod/txn.h"
#include "test/pod_test.h"

static pod_pubkey_t A, B, X; /* wallets A and B (§3.3), channel X = channel(A, "general") */
static uint8_t HELLO[32];    /* sha256("hello") */

static pod_pubkey_t b58(const char *s) {
  pod_pubkey_t k;
  memset(&k, 0, sizeof k);
  CHECK_EQ(pod_pubkey_from_base58(&k, s, strlen(s)), POD_OK);
  return k;
}

static pod_str_t str(const char *s) {
  pod_str_t v;
  v.ptr = s;
  v.len = strlen(s);
  return v;
}

static int str_eq(pod_str_t v, const char *s) {
  return v.len == strlen(s) && (v.len == 0 || !memcmp(v.ptr, s, v.len));
}

/* ---- discriminators and names ---- */
static void test_discriminators(void) {
  static const char *const log_names[POD_IX_COUNT] = {"RegisterAgent",
                                                      "SendMessage",
                                                      "UpdateAgent",
                                                      "UpdateMessageStatus",
                                                      "CreateChannel",
                                                      "DepositEscrow",
                                                      "WithdrawEscrow",
                                                      "JoinChannel",
                                                      "LeaveChannel",
                                                      "BroadcastMessage",
                                                      "InviteToChannel",
                                                      "GetChannelParticipants",
                                                      "UpdateChannel",
                                                      "CreateChannelV2",
                                                      "BroadcastMessageCompressed",
                                                      "JoinChannelCompressed",
                                                      "BatchSyncCompressedMessages"};
  static const char *const macros[POD_IX_COUNT] = {POD_IX_REGISTER_AGENT_DISC,
                                                   POD_IX_SEND_MESSAGE_DISC,
                                                   POD_IX_UPDATE_AGENT_DISC,
                                                   POD_IX_UPDATE_MESSAGE_STATUS_DISC,
                                                   POD_IX_CREATE_CHANNEL_DISC,
                                                   POD_IX_DEPOSIT_ESCROW_DISC,
                                                   POD_IX_WITHDRAW_ESCROW_DISC,
                                                   POD_IX_JOIN_CHANNEL_DISC,
                                                   POD_IX_LEAVE_CHANNEL_DISC,
                                                   POD_IX_BROADCAST_MESSAGE_DISC,
                                                   POD_IX_INVITE_TO_CHANNEL_DISC,
                                                   POD_IX_GET_CHANNEL_PARTICIPANTS_DISC,
                                                   POD_IX_UPDATE_CHANNEL_DISC,
                                                   POD_IX_CREATE_CHANNEL_V2_DISC,
                                                   POD_IX_BROADCAST_MESSAGE_COMPRESSED_DISC,
                                                   POD_IX_JOIN_CHANNEL_COMPRESSED_DISC,
                                                   POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES_DISC};
  for (int k = 0; k < POD_IX_COUNT; k++) {
    char pre[64];
    uint8_t h[32];
    const char *name = pod_ix_name(k);
    CHECK(name != NULL);
    if (!name) continue;
    snprintf(pre, sizeof pre, "global:%s", name);
    pod_sha256(h, pre, strlen(pre));
    CHECK(!memcmp(h, pod_ix_disc(k), 8));
    CHECK(!memcmp(h, macros[k], 8));
    CHECK_STR(pod_ix_log_name(k), log_names[k]);
    CHECK_EQ(pod_ix_kind_from_name(name, strlen(name)), k);
    CHECK_EQ(pod_ix_kind_from_name(log_names[k], strlen(log_names[k])), k);
    CHECK_EQ(pod_ix_kind_from_data(h, 8), k);
    CHECK_EQ(pod_ix_kind_from_data(h, 7), POD_ENOTFOUND);
  }
  /* the §2.3 table, as printed */
  CHECK_HEX(pod_ix_disc(POD_IX_REGISTER_AGENT), 8, "879d42c30271af1e");
  CHECK_HEX(pod_ix_disc(POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES), 8, "d9aa54dcea40d0ef");
  CHECK_HEX(pod_ix_disc(POD_IX_BROADCAST_MESSAGE_COMPRESSED), 8, "0f117123baf6296c");
  CHECK_STR(pod_ix_name(POD_IX_CREATE_CHANNEL_V2), "create_channel_v2");
  CHECK(pod_ix_name(-1) == NULL && pod_ix_name(POD_IX_COUNT) == NULL);
  CHECK(pod_ix_log_name(17) == NULL && pod_ix_disc(17) == NULL);
  CHECK_EQ(pod_ix_kind_from_name("registeragent", 13), POD_ENOTFOUND);
  CHECK_EQ(pod_ix_kind_from_name(NULL, 0), POD_ENOTFOUND);
  /* framework tags are not instructions */
  CHECK_EQ(pod_ix_kind_from_data((const uint8_t *)POD_ANCHOR_IDL_IX_TAG, 8), POD_ENOTFOUND);
  CHECK_EQ(pod_ix_kind_from_data((const uint8_t *)POD_ANCHOR_EVENT_CPI_TAG, 8), POD_ENOTFOUND);
  CHECK_HEX(POD_ANCHOR_IDL_IX_TAG, 8, "40f4bc78a7e9690a");
  CHECK_HEX(POD_ANCHOR_EVENT_CPI_TAG, 8, "e445a52e51cb9a1d");
}

/* ---- golden instruction data ---- */
typedef struct {
  const char *what;
  const char *hex;
  pod_ix_args_t args;
} golden_t;

static const uint8_t HASH_SEQ[2][32] = {
    {0x2c, 0xf2, 0x4d, 0xba, 0x5f, 0xb0, 0xa3, 0x0e, 0x26, 0xe8, 0x3b,
     0x2a, 0xc5, 0xb9, 0xe2, 0x9e, 0x1b, 0x16, 0x1e, 0x5c, 0x1f, 0xa7,
     0x42, 0x5e, 0x73, 0x04, 0x33, 0x62, 0x93, 0x8b, 0x98, 0x24},
    {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
     16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}};

#define NGOLDEN 25
static golden_t G[NGOLDEN];

static void golden_init(void) {
  memset(G, 0, sizeof G);
  int i = 0;
  golden_t *g;

  g = &G[i++];
  g->what = "register_agent (§6.2)";
  g->hex =
      "879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e"
      "742e6a736f6e";
  g->args.kind = POD_IX_REGISTER_AGENT;
  g->args.u.register_agent.capabilities = 1;
  g->args.u.register_agent.metadata_uri = str("https://example.com/agent.json");

  g = &G[i++];
  g->what = "send_message Text";
  g->hex =
      "392822b2bd0a411a8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b3942cf24dba"
      "5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b982400";
  g->args.kind = POD_IX_SEND_MESSAGE;
  g->args.u.send_message.recipient = B;
  memcpy(g->args.u.send_message.payload_hash, HELLO, 32);
  g->args.u.send_message.message_type.kind = POD_MSG_TEXT;

  g = &G[i++];
  g->what = "send_message Custom(7)";
  g->hex =
      "392822b2bd0a411a8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b3942cf24dba"
      "5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b98240407";
  g->args = G[i - 2].args;
  g->args.u.send_message.message_type.kind = POD_MSG_CUSTOM;
  g->args.u.send_message.message_type.custom = 7;

  g = &G[i++];
  g->what = "update_agent all None";
  g->hex = "5502b209778b66a40000";
  g->args.kind = POD_IX_UPDATE_AGENT;

  g = &G[i++];
  g->what = "update_agent all Some";
  g->hex = "5502b209778b66a4010807060504030201010e00000068747470733a2f2f782e696f2f61";
  g->args.kind = POD_IX_UPDATE_AGENT;
  g->args.u.update_agent.has_capabilities = 1;
  g->args.u.update_agent.capabilities = 0x0102030405060708ull;
  g->args.u.update_agent.has_metadata_uri = 1;
  g->args.u.update_agent.metadata_uri = str("https://x.io/a");

  g = &G[i++];
  g->what = "update_message_status Read";
  g->hex = "52649c4a61bef88402";
  g->args.kind = POD_IX_UPDATE_MESSAGE_STATUS;
  g->args.u.update_message_status.new_status = POD_STATUS_READ;

  g = &G[i++];
  g->what = "create_channel (§6.2)";
  g->hex =
      "2569fd63572edf140700000067656e6572616c0c00000047656e6572616c2063686174006400000000000000"
      "00000000";
  g->args.kind = POD_IX_CREATE_CHANNEL;
  g->args.u.create_channel.name = str("general");
  g->args.u.create_channel.description = str("General chat");
  g->args.u.create_channel.visibility = POD_VISIBILITY_PUBLIC;
  g->args.u.create_channel.max_participants = 100;
  g->args.u.create_channel.fee_per_message = 0;

  g = &G[i++];
  g->what = "deposit_escrow";
  g->hex = "e2709eb0b276998040420f0000000000";
  g->args.kind = POD_IX_DEPOSIT_ESCROW;
  g->args.u.deposit_escrow.amount = 1000000;

  g = &G[i++];
  g->what = "withdraw_escrow";
  g->hex = "5154e280f52f6068ffffffffffffffff";
  g->args.kind = POD_IX_WITHDRAW_ESCROW;
  g->args.u.withdraw_escrow.amount = UINT64_MAX;

  g = &G[i++];
  g->what = "join_channel";
  g->hex = "7c277359d91a261d";
  g->args.kind = POD_IX_JOIN_CHANNEL;

  g = &G[i++];
  g->what = "leave_channel";
  g->hex = "68004b865f5044ba";
  g->args.kind = POD_IX_LEAVE_CHANNEL;

  g = &G[i++];
  g->what = "broadcast_message gm (§6.2)";
  g->hex = "fd90cb2adb7a936102000000676d00000100000000000000";
  g->args.kind = POD_IX_BROADCAST_MESSAGE;
  g->args.u.broadcast_message.content = str("gm");
  g->args.u.broadcast_message.nonce = 1;

  g = &G[i++];
  g->what = "broadcast_message Custom(9), reply_to Some";
  g->hex =
      "fd90cb2adb7a93610600000068c3a96c6c6f0409018a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d9412"
      "1bf3748801b40f6f5c8877665544332211";
  g->args.kind = POD_IX_BROADCAST_MESSAGE;
  g->args.u.broadcast_message.content = str("h\xc3\xa9llo");
  g->args.u.broadcast_message.message_type.kind = POD_MSG_CUSTOM;
  g->args.u.broadcast_message.message_type.custom = 9;
  g->args.u.broadcast_message.has_reply_to = 1;
  g->args.u.broadcast_message.reply_to = A;
  g->args.u.broadcast_message.nonce = 0x1122334455667788ull;

  g = &G[i++];
  g->what = "invite_to_channel";
  g->hex =
      "cb34c230ad052beb8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b39407000000"
      "00000000";
  g->args.kind = POD_IX_INVITE_TO_CHANNEL;
  g->args.u.invite_to_channel.invitee = B;
  g->args.u.invite_to_channel.nonce = 7;

  g = &G[i++];
  g->what = "get_channel_participants";
  g->hex = "5710604956386246";
  g->args.kind = POD_IX_GET_CHANNEL_PARTICIPANTS;

  g = &G[i++];
  g->what = "update_channel all None";
  g->hex = "4bcc5ea53cb4c1d90000000000";
  g->args.kind = POD_IX_UPDATE_CHANNEL;

  g = &G[i++];
  g->what = "update_channel is_active Some(true) (§6.2)";
  g->hex = "4bcc5ea53cb4c1d9000000000101";
  g->args.kind = POD_IX_UPDATE_CHANNEL;
  g->args.u.update_channel.has_is_active = 1;
  g->args.u.update_channel.is_active = 1;

  g = &G[i++];
  g->what = "update_channel all Some";
  g->hex = "4bcc5ea53cb4c1d901010000006e01010000006401050000000106000000000000000100";
  g->args.kind = POD_IX_UPDATE_CHANNEL;
  g->args.u.update_channel.has_name = 1;
  g->args.u.update_channel.name = str("n");
  g->args.u.update_channel.has_description = 1;
  g->args.u.update_channel.description = str("d");
  g->args.u.update_channel.has_max_participants = 1;
  g->args.u.update_channel.max_participants = 5;
  g->args.u.update_channel.has_fee_per_message = 1;
  g->args.u.update_channel.fee_per_message = 6;
  g->args.u.update_channel.has_is_active = 1;
  g->args.u.update_channel.is_active = 0;

  g = &G[i++];
  g->what = "create_channel_v2";
  g->hex = "aea033cda9ca119001000000780000000001000000000500000000000000";
  g->args.kind = POD_IX_CREATE_CHANNEL_V2;
  g->args.u.create_channel_v2.name = str("x");
  g->args.u.create_channel_v2.description = str("");
  g->args.u.create_channel_v2.visibility = POD_VISIBILITY_PRIVATE;
  g->args.u.create_channel_v2.max_participants = 0;
  g->args.u.create_channel_v2.fee_per_message = 5;

  g = &G[i++];
  g->what = "broadcast_message_compressed";
  g->hex = "0f117123baf6296c020000006869010003000000516d31";
  g->args.kind = POD_IX_BROADCAST_MESSAGE_COMPRESSED;
  g->args.u.broadcast_message_compressed.content = str("hi");
  g->args.u.broadcast_message_compressed.message_type.kind = POD_MSG_DATA;
  g->args.u.broadcast_message_compressed.ipfs_hash = str("Qm1");

  g = &G[i++];
  g->what = "broadcast_message_compressed Custom(255), reply_to, empty strings";
  g->hex =
      "0f117123baf6296c0000000004ff018139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8f"
      "c9b39400000000";
  g->args.kind = POD_IX_BROADCAST_MESSAGE_COMPRESSED;
  g->args.u.broadcast_message_compressed.message_type.kind = POD_MSG_CUSTOM;
  g->args.u.broadcast_message_compressed.message_type.custom = 255;
  g->args.u.broadcast_message_compressed.has_reply_to = 1;
  g->args.u.broadcast_message_compressed.reply_to = B;

  g = &G[i++];
  g->what = "join_channel_compressed";
  g->hex = "a7c2cb8285a20a58abababababababababababababababababababababababababababababababab";
  g->args.kind = POD_IX_JOIN_CHANNEL_COMPRESSED;
  memset(g->args.u.join_channel_compressed.metadata_hash, 0xab, 32);

  g = &G[i++];
  g->what = "batch_sync 2 hashes";
  g->hex =
      "d9aa54dcea40d0ef020000002cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
      "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00f1536500000000";
  g->args.kind = POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES;
  g->args.u.batch_sync_compressed_messages.message_hashes = HASH_SEQ;
  g->args.u.batch_sync_compressed_messages.message_hash_cnt = 2;
  g->args.u.batch_sync_compressed_messages.sync_timestamp = 1700000000;

  g = &G[i++];
  g->what = "batch_sync empty";
  g->hex = "d9aa54dcea40d0ef00000000ffffffffffffffff";
  g->args.kind = POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES;
  g->args.u.batch_sync_compressed_messages.sync_timestamp = -1;

  g = &G[i++];
  g->what = "update_message_status Failed";
  g->hex = "52649c4a61bef88403";
  g->args.kind = POD_IX_UPDATE_MESSAGE_STATUS;
  g->args.u.update_message_status.new_status = POD_STATUS_FAILED;

  CHECK_EQ(i, NGOLDEN);
}

/* Field-by-field comparison of decoded args with the expected ones (strings by content). */
static int args_eq(const pod_ix_args_t *a, const pod_ix_args_t *b) {
  uint8_t x[POD_IX_DATA_MAX], y[POD_IX_DATA_MAX];
  size_t nx = 0, ny = 0;
  if (a->kind != b->kind) return 0;
  if (pod_ix_encode(x, sizeof x, &nx, a) || pod_ix_encode(y, sizeof y, &ny, b)) return 0;
  return nx == ny && !memcmp(x, y, nx);
}

static void test_golden(void) {
  int seen[POD_IX_COUNT] = {0};
  for (int i = 0; i < NGOLDEN; i++) {
    const golden_t *g = &G[i];
    uint8_t want[POD_IX_DATA_MAX + 8], got[POD_IX_DATA_MAX];
    long n = pod_test_unhex(want, sizeof want, g->hex);
    size_t len = 0, trailing = 99;
    CHECK(n >= 8);
    seen[g->args.kind] = 1;
    /* encode */
    CHECK_EQ(pod_ix_encode(got, sizeof got, &len, &g->args), POD_OK);
    CHECK_EQ(len, n);
    CHECK_HEX(got, len, g->hex);
    if (len != (size_t)n) fprintf(stderr, "  in %s\n", g->what);
    /* exact-size buffer works, one byte less does not */
    CHECK_EQ(pod_ix_encode(got, (size_t)n, &len, &g->args), POD_OK);
    CHECK_EQ(pod_ix_encode(got, (size_t)n - 1, &len, &g->args), POD_ENOSPC);
    /* decode */
    pod_ix_args_t d;
    CHECK_EQ(pod_ix_decode(&d, &trailing, want, (size_t)n), POD_OK);
    CHECK_EQ(trailing, 0);
    CHECK(args_eq(&d, &g->args));
    /* every truncation after the discriminator is a Borsh error (102), kind still reported */
    for (long t = 8; t < n; t++) {
      pod_ix_args_t e;
      CHECK_EQ(pod_ix_decode(&e, NULL, want, (size_t)t), POD_EDECODE);
      CHECK_EQ(e.kind, g->args.kind);
    }
    /* trailing bytes are ignored and counted */
    want[n] = 0xEE;
    want[n + 1] = 0x02;
    want[n + 2] = 0xFF;
    CHECK_EQ(pod_ix_decode(&d, &trailing, want, (size_t)n + 3), POD_OK);
    CHECK_EQ(trailing, 3);
    CHECK(args_eq(&d, &g->args));
    /* a changed discriminator byte: unknown (101) */
    for (int b = 0; b < 8; b++) {
      want[b] ^= 0x01;
      CHECK_EQ(pod_ix_decode(&d, NULL, want, (size_t)n), POD_ENOTFOUND);
      CHECK_EQ(d.kind, POD_IX_COUNT);
      want[b] ^= 0x01;
    }
  }
  for (int k = 0; k < POD_IX_COUNT; k++)
    CHECK(seen[k]);
}

/* Specific decoded field values (views point into the data). */
static void test_decode_fields(void) {
  uint8_t d[128];
  pod_ix_args_t a;
  size_t tr = 0;
  long n = pod_test_unhex(d, sizeof d, G[0].hex);
  CHECK_EQ(pod_ix_decode(&a, &tr, d, (size_t)n), POD_OK);
  CHECK_EQ(a.kind, POD_IX_REGISTER_AGENT);
  CHECK_EQ(a.u.register_agent.capabilities, 1);
  CHECK(str_eq(a.u.register_agent.metadata_uri, "https://example.com/agent.json"));
  CHECK(a.u.register_agent.metadata_uri.ptr == (const char *)d + 20);

  n = pod_test_unhex(d, sizeof d, G[12].hex); /* broadcast Custom(9) */
  CHECK_EQ(pod_ix_decode(&a, &tr, d, (size_t)n), POD_OK);
  CHECK_EQ(a.u.broadcast_message.message_type.kind, POD_MSG_CUSTOM);
  CHECK_EQ(a.u.broadcast_message.message_type.custom, 9);
  CHECK_EQ(a.u.broadcast_message.has_reply_to, 1);
  CHECK(pod_pubkey_eq(&a.u.broadcast_message.reply_to, &A));
  CHECK_EQ(a.u.broadcast_message.nonce, 0x1122334455667788ull);

  n = pod_test_unhex(d, sizeof d, G[22].hex); /* batch 2 */
  CHECK_EQ(pod_ix_decode(&a, &tr, d, (size_t)n), POD_OK);
  CHECK_EQ(a.u.batch_sync_compressed_messages.message_hash_cnt, 2);
  CHECK(a.u.batch_sync_compressed_messages.message_hashes == (const uint8_t(*)[32])(d + 12));
  CHECK(!memcmp(a.u.batch_sync_compressed_messages.message_hashes[1], HASH_SEQ[1], 32));
  CHECK_EQ(a.u.batch_sync_compressed_messages.sync_timestamp, 1700000000);

  n = pod_test_unhex(d, sizeof d, G[17].hex); /* update_channel all Some */
  CHECK_EQ(pod_ix_decode(&a, &tr, d, (size_t)n), POD_OK);
  CHECK(a.u.update_channel.has_name && str_eq(a.u.update_channel.name, "n"));
  CHECK(a.u.update_channel.has_is_active && a.u.update_channel.is_active == 0);
  CHECK_EQ(a.u.update_channel.max_participants, 5);
}

/* Malformed arguments -> POD_EDECODE (102); unknown -> POD_ENOTFOUND (101). */
static void expect_decode(const char *hex, int want) {
  uint8_t d[256];
  pod_ix_args_t a;
  long n = pod_test_unhex(d, sizeof d, hex);
  CHECK(n >= 0);
  int rc = pod_ix_decode(&a, NULL, d, (size_t)n);
  CHECK_EQ(rc, want);
  if (rc != want) fprintf(stderr, "  for %s\n", hex);
}

static void test_decode_errors(void) {
  pod_ix_args_t a;
  size_t tr = 5;
  CHECK_EQ(pod_ix_decode(&a, &tr, NULL, 0), POD_ENOTFOUND); /* empty data */
  CHECK_EQ(tr, 0);
  CHECK_EQ(pod_ix_decode(NULL, NULL, (const uint8_t *)"x", 1), POD_EINVAL);
  CHECK_EQ(pod_ix_decode(&a, NULL, NULL, 3), POD_EINVAL);
  expect_decode("879d42c30271af", POD_ENOTFOUND);     /* 7 bytes */
  expect_decode("0000000000000000", POD_ENOTFOUND);   /* unknown */
  expect_decode("40f4bc78a7e9690a00", POD_ENOTFOUND); /* IDL tag */
  expect_decode("e445a52e51cb9a1d", POD_ENOTFOUND);   /* event-CPI tag */
  expect_decode("7c277359d91a261d", POD_OK);          /* join_channel */
  /* enum out of range */
  expect_decode("52649c4a61bef88404", POD_EDECODE); /* MessageStatus 4 */
  expect_decode("52649c4a61bef884ff", POD_EDECODE);
  expect_decode("392822b2bd0a411a"
                "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394"
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
                "05",
                POD_EDECODE); /* MessageType 5 */
  expect_decode("392822b2bd0a411a"
                "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394"
                "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
                "04",
                POD_EDECODE); /* Custom without its byte */
  expect_decode("2569fd63572edf14010000006701000000640264000000000000000000000000",
                POD_EDECODE); /* visibility 2 */
  expect_decode("2569fd63572edf14010000006701000000640164000000000000000000000000",
                POD_OK); /* visibility 1 */
  /* bool and Option tags */
  expect_decode("4bcc5ea53cb4c1d9000000000102", POD_EDECODE); /* is_active Some(2) */
  expect_decode("4bcc5ea53cb4c1d9020000000000", POD_EDECODE); /* Option tag 2 */
  expect_decode("5502b209778b66a40200", POD_EDECODE);
  expect_decode("5502b209778b66a400ff", POD_EDECODE);
  expect_decode("fd90cb2adb7a936102000000676d00020100000000000000", POD_EDECODE); /* reply tag 2 */
  /* UTF-8 */
  expect_decode("879d42c30271af1e010000000000000001000000ff", POD_EDECODE);
  expect_decode("879d42c30271af1e010000000000000002000000c0af", POD_EDECODE);   /* overlong */
  expect_decode("879d42c30271af1e010000000000000003000000eda080", POD_EDECODE); /* surrogate */
  expect_decode("879d42c30271af1e010000000000000002000000c3a9", POD_OK);
  /* length prefixes beyond the data */
  expect_decode("879d42c30271af1e010000000000000003000000616263", POD_OK);
  expect_decode("879d42c30271af1e010000000000000004000000616263", POD_EDECODE);
  expect_decode("879d42c30271af1e0100000000000000ffffffff616263", POD_EDECODE);
  expect_decode("d9aa54dcea40d0ef01000000"
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                POD_EDECODE); /* one hash, no timestamp */
  expect_decode("d9aa54dcea40d0efffffffff0000000000000000", POD_EDECODE); /* huge count */
  expect_decode("d9aa54dcea40d0ef0000000000000000000000", POD_EDECODE);   /* short i64 */
}

/* ---- builders: account metas ---- */
typedef struct {
  pod_pubkey_t key;
  const char *flags; /* "ws", "w", "s", "" */
} meta_t;

static void check_metas(const pod_ix_t *ix, pod_ix_kind_t kind, const meta_t *m, size_t n) {
  CHECK_EQ(ix->kind, kind);
  CHECK(pod_pubkey_eq(&ix->ix.program_id, &pod_program_id));
  CHECK(ix->ix.accounts == ix->metas);
  CHECK(ix->ix.data == ix->data);
  CHECK_EQ(ix->ix.account_cnt, n);
  size_t slots = 0;
  CHECK(pod_ix_slots(kind, &slots) != NULL);
  CHECK_EQ(slots, n);
  for (size_t i = 0; i < n && i < ix->ix.account_cnt; i++) {
    const pod_account_meta_t *a = &ix->ix.accounts[i];
    int w = strchr(m[i].flags, 'w') != NULL, s = strchr(m[i].flags, 's') != NULL;
    if (!pod_pubkey_eq(&a->pubkey, &m[i].key) || a->is_writable != w || a->is_signer != s) {
      char b[POD_PUBKEY_B58_SZ], e[POD_PUBKEY_B58_SZ];
      fprintf(stderr, "%s slot %zu (%s): got %s w%d s%d, want %s %s\n", pod_ix_name(kind), i,
              pod_ix_account_name(kind, i), pod_pubkey_to_base58(b, &a->pubkey), a->is_writable,
              a->is_signer, pod_pubkey_to_base58(e, &m[i].key), m[i].flags);
      CHECK(0);
    }
  }
  /* the data is what pod_ix_encode makes for the decoded args */
  pod_ix_args_t d;
  size_t tr = 1;
  CHECK_EQ(pod_ix_decode(&d, &tr, ix->ix.data, ix->ix.data_sz), POD_OK);
  CHECK_EQ(tr, 0);
  CHECK_EQ(d.kind, kind);
}

static meta_t M(pod_pubkey_t k, const char *flags) {
  meta_t m;
  m.key = k;
  m.flags = flags;
  return m;
}

static void test_builders(void) {
  /* The §3.3 vectors fix the PDAs independently of the PDA helpers. */
  const pod_pubkey_t agentA = b58("B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG");
  const pod_pubkey_t agentB = b58("9E222cXBZSzERcrXDH4etqXXf8N7a7Jy1M8V6gYJzKCG");
  const pod_pubkey_t partXA = b58("61gNZGWS81E4qJaZFu4SPQjbFCVmhWdKwP6BwsufdtKN");
  const pod_pubkey_t partXB = b58("9TN9Db866mZcqMhqvvQ8N1mgPBbKGjfWBPba1vg3MqqH");
  const pod_pubkey_t invXB = b58("B4xKGMh3TmycoKVaF1Z5NSvqK2Njxvf7PjvPiSX3CmeC");
  const pod_pubkey_t escXB = b58("DqBRLispnLikBQ7QosxVtLkxmZjmt2gm7MsHgHaoVLfA");
  const pod_pubkey_t cmsgXA1 = b58("3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC");
  const pod_pubkey_t msgAB = b58("4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35");
  const pod_pubkey_t SYS = pod_system_program_id, PID = pod_program_id,
                     CMP = pod_compression_program_id;
  pod_ix_t ix;
  memset(&ix, 0, sizeof ix);

  /* register_agent */
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &G[0].args.u.register_agent), POD_OK);
  {
    meta_t m[] = {M(agentA, "w"), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_REGISTER_AGENT, m, 3);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[0].hex);
  }
  /* send_message */
  CHECK_EQ(pod_ix_send_message(&ix, &A, &G[1].args.u.send_message), POD_OK);
  {
    meta_t m[] = {M(msgAB, "w"), M(agentA, ""), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_SEND_MESSAGE, m, 4);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[1].hex);
  }
  /* send_message Custom(7): PDA with type byte 11; Custom(251) ok, Custom(252) impossible */
  CHECK_EQ(pod_ix_send_message(&ix, &A, &G[2].args.u.send_message), POD_OK);
  {
    pod_pubkey_t msg;
    CHECK_EQ(pod_pda_message(&msg, NULL, &agentA, &B, HELLO, G[2].args.u.send_message.message_type),
             POD_OK);
    meta_t m[] = {M(msg, "w"), M(agentA, ""), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_SEND_MESSAGE, m, 4);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[2].hex);
    pod_ix_send_message_args_t c = G[2].args.u.send_message;
    c.message_type.custom = 251;
    CHECK_EQ(pod_ix_send_message(&ix, &A, &c), POD_OK);
    c.message_type.custom = 252;
    CHECK_EQ(pod_ix_send_message(&ix, &A, &c), POD_EINVAL);
  }
  /* update_agent */
  CHECK_EQ(pod_ix_update_agent(&ix, &A, &G[4].args.u.update_agent), POD_OK);
  {
    meta_t m[] = {M(agentA, "w"), M(A, "s")};
    check_metas(&ix, POD_IX_UPDATE_AGENT, m, 2);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[4].hex);
  }
  /* update_message_status: B (recipient) marks message(agent(A), B, hello, Text) Read */
  CHECK_EQ(pod_ix_update_message_status(&ix, &B, &msgAB, &G[5].args.u.update_message_status),
           POD_OK);
  {
    meta_t m[] = {M(msgAB, "w"), M(agentB, ""), M(B, "s")};
    check_metas(&ix, POD_IX_UPDATE_MESSAGE_STATUS, m, 3);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[5].hex);
  }
  /* create_channel */
  CHECK_EQ(pod_ix_create_channel(&ix, &A, &G[6].args.u.create_channel), POD_OK);
  {
    meta_t m[] = {M(X, "w"), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_CREATE_CHANNEL, m, 3);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[6].hex);
  }
  /* deposit_escrow / withdraw_escrow by B into X */
  CHECK_EQ(pod_ix_deposit_escrow(&ix, &B, &X, &G[7].args.u.deposit_escrow), POD_OK);
  {
    meta_t m[] = {M(escXB, "w"), M(X, "w"), M(B, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_DEPOSIT_ESCROW, m, 4);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[7].hex);
  }
  CHECK_EQ(pod_ix_withdraw_escrow(&ix, &B, &X, &G[8].args.u.withdraw_escrow), POD_OK);
  {
    meta_t m[] = {M(escXB, "w"), M(X, "w"), M(B, "ws")};
    check_metas(&ix, POD_IX_WITHDRAW_ESCROW, m, 3);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[8].hex);
  }
  /* join_channel: B joins X, both optional slots None, then both given */
  CHECK_EQ(pod_ix_join_channel(&ix, &B, &X, 0, 0), POD_OK);
  {
    meta_t m[] = {M(X, "w"),  M(partXB, "w"), M(agentB, ""), M(PID, ""),
                  M(PID, ""), M(B, "ws"),     M(SYS, "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL, m, 7);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, "7c277359d91a261d");
  }
  CHECK_EQ(pod_ix_join_channel(&ix, &B, &X, 1, 1), POD_OK);
  {
    meta_t m[] = {M(X, "w"),     M(partXB, "w"), M(agentB, ""), M(invXB, "w"),
                  M(escXB, "w"), M(B, "ws"),     M(SYS, "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL, m, 7);
  }
  CHECK_EQ(pod_ix_join_channel(&ix, &B, &X, 1, 0), POD_OK);
  {
    meta_t m[] = {M(X, "w"),  M(partXB, "w"), M(agentB, ""), M(invXB, "w"),
                  M(PID, ""), M(B, "ws"),     M(SYS, "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL, m, 7);
  }
  CHECK_EQ(pod_ix_join_channel(&ix, &B, &X, 0, 1), POD_OK);
  {
    meta_t m[] = {M(X, "w"),     M(partXB, "w"), M(agentB, ""), M(PID, ""),
                  M(escXB, "w"), M(B, "ws"),     M(SYS, "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL, m, 7);
  }
  /* leave_channel */
  CHECK_EQ(pod_ix_leave_channel(&ix, &B, &X), POD_OK);
  {
    meta_t m[] = {M(X, "w"), M(partXB, "w"), M(agentB, ""), M(B, "ws")};
    check_metas(&ix, POD_IX_LEAVE_CHANNEL, m, 4);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, "68004b865f5044ba");
  }
  /* broadcast_message by A, nonce 1 */
  CHECK_EQ(pod_ix_broadcast_message(&ix, &A, &X, &G[11].args.u.broadcast_message), POD_OK);
  {
    meta_t m[] = {M(X, "w"),       M(partXA, "w"), M(agentA, ""),
                  M(cmsgXA1, "w"), M(A, "ws"),     M(SYS, "")};
    check_metas(&ix, POD_IX_BROADCAST_MESSAGE, m, 6);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[11].hex);
  }
  /* invite_to_channel: A (creator) invites B, participant None; then with participant */
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &A, &X, 0, &G[13].args.u.invite_to_channel), POD_OK);
  {
    meta_t m[] = {M(X, ""), M(PID, ""), M(agentA, ""), M(invXB, "w"), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_INVITE_TO_CHANNEL, m, 6);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[13].hex);
  }
  CHECK_EQ(pod_ix_invite_to_channel(&ix, &A, &X, 1, &G[13].args.u.invite_to_channel), POD_OK);
  {
    meta_t m[] = {M(X, ""), M(partXA, ""), M(agentA, ""), M(invXB, "w"), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_INVITE_TO_CHANNEL, m, 6);
  }
  /* get_channel_participants */
  CHECK_EQ(pod_ix_get_channel_participants(&ix, &X), POD_OK);
  {
    meta_t m[] = {M(X, "")};
    check_metas(&ix, POD_IX_GET_CHANNEL_PARTICIPANTS, m, 1);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, "5710604956386246");
  }
  /* update_channel */
  CHECK_EQ(pod_ix_update_channel(&ix, &A, &X, &G[16].args.u.update_channel), POD_OK);
  {
    meta_t m[] = {M(X, "w"), M(A, "s")};
    check_metas(&ix, POD_IX_UPDATE_CHANNEL, m, 2);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, "4bcc5ea53cb4c1d9000000000101");
  }
  /* create_channel_v2 ("general" so that X and participant(X, agent(A)) apply) */
  {
    pod_ix_create_channel_v2_args_t v2 = G[6].args.u.create_channel;
    CHECK_EQ(pod_ix_create_channel_v2(&ix, &A, &v2), POD_OK);
    meta_t m[] = {M(agentA, ""), M(X, "w"), M(partXA, "w"), M(A, "ws"), M(SYS, "")};
    check_metas(&ix, POD_IX_CREATE_CHANNEL_V2, m, 5);
    CHECK_HEX(ix.ix.data, 8, "aea033cda9ca1190");
    CHECK_HEX(ix.ix.data + 8, ix.ix.data_sz - 8, G[6].hex + 16);
  }
  /* broadcast_message_compressed: fee payer B, authority A; default light slots = System */
  CHECK_EQ(pod_ix_broadcast_message_compressed(&ix, &B, &A, &X, NULL,
                                               &G[19].args.u.broadcast_message_compressed),
           POD_OK);
  {
    meta_t m[] = {M(X, ""),   M(partXA, "w"), M(B, "ws"), M(A, "s"),  M(SYS, ""),
                  M(CMP, ""), M(SYS, ""),     M(SYS, ""), M(SYS, ""), M(SYS, ""),
                  M(SYS, ""), M(SYS, ""),     M(SYS, "")};
    check_metas(&ix, POD_IX_BROADCAST_MESSAGE_COMPRESSED, m, 13);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[19].hex);
  }
  /* explicit light slots, in their order */
  pod_light_accounts_t light;
  for (int j = 0; j < 7; j++)
    memset((uint8_t *)&light + 32 * j, 0x10 + j, 32);
  {
    pod_pubkey_t l[7];
    for (int j = 0; j < 7; j++)
      memset(l[j].b, 0x10 + j, 32);
    CHECK_EQ(pod_ix_broadcast_message_compressed(&ix, &A, &A, &X, &light,
                                                 &G[19].args.u.broadcast_message_compressed),
             POD_OK);
    meta_t m[] = {M(X, ""),    M(partXA, "w"), M(A, "ws"),  M(A, "s"),   M(SYS, ""),
                  M(CMP, ""),  M(l[0], ""),    M(l[1], ""), M(l[2], ""), M(l[3], ""),
                  M(l[4], ""), M(l[5], ""),    M(l[6], "")};
    check_metas(&ix, POD_IX_BROADCAST_MESSAGE_COMPRESSED, m, 13);
    /* join_channel_compressed: B joins X with invitation(X, B) */
    CHECK_EQ(pod_ix_join_channel_compressed(&ix, &B, &B, &X, 1, &light,
                                            &G[21].args.u.join_channel_compressed),
             POD_OK);
    meta_t j[] = {M(X, "w"),   M(agentB, ""), M(invXB, ""), M(B, "ws"),  M(B, "s"),
                  M(SYS, ""),  M(l[0], ""),   M(l[1], ""),  M(l[2], ""), M(l[3], ""),
                  M(l[4], ""), M(l[5], ""),   M(l[6], "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL_COMPRESSED, j, 13);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[21].hex);
  }
  CHECK_EQ(pod_ix_join_channel_compressed(&ix, &A, &B, &X, 0, NULL,
                                          &G[21].args.u.join_channel_compressed),
           POD_OK);
  {
    meta_t m[] = {M(X, "w"),  M(agentB, ""), M(PID, ""), M(A, "ws"), M(B, "s"),
                  M(SYS, ""), M(SYS, ""),    M(SYS, ""), M(SYS, ""), M(SYS, ""),
                  M(SYS, ""), M(SYS, ""),    M(SYS, "")};
    check_metas(&ix, POD_IX_JOIN_CHANNEL_COMPRESSED, m, 13);
  }
  /* batch_sync */
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &B, &A, &X, NULL,
                                                 &G[22].args.u.batch_sync_compressed_messages),
           POD_OK);
  {
    meta_t m[] = {M(X, "w"),  M(B, "ws"), M(A, "s"),  M(SYS, ""), M(CMP, ""), M(SYS, ""),
                  M(SYS, ""), M(SYS, ""), M(SYS, ""), M(SYS, ""), M(SYS, ""), M(SYS, "")};
    check_metas(&ix, POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES, m, 12);
    CHECK_HEX(ix.ix.data, ix.ix.data_sz, G[22].hex);
  }
}

/* Slot tables: names (Anchor field names) and declared flags, in order. */
static void test_slot_tables(void) {
  static const char *const want[POD_IX_COUNT] = {
      "agent_account:wi signer:ws system_program:",
      "message_account:wi sender_agent: signer:ws system_program:",
      "agent_account:w signer:s",
      "message_account:w recipient_agent: signer:s",
      "channel_account:wi creator:ws system_program:",
      "escrow_account:wi channel_account:w depositor:ws system_program:",
      "escrow_account:w channel_account:w depositor:ws",
      "channel_account:w participant_account:wi agent_account: invitation_account:wo "
      "escrow_account:wo user:ws system_program:",
      "channel_account:w participant_account:w agent_account: user:ws",
      "channel_account:w participant_account:w agent_account: message_account:wi user:ws "
      "system_program:",
      "channel_account: participant_account:o agent_account: invitation_account:wi inviter:ws "
      "system_program:",
      "channel_account:",
      "channel_account:w signer:s",
      "agent_account: channel_account:wi participant_account:wi creator:ws system_program:",
      "channel_account: participant_account:w fee_payer:ws authority:s system_program: "
      "compression_program: registered_program_id: noop_program: account_compression_authority: "
      "account_compression_program: merkle_tree: nullifier_queue: cpi_authority_pda:",
      "channel_account:w agent_account: invitation_account:o fee_payer:ws authority:s "
      "system_program: registered_program_id: noop_program: account_compression_authority: "
      "account_compression_program: merkle_tree: nullifier_queue: cpi_authority_pda:",
      "channel_account:w fee_payer:ws authority:s system_program: compression_program: "
      "registered_program_id: noop_program: account_compression_authority: "
      "account_compression_program: merkle_tree: nullifier_queue: cpi_authority_pda:"};
  for (int k = 0; k < POD_IX_COUNT; k++) {
    char buf[1024] = "";
    size_t n = 0, off = 0;
    const pod_ix_slot_t *s = pod_ix_slots(k, &n);
    CHECK(n >= 1 && n <= POD_IX_ACCOUNTS_MAX);
    for (size_t i = 0; i < n; i++) {
      off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s:%s%s%s%s", i ? " " : "", s[i].name,
                              s[i].is_writable ? "w" : "", s[i].is_signer ? "s" : "",
                              s[i].is_optional ? "o" : "", s[i].is_init ? "i" : "");
      CHECK_STR(pod_ix_account_name(k, i), s[i].name);
    }
    CHECK_STR(buf, want[k]);
    CHECK(pod_ix_account_name(k, n) == NULL);
  }
  size_t n = 7;
  CHECK(pod_ix_slots(POD_IX_COUNT, &n) == NULL);
  CHECK_EQ(n, 0);
}

/* Builders encode what the program would reject; refuse only what cannot be encoded. */
static void test_builder_limits(void) {
  static pod_ix_t ix;
  static char big[2000];
  memset(big, 'a', sizeof big);

  pod_ix_register_agent_args_t ra;
  memset(&ra, 0, sizeof ra);
  ra.capabilities = UINT64_MAX;                          /* program: 6001 */
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &ra), POD_OK); /* empty URI: program 6000 */
  CHECK_HEX(ix.ix.data, ix.ix.data_sz, "879d42c30271af1effffffffffffffff00000000");
  ra.metadata_uri.ptr = "\xff\xfe"; /* invalid UTF-8 is encoded; the program answers 102 */
  ra.metadata_uri.len = 2;
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &ra), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz, "879d42c30271af1effffffffffffffff02000000fffe");
  pod_ix_args_t bad_utf8;
  CHECK_EQ(pod_ix_decode(&bad_utf8, NULL, ix.ix.data, ix.ix.data_sz), POD_EDECODE);
  ra.metadata_uri.ptr = NULL;
  ra.metadata_uri.len = 5; /* NULL ptr with len */
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &ra), POD_EINVAL);
  ra.metadata_uri.ptr = big;
  ra.metadata_uri.len = POD_IX_DATA_MAX - 20; /* exactly fills the buffer */
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &ra), POD_OK);
  CHECK_EQ(ix.ix.data_sz, POD_IX_DATA_MAX);
  ra.metadata_uri.len++;
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &ra), POD_ETOOLARGE);

  /* channel names: 32 bytes form a PDA, 33 cannot */
  pod_ix_create_channel_args_t cc;
  memset(&cc, 0, sizeof cc);
  cc.name.ptr = big;
  cc.name.len = 32;
  cc.visibility = 7; /* encoded raw (program: 102) */
  CHECK_EQ(pod_ix_create_channel(&ix, &A, &cc), POD_OK);
  CHECK_EQ(ix.data[8 + 4 + 32 + 4], 7);
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &A, &cc), POD_OK);
  cc.name.len = 33;
  CHECK_EQ(pod_ix_create_channel(&ix, &A, &cc), POD_ETOOLARGE);
  CHECK_EQ(pod_ix_create_channel_v2(&ix, &A, &cc), POD_ETOOLARGE);
  cc.name.len = 0; /* empty name (program: 6008 in v1) */
  cc.name.ptr = NULL;
  CHECK_EQ(pod_ix_create_channel(&ix, &A, &cc), POD_OK);

  /* update_channel: a 51-byte name and 2000 participants are the program's business */
  pod_ix_update_channel_args_t uc;
  memset(&uc, 0, sizeof uc);
  uc.has_name = 1;
  uc.name.ptr = big;
  uc.name.len = 51;
  uc.has_is_active = 1;
  uc.is_active = 0x80; /* any non-zero is true */
  CHECK_EQ(pod_ix_update_channel(&ix, &A, &X, &uc), POD_OK);
  CHECK_EQ(ix.data[ix.ix.data_sz - 1], 1);

  /* raw enum bytes */
  pod_ix_update_message_status_args_t st;
  st.new_status = 9;
  CHECK_EQ(pod_ix_update_message_status(&ix, &B, &X, &st), POD_OK);
  CHECK_HEX(ix.ix.data, ix.ix.data_sz, "52649c4a61bef88409");
  pod_ix_args_t d;
  CHECK_EQ(pod_ix_decode(&d, NULL, ix.ix.data, ix.ix.data_sz), POD_EDECODE);
  CHECK_EQ(d.kind, POD_IX_UPDATE_MESSAGE_STATUS);

  /* broadcast content too big for a transaction */
  pod_ix_broadcast_message_args_t bm;
  memset(&bm, 0, sizeof bm);
  bm.content.ptr = big;
  bm.content.len = 1500;
  CHECK_EQ(pod_ix_broadcast_message(&ix, &A, &X, &bm), POD_ETOOLARGE);
  bm.content.len = 1001; /* program: 6012, still encodable */
  CHECK_EQ(pod_ix_broadcast_message(&ix, &A, &X, &bm), POD_OK);

  /* batch: 37 hashes fit the data buffer (20 + 32n <= 1232), 38 do not */
  static uint8_t hashes[40][32];
  pod_ix_batch_sync_compressed_messages_args_t bs;
  memset(&bs, 0, sizeof bs);
  bs.message_hashes = (const uint8_t(*)[32])hashes;
  bs.message_hash_cnt = 37;
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &A, &A, &X, NULL, &bs), POD_OK);
  CHECK_EQ(ix.ix.data_sz, 20 + 32 * 37);
  bs.message_hash_cnt = 38;
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &A, &A, &X, NULL, &bs), POD_ETOOLARGE);
  bs.message_hashes = NULL;
  bs.message_hash_cnt = 1;
  CHECK_EQ(pod_ix_batch_sync_compressed_messages(&ix, &A, &A, &X, NULL, &bs), POD_EINVAL);

  /* NULL arguments */
  CHECK_EQ(pod_ix_register_agent(NULL, &A, &ra), POD_EINVAL);
  CHECK_EQ(pod_ix_register_agent(&ix, NULL, &ra), POD_EINVAL);
  CHECK_EQ(pod_ix_join_channel(&ix, &A, NULL, 0, 0), POD_EINVAL);
  CHECK_EQ(pod_ix_get_channel_participants(&ix, NULL), POD_EINVAL);
  pod_ix_args_t bad;
  memset(&bad, 0, sizeof bad);
  bad.kind = POD_IX_COUNT;
  uint8_t buf[16];
  CHECK_EQ(pod_ix_encode(buf, sizeof buf, NULL, &bad), POD_EINVAL);
  CHECK_EQ(pod_ix_encode(buf, sizeof buf, NULL, NULL), POD_EINVAL);
}

/* PROTOCOL.md §6.2: the complete signed register_agent transaction. */
static void test_transaction_vector(void) {
  static pod_ix_t ix;
  uint8_t seed[32], bh[32], msg[POD_TXN_MTU], tx[POD_TXN_MTU];
  size_t msg_len = 0, tx_len = 0;
  memset(seed, 1, sizeof seed);
  memset(bh, 7, sizeof bh);
  pod_keypair_t kp;
  CHECK_EQ(pod_keypair_from_seed(&kp, seed), POD_OK);
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, &kp);
  CHECK(pod_pubkey_eq(&pk, &A));
  CHECK_EQ(pod_ix_register_agent(&ix, &A, &G[0].args.u.register_agent), POD_OK);
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_len, &A, &ix.ix, 1, bh), POD_OK);
  CHECK_EQ(msg_len, 221);
  CHECK_HEX(msg, msg_len,
            "010002048a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c9618473acab72"
            "1a3970e905f809978b610a4723a161c3599f686fbd98acd674300000000000000000000000000000000000"
            "00000000000000000000000000000f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f22"
            "7ffe0b80707070707070707070707070707070707070707070707070707070707070707010303010002328"
            "79d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e636f6d2f616765"
            "6e742e6a736f6e");
  const pod_keypair_t *signers[1] = {&kp};
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_len, msg, msg_len, signers, 1), POD_OK);
  CHECK_EQ(tx_len, 286);
  char b64[POD_BASE64_ENC_SZ(286)];
  CHECK_EQ(pod_base64_encode(b64, sizeof b64, NULL, tx, tx_len), POD_OK);
  CHECK_STR(b64,
            "AXhSF2EZVMG+0Zq4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/nkKu+LDhdWh9422WpbclQPF"
            "qxgQBAAIEiojj3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+AmXi2EKRyOhYc"
            "NZn2hvvZis1nQwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJM"
            "beDNvRsie28if/4LgHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHg"
            "EAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbg==");
  pod_keypair_wipe(&kp);
}

int main(void) {
  static const uint8_t a_hex[32] = {0x8a, 0x88, 0xe3, 0xdd, 0x74, 0x09, 0xf1, 0x95,
                                    0xfd, 0x52, 0xdb, 0x2d, 0x3c, 0xba, 0x5d, 0x72,
                                    0xca, 0x67, 0x09, 0xbf, 0x1d, 0x94, 0x12, 0x1b,
                                    0xf3, 0x74, 0x88, 0x01, 0xb4, 0x0f, 0x6f, 0x5c};
  memcpy(A.b, a_hex, 32);
  B = b58("9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu");
  X = b58("cHP2shu3FoiKtdqLPKT1X4u55WmvV6XQfFN8RvpVmnY");
  pod_sha256(HELLO, "hello", 5);
  CHECK(!memcmp(HELLO, HASH_SEQ[0], 32));
  golden_init();
  test_discriminators();
  test_golden();
  test_decode_fields();
  test_decode_errors();
  test_slot_tables();
  test_builders();
  test_builder_limits();
  test_transaction_vector();
  TEST_DONE();
}
