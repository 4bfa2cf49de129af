/* Discovery (discovery.h): agent search, recommendations and trending channels, computed in the
 * client from the program's accounts. The scoring is documented in docs/SDK.md ("Discovery"):
 * integer scores and total orders, so that the same ledger always gives the same answer. */
#include <stdlib.h>
#include <string.h>

#include "discovery_int.h"

#define DAY_SECS 86400
#define WEEK_SECS (7 * DAY_SECS)

static int popcount64(uint64_t x) {
  int n = 0;
  for (; x; x &= x - 1)
    n++;
  return n;
}

int pod_client__agent_rec(pod_agent_t *out, const pod_client_account_t *a) {
  memset(out, 0, sizeof *out);
  if (!pod_pubkey_eq(&a->owner, &pod_program_id) || a->data_sz > sizeof out->data)
    return POD_EDECODE;
  out->address = a->key;
  memcpy(out->data, a->data, a->data_sz);
  out->data_sz = a->data_sz;
  return pod_agent_account_decode(&out->account, out->data, out->data_sz) == POD_OK ? POD_OK
                                                                                    : POD_EDECODE;
}

int64_t pod_client__since(int64_t now, int64_t secs) {
  if (secs >= 0) return now < INT64_MIN + secs ? INT64_MIN : now - secs;
  return now > INT64_MAX + secs ? INT64_MAX : now - secs;
}

static int cmp_u64_desc(uint64_t a, uint64_t b) { return a == b ? 0 : (a > b ? -1 : 1); }
static int cmp_i64_desc(int64_t a, int64_t b) { return a == b ? 0 : (a > b ? -1 : 1); }

static int cmp_agent_match(const void *pa, const void *pb) {
  const pod_agent_match_t *a = pa, *b = pb;
  int r = cmp_u64_desc(a->score, b->score);
  if (!r) r = cmp_u64_desc(a->agent.account.reputation, b->agent.account.reputation);
  if (!r) r = cmp_i64_desc(a->agent.account.last_updated, b->agent.account.last_updated);
  return r ? r : memcmp(a->agent.address.b, b->agent.address.b, 32);
}

void pod_client__agent_matches_sort(pod_agent_match_t *m, size_t n) {
  if (n > 1) qsort(m, n, sizeof *m, cmp_agent_match);
  for (size_t i = 0; i < n; i++) /* qsort moved the records: their views point elsewhere */
    pod_agent_account_decode(&m[i].agent.account, m[i].agent.data, m[i].agent.data_sz);
}

void pod_client__channels_repoint(pod_channel_t *ch, size_t stride, size_t n) {
  for (size_t i = 0; i < n; i++) {
    pod_channel_t *x = (pod_channel_t *)((char *)ch + i * stride);
    pod_channel_account_decode(&x->account, x->data, x->data_sz);
  }
}

/* Every agent (prefix: a memcmp on the metadata URI's first bytes, NULL: none), as matches with
 * score 0. */
static int fetch_agents(pod_client *c, pod_agent_match_t **out, size_t *n, const char *prefix) {
  pod_memcmp_t m = {0, NULL, 0};
  size_t pl = prefix ? strlen(prefix) : 0;
  if (pl)
    m = (pod_memcmp_t){POD_AGENT_METADATA_URI_OFF, (const uint8_t *)prefix,
                       pl < POD_MEMCMP_MAX ? pl : POD_MEMCMP_MAX};
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  *out = NULL;
  *n = 0;
  int rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_AGENT, &m, pl ? 1 : 0);
  pod_agent_match_t *list = NULL;
  if (rc == POD_OK && cnt) {
    list = pod_client__alloc(cnt, sizeof *list);
    if (!list) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    for (size_t i = 0; rc == POD_OK && i < cnt; i++)
      if (pod_client__agent_rec(&list[k].agent, &accts[i]) == POD_OK) k++;
  }
  pod_client_accounts_free(accts, cnt);
  list = pod_client__list_keep(list, &k, rc);
  *out = list;
  *n = k;
  return rc;
}

/* Sorts, cuts to limit, and hands the list over (NULL when empty). */
static void finish_agents(pod_agent_match_t **out, size_t *n, pod_agent_match_t *list, size_t k,
                          size_t limit) {
  pod_client__agent_matches_sort(list, k);
  if (limit && k > limit) k = limit;
  *out = pod_client__list_keep(list, &k, POD_OK);
  *n = k;
}

