/* Solana transactions (PROTOCOL.md §6.1): compact-u16, the legacy message compiler, signing,
 * and a strict zero-copy parser for legacy and v0 wire transactions.
 *
 * One message parser serves both pod_txn_parse and pod_txn_sign, so a message this library signs
 * is always one it would accept. Every read of untrusted bytes is checked as `n <= sz - off`
 * with off <= sz held as an invariant; sizes never exceed POD_TXN_MTU, so every offset fits the
 * uint16_t fields of pod_txn_t. */
#include "pod/txn.h"

#include <string.h>

/* ---- compact-u16 ---- */

size_t pod_cu16_encode(uint8_t out[3], uint16_t v) {
  if (v < 0x80) {
    out[0] = (uint8_t)v;
    return 1;
  }
  out[0] = (uint8_t)(0x80 | (v & 0x7f));
  if (v < 0x4000) {
    out[1] = (uint8_t)(v >> 7);
    return 2;
  }
  out[1] = (uint8_t)(0x80 | ((v >> 7) & 0x7f));
  out[2] = (uint8_t)(v >> 14);
  return 3;
}

/* Encoded length of v (v <= 0xFFFF). */
static size_t cu16_len(size_t v) { return v < 0x80 ? 1 : v < 0x4000 ? 2 : 3; }

int pod_cu16_decode(uint16_t *v, const uint8_t *buf, size_t sz) {
  uint32_t x;
  int n;
  if (!buf || sz < 1) goto bad;
  x = buf[0] & 0x7fu;
  if (!(buf[0] & 0x80)) {
    n = 1;
  } else {
    if (sz < 2) goto bad;
    x |= (uint32_t)(buf[1] & 0x7f) << 7;
    if (!(buf[1] & 0x80)) {
      if (buf[1] == 0) goto bad; /* `80 00`: a zero last group is a non-minimal alias */
      n = 2;
    } else {
      if (sz < 3) goto bad;
      /* The third group carries bits 14..15 only: 0x01..0x03. Zero is non-minimal; anything
       * larger (or a continuation bit) overflows 16 bits. */
      if (buf[2] == 0 || buf[2] > 0x03) goto bad;
      x |= (uint32_t)buf[2] << 14;
      n = 3;
    }
  }
  if (v) *v = (uint16_t)x;
  return n;
bad:
  if (v) *v = 0;
  return POD_EDECODE;
}

/* ---- message parser (shared by pod_txn_parse and pod_txn_sign) ---- */

/* Parse cursor over buf[0..sz) with off <= sz. */
typedef struct {
  const uint8_t *buf;
  size_t sz;
  size_t off;
} cur_t;

/* Reads a compact-u16; 0 on failure. */
static int cur_cu16(cur_t *c, uint16_t *v) {
  int n = pod_cu16_decode(v, c->buf + c->off, c->sz - c->off);
  if (n < 0) return 0;
  c->off += (size_t)n;
  return 1;
}

/* Skips n bytes and stores their offset; 0 if fewer remain. */
static int cur_take(cur_t *c, size_t n, uint16_t *at) {
  if (n > c->sz - c->off) return 0;
  if (at) *at = (uint16_t)c->off;
  c->off += n;
  return 1;
}

/* 1 if the n 32-byte keys are pairwise distinct. A bottom-up merge sort of their indices, then a
 * look at neighbours: O(n log n) compares, so 64 keys sharing long prefixes (a hostile input)
 * cost ~400 memcmps instead of the 2016 of a pairwise check. */
static int keys_unique(const uint8_t *keys, size_t n) {
  uint8_t a[POD_TXN_ACCT_MAX], b[POD_TXN_ACCT_MAX], *src = a, *dst = b, *tmp;
  for (size_t i = 0; i < n; i++)
    a[i] = (uint8_t)i;
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        int c = memcmp(keys + 32 * src[i], keys + 32 * src[j], 32);
        if (c == 0) return 0;
        dst[k++] = c < 0 ? src[i++] : src[j++];
      }
      while (i < mid)
        dst[k++] = src[i++];
      while (j < hi)
        dst[k++] = src[j++];
    }
    tmp = src, src = dst, dst = tmp;
  }
  for (size_t i = 1; i < n; i++)
    if (!memcmp(keys + 32 * src[i - 1], keys + 32 * src[i], 32)) return 0;
  return 1;
}

