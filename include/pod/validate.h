/* The program's validation rules that depend only on instruction arguments (and, for a few, on
 * plain values the caller reads from accounts): one implementation for the SDK (checks before
 * sending) and the ledger (execution). PROTOCOL.md §4.2 and §4.4-§4.20, reproduced literally,
 * quirks included (§7 Q31, Q33, Q34, Q40); docs/ERRORS.md lists every rule in order.
 *
 * Results. Every pod_rule_* / pod_validate_* function returns a uint32_t "rule result":
 *   0 (POD_RULE_OK)          the rule passes;
 *   a table code             what the program fails with: 6000-6017 ({"Custom": n}, see
 *                            errors.h), 102 (argument decoding) or 3004 (account too small);
 *   POD_RULE_PANIC           the program panics (overflow) -> InstructionError
 *                            ProgramFailedToComplete, log "panicked at ...";
 *   POD_RULE_SEED_TOO_LONG   PDA derivation aborts on a seed over 32 bytes -> InstructionError
 *                            ProgramFailedToComplete, "Could not create program address ...".
 * An instruction's pod_validate_* runs its checks in the program's order and returns the FIRST
 * failure, so it is the program's error for those arguments whenever the accounts pass.
 *
 * Text. Strings are (pointer, byte length), not NUL-terminated; NULL is allowed with length 0.
 * Lengths are UTF-8 byte lengths, as the program measures them. On chain, Borsh decoding rejects
 * a String that is not valid UTF-8 (error 102) before any rule runs, so the rules see valid UTF-8;
 * the pod_validate_* functions check that first and return 102. The pod_rule_* pieces accept any
 * bytes and never read out of bounds: a byte that does not start a valid UTF-8 sequence counts as
 * one character that is neither white space, control, alphanumeric nor ASCII.
 *
 * Unicode (PROTOCOL.md §4.2, §11.5): white space = Unicode White_Space; control = Cc; lowercase
 * only matters through A-Z, U+212A KELVIN SIGN -> "k" and U+0130 -> "i" U+0307 (the only
 * non-ASCII characters whose lowercase contains ASCII), so those are exact; alphanumeric =
 * Alphabetic or Nd/Nl/No from a generated table of Unicode 15.1 (scripts added in Unicode 16 are
 * not alphanumeric here).
 *
 * Nothing here allocates or keeps state; every function is pure and thread-safe. */
#ifndef POD_VALIDATE_H
#define POD_VALIDATE_H

#include "common.h"
#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

#define POD_RULE_OK 0u
#define POD_RULE_PANIC 0xFFFFFFF0u
#define POD_RULE_SEED_TOO_LONG 0xFFFFFFF1u

/* 1 if r is POD_RULE_PANIC or POD_RULE_SEED_TOO_LONG (InstructionError ProgramFailedToComplete). */
POD_API int pod_rule_failed_to_complete(uint32_t r);
/* A name for a rule result: "ok", the table name ("ChannelFull"), "ProgramFailedToComplete
 * (panic)", "ProgramFailedToComplete (seed too long)", or "unknown". Never NULL. */
POD_API const char *pod_rule_name(uint32_t r);

/* ---- limits (PROTOCOL.md §1.2) ---- */
#define POD_METADATA_URI_MAX 200
#define POD_METADATA_URI_MIN 10
#define POD_CAPABILITIES_MAX UINT64_C(0x7FFFFFFFFFFFFFFF)
#define POD_CHANNEL_NAME_MAX 50
#define POD_CHANNEL_NAME_SEED_MAX 32 /* longer names abort in PDA derivation */
#define POD_CHANNEL_DESCRIPTION_MAX 200
#define POD_CHANNEL_NAME_DESC_FIT 226 /* name + description bytes that fit the 338-byte account */
#define POD_CHANNEL_PARTICIPANTS_MAX 1000
#define POD_CHANNEL_FEE_MAX UINT64_C(1000000000) /* create_channel v1 only */
#define POD_DEPOSIT_MAX UINT64_C(10000000000)    /* deposit_escrow */
#define POD_CONTENT_MAX 1000                     /* broadcast_message */
#define POD_COMPRESSED_CONTENT_MAX 10000         /* broadcast_message_compressed */
#define POD_HASH_BUFFER_MAX 65536                /* the secure buffer (1..=65536 bytes) */
#define POD_IPFS_HASH_MAX 100
#define POD_BATCH_MAX 100
#define POD_SYNC_WINDOW 3600
#define POD_RATE_LIMIT_MESSAGES 60
#define POD_RATE_LIMIT_WINDOW 60
#define POD_BURST_MESSAGES 10
#define POD_BURST_WINDOW 10
/* expires_at = created_at + 7 days: send_message, invite_to_channel */
#define POD_MESSAGE_EXPIRY_SECS 604800
#define POD_INVITATION_EXPIRY_SECS 604800
#define POD_INITIAL_REPUTATION 100         /* register_agent; nothing ever changes it */
#define POD_MIN_REPUTATION_FOR_CHANNELS 50 /* create_channel_v2 (6010 below it) */
#define POD_INVITES_PER_HOUR 20 /* INVITE_RATE_LIMIT_PER_HOUR: never effective (§7 Q10) */
#define POD_INVITE_WINDOW 3600  /* seconds of the invitation rate window */

