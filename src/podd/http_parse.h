/* podd's wire parsers: the HTTP/1.1 request head, chunked request bodies, WebSocket frames
 * (RFC 6455) and the handshake's accept key. Pure functions over caller buffers: they never
 * allocate, never read past n, and every length is capped. Fuzzed by fuzz_podd_http and
 * fuzz_podd_ws; the server (http.c) is their only user.
 *
 * Errors are returned as negated HTTP status codes (-400, -413, -431, -501, -505) or negated
 * WebSocket close codes (-1002, -1009), so the caller answers with exactly that code. */
#ifndef PODD_HTTP_PARSE_H
#define PODD_HTTP_PARSE_H

#include <stddef.h>
#include <stdint.h>

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

/* WebSocket opcodes. */
enum {
  PODD_WS_CONT = 0x0,
  PODD_WS_TEXT = 0x1,
  PODD_WS_BINARY = 0x2,
  PODD_WS_CLOSE = 0x8,
  PODD_WS_PING = 0x9,
  PODD_WS_PONG = 0xA
};

typedef struct {
  int fin, opcode, masked;
  uint8_t mask[4];
  uint64_t len;    /* payload length */
  size_t head_len; /* bytes before the payload: 2..14 */
} podd_ws_frame_t;

/* Parses a frame header at buf[0..n). Returns its length (2..14) with *f filled, 0 if more bytes
 * are needed, -1002 for a protocol error (RSV bits set, reserved opcode, fragmented or > 125-byte
 * control frame, non-minimal or 64-bit-overflowing length), -1009 if the payload is longer than
 * max_payload. Whether the frame is masked is the caller's check (clients must mask). */
long podd_ws_frame_parse(podd_ws_frame_t *f, const uint8_t *buf, size_t n, uint64_t max_payload);

/* XORs p[0..n) with the mask, starting at mask byte (pos % 4). */
void podd_ws_unmask(uint8_t *p, size_t n, const uint8_t mask[4], size_t pos);

/* Writes the header of an unmasked, final frame with this opcode and payload length; returns its
 * length (2, 4 or 10). */
size_t podd_ws_frame_head(uint8_t out[10], int opcode, uint64_t len);

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(SHA-1(key "258EAFA5-...")), 28 characters
 * and a NUL. Returns 0, or -1 if the key is not 24 base64 characters decoding to 16 bytes. */
int podd_ws_accept(char out[29], const char *key, size_t key_len);

/* SHA-1 (FIPS 180-4), only for the handshake above: never for anything needing security. */
void podd_sha1(uint8_t out[20], const void *data, size_t len);

#endif
