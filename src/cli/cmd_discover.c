/* pod discover, analytics — placeholder (being written). */
#include "cli.h"

const char pod_cli_help_discover[] = "";

int pod_cmd_discover(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "discover: not available yet");
}

const char pod_cli_help_analytics[] = "";

int pod_cmd_analytics(const pod_cli_opts_t *o, int argc, char **argv) {
  (void)o;
  (void)argc;
  (void)argv;
  return pod_cli_fail(POD_EXIT_ERROR, "analytics: not available yet");
}

