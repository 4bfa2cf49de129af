/* podd end to end: confirmed register_agent transactions through a real podd on loopback, each
 * from its own funded wallet (built and signed before the clock starts), over raw keep-alive
 * HTTP connections.
 *
 *   podd.seq.send          1 client: sendTransaction (preflight on) round trip
 *   podd.seq.confirm       1 client: sendTransaction + getSignatureStatuses until finalized
 *   podd.c16.confirm       16 clients (threads, a connection each): the same; tx/s over all
 *   plus podd's idle RSS after start and after the load (VmRSS) and its CPU time over 10 s idle.
 *
 * Usage: bench_podd [PODD] [TX_PER_SEQ_RUN] [TX_PER_CLIENT]; PODD defaults to $PODD or
 * ../src/podd/podd next to this program (skipped with a note if absent). */
#define _GNU_SOURCE
#include "bench_util.h"
#include "test/podd_spawn.h"

#include <pod/encode.h>
#include <pod/program.h>

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
#define AIRDROP 10000000ull /* register_agent spends 2 886 440; the rest stays rent-exempt */

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

/* POSTs body on a kept-alive connection; the answer's body (NUL-terminated) in out. 0 or -1. */
static int rpc(int fd, const char *body, size_t body_len, char *out, size_t out_sz) {
  char head[160];
  int hn = snprintf(head, sizeof head,
                    "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: %zu\r\n\r\n",
                    body_len);
  struct iovec iov[2] = {{head, (size_t)hn}, {(void *)body, body_len}};
  struct msghdr mh = {0};
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  if (sendmsg(fd, &mh, MSG_NOSIGNAL) != (ssize_t)(hn + (ssize_t)body_len)) return -1;
  size_t n = 0, need = 0, hdr = 0;
  for (;;) {
    if (n + 1 >= out_sz) return -1;
    ssize_t r = recv(fd, out + n, out_sz - 1 - n, 0);
    if (r <= 0) return -1;
    n += (size_t)r;
    out[n] = 0;
    if (!need) {
      char *e = memmem(out, n, "\r\n\r\n", 4);
      if (!e) continue;
      char *cl = memmem(out, (size_t)(e - out), "Content-Length: ", 16);
      if (!cl) return -1;
      hdr = (size_t)(e - out) + 4;
      need = hdr + strtoul(cl + 16, NULL, 10);
    }
    if (n >= need) break;
  }
  memmove(out, out + hdr, n - hdr);
  out[n - hdr] = 0;
  return 0;
}

/* ---- the transactions ---- */

typedef struct {
  char *body; /* sendTransaction request */
  size_t body_len;
  char status_req[256]; /* getSignatureStatuses request */
  size_t status_len;
} tx_t;

