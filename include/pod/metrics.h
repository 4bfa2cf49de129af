/* Client metrics and memory statistics. See docs/SDK.md, "Metrics" and "Memory statistics".
 *
 * Metrics are collected only when the client was created with opts.metrics = 1: then every
 * transport operation (one JSON-RPC method over HTTP; the same operation on the in-process ledger
 * for embedded:), every transaction sent by a service call (build, sign, send and confirm, named
 * by its PoD instruction) and every batch gets a counter, an error counter and a latency
 * histogram with log-scale buckets (4 us .. 16.8 s, doubling, and +Inf). With opts.metrics = 0
 * nothing is recorded and nothing is allocated: the transport is called directly, and sending
 * costs one pointer test. Like the rest of the client, metrics belong to the handle (one thread
 * at a time). */
#ifndef POD_METRICS_H
#define POD_METRICS_H

#include "client.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Histogram buckets: bucket k < POD_METRICS_BUCKETS - 1 counts latencies in
 * (le(k-1), le(k)] with le(k) = 2^(k+2) microseconds; the last bucket is +Inf. */
#define POD_METRICS_BUCKETS 24

typedef enum {
  POD_METRIC_RPC = 0,  /* a transport operation; name = the JSON-RPC method */
  POD_METRIC_TX = 1,   /* a transaction sent and confirmed; name = its instruction */
  POD_METRIC_BATCH = 2 /* a batch call; name = "messages", "broadcasts" or "statuses" */
} pod_metric_kind_t;

typedef struct {
  pod_metric_kind_t kind;
  const char *name; /* static storage */
  uint64_t count;   /* calls */
  uint64_t errors;  /* calls that failed (POD_ENOTFOUND of a read is not a failure) */
  uint64_t sum_ns;  /* total latency */
  uint64_t max_ns;
  uint64_t buckets[POD_METRICS_BUCKETS]; /* per bucket, not cumulative */
} pod_metric_t;

/* The upper bound of bucket k in seconds (2^(k+2) us); +infinity for the last. */
POD_API double pod_metrics_bucket_le(size_t k);

/* Copies the metrics with count > 0 into out[0..cap) and sets *n to how many there are (all of
 * them, even if more than cap). POD_EINVAL if metrics are off (opts.metrics) or n is NULL. */
POD_API int pod_client_metrics(pod_metric_t *out, size_t cap, size_t *n, pod_client *c);

/* Writes the metrics as Prometheus text exposition format (version 0.0.4): histograms
 * pod_client_rpc_seconds{method=...}, pod_client_tx_seconds{instruction=...},
 * pod_client_batch_seconds{kind=...} and counters pod_client_*_errors_total, NUL-terminated, into
 * buf[0..sz). *need (may be NULL) receives the length the whole text needs, without the NUL.
 * POD_ENOSPC if it does not fit (buf then holds a truncated, NUL-terminated prefix when sz > 0):
 * call again with *need + 1 bytes. POD_EINVAL if metrics are off. */
POD_API int pod_client_metrics_prometheus(char *buf, size_t sz, size_t *need, pod_client *c);

/* Zeroes every metric. */
POD_API int pod_client_metrics_reset(pod_client *c);

/* Memory statistics. */
typedef struct {
  uint64_t rss_bytes;      /* the process's resident set now (VmRSS of /proc/self/status) */
  uint64_t rss_peak_bytes; /* its peak (VmHWM) */
  uint64_t rss_anon_bytes; /* of rss_bytes: private anonymous memory (heap, stacks: RssAnon) */
  uint64_t rss_file_bytes; /* of rss_bytes: file pages, mostly shared library code (RssFile) */
  uint64_t pool_bytes;     /* bytes the client keeps allocated for reuse (request and answer
                              buffers of the HTTP transport; 0 for embedded:) */
  uint64_t pool_buffers;   /* how many such buffers */
  uint64_t cache_entries;  /* account cache (0 when there is none) */
  uint64_t cache_bytes;
  uint64_t metrics_bytes; /* the metrics tables (0 when metrics are off) */
} pod_client_memstats_t;

/* Fills *out. c may be NULL (process figures only). POD_EIO if /proc/self/status cannot be read
 * (the client's figures are still filled). */
POD_API int pod_client_memstats(pod_client_memstats_t *out, pod_client *c);

#ifdef __cplusplus
}
#endif
#endif
