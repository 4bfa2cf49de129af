/* JSON reader over yajl 2.1 (the only file in podc that includes a JSON library) and our own
 * writer. Why yajl and not json-c or jansson: docs/DESIGN.md, "JSON library".
 *
 * Reader. yajl's event parser (its tree API is not used) is iterative and hands us every number as
 * its text; the events build our own compact document in ONE growing block:
 *   header | node | text | node | node | kids | ...
 *   - a node (pod_json_val, 12 bytes) per value and per object key, the root first;
 *   - after a string or number node, its bytes and a NUL;
 *   - when an array or object closes, its kids: for an array its elements, for an object its
 *     (key, value) pairs, one contiguous run, so index access is O(1).
 * Every reference inside the block is an offset relative to where it is stored, so the block can
 * move as it grows (realloc) and needs no fix-up at the end, and the getters need no document
 * handle. Children are collected on a "pending" stack while their container is open; the open
 * containers are a stack of frames, checked against max_depth before a new one is pushed.
 * Nothing recurses, here or in yajl, and nothing is allocated per value: a parse makes about ten
 * allocations (the block, two stacks, yajl's handle and buffers) whatever the size of the text.
 * One block also matters to glibc: it returns the top of the heap to the kernel when the free
 * space there exceeds twice the largest block freed so far, so a document made of several large
 * blocks would be paid for in page faults on every parse.
 *
 * What we check that yajl 2.1 does not: yajl accepts ill-formed UTF-8 (overlong forms, encoded
 * surrogates, code points above U+10FFFF), turns a lone \uD800 into '?' and pairs a high surrogate
 * with any following \u escape. So every string is checked here on its raw text; for a string
 * with escapes (yajl hands us its decoded copy) the raw text is found from yajl's byte offset,
 * which at a string event is just past the closing quote. Duplicate keys are checked when their
 * object closes. */
#include "pod/json.h"
#include "pod/encode.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

/* ---- document ---- */

typedef int32_t rel_t; /* offset from where it is stored; the block is at most INT32_MAX bytes */

struct pod_json_val {
  uint8_t type; /* pod_json_type_t */
  uint8_t flag; /* number: its text has no fraction and no exponent; bool: its value */
  uint16_t unused;
  uint32_t len; /* string: bytes; number: characters; array: elements; object: members */
  rel_t rel;    /* string, number: its text; array, object: its kids (each a rel_t to a node) */
};

struct pod_json_doc {
  size_t size; /* bytes of the block in use; the root node follows this header */
};

#define ROOT_OFF ((sizeof(struct pod_json_doc) + 3) & ~(size_t)3)
#define BLOCK_MAX ((size_t)INT32_MAX)

static inline const char *v_text(const pod_json_val *v) { return (const char *)v + v->rel; }

static inline const pod_json_val *v_kid(const pod_json_val *v, size_t i) {
  const rel_t *k = (const rel_t *)((const char *)v + v->rel) + i;
  return (const pod_json_val *)((const char *)k + *k);
}

/* Eight bytes at a time over plain ASCII (keys, base58, base64: most of an RPC message). */
static inline uint64_t load8(const unsigned char *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

#define ONES 0x0101010101010101ull
#define HIGH 0x8080808080808080ull
/* Non-zero if some byte of w is '\\' or >= 0x80 or, for the writer, also '"' or < 0x20: the
 * bytes that need a closer look. (Bit tricks: a byte of x is zero iff (x - 1) & ~x sets its high
 * bit; a byte is < 0x20 iff (x - 0x20) & ~x does, for bytes < 0x80.) */
static inline uint64_t word_special(uint64_t w, int writer) {
  uint64_t bs = w ^ (ONES * '\\'), m = w | ((bs - ONES) & ~bs);
  if (writer) {
    uint64_t q = w ^ (ONES * '"');
    m |= ((q - ONES) & ~q) | ((w - ONES * 0x20) & ~w);
  }
  return m & HIGH;
}

/* ---- parser ---- */

typedef struct {
  size_t node;  /* offset of the container's node */
  size_t first; /* where its children start on the pending stack */
} frame_t;

typedef struct {
  const char *text;
  size_t text_len;
  yajl_handle h;
  uint32_t max_depth;
  char *a; /* the document block */
  size_t n, cap;
  size_t *pend; /* offsets of the children of the open containers */
  size_t n_pend, cap_pend;
  frame_t *frames; /* the open containers, outermost first */
  size_t depth, cap_frames;
  size_t *scratch; /* keys of one object, sorted for the duplicate check */
  size_t cap_scratch;
  int grow_ok;    /* set by GROW */
  int completing; /* in yajl_complete_parse: yajl's offset no longer refers to the input */
  int err;
  size_t err_off;
  char err_msg[POD_JSON_ERRMSG_SZ];
} parse_t;

#define NODE(p, off) ((pod_json_val *)((p)->a + (off)))

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int
fail(parse_t *p, int code, size_t off, const char *fmt, ...) {
  if (p->err) return 0; /* keep the first error */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->err_msg, sizeof p->err_msg, fmt, ap);
  va_end(ap);
  p->err = code;
  p->err_off = off;
  return 0; /* yajl: cancel */
}

