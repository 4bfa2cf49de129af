/* podd: Solana-compatible JSON-RPC (HTTP) and PubSub (WebSocket) server over a PoD ledger.
 * Foreground; see docs/PODD.md. Uses only the public headers of libpodcom. */
#include "content.h"
#include "http.h"
#include "rpc.h"

#include <pod/common.h>
#include <pod/ledger.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
  rpc_ctx *rpc;
  int quiet;
  char content_dir[4096]; /* <ledger>/content: the content endpoints' folder (content.h) */
} app_t;

static const char USAGE[] =
    "usage: podd --ledger DIR [--rpc-port N] [--bind ADDR] [--faucet-lamports N] [--slot-ms N]\n"
    "            [--ready-fd FD] [-q] [options]\n"
    "Serves Solana's JSON-RPC on http://ADDR:N (8899) and PubSub on ws://ADDR:N+1 over the\n"
    "ledger in DIR (created if empty), and the IPFS HTTP API's POST /api/v0/add and /api/v0/cat\n"
    "over DIR/content (message payloads). Stops cleanly on SIGINT or SIGTERM.\n"
    "  --ledger DIR              the ledger directory (required)\n"
    "  --rpc-port N              JSON-RPC port (8899; 0: any free port, see the ready line)\n"
    "  --ws-port N               PubSub port (the RPC port + 1)\n"
    "  --bind ADDR               numeric address to listen on (127.0.0.1)\n"
    "  --faucet-lamports N       largest airdrop per request (100000000000; 0: no cap)\n"
    "  --slot-ms N               slot length in milliseconds (400)\n"
    "  --ready-fd FD             also write the ready line to FD, then close it\n"
    "  -q, --quiet               no log lines on stderr\n"
    "  --rpc-threads N           handler threads (2)\n"
    "  --max-body BYTES          request body cap (1048576; over: 413)\n"
    "  --max-header BYTES        request line + headers cap (16384; over: 431)\n"
    "  --max-connections N       HTTP connections (256; over: 503)\n"
    "  --max-ws-connections N    WebSocket connections (256; over: 503)\n"
    "  --idle-timeout-ms N       keep-alive idle and stalled-send timeout (30000)\n"
    "  --header-timeout-ms N     time to receive a whole request (10000; over: 408)\n"
    "  --request-timeout-ms N    time to answer a request (30000; over: 504)\n"
    "  --max-ws-message BYTES    WebSocket message cap (1048576; over: close 1009)\n"
    "  --max-ws-queue BYTES      per-WebSocket outbound queue (16777216; over: dropped)\n"
    "  -h, --help, --version\n";

static int usage_error(const char *fmt, const char *arg) {
  fprintf(stderr, "podd: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\n(podd --help lists the options)\n");
  return 2;
}

/* Parses a decimal in [lo, hi]; 0 or -1. */
static int parse_num(const char *s, unsigned long long lo, unsigned long long hi,
                     unsigned long long *out) {
  if (!s || !*s || *s == '-' || *s == '+') return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || *end || v < lo || v > hi) return -1;
  *out = v;
  return 0;
}

static void log_line(void *user, const char *line) {
  const app_t *a = user;
  if (!a->quiet) fprintf(stderr, "podd: %s\n", line);
}

static int path_is(const char *path, const char *want) {
  size_t n = strlen(want);
  return strncmp(path, want, n) == 0 && (path[n] == 0 || path[n] == '?');
}

