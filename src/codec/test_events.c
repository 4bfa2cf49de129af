/* Event codec: discriminators, golden bytes and log lines for all 8 events (incl. the PROTOCOL.md
 * §6.2 AgentRegistered line), round trips, and rejection of malformed input. */
#include "pod/encode.h"
#include "pod/events.h"
#include "pod/hash.h"
#include "test/pod_test.h"

static pod_pubkey_t A, B, X, AGENT_A, AGENT_B;
static uint8_t HELLO[32], COMPRESSED[32];

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

#define T0 1700000000

typedef struct {
  pod_event_t ev;
  const char *hex;
  const char *b64;
} gold_t;

#define NGOLD 9
static gold_t G[NGOLD];

static void gold_init(void) {
  memset(G, 0, sizeof G);
  gold_t *g = G;

  g->ev.kind = POD_EVENT_AGENT_REGISTERED;
  g->ev.u.agent_registered.agent = A;
  g->ev.u.agent_registered.capabilities = 1;
  g->ev.u.agent_registered.metadata_uri = str("https://example.com/agent.json");
  g->ev.u.agent_registered.timestamp = T0;
  g->hex =
      "bf4ed936e864bd558a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c0100000000"
      "0000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e742e6a736f6e00f1536500000000";
  g->b64 =
      "v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhbXBsZS5"
      "jb20vYWdlbnQuanNvbgDxU2UAAAAA"; /* §6.2 */
  g++;

  g->ev.kind = POD_EVENT_MESSAGE_SENT;
  g->ev.u.message_sent.sender = AGENT_A;
  g->ev.u.message_sent.recipient = B;
  g->ev.u.message_sent.message_type.kind = POD_MSG_COMMAND;
  g->ev.u.message_sent.timestamp = T0;
  g->hex =
      "7446e04c801c6e379618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd67438139770ea8"
      "7d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b3940200f1536500000000";
  g->b64 =
      "dEbgTIAcbjeWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQ4E5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1u"
      "PybOUAgDxU2UAAAAA";
  g++;

  g->ev = G[1].ev;
  g->ev.u.message_sent.message_type.kind = POD_MSG_CUSTOM;
  g->ev.u.message_sent.message_type.custom = 200;
  g->hex =
      "7446e04c801c6e379618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd67438139770ea8"
      "7d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b39404c800f1536500000000";
  g->b64 =
      "dEbgTIAcbjeWGEc6yrcho5cOkF+AmXi2EKRyOhYcNZn2hvvZis1nQ4E5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1u"
      "PybOUBMgA8VNlAAAAAA==";
  g++;

  g->ev.kind = POD_EVENT_CHANNEL_CREATED;
  g->ev.u.channel_created.channel = X;
  g->ev.u.channel_created.creator = A;
  g->ev.u.channel_created.name = str("general");
  g->ev.u.channel_created.visibility = POD_VISIBILITY_PRIVATE;
  g->ev.u.channel_created.timestamp = T0;
  g->hex =
      "2004a1a59490388b0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619718a88e3dd74"
      "09f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c0700000067656e6572616c0100f15365000000"
      "00";
  g->b64 =
      "IAShpZSQOIsJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcYqI4910CfGV/VLbLTy6XXLKZwm/HZQSG/N0iAG"
      "0D29cBwAAAGdlbmVyYWwBAPFTZQAAAAA=";
  g++;

  g->ev.kind = POD_EVENT_CHANNEL_JOINED;
  g->ev.u.channel_joined.channel = X;
  g->ev.u.channel_joined.participant = AGENT_B;
  g->ev.u.channel_joined.timestamp = T0;
  g->hex =
      "7df3f997091539750909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619717a333258ea"
      "8d2c7c0c229eb3a14fdab6428a6770bd71c4a471ef03629265a8ad00f1536500000000";
  g->b64 =
      "ffP5lwkVOXUJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcXozMljqjSx8DCKes6FP2rZCimdwvXHEpHHvA2K"
      "SZaitAPFTZQAAAAA=";
  g++;

  g->ev.kind = POD_EVENT_MESSAGE_BROADCAST;
  g->ev.u.message_broadcast.channel = X;
  g->ev.u.message_broadcast.sender = AGENT_A;
  g->ev.u.message_broadcast.message_type.kind = POD_MSG_CUSTOM;
  g->ev.u.message_broadcast.message_type.custom = 0;
  g->ev.u.message_broadcast.timestamp = T0;
  g->hex =
      "001ef956601d8b680909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619719618473aca"
      "b721a3970e905f809978b610a4723a161c3599f686fbd98acd6743040000f1536500000000";
  g->b64 =
      "AB75VmAdi2gJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcZYYRzrKtyGjlw6QX4CZeLYQpHI6Fhw1mfaG+9m"
      "KzWdDBAAA8VNlAAAAAA==";
  g++;

  g->ev.kind = POD_EVENT_ESCROW_DEPOSIT;
  g->ev.u.escrow_deposit.channel = X;
  g->ev.u.escrow_deposit.depositor = B;
  g->ev.u.escrow_deposit.amount = 5;
  g->ev.u.escrow_deposit.timestamp = T0;
  g->hex =
      "2b5a31b0869432200909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619718139770ea8"
      "7d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394050000000000000000f1536500000000";
  g->b64 =
      "K1oxsIaUMiAJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcYE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1u"
      "PybOUBQAAAAAAAAAA8VNlAAAAAA==";
  g++;

  g->ev.kind = POD_EVENT_ESCROW_WITHDRAWAL;
  g->ev.u.escrow_withdrawal.channel = X;
  g->ev.u.escrow_withdrawal.depositor = B;
  g->ev.u.escrow_withdrawal.amount = UINT64_MAX;
  g->ev.u.escrow_withdrawal.timestamp = -T0;
  g->hex =
      "4c433031b4d5fa470909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619718139770ea8"
      "7d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394ffffffffffffffff000fac9affffffff";
  g->b64 =
      "TEMwMbTV+kcJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcYE5dw6ofRdfVqNUZsNMfszLjYqRtO43ol32D1u"
      "PybOU//////////8AD6ya/////w==";
  g++;

  g->ev.kind = POD_EVENT_COMPRESSED_MESSAGE_SYNCED;
  g->ev.u.compressed_message_synced.channel_id = X;
  memcpy(g->ev.u.compressed_message_synced.message_hash, HELLO, 32);
  memcpy(g->ev.u.compressed_message_synced.compressed_hash, COMPRESSED, 32);
  g->ev.u.compressed_message_synced.batch_index = 3;
  g->ev.u.compressed_message_synced.sync_timestamp = T0;
  g->hex =
      "ee5e7a585d07b0c70909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb923619712cf24dba5f"
      "b0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b98242733a327cd728d8c9a0ef6613687bd7b693f"
      "ac195747c3485bd1c55f69abb9c20300000000f1536500000000";
  g->b64 =
      "7l56WF0HsMcJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcSzyTbpfsKMOJug7KsW54p4bFh5cH6dCXnMEM2K"
      "Ti5gkJzOjJ81yjYyaDvZhNoe9e2k/rBlXR8NIW9HFX2mrucIDAAAAAPFTZQAAAAA=";
  g++;
  CHECK_EQ(g - G, NGOLD);
}

