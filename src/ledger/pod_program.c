/* The PoD program (pod_com): its 17 instructions as PROTOCOL.md §4.4-4.20 specify them, quirks
 * (§7) included, on top of the Anchor layer of pod_anchor.c. For each instruction:
 *   - the slot types (Account<T> / Signer / Program / AccountInfo; names and mut/signer/optional/
 *     init flags are the codec's pod_ix_slots() table);
 *   - seeds_<ix>(): the seeds constraint of each slot (init slots: find_program_address; others:
 *     the stored bump when the program names one, else find_program_address);
 *   - check_<ix>(): the custom constraints of each slot (`constraint = ... @ Error`);
 *   - h_<ix>(): the handler body, with the program's checks in its order — the argument rules are
 *     validate.h's (one implementation shared with the SDK);
 *   - its compute units (the table at the end, documented in docs/LEDGER.md).
 * Panic locations (lib.rs line:column) are those of the program's source at HEAD. */
#include "ledger_internal.h"
#include "pod_program.h"

#include <stdio.h>
#include <string.h>

#define ADD_OVF "attempt to add with overflow"
#define SUB_OVF "attempt to subtract with overflow"

/* ------------------------------------------------------------------------------------------ */
/* small helpers                                                                                */

static void seed(pa_seeds_t *sd, const void *p, size_t n) {
  sd->s[sd->n].data = p;
  sd->s[sd->n].len = n;
  sd->n++;
}
#define SEED_LIT(sd, lit) seed((sd), (lit), sizeof(lit) - 1)

static int key_eq(const pod_pubkey_t *a, const pod_pubkey_t *b) { return !memcmp(a->b, b->b, 32); }

static const char *b58(char out[POD_PUBKEY_B58_SZ], const pod_pubkey_t *k) {
  return pod_pubkey_to_base58(out, k);
}

/* ["agent", wallet] with the stored bump of the AgentAccount in slot `agent_slot`. */
static int seeds_agent(pa_t *pa, pa_seeds_t *sd, size_t wallet_slot, size_t agent_slot) {
  SEED_LIT(sd, "agent");
  seed(sd, pa_key(pa, wallet_slot)->b, 32);
  sd->has_bump = 1;
  sd->bump = pa->a[agent_slot].u.agent.bump;
  return 1;
}

/* ["participant", channel, agent] with the participant record's stored bump. */
static int seeds_participant(pa_t *pa, pa_seeds_t *sd, size_t part_slot, size_t chan_slot,
                             size_t agent_slot) {
  SEED_LIT(sd, "participant");
  seed(sd, pa_key(pa, chan_slot)->b, 32);
  seed(sd, pa_key(pa, agent_slot)->b, 32);
  sd->has_bump = 1;
  sd->bump = pa->a[part_slot].u.participant.bump;
  return 1;
}

/* The message PDA's type byte: Text..Response 0..3, Custom(x) 4 + x (u8, overflow panics). */
static int type_byte(pa_t *pa, pod_message_type_t t, uint8_t *out, unsigned line, unsigned col) {
  if (t.kind < POD_MSG_CUSTOM) {
    *out = t.kind;
    return 0;
  }
  if (t.custom > 251) return pa_panic(pa, line, col, ADD_OVF);
  *out = (uint8_t)(4 + t.custom);
  return 0;
}

static void rate_load(pod_rate_state_t *st, const pod_channel_participant_t *p) {
  st->last_message_at = p->last_message_at;
  st->messages_sent = p->messages_sent;
}

static void rate_store(pod_channel_participant_t *p, const pod_rate_state_t *st) {
  p->last_message_at = st->last_message_at;
  p->messages_sent = st->messages_sent;
}

/* now + secs (7 days: POD_MESSAGE_EXPIRY_SECS, POD_INVITATION_EXPIRY_SECS), a checked i64
 * addition as the program's overflow checks do. */
static int expiry(pa_t *pa, int64_t *out, int64_t secs, unsigned line, unsigned col) {
  if (pa->now > INT64_MAX - secs) return pa_panic(pa, line, col, ADD_OVF);
  *out = pa->now + secs;
  return 0;
}

/* keccak256(channel ‖ inviter ‖ invitee ‖ nonce LE ‖ created_at LE) (§4.12). */
static void invitation_hash(uint8_t out[32], const pod_pubkey_t *channel,
                            const pod_pubkey_t *inviter, const pod_pubkey_t *invitee,
                            uint64_t nonce, int64_t created_at) {
  uint8_t m[112];
  memcpy(m, channel->b, 32);
  memcpy(m + 32, inviter->b, 32);
  memcpy(m + 64, invitee->b, 32);
  lg_wr64(m + 96, nonce);
  lg_wr64(m + 104, (uint64_t)created_at);
  pod_keccak256(out, m, sizeof m);
}

