/* Batches (batch.h): check every item as the single call would, pack the accepted ones into as
 * few transactions as fit 1232 bytes (exact sizes from the txn module), send them all, confirm
 * them all with one getSignatureStatuses per round, and isolate the item of a failed packed
 * transaction by sending its items again one per transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "client_int.h"
#include "pod/accounts.h"
#include "pod/batch.h"
#include "pod/hash.h"
#include "pod/validate.h"

#define PENDING 1 /* a result's rc while its item is still in flight */
#define CONFIRM_POLL_FIRST_MS 5u
#define CONFIRM_POLL_MAX_MS 500u

typedef struct {
  size_t first, cnt; /* positions in the accepted list */
  pod_signature_t sig;
  int state; /* 0 not sent, 1 pending, 2 ok, 3 failed (err), 4 transport failure */
  int has_err;
  pod_tx_error_t err;
} btx_t;

/* Copies a message into a result's err, cut to fit (the handle's messages are longer). */
static void copy_err(char *dst, size_t sz, const char *src) {
  size_t n = strnlen(src, sz - 1);
  memcpy(dst, src, n);
  dst[n] = 0;
}

/* Moves the handle's last failure (message, program and tx error) into r. */
static void take_failure(pod_client *c, pod_batch_result_t *r, int rc) {
  r->rc = rc;
  copy_err(r->err, sizeof r->err, c->err);
  r->program_error = rc == POD_EPROGRAM ? c->prog_err : NULL;
  r->has_tx_error = c->has_tx_err;
  if (c->has_tx_err) r->tx_error = c->tx_err;
  c->err[0] = 0;
  c->prog_err = NULL;
  c->has_tx_err = 0;
}

static void item_error(pod_client *c, pod_batch_result_t *r, int rc, const char *msg) {
  pod_client__fail(c, rc, "%s", msg);
  take_failure(c, r, rc);
}

/* Marks the items of t with a transport failure, keeping the handle's message. */
static void tx_lost(pod_client *c, pod_batch_result_t *res, const size_t *idx, const btx_t *t,
                    int rc) {
  for (size_t k = t->first; k < t->first + t->cnt; k++) {
    pod_batch_result_t *r = &res[idx[k]];
    r->rc = rc;
    copy_err(r->err, sizeof r->err, c->err[0] ? c->err : pod_strerror(rc));
  }
}

/* Sends the accepted items idx[0..m) (their instructions ins[0..m)): packed (greedy, in order)
 * or one per transaction; confirms; fills the results. Items of a failed packed transaction are
 * appended to retry[*nretry]. */
