/* Internal to the pod tool: command table, shared option parsing and output helpers.
 * Commands use only the public headers of libpodcom. */
#ifndef POD_CLI_H
#define POD_CLI_H

#include <stdio.h>

#include "pod/pod.h"

/* Exit codes (documented in docs/CLI.md). */
enum {
  POD_EXIT_OK = 0,
  POD_EXIT_USAGE = 1,  /* bad command line */
  POD_EXIT_TXFAIL = 2, /* a transaction was rejected */
  POD_EXIT_ERROR = 3,  /* anything else: I/O, network, malformed input */
};

/* Global options, parsed before the command name. */
typedef struct {
  int json;     /* --json: machine-readable output on stdout */
  int quiet;    /* -q */
  int verbose;  /* -v */
  int no_color; /* --no-color or NO_COLOR set */
} pod_cli_opts_t;

typedef int (*pod_cli_fn)(const pod_cli_opts_t *o, int argc, char **argv);

typedef struct {
  const char *name;
  pod_cli_fn fn;
  const char *usage; /* one line: arguments */
  const char *help;  /* one line: what it does */
} pod_cli_cmd_t;

/* Prints "pod: <message>\n" to stderr and returns code. */
int pod_cli_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints a JSON string literal (quoted, escaped) to f. */
void pod_cli_json_str(FILE *f, const char *s, size_t len);

/* 1 if argv contains "-h" or "--help" before any "--". */
int pod_cli_wants_help(int argc, char **argv);

/* Commands (argv[0] is the command name). */
int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv);

#endif
