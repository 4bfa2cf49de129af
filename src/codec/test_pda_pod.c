/* The PoD account addresses (PROTOCOL.md §3.3) through the pod_pda_* helpers, the program ids,
 * and the helpers' argument checks (type byte, channel name length). */
#include "pod/program.h"
#include "pod/hash.h"
#include "test/pod_test.h"

static pod_pubkey_t pk(const char *b58) {
  pod_pubkey_t k;
  memset(&k, 0, sizeof k);
  CHECK_EQ(pod_pubkey_from_base58(&k, b58, strlen(b58)), POD_OK);
  return k;
}

#define CHECK_ADDR(call, want_b58, want_bump)                                                      \
  do {                                                                                             \
    char b58_[POD_PUBKEY_B58_SZ];                                                                  \
    bump = 0;                                                                                      \
    CHECK_EQ((call), POD_OK);                                                                      \
    CHECK_STR(pod_pubkey_to_base58(b58_, &out), (want_b58));                                       \
    CHECK_EQ(bump, (want_bump));                                                                   \
  } while (0)

int main(void) {
  char b58[POD_PUBKEY_B58_SZ];
  CHECK_STR(pod_pubkey_to_base58(b58, &pod_program_id),
            "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps");
  CHECK_HEX(pod_program_id.b, 32,
            "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8");
  CHECK_STR(pod_pubkey_to_base58(b58, &pod_compression_program_id),
            "cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK");
  CHECK_HEX(pod_compression_program_id.b, 32,
            "092a13ee95c41cba08a67f5ac67e8df7e1da11625e1d64137f8f4f2383037f14");

  const pod_pubkey_t a = pk("AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9");
  const pod_pubkey_t b = pk("9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu");
  const pod_pubkey_t z = pk("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS");
  pod_pubkey_t out, agent_a, agent_b, x;
  uint8_t bump;

  CHECK_ADDR(pod_pda_agent(&out, &bump, &a), "B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG", 252);
  agent_a = out;
  CHECK_ADDR(pod_pda_agent(&out, &bump, &b), "9E222cXBZSzERcrXDH4etqXXf8N7a7Jy1M8V6gYJzKCG", 255);
  agent_b = out;
  CHECK_ADDR(pod_pda_agent(&out, &bump, &z), "8hVHBcaxHKK1VfFEDDmfW3sHVUpmLMkQrDxvPm91LdUL", 249);
  CHECK_ADDR(pod_pda_channel(&out, &bump, &a, "general", 7),
             "cHP2shu3FoiKtdqLPKT1X4u55WmvV6XQfFN8RvpVmnY", 255);
  x = out;
  CHECK_ADDR(pod_pda_participant(&out, &bump, &x, &agent_a),
             "61gNZGWS81E4qJaZFu4SPQjbFCVmhWdKwP6BwsufdtKN", 254);
  CHECK_ADDR(pod_pda_participant(&out, &bump, &x, &agent_b),
             "9TN9Db866mZcqMhqvvQ8N1mgPBbKGjfWBPba1vg3MqqH", 255);
  CHECK_ADDR(pod_pda_invitation(&out, &bump, &x, &b),
             "B4xKGMh3TmycoKVaF1Z5NSvqK2Njxvf7PjvPiSX3CmeC", 252);
  CHECK_ADDR(pod_pda_escrow(&out, &bump, &x, &b), "DqBRLispnLikBQ7QosxVtLkxmZjmt2gm7MsHgHaoVLfA",
             253);
  CHECK_ADDR(pod_pda_channel_message(&out, &bump, &x, &a, 1),
             "3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC", 255);
  uint8_t hello[32];
  pod_sha256(hello, "hello", 5);
  const pod_message_type_t text = {POD_MSG_TEXT, 0};
  CHECK_ADDR(pod_pda_message(&out, &bump, &agent_a, &b, hello, text),
             "4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35", 255);
  /* bump may be NULL. */
  CHECK_EQ(pod_pda_agent(&out, NULL, &a), POD_OK);
  CHECK(memcmp(out.b, agent_a.b, 32) == 0);

  /* The message type byte: Text..Response are 0..3, Custom(x) is 4 + x, checked against the generic
   * find with that byte. */
  const struct {
    pod_message_type_t t;
    uint8_t byte;
  } types[] = {{{POD_MSG_TEXT, 9}, 0},     {{POD_MSG_DATA, 0}, 1},   {{POD_MSG_COMMAND, 0}, 2},
               {{POD_MSG_RESPONSE, 0}, 3}, {{POD_MSG_CUSTOM, 0}, 4}, {{POD_MSG_CUSTOM, 251}, 255}};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
    pod_pubkey_t want;
    uint8_t wb, gb;
    const pod_seed_t s[] = {
        {"message", 7}, {agent_a.b, 32}, {b.b, 32}, {hello, 32}, {&types[i].byte, 1}};
    CHECK_EQ(pod_pda_find(&want, &wb, s, 5, &pod_program_id), POD_OK);
    CHECK_EQ(pod_pda_message(&out, &gb, &agent_a, &b, hello, types[i].t), POD_OK);
    CHECK(memcmp(out.b, want.b, 32) == 0);
    CHECK_EQ(gb, wb);
  }
  const pod_message_type_t custom252 = {POD_MSG_CUSTOM, 252}, custom255 = {POD_MSG_CUSTOM, 255},
                           bad_kind = {5, 0};
  CHECK_EQ(pod_pda_message(&out, &bump, &agent_a, &b, hello, custom252), POD_EINVAL);
  CHECK_EQ(pod_pda_message(&out, &bump, &agent_a, &b, hello, custom255), POD_EINVAL);
  CHECK_EQ(pod_pda_message(&out, &bump, &agent_a, &b, hello, bad_kind), POD_EINVAL);

  /* Channel names: raw bytes, untrimmed, at most 32. */
  char name[33];
  memset(name, 'n', sizeof name);
  CHECK_EQ(pod_pda_channel(&out, &bump, &a, name, 32), POD_OK);
  CHECK_EQ(pod_pda_channel(&out, &bump, &a, name, 33), POD_ETOOLARGE);
  CHECK_EQ(pod_pda_channel(&out, &bump, &a, NULL, 0), POD_OK);
  pod_pubkey_t padded;
  CHECK_EQ(pod_pda_channel(&padded, NULL, &a, "general ", 8), POD_OK);
  CHECK(memcmp(padded.b, x.b, 32) != 0);

  /* The nonce is u64 little-endian. */
  const uint8_t le[8] = {0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11};
  const pod_seed_t cm[] = {{"channel_message", 15}, {x.b, 32}, {a.b, 32}, {le, 8}};
  pod_pubkey_t want;
  CHECK_EQ(pod_pda_find(&want, NULL, cm, 4, &pod_program_id), POD_OK);
  CHECK_EQ(pod_pda_channel_message(&out, NULL, &x, &a, 0x1122334455667788ull), POD_OK);
  CHECK(memcmp(out.b, want.b, 32) == 0);

  /* NULL arguments. */
  CHECK_EQ(pod_pda_agent(NULL, &bump, &a), POD_EINVAL);
  CHECK_EQ(pod_pda_agent(&out, &bump, NULL), POD_EINVAL);
  CHECK_EQ(pod_pda_message(&out, &bump, &agent_a, &b, NULL, text), POD_EINVAL);
  CHECK_EQ(pod_pda_channel(&out, &bump, &a, NULL, 3), POD_EINVAL);
  CHECK_EQ(pod_pda_participant(&out, &bump, NULL, &a), POD_EINVAL);
  CHECK_EQ(pod_pda_invitation(&out, &bump, &x, NULL), POD_EINVAL);
  CHECK_EQ(pod_pda_escrow(NULL, &bump, &x, &b), POD_EINVAL);
  CHECK_EQ(pod_pda_channel_message(&out, &bump, NULL, &a, 0), POD_EINVAL);
  TEST_DONE();
}
