/* SHA-1 (FIPS 180-4 §6.1). Only for protocols that require it — the WebSocket handshake's
 * Sec-WebSocket-Accept (RFC 6455 §4.2.2), computed by podd and checked by the client — never for
 * anything needing collision resistance. */
#include <string.h>

#include "pod/hash.h"

static uint32_t rol(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static void sha1_block(uint32_t st[5], const uint8_t *p) {
  uint32_t w[80];
  for (int t = 0; t < 16; t++)
    w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 |
           p[4 * t + 3];
  for (int t = 16; t < 80; t++)
    w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4];
  for (int t = 0; t < 80; t++) {
    uint32_t f, k;
    if (t < 20)
      f = (b & c) | (~b & d), k = 0x5a827999u;
    else if (t < 40)
      f = b ^ c ^ d, k = 0x6ed9eba1u;
    else if (t < 60)
      f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdcu;
    else
      f = b ^ c ^ d, k = 0xca62c1d6u;
    uint32_t tmp = rol(a, 5) + f + e + k + w[t];
    e = d, d = c, c = rol(b, 30), b = a, a = tmp;
  }
  st[0] += a, st[1] += b, st[2] += c, st[3] += d, st[4] += e;
}

void pod_sha1(uint8_t out[20], const void *data, size_t sz) {
  uint32_t st[5] = {0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u};
  const uint8_t *p = data;
  size_t left = sz;
  while (left >= 64) {
    sha1_block(st, p);
    p += 64, left -= 64;
  }
  uint8_t tail[128] = {0};
  if (left) memcpy(tail, p, left);
  tail[left] = 0x80;
  size_t tl = left < 56 ? 64 : 128;
  uint64_t bits = (uint64_t)sz * 8;
  for (int k = 0; k < 8; k++)
    tail[tl - 1 - (size_t)k] = (uint8_t)(bits >> (8 * k));
  sha1_block(st, tail);
  if (tl == 128) sha1_block(st, tail + 64);
  for (int k = 0; k < 5; k++) {
    out[4 * k] = (uint8_t)(st[k] >> 24);
    out[4 * k + 1] = (uint8_t)(st[k] >> 16);
    out[4 * k + 2] = (uint8_t)(st[k] >> 8);
    out[4 * k + 3] = (uint8_t)st[k];
  }
}