/* The input offset yajl has reached (at an event: just past its token). */
static size_t here(const parse_t *p) {
  return p->completing ? p->text_len : yajl_get_bytes_consumed(p->h);
}

/* Returns arr (of *cap elements of size sz) reallocated to hold at least need elements, or arr
 * unchanged with *ok = 0 if that failed. Sizes double; the first is as asked. */
static void *grow_mem(void *arr, size_t *cap, size_t need, size_t sz, size_t max, int *ok) {
  size_t nc = *cap <= max / 2 ? *cap * 2 : max;
  if (nc < need) nc = need;
  if (nc < 16) nc = 16;
  void *q = nc <= max && nc <= SIZE_MAX / sz ? realloc(arr, nc * sz) : NULL;
  *ok = q != NULL;
  if (!q) return arr;
  *cap = nc;
  return q;
}
/* Makes room for need elements in p->arr; 0 if out of memory. */
#define GROW(p, arr, cap, need)                                                                    \
  ((need) <= (p)->cap ||                                                                           \
   ((p)->arr = grow_mem((p)->arr, &(p)->cap, (need), sizeof *(p)->arr, SIZE_MAX, &(p)->grow_ok),   \
    (p)->grow_ok))

/* Makes room for extra more bytes in the block (and 3 for alignment). */
static int reserve(parse_t *p, size_t extra) {
  if (extra <= p->cap - p->n && p->cap - p->n - extra >= 3) return 1;
  if (extra > BLOCK_MAX - 3 - p->n)
    return fail(p, POD_ETOOLARGE, here(p), "document larger than 2 GiB in memory at byte %zu",
                here(p));
  p->a = grow_mem(p->a, &p->cap, p->n + extra + 3, 1, BLOCK_MAX, &p->grow_ok);
  return p->grow_ok || fail(p, POD_ENOMEM, here(p), "out of memory");
}

/* Appends a node of this type (with room for text bytes after it) and makes it a child of the
 * open container, if any. Returns its offset, or 0 on failure (0 is the header, never a node). */
static size_t add_node(parse_t *p, pod_json_type_t type, size_t text) {
  if (!reserve(p, sizeof(pod_json_val) + text) ||
      (p->depth && !GROW(p, pend, cap_pend, p->n_pend + 1))) {
    fail(p, POD_ENOMEM, here(p), "out of memory");
    return 0;
  }
  size_t off = (p->n + 3) & ~(size_t)3;
  pod_json_val *v = NODE(p, off);
  memset(v, 0, sizeof *v);
  v->type = (uint8_t)type;
  p->n = off + sizeof *v;
  if (p->depth) p->pend[p->n_pend++] = off;
  return off;
}

/* Appends a node holding s[0..n) and a NUL. */
static size_t add_text_node(parse_t *p, pod_json_type_t type, const void *s, size_t n) {
  if (n >= UINT32_MAX) {
    fail(p, POD_ETOOLARGE, here(p), "string too long at byte %zu", here(p));
    return 0;
  }
  size_t off = add_node(p, type, n + 1);
  if (!off) return 0;
  pod_json_val *v = NODE(p, off);
  v->len = (uint32_t)n;
  v->rel = (rel_t)(p->n - off);
  if (n) memcpy(p->a + p->n, s, n);
  p->a[p->n + n] = '\0';
  p->n += n + 1;
  return off;
}

static int hex4(const unsigned char *s) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    int c = s[i], d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return -1;
    v = v << 4 | d;
  }
  return v;
}

/* Checks the raw text of a string (between its quotes, escapes not decoded): well-formed UTF-8
 * and surrogate escapes in high-low pairs. (yajl has checked the escape syntax; it is checked
 * again here rather than trusted.) Returns 1, or fails with the offset in the input. */
