/* The JSON texts the JSON benchmarks read (bench/bench_json.c and the library comparison in this
 * folder): Solana JSON-RPC messages as a validator sends them (compact, keys in its order), with
 * deterministic pseudo-random keys and data.
 *   account_info      getAccountInfo response, 300 bytes of data (400 base64 characters)
 *   program_accounts  getProgramAccounts response with n accounts of 220 bytes each
 *   send_transaction  sendTransaction request with a 300-byte transaction
 * rent_epoch is what the validator sends for rent-exempt accounts, u64::MAX, unless the caller
 * asks for another value (a library that cannot read u64::MAX is timed on rent_epoch 0).
 * Each function returns a malloc'd NUL-terminated text (NULL if out of memory) and its length. */
#ifndef POD_JSON_SAMPLES_H
#define POD_JSON_SAMPLES_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *s;
  size_t len, cap;
  uint64_t rng;
} sample_buf_t;

static inline void sample_add(sample_buf_t *b, const char *fmt, ...) {
  va_list ap;
  for (;;) {
    va_start(ap, fmt);
    int n = b->s ? vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap) : -1;
    va_end(ap);
    if (n >= 0 && (size_t)n < b->cap - b->len) {
      b->len += (size_t)n;
      return;
    }
    size_t nc = b->cap ? b->cap * 2 : 4096;
    char *p = realloc(b->s, nc);
    if (!p) abort(); /* a benchmark input: nothing sensible to do */
    b->s = p;
    b->cap = nc;
  }
}

static inline uint64_t sample_rand(sample_buf_t *b) { /* xorshift64 */
  b->rng ^= b->rng << 13;
  b->rng ^= b->rng >> 7;
  b->rng ^= b->rng << 17;
  return b->rng;
}

/* n random characters of an alphabet, quoted. */
static inline void sample_chars(sample_buf_t *b, size_t n, const char *alphabet) {
  size_t k = strlen(alphabet);
  sample_add(b, "\"");
  for (size_t i = 0; i < n; i++) {
    char c[2] = {alphabet[sample_rand(b) % k], 0};
    sample_add(b, "%s", c);
  }
  sample_add(b, "\"");
}

static const char sample_b58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
static const char sample_b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64 text of n bytes: 4 * ceil(n / 3) characters, padded. */
static inline void sample_base64(sample_buf_t *b, size_t n) {
  size_t chars = (n + 2) / 3 * 4, pad = (3 - n % 3) % 3;
  sample_add(b, "\"");
  for (size_t i = 0; i < chars - pad; i++) {
    char c[2] = {sample_b64[sample_rand(b) % 64], 0};
    sample_add(b, "%s", c);
  }
  sample_add(b, "%s\"", pad == 2 ? "==" : pad == 1 ? "=" : "");
}

static inline void sample_account(sample_buf_t *b, size_t data_len, uint64_t rent_epoch) {
  sample_add(b, "{\"data\":[");
  sample_base64(b, data_len);
  sample_add(b, ",\"base64\"],\"executable\":false,\"lamports\":%" PRIu64 ",\"owner\":",
             1000000 + sample_rand(b) % 100000000000ull);
  sample_chars(b, 44, sample_b58);
  sample_add(b, ",\"rentEpoch\":%" PRIu64 ",\"space\":%zu}", rent_epoch, data_len);
}

static inline char *sample_account_info(size_t *len, uint64_t rent_epoch) {
  sample_buf_t b = {NULL, 0, 0, 0x9E3779B97F4A7C15ull};
  sample_add(&b, "{\"jsonrpc\":\"2.0\",\"result\":{\"context\":{\"apiVersion\":\"2.0.15\",\"slot\":"
                 "341197053},\"value\":");
  sample_account(&b, 300, rent_epoch);
  sample_add(&b, "},\"id\":1}");
  *len = b.len;
  return b.s;
}

static inline char *sample_program_accounts(size_t *len, size_t n, uint64_t rent_epoch) {
  sample_buf_t b = {NULL, 0, 0, 0xD1B54A32D192ED03ull};
  sample_add(&b, "{\"jsonrpc\":\"2.0\",\"result\":[");
  for (size_t i = 0; i < n; i++) {
    sample_add(&b, "%s{\"account\":", i ? "," : "");
    sample_account(&b, 220, rent_epoch);
    sample_add(&b, ",\"pubkey\":");
    sample_chars(&b, 44, sample_b58);
    sample_add(&b, "}");
  }
  sample_add(&b, "],\"id\":1}");
  *len = b.len;
  return b.s;
}

static inline char *sample_send_transaction(size_t *len) {
  sample_buf_t b = {NULL, 0, 0, 0x2545F4914F6CDD1Dull};
  sample_add(&b, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"sendTransaction\",\"params\":[");
  sample_base64(&b, 300);
  sample_add(&b, ",{\"encoding\":\"base64\",\"skipPreflight\":false,\"preflightCommitment\":"
                 "\"confirmed\",\"maxRetries\":5}]}");
  *len = b.len;
  return b.s;
}

#endif
