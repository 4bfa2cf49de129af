/* Authority (issue 9, docs/RELIABILITY.md "Authority"): for every PoD instruction that acts on
 * someone's account, a transaction signed by somebody else is refused with the exact error the
 * program gives (PROTOCOL.md §4), and nothing changes: every account owned by the PoD program or
 * the System program (all wallets) is byte-for-byte as before, except the fee payer, who paid
 * exactly 5000 lamports per signature (a failed transaction is committed with its fee, as on a
 * cluster).
 *
 * In-process on the ledger (pod_ledger_open in a temporary directory, signed transactions through
 * pod_ledger_process). The helpers (wallets, tx, err_custom, ...) are those of the PoD program
 * tests, src/ledger/test_pod_program.h. One table, one row per refused case; the cases of each of
 * the 17 instructions, and why some are not here, are listed in docs/RELIABILITY.md.
 *
 * Cast: A creates the channels (X public, P private, F with a fee) and sent message M to B's
 * wallet; B is a member of X, invited to P, has an escrow in F; C is the attacker (a registered
 * agent, member of nothing); D a registered agent that joined nothing; E a wallet with no agent. */
#include "ledger/test_pod_program.h"

#include <pod/hash.h>

/* ---- the digest: every account of the PoD program and of the System program ---- */
typedef struct {
  pod_pubkey_t key, owner;
  uint64_t lamports;
  uint8_t executable;
  size_t data_sz;
  uint8_t data_hash[32];
} acct_sum_t;
typedef struct {
  acct_sum_t *v;
  size_t n, cap;
} world_t;

static int world_add(void *user, const pod_pubkey_t *key, const pod_account_t *a) {
  world_t *w = user;
  if (w->n == w->cap) {
    size_t cap = w->cap ? w->cap * 2 : 64;
    acct_sum_t *v = realloc(w->v, cap * sizeof *v);
    if (!v) return 1;
    w->v = v, w->cap = cap;
  }
  acct_sum_t *s = &w->v[w->n++];
  s->key = *key;
  s->owner = a->owner;
  s->lamports = a->lamports;
  s->executable = a->executable;
  s->data_sz = a->data_sz;
  pod_sha256(s->data_hash, a->data, a->data_sz);
  return 0;
}

static void world_take(world_t *w) {
  w->n = 0;
  pod_account_filter_t all;
  memset(&all, 0, sizeof all);
  CHECK_EQ(pod_ledger_get_accounts_by_owner(L, &pod_program_id, &all, world_add, w, NULL), POD_OK);
  CHECK_EQ(pod_ledger_get_accounts_by_owner(L, &pod_system_program_id, &all, world_add, w, NULL),
           POD_OK);
}

/* after == before, except that payer paid fee. Prints every difference. */
static int world_same(const world_t *before, const world_t *after, const pod_pubkey_t *payer,
                      uint64_t fee) {
  int good = before->n == after->n;
  if (!good) fprintf(stderr, "  %zu accounts before, %zu after\n", before->n, after->n);
  for (size_t i = 0; good && i < before->n; i++) {
    const acct_sum_t *b = &before->v[i], *a = &after->v[i];
    uint64_t want = b->lamports - (pod_pubkey_eq(&b->key, payer) ? fee : 0);
    if (!pod_pubkey_eq(&a->key, &b->key)) {
      fprintf(stderr, "  account %zu: %s, was %s\n", i, b58(&a->key), b58(&b->key));
      good = 0;
    } else if (a->lamports != want || a->executable != b->executable || a->data_sz != b->data_sz ||
               !pod_pubkey_eq(&a->owner, &b->owner) || memcmp(a->data_hash, b->data_hash, 32)) {
      fprintf(stderr, "  %s changed: lamports %llu (want %llu), data %zu -> %zu bytes%s\n",
              b58(&a->key), (unsigned long long)a->lamports, (unsigned long long)want, b->data_sz,
              a->data_sz, memcmp(a->data_hash, b->data_hash, 32) ? ", data differs" : "");
      good = 0;
    }
  }
  return good;
}

