/* podd's wire parsers (see http_parse.h). Every index is checked against the end before use,
 * written as `k < n - i` / `len <= n - i`; nothing here allocates. */
#include "http_parse.h"

#include <string.h>

/* ---- characters ---- */

static int is_tchar(unsigned char c) { /* RFC 9110 token */
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return 1;
  return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_vchar(unsigned char c) { return c > 0x20 && c < 0x7f; }

/* Field-value bytes: visible ASCII, space, tab and obs-text (0x80-0xff). */
static int is_field_char(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7f); }

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int eq_ci(const char *p, size_t n, const char *lit) {
  size_t k = strlen(lit);
  if (n != k) return 0;
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)p[i]) != (unsigned char)lit[i]) return 0;
  return 1;
}

/* Trims spaces and tabs at both ends of buf[*off .. *off + *len). */
static void trim(const char *buf, size_t *off, size_t *len) {
  while (*len && (buf[*off] == ' ' || buf[*off] == '\t'))
    (*off)++, (*len)--;
  while (*len && (buf[*off + *len - 1] == ' ' || buf[*off + *len - 1] == '\t'))
    (*len)--;
}

/* 1 if the comma-separated list v[0..n) holds tok (case-insensitive, whitespace trimmed). */
static int list_has(const char *v, size_t n, const char *tok) {
  size_t i = 0;
  while (i < n) {
    size_t s = i;
    while (i < n && v[i] != ',')
      i++;
    size_t off = s, len = i - s;
    trim(v, &off, &len);
    if (eq_ci(v + off, len, tok)) return 1;
    i++; /* past the comma */
  }
  return 0;
}

/* ---- request head ---- */

/* Finds the CRLF ending the line that starts at i; returns its index or n if absent. A bare CR
 * or LF inside the line is reported through *bad. */
static size_t line_end(const char *buf, size_t n, size_t i, int *bad) {
  for (size_t k = i; k < n; k++) {
    if (buf[k] == '\n') {
      *bad = 1; /* LF without CR */
      return k;
    }
    if (buf[k] == '\r') {
      if (k + 1 >= n) return n; /* need the next byte */
      if (buf[k + 1] != '\n') *bad = 1;
      return k;
    }
  }
  return n;
}

static int parse_request_line(podd_http_head_t *h, const char *buf, size_t s, size_t e) {
  size_t i = s;
  while (i < e && is_tchar((unsigned char)buf[i]))
    i++;
  if (i == s || i - s > PODD_HTTP_METHOD_MAX || i >= e || buf[i] != ' ') return -400;
  h->method.off = s;
  h->method.len = i - s;
  size_t t = ++i;
  while (i < e && is_vchar((unsigned char)buf[i]))
    i++;
  if (i == t || i >= e || buf[i] != ' ') return -400;
  h->target.off = t;
  h->target.len = i - t;
  i++;
  /* HTTP-version = "HTTP/" DIGIT "." DIGIT */
  if (e - i != 8 || memcmp(buf + i, "HTTP/", 5) != 0) return -400;
  char maj = buf[i + 5], dot = buf[i + 6], min = buf[i + 7];
  if (maj < '0' || maj > '9' || dot != '.' || min < '0' || min > '9') return -400;
  if (maj != '1' || (min != '0' && min != '1')) return -505;
  h->version_minor = min - '0';
  return 0;
}

static int parse_u64(const char *v, size_t n, uint64_t *out) {
  if (n == 0 || n > 19) return -1; /* 19 digits always fit in 64 bits */
  uint64_t x = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9') return -1;
    x = x * 10 + (uint64_t)(v[i] - '0');
  }
  *out = x;
  return 0;
}

static int parse_field(podd_http_head_t *h, const char *buf, size_t s, size_t e, int *conn_close,
                       int *conn_keep, int *has_te) {
  size_t i = s;
  while (i < e && is_tchar((unsigned char)buf[i]))
    i++;
  if (i == s || i >= e || buf[i] != ':') return -400; /* empty name, bad char, space before ':' */
  const char *name = buf + s;
  size_t name_len = i - s;
  size_t voff = i + 1, vlen = e - voff;
  for (size_t k = voff; k < e; k++)
    if (!is_field_char((unsigned char)buf[k])) return -400;
  trim(buf, &voff, &vlen);
  const char *v = buf + voff;

  if (eq_ci(name, name_len, "content-length")) {
    uint64_t x;
    if (parse_u64(v, vlen, &x) != 0) return -400;
    if (h->has_length && h->content_length != x) return -400;
    h->has_length = 1;
    h->content_length = x;
  } else if (eq_ci(name, name_len, "transfer-encoding")) {
    if (*has_te || !eq_ci(v, vlen, "chunked")) return *has_te ? -400 : -501;
    *has_te = 1;
    h->chunked = 1;
  } else if (eq_ci(name, name_len, "connection")) {
    if (list_has(v, vlen, "close")) *conn_close = 1;
    if (list_has(v, vlen, "keep-alive")) *conn_keep = 1;
    if (list_has(v, vlen, "upgrade")) h->conn_upgrade = 1;
  } else if (eq_ci(name, name_len, "content-type")) {
    h->content_type.off = voff;
    h->content_type.len = vlen;
  } else if (eq_ci(name, name_len, "expect")) {
    if (eq_ci(v, vlen, "100-continue")) h->expect_continue = 1;
  } else if (eq_ci(name, name_len, "upgrade")) {
    if (list_has(v, vlen, "websocket")) h->upgrade_websocket = 1;
  } else if (eq_ci(name, name_len, "sec-websocket-key")) {
    h->ws_key.off = voff;
    h->ws_key.len = vlen;
  } else if (eq_ci(name, name_len, "sec-websocket-version")) {
    uint64_t x;
    h->ws_version = (vlen <= 3 && parse_u64(v, vlen, &x) == 0) ? (int)x : -1;
  } else if (eq_ci(name, name_len, "access-control-request-headers")) {
    h->acr_headers.off = voff;
    h->acr_headers.len = vlen;
  }
  return 0;
}

