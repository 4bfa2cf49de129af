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
  /* --url, --keypair, --commitment as given on the command line (NULL: not given). */
  const char *url;
  const char *keypair;
  const char *commitment;
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

/* The machine forms of a list command: with --json {"count":n,"<key>":[{...},...]} (each record's
 * members written by fields), with -q one address per line (the pod_pubkey_t at addr_off of each
 * of the n records of rec_sz bytes). Returns 1 when it printed, 0 when the caller prints its table
 * (or its "no ..." line). */
typedef void (*pod_cli_rec_fields_fn)(pod_cli_fields_t *w, const void *rec);
int pod_cli_print_list(const pod_cli_opts_t *o, const char *key, const void *list, size_t n,
                       size_t rec_sz, size_t addr_off, pod_cli_rec_fields_fn fields);

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

/* ---- settings: flags, environment, config files (cmd_config.c) ----
 * Each setting comes from the first of: the flag, the environment (POD_URL, POD_KEYPAIR,
 * POD_COMMITMENT), pod's config file, Solana CLI's config.yml, the built-in default. */
#define POD_CLI_PATH_SZ 4096
typedef struct {
  char url[POD_CLI_PATH_SZ];
  char keypair[POD_CLI_PATH_SZ]; /* "" when there is none (the default file does not exist) */
  char commitment[32];
  const char *url_src, *keypair_src, *commitment_src; /* "flag", "env", "config", "solana",
                                                          "default" */
  char config_path[POD_CLI_PATH_SZ];                  /* pod's config file (may not exist) */
  char solana_path[POD_CLI_PATH_SZ];                  /* Solana's config.yml ("" without HOME) */
  char data_ledger[POD_CLI_PATH_SZ];                  /* the default embedded ledger directory */
} pod_cli_settings_t;

/* Resolves the settings. Returns POD_EXIT_OK, or prints why and returns an exit code (a
 * malformed config file: POD_EXIT_ERROR). */
int pod_cli_settings(pod_cli_settings_t *s, const pod_cli_opts_t *o);
/* Parses a commitment name; 0 on success, -1 if unknown. */
int pod_cli_parse_commitment(pod_commitment_t *out, const char *s);
/* Creates the missing directories of path (all of it when whole, else all but its last
 * component), mode 0700. 0 or -1 (errno set). */
int pod_cli_mkdirs(const char *path, int whole);

/* ---- the SDK (sdk.c) ---- */
enum { POD_CLI_NO_SIGNER = 0, POD_CLI_SIGNER_OPTIONAL = 1, POD_CLI_SIGNER_REQUIRED = 2 };
/* Resolves the settings and opens a client (embedded ledgers: the directory is created; when a
 * `pod node` runs on it, its RPC URL is used instead). Returns POD_EXIT_OK or prints why and
 * returns the exit code. */
int pod_cli_client(pod_client **out, const pod_cli_opts_t *o, int signer);
/* Reports a failed SDK call rc on c as "pod: <what>: ..." and returns the exit code: 2 for a
 * refused transaction (the program error named), 3 otherwise. */
int pod_cli_sdk_fail(pod_client *c, const pod_cli_opts_t *o, int rc, const char *what);
/* Capabilities: a number (decimal or 0x hex) or comma-separated names (text, image, code,
 * analysis, trading, data_processing, content_generation, custom1, custom2; any case, '-' for
 * '_'). POD_EXIT_OK or prints why and returns POD_EXIT_USAGE. */
int pod_cli_parse_caps(uint64_t *out, const char *s);
/* Writes the names of the bits of caps, comma-separated ("none" for 0; unknown bits as
 * "bit:N"), into out. */
void pod_cli_caps_names(char *out, size_t out_sz, uint64_t caps);
/* Prints caps' names as a JSON array. */
void pod_cli_caps_json(FILE *f, uint64_t caps);

/* Amounts: "1", "0.5", "2.000000001" SOL (at most 9 fraction digits) -> lamports; 0 or -1. */
int pod_cli_parse_sol(uint64_t *out, const char *s);
/* A decimal or 0x-hex u64 (no sign, no spaces); 0 or -1. */
int pod_cli_parse_u64(uint64_t *out, const char *s);
/* 1 if s is made only of digits and dots (an amount, not an address). */
int pod_cli_looks_numeric(const char *s);
/* lamports as exact SOL text ("1.5"). */
void pod_cli_sol_text(char out[32], uint64_t lamports);
/* A message type: text, data, command, response (any case) or custom:N (N 0..251). On failure
 * prints "pod: <what> 'x': ..." and returns POD_EXIT_USAGE. */
int pod_cli_parse_msg_type(pod_message_type_t *t, const char *what, const char *s);
/* The word of a message type ("text", "custom:7") into out (16 bytes). Returns out. */
const char *pod_cli_msg_type_word(char out[16], pod_message_type_t t);

/* ---- terminal output: colour and progress ---- */
/* 1 if f is a terminal and colour is allowed (no --no-color, NO_COLOR unset or empty). */
int pod_cli_color(const pod_cli_opts_t *o, FILE *f);
/* Bold on/off escape sequences for f ("" when pod_cli_color is 0). */
const char *pod_cli_bold(const pod_cli_opts_t *o, FILE *f);
const char *pod_cli_reset(const pod_cli_opts_t *o, FILE *f);

/* A progress bar on stderr, drawn only when stderr is a terminal and neither -q nor --json is
 * given (otherwise every call does nothing). Redrawn at most every 50 ms and at the end:
 *   label [##########----------]  512/1000  51%
 * pod_cli_progress_done erases the line. */
typedef struct {
  int on;
  int color;
  const char *label;
  uint64_t total, done;
  long long last_ms; /* when it was last drawn */
} pod_cli_progress_t;
void pod_cli_progress_start(pod_cli_progress_t *p, const pod_cli_opts_t *o, const char *label,
                            uint64_t total);
void pod_cli_progress_set(pod_cli_progress_t *p, uint64_t done);
void pod_cli_progress_done(pod_cli_progress_t *p);
/* Monotonic milliseconds / nanoseconds. */
long long pod_cli_now_ms(void);
long long pod_cli_now_ns(void);

/* CHANNEL on the command line: a base58 address, or the NAME of a channel created by creator
 * (a base58 wallet; NULL: the client's signer). POD_EXIT_OK, or prints "pod: <cmd>: ..." and
 * returns the exit code. (cmd_channel.c) */
int pod_cli_resolve_channel(pod_pubkey_t *out, pod_client *c, const char *arg, const char *creator,
                            const char *cmd);

/* Commands (argv[0] is the command name). */
int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_errors(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_ledger(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_config(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_airdrop(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_balance(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_agent(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_message(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_node(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_channel(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_escrow(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_events(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_discover(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_analytics(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_quickstart(const pod_cli_opts_t *o, int argc, char **argv);
int pod_cmd_bench(const pod_cli_opts_t *o, int argc, char **argv);

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
extern const char pod_cli_help_config[];
extern const char pod_cli_help_airdrop[];
extern const char pod_cli_help_balance[];
extern const char pod_cli_help_agent[];
extern const char pod_cli_help_message[];
extern const char pod_cli_help_channel[];
extern const char pod_cli_help_escrow[];
extern const char pod_cli_help_events[];
extern const char pod_cli_help_discover[];
extern const char pod_cli_help_analytics[];
extern const char pod_cli_help_quickstart[];
extern const char pod_cli_help_bench[];
extern const char pod_cli_help_node[];

#endif
