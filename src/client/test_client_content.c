#define _GNU_SOURCE /* memmem, strcasestr */
/* Content end to end: the CID and sealed-box codecs (known answers, tampering), the folder store
 * of an embedded client (put/get, damaged files, messages with plain and sealed payloads read by
 * sender, recipient and a third party, forged boxes), a scripted fake Kubo that checks the
 * request shape the SDK sends and answers wrong bytes, and a real podd (argv[1]): its
 * /api/v0/add and /api/v0/cat through the SDK and raw HTTP (bad input answered, podd keeps
 * serving), then the same ledger directory read in process. */
#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pod/content.h"
#include "pod/hash.h"
#include "pod/ledger.h"
#include "test/pod_test.h"
#include "test/podd_spawn.h"
#include "test_ok.h"

#define SOL 1000000000ull
static const pod_message_type_t TEXT = {POD_MSG_TEXT, 0};

static void rm_rf(const char *dir) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  CHECK_EQ(system(cmd), 0);
}

/* ============================== codecs ============================== */

static void test_cid(void) {
  char cid[POD_CID_MAX];
  /* independent values: 'b' + base32(01 55 12 20 || sha256(bytes)), and Kubo's empty raw block */
  CHECK_STR(pod_cid_of(cid, "", 0), "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
  CHECK_STR(pod_cid_of(cid, "hello world\n", 12),
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
  CHECK_EQ(strlen(cid), POD_CID_LEN);
  uint8_t d[32], h[32];
  pod_sha256(h, "hello world\n", 12);
  CHECK_EQ(pod_cid_parse(d, cid, strlen(cid)), POD_OK);
  CHECK(memcmp(d, h, 32) == 0);
  char up[POD_CID_MAX];
  for (size_t i = 0; i <= POD_CID_LEN; i++)
    up[i] = (char)(cid[i] >= 'a' && cid[i] <= 'z' ? cid[i] - 32 : cid[i]);
  CHECK_EQ(pod_cid_parse(d, up, strlen(up)), POD_OK); /* 'B': base32 upper */
  CHECK(memcmp(d, h, 32) == 0);
  char bad[POD_CID_MAX];
  memcpy(bad, cid, sizeof bad);
  bad[10] = 'A'; /* mixed case */
  CHECK_EQ(pod_cid_parse(d, bad, strlen(bad)), POD_EDECODE);
  memcpy(bad, cid, sizeof bad);
  bad[58] = 'f'; /* the last character's two spare bits set */
  CHECK_EQ(pod_cid_parse(d, bad, strlen(bad)), POD_EDECODE);
  memcpy(bad, cid, sizeof bad);
  bad[5] = '1'; /* not base32 */
  CHECK_EQ(pod_cid_parse(d, bad, strlen(bad)), POD_EDECODE);
  CHECK_EQ(pod_cid_parse(d, cid, strlen(cid) - 1), POD_EDECODE);
  CHECK_EQ(pod_cid_parse(d, "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", 46), POD_EDECODE);
  /* CIDv1 dag-pb (0x70): bafybei... */
  CHECK_EQ(pod_cid_parse(d, "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", 59),
           POD_EDECODE);
  CHECK_EQ(pod_cid_parse(d, "", 0), POD_EDECODE);
}

static void test_seal(void) {
  pod_keypair_t ka, kb, kc;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_keypair_generate(&kc);
  pod_pubkey_t pa, pb;
  pod_keypair_pubkey(&pa, &ka);
  pod_keypair_pubkey(&pb, &kb);
  const char msg[] = "the launch code is 0000";
  size_t mn = sizeof msg - 1;
  uint8_t box[256], out[256];
  size_t bn = 0, on = 0;
  CHECK_EQ(pod_seal(box, sizeof box, &bn, &ka, &pb, msg, mn), POD_OK);
  CHECK_EQ(bn, mn + POD_SEAL_OVERHEAD);
  CHECK(pod_seal_is_sealed(box, bn));
  CHECK(memmem(box, bn, "launch", 6) == NULL);
  pod_seal_t s;
  CHECK_EQ(pod_seal_decode(&s, box, bn), POD_OK);
  CHECK_EQ(s.version, 1);
  CHECK(pod_pubkey_eq(&s.sender, &pa) && pod_pubkey_eq(&s.recipient, &pb));
  CHECK_EQ(s.ct_sz, mn + POD_SEAL_TAG_SZ);
  /* the recipient and the sender open it; anyone else: POD_EPERM */
  CHECK_EQ(pod_seal_open(out, sizeof out, &on, &kb, box, bn), POD_OK);
  CHECK(on == mn && memcmp(out, msg, mn) == 0);
  on = 0;
  CHECK_EQ(pod_seal_open(out, sizeof out, &on, &ka, box, bn), POD_OK);
  CHECK(on == mn && memcmp(out, msg, mn) == 0);
  CHECK_EQ(pod_seal_open(out, sizeof out, &on, &kc, box, bn), POD_EPERM);
  CHECK_EQ(pod_seal_open(out, mn - 1, &on, &kb, box, bn), POD_ENOSPC);
  /* every byte flipped, header included, is refused */
  int all_refused = 1;
  for (size_t i = 0; i < bn; i++) {
    box[i] ^= 0x01;
    int rc = pod_seal_open(out, sizeof out, &on, &kb, box, bn);
    if (rc != POD_EDECODE && rc != POD_EPERM) all_refused = 0;
    box[i] ^= 0x01;
  }
  CHECK(all_refused);
  CHECK_EQ(pod_seal_open(out, sizeof out, &on, &kb, box, bn - 1), POD_EDECODE);
  CHECK_EQ(pod_seal_decode(&s, box, POD_SEAL_OVERHEAD - 1), POD_EDECODE);
  box[4] = 2;
  CHECK_EQ(pod_seal_decode(&s, box, bn), POD_EDECODE);
  box[4] = 1;
  /* empty payload; sizes; a recipient off the curve (a PDA) */
  CHECK_EQ(pod_seal(box, sizeof box, &bn, &ka, &pb, NULL, 0), POD_OK);
  CHECK_EQ(bn, (size_t)POD_SEAL_OVERHEAD);
  CHECK_EQ(pod_seal_open(NULL, 0, &on, &kb, box, bn), POD_OK);
  CHECK_EQ(on, 0);
  CHECK_EQ(pod_seal(box, POD_SEAL_OVERHEAD + mn - 1, &bn, &ka, &pb, msg, mn), POD_ENOSPC);
  CHECK_EQ(pod_seal(box, sizeof box, &bn, &ka, &pb, msg, POD_SEAL_PLAIN_MAX + 1), POD_ETOOLARGE);
  pod_pubkey_t pda;
  CHECK_EQ(pod_pda_agent(&pda, NULL, &pa), POD_OK);
  CHECK_EQ(pod_seal(box, sizeof box, &bn, &ka, &pda, msg, mn), POD_ECRYPTO);
}

/* ================== the message scenario, any transport ================== */

typedef struct {
  pod_client *a, *b, *c; /* a and b: agents; c: a third party (an agent too) */
  pod_keypair_t ka, kb, kc;
  pod_pubkey_t pa, pb, pc;
} trio_t;

static void trio_setup(trio_t *t, const char *endpoint, pod_ledger *l) {
  pod_keypair_generate(&t->ka);
  pod_keypair_generate(&t->kb);
  pod_keypair_generate(&t->kc);
  pod_keypair_pubkey(&t->pa, &t->ka);
  pod_keypair_pubkey(&t->pb, &t->kb);
  pod_keypair_pubkey(&t->pc, &t->kc);
  pod_client **cs[3] = {&t->a, &t->b, &t->c};
  const pod_keypair_t *ks[3] = {&t->ka, &t->kb, &t->kc};
  for (int i = 0; i < 3; i++) {
    pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
    o.endpoint = endpoint;
    o.ledger = l;
    o.keypair = ks[i];
    CHECK_EQ(pod_client_new(cs[i], &o), POD_OK);
    OK(*cs[i], pod_client_airdrop(NULL, *cs[i], NULL, 10 * SOL));
    OK(*cs[i], pod_agent_register(NULL, NULL, *cs[i], POD_CAP_TEXT, "https://example.com/a.json"));
  }
}

static void trio_free(trio_t *t) {
  pod_client_free(t->a);
  pod_client_free(t->b);
  pod_client_free(t->c);
}

/* Plain and sealed messages a -> b, read by a, b and c; returns the sealed message's PDA and its
 * CID in *sealed/sealed_cid. */
static void messages(trio_t *t, pod_pubkey_t *sealed, char sealed_cid[POD_CID_MAX]) {
  const char text[] = "meet at the usual place";
  size_t tn = sizeof text - 1;
  pod_pubkey_t m1, m2;
  char cid[POD_CID_MAX], sig[POD_CLIENT_SIG_SZ];
  uint8_t *p = NULL;
  size_t n = 0;
  int enc = -1;
  /* plain: the CID is the on-chain payload hash */
  OK(t->a, pod_message_send_content(&m1, sig, cid, t->a, &t->pb, text, tn, TEXT, 0));
  CHECK(sig[0] != 0);
  char want[POD_CID_MAX];
  CHECK_STR(cid, pod_cid_of(want, text, tn));
  pod_message_t m;
  OK(t->b, pod_message_get(&m, t->b, &m1));
  uint8_t h[32];
  pod_message_payload_hash(h, text, tn);
  CHECK(memcmp(m.account.payload_hash, h, 32) == 0);
  pod_client *readers[3] = {t->a, t->b, t->c};
  for (int i = 0; i < 3; i++) {
    OK(readers[i], pod_message_read(&p, &n, &enc, readers[i], &m1));
    CHECK(n == tn && p && memcmp(p, text, tn) == 0);
    CHECK_EQ(enc, 0);
    pod_content_free(p);
    p = NULL;
  }
  /* sealed: b and a read it, c cannot */
  OK(t->a, pod_message_send_content(&m2, NULL, sealed_cid, t->a, &t->pb, text, tn, TEXT,
                                    POD_MESSAGE_ENCRYPT));
  *sealed = m2;
  uint8_t *raw = NULL;
  size_t rn = 0;
  OK(t->c, pod_content_get(&raw, &rn, t->c, sealed_cid));
  CHECK_EQ(rn, tn + POD_SEAL_OVERHEAD);
  CHECK(raw && pod_seal_is_sealed(raw, rn) && !memmem(raw, rn, "usual", 5));
  pod_content_free(raw);
  OK(t->b, pod_message_read(&p, &n, &enc, t->b, &m2));
  CHECK(n == tn && p && memcmp(p, text, tn) == 0);
  CHECK_EQ(enc, 1);
  pod_content_free(p);
  OK(t->a, pod_message_read(&p, &n, NULL, t->a, &m2));
  CHECK(n == tn && p && memcmp(p, text, tn) == 0);
  pod_content_free(p);
  enc = 0;
  CHECK_EQ(pod_message_read(&p, &n, &enc, t->c, &m2), POD_EPERM);
  CHECK(p == NULL && n == 0 && enc == 1);
  CHECK(strstr(pod_client_errmsg(t->c), "neither") != NULL);
  /* a message sent the old way (hash only): its content is absent */
  pod_pubkey_t m3;
  OK(t->a, pod_message_send(&m3, NULL, t->a, &t->pb, "only the hash", 13, TEXT));
  CHECK_EQ(pod_message_read(&p, &n, NULL, t->b, &m3), POD_ENOTFOUND);
  CHECK(strstr(pod_client_errmsg(t->b), "not stored") != NULL);
  /* no message there */
  pod_keypair_t kx;
  pod_pubkey_t nothing;
  pod_keypair_generate(&kx);
  pod_keypair_pubkey(&nothing, &kx);
  CHECK_EQ(pod_message_read(&p, &n, NULL, t->b, &nothing), POD_ENOTFOUND);
  /* an account that is not a message (c's wallet) */
  CHECK_EQ(pod_message_read(&p, &n, NULL, t->b, &t->pc), POD_EDECODE);
  /* a plain payload that looks sealed is refused; so is an unknown flag */
  uint8_t fake[8] = {POD_SEAL_MAGIC0, 'P', 'O', 'D', 1, 0, 0, 0};
  CHECK_EQ(pod_message_send_content(NULL, NULL, NULL, t->a, &t->pb, fake, 8, TEXT, 0), POD_EINVAL);
  CHECK_EQ(pod_message_send_content(NULL, NULL, NULL, t->a, &t->pb, text, tn, TEXT, 2), POD_EINVAL);
  /* sealing for a PDA is refused before anything is sent */
  pod_pubkey_t pda;
  pod_pda_agent(&pda, NULL, &t->pb);
  CHECK_EQ(
      pod_message_send_content(NULL, NULL, NULL, t->a, &pda, text, tn, TEXT, POD_MESSAGE_ENCRYPT),
      POD_ECRYPTO);
  /* forged: a sends (hash only) a box that c sealed for b: the box's sender is not the message's */
  uint8_t box[128];
  size_t bn = 0;
  CHECK_EQ(pod_seal(box, sizeof box, &bn, &t->kc, &t->pb, "from a?", 7), POD_OK);
  OK(t->a, pod_content_put(cid, t->a, box, bn));
  pod_pubkey_t m4;
  OK(t->a, pod_message_send(&m4, NULL, t->a, &t->pb, box, bn, TEXT));
  CHECK_EQ(pod_message_read(&p, &n, NULL, t->b, &m4), POD_EDECODE);
  CHECK(strstr(pod_client_errmsg(t->b), "forged") != NULL);
  /* content limits */
  uint8_t *big = calloc(1, POD_CONTENT_BLOCK_MAX + 1);
  CHECK(big != NULL);
  if (big) {
    CHECK_EQ(pod_content_put(cid, t->a, big, POD_CONTENT_BLOCK_MAX + 1), POD_ETOOLARGE);
    CHECK_EQ(pod_message_send_content(NULL, NULL, NULL, t->a, &t->pb, big, POD_SEAL_PLAIN_MAX + 1,
                                      TEXT, POD_MESSAGE_ENCRYPT),
             POD_ETOOLARGE);
    big[0] = 1;
    OK(t->a, pod_content_put(cid, t->a, big, POD_CONTENT_BLOCK_MAX)); /* exactly one block */
    OK(t->b, pod_content_get(&p, &n, t->b, cid));
    CHECK(n == POD_CONTENT_BLOCK_MAX && p && memcmp(p, big, n) == 0);
    pod_content_free(p);
    p = NULL;
    free(big);
  }
  CHECK_EQ(
      pod_content_get(&p, &n, t->b, "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk"),
      POD_EDECODE);
  CHECK_EQ(pod_content_get(&p, &n, t->b, pod_cid_of(want, "never stored", 12)), POD_ENOTFOUND);
}

/* Damages the stored file of cid in dir/content: reads then fail the hash check. */
static void damage(const char *dir, const char *cid) {
  char path[512];
  snprintf(path, sizeof path, "%s/content/%s", dir, cid);
  FILE *f = fopen(path, "r+b");
  CHECK(f != NULL);
  if (!f) return;
  fseek(f, 100, SEEK_SET);
  int ch = fgetc(f);
  fseek(f, 100, SEEK_SET);
  fputc(ch ^ 0x40, f);
  fclose(f);
}

static void test_embedded(void) {
  char dir[] = "/tmp/pod_content_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  pod_ledger *l = NULL;
  CHECK_EQ(pod_ledger_open(&l, dir, NULL), POD_OK);
  if (!l) return;
  char ep[64];
  snprintf(ep, sizeof ep, "embedded:%s", dir);
  trio_t t;
  trio_setup(&t, ep, l);
  pod_pubkey_t sealed;
  char cid[POD_CID_MAX];
  messages(&t, &sealed, cid);
  /* the folder store: one file per CID */
  char path[512];
  snprintf(path, sizeof path, "%s/content/%s", dir, cid);
  CHECK(access(path, R_OK) == 0);
  uint8_t *good = NULL, *p = NULL;
  size_t good_n = 0, n = 0;
  OK(t.b, pod_content_get(&good, &good_n, t.b, cid));
  damage(dir, cid);
  CHECK_EQ(pod_message_read(&p, &n, NULL, t.b, &sealed), POD_EDECODE);
  CHECK_EQ(pod_content_get(&p, &n, t.b, cid), POD_EDECODE);
  /* storing the same bytes again replaces the damaged copy */
  char again[POD_CID_MAX];
  OK(t.a, pod_content_put(again, t.a, good, good_n));
  CHECK_STR(again, cid);
  OK(t.b, pod_message_read(&p, &n, NULL, t.b, &sealed));
  pod_content_free(p);
  pod_content_free(good);
  trio_free(&t);

  /* a client sharing the ledger without a directory has no content store: said so */
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = "embedded:";
  o.ledger = l;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  CHECK_EQ(pod_content_put(cid, c, "x", 1), POD_EINVAL);
  CHECK(strstr(pod_client_errmsg(c), "content_url") != NULL);
  pod_client_free(c);
  pod_ledger_close(l);
  rm_rf(dir);
}

/* ===================== a scripted fake Kubo ===================== */

typedef struct {
  int fd;
  uint16_t port;
  pthread_t th;
  int answers;          /* requests to answer */
  const char *cat_body; /* what cat answers (bytes that do not match the CID: refused) */
  char first_line[2][512];
  char content_type[256];
  int saw_file_part;
} kubo_t;

static void *kubo_main(void *arg) {
  kubo_t *k = arg;
  for (int i = 0; i < k->answers; i++) {
    int cfd = accept(k->fd, NULL, NULL);
    if (cfd < 0) break;
    static char req[1 << 20];
    size_t n = 0;
    size_t need = 0;
    /* head, then Content-Length bytes of body */
    for (;;) {
      ssize_t r = read(cfd, req + n, sizeof req - 1 - n);
      if (r <= 0) break;
      n += (size_t)r;
      req[n] = 0;
      char *he = strstr(req, "\r\n\r\n");
      if (!he) continue;
      if (!need) {
        const char *cl = strcasestr(req, "content-length:");
        need = (size_t)(he + 4 - req) + (cl ? strtoul(cl + 15, NULL, 10) : 0);
      }
      if (n >= need) break;
    }
    char *eol = strstr(req, "\r\n");
    if (eol) snprintf(k->first_line[i < 2 ? i : 1], 512, "%.*s", (int)(eol - req), req);
    const char *ct = strcasestr(req, "\r\ncontent-type:");
    if (ct && i == 0) sscanf(ct + 15, " %255[^\r]", k->content_type);
    if (i == 0 && strstr(req, "name=\"file\"")) k->saw_file_part = 1;
    char resp[1024];
    int rn;
    if (i == 0) {
      const char *body =
          "{\"Name\":\"payload\",\"Hash\":"
          "\"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\",\"Size\":\"12\"}\n";
      rn = snprintf(resp, sizeof resp,
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    "%zu\r\nConnection: close\r\n\r\n%s",
                    strlen(body), body);
    } else if (i == 2) { /* Kubo's answer for a block it does not have (offline) */
      const char *body = "{\"Message\":\"block was not found locally (offline): ipld: could not "
                         "find bafkrei\",\"Code\":0,\"Type\":\"error\"}\n";
      rn = snprintf(resp, sizeof resp,
                    "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                    strlen(body), body);
    } else {
      rn = snprintf(resp, sizeof resp,
                    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    "%zu\r\nConnection: close\r\n\r\n%s",
                    strlen(k->cat_body), k->cat_body);
    }
    CHECK(write(cfd, resp, (size_t)rn) == rn);
    close(cfd);
  }
  return NULL;
}

static void test_fake_kubo(void) {
  kubo_t k;
  memset(&k, 0, sizeof k);
  k.fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  CHECK_EQ(bind(k.fd, (struct sockaddr *)&sa, sizeof sa), 0);
  CHECK_EQ(listen(k.fd, 4), 0);
  socklen_t sl = sizeof sa;
  getsockname(k.fd, (struct sockaddr *)&sa, &sl);
  k.port = ntohs(sa.sin_port);
  k.answers = 3;
  k.cat_body = "hello world?"; /* 12 bytes, not the ones the CID names */
  CHECK_EQ(pthread_create(&k.th, NULL, kubo_main, &k), 0);

  char dir[] = "/tmp/pod_content_kubo_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char ep[64], url[64];
  snprintf(ep, sizeof ep, "embedded:%s", dir);
  snprintf(url, sizeof url, "http://127.0.0.1:%u/", k.port);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.content_url = url;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  char cid[POD_CID_MAX];
  OK(c, pod_content_put(cid, c, "hello world\n", 12));
  CHECK_STR(cid, "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
  uint8_t *p = NULL;
  size_t n = 0;
  CHECK_EQ(pod_content_get(&p, &n, c, cid), POD_EDECODE); /* the fake answers other bytes */
  CHECK(p == NULL);
  CHECK(strstr(pod_client_errmsg(c), "do not hash") != NULL);
  CHECK_EQ(pod_content_get(&p, &n, c, cid), POD_ENOTFOUND); /* Kubo's 500 "not found" */
  CHECK(strstr(pod_client_errmsg(c), "not found locally") != NULL);
  pthread_join(k.th, NULL);
  close(k.fd);
  CHECK_STR(k.first_line[0],
            "POST /api/v0/add?cid-version=1&raw-leaves=true&hash=sha2-256&pin=true HTTP/1.1");
  CHECK(strncmp(k.content_type, "multipart/form-data; boundary=", 30) == 0);
  CHECK(k.saw_file_part);
  CHECK_STR(k.first_line[1],
            "POST /api/v0/cat?arg="
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4 HTTP/1.1");
  /* nothing listening any more: POD_EIO with a message naming the store */
  CHECK_EQ(pod_content_put(cid, c, "x", 1), POD_EIO);
  CHECK(strstr(pod_client_errmsg(c), "content store") != NULL);
  pod_client_free(c);
  rm_rf(dir);
}

/* ============================== podd ============================== */

typedef struct {
  char *p;
  size_t n;
} sink_t;

static size_t sink(char *ptr, size_t sz, size_t nm, void *u) {
  sink_t *s = u;
  char *np = realloc(s->p, s->n + sz * nm + 1);
  if (!np) return 0;
  memcpy(np + s->n, ptr, sz * nm);
  s->p = np;
  s->n += sz * nm;
  s->p[s->n] = 0;
  return sz * nm;
}

/* One raw request to podd: method, path, optional Content-Type and body. Returns the status;
 * *out (may be NULL) the body (free). */
static long raw(uint16_t port, const char *method, const char *path, const char *ct,
                const char *body, size_t body_n, char **out) {
  CURL *e = curl_easy_init();
  char url[256];
  snprintf(url, sizeof url, "http://127.0.0.1:%u%s", port, path);
  struct curl_slist *h = NULL;
  char cth[300];
  if (ct) {
    snprintf(cth, sizeof cth, "Content-Type: %s", ct);
    h = curl_slist_append(h, cth);
  }
  sink_t s = {NULL, 0};
  curl_easy_setopt(e, CURLOPT_URL, url);
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
  if (!strcmp(method, "POST")) {
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, body ? body : "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_n);
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, h);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, sink);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &s);
  long status = 0;
  CHECK_EQ(curl_easy_perform(e), CURLE_OK);
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(e);
  curl_slist_free_all(h);
  if (out)
    *out = s.p;
  else
    free(s.p);
  return status;
}

#define MP_CT "multipart/form-data; boundary=XyZ"

static void test_podd_http(uint16_t port) {
  char *out = NULL;
  const char one[] =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
      "Content-Type: application/octet-stream\r\n\r\nhello world\n\r\n--XyZ--\r\n";
  CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=1&raw-leaves=true", MP_CT, one,
               sizeof one - 1, &out),
           200);
  CHECK_STR(out,
            "{\"Name\":\"a.txt\",\"Hash\":"
            "\"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\",\"Size\":\"12\"}\n");
  free(out);
  CHECK_EQ(raw(port, "POST",
               "/api/v0/cat?arg=bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4", NULL,
               NULL, 0, &out),
           200);
  CHECK_STR(out, "hello world\n");
  free(out);
  /* refusals, each a Kubo-shaped error */
  CHECK_EQ(raw(port, "GET", "/api/v0/cat?arg=x", NULL, NULL, 0, &out), 405);
  CHECK(out && strstr(out, "\"Type\":\"error\"") != NULL);
  free(out);
  CHECK_EQ(raw(port, "POST", "/api/v0/add", MP_CT, one, sizeof one - 1, &out), 400);
  CHECK(out && strstr(out, "cid-version=1") != NULL);
  free(out);
  CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=0", MP_CT, one, sizeof one - 1, NULL), 400);
  CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=1&raw-leaves=false", MP_CT, one,
               sizeof one - 1, NULL),
           400);
  CHECK_EQ(
      raw(port, "POST", "/api/v0/add?cid-version=1&hash=blake3", MP_CT, one, sizeof one - 1, NULL),
      400);
  CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=1", "text/plain", one, sizeof one - 1, NULL),
           400);
  const char two[] =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\na\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nb\r\n--XyZ--\r\n";
  CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=1", MP_CT, two, sizeof two - 1, &out), 400);
  CHECK(out && strstr(out, "one file") != NULL);
  free(out);
  const char open_part[] = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc";
  CHECK_EQ(
      raw(port, "POST", "/api/v0/add?cid-version=1", MP_CT, open_part, sizeof open_part - 1, NULL),
      400);
  /* one byte over a block */
  size_t bign = POD_CONTENT_BLOCK_MAX + 1 + 200;
  char *big = malloc(bign);
  CHECK(big != NULL);
  if (big) {
    int h = snprintf(big, bign, "--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n");
    memset(big + h, 'z', POD_CONTENT_BLOCK_MAX + 1);
    size_t k = (size_t)h + POD_CONTENT_BLOCK_MAX + 1;
    memcpy(big + k, "\r\n--XyZ--\r\n", 11);
    CHECK_EQ(raw(port, "POST", "/api/v0/add?cid-version=1", MP_CT, big, k + 11, NULL), 413);
    free(big);
  }
  CHECK_EQ(raw(port, "POST", "/api/v0/cat", NULL, NULL, 0, NULL), 400);
  CHECK_EQ(raw(port, "POST", "/api/v0/cat?arg=QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o", NULL,
               NULL, 0, NULL),
           400);
  CHECK_EQ(raw(port, "POST", "/api/v0/cat?arg=%zz", NULL, NULL, 0, NULL), 400);
  CHECK_EQ(raw(port, "POST",
               "/api/v0/cat?arg=bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", NULL,
               NULL, 0, NULL),
           404);
  CHECK_EQ(
      raw(port, "POST",
          "/api/v0/cat?arg=bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4&length=3",
          NULL, NULL, 0, NULL),
      400);
  /* and podd still serves */
  CHECK_EQ(raw(port, "GET", "/health", NULL, NULL, 0, &out), 200);
  CHECK_STR(out, "ok");
  free(out);
}

