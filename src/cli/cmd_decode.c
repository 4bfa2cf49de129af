/* pod decode tx: a wire transaction (base64 or base58) laid out for a human or as JSON. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Text longer than this cannot be a transaction (1232 bytes are 1644 base64 characters and at
 * most 1701 base58 ones); the slack lets us say "too large" with the size. */
#define TEXT_MAX 4096
#define BYTES_MAX (TEXT_MAX / 4 * 3)

const char pod_cli_help_decode[] =
    "pod decode tx [BASE64|BASE58|-]\n"
    "  Decodes a wire transaction given as base64 or base58 (tried in that order), from the\n"
    "  argument or, when it is '-' or absent, from standard input. Whitespace is ignored.\n"
    "  Shows the version, header, account keys with their flags, the recent blockhash, the\n"
    "  instructions (pod_com ones by name, with their arguments and account slot names) and the\n"
    "  signatures, each checked against its signer (valid/INVALID).\n"
    "  Invalid signatures do not change the exit status.\n"
    "  --json: encoding, size, version, header, account_keys, recent_blockhash, instructions,\n"
    "  address_table_lookups, signatures, signatures_valid.\n"
    "\n"
    "pod decode account [BASE64|BASE58|-]\n"
    "  Decodes a PoD account's data (as getAccountInfo returns it, base64 or base58): the type\n"
    "  from its discriminator, its size against the type's space, then every field.\n"
    "  -q: the type alone. --json: encoding, size, type, discriminator, space, serialized_size,\n"
    "  trailing_bytes, trailing_nonzero, fields (named as in the program's IDL).\n"
    "\n"
    "pod decode logs\n"
    "  Reads a transaction's log messages from standard input, one per line, or as a JSON\n"
    "  array of strings (meta.logMessages). Prints the PoD events ('Program data:' lines) and\n"
    "  the errors (AnchorError lines, 'custom program error' of pod_com and System) explained\n"
    "  from the error table. -v: every input line too, with what each one is.\n"
    "  --json: {\"lines\":n,\"events\":[...],\"errors\":[...]} (-v adds \"logs\").\n"
    "\n"
    "See docs/CLI.md for the formats.\n";

/* ---- known programs ---- */

/* A program's instruction describer (the hook for "what does this instruction do"):
 * describe() prints, in text, what follows "call: " (e.g. `register_agent capabilities=1
 * metadata_uri="..."`), or in JSON exactly the members "name":...,"args":... (null when not
 * recognised), and returns 1 when it recognised the instruction. account_name() names account
 * idx of the instruction (NULL: no name). */
typedef struct {
  int (*describe)(FILE *f, int json, const uint8_t *data, size_t data_sz);
  const char *(*account_name)(const uint8_t *data, size_t data_sz, size_t idx);
} ix_describer_t;

typedef struct {
  const pod_pubkey_t *id;
  const char *label;
  const ix_describer_t *describer; /* NULL: none for this program */
} known_program_t;

