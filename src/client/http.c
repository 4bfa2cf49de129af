/* The HTTP transport: Solana JSON-RPC 2.0 over libcurl.
 *
 * One easy handle per client, kept for the client's life, so the connection (and its TLS
 * session) is reused between requests; HTTP/2 when the server offers it over TLS
 * (CURL_HTTP_VERSION_2TLS); certificates verified unless opts.tls_insecure. Requests are written
 * with the pod_json writer (one buffer per client, reused) and answers read with pod_json.
 *
 * Retries: network failures (connect, send/receive, timeouts, an empty answer), HTTP 429 (waiting
 * at least Retry-After seconds) and 5xx are retried with exponential backoff (retry_base_ms,
 * doubling) and jitter (each wait is 50..100 % of the step), up to retry_max attempts. An answer
 * that is JSON-RPC — a result or an error — is never retried: a transaction the node refused
 * (sendTransaction's error) is final. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "client_int.h"
#include "pod/encode.h"

#define RESPONSE_MAX (256u << 20) /* largest answer read (getProgramAccounts of a big program) */
#define RETRY_WAIT_MAX_MS 30000u  /* no single wait longer than this */
#define ACCOUNTS_PER_CALL 100u    /* getMultipleAccounts' limit */
#define SIGS_PER_CALL 256u        /* getSignatureStatuses' limit */

typedef struct {
  CURL *h;
  struct curl_slist *hdrs;
  char *buf; /* the answer */
  size_t len, cap;
  int too_large;
  long retry_after_ms; /* from the last answer's Retry-After, -1 if none */
  char curl_err[CURL_ERROR_SIZE];
  pod_json_writer_t w;
  uint64_t id;
  uint64_t rng;
} http_t;

static http_t *H(pod_client *c) { return c->tp; }

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc;
static void curl_init_once(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

/* ---- libcurl callbacks ---- */

static size_t on_body(char *p, size_t size, size_t nmemb, void *user) {
  http_t *h = user;
  size_t n = size * nmemb;
  if (n > RESPONSE_MAX - h->len) {
    h->too_large = 1;
    return 0;
  }
  if (h->len + n + 1 > h->cap) {
    size_t nc = h->cap ? h->cap : 4096;
    while (nc < h->len + n + 1)
      nc *= 2;
    char *nb = realloc(h->buf, nc);
    if (!nb) return 0;
    h->buf = nb;
    h->cap = nc;
  }
  memcpy(h->buf + h->len, p, n);
  h->len += n;
  h->buf[h->len] = 0;
  return n;
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *user) {
  http_t *h = user;
  size_t n = size * nmemb;
  static const char name[] = "retry-after:";
  if (n > sizeof name - 1 && !strncasecmp(p, name, sizeof name - 1)) {
    size_t i = sizeof name - 1;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
      i++;
    unsigned long v = 0;
    size_t digits = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9' && digits < 6) {
      v = v * 10 + (unsigned long)(p[i++] - '0');
      digits++;
    }
    /* delay-seconds only; an HTTP-date falls back to the backoff */
    if (digits) h->retry_after_ms = (long)(v * 1000u);
  }
  return n;
}

/* ---- one POST with retries ---- */

static int net_retryable(CURLcode cc) {
  switch (cc) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_CONNECT:
  case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR:
  case CURLE_RECV_ERROR:
  case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE:
  case CURLE_HTTP2:
  case CURLE_HTTP2_STREAM: return 1;
  default: return 0;
  }
}

static uint64_t rnd(http_t *h) { /* xorshift64*: jitter only */
  h->rng ^= h->rng >> 12;
  h->rng ^= h->rng << 25;
  h->rng ^= h->rng >> 27;
  return h->rng * 0x2545F4914F6CDD1DULL;
}

