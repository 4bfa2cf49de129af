/* base64: RFC 4648 §10 known answers, round trips, and strictness: whitespace, missing or
 * misplaced padding, non-canonical unused bits, other alphabets, trailing bytes. */
#include "pod/encode.h"
#include "test/pod_test.h"

#include <sodium.h>

static const struct {
  const char *bin, *b64;
} vectors[] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

/* Decodes from an exact-size heap copy so ASan catches reads past in_len. */
static int dec(uint8_t *out, size_t out_sz, size_t *out_len, const char *text) {
  size_t len = strlen(text);
  char *t = malloc(len ? len : 1);
  memcpy(t, text, len);
  int r = pod_base64_decode(out, out_sz, out_len, t, len);
  free(t);
  return r;
}

int main(void) {
  CHECK_EQ(pod_init(), POD_OK);
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    size_t n = strlen(vectors[i].bin), len = 99;
    char t[16];
    CHECK_EQ(pod_base64_encode(t, sizeof t, &len, (const uint8_t *)vectors[i].bin, n), POD_OK);
    CHECK_STR(t, vectors[i].b64);
    CHECK_EQ(len, strlen(vectors[i].b64));
    CHECK_EQ(POD_BASE64_ENC_SZ(n), len + 1);
    /* the exact size is enough, one less is not */
    CHECK_EQ(pod_base64_encode(t, len + 1, NULL, (const uint8_t *)vectors[i].bin, n), POD_OK);
    CHECK_EQ(pod_base64_encode(t, len, NULL, (const uint8_t *)vectors[i].bin, n), POD_ENOSPC);
    if (len) CHECK_EQ(t[0], '\0');
    uint8_t b[16];
    size_t bn = 99;
    CHECK_EQ(dec(b, sizeof b, &bn, vectors[i].b64), POD_OK);
    CHECK(bn == n && memcmp(b, vectors[i].bin, n) == 0);
    CHECK_EQ(dec(b, n, &bn, vectors[i].b64), POD_OK);
    if (n) CHECK_EQ(dec(b, n - 1, &bn, vectors[i].b64), POD_ENOSPC);
  }

  static const char *bad[] = {
      "Zg",    "Zg=",       "Zg===",    "Zm9vYg",   "Zm9vYg=",  /* missing padding */
      "=",     "====",      "Z===",     "Zm9=YmFy", "Zg==Zg==", /* misplaced padding */
      "Zh==",  "Zm9=",      "Zm8A====",                         /* non-zero unused bits */
      " Zm9v", "Zm9v ",     "Zm9v\n",   "Zm\n9v",   "Zm9v\r\n", /* whitespace */
      "Zm-v",  "Zm_v",      "Zm.v",     "Zm9v\xff", "Zm9v====", /* alphabet, trailing */
      "Zm9vY", "Zm9vYmFy=",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    uint8_t b[64];
    size_t bn;
    int r = dec(b, sizeof b, &bn, bad[i]);
    if (r != POD_EDECODE) fprintf(stderr, "accepted or wrong error %d: \"%s\"\n", r, bad[i]);
    CHECK_EQ(r, POD_EDECODE);
  }
  /* a NUL inside the text is a bad character, not an end */
  uint8_t b[16];
  size_t bn;
  CHECK_EQ(pod_base64_decode(b, sizeof b, &bn, "Zm9v\0\0\0\0", 8), POD_EDECODE);
  CHECK_EQ(pod_base64_decode(b, sizeof b, &bn, "Zg==\0", 4), POD_OK); /* in_len honoured */
  CHECK_EQ(pod_base64_decode(NULL, 0, &bn, NULL, 0), POD_OK);
  CHECK_EQ(bn, 0);
  CHECK_EQ(pod_base64_decode(NULL, 0, &bn, "Zg==", 4), POD_ENOSPC);
  CHECK_EQ(pod_base64_decode(b, sizeof b, &bn, NULL, 4), POD_EINVAL);
  CHECK_EQ(pod_base64_encode(NULL, 0, NULL, NULL, 0), POD_ENOSPC);
  CHECK_EQ(pod_base64_encode(NULL, 5, NULL, b, 1), POD_EINVAL);

  /* round trips of random sizes */
  for (int iter = 0; iter < 500; iter++) {
    uint8_t in[200], back[200];
    size_t n = randombytes_uniform(sizeof in + 1), len, got;
    randombytes_buf(in, n);
    char t[POD_BASE64_ENC_SZ(200)];
    CHECK_EQ(pod_base64_encode(t, sizeof t, &len, in, n), POD_OK);
    CHECK_EQ(len, strlen(t));
    CHECK(POD_BASE64_DEC_MAX(len) >= n);
    CHECK_EQ(pod_base64_decode(back, sizeof back, &got, t, len), POD_OK);
    CHECK(got == n && memcmp(back, in, n) == 0);
  }
  TEST_DONE();
}
