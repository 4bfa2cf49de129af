/* podd's parsers (http_parse.h): known answers, every refusal, byte-at-a-time feeding. */
#include "http_parse.h"
#include "test/pod_test.h"

static long head(podd_http_head_t *h, const char *s) {
  return podd_http_parse_head(h, s, strlen(s), 16384);
}

static void test_head(void) {
  podd_http_head_t h;
  const char *req = "POST /x?y=1 HTTP/1.1\r\nHost: a\r\ncontent-TYPE:  application/json \r\n"
                    "Content-Length: 5\r\nConnection: keep-alive, Upgrade\r\n\r\nhello";
  long n = head(&h, req);
  CHECK_EQ(n, (long)(strlen(req) - 5));
  CHECK(h.method.len == 4 && !memcmp(req + h.method.off, "POST", 4));
  CHECK(h.target.len == 6 && !memcmp(req + h.target.off, "/x?y=1", 6));
  CHECK(h.content_type.len == 16 && !memcmp(req + h.content_type.off, "application/json", 16));
  CHECK_EQ(h.version_minor, 1);
  CHECK_EQ(h.keep_alive, 1);
  CHECK_EQ(h.has_length, 1);
  CHECK_EQ(h.content_length, 5);
  CHECK_EQ(h.conn_upgrade, 1);
  /* every prefix needs more bytes */
  for (size_t k = 0; k < (size_t)n; k++)
    CHECK_EQ(podd_http_parse_head(&h, req, k, 16384), 0);
  /* leading empty lines are skipped */
  CHECK_EQ(head(&h, "\r\n\r\nGET / HTTP/1.0\r\n\r\n"), 22);
  CHECK_EQ(h.keep_alive, 0);
  CHECK_EQ(head(&h, "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") > 0, 1);
  CHECK_EQ(h.keep_alive, 1);
  CHECK_EQ(head(&h, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n") > 0, 1);
  CHECK_EQ(h.keep_alive, 0);
  CHECK_EQ(
      head(&h, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n") > 0,
      1);
  CHECK_EQ(h.chunked, 1);
  CHECK_EQ(h.expect_continue, 1);
  CHECK_EQ(
      head(&h,
           "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n") > 0,
      1);
  CHECK_EQ(h.upgrade_websocket, 1);
  CHECK_EQ(h.ws_version, 13);
  CHECK_EQ(h.ws_key.len, 24);
  /* refusals */
  CHECK_EQ(head(&h, "GET / HTTP/1.1\nHost: a\n\n"), -400);             /* bare LF */
  CHECK_EQ(head(&h, "GET / HTTP/1.1\r\nHost : a\r\n\r\n"), -400);      /* space before colon */
  CHECK_EQ(head(&h, "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n"), -400); /* folding */
  CHECK_EQ(head(&h, "GET / HTTP/1.1\r\nX: a\x01\r\n\r\n"), -400);      /* control char */
  CHECK_EQ(head(&h, "GET  / HTTP/1.1\r\n\r\n"), -400);
  CHECK_EQ(head(&h, "GET / HTTP/2.0\r\n\r\n"), -505);
  CHECK_EQ(head(&h, "GET / HTTP/1.2\r\n\r\n"), -505);
  CHECK_EQ(head(&h, "GET / FTP/1.1\r\n\r\n"), -400);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n"), -400);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n"), -400);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"), -400);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n") > 0, 1);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"),
           -400);
  CHECK_EQ(head(&h, "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"), -501);
  CHECK_EQ(head(&h, "VERYLONGMETHODNAMEX / HTTP/1.1\r\n\r\n"), -400);
  /* caps: head size and field count */
  char big[2048];
  memset(big, 'a', sizeof big);
  memcpy(big, "GET /", 5);
  CHECK_EQ(podd_http_parse_head(&h, big, sizeof big, 1024), -431);
  CHECK_EQ(podd_http_parse_head(&h, big, 1000, 1024), 0);
  static char many[8192];
  size_t k = (size_t)snprintf(many, sizeof many, "GET / HTTP/1.1\r\n");
  for (int i = 0; i <= PODD_HTTP_MAX_HEADERS; i++)
    k += (size_t)snprintf(many + k, sizeof many - k, "X: %d\r\n", i);
  k += (size_t)snprintf(many + k, sizeof many - k, "\r\n");
  CHECK_EQ(podd_http_parse_head(&h, many, k, sizeof many), -431);
}

