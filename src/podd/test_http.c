/* The transport in-process (http.h) with handlers written for the test: per-request timeout
 * (504) without stalling other connections, deferred answers, podd_ws_send and podd_ws_close
 * from another thread, a slow WebSocket client dropped at max_ws_queue, on_ws_close once per
 * open, and start-up errors. Only 127.0.0.1; bounded waits. */
#define _GNU_SOURCE
#include "http.h"
#include "test/pod_test.h"
#include "test_client.h"

#include <pod/common.h>

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>

static atomic_ullong last_ws_id;
static atomic_int opens, closes, dropped_logged;

static void *finish_later(void *arg) {
  podd_http_call *call = arg;
  usleep(50000);
  podd_http_call_done(call);
  return NULL;
}

static int handler(void *user, podd_http *srv, podd_http_call *call, const podd_http_req_t *req,
                   podd_http_res_t *res) {
  (void)user, (void)srv;
  if (!strcmp(req->path, "/slow")) {
    usleep(1500000); /* beyond request_timeout_ms */
    podd_buf_puts(&res->body, "late");
  } else if (!strcmp(req->path, "/defer")) {
    podd_buf_puts(&res->body, "deferred");
    pthread_t t;
    pthread_create(&t, NULL, finish_later, call);
    pthread_detach(t);
    return PODD_HTTP_DEFER;
  } else if (!strcmp(req->path, "/big")) {
    for (int i = 0; i < 100 && !res->body.err; i++)
      podd_buf_printf(&res->body, "%0100d", i);
  } else {
    res->status = 201;
    snprintf(res->content_type, sizeof res->content_type, "text/plain");
    podd_buf_printf(&res->body, "%s %s %zu", req->method, req->path, req->body_len);
  }
  return PODD_HTTP_DONE;
}

static void on_open(void *user, podd_http *srv, podd_ws_id id) {
  (void)user, (void)srv;
  atomic_store(&last_ws_id, id);
  atomic_fetch_add(&opens, 1);
}

static void on_close(void *user, podd_http *srv, podd_ws_id id) {
  (void)user, (void)srv, (void)id;
  atomic_fetch_add(&closes, 1);
}

static void on_log(void *user, const char *line) {
  (void)user;
  if (strstr(line, "dropped") && strstr(line, "slow client")) atomic_store(&dropped_logged, 1);
}

