/* pod message send|read|info|status|list: the messages service of the SDK, and the content
 * service for payloads stored off-chain (--store, --encrypt, read). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"

#define PAYLOAD_MAX (64u << 20) /* only its hash goes on chain; a cap on what we read */

const char pod_cli_help_message[] =
    "  pod message send RECIPIENT (TEXT | --text TEXT | --file FILE | -) [--type TYPE]\n"
    "                   [--store | --encrypt]\n"
    "  pod message read MESSAGE [--out FILE]\n"
    "  pod message info MESSAGE\n"
    "  pod message status MESSAGE delivered|read|failed\n"
    "  pod message list [--inbox | --outbox] [WALLET]\n"
    "\n"
    "send: from your agent to RECIPIENT (a wallet); the payload comes from --text, a file, or\n"
    "stdin (-); only its SHA-256 goes on chain. TYPE: text (default), data, command, response.\n"
    "  --store    also store the payload off-chain (content store: podd's /api/v0/add, the\n"
    "             ledger's content/ folder when embedded, or an IPFS node) so the recipient\n"
    "             can read it; its CID is the on-chain payload hash. At most 256 KiB.\n"
    "  --encrypt  store it sealed (X25519 + XChaCha20-Poly1305): only you and the recipient\n"
    "             can read it. Without either, nothing is stored (as before).\n"
    "read: fetch a message's stored payload, check it against the on-chain hash, open it if it\n"
    "is sealed for you, and write it to stdout (or --out FILE).\n"
    "status: as the recipient, mark a message delivered, read or failed.\n"
    "list: messages to you (--inbox, the default) or from you (--outbox), or to/from WALLET.\n"
    "\n"
    "output:\n"
    "  send    message: <pda>\\npayload_hash: <hex>\\n[cid: <cid>\\nencrypted: yes|no\\n]\n"
    "          signature: <sig>   (-q: the message)\n"
    "          --json {\"message\":..,\"recipient\":..,\"payload_hash\":..,\"type\":..,\n"
    "                  \"signature\":..[,\"cid\":..,\"encrypted\":bool]}\n"
    "  read    the payload's bytes as they are; --json {\"message\":..,\"cid\":..,\n"
    "          \"encrypted\":bool,\"size\":n,\"base64\":..[,\"utf8\":..]} (utf8 when it is text)\n"
    "  info    address, sender (the sender's agent), recipient, payload_hash, created_at,\n"
    "          expires_at, message_type, status, bump, expired; --json the same fields\n"
    "  status  message: <pda>\\nstatus: <word>\\nsignature: <sig>; --json {\"message\":..,\n"
    "          \"status\":..,\"signature\":..}\n"
    "  list    a table MESSAGE SENDER RECIPIENT TYPE STATUS CREATED; --json\n"
    "          {\"box\":\"inbox\",\"count\":n,\"messages\":[<info objects>]}\n";

static void message_fields(pod_cli_fields_t *w, const pod_message_t *m, int64_t now) {
  const pod_message_account_t *x = &m->account;
  pod_cli_field_pubkey(w, "address", 1, &m->address);
  pod_cli_field_pubkey(w, "sender", 1, &x->sender);
  pod_cli_field_pubkey(w, "recipient", 1, &x->recipient);
  pod_cli_field_hex(w, "payload_hash", x->payload_hash, 32);
  pod_cli_field_time(w, "created_at", 1, x->created_at);
  pod_cli_field_time(w, "expires_at", 1, x->expires_at);
  pod_cli_field_msg_type(w, "message_type", x->message_type);
  pod_cli_field_status(w, "status", x->status);
  pod_cli_field_u64(w, "bump", 1, x->bump);
  if (now) pod_cli_field_bool(w, "expired", 1, pod_message_is_expired(x, now));
}

