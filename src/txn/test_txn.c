/* Transactions: compact-u16, the PROTOCOL.md §6.2 golden vectors, compile ordering and dedup,
 * sign/parse/verify round trips, the 1232-byte limit, a v0 transaction with a lookup table, and
 * one crafted input per parser rule (checked by the reason pod_txn_parse_detail gives, so a test
 * cannot pass because some other rule happened to fire). */
#include "pod/borsh.h"
#include "pod/encode.h"
#include "pod/txn.h"
#include "test/pod_test.h"

/* ---- PROTOCOL.md §6.2 ---- */
static const char POD_COM_HEX[] =
    "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8";
static const char WALLET_A_HEX[] =
    "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c";
static const char AGENT_A_HEX[] =
    "9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743";
static const char IX_DATA_HEX[] = "879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d"
                                  "706c652e636f6d2f6167656e742e6a736f6e";
static const char MSG_HEX[] =
    "010002048a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c9618473acab721a3970e"
    "905f809978b610a4723a161c3599f686fbd98acd6743000000000000000000000000000000000000000000000000"
    "0000000000000000f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b807070707070707"
    "0707070707070707070707070707070707070707070707070701030301000232879d42c30271af1e01000000000000"
    "001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e742e6a736f6e";
static const char SIG_B58[] =
    "3QXRZXvQrLo3vhUtk5Fh1Rg2GMG7aTmtLNQWcDZbgFCFXouo6ZL3mVTMM4aCEaLvFTwTMKuLbN1XmJFc3ZFEJb9u";
static const char TX_B64[] = "AXhSF2EZVMG+0Zq4DxkQ3LTx/XvFYakU6aXxgLDOnR4WmSORy3nd/XUZ5al/"
                             "nkKu+LDhdWh9422WpbclQPFqxgQBAAIEiojj"
                             "3XQJ8ZX9UtstPLpdcspnCb8dlBIb83SIAbQPb1yWGEc6yrcho5cOkF+"
                             "AmXi2EKRyOhYcNZn2hvvZis1nQwAAAAAAAAAAAAAA"
                             "AAAAAAAAAAAAAAAAAAAAAAAAAAAA8UT7wzy9pe+O3cK+3XimRCMHJMbeDNvRsie28if/"
                             "4LgHBwcHBwcHBwcHBwcHBwcHBwcH"
                             "BwcHBwcHBwcHBwcHBwEDAwEAAjKHnULDAnGvHgEAAAAAAAAAHgAAAGh0dHBzOi8vZXhhb"
                             "XBsZS5jb20vYWdlbnQuanNvbg==";

static pod_pubkey_t key_hex(const char *hex) {
  pod_pubkey_t k;
  CHECK_EQ(pod_test_unhex(k.b, 32, hex), 32);
  return k;
}

static pod_pubkey_t key_fill(uint8_t v) {
  pod_pubkey_t k;
  memset(k.b, v, 32);
  return k;
}

static pod_keypair_t kp_seed(uint8_t v) {
  uint8_t seed[32];
  pod_keypair_t kp;
  memset(seed, v, 32);
  CHECK_EQ(pod_keypair_from_seed(&kp, seed), POD_OK);
  return kp;
}

static pod_pubkey_t kp_pub(const pod_keypair_t *kp) {
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, kp);
  return pk;
}

static int pk_eq(const pod_pubkey_t *a, const pod_pubkey_t *b) { return !memcmp(a->b, b->b, 32); }

/* Parses and expects failure with a reason containing `want`. */
static int rejects(const uint8_t *buf, size_t sz, int want_rc, const char *want) {
  pod_txn_t t;
  const char *why = NULL;
  int rc = pod_txn_parse_detail(&t, &why, buf, sz);
  if (rc == want_rc && why && strstr(why, want)) return 1;
  fprintf(stderr, "  parse: rc %d (want %d), why \"%s\" (want \"%s\")\n", rc, want_rc,
          why ? why : "(null)", want);
  return 0;
}

/* ---- compact-u16 ---- */

static void test_cu16(void) {
  static const struct {
    uint16_t v;
    const char *hex;
  } kat[] = {{0, "00"},      {1, "01"},        {0x7f, "7f"},       {0x80, "8001"},
             {0xff, "ff01"}, {0x3fff, "ff7f"}, {0x4000, "808001"}, {0xffff, "ffff03"}};
  uint8_t b[3], in[4];
  uint16_t v;
  for (size_t i = 0; i < sizeof kat / sizeof *kat; i++) {
    size_t n = pod_cu16_encode(b, kat[i].v);
    CHECK_HEX(b, n, kat[i].hex);
    long m = pod_test_unhex(in, sizeof in, kat[i].hex);
    CHECK_EQ(pod_cu16_decode(&v, in, (size_t)m), m);
    CHECK_EQ(v, kat[i].v);
    /* extra bytes after the encoding are not consumed */
    in[m] = 0xaa;
    CHECK_EQ(pod_cu16_decode(&v, in, (size_t)m + 1), m);
  }
  static const char *bad[] = {"",       "80",   "ff",     "8000",   "ff00",   "8080",
                              "808000", "ffff", "ffff04", "ffff83", "ffffff", "ff8000"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    long m = pod_test_unhex(in, sizeof in, bad[i]);
    v = 7;
    CHECK_EQ(pod_cu16_decode(&v, in, (size_t)m), POD_EDECODE);
    CHECK_EQ(v, 0);
  }
  CHECK_EQ(pod_cu16_decode(&v, NULL, 0), POD_EDECODE);

  /* Every value round-trips; every 3-byte input either fails or is exactly the encoding of the
   * value it decodes to (so no value has two accepted encodings). */
  int bad_cnt = 0;
  for (uint32_t x = 0; x <= 0xffff; x++) {
    size_t n = pod_cu16_encode(b, (uint16_t)x);
    if (pod_cu16_decode(&v, b, n) != (int)n || v != x) bad_cnt++;
    if (n != (x < 0x80 ? 1u : x < 0x4000 ? 2u : 3u)) bad_cnt++;
  }
  for (uint32_t x = 0; x < (1u << 24); x++) {
    in[0] = (uint8_t)x, in[1] = (uint8_t)(x >> 8), in[2] = (uint8_t)(x >> 16);
    int n = pod_cu16_decode(&v, in, 3);
    if (n < 0) continue;
    size_t m = pod_cu16_encode(b, v);
    if ((size_t)n != m || memcmp(b, in, m)) bad_cnt++;
  }
  CHECK_EQ(bad_cnt, 0);
}

