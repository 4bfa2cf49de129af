/* The program's argument rules (PROTOCOL.md §4.2, §4.4-§4.20), literally, quirks included.
 * Each pod_validate_* follows its handler's order; the numbers in comments are the handler's
 * steps as PROTOCOL.md numbers them. */
#include <string.h>

#include "pod/borsh.h"
#include "pod/errors.h"
#include "pod/validate.h"
#include "rules_internal.h"

/* Borsh decodes the instruction's MessageStatus / ChannelVisibility / MessageType tags; values
 * past the last variant fail argument decoding (102). Kept here instead of including program.h
 * (a higher-level header): Pending 0 .. Failed 3, Public 0 / Private 1, Text 0 .. Custom 4. */
enum { ST_PENDING = 0, ST_DELIVERED = 1, ST_READ = 2, ST_FAILED = 3 };
enum { VIS_LAST = 1 };
enum { MSG_CUSTOM = 4 };

int pod_rule_failed_to_complete(uint32_t r) {
  return r == POD_RULE_PANIC || r == POD_RULE_SEED_TOO_LONG;
}

const char *pod_rule_name(uint32_t r) {
  if (r == POD_RULE_OK) return "ok";
  if (r == POD_RULE_PANIC) return "ProgramFailedToComplete (panic)";
  if (r == POD_RULE_SEED_TOO_LONG) return "ProgramFailedToComplete (seed too long)";
  const pod_program_error_t *e = pod_program_error(r);
  return e ? e->name : "unknown";
}

/* ---- lowercase pattern search ----
 * The program searches ASCII patterns in s.to_lowercase(). Only three kinds of characters can put
 * ASCII bytes into the lowercased text: ASCII itself (A-Z -> a-z), U+212A KELVIN SIGN -> "k", and
 * U+0130 -> "i" followed by U+0307. Every other character lowercases to non-ASCII bytes only, which
 * no pattern byte can match, so it is replaced here by one placeholder byte 0x80 (which keeps
 * the matches that end before it and breaks those that would span it, exactly as the real
 * lowercase text does). The stream is searched through a 16-byte window: no copy, any length. */

typedef struct {
  const char *s;
  size_t n;
} pat_t;
#define PAT(x)                                                                                     \
  { x, sizeof(x) - 1 }
#define POD_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const pat_t uri_patterns[] = {
    PAT("javascript:"), PAT("data:"),  PAT("file:"),   PAT("ftp:"),
    PAT("vbscript:"),   PAT("about:"), PAT("chrome:"), PAT("<script"),
    PAT("onerror"),     PAT("onload"), PAT("onclick"),
};
/* The last three contain capitals; matched against lowercased text they never match (Q33). */
static const pat_t content_patterns[] = {
    PAT("javascript:"), PAT("<script"),      PAT("</script>"),      PAT("onerror"),
    PAT("onload"),      PAT("onclick"),      PAT("data:text/html"), PAT("vbscript:"),
    PAT("about:"),      PAT("file:"),        PAT("eval("),          PAT("Function("),
    PAT("setTimeout("), PAT("setInterval("),
};
static const pat_t sql_patterns[] = {
    PAT("drop table"),  PAT("delete from"),  PAT("update set"),
    PAT("insert into"), PAT("union select"), PAT("' or 1=1"),
    PAT("'; --"),       PAT("/*"),           PAT("*/"),
};

#define WIN 16 /* longer than every pattern */

typedef struct {
  uint8_t w[WIN];
  size_t count; /* bytes pushed so far */
  const pat_t *pats;
  size_t npats;
  int hit;
} lower_search_t;

static void lower_push(lower_search_t *ls, uint8_t b) {
  ls->w[ls->count % WIN] = b;
  ls->count++;
  for (size_t p = 0; p < ls->npats && !ls->hit; p++) {
    size_t n = ls->pats[p].n;
    if (ls->count < n) continue;
    size_t k = 0;
    while (k < n && ls->w[(ls->count - n + k) % WIN] == (uint8_t)ls->pats[p].s[k])
      k++;
    if (k == n) ls->hit = 1;
  }
}

