/* Helpers shared by the reliability tests (docs/RELIABILITY.md): one JSON-RPC POST over a raw
 * socket with a bounded wait (no SDK in the way, for checks the SDK has no call for), podd's RSS
 * from /proc, percentiles. Include after defining _GNU_SOURCE (podd/test_client.h uses
 * strcasestr). */
#ifndef POD_REL_UTIL_H
#define POD_REL_UTIL_H

#include "podd/test_client.h"

#include <pod/json.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

/* POSTs body to http://127.0.0.1:port/ (Connection: close) and parses the JSON answer into
 * *doc (pod_json_free it). Returns the HTTP status, or -1 (no answer within timeout_ms, or an
 * answer that is not JSON: *doc NULL). */
static inline int rel_rpc(uint16_t port, const char *body, pod_json_doc **doc, int timeout_ms) {
  *doc = NULL;
  int fd = tcp_connect(port);
  if (fd < 0) return -1;
  char head[256];
  size_t blen = strlen(body);
  int hl = snprintf(head, sizeof head,
                    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Connection: close\r\nContent-Length: %zu\r\n\r\n",
                    blen);
  if (send_all(fd, head, (size_t)hl) != 0 || send_all(fd, body, blen) != 0) {
    close(fd);
    return -1;
  }
  /* read to EOF (Connection: close), at most 64 MiB */
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  uint64_t until = now_ms() + (uint64_t)timeout_ms;
  int ok = buf != NULL;
  while (ok) {
    if (n + 1 == cap) {
      char *nb = cap < ((size_t)64 << 20) ? realloc(buf, cap * 2) : NULL;
      if (!nb) {
        ok = 0;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    int left = (int)(until > now_ms() ? until - now_ms() : 0);
    struct pollfd pf = {fd, POLLIN, 0};
    if (left == 0 || poll(&pf, 1, left) <= 0) {
      ok = 0;
      break;
    }
    ssize_t r = recv(fd, buf + n, cap - 1 - n, 0);
    if (r < 0) ok = 0;
    if (r <= 0) break;
    n += (size_t)r;
  }
  close(fd);
  int status = -1;
  if (ok) {
    buf[n] = 0;
    const char *b = strstr(buf, "\r\n\r\n");
    if (b && sscanf(buf, "HTTP/1.1 %d", &status) == 1 &&
        pod_json_parse(doc, b + 4, n - (size_t)(b + 4 - buf), NULL, NULL) != POD_OK)
      status = -1;
  }
  free(buf);
  return status;
}

/* A field of /proc/PID/status in KiB ("VmRSS", "RssAnon": the heap, without the mapped ledger
 * file), 0 if unknown. */
static inline uint64_t rel_status_kib(pid_t pid, const char *field) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  uint64_t kib = 0;
  size_t fl = strlen(field);
  while (fgets(line, sizeof line, f))
    if (strncmp(line, field, fl) == 0 && line[fl] == ':') {
      kib = strtoull(line + fl + 1, NULL, 10);
      break;
    }
  fclose(f);
  return kib;
}

static inline int rel_cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* The p-th percentile (0..100) of n samples, sorted in place; 0 when n is 0. */
static inline uint64_t rel_percentile(uint64_t *v, size_t n, double p) {
  if (n == 0) return 0;
  qsort(v, n, sizeof *v, rel_cmp_u64);
  size_t i = (size_t)(p / 100.0 * (double)(n - 1) + 0.5);
  return v[i < n ? i : n - 1];
}

/* An environment variable as a positive integer, else dflt. */
static inline long rel_env_long(const char *name, long dflt) {
  const char *s = getenv(name);
  long v = s ? strtol(s, NULL, 10) : 0;
  return v > 0 ? v : dflt;
}

#endif