static void run_pass(pod_client *c, pod_batch_result_t *res, pod_batch_summary_t *sum,
                     const pod_instruction_t *ins, const size_t *idx, size_t m, int packed,
                     size_t *retry, size_t *nretry) {
  btx_t *tx = pod_client__alloc(m ? m : 1, sizeof *tx);
  if (!tx) {
    for (size_t k = 0; k < m; k++)
      item_error(c, &res[idx[k]], POD_ENOMEM, "out of memory");
    return;
  }
  /* pack: a transaction grows while its exact wire size fits */
  size_t ntx = 0;
  for (size_t k = 0; k < m;) {
    size_t sz = 0, cnt = 1;
    int rc = pod_client__tx_size(c, &sz, &ins[k], 1);
    if (rc != POD_OK) {
      char msg[128];
      snprintf(msg, sizeof msg, "the item alone does not fit a transaction (%s)", pod_strerror(rc));
      item_error(c, &res[idx[k]], rc, msg);
      k++;
      continue;
    }
    while (packed && k + cnt < m && pod_client__tx_size(c, &sz, &ins[k], cnt + 1) == POD_OK)
      cnt++;
    tx[ntx].first = k;
    tx[ntx].cnt = cnt;
    ntx++;
    k += cnt;
  }

  /* send them all before confirming any: one request when the transport can (http: JSON-RPC
   * batches), else one after another */
  size_t tx_base = sum->transactions;
  uint8_t *wires = NULL;
  size_t *sizes = NULL;
  int *rcs = NULL;
  pod_tx_outcome_t *outs = NULL;
  int many = 0;
  if (c->ops->send_many && ntx > 1) {
    wires = pod_client__alloc(ntx, POD_TXN_MTU);
    sizes = pod_client__alloc(ntx, sizeof *sizes);
    rcs = pod_client__alloc(ntx, sizeof *rcs);
    outs = pod_client__alloc(ntx, sizeof *outs);
    many = wires && sizes && rcs && outs;
    for (size_t t = 0; many && t < ntx; t++)
      many = pod_client__tx_build(c, wires + t * POD_TXN_MTU, &sizes[t], &tx[t].sig,
                                  &ins[tx[t].first], tx[t].cnt, 0) == POD_OK;
    if (many && c->ops->send_many(c, wires, sizes, ntx, rcs, outs) != POD_OK) {
      many = 0; /* not taken (nothing sent): one by one below */
      c->err[0] = 0;
    }
    if (many)
      for (size_t t = 0; t < ntx; t++)
        pod_client__cache_tx(c, &ins[tx[t].first], tx[t].cnt);
  }
  int lost_rc = POD_OK;
  for (size_t t = 0; t < ntx; t++) {
    btx_t *b = &tx[t];
    if (lost_rc != POD_OK) {
      b->state = 4;
      tx_lost(c, res, idx, b, lost_rc);
      continue;
    }
    int rc = POD_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
      pod_tx_outcome_t o;
      memset(&o, 0, sizeof o);
      if (many && attempt == 0) {
        rc = rcs[t];
        o = outs[t];
        memset(&outs[t], 0, sizeof outs[t]);
      } else {
        uint8_t wire[POD_TXN_MTU];
        size_t wire_sz = 0;
        rc = pod_client__tx_build(c, wire, &wire_sz, &b->sig, &ins[b->first], b->cnt, attempt > 0);
        if (rc != POD_OK) break;
        rc = c->ops->send(c, wire, wire_sz, &o);
        pod_client__cache_tx(c, &ins[b->first], b->cnt); /* what it wrote */
      }
      b->has_err = o.has_err;
      b->err = o.err;
      int final = o.final;
      pod_client__outcome_free(&o);
      if (rc == POD_EPROGRAM && b->has_err && b->err.kind == POD_TXERR_BLOCKHASH_NOT_FOUND &&
          attempt == 0)
        continue; /* once more with a fresh blockhash, as pod_client_send */
      if (rc == POD_OK) b->state = final ? 2 : 1;
      break;
    }
    sum->transactions++;
    if (packed) sum->packed++;
    if (rc == POD_EPROGRAM && b->has_err)
      b->state = 3;
    else if (rc != POD_OK) { /* transport failure: stop sending; confirm what was sent */
      b->state = 4;
      if (!many) lost_rc = rc;
      tx_lost(c, res, idx, b, rc);
    }
    char b58[POD_CLIENT_SIG_SZ];
    pod_signature_to_base58(b58, &b->sig);
    for (size_t k = b->first; k < b->first + b->cnt; k++) {
      res[idx[k]].tx = (uint32_t)(tx_base + t);
      if (b->state != 4) memcpy(res[idx[k]].sig, b58, sizeof b58);
    }
  }
  if (outs)
    for (size_t t = 0; t < ntx; t++)
      pod_client__outcome_free(&outs[t]);
  free(wires);
  free(sizes);
  free(rcs);
  free(outs);

  /* confirm: one getSignatureStatuses for every pending signature per round */
  pod_signature_t *sigs = pod_client__alloc(ntx ? ntx : 1, sizeof *sigs);
  pod_sig_state_t *st = pod_client__alloc(ntx ? ntx : 1, sizeof *st);
  size_t *which = pod_client__alloc(ntx ? ntx : 1, sizeof *which);
  uint64_t deadline = pod_client__now_ms() + 2ull * c->timeout_ms, wait = CONFIRM_POLL_FIRST_MS;
  for (;;) {
    size_t np = 0;
    for (size_t t = 0; t < ntx; t++)
      if (tx[t].state == 1 && sigs && which) {
        sigs[np] = tx[t].sig;
        which[np++] = t;
      }
    if (!np) break;
    int rc = (sigs && st && which) ? c->ops->statuses(c, sigs, np, st)
                                   : pod_client__fail(c, POD_ENOMEM, "out of memory");
    sum->status_calls++;
    if (rc == POD_OK) {
      for (size_t j = 0; j < np; j++) {
        btx_t *b = &tx[which[j]];
        if (st[j].found && st[j].has_err) {
          b->state = 3;
          b->has_err = 1;
          b->err = st[j].err;
        } else if (st[j].found && st[j].level >= (int)c->commitment) {
          b->state = 2;
        }
      }
    }
    uint64_t now = pod_client__now_ms();
    if (rc != POD_OK || now >= deadline) {
      if (rc == POD_OK)
        pod_client__fail(c, POD_EIO,
                         "sent but not confirmed within %u ms: check the addresses later (the "
                         "transaction may still land until its blockhash expires)",
                         2u * c->timeout_ms);
      for (size_t j = 0; j < np; j++)
        if (tx[which[j]].state == 1) {
          tx[which[j]].state = 4;
          tx_lost(c, res, idx, &tx[which[j]], rc == POD_OK ? POD_EIO : rc);
        }
      break;
    }
    int still = 0;
    for (size_t j = 0; j < np; j++)
      still |= tx[which[j]].state == 1;
    if (!still) break;
    pod_client__sleep_ms(wait < deadline - now ? wait : deadline - now);
    wait = wait * 2 > CONFIRM_POLL_MAX_MS ? CONFIRM_POLL_MAX_MS : wait * 2;
  }
  free(sigs);
  free(st);
  free(which);

  /* outcomes */
  for (size_t t = 0; t < ntx; t++) {
    btx_t *b = &tx[t];
    if (b->state == 2) {
      for (size_t k = b->first; k < b->first + b->cnt; k++)
        res[idx[k]].rc = POD_OK;
    } else if (b->state == 3 && b->cnt > 1) {
      for (size_t k = b->first; k < b->first + b->cnt; k++) {
        res[idx[k]].sig[0] = 0;
        retry[(*nretry)++] = idx[k];
      }
    } else if (b->state == 3) {
      pod_client__tx_describe(c, &b->err, &ins[b->first], 1);
      take_failure(c, &res[idx[b->first]], POD_EPROGRAM);
    }
  }
  free(tx);
}

