/* Borsh writer and reader over caller buffers (PROTOCOL.md §2.1), and a strict UTF-8 check.
 *
 * Invariant of both cursors: off <= sz. Every bounds check is written `n <= sz - off`, which
 * cannot overflow given the invariant (the `off + n <= sz` form can, for a huge n from input). */
#include "pod/borsh.h"

#include <string.h>

/* ---- writer ---- */

void pod_borsh_writer_init(pod_borsh_writer_t *w, void *buf, size_t sz) {
  w->buf = buf;
  w->sz = buf ? sz : 0; /* a NULL buffer holds nothing: the first put fails with POD_ENOSPC */
  w->off = 0;
  w->err = POD_OK;
}

/* Reserves n bytes and returns where to write them, or NULL (error now sticky). */
static uint8_t *wr_take(pod_borsh_writer_t *w, size_t n) {
  if (w->err) return NULL;
  if (n > w->sz - w->off) {
    w->err = POD_ENOSPC;
    return NULL;
  }
  uint8_t *p = w->buf + w->off;
  w->off += n;
  return p;
}

/* Little-endian store of the low n bytes of v, independent of host byte order. */
static void wr_le(pod_borsh_writer_t *w, uint64_t v, size_t n) {
  uint8_t *p = wr_take(w, n);
  if (!p) return;
  for (size_t i = 0; i < n; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

void pod_borsh_put_u8(pod_borsh_writer_t *w, uint8_t v) { wr_le(w, v, 1); }
void pod_borsh_put_bool(pod_borsh_writer_t *w, int v) { wr_le(w, v ? 1 : 0, 1); }
void pod_borsh_put_u16(pod_borsh_writer_t *w, uint16_t v) { wr_le(w, v, 2); }
void pod_borsh_put_u32(pod_borsh_writer_t *w, uint32_t v) { wr_le(w, v, 4); }
void pod_borsh_put_u64(pod_borsh_writer_t *w, uint64_t v) { wr_le(w, v, 8); }
/* Conversion to uint64_t is defined (modulo 2^64), so this is two's complement on every host. */
void pod_borsh_put_i64(pod_borsh_writer_t *w, int64_t v) { wr_le(w, (uint64_t)v, 8); }

void pod_borsh_put_bytes(pod_borsh_writer_t *w, const void *p, size_t n) {
  if (n && !p) {
    if (!w->err) w->err = POD_EINVAL;
    return;
  }
  uint8_t *d = wr_take(w, n);
  if (d && n) memcpy(d, p, n);
}

void pod_borsh_put_pubkey(pod_borsh_writer_t *w, const pod_pubkey_t *pk) {
  if (!pk) {
    if (!w->err) w->err = POD_EINVAL;
    return;
  }
  pod_borsh_put_bytes(w, pk->b, sizeof pk->b);
}

void pod_borsh_put_string(pod_borsh_writer_t *w, const char *s, size_t len) {
  if (len > UINT32_MAX) { /* not representable by the u32 prefix */
    if (!w->err) w->err = POD_ETOOLARGE;
    return;
  }
  pod_borsh_put_u32(w, (uint32_t)len);
  pod_borsh_put_bytes(w, s, len);
}

void pod_borsh_put_option(pod_borsh_writer_t *w, int is_some) { wr_le(w, is_some ? 1 : 0, 1); }

int pod_borsh_writer_finish(const pod_borsh_writer_t *w, size_t *len) {
  if (w->err) return w->err;
  if (len) *len = w->off;
  return POD_OK;
}

/* ---- reader ---- */

void pod_borsh_reader_init(pod_borsh_reader_t *r, const void *buf, size_t sz) {
  r->buf = buf;
  r->sz = buf ? sz : 0;
  r->off = 0;
  r->err = POD_OK;
}

/* Consumes n bytes and returns them, or NULL (error now sticky, cursor unchanged). */
static const uint8_t *rd_take(pod_borsh_reader_t *r, size_t n) {
  if (r->err) return NULL;
  if (n > r->sz - r->off) {
    r->err = POD_EDECODE;
    return NULL;
  }
  const uint8_t *p = r->buf + r->off;
  r->off += n;
  return p;
}

/* Little-endian load of n bytes into *v; 0 on failure. */
static int rd_le(pod_borsh_reader_t *r, uint64_t *v, size_t n) {
  const uint8_t *p = rd_take(r, n);
  uint64_t x = 0;
  if (!p) {
    *v = 0;
    return 0;
  }
  for (size_t i = 0; i < n; i++)
    x |= (uint64_t)p[i] << (8 * i);
  *v = x;
  return 1;
}

int pod_borsh_get_u8(pod_borsh_reader_t *r, uint8_t *out) {
  uint64_t v;
  rd_le(r, &v, 1);
  if (out) *out = (uint8_t)v;
  return r->err;
}

int pod_borsh_get_bool(pod_borsh_reader_t *r, uint8_t *out) {
  uint64_t v;
  if (rd_le(r, &v, 1) && v > 1) {
    r->err = POD_EDECODE; /* Borsh 0.10 rejects any byte other than 0 and 1 */
    r->off--;             /* keep the cursor at the offending byte */
    v = 0;
  }
  if (out) *out = (uint8_t)v;
  return r->err;
}

int pod_borsh_get_u16(pod_borsh_reader_t *r, uint16_t *out) {
  uint64_t v;
  rd_le(r, &v, 2);
  if (out) *out = (uint16_t)v;
  return r->err;
}

int pod_borsh_get_u32(pod_borsh_reader_t *r, uint32_t *out) {
  uint64_t v;
  rd_le(r, &v, 4);
  if (out) *out = (uint32_t)v;
  return r->err;
}

int pod_borsh_get_u64(pod_borsh_reader_t *r, uint64_t *out) {
  uint64_t v;
  rd_le(r, &v, 8);
  if (out) *out = v;
  return r->err;
}

int pod_borsh_get_i64(pod_borsh_reader_t *r, int64_t *out) {
  uint64_t v;
  rd_le(r, &v, 8);
  /* uint64 -> int64 of a value above INT64_MAX is implementation-defined; memcpy is exact. */
  if (out) memcpy(out, &v, sizeof v);
  return r->err;
}

int pod_borsh_get_bytes(pod_borsh_reader_t *r, void *out, size_t n) {
  const uint8_t *p = rd_take(r, n);
  if (out && n) {
    if (p)
      memcpy(out, p, n);
    else
      memset(out, 0, n);
  }
  return r->err;
}

int pod_borsh_get_pubkey(pod_borsh_reader_t *r, pod_pubkey_t *out) {
  return pod_borsh_get_bytes(r, out ? out->b : NULL, sizeof out->b);
}

int pod_borsh_get_string(pod_borsh_reader_t *r, const char **s, uint32_t *len, uint32_t max_len) {
  size_t start = r->off;
  uint64_t n = 0;
  const uint8_t *p = NULL;
  if (rd_le(r, &n, 4)) {
    if (n > max_len)
      r->err = POD_EDECODE;
    else if ((p = rd_take(r, (size_t)n)) && !pod_utf8_valid((const char *)p, (size_t)n))
      r->err = POD_EDECODE;
  }
  if (r->err) {
    /* A failed getter consumes nothing it did not need to see; the cursor stays at the string. */
    if (r->off > start) r->off = start;
    if (s) *s = NULL;
    if (len) *len = 0;
    return r->err;
  }
  if (s) *s = (const char *)p;
  if (len) *len = (uint32_t)n;
  return POD_OK;
}

int pod_borsh_get_option(pod_borsh_reader_t *r, int *is_some) {
  uint64_t v;
  if (rd_le(r, &v, 1) && v > 1) {
    r->err = POD_EDECODE;
    r->off--;
    v = 0;
  }
  if (is_some) *is_some = (int)v;
  return r->err;
}

int pod_borsh_get_vec_len(pod_borsh_reader_t *r, uint32_t *cnt, uint32_t max_cnt) {
  uint64_t v;
  if (rd_le(r, &v, 4) && v > max_cnt) {
    r->err = POD_EDECODE;
    r->off -= 4;
    v = 0;
  }
  if (cnt) *cnt = (uint32_t)v;
  return r->err;
}

int pod_borsh_reader_finish_exact(const pod_borsh_reader_t *r) {
  if (r->err) return r->err;
  return r->off == r->sz ? POD_OK : POD_EDECODE;
}
