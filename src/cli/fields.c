/* The field writer shared by decode tx (instruction arguments), decode account (account fields)
 * and decode logs (event fields): one spelling of every value in three forms (cli.h). */
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"

int pod_cli_field_begin(pod_cli_fields_t *w, const char *k, int present) {
  if (!present && w->form == POD_CLI_INLINE) return 0;
  switch (w->form) {
  case POD_CLI_JSON: fprintf(w->f, "%s\"%s\":", w->n ? "," : "", k); break;
  case POD_CLI_LINES: fprintf(w->f, "%s%s: ", w->indent ? w->indent : "", k); break;
  default: fprintf(w->f, " %s=", k); break;
  }
  w->n++;
  if (!present) {
    fputs(w->form == POD_CLI_JSON ? "null" : "none", w->f);
    pod_cli_field_end(w);
  }
  return present;
}

void pod_cli_field_end(pod_cli_fields_t *w) {
  if (w->form == POD_CLI_LINES) fputc('\n', w->f);
}

void pod_cli_field_u64(pod_cli_fields_t *w, const char *k, int present, uint64_t v) {
  if (!pod_cli_field_begin(w, k, present)) return;
  fprintf(w->f, "%llu", (unsigned long long)v);
  pod_cli_field_end(w);
}

char *pod_cli_iso8601(char out[32], int64_t t) {
  /* Years 0..9999 only: -62167219200 is 0000-01-01, 253402300799 is 9999-12-31T23:59:59. */
  if (t < -62167219200LL || t > 253402300799LL) return NULL;
  time_t tt = (time_t)t;
  struct tm tm;
  if ((int64_t)tt != t || !gmtime_r(&tt, &tm)) return NULL;
  if (!strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm)) return NULL;
  return out;
}

void pod_cli_field_time(pod_cli_fields_t *w, const char *k, int present, int64_t v) {
  if (!pod_cli_field_begin(w, k, present)) return;
  fprintf(w->f, "%lld", (long long)v);
  char iso[32];
  if (w->form == POD_CLI_LINES && v != 0 && pod_cli_iso8601(iso, v)) fprintf(w->f, " (%s)", iso);
  pod_cli_field_end(w);
}

void pod_cli_field_bool(pod_cli_fields_t *w, const char *k, int present, int v) {
  if (!pod_cli_field_begin(w, k, present)) return;
  fputs(v ? "true" : "false", w->f);
  pod_cli_field_end(w);
}

void pod_cli_field_str(pod_cli_fields_t *w, const char *k, int present, pod_str_t s) {
  if (!pod_cli_field_begin(w, k, present)) return;
  pod_cli_json_str(w->f, s.ptr ? s.ptr : "", s.len);
  pod_cli_field_end(w);
}

void pod_cli_field_word(pod_cli_fields_t *w, const char *k, const char *word) {
  if (!pod_cli_field_begin(w, k, 1)) return;
  if (w->form == POD_CLI_JSON)
    fprintf(w->f, "\"%s\"", word);
  else
    fputs(word, w->f);
  pod_cli_field_end(w);
}

void pod_cli_field_pubkey(pod_cli_fields_t *w, const char *k, int present, const pod_pubkey_t *pk) {
  char b58[POD_PUBKEY_B58_SZ];
  if (present)
    pod_cli_field_word(w, k, pod_pubkey_to_base58(b58, pk));
  else
    pod_cli_field_begin(w, k, 0);
}

void pod_cli_field_hex(pod_cli_fields_t *w, const char *k, const uint8_t *b, size_t n) {
  if (!pod_cli_field_begin(w, k, 1)) return;
  if (w->form == POD_CLI_JSON)
    pod_cli_json_hex(w->f, b, n);
  else
    pod_cli_hex(w->f, b, n);
  pod_cli_field_end(w);
}

/* The spelling `pod pda message` accepts: text, data, command, response, custom:N. */
static const char *const MSG_TYPES[] = {"text", "data", "command", "response"};

