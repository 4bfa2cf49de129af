/* Borsh writer/reader and UTF-8 validation: known answers from PROTOCOL.md §2.1/§6.2, the strict
 * decode rules, sticky errors, and an exhaustive differential check of pod_utf8_valid. */
#include "pod/borsh.h"
#include "test/pod_test.h"

static const uint8_t REGISTER_AGENT_DISC[8] = {0x87, 0x9d, 0x42, 0xc3, 0x02, 0x71, 0xaf, 0x1e};
static const char URI[] = "https://example.com/agent.json";

static void test_writer_kat(void) {
  uint8_t buf[128];
  size_t len = 0;
  pod_borsh_writer_t w;
  pod_pubkey_t pk;
  for (int i = 0; i < 32; i++)
    pk.b[i] = (uint8_t)i;

  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_u8(&w, 0xab);
  pod_borsh_put_bool(&w, 7); /* any non-zero is true */
  pod_borsh_put_bool(&w, 0);
  pod_borsh_put_u16(&w, 0x1234);
  pod_borsh_put_u32(&w, 0xdeadbeef);
  pod_borsh_put_u64(&w, UINT64_C(0x0102030405060708));
  pod_borsh_put_i64(&w, -2);
  pod_borsh_put_i64(&w, INT64_MIN);
  pod_borsh_put_option(&w, 0);
  pod_borsh_put_option(&w, 5);
  pod_borsh_put_string(&w, "gm", 2);
  pod_borsh_put_string(&w, NULL, 0);
  pod_borsh_put_bytes(&w, "\x01\x02", 2);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_HEX(buf, len,
            "ab01003412efbeadde0807060504030201feffffffffffffff0000000000000080000102000000676d"
            "000000000102");
  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_pubkey(&w, &pk);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_EQ(len, 32);
  CHECK(!memcmp(buf, pk.b, 32));
  CHECK_EQ(pod_borsh_writer_finish(&w, NULL), POD_OK);
}

/* PROTOCOL.md §6.2 and the further instruction-data vectors there. */
static void test_instruction_vectors(void) {
  uint8_t buf[128];
  size_t len = 0;
  pod_borsh_writer_t w;

  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_bytes(&w, REGISTER_AGENT_DISC, 8);
  pod_borsh_put_u64(&w, 1);
  pod_borsh_put_string(&w, URI, strlen(URI));
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_EQ(len, 50);
  CHECK_HEX(
      buf, len,
      "879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e636f6d2f6167656e"
      "742e6a736f6e");

  /* broadcast_message("gm", Text, None, 1) */
  static const uint8_t bm[8] = {0xfd, 0x90, 0xcb, 0x2a, 0xdb, 0x7a, 0x93, 0x61};
  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_bytes(&w, bm, 8);
  pod_borsh_put_string(&w, "gm", 2);
  pod_borsh_put_u8(&w, 0);     /* MessageType::Text */
  pod_borsh_put_option(&w, 0); /* reply_to: None */
  pod_borsh_put_u64(&w, 1);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_HEX(buf, len, "fd90cb2adb7a936102000000676d00000100000000000000");

  /* update_channel(None, None, None, None, Some(true)) */
  static const uint8_t uc[8] = {0x4b, 0xcc, 0x5e, 0xa5, 0x3c, 0xb4, 0xc1, 0xd9};
  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_bytes(&w, uc, 8);
  for (int i = 0; i < 4; i++)
    pod_borsh_put_option(&w, 0);
  pod_borsh_put_option(&w, 1);
  pod_borsh_put_bool(&w, 1);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_HEX(buf, len, "4bcc5ea53cb4c1d9000000000101");

  /* create_channel("general", "General chat", Public, 100, 0) */
  static const uint8_t cc[8] = {0x25, 0x69, 0xfd, 0x63, 0x57, 0x2e, 0xdf, 0x14};
  pod_borsh_writer_init(&w, buf, sizeof buf);
  pod_borsh_put_bytes(&w, cc, 8);
  pod_borsh_put_string(&w, "general", 7);
  pod_borsh_put_string(&w, "General chat", 12);
  pod_borsh_put_u8(&w, 0);
  pod_borsh_put_u32(&w, 100);
  pod_borsh_put_u64(&w, 0);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_HEX(buf, len,
            "2569fd63572edf140700000067656e6572616c0c00000047656e6572616c20636861740064000000000000"
            "0000000000");

  /* and read the register_agent arguments back */
  pod_borsh_reader_t r;
  uint8_t disc[8];
  uint64_t caps;
  const char *s;
  uint32_t slen;
  static uint8_t data[50];
  CHECK_EQ(
      pod_test_unhex(data, sizeof data,
                     "879d42c30271af1e01000000000000001e00000068747470733a2f2f6578616d706c652e63"
                     "6f6d2f6167656e742e6a736f6e"),
      50);
  pod_borsh_reader_init(&r, data, sizeof data);
  pod_borsh_get_bytes(&r, disc, 8);
  pod_borsh_get_u64(&r, &caps);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &slen, 200), POD_OK);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
  CHECK(!memcmp(disc, REGISTER_AGENT_DISC, 8));
  CHECK_EQ(caps, 1);
  CHECK_EQ(slen, 30);
  CHECK(s == (const char *)data + 20); /* zero-copy view */
  CHECK(!memcmp(s, URI, 30));
}

