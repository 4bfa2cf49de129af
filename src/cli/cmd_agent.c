/* pod agent register|info|update|list: the agents service of the SDK. */
#include <string.h>

#include <stddef.h>

#include "cli.h"

const char pod_cli_help_agent[] =
    "  pod agent register --capabilities CAPS --uri URI   register your wallet as an agent\n"
    "  pod agent info [WALLET]                            an agent (default: yours)\n"
    "  pod agent update [--capabilities CAPS] [--uri URI] change your agent\n"
    "  pod agent list [--capability CAPS]                 every agent (having all of CAPS)\n"
    "\n"
    "CAPS: a number (the bit mask: 5 = text and code) or names separated by commas: text (1),\n"
    "image (2), code (4), analysis (8), trading (16), data_processing (32),\n"
    "content_generation (64), custom1 (128), custom2 (256).\n"
    "URI: http(s), 10 to 200 bytes (checked before sending, as the program does: 6000).\n"
    "\n"
    "output:\n"
    "  register  agent: <pda>\\nwallet: ..\\nsignature: <sig>   (-q: the agent address)\n"
    "            --json {\"agent\":..,\"wallet\":..,\"capabilities\":n,\"metadata_uri\":..,\n"
    "                    \"signature\":..}\n"
    "  update    signature: <sig>  --json {\"agent\":..,\"signature\":..}\n"
    "  info      address, wallet, capabilities (n and names), reputation, last_updated,\n"
    "            metadata_uri, invites_sent, last_invite_at, bump; --json one object with\n"
    "            those fields and capability_names\n"
    "  list      a table AGENT WALLET CAPABILITIES REPUTATION URI; --json\n"
    "            {\"count\":n,\"agents\":[<info objects>]}\n";

static void agent_fields(pod_cli_fields_t *w, const pod_agent_t *a) {
  const pod_agent_account_t *x = &a->account;
  pod_cli_field_pubkey(w, "address", 1, &a->address);
  pod_cli_field_pubkey(w, "wallet", 1, &x->pubkey);
  if (w->form == POD_CLI_JSON) {
    pod_cli_field_u64(w, "capabilities", 1, x->capabilities);
    pod_cli_field_begin(w, "capability_names", 1);
    pod_cli_caps_json(w->f, x->capabilities);
    pod_cli_field_end(w);
  } else {
    char names[512];
    pod_cli_caps_names(names, sizeof names, x->capabilities);
    pod_cli_field_begin(w, "capabilities", 1);
    fprintf(w->f, "%llu (%s)", (unsigned long long)x->capabilities, names);
    pod_cli_field_end(w);
  }
  pod_cli_field_u64(w, "reputation", 1, x->reputation);
  pod_cli_field_time(w, "last_updated", 1, x->last_updated);
  pod_cli_field_str(w, "metadata_uri", 1, x->metadata_uri);
  pod_cli_field_u64(w, "invites_sent", 1, x->invites_sent);
  pod_cli_field_time(w, "last_invite_at", 1, x->last_invite_at);
  pod_cli_field_u64(w, "bump", 1, x->bump);
}

static void agent_rec(pod_cli_fields_t *w, const void *rec) { agent_fields(w, rec); }

static int not_registered(pod_client *c, const pod_cli_opts_t *o, int rc, const char *what,
                          const pod_pubkey_t *wallet) {
  if (rc != POD_ENOTFOUND) return pod_cli_sdk_fail(c, o, rc, what);
  char b58[POD_PUBKEY_B58_SZ];
  if (wallet)
    return pod_cli_fail(POD_EXIT_ERROR, "%s: %s is not a registered agent", what,
                        pod_pubkey_to_base58(b58, wallet));
  pod_pubkey_t me;
  pod_client_pubkey(&me, c);
  return pod_cli_fail(POD_EXIT_ERROR,
                      "%s: agent not registered: your wallet %s has no agent account; run `pod "
                      "agent register --capabilities text --uri https://...`",
                      what, pod_pubkey_to_base58(b58, &me));
}

