/* pod discover agents|channels|recommend, pod analytics: the discovery and analytics services of
 * the SDK (discovery.h). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char pod_cli_help_discover[] =
    "  pod discover agents [FILTERS] [--limit N]          search agents\n"
    "  pod discover channels [--window SECS] [--limit N]  trending channels (default: a day)\n"
    "  pod discover recommend agents|channels [WALLET] [--limit N]\n"
    "                                                     for WALLET's agent (default: yours)\n"
    "\n"
    "FILTERS: --capabilities CAPS (all of them), --any CAPS (at least one), --uri-prefix TEXT,\n"
    "--uri-contains TEXT, --min-reputation N, --active-since UNIX_SECONDS. CAPS as in\n"
    "`pod agent`: a number or names separated by commas (text, image, code, analysis, ...).\n"
    "\n"
    "Scores (docs/SDK.md, \"Discovery\"; ties: see there, always the same order):\n"
    "  agents            100 x (bits of --any the agent has) + reputation\n"
    "  recommend agents  100 x shared capability bits + min(reputation, 1000) / 10\n"
    "                    + 50 if active within a day (20 within a week)\n"
    "  recommend channels  sum over the channel's active members: 2 if they share a channel\n"
    "                    with you, + 1 if they share a capability (public, not full, not yours)\n"
    "  channels          3 x broadcasts + 2 x joins within the window + active members\n"
    "\n"
    "output:\n"
    "  agents, recommend agents  a table SCORE AGENT WALLET CAPABILITIES REPUTATION URI;\n"
    "            --json "
    "{\"count\":n,\"agents\":[{\"score\",\"shared_caps\",\"address\",\"wallet\",\n"
    "            \"capabilities\",\"capability_names\",\"reputation\",\"last_updated\",\n"
    "            \"metadata_uri\"}]}; -q the agent addresses\n"
    "  channels, recommend channels  a table SCORE CHANNEL NAME MEMBERS PEERS BROADCASTS JOINS\n"
    "            LAST_ACTIVITY; --json "
    "{\"count\":n,\"channels\":[{\"score\",\"address\",\"name\",\n"
    "            "
    "\"creator\",\"visibility\",\"active_participants\",\"peers\",\"recent_broadcasts\",\n"
    "            \"recent_joins\",\"last_activity\"}]}; -q the channel addresses\n";

const char pod_cli_help_analytics[] =
    "  pod analytics [--top N] [--samples N] [--channels]\n"
    "\n"
    "Counts over every account of the program at the cluster's time: agents, direct messages\n"
    "(by status and type, in the last hour and day, expired), channels (public, private,\n"
    "active), participants, invitations, broadcasts, escrows; the N agents with the highest\n"
    "reputation (--top, 5); the throughput over the node's last N performance samples\n"
    "(--samples, 60; 60 s each: transactions per second = transactions / seconds); with\n"
    "--channels, each channel's members and broadcasts.\n"
    "\n"
    "output: `key: value` lines, then the tables; --json one object {\"now\",\"agents\",...,\n"
    "\"top_agents\":[...],\"throughput\":{...}[,\"channel_stats\":[...]]}\n";

/* ---- options ---- */

typedef struct {
  pod_agent_query_t q;
  size_t limit;
  int64_t window;
  const char *pos[2];
  size_t npos;
} dopts_t;

static int need(int argc, char **argv, int i, const char *cmd) {
  if (i + 1 < argc) return 0;
  return pod_cli_fail(POD_EXIT_USAGE, "%s: %s needs a value", cmd, argv[i]);
}

static int num(uint64_t *v, const char *cmd, const char *opt, const char *s) {
  if (pod_cli_parse_u64(v, s) == 0) return 0;
  return pod_cli_fail(POD_EXIT_USAGE, "%s: %s '%s': not a number", cmd, opt, s);
}

