/* libmicrohttpd 0.9.75 prototype: one internal epoll thread, POST body buffered, fixed answer. */
#include <netinet/in.h>
#include <sys/socket.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include "proto.h"

struct req {
  size_t n;
};

static enum MHD_Result on_req(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_sz, void **con_cls) {
  (void)cls;
  (void)url;
  (void)version;
  (void)data;
  if (*con_cls == NULL) {
    static struct req r0;
    *con_cls = &r0; /* stateless prototype: a marker */
    return MHD_YES;
  }
  if (*data_sz) {
    *data_sz = 0;
    return MHD_YES;
  } /* body consumed (a real server copies it) */
  if (strcmp(method, "POST") != 0) {
    struct MHD_Response *r = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(c, 405, r);
    MHD_destroy_response(r);
    return ok;
  }
  struct MHD_Response *r = MHD_create_response_from_buffer(PROTO_ANSWER_LEN, (void *)PROTO_ANSWER,
                                                           MHD_RESPMEM_PERSISTENT);
  MHD_add_response_header(r, "Content-Type", "application/json");
  enum MHD_Result ok = MHD_queue_response(c, 200, r);
  MHD_destroy_response(r);
  return ok;
}

int main(int argc, char **argv) {
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)proto_port(argc, argv));
  sa.sin_addr.s_addr = htonl(0x7f000001);
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_TURBO, 0, NULL,
                                          NULL, on_req, NULL, MHD_OPTION_SOCK_ADDR, &sa,
                                          MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "MHD_start_daemon failed\n");
    return 1;
  }
  printf("ready\n");
  fflush(stdout);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  sigprocmask(SIG_BLOCK, &s, NULL);
  int sig;
  sigwait(&s, &sig);
  MHD_stop_daemon(d);
  return 0;
}
