/* pod channel create|info|list|join|leave|broadcast|invite|participants|messages|update: the
 * channels service of the SDK. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CONTENT_MAX 1000 /* broadcast_message's cap on content (6012 over it) */

const char pod_cli_help_channel[] =
    "  pod channel create NAME [--description TEXT] [--private] [--max N] [--fee SOL |\n"
    "                     --fee-lamports N]\n"
    "  pod channel info CHANNEL\n"
    "  pod channel list [--creator WALLET]\n"
    "  pod channel join CHANNEL\n"
    "  pod channel leave CHANNEL\n"
    "  pod channel broadcast CHANNEL (TEXT | --text TEXT | -) [--type TYPE] [--reply-to MESSAGE]\n"
    "  pod channel invite CHANNEL WALLET\n"
    "  pod channel participants CHANNEL [--active]\n"
    "  pod channel messages CHANNEL\n"
    "  pod channel update CHANNEL [--name NAME] [--description TEXT] [--max N]\n"
    "                     [--fee SOL | --fee-lamports N] [--active yes|no]\n"
    "\n"
    "CHANNEL: the channel's address, or its NAME as created by --creator WALLET (default: your\n"
    "wallet). create makes a channel of yours with create_channel_v2 (you need a registered\n"
    "agent; you are its first member); --max defaults to 100, the fee (taken from a joiner's\n"
    "escrow at join) to 0. A private channel is joined by invitation only (invite WALLET).\n"
    "A paid channel (fee > 0) needs an escrow first: pod escrow deposit CHANNEL SOL.\n"
    "broadcast posts TEXT (1..1000 bytes, from the argument, --text or stdin '-'); TYPE: text\n"
    "(default), data, command, response, custom:N. Checks the program makes (membership, rate\n"
    "limit 6011, content 6012, inactive channel 6001) are made before sending: nothing is "
    "charged.\n"
    "\n"
    "output:\n"
    "  create      channel: <pda>\\nname: ..\\nsignature: <sig>   (-q: the channel address)\n"
    "              --json {\"channel\":..,\"name\":..,\"creator\":..,\"visibility\":..,\n"
    "                      \"max_participants\":n,\"fee_per_message\":n,\"signature\":..}\n"
    "  join, leave, invite, update\n"
    "              channel: <pda>\\nsignature: <sig>   (-q: the signature)\n"
    "              --json {\"channel\":..,\"signature\":..} (invite: also \"invitee\")\n"
    "  broadcast   message: <pda>\\nsignature: <sig>   (-q: the message address)\n"
    "              --json {\"channel\":..,\"message\":..,\"type\":..,\"signature\":..}\n"
    "  info        address, creator, name, description, visibility, is_active,\n"
    "              max_participants, current_participants, fee_per_message, escrow_balance,\n"
    "              created_at, bump; --json one object with those fields\n"
    "  list        a table CHANNEL NAME VISIBILITY MEMBERS FEE ACTIVE CREATOR; --json\n"
    "              {\"count\":n,\"channels\":[<info objects>]}\n"
    "  participants  a table AGENT JOINED ACTIVE MESSAGES; --json {\"channel\":..,\"count\":n,\n"
    "              "
    "\"participants\":[{\"address\":..,\"agent\":..,\"joined_at\":n,\"is_active\":b,\n"
    "              \"messages_sent\":n,\"last_message_at\":n}]}\n"
    "  messages    a table CREATED SENDER TYPE CONTENT (oldest first); --json {\"channel\":..,\n"
    "              \"count\":n,\"messages\":[{\"address\":..,\"sender\":..,\"reply_to\":..,\n"
    "              \"created_at\":n,\"message_type\":..,\"content\":..}]}\n";

/* ---- arguments ---- */
typedef struct {
  const char *pos[2]; /* positional arguments */
  int npos;
  const char *creator; /* --creator */
  const char *name, *description, *text, *type, *reply_to, *active_s;
  const char *fee_sol, *fee_lamports, *max;
  int private_, active, from_stdin;
} args_t;

