/* A tiny test harness: CHECK macros that print file:line and the failed expression, and a few
 * helpers. Tests are small executables; main returns non-zero if any check failed. */
#ifndef POD_TEST_H
#define POD_TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int pod_test_failures;
static int pod_test_checks;

#define CHECK(e)                                                                                   \
  do {                                                                                             \
    pod_test_checks++;                                                                             \
    if (!(e)) {                                                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #e);                        \
      pod_test_failures++;                                                                         \
    }                                                                                              \
  } while (0)

#define CHECK_EQ(a, b)                                                                             \
  do {                                                                                             \
    long long pod_t_a_ = (long long)(a), pod_t_b_ = (long long)(b);                                \
    pod_test_checks++;                                                                             \
    if (pod_t_a_ != pod_t_b_) {                                                                    \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a, \
              #b, pod_t_a_, pod_t_b_);                                                             \
      pod_test_failures++;                                                                         \
    }                                                                                              \
  } while (0)

#define CHECK_STR(a, b)                                                                            \
  do {                                                                                             \
    const char *pod_t_a_ = (a), *pod_t_b_ = (b);                                                   \
    pod_test_checks++;                                                                             \
    if (!pod_t_a_ || !pod_t_b_ || strcmp(pod_t_a_, pod_t_b_)) {                                    \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s == %s (\"%s\" != \"%s\")\n", __FILE__,          \
              __LINE__, #a, #b, pod_t_a_ ? pod_t_a_ : "(null)", pod_t_b_ ? pod_t_b_ : "(null)");   \
      pod_test_failures++;                                                                         \
    }                                                                                              \
  } while (0)

/* Compares n bytes with a lowercase hex string. */
#define CHECK_HEX(buf, n, hex)                                                                     \
  do {                                                                                             \
    pod_test_checks++;                                                                             \
    if (!pod_test_hex_eq((const unsigned char *)(buf), (n), (hex))) {                              \
      fprintf(stderr, "%s:%d: CHECK_HEX failed: %s\n  want %s\n  got  ", __FILE__, __LINE__, #buf, \
              (hex));                                                                              \
      for (size_t pod_t_i_ = 0; pod_t_i_ < (size_t)(n); pod_t_i_++)                                \
        fprintf(stderr, "%02x", ((const unsigned char *)(buf))[pod_t_i_]);                         \
      fprintf(stderr, "\n");                                                                       \
      pod_test_failures++;                                                                         \
    }                                                                                              \
  } while (0)

static inline int pod_test_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decodes hex into out (at most cap bytes); returns the byte count, or -1. */
static inline long pod_test_unhex(unsigned char *out, size_t cap, const char *hex) {
  size_t n = strlen(hex);
  if (n % 2 || n / 2 > cap) return -1;
  for (size_t i = 0; i < n / 2; i++) {
    int hi = pod_test_nibble(hex[2 * i]), lo = pod_test_nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return -1;
    out[i] = (unsigned char)(hi << 4 | lo);
  }
  return (long)(n / 2);
}

static inline int pod_test_hex_eq(const unsigned char *buf, size_t n, const char *hex) {
  if (strlen(hex) != 2 * n) return 0;
  for (size_t i = 0; i < n; i++) {
    int hi = pod_test_nibble(hex[2 * i]), lo = pod_test_nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0 || buf[i] != (unsigned char)(hi << 4 | lo)) return 0;
  }
  return 1;
}

/* End of main: print a summary line and return the exit status. */
#define TEST_DONE()                                                                                \
  do {                                                                                             \
    printf("%s: %d checks, %d failed\n", __FILE__, pod_test_checks, pod_test_failures);            \
    return pod_test_failures ? 1 : 0;                                                              \
  } while (0)

#endif