/* ---- the cast ---- */
static wallet_t A, B, C, D, E;
static pod_pubkey_t X, P, F, M;
static const uint8_t HASH_M[32] = {7, 7, 7};

static pod_pubkey_t participant(const pod_pubkey_t *ch, const wallet_t *w) {
  return participant_of(ch, w);
}
static pod_pubkey_t invitation(const pod_pubkey_t *ch, const wallet_t *w) {
  pod_pubkey_t k;
  CHECK_EQ(pod_pda_invitation(&k, NULL, ch, &w->pk), POD_OK);
  return k;
}
static pod_pubkey_t escrow(const pod_pubkey_t *ch, const wallet_t *w) {
  pod_pubkey_t k;
  CHECK_EQ(pod_pda_escrow(&k, NULL, ch, &w->pk), POD_OK);
  return k;
}

static void setup(void) {
  open_ledger(0);
  wallet(&A, 0xa1, 100 * SOL);
  wallet(&B, 0xb2, 100 * SOL);
  wallet(&C, 0xc3, 100 * SOL);
  wallet(&D, 0xd4, 100 * SOL);
  wallet(&E, 0xe5, 0);
  CHECK(register_agent(&A, "https://a.example/agent.json"));
  CHECK(register_agent(&B, "https://b.example/agent.json"));
  CHECK(register_agent(&C, "https://c.example/agent.json"));
  CHECK(register_agent(&D, "https://d.example/agent.json"));
  CHECK(create_channel_v2(&A, &X, "public", "open to all", POD_VISIBILITY_PUBLIC, 100, 0));
  CHECK(create_channel_v2(&A, &P, "private", "by invitation", POD_VISIBILITY_PRIVATE, 100, 0));
  CHECK(create_channel_v2(&A, &F, "paid", "fee 1000", POD_VISIBILITY_PUBLIC, 100, 1000));
  CHECK(join(&B, &X, 0, 0));
  CHECK(invite(&A, &P, 1, &B.pk, 1));
  CHECK(deposit(&B, &F, 1000000));
  pod_ix_t ix;
  pod_ix_send_message_args_t sm;
  memset(&sm, 0, sizeof sm);
  sm.recipient = B.pk;
  memcpy(sm.payload_hash, HASH_M, 32);
  sm.message_type.kind = POD_MSG_TEXT;
  CHECK_EQ(pod_ix_send_message(&ix, &A.pk, &sm), POD_OK);
  M = ix.metas[0].pubkey;
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
}

/* ---- the rows: each builds its instruction; the attacker is C unless the row says otherwise ----
 */
static const pod_light_accounts_t *NO_LIGHT = NULL;