static pod_str_t view(pod_str_view_t v) {
  pod_str_t s = {v.ptr, v.len};
  return s;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.4 register_agent(capabilities, metadata_uri)                                               */

static const pa_slot_t S_REGISTER_AGENT[] = {
    {PA_ACCOUNT, POD_ACCT_AGENT, 1}, {PA_SIGNER, 0, 0}, {PA_SYSTEM, 0, 0}};

static int seeds_register_agent(pa_t *pa, size_t i, pa_seeds_t *sd) {
  if (i != 0) return 0;
  SEED_LIT(sd, "agent");
  seed(sd, pa_key(pa, 1)->b, 32);
  return 1;
}

static int h_register_agent(pa_t *pa) {
  const pod_ix_register_agent_args_t *a = &pa->args.u.register_agent;
  if (pa_rule(
          pa,
          pod_validate_register_agent(a->capabilities, a->metadata_uri.ptr, a->metadata_uri.len), 0,
          0, ""))
    return 1;
  pod_agent_account_t *ag = &pa->a[0].u.agent;
  ag->pubkey = *pa_key(pa, 1);
  ag->capabilities = a->capabilities;
  ag->metadata_uri = a->metadata_uri;
  ag->reputation = POD_INITIAL_REPUTATION;
  ag->last_updated = pa->now;
  ag->invites_sent = 0;
  ag->last_invite_at = 0;
  ag->bump = pa->bump[0];
  pod_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = POD_EVENT_AGENT_REGISTERED;
  ev.u.agent_registered.agent = ag->pubkey;
  ev.u.agent_registered.capabilities = a->capabilities;
  ev.u.agent_registered.metadata_uri = a->metadata_uri;
  ev.u.agent_registered.timestamp = pa->now;
  pa_emit(pa, &ev);
  char k[POD_PUBKEY_B58_SZ];
  pod_exec_log(pa->ctx, "Agent registered: %s", b58(k, &ag->pubkey));
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.5 send_message(recipient, payload_hash, message_type)                                       */

static const pa_slot_t S_SEND_MESSAGE[] = {{PA_ACCOUNT, POD_ACCT_MESSAGE, 2},
                                           {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                           {PA_SIGNER, 0, 0},
                                           {PA_SYSTEM, 0, 0}};

static int seeds_send_message(pa_t *pa, size_t i, pa_seeds_t *sd) {
  const pod_ix_send_message_args_t *a = &pa->args.u.send_message;
  if (i == 0) {
    if (type_byte(pa, a->message_type, &sd->scratch[0], 1740, 165)) return -1; /* Q6 */
    SEED_LIT(sd, "message");
    seed(sd, pa_key(pa, 1)->b, 32);
    seed(sd, a->recipient.b, 32);
    seed(sd, a->payload_hash, 32);
    seed(sd, sd->scratch, 1);
    return 1;
  }
  if (i == 1) return seeds_agent(pa, sd, 2, 1);
  return 0;
}

static int check_send_message(pa_t *pa, size_t i) {
  if (i == 1)
    return pa_constraint(pa, i, key_eq(pa_key(pa, 2), &pa->a[1].u.agent.pubkey),
                         POD_ERR_UNAUTHORIZED);
  return 0;
}

static int h_send_message(pa_t *pa) {
  const pod_ix_send_message_args_t *a = &pa->args.u.send_message;
  pod_message_account_t *m = &pa->a[0].u.message;
  m->sender = *pa_key(pa, 1); /* the agent PDA (Q8) */
  m->recipient = a->recipient;
  memcpy(m->payload_hash, a->payload_hash, 32);
  m->message_type = a->message_type;
  m->created_at = pa->now;
  if (expiry(pa, &m->expires_at, POD_MESSAGE_EXPIRY_SECS, 771, 30)) return 1;
  m->status = POD_STATUS_PENDING;
  m->bump = pa->bump[0];
  pod_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = POD_EVENT_MESSAGE_SENT;
  ev.u.message_sent.sender = m->sender;
  ev.u.message_sent.recipient = m->recipient;
  ev.u.message_sent.message_type = a->message_type;
  ev.u.message_sent.timestamp = pa->now;
  pa_emit(pa, &ev);
  char s[POD_PUBKEY_B58_SZ], r[POD_PUBKEY_B58_SZ];
  pod_exec_log(pa->ctx, "Message sent from %s to %s", b58(s, &m->sender), b58(r, &m->recipient));
  return 0; /* Custom types fail 3004 at exit (Q6) */
}

/* ------------------------------------------------------------------------------------------ */
/* 4.6 update_agent(capabilities?, metadata_uri?)                                                */

static const pa_slot_t S_UPDATE_AGENT[] = {{PA_ACCOUNT, POD_ACCT_AGENT, 0}, {PA_SIGNER, 0, 0}};

static int seeds_update_agent(pa_t *pa, size_t i, pa_seeds_t *sd) {
  return i == 0 ? seeds_agent(pa, sd, 1, 0) : 0;
}

static int check_update_agent(pa_t *pa, size_t i) {
  if (i == 0)
    return pa_constraint(pa, i, key_eq(pa_key(pa, 1), &pa->a[0].u.agent.pubkey),
                         POD_ERR_UNAUTHORIZED);
  return 0;
}

static int h_update_agent(pa_t *pa) {
  const pod_ix_update_agent_args_t *a = &pa->args.u.update_agent;
  pod_agent_account_t *ag = &pa->a[0].u.agent;
  const pod_pubkey_t *signer = pa_key(pa, 1);
  if (!key_eq(signer, &ag->pubkey)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  pod_seed_t s[2] = {{"agent", 5}, {signer->b, 32}};
  pod_pubkey_t pda;
  if (pa_find_pda(pa, &pda, NULL, s, 2)) return 1;
  if (!key_eq(&pda, pa_key(pa, 0))) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  if (a->has_capabilities) ag->capabilities = a->capabilities; /* no cap (Q25) */
  if (a->has_metadata_uri) {
    const char *p = a->metadata_uri.ptr ? a->metadata_uri.ptr : "";
    if (pa_rule(pa, pod_validate_update_agent(p, a->metadata_uri.len), 0, 0, "")) return 1;
    ag->metadata_uri = a->metadata_uri; /* no format rules (Q25); stale tail kept (Q27) */
  }
  ag->last_updated = pa->now;
  char k[POD_PUBKEY_B58_SZ];
  pod_exec_log(pa->ctx, "Agent updated: %s", b58(k, &ag->pubkey));
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.7 update_message_status(new_status)                                                         */

static const pa_slot_t S_UPDATE_MESSAGE_STATUS[] = {
    {PA_ACCOUNT, POD_ACCT_MESSAGE, 0}, {PA_ACCOUNT, POD_ACCT_AGENT, 0}, {PA_SIGNER, 0, 0}};

static int seeds_update_message_status(pa_t *pa, size_t i, pa_seeds_t *sd) {
  if (i == 0) {
    const pod_message_account_t *m = &pa->a[0].u.message;
    if (type_byte(pa, m->message_type, &sd->scratch[0], 1782, 43)) return -1;
    SEED_LIT(sd, "message");
    seed(sd, m->sender.b, 32);
    seed(sd, m->recipient.b, 32);
    seed(sd, m->payload_hash, 32);
    seed(sd, sd->scratch, 1);
    sd->has_bump = 1;
    sd->bump = m->bump;
    return 1;
  }
  if (i == 1) return seeds_agent(pa, sd, 2, 1); /* the signer must be an agent (§4.7) */
  return 0;
}

static int h_update_message_status(pa_t *pa) {
  static const char *const names[4] = {"Pending", "Delivered", "Read", "Failed"};
  uint8_t st = pa->args.u.update_message_status.new_status;
  pod_message_account_t *m = &pa->a[0].u.message;
  uint32_t r = pod_validate_update_message_status(st, pa->now, m->expires_at, pa_key(pa, 2),
                                                  &pa->a[1].u.agent.pubkey, &m->sender,
                                                  &m->recipient); /* Q8, Q9 */
  if (pa_rule(pa, r, 0, 0, "")) return 1;
  m->status = st;
  pod_exec_log(pa->ctx, "Message status updated to %s", names[st & 3]);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.8 create_channel / 4.9 create_channel_v2                                                   */

static const pa_slot_t S_CREATE_CHANNEL[] = {
    {PA_ACCOUNT, POD_ACCT_CHANNEL, 1}, {PA_SIGNER, 0, 0}, {PA_SYSTEM, 0, 0}};

/* ["channel", creator, name as passed] (Q3: the untrimmed argument; Q4: > 32 bytes aborts). */
static void seeds_channel(pa_t *pa, pa_seeds_t *sd, size_t creator_slot,
                          const pod_ix_create_channel_args_t *a) {
  SEED_LIT(sd, "channel");
  seed(sd, pa_key(pa, creator_slot)->b, 32);
  seed(sd, a->name.ptr ? a->name.ptr : "", a->name.len);
}

static int seeds_create_channel(pa_t *pa, size_t i, pa_seeds_t *sd) {
  if (i != 0) return 0;
  seeds_channel(pa, sd, 1, &pa->args.u.create_channel);
  return 1;
}

static int h_create_channel(pa_t *pa) {
  const pod_ix_create_channel_args_t *a = &pa->args.u.create_channel;
  uint32_t r =
      pod_validate_create_channel(a->name.ptr, a->name.len, a->description.ptr, a->description.len,
                                  a->visibility, a->max_participants, a->fee_per_message);
  if (pa_rule(pa, r, 0, 0, "")) return 1;
  pod_channel_account_t *c = &pa->a[0].u.channel;
  c->creator = *pa_key(pa, 1);
  c->name = view(pod_trim(a->name.ptr, a->name.len)); /* trimmed in v1 only (Q3) */
  c->description = view(pod_trim(a->description.ptr, a->description.len));
  c->visibility = a->visibility;
  c->max_participants = a->max_participants;
  c->current_participants = 1; /* no participant record for the creator (Q2) */
  c->fee_per_message = a->fee_per_message;
  c->escrow_balance = 0;
  c->created_at = pa->now;
  c->bump = pa->bump[0];
  /* is_active stays false (Q1); name + description > 226 fails 3004 at exit (Q5) */
  char k[POD_PUBKEY_B58_SZ];
  pod_exec_log(pa->ctx, "Channel created: %s", b58(k, &c->creator));
  return 0;
}

static const pa_slot_t S_CREATE_CHANNEL_V2[] = {{PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                                {PA_ACCOUNT, POD_ACCT_CHANNEL, 3},
                                                {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 3},
                                                {PA_SIGNER, 0, 0},
                                                {PA_SYSTEM, 0, 0}};

static int seeds_create_channel_v2(pa_t *pa, size_t i, pa_seeds_t *sd) {
  switch (i) {
  case 0: return seeds_agent(pa, sd, 3, 0);
  case 1: seeds_channel(pa, sd, 3, &pa->args.u.create_channel_v2); return 1;
  case 2:
    SEED_LIT(sd, "participant");
    seed(sd, pa_key(pa, 1)->b, 32);
    seed(sd, pa_key(pa, 0)->b, 32);
    return 1;
  default: return 0;
  }
}

static int check_create_channel_v2(pa_t *pa, size_t i) {
  if (i == 0)
    return pa_constraint(pa, i, pa->a[0].u.agent.reputation >= POD_MIN_REPUTATION_FOR_CHANNELS,
                         POD_ERR_INSUFFICIENT_REPUTATION);
  return 0;
}

static int h_create_channel_v2(pa_t *pa) {
  const pod_ix_create_channel_args_t *a = &pa->args.u.create_channel_v2;
  if (pa->a[0].u.agent.reputation < POD_MIN_REPUTATION_FOR_CHANNELS)
    return pa_error(pa, POD_ERR_INSUFFICIENT_REPUTATION);
  uint32_t r = pod_validate_create_channel_v2(a->name.ptr, a->name.len, a->description.ptr,
                                              a->description.len, a->visibility,
                                              a->max_participants, a->fee_per_message);
  if (pa_rule(pa, r, 0, 0, "")) return 1; /* Q23: no blank check, 0 participants, any fee */
  pod_channel_account_t *c = &pa->a[1].u.channel;
  c->creator = *pa_key(pa, 3);
  c->name = a->name; /* never trimmed (Q3) */
  c->description = a->description;
  c->visibility = a->visibility;
  c->max_participants = a->max_participants;
  c->current_participants = 1;
  c->fee_per_message = a->fee_per_message;
  c->escrow_balance = 0;
  c->created_at = pa->now;
  c->is_active = 1;
  c->bump = pa->bump[1];
  pod_channel_participant_t *p = &pa->a[2].u.participant;
  p->channel = *pa_key(pa, 1);
  p->participant = *pa_key(pa, 0);
  p->joined_at = pa->now;
  p->is_active = 1;
  p->messages_sent = 0;
  p->last_message_at = 0;
  p->bump = pa->bump[2];
  char name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, c->name);
  pod_exec_log(pa->ctx, "Enhanced channel created: %s", name);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.10 deposit_escrow(amount) / 4.11 withdraw_escrow(amount)                                    */

static const pa_slot_t S_DEPOSIT_ESCROW[] = {{PA_ACCOUNT, POD_ACCT_ESCROW, 2},
                                             {PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                             {PA_SIGNER, 0, 0},
                                             {PA_SYSTEM, 0, 0}};

static int seeds_escrow(pa_t *pa, pa_seeds_t *sd) {
  SEED_LIT(sd, "escrow");
  seed(sd, pa_key(pa, 1)->b, 32);
  seed(sd, pa_key(pa, 2)->b, 32);
  return 1;
}

static int seeds_deposit_escrow(pa_t *pa, size_t i, pa_seeds_t *sd) {
  return i == 0 ? seeds_escrow(pa, sd) : 0;
}

static int h_deposit_escrow(pa_t *pa) {
  uint64_t amount = pa->args.u.deposit_escrow.amount;
  if (pa_rule(pa, pod_validate_deposit_escrow(amount), 0, 0, "")) return 1;
  /* System transfer depositor -> escrow (Custom(1) when short); no check of the channel (Q35) */
  if (pod_exec_sys_transfer(pa->ctx, 2, 0, amount, NULL, 0)) return 1;
  pod_escrow_account_t *e = &pa->a[0].u.escrow;
  pod_channel_account_t *c = &pa->a[1].u.channel;
  e->channel = *pa_key(pa, 1);
  e->depositor = *pa_key(pa, 2);
  e->amount = amount;
  e->created_at = pa->now;
  e->bump = pa->bump[0];
  if (c->escrow_balance > UINT64_MAX - amount) return pa_panic(pa, 956, 9, ADD_OVF); /* Q39 */
  c->escrow_balance += amount;
  pod_exec_log(pa->ctx, "Deposited %llu lamports to escrow", (unsigned long long)amount);
  return 0;
}

static const pa_slot_t S_WITHDRAW_ESCROW[] = {
    {PA_ACCOUNT, POD_ACCT_ESCROW, 0}, {PA_ACCOUNT, POD_ACCT_CHANNEL, 0}, {PA_SIGNER, 0, 0}};

static int seeds_withdraw_escrow(pa_t *pa, size_t i, pa_seeds_t *sd) {
  if (i != 0) return 0;
  seeds_escrow(pa, sd);
  sd->has_bump = 1;
  sd->bump = pa->a[0].u.escrow.bump;
  return 1;
}

static int h_withdraw_escrow(pa_t *pa) {
  uint64_t amount = pa->args.u.withdraw_escrow.amount;
  pod_escrow_account_t *e = &pa->a[0].u.escrow;
  pod_channel_account_t *c = &pa->a[1].u.channel;
  if (!key_eq(&e->depositor, pa_key(pa, 2))) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  if (pa_rule(pa, pod_validate_withdraw_escrow(amount, e->amount), 0, 0, "")) return 1;
  /* direct lamport moves, no CPI; amount 0 succeeds (Q35) */
  uint64_t el = pod_exec_lamports(pa->ctx, 0), dl = pod_exec_lamports(pa->ctx, 2);
  if (el < amount) return pa_panic(pa, 975, 9, SUB_OVF);
  if (pod_exec_set_lamports(pa->ctx, 0, el - amount)) return 1;
  dl = pod_exec_lamports(pa->ctx, 2); /* the same account when depositor == escrow (impossible) */
  if (dl > UINT64_MAX - amount) return pa_panic(pa, 980, 9, ADD_OVF);
  if (pod_exec_set_lamports(pa->ctx, 2, dl + amount)) return 1;
  e->amount -= amount; /* cannot underflow: checked above */
  if (c->escrow_balance < amount) return pa_panic(pa, 991, 9, SUB_OVF);
  c->escrow_balance -= amount;
  pod_exec_log(pa->ctx, "Withdrew %llu lamports from escrow", (unsigned long long)amount);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.13 join_channel() / 4.14 leave_channel()                                                    */

static const pa_slot_t S_JOIN_CHANNEL[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                           {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 5},
                                           {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                           {PA_ACCOUNT, POD_ACCT_INVITATION, 0},
                                           {PA_ACCOUNT, POD_ACCT_ESCROW, 0},
                                           {PA_SIGNER, 0, 0},
                                           {PA_SYSTEM, 0, 0}};

static int seeds_join_channel(pa_t *pa, size_t i, pa_seeds_t *sd) {
  switch (i) {
  case 1:
    SEED_LIT(sd, "participant");
    seed(sd, pa_key(pa, 0)->b, 32);
    seed(sd, pa_key(pa, 2)->b, 32);
    return 1;
  case 2: return seeds_agent(pa, sd, 5, 2);
  case 3: /* canonical bump searched (`bump` without a field) */
    SEED_LIT(sd, "invitation");
    seed(sd, pa_key(pa, 0)->b, 32);
    seed(sd, pa_key(pa, 5)->b, 32); /* the wallet (Q38) */
    return 1;
  case 4:
    SEED_LIT(sd, "escrow");
    seed(sd, pa_key(pa, 0)->b, 32);
    seed(sd, pa_key(pa, 5)->b, 32);
    return 1;
  default: return 0;
  }
}

static int check_agent_user(pa_t *pa, size_t i, size_t agent_slot, size_t user_slot) {
  if (i == agent_slot)
    return pa_constraint(pa, i, key_eq(pa_key(pa, user_slot), &pa->a[agent_slot].u.agent.pubkey),
                         POD_ERR_UNAUTHORIZED);
  return 0;
}

static int check_join_channel(pa_t *pa, size_t i) { return check_agent_user(pa, i, 2, 5); }

static int h_join_channel(pa_t *pa) {
  pod_channel_account_t *c = &pa->a[0].u.channel;
  const pod_pubkey_t *user = pa_key(pa, 5);
  /* (1) capacity; is_active is not checked (Q14) */
  if (c->current_participants >= c->max_participants) return pa_error(pa, POD_ERR_CHANNEL_FULL);
  /* (2) fee: bookkeeping only, no lamports move (Q13) */
  if (c->fee_per_message > 0) {
    if (!pa->some[4]) return pa_error(pa, POD_ERR_INSUFFICIENT_FUNDS);
    pod_escrow_account_t *e = &pa->a[4].u.escrow;
    if (!key_eq(&e->depositor, user)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
    pod_seed_t s[3] = {{"escrow", 6}, {pa_key(pa, 0)->b, 32}, {user->b, 32}};
    pod_pubkey_t pda;
    if (pa_find_pda(pa, &pda, NULL, s, 3)) return 1;
    if (!key_eq(&pda, pa_key(pa, 4))) return pa_error(pa, POD_ERR_UNAUTHORIZED);
    if (e->amount < c->fee_per_message) return pa_error(pa, POD_ERR_INSUFFICIENT_FUNDS);
    e->amount -= c->fee_per_message;
    if (c->escrow_balance > UINT64_MAX - c->fee_per_message) /* checked_add */
      return pa_error(pa, POD_ERR_INSUFFICIENT_FUNDS);
    c->escrow_balance += c->fee_per_message;
  }
  /* (3) private channels need an unused, unexpired, authentic invitation (Q15) */
  int priv = c->visibility == POD_VISIBILITY_PRIVATE;
  if (priv) {
    if (!pa->some[3]) return pa_error(pa, POD_ERR_PRIVATE_CHANNEL_REQUIRES_INVITATION);
    const pod_channel_invitation_t *v = &pa->a[3].u.invitation;
    if (!key_eq(&v->invitee, user))
      return pa_error(pa, POD_ERR_PRIVATE_CHANNEL_REQUIRES_INVITATION);
    if (v->is_used || v->is_accepted)
      return pa_error(pa, POD_ERR_PRIVATE_CHANNEL_REQUIRES_INVITATION);
    if (pa->now > v->expires_at) return pa_error(pa, POD_ERR_MESSAGE_EXPIRED);
    uint8_t h[32];
    invitation_hash(h, &v->channel, &v->inviter, &v->invitee, v->nonce, v->created_at);
    if (memcmp(h, v->invitation_hash, 32)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  }
  /* (4) the participant record */
  pod_channel_participant_t *p = &pa->a[1].u.participant;
  p->channel = *pa_key(pa, 0);
  p->participant = *pa_key(pa, 2); /* the agent PDA (Q37) */
  p->joined_at = pa->now;
  p->is_active = 1;
  p->messages_sent = 0;
  p->last_message_at = 0;
  p->bump = pa->bump[1];
  if (c->current_participants == UINT32_MAX) return pa_panic(pa, 1094, 9, ADD_OVF);
  c->current_participants += 1;
  /* (5) single use */
  if (priv && pa->some[3]) {
    pa->a[3].u.invitation.is_accepted = 1;
    pa->a[3].u.invitation.is_used = 1;
  }
  char k[POD_PUBKEY_B58_SZ], name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, c->name);
  pod_exec_log(pa->ctx, "User %s joined channel %s", b58(k, &p->participant), name);
  return 0;
}

static const pa_slot_t S_LEAVE_CHANNEL[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                            {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 0},
                                            {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                            {PA_SIGNER, 0, 0}};

static int seeds_leave_channel(pa_t *pa, size_t i, pa_seeds_t *sd) {
  if (i == 1) return seeds_participant(pa, sd, 1, 0, 2);
  if (i == 2) return seeds_agent(pa, sd, 3, 2);
  return 0;
}

static int check_leave_channel(pa_t *pa, size_t i) {
  if (i == 1)
    return pa_constraint(pa, i, key_eq(&pa->a[1].u.participant.participant, pa_key(pa, 2)),
                         POD_ERR_UNAUTHORIZED);
  return check_agent_user(pa, i, 2, 3);
}

static int h_leave_channel(pa_t *pa) {
  pod_channel_account_t *c = &pa->a[0].u.channel;
  pod_channel_participant_t *p = &pa->a[1].u.participant;
  if (!p->is_active) return pa_error(pa, POD_ERR_NOT_IN_CHANNEL);
  p->is_active = 0; /* the record stays: no re-join (Q12) */
  if (c->current_participants == 0) return pa_panic(pa, 1126, 9, SUB_OVF); /* Q39 */
  c->current_participants -= 1;
  char k[POD_PUBKEY_B58_SZ], name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, c->name);
  pod_exec_log(pa->ctx, "User %s left channel %s", b58(k, &p->participant), name);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.15 broadcast_message(content, message_type, reply_to, nonce)                               */

static const pa_slot_t S_BROADCAST_MESSAGE[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                                {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 0},
                                                {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                                {PA_ACCOUNT, POD_ACCT_CHANNEL_MESSAGE, 4},
                                                {PA_SIGNER, 0, 0},
                                                {PA_SYSTEM, 0, 0}};

static int seeds_broadcast_message(pa_t *pa, size_t i, pa_seeds_t *sd) {
  switch (i) {
  case 1: return seeds_participant(pa, sd, 1, 0, 2);
  case 2: return seeds_agent(pa, sd, 4, 2);
  case 3:
    lg_wr64(sd->scratch, pa->args.u.broadcast_message.nonce);
    SEED_LIT(sd, "channel_message");
    seed(sd, pa_key(pa, 0)->b, 32);
    seed(sd, pa_key(pa, 4)->b, 32); /* the sender wallet (Q37) */
    seed(sd, sd->scratch, 8);
    return 1;
  default: return 0;
  }
}

static int check_broadcast_message(pa_t *pa, size_t i) {
  switch (i) {
  case 0:
    return pa_constraint(pa, i, pa->a[0].u.channel.is_active != 0, POD_ERR_UNAUTHORIZED); /* Q1 */
  case 1:
    return pa_constraint(pa, i, pa->a[1].u.participant.is_active != 0, POD_ERR_NOT_IN_CHANNEL);
  default: return check_agent_user(pa, i, 2, 4);
  }
}

static int h_broadcast_message(pa_t *pa) {
  const pod_ix_broadcast_message_args_t *a = &pa->args.u.broadcast_message;
  pod_channel_participant_t *p = &pa->a[1].u.participant;
  if (pa_rule(pa, pod_validate_broadcast_message(a->content.ptr, a->content.len), 0, 0, ""))
    return 1;
  if (!p->is_active) return pa_error(pa, POD_ERR_NOT_IN_CHANNEL);
  pod_rate_state_t st;
  rate_load(&st, p);
  if (pa_rule(pa, pod_rule_rate_limit(&st, pa->now, 1), 1186, 35, SUB_OVF)) return 1; /* Q26 */
  rate_store(p, &st);
  pod_channel_message_t *m = &pa->a[3].u.channel_message;
  m->channel = *pa_key(pa, 0);
  m->sender = p->participant;
  m->content = a->content;
  m->message_type = a->message_type;
  m->created_at = pa->now;
  m->has_edited_at = 0;
  m->has_reply_to = a->has_reply_to;
  m->reply_to = a->reply_to; /* not validated; no fee charged */
  m->bump = pa->bump[3];
  char name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, pa->a[0].u.channel.name);
  pod_exec_log(pa->ctx, "Message broadcast to channel %s", name);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.12 invite_to_channel(invitee, nonce)                                                        */

static const pa_slot_t S_INVITE_TO_CHANNEL[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                                {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 0},
                                                {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                                {PA_ACCOUNT, POD_ACCT_INVITATION, 4},
                                                {PA_SIGNER, 0, 0},
                                                {PA_SYSTEM, 0, 0}};

static int seeds_invite_to_channel(pa_t *pa, size_t i, pa_seeds_t *sd) {
  switch (i) {
  case 1: return seeds_participant(pa, sd, 1, 0, 2);
  case 2: return seeds_agent(pa, sd, 4, 2);
  case 3:
    SEED_LIT(sd, "invitation");
    seed(sd, pa_key(pa, 0)->b, 32);
    seed(sd, pa->args.u.invite_to_channel.invitee.b, 32); /* as passed */
    return 1;
  default: return 0;
  }
}

static int check_invite_to_channel(pa_t *pa, size_t i) {
  if (i == 1)
    return pa_constraint(pa, i, pa->a[1].u.participant.is_active != 0, POD_ERR_NOT_IN_CHANNEL);
  return check_agent_user(pa, i, 2, 4);
}

static int h_invite_to_channel(pa_t *pa) {
  const pod_ix_invite_to_channel_args_t *a = &pa->args.u.invite_to_channel;
  const pod_channel_account_t *c = &pa->a[0].u.channel;
  const pod_pubkey_t *inviter = pa_key(pa, 4);
  if (!key_eq(inviter, &c->creator)) {
    if (!pa->some[1]) return pa_error(pa, POD_ERR_UNAUTHORIZED);
    if (!pa->a[1].u.participant.is_active) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  }
  /* the invite rate limit, on the agent record in memory only: its slot is not mut, so nothing is
   * saved and the stored counters stay 0 (Q10) */
  pod_agent_account_t *ag = &pa->a[2].u.agent;
  if (ag->last_invite_at > 0) {
    if (pa->now < INT64_MIN + ag->last_invite_at) return pa_panic(pa, 1264, 27, SUB_OVF);
    int64_t elapsed = pa->now - ag->last_invite_at;
    if (elapsed < POD_INVITE_WINDOW) {
      if (ag->invites_sent >= POD_INVITES_PER_HOUR)
        return pa_error(pa, POD_ERR_RATE_LIMIT_EXCEEDED);
      ag->invites_sent++;
    } else {
      ag->invites_sent = 1;
    }
  } else {
    ag->invites_sent = 1;
  }
  ag->last_invite_at = pa->now;
  pod_channel_invitation_t *v = &pa->a[3].u.invitation;
  invitation_hash(v->invitation_hash, pa_key(pa, 0), inviter, &a->invitee, a->nonce, pa->now);
  v->channel = *pa_key(pa, 0);
  v->inviter = *inviter;
  v->invitee = a->invitee;
  v->created_at = pa->now;
  if (expiry(pa, &v->expires_at, POD_INVITATION_EXPIRY_SECS, 1298, 33)) return 1;
  v->is_accepted = 0;
  v->is_used = 0;
  v->nonce = a->nonce;
  v->bump = pa->bump[3];
  char k[POD_PUBKEY_B58_SZ], name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)], hash[32 * 5 + 4];
  pa_debug_str(name, sizeof name, c->name);
  size_t o = 0;
  hash[o++] = '[';
  for (int i = 0; i < 32; i++)
    o += (size_t)snprintf(hash + o, sizeof hash - o, i ? ", %u" : "%u", v->invitation_hash[i]);
  snprintf(hash + o, sizeof hash - o, "]");
  pod_exec_log(pa->ctx, "Secure invitation sent to %s for channel %s with hash %s",
               b58(k, &a->invitee), name, hash);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.16 get_channel_participants() / 4.17 update_channel(...)                                    */

static const pa_slot_t S_GET_CHANNEL_PARTICIPANTS[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0}};

static int seeds_none(pa_t *pa, size_t i, pa_seeds_t *sd) {
  (void)pa;
  (void)i;
  (void)sd;
  return 0;
}

static int h_get_channel_participants(pa_t *pa) {
  if (!pa->a[0].u.channel.is_active) return pa_error_thrown(pa, POD_ERR_NOT_IN_CHANNEL, 1323);
  static const uint8_t empty_vec[4] = {0, 0, 0, 0}; /* always empty (Q22) */
  return pod_exec_set_return_data(pa->ctx, empty_vec, sizeof empty_vec) ? 1 : 0;
}

static const pa_slot_t S_UPDATE_CHANNEL[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0}, {PA_SIGNER, 0, 0}};

static int check_update_channel(pa_t *pa, size_t i) {
  if (i == 0)
    return pa_constraint(pa, i, key_eq(&pa->a[0].u.channel.creator, pa_key(pa, 1)),
                         POD_ERR_UNAUTHORIZED);
  return 0;
}

static int h_update_channel(pa_t *pa) {
  const pod_ix_update_channel_args_t *a = &pa->args.u.update_channel;
  pod_channel_account_t *c = &pa->a[0].u.channel;
  if (!key_eq(pa_key(pa, 1), &c->creator)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  uint32_t r = pod_validate_update_channel(
      a->has_name ? (a->name.ptr ? a->name.ptr : "") : NULL, a->name.len,
      a->has_description ? (a->description.ptr ? a->description.ptr : "") : NULL,
      a->description.len, a->has_max_participants ? &a->max_participants : NULL,
      c->current_participants);
  if (pa_rule(pa, r, 0, 0, "")) return 1;
  /* Q24: blank names, no caps; renaming does not move the PDA; shorter strings leave stale tail
   * bytes (Q27); name + description > 226 fails 3004 at exit (Q5) */
  if (a->has_name) c->name = a->name;
  if (a->has_description) c->description = a->description;
  if (a->has_max_participants) c->max_participants = a->max_participants;
  if (a->has_fee_per_message) c->fee_per_message = a->fee_per_message;
  if (a->has_is_active) c->is_active = a->is_active ? 1 : 0;
  char name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, c->name);
  pod_exec_log(pa->ctx, "Channel %s updated", name);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* 4.18 broadcast_message_compressed / 4.19 join_channel_compressed / 4.20 batch sync            */

#define LIGHT_SLOTS                                                                                \
  {PA_UNCHECKED, 0, 0}, {PA_UNCHECKED, 0, 0}, {PA_UNCHECKED, 0, 0}, {PA_UNCHECKED, 0, 0},          \
      {PA_UNCHECKED, 0, 0}, {PA_UNCHECKED, 0, 0}, {                                                \
    PA_UNCHECKED, 0, 0                                                                             \
  }

static const pa_slot_t S_BROADCAST_MESSAGE_COMPRESSED[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                                           {PA_ACCOUNT, POD_ACCT_PARTICIPANT, 0},
                                                           {PA_SIGNER, 0, 0},
                                                           {PA_SIGNER, 0, 0},
                                                           {PA_SYSTEM, 0, 0},
                                                           {PA_COMPRESSION, 0, 0},
                                                           LIGHT_SLOTS};

static int h_broadcast_message_compressed(pa_t *pa) {
  const pod_ix_broadcast_message_compressed_args_t *a = &pa->args.u.broadcast_message_compressed;
  pod_channel_participant_t *p = &pa->a[1].u.participant;
  /* the pieces of pod_validate_broadcast_compressed, with the state checks between them */
  if (pa_rule(pa, pod_rule_compressed_content_len(a->content.len), 0, 0, "")) return 1; /* Q19 */
  if (pa_rule(pa, pod_rule_ipfs_hash(a->ipfs_hash.ptr, a->ipfs_hash.len), 0, 0, "")) return 1;
  if (!p->is_active) return pa_error(pa, POD_ERR_NOT_IN_CHANNEL);
  /* the participant is not tied to the authority (Q18) */
  pod_seed_t s[3] = {{"participant", 11}, {pa_key(pa, 0)->b, 32}, {p->participant.b, 32}};
  pod_pubkey_t pda;
  if (pa_find_pda(pa, &pda, NULL, s, 3)) return 1;
  if (!key_eq(&pda, pa_key(pa, 1))) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  if (!key_eq(pa_key(pa, 4), &pod_system_program_id)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  pod_rate_state_t st;
  rate_load(&st, p);
  if (pa_rule(pa, pod_rule_rate_limit(&st, pa->now, 0), 1516, 35, SUB_OVF)) return 1;
  rate_store(p, &st);
  /* the content hash (BLAKE3 through the secure buffer) is discarded: only its size rule shows */
  if (pa_rule(pa, pod_rule_hash_buffer(a->content.len), 0, 0, "")) return 1;
  pod_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = POD_EVENT_MESSAGE_BROADCAST;
  ev.u.message_broadcast.channel = *pa_key(pa, 0);
  ev.u.message_broadcast.sender = p->participant;
  ev.u.message_broadcast.message_type = a->message_type;
  ev.u.message_broadcast.timestamp = pa->now;
  pa_emit(pa, &ev);
  char name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, pa->a[0].u.channel.name);
  pod_exec_log(pa->ctx, "Compressed message broadcasted to channel: %s, IPFS: %.*s", name,
               (int)a->ipfs_hash.len, a->ipfs_hash.ptr ? a->ipfs_hash.ptr : "");
  return 0;
}

static const pa_slot_t S_JOIN_CHANNEL_COMPRESSED[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                                      {PA_ACCOUNT, POD_ACCT_AGENT, 0},
                                                      {PA_ACCOUNT, POD_ACCT_INVITATION, 0},
                                                      {PA_SIGNER, 0, 0},
                                                      {PA_SIGNER, 0, 0},
                                                      {PA_SYSTEM, 0, 0},
                                                      LIGHT_SLOTS};

static int h_join_channel_compressed(pa_t *pa) {
  pod_channel_account_t *c = &pa->a[0].u.channel;
  const pod_pubkey_t *auth = pa_key(pa, 4);
  if (!key_eq(&pa->a[1].u.agent.pubkey, auth)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  if (c->current_participants >= c->max_participants) return pa_error(pa, POD_ERR_CHANNEL_FULL);
  if (c->visibility == POD_VISIBILITY_PRIVATE) { /* Q16: is_used and the channel ignored */
    if (!pa->some[2]) return pa_error(pa, POD_ERR_PRIVATE_CHANNEL_REQUIRES_INVITATION);
    const pod_channel_invitation_t *v = &pa->a[2].u.invitation;
    if (!key_eq(&v->invitee, auth)) return pa_error(pa, POD_ERR_UNAUTHORIZED);
    if (pa->now > v->expires_at) return pa_error(pa, POD_ERR_MESSAGE_EXPIRED);
    if (!v->is_accepted) return pa_error(pa, POD_ERR_UNAUTHORIZED);
  }
  /* Q17: no record, no duplicate check, no fee; metadata_hash ignored */
  if (c->current_participants == UINT32_MAX) return pa_panic(pa, 1619, 9, ADD_OVF);
  c->current_participants += 1;
  pod_event_t ev;
  memset(&ev, 0, sizeof ev);
  ev.kind = POD_EVENT_CHANNEL_JOINED;
  ev.u.channel_joined.channel = *pa_key(pa, 0);
  ev.u.channel_joined.participant = *pa_key(pa, 1);
  ev.u.channel_joined.timestamp = pa->now;
  pa_emit(pa, &ev);
  char name[PA_DEBUG_STR_SZ(POD_CHANNEL_NAME_MAX)];
  pa_debug_str(name, sizeof name, c->name);
  pod_exec_log(pa->ctx, "Agent joined channel with compression: %s", name);
  return 0;
}

static const pa_slot_t S_BATCH_SYNC[] = {{PA_ACCOUNT, POD_ACCT_CHANNEL, 0},
                                         {PA_SIGNER, 0, 0},
                                         {PA_SIGNER, 0, 0},
                                         {PA_SYSTEM, 0, 0},
                                         {PA_COMPRESSION, 0, 0},
                                         LIGHT_SLOTS};

static void sync_events(pa_t *pa, const uint8_t *hashes, size_t n, int64_t ts) {
  for (size_t i = 0; i < n; i++) {
    pod_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.kind = POD_EVENT_COMPRESSED_MESSAGE_SYNCED;
    pod_event_compressed_message_synced_t *e = &ev.u.compressed_message_synced;
    e->channel_id = *pa_key(pa, 0);
    memcpy(e->message_hash, hashes + 32 * i, 32);
    pod_blake3(e->compressed_hash, hashes + 32 * i, 32);
    e->batch_index = (uint32_t)i;
    e->sync_timestamp = ts;
    pa_emit(pa, &ev);
  }
}

static int h_batch_sync(pa_t *pa) {
  const pod_ix_batch_sync_compressed_messages_args_t *a =
      &pa->args.u.batch_sync_compressed_messages;
  pod_channel_account_t *c = &pa->a[0].u.channel;
  const uint8_t *hashes = (const uint8_t *)a->message_hashes;
  size_t n = a->message_hash_cnt, bad = 0;
  uint32_t r = pod_validate_batch_sync(hashes, n, a->sync_timestamp, pa->now, &c->creator,
                                       pa_key(pa, 2), &bad);
  if (r == POD_ERR_INVALID_MESSAGE_HASH) { /* the earlier hashes' events are logged first (Q21) */
    sync_events(pa, hashes, bad, a->sync_timestamp);
    return pa_error(pa, r);
  }
  if (pa_rule(pa, r, 1653, 26, SUB_OVF)) return 1; /* Q40 */
  sync_events(pa, hashes, n, a->sync_timestamp);
  uint64_t size = 32 * (uint64_t)n;
  c->last_sync_timestamp = a->sync_timestamp;
  c->total_compressed_messages =
      c->total_compressed_messages > UINT64_MAX - n ? UINT64_MAX : c->total_compressed_messages + n;
  c->compressed_data_size =
      c->compressed_data_size > UINT64_MAX - size ? UINT64_MAX : c->compressed_data_size + size;
  uint64_t ratio = size ? (n * 1024u * 100u) / size : 100; /* 3200 or 100 */
  pod_exec_log(pa->ctx,
               "Batch synced %llu compressed messages at timestamp: %lld, compression ratio: "
               "%llu%%, total size: %llu bytes",
               (unsigned long long)n, (long long)a->sync_timestamp, (unsigned long long)ratio,
               (unsigned long long)size);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the table: slots, seeds, constraints, handler, compute units, lib.rs line of the Accounts
 * struct. Compute units are a deterministic stand-in (PROTOCOL.md §11.3), of the order of what
 * the Anchor program spends; each System CPI adds the engine's 1 000 + 150. docs/LEDGER.md lists
 * the same figures. */

static const pa_ix_t IX_DEFS[POD_IX_COUNT] = {
    [POD_IX_REGISTER_AGENT] = {S_REGISTER_AGENT, seeds_register_agent, NULL, h_register_agent,
                               12000, 0, 1712},
    [POD_IX_SEND_MESSAGE] = {S_SEND_MESSAGE, seeds_send_message, check_send_message, h_send_message,
                             14000, 0, 1728},
    [POD_IX_UPDATE_AGENT] = {S_UPDATE_AGENT, seeds_update_agent, check_update_agent, h_update_agent,
                             8000, 0, 1756},
    [POD_IX_UPDATE_MESSAGE_STATUS] = {S_UPDATE_MESSAGE_STATUS, seeds_update_message_status, NULL,
                                      h_update_message_status, 7000, 0, 1768},
    [POD_IX_CREATE_CHANNEL] = {S_CREATE_CHANNEL, seeds_create_channel, NULL, h_create_channel,
                               12000, 0, 1796},
    [POD_IX_DEPOSIT_ESCROW] = {S_DEPOSIT_ESCROW, seeds_deposit_escrow, NULL, h_deposit_escrow,
                               11000, 0, 1812},
    [POD_IX_WITHDRAW_ESCROW] = {S_WITHDRAW_ESCROW, seeds_withdraw_escrow, NULL, h_withdraw_escrow,
                                7000, 0, 1830},
    [POD_IX_JOIN_CHANNEL] = {S_JOIN_CHANNEL, seeds_join_channel, check_join_channel, h_join_channel,
                             20000, 0, 1846},
    [POD_IX_LEAVE_CHANNEL] = {S_LEAVE_CHANNEL, seeds_leave_channel, check_leave_channel,
                              h_leave_channel, 9000, 0, 1881},
    [POD_IX_BROADCAST_MESSAGE] = {S_BROADCAST_MESSAGE, seeds_broadcast_message,
                                  check_broadcast_message, h_broadcast_message, 18000, 0, 1902},
    [POD_IX_INVITE_TO_CHANNEL] = {S_INVITE_TO_CHANNEL, seeds_invite_to_channel,
                                  check_invite_to_channel, h_invite_to_channel, 16000, 0, 1941},
    [POD_IX_GET_CHANNEL_PARTICIPANTS] = {S_GET_CHANNEL_PARTICIPANTS, seeds_none, NULL,
                                         h_get_channel_participants, 3000, 0, 1970},
    [POD_IX_UPDATE_CHANNEL] = {S_UPDATE_CHANNEL, seeds_none, check_update_channel, h_update_channel,
                               6000, 0, 1975},
    [POD_IX_CREATE_CHANNEL_V2] = {S_CREATE_CHANNEL_V2, seeds_create_channel_v2,
                                  check_create_channel_v2, h_create_channel_v2, 22000, 0, 1985},
    [POD_IX_BROADCAST_MESSAGE_COMPRESSED] = {S_BROADCAST_MESSAGE_COMPRESSED, seeds_none, NULL,
                                             h_broadcast_message_compressed, 14000, 0, 2019},
    [POD_IX_JOIN_CHANNEL_COMPRESSED] = {S_JOIN_CHANNEL_COMPRESSED, seeds_none, NULL,
                                        h_join_channel_compressed, 9000, 0, 2048},
    [POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES] = {S_BATCH_SYNC, seeds_none, NULL, h_batch_sync, 6000,
                                               2500, 2076},
};

const pa_ix_t *lg_pod_ix_def(int kind) {
  if (kind < 0 || kind >= POD_IX_COUNT) return NULL;
  return &IX_DEFS[kind];
}