static int on_request(void *user, podd_http *srv, podd_http_call *call, const podd_http_req_t *req,
                      podd_http_res_t *res) {
  (void)srv, (void)call;
  app_t *a = user;
  int get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;
  if (get && path_is(req->path, "/health")) { /* Solana's node: "ok" while healthy */
    snprintf(res->content_type, sizeof res->content_type, "text/plain");
    podd_buf_puts(&res->body, "ok");
    return PODD_HTTP_DONE;
  }
  if (podd_content_route(req->path)) return podd_content_handle(a->content_dir, req, res);
  if (strcmp(req->method, "POST") != 0) {
    res->status = 405;
    podd_jsonrpc_error(&res->body, -32600,
                       "Used HTTP Method is not allowed. POST or OPTIONS is required");
    return PODD_HTTP_DONE;
  }
  int rc = rpc_handle(a->rpc, req->body, req->body_len, &res->body);
  if (rc != POD_OK && !res->body.err) {
    char msg[128];
    snprintf(msg, sizeof msg, "Internal error: %s", pod_strerror(rc));
    podd_buf_reset(&res->body);
    res->status = 500;
    podd_jsonrpc_error(&res->body, -32603, msg);
  }
  return PODD_HTTP_DONE;
}

static void on_ws_open(void *user, podd_http *srv, podd_ws_id id) {
  rpc_ws_open(((app_t *)user)->rpc, srv, id);
}
static void on_ws_message(void *user, podd_http *srv, podd_ws_id id, const char *text, size_t len) {
  rpc_ws_message(((app_t *)user)->rpc, srv, id, text, len);
}
static void on_ws_close(void *user, podd_http *srv, podd_ws_id id) {
  rpc_ws_close(((app_t *)user)->rpc, srv, id);
}

int main(int argc, char **argv) {
  podd_http_opts_t ho = PODD_HTTP_OPTS_INIT;
  pod_ledger_opts_t lo = POD_LEDGER_OPTS_INIT;
  const char *ledger_dir = NULL;
  int ready_fd = -1;
  app_t app = {NULL, 0, ""};

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(USAGE, stdout);
      return 0;
    }
    if (!strcmp(a, "--version")) {
      printf("podd %s\n", pod_version());
      return 0;
    }
    if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
      app.quiet = 1;
      continue;
    }
    if (a[0] != '-' || a[1] != '-') return usage_error("unexpected argument '%s'", a);
    if (i + 1 >= argc) return usage_error("%s needs a value", a);
    const char *v = argv[++i];
    unsigned long long n = 0;
#define NUM(lo_, hi_)                                                                              \
  if (parse_num(v, lo_, hi_, &n) != 0) {                                                           \
    fprintf(stderr, "podd: %s: '%s' is not a number in %llu..%llu\n", a, v,                        \
            (unsigned long long)(lo_), (unsigned long long)(hi_));                                 \
    return 2;                                                                                      \
  }
    if (!strcmp(a, "--ledger"))
      ledger_dir = v;
    else if (!strcmp(a, "--bind"))
      ho.bind_addr = v;
    else if (!strcmp(a, "--rpc-port")) {
      NUM(0, 65535) ho.http_port = (uint16_t)n;
    } else if (!strcmp(a, "--ws-port")) {
      NUM(1, 65535) ho.ws_port = (uint16_t)n;
    } else if (!strcmp(a, "--faucet-lamports")) {
      NUM(0, UINT64_MAX) lo.faucet_cap = n;
    } else if (!strcmp(a, "--slot-ms")) {
      NUM(1, 3600000) lo.slot_ms = (uint32_t)n;
    } else if (!strcmp(a, "--ready-fd")) {
      NUM(0, INT_MAX) ready_fd = (int)n;
    } else if (!strcmp(a, "--rpc-threads")) {
      NUM(1, 64) ho.workers = (unsigned)n;
    } else if (!strcmp(a, "--max-body")) {
      NUM(1, 1u << 30) ho.max_body = (size_t)n;
    } else if (!strcmp(a, "--max-header")) {
      NUM(1024, 1u << 20) ho.max_head = (size_t)n;
    } else if (!strcmp(a, "--max-connections")) {
      NUM(1, 65536) ho.max_conns = (unsigned)n;
    } else if (!strcmp(a, "--max-ws-connections")) {
      NUM(1, 65536) ho.max_ws_conns = (unsigned)n;
    } else if (!strcmp(a, "--idle-timeout-ms")) {
      NUM(1, 86400000) ho.idle_timeout_ms = (unsigned)n;
    } else if (!strcmp(a, "--header-timeout-ms")) {
      NUM(1, 86400000) ho.head_timeout_ms = (unsigned)n;
    } else if (!strcmp(a, "--request-timeout-ms")) {
      NUM(1, 86400000) ho.request_timeout_ms = (unsigned)n;
    } else if (!strcmp(a, "--max-ws-message")) {
      NUM(125, 1u << 30) ho.max_ws_message = (size_t)n;
    } else if (!strcmp(a, "--max-ws-queue")) {
      NUM(1024, (uint64_t)1 << 40) ho.max_ws_queue = (size_t)n;
    } else {
      return usage_error("unknown option '%s'", a);
    }
