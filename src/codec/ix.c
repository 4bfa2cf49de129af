/* PoD instructions: names, discriminators, account slots, data encoding and decoding
 * (PROTOCOL.md §2.3, §2.6, §4). */
#include <string.h>

#include "codec_int.h"

/* ---- names and discriminators, indexed by pod_ix_kind_t ---- */
typedef struct {
  const char *name;
  const char *log_name;
  const char *disc; /* 8 bytes */
} ix_info_t;

static const ix_info_t IX_INFO[POD_IX_COUNT] = {
    {"register_agent", "RegisterAgent", POD_IX_REGISTER_AGENT_DISC},
    {"send_message", "SendMessage", POD_IX_SEND_MESSAGE_DISC},
    {"update_agent", "UpdateAgent", POD_IX_UPDATE_AGENT_DISC},
    {"update_message_status", "UpdateMessageStatus", POD_IX_UPDATE_MESSAGE_STATUS_DISC},
    {"create_channel", "CreateChannel", POD_IX_CREATE_CHANNEL_DISC},
    {"deposit_escrow", "DepositEscrow", POD_IX_DEPOSIT_ESCROW_DISC},
    {"withdraw_escrow", "WithdrawEscrow", POD_IX_WITHDRAW_ESCROW_DISC},
    {"join_channel", "JoinChannel", POD_IX_JOIN_CHANNEL_DISC},
    {"leave_channel", "LeaveChannel", POD_IX_LEAVE_CHANNEL_DISC},
    {"broadcast_message", "BroadcastMessage", POD_IX_BROADCAST_MESSAGE_DISC},
    {"invite_to_channel", "InviteToChannel", POD_IX_INVITE_TO_CHANNEL_DISC},
    {"get_channel_participants", "GetChannelParticipants", POD_IX_GET_CHANNEL_PARTICIPANTS_DISC},
    {"update_channel", "UpdateChannel", POD_IX_UPDATE_CHANNEL_DISC},
    {"create_channel_v2", "CreateChannelV2", POD_IX_CREATE_CHANNEL_V2_DISC},
    {"broadcast_message_compressed", "BroadcastMessageCompressed",
     POD_IX_BROADCAST_MESSAGE_COMPRESSED_DISC},
    {"join_channel_compressed", "JoinChannelCompressed", POD_IX_JOIN_CHANNEL_COMPRESSED_DISC},
    {"batch_sync_compressed_messages", "BatchSyncCompressedMessages",
     POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES_DISC},
};

/* ---- account slots (§4.4-4.20): name, writable, signer, optional, init ---- */
#define W 1
#define S 1
#define LIGHT_SLOTS                                                                                \
  {"registered_program_id", 0, 0, 0, 0}, {"noop_program", 0, 0, 0, 0},                             \
      {"account_compression_authority", 0, 0, 0, 0}, {"account_compression_program", 0, 0, 0, 0},  \
      {"merkle_tree", 0, 0, 0, 0}, {"nullifier_queue", 0, 0, 0, 0}, {                              \
    "cpi_authority_pda", 0, 0, 0, 0                                                                \
  }