/* Parses argv[from..) into d; filters only when agents is set. */
static int parse(dopts_t *d, int argc, char **argv, int from, const char *cmd, int agents) {
  memset(d, 0, sizeof *d);
  d->q = (pod_agent_query_t)POD_AGENT_QUERY_INIT;
  for (int i = from; i < argc; i++) {
    const char *a = argv[i];
    uint64_t v = 0;
    if (!strcmp(a, "--limit") || !strcmp(a, "--window") ||
        (agents && (!strcmp(a, "--min-reputation") || !strcmp(a, "--active-since")))) {
      if (need(argc, argv, i, cmd) || num(&v, cmd, a, argv[i + 1])) return POD_EXIT_USAGE;
      i++;
      if (!strcmp(a, "--limit")) d->limit = (size_t)v;
      if (!strcmp(a, "--window")) {
        if (v == 0 || v > (uint64_t)INT32_MAX * 16)
          return pod_cli_fail(POD_EXIT_USAGE, "%s: --window: give seconds, 1 or more", cmd);
        d->window = (int64_t)v;
      }
      if (!strcmp(a, "--min-reputation")) d->q.min_reputation = v;
      if (!strcmp(a, "--active-since")) {
        if (v > INT64_MAX) return pod_cli_fail(POD_EXIT_USAGE, "%s: --active-since: too big", cmd);
        d->q.active_since = (int64_t)v;
      }
    } else if (agents && (!strcmp(a, "--capabilities") || !strcmp(a, "--any"))) {
      if (need(argc, argv, i, cmd)) return POD_EXIT_USAGE;
      if (pod_cli_parse_caps(a[2] == 'c' ? &d->q.caps_all : &d->q.caps_any, argv[++i]))
        return POD_EXIT_USAGE;
    } else if (agents && (!strcmp(a, "--uri-prefix") || !strcmp(a, "--uri-contains"))) {
      if (need(argc, argv, i, cmd)) return POD_EXIT_USAGE;
      if (!strcmp(a, "--uri-prefix"))
        d->q.uri_prefix = argv[++i];
      else
        d->q.uri_contains = argv[++i];
    } else if (!strcmp(a, "--")) {
      continue;
    } else if (a[0] == '-' && a[1]) {
      return pod_cli_fail(POD_EXIT_USAGE, "%s: unknown option '%s' (see 'pod %s --help')", cmd, a,
                          strncmp(cmd, "analytics", 9) ? "discover" : "analytics");
    } else if (d->npos < 2) {
      d->pos[d->npos++] = a;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "%s: unexpected argument '%s'", cmd, a);
    }
  }
  d->q.limit = d->limit;
  return POD_EXIT_OK;
}

/* ---- output ---- */

static void agent_json(const pod_agent_match_t *m) {
  const pod_agent_account_t *x = &m->agent.account;
  pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
  putchar('{');
  pod_cli_field_u64(&w, "score", 1, m->score);
  pod_cli_field_u64(&w, "shared_caps", 1, m->shared_caps);
  pod_cli_field_pubkey(&w, "address", 1, &m->agent.address);
  pod_cli_field_pubkey(&w, "wallet", 1, &x->pubkey);
  pod_cli_field_u64(&w, "capabilities", 1, x->capabilities);
  pod_cli_field_begin(&w, "capability_names", 1);
  pod_cli_caps_json(stdout, x->capabilities);
  pod_cli_field_end(&w);
  pod_cli_field_u64(&w, "reputation", 1, x->reputation);
  pod_cli_field_time(&w, "last_updated", 1, x->last_updated);
  pod_cli_field_str(&w, "metadata_uri", 1, x->metadata_uri);
  putchar('}');
}

static void print_agents(const pod_cli_opts_t *o, const pod_agent_match_t *m, size_t n,
                         const char *none) {
  char b58[POD_PUBKEY_B58_SZ], w58[POD_PUBKEY_B58_SZ], names[512];
  if (o->json) {
    printf("{\"count\":%zu,\"agents\":[", n);
    for (size_t i = 0; i < n; i++) {
      if (i) putchar(',');
      agent_json(&m[i]);
    }
    printf("]}\n");
    return;
  }
  if (o->quiet) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", pod_pubkey_to_base58(b58, &m[i].agent.address));
    return;
  }
  if (!n) {
    printf("%s\n", none);
    return;
  }
  size_t cw = strlen("CAPABILITIES");
  for (size_t i = 0; i < n; i++) {
    pod_cli_caps_names(names, sizeof names, m[i].agent.account.capabilities);
    if (strlen(names) > cw) cw = strlen(names);
  }
  printf("%s%6s  %-44s  %-44s  %-*s  %10s  %s%s\n", pod_cli_bold(o, stdout), "SCORE", "AGENT",
         "WALLET", (int)cw, "CAPABILITIES", "REPUTATION", "URI", pod_cli_reset(o, stdout));
  for (size_t i = 0; i < n; i++) {
    const pod_agent_account_t *x = &m[i].agent.account;
    pod_cli_caps_names(names, sizeof names, x->capabilities);
    printf("%6llu  %-44s  %-44s  %-*s  %10llu  %.*s\n", (unsigned long long)m[i].score,
           pod_pubkey_to_base58(b58, &m[i].agent.address), pod_pubkey_to_base58(w58, &x->pubkey),
           (int)cw, names, (unsigned long long)x->reputation, (int)x->metadata_uri.len,
           x->metadata_uri.ptr);
  }
}

