#define _DEFAULT_SOURCE /* readlink() under -std=c11 */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

uint64_t bench_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

void bench_stats(bench_stats_t *st, uint64_t *s, size_t n) {
  double total = 0;
  for (size_t i = 0; i < n; i++)
    total += (double)s[i];
  qsort(s, n, sizeof *s, cmp_u64);
  st->n = n;
  st->mean_ns = n ? total / (double)n : 0;
  st->median_ns = n ? (double)s[n / 2] : 0;
  st->p95_ns = n ? (double)s[(n * 95) / 100 < n ? (n * 95) / 100 : n - 1] : 0;
  st->p99_ns = n ? (double)s[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1] : 0;
  st->min_ns = n ? (double)s[0] : 0;
  st->ops_per_s = total > 0 ? (double)n * 1e9 / total : 0;
}

static void fmt_time(char *out, size_t sz, double ns) {
  if (ns < 1e3)
    snprintf(out, sz, "%.0f ns", ns);
  else if (ns < 1e6)
    snprintf(out, sz, "%.2f us", ns / 1e3);
  else
    snprintf(out, sz, "%.2f ms", ns / 1e6);
}

static int header_done;

void bench_header(void) {
  if (header_done) return;
  header_done = 1;
  printf("%-44s %10s %10s %10s %10s %14s\n", "benchmark", "mean", "median", "p95", "p99", "ops/s");
}

void bench_report(const char *name, const bench_stats_t *st) {
  char mean[32], med[32], p95[32], p99[32];
  bench_header();
  fmt_time(mean, sizeof mean, st->mean_ns);
  fmt_time(med, sizeof med, st->median_ns);
  fmt_time(p95, sizeof p95, st->p95_ns);
  fmt_time(p99, sizeof p99, st->p99_ns);
  printf("%-44s %10s %10s %10s %10s %14.0f\n", name, mean, med, p95, p99, st->ops_per_s);
  fflush(stdout);
  const char *path = getenv("POD_BENCH_JSON");
  if (path && *path) {
    FILE *f = fopen(path, "a");
    if (f) {
      fprintf(f,
              "{\"name\":\"%s\",\"n\":%zu,\"mean_ns\":%.1f,\"median_ns\":%.1f,\"p95_ns\":%.1f,"
              "\"p99_ns\":%.1f,\"ops_per_s\":%.1f}\n",
              name, st->n, st->mean_ns, st->median_ns, st->p95_ns, st->p99_ns, st->ops_per_s);
      fclose(f);
    }
  }
}

static volatile unsigned char bench_sink_byte;
void bench_sink(const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++)
    bench_sink_byte ^= b[i];
}

const char *bench_podd_default(char *buf, size_t sz) {
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return NULL;
  self[n] = 0;
  char *slash = strrchr(self, '/'); /* <build>/bench/<program> -> <build> */
  if (slash) *slash = 0;
  slash = strrchr(self, '/');
  if (!slash) return NULL;
  *slash = 0;
  int k = snprintf(buf, sz, "%s/src/podd/podd", self);
  return k < 0 || (size_t)k >= sz ? NULL : buf;
}