/* Posts body; on success *doc is the parsed answer (a JSON-RPC object or batch array). */
static int post(pod_client *c, const char *what, const char *body, size_t body_len,
                pod_json_doc **doc) {
  http_t *h = H(c);
  *doc = NULL;
  curl_easy_setopt(h->h, CURLOPT_POSTFIELDS, body);
  curl_easy_setopt(h->h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
  uint32_t attempts = c->retry_max ? c->retry_max : 1;
  for (uint32_t attempt = 1;; attempt++) {
    h->len = 0;
    h->too_large = 0;
    h->retry_after_ms = -1;
    h->curl_err[0] = 0;
    if (h->buf) h->buf[0] = 0;
    CURLcode cc = curl_easy_perform(h->h);
    long status = 0;
    curl_easy_getinfo(h->h, CURLINFO_RESPONSE_CODE, &status);
    int retry = 0, rc = POD_EIO;
    if (cc == CURLE_OK && status == 200) {
      pod_json_opts_t jo = POD_JSON_OPTS_INIT;
      jo.max_input = RESPONSE_MAX;
      pod_json_error_t je;
      rc = pod_json_parse(doc, h->buf ? h->buf : "", h->len, &jo, &je);
      if (rc == POD_OK) return POD_OK;
      return pod_client__fail(c, POD_EDECODE, "%s: the node's answer is not JSON (%s)", what,
                              je.msg);
    }
    if (cc != CURLE_OK) {
      if (h->too_large)
        return pod_client__fail(c, POD_ETOOLARGE, "%s: the answer is larger than %u MiB", what,
                                RESPONSE_MAX >> 20);
      retry = net_retryable(cc);
      pod_client__fail(c, POD_EIO, "%s: cannot reach %s: %s%s%s — is the node running?", what,
                       c->endpoint, curl_easy_strerror(cc), h->curl_err[0] ? ": " : "",
                       h->curl_err);
    } else if (status == 429) {
      retry = 1;
      pod_client__fail(c, POD_EIO,
                       "%s: the node is rate limiting (HTTP 429) — slow down or use "
                       "another endpoint",
                       what);
    } else if (status >= 500) {
      retry = 1;
      pod_client__fail(c, POD_EIO, "%s: server error (HTTP %ld) from %s", what, status,
                       c->endpoint);
    } else {
      /* Some nodes answer JSON-RPC errors with a 4xx status: let the caller read it. */
      if (h->len && pod_json_parse(doc, h->buf, h->len, NULL, NULL) == POD_OK &&
          pod_json_find(pod_json_root(*doc), "error"))
        return POD_OK;
      pod_json_free(*doc);
      *doc = NULL;
      return pod_client__fail(c, POD_EIO, "%s: HTTP %ld from %s (is it a Solana JSON-RPC URL?)",
                              what, status, c->endpoint);
    }
    if (!retry || attempt >= attempts) return rc;
    uint64_t step = (uint64_t)c->retry_base_ms << (attempt - 1 < 20 ? attempt - 1 : 20);
    uint64_t wait = step / 2 + (step ? rnd(h) % (step / 2 + 1) : 0);
    if (h->retry_after_ms >= 0 && (uint64_t)h->retry_after_ms > wait)
      wait = (uint64_t)h->retry_after_ms;
    if (wait > RETRY_WAIT_MAX_MS) wait = RETRY_WAIT_MAX_MS;
    pod_client__sleep_ms(wait);
  }
}

/* ---- requests ---- */

static const char *commitment_str(pod_commitment_t c) {
  return c == POD_COMMITMENT_PROCESSED   ? "processed"
         : c == POD_COMMITMENT_FINALIZED ? "finalized"
                                         : "confirmed";
}

/* Starts {"jsonrpc":"2.0","id":N,"method":m,"params":[ in w. */
static void req_open(http_t *h, pod_json_writer_t *w, const char *method) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "id");
  pod_json_put_u64(w, ++h->id);
  pod_json_put_key(w, "method");
  pod_json_put_str(w, method);
  pod_json_put_key(w, "params");
  pod_json_begin_array(w);
}

static void req_close(pod_json_writer_t *w) {
  pod_json_end_array(w);
  pod_json_end_object(w);
}

static pod_json_writer_t *begin(pod_client *c, const char *method) {
  http_t *h = H(c);
  pod_json_writer_reset(&h->w);
  req_open(h, &h->w, method);
  return &h->w;
}

static void put_key58(pod_json_writer_t *w, const pod_pubkey_t *k) {
  char b58[POD_PUBKEY_B58_SZ];
  pod_json_put_str(w, pod_pubkey_to_base58(b58, k));
}

static void put_config(pod_client *c, pod_json_writer_t *w, int base64) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "commitment");
  pod_json_put_str(w, commitment_str(c->commitment));
  if (base64) {
    pod_json_put_key(w, "encoding");
    pod_json_put_str(w, "base64");
  }
  pod_json_end_object(w);
}

/* Reads a JSON-RPC answer object: POD_OK with *result, or the node's error (c->rpc_code set,
 * *error = the error object). */
static int answer(pod_client *c, const char *method, const pod_json_val *resp,
                  const pod_json_val **result, const pod_json_val **error) {
  if (error) *error = NULL;
  const pod_json_val *e = pod_json_find(resp, "error");
  if (e) {
    int64_t code = 0;
    const char *msg = "";
    pod_json_get_i64(&code, pod_json_find(e, "code"));
    pod_json_get_str(&msg, NULL, pod_json_find(e, "message"));
    c->rpc_code = (int)code;
    if (error) *error = e;
    if (code == -32601)
      return pod_client__fail(c, POD_EIO,
                              "%s: the node does not implement this method (JSON-RPC -32601: %s)",
                              method, msg);
    return pod_client__fail(c, POD_EIO, "%s: the node answered error %lld: %s", method,
                            (long long)code, msg);
  }
  *result = pod_json_find(resp, "result");
  if (!*result)
    return pod_client__fail(c, POD_EDECODE, "%s: malformed answer (no result, no error)", method);
  return POD_OK;
}

/* Finishes the request in the writer, posts it and reads the result. *doc must be freed. */
static int call(pod_client *c, const char *method, pod_json_doc **doc, const pod_json_val **result,
                const pod_json_val **error) {
  http_t *h = H(c);
  *result = NULL; /* callers may look into it before checking the result code */
  req_close(&h->w);
  const char *body;
  size_t len;
  int rc = pod_json_writer_finish(&h->w, &body, &len);
  if (rc != POD_OK) return pod_client__fail(c, rc, "%s: cannot write the request", method);
  rc = post(c, method, body, len, doc);
  if (rc != POD_OK) return rc;
  return answer(c, method, pod_json_root(*doc), result, error);
}