/* Parses argv[2..] into a; only the options listed in allowed (space separated) are accepted. */
static int parse_args(args_t *a, int argc, char **argv, const char *allowed, int maxpos) {
  static const struct {
    const char *name;
    size_t off; /* offset of the const char * in args_t; 0: a flag */
  } OPTS[] = {
      {"--creator", offsetof(args_t, creator)},
      {"--name", offsetof(args_t, name)},
      {"--description", offsetof(args_t, description)},
      {"--text", offsetof(args_t, text)},
      {"--type", offsetof(args_t, type)},
      {"--reply-to", offsetof(args_t, reply_to)},
      {"--fee", offsetof(args_t, fee_sol)},
      {"--fee-lamports", offsetof(args_t, fee_lamports)},
      {"--max", offsetof(args_t, max)},
  };
  memset(a, 0, sizeof *a);
  const char *sub = argv[1];
  int rest = 0;
  for (int i = 2; i < argc; i++) {
    const char *s = argv[i];
    if (!rest && !strcmp(s, "--")) {
      rest = 1;
      continue;
    }
    if (!rest && s[0] == '-' && s[1]) {
      /* the option must be in `allowed` (a whole word) */
      const char *p = strstr(allowed, s);
      size_t n = strlen(s);
      if (!p || (p[n] != ' ' && p[n] != '\0') || (p != allowed && p[-1] != ' '))
        return pod_cli_fail(POD_EXIT_USAGE,
                            "channel %s: unknown option '%s' (see 'pod channel --help')", sub, s);
      if (!strcmp(s, "--private")) {
        a->private_ = 1;
        continue;
      }
      if (!strcmp(s, "--active") && !strchr(allowed, '=')) { /* participants: a flag */
        a->active = 1;
        continue;
      }
      if (!strcmp(s, "--active")) {
        if (i + 1 >= argc)
          return pod_cli_fail(POD_EXIT_USAGE, "channel %s: --active needs yes or no", sub);
        a->active_s = argv[++i];
        continue;
      }
      size_t k = 0;
      while (k < sizeof OPTS / sizeof OPTS[0] && strcmp(OPTS[k].name, s))
        k++;
      if (k == sizeof OPTS / sizeof OPTS[0] || i + 1 >= argc)
        return pod_cli_fail(POD_EXIT_USAGE, "channel %s: %s needs a value", sub, s);
      *(const char **)((char *)a + OPTS[k].off) = argv[++i];
      continue;
    }
    if (!rest && !strcmp(s, "-") && a->npos == maxpos - 1 && !strcmp(sub, "broadcast")) {
      a->from_stdin = 1;
      a->npos++;
      continue;
    }
    if (a->npos >= maxpos)
      return pod_cli_fail(POD_EXIT_USAGE, "channel %s: unexpected argument '%s'", sub, s);
    a->pos[a->npos++] = s;
  }
  return POD_EXIT_OK;
}

/* The amount of --fee SOL / --fee-lamports N into *fee; *have = 1 when given. */
static int parse_fee(uint64_t *fee, int *have, const args_t *a, const char *sub) {
  *have = 0;
  if (a->fee_sol && a->fee_lamports)
    return pod_cli_fail(POD_EXIT_USAGE, "channel %s: give --fee or --fee-lamports, not both", sub);
  if (a->fee_sol && pod_cli_parse_sol(fee, a->fee_sol))
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel %s: --fee '%s': give SOL as a decimal with at most 9 fraction "
                        "digits (or --fee-lamports N)",
                        sub, a->fee_sol);
  if (a->fee_lamports && pod_cli_parse_u64(fee, a->fee_lamports))
    return pod_cli_fail(POD_EXIT_USAGE, "channel %s: --fee-lamports '%s': not a number", sub,
                        a->fee_lamports);
  *have = a->fee_sol || a->fee_lamports;
  return POD_EXIT_OK;
}

