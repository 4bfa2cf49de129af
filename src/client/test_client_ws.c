/* The WebSocket side of the HTTP transport (ws.c): the frame decoder on RFC 6455's examples, the
 * ws URL derivation, then against a real podd (argv[1]): confirmation by signatureSubscribe
 * (counted), events by logsSubscribe and account changes by accountSubscribe, the silent
 * fallback to polling when ws_url is "" or unreachable, and a server that drops the socket in
 * the middle of a subscription (a fake PubSub server in a thread: the client goes on by polling
 * podd over HTTP without losing the event). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int usleep(unsigned usec);

#include "client/client_int.h"
#include "client/ws.h"
#include "pod/encode.h"
#include "pod/hash.h"
#include "pod/services.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"

#define SOL 1000000000ull

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- the decoder ---- */

static void test_decoder(void) {
  pod_ws_rx rx;
  pod_ws__rx_init(&rx, 1024, 2048);
  pod_ws_event ev;
  /* RFC 6455 §5.7: an unmasked "Hello" */
  const uint8_t hello[] = {0x81, 0x05, 'H', 'e', 'l', 'l', 'o'};
  for (size_t k = 0; k < sizeof hello; k++)
    CHECK_EQ(pod_ws__rx_feed(&rx, &ev, hello, k), 0);
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, hello, sizeof hello), 7);
  CHECK(ev.op == POD_WS_TEXT && ev.len == 5 && !memcmp(ev.data, "Hello", 5));
  /* a fragmented text message with a ping between its fragments */
  const uint8_t frag[] = {0x01, 0x03, 'H', 'e', 'l', 0x89, 0x02, 'p', 'p', 0x80, 0x02, 'l', 'o'};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, frag, sizeof frag), 5);
  CHECK_EQ(ev.op, -1);
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, frag + 5, sizeof frag - 5), 4);
  CHECK(ev.op == POD_WS_PING && ev.len == 2);
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, frag + 9, sizeof frag - 9), 4);
  CHECK(ev.op == POD_WS_TEXT && ev.len == 5 && !memcmp(ev.data, "Hello", 5));
  /* 256-byte binary message (16-bit length) */
  uint8_t big[4 + 256] = {0x82, 126, 0x01, 0x00};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, big, sizeof big), (long)sizeof big);
  CHECK(ev.op == POD_WS_BINARY && ev.len == 256);
  /* close with a code and a reason */
  const uint8_t cl[] = {0x88, 0x05, 0x03, 0xe8, 'b', 'y', 'e'};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, cl, sizeof cl), 7);
  CHECK(ev.op == POD_WS_CLOSE && ev.close_code == 1000 && ev.len == 3);
  /* protocol errors */
  const uint8_t masked[] = {0x81, 0x85, 1, 2, 3, 4, 'a', 'b', 'c', 'd', 'e'};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, masked, sizeof masked), -1002);
  const uint8_t rsv[] = {0xc1, 0x00};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, rsv, 2), -1002);
  const uint8_t nonmin[] = {0x81, 126, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, nonmin, sizeof nonmin), -1002);
  const uint8_t cont[] = {0x80, 0x00};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, cont, 2), -1002);
  const uint8_t badutf8[] = {0x81, 0x02, 0xff, 0xfe};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, badutf8, 4), -1007);
  const uint8_t longping[] = {0x89, 126, 0x00, 0x7e};
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, longping, 4), -1002);
  uint8_t toolong[4] = {0x82, 126, 0x04, 0x01}; /* 1025 > the 1024-byte frame cap */
  CHECK_EQ(pod_ws__rx_feed(&rx, &ev, toolong, 4), -1009);
  /* the message cap over fragments: 3 x 1000 > 2048 */
  pod_ws_rx rx2;
  pod_ws__rx_init(&rx2, 1024, 2048);
  uint8_t f1[4 + 1000] = {0x02, 126, 0x03, 0xe8}, f2[4 + 1000] = {0x00, 126, 0x03, 0xe8};
  CHECK_EQ(pod_ws__rx_feed(&rx2, &ev, f1, sizeof f1), (long)sizeof f1);
  CHECK_EQ(pod_ws__rx_feed(&rx2, &ev, f2, sizeof f2), (long)sizeof f2);
  CHECK_EQ(pod_ws__rx_feed(&rx2, &ev, f2, sizeof f2), -1009);
  pod_ws__rx_free(&rx2);
  pod_ws__rx_free(&rx);
  /* the client's frame head: masked, minimal length */
  uint8_t h[14], m[4] = {1, 2, 3, 4};
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_TEXT, 5, m), 6);
  CHECK(h[0] == 0x81 && h[1] == 0x85 && !memcmp(h + 2, m, 4));
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_TEXT, 300, m), 8);
  CHECK(h[1] == (0x80 | 126) && h[2] == 1 && h[3] == 44);
  CHECK_EQ(pod_ws_frame_head(h, POD_WS_BINARY, 70000, m), 14);
}

