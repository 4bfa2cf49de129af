/* BLAKE3 in hash mode, written from the BLAKE3 specification (Aumasson, Neves, O'Connor,
 * Wilcox-O'Hearn, 2020): a 7-round ChaCha-like compression function over 64-byte blocks, 1024-byte
 * chunks chained block by block, and a binary tree of chunk chaining values whose root is
 * compressed with the ROOT flag as often as needed to produce any output length (XOF).
 *
 * Portable scalar code: no SIMD and no multi-chunk parallelism. Inputs here are keys, hashes and
 * short messages, for which the per-call overhead matters more than bulk throughput. */
#include "pod/hash.h"

#include <string.h>

#define B3_BLOCK_LEN 64
#define B3_CHUNK_LEN 1024

/* Domain flags (spec table 3). Only the hash-mode ones are used. */
enum { B3_CHUNK_START = 1, B3_CHUNK_END = 2, B3_PARENT = 4, B3_ROOT = 8 };

/* The IV is SHA-256's initial hash value. */
static const uint32_t b3_iv[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                  0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};

/* Message word permutation applied between rounds. */
static const uint8_t b3_perm[16] = {2, 6, 3, 10, 7, 0, 4, 13, 1, 11, 12, 5, 9, 14, 15, 8};

static uint32_t rotr32(uint32_t v, unsigned n) { return (v >> n) | (v << (32 - n)); }

