/* The agents and messages services (services.h): validate with the program's rules, build with
 * the codec, send through the client; reads decode with the codec. */
#include <stdlib.h>
#include <string.h>

#include "client_int.h"
#include "pod/hash.h"
#include "pod/validate.h"

static int need_signer(pod_client *c) {
  if (c->has_signer) return POD_OK;
  return pod_client__fail(c, POD_EINVAL,
                          "this client has no signer: give opts.keypair (or a signing callback)");
}

static int build_failed(pod_client *c, int rc, const char *what) {
  return pod_client__fail(c, rc, "cannot build %s: %s", what, pod_strerror(rc));
}

/* =============================== agents =============================== */

static int agent_decode(pod_client *c, pod_agent_t *out, const pod_client_account_t *a) {
  memset(out, 0, sizeof *out);
  char b58[POD_PUBKEY_B58_SZ];
  if (!pod_pubkey_eq(&a->owner, &pod_program_id) || a->data_sz > sizeof out->data)
    return pod_client__fail(c, POD_EDECODE, "%s is not a PoD agent account",
                            pod_pubkey_to_base58(b58, &a->key));
  out->address = a->key;
  memcpy(out->data, a->data, a->data_sz);
  out->data_sz = a->data_sz;
  int rc = pod_agent_account_decode(&out->account, out->data, out->data_sz);
  if (rc != POD_OK)
    return pod_client__fail(c, POD_EDECODE, "%s is not a PoD agent account (%s)",
                            pod_pubkey_to_base58(b58, &a->key), pod_strerror(rc));
  return POD_OK;
}

static int agent_get_at(pod_client *c, pod_agent_t *out, const pod_pubkey_t *pda,
                        const pod_pubkey_t *wallet) {
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  int rc = c->ops->get_account(c, pda, &a);
  if (rc == POD_ENOTFOUND) {
    char b58[POD_PUBKEY_B58_SZ];
    if (wallet) return pod_client__agent_missing(c, wallet);
    return pod_client__fail(c, rc, "no agent account at %s", pod_pubkey_to_base58(b58, pda));
  }
  if (rc == POD_OK) rc = agent_decode(c, out, &a);
  pod_client_account_free(&a);
  return rc;
}

int pod_agent_register(pod_pubkey_t *agent, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                       uint64_t capabilities, const char *uri) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = need_signer(c);
  if (rc == POD_OK && !uri) rc = pod_client__fail(c, POD_EINVAL, "metadata_uri is required");
  if (rc == POD_OK) {
    size_t len = strlen(uri);
    uint32_t rule = pod_validate_register_agent(capabilities, uri, len);
    if (rule != POD_RULE_OK) {
      rc = pod_client__refuse(c, POD_IX_REGISTER_AGENT, rule);
    } else {
      pod_ix_t ix;
      pod_ix_register_agent_args_t a = {capabilities, {uri, len}};
      rc = pod_ix_register_agent(&ix, &c->signer, &a);
      if (rc != POD_OK)
        rc = build_failed(c, rc, "register_agent");
      else {
        if (agent) *agent = ix.metas[0].pubkey;
        rc = pod_client__send(c, sig, &ix.ix, 1);
        if (rc == POD_OK) c->agent_known = 1;
      }
    }
  }
  pod_client__leave(c);
  return rc;
}

int pod_agent_update(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const uint64_t *capabilities,
                     const char *uri) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = need_signer(c);
  size_t len = uri ? strlen(uri) : 0;
  if (rc == POD_OK && !capabilities && !uri)
    rc = pod_client__fail(c, POD_EINVAL, "nothing to update: give capabilities or metadata_uri");
  if (rc == POD_OK && uri) {
    uint32_t rule = pod_validate_update_agent(uri, len);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_UPDATE_AGENT, rule);
  }
  pod_ix_t ix;
  if (rc == POD_OK) {
    pod_ix_update_agent_args_t a;
    memset(&a, 0, sizeof a);
    a.has_capabilities = capabilities != NULL;
    a.capabilities = capabilities ? *capabilities : 0;
    a.has_metadata_uri = uri != NULL;
    a.metadata_uri = (pod_str_t){uri, len};
    rc = pod_ix_update_agent(&ix, &c->signer, &a);
    if (rc != POD_OK) rc = build_failed(c, rc, "update_agent");
  }
  /* The program needs the agent account: say so instead of paying for 3012. */
  if (rc == POD_OK) rc = pod_client__signer_agent(c, &ix.metas[0].pubkey);
  if (rc == POD_OK) rc = pod_client__agent_sent(c, pod_client__send(c, sig, &ix.ix, 1));
  pod_client__leave(c);
  return rc;
}

