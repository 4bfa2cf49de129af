/* Fuzzes the instruction decoder with the input as instruction data, and with the first byte
 * choosing the discriminator for the rest. Whatever decodes must re-encode to the consumed bytes
 * (all but the trailing ones) and the matching builder must produce the same data. */
#include <stdlib.h>
#include <string.h>

#include "pod/program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static pod_ix_t IX;

/* Builds the decoded instruction with fixed keys; returns the builder's result. */
static int build(const pod_ix_args_t *a) {
  static const pod_pubkey_t K1 = {{1, 2, 3}}, K2 = {{4, 5, 6}};
  switch (a->kind) {
  case POD_IX_REGISTER_AGENT: return pod_ix_register_agent(&IX, &K1, &a->u.register_agent);
  case POD_IX_SEND_MESSAGE: return pod_ix_send_message(&IX, &K1, &a->u.send_message);
  case POD_IX_UPDATE_AGENT: return pod_ix_update_agent(&IX, &K1, &a->u.update_agent);
  case POD_IX_UPDATE_MESSAGE_STATUS:
    return pod_ix_update_message_status(&IX, &K1, &K2, &a->u.update_message_status);
  case POD_IX_CREATE_CHANNEL: return pod_ix_create_channel(&IX, &K1, &a->u.create_channel);
  case POD_IX_DEPOSIT_ESCROW: return pod_ix_deposit_escrow(&IX, &K1, &K2, &a->u.deposit_escrow);
  case POD_IX_WITHDRAW_ESCROW: return pod_ix_withdraw_escrow(&IX, &K1, &K2, &a->u.withdraw_escrow);
  case POD_IX_JOIN_CHANNEL: return pod_ix_join_channel(&IX, &K1, &K2, 1, 0);
  case POD_IX_LEAVE_CHANNEL: return pod_ix_leave_channel(&IX, &K1, &K2);
  case POD_IX_BROADCAST_MESSAGE:
    return pod_ix_broadcast_message(&IX, &K1, &K2, &a->u.broadcast_message);
  case POD_IX_INVITE_TO_CHANNEL:
    return pod_ix_invite_to_channel(&IX, &K1, &K2, 1, &a->u.invite_to_channel);
  case POD_IX_GET_CHANNEL_PARTICIPANTS: return pod_ix_get_channel_participants(&IX, &K2);
  case POD_IX_UPDATE_CHANNEL: return pod_ix_update_channel(&IX, &K1, &K2, &a->u.update_channel);
  case POD_IX_CREATE_CHANNEL_V2: return pod_ix_create_channel_v2(&IX, &K1, &a->u.create_channel_v2);
  case POD_IX_BROADCAST_MESSAGE_COMPRESSED:
    return pod_ix_broadcast_message_compressed(&IX, &K1, &K2, &K2, NULL,
                                               &a->u.broadcast_message_compressed);
  case POD_IX_JOIN_CHANNEL_COMPRESSED:
    return pod_ix_join_channel_compressed(&IX, &K1, &K1, &K2, 0, NULL,
                                          &a->u.join_channel_compressed);
  case POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES:
    return pod_ix_batch_sync_compressed_messages(&IX, &K1, &K1, &K2, NULL,
                                                 &a->u.batch_sync_compressed_messages);
  case POD_IX_COUNT: break;
  }
  abort();
}

static void check_one(const uint8_t *data, size_t size) {
  pod_ix_args_t a;
  size_t trailing = 0;
  int rc = pod_ix_decode(&a, &trailing, data, size);
  if (rc == POD_ENOTFOUND) {
    if (pod_ix_kind_from_data(data, size) != POD_ENOTFOUND || a.kind != POD_IX_COUNT) abort();
    return;
  }
  if (pod_ix_kind_from_data(data, size) != (int)a.kind) abort();
  if (rc == POD_EDECODE) return;
  if (rc != POD_OK || trailing > size - POD_DISC_SZ) abort();
  size_t used = size - trailing, n = 0;
  uint8_t *out = malloc(used);
  if (!out) return;
  if (pod_ix_encode(out, used, &n, &a) != POD_OK || n != used || memcmp(out, data, used)) abort();
  free(out);
  /* the builder encodes the same bytes, unless encoding is impossible */
  rc = build(&a);
  if (rc == POD_OK) {
    if (IX.ix.data_sz != used || memcmp(IX.ix.data, data, used)) abort();
    size_t slots = 0;
    pod_ix_slots((int)a.kind, &slots);
    if (IX.ix.account_cnt != slots || IX.kind != a.kind) abort();
  } else if (rc == POD_ETOOLARGE) {
    if (used <= POD_IX_DATA_MAX && a.kind != POD_IX_CREATE_CHANNEL &&
        a.kind != POD_IX_CREATE_CHANNEL_V2)
      abort();
  } else if (rc == POD_EINVAL) {
    if (a.kind != POD_IX_SEND_MESSAGE) abort(); /* Custom(x >= 252): no message PDA */
  } else if (rc != POD_ENOPDA) {
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  check_one(data, size);
  if (size >= 1) {
    uint8_t *buf = malloc(size + 7);
    if (!buf) return 0;
    memcpy(buf, pod_ix_disc(data[0] % POD_IX_COUNT), POD_DISC_SZ);
    memcpy(buf + POD_DISC_SZ, data + 1, size - 1);
    check_one(buf, size + 7);
    free(buf);
  }
  return 0;
}