/* --capabilities/--capability CAPS and --uri URI. */
static int parse_opts(int argc, char **argv, const char *cmd, const char *caps_opt, uint64_t *caps,
                      int *have_caps, const char **uri, const char **pos) {
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, caps_opt) || (uri && !strcmp(a, "--uri"))) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "agent %s: %s needs a value", cmd, a);
      if (!strcmp(a, "--uri")) {
        *uri = argv[++i];
      } else {
        if (pod_cli_parse_caps(caps, argv[++i])) return POD_EXIT_USAGE;
        *have_caps = 1;
      }
    } else if (!strcmp(a, "--")) {
      continue;
    } else if (a[0] == '-' && a[1]) {
      return pod_cli_fail(POD_EXIT_USAGE, "agent %s: unknown option '%s' (see 'pod agent --help')",
                          cmd, a);
    } else if (pos && !*pos) {
      *pos = a;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "agent %s: unexpected argument '%s'", cmd, a);
    }
  }
  return POD_EXIT_OK;
}

static int agent_register(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t caps = 0;
  int have_caps = 0;
  const char *uri = NULL;
  int rc = parse_opts(argc, argv, "register", "--capabilities", &caps, &have_caps, &uri, NULL);
  if (rc) return rc;
  if (!have_caps || !uri)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "agent register: give --capabilities CAPS and --uri URI (e.g. "
                        "--capabilities text,code --uri https://example.com/agent.json)");
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_SIGNER_REQUIRED)) != 0) return rc;
  pod_pubkey_t agent, me;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_agent_register(&agent, sig, c, caps, uri);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "agent register");
    if (r == POD_EPROGRAM) {
      const pod_program_error_t *pe = pod_client_last_program_error(c);
      if (pe && pe->code == 0 && pe->origin == POD_ERR_ORIGIN_SYSTEM)
        fprintf(stderr, "pod: your wallet is already registered: see `pod agent info`, or change "
                        "it with `pod agent update`\n");
    }
  } else {
    pod_client_pubkey(&me, c);
    char a58[POD_PUBKEY_B58_SZ], w58[POD_PUBKEY_B58_SZ];
    pod_pubkey_to_base58(a58, &agent);
    pod_pubkey_to_base58(w58, &me);
    if (o->json) {
      printf("{\"agent\":\"%s\",\"wallet\":\"%s\",\"capabilities\":%llu,\"metadata_uri\":", a58,
             w58, (unsigned long long)caps);
      pod_cli_json_str(stdout, uri, strlen(uri));
      printf(",\"signature\":\"%s\"}\n", sig);
    } else if (o->quiet) {
      printf("%s\n", a58);
    } else {
      printf("agent: %s\nwallet: %s\nsignature: %s\n", a58, w58, sig);
    }
  }
  pod_client_free(c);
  return rc;
}

static int agent_update(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t caps = 0;
  int have_caps = 0;
  const char *uri = NULL;
  int rc = parse_opts(argc, argv, "update", "--capabilities", &caps, &have_caps, &uri, NULL);
  if (rc) return rc;
  if (!have_caps && !uri)
    return pod_cli_fail(POD_EXIT_USAGE, "agent update: give --capabilities CAPS, --uri URI or "
                                        "both");
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_SIGNER_REQUIRED)) != 0) return rc;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_agent_update(sig, c, have_caps ? &caps : NULL, uri);
  if (r) {
    rc = not_registered(c, o, r, "agent update", NULL);
  } else {
    pod_pubkey_t me, agent;
    uint8_t bump;
    pod_client_pubkey(&me, c);
    pod_pda_agent(&agent, &bump, &me);
    char a58[POD_PUBKEY_B58_SZ];
    pod_pubkey_to_base58(a58, &agent);
    if (o->json)
      printf("{\"agent\":\"%s\",\"signature\":\"%s\"}\n", a58, sig);
    else if (o->quiet)
      printf("%s\n", sig);
    else
      printf("agent: %s\nsignature: %s\n", a58, sig);
  }
  pod_client_free(c);
  return rc;
}

