/* pod decode logs: a transaction's log messages (stdin: one per line, or a JSON array of strings)
 * with the PoD events decoded (pod_event_decode_log) and the errors explained from the error table
 * (pod_program_error, pod_custom_error). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define LOGS_INPUT_MAX ((size_t)64 << 20)

typedef struct {
  const char *p;
  size_t n;
} line_t;

typedef struct {
  line_t *v;
  size_t cnt, cap;
} lines_t;

static int lines_add(lines_t *L, const char *p, size_t n) {
  if (L->cnt == L->cap) {
    size_t cap = L->cap ? L->cap * 2 : 64;
    line_t *nv = realloc(L->v, cap * sizeof *nv);
    if (!nv) return -1;
    L->v = nv;
    L->cap = cap;
  }
  L->v[L->cnt].p = p;
  L->v[L->cnt].n = n;
  L->cnt++;
  return 0;
}

/* ---- input ---- */

static size_t skip_ws(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

static int hex4(const char *s, uint32_t *out) {
  uint32_t v = 0;
  for (int k = 0; k < 4; k++) {
    int c = (unsigned char)s[k];
    if (!isxdigit(c)) return -1;
    v = v * 16 + (uint32_t)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
  }
  *out = v;
  return 0;
}

/* Decodes the JSON string whose opening quote is at s[*i], in place (escapes only shrink: the
 * bytes are written over the escaped text). *i ends after the closing quote. Returns NULL on
 * success, else what is wrong. */
static const char *json_string(char *s, size_t n, size_t *i, line_t *out) {
  size_t r = *i + 1, w = r;
  char *start = s + w;
  for (;;) {
    if (r >= n) return "a string is not closed";
    unsigned char c = (unsigned char)s[r];
    if (c == '"') break;
    if (c < 0x20) return "a string holds a raw control character";
    if (c != '\\') {
      s[w++] = s[r++];
      continue;
    }
    if (n - r < 2) return "a string is not closed";
    char e = s[r + 1];
    r += 2;
    const char *simple = strchr("\"\\/bfnrt", e);
    if (e && simple) {
      static const char repl[] = "\"\\/\b\f\n\r\t";
      s[w++] = repl[simple - "\"\\/bfnrt"];
      continue;
    }
    if (e != 'u') return "a string has an unknown escape";
    uint32_t cp;
    if (n - r < 4 || hex4(s + r, &cp)) return "a \\u escape needs 4 hex digits";
    r += 4;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      uint32_t lo;
      if (n - r < 6 || s[r] != '\\' || s[r + 1] != 'u' || hex4(s + r + 2, &lo) || lo < 0xDC00 ||
          lo > 0xDFFF)
        return "a \\u escape is half of a surrogate pair";
      r += 6;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return "a \\u escape is half of a surrogate pair";
    }
    /* UTF-8: at most 4 bytes for at least 6 characters read. */
    if (cp < 0x80) {
      s[w++] = (char)cp;
    } else if (cp < 0x800) {
      s[w++] = (char)(0xC0 | (cp >> 6));
      s[w++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s[w++] = (char)(0xE0 | (cp >> 12));
      s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      s[w++] = (char)(0x80 | (cp & 0x3F));
    } else {
      s[w++] = (char)(0xF0 | (cp >> 18));
      s[w++] = (char)(0x80 | ((cp >> 12) & 0x3F));
      s[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
      s[w++] = (char)(0x80 | (cp & 0x3F));
    }
  }
  out->p = start;
  out->n = (size_t)(s + w - start);
  *i = r + 1;
  return NULL;
}

/* A JSON array of strings (meta.logMessages), parsed in place. */
static int parse_json_array(char *s, size_t n, lines_t *L) {
  size_t i = skip_ws(s, n, 0) + 1; /* after '[' */
  const char *why = NULL;
  i = skip_ws(s, n, i);
  if (i < n && s[i] == ']') {
    i++;
  } else {
    for (;;) {
      if (i >= n || s[i] != '"') {
        why = "expected a string";
        break;
      }
      line_t l;
      if ((why = json_string(s, n, &i, &l))) break;
      if (lines_add(L, l.p, l.n)) return pod_cli_fail(POD_EXIT_ERROR, "out of memory");
      i = skip_ws(s, n, i);
      if (i < n && s[i] == ',') {
        i = skip_ws(s, n, i + 1);
        continue;
      }
      if (i < n && s[i] == ']') {
        i++;
        break;
      }
      why = "expected ',' or ']'";
      break;
    }
  }
  if (!why && skip_ws(s, n, i) != n) why = "there is more after the closing ']'";
  if (why)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "the input starts with '[' but is not a JSON array of strings: %s (at "
                        "byte %zu); give the array of log messages (meta.logMessages) or plain "
                        "lines",
                        why, i < n ? i : n);
  return POD_EXIT_OK;
}

static int split_lines(const char *s, size_t n, lines_t *L) {
  size_t i = 0;
  while (i < n) {
    const char *nl = memchr(s + i, '\n', n - i);
    size_t e = nl ? (size_t)(nl - s) : n, len = e - i;
    if (len && s[i + len - 1] == '\r') len--;
    if (lines_add(L, s + i, len)) return pod_cli_fail(POD_EXIT_ERROR, "out of memory");
    i = e + 1;
  }
  return POD_EXIT_OK;
}

/* ---- what a line is ---- */

enum {
  K_OTHER,       /* any other line */
  K_EVENT,       /* a PoD event, decoded */
  K_BAD_EVENT,   /* a PoD event's discriminator, but the rest does not decode */
  K_NOT_POD,     /* a "Program data:" line that is not a PoD event */
  K_ERROR,       /* an AnchorError line or a failed line with a PoD error table entry */
  K_ERROR_SHOWN, /* a failed line with the error just explained by the line before */
  K_FOREIGN,     /* an AnchorError / custom program error not in the table */
};
static const char *const kind_names[] = {"other", "event",          "bad_event",    "not_pod_event",
                                         "error", "error_repeated", "unknown_error"};

typedef struct {
  int kind;
  /* K_EVENT / K_BAD_EVENT */
  pod_event_t ev;
  const char *event_name;
  /* K_ERROR */
  const pod_program_error_t *err;
  int from_anchor_line;   /* 1: an AnchorError line; 0: "Program X failed: custom ..." */
  line_t program;         /* the failed program (failed lines) */
  line_t account, thrown; /* "caused by account: X" / "thrown in F:L" */
  line_t left, right;     /* the Left:/Right: lines after it */
} info_t;

typedef struct {
  int64_t last_code; /* last explained error code in this instruction; -1 none */
  uint8_t buf[16384];
} walk_t;

static int starts(line_t l, const char *prefix) {
  size_t k = strlen(prefix);
  return l.n >= k && !memcmp(l.p, prefix, k);
}

/* The position of needle in l at or after from, or (size_t)-1. */
static size_t find(line_t l, size_t from, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = from; i <= l.n && l.n - i >= k; i++)
    if (!memcmp(l.p + i, needle, k)) return i;
  return (size_t)-1;
}

