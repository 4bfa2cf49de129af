/* Crash test: a child process commits transfers in a loop and reports each committed signature
 * over a pipe; the parent kills it with SIGKILL at a random moment, reopens the ledger and checks
 * that every reported signature is there and that lamports are conserved.
 * Usage: test_ledger_crash [iterations] (default 3). */
#include "pod/ledger.h"
#include "test/pod_test.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void child(const char *dir, int fd, int durability) {
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.durability = durability;
  pod_ledger *l;
  if (pod_ledger_open(&l, dir, &o)) _exit(2);
  pod_keypair_t k;
  pod_pubkey_t a, b;
  pod_keypair_generate(&k);
  pod_keypair_pubkey(&a, &k);
  memset(b.b, 0, 32);
  b.b[0] = 9;
  pod_signature_t sig;
  if (pod_ledger_airdrop(l, &sig, NULL, &a, 50000000000ull)) _exit(3);
  if (write(fd, sig.b, 64) != 64) _exit(4);
  const pod_keypair_t *s[1] = {&k};
  for (uint64_t i = 1;; i++) {
    uint8_t d[12] = {2, 0, 0, 0};
    uint64_t lam = 1000000 + i;
    for (int j = 0; j < 8; j++)
      d[4 + j] = (uint8_t)(lam >> (8 * j));
    pod_account_meta_t m[2] = {{a, 1, 1}, {b, 0, 1}};
    pod_instruction_t ix = {pod_system_program_id, m, 2, d, 12};
    uint8_t bh[32], wire[POD_TXN_MTU];
    size_t sz;
    pod_ledger_latest_blockhash(l, bh, NULL);
    if (pod_txn_build(wire, sizeof wire, &sz, &ix, 1, bh, s, 1)) _exit(5);
    pod_ledger_result_t r;
    int rc = pod_ledger_process(l, wire, sz, &r);
    if (rc == POD_OK && write(fd, r.signature.b, 64) != 64) _exit(6);
    pod_ledger_result_free(&r);
  }
}

int main(int argc, char **argv) {
  int iters = argc > 1 ? atoi(argv[1]) : 3;
  char dir[64];
  strcpy(dir, "/tmp/podc-test-crash-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  srand((unsigned)time(NULL));
  size_t total = 0;
  for (int it = 0; it < iters; it++) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
      close(p[0]);
      child(dir, p[1], it % 2 ? POD_DURABILITY_FULL : POD_DURABILITY_PROCESS);
      _exit(0);
    }
    close(p[1]);
    struct timespec ts = {0, (long)(20 + rand() % 200) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status));
    /* every signature reported before the kill must be there */
    size_t cap = 1024, n = 0;
    uint8_t *sigs = malloc(cap * 64);
    uint8_t buf[64];
    size_t got = 0;
    ssize_t k;
    while ((k = read(p[0], buf + got, 64 - got)) > 0) {
      got += (size_t)k;
      if (got < 64) continue;
      got = 0;
      if (n == cap) {
        cap *= 2;
        sigs = realloc(sigs, cap * 64);
      }
      memcpy(sigs + 64 * n++, buf, 64);
    }
    close(p[0]);
    pod_ledger *l = NULL;
    CHECK_EQ(pod_ledger_open(&l, dir, NULL), POD_OK);
    if (!l) break;
    size_t missing = 0;
    for (size_t i = 0; i < n; i++) {
      pod_sig_status_t st;
      if (pod_ledger_signature_status(l, (const pod_signature_t *)(sigs + 64 * i), &st)) missing++;
    }
    CHECK_EQ(missing, 0);
    pod_ledger_report_t rep;
    CHECK_EQ(pod_ledger_verify(l, &rep), POD_OK);
    CHECK_EQ(rep.total_lamports, rep.expected_lamports);
    total += n;
    pod_ledger_close(l);
    free(sigs);
  }
  fprintf(stderr, "crash test: %d kills, %zu reported commits verified\n", iters, total);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  CHECK_EQ(system(cmd), 0);
  TEST_DONE();
}
