/* The 8 event types of the PoD program (PROTOCOL.md §2.3, §2.5). An event is logged as
 * `Program data: <base64(discriminator || Borsh(fields))>` (standard base64, padded). Only five are
 * ever emitted (AgentRegistered, MessageSent, ChannelJoined, MessageBroadcast,
 * CompressedMessageSynced); the other three decode and encode all the same.
 *
 * Decoders are strict (untrusted input): the whole buffer must be exactly one event — no trailing
 * bytes. Strings are views into the decoded bytes. Nothing here allocates. */
#ifndef POD_EVENTS_H
#define POD_EVENTS_H

#include "program.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  POD_EVENT_AGENT_REGISTERED = 0,
  POD_EVENT_MESSAGE_SENT = 1,
  POD_EVENT_CHANNEL_CREATED = 2, /* never emitted */
  POD_EVENT_CHANNEL_JOINED = 3,
  POD_EVENT_MESSAGE_BROADCAST = 4,
  POD_EVENT_ESCROW_DEPOSIT = 5,    /* never emitted */
  POD_EVENT_ESCROW_WITHDRAWAL = 6, /* never emitted */
  POD_EVENT_COMPRESSED_MESSAGE_SYNCED = 7,
  POD_EVENT_COUNT = 8
} pod_event_kind_t;

/* Discriminators: sha256("event:<EventName>")[0..8] as 8-byte string literals. */
#define POD_EVENT_AGENT_REGISTERED_DISC "\xbf\x4e\xd9\x36\xe8\x64\xbd\x55"
#define POD_EVENT_MESSAGE_SENT_DISC "\x74\x46\xe0\x4c\x80\x1c\x6e\x37"
#define POD_EVENT_CHANNEL_CREATED_DISC "\x20\x04\xa1\xa5\x94\x90\x38\x8b"
#define POD_EVENT_CHANNEL_JOINED_DISC "\x7d\xf3\xf9\x97\x09\x15\x39\x75"
#define POD_EVENT_MESSAGE_BROADCAST_DISC "\x00\x1e\xf9\x56\x60\x1d\x8b\x68"
#define POD_EVENT_ESCROW_DEPOSIT_DISC "\x2b\x5a\x31\xb0\x86\x94\x32\x20"
#define POD_EVENT_ESCROW_WITHDRAWAL_DISC "\x4c\x43\x30\x31\xb4\xd5\xfa\x47"
#define POD_EVENT_COMPRESSED_MESSAGE_SYNCED_DISC "\xee\x5e\x7a\x58\x5d\x07\xb0\xc7"

/* The log prefix of an event line (14 characters, no NUL). */
#define POD_EVENT_LOG_PREFIX "Program data: "
#define POD_EVENT_LOG_PREFIX_LEN 14
/* Largest serialized event pod_event_encode_log handles (every event the program can emit is at
 * most 268 bytes: AgentRegistered with a 200-byte URI). */
#define POD_EVENT_DATA_MAX 1024
/* A text buffer for any log line of pod_event_encode_log, NUL included. */
#define POD_EVENT_LOG_MAX (POD_EVENT_LOG_PREFIX_LEN + ((POD_EVENT_DATA_MAX + 2) / 3) * 4 + 1)

typedef struct {
  pod_pubkey_t agent; /* the wallet (not the agent PDA) */
  uint64_t capabilities;
  pod_str_t metadata_uri;
  int64_t timestamp;
} pod_event_agent_registered_t;

typedef struct {
  pod_pubkey_t sender; /* agent PDA */
  pod_pubkey_t recipient;
  pod_message_type_t message_type;
  int64_t timestamp;
} pod_event_message_sent_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t creator;
  pod_str_t name;
  uint8_t visibility; /* POD_VISIBILITY_* */
  int64_t timestamp;
} pod_event_channel_created_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t participant; /* the agent account key passed */
  int64_t timestamp;
} pod_event_channel_joined_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t sender; /* agent PDA */
  pod_message_type_t message_type;
  int64_t timestamp;
} pod_event_message_broadcast_t;

typedef struct {
  pod_pubkey_t channel;
  pod_pubkey_t depositor;
  uint64_t amount;
  int64_t timestamp;
} pod_event_escrow_t; /* EscrowDeposit and EscrowWithdrawal */

typedef struct {
  pod_pubkey_t channel_id;
  uint8_t message_hash[32];
  uint8_t compressed_hash[32];
  uint32_t batch_index;
  int64_t sync_timestamp;
} pod_event_compressed_message_synced_t;

typedef struct {
  pod_event_kind_t kind;
  union {
    pod_event_agent_registered_t agent_registered;
    pod_event_message_sent_t message_sent;
    pod_event_channel_created_t channel_created;
    pod_event_channel_joined_t channel_joined;
    pod_event_message_broadcast_t message_broadcast;
    pod_event_escrow_t escrow_deposit;
    pod_event_escrow_t escrow_withdrawal;
    pod_event_compressed_message_synced_t compressed_message_synced;
  } u;
} pod_event_t;

/* "AgentRegistered", ...; NULL if out of range. */
POD_API const char *pod_event_name(int kind);
/* The 8-byte discriminator; NULL if out of range. */
POD_API const uint8_t *pod_event_disc(int kind);
/* The event kind from the discriminator at the start of data, or POD_ENOTFOUND (fewer than 8
 * bytes, or not a PoD event). */
POD_API int pod_event_type(const uint8_t *data, size_t len);

/* Decodes one serialized event data[0..len). POD_ENOTFOUND: not a PoD event (short or unknown
 * discriminator); POD_EDECODE: malformed fields or trailing bytes; POD_EINVAL: NULL arguments.
 * Strings point into data. */
POD_API int pod_event_decode(pod_event_t *out, const uint8_t *data, size_t len);

/* Decodes a log line `Program data: <base64>` (line[0..line_len), no newline) into *out, using
 * buf[0..buf_sz) for the decoded bytes (strings in *out point into buf). POD_ENOTFOUND: not a
 * "Program data: " line, or an event of another program (unknown discriminator) — callers scanning
 * logs skip those; POD_EDECODE: bad base64 (including a second base64 chunk) or a malformed event;
 * POD_ENOSPC: buf too small (POD_EVENT_DATA_MAX is enough for any event the program emits). */
POD_API int pod_event_decode_log(pod_event_t *out, uint8_t *buf, size_t buf_sz, const char *line,
                                 size_t line_len);

/* Serializes *ev (discriminator + Borsh) into out[0..out_sz); *out_len (may be NULL) receives the
 * size. Values are written as given (enums as raw u8). POD_ENOSPC if out is too small, POD_EINVAL
 * for a bad kind or NULL pointers. */
POD_API int pod_event_encode(uint8_t *out, size_t out_sz, size_t *out_len, const pod_event_t *ev);

/* Writes the log line `Program data: <base64>` (NUL-terminated) into out; *out_len (may be NULL)
 * receives its length without the NUL. POD_ETOOLARGE for an event over POD_EVENT_DATA_MAX bytes,
 * POD_ENOSPC if out is too small (POD_EVENT_LOG_MAX always suffices). */
POD_API int pod_event_encode_log(char *out, size_t out_sz, size_t *out_len, const pod_event_t *ev);

#ifdef __cplusplus
}
#endif
#endif
