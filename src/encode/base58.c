/* Base58 with the Bitcoin alphabet (what Solana uses for keys, signatures and hashes).
 *
 * Base58 text is a big-endian number in base 58, with one '1' per leading zero byte. The
 * textbook conversion moves one digit at a time across the whole number (O(n^2) single-digit
 * steps). Here both directions move five base-58 digits at a time: 58^5 = 656356768 < 2^30,
 * so a "limb" of five digits fits a uint32_t and a limb times 2^32 (or a 32-bit word times
 * 58^5) fits a uint64_t with room for the carry. Encoding runs Horner's rule over 32-bit input
 * words into base-58^5 limbs; decoding runs it over 5-digit groups into 32-bit words. For 32
 * bytes that is about 9 x 9 multiply-adds each way.
 *
 * The fixed-size paths use the same code with constant sizes (the compiler specialises the
 * inline core) and small stack arrays; the general path caps the converted size at
 * POD_BASE58_DATA_MAX so its stack arrays are bounded too. */
#include "pod/encode.h"

#include <string.h>

#define B58_BASE5 656356768u /* 58^5 */

/* Base-58^5 limbs that hold any n-byte number: log2(58^5) = 29.29 > 29, so
 * ceil(8n / 29.29) <= 8n / 29 + 1. */
#define B58_LIMBS(n) ((n)*8u / 29u + 1u)
/* 32-bit words for an n-byte number plus one: the decoder stops as soon as it needs more than
 * that many, which proves the value has more than n bytes. */
#define B58_WORDS(n) ((n) / 4u + 1u)

static const char b58_alphabet[58] = {'1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'B', 'C',
                                      'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q',
                                      'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'a', 'b', 'c',
                                      'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'm', 'n', 'o', 'p',
                                      'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z'};

/* Digit value + 1 for each byte; 0 marks a byte outside the alphabet (including '0', 'O', 'I',
 * 'l', NUL and everything >= 0x80). */
static const uint8_t b58_index[256] = {
    ['1'] = 1,  ['2'] = 2,  ['3'] = 3,  ['4'] = 4,  ['5'] = 5,  ['6'] = 6,  ['7'] = 7,  ['8'] = 8,
    ['9'] = 9,  ['A'] = 10, ['B'] = 11, ['C'] = 12, ['D'] = 13, ['E'] = 14, ['F'] = 15, ['G'] = 16,
    ['H'] = 17, ['J'] = 18, ['K'] = 19, ['L'] = 20, ['M'] = 21, ['N'] = 22, ['P'] = 23, ['Q'] = 24,
    ['R'] = 25, ['S'] = 26, ['T'] = 27, ['U'] = 28, ['V'] = 29, ['W'] = 30, ['X'] = 31, ['Y'] = 32,
    ['Z'] = 33, ['a'] = 34, ['b'] = 35, ['c'] = 36, ['d'] = 37, ['e'] = 38, ['f'] = 39, ['g'] = 40,
    ['h'] = 41, ['i'] = 42, ['j'] = 43, ['k'] = 44, ['m'] = 45, ['n'] = 46, ['o'] = 47, ['p'] = 48,
    ['q'] = 49, ['r'] = 50, ['s'] = 51, ['t'] = 52, ['u'] = 53, ['v'] = 54, ['w'] = 55, ['x'] = 56,
    ['y'] = 57, ['z'] = 58};

/* ---- encode ---- */

/* Encodes in[0..in_sz) into out[0..out_sz). limb must hold B58_LIMBS(max_data) entries, and at
 * most max_data bytes may follow the leading zeros. */
static inline int b58_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in,
                             size_t in_sz, uint32_t *limb, size_t max_data) {
  size_t z = 0;
  while (z < in_sz && in[z] == 0)
    z++;
  const uint8_t *p = in + z;
  size_t n = in_sz - z;
  if (n > max_data) {
    if (out_sz > 0) out[0] = '\0';
    return POD_ETOOLARGE;
  }

  /* Horner's rule: value = value * 2^32 + next word, the value kept in base-58^5 limbs (least
   * significant first). The first word takes the n % 4 odd bytes so the rest are whole words;
   * its multiplier does not matter since the value is still 0. With limb < 58^5 and
   * carry < 2^32, limb * 2^32 + carry < 2^62 and the new carry stays below 2^32. */
  size_t nl = 0;
  size_t i = 0;
  size_t head = n % 4 ? n % 4 : 4;
  while (i < n) {
    uint64_t carry = 0;
    for (size_t k = 0; k < head; k++)
      carry = carry << 8 | p[i + k];
    i += head;
    head = 4;
    for (size_t j = 0; j < nl; j++) {
      uint64_t t = (uint64_t)limb[j] << 32 | carry;
      limb[j] = (uint32_t)(t % B58_BASE5);
      carry = t / B58_BASE5;
    }
    while (carry) {
      limb[nl++] = (uint32_t)(carry % B58_BASE5);
      carry /= B58_BASE5;
    }
  }

  /* Every limb but the top one is exactly five digits; the top one has no leading zeros. */
  size_t digits = 0;
  if (nl > 0) {
    digits = 5 * (nl - 1);
    for (uint32_t v = limb[nl - 1]; v; v /= 58)
      digits++;
  }
  size_t len = z + digits;
  if (len >= out_sz) {
    if (out_sz > 0) out[0] = '\0';
    return POD_ENOSPC;
  }

  size_t pos = len;
  out[pos] = '\0';
  for (size_t j = 0; j + 1 < nl; j++) {
    uint32_t v = limb[j];
    for (int k = 0; k < 5; k++) {
      out[--pos] = b58_alphabet[v % 58];
      v /= 58;
    }
  }
  if (nl > 0) {
    for (uint32_t v = limb[nl - 1]; v; v /= 58)
      out[--pos] = b58_alphabet[v % 58];
  }
  memset(out, '1', z); /* pos == z here */
  if (out_len) *out_len = len;
  return POD_OK;
}

