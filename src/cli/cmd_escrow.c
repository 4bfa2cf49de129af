/* pod escrow deposit|withdraw|balance|list: the escrow service of the SDK. */
#include <string.h>

#include <stddef.h>

#include "cli.h"

const char pod_cli_help_escrow[] =
    "  pod escrow deposit CHANNEL (SOL | --lamports N) [--creator WALLET]\n"
    "  pod escrow withdraw CHANNEL (SOL | --lamports N | --all) [--creator WALLET]\n"
    "  pod escrow balance CHANNEL [DEPOSITOR] [--creator WALLET]\n"
    "  pod escrow list [--channel CHANNEL] [--depositor WALLET] [--creator WALLET]\n"
    "\n"
    "An escrow holds lamports of one depositor (your wallet) for one channel: a paid channel\n"
    "(fee_per_message > 0) takes its fee from it at join. CHANNEL: an address, or a channel\n"
    "NAME of --creator WALLET (default: your wallet). SOL: a decimal with up to 9 fraction\n"
    "digits (0.5), or --lamports N. deposit creates the escrow (0 < amount <= 10 SOL, once per\n"
    "channel: no top-up); it also pays the escrow's rent (1559040 lamports). withdraw returns\n"
    "lamports (--all: everything left); the rent and fees taken at join stay. list shows every\n"
    "escrow (of DEPOSITOR and/or in CHANNEL when given).\n"
    "\n"
    "output:\n"
    "  deposit   escrow: <pda>\\nchannel: ..\\nlamports: n\\nsignature: <sig>   (-q: signature)\n"
    "            --json {\"escrow\":..,\"channel\":..,\"lamports\":n,\"signature\":..}\n"
    "  withdraw  escrow: <pda>\\nchannel: ..\\nlamports: n\\nremaining: n\\nsignature: <sig>\n"
    "            --json {\"escrow\":..,\"channel\":..,\"lamports\":n,\"remaining\":n,\n"
    "                    \"signature\":..}\n"
    "  balance   address, channel, depositor, amount, sol, created_at, bump   (-q: amount)\n"
    "            --json one object with those fields\n"
    "  list      a table ESCROW CHANNEL DEPOSITOR AMOUNT CREATED; --json\n"
    "            {\"count\":n,\"escrows\":[<balance objects>]}\n";

typedef struct {
  const char *pos[2];
  int npos;
  const char *lamports, *creator, *channel, *depositor;
  int all;
} args_t;

static int parse_args(args_t *a, int argc, char **argv, int maxpos) {
  memset(a, 0, sizeof *a);
  const char *sub = argv[1];
  int rest = 0;
  for (int i = 2; i < argc; i++) {
    const char *s = argv[i];
    const char **dst = NULL;
    if (!rest && !strcmp(s, "--")) {
      rest = 1;
      continue;
    }
    if (rest || s[0] != '-' || !s[1]) {
      if (a->npos >= maxpos)
        return pod_cli_fail(POD_EXIT_USAGE, "escrow %s: unexpected argument '%s'", sub, s);
      a->pos[a->npos++] = s;
      continue;
    }
    int is_move = !strcmp(sub, "deposit") || !strcmp(sub, "withdraw");
    if (!strcmp(s, "--all") && !strcmp(sub, "withdraw"))
      a->all = 1;
    else if (!strcmp(s, "--lamports") && is_move)
      dst = &a->lamports;
    else if (!strcmp(s, "--creator"))
      dst = &a->creator;
    else if (!strcmp(s, "--channel") && !strcmp(sub, "list"))
      dst = &a->channel;
    else if (!strcmp(s, "--depositor") && !strcmp(sub, "list"))
      dst = &a->depositor;
    else
      return pod_cli_fail(POD_EXIT_USAGE,
                          "escrow %s: unknown option '%s' (see 'pod escrow --help')", sub, s);
    if (dst) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "escrow %s: %s needs a value", sub, s);
      *dst = argv[++i];
    }
  }
  return POD_EXIT_OK;
}

/* The amount: pos[1] in SOL, or --lamports N (--all for withdraw: *all). */
static int parse_amount(uint64_t *out, const args_t *a, const char *sub) {
  int given = (a->npos == 2) + (a->lamports != NULL) + a->all;
  if (a->npos < 1 || given != 1)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "escrow %s: give CHANNEL and the amount once: SOL (0.5) or --lamports "
                        "N%s",
                        sub, !strcmp(sub, "withdraw") ? " or --all" : "");
  if (a->lamports && pod_cli_parse_u64(out, a->lamports))
    return pod_cli_fail(POD_EXIT_USAGE, "escrow %s: --lamports '%s': not a number", sub,
                        a->lamports);
  if (a->npos == 2 && (!pod_cli_looks_numeric(a->pos[1]) || pod_cli_parse_sol(out, a->pos[1])))
    return pod_cli_fail(POD_EXIT_USAGE,
                        "escrow %s: amount '%s': give SOL as a decimal with at most 9 fraction "
                        "digits (or --lamports N)",
                        sub, a->pos[1]);
  return POD_EXIT_OK;
}

