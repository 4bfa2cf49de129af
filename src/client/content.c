/* Content (content.h): payloads stored off-chain by CID, in a folder (embedded clients, podd) or
 * through an IPFS HTTP API (Kubo's /api/v0/add and /api/v0/cat, which podd also serves), and
 * the direct messages whose payload lives there, sealed or not. The codecs are content_codec.c. */
#include "pod/content.h"

#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client_int.h"
#include "pod/hash.h"

#define PATH_MAX_SZ 4096

/* =================== where this client's content lives =================== */

/* *url: the IPFS HTTP API base (content_url, or the endpoint's origin, kept in dir); NULL: the
 * folder dir (embedded without content_url). */
static int content_where(pod_client *c, char dir[PATH_MAX_SZ], const char **url) {
  dir[0] = 0;
  *url = NULL;
  if (c->content_url[0]) {
    *url = c->content_url;
    return POD_OK;
  }
  if (!strncmp(c->endpoint, "embedded:", 9)) {
    const char *ld = c->endpoint + 9;
    if (!*ld)
      return pod_client__fail(c, POD_EINVAL,
                              "no content store: this embedded client shares a ledger handle "
                              "without a directory; open it as embedded:DIR (the content goes to "
                              "DIR/content) or set opts.content_url");
    int k = snprintf(dir, PATH_MAX_SZ, "%s/content", ld);
    if (k < 0 || k >= PATH_MAX_SZ)
      return pod_client__fail(c, POD_EINVAL, "ledger directory path too long");
    return POD_OK;
  }
  /* podd serves /api/v0/add and /api/v0/cat next to JSON-RPC: the endpoint's origin (scheme,
   * host, port), whatever path the JSON-RPC URL has */
  const char *ep = c->endpoint, *host = strstr(ep, "://");
  size_t k = host ? strcspn(host + 3, "/?#") + (size_t)(host + 3 - ep) : strlen(ep);
  snprintf(dir, PATH_MAX_SZ, "%.*s", (int)k, ep);
  *url = dir;
  return POD_OK;
}

/* ======================== the IPFS HTTP API client ======================== */

typedef struct {
  uint8_t *p;
  size_t n, cap, max;
  int over;
} body_t;

static size_t on_body(char *ptr, size_t sz, size_t nm, void *user) {
  body_t *b = user;
  size_t k = sz * nm;
  if (k > b->max - b->n) {
    b->over = 1;
    return 0; /* aborts the transfer */
  }
  if (b->n + k > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + k)
      cap *= 2;
    if (cap > b->max) cap = b->max;
    uint8_t *np = realloc(b->p, cap ? cap : 1);
    if (!np) return 0;
    b->p = np;
    b->cap = cap;
  }
  memcpy(b->p + b->n, ptr, k);
  b->n += k;
  return k;
}

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_rc = CURLE_FAILED_INIT;
static void curl_init_once(void) { curl_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

/* POSTs to base + path and collects the answer (at most b->max bytes) into *b; *status the HTTP
 * status. file (file_n bytes; NULL: none) goes as a multipart/form-data part "file", as Kubo's
 * add wants; without it the body is empty (Kubo takes every call as a POST). POD_EIO (message
 * set) when no answer came. */
static int api_post(pod_client *c, const char *base, const char *path, const void *file,
                    size_t file_n, body_t *b, long *status) {
  char url[POD_CLIENT_ENDPOINT_MAX + 256];
  size_t bl = strlen(base);
  while (bl && base[bl - 1] == '/')
    bl--;
  int k = snprintf(url, sizeof url, "%.*s%s", (int)bl, base, path);
  if (k < 0 || (size_t)k >= sizeof url)
    return pod_client__fail(c, POD_EINVAL, "content URL too long");
  pthread_once(&curl_once, curl_init_once);
  if (curl_init_rc != CURLE_OK) return pod_client__fail(c, POD_EIO, "libcurl could not initialise");
  CURL *e = curl_easy_init();
  if (!e) return pod_client__fail(c, POD_ENOMEM, "libcurl: out of memory");
  curl_mime *mime = NULL;
  if (file) {
    curl_mimepart *part = NULL;
    if (!(mime = curl_mime_init(e)) || !(part = curl_mime_addpart(mime)) ||
        curl_mime_name(part, "file") != CURLE_OK ||
        curl_mime_filename(part, "payload") != CURLE_OK ||
        curl_mime_type(part, "application/octet-stream") != CURLE_OK ||
        curl_mime_data(part, file_n ? file : "", file_n) != CURLE_OK) {
      curl_mime_free(mime);
      curl_easy_cleanup(e);
      return pod_client__fail(c, POD_ENOMEM, "libcurl: out of memory");
    }
    curl_easy_setopt(e, CURLOPT_MIMEPOST, mime);
  } else {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, 0L);
  }
  char cerr[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, b);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, cerr);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(c->timeout_ms ? c->timeout_ms : 30000));
  curl_easy_setopt(e, CURLOPT_USERAGENT, "podc/" POD_VERSION_STR);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, c->tls_insecure ? 0L : 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, c->tls_insecure ? 0L : 2L);
  CURLcode cc = curl_easy_perform(e);
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, status);
  curl_easy_cleanup(e);
  curl_mime_free(mime);
  if (b->over)
    return pod_client__fail(c, POD_ETOOLARGE, "%s: the answer is over %zu bytes", url, b->max);
  if (cc != CURLE_OK)
    return pod_client__fail(c, POD_EIO, "content store %.*s: %s (is it running? set content_url)",
                            (int)bl, base, cerr[0] ? cerr : curl_easy_strerror(cc));
  return POD_OK;
}

