/* Compares the JSON libraries Debian 12 packages for podc (docs/DESIGN.md, "JSON library"):
 *   1. parse + walk + free of three Solana JSON-RPC texts (json_samples.h): median time per
 *      operation, allocation calls and peak heap per operation;
 *   2. u64 exactness: reading 0, 2^53+1, 2^63-1, 2^63, 2^64-1 exactly, refusing 2^64 and -1;
 *   3. what each accepts of texts a hostile peer could send.
 * Allocations are counted by replacing malloc/calloc/realloc/free in this program (glibc lets a
 * program do that, and the libraries' calls come here too), so every library is counted the same
 * way whether or not it has allocator hooks (the candidates are loaded with dlopen; the program
 * is linked with -rdynamic so that their malloc is this one). Run: make -C bench/json_compare run
 */
#define _GNU_SOURCE /* malloc_usable_size */
#include "compare.h"

#include "../bench_util.h"
#include "json_samples.h"

#include <dlfcn.h>
#include <libgen.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- allocation counting ---- */

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static int counting;
static size_t n_calls, live, peak;

static void *counted(void *p) {
  if (counting && p) {
    n_calls++;
    live += malloc_usable_size(p);
    if (live > peak) peak = live;
  }
  return p;
}
void *malloc(size_t n) { return counted(__libc_malloc(n)); }
void *calloc(size_t a, size_t b) { return counted(__libc_calloc(a, b)); }
void *realloc(void *p, size_t n) {
  size_t old = p && counting ? malloc_usable_size(p) : 0;
  void *q = __libc_realloc(p, n);
  if (counting && q) live -= old < live ? old : live;
  return counted(q);
}
void free(void *p) {
  if (counting && p) {
    size_t s = malloc_usable_size(p);
    live -= s < live ? s : live;
  }
  __libc_free(p);
}

/* Loads dir/cand_<name>.so and returns its candidate. */
static const candidate_t *load(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/cand_%s.so", dir, name);
  void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  const candidate_t *c = h ? dlsym(h, "candidate") : NULL;
  if (!c) {
    fprintf(stderr, "json_compare: %s: %s\n", path, dlerror());
    exit(1);
  }
  return c;
}

/* ---- timing ---- */

typedef uint64_t (*walk_fn)(const char *, size_t);

/* ---- the samples ---- */

typedef struct {
  const char *name;
  char *text[2]; /* [0]: rentEpoch u64::MAX as Solana sends it; [1]: rentEpoch 0 */
  size_t len[2], iters;
} sample_t;

static void make_samples(sample_t s[3], size_t scale) {
  s[0].name = "getAccountInfo response";
  s[0].text[0] = sample_account_info(&s[0].len[0], UINT64_MAX);
  s[0].text[1] = sample_account_info(&s[0].len[1], 0);
  s[0].iters = 20000 * scale;
  s[1].name = "getProgramAccounts, 1000 accounts";
  s[1].text[0] = sample_program_accounts(&s[1].len[0], 1000, UINT64_MAX);
  s[1].text[1] = sample_program_accounts(&s[1].len[1], 1000, 0);
  s[1].iters = 100 * scale;
  s[2].name = "sendTransaction request";
  s[2].text[0] = sample_send_transaction(&s[2].len[0]);
  s[2].text[1] = sample_send_transaction(&s[2].len[1]);
  s[2].iters = 20000 * scale;
}

static walk_fn walk_of(const candidate_t *c, int k) {
  return k == 0 ? c->account_info : k == 1 ? c->program_accounts : c->send_transaction;
}

/* ---- timing ---- */

static double median_of(walk_fn f, const char *text, size_t len, size_t iters) {
  uint64_t *s = __libc_malloc(iters * sizeof *s);
  if (!s) abort();
  for (size_t i = 0; i < iters / 10 + 1; i++)
    bench_sink((uint64_t[]){f(text, len)}, 8);
  for (size_t i = 0; i < iters; i++) {
    uint64_t t0 = bench_now_ns();
    uint64_t sum = f(text, len);
    s[i] = bench_now_ns() - t0;
    bench_sink(&sum, sizeof sum);
  }
  bench_stats_t st;
  bench_stats(&st, s, iters);
  __libc_free(s);
  return st.median_ns;
}

/* Each timing runs in a new process (this program, exec'd with --one), so no candidate inherits
 * the allocator state another left: glibc adapts its mmap and trim thresholds to the blocks freed
 * so far, and free memory left in the heap spares the next parse its page faults. The second
 * timing ("keep") raises both thresholds to their maximum: freed memory stays in the process
 * instead of going back to the kernel and being faulted in again by the next parse, which on a
 * virtual machine can cost more than parsing a large text. */
