/* podd's transport: JSON-RPC round trips over loopback with keep-alive, against a real podd
 * (the placeholder dispatcher until the methods land, so this is the transport's cost).
 *
 *   podd_http.seq     1 client, sequential requests: per-request round trip
 *   podd_http.c16     16 clients (threads), one connection each: latency and total req/s
 *
 * Usage: bench_podd_http [PODD] [SECONDS]; PODD defaults to $PODD or ../src/podd/podd next to
 * this program (skipped with a note if absent); SECONDS (2) per measurement. */
#define _GNU_SOURCE
#include "bench_util.h"
#include "test/podd_spawn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLIENTS 16
#define MAX_SAMPLES 2000000

static const char BODY[] =
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getAccountInfo\",\"params\":["
    "\"9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin\",{\"encoding\":\"base64\","
    "\"commitment\":\"confirmed\",\"dataSlice\":{\"offset\":0,\"length\":64}}]}";
static char request[1024];
static size_t request_len;
static uint16_t port;

static int connect_port(void) {
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

/* One request/response on a kept-alive connection. 0 or -1. */
static int round_trip(int fd) {
  if (send(fd, request, request_len, MSG_NOSIGNAL) != (ssize_t)request_len) return -1;
  char buf[4096];
  size_t n = 0, need = 0;
  for (;;) {
    ssize_t r = recv(fd, buf + n, sizeof buf - n, 0);
    if (r <= 0) return -1;
    n += (size_t)r;
    if (!need) {
      char *e = memmem(buf, n, "\r\n\r\n", 4);
      if (!e) continue;
      char *cl = memmem(buf, (size_t)(e - buf), "Content-Length: ", 16);
      if (!cl) return -1;
      need = (size_t)(e - buf) + 4 + strtoul(cl + 16, NULL, 10);
    }
    if (n >= need) return n == need ? 0 : -1;
  }
}

typedef struct {
  uint64_t *samples;
  size_t n, cap;
  uint64_t until;
  int err;
} client_t;

static void *client_main(void *arg) {
  client_t *c = arg;
  int fd = connect_port();
  if (fd < 0) {
    c->err = 1;
    return NULL;
  }
  while (c->n < c->cap) {
    uint64_t t0 = bench_now_ns();
    if (round_trip(fd) != 0) {
      c->err = 1;
      break;
    }
    uint64_t t1 = bench_now_ns();
    c->samples[c->n++] = t1 - t0;
    if (t1 >= c->until) break;
  }
  close(fd);
  return NULL;
}

static pid_t start_podd(const char *bin, const char *dir) { return podd_spawn(bin, dir, &port); }

int main(int argc, char **argv) {
  char guess[PATH_MAX];
  const char *bin = argc > 1 ? argv[1] : getenv("PODD");
  double secs = argc > 2 ? atof(argv[2]) : 2.0;
  if (secs <= 0 || secs > 60) secs = 2.0;
  if (!bin) bin = bench_podd_default(guess, sizeof guess);
  if (!bin) return 1;
  if (access(bin, X_OK) != 0) {
    printf("# bench_podd_http: no podd at %s (build it, or pass its path); skipped\n", bin);
    return 0;
  }
  signal(SIGPIPE, SIG_IGN);
  char dir[] = "/tmp/podd-bench-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  pid_t pid = start_podd(bin, dir);
  if (pid < 0) {
    fprintf(stderr, "bench_podd_http: podd did not start\n");
    return 1;
  }
  request_len = (size_t)snprintf(request, sizeof request,
                                 "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                                 "application/json\r\nContent-Length: %zu\r\n\r\n%s",
                                 sizeof BODY - 1, BODY);
  int rc = 0;
  uint64_t *all = malloc(MAX_SAMPLES * sizeof *all);
  client_t *cl = calloc(CLIENTS, sizeof *cl);
  if (!all || !cl) return 1;

  /* sequential: one client */
  {
    int fd = connect_port();
    for (int i = 0; fd >= 0 && i < 500; i++)
      round_trip(fd); /* warm up */
    if (fd >= 0) close(fd);
    client_t c = {all, 0, MAX_SAMPLES, bench_now_ns() + (uint64_t)(secs * 1e9), 0};
    client_main(&c);
    bench_stats_t st;
    bench_stats(&st, all, c.n);
    bench_report("podd_http.seq (1 client, keep-alive)", &st);
    rc |= c.err;
  }
  /* concurrent: 16 clients */
  {
    uint64_t t0 = bench_now_ns(), until = t0 + (uint64_t)(secs * 1e9);
    pthread_t th[CLIENTS];
    for (int i = 0; i < CLIENTS; i++) {
      cl[i] =
          (client_t){all + (size_t)i * (MAX_SAMPLES / CLIENTS), 0, MAX_SAMPLES / CLIENTS, until, 0};
      pthread_create(&th[i], NULL, client_main, &cl[i]);
    }
    size_t total = 0;
    for (int i = 0; i < CLIENTS; i++) {
      pthread_join(th[i], NULL);
      rc |= cl[i].err;
    }
    double wall = (double)(bench_now_ns() - t0);
    for (int i = 0; i < CLIENTS; i++) { /* compact the samples */
      memmove(all + total, cl[i].samples, cl[i].n * sizeof *all);
      total += cl[i].n;
    }
    bench_stats_t st;
    bench_stats(&st, all, total);
    st.ops_per_s = (double)total * 1e9 / wall; /* all clients together */
    bench_report("podd_http.c16 (16 clients, keep-alive)", &st);
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) rc = 1;
  free(all);
  free(cl);
  if (rc) fprintf(stderr, "bench_podd_http: a request failed\n");
  return rc;
}
