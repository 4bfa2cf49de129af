/* The Anchor 0.31 framework layer of the PoD program: the pipeline of PROTOCOL.md §4.0 in its
 * order, Anchor's error log lines (§4.1), `init` as §5 describes it, panics (§6.4) and aborting
 * syscalls (§6.6). What each instruction declares (slot types, seeds, constraints, handler,
 * compute units) comes from pod_program.c through lg_pod_ix_def().
 *
 *   0. program id check (4100), dispatch on the discriminator (101; event-CPI tag 1500; the IDL
 *      tag is not implemented: 101, §11.6)
 *   1. "Program log: Instruction: <LogName>", compute units
 *   2. arguments (102)
 *   3. account deserialization in slot order: 3005, typed accounts (3012, 3007, 3001, 3002, 3003),
 *      Signer (3010), Program<System|Compression> (3008, 3009); optional slot = pod_com's id: None
 *   4. init slots in slot order: find_program_address, 2006, System CPIs (§5), 2000, 2005
 *   5. other slots in slot order: seeds (2006), mut (2000), custom constraints
 *   6. handler (it sets return data itself)
 *   7. exit: mut/init typed slots re-serialized in slot order (3004); the others never (Q10)
 *
 * A failed CPI fails the instruction at once with the CPI's error and no Anchor line (as the
 * runtime aborts the caller); panics log "panicked at ..." and fail with
 * ProgramFailedToComplete. */
#include "ledger_internal.h"
#include "pod_program.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define PA_FILE "programs/pod-com/src/lib.rs"
#define PA_SEED_ABORT                                                                              \
  "Could not create program address with signer seeds: Length of the seed is too long for "        \
  "address generation"

/* ------------------------------------------------------------------------------------------ */
/* logs and errors                                                                              */

/* Logs text as "Program log: " lines, one per '\n'-separated line. */
static void log_lines(pa_t *pa, const char *text) {
  const char *p = text;
  for (;;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    pod_exec_log(pa->ctx, "%.*s", (int)n, p);
    if (!nl) break;
    p = nl + 1;
  }
}

static int anchor_error(pa_t *pa, uint32_t code, const pod_anchor_origin_t *o) {
  char line[POD_ANCHOR_LOG_SZ + 128];
  if (pod_anchor_error_log(line, sizeof line, NULL, NULL, code, o) == POD_OK) log_lines(pa, line);
  return pod_exec_custom(pa->ctx, code);
}

const pod_pubkey_t *pa_key(const pa_t *pa, size_t slot) { return pod_exec_key(pa->ctx, slot); }

int pa_error(pa_t *pa, uint32_t code) { return anchor_error(pa, code, NULL); }

int pa_error_at(pa_t *pa, uint32_t code, size_t slot, const pod_pubkey_t *left,
                const pod_pubkey_t *right) {
  pod_anchor_origin_t o;
  memset(&o, 0, sizeof o);
  o.account = slot < pa->nsl ? pa->sl[slot].name : NULL;
  o.left = left;
  o.right = right;
  return anchor_error(pa, code, &o);
}

int pa_constraint(pa_t *pa, size_t slot, int cond, uint32_t code) {
  return cond ? 0 : pa_error_at(pa, code, slot, NULL, NULL);
}

static int error_thrown_lr(pa_t *pa, uint32_t code, uint32_t line, const pod_pubkey_t *left,
                           const pod_pubkey_t *right) {
  pod_anchor_origin_t o;
  memset(&o, 0, sizeof o);
  o.file = PA_FILE;
  o.line = line;
  o.left = left;
  o.right = right;
  return anchor_error(pa, code, &o);
}

int pa_error_thrown(pa_t *pa, uint32_t code, uint32_t line) {
  return error_thrown_lr(pa, code, line, NULL, NULL);
}

int pa_panic(pa_t *pa, unsigned line, unsigned col, const char *what) {
  char msg[256];
  snprintf(msg, sizeof msg, "Program log: panicked at %s:%u:%u:\n%s", PA_FILE, line, col, what);
  pod_exec_log_raw(pa->ctx, msg);
  return pod_exec_fail(pa->ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, "SBF program panicked");
}

static int seed_abort(pa_t *pa) {
  return pod_exec_fail(pa->ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, PA_SEED_ABORT);
}

int pa_rule(pa_t *pa, uint32_t r, unsigned line, unsigned col, const char *what) {
  if (r == POD_RULE_OK) return 0;
  if (r == POD_RULE_PANIC) return pa_panic(pa, line, col, what);
  if (r == POD_RULE_SEED_TOO_LONG) return seed_abort(pa);
  return pa_error(pa, r);
}