/* ---- decoding pieces ---- */

static int account_from_json(pod_client *c, pod_client_account_t *out, const pod_pubkey_t *key,
                             const pod_json_val *v) {
  memset(out, 0, sizeof *out);
  out->key = *key;
  const char *owner = NULL, *b64 = NULL;
  size_t owner_len = 0, b64_len = 0;
  int ex = 0;
  if (pod_json_get_u64(&out->lamports, pod_json_find(v, "lamports")) != POD_OK ||
      pod_json_get_str(&owner, &owner_len, pod_json_find(v, "owner")) != POD_OK ||
      pod_pubkey_from_base58(&out->owner, owner, owner_len) != POD_OK ||
      pod_json_get_bool(&ex, pod_json_find(v, "executable")) != POD_OK ||
      pod_json_get_str(&b64, &b64_len, pod_json_at(pod_json_find(v, "data"), 0)) != POD_OK)
    return pod_client__fail(c, POD_EDECODE, "malformed account in the node's answer");
  out->executable = ex;
  pod_json_get_u64(&out->rent_epoch, pod_json_find(v, "rentEpoch"));
  size_t cap = b64_len / 4 * 3;
  if (cap) {
    out->data = pod_client__alloc(cap, 1);
    if (!out->data) return pod_client__fail(c, POD_ENOMEM, "out of memory");
    if (pod_base64_decode(out->data, cap, &out->data_sz, b64, b64_len) != POD_OK) {
      pod_client_account_free(out);
      return pod_client__fail(c, POD_EDECODE, "malformed account data (base64) in the answer");
    }
  }
  return POD_OK;
}

static int logs_from_json(pod_tx_outcome_t *o, const pod_json_val *arr) {
  if (pod_json_type(arr) != POD_JSON_ARRAY) return POD_OK;
  o->has_logs = 1;
  size_t n = pod_json_len(arr);
  if (!n) return POD_OK;
  o->logs = pod_client__alloc(n, sizeof *o->logs);
  if (!o->logs) return POD_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const char *s = "";
    size_t len = 0;
    pod_json_get_str(&s, &len, pod_json_at(arr, i));
    if (!(o->logs[i] = pod_client__strndup(s, len))) return POD_ENOMEM;
    o->log_cnt = i + 1;
  }
  return POD_OK;
}

static int err_from_json(pod_client *c, pod_tx_outcome_t *o, const pod_json_val *err) {
  if (!err || pod_json_is_null(err)) return POD_OK;
  o->has_err = 1;
  if (pod_client__tx_error_from_json(&o->err, err) != POD_OK) {
    /* an error this library does not know: keep it generic rather than fail the call */
    memset(&o->err, 0, sizeof o->err);
    o->err.kind = POD_TXERR_INSTRUCTION_ERROR;
    o->err.ix_error = POD_IXERR_GENERIC_ERROR;
  }
  (void)c;
  return POD_OK;
}

/* ---- the operations ---- */

static int h_get_account(pod_client *c, const pod_pubkey_t *key, pod_client_account_t *out) {
  pod_json_writer_t *w = begin(c, "getAccountInfo");
  put_key58(w, key);
  put_config(c, w, 1);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getAccountInfo", &doc, &r, NULL);
  if (rc == POD_OK) {
    const pod_json_val *v = pod_json_find(r, "value");
    if (!v || pod_json_is_null(v)) {
      char b58[POD_PUBKEY_B58_SZ];
      rc = pod_client__fail(c, POD_ENOTFOUND, "account %s does not exist",
                            pod_pubkey_to_base58(b58, key));
    } else
      rc = account_from_json(c, out, key, v);
  }
  pod_json_free(doc);
  return rc;
}