static void print_channels(const pod_cli_opts_t *o, const pod_channel_match_t *m, size_t n,
                           const char *none) {
  char b58[POD_PUBKEY_B58_SZ], when[32];
  if (o->json) {
    printf("{\"count\":%zu,\"channels\":[", n);
    for (size_t i = 0; i < n; i++) {
      const pod_channel_account_t *x = &m[i].channel.account;
      pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
      printf("%s{", i ? "," : "");
      pod_cli_field_u64(&w, "score", 1, m[i].score);
      pod_cli_field_pubkey(&w, "address", 1, &m[i].channel.address);
      pod_cli_field_str(&w, "name", 1, x->name);
      pod_cli_field_pubkey(&w, "creator", 1, &x->creator);
      pod_cli_field_visibility(&w, "visibility", x->visibility);
      pod_cli_field_u64(&w, "active_participants", 1, m[i].active_participants);
      pod_cli_field_u64(&w, "peers", 1, m[i].peers);
      pod_cli_field_u64(&w, "recent_broadcasts", 1, m[i].recent_broadcasts);
      pod_cli_field_u64(&w, "recent_joins", 1, m[i].recent_joins);
      pod_cli_field_time(&w, "last_activity", 1, m[i].last_activity);
      putchar('}');
    }
    printf("]}\n");
    return;
  }
  if (o->quiet) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", pod_pubkey_to_base58(b58, &m[i].channel.address));
    return;
  }
  if (!n) {
    printf("%s\n", none);
    return;
  }
  printf("%s%6s  %-44s  %-20s  %7s  %5s  %10s  %5s  %s%s\n", pod_cli_bold(o, stdout), "SCORE",
         "CHANNEL", "NAME", "MEMBERS", "PEERS", "BROADCASTS", "JOINS", "LAST_ACTIVITY",
         pod_cli_reset(o, stdout));
  for (size_t i = 0; i < n; i++) {
    const pod_channel_account_t *x = &m[i].channel.account;
    const char *t = m[i].last_activity ? pod_cli_iso8601(when, m[i].last_activity) : NULL;
    printf("%6llu  %-44s  %-20.*s  %7u  %5u  %10u  %5u  %s\n", (unsigned long long)m[i].score,
           pod_pubkey_to_base58(b58, &m[i].channel.address), (int)x->name.len, x->name.ptr,
           m[i].active_participants, m[i].peers, m[i].recent_broadcasts, m[i].recent_joins,
           t ? t : "-");
  }
}

/* ---- discover ---- */

static int discover_agents(const pod_cli_opts_t *o, int argc, char **argv) {
  dopts_t d;
  int rc = parse(&d, argc, argv, 2, "discover agents", 1);
  if (rc) return rc;
  if (d.npos)
    return pod_cli_fail(POD_EXIT_USAGE, "discover agents: unexpected argument '%s'", d.pos[0]);
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER)) != 0) return rc;
  pod_agent_match_t *m = NULL;
  size_t n = 0;
  int r = pod_discover_agents(&m, &n, c, &d.q);
  if (r)
    rc = pod_cli_sdk_fail(c, o, r, "discover agents");
  else
    print_agents(o, m, n, "no agents match");
  pod_agent_match_list_free(m);
  pod_client_free(c);
  return rc;
}