static int check_raw(parse_t *p, const unsigned char *r, size_t n, size_t base) {
  size_t i = 0;
  while (i < n) {
    /* ASCII without escapes, 8 bytes at a time: the common case (keys, base58, base64). */
    while (n - i >= 8 && !word_special(load8(r + i), 0))
      i += 8;
    if (i == n) break;
    unsigned c = r[i];
    if (c == '\\') {
      if (n - i < 2) return fail(p, POD_EDECODE, base + i, "bad escape at byte %zu", base + i);
      if (r[i + 1] != 'u') {
        i += 2;
        continue;
      }
      int cp = n - i >= 6 ? hex4(r + i + 2) : -1;
      if (cp < 0) return fail(p, POD_EDECODE, base + i, "bad \\u escape at byte %zu", base + i);
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        int lo = cp <= 0xDBFF && n - i >= 12 && r[i + 6] == '\\' && r[i + 7] == 'u'
                     ? hex4(r + i + 8)
                     : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
          return fail(p, POD_EDECODE, base + i,
                      "lone surrogate \\u%04x at byte %zu (not valid Unicode)", (unsigned)cp,
                      base + i);
        i += 6;
      }
      i += 6;
    } else if (c < 0x80) {
      i++;
    } else {
      int ok;
      size_t k = pod_utf8_seq(r + i, n - i, &ok);
      if (!ok)
        return fail(p, POD_EDECODE, base + i, "invalid UTF-8 in a string at byte %zu", base + i);
      i += k;
    }
  }
  return 1;
}

/* yajl's string and key events: s[0..n) is the decoded string. */
static int add_string(parse_t *p, const unsigned char *s, size_t n) {
  uintptr_t a = (uintptr_t)s, t = (uintptr_t)p->text;
  if (a >= t && a - t <= p->text_len && n <= p->text_len - (a - t)) {
    /* Inside the input: the string had no escapes, its raw text is s itself. */
    if (!check_raw(p, s, n, (size_t)(a - t))) return 0;
  } else {
    /* Decoded into yajl's buffer: find the raw text, which ends just before the input offset
     * (the closing quote) and starts after the last quote not escaped by an odd number of
     * backslashes (inside a string every quote is escaped). */
    const unsigned char *x = (const unsigned char *)p->text;
    size_t end = here(p);
    if (end < 2 || end > p->text_len || x[end - 1] != '"')
      return fail(p, POD_EDECODE, end, "internal error: string not found at byte %zu", end);
    end--;
    size_t q = end;
    for (;;) {
      if (q == 0)
        return fail(p, POD_EDECODE, end, "internal error: string not found at byte %zu", end);
      q--;
      if (x[q] != '"') continue;
      size_t b = 0;
      while (b < q && x[q - 1 - b] == '\\')
        b++;
      if (b % 2 == 0) break;
    }
    if (!check_raw(p, x + q + 1, end - q - 1, q + 1)) return 0;
  }
  return add_text_node(p, POD_JSON_STRING, s, n) != 0;
}

static int on_string(void *ctx, const unsigned char *s, size_t n) { return add_string(ctx, s, n); }

static int on_key(void *ctx, const unsigned char *s, size_t n) { return add_string(ctx, s, n); }

static int on_null(void *ctx) { return add_node(ctx, POD_JSON_NULL, 0) != 0; }

static int on_bool(void *ctx, int b) {
  parse_t *p = ctx;
  size_t off = add_node(p, POD_JSON_BOOL, 0);
  if (off) NODE(p, off)->flag = (uint8_t)(b != 0);
  return off != 0;
}

static int on_number(void *ctx, const char *s, size_t n) {
  parse_t *p = ctx;
  if (n > POD_JSON_NUMBER_MAX)
    return fail(p, POD_ETOOLARGE, here(p), "number longer than %u characters at byte %zu",
                POD_JSON_NUMBER_MAX, here(p));
  size_t off = add_text_node(p, POD_JSON_NUMBER, s, n);
  if (!off) return 0;
  NODE(p, off)->flag =
      memchr(s, '.', n) == NULL && memchr(s, 'e', n) == NULL && memchr(s, 'E', n) == NULL;
  return 1;
}

static int open_container(parse_t *p, pod_json_type_t type) {
  if (p->depth >= p->max_depth)
    return fail(p, POD_ELIMIT, here(p), "nesting deeper than %u at byte %zu",
                (unsigned)p->max_depth, here(p));
  if (!GROW(p, frames, cap_frames, p->depth + 1))
    return fail(p, POD_ENOMEM, here(p), "out of memory");
  size_t off = add_node(p, type, 0);
  if (!off) return 0;
  p->frames[p->depth].node = off;
  p->frames[p->depth].first = p->n_pend;
  p->depth++;
  return 1;
}

static int on_start_map(void *ctx) { return open_container(ctx, POD_JSON_OBJECT); }
static int on_start_array(void *ctx) { return open_container(ctx, POD_JSON_ARRAY); }