static void com_args(pod_cli_fields_t *w, const pod_ix_args_t *a) {
  switch (a->kind) {
  case POD_IX_REGISTER_AGENT:
    pod_cli_field_u64(w, "capabilities", 1, a->u.register_agent.capabilities);
    pod_cli_field_str(w, "metadata_uri", 1, a->u.register_agent.metadata_uri);
    break;
  case POD_IX_SEND_MESSAGE:
    pod_cli_field_pubkey(w, "recipient", 1, &a->u.send_message.recipient);
    pod_cli_field_hex(w, "payload_hash", a->u.send_message.payload_hash, 32);
    pod_cli_field_msg_type(w, "message_type", a->u.send_message.message_type);
    break;
  case POD_IX_UPDATE_AGENT: {
    const pod_ix_update_agent_args_t *u = &a->u.update_agent;
    pod_cli_field_u64(w, "capabilities", u->has_capabilities, u->capabilities);
    pod_cli_field_str(w, "metadata_uri", u->has_metadata_uri, u->metadata_uri);
    break;
  }
  case POD_IX_UPDATE_MESSAGE_STATUS:
    pod_cli_field_status(w, "new_status", a->u.update_message_status.new_status);
    break;
  case POD_IX_CREATE_CHANNEL:
  case POD_IX_CREATE_CHANNEL_V2: {
    const pod_ix_create_channel_args_t *c =
        a->kind == POD_IX_CREATE_CHANNEL ? &a->u.create_channel : &a->u.create_channel_v2;
    pod_cli_field_str(w, "name", 1, c->name);
    pod_cli_field_str(w, "description", 1, c->description);
    pod_cli_field_visibility(w, "visibility", c->visibility);
    pod_cli_field_u64(w, "max_participants", 1, c->max_participants);
    pod_cli_field_u64(w, "fee_per_message", 1, c->fee_per_message);
    break;
  }
  case POD_IX_DEPOSIT_ESCROW: pod_cli_field_u64(w, "amount", 1, a->u.deposit_escrow.amount); break;
  case POD_IX_WITHDRAW_ESCROW:
    pod_cli_field_u64(w, "amount", 1, a->u.withdraw_escrow.amount);
    break;
  case POD_IX_BROADCAST_MESSAGE: {
    const pod_ix_broadcast_message_args_t *b = &a->u.broadcast_message;
    pod_cli_field_str(w, "content", 1, b->content);
    pod_cli_field_msg_type(w, "message_type", b->message_type);
    pod_cli_field_pubkey(w, "reply_to", b->has_reply_to, &b->reply_to);
    pod_cli_field_u64(w, "nonce", 1, b->nonce);
    break;
  }
  case POD_IX_INVITE_TO_CHANNEL:
    pod_cli_field_pubkey(w, "invitee", 1, &a->u.invite_to_channel.invitee);
    pod_cli_field_u64(w, "nonce", 1, a->u.invite_to_channel.nonce);
    break;
  case POD_IX_UPDATE_CHANNEL: {
    const pod_ix_update_channel_args_t *u = &a->u.update_channel;
    pod_cli_field_str(w, "name", u->has_name, u->name);
    pod_cli_field_str(w, "description", u->has_description, u->description);
    pod_cli_field_u64(w, "max_participants", u->has_max_participants, u->max_participants);
    pod_cli_field_u64(w, "fee_per_message", u->has_fee_per_message, u->fee_per_message);
    pod_cli_field_bool(w, "is_active", u->has_is_active, u->is_active);
    break;
  }
  case POD_IX_BROADCAST_MESSAGE_COMPRESSED: {
    const pod_ix_broadcast_message_compressed_args_t *b = &a->u.broadcast_message_compressed;
    pod_cli_field_str(w, "content", 1, b->content);
    pod_cli_field_msg_type(w, "message_type", b->message_type);
    pod_cli_field_pubkey(w, "reply_to", b->has_reply_to, &b->reply_to);
    pod_cli_field_str(w, "ipfs_hash", 1, b->ipfs_hash);
    break;
  }
  case POD_IX_JOIN_CHANNEL_COMPRESSED:
    pod_cli_field_hex(w, "metadata_hash", a->u.join_channel_compressed.metadata_hash, 32);
    break;
  case POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES: {
    const pod_ix_batch_sync_compressed_messages_args_t *b = &a->u.batch_sync_compressed_messages;
    pod_cli_field_begin(w, "message_hashes", 1);
    fputc('[', w->f);
    for (size_t i = 0; i < b->message_hash_cnt; i++) {
      if (i) fputc(',', w->f);
      if (w->form == POD_CLI_JSON)
        pod_cli_json_hex(w->f, b->message_hashes[i], 32);
      else
        pod_cli_hex(w->f, b->message_hashes[i], 32);
    }
    fputc(']', w->f);
    pod_cli_field_end(w);
    pod_cli_field_time(w, "sync_timestamp", 1, b->sync_timestamp);
    break;
  }
  default: break; /* join_channel, leave_channel, get_channel_participants: no arguments */
  }
}

