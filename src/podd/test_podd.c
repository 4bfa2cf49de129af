/* Integration test: starts the real podd on free ports (--rpc-port 0, the ready line says which)
 * and drives it over HTTP (libcurl and raw sockets) and WebSocket (a minimal RFC 6455 client
 * below). Only 127.0.0.1; every wait is bounded. Usage: test_podd PATH-TO-PODD */
#define _GNU_SOURCE
#include "test/pod_test.h"
#include "test_client.h"

#include <pod/ledger.h>

#include <curl/curl.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *podd_bin;
static uint16_t http_port, ws_port;
static const char JSON_REQ[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getSlot\"}";

/* ---- podd process ---- */

static pid_t start_podd(const char *dir, const char *const *extra) {
  int pfd[2];
  if (pipe(pfd) != 0) return -1;
  const char *argv[32] = {podd_bin, "--ledger", dir, "--rpc-port", "0"};
  int argc = 5;
  for (int i = 0; extra && extra[i] && argc < 30; i++)
    argv[argc++] = extra[i];
  argv[argc] = NULL;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(pfd[1], 1);
    close(pfd[0]);
    close(pfd[1]);
    execv(podd_bin, (char *const *)argv);
    _exit(127);
  }
  close(pfd[1]);
  char line[512];
  size_t n = 0;
  uint64_t until = now_ms() + 20000;
  while (n < sizeof line - 1 && now_ms() < until) {
    struct pollfd p = {pfd[0], POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) continue;
    ssize_t r = read(pfd[0], line + n, 1);
    if (r <= 0) break;
    if (line[n++] == '\n') break;
  }
  line[n] = 0;
  close(pfd[0]);
  unsigned hp = 0, wp = 0;
  const char *a = strstr(line, "rpc=http://127.0.0.1:"), *b = strstr(line, "ws=ws://127.0.0.1:");
  CHECK(strncmp(line, "podd ready ", 11) == 0);
  CHECK(strstr(line, dir) != NULL);
  if (!a || !b || sscanf(a, "rpc=http://127.0.0.1:%u", &hp) != 1 ||
      sscanf(b, "ws=ws://127.0.0.1:%u", &wp) != 1) {
    fprintf(stderr, "no ready line from podd: '%s'\n", line);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    return -1;
  }
  http_port = (uint16_t)hp;
  ws_port = (uint16_t)wp;
  return pid;
}

/* Sends SIGTERM; returns the exit status (or -1) and the time it took in *ms. */
static int stop_podd(pid_t pid, uint64_t *ms) {
  uint64_t t0 = now_ms();
  kill(pid, SIGTERM);
  int st = 0;
  for (;;) {
    pid_t r = waitpid(pid, &st, WNOHANG);
    if (r == pid) break;
    if (now_ms() - t0 > 15000) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
      return -1;
    }
    usleep(10000);
  }
  *ms = now_ms() - t0;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* ---- libcurl ---- */

typedef struct {
  char data[1 << 16];
  size_t len;
  int cors;
} sink_t;

static size_t on_body(char *p, size_t sz, size_t nm, void *u) {
  sink_t *s = u;
  size_t n = sz * nm, room = sizeof s->data - 1 - s->len;
  if (n > room) n = room;
  memcpy(s->data + s->len, p, n);
  s->len += n;
  s->data[s->len] = 0;
  return sz * nm;
}

static size_t on_header(char *p, size_t sz, size_t nm, void *u) {
  sink_t *s = u;
  if (sz * nm >= 32 && strncasecmp(p, "Access-Control-Allow-Origin: *", 30) == 0) s->cors = 1;
  return sz * nm;
}

