/* Plain epoll prototype: one thread, edge-free level-triggered epoll, a minimal HTTP/1.1 request
 * reader (request line, Content-Length, keep-alive). What podd's own transport would grow from. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>
#include "proto.h"

#define BUF 65536
struct conn {
  int fd;
  size_t n;
  char buf[BUF];
};

static volatile sig_atomic_t stop;
static void on_sig(int s) {
  (void)s;
  stop = 1;
}

/* Returns bytes consumed by one complete request, 0 if incomplete, -1 if malformed. */
static long one_request(const char *b, size_t n, int *is_post) {
  const char *end = memmem(b, n, "\r\n\r\n", 4);
  if (!end) return n >= BUF ? -1 : 0;
  size_t hdr = (size_t)(end - b) + 4, clen = 0;
  *is_post = n >= 5 && memcmp(b, "POST ", 5) == 0;
  for (const char *p = b; p < end; p++) {
    if ((p == b || p[-1] == '\n') && (size_t)(end - p) > 15 &&
        strncasecmp(p, "content-length:", 15) == 0)
      clen = strtoul(p + 15, NULL, 10);
  }
  if (clen > BUF - hdr) return -1;
  return n - hdr >= clen ? (long)(hdr + clen) : 0;
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  signal(SIGTERM, on_sig);
  signal(SIGINT, on_sig);
  int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0), one = 1;
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)proto_port(argc, argv));
  sa.sin_addr.s_addr = htonl(0x7f000001);
  if (bind(ls, (struct sockaddr *)&sa, sizeof sa) || listen(ls, 128)) {
    perror("bind");
    return 1;
  }
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  printf("ready\n");
  fflush(stdout);
  char out[512];
  int hl =
      snprintf(out, sizeof out,
               "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
               PROTO_ANSWER_LEN, PROTO_ANSWER);
  while (!stop) {
    struct epoll_event evs[64];
    int k = epoll_wait(ep, evs, 64, -1);
    for (int i = 0; i < k; i++) {
      struct conn *c = evs[i].data.ptr;
      if (!c) {
        int fd;
        while ((fd = accept4(ls, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          c = calloc(1, sizeof *c);
          c->fd = fd;
          struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
        }
        continue;
      }
      ssize_t r = read(c->fd, c->buf + c->n, BUF - c->n);
      if (r <= 0) {
        if (r < 0 && errno == EAGAIN) continue;
        close(c->fd);
        free(c);
        continue;
      }
      c->n += (size_t)r;
      long used;
      int post = 0;
      while ((used = one_request(c->buf, c->n, &post)) > 0) {
        if (post) {
          if (write(c->fd, out, (size_t)hl) != hl) break;
        } else if (write(c->fd, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n",
                         54) != 54)
          break;
        memmove(c->buf, c->buf + used, c->n - (size_t)used);
        c->n -= (size_t)used;
      }
      if (used < 0) {
        close(c->fd);
        free(c);
      }
    }
  }
  return 0;
}
