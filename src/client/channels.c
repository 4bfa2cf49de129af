/* The channels and escrow services (services.h): read the accounts the program will check, refuse
 * client-side what it would refuse (validate.h, the rules the ledger executes), build with the
 * codec, send through the client. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client_int.h"
#include "discovery_int.h"
#include "pod/encode.h"
#include "pod/validate.h"

static int need_signer(pod_client *c) {
  if (c->has_signer) return POD_OK;
  return pod_client__fail(c, POD_EINVAL,
                          "this client has no signer: give opts.keypair (or a signing callback)");
}

static int build_failed(pod_client *c, int rc, const char *what) {
  return pod_client__fail(c, rc, "cannot build %s: %s", what, pod_strerror(rc));
}

/* The SDK's nonce (PROTOCOL.md §8): milliseconds since the epoch, as the TypeScript SDK's
 * Date.now(), made strictly increasing across the process so that two calls in the same
 * millisecond (same wallet, same channel) do not derive the same PDA. */
static _Atomic uint64_t last_nonce;
static uint64_t next_nonce(void) {
  uint64_t now = pod_client__now_ms();
  uint64_t prev = atomic_load(&last_nonce), want;
  do {
    want = now > prev ? now : prev + 1;
  } while (!atomic_compare_exchange_weak(&last_nonce, &prev, want));
  return want;
}
uint64_t pod_client__next_nonce(void) { return next_nonce(); } /* batch.c */

/* Reads key; POD_ENOTFOUND (message `what ... does not exist` + hint) if it is not there. */
static int read_acct(pod_client *c, pod_client_account_t *a, const pod_pubkey_t *key,
                     const char *what, const char *hint) {
  memset(a, 0, sizeof *a);
  int rc = c->ops->get_account(c, key, a);
  if (rc == POD_ENOTFOUND) {
    char b58[POD_PUBKEY_B58_SZ];
    return pod_client__fail(c, rc, "%s %s does not exist%s%s", what, pod_pubkey_to_base58(b58, key),
                            hint ? ": " : "", hint ? hint : "");
  }
  if (rc == POD_OK && !pod_pubkey_eq(&a->owner, &pod_program_id)) {
    char b58[POD_PUBKEY_B58_SZ];
    rc =
        pod_client__fail(c, POD_EDECODE, "%s is not a PoD account", pod_pubkey_to_base58(b58, key));
    pod_client_account_free(a);
  }
  return rc;
}

/* Reads key into *a if it exists (any owner): 1 found (release *a), 0 not there (the handle's
 * message cleared), < 0 on a transport error. */
static int get_opt(pod_client *c, pod_client_account_t *a, const pod_pubkey_t *key) {
  memset(a, 0, sizeof *a);
  int rc = c->ops->get_account(c, key, a);
  if (rc == POD_ENOTFOUND) {
    c->err[0] = 0;
    return 0;
  }
  return rc == POD_OK ? 1 : rc;
}

/* 1 if key exists (any owner), 0 if not, < 0 on a transport error. */
static int exists(pod_client *c, const pod_pubkey_t *key) {
  pod_client_account_t a;
  int r = get_opt(c, &a, key);
  if (r == 1) pod_client_account_free(&a);
  return r;
}

/* Puts hint before the handle's message (which may be long enough to be cut); returns rc. */
static int hint(pod_client *c, int rc, const char *h) {
  char m[POD_CLIENT_ERRMSG_SZ];
  snprintf(m, sizeof m, "%s", c->err);
  return pod_client__fail(c, rc, "%s. %s", h, m);
}

static int decode_failed(pod_client *c, const pod_pubkey_t *key, const char *what, int rc) {
  char b58[POD_PUBKEY_B58_SZ];
  return pod_client__fail(c, POD_EDECODE, "%s is not a PoD %s account (%s)",
                          pod_pubkey_to_base58(b58, key), what, pod_strerror(rc));
}