#define FAIL(msg)                                                                                  \
  do {                                                                                             \
    *why = (msg);                                                                                  \
    return POD_EDECODE;                                                                            \
  } while (0)

/* Parses the message buf[off..sz) (sz <= POD_TXN_MTU) into t: every field of pod_txn_t except
 * sig_cnt and sig_off. On failure *why is a static reason. */
static int parse_msg(pod_txn_t *t, const char **why, const uint8_t *buf, size_t sz, size_t off) {
  cur_t c = {buf, sz, off};
  uint16_t n, ix_n, alt_n;
  t->msg_off = (uint16_t)off;
  t->msg_sz = (uint16_t)(sz - off);

  /* A first byte with the top bit set is a version prefix; only version 0 exists. A legacy
   * message starts with num_required_signatures, which can never reach 128 within 1232 bytes. */
  if (c.off == c.sz) FAIL("message missing");
  if (c.buf[c.off] & 0x80) {
    if (c.buf[c.off] != 0x80) FAIL("unsupported message version (only legacy and v0 exist)");
    t->version = POD_TXN_VERSION_0;
    c.off++;
  } else {
    t->version = POD_TXN_VERSION_LEGACY;
  }

  if (3 > c.sz - c.off) FAIL("message header truncated");
  t->num_required_signatures = c.buf[c.off];
  t->num_readonly_signed = c.buf[c.off + 1];
  t->num_readonly_unsigned = c.buf[c.off + 2];
  c.off += 3;
  if (t->num_required_signatures == 0) FAIL("no required signature (the fee payer must sign)");
  if (t->num_readonly_signed >= t->num_required_signatures)
    FAIL("fee payer is read-only (num_readonly_signed must be below num_required_signatures)");

  if (!cur_cu16(&c, &n)) FAIL("account key count truncated or not minimal compact-u16");
  if (n > POD_TXN_ACCT_MAX) FAIL("more than 64 account keys");
  if (!cur_take(&c, 32 * (size_t)n, &t->acct_off)) FAIL("account keys truncated");
  t->acct_cnt = (uint8_t)n;
  if ((size_t)t->num_required_signatures + t->num_readonly_unsigned > n)
    FAIL("header counts exceed the number of account keys");
  if (!keys_unique(c.buf + t->acct_off, n)) FAIL("duplicate account key");

  if (!cur_take(&c, 32, &t->blockhash_off)) FAIL("recent blockhash truncated");

  if (!cur_cu16(&c, &ix_n)) FAIL("instruction count truncated or not minimal compact-u16");
  if (ix_n > POD_TXN_INSTR_MAX) FAIL("more than 64 instructions");
  t->instr_cnt = ix_n;
  for (size_t i = 0; i < ix_n; i++) {
    pod_txn_instr_t *ix = &t->instr[i];
    uint16_t pidx_off;
    if (!cur_take(&c, 1, &pidx_off)) FAIL("instruction truncated");
    ix->program_idx = c.buf[pidx_off];
    if (!cur_cu16(&c, &ix->acct_cnt))
      FAIL("instruction account count truncated or not minimal compact-u16");
    if (!cur_take(&c, ix->acct_cnt, &ix->acct_off)) FAIL("instruction account indices truncated");
    if (!cur_cu16(&c, &ix->data_sz))
      FAIL("instruction data size truncated or not minimal compact-u16");
    if (!cur_take(&c, ix->data_sz, &ix->data_off)) FAIL("instruction data truncated");
  }

  t->alt_cnt = 0;
  t->loaded_writable_cnt = 0;
  t->loaded_readonly_cnt = 0;
  if (t->version == POD_TXN_VERSION_0) {
    if (!cur_cu16(&c, &alt_n)) FAIL("lookup table count truncated or not minimal compact-u16");
    if (alt_n > POD_TXN_ALT_MAX) FAIL("more than 32 address lookup tables");
    t->alt_cnt = (uint8_t)alt_n;
    for (size_t i = 0; i < alt_n; i++) {
      pod_txn_alt_t *alt = &t->alt[i];
      uint16_t w, r;
      if (!cur_take(&c, 32, &alt->addr_off)) FAIL("lookup table address truncated");
      if (!cur_cu16(&c, &w)) FAIL("lookup table writable count truncated or not minimal");
      if (!cur_take(&c, w, &alt->writable_off)) FAIL("lookup table writable indexes truncated");
      if (!cur_cu16(&c, &r)) FAIL("lookup table read-only count truncated or not minimal");
      if (!cur_take(&c, r, &alt->readonly_off)) FAIL("lookup table read-only indexes truncated");
      if ((size_t)w + r == 0) FAIL("empty address lookup table");
      /* Checked per table so every count below fits its field. */
      if ((size_t)n + t->loaded_writable_cnt + t->loaded_readonly_cnt + w + r > POD_TXN_ACCT_MAX)
        FAIL("more than 64 account keys (static plus loaded)");
      alt->writable_cnt = (uint8_t)w;
      alt->readonly_cnt = (uint8_t)r;
      t->loaded_writable_cnt = (uint16_t)(t->loaded_writable_cnt + w);
      t->loaded_readonly_cnt = (uint16_t)(t->loaded_readonly_cnt + r);
    }
  }
  if (c.off != c.sz) FAIL("trailing bytes after the message");

  /* Indices last: account indices may name loaded addresses, known only now. */
  size_t total = (size_t)n + t->loaded_writable_cnt + t->loaded_readonly_cnt;
  for (size_t i = 0; i < ix_n; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    if (ix->program_idx == 0) FAIL("instruction program is the fee payer");
    if (ix->program_idx >= n) {
      if (ix->program_idx < total) FAIL("instruction program is a lookup-table address");
      FAIL("instruction program index out of range");
    }
    for (size_t k = 0; k < ix->acct_cnt; k++)
      if (c.buf[ix->acct_off + k] >= total) FAIL("instruction account index out of range");
  }
  return POD_OK;
}

