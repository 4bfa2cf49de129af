/* The embedded transport: `embedded:DIR`, the ledger engine in this process. Every operation is
 * a direct call; a committed transaction is final at once, so nothing is polled. */
#include <stdlib.h>
#include <string.h>

#include "client_int.h"

typedef struct {
  pod_ledger *l;
  int owned; /* 1: opened here, closed by close */
} emb_t;

static pod_ledger *L(pod_client *c) { return ((emb_t *)c->tp)->l; }

pod_ledger *pod_client_ledger(pod_client *c) {
  if (!c || !c->tp || strncmp(c->endpoint, "embedded:", 9)) return NULL;
  return L(c);
}

static int copy_account(pod_client *c, pod_client_account_t *out, const pod_pubkey_t *key,
                        const pod_account_t *a) {
  memset(out, 0, sizeof *out);
  out->key = *key;
  out->lamports = a->lamports;
  out->owner = a->owner;
  out->executable = a->executable;
  out->rent_epoch = a->rent_epoch;
  if (a->data_sz) {
    out->data = pod_client__alloc(a->data_sz, 1);
    if (!out->data) return pod_client__fail(c, POD_ENOMEM, "out of memory");
    memcpy(out->data, a->data, a->data_sz);
    out->data_sz = a->data_sz;
  }
  return POD_OK;
}

static int e_get_account(pod_client *c, const pod_pubkey_t *key, pod_client_account_t *out) {
  pod_account_t a;
  memset(&a, 0, sizeof a);
  int rc = pod_ledger_get_account(L(c), key, &a);
  if (rc == POD_ENOTFOUND) {
    char b58[POD_PUBKEY_B58_SZ];
    return pod_client__fail(c, rc, "account %s does not exist", pod_pubkey_to_base58(b58, key));
  }
  if (rc != POD_OK) return pod_client__fail(c, rc, "ledger read failed: %s", pod_strerror(rc));
  rc = copy_account(c, out, key, &a);
  pod_ledger_account_free(&a);
  return rc;
}

static int e_get_accounts(pod_client *c, const pod_pubkey_t *keys, size_t n,
                          pod_client_account_t *out, int *found) {
  for (size_t i = 0; i < n; i++) {
    pod_account_t a;
    memset(&a, 0, sizeof a);
    int rc = pod_ledger_get_account(L(c), &keys[i], &a);
    if (rc == POD_ENOTFOUND) continue;
    if (rc != POD_OK) return pod_client__fail(c, rc, "ledger read failed: %s", pod_strerror(rc));
    rc = copy_account(c, &out[i], &keys[i], &a);
    pod_ledger_account_free(&a);
    if (rc != POD_OK) return rc;
    found[i] = 1;
  }
  return POD_OK;
}

typedef struct {
  pod_client *c;
  pod_client_account_t *list;
  size_t n, cap;
  int rc;
} collect_t;

static int collect(void *user, const pod_pubkey_t *key, const pod_account_t *acct) {
  collect_t *k = user;
  void *p = k->list;
  if (pod_client__grow(&p, &k->cap, k->n + 1, sizeof *k->list) != POD_OK) {
    k->rc = pod_client__fail(k->c, POD_ENOMEM, "out of memory");
    return 1;
  }
  k->list = p;
  if ((k->rc = copy_account(k->c, &k->list[k->n], key, acct)) != POD_OK) return 1;
  k->n++;
  return 0;
}

static int e_program_accounts(pod_client *c, const pod_pubkey_t *owner,
                              const pod_account_filter_t *f, pod_client_account_t **out,
                              size_t *n) {
  collect_t k = {c, NULL, 0, 0, POD_OK};
  pod_account_filter_t none;
  memset(&none, 0, sizeof none);
  int rc = pod_ledger_get_accounts_by_owner(L(c), owner, f ? f : &none, collect, &k, NULL);
  if (rc == POD_OK)
    rc = k.rc;
  else
    pod_client__fail(c, rc, "getProgramAccounts failed: %s", pod_strerror(rc));
  if (rc != POD_OK) {
    pod_client_accounts_free(k.list, k.n);
    return rc;
  }
  *out = k.list;
  *n = k.n;
  return POD_OK;
}

static int e_latest_blockhash(pod_client *c, uint8_t out[32]) {
  uint64_t last;
  int rc = pod_ledger_latest_blockhash(L(c), out, &last);
  if (rc != POD_OK) return pod_client__fail(c, rc, "no blockhash: %s", pod_strerror(rc));
  return POD_OK;
}

/* Moves a ledger result into an outcome. */
static int take_result(pod_client *c, pod_tx_outcome_t *o, pod_ledger_result_t *r, int rc) {
  o->final = 1;
  o->sig = r->signature;
  o->has_err = r->has_err;
  o->err = r->err;
  o->units = r->compute_units;
  o->has_logs = 1;
  if (r->log_cnt) {
    o->logs = pod_client__alloc(r->log_cnt, sizeof *o->logs);
    if (o->logs) {
      for (size_t i = 0; i < r->log_cnt; i++) {
        o->logs[i] = pod_client__strndup(r->logs[i], strlen(r->logs[i]));
        if (!o->logs[i]) break;
        o->log_cnt = i + 1;
      }
    }
  }
  pod_ledger_result_free(r);
  if (rc == POD_OK || rc == POD_EPROGRAM) return rc;
  return pod_client__fail(c, rc, "the ledger could not process the transaction: %s",
                          pod_strerror(rc));
}

