/* pod pda <kind> ARGS...: the addresses of the PoD program's accounts.
 *
 * The address and bump come from the library's helpers (pod_pda_agent, ...). The seeds are
 * rebuilt here only to show them, and checked against the address with pod_pda_create, so what
 * is shown is what was hashed. */
#include <strings.h>
#include <string.h>

#include "cli.h"

#define SEEDS_MAX 6

const char pod_cli_help_pda[] =
    "kinds and their arguments (keys in base58):\n"
    "  agent WALLET\n"
    "  message SENDER_AGENT RECIPIENT PAYLOAD_HASH TYPE\n"
    "      SENDER_AGENT is the sender's agent address ('pod pda agent WALLET'), not the wallet.\n"
    "      PAYLOAD_HASH: 64 hex digits, or sha256:TEXT for the SHA-256 of TEXT.\n"
    "      TYPE: text | data | command | response | custom:N (N 0..251)\n"
    "  channel CREATOR NAME\n"
    "      NAME exactly as given to create_channel (untrimmed, at most 32 bytes).\n"
    "  participant CHANNEL AGENT\n"
    "      AGENT is the member's agent address, not the wallet.\n"
    "  invitation CHANNEL INVITEE\n"
    "  escrow CHANNEL DEPOSITOR\n"
    "  channel-message CHANNEL SENDER_WALLET NONCE\n"
    "      NONCE: a decimal u64.\n"
    "Put '--' before an argument that starts with '-'.\n"
    "\n"
    "output:\n"
    "  text    address: <base58>\\nbump: <n>   (-q: the address alone; -v: the seeds too)\n"
    "  --json  "
    "{\"kind\":\"<kind>\",\"program\":\"<base58>\",\"address\":\"<base58>\",\"bump\":<n>,\n"
    "           \"seeds\":[\"<hex>\",...]}   (seeds without the bump byte)\n";

typedef struct {
  uint8_t b[32];
  size_t len;
  const char *what; /* argument name, or NULL for the constant prefix */
} seed_t;

typedef struct {
  pod_pubkey_t address;
  uint8_t bump;
  seed_t seed[SEEDS_MAX];
  size_t seed_cnt;
} pda_t;

static void add_seed(pda_t *d, const char *what, const void *b, size_t len) {
  seed_t *s = &d->seed[d->seed_cnt++];
  s->what = what;
  s->len = len;
  memcpy(s->b, b, len);
}

static void add_prefix(pda_t *d, const char *prefix) { add_seed(d, NULL, prefix, strlen(prefix)); }

/* Result of a pod_pda_* helper as an exit code. */
static int derive_result(int rc, const char *kind) {
  if (rc == POD_OK) return POD_EXIT_OK;
  if (rc == POD_ENOPDA)
    return pod_cli_fail(POD_EXIT_ERROR, "no bump from 255 to 1 gives a %s address off the curve",
                        kind);
  return pod_cli_fail(POD_EXIT_ERROR, "cannot derive the %s address: %s", kind, pod_strerror(rc));
}

static int derive_agent(pda_t *d, char **a) {
  pod_pubkey_t wallet;
  int rc = pod_cli_parse_pubkey(&wallet, "WALLET", a[0]);
  if (rc) return rc;
  add_prefix(d, "agent");
  add_seed(d, "WALLET", wallet.b, 32);
  return derive_result(pod_pda_agent(&d->address, &d->bump, &wallet), "agent");
}

static int parse_payload_hash(uint8_t out[32], const char *s) {
  if (!strncmp(s, "sha256:", 7)) {
    pod_sha256(out, s + 7, strlen(s + 7));
    return POD_EXIT_OK;
  }
  size_t n = 0;
  if (strlen(s) != 64 || pod_hex_decode(out, 32, &n, s, 64) != POD_OK || n != 32)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "PAYLOAD_HASH '%s': expected 64 hex digits (32 bytes), or sha256:TEXT", s);
  return POD_EXIT_OK;
}

/* pod_cli_parse_msg_type, with the seed byte the program derives (kind, or 4 + N for custom:N) and
 * a word on why custom:252..255 cannot exist. */
static int parse_message_type(pod_message_type_t *t, uint8_t *type_byte, const char *s) {
  unsigned v = 0;
  char end;
  if (!strncasecmp(s, "custom:", 7) && sscanf(s + 7, "%3u%c", &v, &end) == 1 && v >= 252 &&
      v <= 255)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "TYPE '%s': the program computes the seed byte as 4+N in u8 with overflow "
                        "checks, so N >= 252 panics and no such message can exist (use 0..251)",
                        s);
  if (pod_cli_parse_msg_type(t, "TYPE", s) != POD_EXIT_OK) return POD_EXIT_USAGE;
  *type_byte = t->kind == POD_MSG_CUSTOM ? (uint8_t)(4 + t->custom) : (uint8_t)t->kind;
  return POD_EXIT_OK;
}