static int parse_max(uint32_t *max, const args_t *a, const char *sub) {
  uint64_t v;
  if (pod_cli_parse_u64(&v, a->max) || v > UINT32_MAX)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel %s: --max '%s': a number of participants (1 to 1000)", sub,
                        a->max);
  *max = (uint32_t)v;
  return POD_EXIT_OK;
}

int pod_cli_resolve_channel(pod_pubkey_t *out, pod_client *c, const char *arg, const char *creator,
                            const char *cmd) {
  if (pod_pubkey_from_base58(out, arg, strlen(arg)) == POD_OK) return POD_EXIT_OK;
  pod_pubkey_t who;
  if (creator) {
    if (pod_cli_parse_pubkey(&who, "--creator WALLET", creator)) return POD_EXIT_USAGE;
  } else if (pod_client_pubkey(&who, c) != POD_OK) {
    return pod_cli_fail(POD_EXIT_ERROR,
                        "%s: '%s' is not an address, and a channel name needs its "
                        "creator: pass --creator WALLET or --keypair FILE",
                        cmd, arg);
  }
  if (pod_pda_channel(out, NULL, &who, arg, strlen(arg)) != POD_OK)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "%s: CHANNEL '%s' is neither an address nor a channel name (names "
                        "are at most 32 bytes)",
                        cmd, arg);
  return POD_EXIT_OK;
}

/* Reports a failed SDK call, with the pod command that fixes it when there is one. */
static int fail(pod_client *c, const pod_cli_opts_t *o, int r, const char *sub) {
  char what[64];
  snprintf(what, sizeof what, "channel %s", sub);
  const char *msg = pod_client_errmsg(c);
  int rc = pod_cli_sdk_fail(c, o, r, what);
  if (r == POD_ENOTFOUND && strstr(msg, "agent not registered") == NULL) {
    if (strstr(msg, "not a member"))
      fprintf(stderr, "pod: join it first: `pod channel join CHANNEL`\n");
    else if (strstr(msg, "does not exist"))
      fprintf(stderr, "pod: see `pod channel list` for the channels (a name is looked up under "
                      "your wallet unless --creator WALLET is given)\n");
  } else if (r == POD_EPROGRAM) {
    const pod_program_error_t *pe = pod_client_last_program_error(c);
    if (pe && pe->code == 6007 && !strcmp(sub, "join"))
      fprintf(stderr, "pod: this channel charges a fee: deposit to its escrow first with `pod "
                      "escrow deposit CHANNEL SOL`\n");
    else if (pe && pe->code == 6001 && !strcmp(sub, "broadcast"))
      fprintf(stderr, "pod: the channel may be inactive: see `pod channel info CHANNEL`; its "
                      "creator can run `pod channel update CHANNEL --active yes`\n");
    else if (pe && pe->code == 6013)
      fprintf(stderr, "pod: this channel is private: a member must run `pod channel invite "
                      "CHANNEL YOUR_WALLET` first\n");
  }
  return rc;
}

/* channel: <pda>\nsignature: <sig> (json {"channel":..,"signature":..}). */
static void print_sig(const pod_cli_opts_t *o, const pod_pubkey_t *ch, const char *sig,
                      const char *extra_k, const char *extra_v) {
  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, ch);
  if (o->json) {
    printf("{\"channel\":\"%s\"", b58);
    if (extra_k) printf(",\"%s\":\"%s\"", extra_k, extra_v);
    printf(",\"signature\":\"%s\"}\n", sig);
  } else if (o->quiet) {
    printf("%s\n", sig);
  } else {
    printf("channel: %s\n", b58);
    if (extra_k) printf("%s: %s\n", extra_k, extra_v);
    printf("signature: %s\n", sig);
  }
}