static int com_describe(FILE *f, int json, const uint8_t *data, size_t sz) {
  pod_ix_args_t a;
  size_t trailing = 0;
  int rc = pod_ix_decode(&a, &trailing, data, sz);
  const char *name = rc == POD_OK || rc == POD_EDECODE ? pod_ix_name((int)a.kind) : NULL;
  if (!name) {
    if (json)
      fputs("\"name\":null,\"args\":null", f);
    else
      fputs("(no pod_com instruction has this discriminator: the program fails with 101 "
            "InstructionFallbackNotFound)",
            f);
    return 0;
  }
  if (rc != POD_OK) {
    if (json)
      fprintf(f, "\"name\":\"%s\",\"args\":null", name);
    else
      fprintf(f,
              "%s (the arguments do not decode: the program fails with 102 "
              "InstructionDidNotDeserialize)",
              name);
    return 1;
  }
  pod_cli_fields_t w = {f, json ? POD_CLI_JSON : POD_CLI_INLINE, 0, NULL};
  if (json)
    fprintf(f, "\"name\":\"%s\",\"args\":{", name);
  else
    fputs(name, f);
  com_args(&w, &a);
  if (json)
    fputc('}', f);
  else if (trailing)
    fprintf(f, " (%zu trailing byte%s ignored)", trailing, trailing == 1 ? "" : "s");
  return 1;
}

static const char *com_account_name(const uint8_t *data, size_t sz, size_t idx) {
  int kind = pod_ix_kind_from_data(data, sz);
  return kind < 0 ? NULL : pod_ix_account_name(kind, idx);
}

static const ix_describer_t com_describer = {com_describe, com_account_name};

static const known_program_t known_programs[] = {
    {&pod_program_id, "pod_com", &com_describer},
    {&pod_system_program_id, "system", NULL},
    {&pod_compute_budget_program_id, "compute_budget", NULL},
    {&pod_compression_program_id, "account_compression", NULL},
};
#define NKNOWN (sizeof known_programs / sizeof known_programs[0])

static const known_program_t *find_program(const pod_pubkey_t *pk) {
  if (!pk) return NULL;
  for (size_t i = 0; i < NKNOWN; i++)
    if (pod_pubkey_eq(pk, known_programs[i].id)) return &known_programs[i];
  return NULL;
}

const char *pod_cli_program_label(const pod_pubkey_t *pk) {
  const known_program_t *p = find_program(pk);
  return p ? p->label : NULL;
}

/* ---- input ---- */

typedef struct {
  uint8_t buf[BYTES_MAX];
  size_t sz;
  const char *encoding; /* "base64" or "base58" */
  pod_txn_t t;
  size_t key_cnt; /* static + loaded */
} decoded_t;

size_t pod_cli_read_text(char *text, size_t max, const char *s) {
  size_t n = 0;
  for (;;) {
    int c = s ? (unsigned char)*s++ : getchar();
    if (c == EOF || c == '\0') break;
    if (isspace(c)) continue;
    if (n == max) return (size_t)-1;
    text[n++] = (char)c;
  }
  return n;
}

int pod_cli_read_stdin(char **out, size_t *len, size_t max) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  if (!buf) return pod_cli_fail(POD_EXIT_ERROR, "out of memory");
  for (;;) {
    if (cap - n < 2) {
      if (cap > max) {
        free(buf);
        return pod_cli_fail(POD_EXIT_ERROR, "the input is over %zu bytes; give less at a time",
                            max);
      }
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        return pod_cli_fail(POD_EXIT_ERROR, "out of memory");
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n - 1, stdin);
    n += got;
    if (got == 0) break;
  }
  if (ferror(stdin)) {
    free(buf);
    return pod_cli_fail(POD_EXIT_ERROR, "cannot read standard input");
  }
  if (n > max) {
    free(buf);
    return pod_cli_fail(POD_EXIT_ERROR, "the input is over %zu bytes; give less at a time", max);
  }
  buf[n] = '\0';
  *out = buf;
  *len = n;
  return POD_EXIT_OK;
}

