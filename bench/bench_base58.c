/* base58 of 32-byte keys: the fixed-size paths (pod_base58_encode_32/decode_32) and the general
 * ones on the same data. Each sample times a batch of BATCH operations over a rotating set of
 * random keys (so branch history does not learn one input) and records ns per operation. */
#include "bench_util.h"
#include "pod/encode.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KEYS 256
#define BATCH 1000
#define SAMPLES 300

static uint8_t keys[KEYS][32];
static char texts[KEYS][POD_BASE58_32_SZ];
static size_t lens[KEYS];
static uint64_t samples[SAMPLES];

static void run(const char *name, void (*op)(size_t i)) {
  bench_stats_t st;
  for (size_t i = 0; i < BATCH; i++)
    op(i % KEYS); /* warm-up */
  for (size_t s = 0; s < SAMPLES; s++) {
    uint64_t t0 = bench_now_ns();
    for (size_t i = 0; i < BATCH; i++)
      op(i % KEYS);
    samples[s] = (bench_now_ns() - t0 + BATCH / 2) / BATCH;
  }
  bench_stats(&st, samples, SAMPLES); /* per-op samples, so ops/s = 1e9 / mean */
  bench_report(name, &st);
}

static void op_encode_32(size_t i) {
  char out[POD_BASE58_32_SZ];
  bench_sink(pod_base58_encode_32(out, keys[i]), 1);
}

static void op_decode_32(size_t i) {
  uint8_t out[32];
  if (pod_base58_decode_32(out, texts[i], lens[i]) != POD_OK) fprintf(stderr, "decode_32 failed\n");
  bench_sink(out, 1);
}

static void op_encode(size_t i) {
  char out[POD_BASE58_32_SZ];
  size_t len;
  if (pod_base58_encode(out, sizeof out, &len, keys[i], 32) != POD_OK)
    fprintf(stderr, "encode failed\n");
  bench_sink(out, 1);
}

static void op_decode(size_t i) {
  uint8_t out[32];
  size_t n;
  if (pod_base58_decode(out, sizeof out, &n, texts[i], lens[i]) != POD_OK)
    fprintf(stderr, "decode failed\n");
  bench_sink(out, 1);
}

int main(void) {
  if (pod_init() != POD_OK) return 1;
  randombytes_buf(keys, sizeof keys);
  for (size_t i = 0; i < KEYS; i++) {
    pod_base58_encode_32(texts[i], keys[i]);
    lens[i] = strlen(texts[i]);
  }
  run("base58_encode_32", op_encode_32);
  run("base58_decode_32", op_decode_32);
  run("base58_encode (32 bytes)", op_encode);
  run("base58_decode (32 bytes)", op_decode);
  return 0;
}
