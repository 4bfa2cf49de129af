/* Placeholders until the commands land (replaced by cmd_keys.c, cmd_pda.c, cmd_decode.c). */
#include "cli.h"

int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv) { return pod_cli_fail(POD_EXIT_ERROR, "not yet"); }
int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv) { return pod_cli_fail(POD_EXIT_ERROR, "not yet"); }
int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv) { return pod_cli_fail(POD_EXIT_ERROR, "not yet"); }
int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv) { return pod_cli_fail(POD_EXIT_ERROR, "not yet"); }