static int b_register_at_A(pod_ix_t *ix) {
  pod_ix_register_agent_args_t a = {1, S("https://c.example/second.json")};
  int rc = pod_ix_register_agent(ix, &C.pk, &a);
  ix->metas[0].pubkey = A.agent;
  return rc;
}
static int b_register_unsigned(pod_ix_t *ix) {
  pod_ix_register_agent_args_t a = {1, S("https://e.example/agent.json")};
  int rc = pod_ix_register_agent(ix, &E.pk, &a);
  ix->metas[1].is_signer = 0;
  return rc;
}
static int b_send_as_A(pod_ix_t *ix) {
  pod_ix_send_message_args_t a;
  memset(&a, 0, sizeof a);
  a.recipient = D.pk;
  a.payload_hash[0] = 1;
  a.message_type.kind = POD_MSG_TEXT;
  int rc = pod_ix_send_message(ix, &C.pk, &a);
  ix->metas[1].pubkey = A.agent;
  if (rc == POD_OK)
    rc = pod_pda_message(&ix->metas[0].pubkey, NULL, &A.agent, &D.pk, a.payload_hash,
                         a.message_type);
  return rc;
}
static int b_send_unsigned(pod_ix_t *ix) {
  pod_ix_send_message_args_t a;
  memset(&a, 0, sizeof a);
  a.recipient = D.pk;
  a.payload_hash[0] = 2;
  a.message_type.kind = POD_MSG_TEXT;
  int rc = pod_ix_send_message(ix, &A.pk, &a);
  ix->metas[2].is_signer = 0;
  return rc;
}
static pod_ix_update_agent_args_t caps9(void) {
  pod_ix_update_agent_args_t a;
  memset(&a, 0, sizeof a);
  a.has_capabilities = 1;
  a.capabilities = 9;
  return a;
}
static int b_update_agent_A(pod_ix_t *ix) {
  pod_ix_update_agent_args_t a = caps9();
  int rc = pod_ix_update_agent(ix, &C.pk, &a);
  ix->metas[0].pubkey = A.agent;
  return rc;
}
static int b_update_agent_unsigned(pod_ix_t *ix) {
  pod_ix_update_agent_args_t a = caps9();
  int rc = pod_ix_update_agent(ix, &A.pk, &a);
  ix->metas[1].is_signer = 0;
  return rc;
}
static int status(pod_ix_t *ix, const wallet_t *w, uint8_t st) {
  pod_ix_update_message_status_args_t a = {st};
  return pod_ix_update_message_status(ix, &w->pk, &M, &a);
}
static int b_status_third(pod_ix_t *ix) { return status(ix, &C, POD_STATUS_READ); }
static int b_status_sender(pod_ix_t *ix) { return status(ix, &A, POD_STATUS_FAILED); }
static int b_status_with_B_agent(pod_ix_t *ix) {
  int rc = status(ix, &C, POD_STATUS_READ);
  ix->metas[1].pubkey = B.agent;
  return rc;
}
static int b_status_unsigned(pod_ix_t *ix) {
  int rc = status(ix, &B, POD_STATUS_READ);
  ix->metas[2].is_signer = 0;
  return rc;
}
static int b_create_channel_at_X(pod_ix_t *ix) {
  pod_ix_create_channel_args_t a = {S("public"), S("squat"), POD_VISIBILITY_PUBLIC, 10, 0};
  int rc = pod_ix_create_channel(ix, &C.pk, &a);
  ix->metas[0].pubkey = X;
  return rc;
}
static int b_create_channel_unsigned(pod_ix_t *ix) {
  pod_ix_create_channel_args_t a = {S("afresh"), S(""), POD_VISIBILITY_PUBLIC, 10, 0};
  int rc = pod_ix_create_channel(ix, &A.pk, &a);
  ix->metas[1].is_signer = 0;
  return rc;
}
static int b_create_v2_with_A_agent(pod_ix_t *ix) {
  pod_ix_create_channel_v2_args_t a = {S("cv2"), S(""), POD_VISIBILITY_PUBLIC, 10, 0};
  int rc = pod_ix_create_channel_v2(ix, &C.pk, &a);
  ix->metas[0].pubkey = A.agent;
  if (rc == POD_OK)
    rc = pod_pda_participant(&ix->metas[2].pubkey, NULL, &ix->metas[1].pubkey, &A.agent);
  return rc;
}
static int b_deposit_into_B_escrow(pod_ix_t *ix) {
  pod_ix_deposit_escrow_args_t a = {1000};
  int rc = pod_ix_deposit_escrow(ix, &C.pk, &F, &a);
  ix->metas[0].pubkey = escrow(&F, &B);
  return rc;
}
static int b_deposit_unsigned(pod_ix_t *ix) {
  pod_ix_deposit_escrow_args_t a = {1000};
  int rc = pod_ix_deposit_escrow(ix, &D.pk, &F, &a);
  ix->metas[2].is_signer = 0;
  return rc;
}
static int b_create_v2_unsigned(pod_ix_t *ix) {
  pod_ix_create_channel_v2_args_t a = {S("dv2"), S(""), POD_VISIBILITY_PUBLIC, 10, 0};
  int rc = pod_ix_create_channel_v2(ix, &D.pk, &a);
  ix->metas[3].is_signer = 0;
  return rc;
}
static int b_withdraw_B(pod_ix_t *ix) {
  pod_ix_withdraw_escrow_args_t a = {1000};
  int rc = pod_ix_withdraw_escrow(ix, &C.pk, &F, &a);
  ix->metas[0].pubkey = escrow(&F, &B);
  return rc;
}
static int b_withdraw_unsigned(pod_ix_t *ix) {
  pod_ix_withdraw_escrow_args_t a = {1000};
  int rc = pod_ix_withdraw_escrow(ix, &B.pk, &F, &a);
  ix->metas[2].is_signer = 0;
  return rc;
}
static int b_join_with_B_invitation(pod_ix_t *ix) {
  int rc = pod_ix_join_channel(ix, &C.pk, &P, 0, 0);
  ix->metas[3].pubkey = invitation(&P, &B);
  ix->metas[3].is_writable = 1;
  return rc;
}
static int b_join_with_B_escrow(pod_ix_t *ix) {
  int rc = pod_ix_join_channel(ix, &C.pk, &F, 0, 0);
  ix->metas[4].pubkey = escrow(&F, &B);
  ix->metas[4].is_writable = 1;
  return rc;
}
static int b_join_as_D(pod_ix_t *ix) {
  int rc = pod_ix_join_channel(ix, &C.pk, &X, 0, 0);
  ix->metas[2].pubkey = D.agent;
  ix->metas[1].pubkey = participant(&X, &D);
  return rc;
}
static int b_join_unsigned(pod_ix_t *ix) {
  int rc = pod_ix_join_channel(ix, &D.pk, &X, 0, 0);
  ix->metas[5].is_signer = 0;
  return rc;
}
static int b_leave_B_participant(pod_ix_t *ix) {
  int rc = pod_ix_leave_channel(ix, &C.pk, &X);
  ix->metas[1].pubkey = participant(&X, &B);
  return rc;
}
static int b_leave_as_B(pod_ix_t *ix) {
  int rc = pod_ix_leave_channel(ix, &C.pk, &X);
  ix->metas[1].pubkey = participant(&X, &B);
  ix->metas[2].pubkey = B.agent;
  return rc;
}
static int b_leave_unsigned(pod_ix_t *ix) {
  int rc = pod_ix_leave_channel(ix, &B.pk, &X);
  ix->metas[3].is_signer = 0;
  return rc;
}
static int bcast(pod_ix_t *ix, const wallet_t *w, uint64_t nonce) {
  pod_ix_broadcast_message_args_t a;
  memset(&a, 0, sizeof a);
  a.content = S("gm");
  a.message_type.kind = POD_MSG_TEXT;
  a.nonce = nonce;
  return pod_ix_broadcast_message(ix, &w->pk, &X, &a);
}
static int b_bcast_B_participant(pod_ix_t *ix) {
  int rc = bcast(ix, &C, 1);
  ix->metas[1].pubkey = participant(&X, &B);
  return rc;
}
static int b_bcast_as_B(pod_ix_t *ix) {
  int rc = bcast(ix, &C, 2);
  ix->metas[1].pubkey = participant(&X, &B);
  ix->metas[2].pubkey = B.agent;
  return rc;
}
static int b_bcast_unsigned(pod_ix_t *ix) {
  int rc = bcast(ix, &B, 3);
  ix->metas[4].is_signer = 0;
  return rc;
}
static int inv(pod_ix_t *ix, const wallet_t *w, const pod_pubkey_t *ch, uint64_t nonce) {
  pod_ix_invite_to_channel_args_t a = {E.pk, nonce};
  return pod_ix_invite_to_channel(ix, &w->pk, ch, 0, &a);
}
static int b_invite_nonmember(pod_ix_t *ix) { return inv(ix, &C, &X, 1); }
static int b_invite_B_participant(pod_ix_t *ix) {
  int rc = inv(ix, &C, &X, 2);
  ix->metas[1].pubkey = participant(&X, &B);
  return rc;
}
static int b_invite_as_creator(pod_ix_t *ix) {
  int rc = inv(ix, &C, &P, 3);
  ix->metas[2].pubkey = A.agent;
  return rc;
}
static int b_invite_unsigned(pod_ix_t *ix) {
  int rc = inv(ix, &A, &P, 4);
  ix->metas[4].is_signer = 0;
  return rc;
}
static pod_ix_update_channel_args_t deactivate(void) {
  pod_ix_update_channel_args_t a;
  memset(&a, 0, sizeof a);
  a.has_is_active = 1;
  a.is_active = 0;
  return a;
}
static int b_update_channel(pod_ix_t *ix) {
  pod_ix_update_channel_args_t a = deactivate();
  return pod_ix_update_channel(ix, &C.pk, &X, &a);
}
static int b_update_channel_unsigned(pod_ix_t *ix) {
  pod_ix_update_channel_args_t a = deactivate();
  int rc = pod_ix_update_channel(ix, &A.pk, &X, &a);
  ix->metas[1].is_signer = 0;
  return rc;
}
static int b_bmc_unsigned(pod_ix_t *ix) {
  pod_ix_broadcast_message_compressed_args_t a;
  memset(&a, 0, sizeof a);
  a.content = S("hi");
  a.message_type.kind = POD_MSG_TEXT;
  a.ipfs_hash = S("QmHash1");
  int rc = pod_ix_broadcast_message_compressed(ix, &C.pk, &B.pk, &X, NO_LIGHT, &a);
  ix->metas[3].is_signer = 0;
  return rc;
}
static int jcc(pod_ix_t *ix, const wallet_t *auth, const pod_pubkey_t *ch) {
  pod_ix_join_channel_compressed_args_t a;
  memset(&a, 0, sizeof a);
  return pod_ix_join_channel_compressed(ix, &C.pk, &auth->pk, ch, 0, NO_LIGHT, &a);
}
static int b_jcc_D_agent(pod_ix_t *ix) {
  int rc = jcc(ix, &C, &X);
  ix->metas[1].pubkey = D.agent;
  return rc;
}
static int b_jcc_B_invitation(pod_ix_t *ix) {
  int rc = jcc(ix, &C, &P);
  ix->metas[2].pubkey = invitation(&P, &B);
  return rc;
}
static int b_jcc_unsigned(pod_ix_t *ix) {
  int rc = jcc(ix, &B, &X);
  ix->metas[4].is_signer = 0;
  return rc;
}
static int bsync(pod_ix_t *ix, const wallet_t *auth) {
  static const uint8_t h[1][32] = {{1, 2, 3}};
  pod_ix_batch_sync_compressed_messages_args_t a = {h, 1, now()};
  return pod_ix_batch_sync_compressed_messages(ix, &C.pk, &auth->pk, &X, NO_LIGHT, &a);
}
static int b_sync_noncreator(pod_ix_t *ix) { return bsync(ix, &C); }
static int b_sync_unsigned(pod_ix_t *ix) {
  int rc = bsync(ix, &A);
  ix->metas[2].is_signer = 0;
  return rc;
}

