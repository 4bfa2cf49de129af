/* The validation rules: every rule at its boundaries, the program's check order, the quirks
 * (Q4, Q5, Q9, Q23-Q26, Q31, Q33, Q34, Q40) and the Unicode cases of PROTOCOL.md §4.2. */
#include "pod/borsh.h"
#include "pod/errors.h"
#include "pod/validate.h"
#include "test/pod_test.h"

#define S(lit) (lit), (sizeof(lit) - 1) /* a string literal as (pointer, length) */

static char big[20000];
static char big2[400]; /* a second buffer, for calls that take two generated strings */

/* n bytes of a text without repetition or patterns: "0123...xyz " cycled. */
static const char *filler(size_t n) {
  static const char cyc[] = "0123456789abcdefghijklmnopqrstuvwxyz ";
  for (size_t i = 0; i < n && i < sizeof big; i++)
    big[i] = cyc[i % (sizeof cyc - 1)];
  return big;
}

/* n copies of the byte c. */
static const char *rep(char c, size_t n) {
  memset(big, c, n < sizeof big ? n : sizeof big);
  return big;
}

/* prefix followed by 'a'..'z' cycled up to n bytes. */
static const char *uri_of(const char *prefix, size_t n) {
  size_t p = strlen(prefix);
  memcpy(big, prefix, p);
  for (size_t i = p; i < n; i++)
    big[i] = (char)('a' + (i % 26));
  return big;
}

static void test_utf8(void) {
  CHECK(pod_utf8_valid(S("")));
  CHECK(pod_utf8_valid(NULL, 0));
  CHECK(!pod_utf8_valid(NULL, 1));
  CHECK(pod_utf8_valid(S("plain ascii")));
  CHECK(pod_utf8_valid(S("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"))); /* é € 😀 */
  CHECK(pod_utf8_valid(S("\xf4\x8f\xbf\xbf")));                     /* U+10FFFF */
  CHECK(pod_utf8_valid(S("\xed\x9f\xbf")));                         /* U+D7FF */
  CHECK(!pod_utf8_valid(S("\xc0\x80")));                            /* overlong NUL */
  CHECK(!pod_utf8_valid(S("\xc1\xbf")));                            /* overlong */
  CHECK(!pod_utf8_valid(S("\xe0\x9f\xbf")));                        /* overlong 3-byte */
  CHECK(!pod_utf8_valid(S("\xf0\x8f\xbf\xbf")));                    /* overlong 4-byte */
  CHECK(!pod_utf8_valid(S("\xed\xa0\x80")));                        /* surrogate D800 */
  CHECK(!pod_utf8_valid(S("\xf4\x90\x80\x80")));                    /* U+110000 */
  CHECK(!pod_utf8_valid(S("\xf5\x80\x80\x80")));
  CHECK(!pod_utf8_valid(S("\xe2\x82"))); /* truncated */
  CHECK(!pod_utf8_valid(S("\x80")));     /* lone continuation */
  CHECK(!pod_utf8_valid(S("a\xff")));
  CHECK(!pod_utf8_valid(S("\xc3\x28")));
}

static void check_trim(const char *s, size_t len, const char *want) {
  pod_str_view_t v = pod_trim(s, len);
  CHECK_EQ(v.len, strlen(want));
  CHECK(v.len == strlen(want) && memcmp(v.ptr, want, v.len) == 0);
  CHECK(v.ptr >= s && v.ptr + v.len <= s + len);
}

static void test_trim(void) {
  check_trim(S("  abc  "), "abc");
  check_trim(S("abc"), "abc");
  check_trim(S("\t\n\v\f\r a b \r\n"), "a b");
  check_trim(S("\xe3\x80\x80name\xe3\x80\x80"), "name"); /* U+3000 */
  check_trim(S("\xc2\xa0name\xc2\xa0"), "name");         /* U+00A0 */
  check_trim(S("\xe2\x80\xa8name\xe2\x80\xa9"), "name"); /* U+2028, U+2029 */
  check_trim(S("\xc2\x85name\xe1\x9a\x80"), "name");     /* U+0085, U+1680 */
  check_trim(S("\xe2\x80\x80\xe2\x80\x8a"
               "x"
               "\xe2\x80\xaf\xe2\x81\x9f"),
             "x"); /* 2000 200A 202F 205F */
  check_trim(S("\xe2\x80\x8bx\xe2\x80\x8b"),
             "\xe2\x80\x8bx\xe2\x80\x8b");         /* U+200B is not White_Space */
  check_trim(S("\xe1\xa0\x8ex"), "\xe1\xa0\x8ex"); /* U+180E is not */
  check_trim(S("\x1c"
               "x\x1f"),
             "\x1c"
             "x\x1f");             /* U+001C..1F are not (Rust) */
  check_trim(S(" \xff "), "\xff"); /* invalid bytes stop trimming */
  check_trim(S("   "), "");
  check_trim(S(""), "");
  pod_str_view_t v = pod_trim(NULL, 0);
  CHECK_EQ(v.len, 0);
  CHECK(pod_is_blank(S(" \xe3\x80\x80\t")));
  CHECK(pod_is_blank(S("")));
  CHECK(!pod_is_blank(S(" . ")));
}