/* One request on a reusable handle; returns the HTTP status, body in *s. */
static long curl_req(CURL *c, const char *method, const char *path, const char *body, size_t len,
                     sink_t *s) {
  char url[128];
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", http_port, path);
  s->len = 0;
  s->data[0] = 0;
  s->cors = 0;
  curl_easy_setopt(c, CURLOPT_URL, url);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, s);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, s);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 10000L);
  if (body) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
  } else {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
  if (curl_easy_perform(c) != CURLE_OK) return -1;
  long code = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

static void test_http(void) {
  CURL *c = curl_easy_init();
  struct curl_slist *hdr = curl_slist_append(NULL, "Content-Type: application/json");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
  sink_t *s = calloc(1, sizeof *s);
  long conns = -1;
  /* JSON-RPC POST, twice on one kept-alive connection */
  CHECK_EQ(curl_req(c, "POST", "/", JSON_REQ, strlen(JSON_REQ), s), 200);
  CHECK(strstr(s->data, "\"result\":") != NULL);
  CHECK(strstr(s->data, "\"jsonrpc\":\"2.0\"") != NULL);
  CHECK_EQ(s->cors, 1);
  CHECK_EQ(curl_req(c, "POST", "/", JSON_REQ, strlen(JSON_REQ), s), 200);
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &conns);
  CHECK_EQ(conns, 0); /* reused */
  /* GET /health */
  CHECK_EQ(curl_req(c, "GET", "/health", NULL, 0, s), 200);
  CHECK_STR(s->data, "ok");
  /* GET / is 405 with a JSON-RPC error; a keep-alive connection stays usable */
  CHECK_EQ(curl_req(c, "GET", "/", NULL, 0, s), 405);
  CHECK(strstr(s->data, "\"code\":-32600") != NULL && strstr(s->data, "\"id\":null") != NULL);
  /* lenient about Content-Type, like Solana's node */
  struct curl_slist *odd = curl_slist_append(NULL, "Content-Type: text/plain");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, odd);
  CHECK_EQ(curl_req(c, "POST", "/", JSON_REQ, strlen(JSON_REQ), s), 200);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
  /* body cap (--max-body 65536): 413 with a JSON-RPC error; just under it works (curl sends
   * Expect: 100-continue for these) */
  char *big = malloc(70000);
  memset(big, ' ', 70000);
  CHECK_EQ(curl_req(c, "POST", "/", big, 70000, s), 413);
  CHECK(strstr(s->data, "\"code\":-32600") != NULL && strstr(s->data, "65536") != NULL);
  CHECK_EQ(curl_req(c, "POST", "/", big, 65536, s), 200);
  free(big);
  /* CORS preflight */
  struct curl_slist *pre = curl_slist_append(NULL, "Access-Control-Request-Headers: content-type");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, pre);
  CHECK_EQ(curl_req(c, "OPTIONS", "/", NULL, 0, s), 200);
  CHECK_EQ(s->cors, 1);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
  curl_slist_free_all(pre);
  curl_slist_free_all(odd);
  curl_slist_free_all(hdr);
  curl_easy_cleanup(c);
  free(s);

  /* raw: malformed requests are 400 with a JSON-RPC error, then closed */
  char resp[8192];
  CHECK_EQ(raw_request(http_port, "GARBAGE\r\n\r\n", resp, sizeof resp), 400);
  CHECK(strstr(body_of(resp), "\"code\":-32600") != NULL);
  CHECK_EQ(
      raw_request(http_port, "POST / HTTP/1.1\r\nContent-Length: x\r\n\r\n", resp, sizeof resp),
      400);
  CHECK_EQ(raw_request(http_port, "POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n", resp,
                       sizeof resp),
           413);
  CHECK_EQ(raw_request(http_port, "GET / HTTP/3.0\r\n\r\n", resp, sizeof resp), 505);
  /* chunked request body; pipelined requests answered in order on one connection */
  CHECK_EQ(
      raw_request(http_port,
                  "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{}\n\r\n0\r\n\r\n",
                  resp, sizeof resp),
      200);
  int fd = tcp_connect(http_port);
  const char *two = "GET /health HTTP/1.1\r\n\r\nGET /nothing HTTP/1.1\r\n\r\n";
  CHECK(send_all(fd, two, strlen(two)) == 0);
  CHECK_EQ(read_response(fd, resp, sizeof resp, 5000), 200);
  CHECK_EQ(read_response(fd, resp, sizeof resp, 5000), 405);
  close(fd);
  /* header cap: 431 */
  char *hugeh = malloc(40000);
  size_t k = (size_t)snprintf(hugeh, 40000, "POST / HTTP/1.1\r\nX: ");
  memset(hugeh + k, 'a', 30000);
  memcpy(hugeh + k + 30000, "\r\n\r\n", 5);
  CHECK_EQ(raw_request(http_port, hugeh, resp, sizeof resp), 431);
  free(hugeh);
  /* garbage bytes: the server survives and keeps serving */
  fd = tcp_connect(http_port);
  uint8_t junk[65536];
  uint32_t x = 12345;
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (uint8_t)((x = x * 1103515245u + 12345u) >> 16);
  send_all(fd, junk, sizeof junk);
  CHECK(wait_eof(fd, 5000));
  close(fd);
  CHECK_EQ(raw_request(http_port, "GET /health HTTP/1.1\r\n\r\n", resp, sizeof resp), 200);
}

