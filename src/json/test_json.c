/* JSON reader and writer: exact integers, strict grammar and UTF-8, caps, escaping round trips,
 * the writer's structure checks and cap, and Solana-shaped requests and responses. */
#include "pod/json.h"
#include "test/pod_test.h"

/* Parses a NUL-terminated text with default options; returns the code, *doc set on success. */
static int parse(pod_json_doc **doc, const char *text) {
  return pod_json_parse(doc, text, strlen(text), NULL, NULL);
}

/* The code pod_json_parse returns for text[0..len) (document freed). */
static int parse_rc(const char *text, size_t len) {
  pod_json_doc *doc = NULL;
  int rc = pod_json_parse(&doc, text, len, NULL, NULL);
  pod_json_free(doc);
  return rc;
}
#define REJECT(lit, code) CHECK_EQ(parse_rc(lit, sizeof(lit) - 1), code)
#define ACCEPT(lit) CHECK_EQ(parse_rc(lit, sizeof(lit) - 1), POD_OK)

static void test_u64_i64(void) {
  static const struct {
    const char *text;
    int u_rc;
    uint64_t u;
    int i_rc;
    int64_t i;
  } cases[] = {
      {"0", POD_OK, 0, POD_OK, 0},
      {"-0", POD_OK, 0, POD_OK, 0},
      {"1", POD_OK, 1, POD_OK, 1},
      {"9007199254740993", POD_OK, 9007199254740993ull, POD_OK, 9007199254740993ll}, /* 2^53+1 */
      {"9223372036854775807", POD_OK, 9223372036854775807ull, POD_OK, INT64_MAX},    /* 2^63-1 */
      {"9223372036854775808", POD_OK, 9223372036854775808ull, POD_ETOOLARGE, 0},     /* 2^63 */
      {"18446744073709551615", POD_OK, UINT64_MAX, POD_ETOOLARGE, 0},                /* 2^64-1 */
      {"18446744073709551616", POD_ETOOLARGE, 0, POD_ETOOLARGE, 0},                  /* 2^64 */
      {"99999999999999999999999999", POD_ETOOLARGE, 0, POD_ETOOLARGE, 0},
      {"-1", POD_ETOOLARGE, 0, POD_OK, -1},
      {"-9223372036854775808", POD_ETOOLARGE, 0, POD_OK, INT64_MIN},
      {"-9223372036854775809", POD_ETOOLARGE, 0, POD_ETOOLARGE, 0},
      {"-18446744073709551616", POD_ETOOLARGE, 0, POD_ETOOLARGE, 0},
      {"1.0", POD_EDECODE, 0, POD_EDECODE, 0},
      {"1e3", POD_EDECODE, 0, POD_EDECODE, 0},
      {"1E3", POD_EDECODE, 0, POD_EDECODE, 0},
      {"-0.5", POD_EDECODE, 0, POD_EDECODE, 0},
  };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    pod_json_doc *doc;
    uint64_t u = 12345;
    int64_t i = 12345;
    char arr[64];
    snprintf(arr, sizeof arr, "[%s]", cases[k].text);
    CHECK_EQ(parse(&doc, arr), POD_OK);
    const pod_json_val *v = pod_json_at(pod_json_root(doc), 0);
    CHECK_EQ(pod_json_type(v), POD_JSON_NUMBER);
    int rc = pod_json_get_u64(&u, v);
    if (rc != cases[k].u_rc) fprintf(stderr, "u64 case %s\n", cases[k].text);
    CHECK_EQ(rc, cases[k].u_rc);
    CHECK(rc ? u == 12345 : u == cases[k].u);
    rc = pod_json_get_i64(&i, v);
    if (rc != cases[k].i_rc) fprintf(stderr, "i64 case %s\n", cases[k].text);
    CHECK_EQ(rc, cases[k].i_rc);
    CHECK(rc ? i == 12345 : i == cases[k].i);
    const char *t;
    size_t tl;
    CHECK_EQ(pod_json_get_number(&t, &tl, v), POD_OK);
    CHECK_STR(t, cases[k].text);
    CHECK_EQ(tl, strlen(cases[k].text));
    pod_json_free(doc);

    /* The same number as the whole document (yajl ends it at the end of the input). */
    CHECK_EQ(parse(&doc, cases[k].text), POD_OK);
    rc = pod_json_get_u64(&u, pod_json_root(doc));
    CHECK_EQ(rc, cases[k].u_rc);
    CHECK(rc || u == cases[k].u);
    pod_json_free(doc);
  }

  /* The writer prints them back exactly. */
  static const uint64_t us[] = {
      0, 1, 9007199254740993ull, 9223372036854775807ull, 9223372036854775808ull, UINT64_MAX};
  static const int64_t is[] = {0, -1, INT64_MIN, INT64_MAX, -9007199254740993ll};
  pod_json_writer_t w;
  pod_json_writer_init(&w, 0);
  pod_json_begin_array(&w);
  for (size_t k = 0; k < sizeof us / sizeof us[0]; k++)
    pod_json_put_u64(&w, us[k]);
  for (size_t k = 0; k < sizeof is / sizeof is[0]; k++)
    pod_json_put_i64(&w, is[k]);
  pod_json_end_array(&w);
  const char *out;
  size_t len;
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_STR(out, "[0,1,9007199254740993,9223372036854775807,9223372036854775808,"
                 "18446744073709551615,0,-1,-9223372036854775808,9223372036854775807,"
                 "-9007199254740993]");
  pod_json_doc *doc;
  CHECK_EQ(pod_json_parse(&doc, out, len, NULL, NULL), POD_OK);
  for (size_t k = 0; k < sizeof us / sizeof us[0]; k++) {
    uint64_t u;
    CHECK_EQ(pod_json_get_u64(&u, pod_json_at(pod_json_root(doc), k)), POD_OK);
    CHECK(u == us[k]);
  }
  for (size_t k = 0; k < sizeof is / sizeof is[0]; k++) {
    int64_t i;
    CHECK_EQ(pod_json_get_i64(&i, pod_json_at(pod_json_root(doc), 6 + k)), POD_OK);
    CHECK(i == is[k]);
  }
  pod_json_free(doc);
  pod_json_writer_free(&w);
}