int pod_client__channel_decode(pod_client *c, pod_channel_t *out, const pod_client_account_t *a) {
  memset(out, 0, sizeof *out);
  if (!pod_pubkey_eq(&a->owner, &pod_program_id) || a->data_sz > sizeof out->data)
    return decode_failed(c, &a->key, "channel", POD_EINVAL);
  out->address = a->key;
  memcpy(out->data, a->data, a->data_sz);
  out->data_sz = a->data_sz;
  int rc = pod_channel_account_decode(&out->account, out->data, out->data_sz);
  return rc == POD_OK ? POD_OK : decode_failed(c, &a->key, "channel", rc);
}

static int channel_get(pod_client *c, pod_channel_t *out, const pod_pubkey_t *key) {
  pod_client_account_t a;
  int rc = read_acct(c, &a, key, "channel", "check the address (pod_channel_create returned it)");
  if (rc == POD_OK) rc = pod_client__channel_decode(c, out, &a);
  pod_client_account_free(&a);
  return rc;
}

/* The signer's agent PDA, which must exist (the program needs it: say so before a 3012); checked
 * once per signer (pod_client__signer_agent's memo). A write that needed it forgets the memo when
 * its send fails (pod_client__agent_sent). */
static int my_agent(pod_client *c, pod_pubkey_t *agent) {
  int rc = pod_pda_agent(agent, NULL, &c->signer);
  if (rc != POD_OK) return pod_client__fail(c, rc, "no agent address for this wallet");
  return pod_client__signer_agent(c, agent);
}

/* The participant record of the signer's agent in channel: 1 found (*out), 0 not, < 0 error. */
static int my_participant(pod_client *c, pod_channel_participant_t *out, pod_pubkey_t *pda,
                          const pod_pubkey_t *channel, const pod_pubkey_t *agent) {
  int rc = pod_pda_participant(pda, NULL, channel, agent);
  if (rc != POD_OK) return pod_client__fail(c, rc, "no participant address");
  pod_client_account_t a;
  int r = get_opt(c, &a, pda);
  if (r != 1) return r;
  rc = pod_channel_participant_decode(out, a.data, a.data_sz);
  if (rc != POD_OK) rc = decode_failed(c, pda, "participant", rc);
  pod_client_account_free(&a);
  return rc == POD_OK ? 1 : rc;
}

/* The start of every write, after the guard: a signer, and the arguments present (args_ok;
 * otherwise POD_EINVAL with null_msg). */
static int write_start(pod_client *c, int args_ok, const char *null_msg) {
  int rc = need_signer(c);
  if (rc == POD_OK && !args_ok) rc = pod_client__fail(c, POD_EINVAL, "%s", null_msg);
  return rc;
}

/* The end of every write: built is the result of building ix (pod_ix_*); sends it when that
 * succeeded. */
static int send_ix(pod_client *c, char sig[POD_CLIENT_SIG_SZ], int built, const pod_ix_t *ix,
                   int kind) {
  if (built != POD_OK) return build_failed(c, built, pod_ix_name(kind));
  return pod_client__send(c, sig, &ix->ix, 1);
}

/* What join, leave, broadcast and invite read before deciding: the channel, the signer's agent
 * (which must exist; read once per signer, my_agent) and that agent's participant record in the
 * channel (member = 1 if it has one, whether active or not). */
typedef struct {
  pod_channel_t ch;
  pod_pubkey_t agent, ppda;
  pod_channel_participant_t p;
  int member;
} membership_t;

static int load_membership(pod_client *c, membership_t *m, const pod_pubkey_t *channel) {
  memset(&m->p, 0, sizeof m->p);
  m->member = 0;
  int rc = channel_get(c, &m->ch, channel);
  if (rc == POD_OK) rc = my_agent(c, &m->agent);
  if (rc == POD_OK) {
    int r = my_participant(c, &m->p, &m->ppda, channel, &m->agent);
    if (r < 0) return r;
    m->member = r;
  }
  return rc;
}

/* ============================== channels ============================== */