/* ---- §6.2 golden vectors ---- */

static void test_golden(void) {
  pod_keypair_t a = kp_seed(1);
  const pod_keypair_t *signers[] = {&a};
  pod_pubkey_t pa = kp_pub(&a), agent = key_hex(AGENT_A_HEX), program = key_hex(POD_COM_HEX);
  uint8_t bh[32], data[64], msg[POD_TXN_MTU], tx[POD_TXN_MTU], want[POD_TXN_MTU];
  size_t data_sz = 0, msg_sz = 0, tx_sz = 0, n;
  pod_borsh_writer_t w;
  memset(bh, 7, 32);
  CHECK_HEX(pa.b, 32, WALLET_A_HEX);

  static const uint8_t disc[8] = {0x87, 0x9d, 0x42, 0xc3, 0x02, 0x71, 0xaf, 0x1e};
  static const char uri[] = "https://example.com/agent.json";
  pod_borsh_writer_init(&w, data, sizeof data);
  pod_borsh_put_bytes(&w, disc, 8);
  pod_borsh_put_u64(&w, 1);
  pod_borsh_put_string(&w, uri, strlen(uri));
  CHECK_EQ(pod_borsh_writer_finish(&w, &data_sz), POD_OK);
  CHECK_HEX(data, data_sz, IX_DATA_HEX);

  pod_account_meta_t metas[3] = {{agent, 0, 1}, {pa, 1, 1}, {pod_system_program_id, 0, 0}};
  pod_instruction_t ix = {program, metas, 3, data, data_sz};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &pa, &ix, 1, bh), POD_OK);
  CHECK_EQ(msg_sz, 221);
  CHECK_HEX(msg, msg_sz, MSG_HEX);

  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1), POD_OK);
  CHECK_EQ(tx_sz, 286);
  char sig58[POD_SIGNATURE_B58_SZ];
  pod_base58_encode_64(sig58, tx + 1);
  CHECK_STR(sig58, SIG_B58);
  char b64[POD_BASE64_ENC_SZ(POD_TXN_MTU)];
  CHECK_EQ(pod_base64_encode(b64, sizeof b64, &n, tx, tx_sz), POD_OK);
  CHECK_STR(b64, TX_B64);
  CHECK_EQ(pod_base64_decode(want, sizeof want, &n, TX_B64, strlen(TX_B64)), POD_OK);
  CHECK_EQ(n, 286);
  CHECK(!memcmp(want, tx, 286));

  /* pod_txn_sign of the compiled message gives the same bytes, also in place */
  CHECK_EQ(pod_txn_sign(want, sizeof want, &n, msg, msg_sz, signers, 1), POD_OK);
  CHECK_EQ(n, 286);
  CHECK(!memcmp(want, tx, 286));
  memcpy(want, msg, msg_sz);
  CHECK_EQ(pod_txn_sign(want, sizeof want, &n, want, msg_sz, signers, 1), POD_OK);
  CHECK(!memcmp(want, tx, 286));

  /* parse the golden transaction */
  pod_txn_t t;
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(t.version, POD_TXN_VERSION_LEGACY);
  CHECK_EQ(t.sig_cnt, 1);
  CHECK_EQ(t.sig_off, 1);
  CHECK_EQ(t.msg_off, 65);
  CHECK_EQ(t.msg_sz, 221);
  CHECK_EQ(t.num_required_signatures, 1);
  CHECK_EQ(t.num_readonly_signed, 0);
  CHECK_EQ(t.num_readonly_unsigned, 2);
  CHECK_EQ(t.acct_cnt, 4);
  CHECK_EQ(t.acct_off, 69);
  CHECK_EQ(t.blockhash_off, 69 + 128);
  CHECK_EQ(t.instr_cnt, 1);
  CHECK_EQ(t.alt_cnt, 0);
  CHECK_EQ(pod_txn_acct_cnt(&t), 4);
  CHECK_EQ(t.instr[0].program_idx, 3);
  CHECK_EQ(t.instr[0].acct_cnt, 3);
  CHECK_HEX(tx + t.instr[0].acct_off, 3, "010002");
  CHECK_EQ(t.instr[0].data_sz, 50);
  CHECK_HEX(tx + t.instr[0].data_off, 50, IX_DATA_HEX);
  CHECK(pk_eq(pod_txn_key(&t, tx, 0), &pa));
  CHECK(pk_eq(pod_txn_key(&t, tx, 1), &agent));
  CHECK(pk_eq(pod_txn_key(&t, tx, 3), &program));
  CHECK(pod_txn_key(&t, tx, 4) == NULL);
  CHECK(pod_txn_signature(&t, tx, 0) == (const pod_signature_t *)(tx + 1));
  CHECK(pod_txn_signature(&t, tx, 1) == NULL);
  static const int signer[5] = {1, 0, 0, 0, 0}, writable[5] = {1, 1, 0, 0, 0};
  for (size_t i = 0; i < 5; i++) {
    CHECK_EQ(pod_txn_is_signer(&t, i), signer[i]);
    CHECK_EQ(pod_txn_is_writable(&t, i), writable[i]);
  }
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);

  /* one flipped bit anywhere in the signature or the message fails verification */
  for (size_t i = 1; i < tx_sz; i += 7) {
    tx[i] ^= 0x10;
    if (pod_txn_parse(&t, tx, tx_sz) == POD_OK) CHECK_EQ(pod_txn_verify(&t, tx), POD_ECRYPTO);
    tx[i] ^= 0x10;
  }
  tx[1] ^= 1;
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(pod_txn_verify(&t, tx), POD_ECRYPTO);
  tx[1] ^= 1;
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);
  CHECK_EQ(pod_txn_verify(NULL, tx), POD_EINVAL);
}

