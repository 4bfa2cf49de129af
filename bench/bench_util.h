/* Shared by the benchmarks: a monotonic clock, sample statistics, and one output format
 * (a table row on stdout and a JSON line appended to $POD_BENCH_JSON when set). */
#ifndef POD_BENCH_UTIL_H
#define POD_BENCH_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Nanoseconds from a monotonic clock. */
uint64_t bench_now_ns(void);

/* Summary of per-operation samples (nanoseconds). */
typedef struct {
  size_t n;
  double mean_ns, median_ns, p95_ns, p99_ns, min_ns;
  double ops_per_s; /* n / total time */
} bench_stats_t;

/* Sorts samples in place and fills st. */
void bench_stats(bench_stats_t *st, uint64_t *samples, size_t n);

/* Prints "name | mean | median | p95 | p99 | ops/s" and appends the JSON line. */
void bench_report(const char *name, const bench_stats_t *st);

/* Prints the table header once per process. */
void bench_header(void);

/* The podd of the build tree this benchmark belongs to (<build>/src/podd/podd, found from
 * /proc/self/exe: <build>/bench/<program>) written into buf; returns buf, or NULL if the path does
 * not fit. Whether the file exists is the caller's check. */
const char *bench_podd_default(char *buf, size_t sz);

/* Keeps the compiler from discarding a computed value. */
void bench_sink(const void *p, size_t n);

#endif