/* The "Message" of a Kubo error body ({"Message":..,"Code":..,"Type":"error"}), or the body. */
static void api_error_text(char *out, size_t sz, const body_t *b) {
  out[0] = 0;
  pod_json_doc *d = NULL;
  const char *s;
  size_t len;
  if (b->n && pod_json_parse(&d, (const char *)b->p, b->n, NULL, NULL) == POD_OK &&
      pod_json_get_str(&s, &len, pod_json_find(pod_json_root(d), "Message")) == POD_OK)
    snprintf(out, sz, "%.*s", (int)(len > 200 ? 200 : len), s);
  else if (b->n)
    snprintf(out, sz, "%.*s", (int)(b->n > 200 ? 200 : b->n), (const char *)b->p);
  pod_json_free(d);
}

static int http_put(pod_client *c, const char *base, const char *cid, const void *data, size_t n) {
  body_t b = {NULL, 0, 0, 64u << 10, 0};
  long status = 0;
  int rc = api_post(c, base, "/api/v0/add?cid-version=1&raw-leaves=true&hash=sha2-256&pin=true",
                    data, n, &b, &status);
  if (rc == POD_OK && status != 200) {
    char msg[256];
    api_error_text(msg, sizeof msg, &b);
    rc = pod_client__fail(c, status == 413 ? POD_ETOOLARGE : POD_EIO,
                          "content store %s refused the payload: HTTP %ld%s%s", base, status,
                          msg[0] ? ": " : "", msg);
  }
  if (rc == POD_OK) {
    /* Kubo answers one JSON object per added file: {"Name":..,"Hash":..,"Size":..} */
    pod_json_doc *d = NULL;
    const char *h = NULL;
    size_t hl = 0;
    if (pod_json_parse(&d, (const char *)b.p, b.n, NULL, NULL) != POD_OK ||
        pod_json_get_str(&h, &hl, pod_json_find(pod_json_root(d), "Hash")) != POD_OK)
      rc = pod_client__fail(c, POD_EDECODE,
                            "content store %s: the add answer has no \"Hash\" (is it an IPFS "
                            "HTTP API?)",
                            base);
    else if (hl != strlen(cid) || memcmp(h, cid, hl) != 0)
      rc = pod_client__fail(c, POD_EDECODE,
                            "content store %s named the payload %.*s, expected %s: it must "
                            "honour cid-version=1&raw-leaves=true (payloads up to one 256 KiB "
                            "chunk)",
                            base, (int)(hl > 100 ? 100 : hl), h, cid);
    pod_json_free(d);
  }
  free(b.p);
  return rc;
}