static int h_get_accounts(pod_client *c, const pod_pubkey_t *keys, size_t n,
                          pod_client_account_t *out, int *found) {
  http_t *h = H(c);
  size_t chunks = (n + ACCOUNTS_PER_CALL - 1) / ACCOUNTS_PER_CALL;
  uint64_t first_id = h->id + 1;
  pod_json_writer_reset(&h->w);
  if (chunks > 1) pod_json_begin_array(&h->w); /* a JSON-RPC batch */
  for (size_t k = 0; k < chunks; k++) {
    req_open(h, &h->w, "getMultipleAccounts");
    pod_json_begin_array(&h->w);
    for (size_t i = k * ACCOUNTS_PER_CALL; i < n && i < (k + 1) * ACCOUNTS_PER_CALL; i++)
      put_key58(&h->w, &keys[i]);
    pod_json_end_array(&h->w);
    put_config(c, &h->w, 1);
    req_close(&h->w);
  }
  if (chunks > 1) pod_json_end_array(&h->w);
  const char *body;
  size_t len;
  int rc = pod_json_writer_finish(&h->w, &body, &len);
  if (rc != POD_OK) return pod_client__fail(c, rc, "getMultipleAccounts: cannot write the request");
  pod_json_doc *doc = NULL;
  if ((rc = post(c, "getMultipleAccounts", body, len, &doc)) != POD_OK) return rc;
  const pod_json_val *root = pod_json_root(doc);
  for (size_t k = 0; rc == POD_OK && k < chunks; k++) {
    const pod_json_val *resp = root;
    if (chunks > 1) { /* batch answers may come in any order: match the ids */
      resp = NULL;
      for (size_t j = 0; j < pod_json_len(root); j++) {
        uint64_t id = 0;
        if (pod_json_get_u64(&id, pod_json_find(pod_json_at(root, j), "id")) == POD_OK &&
            id == first_id + k)
          resp = pod_json_at(root, j);
      }
      if (!resp) {
        rc = pod_client__fail(c, POD_EDECODE, "getMultipleAccounts: the batch answer lacks id %llu",
                              (unsigned long long)(first_id + k));
        break;
      }
    }
    const pod_json_val *r;
    if ((rc = answer(c, "getMultipleAccounts", resp, &r, NULL)) != POD_OK) break;
    const pod_json_val *arr = pod_json_find(r, "value");
    size_t base = k * ACCOUNTS_PER_CALL,
           cnt = n - base < ACCOUNTS_PER_CALL ? n - base : ACCOUNTS_PER_CALL;
    if (pod_json_len(arr) != cnt) {
      rc = pod_client__fail(c, POD_EDECODE, "getMultipleAccounts: wrong number of accounts");
      break;
    }
    for (size_t i = 0; rc == POD_OK && i < cnt; i++) {
      const pod_json_val *v = pod_json_at(arr, i);
      if (pod_json_is_null(v)) continue;
      if ((rc = account_from_json(c, &out[base + i], &keys[base + i], v)) == POD_OK)
        found[base + i] = 1;
    }
  }
  pod_json_free(doc);
  return rc;
}

static int h_program_accounts(pod_client *c, const pod_pubkey_t *owner,
                              const pod_account_filter_t *f, pod_client_account_t **out,
                              size_t *n) {
  pod_json_writer_t *w = begin(c, "getProgramAccounts");
  put_key58(w, owner);
  pod_json_begin_object(w);
  pod_json_put_key(w, "commitment");
  pod_json_put_str(w, commitment_str(c->commitment));
  pod_json_put_key(w, "encoding");
  pod_json_put_str(w, "base64");
  if (f && (f->has_data_size || f->memcmp_cnt)) {
    pod_json_put_key(w, "filters");
    pod_json_begin_array(w);
    if (f->has_data_size) {
      pod_json_begin_object(w);
      pod_json_put_key(w, "dataSize");
      pod_json_put_u64(w, f->data_size);
      pod_json_end_object(w);
    }
    for (size_t i = 0; i < f->memcmp_cnt; i++) {
      char b58[POD_MEMCMP_MAX * 2];
      size_t bl = 0;
      if (f->memcmp[i].len > POD_MEMCMP_MAX ||
          pod_base58_encode(b58, sizeof b58, &bl, f->memcmp[i].bytes, f->memcmp[i].len) != POD_OK)
        return pod_client__fail(c, POD_EINVAL, "memcmp filter longer than %u bytes",
                                POD_MEMCMP_MAX);
      pod_json_begin_object(w);
      pod_json_put_key(w, "memcmp");
      pod_json_begin_object(w);
      pod_json_put_key(w, "offset");
      pod_json_put_u64(w, f->memcmp[i].offset);
      pod_json_put_key(w, "bytes");
      pod_json_put_str_n(w, b58, bl);
      pod_json_end_object(w);
      pod_json_end_object(w);
    }
    pod_json_end_array(w);
  }
  pod_json_end_object(w);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getProgramAccounts", &doc, &r, NULL);
  pod_client_account_t *list = NULL;
  size_t cnt = 0;
  if (rc == POD_OK) {
    /* withContext answers wrap the array in {"context":..,"value":[..]} */
    if (pod_json_type(r) == POD_JSON_OBJECT) r = pod_json_find(r, "value");
    size_t total = pod_json_len(r);
    if (total && !(list = pod_client__alloc(total, sizeof *list)))
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    for (size_t i = 0; rc == POD_OK && i < total; i++) {
      const pod_json_val *e = pod_json_at(r, i);
      const char *k = NULL;
      size_t kl = 0;
      pod_pubkey_t key;
      if (pod_json_get_str(&k, &kl, pod_json_find(e, "pubkey")) != POD_OK ||
          pod_pubkey_from_base58(&key, k, kl) != POD_OK) {
        rc = pod_client__fail(c, POD_EDECODE, "getProgramAccounts: malformed pubkey");
        break;
      }
      if ((rc = account_from_json(c, &list[cnt], &key, pod_json_find(e, "account"))) == POD_OK)
        cnt++;
    }
  }
  pod_json_free(doc);
  if (rc != POD_OK) {
    pod_client_accounts_free(list, cnt);
    return rc;
  }
  if (!cnt) {
    free(list);
    list = NULL;
  }
  *out = list;
  *n = cnt;
  return POD_OK;
}

