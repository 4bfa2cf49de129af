/* Account codec: discriminators, spaces and rent, golden bytes for all 7 types (incl. the
 * PROTOCOL.md §6.2 AgentAccount), fixed offsets, round trips, 3004 (ENOSPC) cases, stale tails
 * (Q27), in-place re-encoding, and rejection of malformed data. */
#include "pod/accounts.h"
#include "pod/hash.h"
#include "test/pod_test.h"

static pod_pubkey_t A, B, X, AGENT_A;
static uint8_t HELLO[32], INV_HASH[32];

static pod_pubkey_t key(const char *hex) {
  pod_pubkey_t k;
  CHECK_EQ(pod_test_unhex(k.b, 32, hex), 32);
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

#define T0 1700000000

/* ---- golden accounts ---- */
static const char *const HEX_AGENT = /* §6.2: first 116 of 286 bytes */
    "f177458ce90970328a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c01000000000000"
    "00640000000000000000f15365000000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e742e"
    "6a736f6e00000000000000000000fc00000000000000";
static const char *const HEX_MESSAGE =
    "6190183ae12859df9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd67438139770ea87d17"
    "5f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b3942cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7"
    "425e73043362938b982400f1536500000000802b5d65000000000000ff0000000000";
static const char *const HEX_CHANNEL =
    "8ce81a4e591a11f48a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c00000000000000"
    "00000000000000000000f153650000000064000000010000000700000067656e6572616c0c00000047656e6572616c"
    "20636861740000000000000000000000000000000000000000000000000000ff0000000000";
static const char *const HEX_PARTICIPANT =
    "9359b8cf0abe4e910909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619719618473acab721"
    "a3970e905f809978b610a4723a161c3599f686fbd98acd674300f153650000000003000000000000007bf153650000"
    "000001fe000000000000";
static const char *const HEX_INVITATION =
    "672448c6ad8000ff0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619718a88e3dd7409f1"
    "95fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee"
    "37a25df60f5b8fc9b39480873c648130d0f7be7711e95b4b3add9aa4a8dd4173c4475eee4b404015ee6e00f1536500"
    "000000802b5d650000000007000000000000000000fc0000000000";
static const char *const HEX_CMSG =
    "ac954d1b58e350570909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619719618473acab721"
    "a3970e905f809978b610a4723a161c3599f686fbd98acd67430000f15365000000000002000000676d00ff00000000"
    "0000";
static const char *const HEX_CMSG2 = /* reply_to Some(B), edited_at Some, "héllo", Custom(3) */
    "ac954d1b58e350570909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619719618473acab721"
    "a3970e905f809978b610a4723a161c3599f686fbd98acd6743018139770ea87d175f56a35466c34c7ecccb8d8a91b4"
    "ee37a25df60f5b8fc9b39400f15365000000000101f15365000000000600000068c3a96c6c6f0403ff00000000000"
    "0";
static const char *const HEX_ESCROW =
    "2445301280e17d870909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619718139770ea87d17"
    "5f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b39440420f000000000000f1536500000000fd0000000000"
    "0000";

#define NGOLD 8
static pod_typed_account_t GOLD[NGOLD];
static const char *GOLD_HEX[NGOLD];

static void gold_init(void) {
  memset(GOLD, 0, sizeof GOLD);
  pod_typed_account_t *g = GOLD;

  g->kind = POD_ACCT_AGENT;
  g->u.agent.pubkey = A;
  g->u.agent.capabilities = 1;
  g->u.agent.reputation = 100;
  g->u.agent.last_updated = T0;
  g->u.agent.metadata_uri = str("https://example.com/agent.json");
  g->u.agent.bump = 252;
  GOLD_HEX[g - GOLD] = HEX_AGENT;
  g++;

  g->kind = POD_ACCT_MESSAGE;
  g->u.message.sender = AGENT_A;
  g->u.message.recipient = B;
  memcpy(g->u.message.payload_hash, HELLO, 32);
  g->u.message.created_at = T0;
  g->u.message.expires_at = T0 + 604800;
  g->u.message.status = POD_STATUS_PENDING;
  g->u.message.bump = 255;
  GOLD_HEX[g - GOLD] = HEX_MESSAGE;
  g++;

  g->kind = POD_ACCT_CHANNEL;
  g->u.channel.creator = A;
  g->u.channel.created_at = T0;
  g->u.channel.max_participants = 100;
  g->u.channel.current_participants = 1;
  g->u.channel.name = str("general");
  g->u.channel.description = str("General chat");
  g->u.channel.bump = 255;
  GOLD_HEX[g - GOLD] = HEX_CHANNEL;
  g++;

  g->kind = POD_ACCT_PARTICIPANT;
  g->u.participant.channel = X;
  g->u.participant.participant = AGENT_A;
  g->u.participant.joined_at = T0;
  g->u.participant.messages_sent = 3;
  g->u.participant.last_message_at = T0 + 123;
  g->u.participant.is_active = 1;
  g->u.participant.bump = 254;
  GOLD_HEX[g - GOLD] = HEX_PARTICIPANT;
  g++;

  g->kind = POD_ACCT_INVITATION;
  g->u.invitation.channel = X;
  g->u.invitation.inviter = A;
  g->u.invitation.invitee = B;
  memcpy(g->u.invitation.invitation_hash, INV_HASH, 32);
  g->u.invitation.created_at = T0;
  g->u.invitation.expires_at = T0 + 604800;
  g->u.invitation.nonce = 7;
  g->u.invitation.bump = 252;
  GOLD_HEX[g - GOLD] = HEX_INVITATION;
  g++;

  g->kind = POD_ACCT_CHANNEL_MESSAGE;
  g->u.channel_message.channel = X;
  g->u.channel_message.sender = AGENT_A;
  g->u.channel_message.created_at = T0;
  g->u.channel_message.content = str("gm");
  g->u.channel_message.bump = 255;
  GOLD_HEX[g - GOLD] = HEX_CMSG;
  g++;

  g->kind = POD_ACCT_CHANNEL_MESSAGE;
  g->u.channel_message.channel = X;
  g->u.channel_message.sender = AGENT_A;
  g->u.channel_message.has_reply_to = 1;
  g->u.channel_message.reply_to = B;
  g->u.channel_message.created_at = T0;
  g->u.channel_message.has_edited_at = 1;
  g->u.channel_message.edited_at = T0 + 1;
  g->u.channel_message.content = str("h\xc3\xa9llo");
  g->u.channel_message.message_type.kind = POD_MSG_CUSTOM;
  g->u.channel_message.message_type.custom = 3;
  g->u.channel_message.bump = 255;
  GOLD_HEX[g - GOLD] = HEX_CMSG2;
  g++;

  g->kind = POD_ACCT_ESCROW;
  g->u.escrow.channel = X;
  g->u.escrow.depositor = B;
  g->u.escrow.amount = 1000000;
  g->u.escrow.created_at = T0;
  g->u.escrow.bump = 253;
  GOLD_HEX[g - GOLD] = HEX_ESCROW;
  g++;
  CHECK_EQ(g - GOLD, NGOLD);
}

/* Two accounts are equal if they serialize to the same bytes. */
static int acct_eq(const pod_typed_account_t *a, const pod_typed_account_t *b) {
  static uint8_t x[4096], y[4096];
  size_t nx = 0, ny = 0;
  if (a->kind != b->kind) return 0;
  if (pod_account_encode(x, sizeof x, &nx, a) || pod_account_encode(y, sizeof y, &ny, b)) return 0;
  return nx == ny && !memcmp(x, y, nx);
}

static void test_tables(void) {
  static const char *const names[POD_ACCT_COUNT] = {
      "AgentAccount",      "MessageAccount", "ChannelAccount", "ChannelParticipant",
      "ChannelInvitation", "ChannelMessage", "EscrowAccount"};
  static const char *const macros[POD_ACCT_COUNT] = {
      POD_AGENT_DISC,      POD_MESSAGE_DISC,         POD_CHANNEL_DISC, POD_PARTICIPANT_DISC,
      POD_INVITATION_DISC, POD_CHANNEL_MESSAGE_DISC, POD_ESCROW_DISC};
  static const size_t spaces[POD_ACCT_COUNT] = {286, 128, 338, 104, 168, 1134, 96};
  static const unsigned long long rents[POD_ACCT_COUNT] = {2881440, 1781760, 3243360, 1614720,
                                                           2060160, 8783520, 1559040};
  static const unsigned long long rent_macros[POD_ACCT_COUNT] = {
      POD_AGENT_RENT,      POD_MESSAGE_RENT,         POD_CHANNEL_RENT, POD_PARTICIPANT_RENT,
      POD_INVITATION_RENT, POD_CHANNEL_MESSAGE_RENT, POD_ESCROW_RENT};
  static const size_t space_macros[POD_ACCT_COUNT] = {
      POD_AGENT_SPACE,      POD_MESSAGE_SPACE,         POD_CHANNEL_SPACE, POD_PARTICIPANT_SPACE,
      POD_INVITATION_SPACE, POD_CHANNEL_MESSAGE_SPACE, POD_ESCROW_SPACE};
  for (int k = 0; k < POD_ACCT_COUNT; k++) {
    char pre[64];
    uint8_t h[32];
    CHECK_STR(pod_account_name(k), names[k]);
    snprintf(pre, sizeof pre, "account:%s", names[k]);
    pod_sha256(h, pre, strlen(pre));
    CHECK(!memcmp(h, pod_account_disc(k), 8));
    CHECK(!memcmp(h, macros[k], 8));
    CHECK_EQ(pod_account_type(h, 8), k);
    CHECK_EQ(pod_account_space(k), spaces[k]);
    CHECK_EQ(space_macros[k], spaces[k]);
    CHECK_EQ(POD_RENT_EXEMPT_MIN(spaces[k]), rents[k]);
    CHECK_EQ(rent_macros[k], rents[k]);
  }
  CHECK_EQ(POD_RENT_EXEMPT_MIN(0), POD_WALLET_RENT);
  CHECK_EQ(POD_WALLET_RENT, 890880);
  CHECK_EQ(POD_ACCOUNT_SPACE_MAX, 1134);
  CHECK_HEX(pod_account_disc(POD_ACCT_INVITATION), 8, "672448c6ad8000ff");
  CHECK(pod_account_name(7) == NULL && pod_account_disc(-1) == NULL && pod_account_space(9) == 0);
  /* detection */
  uint8_t d[8] = {0};
  CHECK_EQ(pod_account_type(d, 8), POD_EINVAL);
  CHECK_EQ(pod_account_type((const uint8_t *)POD_AGENT_DISC, 7), POD_ENOTFOUND);
  CHECK_EQ(pod_account_type(NULL, 0), POD_ENOTFOUND);
  /* size macros */
  CHECK_EQ(POD_AGENT_SIZE(200), POD_AGENT_SPACE);
  CHECK_EQ(POD_CHANNEL_SIZE(100, 226 - 100), POD_CHANNEL_SPACE);
}

static void test_golden(void) {
  for (int i = 0; i < NGOLD; i++) {
    const pod_typed_account_t *g = &GOLD[i];
    size_t space = pod_account_space((int)g->kind), n = 0;
    uint8_t want[POD_ACCOUNT_SPACE_MAX], buf[POD_ACCOUNT_SPACE_MAX];
    long wn = pod_test_unhex(want, sizeof want, GOLD_HEX[i]);
    CHECK(wn > 8);
    CHECK_EQ(pod_account_serialized_size(g), wn);
    /* encode into a zeroed account buffer of exactly its space */
    memset(buf, 0, sizeof buf);
    CHECK_EQ(pod_account_encode(buf, space, &n, g), POD_OK);
    CHECK_EQ(n, wn);
    CHECK_HEX(buf, n, GOLD_HEX[i]);
    for (size_t j = n; j < space; j++)
      CHECK_EQ(buf[j], 0);
    /* decode the full account (zero tail ignored) and the bare serialization */
    pod_typed_account_t d;
    CHECK_EQ(pod_account_decode(&d, buf, space), POD_OK);
    CHECK(acct_eq(&d, g));
    CHECK_EQ(pod_account_decode(&d, want, (size_t)wn), POD_OK);
    CHECK(acct_eq(&d, g));
    CHECK_EQ(pod_account_type(want, (size_t)wn), (int)g->kind);
    /* every truncation inside the struct fails (3003), before the disc 3001 */
    for (long t = 0; t < wn; t++) {
      int rc = pod_account_decode(&d, want, (size_t)t);
      CHECK_EQ(rc, t < 8 ? POD_ENOTFOUND : POD_EDECODE);
    }
    /* a wrong discriminator: 3002 with the per-type decoder */
    uint8_t save = want[3];
    want[3] ^= 0x40;
    CHECK_EQ(pod_account_decode(&d, want, (size_t)wn), POD_EINVAL);
    want[3] = save;
    /* too small a buffer for the encoder: ENOSPC, nothing written */
    memset(buf, 0xCC, sizeof buf);
    CHECK_EQ(pod_account_encode(buf, (size_t)wn - 1, &n, g), POD_ENOSPC);
    for (long j = 0; j < wn; j++)
      CHECK_EQ(buf[j], 0xCC);
  }
}

static void test_per_type(void) {
  uint8_t buf[POD_ACCOUNT_SPACE_MAX];
  size_t n = 0;

  /* AgentAccount (§6.2) through the typed functions */
  pod_agent_account_t ag;
  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_agent_account_encode(buf, POD_AGENT_SPACE, &n, &GOLD[0].u.agent), POD_OK);
  CHECK_EQ(n, 116);
  CHECK_EQ(pod_agent_account_decode(&ag, buf, POD_AGENT_SPACE), POD_OK);
  CHECK(pod_pubkey_eq(&ag.pubkey, &A));
  CHECK_EQ(ag.capabilities, 1);
  CHECK_EQ(ag.reputation, 100);
  CHECK_EQ(ag.last_updated, T0);
  CHECK(str_eq(ag.metadata_uri, "https://example.com/agent.json"));
  CHECK(ag.metadata_uri.ptr == (const char *)buf + POD_AGENT_METADATA_URI_OFF);
  CHECK_EQ(ag.bump, 252);
  CHECK_EQ(ag.invites_sent, 0);
  CHECK_EQ(buf[POD_AGENT_CAPABILITIES_OFF], 1);
  CHECK_EQ(buf[POD_AGENT_REPUTATION_OFF], 100);
  CHECK(!memcmp(buf + POD_AGENT_PUBKEY_OFF, A.b, 32));
  CHECK_EQ(buf[POD_AGENT_METADATA_URI_LEN_OFF], 30);
  CHECK_HEX(buf + POD_AGENT_LAST_UPDATED_OFF, 8, "00f1536500000000");
  /* another discriminator through a typed decoder */
  CHECK_EQ(pod_message_account_decode(NULL, buf, POD_AGENT_SPACE), POD_EINVAL);
  pod_message_account_t mm;
  CHECK_EQ(pod_message_account_decode(&mm, buf, POD_AGENT_SPACE), POD_EINVAL);

  /* MessageAccount offsets */
  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_message_account_encode(buf, POD_MESSAGE_SPACE, &n, &GOLD[1].u.message), POD_OK);
  CHECK_EQ(n, POD_MESSAGE_SPACE);
  CHECK(!memcmp(buf + POD_MESSAGE_SENDER_OFF, AGENT_A.b, 32));
  CHECK(!memcmp(buf + POD_MESSAGE_RECIPIENT_OFF, B.b, 32));
  CHECK(!memcmp(buf + POD_MESSAGE_PAYLOAD_HASH_OFF, HELLO, 32));
  CHECK_HEX(buf + POD_MESSAGE_CREATED_AT_OFF, 8, "00f1536500000000");
  CHECK_HEX(buf + POD_MESSAGE_EXPIRES_AT_OFF, 8, "802b5d6500000000");
  CHECK_EQ(buf[POD_MESSAGE_TYPE_OFF], 0);
  CHECK_EQ(buf[POD_MESSAGE_STATUS_OFF], 0);
  CHECK_EQ(buf[POD_MESSAGE_BUMP_OFF], 255);
  CHECK_EQ(pod_message_account_decode(&mm, buf, POD_MESSAGE_SPACE), POD_OK);
  CHECK_EQ(mm.expires_at, T0 + 604800);
  /* Q6: a Custom type serializes to 129 bytes: never fits (3004) */
  pod_message_account_t custom = GOLD[1].u.message;
  custom.message_type.kind = POD_MSG_CUSTOM;
  custom.message_type.custom = 1;
  uint8_t before[POD_MESSAGE_SPACE];
  memcpy(before, buf, sizeof before);
  CHECK_EQ(pod_message_account_encode(buf, POD_MESSAGE_SPACE, &n, &custom), POD_ENOSPC);
  CHECK(!memcmp(before, buf, sizeof before));
  pod_typed_account_t any;
  any.kind = POD_ACCT_MESSAGE;
  any.u.message = custom;
  CHECK_EQ(pod_account_serialized_size(&any), 129);
  CHECK_EQ(pod_message_account_encode(buf, 129, &n, &custom), POD_OK);
  CHECK_EQ(n, 129);
  CHECK_EQ(buf[POD_MESSAGE_TYPE_OFF], 4);
  CHECK_EQ(buf[POD_MESSAGE_TYPE_OFF + 1], 1);

  /* ChannelAccount: offsets, the 226-byte limit (Q5) */
  pod_channel_account_t ch = GOLD[2].u.channel, cd;
  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_channel_account_encode(buf, POD_CHANNEL_SPACE, &n, &ch), POD_OK);
  CHECK(!memcmp(buf + POD_CHANNEL_CREATOR_OFF, A.b, 32));
  CHECK_EQ(buf[POD_CHANNEL_MAX_PARTICIPANTS_OFF], 100);
  CHECK_EQ(buf[POD_CHANNEL_CURRENT_PARTICIPANTS_OFF], 1);
  CHECK_EQ(buf[POD_CHANNEL_NAME_LEN_OFF], 7);
  CHECK(!memcmp(buf + POD_CHANNEL_NAME_OFF, "general", 7));
  CHECK_HEX(buf + POD_CHANNEL_CREATED_AT_OFF, 8, "00f1536500000000");
  CHECK_HEX(buf + POD_CHANNEL_FEE_PER_MESSAGE_OFF, 16, "00000000000000000000000000000000");
  static char big[400];
  memset(big, 'n', sizeof big);
  ch.name.ptr = big;
  ch.name.len = 26;
  ch.description.ptr = big;
  ch.description.len = 200; /* 226: exactly fills 338 */
  CHECK_EQ(pod_channel_account_encode(buf, POD_CHANNEL_SPACE, &n, &ch), POD_OK);
  CHECK_EQ(n, POD_CHANNEL_SPACE);
  CHECK_EQ(pod_channel_account_decode(&cd, buf, POD_CHANNEL_SPACE), POD_OK);
  CHECK_EQ(cd.name.len + cd.description.len, 226);
  ch.name.len = 27; /* 227: 3004 */
  CHECK_EQ(pod_channel_account_encode(buf, POD_CHANNEL_SPACE, &n, &ch), POD_ENOSPC);
  CHECK_EQ(pod_channel_account_decode(&cd, buf, POD_CHANNEL_SPACE), POD_OK); /* untouched */
  CHECK_EQ(cd.name.len, 26);

  /* Participant, invitation, escrow, channel message offsets */
  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_channel_participant_encode(buf, POD_PARTICIPANT_SPACE, &n, &GOLD[3].u.participant),
           POD_OK);
  CHECK_EQ(n, POD_PARTICIPANT_SPACE);
  CHECK(!memcmp(buf + POD_PARTICIPANT_CHANNEL_OFF, X.b, 32));
  CHECK(!memcmp(buf + POD_PARTICIPANT_PARTICIPANT_OFF, AGENT_A.b, 32));
  CHECK_HEX(buf + POD_PARTICIPANT_JOINED_AT_OFF, 8, "00f1536500000000");
  CHECK_EQ(buf[POD_PARTICIPANT_MESSAGES_SENT_OFF], 3);
  CHECK_EQ(buf[POD_PARTICIPANT_LAST_MESSAGE_AT_OFF], 0x7b);
  CHECK_EQ(buf[POD_PARTICIPANT_IS_ACTIVE_OFF], 1);
  CHECK_EQ(buf[POD_PARTICIPANT_BUMP_OFF], 254);
  pod_channel_participant_t pp;
  CHECK_EQ(pod_channel_participant_decode(&pp, buf, POD_PARTICIPANT_SPACE), POD_OK);
  CHECK_EQ(pp.is_active, 1);
  buf[POD_PARTICIPANT_IS_ACTIVE_OFF] = 2; /* bad bool */
  CHECK_EQ(pod_channel_participant_decode(&pp, buf, POD_PARTICIPANT_SPACE), POD_EDECODE);

  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_channel_invitation_encode(buf, POD_INVITATION_SPACE, &n, &GOLD[4].u.invitation),
           POD_OK);
  CHECK_EQ(n, POD_INVITATION_SPACE);
  CHECK(!memcmp(buf + POD_INVITATION_CHANNEL_OFF, X.b, 32));
  CHECK(!memcmp(buf + POD_INVITATION_INVITER_OFF, A.b, 32));
  CHECK(!memcmp(buf + POD_INVITATION_INVITEE_OFF, B.b, 32));
  CHECK(!memcmp(buf + POD_INVITATION_HASH_OFF, INV_HASH, 32));
  CHECK_HEX(buf + POD_INVITATION_CREATED_AT_OFF, 8, "00f1536500000000");
  CHECK_HEX(buf + POD_INVITATION_EXPIRES_AT_OFF, 8, "802b5d6500000000");
  CHECK_EQ(buf[POD_INVITATION_NONCE_OFF], 7);
  CHECK_EQ(buf[POD_INVITATION_IS_ACCEPTED_OFF], 0);
  CHECK_EQ(buf[POD_INVITATION_IS_USED_OFF], 0);
  CHECK_EQ(buf[POD_INVITATION_BUMP_OFF], 252);
  pod_channel_invitation_t iv;
  buf[POD_INVITATION_IS_USED_OFF] = 1;
  CHECK_EQ(pod_channel_invitation_decode(&iv, buf, POD_INVITATION_SPACE), POD_OK);
  CHECK_EQ(iv.is_used, 1);
  CHECK_EQ(iv.is_accepted, 0);
  buf[POD_INVITATION_IS_ACCEPTED_OFF] = 0xff;
  CHECK_EQ(pod_channel_invitation_decode(&iv, buf, POD_INVITATION_SPACE), POD_EDECODE);

  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_escrow_account_encode(buf, POD_ESCROW_SPACE, &n, &GOLD[7].u.escrow), POD_OK);
  CHECK_EQ(n, POD_ESCROW_SPACE);
  CHECK(!memcmp(buf + POD_ESCROW_CHANNEL_OFF, X.b, 32));
  CHECK(!memcmp(buf + POD_ESCROW_DEPOSITOR_OFF, B.b, 32));
  CHECK_HEX(buf + POD_ESCROW_AMOUNT_OFF, 8, "40420f0000000000");
  CHECK_HEX(buf + POD_ESCROW_CREATED_AT_OFF, 8, "00f1536500000000");
  CHECK_EQ(buf[POD_ESCROW_BUMP_OFF], 253);
  pod_escrow_account_t es;
  CHECK_EQ(pod_escrow_account_decode(&es, buf, POD_ESCROW_SPACE), POD_OK);
  CHECK_EQ(es.amount, 1000000);

  memset(buf, 0, sizeof buf);
  CHECK_EQ(
      pod_channel_message_encode(buf, POD_CHANNEL_MESSAGE_SPACE, &n, &GOLD[6].u.channel_message),
      POD_OK);
  CHECK(!memcmp(buf + POD_CHANNEL_MESSAGE_CHANNEL_OFF, X.b, 32));
  CHECK(!memcmp(buf + POD_CHANNEL_MESSAGE_SENDER_OFF, AGENT_A.b, 32));
  CHECK_EQ(buf[POD_CHANNEL_MESSAGE_REPLY_TO_TAG_OFF], 1);
  CHECK(!memcmp(buf + POD_CHANNEL_MESSAGE_REPLY_TO_OFF, B.b, 32));
  pod_channel_message_t cm;
  CHECK_EQ(pod_channel_message_decode(&cm, buf, POD_CHANNEL_MESSAGE_SPACE), POD_OK);
  CHECK(cm.has_reply_to && cm.has_edited_at);
  CHECK_EQ(cm.edited_at, T0 + 1);
  CHECK(str_eq(cm.content, "h\xc3\xa9llo"));
  CHECK_EQ(cm.message_type.kind, POD_MSG_CUSTOM);
  CHECK_EQ(cm.message_type.custom, 3);
  buf[POD_CHANNEL_MESSAGE_REPLY_TO_TAG_OFF] = 2; /* bad Option tag */
  CHECK_EQ(pod_channel_message_decode(&cm, buf, POD_CHANNEL_MESSAGE_SPACE), POD_EDECODE);
  /* the largest content that fits: 1134 - 94 = 1040 bytes (Text, no reply) */
  static char content[1100];
  memset(content, 'c', sizeof content);
  cm = GOLD[5].u.channel_message;
  cm.content.ptr = content;
  cm.content.len = 1040;
  CHECK_EQ(pod_channel_message_encode(buf, POD_CHANNEL_MESSAGE_SPACE, &n, &cm), POD_OK);
  CHECK_EQ(n, POD_CHANNEL_MESSAGE_SPACE);
  cm.content.len = 1041;
  CHECK_EQ(pod_channel_message_encode(buf, POD_CHANNEL_MESSAGE_SPACE, &n, &cm), POD_ENOSPC);
}