/* ---- compile: ordering, dedup, flags ---- */

static void test_compile_order(void) {
  pod_keypair_t kp_p = kp_seed(1), kp_s2 = kp_seed(2), kp_s3 = kp_seed(3), kp_x = kp_seed(9);
  pod_pubkey_t P = kp_pub(&kp_p), S2 = kp_pub(&kp_s2), S3 = kp_pub(&kp_s3);
  pod_pubkey_t X = key_fill(0x58), Y = key_fill(0x59), Q1 = key_fill(0x51), Q2 = key_fill(0x52);
  uint8_t bh[32], msg[POD_TXN_MTU], tx[POD_TXN_MTU], want[POD_TXN_MTU];
  size_t msg_sz, tx_sz;
  memset(bh, 0xbb, 32);

  /* ix1: Y(R) S2(S) X(R) S3(S) Q2(R) Y(R, again) program Q1
   * ix2: X(W) S3(W) P(R) program Q2 (already present as an account)
   * merged: P SW, Y R, S2 S, X W, S3 SW, Q2 R, Q1 R
   * order:  P S3 | S2 | X | Y Q2 Q1   (first appearance within each group) */
  pod_account_meta_t m1[6] = {{Y, 0, 0}, {S2, 1, 0}, {X, 0, 0}, {S3, 1, 0}, {Q2, 0, 0}, {Y, 0, 0}};
  pod_account_meta_t m2[3] = {{X, 0, 1}, {S3, 0, 1}, {P, 0, 0}};
  static const uint8_t d1[2] = {0xaa, 0xbb};
  pod_instruction_t ixs[2] = {{Q1, m1, 6, d1, 2}, {Q2, m2, 3, NULL, 0}};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, ixs, 2, bh), POD_OK);

  uint8_t *p = want;
  *p++ = 3, *p++ = 1, *p++ = 3, *p++ = 7;
  const pod_pubkey_t *order[7] = {&P, &S3, &S2, &X, &Y, &Q2, &Q1};
  for (int i = 0; i < 7; i++, p += 32)
    memcpy(p, order[i]->b, 32);
  memcpy(p, bh, 32), p += 32;
  static const uint8_t ixb[] = {2, 6, 6, 4, 2, 3, 1, 5, 4, 2, 0xaa, 0xbb, 5, 3, 3, 1, 0, 0};
  memcpy(p, ixb, sizeof ixb), p += sizeof ixb;
  CHECK_EQ(msg_sz, (size_t)(p - want));
  CHECK(!memcmp(msg, want, msg_sz));

  /* signers in any order, with an extra and a NULL: signatures follow the key order */
  const pod_keypair_t *signers[5] = {&kp_s2, &kp_x, NULL, &kp_s3, &kp_p};
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, msg, msg_sz, signers, 5), POD_OK);
  CHECK_EQ(tx_sz, 1 + 3 * 64 + msg_sz);
  pod_txn_t t;
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(t.sig_cnt, 3);
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);
  for (size_t i = 0; i < 3; i++) {
    pod_signature_t sig;
    CHECK_EQ(pod_sign(&sig, i == 0 ? &kp_p : i == 1 ? &kp_s3 : &kp_s2, msg, msg_sz), POD_OK);
    CHECK(!memcmp(pod_txn_signature(&t, tx, i)->b, sig.b, 64));
  }
  static const int sgn[7] = {1, 1, 1, 0, 0, 0, 0}, wr[7] = {1, 1, 0, 1, 0, 0, 0};
  for (size_t i = 0; i < 7; i++) {
    CHECK_EQ(pod_txn_is_signer(&t, i), sgn[i]);
    CHECK_EQ(pod_txn_is_writable(&t, i), wr[i]);
    CHECK(pk_eq(pod_txn_key(&t, tx, i), order[i]));
  }

  /* the same through pod_txn_build (fee payer = signers[0]) */
  const pod_keypair_t *signers2[3] = {&kp_p, &kp_s2, &kp_s3};
  size_t built_sz = 0;
  CHECK_EQ(pod_txn_build(want, sizeof want, &built_sz, ixs, 2, bh, signers2, 3), POD_OK);
  CHECK_EQ(built_sz, tx_sz);
  CHECK(!memcmp(want, tx, tx_sz));

  /* a missing signer */
  const pod_keypair_t *missing[2] = {&kp_p, &kp_s3};
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, msg, msg_sz, missing, 2), POD_EINVAL);
  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, ixs, 2, bh, missing, 2), POD_EINVAL);
  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, ixs, 2, bh, missing, 0), POD_EINVAL);
  /* out too small */
  CHECK_EQ(pod_txn_sign(tx, 1 + 3 * 64 + msg_sz - 1, &tx_sz, msg, msg_sz, signers, 5), POD_ENOSPC);

  /* a program used as a writable account keeps its writable flag */
  pod_account_meta_t m3[1] = {{Q1, 0, 1}};
  pod_instruction_t ix3 = {Q1, m3, 1, NULL, 0};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &ix3, 1, bh), POD_OK);
  CHECK_HEX(msg, 4, "01000002");
  CHECK(!memcmp(msg + 4 + 32, Q1.b, 32));
  CHECK_HEX(msg + 4 + 96, 5, "0101010100");

  /* a fee payer that appears as a read-only non-signer stays first and W S */
  pod_account_meta_t m4[2] = {{X, 1, 0}, {P, 0, 0}};
  pod_instruction_t ix4 = {Q1, m4, 2, NULL, 0};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &ix4, 1, bh), POD_OK);
  CHECK_HEX(msg, 4, "02010103");
  CHECK(!memcmp(msg + 4, P.b, 32));
  CHECK(!memcmp(msg + 36, X.b, 32));
  CHECK(!memcmp(msg + 68, Q1.b, 32));
  CHECK_HEX(msg + 4 + 96 + 32, 6, "010202010000");

  /* no instructions at all is a valid message */
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, NULL, 0, bh), POD_OK);
  CHECK_EQ(msg_sz, 3 + 1 + 32 + 32 + 1);
  const pod_keypair_t *one[1] = {&kp_p};
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, msg, msg_sz, one, 1), POD_OK);
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);
}