const char *pod_cli_msg_type_word(char out[16], pod_message_type_t t) {
  if (t.kind < 4)
    snprintf(out, 16, "%s", MSG_TYPES[t.kind]);
  else if (t.kind == POD_MSG_CUSTOM)
    snprintf(out, 16, "custom:%u", (unsigned)t.custom);
  else
    snprintf(out, 16, "%u", (unsigned)t.kind); /* not a MessageType; never decoded */
  return out;
}

int pod_cli_parse_msg_type(pod_message_type_t *t, const char *what, const char *s) {
  for (uint8_t k = 0; k < 4; k++)
    if (!strcasecmp(s, MSG_TYPES[k])) {
      t->kind = k;
      t->custom = 0;
      return POD_EXIT_OK;
    }
  if (!strncasecmp(s, "custom:", 7)) {
    const char *p = s + 7;
    unsigned v = 0;
    size_t nd = 0;
    for (; *p >= '0' && *p <= '9' && v <= 255; p++, nd++)
      v = v * 10 + (unsigned)(*p - '0');
    if (nd && !*p && v < 252) {
      t->kind = POD_MSG_CUSTOM;
      t->custom = (uint8_t)v;
      return POD_EXIT_OK;
    }
    return pod_cli_fail(POD_EXIT_USAGE, "%s '%s': custom:N needs N from 0 to 251", what, s);
  }
  return pod_cli_fail(POD_EXIT_USAGE, "%s '%s': use text, data, command, response or custom:N",
                      what, s);
}

void pod_cli_field_msg_type(pod_cli_fields_t *w, const char *k, pod_message_type_t t) {
  char buf[16];
  pod_cli_field_word(w, k, pod_cli_msg_type_word(buf, t));
}

void pod_cli_field_status(pod_cli_fields_t *w, const char *k, uint8_t v) {
  static const char *const st[] = {"pending", "delivered", "read", "failed"};
  if (v < 4)
    pod_cli_field_word(w, k, st[v]);
  else
    pod_cli_field_u64(w, k, 1, v);
}

void pod_cli_field_visibility(pod_cli_fields_t *w, const char *k, uint8_t v) {
  if (v <= POD_VISIBILITY_PRIVATE)
    pod_cli_field_word(w, k, v == POD_VISIBILITY_PUBLIC ? "public" : "private");
  else
    pod_cli_field_u64(w, k, 1, v);
}

/* ---- accounts (field names as in the program's IDL) ---- */