/* find_program_address as the program sees it: the syscall aborts on a seed over 32 bytes (or
 * too many seeds); no bump at all panics in the SDK (practically never). */
int pa_find_pda(pa_t *pa, pod_pubkey_t *out, uint8_t *bump, const pod_seed_t *seeds, size_t n) {
  int rc = pod_pda_find(out, bump, seeds, n, &pod_program_id);
  if (rc == POD_OK) return 0;
  if (rc == POD_ETOOLARGE) return seed_abort(pa);
  char msg[160];
  snprintf(msg, sizeof msg,
           "Program log: panicked at solana-program/src/pubkey.rs:0:0:\nUnable to find a viable "
           "program address bump seed");
  pod_exec_log_raw(pa->ctx, msg);
  return pod_exec_fail(pa->ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, "SBF program panicked");
}

void pa_emit(pa_t *pa, const pod_event_t *ev) {
  uint8_t buf[POD_EVENT_DATA_MAX];
  size_t len = 0;
  if (pod_event_encode(buf, sizeof buf, &len, ev) != POD_OK) return; /* cannot happen */
  const uint8_t *chunk[1] = {buf};
  pod_exec_log_data(pa->ctx, chunk, &len, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* Rust's Debug for str (§6.5)                                                                  */

/* Simplified Unicode tables (§10.8, §11.5): code points Rust prints as \u{..} in a debug string:
 * not printable (Cc, Cf, Zs other than ' ', Zl, Zp, private use, noncharacters) and the main
 * Grapheme_Extend blocks (combining marks). Exact for ASCII and Latin-1; elsewhere a rare
 * unassigned or extending code point may print as is where Rust escapes it. */
static const uint32_t escaped_ranges[][2] = {
    {0x7F, 0xA0},       {0xAD, 0xAD},       {0x300, 0x36F},      {0x483, 0x489},
    {0x591, 0x5BD},     {0x5BF, 0x5BF},     {0x5C1, 0x5C2},      {0x5C4, 0x5C5},
    {0x5C7, 0x5C7},     {0x600, 0x605},     {0x610, 0x61A},      {0x61C, 0x61C},
    {0x64B, 0x65F},     {0x670, 0x670},     {0x6D6, 0x6DD},      {0x6DF, 0x6E4},
    {0x6E7, 0x6E8},     {0x6EA, 0x6ED},     {0x70F, 0x711},      {0x730, 0x74A},
    {0x7A6, 0x7B0},     {0x890, 0x891},     {0x8E2, 0x8E2},      {0x900, 0x902},
    {0x93A, 0x93A},     {0x93C, 0x93C},     {0x941, 0x948},      {0x94D, 0x94D},
    {0x951, 0x957},     {0x962, 0x963},     {0xE31, 0xE31},      {0xE34, 0xE3A},
    {0xE47, 0xE4E},     {0x1680, 0x1680},   {0x180E, 0x180E},    {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},   {0x2000, 0x200F},   {0x2028, 0x202F},    {0x205F, 0x2064},
    {0x2066, 0x206F},   {0x20D0, 0x20F0},   {0x3000, 0x3000},    {0x302A, 0x302F},
    {0x3099, 0x309A},   {0xD800, 0xF8FF},   {0xFE00, 0xFE0F},    {0xFE20, 0xFE2F},
    {0xFEFF, 0xFEFF},   {0xFF9E, 0xFF9F},   {0xFFF0, 0xFFFB},    {0xFFFE, 0xFFFF},
    {0x110BD, 0x110BD}, {0x110CD, 0x110CD}, {0x13430, 0x1343F},  {0x1BCA0, 0x1BCA3},
    {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}, {0xF0000, 0x10FFFF},
};

static int escaped_cp(uint32_t cp) {
  if (cp < 0x20) return 1;
  if (cp < 0x7F) return 0;
  for (size_t i = 0; i < sizeof escaped_ranges / sizeof escaped_ranges[0]; i++)
    if (cp >= escaped_ranges[i][0] && cp <= escaped_ranges[i][1]) return 1;
  return 0;
}

/* Decodes one UTF-8 scalar at s (n > 0 bytes left); returns its length, 0 if invalid. */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  size_t len;
  uint32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    v = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (len > n) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (s[i] & 0x3F);
  }
  if ((len == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) || (len == 4 && v < 0x10000) ||
      v > 0x10FFFF)
    return 0;
  *cp = v;
  return len;
}