/* ---- parsing ---- */

int pod_txn_parse_detail(pod_txn_t *out, const char **why, const uint8_t *buf, size_t sz) {
  const char *reason = NULL;
  int rc = POD_EDECODE;
  uint16_t sigs;
  int n;
  if (!out || (!buf && sz)) {
    reason = "NULL argument";
    rc = POD_EINVAL;
    goto done;
  }
  if (sz > POD_TXN_MTU) {
    reason = "transaction larger than 1232 bytes";
    rc = POD_ETOOLARGE;
    goto done;
  }
  n = pod_cu16_decode(&sigs, buf, sz);
  if (n < 0) {
    reason = "signature count truncated or not minimal compact-u16";
    goto done;
  }
  if (sigs == 0) {
    reason = "no signatures";
    goto done;
  }
  if (64 * (size_t)sigs > sz - (size_t)n) {
    reason = "signatures truncated";
    goto done;
  }
  out->sig_cnt = (uint8_t)sigs; /* <= 19: 64 * sigs fits in 1232 bytes */
  out->sig_off = (uint16_t)n;
  rc = parse_msg(out, &reason, buf, sz, (size_t)n + 64 * (size_t)sigs);
  if (rc == POD_OK && out->num_required_signatures != sigs) {
    reason = "signature count differs from the header's num_required_signatures";
    rc = POD_EDECODE;
  }
done:
  if (why) *why = rc == POD_OK ? NULL : reason;
  return rc;
}

int pod_txn_parse(pod_txn_t *out, const uint8_t *buf, size_t sz) {
  return pod_txn_parse_detail(out, NULL, buf, sz);
}

