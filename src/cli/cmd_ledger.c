/* pod ledger verify DIR: the ledger's invariants, as pod_ledger_verify checks them. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

const char pod_cli_help_ledger[] =
    "pod ledger verify DIR\n"
    "  Opens the ledger in DIR (an existing one: nothing is created) and checks its invariants\n"
    "  over the committed state: lamports are conserved (genesis + minted by the faucet - fees\n"
    "  burned = the sum of all balances), the indexes match the accounts and transactions, and\n"
    "  every PoD account decodes, has its space and rent, sits at its PDA and names accounts\n"
    "  that exist (see docs/LEDGER.md).\n"
    "  The ledger must not be open in another process (stop podd first, or verify a copy).\n"
    "  Exit 0 when every invariant holds, 3 when one does not (the report is printed either way)\n"
    "  or the ledger cannot be read.\n"
    "\n"
    "output:\n"
    "  text    key: value lines, one 'ok'/'FAIL' line per check, then 'result: ok|FAIL'\n"
    "  --json  "
    "{\"ledger\":DIR,\"ok\":bool,\"accounts\":n,\"transactions\":n,\"genesis_lamports\":n,\n"
    "          \"minted\":n,\"burned\":n,\"expected_lamports\":n,\"total_lamports\":n,\n"
    "          \"index_errors\":n,\"pod_accounts\":n,\"pod_errors\":n,\"pod_unverified\":n,\n"
    "          \"checks\":[{\"name\":..,\"ok\":bool,\"detail\":..},...]}\n"
    "  pod_accounts: accounts owned by the PoD program; pod_errors: those failing a check;\n"
    "  pod_unverified: those whose address cannot be re-derived (a channel message's nonce is not\n"
    "  stored; a channel trimmed or renamed), counted, not errors.\n";

/* One invariant and what the report says of it. */
typedef struct {
  const char *name; /* stable, for JSON */
  const char *what; /* for people */
  int ok;
  char detail[160];
} check_t;

#define CHECKS_MAX 8

static size_t build_checks(check_t *c, const pod_ledger_report_t *r) {
  size_t n = 0;
  check_t *k = &c[n++];
  k->name = "lamports_conserved";
  k->what = "lamports conserved (genesis + minted - burned = sum of balances)";
  k->ok = r->total_lamports == r->expected_lamports;
  if (k->ok)
    snprintf(k->detail, sizeof k->detail, "%llu lamports", (unsigned long long)r->total_lamports);
  else
    snprintf(k->detail, sizeof k->detail, "the balances sum to %llu, expected %llu (%s %llu)",
             (unsigned long long)r->total_lamports, (unsigned long long)r->expected_lamports,
             r->total_lamports > r->expected_lamports ? "excess" : "missing",
             (unsigned long long)(r->total_lamports > r->expected_lamports
                                      ? r->total_lamports - r->expected_lamports
                                      : r->expected_lamports - r->total_lamports));
  k = &c[n++];
  k->name = "indexes_consistent";
  k->what = "indexes consistent with accounts and transactions";
  k->ok = r->index_errors == 0;
  snprintf(k->detail, sizeof k->detail, "%llu index entr%s missing or dangling",
           (unsigned long long)r->index_errors, r->index_errors == 1 ? "y" : "ies");
  k = &c[n++];
  k->name = "pod_accounts_valid";
  k->what = "PoD accounts valid (decode, space, rent, PDA, references)";
  k->ok = r->pod_errors == 0;
  snprintf(k->detail, sizeof k->detail,
           "%llu PoD account%s, %llu failing a check, %llu whose address cannot be re-derived",
           (unsigned long long)r->pod_accounts, r->pod_accounts == 1 ? "" : "s",
           (unsigned long long)r->pod_errors, (unsigned long long)r->pod_unverified);
  return n;
}