static int read_file(char **out, size_t *len, const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", path, strerror(errno));
  size_t cap = 4096, n = 0;
  char *b = malloc(cap);
  int rc = POD_EXIT_OK;
  while (b) {
    if (n == cap) {
      if (cap >= PAYLOAD_MAX) {
        rc = pod_cli_fail(POD_EXIT_ERROR, "%s is over %u bytes", path, PAYLOAD_MAX);
        break;
      }
      char *nb = realloc(b, cap * 2);
      if (!nb) break;
      b = nb;
      cap *= 2;
    }
    size_t k = fread(b + n, 1, cap - n, f);
    n += k;
    if (k == 0) {
      if (ferror(f)) rc = pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", path, strerror(errno));
      break;
    }
  }
  fclose(f);
  if (!b) return pod_cli_fail(POD_EXIT_ERROR, "out of memory reading %s", path);
  if (rc) {
    free(b);
    return rc;
  }
  *out = b;
  *len = n;
  return POD_EXIT_OK;
}

static int parse_type(pod_message_type_t *t, const char *s) {
  static const char *const T[] = {"text", "data", "command", "response"};
  for (uint8_t i = 0; i < 4; i++)
    if (!strcasecmp(s, T[i])) {
      t->kind = i;
      t->custom = 0;
      return 0;
    }
  return -1;
}

static const char *type_word(pod_message_type_t t) {
  static const char *const T[] = {"text", "data", "command", "response"};
  return t.kind < 4 ? T[t.kind] : "custom";
}

static int message_send(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *recipient = NULL, *text = NULL, *file = NULL;
  int from_stdin = 0, sources = 0, store = 0, encrypt = 0;
  pod_message_type_t type = {POD_MSG_TEXT, 0};
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--text") || !strcmp(a, "--file") || !strcmp(a, "--type")) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "message send: %s needs a value", a);
      const char *v = argv[++i];
      if (a[2] == 't' && a[3] == 'e') {
        text = v;
        sources++;
      } else if (a[2] == 'f') {
        file = v;
        sources++;
      } else if (parse_type(&type, v)) {
        return pod_cli_fail(POD_EXIT_USAGE,
                            "message send: type '%s': use text, data, command or response", v);
      }
    } else if (!strcmp(a, "-")) {
      from_stdin = 1;
      sources++;
    } else if (!strcmp(a, "--store")) {
      store = 1;
    } else if (!strcmp(a, "--encrypt")) {
      encrypt = store = 1;
    } else if (!strcmp(a, "--")) {
      continue;
    } else if (a[0] == '-' && a[1]) {
      return pod_cli_fail(POD_EXIT_USAGE,
                          "message send: unknown option '%s' (see 'pod message --help')", a);
    } else if (!recipient) {
      recipient = a;
    } else if (!text) {
      text = a; /* pod message send RECIPIENT TEXT */
      sources++;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "message send: unexpected argument '%s'", a);
    }
  }
  if (!recipient)
    return pod_cli_fail(POD_EXIT_USAGE, "message send: give the RECIPIENT's wallet address");
  if (sources != 1)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "message send: give the payload once: TEXT, --text TEXT, --file FILE or - "
                        "(stdin)");
  pod_pubkey_t to;
  if (pod_cli_parse_pubkey(&to, "RECIPIENT", recipient)) return POD_EXIT_USAGE;
  char *payload = NULL;
  size_t len = 0;
  int rc = POD_EXIT_OK;
  if (text) {
    len = strlen(text);
  } else if (file) {
    rc = read_file(&payload, &len, file);
  } else if (from_stdin) {
    rc = pod_cli_read_stdin(&payload, &len, PAYLOAD_MAX);
  }
  if (rc) return rc;
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_SIGNER_REQUIRED)) != 0) {
    free(payload);
    return rc;
  }
  pod_pubkey_t msg;
  char sig[POD_CLIENT_SIG_SZ], cid[POD_CID_MAX] = "";
  const void *p = text ? (const void *)text : payload;
  int r = store ? pod_message_send_content(&msg, sig, cid, c, &to, p, len, type,
                                           encrypt ? POD_MESSAGE_ENCRYPT : 0)
                : pod_message_send(&msg, sig, c, &to, p, len, type);
  if (r == POD_ENOTFOUND) {
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "message send: agent not registered: you must be a registered agent to send; "
                      "run `pod agent register --capabilities text --uri https://...`");
  } else if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "message send");
  } else {
    /* the hash on chain is the stored bytes' (the sealed box when encrypted): the CID's digest */
    uint8_t h[32];
    if (store)
      pod_cid_parse(h, cid, strlen(cid));
    else
      pod_message_payload_hash(h, p, len);
    char m58[POD_PUBKEY_B58_SZ];
    pod_pubkey_to_base58(m58, &msg);
    if (o->json) {
      printf("{\"message\":\"%s\",\"recipient\":\"%s\",\"payload_hash\":", m58, recipient);
      pod_cli_json_hex(stdout, h, 32);
      printf(",\"type\":\"%s\",\"signature\":\"%s\"", type_word(type), sig);
      if (store) printf(",\"cid\":\"%s\",\"encrypted\":%s", cid, encrypt ? "true" : "false");
      printf("}\n");
    } else if (o->quiet) {
      printf("%s\n", m58);
    } else {
      printf("message: %s\npayload_hash: ", m58);
      pod_cli_hex(stdout, h, 32);
      if (store) printf("\ncid: %s\nencrypted: %s", cid, encrypt ? "yes" : "no");
      printf("\nsignature: %s\n", sig);
    }
  }
  free(payload);
  pod_client_free(c);
  return rc;
}