int pod_channel_create(pod_pubkey_t *channel, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                       const pod_channel_create_args_t *args) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, args && args->name, "pod_channel_create: NULL args or name");
  int v1 = args && (args->flags & POD_CHANNEL_V1);
  int kind = v1 ? POD_IX_CREATE_CHANNEL : POD_IX_CREATE_CHANNEL_V2;
  const char *desc = (args && args->description) ? args->description : "";
  size_t nl = args && args->name ? strlen(args->name) : 0, dl = strlen(desc);
  if (rc == POD_OK) {
    uint32_t rule =
        v1 ? pod_validate_create_channel(args->name, nl, desc, dl, args->visibility,
                                         args->max_participants, args->fee_per_message)
           : pod_validate_create_channel_v2(args->name, nl, desc, dl, args->visibility,
                                            args->max_participants, args->fee_per_message);
    if (rule == POD_RULE_OK) {
      /* v1 stores the trimmed strings, v2 the raw ones (Q3, Q5) */
      size_t sn = v1 ? pod_trim(args->name, nl).len : nl, sd = v1 ? pod_trim(desc, dl).len : dl;
      rule = pod_rule_channel_fits(sn, sd);
    }
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, kind, rule);
  }
  pod_ix_t ix, act;
  size_t cnt = 1;
  if (rc == POD_OK) {
    pod_ix_create_channel_args_t a = {{args->name, nl},
                                      {desc, dl},
                                      args->visibility,
                                      args->max_participants,
                                      args->fee_per_message};
    rc = v1 ? pod_ix_create_channel(&ix, &c->signer, &a)
            : pod_ix_create_channel_v2(&ix, &c->signer, &a);
    if (rc != POD_OK) rc = build_failed(c, rc, pod_ix_name(kind));
  }
  pod_pubkey_t chan;
  if (rc == POD_OK) chan = ix.metas[v1 ? 0 : 1].pubkey;
  if (rc == POD_OK && !v1) {
    pod_pubkey_t agent;
    rc = my_agent(c, &agent);
  }
  if (rc == POD_OK && v1 && (args->flags & POD_CHANNEL_V1_ACTIVATE)) {
    pod_ix_update_channel_args_t u;
    memset(&u, 0, sizeof u);
    u.has_is_active = 1;
    u.is_active = 1;
    rc = pod_ix_update_channel(&act, &c->signer, &chan, &u);
    if (rc != POD_OK) rc = build_failed(c, rc, "update_channel");
    cnt = 2;
  }
  if (rc == POD_OK) {
    if (channel) *channel = chan;
    pod_instruction_t ixs[2] = {ix.ix, act.ix};
    if (cnt == 1) ixs[1] = ix.ix;
    rc = pod_client__send(c, sig, ixs, cnt);
    if (!v1) pod_client__agent_sent(c, rc); /* v2 checked the creator's agent */
  }
  pod_client__leave(c);
  return rc;
}

int pod_channel_update(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *channel,
                       const pod_channel_update_args_t *u) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel && u, "pod_channel_update: NULL argument");
  pod_channel_t ch;
  if (rc == POD_OK) rc = channel_get(c, &ch, channel);
  size_t nl = u && u->name ? strlen(u->name) : 0,
         dl = u && u->description ? strlen(u->description) : 0;
  if (rc == POD_OK) {
    uint32_t rule = pod_pubkey_eq(&ch.account.creator, &c->signer) ? POD_RULE_OK : 6001u;
    if (rule == POD_RULE_OK)
      rule = pod_validate_update_channel(u->name, nl, u->description, dl, u->max_participants,
                                         ch.account.current_participants);
    if (rule == POD_RULE_OK)
      rule = pod_rule_channel_fits(u->name ? nl : ch.account.name.len,
                                   u->description ? dl : ch.account.description.len);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_UPDATE_CHANNEL, rule);
  }
  if (rc == POD_OK) {
    pod_ix_update_channel_args_t a;
    memset(&a, 0, sizeof a);
    a.has_name = u->name != NULL;
    a.name = (pod_str_t){u->name, nl};
    a.has_description = u->description != NULL;
    a.description = (pod_str_t){u->description, dl};
    a.has_max_participants = u->max_participants != NULL;
    a.max_participants = u->max_participants ? *u->max_participants : 0;
    a.has_fee_per_message = u->fee_per_message != NULL;
    a.fee_per_message = u->fee_per_message ? *u->fee_per_message : 0;
    a.has_is_active = u->is_active != NULL;
    a.is_active = u->is_active ? (uint8_t)(*u->is_active != 0) : 0;
    pod_ix_t ix;
    rc = send_ix(c, sig, pod_ix_update_channel(&ix, &c->signer, channel, &a), &ix,
                 POD_IX_UPDATE_CHANNEL);
  }
  pod_client__leave(c);
  return rc;
}