static int discover_channels(const pod_cli_opts_t *o, int argc, char **argv) {
  dopts_t d;
  int rc = parse(&d, argc, argv, 2, "discover channels", 0);
  if (rc) return rc;
  if (d.npos)
    return pod_cli_fail(POD_EXIT_USAGE, "discover channels: unexpected argument '%s'", d.pos[0]);
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER)) != 0) return rc;
  pod_channel_match_t *m = NULL;
  size_t n = 0;
  int r = pod_discover_trending_channels(&m, &n, c, d.window, d.limit);
  if (r)
    rc = pod_cli_sdk_fail(c, o, r, "discover channels");
  else
    print_channels(o, m, n, "no channel had a broadcast or a join in the window");
  pod_channel_match_list_free(m);
  pod_client_free(c);
  return rc;
}

static int discover_recommend(const pod_cli_opts_t *o, int argc, char **argv) {
  dopts_t d;
  int rc = parse(&d, argc, argv, 2, "discover recommend", 0);
  if (rc) return rc;
  int agents = d.npos && !strcmp(d.pos[0], "agents");
  if (!d.npos || (!agents && strcmp(d.pos[0], "channels")))
    return pod_cli_fail(POD_EXIT_USAGE,
                        "discover recommend: give agents or channels (e.g. `pod discover "
                        "recommend agents`)");
  pod_pubkey_t w;
  if (d.npos == 2 && pod_cli_parse_pubkey(&w, "WALLET", d.pos[1])) return POD_EXIT_USAGE;
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, d.npos == 2 ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_REQUIRED)) != 0)
    return rc;
  const pod_pubkey_t *wp = d.npos == 2 ? &w : NULL;
  const char *what = agents ? "discover recommend agents" : "discover recommend channels";
  int r;
  if (agents) {
    pod_agent_match_t *m = NULL;
    size_t n = 0;
    r = pod_discover_recommend_agents(&m, &n, c, wp, d.limit);
    if (!r) print_agents(o, m, n, "no agent shares a capability with this one");
    pod_agent_match_list_free(m);
  } else {
    pod_channel_match_t *m = NULL;
    size_t n = 0;
    r = pod_discover_recommend_channels(&m, &n, c, wp, d.limit);
    if (!r)
      print_channels(o, m, n, "no channel to recommend: no peer is in a channel you can join");
    pod_channel_match_list_free(m);
  }
  if (r == POD_ENOTFOUND)
    rc = pod_cli_fail(POD_EXIT_ERROR, "%s: %s", what, pod_client_errmsg(c));
  else if (r)
    rc = pod_cli_sdk_fail(c, o, r, what);
  pod_client_free(c);
  return rc;
}

int pod_cmd_discover(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE, "discover: give agents, channels or recommend (see 'pod "
                                        "discover --help')");
  const char *s = argv[1];
  if (!strcmp(s, "agents")) return discover_agents(o, argc, argv);
  if (!strcmp(s, "channels")) return discover_channels(o, argc, argv);
  if (!strcmp(s, "recommend")) return discover_recommend(o, argc, argv);
  return pod_cli_fail(POD_EXIT_USAGE,
                      "discover: unknown subcommand '%s' (agents, channels, recommend)", s);
}

/* ---- analytics ---- */

static const char *const status_names[4] = {"pending", "delivered", "read", "failed"};
static const char *const type_names[5] = {"text", "data", "command", "response", "custom"};

