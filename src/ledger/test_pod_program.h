/* Shared helpers of the PoD program tests (test_pod_program*.c).
 *
 * The tests are written from PROTOCOL.md alone: every instruction is sent as a real signed
 * transaction (pod_txn_build, keypairs from fixed seeds, funded by airdrop, the ledger's latest
 * blockhash) to a ledger opened with a manual clock. Expected account bytes are assembled here by
 * hand from the §2.4 layouts (not with the codec's encoders), so that a misreading of the layout by
 * the program, the codec or these tests shows up as a difference.
 *
 * Conventions: one ledger per group (a mkdtemp directory, removed at the end); `R`/`RC` hold the
 * last transaction's result; helpers that check something return 1 on success and print what
 * differs otherwise, so the caller wraps them in CHECK() and the failure names the caller's line.
 */
#ifndef TEST_POD_PROGRAM_H
#define TEST_POD_PROGRAM_H

#include "pod/ledger.h"
#include "pod/pod.h"
#include "test/pod_test.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 1700000000
#define SOL 1000000000ull
#define FEE 5000ull
#define WEEK 604800
#define PROG "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps"
#define SYS "11111111111111111111111111111111"
#define CMT "cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK"
#define INVOKE1 "Program " PROG " invoke [1]"
#define SYS_INVOKE "Program " SYS " invoke [2]"
#define SYS_OK "Program " SYS " success"
#define CONSUMED "Program " PROG " consumed * of 200000 compute units"
#define PROG_OK "Program " PROG " success"

/* ---- the ledger of the current group ---- */
static pod_ledger *L;
static char Ldir[64];
static pod_ledger_result_t R; /* last transaction */
static int RC;                /* its return code */

static inline void open_ledger(int no_compression) {
  pod_ledger_opts_t o = POD_LEDGER_OPTS_INIT;
  o.manual_clock = 1;
  o.genesis_time = T0;
  o.no_compression = no_compression;
  strcpy(Ldir, "/tmp/podc-ptest-XXXXXX");
  CHECK(mkdtemp(Ldir) != NULL);
  L = NULL;
  CHECK_EQ(pod_ledger_open(&L, Ldir, &o), POD_OK);
  memset(&R, 0, sizeof R);
}

