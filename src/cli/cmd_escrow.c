/* pod escrow — placeholder (being written). */
#include "cli.h"

const char pod_cli_help_escrow[] = "";

int pod_cmd_escrow(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "escrow: not available yet");
}