void pod_cli_account_fields(pod_cli_fields_t *w, const pod_typed_account_t *a) {
  switch (a->kind) {
  case POD_ACCT_AGENT: {
    const pod_agent_account_t *x = &a->u.agent;
    pod_cli_field_pubkey(w, "pubkey", 1, &x->pubkey);
    pod_cli_field_u64(w, "capabilities", 1, x->capabilities);
    pod_cli_field_u64(w, "reputation", 1, x->reputation);
    pod_cli_field_time(w, "last_updated", 1, x->last_updated);
    pod_cli_field_str(w, "metadata_uri", 1, x->metadata_uri);
    pod_cli_field_u64(w, "invites_sent", 1, x->invites_sent);
    pod_cli_field_time(w, "last_invite_at", 1, x->last_invite_at);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_MESSAGE: {
    const pod_message_account_t *x = &a->u.message;
    pod_cli_field_pubkey(w, "sender", 1, &x->sender);
    pod_cli_field_pubkey(w, "recipient", 1, &x->recipient);
    pod_cli_field_hex(w, "payload_hash", x->payload_hash, 32);
    pod_cli_field_time(w, "created_at", 1, x->created_at);
    pod_cli_field_time(w, "expires_at", 1, x->expires_at);
    pod_cli_field_msg_type(w, "message_type", x->message_type);
    pod_cli_field_status(w, "status", x->status);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_CHANNEL: {
    const pod_channel_account_t *x = &a->u.channel;
    pod_cli_field_pubkey(w, "creator", 1, &x->creator);
    pod_cli_field_u64(w, "fee_per_message", 1, x->fee_per_message);
    pod_cli_field_u64(w, "escrow_balance", 1, x->escrow_balance);
    pod_cli_field_time(w, "created_at", 1, x->created_at);
    pod_cli_field_u64(w, "max_participants", 1, x->max_participants);
    pod_cli_field_u64(w, "current_participants", 1, x->current_participants);
    pod_cli_field_str(w, "name", 1, x->name);
    pod_cli_field_str(w, "description", 1, x->description);
    pod_cli_field_visibility(w, "visibility", x->visibility);
    pod_cli_field_bool(w, "is_active", 1, x->is_active);
    pod_cli_field_time(w, "last_sync_timestamp", 1, x->last_sync_timestamp);
    pod_cli_field_u64(w, "total_compressed_messages", 1, x->total_compressed_messages);
    pod_cli_field_u64(w, "compressed_data_size", 1, x->compressed_data_size);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_PARTICIPANT: {
    const pod_channel_participant_t *x = &a->u.participant;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "participant", 1, &x->participant);
    pod_cli_field_time(w, "joined_at", 1, x->joined_at);
    pod_cli_field_u64(w, "messages_sent", 1, x->messages_sent);
    pod_cli_field_time(w, "last_message_at", 1, x->last_message_at);
    pod_cli_field_bool(w, "is_active", 1, x->is_active);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_INVITATION: {
    const pod_channel_invitation_t *x = &a->u.invitation;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "inviter", 1, &x->inviter);
    pod_cli_field_pubkey(w, "invitee", 1, &x->invitee);
    pod_cli_field_hex(w, "invitation_hash", x->invitation_hash, 32);
    pod_cli_field_time(w, "created_at", 1, x->created_at);
    pod_cli_field_time(w, "expires_at", 1, x->expires_at);
    pod_cli_field_u64(w, "nonce", 1, x->nonce);
    pod_cli_field_bool(w, "is_accepted", 1, x->is_accepted);
    pod_cli_field_bool(w, "is_used", 1, x->is_used);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_CHANNEL_MESSAGE: {
    const pod_channel_message_t *x = &a->u.channel_message;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "sender", 1, &x->sender);
    pod_cli_field_pubkey(w, "reply_to", x->has_reply_to, &x->reply_to);
    pod_cli_field_time(w, "created_at", 1, x->created_at);
    pod_cli_field_time(w, "edited_at", x->has_edited_at, x->edited_at);
    pod_cli_field_str(w, "content", 1, x->content);
    pod_cli_field_msg_type(w, "message_type", x->message_type);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  case POD_ACCT_ESCROW: {
    const pod_escrow_account_t *x = &a->u.escrow;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "depositor", 1, &x->depositor);
    pod_cli_field_u64(w, "amount", 1, x->amount);
    pod_cli_field_time(w, "created_at", 1, x->created_at);
    pod_cli_field_u64(w, "bump", 1, x->bump);
    pod_cli_field_hex(w, "_reserved", x->reserved, sizeof x->reserved);
    break;
  }
  default: break;
  }
}

/* ---- events (field names as in the program's IDL) ---- */

void pod_cli_event_fields(pod_cli_fields_t *w, const pod_event_t *e) {
  switch (e->kind) {
  case POD_EVENT_AGENT_REGISTERED: {
    const pod_event_agent_registered_t *x = &e->u.agent_registered;
    pod_cli_field_pubkey(w, "agent", 1, &x->agent);
    pod_cli_field_u64(w, "capabilities", 1, x->capabilities);
    pod_cli_field_str(w, "metadata_uri", 1, x->metadata_uri);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_SENT: {
    const pod_event_message_sent_t *x = &e->u.message_sent;
    pod_cli_field_pubkey(w, "sender", 1, &x->sender);
    pod_cli_field_pubkey(w, "recipient", 1, &x->recipient);
    pod_cli_field_msg_type(w, "message_type", x->message_type);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_CREATED: {
    const pod_event_channel_created_t *x = &e->u.channel_created;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "creator", 1, &x->creator);
    pod_cli_field_str(w, "name", 1, x->name);
    pod_cli_field_visibility(w, "visibility", x->visibility);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_CHANNEL_JOINED: {
    const pod_event_channel_joined_t *x = &e->u.channel_joined;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "participant", 1, &x->participant);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_MESSAGE_BROADCAST: {
    const pod_event_message_broadcast_t *x = &e->u.message_broadcast;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "sender", 1, &x->sender);
    pod_cli_field_msg_type(w, "message_type", x->message_type);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_ESCROW_DEPOSIT:
  case POD_EVENT_ESCROW_WITHDRAWAL: {
    const pod_event_escrow_t *x =
        e->kind == POD_EVENT_ESCROW_DEPOSIT ? &e->u.escrow_deposit : &e->u.escrow_withdrawal;
    pod_cli_field_pubkey(w, "channel", 1, &x->channel);
    pod_cli_field_pubkey(w, "depositor", 1, &x->depositor);
    pod_cli_field_u64(w, "amount", 1, x->amount);
    pod_cli_field_time(w, "timestamp", 1, x->timestamp);
    break;
  }
  case POD_EVENT_COMPRESSED_MESSAGE_SYNCED: {
    const pod_event_compressed_message_synced_t *x = &e->u.compressed_message_synced;
    pod_cli_field_pubkey(w, "channel_id", 1, &x->channel_id);
    pod_cli_field_hex(w, "message_hash", x->message_hash, 32);
    pod_cli_field_hex(w, "compressed_hash", x->compressed_hash, 32);
    pod_cli_field_u64(w, "batch_index", 1, x->batch_index);
    pod_cli_field_time(w, "sync_timestamp", 1, x->sync_timestamp);
    break;
  }
  default: break;
  }
}

/* ---- error table entries ---- */

const char *pod_cli_error_origin(const pod_program_error_t *e) {
  switch (e->origin) {
  case POD_ERR_ORIGIN_PROGRAM: return "program";
  case POD_ERR_ORIGIN_ANCHOR: return "anchor";
  case POD_ERR_ORIGIN_SYSTEM: return "system";
  default: return "unknown";
  }
}

void pod_cli_error_json_members(FILE *f, const pod_program_error_t *e) {
  fprintf(f, "\"code\":%lu,\"hex\":\"0x%lx\",\"name\":", (unsigned long)e->code,
          (unsigned long)e->code);
  pod_cli_json_str(f, e->name, strlen(e->name));
  fputs(",\"message\":", f);
  pod_cli_json_str(f, e->message, strlen(e->message));
  fprintf(f, ",\"origin\":\"%s\",\"reachable\":%s,\"when\":", pod_cli_error_origin(e),
          e->reachable ? "true" : "false");
  pod_cli_json_str(f, e->when ? e->when : "", e->when ? strlen(e->when) : 0);
}

int pod_cli_print_list(const pod_cli_opts_t *o, const char *key, const void *list, size_t n,
                       size_t rec_sz, size_t addr_off, pod_cli_rec_fields_fn fields) {
  const uint8_t *rec = list;
  if (o->json) {
    printf("{\"count\":%zu,\"%s\":[", n, key);
    for (size_t i = 0; i < n; i++, rec += rec_sz) {
      pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
      printf("%s{", i ? "," : "");
      fields(&w, rec);
      putchar('}');
    }
    printf("]}\n");
    return 1;
  }
  if (o->quiet) {
    char b58[POD_PUBKEY_B58_SZ];
    for (size_t i = 0; i < n; i++, rec += rec_sz) {
      pod_pubkey_t pk;
      memcpy(&pk, rec + addr_off, sizeof pk);
      printf("%s\n", pod_pubkey_to_base58(b58, &pk));
    }
    return 1;
  }
  return 0;
}