static inline void rm_dir(const char *d) {
  DIR *dh = opendir(d);
  if (!dh) return;
  struct dirent *e;
  char p[512];
  while ((e = readdir(dh)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    snprintf(p, sizeof p, "%s/%s", d, e->d_name);
    unlink(p);
  }
  closedir(dh);
  rmdir(d);
}

static inline void close_ledger(void) {
  pod_ledger_report_t rep;
  memset(&rep, 0, sizeof rep);
  int rc = pod_ledger_verify(L, &rep);
  if (rc != POD_OK)
    fprintf(stderr, "verify: total %llu expected %llu index_errors %llu\n",
            (unsigned long long)rep.total_lamports, (unsigned long long)rep.expected_lamports,
            (unsigned long long)rep.index_errors);
  CHECK_EQ(rc, POD_OK);
  pod_ledger_result_free(&R);
  pod_ledger_close(L);
  L = NULL;
  rm_dir(Ldir);
}

/* Moves the clock to t (forward only); the program then sees now == t. */
static inline int at(int64_t t) {
  if (pod_ledger_now(L) >= t) {
    fprintf(stderr, "at(%lld): clock already at %lld\n", (long long)t,
            (long long)pod_ledger_now(L));
    return 0;
  }
  if (pod_ledger_clock_set(L, t) != POD_OK) return 0;
  return pod_ledger_now(L) == t;
}
/* One second later (a new slot and blockhash: the same transaction may be sent again). */
static inline int64_t tick(void) {
  int64_t t = pod_ledger_now(L) + 1;
  CHECK(at(t));
  return t;
}
static inline int64_t now(void) { return pod_ledger_now(L); }

/* ---- keys ---- */
static inline const char *b58(const pod_pubkey_t *k) {
  static char ring[8][POD_PUBKEY_B58_SZ];
  static unsigned n;
  char *s = ring[n++ % 8];
  return pod_pubkey_to_base58(s, k);
}

typedef struct {
  pod_keypair_t kp;
  pod_pubkey_t pk;
  pod_pubkey_t agent; /* agent PDA ["agent", pk] */
  uint8_t agent_bump;
} wallet_t;

/* The wallet of seed (32 x seed_byte), funded with `lamports` (0: not funded). */
static inline void wallet(wallet_t *w, uint8_t seed_byte, uint64_t lamports) {
  uint8_t s[32];
  memset(s, seed_byte, 32);
  CHECK_EQ(pod_keypair_from_seed(&w->kp, s), POD_OK);
  pod_keypair_pubkey(&w->pk, &w->kp);
  CHECK_EQ(pod_pda_agent(&w->agent, &w->agent_bump, &w->pk), POD_OK);
  if (lamports) {
    pod_tx_error_t e;
    CHECK_EQ(pod_ledger_airdrop(L, NULL, &e, &w->pk, lamports), POD_OK);
  }
}

/* An output for pod_pda_* calls whose address is not needed (only the bump). */
#if defined(__GNUC__)
__attribute__((unused))
#endif
static pod_pubkey_t scratch_pda;

static inline void key_of(pod_pubkey_t *k, uint8_t byte) { memset(k->b, byte, 32); }

static inline uint64_t bal(const pod_pubkey_t *k) { return pod_ledger_balance(L, k); }

static inline int exists(const pod_pubkey_t *k) {
  pod_account_t a;
  memset(&a, 0, sizeof a);
  int rc = pod_ledger_get_account(L, k, &a);
  pod_ledger_account_free(&a);
  return rc == POD_OK;
}

/* ---- sending ---- */
static inline void dump_result(void) {
  char j[POD_TX_ERROR_TEXT_SZ] = "";
  if (R.has_err) pod_tx_error_json(j, sizeof j, NULL, &R.err);
  fprintf(stderr, "  rc %d, committed %d, fee %llu, err %s\n", RC, R.committed,
          (unsigned long long)R.fee, R.has_err ? j : "none");
  for (size_t i = 0; i < R.log_cnt; i++)
    fprintf(stderr, "  | %s\n", R.logs[i]);
}

static inline int txs(const pod_instruction_t *ixs, size_t n, const pod_keypair_t *const *signers,
                      size_t ns) {
  uint8_t wire[POD_TXN_MTU], bh[32];
  size_t sz = 0;
  pod_ledger_result_free(&R);
  memset(&R, 0, sizeof R);
  pod_ledger_latest_blockhash(L, bh, NULL);
  RC = pod_txn_build(wire, sizeof wire, &sz, ixs, n, bh, signers, ns);
  if (RC != POD_OK) {
    fprintf(stderr, "  pod_txn_build failed: %d\n", RC);
    return RC;
  }
  RC = pod_ledger_process(L, wire, sz, &R);
  if (R.has_err && R.err.kind == POD_TXERR_ALREADY_PROCESSED)
    fprintf(stderr, "  (test bug: the same transaction was sent twice in one slot)\n");
  return RC;
}
/* One instruction; signed by the payer (fee payer) and, if not NULL, `other`. */
static inline int tx(const pod_instruction_t *ix, const wallet_t *payer, const wallet_t *other) {
  const pod_keypair_t *s[2] = {&payer->kp, other ? &other->kp : NULL};
  return txs(ix, 1, s, other ? 2 : 1);
}

/* ---- result checks ---- */
static inline int ok(void) {
  if (RC == POD_OK && !R.has_err && R.committed) return 1;
  fprintf(stderr, "  expected success\n");
  dump_result();
  return 0;
}

static inline const char *last_log(void) { return R.log_cnt ? R.logs[R.log_cnt - 1] : ""; }

static inline int has_line(const char *s) {
  for (size_t i = 0; i < R.log_cnt; i++)
    if (!strcmp(R.logs[i], s)) return 1;
  return 0;
}
static inline int has_prefix(const char *p) {
  for (size_t i = 0; i < R.log_cnt; i++)
    if (!strncmp(R.logs[i], p, strlen(p))) return 1;
  return 0;
}
static inline size_t count_prefix(const char *p) {
  size_t n = 0;
  for (size_t i = 0; i < R.log_cnt; i++)
    if (!strncmp(R.logs[i], p, strlen(p))) n++;
  return n;
}
static inline int has_substr(const char *p) {
  for (size_t i = 0; i < R.log_cnt; i++)
    if (strstr(R.logs[i], p)) return 1;
  return 0;
}

/* Line matches pattern: exact, or with one '*' standing for any text. */
static inline int line_match(const char *line, const char *pat) {
  const char *star = strchr(pat, '*');
  if (!star) return !strcmp(line, pat);
  size_t pre = (size_t)(star - pat), suf = strlen(star + 1), n = strlen(line);
  return n >= pre + suf && !strncmp(line, pat, pre) && !strcmp(line + n - suf, star + 1);
}

/* The whole log is exactly `want` (lines with '*' are patterns). */
static inline int logs_are(const char *const *want, size_t n) {
  int good = R.log_cnt == n;
  for (size_t i = 0; good && i < n; i++)
    if (!line_match(R.logs[i], want[i])) good = 0;
  if (good) return 1;
  fprintf(stderr, "  logs differ; want:\n");
  for (size_t i = 0; i < n; i++)
    fprintf(stderr, "  > %s\n", want[i]);
  fprintf(stderr, "  got:\n");
  dump_result();
  return 0;
}
#define LOGS_ARE(...)                                                                              \
  logs_are((const char *const[]){__VA_ARGS__},                                                     \
           sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* Failed with InstructionError(idx, Custom(code)) and the fee charged. For pod_com codes the log
 * has Anchor's error line with that number; for System codes (0, 1) the System program's failed
 * line; the last line is always pod_com's failure. */
static inline int err_custom(unsigned idx, uint32_t code) {
  char want[128];
  int good = RC == POD_EPROGRAM && R.has_err && R.committed &&
             R.err.kind == POD_TXERR_INSTRUCTION_ERROR && R.err.index == idx &&
             R.err.ix_error == POD_IXERR_CUSTOM && R.err.custom == code;
  snprintf(want, sizeof want, "Program %s failed: custom program error: 0x%x", PROG, code);
  if (good && strcmp(last_log(), want)) {
    fprintf(stderr, "  last log line is not \"%s\"\n", want);
    good = 0;
  }
  if (good && code >= 100) {
    snprintf(want, sizeof want, "Error Number: %u. ", code);
    if (!has_substr(want) || !has_prefix("Program log: AnchorError ")) {
      fprintf(stderr, "  no Anchor error line with \"%s\"\n", want);
      good = 0;
    }
  }
  if (good && code < 100) {
    snprintf(want, sizeof want, "Program %s failed: custom program error: 0x%x", SYS, code);
    if (!has_line(want)) {
      fprintf(stderr, "  no System failure line \"%s\"\n", want);
      good = 0;
    }
  }
  if (!good) {
    fprintf(stderr, "  expected InstructionError(%u, Custom(%u))\n", idx, code);
    dump_result();
  }
  return good;
}

/* Failed with InstructionError(idx, <ix_err>) (not Custom). */
static inline int err_ix(unsigned idx, int ix_err) {
  int good = RC == POD_EPROGRAM && R.has_err && R.committed &&
             R.err.kind == POD_TXERR_INSTRUCTION_ERROR && R.err.index == idx &&
             R.err.ix_error == ix_err;
  if (!good) {
    fprintf(stderr, "  expected InstructionError(%u, %s)\n", idx, pod_ix_error_name(ix_err));
    dump_result();
  }
  return good;
}

/* A panic: ProgramFailedToComplete, a "panicked at" log entry, "failed: SBF program panicked". */
static inline int panicked(void) {
  int good = err_ix(0, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE);
  if (good && (!has_prefix("Program log: panicked at ") ||
               strcmp(last_log(), "Program " PROG " failed: SBF program panicked"))) {
    fprintf(stderr, "  panic log lines missing\n");
    dump_result();
    good = 0;
  }
  return good;
}

/* Simulates one instruction signed by payer (signatures verified); *r must be freed. */
static inline int simulate(const pod_instruction_t *ix, const wallet_t *payer,
                           pod_ledger_result_t *r) {
  uint8_t wire[POD_TXN_MTU], bh[32];
  size_t sz = 0;
  const pod_keypair_t *s[1] = {&payer->kp};
  memset(r, 0, sizeof *r);
  pod_ledger_latest_blockhash(L, bh, NULL);
  if (pod_txn_build(wire, sizeof wire, &sz, ix, 1, bh, s, 1) != POD_OK) return POD_EINVAL;
  pod_ledger_sim_opts_t so = {1, 0};
  return pod_ledger_simulate(L, wire, sz, &so, r);
}

/* ---- snapshots: "nothing changed except the fee" ---- */
typedef struct {
  pod_pubkey_t key;
  int found;
  pod_account_t a;
} snap1_t;
typedef struct {
  size_t n;
  snap1_t e[32];
} snap_t;

static inline void snap_add(snap_t *s, const pod_pubkey_t *k) {
  for (size_t i = 0; i < s->n; i++)
    if (pod_pubkey_eq(&s->e[i].key, k)) return;
  if (s->n == 32) return;
  snap1_t *e = &s->e[s->n++];
  memset(e, 0, sizeof *e);
  e->key = *k;
  e->found = pod_ledger_get_account(L, k, &e->a) == POD_OK;
}
static inline void snap_ix(snap_t *s, const pod_instruction_t *ix) {
  for (size_t i = 0; i < ix->account_cnt; i++)
    snap_add(s, &ix->accounts[i].pubkey);
}
static inline void snap_free(snap_t *s) {
  for (size_t i = 0; i < s->n; i++)
    pod_ledger_account_free(&s->e[i].a);
  s->n = 0;
}
/* Every snapshotted account is as before, except that `payer` paid `fee`. */
static inline int unchanged(const snap_t *s, const pod_pubkey_t *payer, uint64_t fee) {
  int good = 1;
  for (size_t i = 0; i < s->n; i++) {
    const snap1_t *e = &s->e[i];
    pod_account_t a;
    memset(&a, 0, sizeof a);
    int found = pod_ledger_get_account(L, &e->key, &a) == POD_OK;
    uint64_t want = e->found ? e->a.lamports : 0;
    if (payer && pod_pubkey_eq(payer, &e->key)) want -= fee;
    if (found != e->found && !(e->found && want == 0)) {
      fprintf(stderr, "  %s: %s\n", b58(&e->key), found ? "was created" : "disappeared");
      good = 0;
    } else if (found) {
      if (a.lamports != want) {
        fprintf(stderr, "  %s: lamports %llu, want %llu\n", b58(&e->key),
                (unsigned long long)a.lamports, (unsigned long long)want);
        good = 0;
      }
      if (e->found &&
          (a.data_sz != e->a.data_sz || (a.data_sz && memcmp(a.data, e->a.data, a.data_sz)) ||
           !pod_pubkey_eq(&a.owner, &e->a.owner))) {
        fprintf(stderr, "  %s: data or owner changed\n", b58(&e->key));
        good = 0;
      }
    }
    pod_ledger_account_free(&a);
  }
  return good;
}

/* Sends ix (payer + optional second signer) expecting Custom(code) at instruction 0 and no change
 * to any account of the instruction or the signers, except the fee. */
static inline int fails_custom(const pod_instruction_t *ix, const wallet_t *payer,
                               const wallet_t *other, uint32_t code) {
  snap_t s;
  s.n = 0;
  snap_ix(&s, ix);
  snap_add(&s, &payer->pk);
  if (other) snap_add(&s, &other->pk);
  tx(ix, payer, other);
  int good = err_custom(0, code);
  uint64_t fee = FEE * (other ? 2 : 1);
  if (good && R.fee != fee) {
    fprintf(stderr, "  fee %llu, want %llu\n", (unsigned long long)R.fee, (unsigned long long)fee);
    good = 0;
  }
  if (good && !unchanged(&s, &payer->pk, fee)) good = 0;
  snap_free(&s);
  return good;
}
/* The same for a non-Custom instruction error. */
static inline int fails_ix(const pod_instruction_t *ix, const wallet_t *payer,
                           const wallet_t *other, int ix_err) {
  snap_t s;
  s.n = 0;
  snap_ix(&s, ix);
  snap_add(&s, &payer->pk);
  if (other) snap_add(&s, &other->pk);
  tx(ix, payer, other);
  int good = err_ix(0, ix_err);
  uint64_t fee = FEE * (other ? 2 : 1);
  if (good && R.fee != fee) {
    fprintf(stderr, "  fee %llu, want %llu\n", (unsigned long long)R.fee, (unsigned long long)fee);
    good = 0;
  }
  if (good && !unchanged(&s, &payer->pk, fee)) good = 0;
  snap_free(&s);
  return good;
}

/* The Anchor error line of an account slot, e.g. caused("signer", "AccountNotSigner", 3010, ...).
 */
static inline int caused(const char *slot, const char *name, unsigned code, const char *msg) {
  char want[400];
  snprintf(want, sizeof want,
           "Program log: AnchorError caused by account: %s. Error Code: %s. Error Number: %u. "
           "Error Message: %s.",
           slot, name, code, msg);
  if (has_line(want)) return 1;
  fprintf(stderr, "  missing log line: %s\n", want);
  dump_result();
  return 0;
}
static inline int occurred(const char *name, unsigned code, const char *msg) {
  char want[400];
  snprintf(
      want, sizeof want,
      "Program log: AnchorError occurred. Error Code: %s. Error Number: %u. Error Message: %s.",
      name, code, msg);
  if (has_line(want)) return 1;
  fprintf(stderr, "  missing log line: %s\n", want);
  dump_result();
  return 0;
}
/* The four lines Left: <left> Right: <right> right after the error line. */
static inline int left_right(const pod_pubkey_t *left, const pod_pubkey_t *right) {
  char l[80], r[80];
  snprintf(l, sizeof l, "Program log: %s", b58(left));
  snprintf(r, sizeof r, "Program log: %s", b58(right));
  for (size_t i = 0; i + 3 < R.log_cnt; i++)
    if (!strcmp(R.logs[i], "Program log: Left:") && !strcmp(R.logs[i + 1], l) &&
        !strcmp(R.logs[i + 2], "Program log: Right:") && !strcmp(R.logs[i + 3], r))
      return 1;
  fprintf(stderr, "  missing Left: %s / Right: %s\n", b58(left), b58(right));
  dump_result();
  return 0;
}

#define MSG_SEEDS "A seeds constraint was violated"
#define MSG_MUT "A mut constraint was violated"
#define MSG_NOT_INIT "The program expected this account to be already initialized"
#define MSG_WRONG_OWNER "The given account is owned by a different program than expected"
#define MSG_DISC "Account discriminator did not match what was expected"
#define MSG_NOT_SIGNER "The given account did not sign"
#define MSG_NOT_ENOUGH "Not enough account keys given to the instruction"
#define MSG_PROGRAM_ID "Program ID was not as expected"
#define MSG_NOT_EXEC "Program account is not executable"
#define MSG_SERIALIZE "Failed to serialize the account"

/* ---- events ---- */
/* Decodes the k-th "Program data:" line of the last result. */
static inline int event_at(size_t k, pod_event_t *ev, uint8_t buf[POD_EVENT_DATA_MAX]) {
  for (size_t i = 0; i < R.log_cnt; i++) {
    if (strncmp(R.logs[i], POD_EVENT_LOG_PREFIX, POD_EVENT_LOG_PREFIX_LEN)) continue;
    if (k--) continue;
    return pod_event_decode_log(ev, buf, POD_EVENT_DATA_MAX, R.logs[i], strlen(R.logs[i]));
  }
  return POD_ENOTFOUND;
}

/* ---- accounts ---- */
/* Reads key's data into out (at most cap bytes); returns the data length or -1. */
static inline long acct_data(const pod_pubkey_t *k, uint8_t *out, size_t cap) {
  pod_account_t a;
  memset(&a, 0, sizeof a);
  if (pod_ledger_get_account(L, k, &a) != POD_OK) return -1;
  long n = (long)a.data_sz;
  memcpy(out, a.data, a.data_sz < cap ? a.data_sz : cap);
  pod_ledger_account_free(&a);
  return n;
}

/* The account exists, is owned by pod_com, not executable, holds `lamports` (unless 0) and its
 * data is exactly want[0..sz). */
static inline int acct_is(const pod_pubkey_t *k, uint64_t lamports, const uint8_t *want,
                          size_t sz) {
  pod_account_t a;
  memset(&a, 0, sizeof a);
  if (pod_ledger_get_account(L, k, &a) != POD_OK) {
    fprintf(stderr, "  account %s does not exist\n", b58(k));
    return 0;
  }
  int good = 1;
  if (!pod_pubkey_eq(&a.owner, &pod_program_id) || a.executable) {
    fprintf(stderr, "  %s: owner %s, executable %d\n", b58(k), b58(&a.owner), a.executable);
    good = 0;
  }
  if (lamports && a.lamports != lamports) {
    fprintf(stderr, "  %s: lamports %llu, want %llu\n", b58(k), (unsigned long long)a.lamports,
            (unsigned long long)lamports);
    good = 0;
  }
  if (a.data_sz != sz) {
    fprintf(stderr, "  %s: data length %zu, want %zu\n", b58(k), a.data_sz, sz);
    good = 0;
  } else {
    for (size_t i = 0; i < sz; i++)
      if (a.data[i] != want[i]) {
        fprintf(stderr, "  %s: first difference at byte %zu: %02x, want %02x\n", b58(k), i,
                a.data[i], want[i]);
        good = 0;
        break;
      }
  }
  pod_ledger_account_free(&a);
  return good;
}

/* A little writer for expected account images. */
typedef struct {
  uint8_t *p;
  size_t n;
} wbuf_t;
static inline void w_bytes(wbuf_t *w, const void *d, size_t n) {
  memcpy(w->p + w->n, d, n);
  w->n += n;
}
static inline void w_u8(wbuf_t *w, uint8_t v) { w->p[w->n++] = v; }
static inline void w_le(wbuf_t *w, uint64_t v, int n) {
  for (int i = 0; i < n; i++)
    w->p[w->n++] = (uint8_t)(v >> (8 * i));
}
static inline void w_str(wbuf_t *w, const char *s, size_t n) {
  w_le(w, n, 4);
  w_bytes(w, s, n);
}
static inline void w_type(wbuf_t *w, pod_message_type_t t) {
  w_u8(w, t.kind);
  if (t.kind == POD_MSG_CUSTOM) w_u8(w, t.custom);
}

/* §2.4 AgentAccount, space 286. */
static inline void img_agent(uint8_t out[POD_AGENT_SPACE], const pod_pubkey_t *wallet_key,
                             uint64_t caps, const char *uri, size_t ulen, int64_t t, uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_AGENT_SPACE);
  w_bytes(&w, "\xf1\x77\x45\x8c\xe9\x09\x70\x32", 8);
  w_bytes(&w, wallet_key->b, 32);
  w_le(&w, caps, 8);
  w_le(&w, 100, 8);
  w_le(&w, (uint64_t)t, 8);
  w_str(&w, uri, ulen);
  w_le(&w, 0, 2);
  w_le(&w, 0, 8);
  w_u8(&w, bump);
}

/* §2.4 MessageAccount, space 128. */
static inline void img_message(uint8_t out[POD_MESSAGE_SPACE], const pod_pubkey_t *sender,
                               const pod_pubkey_t *recipient, const uint8_t hash[32], int64_t t,
                               uint8_t type, uint8_t status, uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_MESSAGE_SPACE);
  w_bytes(&w, "\x61\x90\x18\x3a\xe1\x28\x59\xdf", 8);
  w_bytes(&w, sender->b, 32);
  w_bytes(&w, recipient->b, 32);
  w_bytes(&w, hash, 32);
  w_le(&w, (uint64_t)t, 8);
  w_le(&w, (uint64_t)(t + WEEK), 8);
  w_u8(&w, type);
  w_u8(&w, status);
  w_u8(&w, bump);
}

