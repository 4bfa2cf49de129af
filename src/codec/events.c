/* The 8 PoD events: discriminator + Borsh, and their `Program data: <base64>` log lines
 * (PROTOCOL.md §2.3, §2.5). */
#include <string.h>

#include "codec_int.h"
#include "pod/encode.h"
#include "pod/events.h"

typedef struct {
  const char *name;
  const char *disc;
} event_info_t;

static const event_info_t EVENT_INFO[POD_EVENT_COUNT] = {
    {"AgentRegistered", POD_EVENT_AGENT_REGISTERED_DISC},
    {"MessageSent", POD_EVENT_MESSAGE_SENT_DISC},
    {"ChannelCreated", POD_EVENT_CHANNEL_CREATED_DISC},
    {"ChannelJoined", POD_EVENT_CHANNEL_JOINED_DISC},
    {"MessageBroadcast", POD_EVENT_MESSAGE_BROADCAST_DISC},
    {"EscrowDeposit", POD_EVENT_ESCROW_DEPOSIT_DISC},
    {"EscrowWithdrawal", POD_EVENT_ESCROW_WITHDRAWAL_DISC},
    {"CompressedMessageSynced", POD_EVENT_COMPRESSED_MESSAGE_SYNCED_DISC},
};

static int kind_ok(int kind) { return kind >= 0 && kind < POD_EVENT_COUNT; }

const char *pod_event_name(int kind) { return kind_ok(kind) ? EVENT_INFO[kind].name : NULL; }

const uint8_t *pod_event_disc(int kind) {
  return kind_ok(kind) ? (const uint8_t *)EVENT_INFO[kind].disc : NULL;
}

int pod_event_type(const uint8_t *data, size_t len) {
  if (!data || len < POD_DISC_SZ) return POD_ENOTFOUND;
  for (int k = 0; k < POD_EVENT_COUNT; k++)
    if (!memcmp(data, EVENT_INFO[k].disc, POD_DISC_SZ)) return k;
  return POD_ENOTFOUND;
}

static void get_escrow(pod_borsh_reader_t *r, pod_event_escrow_t *e) {
  pod_borsh_get_pubkey(r, &e->channel);
  pod_borsh_get_pubkey(r, &e->depositor);
  pod_borsh_get_u64(r, &e->amount);
  pod_borsh_get_i64(r, &e->timestamp);
}