static void test_compile_errors(void) {
  pod_pubkey_t P = key_fill(1), Q = key_fill(2);
  uint8_t bh[32] = {0}, msg[POD_TXN_MTU];
  size_t msg_sz = 12345;
  pod_instruction_t ix = {Q, NULL, 0, NULL, 0};
  pod_instruction_t ixs[POD_TXN_INSTR_MAX + 1];
  for (size_t i = 0; i <= POD_TXN_INSTR_MAX; i++)
    ixs[i] = ix;

  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, NULL, &ix, 1, bh), POD_EINVAL);
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, NULL, 1, bh), POD_EINVAL);
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &ix, 1, NULL), POD_EINVAL);
  pod_instruction_t bad = {Q, NULL, 2, NULL, 0};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &bad, 1, bh), POD_EINVAL);
  pod_instruction_t bad2 = {Q, NULL, 0, NULL, 2};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &bad2, 1, bh), POD_EINVAL);
  pod_instruction_t payer_prog = {P, NULL, 0, NULL, 0};
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &payer_prog, 1, bh), POD_EINVAL);

  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, ixs, POD_TXN_INSTR_MAX, bh), POD_OK);
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, ixs, POD_TXN_INSTR_MAX + 1, bh),
           POD_ELIMIT);

  /* 64 keys is the limit (and too large for 1232 bytes); 65 is POD_ELIMIT first */
  pod_account_meta_t metas[64];
  for (int i = 0; i < 64; i++)
    metas[i] = (pod_account_meta_t){key_fill((uint8_t)(0x40 + i)), 0, 0};
  pod_instruction_t many = {Q, metas, 62, NULL, 0}; /* P + 62 + Q = 64 keys */
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &many, 1, bh), POD_ETOOLARGE);
  many.account_cnt = 63;
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &many, 1, bh), POD_ELIMIT);
  many.account_cnt = 30;
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &P, &many, 1, bh), POD_OK);
  CHECK_EQ(msg_sz, 3 + 1 + 32 * 32 + 32 + 1 + 1 + 1 + 30 + 1);

  /* out too small; msg_sz untouched on failure */
  msg_sz = 12345;
  CHECK_EQ(pod_message_compile(msg, 3 + 1 + 64 + 32 + 1 + 3 - 1, &msg_sz, &P, &ix, 1, bh),
           POD_ENOSPC);
  CHECK_EQ(msg_sz, 12345);
  CHECK_EQ(pod_message_compile(msg, 3 + 1 + 64 + 32 + 1 + 3, &msg_sz, &P, &ix, 1, bh), POD_OK);
  CHECK_EQ(msg_sz, 104);
}

/* ---- the 1232-byte limit ---- */