static int h_latest_blockhash(pod_client *c, uint8_t out[32]) {
  pod_json_writer_t *w = begin(c, "getLatestBlockhash");
  put_config(c, w, 0);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getLatestBlockhash", &doc, &r, NULL);
  if (rc == POD_OK) {
    const char *s;
    size_t len;
    if (pod_json_get_str(&s, &len, pod_json_find(pod_json_find(r, "value"), "blockhash")) !=
            POD_OK ||
        pod_base58_decode_32(out, s, len) != POD_OK)
      rc = pod_client__fail(c, POD_EDECODE, "getLatestBlockhash: malformed answer");
  }
  pod_json_free(doc);
  return rc;
}

/* sendTransaction / simulateTransaction share the request and the refusal shape (§6.7). */
/* The params of sendTransaction / simulateTransaction after req_open: [b64, {config}]. */
static void put_tx(pod_client *c, pod_json_writer_t *w, const char *b64, int sim) {
  pod_json_put_str(w, b64);
  pod_json_begin_object(w);
  pod_json_put_key(w, "encoding");
  pod_json_put_str(w, "base64");
  pod_json_put_key(w, sim ? "commitment" : "preflightCommitment");
  pod_json_put_str(w, commitment_str(c->commitment));
  if (sim) {
    pod_json_put_key(w, "sigVerify");
    pod_json_put_bool(w, 1);
  }
  pod_json_end_object(w);
}

/* The outcome of one answer (rc and r / e as answer() gave them). */
static int tx_result(pod_client *c, int rc, const pod_json_val *r, const pod_json_val *e, int sim,
                     pod_tx_outcome_t *o) {
  if (rc != POD_OK && e) {
    const pod_json_val *data = pod_json_find(e, "data");
    const pod_json_val *err = pod_json_find(data, "err");
    if (err && !pod_json_is_null(err)) { /* a refused transaction: final, never retried */
      err_from_json(c, o, err);
      if (logs_from_json(o, pod_json_find(data, "logs")) != POD_OK)
        rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
      else
        rc = POD_EPROGRAM;
      pod_json_get_u64(&o->units, pod_json_find(data, "unitsConsumed"));
    }
  } else if (rc == POD_OK && sim) {
    const pod_json_val *v = pod_json_find(r, "value");
    err_from_json(c, o, pod_json_find(v, "err"));
    if (logs_from_json(o, pod_json_find(v, "logs")) != POD_OK)
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    pod_json_get_u64(&o->units, pod_json_find(v, "unitsConsumed"));
    if (rc == POD_OK && o->has_err) rc = POD_EPROGRAM;
  } else if (rc == POD_OK) {
    const char *s;
    size_t len;
    if (pod_json_get_str(&s, &len, r) != POD_OK || pod_signature_from_base58(&o->sig, s, len))
      rc = pod_client__fail(c, POD_EDECODE, "sendTransaction: malformed signature in the answer");
  }
  return rc;
}

/* sendTransaction / simulateTransaction share the request and the refusal shape (§6.7). */
static int tx_call(pod_client *c, const char *method, const uint8_t *wire, size_t sz,
                   pod_tx_outcome_t *o) {
  char b64[POD_BASE64_ENC_SZ(POD_TXN_MTU)];
  if (pod_base64_encode(b64, sizeof b64, NULL, wire, sz) != POD_OK)
    return pod_client__fail(c, POD_ETOOLARGE, "transaction too large");
  int sim = !strcmp(method, "simulateTransaction");
  put_tx(c, begin(c, method), b64, sim);
  pod_json_doc *doc = NULL;
  const pod_json_val *r = NULL, *e = NULL;
  int rc = call(c, method, &doc, &r, &e);
  rc = tx_result(c, rc, r, e, sim, o);
  pod_json_free(doc);
  return rc;
}

/* Batches (batch.c): n signed transactions (wire i at wires + i * POD_TXN_MTU, sizes[i] bytes)
 * as JSON-RPC batches of sendTransaction, SENDS_PER_CALL per request: one round trip for all.
 * rcs[i] and o[i] as h_send; a request that failed in transport gives its transactions that
 * error (fate unknown). POD_EINVAL, nothing sent, when the node refuses batches (the caller then
 * sends them one by one). */