static void channel_fields(pod_cli_fields_t *w, const pod_channel_t *ch) {
  const pod_channel_account_t *x = &ch->account;
  pod_cli_field_pubkey(w, "address", 1, &ch->address);
  pod_cli_field_pubkey(w, "creator", 1, &x->creator);
  pod_cli_field_str(w, "name", 1, x->name);
  pod_cli_field_str(w, "description", 1, x->description);
  pod_cli_field_visibility(w, "visibility", x->visibility);
  pod_cli_field_bool(w, "is_active", 1, x->is_active);
  pod_cli_field_u64(w, "max_participants", 1, x->max_participants);
  pod_cli_field_u64(w, "current_participants", 1, x->current_participants);
  pod_cli_field_u64(w, "fee_per_message", 1, x->fee_per_message);
  pod_cli_field_u64(w, "escrow_balance", 1, x->escrow_balance);
  pod_cli_field_time(w, "created_at", 1, x->created_at);
  pod_cli_field_u64(w, "bump", 1, x->bump);
}

static void channel_rec(pod_cli_fields_t *w, const void *rec) { channel_fields(w, rec); }

/* ---- subcommands ---- */
static int ch_create(const pod_cli_opts_t *o, const args_t *a) {
  if (a->npos != 1)
    return pod_cli_fail(POD_EXIT_USAGE, "channel create: give the channel's NAME (e.g. pod "
                                        "channel create general)");
  pod_channel_create_args_t ca = {0};
  ca.name = a->pos[0];
  ca.description = a->description;
  ca.visibility = a->private_ ? POD_VISIBILITY_PRIVATE : POD_VISIBILITY_PUBLIC;
  ca.max_participants = 100;
  int have = 0, rc;
  if (a->max && (rc = parse_max(&ca.max_participants, a, "create"))) return rc;
  if ((rc = parse_fee(&ca.fee_per_message, &have, a, "create"))) return rc;
  if (strlen(ca.name) > 32)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel create: NAME '%s' is %zu bytes; a channel name is a seed of its "
                        "address: at most 32 bytes",
                        ca.name, strlen(ca.name));
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_SIGNER_REQUIRED)) != 0) return rc;
  pod_pubkey_t ch, me;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_channel_create(&ch, sig, c, &ca);
  if (r) {
    rc = fail(c, o, r, "create");
    const pod_program_error_t *pe = pod_client_last_program_error(c);
    if (r == POD_EPROGRAM && pe && pe->code == 0 && pe->origin == POD_ERR_ORIGIN_SYSTEM)
      fprintf(stderr, "pod: you already have a channel named '%s': see `pod channel info %s`\n",
              ca.name, ca.name);
  } else {
    pod_client_pubkey(&me, c);
    char c58[POD_PUBKEY_B58_SZ], m58[POD_PUBKEY_B58_SZ];
    pod_pubkey_to_base58(c58, &ch);
    pod_pubkey_to_base58(m58, &me);
    if (o->json) {
      printf("{\"channel\":\"%s\",\"name\":", c58);
      pod_cli_json_str(stdout, ca.name, strlen(ca.name));
      printf(",\"creator\":\"%s\",\"visibility\":\"%s\",\"max_participants\":%u,"
             "\"fee_per_message\":%llu,\"signature\":\"%s\"}\n",
             m58, a->private_ ? "private" : "public", (unsigned)ca.max_participants,
             (unsigned long long)ca.fee_per_message, sig);
    } else if (o->quiet) {
      printf("%s\n", c58);
    } else {
      printf("channel: %s\nname: %s\nsignature: %s\n", c58, ca.name, sig);
    }
  }
  pod_client_free(c);
  return rc;
}

/* Opens a client and resolves CHANNEL (pos[0]). */
static int open_channel(pod_client **c, pod_pubkey_t *ch, const pod_cli_opts_t *o, const args_t *a,
                        const char *sub, int signer, int npos) {
  if (a->npos != npos)
    return pod_cli_fail(POD_EXIT_USAGE, "channel %s: usage: pod channel %s CHANNEL%s", sub, sub,
                        !strcmp(sub, "invite")      ? " WALLET"
                        : !strcmp(sub, "broadcast") ? " TEXT"
                                                    : "");
  int rc = pod_cli_client(c, o, signer);
  if (rc) return rc;
  char what[64];
  snprintf(what, sizeof what, "channel %s", sub);
  if ((rc = pod_cli_resolve_channel(ch, *c, a->pos[0], a->creator, what)) != 0) {
    pod_client_free(*c);
    *c = NULL;
  }
  return rc;
}

