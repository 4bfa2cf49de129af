/* Text primitives with the program's Unicode semantics (PROTOCOL.md §4.2): UTF-8 validity as
 * Rust's str::from_utf8 (the decoder used by every rule), White_Space trimming, Cc, alphanumeric.
 */
#include "pod/validate.h"
#include "rules_internal.h"

uint32_t pod_rules_utf8_next(const uint8_t *s, size_t len, size_t *i) {
  size_t p = *i;
  uint8_t b0 = s[p];
  if (b0 < 0x80) {
    *i = p + 1;
    return b0;
  }
  size_t left = len - p - 1; /* bytes after the lead byte */
  uint32_t cp;
  size_t need;
  uint8_t lo = 0x80, hi = 0xBF; /* allowed range of the first continuation byte */
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, cp = b0 & 0x0Fu;
    if (b0 == 0xE0)
      lo = 0xA0; /* no overlong forms */
    else if (b0 == 0xED)
      hi = 0x9F; /* no surrogates */
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, cp = b0 & 0x07u;
    if (b0 == 0xF0)
      lo = 0x90; /* no overlong forms */
    else if (b0 == 0xF4)
      hi = 0x8F; /* nothing above U+10FFFF */
  } else {
    goto invalid;
  }
  if (left < need) goto invalid;
  for (size_t k = 1; k <= need; k++) {
    uint8_t c = s[p + k];
    uint8_t klo = k == 1 ? lo : 0x80, khi = k == 1 ? hi : 0xBF;
    if (c < klo || c > khi) goto invalid;
    cp = cp << 6 | (c & 0x3Fu);
  }
  *i = p + 1 + need;
  return cp;
invalid:
  *i = p + 1;
  return POD_RULES_CP_INVALID + b0;
}

int pod_char_is_whitespace(uint32_t cp) {
  if (cp <= 0x7F) return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D);
  switch (cp) {
  case 0x85:
  case 0xA0:
  case 0x1680:
  case 0x2028:
  case 0x2029:
  case 0x202F:
  case 0x205F:
  case 0x3000: return 1;
  default: return cp >= 0x2000 && cp <= 0x200A;
  }
}

int pod_char_is_control(uint32_t cp) { return cp <= 0x1F || (cp >= 0x7F && cp <= 0x9F); }

int pod_char_is_alphanumeric(uint32_t cp) {
  if (cp < 0x80)
    return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return pod_rules_alnum_nonascii(cp);
}

pod_str_view_t pod_trim(const char *s, size_t len) {
  pod_str_view_t v = {s, 0};
  const uint8_t *u = (const uint8_t *)s;
  size_t i = 0, start = len, end = 0;
  if (!s) return v;
  /* One forward pass (so invalid bytes are seen exactly as the decoder sees them): the first and
   * the last character that is not white space. */
  while (i < len) {
    size_t at = i;
    uint32_t cp = pod_rules_utf8_next(u, len, &i);
    if (!pod_char_is_whitespace(cp)) {
      if (start == len) start = at;
      end = i;
    }
  }
  if (start == len) { /* all white space: Rust returns the empty slice at the end */
    v.ptr = s + len;
    return v;
  }
  v.ptr = s + start;
  v.len = end - start;
  return v;
}

int pod_is_blank(const char *s, size_t len) { return pod_trim(s, len).len == 0; }
