/* Fuzzes pod_txn_parse (and pod_cu16_decode) with arbitrary bytes.
 *
 * When a transaction parses: every offset and count lies inside the buffer and obeys the rules
 * the parser promises; re-serializing the parsed fields reproduces the input byte for byte (so
 * nothing was skipped, invented or accepted in a non-canonical form); the accessors agree with
 * the counts; pod_txn_verify does not crash (it returns POD_OK or POD_ECRYPTO); and pod_txn_sign
 * accepts the same message (failing only for the missing keypairs). */
#include "pod/txn.h"

#include <string.h>

#define FUZZ_CHECK(c)                                                                              \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Checks that [off, off + n) lies in [0, sz). */
static void in_buf(size_t off, size_t n, size_t sz) { FUZZ_CHECK(off <= sz && n <= sz - off); }

static uint8_t *put_cu16(uint8_t *p, size_t v) {
  FUZZ_CHECK(v <= 0xffff);
  return p + pod_cu16_encode(p, (uint16_t)v);
}

static uint8_t *put_copy(uint8_t *p, const uint8_t *src, size_t n) {
  memcpy(p, src, n);
  return p + n;
}

static void check_parsed(const pod_txn_t *t, const uint8_t *buf, size_t sz) {
  static uint8_t re[4 * POD_TXN_MTU];
  size_t total = pod_txn_acct_cnt(t), loaded = 0;

  FUZZ_CHECK(sz <= POD_TXN_MTU);
  FUZZ_CHECK(t->version == POD_TXN_VERSION_LEGACY || t->version == POD_TXN_VERSION_0);
  FUZZ_CHECK(t->sig_cnt >= 1 && t->sig_cnt == t->num_required_signatures);
  FUZZ_CHECK(t->num_readonly_signed < t->num_required_signatures);
  FUZZ_CHECK((size_t)t->num_required_signatures + t->num_readonly_unsigned <= t->acct_cnt);
  FUZZ_CHECK(total <= POD_TXN_ACCT_MAX && t->instr_cnt <= POD_TXN_INSTR_MAX);
  FUZZ_CHECK(t->alt_cnt <= POD_TXN_ALT_MAX);
  FUZZ_CHECK(t->version == POD_TXN_VERSION_0 || t->alt_cnt == 0);
  in_buf(t->sig_off, 64 * (size_t)t->sig_cnt, sz);
  FUZZ_CHECK(t->msg_off == t->sig_off + 64 * (size_t)t->sig_cnt);
  FUZZ_CHECK((size_t)t->msg_off + t->msg_sz == sz);
  in_buf(t->acct_off, 32 * (size_t)t->acct_cnt, sz);
  in_buf(t->blockhash_off, 32, sz);
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    FUZZ_CHECK(ix->program_idx >= 1 && ix->program_idx < t->acct_cnt);
    in_buf(ix->acct_off, ix->acct_cnt, sz);
    in_buf(ix->data_off, ix->data_sz, sz);
    for (size_t k = 0; k < ix->acct_cnt; k++)
      FUZZ_CHECK(buf[ix->acct_off + k] < total);
  }
  for (size_t i = 0; i < t->alt_cnt; i++) {
    const pod_txn_alt_t *a = &t->alt[i];
    in_buf(a->addr_off, 32, sz);
    in_buf(a->writable_off, a->writable_cnt, sz);
    in_buf(a->readonly_off, a->readonly_cnt, sz);
    FUZZ_CHECK(a->writable_cnt + a->readonly_cnt >= 1);
    loaded += (size_t)a->writable_cnt + a->readonly_cnt;
  }
  FUZZ_CHECK(loaded == (size_t)t->loaded_writable_cnt + t->loaded_readonly_cnt);

  /* Re-serialize from the parsed fields only (offsets used to fetch bytes, never as lengths). */
  uint8_t *p = put_cu16(re, t->sig_cnt);
  p = put_copy(p, buf + t->sig_off, 64 * (size_t)t->sig_cnt);
  if (t->version == POD_TXN_VERSION_0) *p++ = 0x80;
  *p++ = t->num_required_signatures;
  *p++ = t->num_readonly_signed;
  *p++ = t->num_readonly_unsigned;
  p = put_cu16(p, t->acct_cnt);
  p = put_copy(p, buf + t->acct_off, 32 * (size_t)t->acct_cnt);
  p = put_copy(p, buf + t->blockhash_off, 32);
  p = put_cu16(p, t->instr_cnt);
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    *p++ = ix->program_idx;
    p = put_cu16(p, ix->acct_cnt);
    p = put_copy(p, buf + ix->acct_off, ix->acct_cnt);
    p = put_cu16(p, ix->data_sz);
    p = put_copy(p, buf + ix->data_off, ix->data_sz);
  }
  if (t->version == POD_TXN_VERSION_0) {
    p = put_cu16(p, t->alt_cnt);
    for (size_t i = 0; i < t->alt_cnt; i++) {
      const pod_txn_alt_t *a = &t->alt[i];
      p = put_copy(p, buf + a->addr_off, 32);
      p = put_cu16(p, a->writable_cnt);
      p = put_copy(p, buf + a->writable_off, a->writable_cnt);
      p = put_cu16(p, a->readonly_cnt);
      p = put_copy(p, buf + a->readonly_off, a->readonly_cnt);
    }
  }
  FUZZ_CHECK((size_t)(p - re) == sz);
  FUZZ_CHECK(!memcmp(re, buf, sz));

  /* Accessors agree with the counts. */
  size_t nw = 0;
  for (size_t i = 0; i < POD_TXN_ACCT_MAX + 2; i++) {
    const pod_pubkey_t *table = NULL;
    uint8_t ti = 0;
    int signer = pod_txn_is_signer(t, i), writable = pod_txn_is_writable(t, i);
    FUZZ_CHECK(signer == (i < t->num_required_signatures));
    FUZZ_CHECK((pod_txn_key(t, buf, i) != NULL) == (i < t->acct_cnt));
    FUZZ_CHECK(i < total || !writable);
    nw += (size_t)writable;
    int rc = pod_txn_loaded_key(&table, &ti, t, buf, i);
    FUZZ_CHECK((rc == POD_OK) == (i >= t->acct_cnt && i < total));
    if (rc == POD_OK) in_buf((size_t)((const uint8_t *)table - buf), 32, sz);
  }
  FUZZ_CHECK(nw ==
             (size_t)(t->num_required_signatures - t->num_readonly_signed) +
                 (size_t)(t->acct_cnt - t->num_required_signatures - t->num_readonly_unsigned) +
                 t->loaded_writable_cnt);
  FUZZ_CHECK(pod_txn_signature(t, buf, t->sig_cnt - 1) != NULL);
  FUZZ_CHECK(pod_txn_signature(t, buf, t->sig_cnt) == NULL);

  int v = pod_txn_verify(t, buf);
  FUZZ_CHECK(v == POD_OK || v == POD_ECRYPTO);

  /* The signer accepts the message by the same rules; with no keypairs it can only miss one. */
  size_t out_len = 0;
  FUZZ_CHECK(pod_txn_sign(re, sizeof re, &out_len, buf + t->msg_off, t->msg_sz, NULL, 0) ==
             POD_EINVAL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  pod_txn_t t;
  const char *why = (const char *)1;
  uint16_t v;

  /* compact-u16: whatever decodes is the canonical encoding of its value */
  int n = pod_cu16_decode(&v, data, size);
  if (n > 0) {
    uint8_t enc[3];
    FUZZ_CHECK((size_t)n == pod_cu16_encode(enc, v) && !memcmp(enc, data, (size_t)n));
  } else {
    FUZZ_CHECK(n == POD_EDECODE && v == 0);
  }

  int rc = pod_txn_parse_detail(&t, &why, data, size);
  if (rc == POD_OK) {
    FUZZ_CHECK(why == NULL);
    check_parsed(&t, data, size);
  } else {
    FUZZ_CHECK(why != NULL && *why);
    FUZZ_CHECK(rc == (size > POD_TXN_MTU ? POD_ETOOLARGE : POD_EDECODE));
  }
  return 0;
}