static int verify(const pod_cli_opts_t *o, const char *dir) {
  struct stat st;
  if (stat(dir, &st) != 0) {
    if (errno == ENOENT)
      return pod_cli_fail(POD_EXIT_ERROR, "ledger directory %s does not exist", dir);
    return pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", dir, strerror(errno));
  }
  if (!S_ISDIR(st.st_mode))
    return pod_cli_fail(POD_EXIT_ERROR, "%s is not a directory; give the ledger's directory", dir);
  /* pod_ledger_open creates a ledger in an empty directory: make sure there is one (LMDB keeps
   * its data in data.mdb). */
  char path[4096];
  if ((size_t)snprintf(path, sizeof path, "%s/data.mdb", dir) >= sizeof path)
    return pod_cli_fail(POD_EXIT_USAGE, "the path %s is too long", dir);
  if (stat(path, &st) != 0)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "%s is not a ledger (it has no data.mdb); 'pod ledger verify' checks an "
                        "existing ledger and creates none",
                        dir);

  pod_ledger_opts_t opts = POD_LEDGER_OPTS_INIT;
  opts.manual_clock = 1; /* leave the clock where it is */
  pod_ledger *l = NULL;
  int rc = pod_ledger_open(&l, dir, &opts);
  if (rc == POD_EPERM)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the ledger %s is open in another process (podd?); stop it, or verify a "
                        "copy of the directory",
                        dir);
  if (rc == POD_EDECODE)
    return pod_cli_fail(POD_EXIT_ERROR, "%s is not a ledger of this version", dir);
  if (rc != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot open the ledger %s: %s", dir, pod_strerror(rc));
  pod_ledger_report_t r;
  memset(&r, 0, sizeof r);
  rc = pod_ledger_verify(l, &r);
  pod_ledger_close(l);
  if (rc != POD_OK && rc != POD_EPROGRAM)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot verify the ledger %s: %s", dir, pod_strerror(rc));

  check_t c[CHECKS_MAX];
  size_t n = build_checks(c, &r), failed = 0;
  for (size_t i = 0; i < n; i++)
    failed += !c[i].ok;
  /* The library has the last word: a failure it reports that no check above explains. */
  int ok = rc == POD_OK && !failed;

  if (o->json) {
    printf("{\"ledger\":");
    pod_cli_json_str(stdout, dir, strlen(dir));
    printf(",\"ok\":%s,\"accounts\":%llu,\"transactions\":%llu,\"genesis_lamports\":%llu,"
           "\"minted\":%llu,\"burned\":%llu,\"expected_lamports\":%llu,\"total_lamports\":%llu,"
           "\"index_errors\":%llu,\"pod_accounts\":%llu,\"pod_errors\":%llu,"
           "\"pod_unverified\":%llu,\"checks\":[",
           ok ? "true" : "false", (unsigned long long)r.accounts,
           (unsigned long long)r.transactions, (unsigned long long)r.genesis_lamports,
           (unsigned long long)r.minted, (unsigned long long)r.burned,
           (unsigned long long)r.expected_lamports, (unsigned long long)r.total_lamports,
           (unsigned long long)r.index_errors, (unsigned long long)r.pod_accounts,
           (unsigned long long)r.pod_errors, (unsigned long long)r.pod_unverified);
    for (size_t i = 0; i < n; i++) {
      printf("%s{\"name\":\"%s\",\"ok\":%s,\"detail\":", i ? "," : "", c[i].name,
             c[i].ok ? "true" : "false");
      pod_cli_json_str(stdout, c[i].detail, strlen(c[i].detail));
      putchar('}');
    }
    printf("]}\n");
  } else {
    printf("ledger: %s\naccounts: %llu\npod_accounts: %llu\npod_errors: %llu\n"
           "pod_unverified: %llu\ntransactions: %llu\n",
           dir, (unsigned long long)r.accounts, (unsigned long long)r.pod_accounts,
           (unsigned long long)r.pod_errors, (unsigned long long)r.pod_unverified,
           (unsigned long long)r.transactions);
    printf("genesis_lamports: %llu\nminted: %llu\nburned: %llu\nexpected_lamports: %llu\n"
           "total_lamports: %llu\n",
           (unsigned long long)r.genesis_lamports, (unsigned long long)r.minted,
           (unsigned long long)r.burned, (unsigned long long)r.expected_lamports,
           (unsigned long long)r.total_lamports);
    for (size_t i = 0; i < n; i++)
      printf("%-4s %s: %s\n", c[i].ok ? "ok" : "FAIL", c[i].what, c[i].detail);
    printf("result: %s\n", ok ? "ok" : "FAIL");
  }
  if (ok) return POD_EXIT_OK;
  if (!failed)
    return pod_cli_fail(POD_EXIT_ERROR, "ledger %s: pod_ledger_verify reports a violation: %s", dir,
                        pod_strerror(rc));
  fprintf(stderr, "pod: ledger %s: %zu invariant%s violated:", dir, failed, failed == 1 ? "" : "s");
  for (size_t i = 0, shown = 0; i < n; i++)
    if (!c[i].ok) fprintf(stderr, "%s %s: %s", shown++ ? ";" : "", c[i].name, c[i].detail);
  fputc('\n', stderr);
  return POD_EXIT_ERROR;
}

int pod_cmd_ledger(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "ledger: what should be done? usage: pod ledger verify DIR");
  if (strcmp(argv[1], "verify"))
    return pod_cli_fail(POD_EXIT_USAGE,
                        "ledger: unknown subcommand '%s'; there is: pod ledger verify DIR",
                        argv[1]);
  const char *dir = NULL;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--") && i + 1 < argc && !dir)
      a = argv[++i];
    else if (a[0] == '-' && a[1])
      return pod_cli_fail(POD_EXIT_USAGE,
                          "ledger verify: unknown option '%s' (see 'pod ledger --help')", a);
    if (dir)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "ledger verify: takes one directory, got a second argument '%s'", a);
    dir = a;
  }
  if (!dir)
    return pod_cli_fail(POD_EXIT_USAGE, "ledger verify: give the ledger's directory: pod ledger "
                                        "verify DIR");
  return verify(o, dir);
}