static int fail(pod_client *c, const pod_cli_opts_t *o, int r, const char *sub) {
  char what[64];
  snprintf(what, sizeof what, "escrow %s", sub);
  const char *msg = pod_client_errmsg(c);
  int no_escrow = r == POD_ENOTFOUND && strstr(msg, "escrow") != NULL;
  int rc = pod_cli_sdk_fail(c, o, r, what);
  const pod_program_error_t *pe = pod_client_last_program_error(c);
  if (r == POD_EPROGRAM && pe && pe->code == 6007)
    fprintf(stderr, "pod: %s\n",
            !strcmp(sub, "deposit") ? "a deposit is more than 0 and at most 10 SOL, and your "
                                      "balance must cover it and the escrow's rent"
                                    : "see what is left with `pod escrow balance CHANNEL`, or "
                                      "use --all");
  if (no_escrow && strcmp(sub, "deposit"))
    fprintf(stderr, "pod: you have no escrow for this channel: create one with `pod escrow "
                    "deposit CHANNEL SOL`\n");
  return rc;
}

static void escrow_fields(pod_cli_fields_t *w, const pod_escrow_t *e) {
  const pod_escrow_account_t *x = &e->account;
  char sol[32];
  pod_cli_field_pubkey(w, "address", 1, &e->address);
  pod_cli_field_pubkey(w, "channel", 1, &x->channel);
  pod_cli_field_pubkey(w, "depositor", 1, &x->depositor);
  pod_cli_field_u64(w, "amount", 1, x->amount);
  pod_cli_sol_text(sol, x->amount);
  pod_cli_field_word(w, "sol", sol); /* a string in JSON: exact */
  pod_cli_field_time(w, "created_at", 1, x->created_at);
  pod_cli_field_u64(w, "bump", 1, x->bump);
}

static void escrow_rec(pod_cli_fields_t *w, const void *rec) { escrow_fields(w, rec); }

static int open_channel(pod_client **c, pod_pubkey_t *ch, const pod_cli_opts_t *o, const char *arg,
                        const char *creator, const char *sub, int signer) {
  int rc = pod_cli_client(c, o, signer);
  if (rc) return rc;
  char what[64];
  snprintf(what, sizeof what, "escrow %s", sub);
  if ((rc = pod_cli_resolve_channel(ch, *c, arg, creator, what)) != 0) {
    pod_client_free(*c);
    *c = NULL;
  }
  return rc;
}

static int esc_move(const pod_cli_opts_t *o, const args_t *a, int deposit) {
  const char *sub = deposit ? "deposit" : "withdraw";
  uint64_t amount = 0;
  int rc = parse_amount(&amount, a, sub);
  if (rc) return rc;
  pod_client *c;
  pod_pubkey_t ch, esc, me;
  if ((rc = open_channel(&c, &ch, o, a->pos[0], a->creator, sub, POD_CLI_SIGNER_REQUIRED)))
    return rc;
  pod_client_pubkey(&me, c);
  pod_pda_escrow(&esc, NULL, &ch, &me);
  char sig[POD_CLIENT_SIG_SZ];
  pod_escrow_t e;
  uint64_t remaining = 0;
  int r = POD_OK;
  if (!deposit && a->all) {
    r = pod_escrow_get(&e, c, &ch, NULL);
    if (!r) amount = e.account.amount;
  }
  if (!r)
    r = deposit ? pod_escrow_deposit(&esc, sig, c, &ch, amount)
                : pod_escrow_withdraw(sig, c, &ch, amount);
  if (!r && !deposit) {
    r = pod_escrow_get(&e, c, &ch, NULL);
    if (!r) remaining = e.account.amount;
  }
  if (r) {
    rc = fail(c, o, r, sub);
  } else {
    char e58[POD_PUBKEY_B58_SZ], c58[POD_PUBKEY_B58_SZ];
    pod_pubkey_to_base58(e58, &esc);
    pod_pubkey_to_base58(c58, &ch);
    if (o->json) {
      printf("{\"escrow\":\"%s\",\"channel\":\"%s\",\"lamports\":%llu,", e58, c58,
             (unsigned long long)amount);
      if (!deposit) printf("\"remaining\":%llu,", (unsigned long long)remaining);
      printf("\"signature\":\"%s\"}\n", sig);
    } else if (o->quiet) {
      printf("%s\n", sig);
    } else {
      printf("escrow: %s\nchannel: %s\nlamports: %llu\n", e58, c58, (unsigned long long)amount);
      if (!deposit) printf("remaining: %llu\n", (unsigned long long)remaining);
      printf("signature: %s\n", sig);
    }
  }
  pod_client_free(c);
  return rc;
}

