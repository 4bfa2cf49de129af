/* pod channel — placeholder (being written). */
#include "cli.h"

const char pod_cli_help_channel[] = "";

int pod_cmd_channel(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "channel: not available yet");
}

