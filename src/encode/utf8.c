/* UTF-8 validation, shared by the Borsh reader (String), the JSON reader and writer, and the
 * program's validation rules.
 *
 * Well-formed sequences per Unicode 15 Table 3-7 (what Rust's str::from_utf8 accepts):
 *   00..7F | C2..DF 80..BF | E0 A0..BF 80..BF | E1..EC 80..BF 80..BF | ED 80..9F 80..BF
 *   | EE..EF 80..BF 80..BF | F0 90..BF 80..BF 80..BF | F1..F3 80..BF 80..BF 80..BF
 *   | F4 80..8F 80..BF 80..BF
 * The narrowed second-byte ranges exclude overlongs (E0, F0), surrogates (ED) and code points
 * above U+10FFFF (F4); C0, C1 and F5..FF never start a sequence. */
#include "pod/encode.h"

#include <string.h>

size_t pod_utf8_seq(const uint8_t *p, size_t n, int *ok) {
  unsigned c = p[0], lo = 0x80, hi = 0xBF;
  size_t need;
  *ok = 0;
  if (c < 0x80) {
    *ok = 1;
    return 1;
  }
  if (c < 0xC2) return 1; /* continuation byte, or C0/C1 (always overlong) */
  if (c < 0xE0)
    need = 1;
  else if (c < 0xF0) {
    need = 2;
    if (c == 0xE0) lo = 0xA0; /* overlong */
    if (c == 0xED) hi = 0x9F; /* surrogates */
  } else if (c < 0xF5) {
    need = 3;
    if (c == 0xF0) lo = 0x90; /* overlong */
    if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
  } else
    return 1;
  if (n < 2 || p[1] < lo || p[1] > hi) return 1;
  for (size_t k = 2; k <= need; k++)
    if (k >= n || p[k] < 0x80 || p[k] > 0xBF) return k;
  *ok = 1;
  return need + 1;
}

int pod_utf8_valid(const char *str, size_t len) {
  const uint8_t *s = (const uint8_t *)str;
  size_t i = 0;
  if (len && !s) return 0;
  while (i < len) {
    /* ASCII fast path, 8 bytes at a time: most URIs, names and JSON are pure ASCII. */
    while (8 <= len - i) {
      uint64_t x;
      memcpy(&x, s + i, 8);
      if (x & UINT64_C(0x8080808080808080)) break;
      i += 8;
    }
    if (i == len) break;
    int ok;
    i += pod_utf8_seq(s + i, len - i, &ok);
    if (!ok) return 0;
  }
  return 1;
}
