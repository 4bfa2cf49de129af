/* Metrics (metrics.h) and memory statistics. With opts.metrics the client's transport table is
 * replaced by a copy whose entries time the original ones: the transports know nothing of it,
 * and a client without metrics runs exactly the code it ran before. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_int.h"
#include "pod/metrics.h"
#include "pod/program.h"

enum {
  OP_GET_ACCOUNT,
  OP_GET_ACCOUNTS,
  OP_PROGRAM_ACCOUNTS,
  OP_BLOCKHASH,
  OP_SEND,
  OP_SIMULATE,
  OP_STATUSES,
  OP_GET_TX,
  OP_AIRDROP,
  OP_BALANCE,
  OP_SLOT,
  OP_NOW,
  OP_SIGNATURES,
  OP_SEND_MANY,
  OP_COUNT
};

static const char *const op_names[OP_COUNT] = {
    "getAccountInfo",
    "getMultipleAccounts",
    "getProgramAccounts",
    "getLatestBlockhash",
    "sendTransaction",
    "simulateTransaction",
    "getSignatureStatuses",
    "getTransaction",
    "requestAirdrop",
    "getBalance",
    "getSlot",
    "getBlockTime",
    "getSignaturesForAddress",
    "sendTransactionBatch", /* a JSON-RPC batch of sendTransaction */
};

#define TX_SLOTS (POD_IX_COUNT + 1) /* the PoD instructions, then "transaction" (anything else) */
#define BATCH_SLOTS 3
#define SLOTS (OP_COUNT + TX_SLOTS + BATCH_SLOTS)
static const char *const batch_names[BATCH_SLOTS] = {"messages", "broadcasts", "statuses"};

typedef struct {
  pod_transport_ops ops;          /* the wrapper installed as c->ops */
  const pod_transport_ops *inner; /* the transport's own */
  pod_metric_t m[SLOTS];
} metrics_t;

static metrics_t *M(pod_client *c) { return c->metrics; }

static size_t bucket_of(uint64_t ns) {
  uint64_t us = (ns + 999u) / 1000u;
  if (us <= 4) return 0;
  size_t k = (size_t)(64 - __builtin_clzll(us - 1)) - 2;
  return k < POD_METRICS_BUCKETS - 1 ? k : POD_METRICS_BUCKETS - 1;
}

double pod_metrics_bucket_le(size_t k) {
  if (k >= POD_METRICS_BUCKETS - 1) return INFINITY;
  return ldexp(1e-6, (int)k + 2);
}

static void record(pod_metric_t *m, uint64_t ns, int failed) {
  m->count++;
  m->errors += failed != 0;
  m->sum_ns += ns;
  if (ns > m->max_ns) m->max_ns = ns;
  m->buckets[bucket_of(ns)]++;
}

static void rec_op(pod_client *c, int op, uint64_t t0, int rc) {
  record(&M(c)->m[op], pod_client__now_ns() - t0, rc != POD_OK && rc != POD_ENOTFOUND);
}

/* ---- the wrapper ---- */

