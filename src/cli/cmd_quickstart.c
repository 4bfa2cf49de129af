/* pod quickstart — placeholder (being written). */
#include "cli.h"

const char pod_cli_help_quickstart[] = "";

int pod_cmd_quickstart(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "quickstart: not available yet");
}