static uint32_t load32_le(const uint8_t *p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void store32_le(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
  p[2] = (uint8_t)(v >> 16);
  p[3] = (uint8_t)(v >> 24);
}

/* The quarter-round mixing function G. */
static void b3_g(uint32_t v[16], int a, int b, int c, int d, uint32_t mx, uint32_t my) {
  v[a] = v[a] + v[b] + mx;
  v[d] = rotr32(v[d] ^ v[a], 16);
  v[c] = v[c] + v[d];
  v[b] = rotr32(v[b] ^ v[c], 12);
  v[a] = v[a] + v[b] + my;
  v[d] = rotr32(v[d] ^ v[a], 8);
  v[c] = v[c] + v[d];
  v[b] = rotr32(v[b] ^ v[c], 7);
}

/* The compression function: returns all 16 output words (the first 8 are the new chaining value;
 * the root output uses all 16 for extended output). */
static void b3_compress(uint32_t out[16], const uint32_t cv[8], const uint8_t block[64],
                        uint64_t counter, uint32_t block_len, uint32_t flags) {
  uint32_t m[16], t[16], v[16];
  for (int i = 0; i < 16; i++)
    m[i] = load32_le(block + 4 * i);
  for (int i = 0; i < 8; i++)
    v[i] = cv[i];
  for (int i = 0; i < 4; i++)
    v[8 + i] = b3_iv[i];
  v[12] = (uint32_t)counter;
  v[13] = (uint32_t)(counter >> 32);
  v[14] = block_len;
  v[15] = flags;
  for (int r = 0; r < 7; r++) {
    /* columns, then diagonals */
    b3_g(v, 0, 4, 8, 12, m[0], m[1]);
    b3_g(v, 1, 5, 9, 13, m[2], m[3]);
    b3_g(v, 2, 6, 10, 14, m[4], m[5]);
    b3_g(v, 3, 7, 11, 15, m[6], m[7]);
    b3_g(v, 0, 5, 10, 15, m[8], m[9]);
    b3_g(v, 1, 6, 11, 12, m[10], m[11]);
    b3_g(v, 2, 7, 8, 13, m[12], m[13]);
    b3_g(v, 3, 4, 9, 14, m[14], m[15]);
    if (r < 6) {
      for (int i = 0; i < 16; i++)
        t[i] = m[b3_perm[i]];
      memcpy(m, t, sizeof m);
    }
  }
  for (int i = 0; i < 8; i++) {
    out[i] = v[i] ^ v[i + 8];
    out[i + 8] = v[i + 8] ^ cv[i];
  }
}

/* A node whose compression is deferred: it becomes a chaining value (8 words) when it has a
 * parent, or the root output when it has none. Which one is only known once input ends. */
typedef struct {
  uint32_t cv[8];
  uint8_t block[64];
  uint64_t counter;
  uint32_t block_len;
  uint32_t flags;
} b3_node_t;

static void b3_node_cv(uint32_t out[8], const b3_node_t *n) {
  uint32_t w[16];
  b3_compress(w, n->cv, n->block, n->counter, n->block_len, n->flags);
  memcpy(out, w, 8 * sizeof(uint32_t));
}

static void b3_parent_node(b3_node_t *n, const uint32_t key[8], const uint32_t left[8],
                           const uint32_t right[8]) {
  memcpy(n->cv, key, sizeof n->cv);
  for (int i = 0; i < 8; i++) {
    store32_le(n->block + 4 * i, left[i]);
    store32_le(n->block + 32 + 4 * i, right[i]);
  }
  n->counter = 0; /* parents always use counter 0 */
  n->block_len = B3_BLOCK_LEN;
  n->flags = B3_PARENT;
}

/* The current chunk's last block as a deferred node. */
static void b3_chunk_node(b3_node_t *n, const pod_blake3_t *h) {
  memcpy(n->cv, h->cv, sizeof n->cv);
  memset(n->block, 0, sizeof n->block); /* a short last block is zero-padded */
  memcpy(n->block, h->buf, h->buf_len);
  n->counter = h->chunk_counter;
  n->block_len = h->buf_len;
  n->flags = B3_CHUNK_END | (h->blocks_compressed == 0 ? B3_CHUNK_START : 0);
}

static size_t b3_chunk_len(const pod_blake3_t *h) {
  return (size_t)h->blocks_compressed * B3_BLOCK_LEN + h->buf_len;
}

/* Pushes a finished chunk's chaining value, first merging every completed subtree: after
 * total_chunks chunks, there is one stack entry per set bit of total_chunks, so each trailing
 * zero bit of total_chunks is a pair of subtrees of equal size that is now complete. */
static void b3_push_chunk_cv(pod_blake3_t *h, uint32_t cv[8], uint64_t total_chunks) {
  while ((total_chunks & 1) == 0) {
    b3_node_t parent;
    h->cv_stack_len--;
    b3_parent_node(&parent, h->key, h->cv_stack[h->cv_stack_len], cv);
    b3_node_cv(cv, &parent);
    total_chunks >>= 1;
  }
  memcpy(h->cv_stack[h->cv_stack_len], cv, 8 * sizeof(uint32_t));
  h->cv_stack_len++;
}

void pod_blake3_init(pod_blake3_t *h) {
  /* Not a memset of the whole state: the 1.7 KiB stack is only read below cv_stack_len, and
   * clearing it would cost more than hashing a short input. */
  memcpy(h->key, b3_iv, sizeof h->key); /* hash mode: the key words are the IV */
  memcpy(h->cv, b3_iv, sizeof h->cv);
  memset(h->buf, 0, sizeof h->buf);
  h->buf_len = 0;
  h->blocks_compressed = 0;
  h->chunk_counter = 0;
  h->cv_stack_len = 0;
}

void pod_blake3_update(pod_blake3_t *h, const void *data, size_t sz) {
  const uint8_t *p = (const uint8_t *)data;
  while (sz) {
    /* A full chunk is finalised only when more input arrives: the last chunk of the message may be
     * the root, and that is not known before input ends. */
    if (b3_chunk_len(h) == B3_CHUNK_LEN) {
      b3_node_t n;
      uint32_t cv[8];
      b3_chunk_node(&n, h);
      b3_node_cv(cv, &n);
      b3_push_chunk_cv(h, cv, h->chunk_counter + 1);
      h->chunk_counter++;
      memcpy(h->cv, h->key, sizeof h->cv);
      h->blocks_compressed = 0;
      h->buf_len = 0;
    }
    /* Likewise a full block is compressed only when more input follows it in this chunk. */
    if (h->buf_len == B3_BLOCK_LEN) {
      uint32_t w[16];
      b3_compress(w, h->cv, h->buf, h->chunk_counter, B3_BLOCK_LEN,
                  h->blocks_compressed == 0 ? B3_CHUNK_START : 0);
      memcpy(h->cv, w, sizeof h->cv);
      h->blocks_compressed++;
      h->buf_len = 0;
    }
    size_t take = B3_BLOCK_LEN - h->buf_len;
    if (take > sz) take = sz;
    memcpy(h->buf + h->buf_len, p, take);
    h->buf_len = (uint8_t)(h->buf_len + take);
    p += take;
    sz -= take;
  }
}

void pod_blake3_final(const pod_blake3_t *h, uint8_t *out, size_t out_sz) {
  /* Fold the stack from the top: the current chunk is the rightmost leaf, each stack entry the
   * left sibling of everything to its right. What remains is the root node. */
  b3_node_t node;
  b3_chunk_node(&node, h);
  for (size_t i = h->cv_stack_len; i > 0; i--) {
    uint32_t right[8];
    b3_node_cv(right, &node);
    b3_parent_node(&node, h->key, h->cv_stack[i - 1], right);
  }
  /* Root output: block i of 64 bytes is the full 16-word compression with counter i. */
  for (uint64_t counter = 0; out_sz; counter++) {
    uint32_t w[16];
    uint8_t block[64];
    b3_compress(w, node.cv, node.block, counter, node.block_len, node.flags | B3_ROOT);
    for (int i = 0; i < 16; i++)
      store32_le(block + 4 * i, w[i]);
    size_t n = out_sz < sizeof block ? out_sz : sizeof block;
    memcpy(out, block, n);
    out += n;
    out_sz -= n;
  }
}

void pod_blake3(uint8_t out[32], const void *data, size_t sz) {
  pod_blake3_t h;
  pod_blake3_init(&h);
  pod_blake3_update(&h, data, sz);
  pod_blake3_final(&h, out, 32);
}
