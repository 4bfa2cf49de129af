/* Fuzzes the client's WebSocket receive decoder (ws.h, pod_ws__rx_feed): the input is a stream
 * of server frames fed in pieces whose sizes come from the first byte, as a socket would deliver
 * them. No crash, no read past the input, every message within the caps, and the same events
 * whatever the split. */
#include <stdlib.h>
#include <string.h>

#include "client/ws.h"

#define CAP_FRAME 2048u
#define CAP_MSG 4096u

/* Runs the decoder over data with pieces of at most step bytes; returns a digest of the events. */
static uint64_t run(const uint8_t *data, size_t size, size_t step) {
  pod_ws_rx rx;
  pod_ws__rx_init(&rx, CAP_FRAME, CAP_MSG);
  uint8_t *buf = malloc(size ? size : 1);
  size_t have = 0, off = 0, fed = 0;
  uint64_t digest = 1469598103934665603ull;
  while (buf) {
    if (fed < size) { /* deliver the next piece */
      size_t n = size - fed < step ? size - fed : step;
      memcpy(buf + have, data + fed, n);
      have += n;
      fed += n;
    }
    pod_ws_event ev;
    long r = pod_ws__rx_feed(&rx, &ev, buf + off, have - off);
    if (r < 0) {
      digest = digest * 31 + (uint64_t)(-r);
      break;
    }
    if (r == 0) {
      if (fed == size) break;
      continue;
    }
    if ((size_t)r > have - off) abort();
    if (ev.op == POD_WS_TEXT || ev.op == POD_WS_BINARY) {
      if (ev.len > CAP_MSG) abort();
      for (size_t i = 0; i < ev.len; i++)
        digest = digest * 1099511628211ull ^ ev.data[i];
    }
    if (ev.op >= POD_WS_CLOSE && ev.len > 125) abort();
    digest = digest * 31 + (uint64_t)(ev.op + 2) + ev.close_code;
    off += (size_t)r;
  }
  pod_ws__rx_free(&rx);
  free(buf);
  return digest;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  size_t step = (size_t)data[0] % 17 + 1;
  uint64_t a = run(data + 1, size - 1, size);
  uint64_t b = run(data + 1, size - 1, step);
  if (a != b) abort();
  return 0;
}