static int agent_info(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *wallet = NULL;
  int rc = parse_opts(argc, argv, "info", "\x01", NULL, NULL, NULL, &wallet);
  if (rc) return rc;
  pod_pubkey_t w;
  if (wallet && pod_cli_parse_pubkey(&w, "WALLET", wallet)) return POD_EXIT_USAGE;
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, wallet ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_REQUIRED)) != 0)
    return rc;
  pod_agent_t a;
  int r = pod_agent_get(&a, c, wallet ? &w : NULL);
  if (r) {
    rc = not_registered(c, o, r, "agent info", wallet ? &w : NULL);
  } else if (o->quiet) {
    char b58[POD_PUBKEY_B58_SZ];
    printf("%s\n", pod_pubkey_to_base58(b58, &a.address));
  } else {
    pod_cli_fields_t fw = {stdout, o->json ? POD_CLI_JSON : POD_CLI_LINES, 0, NULL};
    if (o->json) putchar('{');
    agent_fields(&fw, &a);
    if (o->json) printf("}\n");
  }
  pod_client_free(c);
  return rc;
}

static int agent_list(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t caps = 0;
  int have_caps = 0;
  int rc = parse_opts(argc, argv, "list", "--capability", &caps, &have_caps, NULL, NULL);
  if (rc) return rc;
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER)) != 0) return rc;
  pod_agent_t *list = NULL;
  size_t n = 0;
  int r = pod_agent_list(&list, &n, c, caps);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "agent list");
    goto done;
  }
  if (pod_cli_print_list(o, "agents", list, n, sizeof *list, offsetof(pod_agent_t, address),
                         agent_rec)) {
    /* printed */
  } else if (n == 0) {
    printf("no agents%s\n", have_caps ? " with these capabilities" : "");
  } else {
    /* Aligned columns; the capability column is as wide as its widest cell. */
    size_t cw = strlen("CAPABILITIES");
    char names[512];
    for (size_t i = 0; i < n; i++) {
      pod_cli_caps_names(names, sizeof names, list[i].account.capabilities);
      if (strlen(names) > cw) cw = strlen(names);
    }
    printf("%s%-44s  %-44s  %-*s  %10s  %s%s\n", pod_cli_bold(o, stdout), "AGENT", "WALLET",
           (int)cw, "CAPABILITIES", "REPUTATION", "URI", pod_cli_reset(o, stdout));
    for (size_t i = 0; i < n; i++) {
      char a58[POD_PUBKEY_B58_SZ], w58[POD_PUBKEY_B58_SZ];
      const pod_agent_account_t *x = &list[i].account;
      pod_cli_caps_names(names, sizeof names, x->capabilities);
      printf("%-44s  %-44s  %-*s  %10llu  %.*s\n", pod_pubkey_to_base58(a58, &list[i].address),
             pod_pubkey_to_base58(w58, &x->pubkey), (int)cw, names,
             (unsigned long long)x->reputation, (int)x->metadata_uri.len, x->metadata_uri.ptr);
    }
  }
done:
  pod_agent_list_free(list);
  pod_client_free(c);
  return rc;
}

int pod_cmd_agent(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE, "agent: give register, info, update or list (see 'pod "
                                        "agent --help')");
  const char *s = argv[1];
  if (!strcmp(s, "register")) return agent_register(o, argc, argv);
  if (!strcmp(s, "info")) return agent_info(o, argc, argv);
  if (!strcmp(s, "update")) return agent_update(o, argc, argv);
  if (!strcmp(s, "list")) return agent_list(o, argc, argv);
  return pod_cli_fail(POD_EXIT_USAGE,
                      "agent: unknown subcommand '%s' (register, info, update, list)", s);
}