static void test_f64(void) {
  pod_json_doc *doc;
  double d = 0;
  CHECK_EQ(parse(&doc, "[0.5, -2.5e3, 1e400, 1e-400, 7, 0.1]"), POD_OK);
  const pod_json_val *r = pod_json_root(doc);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 0)), POD_OK);
  CHECK(d == 0.5);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 1)), POD_OK);
  CHECK(d == -2500.0);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 2)), POD_ETOOLARGE);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 3)), POD_OK); /* underflow: rounds to 0 */
  CHECK(d == 0.0);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 4)), POD_OK);
  CHECK(d == 7.0);
  CHECK_EQ(pod_json_get_f64(&d, pod_json_at(r, 5)), POD_OK);
  CHECK(d == 0.1);
  pod_json_free(doc);
}

static void test_types_and_getters(void) {
  pod_json_doc *doc;
  const char *s;
  size_t n;
  int b;
  uint64_t u;
  CHECK_EQ(parse(&doc, " {\"s\":\"x\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,2],\"o\":{},"
                       "\"e\":\"\",\"\":0} "),
           POD_OK);
  const pod_json_val *r = pod_json_root(doc);
  CHECK_EQ(pod_json_type(r), POD_JSON_OBJECT);
  CHECK_EQ(pod_json_len(r), 8);
  CHECK_EQ(pod_json_type(pod_json_find(r, "s")), POD_JSON_STRING);
  CHECK_EQ(pod_json_type(pod_json_find(r, "t")), POD_JSON_BOOL);
  CHECK_EQ(pod_json_type(pod_json_find(r, "n")), POD_JSON_NULL);
  CHECK_EQ(pod_json_type(pod_json_find(r, "a")), POD_JSON_ARRAY);
  CHECK_EQ(pod_json_type(pod_json_find(r, "o")), POD_JSON_OBJECT);
  CHECK_EQ(pod_json_type(pod_json_find(r, "missing")), POD_JSON_NONE);
  CHECK_EQ(pod_json_type(pod_json_find(r, "")), POD_JSON_NUMBER);
  CHECK_EQ(pod_json_get_bool(&b, pod_json_find(r, "t")), POD_OK);
  CHECK_EQ(b, 1);
  CHECK_EQ(pod_json_get_bool(&b, pod_json_find(r, "f")), POD_OK);
  CHECK_EQ(b, 0);
  CHECK(pod_json_is_null(pod_json_find(r, "n")));
  CHECK(!pod_json_is_null(pod_json_find(r, "f")));
  CHECK(!pod_json_is_null(NULL));
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_find(r, "e")), POD_OK);
  CHECK_EQ(n, 0);
  CHECK_STR(s, "");
  /* Wrong type, missing value, NULL out. */
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_find(r, "t")), POD_EDECODE);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(r, "s")), POD_EDECODE);
  CHECK_EQ(pod_json_get_bool(&b, pod_json_find(r, "n")), POD_EDECODE);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(r, "zz")), POD_ENOTFOUND);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(pod_json_find(r, "zz"), "deeper")), POD_ENOTFOUND);
  CHECK_EQ(pod_json_get_u64(NULL, pod_json_find(r, "")), POD_EINVAL);
  /* Arrays and members. */
  const pod_json_val *a = pod_json_find(r, "a");
  CHECK_EQ(pod_json_len(a), 2);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_at(a, 1)), POD_OK);
  CHECK_EQ(u, 2);
  CHECK(pod_json_at(a, 2) == NULL);
  CHECK(pod_json_at(r, 0) == NULL);     /* not an array */
  CHECK(pod_json_find(a, "s") == NULL); /* not an object */
  CHECK_EQ(pod_json_len(pod_json_find(r, "s")), 0);
  CHECK_EQ(pod_json_len(NULL), 0);
  const char *k;
  size_t kl;
  CHECK(pod_json_member(r, 4, &k, &kl) == a);
  CHECK_STR(k, "a");
  CHECK_EQ(kl, 1);
  CHECK(pod_json_member(r, 8, &k, &kl) == NULL);
  CHECK(k == NULL && kl == 0);
  CHECK(pod_json_member(a, 0, &k, NULL) == NULL);
  pod_json_free(doc);

  /* Keys with NUL bytes are distinct keys; find_n sees them. */
  CHECK_EQ(parse(&doc, "{\"a\\u0000b\":1,\"a\":2}"), POD_OK);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find_n(pod_json_root(doc), "a\0b", 3)), POD_OK);
  CHECK_EQ(u, 1);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(pod_json_root(doc), "a")), POD_OK);
  CHECK_EQ(u, 2);
  pod_json_free(doc);

  /* Top-level scalars. */
  CHECK_EQ(parse(&doc, "\"top\""), POD_OK);
  CHECK_EQ(pod_json_get_str(&s, NULL, pod_json_root(doc)), POD_OK);
  CHECK_STR(s, "top");
  pod_json_free(doc);
  CHECK_EQ(parse(&doc, "null"), POD_OK);
  CHECK(pod_json_is_null(pod_json_root(doc)));
  pod_json_free(doc);
  pod_json_free(NULL);
  CHECK(pod_json_root(NULL) == NULL);
}