typedef struct {
  const pod_pubkey_t *creator;
  uint64_t fee, escrow_balance;
  int64_t created_at;
  uint32_t max, current;
  const char *name;
  size_t name_len;
  const char *desc;
  size_t desc_len;
  uint8_t visibility, is_active;
  int64_t last_sync;
  uint64_t total, size;
  uint8_t bump;
} chan_img_t;
/* §2.4 ChannelAccount, space 338 (writes only the serialization: call on a zeroed or old buffer).
 */
static inline size_t img_channel(uint8_t out[POD_CHANNEL_SPACE], const chan_img_t *c) {
  wbuf_t w = {out, 0};
  w_bytes(&w, "\x8c\xe8\x1a\x4e\x59\x1a\x11\xf4", 8);
  w_bytes(&w, c->creator->b, 32);
  w_le(&w, c->fee, 8);
  w_le(&w, c->escrow_balance, 8);
  w_le(&w, (uint64_t)c->created_at, 8);
  w_le(&w, c->max, 4);
  w_le(&w, c->current, 4);
  w_str(&w, c->name, c->name_len);
  w_str(&w, c->desc, c->desc_len);
  w_u8(&w, c->visibility);
  w_u8(&w, c->is_active);
  w_le(&w, (uint64_t)c->last_sync, 8);
  w_le(&w, c->total, 8);
  w_le(&w, c->size, 8);
  w_u8(&w, c->bump);
  w_le(&w, 0, 5);
  return w.n;
}