int pod_event_decode(pod_event_t *out, const uint8_t *data, size_t len) {
  if (!out || (!data && len)) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  int k = pod_event_type(data, len);
  if (k < 0) {
    out->kind = POD_EVENT_COUNT;
    return POD_ENOTFOUND;
  }
  out->kind = (pod_event_kind_t)k;
  pod_borsh_reader_t r;
  pod_borsh_reader_init(&r, data + POD_DISC_SZ, len - POD_DISC_SZ);
  switch (out->kind) {
  case POD_EVENT_AGENT_REGISTERED: {
    pod_event_agent_registered_t *e = &out->u.agent_registered;
    pod_borsh_get_pubkey(&r, &e->agent);
    pod_borsh_get_u64(&r, &e->capabilities);
    pod_codec_get_str(&r, &e->metadata_uri);
    pod_borsh_get_i64(&r, &e->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_SENT: {
    pod_event_message_sent_t *e = &out->u.message_sent;
    pod_borsh_get_pubkey(&r, &e->sender);
    pod_borsh_get_pubkey(&r, &e->recipient);
    pod_codec_get_msgtype(&r, &e->message_type);
    pod_borsh_get_i64(&r, &e->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_CREATED: {
    pod_event_channel_created_t *e = &out->u.channel_created;
    pod_borsh_get_pubkey(&r, &e->channel);
    pod_borsh_get_pubkey(&r, &e->creator);
    pod_codec_get_str(&r, &e->name);
    pod_codec_get_enum(&r, &e->visibility, POD_VISIBILITY_PRIVATE);
    pod_borsh_get_i64(&r, &e->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_JOINED: {
    pod_event_channel_joined_t *e = &out->u.channel_joined;
    pod_borsh_get_pubkey(&r, &e->channel);
    pod_borsh_get_pubkey(&r, &e->participant);
    pod_borsh_get_i64(&r, &e->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_BROADCAST: {
    pod_event_message_broadcast_t *e = &out->u.message_broadcast;
    pod_borsh_get_pubkey(&r, &e->channel);
    pod_borsh_get_pubkey(&r, &e->sender);
    pod_codec_get_msgtype(&r, &e->message_type);
    pod_borsh_get_i64(&r, &e->timestamp);
    break;
  }
  case POD_EVENT_ESCROW_DEPOSIT: get_escrow(&r, &out->u.escrow_deposit); break;
  case POD_EVENT_ESCROW_WITHDRAWAL: get_escrow(&r, &out->u.escrow_withdrawal); break;
  case POD_EVENT_COMPRESSED_MESSAGE_SYNCED: {
    pod_event_compressed_message_synced_t *e = &out->u.compressed_message_synced;
    pod_borsh_get_pubkey(&r, &e->channel_id);
    pod_borsh_get_bytes(&r, e->message_hash, 32);
    pod_borsh_get_bytes(&r, e->compressed_hash, 32);
    pod_borsh_get_u32(&r, &e->batch_index);
    pod_borsh_get_i64(&r, &e->sync_timestamp);
    break;
  }
  case POD_EVENT_COUNT: break;
  }
  if (pod_borsh_reader_finish_exact(&r) != POD_OK) {
    pod_event_kind_t kind = out->kind;
    memset(&out->u, 0, sizeof out->u);
    out->kind = kind;
    return POD_EDECODE;
  }
  return POD_OK;
}

int pod_event_decode_log(pod_event_t *out, uint8_t *buf, size_t buf_sz, const char *line,
                         size_t line_len) {
  if (!out || !line || (!buf && buf_sz)) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  out->kind = POD_EVENT_COUNT;
  if (line_len < POD_EVENT_LOG_PREFIX_LEN ||
      memcmp(line, POD_EVENT_LOG_PREFIX, POD_EVENT_LOG_PREFIX_LEN))
    return POD_ENOTFOUND;
  const char *b64 = line + POD_EVENT_LOG_PREFIX_LEN;
  size_t b64_len = line_len - POD_EVENT_LOG_PREFIX_LEN;
  /* The whole rest must be one base64 chunk (the program logs one chunk per event); a space or any
   * other non-alphabet character makes the base64 decoder fail. */
  size_t n = 0;
  int rc = pod_base64_decode(buf, buf_sz, &n, b64, b64_len);
  if (rc != POD_OK) return rc == POD_ENOSPC ? POD_ENOSPC : POD_EDECODE;
  return pod_event_decode(out, buf, n);
}

static void put_escrow(pod_borsh_writer_t *w, const pod_event_escrow_t *e) {
  pod_borsh_put_pubkey(w, &e->channel);
  pod_borsh_put_pubkey(w, &e->depositor);
  pod_borsh_put_u64(w, e->amount);
  pod_borsh_put_i64(w, e->timestamp);
}

int pod_event_encode(uint8_t *out, size_t out_sz, size_t *out_len, const pod_event_t *ev) {
  if (!ev || !kind_ok((int)ev->kind) || (!out && out_sz)) return POD_EINVAL;
  pod_borsh_writer_t w;
  pod_borsh_writer_init(&w, out, out_sz);
  pod_borsh_put_bytes(&w, EVENT_INFO[ev->kind].disc, POD_DISC_SZ);
  switch (ev->kind) {
  case POD_EVENT_AGENT_REGISTERED: {
    const pod_event_agent_registered_t *e = &ev->u.agent_registered;
    pod_borsh_put_pubkey(&w, &e->agent);
    pod_borsh_put_u64(&w, e->capabilities);
    pod_codec_put_str(&w, &e->metadata_uri);
    pod_borsh_put_i64(&w, e->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_SENT: {
    const pod_event_message_sent_t *e = &ev->u.message_sent;
    pod_borsh_put_pubkey(&w, &e->sender);
    pod_borsh_put_pubkey(&w, &e->recipient);
    pod_codec_put_msgtype(&w, e->message_type);
    pod_borsh_put_i64(&w, e->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_CREATED: {
    const pod_event_channel_created_t *e = &ev->u.channel_created;
    pod_borsh_put_pubkey(&w, &e->channel);
    pod_borsh_put_pubkey(&w, &e->creator);
    pod_codec_put_str(&w, &e->name);
    pod_borsh_put_u8(&w, e->visibility);
    pod_borsh_put_i64(&w, e->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_JOINED: {
    const pod_event_channel_joined_t *e = &ev->u.channel_joined;
    pod_borsh_put_pubkey(&w, &e->channel);
    pod_borsh_put_pubkey(&w, &e->participant);
    pod_borsh_put_i64(&w, e->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_BROADCAST: {
    const pod_event_message_broadcast_t *e = &ev->u.message_broadcast;
    pod_borsh_put_pubkey(&w, &e->channel);
    pod_borsh_put_pubkey(&w, &e->sender);
    pod_codec_put_msgtype(&w, e->message_type);
    pod_borsh_put_i64(&w, e->timestamp);
    break;
  }
  case POD_EVENT_ESCROW_DEPOSIT: put_escrow(&w, &ev->u.escrow_deposit); break;
  case POD_EVENT_ESCROW_WITHDRAWAL: put_escrow(&w, &ev->u.escrow_withdrawal); break;
  case POD_EVENT_COMPRESSED_MESSAGE_SYNCED: {
    const pod_event_compressed_message_synced_t *e = &ev->u.compressed_message_synced;
    pod_borsh_put_pubkey(&w, &e->channel_id);
    pod_borsh_put_bytes(&w, e->message_hash, 32);
    pod_borsh_put_bytes(&w, e->compressed_hash, 32);
    pod_borsh_put_u32(&w, e->batch_index);
    pod_borsh_put_i64(&w, e->sync_timestamp);
    break;
  }
  case POD_EVENT_COUNT: return POD_EINVAL;
  }
  return pod_borsh_writer_finish(&w, out_len);
}

int pod_event_encode_log(char *out, size_t out_sz, size_t *out_len, const pod_event_t *ev) {
  uint8_t raw[POD_EVENT_DATA_MAX];
  size_t n = 0, b64_len = 0;
  if (!out || !ev) return POD_EINVAL;
  if (out_sz) out[0] = '\0';
  int rc = pod_event_encode(raw, sizeof raw, &n, ev);
  if (rc == POD_ENOSPC) return POD_ETOOLARGE;
  if (rc != POD_OK) return rc;
  if (out_sz < POD_EVENT_LOG_PREFIX_LEN + 1) return POD_ENOSPC;
  memcpy(out, POD_EVENT_LOG_PREFIX, POD_EVENT_LOG_PREFIX_LEN);
  rc = pod_base64_encode(out + POD_EVENT_LOG_PREFIX_LEN, out_sz - POD_EVENT_LOG_PREFIX_LEN,
                         &b64_len, raw, n);
  if (rc != POD_OK) {
    out[0] = '\0';
    return rc;
  }
  if (out_len) *out_len = POD_EVENT_LOG_PREFIX_LEN + b64_len;
  return POD_OK;
}