static int message_pda_arg(pod_pubkey_t *pk, int argc, char **argv, const char *cmd, int extra) {
  if (argc != 3 + extra)
    return pod_cli_fail(POD_EXIT_USAGE, "message %s: usage: pod message %s MESSAGE%s", cmd, cmd,
                        extra ? " delivered|read|failed" : "");
  return pod_cli_parse_pubkey(pk, "MESSAGE", argv[2]);
}

static int message_read(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *arg = NULL, *out = NULL;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--out")) {
      if (i + 1 >= argc) return pod_cli_fail(POD_EXIT_USAGE, "message read: --out needs a file");
      out = argv[++i];
    } else if (!strcmp(a, "--")) {
      continue;
    } else if (a[0] == '-' && a[1]) {
      return pod_cli_fail(POD_EXIT_USAGE, "message read: unknown option '%s'", a);
    } else if (!arg) {
      arg = a;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE, "message read: unexpected argument '%s'", a);
    }
  }
  if (!arg) return pod_cli_fail(POD_EXIT_USAGE, "message read: usage: pod message read MESSAGE");
  pod_pubkey_t pk;
  if (pod_cli_parse_pubkey(&pk, "MESSAGE", arg)) return POD_EXIT_USAGE;
  pod_client *c;
  /* a signer if there is one: it opens sealed payloads; plain ones need none */
  int rc = pod_cli_client(&c, o, POD_CLI_SIGNER_OPTIONAL);
  if (rc) return rc;
  uint8_t *p = NULL;
  size_t n = 0;
  int enc = 0;
  int r = pod_message_read(&p, &n, &enc, c, &pk);
  if (r == POD_EPERM) {
    rc = pod_cli_fail(POD_EXIT_ERROR,
                      "message read: %s (use --keypair with the sender's or the recipient's key)",
                      pod_client_errmsg(c));
  } else if (r == POD_ENOTFOUND || r == POD_EDECODE) {
    rc = pod_cli_fail(POD_EXIT_ERROR, "message read: %s", pod_client_errmsg(c));
  } else if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "message read");
  } else if (out) {
    FILE *f = fopen(out, "wb");
    if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
      if (f) fclose(f);
      rc = pod_cli_fail(POD_EXIT_ERROR, "message read: cannot write %s: %s", out, strerror(errno));
    } else if (o->json) {
      printf("{\"message\":\"%s\",\"encrypted\":%s,\"size\":%zu,\"file\":", arg,
             enc ? "true" : "false", n);
      pod_cli_json_str(stdout, out, strlen(out));
      printf("}\n");
    } else if (!o->quiet) {
      fprintf(stderr, "%zu bytes%s written to %s\n", n, enc ? " (decrypted)" : "", out);
    }
  } else if (o->json) {
    pod_message_t m;
    char cid[POD_CID_MAX] = "";
    if (pod_message_get(&m, c, &pk) == POD_OK) pod_cid_from_digest(cid, m.account.payload_hash);
    size_t bsz = 4 * ((n + 2) / 3) + 1, bl = 0;
    char *b64 = malloc(bsz);
    if (!b64 || pod_base64_encode(b64, bsz, &bl, p, n) != POD_OK) {
      rc = pod_cli_fail(POD_EXIT_ERROR, "message read: out of memory");
    } else {
      printf("{\"message\":\"%s\",\"cid\":\"%s\",\"encrypted\":%s,\"size\":%zu,\"base64\":\"%.*s\"",
             arg, cid, enc ? "true" : "false", n, (int)bl, b64);
      if (pod_utf8_valid((const char *)p, n)) {
        printf(",\"utf8\":");
        pod_cli_json_str(stdout, (const char *)p, n);
      }
      printf("}\n");
    }
    free(b64);
  } else {
    if (n && fwrite(p, 1, n, stdout) != n)
      rc = pod_cli_fail(POD_EXIT_ERROR, "message read: cannot write the payload");
    /* text ends with a newline on a terminal; bytes stay as they are in a pipe */
    if (!rc && n && p[n - 1] != '\n' && isatty(1)) putchar('\n');
  }
  pod_content_free(p);
  pod_client_free(c);
  return rc;
}