int pod_channel_get(pod_channel_t *out, pod_client *c, const pod_pubkey_t *channel) {
  POD_CLIENT_GUARD(c);
  int rc = (!out || !channel) ? pod_client__fail(c, POD_EINVAL, "pod_channel_get: NULL argument")
                              : channel_get(c, out, channel);
  pod_client__leave(c);
  return rc;
}

int pod_channel_get_named(pod_channel_t *out, pod_client *c, const pod_pubkey_t *creator,
                          const char *name) {
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  pod_pubkey_t pda;
  if (!out || !name)
    rc = pod_client__fail(c, POD_EINVAL, "pod_channel_get_named: NULL argument");
  else if (!creator && (rc = need_signer(c)) != POD_OK) {
  } else if ((rc = pod_pda_channel(&pda, NULL, creator ? creator : &c->signer, name,
                                   strlen(name))) != POD_OK)
    rc = pod_client__fail(c, rc, "no channel address for this name (at most 32 bytes)");
  else
    rc = channel_get(c, out, &pda);
  pod_client__leave(c);
  return rc;
}

void pod_channel_list_free(pod_channel_t *list) { free(list); }

void *pod_client__list_keep(void *list, size_t *k, int rc) {
  if (rc == POD_OK && *k) return list;
  free(list);
  *k = 0;
  return NULL;
}

int pod_client__gpa(pod_client *c, pod_client_account_t **accts, size_t *cnt, int kind,
                    const pod_memcmp_t *more, size_t more_cnt) {
  pod_memcmp_t m[4];
  m[0] = (pod_memcmp_t){0, pod_account_disc(kind), POD_DISC_SZ};
  for (size_t i = 0; i < more_cnt && i < 3; i++)
    m[1 + i] = more[i];
  pod_account_filter_t f = {1, pod_account_space(kind), m, 1 + (more_cnt < 3 ? more_cnt : 3)};
  *accts = NULL;
  *cnt = 0;
  return c->ops->program_accounts(c, &pod_program_id, &f, accts, cnt);
}

/* pod_client__rec_fn of the lists below (services.c) */
static int channel_rec(pod_client *c, void *rec, const pod_client_account_t *a, const void *user) {
  (void)user;
  return pod_client__channel_decode(c, rec, a);
}

static int participant_rec(pod_client *c, void *rec, const pod_client_account_t *a,
                           const void *user) {
  pod_participant_t *r = rec;
  (void)c, (void)user;
  r->address = a->key;
  return pod_channel_participant_decode(&r->account, a->data, a->data_sz);
}

static int escrow_rec(pod_client *c, void *rec, const pod_client_account_t *a, const void *user) {
  pod_escrow_t *r = rec;
  (void)c, (void)user;
  r->address = a->key;
  return pod_escrow_account_decode(&r->account, a->data, a->data_sz);
}

/* a ChannelMessage record holds its own copy of the bytes its content view points into */
static int channel_message_rec(pod_client *c, void *rec, const pod_client_account_t *a,
                               const void *user) {
  pod_channel_message_rec_t *r = rec;
  (void)c, (void)user;
  if (a->data_sz > sizeof r->data) return POD_EDECODE;
  memcpy(r->data, a->data, a->data_sz);
  r->data_sz = a->data_sz;
  r->address = a->key;
  return pod_channel_message_decode(&r->account, r->data, r->data_sz);
}