static int http_get(pod_client *c, const char *base, const char *cid, body_t *b) {
  char path[64 + POD_CID_MAX];
  snprintf(path, sizeof path, "/api/v0/cat?arg=%s", cid);
  long status = 0;
  int rc = api_post(c, base, path, NULL, 0, b, &status);
  if (rc == POD_ETOOLARGE)
    return pod_client__fail(c, POD_EDECODE,
                            "content %s from %s is over %u bytes: not the payload the CID names",
                            cid, base, POD_CONTENT_BLOCK_MAX);
  if (rc != POD_OK) return rc;
  if (status == 200) return POD_OK;
  char msg[256];
  api_error_text(msg, sizeof msg, b);
  /* podd says 404; Kubo 500 with "...not found..." (offline node, or the block is gone) */
  if (status == 404 || strstr(msg, "not found"))
    return pod_client__fail(c, POD_ENOTFOUND, "content %s not found at %s%s%s", cid, base,
                            msg[0] ? ": " : "", msg);
  return pod_client__fail(c, POD_EIO, "content store %s: cat %s: HTTP %ld%s%s", base, cid, status,
                          msg[0] ? ": " : "", msg);
}

/* ========================= store and fetch ========================= */

static int content_put(pod_client *c, char cid[POD_CID_MAX], const void *data, size_t n) {
  cid[0] = 0;
  if (n > POD_CONTENT_BLOCK_MAX)
    return pod_client__fail(c, POD_ETOOLARGE,
                            "payload of %zu bytes is over %u (one IPFS block): store larger data "
                            "elsewhere and send its address",
                            n, POD_CONTENT_BLOCK_MAX);
  char dir[PATH_MAX_SZ];
  const char *url;
  int rc = content_where(c, dir, &url);
  if (rc != POD_OK) return rc;
  if (!url) {
    rc = pod_content_dir_put(cid, dir, data, n);
    if (rc != POD_OK)
      return pod_client__fail(c, rc, "cannot store content in %s: %s", dir, pod_strerror(rc));
    return POD_OK;
  }
  char want[POD_CID_MAX];
  pod_cid_of(want, data, n);
  rc = http_put(c, url, want, data, n);
  if (rc == POD_OK) memcpy(cid, want, sizeof want);
  return rc;
}

/* Fetches the payload whose SHA-256 is digest. */
static int content_get(pod_client *c, uint8_t **data, size_t *n, const uint8_t digest[32]) {
  char cid[POD_CID_MAX], dir[PATH_MAX_SZ];
  pod_cid_from_digest(cid, digest);
  const char *url;
  int rc = content_where(c, dir, &url);
  if (rc != POD_OK) return rc;
  if (!url) {
    rc = pod_content_dir_get(data, n, dir, cid);
    if (rc == POD_ENOTFOUND) return pod_client__fail(c, rc, "content %s not found in %s", cid, dir);
    if (rc == POD_EDECODE)
      return pod_client__fail(c, rc, "content %s in %s does not match its hash (damaged file)", cid,
                              dir);
    if (rc != POD_OK)
      return pod_client__fail(c, rc, "cannot read content %s in %s: %s", cid, dir,
                              pod_strerror(rc));
    return POD_OK;
  }
  body_t b = {NULL, 0, 0, POD_CONTENT_BLOCK_MAX, 0};
  rc = http_get(c, url, cid, &b);
  if (rc == POD_OK) {
    uint8_t got[32];
    pod_sha256(got, b.p, b.n);
    if (memcmp(got, digest, 32) != 0)
      rc = pod_client__fail(c, POD_EDECODE,
                            "content store %s answered bytes that do not hash to %s: refused", url,
                            cid);
  }
  if (rc != POD_OK) {
    free(b.p);
    return rc;
  }
  if (!b.p && !(b.p = malloc(1))) return pod_client__fail(c, POD_ENOMEM, "out of memory");
  *data = b.p;
  *n = b.n;
  return POD_OK;
}

