/* Instruction builders: data via pod_ix_encode, account metas in the program's order with the
 * flags of the slot tables (pod_ix_slots), PDAs via the pod_pda_* helpers. */
#include <string.h>

#include "codec_int.h"

/* Starts a build: encodes the data, clears the metas. */
static int begin(pod_ix_t *out, const pod_ix_args_t *a) {
  size_t n = 0;
  out->kind = a->kind;
  memset(out->metas, 0, sizeof out->metas);
  int rc = pod_ix_encode(out->data, sizeof out->data, &n, a);
  if (rc == POD_ENOSPC) return POD_ETOOLARGE; /* longer than any transaction */
  if (rc != POD_OK) return rc;
  out->ix.program_id = pod_program_id;
  out->ix.data = out->data;
  out->ix.data_sz = n;
  out->ix.accounts = out->metas;
  out->ix.account_cnt = 0;
  return POD_OK;
}

/* Fills slot i (in order) with key and the slot's declared flags; for an optional slot, key NULL
 * means None: the program ID, read-only. */
static void slot(pod_ix_t *out, size_t i, const pod_pubkey_t *key) {
  const pod_ix_slot_t *s = pod_ix_slots((int)out->kind, NULL);
  pod_account_meta_t *m = &out->metas[i];
  if (!key) { /* optional slot, None */
    m->pubkey = pod_program_id;
    m->is_signer = 0;
    m->is_writable = 0;
  } else {
    m->pubkey = *key;
    m->is_signer = s[i].is_signer;
    m->is_writable = s[i].is_writable;
  }
  out->ix.account_cnt = i + 1;
}

static void light_slots(pod_ix_t *out, size_t i, const pod_light_accounts_t *l) {
  const pod_pubkey_t *k[7];
  if (l) {
    k[0] = &l->registered_program_id;
    k[1] = &l->noop_program;
    k[2] = &l->account_compression_authority;
    k[3] = &l->account_compression_program;
    k[4] = &l->merkle_tree;
    k[5] = &l->nullifier_queue;
    k[6] = &l->cpi_authority_pda;
  } else {
    for (size_t j = 0; j < 7; j++)
      k[j] = &pod_system_program_id;
  }
  for (size_t j = 0; j < 7; j++)
    slot(out, i + j, k[j]);
}

#define TRY(x)                                                                                     \
  do {                                                                                             \
    int rc_ = (x);                                                                                 \
    if (rc_ != POD_OK) return rc_;                                                                 \
  } while (0)

