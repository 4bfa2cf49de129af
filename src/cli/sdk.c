/* The commands' link to the SDK: opening a client from the settings, reporting its errors,
 * capability names; `pod airdrop` and `pod balance`. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

const char pod_cli_help_airdrop[] =
    "Requests an airdrop from the ledger's faucet (embedded ledger, podd, or a cluster's RPC\n"
    "faucet) to ADDRESS (default: your keypair's wallet) and waits for it.\n"
    "\n"
    "  AMOUNT            SOL, a decimal with up to 9 fraction digits (default 1)\n"
    "  --lamports N      the amount in lamports instead\n"
    "\n"
    "output:\n"
    "  text    signature: <sig>\\nto: <base58>\\nlamports: <n>\\nbalance: <n>   (-q: signature)\n"
    "  --json  {\"signature\":..,\"to\":..,\"lamports\":n,\"balance\":n}\n";

const char pod_cli_help_balance[] =
    "Prints the balance of ADDRESS (default: your keypair's wallet).\n"
    "\n"
    "output:\n"
    "  text    address: <base58>\\nlamports: <n>\\nsol: <decimal>   (-q: lamports)\n"
    "  --json  {\"address\":..,\"lamports\":n,\"sol\":\"<decimal>\"}\n";

/* ---- capabilities (PROTOCOL.md §8) ---- */
static const struct {
  const char *name;
  uint64_t bit;
} CAPS[] = {
    {"text", POD_CAP_TEXT},
    {"image", POD_CAP_IMAGE},
    {"code", POD_CAP_CODE},
    {"analysis", POD_CAP_ANALYSIS},
    {"trading", POD_CAP_TRADING},
    {"data_processing", POD_CAP_DATA_PROCESSING},
    {"content_generation", POD_CAP_CONTENT_GENERATION},
    {"custom1", POD_CAP_CUSTOM1},
    {"custom2", POD_CAP_CUSTOM2},
};
#define NCAPS (sizeof CAPS / sizeof CAPS[0])

int pod_cli_parse_u64(uint64_t *out, const char *s) {
  if (!*s || *s == '-' || *s == '+' || *s == ' ') return -1;
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 0);
  if (errno || *end) return -1;
  *out = v;
  return 0;
}

int pod_cli_parse_caps(uint64_t *out, const char *s) {
  if (pod_cli_parse_u64(out, s) == 0) return POD_EXIT_OK;
  uint64_t caps = 0;
  const char *p = s;
  for (;;) {
    const char *e = strchr(p, ',');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    char w[32];
    if (n == 0 || n >= sizeof w)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "capabilities '%s': not a number or a list of names "
                          "(text, image, code, analysis, trading, data_processing, "
                          "content_generation, custom1, custom2)",
                          s);
    for (size_t i = 0; i < n; i++)
      w[i] = p[i] == '-' ? '_' : p[i];
    w[n] = '\0';
    size_t k = 0;
    while (k < NCAPS && strcasecmp(w, CAPS[k].name))
      k++;
    if (k == NCAPS)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "capabilities: unknown capability '%s' (text, image, code, analysis, "
                          "trading, data_processing, content_generation, custom1, custom2, or a "
                          "number)",
                          w);
    caps |= CAPS[k].bit;
    if (!e) break;
    p = e + 1;
  }
  *out = caps;
  return POD_EXIT_OK;
}

void pod_cli_caps_names(char *out, size_t out_sz, uint64_t caps) {
  size_t n = 0;
  out[0] = '\0';
  if (!caps) {
    snprintf(out, out_sz, "none");
    return;
  }
  for (unsigned b = 0; b < 64; b++) {
    if (!(caps >> b & 1)) continue;
    char w[16];
    const char *name = b < NCAPS ? CAPS[b].name : (snprintf(w, sizeof w, "bit:%u", b), w);
    int k = snprintf(out + n, out_sz - n, "%s%s", n ? "," : "", name);
    if (k < 0 || (size_t)k >= out_sz - n) return;
    n += (size_t)k;
  }
}