#define SENDS_PER_CALL 100u /* podd's batch limit, and a common one */
static int h_send_many(pod_client *c, const uint8_t *wires, const size_t *sizes, size_t n, int *rcs,
                       pod_tx_outcome_t *o) {
  http_t *h = H(c);
  for (size_t base = 0; base < n; base += SENDS_PER_CALL) {
    size_t cnt = n - base < SENDS_PER_CALL ? n - base : SENDS_PER_CALL;
    uint64_t first_id = h->id + 1;
    pod_json_writer_reset(&h->w);
    pod_json_begin_array(&h->w);
    for (size_t i = 0; i < cnt; i++) {
      char b64[POD_BASE64_ENC_SZ(POD_TXN_MTU)];
      if (pod_base64_encode(b64, sizeof b64, NULL, wires + (base + i) * POD_TXN_MTU,
                            sizes[base + i]) != POD_OK)
        return pod_client__fail(c, POD_ETOOLARGE, "transaction too large");
      req_open(h, &h->w, "sendTransaction");
      put_tx(c, &h->w, b64, 0);
      req_close(&h->w);
    }
    pod_json_end_array(&h->w);
    const char *body;
    size_t len;
    int rc = pod_json_writer_finish(&h->w, &body, &len);
    if (rc != POD_OK) return pod_client__fail(c, rc, "sendTransaction: cannot write the batch");
    pod_json_doc *doc = NULL;
    rc = post(c, "sendTransaction (batch)", body, len, &doc);
    const pod_json_val *root = rc == POD_OK ? pod_json_root(doc) : NULL;
    if (rc == POD_OK && pod_json_type(root) != POD_JSON_ARRAY) {
      pod_json_free(doc);
      if (base == 0) /* one error object for the whole request: nothing was run */
        return pod_client__fail(c, POD_EINVAL, "the node does not take JSON-RPC batches");
      rc = pod_client__fail(c, POD_EDECODE, "sendTransaction: a batch answer is not an array");
    }
    for (size_t i = 0; i < cnt; i++) {
      int r_rc = rc;
      if (rc == POD_OK) {
        const pod_json_val *resp = NULL, *r = NULL, *e = NULL;
        for (size_t j = 0; j < pod_json_len(root) && !resp; j++) {
          uint64_t id = 0;
          if (pod_json_get_u64(&id, pod_json_find(pod_json_at(root, j), "id")) == POD_OK &&
              id == first_id + i)
            resp = pod_json_at(root, j);
        }
        if (!resp)
          r_rc = pod_client__fail(c, POD_EDECODE, "sendTransaction: the batch answer lacks id %llu",
                                  (unsigned long long)(first_id + i));
        else { /* answer() first: the order of evaluation of arguments is unspecified */
          int a_rc = answer(c, "sendTransaction", resp, &r, &e);
          r_rc = tx_result(c, a_rc, r, e, 0, &o[base + i]);
        }
      }
      rcs[base + i] = r_rc;
    }
    pod_json_free(doc);
  }
  return POD_OK;
}

static int h_send(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  return tx_call(c, "sendTransaction", wire, sz, o);
}

static int h_simulate(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  return tx_call(c, "simulateTransaction", wire, sz, o);
}

static int h_statuses(pod_client *c, const pod_signature_t *sigs, size_t n, pod_sig_state_t *out) {
  for (size_t base = 0; base < n; base += SIGS_PER_CALL) {
    size_t cnt = n - base < SIGS_PER_CALL ? n - base : SIGS_PER_CALL;
    pod_json_writer_t *w = begin(c, "getSignatureStatuses");
    pod_json_begin_array(w);
    for (size_t i = 0; i < cnt; i++) {
      char b58[POD_SIGNATURE_B58_SZ];
      pod_json_put_str(w, pod_signature_to_base58(b58, &sigs[base + i]));
    }
    pod_json_end_array(w);
    pod_json_doc *doc = NULL;
    const pod_json_val *r;
    int rc = call(c, "getSignatureStatuses", &doc, &r, NULL);
    const pod_json_val *arr = pod_json_find(r, "value");
    if (rc == POD_OK && pod_json_len(arr) != cnt)
      rc = pod_client__fail(c, POD_EDECODE, "getSignatureStatuses: wrong number of statuses");
    for (size_t i = 0; rc == POD_OK && i < cnt; i++) {
      const pod_json_val *v = pod_json_at(arr, i);
      pod_sig_state_t *s = &out[base + i];
      memset(s, 0, sizeof *s);
      if (pod_json_is_null(v)) continue;
      s->found = 1;
      pod_json_get_u64(&s->slot, pod_json_find(v, "slot"));
      pod_tx_outcome_t tmp;
      memset(&tmp, 0, sizeof tmp);
      err_from_json(c, &tmp, pod_json_find(v, "err"));
      s->has_err = tmp.has_err;
      s->err = tmp.err;
      const char *cs = NULL;
      s->level = POD_COMMITMENT_PROCESSED;
      if (pod_json_get_str(&cs, NULL, pod_json_find(v, "confirmationStatus")) == POD_OK) {
        if (!strcmp(cs, "confirmed")) s->level = POD_COMMITMENT_CONFIRMED;
        if (!strcmp(cs, "finalized")) s->level = POD_COMMITMENT_FINALIZED;
      } else if (pod_json_is_null(pod_json_find(v, "confirmations"))) {
        s->level = POD_COMMITMENT_FINALIZED; /* old nodes: null confirmations = rooted */
      }
    }
    pod_json_free(doc);
    if (rc != POD_OK) return rc;
  }
  return POD_OK;
}