static int latest_blockhash(int fd, uint8_t out[32]) {
  static const char REQ[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"getLatestBlockhash\"}";
  char ans[4096];
  if (rpc(fd, REQ, sizeof REQ - 1, ans, sizeof ans)) return -1;
  const char *p = strstr(ans, "\"blockhash\":\"");
  if (!p) return -1;
  p += 13;
  const char *e = strchr(p, '"');
  return e && pod_base58_decode_32(out, p, (size_t)(e - p)) == POD_OK ? 0 : -1;
}

/* n wallets funded by airdrops (batches of 100), each with a signed register_agent. */
static int prepare(int fd, tx_t *txs, size_t n) {
  uint8_t bh[32];
  if (latest_blockhash(fd, bh)) return -1;
  char *batch = malloc(100 * 160 + 16), *ans = malloc(1 << 16);
  if (!batch || !ans) return -1;
  for (size_t base = 0; base < n; base += 100) {
    size_t k = n - base < 100 ? n - base : 100, off = 0;
    pod_keypair_t kp[100];
    off += (size_t)snprintf(batch + off, 16, "[");
    for (size_t i = 0; i < k; i++) {
      pod_keypair_generate(&kp[i]);
      pod_pubkey_t pk;
      pod_keypair_pubkey(&pk, &kp[i]);
      char b58[POD_BASE58_32_SZ];
      off += (size_t)snprintf(batch + off, 160,
                              "%s{\"jsonrpc\":\"2.0\",\"id\":%zu,\"method\":\"requestAirdrop\","
                              "\"params\":[\"%s\",%llu]}",
                              i ? "," : "", i, pod_base58_encode_32(b58, pk.b), AIRDROP);
    }
    off += (size_t)snprintf(batch + off, 16, "]");
    if (rpc(fd, batch, off, ans, 1 << 16) || strstr(ans, "\"error\"")) {
      fprintf(stderr, "bench_podd: airdrop failed: %.200s\n", ans);
      return -1;
    }
    for (size_t i = 0; i < k; i++) {
      tx_t *t = &txs[base + i];
      pod_pubkey_t pk;
      pod_keypair_pubkey(&pk, &kp[i]);
      pod_ix_register_agent_args_t a = {1, {"https://agent.example/bench.json", 32}};
      pod_ix_t ix;
      uint8_t wire[POD_TXN_MTU];
      size_t wn = 0;
      const pod_keypair_t *signers[1] = {&kp[i]};
      if (pod_ix_register_agent(&ix, &pk, &a) ||
          pod_txn_build(wire, sizeof wire, &wn, &ix.ix, 1, bh, signers, 1))
        return -1;
      char b64[POD_BASE64_ENC_SZ(POD_TXN_MTU)], sig[POD_BASE58_64_SZ];
      pod_base64_encode(b64, sizeof b64, NULL, wire, wn);
      size_t cap = strlen(b64) + 160;
      t->body = malloc(cap);
      if (!t->body) return -1;
      t->body_len = (size_t)snprintf(t->body, cap,
                                     "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTransaction\","
                                     "\"params\":[\"%s\",{\"encoding\":\"base64\"}]}",
                                     b64);
      t->status_len = (size_t)snprintf(t->status_req, sizeof t->status_req,
                                       "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                                       "\"getSignatureStatuses\",\"params\":[[\"%s\"]]}",
                                       pod_base58_encode_64(sig, wire + 1));
      pod_keypair_wipe(&kp[i]);
    }
  }
  free(batch);
  free(ans);
  return 0;
}

/* Sends one transaction; with confirm, polls its status until it is finalized. */
static int run_tx(int fd, const tx_t *t, int confirm) {
  char ans[8192];
  if (rpc(fd, t->body, t->body_len, ans, sizeof ans) || !strstr(ans, "\"result\"")) {
    fprintf(stderr, "bench_podd: sendTransaction: %.300s\n", ans);
    return -1;
  }
  for (int i = 0; confirm && i < 1000; i++) {
    if (rpc(fd, t->status_req, t->status_len, ans, sizeof ans)) return -1;
    if (strstr(ans, "\"confirmationStatus\":\"finalized\"")) return 0;
    usleep(100);
  }
  return confirm ? -1 : 0;
}

typedef struct {
  tx_t *txs;
  size_t n;
  uint64_t *samples;
  int confirm, err;
} client_t;

static void *client_main(void *arg) {
  client_t *c = arg;
  int fd = connect_port();
  if (fd < 0) {
    c->err = 1;
    return NULL;
  }
  for (size_t i = 0; i < c->n; i++) {
    uint64_t t0 = bench_now_ns();
    if (run_tx(fd, &c->txs[i], c->confirm)) {
      c->err = 1;
      break;
    }
    c->samples[i] = bench_now_ns() - t0;
  }
  close(fd);
  return NULL;
}

/* ---- the process ---- */

static pid_t start_podd(const char *bin, const char *dir) {
  static const char *const extra[] = {"--faucet-lamports", "0", NULL};
  return podd_spawn_ex(bin, dir, extra, &port, NULL);
}

/* VmRSS and its parts: anonymous memory (heap, stacks) and file pages (the LMDB map, which the
 * kernel can drop at any time: they are the ledger's page cache, not podd's memory). */
typedef struct {
  long rss, anon, file;
} rss_t;

static rss_t rss_kb(pid_t pid) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
  FILE *f = fopen(path, "r");
  rss_t r = {-1, -1, -1};
  while (f && fgets(line, sizeof line, f)) {
    sscanf(line, "VmRSS: %ld kB", &r.rss);
    sscanf(line, "RssAnon: %ld kB", &r.anon);
    sscanf(line, "RssFile: %ld kB", &r.file);
  }
  if (f) fclose(f);
  return r;
}

