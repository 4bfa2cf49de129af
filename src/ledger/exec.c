/* Transaction execution: the pipeline in Solana's order, the execution context that native
 * programs see (pod_exec_*), cross-program invocation, logs and compute units.
 *
 * Accounts of a transaction are loaded into memory (lg_acct) once; instructions change them
 * through the context's setters, which apply the runtime's rules as Agave's BorrowedAccount
 * does. A failed transaction restores the post-fee snapshot, so only the fee is committed. */
#include "ledger_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define LG_IXACCT_MAX 256
#define LG_MAX_DEPTH 5    /* Agave's max invoke stack height */
#define LG_BUILTIN_CU 150 /* System and Compute Budget programs */
#define LG_CPI_CU 1000    /* invoke_units charged per CPI */

struct pod_exec_ctx {
  lg_exec *x;
  const pod_pubkey_t *program_id;
  uint8_t idx[LG_IXACCT_MAX];
  uint8_t signer[LG_IXACCT_MAX];
  uint8_t writable[LG_IXACCT_MAX];
  size_t cnt;
  unsigned depth;
};

/* ------------------------------------------------------------------------------------------ */
/* logs: Agave's LogCollector with its 10 000-byte limit                                        */

void lg_log(lg_logs *lg, const char *line) {
  size_t n = strlen(line);
  if (lg->oom) return;
  if (lg->bytes + n >= POD_LOG_BYTES_MAX) {
    if (lg->truncated) return;
    lg->truncated = 1;
    line = "Log truncated";
    n = strlen(line);
  } else {
    lg->bytes += n;
  }
  if (n + 1 > lg->cap - lg->len) {
    size_t nc = lg->cap ? lg->cap * 2 : 1024;
    while (nc - lg->len < n + 1)
      nc *= 2;
    char *nb = lg_realloc(lg->buf, nc);
    if (!nb) {
      lg->oom = 1;
      return;
    }
    lg->buf = nb;
    lg->cap = nc;
  }
  memcpy(lg->buf + lg->len, line, n + 1);
  lg->len += n + 1;
  lg->cnt++;
}

int lg_logs_export(lg_logs *lg, char ***out, size_t *cnt) {
  *out = NULL;
  *cnt = 0;
  if (lg->oom) return POD_ENOMEM;
  if (!lg->cnt) return POD_OK;
  size_t arr;
  if (!lg_mul(&arr, lg->cnt, sizeof(char *)) || arr > SIZE_MAX - lg->len) return POD_ENOMEM;
  char **v = lg_alloc(arr + lg->len);
  if (!v) return POD_ENOMEM;
  char *s = (char *)(v + lg->cnt);
  memcpy(s, lg->buf, lg->len);
  for (size_t i = 0; i < lg->cnt; i++) {
    v[i] = s;
    s += strlen(s) + 1;
  }
  *out = v;
  *cnt = lg->cnt;
  return POD_OK;
}

void lg_logs_free(lg_logs *lg) {
  lg_free(lg->buf);
  memset(lg, 0, sizeof *lg);
}