#define T0 uint64_t t0 = pod_client__now_ns()
static int m_get_account(pod_client *c, const pod_pubkey_t *key, pod_client_account_t *out) {
  T0;
  int rc = M(c)->inner->get_account(c, key, out);
  rec_op(c, OP_GET_ACCOUNT, t0, rc);
  return rc;
}
static int m_get_accounts(pod_client *c, const pod_pubkey_t *keys, size_t n,
                          pod_client_account_t *out, int *found) {
  T0;
  int rc = M(c)->inner->get_accounts(c, keys, n, out, found);
  rec_op(c, OP_GET_ACCOUNTS, t0, rc);
  return rc;
}
static int m_program_accounts(pod_client *c, const pod_pubkey_t *owner,
                              const pod_account_filter_t *f, pod_client_account_t **out,
                              size_t *n) {
  T0;
  int rc = M(c)->inner->program_accounts(c, owner, f, out, n);
  rec_op(c, OP_PROGRAM_ACCOUNTS, t0, rc);
  return rc;
}
static int m_latest_blockhash(pod_client *c, uint8_t out[32]) {
  T0;
  int rc = M(c)->inner->latest_blockhash(c, out);
  rec_op(c, OP_BLOCKHASH, t0, rc);
  return rc;
}
static int m_send(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  T0;
  int rc = M(c)->inner->send(c, wire, sz, o);
  rec_op(c, OP_SEND, t0, rc);
  return rc;
}
static int m_simulate(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  T0;
  int rc = M(c)->inner->simulate(c, wire, sz, o);
  rec_op(c, OP_SIMULATE, t0, rc);
  return rc;
}
static int m_statuses(pod_client *c, const pod_signature_t *sigs, size_t n, pod_sig_state_t *out) {
  T0;
  int rc = M(c)->inner->statuses(c, sigs, n, out);
  rec_op(c, OP_STATUSES, t0, rc);
  return rc;
}
static int m_get_transaction(pod_client *c, const pod_signature_t *sig, pod_tx_outcome_t *o) {
  T0;
  int rc = M(c)->inner->get_transaction(c, sig, o);
  rec_op(c, OP_GET_TX, t0, rc);
  return rc;
}
static int m_airdrop(pod_client *c, const pod_pubkey_t *to, uint64_t lamports,
                     pod_tx_outcome_t *o) {
  T0;
  int rc = M(c)->inner->airdrop(c, to, lamports, o);
  rec_op(c, OP_AIRDROP, t0, rc);
  return rc;
}
static int m_balance(pod_client *c, const pod_pubkey_t *key, uint64_t *out) {
  T0;
  int rc = M(c)->inner->balance(c, key, out);
  rec_op(c, OP_BALANCE, t0, rc);
  return rc;
}
static int m_slot(pod_client *c, uint64_t *out) {
  T0;
  int rc = M(c)->inner->slot(c, out);
  rec_op(c, OP_SLOT, t0, rc);
  return rc;
}
static int m_now(pod_client *c, int64_t *out) {
  T0;
  int rc = M(c)->inner->now(c, out);
  rec_op(c, OP_NOW, t0, rc);
  return rc;
}
static int m_signatures(pod_client *c, const pod_pubkey_t *addr, const pod_signature_t *until,
                        size_t max, pod_signature_t *sigs, uint64_t *slots, int *failed,
                        size_t *n) {
  T0;
  int rc = M(c)->inner->signatures(c, addr, until, max, sigs, slots, failed, n);
  rec_op(c, OP_SIGNATURES, t0, rc);
  return rc;
}
static int m_send_many(pod_client *c, const uint8_t *wires, const size_t *sizes, size_t n, int *rcs,
                       pod_tx_outcome_t *o) {
  T0;
  int rc = M(c)->inner->send_many(c, wires, sizes, n, rcs, o);
  rec_op(c, OP_SEND_MANY, t0, rc);
  return rc;
}
#undef T0

int pod_client__metrics_attach(pod_client *c) {
  metrics_t *m = pod_client__alloc(1, sizeof *m);
  if (!m) return POD_ENOMEM;
  m->inner = c->ops;
  m->ops = *c->ops; /* entries the wrapper does not time (close, mem) stay the transport's */
#define WRAP(f)                                                                                    \
  if (m->ops.f) m->ops.f = m_##f
  WRAP(get_account);
  WRAP(get_accounts);
  WRAP(program_accounts);
  WRAP(latest_blockhash);
  WRAP(send);
  WRAP(simulate);
  WRAP(statuses);
  WRAP(get_transaction);
  WRAP(airdrop);
  WRAP(balance);
  WRAP(slot);
  WRAP(now);
  WRAP(signatures);
  WRAP(send_many);
#undef WRAP
  for (size_t i = 0; i < OP_COUNT; i++) {
    m->m[i].kind = POD_METRIC_RPC;
    m->m[i].name = op_names[i];
  }
  for (size_t i = 0; i < TX_SLOTS; i++) {
    pod_metric_t *x = &m->m[OP_COUNT + i];
    x->kind = POD_METRIC_TX;
    x->name = i < POD_IX_COUNT && pod_ix_name((int)i) ? pod_ix_name((int)i) : "transaction";
  }
  for (size_t i = 0; i < BATCH_SLOTS; i++) {
    m->m[OP_COUNT + TX_SLOTS + i].kind = POD_METRIC_BATCH;
    m->m[OP_COUNT + TX_SLOTS + i].name = batch_names[i];
  }
  c->metrics = m;
  c->ops = &m->ops;
  return POD_OK;
}