static void test_chunked(void) {
  const char *b =
      "4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nTrailer: x\r\n\r\nNEXT";
  size_t len = 0;
  long n = podd_http_chunked_scan(b, strlen(b), 1024, &len);
  CHECK_EQ(n, (long)(strlen(b) - 4));
  CHECK_EQ(len, 23);
  char out[32] = {0};
  podd_http_chunked_decode(out, b, (size_t)n);
  CHECK(memcmp(out, "Wikipedia in\r\n\r\nchunks.", 23) == 0);
  for (size_t k = 0; k < (size_t)n; k++)
    CHECK_EQ(podd_http_chunked_scan(b, k, 1024, &len), 0);
  CHECK_EQ(podd_http_chunked_scan(b, strlen(b), 10, &len), -413);
  CHECK_EQ(podd_http_chunked_scan("x\r\n", 3, 10, &len), -400);
  CHECK_EQ(podd_http_chunked_scan("1\r\nab\r\n", 7, 10, &len), -400);
  CHECK_EQ(podd_http_chunked_scan("11111111111111111\r\n", 19, 10, &len), -400);
  CHECK_EQ(podd_http_chunked_scan("0\r\n\r\n", 5, 10, &len), 5);
  CHECK_EQ(len, 0);
}

static void test_ws(void) {
  char acc[29];
  CHECK_EQ(pod_ws_accept(acc, "dGhlIHNhbXBsZSBub25jZQ==", 24), 0); /* RFC 6455 §1.3 */
  CHECK_STR(acc, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK_EQ(pod_ws_accept(acc, "dGhlIHNhbXBsZSBub25jZQ=", 23), POD_EDECODE);
  CHECK_EQ(pod_ws_accept(acc, "dGhlIHNhbXBsZSBub25jZ!==", 24), POD_EDECODE);

  /* RFC 6455 §5.7: a masked "Hello" */
  uint8_t f1[] = {0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58};
  pod_ws_frame_t f;
  CHECK_EQ(pod_ws_frame_parse(&f, f1, sizeof f1, 1024), 6);
  CHECK(f.fin && f.masked && f.opcode == POD_WS_TEXT && f.len == 5);
  pod_ws_mask(f1 + 6, 5, f.mask, 0);
  CHECK(memcmp(f1 + 6, "Hello", 5) == 0);
  for (size_t k = 0; k < 6; k++)
    CHECK_EQ(pod_ws_frame_parse(&f, f1, k, 1024), 0);
  uint8_t f16[] = {0x82, 0x7e, 0x01, 0x00}; /* 256 bytes, unmasked */
  CHECK_EQ(pod_ws_frame_parse(&f, f16, 4, 1024), 4);
  CHECK_EQ(f.len, 256);
  CHECK_EQ(pod_ws_frame_parse(&f, f16, 4, 255), -1009);
  uint8_t nonmin[] = {0x81, 0x7e, 0x00, 0x05};
  CHECK_EQ(pod_ws_frame_parse(&f, nonmin, 4, 1024), -1002);
  uint8_t f64[] = {0x81, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0};
  CHECK_EQ(pod_ws_frame_parse(&f, f64, 10, 1024), -1002);
  uint8_t rsv[] = {0xc1, 0x00};
  CHECK_EQ(pod_ws_frame_parse(&f, rsv, 2, 1024), -1002);
  uint8_t op3[] = {0x83, 0x00};
  CHECK_EQ(pod_ws_frame_parse(&f, op3, 2, 1024), -1002);
  uint8_t ping_frag[] = {0x09, 0x00};
  CHECK_EQ(pod_ws_frame_parse(&f, ping_frag, 2, 1024), -1002);
  uint8_t ping_big[] = {0x89, 0x7e, 0x00, 0x7e};
  CHECK_EQ(pod_ws_frame_parse(&f, ping_big, 4, 1024), -1002);
  uint8_t h[10];
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_TEXT, 5, NULL), 2);
  CHECK_HEX(h, 2, "8105");
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_TEXT, 300, NULL), 4);
  CHECK_HEX(h, 4, "817e012c");
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_CLOSE, 70000, NULL), 10);
  CHECK_HEX(h, 10, "887f0000000000011170");
}

int main(void) {
  test_head();
  test_chunked();
  test_ws();
  TEST_DONE();
}