/* ---- text primitives ---- */

typedef struct {
  const char *ptr;
  size_t len;
} pod_str_view_t;

/* UTF-8 validity (Rust's str::from_utf8, so Borsh's String) is pod_utf8_valid() of borsh.h. */
/* Rust's str::trim(): the view without leading and trailing Unicode White_Space (U+0009-U+000D,
 * U+0020, U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000). The view
 * points into s. Invalid bytes are not white space, so trimming stops at them. */
POD_API pod_str_view_t pod_trim(const char *s, size_t len);
/* 1 if the trimmed text is empty (Rust: s.trim().is_empty()). */
POD_API int pod_is_blank(const char *s, size_t len);
/* Character classes, as Rust's char::is_whitespace / is_control / is_alphanumeric. 0 for values
 * that are not Unicode scalar values. */
POD_API int pod_char_is_whitespace(uint32_t cp);
POD_API int pod_char_is_control(uint32_t cp);
POD_API int pod_char_is_alphanumeric(uint32_t cp);

/* ---- single rules (pieces; no UTF-8 check, see above) ---- */

/* §4.2 metadata URI check, in order -> 6000 on the first failure, else 0:
 * (1) starts with "https://" or "http://" (case-sensitive);
 * (2) the lowercased URI contains none of "javascript:" "data:" "file:" "ftp:" "vbscript:"
 *     "about:" "chrome:" "<script" "onerror" "onload" "onclick" (so "HTTPS://" fails (1), and
 *     "https://x/metadata:1" and "https://x/profile:1" fail (2) — Q34);
 * (3) no control character (Cc) except TAB — U+0085 (bytes C2 85) is one;
 * (4) no ".." anywhere.
 * Lengths are not checked here (see pod_validate_register_agent). */
POD_API uint32_t pod_rule_metadata_uri(const char *uri, size_t len);

/* §4.2 message content check -> 6012 on the first failure, else 0:
 * (1) no control character (Cc) except \n \r \t (U+0000 included);
 * (2) the lowercased content contains none of "javascript:" "<script" "</script>" "onerror"
 *     "onload" "onclick" "data:text/html" "vbscript:" "about:" "file:" "eval(" "Function("
 *     "setTimeout(" "setInterval(" — the last three have capitals and never match (Q33);
 * (3) pod_rule_excessive_repetition();
 * (4) the lowercased content contains none of "drop table" "delete from" "update set"
 *     "insert into" "union select" "' or 1=1" "'; --" and the comment markers slash-star and
 *     star-slash.
 * Plain byte substring matching: "profile:" contains "file:", "a slash-star b" is rejected. */
POD_API uint32_t pod_rule_message_content(const char *s, size_t len);

/* 1 if len >= 10 bytes and some Unicode scalar value occurs more than len / 2 times (integer
 * division; counts characters of the original text, compares with the BYTE length — Q33: ten
 * U+00E9 (20 bytes) pass, ten "a" fail). Else 0. */
POD_API int pod_rule_excessive_repetition(const char *s, size_t len);

/* IPFS hash (broadcast_message_compressed) -> 6000 unless 1 <= len <= 100 and every character is
 * alphanumeric (pod_char_is_alphanumeric: ASCII [0-9A-Za-z] exactly; non-ASCII letters and
 * digits such as U+00E9, U+0663, U+216B, U+00B2 pass). */
POD_API uint32_t pod_rule_ipfs_hash(const char *s, size_t len);

/* Compressed content length -> 6012 if len > 10000. */
POD_API uint32_t pod_rule_compressed_content_len(size_t len);
/* The secure hashing buffer of the compressed content -> 6015 if len == 0 or len > 65536. */
POD_API uint32_t pod_rule_hash_buffer(size_t len);
/* A channel name as a PDA seed -> POD_RULE_SEED_TOO_LONG if name_len > 32. */
POD_API uint32_t pod_rule_channel_seed(size_t name_len);
/* Whether the channel record fits its 338-byte account at exit -> 3004 if the STORED name and
 * description lengths add up to more than 226 (v1 stores them trimmed; v2 and update_channel as
 * given) (Q5). The program reports it after the handler ran (its log lines come first). */