static int esc_balance(const pod_cli_opts_t *o, const args_t *a) {
  if (a->npos < 1)
    return pod_cli_fail(POD_EXIT_USAGE, "escrow balance: usage: pod escrow balance CHANNEL "
                                        "[DEPOSITOR]");
  pod_pubkey_t dep;
  if (a->npos == 2 && pod_cli_parse_pubkey(&dep, "DEPOSITOR", a->pos[1])) return POD_EXIT_USAGE;
  pod_client *c;
  pod_pubkey_t ch;
  int rc = open_channel(&c, &ch, o, a->pos[0], a->creator, "balance",
                        a->npos == 2 && a->creator ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_OPTIONAL);
  if (rc) return rc;
  if (a->npos < 2 && pod_client_pubkey(&dep, c) != POD_OK) {
    pod_client_free(c);
    return pod_cli_fail(POD_EXIT_ERROR, "escrow balance: no DEPOSITOR and no keypair: give a "
                                        "wallet, or pass --keypair FILE");
  }
  pod_escrow_t e;
  int r = pod_escrow_get(&e, c, &ch, &dep);
  if (r) {
    rc = fail(c, o, r, "balance");
  } else if (o->quiet) {
    printf("%llu\n", (unsigned long long)e.account.amount);
  } else {
    pod_cli_fields_t w = {stdout, o->json ? POD_CLI_JSON : POD_CLI_LINES, 0, NULL};
    if (o->json) putchar('{');
    escrow_fields(&w, &e);
    if (o->json) printf("}\n");
  }
  pod_client_free(c);
  return rc;
}

static int esc_list(const pod_cli_opts_t *o, const args_t *a) {
  if (a->npos)
    return pod_cli_fail(POD_EXIT_USAGE, "escrow list: unexpected argument '%s'", a->pos[0]);
  pod_pubkey_t dep;
  if (a->depositor && pod_cli_parse_pubkey(&dep, "--depositor WALLET", a->depositor))
    return POD_EXIT_USAGE;
  pod_client *c;
  pod_pubkey_t ch;
  int rc;
  if (a->channel) {
    rc = open_channel(&c, &ch, o, a->channel, a->creator, "list", POD_CLI_SIGNER_OPTIONAL);
  } else {
    rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER);
  }
  if (rc) return rc;
  pod_escrow_t *list = NULL;
  size_t n = 0;
  int r = pod_escrow_list(&list, &n, c, a->depositor ? &dep : NULL, a->channel ? &ch : NULL);
  if (r) {
    rc = fail(c, o, r, "list");
  } else if (pod_cli_print_list(o, "escrows", list, n, sizeof *list,
                                offsetof(pod_escrow_t, address), escrow_rec)) {
    /* printed */
  } else if (n == 0) {
    printf("no escrows\n");
  } else {
    printf("%s%-44s  %-44s  %-44s  %12s  %s%s\n", pod_cli_bold(o, stdout), "ESCROW", "CHANNEL",
           "DEPOSITOR", "AMOUNT", "CREATED", pod_cli_reset(o, stdout));
    for (size_t i = 0; i < n; i++) {
      const pod_escrow_account_t *x = &list[i].account;
      char e58[POD_PUBKEY_B58_SZ], c58[POD_PUBKEY_B58_SZ], d58[POD_PUBKEY_B58_SZ], iso[32];
      const char *t = pod_cli_iso8601(iso, x->created_at);
      printf("%-44s  %-44s  %-44s  %12llu  %s\n", pod_pubkey_to_base58(e58, &list[i].address),
             pod_pubkey_to_base58(c58, &x->channel), pod_pubkey_to_base58(d58, &x->depositor),
             (unsigned long long)x->amount, t ? t : "?");
    }
  }
  pod_escrow_list_free(list);
  pod_client_free(c);
  return rc;
}

int pod_cmd_escrow(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE, "escrow: give deposit, withdraw, balance or list (see "
                                        "'pod escrow --help')");
  const char *s = argv[1];
  int k = !strcmp(s, "deposit")    ? 0
          : !strcmp(s, "withdraw") ? 1
          : !strcmp(s, "balance")  ? 2
          : !strcmp(s, "list")     ? 3
                                   : -1;
  if (k < 0)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "escrow: unknown subcommand '%s' (deposit, withdraw, balance, list)", s);
  args_t a;
  int rc = parse_args(&a, argc, argv, k == 3 ? 0 : 2);
  if (rc) return rc;
  switch (k) {
  case 0: return esc_move(o, &a, 1);
  case 1: return esc_move(o, &a, 0);
  case 2: return esc_balance(o, &a);
  default: return esc_list(o, &a);
  }
}
