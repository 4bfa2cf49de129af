/* Analytics (discovery.h): counts and activity computed from the program's accounts at the
 * cluster's time, and throughput from the node's performance samples. Nothing is estimated. */
#include <stdlib.h>
#include <string.h>

#include "discovery_int.h"

#define HOUR_SECS 3600
#define DAY_SECS 86400

/* Fetches every account of kind and calls fn(user, data, len) for each. */
static int each(pod_client *c, int kind, void (*fn)(void *, const uint8_t *, size_t), void *user) {
  pod_client_account_t *accts = NULL;
  size_t cnt = 0;
  int rc = pod_client__gpa(c, &accts, &cnt, kind, NULL, 0);
  for (size_t i = 0; rc == POD_OK && i < cnt; i++)
    fn(user, accts[i].data, accts[i].data_sz);
  pod_client_accounts_free(accts, cnt);
  return rc;
}

static int within(int64_t t, int64_t now, int64_t secs) {
  return t >= pod_client__since(now, secs);
}

static void on_agent(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_agent_account_t a;
  if (pod_agent_account_decode(&a, d, n) != POD_OK) return;
  s->agents++;
  s->reputation_total += a.reputation;
  if (within(a.last_updated, s->now, DAY_SECS)) s->agents_active_day++;
}

static void on_message(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_message_account_t m;
  if (pod_message_account_decode(&m, d, n) != POD_OK) return;
  s->messages++;
  if (m.status < 4) s->messages_by_status[m.status]++;
  if ((unsigned)m.message_type.kind < 5) s->messages_by_type[m.message_type.kind]++;
  if (pod_message_is_expired(&m, s->now)) s->messages_expired++;
  if (within(m.created_at, s->now, HOUR_SECS)) s->messages_last_hour++;
  if (within(m.created_at, s->now, DAY_SECS)) s->messages_last_day++;
}

static void on_channel(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_channel_account_t ch;
  if (pod_channel_account_decode(&ch, d, n) != POD_OK) return;
  s->channels++;
  if (ch.visibility == POD_VISIBILITY_PRIVATE)
    s->channels_private++;
  else
    s->channels_public++;
  if (ch.is_active) s->channels_active++;
  s->channel_escrow_balance += ch.escrow_balance;
}

static void on_participant(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_channel_participant_t p;
  if (pod_channel_participant_decode(&p, d, n) != POD_OK) return;
  s->participants++;
  if (p.is_active) s->participants_active++;
}

static void on_invitation(void *u, const uint8_t *d, size_t n) {
  pod_channel_invitation_t v;
  if (pod_channel_invitation_decode(&v, d, n) == POD_OK) ((pod_analytics_t *)u)->invitations++;
}

static void on_broadcast(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_channel_message_t m;
  if (pod_channel_message_decode(&m, d, n) != POD_OK) return;
  s->broadcasts++;
  if (within(m.created_at, s->now, HOUR_SECS)) s->broadcasts_last_hour++;
  if (within(m.created_at, s->now, DAY_SECS)) s->broadcasts_last_day++;
}

static void on_escrow(void *u, const uint8_t *d, size_t n) {
  pod_analytics_t *s = u;
  pod_escrow_account_t e;
  if (pod_escrow_account_decode(&e, d, n) != POD_OK) return;
  s->escrows++;
  s->escrow_lamports += e.amount;
}

int pod_analytics_summary(pod_analytics_t *out, pod_client *c) {
  POD_CLIENT_GUARD(c);
  int rc = out ? POD_OK : pod_client__fail(c, POD_EINVAL, "pod_analytics_summary: NULL out");
  pod_analytics_t s;
  memset(&s, 0, sizeof s);
  if (rc == POD_OK) rc = c->ops->now(c, &s.now);
  if (rc == POD_OK) rc = each(c, POD_ACCT_AGENT, on_agent, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_MESSAGE, on_message, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_CHANNEL, on_channel, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_PARTICIPANT, on_participant, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_INVITATION, on_invitation, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_CHANNEL_MESSAGE, on_broadcast, &s);
  if (rc == POD_OK) rc = each(c, POD_ACCT_ESCROW, on_escrow, &s);
  if (rc == POD_OK) *out = s;
  pod_client__leave(c);
  return rc;
}

/* ---- per channel ---- */

static int cmp_key(const void *a, const void *b) { return memcmp(a, b, 32); }

static int cmp_stats(const void *pa, const void *pb) {
  const pod_channel_stats_t *a = pa, *b = pb;
  if (a->broadcasts != b->broadcasts) return a->broadcasts > b->broadcasts ? -1 : 1;
  if (a->active_participants != b->active_participants)
    return a->active_participants > b->active_participants ? -1 : 1;
  return memcmp(a->channel.address.b, b->channel.address.b, 32);
}

void pod_channel_stats_list_free(pod_channel_stats_t *list) { free(list); }