/* Waits for the next on_ws_open (the id differs from prev). */
static podd_ws_id wait_open(podd_ws_id prev) {
  for (int i = 0; i < 500; i++) {
    podd_ws_id id = atomic_load(&last_ws_id);
    if (id && id != prev) return id;
    usleep(10000);
  }
  return 0;
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  char err[256];
  podd_http_opts_t o = PODD_HTTP_OPTS_INIT;
  podd_http *srv = NULL;
  /* option errors say what is wrong */
  o.http_port = 0;
  CHECK_EQ(podd_http_start(&srv, &o, err, sizeof err), POD_EINVAL);
  CHECK(strstr(err, "on_request") != NULL);
  o.on_request = handler;
  o.max_body = 0;
  CHECK_EQ(podd_http_start(&srv, &o, err, sizeof err), POD_EINVAL);
  CHECK(strstr(err, "max_body") != NULL);
  o.max_body = 4096;
  o.bind_addr = "localhost";
  CHECK_EQ(podd_http_start(&srv, &o, err, sizeof err), POD_EINVAL);
  o.bind_addr = "127.0.0.1";

  o.workers = 2;
  o.request_timeout_ms = 300;
  o.max_response = 4096;
  o.max_ws_queue = 65536;
  o.on_ws_open = on_open;
  o.on_ws_close = on_close;
  o.log = on_log;
  CHECK_EQ(podd_http_start(&srv, &o, err, sizeof err), POD_OK);
  if (!srv) {
    TEST_DONE();
  }
  uint16_t hp = 0, wp = 0;
  podd_http_ports(srv, &hp, &wp);
  CHECK(hp != 0 && wp != 0 && hp != wp);
  /* the port is taken now: a second server says so */
  podd_http *again = NULL;
  podd_http_opts_t o2 = o;
  o2.http_port = hp;
  o2.ws_port = (uint16_t)(wp + 1 == hp ? wp + 2 : wp + 1);
  CHECK_EQ(podd_http_start(&again, &o2, err, sizeof err), POD_EIO);
  CHECK(strstr(err, "bind") != NULL);

  char resp[16384];
  CHECK_EQ(raw_request(hp, "PUT /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", resp, sizeof resp),
           201);
  CHECK_STR(body_of(resp), "PUT /x 3");
  CHECK(strstr(resp, "Content-Type: text/plain") != NULL);
  /* a slow handler: 504 after request_timeout_ms, while another connection is served */
  int slow = tcp_connect(hp);
  const char *sreq = "GET /slow HTTP/1.1\r\n\r\n";
  CHECK(send_all(slow, sreq, strlen(sreq)) == 0);
  usleep(20000);
  uint64_t t0 = now_ms();
  CHECK_EQ(raw_request(hp, "GET /fast HTTP/1.1\r\n\r\n", resp, sizeof resp), 201);
  CHECK(now_ms() - t0 < 1000); /* not queued behind the 1.5 s handler */
  CHECK_EQ(read_response(slow, resp, sizeof resp, 5000), 504);
  CHECK(strstr(body_of(resp), "\"code\":-32000") != NULL && strstr(resp, "timed out") != NULL);
  /* the connection is still usable; the late answer is dropped */
  CHECK(send_all(slow, "GET /again HTTP/1.1\r\n\r\n", 23) == 0);
  CHECK_EQ(read_response(slow, resp, sizeof resp, 5000), 201);
  CHECK_STR(body_of(resp), "GET /again 0");
  close(slow);
  /* deferred answer, and a response over max_response (500) */
  CHECK_EQ(raw_request(hp, "GET /defer HTTP/1.1\r\n\r\n", resp, sizeof resp), 200);
  CHECK_STR(body_of(resp), "deferred");
  CHECK_EQ(raw_request(hp, "GET /big HTTP/1.1\r\n\r\n", resp, sizeof resp), 500);
  CHECK(strstr(resp, "response too large") != NULL);

  /* WebSocket: sends and a close from this thread */
  static char buf[1 << 16];
  size_t n = 0;
  int ws = ws_open(wp);
  CHECK(ws >= 0);
  podd_ws_id id = wait_open(0);
  CHECK(id != 0);
  CHECK_EQ(podd_ws_send(srv, id, "hello", 5), POD_OK);
  CHECK_EQ(ws_recv_frame(ws, buf, sizeof buf, &n), 1);
  CHECK_STR(buf, "hello");
  CHECK_EQ(podd_ws_close(srv, id, 4000, "bye"), POD_OK);
  CHECK_EQ(ws_recv_frame(ws, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 4000);
  CHECK(n == 5 && memcmp(buf + 2, "bye", 3) == 0);
  CHECK_EQ(podd_ws_send(srv, id, "late", 4), POD_ENOTFOUND);
  CHECK(wait_eof(ws, 5000));
  close(ws);

  /* a client that never reads: dropped when its queue passes max_ws_queue */
  ws = ws_open(wp);
  CHECK(ws >= 0);
  podd_ws_id id2 = wait_open(id);
  CHECK(id2 != 0 && id2 != id);
  static char chunk[16384];
  memset(chunk, 'x', sizeof chunk);
  int rc = POD_OK;
  for (int i = 0; i < 4000 && rc == POD_OK; i++) {
    rc = podd_ws_send(srv, id2, chunk, sizeof chunk);
    if (i % 16 == 0) usleep(1000);
  }
  CHECK_EQ(rc, POD_ELIMIT);
  for (int i = 0; i < 300 && !atomic_load(&dropped_logged); i++)
    usleep(10000);
  CHECK(atomic_load(&dropped_logged));
  CHECK_EQ(podd_ws_send(srv, id2, "x", 1), POD_ENOTFOUND);
  CHECK(wait_eof(ws, 5000));
  close(ws);
  CHECK_EQ(podd_ws_send(srv, 12345, "x", 1), POD_ENOTFOUND);

  /* stop with a WebSocket open: it gets 1001 and its on_ws_close */
  ws = ws_open(wp);
  CHECK(ws >= 0);
  CHECK(wait_open(id2) != 0);
  podd_http_stop(srv);
  CHECK_EQ(ws_recv_frame(ws, buf, sizeof buf, &n), 8);
  CHECK_EQ(close_code(buf, n), 1001);
  close(ws);
  CHECK_EQ(atomic_load(&opens), 3);
  CHECK_EQ(atomic_load(&closes), 3);
  TEST_DONE();
}
