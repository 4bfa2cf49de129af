/* pod errors [CODE]: the error table of errors.h (program, Anchor and System entries). */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

const char pod_cli_help_errors[] =
    "Without CODE: every error a PoD transaction can fail with (the program's 6000-6017, the\n"
    "Anchor framework errors it can produce, the System program's 0 and 1): code, hex, origin,\n"
    "name, message (-v: and when it happens).\n"
    "With CODE (decimal 6001, hex 0x1771, or a name such as Unauthorized, any case): that entry,\n"
    "with when it happens and the log lines and JSON error a transaction shows for it.\n"
    "\n"
    "output:\n"
    "  text    a table; for one CODE, key: value lines (-q: the name alone)\n"
    "  --json  "
    "{\"errors\":[{\"code\":6000,\"hex\":\"0x1770\",\"name\":..,\"message\":..,\"origin\":\n"
    "          \"program\",\"reachable\":true,\"when\":..},...]}; for one CODE that object with\n"
    "          anchor_log, failed_log and tx_error added\n";

/* 1 if s is a decimal or 0x-hex number: *out receives it, *overflow is set when it is above
 * UINT32_MAX. 0 if s is not a number (then it may be a name). */
static int parse_code(const char *s, uint32_t *out, int *overflow) {
  int base = 10;
  const char *p = s;
  *overflow = 0;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (!*p) return 0;
  uint64_t v = 0;
  for (; *p; p++) {
    int d;
    if (*p >= '0' && *p <= '9')
      d = *p - '0';
    else if (base == 16 && isxdigit((unsigned char)*p))
      d = tolower((unsigned char)*p) - 'a' + 10;
    else
      return 0;
    v = v * (uint64_t)base + (uint64_t)d;
    if (v > UINT32_MAX) {
      *overflow = 1;
      v = UINT32_MAX; /* stays bounded; the value is not used */
    }
  }
  *out = (uint32_t)v;
  return 1;
}

static const pod_program_error_t *find_code(uint32_t code) {
  for (size_t i = 0; i < pod_error_count(); i++) {
    const pod_program_error_t *e = pod_error_at(i);
    if (e->code == code) return e;
  }
  return NULL;
}

static const pod_program_error_t *find_name(const char *name) {
  for (size_t i = 0; i < pod_error_count(); i++) {
    const pod_program_error_t *e = pod_error_at(i);
    if (!strcasecmp(e->name, name)) return e;
  }
  return NULL;
}

static void print_table(const pod_cli_opts_t *o) {
  size_t n = pod_error_count(), wname = 4;
  for (size_t i = 0; i < n; i++) {
    size_t l = strlen(pod_error_at(i)->name);
    if (l > wname) wname = l;
  }
  if (o->json) {
    printf("{\"errors\":[");
    for (size_t i = 0; i < n; i++) {
      printf("%s{", i ? "," : "");
      pod_cli_error_json_members(stdout, pod_error_at(i));
      putchar('}');
    }
    printf("]}\n");
    return;
  }
  printf("%-5s %-7s %-8s %-*s %s\n", "code", "hex", "origin", (int)wname, "name", "message");
  for (size_t i = 0; i < n; i++) {
    const pod_program_error_t *e = pod_error_at(i);
    char hex[16];
    snprintf(hex, sizeof hex, "0x%lx", (unsigned long)e->code);
    printf("%-5lu %-7s %-8s %-*s %s%s\n", (unsigned long)e->code, hex, pod_cli_error_origin(e),
           (int)wname, e->name, e->message, e->reachable ? "" : " (never returned)");
    if (o->verbose && e->when) printf("      when: %s\n", e->when);
  }
}

/* The log lines and JSON error of a transaction failing with e in its first instruction. */
typedef struct {
  char anchor_log[POD_ANCHOR_LOG_SZ]; /* "" for System entries (no Anchor line) */
  char failed_log[POD_TX_ERROR_TEXT_SZ + 96];
  char tx_error[POD_TX_ERROR_TEXT_SZ];
} shown_t;