static void test_classes(void) {
  static const uint32_t ws[] = {0x9,    0xA,    0xB,    0xC,    0xD,    0x20,
                                0x85,   0xA0,   0x1680, 0x2000, 0x2005, 0x200A,
                                0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  for (size_t i = 0; i < sizeof ws / sizeof ws[0]; i++)
    CHECK(pod_char_is_whitespace(ws[i]));
  static const uint32_t not_ws[] = {0x0,    0x8,    0xE,    0x1C,   0x1F,    'a',
                                    0x180E, 0x200B, 0x2060, 0xFEFF, 0x110000};
  for (size_t i = 0; i < sizeof not_ws / sizeof not_ws[0]; i++)
    CHECK(!pod_char_is_whitespace(not_ws[i]));

  CHECK(pod_char_is_control(0x0));
  CHECK(pod_char_is_control(0x1F));
  CHECK(pod_char_is_control(0x7F));
  CHECK(pod_char_is_control(0x85));
  CHECK(pod_char_is_control(0x9F));
  CHECK(!pod_char_is_control(0x20));
  CHECK(!pod_char_is_control(0xA0));
  CHECK(!pod_char_is_control(0x200B)); /* Cf, not Cc */
  CHECK(!pod_char_is_control(0x2028)); /* Zl */

  static const uint32_t alnum[] = {'0',     '9',     'A',     'Z',    'a',    'z',
                                   0xAA,    0xB2,    0xB5,    0xBC,   0xE9,   0x663,
                                   0x216B,  0x3007,  0x4E00,  0x9FFF, 0xAC00, 0x1D7CE,
                                   0x20000, 0x2EBF0, 0x2EE5D, 0x345, /* Mn with Other_Alphabetic */
                                   0x1F130 /* SQUARED LATIN CAPITAL LETTER A: So, Alphabetic */};
  for (size_t i = 0; i < sizeof alnum / sizeof alnum[0]; i++) {
    if (!pod_char_is_alphanumeric(alnum[i])) fprintf(stderr, "alnum U+%04X\n", (unsigned)alnum[i]);
    CHECK(pod_char_is_alphanumeric(alnum[i]));
  }
  static const uint32_t not_alnum[] = {'_',    '-',    ' ',    '/',      '@',    0x7F,
                                       0xA0,   0xD7,   0xF7,   0x2028,   0x300,  0x1F600,
                                       0xE000, 0xD800, 0xFFFF, 0x110000, 0x2EBEF};
  for (size_t i = 0; i < sizeof not_alnum / sizeof not_alnum[0]; i++) {
    if (pod_char_is_alphanumeric(not_alnum[i]))
      fprintf(stderr, "not alnum U+%04X\n", (unsigned)not_alnum[i]);
    CHECK(!pod_char_is_alphanumeric(not_alnum[i]));
  }
}

static void test_register_agent(void) {
  const uint64_t caps_ok = POD_CAPABILITIES_MAX;
  CHECK_EQ(pod_validate_register_agent(1, S("https://example.com/agent.json")), 0);
  CHECK_EQ(pod_validate_register_agent(caps_ok, S("http://example.com/a.json")), 0);
  /* blank and empty */
  CHECK_EQ(pod_validate_register_agent(1, S("")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, NULL, 0), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("            ")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80")),
           6000);
  /* length: 10 and 200 pass, 9 and 201 fail */
  CHECK_EQ(pod_validate_register_agent(1, S("http://a.b")), 0);
  CHECK_EQ(pod_validate_register_agent(1, S("http://ab")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, uri_of("https://example.com/", 200), 200), 0);
  CHECK_EQ(pod_validate_register_agent(1, uri_of("https://example.com/", 201), 201), 6000);
  /* scheme: case-sensitive, no leading space */
  CHECK_EQ(pod_validate_register_agent(1, S("HTTPS://example.com")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("Https://example.com")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S(" https://example.com")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("ipfs://bafybeigdyrzt")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https:/example.com")), 6000);
  /* patterns, lowercased (Q34) */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/profile:1")), 6000);  /* file: */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/metadata:x")), 6000); /* data: */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/JavaScript:alert")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/?a=ABOUT:blank")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/<SCRIPT>")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/OnLoad")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/chrome:x")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/sftp:x")), 6000); /* ftp: */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/download")), 0);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/file")), 0);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/onclic")), 0);
  /* Kelvin sign lowercases to "k": "onclic\u212A" becomes "onclick" */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/onclic\xe2\x84\xaa")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/ONCLIC\xe2\x84\xaa")), 6000);
  CHECK_EQ(pod_rule_metadata_uri(S("https://x.com/\xe2\x84\xaa")), 0);
  /* U+0130 lowercases to "i" U+0307: "Onclİck" does not match, "OnclIck" does */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/Oncl\xc4\xb0"
                                            "ck")),
           0);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/OnclIck")), 6000);
  /* control characters: TAB allowed, LF, DEL and U+0085 rejected */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\tb")), 0);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\nb")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\rb")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\x7f")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\xc2\x85")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a\xc2\xa0")), 0); /* NBSP is not Cc */
  CHECK_EQ(pod_validate_register_agent(1, "https://x.com/a\0b", 17), 6000);
  /* ".." anywhere */
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/../a")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x..com/a")), 6000);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com/a.b.c")), 0);
  CHECK_EQ(pod_validate_register_agent(1, S("https://x.com//a")), 0);
  /* capabilities: 2^63-1 passes, 2^63 is 6001 — after the URI checks */
  CHECK_EQ(pod_validate_register_agent(caps_ok + 1, S("https://example.com/a")), 6001);
  CHECK_EQ(pod_validate_register_agent(UINT64_MAX, S("https://example.com/a")), 6001);
  CHECK_EQ(pod_validate_register_agent(UINT64_MAX, S("https://x.com/../a")), 6000);
  CHECK_EQ(pod_validate_register_agent(UINT64_MAX, S("short")), 6000);
  /* not UTF-8: argument decoding fails first */
  CHECK_EQ(pod_validate_register_agent(UINT64_MAX, S("https://x.com/\xff")), 102);
  CHECK_EQ(pod_validate_register_agent(1, S("\xc0\x80")), 102);
  /* the piece alone does not check lengths */
  CHECK_EQ(pod_rule_metadata_uri(S("http://")), 0);
  CHECK_EQ(pod_rule_metadata_uri(NULL, 0), 6000);
}