static void test_malformed(void) {
  REJECT("", POD_EDECODE);
  REJECT("   ", POD_EDECODE);
  REJECT("[1,2", POD_EDECODE);
  REJECT("{\"a\":", POD_EDECODE);
  REJECT("{\"a\"", POD_EDECODE);
  REJECT("\"abc", POD_EDECODE);
  REJECT("tru", POD_EDECODE);
  REJECT("[1,]", POD_EDECODE);
  REJECT("{\"a\":1,}", POD_EDECODE);
  REJECT("[1 2]", POD_EDECODE);
  REJECT("{\"a\" 1}", POD_EDECODE);
  REJECT("{a:1}", POD_EDECODE);
  REJECT("{'a':1}", POD_EDECODE);
  REJECT("// c\n1", POD_EDECODE);
  REJECT("/* c */ 1", POD_EDECODE);
  REJECT("NaN", POD_EDECODE);
  REJECT("Infinity", POD_EDECODE);
  REJECT("01", POD_EDECODE);
  REJECT("1.", POD_EDECODE);
  REJECT(".5", POD_EDECODE);
  REJECT("1e", POD_EDECODE);
  REJECT("+1", POD_EDECODE);
  REJECT("0x10", POD_EDECODE);
  REJECT("[1] x", POD_EDECODE);
  REJECT("[1][2]", POD_EDECODE);
  REJECT("1 2", POD_EDECODE);
  REJECT("\xEF\xBB\xBF[]", POD_EDECODE); /* byte-order mark */
  REJECT("[1]\0", POD_EDECODE);
  REJECT("[\0]", POD_EDECODE);
  REJECT("\"a\tb\"", POD_EDECODE); /* raw control character */
  REJECT("\"a\x01\"", POD_EDECODE);
  REJECT("\"\\x\"", POD_EDECODE);
  REJECT("\"\\u12\"", POD_EDECODE);
  REJECT("\"\\u12g4\"", POD_EDECODE);
  /* UTF-8 that yajl 2.1 lets through and we do not. */
  REJECT("\"\xFF\"", POD_EDECODE);
  REJECT("\"\xC0\x80\"", POD_EDECODE);         /* overlong NUL */
  REJECT("\"\xE0\x80\xAF\"", POD_EDECODE);     /* overlong '/' */
  REJECT("\"\xED\xA0\x80\"", POD_EDECODE);     /* encoded surrogate */
  REJECT("\"\xF4\x90\x80\x80\"", POD_EDECODE); /* above U+10FFFF */
  REJECT("\"\xE2\x82\"", POD_EDECODE);         /* truncated sequence */
  REJECT("{\"\xE2\x82\":1}", POD_EDECODE);     /* ... in a key */
  REJECT("\"\\n\xC0\x80\"", POD_EDECODE);      /* ... in a string with escapes */
  /* Lone surrogates, which yajl turns into '?' or invalid UTF-8. */
  REJECT("\"\\ud800\"", POD_EDECODE);
  REJECT("\"\\udc00\"", POD_EDECODE);
  REJECT("\"\\ud800x\"", POD_EDECODE);
  REJECT("\"\\ud800\\u0041\"", POD_EDECODE);
  REJECT("\"\\ud800\\ud800\"", POD_EDECODE);
  REJECT("\"\\udc00\\ud800\"", POD_EDECODE);
  REJECT("{\"\\uDBFF\":1}", POD_EDECODE);
  /* Accepted: the same things done right. */
  ACCEPT("\"\\ud83d\\ude00\"");
  ACCEPT("\"\\uD83D\\uDE00\"");
  ACCEPT("\"\\\\ud800\""); /* an escaped backslash, then text */
  ACCEPT("\"\\\"\\ud83d\\ude00\\\"\"");
  ACCEPT("\"\xF0\x9F\x98\x80\xE2\x82\xAC\xC3\xA9\x7F\"");
  ACCEPT(" [ ] ");
  ACCEPT("\t\r\n{}\n");

  /* Truncations of a real document at every length fail cleanly. */
  static const char full[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"value\":[1,\"a\\u00e9\\n\",true,"
                             "null,{\"k\":-2.5e3}]},\"id\":1}";
  CHECK_EQ(parse_rc(full, sizeof full - 1), POD_OK);
  for (size_t n = 0; n < sizeof full - 1; n++)
    CHECK_EQ(parse_rc(full, n), POD_EDECODE);

  /* Errors say what and where. */
  pod_json_doc *doc = (pod_json_doc *)&doc;
  pod_json_error_t e;
  CHECK_EQ(pod_json_parse(&doc, "[1,]", 4, NULL, &e), POD_EDECODE);
  CHECK(doc == NULL);
  CHECK_EQ(e.code, POD_EDECODE);
  CHECK(strstr(e.msg, "at byte") != NULL);
  CHECK_EQ(pod_json_parse(&doc, "[\"ab\\udc00\"]", 12, NULL, &e), POD_EDECODE);
  CHECK(strstr(e.msg, "lone surrogate") != NULL);
  CHECK_EQ(e.offset, 4);
  CHECK_EQ(pod_json_parse(&doc, "[\"a\xC0\x80\"]", 7, NULL, &e), POD_EDECODE);
  CHECK(strstr(e.msg, "UTF-8") != NULL);
  CHECK_EQ(e.offset, 3);
  CHECK_EQ(pod_json_parse(&doc, "[1,2", 4, NULL, &e), POD_EDECODE);
  CHECK_EQ(e.offset, 4);
  CHECK_EQ(pod_json_parse(&doc, "[]", 2, NULL, &e), POD_OK);
  CHECK_EQ(e.code, POD_OK);
  pod_json_free(doc);
  /* Arguments. */
  CHECK_EQ(pod_json_parse(NULL, "1", 1, NULL, NULL), POD_EINVAL);
  CHECK_EQ(pod_json_parse(&doc, NULL, 1, NULL, NULL), POD_EINVAL);
  CHECK_EQ(pod_json_parse(&doc, NULL, 0, NULL, NULL), POD_EDECODE); /* empty text */
  pod_json_opts_t o = POD_JSON_OPTS_INIT;
  o.version = 99;
  CHECK_EQ(pod_json_parse(&doc, "1", 1, &o, NULL), POD_EINVAL);
  o.version = POD_JSON_OPTS_VERSION;
  o.max_input = (size_t)POD_JSON_INPUT_LIMIT + 1;
  CHECK_EQ(pod_json_parse(&doc, "1", 1, &o, NULL), POD_EINVAL);
}

static void test_duplicates(void) {
  pod_json_error_t e;
  pod_json_doc *doc;
  REJECT("{\"a\":1,\"a\":2}", POD_EDECODE);
  REJECT("{\"a\":1,\"b\":{\"a\":1,\"a\":1}}", POD_EDECODE);
  REJECT("{\"a\":1,\"\\u0061\":2}", POD_EDECODE); /* the same key, spelled differently */
  ACCEPT("{\"a\":1,\"b\":{\"a\":1}}");            /* same key in different objects */
  ACCEPT("[{\"a\":1},{\"a\":1}]");
  CHECK_EQ(pod_json_parse(&doc, "{\"x\":1,\"x\":2}", 13, NULL, &e), POD_EDECODE);
  CHECK(strstr(e.msg, "duplicate key \"x\"") != NULL);

  /* Large objects take the sorting path: 1000 distinct keys pass, one repeat fails. */
  pod_json_writer_t w;
  pod_json_writer_init(&w, 0);
  for (int dup = 0; dup < 2; dup++) {
    pod_json_writer_reset(&w);
    pod_json_begin_object(&w);
    for (unsigned i = 0; i < 1000; i++) {
      char k[16];
      snprintf(k, sizeof k, "k%u", dup && i == 999 ? 17u : i);
      pod_json_put_key(&w, k);
      pod_json_put_u64(&w, i);
    }
    pod_json_end_object(&w);
    const char *out;
    size_t len;
    CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
    CHECK_EQ(pod_json_parse(&doc, out, len, NULL, NULL), dup ? POD_EDECODE : POD_OK);
    if (!dup) {
      uint64_t u;
      CHECK_EQ(pod_json_len(pod_json_root(doc)), 1000);
      CHECK_EQ(pod_json_get_u64(&u, pod_json_find(pod_json_root(doc), "k777")), POD_OK);
      CHECK_EQ(u, 777);
    }
    pod_json_free(doc);
  }
  pod_json_writer_free(&w);
}

static void test_caps(void) {
  pod_json_doc *doc;
  pod_json_error_t e;
  /* 100 000 '[' fail at the first one too many, without recursion. */
  size_t n = 100000;
  char *deep = malloc(2 * n);
  CHECK(deep != NULL);
  memset(deep, '[', n);
  memset(deep + n, ']', n);
  CHECK_EQ(pod_json_parse(&doc, deep, 2 * n, NULL, &e), POD_ELIMIT);
  CHECK(strstr(e.msg, "nesting deeper than 64") != NULL);
  CHECK_EQ(e.offset, 65);
  /* Objects count too; exactly the cap is fine. */
  CHECK_EQ(pod_json_parse(&doc, deep + n - 64, 128, NULL, NULL), POD_OK);
  pod_json_free(doc);
  CHECK_EQ(pod_json_parse(&doc, deep + n - 65, 130, NULL, NULL), POD_ELIMIT);
  pod_json_opts_t o = POD_JSON_OPTS_INIT;
  o.max_depth = 3;
  CHECK_EQ(pod_json_parse(&doc, "[{\"a\":[1]}]", 11, &o, NULL), POD_OK);
  pod_json_free(doc);
  CHECK_EQ(pod_json_parse(&doc, "[{\"a\":[[1]]}]", 13, &o, NULL), POD_ELIMIT);
  CHECK_EQ(pod_json_parse(&doc, "{\"a\":{\"b\":{\"c\":{}}}}", 20, &o, NULL), POD_ELIMIT);
  o.max_depth = 200000;
  CHECK_EQ(pod_json_parse(&doc, deep, 2 * n, &o, NULL), POD_OK); /* iterative: no stack limit */
  pod_json_free(doc);
  free(deep);

  /* Input size. */
  o = (pod_json_opts_t)POD_JSON_OPTS_INIT;
  o.max_input = 8;
  CHECK_EQ(pod_json_parse(&doc, "[1,2,3,4]", 9, &o, &e), POD_ETOOLARGE);
  CHECK(strstr(e.msg, "over the cap") != NULL);
  CHECK_EQ(pod_json_parse(&doc, "[1,2,34]", 8, &o, NULL), POD_OK);
  pod_json_free(doc);

  /* Number length. */
  char num[POD_JSON_NUMBER_MAX + 4];
  memset(num, '1', sizeof num);
  num[0] = '[';
  num[POD_JSON_NUMBER_MAX + 1] = ']';
  CHECK_EQ(parse_rc(num, POD_JSON_NUMBER_MAX + 2), POD_OK); /* exactly the cap */
  num[POD_JSON_NUMBER_MAX + 1] = '1';
  num[POD_JSON_NUMBER_MAX + 2] = ']';
  CHECK_EQ(parse_rc(num, POD_JSON_NUMBER_MAX + 3), POD_ETOOLARGE);
}

/* Writes s[0..n) as a string value and reads it back. Returns 1 if it came back byte for byte. */
static int str_round_trip(const char *s, size_t n, char *json_out, size_t json_sz) {
  pod_json_writer_t w;
  const char *out, *back;
  size_t len, blen;
  pod_json_doc *doc;
  int same = 0;
  pod_json_writer_init(&w, 0);
  pod_json_begin_object(&w);
  pod_json_put_key_n(&w, s, n);
  pod_json_put_str_n(&w, s, n);
  pod_json_end_object(&w);
  if (pod_json_writer_finish(&w, &out, &len) == POD_OK &&
      pod_json_parse(&doc, out, len, NULL, NULL) == POD_OK) {
    const char *k;
    size_t kl;
    const pod_json_val *v = pod_json_member(pod_json_root(doc), 0, &k, &kl);
    same = pod_json_get_str(&back, &blen, v) == POD_OK && blen == n && kl == n &&
           memcmp(back, s, n) == 0 && memcmp(k, s, n) == 0 && back[n] == '\0';
    pod_json_free(doc);
    if (json_out) snprintf(json_out, json_sz, "%s", out);
  }
  pod_json_writer_free(&w);
  return same;
}

static void test_escaping(void) {
  char all[256], json[2048];
  /* Every byte 0x00..0x7F (controls, quote, backslash, DEL), then multi-byte UTF-8. */
  for (int i = 0; i < 128; i++)
    all[i] = (char)i;
  CHECK(str_round_trip(all, 128, json, sizeof json));
  CHECK(strstr(json, "\\u0000\\u0001") != NULL);
  CHECK(strstr(json, "\\b\\t\\n\\u000b\\f\\r") != NULL);
  CHECK(strstr(json, "\\u001f !\\\"#") != NULL);
  CHECK(strstr(json, "[\\\\]") != NULL);
  CHECK(strstr(json, "/0") != NULL); /* '/' is not escaped */
  static const char utf8[] =
      "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF \xF4\x8F\xBF\xBF"
      " \xE0\xA0\x80 \xC2\x80 \xED\x9F\xBF \xEE\x80\x80";
  CHECK(str_round_trip(utf8, sizeof utf8 - 1, json, sizeof json));
  CHECK(strstr(json, "caf\xC3\xA9") != NULL); /* passed through, not \u-escaped */
  CHECK(str_round_trip("", 0, NULL, 0));
  CHECK(str_round_trip("\"\\\"\\", 4, json, sizeof json));
  CHECK_STR(json, "{\"\\\"\\\\\\\"\\\\\":\"\\\"\\\\\\\"\\\\\"}");

  /* Ill-formed UTF-8 becomes U+FFFD, one per maximal ill-formed subpart. */
  static const struct {
    const char *in, *out;
  } bad[] = {
      {"a\xFF"
       "b",
       "\"a\xEF\xBF\xBD"
       "b\""},
      {"\xC0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xE2\x82", "\"\xEF\xBF\xBD\""}, /* truncated: one subpart */
      {"\xE2\x82x", "\"\xEF\xBF\xBDx\""},
      {"\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""}, /* surrogate: 3 */
      {"\xF4\x90\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xF0\x9F\x98", "\"\xEF\xBF\xBD\""},
      {"\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\""},
      {"\xF8\x88\x80\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""},
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    char buf[64];
    pod_json_writer_t w;
    const char *out;
    size_t len;
    pod_json_writer_init_fixed(&w, buf, sizeof buf);
    pod_json_put_str(&w, bad[k].in);
    CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
    CHECK_STR(out, bad[k].out);
    CHECK_EQ(parse_rc(out, len), POD_OK); /* and valid JSON, valid UTF-8 */
  }

  /* \u escapes decode to the same bytes. */
  pod_json_doc *doc;
  const char *s;
  size_t n;
  CHECK_EQ(parse(&doc, "[\"\\u00e9\\u20AC\\ud83d\\ude00\\u0000\\/\\b\\f\\n\\r\\t\\\"\\\\\"]"),
           POD_OK);
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_at(pod_json_root(doc), 0)), POD_OK);
  CHECK_EQ(n, 18);
  CHECK(memcmp(s, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\0/\b\f\n\r\t\"\\", 18) == 0);
  pod_json_free(doc);
}

static void test_writer(void) {
  pod_json_writer_t w;
  const char *out;
  size_t len;

  /* Structure and commas. */
  pod_json_writer_init(&w, 0);
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "a");
  pod_json_begin_array(&w);
  pod_json_begin_array(&w);
  pod_json_end_array(&w);
  pod_json_begin_object(&w);
  pod_json_end_object(&w);
  pod_json_put_null(&w);
  pod_json_put_bool(&w, 1);
  pod_json_put_bool(&w, 0);
  pod_json_put_raw(&w, "{\"r\":1}", 7);
  pod_json_put_str(&w, "s");
  pod_json_end_array(&w);
  pod_json_put_key(&w, "b");
  pod_json_put_i64(&w, -5);
  pod_json_end_object(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_STR(out, "{\"a\":[[],{},null,true,false,{\"r\":1},\"s\"],\"b\":-5}");
  CHECK_EQ(len, strlen(out));

  /* reset reuses the buffer for a new document. */
  pod_json_writer_reset(&w);
  pod_json_put_u64(&w, 7);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_STR(out, "7");

  /* Misuse is POD_EINVAL and sticks. */
  static const int misuse_count = 9;
  for (int m = 0; m < misuse_count; m++) {
    pod_json_writer_reset(&w);
    switch (m) {
    case 0: pod_json_put_key(&w, "k"); break; /* key at top level */
    case 1:
      pod_json_begin_array(&w);
      pod_json_put_key(&w, "k"); /* key in an array */
      break;
    case 2:
      pod_json_begin_object(&w);
      pod_json_put_u64(&w, 1); /* value without key */
      break;
    case 3:
      pod_json_begin_object(&w);
      pod_json_put_key(&w, "k");
      pod_json_put_key(&w, "k"); /* two keys */
      break;
    case 4:
      pod_json_begin_object(&w);
      pod_json_put_key(&w, "k");
      pod_json_end_object(&w); /* key without value */
      break;
    case 5:
      pod_json_begin_object(&w);
      pod_json_end_array(&w); /* mismatched end */
      break;
    case 6: pod_json_end_array(&w); break; /* end of nothing */
    case 7:
      pod_json_put_u64(&w, 1);
      pod_json_put_u64(&w, 2); /* second top-level value */
      break;
    case 8: pod_json_put_str_n(&w, NULL, 3); break;
    }
    pod_json_put_null(&w); /* no-op after the error */
    CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_EINVAL);
  }
  /* Incomplete documents. */
  pod_json_writer_reset(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_EINVAL);
  pod_json_begin_array(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_EINVAL);
  pod_json_end_array(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_STR(out, "[]");

  /* Nesting limit. */
  pod_json_writer_reset(&w);
  for (unsigned i = 0; i < POD_JSON_WRITER_DEPTH_MAX; i++)
    pod_json_begin_array(&w);
  for (unsigned i = 0; i < POD_JSON_WRITER_DEPTH_MAX; i++)
    pod_json_end_array(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_EQ(len, 2 * POD_JSON_WRITER_DEPTH_MAX);
  pod_json_writer_reset(&w);
  for (unsigned i = 0; i <= POD_JSON_WRITER_DEPTH_MAX; i++)
    pod_json_begin_array(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ELIMIT);
  /* Mixed objects and arrays across the 64-bit word of the nesting stack. */
  pod_json_writer_reset(&w);
  for (unsigned i = 0; i < 100; i++) {
    if (i % 3 == 0) {
      pod_json_begin_object(&w);
      pod_json_put_key(&w, "k");
    } else {
      pod_json_begin_array(&w);
    }
  }
  pod_json_put_null(&w);
  for (unsigned i = 100; i-- > 0;) {
    if (i % 3 == 0)
      pod_json_end_object(&w);
    else
      pod_json_end_array(&w);
  }
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  pod_json_opts_t o = POD_JSON_OPTS_INIT;
  o.max_depth = 100;
  pod_json_doc *doc;
  CHECK_EQ(pod_json_parse(&doc, out, len, &o, NULL), POD_OK);
  pod_json_free(doc);
  pod_json_writer_free(&w);
  pod_json_writer_free(NULL);

  /* The cap: a heap writer stops at max bytes, a fixed one at sz - 1. */
  pod_json_writer_init(&w, 10);
  pod_json_put_str(&w, "12345678"); /* 10 bytes with quotes: fits exactly */
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_EQ(len, 10);
  pod_json_writer_reset(&w);
  pod_json_put_str(&w, "123456789");
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ENOSPC);
  pod_json_writer_reset(&w);
  pod_json_put_str(&w, "\n\n\n\n"); /* 4 bytes, 8 escaped + 2 quotes = 10 */
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  pod_json_writer_reset(&w);
  pod_json_put_str(&w, "\x01\x01"); /* 2 x 6 + 2 = 14 */
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ENOSPC);
  pod_json_writer_reset(&w);
  pod_json_begin_array(&w);
  for (int i = 0; i < 10; i++)
    pod_json_put_u64(&w, 1); /* "[1,1,1,1,1" then full */
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ENOSPC);
  CHECK(w.len <= 10);
  pod_json_writer_free(&w);

  char small[8];
  pod_json_writer_init_fixed(&w, small, sizeof small);
  pod_json_put_u64(&w, 1234567); /* 7 bytes + NUL */
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK(out == small);
  CHECK_STR(small, "1234567");
  pod_json_writer_reset(&w);
  pod_json_put_u64(&w, 12345678);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ENOSPC);
  pod_json_writer_free(&w); /* fixed: nothing to free */
  pod_json_writer_init_fixed(&w, NULL, 0);
  pod_json_put_null(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_ENOSPC);

  /* A heap writer grows through many doublings; a large string is written in one piece. */
  size_t big = 3 << 20;
  char *s = malloc(big);
  CHECK(s != NULL);
  for (size_t i = 0; i < big; i++)
    s[i] = (char)('a' + i % 26);
  pod_json_writer_init(&w, 0);
  pod_json_begin_array(&w);
  for (int i = 0; i < 3; i++)
    pod_json_put_str_n(&w, s, big);
  pod_json_end_array(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_EQ(len, 3 * (big + 3) + 1);
  CHECK_EQ(pod_json_parse(&doc, out, len, NULL, NULL), POD_OK);
  const char *back;
  size_t blen;
  CHECK_EQ(pod_json_get_str(&back, &blen, pod_json_at(pod_json_root(doc), 2)), POD_OK);
  CHECK(blen == big && memcmp(back, s, big) == 0);
  pod_json_free(doc);
  pod_json_writer_free(&w);
  free(s);
}