static int ch_info(const pod_cli_opts_t *o, const args_t *a) {
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, a, "info", POD_CLI_SIGNER_OPTIONAL, 1);
  if (rc) return rc;
  pod_channel_t ch;
  int r = pod_channel_get(&ch, c, &key);
  if (r) {
    rc = fail(c, o, r, "info");
  } else if (o->quiet) {
    char b58[POD_PUBKEY_B58_SZ];
    printf("%s\n", pod_pubkey_to_base58(b58, &ch.address));
  } else {
    pod_cli_fields_t w = {stdout, o->json ? POD_CLI_JSON : POD_CLI_LINES, 0, NULL};
    if (o->json) putchar('{');
    channel_fields(&w, &ch);
    if (o->json) printf("}\n");
  }
  pod_client_free(c);
  return rc;
}

static int ch_list(const pod_cli_opts_t *o, const args_t *a) {
  if (a->npos)
    return pod_cli_fail(POD_EXIT_USAGE, "channel list: unexpected argument '%s'", a->pos[0]);
  pod_pubkey_t creator;
  if (a->creator && pod_cli_parse_pubkey(&creator, "--creator WALLET", a->creator))
    return POD_EXIT_USAGE;
  pod_client *c;
  int rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER);
  if (rc) return rc;
  pod_channel_t *list = NULL;
  size_t n = 0;
  int r = pod_channel_list(&list, &n, c, a->creator ? &creator : NULL);
  if (r) {
    rc = fail(c, o, r, "list");
  } else if (pod_cli_print_list(o, "channels", list, n, sizeof *list,
                                offsetof(pod_channel_t, address), channel_rec)) {
    /* printed */
  } else if (n == 0) {
    printf("no channels\n");
  } else {
    int nw = 4;
    for (size_t i = 0; i < n; i++)
      if ((int)list[i].account.name.len > nw) nw = (int)list[i].account.name.len;
    printf("%s%-44s  %-*s  %-10s  %9s  %12s  %-6s  %s%s\n", pod_cli_bold(o, stdout), "CHANNEL", nw,
           "NAME", "VISIBILITY", "MEMBERS", "FEE", "ACTIVE", "CREATOR", pod_cli_reset(o, stdout));
    for (size_t i = 0; i < n; i++) {
      const pod_channel_account_t *x = &list[i].account;
      char a58[POD_PUBKEY_B58_SZ], c58[POD_PUBKEY_B58_SZ], members[24];
      snprintf(members, sizeof members, "%u/%u", (unsigned)x->current_participants,
               (unsigned)x->max_participants);
      printf("%-44s  %-*.*s  %-10s  %9s  %12llu  %-6s  %s\n",
             pod_pubkey_to_base58(a58, &list[i].address), nw, (int)x->name.len, x->name.ptr,
             x->visibility == POD_VISIBILITY_PRIVATE ? "private" : "public", members,
             (unsigned long long)x->fee_per_message, x->is_active ? "yes" : "no",
             pod_pubkey_to_base58(c58, &x->creator));
    }
  }
  pod_channel_list_free(list);
  pod_client_free(c);
  return rc;
}

static int ch_join_leave(const pod_cli_opts_t *o, const args_t *a, int join) {
  const char *sub = join ? "join" : "leave";
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, a, sub, POD_CLI_SIGNER_REQUIRED, 1);
  if (rc) return rc;
  char sig[POD_CLIENT_SIG_SZ];
  int r = join ? pod_channel_join(sig, c, &key) : pod_channel_leave(sig, c, &key);
  if (r)
    rc = fail(c, o, r, sub);
  else
    print_sig(o, &key, sig, NULL, NULL);
  pod_client_free(c);
  return rc;
}