/* utime + stime in clock ticks */
static long long cpu_ticks(pid_t pid) {
  char path[64], buf[1024];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = 0;
  const char *p = strrchr(buf, ')'); /* the command may hold spaces */
  unsigned long long ut = 0, st = 0;
  if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
    return -1;
  return (long long)(ut + st);
}

static int phase(const char *name, tx_t *txs, size_t per_client, int clients, int confirm,
                 uint64_t *all) {
  pthread_t th[CLIENTS];
  client_t cl[CLIENTS];
  uint64_t t0 = bench_now_ns();
  for (int i = 0; i < clients; i++) {
    cl[i] = (client_t){txs + (size_t)i * per_client, per_client, all + (size_t)i * per_client,
                       confirm, 0};
    pthread_create(&th[i], NULL, client_main, &cl[i]);
  }
  int err = 0;
  for (int i = 0; i < clients; i++) {
    pthread_join(th[i], NULL);
    err |= cl[i].err;
  }
  double wall = (double)(bench_now_ns() - t0);
  size_t total = per_client * (size_t)clients;
  bench_stats_t st;
  bench_stats(&st, all, total);
  st.ops_per_s = (double)total * 1e9 / wall;
  bench_report(name, &st);
  return err;
}

int main(int argc, char **argv) {
  char guess[PATH_MAX];
  const char *bin = argc > 1 ? argv[1] : getenv("PODD");
  long seq_n = argc > 2 ? atol(argv[2]) : 3000;
  long per_client = argc > 3 ? atol(argv[3]) : 1500;
  if (seq_n < 10 || seq_n > 100000) seq_n = 3000;
  if (per_client < 10 || per_client > 20000) per_client = 1500;
  if (!bin) bin = bench_podd_default(guess, sizeof guess);
  if (!bin) return 1;
  if (access(bin, X_OK) != 0) {
    printf("# bench_podd: no podd at %s (build it, or pass its path); skipped\n", bin);
    return 0;
  }
  signal(SIGPIPE, SIG_IGN);
  char dir[] = "/tmp/podd-bench-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  pid_t pid = start_podd(bin, dir);
  if (pid < 0) {
    fprintf(stderr, "bench_podd: podd did not start\n");
    return 1;
  }
  usleep(200000);
  rss_t rss_start = rss_kb(pid);
  int rc = 0, fd = connect_port();
  size_t total = (size_t)per_client * CLIENTS;
  size_t max_n = total > (size_t)seq_n ? total : (size_t)seq_n;
  tx_t *txs = calloc(max_n, sizeof *txs);
  uint64_t *all = malloc(max_n * sizeof *all);
  if (fd < 0 || !txs || !all) return 1;

  /* each phase gets fresh wallets and a fresh blockhash (valid for 150 slots: 60 s) */
  if (prepare(fd, txs, (size_t)seq_n)) return 1;
  rc |= phase("podd.seq.send (register_agent, 1 client)", txs, (size_t)seq_n, 1, 0, all);
  for (size_t i = 0; i < (size_t)seq_n; i++)
    free(txs[i].body);
  if (prepare(fd, txs, (size_t)seq_n)) return 1;
  rc |= phase("podd.seq.confirm (send + status, 1 client)", txs, (size_t)seq_n, 1, 1, all);
  for (size_t i = 0; i < (size_t)seq_n; i++)
    free(txs[i].body);
  if (prepare(fd, txs, total)) return 1;
  rc |= phase("podd.c16.confirm (send + status, 16 clients)", txs, (size_t)per_client, CLIENTS, 1,
              all);
  for (size_t i = 0; i < total; i++)
    free(txs[i].body);
  close(fd);

  usleep(500000);
  rss_t rss_after = rss_kb(pid);
  long long c0 = cpu_ticks(pid);
  sleep(10);
  long long c1 = cpu_ticks(pid);
  printf("podd VmRSS after start: %ld kB (anon %ld, file %ld); after the load: %ld kB (anon %ld, "
         "file %ld: the ledger's mapped pages)\n",
         rss_start.rss, rss_start.anon, rss_start.file, rss_after.rss, rss_after.anon,
         rss_after.file);
  printf("podd CPU while idle for 10 s: %lld ticks (%ld ticks per s)\n", c1 - c0,
         sysconf(_SC_CLK_TCK));

  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) rc = 1;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) rc = 1;
  free(txs);
  free(all);
  if (rc) fprintf(stderr, "bench_podd: a request failed\n");
  return rc;
}
