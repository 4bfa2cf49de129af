/* Keccak-256 (original 0x01 padding): known answers, padding at block edges (135/136/137 bytes,
 * where the 0x01 and 0x80 pad bits share a byte or spill into a new block), multi-block inputs,
 * and streaming in odd pieces. The multi-block values come from an independent implementation of
 * the Keccak specification, itself checked against SHA3-256 by switching the pad byte to 0x06. */
#include "pod/hash.h"
#include "test/pod_test.h"

static const struct {
  size_t len; /* input byte i is i % 251 */
  const char *hex;
} multi[] = {
    {135, "cbdfd9dee5faad3818d6b06f95a219fd290b0e1706f6a82e5a595b9ce9faca62"},
    {136, "7ce759f1ab7f9ce437719970c26b0a66ff11fe3e38e17df89cf5d29c7d7f807e"},
    {137, "ac73d4fae68b8453f764007c1a20ce95994187861f0c3227a3a8e99a73a3b1db"},
    {271, "27eceb59ebc3dc8a04a5b135be641591a7278540e4556a2ba9f408194e666ec3"},
    {272, "8e2476e65823b24d96ebe239f2c1534cdf763e689e2410c3b1cb0c74e6177bfc"},
    {1000, "af692982e84a5a9688359025660a7857cd28ee7c8d867cfa1677baf2e6d1f63b"},
};

/* Content hash of PROTOCOL.md §8: keccak256(s || 0xff) with byte 0 cleared. */
static void content_hash(uint8_t out[32], const char *s) {
  pod_keccak256_t h;
  const uint8_t ff = 0xff;
  pod_keccak256_init(&h);
  pod_keccak256_update(&h, s, strlen(s));
  pod_keccak256_update(&h, &ff, 1);
  pod_keccak256_final(&h, out);
  out[0] = 0;
}

int main(void) {
  uint8_t out[32], out2[32];
  pod_keccak256(out, "", 0);
  CHECK_HEX(out, 32, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  pod_keccak256(out, "abc", 3);
  CHECK_HEX(out, 32, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");

  static uint8_t in[1000];
  for (size_t i = 0; i < sizeof in; i++)
    in[i] = (uint8_t)(i % 251);
  for (size_t v = 0; v < sizeof multi / sizeof multi[0]; v++) {
    size_t len = multi[v].len;
    pod_keccak256(out, in, len);
    CHECK_HEX(out, 32, multi[v].hex);
    /* Streaming in odd piece sizes (1, 4, 7, ..., and one piece spanning a block) equals one-shot,
     * starting from several offsets of the pattern. */
    for (size_t start = 1; start <= 140; start += 23) {
      pod_keccak256_t h;
      pod_keccak256_init(&h);
      for (size_t off = 0, k = start; off < len; k += 3) {
        size_t n = k < len - off ? k : len - off;
        pod_keccak256_update(&h, in + off, n);
        off += n;
      }
      pod_keccak256_final(&h, out2);
      CHECK(memcmp(out, out2, 32) == 0);
    }
    /* Byte at a time. */
    pod_keccak256_t h;
    pod_keccak256_init(&h);
    for (size_t i = 0; i < len; i++)
      pod_keccak256_update(&h, in + i, 1);
    pod_keccak256_update(&h, in, 0);
    pod_keccak256_final(&h, out2);
    CHECK(memcmp(out, out2, 32) == 0);
  }

  /* Every length 0..300: one-shot equals a split at every third point. */
  for (size_t len = 0; len <= 300; len++) {
    pod_keccak256(out, in, len);
    for (size_t cut = 0; cut <= len; cut += 3) {
      pod_keccak256_t h;
      pod_keccak256_init(&h);
      pod_keccak256_update(&h, in, cut);
      pod_keccak256_update(&h, in + cut, len - cut);
      pod_keccak256_final(&h, out2);
      CHECK(memcmp(out, out2, 32) == 0);
    }
  }

  /* PROTOCOL.md §4.12: invitation hash over channel X || inviter A || invitee B || nonce 7 ||
   * now 1 700 000 000 (112 bytes). */
  uint8_t inv[112];
  CHECK_EQ(
      pod_test_unhex(inv, 32, "0909d95e25f79489b860ff61fd46cffe6e248f88bae9fe745c077abb92361971"),
      32);
  CHECK_EQ(pod_test_unhex(inv + 32, 32,
                          "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"),
           32);
  CHECK_EQ(pod_test_unhex(inv + 64, 32,
                          "8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394"),
           32);
  const uint64_t nonce = 7, now = 1700000000;
  for (int i = 0; i < 8; i++) {
    inv[96 + i] = (uint8_t)(nonce >> (8 * i));
    inv[104 + i] = (uint8_t)(now >> (8 * i));
  }
  pod_keccak256(out, inv, sizeof inv);
  CHECK_HEX(out, 32, "80873c648130d0f7be7711e95b4b3add9aa4a8dd4173c4475eee4b404015ee6e");

  /* PROTOCOL.md §8 content hashes. */
  content_hash(out, "hello world");
  CHECK_HEX(out, 32, "001e332a8d817b5fb3b49af17074488b700c13e2d2611e4aaec24704bcc6c60c");
  content_hash(out, "OpenAI");
  CHECK_HEX(out, 32, "002f5def325e554d0601b6a3fcb788ae8f071f39ef85baae22c27e11046a4202");
  content_hash(out, "");
  CHECK_HEX(out, 32, "001a944cf13a9a1c08facb2c9e98623ef3254d2ddb48113885c3e8e97fec8db9");
  content_hash(out, "hello");
  CHECK_HEX(out, 32, "003ccb52247fc9969ba7663a4b149f4904175900b6980c7543a2a65d51d85106");

  /* final resets the state: the same object hashes a second message. */
  pod_keccak256_t h;
  pod_keccak256_init(&h);
  pod_keccak256_update(&h, "x", 1);
  pod_keccak256_final(&h, out);
  pod_keccak256_update(&h, "abc", 3);
  pod_keccak256_final(&h, out);
  CHECK_HEX(out, 32, "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
  /* NULL with size 0 is the empty message. */
  pod_keccak256(out, NULL, 0);
  CHECK_HEX(out, 32, "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  TEST_DONE();
}