/* ---- the URL ---- */

static void check_url(const char *endpoint, const char *ws_url, const char *want) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = endpoint;
  o.ws_url = ws_url;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  if (!c) return;
  char got[POD_CLIENT_ENDPOINT_MAX];
  pod_client__ws_url(c, got, sizeof got);
  CHECK_STR(got, want);
  pod_client_free(c);
}

static void test_urls(void) {
  check_url("http://127.0.0.1:8899", NULL, "ws://127.0.0.1:8900");
  check_url("localhost", NULL, "ws://127.0.0.1:8900");
  check_url("devnet", NULL, "wss://api.devnet.solana.com");
  check_url("https://rpc.example.com:8443/path?x=1", NULL, "wss://rpc.example.com:8444/path?x=1");
  check_url("http://[::1]:8899/", NULL, "ws://[::1]:8900/");
  check_url("http://node", NULL, "ws://node");
  check_url("http://127.0.0.1:8899", "", "");
  check_url("http://127.0.0.1:8899", "wss://other:1/ws", "wss://other:1/ws");
}

/* ---- a PubSub server that answers one request and then drops the connection ---- */

typedef struct {
  int lfd;
  uint16_t port;
  int answered;
} fake_t;

static size_t read_until(int fd, char *buf, size_t cap, const char *end) {
  size_t n = 0;
  while (n < cap - 1) {
    ssize_t r = read(fd, buf + n, 1);
    if (r <= 0) break;
    n++;
    buf[n] = 0;
    if (strstr(buf, end)) break;
  }
  buf[n] = 0;
  return n;
}

static int read_full(int fd, uint8_t *p, size_t n) {
  while (n) {
    ssize_t r = read(fd, p, n);
    if (r <= 0) return -1;
    p += r;
    n -= (size_t)r;
  }
  return 0;
}

static void *fake_main(void *arg) {
  fake_t *f = arg;
  int fd = accept(f->lfd, NULL, NULL);
  if (fd < 0) return NULL;
  char head[4096];
  read_until(fd, head, sizeof head, "\r\n\r\n");
  const char *k = strstr(head, "Sec-WebSocket-Key: ");
  char cat[128] = "", acc[32] = "";
  if (k) snprintf(cat, sizeof cat, "%.24s258EAFA5-E914-47DA-95CA-C5AB0DC85B11", k + 19);
  uint8_t d[20];
  pod_sha1(d, cat, strlen(cat));
  pod_base64_encode(acc, sizeof acc, NULL, d, 20);
  char resp[256];
  int n = snprintf(resp, sizeof resp,
                   "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n",
                   acc);
  if (write(fd, resp, (size_t)n) != n) goto out;
  /* one masked client frame: the subscription request */
  uint8_t hb[2], ext[8], mask[4];
  if (read_full(fd, hb, 2)) goto out;
  uint64_t len = hb[1] & 0x7f;
  if (len == 126) {
    if (read_full(fd, ext, 2)) goto out;
    len = (uint64_t)ext[0] << 8 | ext[1];
  }
  if (len > 4000 || read_full(fd, mask, 4)) goto out;
  char msg[4096];
  if (read_full(fd, (uint8_t *)msg, (size_t)len)) goto out;
  for (size_t i = 0; i < len; i++)
    msg[i] ^= (char)mask[i & 3];
  msg[len] = 0;
  const char *id = strstr(msg, "\"id\":");
  unsigned long rid = id ? strtoul(id + 5, NULL, 10) : 0;
  char ans[128];
  int al = snprintf(ans, sizeof ans, "{\"jsonrpc\":\"2.0\",\"result\":77,\"id\":%lu}", rid);
  uint8_t fh[2] = {0x81, (uint8_t)al};
  if (write(fd, fh, 2) == 2 && write(fd, ans, (size_t)al) == al) f->answered = 1;
  usleep(100 * 1000);
out:
  close(fd); /* no close frame: the connection just goes */
  return NULL;
}

