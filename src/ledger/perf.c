/* Performance samples (pod_ledger_perf_samples, Solana's getRecentPerformanceSamples): counts of
 * committed transactions per 60 s period of the ledger's clock, kept in memory. The cost per
 * transaction is a comparison per instruction (is it a Vote instruction?) and two additions;
 * the period's lock is taken once per committed write transaction. */
#include "ledger_internal.h"

#include <string.h>

#define PERIOD_MS ((int64_t)POD_PERF_PERIOD_SECS * 1000)

/* Vote111111111111111111111111111111111111111 */
static const uint8_t vote_id[32] = {
    0x07, 0x61, 0x48, 0x1d, 0x35, 0x74, 0x74, 0xbb, 0x7c, 0x4d, 0x76, 0x24, 0xeb, 0xd3, 0xbd, 0xb3,
    0xd8, 0x35, 0x5e, 0x73, 0xd1, 0x10, 0x43, 0xfc, 0x0d, 0xa3, 0x53, 0x80, 0x00, 0x00, 0x00, 0x00};

void lg_perf_init(pod_ledger *l) {
  pthread_mutex_init(&l->perf.mu, NULL);
  l->perf.start_ms = lg_clock_ms(l, &l->perf.start_slot);
  l->perf.tx = l->perf.nv = 0;
  l->perf.head = l->perf.cnt = 0;
  l->perf_pend_tx = l->perf_pend_nv = 0;
}

void lg_perf_free(pod_ledger *l) { pthread_mutex_destroy(&l->perf.mu); }

void lg_perf_count(pod_ledger *l, const pod_txn_t *txn, const uint8_t *wire) {
  int vote = 0;
  for (size_t i = 0; i < txn->instr_cnt && !vote; i++) {
    size_t k = txn->instr[i].program_idx;
    if (k < txn->acct_cnt && !memcmp(wire + txn->acct_off + 32 * k, vote_id, 32)) vote = 1;
  }
  l->perf_pend_tx++;
  if (!vote) l->perf_pend_nv++;
}

static void push(pod_ledger *l, const pod_perf_sample_t *s) {
  l->perf.ring[l->perf.head] = *s;
  l->perf.head = (l->perf.head + 1) % POD_PERF_SAMPLES_MAX;
  if (l->perf.cnt < POD_PERF_SAMPLES_MAX) l->perf.cnt++;
}

/* Closes the periods that ended by now_ms (perf.mu held). */
static void roll(pod_ledger *l, int64_t now_ms, uint64_t now_slot) {
  if (now_ms - l->perf.start_ms < PERIOD_MS) return;
  int64_t k = (now_ms - l->perf.start_ms) / PERIOD_MS; /* periods that ended */
  for (int64_t i = 0; i < k; i++) {
    if (i == 1 && k > POD_PERF_SAMPLES_MAX + 1) { /* a long idle: only the last ones are kept */
      int64_t skip = k - 1 - POD_PERF_SAMPLES_MAX;
      l->perf.start_ms += skip * PERIOD_MS;
      uint64_t ss = lg_clock_slot_at(l, l->perf.start_ms);
      if (ss > l->perf.start_slot) l->perf.start_slot = ss < now_slot ? ss : now_slot;
      i += skip;
    }
    int64_t end_ms = l->perf.start_ms + PERIOD_MS;
    uint64_t end_slot = lg_clock_slot_at(l, end_ms);
    if (end_slot < l->perf.start_slot) end_slot = l->perf.start_slot;
    if (end_slot > now_slot) end_slot = now_slot;
    pod_perf_sample_t s = {end_slot, l->perf.tx, l->perf.nv, end_slot - l->perf.start_slot,
                           POD_PERF_PERIOD_SECS};
    push(l, &s);
    l->perf.tx = l->perf.nv = 0;
    l->perf.start_ms = end_ms;
    l->perf.start_slot = end_slot;
  }
}

void lg_perf_commit(pod_ledger *l, int ok) {
  uint64_t tx = l->perf_pend_tx, nv = l->perf_pend_nv;
  l->perf_pend_tx = l->perf_pend_nv = 0;
  if (!ok || !tx) return;
  uint64_t slot;
  int64_t now = lg_clock_ms(l, &slot);
  pthread_mutex_lock(&l->perf.mu);
  roll(l, now, slot);
  l->perf.tx += tx;
  l->perf.nv += nv;
  pthread_mutex_unlock(&l->perf.mu);
}

int pod_ledger_perf_samples(pod_ledger *l, pod_perf_sample_t *out, size_t max, size_t *n) {
  if (n) *n = 0;
  if (!l || !n || (!out && max)) return POD_EINVAL;
  if (max == 0) return POD_OK;
  uint64_t slot;
  int64_t now = lg_clock_ms(l, &slot);
  pthread_mutex_lock(&l->perf.mu);
  roll(l, now, slot);
  int64_t el = now - l->perf.start_ms;
  int64_t secs = (el + 999) / 1000;
  if (secs < 1) secs = 1;
  if (secs > POD_PERF_PERIOD_SECS) secs = POD_PERF_PERIOD_SECS;
  uint64_t cur = slot < l->perf.start_slot ? l->perf.start_slot : slot;
  pod_perf_sample_t s = {cur, l->perf.tx, l->perf.nv, cur - l->perf.start_slot, (uint16_t)secs};
  out[0] = s;
  size_t k = 1;
  for (size_t i = 0; i < l->perf.cnt && k < max; i++, k++) {
    size_t j = (l->perf.head + POD_PERF_SAMPLES_MAX - 1 - i) % POD_PERF_SAMPLES_MAX;
    out[k] = l->perf.ring[j];
  }
  pthread_mutex_unlock(&l->perf.mu);
  *n = k;
  return POD_OK;
}