void pod_client__metrics_free(pod_client *c) {
  free(c->metrics);
  c->metrics = NULL;
}

void pod_client__metrics_tx(pod_client *c, const pod_instruction_t *ixs, size_t ix_cnt, uint64_t ns,
                            int rc) {
  metrics_t *m = M(c);
  if (!m) return;
  size_t slot = POD_IX_COUNT; /* "transaction" */
  for (size_t i = 0; i < ix_cnt; i++)
    if (pod_pubkey_eq(&ixs[i].program_id, &pod_program_id)) {
      int k = pod_ix_kind_from_data(ixs[i].data, ixs[i].data_sz);
      if (k >= 0 && k < POD_IX_COUNT) slot = (size_t)k;
      break;
    }
  record(&m->m[OP_COUNT + slot], ns, rc != POD_OK);
}

void pod_client__metrics_batch(pod_client *c, const char *kind, uint64_t ns, int rc) {
  metrics_t *m = M(c);
  if (!m) return;
  for (size_t i = 0; i < BATCH_SLOTS; i++)
    if (!strcmp(kind, batch_names[i])) record(&m->m[OP_COUNT + TX_SLOTS + i], ns, rc != POD_OK);
}

/* ---- export ---- */

static int need_metrics(pod_client *c) {
  if (c->metrics) return POD_OK;
  return pod_client__fail(c, POD_EINVAL,
                          "metrics are off: create the client with opts.metrics = 1 "
                          "(POD_CLIENT_OPTS_VERSION 2)");
}