/* --max-connections 8: up to the cap all serve; beyond it 503 and the others keep working;
 * a slow-loris client is timed out (--header-timeout-ms 500) and its slot freed. */
static void test_caps(void) {
  enum { CAP = 8 };
  int fds[CAP];
  char resp[8192];
  const char *get = "GET /health HTTP/1.1\r\n\r\n";
  for (int i = 0; i < CAP; i++) {
    fds[i] = tcp_connect(http_port);
    CHECK(fds[i] >= 0 && send_all(fds[i], get, strlen(get)) == 0);
    CHECK_EQ(read_response(fds[i], resp, sizeof resp, 5000), 200);
  }
  int extra = tcp_connect(http_port);
  CHECK(extra >= 0);
  CHECK_EQ(read_response(extra, resp, sizeof resp, 5000), 503);
  CHECK(strstr(body_of(resp), "too many connections") != NULL);
  CHECK(wait_eof(extra, 5000));
  close(extra);
  for (int i = 0; i < CAP; i++) { /* the admitted ones still work */
    CHECK(send_all(fds[i], get, strlen(get)) == 0);
    CHECK_EQ(read_response(fds[i], resp, sizeof resp, 5000), 200);
  }
  /* the last slot becomes a slow loris: half a head, then nothing */
  close(fds[CAP - 1]);
  int loris = -1;
  for (int tries = 0; tries < 100 && loris < 0; tries++) { /* until the server saw the close */
    int fd = tcp_connect(http_port);
    const char *part = "POST / HTTP/1.1\r\nHost: x\r\n";
    send_all(fd, part, strlen(part));
    struct pollfd pf = {fd, POLLIN, 0};
    if (poll(&pf, 1, 100) > 0) { /* answered at once: still over the cap */
      close(fd);
      usleep(20000);
      continue;
    }
    loris = fd;
  }
  CHECK(loris >= 0);
  uint64_t t0 = now_ms();
  CHECK_EQ(read_response(loris, resp, sizeof resp, 5000), 408);
  CHECK(now_ms() - t0 < 3000);
  CHECK(wait_eof(loris, 5000));
  close(loris);
  int ok = 0; /* its slot is free again */
  for (int tries = 0; tries < 100 && !ok; tries++) {
    if (raw_request(http_port, get, resp, sizeof resp) == 200)
      ok = 1;
    else
      usleep(20000);
  }
  CHECK(ok);
  for (int i = 0; i < CAP - 1; i++)
    close(fds[i]);
}

/* ws_open, retried while earlier connections are still being released (bounded: 2 s). */
static int ws_open_retry(void) {
  for (int i = 0; i < 100; i++) {
    int fd = ws_open(ws_port);
    if (fd >= 0) return fd;
    usleep(20000);
  }
  return -1;
}