/* Q27: shrinking a string re-serializes the prefix only; the old tail stays. */
static void test_stale_tail(void) {
  uint8_t buf[POD_AGENT_SPACE], old[POD_AGENT_SPACE];
  size_t n1 = 0, n2 = 0;
  memset(buf, 0, sizeof buf);
  pod_agent_account_t ag = GOLD[0].u.agent;
  CHECK_EQ(pod_agent_account_encode(buf, sizeof buf, &n1, &ag), POD_OK);
  memcpy(old, buf, sizeof buf);
  ag.metadata_uri = str("https://e.co/a"); /* 16 bytes shorter */
  CHECK_EQ(pod_agent_account_encode(buf, sizeof buf, &n2, &ag), POD_OK);
  CHECK_EQ(n2, n1 - 16);
  CHECK(!memcmp(buf + n2, old + n2, sizeof buf - n2)); /* stale bytes kept */
  CHECK(memcmp(buf, old, n2) != 0);
  pod_agent_account_t d;
  CHECK_EQ(pod_agent_account_decode(&d, buf, sizeof buf), POD_OK);
  CHECK(str_eq(d.metadata_uri, "https://e.co/a"));
  CHECK_EQ(d.bump, 252);
  /* a URI of 200 bytes fits exactly, 201 does not */
  static char uri[201];
  memset(uri, 'u', sizeof uri);
  ag.metadata_uri.ptr = uri;
  ag.metadata_uri.len = 200;
  CHECK_EQ(pod_agent_account_encode(buf, sizeof buf, &n2, &ag), POD_OK);
  CHECK_EQ(n2, POD_AGENT_SPACE);
  ag.metadata_uri.len = 201;
  CHECK_EQ(pod_agent_account_encode(buf, sizeof buf, &n2, &ag), POD_ENOSPC);
}

