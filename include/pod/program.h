/* The PoD program (pod_com): its address, enums, the addresses of its accounts (PDAs).
 * Instruction builders live in this header too (see below). Nothing here allocates. */
#ifndef POD_PROGRAM_H
#define POD_PROGRAM_H

#include "pda.h"
#include "txn.h"

#ifdef __cplusplus
extern "C" {
#endif

/* HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps */
POD_API extern const pod_pubkey_t pod_program_id;
/* cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK (the compression_program slot) */
POD_API extern const pod_pubkey_t pod_compression_program_id;

/* MessageType: Text 0, Data 1, Command 2, Response 3, Custom(u8) 4. */
enum {
  POD_MSG_TEXT = 0,
  POD_MSG_DATA = 1,
  POD_MSG_COMMAND = 2,
  POD_MSG_RESPONSE = 3,
  POD_MSG_CUSTOM = 4,
};
typedef struct {
  uint8_t kind;   /* POD_MSG_* */
  uint8_t custom; /* the u8 of Custom(u8); ignored for other kinds */
} pod_message_type_t;

/* MessageStatus */
enum {
  POD_STATUS_PENDING = 0,
  POD_STATUS_DELIVERED = 1,
  POD_STATUS_READ = 2,
  POD_STATUS_FAILED = 3
};
/* ChannelVisibility */
enum { POD_VISIBILITY_PUBLIC = 0, POD_VISIBILITY_PRIVATE = 1 };

/* ---- account addresses (PROTOCOL.md §3.2). bump may be NULL. ---- */
/* ["agent", wallet] */
POD_API int pod_pda_agent(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *wallet);
/* ["message", sender_agent, recipient, payload_hash, [type byte]]; type byte Text..Response 0..3,
 * Custom(x) 4+x. POD_EINVAL for Custom(x >= 252) (the program panics there) or a bad kind. */
POD_API int pod_pda_message(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *sender_agent,
                            const pod_pubkey_t *recipient, const uint8_t payload_hash[32],
                            pod_message_type_t type);
/* ["channel", creator, name]: the raw name bytes as passed to create_channel (untrimmed).
 * POD_ETOOLARGE for names over 32 bytes (the program aborts there). */
POD_API int pod_pda_channel(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *creator,
                            const char *name, size_t name_len);
/* ["participant", channel, agent PDA] */
POD_API int pod_pda_participant(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                                const pod_pubkey_t *agent);
/* ["invitation", channel, invitee] */
POD_API int pod_pda_invitation(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                               const pod_pubkey_t *invitee);
/* ["escrow", channel, depositor wallet] */
POD_API int pod_pda_escrow(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                           const pod_pubkey_t *depositor);
/* ["channel_message", channel, sender wallet, nonce u64 LE] */
POD_API int pod_pda_channel_message(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                                    const pod_pubkey_t *sender_wallet, uint64_t nonce);

/* =============================================================================================
 * Instructions (codec module): discriminators, argument structs, builders, decoder.
 * See docs/CODEC.md. Nothing here allocates; strings are (ptr, len) views, never copied.
 * ============================================================================================= */

/* Every Anchor discriminator (instruction, account, event) is 8 bytes. */
#define POD_DISC_SZ 8

/* The program's limits (PROTOCOL.md §1.2) are in validate.h (rules module); the codec never
 * enforces them. */

/* ---- the 17 instructions, in PROTOCOL.md §2.3 order ---- */
typedef enum {
  POD_IX_REGISTER_AGENT = 0,
  POD_IX_SEND_MESSAGE = 1,
  POD_IX_UPDATE_AGENT = 2,
  POD_IX_UPDATE_MESSAGE_STATUS = 3,
  POD_IX_CREATE_CHANNEL = 4,
  POD_IX_DEPOSIT_ESCROW = 5,
  POD_IX_WITHDRAW_ESCROW = 6,
  POD_IX_JOIN_CHANNEL = 7,
  POD_IX_LEAVE_CHANNEL = 8,
  POD_IX_BROADCAST_MESSAGE = 9,
  POD_IX_INVITE_TO_CHANNEL = 10,
  POD_IX_GET_CHANNEL_PARTICIPANTS = 11,
  POD_IX_UPDATE_CHANNEL = 12,
  POD_IX_CREATE_CHANNEL_V2 = 13,
  POD_IX_BROADCAST_MESSAGE_COMPRESSED = 14,
  POD_IX_JOIN_CHANNEL_COMPRESSED = 15,
  POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES = 16,
  POD_IX_COUNT = 17
} pod_ix_kind_t;

/* Instruction discriminators: sha256("global:<snake_case>")[0..8], as 8-byte string literals
 * (use with memcmp/memcpy and POD_DISC_SZ; the trailing NUL is not part of it). */
#define POD_IX_REGISTER_AGENT_DISC "\x87\x9d\x42\xc3\x02\x71\xaf\x1e"
#define POD_IX_SEND_MESSAGE_DISC "\x39\x28\x22\xb2\xbd\x0a\x41\x1a"
#define POD_IX_UPDATE_AGENT_DISC "\x55\x02\xb2\x09\x77\x8b\x66\xa4"
#define POD_IX_UPDATE_MESSAGE_STATUS_DISC "\x52\x64\x9c\x4a\x61\xbe\xf8\x84"
#define POD_IX_CREATE_CHANNEL_DISC "\x25\x69\xfd\x63\x57\x2e\xdf\x14"
#define POD_IX_DEPOSIT_ESCROW_DISC "\xe2\x70\x9e\xb0\xb2\x76\x99\x80"
#define POD_IX_WITHDRAW_ESCROW_DISC "\x51\x54\xe2\x80\xf5\x2f\x60\x68"
#define POD_IX_JOIN_CHANNEL_DISC "\x7c\x27\x73\x59\xd9\x1a\x26\x1d"
#define POD_IX_LEAVE_CHANNEL_DISC "\x68\x00\x4b\x86\x5f\x50\x44\xba"
#define POD_IX_BROADCAST_MESSAGE_DISC "\xfd\x90\xcb\x2a\xdb\x7a\x93\x61"
#define POD_IX_INVITE_TO_CHANNEL_DISC "\xcb\x34\xc2\x30\xad\x05\x2b\xeb"
#define POD_IX_GET_CHANNEL_PARTICIPANTS_DISC "\x57\x10\x60\x49\x56\x38\x62\x46"
#define POD_IX_UPDATE_CHANNEL_DISC "\x4b\xcc\x5e\xa5\x3c\xb4\xc1\xd9"
#define POD_IX_CREATE_CHANNEL_V2_DISC "\xae\xa0\x33\xcd\xa9\xca\x11\x90"
#define POD_IX_BROADCAST_MESSAGE_COMPRESSED_DISC "\x0f\x11\x71\x23\xba\xf6\x29\x6c"
#define POD_IX_JOIN_CHANNEL_COMPRESSED_DISC "\xa7\xc2\xcb\x82\x85\xa2\x0a\x58"
#define POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES_DISC "\xd9\xaa\x54\xdc\xea\x40\xd0\xef"
/* Anchor framework tags the program also recognises (§2.3): IDL management (not implemented by
 * this project: treated as 101) and the event-CPI stub (1500 EventInstructionStub). */
#define POD_ANCHOR_IDL_IX_TAG "\x40\xf4\xbc\x78\xa7\xe9\x69\x0a"
#define POD_ANCHOR_EVENT_CPI_TAG "\xe4\x45\xa5\x2e\x51\xcb\x9a\x1d"

/* ---- sizes ---- */
/* The pod_ix_t data buffer: instruction data longer than a whole transaction can never be sent. */
#define POD_IX_DATA_MAX 1232
/* Most account slots of any instruction (broadcast_message_compressed). */
#define POD_IX_ACCOUNTS_MAX 13
/* Exact data sizes of the fixed-size instructions (discriminator included). */
#define POD_IX_SEND_MESSAGE_DATA_SZ 73 /* 74 with a Custom(u8) message type */
#define POD_IX_UPDATE_MESSAGE_STATUS_DATA_SZ 9
#define POD_IX_DEPOSIT_ESCROW_DATA_SZ 16
#define POD_IX_WITHDRAW_ESCROW_DATA_SZ 16
#define POD_IX_JOIN_CHANNEL_DATA_SZ 8
#define POD_IX_LEAVE_CHANNEL_DATA_SZ 8
#define POD_IX_INVITE_TO_CHANNEL_DATA_SZ 48
#define POD_IX_GET_CHANNEL_PARTICIPANTS_DATA_SZ 8
#define POD_IX_JOIN_CHANNEL_COMPRESSED_DATA_SZ 40
/* Largest data of the variable-size instructions when every argument is within the program's
 * limits (strings at their maximum, every Option Some, Custom message type). Compressed broadcast
 * and batch sync can exceed a transaction; their bound is POD_IX_DATA_MAX. */
#define POD_IX_SEND_MESSAGE_DATA_MAX 74
#define POD_IX_REGISTER_AGENT_DATA_MAX 220 /* 8 + 8 + 4 + 200 */
#define POD_IX_UPDATE_AGENT_DATA_MAX 222   /* 8 + 9 + 5 + 200 */
#define POD_IX_CREATE_CHANNEL_DATA_MAX 261 /* 8 + 4+32 + 4+200 + 1 + 4 + 8 */
#define POD_IX_CREATE_CHANNEL_V2_DATA_MAX 261
#define POD_IX_BROADCAST_MESSAGE_DATA_MAX 1055 /* 8 + 4+1000 + 2 + 33 + 8 */
#define POD_IX_UPDATE_CHANNEL_DATA_MAX 284     /* 8 + 55 + 205 + 5 + 9 + 2 */
#define POD_IX_BROADCAST_MESSAGE_COMPRESSED_DATA_MAX POD_IX_DATA_MAX
#define POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES_DATA_MAX POD_IX_DATA_MAX

/* A string argument: len bytes at ptr (not NUL-terminated; ptr may be NULL when len is 0).
 * Decoders return views into their input; encoders copy the bytes. */
typedef struct {
  const char *ptr;
  size_t len;
} pod_str_t;

/* ---- instruction arguments (PROTOCOL.md §2.6), in declaration order. Enum-valued fields are
 * encoded as their raw u8 without range checks, so out-of-range values (which the program
 * rejects with 102) can be sent on purpose; decoders reject them. `has_x` = Option tag. ---- */
typedef struct {
  uint64_t capabilities;
  pod_str_t metadata_uri;
} pod_ix_register_agent_args_t;

typedef struct {
  pod_pubkey_t recipient;
  uint8_t payload_hash[32];
  pod_message_type_t message_type;
} pod_ix_send_message_args_t;

typedef struct {
  uint8_t has_capabilities;
  uint64_t capabilities;
  uint8_t has_metadata_uri;
  pod_str_t metadata_uri;
} pod_ix_update_agent_args_t;

typedef struct {
  uint8_t new_status; /* POD_STATUS_* */
} pod_ix_update_message_status_args_t;

typedef struct {
  pod_str_t name; /* raw bytes: the channel PDA is derived from them, untrimmed */
  pod_str_t description;
  uint8_t visibility; /* POD_VISIBILITY_* */
  uint32_t max_participants;
  uint64_t fee_per_message;
} pod_ix_create_channel_args_t;
typedef pod_ix_create_channel_args_t pod_ix_create_channel_v2_args_t;

typedef struct {
  uint64_t amount;
} pod_ix_deposit_escrow_args_t;

typedef struct {
  uint64_t amount;
} pod_ix_withdraw_escrow_args_t;

typedef struct {
  pod_str_t content;
  pod_message_type_t message_type;
  uint8_t has_reply_to;
  pod_pubkey_t reply_to;
  uint64_t nonce; /* also a seed of the channel message PDA */
} pod_ix_broadcast_message_args_t;

typedef struct {
  pod_pubkey_t invitee;
  uint64_t nonce;
} pod_ix_invite_to_channel_args_t;

typedef struct {
  uint8_t has_name;
  pod_str_t name;
  uint8_t has_description;
  pod_str_t description;
  uint8_t has_max_participants;
  uint32_t max_participants;
  uint8_t has_fee_per_message;
  uint64_t fee_per_message;
  uint8_t has_is_active;
  uint8_t is_active; /* encoded as a bool: non-zero is written 0x01 */
} pod_ix_update_channel_args_t;

typedef struct {
  pod_str_t content;
  pod_message_type_t message_type;
  uint8_t has_reply_to;
  pod_pubkey_t reply_to;
  pod_str_t ipfs_hash;
} pod_ix_broadcast_message_compressed_args_t;

typedef struct {
  uint8_t metadata_hash[32];
} pod_ix_join_channel_compressed_args_t;

typedef struct {
  const uint8_t (*message_hashes)[32]; /* message_hash_cnt hashes; may be NULL when 0 */
  size_t message_hash_cnt;
  int64_t sync_timestamp; /* seconds */
} pod_ix_batch_sync_compressed_messages_args_t;

/* Any instruction's arguments. join_channel, leave_channel and get_channel_participants have none
 * (the union is unused). */
typedef struct {
  pod_ix_kind_t kind;
  union {
    pod_ix_register_agent_args_t register_agent;
    pod_ix_send_message_args_t send_message;
    pod_ix_update_agent_args_t update_agent;
    pod_ix_update_message_status_args_t update_message_status;
    pod_ix_create_channel_args_t create_channel;
    pod_ix_deposit_escrow_args_t deposit_escrow;
    pod_ix_withdraw_escrow_args_t withdraw_escrow;
    pod_ix_broadcast_message_args_t broadcast_message;
    pod_ix_invite_to_channel_args_t invite_to_channel;
    pod_ix_update_channel_args_t update_channel;
    pod_ix_create_channel_v2_args_t create_channel_v2;
    pod_ix_broadcast_message_compressed_args_t broadcast_message_compressed;
    pod_ix_join_channel_compressed_args_t join_channel_compressed;
    pod_ix_batch_sync_compressed_messages_args_t batch_sync_compressed_messages;
  } u;
} pod_ix_args_t;

/* ---- names and account slots ---- */
/* "register_agent" (the snake_case name hashed into the discriminator); NULL if kind is out of
 * range. */
POD_API const char *pod_ix_name(int kind);
/* "RegisterAgent": the name in `Program log: Instruction: <name>`; NULL if out of range. */
POD_API const char *pod_ix_log_name(int kind);
/* The 8-byte discriminator; NULL if out of range. */
POD_API const uint8_t *pod_ix_disc(int kind);
/* The kind named s[0..len) in either spelling, or POD_ENOTFOUND. */
POD_API int pod_ix_kind_from_name(const char *s, size_t len);
/* The kind whose discriminator starts data, or POD_ENOTFOUND (shorter than 8 bytes, unknown,
 * including the two Anchor framework tags). */
POD_API int pod_ix_kind_from_data(const uint8_t *data, size_t len);

/* One account slot of an instruction, as the program declares it (PROTOCOL.md §4.4-4.20). */
typedef struct {
  const char *name;    /* Anchor field name, e.g. "agent_account" (used in error logs) */
  uint8_t is_writable; /* mut or init */
  uint8_t is_signer;
  uint8_t is_optional; /* Option<Account>: the pod_com program ID, read-only, stands for None */
  uint8_t is_init;     /* created by the instruction */
} pod_ix_slot_t;

/* The slots of an instruction in the program's order; *cnt (may be NULL) receives their number.
 * NULL (and *cnt = 0) if kind is out of range. Static storage. */
POD_API const pod_ix_slot_t *pod_ix_slots(int kind, size_t *cnt);
/* The slot name of account idx of instruction kind, or NULL (extra accounts have no name). */
POD_API const char *pod_ix_account_name(int kind, size_t idx);

/* ---- data encoding and decoding ---- */
/* Writes discriminator + Borsh(arguments of a->kind) into out[0..out_sz); *out_len (may be NULL)
 * receives the size. Encodes what it is given, including values the program would reject.
 * POD_EINVAL: bad kind, NULL pointers (a string with len > 0 and ptr NULL); POD_ENOSPC: out too
 * small; POD_ETOOLARGE: a string or vector longer than a u32 length prefix can express. */
POD_API int pod_ix_encode(uint8_t *out, size_t out_sz, size_t *out_len, const pod_ix_args_t *a);

/* Decodes instruction data as the program does (§2.1, §2.3): the first 8 bytes select the
 * instruction, then the arguments are read as Borsh; bytes after the last argument are ignored
 * and counted in *trailing (may be NULL). Strings and the batch hashes are views into data, which
 * must outlive *out. Results:
 *   POD_OK        decoded;
 *   POD_ENOTFOUND no instruction has this discriminator, or len < 8 (the program's
 *                 101 InstructionFallbackNotFound; also for the two Anchor framework tags);
 *                 out->kind = POD_IX_COUNT;
 *   POD_EDECODE   the discriminator is known (out->kind is set) but the arguments are malformed:
 *                 short input, bool/Option tag not 0/1, enum index out of range, invalid UTF-8,
 *                 length prefix beyond the data (the program's 102 InstructionDidNotDeserialize);
 *   POD_EINVAL    out or data NULL (data may be NULL when len is 0). */
POD_API int pod_ix_decode(pod_ix_args_t *out, size_t *trailing, const uint8_t *data, size_t len);

/* ---- builders ---- */
/* A built instruction in caller memory. ix.accounts and ix.data point into this struct: do not
 * copy a pod_ix_t by value (build it where it is used). */
typedef struct {
  pod_instruction_t ix; /* program_id = pod_program_id */
  pod_ix_kind_t kind;
  pod_account_meta_t metas[POD_IX_ACCOUNTS_MAX];
  uint8_t data[POD_IX_DATA_MAX];
} pod_ix_t;

/* The seven trailing unchecked slots of the compressed instructions (Light Protocol names; the
 * program accepts any keys, repeats allowed). Builders take a pointer that may be NULL: then every
 * slot is the System Program ID, which is already among the instruction's keys and so costs no
 * extra key in the transaction. All are passed read-only, non-signer. */
typedef struct {
  pod_pubkey_t registered_program_id;
  pod_pubkey_t noop_program;
  pod_pubkey_t account_compression_authority;
  pod_pubkey_t account_compression_program;
  pod_pubkey_t merkle_tree;
  pod_pubkey_t nullifier_queue;
  pod_pubkey_t cpi_authority_pda;
} pod_light_accounts_t;

/* Every builder: fills *out (data, account metas in the program's order with the program's
 * writable/signer flags, ix) deriving the PDAs with the pod_pda_* helpers from the keys passed.
 * Optional slots are filled with their canonical PDA when the with_* flag is non-zero, else with
 * pod_program_id read-only (None). Builders encode anything encodable, including arguments the
 * program rejects; any slot may be overwritten by the caller afterwards (out->metas[i]).
 * Errors: POD_EINVAL for NULL arguments (and the PDA helpers' POD_EINVAL for a message type whose
 * seed byte cannot be formed: Custom(x >= 252) or a kind > 4, send_message only); POD_ETOOLARGE
 * for a channel name over 32 bytes (no channel PDA exists; create_channel(_v2)) or data over
 * POD_IX_DATA_MAX; POD_ENOPDA if a PDA does not exist. On failure *out is unspecified. */

/* agent_account = agent(signer) [W], signer [W S], system_program */
POD_API int pod_ix_register_agent(pod_ix_t *out, const pod_pubkey_t *signer,
                                  const pod_ix_register_agent_args_t *a);
/* message_account = message(agent(signer), recipient, payload_hash, type) [W], sender_agent =
 * agent(signer), signer [W S], system_program */
POD_API int pod_ix_send_message(pod_ix_t *out, const pod_pubkey_t *signer,
                                const pod_ix_send_message_args_t *a);
/* agent_account = agent(signer) [W], signer [S] */
POD_API int pod_ix_update_agent(pod_ix_t *out, const pod_pubkey_t *signer,
                                const pod_ix_update_agent_args_t *a);
/* message_account = message [W] (its address, e.g. from pod_pda_message), recipient_agent =
 * agent(signer), signer [S] */
POD_API int pod_ix_update_message_status(pod_ix_t *out, const pod_pubkey_t *signer,
                                         const pod_pubkey_t *message,
                                         const pod_ix_update_message_status_args_t *a);
/* channel_account = channel(creator, name) [W], creator [W S], system_program */
POD_API int pod_ix_create_channel(pod_ix_t *out, const pod_pubkey_t *creator,
                                  const pod_ix_create_channel_args_t *a);
/* escrow_account = escrow(channel, depositor) [W], channel_account [W], depositor [W S],
 * system_program */
POD_API int pod_ix_deposit_escrow(pod_ix_t *out, const pod_pubkey_t *depositor,
                                  const pod_pubkey_t *channel,
                                  const pod_ix_deposit_escrow_args_t *a);
/* escrow_account = escrow(channel, depositor) [W], channel_account [W], depositor [W S] */
POD_API int pod_ix_withdraw_escrow(pod_ix_t *out, const pod_pubkey_t *depositor,
                                   const pod_pubkey_t *channel,
                                   const pod_ix_withdraw_escrow_args_t *a);
/* channel_account [W], participant_account = participant(channel, agent(user)) [W],
 * agent_account = agent(user), invitation_account = invitation(channel, user) [W] or None,
 * escrow_account = escrow(channel, user) [W] or None, user [W S], system_program */
POD_API int pod_ix_join_channel(pod_ix_t *out, const pod_pubkey_t *user,
                                const pod_pubkey_t *channel, int with_invitation, int with_escrow);
/* channel_account [W], participant_account = participant(channel, agent(user)) [W],
 * agent_account = agent(user), user [W S] */
POD_API int pod_ix_leave_channel(pod_ix_t *out, const pod_pubkey_t *user,
                                 const pod_pubkey_t *channel);
/* channel_account [W], participant_account = participant(channel, agent(user)) [W],
 * agent_account = agent(user), message_account = channel_message(channel, user, nonce) [W],
 * user [W S], system_program */
POD_API int pod_ix_broadcast_message(pod_ix_t *out, const pod_pubkey_t *user,
                                     const pod_pubkey_t *channel,
                                     const pod_ix_broadcast_message_args_t *a);
/* channel_account, participant_account = participant(channel, agent(inviter)) or None,
 * agent_account = agent(inviter), invitation_account = invitation(channel, invitee) [W],
 * inviter [W S], system_program. (The channel creator may pass None; anyone else needs it.) */
POD_API int pod_ix_invite_to_channel(pod_ix_t *out, const pod_pubkey_t *inviter,
                                     const pod_pubkey_t *channel, int with_participant,
                                     const pod_ix_invite_to_channel_args_t *a);
/* channel_account */
POD_API int pod_ix_get_channel_participants(pod_ix_t *out, const pod_pubkey_t *channel);
/* channel_account [W], signer [S] */
POD_API int pod_ix_update_channel(pod_ix_t *out, const pod_pubkey_t *signer,
                                  const pod_pubkey_t *channel,
                                  const pod_ix_update_channel_args_t *a);
/* agent_account = agent(creator), channel_account = channel(creator, name) [W],
 * participant_account = participant(channel, agent) [W], creator [W S], system_program */
POD_API int pod_ix_create_channel_v2(pod_ix_t *out, const pod_pubkey_t *creator,
                                     const pod_ix_create_channel_v2_args_t *a);
/* channel_account, participant_account = participant(channel, agent(authority)) [W],
 * fee_payer [W S], authority [S], system_program, compression_program, the 7 light slots */
POD_API int
pod_ix_broadcast_message_compressed(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                    const pod_pubkey_t *authority, const pod_pubkey_t *channel,
                                    const pod_light_accounts_t *light,
                                    const pod_ix_broadcast_message_compressed_args_t *a);
/* channel_account [W], agent_account = agent(authority), invitation_account =
 * invitation(channel, authority) or None (read-only either way), fee_payer [W S], authority [S],
 * system_program, the 7 light slots (no compression_program slot here) */
POD_API int pod_ix_join_channel_compressed(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                           const pod_pubkey_t *authority,
                                           const pod_pubkey_t *channel, int with_invitation,
                                           const pod_light_accounts_t *light,
                                           const pod_ix_join_channel_compressed_args_t *a);
/* channel_account [W], fee_payer [W S], authority [S], system_program, compression_program,
 * the 7 light slots */
POD_API int
pod_ix_batch_sync_compressed_messages(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                      const pod_pubkey_t *authority, const pod_pubkey_t *channel,
                                      const pod_light_accounts_t *light,
                                      const pod_ix_batch_sync_compressed_messages_args_t *a);

#ifdef __cplusplus
}
#endif
#endif
