/* Every validator over arbitrary bytes: no crash, no out-of-bounds read (ASan), deterministic
 * results, and the invariants that tie the pieces to the per-instruction functions. */
#include <stdlib.h>
#include <string.h>

#include "pod/borsh.h"
#include "pod/errors.h"
#include "pod/validate.h"

static uint64_t rd64(const uint8_t *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && i < n; i++)
    v |= (uint64_t)p[i] << (8 * i);
  return v;
}

#define MUST(c)                                                                                    \
  do {                                                                                             \
    if (!(c)) abort();                                                                             \
  } while (0)

static uint32_t run_all(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  /* the first bytes choose a split point and numbers; the whole input is also used as text */
  size_t cut = size ? data[0] % (size + 1) : 0;
  const char *a = s, *b = s + cut;
  size_t alen = cut, blen = size - cut;
  uint64_t n1 = rd64(data, size), n2 = size > 8 ? rd64(data + 8, size - 8) : 0;
  uint32_t acc = 0;

  acc = acc * 31 + (uint32_t)pod_utf8_valid(s, size);
  pod_str_view_t v = pod_trim(s, size);
  MUST(v.ptr >= s && v.len <= size && (size_t)(v.ptr - s) <= size - v.len);
  acc = acc * 31 + (uint32_t)v.len + (uint32_t)pod_is_blank(s, size);
  acc = acc * 31 + pod_rule_metadata_uri(s, size);
  acc = acc * 31 + pod_rule_message_content(s, size);
  acc = acc * 31 + (uint32_t)pod_rule_excessive_repetition(s, size);
  acc = acc * 31 + pod_rule_ipfs_hash(s, size);
  acc = acc * 31 + pod_rule_sync_timestamp((int64_t)n1, (int64_t)n2);

  uint32_t r = pod_validate_register_agent(n1, s, size);
  MUST(r == 0 || r == 102 || r == 6000 || r == 6001);
  if (r == 0) MUST(pod_rule_metadata_uri(s, size) == 0 && size >= 10 && size <= 200);
  acc = acc * 31 + r;
  r = pod_validate_update_agent(s, size);
  MUST(r == 0 || r == 102 || r == 6000);
  acc = acc * 31 + r;

  r = pod_validate_broadcast_message(s, size);
  MUST(r == 0 || r == 102 || r == 6012);
  if (r == 0) MUST(size <= 1000 && !pod_is_blank(s, size) && pod_utf8_valid(s, size));
  acc = acc * 31 + r;
  r = pod_validate_broadcast_compressed(a, alen, b, blen);
  MUST(r == 0 || r == 102 || r == 6012 || r == 6000 || r == 6015);
  acc = acc * 31 + r;

  uint8_t vis = size > 1 ? data[1] % 3 : 0;
  uint32_t maxp = (uint32_t)n2;
  r = pod_validate_create_channel(a, alen, b, blen, vis, maxp, n1);
  MUST(r == 0 || r == 102 || r == POD_RULE_SEED_TOO_LONG || r == 6008 || r == 6009 || r == 6004 ||
       r == 6007);
  acc = acc * 31 + r;
  r = pod_validate_create_channel_v2(a, alen, b, blen, vis, maxp, n1);
  MUST(r == 0 || r == 102 || r == POD_RULE_SEED_TOO_LONG || r == 6009 || r == 6004);
  acc = acc * 31 + r;
  r = pod_validate_update_channel(a, alen, b, blen, &maxp, (uint32_t)n1);
  MUST(r == 0 || r == 102 || r == 6008 || r == 6009 || r == 6004);
  acc = acc * 31 + r;
  acc = acc * 31 + pod_rule_channel_fits(alen, blen);
  acc = acc * 31 + pod_validate_deposit_escrow(n1);
  acc = acc * 31 + pod_validate_withdraw_escrow(n1, n2);
  acc = acc * 31 + pod_validate_send_message(size > 2 ? data[2] : 0, size > 3 ? data[3] : 0);

  if (size >= 96) {
    pod_pubkey_t k[3];
    memcpy(k, data, sizeof k);
    r = pod_validate_update_message_status(data[0] % 5, (int64_t)n1, (int64_t)n2, &k[0], &k[1],
                                           &k[2], &k[0]);
    acc = acc * 31 + r;
    size_t bad = 0;
    r = pod_validate_batch_sync(data, size / 32, (int64_t)n1, (int64_t)n2, &k[1], &k[2], &bad);
    if (r == 6017) MUST(bad < size / 32);
    acc = acc * 31 + r;
  }

  pod_rate_state_t st = {(int64_t)n1, n2};
  r = pod_rule_rate_limit(&st, size > 16 ? (int64_t)rd64(data + 16, size - 16) : 0, data ? 1 : 0);
  MUST(r == 0 || r == 6011 || r == POD_RULE_PANIC);
  if (r == 0) MUST(st.messages_sent >= 1 && st.messages_sent <= 60);
  acc = acc * 31 + r;
  return acc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* a private copy, so reads past the end are caught */
  uint8_t *copy = malloc(size ? size : 1);
  if (!copy) return 0;
  if (size) memcpy(copy, data, size);
  uint32_t r1 = run_all(copy, size);
  uint32_t r2 = run_all(copy, size);
  MUST(r1 == r2);
  free(copy);
  return 0;
}