int pod_ix_register_agent(pod_ix_t *out, const pod_pubkey_t *signer,
                          const pod_ix_register_agent_args_t *a) {
  if (!out || !signer || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_REGISTER_AGENT;
  args.u.register_agent = *a;
  pod_pubkey_t agent;
  TRY(pod_pda_agent(&agent, NULL, signer));
  TRY(begin(out, &args));
  slot(out, 0, &agent);
  slot(out, 1, signer);
  slot(out, 2, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_send_message(pod_ix_t *out, const pod_pubkey_t *signer,
                        const pod_ix_send_message_args_t *a) {
  if (!out || !signer || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_SEND_MESSAGE;
  args.u.send_message = *a;
  pod_pubkey_t agent, msg;
  TRY(pod_pda_agent(&agent, NULL, signer));
  TRY(pod_pda_message(&msg, NULL, &agent, &a->recipient, a->payload_hash, a->message_type));
  TRY(begin(out, &args));
  slot(out, 0, &msg);
  slot(out, 1, &agent);
  slot(out, 2, signer);
  slot(out, 3, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_update_agent(pod_ix_t *out, const pod_pubkey_t *signer,
                        const pod_ix_update_agent_args_t *a) {
  if (!out || !signer || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_UPDATE_AGENT;
  args.u.update_agent = *a;
  pod_pubkey_t agent;
  TRY(pod_pda_agent(&agent, NULL, signer));
  TRY(begin(out, &args));
  slot(out, 0, &agent);
  slot(out, 1, signer);
  return POD_OK;
}

int pod_ix_update_message_status(pod_ix_t *out, const pod_pubkey_t *signer,
                                 const pod_pubkey_t *message,
                                 const pod_ix_update_message_status_args_t *a) {
  if (!out || !signer || !message || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_UPDATE_MESSAGE_STATUS;
  args.u.update_message_status = *a;
  pod_pubkey_t agent;
  TRY(pod_pda_agent(&agent, NULL, signer));
  TRY(begin(out, &args));
  slot(out, 0, message);
  slot(out, 1, &agent);
  slot(out, 2, signer);
  return POD_OK;
}

/* create_channel's name must not be NULL when it has bytes (the PDA needs them). */
static int channel_pda(pod_pubkey_t *out, const pod_pubkey_t *creator, const pod_str_t *name) {
  if (name->len && !name->ptr) return POD_EINVAL;
  return pod_pda_channel(out, NULL, creator, name->len ? name->ptr : "", name->len);
}

int pod_ix_create_channel(pod_ix_t *out, const pod_pubkey_t *creator,
                          const pod_ix_create_channel_args_t *a) {
  if (!out || !creator || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_CREATE_CHANNEL;
  args.u.create_channel = *a;
  pod_pubkey_t channel;
  TRY(channel_pda(&channel, creator, &a->name));
  TRY(begin(out, &args));
  slot(out, 0, &channel);
  slot(out, 1, creator);
  slot(out, 2, &pod_system_program_id);
  return POD_OK;
}

static int escrow_ix(pod_ix_t *out, pod_ix_kind_t kind, const pod_pubkey_t *depositor,
                     const pod_pubkey_t *channel, uint64_t amount) {
  pod_ix_args_t args;
  args.kind = kind;
  if (kind == POD_IX_DEPOSIT_ESCROW)
    args.u.deposit_escrow.amount = amount;
  else
    args.u.withdraw_escrow.amount = amount;
  pod_pubkey_t escrow;
  TRY(pod_pda_escrow(&escrow, NULL, channel, depositor));
  TRY(begin(out, &args));
  slot(out, 0, &escrow);
  slot(out, 1, channel);
  slot(out, 2, depositor);
  if (kind == POD_IX_DEPOSIT_ESCROW) slot(out, 3, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_deposit_escrow(pod_ix_t *out, const pod_pubkey_t *depositor, const pod_pubkey_t *channel,
                          const pod_ix_deposit_escrow_args_t *a) {
  if (!out || !depositor || !channel || !a) return POD_EINVAL;
  return escrow_ix(out, POD_IX_DEPOSIT_ESCROW, depositor, channel, a->amount);
}

int pod_ix_withdraw_escrow(pod_ix_t *out, const pod_pubkey_t *depositor,
                           const pod_pubkey_t *channel, const pod_ix_withdraw_escrow_args_t *a) {
  if (!out || !depositor || !channel || !a) return POD_EINVAL;
  return escrow_ix(out, POD_IX_WITHDRAW_ESCROW, depositor, channel, a->amount);
}

/* agent(wallet) and participant(channel, agent(wallet)). */
static int member_pdas(pod_pubkey_t *agent, pod_pubkey_t *participant, const pod_pubkey_t *wallet,
                       const pod_pubkey_t *channel) {
  TRY(pod_pda_agent(agent, NULL, wallet));
  return pod_pda_participant(participant, NULL, channel, agent);
}

int pod_ix_join_channel(pod_ix_t *out, const pod_pubkey_t *user, const pod_pubkey_t *channel,
                        int with_invitation, int with_escrow) {
  if (!out || !user || !channel) return POD_EINVAL;
  pod_ix_args_t args;
  memset(&args, 0, sizeof args);
  args.kind = POD_IX_JOIN_CHANNEL;
  pod_pubkey_t agent, participant, invitation, escrow;
  TRY(member_pdas(&agent, &participant, user, channel));
  if (with_invitation) TRY(pod_pda_invitation(&invitation, NULL, channel, user));
  if (with_escrow) TRY(pod_pda_escrow(&escrow, NULL, channel, user));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, &participant);
  slot(out, 2, &agent);
  slot(out, 3, with_invitation ? &invitation : NULL);
  slot(out, 4, with_escrow ? &escrow : NULL);
  slot(out, 5, user);
  slot(out, 6, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_leave_channel(pod_ix_t *out, const pod_pubkey_t *user, const pod_pubkey_t *channel) {
  if (!out || !user || !channel) return POD_EINVAL;
  pod_ix_args_t args;
  memset(&args, 0, sizeof args);
  args.kind = POD_IX_LEAVE_CHANNEL;
  pod_pubkey_t agent, participant;
  TRY(member_pdas(&agent, &participant, user, channel));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, &participant);
  slot(out, 2, &agent);
  slot(out, 3, user);
  return POD_OK;
}

int pod_ix_broadcast_message(pod_ix_t *out, const pod_pubkey_t *user, const pod_pubkey_t *channel,
                             const pod_ix_broadcast_message_args_t *a) {
  if (!out || !user || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_BROADCAST_MESSAGE;
  args.u.broadcast_message = *a;
  pod_pubkey_t agent, participant, msg;
  TRY(member_pdas(&agent, &participant, user, channel));
  TRY(pod_pda_channel_message(&msg, NULL, channel, user, a->nonce));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, &participant);
  slot(out, 2, &agent);
  slot(out, 3, &msg);
  slot(out, 4, user);
  slot(out, 5, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_invite_to_channel(pod_ix_t *out, const pod_pubkey_t *inviter,
                             const pod_pubkey_t *channel, int with_participant,
                             const pod_ix_invite_to_channel_args_t *a) {
  if (!out || !inviter || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_INVITE_TO_CHANNEL;
  args.u.invite_to_channel = *a;
  pod_pubkey_t agent, participant, invitation;
  TRY(member_pdas(&agent, &participant, inviter, channel));
  TRY(pod_pda_invitation(&invitation, NULL, channel, &a->invitee));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, with_participant ? &participant : NULL);
  slot(out, 2, &agent);
  slot(out, 3, &invitation);
  slot(out, 4, inviter);
  slot(out, 5, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_get_channel_participants(pod_ix_t *out, const pod_pubkey_t *channel) {
  if (!out || !channel) return POD_EINVAL;
  pod_ix_args_t args;
  memset(&args, 0, sizeof args);
  args.kind = POD_IX_GET_CHANNEL_PARTICIPANTS;
  TRY(begin(out, &args));
  slot(out, 0, channel);
  return POD_OK;
}

int pod_ix_update_channel(pod_ix_t *out, const pod_pubkey_t *signer, const pod_pubkey_t *channel,
                          const pod_ix_update_channel_args_t *a) {
  if (!out || !signer || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_UPDATE_CHANNEL;
  args.u.update_channel = *a;
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, signer);
  return POD_OK;
}

int pod_ix_create_channel_v2(pod_ix_t *out, const pod_pubkey_t *creator,
                             const pod_ix_create_channel_v2_args_t *a) {
  if (!out || !creator || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_CREATE_CHANNEL_V2;
  args.u.create_channel_v2 = *a;
  pod_pubkey_t agent, channel, participant;
  TRY(channel_pda(&channel, creator, &a->name));
  TRY(member_pdas(&agent, &participant, creator, &channel));
  TRY(begin(out, &args));
  slot(out, 0, &agent);
  slot(out, 1, &channel);
  slot(out, 2, &participant);
  slot(out, 3, creator);
  slot(out, 4, &pod_system_program_id);
  return POD_OK;
}

int pod_ix_broadcast_message_compressed(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                        const pod_pubkey_t *authority, const pod_pubkey_t *channel,
                                        const pod_light_accounts_t *light,
                                        const pod_ix_broadcast_message_compressed_args_t *a) {
  if (!out || !fee_payer || !authority || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_BROADCAST_MESSAGE_COMPRESSED;
  args.u.broadcast_message_compressed = *a;
  pod_pubkey_t agent, participant;
  TRY(member_pdas(&agent, &participant, authority, channel));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, &participant);
  slot(out, 2, fee_payer);
  slot(out, 3, authority);
  slot(out, 4, &pod_system_program_id);
  slot(out, 5, &pod_compression_program_id);
  light_slots(out, 6, light);
  return POD_OK;
}

int pod_ix_join_channel_compressed(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                   const pod_pubkey_t *authority, const pod_pubkey_t *channel,
                                   int with_invitation, const pod_light_accounts_t *light,
                                   const pod_ix_join_channel_compressed_args_t *a) {
  if (!out || !fee_payer || !authority || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_JOIN_CHANNEL_COMPRESSED;
  args.u.join_channel_compressed = *a;
  pod_pubkey_t agent, invitation;
  TRY(pod_pda_agent(&agent, NULL, authority));
  if (with_invitation) TRY(pod_pda_invitation(&invitation, NULL, channel, authority));
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, &agent);
  slot(out, 2, with_invitation ? &invitation : NULL);
  slot(out, 3, fee_payer);
  slot(out, 4, authority);
  slot(out, 5, &pod_system_program_id);
  light_slots(out, 6, light);
  return POD_OK;
}

int pod_ix_batch_sync_compressed_messages(pod_ix_t *out, const pod_pubkey_t *fee_payer,
                                          const pod_pubkey_t *authority,
                                          const pod_pubkey_t *channel,
                                          const pod_light_accounts_t *light,
                                          const pod_ix_batch_sync_compressed_messages_args_t *a) {
  if (!out || !fee_payer || !authority || !channel || !a) return POD_EINVAL;
  pod_ix_args_t args;
  args.kind = POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES;
  args.u.batch_sync_compressed_messages = *a;
  TRY(begin(out, &args));
  slot(out, 0, channel);
  slot(out, 1, fee_payer);
  slot(out, 2, authority);
  slot(out, 3, &pod_system_program_id);
  slot(out, 4, &pod_compression_program_id);
  light_slots(out, 5, light);
  return POD_OK;
}
