/* Content service costs: sealing and opening a payload, its CID, pod_content_put/get of 1 KiB and
 * 256 KiB blocks, and an encrypted direct message sent and read — embedded (the ledger's content/
 * folder, each put fsynced) and through podd's /api/v0/add and /api/v0/cat (spawned on a fresh
 * ledger, as src/test/podd_spawn.h does).
 *   bench_content [--quick] [--podd PATH|none]   (default podd: <build>/src/podd/podd) */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench_util.h"
#include "pod/content.h"
#include "pod/ledger.h"
#include "test/podd_spawn.h"

static uint64_t *samples;

static void fail(const char *what, pod_client *c, int rc) {
  fprintf(stderr, "bench_content: %s: %s (%s)\n", what, pod_strerror(rc),
          c ? pod_client_errmsg(c) : "");
  exit(1);
}

static void codecs(size_t n) {
  pod_keypair_t a, b;
  pod_keypair_generate(&a);
  pod_keypair_generate(&b);
  pod_pubkey_t pb;
  pod_keypair_pubkey(&pb, &b);
  static uint8_t plain[1024], box[1024 + POD_SEAL_OVERHEAD], out[1024];
  size_t bn = 0, on = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t t = bench_now_ns();
    pod_seal(box, sizeof box, &bn, &a, &pb, plain, sizeof plain);
    samples[i] = bench_now_ns() - t;
  }
  bench_stats_t st;
  bench_stats(&st, samples, n);
  bench_report("content seal 1 KiB", &st);
  for (size_t i = 0; i < n; i++) {
    uint64_t t = bench_now_ns();
    if (pod_seal_open(out, sizeof out, &on, &b, box, bn) != POD_OK) fail("open", NULL, POD_ECRYPTO);
    samples[i] = bench_now_ns() - t;
  }
  bench_stats(&st, samples, n);
  bench_report("content open 1 KiB", &st);
  char cid[POD_CID_MAX];
  for (size_t i = 0; i < n; i++) {
    uint64_t t = bench_now_ns();
    pod_cid_of(cid, plain, sizeof plain);
    samples[i] = bench_now_ns() - t;
  }
  bench_stats(&st, samples, n);
  bench_report("content CID of 1 KiB", &st);
}

/* put/get of n distinct blocks of sz bytes, then a sealed DM sent and read n times. */
static void store(const char *label, pod_client *a, pod_client *b, const pod_pubkey_t *pb, size_t n,
                  size_t sz) {
  uint8_t *buf = calloc(1, sz);
  char(*cids)[POD_CID_MAX] = calloc(n, POD_CID_MAX);
  if (!buf || !cids) fail("alloc", NULL, POD_ENOMEM);
  char name[96];
  bench_stats_t st;
  for (size_t i = 0; i < n; i++) {
    memcpy(buf, &i, sizeof i);
    buf[sz - 1] = (uint8_t)sz;
    uint64_t t = bench_now_ns();
    int rc = pod_content_put(cids[i], a, buf, sz);
    samples[i] = bench_now_ns() - t;
    if (rc) fail("put", a, rc);
  }
  bench_stats(&st, samples, n);
  snprintf(name, sizeof name, "content put %zu KiB (%s)", sz >> 10, label);
  bench_report(name, &st);
  for (size_t i = 0; i < n; i++) {
    uint8_t *p = NULL;
    size_t pn = 0;
    uint64_t t = bench_now_ns();
    int rc = pod_content_get(&p, &pn, b, cids[i]);
    samples[i] = bench_now_ns() - t;
    if (rc) fail("get", b, rc);
    pod_content_free(p);
  }
  bench_stats(&st, samples, n);
  snprintf(name, sizeof name, "content get %zu KiB (%s)", sz >> 10, label);
  bench_report(name, &st);
  if (sz > 1024) goto out;
  pod_pubkey_t *msgs = calloc(n, sizeof *msgs);
  if (!msgs) fail("alloc", NULL, POD_ENOMEM);
  for (size_t i = 0; i < n; i++) {
    memcpy(buf, &i, sizeof i);
    uint64_t t = bench_now_ns();
    int rc = pod_message_send_content(&msgs[i], NULL, NULL, a, pb, buf, sz,
                                      (pod_message_type_t){POD_MSG_TEXT, 0}, POD_MESSAGE_ENCRYPT);
    samples[i] = bench_now_ns() - t;
    if (rc) fail("send_content", a, rc);
  }
  bench_stats(&st, samples, n);
  snprintf(name, sizeof name, "sealed DM send 1 KiB (%s)", label);
  bench_report(name, &st);
  for (size_t i = 0; i < n; i++) {
    uint8_t *p = NULL;
    size_t pn = 0;
    uint64_t t = bench_now_ns();
    int rc = pod_message_read(&p, &pn, NULL, b, &msgs[i]);
    samples[i] = bench_now_ns() - t;
    if (rc) fail("read", b, rc);
    pod_content_free(p);
  }
  bench_stats(&st, samples, n);
  snprintf(name, sizeof name, "sealed DM read 1 KiB (%s)", label);
  bench_report(name, &st);
  free(msgs);
out:
  free(cids);
  free(buf);
}

