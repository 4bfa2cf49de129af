/* podd's content endpoints (content.h): Kubo's /api/v0/add and /api/v0/cat over a folder, through
 * the SDK's folder store (pod_content_dir_put/get: one file per CID, written atomically). */
#include "content.h"

#include <pod/content.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define QUERY_VALUE_MAX 256

static int route_is(const char *path, const char *want) {
  size_t n = strlen(want);
  return strncmp(path, want, n) == 0 && (path[n] == 0 || path[n] == '?');
}

int podd_content_route(const char *path) {
  return route_is(path, "/api/v0/add") || route_is(path, "/api/v0/cat");
}

static int fail(podd_http_res_t *res, int status, const char *msg) {
  res->status = status;
  snprintf(res->content_type, sizeof res->content_type, "application/json");
  podd_buf_reset(&res->body);
  podd_buf_printf(&res->body, "{\"Message\":\"%s\",\"Code\":0,\"Type\":\"error\"}\n", msg);
  return PODD_HTTP_DONE;
}

static int hexval(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

/* The value of query parameter key, percent-decoded into out (the last occurrence; callers refuse
 * repeats, *count being the number of occurrences). 1: found, 0: absent, -1: malformed, a NUL, or
 * longer than out_sz - 1. */
static int query_get(char *out, size_t out_sz, int *count, const char *path, const char *key) {
  const char *q = strchr(path, '?');
  *count = 0;
  if (!q) return 0;
  size_t kl = strlen(key);
  int found = 0;
  for (const char *p = q + 1; *p;) {
    const char *end = strchr(p, '&');
    if (!end) end = p + strlen(p);
    if ((size_t)(end - p) >= kl && !strncmp(p, key, kl) && (p + kl == end || p[kl] == '=')) {
      (*count)++;
      found = 1;
      size_t k = 0;
      for (const char *v = p + kl + (p + kl < end); v < end; v++) {
        char ch = *v;
        if (ch == '%') {
          int hi = end - v > 2 ? hexval(v[1]) : -1, lo = end - v > 2 ? hexval(v[2]) : -1;
          if (hi < 0 || lo < 0) return -1;
          ch = (char)(hi * 16 + lo);
          v += 2;
        } else if (ch == '+') {
          ch = ' ';
        }
        if (k + 1 >= out_sz || ch == 0) return -1;
        out[k++] = ch;
      }
      out[k] = 0;
    }
    p = *end ? end + 1 : end;
  }
  return found;
}

/* A query parameter that must be absent or equal one of the accepted values. */
static int param_ok(const char *path, const char *key, const char *a, const char *b) {
  char v[QUERY_VALUE_MAX];
  int cnt, r = query_get(v, sizeof v, &cnt, path, key);
  if (r == 0) return 1;
  if (r < 0 || cnt != 1) return 0;
  return !strcasecmp(v, a) || (b && !strcasecmp(v, b));
}

static const char *find(const char *h, size_t hn, const char *needle, size_t nn) {
  if (nn == 0 || hn < nn) return NULL;
  for (size_t i = 0; i <= hn - nn; i++) {
    const char *p = memchr(h + i, needle[0], hn - nn - i + 1);
    if (!p) return NULL;
    if (!memcmp(p, needle, nn)) return p;
    i = (size_t)(p - h);
  }
  return NULL;
}

/* The boundary parameter of a multipart/form-data Content-Type (RFC 2046: 1..70 characters). */
static int boundary_of(char out[80], const char *ct) {
  if (strncasecmp(ct, "multipart/form-data", 19) != 0) return -1;
  for (const char *p = ct + 19; *p;) {
    while (*p == ';' || *p == ' ' || *p == '\t')
      p++;
    if (!strncasecmp(p, "boundary=", 9)) {
      p += 9;
      size_t k = 0;
      int quoted = *p == '"';
      if (quoted) p++;
      while (*p && (quoted ? *p != '"' : (*p != ';' && *p != ' ' && *p != '\t'))) {
        if (k >= 70) return -1;
        out[k++] = *p++;
      }
      if (quoted && *p != '"') return -1;
      out[k] = 0;
      return k ? 0 : -1;
    }
    while (*p && *p != ';')
      p++;
  }
  return -1;
}

int podd_multipart_file(const char **data, size_t *n, char *name, size_t name_sz, const char **why,
                        const char *content_type, const char *body, size_t body_len) {
  char bnd[80], delim[86];
  *data = NULL;
  *n = 0;
  if (name && name_sz) name[0] = 0;
  if (boundary_of(bnd, content_type ? content_type : "") != 0) {
    *why = "send multipart/form-data with a boundary (one file part)";
    return -1;
  }
  /* every delimiter but the first is CRLF "--" boundary; the first may start the body */
  int dl = snprintf(delim, sizeof delim, "\r\n--%s", bnd);
  const char *p;
  if (body_len >= (size_t)dl - 2 && !memcmp(body, delim + 2, (size_t)dl - 2))
    p = body;
  else if ((p = find(body, body_len, delim, (size_t)dl)) != NULL)
    p += 2;
  else {
    *why = "malformed multipart body: no boundary";
    return -1;
  }
  const char *end = body + body_len;
  p += dl - 2;
  if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
    *why = "malformed multipart body: no part after the boundary";
    return -1;
  }
  p += 2;
  const char *hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
  if (!hend || hend - p > 8192) {
    *why = "malformed multipart body: part headers not ended (or over 8 KiB)";
    return -1;
  }
  /* the filename of Content-Disposition, if any (for the answer's "Name") */
  for (const char *h = p; h < hend;) {
    const char *le = find(h, (size_t)(hend - h), "\r\n", 2);
    if (!le) le = hend;
    if ((size_t)(le - h) > 20 && !strncasecmp(h, "content-disposition:", 20) && name && name_sz) {
      const char *f = find(h, (size_t)(le - h), "filename=\"", 10);
      if (f) {
        f += 10;
        size_t k = 0;
        while (f < le && *f != '"') {
          if (k + 1 < name_sz) name[k++] = *f;
          f++;
        }
        name[k] = 0;
      }
    }
    h = le + 2;
  }
  const char *start = hend + 4;
  const char *close = find(start, (size_t)(end - start), delim, (size_t)dl);
  if (!close) {
    *why = "malformed multipart body: the part is not closed by its boundary";
    return -1;
  }
  const char *after = close + dl;
  if (end - after < 2 || after[0] != '-' || after[1] != '-') {
    *why = "one file per add: this server takes a single part";
    return -1;
  }
  *data = start;
  *n = (size_t)(close - start);
  return 0;
}