int pod_channel_list(pod_channel_t **out, size_t *n, pod_client *c, const pod_pubkey_t *creator) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc =
      (!out || !n) ? pod_client__fail(c, POD_EINVAL, "pod_channel_list: NULL argument") : POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  if (rc == POD_OK) {
    pod_memcmp_t m = {POD_CHANNEL_CREATOR_OFF, creator ? creator->b : NULL, 32};
    rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_CHANNEL, &m, creator ? 1 : 0);
  }
  void *list = NULL;
  rc = pod_client__decode_list(&list, &k, c, rc, accts, cnt, sizeof(pod_channel_t), channel_rec,
                               NULL);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

int pod_channel_join(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *channel) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel != NULL, "pod_channel_join: NULL channel");
  membership_t m;
  if (rc == POD_OK) rc = load_membership(c, &m, channel);
  if (rc == POD_OK && m.member)
    rc = pod_client__fail(c, POD_EEXIST,
                          "already %s this channel: the program keeps one participant record "
                          "per agent per channel forever, so an agent cannot join twice (Q12)",
                          m.p.is_active ? "a member of" : "left");
  const pod_channel_account_t *ca = &m.ch.account;
  int paid = rc == POD_OK && ca->fee_per_message > 0;
  int priv = rc == POD_OK && ca->visibility == POD_VISIBILITY_PRIVATE;
  uint32_t rule = POD_RULE_OK;
  if (rc == POD_OK && ca->current_participants >= ca->max_participants) rule = 6004;
  pod_client_account_t a;
  pod_pubkey_t pda;
  if (rc == POD_OK && rule == POD_RULE_OK && paid) {
    /* The program's order: the fee (6007), then the invitation. */
    pod_escrow_account_t e;
    if ((rc = pod_pda_escrow(&pda, NULL, channel, &c->signer)) != POD_OK)
      rc = pod_client__fail(c, rc, "no escrow address");
    else if ((rc = get_opt(c, &a, &pda)) == 0)
      rule = 6007;
    else if (rc == 1) {
      if ((rc = pod_escrow_account_decode(&e, a.data, a.data_sz)) != POD_OK)
        rc = decode_failed(c, &pda, "escrow", rc);
      else if (e.amount < ca->fee_per_message)
        rule = 6007;
      pod_client_account_free(&a);
    }
    if (rc > 0) rc = POD_OK;
  }
  if (rc == POD_OK && rule == POD_RULE_OK && priv) {
    pod_channel_invitation_t inv;
    if ((rc = pod_pda_invitation(&pda, NULL, channel, &c->signer)) != POD_OK)
      rc = pod_client__fail(c, rc, "no invitation address");
    else if ((rc = get_opt(c, &a, &pda)) == 0)
      rule = 6013;
    else if (rc == 1) {
      int64_t now = 0;
      if ((rc = pod_channel_invitation_decode(&inv, a.data, a.data_sz)) != POD_OK)
        rc = decode_failed(c, &pda, "invitation", rc);
      else if (inv.is_used || inv.is_accepted)
        rule = 6013;
      else if (c->ops->now(c, &now) == POD_OK && now > inv.expires_at)
        rule = 6002;
      c->err[0] = 0;
      pod_client_account_free(&a);
    }
    if (rc > 0) rc = POD_OK;
  }
  if (rc == POD_OK && rule != POD_RULE_OK) {
    rc = pod_client__refuse(c, POD_IX_JOIN_CHANNEL, rule);
    if (rule == 6007 || rule == 6013)
      hint(c, rc,
           rule == 6007 ? "deposit at least the channel's fee first (pod_escrow_deposit)"
                        : "the channel is private: ask a member for an invitation "
                          "(pod_channel_invite)");
  }
  pod_ix_t ix;
  if (rc == POD_OK)
    rc = pod_client__agent_sent(
        c, send_ix(c, sig, pod_ix_join_channel(&ix, &c->signer, channel, priv, paid), &ix,
                   POD_IX_JOIN_CHANNEL));
  pod_client__leave(c);
  return rc;
}

