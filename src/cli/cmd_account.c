/* pod decode account: a PoD account's data (base64 or base58), its type from the discriminator,
 * every field. The decoding is the codec's (pod_account_decode); nothing is parsed here. The input
 * may also be getAccountInfo's JSON (the ["DATA","base64"] pair, or the whole answer). */
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Account data of any plausible size (the largest PoD account is 1134 bytes); the cap only
 * bounds the buffers. */
#define ACCT_TEXT_MAX 65536
#define ACCT_BYTES_MAX (ACCT_TEXT_MAX / 4 * 3)

typedef struct {
  uint8_t buf[ACCT_BYTES_MAX];
  size_t sz;
  int ok; /* decoded from the text */
} attempt_t;

static const char *const enc_names[2] = {"base64", "base58"};

/* "AgentAccount f177458ce9097032, MessageAccount ..." to stderr. */
static void list_known(FILE *f) {
  for (int k = 0; k < POD_ACCT_COUNT; k++) {
    fprintf(f, "%s%s ", k ? ", " : "", pod_account_name(k));
    pod_cli_hex(f, pod_account_disc(k), POD_DISC_SZ);
  }
}

/* Fields at fixed offsets (accounts.h) that only take a few values: bool and Option tags (0, 1)
 * and enums. A value out of range there names the field that fails. */
static const struct {
  int kind;
  size_t off;
  uint8_t max;
  const char *name;
} tag_fields[] = {
    {POD_ACCT_MESSAGE, POD_MESSAGE_TYPE_OFF, POD_MSG_CUSTOM, "message_type (MessageType)"},
    {POD_ACCT_MESSAGE, POD_MESSAGE_STATUS_OFF, POD_STATUS_FAILED, "status (MessageStatus)"},
    {POD_ACCT_PARTICIPANT, POD_PARTICIPANT_IS_ACTIVE_OFF, 1, "is_active (bool)"},
    {POD_ACCT_INVITATION, POD_INVITATION_IS_ACCEPTED_OFF, 1, "is_accepted (bool)"},
    {POD_ACCT_INVITATION, POD_INVITATION_IS_USED_OFF, 1, "is_used (bool)"},
    {POD_ACCT_CHANNEL_MESSAGE, POD_CHANNEL_MESSAGE_REPLY_TO_TAG_OFF, 1, "reply_to (Option tag)"},
};

/* Why a known type's data does not decode (printed to stderr): truncation (the same bytes padded
 * with zeros decode), a fixed-offset field out of range, or some other malformed field. */
static void diagnose(const uint8_t *data, size_t sz, int kind) {
  static uint8_t padded[ACCT_BYTES_MAX];
  size_t space = pod_account_space(kind);
  if (sz < space && space <= sizeof padded) {
    memcpy(padded, data, sz);
    memset(padded + sz, 0, space - sz);
    pod_typed_account_t a;
    if (pod_account_decode(&a, padded, space) == POD_OK) {
      fprintf(stderr, "it is truncated: its fields need at least %zu bytes (a %s is %zu bytes)",
              pod_account_serialized_size(&a), pod_account_name(kind), space);
      return;
    }
  }
  for (size_t i = 0; i < sizeof tag_fields / sizeof tag_fields[0]; i++) {
    size_t off = tag_fields[i].off;
    if (tag_fields[i].kind != kind || off >= sz || data[off] <= tag_fields[i].max) continue;
    /* A Custom message type shifts the status by one byte: only the type is then checked. */
    if (kind == POD_ACCT_MESSAGE && off == POD_MESSAGE_STATUS_OFF &&
        data[POD_MESSAGE_TYPE_OFF] == POD_MSG_CUSTOM)
      continue;
    fprintf(stderr, "field %s at byte %zu is %u, out of range (0..%u)", tag_fields[i].name, off,
            (unsigned)data[off], (unsigned)tag_fields[i].max);
    return;
  }
  fputs("a field is malformed or cut short (a bool or Option tag that is not 0 or 1, an enum "
        "out of range, a string that is not UTF-8, or a length prefix beyond the data)",
        stderr);
}

static int decode_failure(const uint8_t *data, size_t sz, int kind, const char *enc) {
  fprintf(stderr,
          "pod: the data (%zu bytes, %s) has the %s discriminator but does not decode: ", sz, enc,
          pod_account_name(kind));
  diagnose(data, sz, kind);
  fputs("; the program would fail with 3003 AccountDidNotDeserialize\n", stderr);
  return POD_EXIT_ERROR;
}

