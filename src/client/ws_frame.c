/* The WebSocket frame codec (pod/ws.h) and the client's receive decoder (ws.h): no I/O and no
 * libcurl here, so that podd, which uses the frame codec, does not pull in libcurl. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "pod/encode.h"
#include "pod/hash.h"
#include "pod/ws.h"
#include "ws.h"

/* ------------------------------------------------------------------------------------------
 * the receive decoder
 * ---------------------------------------------------------------------------------------- */

void pod_ws__rx_init(pod_ws_rx *rx, size_t max_frame, size_t max_msg) {
  memset(rx, 0, sizeof *rx);
  rx->max_frame = max_frame ? max_frame : POD_WS_FRAME_MAX;
  rx->max_msg = max_msg ? max_msg : POD_WS_MESSAGE_MAX;
}

void pod_ws__rx_free(pod_ws_rx *rx) {
  free(rx->msg);
  rx->msg = NULL;
  rx->msg_len = rx->msg_cap = 0;
  rx->msg_op = 0;
}

/* ---- the frame header codec (pod/ws.h), shared with podd ---- */

long pod_ws_frame_parse(pod_ws_frame_t *f, const uint8_t *buf, size_t n, uint64_t max_payload) {
  memset(f, 0, sizeof *f);
  if (n < 2) return 0;
  uint8_t b0 = buf[0], b1 = buf[1];
  if (b0 & 0x70) return -1002; /* RSV1-3: no extension was negotiated */
  f->fin = (b0 & 0x80) != 0;
  f->opcode = b0 & 0x0f;
  f->masked = (b1 & 0x80) != 0;
  int op = f->opcode;
  if (op != POD_WS_CONT && op != POD_WS_TEXT && op != POD_WS_BINARY && op != POD_WS_CLOSE &&
      op != POD_WS_PING && op != POD_WS_PONG)
    return -1002;
  uint64_t len = b1 & 0x7f;
  size_t i = 2;
  if (len == 126) {
    if (n - i < 2) return 0;
    len = ((uint64_t)buf[i] << 8) | buf[i + 1];
    if (len < 126) return -1002; /* minimal encoding required (RFC 6455 §5.2) */
    i += 2;
  } else if (len == 127) {
    if (n - i < 8) return 0;
    len = 0;
    for (size_t k = 0; k < 8; k++)
      len = (len << 8) | buf[i + k];
    if (len >> 63 || len <= 0xffff) return -1002;
    i += 8;
  }
  if (op >= POD_WS_CLOSE && (!f->fin || len > 125)) return -1002;
  if (f->masked) {
    if (n - i < 4) return 0;
    memcpy(f->mask, buf + i, 4);
    i += 4;
  }
  if (len > max_payload) return -1009;
  f->len = len;
  f->head_len = i;
  return (long)i;
}

void pod_ws_mask(uint8_t *p, size_t n, const uint8_t mask[4], size_t pos) {
  for (size_t i = 0; i < n; i++)
    p[i] ^= mask[(pos + i) & 3];
}

size_t pod_ws_frame_head(uint8_t *out, int opcode, uint64_t len, const uint8_t *mask) {
  size_t i = 2;
  uint8_t m = mask ? 0x80 : 0;
  out[0] = (uint8_t)(0x80 | (opcode & 0x0f));
  if (len < 126) {
    out[1] = (uint8_t)(m | len);
  } else if (len <= 0xffff) {
    out[1] = m | 126;
    out[2] = (uint8_t)(len >> 8);
    out[3] = (uint8_t)len;
    i = 4;
  } else {
    out[1] = m | 127;
    for (int k = 0; k < 8; k++)
      out[2 + k] = (uint8_t)(len >> (56 - 8 * k));
    i = 10;
  }
  if (!mask) return i;
  memcpy(out + i, mask, 4);
  return i + 4;
}

int pod_ws_accept(char out[POD_WS_ACCEPT_SZ], const char *key, size_t key_len) {
  static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  uint8_t raw[18];
  size_t raw_len = 0;
  out[0] = 0;
  if (!key || key_len != 24 || pod_base64_decode(raw, sizeof raw, &raw_len, key, key_len) != 0 ||
      raw_len != 16)
    return POD_EDECODE;
  char cat[24 + sizeof guid];
  memcpy(cat, key, 24);
  memcpy(cat + 24, guid, sizeof guid - 1);
  uint8_t digest[20];
  pod_sha1(digest, cat, 24 + sizeof guid - 1);
  return pod_base64_encode(out, POD_WS_ACCEPT_SZ, NULL, digest, 20) == 0 ? POD_OK : POD_EDECODE;
}

/* ---- the receive decoder ---- */

long pod_ws__rx_feed(pod_ws_rx *rx, pod_ws_event *ev, const uint8_t *buf, size_t n) {
  memset(ev, 0, sizeof *ev);
  ev->op = -1;
  pod_ws_frame_t f;
  long hr = pod_ws_frame_parse(&f, buf, n, rx->max_frame);
  if (hr <= 0) return hr;
  if (f.masked) return -1002; /* a server never masks (RFC 6455 §5.1) */
  size_t i = f.head_len;
  int fin = f.fin, op = f.opcode;
  uint64_t len = f.len;
  if (len > n - i) return 0;
  const uint8_t *p = buf + i;
  size_t plen = (size_t)len, used = i + plen;
  if (op >= POD_WS_CLOSE) {
    ev->op = op;
    ev->data = p;
    ev->len = plen;
    if (op == POD_WS_CLOSE) {
      if (plen == 1) return -1002;
      ev->close_code = plen >= 2 ? (uint16_t)(p[0] << 8 | p[1]) : 1005;
      if (plen > 2 && !pod_utf8_valid((const char *)p + 2, plen - 2)) return -1007;
      if (plen >= 2) {
        ev->data = p + 2;
        ev->len = plen - 2;
      }
    }
    return (long)used;
  }
  if (op == POD_WS_CONT) {
    if (!rx->msg_op) return -1002; /* a continuation with no message in progress */
  } else if (rx->msg_op) {
    return -1002; /* a new message before the last one's final fragment */
  }
  if (op != POD_WS_CONT && fin) { /* the common case: one frame, no copy */
    if (op == POD_WS_TEXT && !pod_utf8_valid((const char *)p, plen)) return -1007;
    if (plen > rx->max_msg) return -1009;
    ev->op = op;
    ev->data = p;
    ev->len = plen;
    return (long)used;
  }
  if (plen > rx->max_msg - rx->msg_len) return -1009;
  if (rx->msg_len + plen > rx->msg_cap) {
    size_t nc = rx->msg_cap ? rx->msg_cap : 4096;
    while (nc < rx->msg_len + plen)
      nc *= 2;
    uint8_t *nb = realloc(rx->msg, nc);
    if (!nb) return -1011;
    rx->msg = nb;
    rx->msg_cap = nc;
  }
  if (plen) memcpy(rx->msg + rx->msg_len, p, plen);
  rx->msg_len += plen;
  if (op != POD_WS_CONT) rx->msg_op = op;
  if (!fin) return (long)used;
  int mop = rx->msg_op;
  rx->msg_op = 0;
  size_t mlen = rx->msg_len;
  rx->msg_len = 0;
  if (mop == POD_WS_TEXT && !pod_utf8_valid((const char *)rx->msg, mlen)) return -1007;
  ev->op = mop;
  ev->data = rx->msg;
  ev->len = mlen;
  return (long)used;
}