static int decode_input(decoded_t *d, const char *arg) {
  static char text[TEXT_MAX];
  if (!arg && isatty(STDIN_FILENO))
    fprintf(stderr, "pod: reading a transaction from standard input (end with Ctrl-D)\n");
  size_t n = pod_cli_read_text(text, TEXT_MAX, arg);
  if (!arg && ferror(stdin)) return pod_cli_fail(POD_EXIT_ERROR, "cannot read standard input");
  if (n == (size_t)-1)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the input is over %d characters, too long for a transaction (at most "
                        "%d bytes: 1644 base64 characters)",
                        TEXT_MAX, POD_TXN_MTU);
  if (n == 0)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "no transaction given: pass it as base64 or base58, or pipe it in");

  /* Base64 first (what RPC nodes send), then base58 (what explorers show). A base58 string can
   * also be valid base64, so a base64 decoding that does not parse falls through to base58. */
  static const char *const names[2] = {"base64", "base58"};
  size_t got[2] = {0, 0};
  int decoded[2] = {0, 0}, parse_rc = POD_EDECODE;
  for (int e = 0; e < 2; e++) {
    size_t sz = 0;
    int rc = e == 0 ? pod_base64_decode(d->buf, sizeof d->buf, &sz, text, n)
                    : pod_base58_decode(d->buf, sizeof d->buf, &sz, text, n);
    if (rc != POD_OK) continue;
    decoded[e] = 1;
    got[e] = sz;
    if (sz > POD_TXN_MTU) continue;
    parse_rc = pod_txn_parse(&d->t, d->buf, sz);
    if (parse_rc == POD_OK) {
      d->sz = sz;
      d->encoding = names[e];
      d->key_cnt = (size_t)d->t.acct_cnt + d->t.loaded_writable_cnt + d->t.loaded_readonly_cnt;
      return POD_EXIT_OK;
    }
  }
  if (!decoded[0] && !decoded[1])
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the input is neither base64 nor base58 text; give the transaction as "
                        "one of those");
  int e = decoded[0] ? 0 : 1;
  if (got[e] > POD_TXN_MTU)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the input decodes (%s) to %zu bytes; a transaction is at most %d bytes",
                        names[e], got[e], POD_TXN_MTU);
  if (decoded[0] && decoded[1])
    return pod_cli_fail(POD_EXIT_ERROR,
                        "not a valid transaction: neither the %zu bytes decoded as base64 nor "
                        "the %zu bytes decoded as base58 parse as a wire transaction",
                        got[0], got[1]);
  return pod_cli_fail(POD_EXIT_ERROR,
                      "not a valid transaction: the %zu bytes decoded as %s do not parse as a "
                      "wire transaction (%s)",
                      got[e], names[e], pod_strerror(parse_rc));
}

/* ---- account keys ---- */

typedef struct {
  const pod_pubkey_t *pk; /* static key, or NULL for a loaded one */
  size_t table;           /* loaded: lookup table number */
  uint8_t table_idx;      /* loaded: index inside that table */
} key_ref_t;

static key_ref_t key_ref(const decoded_t *d, size_t idx) {
  key_ref_t r = {pod_txn_key(&d->t, d->buf, idx), 0, 0};
  if (r.pk || idx < d->t.acct_cnt || idx >= d->key_cnt) return r;
  /* Loaded addresses: every table's writable ones in table order, then the read-only ones. */
  size_t k = idx - d->t.acct_cnt;
  int ro = k >= d->t.loaded_writable_cnt;
  if (ro) k -= d->t.loaded_writable_cnt;
  for (size_t j = 0; j < d->t.alt_cnt; j++) {
    const pod_txn_alt_t *a = &d->t.alt[j];
    size_t cnt = ro ? a->readonly_cnt : a->writable_cnt;
    if (k < cnt) {
      r.table = j;
      r.table_idx = d->buf[(ro ? a->readonly_off : a->writable_off) + k];
      return r;
    }
    k -= cnt;
  }
  return r;
}

static const pod_pubkey_t *table_addr(const decoded_t *d, size_t j) {
  return (const pod_pubkey_t *)(const void *)(d->buf + d->t.alt[j].addr_off);
}

/* The key at idx: base58 (padded to a column when pad), or where a loaded key comes from; then
 * " (label)" for a known program when label. */
