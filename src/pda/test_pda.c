/* PDAs and the on-curve test: PROTOCOL.md §3.3 vectors through the generic create/find, the
 * dalek-vs-subgroup pitfall (agent(A) bump 252), curve edge cases and seed limits. */
#include "pod/pda.h"
#include "pod/hash.h"
#include "test/pod_test.h"

#include <sodium.h>

/* The pod_com program id; the codec module exports it as pod_program_id, a layer above. */
static const char *const PROGRAM = "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps";
static const char *const WALLET_A = "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9";
static const char *const WALLET_B = "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu";
static const char *const WALLET_0 = "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS";

static pod_pubkey_t pk(const char *b58) {
  pod_pubkey_t k;
  memset(&k, 0, sizeof k);
  CHECK_EQ(pod_pubkey_from_base58(&k, b58, strlen(b58)), POD_OK);
  return k;
}

static pod_seed_t seed_str(const char *s) { return (pod_seed_t){s, strlen(s)}; }
static pod_seed_t seed_key(const pod_pubkey_t *k) { return (pod_seed_t){k->b, 32}; }

/* Checks find(seeds) = (address, bump), and that create agrees for that bump. */
#define CHECK_FIND(seeds, n, want_b58, want_bump)                                                  \
  do {                                                                                             \
    pod_pubkey_t got_, again_, prog_ = pk(PROGRAM);                                                \
    uint8_t bump_ = 0;                                                                             \
    char b58_[POD_PUBKEY_B58_SZ];                                                                  \
    CHECK_EQ(pod_pda_find(&got_, &bump_, (seeds), (n), &prog_), POD_OK);                           \
    CHECK_STR(pod_pubkey_to_base58(b58_, &got_), (want_b58));                                      \
    CHECK_EQ(bump_, (want_bump));                                                                  \
    pod_seed_t with_bump_[POD_PDA_MAX_SEEDS];                                                      \
    memcpy(with_bump_, (seeds), (n) * sizeof(pod_seed_t));                                         \
    with_bump_[(n)] = (pod_seed_t){&bump_, 1};                                                     \
    CHECK_EQ(pod_pda_create(&again_, with_bump_, (n) + 1, &prog_), POD_OK);                        \
    CHECK(memcmp(again_.b, got_.b, 32) == 0);                                                      \
  } while (0)