void pa_debug_str(char *out, size_t sz, pod_str_t s) {
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s.ptr;
  size_t n = s.ptr ? s.len : 0;
  if (sz == 0) return;
#define PUT(ch)                                                                                    \
  do {                                                                                             \
    if (o + 1 < sz) out[o++] = (char)(ch);                                                         \
  } while (0)
  PUT('"');
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = utf8_next(p + i, n - i, &cp);
    if (k == 0) { /* not reachable: Borsh only yields valid UTF-8 */
      cp = 0xFFFD;
      k = 1;
    }
    const char *esc = NULL;
    switch (cp) {
    case 0: esc = "\\0"; break;
    case '\t': esc = "\\t"; break;
    case '\r': esc = "\\r"; break;
    case '\n': esc = "\\n"; break;
    case '\\': esc = "\\\\"; break;
    case '"': esc = "\\\""; break;
    default: break;
    }
    if (esc) {
      for (; *esc; esc++)
        PUT(*esc);
    } else if (escaped_cp(cp)) {
      char u[16];
      snprintf(u, sizeof u, "\\u{%x}", (unsigned)cp);
      for (char *q = u; *q; q++)
        PUT(*q);
    } else {
      for (size_t j = 0; j < k; j++)
        PUT(p[i + j]);
    }
    i += k;
  }
  PUT('"');
#undef PUT
  out[o] = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* phase 3: typed account loading                                                               */

static int load_typed(pa_t *pa, size_t i, int kind) {
  pod_exec_ctx *ctx = pa->ctx;
  const pod_pubkey_t *owner = pod_exec_owner(ctx, i);
  if (!memcmp(owner->b, pod_system_program_id.b, 32) && pod_exec_lamports(ctx, i) == 0)
    return pa_error_at(pa, POD_ERR_ACCOUNT_NOT_INITIALIZED, i, NULL, NULL);
  if (memcmp(owner->b, pod_program_id.b, 32))
    return pa_error_at(pa, POD_ERR_ACCOUNT_OWNED_BY_WRONG_PROGRAM, i, owner, &pod_program_id);
  size_t len;
  const uint8_t *data = pod_exec_data(ctx, i, &len);
  int t = pod_account_type(data, len);
  if (t == POD_ENOTFOUND)
    return pa_error_at(pa, POD_ERR_ACCOUNT_DISCRIMINATOR_NOT_FOUND, i, NULL, NULL);
  if (t != kind) return pa_error_at(pa, POD_ERR_ACCOUNT_DISCRIMINATOR_MISMATCH, i, NULL, NULL);
  /* a private copy: each slot is its own deserialized value, as in Anchor */
  uint8_t *copy = lg_alloc(len);
  if (!copy) return pod_exec_fail(ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, "out of memory");
  memcpy(copy, data, len);
  pa->buf[i] = copy;
  if (pod_account_decode(&pa->a[i], copy, len) != POD_OK)
    return pa_error_at(pa, POD_ERR_ACCOUNT_DID_NOT_DESERIALIZE, i, NULL, NULL);
  pa->some[i] = 1;
  return 0;
}

static int check_program(pa_t *pa, size_t i, const pod_pubkey_t *want) {
  const pod_pubkey_t *k = pa_key(pa, i);
  if (memcmp(k->b, want->b, 32)) return pa_error_at(pa, POD_ERR_INVALID_PROGRAM_ID, i, k, want);
  if (!pod_exec_executable(pa->ctx, i))
    return pa_error_at(pa, POD_ERR_INVALID_PROGRAM_EXECUTABLE, i, NULL, NULL);
  return 0;
}

