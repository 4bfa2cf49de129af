/* JSON encoders and config parsers shared by podd's JSON-RPC methods and PubSub (rpc_encode.h). */
#include "rpc_encode.h"

#include <pod/encode.h>
#include <pod/errors.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

int rpc_fail(rpc_error_t *e, int code, const char *fmt, ...) {
  if (!e) return POD_EINVAL;
  e->code = code;
  e->data_json[0] = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->msg, sizeof e->msg, fmt, ap);
  va_end(ap);
  return POD_EINVAL;
}

static int str_is(const char *s, size_t n, const char *lit) {
  return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* ---- encodings and configs ---- */

int rpc_parse_encoding(rpc_encoding_t *out, const pod_json_val *v, rpc_error_t *err) {
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, v) != POD_OK)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid params: invalid type: expected a string.");
  static const struct {
    const char *name;
    rpc_encoding_t enc;
  } T[] = {{"binary", RPC_ENC_BINARY},
           {"base58", RPC_ENC_BASE58},
           {"base64", RPC_ENC_BASE64},
           {"base64+zstd", RPC_ENC_BASE64_ZSTD},
           {"jsonParsed", RPC_ENC_JSON_PARSED}};
  for (size_t i = 0; i < sizeof T / sizeof T[0]; i++)
    if (str_is(s, n, T[i].name)) {
      *out = T[i].enc;
      return POD_OK;
    }
  return rpc_fail(err, RPC_INVALID_PARAMS,
                  "Invalid params: unknown variant `%.64s`, expected one of `binary`, `base58`, "
                  "`base64`, `jsonParsed`, `base64+zstd`.",
                  s);
}

int rpc_parse_commitment(const pod_json_val *v, rpc_error_t *err) {
  if (!v || pod_json_is_null(v)) return POD_OK;
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, v) != POD_OK)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid params: invalid type: expected a string.");
  static const char *const OK[] = {"processed", "confirmed",    "finalized", "recent",
                                   "single",    "singleGossip", "root",      "max"};
  for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++)
    if (str_is(s, n, OK[i])) return POD_OK;
  return rpc_fail(err, RPC_INVALID_PARAMS,
                  "Invalid params: unknown variant `%.64s`, expected one of `processed`, "
                  "`confirmed`, `finalized`.",
                  s);
}

static int get_u64_param(uint64_t *out, const pod_json_val *v, const char *what, rpc_error_t *err) {
  int rc = pod_json_get_u64(out, v);
  if (rc == POD_OK) return POD_OK;
  return rpc_fail(err, RPC_INVALID_PARAMS,
                  "Invalid params: invalid type: %s must be an unsigned integer.", what);
}