/* 1 if the lowercased text contains one of pats. */
static int lower_contains_any(const uint8_t *s, size_t len, const pat_t *pats, size_t npats) {
  lower_search_t ls;
  size_t i = 0;
  memset(&ls, 0, sizeof ls);
  ls.pats = pats, ls.npats = npats;
  while (i < len && !ls.hit) {
    uint32_t cp = pod_rules_utf8_next(s, len, &i);
    if (cp < 0x80) {
      lower_push(&ls, (uint8_t)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
    } else if (cp == 0x212A) { /* KELVIN SIGN */
      lower_push(&ls, 'k');
    } else if (cp == 0x130) { /* LATIN CAPITAL LETTER I WITH DOT ABOVE -> "i" U+0307 */
      lower_push(&ls, 'i');
      lower_push(&ls, 0x80);
    } else {
      lower_push(&ls, 0x80);
    }
  }
  return ls.hit;
}

/* Byte substring search (no lowercasing). */
static int contains(const uint8_t *s, size_t len, const char *pat, size_t n) {
  if (n > len) return 0;
  for (size_t i = 0; i <= len - n; i++)
    if (memcmp(s + i, pat, n) == 0) return 1;
  return 0;
}

static int starts_with(const uint8_t *s, size_t len, const char *pat, size_t n) {
  return len >= n && memcmp(s, pat, n) == 0;
}

/* ---- single rules ---- */

uint32_t pod_rule_metadata_uri(const char *uri, size_t len) {
  const uint8_t *u = (const uint8_t *)uri;
  if (!uri) len = 0;
  /* (1) scheme, case-sensitive */
  if (!starts_with(u, len, "https://", 8) && !starts_with(u, len, "http://", 7))
    return POD_ERR_INVALID_METADATA_URI_LENGTH;
  /* (2) dangerous patterns in the lowercased URI */
  if (lower_contains_any(u, len, uri_patterns, POD_COUNT(uri_patterns)))
    return POD_ERR_INVALID_METADATA_URI_LENGTH;
  /* (3) control characters other than TAB */
  for (size_t i = 0; i < len;) {
    uint32_t cp = pod_rules_utf8_next(u, len, &i);
    if (pod_char_is_control(cp) && cp != '\t') return POD_ERR_INVALID_METADATA_URI_LENGTH;
  }
  /* (4) ".." anywhere; the second half of the program's condition ("//" in a URI that does not
   * start with "http") cannot hold after (1). */
  if (contains(u, len, "..", 2)) return POD_ERR_INVALID_METADATA_URI_LENGTH;
  return POD_RULE_OK;
}

int pod_rule_excessive_repetition(const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s;
  if (!s || len < 10) return 0;
  /* A value counted more than len/2 times is a strict majority of the characters (there are at
   * most len of them), so the majority-vote candidate is the only one that can exceed it. */
  uint32_t cand = 0;
  size_t votes = 0;
  for (size_t i = 0; i < len;) {
    uint32_t cp = pod_rules_utf8_next(u, len, &i);
    if (votes == 0)
      cand = cp, votes = 1;
    else if (cp == cand)
      votes++;
    else
      votes--;
  }
  size_t count = 0;
  for (size_t i = 0; i < len;)
    if (pod_rules_utf8_next(u, len, &i) == cand) count++;
  return count > len / 2;
}

uint32_t pod_rule_message_content(const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s;
  if (!s) len = 0;
  /* (1) NUL and control characters other than \n \r \t */
  for (size_t i = 0; i < len;) {
    uint32_t cp = pod_rules_utf8_next(u, len, &i);
    if (cp == 0 || (pod_char_is_control(cp) && cp != '\n' && cp != '\r' && cp != '\t'))
      return POD_ERR_MESSAGE_CONTENT_TOO_LONG;
  }
  /* (2) dangerous patterns */
  if (lower_contains_any(u, len, content_patterns, POD_COUNT(content_patterns)))
    return POD_ERR_MESSAGE_CONTENT_TOO_LONG;
  /* (3) repetition */
  if (pod_rule_excessive_repetition(s, len)) return POD_ERR_MESSAGE_CONTENT_TOO_LONG;
  /* (4) SQL patterns */
  if (lower_contains_any(u, len, sql_patterns, POD_COUNT(sql_patterns)))
    return POD_ERR_MESSAGE_CONTENT_TOO_LONG;
  return POD_RULE_OK;
}

uint32_t pod_rule_ipfs_hash(const char *s, size_t len) {
  const uint8_t *u = (const uint8_t *)s;
  if (!s || len == 0 || len > POD_IPFS_HASH_MAX) return POD_ERR_INVALID_METADATA_URI_LENGTH;
  for (size_t i = 0; i < len;)
    if (!pod_char_is_alphanumeric(pod_rules_utf8_next(u, len, &i)))
      return POD_ERR_INVALID_METADATA_URI_LENGTH;
  return POD_RULE_OK;
}

uint32_t pod_rule_compressed_content_len(size_t len) {
  return len > POD_COMPRESSED_CONTENT_MAX ? POD_ERR_MESSAGE_CONTENT_TOO_LONG : POD_RULE_OK;
}

uint32_t pod_rule_hash_buffer(size_t len) {
  return len == 0 || len > POD_HASH_BUFFER_MAX ? POD_ERR_SECURE_MEMORY_ALLOCATION_FAILED
                                               : POD_RULE_OK;
}

uint32_t pod_rule_channel_seed(size_t name_len) {
  return name_len > POD_CHANNEL_NAME_SEED_MAX ? POD_RULE_SEED_TOO_LONG : POD_RULE_OK;
}

uint32_t pod_rule_channel_fits(size_t name_len, size_t desc_len) {
  if (name_len > POD_CHANNEL_NAME_DESC_FIT || desc_len > POD_CHANNEL_NAME_DESC_FIT - name_len)
    return POD_ERR_ACCOUNT_DID_NOT_SERIALIZE;
  return POD_RULE_OK;
}

uint32_t pod_rule_batch_size(size_t n) {
  return n > POD_BATCH_MAX ? POD_ERR_RATE_LIMIT_EXCEEDED : POD_RULE_OK;
}

uint32_t pod_rule_sync_timestamp(int64_t sync_timestamp, int64_t now) {
  /* now - sync_timestamp, with Rust's overflow check */
  if ((sync_timestamp < 0 && now > INT64_MAX + sync_timestamp) ||
      (sync_timestamp > 0 && now < INT64_MIN + sync_timestamp))
    return POD_RULE_PANIC;
  int64_t d = now - sync_timestamp;
  if (d == INT64_MIN) return POD_RULE_PANIC; /* .abs() overflows */
  if (d < 0) d = -d;
  return d > POD_SYNC_WINDOW ? POD_ERR_INVALID_TIMESTAMP : POD_RULE_OK;
}

uint32_t pod_rule_rate_limit(pod_rate_state_t *state, int64_t now, int burst_rule) {
  if (!state) return POD_RULE_PANIC;
  uint64_t sent = state->messages_sent;
  int64_t last = state->last_message_at;
  if (last > 0) {
    if (now < INT64_MIN + last) return POD_RULE_PANIC; /* now - last overflows */
    int64_t d = now - last;
    if (d < 1) return POD_ERR_RATE_LIMIT_EXCEEDED; /* 1 s cooldown */
    if (burst_rule && d < POD_BURST_WINDOW && sent >= POD_BURST_MESSAGES)
      return POD_ERR_RATE_LIMIT_EXCEEDED;
    if (d < POD_RATE_LIMIT_WINDOW) {
      if (sent >= POD_RATE_LIMIT_MESSAGES) return POD_ERR_RATE_LIMIT_EXCEEDED;
      sent++; /* cannot overflow: sent < 60 here */
    } else {
      sent = 1;
    }
  } else {
    sent = 1;
  }
  state->messages_sent = sent;
  state->last_message_at = now;
  return POD_RULE_OK;
}

/* ---- per instruction ---- */

static int utf8_or_none(const char *s, size_t len) { return !s || pod_utf8_valid(s, len); }

uint32_t pod_validate_register_agent(uint64_t capabilities, const char *uri, size_t len) {
  if (!uri) len = 0;
  if (!pod_utf8_valid(uri, len)) return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  if (pod_is_blank(uri, len)) return POD_ERR_INVALID_METADATA_URI_LENGTH;     /* (1) */
  if (len > POD_METADATA_URI_MAX) return POD_ERR_INVALID_METADATA_URI_LENGTH; /* (2) */
  if (len < POD_METADATA_URI_MIN) return POD_ERR_INVALID_METADATA_URI_LENGTH; /* (3) */
  uint32_t r = pod_rule_metadata_uri(uri, len);                               /* (4) */
  if (r) return r;
  if (capabilities > POD_CAPABILITIES_MAX) return POD_ERR_UNAUTHORIZED;           /* (5) */
  if (memchr(uri, '\0', len) || memchr(uri, '\r', len) || memchr(uri, '\n', len)) /* (6) */
    return POD_ERR_INVALID_METADATA_URI_LENGTH;
  return POD_RULE_OK;
}

uint32_t pod_validate_update_agent(const char *uri, size_t len) {
  if (!uri) return POD_RULE_OK; /* None */
  if (!pod_utf8_valid(uri, len)) return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  return len > POD_METADATA_URI_MAX ? POD_ERR_INVALID_METADATA_URI_LENGTH : POD_RULE_OK; /* (4) */
}

uint32_t pod_validate_send_message(uint8_t kind, uint8_t custom) {
  if (kind > MSG_CUSTOM) return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  if (kind < MSG_CUSTOM) return POD_RULE_OK;
  if (custom >= 252) return POD_RULE_PANIC; /* seed byte 4 + x overflows u8 */
  return POD_ERR_ACCOUNT_DID_NOT_SERIALIZE; /* 129-byte record, 128-byte account */
}

/* Two keys are equal; a missing key equals only another missing key. */
static int key_eq(const pod_pubkey_t *a, const pod_pubkey_t *b) {
  return a && b ? pod_pubkey_eq(a, b) : a == b;
}

uint32_t pod_validate_update_message_status(uint8_t new_status, int64_t now, int64_t expires_at,
                                            const pod_pubkey_t *signer,
                                            const pod_pubkey_t *recipient_agent_pubkey,
                                            const pod_pubkey_t *message_sender,
                                            const pod_pubkey_t *message_recipient) {
  if (new_status > ST_FAILED) return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  if (now > expires_at) return POD_ERR_MESSAGE_EXPIRED; /* (1) */
  switch (new_status) {                                 /* (2) */
  case ST_DELIVERED:
  case ST_READ:
    return key_eq(recipient_agent_pubkey, message_recipient) ? POD_RULE_OK : POD_ERR_UNAUTHORIZED;
  case ST_FAILED:
    return key_eq(signer, message_sender) || key_eq(signer, message_recipient)
               ? POD_RULE_OK
               : POD_ERR_UNAUTHORIZED;
  default: return POD_ERR_INVALID_MESSAGE_STATUS_TRANSITION;
  }
}

/* Argument decoding and the channel PDA seed, shared by both create_channel versions. */
static uint32_t create_channel_args(const char *name, size_t name_len, const char *desc,
                                    size_t desc_len, uint8_t visibility) {
  if (!pod_utf8_valid(name, name_len) || !pod_utf8_valid(desc, desc_len) || visibility > VIS_LAST)
    return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  return pod_rule_channel_seed(name_len);
}

uint32_t pod_validate_create_channel(const char *name, size_t name_len, const char *desc,
                                     size_t desc_len, uint8_t visibility, uint32_t max_participants,
                                     uint64_t fee_per_message) {
  if (!name) name_len = 0;
  if (!desc) desc_len = 0;
  uint32_t r = create_channel_args(name, name_len, desc, desc_len, visibility);
  if (r) return r;
  if (pod_is_blank(name, name_len)) return POD_ERR_CHANNEL_NAME_TOO_LONG;                  /* (1) */
  if (name_len > POD_CHANNEL_NAME_MAX) return POD_ERR_CHANNEL_NAME_TOO_LONG;               /* (2) */
  if (desc_len > POD_CHANNEL_DESCRIPTION_MAX) return POD_ERR_CHANNEL_DESCRIPTION_TOO_LONG; /* (3) */
  if (max_participants == 0 || max_participants > POD_CHANNEL_PARTICIPANTS_MAX)            /* (4) */
    return POD_ERR_CHANNEL_FULL;
  if (fee_per_message > POD_CHANNEL_FEE_MAX) return POD_ERR_INSUFFICIENT_FUNDS; /* (5) */
  return POD_RULE_OK;
}

uint32_t pod_validate_create_channel_v2(const char *name, size_t name_len, const char *desc,
                                        size_t desc_len, uint8_t visibility,
                                        uint32_t max_participants, uint64_t fee_per_message) {
  (void)fee_per_message; /* no cap in v2 */
  if (!name) name_len = 0;
  if (!desc) desc_len = 0;
  uint32_t r = create_channel_args(name, name_len, desc, desc_len, visibility);
  if (r) return r;
  if (name_len > POD_CHANNEL_NAME_MAX) return POD_ERR_CHANNEL_NAME_TOO_LONG;               /* (2) */
  if (desc_len > POD_CHANNEL_DESCRIPTION_MAX) return POD_ERR_CHANNEL_DESCRIPTION_TOO_LONG; /* (3) */
  if (max_participants > POD_CHANNEL_PARTICIPANTS_MAX) return POD_ERR_CHANNEL_FULL;        /* (4) */
  return POD_RULE_OK;
}

uint32_t pod_validate_update_channel(const char *name, size_t name_len, const char *desc,
                                     size_t desc_len, const uint32_t *max_participants,
                                     uint32_t current_participants) {
  if (!utf8_or_none(name, name_len) || !utf8_or_none(desc, desc_len))
    return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  if (name && name_len > POD_CHANNEL_NAME_MAX) return POD_ERR_CHANNEL_NAME_TOO_LONG; /* (2) */
  if (desc && desc_len > POD_CHANNEL_DESCRIPTION_MAX)                                /* (3) */
    return POD_ERR_CHANNEL_DESCRIPTION_TOO_LONG;
  if (max_participants && *max_participants < current_participants) /* (4) */
    return POD_ERR_CHANNEL_FULL;
  return POD_RULE_OK;
}

uint32_t pod_validate_deposit_escrow(uint64_t amount) {
  if (amount == 0) return POD_ERR_INSUFFICIENT_FUNDS;              /* (1) */
  if (amount > POD_DEPOSIT_MAX) return POD_ERR_INSUFFICIENT_FUNDS; /* (2) */
  return POD_RULE_OK;
}

uint32_t pod_validate_withdraw_escrow(uint64_t amount, uint64_t escrow_amount) {
  return escrow_amount < amount ? POD_ERR_INSUFFICIENT_FUNDS : POD_RULE_OK; /* (2) */
}

uint32_t pod_validate_broadcast_message(const char *content, size_t len) {
  if (!content) len = 0;
  if (!pod_utf8_valid(content, len)) return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  if (len > POD_CONTENT_MAX) return POD_ERR_MESSAGE_CONTENT_TOO_LONG;      /* (1) */
  if (pod_is_blank(content, len)) return POD_ERR_MESSAGE_CONTENT_TOO_LONG; /* (2) */
  return pod_rule_message_content(content, len); /* (3); (4) unreachable */
}

uint32_t pod_validate_broadcast_compressed(const char *content, size_t content_len,
                                           const char *ipfs_hash, size_t ipfs_len) {
  if (!content) content_len = 0;
  if (!ipfs_hash) ipfs_len = 0;
  if (!pod_utf8_valid(content, content_len) || !pod_utf8_valid(ipfs_hash, ipfs_len))
    return POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE;
  uint32_t r = pod_rule_compressed_content_len(content_len); /* (1) */
  if (!r) r = pod_rule_ipfs_hash(ipfs_hash, ipfs_len);       /* (2) */
  /* (3)-(6): participant and rate-limit checks, on chain */
  if (!r) r = pod_rule_hash_buffer(content_len); /* (7) */
  return r;
}

uint32_t pod_validate_batch_sync(const uint8_t *hashes, size_t n, int64_t sync_timestamp,
                                 int64_t now, const pod_pubkey_t *creator,
                                 const pod_pubkey_t *authority, size_t *bad_index) {
  static const uint8_t zero[32];
  uint32_t r = pod_rule_batch_size(n); /* (1) */
  if (r) return r;
  if (creator && authority && !key_eq(creator, authority)) return POD_ERR_UNAUTHORIZED; /* (2) */
  r = pod_rule_sync_timestamp(sync_timestamp, now);                                     /* (3) */
  if (r) return r;
  for (size_t i = 0; i < n && hashes; i++) { /* (4) */
    if (memcmp(hashes + 32 * i, zero, 32) == 0) {
      if (bad_index) *bad_index = i;
      return POD_ERR_INVALID_MESSAGE_HASH;
    }
  }
  return POD_RULE_OK;
}
