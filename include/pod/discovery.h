/* Discovery and analytics over a pod_client (client.h): searches, recommendations, trending
 * channels and statistics, computed in the client from the program's real accounts
 * (getProgramAccounts with dataSize + memcmp filters at the offsets of accounts.h) and from the
 * node's performance samples. Nothing is estimated or made up: an empty ledger gives empty lists
 * and zero counts. The scoring formulas, tie-breaks and time windows are written down in
 * docs/SDK.md ("Discovery", "Analytics"); every score is an integer, and every order is total
 * (the last tie-break is the account address), so the same ledger gives the same answer.
 *
 * Time: "now" is the cluster's clock (pod_client_now), never the local one.
 * Lists: an allocated array (*out, *n) released with its _free (NULL when *n = 0); the records
 * hold their account bytes (see services.h: do not copy them by value). Errors: POD_EINVAL for
 * NULL arguments, POD_ENOTFOUND when the agent a recommendation is for is not registered, and the
 * transport's errors (message in pod_client_errmsg). */
#ifndef POD_DISCOVERY_H
#define POD_DISCOVERY_H

#include "services.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ============================== discovery ============================== */

/* One agent found, with its score (meaning per call, see each) and the number of capability bits
 * it shares with the query (search: with caps_any | caps_all; recommendations: with the agent the
 * recommendation is for). */
typedef struct {
  pod_agent_t agent;
  uint64_t score;
  uint32_t shared_caps;
} pod_agent_match_t;

/* An agent search. Every criterion left at its _INIT value does not filter. */
typedef struct {
  uint32_t version;         /* POD_AGENT_QUERY_VERSION */
  uint64_t caps_all;        /* every one of these capability bits */
  uint64_t caps_any;        /* at least one of these bits (0: no constraint) */
  const char *uri_prefix;   /* metadata_uri starts with this (a memcmp filter at offset 68) */
  const char *uri_contains; /* metadata_uri contains this substring (case-sensitive) */
  uint64_t min_reputation;  /* reputation >= this */
  int64_t active_since;     /* last_updated >= this unix time (0: any) */
  size_t limit;             /* at most this many results (0: all) */
} pod_agent_query_t;
#define POD_AGENT_QUERY_VERSION 1
#define POD_AGENT_QUERY_INIT                                                                       \
  { POD_AGENT_QUERY_VERSION, 0, 0, NULL, NULL, 0, 0, 0 }

/* The agents matching q (NULL: every agent). score = 100 * (bits of caps_any the agent has) +
 * reputation; order: score, then reputation, then last_updated (newest first), then address.
 * POD_EINVAL for an unknown q->version or a uri_prefix over 200 bytes. */
POD_API int pod_discover_agents(pod_agent_match_t **out, size_t *n, pod_client *c,
                                const pod_agent_query_t *q);
/* Agents for the agent of wallet (NULL: the signer) to talk to: the other agents sharing at least
 * one capability bit with it. score = 100 * shared bits + min(reputation, 1000) / 10 + recency,
 * recency = 50 if last_updated is within a day of now, 20 within a week, else 0. Order: score,
 * reputation, last_updated, address. At most limit (0: all). */
POD_API int pod_discover_recommend_agents(pod_agent_match_t **out, size_t *n, pod_client *c,
                                          const pod_pubkey_t *wallet, size_t limit);
POD_API void pod_agent_match_list_free(pod_agent_match_t *list);

/* One channel found, with the figures its score was computed from. */
typedef struct {
  pod_channel_t channel;
  uint64_t score;
  uint32_t active_participants; /* participant records with is_active */
  uint32_t peers;               /* recommendations: active participants that are peers */
  uint32_t recent_broadcasts;   /* trending: ChannelMessages created within the window */
  uint32_t recent_joins;        /* trending: participant records joined within the window */
  int64_t last_activity;        /* newest ChannelMessage created_at or joined_at (0: none) */
} pod_channel_match_t;