int pod_channel_leave(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *channel) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel != NULL, "pod_channel_leave: NULL channel");
  membership_t m;
  if (rc == POD_OK) rc = load_membership(c, &m, channel);
  if (rc == POD_OK && !m.member)
    rc = pod_client__fail(c, POD_ENOTFOUND, "not a member of this channel: nothing to leave");
  else if (rc == POD_OK && !m.p.is_active)
    rc = pod_client__refuse(c, POD_IX_LEAVE_CHANNEL, 6006);
  pod_ix_t ix;
  if (rc == POD_OK)
    rc = pod_client__agent_sent(c, send_ix(c, sig, pod_ix_leave_channel(&ix, &c->signer, channel),
                                           &ix, POD_IX_LEAVE_CHANNEL));
  pod_client__leave(c);
  return rc;
}

int pod_channel_broadcast(pod_pubkey_t *message, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                          const pod_pubkey_t *channel, const char *content, size_t len,
                          pod_message_type_t type, const pod_pubkey_t *reply_to) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel && (content || !len),
                       "pod_channel_broadcast: NULL channel or content");
  if (rc == POD_OK) {
    uint32_t rule =
        type.kind > POD_MSG_CUSTOM ? 102u : pod_validate_broadcast_message(content, len);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_BROADCAST_MESSAGE, rule);
  }
  membership_t m;
  if (rc == POD_OK) rc = load_membership(c, &m, channel);
  if (rc == POD_OK) {
    uint32_t rule = POD_RULE_OK;
    if (!m.ch.account.is_active) /* the channel's constraint comes first (Q1) */
      rule = 6001;
    else if (!m.member)
      rc = pod_client__fail(c, POD_ENOTFOUND,
                            "not a member of this channel: join it first (pod_channel_join)");
    else if (!m.p.is_active)
      rule = 6006;
    else {
      int64_t now = 0;
      if (c->ops->now(c, &now) == POD_OK) {
        pod_rate_state_t st = {m.p.last_message_at, m.p.messages_sent};
        rule = pod_rule_rate_limit(&st, now, 1);
      }
      c->err[0] = 0;
    }
    if (rc == POD_OK && rule != POD_RULE_OK) {
      rc = pod_client__refuse(c, POD_IX_BROADCAST_MESSAGE, rule);
      if (rule == 6001)
        hint(c, rc,
             "the channel is inactive (v1 channels start inactive: its creator must "
             "update_channel(is_active = true))");
    }
  }
  if (rc == POD_OK) {
    pod_ix_broadcast_message_args_t a;
    memset(&a, 0, sizeof a);
    a.content = (pod_str_t){content, len};
    a.message_type = type;
    a.has_reply_to = reply_to != NULL;
    if (reply_to) a.reply_to = *reply_to;
    a.nonce = next_nonce();
    pod_ix_t ix;
    int built = pod_ix_broadcast_message(&ix, &c->signer, channel, &a);
    if (built == POD_OK && message) *message = ix.metas[3].pubkey;
    rc = pod_client__agent_sent(c, send_ix(c, sig, built, &ix, POD_IX_BROADCAST_MESSAGE));
  }
  pod_client__leave(c);
  return rc;
}

int pod_channel_invite(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *channel,
                       const pod_pubkey_t *invitee) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel && invitee, "pod_channel_invite: NULL channel or invitee");
  membership_t m;
  int creator = 0;
  if (rc == POD_OK) rc = load_membership(c, &m, channel);
  if (rc == POD_OK) {
    /* The creator invites as such; anyone else as an active participant. */
    creator = pod_pubkey_eq(&m.ch.account.creator, &c->signer);
    if (!creator && !m.member)
      rc = pod_client__refuse(c, POD_IX_INVITE_TO_CHANNEL, 6001);
    else if (!creator && !m.p.is_active)
      rc = pod_client__refuse(c, POD_IX_INVITE_TO_CHANNEL, 6006);
  }
  pod_pubkey_t ipda;
  if (rc == POD_OK) {
    if ((rc = pod_pda_invitation(&ipda, NULL, channel, invitee)) != POD_OK)
      rc = pod_client__fail(c, rc, "no invitation address");
    else {
      int r = exists(c, &ipda);
      if (r == 1)
        rc = pod_client__fail(c, POD_EEXIST,
                              "this wallet was already invited to this channel (one invitation "
                              "per invitee per channel forever, Q12)");
      else if (r < 0)
        rc = r;
    }
  }
  if (rc == POD_OK) {
    pod_ix_invite_to_channel_args_t a;
    a.invitee = *invitee;
    a.nonce = next_nonce();
    pod_ix_t ix;
    rc = pod_client__agent_sent(
        c, send_ix(c, sig, pod_ix_invite_to_channel(&ix, &c->signer, channel, !creator, &a), &ix,
                   POD_IX_INVITE_TO_CHANNEL));
  }
  pod_client__leave(c);
  return rc;
}