int pod_txn_verify(const pod_txn_t *t, const uint8_t *buf) {
  if (!t || !buf) return POD_EINVAL;
  for (size_t i = 0; i < t->sig_cnt; i++) {
    /* Both types are plain byte arrays (alignment 1), so pointing them into buf is sound. */
    const pod_signature_t *sig = (const pod_signature_t *)(buf + t->sig_off + 64 * i);
    const pod_pubkey_t *pk = (const pod_pubkey_t *)(buf + t->acct_off + 32 * i);
    if (pod_verify(sig, pk, buf + t->msg_off, t->msg_sz) != POD_OK) return POD_ECRYPTO;
  }
  return POD_OK;
}

size_t pod_txn_acct_cnt(const pod_txn_t *t) {
  return (size_t)t->acct_cnt + t->loaded_writable_cnt + t->loaded_readonly_cnt;
}

int pod_txn_is_signer(const pod_txn_t *t, size_t idx) { return idx < t->num_required_signatures; }

int pod_txn_is_writable(const pod_txn_t *t, size_t idx) {
  if (idx < t->num_required_signatures)
    return idx < (size_t)(t->num_required_signatures - t->num_readonly_signed);
  if (idx < t->acct_cnt) return idx < (size_t)(t->acct_cnt - t->num_readonly_unsigned);
  /* Loaded addresses: every table's writable ones, then every table's read-only ones. */
  return idx - t->acct_cnt < t->loaded_writable_cnt;
}

const pod_pubkey_t *pod_txn_key(const pod_txn_t *t, const uint8_t *buf, size_t idx) {
  if (idx >= t->acct_cnt) return NULL;
  return (const pod_pubkey_t *)(buf + t->acct_off + 32 * idx);
}

const pod_signature_t *pod_txn_signature(const pod_txn_t *t, const uint8_t *buf, size_t i) {
  if (i >= t->sig_cnt) return NULL;
  return (const pod_signature_t *)(buf + t->sig_off + 64 * i);
}

int pod_txn_loaded_key(const pod_pubkey_t **table, uint8_t *table_idx, const pod_txn_t *t,
                       const uint8_t *buf, size_t idx) {
  size_t j;
  int writable;
  if (idx < t->acct_cnt || idx >= pod_txn_acct_cnt(t)) return POD_ENOTFOUND;
  j = idx - t->acct_cnt;
  writable = j < t->loaded_writable_cnt;
  if (!writable) j -= t->loaded_writable_cnt;
  for (size_t i = 0; i < t->alt_cnt; i++) {
    const pod_txn_alt_t *a = &t->alt[i];
    size_t cnt = writable ? a->writable_cnt : a->readonly_cnt;
    if (j < cnt) {
      if (table) *table = (const pod_pubkey_t *)(buf + a->addr_off);
      if (table_idx) *table_idx = buf[(writable ? a->writable_off : a->readonly_off) + j];
      return POD_OK;
    }
    j -= cnt;
  }
  return POD_ENOTFOUND; /* unreachable for a parsed transaction */
}

/* ---- compiling a legacy message ---- */

typedef struct {
  const pod_pubkey_t *key;
  uint8_t signer, writable;
} ckey_t;

/* Slot of pk among the first n collected keys, or n. */
static size_t ckey_find(const ckey_t *k, size_t n, const pod_pubkey_t *pk) {
  size_t i = 0;
  while (i < n && memcmp(k[i].key->b, pk->b, 32))
    i++;
  return i;
}

/* Adds pk or merges its flags (OR) into the existing entry. */
static int ckey_add(ckey_t *k, size_t *n, const pod_pubkey_t *pk, int signer, int writable) {
  size_t i = ckey_find(k, *n, pk);
  if (i == *n) {
    if (*n == POD_TXN_ACCT_MAX) return POD_ELIMIT;
    k[i].key = pk;
    k[i].signer = k[i].writable = 0;
    (*n)++;
  }
  k[i].signer |= (uint8_t)(signer != 0);
  k[i].writable |= (uint8_t)(writable != 0);
  return POD_OK;
}