static void test_podd(const char *bin) {
  char dir[] = "/tmp/pod_content_podd_XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  uint16_t port = 0;
  pid_t pid = podd_spawn(bin, dir, &port);
  CHECK(pid > 0);
  if (pid <= 0) return;
  char url[64];
  snprintf(url, sizeof url, "http://127.0.0.1:%u", port);
  trio_t t;
  trio_setup(&t, url, NULL);
  pod_pubkey_t sealed;
  char cid[POD_CID_MAX];
  messages(&t, &sealed, cid);
  trio_free(&t);
  /* an endpoint with a path: the content calls go to its origin */
  char url2[96];
  snprintf(url2, sizeof url2, "%s/rpc?x=1", url);
  pod_client_opts_t o2 = POD_CLIENT_OPTS_INIT;
  o2.endpoint = url2;
  pod_client *c2 = NULL;
  CHECK_EQ(pod_client_new(&c2, &o2), POD_OK);
  if (c2) {
    char cid2[POD_CID_MAX];
    uint8_t *p2 = NULL;
    size_t n2 = 0;
    OK(c2, pod_content_put(cid2, c2, "path", 4));
    OK(c2, pod_content_get(&p2, &n2, c2, cid2));
    CHECK(n2 == 4 && p2 && memcmp(p2, "path", 4) == 0);
    pod_content_free(p2);
  }
  pod_client_free(c2);
  test_podd_http(port);
  kill(pid, SIGTERM);
  waitpid(pid, NULL, 0);

  /* the same directory in process: podd's content folder is the embedded client's */
  char ep[64];
  snprintf(ep, sizeof ep, "embedded:%s", dir);
  pod_client_opts_t o = POD_CLIENT_OPTS_INIT;
  o.endpoint = ep;
  o.keypair = &t.kb;
  pod_client *c = NULL;
  CHECK_EQ(pod_client_new(&c, &o), POD_OK);
  uint8_t *p = NULL;
  size_t n = 0;
  int enc = 0;
  if (c) {
    OK(c, pod_message_read(&p, &n, &enc, c, &sealed));
    CHECK(n == 23 && p && memcmp(p, "meet at the usual place", 23) == 0 && enc == 1);
    pod_content_free(p);
  }
  pod_client_free(c);
  rm_rf(dir);
}

int main(int argc, char **argv) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  test_cid();
  test_seal();
  test_embedded();
  test_fake_kubo();
  if (argc > 1 && access(argv[1], X_OK) == 0) test_podd(argv[1]);
  curl_global_cleanup();
  TEST_DONE();
}