/* Order of keys for the duplicate check: by length, then bytes. */
static int key_cmp(const parse_t *p, size_t a, size_t b) {
  const pod_json_val *x = NODE(p, a), *y = NODE(p, b);
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  return memcmp(v_text(x), v_text(y), x->len);
}

static void sift_down(const parse_t *p, size_t *a, size_t root, size_t n) {
  for (;;) {
    size_t c = 2 * root + 1;
    if (c >= n) return;
    if (c + 1 < n && key_cmp(p, a[c], a[c + 1]) < 0) c++;
    if (key_cmp(p, a[root], a[c]) >= 0) return;
    size_t t = a[root];
    a[root] = a[c];
    a[c] = t;
    root = c;
  }
}

/* Returns the node of a key that appears twice among the m keys at pend[first], pend[first+2],
 * ..., or 0. Small objects (RPC objects have a handful of members) compare pairs; large ones are
 * heap-sorted (O(m log m) whatever the keys, so no hostile input makes it quadratic). */
static size_t find_dup(parse_t *p, size_t first, size_t m) {
  const size_t *k = p->pend + first;
  if (m <= 16) {
    for (size_t i = 1; i < m; i++)
      for (size_t j = 0; j < i; j++)
        if (key_cmp(p, k[2 * i], k[2 * j]) == 0) return k[2 * i];
    return 0;
  }
  if (!GROW(p, scratch, cap_scratch, m)) {
    fail(p, POD_ENOMEM, here(p), "out of memory");
    return 0;
  }
  size_t *a = p->scratch;
  for (size_t i = 0; i < m; i++)
    a[i] = k[2 * i];
  for (size_t i = m / 2; i-- > 0;)
    sift_down(p, a, i, m);
  for (size_t end = m; end-- > 1;) {
    size_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(p, a, 0, end);
  }
  for (size_t i = 1; i < m; i++)
    if (key_cmp(p, a[i - 1], a[i]) == 0) return a[i];
  return 0;
}

static int close_container(parse_t *p) {
  if (!p->depth) return fail(p, POD_EDECODE, here(p), "internal error: unbalanced end");
  frame_t f = p->frames[--p->depth];
  size_t cnt = p->n_pend - f.first;
  if (NODE(p, f.node)->type == POD_JSON_OBJECT) {
    size_t dup = find_dup(p, f.first, cnt / 2);
    if (p->err) return 0;
    if (dup) {
      const pod_json_val *k = NODE(p, dup);
      return fail(p, POD_EDECODE, here(p),
                  "duplicate key \"%.*s\" in the object ending at byte %zu",
                  k->len > 40 ? 40 : (int)k->len, v_text(k), here(p));
    }
  }
  if (cnt > (BLOCK_MAX - p->n) / sizeof(rel_t) || !reserve(p, cnt * sizeof(rel_t))) {
    if (!p->err) fail(p, POD_ETOOLARGE, here(p), "document larger than 2 GiB in memory");
    return 0;
  }
  size_t at = (p->n + 3) & ~(size_t)3;
  pod_json_val *v = NODE(p, f.node);
  v->len = (uint32_t)(v->type == POD_JSON_OBJECT ? cnt / 2 : cnt);
  v->rel = (rel_t)(at - f.node);
  rel_t *kids = (rel_t *)(p->a + at);
  for (size_t i = 0; i < cnt; i++)
    kids[i] = (rel_t)((ptrdiff_t)p->pend[f.first + i] - (ptrdiff_t)(at + i * sizeof(rel_t)));
  p->n = at + cnt * sizeof(rel_t);
  p->n_pend = f.first;
  return 1;
}

static int on_end(void *ctx) { return close_container(ctx); }

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_bool,
    .yajl_number = on_number, /* the text of every number; yajl_integer/yajl_double unused */
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

/* A syntax error from yajl: its message (without the trailing ".\n") and the offset. */
static void yajl_failed(parse_t *p, const char *text, size_t len, size_t off) {
  unsigned char *m = yajl_get_error(p->h, 0, (const unsigned char *)text, len);
  const char *s = m ? (const char *)m : "syntax error";
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '.'))
    n--;
  fail(p, POD_EDECODE, off, "%.*s at byte %zu", (int)n, s, off);
  if (m) yajl_free_error(p->h, m);
}

static void set_err(pod_json_error_t *err, int code, size_t off, const char *msg) {
  if (!err) return;
  err->code = code;
  err->offset = off;
  snprintf(err->msg, sizeof err->msg, "%s", msg);
}