static void test_update_agent(void) {
  CHECK_EQ(pod_validate_update_agent(NULL, 0), 0);
  CHECK_EQ(pod_validate_update_agent(S("")), 0); /* blank allowed (Q25) */
  CHECK_EQ(pod_validate_update_agent(S("javascript:alert(1)")), 0);
  CHECK_EQ(pod_validate_update_agent(S("x")), 0);
  CHECK_EQ(pod_validate_update_agent(uri_of("", 200), 200), 0);
  CHECK_EQ(pod_validate_update_agent(uri_of("", 201), 201), 6000);
  CHECK_EQ(pod_validate_update_agent(S("\xff")), 102);
}

static void test_send_message(void) {
  for (uint8_t k = 0; k < 4; k++)
    CHECK_EQ(pod_validate_send_message(k, 0), 0);
  CHECK_EQ(pod_validate_send_message(4, 0), 3004);
  CHECK_EQ(pod_validate_send_message(4, 251), 3004);
  CHECK_EQ(pod_validate_send_message(4, 252), POD_RULE_PANIC);
  CHECK_EQ(pod_validate_send_message(4, 255), POD_RULE_PANIC);
  CHECK_EQ(pod_validate_send_message(5, 0), 102);
}

static void test_message_status(void) {
  pod_pubkey_t wallet, other, sender_pda;
  memset(wallet.b, 1, 32);
  memset(other.b, 2, 32);
  memset(sender_pda.b, 3, 32);
  const int64_t exp = 1000;
  /* Delivered / Read: the signer's agent pubkey must be the recipient */
  CHECK_EQ(pod_validate_update_message_status(1, 999, exp, &wallet, &wallet, &sender_pda, &wallet),
           0);
  CHECK_EQ(pod_validate_update_message_status(2, 1000, exp, &wallet, &wallet, &sender_pda, &wallet),
           0);
  CHECK_EQ(pod_validate_update_message_status(1, 999, exp, &other, &other, &sender_pda, &wallet),
           6001);
  CHECK_EQ(pod_validate_update_message_status(2, 999, exp, &other, &other, &sender_pda, &wallet),
           6001);
  /* Failed: signer is sender or recipient */
  CHECK_EQ(pod_validate_update_message_status(3, 999, exp, &wallet, &wallet, &sender_pda, &wallet),
           0);
  CHECK_EQ(
      pod_validate_update_message_status(3, 999, exp, &sender_pda, &other, &sender_pda, &wallet),
      0);
  CHECK_EQ(pod_validate_update_message_status(3, 999, exp, &other, &other, &sender_pda, &wallet),
           6001);
  /* Pending -> 6003 (Q9), after the expiry check */
  CHECK_EQ(pod_validate_update_message_status(0, 999, exp, &wallet, &wallet, &sender_pda, &wallet),
           6003);
  CHECK_EQ(pod_validate_update_message_status(0, 1001, exp, &wallet, &wallet, &sender_pda, &wallet),
           6002);
  /* expiry is strict: now == expires_at passes, now > fails, before the key checks */
  CHECK_EQ(pod_validate_update_message_status(1, 1001, exp, &other, &other, &sender_pda, &wallet),
           6002);
  CHECK_EQ(pod_validate_update_message_status(4, 0, exp, &wallet, &wallet, &sender_pda, &wallet),
           102);
}