POD_API uint32_t pod_rule_channel_fits(size_t name_len, size_t desc_len);
/* Batch size -> 6011 if n > 100 (Q31). */
POD_API uint32_t pod_rule_batch_size(size_t n);
/* |now - sync_timestamp| > 3600 -> 6016. The program computes (now - sync_timestamp).abs() with
 * overflow checks: POD_RULE_PANIC when the subtraction overflows or its result is INT64_MIN (for
 * now >= 0: sync_timestamp < now - 2^63 + 1) — Q40. */
POD_API uint32_t pod_rule_sync_timestamp(int64_t sync_timestamp, int64_t now);

/* The rate limit of a participant (§4.15 step 6; Q26). On success updates *state and returns 0;
 * on failure leaves it unchanged. burst_rule: 1 for broadcast_message, 0 for
 * broadcast_message_compressed.
 *   if last_message_at > 0:
 *     d = now - last_message_at         (overflow -> POD_RULE_PANIC)
 *     d < 1                             -> 6011
 *     burst_rule and d < 10 and sent >= 10 -> 6011
 *     d < 60: sent >= 60 -> 6011, else sent += 1
 *     else sent = 1
 *   else sent = 1
 *   last_message_at = now
 * state must not be NULL (NULL returns POD_RULE_PANIC and does nothing). */
typedef struct {
  int64_t last_message_at;
  uint64_t messages_sent;
} pod_rate_state_t;
POD_API uint32_t pod_rule_rate_limit(pod_rate_state_t *state, int64_t now, int burst_rule);

/* ---- per instruction, in the program's order ---- */

/* register_agent(capabilities, metadata_uri):
 * (0) URI not UTF-8 -> 102; (1) blank (trim) -> 6000; (2) > 200 bytes -> 6000; (3) < 10 bytes ->
 * 6000; (4) pod_rule_metadata_uri -> 6000; (5) capabilities > 2^63-1 -> 6001 (Q31);
 * (6) NUL/CR/LF -> 6000 (never reached: (4) rejects them). */
POD_API uint32_t pod_validate_register_agent(uint64_t capabilities, const char *uri, size_t len);

/* update_agent(capabilities?, metadata_uri?): uri NULL = None (pass "" for Some("")).
 * (0) not UTF-8 -> 102; (4) > 200 bytes -> 6000. Nothing else: blank, short, "javascript:" are
 * accepted, capabilities are not capped (Q25). */
POD_API uint32_t pod_validate_update_agent(const char *uri, size_t len);

/* send_message(recipient, payload_hash, message_type): no handler checks; the argument-only
 * outcomes are: kind > 4 -> 102; Custom(x >= 252) -> POD_RULE_PANIC (PDA type byte 4 + x);
 * Custom(x) -> 3004 at exit (the 129-byte record does not fit, after the event was logged; Q6).
 * kind: POD_MSG_* of program.h; custom: x. */
POD_API uint32_t pod_validate_send_message(uint8_t kind, uint8_t custom);

/* update_message_status(new_status), as a function of the keys involved:
 * (0) new_status > 3 -> 102;
 * (1) now > expires_at -> 6002 (equal passes);
 * (2) Delivered/Read: recipient_agent_pubkey != message_recipient -> 6001;
 *     Failed: signer != message_sender and signer != message_recipient -> 6001;
 *     Pending -> 6003.
 * No transition rules otherwise (Q9). recipient_agent_pubkey is the `pubkey` stored in the
 * signer's AgentAccount (its wallet). new_status: POD_STATUS_* of program.h. */
POD_API uint32_t pod_validate_update_message_status(uint8_t new_status, int64_t now,
                                                    int64_t expires_at, const pod_pubkey_t *signer,
                                                    const pod_pubkey_t *recipient_agent_pubkey,
                                                    const pod_pubkey_t *message_sender,
                                                    const pod_pubkey_t *message_recipient);

/* create_channel(name, description, visibility, max_participants, fee_per_message) — v1:
 * (0) name or description not UTF-8, visibility > 1 -> 102;
 * (phase 5) name > 32 bytes -> POD_RULE_SEED_TOO_LONG (Q4);
 * (1) name blank (trim) -> 6008 (Q31); (2) name > 50 -> 6008 (unreachable after phase 5);
 * (3) description > 200 -> 6009; (4) max_participants == 0 or > 1000 -> 6004;
 * (5) fee_per_message > 1 000 000 000 -> 6007.
 * At exit (not checked here): pod_rule_channel_fits(trimmed name, trimmed description). */
