/* The 7 PoD account types: discriminator check + Borsh (PROTOCOL.md §2.4). */
#include <string.h>

#include "codec_int.h"
#include "pod/accounts.h"

typedef struct {
  const char *name;
  const char *disc;
  size_t space;
} acct_info_t;

static const acct_info_t ACCT_INFO[POD_ACCT_COUNT] = {
    {"AgentAccount", POD_AGENT_DISC, POD_AGENT_SPACE},
    {"MessageAccount", POD_MESSAGE_DISC, POD_MESSAGE_SPACE},
    {"ChannelAccount", POD_CHANNEL_DISC, POD_CHANNEL_SPACE},
    {"ChannelParticipant", POD_PARTICIPANT_DISC, POD_PARTICIPANT_SPACE},
    {"ChannelInvitation", POD_INVITATION_DISC, POD_INVITATION_SPACE},
    {"ChannelMessage", POD_CHANNEL_MESSAGE_DISC, POD_CHANNEL_MESSAGE_SPACE},
    {"EscrowAccount", POD_ESCROW_DISC, POD_ESCROW_SPACE},
};

static int kind_ok(int kind) { return kind >= 0 && kind < POD_ACCT_COUNT; }

const char *pod_account_name(int kind) { return kind_ok(kind) ? ACCT_INFO[kind].name : NULL; }

const uint8_t *pod_account_disc(int kind) {
  return kind_ok(kind) ? (const uint8_t *)ACCT_INFO[kind].disc : NULL;
}

size_t pod_account_space(int kind) { return kind_ok(kind) ? ACCT_INFO[kind].space : 0; }

int pod_account_type(const uint8_t *data, size_t len) {
  if (len < POD_DISC_SZ) return POD_ENOTFOUND;
  if (!data) return POD_EINVAL;
  for (int k = 0; k < POD_ACCT_COUNT; k++)
    if (!memcmp(data, ACCT_INFO[k].disc, POD_DISC_SZ)) return k;
  return POD_EINVAL;
}

/* ---- decoding: one reader over the bytes after the discriminator ---- */
static int begin_decode(pod_borsh_reader_t *r, int kind, const uint8_t *data, size_t len) {
  if (len < POD_DISC_SZ) return POD_ENOTFOUND;
  if (!data) return POD_EINVAL;
  if (memcmp(data, ACCT_INFO[kind].disc, POD_DISC_SZ)) return POD_EINVAL;
  pod_borsh_reader_init(r, data + POD_DISC_SZ, len - POD_DISC_SZ);
  return POD_OK;
}

/* Reader error -> POD_EDECODE (trailing bytes are allowed: accounts are fixed-size buffers). */
static int end_decode(const pod_borsh_reader_t *r, void *out, size_t out_sz) {
  if (r->err == POD_OK) return POD_OK;
  memset(out, 0, out_sz);
  return POD_EDECODE;
}

static void get_bool(pod_borsh_reader_t *r, uint8_t *v) { pod_borsh_get_bool(r, v); }

