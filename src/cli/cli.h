/* Internal to the pod tool: command table, shared option parsing and output helpers.
 * Commands use only the public headers of libpodcom. */
#ifndef POD_CLI_H
#define POD_CLI_H

#include <stdio.h>

#include "pod/ledger.h"
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

/* Copies the non-whitespace characters of s (or of stdin when s is NULL) into text[0..max).
 * Returns the count, or (size_t)-1 when there are more than max. */
size_t pod_cli_read_text(char *text, size_t max, const char *s);

/* Reads all of stdin into a malloc'd buffer (NUL-terminated; *len excludes the NUL). Returns
 * POD_EXIT_OK, or prints why and returns POD_EXIT_ERROR (over max bytes, read error, no memory). */
int pod_cli_read_stdin(char **out, size_t *len, size_t max);

/* ---- fields: one writer for instruction arguments, account fields and event fields ----
 * Three forms:
 *   POD_CLI_INLINE  " key=value" (None left out)                 -- decode tx's "call:" line
 *   POD_CLI_LINES   "<indent>key: value\n" (None as "none";     -- decode account, logs
 *                   timestamps with their ISO-8601 UTC date)
 *   POD_CLI_JSON    "key":value members separated by commas (None as null)
 * Strings are quoted and escaped as JSON strings in every form; keys base58; byte arrays hex;
 * enums as the words `pod pda` accepts (text, data, command, response, custom:N; pending,
 * delivered, read, failed; public, private). */
enum { POD_CLI_INLINE = 0, POD_CLI_LINES = 1, POD_CLI_JSON = 2 };
typedef struct {
  FILE *f;
  int form;           /* POD_CLI_* */
  int n;              /* fields written (JSON: a comma before the next) */
  const char *indent; /* POD_CLI_LINES: before each key (NULL: none) */
} pod_cli_fields_t;

/* Starts field k: writes its key; when !present writes the None form and ends the field (INLINE:
 * writes nothing). Returns present. Write the value, then call pod_cli_field_end. */
int pod_cli_field_begin(pod_cli_fields_t *w, const char *k, int present);
void pod_cli_field_end(pod_cli_fields_t *w);
void pod_cli_field_u64(pod_cli_fields_t *w, const char *k, int present, uint64_t v);
/* A unix timestamp (seconds): the integer; in LINES also " (YYYY-MM-DDTHH:MM:SSZ)" unless 0. */
void pod_cli_field_time(pod_cli_fields_t *w, const char *k, int present, int64_t v);
void pod_cli_field_bool(pod_cli_fields_t *w, const char *k, int present, int v);
void pod_cli_field_str(pod_cli_fields_t *w, const char *k, int present, pod_str_t s);
/* A bare word (quoted in JSON). */
void pod_cli_field_word(pod_cli_fields_t *w, const char *k, const char *word);
void pod_cli_field_pubkey(pod_cli_fields_t *w, const char *k, int present, const pod_pubkey_t *pk);
void pod_cli_field_hex(pod_cli_fields_t *w, const char *k, const uint8_t *b, size_t n);
void pod_cli_field_msg_type(pod_cli_fields_t *w, const char *k, pod_message_type_t t);
/* MessageStatus and ChannelVisibility by name (a number when out of range). */
void pod_cli_field_status(pod_cli_fields_t *w, const char *k, uint8_t v);
void pod_cli_field_visibility(pod_cli_fields_t *w, const char *k, uint8_t v);

/* Writes "YYYY-MM-DDTHH:MM:SSZ" for unix second t into out (at least 32 bytes); returns out, or
 * NULL when t is outside years 0..9999. */
char *pod_cli_iso8601(char out[32], int64_t t);

/* The fields of a decoded account / event, in the program's order. */
void pod_cli_account_fields(pod_cli_fields_t *w, const pod_typed_account_t *a);
void pod_cli_event_fields(pod_cli_fields_t *w, const pod_event_t *e);

/* Error table entries (errors.h). */
const char *pod_cli_error_origin(const pod_program_error_t *e); /* "program", "anchor", "system" */
/* JSON members "code":..,"hex":..,"name":..,"message":..,"origin":..,"reachable":..,"when":.. */
void pod_cli_error_json_members(FILE *f, const pod_program_error_t *e);

/* Commands (argv[0] is the command name). */
int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_errors(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_ledger(const pod_cli_opts_t *o, int argc, char **argv);

/* pod decode account / pod decode logs (argv[0] is "account" / "logs"). */
int pod_cli_decode_account(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cli_decode_logs(const pod_cli_opts_t *o, int argc, char **argv);

/* Their detailed --help texts. */
extern const char pod_cli_help_keygen[];
extern const char pod_cli_help_address[];
extern const char pod_cli_help_pda[];
extern const char pod_cli_help_decode[];
extern const char pod_cli_help_errors[];
extern const char pod_cli_help_ledger[];

#endif