static int ev_eq(const pod_event_t *a, const pod_event_t *b) {
  uint8_t x[2048], y[2048];
  size_t nx = 0, ny = 0;
  if (a->kind != b->kind) return 0;
  if (pod_event_encode(x, sizeof x, &nx, a) || pod_event_encode(y, sizeof y, &ny, b)) return 0;
  return nx == ny && !memcmp(x, y, nx);
}

static void test_tables(void) {
  static const char *const names[POD_EVENT_COUNT] = {
      "AgentRegistered",  "MessageSent",   "ChannelCreated",   "ChannelJoined",
      "MessageBroadcast", "EscrowDeposit", "EscrowWithdrawal", "CompressedMessageSynced"};
  static const char *const macros[POD_EVENT_COUNT] = {
      POD_EVENT_AGENT_REGISTERED_DISC,  POD_EVENT_MESSAGE_SENT_DISC,
      POD_EVENT_CHANNEL_CREATED_DISC,   POD_EVENT_CHANNEL_JOINED_DISC,
      POD_EVENT_MESSAGE_BROADCAST_DISC, POD_EVENT_ESCROW_DEPOSIT_DISC,
      POD_EVENT_ESCROW_WITHDRAWAL_DISC, POD_EVENT_COMPRESSED_MESSAGE_SYNCED_DISC};
  for (int k = 0; k < POD_EVENT_COUNT; k++) {
    char pre[64];
    uint8_t h[32];
    CHECK_STR(pod_event_name(k), names[k]);
    snprintf(pre, sizeof pre, "event:%s", names[k]);
    pod_sha256(h, pre, strlen(pre));
    CHECK(!memcmp(h, pod_event_disc(k), 8));
    CHECK(!memcmp(h, macros[k], 8));
    CHECK_EQ(pod_event_type(h, 8), k);
    CHECK_EQ(pod_event_type(h, 7), POD_ENOTFOUND);
  }
  CHECK_HEX(pod_event_disc(POD_EVENT_MESSAGE_BROADCAST), 8, "001ef956601d8b68");
  CHECK(pod_event_name(8) == NULL && pod_event_disc(-1) == NULL);
  CHECK_EQ(POD_EVENT_LOG_PREFIX_LEN, strlen(POD_EVENT_LOG_PREFIX));
}