/* Decode, change one string, re-encode into the same buffer while the other string still points
 * into it (what update_channel does). */
static void test_in_place(void) {
  uint8_t buf[POD_CHANNEL_SPACE];
  size_t n = 0;
  memset(buf, 0, sizeof buf);
  CHECK_EQ(pod_channel_account_encode(buf, sizeof buf, &n, &GOLD[2].u.channel), POD_OK);
  pod_channel_account_t ch;
  CHECK_EQ(pod_channel_account_decode(&ch, buf, sizeof buf), POD_OK);
  ch.name = str("a much longer channel name");
  CHECK_EQ(pod_channel_account_encode(buf, sizeof buf, &n, &ch), POD_OK);
  pod_channel_account_t d;
  CHECK_EQ(pod_channel_account_decode(&d, buf, sizeof buf), POD_OK);
  CHECK(str_eq(d.name, "a much longer channel name"));
  CHECK(str_eq(d.description, "General chat"));
  /* and shrinking, with the description view again inside buf */
  d.name = str("g");
  CHECK_EQ(pod_channel_account_encode(buf, sizeof buf, &n, &d), POD_OK);
  CHECK_EQ(pod_channel_account_decode(&ch, buf, sizeof buf), POD_OK);
  CHECK(str_eq(ch.name, "g"));
  CHECK(str_eq(ch.description, "General chat"));
}

