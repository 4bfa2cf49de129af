/* WebSocket frames (RFC 6455 §5.2): the header codec shared by podd (the server side of its
 * PubSub port) and the client's PubSub connection (src/client/ws.c). Pure functions over caller
 * buffers: they never allocate, never read past n, and every length is capped. Fuzzed by
 * fuzz_podd_ws and fuzz_client_ws. */
#ifndef POD_WS_H
#define POD_WS_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Opcodes. */
enum {
  POD_WS_CONT = 0x0,
  POD_WS_TEXT = 0x1,
  POD_WS_BINARY = 0x2,
  POD_WS_CLOSE = 0x8,
  POD_WS_PING = 0x9,
  POD_WS_PONG = 0xA
};

#define POD_WS_FRAME_HEAD_MAX 14 /* 2 + 8 (64-bit length) + 4 (masking key) */
#define POD_WS_ACCEPT_SZ 29      /* Sec-WebSocket-Accept: 28 base64 characters and a NUL */

typedef struct {
  int fin, opcode, masked;
  uint8_t mask[4];
  uint64_t len;    /* payload length */
  size_t head_len; /* bytes before the payload: 2..14 */
} pod_ws_frame_t;

/* Parses a frame header at buf[0..n). Returns its length (2..14) with *f filled, 0 if more bytes
 * are needed, or a negated WebSocket close code — not a POD_E* code, so the caller can close with
 * exactly it: -1002 for a protocol error (RSV bits set, reserved opcode, fragmented or > 125-byte
 * control frame, non-minimal or 64-bit-overflowing length), -1009 if the payload is longer than
 * max_payload. Whether the frame must be masked is the caller's check (a server requires it, a
 * client refuses it). */
POD_API long pod_ws_frame_parse(pod_ws_frame_t *f, const uint8_t *buf, size_t n,
                                uint64_t max_payload);

/* XORs p[0..n) with the masking key, starting at key byte (pos % 4): masks and unmasks. */
POD_API void pod_ws_mask(uint8_t *p, size_t n, const uint8_t mask[4], size_t pos);

/* Writes the header of a final frame with this opcode and payload length into out, masked with
 * mask (4 bytes) or unmasked when mask is NULL; returns its length (2..14). out holds
 * POD_WS_FRAME_HEAD_MAX bytes (10 suffice when mask is NULL). */
POD_API size_t pod_ws_frame_head(uint8_t *out, int opcode, uint64_t len, const uint8_t *mask);

/* Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 §4.2.2): base64(SHA-1(key + the GUID)),
 * 28 characters and a NUL in out. POD_OK, or POD_EDECODE if the key is not 24 base64 characters
 * decoding to 16 bytes (out is then ""). */
POD_API int pod_ws_accept(char out[POD_WS_ACCEPT_SZ], const char *key, size_t key_len);

#ifdef __cplusplus
}
#endif

#endif
