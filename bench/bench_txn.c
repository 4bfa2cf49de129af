/* Transactions: the register_agent transaction of PROTOCOL.md §6.2 (one signer, 221-byte message,
 * 286-byte transaction).
 *
 *   sign.sodium   bare libsodium crypto_sign_detached of the 221-byte message (the floor)
 *   txn.build     pod_txn_build: compile + sign (what a client pays per transaction)
 *   txn.compile   pod_message_compile alone
 *   txn.parse     pod_txn_parse alone
 *   txn.parse+verify
 *
 * Goal: txn.build within 1.2x of sign.sodium. Those two are measured interleaved (alternating
 * batches, alternating which goes first) so that frequency changes and neighbours on a shared
 * machine hit both alike; the ratio of their medians is printed. */
#include "bench_util.h"
#include "pod/borsh.h"
#include "pod/txn.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 2000

/* One sample = the mean of `batch` calls, so the clock's own cost does not count. */
#define TIME_BATCH(dst, batch, stmt)                                                               \
  do {                                                                                             \
    uint64_t t0_ = bench_now_ns();                                                                 \
    for (int k_ = 0; k_ < (batch); k_++) {                                                         \
      stmt;                                                                                        \
    }                                                                                              \
    (dst) = (bench_now_ns() - t0_) / (uint64_t)(batch);                                            \
  } while (0)

static uint64_t s_sodium[ROUNDS], s_build[ROUNDS], s_compile[ROUNDS], s_parse[ROUNDS],
    s_verify[ROUNDS];

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(void) {
  static const uint8_t disc[8] = {0x87, 0x9d, 0x42, 0xc3, 0x02, 0x71, 0xaf, 0x1e};
  static const char uri[] = "https://example.com/agent.json";
  static const char agent_hex[] =
      "9618473acab721a3970e905f809978b610a4723a161c3599f686fbd98acd6743";
  static const char pod_com_hex[] =
      "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8";
  uint8_t seed[32], bh[32], data[64], msg[POD_TXN_MTU], tx[POD_TXN_MTU], sig[64];
  size_t data_sz, msg_sz, tx_sz, n;
  pod_keypair_t kp;
  pod_pubkey_t payer, agent, program;
  pod_txn_t t;
  pod_borsh_writer_t w;
  int bad = 0;

  if (pod_init() != POD_OK) return 1;
  memset(seed, 1, 32);
  memset(bh, 7, 32);
  pod_keypair_from_seed(&kp, seed);
  pod_keypair_pubkey(&payer, &kp);
  pod_hex_decode(agent.b, 32, &n, agent_hex, 64);
  pod_hex_decode(program.b, 32, &n, pod_com_hex, 64);

  pod_borsh_writer_init(&w, data, sizeof data);
  pod_borsh_put_bytes(&w, disc, 8);
  pod_borsh_put_u64(&w, 1);
  pod_borsh_put_string(&w, uri, strlen(uri));
  pod_borsh_writer_finish(&w, &data_sz);
  pod_account_meta_t metas[3] = {{agent, 0, 1}, {payer, 1, 1}, {pod_system_program_id, 0, 0}};
  pod_instruction_t ix = {program, metas, 3, data, data_sz};
  const pod_keypair_t *signers[1] = {&kp};

  bad |= pod_message_compile(msg, sizeof msg, &msg_sz, &payer, &ix, 1, bh);
  bad |= pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1);
  bad |= pod_txn_parse(&t, tx, tx_sz);
  bad |= pod_txn_verify(&t, tx);
  if (bad || msg_sz != 221 || tx_sz != 286) {
    fprintf(stderr, "bench_txn: setup failed (%d, msg %zu, tx %zu)\n", bad, msg_sz, tx_sz);
    return 1;
  }

  /* warm-up */
  for (int i = 0; i < 200; i++) {
    crypto_sign_detached(sig, NULL, msg, msg_sz, kp.b);
    pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1);
  }

  /* (1) and (2) interleaved */
  for (int r = 0; r < ROUNDS; r++) {
    if (r & 1) {
      TIME_BATCH(s_build[r], 8, pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1));
      TIME_BATCH(s_sodium[r], 8, crypto_sign_detached(sig, NULL, msg, msg_sz, kp.b));
    } else {
      TIME_BATCH(s_sodium[r], 8, crypto_sign_detached(sig, NULL, msg, msg_sz, kp.b));
      TIME_BATCH(s_build[r], 8, pod_txn_build(tx, sizeof tx, &tx_sz, &ix, 1, bh, signers, 1));
    }
  }
  bench_sink(sig, sizeof sig);
  bench_sink(tx, tx_sz);

  for (int r = 0; r < ROUNDS; r++) {
    TIME_BATCH(s_compile[r], 256,
               pod_message_compile(msg, sizeof msg, &msg_sz, &payer, &ix, 1, bh));
    TIME_BATCH(s_parse[r], 256, pod_txn_parse(&t, tx, tx_sz));
  }
  bench_sink(msg, msg_sz);
  bench_sink(&t, sizeof t);
  for (int r = 0; r < ROUNDS; r++)
    TIME_BATCH(s_verify[r], 4, bad |= pod_txn_parse(&t, tx, tx_sz) | pod_txn_verify(&t, tx));
  if (bad) return 1;

  /* Paired ratio: each round's build batch against the sign batch beside it, then the median, so
   * a burst of noise spoils one pair instead of skewing one side. (Before bench_stats sorts.) */
  static double pair[ROUNDS];
  for (int r = 0; r < ROUNDS; r++)
    pair[r] = s_sodium[r] ? (double)s_build[r] / (double)s_sodium[r] : 1.0;
  qsort(pair, ROUNDS, sizeof *pair, cmp_double);

  bench_stats_t st_sodium, st_build, st;
  bench_stats(&st_sodium, s_sodium, ROUNDS);
  bench_report("txn: sign.sodium (221 B message)", &st_sodium);
  bench_stats(&st_build, s_build, ROUNDS);
  bench_report("txn: build register_agent (compile+sign)", &st_build);
  bench_stats(&st, s_compile, ROUNDS);
  bench_report("txn: compile register_agent message", &st);
  bench_stats(&st, s_parse, ROUNDS);
  bench_report("txn: parse 286 B transaction", &st);
  bench_stats(&st, s_verify, ROUNDS);
  bench_report("txn: parse + verify 286 B transaction", &st);
  printf("txn: build / sign.sodium = %.3f (ratio of medians), %.3f (median of paired rounds); "
         "goal <= 1.2\n",
         st_build.median_ns / st_sodium.median_ns, pair[ROUNDS / 2]);
  return 0;
}