static line_t sub(line_t l, size_t a, size_t b) {
  line_t r = {l.p + a, b - a};
  return r;
}

static int parse_u32(line_t l, int base, uint32_t *out) {
  uint64_t v = 0;
  if (!l.n) return -1;
  for (size_t i = 0; i < l.n; i++) {
    int c = (unsigned char)l.p[i];
    int d = isdigit(c) ? c - '0' : (base == 16 && isxdigit(c)) ? tolower(c) - 'a' + 10 : -1;
    if (d < 0) return -1;
    v = v * (uint64_t)base + (uint64_t)d;
    if (v > UINT32_MAX) return -1;
  }
  *out = (uint32_t)v;
  return 0;
}

/* "Program log: AnchorError <where>. Error Code: <Name>. Error Number: <n>. Error Message: ..." */
static void anchor_line(walk_t *wk, const lines_t *L, size_t idx, info_t *in) {
  line_t l = L->v[idx];
  static const char pre[] = "Program log: AnchorError ";
  size_t code_at = find(l, sizeof pre - 1, ". Error Code: ");
  size_t num_at = code_at == (size_t)-1 ? code_at : find(l, code_at, ". Error Number: ");
  if (num_at == (size_t)-1) return;
  size_t num_from = num_at + strlen(". Error Number: ");
  size_t num_end = find(l, num_from, ".");
  uint32_t code;
  if (num_end == (size_t)-1 || parse_u32(sub(l, num_from, num_end), 10, &code)) return;
  const pod_program_error_t *e = pod_program_error(code);
  if (!e) {
    in->kind = K_FOREIGN;
    return;
  }
  in->kind = K_ERROR;
  in->err = e;
  in->from_anchor_line = 1;
  line_t where = sub(l, sizeof pre - 1, code_at);
  static const char by[] = "caused by account: ", in_[] = "thrown in ";
  if (starts(where, by)) in->account = sub(where, sizeof by - 1, where.n);
  if (starts(where, in_)) in->thrown = sub(where, sizeof in_ - 1, where.n);
  /* ConstraintSeeds and friends: "Left:", <key>, "Right:", <key> on the next four lines. */
  if (L->cnt - idx > 4 && starts(L->v[idx + 1], "Program log: Left:") &&
      starts(L->v[idx + 3], "Program log: Right:") && starts(L->v[idx + 2], "Program log: ") &&
      starts(L->v[idx + 4], "Program log: ")) {
    in->left = sub(L->v[idx + 2], 13, L->v[idx + 2].n);
    in->right = sub(L->v[idx + 4], 13, L->v[idx + 4].n);
  }
  wk->last_code = code;
}

