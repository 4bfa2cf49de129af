/* Growable buffer with a hard cap (buf.h). */
#include "buf.h"

#include <pod/common.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void podd_buf_init(podd_buf *b, size_t max) {
  memset(b, 0, sizeof *b);
  b->max = max;
}

static int grow(podd_buf *b, size_t need) { /* room for need more bytes and a NUL */
  if (need > b->max - b->len) return b->err = POD_ETOOLARGE;
  size_t want = b->len + need + 1;
  if (want <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < want)
    cap = cap > ((size_t)-1) / 2 ? want : cap * 2;
  char *p = realloc(b->data, cap);
  if (!p) return b->err = POD_ENOMEM;
  b->data = p;
  b->cap = cap;
  return 0;
}

int podd_buf_append(podd_buf *b, const void *p, size_t n) {
  if (b->err) return b->err;
  if (grow(b, n)) return b->err;
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = 0;
  return 0;
}

int podd_buf_puts(podd_buf *b, const char *s) { return podd_buf_append(b, s, strlen(s)); }

int podd_buf_printf(podd_buf *b, const char *fmt, ...) {
  if (b->err) return b->err;
  va_list ap;
  va_start(ap, fmt);
  char small[256];
  int k = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (k < 0) return b->err = POD_EINVAL;
  if ((size_t)k < sizeof small) return podd_buf_append(b, small, (size_t)k);
  if (grow(b, (size_t)k)) return b->err;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)k + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)k;
  return 0;
}

void podd_buf_reset(podd_buf *b) {
  b->len = 0;
  b->err = 0;
  if (b->data) b->data[0] = 0;
}

void podd_buf_free(podd_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->err = 0;
}