/* Sends the accepted items of ixs (those whose result is still PENDING), then retries the items
 * of failed packed transactions one per transaction; summarises into the handle's message. */
static int run_batch(pod_client *c, pod_batch_result_t *res, pod_batch_summary_t *sum,
                     const pod_ix_t *ixs, size_t n, const char *kind, uint64_t t0) {
  size_t *idx = pod_client__alloc(n, sizeof *idx);
  size_t *retry = pod_client__alloc(n, sizeof *retry);
  pod_instruction_t *ins = pod_client__alloc(n, sizeof *ins);
  size_t m = 0, nretry = 0;
  if (!idx || !retry || !ins) {
    for (size_t i = 0; i < n; i++)
      if (res[i].rc == PENDING) item_error(c, &res[i], POD_ENOMEM, "out of memory");
  } else {
    for (size_t i = 0; i < n; i++)
      if (res[i].rc == PENDING) {
        idx[m] = i;
        ins[m++] = ixs[i].ix;
      }
    run_pass(c, res, sum, ins, idx, m, 1, retry, &nretry);
    if (nretry) {
      sum->retried += nretry;
      for (size_t k = 0; k < nretry; k++)
        ins[k] = ixs[retry[k]].ix;
      size_t none = 0;
      run_pass(c, res, sum, ins, retry, nretry, 0, idx, &none);
    }
  }
  free(idx);
  free(retry);
  free(ins);

  size_t first_bad = n;
  sum->ok = sum->failed = 0;
  for (size_t i = 0; i < n; i++) {
    if (res[i].rc == PENDING) item_error(c, &res[i], POD_EIO, "not sent");
    if (res[i].rc == POD_OK) {
      sum->ok++;
      continue;
    }
    sum->failed++;
    if (first_bad == n) first_bad = i;
  }
  int rc = POD_OK;
  c->err[0] = 0;
  c->prog_err = NULL;
  c->has_tx_err = 0;
  if (first_bad < n) {
    rc = res[first_bad].rc;
    pod_client__fail(c, rc, "batch: %zu of %zu items failed (see each result); item %zu: %s",
                     sum->failed, n, first_bad, res[first_bad].err);
    if (rc == POD_EPROGRAM) {
      c->prog_err = res[first_bad].program_error;
      c->has_tx_err = res[first_bad].has_tx_error;
      c->tx_err = res[first_bad].tx_error;
    }
  }
  pod_client__metrics_batch(c, kind, pod_client__now_ns() - t0, rc);
  return rc;
}