static int uri_has(const pod_str_t *u, const char *needle) {
  size_t nl = strlen(needle);
  if (!nl) return 1;
  for (size_t i = 0; nl <= u->len && i <= u->len - nl; i++)
    if (!memcmp(u->ptr + i, needle, nl)) return 1;
  return 0;
}

int pod_discover_agents(pod_agent_match_t **out, size_t *n, pod_client *c,
                        const pod_agent_query_t *q) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  pod_agent_query_t all = POD_AGENT_QUERY_INIT;
  if (!q) q = &all;
  int rc = POD_OK;
  if (!out || !n)
    rc = pod_client__fail(c, POD_EINVAL, "pod_discover_agents: NULL argument");
  else if (q->version != POD_AGENT_QUERY_VERSION)
    rc = pod_client__fail(c, POD_EINVAL, "pod_agent_query_t version %u: this library knows %u",
                          (unsigned)q->version, (unsigned)POD_AGENT_QUERY_VERSION);
  else if (q->uri_prefix && strlen(q->uri_prefix) > 200)
    rc = pod_client__fail(c, POD_EINVAL,
                          "uri_prefix is over 200 bytes: no metadata URI is that long");
  pod_agent_match_t *list = NULL;
  size_t cnt = 0, k = 0;
  if (rc == POD_OK) rc = fetch_agents(c, &list, &cnt, q->uri_prefix);
  for (size_t i = 0; rc == POD_OK && i < cnt; i++) {
    const pod_agent_account_t *a = &list[i].agent.account;
    size_t pl = q->uri_prefix ? strlen(q->uri_prefix) : 0;
    if ((a->capabilities & q->caps_all) != q->caps_all) continue;
    if (q->caps_any && !(a->capabilities & q->caps_any)) continue;
    if (pl && (a->metadata_uri.len < pl || memcmp(a->metadata_uri.ptr, q->uri_prefix, pl)))
      continue;
    if (q->uri_contains && !uri_has(&a->metadata_uri, q->uri_contains)) continue;
    if (a->reputation < q->min_reputation) continue;
    if (q->active_since && a->last_updated < q->active_since) continue;
    if (k != i) {
      memcpy(&list[k], &list[i], sizeof *list);
      pod_agent_account_decode(&list[k].agent.account, list[k].agent.data, list[k].agent.data_sz);
    }
    int shared = popcount64(list[k].agent.account.capabilities & (q->caps_any | q->caps_all));
    list[k].shared_caps = (uint32_t)shared;
    uint64_t bits = 100u * (uint64_t)popcount64(list[k].agent.account.capabilities & q->caps_any);
    uint64_t rep = list[k].agent.account.reputation;
    list[k].score = rep > UINT64_MAX - bits ? UINT64_MAX : bits + rep; /* saturated */
    k++;
  }
  if (rc == POD_OK)
    finish_agents(out, n, list, k, q->limit);
  else
    free(list);
  pod_client__leave(c);
  return rc;
}

/* The agent of wallet (NULL: the signer): its PDA and account. */
static int subject(pod_client *c, pod_agent_t *me, const pod_pubkey_t *wallet) {
  if (!wallet && !c->has_signer)
    return pod_client__fail(c, POD_EINVAL,
                            "no wallet given and this client has no signer: say whose "
                            "recommendations you want");
  const pod_pubkey_t *w = wallet ? wallet : &c->signer;
  pod_pubkey_t pda;
  int rc = pod_pda_agent(&pda, NULL, w);
  if (rc != POD_OK) return pod_client__fail(c, rc, "no agent address for this wallet");
  pod_client_account_t a;
  memset(&a, 0, sizeof a);
  rc = c->ops->get_account(c, &pda, &a);
  if (rc == POD_ENOTFOUND) return pod_client__agent_missing(c, w);
  if (rc == POD_OK && pod_client__agent_rec(me, &a) != POD_OK) {
    char b58[POD_PUBKEY_B58_SZ];
    rc = pod_client__fail(c, POD_EDECODE, "%s is not a PoD agent account",
                          pod_pubkey_to_base58(b58, &pda));
  }
  pod_client_account_free(&a);
  return rc;
}