int pod_agent_account_decode(pod_agent_account_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_AGENT, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->pubkey);
  pod_borsh_get_u64(&r, &out->capabilities);
  pod_borsh_get_u64(&r, &out->reputation);
  pod_borsh_get_i64(&r, &out->last_updated);
  pod_codec_get_str(&r, &out->metadata_uri);
  pod_borsh_get_u16(&r, &out->invites_sent);
  pod_borsh_get_i64(&r, &out->last_invite_at);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_message_account_decode(pod_message_account_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_MESSAGE, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->sender);
  pod_borsh_get_pubkey(&r, &out->recipient);
  pod_borsh_get_bytes(&r, out->payload_hash, 32);
  pod_borsh_get_i64(&r, &out->created_at);
  pod_borsh_get_i64(&r, &out->expires_at);
  pod_codec_get_msgtype(&r, &out->message_type);
  pod_codec_get_enum(&r, &out->status, POD_STATUS_FAILED);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_channel_account_decode(pod_channel_account_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_CHANNEL, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->creator);
  pod_borsh_get_u64(&r, &out->fee_per_message);
  pod_borsh_get_u64(&r, &out->escrow_balance);
  pod_borsh_get_i64(&r, &out->created_at);
  pod_borsh_get_u32(&r, &out->max_participants);
  pod_borsh_get_u32(&r, &out->current_participants);
  pod_codec_get_str(&r, &out->name);
  pod_codec_get_str(&r, &out->description);
  pod_codec_get_enum(&r, &out->visibility, POD_VISIBILITY_PRIVATE);
  get_bool(&r, &out->is_active);
  pod_borsh_get_i64(&r, &out->last_sync_timestamp);
  pod_borsh_get_u64(&r, &out->total_compressed_messages);
  pod_borsh_get_u64(&r, &out->compressed_data_size);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_channel_participant_decode(pod_channel_participant_t *out, const uint8_t *data,
                                   size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_PARTICIPANT, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->channel);
  pod_borsh_get_pubkey(&r, &out->participant);
  pod_borsh_get_i64(&r, &out->joined_at);
  pod_borsh_get_u64(&r, &out->messages_sent);
  pod_borsh_get_i64(&r, &out->last_message_at);
  get_bool(&r, &out->is_active);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_channel_invitation_decode(pod_channel_invitation_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_INVITATION, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->channel);
  pod_borsh_get_pubkey(&r, &out->inviter);
  pod_borsh_get_pubkey(&r, &out->invitee);
  pod_borsh_get_bytes(&r, out->invitation_hash, 32);
  pod_borsh_get_i64(&r, &out->created_at);
  pod_borsh_get_i64(&r, &out->expires_at);
  pod_borsh_get_u64(&r, &out->nonce);
  get_bool(&r, &out->is_accepted);
  get_bool(&r, &out->is_used);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_channel_message_decode(pod_channel_message_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  int some = 0;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_CHANNEL_MESSAGE, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->channel);
  pod_borsh_get_pubkey(&r, &out->sender);
  pod_borsh_get_option(&r, &some);
  out->has_reply_to = (uint8_t)(some != 0);
  if (some) pod_borsh_get_pubkey(&r, &out->reply_to);
  pod_borsh_get_i64(&r, &out->created_at);
  some = 0;
  pod_borsh_get_option(&r, &some);
  out->has_edited_at = (uint8_t)(some != 0);
  if (some) pod_borsh_get_i64(&r, &out->edited_at);
  pod_codec_get_str(&r, &out->content);
  pod_codec_get_msgtype(&r, &out->message_type);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

int pod_escrow_account_decode(pod_escrow_account_t *out, const uint8_t *data, size_t len) {
  pod_borsh_reader_t r;
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int rc = begin_decode(&r, POD_ACCT_ESCROW, data, len);
  if (rc != POD_OK) return rc;
  pod_borsh_get_pubkey(&r, &out->channel);
  pod_borsh_get_pubkey(&r, &out->depositor);
  pod_borsh_get_u64(&r, &out->amount);
  pod_borsh_get_i64(&r, &out->created_at);
  pod_borsh_get_u8(&r, &out->bump);
  pod_borsh_get_bytes(&r, out->reserved, sizeof out->reserved);
  return end_decode(&r, out, sizeof *out);
}