/* Channels for the agent of wallet (NULL: the signer) to join: active, public, not full channels
 * where it has no participant record (a record, even of a channel it left, means it can never
 * join again: Q12), in which its peers take part. A peer is another agent that is an active
 * participant of a channel where this agent is active (weight 2), or that shares a capability bit
 * with it (weight 1; both: 3). score = the sum of the weights of the channel's active
 * participants; channels scoring 0 are left out. Order: score, active participants, created_at
 * (newest first), address. At most limit (0: all). */
POD_API int pod_discover_recommend_channels(pod_channel_match_t **out, size_t *n, pod_client *c,
                                            const pod_pubkey_t *wallet, size_t limit);
/* Active channels with activity in the last window_secs of the cluster's clock (0: 86 400):
 * score = 3 * broadcasts created within the window + 2 * participants joined within it +
 * active participants; channels without a broadcast or a join in the window are left out.
 * Order: score, last_activity (newest first), address. At most limit (0: all). */
POD_API int pod_discover_trending_channels(pod_channel_match_t **out, size_t *n, pod_client *c,
                                           int64_t window_secs, size_t limit);
POD_API void pod_channel_match_list_free(pod_channel_match_t *list);

/* ============================== analytics ============================== */

/* Counts over every account of the program at one moment (`now`, the cluster's clock). */
typedef struct {
  int64_t now;
  uint64_t agents;
  uint64_t agents_active_day; /* last_updated within 86 400 s of now */
  uint64_t reputation_total;
  uint64_t messages;                              /* direct messages (MessageAccount) */
  uint64_t messages_by_status[4];                 /* POD_STATUS_PENDING .. _FAILED */
  uint64_t messages_by_type[5];                   /* POD_MSG_TEXT .. POD_MSG_CUSTOM */
  uint64_t messages_expired;                      /* now > expires_at */
  uint64_t messages_last_hour, messages_last_day; /* created_at within 3 600 / 86 400 s */
  uint64_t channels, channels_public, channels_private, channels_active;
  uint64_t participants, participants_active;
  uint64_t invitations;
  uint64_t broadcasts; /* ChannelMessage accounts */
  uint64_t broadcasts_last_hour, broadcasts_last_day;
  uint64_t escrows;
  uint64_t escrow_lamports;        /* sum of the escrows' amount */
  uint64_t channel_escrow_balance; /* sum of the channels' escrow_balance (fees booked, Q13) */
} pod_analytics_t;

/* The counts (7 getProgramAccounts, one per account type). */
POD_API int pod_analytics_summary(pod_analytics_t *out, pod_client *c);

/* Per-channel activity. */
typedef struct {
  pod_channel_t channel;
  uint32_t participants, active_participants;
  uint64_t broadcasts, broadcasts_last_day;
  int64_t last_broadcast_at; /* 0: none */
} pod_channel_stats_t;
/* Every channel with its broadcast and participant counts; order: broadcasts, then active
 * participants (most first), then address. */
POD_API int pod_analytics_channels(pod_channel_stats_t **out, size_t *n, pod_client *c);
POD_API void pod_channel_stats_list_free(pod_channel_stats_t *list);

/* The limit agents (0: all) with the highest reputation; score = reputation; order: reputation,
 * last_updated (newest first), address. */
POD_API int pod_analytics_top_agents(pod_agent_match_t **out, size_t *n, pod_client *c,
                                     size_t limit);

/* The node's performance samples (getRecentPerformanceSamples; embedded: the ledger's,
 * pod_ledger_perf_samples), newest first, at most max (<= POD_PERF_SAMPLES_MAX). */
POD_API int pod_client_perf_samples(pod_perf_sample_t *out, size_t max, size_t *n, pod_client *c);

/* Throughput over the last `samples` performance samples (0: 60; at most POD_PERF_SAMPLES_MAX):
 * tps = sum(num_transactions) / sum(sample_period_secs), likewise non_vote_tps and slots per
 * second; 0 when the node has no sample. */
typedef struct {
  size_t samples; /* how many were used */
  uint64_t transactions, non_vote_transactions, slots, seconds;
  double tps, non_vote_tps, slots_per_sec;
  uint64_t newest_slot;
} pod_throughput_t;
POD_API int pod_analytics_throughput(pod_throughput_t *out, pod_client *c, size_t samples);

#ifdef __cplusplus
}
#endif
#endif
