/* Fuzzes the Borsh reader with a script of getters chosen by the input, then round-trips what it
 * read through the writer.
 *
 * Input: byte 0 = number of script ops (mod 33), then one byte per op, then the bytes to read.
 * Op byte: low nibble = getter (mod 11), high nibble = its parameter (array length, string cap,
 * Vec cap).
 * Checked: the cursor never passes the end; a failing getter zeroes its output and leaves the
 * cursor where the value began; errors stick; string views lie inside the input and are valid
 * UTF-8 (and pod_utf8_valid agrees with an independent decoder); re-writing the values read
 * reproduces exactly the bytes consumed (Borsh has one encoding per value), and reading those
 * bytes back gives the same values with nothing left over. */
#include "pod/borsh.h"

#include <string.h>

#define FUZZ_CHECK(c)                                                                              \
  do {                                                                                             \
    if (!(c)) __builtin_trap();                                                                    \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum {
  OP_U8,
  OP_BOOL,
  OP_U16,
  OP_U32,
  OP_U64,
  OP_I64,
  OP_PUBKEY,
  OP_STRING,
  OP_OPTION,
  OP_VEC,
  OP_BYTES,
  OP_CNT
};
#define MAX_OPS 32

typedef struct {
  uint64_t v;
  const char *s;
  uint32_t len;
  uint8_t arr[32];
} val_t;

static uint32_t op_param(uint8_t op) { return op >> 4; }
static uint32_t str_cap(uint8_t op) { return op_param(op) == 15 ? UINT32_MAX : op_param(op) * 16; }
static uint32_t vec_cap(uint8_t op) { return op_param(op) == 15 ? UINT32_MAX : op_param(op) * 8; }

/* Runs one getter; returns its result. */
static int run_op(pod_borsh_reader_t *r, uint8_t op, val_t *v) {
  int rc = POD_OK, some = 0;
  uint8_t u8 = 0;
  uint16_t u16 = 0;
  uint32_t u32 = 0;
  int64_t i64 = 0;
  memset(v, 0xee, sizeof *v); /* poison: a getter must overwrite what it owns */
  switch ((op & 15) % OP_CNT) {
  case OP_U8: rc = pod_borsh_get_u8(r, &u8), v->v = u8; break;
  case OP_BOOL:
    rc = pod_borsh_get_bool(r, &u8), v->v = u8;
    FUZZ_CHECK(u8 <= 1);
    break;
  case OP_U16: rc = pod_borsh_get_u16(r, &u16), v->v = u16; break;
  case OP_U32: rc = pod_borsh_get_u32(r, &u32), v->v = u32; break;
  case OP_U64: rc = pod_borsh_get_u64(r, &v->v); break;
  case OP_I64: rc = pod_borsh_get_i64(r, &i64), v->v = (uint64_t)i64; break;
  case OP_PUBKEY: {
    pod_pubkey_t pk;
    rc = pod_borsh_get_pubkey(r, &pk);
    memcpy(v->arr, pk.b, 32);
    v->v = 0;
    break;
  }
  case OP_STRING: rc = pod_borsh_get_string(r, &v->s, &v->len, str_cap(op)), v->v = 0; break;
  case OP_OPTION:
    rc = pod_borsh_get_option(r, &some), v->v = (uint64_t)some;
    FUZZ_CHECK(some == 0 || some == 1);
    break;
  case OP_VEC:
    rc = pod_borsh_get_vec_len(r, &u32, vec_cap(op)), v->v = u32;
    FUZZ_CHECK(u32 <= vec_cap(op));
    break;
  case OP_BYTES:
    rc = pod_borsh_get_bytes(r, v->arr, op_param(op));
    memset(v->arr + op_param(op), 0, 32 - op_param(op));
    v->v = 0;
    break;
  }
  if ((op & 15) % OP_CNT != OP_STRING) v->s = NULL, v->len = 0;
  return rc;
}

static int vals_equal(uint8_t op, const val_t *a, const val_t *b) {
  if (a->v != b->v || a->len != b->len || memcmp(a->arr, b->arr, 32)) return 0;
  if ((op & 15) % OP_CNT == OP_STRING && a->len && memcmp(a->s, b->s, a->len)) return 0;
  return 1;
}

static void put_val(pod_borsh_writer_t *w, uint8_t op, const val_t *v) {
  switch ((op & 15) % OP_CNT) {
  case OP_U8: pod_borsh_put_u8(w, (uint8_t)v->v); break;
  case OP_BOOL: pod_borsh_put_bool(w, (int)v->v); break;
  case OP_U16: pod_borsh_put_u16(w, (uint16_t)v->v); break;
  case OP_U32: pod_borsh_put_u32(w, (uint32_t)v->v); break;
  case OP_U64: pod_borsh_put_u64(w, v->v); break;
  case OP_I64: {
    int64_t x;
    memcpy(&x, &v->v, 8);
    pod_borsh_put_i64(w, x);
    break;
  }
  case OP_PUBKEY: {
    pod_pubkey_t pk;
    memcpy(pk.b, v->arr, 32);
    pod_borsh_put_pubkey(w, &pk);
    break;
  }
  case OP_STRING: pod_borsh_put_string(w, v->s, v->len); break;
  case OP_OPTION: pod_borsh_put_option(w, (int)v->v); break;
  case OP_VEC: pod_borsh_put_u32(w, (uint32_t)v->v); break;
  case OP_BYTES: pod_borsh_put_bytes(w, v->arr, op_param(op)); break;
  }
}

/* Independent UTF-8 check: decode by bit patterns, reject overlongs/surrogates/range by value. */
static int ref_utf8(const uint8_t *s, size_t n) {
  for (size_t i = 0; i < n;) {
    uint32_t cp, min;
    size_t len;
    uint8_t c = s[i];
    if (c < 0x80)
      len = 1, cp = c, min = 0;
    else if ((c & 0xe0) == 0xc0)
      len = 2, cp = c & 0x1f, min = 0x80;
    else if ((c & 0xf0) == 0xe0)
      len = 3, cp = c & 0x0f, min = 0x800;
    else if ((c & 0xf8) == 0xf0)
      len = 4, cp = c & 0x07, min = 0x10000;
    else
      return 0;
    if (len > n - i) return 0;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xc0) != 0x80) return 0;
      cp = cp << 6 | (s[i + k] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    i += len;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static uint8_t wbuf[8192];
  val_t vals[MAX_OPS], again;
  size_t nops, ok_ops = 0, consumed = 0;
  const uint8_t *ops, *in;
  size_t in_sz;
  pod_borsh_reader_t r;

  if (size < 1) return 0;
  nops = data[0] % (MAX_OPS + 1);
  if (nops > size - 1) nops = size - 1;
  ops = data + 1;
  in = data + 1 + nops;
  in_sz = size - 1 - nops;

  FUZZ_CHECK(pod_utf8_valid((const char *)in, in_sz) == ref_utf8(in, in_sz));

  pod_borsh_reader_init(&r, in, in_sz);
  for (size_t i = 0; i < nops; i++) {
    size_t before = r.off;
    int err_before = r.err;
    int rc = run_op(&r, ops[i], &vals[i]);
    FUZZ_CHECK(rc == r.err);
    FUZZ_CHECK(r.off <= r.sz);
    if (rc != POD_OK) {
      FUZZ_CHECK(rc == POD_EDECODE);
      FUZZ_CHECK(r.off == before); /* the cursor stays at the value that failed */
      FUZZ_CHECK(vals[i].v == 0 && vals[i].s == NULL && vals[i].len == 0);
      if ((ops[i] & 15) % OP_CNT == OP_BYTES || (ops[i] & 15) % OP_CNT == OP_PUBKEY)
        for (size_t k = 0; k < 32; k++)
          FUZZ_CHECK(vals[i].arr[k] == 0);
      continue;
    }
    FUZZ_CHECK(err_before == POD_OK);
    if ((ops[i] & 15) % OP_CNT == OP_STRING) {
      const uint8_t *s = (const uint8_t *)vals[i].s;
      FUZZ_CHECK(s >= in + before + 4 && vals[i].len <= (size_t)(in + in_sz - s));
      FUZZ_CHECK(vals[i].len <= str_cap(ops[i]));
      FUZZ_CHECK(pod_utf8_valid(vals[i].s, vals[i].len) && ref_utf8(s, vals[i].len));
    }
    ok_ops = i + 1;
    consumed = r.off;
  }
  if (r.err == POD_OK) {
    FUZZ_CHECK(pod_borsh_reader_finish_exact(&r) == (r.off == r.sz ? POD_OK : POD_EDECODE));
  } else {
    FUZZ_CHECK(pod_borsh_reader_finish_exact(&r) == POD_EDECODE);
  }

  /* Writer round trip of the values read before the first failure. */
  pod_borsh_writer_t w;
  size_t wlen = 0;
  pod_borsh_writer_init(&w, wbuf, sizeof wbuf);
  for (size_t i = 0; i < ok_ops; i++)
    put_val(&w, ops[i], &vals[i]);
  FUZZ_CHECK(pod_borsh_writer_finish(&w, &wlen) == POD_OK);
  FUZZ_CHECK(wlen == consumed);
  FUZZ_CHECK(!memcmp(wbuf, in, wlen)); /* one encoding per value */

  pod_borsh_reader_t r2;
  pod_borsh_reader_init(&r2, wbuf, wlen);
  for (size_t i = 0; i < ok_ops; i++) {
    FUZZ_CHECK(run_op(&r2, ops[i], &again) == POD_OK);
    FUZZ_CHECK(vals_equal(ops[i], &vals[i], &again));
  }
  FUZZ_CHECK(pod_borsh_reader_finish_exact(&r2) == POD_OK);

  /* The writer into a buffer too small by some amount: POD_ENOSPC, never past the end. */
  if (wlen) {
    size_t cap = in_sz ? in[0] % wlen : 0;
    pod_borsh_writer_init(&w, wbuf, cap);
    for (size_t i = 0; i < ok_ops; i++)
      put_val(&w, ops[i], &vals[i]);
    FUZZ_CHECK(w.off <= cap);
    FUZZ_CHECK(pod_borsh_writer_finish(&w, NULL) == POD_ENOSPC);
  }
  return 0;
}