long podd_http_parse_head(podd_http_head_t *h, const char *buf, size_t n, size_t max_head) {
  memset(h, 0, sizeof *h);
  h->ws_version = -1;
  if (n > max_head) n = max_head; /* never look past the cap */
  size_t i = 0;
  /* Skip empty lines before the request line (a client's stray CRLF after a body). */
  while (n - i >= 2 && buf[i] == '\r' && buf[i + 1] == '\n')
    i += 2;
  int bad = 0, conn_close = 0, conn_keep = 0, has_te = 0, fields = 0;
  size_t e = line_end(buf, n, i, &bad);
  if (bad) return -400;
  if (e == n) return n == max_head ? -431 : 0;
  int r = parse_request_line(h, buf, i, e);
  if (r) return r;
  i = e + 2;
  for (;;) {
    e = line_end(buf, n, i, &bad);
    if (bad) return -400;
    if (e == n) return n == max_head ? -431 : 0;
    if (e == i) break;                                /* the empty line: end of the head */
    if (buf[i] == ' ' || buf[i] == '\t') return -400; /* obsolete line folding */
    if (++fields > PODD_HTTP_MAX_HEADERS) return -431;
    r = parse_field(h, buf, i, e, &conn_close, &conn_keep, &has_te);
    if (r) return r;
    i = e + 2;
  }
  if (h->chunked && h->has_length) return -400; /* request smuggling guard (RFC 9112 §6.3) */
  h->keep_alive = h->version_minor == 1 ? !conn_close : (conn_keep && !conn_close);
  return (long)(e + 2);
}

/* ---- chunked bodies ---- */

static int hexval(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = lower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Walks the chunked body; with out != NULL copies the data. Same results as the scan. */
static long chunked_walk(const char *buf, size_t n, size_t max_body, size_t *body_len, char *out) {
  size_t i = 0, total = 0;
  for (;;) {
    /* chunk-size [ chunk-ext ] CRLF */
    size_t s = i;
    uint64_t size = 0;
    while (i < n && hexval((unsigned char)buf[i]) >= 0) {
      if (i - s >= 16) return -400;
      size = size * 16 + (uint64_t)hexval((unsigned char)buf[i]);
      i++;
    }
    if (i == n) return n - s > 16 ? -400 : 0;
    if (i == s) return -400;
    if (size > max_body - total) return -413;
    /* extensions: anything printable up to CRLF, bounded */
    while (i < n && buf[i] != '\r') {
      if (!is_field_char((unsigned char)buf[i]) || i - s > PODD_HTTP_CHUNK_LINE_MAX) return -400;
      i++;
    }
    if (n - i < 2) return i - s > PODD_HTTP_CHUNK_LINE_MAX ? -400 : 0;
    if (buf[i + 1] != '\n') return -400;
    i += 2;
    if (size == 0) break;
    /* data CRLF */
    if (size > n - i) return 0;
    if (out) memcpy(out + total, buf + i, (size_t)size);
    i += (size_t)size;
    total += (size_t)size;
    if (n - i < 2) return 0;
    if (buf[i] != '\r' || buf[i + 1] != '\n') return -400;
    i += 2;
  }
  /* trailer-section CRLF: field lines (ignored) then an empty line */
  for (;;) {
    int bad = 0;
    size_t e = line_end(buf, n, i, &bad);
    if (bad) return -400;
    if (e == n) return n - i > PODD_HTTP_CHUNK_LINE_MAX ? -400 : 0;
    if (e - i > PODD_HTTP_CHUNK_LINE_MAX) return -400;
    for (size_t k = i; k < e; k++)
      if (!is_field_char((unsigned char)buf[k])) return -400;
    int empty = e == i;
    i = e + 2;
    if (empty) break;
  }
  *body_len = total;
  return (long)i;
}

long podd_http_chunked_scan(const char *buf, size_t n, size_t max_body, size_t *body_len) {
  *body_len = 0;
  return chunked_walk(buf, n, max_body, body_len, NULL);
}

void podd_http_chunked_decode(char *out, const char *buf, size_t n) {
  size_t len;
  (void)chunked_walk(buf, n, (size_t)-1, &len, out);
}