/* §2.4 ChannelParticipant, space 104. */
static inline void img_participant(uint8_t out[POD_PARTICIPANT_SPACE], const pod_pubkey_t *channel,
                                   const pod_pubkey_t *agent, int64_t joined, uint64_t sent,
                                   int64_t last, uint8_t active, uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_PARTICIPANT_SPACE);
  w_bytes(&w, "\x93\x59\xb8\xcf\x0a\xbe\x4e\x91", 8);
  w_bytes(&w, channel->b, 32);
  w_bytes(&w, agent->b, 32);
  w_le(&w, (uint64_t)joined, 8);
  w_le(&w, sent, 8);
  w_le(&w, (uint64_t)last, 8);
  w_u8(&w, active);
  w_u8(&w, bump);
}

/* §2.4 ChannelInvitation, space 168. */
static inline void img_invitation(uint8_t out[POD_INVITATION_SPACE], const pod_pubkey_t *channel,
                                  const pod_pubkey_t *inviter, const pod_pubkey_t *invitee,
                                  const uint8_t hash[32], int64_t t, uint64_t nonce,
                                  uint8_t accepted, uint8_t used, uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_INVITATION_SPACE);
  w_bytes(&w, "\x67\x24\x48\xc6\xad\x80\x00\xff", 8);
  w_bytes(&w, channel->b, 32);
  w_bytes(&w, inviter->b, 32);
  w_bytes(&w, invitee->b, 32);
  w_bytes(&w, hash, 32);
  w_le(&w, (uint64_t)t, 8);
  w_le(&w, (uint64_t)(t + WEEK), 8);
  w_le(&w, nonce, 8);
  w_u8(&w, accepted);
  w_u8(&w, used);
  w_u8(&w, bump);
}