static void shown(shown_t *s, const pod_program_error_t *e) {
  memset(s, 0, sizeof *s);
  if (pod_anchor_error_log(s->anchor_log, sizeof s->anchor_log, NULL, NULL, e->code, NULL) !=
      POD_OK)
    s->anchor_log[0] = '\0';
  char b58[POD_PUBKEY_B58_SZ], text[POD_TX_ERROR_TEXT_SZ];
  const pod_pubkey_t *prog =
      e->origin == POD_ERR_ORIGIN_SYSTEM ? &pod_system_program_id : &pod_program_id;
  if (pod_ix_error_format(text, sizeof text, NULL, POD_IXERR_CUSTOM, e->code) == POD_OK)
    snprintf(s->failed_log, sizeof s->failed_log, "Program %s failed: %s",
             pod_pubkey_to_base58(b58, prog), text);
  pod_tx_error_t te = {POD_TXERR_INSTRUCTION_ERROR, 0, POD_IXERR_CUSTOM, e->code};
  if (pod_tx_error_json(s->tx_error, sizeof s->tx_error, NULL, &te) != POD_OK)
    s->tx_error[0] = '\0';
}

static void print_one(const pod_cli_opts_t *o, const pod_program_error_t *e) {
  shown_t s;
  shown(&s, e);
  if (o->json) {
    putchar('{');
    pod_cli_error_json_members(stdout, e);
    printf(",\"anchor_log\":");
    if (s.anchor_log[0])
      pod_cli_json_str(stdout, s.anchor_log, strlen(s.anchor_log));
    else
      printf("null");
    printf(",\"failed_log\":");
    pod_cli_json_str(stdout, s.failed_log, strlen(s.failed_log));
    printf(",\"tx_error\":%s}\n", s.tx_error[0] ? s.tx_error : "null");
    return;
  }
  if (o->quiet) {
    printf("%s\n", e->name);
    return;
  }
  printf("code: %lu\nhex: 0x%lx\nname: %s\nmessage: %s\norigin: %s\nreachable: %s\n",
         (unsigned long)e->code, (unsigned long)e->code, e->name, e->message,
         pod_cli_error_origin(e),
         e->reachable ? "yes" : "no (defined, but the program never returns it)");
  if (e->when) printf("when: %s\n", e->when);
  if (s.anchor_log[0]) printf("anchor_log: Program log: %s\n", s.anchor_log);
  if (s.failed_log[0]) printf("failed_log: %s\n", s.failed_log);
  if (s.tx_error[0]) printf("tx_error: %s\n", s.tx_error);
}

int pod_cmd_errors(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *arg = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--") && i + 1 < argc && !arg)
      a = argv[++i];
    else if (a[0] == '-' && a[1])
      return pod_cli_fail(POD_EXIT_USAGE, "errors: unknown option '%s' (see 'pod errors --help')",
                          a);
    if (arg)
      return pod_cli_fail(POD_EXIT_USAGE, "errors: takes one CODE, got a second argument '%s'", a);
    arg = a;
  }
  if (!arg) {
    print_table(o);
    return POD_EXIT_OK;
  }
  uint32_t code = 0;
  int overflow = 0;
  const pod_program_error_t *e;
  if (parse_code(arg, &code, &overflow)) {
    e = overflow ? NULL : find_code(code);
    if (!e)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "unknown error code %s: the PoD program's codes are 6000-6017; the "
                          "Anchor framework's are 100-5000 (those the program can produce are "
                          "listed); the System program's are 0 and 1 (see 'pod errors')",
                          arg);
  } else {
    e = find_name(arg);
    if (!e)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "unknown error '%s': give a code (6001), a hex code (0x1771) or a name "
                          "such as Unauthorized (see 'pod errors')",
                          arg);
  }
  print_one(o, e);
  return POD_EXIT_OK;
}
