/* Fuzzes the event decoders: the input as raw event bytes, as raw bytes after a discriminator
 * chosen by the first byte, and as a log line. Whatever decodes must re-encode to the same bytes
 * and survive a log-line round trip. */
#include <stdlib.h>
#include <string.h>

#include "pod/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_bytes(const uint8_t *data, size_t size) {
  pod_event_t e, f;
  int rc = pod_event_decode(&e, data, size);
  if (rc != POD_OK) {
    if (rc != POD_ENOTFOUND && rc != POD_EDECODE) abort();
    return;
  }
  if ((int)e.kind != pod_event_type(data, size)) abort();
  uint8_t *out = malloc(size ? size : 1);
  if (!out) return;
  size_t n = 0;
  if (pod_event_encode(out, size, &n, &e) != POD_OK || n != size || memcmp(out, data, size))
    abort();
  free(out);
  /* log line round trip (events over POD_EVENT_DATA_MAX are refused by the encoder) */
  static char line[POD_EVENT_LOG_MAX];
  static uint8_t scratch[POD_EVENT_DATA_MAX];
  size_t ln = 0;
  rc = pod_event_encode_log(line, sizeof line, &ln, &e);
  if (size > POD_EVENT_DATA_MAX) {
    if (rc != POD_ETOOLARGE) abort();
    return;
  }
  if (rc != POD_OK || ln != strlen(line)) abort();
  if (pod_event_decode_log(&f, scratch, sizeof scratch, line, ln) != POD_OK) abort();
  if (f.kind != e.kind || memcmp(scratch, data, size)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_bytes(data, size);
  if (size >= 1) {
    uint8_t *buf = malloc(size + 7);
    if (!buf) return 0;
    memcpy(buf, pod_event_disc(data[0] % POD_EVENT_COUNT), POD_DISC_SZ);
    memcpy(buf + POD_DISC_SZ, data + 1, size - 1);
    check_bytes(buf, size + 7);
    free(buf);
  }
  /* as a log line */
  static uint8_t scratch[POD_EVENT_DATA_MAX];
  pod_event_t e;
  int rc = pod_event_decode_log(&e, scratch, sizeof scratch, (const char *)data, size);
  if (rc == POD_OK) {
    /* the decoded bytes re-encode identically; the canonical line decodes to them again */
    static uint8_t raw[POD_EVENT_DATA_MAX], again[POD_EVENT_DATA_MAX];
    size_t n = 0, ln = 0, m = 0;
    if (pod_event_encode(raw, sizeof raw, &n, &e) != POD_OK || memcmp(raw, scratch, n)) abort();
    static char line[POD_EVENT_LOG_MAX];
    if (pod_event_encode_log(line, sizeof line, &ln, &e) != POD_OK) abort();
    pod_event_t f;
    if (pod_event_decode_log(&f, again, sizeof again, line, ln) != POD_OK || f.kind != e.kind)
      abort();
    if (pod_event_encode(again, sizeof again, &m, &f) != POD_OK || m != n || memcmp(again, raw, n))
      abort();
  } else if (rc != POD_ENOTFOUND && rc != POD_EDECODE && rc != POD_ENOSPC) {
    abort();
  }
  return 0;
}