void pod_cli_caps_json(FILE *f, uint64_t caps) {
  fputc('[', f);
  int first = 1;
  for (unsigned b = 0; b < 64; b++) {
    if (!(caps >> b & 1)) continue;
    if (b < NCAPS)
      fprintf(f, "%s\"%s\"", first ? "" : ",", CAPS[b].name);
    else
      fprintf(f, "%s\"bit:%u\"", first ? "" : ",", b);
    first = 0;
  }
  fputc(']', f);
}

/* ---- the client ---- */
static int url_ok(const char *u) {
  static const char *const MONIKERS[] = {"localhost", "devnet", "testnet", "mainnet-beta"};
  if (!strncmp(u, "http://", 7) && u[7]) return 1;
  if (!strncmp(u, "https://", 8) && u[8]) return 1;
  if (!strncmp(u, "embedded:", 9) && u[9]) return 1;
  for (size_t i = 0; i < sizeof MONIKERS / sizeof MONIKERS[0]; i++)
    if (!strcmp(u, MONIKERS[i])) return 1;
  return 0;
}

/* A `pod node` running on ledger dir: its RPC URL into url (0), or -1. */
static int node_url(char *url, size_t url_sz, const char *dir) {
  char path[POD_CLI_PATH_SZ + 16];
  if (strlen(dir) > POD_CLI_PATH_SZ) return -1;
  memcpy(path, dir, strlen(dir));
  memcpy(path + strlen(dir), "/podd.pid", sizeof "/podd.pid");
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  long pid = 0;
  char u[512];
  int ok = fscanf(f, "%ld %511s", &pid, u) == 2 && pid > 0;
  fclose(f);
  if (!ok || kill((pid_t)pid, 0) != 0 || strlen(u) >= url_sz) return -1;
  memcpy(url, u, strlen(u) + 1);
  return 0;
}

int pod_cli_client(pod_client **out, const pod_cli_opts_t *o, int signer) {
  *out = NULL;
  pod_cli_settings_t s;
  int rc = pod_cli_settings(&s, o);
  if (rc) return rc;
  if (!url_ok(s.url))
    return pod_cli_fail(!strcmp(s.url_src, "flag") ? POD_EXIT_USAGE : POD_EXIT_ERROR,
                        "url '%s' (from %s): not an endpoint; use http://HOST:PORT, https://..., "
                        "embedded:DIR, localhost, devnet, testnet or mainnet-beta",
                        s.url, s.url_src);
  char url[POD_CLI_PATH_SZ];
  memcpy(url, s.url, sizeof url);
  if (!strncmp(s.url, "embedded:", 9)) {
    const char *dir = s.url + 9;
    if (node_url(url, sizeof url, dir) == 0) {
      if (o->verbose) fprintf(stderr, "pod: podd runs on %s: using %s\n", dir, url);
    } else if (pod_cli_mkdirs(dir, 1)) {
      return pod_cli_fail(POD_EXIT_ERROR, "cannot create the ledger directory %s: %s", dir,
                          strerror(errno));
    }
  }
  pod_client_opts_t co = POD_CLIENT_OPTS_INIT;
  co.endpoint = url;
  pod_cli_parse_commitment(&co.commitment, s.commitment);
  /* off-chain content elsewhere than the ledger (an IPFS node's HTTP API, another podd) */
  const char *content_url = getenv("POD_CONTENT_URL");
  if (content_url && *content_url) co.content_url = content_url;
  pod_keypair_t kp;
  int have_kp = 0;
  if (signer != POD_CLI_NO_SIGNER && *s.keypair) {
    int insecure = 0;
    errno = 0;
    rc = pod_keypair_read_file(&kp, s.keypair, &insecure);
    int err = errno;
    if (rc == POD_ENOTFOUND)
      return pod_cli_fail(POD_EXIT_ERROR,
                          "keypair %s (from %s) does not exist; create it with `pod keygen -o %s` "
                          "or pass --keypair FILE",
                          s.keypair, s.keypair_src, s.keypair);
    if (rc == POD_EDECODE)
      return pod_cli_fail(POD_EXIT_ERROR,
                          "%s is not a Solana keypair file (a JSON array of 64 numbers)",
                          s.keypair);
    if (rc != POD_OK)
      return pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", s.keypair,
                          rc == POD_EIO && err ? strerror(err) : pod_strerror(rc));
    if (insecure)
      fprintf(stderr, "pod: warning: %s is readable by others; run chmod 600 %s\n", s.keypair,
              s.keypair);
    have_kp = 1;
    co.keypair = &kp;
  }
  if (signer == POD_CLI_SIGNER_REQUIRED && !have_kp)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "no keypair: run `pod keygen` or pass --keypair FILE (pod keygen writes "
                        "~/.config/solana/id.json, the default)");
  char err[512];
  rc = pod_client_new_err(out, err, sizeof err, &co);
  if (have_kp) pod_keypair_wipe(&kp);
  if (rc == POD_EPERM && !strncmp(url, "embedded:", 9))
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the ledger %s is open in another process (a podd? then pass --url "
                        "http://127.0.0.1:PORT): %s",
                        url + 9, err);
  if (rc) return pod_cli_fail(POD_EXIT_ERROR, "cannot open %s: %s", url, err);
  return POD_EXIT_OK;
}