/* ---- encoding ---- */
static void ser_agent(pod_borsh_writer_t *w, const pod_agent_account_t *a) {
  pod_borsh_put_pubkey(w, &a->pubkey);
  pod_borsh_put_u64(w, a->capabilities);
  pod_borsh_put_u64(w, a->reputation);
  pod_borsh_put_i64(w, a->last_updated);
  pod_codec_put_str(w, &a->metadata_uri);
  pod_borsh_put_u16(w, a->invites_sent);
  pod_borsh_put_i64(w, a->last_invite_at);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_message(pod_borsh_writer_t *w, const pod_message_account_t *a) {
  pod_borsh_put_pubkey(w, &a->sender);
  pod_borsh_put_pubkey(w, &a->recipient);
  pod_borsh_put_bytes(w, a->payload_hash, 32);
  pod_borsh_put_i64(w, a->created_at);
  pod_borsh_put_i64(w, a->expires_at);
  pod_codec_put_msgtype(w, a->message_type);
  pod_borsh_put_u8(w, a->status);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_channel(pod_borsh_writer_t *w, const pod_channel_account_t *a) {
  pod_borsh_put_pubkey(w, &a->creator);
  pod_borsh_put_u64(w, a->fee_per_message);
  pod_borsh_put_u64(w, a->escrow_balance);
  pod_borsh_put_i64(w, a->created_at);
  pod_borsh_put_u32(w, a->max_participants);
  pod_borsh_put_u32(w, a->current_participants);
  pod_codec_put_str(w, &a->name);
  pod_codec_put_str(w, &a->description);
  pod_borsh_put_u8(w, a->visibility);
  pod_codec_put_bool(w, a->is_active);
  pod_borsh_put_i64(w, a->last_sync_timestamp);
  pod_borsh_put_u64(w, a->total_compressed_messages);
  pod_borsh_put_u64(w, a->compressed_data_size);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_participant(pod_borsh_writer_t *w, const pod_channel_participant_t *a) {
  pod_borsh_put_pubkey(w, &a->channel);
  pod_borsh_put_pubkey(w, &a->participant);
  pod_borsh_put_i64(w, a->joined_at);
  pod_borsh_put_u64(w, a->messages_sent);
  pod_borsh_put_i64(w, a->last_message_at);
  pod_codec_put_bool(w, a->is_active);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_invitation(pod_borsh_writer_t *w, const pod_channel_invitation_t *a) {
  pod_borsh_put_pubkey(w, &a->channel);
  pod_borsh_put_pubkey(w, &a->inviter);
  pod_borsh_put_pubkey(w, &a->invitee);
  pod_borsh_put_bytes(w, a->invitation_hash, 32);
  pod_borsh_put_i64(w, a->created_at);
  pod_borsh_put_i64(w, a->expires_at);
  pod_borsh_put_u64(w, a->nonce);
  pod_codec_put_bool(w, a->is_accepted);
  pod_codec_put_bool(w, a->is_used);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_channel_message(pod_borsh_writer_t *w, const pod_channel_message_t *a) {
  pod_borsh_put_pubkey(w, &a->channel);
  pod_borsh_put_pubkey(w, &a->sender);
  pod_borsh_put_option(w, a->has_reply_to != 0);
  if (a->has_reply_to) pod_borsh_put_pubkey(w, &a->reply_to);
  pod_borsh_put_i64(w, a->created_at);
  pod_borsh_put_option(w, a->has_edited_at != 0);
  if (a->has_edited_at) pod_borsh_put_i64(w, a->edited_at);
  pod_codec_put_str(w, &a->content);
  pod_codec_put_msgtype(w, a->message_type);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_escrow(pod_borsh_writer_t *w, const pod_escrow_account_t *a) {
  pod_borsh_put_pubkey(w, &a->channel);
  pod_borsh_put_pubkey(w, &a->depositor);
  pod_borsh_put_u64(w, a->amount);
  pod_borsh_put_i64(w, a->created_at);
  pod_borsh_put_u8(w, a->bump);
  pod_borsh_put_bytes(w, a->reserved, sizeof a->reserved);
}

static void ser_any(pod_borsh_writer_t *w, const pod_typed_account_t *a) {
  pod_borsh_put_bytes(w, ACCT_INFO[a->kind].disc, POD_DISC_SZ);
  switch (a->kind) {
  case POD_ACCT_AGENT: ser_agent(w, &a->u.agent); break;
  case POD_ACCT_MESSAGE: ser_message(w, &a->u.message); break;
  case POD_ACCT_CHANNEL: ser_channel(w, &a->u.channel); break;
  case POD_ACCT_PARTICIPANT: ser_participant(w, &a->u.participant); break;
  case POD_ACCT_INVITATION: ser_invitation(w, &a->u.invitation); break;
  case POD_ACCT_CHANNEL_MESSAGE: ser_channel_message(w, &a->u.channel_message); break;
  case POD_ACCT_ESCROW: ser_escrow(w, &a->u.escrow); break;
  case POD_ACCT_COUNT: break;
  }
}

/* Serializes into a scratch buffer first, then copies the prefix: the struct's strings may point
 * into data itself (decode, modify, encode in place), and nothing is written on failure. Buffers
 * larger than any PoD account (never the case on chain) are written directly. */
int pod_account_encode(uint8_t *data, size_t len, size_t *out_len, const pod_typed_account_t *a) {
  uint8_t tmp[POD_ACCOUNT_SPACE_MAX];
  pod_borsh_writer_t w;
  size_t n = 0;
  if (!a || !kind_ok((int)a->kind) || (!data && len)) return POD_EINVAL;
  if (len <= sizeof tmp) {
    pod_borsh_writer_init(&w, tmp, len);
    ser_any(&w, a);
    int rc = pod_borsh_writer_finish(&w, &n);
    if (rc != POD_OK) return rc;
    if (n) memcpy(data, tmp, n);
  } else {
    pod_borsh_writer_init(&w, data, len);
    ser_any(&w, a);
    int rc = pod_borsh_writer_finish(&w, &n);
    if (rc != POD_OK) return rc;
  }
  if (out_len) *out_len = n;
  return POD_OK;
}

#define ENCODER(fn, type, kindv, member)                                                           \
  int fn(uint8_t *data, size_t len, size_t *out_len, const type *a) {                              \
    pod_typed_account_t any;                                                                       \
    if (!a) return POD_EINVAL;                                                                     \
    any.kind = kindv;                                                                              \
    any.u.member = *a;                                                                             \
    return pod_account_encode(data, len, out_len, &any);                                           \
  }
ENCODER(pod_agent_account_encode, pod_agent_account_t, POD_ACCT_AGENT, agent)
ENCODER(pod_message_account_encode, pod_message_account_t, POD_ACCT_MESSAGE, message)
ENCODER(pod_channel_account_encode, pod_channel_account_t, POD_ACCT_CHANNEL, channel)
ENCODER(pod_channel_participant_encode, pod_channel_participant_t, POD_ACCT_PARTICIPANT,
        participant)
ENCODER(pod_channel_invitation_encode, pod_channel_invitation_t, POD_ACCT_INVITATION, invitation)
ENCODER(pod_channel_message_encode, pod_channel_message_t, POD_ACCT_CHANNEL_MESSAGE,
        channel_message)
ENCODER(pod_escrow_account_encode, pod_escrow_account_t, POD_ACCT_ESCROW, escrow)
#undef ENCODER

int pod_account_decode(pod_typed_account_t *out, const uint8_t *data, size_t len) {
  if (!out) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int k = pod_account_type(data, len);
  if (k < 0) return k;
  out->kind = (pod_account_kind_t)k;
  switch (out->kind) {
  case POD_ACCT_AGENT: return pod_agent_account_decode(&out->u.agent, data, len);
  case POD_ACCT_MESSAGE: return pod_message_account_decode(&out->u.message, data, len);
  case POD_ACCT_CHANNEL: return pod_channel_account_decode(&out->u.channel, data, len);
  case POD_ACCT_PARTICIPANT: return pod_channel_participant_decode(&out->u.participant, data, len);
  case POD_ACCT_INVITATION: return pod_channel_invitation_decode(&out->u.invitation, data, len);
  case POD_ACCT_CHANNEL_MESSAGE:
    return pod_channel_message_decode(&out->u.channel_message, data, len);
  case POD_ACCT_ESCROW: return pod_escrow_account_decode(&out->u.escrow, data, len);
  case POD_ACCT_COUNT: break;
  }
  return POD_EINVAL;
}

/* a + b, saturating at SIZE_MAX (the "does not fit" marker). */
static size_t add_sat(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

size_t pod_account_serialized_size(const pod_typed_account_t *a) {
  if (!a || !kind_ok((int)a->kind)) return SIZE_MAX;
  switch (a->kind) {
  case POD_ACCT_AGENT: return add_sat(86, a->u.agent.metadata_uri.len);
  case POD_ACCT_MESSAGE: return 127 + pod_codec_msgtype_size(a->u.message.message_type);
  case POD_ACCT_CHANNEL:
    return add_sat(add_sat(112, a->u.channel.name.len), a->u.channel.description.len);
  case POD_ACCT_PARTICIPANT: return POD_PARTICIPANT_SIZE;
  case POD_ACCT_INVITATION: return POD_INVITATION_SIZE;
  case POD_ACCT_CHANNEL_MESSAGE: {
    const pod_channel_message_t *m = &a->u.channel_message;
    size_t n = 93 + pod_codec_msgtype_size(m->message_type) + (m->has_reply_to ? 32 : 0) +
               (m->has_edited_at ? 8 : 0);
    return add_sat(n, m->content.len);
  }
  case POD_ACCT_ESCROW: return POD_ESCROW_SIZE;
  case POD_ACCT_COUNT: break;
  }
  return SIZE_MAX;
}