/* "Program <id> failed: custom program error: 0x<hex>" of pod_com or the System program. */
static void failed_line(walk_t *wk, line_t l, info_t *in) {
  size_t at = find(l, 8, " failed: custom program error: 0x");
  if (at == (size_t)-1) return;
  line_t prog = sub(l, 8, at);
  uint32_t code;
  if (parse_u32(sub(l, at + strlen(" failed: custom program error: 0x"), l.n), 16, &code)) return;
  pod_pubkey_t id;
  if (pod_pubkey_from_base58(&id, prog.p, prog.n) != POD_OK) return;
  int source = pod_pubkey_eq(&id, &pod_program_id)          ? POD_SOURCE_POD_COM
               : pod_pubkey_eq(&id, &pod_system_program_id) ? POD_SOURCE_SYSTEM
                                                            : POD_SOURCE_OTHER;
  if (source == POD_SOURCE_OTHER) return;
  const pod_program_error_t *e = pod_custom_error(code, source);
  if (!e) {
    in->kind = K_FOREIGN;
    return;
  }
  if (wk->last_code == (int64_t)e->code) {
    in->kind = K_ERROR_SHOWN;
    return;
  }
  in->kind = K_ERROR;
  in->err = e;
  in->program = prog;
  wk->last_code = e->code;
}

static void classify(walk_t *wk, const lines_t *L, size_t idx, info_t *in) {
  line_t l = L->v[idx];
  memset(in, 0, sizeof *in);
  in->kind = K_OTHER;
  if (starts(l, POD_EVENT_LOG_PREFIX)) {
    int rc = pod_event_decode_log(&in->ev, wk->buf, sizeof wk->buf, l.p, l.n);
    if (rc == POD_OK) {
      in->kind = K_EVENT;
      in->event_name = pod_event_name((int)in->ev.kind);
      return;
    }
    in->kind = K_NOT_POD;
    /* Malformed, or another program's data? A PoD discriminator in the first chunk says. */
    line_t chunk = sub(l, POD_EVENT_LOG_PREFIX_LEN, l.n);
    size_t sp = find(chunk, 0, " ");
    if (sp != (size_t)-1) chunk.n = sp;
    size_t n = 0;
    if (pod_base64_decode(wk->buf, sizeof wk->buf, &n, chunk.p, chunk.n) == POD_OK) {
      int k = pod_event_type(wk->buf, n);
      if (k >= 0) {
        in->kind = K_BAD_EVENT;
        in->event_name = pod_event_name(k);
      }
    }
    return;
  }
  if (starts(l, "Program log: AnchorError ")) {
    anchor_line(wk, L, idx, in);
    return;
  }
  if (starts(l, "Program ") && find(l, 8, " invoke [1]") != (size_t)-1) {
    wk->last_code = -1; /* a new top-level instruction */
    return;
  }
  if (starts(l, "Program ")) failed_line(wk, l, in);
}

/* ---- output ---- */

static void json_line(line_t l) { pod_cli_json_str(stdout, l.p, l.n); }

static void json_opt_line(const char *k, line_t l) {
  printf(",\"%s\":", k);
  if (l.p)
    json_line(l);
  else
    printf("null");
}

static void text_error(const info_t *in, const char *ind) {
  const pod_program_error_t *e = in->err;
  printf("%s  code: %lu\n%s  hex: 0x%lx\n%s  message: %s\n%s  origin: %s\n", ind,
         (unsigned long)e->code, ind, (unsigned long)e->code, ind, e->message, ind,
         pod_cli_error_origin(e));
  if (e->when) printf("%s  when: %s\n", ind, e->when);
  if (in->account.p) printf("%s  account: %.*s\n", ind, (int)in->account.n, in->account.p);
  if (in->thrown.p) printf("%s  thrown_in: %.*s\n", ind, (int)in->thrown.n, in->thrown.p);
  if (in->left.p) printf("%s  left: %.*s\n", ind, (int)in->left.n, in->left.p);
  if (in->right.p) printf("%s  right: %.*s\n", ind, (int)in->right.n, in->right.p);
  if (in->program.p) printf("%s  program: %.*s\n", ind, (int)in->program.n, in->program.p);
}