void pod_participant_list_free(pod_participant_t *list) { free(list); }

int pod_channel_participants(pod_participant_t **out, size_t *n, pod_client *c,
                             const pod_pubkey_t *channel, int active_only) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n || !channel)
               ? pod_client__fail(c, POD_EINVAL, "pod_channel_participants: NULL argument")
               : POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  static const uint8_t one = 1;
  if (rc == POD_OK) {
    pod_memcmp_t m[2] = {{POD_PARTICIPANT_CHANNEL_OFF, channel->b, 32},
                         {POD_PARTICIPANT_IS_ACTIVE_OFF, &one, 1}};
    rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_PARTICIPANT, m, active_only ? 2 : 1);
  }
  void *list = NULL;
  rc = pod_client__decode_list(&list, &k, c, rc, accts, cnt, sizeof(pod_participant_t),
                               participant_rec, NULL);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

void pod_channel_message_list_free(pod_channel_message_rec_t *list) { free(list); }

static int cmp_msg(const void *a, const void *b) {
  const pod_channel_message_rec_t *x = a, *y = b;
  if (x->account.created_at != y->account.created_at)
    return x->account.created_at < y->account.created_at ? -1 : 1;
  return memcmp(x->address.b, y->address.b, 32);
}

int pod_channel_messages(pod_channel_message_rec_t **out, size_t *n, pod_client *c,
                         const pod_pubkey_t *channel) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n || !channel)
               ? pod_client__fail(c, POD_EINVAL, "pod_channel_messages: NULL argument")
               : POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  if (rc == POD_OK) {
    pod_memcmp_t m = {POD_CHANNEL_MESSAGE_CHANNEL_OFF, channel->b, 32};
    rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_CHANNEL_MESSAGE, &m, 1);
  }
  void *p = NULL;
  rc = pod_client__decode_list(&p, &k, c, rc, accts, cnt, sizeof(pod_channel_message_rec_t),
                               channel_message_rec, NULL);
  pod_channel_message_rec_t *list = p;
  if (rc == POD_OK) {
    /* qsort moves records: re-point each content view into its own copy afterwards */
    if (k > 1) qsort(list, k, sizeof *list, cmp_msg); /* list is NULL when k = 0 */
    for (size_t i = 0; i < k; i++)
      pod_channel_message_decode(&list[i].account, list[i].data, list[i].data_sz);
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

/* =============================== escrow =============================== */

static int escrow_read(pod_client *c, pod_escrow_t *out, const pod_pubkey_t *channel,
                       const pod_pubkey_t *depositor) {
  memset(out, 0, sizeof *out);
  int rc = pod_pda_escrow(&out->address, NULL, channel, depositor);
  if (rc != POD_OK) return pod_client__fail(c, rc, "no escrow address");
  pod_client_account_t a;
  rc = read_acct(c, &a, &out->address, "escrow",
                 "deposit first (pod_escrow_deposit): one escrow per depositor and channel");
  if (rc == POD_OK) {
    rc = pod_escrow_account_decode(&out->account, a.data, a.data_sz);
    if (rc != POD_OK) rc = decode_failed(c, &out->address, "escrow", rc);
  }
  pod_client_account_free(&a);
  return rc;
}

int pod_escrow_deposit(pod_pubkey_t *escrow, char sig[POD_CLIENT_SIG_SZ], pod_client *c,
                       const pod_pubkey_t *channel, uint64_t amount) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel != NULL, "pod_escrow_deposit: NULL channel");
  if (rc == POD_OK) {
    uint32_t rule = pod_validate_deposit_escrow(amount);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_DEPOSIT_ESCROW, rule);
  }
  pod_channel_t ch;
  pod_ix_t ix;
  if (rc == POD_OK) rc = channel_get(c, &ch, channel);
  if (rc == POD_OK) {
    pod_ix_deposit_escrow_args_t a = {amount};
    rc = pod_ix_deposit_escrow(&ix, &c->signer, channel, &a);
    if (rc != POD_OK) rc = build_failed(c, rc, "deposit_escrow");
  }
  if (rc == POD_OK) {
    int r = exists(c, &ix.metas[0].pubkey);
    if (r == 1)
      rc = pod_client__fail(c, POD_EEXIST,
                            "this wallet already has an escrow for this channel: deposits cannot "
                            "be topped up (one escrow per depositor per channel, Q12)");
    else if (r < 0)
      rc = r;
  }
  if (rc == POD_OK) {
    if (escrow) *escrow = ix.metas[0].pubkey;
    rc = pod_client__send(c, sig, &ix.ix, 1);
  }
  pod_client__leave(c);
  return rc;
}