int pod_analytics_channels(pod_channel_stats_t **out, size_t *n, pod_client *c) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n) ? pod_client__fail(c, POD_EINVAL, "pod_analytics_channels: NULL argument")
                        : POD_OK;
  int64_t now = 0;
  pod_client_account_t *chs = NULL, *ps = NULL, *ms = NULL;
  size_t nch = 0, nps = 0, nms = 0, k = 0;
  pod_channel_stats_t *list = NULL;
  if (rc == POD_OK) rc = c->ops->now(c, &now);
  if (rc == POD_OK) rc = pod_client__gpa(c, &chs, &nch, POD_ACCT_CHANNEL, NULL, 0);
  if (rc == POD_OK && nch) rc = pod_client__gpa(c, &ps, &nps, POD_ACCT_PARTICIPANT, NULL, 0);
  if (rc == POD_OK && nch) rc = pod_client__gpa(c, &ms, &nms, POD_ACCT_CHANNEL_MESSAGE, NULL, 0);
  if (rc == POD_OK && nch && !(list = pod_client__alloc(nch, sizeof *list)))
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  for (size_t i = 0; rc == POD_OK && i < nch; i++)
    if (pod_client__channel_decode(c, &list[k].channel, &chs[i]) == POD_OK) k++;
  if (rc == POD_OK) c->err[0] = 0; /* an undecodable channel is skipped, not an error */
  if (rc == POD_OK && k) {
    /* by address, to find each record's channel */
    qsort(list, k, sizeof *list, cmp_key);
    for (size_t i = 0; i < nps; i++) {
      pod_channel_participant_t p;
      if (pod_channel_participant_decode(&p, ps[i].data, ps[i].data_sz) != POD_OK) continue;
      pod_channel_stats_t *x = bsearch(&p.channel, list, k, sizeof *list, cmp_key);
      if (!x) continue;
      x->participants++;
      if (p.is_active) x->active_participants++;
    }
    for (size_t i = 0; i < nms; i++) {
      pod_channel_message_t m;
      if (pod_channel_message_decode(&m, ms[i].data, ms[i].data_sz) != POD_OK) continue;
      pod_channel_stats_t *x = bsearch(&m.channel, list, k, sizeof *list, cmp_key);
      if (!x) continue;
      x->broadcasts++;
      if (within(m.created_at, now, DAY_SECS)) x->broadcasts_last_day++;
      if (m.created_at > x->last_broadcast_at) x->last_broadcast_at = m.created_at;
    }
    qsort(list, k, sizeof *list, cmp_stats);
    pod_client__channels_repoint(&list[0].channel, sizeof *list, k);
  }
  pod_client_accounts_free(chs, nch);
  pod_client_accounts_free(ps, nps);
  pod_client_accounts_free(ms, nms);
  list = pod_client__list_keep(list, &k, rc);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

/* ---- agents ---- */

int pod_analytics_top_agents(pod_agent_match_t **out, size_t *n, pod_client *c, size_t limit) {
  if (out) *out = NULL;
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = (!out || !n) ? pod_client__fail(c, POD_EINVAL, "pod_analytics_top_agents: NULL argument")
                        : POD_OK;
  pod_client_account_t *accts = NULL;
  size_t cnt = 0, k = 0;
  pod_agent_match_t *list = NULL;
  if (rc == POD_OK) rc = pod_client__gpa(c, &accts, &cnt, POD_ACCT_AGENT, NULL, 0);
  if (rc == POD_OK && cnt && !(list = pod_client__alloc(cnt, sizeof *list)))
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  for (size_t i = 0; rc == POD_OK && i < cnt; i++)
    if (pod_client__agent_rec(&list[k].agent, &accts[i]) == POD_OK) {
      list[k].score = list[k].agent.account.reputation;
      k++;
    }
  pod_client_accounts_free(accts, cnt);
  if (rc == POD_OK) {
    pod_client__agent_matches_sort(list, k);
    if (limit && k > limit) k = limit;
  }
  list = pod_client__list_keep(list, &k, rc);
  if (rc == POD_OK) {
    *out = list;
    *n = k;
  }
  pod_client__leave(c);
  return rc;
}

/* ---- performance samples ---- */

int pod_client_perf_samples(pod_perf_sample_t *out, size_t max, size_t *n, pod_client *c) {
  if (n) *n = 0;
  POD_CLIENT_GUARD(c);
  int rc = POD_OK;
  if (!n || (!out && max) || max > POD_PERF_SAMPLES_MAX)
    rc = pod_client__fail(c, POD_EINVAL, "pod_client_perf_samples: NULL argument or max over %u",
                          (unsigned)POD_PERF_SAMPLES_MAX);
  else if (!c->ops->perf_samples)
    rc = pod_client__fail(c, POD_EINVAL, "this transport has no performance samples");
  else
    rc = c->ops->perf_samples(c, out, max, n);
  pod_client__leave(c);
  return rc;
}

int pod_analytics_throughput(pod_throughput_t *out, pod_client *c, size_t samples) {
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  if (samples == 0) samples = 60;
  if (samples > POD_PERF_SAMPLES_MAX) samples = POD_PERF_SAMPLES_MAX;
  pod_perf_sample_t *s = pod_client__alloc(samples, sizeof *s);
  if (!s) return POD_ENOMEM;
  size_t n = 0;
  int rc = pod_client_perf_samples(s, samples, &n, c);
  for (size_t i = 0; rc == POD_OK && i < n; i++) {
    out->transactions += s[i].num_transactions;
    out->non_vote_transactions += s[i].num_non_vote_transactions;
    out->slots += s[i].num_slots;
    out->seconds += s[i].sample_period_secs;
  }
  if (rc == POD_OK) {
    out->samples = n;
    out->newest_slot = n ? s[0].slot : 0;
    if (out->seconds) {
      out->tps = (double)out->transactions / (double)out->seconds;
      out->non_vote_tps = (double)out->non_vote_transactions / (double)out->seconds;
      out->slots_per_sec = (double)out->slots / (double)out->seconds;
    }
  }
  free(s);
  return rc;
}