static void print_text(const pod_cli_opts_t *o, const lines_t *L) {
  static walk_t wk;
  wk.last_code = -1;
  const char *ind = o->verbose ? "  " : "";
  for (size_t i = 0; i < L->cnt; i++) {
    info_t in;
    classify(&wk, L, i, &in);
    if (o->verbose) {
      fwrite(L->v[i].p, 1, L->v[i].n, stdout);
      putchar('\n');
    }
    char where[32] = "";
    if (!o->verbose) snprintf(where, sizeof where, " (line %zu)", i + 1);
    switch (in.kind) {
    case K_EVENT: {
      printf("%sevent: %s%s\n", ind, in.event_name, where);
      pod_cli_fields_t w = {stdout, POD_CLI_LINES, 0, o->verbose ? "    " : "  "};
      pod_cli_event_fields(&w, &in.ev);
      break;
    }
    case K_BAD_EVENT:
      printf("%sevent: %s%s: does not decode (malformed fields or trailing bytes)\n", ind,
             in.event_name, where);
      break;
    case K_ERROR:
      printf("%serror: %s%s\n", ind, in.err->name, where);
      text_error(&in, ind);
      break;
    case K_NOT_POD:
      if (o->verbose) printf("  (not a PoD event)\n");
      break;
    case K_ERROR_SHOWN:
      if (o->verbose) printf("  (the error explained above)\n");
      break;
    case K_FOREIGN:
      if (o->verbose) printf("  (an error code that is not in the PoD error table)\n");
      break;
    default: break;
    }
  }
}

static void print_json(const pod_cli_opts_t *o, const lines_t *L) {
  static walk_t wk;
  info_t in;
  printf("{\"lines\":%zu,\"events\":[", L->cnt);
  int n = 0;
  wk.last_code = -1;
  for (size_t i = 0; i < L->cnt; i++) {
    classify(&wk, L, i, &in);
    if (in.kind != K_EVENT && in.kind != K_BAD_EVENT) continue;
    printf("%s{\"line\":%zu,\"name\":\"%s\",\"fields\":", n++ ? "," : "", i + 1, in.event_name);
    if (in.kind == K_EVENT) {
      putchar('{');
      pod_cli_fields_t w = {stdout, POD_CLI_JSON, 0, NULL};
      pod_cli_event_fields(&w, &in.ev);
      printf("}}");
    } else {
      printf("null,\"error\":\"does not decode (malformed fields or trailing bytes)\"}");
    }
  }
  printf("],\"errors\":[");
  n = 0;
  wk.last_code = -1;
  for (size_t i = 0; i < L->cnt; i++) {
    classify(&wk, L, i, &in);
    if (in.kind != K_ERROR) continue;
    printf("%s{\"line\":%zu,\"source\":\"%s\",", n++ ? "," : "", i + 1,
           in.from_anchor_line ? "anchor_log" : "failed_log");
    pod_cli_error_json_members(stdout, in.err);
    json_opt_line("account", in.account);
    json_opt_line("thrown_in", in.thrown);
    json_opt_line("left", in.left);
    json_opt_line("right", in.right);
    json_opt_line("program", in.program);
    putchar('}');
  }
  putchar(']');
  if (o->verbose) {
    printf(",\"logs\":[");
    wk.last_code = -1;
    for (size_t i = 0; i < L->cnt; i++) {
      classify(&wk, L, i, &in);
      printf("%s{\"line\":%zu,\"kind\":\"%s\",\"text\":", i ? "," : "", i + 1, kind_names[in.kind]);
      json_line(L->v[i]);
      putchar('}');
    }
    putchar(']');
  }
  printf("}\n");
}

int pod_cli_decode_logs(const pod_cli_opts_t *o, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-")) continue;
    if (argv[i][0] == '-' && argv[i][1])
      return pod_cli_fail(POD_EXIT_USAGE,
                          "decode logs: unknown option '%s' (see 'pod decode --help')", argv[i]);
    return pod_cli_fail(POD_EXIT_USAGE,
                        "decode logs: reads the log lines from standard input; got an argument "
                        "'%s' (use: pod decode logs < FILE)",
                        argv[i]);
  }
  if (isatty(STDIN_FILENO))
    fprintf(stderr, "pod: reading log lines from standard input (end with Ctrl-D)\n");
  char *buf = NULL;
  size_t len = 0;
  int rc = pod_cli_read_stdin(&buf, &len, LOGS_INPUT_MAX);
  if (rc) return rc;
  lines_t L = {NULL, 0, 0};
  size_t first = skip_ws(buf, len, 0);
  if (first < len && buf[first] == '[')
    rc = parse_json_array(buf, len, &L);
  else
    rc = split_lines(buf, len, &L);
  if (!rc) {
    if (o->json)
      print_json(o, &L);
    else
      print_text(o, &L);
  }
  free(L.v);
  free(buf);
  return rc;
}