int pod_discover_recommend_agents(pod_agent_match_t **out, size_t *n, pod_client *c,
                                  const pod_pubkey_t *wallet, size_t limit) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n)
               ? pod_client__fail(c, POD_EINVAL, "pod_discover_recommend_agents: NULL argument")
               : POD_OK;
  pod_agent_t me;
  int64_t now = 0;
  if (rc == POD_OK) rc = subject(c, &me, wallet);
  if (rc == POD_OK) rc = c->ops->now(c, &now);
  pod_agent_match_t *list = NULL;
  size_t cnt = 0, k = 0;
  if (rc == POD_OK) rc = fetch_agents(c, &list, &cnt, NULL);
  for (size_t i = 0; rc == POD_OK && i < cnt; i++) {
    const pod_agent_account_t *a = &list[i].agent.account;
    int shared = popcount64(a->capabilities & me.account.capabilities);
    if (!shared || pod_pubkey_eq(&list[i].agent.address, &me.address)) continue;
    uint64_t rep = a->reputation < 1000 ? a->reputation : 1000;
    uint64_t recency = a->last_updated >= pod_client__since(now, DAY_SECS)    ? 50
                       : a->last_updated >= pod_client__since(now, WEEK_SECS) ? 20
                                                                              : 0;
    uint64_t score = 100u * (uint64_t)shared + rep / 10 + recency;
    if (k != i) {
      memcpy(&list[k], &list[i], sizeof *list);
      pod_agent_account_decode(&list[k].agent.account, list[k].agent.data, list[k].agent.data_sz);
    }
    list[k].shared_caps = (uint32_t)shared;
    list[k].score = score;
    k++;
  }
  if (rc == POD_OK)
    finish_agents(out, n, list, k, limit);
  else
    free(list);
  pod_client__leave(c);
  return rc;
}

void pod_agent_match_list_free(pod_agent_match_t *list) { free(list); }
void pod_channel_match_list_free(pod_channel_match_t *list) { free(list); }

/* ---- channels ---- */

static int cmp_key(const void *a, const void *b) { return memcmp(a, b, 32); }

/* Every channel as matches sorted by address (so that the channel of a record is found with
 * bsearch on its key: the address is the first member of both structs). */
static int fetch_channels(pod_client *c, pod_channel_match_t **out, size_t *n) {
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  *out = NULL;
  *n = 0;
  int rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_CHANNEL, NULL, 0);
  pod_channel_match_t *list = NULL;
  if (rc == POD_OK && cnt) {
    list = pod_client__alloc(cnt, sizeof *list);
    if (!list) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    for (size_t i = 0; rc == POD_OK && i < cnt; i++)
      if (pod_client__channel_decode(c, &list[k].channel, &accts[i]) == POD_OK) k++;
    c->err[0] = 0;
  }
  pod_client_accounts_free(accts, cnt);
  list = pod_client__list_keep(list, &k, rc);
  if (k) {
    qsort(list, k, sizeof *list, cmp_key);
    pod_client__channels_repoint(&list[0].channel, sizeof *list, k);
  }
  *out = list;
  *n = k;
  return rc;
}

static pod_channel_match_t *find_channel(pod_channel_match_t *list, size_t n,
                                         const pod_pubkey_t *key) {
  return n ? bsearch(key, list, n, sizeof *list, cmp_key) : NULL;
}

/* The decoded participant records of the program (all of them). */
static int fetch_participants(pod_client *c, pod_channel_participant_t **out, size_t *n) {
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  *out = NULL;
  *n = 0;
  int rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_PARTICIPANT, NULL, 0);
  pod_channel_participant_t *list = NULL;
  if (rc == POD_OK && cnt) {
    list = pod_client__alloc(cnt, sizeof *list);
    if (!list) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    for (size_t i = 0; rc == POD_OK && i < cnt; i++)
      if (pod_channel_participant_decode(&list[k], accts[i].data, accts[i].data_sz) == POD_OK) k++;
  }
  pod_client_accounts_free(accts, cnt);
  *out = pod_client__list_keep(list, &k, rc);
  *n = k;
  return rc;
}

