/* The PoD program (pod_com): its address, enums, the addresses of its accounts (PDAs).
 * Instruction builders live in this header too (see below). Nothing here allocates. */
#ifndef POD_PROGRAM_H
#define POD_PROGRAM_H

#include "pda.h"

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
enum { POD_STATUS_PENDING = 0, POD_STATUS_DELIVERED = 1, POD_STATUS_READ = 2, POD_STATUS_FAILED = 3 };
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

/* ---- instruction builders: see the codec section below (added by the codec module) ---- */

#ifdef __cplusplus
}
#endif
#endif