int rpc_parse_account_config(rpc_account_config_t *out, const pod_json_val *v, rpc_encoding_t dflt,
                             rpc_error_t *err) {
  memset(out, 0, sizeof *out);
  out->encoding = dflt;
  if (!v || pod_json_is_null(v)) return POD_OK;
  if (pod_json_type(v) != POD_JSON_OBJECT)
    return rpc_fail(err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: expected a configuration object.");
  const pod_json_val *e = pod_json_find(v, "encoding");
  if (e && !pod_json_is_null(e) && rpc_parse_encoding(&out->encoding, e, err) != POD_OK)
    return POD_EINVAL;
  if (rpc_parse_commitment(pod_json_find(v, "commitment"), err) != POD_OK) return POD_EINVAL;
  const pod_json_val *m = pod_json_find(v, "minContextSlot");
  if (m && !pod_json_is_null(m)) {
    if (get_u64_param(&out->min_context_slot, m, "minContextSlot", err) != POD_OK)
      return POD_EINVAL;
    out->has_min_context_slot = 1;
  }
  const pod_json_val *ds = pod_json_find(v, "dataSlice");
  if (ds && !pod_json_is_null(ds)) {
    if (pod_json_type(ds) != POD_JSON_OBJECT)
      return rpc_fail(
          err, RPC_INVALID_PARAMS,
          "Invalid params: invalid type: dataSlice must be {\"offset\":n,\"length\":n}.");
    if (get_u64_param(&out->slice.offset, pod_json_find(ds, "offset"), "dataSlice.offset", err) ||
        get_u64_param(&out->slice.length, pod_json_find(ds, "length"), "dataSlice.length", err))
      return POD_EINVAL;
    out->slice.set = 1;
  }
  /* Solana's check_slice_and_encoding */
  if (out->slice.set && out->encoding == RPC_ENC_JSON_PARSED)
    return rpc_fail(err, RPC_INVALID_REQUEST,
                    "Sliced account data can only be encoded using binary (base 58) or base64 "
                    "encoding.");
  if (out->slice.set && (out->encoding == RPC_ENC_BASE58 || out->encoding == RPC_ENC_BINARY) &&
      out->slice.length > RPC_BASE58_DATA_MAX)
    return rpc_fail(err, RPC_INVALID_REQUEST,
                    "Sliced account data can only be encoded using base58 for %u bytes or less",
                    RPC_BASE58_DATA_MAX);
  return POD_OK;
}

/* ---- accounts ---- */

static void slice_of(const pod_account_t *a, const rpc_data_slice_t *s, const uint8_t **p,
                     size_t *n) {
  *p = a->data;
  *n = a->data_sz;
  if (!s || !s->set) return;
  size_t off = s->offset < a->data_sz ? (size_t)s->offset : a->data_sz;
  size_t left = a->data_sz - off;
  size_t len = s->length < left ? (size_t)s->length : left;
  *p = a->data + off;
  *n = len;
}

/* Writes the "data" value; POD_OK or an error before anything is written. */
static int write_data(pod_json_writer_t *w, const uint8_t *p, size_t n, rpc_encoding_t enc,
                      rpc_error_t *err) {
  if (enc == RPC_ENC_BASE58 || enc == RPC_ENC_BINARY) {
    if (n > RPC_BASE58_DATA_MAX) {
      rpc_fail(err, RPC_INVALID_REQUEST,
               "Encoded binary (base 58) data should be less than %u bytes, please use Base64 "
               "encoding.",
               RPC_BASE58_DATA_MAX);
      return POD_ETOOLARGE;
    }
    char b58[POD_BASE58_ENC_MAX(RPC_BASE58_DATA_MAX) + 2];
    size_t len = 0;
    if (pod_base58_encode(b58, sizeof b58, &len, p, n) != POD_OK) {
      rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error");
      return POD_EINVAL;
    }
    if (enc == RPC_ENC_BINARY) {
      pod_json_put_str_n(w, b58, len);
    } else {
      pod_json_begin_array(w);
      pod_json_put_str_n(w, b58, len);
      pod_json_put_str(w, "base58");
      pod_json_end_array(w);
    }
    return POD_OK;
  }
  const uint8_t *src = p;
  size_t src_n = n;
  void *z = NULL;
  if (enc == RPC_ENC_BASE64_ZSTD) {
    size_t bound = ZSTD_compressBound(n);
    z = malloc(bound ? bound : 1);
    if (!z) {
      rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: out of memory");
      return POD_ENOMEM;
    }
    size_t zn = ZSTD_compress(z, bound, p, n, ZSTD_CLEVEL_DEFAULT);
    if (ZSTD_isError(zn)) {
      free(z);
      rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: zstd: %s", ZSTD_getErrorName(zn));
      return POD_EIO;
    }
    src = z;
    src_n = zn;
  }
  size_t cap = POD_BASE64_ENC_SZ(src_n);
  char small[512];
  char *b64 = cap <= sizeof small ? small : malloc(cap);
  if (!b64) {
    free(z);
    rpc_fail(err, RPC_INTERNAL_ERROR, "Internal error: out of memory");
    return POD_ENOMEM;
  }
  size_t len = 0;
  pod_base64_encode(b64, cap, &len, src, src_n);
  pod_json_begin_array(w);
  pod_json_put_str_n(w, b64, len);
  pod_json_put_str(w, enc == RPC_ENC_BASE64_ZSTD ? "base64+zstd" : "base64");
  pod_json_end_array(w);
  if (b64 != small) free(b64);
  free(z);
  return POD_OK;
}

int rpc_write_encoded_bytes(pod_json_writer_t *w, const uint8_t *p, size_t n, rpc_encoding_t enc,
                            rpc_error_t *err) {
  return write_data(w, p, n, enc == RPC_ENC_JSON_PARSED ? RPC_ENC_BASE64 : enc, err);
}

int rpc_write_account(pod_json_writer_t *w, const pod_pubkey_t *key, const pod_account_t *acct,
                      rpc_encoding_t enc, const rpc_data_slice_t *slice, rpc_error_t *err) {
  (void)key;
  const uint8_t *p;
  size_t n;
  slice_of(acct, slice, &p, &n);
  if ((enc == RPC_ENC_BASE58 || enc == RPC_ENC_BINARY) && n > RPC_BASE58_DATA_MAX) {
    rpc_fail(err, RPC_INVALID_REQUEST,
             "Encoded binary (base 58) data should be less than %u bytes, please use Base64 "
             "encoding.",
             RPC_BASE58_DATA_MAX);
    return POD_ETOOLARGE;
  }
  /* jsonParsed: no parser for any program here, so base64 (Solana's fallback) */
  if (enc == RPC_ENC_JSON_PARSED) enc = RPC_ENC_BASE64;
  pod_json_begin_object(w);
  pod_json_put_key(w, "data");
  int rc = write_data(w, p, n, enc, err);
  if (rc != POD_OK) {
    /* only zstd/memory failures get here: close what was opened so the writer stays sound */
    pod_json_put_null(w);
    pod_json_end_object(w);
    return rc;
  }
  pod_json_put_key(w, "executable");
  pod_json_put_bool(w, acct->executable);
  pod_json_put_key(w, "lamports");
  pod_json_put_u64(w, acct->lamports);
  pod_json_put_key(w, "owner");
  rpc_write_pubkey(w, &acct->owner);
  pod_json_put_key(w, "rentEpoch");
  pod_json_put_u64(w, acct->rent_epoch);
  pod_json_put_key(w, "space");
  pod_json_put_u64(w, acct->data_sz);
  pod_json_end_object(w);
  return POD_OK;
}

int rpc_write_keyed_account(pod_json_writer_t *w, const pod_pubkey_t *key,
                            const pod_account_t *acct, rpc_encoding_t enc,
                            const rpc_data_slice_t *slice, rpc_error_t *err) {
  const uint8_t *p;
  size_t n;
  slice_of(acct, slice, &p, &n);
  if ((enc == RPC_ENC_BASE58 || enc == RPC_ENC_BINARY) && n > RPC_BASE58_DATA_MAX)
    return rpc_write_account(w, key, acct, enc, slice, err); /* fails before writing */
  pod_json_begin_object(w);
  pod_json_put_key(w, "account");
  int rc = rpc_write_account(w, key, acct, enc, slice, err);
  pod_json_put_key(w, "pubkey");
  rpc_write_pubkey(w, key);
  pod_json_end_object(w);
  return rc;
}

/* ---- filters ---- */

static int memcmp_bytes(rpc_memcmp_t *m, const pod_json_val *mv, rpc_error_t *err) {
  const pod_json_val *b = pod_json_find(mv, "bytes");
  const pod_json_val *e = pod_json_find(mv, "encoding");
  if (pod_json_type(b) == POD_JSON_ARRAY) { /* raw bytes, as Solana's MemcmpEncodedBytes::Bytes */
    size_t n = pod_json_len(b);
    if (n > RPC_MEMCMP_MAX)
      return rpc_fail(err, RPC_INVALID_PARAMS,
                      "Invalid param: encoded binary data should be less than 129 bytes");
    for (size_t i = 0; i < n; i++) {
      uint64_t x;
      if (pod_json_get_u64(&x, pod_json_at(b, i)) != POD_OK || x > 255)
        return rpc_fail(err, RPC_INVALID_PARAMS,
                        "Invalid params: invalid value: memcmp bytes must be numbers 0..255.");
      m->bytes[i] = (uint8_t)x;
    }
    m->len = n;
    return POD_OK;
  }
  const char *s;
  size_t n;
  if (pod_json_get_str(&s, &n, b) != POD_OK)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid params: missing field `bytes`.");
  int b64 = 0;
  if (e && !pod_json_is_null(e)) {
    const char *es;
    size_t en;
    if (pod_json_get_str(&es, &en, e) != POD_OK ||
        !(str_is(es, en, "base58") || str_is(es, en, "base64") || str_is(es, en, "binary")))
      return rpc_fail(err, RPC_INVALID_PARAMS,
                      "Invalid params: unknown variant, expected one of `base58`, `base64`, "
                      "`bytes`.");
    b64 = str_is(es, en, "base64");
  }
  if (n > (b64 ? 172u : (size_t)RPC_MEMCMP_B58_MAX))
    return rpc_fail(err, RPC_INVALID_PARAMS,
                    "Invalid param: encoded binary data should be less than 129 bytes");
  size_t out = 0;
  int rc = b64 ? pod_base64_decode(m->bytes, sizeof m->bytes, &out, s, n)
               : pod_base58_decode(m->bytes, sizeof m->bytes, &out, s, n);
  if (rc == POD_ENOSPC || rc == POD_ETOOLARGE)
    return rpc_fail(err, RPC_INVALID_PARAMS,
                    "Invalid param: encoded binary data should be less than 129 bytes");
  if (rc != POD_OK)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Invalid param: %s",
                    b64 ? "base64 decode error" : "base58 decode error");
  m->len = out;
  return POD_OK;
}

