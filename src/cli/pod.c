/* pod — the PoD Protocol command-line tool. Global options, then a command. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cmd_version(const pod_cli_opts_t *o, int argc, char **argv);
static int cmd_help(const pod_cli_opts_t *o, int argc, char **argv);

static const pod_cli_cmd_t commands[] = {
    {"keygen", pod_cmd_keygen, "[-o FILE] [--force]", "create a new keypair file",
     pod_cli_help_keygen},
    {"address", pod_cmd_address, "[KEYPAIR]", "print the public key of a keypair file",
     pod_cli_help_address},
    {"pda", pod_cmd_pda,
     "<agent|message|channel|participant|invitation|escrow|channel-message> ARGS...",
     "derive a PoD program address and its bump", pod_cli_help_pda},
    {"decode", pod_cmd_decode, "tx|account [BASE64|BASE58|-] | logs",
     "decode a wire transaction, a PoD account's data, or a transaction's logs",
     pod_cli_help_decode},
    {"errors", pod_cmd_errors, "[CODE]", "list the errors, or explain one (6001, 0x1771, a name)",
     pod_cli_help_errors},
    {"ledger", pod_cmd_ledger, "verify DIR", "check a ledger's invariants", pod_cli_help_ledger},
    {"config", pod_cmd_config, "show | set-url URL | set-keypair FILE | set-commitment LEVEL",
     "show or set the url, keypair and commitment", pod_cli_help_config},
    {"airdrop", pod_cmd_airdrop, "[SOL | --lamports N] [ADDRESS]",
     "request lamports from the ledger's faucet", pod_cli_help_airdrop},
    {"balance", pod_cmd_balance, "[ADDRESS]", "print a balance", pod_cli_help_balance},
    {"agent", pod_cmd_agent, "register|info|update|list ...", "register, read, update, list agents",
     pod_cli_help_agent},
    {"message", pod_cmd_message, "send|info|status|list ...",
     "send direct messages, read them, mark them read", pod_cli_help_message},
    {"channel", pod_cmd_channel, "create|info|list|join|leave|broadcast|invite|participants|messages|update ...", "create, join and post to channels",
     pod_cli_help_channel},
    {"escrow", pod_cmd_escrow, "deposit|withdraw|balance|list ...", "deposit to and withdraw from channel escrows",
     pod_cli_help_escrow},
    {"events", pod_cmd_events, "[--json] [--count N]", "follow the program's events live",
     pod_cli_help_events},
    {"discover", pod_cmd_discover, "agents|channels|recommend ...", "search agents and channels, get recommendations",
     pod_cli_help_discover},
    {"analytics", pod_cmd_analytics, "[--json]", "counts and activity statistics of the ledger",
     pod_cli_help_analytics},
    {"quickstart", pod_cmd_quickstart, "[DIR] [--url URL]", "run the whole PoD story on a fresh ledger",
     pod_cli_help_quickstart},
    {"bench", pod_cmd_bench, "[--count N] [--url URL]", "run the SDK benchmarks and print the table",
     pod_cli_help_bench},
    {"node", pod_cmd_node, "start|stop|status [--ledger DIR] ...",
     "run podd in the background on a ledger", pod_cli_help_node},
    {"version", cmd_version, "", "print the version", NULL},
    {"help", cmd_help, "[COMMAND]", "show help", NULL},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

int pod_cli_fail(int code, const char *fmt, ...) {
  va_list ap;
  fputs("pod: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return code;
}

void pod_cli_json_str(FILE *f, const char *s, size_t len) {
  fputc('"', f);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"': fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    case '\t': fputs("\\t", f); break;
    default:
      if (c < 0x20 || c == 0x7f)
        fprintf(f, "\\u%04x", c);
      else
        fputc(c, f);
    }
  }
  fputc('"', f);
}

void pod_cli_hex(FILE *f, const uint8_t *b, size_t n) {
  for (size_t i = 0; i < n; i++)
    fprintf(f, "%02x", b[i]);
}

void pod_cli_json_hex(FILE *f, const uint8_t *b, size_t n) {
  fputc('"', f);
  pod_cli_hex(f, b, n);
  fputc('"', f);
}

int pod_cli_parse_pubkey(pod_pubkey_t *out, const char *what, const char *s) {
  size_t len = strlen(s);
  if (pod_pubkey_from_base58(out, s, len) == POD_OK) return POD_EXIT_OK;
  /* Say why: not base58 at all, or base58 of the wrong length. */
  uint8_t buf[128];
  size_t n = 0;
  int rc = len ? pod_base58_decode(buf, sizeof buf, &n, s, len) : POD_EDECODE;
  if (rc == POD_EDECODE)
    return pod_cli_fail(POD_EXIT_USAGE, "%s '%s': not a base58 public key (32 bytes): %s", what, s,
                        len ? "it has characters outside the base58 alphabet (0, O, I and l are "
                              "not base58)"
                            : "it is empty");
  if (rc == POD_ENOSPC)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "%s '%s': not a base58 public key (32 bytes): it decodes to more than "
                        "%zu bytes",
                        what, s, sizeof buf);
  return pod_cli_fail(POD_EXIT_USAGE,
                      "%s '%s': not a base58 public key (32 bytes): it decodes to %zu byte%s", what,
                      s, n, n == 1 ? "" : "s");
}

int pod_cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) return 0;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
  }
  return 0;
}