static void expect_err(const char *hex, int want) {
  uint8_t d[POD_ACCOUNT_SPACE_MAX];
  pod_typed_account_t a;
  long n = pod_test_unhex(d, sizeof d, hex);
  CHECK(n >= 0);
  int rc = pod_account_decode(&a, d, (size_t)n);
  CHECK_EQ(rc, want);
  if (rc != want) fprintf(stderr, "  for %s\n", hex);
}

static void test_malformed(void) {
  char h[2 * POD_ACCOUNT_SPACE_MAX + 1];
  /* bad enums */
  snprintf(h, sizeof h, "%s", HEX_MESSAGE);
  h[2 * 120] = '0', h[2 * 120 + 1] = '5'; /* message_type 5 */
  expect_err(h, POD_EDECODE);
  snprintf(h, sizeof h, "%s", HEX_MESSAGE);
  h[2 * 121] = '0', h[2 * 121 + 1] = '4'; /* status 4 */
  expect_err(h, POD_EDECODE);
  h[2 * 121 + 1] = '3'; /* Failed */
  expect_err(h, POD_OK);
  snprintf(h, sizeof h, "%s", HEX_CHANNEL);
  h[2 * 99] = '0', h[2 * 99 + 1] = '2'; /* visibility 2 (8+32+8+8+8+4+4+4+7+4+12 = 99) */
  expect_err(h, POD_EDECODE);
  snprintf(h, sizeof h, "%s", HEX_CHANNEL);
  h[2 * 100] = '0', h[2 * 100 + 1] = '2'; /* is_active 2 */
  expect_err(h, POD_EDECODE);
  h[2 * 100 + 1] = '1';
  expect_err(h, POD_OK);
  /* bad UTF-8 in the URI */
  snprintf(h, sizeof h, "%s", HEX_AGENT);
  h[2 * 68] = 'f', h[2 * 68 + 1] = 'f';
  expect_err(h, POD_EDECODE);
  snprintf(h, sizeof h, "%s", HEX_CMSG);
  /* content "gm" at 8+32+32+1+8+1+4 = 86 */
  h[2 * 86] = 'c', h[2 * 86 + 1] = '0';
  expect_err(h, POD_EDECODE);
  /* a length prefix beyond the buffer: URI length 0x00000100 in a 116-byte record */
  snprintf(h, sizeof h, "%s", HEX_AGENT);
  memcpy(h + 2 * 64, "00010000", 8);
  expect_err(h, POD_EDECODE);
  memcpy(h + 2 * 64, "ffffffff", 8);
  expect_err(h, POD_EDECODE);
  /* edited_at Option tag 2 (channel message: 8+32+32+1+8 = 81) */
  snprintf(h, sizeof h, "%s", HEX_CMSG);
  h[2 * 81] = '0', h[2 * 81 + 1] = '2';
  expect_err(h, POD_EDECODE);
  /* trailing garbage after the struct is ignored (accounts are fixed-size buffers) */
  snprintf(h, sizeof h, "%sdeadbeef", HEX_ESCROW);
  expect_err(h, POD_OK);
  /* not an account */
  expect_err("", POD_ENOTFOUND);
  expect_err("f177458ce90970", POD_ENOTFOUND);
  expect_err("0000000000000000", POD_EINVAL);
  expect_err("f177458ce9097033", POD_EINVAL);
  expect_err("f177458ce9097032", POD_EDECODE); /* discriminator alone */
  /* NULL arguments */
  pod_typed_account_t a;
  CHECK_EQ(pod_account_decode(NULL, (const uint8_t *)"x", 1), POD_EINVAL);
  CHECK_EQ(pod_account_encode(NULL, 5, NULL, &GOLD[0]), POD_EINVAL);
  memset(&a, 0, sizeof a);
  a.kind = POD_ACCT_COUNT;
  uint8_t b[8];
  CHECK_EQ(pod_account_encode(b, sizeof b, NULL, &a), POD_EINVAL);
  CHECK_EQ(pod_account_serialized_size(&a), SIZE_MAX);
  CHECK_EQ(pod_account_serialized_size(NULL), SIZE_MAX);
  /* a string with a NULL pointer but a length */
  a = GOLD[0];
  a.u.agent.metadata_uri.ptr = NULL;
  uint8_t big[POD_AGENT_SPACE];
  CHECK_EQ(pod_account_encode(big, sizeof big, NULL, &a), POD_EINVAL);
  a.u.agent.metadata_uri.len = 0; /* empty is fine */
  CHECK_EQ(pod_account_encode(big, sizeof big, NULL, &a), POD_OK);
}

