/* pod — the PoD Protocol command-line tool. Global options, then a command. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
    {"channel", pod_cmd_channel,
     "create|info|list|join|leave|broadcast|invite|participants|messages|update ...",
     "create, join and post to channels", pod_cli_help_channel},
    {"escrow", pod_cmd_escrow, "deposit|withdraw|balance|list ...",
     "deposit to and withdraw from channel escrows", pod_cli_help_escrow},
    {"events", pod_cmd_events, "[--count N] [--timeout SECONDS]",
     "follow the program's events live", pod_cli_help_events},
    {"discover", pod_cmd_discover, "agents|channels|recommend ...",
     "search agents and channels, get recommendations", pod_cli_help_discover},
    {"analytics", pod_cmd_analytics, "[--json]", "counts and activity statistics of the ledger",
     pod_cli_help_analytics},
    {"quickstart", pod_cmd_quickstart, "[--dir DIR] [--url URL] [--keep]",
     "run the whole PoD story on a fresh ledger (the first command to try)",
     pod_cli_help_quickstart},
    {"bench", pod_cmd_bench, "[--count N] [--url URL]",
     "run the SDK benchmarks and print the table", pod_cli_help_bench},
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

/* ---- colour and progress ---- */
int pod_cli_color(const pod_cli_opts_t *o, FILE *f) {
  const char *nc = getenv("NO_COLOR");
  return !o->no_color && !(nc && *nc) && isatty(fileno(f));
}

const char *pod_cli_bold(const pod_cli_opts_t *o, FILE *f) {
  return pod_cli_color(o, f) ? "\033[1m" : "";
}

const char *pod_cli_reset(const pod_cli_opts_t *o, FILE *f) {
  return pod_cli_color(o, f) ? "\033[0m" : "";
}

long long pod_cli_now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

long long pod_cli_now_ms(void) { return pod_cli_now_ns() / 1000000LL; }

#define PROGRESS_WIDTH 30

static void progress_draw(pod_cli_progress_t *p) {
  uint64_t t = p->total ? p->total : 1, d = p->done > t ? t : p->done;
  int fill = (int)(d * PROGRESS_WIDTH / t);
  char bar[PROGRESS_WIDTH + 1];
  for (int i = 0; i < PROGRESS_WIDTH; i++)
    bar[i] = i < fill ? '#' : '-';
  bar[PROGRESS_WIDTH] = '\0';
  fprintf(stderr, "\r\033[K%s %s[%s]%s %llu/%llu %3u%%", p->label, p->color ? "\033[36m" : "", bar,
          p->color ? "\033[0m" : "", (unsigned long long)d, (unsigned long long)t,
          (unsigned)(d * 100 / t));
  fflush(stderr);
  p->last_ms = pod_cli_now_ms();
}

void pod_cli_progress_start(pod_cli_progress_t *p, const pod_cli_opts_t *o, const char *label,
                            uint64_t total) {
  memset(p, 0, sizeof *p);
  p->on = !o->quiet && !o->json && isatty(STDERR_FILENO);
  p->color = p->on && pod_cli_color(o, stderr);
  p->label = label;
  p->total = total;
  if (p->on) progress_draw(p);
}

void pod_cli_progress_set(pod_cli_progress_t *p, uint64_t done) {
  p->done = done;
  if (p->on && (done >= p->total || pod_cli_now_ms() - p->last_ms >= 50)) progress_draw(p);
}

void pod_cli_progress_done(pod_cli_progress_t *p) {
  if (p->on) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  p->on = 0;
}

int pod_cli_wants_help(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) return 0;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) return 1;
  }
  return 0;
}

