/* The reads a client makes of each sample (json_samples.h), through podc's json module: parse,
 * walk, free. Shared by the comparison (cand_pod.c) and bench/bench_json.c. Each returns a
 * checksum of what it read (string lengths, integers, booleans), 0 if the parse failed. */
#ifndef POD_JSON_POD_WALK_H
#define POD_JSON_POD_WALK_H

#include "pod/json.h"

static inline uint64_t pod_walk_u64(const pod_json_val *v) {
  uint64_t x = 0;
  pod_json_get_u64(&x, v);
  return x;
}

static inline uint64_t pod_walk_strlen(const pod_json_val *v) {
  const char *s;
  size_t n = 0;
  pod_json_get_str(&s, &n, v);
  return n;
}

static inline uint64_t pod_walk_bool(const pod_json_val *v) {
  int x = 0;
  pod_json_get_bool(&x, v);
  return (uint64_t)x;
}

static inline uint64_t pod_walk_account(const pod_json_val *a) {
  return pod_walk_strlen(pod_json_at(pod_json_find(a, "data"), 0)) +
         pod_walk_bool(pod_json_find(a, "executable")) +
         pod_walk_u64(pod_json_find(a, "lamports")) + pod_walk_strlen(pod_json_find(a, "owner")) +
         pod_walk_u64(pod_json_find(a, "rentEpoch")) + pod_walk_u64(pod_json_find(a, "space"));
}

static inline uint64_t pod_walk_account_info(const char *text, size_t len) {
  pod_json_doc *doc;
  if (pod_json_parse(&doc, text, len, NULL, NULL)) return 0;
  const pod_json_val *res = pod_json_find(pod_json_root(doc), "result");
  uint64_t sum = pod_walk_u64(pod_json_find(pod_json_find(res, "context"), "slot")) +
                 pod_walk_account(pod_json_find(res, "value"));
  pod_json_free(doc);
  return sum;
}

static inline uint64_t pod_walk_program_accounts(const char *text, size_t len) {
  pod_json_doc *doc;
  if (pod_json_parse(&doc, text, len, NULL, NULL)) return 0;
  const pod_json_val *res = pod_json_find(pod_json_root(doc), "result");
  uint64_t sum = 0;
  for (size_t i = 0, n = pod_json_len(res); i < n; i++) {
    const pod_json_val *e = pod_json_at(res, i);
    sum +=
        pod_walk_account(pod_json_find(e, "account")) + pod_walk_strlen(pod_json_find(e, "pubkey"));
  }
  pod_json_free(doc);
  return sum;
}

static inline uint64_t pod_walk_send_transaction(const char *text, size_t len) {
  pod_json_doc *doc;
  if (pod_json_parse(&doc, text, len, NULL, NULL)) return 0;
  const pod_json_val *root = pod_json_root(doc), *params = pod_json_find(root, "params"),
                     *cfg = pod_json_at(params, 1);
  uint64_t sum = pod_walk_strlen(pod_json_find(root, "method")) +
                 pod_walk_strlen(pod_json_at(params, 0)) +
                 pod_walk_strlen(pod_json_find(cfg, "encoding")) +
                 pod_walk_bool(pod_json_find(cfg, "skipPreflight")) +
                 pod_walk_strlen(pod_json_find(cfg, "preflightCommitment")) +
                 pod_walk_u64(pod_json_find(cfg, "maxRetries"));
  pod_json_free(doc);
  return sum;
}

#endif