static void print_space(FILE *f, int json, size_t sz, size_t space, size_t ser,
                        size_t trailing_nz) {
  size_t trailing = sz > ser ? sz - ser : 0;
  if (json) {
    fprintf(
        f, ",\"space\":%zu,\"serialized_size\":%zu,\"trailing_bytes\":%zu,\"trailing_nonzero\":%zu",
        space, ser, trailing, trailing_nz);
    return;
  }
  fprintf(f, "space: %zu", space);
  if (sz != space) fprintf(f, ", but the data is %zu bytes", sz);
  fprintf(f, " (serialized %zu, ", ser);
  if (!trailing)
    fputs("no trailing bytes)\n", f);
  else if (!trailing_nz)
    fprintf(f, "%zu trailing byte%s, all zero)\n", trailing, trailing == 1 ? "" : "s");
  else
    fprintf(f, "%zu trailing byte%s, %zu not zero)\n", trailing, trailing == 1 ? "" : "s",
            trailing_nz);
}

/* The input as getAccountInfo gives it: the ["DATA","ENCODING"] pair of `data`, or a whole answer
 * or value object ({"result":{"value":{"data":[...]}}}, {"value":{...}}, {"data":[...]}). Then
 * text[0..*n) becomes DATA and *enc its encoding (0 base64, 1 base58). Returns 0 when the text is
 * not JSON (left as it is), 1 when taken, or an exit code (> 1) after saying what is wrong. */
static int from_json(char *text, size_t *n, int *enc) {
  if (*n == 0 || (text[0] != '[' && text[0] != '{')) return 0;
  pod_json_doc *doc = NULL;
  pod_json_error_t jerr;
  if (pod_json_parse(&doc, text, *n, NULL, &jerr) != POD_OK)
    return pod_cli_fail(
        POD_EXIT_ERROR,
        "the input starts like JSON but does not parse (at byte %zu): give "
        "getAccountInfo's answer, its [\"DATA\",\"base64\"] pair, or the data alone",
        (size_t)jerr.offset);
  const pod_json_val *v = pod_json_root(doc);
  const pod_json_val *r = pod_json_find(v, "result");
  if (r) v = pod_json_is_null(r) ? NULL : r;
  const pod_json_val *val = v ? pod_json_find(v, "value") : NULL;
  if (val) v = pod_json_is_null(val) ? NULL : val;
  if (v && pod_json_type(v) == POD_JSON_OBJECT) v = pod_json_find(v, "data");
  int rc;
  const char *d = NULL, *e = NULL;
  size_t dn = 0, en = 0;
  if (!v)
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "the answer holds no account (value is null: no account at that address)");
  else if (pod_json_type(v) != POD_JSON_ARRAY || pod_json_len(v) != 2 ||
           pod_json_get_str(&d, &dn, pod_json_at(v, 0)) != POD_OK ||
           pod_json_get_str(&e, &en, pod_json_at(v, 1)) != POD_OK)
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "no [\"DATA\",\"ENCODING\"] pair in the JSON: ask getAccountInfo with "
                      "\"encoding\":\"base64\" (jsonParsed is not account data)");
  else if (!(en == 6 && (!memcmp(e, "base64", 6) || !memcmp(e, "base58", 6))))
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "account data in encoding '%.*s': ask getAccountInfo with "
                      "\"encoding\":\"base64\" (or base58)",
                      (int)(en > 32 ? 32 : en), e);
  else {
    *enc = memcmp(e, "base64", 6) ? 1 : 0;
    memcpy(text, d, dn); /* dn < *n: the pair is part of the text */
    *n = dn;
    rc = 1;
  }
  pod_json_free(doc);
  return rc;
}