POD_API uint32_t pod_validate_create_channel(const char *name, size_t name_len, const char *desc,
                                             size_t desc_len, uint8_t visibility,
                                             uint32_t max_participants, uint64_t fee_per_message);

/* create_channel_v2 — same arguments:
 * (0) as v1 -> 102; (phase 5) name > 32 -> POD_RULE_SEED_TOO_LONG;
 * (1) reputation < 50 -> 6010 (an account value; always 100, not checked here);
 * (2) name > 50 -> 6008 (unreachable); (3) description > 200 -> 6009;
 * (4) max_participants > 1000 -> 6004 (0 accepted). No blank check, no trim, no fee cap (Q23).
 * At exit: pod_rule_channel_fits(name_len, desc_len). */
POD_API uint32_t pod_validate_create_channel_v2(const char *name, size_t name_len, const char *desc,
                                                size_t desc_len, uint8_t visibility,
                                                uint32_t max_participants,
                                                uint64_t fee_per_message);

/* update_channel(name?, description?, max_participants?, fee?, is_active?): NULL = None.
 * (0) name or description not UTF-8 -> 102;
 * (1) signer != creator -> 6001 (an account check; not done here);
 * (2) name > 50 -> 6008 (blank allowed); (3) description > 200 -> 6009;
 * (4) max_participants < current_participants -> 6004 (no 1000 cap). Fee and is_active: any (Q24).
 * At exit: pod_rule_channel_fits(new or stored name length, new or stored description length). */
POD_API uint32_t pod_validate_update_channel(const char *name, size_t name_len, const char *desc,
                                             size_t desc_len, const uint32_t *max_participants,
                                             uint32_t current_participants);

/* deposit_escrow(amount): amount == 0 -> 6007; amount > 10 000 000 000 -> 6007. */
POD_API uint32_t pod_validate_deposit_escrow(uint64_t amount);
/* withdraw_escrow(amount), given the escrow's stored amount: escrow_amount < amount -> 6007
 * (0 succeeds; Q35). */
POD_API uint32_t pod_validate_withdraw_escrow(uint64_t amount, uint64_t escrow_amount);

/* broadcast_message(content, ...):
 * (0) not UTF-8 -> 102; (1) > 1000 bytes -> 6012; (2) blank (trim) -> 6012;
 * (3) pod_rule_message_content -> 6012; (4) > 10000 -> 6012 (unreachable).
 * Then, on chain: (5) participant inactive -> 6006; (6) pod_rule_rate_limit(burst_rule = 1). */
POD_API uint32_t pod_validate_broadcast_message(const char *content, size_t len);

/* broadcast_message_compressed(content, message_type, reply_to, ipfs_hash), argument checks in
 * order:
 * (0) content or ipfs_hash not UTF-8 -> 102;
 * (1) content > 10000 bytes -> 6012 (no pattern rules; Q19);
 * (2) pod_rule_ipfs_hash -> 6000 (Q31);
 * (7) pod_rule_hash_buffer(content length): empty content -> 6015.
 * The program runs state checks between (2) and (7): (3) participant inactive -> 6006,
 * (4) participant PDA mismatch -> 6001, (5) system program -> 6001, (6) pod_rule_rate_limit
 * (burst_rule = 0). So a client may call this as is; the ledger calls the pieces in that order
 * (this function's result is the program's only when those state checks pass). */
POD_API uint32_t pod_validate_broadcast_compressed(const char *content, size_t content_len,
                                                   const char *ipfs_hash, size_t ipfs_len);

/* batch_sync_compressed_messages(message_hashes, sync_timestamp), in order:
 * (1) n > 100 -> 6011;
 * (2) authority != creator -> 6001 (checked only when both are non-NULL);
 * (3) pod_rule_sync_timestamp -> 6016 or POD_RULE_PANIC;
 * (4) the first all-zero hash -> 6017, its index in *bad_index (may be NULL). On chain the events
 *     of the earlier hashes are logged before the failure.
 * hashes: n consecutive 32-byte hashes (n * 32 bytes; may be NULL when n == 0). */
POD_API uint32_t pod_validate_batch_sync(const uint8_t *hashes, size_t n, int64_t sync_timestamp,
                                         int64_t now, const pod_pubkey_t *creator,
                                         const pod_pubkey_t *authority, size_t *bad_index);

#ifdef __cplusplus
}
#endif
#endif
