/* pod bench: the SDK's write paths timed through the SDK against an endpoint (default: a fresh
 * embedded ledger in a temporary directory) — agent registration, message send, channel join. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

const char pod_cli_help_bench[] =
    "Times the SDK's main writes, each sent and confirmed through the SDK one after the other:\n"
    "  agent_register  register_agent of N fresh funded wallets\n"
    "  message_send    N direct messages (distinct payloads) from one agent to another\n"
    "  channel_join    N agents joining one channel\n"
    "and prints mean, median and p95 latency and the throughput (operations per second of\n"
    "wall time) of each. Wallets are funded first by airdrop (not timed).\n"
    "\n"
    "  --count N   operations per benchmark (1 to 999; default 200)\n"
    "  --url URL   the endpoint (a podd: http://127.0.0.1:8899). Default: a fresh embedded\n"
    "              ledger in a temporary directory, removed at the end\n"
    "\n"
    "A progress bar shows on stderr when it is a terminal (not with -q or --json).\n"
    "\n"
    "output:\n"
    "  text    a table OPERATION COUNT MEAN_MS MEDIAN_MS P95_MS OPS/S\n"
    "  --json  {\"url\":..,\"count\":n,\"results\":[{\"op\":\"agent_register\",\"count\":n,\n"
    "          \"mean_ms\":x,\"median_ms\":x,\"p95_ms\":x,\"ops_per_s\":x}, ...]}\n";

#define COUNT_DEFAULT 200
#define COUNT_MAX 999 /* a channel holds at most 1000 participants (its creator is one) */

