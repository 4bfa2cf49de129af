/* pod bench — placeholder (being written). */
#include "cli.h"

const char pod_cli_help_bench[] = "";

int pod_cmd_bench(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "bench: not available yet");
}

