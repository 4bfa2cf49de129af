/* A minimal HTTP/1.1 and RFC 6455 client over raw sockets for podd's tests: every wait is
 * bounded; only 127.0.0.1. Included by test_podd.c and test_http.c, which define _GNU_SOURCE
 * first (strcasestr). */
#ifndef PODD_TEST_CLIENT_H
#define PODD_TEST_CLIENT_H

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- raw sockets ---- */

static inline int tcp_connect(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    if (fd >= 0) close(fd);
    return -1;
  }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

static inline int send_all(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = send(fd, c, n, MSG_NOSIGNAL);
    if (w <= 0) return -1;
    c += w, n -= (size_t)w;
  }
  return 0;
}

/* Reads exactly n bytes within timeout_ms. 0, or -1 (EOF, error, timeout). */
static inline int recv_exact(int fd, void *p, size_t n, int timeout_ms) {
  char *c = p;
  uint64_t until = now_ms() + (uint64_t)timeout_ms;
  while (n) {
    int left = (int)(until > now_ms() ? until - now_ms() : 0);
    struct pollfd pf = {fd, POLLIN, 0};
    if (left == 0 || poll(&pf, 1, left) <= 0) return -1;
    ssize_t r = recv(fd, c, n, 0);
    if (r <= 0) return -1;
    c += r, n -= (size_t)r;
  }
  return 0;
}

/* 1 if the peer closes (EOF or reset) within timeout_ms, discarding anything it sends. */
static inline int wait_eof(int fd, int timeout_ms) {
  uint64_t until = now_ms() + (uint64_t)timeout_ms;
  while (now_ms() < until) {
    struct pollfd pf = {fd, POLLIN, 0};
    if (poll(&pf, 1, 50) <= 0) continue;
    char sink[4096];
    ssize_t r = recv(fd, sink, sizeof sink, 0);
    if (r <= 0) return 1;
  }
  return 0;
}

/* Reads one HTTP response (head + Content-Length body) into buf; returns the status or -1. */
static inline int read_response(int fd, char *buf, size_t cap, int timeout_ms) {
  size_t n = 0;
  buf[0] = 0;
  while (n < cap - 1) {
    if (recv_exact(fd, buf + n, 1, timeout_ms) != 0) return -1;
    n++;
    if (n >= 4 && memcmp(buf + n - 4, "\r\n\r\n", 4) == 0) break;
  }
  buf[n] = 0;
  int status = -1;
  if (sscanf(buf, "HTTP/1.1 %d", &status) != 1) return -1;
  const char *cl = strcasestr(buf, "\r\ncontent-length:");
  size_t len = cl ? strtoul(cl + 17, NULL, 10) : 0;
  if (len > cap - 1 - n || recv_exact(fd, buf + n, len, timeout_ms) != 0) return -1;
  buf[n + len] = 0;
  return status;
}

static inline int raw_request(uint16_t port, const char *req, char *resp, size_t cap) {
  int fd = tcp_connect(port);
  if (fd < 0) return -1;
  int st = send_all(fd, req, strlen(req)) == 0 ? read_response(fd, resp, cap, 5000) : -1;
  close(fd);
  return st;
}

static inline const char *body_of(const char *resp) {
  const char *b = strstr(resp, "\r\n\r\n");
  return b ? b + 4 : "";
}

/* ---- WebSocket client ---- */

static inline int ws_send_frame(int fd, int opcode, int fin, const void *p, size_t n) {
  uint8_t h[14];
  size_t hl = 0;
  h[hl++] = (uint8_t)((fin ? 0x80 : 0) | opcode);
  if (n < 126)
    h[hl++] = (uint8_t)(0x80 | n);
  else if (n <= 0xffff) {
    h[hl++] = 0x80 | 126;
    h[hl++] = (uint8_t)(n >> 8);
    h[hl++] = (uint8_t)n;
  } else {
    h[hl++] = 0x80 | 127;
    for (int k = 7; k >= 0; k--)
      h[hl++] = (uint8_t)((uint64_t)n >> (8 * k));
  }
  uint8_t mask[4] = {0x12, 0x34, 0x56, 0x78};
  memcpy(h + hl, mask, 4);
  hl += 4;
  uint8_t *m = malloc(n + 1);
  for (size_t i = 0; i < n; i++)
    m[i] = ((const uint8_t *)p)[i] ^ mask[i & 3];
  int r = send_all(fd, h, hl) == 0 && send_all(fd, m, n) == 0 ? 0 : -1;
  free(m);
  return r;
}

/* Receives one server frame (unmasked). Returns the opcode or -1; payload NUL-terminated. */
static inline int ws_recv_frame(int fd, char *buf, size_t cap, size_t *len) {
  uint8_t h[2];
  if (recv_exact(fd, h, 2, 5000) != 0) return -1;
  if (h[1] & 0x80) return -1; /* servers never mask */
  uint64_t n = h[1] & 0x7f;
  if (n == 126) {
    uint8_t e[2];
    if (recv_exact(fd, e, 2, 5000) != 0) return -1;
    n = (uint64_t)e[0] << 8 | e[1];
  } else if (n == 127) {
    uint8_t e[8];
    if (recv_exact(fd, e, 8, 5000) != 0) return -1;
    n = 0;
    for (int k = 0; k < 8; k++)
      n = n << 8 | e[k];
  }
  if (n >= cap || recv_exact(fd, buf, (size_t)n, 5000) != 0) return -1;
  buf[n] = 0;
  *len = (size_t)n;
  return h[0] & 0x0f;
}

static inline int ws_open(uint16_t port) {
  int fd = tcp_connect(port);
  if (fd < 0) return -1;
  const char *req = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n";
  char resp[1024];
  if (send_all(fd, req, strlen(req)) != 0 || read_response(fd, resp, sizeof resp, 5000) != 101 ||
      !strstr(resp, "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) {
    close(fd);
    return -1;
  }
  return fd;
}

static inline unsigned close_code(const char *p, size_t n) {
  return n >= 2 ? ((unsigned)(uint8_t)p[0] << 8 | (uint8_t)p[1]) : 0;
}

#endif