static void summary_text(const pod_analytics_t *s) {
  char when[32];
  printf("now: %lld (%s)\n", (long long)s->now,
         pod_cli_iso8601(when, s->now) ? when : "out of range");
  printf("agents: %llu (active in the last day: %llu, reputation total: %llu)\n",
         (unsigned long long)s->agents, (unsigned long long)s->agents_active_day,
         (unsigned long long)s->reputation_total);
  printf("messages: %llu (last hour: %llu, last day: %llu, expired: %llu)\n",
         (unsigned long long)s->messages, (unsigned long long)s->messages_last_hour,
         (unsigned long long)s->messages_last_day, (unsigned long long)s->messages_expired);
  printf("  by status:");
  for (int i = 0; i < 4; i++)
    printf(" %s %llu", status_names[i], (unsigned long long)s->messages_by_status[i]);
  printf("\n  by type:");
  for (int i = 0; i < 5; i++)
    printf(" %s %llu", type_names[i], (unsigned long long)s->messages_by_type[i]);
  printf("\nchannels: %llu (public: %llu, private: %llu, active: %llu)\n",
         (unsigned long long)s->channels, (unsigned long long)s->channels_public,
         (unsigned long long)s->channels_private, (unsigned long long)s->channels_active);
  printf("participants: %llu (active: %llu)\ninvitations: %llu\n",
         (unsigned long long)s->participants, (unsigned long long)s->participants_active,
         (unsigned long long)s->invitations);
  printf("broadcasts: %llu (last hour: %llu, last day: %llu)\n", (unsigned long long)s->broadcasts,
         (unsigned long long)s->broadcasts_last_hour, (unsigned long long)s->broadcasts_last_day);
  printf("escrows: %llu (lamports held: %llu; channels' escrow balance: %llu)\n",
         (unsigned long long)s->escrows, (unsigned long long)s->escrow_lamports,
         (unsigned long long)s->channel_escrow_balance);
}

static void summary_json(const pod_analytics_t *s) {
  pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
  pod_cli_field_time(&w, "now", 1, s->now);
  pod_cli_field_u64(&w, "agents", 1, s->agents);
  pod_cli_field_u64(&w, "agents_active_day", 1, s->agents_active_day);
  pod_cli_field_u64(&w, "reputation_total", 1, s->reputation_total);
  pod_cli_field_u64(&w, "messages", 1, s->messages);
  pod_cli_field_begin(&w, "messages_by_status", 1);
  for (int i = 0; i < 4; i++)
    printf("%s\"%s\":%llu", i ? "," : "{", status_names[i],
           (unsigned long long)s->messages_by_status[i]);
  putchar('}');
  pod_cli_field_end(&w);
  pod_cli_field_begin(&w, "messages_by_type", 1);
  for (int i = 0; i < 5; i++)
    printf("%s\"%s\":%llu", i ? "," : "{", type_names[i],
           (unsigned long long)s->messages_by_type[i]);
  putchar('}');
  pod_cli_field_end(&w);
  pod_cli_field_u64(&w, "messages_expired", 1, s->messages_expired);
  pod_cli_field_u64(&w, "messages_last_hour", 1, s->messages_last_hour);
  pod_cli_field_u64(&w, "messages_last_day", 1, s->messages_last_day);
  pod_cli_field_u64(&w, "channels", 1, s->channels);
  pod_cli_field_u64(&w, "channels_public", 1, s->channels_public);
  pod_cli_field_u64(&w, "channels_private", 1, s->channels_private);
  pod_cli_field_u64(&w, "channels_active", 1, s->channels_active);
  pod_cli_field_u64(&w, "participants", 1, s->participants);
  pod_cli_field_u64(&w, "participants_active", 1, s->participants_active);
  pod_cli_field_u64(&w, "invitations", 1, s->invitations);
  pod_cli_field_u64(&w, "broadcasts", 1, s->broadcasts);
  pod_cli_field_u64(&w, "broadcasts_last_hour", 1, s->broadcasts_last_hour);
  pod_cli_field_u64(&w, "broadcasts_last_day", 1, s->broadcasts_last_day);
  pod_cli_field_u64(&w, "escrows", 1, s->escrows);
  pod_cli_field_u64(&w, "escrow_lamports", 1, s->escrow_lamports);
  pod_cli_field_u64(&w, "channel_escrow_balance", 1, s->channel_escrow_balance);
}