static double timed(const char *self, int cand, int k, int variant, size_t scale, int keep) {
  char a[5][24];
  int fd[2];
  double ns = -1;
  snprintf(a[0], sizeof a[0], "%d", cand);
  snprintf(a[1], sizeof a[1], "%d", k);
  snprintf(a[2], sizeof a[2], "%d", variant);
  snprintf(a[3], sizeof a[3], "%zu", scale);
  snprintf(a[4], sizeof a[4], "%d", keep);
  fflush(stdout);
  if (pipe(fd)) abort();
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fd[1], 1);
    close(fd[0]);
    close(fd[1]);
    execl("/proc/self/exe", self, "--one", a[0], a[1], a[2], a[3], a[4], (char *)NULL);
    _exit(127);
  }
  close(fd[1]);
  char buf[64];
  ssize_t n = read(fd[0], buf, sizeof buf - 1);
  close(fd[0]);
  waitpid(pid, NULL, 0);
  if (n > 0) {
    buf[n] = 0;
    ns = strtod(buf, NULL);
  }
  return ns;
}

/* --one CAND SAMPLE VARIANT SCALE KEEP: prints the median time of one measurement. */
static int one(const char *dir, char **argv) {
  static const char *names[] = {"jsonc", "jansson", "yajl_tree", "pod"};
  int c = atoi(argv[0]), k = atoi(argv[1]), v = atoi(argv[2]), keep = atoi(argv[4]);
  size_t scale = (size_t)strtoul(argv[3], NULL, 10);
  if (c < 0 || c > 3 || k < 0 || k > 2 || v < 0 || v > 1) return 2;
  if (keep) {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
  }
  const candidate_t *cand = load(dir, names[c]);
  sample_t s[3];
  make_samples(s, scale);
  printf("%.1f\n", median_of(walk_of(cand, k), s[k].text[v], s[k].len[v], s[k].iters));
  return 0;
}

static void fmt_ns(char *o, size_t sz, double ns) {
  if (ns < 1e3)
    snprintf(o, sz, "%.0f ns", ns);
  else if (ns < 1e6)
    snprintf(o, sz, "%.2f us", ns / 1e3);
  else
    snprintf(o, sz, "%.2f ms", ns / 1e6);
}

static void fmt_bytes(char *o, size_t sz, size_t b) {
  if (b < 10240)
    snprintf(o, sz, "%zu B", b);
  else if (b < 10u << 20)
    snprintf(o, sz, "%.0f KiB", b / 1024.0);
  else
    snprintf(o, sz, "%.1f MiB", b / 1048576.0);
}