/* A getAccountInfo-style response and a sendTransaction request, written and read back. */
static void test_solana_shapes(void) {
  static const char owner[] = "11111111111111111111111111111111";
  static const char data_b64[] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
  pod_json_writer_t w;
  const char *out;
  size_t len;
  pod_json_writer_init(&w, 0);
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "jsonrpc");
  pod_json_put_str(&w, "2.0");
  pod_json_put_key(&w, "result");
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "context");
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "apiVersion");
  pod_json_put_str(&w, "2.0.15");
  pod_json_put_key(&w, "slot");
  pod_json_put_u64(&w, 341197053);
  pod_json_end_object(&w);
  pod_json_put_key(&w, "value");
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "data");
  pod_json_begin_array(&w);
  pod_json_put_str(&w, data_b64);
  pod_json_put_str(&w, "base64");
  pod_json_end_array(&w);
  pod_json_put_key(&w, "executable");
  pod_json_put_bool(&w, 0);
  pod_json_put_key(&w, "lamports");
  pod_json_put_u64(&w, 88849814690250ull);
  pod_json_put_key(&w, "owner");
  pod_json_put_str(&w, owner);
  pod_json_put_key(&w, "rentEpoch");
  pod_json_put_u64(&w, UINT64_MAX);
  pod_json_put_key(&w, "space");
  pod_json_put_u64(&w, 32);
  pod_json_end_object(&w);
  pod_json_end_object(&w);
  pod_json_put_key(&w, "id");
  pod_json_put_u64(&w, 1);
  pod_json_end_object(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_STR(out, "{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"apiVersion\":\"2.0.15\","
                 "\"slot\":341197053},\"value\":{\"data\":[\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob"
                 "HB0eHyA=\",\"base64\"],\"executable\":false,\"lamports\":88849814690250,"
                 "\"owner\":\"11111111111111111111111111111111\",\"rentEpoch\":"
                 "18446744073709551615,\"space\":32}},\"id\":1}");

  pod_json_doc *doc;
  CHECK_EQ(pod_json_parse(&doc, out, len, NULL, NULL), POD_OK);
  const pod_json_val *r = pod_json_root(doc);
  const pod_json_val *val = pod_json_find(pod_json_find(r, "result"), "value");
  const char *s;
  size_t n;
  uint64_t u;
  int b;
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_find(r, "jsonrpc")), POD_OK);
  CHECK_STR(s, "2.0");
  CHECK_EQ(pod_json_get_u64(
               &u, pod_json_find(pod_json_find(pod_json_find(r, "result"), "context"), "slot")),
           POD_OK);
  CHECK_EQ(u, 341197053);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(val, "lamports")), POD_OK);
  CHECK(u == 88849814690250ull);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(val, "rentEpoch")), POD_OK);
  CHECK(u == UINT64_MAX);
  CHECK_EQ(pod_json_get_bool(&b, pod_json_find(val, "executable")), POD_OK);
  CHECK_EQ(b, 0);
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_at(pod_json_find(val, "data"), 0)), POD_OK);
  CHECK_STR(s, data_b64);
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_find(val, "owner")), POD_OK);
  CHECK_STR(s, owner);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(r, "id")), POD_OK);
  CHECK_EQ(u, 1);
  pod_json_free(doc);

  /* The request a client sends, read as the server would. */
  pod_json_writer_reset(&w);
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "jsonrpc");
  pod_json_put_str(&w, "2.0");
  pod_json_put_key(&w, "id");
  pod_json_put_u64(&w, 42);
  pod_json_put_key(&w, "method");
  pod_json_put_str(&w, "sendTransaction");
  pod_json_put_key(&w, "params");
  pod_json_begin_array(&w);
  pod_json_put_str(&w, data_b64);
  pod_json_begin_object(&w);
  pod_json_put_key(&w, "encoding");
  pod_json_put_str(&w, "base64");
  pod_json_put_key(&w, "skipPreflight");
  pod_json_put_bool(&w, 1);
  pod_json_put_key(&w, "maxRetries");
  pod_json_put_u64(&w, 5);
  pod_json_end_object(&w);
  pod_json_end_array(&w);
  pod_json_end_object(&w);
  CHECK_EQ(pod_json_writer_finish(&w, &out, &len), POD_OK);
  CHECK_EQ(pod_json_parse(&doc, out, len, NULL, NULL), POD_OK);
  r = pod_json_root(doc);
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_find(r, "method")), POD_OK);
  CHECK_STR(s, "sendTransaction");
  const pod_json_val *params = pod_json_find(r, "params");
  CHECK_EQ(pod_json_len(params), 2);
  CHECK_EQ(pod_json_get_str(&s, &n, pod_json_at(params, 0)), POD_OK);
  CHECK_EQ(n, sizeof data_b64 - 1);
  CHECK_EQ(pod_json_get_bool(&b, pod_json_find(pod_json_at(params, 1), "skipPreflight")), POD_OK);
  CHECK_EQ(b, 1);
  CHECK_EQ(pod_json_get_u64(&u, pod_json_find(pod_json_at(params, 1), "maxRetries")), POD_OK);
  CHECK_EQ(u, 5);
  pod_json_free(doc);
  pod_json_writer_free(&w);
}

int main(void) {
  test_u64_i64();
  test_f64();
  test_types_and_getters();
  test_malformed();
  test_duplicates();
  test_caps();
  test_escaping();
  test_writer();
  test_solana_shapes();
  TEST_DONE();
}