static const pod_ix_slot_t SL_REGISTER_AGENT[] = {
    {"agent_account", W, 0, 0, 1}, {"signer", W, S, 0, 0}, {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_SEND_MESSAGE[] = {{"message_account", W, 0, 0, 1},
                                                {"sender_agent", 0, 0, 0, 0},
                                                {"signer", W, S, 0, 0},
                                                {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_UPDATE_AGENT[] = {{"agent_account", W, 0, 0, 0},
                                                {"signer", 0, S, 0, 0}};
static const pod_ix_slot_t SL_UPDATE_MESSAGE_STATUS[] = {
    {"message_account", W, 0, 0, 0}, {"recipient_agent", 0, 0, 0, 0}, {"signer", 0, S, 0, 0}};
static const pod_ix_slot_t SL_CREATE_CHANNEL[] = {
    {"channel_account", W, 0, 0, 1}, {"creator", W, S, 0, 0}, {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_DEPOSIT_ESCROW[] = {{"escrow_account", W, 0, 0, 1},
                                                  {"channel_account", W, 0, 0, 0},
                                                  {"depositor", W, S, 0, 0},
                                                  {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_WITHDRAW_ESCROW[] = {
    {"escrow_account", W, 0, 0, 0}, {"channel_account", W, 0, 0, 0}, {"depositor", W, S, 0, 0}};
static const pod_ix_slot_t SL_JOIN_CHANNEL[] = {
    {"channel_account", W, 0, 0, 0}, {"participant_account", W, 0, 0, 1},
    {"agent_account", 0, 0, 0, 0},   {"invitation_account", W, 0, 1, 0},
    {"escrow_account", W, 0, 1, 0},  {"user", W, S, 0, 0},
    {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_LEAVE_CHANNEL[] = {{"channel_account", W, 0, 0, 0},
                                                 {"participant_account", W, 0, 0, 0},
                                                 {"agent_account", 0, 0, 0, 0},
                                                 {"user", W, S, 0, 0}};
static const pod_ix_slot_t SL_BROADCAST_MESSAGE[] = {{"channel_account", W, 0, 0, 0},
                                                     {"participant_account", W, 0, 0, 0},
                                                     {"agent_account", 0, 0, 0, 0},
                                                     {"message_account", W, 0, 0, 1},
                                                     {"user", W, S, 0, 0},
                                                     {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_INVITE_TO_CHANNEL[] = {
    {"channel_account", 0, 0, 0, 0}, {"participant_account", 0, 0, 1, 0},
    {"agent_account", 0, 0, 0, 0},   {"invitation_account", W, 0, 0, 1},
    {"inviter", W, S, 0, 0},         {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_GET_CHANNEL_PARTICIPANTS[] = {{"channel_account", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_UPDATE_CHANNEL[] = {{"channel_account", W, 0, 0, 0},
                                                  {"signer", 0, S, 0, 0}};
static const pod_ix_slot_t SL_CREATE_CHANNEL_V2[] = {{"agent_account", 0, 0, 0, 0},
                                                     {"channel_account", W, 0, 0, 1},
                                                     {"participant_account", W, 0, 0, 1},
                                                     {"creator", W, S, 0, 0},
                                                     {"system_program", 0, 0, 0, 0}};
static const pod_ix_slot_t SL_BROADCAST_MESSAGE_COMPRESSED[] = {{"channel_account", 0, 0, 0, 0},
                                                                {"participant_account", W, 0, 0, 0},
                                                                {"fee_payer", W, S, 0, 0},
                                                                {"authority", 0, S, 0, 0},
                                                                {"system_program", 0, 0, 0, 0},
                                                                {"compression_program", 0, 0, 0, 0},
                                                                LIGHT_SLOTS};
static const pod_ix_slot_t SL_JOIN_CHANNEL_COMPRESSED[] = {{"channel_account", W, 0, 0, 0},
                                                           {"agent_account", 0, 0, 0, 0},
                                                           {"invitation_account", 0, 0, 1, 0},
                                                           {"fee_payer", W, S, 0, 0},
                                                           {"authority", 0, S, 0, 0},
                                                           {"system_program", 0, 0, 0, 0},
                                                           LIGHT_SLOTS};
static const pod_ix_slot_t SL_BATCH_SYNC[] = {
    {"channel_account", W, 0, 0, 0}, {"fee_payer", W, S, 0, 0},           {"authority", 0, S, 0, 0},
    {"system_program", 0, 0, 0, 0},  {"compression_program", 0, 0, 0, 0}, LIGHT_SLOTS};
#undef W
#undef S
#undef LIGHT_SLOTS

#define SLOTS(a)                                                                                   \
  { a, sizeof a / sizeof a[0] }
static const struct {
  const pod_ix_slot_t *s;
  size_t n;
} IX_SLOTS[POD_IX_COUNT] = {
    SLOTS(SL_REGISTER_AGENT),
    SLOTS(SL_SEND_MESSAGE),
    SLOTS(SL_UPDATE_AGENT),
    SLOTS(SL_UPDATE_MESSAGE_STATUS),
    SLOTS(SL_CREATE_CHANNEL),
    SLOTS(SL_DEPOSIT_ESCROW),
    SLOTS(SL_WITHDRAW_ESCROW),
    SLOTS(SL_JOIN_CHANNEL),
    SLOTS(SL_LEAVE_CHANNEL),
    SLOTS(SL_BROADCAST_MESSAGE),
    SLOTS(SL_INVITE_TO_CHANNEL),
    SLOTS(SL_GET_CHANNEL_PARTICIPANTS),
    SLOTS(SL_UPDATE_CHANNEL),
    SLOTS(SL_CREATE_CHANNEL_V2),
    SLOTS(SL_BROADCAST_MESSAGE_COMPRESSED),
    SLOTS(SL_JOIN_CHANNEL_COMPRESSED),
    SLOTS(SL_BATCH_SYNC),
};
#undef SLOTS

static int kind_ok(int kind) { return kind >= 0 && kind < POD_IX_COUNT; }

const char *pod_ix_name(int kind) { return kind_ok(kind) ? IX_INFO[kind].name : NULL; }

const char *pod_ix_log_name(int kind) { return kind_ok(kind) ? IX_INFO[kind].log_name : NULL; }

const uint8_t *pod_ix_disc(int kind) {
  return kind_ok(kind) ? (const uint8_t *)IX_INFO[kind].disc : NULL;
}

int pod_ix_kind_from_name(const char *s, size_t len) {
  if (!s) return POD_ENOTFOUND;
  for (int k = 0; k < POD_IX_COUNT; k++) {
    const char *a = IX_INFO[k].name, *b = IX_INFO[k].log_name;
    if ((strlen(a) == len && !memcmp(a, s, len)) || (strlen(b) == len && !memcmp(b, s, len)))
      return k;
  }
  return POD_ENOTFOUND;
}

int pod_ix_kind_from_data(const uint8_t *data, size_t len) {
  if (!data || len < POD_DISC_SZ) return POD_ENOTFOUND;
  for (int k = 0; k < POD_IX_COUNT; k++)
    if (!memcmp(data, IX_INFO[k].disc, POD_DISC_SZ)) return k;
  return POD_ENOTFOUND;
}

const pod_ix_slot_t *pod_ix_slots(int kind, size_t *cnt) {
  if (!kind_ok(kind)) {
    if (cnt) *cnt = 0;
    return NULL;
  }
  if (cnt) *cnt = IX_SLOTS[kind].n;
  return IX_SLOTS[kind].s;
}

const char *pod_ix_account_name(int kind, size_t idx) {
  size_t n = 0;
  const pod_ix_slot_t *s = pod_ix_slots(kind, &n);
  return s && idx < n ? s[idx].name : NULL;
}

/* ---- encoding ---- */
static void put_opt_str(pod_borsh_writer_t *w, uint8_t has, const pod_str_t *s) {
  pod_borsh_put_option(w, has != 0);
  if (has) pod_codec_put_str(w, s);
}

static void put_reply_to(pod_borsh_writer_t *w, uint8_t has, const pod_pubkey_t *pk) {
  pod_borsh_put_option(w, has != 0);
  if (has) pod_borsh_put_pubkey(w, pk);
}

static void put_create_channel(pod_borsh_writer_t *w, const pod_ix_create_channel_args_t *a) {
  pod_codec_put_str(w, &a->name);
  pod_codec_put_str(w, &a->description);
  pod_borsh_put_u8(w, a->visibility);
  pod_borsh_put_u32(w, a->max_participants);
  pod_borsh_put_u64(w, a->fee_per_message);
}

int pod_ix_encode(uint8_t *out, size_t out_sz, size_t *out_len, const pod_ix_args_t *a) {
  if (!a || !kind_ok((int)a->kind) || (!out && out_sz)) return POD_EINVAL;
  pod_borsh_writer_t w;
  pod_borsh_writer_init(&w, out, out_sz);
  pod_borsh_put_bytes(&w, IX_INFO[a->kind].disc, POD_DISC_SZ);
  switch (a->kind) {
  case POD_IX_REGISTER_AGENT: {
    const pod_ix_register_agent_args_t *x = &a->u.register_agent;
    pod_borsh_put_u64(&w, x->capabilities);
    pod_codec_put_str(&w, &x->metadata_uri);
    break;
  }
  case POD_IX_SEND_MESSAGE: {
    const pod_ix_send_message_args_t *x = &a->u.send_message;
    pod_borsh_put_pubkey(&w, &x->recipient);
    pod_borsh_put_bytes(&w, x->payload_hash, 32);
    pod_codec_put_msgtype(&w, x->message_type);
    break;
  }
  case POD_IX_UPDATE_AGENT: {
    const pod_ix_update_agent_args_t *x = &a->u.update_agent;
    pod_borsh_put_option(&w, x->has_capabilities != 0);
    if (x->has_capabilities) pod_borsh_put_u64(&w, x->capabilities);
    put_opt_str(&w, x->has_metadata_uri, &x->metadata_uri);
    break;
  }
  case POD_IX_UPDATE_MESSAGE_STATUS:
    pod_borsh_put_u8(&w, a->u.update_message_status.new_status);
    break;
  case POD_IX_CREATE_CHANNEL: put_create_channel(&w, &a->u.create_channel); break;
  case POD_IX_CREATE_CHANNEL_V2: put_create_channel(&w, &a->u.create_channel_v2); break;
  case POD_IX_DEPOSIT_ESCROW: pod_borsh_put_u64(&w, a->u.deposit_escrow.amount); break;
  case POD_IX_WITHDRAW_ESCROW: pod_borsh_put_u64(&w, a->u.withdraw_escrow.amount); break;
  case POD_IX_JOIN_CHANNEL:
  case POD_IX_LEAVE_CHANNEL:
  case POD_IX_GET_CHANNEL_PARTICIPANTS: break;
  case POD_IX_BROADCAST_MESSAGE: {
    const pod_ix_broadcast_message_args_t *x = &a->u.broadcast_message;
    pod_codec_put_str(&w, &x->content);
    pod_codec_put_msgtype(&w, x->message_type);
    put_reply_to(&w, x->has_reply_to, &x->reply_to);
    pod_borsh_put_u64(&w, x->nonce);
    break;
  }
  case POD_IX_INVITE_TO_CHANNEL:
    pod_borsh_put_pubkey(&w, &a->u.invite_to_channel.invitee);
    pod_borsh_put_u64(&w, a->u.invite_to_channel.nonce);
    break;
  case POD_IX_UPDATE_CHANNEL: {
    const pod_ix_update_channel_args_t *x = &a->u.update_channel;
    put_opt_str(&w, x->has_name, &x->name);
    put_opt_str(&w, x->has_description, &x->description);
    pod_borsh_put_option(&w, x->has_max_participants != 0);
    if (x->has_max_participants) pod_borsh_put_u32(&w, x->max_participants);
    pod_borsh_put_option(&w, x->has_fee_per_message != 0);
    if (x->has_fee_per_message) pod_borsh_put_u64(&w, x->fee_per_message);
    pod_borsh_put_option(&w, x->has_is_active != 0);
    if (x->has_is_active) pod_codec_put_bool(&w, x->is_active);
    break;
  }
  case POD_IX_BROADCAST_MESSAGE_COMPRESSED: {
    const pod_ix_broadcast_message_compressed_args_t *x = &a->u.broadcast_message_compressed;
    pod_codec_put_str(&w, &x->content);
    pod_codec_put_msgtype(&w, x->message_type);
    put_reply_to(&w, x->has_reply_to, &x->reply_to);
    pod_codec_put_str(&w, &x->ipfs_hash);
    break;
  }
  case POD_IX_JOIN_CHANNEL_COMPRESSED:
    pod_borsh_put_bytes(&w, a->u.join_channel_compressed.metadata_hash, 32);
    break;
  case POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES: {
    const pod_ix_batch_sync_compressed_messages_args_t *x = &a->u.batch_sync_compressed_messages;
    if (x->message_hash_cnt > UINT32_MAX) {
      pod_codec_wfail(&w, POD_ETOOLARGE);
      break;
    }
    if (x->message_hash_cnt && !x->message_hashes) {
      pod_codec_wfail(&w, POD_EINVAL);
      break;
    }
    pod_borsh_put_u32(&w, (uint32_t)x->message_hash_cnt);
    for (size_t i = 0; i < x->message_hash_cnt && w.err == POD_OK; i++)
      pod_borsh_put_bytes(&w, x->message_hashes[i], 32);
    pod_borsh_put_i64(&w, x->sync_timestamp);
    break;
  }
  case POD_IX_COUNT: return POD_EINVAL;
  }
  return pod_borsh_writer_finish(&w, out_len);
}

/* ---- decoding ---- */
static void get_opt_str(pod_borsh_reader_t *r, uint8_t *has, pod_str_t *s) {
  int some = 0;
  pod_borsh_get_option(r, &some);
  *has = (uint8_t)(some != 0);
  if (some) pod_codec_get_str(r, s);
}

static void get_reply_to(pod_borsh_reader_t *r, uint8_t *has, pod_pubkey_t *pk) {
  int some = 0;
  pod_borsh_get_option(r, &some);
  *has = (uint8_t)(some != 0);
  if (some) pod_borsh_get_pubkey(r, pk);
}

static void get_create_channel(pod_borsh_reader_t *r, pod_ix_create_channel_args_t *x) {
  pod_codec_get_str(r, &x->name);
  pod_codec_get_str(r, &x->description);
  pod_codec_get_enum(r, &x->visibility, POD_VISIBILITY_PRIVATE);
  pod_borsh_get_u32(r, &x->max_participants);
  pod_borsh_get_u64(r, &x->fee_per_message);
}

int pod_ix_decode(pod_ix_args_t *out, size_t *trailing, const uint8_t *data, size_t len) {
  if (trailing) *trailing = 0;
  if (!out || (!data && len)) return POD_EINVAL;
  memset(out, 0, sizeof *out);
  out->kind = POD_IX_COUNT;
  int k = pod_ix_kind_from_data(data, len);
  if (k < 0) return POD_ENOTFOUND;
  out->kind = (pod_ix_kind_t)k;

  pod_borsh_reader_t r;
  pod_borsh_reader_init(&r, data + POD_DISC_SZ, len - POD_DISC_SZ);
  switch (out->kind) {
  case POD_IX_REGISTER_AGENT:
    pod_borsh_get_u64(&r, &out->u.register_agent.capabilities);
    pod_codec_get_str(&r, &out->u.register_agent.metadata_uri);
    break;
  case POD_IX_SEND_MESSAGE: {
    pod_ix_send_message_args_t *x = &out->u.send_message;
    pod_borsh_get_pubkey(&r, &x->recipient);
    pod_borsh_get_bytes(&r, x->payload_hash, 32);
    pod_codec_get_msgtype(&r, &x->message_type);
    break;
  }
  case POD_IX_UPDATE_AGENT: {
    pod_ix_update_agent_args_t *x = &out->u.update_agent;
    int some = 0;
    pod_borsh_get_option(&r, &some);
    x->has_capabilities = (uint8_t)(some != 0);
    if (some) pod_borsh_get_u64(&r, &x->capabilities);
    get_opt_str(&r, &x->has_metadata_uri, &x->metadata_uri);
    break;
  }
  case POD_IX_UPDATE_MESSAGE_STATUS:
    pod_codec_get_enum(&r, &out->u.update_message_status.new_status, POD_STATUS_FAILED);
    break;
  case POD_IX_CREATE_CHANNEL: get_create_channel(&r, &out->u.create_channel); break;
  case POD_IX_CREATE_CHANNEL_V2: get_create_channel(&r, &out->u.create_channel_v2); break;
  case POD_IX_DEPOSIT_ESCROW: pod_borsh_get_u64(&r, &out->u.deposit_escrow.amount); break;
  case POD_IX_WITHDRAW_ESCROW: pod_borsh_get_u64(&r, &out->u.withdraw_escrow.amount); break;
  case POD_IX_JOIN_CHANNEL:
  case POD_IX_LEAVE_CHANNEL:
  case POD_IX_GET_CHANNEL_PARTICIPANTS: break;
  case POD_IX_BROADCAST_MESSAGE: {
    pod_ix_broadcast_message_args_t *x = &out->u.broadcast_message;
    pod_codec_get_str(&r, &x->content);
    pod_codec_get_msgtype(&r, &x->message_type);
    get_reply_to(&r, &x->has_reply_to, &x->reply_to);
    pod_borsh_get_u64(&r, &x->nonce);
    break;
  }
  case POD_IX_INVITE_TO_CHANNEL:
    pod_borsh_get_pubkey(&r, &out->u.invite_to_channel.invitee);
    pod_borsh_get_u64(&r, &out->u.invite_to_channel.nonce);
    break;
  case POD_IX_UPDATE_CHANNEL: {
    pod_ix_update_channel_args_t *x = &out->u.update_channel;
    int some = 0;
    get_opt_str(&r, &x->has_name, &x->name);
    get_opt_str(&r, &x->has_description, &x->description);
    pod_borsh_get_option(&r, &some);
    x->has_max_participants = (uint8_t)(some != 0);
    if (some) pod_borsh_get_u32(&r, &x->max_participants);
    some = 0;
    pod_borsh_get_option(&r, &some);
    x->has_fee_per_message = (uint8_t)(some != 0);
    if (some) pod_borsh_get_u64(&r, &x->fee_per_message);
    some = 0;
    pod_borsh_get_option(&r, &some);
    x->has_is_active = (uint8_t)(some != 0);
    if (some) pod_borsh_get_bool(&r, &x->is_active);
    break;
  }
  case POD_IX_BROADCAST_MESSAGE_COMPRESSED: {
    pod_ix_broadcast_message_compressed_args_t *x = &out->u.broadcast_message_compressed;
    pod_codec_get_str(&r, &x->content);
    pod_codec_get_msgtype(&r, &x->message_type);
    get_reply_to(&r, &x->has_reply_to, &x->reply_to);
    pod_codec_get_str(&r, &x->ipfs_hash);
    break;
  }
  case POD_IX_JOIN_CHANNEL_COMPRESSED:
    pod_borsh_get_bytes(&r, out->u.join_channel_compressed.metadata_hash, 32);
    break;
  case POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES: {
    pod_ix_batch_sync_compressed_messages_args_t *x = &out->u.batch_sync_compressed_messages;
    uint32_t n = 0;
    /* The count can be at most what the remaining bytes hold: a view, nothing copied. */
    if (pod_borsh_get_u32(&r, &n) != POD_OK) break;
    if (n > (r.sz - r.off) / 32) {
      pod_codec_rfail(&r, POD_EDECODE);
      break;
    }
    x->message_hashes = n ? (const uint8_t(*)[32])(const void *)(r.buf + r.off) : NULL;
    x->message_hash_cnt = n;
    r.off += (size_t)n * 32;
    pod_borsh_get_i64(&r, &x->sync_timestamp);
    break;
  }
  case POD_IX_COUNT: break;
  }
  if (r.err != POD_OK) {
    pod_ix_kind_t kind = out->kind;
    memset(&out->u, 0, sizeof out->u);
    out->kind = kind;
    return POD_EDECODE;
  }
  if (trailing) *trailing = r.sz - r.off;
  return POD_OK;
}