int pod_agent_get(pod_agent_t *out, pod_client *c, const pod_pubkey_t *wallet) {
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  if (!out)
    rc = pod_client__fail(c, POD_EINVAL, "pod_agent_get: out is NULL");
  else if (!wallet && (rc = need_signer(c)) != POD_OK) {
  } else {
    const pod_pubkey_t *w = wallet ? wallet : &c->signer;
    pod_pubkey_t pda;
    if ((rc = pod_pda_agent(&pda, NULL, w)) != POD_OK)
      rc = pod_client__fail(c, rc, "no agent address for this wallet");
    else
      rc = agent_get_at(c, out, &pda, w);
  }
  pod_client__leave(c);
  return rc;
}

int pod_agent_get_at(pod_agent_t *out, pod_client *c, const pod_pubkey_t *agent) {
  POD_CLIENT_GUARD(c);
  int rc = (!out || !agent) ? pod_client__fail(c, POD_EINVAL, "pod_agent_get_at: NULL argument")
                            : agent_get_at(c, out, agent, NULL);
  pod_client__leave(c);
  return rc;
}

void pod_agent_list_free(pod_agent_t *list) { free(list); }

/* pod_client__rec_fn of pod_agent_list: an agent whose capabilities include all of *user. */
static int agent_rec(pod_client *c, void *rec, const pod_client_account_t *a, const void *user) {
  pod_agent_t *r = rec;
  const uint64_t all_caps = *(const uint64_t *)user;
  if (agent_decode(c, r, a) != POD_OK) return POD_EDECODE; /* skipped, documented */
  return (r->account.capabilities & all_caps) == all_caps ? POD_OK : POD_ENOTFOUND;
}

int pod_client__decode_list(void **out, size_t *n, pod_client *c, int rc,
                            pod_client_account_t *accts, size_t cnt, size_t rec_sz,
                            pod_client__rec_fn fn, const void *user) {
  uint8_t *list = NULL;
  size_t k = 0;
  if (rc == POD_OK && cnt) {
    list = pod_client__alloc(cnt, rec_sz);
    if (!list) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    for (size_t i = 0; rc == POD_OK && i < cnt; i++)
      if (fn(c, list + k * rec_sz, &accts[i], user) == POD_OK) k++;
    if (rc == POD_OK) c->err[0] = 0; /* what a skipped account said */
  }
  pod_client_accounts_free(accts, cnt);
  if (rc != POD_OK || k == 0) {
    free(list);
    list = NULL;
    k = 0;
  }
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  return rc;
}

int pod_agent_list(pod_agent_t **out, size_t *n, pod_client *c, uint64_t all_caps) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0;
  if (!out || !n) rc = pod_client__fail(c, POD_EINVAL, "pod_agent_list: NULL argument");
  if (rc == POD_OK) {
    pod_memcmp_t m = {0, (const uint8_t *)POD_AGENT_DISC, POD_DISC_SZ};
    pod_account_filter_t f = {1, POD_AGENT_SPACE, &m, 1};
    rc = c->ops->program_accounts(c, &pod_program_id, &f, &accts, &cnt);
  }
  void *list = NULL;
  size_t k = 0;
  rc = pod_client__decode_list(&list, &k, c, rc, accts, cnt, sizeof(pod_agent_t), agent_rec,
                               &all_caps);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

/* ============================== messages ============================== */

void pod_message_payload_hash(uint8_t out[32], const void *payload, size_t payload_sz) {
  pod_sha256(out, payload, payload_sz);
}

int pod_message_is_expired(const pod_message_account_t *m, int64_t now) {
  return m && now > m->expires_at;
}

static int message_decode(pod_client *c, pod_message_t *out, const pod_client_account_t *a) {
  memset(out, 0, sizeof *out);
  char b58[POD_PUBKEY_B58_SZ];
  int rc = pod_pubkey_eq(&a->owner, &pod_program_id)
               ? pod_message_account_decode(&out->account, a->data, a->data_sz)
               : POD_EINVAL;
  if (rc != POD_OK)
    return pod_client__fail(c, POD_EDECODE, "%s is not a PoD message account",
                            pod_pubkey_to_base58(b58, &a->key));
  out->address = a->key;
  return POD_OK;
}

static int message_get(pod_client *c, pod_message_t *out, const pod_pubkey_t *msg) {
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  int rc = c->ops->get_account(c, msg, &a);
  if (rc == POD_ENOTFOUND) {
    char b58[POD_PUBKEY_B58_SZ];
    return pod_client__fail(c, rc,
                            "message %s does not exist (check the address: it is the one "
                            "pod_message_send returned)",
                            pod_pubkey_to_base58(b58, msg));
  }
  if (rc == POD_OK) rc = message_decode(c, out, &a);
  pod_client_account_free(&a);
  return rc;
}