static void print_key_text(const decoded_t *d, size_t idx, int pad, int label) {
  char b58[POD_PUBKEY_B58_SZ];
  key_ref_t r = key_ref(d, idx);
  if (r.pk) {
    printf(pad ? "%-44s" : "%s", pod_pubkey_to_base58(b58, r.pk));
    const char *l = pod_cli_program_label(r.pk);
    if (l && label) printf(" (%s)", l);
  } else {
    printf("(lookup table %s #%u)", pod_pubkey_to_base58(b58, table_addr(d, r.table)),
           (unsigned)r.table_idx);
  }
}

static void print_key_json(const decoded_t *d, size_t idx) {
  char b58[POD_PUBKEY_B58_SZ];
  key_ref_t r = key_ref(d, idx);
  if (r.pk)
    printf("\"%s\"", pod_pubkey_to_base58(b58, r.pk));
  else
    printf("null");
}

static const pod_signature_t *sig_at(const decoded_t *d, size_t i) {
  return (const pod_signature_t *)(const void *)(d->buf + d->t.sig_off + 64 * i);
}

static int sig_valid(const decoded_t *d, size_t i) {
  const pod_pubkey_t *pk = pod_txn_key(&d->t, d->buf, i);
  return pk && pod_verify(sig_at(d, i), pk, d->buf + d->t.msg_off, d->t.msg_sz) == POD_OK;
}

static int sig_empty(const decoded_t *d, size_t i) {
  const pod_signature_t *s = sig_at(d, i);
  for (size_t k = 0; k < sizeof s->b; k++)
    if (s->b[k]) return 0;
  return 1;
}

/* The describer for an instruction's program, if any. */
static const ix_describer_t *describer_of(const decoded_t *d, const pod_txn_instr_t *ix) {
  const known_program_t *p = find_program(pod_txn_key(&d->t, d->buf, ix->program_idx));
  return p ? p->describer : NULL;
}

/* ---- text ---- */

static void print_text(const decoded_t *d) {
  const pod_txn_t *t = &d->t;
  char b58[POD_SIGNATURE_B58_SZ];
  printf("encoding: %s\nsize: %zu bytes\n", d->encoding, d->sz);
  if (t->version == POD_TXN_VERSION_LEGACY)
    printf("version: legacy\n");
  else
    printf("version: %u\n", (unsigned)t->version);
  printf("header: %u required signature%s, %u read-only signed, %u read-only unsigned\n",
         (unsigned)t->num_required_signatures, t->num_required_signatures == 1 ? "" : "s",
         (unsigned)t->num_readonly_signed, (unsigned)t->num_readonly_unsigned);

  printf("account keys (%zu):\n", d->key_cnt);
  for (size_t i = 0; i < d->key_cnt; i++) {
    printf("  [%zu] ", i);
    print_key_text(d, i, 1, 0);
    printf("  %s%s", pod_txn_is_signer(t, i) ? "signer, " : "",
           pod_txn_is_writable(t, i) ? "writable" : "read-only");
    if (i == 0) printf(", fee payer");
    const char *label = pod_cli_program_label(pod_txn_key(t, d->buf, i));
    if (label) printf(" (%s)", label);
    putchar('\n');
  }

  const pod_pubkey_t *bh = (const pod_pubkey_t *)(const void *)(d->buf + t->blockhash_off);
  printf("recent blockhash: %s\n", pod_pubkey_to_base58(b58, bh));

  printf("instructions (%u):\n", (unsigned)t->instr_cnt);
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    printf("  #%zu program [%u] ", i, (unsigned)ix->program_idx);
    print_key_text(d, ix->program_idx, 0, 1);
    putchar('\n');
    const uint8_t *data = d->buf + ix->data_off;
    const ix_describer_t *desc = describer_of(d, ix);
    if (desc) {
      printf("     call: ");
      desc->describe(stdout, 0, data, ix->data_sz);
      putchar('\n');
    }
    printf("     accounts (%u):\n", (unsigned)ix->acct_cnt);
    for (size_t k = 0; k < ix->acct_cnt; k++) {
      uint8_t a = d->buf[ix->acct_off + k];
      const char *name = desc ? desc->account_name(data, ix->data_sz, k) : NULL;
      printf("       %s%s[%u] ", name ? name : "", name ? ": " : "", (unsigned)a);
      print_key_text(d, a, 0, 1);
      putchar('\n');
    }
    printf("     data (%u bytes): ", (unsigned)ix->data_sz);
    pod_cli_hex(stdout, d->buf + ix->data_off, ix->data_sz);
    putchar('\n');
  }

  if (t->version != POD_TXN_VERSION_LEGACY) {
    printf("address table lookups (%u):\n", (unsigned)t->alt_cnt);
    for (size_t j = 0; j < t->alt_cnt; j++) {
      const pod_txn_alt_t *a = &t->alt[j];
      printf("  [%zu] %s writable [", j, pod_pubkey_to_base58(b58, table_addr(d, j)));
      for (size_t k = 0; k < a->writable_cnt; k++)
        printf("%s%u", k ? ", " : "", (unsigned)d->buf[a->writable_off + k]);
      printf("] read-only [");
      for (size_t k = 0; k < a->readonly_cnt; k++)
        printf("%s%u", k ? ", " : "", (unsigned)d->buf[a->readonly_off + k]);
      printf("]\n");
    }
  }

  printf("signatures (%u):\n", (unsigned)t->sig_cnt);
  for (size_t i = 0; i < t->sig_cnt; i++) {
    int ok = sig_valid(d, i);
    printf("  [%zu] %s %s", i, pod_signature_to_base58(b58, sig_at(d, i)),
           ok ? "valid" : "INVALID");
    if (!ok && sig_empty(d, i)) printf(" (all zero: not signed)");
    printf(" (signer [%zu] ", i);
    print_key_text(d, i, 0, 0);
    printf(")\n");
  }
}

