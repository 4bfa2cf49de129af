/* Fuzzer for the JSON reader and writer.
 *
 * 1. Parse the input with the default caps. If it parses, write the document back with our writer
 *    (integers through put_u64/put_i64, other numbers as their text through put_raw), parse that,
 *    and check both documents hold the same values; writing the second gives the same bytes.
 * 2. Write the input as one string (any bytes: ill-formed UTF-8 becomes U+FFFD); it must parse
 *    back, to the same bytes when the input was well-formed UTF-8 (as the reader judges it). */
#include "pod/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "fuzz_json: %s\n", what);
    abort();
  }
}

/* Depth is bounded by the parser's cap (64), so recursion is. */
static void write_value(pod_json_writer_t *w, const pod_json_val *v) {
  const char *s;
  size_t n;
  uint64_t u;
  int64_t i;
  int b;
  switch (pod_json_type(v)) {
  case POD_JSON_NULL: pod_json_put_null(w); break;
  case POD_JSON_BOOL:
    check(pod_json_get_bool(&b, v) == POD_OK, "get_bool");
    pod_json_put_bool(w, b);
    break;
  case POD_JSON_NUMBER:
    if (pod_json_get_u64(&u, v) == POD_OK)
      pod_json_put_u64(w, u);
    else if (pod_json_get_i64(&i, v) == POD_OK)
      pod_json_put_i64(w, i);
    else {
      check(pod_json_get_number(&s, &n, v) == POD_OK, "get_number");
      pod_json_put_raw(w, s, n);
    }
    break;
  case POD_JSON_STRING:
    check(pod_json_get_str(&s, &n, v) == POD_OK && s[n] == '\0', "get_str");
    pod_json_put_str_n(w, s, n);
    break;
  case POD_JSON_ARRAY:
    pod_json_begin_array(w);
    for (size_t k = 0; k < pod_json_len(v); k++)
      write_value(w, pod_json_at(v, k));
    check(pod_json_at(v, pod_json_len(v)) == NULL, "at past the end");
    pod_json_end_array(w);
    break;
  case POD_JSON_OBJECT:
    pod_json_begin_object(w);
    for (size_t k = 0; k < pod_json_len(v); k++) {
      const pod_json_val *m = pod_json_member(v, k, &s, &n);
      check(m != NULL && pod_json_find_n(v, s, n) == m, "member/find (keys are unique)");
      pod_json_put_key_n(w, s, n);
      write_value(w, m);
    }
    pod_json_end_object(w);
    break;
  case POD_JSON_NONE: check(0, "NONE inside a document"); break;
  }
}

/* Same type and value. Numbers: same exact integer, or the same text. */
static int same(const pod_json_val *a, const pod_json_val *b) {
  pod_json_type_t t = pod_json_type(a);
  if (t != pod_json_type(b)) return 0;
  const char *s1, *s2;
  size_t n1, n2;
  switch (t) {
  case POD_JSON_NULL: return 1;
  case POD_JSON_BOOL: {
    int x, y;
    return pod_json_get_bool(&x, a) == POD_OK && pod_json_get_bool(&y, b) == POD_OK && x == y;
  }
  case POD_JSON_NUMBER: {
    uint64_t u1, u2;
    int64_t i1, i2;
    if (pod_json_get_u64(&u1, a) == POD_OK) return pod_json_get_u64(&u2, b) == POD_OK && u1 == u2;
    if (pod_json_get_i64(&i1, a) == POD_OK) return pod_json_get_i64(&i2, b) == POD_OK && i1 == i2;
    return pod_json_get_number(&s1, &n1, a) == POD_OK && pod_json_get_number(&s2, &n2, b) == 0 &&
           n1 == n2 && memcmp(s1, s2, n1) == 0;
  }
  case POD_JSON_STRING:
    return pod_json_get_str(&s1, &n1, a) == POD_OK && pod_json_get_str(&s2, &n2, b) == POD_OK &&
           n1 == n2 && memcmp(s1, s2, n1) == 0;
  case POD_JSON_ARRAY:
    if (pod_json_len(a) != pod_json_len(b)) return 0;
    for (size_t k = 0; k < pod_json_len(a); k++)
      if (!same(pod_json_at(a, k), pod_json_at(b, k))) return 0;
    return 1;
  case POD_JSON_OBJECT:
    if (pod_json_len(a) != pod_json_len(b)) return 0;
    for (size_t k = 0; k < pod_json_len(a); k++) {
      const pod_json_val *x = pod_json_member(a, k, &s1, &n1);
      const pod_json_val *y = pod_json_member(b, k, &s2, &n2);
      if (n1 != n2 || memcmp(s1, s2, n1) != 0 || !same(x, y)) return 0;
    }
    return 1;
  case POD_JSON_NONE: return 0;
  }
  return 0;
}