/* After run_batch, for a batch that relied on the signer's agent: an item that failed once sent
 * (not refused client-side) forgets the memo, as a failed send does (pod_client__agent_sent). */
static int agent_sent(pod_client *c, const pod_batch_summary_t *sum, int rc) {
  pod_client__agent_sent(c, sum->failed > sum->refused ? POD_EPROGRAM : POD_OK);
  return rc;
}

/* Common start: arguments, results zeroed and PENDING, the signer's agent PDA (which must exist).
 * With check_agent, the agent is read to say "agent not registered" before anything is sent —
 * once per signer: the read is only that check, so it uses the client's memo
 * (pod_client__signer_agent). Without, the caller reads the agent
 * itself (set_status needs its record). On a whole-batch refusal every result gets rc and the
 * message. */
static int begin(pod_client *c, pod_batch_result_t *res, pod_batch_summary_t *sum, size_t n,
                 const void *items, const char *fn, pod_pubkey_t *agent, int check_agent) {
  memset(sum, 0, sizeof *sum);
  int rc = POD_OK;
  if (!items || !n || n > POD_BATCH_ITEMS_MAX)
    rc = pod_client__fail(c, POD_EINVAL, "%s: give 1..%u items", fn, POD_BATCH_ITEMS_MAX);
  else if (!c->has_signer)
    rc = pod_client__fail(c, POD_EINVAL,
                          "this client has no signer: give opts.keypair (or a signing callback)");
  else if ((rc = pod_pda_agent(agent, NULL, &c->signer)) != POD_OK)
    rc = pod_client__fail(c, rc, "no agent address for this wallet");
  else if (check_agent)
    rc = pod_client__signer_agent(c, agent);
  for (size_t i = 0; i < n && res; i++) {
    memset(&res[i], 0, sizeof res[i]);
    res[i].rc = rc == POD_OK ? PENDING : rc;
    if (rc != POD_OK) copy_err(res[i].err, sizeof res[i].err, c->err);
  }
  return rc;
}

/* The entry of every batch call: the handle entered (the caller ends with pod_client__leave) and
 * begin's checks, their outcome in *rc; *sum zeroed when there are no results. -1 when the handle
 * cannot be entered (NULL, or a call already running on it): the caller returns POD_EINVAL. */
static int enter(pod_client *c, pod_batch_result_t *res, pod_batch_summary_t *sum, size_t n,
                 const void *items, const char *fn, pod_pubkey_t *agent, int check_agent, int *rc) {
  if (!res) memset(sum, 0, sizeof *sum);
  if (!c || pod_client__enter(c) != POD_OK) return -1;
  *rc = !res ? pod_client__fail(c, POD_EINVAL, "%s: results is NULL", fn)
             : begin(c, res, sum, n, items, fn, agent, check_agent);
  return 0;
}

