/* podd's growable byte buffer with a hard cap (curl's dynbuf idea): responses and outbound
 * messages are built in one. Errors are sticky: append freely, check b->err once. */
#ifndef PODD_BUF_H
#define PODD_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
  char *data; /* NUL-terminated after every successful append (data may be NULL while len 0) */
  size_t len;
  size_t cap;
  size_t max; /* len never exceeds this */
  int err;    /* 0, or the first failure: POD_ETOOLARGE (over max) or POD_ENOMEM */
} podd_buf;

/* An empty buffer that will hold at most max bytes. Allocates nothing. */
void podd_buf_init(podd_buf *b, size_t max);
/* Appends n bytes. Returns 0, or b->err (set on the first failure; the buffer is unchanged). */
int podd_buf_append(podd_buf *b, const void *p, size_t n);
int podd_buf_puts(podd_buf *b, const char *s);
int podd_buf_printf(podd_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Empties it (keeps the memory) and clears err. */
void podd_buf_reset(podd_buf *b);
/* Releases the memory; the buffer is empty and usable again. */
void podd_buf_free(podd_buf *b);

#endif
