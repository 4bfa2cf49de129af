/* pod quickstart: the whole PoD story on a fresh ledger, in one process, each step printed with
 * its transaction signature — two agents, an encrypted direct message, a channel, an escrow. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char pod_cli_help_quickstart[] =
    "Runs the whole PoD story on a fresh ledger and prints each step with its transaction\n"
    "signature: two agents (alice and bob) get wallets and SOL, register, alice sends bob an\n"
    "ENCRYPTED direct message (sealed off-chain content, its hash on chain) which bob reads and\n"
    "marks read; alice creates a channel, bob joins it, both broadcast; bob deposits to the\n"
    "channel's escrow and withdraws; then what happened is listed from the ledger.\n"
    "\n"
    "  --dir DIR   work in DIR (created; kept): DIR/ledger, DIR/alice.json, DIR/bob.json.\n"
    "              Default: a temporary directory, removed at the end (unless --keep)\n"
    "  --url URL   run against a node instead (e.g. http://127.0.0.1:8899, a podd: funding by\n"
    "              airdrop); the keypairs still go to DIR\n"
    "  --keep      keep the temporary directory\n"
    "\n"
    "output:\n"
    "  text    one block per step (title, signature, milliseconds), then a summary\n"
    "  --json  {\"url\":..,\"dir\":..,\"kept\":b,\"alice\":..,\"bob\":..,\"steps\":[{\"step\":..,\n"
    "          \"title\":..,\"signature\":..|null,\"ms\":x}],\"summary\":{...},\"elapsed_ms\":x}\n"
    "  -q      the signatures, one a line\n";

#define NSTEPS 13
#define SOL 1000000000ull
#define ESCROW_LAMPORTS (SOL / 10)

typedef struct {
  const pod_cli_opts_t *o;
  int n;           /* steps done */
  long long t0;    /* this step's start (ns) */
  long long start; /* the run's start (ns) */
  int json_steps;  /* steps written to the JSON array */
  char *json;      /* the steps array, built as we go (JSON is printed at the end) */
  size_t json_len, json_cap;
} qs_t;

static void jcat(qs_t *q, const char *s, size_t n) {
  if (q->json_len + n + 1 > q->json_cap) {
    size_t cap = q->json_cap ? q->json_cap * 2 : 4096;
    while (cap < q->json_len + n + 1)
      cap *= 2;
    char *p = realloc(q->json, cap);
    if (!p) return; /* the JSON is then cut short; the run itself goes on */
    q->json = p;
    q->json_cap = cap;
  }
  memcpy(q->json + q->json_len, s, n);
  q->json_len += n;
  q->json[q->json_len] = '\0';
}

static void jprintf(qs_t *q, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void jprintf(qs_t *q, const char *fmt, ...) {
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (k > 0) jcat(q, buf, (size_t)k < sizeof buf ? (size_t)k : sizeof buf - 1);
}

/* A JSON string into the steps buffer. */
static void jstr(qs_t *q, const char *s, size_t n) {
  jcat(q, "\"", 1);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    char e[8];
    if (c == '"' || c == '\\') {
      e[0] = '\\';
      e[1] = (char)c;
      jcat(q, e, 2);
    } else if (c < 0x20 || c == 0x7f) {
      snprintf(e, sizeof e, "\\u%04x", c);
      jcat(q, e, 6);
    } else {
      jcat(q, (const char *)&s[i], 1);
    }
  }
  jcat(q, "\"", 1);
}

static void step_begin(qs_t *q) { q->t0 = pod_cli_now_ns(); }

/* Prints step id/title with its signature (NULL: none) and an extra line (may be NULL). */
static void step_end(qs_t *q, const char *id, const char *title, const char *sig,
                     const char *extra) {
  double ms = (double)(pod_cli_now_ns() - q->t0) / 1e6;
  q->n++;
  const pod_cli_opts_t *o = q->o;
  if (o->json) {
    jprintf(q, "%s{\"step\":\"%s\",\"title\":", q->json_steps++ ? "," : "", id);
    jstr(q, title, strlen(title));
    if (sig)
      jprintf(q, ",\"signature\":\"%s\",\"ms\":%.3f}", sig, ms);
    else
      jprintf(q, ",\"signature\":null,\"ms\":%.3f}", ms);
  } else if (o->quiet) {
    if (sig) printf("%s\n", sig);
  } else {
    printf("%s%2d. %-58s%s %7.2f ms\n", pod_cli_bold(o, stdout), q->n, title,
           pod_cli_reset(o, stdout), ms);
    if (sig) printf("    signature: %s\n", sig);
    if (extra) printf("    %s\n", extra);
    fflush(stdout);
  }
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  remove(path);
  return 0;
}

