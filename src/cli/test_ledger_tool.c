/* pod_test_ledger: makes ledgers for test_cli.sh's `pod ledger verify` checks (built with the
 * tests only, never installed).
 *
 *   pod_test_ledger DIR make        create the ledger in DIR (clock at 1 700 000 000, manual),
 *                                   airdrop 1 SOL to wallet A (PROTOCOL.md §6.2, seed 01 x 32)
 *                                   and send A's register_agent(1,
 * "https://example.com/agent.json") (the §6.2 transaction, with the ledger's blockhash)
 *   pod_test_ledger DIR tamper      add 1 lamport to wallet A's account behind the engine's back
 *   pod_test_ledger DIR tamper-pod  change the bump stored in A's AgentAccount (252 -> 251), so the
 *                                   account is no longer at the address its seeds say
 * The tampering writes LMDB directly (docs/LEDGER.md: an `acct` value is lamports u64 LE, owner
 * 32, executable 1, rent_epoch 8, then the data).
 *
 * Exit 0 on success, 1 with a message otherwise. */
#include <lmdb.h>
#include <stdio.h>
#include <string.h>

#include "pod/ledger.h"
#include "pod/pod.h"

#define ACCT_HDR 49              /* lamports, owner, executable, rent_epoch */
#define AGENT_BUMP_OFF (78 + 30) /* PROTOCOL.md §2.4: 78 + L, L = 30 */

static int fail(const char *what, int rc) {
  fprintf(stderr, "pod_test_ledger: %s: %s\n", what, pod_strerror(rc));
  return 1;
}

static int make(const char *dir, const pod_keypair_t *kp) {
  pod_pubkey_t a;
  pod_keypair_pubkey(&a, kp);
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = 1700000000;
  o.map_size = (uint64_t)64 << 20;
  pod_ledger *l = NULL;
  int rc = pod_ledger_open(&l, dir, &o);
  if (rc != POD_OK) return fail("open", rc);
  pod_tx_error_t err;
  rc = pod_ledger_airdrop(l, NULL, &err, &a, 1000000000ull);
  if (rc != POD_OK) {
    pod_ledger_close(l);
    return fail("airdrop", rc);
  }
  static const char uri[] = "https://example.com/agent.json";
  pod_ix_register_agent_args_t args = {1, {uri, sizeof uri - 1}};
  static pod_ix_t ix;
  uint8_t bh[32], wire[POD_TXN_MTU];
  size_t wire_sz = 0;
  const pod_keypair_t *signers[1] = {kp};
  pod_ledger_result_t res;
  if ((rc = pod_ix_register_agent(&ix, &a, &args)) == POD_OK &&
      (rc = pod_ledger_latest_blockhash(l, bh, NULL)) == POD_OK &&
      (rc = pod_txn_build(wire, sizeof wire, &wire_sz, &ix.ix, 1, bh, signers, 1)) == POD_OK) {
    rc = pod_ledger_process(l, wire, wire_sz, &res);
    pod_ledger_result_free(&res);
  }
  pod_ledger_close(l);
  return rc == POD_OK ? 0 : fail("register_agent", rc);
}

/* Adds 1 to the lamports of `key` (bump_off < 0), or subtracts 1 from its data byte bump_off. */
static int tamper(const char *dir, const pod_pubkey_t *key, long bump_off) {
  MDB_env *env = NULL;
  MDB_txn *t = NULL;
  MDB_dbi dbi;
  MDB_val k = {32, (void *)key->b}, v;
  int rc = mdb_env_create(&env);
  if (!rc) rc = mdb_env_set_maxdbs(env, 8);
  if (!rc) rc = mdb_env_open(env, dir, 0, 0600);
  if (!rc) rc = mdb_txn_begin(env, NULL, 0, &t);
  if (!rc) rc = mdb_dbi_open(t, "acct", 0, &dbi);
  if (!rc) rc = mdb_get(t, dbi, &k, &v);
  if (!rc && v.mv_size < 8) rc = MDB_CORRUPTED;
  if (!rc) {
    uint8_t buf[4096];
    size_t n = v.mv_size < sizeof buf ? v.mv_size : sizeof buf;
    memcpy(buf, v.mv_data, n);
    if (bump_off < 0) {
      for (int i = 0; i < 8 && ++buf[i] == 0; i++) /* lamports + 1, little-endian */
        ;
    } else if ((size_t)bump_off < n - ACCT_HDR) {
      buf[ACCT_HDR + bump_off]--;
    } else {
      rc = MDB_BAD_VALSIZE;
    }
    MDB_val nv = {n, buf};
    if (!rc) rc = mdb_put(t, dbi, &k, &nv, 0);
  }
  if (!rc) {
    rc = mdb_txn_commit(t);
    t = NULL;
  }
  if (t) mdb_txn_abort(t);
  if (env) mdb_env_close(env);
  if (rc) {
    fprintf(stderr, "pod_test_ledger: tamper %s: %s\n", dir, mdb_strerror(rc));
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: pod_test_ledger DIR make|tamper|tamper-pod\n");
    return 1;
  }
  uint8_t seed[32];
  memset(seed, 1, sizeof seed);
  pod_keypair_t kp;
  pod_pubkey_t a, agent;
  if (pod_keypair_from_seed(&kp, seed) != POD_OK) return 1;
  pod_keypair_pubkey(&a, &kp);
  if (pod_pda_agent(&agent, NULL, &a) != POD_OK) return 1;
  if (!strcmp(argv[2], "make")) return make(argv[1], &kp);
  if (!strcmp(argv[2], "tamper")) return tamper(argv[1], &a, -1);
  if (!strcmp(argv[2], "tamper-pod")) return tamper(argv[1], &agent, AGENT_BUMP_OFF);
  fprintf(stderr, "pod_test_ledger: unknown action '%s'\n", argv[2]);
  return 1;
}
