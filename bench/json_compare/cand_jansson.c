/* jansson 2.14: json_loadb with duplicate keys rejected; its integers are json_int_t (long long).
 */
#include "compare.h"

#include <jansson.h>

static json_t *parse(const char *text, size_t len) {
  json_error_t e;
  return json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &e);
}

static uint64_t u(const json_t *v) { return (uint64_t)json_integer_value(v); }

static uint64_t account(const json_t *a) {
  return json_string_length(json_array_get(json_object_get(a, "data"), 0)) +
         (uint64_t)json_is_true(json_object_get(a, "executable")) +
         u(json_object_get(a, "lamports")) + json_string_length(json_object_get(a, "owner")) +
         u(json_object_get(a, "rentEpoch")) + u(json_object_get(a, "space"));
}

static uint64_t account_info(const char *text, size_t len) {
  json_t *root = parse(text, len);
  if (!root) return 0;
  const json_t *res = json_object_get(root, "result");
  uint64_t sum = u(json_object_get(json_object_get(res, "context"), "slot")) +
                 account(json_object_get(res, "value"));
  json_decref(root);
  return sum;
}

static uint64_t program_accounts(const char *text, size_t len) {
  json_t *root = parse(text, len);
  if (!root) return 0;
  const json_t *res = json_object_get(root, "result");
  uint64_t sum = 0;
  for (size_t i = 0, n = json_array_size(res); i < n; i++) {
    const json_t *e = json_array_get(res, i);
    sum +=
        account(json_object_get(e, "account")) + json_string_length(json_object_get(e, "pubkey"));
  }
  json_decref(root);
  return sum;
}

static uint64_t send_transaction(const char *text, size_t len) {
  json_t *root = parse(text, len);
  if (!root) return 0;
  const json_t *params = json_object_get(root, "params"), *cfg = json_array_get(params, 1);
  uint64_t sum = json_string_length(json_object_get(root, "method")) +
                 json_string_length(json_array_get(params, 0)) +
                 json_string_length(json_object_get(cfg, "encoding")) +
                 (uint64_t)json_is_true(json_object_get(cfg, "skipPreflight")) +
                 json_string_length(json_object_get(cfg, "preflightCommitment")) +
                 u(json_object_get(cfg, "maxRetries"));
  json_decref(root);
  return sum;
}

static int u64(const char *text, size_t len, uint64_t *out) {
  json_t *root = parse(text, len);
  if (!root) return -1;
  const json_t *v = json_array_get(root, 0);
  int rc = -2;
  if (json_is_integer(v) && json_integer_value(v) >= 0) {
    *out = (uint64_t)json_integer_value(v);
    rc = 0;
  }
  json_decref(root);
  return rc;
}

static int accepts(const char *text, size_t len) {
  json_t *root = parse(text, len);
  json_decref(root);
  return root != NULL;
}

extern const candidate_t candidate;
const candidate_t candidate = {"jansson 2.14",   account_info, program_accounts,
                               send_transaction, u64,          accepts};
