/* One JSON library as the comparison drives it (compare.c): parse a text, walk the fields a
 * client would read, free. Each candidate is a shared object (cand_<name>.so) exporting
 * `candidate`, loaded with dlopen(RTLD_LOCAL): json-c and jansson cannot share a program, as both
 * define json_type in their headers and both export json_object_get, so a program linked with both
 * calls json-c's json_object_get from jansson code. */
#ifndef POD_JSON_COMPARE_H
#define POD_JSON_COMPARE_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
  const char *name;
  /* Parse + walk + free. Return a checksum of what was read (string lengths, integers, booleans:
   * the same for every candidate that reads the text correctly), or 0 if the text was refused. */
  uint64_t (*account_info)(const char *text, size_t len);
  uint64_t (*program_accounts)(const char *text, size_t len);
  uint64_t (*send_transaction)(const char *text, size_t len);
  /* Parse text (a JSON array of one number) and read the number as a u64 the strictest way the
   * library allows: 0 and *out, -1 if the parse failed, -2 if the getter refused. */
  int (*u64)(const char *text, size_t len, uint64_t *out);
  /* Parse text as a document: 1 accepted, 0 refused. */
  int (*accepts)(const char *text, size_t len);
} candidate_t;

/* Exact u64 from the text of a JSON number (no sign, no fraction, no exponent); 0 or -1. */
static inline int compare_text_u64(const char *s, size_t n, uint64_t *out) {
  uint64_t m = 0;
  if (n == 0) return -1;
  for (size_t i = 0; i < n; i++) {
    unsigned d = (unsigned)(s[i] - '0');
    if (d > 9 || m > (UINT64_MAX - d) / 10) return -1;
    m = m * 10 + d;
  }
  *out = m;
  return 0;
}

#endif