static int fail(pod_client *c, const pod_cli_opts_t *o, int r, const char *step) {
  char what[96];
  snprintf(what, sizeof what, "quickstart: %s", step);
  return pod_cli_sdk_fail(c, o, r, what);
}

/* Creates a client for kp on url (embedded: sharing `shared`'s ledger when given). */
static int open_client(pod_client **out, const char *url, pod_client *shared,
                       const pod_keypair_t *kp) {
  pod_client_opts_t co = POD_CLIENT_OPTS_INIT;
  co.endpoint = url;
  co.keypair = kp;
  co.commitment = POD_COMMITMENT_CONFIRMED;
  if (shared) co.ledger = pod_client_ledger(shared);
  char err[512];
  int rc = pod_client_new_err(out, err, sizeof err, &co);
  if (rc) return pod_cli_fail(POD_EXIT_ERROR, "quickstart: cannot open %s: %s", url, err);
  return POD_EXIT_OK;
}

int pod_cmd_quickstart(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *dir_arg = NULL;
  int keep = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--dir")) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "quickstart: --dir needs a directory");
      dir_arg = argv[++i];
    } else if (!strcmp(argv[i], "--keep")) {
      keep = 1;
    } else if (!strcmp(argv[i], "--")) {
      continue;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE,
                          "quickstart: unknown argument '%s' (see 'pod quickstart --help')",
                          argv[i]);
    }
  }
  qs_t q = {0};
  q.o = o;
  q.start = pod_cli_now_ns();

  /* ---- the directory, the ledger, the wallets ---- */
  char dir[POD_CLI_PATH_SZ], url[POD_CLI_PATH_SZ + 16], path[POD_CLI_PATH_SZ + 32];
  int temp = !dir_arg;
  if (dir_arg) {
    if (strlen(dir_arg) >= sizeof dir - 32)
      return pod_cli_fail(POD_EXIT_USAGE, "quickstart: --dir: the path is too long");
    snprintf(dir, sizeof dir, "%s", dir_arg);
    if (pod_cli_mkdirs(dir, 1))
      return pod_cli_fail(POD_EXIT_ERROR, "quickstart: cannot create %s: %s", dir, strerror(errno));
    snprintf(path, sizeof path, "%s/ledger/data.mdb", dir);
    if (!o->url && access(path, F_OK) == 0)
      return pod_cli_fail(POD_EXIT_ERROR,
                          "quickstart: %s already holds a ledger; the quickstart starts from a "
                          "fresh one: give a new --dir (or remove %s/ledger)",
                          dir, dir);
  } else {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/pod-quickstart.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir))
      return pod_cli_fail(POD_EXIT_ERROR, "quickstart: cannot create a temporary directory: %s",
                          strerror(errno));
  }
  int embedded = !o->url;
  if (embedded)
    snprintf(url, sizeof url, "embedded:%s/ledger", dir);
  else
    snprintf(url, sizeof url, "%s", o->url);

  int rc = POD_EXIT_OK, r;
  pod_client *ca = NULL, *cb = NULL;
  pod_keypair_t ka, kb;
  pod_pubkey_t alice, bob, msg, channel, escrow, bmsg;
  char sig[POD_CLIENT_SIG_SZ], a58[POD_PUBKEY_B58_SZ], b58[POD_PUBKEY_B58_SZ];
  char ch58[POD_PUBKEY_B58_SZ], m58[POD_PUBKEY_B58_SZ], e58[POD_PUBKEY_B58_SZ];
  char line[1024], cid[POD_CID_MAX] = "";
  uint8_t *plain = NULL;
  size_t plain_n = 0;
  int sealed = 0;
  pod_keypair_generate(&ka);
  pod_keypair_generate(&kb);
  pod_keypair_pubkey(&alice, &ka);
  pod_keypair_pubkey(&bob, &kb);
  pod_pubkey_to_base58(a58, &alice);
  pod_pubkey_to_base58(b58, &bob);
  snprintf(path, sizeof path, "%s/alice.json", dir);
  int wr = pod_keypair_write_file(&ka, path, 0);
  snprintf(path, sizeof path, "%s/bob.json", dir);
  if (wr == POD_OK) wr = pod_keypair_write_file(&kb, path, 0);
  if (wr != POD_OK) {
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "quickstart: cannot write the wallets in %s (%s): give a new --dir", dir,
                      pod_strerror(wr));
    goto done;
  }
  if ((rc = open_client(&ca, url, NULL, &ka))) goto done;
  if ((rc = open_client(&cb, url, embedded ? ca : NULL, &kb))) goto done;
  if (!o->json && !o->quiet)
    printf("pod quickstart on %s\nalice: %s\nbob:   %s\n\n", pod_client_endpoint(ca), a58, b58);

  /* ---- 1-2: SOL from the faucet ---- */
  step_begin(&q);
  if ((r = pod_client_airdrop(sig, ca, &alice, 2 * SOL))) goto fail_a_airdrop;
  step_end(&q, "fund_alice", "alice gets 2 SOL from the faucet", sig, NULL);
  step_begin(&q);
  if ((r = pod_client_airdrop(sig, cb, &bob, 2 * SOL))) goto fail_b_airdrop;
  step_end(&q, "fund_bob", "bob gets 2 SOL from the faucet", sig, NULL);

  /* ---- 3-4: on-chain identities ---- */
  step_begin(&q);
  if ((r = pod_agent_register(NULL, sig, ca, POD_CAP_TEXT | POD_CAP_CODE,
                              "https://example.com/alice.json"))) {
    rc = fail(ca, o, r, "alice registers");
    goto done;
  }
  step_end(&q, "register_alice", "alice registers as an agent (text, code)", sig, NULL);
  step_begin(&q);
  if ((r = pod_agent_register(NULL, sig, cb, POD_CAP_ANALYSIS, "https://example.com/bob.json"))) {
    rc = fail(cb, o, r, "bob registers");
    goto done;
  }
  step_end(&q, "register_bob", "bob registers as an agent (analysis)", sig, NULL);

  /* ---- 5-7: an encrypted direct message ---- */
  static const char DM[] = "gm bob: this message is sealed for you and me alone";
  step_begin(&q);
  if ((r = pod_message_send_content(&msg, sig, cid, ca, &bob, DM, sizeof DM - 1,
                                    (pod_message_type_t){POD_MSG_TEXT, 0}, POD_MESSAGE_ENCRYPT))) {
    rc = fail(ca, o, r, "alice sends bob an encrypted message");
    goto done;
  }
  pod_pubkey_to_base58(m58, &msg);
  snprintf(line, sizeof line,
           "message: %s\n    content: %s (sealed: only alice and bob can open it)", m58, cid);
  step_end(&q, "send_encrypted", "alice sends bob an encrypted direct message", sig, line);
  step_begin(&q);
  if ((r = pod_message_read(&plain, &plain_n, &sealed, cb, &msg))) {
    rc = fail(cb, o, r, "bob reads the message");
    goto done;
  }
  {
    int ok = sealed && plain_n == sizeof DM - 1 && !memcmp(plain, DM, plain_n);
    if (!ok) {
      rc = pod_cli_fail(POD_EXIT_ERROR, "quickstart: bob read back something else than alice "
                                        "sent (or it was not sealed): this is a bug");
      goto done;
    }
    snprintf(line, sizeof line, "decrypted: \"%.*s\"", (int)plain_n, (const char *)plain);
  }
  step_end(&q, "read_encrypted", "bob fetches the content and decrypts it", NULL, line);
  step_begin(&q);
  if ((r = pod_message_set_status(sig, cb, &msg, POD_STATUS_READ))) {
    rc = fail(cb, o, r, "bob marks the message read");
    goto done;
  }
  step_end(&q, "mark_read", "bob marks it read", sig, NULL);

  /* ---- 8-11: a channel ---- */
  pod_channel_create_args_t cargs = {0};
  cargs.name = "quickstart";
  cargs.description = "where alice and bob meet";
  cargs.visibility = POD_VISIBILITY_PUBLIC;
  cargs.max_participants = 10;
  step_begin(&q);
  if ((r = pod_channel_create(&channel, sig, ca, &cargs))) {
    rc = fail(ca, o, r, "alice creates a channel");
    goto done;
  }
  pod_pubkey_to_base58(ch58, &channel);
  snprintf(line, sizeof line, "channel: %s", ch58);
  step_end(&q, "create_channel", "alice creates the public channel \"quickstart\"", sig, line);
  step_begin(&q);
  if ((r = pod_channel_join(sig, cb, &channel))) {
    rc = fail(cb, o, r, "bob joins the channel");
    goto done;
  }
  step_end(&q, "join_channel", "bob joins it", sig, NULL);
  static const char HELLO[] = "hello, channel: bob here";
  static const char WELCOME[] = "welcome, bob";
  step_begin(&q);
  if ((r = pod_channel_broadcast(&bmsg, sig, cb, &channel, HELLO, sizeof HELLO - 1,
                                 (pod_message_type_t){POD_MSG_TEXT, 0}, NULL))) {
    rc = fail(cb, o, r, "bob broadcasts");
    goto done;
  }
  step_end(&q, "broadcast_bob", "bob broadcasts to the channel", sig, NULL);
  step_begin(&q);
  if ((r = pod_channel_broadcast(NULL, sig, ca, &channel, WELCOME, sizeof WELCOME - 1,
                                 (pod_message_type_t){POD_MSG_TEXT, 0}, &bmsg))) {
    rc = fail(ca, o, r, "alice replies");
    goto done;
  }
  step_end(&q, "broadcast_alice", "alice replies in the channel", sig, NULL);

  /* ---- 12-13: escrow ---- */
  step_begin(&q);
  if ((r = pod_escrow_deposit(&escrow, sig, cb, &channel, ESCROW_LAMPORTS))) {
    rc = fail(cb, o, r, "bob deposits to the escrow");
    goto done;
  }
  pod_pubkey_to_base58(e58, &escrow);
  snprintf(line, sizeof line, "escrow: %s", e58);
  step_end(&q, "escrow_deposit", "bob deposits 0.1 SOL to the channel's escrow", sig, line);
  step_begin(&q);
  if ((r = pod_escrow_withdraw(sig, cb, &channel, ESCROW_LAMPORTS))) {
    rc = fail(cb, o, r, "bob withdraws from the escrow");
    goto done;
  }
  step_end(&q, "escrow_withdraw", "bob withdraws the 0.1 SOL", sig, NULL);

  /* ---- what happened, read back from the ledger ---- */
  {
    pod_agent_t *agents = NULL;
    pod_message_t *inbox = NULL;
    pod_channel_message_rec_t *posts = NULL;
    pod_participant_t *members = NULL;
    size_t na = 0, ni = 0, np = 0, nm = 0;
    pod_escrow_t esc;
    pod_channel_t ch;
    uint64_t bal_a = 0, bal_b = 0;
    if ((r = pod_agent_list(&agents, &na, ca, 0)) ||
        (r = pod_message_inbox(&inbox, &ni, cb, NULL)) ||
        (r = pod_channel_get(&ch, ca, &channel)) ||
        (r = pod_channel_messages(&posts, &np, ca, &channel)) ||
        (r = pod_channel_participants(&members, &nm, ca, &channel, 1)) ||
        (r = pod_escrow_get(&esc, cb, &channel, NULL)) ||
        (r = pod_client_balance(&bal_a, ca, &alice)) ||
        (r = pod_client_balance(&bal_b, ca, &bob))) {
      rc = fail(ca, o, r, "listing what happened");
    } else {
      double elapsed = (double)(pod_cli_now_ns() - q.start) / 1e6;
      uint8_t status = ni ? inbox[0].account.status : 0;
      static const char *const ST[] = {"pending", "delivered", "read", "failed"};
      char sa[32], sb[32];
      pod_cli_sol_text(sa, bal_a);
      pod_cli_sol_text(sb, bal_b);
      if (o->json) {
        printf("{\"url\":");
        pod_cli_json_str(stdout, pod_client_endpoint(ca), strlen(pod_client_endpoint(ca)));
        printf(",\"dir\":");
        pod_cli_json_str(stdout, dir, strlen(dir));
        printf(",\"kept\":%s,\"alice\":\"%s\",\"bob\":\"%s\",\"steps\":[%s],",
               temp && !keep ? "false" : "true", a58, b58, q.json ? q.json : "");
        printf("\"summary\":{\"agents\":%zu,\"message\":\"%s\",\"content\":\"%s\",\"encrypted\":%s,"
               "\"decrypted\":",
               na, m58, cid, sealed ? "true" : "false");
        pod_cli_json_str(stdout, (const char *)plain, plain_n);
        printf(",\"message_status\":\"%s\",\"inbox\":%zu,\"channel\":\"%s\",\"members\":%zu,"
               "\"channel_messages\":%zu,\"escrow\":\"%s\",\"escrow_amount\":%llu,"
               "\"alice_lamports\":%llu,\"bob_lamports\":%llu},",
               status < 4 ? ST[status] : "?", ni, ch58, nm, np, e58,
               (unsigned long long)esc.account.amount, (unsigned long long)bal_a,
               (unsigned long long)bal_b);
        printf("\"elapsed_ms\":%.3f}\n", elapsed);
      } else if (!o->quiet) {
        printf("\n%swhat happened%s (read back from the ledger)\n", pod_cli_bold(o, stdout),
               pod_cli_reset(o, stdout));
        printf("  agents:   %zu registered\n", na);
        printf("  bob's inbox: %zu message, from alice's agent, status %s, content sealed (%s)\n",
               ni, status < 4 ? ST[status] : "?", cid);
        printf("  channel %.*s: %zu members, %zu messages\n", (int)ch.account.name.len,
               ch.account.name.ptr, nm, np);
        for (size_t i = 0; i < np; i++) {
          const pod_channel_message_t *x = &posts[i].account;
          pod_pubkey_t aa;
          pod_pda_agent(&aa, NULL, &alice);
          printf("    %s: %.*s%s\n", pod_pubkey_eq(&x->sender, &aa) ? "alice" : "bob  ",
                 (int)x->content.len, x->content.ptr, x->has_reply_to ? "  (a reply)" : "");
        }
        printf("  escrow:   deposited %llu, withdrew %llu lamports: %llu left\n",
               (unsigned long long)ESCROW_LAMPORTS, (unsigned long long)ESCROW_LAMPORTS,
               (unsigned long long)esc.account.amount);
        printf("  balances: alice %s SOL, bob %s SOL (fees and rent paid)\n", sa, sb);
        printf("\n%d steps, %d transactions in %.0f ms.\n", q.n, q.n - 1, elapsed);
        if (temp && !keep)
          printf("(the ledger in %s is removed now; pod quickstart --dir DIR keeps it)\n", dir);
        else if (embedded)
          printf("explore it: pod --url %s --keypair %s/alice.json agent list\n", url, dir);
        else
          printf("alice's and bob's keypairs: %s/alice.json, %s/bob.json\n", dir, dir);
      }
    }
    pod_agent_list_free(agents);
    pod_message_list_free(inbox);
    pod_channel_message_list_free(posts);
    pod_participant_list_free(members);
  }
  goto done;

fail_a_airdrop:
  rc = fail(ca, o, r, "funding alice");
  goto done;
fail_b_airdrop:
  rc = fail(cb, o, r, "funding bob");
done:
  pod_keypair_wipe(&ka);
  pod_keypair_wipe(&kb);
  pod_content_free(plain);
  pod_client_free(cb);
  pod_client_free(ca);
  free(q.json);
  if (temp && !keep) nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  return rc;
}