int pod_base58_encode(char *out, size_t out_sz, size_t *out_len, const uint8_t *in, size_t in_sz) {
  if ((!out && out_sz) || (!in && in_sz)) return POD_EINVAL;
  if (!in) in = (const uint8_t *)""; /* in_sz == 0: keep "in + 0" off a null pointer */
  uint32_t limb[B58_LIMBS(POD_BASE58_DATA_MAX)];
  return b58_encode(out, out_sz, out_len, in, in_sz, limb, POD_BASE58_DATA_MAX);
}

char *pod_base58_encode_32(char out[POD_BASE58_32_SZ], const uint8_t in[32]) {
  uint32_t limb[B58_LIMBS(32)];
  (void)b58_encode(out, POD_BASE58_32_SZ, NULL, in, 32, limb, 32); /* cannot fail */
  return out;
}

char *pod_base58_encode_64(char out[POD_BASE58_64_SZ], const uint8_t in[64]) {
  uint32_t limb[B58_LIMBS(64)];
  (void)b58_encode(out, POD_BASE58_64_SZ, NULL, in, 64, limb, 64); /* cannot fail */
  return out;
}

/* ---- decode ---- */

/* Decodes in[0..in_len) into out[0..out_sz). word must hold B58_WORDS(max_data) entries. With
 * exact, the value must fill out_sz exactly (POD_EDECODE otherwise). Writes out only on
 * success. */
static inline int b58_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in,
                             size_t in_len, uint32_t *word, size_t max_data, int exact) {
  /* Validate everything first so a bad character is POD_EDECODE whatever the size. */
  for (size_t i = 0; i < in_len; i++)
    if (!b58_index[(unsigned char)in[i]]) return POD_EDECODE;

  size_t z = 0;
  while (z < in_len && in[z] == '1')
    z++;
  int too_big = exact ? POD_EDECODE : POD_ENOSPC;
  if (z > out_sz) return too_big;
  size_t room = out_sz - z;
  size_t lim = room;
  if (lim > max_data) {
    lim = max_data;
    too_big = POD_ETOOLARGE;
  }
  size_t cap = B58_WORDS(lim);

  /* Horner's rule: value = value * 58^k + next k digits (k = 5 but for the first group, which
   * takes the odd digits), the value kept in 32-bit words (least significant first). With
   * word < 2^32 and carry < 58^5 + 1, word * 58^5 + carry < 2^62 and the new carry stays below
   * 58^5 + 1, so one new word takes it. Past cap words the value is longer than lim bytes. */
  const char *p = in + z;
  size_t n = in_len - z;
  size_t nw = 0;
  size_t i = 0;
  size_t head = n % 5 ? n % 5 : 5;
  while (i < n) {
    uint64_t carry = 0;
    for (size_t k = 0; k < head; k++)
      carry = carry * 58 + (uint64_t)(b58_index[(unsigned char)p[i + k]] - 1);
    i += head;
    head = 5;
    for (size_t j = 0; j < nw; j++) {
      uint64_t t = (uint64_t)word[j] * B58_BASE5 + carry;
      word[j] = (uint32_t)t;
      carry = t >> 32;
    }
    if (carry) {
      if (nw == cap) return too_big;
      word[nw++] = (uint32_t)carry;
    }
  }

  /* The top word is non-zero (a word is only added for a non-zero carry). */
  size_t nbytes = 0;
  if (nw > 0) {
    nbytes = 4 * (nw - 1);
    for (uint32_t v = word[nw - 1]; v; v >>= 8)
      nbytes++;
  }
  if (nbytes > lim) return too_big;
  if (exact && nbytes != room) return POD_EDECODE;

  /* out may be NULL when out_sz is 0 (then z = nbytes = 0): no pointer arithmetic on it. */
  if (z) memset(out, 0, z);
  if (nbytes) {
    uint8_t *q = out + z + nbytes;
    for (size_t j = 0; j < nw; j++) {
      uint32_t v = word[j];
      for (int k = 0; k < 4 && q > out + z; k++) {
        *--q = (uint8_t)v;
        v >>= 8;
      }
    }
  }
  if (out_len) *out_len = z + nbytes;
  return POD_OK;
}

int pod_base58_decode(uint8_t *out, size_t out_sz, size_t *out_len, const char *in, size_t in_len) {
  if ((!out && out_sz) || (!in && in_len)) return POD_EINVAL;
  if (!in) in = ""; /* in_len == 0: keep "in + 0" off a null pointer */
  uint32_t word[B58_WORDS(POD_BASE58_DATA_MAX)];
  return b58_decode(out, out_sz, out_len, in, in_len, word, POD_BASE58_DATA_MAX, 0);
}

int pod_base58_decode_32(uint8_t out[32], const char *in, size_t in_len) {
  if (!out || !in) return POD_EINVAL;
  if (in_len > POD_BASE58_32_SZ - 1) return POD_EDECODE; /* cheap bound on the work */
  uint32_t word[B58_WORDS(32)];
  return b58_decode(out, 32, NULL, in, in_len, word, 32, 1);
}

int pod_base58_decode_64(uint8_t out[64], const char *in, size_t in_len) {
  if (!out || !in) return POD_EINVAL;
  if (in_len > POD_BASE58_64_SZ - 1) return POD_EDECODE;
  uint32_t word[B58_WORDS(64)];
  return b58_decode(out, 64, NULL, in, in_len, word, 64, 1);
}
