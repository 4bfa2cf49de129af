/* yajl 2.1's own tree API (yajl_tree_parse): the library as packaged, before our wrapper. It
 * needs NUL-terminated text (the samples are) and keeps each number's text, read exactly here. */
#include "compare.h"

#include <string.h>
#include <yajl/yajl_tree.h>

static yajl_val parse(const char *text) {
  char err[128];
  return yajl_tree_parse(text, err, sizeof err);
}

static yajl_val get(yajl_val o, const char *k) {
  if (!YAJL_IS_OBJECT(o)) return NULL;
  for (size_t i = 0; i < o->u.object.len; i++)
    if (strcmp(o->u.object.keys[i], k) == 0) return o->u.object.values[i];
  return NULL;
}

static yajl_val at(yajl_val a, size_t i) {
  return YAJL_IS_ARRAY(a) && i < a->u.array.len ? a->u.array.values[i] : NULL;
}

static uint64_t slen(yajl_val v) { return YAJL_IS_STRING(v) ? strlen(v->u.string) : 0; }

static uint64_t u(yajl_val v) {
  uint64_t x = 0;
  if (YAJL_IS_NUMBER(v)) compare_text_u64(YAJL_GET_NUMBER(v), strlen(YAJL_GET_NUMBER(v)), &x);
  return x;
}

static uint64_t account(yajl_val a) {
  return slen(at(get(a, "data"), 0)) + (uint64_t)YAJL_IS_TRUE(get(a, "executable")) +
         u(get(a, "lamports")) + slen(get(a, "owner")) + u(get(a, "rentEpoch")) +
         u(get(a, "space"));
}

static uint64_t account_info(const char *text, size_t len) {
  (void)len;
  yajl_val root = parse(text);
  if (!root) return 0;
  yajl_val res = get(root, "result");
  uint64_t sum = u(get(get(res, "context"), "slot")) + account(get(res, "value"));
  yajl_tree_free(root);
  return sum;
}

static uint64_t program_accounts(const char *text, size_t len) {
  (void)len;
  yajl_val root = parse(text);
  if (!root) return 0;
  yajl_val res = get(root, "result");
  uint64_t sum = 0;
  for (size_t i = 0; YAJL_IS_ARRAY(res) && i < res->u.array.len; i++) {
    yajl_val e = res->u.array.values[i];
    sum += account(get(e, "account")) + slen(get(e, "pubkey"));
  }
  yajl_tree_free(root);
  return sum;
}

static uint64_t send_transaction(const char *text, size_t len) {
  (void)len;
  yajl_val root = parse(text);
  if (!root) return 0;
  yajl_val params = get(root, "params"), cfg = at(params, 1);
  uint64_t sum = slen(get(root, "method")) + slen(at(params, 0)) + slen(get(cfg, "encoding")) +
                 (uint64_t)YAJL_IS_TRUE(get(cfg, "skipPreflight")) +
                 slen(get(cfg, "preflightCommitment")) + u(get(cfg, "maxRetries"));
  yajl_tree_free(root);
  return sum;
}

static int u64(const char *text, size_t len, uint64_t *out) {
  (void)len;
  yajl_val root = parse(text);
  if (!root) return -1;
  yajl_val v = at(root, 0);
  int rc = YAJL_IS_NUMBER(v) &&
                   compare_text_u64(YAJL_GET_NUMBER(v), strlen(YAJL_GET_NUMBER(v)), out) == 0
               ? 0
               : -2;
  yajl_tree_free(root);
  return rc;
}

static int accepts(const char *text, size_t len) {
  (void)len;
  yajl_val root = parse(text);
  yajl_tree_free(root);
  return root != NULL;
}

extern const candidate_t candidate;
const candidate_t candidate = {"yajl 2.1 tree API", account_info, program_accounts,
                               send_transaction,    u64,          accepts};