static void touch_getters(const pod_json_val *v) {
  uint64_t u;
  int64_t i;
  double d;
  int b;
  const char *s;
  size_t n;
  (void)pod_json_get_u64(&u, v);
  (void)pod_json_get_i64(&i, v);
  (void)pod_json_get_f64(&d, v);
  (void)pod_json_get_bool(&b, v);
  (void)pod_json_get_str(&s, &n, v);
  (void)pod_json_is_null(v);
  (void)pod_json_find(v, "a");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *text = (const char *)data;
  pod_json_doc *d1 = NULL, *d2 = NULL;
  pod_json_error_t e;
  pod_json_writer_t w1, w2;
  const char *o1, *o2;
  size_t l1, l2;

  int rc = pod_json_parse(&d1, text, size, NULL, &e);
  check(rc == e.code, "error code recorded");
  if (rc == POD_OK) {
    const pod_json_val *r = pod_json_root(d1);
    touch_getters(r);
    for (size_t k = 0; k < pod_json_len(r); k++)
      touch_getters(pod_json_at(r, k));
    pod_json_writer_init(&w1, 0);
    write_value(&w1, r);
    check(pod_json_writer_finish(&w1, &o1, &l1) == POD_OK, "write back");
    check(pod_json_parse(&d2, o1, l1, NULL, &e) == POD_OK, "re-parse");
    check(same(r, pod_json_root(d2)), "same values");
    pod_json_writer_init(&w2, 0);
    write_value(&w2, pod_json_root(d2));
    check(pod_json_writer_finish(&w2, &o2, &l2) == POD_OK, "write again");
    check(l1 == l2 && memcmp(o1, o2, l1) == 0, "writing is stable");
    pod_json_writer_free(&w1);
    pod_json_writer_free(&w2);
    pod_json_free(d2);
    pod_json_free(d1);
  } else {
    check(d1 == NULL && e.offset <= size && memchr(e.msg, 0, sizeof e.msg), "error report");
  }

  /* Any bytes as a string value. */
  pod_json_writer_init(&w1, 0);
  pod_json_put_str_n(&w1, text, size);
  check(pod_json_writer_finish(&w1, &o1, &l1) == POD_OK, "write string");
  check(pod_json_parse(&d1, o1, l1, NULL, &e) == POD_OK, "written string parses");
  /* Was the input well-formed UTF-8? Ask the reader: a string of it with every byte the writer
   * would escape replaced by a plain one. */
  char *copy = malloc(size + 2);
  check(copy != NULL, "malloc");
  copy[0] = '"';
  for (size_t k = 0; k < size; k++)
    copy[k + 1] =
        ((unsigned char)text[k] < 0x20 || text[k] == '"' || text[k] == '\\') ? 'x' : text[k];
  copy[size + 1] = '"';
  if (pod_json_parse(&d2, copy, size + 2, NULL, NULL) == POD_OK) {
    const char *s;
    size_t n;
    check(pod_json_get_str(&s, &n, pod_json_root(d1)) == POD_OK && n == size &&
              memcmp(s, text, size) == 0,
          "well-formed string round trip");
    pod_json_free(d2);
  }
  free(copy);
  pod_json_free(d1);
  pod_json_writer_free(&w1);
  return 0;
}
