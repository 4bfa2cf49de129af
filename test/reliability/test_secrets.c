/* Secrets never leave the keypair file (docs/RELIABILITY.md). Runs the real `pod` (argv[1]) in a
 * temporary HOME — keygen, address, the error paths of bad keypair files (a wrong public key,
 * truncated, a base58 secret instead of JSON), embedded-ledger commands with -v and --json,
 * errors, ledger verify — and a podd (argv[2]) started by `pod node start`, driven by the same
 * keypair over HTTP. Everything they print (stdout, stderr), podd's log and every file of both
 * ledgers are then searched for the secret key in each form it could leak in: base58 (the 64-byte
 * key as wallets export it, and the 32-byte seed), hex (either case), the JSON array of the file
 * (with or without spaces), base64 at each of the three byte alignments, and the raw 32 bytes.
 * Also: the keypair file is created 0600 and a group/world-readable copy is warned about (as
 * src/keys/test_keys.c and src/cli/test_cli.sh check in more detail). */
#define _GNU_SOURCE /* memmem */
#include "pod/encode.h"
#include "pod/keys.h"
#include "test/pod_test.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char T[64];        /* the temporary directory */
static char capture[128]; /* every command's stdout and stderr, appended */
static const char *pod;

/* Runs `pod ARGS` (a shell fragment) with HOME=T/home, output appended to the capture file.
 * Returns the exit status. */
static int run(const char *fmt, ...) {
  char args[1024], cmd[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(args, sizeof args, fmt, ap);
  va_end(ap);
  FILE *f = fopen(capture, "a");
  if (f) {
    fprintf(f, "\n$ pod %s\n", args);
    fclose(f);
  }
  snprintf(cmd, sizeof cmd,
           "cd %s && env -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u POD_URL -u "
           "POD_KEYPAIR HOME=%s/home %s %s >>%s 2>&1 </dev/null",
           T, T, pod, args, capture);
  int st = system(cmd);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Like run, but the command's stdout alone (first line) goes to out. */
static int run_out(char *out, size_t sz, const char *args) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "cd %s && env -u XDG_CONFIG_HOME -u XDG_DATA_HOME HOME=%s/home %s %s 2>>%s", T, T, pod,
           args, capture);
  FILE *p = popen(cmd, "r");
  out[0] = 0;
  if (!p) return -1;
  if (fgets(out, (int)sz, p)) out[strcspn(out, "\n")] = 0;
  char sink[256];
  while (fgets(sink, sizeof sink, p)) {
  }
  int st = pclose(p);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void write_file(const char *path, const char *text, mode_t mode) {
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (!f) return;
  fputs(text, f);
  fclose(f);
  chmod(path, mode);
}

/* ---- the forms of the secret ---- */
#define FORMS_MAX 16
typedef struct {
  char name[32];
  uint8_t bytes[512];
  size_t len;
} form_t;
static form_t forms[FORMS_MAX];
static size_t nforms;

static void add_form(const char *name, const void *p, size_t n) {
  form_t *f = &forms[nforms++];
  snprintf(f->name, sizeof f->name, "%s", name);
  memcpy(f->bytes, p, n);
  f->len = n;
}

static void make_forms(const pod_keypair_t *kp) {
  const uint8_t *seed = kp->b; /* the first 32 bytes: the secret */
  char s[512];
  size_t n = 0;
  pod_base58_encode(s, sizeof s, &n, kp->b, 64);
  add_form("base58 (64-byte key)", s, n);
  pod_base58_encode(s, sizeof s, &n, seed, 32);
  add_form("base58 (seed)", s, n);
  pod_hex_encode(s, sizeof s, seed, 32);
  add_form("hex", s, 64);
  for (size_t i = 0; i < 64; i++)
    s[i] = (char)(s[i] >= 'a' ? s[i] - 32 : s[i]);
  add_form("HEX", s, 64);
  n = 0;
  for (int i = 0; i < 16; i++)
    n += (size_t)sprintf(s + n, "%s%u", i ? "," : "", seed[i]);
  add_form("JSON numbers", s, n);
  n = 0;
  for (int i = 0; i < 16; i++)
    n += (size_t)sprintf(s + n, "%s%u", i ? ", " : "", seed[i]);
  add_form("JSON numbers (spaced)", s, n);
  /* base64 of the seed after 0, 1 or 2 other bytes: the inner characters, which do not depend
   * on the neighbouring bytes, appear in any base64 text holding the seed */
  for (int a = 0; a < 3; a++) {
    uint8_t buf[34] = {0};
    memcpy(buf + a, seed, 32);
    char name[32];
    size_t bl = 0;
    pod_base64_encode(s, sizeof s, &bl, buf, (size_t)a + 32);
    snprintf(name, sizeof name, "base64 (alignment %d)", a);
    size_t skip = a ? 4 : 0; /* the group holding the leading other bytes */
    add_form(name, s + skip, 40 - skip);
  }
  add_form("raw bytes", seed, 32);
}

/* Searches one file for every form; returns the number found (and names them). Reads only the
 * file's data extents (SEEK_DATA/SEEK_HOLE: a ledger's data.mdb is a sparse file the size of the
 * LMDB map), in 1 MiB chunks that overlap by more than the longest form. */
static int scan_file(const char *path, int quiet) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return 0;
  enum { CHUNK = 1 << 20, OVERLAP = 512 };
  uint8_t *buf = malloc(CHUNK + OVERLAP);
  int hit[FORMS_MAX] = {0};
  off_t end = lseek(fd, 0, SEEK_END), at = 0;
  while (buf && at < end) {
    off_t data = lseek(fd, at, SEEK_DATA);
    if (data < 0) break; /* no more data */
    off_t hole = lseek(fd, data, SEEK_HOLE);
    if (hole < 0) hole = end;
    size_t keep = 0; /* bytes carried over from the previous chunk */
    for (off_t o = data; o < hole;) {
      size_t want = (size_t)(hole - o) < CHUNK ? (size_t)(hole - o) : CHUNK;
      ssize_t r = pread(fd, buf + keep, want, o);
      if (r <= 0) break;
      size_t n = keep + (size_t)r;
      for (size_t i = 0; i < nforms; i++)
        if (memmem(buf, n, forms[i].bytes, forms[i].len)) hit[i] = 1;
      keep = n < OVERLAP ? n : OVERLAP;
      memmove(buf, buf + n - keep, keep);
      o += r;
    }
    at = hole;
  }
  close(fd);
  free(buf);
  int found = 0;
  for (size_t i = 0; i < nforms; i++)
    if (hit[i]) {
      if (!quiet) fprintf(stderr, "SECRET LEAKED: %s found in %s\n", forms[i].name, path);
      found++;
    }
  return found;
}