int pod_cmd_analytics(const pod_cli_opts_t *o, int argc, char **argv) {
  int top = 5, samples = 60, channels = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    uint64_t v;
    if (!strcmp(a, "--top") || !strcmp(a, "--samples")) {
      if (need(argc, argv, i, "analytics") || num(&v, "analytics", a, argv[i + 1]))
        return POD_EXIT_USAGE;
      i++;
      if (a[2] == 's' && (v == 0 || v > POD_PERF_SAMPLES_MAX))
        return pod_cli_fail(POD_EXIT_USAGE, "analytics: --samples: 1 to %u",
                            (unsigned)POD_PERF_SAMPLES_MAX);
      if (a[2] == 't' && v > 1000)
        return pod_cli_fail(POD_EXIT_USAGE, "analytics: --top: 0 to 1000");
      if (a[2] == 's')
        samples = (int)v;
      else
        top = (int)v;
    } else if (!strcmp(a, "--channels")) {
      channels = 1;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE,
                          "analytics: unexpected argument '%s' (see 'pod analytics "
                          "--help')",
                          a);
    }
  }
  pod_client *c;
  int rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER);
  if (rc) return rc;
  pod_analytics_t s;
  pod_agent_match_t *ta = NULL;
  size_t tn = 0, cn = 0;
  pod_throughput_t th;
  pod_channel_stats_t *cs = NULL;
  int r = pod_analytics_summary(&s, c);
  if (!r && top) r = pod_analytics_top_agents(&ta, &tn, c, (size_t)top);
  if (!r) r = pod_analytics_throughput(&th, c, (size_t)samples);
  if (!r && channels) r = pod_analytics_channels(&cs, &cn, c);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "analytics");
  } else if (o->json) {
    putchar('{');
    summary_json(&s);
    printf(",\"top_agents\":[");
    for (size_t i = 0; i < tn; i++) {
      if (i) putchar(',');
      agent_json(&ta[i]);
    }
    printf("],\"throughput\":{\"samples\":%zu,\"seconds\":%llu,\"transactions\":%llu,"
           "\"non_vote_transactions\":%llu,\"slots\":%llu,\"tps\":%.3f,\"non_vote_tps\":%.3f,"
           "\"slots_per_sec\":%.3f}",
           th.samples, (unsigned long long)th.seconds, (unsigned long long)th.transactions,
           (unsigned long long)th.non_vote_transactions, (unsigned long long)th.slots, th.tps,
           th.non_vote_tps, th.slots_per_sec);
    if (channels) {
      printf(",\"channel_stats\":[");
      for (size_t i = 0; i < cn; i++) {
        pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
        printf("%s{", i ? "," : "");
        pod_cli_field_pubkey(&w, "address", 1, &cs[i].channel.address);
        pod_cli_field_str(&w, "name", 1, cs[i].channel.account.name);
        pod_cli_field_u64(&w, "participants", 1, cs[i].participants);
        pod_cli_field_u64(&w, "active_participants", 1, cs[i].active_participants);
        pod_cli_field_u64(&w, "broadcasts", 1, cs[i].broadcasts);
        pod_cli_field_u64(&w, "broadcasts_last_day", 1, cs[i].broadcasts_last_day);
        pod_cli_field_time(&w, "last_broadcast_at", 1, cs[i].last_broadcast_at);
        putchar('}');
      }
      putchar(']');
    }
    printf("}\n");
  } else {
    summary_text(&s);
    if (th.samples)
      printf("throughput: %.3f tps (%llu transactions in %llu s, %zu samples; %.3f slots/s)\n",
             th.tps, (unsigned long long)th.transactions, (unsigned long long)th.seconds,
             th.samples, th.slots_per_sec);
    else
      printf("throughput: no performance sample yet (the node makes one per 60 s)\n");
    if (top) {
      printf("\ntop agents by reputation:\n");
      print_agents(o, ta, tn, "no agents");
    }
    if (channels) {
      char b58[POD_PUBKEY_B58_SZ];
      printf("\nchannels:\n");
      if (!cn)
        printf("no channels\n");
      else
        printf("%s%-44s  %-20s  %7s  %6s  %10s  %8s%s\n", pod_cli_bold(o, stdout), "CHANNEL",
               "NAME", "MEMBERS", "ACTIVE", "BROADCASTS", "LAST_DAY", pod_cli_reset(o, stdout));
      for (size_t i = 0; i < cn; i++)
        printf("%-44s  %-20.*s  %7u  %6u  %10llu  %8llu\n",
               pod_pubkey_to_base58(b58, &cs[i].channel.address),
               (int)cs[i].channel.account.name.len, cs[i].channel.account.name.ptr,
               cs[i].participants, cs[i].active_participants, (unsigned long long)cs[i].broadcasts,
               (unsigned long long)cs[i].broadcasts_last_day);
    }
  }
  pod_agent_match_list_free(ta);
  pod_channel_stats_list_free(cs);
  pod_client_free(c);
  return rc;
}
