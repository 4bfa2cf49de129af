/* pod events: follows the program's events live (pod_events_subscribe + pod_events_poll). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char pod_cli_help_events[] =
    "Follows the PoD program's events as transactions commit, one line each, until Ctrl-C,\n"
    "--count N events or --timeout SECONDS (exit 0 in the three cases).\n"
    "\n"
    "  --count N          stop after N events\n"
    "  --timeout SECONDS  stop after SECONDS (a decimal) even if fewer came\n"
    "  --poll-ms MS       http(s): how often to ask the node (default 400)\n"
    "\n"
    "Over http(s) (podd, a cluster) it asks the node for the program's new transactions every\n"
    "--poll-ms; only transactions after the start count. An embedded: ledger can be open in one\n"
    "process only, so only a podd on it (pod node start, then this command with the same --url)\n"
    "lets you follow what other commands do. Only five events are ever emitted: AgentRegistered,\n"
    "MessageSent, ChannelJoined, MessageBroadcast, CompressedMessageSynced (PROTOCOL.md).\n"
    "\n"
    "output (one line per event, flushed at once):\n"
    "  text    <Event> slot=<n> signature=<sig> <field>=<value> ...\n"
    "  --json  {\"event\":\"AgentRegistered\",\"slot\":n,\"signature\":..,\"data\":{<fields>}}\n"
    "  -q      the signature\n";

static volatile sig_atomic_t stop_flag;
static void on_signal(int sig) {
  (void)sig;
  stop_flag = 1;
}

typedef struct {
  const pod_cli_opts_t *o;
  uint64_t seen, max;
} follow_t;

static void on_event(void *user, const pod_event_info_t *ev) {
  follow_t *f = user;
  if (f->max && f->seen >= f->max) return;
  f->seen++;
  const char *name = pod_event_name(ev->event.kind);
  if (!name) name = "unknown";
  if (f->o->json) {
    printf("{\"event\":\"%s\",\"slot\":%llu,\"signature\":\"%s\",\"data\":{", name,
           (unsigned long long)ev->slot, ev->signature);
    pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
    pod_cli_event_fields(&w, &ev->event);
    printf("}}\n");
  } else if (f->o->quiet) {
    printf("%s\n", ev->signature);
  } else {
    printf("%s slot=%llu signature=%s", name, (unsigned long long)ev->slot, ev->signature);
    pod_cli_fields_t w = {stdout, POD_CLI_INLINE, 0, NULL};
    pod_cli_event_fields(&w, &ev->event);
    putchar('\n');
  }
  fflush(stdout);
}

int pod_cmd_events(const pod_cli_opts_t *o, int argc, char **argv) {
  uint64_t count = 0, poll_ms = 0;
  double timeout_s = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--")) continue;
    if (!strcmp(a, "--count") || !strcmp(a, "--timeout") || !strcmp(a, "--poll-ms")) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "events: %s needs a value", a);
      const char *v = argv[++i];
      if (!strcmp(a, "--timeout")) {
        char *end;
        timeout_s = strtod(v, &end);
        if (!*v || *end || !(timeout_s > 0) || timeout_s > 1e7)
          return pod_cli_fail(POD_EXIT_USAGE, "events: --timeout '%s': a number of seconds > 0", v);
      } else if (pod_cli_parse_u64(!strcmp(a, "--count") ? &count : &poll_ms, v) ||
                 (!strcmp(a, "--count") && count == 0) ||
                 (!strcmp(a, "--poll-ms") && (poll_ms < 10 || poll_ms > 600000))) {
        return pod_cli_fail(POD_EXIT_USAGE, "events: %s '%s': %s", a, v,
                            !strcmp(a, "--count") ? "a number of events > 0"
                                                  : "milliseconds, 10 to 600000");
      }
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "events: unknown argument '%s' (see 'pod events --help')",
                          a);
    }
  }
  pod_client *c;
  int rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER);
  if (rc) return rc;
  if (poll_ms) pod_events_set_poll_interval(c, (uint32_t)poll_ms);
  follow_t f = {o, 0, count};
  pod_subscription *sub = NULL;
  int r = pod_events_subscribe(&sub, c, on_event, &f);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "events");
    pod_client_free(c);
    return rc;
  }
  if (!o->quiet && !o->json) {
    if (pod_client_ledger(c))
      fprintf(stderr,
              "pod: warning: %s is open in this process only: events of other commands "
              "are not seen; run `pod node start` on it to follow them\n",
              pod_client_endpoint(c));
    if (isatty(STDERR_FILENO))
      fprintf(stderr, "pod: following the events of %s (Ctrl-C to stop)\n", pod_client_endpoint(c));
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal; /* no SA_RESTART: a wait is cut short */
  sigemptyset(&sa.sa_mask);
  struct sigaction old_int, old_term;
  sigaction(SIGINT, &sa, &old_int);
  sigaction(SIGTERM, &sa, &old_term);
  long long deadline = timeout_s > 0 ? pod_cli_now_ms() + (long long)(timeout_s * 1000) : 0;
  while (!stop_flag && !(count && f.seen >= count)) {
    long long wait = 200;
    if (deadline) {
      long long left = deadline - pod_cli_now_ms();
      if (left <= 0) break;
      if (left < wait) wait = left;
    }
    r = pod_events_poll(NULL, c, (uint32_t)wait);
    if (r && !stop_flag) {
      rc = pod_cli_sdk_fail(c, o, r, "events");
      break;
    }
  }
  sigaction(SIGINT, &old_int, NULL);
  sigaction(SIGTERM, &old_term, NULL);
  pod_subscription_free(sub);
  pod_client_free(c);
  return rc;
}
