/* Keccak-256 as in the Keccak submission (and Ethereum, Solana's keccak::hash): Keccak-f[1600],
 * capacity 512 so rate 136 bytes, 32-byte output, and the ORIGINAL pad10*1 padding — first pad byte
 * 0x01. FIPS 202 SHA3-256 is the same permutation with a 0x06 first byte (its domain bits); using
 * it would give different hashes, hence this implementation instead of a library's SHA3.
 *
 * The state is 25 lanes of 64 bits, lane (x, y) at a[x + 5y]; bytes are absorbed little-endian
 * into lanes, as the specification maps the byte string onto the state. */
#include "pod/hash.h"

#include <string.h>

#define KECCAK_RATE 136 /* (1600 - 2*256) / 8 */

/* Iota round constants RC[i]: the bits produced by the spec's LFSR rc(t) placed at 2^j - 1. */
static const uint64_t keccak_rc[24] = {
    0x0000000000000001ull, 0x0000000000008082ull, 0x800000000000808aull, 0x8000000080008000ull,
    0x000000000000808bull, 0x0000000080000001ull, 0x8000000080008081ull, 0x8000000000008009ull,
    0x000000000000008aull, 0x0000000000000088ull, 0x0000000080008009ull, 0x000000008000000aull,
    0x000000008000808bull, 0x800000000000008bull, 0x8000000000008089ull, 0x8000000000008003ull,
    0x8000000000008002ull, 0x8000000000000080ull, 0x000000000000800aull, 0x800000008000000aull,
    0x8000000080008081ull, 0x8000000000008080ull, 0x0000000080000001ull, 0x8000000080008008ull,
};

/* n in 0..63; the masked right shift keeps n = 0 defined. */
static uint64_t rotl64(uint64_t v, unsigned n) { return (v << n) | (v >> ((64 - n) & 63)); }