static void test_writer_errors(void) {
  uint8_t buf[8];
  size_t len = 99;
  pod_borsh_writer_t w;

  /* exact fit */
  pod_borsh_writer_init(&w, buf, 8);
  pod_borsh_put_u64(&w, 5);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_EQ(len, 8);

  /* one byte short: sticky POD_ENOSPC, later puts are no-ops even if they would fit */
  pod_borsh_writer_init(&w, buf, 7);
  pod_borsh_put_u32(&w, 1);
  pod_borsh_put_u32(&w, 2);
  CHECK_EQ(w.err, POD_ENOSPC);
  CHECK_EQ(w.off, 4);
  pod_borsh_put_u8(&w, 3);
  CHECK_EQ(w.off, 4);
  len = 99;
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_ENOSPC);
  CHECK_EQ(len, 99); /* untouched on failure */

  /* a string whose prefix fits but not its bytes */
  pod_borsh_writer_init(&w, buf, 8);
  pod_borsh_put_string(&w, "hello", 5);
  CHECK_EQ(pod_borsh_writer_finish(&w, NULL), POD_ENOSPC);

  /* NULL buffer, NULL data */
  pod_borsh_writer_init(&w, NULL, 100);
  pod_borsh_put_u8(&w, 1);
  CHECK_EQ(pod_borsh_writer_finish(&w, NULL), POD_ENOSPC);
  pod_borsh_writer_init(&w, buf, 8);
  pod_borsh_put_bytes(&w, NULL, 3);
  CHECK_EQ(pod_borsh_writer_finish(&w, NULL), POD_EINVAL);
  pod_borsh_writer_init(&w, buf, 8);
  pod_borsh_put_bytes(&w, NULL, 0); /* nothing to copy: fine */
  pod_borsh_put_pubkey(&w, NULL);
  CHECK_EQ(pod_borsh_writer_finish(&w, NULL), POD_EINVAL);
  pod_borsh_writer_init(&w, buf, 0);
  CHECK_EQ(pod_borsh_writer_finish(&w, &len), POD_OK);
  CHECK_EQ(len, 0);
}

static void test_reader_ints(void) {
  static const uint8_t in[] = {0xab, 0x01, 0x00, 0x34, 0x12, 0xef, 0xbe, 0xad, 0xde,
                               0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0xfe,
                               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00,
                               0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x00, 0x01};
  pod_borsh_reader_t r;
  uint8_t u8, b1, b0;
  uint16_t u16;
  uint32_t u32;
  uint64_t u64;
  int64_t i64a, i64b;
  int none, some;
  pod_borsh_reader_init(&r, in, sizeof in);
  CHECK_EQ(pod_borsh_get_u8(&r, &u8), POD_OK);
  CHECK_EQ(pod_borsh_get_bool(&r, &b1), POD_OK);
  CHECK_EQ(pod_borsh_get_bool(&r, &b0), POD_OK);
  CHECK_EQ(pod_borsh_get_u16(&r, &u16), POD_OK);
  CHECK_EQ(pod_borsh_get_u32(&r, &u32), POD_OK);
  CHECK_EQ(pod_borsh_get_u64(&r, &u64), POD_OK);
  CHECK_EQ(pod_borsh_get_i64(&r, &i64a), POD_OK);
  CHECK_EQ(pod_borsh_get_i64(&r, &i64b), POD_OK);
  CHECK_EQ(pod_borsh_get_option(&r, &none), POD_OK);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_EDECODE); /* one byte left */
  CHECK_EQ(pod_borsh_get_option(&r, &some), POD_OK);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
  CHECK_EQ(u8, 0xab);
  CHECK_EQ(b1, 1);
  CHECK_EQ(b0, 0);
  CHECK_EQ(u16, 0x1234);
  CHECK_EQ(u32, 0xdeadbeef);
  CHECK(u64 == UINT64_C(0x0102030405060708));
  CHECK(i64a == -2);
  CHECK(i64b == INT64_MIN);
  CHECK_EQ(none, 0);
  CHECK_EQ(some, 1);
}