/* Non-canonical inputs the encoder normalises: bool non-zero -> 1. */
static void test_encode_values(void) {
  uint8_t buf[POD_PARTICIPANT_SPACE];
  pod_channel_participant_t p = GOLD[3].u.participant;
  p.is_active = 0x42;
  CHECK_EQ(pod_channel_participant_encode(buf, sizeof buf, NULL, &p), POD_OK);
  CHECK_EQ(buf[POD_PARTICIPANT_IS_ACTIVE_OFF], 1);
  /* enum fields are raw: visibility 9 encodes, and decodes as an error */
  uint8_t cb[POD_CHANNEL_SPACE];
  pod_channel_account_t c = GOLD[2].u.channel;
  c.visibility = 9;
  memset(cb, 0, sizeof cb);
  CHECK_EQ(pod_channel_account_encode(cb, sizeof cb, NULL, &c), POD_OK);
  pod_channel_account_t d;
  CHECK_EQ(pod_channel_account_decode(&d, cb, sizeof cb), POD_EDECODE);
  /* reserved bytes round-trip */
  pod_escrow_account_t e = GOLD[7].u.escrow, f;
  memset(e.reserved, 0xA5, sizeof e.reserved);
  uint8_t eb[POD_ESCROW_SPACE];
  CHECK_EQ(pod_escrow_account_encode(eb, sizeof eb, NULL, &e), POD_OK);
  CHECK_EQ(pod_escrow_account_decode(&f, eb, sizeof eb), POD_OK);
  CHECK(!memcmp(f.reserved, e.reserved, sizeof e.reserved));
  /* buffers larger than any account are written directly */
  static uint8_t huge[4000];
  size_t n = 0;
  CHECK_EQ(pod_account_encode(huge, sizeof huge, &n, &GOLD[0]), POD_OK);
  CHECK_EQ(n, 116);
  CHECK_HEX(huge, n, HEX_AGENT);
}

int main(void) {
  A = key("8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
  B = key("8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394");
  X = key("0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb92361971");
  AGENT_A = key("9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743");
  pod_sha256(HELLO, "hello", 5);
  CHECK_EQ(pod_test_unhex(INV_HASH, 32,
                          "80873c648130d0f7be7711e95b4b3add9aa4a8dd4173c4475eee4b404015ee6e"),
           32);
  /* X and agent(A) as the §3.3 vectors say */
  pod_pubkey_t k;
  CHECK_EQ(pod_pda_agent(&k, NULL, &A), POD_OK);
  CHECK(pod_pubkey_eq(&k, &AGENT_A));
  CHECK_EQ(pod_pda_channel(&k, NULL, &A, "general", 7), POD_OK);
  CHECK(pod_pubkey_eq(&k, &X));
  gold_init();
  test_tables();
  test_golden();
  test_per_type();
  test_stale_tail();
  test_in_place();
  test_malformed();
  test_encode_values();
  TEST_DONE();
}