int pod_message_compile(uint8_t *out, size_t out_sz, size_t *out_len, const pod_pubkey_t *fee_payer,
                        const pod_instruction_t *ixs, size_t ix_cnt,
                        const uint8_t recent_blockhash[32]) {
  ckey_t k[POD_TXN_ACCT_MAX];
  uint8_t pos[POD_TXN_ACCT_MAX]; /* slot -> index in the message */
  uint8_t ord[POD_TXN_ACCT_MAX]; /* index in the message -> slot */
  size_t n = 0, m = 0, nsig = 0, ro_signed = 0, ro_unsigned = 0, msg_sz, tx_sz;
  int too_large = 0, rc;

  if (!fee_payer || !recent_blockhash || (!ixs && ix_cnt) || (!out && out_sz)) return POD_EINVAL;
  if (ix_cnt > POD_TXN_INSTR_MAX) return POD_ELIMIT;

  /* Collect keys in first-appearance order: the fee payer, then for each instruction its account
   * metas in order followed by its program id. */
  ckey_add(k, &n, fee_payer, 1, 1);
  for (size_t i = 0; i < ix_cnt; i++) {
    const pod_instruction_t *ix = &ixs[i];
    if ((!ix->accounts && ix->account_cnt) || (!ix->data && ix->data_sz)) return POD_EINVAL;
    /* The runtime refuses a fee payer that is also a program (parse_msg does too). */
    if (!memcmp(ix->program_id.b, fee_payer->b, 32)) return POD_EINVAL;
    for (size_t a = 0; a < ix->account_cnt; a++) {
      const pod_account_meta_t *am = &ix->accounts[a];
      if ((rc = ckey_add(k, &n, &am->pubkey, am->is_signer, am->is_writable)) != POD_OK) return rc;
    }
    if ((rc = ckey_add(k, &n, &ix->program_id, 0, 0)) != POD_OK) return rc;
    /* Each index is one byte on the wire, so these alone exceed the MTU; flagged here, reported
     * after the checks above so POD_ETOOLARGE means "valid but too big". */
    if (ix->account_cnt > POD_TXN_MTU || ix->data_sz > POD_TXN_MTU) too_large = 1;
  }

  /* Stable partition into the four groups the header describes. Slot 0 (the fee payer) is a
   * writable signer, so it comes first. */
  for (int g = 0; g < 4; g++) {
    uint8_t want_signer = g < 2, want_writable = g == 0 || g == 2;
    for (size_t s = 0; s < n; s++) {
      if (k[s].signer != want_signer || k[s].writable != want_writable) continue;
      pos[s] = (uint8_t)m;
      ord[m++] = (uint8_t)s;
    }
  }
  for (size_t s = 0; s < n; s++) {
    nsig += k[s].signer;
    ro_signed += k[s].signer && !k[s].writable;
    ro_unsigned += !k[s].signer && !k[s].writable;
  }

  msg_sz = 3 + cu16_len(n) + 32 * n + 32 + cu16_len(ix_cnt);
  if (!too_large)
    for (size_t i = 0; i < ix_cnt; i++)
      msg_sz += 1 + cu16_len(ixs[i].account_cnt) + ixs[i].account_cnt + cu16_len(ixs[i].data_sz) +
                ixs[i].data_sz;
  tx_sz = cu16_len(nsig) + 64 * nsig + msg_sz;
  if (too_large || tx_sz > POD_TXN_MTU) return POD_ETOOLARGE;
  if (msg_sz > out_sz) return POD_ENOSPC;

  uint8_t *p = out;
  *p++ = (uint8_t)nsig;
  *p++ = (uint8_t)ro_signed;
  *p++ = (uint8_t)ro_unsigned;
  p += pod_cu16_encode(p, (uint16_t)n);
  for (size_t i = 0; i < n; i++, p += 32)
    memcpy(p, k[ord[i]].key->b, 32);
  memcpy(p, recent_blockhash, 32);
  p += 32;
  p += pod_cu16_encode(p, (uint16_t)ix_cnt);
  for (size_t i = 0; i < ix_cnt; i++) {
    const pod_instruction_t *ix = &ixs[i];
    *p++ = pos[ckey_find(k, n, &ix->program_id)];
    p += pod_cu16_encode(p, (uint16_t)ix->account_cnt);
    for (size_t a = 0; a < ix->account_cnt; a++)
      *p++ = pos[ckey_find(k, n, &ix->accounts[a].pubkey)];
    p += pod_cu16_encode(p, (uint16_t)ix->data_sz);
    if (ix->data_sz) memcpy(p, ix->data, ix->data_sz);
    p += ix->data_sz;
  }
  if (out_len) *out_len = msg_sz;
  return POD_OK;
}