static void test_reader_rejects(void) {
  pod_borsh_reader_t r;
  uint8_t v8 = 9;
  uint32_t v32 = 9;
  uint64_t v64 = 9;
  int opt = 9;

  /* bool: only 0 and 1 */
  for (int b = 2; b < 256; b++) {
    uint8_t in = (uint8_t)b, out = 9;
    pod_borsh_reader_init(&r, &in, 1);
    CHECK_EQ(pod_borsh_get_bool(&r, &out), POD_EDECODE);
    CHECK_EQ(out, 0);
    CHECK_EQ(r.off, 0);
  }
  /* option tag: only 0 and 1 */
  {
    uint8_t in = 2;
    pod_borsh_reader_init(&r, &in, 1);
    CHECK_EQ(pod_borsh_get_option(&r, &opt), POD_EDECODE);
    CHECK_EQ(opt, 0);
  }
  /* short input, and stickiness: later getters fail and zero their output */
  {
    static const uint8_t in[7] = {1, 2, 3, 4, 5, 6, 7};
    pod_borsh_reader_init(&r, in, sizeof in);
    CHECK_EQ(pod_borsh_get_u64(&r, &v64), POD_EDECODE);
    CHECK(v64 == 0);
    CHECK_EQ(r.off, 0);
    CHECK_EQ(pod_borsh_get_u8(&r, &v8), POD_EDECODE); /* would fit, but the error sticks */
    CHECK_EQ(v8, 0);
    CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_EDECODE);
  }
  /* Vec count above the caller's cap */
  {
    static const uint8_t in[4] = {101, 0, 0, 0};
    pod_borsh_reader_init(&r, in, sizeof in);
    CHECK_EQ(pod_borsh_get_vec_len(&r, &v32, 100), POD_EDECODE);
    CHECK_EQ(v32, 0);
    pod_borsh_reader_init(&r, in, sizeof in);
    CHECK_EQ(pod_borsh_get_vec_len(&r, &v32, 101), POD_OK);
    CHECK_EQ(v32, 101);
  }
  /* fixed arrays */
  {
    static const uint8_t in[40] = {0};
    pod_pubkey_t pk;
    uint8_t b8[8];
    pod_borsh_reader_init(&r, in, 31);
    CHECK_EQ(pod_borsh_get_pubkey(&r, &pk), POD_EDECODE);
    pod_borsh_reader_init(&r, in, 40);
    CHECK_EQ(pod_borsh_get_pubkey(&r, &pk), POD_OK);
    CHECK_EQ(pod_borsh_get_bytes(&r, b8, 8), POD_OK);
    CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
    CHECK_EQ(pod_borsh_get_bytes(&r, NULL, 0), POD_OK); /* empty array at the end */
    CHECK_EQ(pod_borsh_get_bytes(&r, b8, 1), POD_EDECODE);
  }
  /* NULL buffer is empty */
  pod_borsh_reader_init(&r, NULL, 10);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
  CHECK_EQ(pod_borsh_get_u8(&r, NULL), POD_EDECODE);
}

static void test_reader_strings(void) {
  pod_borsh_reader_t r;
  const char *s = "x";
  uint32_t len = 9;
  /* a huge length must not be trusted: fails on the cap, then on the bounds */
  static const uint8_t huge[6] = {0xff, 0xff, 0xff, 0xff, 'a', 'b'};
  pod_borsh_reader_init(&r, huge, sizeof huge);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 200), POD_EDECODE);
  CHECK(s == NULL);
  CHECK_EQ(len, 0);
  CHECK_EQ(r.off, 0);
  pod_borsh_reader_init(&r, huge, sizeof huge);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, UINT32_MAX), POD_EDECODE);

  static const uint8_t ok[] = {3, 0, 0, 0, 0xe2, 0x82, 0xac}; /* "€" */
  pod_borsh_reader_init(&r, ok, sizeof ok);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 3), POD_OK);
  CHECK_EQ(len, 3);
  CHECK(s == (const char *)ok + 4);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
  pod_borsh_reader_init(&r, ok, sizeof ok);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 2), POD_EDECODE); /* cap is in bytes */

  static const uint8_t trunc[] = {3, 0, 0, 0, 0xe2, 0x82};
  pod_borsh_reader_init(&r, trunc, sizeof trunc);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 10), POD_EDECODE);

  static const uint8_t bad[] = {2, 0, 0, 0, 0xc0, 0x80}; /* overlong NUL */
  pod_borsh_reader_init(&r, bad, sizeof bad);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 10), POD_EDECODE);
  CHECK(s == NULL);
  CHECK_EQ(r.off, 0);

  static const uint8_t empty[] = {0, 0, 0, 0};
  pod_borsh_reader_init(&r, empty, sizeof empty);
  CHECK_EQ(pod_borsh_get_string(&r, &s, &len, 0), POD_OK);
  CHECK_EQ(len, 0);
  CHECK(s != NULL);
  CHECK_EQ(pod_borsh_reader_finish_exact(&r), POD_OK);
}