static void test_ws(void) {
  static char buf[1 << 16];
  size_t n = 0;
  /* the cap (--max-ws-connections 6): the 7th handshake is answered 503 */
  int cap[6];
  for (int i = 0; i < 6; i++)
    CHECK((cap[i] = ws_open(ws_port)) >= 0);
  char resp[2048];
  const char *hs =
      "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
  CHECK_EQ(raw_request(ws_port, hs, resp, sizeof resp), 503);
  for (int i = 0; i < 6; i++)
    close(cap[i]);
  int fd = ws_open_retry();
  CHECK(fd >= 0);
  /* An unknown method: the transport test wants one answer and no notifications after it. */
  const char *sub = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"noSuchMethod\"}";
  CHECK(ws_send_frame(fd, 1, 1, sub, strlen(sub)) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 1);
  CHECK(strstr(buf, "\"code\":-32601") != NULL);
  CHECK(ws_send_frame(fd, 9, 1, "hi", 2) == 0); /* ping -> pong with the same payload */
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 10);
  CHECK(n == 2 && memcmp(buf, "hi", 2) == 0);
  CHECK(ws_send_frame(fd, 1, 0, "{\"jsonrpc\":", 11) == 0); /* a fragmented message */
  CHECK(ws_send_frame(fd, 0, 1, "\"2.0\",\"id\":2,\"method\":\"nope\"}", 29) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 1);
  CHECK(strstr(buf, "-32601") != NULL);
  static char mid[3000]; /* a 16-bit length frame */
  memset(mid, ' ', sizeof mid);
  CHECK(ws_send_frame(fd, 1, 1, mid, sizeof mid) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 1);
  CHECK(ws_send_frame(fd, 8, 1, "\x03\xe8", 2) == 0); /* close 1000 */
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1000);
  CHECK(wait_eof(fd, 5000));
  close(fd);

  /* oversized frame (--max-ws-message 4096): close 1009, without reading the payload */
  fd = ws_open_retry();
  CHECK(fd >= 0);
  uint8_t h[14] = {0x81, 0x80 | 127, 0, 0, 0, 0, 0, 0x20, 0, 0, 1, 2, 3, 4}; /* 2 MiB */
  CHECK(send_all(fd, h, sizeof h) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1009);
  CHECK(wait_eof(fd, 5000));
  close(fd);
  /* oversized by fragments: 3 x 2000 bytes */
  fd = ws_open_retry();
  static char part[2000];
  memset(part, 'a', sizeof part);
  CHECK(ws_send_frame(fd, 1, 0, part, sizeof part) == 0);
  CHECK(ws_send_frame(fd, 0, 0, part, sizeof part) == 0);
  CHECK(ws_send_frame(fd, 0, 1, part, sizeof part) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1009);
  close(fd);
  /* unmasked client frame: 1002; invalid UTF-8: 1007; binary: 1003 */
  fd = ws_open_retry();
  CHECK(send_all(fd, "\x81\x02hi", 4) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1002);
  close(fd);
  fd = ws_open_retry();
  CHECK(ws_send_frame(fd, 1, 1, "\xff\xfe", 2) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1007);
  close(fd);
  fd = ws_open_retry();
  CHECK(ws_send_frame(fd, 2, 1, "\x00", 1) == 0);
  CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1003);
  close(fd);
  /* plain HTTP on the WebSocket port: 426 */
  CHECK_EQ(raw_request(ws_port, "GET / HTTP/1.1\r\n\r\n", resp, sizeof resp), 426);
  /* garbage on the WebSocket port, then it still serves */
  fd = tcp_connect(ws_port);
  send_all(fd, "\x00\x01\x02\r\n\r\n", 7);
  CHECK(wait_eof(fd, 5000));
  close(fd);
  fd = ws_open_retry();
  CHECK(fd >= 0);
  close(fd);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: test_podd PATH-TO-PODD\n");
    return 2;
  }
  podd_bin = argv[1];
  signal(SIGPIPE, SIG_IGN);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  char dir[] = "/tmp/podd-test-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);

  const char *const opts[] = {"--max-body",
                              "65536",
                              "--max-connections",
                              "8",
                              "--header-timeout-ms",
                              "500",
                              "--idle-timeout-ms",
                              "5000",
                              "--max-ws-message",
                              "4096",
                              "--max-ws-connections",
                              "6",
                              NULL};
  pid_t pid = start_podd(dir, opts);
  CHECK(pid > 0);
  if (pid > 0) {
    test_http();
    test_caps();
    test_ws();
    /* SIGTERM with a WebSocket open: it gets 1001, podd exits 0 promptly */
    int fd = ws_open_retry();
    CHECK(fd >= 0);
    uint64_t ms = 0;
    kill(pid, SIGTERM);
    static char buf[256];
    size_t n = 0;
    CHECK_EQ(ws_recv_frame(fd, buf, sizeof buf, &n), 8);
    CHECK_EQ(close_code(buf, n), 1001);
    ws_send_frame(fd, 8, 1, buf, 2); /* answer the close */
    close(fd);
    CHECK_EQ(stop_podd(pid, &ms), 0);
    CHECK(ms < 5000);
    /* the ledger was closed: it opens again */
    pod_ledger *l = NULL;
    CHECK_EQ(pod_ledger_open(&l, dir, NULL), POD_OK);
    pod_ledger_close(l);
    /* and podd starts on it again */
    pid = start_podd(dir, NULL);
    CHECK(pid > 0);
    if (pid > 0) {
      char resp[1024];
      CHECK_EQ(raw_request(http_port, "GET /health HTTP/1.1\r\n\r\n", resp, sizeof resp), 200);
      CHECK_EQ(stop_podd(pid, &ms), 0);
    }
  }
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
  curl_global_cleanup();
  TEST_DONE();
}
