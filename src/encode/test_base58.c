/* base58: known answers, the fixed paths against the general one, the limb code against a
 * plain digit-at-a-time reference, strictness (alphabet, exact sizes, no over-read) and the
 * buffer-size contract. */
#include "pod/encode.h"
#include "test/pod_test.h"

#include <sodium.h>

/* Reference encoder: the schoolbook algorithm, one byte and one digit at a time. */
static size_t ref_encode(char *out, const uint8_t *in, size_t n) {
  static const char alpha[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  uint8_t dig[1024]; /* little-endian base-58 digits; 1024 >= 1.37 * 700 */
  size_t nd = 0, z = 0, len = 0;
  while (z < n && in[z] == 0)
    z++;
  for (size_t i = z; i < n; i++) {
    unsigned carry = in[i];
    for (size_t j = 0; j < nd; j++) {
      carry += (unsigned)dig[j] * 256u;
      dig[j] = (uint8_t)(carry % 58u);
      carry /= 58u;
    }
    while (carry) {
      dig[nd++] = (uint8_t)(carry % 58u);
      carry /= 58u;
    }
  }
  for (size_t i = 0; i < z; i++)
    out[len++] = '1';
  while (nd)
    out[len++] = alpha[dig[--nd]];
  out[len] = '\0';
  return len;
}

static const struct {
  const char *hex, *b58;
} vectors[] = {
    {"", ""},
    {"00", "1"},
    {"0000", "11"},
    {"00000000000000000000", "1111111111"},
    {"61", "2g"},
    {"626262", "a3gV"},
    {"636363", "aPEr"},
    {"10c8511e", "Rt5zm"},
    {"572e4794", "3EFU7m"},
    {"516b6fcd0f", "ABnLTmg"},
    {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
    {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
    {"48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"}, /* "Hello World!" */
    {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
    {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
};

/* 32-byte known answers: Solana addresses. */
static const struct {
  const char *hex, *b58;
} vectors32[] = {
    {"0000000000000000000000000000000000000000000000000000000000000000",
     "11111111111111111111111111111111"}, /* system program */
    {"f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8",
     "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps"}, /* PoD program id */
    {"8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c",
     "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9"}, /* ed25519 public key of seed 01 x 32 */
    {"8139770ea87d175f56a35466c34c7ecccb8d8a91b4ee37a25df60f5b8fc9b394",
     "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu"}, /* seed 02 x 32 */
    {"0306466fe5211732ffecadba72c39be7bc8ce5bbc5f7126b2c439b3a40000000",
     "ComputeBudget111111111111111111111111111111"},
    {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG"}, /* the longest: 44 characters */
    {"00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
     "14uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofL"},
};

/* Decodes through every path that applies and checks they agree with `want` (NULL: must fail
 * with POD_EDECODE everywhere). The text is copied to an exact-size heap block so ASan catches
 * any read past in_len. */
static void check_decode_all(const char *text, const uint8_t *want, size_t want_n) {
  size_t len = strlen(text);
  char *t = malloc(len ? len : 1);
  memcpy(t, text, len);
  uint8_t out[256];
  size_t n = 9999;
  int r = pod_base58_decode(out, sizeof out, &n, t, len);
  if (want) {
    CHECK_EQ(r, POD_OK);
    CHECK_EQ(n, want_n);
    CHECK(r == POD_OK && memcmp(out, want, want_n) == 0);
  } else {
    CHECK_EQ(r, POD_EDECODE);
  }
  uint8_t f[64];
  memset(f, 0xAA, sizeof f);
  r = pod_base58_decode_32(f, t, len);
  CHECK_EQ(r, want && want_n == 32 ? POD_OK : POD_EDECODE);
  if (r == POD_OK)
    CHECK(memcmp(f, want, 32) == 0);
  else
    CHECK(f[0] == 0xAA && f[31] == 0xAA); /* untouched on failure */
  memset(f, 0xAA, sizeof f);
  r = pod_base58_decode_64(f, t, len);
  CHECK_EQ(r, want && want_n == 64 ? POD_OK : POD_EDECODE);
  if (r == POD_OK)
    CHECK(memcmp(f, want, 64) == 0);
  else
    CHECK(f[0] == 0xAA && f[63] == 0xAA);
  free(t);
}

static void test_vectors(void) {
  for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
    uint8_t bin[64];
    long n = pod_test_unhex(bin, sizeof bin, vectors[i].hex);
    CHECK(n >= 0);
    char txt[128];
    size_t len = 9999;
    CHECK_EQ(pod_base58_encode(txt, sizeof txt, &len, bin, (size_t)n), POD_OK);
    CHECK_STR(txt, vectors[i].b58);
    CHECK_EQ(len, strlen(vectors[i].b58));
    CHECK(len <= POD_BASE58_ENC_MAX((size_t)n));
    check_decode_all(vectors[i].b58, bin, (size_t)n);
  }
  for (size_t i = 0; i < sizeof vectors32 / sizeof vectors32[0]; i++) {
    uint8_t bin[32];
    CHECK_EQ(pod_test_unhex(bin, sizeof bin, vectors32[i].hex), 32);
    char txt[POD_BASE58_32_SZ];
    CHECK(pod_base58_encode_32(txt, bin) == txt);
    CHECK_STR(txt, vectors32[i].b58);
    check_decode_all(vectors32[i].b58, bin, 32);
  }
  /* 64 bytes: all 0xff is the longest text (88 characters); all zero is 64 '1's. */
  uint8_t b64[64];
  char t64[POD_BASE58_64_SZ];
  memset(b64, 0xff, sizeof b64);
  CHECK_STR(pod_base58_encode_64(t64, b64),
            "67rpwLCuS5DGA8KGZXKsVQ7dnPb9goRLoKfgGbLfQg9WoLUgNY77E2jT11f"
            "em3coV9nAkguBACzrU1iyZM4B8roQ");
  CHECK_EQ(strlen(t64), 88);
  check_decode_all(t64, b64, 64);
  memset(b64, 0, sizeof b64);
  pod_base58_encode_64(t64, b64);
  CHECK_EQ(strlen(t64), 64);
  CHECK_EQ(strspn(t64, "1"), 64);
  check_decode_all(t64, b64, 64);
}

/* Random inputs with random runs of leading zeros: limb code == reference; fixed == general;
 * decode inverts encode. */
static void test_random(void) {
  for (int iter = 0; iter < 3000; iter++) {
    uint8_t in[300];
    size_t n = iter < 1000 ? 32 : iter < 2000 ? 64 : randombytes_uniform(sizeof in + 1);
    randombytes_buf(in, n);
    size_t zeros = n ? randombytes_uniform((uint32_t)n + 1) : 0;
    if (iter % 3 == 0) zeros = 0;
    memset(in, 0, zeros);

    char want[512], got[512];
    size_t want_len = ref_encode(want, in, n), got_len = 0;
    CHECK_EQ(pod_base58_encode(got, sizeof got, &got_len, in, n), POD_OK);
    CHECK_STR(got, want);
    CHECK_EQ(got_len, want_len);
    CHECK(got_len <= POD_BASE58_ENC_MAX(n));
    /* exactly len + 1 is enough; len is not */
    CHECK_EQ(pod_base58_encode(got, want_len + 1, NULL, in, n), POD_OK);
    CHECK_EQ(pod_base58_encode(got, want_len, NULL, in, n), POD_ENOSPC);

    uint8_t back[300];
    size_t bn = 0;
    CHECK_EQ(pod_base58_decode(back, sizeof back, &bn, want, want_len), POD_OK);
    CHECK(bn == n && memcmp(back, in, n) == 0);
    /* exact-size output buffer works, one byte less does not */
    CHECK_EQ(pod_base58_decode(back, n, &bn, want, want_len), POD_OK);
    if (n) CHECK_EQ(pod_base58_decode(back, n - 1, &bn, want, want_len), POD_ENOSPC);

    if (n == 32) {
      char f[POD_BASE58_32_SZ];
      CHECK_STR(pod_base58_encode_32(f, in), want);
      uint8_t d[32];
      CHECK_EQ(pod_base58_decode_32(d, want, want_len), POD_OK);
      CHECK(memcmp(d, in, 32) == 0);
      CHECK_EQ(pod_base58_decode_64(back, want, want_len), POD_EDECODE);
    } else if (n == 64) {
      char f[POD_BASE58_64_SZ];
      CHECK_STR(pod_base58_encode_64(f, in), want);
      uint8_t d[64];
      CHECK_EQ(pod_base58_decode_64(d, want, want_len), POD_OK);
      CHECK(memcmp(d, in, 64) == 0);
      CHECK_EQ(pod_base58_decode_32(back, want, want_len), POD_EDECODE);
    } else {
      CHECK_EQ(pod_base58_decode_32(back, want, want_len), POD_EDECODE);
      CHECK_EQ(pod_base58_decode_64(back, want, want_len), POD_EDECODE);
    }
  }
}

static void test_bad_chars(void) {
  const char *good = "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps";
  const char bad[] = {'0', 'O',  'I',  'l',        ' ',        '+',       '/',
                      '=', '\n', '\0', (char)0x80, (char)0xc3, (char)0xff};
  for (size_t i = 0; i < sizeof bad; i++) {
    for (size_t pos = 0; pos < 44; pos += 43) { /* first and last character */
      char t[45];
      memcpy(t, good, 45);
      t[pos] = bad[i];
      uint8_t out[64];
      size_t n;
      CHECK_EQ(pod_base58_decode(out, sizeof out, &n, t, 44), POD_EDECODE);
      CHECK_EQ(pod_base58_decode_32(out, t, 44), POD_EDECODE);
      /* a bad character wins over a too-small buffer */
      CHECK_EQ(pod_base58_decode(out, 1, &n, t, 44), POD_EDECODE);
    }
  }
  check_decode_all("0", NULL, 0);
  check_decode_all("1O", NULL, 0);
  check_decode_all(" 2g", NULL, 0);
  check_decode_all("2g ", NULL, 0);
  check_decode_all("\xc3\xa9", NULL, 0); /* UTF-8 e-acute */
}

/* decode_32/64 take exactly 32/64 bytes, nothing more or less. */
static void test_fixed_sizes(void) {
  uint8_t in[66], out[64];
  char t[128];
  memset(in, 0xff, sizeof in);
  /* 31 and 33 bytes, with and without leading zeros */
  for (size_t n = 30; n <= 34; n++) {
    for (int lead = 0; lead < 2; lead++) {
      in[0] = lead ? 0 : 0xff;
      size_t len;
      CHECK_EQ(pod_base58_encode(t, sizeof t, &len, in, n), POD_OK);
      CHECK_EQ(pod_base58_decode_32(out, t, len), n == 32 ? POD_OK : POD_EDECODE);
    }
  }
  for (size_t n = 62; n <= 66; n++) {
    in[0] = 0xff;
    size_t len;
    CHECK_EQ(pod_base58_encode(t, sizeof t, &len, in, n), POD_OK);
    CHECK_EQ(pod_base58_decode_64(out, t, len), n == 64 ? POD_OK : POD_EDECODE);
  }
  /* 31 and 33 '1's: 31 or 33 zero bytes */
  memset(t, '1', sizeof t);
  CHECK_EQ(pod_base58_decode_32(out, t, 31), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_32(out, t, 32), POD_OK);
  CHECK_EQ(pod_base58_decode_32(out, t, 33), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_64(out, t, 63), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_64(out, t, 64), POD_OK);
  CHECK_EQ(pod_base58_decode_64(out, t, 65), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_32(out, "", 0), POD_EDECODE);
  /* 44 'z's is above 2^256; 88 'z's above 2^512; one digit past the maximum too */
  memset(t, 'z', sizeof t);
  CHECK_EQ(pod_base58_decode_32(out, t, 44), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_64(out, t, 88), POD_EDECODE);
  CHECK_EQ(pod_base58_decode_32(out, "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFH", 44),
           POD_EDECODE);
  CHECK_EQ(pod_base58_decode_32(out, "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG", 44), POD_OK);
  /* over-long text: a valid 32-byte key with '1's in front is 33+ bytes, and too long */
  CHECK_EQ(pod_base58_decode_32(out, "1HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps", 45),
           POD_EDECODE);
  memset(t, '1', sizeof t);
  CHECK_EQ(pod_base58_decode_32(out, t, 100), POD_EDECODE);
  /* in_len is honoured: bytes after it are not looked at, and a prefix is another value */
  CHECK_EQ(pod_base58_decode_32(out, "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps0O", 44), POD_OK);
  CHECK_HEX(out, 32, "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8");
  uint8_t pre[32];
  if (pod_base58_decode_32(pre, "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps", 43) == POD_OK)
    CHECK(memcmp(pre, out, 32) != 0); /* a 43-digit prefix can still be a 32-byte value */
  CHECK_EQ(pod_base58_decode_32(NULL, "1", 1), POD_EINVAL);
  CHECK_EQ(pod_base58_decode_32(out, NULL, 0), POD_EINVAL);
}

static void test_sizes(void) {
  const uint8_t hello[] = "Hello World!";
  char t[32];
  size_t len = 77;
  /* 17 characters need 18 bytes */
  memset(t, 'x', sizeof t);
  CHECK_EQ(pod_base58_encode(t, 17, &len, hello, 12), POD_ENOSPC);
  CHECK_EQ(t[0], '\0');
  CHECK_EQ(len, 77); /* not written on failure */
  CHECK_EQ(pod_base58_encode(t, 18, &len, hello, 12), POD_OK);
  CHECK_STR(t, "2NEpo7TZRRrLZSi2U");
  CHECK_EQ(pod_base58_encode(NULL, 0, NULL, hello, 12), POD_ENOSPC);
  CHECK_EQ(pod_base58_encode(t, 0, NULL, NULL, 0), POD_ENOSPC); /* even "" needs its NUL */
  CHECK_EQ(pod_base58_encode(t, 1, &len, NULL, 0), POD_OK);
  CHECK_EQ(len, 0);
  CHECK_EQ(pod_base58_encode(NULL, 5, NULL, hello, 1), POD_EINVAL);
  CHECK_EQ(pod_base58_encode(t, sizeof t, NULL, NULL, 1), POD_EINVAL);
  /* leading zeros need their '1's too */
  const uint8_t zeros[4] = {0};
  CHECK_EQ(pod_base58_encode(t, 4, NULL, zeros, 4), POD_ENOSPC);
  CHECK_EQ(pod_base58_encode(t, 5, NULL, zeros, 4), POD_OK);
  CHECK_STR(t, "1111");

  uint8_t out[16];
  memset(out, 0xAA, sizeof out);
  CHECK_EQ(pod_base58_decode(out, 11, &len, "2NEpo7TZRRrLZSi2U", 17), POD_ENOSPC);
  CHECK_EQ(out[0], 0xAA); /* not written on failure */
  CHECK_EQ(pod_base58_decode(out, 12, &len, "2NEpo7TZRRrLZSi2U", 17), POD_OK);
  CHECK_EQ(len, 12);
  CHECK_EQ(pod_base58_decode(out, 2, &len, "111", 3), POD_ENOSPC);
  CHECK_EQ(pod_base58_decode(out, 3, &len, "111", 3), POD_OK);
  CHECK_EQ(pod_base58_decode(out, 3, &len, "112g", 4), POD_OK);
  CHECK_HEX(out, 3, "000061");
  CHECK_EQ(pod_base58_decode(out, 2, &len, "112g", 4), POD_ENOSPC);
  CHECK_EQ(pod_base58_decode(NULL, 0, &len, "", 0), POD_OK);
  CHECK_EQ(len, 0);
  CHECK_EQ(pod_base58_decode(NULL, 0, &len, NULL, 0), POD_OK);
  CHECK_EQ(pod_base58_decode(NULL, 0, &len, "2g", 2), POD_ENOSPC);
  CHECK_EQ(pod_base58_decode(out, sizeof out, &len, NULL, 1), POD_EINVAL);
  CHECK_EQ(pod_base58_decode(NULL, 1, &len, "2g", 2), POD_EINVAL);
}

/* The POD_BASE58_DATA_MAX cap: reached exactly, exceeded, and not counting leading zeros. */
static void test_cap(void) {
  enum { BIG = POD_BASE58_DATA_MAX + 1000 };
  static uint8_t in[BIG], back[8192];
  static char t[POD_BASE58_ENC_MAX(BIG) + 1];
  size_t len, n;
  randombytes_buf(in, sizeof in);
  in[0] = 0xff;
  CHECK_EQ(pod_base58_encode(t, sizeof t, &len, in, POD_BASE58_DATA_MAX), POD_OK);
  CHECK(len <= POD_BASE58_ENC_MAX(POD_BASE58_DATA_MAX));
  CHECK_EQ(pod_base58_decode(back, sizeof back, &n, t, len), POD_OK);
  CHECK(n == POD_BASE58_DATA_MAX && memcmp(back, in, n) == 0);
  CHECK_EQ(pod_base58_decode(back, POD_BASE58_DATA_MAX - 1, &n, t, len), POD_ENOSPC);
  CHECK_EQ(pod_base58_encode(t, sizeof t, &len, in, POD_BASE58_DATA_MAX + 1), POD_ETOOLARGE);
  CHECK_EQ(t[0], '\0');
  /* leading zeros do not count */
  memset(in, 0, 1000);
  in[1000] = 0x01;
  CHECK_EQ(pod_base58_encode(t, sizeof t, &len, in, BIG), POD_OK);
  CHECK_EQ(strspn(t, "1"), 1000);
  CHECK_EQ(pod_base58_decode(back, sizeof back, &n, t, len), POD_OK);
  CHECK(n == BIG && memcmp(back, in, BIG) == 0);
  /* a long run of 'z's: too large for the cap, or for a small buffer */
  memset(t, 'z', 6000);
  CHECK_EQ(pod_base58_decode(back, sizeof back, &n, t, 6000), POD_ETOOLARGE);
  CHECK_EQ(pod_base58_decode(back, 100, &n, t, 6000), POD_ENOSPC);
  memset(t, '1', 6000);
  CHECK_EQ(pod_base58_decode(back, sizeof back, &n, t, 6000), POD_OK);
  CHECK_EQ(n, 6000);
}

int main(void) {
  CHECK_EQ(pod_init(), POD_OK);
  test_vectors();
  test_random();
  test_bad_chars();
  test_fixed_sizes();
  test_sizes();
  test_cap();
  TEST_DONE();
}