int pod_client_metrics(pod_metric_t *out, size_t cap, size_t *n, pod_client *c) {
  POD_CLIENT_GUARD(c);
  int rc = !n ? pod_client__fail(c, POD_EINVAL, "pod_client_metrics: n is NULL") : need_metrics(c);
  if (rc == POD_OK) {
    size_t k = 0;
    for (size_t i = 0; i < SLOTS; i++) {
      const pod_metric_t *x = &M(c)->m[i];
      if (!x->count) continue;
      if (out && k < cap) out[k] = *x;
      k++;
    }
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

int pod_client_metrics_reset(pod_client *c) {
  POD_CLIENT_GUARD(c);
  int rc = need_metrics(c);
  if (rc == POD_OK)
    for (size_t i = 0; i < SLOTS; i++) {
      pod_metric_t *x = &M(c)->m[i];
      x->count = x->errors = x->sum_ns = x->max_ns = 0;
      memset(x->buckets, 0, sizeof x->buckets);
    }
  pod_client__leave(c);
  return rc;
}

typedef struct {
  char *buf;
  size_t sz, len; /* len: what the whole text needs so far */
} out_t;

static void put(out_t *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void put(out_t *o, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *dst = o->len < o->sz ? o->buf + o->len : NULL;
  size_t room = o->len < o->sz ? o->sz - o->len : 0;
  int w = vsnprintf(dst, room, fmt, ap);
  va_end(ap);
  if (w > 0) o->len += (size_t)w;
}

static const struct {
  pod_metric_kind_t kind;
  const char *family, *label, *help;
} families[] = {
    {POD_METRIC_RPC, "pod_client_rpc", "method",
     "transport operations: one JSON-RPC method over HTTP, the same operation on the embedded "
     "ledger"},
    {POD_METRIC_TX, "pod_client_tx", "instruction",
     "transactions sent by a client call: build, sign, send and confirm"},
    {POD_METRIC_BATCH, "pod_client_batch", "kind", "batch calls (pod_batch_*)"},
};

int pod_client_metrics_prometheus(char *buf, size_t sz, size_t *need, pod_client *c) {
  if (need) *need = 0;
  if (buf && sz) buf[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!buf && sz) ? pod_client__fail(c, POD_EINVAL,
                                           "pod_client_metrics_prometheus: NULL "
                                           "buffer")
                        : need_metrics(c);
  if (rc == POD_OK) {
    out_t o = {buf, sz, 0};
    const metrics_t *m = M(c);
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
      const char *fam = families[f].family, *lab = families[f].label;
      put(&o, "# HELP %s_seconds Latency of %s.\n# TYPE %s_seconds histogram\n", fam,
          families[f].help, fam);
      for (size_t i = 0; i < SLOTS; i++) {
        const pod_metric_t *x = &m->m[i];
        if (x->kind != families[f].kind || !x->count) continue;
        uint64_t cum = 0;
        for (size_t k = 0; k < POD_METRICS_BUCKETS; k++) {
          cum += x->buckets[k];
          if (k == POD_METRICS_BUCKETS - 1)
            put(&o, "%s_seconds_bucket{%s=\"%s\",le=\"+Inf\"} %" PRIu64 "\n", fam, lab, x->name,
                cum);
          else
            put(&o, "%s_seconds_bucket{%s=\"%s\",le=\"%.6g\"} %" PRIu64 "\n", fam, lab, x->name,
                pod_metrics_bucket_le(k), cum);
        }
        put(&o, "%s_seconds_sum{%s=\"%s\"} %.9f\n", fam, lab, x->name, (double)x->sum_ns / 1e9);
        put(&o, "%s_seconds_count{%s=\"%s\"} %" PRIu64 "\n", fam, lab, x->name, x->count);
      }
      put(&o, "# HELP %s_errors_total Failed %s.\n# TYPE %s_errors_total counter\n", fam,
          families[f].help, fam);
      for (size_t i = 0; i < SLOTS; i++) {
        const pod_metric_t *x = &m->m[i];
        if (x->kind != families[f].kind || !x->count) continue;
        put(&o, "%s_errors_total{%s=\"%s\"} %" PRIu64 "\n", fam, lab, x->name, x->errors);
      }
    }
    if (need) *need = o.len;
    if (o.len >= sz)
      rc = pod_client__fail(c, POD_ENOSPC,
                            "the metrics text needs %zu bytes (+1 for the NUL); the buffer has "
                            "%zu",
                            o.len, sz);
  }
  pod_client__leave(c);
  return rc;
}

/* ---- memory statistics ---- */

/* The "Name:   1234 kB" lines of /proc/self/status, in bytes. */
static int proc_status(pod_client_memstats_t *out) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return POD_EIO;
  static const struct {
    const char *fmt;
    size_t off;
  } fields[] = {
      {"VmRSS: %llu kB", offsetof(pod_client_memstats_t, rss_bytes)},
      {"VmHWM: %llu kB", offsetof(pod_client_memstats_t, rss_peak_bytes)},
      {"RssAnon: %llu kB", offsetof(pod_client_memstats_t, rss_anon_bytes)},
      {"RssFile: %llu kB", offsetof(pod_client_memstats_t, rss_file_bytes)},
  };
  char line[256];
  int got = 0;
  while (fgets(line, sizeof line, f))
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
      unsigned long long kb = 0;
      if (sscanf(line, fields[i].fmt, &kb) == 1) {
        uint64_t v = (uint64_t)kb * 1024u;
        memcpy((char *)out + fields[i].off, &v, sizeof v);
        got |= 1 << i;
      }
    }
  fclose(f);
  return (got & 3) == 3 ? POD_OK : POD_EIO;
}

int pod_client_memstats(pod_client_memstats_t *out, pod_client *c) {
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int prc = proc_status(out);
  if (!c) return prc;
  POD_CLIENT_GUARD(c);
  if (c->ops && c->ops->mem) c->ops->mem(c, &out->pool_bytes, &out->pool_buffers);
  if (c->cache_mem) c->cache_mem(c, &out->cache_entries, &out->cache_bytes);
  if (c->metrics) out->metrics_bytes = sizeof(metrics_t);
  if (prc != POD_OK)
    pod_client__fail(c, prc, "cannot read /proc/self/status: the process figures are 0");
  pod_client__leave(c);
  return prc;
}