int pod_json_parse(pod_json_doc **out, const char *text, size_t len, const pod_json_opts_t *opts,
                   pod_json_error_t *err) {
  if (out) *out = NULL;
  set_err(err, POD_OK, 0, "");
  if (!out || (!text && len)) {
    set_err(err, POD_EINVAL, 0, "NULL argument");
    return POD_EINVAL;
  }
  size_t max_input = POD_JSON_INPUT_DEFAULT;
  uint32_t max_depth = POD_JSON_DEPTH_DEFAULT;
  if (opts) {
    if (opts->version != POD_JSON_OPTS_VERSION || opts->max_input > POD_JSON_INPUT_LIMIT) {
      set_err(err, POD_EINVAL, 0, "invalid options (version, or max_input above 1 GiB)");
      return POD_EINVAL;
    }
    if (opts->max_input) max_input = opts->max_input;
    if (opts->max_depth) max_depth = opts->max_depth;
  }
  if (len > max_input) {
    char m[POD_JSON_ERRMSG_SZ];
    snprintf(m, sizeof m, "input of %zu bytes is over the cap of %zu bytes", len, max_input);
    set_err(err, POD_ETOOLARGE, 0, m);
    return POD_ETOOLARGE;
  }
  if (!text) text = "";

  parse_t p;
  memset(&p, 0, sizeof p);
  p.text = text;
  p.text_len = len;
  p.max_depth = max_depth;
  /* First size of the block: RPC texts take 1.5 to 1.7 times their size (a 12-byte node and a
   * 4-byte kid per value; strings lose their quotes and gain a NUL); denser texts grow it. */
  size_t first = len <= (BLOCK_MAX - 512) / 2 ? 2 * len + 256 : BLOCK_MAX - 256;
  if (reserve(&p, first) && GROW(&p, pend, cap_pend, 64) && GROW(&p, frames, cap_frames, 16)) {
    p.n = ROOT_OFF; /* the header */
    p.h = yajl_alloc(&callbacks, NULL, &p);
  }
  if (!p.h) {
    fail(&p, POD_ENOMEM, 0, "out of memory");
  } else {
    /* yajl's own UTF-8 check is weaker than check_raw, which sees every string anyway. */
    yajl_config(p.h, yajl_dont_validate_strings, 1);
    yajl_status st = yajl_parse(p.h, (const unsigned char *)text, len);
    if (st == yajl_status_error)
      yajl_failed(&p, text, len, here(&p));
    else if (st == yajl_status_ok) {
      p.completing = 1;
      if ((st = yajl_complete_parse(p.h)) == yajl_status_error) yajl_failed(&p, text, len, len);
    }
    if (st != yajl_status_ok && !p.err) fail(&p, POD_EDECODE, len, "parse cancelled");
    if (!p.err && (p.n <= ROOT_OFF || p.depth))
      fail(&p, POD_EDECODE, len, "internal error: incomplete document");
  }
  if (p.h) yajl_free(p.h);
  free(p.pend);
  free(p.frames);
  free(p.scratch);
  if (p.err) {
    set_err(err, p.err, p.err_off, p.err_msg);
    free(p.a);
    return p.err;
  }
  pod_json_doc *doc = (pod_json_doc *)p.a;
  doc->size = p.n;
  *out = doc;
  return POD_OK;
}

void pod_json_free(pod_json_doc *doc) { free(doc); }

/* ---- getters ---- */

const pod_json_val *pod_json_root(const pod_json_doc *doc) {
  return doc ? (const pod_json_val *)((const char *)doc + ROOT_OFF) : NULL;
}

pod_json_type_t pod_json_type(const pod_json_val *v) {
  return v ? (pod_json_type_t)v->type : POD_JSON_NONE;
}

size_t pod_json_len(const pod_json_val *v) {
  return v && (v->type == POD_JSON_ARRAY || v->type == POD_JSON_OBJECT) ? v->len : 0;
}

const pod_json_val *pod_json_at(const pod_json_val *v, size_t i) {
  return v && v->type == POD_JSON_ARRAY && i < v->len ? v_kid(v, i) : NULL;
}

const pod_json_val *pod_json_find_n(const pod_json_val *v, const char *key, size_t key_len) {
  if (!v || v->type != POD_JSON_OBJECT || (!key && key_len)) return NULL;
  for (size_t i = 0; i < v->len; i++) {
    const pod_json_val *k = v_kid(v, 2 * i);
    if (k->len == key_len && (key_len == 0 || memcmp(v_text(k), key, key_len) == 0))
      return v_kid(v, 2 * i + 1);
  }
  return NULL;
}

const pod_json_val *pod_json_find(const pod_json_val *v, const char *key) {
  return key ? pod_json_find_n(v, key, strlen(key)) : NULL;
}

