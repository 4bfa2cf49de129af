/* SHA-256 wrapper: FIPS 180 known answers, streaming equals one-shot, and a copied state resumes
 * independently (what pod_pda_find relies on). */
#include "pod/hash.h"
#include "test/pod_test.h"

int main(void) {
  uint8_t out[32], out2[32];
  pod_sha256(out, "", 0);
  CHECK_HEX(out, 32, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  pod_sha256(out, "abc", 3);
  CHECK_HEX(out, 32, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  pod_sha256(out, "hello", 5);
  CHECK_HEX(out, 32, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  pod_sha256(out, m448, strlen(m448));
  CHECK_HEX(out, 32, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

  /* Streaming in odd pieces. */
  static uint8_t buf[1000];
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = (uint8_t)(i * 13 + 5);
  pod_sha256(out, buf, sizeof buf);
  pod_sha256_t h;
  pod_sha256_init(&h);
  for (size_t off = 0, k = 1; off < sizeof buf; k += 6) {
    size_t n = k < sizeof buf - off ? k : sizeof buf - off;
    pod_sha256_update(&h, buf + off, n);
    off += n;
  }
  pod_sha256_final(&h, out2);
  CHECK(memcmp(out, out2, 32) == 0);

  /* A struct copy of the state continues on its own. */
  pod_sha256_t a, b;
  pod_sha256_init(&a);
  pod_sha256_update(&a, "hel", 3);
  b = a;
  pod_sha256_update(&b, "lo", 2);
  pod_sha256_final(&b, out);
  CHECK_HEX(out, 32, "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  pod_sha256_update(&a, "p", 1);
  pod_sha256_final(&a, out);
  pod_sha256(out2, "help", 4);
  CHECK(memcmp(out, out2, 32) == 0);
  /* NULL with size 0 is the empty message. */
  pod_sha256(out, NULL, 0);
  CHECK_HEX(out, 32, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  TEST_DONE();
}
