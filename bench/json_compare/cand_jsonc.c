/* json-c 0.16: its tokener (strict mode, UTF-8 check, depth 64) and object tree. */
#include "compare.h"

#include <json-c/json.h>

static json_object *parse(const char *text, size_t len) {
  struct json_tokener *tok = json_tokener_new_ex(64);
  if (!tok) return NULL;
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
  json_object *o = json_tokener_parse_ex(tok, text, (int)len);
  if (o == NULL && json_tokener_get_error(tok) == json_tokener_continue)
    o = json_tokener_parse_ex(tok, "", 1); /* a number at the end needs its end marked */
  if (o && (json_tokener_get_error(tok) != json_tokener_success ||
            json_tokener_get_parse_end(tok) < len)) {
    json_object_put(o);
    o = NULL;
  }
  json_tokener_free(tok);
  return o;
}

static json_object *get(json_object *o, const char *k) {
  json_object *v = NULL;
  return json_object_object_get_ex(o, k, &v) ? v : NULL;
}

static uint64_t account(json_object *a) {
  json_object *data = get(a, "data");
  return (uint64_t)json_object_get_string_len(json_object_array_get_idx(data, 0)) +
         (uint64_t)json_object_get_boolean(get(a, "executable")) +
         json_object_get_uint64(get(a, "lamports")) +
         (uint64_t)json_object_get_string_len(get(a, "owner")) +
         json_object_get_uint64(get(a, "rentEpoch")) + json_object_get_uint64(get(a, "space"));
}

static uint64_t account_info(const char *text, size_t len) {
  json_object *root = parse(text, len);
  if (!root) return 0;
  json_object *res = get(root, "result");
  uint64_t sum =
      json_object_get_uint64(get(get(res, "context"), "slot")) + account(get(res, "value"));
  json_object_put(root);
  return sum;
}

static uint64_t program_accounts(const char *text, size_t len) {
  json_object *root = parse(text, len);
  if (!root) return 0;
  json_object *res = get(root, "result");
  uint64_t sum = 0;
  for (size_t i = 0, n = json_object_array_length(res); i < n; i++) {
    json_object *e = json_object_array_get_idx(res, i);
    sum += account(get(e, "account")) + (uint64_t)json_object_get_string_len(get(e, "pubkey"));
  }
  json_object_put(root);
  return sum;
}

static uint64_t send_transaction(const char *text, size_t len) {
  json_object *root = parse(text, len);
  if (!root) return 0;
  json_object *params = get(root, "params"), *cfg = json_object_array_get_idx(params, 1);
  uint64_t sum = (uint64_t)json_object_get_string_len(get(root, "method")) +
                 (uint64_t)json_object_get_string_len(json_object_array_get_idx(params, 0)) +
                 (uint64_t)json_object_get_string_len(get(cfg, "encoding")) +
                 (uint64_t)json_object_get_boolean(get(cfg, "skipPreflight")) +
                 (uint64_t)json_object_get_string_len(get(cfg, "preflightCommitment")) +
                 json_object_get_uint64(get(cfg, "maxRetries"));
  json_object_put(root);
  return sum;
}

/* json-c keeps integers as int64 or uint64 and offers no way to tell which, nor whether the text
 * was clamped: refuse negatives through get_int64, then get_uint64. */
static int u64(const char *text, size_t len, uint64_t *out) {
  json_object *root = parse(text, len);
  if (!root) return -1;
  json_object *v = json_object_array_get_idx(root, 0);
  int rc = -2;
  if (json_object_is_type(v, json_type_int) && json_object_get_int64(v) >= 0) {
    *out = json_object_get_uint64(v);
    rc = 0;
  }
  json_object_put(root);
  return rc;
}

static int accepts(const char *text, size_t len) {
  json_object *root = parse(text, len);
  json_object_put(root);
  return root != NULL;
}

extern const candidate_t candidate;
const candidate_t candidate = {"json-c 0.16",    account_info, program_accounts,
                               send_transaction, u64,          accepts};