int pod_cli_sdk_fail(pod_client *c, const pod_cli_opts_t *o, int rc, const char *what) {
  const char *msg = pod_client_errmsg(c);
  if (rc == POD_EPROGRAM) {
    const pod_program_error_t *pe = pod_client_last_program_error(c);
    size_t nlogs = 0;
    const char *const *logs = pod_client_last_logs(c, &nlogs);
    int before = strstr(msg, "before sending") != NULL;
    if (pe)
      pod_cli_fail(POD_EXIT_TXFAIL, "%s: transaction rejected: %s (%u): %s%s", what, pe->name,
                   (unsigned)pe->code, pe->message,
                   before ? " (refused before sending: nothing was charged)" : "");
    else
      pod_cli_fail(POD_EXIT_TXFAIL, "%s: transaction rejected: %s", what, msg);
    if (o->verbose) {
      if (pe) fprintf(stderr, "pod: %s\n", msg);
      for (size_t i = 0; i < nlogs; i++)
        fprintf(stderr, "  log: %s\n", logs[i]);
    }
    return POD_EXIT_TXFAIL;
  }
  return pod_cli_fail(POD_EXIT_ERROR, "%s: %s", what, *msg ? msg : pod_strerror(rc));
}

/* ---- airdrop, balance ---- */
void pod_cli_sol_text(char out[32], uint64_t lamports) {
  uint64_t frac = lamports % 1000000000u;
  int n = snprintf(out, 32, "%llu", (unsigned long long)(lamports / 1000000000u));
  if (frac) {
    char f[16];
    snprintf(f, sizeof f, "%09llu", (unsigned long long)frac);
    size_t k = 9;
    while (f[k - 1] == '0')
      k--;
    f[k] = '\0';
    snprintf(out + n, (size_t)(32 - n), ".%s", f);
  }
}

/* "1", "0.5", "2.000000001" SOL -> lamports. */
int pod_cli_parse_sol(uint64_t *out, const char *s) {
  uint64_t whole = 0, frac = 0;
  const char *p = s;
  int digits = 0;
  for (; *p >= '0' && *p <= '9'; p++, digits++) {
    if (whole > (UINT64_MAX - 9) / 10) return -1;
    whole = whole * 10 + (uint64_t)(*p - '0');
  }
  if (*p == '.') {
    p++;
    int k = 0;
    for (; *p >= '0' && *p <= '9'; p++, k++, digits++) {
      if (k >= 9) return -1;
      frac = frac * 10 + (uint64_t)(*p - '0');
    }
    for (; k < 9; k++)
      frac *= 10;
  }
  if (*p || !digits || whole > UINT64_MAX / 1000000000u) return -1;
  uint64_t v = whole * 1000000000u;
  if (v > UINT64_MAX - frac) return -1;
  *out = v + frac;
  return 0;
}

int pod_cli_looks_numeric(const char *s) {
  if (!*s || strlen(s) > 30) return 0;
  for (; *s; s++)
    if (!(*s >= '0' && *s <= '9') && *s != '.') return 0;
  return 1;
}