int pod_message_send(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                     const pod_pubkey_t *recipient, const void *payload, size_t payload_sz,
                     pod_message_type_t type) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = need_signer(c);
  if (rc == POD_OK && (!recipient || (!payload && payload_sz)))
    rc = pod_client__fail(c, POD_EINVAL, "pod_message_send: NULL recipient or payload");
  if (rc == POD_OK) {
    uint32_t rule = pod_validate_send_message(type.kind, type.custom);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_SEND_MESSAGE, rule);
  }
  pod_ix_t ix;
  if (rc == POD_OK) {
    pod_ix_send_message_args_t a;
    memset(&a, 0, sizeof a);
    a.recipient = *recipient;
    pod_message_payload_hash(a.payload_hash, payload, payload_sz);
    a.message_type = type;
    rc = pod_ix_send_message(&ix, &c->signer, &a);
    if (rc != POD_OK) rc = build_failed(c, rc, "send_message");
  }
  /* The sender must be a registered agent: say so before paying for a 3012. */
  if (rc == POD_OK) rc = pod_client__signer_agent(c, &ix.metas[1].pubkey);
  if (rc == POD_OK) {
    if (message) *message = ix.metas[0].pubkey;
    rc = pod_client__agent_sent(c, pod_client__send(c, sig, &ix.ix, 1));
  }
  pod_client__leave(c);
  return rc;
}

int pod_message_get(pod_message_t *out, pod_client *c, const pod_pubkey_t *message) {
  POD_CLIENT_GUARD(c);
  int rc = (!out || !message) ? pod_client__fail(c, POD_EINVAL, "pod_message_get: NULL argument")
                              : message_get(c, out, message);
  pod_client__leave(c);
  return rc;
}

void pod_message_list_free(pod_message_t *list) { free(list); }

static int message_rec(pod_client *c, void *rec, const pod_client_account_t *a, const void *user) {
  (void)user;
  return message_decode(c, rec, a);
}

static int message_list(pod_client *c, pod_message_t **out, size_t *n, uint32_t off,
                        const pod_pubkey_t *key) {
  pod_memcmp_t m[2] = {{0, (const uint8_t *)POD_MESSAGE_DISC, POD_DISC_SZ}, {off, key->b, 32}};
  pod_account_filter_t f = {1, POD_MESSAGE_SPACE, m, 2};
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  int rc = c->ops->program_accounts(c, &pod_program_id, &f, &accts, &cnt);
  void *list = NULL;
  rc = pod_client__decode_list(&list, &k, c, rc, accts, cnt, sizeof(pod_message_t), message_rec,
                               NULL);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  return rc;
}

int pod_message_inbox(pod_message_t **out, size_t *n, pod_client *c,
                      const pod_pubkey_t *recipient) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  if (!out || !n)
    rc = pod_client__fail(c, POD_EINVAL, "pod_message_inbox: NULL argument");
  else if (!recipient && (rc = need_signer(c)) != POD_OK) {
  } else
    rc = message_list(c, out, n, POD_MESSAGE_RECIPIENT_OFF, recipient ? recipient : &c->signer);
  pod_client__leave(c);
  return rc;
}

int pod_message_outbox(pod_message_t **out, size_t *n, pod_client *c, const pod_pubkey_t *sender) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  pod_pubkey_t pda;
  if (!out || !n)
    rc = pod_client__fail(c, POD_EINVAL, "pod_message_outbox: NULL argument");
  else if (!sender && (rc = need_signer(c)) != POD_OK) {
  } else if ((rc = pod_pda_agent(&pda, NULL, sender ? sender : &c->signer)) != POD_OK)
    rc = pod_client__fail(c, rc, "no agent address for this wallet");
  else
    rc = message_list(c, out, n, POD_MESSAGE_SENDER_OFF, &pda);
  pod_client__leave(c);
  return rc;
}

int pod_message_set_status(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *message,
                           uint8_t status) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = need_signer(c);
  if (rc == POD_OK && !message)
    rc = pod_client__fail(c, POD_EINVAL, "pod_message_set_status: NULL message");
  pod_message_t m;
  pod_agent_t me;
  pod_ix_t ix;
  if (rc == POD_OK) rc = message_get(c, &m, message);
  if (rc == POD_OK) {
    pod_pubkey_t pda;
    if ((rc = pod_pda_agent(&pda, NULL, &c->signer)) == POD_OK)
      rc = agent_get_at(c, &me, &pda, &c->signer);
  }
  if (rc == POD_OK) {
    int64_t now = 0;
    int have_now = c->ops->now(c, &now) == POD_OK;
    c->err[0] = 0;
    /* Without the cluster's clock the expiry rule is left to the program. */
    uint32_t rule = pod_validate_update_message_status(
        status, have_now ? now : m.account.expires_at, m.account.expires_at, &c->signer,
        &me.account.pubkey, &m.account.sender, &m.account.recipient);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_UPDATE_MESSAGE_STATUS, rule);
  }
  if (rc == POD_OK) {
    pod_ix_update_message_status_args_t a = {status};
    rc = pod_ix_update_message_status(&ix, &c->signer, message, &a);
    if (rc != POD_OK)
      rc = build_failed(c, rc, "update_message_status");
    else
      rc = pod_client__send(c, sig, &ix.ix, 1);
  }
  pod_client__leave(c);
  return rc;
}