static int h_get_transaction(pod_client *c, const pod_signature_t *sig, pod_tx_outcome_t *o) {
  char b58[POD_SIGNATURE_B58_SZ];
  pod_json_writer_t *w = begin(c, "getTransaction");
  pod_json_put_str(w, pod_signature_to_base58(b58, sig));
  pod_json_begin_object(w);
  pod_json_put_key(w, "commitment");
  pod_json_put_str(w, c->commitment == POD_COMMITMENT_PROCESSED ? "confirmed"
                                                                : commitment_str(c->commitment));
  pod_json_put_key(w, "encoding");
  pod_json_put_str(w, "json");
  pod_json_put_key(w, "maxSupportedTransactionVersion");
  pod_json_put_u64(w, 0);
  pod_json_end_object(w);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getTransaction", &doc, &r, NULL);
  if (rc == POD_OK && pod_json_is_null(r))
    rc = pod_client__fail(c, POD_ENOTFOUND, "transaction %s not found", b58);
  if (rc == POD_OK) {
    const pod_json_val *meta = pod_json_find(r, "meta");
    o->sig = *sig;
    err_from_json(c, o, pod_json_find(meta, "err"));
    pod_json_get_u64(&o->units, pod_json_find(meta, "computeUnitsConsumed"));
    if (logs_from_json(o, pod_json_find(meta, "logMessages")) != POD_OK)
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  }
  pod_json_free(doc);
  return rc;
}

static int h_airdrop(pod_client *c, const pod_pubkey_t *to, uint64_t lamports,
                     pod_tx_outcome_t *o) {
  pod_json_writer_t *w = begin(c, "requestAirdrop");
  put_key58(w, to);
  pod_json_put_u64(w, lamports);
  put_config(c, w, 0);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "requestAirdrop", &doc, &r, NULL);
  if (rc == POD_OK) {
    const char *s;
    size_t len;
    if (pod_json_get_str(&s, &len, r) != POD_OK || pod_signature_from_base58(&o->sig, s, len))
      rc = pod_client__fail(c, POD_EDECODE, "requestAirdrop: malformed signature in the answer");
  }
  pod_json_free(doc);
  return rc;
}

static int h_balance(pod_client *c, const pod_pubkey_t *key, uint64_t *out) {
  pod_json_writer_t *w = begin(c, "getBalance");
  put_key58(w, key);
  put_config(c, w, 0);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getBalance", &doc, &r, NULL);
  if (rc == POD_OK && pod_json_get_u64(out, pod_json_find(r, "value")) != POD_OK)
    rc = pod_client__fail(c, POD_EDECODE, "getBalance: malformed answer");
  pod_json_free(doc);
  return rc;
}

static int h_slot(pod_client *c, uint64_t *out) {
  pod_json_writer_t *w = begin(c, "getSlot");
  put_config(c, w, 0);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getSlot", &doc, &r, NULL);
  if (rc == POD_OK && pod_json_get_u64(out, r) != POD_OK)
    rc = pod_client__fail(c, POD_EDECODE, "getSlot: malformed answer");
  pod_json_free(doc);
  return rc;
}

static int h_now(pod_client *c, int64_t *out) {
  uint64_t slot;
  int rc = h_slot(c, &slot);
  if (rc != POD_OK) return rc;
  pod_json_writer_t *w = begin(c, "getBlockTime");
  pod_json_put_u64(w, slot);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  rc = call(c, "getBlockTime", &doc, &r, NULL);
  if (rc == POD_OK && pod_json_get_i64(out, r) != POD_OK)
    rc = pod_client__fail(c, POD_ENOTFOUND,
                          "getBlockTime: the node does not know slot %llu's "
                          "time yet",
                          (unsigned long long)slot);
  pod_json_free(doc);
  return rc;
}

/* getRecentPerformanceSamples(max): [{slot, numTransactions, numNonVoteTransactions, numSlots,
 * samplePeriodSecs}], newest first. */
static int h_perf_samples(pod_client *c, pod_perf_sample_t *out, size_t max, size_t *n) {
  *n = 0;
  if (!max) return POD_OK;
  pod_json_writer_t *w = begin(c, "getRecentPerformanceSamples");
  pod_json_put_u64(w, max);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getRecentPerformanceSamples", &doc, &r, NULL);
  size_t cnt = rc == POD_OK ? pod_json_len(r) : 0;
  for (size_t i = 0; rc == POD_OK && i < cnt && i < max; i++) {
    const pod_json_val *e = pod_json_at(r, i);
    pod_perf_sample_t *s = &out[i];
    uint64_t period = 0;
    memset(s, 0, sizeof *s);
    if (pod_json_get_u64(&s->slot, pod_json_find(e, "slot")) != POD_OK ||
        pod_json_get_u64(&s->num_transactions, pod_json_find(e, "numTransactions")) != POD_OK ||
        pod_json_get_u64(&s->num_slots, pod_json_find(e, "numSlots")) != POD_OK ||
        pod_json_get_u64(&period, pod_json_find(e, "samplePeriodSecs")) != POD_OK ||
        period > UINT16_MAX)
      rc = pod_client__fail(c, POD_EDECODE,
                            "getRecentPerformanceSamples: sample %zu is not {slot, "
                            "numTransactions, numSlots, samplePeriodSecs}",
                            i);
    s->sample_period_secs = (uint16_t)period;
    /* older nodes do not give numNonVoteTransactions: then every transaction counts */
    if (pod_json_get_u64(&s->num_non_vote_transactions,
                         pod_json_find(e, "numNonVoteTransactions")) != POD_OK)
      s->num_non_vote_transactions = s->num_transactions;
    if (rc == POD_OK) *n = i + 1;
  }
  pod_json_free(doc);
  return rc;
}