/* Scans every regular file under dir (recursively), except keypair files (*.json written by
 * keygen or by this test, which hold the secret by design). Returns files scanned in *files. */
static int scan_tree(const char *dir, int *files) {
  DIR *d = opendir(dir);
  if (!d) return 0;
  int found = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    struct stat st;
    if (lstat(p, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      found += scan_tree(p, files);
    } else if (S_ISREG(st.st_mode)) {
      size_t l = strlen(e->d_name);
      if (l > 5 && !strcmp(e->d_name + l - 5, ".json")) continue;
      (*files)++;
      found += scan_file(p, 0);
    }
  }
  closedir(d);
  return found;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: test_secrets POD PODD\n");
    return 2;
  }
  static char pod_abs[4096], podd_abs[4096]; /* the commands run in T */
  if (!realpath(argv[1], pod_abs) || !realpath(argv[2], podd_abs)) {
    fprintf(stderr, "test_secrets: %s or %s not found\n", argv[1], argv[2]);
    return 2;
  }
  pod = pod_abs;
  strcpy(T, "/tmp/podc-rel-secrets-XXXXXX");
  CHECK(mkdtemp(T) != NULL);
  snprintf(capture, sizeof capture, "%s/captured.txt", T);
  setenv("POD_PODD", podd_abs, 1);
  char k[128], p[1024];
  snprintf(k, sizeof k, "%s/home/.config/solana/id.json", T);

  /* keys: create, read, refuse to overwrite */
  CHECK_EQ(run("keygen"), 0);
  CHECK_EQ(run("-v keygen"), 3);
  CHECK_EQ(run("--json -v keygen -o %s/k2.json", T), 0);
  CHECK_EQ(run("address"), 0);
  CHECK_EQ(run("-v --json address"), 0);
  struct stat st;
  CHECK_EQ(stat(k, &st), 0);
  CHECK_EQ(st.st_mode & 0777, 0600);
  pod_keypair_t kp;
  int insecure = 1;
  CHECK_EQ(pod_keypair_read_file(&kp, k, &insecure), POD_OK);
  CHECK_EQ(insecure, 0);
  make_forms(&kp);

  /* a world-readable copy is warned about */
  char open_path[128], line[256];
  snprintf(open_path, sizeof open_path, "%s/open.json", T);
  snprintf(p, sizeof p, "cp %s %s && chmod 644 %s", k, open_path, open_path);
  CHECK_EQ(system(p), 0);
  struct stat cst;
  CHECK_EQ(stat(capture, &cst), 0);
  CHECK_EQ(run("address %s", open_path), 0);
  FILE *cf = fopen(capture, "r");
  int warned = 0;
  if (cf && fseek(cf, (long)cst.st_size, SEEK_SET) == 0)
    while (fgets(line, sizeof line, cf))
      if (strstr(line, "warning:") && strstr(line, "readable by others")) warned = 1;
  if (cf) fclose(cf);
  CHECK(warned);

  /* bad keypair files that hold the secret: the errors must not quote them */
  char text[1024];
  size_t n = (size_t)sprintf(text, "[");
  for (int i = 0; i < 64; i++) /* the seed with a wrong public key */
    n += (size_t)sprintf(text + n, "%s%u", i ? "," : "", i < 32 ? kp.b[i] : 0);
  sprintf(text + n, "]");
  snprintf(p, sizeof p, "%s/badpub.json", T);
  write_file(p, text, 0600);
  n = (size_t)sprintf(text, "[");
  for (int i = 0; i < 40; i++) /* truncated */
    n += (size_t)sprintf(text + n, "%s%u", i ? "," : "", kp.b[i]);
  snprintf(p, sizeof p, "%s/trunc.json", T);
  write_file(p, text, 0600);
  snprintf(p, sizeof p, "%s/b58.json", T); /* a wallet's export: the base58 64-byte key */
  memcpy(text, forms[0].bytes, forms[0].len);
  text[forms[0].len] = '\n';
  text[forms[0].len + 1] = 0;
  write_file(p, text, 0600);
  const char *bad[] = {"badpub.json", "trunc.json", "b58.json"};
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(run("-v address %s", bad[i]), 3);
    CHECK_EQ(run("--json -v address %s", bad[i]), 3);
    CHECK_EQ(run("-v --url embedded:%s/led --keypair %s balance", T, bad[i]), 3);
    CHECK_EQ(run("-v --url embedded:%s/led --keypair %s agent register --capabilities text "
                 "--uri https://example.com/a.json",
                 T, bad[i]),
             3);
  }

  /* an embedded ledger: the commands that sign, and their error paths, verbose */
  const char *url = "--url embedded:led";
  CHECK_EQ(run("-v %s airdrop 2", url), 0);
  CHECK_EQ(run("-v %s balance", url), 0);
  CHECK_EQ(
      run("-v %s agent register --capabilities text --uri https://example.com/agent.json", url), 0);
  CHECK_EQ(
      run("-v %s agent register --capabilities text --uri https://example.com/agent.json", url), 2);
  char longuri[260] = "https://example.com/";
  memset(longuri + 20, 'a', 200); /* over 200 bytes: refused before sending (6000) */
  CHECK_EQ(run("-v %s agent update --uri %s", url, longuri), 2);
  CHECK_EQ(run("-v --json %s agent info", url), 0);
  char me[64];
  CHECK_EQ(run_out(me, sizeof me, "-q address"), 0);
  CHECK_EQ(run("-v %s message send %s --text hello", url, me), 0);
  CHECK_EQ(run("-v %s message send %s --text hello", url, me), 2);
  CHECK_EQ(run("-v %s message list --outbox", url), 0);
  CHECK_EQ(run("-v %s config show", url), 0);
  CHECK_EQ(run("-v errors 6000"), 0);
  CHECK_EQ(run("-v ledger verify led"), 0);

  /* podd, through pod node, with the same keypair over HTTP */
  char rpc[128];
  snprintf(p, sizeof p, "-q node start --ledger %s/node --rpc-port 0", T);
  CHECK_EQ(run_out(rpc, sizeof rpc, p), 0);
  CHECK(strncmp(rpc, "http://", 7) == 0);
  if (!strncmp(rpc, "http://", 7)) {
    CHECK_EQ(run("-v --url %s airdrop 2", rpc), 0);
    CHECK_EQ(
        run("-v --url %s agent register --capabilities code --uri https://example.com/n.json", rpc),
        0);
    CHECK_EQ(
        run("-v --url %s agent register --capabilities code --uri https://example.com/n.json", rpc),
        2);
    CHECK_EQ(run("-v --url %s message send %s --text over-http", rpc, me), 0);
    CHECK_EQ(run("-v --json --url %s agent info", rpc), 0);
    CHECK_EQ(run("-v --url %s --keypair badpub.json balance", rpc), 3);
    CHECK_EQ(run("-v node status --ledger %s/node", T), 0);
  }
  CHECK_EQ(run("-v node stop --ledger %s/node", T), 0);

  /* the search; first, that it finds what is there: the keypair file (JSON numbers) and the
   * wallet export (base58) */
  CHECK(scan_file(k, 1) >= 1);
  snprintf(p, sizeof p, "%s/b58.json", T);
  CHECK(scan_file(p, 1) >= 1);
  int files = 0;
  int leaks = scan_tree(T, &files);
  CHECK_EQ(leaks, 0);
  CHECK(files >= 5); /* the capture, podd.log, both ledgers' files */
  snprintf(p, sizeof p, "%s/node/podd.log", T);
  CHECK_EQ(access(p, R_OK), 0);
  fprintf(stderr,
          "test_secrets: %zu forms of the secret searched in %d files (outputs of every "
          "command, podd.log, ledger files): %d found\n",
          nforms, files, leaks);
  pod_keypair_wipe(&kp);
  if (pod_test_failures)
    fprintf(stderr, "outputs kept in %s\n", capture);
  else {
    snprintf(p, sizeof p, "rm -rf %s", T);
    CHECK_EQ(system(p), 0);
  }
  TEST_DONE();
}