int rpc_parse_filters(rpc_filters_t *out, const pod_json_val *v, rpc_error_t *err) {
  memset(out, 0, sizeof *out);
  if (!v || pod_json_is_null(v)) return POD_OK;
  if (pod_json_type(v) != POD_JSON_ARRAY)
    return rpc_fail(err, RPC_INVALID_PARAMS,
                    "Invalid params: invalid type: filters must be an array.");
  size_t n = pod_json_len(v);
  if (n > RPC_FILTERS_MAX)
    return rpc_fail(err, RPC_INVALID_PARAMS, "Too many filters provided; max %u", RPC_FILTERS_MAX);
  for (size_t i = 0; i < n; i++) {
    const pod_json_val *f = pod_json_at(v, i);
    const pod_json_val *ds = pod_json_find(f, "dataSize");
    const pod_json_val *mc = pod_json_find(f, "memcmp");
    if (pod_json_type(f) != POD_JSON_OBJECT || pod_json_len(f) != 1 || (!ds && !mc)) {
      return rpc_fail(err, RPC_INVALID_PARAMS,
                      "Invalid params: unknown variant, expected one of `dataSize`, `memcmp`.");
    }
    if (ds) {
      uint64_t size;
      if (get_u64_param(&size, ds, "dataSize", err) != POD_OK) return POD_EINVAL;
      if (out->has_data_size && out->data_size != size)
        out->data_size = UINT64_MAX; /* none */
      else
        out->data_size = size;
      out->has_data_size = 1;
      continue;
    }
    rpc_memcmp_t *m = &out->memcmp[out->memcmp_cnt];
    if (pod_json_type(mc) != POD_JSON_OBJECT)
      return rpc_fail(err, RPC_INVALID_PARAMS,
                      "Invalid params: invalid type: memcmp must be an object.");
    if (get_u64_param(&m->offset, pod_json_find(mc, "offset"), "memcmp.offset", err) != POD_OK)
      return POD_EINVAL;
    if (memcmp_bytes(m, mc, err) != POD_OK) return POD_EINVAL;
    out->memcmp_cnt++;
  }
  return POD_OK;
}