int pod_escrow_withdraw(char sig[POD_CLIENT_SIG_SZ], pod_client *c, const pod_pubkey_t *channel,
                        uint64_t amount) {
  if (sig) sig[0] = 0;
  POD_CLIENT_GUARD(c);
  int rc = write_start(c, channel != NULL, "pod_escrow_withdraw: NULL channel");
  pod_escrow_t e;
  if (rc == POD_OK) rc = escrow_read(c, &e, channel, &c->signer);
  if (rc == POD_OK) {
    uint32_t rule = pod_validate_withdraw_escrow(amount, e.account.amount);
    if (rule != POD_RULE_OK) rc = pod_client__refuse(c, POD_IX_WITHDRAW_ESCROW, rule);
  }
  if (rc == POD_OK) {
    pod_ix_withdraw_escrow_args_t a = {amount};
    pod_ix_t ix;
    rc = send_ix(c, sig, pod_ix_withdraw_escrow(&ix, &c->signer, channel, &a), &ix,
                 POD_IX_WITHDRAW_ESCROW);
  }
  pod_client__leave(c);
  return rc;
}

int pod_escrow_get(pod_escrow_t *out, pod_client *c, const pod_pubkey_t *channel,
                   const pod_pubkey_t *depositor) {
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  if (!out || !channel)
    rc = pod_client__fail(c, POD_EINVAL, "pod_escrow_get: NULL argument");
  else if (!depositor && (rc = need_signer(c)) != POD_OK) {
  } else
    rc = escrow_read(c, out, channel, depositor ? depositor : &c->signer);
  pod_client__leave(c);
  return rc;
}

void pod_escrow_list_free(pod_escrow_t *list) { free(list); }

int pod_escrow_list(pod_escrow_t **out, size_t *n, pod_client *c, const pod_pubkey_t *depositor,
                    const pod_pubkey_t *channel) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc =
      (!out || !n) ? pod_client__fail(c, POD_EINVAL, "pod_escrow_list: NULL argument") : POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  if (rc == POD_OK) {
    pod_memcmp_t m[2];
    size_t mc = 0;
    if (channel) m[mc++] = (pod_memcmp_t){POD_ESCROW_CHANNEL_OFF, channel->b, 32};
    if (depositor) m[mc++] = (pod_memcmp_t){POD_ESCROW_DEPOSITOR_OFF, depositor->b, 32};
    rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_ESCROW, m, mc);
  }
  void *list = NULL;
  rc =
      pod_client__decode_list(&list, &k, c, rc, accts, cnt, sizeof(pod_escrow_t), escrow_rec, NULL);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}