static int ch_broadcast(const pod_cli_opts_t *o, const args_t *a) {
  pod_message_type_t type = {POD_MSG_TEXT, 0};
  pod_pubkey_t reply;
  if (a->type && pod_cli_parse_msg_type(&type, "--type", a->type)) return POD_EXIT_USAGE;
  if (a->reply_to && pod_cli_parse_pubkey(&reply, "--reply-to MESSAGE", a->reply_to))
    return POD_EXIT_USAGE;
  int sources = (a->npos == 2) + (a->text != NULL);
  if (a->npos < 1 || sources != 1)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel broadcast: give CHANNEL and the text once: an argument, --text "
                        "TEXT or - (stdin)");
  char *in = NULL;
  size_t len = 0;
  const char *text = a->text;
  if (a->from_stdin) {
    int rc = pod_cli_read_stdin(&in, &len, CONTENT_MAX + 1);
    if (rc) return rc;
    while (len && (in[len - 1] == '\n' || in[len - 1] == '\r'))
      in[--len] = '\0';
    text = in;
  } else if (!text) {
    text = a->pos[1];
  }
  if (!a->from_stdin) len = strlen(text);
  args_t one = *a;
  one.npos = 1;
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, &one, "broadcast", POD_CLI_SIGNER_REQUIRED, 1);
  if (rc) {
    free(in);
    return rc;
  }
  pod_pubkey_t msg;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_channel_broadcast(&msg, sig, c, &key, text, len, type, a->reply_to ? &reply : NULL);
  if (r) {
    rc = fail(c, o, r, "broadcast");
  } else {
    char c58[POD_PUBKEY_B58_SZ], m58[POD_PUBKEY_B58_SZ], tw[16];
    pod_pubkey_to_base58(c58, &key);
    pod_pubkey_to_base58(m58, &msg);
    if (o->json)
      printf("{\"channel\":\"%s\",\"message\":\"%s\",\"type\":\"%s\",\"signature\":\"%s\"}\n", c58,
             m58, pod_cli_msg_type_word(tw, type), sig);
    else if (o->quiet)
      printf("%s\n", m58);
    else
      printf("message: %s\nchannel: %s\nsignature: %s\n", m58, c58, sig);
  }
  free(in);
  pod_client_free(c);
  return rc;
}

static int ch_invite(const pod_cli_opts_t *o, const args_t *a) {
  pod_pubkey_t who;
  if (a->npos == 2 && pod_cli_parse_pubkey(&who, "WALLET", a->pos[1])) return POD_EXIT_USAGE;
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, a, "invite", POD_CLI_SIGNER_REQUIRED, 2);
  if (rc) return rc;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_channel_invite(sig, c, &key, &who);
  if (r)
    rc = fail(c, o, r, "invite");
  else
    print_sig(o, &key, sig, "invitee", a->pos[1]);
  pod_client_free(c);
  return rc;
}