/* Runs f(text) in a child process: 1 accepted, 0 refused, -1 crashed (signal). */
static int in_child(const candidate_t *c, const char *text, size_t len) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) _exit(c->accepts(text, len) ? 1 : 0);
  int st;
  if (pid < 0 || waitpid(pid, &st, 0) != pid) return -2;
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(int argc, char **argv) {
  char self[4096];
  snprintf(self, sizeof self, "%s", argv[0]);
  const char *dir = dirname(self);
  if (argc == 7 && strcmp(argv[1], "--one") == 0) return one(dir, argv + 2);
  const candidate_t *cands[] = {load(dir, "jsonc"), load(dir, "jansson"), load(dir, "yajl_tree"),
                                load(dir, "pod")};
  const candidate_t *pod = cands[3];
  const size_t nc = sizeof cands / sizeof cands[0];
  size_t scale = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1;
  if (!scale) scale = 1;
  sample_t samples[3];
  make_samples(samples, scale);

  printf(
      "# JSON libraries: parse + walk + free. Median time per operation, each measured in a new\n"
      "# process (\"memory kept\": glibc told not to return freed memory to the kernel);\n"
      "# allocation calls (malloc, calloc, realloc) and peak heap of one operation.\n");
  for (int k = 0; k < 3; k++) {
    printf("\n%s, %zu bytes\n\n", samples[k].name, samples[k].len[0]);
    printf("| library | time | time, memory kept | allocations | peak heap | note |\n"
           "|---|---:|---:|---:|---:|---|\n");
    for (size_t c = 0; c < nc; c++) {
      walk_fn f = walk_of(cands[c], k), ref = walk_of(pod, k);
      int v = 0;
      const char *note = "";
      if (f(samples[k].text[0], samples[k].len[0]) == 0) { /* refused the real text */
        v = 1;
        note = "refuses rentEpoch 18446744073709551615: timed with rentEpoch 0";
      }
      const char *text = samples[k].text[v];
      size_t len = samples[k].len[v];
      uint64_t want = ref(text, len), got = f(text, len);
      if (got != want) {
        printf("| %s | - | - | - | - | read %llu, expected %llu |\n", cands[c]->name,
               (unsigned long long)got, (unsigned long long)want);
        continue;
      }
      double t_def = timed(argv[0], (int)c, k, v, scale, 0);
      double t_keep = timed(argv[0], (int)c, k, v, scale, 1);
      n_calls = live = peak = 0;
      counting = 1;
      bench_sink((uint64_t[]){f(text, len)}, 8);
      counting = 0;
      char t[32], tk[32], p[32];
      fmt_ns(t, sizeof t, t_def);
      fmt_ns(tk, sizeof tk, t_keep);
      fmt_bytes(p, sizeof p, peak);
      printf("| %s | %s | %s | %zu | %s | %s |\n", cands[c]->name, t, tk, n_calls, p, note);
    }
  }

  static const char *nums[] = {"0",
                               "9007199254740993",
                               "9223372036854775807",
                               "9223372036854775808",
                               "18446744073709551615",
                               "18446744073709551616",
                               "-1"};
  static const int must_fail[] = {0, 0, 0, 0, 0, 1, 1};
  printf("\n# u64: [N] parsed, N read as u64 (expected: exact for the first five, refused for "
         "the last two)\n\n| N |");
  for (size_t c = 0; c < nc; c++)
    printf(" %s |", cands[c]->name);
  printf("\n|---|");
  for (size_t c = 0; c < nc; c++)
    printf("---|");
  printf("\n");
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    char text[64];
    int tl = snprintf(text, sizeof text, "[%s]", nums[i]);
    printf("| %s |", nums[i]);
    for (size_t c = 0; c < nc; c++) {
      uint64_t v = 0;
      int rc = cands[c]->u64(text, (size_t)tl, &v);
      char vs[32];
      snprintf(vs, sizeof vs, "%llu", (unsigned long long)v);
      if (rc == -1)
        printf(" %s |", must_fail[i] ? "refused (parse)" : "**parse error**");
      else if (rc == -2)
        printf(" %s |", must_fail[i] ? "refused" : "**refused**");
      else if (!must_fail[i] && strcmp(vs, nums[i]) == 0)
        printf(" exact |");
      else
        printf(" **%s** |", vs);
    }
    printf("\n");
  }

  /* Hostile or malformed texts. */
  size_t deep = 100000;
  char *nest = __libc_malloc(2 * deep + 1);
  if (!nest) abort();
  memset(nest, '[', deep);
  memset(nest + deep, ']', deep);
  nest[2 * deep] = 0;
  static const struct {
    const char *label, *text;
    int should_accept;
  } cases[] = {
      {"100 000 nested arrays", NULL, 0},
      {"`{\"a\":1,\"a\":2}` (duplicate key)", "{\"a\":1,\"a\":2}", 0},
      {"`\"\\ud800\"` (lone surrogate)", "\"\\ud800\"", 0},
      {"`\"\\ud800\\u0041\"` (broken pair)", "\"\\ud800\\u0041\"", 0},
      {"overlong UTF-8 `C0 80`", "\"\xC0\x80\"", 0},
      {"UTF-8 surrogate `ED A0 80`", "\"\xED\xA0\x80\"", 0},
      {"raw control character `01`", "\"\x01\"", 0},
      {"`[1,]` (trailing comma)", "[1,]", 0},
      {"`[1] x` (trailing bytes)", "[1] x", 0},
      {"`// c` comment", "// c\n[1]", 0},
      {"`{\"a\\u0000b\":1}` (NUL in a key)", "{\"a\\u0000b\":1}", 1},
  };
  printf("\n# What each accepts (expected: only the last)\n\n| text |");
  for (size_t c = 0; c < nc; c++)
    printf(" %s |", cands[c]->name);
  printf("\n|---|");
  for (size_t c = 0; c < nc; c++)
    printf("---|");
  printf("\n");
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *t = cases[i].text ? cases[i].text : nest;
    size_t tl = strlen(t);
    printf("| %s |", cases[i].label);
    for (size_t c = 0; c < nc; c++) {
      int r = in_child(cands[c], t, tl);
      const char *s = r == 1 ? "accepted" : r == 0 ? "refused" : r == -1 ? "CRASH" : "?";
      printf(r == cases[i].should_accept ? " %s |" : " **%s** |", s);
    }
    printf("\n");
  }
  __libc_free(nest);
  return 0;
}