static void test_golden(void) {
  for (int i = 0; i < NGOLD; i++) {
    const gold_t *g = &G[i];
    uint8_t want[512], buf[512];
    size_t n = 0;
    long wn = pod_test_unhex(want, sizeof want, g->hex);
    CHECK(wn > 8);
    /* bytes */
    CHECK_EQ(pod_event_encode(buf, sizeof buf, &n, &g->ev), POD_OK);
    CHECK_EQ(n, wn);
    CHECK_HEX(buf, n, g->hex);
    CHECK_EQ(pod_event_encode(buf, (size_t)wn - 1, &n, &g->ev), POD_ENOSPC);
    pod_event_t d;
    CHECK_EQ(pod_event_decode(&d, want, (size_t)wn), POD_OK);
    CHECK(ev_eq(&d, &g->ev));
    CHECK_EQ(pod_event_type(want, (size_t)wn), (int)g->ev.kind);
    /* truncated / extended */
    for (long t = 0; t < wn; t++)
      CHECK_EQ(pod_event_decode(&d, want, (size_t)t), t < 8 ? POD_ENOTFOUND : POD_EDECODE);
    want[wn] = 0;
    CHECK_EQ(pod_event_decode(&d, want, (size_t)wn + 1), POD_EDECODE);
    /* log line */
    char line[POD_EVENT_LOG_MAX], expect[1024];
    size_t ln = 0;
    snprintf(expect, sizeof expect, "Program data: %s", g->b64);
    CHECK_EQ(pod_event_encode_log(line, sizeof line, &ln, &g->ev), POD_OK);
    CHECK_STR(line, expect);
    CHECK_EQ(ln, strlen(expect));
    CHECK_EQ(pod_event_encode_log(line, strlen(expect), &ln, &g->ev),
             POD_ENOSPC); /* no room for NUL */
    CHECK_EQ(pod_event_encode_log(line, strlen(expect) + 1, &ln, &g->ev), POD_OK);
    uint8_t scratch[POD_EVENT_DATA_MAX];
    CHECK_EQ(pod_event_decode_log(&d, scratch, sizeof scratch, expect, strlen(expect)), POD_OK);
    CHECK(ev_eq(&d, &g->ev));
    CHECK_EQ(pod_event_decode_log(&d, scratch, (size_t)wn - 1, expect, strlen(expect)), POD_ENOSPC);
  }
}

static void test_fields(void) {
  /* §6.2 line, decoded field by field */
  const char *line =
      "Program data: v07ZNuhkvVWKiOPddAnxlf1S2y08ul1yymcJvx2UEhvzdIgBtA9vXAEAAAAAAAAAHgAAAGh0d"
      "HBzOi8vZXhhbXBsZS5jb20vYWdlbnQuanNvbgDxU2UAAAAA";
  uint8_t buf[POD_EVENT_DATA_MAX];
  pod_event_t e;
  CHECK_EQ(pod_event_decode_log(&e, buf, sizeof buf, line, strlen(line)), POD_OK);
  CHECK_EQ(e.kind, POD_EVENT_AGENT_REGISTERED);
  CHECK(pod_pubkey_eq(&e.u.agent_registered.agent, &A));
  CHECK_EQ(e.u.agent_registered.capabilities, 1);
  CHECK_EQ(e.u.agent_registered.metadata_uri.len, 30);
  CHECK(!memcmp(e.u.agent_registered.metadata_uri.ptr, "https://example.com/agent.json", 30));
  CHECK(e.u.agent_registered.metadata_uri.ptr == (const char *)buf + 52);
  CHECK_EQ(e.u.agent_registered.timestamp, T0);

  uint8_t raw[256];
  long n = pod_test_unhex(raw, sizeof raw, G[8].hex);
  CHECK_EQ(pod_event_decode(&e, raw, (size_t)n), POD_OK);
  CHECK_EQ(e.u.compressed_message_synced.batch_index, 3);
  CHECK(!memcmp(e.u.compressed_message_synced.compressed_hash, COMPRESSED, 32));
  /* BLAKE3(sha256("hello")) as §4.20 */
  uint8_t h[32];
  pod_blake3(h, HELLO, 32);
  CHECK(!memcmp(h, COMPRESSED, 32));
}

static void expect_line(const char *line, int want) {
  uint8_t buf[POD_EVENT_DATA_MAX];
  pod_event_t e;
  int rc = pod_event_decode_log(&e, buf, sizeof buf, line, strlen(line));
  CHECK_EQ(rc, want);
  if (rc != want) fprintf(stderr, "  for \"%s\"\n", line);
}

