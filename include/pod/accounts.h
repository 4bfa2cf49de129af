/* The 7 account types of the PoD program: discriminators, spaces, rent, fixed offsets (for
 * getProgramAccounts memcmp filters), C structs, decoders and encoders (PROTOCOL.md §1.3, §2.4).
 *
 * Decoders read as Anchor does: the 8-byte discriminator, then Borsh; bytes after the serialized
 * struct are ignored (accounts are fixed-size buffers with a zero or stale tail). Strings are views
 * into the decoded buffer, which must outlive the struct. Results of every decoder:
 *   POD_OK; POD_ENOTFOUND  fewer than 8 bytes (Anchor 3001 AccountDiscriminatorNotFound);
 *   POD_EINVAL  another discriminator (3002 AccountDiscriminatorMismatch) or NULL arguments;
 *   POD_EDECODE malformed Borsh: short, bool or Option tag not 0/1, enum out of range, invalid
 *               UTF-8, a length prefix beyond the data (3003 AccountDidNotDeserialize).
 *
 * Encoders write discriminator + Borsh into the account's existing data buffer data[0..len)
 * (len = the account's data length, normally its space) and touch nothing after the serialized
 * end: stale tail bytes stay, as on chain (quirk Q27) — so pass the account's current buffer, not
 * a fresh one, to reproduce the program byte for byte. The struct's strings may point into that
 * same buffer (decode, modify, encode in place is safe). POD_ENOSPC (the program's 3004
 * AccountDidNotSerialize) when the serialization is longer than len — e.g. a ChannelAccount with
 * name + description > 226 bytes, or a MessageAccount with a Custom type (129 > 128); nothing is
 * written then. Values are written as given (no range checks: a bool field non-zero is 0x01, enum
 * fields their raw u8). */
#ifndef POD_ACCOUNTS_H
#define POD_ACCOUNTS_H

#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  POD_ACCT_AGENT = 0,           /* AgentAccount */
  POD_ACCT_MESSAGE = 1,         /* MessageAccount */
  POD_ACCT_CHANNEL = 2,         /* ChannelAccount */
  POD_ACCT_PARTICIPANT = 3,     /* ChannelParticipant */
  POD_ACCT_INVITATION = 4,      /* ChannelInvitation */
  POD_ACCT_CHANNEL_MESSAGE = 5, /* ChannelMessage */
  POD_ACCT_ESCROW = 6,          /* EscrowAccount */
  POD_ACCT_COUNT = 7
} pod_account_kind_t;

/* Discriminators: sha256("account:<StructName>")[0..8] as 8-byte string literals. */
#define POD_AGENT_DISC "\xf1\x77\x45\x8c\xe9\x09\x70\x32"
#define POD_MESSAGE_DISC "\x61\x90\x18\x3a\xe1\x28\x59\xdf"
#define POD_CHANNEL_DISC "\x8c\xe8\x1a\x4e\x59\x1a\x11\xf4"
#define POD_PARTICIPANT_DISC "\x93\x59\xb8\xcf\x0a\xbe\x4e\x91"
#define POD_INVITATION_DISC "\x67\x24\x48\xc6\xad\x80\x00\xff"
#define POD_CHANNEL_MESSAGE_DISC "\xac\x95\x4d\x1b\x58\xe3\x50\x57"
#define POD_ESCROW_DISC "\x24\x45\x30\x12\x80\xe1\x7d\x87"

/* Data length of each account (the program's `space`, discriminator included). */
#define POD_AGENT_SPACE 286
#define POD_MESSAGE_SPACE 128
#define POD_CHANNEL_SPACE 338
#define POD_PARTICIPANT_SPACE 104
#define POD_INVITATION_SPACE 168
#define POD_CHANNEL_MESSAGE_SPACE 1134
#define POD_ESCROW_SPACE 96
#define POD_ACCOUNT_SPACE_MAX POD_CHANNEL_MESSAGE_SPACE

/* Rent-exempt minimum in lamports for `space` data bytes (Solana defaults:
 * (128 + space) * 3480 lamports/byte-year * 2 years). */
#define POD_RENT_EXEMPT_MIN(space) ((unsigned long long)(128u + (space)) * 6960u)
#define POD_AGENT_RENT 2881440ull
#define POD_MESSAGE_RENT 1781760ull
#define POD_CHANNEL_RENT 3243360ull
#define POD_PARTICIPANT_RENT 1614720ull
#define POD_INVITATION_RENT 2060160ull
#define POD_CHANNEL_MESSAGE_RENT 8783520ull
#define POD_ESCROW_RENT 1559040ull
#define POD_WALLET_RENT 890880ull /* a 0-byte system account */