static void test_create_channel(void) {
  CHECK_EQ(pod_validate_create_channel(S("general"), S("General chat"), 0, 100, 0), 0);
  CHECK_EQ(pod_validate_create_channel(S("general"), S(""), 1, 1, 0), 0);
  /* name: 32 bytes pass; 33 abort in the PDA (Q4), before the 50-byte rule */
  CHECK_EQ(pod_validate_create_channel(rep('n', 32), 32, S("d"), 0, 100, 0), 0);
  CHECK_EQ(pod_validate_create_channel(rep('n', 33), 33, S("d"), 0, 100, 0),
           POD_RULE_SEED_TOO_LONG);
  CHECK_EQ(pod_validate_create_channel(rep('n', 51), 51, S("d"), 0, 100, 0),
           POD_RULE_SEED_TOO_LONG);
  CHECK_EQ(pod_rule_channel_seed(32), 0);
  CHECK_EQ(pod_rule_channel_seed(33), POD_RULE_SEED_TOO_LONG);
  /* blank name -> 6008 (Q31), Unicode white space too */
  CHECK_EQ(pod_validate_create_channel(S(""), S("d"), 0, 100, 0), 6008);
  CHECK_EQ(pod_validate_create_channel(NULL, 0, S("d"), 0, 100, 0), 6008);
  CHECK_EQ(pod_validate_create_channel(S("   "), S("d"), 0, 100, 0), 6008);
  CHECK_EQ(pod_validate_create_channel(S("\xe3\x80\x80\xc2\xa0\xe2\x80\xa8"), S("d"), 0, 100, 0),
           6008);
  CHECK_EQ(pod_validate_create_channel(S(" x "), S("d"), 0, 100, 0), 0);
  /* description: 200 pass, 201 fail */
  CHECK_EQ(pod_validate_create_channel(S("g"), rep('d', 200), 200, 0, 100, 0), 0);
  CHECK_EQ(pod_validate_create_channel(S("g"), rep('d', 201), 201, 0, 100, 0), 6009);
  /* max_participants 1..=1000 (Q31: 6004) */
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 0, 0), 6004);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 1, 0), 0);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 1000, 0), 0);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 1001, 0), 6004);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, UINT32_MAX, 0), 6004);
  /* fee <= 1 SOL (Q31: 6007) */
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 10, 1000000000), 0);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 10, 1000000001), 6007);
  /* order */
  CHECK_EQ(pod_validate_create_channel(S(" "), rep('d', 201), 201, 0, 0, UINT64_MAX), 6008);
  CHECK_EQ(pod_validate_create_channel(S("g"), rep('d', 201), 201, 0, 0, UINT64_MAX), 6009);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 0, 0, UINT64_MAX), 6004);
  CHECK_EQ(pod_validate_create_channel(rep('n', 40), 40, S("d"), 2, 0, 0), 102);
  /* decoding */
  CHECK_EQ(pod_validate_create_channel(S("g"), S("d"), 2, 10, 0), 102);
  CHECK_EQ(pod_validate_create_channel(S("g\xff"), S("d"), 0, 10, 0), 102);
  CHECK_EQ(pod_validate_create_channel(S("g"), S("\xed\xa0\x80"), 0, 10, 0), 102);

  /* v2: no blank check, 0 participants accepted, no fee cap (Q23) */
  CHECK_EQ(pod_validate_create_channel_v2(S("general"), S("General chat"), 0, 100, 0), 0);
  CHECK_EQ(pod_validate_create_channel_v2(S(""), S(""), 0, 0, UINT64_MAX), 0);
  CHECK_EQ(pod_validate_create_channel_v2(S("   "), S("d"), 1, 1000, 0), 0);
  CHECK_EQ(pod_validate_create_channel_v2(S("g"), S("d"), 0, 1001, 0), 6004);
  CHECK_EQ(pod_validate_create_channel_v2(S("g"), rep('d', 200), 200, 0, 5, 0), 0);
  CHECK_EQ(pod_validate_create_channel_v2(S("g"), rep('d', 201), 201, 0, 5000, 0), 6009);
  CHECK_EQ(pod_validate_create_channel_v2(rep('n', 32), 32, S("d"), 0, 5, 0), 0);
  CHECK_EQ(pod_validate_create_channel_v2(rep('n', 33), 33, S("d"), 0, 5, 0),
           POD_RULE_SEED_TOO_LONG);
  CHECK_EQ(pod_validate_create_channel_v2(S("g"), S("d"), 2, 5, 0), 102);

  /* fit at exit (Q5): name + description <= 226 */
  CHECK_EQ(pod_rule_channel_fits(26, 200), 0);
  CHECK_EQ(pod_rule_channel_fits(27, 200), 3004);
  CHECK_EQ(pod_rule_channel_fits(32, 194), 0);
  CHECK_EQ(pod_rule_channel_fits(32, 195), 3004);
  CHECK_EQ(pod_rule_channel_fits(0, 226), 0);
  CHECK_EQ(pod_rule_channel_fits(227, 0), 3004);
  CHECK_EQ(pod_rule_channel_fits(SIZE_MAX, SIZE_MAX), 3004);
}

static void test_update_channel(void) {
  uint32_t m;
  CHECK_EQ(pod_validate_update_channel(NULL, 0, NULL, 0, NULL, 5), 0);
  CHECK_EQ(pod_validate_update_channel(S(""), NULL, 0, NULL, 5), 0); /* blank allowed (Q24) */
  CHECK_EQ(pod_validate_update_channel(rep('n', 50), 50, NULL, 0, NULL, 5), 0);
  CHECK_EQ(pod_validate_update_channel(rep('n', 51), 51, NULL, 0, NULL, 5), 6008);
  CHECK_EQ(pod_validate_update_channel(NULL, 0, rep('d', 200), 200, NULL, 5), 0);
  CHECK_EQ(pod_validate_update_channel(NULL, 0, rep('d', 201), 201, NULL, 5), 6009);
  m = 5;
  CHECK_EQ(pod_validate_update_channel(NULL, 0, NULL, 0, &m, 5), 0);
  m = 4;
  CHECK_EQ(pod_validate_update_channel(NULL, 0, NULL, 0, &m, 5), 6004);
  m = 5000; /* no 1000 cap (Q24) */
  CHECK_EQ(pod_validate_update_channel(NULL, 0, NULL, 0, &m, 5), 0);
  m = 0;
  CHECK_EQ(pod_validate_update_channel(NULL, 0, NULL, 0, &m, 0), 0);
  /* order: name, description, max */
  m = 0;
  memset(big2, 'd', 201);
  CHECK_EQ(pod_validate_update_channel(rep('n', 51), 51, big2, 201, &m, 5), 6008);
  CHECK_EQ(pod_validate_update_channel(S("n"), rep('d', 201), 201, &m, 5), 6009);
  CHECK_EQ(pod_validate_update_channel(S("\xff"), NULL, 0, NULL, 0), 102);
  CHECK_EQ(pod_validate_update_channel(NULL, 0, S("\xff"), NULL, 0), 102);
}

static void test_escrow(void) {
  CHECK_EQ(pod_validate_deposit_escrow(0), 6007);
  CHECK_EQ(pod_validate_deposit_escrow(1), 0);
  CHECK_EQ(pod_validate_deposit_escrow(10000000000ull), 0);
  CHECK_EQ(pod_validate_deposit_escrow(10000000001ull), 6007);
  CHECK_EQ(pod_validate_deposit_escrow(UINT64_MAX), 6007);
  CHECK_EQ(pod_validate_withdraw_escrow(0, 0), 0); /* Q35 */
  CHECK_EQ(pod_validate_withdraw_escrow(4, 5), 0);
  CHECK_EQ(pod_validate_withdraw_escrow(5, 5), 0);
  CHECK_EQ(pod_validate_withdraw_escrow(6, 5), 6007);
}