static int message_info(const pod_cli_opts_t *o, int argc, char **argv) {
  pod_pubkey_t pk;
  int rc = message_pda_arg(&pk, argc, argv, "info", 0);
  if (rc) return rc;
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_NO_SIGNER)) != 0) return rc;
  pod_message_t m;
  int r = pod_message_get(&m, c, &pk);
  if (r == POD_ENOTFOUND) {
    rc = pod_cli_fail(POD_EXIT_ERROR, "message info: no message at %s (see `pod message list`)",
                      argv[2]);
  } else if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "message info");
  } else if (o->quiet) {
    static const char *const ST[] = {"pending", "delivered", "read", "failed"};
    printf("%s\n", m.account.status < 4 ? ST[m.account.status] : "unknown");
  } else {
    int64_t now = 0;
    if (pod_client_now(&now, c) != POD_OK) now = 0;
    pod_cli_fields_t fw = {stdout, o->json ? POD_CLI_JSON : POD_CLI_LINES, 0, NULL};
    if (o->json) putchar('{');
    message_fields(&fw, &m, now);
    if (o->json) printf("}\n");
  }
  pod_client_free(c);
  return rc;
}

static int message_status(const pod_cli_opts_t *o, int argc, char **argv) {
  pod_pubkey_t pk;
  int rc = message_pda_arg(&pk, argc, argv, "status", 1);
  if (rc) return rc;
  const char *w = argv[3];
  uint8_t st = !strcasecmp(w, "delivered") ? POD_STATUS_DELIVERED
               : !strcasecmp(w, "read")    ? POD_STATUS_READ
               : !strcasecmp(w, "failed")  ? POD_STATUS_FAILED
                                           : 0;
  if (!st)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "message status: '%s': use delivered, read or failed (a message cannot go "
                        "back to pending)",
                        w);
  pod_client *c;
  if ((rc = pod_cli_client(&c, o, POD_CLI_SIGNER_REQUIRED)) != 0) return rc;
  char sig[POD_CLIENT_SIG_SZ];
  int r = pod_message_set_status(sig, c, &pk, st);
  if (r == POD_ENOTFOUND) {
    rc = pod_cli_fail(POD_EXIT_ERROR, "message status: %s", pod_client_errmsg(c));
  } else if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "message status");
  } else if (o->json) {
    printf("{\"message\":\"%s\",\"status\":\"%s\",\"signature\":\"%s\"}\n", argv[2], w, sig);
  } else if (o->quiet) {
    printf("%s\n", sig);
  } else {
    printf("message: %s\nstatus: %s\nsignature: %s\n", argv[2], w, sig);
  }
  pod_client_free(c);
  return rc;
}