/* §4.12 invitation hash: keccak256(channel ‖ inviter ‖ invitee ‖ nonce LE ‖ created_at LE). */
static inline void invitation_hash(uint8_t out[32], const pod_pubkey_t *channel,
                                   const pod_pubkey_t *inviter, const pod_pubkey_t *invitee,
                                   uint64_t nonce, int64_t t) {
  uint8_t buf[112];
  wbuf_t w = {buf, 0};
  w_bytes(&w, channel->b, 32);
  w_bytes(&w, inviter->b, 32);
  w_bytes(&w, invitee->b, 32);
  w_le(&w, nonce, 8);
  w_le(&w, (uint64_t)t, 8);
  pod_keccak256(out, buf, sizeof buf);
}

/* §2.4 ChannelMessage, space 1134. */
static inline void img_channel_message(uint8_t out[POD_CHANNEL_MESSAGE_SPACE],
                                       const pod_pubkey_t *channel, const pod_pubkey_t *sender,
                                       const pod_pubkey_t *reply_to, int64_t t, const char *content,
                                       size_t clen, pod_message_type_t type, uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_CHANNEL_MESSAGE_SPACE);
  w_bytes(&w, "\xac\x95\x4d\x1b\x58\xe3\x50\x57", 8);
  w_bytes(&w, channel->b, 32);
  w_bytes(&w, sender->b, 32);
  if (reply_to) {
    w_u8(&w, 1);
    w_bytes(&w, reply_to->b, 32);
  } else {
    w_u8(&w, 0);
  }
  w_le(&w, (uint64_t)t, 8);
  w_u8(&w, 0); /* edited_at None */
  w_str(&w, content, clen);
  w_type(&w, type);
  w_u8(&w, bump);
}