static int fake_start(fake_t *f, pthread_t *th) {
  memset(f, 0, sizeof *f);
  f->lfd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t al = sizeof a;
  if (f->lfd < 0 || bind(f->lfd, (struct sockaddr *)&a, sizeof a) || listen(f->lfd, 4) ||
      getsockname(f->lfd, (struct sockaddr *)&a, &al))
    return -1;
  f->port = ntohs(a.sin_port);
  return pthread_create(th, NULL, fake_main, f);
}

/* ---- against podd ---- */

typedef struct {
  int registered, messages, accounts;
  char sig[POD_CLIENT_SIG_SZ];
} seen_t;

static void on_event(void *user, const pod_event_info_t *ev) {
  seen_t *s = user;
  if (ev->event.kind == POD_EVENT_AGENT_REGISTERED) s->registered++;
  if (ev->event.kind == POD_EVENT_MESSAGE_SENT) s->messages++;
  snprintf(s->sig, sizeof s->sig, "%s", ev->signature);
}

static void on_account(void *user, const pod_pubkey_t *key, uint64_t slot) {
  (void)key;
  (void)slot;
  ((seen_t *)user)->accounts++;
}

static pod_client *client(const char *url, const char *ws, const pod_keypair_t *kp) {
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = url;
  o.ws_url = ws;
  o.keypair = kp;
  o.timeout_ms = 5000;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  return c;
}

static void poll_until(pod_client *c, const int *counter, int want) {
  uint64_t until = now_ms() + 10000;
  while (*counter < want && now_ms() < until) {
    size_t got = 0;
    int rc = pod_events_poll(&got, c, 500);
    CHECK_EQ(rc, POD_OK);
    if (rc != POD_OK) {
      fprintf(stderr, "  %s\n", pod_client_errmsg(c));
      break;
    }
  }
}