static int message_list(const pod_cli_opts_t *o, int argc, char **argv) {
  int outbox = 0;
  const char *wallet = NULL;
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--inbox"))
      outbox = 0;
    else if (!strcmp(a, "--outbox"))
      outbox = 1;
    else if (!strcmp(a, "--"))
      continue;
    else if (a[0] == '-' && a[1])
      return pod_cli_fail(POD_EXIT_USAGE, "message list: unknown option '%s'", a);
    else if (!wallet)
      wallet = a;
    else
      return pod_cli_fail(POD_EXIT_USAGE, "message list: unexpected argument '%s'", a);
  }
  pod_pubkey_t w;
  if (wallet && pod_cli_parse_pubkey(&w, "WALLET", wallet)) return POD_EXIT_USAGE;
  pod_client *c;
  int rc = pod_cli_client(&c, o, wallet ? POD_CLI_NO_SIGNER : POD_CLI_SIGNER_REQUIRED);
  if (rc) return rc;
  pod_message_t *list = NULL;
  size_t n = 0;
  int r = outbox ? pod_message_outbox(&list, &n, c, wallet ? &w : NULL)
                 : pod_message_inbox(&list, &n, c, wallet ? &w : NULL);
  if (r) {
    rc = pod_cli_sdk_fail(c, o, r, "message list");
    goto done;
  }
  int64_t now = 0;
  if (pod_client_now(&now, c) != POD_OK) now = 0;
  const char *box = outbox ? "outbox" : "inbox";
  if (o->json) {
    printf("{\"box\":\"%s\",\"count\":%zu,\"messages\":[", box, n);
    for (size_t i = 0; i < n; i++) {
      pod_cli_fields_t fw = {stdout, POD_CLI_JSON, 0, NULL};
      printf("%s{", i ? "," : "");
      message_fields(&fw, &list[i], now);
      putchar('}');
    }
    printf("]}\n");
  } else if (o->quiet) {
    char b58[POD_PUBKEY_B58_SZ];
    for (size_t i = 0; i < n; i++)
      printf("%s\n", pod_pubkey_to_base58(b58, &list[i].address));
  } else if (n == 0) {
    printf("no messages in the %s\n", box);
  } else {
    static const char *const ST[] = {"pending", "delivered", "read", "failed"};
    printf("%-44s  %-44s  %-44s  %-8s  %-9s  %s\n", "MESSAGE", "SENDER", "RECIPIENT", "TYPE",
           "STATUS", "CREATED");
    for (size_t i = 0; i < n; i++) {
      const pod_message_account_t *x = &list[i].account;
      char a[POD_PUBKEY_B58_SZ], s[POD_PUBKEY_B58_SZ], r58[POD_PUBKEY_B58_SZ], t[32], ty[16];
      if (x->message_type.kind == POD_MSG_CUSTOM)
        snprintf(ty, sizeof ty, "custom:%u", (unsigned)x->message_type.custom);
      else
        snprintf(ty, sizeof ty, "%s", type_word(x->message_type));
      printf("%-44s  %-44s  %-44s  %-8s  %-9s  %s\n", pod_pubkey_to_base58(a, &list[i].address),
             pod_pubkey_to_base58(s, &x->sender), pod_pubkey_to_base58(r58, &x->recipient), ty,
             x->status < 4 ? ST[x->status] : "?", pod_cli_iso8601(t, x->created_at) ? t : "-");
    }
  }
done:
  pod_message_list_free(list);
  pod_client_free(c);
  return rc;
}

int pod_cmd_message(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(
        POD_EXIT_USAGE,
        "message: give send, read, info, status or list (see 'pod message --help')");
  const char *s = argv[1];
  if (!strcmp(s, "send")) return message_send(o, argc, argv);
  if (!strcmp(s, "read")) return message_read(o, argc, argv);
  if (!strcmp(s, "info")) return message_info(o, argc, argv);
  if (!strcmp(s, "status")) return message_status(o, argc, argv);
  if (!strcmp(s, "list")) return message_list(o, argc, argv);
  return pod_cli_fail(POD_EXIT_USAGE,
                      "message: unknown subcommand '%s' (send, read, info, status, list)", s);
}