int pod_batch_send_messages(pod_batch_result_t *res, pod_batch_summary_t *summary, pod_client *c,
                            const pod_batch_message_t *items, size_t n) {
  pod_batch_summary_t dummy, *sum = summary ? summary : &dummy;
  pod_pubkey_t agent;
  int rc;
  if (enter(c, res, sum, n, items, "pod_batch_send_messages", &agent, 1, &rc)) return POD_EINVAL;
  uint64_t t0 = pod_client__now_ns();
  pod_ix_t *ixs = NULL;
  if (rc == POD_OK && !(ixs = pod_client__alloc(n, sizeof *ixs)))
    rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  if (rc == POD_OK) {
    const pod_ix_t *tmpl = NULL; /* the first built item */
    for (size_t i = 0; i < n; i++) {
      const pod_batch_message_t *it = &items[i];
      pod_batch_result_t *r = &res[i];
      if (!it->payload && it->payload_sz) {
        item_error(c, r, POD_EINVAL, "NULL payload");
        sum->refused++;
        continue;
      }
      uint32_t rule = pod_validate_send_message(it->type.kind, it->type.custom);
      if (rule != POD_RULE_OK) {
        take_failure(c, r, pod_client__refuse(c, POD_IX_SEND_MESSAGE, rule));
        sum->refused++;
        continue;
      }
      pod_ix_send_message_args_t a;
      memset(&a, 0, sizeof a);
      a.recipient = it->recipient;
      pod_message_payload_hash(a.payload_hash, it->payload, it->payload_sz);
      a.message_type = it->type;
      /* The first item is built by the codec's builder; the others reuse its accounts (the
       * sender's agent PDA is the same for all: deriving it once saves a PDA search per item)
       * with their own message PDA and data — the same instruction the builder would make. */
      int brc;
      if (!tmpl) {
        brc = pod_ix_send_message(&ixs[i], &c->signer, &a);
        if (brc == POD_OK) tmpl = &ixs[i];
      } else {
        pod_ix_t *x = &ixs[i];
        pod_ix_args_t args;
        memset(&args, 0, sizeof args);
        args.kind = POD_IX_SEND_MESSAGE;
        args.u.send_message = a;
        size_t dl = 0;
        brc = pod_pda_message(&x->metas[0].pubkey, NULL, &agent, &a.recipient, a.payload_hash,
                              a.message_type);
        if (brc == POD_OK) brc = pod_ix_encode(x->data, sizeof x->data, &dl, &args);
        if (brc == POD_OK) {
          x->kind = POD_IX_SEND_MESSAGE;
          memcpy(&x->metas[1], &tmpl->metas[1], (tmpl->ix.account_cnt - 1) * sizeof x->metas[0]);
          x->metas[0].is_signer = tmpl->metas[0].is_signer;
          x->metas[0].is_writable = tmpl->metas[0].is_writable;
          x->ix = (pod_instruction_t){pod_program_id, x->metas, tmpl->ix.account_cnt, x->data, dl};
        }
      }
      if (brc != POD_OK) {
        char msg[96];
        snprintf(msg, sizeof msg, "cannot build send_message: %s", pod_strerror(brc));
        item_error(c, r, brc, msg);
        sum->refused++;
        continue;
      }
      r->address = ixs[i].metas[0].pubkey;
      for (size_t j = 0; j < i; j++)
        if (res[j].rc == PENDING && pod_pubkey_eq(&res[j].address, &r->address)) {
          char msg[160];
          snprintf(msg, sizeof msg,
                   "item %zu sends the same message (recipient, payload, type) as item %zu: "
                   "both would create the same account",
                   i, j);
          item_error(c, r, POD_EEXIST, msg);
          sum->refused++;
          break;
        }
    }
    rc = agent_sent(c, sum, run_batch(c, res, sum, ixs, n, "messages", t0));
  }
  free(ixs);
  pod_client__leave(c);
  return rc;
}