/* Global options, exit codes, environment: printed by --help and by the man page. */
static const struct {
  const char *opt, *help;
} GLOBAL_OPTS[] = {
    {"--url URL", "http(s)://..., embedded:DIR, localhost, devnet, testnet, mainnet-beta"},
    {"--keypair FILE", "the signer's keypair (default ~/.config/solana/id.json)"},
    {"--commitment LEVEL", "processed, confirmed (default) or finalized"},
    {"--json", "machine-readable output on stdout (stable field names)"},
    {"-q, --quiet", "the essential value alone"},
    {"-v, --verbose", "more detail"},
    {"--no-color", "no colour (also when NO_COLOR is set)"},
    {"-h, --help", "help (also 'pod help COMMAND' and 'pod COMMAND --help')"},
    {"--version", "the version"},
};
static const struct {
  int code;
  const char *help;
} EXIT_CODES[] = {
    {POD_EXIT_OK, "success"},
    {POD_EXIT_USAGE, "bad command line (unknown command or option, a malformed argument)"},
    {POD_EXIT_TXFAIL, "a transaction was rejected (the program error is named)"},
    {POD_EXIT_ERROR, "anything else: files, network, a missing account, a failed check"},
};
static const struct {
  const char *var, *help;
} ENVIRONMENT[] = {
    {"POD_URL, POD_KEYPAIR, POD_COMMITMENT", "the settings, after the flags and before the "
                                             "config files"},
    {"POD_CONTENT_URL", "where message payloads are stored and read (an IPFS HTTP API such as "
                        "http://127.0.0.1:5001, or a podd); default: the ledger's own store"},
    {"XDG_CONFIG_HOME", "pod's config file is $XDG_CONFIG_HOME/pod/config (else "
                        "~/.config/pod/config)"},
    {"XDG_DATA_HOME", "the default ledger is $XDG_DATA_HOME/pod/ledger (else "
                      "~/.local/share/pod/ledger)"},
    {"NO_COLOR", "when set and not empty: no colour"},
    {"POD_PODD", "the podd binary 'pod node start' runs"},
};
#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void usage(FILE *f) {
  fprintf(f,
          "usage: pod [options] <command> [args...]\n\noptions (before or after the command):\n");
  for (size_t i = 0; i < NELEMS(GLOBAL_OPTS); i++)
    fprintf(f, "  %-20s %s\n", GLOBAL_OPTS[i].opt, GLOBAL_OPTS[i].help);
  fprintf(f, "\ncommands:\n");
  for (size_t i = 0; i < NCOMMANDS; i++) {
    if (*commands[i].usage)
      fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].usage);
    else
      fprintf(f, "  %s\n", commands[i].name);
    fprintf(f, "            %s\n", commands[i].help);
  }
  fprintf(f, "\nexit status:\n");
  for (size_t i = 0; i < NELEMS(EXIT_CODES); i++)
    fprintf(f, "  %d  %s\n", EXIT_CODES[i].code, EXIT_CODES[i].help);
  fprintf(f, "\n'pod <command> --help' shows a command's help; 'man pod' all of them.\n");
}

/* ---- the man page (pod help --man): roff made from the tables above and the help texts ---- */
/* Writes n bytes of s as roff text: backslashes escaped, '-' as \-, a leading '.' or '\''
 * protected; bold: the whole text in \fB..\fR. */
static void roff_text(const char *s, size_t n, int bold) {
  int bol = 1;
  if (bold) fputs("\\fB", stdout);
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (bol && (c == '.' || c == '\'')) fputs("\\&", stdout);
    if (c == '\\')
      fputs("\\e", stdout);
    else if (c == '-')
      fputs("\\-", stdout);
    else
      putchar(c);
    bol = c == '\n';
  }
  if (bold) fputs("\\fR", stdout);
}
static void roff(const char *s) { roff_text(s, strlen(s), 0); }

static int print_man(void) {
  printf(".TH POD 1 \"\" \"pod %s\" \"PoD Protocol\"\n", pod_version());
  printf(".SH NAME\npod \\- the PoD Protocol command\\-line tool (AI agents on Solana)\n");
  printf(".SH SYNOPSIS\n.B pod\n[\\fIoptions\\fR] \\fIcommand\\fR [\\fIargs\\fR...]\n");
  printf(".SH DESCRIPTION\n");
  printf("\\fBpod\\fR registers agents, sends direct messages, runs channels and escrows of the "
         "PoD program, on an embedded ledger, a \\fBpodd\\fR or any Solana JSON\\-RPC endpoint; it "
         "also derives addresses and decodes transactions, accounts and logs. "
         "\\fBpod quickstart\\fR runs the whole story on a fresh ledger.\n");
  printf(".SH OPTIONS\n");
  for (size_t i = 0; i < NELEMS(GLOBAL_OPTS); i++) {
    printf(".TP\n");
    roff_text(GLOBAL_OPTS[i].opt, strlen(GLOBAL_OPTS[i].opt), 1);
    printf("\n");
    roff(GLOBAL_OPTS[i].help);
    printf("\n");
  }
  printf(".SH COMMANDS\n");
  for (size_t i = 0; i < NCOMMANDS; i++) {
    const pod_cli_cmd_t *c = &commands[i];
    printf(".SS \"");
    roff_text(c->name, strlen(c->name), 0);
    if (*c->usage) {
      putchar(' ');
      roff(c->usage);
    }
    printf("\"\n");
    roff(c->help);
    printf(".\n");
    if (c->details && *c->details) {
      printf(".PP\n.nf\n");
      roff(c->details);
      if (c->details[strlen(c->details) - 1] != '\n') putchar('\n');
      printf(".fi\n");
    }
  }
  printf(".SH EXIT STATUS\n");
  for (size_t i = 0; i < NELEMS(EXIT_CODES); i++) {
    printf(".TP\n.B %d\n", EXIT_CODES[i].code);
    roff(EXIT_CODES[i].help);
    printf("\n");
  }
  printf(".SH ENVIRONMENT\n");
  for (size_t i = 0; i < NELEMS(ENVIRONMENT); i++) {
    printf(".TP\n");
    roff_text(ENVIRONMENT[i].var, strlen(ENVIRONMENT[i].var), 1);
    printf("\n");
    roff(ENVIRONMENT[i].help);
    printf("\n");
  }
  printf(".SH SEE ALSO\n.BR podd (1),\n.BR solana (1)\n");
  return POD_EXIT_OK;
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
  if (argc > 1 && !strcmp(argv[1], "--man")) return print_man(); /* hidden: the man page */
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
