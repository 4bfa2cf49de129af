/* pod_ledger_verify's checks of the PoD program's accounts (docs/LEDGER.md "Invariants").
 *
 * For every committed account owned by pod_com:
 *   - it decodes as the type its discriminator names, and its data length is that type's space;
 *   - it holds at least the rent-exempt minimum of its size (an escrow: rent + its `amount`, since
 *     withdrawals move lamports and join fees leave them in place, Q13);
 *   - it sits at the PDA its seeds say, re-derived with create_program_address and the stored bump:
 *       agent          ["agent", pubkey]
 *       message        ["message", sender, recipient, payload_hash, type byte]
 *       participant    ["participant", channel, participant]
 *       invitation     ["invitation", channel, invitee]
 *       escrow         ["escrow", channel, depositor]
 *       channel        ["channel", creator, name] — only while the stored name is the one the
 *                      address was derived from: v1 trims it (Q3) and update_channel renames
 *                      without moving (Q24), so a mismatch is counted as unverified, not an error;
 *       channel message: the nonce seed is not stored, so the address cannot be checked
 *                      (unverified);
 *   - the accounts it names exist with their type (nothing is ever closed): a message's sender
 *     agent; a participant's channel and agent; an invitation's and an escrow's channel; a channel
 *     message's channel and sender agent. */
#include "ledger_internal.h"
#include "pod_program.h"

#include <string.h>

static int pda_is(const pod_pubkey_t *key, const pod_seed_t *s, size_t n, uint8_t bump) {
  pod_seed_t all[POD_PDA_MAX_SEEDS];
  if (n >= POD_PDA_MAX_SEEDS) return 0;
  memcpy(all, s, n * sizeof *s);
  all[n].data = &bump;
  all[n].len = 1;
  pod_pubkey_t pda;
  return pod_pda_create(&pda, all, n + 1, &pod_program_id) == POD_OK && !memcmp(pda.b, key->b, 32);
}

/* The account `key` exists, is owned by pod_com and is of type `kind`. */
static int is_a(lg_pod_get_fn get, void *user, const pod_pubkey_t *key, int kind) {
  size_t len = 0;
  pod_pubkey_t owner;
  const uint8_t *d = get(user, key, &len, &owner);
  return d && !memcmp(owner.b, pod_program_id.b, 32) && pod_account_type(d, len) == kind;
}

void lg_pod_verify_account(lg_pod_verify_t *v, const pod_pubkey_t *key, uint64_t lamports,
                           const uint8_t *data, size_t len, lg_pod_get_fn get, void *user) {
  v->accounts++;
  pod_typed_account_t t;
  if (pod_account_decode(&t, data, len) != POD_OK || len != pod_account_space(t.kind) ||
      lamports < pod_rent_exempt_min(len)) {
    v->errors++;
    return;
  }
  int ok = 1;
  switch (t.kind) {
  case POD_ACCT_AGENT: {
    const pod_agent_account_t *a = &t.u.agent;
    pod_seed_t s[2] = {{"agent", 5}, {a->pubkey.b, 32}};
    ok = pda_is(key, s, 2, a->bump);
    break;
  }
  case POD_ACCT_MESSAGE: {
    const pod_message_account_t *m = &t.u.message;
    uint8_t tb = m->message_type.kind < POD_MSG_CUSTOM ? m->message_type.kind
                                                       : (uint8_t)(4 + m->message_type.custom);
    pod_seed_t s[5] = {
        {"message", 7}, {m->sender.b, 32}, {m->recipient.b, 32}, {m->payload_hash, 32}, {&tb, 1}};
    /* a Custom message can never be stored (Q6) */
    ok = m->message_type.kind < POD_MSG_CUSTOM && pda_is(key, s, 5, m->bump) &&
         is_a(get, user, &m->sender, POD_ACCT_AGENT);
    break;
  }
  case POD_ACCT_CHANNEL: {
    const pod_channel_account_t *c = &t.u.channel;
    pod_seed_t s[3] = {
        {"channel", 7}, {c->creator.b, 32}, {c->name.ptr ? c->name.ptr : "", c->name.len}};
    if (c->name.len > POD_CHANNEL_NAME_SEED_MAX || !pda_is(key, s, 3, c->bump)) v->unverified++;
    break;
  }
  case POD_ACCT_PARTICIPANT: {
    const pod_channel_participant_t *p = &t.u.participant;
    pod_seed_t s[3] = {{"participant", 11}, {p->channel.b, 32}, {p->participant.b, 32}};
    ok = pda_is(key, s, 3, p->bump) && is_a(get, user, &p->channel, POD_ACCT_CHANNEL) &&
         is_a(get, user, &p->participant, POD_ACCT_AGENT);
    break;
  }
  case POD_ACCT_INVITATION: {
    const pod_channel_invitation_t *i = &t.u.invitation;
    pod_seed_t s[3] = {{"invitation", 10}, {i->channel.b, 32}, {i->invitee.b, 32}};
    ok = pda_is(key, s, 3, i->bump) && is_a(get, user, &i->channel, POD_ACCT_CHANNEL);
    break;
  }
  case POD_ACCT_CHANNEL_MESSAGE: {
    const pod_channel_message_t *m = &t.u.channel_message;
    v->unverified++; /* the nonce seed is not stored */
    ok = is_a(get, user, &m->channel, POD_ACCT_CHANNEL) &&
         is_a(get, user, &m->sender, POD_ACCT_AGENT);
    break;
  }
  case POD_ACCT_ESCROW: {
    const pod_escrow_account_t *e = &t.u.escrow;
    pod_seed_t s[3] = {{"escrow", 6}, {e->channel.b, 32}, {e->depositor.b, 32}};
    uint64_t rent = pod_rent_exempt_min(len);
    ok = pda_is(key, s, 3, e->bump) && is_a(get, user, &e->channel, POD_ACCT_CHANNEL) &&
         e->amount <= UINT64_MAX - rent && lamports >= rent + e->amount;
    break;
  }
  default: ok = 0; break;
  }
  if (!ok) v->errors++;
}