int pod_batch_broadcast(pod_batch_result_t *res, pod_batch_summary_t *summary, pod_client *c,
                        const pod_batch_broadcast_t *items, size_t n) {
  pod_batch_summary_t dummy, *sum = summary ? summary : &dummy;
  pod_pubkey_t agent;
  int rc;
  if (enter(c, res, sum, n, items, "pod_batch_broadcast", &agent, 1, &rc)) return POD_EINVAL;
  uint64_t t0 = pod_client__now_ns();
  pod_ix_t *ixs = NULL;
  pod_pubkey_t *keys = NULL; /* channel i at 2i, its participant record at 2i + 1 */
  pod_client_account_t *accts = NULL;
  int *found = NULL;
  pod_rate_state_t *rate = NULL;
  if (rc == POD_OK) {
    ixs = pod_client__alloc(n, sizeof *ixs);
    keys = pod_client__alloc(2 * n, sizeof *keys);
    accts = pod_client__alloc(2 * n, sizeof *accts);
    found = pod_client__alloc(2 * n, sizeof *found);
    rate = pod_client__alloc(n, sizeof *rate);
    if (!ixs || !keys || !accts || !found || !rate)
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  }
  int64_t now = 0;
  int have_now = 0;
  if (rc == POD_OK) {
    for (size_t i = 0; i < n && rc == POD_OK; i++) {
      keys[2 * i] = items[i].channel;
      if ((rc = pod_pda_participant(&keys[2 * i + 1], NULL, &items[i].channel, &agent)) != POD_OK)
        rc = pod_client__fail(c, rc, "no participant address");
    }
    /* every channel and participant record in one read (getMultipleAccounts) */
    if (rc == POD_OK) rc = c->ops->get_accounts(c, keys, 2 * n, accts, found);
    if (rc == POD_OK) {
      have_now = c->ops->now(c, &now) == POD_OK;
      c->err[0] = 0; /* without the cluster's clock the rate limit is left to the program */
    }
    if (rc != POD_OK)
      for (size_t i = 0; i < n; i++) {
        res[i].rc = rc;
        copy_err(res[i].err, sizeof res[i].err, c->err);
      }
  }
  if (rc == POD_OK) {
    for (size_t i = 0; i < n; i++) {
      const pod_batch_broadcast_t *it = &items[i];
      pod_batch_result_t *r = &res[i];
      char b58[POD_PUBKEY_B58_SZ], msg[200];
      pod_channel_account_t ch;
      pod_channel_participant_t p;
      uint32_t rule = POD_RULE_OK;
      sum->refused++; /* undone below when accepted */
      if (!it->content && it->len) {
        item_error(c, r, POD_EINVAL, "NULL content");
        continue;
      }
      rule = it->type.kind > POD_MSG_CUSTOM ? 102u
                                            : pod_validate_broadcast_message(it->content, it->len);
      if (rule != POD_RULE_OK) {
        take_failure(c, r, pod_client__refuse(c, POD_IX_BROADCAST_MESSAGE, rule));
        continue;
      }
      if (!found[2 * i] || !pod_pubkey_eq(&accts[2 * i].owner, &pod_program_id) ||
          pod_channel_account_decode(&ch, accts[2 * i].data, accts[2 * i].data_sz) != POD_OK) {
        snprintf(msg, sizeof msg, "channel %s does not exist (or is not a PoD channel)",
                 pod_pubkey_to_base58(b58, &it->channel));
        item_error(c, r, POD_ENOTFOUND, msg);
        continue;
      }
      int member =
          found[2 * i + 1] && pod_channel_participant_decode(&p, accts[2 * i + 1].data,
                                                             accts[2 * i + 1].data_sz) == POD_OK;
      if (!ch.is_active) /* the channel's constraint comes first (Q1) */
        rule = 6001;
      else if (!member) {
        snprintf(msg, sizeof msg, "not a member of channel %s: join it first (pod_channel_join)",
                 pod_pubkey_to_base58(b58, &it->channel));
        item_error(c, r, POD_ENOTFOUND, msg);
        continue;
      } else if (!p.is_active)
        rule = 6006;
      else if (have_now) {
        /* the rate state after the latest earlier accepted item to this channel */
        pod_rate_state_t s = {p.last_message_at, p.messages_sent};
        for (size_t j = i; j-- > 0;)
          if (res[j].rc == PENDING && pod_pubkey_eq(&items[j].channel, &it->channel)) {
            s = rate[j];
            break;
          }
        rule = pod_rule_rate_limit(&s, now, 1);
        rate[i] = s;
      }
      if (rule != POD_RULE_OK) {
        take_failure(c, r, pod_client__refuse(c, POD_IX_BROADCAST_MESSAGE, rule));
        continue;
      }
      pod_ix_broadcast_message_args_t a;
      memset(&a, 0, sizeof a);
      a.content = (pod_str_t){it->content, it->len};
      a.message_type = it->type;
      a.has_reply_to = it->reply_to != NULL;
      if (it->reply_to) a.reply_to = *it->reply_to;
      a.nonce = pod_client__next_nonce();
      int brc = pod_ix_broadcast_message(&ixs[i], &c->signer, &it->channel, &a);
      if (brc != POD_OK) {
        snprintf(msg, sizeof msg, "cannot build broadcast_message: %s", pod_strerror(brc));
        item_error(c, r, brc, msg);
        continue;
      }
      r->address = ixs[i].metas[3].pubkey;
      r->rc = PENDING;
      sum->refused--;
    }
    rc = agent_sent(c, sum, run_batch(c, res, sum, ixs, n, "broadcasts", t0));
  }
  if (accts)
    for (size_t i = 0; i < 2 * n; i++)
      pod_client_account_free(&accts[i]);
  free(accts);
  free(found);
  free(keys);
  free(rate);
  free(ixs);
  pod_client__leave(c);
  return rc;
}

