/* Program-derived addresses (PROTOCOL.md §3.1) and the ed25519 "is this a curve point" test they
 * rest on.
 *
 * The curve test must match curve25519-dalek's CompressedEdwardsY::decompress() bit for bit, since
 * it decides which bump is canonical. Ed25519 is -x^2 + y^2 = 1 + d x^2 y^2 over GF(p),
 * p = 2^255 - 19, so x^2 = (y^2 - 1) / (d y^2 + 1) = u / v, and a point with that y exists iff u/v
 * is a square. dalek reduces y mod p without rejecting y >= p, ignores the sign bit, and does no
 * small-order or subgroup check — and neither do we.
 *
 * Field elements are 5 limbs of 51 bits (value = sum l[i] 2^(51 i)), multiplied with 128-bit
 * products; 2^255 = 19 (mod p) folds the high half back. Nothing here is secret (hashes of public
 * seeds), so the code is variable-time where that is simpler. */
#include "pod/pda.h"
#include "pod/hash.h"

#include <string.h>

__extension__ typedef unsigned __int128 u128;

#define MASK51 ((UINT64_C(1) << 51) - 1)

typedef struct {
  uint64_t l[5];
} fe;

static uint64_t load64_le(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

/* Bits 0..254 of b (bit 255, the x sign, is dropped); the value may be >= p, which the arithmetic
 * tolerates — that is the "reduce mod p, do not reject" rule. */
static void fe_frombytes(fe *h, const uint8_t b[32]) {
  h->l[0] = load64_le(b) & MASK51;
  h->l[1] = (load64_le(b + 6) >> 3) & MASK51;
  h->l[2] = (load64_le(b + 12) >> 6) & MASK51;
  h->l[3] = (load64_le(b + 19) >> 1) & MASK51;
  h->l[4] = (load64_le(b + 24) >> 12) & MASK51;
}

/* Reduces 128-bit column sums to limbs below 2^51 + 2^17. Each of the two carry rounds moves every
 * column's excess up at once, rather than one column after another: that halves the dependency
 * chain, which is what bounds the latency of the 254 squarings in a row below.
 * Bounds: multiplier inputs have limbs below 2^53, so every column is below 2^113 and column 4
 * (the only one without a factor 19) below 2^109; then each c_i < 2^62, each l_i < 2^63, and
 * 19 * c4 < 2^63 — no 64-bit overflow. */
static void fe_carry(fe *h, u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  const uint64_t c0 = (uint64_t)(r0 >> 51), c1 = (uint64_t)(r1 >> 51), c2 = (uint64_t)(r2 >> 51),
                 c3 = (uint64_t)(r3 >> 51), c4 = (uint64_t)(r4 >> 51);
  /* 2^255 = 19 (mod p): what leaves the top limb re-enters at the bottom, times 19. */
  const uint64_t l0 = ((uint64_t)r0 & MASK51) + 19 * c4, l1 = ((uint64_t)r1 & MASK51) + c0,
                 l2 = ((uint64_t)r2 & MASK51) + c1, l3 = ((uint64_t)r3 & MASK51) + c2,
                 l4 = ((uint64_t)r4 & MASK51) + c3;
  h->l[0] = (l0 & MASK51) + 19 * (l4 >> 51);
  h->l[1] = (l1 & MASK51) + (l0 >> 51);
  h->l[2] = (l2 & MASK51) + (l1 >> 51);
  h->l[3] = (l3 & MASK51) + (l2 >> 51);
  h->l[4] = (l4 & MASK51) + (l3 >> 51);
}

/* h = f * g. Inputs: limbs below 2^53 (see fe_carry); output limbs below 2^51 + 2^17. */
static void fe_mul(fe *h, const fe *f, const fe *g) {
  const uint64_t f0 = f->l[0], f1 = f->l[1], f2 = f->l[2], f3 = f->l[3], f4 = f->l[4];
  const uint64_t g0 = g->l[0], g1 = g->l[1], g2 = g->l[2], g3 = g->l[3], g4 = g->l[4];
  const uint64_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  u128 r0 =
      (u128)f0 * g0 + (u128)f1 * g4_19 + (u128)f2 * g3_19 + (u128)f3 * g2_19 + (u128)f4 * g1_19;
  u128 r1 = (u128)f0 * g1 + (u128)f1 * g0 + (u128)f2 * g4_19 + (u128)f3 * g3_19 + (u128)f4 * g2_19;
  u128 r2 = (u128)f0 * g2 + (u128)f1 * g1 + (u128)f2 * g0 + (u128)f3 * g4_19 + (u128)f4 * g3_19;
  u128 r3 = (u128)f0 * g3 + (u128)f1 * g2 + (u128)f2 * g1 + (u128)f3 * g0 + (u128)f4 * g4_19;
  u128 r4 = (u128)f0 * g4 + (u128)f1 * g3 + (u128)f2 * g2 + (u128)f3 * g1 + (u128)f4 * g0;
  fe_carry(h, r0, r1, r2, r3, r4);
}

/* h = f^(2^n), n >= 1: the cross products of a square appear twice, so half the multiplies. */
static void fe_sqn(fe *h, const fe *f, int n) {
  uint64_t f0 = f->l[0], f1 = f->l[1], f2 = f->l[2], f3 = f->l[3], f4 = f->l[4];
  for (int i = 0; i < n; i++) {
    const uint64_t f0_2 = 2 * f0, f1_2 = 2 * f1, f1_38 = 38 * f1, f2_38 = 38 * f2, f3_38 = 38 * f3,
                   f3_19 = 19 * f3, f4_19 = 19 * f4;
    u128 r0 = (u128)f0 * f0 + (u128)f1_38 * f4 + (u128)f2_38 * f3;
    u128 r1 = (u128)f0_2 * f1 + (u128)f2_38 * f4 + (u128)f3_19 * f3;
    u128 r2 = (u128)f0_2 * f2 + (u128)f1 * f1 + (u128)f3_38 * f4;
    u128 r3 = (u128)f0_2 * f3 + (u128)f1_2 * f2 + (u128)f4_19 * f4;
    u128 r4 = (u128)f0_2 * f4 + (u128)f1_2 * f3 + (u128)f2 * f2;
    fe t;
    fe_carry(&t, r0, r1, r2, r3, r4);
    f0 = t.l[0], f1 = t.l[1], f2 = t.l[2], f3 = t.l[3], f4 = t.l[4];
  }
  h->l[0] = f0, h->l[1] = f1, h->l[2] = f2, h->l[3] = f3, h->l[4] = f4;
}

/* h = f + k for a small k (k < 2^51). */
static void fe_add_small(fe *h, const fe *f, uint64_t k) {
  *h = *f;
  h->l[0] += k;
}

/* h = f - 1, computed as f + (2p - 1) so no limb goes negative. f's limbs are below 2^51 + 2^17,
 * so h's stay below 2^53, as fe_mul requires. */
static void fe_sub_one(fe *h, const fe *f) {
  h->l[0] = f->l[0] + 2 * (MASK51 - 18) - 1;
  for (int i = 1; i < 5; i++)
    h->l[i] = f->l[i] + 2 * MASK51;
}

/* The canonical value (0 <= h < p) as 32 little-endian bytes. */
static void fe_tobytes(uint8_t out[32], const fe *f) {
  uint64_t t[5];
  memcpy(t, f->l, sizeof t);
  /* Two carry passes bring limbs 1..4 below 2^51 and limb 0 below 2^51 + 19. */
  for (int pass = 0; pass < 2; pass++) {
    for (int i = 0; i < 4; i++) {
      t[i + 1] += t[i] >> 51;
      t[i] &= MASK51;
    }
    t[0] += 19 * (t[4] >> 51);
    t[4] &= MASK51;
  }
  /* So t < 2^255 + 19 < 2p, and q = 1 iff t >= p, i.e. iff t + 19 carries out of bit 255. */
  uint64_t q = (t[0] + 19) >> 51;
  for (int i = 1; i < 5; i++)
    q = (t[i] + q) >> 51;
  t[0] += 19 * q;
  for (int i = 0; i < 4; i++) {
    t[i + 1] += t[i] >> 51;
    t[i] &= MASK51;
  }
  t[4] &= MASK51; /* drops the 2^255 that 19q added: together, t - p */
  /* Pack 5 x 51 bits. */
  uint64_t w[4] = {t[0] | t[1] << 51, t[1] >> 13 | t[2] << 38, t[2] >> 26 | t[3] << 25,
                   t[3] >> 39 | t[4] << 12};
  for (int i = 0; i < 32; i++)
    out[i] = (uint8_t)(w[i / 8] >> (8 * (i % 8)));
}

static int fe_is_zero(const fe *f) {
  uint8_t b[32], acc = 0;
  fe_tobytes(b, f);
  for (int i = 0; i < 32; i++)
    acc |= b[i];
  return acc == 0;
}

static int fe_is_one(const fe *f) {
  uint8_t b[32];
  fe_tobytes(b, f);
  uint8_t acc = (uint8_t)(b[0] ^ 1);
  for (int i = 1; i < 32; i++)
    acc |= b[i];
  return acc == 0;
}

/* Euler's criterion: z^((p-1)/2) is 1 for a non-zero square, p-1 for a non-square.
 * (p-1)/2 = 2^254 - 10 = (2^250 - 1) * 2^4 + 6: the usual ed25519 addition chain for z^(2^250-1),
 * four squarings, times z^6. */
static void fe_pow_legendre(fe *out, const fe *z) {
  fe z2, z4, z6, z9, z11, a, b, c, t;
  fe_sqn(&z2, z, 1);
  fe_sqn(&a, &z2, 2);     /* z^8 */
  fe_mul(&z9, &a, z);     /* z^9 */
  fe_mul(&z11, &z9, &z2); /* z^11 */
  fe_sqn(&a, &z11, 1);    /* z^22 */
  fe_mul(&a, &a, &z9);    /* z^(2^5 - 1) */
  fe_sqn(&b, &a, 5);
  fe_mul(&b, &b, &a); /* z^(2^10 - 1) */
  fe_sqn(&c, &b, 10);
  fe_mul(&c, &c, &b); /* z^(2^20 - 1) */
  fe_sqn(&t, &c, 20);
  fe_mul(&c, &t, &c); /* z^(2^40 - 1) */
  fe_sqn(&c, &c, 10);
  fe_mul(&b, &c, &b); /* z^(2^50 - 1) */
  fe_sqn(&c, &b, 50);
  fe_mul(&c, &c, &b); /* z^(2^100 - 1) */
  fe_sqn(&a, &c, 100);
  fe_mul(&a, &a, &c); /* z^(2^200 - 1) */
  fe_sqn(&a, &a, 50);
  fe_mul(&a, &a, &b); /* z^(2^250 - 1) */
  fe_sqn(&a, &a, 4);  /* z^(2^254 - 16) */
  fe_sqn(&z4, &z2, 1);
  fe_mul(&z6, &z4, &z2); /* z^6 */
  fe_mul(out, &a, &z6);  /* z^(2^254 - 10) */
}

/* d = -121665/121666 mod p, little-endian. */
static const uint8_t ed25519_d[32] = {
    0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
    0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};

int pod_ed25519_on_curve(const uint8_t b[32]) {
  fe y, d, yy, u, v, uv, e;
  fe_frombytes(&y, b);
  fe_frombytes(&d, ed25519_d);
  fe_sqn(&yy, &y, 1);
  fe_sub_one(&u, &yy); /* u = y^2 - 1 */
  fe_mul(&v, &d, &yy);
  fe_add_small(&v, &v, 1); /* v = d y^2 + 1 */
  /* u/v is a square iff u*v is (they differ by the square v^2), provided v != 0. u = 0 is the
   * square 0 (x = 0: the points with y = +-1); v = 0 with u != 0 has no solution (it cannot happen
   * since -1/d is not a square, but dalek answers "no" there, so do we). */
  if (fe_is_zero(&u)) return 1;
  if (fe_is_zero(&v)) return 0;
  fe_mul(&uv, &u, &v);
  fe_pow_legendre(&e, &uv);
  return fe_is_one(&e);
}

static const char pda_marker[] = "ProgramDerivedAddress"; /* hashed without its NUL */
#define PDA_MARKER_LEN (sizeof pda_marker - 1)

/* Checks the seed limits and absorbs the seeds; max_seeds is 16 for create, 15 for find (the bump
 * is the 16th). */
static int pda_absorb_seeds(pod_sha256_t *h, const pod_seed_t *seeds, size_t seed_cnt,
                            size_t max_seeds) {
  if (seed_cnt && !seeds) return POD_EINVAL;
  if (seed_cnt > max_seeds) return POD_ETOOLARGE;
  for (size_t i = 0; i < seed_cnt; i++) {
    if (seeds[i].len > POD_PDA_MAX_SEED_LEN) return POD_ETOOLARGE;
    if (seeds[i].len && !seeds[i].data) return POD_EINVAL;
  }
  pod_sha256_init(h);
  for (size_t i = 0; i < seed_cnt; i++)
    if (seeds[i].len) pod_sha256_update(h, seeds[i].data, seeds[i].len);
  return POD_OK;
}

/* Finishes the hash with program_id and the marker; POD_ENOPDA if the result is a curve point. */
static int pda_finish(pod_pubkey_t *out, pod_sha256_t *h, const pod_pubkey_t *program_id) {
  uint8_t addr[32];
  pod_sha256_update(h, program_id->b, sizeof program_id->b);
  pod_sha256_update(h, pda_marker, PDA_MARKER_LEN);
  pod_sha256_final(h, addr);
  if (pod_ed25519_on_curve(addr)) return POD_ENOPDA;
  memcpy(out->b, addr, sizeof addr);
  return POD_OK;
}

int pod_pda_create(pod_pubkey_t *out, const pod_seed_t *seeds, size_t seed_cnt,
                   const pod_pubkey_t *program_id) {
  if (!out || !program_id) return POD_EINVAL;
  pod_sha256_t h;
  int rc = pda_absorb_seeds(&h, seeds, seed_cnt, POD_PDA_MAX_SEEDS);
  if (rc) return rc;
  return pda_finish(out, &h, program_id);
}

int pod_pda_find(pod_pubkey_t *out, uint8_t *bump, const pod_seed_t *seeds, size_t seed_cnt,
                 const pod_pubkey_t *program_id) {
  if (!out || !program_id) return POD_EINVAL;
  pod_sha256_t prefix;
  int rc = pda_absorb_seeds(&prefix, seeds, seed_cnt, POD_PDA_MAX_SEEDS - 1);
  if (rc) return rc;
  /* Every try hashes the same seeds: absorb them once and resume from a copy of that state. */
  for (int b = 255; b >= 1; b--) {
    pod_sha256_t h = prefix;
    uint8_t bb = (uint8_t)b;
    pod_sha256_update(&h, &bb, 1);
    if (pda_finish(out, &h, program_id) == POD_OK) {
      if (bump) *bump = bb;
      return POD_OK;
    }
  }
  return POD_ENOPDA;
}
