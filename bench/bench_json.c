/* The json module: reading (parse + walk + free) and writing the Solana JSON-RPC messages of
 * bench/json_compare/json_samples.h. The writer rebuilds each sample from plain C values and must
 * reproduce it byte for byte. (The comparison with other libraries is bench/json_compare.) */
#include "bench_util.h"
#include "json_compare/json_samples.h"
#include "json_compare/pod_walk.h"

typedef struct {
  const char *pubkey, *owner, *data;
  size_t data_len;
  uint64_t lamports, rent_epoch, space;
  int executable;
} account_t;

static const char *str_of(const pod_json_val *v, size_t *len) {
  const char *s = "";
  size_t n = 0;
  pod_json_get_str(&s, &n, v);
  if (len) *len = n;
  return s;
}

static void account_from(account_t *a, const pod_json_val *v) {
  a->owner = str_of(pod_json_find(v, "owner"), NULL);
  a->data = str_of(pod_json_at(pod_json_find(v, "data"), 0), &a->data_len);
  a->lamports = pod_walk_u64(pod_json_find(v, "lamports"));
  a->rent_epoch = pod_walk_u64(pod_json_find(v, "rentEpoch"));
  a->space = pod_walk_u64(pod_json_find(v, "space"));
  a->executable = (int)pod_walk_bool(pod_json_find(v, "executable"));
}

static void write_account(pod_json_writer_t *w, const account_t *a) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "data");
  pod_json_begin_array(w);
  pod_json_put_str_n(w, a->data, a->data_len);
  pod_json_put_str(w, "base64");
  pod_json_end_array(w);
  pod_json_put_key(w, "executable");
  pod_json_put_bool(w, a->executable);
  pod_json_put_key(w, "lamports");
  pod_json_put_u64(w, a->lamports);
  pod_json_put_key(w, "owner");
  pod_json_put_str(w, a->owner);
  pod_json_put_key(w, "rentEpoch");
  pod_json_put_u64(w, a->rent_epoch);
  pod_json_put_key(w, "space");
  pod_json_put_u64(w, a->space);
  pod_json_end_object(w);
}

static void write_account_info(pod_json_writer_t *w, const account_t *a, uint64_t slot) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "result");
  pod_json_begin_object(w);
  pod_json_put_key(w, "context");
  pod_json_begin_object(w);
  pod_json_put_key(w, "apiVersion");
  pod_json_put_str(w, "2.0.15");
  pod_json_put_key(w, "slot");
  pod_json_put_u64(w, slot);
  pod_json_end_object(w);
  pod_json_put_key(w, "value");
  write_account(w, a);
  pod_json_end_object(w);
  pod_json_put_key(w, "id");
  pod_json_put_u64(w, 1);
  pod_json_end_object(w);
}

static void write_program_accounts(pod_json_writer_t *w, const account_t *a, size_t n) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "result");
  pod_json_begin_array(w);
  for (size_t i = 0; i < n; i++) {
    pod_json_begin_object(w);
    pod_json_put_key(w, "account");
    write_account(w, &a[i]);
    pod_json_put_key(w, "pubkey");
    pod_json_put_str(w, a[i].pubkey);
    pod_json_end_object(w);
  }
  pod_json_end_array(w);
  pod_json_put_key(w, "id");
  pod_json_put_u64(w, 1);
  pod_json_end_object(w);
}

static void write_send_transaction(pod_json_writer_t *w, const char *tx, size_t tx_len) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "id");
  pod_json_put_u64(w, 1);
  pod_json_put_key(w, "method");
  pod_json_put_str(w, "sendTransaction");
  pod_json_put_key(w, "params");
  pod_json_begin_array(w);
  pod_json_put_str_n(w, tx, tx_len);
  pod_json_begin_object(w);
  pod_json_put_key(w, "encoding");
  pod_json_put_str(w, "base64");
  pod_json_put_key(w, "skipPreflight");
  pod_json_put_bool(w, 0);
  pod_json_put_key(w, "preflightCommitment");
  pod_json_put_str(w, "confirmed");
  pod_json_put_key(w, "maxRetries");
  pod_json_put_u64(w, 5);
  pod_json_end_object(w);
  pod_json_end_array(w);
  pod_json_end_object(w);
}

static void die(const char *what) {
  fprintf(stderr, "bench_json: %s\n", what);
  exit(1);
}

static void bench_read(const char *name, uint64_t (*walk)(const char *, size_t), const char *text,
                       size_t len, size_t iters) {
  uint64_t *s = malloc(iters * sizeof *s);
  if (!s || walk(text, len) == 0) die(name);
  for (size_t i = 0; i < iters; i++) {
    uint64_t t0 = bench_now_ns(), sum = walk(text, len);
    s[i] = bench_now_ns() - t0;
    bench_sink(&sum, sizeof sum);
  }
  bench_stats_t st;
  bench_stats(&st, s, iters);
  bench_report(name, &st);
  free(s);
}

