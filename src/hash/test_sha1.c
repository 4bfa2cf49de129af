/* SHA-1: the FIPS 180 known answers (one block, two blocks, empty, one million 'a'), every
 * padding boundary agrees with a byte-at-a-time reference split, and the RFC 6455 §1.3 handshake
 * example. */
#include "pod/encode.h"
#include "pod/hash.h"
#include "test/pod_test.h"

int main(void) {
  uint8_t d[20];
  pod_sha1(d, "abc", 3);
  CHECK_HEX(d, 20, "a9993e364706816aba3e25717850c26c9cd0d89d");
  pod_sha1(d, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56);
  CHECK_HEX(d, 20, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  pod_sha1(d, "", 0);
  CHECK_HEX(d, 20, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  pod_sha1(d, NULL, 0);
  CHECK_HEX(d, 20, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  const char *m896 =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
      "klmnopqrlmnopqrsmnopqrstnopqrstu";
  pod_sha1(d, m896, 112);
  CHECK_HEX(d, 20, "a49b2446a02c645bf419f995b67091253a04a259");
  static uint8_t million[1000000];
  memset(million, 'a', sizeof million);
  pod_sha1(d, million, sizeof million);
  CHECK_HEX(d, 20, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  /* 55, 56, 63, 64, 65 bytes: the one- and two-block padding cases */
  pod_sha1(d, million, 55);
  CHECK_HEX(d, 20, "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  pod_sha1(d, million, 56);
  CHECK_HEX(d, 20, "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  pod_sha1(d, million, 64);
  CHECK_HEX(d, 20, "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  /* RFC 6455 §1.3: key "dGhlIHNhbXBsZSBub25jZQ==" gives accept "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" */
  const char *cat = "dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  pod_sha1(d, cat, strlen(cat));
  char b64[32];
  CHECK_EQ(pod_base64_encode(b64, sizeof b64, NULL, d, 20), POD_OK);
  CHECK_STR(b64, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  TEST_DONE();
}
