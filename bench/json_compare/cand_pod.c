/* podc's json module (src/json/json.c, compiled in): yajl 2.1's event parser building our own
 * document, with our checks (depth, UTF-8, surrogates, duplicate keys). */
#include "compare.h"
#include "pod_walk.h"

static int u64(const char *text, size_t len, uint64_t *out) {
  pod_json_doc *doc;
  if (pod_json_parse(&doc, text, len, NULL, NULL)) return -1;
  int rc = pod_json_get_u64(out, pod_json_at(pod_json_root(doc), 0)) ? -2 : 0;
  pod_json_free(doc);
  return rc;
}

static int accepts(const char *text, size_t len) {
  pod_json_doc *doc;
  int rc = pod_json_parse(&doc, text, len, NULL, NULL);
  pod_json_free(doc);
  return rc == 0;
}

extern const candidate_t candidate;
const candidate_t candidate = {"podc json (yajl events)",
                               pod_walk_account_info,
                               pod_walk_program_accounts,
                               pod_walk_send_transaction,
                               u64,
                               accepts};