static void test_malformed(void) {
  /* not event lines */
  expect_line("", POD_ENOTFOUND);
  expect_line("Program log: Instruction: RegisterAgent", POD_ENOTFOUND);
  expect_line("Program data:", POD_ENOTFOUND);
  expect_line("program data: AAAA", POD_ENOTFOUND);
  /* another program's event (unknown discriminator) */
  expect_line("Program data: AAAAAAAAAAAAAAAAAAAAAA==", POD_ENOTFOUND);
  expect_line("Program data: ", POD_ENOTFOUND); /* zero bytes: no discriminator */
  /* bad base64 */
  expect_line("Program data: v07ZNuhkvVU", POD_EDECODE);   /* missing padding */
  expect_line("Program data: v07ZNuhkvVU=!", POD_EDECODE); /* bad character */
  expect_line("Program data:  v07ZNuhkvVWKiOPd", POD_EDECODE);
  expect_line("Program data: v07ZNuhkvVWKiOPd v07ZNuhkvVWKiOPd", POD_EDECODE); /* two chunks */
  /* good base64, malformed event: disc alone, truncated */
  expect_line("Program data: v07ZNuhkvVU=", POD_EDECODE);
  expect_line(
      "Program data: ffP5lwkVOXUJCdleJfeUibhg/2H9Rs/+biSPiLrp/nRcB3q7kjYZcXozMljqjSx8DCKes6FP"
      "2rZCimdwvXHEpHHvA2KSZaitAPFTZQAAAA==",
      POD_EDECODE);
  /* trailing newline is not part of a line */
  char nl[256];
  snprintf(nl, sizeof nl, "Program data: %s\n", G[4].b64);
  expect_line(nl, POD_EDECODE);

  /* bad enum / UTF-8 in the raw bytes */
  uint8_t raw[256];
  pod_event_t e;
  long n = pod_test_unhex(raw, sizeof raw, G[1].hex);
  raw[72] = 5; /* MessageType 5 */
  CHECK_EQ(pod_event_decode(&e, raw, (size_t)n), POD_EDECODE);
  CHECK_EQ(e.kind, POD_EVENT_MESSAGE_SENT);
  n = pod_test_unhex(raw, sizeof raw, G[3].hex);
  raw[n - 9] = 2; /* ChannelCreated visibility 2 */
  CHECK_EQ(pod_event_decode(&e, raw, (size_t)n), POD_EDECODE);
  n = pod_test_unhex(raw, sizeof raw, G[0].hex);
  raw[52] = 0xC0; /* invalid UTF-8 */
  CHECK_EQ(pod_event_decode(&e, raw, (size_t)n), POD_EDECODE);
  n = pod_test_unhex(raw, sizeof raw, G[0].hex);
  raw[48] = 0xFF; /* URI length beyond the data */
  CHECK_EQ(pod_event_decode(&e, raw, (size_t)n), POD_EDECODE);
  CHECK_EQ(pod_event_decode(NULL, raw, (size_t)n), POD_EINVAL);
  CHECK_EQ(pod_event_decode(&e, NULL, 0), POD_ENOTFOUND);

  /* encoding limits */
  static char big[2000];
  memset(big, 'u', sizeof big);
  pod_event_t ev = G[0].ev;
  ev.u.agent_registered.metadata_uri.ptr = big;
  ev.u.agent_registered.metadata_uri.len = POD_EVENT_DATA_MAX - 60; /* exactly the maximum */
  char line[POD_EVENT_LOG_MAX];
  size_t ln = 0;
  CHECK_EQ(pod_event_encode_log(line, sizeof line, &ln, &ev), POD_OK);
  CHECK_EQ(ln + 1, POD_EVENT_LOG_MAX);
  ev.u.agent_registered.metadata_uri.len++;
  CHECK_EQ(pod_event_encode_log(line, sizeof line, &ln, &ev), POD_ETOOLARGE);
  CHECK_EQ(pod_event_encode_log(line, 10, &ln, &G[0].ev), POD_ENOSPC);
  ev.kind = POD_EVENT_COUNT;
  CHECK_EQ(pod_event_encode(raw, sizeof raw, NULL, &ev), POD_EINVAL);
  CHECK_EQ(pod_event_encode_log(line, sizeof line, NULL, &ev), POD_EINVAL);
}

int main(void) {
  A = key("8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
  B = key("8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394");
  X = key("0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb92361971");
  AGENT_A = key("9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743");
  AGENT_B = key("7a333258ea8d2c7c0c229eb3a14fdab6428a6770bd71c4a471ef03629265a8ad");
  pod_sha256(HELLO, "hello", 5);
  CHECK_EQ(pod_test_unhex(COMPRESSED, 32,
                          "2733a327cd728d8c9a0ef6613687bd7b693fac195747c3485bd1c55f69abb9c2"),
           32);
  gold_init();
  test_tables();
  test_golden();
  test_fields();
  test_malformed();
  TEST_DONE();
}