static int derive_message(pda_t *d, char **a) {
  pod_pubkey_t sender, recipient;
  uint8_t hash[32], type_byte = 0;
  pod_message_type_t type;
  int rc;
  if ((rc = pod_cli_parse_pubkey(&sender, "SENDER_AGENT", a[0])) ||
      (rc = pod_cli_parse_pubkey(&recipient, "RECIPIENT", a[1])) ||
      (rc = parse_payload_hash(hash, a[2])) || (rc = parse_message_type(&type, &type_byte, a[3])))
    return rc;
  add_prefix(d, "message");
  add_seed(d, "SENDER_AGENT", sender.b, 32);
  add_seed(d, "RECIPIENT", recipient.b, 32);
  add_seed(d, "PAYLOAD_HASH", hash, 32);
  add_seed(d, "TYPE", &type_byte, 1);
  return derive_result(pod_pda_message(&d->address, &d->bump, &sender, &recipient, hash, type),
                       "message");
}

static int derive_channel(pda_t *d, char **a) {
  pod_pubkey_t creator;
  int rc = pod_cli_parse_pubkey(&creator, "CREATOR", a[0]);
  if (rc) return rc;
  size_t len = strlen(a[1]);
  if (len > POD_PDA_MAX_SEED_LEN)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "NAME is %zu bytes; a PDA seed is at most 32 bytes, so the program cannot "
                        "derive a channel address for it (create_channel aborts with such a name)",
                        len);
  add_prefix(d, "channel");
  add_seed(d, "CREATOR", creator.b, 32);
  add_seed(d, "NAME", a[1], len);
  return derive_result(pod_pda_channel(&d->address, &d->bump, &creator, a[1], len), "channel");
}

/* The four kinds whose seeds are a prefix and two keys. */
static int
derive_two_keys(pda_t *d, char **a, const char *prefix, const char *what0, const char *what1,
                int (*fn)(pod_pubkey_t *, uint8_t *, const pod_pubkey_t *, const pod_pubkey_t *)) {
  pod_pubkey_t k0, k1;
  int rc;
  if ((rc = pod_cli_parse_pubkey(&k0, what0, a[0])) ||
      (rc = pod_cli_parse_pubkey(&k1, what1, a[1])))
    return rc;
  add_prefix(d, prefix);
  add_seed(d, what0, k0.b, 32);
  add_seed(d, what1, k1.b, 32);
  return derive_result(fn(&d->address, &d->bump, &k0, &k1), prefix);
}

static int derive_participant(pda_t *d, char **a) {
  return derive_two_keys(d, a, "participant", "CHANNEL", "AGENT", pod_pda_participant);
}
static int derive_invitation(pda_t *d, char **a) {
  return derive_two_keys(d, a, "invitation", "CHANNEL", "INVITEE", pod_pda_invitation);
}
static int derive_escrow(pda_t *d, char **a) {
  return derive_two_keys(d, a, "escrow", "CHANNEL", "DEPOSITOR", pod_pda_escrow);
}

static int parse_u64(uint64_t *out, const char *what, const char *s) {
  uint64_t v = 0;
  const char *p = s;
  for (; *p >= '0' && *p <= '9'; p++) {
    unsigned dgt = (unsigned)(*p - '0');
    if (v > (UINT64_MAX - dgt) / 10)
      return pod_cli_fail(POD_EXIT_USAGE, "%s '%s': larger than a u64 (max 18446744073709551615)",
                          what, s);
    v = v * 10 + dgt;
  }
  if (p == s || *p)
    return pod_cli_fail(POD_EXIT_USAGE, "%s '%s': expected a decimal number (0 to 2^64-1)", what,
                        s);
  *out = v;
  return POD_EXIT_OK;
}

static int derive_channel_message(pda_t *d, char **a) {
  pod_pubkey_t channel, sender;
  uint64_t nonce = 0;
  int rc;
  if ((rc = pod_cli_parse_pubkey(&channel, "CHANNEL", a[0])) ||
      (rc = pod_cli_parse_pubkey(&sender, "SENDER_WALLET", a[1])) ||
      (rc = parse_u64(&nonce, "NONCE", a[2])))
    return rc;
  uint8_t le[8];
  for (int i = 0; i < 8; i++)
    le[i] = (uint8_t)(nonce >> (8 * i));
  add_prefix(d, "channel_message");
  add_seed(d, "CHANNEL", channel.b, 32);
  add_seed(d, "SENDER_WALLET", sender.b, 32);
  add_seed(d, "NONCE", le, 8);
  return derive_result(pod_pda_channel_message(&d->address, &d->bump, &channel, &sender, nonce),
                       "channel_message");
}

typedef struct {
  const char *name;
  const char *args;
  int argc;
  int (*derive)(pda_t *d, char **args);
} pda_kind_t;