static void test_broadcast(void) {
  CHECK_EQ(pod_validate_broadcast_message(S("gm")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("hello, world: this is fine\n")), 0);
  /* 1000 bytes pass, 1001 fail */
  CHECK_EQ(pod_validate_broadcast_message(filler(1000), 1000), 0);
  CHECK_EQ(pod_validate_broadcast_message(filler(1001), 1001), 6012);
  /* blank */
  CHECK_EQ(pod_validate_broadcast_message(S("")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(NULL, 0), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S(" \n\t\r ")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("\xe3\x80\x80")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(rep(' ', 1001), 1001), 6012);
  /* control characters: \n \r \t allowed; NUL, others and U+0085 rejected */
  CHECK_EQ(pod_validate_broadcast_message(S("a\nb\r\nc\td")), 0);
  CHECK_EQ(pod_validate_broadcast_message("a\0b", 3), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\x01"
                                            "b")),
           6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\x1b[0m")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\x7f")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\xc2\x85"
                                            "b")),
           6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\xc2\x9f"
                                            "b")),
           6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a\xe2\x80\x8b"
                                            "b")),
           0); /* ZWSP is Cf */
  /* patterns, lowercased; "profile:" contains "file:" (Q33) */
  CHECK_EQ(pod_validate_broadcast_message(S("see my profile: here")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("download the file")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("About: us")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("<ScRiPt>")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("x </script> y")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("Data:Text/HTML,hi")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("data: 42")), 0); /* only data:text/html here */
  CHECK_EQ(pod_validate_broadcast_message(S("EVAL(x)")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("evaluate (x)")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("VBScript:x")), 6012);
  /* camel-case patterns never match (Q33) */
  CHECK_EQ(pod_validate_broadcast_message(S("Function(x)")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("setTimeout(f, 10)")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("setInterval(f, 10)")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("function(x)")), 0);
  /* Kelvin sign: "onclic\u212A" lowercases to "onclick"; U+0130 breaks "<script" */
  CHECK_EQ(pod_validate_broadcast_message(S("x onclic\xe2\x84\xaa y")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("x onclic y")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("<scr\xc4\xb0pt>")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("<scrIpt>")), 6012);
  /* SQL patterns */
  CHECK_EQ(pod_validate_broadcast_message(S("DROP TABLE users")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("x' OR 1=1")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("x'; -- y")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("union  select")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("UNION SELECT")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a /* b")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a */ b")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("a / * b")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("2 * 3 / 4")), 0);
  CHECK_EQ(pod_validate_broadcast_message(S("update the set")), 0);
  /* not UTF-8 */
  CHECK_EQ(pod_validate_broadcast_message(S("gm\xff")), 102);
  CHECK_EQ(pod_validate_broadcast_message(S("\xf4\x90\x80\x80")), 102);
}

static void test_repetition(void) {
  /* ASCII: count > len/2 */
  CHECK(pod_rule_excessive_repetition(S("aaaaaaaaaa")));  /* 10 > 5 */
  CHECK(!pod_rule_excessive_repetition(S("aaaaaaaaa")));  /* 9 bytes: under 10, not checked */
  CHECK(!pod_rule_excessive_repetition(S("aaaaabbbbb"))); /* 5 > 5 is false */
  CHECK(pod_rule_excessive_repetition(S("aaaaaabbbb")));  /* 6 > 5 */
  CHECK(pod_rule_excessive_repetition(S("babababaaa")));  /* majority not contiguous */
  CHECK(pod_rule_excessive_repetition(S("a a a a a a"))); /* 6 'a' of 11 bytes */
  CHECK(!pod_rule_excessive_repetition(S("ab ab ab ab")));
  /* multi-byte: characters counted, byte length halved (Q33) */
  CHECK(!pod_rule_excessive_repetition(
      S("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
        "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"))); /* 10 é: 10 > 10 false */
  CHECK(!pod_rule_excessive_repetition(S("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                         "abcd")));
  CHECK(pod_rule_excessive_repetition(S("aaaaaabcde"))); /* same shape, ASCII: fails */
  CHECK(!pod_rule_excessive_repetition(
      S("\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"))); /* €x4 */
  CHECK(pod_rule_excessive_repetition(S("\xc3\xa9"
                                        "aaaaaaa")) == 0); /* 9 bytes */
  CHECK(pod_rule_excessive_repetition(S("\xc3\xa9"
                                        "aaaaaaaa"))); /* 10 bytes, 8 'a' > 5 */
  /* a 4-byte emoji 3 times + 4 x: 16 bytes, threshold 8 */
  CHECK(!pod_rule_excessive_repetition(S("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80xxxx")));
  CHECK_EQ(pod_validate_broadcast_message(S("aaaaaaaaaa")), 6012);
  CHECK_EQ(pod_validate_broadcast_message(S("hahahahahahaha")), 0);      /* 7 h, 7 a of 14 */
  CHECK_EQ(pod_validate_broadcast_message(S("hahahahahahahah")), 6012);  /* 8 h of 15: 8 > 7 */
  CHECK_EQ(pod_validate_broadcast_message(S("hahahahahahahahh")), 6012); /* 9 h of 16 */
  CHECK_EQ(pod_validate_broadcast_message(S("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                                            "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9")),
           0);
  CHECK(!pod_rule_excessive_repetition(NULL, 0));
}

static void test_compressed(void) {
  CHECK_EQ(pod_validate_broadcast_compressed(S("hello"),
                                             S("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")),
           0);
  CHECK_EQ(pod_validate_broadcast_compressed(
               S("x"), S("bafybeigdyrztzq7v3p2lwtsynw2jclw5apqx7oxm6sqdr3o5apcbyfwbqu")),
           0);
  /* content: 10000 pass, 10001 -> 6012; no pattern rules (Q19) */
  CHECK_EQ(pod_validate_broadcast_compressed(rep('a', 10000), 10000, S("Qm1")), 0);
  CHECK_EQ(pod_validate_broadcast_compressed(rep('a', 10001), 10001, S("Qm1")), 6012);
  CHECK_EQ(pod_validate_broadcast_compressed(S("javascript:/* DROP TABLE */"), S("Qm1")), 0);
  CHECK_EQ(pod_validate_broadcast_compressed(S("   "), S("Qm1")), 0);
  /* ipfs hash: 1..=100 alphanumeric (Q31: 6000) */
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("")), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), NULL, 0), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("a")), 0);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), rep('Q', 100), 100), 0);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), rep('Q', 101), 101), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("Qm-abc")), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("Qm abc")), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("Qm_abc")), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("ipfs://Qm")), 6000);
  /* non-ASCII letters and digits are alphanumeric: é, ٣ (Arabic-Indic 3), Ⅻ, ², 中 */
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"),
                                             S("\xc3\xa9\xd9\xa3\xe2\x85\xab\xc2\xb2\xe4\xb8\xad")),
           0);
  CHECK_EQ(pod_rule_ipfs_hash(S("caf\xc3\xa9")), 0);
  CHECK_EQ(pod_rule_ipfs_hash(S("a\xc2\xa0"
                                "b")),
           6000);                                            /* NBSP */
  CHECK_EQ(pod_rule_ipfs_hash(S("\xf0\x9f\x98\x80")), 6000); /* emoji */
  CHECK_EQ(pod_rule_ipfs_hash(S("a\xcc\x81")), 6000); /* combining acute: Mn, not Alphabetic */
  /* 100 bytes of 2-byte letters pass, 102 fail: the limit is in bytes */
  {
    char h[102];
    for (int i = 0; i < 102; i += 2)
      h[i] = '\xc3', h[i + 1] = '\xa9';
    CHECK_EQ(pod_rule_ipfs_hash(h, 100), 0);
    CHECK_EQ(pod_rule_ipfs_hash(h, 102), 6000);
  }
  /* empty content -> 6015, but only after the IPFS check (and, on chain, the state checks) */
  CHECK_EQ(pod_validate_broadcast_compressed(S(""), S("Qm1")), 6015);
  CHECK_EQ(pod_validate_broadcast_compressed(NULL, 0, S("Qm1")), 6015);
  CHECK_EQ(pod_validate_broadcast_compressed(S(""), S("Qm-1")), 6000);
  CHECK_EQ(pod_validate_broadcast_compressed(rep('a', 10001), 10001, S("")), 6012);
  /* decoding */
  CHECK_EQ(pod_validate_broadcast_compressed(S("\xff"), S("Qm1")), 102);
  CHECK_EQ(pod_validate_broadcast_compressed(S("x"), S("Qm\xff")), 102);
  /* the pieces */
  CHECK_EQ(pod_rule_compressed_content_len(10000), 0);
  CHECK_EQ(pod_rule_compressed_content_len(10001), 6012);
  CHECK_EQ(pod_rule_hash_buffer(0), 6015);
  CHECK_EQ(pod_rule_hash_buffer(1), 0);
  CHECK_EQ(pod_rule_hash_buffer(65536), 0);
  CHECK_EQ(pod_rule_hash_buffer(65537), 6015);
}