static void h_close(pod_client *c) {
  http_t *h = H(c);
  if (!h) return;
  if (h->h) curl_easy_cleanup(h->h);
  curl_slist_free_all(h->hdrs);
  free(h->buf);
  pod_json_writer_free(&h->w);
  free(h);
  c->tp = NULL;
}

static int h_signatures(pod_client *c, const pod_pubkey_t *addr, const pod_signature_t *until,
                        size_t max, pod_signature_t *sigs, uint64_t *slots, int *failed,
                        size_t *n) {
  *n = 0;
  pod_json_writer_t *w = begin(c, "getSignaturesForAddress");
  put_key58(w, addr);
  pod_json_begin_object(w);
  pod_json_put_key(w, "commitment");
  pod_json_put_str(w, c->commitment == POD_COMMITMENT_PROCESSED ? "confirmed"
                                                                : commitment_str(c->commitment));
  pod_json_put_key(w, "limit");
  pod_json_put_u64(w, max);
  if (until) {
    char b58[POD_SIGNATURE_B58_SZ];
    pod_json_put_key(w, "until");
    pod_json_put_str(w, pod_signature_to_base58(b58, until));
  }
  pod_json_end_object(w);
  pod_json_doc *doc = NULL;
  const pod_json_val *r;
  int rc = call(c, "getSignaturesForAddress", &doc, &r, NULL);
  size_t cnt = rc == POD_OK ? pod_json_len(r) : 0;
  for (size_t i = 0; rc == POD_OK && i < cnt && *n < max; i++) {
    const pod_json_val *v = pod_json_at(r, i);
    const char *s = NULL;
    size_t len = 0;
    if (pod_json_get_str(&s, &len, pod_json_find(v, "signature")) != POD_OK ||
        pod_signature_from_base58(&sigs[*n], s, len) != POD_OK) {
      rc = pod_client__fail(c, POD_EDECODE, "getSignaturesForAddress: malformed answer");
      break;
    }
    slots[*n] = 0;
    pod_json_get_u64(&slots[*n], pod_json_find(v, "slot"));
    const pod_json_val *e = pod_json_find(v, "err");
    failed[*n] = e && !pod_json_is_null(e);
    (*n)++;
  }
  pod_json_free(doc);
  return rc;
}

/* memstats: the buffers kept for reuse (the request writer and the answer buffer). */
static void h_mem(pod_client *c, uint64_t *bytes, uint64_t *buffers) {
  http_t *h = H(c);
  *bytes = h ? (uint64_t)h->cap + (uint64_t)h->w.cap : 0;
  *buffers = 2;
}

static const pod_transport_ops http_ops = {
    h_get_account,
    h_get_accounts,
    h_program_accounts,
    h_latest_blockhash,
    h_send,
    h_simulate,
    h_statuses,
    h_get_transaction,
    h_airdrop,
    h_balance,
    h_slot,
    h_now,
    h_close,
    h_signatures,
    h_mem,
    h_perf_samples,
    h_send_many,
};

int pod_client__http_open(pod_client *c, const char *url) {
  pthread_once(&curl_once, curl_init_once);
  if (curl_init_rc != CURLE_OK)
    return pod_client__fail(c, POD_EIO, "libcurl cannot start: %s",
                            curl_easy_strerror(curl_init_rc));
  http_t *h = pod_client__alloc(1, sizeof *h);
  if (!h) return pod_client__fail(c, POD_ENOMEM, "out of memory");
  c->tp = h;
  c->ops = &http_ops;
  pod_json_writer_init(&h->w, 4u << 20);
  h->rng = pod_client__now_ms() ^ (uint64_t)(uintptr_t)h ^ 0x9E3779B97F4A7C15ULL;
  if (!h->rng) h->rng = 1;
  h->h = curl_easy_init();
  struct curl_slist *s = curl_slist_append(NULL, "Content-Type: application/json");
  if (s) h->hdrs = s;
  if (!h->h || !s) {
    h_close(c);
    c->ops = NULL;
    return pod_client__fail(c, POD_ENOMEM, "libcurl: cannot create a handle");
  }
  CURL *e = h->h;
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, h->hdrs);
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, h);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, h);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, h->curl_err);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)c->timeout_ms);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   (long)(c->timeout_ms < 10000 ? c->timeout_ms : 10000));
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
  /* opts.pool_connections: connections kept alive in the handle's cache (libcurl's default: 5) */
  if (c->pool_connections) curl_easy_setopt(e, CURLOPT_MAXCONNECTS, (long)c->pool_connections);
  curl_easy_setopt(e, CURLOPT_USERAGENT, "podc/" POD_VERSION_STR);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, c->tls_insecure ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, c->tls_insecure ? 0L : 2L);
  return POD_OK;
}