int rpc_filters_match(const rpc_filters_t *f, const pod_account_t *a) {
  if (f->has_data_size && a->data_sz != f->data_size) return 0;
  for (size_t i = 0; i < f->memcmp_cnt; i++) {
    const rpc_memcmp_t *m = &f->memcmp[i];
    if (m->offset > a->data_sz || m->len > a->data_sz - m->offset) return 0;
    if (memcmp(a->data + m->offset, m->bytes, m->len) != 0) return 0;
  }
  return 1;
}

int rpc_filters_to_ledger(pod_account_filter_t *out, pod_memcmp_t mc[RPC_FILTERS_MAX],
                          const rpc_filters_t *f) {
  memset(out, 0, sizeof *out);
  out->has_data_size = f->has_data_size;
  out->data_size = f->data_size;
  if (f->has_data_size && f->data_size > POD_MAX_PERMITTED_DATA_LENGTH) return 0;
  size_t k = 0;
  for (size_t i = 0; i < f->memcmp_cnt; i++) {
    if (f->memcmp[i].offset > POD_MAX_PERMITTED_DATA_LENGTH) return 0;
    if (f->memcmp[i].len == 0) continue; /* empty bytes match every account */
    mc[k].offset = (uint32_t)f->memcmp[i].offset;
    mc[k].bytes = f->memcmp[i].bytes;
    mc[k].len = f->memcmp[i].len;
    k++;
  }
  out->memcmp = k ? mc : NULL;
  out->memcmp_cnt = k;
  return 1;
}