static void test_batch(void) {
  static uint8_t h[101][32];
  for (int i = 0; i < 101; i++)
    memset(h[i], i + 1, 32);
  const int64_t now = 1700000000;
  size_t bad = 999;
  CHECK_EQ(pod_validate_batch_sync(h[0], 100, now, now, NULL, NULL, &bad), 0);
  CHECK_EQ(pod_validate_batch_sync(h[0], 101, now, now, NULL, NULL, &bad), 6011);
  CHECK_EQ(pod_validate_batch_sync(NULL, 0, now, now, NULL, NULL, NULL), 0); /* empty batch ok */
  CHECK_EQ(pod_rule_batch_size(100), 0);
  CHECK_EQ(pod_rule_batch_size(101), 6011);
  /* the window: 3600 s either way */
  CHECK_EQ(pod_rule_sync_timestamp(now - 3600, now), 0);
  CHECK_EQ(pod_rule_sync_timestamp(now + 3600, now), 0);
  CHECK_EQ(pod_rule_sync_timestamp(now - 3601, now), 6016);
  CHECK_EQ(pod_rule_sync_timestamp(now + 3601, now), 6016);
  CHECK_EQ(pod_rule_sync_timestamp(now * 1000, now), 6016); /* milliseconds (the TS SDK bug) */
  /* Q40: the subtraction panics for extreme values */
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MIN, now), POD_RULE_PANIC);
  CHECK_EQ(pod_rule_sync_timestamp(now - INT64_MAX, now), 6016); /* d = INT64_MAX */
  CHECK_EQ(pod_rule_sync_timestamp(now - INT64_MAX - 1, now), POD_RULE_PANIC);
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MAX, now), 6016);
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MAX, -1), POD_RULE_PANIC); /* d = INT64_MIN: abs panics */
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MAX, -2), POD_RULE_PANIC); /* subtraction overflows */
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MAX, 0), 6016);
  CHECK_EQ(pod_rule_sync_timestamp(INT64_MIN, -1), 6016); /* d = INT64_MAX */
  CHECK_EQ(pod_rule_sync_timestamp(0, 0), 0);
  /* zero hash: 6017 at its index */
  memset(h[2], 0, 32);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, now, now, NULL, NULL, &bad), 6017);
  CHECK_EQ(bad, 2);
  CHECK_EQ(pod_validate_batch_sync(h[0], 2, now, now, NULL, NULL, &bad), 0);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, now, now, NULL, NULL, NULL), 6017);
  /* order: size, authority, timestamp, hashes */
  pod_pubkey_t creator, other;
  memset(creator.b, 7, 32);
  memset(other.b, 8, 32);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, now, now, &creator, &creator, &bad), 6017);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, now, now, &creator, &other, &bad), 6001);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, 0, now, &creator, &creator, &bad), 6016);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, 0, now, &creator, &other, &bad), 6001);
  CHECK_EQ(pod_validate_batch_sync(h[0], 101, 0, now, &creator, &other, &bad), 6011);
  CHECK_EQ(pod_validate_batch_sync(h[0], 5, INT64_MIN, now, NULL, NULL, &bad), POD_RULE_PANIC);
}

