/* libwebsockets 4.1.6 prototype: one service loop, POST body through HTTP_BODY callbacks,
 * answer written on HTTP_WRITEABLE, keep-alive through lws_http_transaction_completed. */
#include <libwebsockets.h>
#include <signal.h>
#include <stdio.h>
#include "proto.h"

static volatile sig_atomic_t stop;
static void on_sig(int s) {
  (void)s;
  stop = 1;
}

static int cb(struct lws *wsi, enum lws_callback_reasons reason, void *user, void *in, size_t len) {
  (void)user;
  (void)in;
  (void)len;
  uint8_t buf[LWS_PRE + 512], *start = &buf[LWS_PRE], *p = start, *end = &buf[sizeof buf - 1];
  switch (reason) {
  case LWS_CALLBACK_HTTP:
    if (lws_hdr_total_length(wsi, WSI_TOKEN_POST_URI)) return 0; /* wait for the body */
    lws_return_http_status(wsi, 405, NULL);
    return lws_http_transaction_completed(wsi);
  case LWS_CALLBACK_HTTP_BODY: return 0; /* a real server appends `in` */
  case LWS_CALLBACK_HTTP_BODY_COMPLETION: lws_callback_on_writable(wsi); return 0;
  case LWS_CALLBACK_HTTP_WRITEABLE:
    if (lws_add_http_common_headers(wsi, HTTP_STATUS_OK, "application/json", PROTO_ANSWER_LEN, &p,
                                    end))
      return 1;
    if (lws_finalize_http_header(wsi, &p, end)) return 1;
    memcpy(p, PROTO_ANSWER, PROTO_ANSWER_LEN);
    p += PROTO_ANSWER_LEN;
    if (lws_write(wsi, start, (size_t)(p - start), LWS_WRITE_HTTP_FINAL) != (int)(p - start))
      return 1;
    return lws_http_transaction_completed(wsi) ? -1 : 0;
  default: break;
  }
  return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static const struct lws_protocols protocols[] = {{"http", cb, 0, 0, 0, NULL, 0},
                                                 {NULL, NULL, 0, 0, 0, NULL, 0}};

int main(int argc, char **argv) {
  lws_set_log_level(LLL_ERR, NULL);
  struct lws_context_creation_info info;
  memset(&info, 0, sizeof info);
  info.port = proto_port(argc, argv);
  info.iface = "127.0.0.1";
  info.protocols = protocols;
  info.keepalive_timeout = 30;
  struct lws_context *ctx = lws_create_context(&info);
  if (!ctx) {
    fprintf(stderr, "lws_create_context failed\n");
    return 1;
  }
  signal(SIGTERM, on_sig);
  signal(SIGINT, on_sig);
  printf("ready\n");
  fflush(stdout);
  while (!stop && lws_service(ctx, 0) >= 0) {
  }
  lws_context_destroy(ctx);
  return 0;
}