/* ---- small values ---- */

void rpc_write_context(pod_json_writer_t *w, uint64_t slot) {
  pod_json_put_key(w, "context");
  pod_json_begin_object(w);
  pod_json_put_key(w, "apiVersion");
  pod_json_put_str(w, RPC_API_VERSION);
  pod_json_put_key(w, "slot");
  pod_json_put_u64(w, slot);
  pod_json_end_object(w);
}

void rpc_write_pubkey(pod_json_writer_t *w, const pod_pubkey_t *key) {
  char s[POD_BASE58_32_SZ];
  pod_json_put_str(w, pod_base58_encode_32(s, key->b));
}

void rpc_write_signature(pod_json_writer_t *w, const pod_signature_t *sig) {
  char s[POD_BASE58_64_SZ];
  pod_json_put_str(w, pod_base58_encode_64(s, sig->b));
}

void rpc_write_hash(pod_json_writer_t *w, const uint8_t hash[32]) {
  char s[POD_BASE58_32_SZ];
  pod_json_put_str(w, pod_base58_encode_32(s, hash));
}

void rpc_write_tx_err(pod_json_writer_t *w, int has_err, const pod_tx_error_t *e) {
  if (!has_err) {
    pod_json_put_null(w);
    return;
  }
  char buf[POD_TX_ERROR_TEXT_SZ];
  size_t n = 0;
  if (pod_tx_error_json(buf, sizeof buf, &n, e) != POD_OK) {
    pod_json_put_str(w, "UnknownError");
    return;
  }
  pod_json_put_raw(w, buf, n);
}

void rpc_write_logs(pod_json_writer_t *w, char *const *logs, size_t n) {
  pod_json_begin_array(w);
  for (size_t i = 0; i < n; i++)
    pod_json_put_str(w, logs[i]);
  pod_json_end_array(w);
}

void rpc_write_id(pod_json_writer_t *w, const pod_json_val *id) {
  const char *s;
  size_t n;
  switch (pod_json_type(id)) {
  case POD_JSON_NUMBER:
    if (pod_json_get_number(&s, &n, id) == POD_OK) {
      pod_json_put_raw(w, s, n);
      return;
    }
    break;
  case POD_JSON_STRING:
    if (pod_json_get_str(&s, &n, id) == POD_OK) {
      pod_json_put_str_n(w, s, n);
      return;
    }
    break;
  default: break;
  }
  pod_json_put_null(w);
}

void rpc_write_error_response(pod_json_writer_t *w, const pod_json_val *id, const rpc_error_t *e) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "error");
  pod_json_begin_object(w);
  pod_json_put_key(w, "code");
  pod_json_put_i64(w, e->code);
  pod_json_put_key(w, "message");
  pod_json_put_str(w, e->msg);
  if (e->data_json[0]) {
    pod_json_put_key(w, "data");
    pod_json_put_raw(w, e->data_json, strlen(e->data_json));
  }
  pod_json_end_object(w);
  pod_json_put_key(w, "id");
  rpc_write_id(w, id);
  pod_json_end_object(w);
}

void rpc_begin_result(pod_json_writer_t *w) {
  pod_json_begin_object(w);
  pod_json_put_key(w, "jsonrpc");
  pod_json_put_str(w, "2.0");
  pod_json_put_key(w, "result");
}

void rpc_end_result(pod_json_writer_t *w, const pod_json_val *id) {
  pod_json_put_key(w, "id");
  rpc_write_id(w, id);
  pod_json_end_object(w);
}