static void test_rate_limit(void) {
  pod_rate_state_t st = {0, 0};
  const int64_t t = 1700000000;
  /* first message */
  CHECK_EQ(pod_rule_rate_limit(&st, t, 1), 0);
  CHECK_EQ(st.last_message_at, t);
  CHECK_EQ(st.messages_sent, 1);
  /* same second: cooldown; state unchanged */
  CHECK_EQ(pod_rule_rate_limit(&st, t, 1), 6011);
  CHECK_EQ(pod_rule_rate_limit(&st, t, 0), 6011);
  CHECK_EQ(st.last_message_at, t);
  CHECK_EQ(st.messages_sent, 1);
  /* clock behind the last message */
  CHECK_EQ(pod_rule_rate_limit(&st, t - 5, 0), 6011);
  /* 1 s later: the streak grows */
  CHECK_EQ(pod_rule_rate_limit(&st, t + 1, 1), 0);
  CHECK_EQ(st.messages_sent, 2);

  /* burst rule: after 10 streak messages the next needs >= 10 s (broadcast_message only) */
  pod_rate_state_t b = {t, 10};
  CHECK_EQ(pod_rule_rate_limit(&b, t + 9, 1), 6011);
  pod_rate_state_t c = b;
  CHECK_EQ(pod_rule_rate_limit(&c, t + 9, 0), 0); /* compressed: no burst rule */
  CHECK_EQ(c.messages_sent, 11);
  CHECK_EQ(pod_rule_rate_limit(&b, t + 10, 1), 0);
  CHECK_EQ(b.messages_sent, 11);
  pod_rate_state_t nine = {t, 9};
  CHECK_EQ(pod_rule_rate_limit(&nine, t + 1, 1), 0);
  CHECK_EQ(nine.messages_sent, 10);
  CHECK_EQ(pod_rule_rate_limit(&nine, t + 2, 1), 6011);

  /* 60 per streak: the 61st within 60 s fails, a 60 s gap resets */
  pod_rate_state_t s60 = {t, 60};
  CHECK_EQ(pod_rule_rate_limit(&s60, t + 59, 0), 6011);
  CHECK_EQ(pod_rule_rate_limit(&s60, t + 59, 1), 6011);
  CHECK_EQ(pod_rule_rate_limit(&s60, t + 60, 1), 0);
  CHECK_EQ(s60.messages_sent, 1);
  pod_rate_state_t s59 = {t, 59};
  CHECK_EQ(pod_rule_rate_limit(&s59, t + 30, 1), 0);
  CHECK_EQ(s59.messages_sent, 60);

  /* a whole streak without the burst rule: 60 messages 1 s apart, then the 61st fails */
  pod_rate_state_t run = {0, 0};
  int fails = 0;
  for (int i = 0; i < 60; i++)
    fails += pod_rule_rate_limit(&run, t + i, 0) != 0;
  CHECK_EQ(fails, 0);
  CHECK_EQ(run.messages_sent, 60);
  CHECK_EQ(pod_rule_rate_limit(&run, t + 60, 0), 6011);
  CHECK_EQ(pod_rule_rate_limit(&run, t + 59 + 60, 0), 0); /* 60 s after the last: reset */
  CHECK_EQ(run.messages_sent, 1);
  /* with the burst rule: 10 quick ones, then every 10 s */
  pod_rate_state_t br = {0, 0};
  for (int i = 0; i < 10; i++)
    CHECK_EQ(pod_rule_rate_limit(&br, t + i, 1), 0);
  CHECK_EQ(pod_rule_rate_limit(&br, t + 10, 1), 6011);
  CHECK_EQ(pod_rule_rate_limit(&br, t + 18, 1), 6011);
  CHECK_EQ(pod_rule_rate_limit(&br, t + 19, 1), 0);

  /* last_message_at <= 0 counts as "never" */
  pod_rate_state_t neg = {-5, 100};
  CHECK_EQ(pod_rule_rate_limit(&neg, t, 1), 0);
  CHECK_EQ(neg.messages_sent, 1);
  /* now - last overflows: panic */
  pod_rate_state_t p = {1, 0};
  CHECK_EQ(pod_rule_rate_limit(&p, INT64_MIN, 1), POD_RULE_PANIC);
  CHECK_EQ(p.last_message_at, 1);
  pod_rate_state_t q = {1, 0};
  CHECK_EQ(pod_rule_rate_limit(&q, INT64_MIN + 1, 1), 6011); /* d = INT64_MIN: no overflow */
  CHECK_EQ(pod_rule_rate_limit(NULL, t, 1), POD_RULE_PANIC);
}