static uint64_t load64_le(const uint8_t *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* Keccak-f[1600]: 24 rounds of theta, rho, pi, chi, iota, on the lanes held in locals. Written out
 * lane by lane (a compiler does not reliably unroll the 5x5 loops, and unrolled is ~2x faster):
 * a_xy is lane (x, y); b_xy the lane after theta, rho and pi: B[y, 2x + 3y] = rot(A[x, y] ^ D[x],
 * r[x, y]); chi then works along rows of B. */
static void keccak_f1600(uint64_t st[25]) {
  uint64_t a00 = st[0], a10 = st[1], a20 = st[2], a30 = st[3], a40 = st[4];
  uint64_t a01 = st[5], a11 = st[6], a21 = st[7], a31 = st[8], a41 = st[9];
  uint64_t a02 = st[10], a12 = st[11], a22 = st[12], a32 = st[13], a42 = st[14];
  uint64_t a03 = st[15], a13 = st[16], a23 = st[17], a33 = st[18], a43 = st[19];
  uint64_t a04 = st[20], a14 = st[21], a24 = st[22], a34 = st[23], a44 = st[24];
  for (int round = 0; round < 24; round++) {
    const uint64_t c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
    const uint64_t c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
    const uint64_t c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
    const uint64_t c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
    const uint64_t c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
    const uint64_t d0 = c4 ^ rotl64(c1, 1);
    const uint64_t d1 = c0 ^ rotl64(c2, 1);
    const uint64_t d2 = c1 ^ rotl64(c3, 1);
    const uint64_t d3 = c2 ^ rotl64(c4, 1);
    const uint64_t d4 = c3 ^ rotl64(c0, 1);
    const uint64_t b00 = a00 ^ d0, b10 = rotl64(a11 ^ d1, 44), b20 = rotl64(a22 ^ d2, 43),
                   b30 = rotl64(a33 ^ d3, 21), b40 = rotl64(a44 ^ d4, 14);
    const uint64_t b01 = rotl64(a30 ^ d3, 28), b11 = rotl64(a41 ^ d4, 20),
                   b21 = rotl64(a02 ^ d0, 3), b31 = rotl64(a13 ^ d1, 45),
                   b41 = rotl64(a24 ^ d2, 61);
    const uint64_t b02 = rotl64(a10 ^ d1, 1), b12 = rotl64(a21 ^ d2, 6), b22 = rotl64(a32 ^ d3, 25),
                   b32 = rotl64(a43 ^ d4, 8), b42 = rotl64(a04 ^ d0, 18);
    const uint64_t b03 = rotl64(a40 ^ d4, 27), b13 = rotl64(a01 ^ d0, 36),
                   b23 = rotl64(a12 ^ d1, 10), b33 = rotl64(a23 ^ d2, 15),
                   b43 = rotl64(a34 ^ d3, 56);
    const uint64_t b04 = rotl64(a20 ^ d2, 62), b14 = rotl64(a31 ^ d3, 55),
                   b24 = rotl64(a42 ^ d4, 39), b34 = rotl64(a03 ^ d0, 41),
                   b44 = rotl64(a14 ^ d1, 2);
    a00 = b00 ^ (~b10 & b20);
    a10 = b10 ^ (~b20 & b30);
    a20 = b20 ^ (~b30 & b40);
    a30 = b30 ^ (~b40 & b00);
    a40 = b40 ^ (~b00 & b10);
    a01 = b01 ^ (~b11 & b21);
    a11 = b11 ^ (~b21 & b31);
    a21 = b21 ^ (~b31 & b41);
    a31 = b31 ^ (~b41 & b01);
    a41 = b41 ^ (~b01 & b11);
    a02 = b02 ^ (~b12 & b22);
    a12 = b12 ^ (~b22 & b32);
    a22 = b22 ^ (~b32 & b42);
    a32 = b32 ^ (~b42 & b02);
    a42 = b42 ^ (~b02 & b12);
    a03 = b03 ^ (~b13 & b23);
    a13 = b13 ^ (~b23 & b33);
    a23 = b23 ^ (~b33 & b43);
    a33 = b33 ^ (~b43 & b03);
    a43 = b43 ^ (~b03 & b13);
    a04 = b04 ^ (~b14 & b24);
    a14 = b14 ^ (~b24 & b34);
    a24 = b24 ^ (~b34 & b44);
    a34 = b34 ^ (~b44 & b04);
    a44 = b44 ^ (~b04 & b14);
    a00 ^= keccak_rc[round];
  }
  /* clang-format off */
  st[0] = a00;  st[1] = a10;  st[2] = a20;  st[3] = a30;  st[4] = a40;
  st[5] = a01;  st[6] = a11;  st[7] = a21;  st[8] = a31;  st[9] = a41;
  st[10] = a02; st[11] = a12; st[12] = a22; st[13] = a32; st[14] = a42;
  st[15] = a03; st[16] = a13; st[17] = a23; st[18] = a33; st[19] = a43;
  st[20] = a04; st[21] = a14; st[22] = a24; st[23] = a34; st[24] = a44;
  /* clang-format on */
}

void pod_keccak256_init(pod_keccak256_t *h) { memset(h, 0, sizeof *h); }

void pod_keccak256_update(pod_keccak256_t *h, const void *data, size_t sz) {
  const uint8_t *p = (const uint8_t *)data;
  /* Finish a partial block byte by byte. */
  while (sz && h->pos) {
    h->a[h->pos / 8] ^= (uint64_t)*p++ << (8 * (h->pos % 8));
    sz--;
    if (++h->pos == KECCAK_RATE) {
      keccak_f1600(h->a);
      h->pos = 0;
    }
  }
  /* Whole blocks straight from the input, a lane at a time. */
  while (sz >= KECCAK_RATE) {
    for (size_t i = 0; i < KECCAK_RATE / 8; i++)
      h->a[i] ^= load64_le(p + 8 * i);
    keccak_f1600(h->a);
    p += KECCAK_RATE;
    sz -= KECCAK_RATE;
  }
  /* The tail starts a new block (pos is 0 here, and sz < rate). */
  for (; sz; sz--, h->pos++)
    h->a[h->pos / 8] ^= (uint64_t)*p++ << (8 * (h->pos % 8));
}

void pod_keccak256_final(pod_keccak256_t *h, uint8_t out[32]) {
  /* pad10*1 with the original Keccak first byte 0x01; when pos == 135 both bits land in the same
   * byte (0x81), which the two xors produce. */
  h->a[h->pos / 8] ^= (uint64_t)0x01 << (8 * (h->pos % 8));
  h->a[(KECCAK_RATE - 1) / 8] ^= (uint64_t)0x80 << (8 * ((KECCAK_RATE - 1) % 8));
  keccak_f1600(h->a);
  for (int i = 0; i < 32; i++)
    out[i] = (uint8_t)(h->a[i / 8] >> (8 * (i % 8)));
  memset(h, 0, sizeof *h); /* back to the initial state: h may hash another message */
}

void pod_keccak256(uint8_t out[32], const void *data, size_t sz) {
  pod_keccak256_t h;
  pod_keccak256_init(&h);
  pod_keccak256_update(&h, data, sz);
  pod_keccak256_final(&h, out);
}