static const pda_kind_t kinds[] = {
    {"agent", "WALLET", 1, derive_agent},
    {"message", "SENDER_AGENT RECIPIENT PAYLOAD_HASH TYPE", 4, derive_message},
    {"channel", "CREATOR NAME", 2, derive_channel},
    {"participant", "CHANNEL AGENT", 2, derive_participant},
    {"invitation", "CHANNEL INVITEE", 2, derive_invitation},
    {"escrow", "CHANNEL DEPOSITOR", 2, derive_escrow},
    {"channel-message", "CHANNEL SENDER_WALLET NONCE", 3, derive_channel_message},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const pda_kind_t *find_kind(const char *name) {
  for (size_t i = 0; i < NKINDS; i++)
    if (!strcmp(name, kinds[i].name)) return &kinds[i];
  if (!strcmp(name, "channel_message")) return &kinds[NKINDS - 1];
  return NULL;
}

/* Recomputes the address from the shown seeds and the bump: they must agree. */
static int check_seeds(const pda_t *d) {
  pod_seed_t s[SEEDS_MAX + 1];
  for (size_t i = 0; i < d->seed_cnt; i++)
    s[i] = (pod_seed_t){d->seed[i].b, d->seed[i].len};
  s[d->seed_cnt] = (pod_seed_t){&d->bump, 1};
  pod_pubkey_t again;
  if (pod_pda_create(&again, s, d->seed_cnt + 1, &pod_program_id) != POD_OK ||
      !pod_pubkey_eq(&again, &d->address))
    return pod_cli_fail(POD_EXIT_ERROR, "internal error: the seeds shown do not give the address");
  return POD_EXIT_OK;
}

static void print_seed_text(const seed_t *s) {
  pod_cli_hex(stdout, s->b, s->len);
  if (!s->what) {
    printf(" (\"%.*s\")", (int)s->len, (const char *)s->b);
  } else if (s->len == 32 && strcmp(s->what, "PAYLOAD_HASH") && strcmp(s->what, "NAME")) {
    char b58[POD_PUBKEY_B58_SZ];
    pod_pubkey_t pk;
    memcpy(pk.b, s->b, 32);
    printf(" (%s %s)", s->what, pod_pubkey_to_base58(b58, &pk));
  } else {
    printf(" (%s)", s->what);
  }
}

int pod_cmd_pda(const pod_cli_opts_t *o, int argc, char **argv) {
  char *pos[8];
  int npos = 0, rest = 0;
  for (int i = 1; i < argc; i++) {
    if (!rest && !strcmp(argv[i], "--")) {
      rest = 1;
    } else if (!rest && argv[i][0] == '-' && argv[i][1]) {
      return pod_cli_fail(POD_EXIT_USAGE,
                          "pda: unknown option '%s' (put '--' before an argument that starts "
                          "with '-'; see 'pod pda --help')",
                          argv[i]);
    } else if (npos < (int)(sizeof pos / sizeof pos[0])) {
      pos[npos++] = argv[i];
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "pda: too many arguments (see 'pod pda --help')");
    }
  }
  if (npos == 0)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "pda: which address? give a kind: agent, message, channel, participant, "
                        "invitation, escrow or channel-message (see 'pod pda --help')");
  const pda_kind_t *k = find_kind(pos[0]);
  if (!k)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "pda: unknown kind '%s'; the kinds are agent, message, channel, "
                        "participant, invitation, escrow and channel-message",
                        pos[0]);
  if (npos - 1 != k->argc)
    return pod_cli_fail(POD_EXIT_USAGE, "pda %s: %s arguments: usage: pod pda %s %s", k->name,
                        npos - 1 < k->argc ? "missing" : "too many", k->name, k->args);

  pda_t d;
  memset(&d, 0, sizeof d);
  int rc = k->derive(&d, pos + 1);
  if (rc) return rc;
  if ((rc = check_seeds(&d))) return rc;

  char addr[POD_PUBKEY_B58_SZ], prog[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(addr, &d.address);
  if (o->json) {
    printf("{\"kind\":\"%s\",\"program\":\"%s\",\"address\":\"%s\",\"bump\":%u,\"seeds\":[",
           k->name, pod_pubkey_to_base58(prog, &pod_program_id), addr, (unsigned)d.bump);
    for (size_t i = 0; i < d.seed_cnt; i++) {
      if (i) putchar(',');
      pod_cli_json_hex(stdout, d.seed[i].b, d.seed[i].len);
    }
    printf("]}\n");
  } else if (o->quiet) {
    printf("%s\n", addr);
  } else {
    printf("address: %s\nbump: %u\n", addr, (unsigned)d.bump);
    if (o->verbose) {
      for (size_t i = 0; i < d.seed_cnt; i++) {
        printf("seed %zu: ", i);
        print_seed_text(&d.seed[i]);
        putchar('\n');
      }
      printf("seed %zu: %02x (bump)\n", d.seed_cnt, (unsigned)d.bump);
    }
  }
  return POD_EXIT_OK;
}
