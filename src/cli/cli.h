/* Internal to the pod tool: command table, shared option parsing and output helpers.
 * Commands use only the public headers of libpodcom. */
#ifndef POD_CLI_H
#define POD_CLI_H

#include <stdio.h>

#include "pod/pod.h"
#include "pod/program.h"

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
  const char *usage;   /* one line: arguments */
  const char *help;    /* one line: what it does */
  const char *details; /* more help (options, arguments, output), printed by --help; may be NULL */
} pod_cli_cmd_t;

/* Prints "pod: <message>\n" to stderr and returns code. */
int pod_cli_fail(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints a JSON string literal (quoted, escaped) to f. */
void pod_cli_json_str(FILE *f, const char *s, size_t len);

/* Prints n bytes as a quoted lowercase hex JSON string ("" for n == 0). */
void pod_cli_json_hex(FILE *f, const uint8_t *b, size_t n);

/* Prints n bytes as lowercase hex (nothing for n == 0). */
void pod_cli_hex(FILE *f, const uint8_t *b, size_t n);

/* 1 if argv contains "-h" or "--help" before any "--". */
int pod_cli_wants_help(int argc, char **argv);

/* Parses a base58 public key given on the command line as the argument called `what` (e.g.
 * "WALLET"). On failure prints why ("pod: WALLET 'xyz': not a base58 public key (32 bytes): ...")
 * and returns POD_EXIT_USAGE; POD_EXIT_OK on success. */
int pod_cli_parse_pubkey(pod_pubkey_t *out, const char *what, const char *s);

/* The default keypair path, $HOME/.config/solana/id.json (as the Solana tools). Returns
 * POD_EXIT_OK, or prints an error and returns POD_EXIT_ERROR (HOME unset or path too long). */
int pod_cli_default_keypair(char *out, size_t out_sz);

/* A label for a well-known program ("pod_com", "system", "compute_budget"), or NULL. */
const char *pod_cli_program_label(const pod_pubkey_t *pk);

/* Commands (argv[0] is the command name). */
int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv);

/* Their detailed --help texts. */
extern const char pod_cli_help_keygen[];
extern const char pod_cli_help_address[];
extern const char pod_cli_help_pda[];
extern const char pod_cli_help_decode[];

#endif