/* Serialized sizes (discriminator included). */
#define POD_AGENT_SIZE(uri_len) (86u + (uri_len))
#define POD_MESSAGE_SIZE 128u /* 129 with a Custom type: never fits */
#define POD_CHANNEL_SIZE(name_len, desc_len) (112u + (name_len) + (desc_len))
#define POD_PARTICIPANT_SIZE 104u
#define POD_INVITATION_SIZE 168u
#define POD_ESCROW_SIZE 96u

/* Fixed byte offsets from the start of account data ("abs" in §2.4), usable as memcmp filters.
 * Fields after a variable-length one have no fixed offset and are not listed. */
#define POD_AGENT_PUBKEY_OFF 8
#define POD_AGENT_CAPABILITIES_OFF 40
#define POD_AGENT_REPUTATION_OFF 48
#define POD_AGENT_LAST_UPDATED_OFF 56
#define POD_AGENT_METADATA_URI_LEN_OFF 64
#define POD_AGENT_METADATA_URI_OFF 68

#define POD_MESSAGE_SENDER_OFF 8
#define POD_MESSAGE_RECIPIENT_OFF 40
#define POD_MESSAGE_PAYLOAD_HASH_OFF 72
#define POD_MESSAGE_CREATED_AT_OFF 104
#define POD_MESSAGE_EXPIRES_AT_OFF 112
#define POD_MESSAGE_TYPE_OFF 120
#define POD_MESSAGE_STATUS_OFF 121
#define POD_MESSAGE_BUMP_OFF 122

#define POD_CHANNEL_CREATOR_OFF 8
#define POD_CHANNEL_FEE_PER_MESSAGE_OFF 40
#define POD_CHANNEL_ESCROW_BALANCE_OFF 48
#define POD_CHANNEL_CREATED_AT_OFF 56
#define POD_CHANNEL_MAX_PARTICIPANTS_OFF 64
#define POD_CHANNEL_CURRENT_PARTICIPANTS_OFF 68
#define POD_CHANNEL_NAME_LEN_OFF 72
#define POD_CHANNEL_NAME_OFF 76

#define POD_PARTICIPANT_CHANNEL_OFF 8
#define POD_PARTICIPANT_PARTICIPANT_OFF 40
#define POD_PARTICIPANT_JOINED_AT_OFF 72
#define POD_PARTICIPANT_MESSAGES_SENT_OFF 80
#define POD_PARTICIPANT_LAST_MESSAGE_AT_OFF 88
#define POD_PARTICIPANT_IS_ACTIVE_OFF 96
#define POD_PARTICIPANT_BUMP_OFF 97

#define POD_INVITATION_CHANNEL_OFF 8
#define POD_INVITATION_INVITER_OFF 40
#define POD_INVITATION_INVITEE_OFF 72
#define POD_INVITATION_HASH_OFF 104
#define POD_INVITATION_CREATED_AT_OFF 136
#define POD_INVITATION_EXPIRES_AT_OFF 144
#define POD_INVITATION_NONCE_OFF 152
#define POD_INVITATION_IS_ACCEPTED_OFF 160
#define POD_INVITATION_IS_USED_OFF 161
#define POD_INVITATION_BUMP_OFF 162

#define POD_CHANNEL_MESSAGE_CHANNEL_OFF 8
#define POD_CHANNEL_MESSAGE_SENDER_OFF 40
#define POD_CHANNEL_MESSAGE_REPLY_TO_TAG_OFF 72
#define POD_CHANNEL_MESSAGE_REPLY_TO_OFF 73 /* only when the tag is 1 */

#define POD_ESCROW_CHANNEL_OFF 8
#define POD_ESCROW_DEPOSITOR_OFF 40
#define POD_ESCROW_AMOUNT_OFF 72
#define POD_ESCROW_CREATED_AT_OFF 80
#define POD_ESCROW_BUMP_OFF 88

/* ---- structs (fields in the program's order) ---- */
typedef struct {
  pod_pubkey_t pubkey; /* owner wallet */
  uint64_t capabilities;
  uint64_t reputation;
  int64_t last_updated;
  pod_str_t metadata_uri;
  uint16_t invites_sent;
  int64_t last_invite_at;
  uint8_t bump;
  uint8_t reserved[7];
} pod_agent_account_t;

typedef struct {
  pod_pubkey_t sender; /* the sender's agent PDA */
  pod_pubkey_t recipient;
  uint8_t payload_hash[32];
  int64_t created_at;
  int64_t expires_at;
  pod_message_type_t message_type;
  uint8_t status; /* POD_STATUS_* */
  uint8_t bump;
  uint8_t reserved[5];
} pod_message_account_t;