#undef NUM
  }
  if (!ledger_dir) return usage_error("%s", "--ledger DIR is required");
  if ((size_t)snprintf(app.content_dir, sizeof app.content_dir, "%s/content", ledger_dir) >=
      sizeof app.content_dir)
    return usage_error("%s", "--ledger DIR: path too long");

  /* SIGINT/SIGTERM are taken by sigwait below; every thread started later inherits the mask. */
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, NULL);
  signal(SIGPIPE, SIG_IGN);

  pod_ledger *ledger = NULL;
  int rc = pod_ledger_open(&ledger, ledger_dir, &lo);
  if (rc != POD_OK) {
    fprintf(stderr, "podd: cannot open the ledger in %s: %s%s\n", ledger_dir, pod_strerror(rc),
            rc == POD_EPERM ? " (is another podd using it?)" : "");
    return 1;
  }
  rpc_opts_t ro = {lo.faucet_cap, lo.slot_ms};
  if ((rc = rpc_new(&app.rpc, ledger, &ro)) != POD_OK) {
    fprintf(stderr, "podd: %s\n", pod_strerror(rc));
    pod_ledger_close(ledger);
    return 1;
  }
  ho.on_request = on_request;
  ho.on_ws_open = on_ws_open;
  ho.on_ws_message = on_ws_message;
  ho.on_ws_close = on_ws_close;
  ho.log = log_line;
  ho.user = &app;
  podd_http *srv = NULL;
  char err[256];
  if ((rc = podd_http_start(&srv, &ho, err, sizeof err)) != POD_OK) {
    fprintf(stderr, "podd: %s\n", err);
    rpc_free(app.rpc);
    pod_ledger_close(ledger);
    return rc == POD_EINVAL ? 2 : 1;
  }

  uint16_t hp, wp;
  podd_http_ports(srv, &hp, &wp);
  int v6 = strchr(ho.bind_addr, ':') != NULL;
  char line[512];
  int n =
      snprintf(line, sizeof line, "podd ready rpc=http://%s%s%s:%u ws=ws://%s%s%s:%u ledger=%s\n",
               v6 ? "[" : "", ho.bind_addr, v6 ? "]" : "", hp, v6 ? "[" : "", ho.bind_addr,
               v6 ? "]" : "", wp, ledger_dir);
  fputs(line, stdout);
  fflush(stdout);
  if (ready_fd >= 0) {
    if (n > 0 && write(ready_fd, line, (size_t)n) != n && !app.quiet)
      fprintf(stderr, "podd: --ready-fd %d: %s\n", ready_fd, strerror(errno));
    close(ready_fd);
  }

  int sig = 0;
  while (sigwait(&sigs, &sig) != 0) {
  }
  if (!app.quiet) fprintf(stderr, "podd: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  podd_http_stop(srv); /* finishes in-flight requests, closes WebSockets, joins its threads */
  rpc_free(app.rpc);
  pod_ledger_close(ledger);
  if (!app.quiet) fprintf(stderr, "podd: stopped\n");
  return 0;
}
