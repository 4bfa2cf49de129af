/* Fuzzes the WebSocket frame parser over a stream of frames, the unmasking and the handshake
 * key: no crash, no read past the input, lengths within the cap. */
#include "http_parse.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *buf = malloc(size ? size : 1);
  if (!buf) return 0;
  if (size) memcpy(buf, data, size);
  char acc[29];
  (void)pod_ws_accept(acc, (const char *)buf, size < 64 ? size : 64);
  size_t off = 0;
  for (int k = 0; k < 1000 && off < size; k++) {
    pod_ws_frame_t f;
    long r = pod_ws_frame_parse(&f, buf + off, size - off, 4096);
    if (r <= 0) break;
    if ((size_t)r > size - off || f.len > 4096) abort();
    off += (size_t)r;
    if (f.len > size - off) break;
    pod_ws_mask(buf + off, (size_t)f.len, f.mask, 0);
    uint8_t head[10];
    size_t hl = pod_ws_frame_head(head, f.opcode, f.len, NULL);
    pod_ws_frame_t g;
    if (pod_ws_frame_parse(&g, head, hl, 4096) != (long)hl || g.len != f.len) abort();
    off += (size_t)f.len;
  }
  free(buf);
  return 0;
}