const pod_json_val *pod_json_member(const pod_json_val *v, size_t i, const char **key,
                                    size_t *key_len) {
  const pod_json_val *k = NULL, *val = NULL;
  if (v && v->type == POD_JSON_OBJECT && i < v->len) {
    k = v_kid(v, 2 * i);
    val = v_kid(v, 2 * i + 1);
  }
  if (key) *key = k ? v_text(k) : NULL;
  if (key_len) *key_len = k ? k->len : 0;
  return val;
}

/* The checks every getter starts with. */
static int want(const pod_json_val *v, const void *out, pod_json_type_t type) {
  if (!out) return POD_EINVAL;
  if (!v) return POD_ENOTFOUND;
  return v->type == type ? POD_OK : POD_EDECODE;
}

int pod_json_get_str(const char **s, size_t *len, const pod_json_val *v) {
  int rc = want(v, s, POD_JSON_STRING);
  if (rc) return rc;
  *s = v_text(v);
  if (len) *len = v->len;
  return POD_OK;
}

int pod_json_get_number(const char **text, size_t *len, const pod_json_val *v) {
  int rc = want(v, text, POD_JSON_NUMBER);
  if (rc) return rc;
  *text = v_text(v);
  if (len) *len = v->len;
  return POD_OK;
}

int pod_json_get_bool(int *out, const pod_json_val *v) {
  int rc = want(v, out, POD_JSON_BOOL);
  if (rc) return rc;
  *out = v->flag;
  return POD_OK;
}

int pod_json_is_null(const pod_json_val *v) { return v && v->type == POD_JSON_NULL; }

/* An integer's sign and magnitude, exactly: POD_EDECODE if the number has a fraction or an
 * exponent, POD_ETOOLARGE if the magnitude exceeds UINT64_MAX. */
static int int_parts(uint64_t *mag, int *neg, const pod_json_val *v, const void *out) {
  int rc = want(v, out, POD_JSON_NUMBER);
  if (rc) return rc;
  if (!v->flag) return POD_EDECODE;
  const char *s = v_text(v);
  size_t i = s[0] == '-';
  uint64_t m = 0;
  *neg = (int)i;
  for (; i < v->len; i++) {
    unsigned d = (unsigned)(s[i] - '0');
    if (m > (UINT64_MAX - d) / 10) return POD_ETOOLARGE;
    m = m * 10 + d;
  }
  *mag = m;
  return POD_OK;
}

int pod_json_get_u64(uint64_t *out, const pod_json_val *v) {
  uint64_t m;
  int neg, rc = int_parts(&m, &neg, v, out);
  if (rc) return rc;
  if (neg && m) return POD_ETOOLARGE;
  *out = m;
  return POD_OK;
}

int pod_json_get_i64(int64_t *out, const pod_json_val *v) {
  uint64_t m;
  int neg, rc = int_parts(&m, &neg, v, out);
  if (rc) return rc;
  if (m > (uint64_t)INT64_MAX + (neg ? 1u : 0u)) return POD_ETOOLARGE;
  /* -(2^63) has no positive counterpart in int64_t: negate in unsigned arithmetic. */
  *out = neg ? (m == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)m) : (int64_t)m;
  return POD_OK;
}

int pod_json_get_f64(double *out, const pod_json_val *v) {
  int rc = want(v, out, POD_JSON_NUMBER);
  if (rc) return rc;
  int saved = errno;
  char *end;
  errno = 0;
  double d = strtod(v_text(v), &end);
  if (end != v_text(v) + v->len) {
    /* strtod follows LC_NUMERIC: if the program set a locale whose decimal point is not '.',
     * it stopped at the '.'. Parse a copy spelled the locale's way. */
    char buf[POD_JSON_NUMBER_MAX + 16];
    const char *dp = localeconv()->decimal_point;
    size_t dl = strlen(dp), n = 0;
    for (size_t i = 0; i < v->len; i++) {
      if (v_text(v)[i] == '.' && dl && n + dl < sizeof buf) {
        memcpy(buf + n, dp, dl);
        n += dl;
      } else if (n + 1 < sizeof buf) {
        buf[n++] = v_text(v)[i];
      }
    }
    buf[n] = '\0';
    errno = 0;
    d = strtod(buf, &end);
    if (end != buf + n) {
      errno = saved;
      return POD_EDECODE;
    }
  }
  rc = errno == ERANGE && (d == HUGE_VAL || d == -HUGE_VAL) ? POD_ETOOLARGE : POD_OK;
  errno = saved;
  if (rc == POD_OK) *out = d;
  return rc;
}

/* ---- writer ---- */

void pod_json_writer_init(pod_json_writer_t *w, size_t max) {
  if (!w) return;
  memset(w, 0, sizeof *w);
  /* The buffer holds max bytes and a NUL. */
  w->max = max ? (max < SIZE_MAX ? max : SIZE_MAX - 1) : POD_JSON_WRITER_MAX_DEFAULT;
}

