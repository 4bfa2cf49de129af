/* PDA derivation and hash throughput: find_program_address for the agent PDA of wallet A (canonical
 * bump 252: four hashes and four curve tests) and wallet B (bump 255: one of each), the curve test
 * alone, and SHA-256 / Keccak-256 / BLAKE3 of 32 bytes and 1 KiB. */
#include "bench_util.h"
#include "pod/hash.h"
#include "pod/program.h"

#include <stdio.h>
#include <string.h>

#define SAMPLES 2000

/* Each sample times `batch` calls and records the mean, so that the clock's own cost (tens of ns)
 * does not swamp the short operations. */
#define BENCH(name, batch, stmt)                                                                   \
  do {                                                                                             \
    static uint64_t s_[SAMPLES];                                                                   \
    bench_stats_t st_;                                                                             \
    for (int w_ = 0; w_ < 100; w_++) {                                                             \
      stmt;                                                                                        \
    } /* warm-up */                                                                                \
    for (size_t i_ = 0; i_ < SAMPLES; i_++) {                                                      \
      uint64_t t0_ = bench_now_ns();                                                               \
      for (int k_ = 0; k_ < (batch); k_++) {                                                       \
        stmt;                                                                                      \
      }                                                                                            \
      s_[i_] = (bench_now_ns() - t0_) / (batch);                                                   \
    }                                                                                              \
    bench_stats(&st_, s_, SAMPLES);                                                                \
    bench_report((name), &st_);                                                                    \
  } while (0)

int main(void) {
  /* Wallets A and B of PROTOCOL.md §3.3 (ed25519 public keys of seeds 01..01 and 02..02). */
  pod_pubkey_t a, b, out;
  uint8_t bump = 0, h[32];
  if (pod_pubkey_from_base58(&a, "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9", 44) ||
      pod_pubkey_from_base58(&b, "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu", 44)) {
    fprintf(stderr, "bench_pda: bad test wallet\n");
    return 1;
  }
  const pod_seed_t sa[] = {{"agent", 5}, {a.b, 32}}, sb[] = {{"agent", 5}, {b.b, 32}};

  BENCH("pda find agent(A) bump 252 (4 tries)", 8, {
    pod_pda_find(&out, &bump, sa, 2, &pod_program_id);
    bench_sink(out.b, 1);
  });
  if (bump != 252) fprintf(stderr, "bench_pda: agent(A) bump %u, want 252\n", bump);
  BENCH("pda find agent(B) bump 255 (1 try)", 8, {
    pod_pda_find(&out, &bump, sb, 2, &pod_program_id);
    bench_sink(out.b, 1);
  });
  if (bump != 255) fprintf(stderr, "bench_pda: agent(B) bump %u, want 255\n", bump);
  BENCH("ed25519 on-curve test", 16, {
    int r = pod_ed25519_on_curve(out.b);
    bench_sink(&r, sizeof r);
    out.b[0]++;
  });

  static uint8_t data[1024];
  for (size_t i = 0; i < sizeof data; i++)
    data[i] = (uint8_t)i;
  BENCH("sha256 32 B", 64, {
    pod_sha256(h, data, 32);
    bench_sink(h, 1);
  });
  BENCH("sha256 1 KiB", 16, {
    pod_sha256(h, data, 1024);
    bench_sink(h, 1);
  });
  BENCH("keccak256 32 B", 64, {
    pod_keccak256(h, data, 32);
    bench_sink(h, 1);
  });
  BENCH("keccak256 1 KiB", 16, {
    pod_keccak256(h, data, 1024);
    bench_sink(h, 1);
  });
  BENCH("blake3 32 B", 64, {
    pod_blake3(h, data, 32);
    bench_sink(h, 1);
  });
  BENCH("blake3 1 KiB", 16, {
    pod_blake3(h, data, 1024);
    bench_sink(h, 1);
  });
  return 0;
}