/* ---- signing ---- */

int pod_txn_sign(uint8_t *out, size_t out_sz, size_t *out_len, const uint8_t *msg, size_t msg_sz,
                 const pod_keypair_t *const *signers, size_t signer_cnt) {
  pod_txn_t t;
  const char *why;
  const pod_keypair_t *kp[POD_TXN_SIG_MAX];
  size_t nsig, hdr, tx_sz;
  int rc;

  if (!msg || (!out && out_sz) || (!signers && signer_cnt)) return POD_EINVAL;
  if (msg_sz > POD_TXN_MTU) return POD_ETOOLARGE;
  if ((rc = parse_msg(&t, &why, msg, msg_sz, 0)) != POD_OK) return rc;
  nsig = t.num_required_signatures;
  hdr = cu16_len(nsig);
  tx_sz = hdr + 64 * nsig + msg_sz;
  /* A signer's key (32) and signature (64) take 96 bytes, hence at most POD_TXN_SIG_MAX. */
  if (tx_sz > POD_TXN_MTU || nsig > POD_TXN_SIG_MAX) return POD_ETOOLARGE;

  /* Match before writing anything: msg may overlap out. */
  for (size_t i = 0; i < nsig; i++) {
    const uint8_t *want = msg + t.acct_off + 32 * i;
    kp[i] = NULL;
    for (size_t j = 0; j < signer_cnt && !kp[i]; j++) {
      pod_pubkey_t pk;
      if (!signers[j]) continue;
      pod_keypair_pubkey(&pk, signers[j]);
      if (!memcmp(pk.b, want, 32)) kp[i] = signers[j];
    }
    if (!kp[i]) return POD_EINVAL; /* a required signer has no keypair */
  }
  if (tx_sz > out_sz) return POD_ENOSPC;

  uint8_t *m = out + hdr + 64 * nsig;
  memmove(m, msg, msg_sz);
  pod_cu16_encode(out, (uint16_t)nsig);
  for (size_t i = 0; i < nsig; i++) {
    pod_signature_t sig;
    if ((rc = pod_sign(&sig, kp[i], m, msg_sz)) != POD_OK) return rc;
    memcpy(out + hdr + 64 * i, sig.b, 64);
  }
  if (out_len) *out_len = tx_sz;
  return POD_OK;
}

int pod_txn_build(uint8_t *out, size_t out_sz, size_t *out_len, const pod_instruction_t *ixs,
                  size_t ix_cnt, const uint8_t recent_blockhash[32],
                  const pod_keypair_t *const *signers, size_t signer_cnt) {
  uint8_t msg[POD_TXN_MTU];
  size_t msg_sz;
  pod_pubkey_t payer;
  int rc;
  if (!signers || !signer_cnt || !signers[0]) return POD_EINVAL;
  pod_keypair_pubkey(&payer, signers[0]);
  rc = pod_message_compile(msg, sizeof msg, &msg_sz, &payer, ixs, ix_cnt, recent_blockhash);
  if (rc != POD_OK) return rc;
  return pod_txn_sign(out, out_sz, out_len, msg, msg_sz, signers, signer_cnt);
}