static int do_add(const char *dir, const podd_http_req_t *req, podd_http_res_t *res) {
  char v[QUERY_VALUE_MAX];
  int cnt;
  if (query_get(v, sizeof v, &cnt, req->path, "cid-version") != 1 || cnt != 1 || strcmp(v, "1"))
    return fail(res, 400,
                "this server makes CIDv1 raw blocks only: add with cid-version=1 "
                "(raw-leaves=true, hash=sha2-256)");
  if (!param_ok(req->path, "raw-leaves", "true", "1"))
    return fail(res, 400, "raw-leaves must be true: payloads are stored as one raw block");
  if (!param_ok(req->path, "hash", "sha2-256", NULL))
    return fail(res, 400, "hash must be sha2-256");
  if (!param_ok(req->path, "only-hash", "false", "0") ||
      !param_ok(req->path, "wrap-with-directory", "false", "0"))
    return fail(res, 400, "only-hash and wrap-with-directory are not supported");
  const char *data, *why = NULL;
  size_t n;
  char name[128];
  if (podd_multipart_file(&data, &n, name, sizeof name, &why, req->content_type, req->body,
                          req->body_len) != 0)
    return fail(res, 400, why);
  if (n > POD_CONTENT_BLOCK_MAX)
    return fail(res, 413,
                "the payload is over 262144 bytes (one block): split it or store it elsewhere");
  char cid[POD_CID_MAX];
  int rc = pod_content_dir_put(cid, dir, data, n);
  if (rc != POD_OK)
    return fail(res, 500, "cannot store the payload in the ledger's content folder");
  /* the Name echoes the filename when it is plain printable ASCII (no JSON escaping needed) */
  int plain = name[0] != 0;
  for (const char *s = name; *s; s++)
    if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\') plain = 0;
  podd_buf_printf(&res->body, "{\"Name\":\"%s\",\"Hash\":\"%s\",\"Size\":\"%zu\"}\n",
                  plain ? name : cid, cid, n);
  return PODD_HTTP_DONE;
}

static int do_cat(const char *dir, const podd_http_req_t *req, podd_http_res_t *res) {
  char v[QUERY_VALUE_MAX];
  int cnt;
  int r = query_get(v, sizeof v, &cnt, req->path, "arg");
  if (r != 1 || cnt != 1) return fail(res, 400, "give one CID: /api/v0/cat?arg=CID");
  char other[QUERY_VALUE_MAX];
  int oc;
  if (!param_ok(req->path, "offset", "0", NULL) ||
      query_get(other, sizeof other, &oc, req->path, "length") != 0)
    return fail(res, 400, "offset and length are not supported: the whole block is answered");
  const char *cid = v;
  if (!strncmp(cid, "/ipfs/", 6)) cid += 6;
  uint8_t digest[32];
  if (pod_cid_parse(digest, cid, strlen(cid)) != POD_OK)
    return fail(res, 400,
                "not a CID this server stores: CIDv1, raw codec, sha2-256, base32 (bafkrei...)");
  uint8_t *data = NULL;
  size_t n = 0;
  int rc = pod_content_dir_get(&data, &n, dir, cid);
  if (rc == POD_ENOTFOUND) return fail(res, 404, "block not found in this node's content folder");
  if (rc == POD_EDECODE) return fail(res, 500, "the stored block does not match its CID (damaged)");
  if (rc != POD_OK) return fail(res, 500, "cannot read the block from the content folder");
  snprintf(res->content_type, sizeof res->content_type, "application/octet-stream");
  podd_buf_append(&res->body, data, n);
  pod_content_free(data);
  return PODD_HTTP_DONE;
}

int podd_content_handle(const char *dir, const podd_http_req_t *req, podd_http_res_t *res) {
  if (strcmp(req->method, "POST") != 0)
    return fail(res, 405, "use POST (as the IPFS HTTP API requires)");
  if (route_is(req->path, "/api/v0/add")) return do_add(dir, req, res);
  return do_cat(dir, req, res);
}