/* An independent UTF-8 reference: decode by the bit patterns, then reject overlongs, surrogates
 * and code points past U+10FFFF by value. pod_utf8_valid uses second-byte ranges instead. */
static int ref_utf8_valid(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp, min;
    size_t len;
    uint8_t c = s[i];
    if (c < 0x80)
      len = 1, cp = c, min = 0;
    else if ((c & 0xe0) == 0xc0)
      len = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
      len = 3, cp = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0)
      len = 4, cp = c & 0x07, min = 0x10000;
    else
      return 0;
    if (len > n - i) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    i += len;
  }
  return 1;
}

static void test_utf8(void) {
  static const char *good[] = {"",
                               "a",
                               "\xc2\x80",
                               "\xc3\xa9",
                               "\xdf\xbf",
                               "\xe0\xa0\x80",
                               "\xe2\x82\xac",
                               "\xed\x9f\xbf",
                               "\xee\x80\x80",
                               "\xef\xbf\xbf",
                               "\xf0\x90\x80\x80",
                               "\xf4\x8f\xbf\xbf",
                               "https://example.com/agent.json"};
  static const char *bad[] = {"\x80",
                              "\xbf",
                              "\xc0\x80",
                              "\xc1\xbf",
                              "\xc2",
                              "\xc2\x41",
                              "\xe0\x80\x80",
                              "\xe0\x9f\xbf",
                              "\xe2\x82",
                              "\xed\xa0\x80",
                              "\xed\xbf\xbf",
                              "\xf0\x80\x80\x80",
                              "\xf0\x8f\xbf\xbf",
                              "\xf4\x90\x80\x80",
                              "\xf5\x80\x80\x80",
                              "\xf8\x88\x80\x80\x80",
                              "\xfe",
                              "\xff",
                              "\xe2\x82\xac\x80"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    CHECK(pod_utf8_valid(good[i], strlen(good[i])));
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    CHECK(!pod_utf8_valid(bad[i], strlen(bad[i])));
  CHECK(pod_utf8_valid("a\0b", 3)); /* NUL is a valid code point; the program's rules reject it */
  CHECK(pod_utf8_valid(NULL, 0));
  CHECK(!pod_utf8_valid(NULL, 1));

  /* A bad byte at every position of a long ASCII run (the 8-byte fast path and its tail). */
  char run[40];
  for (size_t pos = 0; pos < sizeof run; pos++) {
    memset(run, 'a', sizeof run);
    CHECK(pod_utf8_valid(run, sizeof run));
    run[pos] = (char)0x80;
    CHECK(!pod_utf8_valid(run, sizeof run));
    run[pos] = (char)0xc3; /* truncated at the end, else followed by 'a' */
    CHECK(!pod_utf8_valid(run, sizeof run));
    if (pos + 1 < sizeof run) {
      run[pos + 1] = (char)0xa9;
      CHECK(pod_utf8_valid(run, sizeof run));
    }
  }

  /* Exhaustive against the reference: every 1-, 2- and 3-byte string, and every 4-byte string
   * with a 4-byte lead and a third byte from a representative set. */
  int mismatches = 0;
  uint8_t s[4];
  for (uint32_t x = 0; x < (1u << 24); x++) {
    s[0] = (uint8_t)(x >> 16), s[1] = (uint8_t)(x >> 8), s[2] = (uint8_t)x;
    if (x < 256 && pod_utf8_valid((const char *)s + 2, 1) != ref_utf8_valid(s + 2, 1)) mismatches++;
    if (x < 65536 && pod_utf8_valid((const char *)s + 1, 2) != ref_utf8_valid(s + 1, 2))
      mismatches++;
    if (pod_utf8_valid((const char *)s, 3) != ref_utf8_valid(s, 3)) mismatches++;
  }
  static const uint8_t thirds[] = {0x00, 0x41, 0x7f, 0x80, 0x9f, 0xa0, 0xbf, 0xc0, 0xff};
  for (uint32_t lead = 0xf0; lead <= 0xff; lead++)
    for (uint32_t b1 = 0; b1 < 256; b1++)
      for (size_t t = 0; t < sizeof thirds; t++)
        for (uint32_t b3 = 0; b3 < 256; b3++) {
          s[0] = (uint8_t)lead, s[1] = (uint8_t)b1, s[2] = thirds[t], s[3] = (uint8_t)b3;
          if (pod_utf8_valid((const char *)s, 4) != ref_utf8_valid(s, 4)) mismatches++;
        }
  CHECK_EQ(mismatches, 0);
}

int main(void) {
  test_writer_kat();
  test_instruction_vectors();
  test_writer_errors();
  test_reader_ints();
  test_reader_rejects();
  test_reader_strings();
  test_utf8();
  TEST_DONE();
}