typedef struct {
  const char *ix;   /* instruction */
  const char *what; /* the attempt */
  int (*build)(pod_ix_t *ix);
  const wallet_t *payer; /* fee payer and only signer */
  uint32_t code;         /* InstructionError(0, Custom(code)) */
  const char *err_name;  /* Anchor's error name in the log */
  const char *slot;      /* "caused by account: <slot>", or NULL: "AnchorError occurred" */
} row_t;

#define SEEDS 2006, "ConstraintSeeds"
#define NOT_SIGNER 3010, "AccountNotSigner"
#define UNAUTH 6001, "Unauthorized"

static const row_t rows[] = {
    {"register_agent", "C registers at A's agent PDA", b_register_at_A, &C, SEEDS, "agent_account"},
    {"register_agent", "E's wallet in signer, not signed", b_register_unsigned, &C, NOT_SIGNER,
     "signer"},
    {"send_message", "C sends as A (A's agent)", b_send_as_A, &C, SEEDS, "sender_agent"},
    {"send_message", "A's wallet in signer, not signed", b_send_unsigned, &C, NOT_SIGNER, "signer"},
    {"update_agent", "C updates A's agent", b_update_agent_A, &C, SEEDS, "agent_account"},
    {"update_agent", "A's wallet in signer, not signed", b_update_agent_unsigned, &C, NOT_SIGNER,
     "signer"},
    {"update_message_status", "C marks B's message Read", b_status_third, &C, UNAUTH, NULL},
    {"update_message_status", "sender A marks it Failed", b_status_sender, &A, UNAUTH, NULL},
    {"update_message_status", "C presents B's agent", b_status_with_B_agent, &C, SEEDS,
     "recipient_agent"},
    {"update_message_status", "B's wallet in signer, not signed", b_status_unsigned, &C, NOT_SIGNER,
     "signer"},
    {"create_channel", "C creates at A's channel PDA", b_create_channel_at_X, &C, SEEDS,
     "channel_account"},
    {"create_channel", "A's wallet as creator, not signed", b_create_channel_unsigned, &C,
     NOT_SIGNER, "creator"},
    {"create_channel_v2", "C creates with A's agent", b_create_v2_with_A_agent, &C, SEEDS,
     "agent_account"},
    {"create_channel_v2", "D's wallet as creator, not signed", b_create_v2_unsigned, &C, NOT_SIGNER,
     "creator"},
    {"deposit_escrow", "C deposits into B's escrow PDA", b_deposit_into_B_escrow, &C, SEEDS,
     "escrow_account"},
    {"deposit_escrow", "D's wallet as depositor, not signed", b_deposit_unsigned, &C, NOT_SIGNER,
     "depositor"},
    {"withdraw_escrow", "C withdraws B's escrow", b_withdraw_B, &C, SEEDS, "escrow_account"},
    {"withdraw_escrow", "B's wallet as depositor, not signed", b_withdraw_unsigned, &C, NOT_SIGNER,
     "depositor"},
    {"join_channel", "C joins P with B's invitation", b_join_with_B_invitation, &C, SEEDS,
     "invitation_account"},
    {"join_channel", "C joins F with B's escrow", b_join_with_B_escrow, &C, SEEDS,
     "escrow_account"},
    {"join_channel", "C joins X as D (D's agent)", b_join_as_D, &C, SEEDS, "agent_account"},
    {"join_channel", "D's wallet as user, not signed", b_join_unsigned, &C, NOT_SIGNER, "user"},
    {"leave_channel", "C leaves with B's participant", b_leave_B_participant, &C, SEEDS,
     "participant_account"},
    {"leave_channel", "C leaves as B (participant+agent)", b_leave_as_B, &C, SEEDS,
     "agent_account"},
    {"leave_channel", "B's wallet as user, not signed", b_leave_unsigned, &C, NOT_SIGNER, "user"},
    {"broadcast_message", "C posts with B's participant", b_bcast_B_participant, &C, SEEDS,
     "participant_account"},
    {"broadcast_message", "C posts as B (participant+agent)", b_bcast_as_B, &C, SEEDS,
     "agent_account"},
    {"broadcast_message", "B's wallet as user, not signed", b_bcast_unsigned, &C, NOT_SIGNER,
     "user"},
    {"invite_to_channel", "non-member C invites to X", b_invite_nonmember, &C, UNAUTH, NULL},
    {"invite_to_channel", "C invites with B's participant", b_invite_B_participant, &C, SEEDS,
     "participant_account"},
    {"invite_to_channel", "C invites as creator A (A's agent)", b_invite_as_creator, &C, SEEDS,
     "agent_account"},
    {"invite_to_channel", "A's wallet as inviter, not signed", b_invite_unsigned, &C, NOT_SIGNER,
     "inviter"},
    {"update_channel", "C deactivates A's channel X", b_update_channel, &C, UNAUTH,
     "channel_account"},
    {"update_channel", "A's wallet in signer, not signed", b_update_channel_unsigned, &C,
     NOT_SIGNER, "signer"},
    {"broadcast_message_compressed", "B as authority, not signed", b_bmc_unsigned, &C, NOT_SIGNER,
     "authority"},
    {"join_channel_compressed", "C joins with D's agent", b_jcc_D_agent, &C, UNAUTH, NULL},
    {"join_channel_compressed", "C joins P with B's invitation", b_jcc_B_invitation, &C, UNAUTH,
     NULL},
    {"join_channel_compressed", "B as authority, not signed", b_jcc_unsigned, &C, NOT_SIGNER,
     "authority"},
    {"batch_sync_compressed_messages", "non-creator C syncs X", b_sync_noncreator, &C, UNAUTH,
     NULL},
    {"batch_sync_compressed_messages", "A as authority, not signed", b_sync_unsigned, &C,
     NOT_SIGNER, "authority"},
};