/* The wallet to act on: addr, or the signer's. */
static int target(pod_pubkey_t *pk, pod_client *c, const char *addr, const char *cmd) {
  if (addr) return pod_cli_parse_pubkey(pk, "ADDRESS", addr);
  if (pod_client_pubkey(pk, c) != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "%s: no ADDRESS and no keypair: give an address, run `pod keygen` or pass "
                        "--keypair FILE",
                        cmd);
  return POD_EXIT_OK;
}

int pod_cmd_airdrop(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t lamports = 1000000000u;
  int have_amount = 0;
  const char *addr = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--lamports")) {
      if (i + 1 >= argc || pod_cli_parse_u64(&lamports, argv[i + 1]) || have_amount)
        return pod_cli_fail(POD_EXIT_USAGE, "airdrop: --lamports needs one number of lamports");
      have_amount = 1;
      i++;
    } else if (a[0] == '-' && a[1] && strcmp(a, "--")) {
      return pod_cli_fail(POD_EXIT_USAGE, "airdrop: unknown option '%s' (see 'pod airdrop --help')",
                          a);
    } else if (!strcmp(a, "--")) {
      continue;
    } else if (!have_amount && !addr && pod_cli_looks_numeric(a)) {
      if (pod_cli_parse_sol(&lamports, a))
        return pod_cli_fail(POD_EXIT_USAGE,
                            "airdrop: amount '%s': give SOL as a decimal with at most 9 fraction "
                            "digits (or --lamports N)",
                            a);
      have_amount = 1;
    } else if (!addr) {
      addr = a;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "airdrop: unexpected argument '%s'", a);
    }
  }
  if (lamports == 0) return pod_cli_fail(POD_EXIT_USAGE, "airdrop: the amount must not be 0");
  pod_pubkey_t to;
  if (addr && pod_cli_parse_pubkey(&to, "ADDRESS", addr)) return POD_EXIT_USAGE;
  pod_client *c;
  int rc = pod_cli_client(&c, o, addr ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_OPTIONAL);
  if (rc) return rc;
  if ((rc = target(&to, c, addr, "airdrop")) != 0) goto done;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_client_airdrop(sig, c, &to, lamports);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "airdrop");
    goto done;
  }
  uint64_t bal = 0;
  r = pod_client_balance(&bal, c, &to);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "balance");
    goto done;
  }
  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, &to);
  if (o->json)
    printf("{\"signature\":\"%s\",\"to\":\"%s\",\"lamports\":%llu,\"balance\":%llu}\n", sig, b58,
           (unsigned long long)lamports, (unsigned long long)bal);
  else if (o->quiet)
    printf("%s\n", sig);
  else
    printf("signature: %s\nto: %s\nlamports: %llu\nbalance: %llu\n", sig, b58,
           (unsigned long long)lamports, (unsigned long long)bal);
done:
  pod_client_free(c);
  return rc;
}

int pod_cmd_balance(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *addr = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--")) continue;
    if (argv[i][0] == '-' && argv[i][1])
      return pod_cli_fail(POD_EXIT_USAGE, "balance: unknown option '%s'", argv[i]);
    if (addr) return pod_cli_fail(POD_EXIT_USAGE, "balance: unexpected argument '%s'", argv[i]);
    addr = argv[i];
  }
  pod_pubkey_t pk;
  if (addr && pod_cli_parse_pubkey(&pk, "ADDRESS", addr)) return POD_EXIT_USAGE;
  pod_client *c;
  int rc = pod_cli_client(&c, o, addr ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_OPTIONAL);
  if (rc) return rc;
  if ((rc = target(&pk, c, addr, "balance")) != 0) goto done;
  uint64_t bal = 0;
  int r = pod_client_balance(&bal, c, &pk);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "balance");
    goto done;
  }
  char b58[POD_PUBKEY_B58_SZ], sol[32];
  pod_pubkey_to_base58(b58, &pk);
  pod_cli_sol_text(sol, bal);
  if (o->json)
    printf("{\"address\":\"%s\",\"lamports\":%llu,\"sol\":\"%s\"}\n", b58, (unsigned long long)bal,
           sol);
  else if (o->quiet)
    printf("%llu\n", (unsigned long long)bal);
  else
    printf("address: %s\nlamports: %llu\nsol: %s\n", b58, (unsigned long long)bal, sol);
done:
  pod_client_free(c);
  return rc;
}