/* The three writers behind one signature. */
typedef struct {
  int kind;
  const account_t *accts;
  size_t n;
  uint64_t slot;
  const char *tx;
  size_t tx_len;
} job_t;

static void write_job(pod_json_writer_t *w, const job_t *j) {
  if (j->kind == 0)
    write_account_info(w, j->accts, j->slot);
  else if (j->kind == 1)
    write_program_accounts(w, j->accts, j->n);
  else
    write_send_transaction(w, j->tx, j->tx_len);
}

/* Times writing with one writer reset between documents (as a server reuses one per
 * connection), after checking the output equals the sample. */
static void bench_write(const char *name, const job_t *j, const char *want, size_t want_len,
                        size_t iters) {
  pod_json_writer_t w;
  const char *out;
  size_t len;
  uint64_t *s = malloc(iters * sizeof *s);
  pod_json_writer_init(&w, 0);
  write_job(&w, j);
  if (!s || pod_json_writer_finish(&w, &out, &len) || len != want_len || memcmp(out, want, len))
    die(name);
  for (size_t i = 0; i < iters; i++) {
    uint64_t t0 = bench_now_ns();
    pod_json_writer_reset(&w);
    write_job(&w, j);
    int rc = pod_json_writer_finish(&w, &out, &len);
    s[i] = bench_now_ns() - t0;
    if (rc) die(name);
    bench_sink(out, 1);
  }
  bench_stats_t st;
  bench_stats(&st, s, iters);
  bench_report(name, &st);
  pod_json_writer_free(&w);
  free(s);
}

int main(void) {
  size_t ai_len, pa_len, st_len;
  char *ai = sample_account_info(&ai_len, UINT64_MAX);
  char *pa = sample_program_accounts(&pa_len, 1000, UINT64_MAX);
  char *st = sample_send_transaction(&st_len);
  if (!ai || !pa || !st) die("samples");
  char name[80];

  snprintf(name, sizeof name, "json read getAccountInfo (%zu B)", ai_len);
  bench_read(name, pod_walk_account_info, ai, ai_len, 20000);
  snprintf(name, sizeof name, "json read getProgramAccounts 1000 (%zu KiB)", pa_len / 1024);
  bench_read(name, pod_walk_program_accounts, pa, pa_len, 200);
  snprintf(name, sizeof name, "json read sendTransaction (%zu B)", st_len);
  bench_read(name, pod_walk_send_transaction, st, st_len, 20000);

  /* The writers' inputs, taken from the parsed samples. */
  pod_json_doc *dai, *dpa, *dst;
  if (pod_json_parse(&dai, ai, ai_len, NULL, NULL) ||
      pod_json_parse(&dpa, pa, pa_len, NULL, NULL) || pod_json_parse(&dst, st, st_len, NULL, NULL))
    die("parse");
  const pod_json_val *res = pod_json_find(pod_json_root(dai), "result");
  account_t one;
  account_from(&one, pod_json_find(res, "value"));
  job_t jai = {0,    &one, 1, pod_walk_u64(pod_json_find(pod_json_find(res, "context"), "slot")),
               NULL, 0};
  res = pod_json_find(pod_json_root(dpa), "result");
  size_t n = pod_json_len(res);
  account_t *many = calloc(n, sizeof *many);
  if (!many) die("calloc");
  for (size_t i = 0; i < n; i++) {
    account_from(&many[i], pod_json_find(pod_json_at(res, i), "account"));
    many[i].pubkey = str_of(pod_json_find(pod_json_at(res, i), "pubkey"), NULL);
  }
  job_t jpa = {1, many, n, 0, NULL, 0};
  job_t jst = {2, NULL, 0, 0, NULL, 0};
  jst.tx = str_of(pod_json_at(pod_json_find(pod_json_root(dst), "params"), 0), &jst.tx_len);

  snprintf(name, sizeof name, "json write getAccountInfo (%zu B)", ai_len);
  bench_write(name, &jai, ai, ai_len, 20000);
  snprintf(name, sizeof name, "json write getProgramAccounts 1000 (%zu KiB)", pa_len / 1024);
  bench_write(name, &jpa, pa, pa_len, 200);
  snprintf(name, sizeof name, "json write sendTransaction (%zu B)", st_len);
  bench_write(name, &jst, st, st_len, 20000);

  free(many);
  pod_json_free(dai);
  pod_json_free(dpa);
  pod_json_free(dst);
  free(ai);
  free(pa);
  free(st);
  return 0;
}