int pod_content_put(char cid[POD_CID_MAX], pod_client *c, const void *data, size_t n) {
  POD_CLIENT_GUARD(c);
  int rc = (!cid || (!data && n))
               ? pod_client__fail(c, POD_EINVAL, "pod_content_put: NULL cid or data")
               : content_put(c, cid, data, n);
  pod_client__leave(c);
  return rc;
}

int pod_content_get(uint8_t **data, size_t *n, pod_client *c, const char *cid) {
  if (data) *data = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc;
  uint8_t digest[32];
  if (!data || !n || !cid)
    rc = pod_client__fail(c, POD_EINVAL, "pod_content_get: NULL argument");
  else if (pod_cid_parse(digest, cid, strlen(cid)) != POD_OK)
    rc = pod_client__fail(c, POD_EDECODE,
                          "'%.100s' is not a CID this SDK can check: it takes CIDv1, raw codec, "
                          "sha2-256, base32 (bafkrei...)",
                          cid);
  else
    rc = content_get(c, data, n, digest);
  pod_client__leave(c);
  return rc;
}

/* ============================== messages ============================== */

int pod_message_send_content(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ],
                             char cid[POD_CID_MAX], pod_client *c, const pod_pubkey_t *recipient,
                             const void *payload, size_t n, pod_message_type_t type,
                             unsigned flags) {
  if (sig) sig[0] = 0;
  if (cid) cid[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  int seal = (flags & POD_MESSAGE_ENCRYPT) != 0;
  uint8_t *box = NULL;
  const void *stored = payload;
  size_t stored_n = n;
  char id[POD_CID_MAX];
  if (!recipient || (!payload && n) || (flags & ~POD_MESSAGE_ENCRYPT)) {
    rc = pod_client__fail(c, POD_EINVAL,
                          "pod_message_send_content: NULL recipient or payload, or unknown flags");
  } else if (seal && !c->has_kp) {
    rc = pod_client__fail(c, POD_EINVAL,
                          "encrypting needs the client's keypair (opts.keypair): a signing "
                          "callback cannot derive the X25519 key");
  } else if (seal && n > POD_SEAL_PLAIN_MAX) {
    rc = pod_client__fail(c, POD_ETOOLARGE, "payload of %zu bytes is over %u, the largest sealed",
                          n, (unsigned)POD_SEAL_PLAIN_MAX);
  } else if (!seal && pod_seal_is_sealed(payload, n)) {
    rc = pod_client__fail(c, POD_EINVAL,
                          "a plain payload may not begin with the sealed-box magic (0x8C 'POD'): "
                          "readers would take it for a sealed one; send it with "
                          "POD_MESSAGE_ENCRYPT");
  } else if (seal) {
    if (!(box = malloc(n + POD_SEAL_OVERHEAD))) {
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    } else if ((rc = pod_seal(box, n + POD_SEAL_OVERHEAD, &stored_n, &c->kp, recipient, payload,
                              n)) != POD_OK) {
      char b58[POD_PUBKEY_B58_SZ];
      rc = pod_client__fail(c, rc,
                            "cannot seal for %s: the recipient must be a wallet (an ed25519 "
                            "public key on the curve), not a PDA",
                            pod_pubkey_to_base58(b58, recipient));
    }
    stored = box;
  }
  if (rc == POD_OK) rc = content_put(c, id, stored, stored_n);
  pod_client__leave(c);
  /* The payload is stored before the message goes on chain, so a reader never finds the message
   * without its content; if sending fails, the stored bytes are an orphan nobody points at. */
  if (rc == POD_OK) {
    rc = pod_message_send(message, sig, c, recipient, stored, stored_n, type);
    if (rc == POD_OK && cid) memcpy(cid, id, sizeof id);
  }
  free(box);
  return rc;
}

int pod_message_read(uint8_t **payload, size_t *n, int *encrypted, pod_client *c,
                     const pod_pubkey_t *message) {
  if (payload) *payload = NULL;
  if (n) *n = 0;
  if (encrypted) *encrypted = 0;
  POD_CLIENT_GUARD(c);
  char b58[POD_PUBKEY_B58_SZ];
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  pod_message_account_t m;
  uint8_t *data = NULL, *plain = NULL;
  size_t data_n = 0;
  int rc;
  if (!payload || !n || !message) {
    rc = pod_client__fail(c, POD_EINVAL, "pod_message_read: NULL argument");
    goto out;
  }
  rc = c->ops->get_account(c, message, &a);
  if (rc == POD_ENOTFOUND)
    rc = pod_client__fail(c, rc, "no message at %s", pod_pubkey_to_base58(b58, message));
  if (rc != POD_OK) goto out;
  if (!pod_pubkey_eq(&a.owner, &pod_program_id) ||
      pod_message_account_decode(&m, a.data, a.data_sz) != POD_OK) {
    rc = pod_client__fail(c, POD_EDECODE, "%s is not a PoD message account",
                          pod_pubkey_to_base58(b58, message));
    goto out;
  }
  rc = content_get(c, &data, &data_n, m.payload_hash);
  if (rc == POD_ENOTFOUND) {
    char cid[POD_CID_MAX], msg[POD_CLIENT_ERRMSG_SZ];
    snprintf(msg, sizeof msg, "%s", c->err);
    rc = pod_client__fail(c, rc,
                          "%s; the message's payload %s was not stored (sent with "
                          "pod_message_send, which puts only its hash on chain) or lives in "
                          "another content store (content_url)",
                          msg, pod_cid_from_digest(cid, m.payload_hash));
  }
  if (rc != POD_OK) goto out;
  if (!pod_seal_is_sealed(data, data_n)) {
    *payload = data;
    *n = data_n;
    data = NULL;
    goto out;
  }
  if (encrypted) *encrypted = 1;
  pod_seal_t s;
  pod_pubkey_t sender_agent;
  uint8_t bump;
  if (pod_seal_decode(&s, data, data_n) != POD_OK) {
    rc = pod_client__fail(c, POD_EDECODE, "the sealed payload of %s is malformed (version %u?)",
                          pod_pubkey_to_base58(b58, message), data_n > 4 ? data[4] : 0);
    goto out;
  }
  /* The box must name the message's own ends: its recipient, and a sender whose agent PDA is the
   * message's sender (the one who signed the transaction). */
  if (!pod_pubkey_eq(&s.recipient, &m.recipient) ||
      pod_pda_agent(&sender_agent, &bump, &s.sender) != POD_OK ||
      !pod_pubkey_eq(&sender_agent, &m.sender)) {
    rc = pod_client__fail(c, POD_EDECODE,
                          "the sealed payload of %s names other parties than the message: forged",
                          pod_pubkey_to_base58(b58, message));
    goto out;
  }
  if (!c->has_kp) {
    rc = pod_client__fail(c, POD_EPERM,
                          "the payload is sealed: opening it needs the client's keypair "
                          "(opts.keypair) of the sender or the recipient");
    goto out;
  }
  size_t pn = s.ct_sz - POD_SEAL_TAG_SZ;
  if (!(plain = malloc(pn ? pn : 1))) {
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    goto out;
  }
  rc = pod_seal_open(plain, pn, n, &c->kp, data, data_n);
  if (rc == POD_EPERM) {
    rc = pod_client__fail(c, rc,
                          "the payload of %s is sealed for its sender and recipient; this "
                          "client's key is neither",
                          pod_pubkey_to_base58(b58, message));
  } else if (rc != POD_OK) {
    rc = pod_client__fail(c, POD_EDECODE, "the sealed payload of %s does not authenticate",
                          pod_pubkey_to_base58(b58, message));
  } else {
    *payload = plain;
    plain = NULL;
  }
out:
  if (rc != POD_OK && n) *n = 0;
  free(plain);
  free(data);
  pod_client_account_free(&a);
  pod_client__leave(c);
  return rc;
}
