/* Internal to the rules module: UTF-8 decoding and the generated alphanumeric table. */
#ifndef POD_RULES_INTERNAL_H
#define POD_RULES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* What pod_rules_utf8_next returns for a byte that does not start a valid sequence: a value above
 * U+10FFFF, so no character class matches it. The invalid byte b decodes to
 * POD_RULES_CP_INVALID + b (distinct values keep the repetition count deterministic). */
#define POD_RULES_CP_INVALID 0x110000u

/* Decodes the character at s[*i] (requires *i < len) and advances *i past it: the scalar value of
 * a valid UTF-8 sequence (Rust's rules: shortest form, no surrogates, <= U+10FFFF), or, for an
 * invalid byte b, POD_RULES_CP_INVALID + b after advancing one byte. */
uint32_t pod_rules_utf8_next(const uint8_t *s, size_t len, size_t *i);

/* 1 if the non-ASCII code point cp is Alphabetic or Nd/Nl/No (unicode_alnum.c, generated). */
int pod_rules_alnum_nonascii(uint32_t cp);

#endif
