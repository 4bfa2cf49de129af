/* hex: known answers, either case accepted on input, strictness, buffer sizes. */
#include "pod/encode.h"
#include "test/pod_test.h"

#include <sodium.h>

int main(void) {
  CHECK_EQ(pod_init(), POD_OK);
  const uint8_t bin[] = {0x00, 0x01, 0xab, 0xff, 0x7f};
  char t[16];
  CHECK_EQ(pod_hex_encode(t, sizeof t, bin, sizeof bin), POD_OK);
  CHECK_STR(t, "0001abff7f");
  CHECK_EQ(pod_hex_encode(t, 11, bin, sizeof bin), POD_OK);
  CHECK_EQ(pod_hex_encode(t, 10, bin, sizeof bin), POD_ENOSPC);
  CHECK_EQ(t[0], '\0');
  CHECK_EQ(pod_hex_encode(t, 1, NULL, 0), POD_OK);
  CHECK_STR(t, "");
  CHECK_EQ(pod_hex_encode(NULL, 0, NULL, 0), POD_ENOSPC);
  CHECK_EQ(pod_hex_encode(NULL, 3, bin, 1), POD_EINVAL);

  uint8_t out[8];
  size_t n = 99;
  CHECK_EQ(pod_hex_decode(out, sizeof out, &n, "0001ABff7F", 10), POD_OK);
  CHECK_EQ(n, 5);
  CHECK(memcmp(out, bin, 5) == 0);
  CHECK_EQ(pod_hex_decode(out, 5, &n, "0001abff7f", 10), POD_OK);
  CHECK_EQ(pod_hex_decode(out, 4, &n, "0001abff7f", 10), POD_ENOSPC);
  CHECK_EQ(pod_hex_decode(out, sizeof out, &n, "0001abff7f", 4), POD_OK); /* in_len honoured */
  CHECK_EQ(n, 2);
  CHECK_EQ(pod_hex_decode(NULL, 0, &n, "", 0), POD_OK);
  CHECK_EQ(n, 0);
  CHECK_EQ(pod_hex_decode(out, sizeof out, &n, NULL, 2), POD_EINVAL);

  static const char *bad[] = {"abc",  "0",    "0g", "g0", " 00",      "00 ",
                              "0x00", "00\n", "-1", "0:", "\xff\xff", "zz"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    size_t len = strlen(bad[i]);
    char *c = malloc(len); /* exact size: ASan catches over-reads */
    memcpy(c, bad[i], len);
    CHECK_EQ(pod_hex_decode(out, sizeof out, &n, c, len), POD_EDECODE);
    free(c);
  }
  CHECK_EQ(pod_hex_decode(out, sizeof out, &n, "00\0\0", 4), POD_EDECODE);

  for (int iter = 0; iter < 200; iter++) {
    uint8_t in[64], back[64];
    char h[POD_HEX_ENC_SZ(64)];
    size_t len = randombytes_uniform(sizeof in + 1);
    randombytes_buf(in, len);
    CHECK_EQ(pod_hex_encode(h, sizeof h, in, len), POD_OK);
    CHECK_EQ(strlen(h), 2 * len);
    CHECK_EQ(pod_hex_decode(back, sizeof back, &n, h, 2 * len), POD_OK);
    CHECK(n == len && memcmp(back, in, len) == 0);
  }
  TEST_DONE();
}
