/* podd's wire parsers: the HTTP/1.1 request head and chunked request bodies. Pure functions over
 * caller buffers: they never allocate, never read past n, and every length is capped. Fuzzed by
 * fuzz_podd_http; the server (http.c) is their only user. WebSocket frames and the handshake's
 * accept key are libpodcom's (pod/ws.h, shared with the client's PubSub connection; fuzzed here
 * by fuzz_podd_ws).
 *
 * Errors are returned as negated HTTP status codes (-400, -413, -431, -501, -505) or negated
 * WebSocket close codes (-1002, -1009), so the caller answers with exactly that code. */
#ifndef PODD_HTTP_PARSE_H
#define PODD_HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

#include <pod/ws.h>

#define PODD_HTTP_MAX_HEADERS 100     /* header lines per request (more: 431) */
#define PODD_HTTP_METHOD_MAX 16       /* method token length (longer: 400) */
#define PODD_HTTP_CHUNK_LINE_MAX 1024 /* chunk-size line with extensions (longer: 400) */

/* A piece of the parsed buffer: buf[off .. off+len). len 0 = absent. */
typedef struct {
  size_t off, len;
} podd_span_t;

typedef struct {
  podd_span_t method, target;
  int version_minor;        /* HTTP/1.<version_minor>: 0 or 1 */
  int keep_alive;           /* 1.1: unless "Connection: close"; 1.0: only with "keep-alive" */
  int has_length;           /* a Content-Length header was given */
  uint64_t content_length;  /* its value (duplicates must agree) */
  int chunked;              /* Transfer-Encoding: chunked */
  int expect_continue;      /* Expect: 100-continue */
  int conn_upgrade;         /* "upgrade" among the Connection tokens */
  int upgrade_websocket;    /* "websocket" among the Upgrade tokens */
  int ws_version;           /* Sec-WebSocket-Version, -1 if absent or not a number */
  podd_span_t content_type; /* trimmed values, len 0 if absent */
  podd_span_t ws_key;
  podd_span_t acr_headers; /* Access-Control-Request-Headers (CORS preflight) */
} podd_http_head_t;

/* Parses the request head (request line and header fields, through the empty line) at
 * buf[0..n). Empty lines before the request line are skipped (RFC 9112 §2.2). Lines end in
 * CRLF; obsolete line folding, whitespace before a colon, control characters, a malformed
 * Content-Length, Content-Length together with Transfer-Encoding: 400. A transfer coding other
 * than "chunked": 501. A version other than HTTP/1.0 and 1.1: 505. No end within max_head bytes
 * or more than PODD_HTTP_MAX_HEADERS fields: 431.
 * Returns the head's length (> 0) with *h filled, 0 if more bytes are needed (n < max_head), or a
 * negated status. */
long podd_http_parse_head(podd_http_head_t *h, const char *buf, size_t n, size_t max_head);

/* Scans a chunked body at buf[0..n). Returns the bytes it occupies, through the trailer section's
 * final CRLF, with *body_len the decoded size; 0 if more bytes are needed; -400 if malformed;
 * -413 if the decoded size would exceed max_body. */
long podd_http_chunked_scan(const char *buf, size_t n, size_t max_body, size_t *body_len);

/* Decodes a body that podd_http_chunked_scan accepted (same buf, n = its result) into out, which
 * holds at least *body_len bytes. */
void podd_http_chunked_decode(char *out, const char *buf, size_t n);

#endif