/* §2.4 EscrowAccount, space 96. */
static inline void img_escrow(uint8_t out[POD_ESCROW_SPACE], const pod_pubkey_t *channel,
                              const pod_pubkey_t *depositor, uint64_t amount, int64_t t,
                              uint8_t bump) {
  wbuf_t w = {out, 0};
  memset(out, 0, POD_ESCROW_SPACE);
  w_bytes(&w, "\x24\x45\x30\x12\x80\xe1\x7d\x87", 8);
  w_bytes(&w, channel->b, 32);
  w_bytes(&w, depositor->b, 32);
  w_le(&w, amount, 8);
  w_le(&w, (uint64_t)t, 8);
  w_u8(&w, bump);
}

/* Decoded views of live accounts (for follow-up checks after the exact-bytes ones). */
static uint8_t dec_buf[POD_ACCOUNT_SPACE_MAX];
static inline int get_channel(const pod_pubkey_t *k, pod_channel_account_t *c) {
  long n = acct_data(k, dec_buf, sizeof dec_buf);
  return n >= 0 && pod_channel_account_decode(c, dec_buf, (size_t)n) == POD_OK;
}
static inline int get_participant(const pod_pubkey_t *k, pod_channel_participant_t *p) {
  static uint8_t b[POD_PARTICIPANT_SPACE];
  long n = acct_data(k, b, sizeof b);
  return n >= 0 && pod_channel_participant_decode(p, b, (size_t)n) == POD_OK;
}
static inline int get_escrow(const pod_pubkey_t *k, pod_escrow_account_t *e) {
  static uint8_t b[POD_ESCROW_SPACE];
  long n = acct_data(k, b, sizeof b);
  return n >= 0 && pod_escrow_account_decode(e, b, (size_t)n) == POD_OK;
}
static inline int get_invitation(const pod_pubkey_t *k, pod_channel_invitation_t *v) {
  static uint8_t b[POD_INVITATION_SPACE];
  long n = acct_data(k, b, sizeof b);
  return n >= 0 && pod_channel_invitation_decode(v, b, (size_t)n) == POD_OK;
}