static void test_mtu(void) {
  pod_keypair_t a = kp_seed(1);
  const pod_keypair_t *signers[] = {&a};
  pod_pubkey_t pa = kp_pub(&a), Q = key_fill(2);
  static uint8_t data[1100], tx[2048];
  uint8_t bh[32] = {0};
  size_t tx_sz;
  pod_txn_t t;
  /* tx = 1 + 64 + [3 + 1 + 64 + 32 + 1 + (1 + 1 + 2 + d)] = 170 + d */
  pod_instruction_t ix = {Q, NULL, 0, data, 1062};
  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1), POD_OK);
  CHECK_EQ(tx_sz, POD_TXN_MTU);
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);
  ix.data_sz = 1063;
  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1), POD_ETOOLARGE);
  uint8_t msg[POD_TXN_MTU];
  size_t msg_sz;
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &pa, &ix, 1, bh), POD_ETOOLARGE);
  ix.data_sz = 5000; /* not representable in 1232 bytes at all */
  CHECK_EQ(pod_message_compile(msg, sizeof msg, &msg_sz, &pa, &ix, 1, bh), POD_ETOOLARGE);

  /* a well-formed 1233-byte transaction: the 1232 one with one more data byte */
  ix.data_sz = 1062;
  CHECK_EQ(pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1), POD_OK);
  CHECK_HEX(tx + POD_TXN_MTU - 1062 - 2, 2, "a608"); /* data length 1062 */
  tx[POD_TXN_MTU - 1062 - 2] = 0xa7;                 /* 1063 */
  tx[POD_TXN_MTU] = 0;
  CHECK(rejects(tx, POD_TXN_MTU + 1, POD_ETOOLARGE, "larger than 1232"));
  /* the message alone is also refused for signing once the transaction would pass 1232 */
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, tx + 65, POD_TXN_MTU + 1 - 65, signers, 1),
           POD_ETOOLARGE);
}

/* ---- a raw transaction builder for crafted inputs ---- */

typedef struct {
  int prefix;     /* -1: legacy; else the version byte written (0x80 = v0) */
  size_t sigs;    /* signature count written (64 bytes of 0x5a each) */
  uint8_t hdr[3]; /* num_required_signatures, num_readonly_signed, num_readonly_unsigned */
  size_t nkeys;   /* key i is 32 bytes of (i + 1), unless keys[i] is set */
  const pod_pubkey_t *keys[70];
  size_t nix;
  struct {
    uint8_t prog;
    size_t nacc;
    uint8_t acc[80];
    size_t ndata;
  } ix[70];
  size_t nalt;
  struct {
    size_t nw, nr;
    uint8_t w[70], r[70];
  } alt[40];
  int trailing; /* extra zero bytes appended */
} raw_t;

static uint8_t *put_cu16(uint8_t *p, size_t v) { return p + pod_cu16_encode(p, (uint16_t)v); }

/* Serializes r into out (room for anything this test builds); returns the size. */
static size_t raw_build(uint8_t *out, const raw_t *r) {
  uint8_t *p = put_cu16(out, r->sigs);
  memset(p, 0x5a, 64 * r->sigs), p += 64 * r->sigs;
  if (r->prefix >= 0) *p++ = (uint8_t)r->prefix;
  memcpy(p, r->hdr, 3), p += 3;
  p = put_cu16(p, r->nkeys);
  for (size_t i = 0; i < r->nkeys; i++, p += 32) {
    if (r->keys[i])
      memcpy(p, r->keys[i]->b, 32);
    else
      memset(p, (int)(i + 1), 32);
  }
  memset(p, 0xbb, 32), p += 32; /* blockhash */
  p = put_cu16(p, r->nix);
  for (size_t i = 0; i < r->nix; i++) {
    *p++ = r->ix[i].prog;
    p = put_cu16(p, r->ix[i].nacc);
    memcpy(p, r->ix[i].acc, r->ix[i].nacc), p += r->ix[i].nacc;
    p = put_cu16(p, r->ix[i].ndata);
    memset(p, 0xdd, r->ix[i].ndata), p += r->ix[i].ndata;
  }
  if (r->prefix >= 0) {
    p = put_cu16(p, r->nalt);
    for (size_t i = 0; i < r->nalt; i++) {
      memset(p, (int)(0xa0 + i), 32), p += 32;
      p = put_cu16(p, r->alt[i].nw);
      memcpy(p, r->alt[i].w, r->alt[i].nw), p += r->alt[i].nw;
      p = put_cu16(p, r->alt[i].nr);
      memcpy(p, r->alt[i].r, r->alt[i].nr), p += r->alt[i].nr;
    }
  }
  for (int i = 0; i < r->trailing; i++)
    *p++ = 0;
  return (size_t)(p - out);
}

/* A valid legacy base: payer (W S), one read-only account, a program; ix: program 2, [0, 1]. */
static void raw_legacy(raw_t *r) {
  memset(r, 0, sizeof *r);
  r->prefix = -1;
  r->sigs = 1;
  r->hdr[0] = 1, r->hdr[1] = 0, r->hdr[2] = 2;
  r->nkeys = 3;
  r->nix = 1;
  r->ix[0].prog = 2;
  r->ix[0].nacc = 2;
  r->ix[0].acc[0] = 0, r->ix[0].acc[1] = 1;
  r->ix[0].ndata = 4;
}