static int cmp_trending(const void *pa, const void *pb) {
  const pod_channel_match_t *a = pa, *b = pb;
  int r = cmp_u64_desc(a->score, b->score);
  if (!r) r = cmp_i64_desc(a->last_activity, b->last_activity);
  return r ? r : memcmp(a->channel.address.b, b->channel.address.b, 32);
}

static int cmp_recommend(const void *pa, const void *pb) {
  const pod_channel_match_t *a = pa, *b = pb;
  int r = cmp_u64_desc(a->score, b->score);
  if (!r) r = cmp_u64_desc(a->active_participants, b->active_participants);
  if (!r) r = cmp_i64_desc(a->channel.account.created_at, b->channel.account.created_at);
  return r ? r : memcmp(a->channel.address.b, b->channel.address.b, 32);
}

/* Keeps the matches with keep[i], sorts them with cmp, cuts to limit, hands them over (NULL when
 * none is left). */
static void finish_channels(pod_channel_match_t **out, size_t *n, pod_channel_match_t *list,
                            size_t cnt, const unsigned char *keep, size_t limit,
                            int (*cmp)(const void *, const void *)) {
  size_t k = 0;
  for (size_t i = 0; i < cnt; i++)
    if (keep[i]) {
      if (k != i) memcpy(&list[k], &list[i], sizeof *list);
      k++;
    }
  if (k > 1) qsort(list, k, sizeof *list, cmp);
  if (limit && k > limit) k = limit;
  pod_client__channels_repoint(k ? &list[0].channel : NULL, sizeof *list, k);
  *out = pod_client__list_keep(list, &k, POD_OK);
  *n = k;
}

static int cmp_agent_key(const void *a, const void *b) {
  return memcmp(a, &((const pod_agent_match_t *)b)->agent.address, 32);
}
static int cmp_agent_addr(const void *a, const void *b) {
  return memcmp(&((const pod_agent_match_t *)a)->agent.address,
                &((const pod_agent_match_t *)b)->agent.address, 32);
}

int pod_discover_recommend_channels(pod_channel_match_t **out, size_t *n, pod_client *c,
                                    const pod_pubkey_t *wallet, size_t limit) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n)
               ? pod_client__fail(c, POD_EINVAL, "pod_discover_recommend_channels: NULL argument")
               : POD_OK;
  pod_agent_t me;
  pod_channel_match_t *ch = NULL;
  pod_channel_participant_t *ps = NULL;
  pod_agent_match_t *ag = NULL;
  pod_pubkey_t *comembers = NULL;
  unsigned char *mine = NULL, *keep = NULL;
  size_t nch = 0, nps = 0, nag = 0, ncm = 0;
  if (rc == POD_OK) rc = subject(c, &me, wallet);
  if (rc == POD_OK) rc = fetch_channels(c, &ch, &nch);
  if (rc == POD_OK) rc = fetch_participants(c, &ps, &nps);
  if (rc == POD_OK) rc = fetch_agents(c, &ag, &nag, NULL);
  if (rc == POD_OK && nch) {
    mine = pod_client__alloc(nch, 2); /* [0, nch): has a record; [nch, 2 nch): active in it */
    keep = pod_client__alloc(nch, 1);
    comembers = pod_client__alloc(nps ? nps : 1, sizeof *comembers);
    if (!mine || !keep || !comembers) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  }
  if (rc == POD_OK && nch) {
    /* the channels of this agent */
    for (size_t i = 0; i < nps; i++) {
      pod_channel_match_t *x = find_channel(ch, nch, &ps[i].channel);
      if (!x || !pod_pubkey_eq(&ps[i].participant, &me.address)) continue;
      size_t j = (size_t)(x - ch);
      mine[j] = 1;
      if (ps[i].is_active) mine[nch + j] = 1;
    }
    /* its co-members: active where it is active */
    for (size_t i = 0; i < nps; i++) {
      pod_channel_match_t *x = find_channel(ch, nch, &ps[i].channel);
      if (x && ps[i].is_active && mine[nch + (size_t)(x - ch)] &&
          !pod_pubkey_eq(&ps[i].participant, &me.address))
        comembers[ncm++] = ps[i].participant;
    }
    if (ncm > 1) qsort(comembers, ncm, sizeof *comembers, cmp_key);
    if (nag > 1) qsort(ag, nag, sizeof *ag, cmp_agent_addr);
    /* the weights of each channel's active participants */
    for (size_t i = 0; i < nps; i++) {
      pod_channel_match_t *x = find_channel(ch, nch, &ps[i].channel);
      if (!x || !ps[i].is_active) continue;
      x->active_participants++;
      if (pod_pubkey_eq(&ps[i].participant, &me.address)) continue;
      uint64_t w = 0;
      if (ncm && bsearch(&ps[i].participant, comembers, ncm, sizeof *comembers, cmp_key)) w += 2;
      const pod_agent_match_t *a =
          nag ? bsearch(&ps[i].participant, ag, nag, sizeof *ag, cmp_agent_key) : NULL;
      if (a && (a->agent.account.capabilities & me.account.capabilities)) w += 1;
      if (w) {
        x->score += w;
        x->peers++;
      }
    }
    for (size_t j = 0; j < nch; j++) {
      const pod_channel_account_t *a = &ch[j].channel.account;
      keep[j] = ch[j].score > 0 && !mine[j] && a->is_active &&
                a->visibility == POD_VISIBILITY_PUBLIC &&
                a->current_participants < a->max_participants;
    }
  }
  if (rc == POD_OK && nch)
    finish_channels(out, n, ch, nch, keep, limit, cmp_recommend);
  else
    free(ch);
  free(ps);
  free(ag);
  free(comembers);
  free(mine);
  free(keep);
  pod_client__leave(c);
  return rc;
}