void pod_json_writer_init_fixed(pod_json_writer_t *w, char *buf, size_t sz) {
  if (!w) return;
  memset(w, 0, sizeof *w);
  w->fixed = 1;
  if (buf && sz) {
    w->buf = buf;
    w->cap = sz;
    w->max = sz - 1;
    buf[0] = '\0';
  }
}

void pod_json_writer_reset(pod_json_writer_t *w) {
  if (!w) return;
  w->len = 0;
  w->err = POD_OK;
  w->depth = 0;
  w->comma = w->after_key = w->done = 0;
  memset(w->nest, 0, sizeof w->nest);
}

void pod_json_writer_free(pod_json_writer_t *w) {
  if (!w) return;
  if (!w->fixed) {
    free(w->buf);
    w->buf = NULL;
    w->cap = 0;
  }
  pod_json_writer_reset(w);
}

static void w_fail(pod_json_writer_t *w, int code) {
  if (!w->err) w->err = code;
}

/* Makes room for n more bytes and the NUL. The buffer never exceeds max + 1 bytes, so room in
 * the buffer is room under the cap. */
static int w_room_slow(pod_json_writer_t *w, size_t n) {
  if (w->err) return 0;
  if (n > w->max - w->len || w->fixed) {
    w_fail(w, POD_ENOSPC);
    return 0;
  }
  size_t want_sz = w->len + n + 1, nc = w->cap ? w->cap : 256;
  while (nc < want_sz)
    nc = nc <= SIZE_MAX / 2 ? nc * 2 : want_sz;
  if (nc > w->max + 1) nc = w->max + 1;
  char *b = realloc(w->buf, nc);
  if (!b) {
    w_fail(w, POD_ENOMEM);
    return 0;
  }
  w->buf = b;
  w->cap = nc;
  return 1;
}

static inline int w_room(pod_json_writer_t *w, size_t n) {
  return (w->cap > w->len && n < w->cap - w->len && !w->err) || w_room_slow(w, n);
}

static inline void w_put(pod_json_writer_t *w, const void *s, size_t n) {
  if (w_room(w, n)) {
    memcpy(w->buf + w->len, s, n);
    w->len += n;
  }
}

static int w_in_object(const pod_json_writer_t *w) {
  uint32_t d = w->depth - 1;
  return (int)((w->nest[d / 64] >> (d % 64)) & 1u);
}

/* Before any value of at least n bytes: checks where it goes, writes the comma before it and makes
 * room for n bytes. Returns 0 on error. */
static int w_value(pod_json_writer_t *w, size_t n) {
  if (w->err) return 0;
  if (w->depth == 0) {
    if (w->done) w_fail(w, POD_EINVAL);
  } else if (w_in_object(w)) {
    if (!w->after_key) w_fail(w, POD_EINVAL);
    w->after_key = 0;
  } else if (w->comma) {
    w_put(w, ",", 1);
  }
  return !w->err && w_room(w, n);
}

/* After any complete value. */
static void w_done(pod_json_writer_t *w) {
  w->comma = 1;
  if (w->depth == 0) w->done = 1;
}

static void w_begin(pod_json_writer_t *w, int object) {
  if (!w || !w_value(w, 1)) return;
  if (w->depth >= POD_JSON_WRITER_DEPTH_MAX) {
    w_fail(w, POD_ELIMIT);
    return;
  }
  uint32_t d = w->depth++;
  uint64_t bit = (uint64_t)1 << (d % 64);
  w->nest[d / 64] = object ? w->nest[d / 64] | bit : w->nest[d / 64] & ~bit;
  w->buf[w->len++] = object ? '{' : '[';
  w->comma = 0;
}

static void w_end(pod_json_writer_t *w, int object) {
  if (!w || w->err) return;
  if (w->depth == 0 || w_in_object(w) != object || w->after_key) {
    w_fail(w, POD_EINVAL);
    return;
  }
  if (!w_room(w, 1)) return;
  w->buf[w->len++] = object ? '}' : ']';
  w->depth--;
  w_done(w);
}

void pod_json_begin_object(pod_json_writer_t *w) { w_begin(w, 1); }
void pod_json_end_object(pod_json_writer_t *w) { w_end(w, 1); }
void pod_json_begin_array(pod_json_writer_t *w) { w_begin(w, 0); }
void pod_json_end_array(pod_json_writer_t *w) { w_end(w, 0); }