static int run_row(const row_t *r, world_t *before, world_t *after) {
  tick(); /* a fresh slot: rows never collide in the status cache */
  pod_ix_t ix;
  if (r->build(&ix) != POD_OK) {
    fprintf(stderr, "  could not build the instruction\n");
    return 0;
  }
  world_take(before);
  tx(&ix.ix, r->payer, NULL);
  int good = err_custom(0, r->code);
  char want[200];
  if (r->slot)
    snprintf(want, sizeof want,
             "AnchorError caused by account: %s. Error Code: %s. Error Number: %u.", r->slot,
             r->err_name, r->code);
  else
    snprintf(want, sizeof want, "AnchorError occurred. Error Code: %s. Error Number: %u.",
             r->err_name, r->code);
  if (good && !has_substr(want)) {
    fprintf(stderr, "  no log line with \"%s\"\n", want);
    dump_result();
    good = 0;
  }
  if (good && R.fee != FEE) {
    fprintf(stderr, "  fee %llu, want %llu\n", (unsigned long long)R.fee, FEE);
    good = 0;
  }
  world_take(after);
  if (!world_same(before, after, &r->payer->pk, FEE)) good = 0;
  return good;
}

int main(void) {
  setup();
  world_t before = {0}, after = {0};
  size_t n = sizeof rows / sizeof rows[0], passed = 0;
  printf("%-31s %-37s %-6s %-22s %s\n", "instruction", "attempt", "error", "slot", "result");
  for (size_t i = 0; i < n; i++) {
    const row_t *r = &rows[i];
    int good = run_row(r, &before, &after);
    CHECK(good);
    if (!good) fprintf(stderr, "  ^ row %zu: %s: %s\n", i, r->ix, r->what);
    passed += good != 0;
    printf("%-31s %-37s %-6u %-22s %s\n", r->ix, r->what, r->code, r->slot ? r->slot : "(handler)",
           good ? "refused, unchanged" : "FAILED");
  }
  /* the digest sees a change: A's own update_agent succeeds and differs in A's agent account */
  tick();
  pod_ix_t ix;
  pod_ix_update_agent_args_t a = caps9();
  CHECK_EQ(pod_ix_update_agent(&ix, &A.pk, &a), POD_OK);
  world_take(&before);
  tx(&ix.ix, &A, NULL);
  CHECK(ok());
  world_take(&after);
  fprintf(stderr, "(control: the next lines must name A's agent account)\n");
  CHECK(!world_same(&before, &after, &A.pk, FEE));
  printf("%zu/%zu rows: refused with the expected error, only the fee charged (%zu accounts "
         "compared each time)\n",
         passed, n, after.n);
  free(before.v);
  free(after.v);
  close_ledger();
  TEST_DONE();
}