/* ---- JSON ---- */

static void print_json(const decoded_t *d) {
  const pod_txn_t *t = &d->t;
  char b58[POD_SIGNATURE_B58_SZ];
  printf("{\"encoding\":\"%s\",\"size\":%zu,\"version\":", d->encoding, d->sz);
  if (t->version == POD_TXN_VERSION_LEGACY)
    printf("\"legacy\"");
  else
    printf("%u", (unsigned)t->version);
  printf(",\"header\":{\"num_required_signatures\":%u,\"num_readonly_signed\":%u,"
         "\"num_readonly_unsigned\":%u}",
         (unsigned)t->num_required_signatures, (unsigned)t->num_readonly_signed,
         (unsigned)t->num_readonly_unsigned);

  printf(",\"account_keys\":[");
  for (size_t i = 0; i < d->key_cnt; i++) {
    key_ref_t r = key_ref(d, i);
    const char *label = pod_cli_program_label(r.pk);
    printf("%s{\"index\":%zu,\"pubkey\":", i ? "," : "", i);
    print_key_json(d, i);
    printf(",\"signer\":%s,\"writable\":%s,\"fee_payer\":%s,\"label\":",
           pod_txn_is_signer(t, i) ? "true" : "false", pod_txn_is_writable(t, i) ? "true" : "false",
           i == 0 ? "true" : "false");
    if (label)
      printf("\"%s\"", label);
    else
      printf("null");
    printf(",\"lookup\":");
    if (r.pk)
      printf("null");
    else
      printf("{\"table\":\"%s\",\"index\":%u}", pod_pubkey_to_base58(b58, table_addr(d, r.table)),
             (unsigned)r.table_idx);
    putchar('}');
  }

  const pod_pubkey_t *bh = (const pod_pubkey_t *)(const void *)(d->buf + t->blockhash_off);
  printf("],\"recent_blockhash\":\"%s\",\"instructions\":[", pod_pubkey_to_base58(b58, bh));
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_txn_instr_t *ix = &t->instr[i];
    const known_program_t *prog = find_program(pod_txn_key(t, d->buf, ix->program_idx));
    const uint8_t *data = d->buf + ix->data_off;
    const ix_describer_t *desc = describer_of(d, ix);
    printf("%s{\"index\":%zu,\"program_index\":%u,\"program\":", i ? "," : "", i,
           (unsigned)ix->program_idx);
    print_key_json(d, ix->program_idx);
    printf(",\"label\":");
    if (prog)
      printf("\"%s\"", prog->label);
    else
      printf("null");
    printf(",\"accounts\":[");
    for (size_t k = 0; k < ix->acct_cnt; k++) {
      uint8_t a = d->buf[ix->acct_off + k];
      const char *name = desc ? desc->account_name(data, ix->data_sz, k) : NULL;
      printf("%s{\"index\":%u,\"pubkey\":", k ? "," : "", (unsigned)a);
      print_key_json(d, a);
      printf(",\"name\":");
      if (name)
        printf("\"%s\"", name);
      else
        printf("null");
      putchar('}');
    }
    printf("],\"data\":");
    pod_cli_json_hex(stdout, data, ix->data_sz);
    printf(",\"data_size\":%u,", (unsigned)ix->data_sz);
    if (desc)
      desc->describe(stdout, 1, data, ix->data_sz);
    else
      printf("\"name\":null,\"args\":null");
    putchar('}');
  }

  printf("],\"address_table_lookups\":[");
  for (size_t j = 0; j < t->alt_cnt; j++) {
    const pod_txn_alt_t *a = &t->alt[j];
    printf("%s{\"account\":\"%s\",\"writable_indexes\":[", j ? "," : "",
           pod_pubkey_to_base58(b58, table_addr(d, j)));
    for (size_t k = 0; k < a->writable_cnt; k++)
      printf("%s%u", k ? "," : "", (unsigned)d->buf[a->writable_off + k]);
    printf("],\"readonly_indexes\":[");
    for (size_t k = 0; k < a->readonly_cnt; k++)
      printf("%s%u", k ? "," : "", (unsigned)d->buf[a->readonly_off + k]);
    printf("]}");
  }

  printf("],\"signatures\":[");
  int all = 1;
  for (size_t i = 0; i < t->sig_cnt; i++) {
    int ok = sig_valid(d, i);
    all &= ok;
    printf("%s{\"index\":%zu,\"signature\":\"%s\",\"signer\":", i ? "," : "", i,
           pod_signature_to_base58(b58, sig_at(d, i)));
    print_key_json(d, i);
    printf(",\"valid\":%s}", ok ? "true" : "false");
  }
  printf("],\"signatures_valid\":%s}\n", all ? "true" : "false");
}