static void test_podd(const char *bin) {
  char dir[] = "/tmp/pod_ws_podd_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  uint16_t port = 0, wsport = 0;
  pid_t pid = podd_spawn_ex(bin, dir, NULL, &port, &wsport);
  CHECK(pid > 0 && wsport > 0);
  if (pid <= 0) return;
  char url[64], ws[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  snprintf(ws, sizeof ws, "ws://127.0.0.1:%u", wsport);

  pod_keypair_t ka, kb;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_pubkey_t pa, pb, agent_a;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  pod_pda_agent(&agent_a, NULL, &pa);
  pod_client *a = client(url, ws, &ka), *b = client(url, ws, &kb);
  if (!a || !b) goto done;
  pod_ws_stats_t st;

  /* b listens: events by logsSubscribe, a's agent account by accountSubscribe */
  seen_t sb, accb;
  memset(&sb, 0, sizeof sb);
  memset(&accb, 0, sizeof accb);
  pod_subscription *esub = NULL, *asub = NULL;
  CHECK_EQ(pod_events_subscribe(&esub, b, on_event, &sb), POD_OK);
  CHECK_EQ(pod_account_subscribe(&asub, b, &agent_a, on_account, &accb), POD_OK);
  pod_client__ps_stats(b, &st);
  CHECK(st.up && st.connects == 1);

  /* a sends: confirmation by signatureNotification, not by polling */
  CHECK_EQ(pod_client_airdrop(NULL, a, NULL, 10 * SOL), POD_OK); /* airdrops too */
  CHECK_EQ(pod_client_airdrop(NULL, b, NULL, 10 * SOL), POD_OK);
  pod_client__ps_stats(a, &st);
  CHECK(st.up && st.confirms == 1);
  char sig[POD_CLIENT_SIG_SZ];
  CHECK_EQ(pod_agent_register(NULL, sig, a, POD_CAP_TEXT, "https://example.com/a.json"), POD_OK);
  pod_client__ps_stats(a, &st);
  CHECK(st.up && st.confirms == 2);
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hi", 2, (pod_message_type_t){POD_MSG_TEXT, 0}),
           POD_OK);
  pod_client__ps_stats(a, &st);
  CHECK_EQ(st.confirms, 3);
  /* a refused transaction: the same error as with polling */
  CHECK_EQ(pod_agent_register(NULL, NULL, a, POD_CAP_TEXT, "https://example.com/a2.json"),
           POD_EPROGRAM);
  CHECK(pod_client_last_program_error(a) != NULL);

  /* b gets a's events and the account change over PubSub */
  poll_until(b, &sb.messages, 1);
  CHECK_EQ(sb.registered, 1);
  CHECK_EQ(sb.messages, 1);
  CHECK(accb.accounts >= 1);
  pod_client__ps_stats(b, &st);
  CHECK(st.notifications >= 3);
  /* nothing more comes: the wait is honoured */
  uint64_t t0 = now_ms();
  size_t got = 9;
  CHECK_EQ(pod_events_poll(&got, b, 100), POD_OK);
  CHECK_EQ(got, 0);
  CHECK(now_ms() - t0 >= 95);
  /* unsubscribed: no more deliveries */
  pod_subscription_free(esub);
  pod_subscription_free(asub);
  CHECK_EQ(pod_message_send(NULL, NULL, a, &pb, "hi2", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
           POD_OK);
  CHECK_EQ(pod_events_poll(&got, b, 200), POD_OK);
  CHECK_EQ(got, 0);
  CHECK_EQ(sb.messages, 1);

  /* ws_url "": no connection ever, polling works */
  {
    pod_client *c = client(url, "", &ka);
    seen_t sc;
    memset(&sc, 0, sizeof sc);
    pod_subscription *cs = NULL;
    CHECK_EQ(pod_events_subscribe(&cs, c, on_event, &sc), POD_OK);
    CHECK_EQ(pod_events_set_poll_interval(c, 20), POD_OK);
    CHECK_EQ(pod_message_send(NULL, NULL, c, &pb, "yo1", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
             POD_OK);
    poll_until(c, &sc.messages, 1);
    CHECK_EQ(sc.messages, 1);
    pod_client__ps_stats(c, &st);
    CHECK(st.connects == 0 && st.connect_failures == 0 && st.confirms == 0);
    pod_subscription_free(cs);
    pod_client_free(c);
  }
  /* unreachable: one failed attempt, then polling, silently */
  {
    pod_client *c = client(url, "ws://127.0.0.1:1", &ka);
    CHECK_EQ(pod_message_send(NULL, NULL, c, &pb, "yo2", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
             POD_OK);
    CHECK_EQ(pod_message_send(NULL, NULL, c, &pb, "yo3", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
             POD_OK);
    pod_client__ps_stats(c, &st);
    CHECK(st.connects == 0 && st.connect_failures == 1 && st.confirms == 0);
    CHECK_STR(pod_client_errmsg(c), "");
    pod_client_free(c);
  }
  /* a PubSub server that drops the socket after answering logsSubscribe: the client notices
   * while it waits and goes on polling podd, from the baseline taken at subscription */
  {
    fake_t f;
    pthread_t th;
    CHECK_EQ(fake_start(&f, &th), 0);
    char fws[64];
    snprintf(fws, sizeof fws, "ws://127.0.0.1:%u", f.port);
    pod_client *c = client(url, fws, &ka);
    seen_t sc;
    memset(&sc, 0, sizeof sc);
    pod_subscription *cs = NULL;
    CHECK_EQ(pod_events_subscribe(&cs, c, on_event, &sc), POD_OK);
    CHECK_EQ(pod_events_set_poll_interval(c, 20), POD_OK);
    pod_client__ps_stats(c, &st);
    CHECK(st.connects == 1 && st.up);
    CHECK_EQ(
        pod_message_send(NULL, NULL, a, &pb, "dropped", 7, (pod_message_type_t){POD_MSG_TEXT, 0}),
        POD_OK);
    poll_until(c, &sc.messages, 1);
    CHECK_EQ(sc.messages, 1);
    pod_client__ps_stats(c, &st);
    CHECK(st.drops == 1 && !st.up);
    pthread_join(th, NULL);
    CHECK(f.answered);
    close(f.lfd);
    /* sending still confirms (by polling while the retry delay runs) */
    CHECK_EQ(pod_message_send(NULL, NULL, c, &pb, "yo4", 3, (pod_message_type_t){POD_MSG_TEXT, 0}),
             POD_OK);
    pod_subscription_free(cs);
    pod_client_free(c);
  }

done:
  pod_client_free(a);
  pod_client_free(b);
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  kill(pid, SIGTERM);
  waitpid(pid, NULL, 0);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
}

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  test_decoder();
  test_urls();
  if (argc > 1) test_podd(argv[1]);
  TEST_DONE();
}