/* ---- common instruction set-ups ---- */
static inline pod_str_t S(const char *s) {
  pod_str_t r = {s, strlen(s)};
  return r;
}
static inline int register_agent(const wallet_t *w, const char *uri) {
  pod_ix_t ix;
  pod_ix_register_agent_args_t a = {1, S(uri)};
  if (pod_ix_register_agent(&ix, &w->pk, &a) != POD_OK) return 0;
  tx(&ix.ix, w, NULL);
  return ok();
}
/* create_channel (v1) by w; *ch receives the channel address. */
static inline int create_channel(const wallet_t *w, pod_pubkey_t *ch, const char *name,
                                 const char *desc, uint8_t vis, uint32_t max, uint64_t fee) {
  pod_ix_t ix;
  pod_ix_create_channel_args_t a = {S(name), S(desc), vis, max, fee};
  if (pod_ix_create_channel(&ix, &w->pk, &a) != POD_OK) return 0;
  *ch = ix.metas[0].pubkey;
  tx(&ix.ix, w, NULL);
  return ok();
}
static inline int create_channel_v2(const wallet_t *w, pod_pubkey_t *ch, const char *name,
                                    const char *desc, uint8_t vis, uint32_t max, uint64_t fee) {
  pod_ix_t ix;
  pod_ix_create_channel_v2_args_t a = {S(name), S(desc), vis, max, fee};
  if (pod_ix_create_channel_v2(&ix, &w->pk, &a) != POD_OK) return 0;
  *ch = ix.metas[1].pubkey;
  tx(&ix.ix, w, NULL);
  return ok();
}
static inline int activate(const wallet_t *creator, const pod_pubkey_t *ch) {
  pod_ix_t ix;
  pod_ix_update_channel_args_t a;
  memset(&a, 0, sizeof a);
  a.has_is_active = 1;
  a.is_active = 1;
  if (pod_ix_update_channel(&ix, &creator->pk, ch, &a) != POD_OK) return 0;
  tx(&ix.ix, creator, NULL);
  return ok();
}
static inline int join(const wallet_t *w, const pod_pubkey_t *ch, int with_inv, int with_escrow) {
  pod_ix_t ix;
  if (pod_ix_join_channel(&ix, &w->pk, ch, with_inv, with_escrow) != POD_OK) return 0;
  tx(&ix.ix, w, NULL);
  return ok();
}
static inline int leave(const wallet_t *w, const pod_pubkey_t *ch) {
  pod_ix_t ix;
  if (pod_ix_leave_channel(&ix, &w->pk, ch) != POD_OK) return 0;
  tx(&ix.ix, w, NULL);
  return ok();
}
static inline int invite(const wallet_t *inviter, const pod_pubkey_t *ch, int with_participant,
                         const pod_pubkey_t *invitee, uint64_t nonce) {
  pod_ix_t ix;
  pod_ix_invite_to_channel_args_t a = {*invitee, nonce};
  if (pod_ix_invite_to_channel(&ix, &inviter->pk, ch, with_participant, &a) != POD_OK) return 0;
  tx(&ix.ix, inviter, NULL);
  return ok();
}
static inline int deposit(const wallet_t *w, const pod_pubkey_t *ch, uint64_t amount) {
  pod_ix_t ix;
  pod_ix_deposit_escrow_args_t a = {amount};
  if (pod_ix_deposit_escrow(&ix, &w->pk, ch, &a) != POD_OK) return 0;
  tx(&ix.ix, w, NULL);
  return ok();
}

static inline pod_pubkey_t participant_of(const pod_pubkey_t *ch, const wallet_t *w) {
  pod_pubkey_t p;
  CHECK_EQ(pod_pda_participant(&p, NULL, ch, &w->agent), POD_OK);
  return p;
}

#endif