/* The same as v0 with one table: writable [5, 7], read-only [9]; ix accounts [0, 1, 3, 4, 5]. */
static void raw_v0(raw_t *r) {
  raw_legacy(r);
  r->prefix = 0x80;
  r->nalt = 1;
  r->alt[0].nw = 2, r->alt[0].w[0] = 5, r->alt[0].w[1] = 7;
  r->alt[0].nr = 1, r->alt[0].r[0] = 9;
  r->ix[0].nacc = 5;
  r->ix[0].acc[2] = 3, r->ix[0].acc[3] = 4, r->ix[0].acc[4] = 5;
}

static raw_t R; /* big: keep it off the stack */
static uint8_t B[8192];

static void test_v0(void) {
  pod_keypair_t a = kp_seed(4);
  pod_pubkey_t pa = kp_pub(&a);
  const pod_keypair_t *signers[] = {&a};
  uint8_t tx[POD_TXN_MTU];
  size_t sz, tx_sz;
  pod_txn_t t;
  raw_v0(&R);
  R.keys[0] = &pa;
  sz = raw_build(B, &R);
  CHECK_EQ(pod_txn_parse(&t, B, sz), POD_OK);

  /* sign the message part (after the 65-byte signature area) and parse the result */
  CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, B + 65, sz - 65, signers, 1), POD_OK);
  CHECK_EQ(tx_sz, sz);
  CHECK(!memcmp(tx + 65, B + 65, sz - 65));
  CHECK_EQ(pod_txn_parse(&t, tx, tx_sz), POD_OK);
  CHECK_EQ(pod_txn_verify(&t, tx), POD_OK);
  CHECK_EQ(t.version, POD_TXN_VERSION_0);
  CHECK_EQ(tx[t.msg_off], 0x80);
  CHECK_EQ(t.msg_off, 65);
  CHECK_EQ(t.msg_sz, sz - 65);
  CHECK_EQ(t.acct_off, 65 + 1 + 3 + 1);
  CHECK_EQ(t.acct_cnt, 3);
  CHECK_EQ(t.alt_cnt, 1);
  CHECK_EQ(t.loaded_writable_cnt, 2);
  CHECK_EQ(t.loaded_readonly_cnt, 1);
  CHECK_EQ(pod_txn_acct_cnt(&t), 6);
  CHECK_EQ(t.instr_cnt, 1);
  CHECK_EQ(t.instr[0].program_idx, 2);
  CHECK_HEX(tx + t.instr[0].acct_off, 5, "0001030405");
  CHECK_HEX(tx + t.instr[0].data_off, 4, "dddddddd");
  CHECK_EQ(t.alt[0].writable_cnt, 2);
  CHECK_EQ(t.alt[0].readonly_cnt, 1);
  CHECK_HEX(tx + t.alt[0].writable_off, 2, "0507");
  CHECK_HEX(tx + t.alt[0].readonly_off, 1, "09");
  CHECK_EQ(tx[t.alt[0].addr_off], 0xa0);
  CHECK_EQ(t.alt[0].addr_off + 32 + 1 + 2 + 1 + 1, tx_sz);
  static const int wr[7] = {1, 0, 0, 1, 1, 0, 0};
  for (size_t i = 0; i < 7; i++) {
    CHECK_EQ(pod_txn_is_signer(&t, i), i == 0);
    CHECK_EQ(pod_txn_is_writable(&t, i), wr[i]);
    CHECK((pod_txn_key(&t, tx, i) != NULL) == (i < 3));
  }
  const pod_pubkey_t *table = NULL;
  uint8_t ti = 0;
  static const uint8_t want_ti[3] = {5, 7, 9};
  for (size_t i = 3; i < 6; i++) {
    CHECK_EQ(pod_txn_loaded_key(&table, &ti, &t, tx, i), POD_OK);
    CHECK(table == (const pod_pubkey_t *)(tx + t.alt[0].addr_off));
    CHECK_EQ(ti, want_ti[i - 3]);
  }
  CHECK_EQ(pod_txn_loaded_key(&table, &ti, &t, tx, 2), POD_ENOTFOUND);
  CHECK_EQ(pod_txn_loaded_key(&table, &ti, &t, tx, 6), POD_ENOTFOUND);

  /* two tables: loaded numbering is all writable (table order), then all read-only */
  raw_v0(&R);
  R.nalt = 2;
  R.alt[1].nw = 1, R.alt[1].w[0] = 42;
  R.alt[1].nr = 2, R.alt[1].r[0] = 43, R.alt[1].r[1] = 44;
  sz = raw_build(B, &R);
  CHECK_EQ(pod_txn_parse(&t, B, sz), POD_OK);
  CHECK_EQ(pod_txn_acct_cnt(&t), 9);
  static const uint8_t tab[6] = {0xa0, 0xa0, 0xa1, 0xa0, 0xa1, 0xa1},
                       idx[6] = {5, 7, 42, 9, 43, 44};
  for (size_t i = 3; i < 9; i++) {
    CHECK_EQ(pod_txn_loaded_key(&table, &ti, &t, B, i), POD_OK);
    CHECK_EQ(table->b[0], tab[i - 3]);
    CHECK_EQ(ti, idx[i - 3]);
    CHECK_EQ(pod_txn_is_writable(&t, i), i < 6);
  }

  /* a v0 message with no tables is fine */
  raw_v0(&R);
  R.nalt = 0;
  R.ix[0].nacc = 2;
  sz = raw_build(B, &R);
  CHECK_EQ(pod_txn_parse(&t, B, sz), POD_OK);
  CHECK_EQ(t.version, POD_TXN_VERSION_0);
}