static void pair(const char *label, const char *ep, pod_ledger *l, size_t n) {
  pod_keypair_t ka, kb;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_pubkey_t pb;
  pod_keypair_pubkey(&pb, &kb);
  pod_client *c[2];
  const pod_keypair_t *k[2] = {&ka, &kb};
  for (int i = 0; i < 2; i++) {
    pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
    o.endpoint = ep;
    o.ledger = l;
    o.keypair = k[i];
    int rc = pod_client_new(&c[i], &o);
    if (rc) fail("client", NULL, rc);
    if ((rc = pod_client_airdrop(NULL, c[i], NULL, 100000000000ull))) fail("airdrop", c[i], rc);
    if ((rc = pod_agent_register(NULL, NULL, c[i], POD_CAP_TEXT, "https://example.com/b.json")))
      fail("register", c[i], rc);
  }
  store(label, c[0], c[1], &pb, n, 1024);
  store(label, c[0], c[1], &pb, n / 4 ? n / 4 : 1, POD_CONTENT_BLOCK_MAX);
  pod_client_free(c[0]);
  pod_client_free(c[1]);
}

int main(int argc, char **argv) {
  size_t n = 1000;
  const char *podd = NULL;
  char podd_default[PATH_MAX];
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--quick"))
      n = 100;
    else if (!strcmp(argv[i], "--podd") && i + 1 < argc)
      podd = argv[++i];
    else {
      fprintf(stderr, "usage: bench_content [--quick] [--podd PATH|none]\n");
      return 2;
    }
  }
  if (!podd) podd = bench_podd_default(podd_default, sizeof podd_default);
  samples = calloc(n * 10, sizeof *samples);
  if (!samples) return 1;
  bench_header();
  codecs(n * 10);

  char dir[] = "/tmp/pod_bench_content_XXXXXX";
  if (!mkdtemp(dir)) return 1;
  pod_ledger *l = NULL;
  if (pod_ledger_open(&l, dir, NULL) != POD_OK) return 1;
  char ep[64];
  snprintf(ep, sizeof ep, "embedded:%s", dir);
  pair("embedded", ep, l, n);
  pod_ledger_close(l);

  if (podd && strcmp(podd, "none") && access(podd, X_OK) == 0) {
    char pdir[] = "/tmp/pod_bench_content_podd_XXXXXX";
    uint16_t port = 0;
    pid_t pid = mkdtemp(pdir) ? podd_spawn(podd, pdir, &port) : -1;
    if (pid > 0) {
      char url[64];
      snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
      pair("podd", url, NULL, n);
      kill(pid, SIGTERM);
      waitpid(pid, NULL, 0);
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", pdir);
    if (system(cmd) != 0) fprintf(stderr, "bench_content: could not remove %s\n", pdir);
  } else {
    fprintf(stderr, "bench_content: no podd: its part skipped\n");
  }
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  if (system(cmd) != 0) fprintf(stderr, "bench_content: could not remove %s\n", dir);
  free(samples);
  return 0;
}