static int ch_participants(const pod_cli_opts_t *o, const args_t *a) {
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, a, "participants", POD_CLI_SIGNER_OPTIONAL, 1);
  if (rc) return rc;
  pod_participant_t *list = NULL;
  size_t n = 0;
  char c58[POD_PUBKEY_B58_SZ], b58[POD_PUBKEY_B58_SZ], iso[32];
  pod_pubkey_to_base58(c58, &key);
  int r = pod_channel_get(&(pod_channel_t){0}, c, &key);
  if (!r) r = pod_channel_participants(&list, &n, c, &key, a->active);
  if (r) {
    rc = fail(c, o, r, "participants");
  } else if (o->json) {
    printf("{\"channel\":\"%s\",\"count\":%zu,\"participants\":[", c58, n);
    for (size_t i = 0; i < n; i++) {
      const pod_channel_participant_t *x = &list[i].account;
      pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
      printf("%s{", i ? "," : "");
      pod_cli_field_pubkey(&w, "address", 1, &list[i].address);
      pod_cli_field_pubkey(&w, "agent", 1, &x->participant);
      pod_cli_field_time(&w, "joined_at", 1, x->joined_at);
      pod_cli_field_bool(&w, "is_active", 1, x->is_active);
      pod_cli_field_u64(&w, "messages_sent", 1, x->messages_sent);
      pod_cli_field_time(&w, "last_message_at", 1, x->last_message_at);
      putchar('}');
    }
    printf("]}\n");
  } else if (o->quiet) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", pod_pubkey_to_base58(b58, &list[i].account.participant));
  } else if (n == 0) {
    printf("no participants\n");
  } else {
    printf("%s%-44s  %-20s  %-6s  %s%s\n", pod_cli_bold(o, stdout), "AGENT", "JOINED", "ACTIVE",
           "MESSAGES", pod_cli_reset(o, stdout));
    for (size_t i = 0; i < n; i++) {
      const pod_channel_participant_t *x = &list[i].account;
      const char *t = pod_cli_iso8601(iso, x->joined_at);
      printf("%-44s  %-20s  %-6s  %llu\n", pod_pubkey_to_base58(b58, &x->participant), t ? t : "?",
             x->is_active ? "yes" : "no", (unsigned long long)x->messages_sent);
    }
  }
  pod_participant_list_free(list);
  pod_client_free(c);
  return rc;
}

static int ch_messages(const pod_cli_opts_t *o, const args_t *a) {
  pod_client *c;
  pod_pubkey_t key;
  int rc = open_channel(&c, &key, o, a, "messages", POD_CLI_SIGNER_OPTIONAL, 1);
  if (rc) return rc;
  pod_channel_message_rec_t *list = NULL;
  size_t n = 0;
  char c58[POD_PUBKEY_B58_SZ], b58[POD_PUBKEY_B58_SZ], iso[32], tw[16];
  pod_pubkey_to_base58(c58, &key);
  pod_channel_t ch;
  int r = pod_channel_get(&ch, c, &key);
  if (!r) r = pod_channel_messages(&list, &n, c, &key);
  if (r) {
    rc = fail(c, o, r, "messages");
  } else if (o->json) {
    printf("{\"channel\":\"%s\",\"count\":%zu,\"messages\":[", c58, n);
    for (size_t i = 0; i < n; i++) {
      const pod_channel_message_t *x = &list[i].account;
      pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
      printf("%s{", i ? "," : "");
      pod_cli_field_pubkey(&w, "address", 1, &list[i].address);
      pod_cli_field_pubkey(&w, "sender", 1, &x->sender);
      pod_cli_field_pubkey(&w, "reply_to", x->has_reply_to, &x->reply_to);
      pod_cli_field_time(&w, "created_at", 1, x->created_at);
      pod_cli_field_msg_type(&w, "message_type", x->message_type);
      pod_cli_field_str(&w, "content", 1, x->content);
      putchar('}');
    }
    printf("]}\n");
  } else if (o->quiet) {
    for (size_t i = 0; i < n; i++)
      printf("%s\n", pod_pubkey_to_base58(b58, &list[i].address));
  } else if (n == 0) {
    printf("no messages in this channel\n");
  } else {
    printf("%s%-20s  %-44s  %-8s  %s%s\n", pod_cli_bold(o, stdout), "CREATED", "SENDER", "TYPE",
           "CONTENT", pod_cli_reset(o, stdout));
    for (size_t i = 0; i < n; i++) {
      const pod_channel_message_t *x = &list[i].account;
      const char *t = pod_cli_iso8601(iso, x->created_at);
      printf("%-20s  %-44s  %-8s  ", t ? t : "?", pod_pubkey_to_base58(b58, &x->sender),
             pod_cli_msg_type_word(tw, x->message_type));
      /* one line per message: newlines and controls shown escaped */
      for (size_t k = 0; k < x->content.len; k++) {
        unsigned char b = (unsigned char)x->content.ptr[k];
        if (b == '\n')
          fputs("\\n", stdout);
        else if (b < 0x20 || b == 0x7f)
          printf("\\x%02x", b);
        else
          putchar(b);
      }
      putchar('\n');
    }
  }
  pod_channel_message_list_free(list);
  pod_client_free(c);
  return rc;
}