int pod_discover_trending_channels(pod_channel_match_t **out, size_t *n, pod_client *c,
                                   int64_t window_secs, size_t limit) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n || window_secs < 0)
               ? pod_client__fail(c, POD_EINVAL,
                                  "pod_discover_trending_channels: NULL argument or negative "
                                  "window")
               : POD_OK;
  if (window_secs == 0) window_secs = DAY_SECS;
  int64_t now = 0;
  pod_channel_match_t *ch = NULL;
  pod_channel_participant_t *ps = NULL;
  pod_client_account_t *msgs = NULL;
  unsigned char *keep = NULL;
  size_t nch = 0, nps = 0, nmsg = 0;
  if (rc == POD_OK) rc = c->ops->now(c, &now);
  if (rc == POD_OK) rc = fetch_channels(c, &ch, &nch);
  if (rc == POD_OK && nch) rc = fetch_participants(c, &ps, &nps);
  if (rc == POD_OK && nch) rc = pod_client__gpa(c, &msgs, &nmsg, POD_ACCT_CHANNEL_MESSAGE, NULL, 0);
  if (rc == POD_OK && nch && !(keep = pod_client__alloc(nch, 1)))
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  int64_t since = pod_client__since(now, window_secs);
  if (rc == POD_OK && nch) {
    for (size_t i = 0; i < nmsg; i++) {
      pod_channel_message_t m;
      if (pod_channel_message_decode(&m, msgs[i].data, msgs[i].data_sz) != POD_OK) continue;
      pod_channel_match_t *x = find_channel(ch, nch, &m.channel);
      if (!x) continue;
      if (m.created_at >= since) x->recent_broadcasts++;
      if (m.created_at > x->last_activity) x->last_activity = m.created_at;
    }
    for (size_t i = 0; i < nps; i++) {
      pod_channel_match_t *x = find_channel(ch, nch, &ps[i].channel);
      if (!x) continue;
      if (ps[i].is_active) x->active_participants++;
      if (ps[i].joined_at >= since) x->recent_joins++;
      if (ps[i].joined_at > x->last_activity) x->last_activity = ps[i].joined_at;
    }
    for (size_t j = 0; j < nch; j++) {
      pod_channel_match_t *x = &ch[j];
      x->score = 3u * (uint64_t)x->recent_broadcasts + 2u * (uint64_t)x->recent_joins +
                 x->active_participants;
      keep[j] = x->channel.account.is_active && (x->recent_broadcasts || x->recent_joins);
    }
  }
  if (rc == POD_OK && nch)
    finish_channels(out, n, ch, nch, keep, limit, cmp_trending);
  else
    free(ch);
  free(ps);
  pod_client_accounts_free(msgs, nmsg);
  free(keep);
  pod_client__leave(c);
  return rc;
}