static int deserialize_accounts(pa_t *pa) {
  for (size_t i = 0; i < pa->nsl; i++) {
    const pod_ix_slot_t *s = &pa->sl[i];
    const pa_slot_t *d = &pa->def->slots[i];
    if (i >= pa->ix->acct_cnt)
      return s->is_init ? pa_error(pa, POD_ERR_ACCOUNT_NOT_ENOUGH_KEYS)
                        : pa_error_at(pa, POD_ERR_ACCOUNT_NOT_ENOUGH_KEYS, i, NULL, NULL);
    if (s->is_init) continue; /* taken as is; created in the next phase */
    if (s->is_optional && !memcmp(pa_key(pa, i)->b, pod_program_id.b, 32)) continue; /* None */
    int rc = 0;
    switch (d->type) {
    case PA_ACCOUNT: rc = load_typed(pa, i, d->kind); break;
    case PA_SIGNER:
      if (!pod_exec_is_signer(pa->ctx, i))
        rc = pa_error_at(pa, POD_ERR_ACCOUNT_NOT_SIGNER, i, NULL, NULL);
      break;
    case PA_SYSTEM: rc = check_program(pa, i, &pod_system_program_id); break;
    case PA_COMPRESSION: rc = check_program(pa, i, &pod_compression_program_id); break;
    default: break;
    }
    if (rc) return rc;
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* phase 4: init slots (PROTOCOL.md §5)                                                          */

static int init_slot(pa_t *pa, size_t i) {
  pod_exec_ctx *ctx = pa->ctx;
  const pa_slot_t *d = &pa->def->slots[i];
  pa_seeds_t sd;
  memset(&sd, 0, sizeof sd);
  int r = pa->def->seeds(pa, i, &sd);
  if (r < 0) return 1;
  pod_pubkey_t pda;
  uint8_t bump = 0;
  if (pa_find_pda(pa, &pda, &bump, sd.s, sd.n)) return 1;
  pa->bump[i] = bump;
  const pod_pubkey_t *key = pa_key(pa, i);
  if (memcmp(key->b, pda.b, 32)) return pa_error_at(pa, POD_ERR_CONSTRAINT_SEEDS, i, key, &pda);

  uint64_t space = pod_account_space(d->kind);
  uint64_t rent = pod_rent_exempt_min(space);
  sd.s[sd.n].data = &pa->bump[i];
  sd.s[sd.n].len = 1;
  pod_signer_seeds_t signer = {sd.s, sd.n + 1};
  uint64_t lamports = pod_exec_lamports(ctx, i);
  int rc;
  if (lamports == 0) {
    rc = pod_exec_sys_create_account(ctx, d->payer, i, rent, space, &pod_program_id, &signer, 1);
  } else {
    /* the address already holds lamports: top up, allocate, assign (the last two PDA-signed) */
    const pod_pubkey_t *payer = pa_key(pa, d->payer);
    if (!memcmp(payer->b, key->b, 32))
      return error_thrown_lr(pa, POD_ERR_TRYING_TO_INIT_PAYER_AS_PROGRAM_ACCOUNT,
                             pa->def->derive_line, payer, key);
    uint64_t want = rent > 1 ? rent : 1;
    rc = 0;
    if (want > lamports) rc = pod_exec_sys_transfer(ctx, d->payer, i, want - lamports, NULL, 0);
    if (!rc) rc = pod_exec_sys_allocate(ctx, i, space, &signer, 1);
    if (!rc) rc = pod_exec_sys_assign(ctx, i, &pod_program_id, &signer, 1);
  }
  if (rc) return rc;
  if (!pod_exec_is_writable(ctx, i)) return pa_error_at(pa, POD_ERR_CONSTRAINT_MUT, i, NULL, NULL);
  size_t len;
  pod_exec_data(ctx, i, &len);
  if (pod_exec_lamports(ctx, i) < pod_rent_exempt_min(len))
    return pa_error_at(pa, POD_ERR_CONSTRAINT_RENT_EXEMPT, i, NULL, NULL);
  /* the handler starts from the zeroed record (Account::try_from_unchecked on zero bytes) */
  memset(&pa->a[i], 0, sizeof pa->a[i]);
  pa->a[i].kind = (pod_account_kind_t)d->kind;
  pa->some[i] = 1;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* phase 5: constraints of the other slots                                                      */

static int check_seeds(pa_t *pa, size_t i, pa_seeds_t *sd) {
  pod_pubkey_t pda;
  const pod_pubkey_t *key = pa_key(pa, i);
  if (sd->has_bump) {
    sd->s[sd->n].data = &sd->bump;
    sd->s[sd->n].len = 1;
    int rc = pod_pda_create(&pda, sd->s, sd->n + 1, &pod_program_id);
    if (rc == POD_ETOOLARGE) return seed_abort(pa);
    if (rc) return pa_error_at(pa, POD_ERR_CONSTRAINT_SEEDS, i, NULL, NULL); /* on the curve */
  } else {
    if (pa_find_pda(pa, &pda, &pa->bump[i], sd->s, sd->n)) return 1;
  }
  if (memcmp(key->b, pda.b, 32)) return pa_error_at(pa, POD_ERR_CONSTRAINT_SEEDS, i, key, &pda);
  return 0;
}

static int constraints(pa_t *pa) {
  for (size_t i = 0; i < pa->nsl; i++) {
    const pod_ix_slot_t *s = &pa->sl[i];
    const pa_slot_t *d = &pa->def->slots[i];
    if (s->is_init) continue;
    if (d->type == PA_ACCOUNT && !pa->some[i]) continue; /* optional None */
    pa_seeds_t sd;
    memset(&sd, 0, sizeof sd);
    int r = pa->def->seeds(pa, i, &sd);
    if (r < 0) return 1;
    if (r > 0 && check_seeds(pa, i, &sd)) return 1;
    if (s->is_writable && !pod_exec_is_writable(pa->ctx, i))
      return pa_error_at(pa, POD_ERR_CONSTRAINT_MUT, i, NULL, NULL);
    if (pa->def->check && pa->def->check(pa, i)) return 1;
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* phase 7: exit                                                                                */

static int exit_accounts(pa_t *pa) {
  for (size_t i = 0; i < pa->nsl; i++) {
    if (!pa->sl[i].is_writable || pa->def->slots[i].type != PA_ACCOUNT || !pa->some[i]) continue;
    size_t len;
    uint8_t *data = pod_exec_data_mut(pa->ctx, i, &len);
    if (!data) return 1;
    int rc = pod_account_encode(data, len, NULL, &pa->a[i]);
    if (rc == POD_ENOSPC) return pa_error_at(pa, POD_ERR_ACCOUNT_DID_NOT_SERIALIZE, i, NULL, NULL);
    if (rc) return pod_exec_fail(pa->ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, NULL);
  }
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* the entry point                                                                              */

static int run(pa_t *pa) {
  pod_exec_ctx *ctx = pa->ctx;
  const pod_ix_view *ix = pa->ix;
  if (memcmp(ix->program_id->b, pod_program_id.b, 32)) {
    if (pod_exec_consume(ctx, PA_CU_FALLBACK)) return 1;
    return pa_error(pa, POD_ERR_DECLARED_PROGRAM_ID_MISMATCH);
  }
  int rc = pod_ix_decode(&pa->args, NULL, ix->data, ix->data_sz);
  if (rc == POD_ENOTFOUND || rc == POD_EINVAL) {
    if (pod_exec_consume(ctx, PA_CU_FALLBACK)) return 1;
    if (ix->data_sz >= POD_DISC_SZ && !memcmp(ix->data, POD_ANCHOR_EVENT_CPI_TAG, POD_DISC_SZ))
      return pa_error(pa, POD_ERR_EVENT_INSTRUCTION_STUB);
    /* also the IDL-management tag: not implemented (PROTOCOL.md §11.6) */
    return pa_error(pa, POD_ERR_INSTRUCTION_FALLBACK_NOT_FOUND);
  }
  pa->kind = pa->args.kind;
  pa->def = lg_pod_ix_def(pa->kind);
  pa->sl = pod_ix_slots(pa->kind, &pa->nsl);
  if (!pa->def || !pa->sl || pa->nsl > POD_IX_ACCOUNTS_MAX)
    return pod_exec_fail(ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, NULL);
  pod_exec_log(ctx, "Instruction: %s", pod_ix_log_name(pa->kind));
  uint64_t cu = pa->def->cu;
  if (rc == POD_OK && pa->kind == POD_IX_BATCH_SYNC_COMPRESSED_MESSAGES)
    cu += (uint64_t)pa->def->cu_item * pa->args.u.batch_sync_compressed_messages.message_hash_cnt;
  if (pod_exec_consume(ctx, cu)) return 1;
  if (rc != POD_OK) return pa_error(pa, POD_ERR_INSTRUCTION_DID_NOT_DESERIALIZE);
  pa->now = pod_exec_now(ctx);

  if (deserialize_accounts(pa)) return 1;
  for (size_t i = 0; i < pa->nsl; i++)
    if (pa->sl[i].is_init && init_slot(pa, i)) return 1;
  if (constraints(pa)) return 1;
  if (pa->def->handler(pa)) return 1;
  return exit_accounts(pa);
}

int lg_pod_program(pod_exec_ctx *ctx, const pod_ix_view *ix, void *user) {
  (void)user;
  pa_t *pa = lg_alloc(sizeof *pa);
  if (!pa) return pod_exec_fail(ctx, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, "out of memory");
  memset(pa, 0, sizeof *pa);
  pa->ctx = ctx;
  pa->ix = ix;
  int rc = run(pa);
  for (size_t i = 0; i < POD_IX_ACCOUNTS_MAX; i++)
    lg_free(pa->buf[i]);
  lg_free(pa);
  return rc ? POD_EPROGRAM : 0;
}