static void test_vectors(void) {
  pod_pubkey_t a = pk(WALLET_A), b = pk(WALLET_B), z = pk(WALLET_0), prog = pk(PROGRAM);
  CHECK_HEX(a.b, 32, "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
  CHECK_HEX(prog.b, 32, "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8");

  pod_seed_t s[5];
  s[0] = seed_str("agent"), s[1] = seed_key(&a);
  CHECK_FIND(s, 2, "B6udLRYHWG9nJaa7RGouJ3MJr7EHDrAnXfB23bAS9mKG", 252);
  s[1] = seed_key(&b);
  CHECK_FIND(s, 2, "9E222cXBZSzERcrXDH4etqXXf8N7a7Jy1M8V6gYJzKCG", 255);
  s[1] = seed_key(&z);
  CHECK_FIND(s, 2, "8hVHBcaxHKK1VfFEDDmfW3sHVUpmLMkQrDxvPm91LdUL", 249);

  /* The agent PDAs, needed as seeds below. */
  pod_pubkey_t agent_a, agent_b, x;
  s[1] = seed_key(&a);
  CHECK_EQ(pod_pda_find(&agent_a, NULL, s, 2, &prog), POD_OK);
  s[1] = seed_key(&b);
  CHECK_EQ(pod_pda_find(&agent_b, NULL, s, 2, &prog), POD_OK);

  s[0] = seed_str("channel"), s[1] = seed_key(&a), s[2] = seed_str("general");
  CHECK_FIND(s, 3, "cHP2shu3FoiKtdqLPKT1X4u55WmvV6XQfFN8RvpVmnY", 255);
  CHECK_EQ(pod_pda_find(&x, NULL, s, 3, &prog), POD_OK);

  s[0] = seed_str("participant"), s[1] = seed_key(&x), s[2] = seed_key(&agent_a);
  CHECK_FIND(s, 3, "61gNZGWS81E4qJaZFu4SPQjbFCVmhWdKwP6BwsufdtKN", 254);
  s[2] = seed_key(&agent_b);
  CHECK_FIND(s, 3, "9TN9Db866mZcqMhqvvQ8N1mgPBbKGjfWBPba1vg3MqqH", 255);
  s[0] = seed_str("invitation"), s[2] = seed_key(&b);
  CHECK_FIND(s, 3, "B4xKGMh3TmycoKVaF1Z5NSvqK2Njxvf7PjvPiSX3CmeC", 252);
  s[0] = seed_str("escrow");
  CHECK_FIND(s, 3, "DqBRLispnLikBQ7QosxVtLkxmZjmt2gm7MsHgHaoVLfA", 253);
  const uint8_t nonce1[8] = {1, 0, 0, 0, 0, 0, 0, 0};
  s[0] = seed_str("channel_message"), s[2] = seed_key(&a), s[3] = (pod_seed_t){nonce1, 8};
  CHECK_FIND(s, 4, "3oYtCq26PWvK7aEvpBNXTG7VU7EwAEnADGEUuog6GVkC", 255);
  uint8_t hello[32];
  const uint8_t text = 0;
  pod_sha256(hello, "hello", 5);
  s[0] = seed_str("message"), s[1] = seed_key(&agent_a), s[2] = seed_key(&b);
  s[3] = (pod_seed_t){hello, 32}, s[4] = (pod_seed_t){&text, 1};
  CHECK_FIND(s, 5, "4FArMBxuuusWzBk6mofpkKSyVGteeETkwPwgtXXQqY35", 255);
}

/* agent(A): the hashes for bumps 255, 254, 253 are curve points (dalek decompresses them), so
 * create refuses them. A subgroup/small-order test would accept 254 and give
 * CkhJgytE86itxMvmp7Si23D1bdbzBGA1sWXoDJRFxV3h: that must never come out. */
static void test_subgroup_pitfall(void) {
  pod_pubkey_t a = pk(WALLET_A), prog = pk(PROGRAM), out,
               wrong = pk("CkhJgytE86itxMvmp7Si23D1bdbzBGA1sWXoDJRFxV3h");
  static const char *const hashes[] = {
      "3b3ec794877abcb6d4f37941b6f8ab4a34f6299888f7443089ff3c1cd62c2562", /* 255 */
      "aea21a9e26bd289892e1839e588b5679656bca9e94f5cdf2602be980e5113344", /* 254 */
      "8961d6c490ed65b87b63cf2fe757daf474a34028efa0833d803152369e18b672", /* 253 */
      "9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743", /* 252 */
  };
  for (int i = 0; i < 4; i++) {
    uint8_t bump = (uint8_t)(255 - i), h[32];
    pod_sha256_t st;
    pod_sha256_init(&st);
    pod_sha256_update(&st, "agent", 5);
    pod_sha256_update(&st, a.b, 32);
    pod_sha256_update(&st, &bump, 1);
    pod_sha256_update(&st, prog.b, 32);
    pod_sha256_update(&st, "ProgramDerivedAddress", 21);
    pod_sha256_final(&st, h);
    CHECK_HEX(h, 32, hashes[i]);
    CHECK_EQ(pod_ed25519_on_curve(h), i < 3);
    const pod_seed_t s[] = {seed_str("agent"), seed_key(&a), {&bump, 1}};
    CHECK_EQ(pod_pda_create(&out, s, 3, &prog), i < 3 ? POD_ENOPDA : POD_OK);
  }
  CHECK_HEX(wrong.b, 32, hashes[1]); /* the wrong address is the bump-254 hash */
  const pod_seed_t s[] = {seed_str("agent"), seed_key(&a)};
  uint8_t bump = 0;
  CHECK_EQ(pod_pda_find(&out, &bump, s, 2, &prog), POD_OK);
  CHECK_EQ(bump, 252);
  CHECK(memcmp(out.b, wrong.b, 32) != 0);
  CHECK_HEX(out.b, 32, hashes[3]);
}

/* y as 32 little-endian bytes from a small integer, optionally with the sign bit. */
static void small_y(uint8_t b[32], uint32_t y, int sign) {
  memset(b, 0, 32);
  for (int i = 0; i < 4; i++)
    b[i] = (uint8_t)(y >> (8 * i));
  if (sign) b[31] |= 0x80;
}

/* p + k as 32 little-endian bytes (k < 19 + 2^7 keeps it below 2^255). */
static void p_plus(uint8_t b[32], uint8_t k) {
  memset(b, 0xff, 32);
  b[31] = 0x7f;
  b[0] = (uint8_t)(0xed + k); /* p = 2^255 - 19 ends in 0xed; k <= 18 stays in the byte */
}

static void test_on_curve(void) {
  uint8_t b[32];
  /* y = 1: the identity (x = 0), with and without the sign bit (dalek accepts "-0"). */
  small_y(b, 1, 0);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  small_y(b, 1, 1);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  /* y = 0: x^2 = -1, a square since p = 1 mod 4 (the points of order 4). */
  small_y(b, 0, 0);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  small_y(b, 0, 1);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  /* y = p - 1 = -1: u = 0 again (order-2 point). */
  p_plus(b, 0);
  b[0] = 0xec;
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  /* Small ys, each checked against an independent computation (Euler's criterion on u*v). */
  static const int want[12] = {1, 1, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0};
  for (uint32_t y = 0; y < 12; y++) {
    small_y(b, y, 0);
    CHECK_EQ(pod_ed25519_on_curve(b), want[y]);
    small_y(b, y, 1); /* the sign bit never changes the answer */
    CHECK_EQ(pod_ed25519_on_curve(b), want[y]);
  }
  /* Non-canonical encodings are reduced, not rejected: p is 0, p + 1 is 1, p + 2 is 2 (off). */
  p_plus(b, 0);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  p_plus(b, 1);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  p_plus(b, 2);
  CHECK_EQ(pod_ed25519_on_curve(b), 0);
  p_plus(b, 7);
  CHECK_EQ(pod_ed25519_on_curve(b), 0);
  p_plus(b, 2);
  b[31] |= 0x80;
  CHECK_EQ(pod_ed25519_on_curve(b), 0);
  /* 2^255 - 1 (all ones) is y = 18 mod p: on the curve. */
  memset(b, 0xff, 32);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  /* The ed25519 base point (y = 4/5) and a real public key are on the curve. */
  CHECK_EQ(
      pod_test_unhex(b, 32, "5866666666666666666666666666666666666666666666666666666666666666"),
      32);
  CHECK_EQ(pod_ed25519_on_curve(b), 1);
  pod_pubkey_t a = pk(WALLET_A);
  CHECK_EQ(pod_ed25519_on_curve(a.b), 1);
  /* 256 pseudo-random encodings: h_i = sha256(byte i); bit i of this mask (little-endian) is
   * whether h_i is on the curve, computed independently (Python integers, Euler's criterion). */
  uint8_t mask[32];
  CHECK_EQ(
      pod_test_unhex(mask, 32, "cafd697d73368e6d0925fa8a23b6a69af1e6e8a13ff30c70b58b05a8abd804a7"),
      32);
  for (int i = 0; i < 256; i++) {
    uint8_t in = (uint8_t)i, h[32];
    pod_sha256(h, &in, 1);
    CHECK_EQ(pod_ed25519_on_curve(h), (mask[i / 8] >> (i % 8)) & 1);
  }
  /* Every real public key is a curve point, and so is anything libsodium calls a valid point
   * (its test is stricter: on curve plus canonical, not small order, in the subgroup). */
  CHECK_EQ(pod_init(), POD_OK);
  for (int i = 0; i < 200; i++) {
    uint8_t seed[32] = {(uint8_t)i, (uint8_t)(i >> 8), 7}, pub[32], sec[64], r[64], pt[32];
    crypto_sign_seed_keypair(pub, sec, seed);
    CHECK_EQ(pod_ed25519_on_curve(pub), 1);
    crypto_generichash(r, sizeof r, seed, sizeof seed, NULL, 0);
    crypto_core_ed25519_from_uniform(pt, r);
    CHECK_EQ(pod_ed25519_on_curve(pt), 1);
    CHECK(!crypto_core_ed25519_is_valid_point(r) || pod_ed25519_on_curve(r));
    sodium_memzero(sec, sizeof sec);
  }
  /* Known PDAs are off it. */
  pod_pubkey_t agent_b = pk("9E222cXBZSzERcrXDH4etqXXf8N7a7Jy1M8V6gYJzKCG");
  CHECK_EQ(pod_ed25519_on_curve(agent_b.b), 0);
}

static void test_limits(void) {
  pod_pubkey_t prog = pk(PROGRAM), out;
  uint8_t bump;
  static const uint8_t zeros[33];
  pod_seed_t s[17];
  for (int i = 0; i < 17; i++)
    s[i] = (pod_seed_t){zeros, 1};
  /* 16 seeds is the limit for create; find needs room for the bump, so 15. */
  int rc = pod_pda_create(&out, s, 16, &prog);
  CHECK(rc == POD_OK || rc == POD_ENOPDA);
  CHECK_EQ(pod_pda_create(&out, s, 17, &prog), POD_ETOOLARGE);
  CHECK_EQ(pod_pda_find(&out, &bump, s, 15, &prog), POD_OK);
  CHECK_EQ(pod_pda_find(&out, &bump, s, 16, &prog), POD_ETOOLARGE);
  /* Seeds of 32 bytes are fine, 33 is not. */
  s[0] = (pod_seed_t){zeros, 32};
  CHECK_EQ(pod_pda_find(&out, &bump, s, 1, &prog), POD_OK);
  s[1] = (pod_seed_t){zeros, 33};
  CHECK_EQ(pod_pda_find(&out, &bump, s, 2, &prog), POD_ETOOLARGE);
  CHECK_EQ(pod_pda_create(&out, s, 2, &prog), POD_ETOOLARGE);
  /* No seeds at all, and empty seeds (which hash to nothing). */
  pod_pubkey_t e1, e2;
  CHECK_EQ(pod_pda_find(&e1, &bump, NULL, 0, &prog), POD_OK);
  const pod_seed_t empty[2] = {{NULL, 0}, {"", 0}};
  CHECK_EQ(pod_pda_find(&e2, NULL, empty, 2, &prog), POD_OK);
  CHECK(memcmp(e1.b, e2.b, 32) == 0);
  /* Seeds are concatenated without lengths: ["ab", "c"] and ["a", "bc"] give the same address. */
  const pod_seed_t s1[] = {{"ab", 2}, {"c", 1}}, s2[] = {{"a", 1}, {"bc", 2}};
  CHECK_EQ(pod_pda_find(&e1, NULL, s1, 2, &prog), POD_OK);
  CHECK_EQ(pod_pda_find(&e2, NULL, s2, 2, &prog), POD_OK);
  CHECK(memcmp(e1.b, e2.b, 32) == 0);
  /* Bad arguments. */
  CHECK_EQ(pod_pda_find(NULL, &bump, s, 1, &prog), POD_EINVAL);
  CHECK_EQ(pod_pda_find(&out, &bump, s, 1, NULL), POD_EINVAL);
  CHECK_EQ(pod_pda_find(&out, &bump, NULL, 1, &prog), POD_EINVAL);
  const pod_seed_t bad[] = {{NULL, 3}};
  CHECK_EQ(pod_pda_create(&out, bad, 1, &prog), POD_EINVAL);
  /* The System Program is 32 zero bytes, and PDAs under it work like any other. */
  CHECK(memcmp(pod_system_program_id.b, zeros, 32) == 0);
  char b58[POD_PUBKEY_B58_SZ];
  CHECK_STR(pod_pubkey_to_base58(b58, &pod_system_program_id), "11111111111111111111111111111111");
  s[0] = seed_str("x");
  CHECK_EQ(pod_pda_find(&out, &bump, s, 1, &pod_system_program_id), POD_OK);
}

int main(void) {
  test_vectors();
  test_subgroup_pitfall();
  test_on_curve();
  test_limits();
  TEST_DONE();
}