/* ---- differential checks against naive implementations ---- */

static uint32_t lcg_state = 12345;
static uint32_t lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return lcg_state >> 8;
}

/* Naive repetition: count every character (decoded the simple way; inputs here are valid). */
static int naive_repetition(const char *s, size_t len) {
  uint32_t cps[400];
  size_t n = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = 0;
    for (size_t j = 0; j < k; j++)
      cp = cp << 8 | (unsigned char)s[i + j];
    cps[n++] = cp, i += k;
  }
  size_t best = 0;
  for (size_t i = 0; i < n; i++) {
    size_t c = 0;
    for (size_t j = 0; j < n; j++)
      c += cps[j] == cps[i];
    if (c > best) best = c;
  }
  return len >= 10 && best > len / 2;
}

/* Naive pattern check: materialise a lowercase (ASCII, Kelvin -> k, U+0130 -> i U+0307, the rest
 * copied) and search it with strstr. */
static int naive_has(const char *s, size_t len, const char *const *pats, size_t npats) {
  char low[1600];
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
      low[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
      i++;
    } else if (len - i >= 3 && memcmp(s + i, "\xe2\x84\xaa", 3) == 0) {
      low[o++] = 'k';
      i += 3;
    } else if (len - i >= 2 && memcmp(s + i, "\xc4\xb0", 2) == 0) {
      memcpy(low + o, "i\xcc\x87", 3);
      o += 3, i += 2;
    } else {
      size_t k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
      memcpy(low + o, s + i, k);
      o += k, i += k;
    }
  }
  low[o] = '\0';
  for (size_t p = 0; p < npats; p++)
    if (strstr(low, pats[p])) return 1;
  return 0;
}

static void test_differential(void) {
  static const char *const pieces[] = {"a",
                                       "b",
                                       "e",
                                       "i",
                                       "I",
                                       "k",
                                       "K",
                                       "l",
                                       "o",
                                       "n",
                                       "c",
                                       "C",
                                       "p",
                                       "r",
                                       "s",
                                       "t",
                                       ":",
                                       "(",
                                       " ",
                                       "/",
                                       "*",
                                       "'",
                                       "-",
                                       ";",
                                       "=",
                                       "1",
                                       ".",
                                       "\xc3\xa9",
                                       "\xe2\x84\xaa",
                                       "\xc4\xb0",
                                       "\xe2\x82\xac",
                                       "\xf0\x9f\x98\x80",
                                       "onclic",
                                       "file",
                                       "FILE",
                                       "abou",
                                       "eval",
                                       "scr",
                                       "<",
                                       ">",
                                       "drop",
                                       " table",
                                       "union",
                                       " select",
                                       "' or",
                                       " 1=1",
                                       "data",
                                       "text/html",
                                       "\xe3\x80\x80",
                                       "\t"};
  static const char *const content_pats[] = {
      "javascript:",  "<script",        "</script>",   "onerror",    "onload",
      "onclick",      "data:text/html", "vbscript:",   "about:",     "file:",
      "eval(",        "drop table",     "delete from", "update set", "insert into",
      "union select", "' or 1=1",       "'; --",       "/*",         "*/"};
  char buf[400];
  int mismatches = 0, reps = 0, pats = 0;
  for (int iter = 0; iter < 20000; iter++) {
    size_t len = 0, parts = lcg() % 24;
    for (size_t p = 0; p < parts; p++) {
      const char *pc = pieces[lcg() % (sizeof pieces / sizeof pieces[0])];
      size_t n = strlen(pc);
      if (len + n > 300) break;
      memcpy(buf + len, pc, n);
      len += n;
    }
    if (lcg() % 3 == 0) { /* bias toward repetition */
      const char *pc = pieces[lcg() % 4 == 0 ? 27 : lcg() % 3];
      size_t n = strlen(pc), times = lcg() % 12;
      for (size_t t = 0; t < times && len + n <= 300; t++)
        memcpy(buf + len, pc, n), len += n;
    }
    int rep_naive = naive_repetition(buf, len);
    int pat_naive = naive_has(buf, len, content_pats, sizeof content_pats / sizeof content_pats[0]);
    if (pod_rule_excessive_repetition(buf, len) != rep_naive) mismatches++;
    reps += rep_naive, pats += pat_naive;
    /* no control characters but TAB here: the content rule is exactly patterns or repetition */
    uint32_t want = (pat_naive || rep_naive) ? 6012 : 0;
    if (pod_rule_message_content(buf, len) != want) {
      mismatches++;
      if (mismatches < 5) fprintf(stderr, "content mismatch: \"%.*s\"\n", (int)len, buf);
    }
  }
  CHECK_EQ(mismatches, 0);
  CHECK(reps > 300 && pats > 300); /* both sides of both rules were exercised */
  printf("differential: %d repetitive, %d with patterns of 20000\n", reps, pats);
}

int main(void) {
  test_utf8();
  test_trim();
  test_classes();
  test_register_agent();
  test_update_agent();
  test_send_message();
  test_message_status();
  test_create_channel();
  test_update_channel();
  test_escrow();
  test_broadcast();
  test_repetition();
  test_compressed();
  test_batch();
  test_rate_limit();
  test_differential();
  TEST_DONE();
}
