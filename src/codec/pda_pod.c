/* The PoD program's address and the addresses of its accounts (PROTOCOL.md §1.1, §3.2). Each
 * helper only lays out the seeds in the program's order; pod_pda_find does the rest. */
#include "pod/program.h"

/* HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps */
const pod_pubkey_t pod_program_id = {{0xf1, 0x44, 0xfb, 0xc3, 0x3c, 0xbd, 0xa5, 0xef,
                                      0x8e, 0xdd, 0xc2, 0xbe, 0xdd, 0x78, 0xa6, 0x44,
                                      0x23, 0x07, 0x24, 0xc6, 0xde, 0x0c, 0xdb, 0xd1,
                                      0xb2, 0x27, 0xb6, 0xf2, 0x27, 0xff, 0xe0, 0xb8}};

/* cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK (SPL Account Compression) */
const pod_pubkey_t pod_compression_program_id = {{0x09, 0x2a, 0x13, 0xee, 0x95, 0xc4, 0x1c, 0xba,
                                                  0x08, 0xa6, 0x7f, 0x5a, 0xc6, 0x7e, 0x8d, 0xf7,
                                                  0xe1, 0xda, 0x11, 0x62, 0x5e, 0x1d, 0x64, 0x13,
                                                  0x7f, 0x8f, 0x4f, 0x23, 0x83, 0x03, 0x7f, 0x14}};

/* A string literal seed, without its NUL. */
#define SEED_STR(s) ((pod_seed_t){(s), sizeof(s) - 1})
#define SEED_KEY(k) ((pod_seed_t){(k)->b, sizeof((k)->b)})

static int find(pod_pubkey_t *out, uint8_t *bump, const pod_seed_t *seeds, size_t cnt) {
  return pod_pda_find(out, bump, seeds, cnt, &pod_program_id);
}

int pod_pda_agent(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *wallet) {
  if (!out || !wallet) return POD_EINVAL;
  const pod_seed_t s[] = {SEED_STR("agent"), SEED_KEY(wallet)};
  return find(out, bump, s, 2);
}

int pod_pda_message(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *sender_agent,
                    const pod_pubkey_t *recipient, const uint8_t payload_hash[32],
                    pod_message_type_t type) {
  if (!out || !sender_agent || !recipient || !payload_hash) return POD_EINVAL;
  /* Text..Response are their index; Custom(x) is 4 + x, which the program computes in u8 with
   * overflow checks: x >= 252 panics, so no such account can exist. */
  uint8_t type_byte;
  if (type.kind < POD_MSG_CUSTOM) {
    type_byte = type.kind;
  } else if (type.kind == POD_MSG_CUSTOM && type.custom <= 251) {
    type_byte = (uint8_t)(4 + type.custom);
  } else {
    return POD_EINVAL;
  }
  const pod_seed_t s[] = {SEED_STR("message"),
                          SEED_KEY(sender_agent),
                          SEED_KEY(recipient),
                          {payload_hash, 32},
                          {&type_byte, 1}};
  return find(out, bump, s, 5);
}

int pod_pda_channel(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *creator, const char *name,
                    size_t name_len) {
  if (!out || !creator || (name_len && !name)) return POD_EINVAL;
  if (name_len > POD_PDA_MAX_SEED_LEN) return POD_ETOOLARGE;
  const pod_seed_t s[] = {SEED_STR("channel"), SEED_KEY(creator), {name, name_len}};
  return find(out, bump, s, 3);
}

int pod_pda_participant(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                        const pod_pubkey_t *agent) {
  if (!out || !channel || !agent) return POD_EINVAL;
  const pod_seed_t s[] = {SEED_STR("participant"), SEED_KEY(channel), SEED_KEY(agent)};
  return find(out, bump, s, 3);
}

int pod_pda_invitation(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                       const pod_pubkey_t *invitee) {
  if (!out || !channel || !invitee) return POD_EINVAL;
  const pod_seed_t s[] = {SEED_STR("invitation"), SEED_KEY(channel), SEED_KEY(invitee)};
  return find(out, bump, s, 3);
}

int pod_pda_escrow(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                   const pod_pubkey_t *depositor) {
  if (!out || !channel || !depositor) return POD_EINVAL;
  const pod_seed_t s[] = {SEED_STR("escrow"), SEED_KEY(channel), SEED_KEY(depositor)};
  return find(out, bump, s, 3);
}

int pod_pda_channel_message(pod_pubkey_t *out, uint8_t *bump, const pod_pubkey_t *channel,
                            const pod_pubkey_t *sender_wallet, uint64_t nonce) {
  if (!out || !channel || !sender_wallet) return POD_EINVAL;
  uint8_t le[8]; /* nonce.to_le_bytes() */
  for (int i = 0; i < 8; i++)
    le[i] = (uint8_t)(nonce >> (8 * i));
  const pod_seed_t s[] = {
      SEED_STR("channel_message"), SEED_KEY(channel), SEED_KEY(sender_wallet), {le, sizeof le}};
  return find(out, bump, s, 4);
}