static int e_send(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  pod_ledger_result_t r;
  int rc = pod_ledger_process(L(c), wire, sz, &r);
  return take_result(c, o, &r, rc);
}

static int e_simulate(pod_client *c, const uint8_t *wire, size_t sz, pod_tx_outcome_t *o) {
  pod_ledger_result_t r;
  pod_ledger_sim_opts_t so = {1, 0};
  int rc = pod_ledger_simulate(L(c), wire, sz, &so, &r);
  return take_result(c, o, &r, rc);
}

static int level_final(void) { return POD_COMMITMENT_FINALIZED; }

static int e_statuses(pod_client *c, const pod_signature_t *sigs, size_t n, pod_sig_state_t *out) {
  for (size_t i = 0; i < n; i++) {
    pod_sig_status_t st;
    memset(&out[i], 0, sizeof out[i]);
    int rc = pod_ledger_signature_status(L(c), &sigs[i], &st);
    if (rc == POD_ENOTFOUND) continue;
    if (rc != POD_OK) return pod_client__fail(c, rc, "ledger read failed: %s", pod_strerror(rc));
    out[i].found = 1;
    out[i].slot = st.slot;
    out[i].has_err = st.has_err;
    out[i].err = st.err;
    out[i].level = level_final();
  }
  return POD_OK;
}

static int e_get_transaction(pod_client *c, const pod_signature_t *sig, pod_tx_outcome_t *o) {
  pod_ledger_tx_t *t = NULL;
  int rc = pod_ledger_get_transaction(L(c), sig, &t);
  if (rc != POD_OK) return pod_client__fail(c, rc, "transaction not found");
  o->final = 1;
  o->sig = *sig;
  o->has_err = t->has_err;
  o->err = t->err;
  o->units = t->compute_units;
  o->has_logs = 1;
  if (t->log_cnt && (o->logs = pod_client__alloc(t->log_cnt, sizeof *o->logs)) != NULL)
    for (size_t i = 0; i < t->log_cnt; i++) {
      if (!(o->logs[i] = pod_client__strndup(t->logs[i], strlen(t->logs[i])))) break;
      o->log_cnt = i + 1;
    }
  pod_ledger_tx_free(t);
  return POD_OK;
}

static int e_airdrop(pod_client *c, const pod_pubkey_t *to, uint64_t lamports,
                     pod_tx_outcome_t *o) {
  o->final = 1;
  int rc = pod_ledger_airdrop(L(c), &o->sig, &o->err, to, lamports);
  if (rc == POD_EPROGRAM) {
    o->has_err = 1;
    return rc;
  }
  if (rc == POD_ELIMIT)
    return pod_client__fail(c, rc, "airdrop of %llu lamports is above the faucet's cap",
                            (unsigned long long)lamports);
  if (rc != POD_OK) return pod_client__fail(c, rc, "airdrop failed: %s", pod_strerror(rc));
  return POD_OK;
}

static int e_balance(pod_client *c, const pod_pubkey_t *key, uint64_t *out) {
  *out = pod_ledger_balance(L(c), key);
  return POD_OK;
}

static int e_slot(pod_client *c, uint64_t *out) {
  *out = pod_ledger_slot(L(c));
  return POD_OK;
}

static int e_now(pod_client *c, int64_t *out) {
  *out = pod_ledger_now(L(c));
  return POD_OK;
}

static int e_perf_samples(pod_client *c, pod_perf_sample_t *out, size_t max, size_t *n) {
  int rc = pod_ledger_perf_samples(L(c), out, max, n);
  return rc == POD_OK ? rc
                      : pod_client__fail(c, rc, "ledger performance samples: %s", pod_strerror(rc));
}

static void e_close(pod_client *c) {
  emb_t *e = c->tp;
  if (!e) return;
  if (e->owned) pod_ledger_close(e->l);
  free(e);
  c->tp = NULL;
}

static const pod_transport_ops embedded_ops = {
    e_get_account,
    e_get_accounts,
    e_program_accounts,
    e_latest_blockhash,
    e_send,
    e_simulate,
    e_statuses,
    e_get_transaction,
    e_airdrop,
    e_balance,
    e_slot,
    e_now,
    e_close,
    NULL,
    NULL,
    e_perf_samples,
    NULL,
};

int pod_client__embedded_open(pod_client *c, const char *dir, const pod_client_opts_t *o) {
  emb_t *e = pod_client__alloc(1, sizeof *e);
  if (!e) return pod_client__fail(c, POD_ENOMEM, "out of memory");
  if (o->ledger) {
    e->l = o->ledger;
  } else {
    if (!*dir) {
      free(e);
      return pod_client__fail(c, POD_EINVAL,
                              "embedded: needs a directory (embedded:/path/to/ledger) or "
                              "opts.ledger");
    }
    int rc = pod_ledger_open(&e->l, dir, o->ledger_opts);
    if (rc != POD_OK) {
      free(e);
      if (rc == POD_EPERM)
        return pod_client__fail(c, rc,
                                "ledger %s is open in another process or handle: stop it (e.g. "
                                "podd) or share the handle through opts.ledger",
                                dir);
      return pod_client__fail(c, rc, "cannot open the ledger in %s: %s", dir, pod_strerror(rc));
    }
    e->owned = 1;
  }
  c->tp = e;
  c->ops = &embedded_ops;
  return POD_OK;
}