static void usage(FILE *f) {
  fprintf(f, "usage: pod [--json] [-q] [-v] [--no-color] [--url URL] [--keypair FILE]\n"
             "           [--commitment processed|confirmed|finalized] <command> [args...]\n\n"
             "commands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++) {
    if (*commands[i].usage)
      fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].usage);
    else
      fprintf(f, "  %s\n", commands[i].name);
    fprintf(f, "            %s\n", commands[i].help);
  }
  fprintf(f, "\n'pod <command> --help' shows a command's help.\n");
}

static int cmd_version(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)argc;
  (void)argv;
  if (o->json)
    printf("{\"version\":\"%s\"}\n", pod_version());
  else
    printf("pod %s\n", pod_version());
  return POD_EXIT_OK;
}

static void command_help(const pod_cli_cmd_t *c) {
  printf("usage: pod %s%s%s\n%s\n", c->name, *c->usage ? " " : "", c->usage, c->help);
  if (c->details) printf("\n%s", c->details);
}

static int cmd_help(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  if (argc > 1) {
    for (size_t i = 0; i < NCOMMANDS; i++)
      if (!strcmp(argv[1], commands[i].name)) {
        command_help(&commands[i]);
        return POD_EXIT_OK;
      }
    return pod_cli_fail(POD_EXIT_USAGE, "unknown command '%s' (see 'pod help')", argv[1]);
  }
  usage(stdout);
  return POD_EXIT_OK;
}

/* --url, --keypair, --commitment (also as --opt=VALUE) at argv[*k]: 1 and the value stored
 * (*k advanced past a separate value), 0 if argv[*k] is not one of them, -1 (reported) when the
 * value is missing. */
static int valued_opt(pod_cli_opts_t *o, int argc, char **argv, int *k) {
  static const char *const NAMES[] = {"--url", "--keypair", "--commitment"};
  const char **dst[] = {&o->url, &o->keypair, &o->commitment};
  const char *a = argv[*k];
  for (int i = 0; i < 3; i++) {
    size_t n = strlen(NAMES[i]);
    if (strncmp(a, NAMES[i], n)) continue;
    if (a[n] == '=') {
      *dst[i] = a + n + 1;
    } else if (!a[n]) {
      if (*k + 1 >= argc) {
        pod_cli_fail(POD_EXIT_USAGE, "%s needs a value (see 'pod --help')", a);
        return -1;
      }
      *dst[i] = argv[++*k];
    } else {
      continue;
    }
    if (!**dst[i]) {
      pod_cli_fail(POD_EXIT_USAGE, "%s: the value is empty", NAMES[i]);
      return -1;
    }
    if (i == 2) {
      pod_commitment_t c;
      if (pod_cli_parse_commitment(&c, o->commitment)) {
        pod_cli_fail(POD_EXIT_USAGE, "--commitment '%s': use processed, confirmed or finalized",
                     o->commitment);
        return -1;
      }
    }
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  pod_cli_opts_t o = {0};
  const char *nc = getenv("NO_COLOR");
  if (nc && *nc) o.no_color = 1;
  int i = 1, v;
  for (; i < argc && argv[i][0] == '-'; i++) {
    if (!strcmp(argv[i], "--json"))
      o.json = 1;
    else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet"))
      o.quiet = 1;
    else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose"))
      o.verbose = 1;
    else if (!strcmp(argv[i], "--no-color"))
      o.no_color = 1;
    else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      usage(stdout);
      return POD_EXIT_OK;
    } else if (!strcmp(argv[i], "--version"))
      return cmd_version(&o, 0, NULL);
    else if ((v = valued_opt(&o, argc, argv, &i)) != 0) {
      if (v < 0) return POD_EXIT_USAGE;
    } else
      return pod_cli_fail(POD_EXIT_USAGE, "unknown option '%s' (see 'pod --help')", argv[i]);
  }
  if (i >= argc) {
    usage(stderr);
    return POD_EXIT_USAGE;
  }
  if (pod_init() != POD_OK) return pod_cli_fail(POD_EXIT_ERROR, "cannot initialise libsodium");
  for (size_t c = 0; c < NCOMMANDS; c++) {
    if (strcmp(argv[i], commands[c].name)) continue;
    if (pod_cli_wants_help(argc - i, argv + i)) {
      command_help(&commands[c]);
      return POD_EXIT_OK;
    }
    /* Global options may also follow the command name (up to a "--", which the command sees). */
    int n = 0, rest = 0;
    char **args = argv + i;
    for (int k = 0; k < argc - i; k++) {
      if (rest || !strcmp(args[k], "--")) {
        rest = 1;
        args[n++] = args[k];
      } else if (!strcmp(args[k], "--json"))
        o.json = 1;
      else if (!strcmp(args[k], "--no-color"))
        o.no_color = 1;
      else if (!strcmp(args[k], "-q") || !strcmp(args[k], "--quiet"))
        o.quiet = 1;
      else if (!strcmp(args[k], "-v") || !strcmp(args[k], "--verbose"))
        o.verbose = 1;
      else if ((v = valued_opt(&o, argc - i, args, &k)) != 0) {
        if (v < 0) return POD_EXIT_USAGE;
      } else
        args[n++] = args[k];
    }
    return commands[c].fn(&o, n, args);
  }
  return pod_cli_fail(POD_EXIT_USAGE, "unknown command '%s' (see 'pod --help')", argv[i]);
}