typedef struct {
  const char *op;
  double mean, median, p95, ops;
} result_t;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void summarize(result_t *r, const char *op, double *ms, size_t n, double wall_ms) {
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += ms[i];
  qsort(ms, n, sizeof *ms, cmp_double);
  r->op = op;
  r->mean = sum / (double)n;
  r->median = n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
  size_t k = (size_t)((double)n * 0.95 + 0.999999);
  r->p95 = ms[(k ? k : 1) - 1];
  r->ops = wall_ms > 0 ? (double)n * 1000.0 / wall_ms : 0;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

int pod_cmd_bench(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t count = COUNT_DEFAULT;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--count")) {
      if (i + 1 >= argc || pod_cli_parse_u64(&count, argv[i + 1]) || count < 1 || count > COUNT_MAX)
        return pod_cli_fail(POD_EXIT_USAGE, "bench: --count needs a number from 1 to %d",
                            COUNT_MAX);
      i++;
    } else if (strcmp(argv[i], "--")) {
      return pod_cli_fail(POD_EXIT_USAGE, "bench: unknown argument '%s' (see 'pod bench --help')",
                          argv[i]);
    }
  }
  size_t n = (size_t)count, nw = n + 1; /* wallet n: the sender and the channel's creator */
  char dir[POD_CLI_PATH_SZ] = "", url[POD_CLI_PATH_SZ + 16];
  if (o->url) {
    snprintf(url, sizeof url, "%s", o->url);
  } else {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pod-bench.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
      return pod_cli_fail(POD_EXIT_ERROR, "bench: cannot create a temporary directory: %s",
                          strerror(errno));
    snprintf(url, sizeof url, "embedded:%s/ledger", dir);
  }
  pod_client **cl = calloc(nw, sizeof *cl);
  double *ms = calloc(n, sizeof *ms);
  result_t res[3];
  int rc = POD_EXIT_OK, r = POD_OK;
  const char *step = "";
  pod_client *bad = NULL;
  pod_cli_progress_t p;
  if (!cl || !ms) {
    rc = pod_cli_fail(POD_EXIT_ERROR, "bench: out of memory");
    goto done;
  }
  /* wallets and their clients (embedded: all on the first client's ledger) */
  for (size_t i = 0; i < nw; i++) {
    pod_keypair_t kp;
    pod_keypair_generate(&kp);
    pod_client_opts_t co = POD_CLIENT_OPTS_INIT;
    co.endpoint = url;
    co.keypair = &kp;
    if (i && !o->url) co.ledger = pod_client_ledger(cl[0]);
    char err[512];
    r = pod_client_new_err(&cl[i], err, sizeof err, &co);
    pod_keypair_wipe(&kp);
    if (r) {
      rc = pod_cli_fail(POD_EXIT_ERROR, "bench: cannot open %s: %s", url, err);
      goto done;
    }
  }
  if (!o->json && !o->quiet) {
    printf("pod bench on %s, %zu operations each\n", pod_client_endpoint(cl[0]), n);
    fflush(stdout);
  }
  /* funding and the sender's agent (not timed) */
  pod_cli_progress_start(&p, o, "funding      ", nw);
  for (size_t i = 0; i < nw; i++) {
    pod_pubkey_t pk;
    pod_client_pubkey(&pk, cl[i]);
    if ((r = pod_client_airdrop(NULL, cl[i], &pk, 1000000000ull))) {
      step = "funding (airdrop)";
      bad = cl[i];
      goto sdk_fail;
    }
    pod_cli_progress_set(&p, i + 1);
  }
  pod_cli_progress_done(&p);
  if ((r = pod_agent_register(NULL, NULL, cl[n], POD_CAP_TEXT, "https://example.com/bench.json"))) {
    step = "agent register";
    bad = cl[n];
    goto sdk_fail;
  }

  /* agent_register */
  pod_cli_progress_start(&p, o, "agent_register", n);
  long long w0 = pod_cli_now_ns();
  for (size_t i = 0; i < n; i++) {
    long long t = pod_cli_now_ns();
    if ((r = pod_agent_register(NULL, NULL, cl[i], POD_CAP_TEXT,
                                "https://example.com/bench.json"))) {
      step = "agent register";
      bad = cl[i];
      goto sdk_fail;
    }
    ms[i] = (double)(pod_cli_now_ns() - t) / 1e6;
    pod_cli_progress_set(&p, i + 1);
  }
  summarize(&res[0], "agent_register", ms, n, (double)(pod_cli_now_ns() - w0) / 1e6);
  pod_cli_progress_done(&p);

  /* message_send: wallet n to wallet 0 */
  pod_pubkey_t to;
  pod_client_pubkey(&to, cl[0]);
  pod_cli_progress_start(&p, o, "message_send  ", n);
  w0 = pod_cli_now_ns();
  for (size_t i = 0; i < n; i++) {
    char payload[64];
    int len = snprintf(payload, sizeof payload, "pod bench message %zu", i);
    long long t = pod_cli_now_ns();
    if ((r = pod_message_send(NULL, NULL, cl[n], &to, payload, (size_t)len,
                              (pod_message_type_t){POD_MSG_TEXT, 0}))) {
      step = "message send";
      bad = cl[n];
      goto sdk_fail;
    }
    ms[i] = (double)(pod_cli_now_ns() - t) / 1e6;
    pod_cli_progress_set(&p, i + 1);
  }
  summarize(&res[1], "message_send", ms, n, (double)(pod_cli_now_ns() - w0) / 1e6);
  pod_cli_progress_done(&p);

  /* channel_join: wallets 0..n-1 join wallet n's channel */
  pod_pubkey_t ch;
  pod_channel_create_args_t ca = {0};
  ca.name = "bench";
  ca.visibility = POD_VISIBILITY_PUBLIC;
  ca.max_participants = (uint32_t)nw;
  if ((r = pod_channel_create(&ch, NULL, cl[n], &ca))) {
    step = "channel create";
    bad = cl[n];
    goto sdk_fail;
  }
  pod_cli_progress_start(&p, o, "channel_join  ", n);
  w0 = pod_cli_now_ns();
  for (size_t i = 0; i < n; i++) {
    long long t = pod_cli_now_ns();
    if ((r = pod_channel_join(NULL, cl[i], &ch))) {
      step = "channel join";
      bad = cl[i];
      goto sdk_fail;
    }
    ms[i] = (double)(pod_cli_now_ns() - t) / 1e6;
    pod_cli_progress_set(&p, i + 1);
  }
  summarize(&res[2], "channel_join", ms, n, (double)(pod_cli_now_ns() - w0) / 1e6);
  pod_cli_progress_done(&p);

  if (o->json) {
    printf("{\"url\":");
    pod_cli_json_str(stdout, pod_client_endpoint(cl[0]), strlen(pod_client_endpoint(cl[0])));
    printf(",\"count\":%zu,\"results\":[", n);
    for (int k = 0; k < 3; k++)
      printf("%s{\"op\":\"%s\",\"count\":%zu,\"mean_ms\":%.4f,\"median_ms\":%.4f,\"p95_ms\":%.4f,"
             "\"ops_per_s\":%.1f}",
             k ? "," : "", res[k].op, n, res[k].mean, res[k].median, res[k].p95, res[k].ops);
    printf("]}\n");
  } else {
    printf("%s%-16s %6s %10s %10s %10s %10s%s\n", pod_cli_bold(o, stdout), "OPERATION", "COUNT",
           "MEAN_MS", "MEDIAN_MS", "P95_MS", "OPS/S", pod_cli_reset(o, stdout));
    for (int k = 0; k < 3; k++)
      printf("%-16s %6zu %10.3f %10.3f %10.3f %10.1f\n", res[k].op, n, res[k].mean, res[k].median,
             res[k].p95, res[k].ops);
  }
  goto done;

sdk_fail:
  pod_cli_progress_done(&p);
  {
    char what[64];
    snprintf(what, sizeof what, "bench: %s", step);
    rc = pod_cli_sdk_fail(bad, o, r, what);
  }
done:
  if (cl)
    for (size_t i = nw; i-- > 0;)
      pod_client_free(cl[i]); /* cl[0] owns the embedded ledger */
  free(cl);
  free(ms);
  if (*dir) nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  return rc;
}