/* The bytes a JSON string holds as they are: printable ASCII but '"' and '\\'. */
static inline int plain(unsigned c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/* s[0..n) as a quoted, escaped JSON string. */
static void w_string(pod_json_writer_t *w, const char *str, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0, run = 0;
  w_put(w, "\"", 1);
  while (i < n && !w->err) {
    while (n - i >= 8 && !word_special(load8(s + i), 1))
      i += 8;
    if (i == n) break;
    unsigned c = s[i];
    if (plain(c)) {
      i++;
      continue;
    }
    int ok = 0;
    size_t k = 1;
    if (c >= 0x80) {
      k = pod_utf8_seq(s + i, n - i, &ok);
      if (ok) {
        i += k;
        continue;
      }
    }
    w_put(w, s + run, i - run);
    if (c >= 0x80) {
      w_put(w, "\xEF\xBF\xBD", 3); /* U+FFFD for the ill-formed subpart */
    } else {
      char e[6] = {'\\', (char)c, 0, 0, 0, 0};
      size_t en = 2;
      switch (c) {
      case '"':
      case '\\': break;
      case '\b': e[1] = 'b'; break;
      case '\f': e[1] = 'f'; break;
      case '\n': e[1] = 'n'; break;
      case '\r': e[1] = 'r'; break;
      case '\t': e[1] = 't'; break;
      default:
        memcpy(e, "\\u00", 4);
        e[4] = hex[c >> 4];
        e[5] = hex[c & 15];
        en = 6;
      }
      w_put(w, e, en);
    }
    i += k;
    run = i;
  }
  w_put(w, s + run, n - run);
  w_put(w, "\"", 1);
}

void pod_json_put_key_n(pod_json_writer_t *w, const char *key, size_t len) {
  if (!w || w->err) return;
  if (w->depth == 0 || !w_in_object(w) || w->after_key || (!key && len)) {
    w_fail(w, POD_EINVAL);
    return;
  }
  if (w->comma) w_put(w, ",", 1);
  w_string(w, key ? key : "", len);
  w_put(w, ":", 1);
  w->after_key = 1;
}

void pod_json_put_key(pod_json_writer_t *w, const char *key) {
  pod_json_put_key_n(w, key, key ? strlen(key) : 0);
}

void pod_json_put_str_n(pod_json_writer_t *w, const char *s, size_t len) {
  if (!w) return;
  if (!s && len) {
    w_fail(w, POD_EINVAL);
    return;
  }
  if (!w_value(w, len < SIZE_MAX - 2 ? len + 2 : SIZE_MAX)) return; /* room if nothing to escape */
  w_string(w, s ? s : "", len);
  w_done(w);
}

void pod_json_put_str(pod_json_writer_t *w, const char *s) {
  pod_json_put_str_n(w, s, s ? strlen(s) : 0);
}

/* Decimal digits of v into the end of a 20-byte buffer; returns the first. */
static char *u64_digits(char end[20], uint64_t v) {
  char *p = end + 20;
  do {
    *--p = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  return p;
}

void pod_json_put_u64(pod_json_writer_t *w, uint64_t v) {
  char b[20], *p = u64_digits(b, v);
  size_t n = (size_t)(b + 20 - p);
  if (!w || !w_value(w, n)) return;
  w_put(w, p, n);
  w_done(w);
}

void pod_json_put_i64(pod_json_writer_t *w, int64_t v) {
  char b[21], *p = u64_digits(b + 1, v < 0 ? 0u - (uint64_t)v : (uint64_t)v);
  if (v < 0) *--p = '-';
  size_t n = (size_t)(b + 21 - p);
  if (!w || !w_value(w, n)) return;
  w_put(w, p, n);
  w_done(w);
}

void pod_json_put_bool(pod_json_writer_t *w, int v) {
  if (!w || !w_value(w, v ? 4 : 5)) return;
  w_put(w, v ? "true" : "false", v ? 4 : 5);
  w_done(w);
}

void pod_json_put_null(pod_json_writer_t *w) {
  if (!w || !w_value(w, 4)) return;
  w_put(w, "null", 4);
  w_done(w);
}

void pod_json_put_raw(pod_json_writer_t *w, const char *json, size_t len) {
  if (!w) return;
  if (!json && len) {
    w_fail(w, POD_EINVAL);
    return;
  }
  if (!w_value(w, len)) return;
  w_put(w, json, len);
  w_done(w);
}

int pod_json_writer_finish(pod_json_writer_t *w, const char **out, size_t *len) {
  if (!w) return POD_EINVAL;
  if (w->err) return w->err;
  if (w->depth || !w->done) return POD_EINVAL;
  w->buf[w->len] = '\0'; /* w_room always keeps a byte for it */
  if (out) *out = w->buf;
  if (len) *len = w->len;
  return POD_OK;
}