static int ch_update(const pod_cli_opts_t *o, const args_t *a) {
  pod_channel_update_args_t u = {0};
  uint32_t max;
  uint64_t fee;
  int active, have_fee = 0, rc;
  if (a->max) {
    if ((rc = parse_max(&max, a, "update"))) return rc;
    u.max_participants = &max;
  }
  if ((rc = parse_fee(&fee, &have_fee, a, "update"))) return rc;
  if (have_fee) u.fee_per_message = &fee;
  if (a->active_s) {
    if (!strcmp(a->active_s, "yes") || !strcmp(a->active_s, "true"))
      active = 1;
    else if (!strcmp(a->active_s, "no") || !strcmp(a->active_s, "false"))
      active = 0;
    else
      return pod_cli_fail(POD_EXIT_USAGE, "channel update: --active '%s': use yes or no",
                          a->active_s);
    u.is_active = &active;
  }
  u.name = a->name;
  u.description = a->description;
  if (!u.name && !u.description && !u.max_participants && !u.fee_per_message && !u.is_active)
    return pod_cli_fail(POD_EXIT_USAGE, "channel update: give at least one of --name, "
                                        "--description, --max, --fee, --active");
  pod_client *c;
  pod_pubkey_t key;
  if ((rc = open_channel(&c, &key, o, a, "update", POD_CLI_SIGNER_REQUIRED, 1))) return rc;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_channel_update(sig, c, &key, &u);
  if (r)
    rc = fail(c, o, r, "update");
  else
    print_sig(o, &key, sig, NULL, NULL);
  pod_client_free(c);
  return rc;
}

int pod_cmd_channel(const pod_cli_opts_t *o, int argc, char **argv) {
  static const struct {
    const char *name;
    const char *opts; /* accepted options; "=" marks --active as taking a value */
    int maxpos;
  } SUBS[] = {
      {"create", "--description --private --max --fee --fee-lamports", 1},
      {"info", "--creator", 1},
      {"list", "--creator", 0},
      {"join", "--creator", 1},
      {"leave", "--creator", 1},
      {"broadcast", "--creator --text --type --reply-to", 2},
      {"invite", "--creator", 2},
      {"participants", "--creator --active", 1},
      {"messages", "--creator", 1},
      {"update", "--creator --name --description --max --fee --fee-lamports --active =", 1},
  };
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel: give create, info, list, join, leave, broadcast, invite, "
                        "participants, messages or update (see 'pod channel --help')");
  size_t k = 0;
  while (k < sizeof SUBS / sizeof SUBS[0] && strcmp(argv[1], SUBS[k].name))
    k++;
  if (k == sizeof SUBS / sizeof SUBS[0])
    return pod_cli_fail(POD_EXIT_USAGE,
                        "channel: unknown subcommand '%s' (create, info, list, join, leave, "
                        "broadcast, invite, participants, messages, update)",
                        argv[1]);
  args_t a;
  int rc = parse_args(&a, argc, argv, SUBS[k].opts, SUBS[k].maxpos);
  if (rc) return rc;
  switch (k) {
  case 0: return ch_create(o, &a);
  case 1: return ch_info(o, &a);
  case 2: return ch_list(o, &a);
  case 3: return ch_join_leave(o, &a, 1);
  case 4: return ch_join_leave(o, &a, 0);
  case 5: return ch_broadcast(o, &a);
  case 6: return ch_invite(o, &a);
  case 7: return ch_participants(o, &a);
  case 8: return ch_messages(o, &a);
  default: return ch_update(o, &a);
  }
}