/* pod decode tx [BASE64|BASE58|-] */
static int decode_tx(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *arg = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--") && i + 1 < argc && !arg)
      a = argv[++i];
    else if (a[0] == '-' && a[1])
      return pod_cli_fail(POD_EXIT_USAGE,
                          "decode tx: unknown option '%s' (see 'pod decode --help')", a);
    if (arg)
      return pod_cli_fail(POD_EXIT_USAGE,
                          "decode tx: takes one transaction, got a second argument '%s'", a);
    arg = a;
  }
  if (arg && !strcmp(arg, "-")) arg = NULL;

  static decoded_t d; /* ~4 KiB; static to keep the stack small */
  int rc = decode_input(&d, arg);
  if (rc) return rc;
  if (o->json)
    print_json(&d);
  else
    print_text(&d);
  return POD_EXIT_OK;
}

#define DECODE_USAGE                                                                               \
  "pod decode tx [BASE64|BASE58|-] | pod decode account [BASE64|BASE58|-] | pod decode logs"

int pod_cmd_decode(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE, "decode: what should be decoded? usage: " DECODE_USAGE);
  const char *what = argv[1];
  if (!strcmp(what, "tx") || !strcmp(what, "transaction")) return decode_tx(o, argc - 1, argv + 1);
  if (!strcmp(what, "account")) return pod_cli_decode_account(o, argc - 1, argv + 1);
  if (!strcmp(what, "logs") || !strcmp(what, "log"))
    return pod_cli_decode_logs(o, argc - 1, argv + 1);
  return pod_cli_fail(POD_EXIT_USAGE,
                      "decode: cannot decode '%s'; it decodes tx, account and logs: " DECODE_USAGE,
                      what);
}