static void logf_(lg_exec *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void logf_(lg_exec *x, const char *fmt, ...) {
  char line[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  lg_log(&x->logs, line);
}

/* ------------------------------------------------------------------------------------------ */
/* errors                                                                                        */

static int set_err(lg_exec *x, uint32_t e, uint32_t custom, const char *text) {
  if (!x->ix_failed) {
    x->ix_failed = 1;
    x->ix_err = e;
    x->ix_custom = custom;
    if (text)
      snprintf(x->fail_text, sizeof x->fail_text, "%s", text);
    else
      x->fail_text[0] = 0;
  }
  return POD_EPROGRAM;
}

int pod_exec_custom(pod_exec_ctx *ctx, uint32_t code) {
  return set_err(ctx->x, POD_IXERR_CUSTOM, code, NULL);
}

int pod_exec_fail(pod_exec_ctx *ctx, uint32_t ix_err, const char *failed_text) {
  if (ix_err >= POD_IXERR_COUNT) ix_err = POD_IXERR_INVALID_ERROR;
  return set_err(ctx->x, ix_err, 0, failed_text);
}

/* ------------------------------------------------------------------------------------------ */
/* accounts through the context                                                                 */

static lg_acct *acct_at(const pod_exec_ctx *ctx, size_t i) {
  if (i >= ctx->cnt) return NULL;
  return &ctx->x->acct[ctx->idx[i]];
}

const pod_pubkey_t *pod_exec_key(const pod_exec_ctx *ctx, size_t idx) {
  lg_acct *a = acct_at(ctx, idx);
  return a ? &a->key : NULL;
}
int pod_exec_is_signer(const pod_exec_ctx *ctx, size_t idx) {
  return idx < ctx->cnt ? ctx->signer[idx] : 0;
}
int pod_exec_is_writable(const pod_exec_ctx *ctx, size_t idx) {
  return idx < ctx->cnt ? ctx->writable[idx] : 0;
}
uint64_t pod_exec_lamports(const pod_exec_ctx *ctx, size_t idx) {
  lg_acct *a = acct_at(ctx, idx);
  return a ? a->lamports : 0;
}
const pod_pubkey_t *pod_exec_owner(const pod_exec_ctx *ctx, size_t idx) {
  lg_acct *a = acct_at(ctx, idx);
  return a ? &a->owner : NULL;
}
int pod_exec_executable(const pod_exec_ctx *ctx, size_t idx) {
  lg_acct *a = acct_at(ctx, idx);
  return a ? a->executable : 0;
}
const uint8_t *pod_exec_data(const pod_exec_ctx *ctx, size_t idx, size_t *len) {
  lg_acct *a = acct_at(ctx, idx);
  if (len) *len = a ? a->len : 0;
  if (!a) return NULL;
  return a->data ? a->data : (const uint8_t *)"";
}
const pod_pubkey_t *pod_exec_program_id(const pod_exec_ctx *ctx) { return ctx->program_id; }
unsigned pod_exec_depth(const pod_exec_ctx *ctx) { return ctx->depth; }
int64_t pod_exec_now(const pod_exec_ctx *ctx) { return ctx->x->now; }
uint64_t pod_exec_slot(const pod_exec_ctx *ctx) { return ctx->x->slot; }

int pod_exec_find(const pod_exec_ctx *ctx, const pod_pubkey_t *key) {
  for (size_t i = 0; i < ctx->cnt; i++)
    if (!memcmp(ctx->x->acct[ctx->idx[i]].key.b, key->b, 32)) return (int)i;
  return -1;
}

static int owned(const pod_exec_ctx *ctx, const lg_acct *a) {
  return !memcmp(a->owner.b, ctx->program_id->b, 32);
}

/* Agave's can_data_be_changed. */
static int data_change_err(const pod_exec_ctx *ctx, size_t idx, const lg_acct *a) {
  if (a->executable) return set_err(ctx->x, POD_IXERR_EXECUTABLE_DATA_MODIFIED, 0, NULL);
  if (!ctx->writable[idx]) return set_err(ctx->x, POD_IXERR_READONLY_DATA_MODIFIED, 0, NULL);
  if (!owned(ctx, a)) return set_err(ctx->x, POD_IXERR_EXTERNAL_ACCOUNT_DATA_MODIFIED, 0, NULL);
  return 0;
}

uint8_t *pod_exec_data_mut(pod_exec_ctx *ctx, size_t idx, size_t *len) {
  lg_acct *a = acct_at(ctx, idx);
  if (len) *len = 0;
  if (!a) {
    set_err(ctx->x, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, 0, NULL);
    return NULL;
  }
  if (data_change_err(ctx, idx, a)) return NULL;
  if (len) *len = a->len;
  return a->data ? a->data : (uint8_t *)a->key.b; /* len 0: any non-NULL pointer */
}

int pod_exec_set_lamports(pod_exec_ctx *ctx, size_t idx, uint64_t lamports) {
  lg_acct *a = acct_at(ctx, idx);
  if (!a) return set_err(ctx->x, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, 0, NULL);
  if (!owned(ctx, a) && lamports < a->lamports)
    return set_err(ctx->x, POD_IXERR_EXTERNAL_ACCOUNT_LAMPORT_SPEND, 0, NULL);
  if (!ctx->writable[idx]) return set_err(ctx->x, POD_IXERR_READONLY_LAMPORT_CHANGE, 0, NULL);
  if (a->executable) return set_err(ctx->x, POD_IXERR_EXECUTABLE_LAMPORT_CHANGE, 0, NULL);
  a->lamports = lamports;
  return 0;
}

static int resize(lg_acct *a, size_t len) {
  if (len > a->cap) {
    uint8_t *nd = lg_realloc(a->data, len);
    if (!nd) return POD_ENOMEM;
    a->data = nd;
    a->cap = len;
  }
  if (len > a->len) memset(a->data + a->len, 0, len - a->len);
  a->len = len;
  return 0;
}

int pod_exec_set_data_len(pod_exec_ctx *ctx, size_t idx, size_t len) {
  lg_acct *a = acct_at(ctx, idx);
  if (!a) return set_err(ctx->x, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, 0, NULL);
  if (len != a->len && !owned(ctx, a))
    return set_err(ctx->x, POD_IXERR_ACCOUNT_DATA_SIZE_CHANGED, 0, NULL);
  if (len > POD_MAX_PERMITTED_DATA_LENGTH)
    return set_err(ctx->x, POD_IXERR_INVALID_REALLOC, 0, NULL);
  if (data_change_err(ctx, idx, a)) return POD_EPROGRAM;
  if (len == a->len) return 0;
  if (resize(a, len))
    return set_err(ctx->x, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 0, "out of memory");
  return 0;
}

int pod_exec_set_owner(pod_exec_ctx *ctx, size_t idx, const pod_pubkey_t *owner) {
  lg_acct *a = acct_at(ctx, idx);
  if (!a) return set_err(ctx->x, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, 0, NULL);
  if (!owned(ctx, a) || !ctx->writable[idx] || a->executable)
    return set_err(ctx->x, POD_IXERR_MODIFIED_PROGRAM_ID, 0, NULL);
  for (size_t i = 0; i < a->len; i++)
    if (a->data[i]) return set_err(ctx->x, POD_IXERR_MODIFIED_PROGRAM_ID, 0, NULL);
  a->owner = *owner;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* compute units, logs, return data                                                             */

uint64_t pod_exec_cu_remaining(const pod_exec_ctx *ctx) {
  return ctx->x->cu_limit - ctx->x->cu_used;
}

int pod_exec_consume(pod_exec_ctx *ctx, uint64_t units) {
  lg_exec *x = ctx->x;
  if (units > x->cu_limit - x->cu_used) {
    x->cu_used = x->cu_limit;
    return set_err(x, POD_IXERR_COMPUTATIONAL_BUDGET_EXCEEDED, 0, NULL);
  }
  x->cu_used += units;
  return 0;
}

void pod_exec_log(pod_exec_ctx *ctx, const char *fmt, ...) {
  char line[POD_LOG_BYTES_MAX + 16];
  memcpy(line, "Program log: ", 13);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line + 13, sizeof line - 13, fmt, ap);
  va_end(ap);
  lg_log(&ctx->x->logs, line);
}

void pod_exec_log_raw(pod_exec_ctx *ctx, const char *line) { lg_log(&ctx->x->logs, line); }

void pod_exec_log_data(pod_exec_ctx *ctx, const uint8_t *const *chunks, const size_t *lens,
                       size_t n) {
  size_t total = 14;
  for (size_t i = 0; i < n; i++) {
    if (lens[i] > POD_LOG_BYTES_MAX) { /* would be truncated anyway */
      lg_log(&ctx->x->logs, "Log truncated");
      return;
    }
    total += POD_BASE64_ENC_SZ(lens[i]) + 1;
  }
  char *line = lg_alloc(total);
  if (!line) {
    ctx->x->logs.oom = 1;
    return;
  }
  size_t off = 13;
  memcpy(line, "Program data:", 13);
  for (size_t i = 0; i < n; i++) {
    size_t w = 0;
    line[off++] = ' ';
    pod_base64_encode(line + off, total - off, &w, chunks[i], lens[i]);
    off += w;
  }
  line[off] = 0;
  lg_log(&ctx->x->logs, line);
  lg_free(line);
}

int pod_exec_set_return_data(pod_exec_ctx *ctx, const uint8_t *data, size_t len) {
  if (len > sizeof ctx->x->ret) return set_err(ctx->x, POD_IXERR_INVALID_ARGUMENT, 0, NULL);
  if (len) memcpy(ctx->x->ret, data, len);
  ctx->x->ret_len = len;
  ctx->x->ret_prog = *ctx->program_id;
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* running one instruction (top level or CPI)                                                   */

static pod_program_fn find_prog(pod_ledger *l, const pod_pubkey_t *id, void **user) {
  for (size_t i = 0; i < l->prog_cnt; i++)
    if (!memcmp(l->progs[i].id.b, id->b, 32)) {
      *user = l->progs[i].user;
      return l->progs[i].fn;
    }
  return NULL;
}

/* Sum of the lamports of the distinct accounts of the instruction, as (hi, lo). */
static void ix_sum(const pod_exec_ctx *c, uint64_t *hi, uint64_t *lo) {
  uint64_t seen = 0, h = 0, s = 0;
  for (size_t i = 0; i < c->cnt; i++) {
    unsigned k = c->idx[i];
    if (seen >> k & 1) continue;
    seen |= (uint64_t)1 << k;
    uint64_t v = c->x->acct[k].lamports;
    s += v;
    if (s < v) h++;
  }
  *hi = h;
  *lo = s;
}

static void fail_text(const lg_exec *x, char *out, size_t sz) {
  if (x->fail_text[0]) {
    snprintf(out, sz, "%s", x->fail_text);
    return;
  }
  lg_ix_error_text(out, sz, x->ix_err, x->ix_custom);
}

static int run_ix(pod_exec_ctx *c, size_t prog_idx, const uint8_t *data, size_t data_sz) {
  lg_exec *x = c->x;
  const pod_pubkey_t *pid = &x->acct[prog_idx].key;
  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, pid);
  c->program_id = pid;
  logf_(x, "Program %s invoke [%u]", b58, c->depth);

  uint64_t hi0, lo0;
  ix_sum(c, &hi0, &lo0);
  pod_ix_view v = {pid, data, data_sz, c->cnt};
  int rc;
  if (!memcmp(pid->b, pod_system_program_id.b, 32)) {
    rc = pod_exec_consume(c, LG_BUILTIN_CU);
    if (!rc) rc = lg_system_exec(c, &v);
  } else if (!memcmp(pid->b, pod_compute_budget_program_id.b, 32)) {
    rc = pod_exec_consume(c, LG_BUILTIN_CU); /* validated before the fee */
  } else {
    void *user = NULL;
    pod_program_fn fn = find_prog(x->l, pid, &user);
    if (!fn) {
      rc = set_err(x, POD_IXERR_UNSUPPORTED_PROGRAM_ID, 0, NULL);
    } else {
      uint64_t start = x->cu_limit - x->cu_used;
      x->ret_len = 0;
      rc = fn(c, &v, user);
      uint64_t left = x->cu_limit - x->cu_used;
      logf_(x, "Program %s consumed %llu of %llu compute units", b58,
            (unsigned long long)(start - left), (unsigned long long)start);
      if (x->ret_len) {
        char rb[POD_BASE64_ENC_SZ(1024)];
        char rp[POD_PUBKEY_B58_SZ];
        pod_base64_encode(rb, sizeof rb, NULL, x->ret, x->ret_len);
        logf_(x, "Program return: %s %s", pod_pubkey_to_base58(rp, &x->ret_prog), rb);
      }
    }
  }
  if (!rc && !x->ix_failed) {
    uint64_t hi1, lo1;
    ix_sum(c, &hi1, &lo1);
    if (hi0 != hi1 || lo0 != lo1) rc = set_err(x, POD_IXERR_UNBALANCED_INSTRUCTION, 0, NULL);
  }
  if (rc || x->ix_failed) {
    if (!x->ix_failed) set_err(x, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 0, NULL);
    char t[POD_TX_ERROR_TEXT_SZ];
    fail_text(x, t, sizeof t);
    logf_(x, "Program %s failed: %s", b58, t);
    return POD_EPROGRAM;
  }
  logf_(x, "Program %s success", b58);
  return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* cross-program invocation                                                                      */

int pod_exec_invoke(pod_exec_ctx *ctx, const pod_instruction_t *ix,
                    const pod_signer_seeds_t *signers, size_t signer_cnt) {
  lg_exec *x = ctx->x;
  char b58[POD_PUBKEY_B58_SZ];
  if (!ix || (ix->account_cnt && !ix->accounts) || (ix->data_sz && !ix->data))
    return set_err(x, POD_IXERR_INVALID_ARGUMENT, 0, NULL);
  if (pod_exec_consume(ctx, LG_CPI_CU)) return POD_EPROGRAM;
  if (ctx->depth >= LG_MAX_DEPTH) return set_err(x, POD_IXERR_CALL_DEPTH, 0, NULL);
  if (ix->account_cnt > LG_IXACCT_MAX || signer_cnt > 16)
    return set_err(x, POD_IXERR_MAX_ACCOUNTS_EXCEEDED, 0, NULL);

  /* PDA signers of the calling program (translate_signers). */
  pod_pubkey_t pdas[16];
  for (size_t i = 0; i < signer_cnt; i++) {
    int r = pod_pda_create(&pdas[i], signers[i].seeds, signers[i].cnt, ctx->program_id);
    if (r == POD_ETOOLARGE)
      return set_err(x, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 0,
                     "Could not create program address with signer seeds: Length of the seed is "
                     "too long for address generation");
    if (r)
      return set_err(x, POD_IXERR_PROGRAM_FAILED_TO_COMPLETE, 0,
                     "Could not create program address with signer seeds: Provided seeds do not "
                     "result in a valid address");
  }

  pod_exec_ctx c;
  c.x = x;
  c.depth = ctx->depth + 1;
  c.cnt = ix->account_cnt;
  for (size_t i = 0; i < ix->account_cnt; i++) {
    const pod_account_meta_t *m = &ix->accounts[i];
    int k = pod_exec_find(ctx, &m->pubkey);
    if (k < 0) {
      logf_(x, "Instruction references an unknown account %s",
            pod_pubkey_to_base58(b58, &m->pubkey));
      return set_err(x, POD_IXERR_MISSING_ACCOUNT, 0, NULL);
    }
    if (m->is_writable && !ctx->writable[k]) {
      logf_(x, "%s's writable privilege escalated", pod_pubkey_to_base58(b58, &m->pubkey));
      return set_err(x, POD_IXERR_PRIVILEGE_ESCALATION, 0, NULL);
    }
    if (m->is_signer && !ctx->signer[k]) {
      int ok = 0;
      for (size_t s = 0; s < signer_cnt && !ok; s++)
        ok = !memcmp(pdas[s].b, m->pubkey.b, 32);
      if (!ok) {
        logf_(x, "%s's signer privilege escalated", pod_pubkey_to_base58(b58, &m->pubkey));
        return set_err(x, POD_IXERR_PRIVILEGE_ESCALATION, 0, NULL);
      }
    }
    c.idx[i] = ctx->idx[k];
    c.signer[i] = m->is_signer ? 1 : 0;
    c.writable[i] = m->is_writable ? 1 : 0;
  }
  int p = pod_exec_find(ctx, &ix->program_id);
  if (p < 0) {
    logf_(x, "Unknown program %s", pod_pubkey_to_base58(b58, &ix->program_id));
    return set_err(x, POD_IXERR_MISSING_ACCOUNT, 0, NULL);
  }
  size_t prog_idx = ctx->idx[p];
  if (!x->acct[prog_idx].executable) {
    logf_(x, "Account %s is not executable", pod_pubkey_to_base58(b58, &ix->program_id));
    return set_err(x, POD_IXERR_ACCOUNT_NOT_EXECUTABLE, 0, NULL);
  }
  int rc = run_ix(&c, prog_idx, ix->data, ix->data_sz);
  return rc ? POD_EPROGRAM : 0;
}

/* System program CPIs by index. */
static int sys_cpi(pod_exec_ctx *ctx, const size_t *idx, const uint8_t *wr, size_t n,
                   const uint8_t *data, size_t data_sz, const pod_signer_seeds_t *signers,
                   size_t signer_cnt) {
  pod_account_meta_t m[2];
  for (size_t i = 0; i < n; i++) {
    const pod_pubkey_t *k = pod_exec_key(ctx, idx[i]);
    if (!k) return set_err(ctx->x, POD_IXERR_NOT_ENOUGH_ACCOUNT_KEYS, 0, NULL);
    m[i].pubkey = *k;
    m[i].is_writable = wr[i];
    m[i].is_signer = 1;
  }
  /* Transfer's `to` need not sign; every other System account here must. */
  if (n == 2 && data_sz == 12) m[1].is_signer = 0;
  pod_instruction_t ix = {pod_system_program_id, m, n, data, data_sz};
  return pod_exec_invoke(ctx, &ix, signers, signer_cnt);
}

int pod_exec_sys_create_account(pod_exec_ctx *ctx, size_t from, size_t to, uint64_t lamports,
                                uint64_t space, const pod_pubkey_t *owner,
                                const pod_signer_seeds_t *signers, size_t signer_cnt) {
  uint8_t d[52];
  lg_wr32(d, 0);
  lg_wr64(d + 4, lamports);
  lg_wr64(d + 12, space);
  memcpy(d + 20, owner->b, 32);
  size_t idx[2] = {from, to};
  uint8_t wr[2] = {1, 1};
  return sys_cpi(ctx, idx, wr, 2, d, sizeof d, signers, signer_cnt);
}

int pod_exec_sys_transfer(pod_exec_ctx *ctx, size_t from, size_t to, uint64_t lamports,
                          const pod_signer_seeds_t *signers, size_t signer_cnt) {
  uint8_t d[12];
  lg_wr32(d, 2);
  lg_wr64(d + 4, lamports);
  size_t idx[2] = {from, to};
  uint8_t wr[2] = {1, 1};
  return sys_cpi(ctx, idx, wr, 2, d, sizeof d, signers, signer_cnt);
}

int pod_exec_sys_allocate(pod_exec_ctx *ctx, size_t acct, uint64_t space,
                          const pod_signer_seeds_t *signers, size_t signer_cnt) {
  uint8_t d[12];
  lg_wr32(d, 8);
  lg_wr64(d + 4, space);
  uint8_t wr[1] = {1};
  return sys_cpi(ctx, &acct, wr, 1, d, sizeof d, signers, signer_cnt);
}

int pod_exec_sys_assign(pod_exec_ctx *ctx, size_t acct, const pod_pubkey_t *owner,
                        const pod_signer_seeds_t *signers, size_t signer_cnt) {
  uint8_t d[36];
  lg_wr32(d, 1);
  memcpy(d + 4, owner->b, 32);
  uint8_t wr[1] = {1};
  return sys_cpi(ctx, &acct, wr, 1, d, sizeof d, signers, signer_cnt);
}

/* ------------------------------------------------------------------------------------------ */
/* the pipeline                                                                                  */

static void txerr(lg_exec *x, uint32_t kind, uint32_t index) {
  x->has_err = 1;
  x->err.kind = (uint8_t)kind;
  x->err.index = (uint8_t)index;
  x->err.ix_error = 0;
  x->err.custom = 0;
}

static int is_reserved(const pod_pubkey_t *k) {
  const pod_pubkey_t *r[] = {&pod_system_program_id, &pod_compute_budget_program_id,
                             &lg_native_loader_id,   &lg_bpf_upgradeable_id,
                             &lg_sysvar_rent_id,     &lg_sysvar_clock_id,
                             &lg_sysvar_owner_id};
  for (size_t i = 0; i < sizeof r / sizeof r[0]; i++)
    if (!memcmp(k->b, r[i]->b, 32)) return 1;
  return 0;
}

static int is_builtin(const pod_pubkey_t *k) {
  return !memcmp(k->b, pod_system_program_id.b, 32) ||
         !memcmp(k->b, pod_compute_budget_program_id.b, 32);
}

/* Rent state transition check (Agave's check_rent_state): 0 = allowed. */
static int rent_ok(uint64_t pre_l, size_t pre_len, uint64_t post_l, size_t post_len) {
  if (post_l == 0 || post_l >= pod_rent_exempt_min(post_len)) return 1;
  int pre_paying = pre_l != 0 && pre_l < pod_rent_exempt_min(pre_len);
  return pre_paying && pre_len == post_len && post_l <= pre_l;
}

void lg_exec_free(lg_exec *x) {
  for (size_t i = 0; i < x->acct_cnt; i++) {
    lg_free(x->acct[i].data);
    lg_free(x->acct[i].s_data);
  }
  x->acct_cnt = 0;
  lg_logs_free(&x->logs);
}

/* Compute Budget instructions: exact Borsh sizes, each at most once. */
static int compute_budget(lg_exec *x, const pod_txn_t *t, const uint8_t *w) {
  int have_limit = 0, have_price = 0, have_heap = 0, have_data = 0;
  uint32_t limit = 0;
  uint64_t price = 0;
  uint64_t deflt = 0;
  for (size_t i = 0; i < t->instr_cnt; i++) {
    const pod_pubkey_t *p = pod_txn_key(t, w, t->instr[i].program_idx);
    if (!p) return POD_EINVAL;
    if (memcmp(p->b, pod_compute_budget_program_id.b, 32)) {
      deflt += is_builtin(p) ? POD_BUILTIN_CU_LIMIT : POD_DEFAULT_CU_LIMIT;
      continue;
    }
    deflt += POD_BUILTIN_CU_LIMIT;
    const uint8_t *d = w + t->instr[i].data_off;
    size_t n = t->instr[i].data_sz;
    int *have = NULL;
    if (n == 5 && d[0] == 1) {
      uint32_t b = lg_rd32(d + 1);
      if (b % 1024 || b < 32 * 1024 || b > 256 * 1024) goto bad;
      have = &have_heap;
    } else if (n == 5 && d[0] == 2) {
      limit = lg_rd32(d + 1);
      have = &have_limit;
    } else if (n == 9 && d[0] == 3) {
      price = lg_rd64(d + 1);
      have = &have_price;
    } else if (n == 5 && d[0] == 4) {
      have = &have_data;
    } else {
      goto bad;
    }
    if (*have) {
      txerr(x, POD_TXERR_DUPLICATE_INSTRUCTION, (uint32_t)i);
      return 1;
    }
    *have = 1;
    continue;
  bad:
    txerr(x, POD_TXERR_INSTRUCTION_ERROR, (uint32_t)i);
    x->err.ix_error = POD_IXERR_INVALID_INSTRUCTION_DATA;
    return 1;
  }
  uint64_t lim = have_limit ? limit : deflt;
  if (lim > POD_MAX_CU_LIMIT) lim = POD_MAX_CU_LIMIT;
  x->cu_limit = lim;
  /* priority fee = ceil(price * limit / 1e6), computed without 128-bit arithmetic */
  uint64_t q = price / 1000000u, r = price % 1000000u;
  uint64_t pf_hi = q * lim; /* q <= 1.8e13, lim <= 1.4e6: fits */
  uint64_t rl = r * lim;    /* r < 1e6, lim <= 1.4e6: fits */
  uint64_t pf = pf_hi + rl / 1000000u + (rl % 1000000u ? 1 : 0);
  uint64_t base = (uint64_t)POD_LAMPORTS_PER_SIGNATURE * t->sig_cnt;
  x->fee = pf > UINT64_MAX - base ? UINT64_MAX : base + pf;
  return 0;
}

int lg_execute(lg_exec *x, pod_ledger *l, MDB_txn *t, const uint8_t *wire, size_t wire_sz,
               const pod_txn_t *txn, const lg_checks *ck, uint64_t slot, int64_t now) {
  memset(x, 0, sizeof *x);
  x->l = l;
  x->txn = txn;
  x->wire = wire;
  x->wire_sz = wire_sz;
  x->slot = slot;
  x->now = now;
  int rc;

  if (ck->sig_verify && pod_txn_verify(txn, wire) != POD_OK) {
    txerr(x, POD_TXERR_SIGNATURE_FAILURE, 0);
    return POD_OK;
  }
  if (ck->check_blockhash && !lg_blockhash_valid_at(l, slot, wire + txn->blockhash_off)) {
    txerr(x, POD_TXERR_BLOCKHASH_NOT_FOUND, 0);
    return POD_OK;
  }
  if (ck->check_status) {
    rc = lg_sig_seen(l, t, (const pod_signature_t *)(wire + txn->sig_off));
    if (rc == POD_OK) {
      txerr(x, POD_TXERR_ALREADY_PROCESSED, 0);
      return POD_OK;
    }
    if (rc != POD_ENOTFOUND) return rc;
  }
  if ((rc = compute_budget(x, txn, wire)) != 0) return rc == 1 ? POD_OK : rc;

  /* load the accounts */
  x->acct_cnt = txn->acct_cnt;
  for (size_t i = 0; i < txn->acct_cnt; i++) {
    lg_acct *a = &x->acct[i];
    const pod_pubkey_t *k = pod_txn_key(txn, wire, i);
    if (!k) return POD_EINVAL;
    if ((rc = lg_acct_load(l, t, k, a)) != POD_OK) return rc;
    a->o_lamports = a->lamports;
    a->is_signer = pod_txn_is_signer(txn, i) ? 1 : 0;
    a->is_writable = pod_txn_is_writable(txn, i) ? 1 : 0;
  }
  for (size_t i = 0; i < txn->instr_cnt; i++)
    x->acct[txn->instr[i].program_idx].is_program = 1;
  for (size_t i = 0; i < x->acct_cnt; i++)
    if (x->acct[i].is_program || is_reserved(&x->acct[i].key)) x->acct[i].is_writable = 0;

  /* the fee payer */
  lg_acct *p = &x->acct[0];
  if (p->lamports == 0) {
    txerr(x, POD_TXERR_ACCOUNT_NOT_FOUND, 0);
    return POD_OK;
  }
  if (memcmp(p->owner.b, pod_system_program_id.b, 32) || p->len) {
    txerr(x, POD_TXERR_INVALID_ACCOUNT_FOR_FEE, 0);
    return POD_OK;
  }
  if (p->lamports < x->fee) {
    txerr(x, POD_TXERR_INSUFFICIENT_FUNDS_FOR_FEE, 0);
    return POD_OK;
  }
  if (!rent_ok(p->lamports, p->len, p->lamports - x->fee, p->len)) {
    txerr(x, POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, 0);
    return POD_OK;
  }
  p->lamports -= x->fee;
  x->fee_charged = 1;

  /* snapshot of the writable accounts (the rollback target) */
  for (size_t i = 0; i < x->acct_cnt; i++) {
    lg_acct *a = &x->acct[i];
    a->s_lamports = a->lamports;
    a->s_owner = a->owner;
    a->s_executable = a->executable;
    a->s_len = a->len;
    if (a->is_writable && a->len) {
      a->s_data = lg_alloc(a->len);
      if (!a->s_data) return POD_ENOMEM;
      memcpy(a->s_data, a->data, a->len);
    }
  }

  /* program accounts (a failure here still charges the fee: fee-only transaction) */
  for (size_t i = 0; i < txn->instr_cnt; i++) {
    lg_acct *a = &x->acct[txn->instr[i].program_idx];
    if (!memcmp(a->key.b, lg_native_loader_id.b, 32)) continue;
    if (a->lamports == 0) {
      txerr(x, POD_TXERR_PROGRAM_ACCOUNT_NOT_FOUND, 0);
      return POD_OK;
    }
    if (!a->executable) {
      txerr(x, POD_TXERR_INVALID_PROGRAM_FOR_EXECUTION, 0);
      return POD_OK;
    }
  }

  /* instructions */
  for (size_t i = 0; i < txn->instr_cnt && !x->has_err; i++) {
    const pod_txn_instr_t *in = &txn->instr[i];
    pod_exec_ctx c;
    c.x = x;
    c.depth = 1;
    c.cnt = in->acct_cnt;
    if (c.cnt > LG_IXACCT_MAX) return POD_EINVAL;
    for (size_t j = 0; j < c.cnt; j++) {
      uint8_t k = wire[in->acct_off + j];
      if (k >= x->acct_cnt) return POD_EINVAL; /* parse guarantees it; loaded keys rejected */
      c.idx[j] = k;
      c.signer[j] = x->acct[k].is_signer;
      c.writable[j] = x->acct[k].is_writable;
    }
    x->ix_failed = 0;
    x->fail_text[0] = 0;
    if (run_ix(&c, in->program_idx, wire + in->data_off, in->data_sz)) {
      txerr(x, POD_TXERR_INSTRUCTION_ERROR, (uint32_t)i);
      x->err.ix_error = (uint8_t)x->ix_err;
      x->err.custom = x->ix_err == POD_IXERR_CUSTOM ? x->ix_custom : 0;
    }
  }

  /* rent state of every writable account */
  for (size_t i = 0; i < x->acct_cnt && !x->has_err; i++) {
    lg_acct *a = &x->acct[i];
    if (a->is_writable && !rent_ok(a->s_lamports, a->s_len, a->lamports, a->len))
      txerr(x, POD_TXERR_INSUFFICIENT_FUNDS_FOR_RENT, (uint32_t)i);
  }

  if (x->has_err) { /* roll back to the snapshot */
    for (size_t i = 0; i < x->acct_cnt; i++) {
      lg_acct *a = &x->acct[i];
      if (!a->is_writable) continue;
      a->lamports = a->s_lamports;
      a->owner = a->s_owner;
      a->executable = a->s_executable;
      if (resize(a, a->s_len)) return POD_ENOMEM;
      if (a->s_len) memcpy(a->data, a->s_data, a->s_len);
    }
    x->ret_len = 0;
  } else {
    x->exec_ok = 1;
  }
  if (x->logs.oom) return POD_ENOMEM;
  return POD_OK;
}