int pod_cli_decode_account(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *arg = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--") && i + 1 < argc && !arg)
      a = argv[++i];
    else if (a[0] == '-' && a[1])
      return pod_cli_fail(POD_EXIT_USAGE,
                          "decode account: unknown option '%s' (see 'pod decode --help')", a);
    if (arg)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "decode account: takes one account's data, got a second argument '%s'",
                          a);
    arg = a;
  }
  if (arg && !strcmp(arg, "-")) arg = NULL;

  static char text[ACCT_TEXT_MAX];
  if (!arg && isatty(STDIN_FILENO))
    fprintf(stderr, "pod: reading account data from standard input (end with Ctrl-D)\n");
  size_t n = pod_cli_read_text(text, sizeof text, arg);
  if (!arg && ferror(stdin)) return pod_cli_fail(POD_EXIT_ERROR, "cannot read standard input");
  if (n == (size_t)-1)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the input is over %d characters, too long for account data here",
                        ACCT_TEXT_MAX);
  if (n == 0)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "no account data given: pass it as base64 or base58 (the data of "
                        "getAccountInfo), or pipe it in");

  int forced = -1; /* the encoding named by a JSON pair */
  int j = from_json(text, &n, &forced);
  if (j > 1) return j;
  if (j == 1 && n == 0)
    return pod_cli_fail(POD_EXIT_ERROR, "the account has no data (an empty [\"\",...] pair)");

  /* Base64 first (what getAccountInfo returns), then base58. The first decoding that starts
   * with a PoD discriminator wins. */
  static attempt_t at[2]; /* at[1] is tried only when at[0] is not a PoD account */
  at[0].ok = at[1].ok = 0;
  int pick = -1;
  for (int e = 0; e < 2 && pick < 0; e++) {
    if (forced >= 0 && e != forced) continue;
    at[e].sz = 0;
    at[e].ok =
        (e == 0 ? pod_base64_decode(at[e].buf, sizeof at[e].buf, &at[e].sz, text, n)
                : pod_base58_decode(at[e].buf, sizeof at[e].buf, &at[e].sz, text, n)) == POD_OK;
    if (at[e].ok && pick < 0 && pod_account_type(at[e].buf, at[e].sz) >= 0) pick = e;
  }
  if (pick < 0) {
    if (!at[0].ok && !at[1].ok)
      return pod_cli_fail(POD_EXIT_ERROR,
                          "the input is neither base64 nor base58 text; give the account data as "
                          "one of those");
    int e = at[0].ok ? 0 : 1;
    if (at[e].sz < POD_DISC_SZ)
      return pod_cli_fail(POD_EXIT_ERROR,
                          "not a PoD account: the data (%zu byte%s, %s) is shorter than an "
                          "account discriminator (8 bytes); the program would fail with 3001 "
                          "AccountDiscriminatorNotFound",
                          at[e].sz, at[e].sz == 1 ? "" : "s", enc_names[e]);
    fprintf(stderr, "pod: not a PoD account: the data (%zu bytes, %s) starts with discriminator ",
            at[e].sz, enc_names[e]);
    pod_cli_hex(stderr, at[e].buf, POD_DISC_SZ);
    fputs(", which is none of the PoD program's accounts (the program would fail with 3002 "
          "AccountDiscriminatorMismatch); the PoD accounts are: ",
          stderr);
    list_known(stderr);
    fputc('\n', stderr);
    return POD_EXIT_ERROR;
  }

  const uint8_t *data = at[pick].buf;
  size_t sz = at[pick].sz;
  int kind = pod_account_type(data, sz);
  static pod_typed_account_t acc;
  int rc = pod_account_decode(&acc, data, sz);
  if (rc == POD_EDECODE) return decode_failure(data, sz, kind, enc_names[pick]);
  if (rc != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot decode the %s: %s", pod_account_name(kind),
                        pod_strerror(rc));

  size_t ser = pod_account_serialized_size(&acc);
  if (ser > sz) ser = sz; /* cannot happen for a decoded account; keeps the arithmetic safe */
  size_t nz = 0;
  for (size_t i = ser; i < sz; i++)
    nz += data[i] != 0;
  size_t space = pod_account_space(kind);

  if (o->json) {
    printf("{\"encoding\":\"%s\",\"size\":%zu,\"type\":\"%s\",\"discriminator\":", enc_names[pick],
           sz, pod_account_name(kind));
    pod_cli_json_hex(stdout, data, POD_DISC_SZ);
    print_space(stdout, 1, sz, space, ser, nz);
    printf(",\"fields\":{");
    pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
    pod_cli_account_fields(&w, &acc);
    printf("}}\n");
    return POD_EXIT_OK;
  }
  if (o->quiet) {
    printf("%s\n", pod_account_name(kind));
    return POD_EXIT_OK;
  }
  printf("encoding: %s\ntype: %s\ndiscriminator: ", enc_names[pick], pod_account_name(kind));
  pod_cli_hex(stdout, data, POD_DISC_SZ);
  printf("\nsize: %zu bytes\n", sz);
  print_space(stdout, 0, sz, space, ser, nz);
  printf("fields:\n");
  pod_cli_fields_t w = {stdout, POD_CLI_LINES, 0, "  "};
  pod_cli_account_fields(&w, &acc);
  return POD_EXIT_OK;
}