/* ---- one crafted input per rule ---- */

static size_t build_legacy_ok(void) {
  raw_legacy(&R);
  size_t sz = raw_build(B, &R);
  pod_txn_t t;
  CHECK_EQ(pod_txn_parse(&t, B, sz), POD_OK);
  return sz;
}

static void test_rules(void) {
  size_t sz;
  pod_txn_t t;

  /* the bases parse */
  build_legacy_ok();
  raw_v0(&R);
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK);

  /* arguments */
  CHECK_EQ(pod_txn_parse(NULL, B, 10), POD_EINVAL);
  CHECK_EQ(pod_txn_parse(&t, NULL, 10), POD_EINVAL);
  CHECK(rejects(B, 0, POD_EDECODE, "signature count truncated"));

  /* signature count: zero */
  raw_legacy(&R);
  R.sigs = 0;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "no signatures"));
  /* signature count: not minimal (`81 00` for 1) */
  sz = build_legacy_ok();
  memmove(B + 2, B + 1, sz - 1);
  B[0] = 0x81, B[1] = 0x00;
  CHECK(rejects(B, sz + 1, POD_EDECODE, "signature count truncated or not minimal"));
  /* signature count != num_required_signatures (both ways) */
  raw_legacy(&R);
  R.sigs = 2;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "differs from the header"));
  raw_legacy(&R);
  R.hdr[0] = 2, R.hdr[2] = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "differs from the header"));
  /* signatures truncated: count 19 claims 1216 bytes */
  raw_legacy(&R);
  R.sigs = 19;
  raw_build(B, &R);
  CHECK(rejects(B, 1 + 64 * 18, POD_EDECODE, "signatures truncated"));
  /* no required signature */
  raw_legacy(&R);
  R.hdr[0] = 0, R.sigs = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "no required signature"));
  /* fee payer read-only: num_readonly_signed == num_required_signatures */
  raw_legacy(&R);
  R.hdr[1] = 1, R.hdr[2] = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "fee payer is read-only"));
  raw_legacy(&R);
  R.sigs = 2, R.hdr[0] = 2, R.hdr[1] = 3, R.hdr[2] = 0;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "fee payer is read-only"));
  /* num_required_signatures + num_readonly_unsigned > static keys */
  raw_legacy(&R);
  R.hdr[2] = 3;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "header counts exceed"));
  raw_legacy(&R);
  R.sigs = 3, R.hdr[0] = 3, R.hdr[2] = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "header counts exceed"));
  /* duplicate static keys: adjacent, and far apart among 20 (the sort, not a neighbour check) */
  pod_pubkey_t dup = key_fill(1);
  raw_legacy(&R);
  R.keys[1] = &dup;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "duplicate account key"));
  raw_legacy(&R);
  R.nkeys = 20, R.hdr[2] = 19;
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK);
  pod_pubkey_t k4 = key_fill(4);
  R.keys[17] = &k4;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "duplicate account key"));
  pod_pubkey_t k20 = key_fill(20); /* last and first */
  R.keys[17] = NULL, R.keys[0] = &k20;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "duplicate account key"));
  /* more than 64 static keys: the count alone is refused (65 keys cannot fit 1232 bytes) */
  raw_legacy(&R);
  R.nkeys = 65;
  sz = raw_build(B, &R);
  CHECK(sz > POD_TXN_MTU);
  CHECK(rejects(B, sz, POD_ETOOLARGE, "larger than 1232"));
  CHECK(rejects(B, POD_TXN_MTU, POD_EDECODE, "more than 64 account keys"));
  /* program index: the fee payer */
  raw_legacy(&R);
  R.ix[0].prog = 0;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "program is the fee payer"));
  /* program index: out of range */
  raw_legacy(&R);
  R.ix[0].prog = 3;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "program index out of range"));
  raw_v0(&R);
  R.ix[0].prog = 6; /* 3 static + 3 loaded */
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "program index out of range"));
  /* program index: a loaded address */
  raw_v0(&R);
  R.ix[0].prog = 3;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "program is a lookup-table address"));
  /* account index out of range: legacy, and v0 past the loaded ones */
  raw_legacy(&R);
  R.ix[0].acc[1] = 3;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "account index out of range"));
  raw_legacy(&R);
  R.ix[0].acc[1] = 255;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "account index out of range"));
  raw_v0(&R);
  R.ix[0].acc[4] = 5; /* last loaded: fine */
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK);
  R.ix[0].acc[4] = 6;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "account index out of range"));
  /* more than 64 keys, static plus loaded: 3 + 61 fine, 3 + 62 not */
  raw_v0(&R);
  R.alt[0].nw = 40, R.alt[0].nr = 21;
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK);
  CHECK_EQ(pod_txn_acct_cnt(&t), 64);
  CHECK_EQ(pod_txn_is_writable(&t, 42), 1);
  CHECK_EQ(pod_txn_is_writable(&t, 43), 0);
  R.alt[0].nr = 22;
  CHECK(
      rejects(B, raw_build(B, &R), POD_EDECODE, "more than 64 account keys (static plus loaded)"));
  raw_v0(&R);
  R.nalt = 2; /* the same across two tables */
  R.alt[0].nw = 30, R.alt[1].nw = 30, R.alt[1].nr = 2;
  CHECK(
      rejects(B, raw_build(B, &R), POD_EDECODE, "more than 64 account keys (static plus loaded)"));
  /* instructions: 64 fine, 65 not */
  raw_legacy(&R);
  R.nix = POD_TXN_INSTR_MAX;
  for (size_t i = 0; i < R.nix; i++)
    R.ix[i].prog = 2;
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK);
  CHECK_EQ(t.instr_cnt, 64);
  R.nix = POD_TXN_INSTR_MAX + 1;
  R.ix[64].prog = 2;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "more than 64 instructions"));
  /* lookup tables: 33 cannot fit 1232 bytes (35 bytes each at least); the count alone is
   * refused before the tables are read */
  raw_v0(&R);
  R.nalt = POD_TXN_ALT_MAX + 1;
  for (size_t i = 0; i < R.nalt; i++)
    R.alt[i].nw = 1;
  sz = raw_build(B, &R);
  CHECK(sz > POD_TXN_MTU);
  CHECK(rejects(B, POD_TXN_MTU, POD_EDECODE, "more than 32 address lookup tables"));
  R.nalt = 29; /* as many as fit */
  sz = raw_build(B, &R);
  CHECK(sz <= POD_TXN_MTU);
  CHECK_EQ(pod_txn_parse(&t, B, sz), POD_OK);
  CHECK_EQ(t.alt_cnt, 29);
  /* an empty lookup table */
  raw_v0(&R);
  R.nalt = 2;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "empty address lookup table"));
  raw_v0(&R);
  R.alt[0].nw = 0, R.alt[0].nr = 1, R.ix[0].nacc = 3;
  CHECK_EQ(pod_txn_parse(&t, B, raw_build(B, &R)), POD_OK); /* read-only only is fine */
  /* versions other than 0 */
  static const int versions[] = {0x81, 0x8f, 0xff};
  for (size_t i = 0; i < 3; i++) {
    raw_v0(&R);
    R.prefix = versions[i];
    CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "unsupported message version"));
  }
  /* trailing bytes */
  raw_legacy(&R);
  R.trailing = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "trailing bytes"));
  raw_v0(&R);
  R.trailing = 1;
  CHECK(rejects(B, raw_build(B, &R), POD_EDECODE, "trailing bytes"));
  /* non-minimal compact-u16 in each length field of the v0 base (value re-encoded as 2 bytes) */
  {
    raw_v0(&R);
    sz = raw_build(B, &R);
    /* offsets of single-byte compact-u16s: key count, ix count, ix acct count, data size, table
     * count, writable count, read-only count */
    size_t at[7];
    at[0] = 65 + 1 + 3;
    at[1] = at[0] + 1 + 96 + 32;
    at[2] = at[1] + 2;
    at[3] = at[2] + 1 + 5;
    at[4] = at[3] + 1 + 4;
    at[5] = at[4] + 1 + 32;
    at[6] = at[5] + 1 + 2;
    CHECK_EQ(at[6] + 2, sz);
    for (size_t i = 0; i < 7; i++) {
      static uint8_t C[POD_TXN_MTU + 8];
      memcpy(C, B, at[i]);
      C[at[i]] = (uint8_t)(B[at[i]] | 0x80);
      C[at[i] + 1] = 0;
      memcpy(C + at[i] + 2, B + at[i] + 1, sz - at[i] - 1);
      CHECK(rejects(C, sz + 1, POD_EDECODE, "not minimal"));
    }
  }
  /* truncation: every proper prefix of both bases is refused, and never read past */
  {
    static uint8_t *heap;
    raw_legacy(&R);
    sz = raw_build(B, &R);
    for (size_t n = 0; n < sz; n++) {
      heap = malloc(n ? n : 1); /* exact-size allocations so ASan sees any overread */
      memcpy(heap, B, n);
      CHECK_EQ(pod_txn_parse(&t, heap, n), POD_EDECODE);
      free(heap);
    }
    raw_v0(&R);
    sz = raw_build(B, &R);
    for (size_t n = 0; n < sz; n++) {
      heap = malloc(n ? n : 1);
      memcpy(heap, B, n);
      CHECK_EQ(pod_txn_parse(&t, heap, n), POD_EDECODE);
      free(heap);
    }
  }
  /* sign refuses a message that breaks a rule, and a message needing no signature */
  {
    pod_keypair_t a = kp_seed(1);
    const pod_keypair_t *signers[] = {&a};
    uint8_t tx[POD_TXN_MTU];
    size_t tx_sz;
    raw_legacy(&R);
    R.ix[0].prog = 0;
    sz = raw_build(B, &R);
    CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, B + 65, sz - 65, signers, 1), POD_EDECODE);
    CHECK_EQ(pod_txn_sign(tx, sizeof tx, &tx_sz, NULL, 10, signers, 1), POD_EINVAL);
  }
}

int main(void) {
  CHECK_EQ(pod_init(), POD_OK);
  test_cu16();
  test_golden();
  test_compile_order();
  test_compile_errors();
  test_mtu();
  test_v0();
  test_rules();
  TEST_DONE();
}