int pod_batch_set_status(pod_batch_result_t *res, pod_batch_summary_t *summary, pod_client *c,
                         const pod_batch_status_t *items, size_t n) {
  pod_batch_summary_t dummy, *sum = summary ? summary : &dummy;
  pod_pubkey_t agent;
  int rc;
  if (enter(c, res, sum, n, items, "pod_batch_set_status", &agent, 0, &rc)) return POD_EINVAL;
  uint64_t t0 = pod_client__now_ns();
  pod_ix_t *ixs = NULL;
  pod_pubkey_t *keys = NULL; /* the signer's agent at 0, message i at 1 + i */
  pod_client_account_t *accts = NULL;
  int *found = NULL;
  if (rc == POD_OK) {
    ixs = pod_client__alloc(n, sizeof *ixs);
    keys = pod_client__alloc(n + 1, sizeof *keys);
    accts = pod_client__alloc(n + 1, sizeof *accts);
    found = pod_client__alloc(n + 1, sizeof *found);
    if (!ixs || !keys || !accts || !found) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
  }
  pod_agent_account_t me;
  int64_t now = 0;
  int have_now = 0;
  if (rc == POD_OK) {
    keys[0] = agent;
    for (size_t i = 0; i < n; i++)
      keys[1 + i] = items[i].message;
    /* one read for all, the agent's record included (begin did not read it) */
    rc = c->ops->get_accounts(c, keys, n + 1, accts, found);
    if (rc == POD_OK && !found[0])
      rc = pod_client__agent_missing(c, &c->signer);
    else if (rc == POD_OK &&
             (!pod_pubkey_eq(&accts[0].owner, &pod_program_id) ||
              pod_agent_account_decode(&me, accts[0].data, accts[0].data_sz) != POD_OK))
      rc = pod_client__fail(c, POD_EDECODE, "the signer's agent account cannot be decoded");
    if (rc == POD_OK) c->agent_known = 1;
    if (rc == POD_OK) {
      have_now = c->ops->now(c, &now) == POD_OK;
      c->err[0] = 0; /* without the cluster's clock the expiry rule is left to the program */
    }
    if (rc != POD_OK)
      for (size_t i = 0; i < n; i++) {
        res[i].rc = rc;
        copy_err(res[i].err, sizeof res[i].err, c->err);
      }
  }
  if (rc == POD_OK) {
    for (size_t i = 0; i < n; i++) {
      const pod_batch_status_t *it = &items[i];
      pod_batch_result_t *r = &res[i];
      const pod_client_account_t *a = &accts[1 + i];
      pod_message_account_t m;
      char b58[POD_PUBKEY_B58_SZ], msg[200];
      r->address = it->message;
      if (!found[1 + i] || !pod_pubkey_eq(&a->owner, &pod_program_id) ||
          pod_message_account_decode(&m, a->data, a->data_sz) != POD_OK) {
        snprintf(msg, sizeof msg, "message %s does not exist (or is not a PoD message)",
                 pod_pubkey_to_base58(b58, &it->message));
        item_error(c, r, POD_ENOTFOUND, msg);
        sum->refused++;
        continue;
      }
      uint32_t rule = pod_validate_update_message_status(it->status, have_now ? now : m.expires_at,
                                                         m.expires_at, &c->signer, &me.pubkey,
                                                         &m.sender, &m.recipient);
      if (rule != POD_RULE_OK) {
        take_failure(c, r, pod_client__refuse(c, POD_IX_UPDATE_MESSAGE_STATUS, rule));
        sum->refused++;
        continue;
      }
      pod_ix_update_message_status_args_t ua = {it->status};
      int brc = pod_ix_update_message_status(&ixs[i], &c->signer, &it->message, &ua);
      if (brc != POD_OK) {
        snprintf(msg, sizeof msg, "cannot build update_message_status: %s", pod_strerror(brc));
        item_error(c, r, brc, msg);
        sum->refused++;
      }
    }
    rc = agent_sent(c, sum, run_batch(c, res, sum, ixs, n, "statuses", t0));
  }
  if (accts)
    for (size_t i = 0; i < n + 1; i++)
      pod_client_account_free(&accts[i]);
  free(accts);
  free(found);
  free(keys);
  free(ixs);
  pod_client__leave(c);
  return rc;
}