typedef struct {
  pod_pubkey_t creator; /* wallet */
  uint64_t fee_per_message;
  uint64_t escrow_balance;
  int64_t created_at;
  uint32_t max_participants;
  uint32_t current_participants;
  pod_str_t name;
  pod_str_t description;
  uint8_t visibility; /* POD_VISIBILITY_* */
  uint8_t is_active;
  int64_t last_sync_timestamp;
  uint64_t total_compressed_messages;
  uint64_t compressed_data_size;
  uint8_t bump;
  uint8_t reserved[5];
} pod_channel_account_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t participant; /* the member's agent PDA */
  int64_t joined_at;
  uint64_t messages_sent; /* rate-limit streak counter */
  int64_t last_message_at;
  uint8_t is_active;
  uint8_t bump;
  uint8_t reserved[6];
} pod_channel_participant_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t inviter; /* wallet */
  pod_pubkey_t invitee;
  uint8_t invitation_hash[32];
  int64_t created_at;
  int64_t expires_at;
  uint64_t nonce;
  uint8_t is_accepted;
  uint8_t is_used;
  uint8_t bump;
  uint8_t reserved[5];
} pod_channel_invitation_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t sender; /* the sender's agent PDA */
  uint8_t has_reply_to;
  pod_pubkey_t reply_to;
  int64_t created_at;
  uint8_t has_edited_at;
  int64_t edited_at;
  pod_str_t content;
  pod_message_type_t message_type;
  uint8_t bump;
  uint8_t reserved[6];
} pod_channel_message_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t depositor; /* wallet */
  uint64_t amount;
  int64_t created_at;
  uint8_t bump;
  uint8_t reserved[7];
} pod_escrow_account_t;

/* Any account. */
typedef struct {
  pod_account_kind_t kind;
  union {
    pod_agent_account_t agent;
    pod_message_account_t message;
    pod_channel_account_t channel;
    pod_channel_participant_t participant;
    pod_channel_invitation_t invitation;
    pod_channel_message_t channel_message;
    pod_escrow_account_t escrow;
  } u;
} pod_typed_account_t;

/* ---- tables ---- */
/* "AgentAccount", ... (the Rust struct name); NULL if out of range. */
POD_API const char *pod_account_name(int kind);
/* The 8-byte discriminator; NULL if out of range. */
POD_API const uint8_t *pod_account_disc(int kind);
/* The account's space (data length); 0 if out of range. */
POD_API size_t pod_account_space(int kind);
/* The account kind from its discriminator: kind >= 0, POD_ENOTFOUND for fewer than 8 bytes,
 * POD_EINVAL for a discriminator that is not one of the 7 (or data NULL with len >= 8). */
POD_API int pod_account_type(const uint8_t *data, size_t len);

/* ---- per type (see the top of this header for results) ---- */
POD_API int pod_agent_account_decode(pod_agent_account_t *out, const uint8_t *data, size_t len);
POD_API int pod_agent_account_encode(uint8_t *data, size_t len, size_t *out_len,
                                     const pod_agent_account_t *a);
POD_API int pod_message_account_decode(pod_message_account_t *out, const uint8_t *data, size_t len);
POD_API int pod_message_account_encode(uint8_t *data, size_t len, size_t *out_len,
                                       const pod_message_account_t *a);
POD_API int pod_channel_account_decode(pod_channel_account_t *out, const uint8_t *data, size_t len);
POD_API int pod_channel_account_encode(uint8_t *data, size_t len, size_t *out_len,
                                       const pod_channel_account_t *a);
POD_API int pod_channel_participant_decode(pod_channel_participant_t *out, const uint8_t *data,
                                           size_t len);
POD_API int pod_channel_participant_encode(uint8_t *data, size_t len, size_t *out_len,
                                           const pod_channel_participant_t *a);
POD_API int pod_channel_invitation_decode(pod_channel_invitation_t *out, const uint8_t *data,
                                          size_t len);
POD_API int pod_channel_invitation_encode(uint8_t *data, size_t len, size_t *out_len,
                                          const pod_channel_invitation_t *a);
POD_API int pod_channel_message_decode(pod_channel_message_t *out, const uint8_t *data, size_t len);
POD_API int pod_channel_message_encode(uint8_t *data, size_t len, size_t *out_len,
                                       const pod_channel_message_t *a);
POD_API int pod_escrow_account_decode(pod_escrow_account_t *out, const uint8_t *data, size_t len);
POD_API int pod_escrow_account_encode(uint8_t *data, size_t len, size_t *out_len,
                                      const pod_escrow_account_t *a);

/* ---- any type ---- */
/* Detects the type from the discriminator (pod_account_type's errors) and decodes. */
POD_API int pod_account_decode(pod_typed_account_t *out, const uint8_t *data, size_t len);
/* Encodes a->kind's struct (POD_EINVAL for a bad kind). */
POD_API int pod_account_encode(uint8_t *data, size_t len, size_t *out_len,
                               const pod_typed_account_t *a);
/* The serialized size of *a (discriminator included), independent of any buffer; SIZE_MAX for a
 * bad kind or a size that does not fit size_t. Compare with pod_account_space() to predict 3004. */
POD_API size_t pod_account_serialized_size(const pod_typed_account_t *a);

#ifdef __cplusplus
}
#endif
#endif
