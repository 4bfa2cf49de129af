/* Settings (--url, --keypair, --commitment) and their sources, and `pod config`.
 *
 * pod's config file ($XDG_CONFIG_HOME/pod/config, else ~/.config/pod/config) holds lines
 * `key = value` (keys url, keypair, commitment; '#' starts a comment line; blank lines are
 * ignored). Solana CLI's ~/.config/solana/cli/config.yml is read with a line parser for three
 * top-level keys only: json_rpc_url, keypair_path, commitment (values may be quoted). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char pod_cli_help_config[] =
    "  pod config show             the settings in effect and where each comes from\n"
    "  pod config set-url URL      store url in pod's config file\n"
    "  pod config set-keypair FILE store keypair in pod's config file\n"
    "  pod config set-commitment LEVEL\n"
    "\n"
    "Each setting comes from the first of: the flag (--url, --keypair, --commitment), the\n"
    "environment (POD_URL, POD_KEYPAIR, POD_COMMITMENT), pod's config file, Solana CLI's\n"
    "~/.config/solana/cli/config.yml (json_rpc_url, keypair_path, commitment), the default\n"
    "(url: embedded:$XDG_DATA_HOME/pod/ledger or embedded:~/.local/share/pod/ledger; keypair:\n"
    "~/.config/solana/id.json if it exists; commitment: confirmed).\n"
    "\n"
    "pod's config file is $XDG_CONFIG_HOME/pod/config (default ~/.config/pod/config), lines\n"
    "`key = value` with the keys url, keypair, commitment; '#' starts a comment.\n"
    "\n"
    "output (show):\n"
    "  text    url: <url> (<source>) ... config_file: <path>\n"
    "  --json  {\"url\":..,\"url_source\":..,\"keypair\":..,\"keypair_source\":..,\n"
    "           "
    "\"commitment\":..,\"commitment_source\":..,\"config_file\":..,\"solana_config\":..}\n";

static const char *const KEYS[] = {"url", "keypair", "commitment"};

int pod_cli_parse_commitment(pod_commitment_t *out, const char *s) {
  if (!strcmp(s, "processed"))
    *out = POD_COMMITMENT_PROCESSED;
  else if (!strcmp(s, "confirmed"))
    *out = POD_COMMITMENT_CONFIRMED;
  else if (!strcmp(s, "finalized"))
    *out = POD_COMMITMENT_FINALIZED;
  else
    return -1;
  return 0;
}

int pod_cli_mkdirs(const char *path, int whole) {
  char dir[POD_CLI_PATH_SZ];
  size_t len = strlen(path);
  if (len >= sizeof dir) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(dir, path, len + 1);
  if (!whole) {
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return 0;
    *slash = '\0';
  }
  for (char *p = dir + 1;; p++) {
    if (*p != '/' && *p != '\0') continue;
    char c = *p;
    *p = '\0';
    struct stat st;
    if (stat(dir, &st) != 0) {
      if (errno != ENOENT || (mkdir(dir, 0700) != 0 && errno != EEXIST)) return -1;
    } else if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return -1;
    }
    *p = c;
    if (c == '\0') return 0;
  }
}

static int copy(char *out, size_t sz, const char *s) {
  size_t n = strlen(s);
  if (n >= sz) return -1;
  memcpy(out, s, n + 1);
  return 0;
}

/* "~/x" -> "$HOME/x". */
static int expand(char *out, size_t sz, const char *s) {
  const char *home = getenv("HOME");
  if (s[0] == '~' && s[1] == '/' && home && *home) {
    int n = snprintf(out, sz, "%s%s", home, s + 1);
    return n < 0 || (size_t)n >= sz ? -1 : 0;
  }
  return copy(out, sz, s);
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
    s[--n] = '\0';
  return s;
}

/* Reads FILE's lines `key = value` (sep '=') or `key: value` (sep ':', YAML top level; quotes
 * stripped, unknown keys ignored). vals[i] receives KEYS[i] (or names[i] for YAML) when present.
 * Returns 0 (also when the file does not exist), or prints why and returns POD_EXIT_ERROR. */
static int read_kv(const char *path, char sep, const char *const names[3],
                   char vals[3][POD_CLI_PATH_SZ], int found[3]) {
  FILE *f = fopen(path, "r");
  if (!f) {
    if (errno == ENOENT || errno == ENOTDIR) return 0;
    return pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", path, strerror(errno));
  }
  char line[POD_CLI_PATH_SZ + 64];
  int lineno = 0, rc = 0;
  while (fgets(line, sizeof line, f)) {
    lineno++;
    if (sep == ':' && (line[0] == ' ' || line[0] == '\t')) continue; /* nested YAML */
    char *l = trim(line);
    if (!*l || *l == '#') continue;
    char *eq = strchr(l, sep);
    if (!eq) {
      if (sep == ':') continue;
      rc = pod_cli_fail(POD_EXIT_ERROR,
                        "%s:%d: expected `key = value` (keys: url, keypair, commitment); fix or "
                        "remove the line",
                        path, lineno);
      break;
    }
    *eq = '\0';
    char *k = trim(l), *v = trim(eq + 1);
    size_t vn = strlen(v);
    if (vn >= 2 && (v[0] == '"' || v[0] == '\'') && v[vn - 1] == v[0]) {
      v[vn - 1] = '\0';
      v++;
    }
    int i = 0;
    while (i < 3 && strcmp(k, names[i]))
      i++;
    if (i == 3) {
      if (sep == '=')
        fprintf(stderr,
                "pod: warning: %s:%d: unknown key '%s' ignored (keys: url, keypair, "
                "commitment)\n",
                path, lineno, k);
      continue;
    }
    if (!*v) continue;
    if (expand(vals[i], POD_CLI_PATH_SZ, v)) {
      rc = pod_cli_fail(POD_EXIT_ERROR, "%s:%d: the value is too long", path, lineno);
      break;
    }
    found[i] = 1;
  }
  fclose(f);
  return rc;
}

static int config_path(char *out, size_t sz) {
  const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
  int n;
  if (x && *x)
    n = snprintf(out, sz, "%s/pod/config", x);
  else if (home && *home)
    n = snprintf(out, sz, "%s/.config/pod/config", home);
  else
    n = snprintf(out, sz, "%s", "");
  return n < 0 || (size_t)n >= sz ? -1 : 0;
}

int pod_cli_settings(pod_cli_settings_t *s, const pod_cli_opts_t *o) {
  memset(s, 0, sizeof *s);
  const char *home = getenv("HOME");
  if (home && !*home) home = NULL;
  if (config_path(s->config_path, sizeof s->config_path))
    return pod_cli_fail(POD_EXIT_ERROR, "XDG_CONFIG_HOME or HOME is too long for a path");
  if (home)
    snprintf(s->solana_path, sizeof s->solana_path, "%s/.config/solana/cli/config.yml", home);
  const char *xd = getenv("XDG_DATA_HOME");
  int n = 0;
  if (xd && *xd)
    n = snprintf(s->data_ledger, sizeof s->data_ledger, "%s/pod/ledger", xd);
  else if (home)
    n = snprintf(s->data_ledger, sizeof s->data_ledger, "%s/.local/share/pod/ledger", home);
  if (n < 0 || (size_t)n >= sizeof s->data_ledger)
    return pod_cli_fail(POD_EXIT_ERROR, "XDG_DATA_HOME or HOME is too long for a path");

  char podv[3][POD_CLI_PATH_SZ], solv[3][POD_CLI_PATH_SZ];
  int podf[3] = {0, 0, 0}, solf[3] = {0, 0, 0};
  static const char *const SOL[] = {"json_rpc_url", "keypair_path", "commitment"};
  int rc = 0;
  if (*s->config_path) rc = read_kv(s->config_path, '=', KEYS, podv, podf);
  if (!rc && *s->solana_path) rc = read_kv(s->solana_path, ':', SOL, solv, solf);
  if (rc) return rc;

  const char *flags[3] = {o->url, o->keypair, o->commitment};
  static const char *const ENV[] = {"POD_URL", "POD_KEYPAIR", "POD_COMMITMENT"};
  char *outs[3] = {s->url, s->keypair, s->commitment};
  size_t szs[3] = {sizeof s->url, sizeof s->keypair, sizeof s->commitment};
  const char **srcs[3] = {&s->url_src, &s->keypair_src, &s->commitment_src};
  for (int i = 0; i < 3; i++) {
    const char *env = getenv(ENV[i]);
    const char *v = NULL, *src = NULL;
    if (flags[i])
      v = flags[i], src = "flag";
    else if (env && *env)
      v = env, src = "env";
    else if (podf[i])
      v = podv[i], src = "config";
    else if (solf[i])
      v = solv[i], src = "solana";
    if (v && i == 1 ? expand(outs[i], szs[i], v) : v ? copy(outs[i], szs[i], v) : 0)
      return pod_cli_fail(POD_EXIT_USAGE, "the %s from %s is too long", KEYS[i], src);
    if (v) {
      *srcs[i] = src;
      continue;
    }
    *srcs[i] = "default";
    if (i == 0) {
      if (!*s->data_ledger)
        return pod_cli_fail(POD_EXIT_ERROR, "HOME is not set, so there is no default ledger; "
                                            "pass --url");
      int k = snprintf(s->url, sizeof s->url, "embedded:%s", s->data_ledger);
      if (k < 0 || (size_t)k >= sizeof s->url)
        return pod_cli_fail(POD_EXIT_ERROR, "the default ledger path is too long; pass --url");
    } else if (i == 1) {
      char def[POD_CLI_PATH_SZ];
      if (home && snprintf(def, sizeof def, "%s/.config/solana/id.json", home) < (int)sizeof def &&
          access(def, F_OK) == 0)
        copy(s->keypair, sizeof s->keypair, def);
    } else {
      copy(s->commitment, sizeof s->commitment, "confirmed");
    }
  }
  pod_commitment_t c;
  if (pod_cli_parse_commitment(&c, s->commitment))
    return pod_cli_fail(!strcmp(s->commitment_src, "flag") ? POD_EXIT_USAGE : POD_EXIT_ERROR,
                        "commitment '%s' (from %s): use processed, confirmed or finalized",
                        s->commitment, s->commitment_src);
  return POD_EXIT_OK;
}

/* Sets key i to value in pod's config file, keeping its other lines. */
static int config_set(const pod_cli_opts_t *o, int i, const char *value) {
  pod_cli_settings_t s;
  int rc = pod_cli_settings(&s, o);
  if (rc) return rc;
  if (!*s.config_path) return pod_cli_fail(POD_EXIT_ERROR, "HOME is not set: no config file path");
  if (strchr(value, '\n')) return pod_cli_fail(POD_EXIT_USAGE, "config: the value has a newline");
  char val[POD_CLI_PATH_SZ];
  if (i == 1 && value[0] != '/' && value[0] != '~') {
    /* Store the keypair path absolute: the config is read from anywhere. */
    char cwd[POD_CLI_PATH_SZ];
    if (!getcwd(cwd, sizeof cwd) ||
        snprintf(val, sizeof val, "%s/%s", cwd, value) >= (int)sizeof val)
      return pod_cli_fail(POD_EXIT_ERROR, "cannot make %s an absolute path", value);
  } else if (copy(val, sizeof val, value)) {
    return pod_cli_fail(POD_EXIT_USAGE, "config: the value is too long");
  }
  if (pod_cli_mkdirs(s.config_path, 0))
    return pod_cli_fail(POD_EXIT_ERROR, "cannot create the directory of %s: %s", s.config_path,
                        strerror(errno));
  char tmp[POD_CLI_PATH_SZ + 8];
  snprintf(tmp, sizeof tmp, "%s.tmp", s.config_path);
  FILE *out = fopen(tmp, "w");
  if (!out) return pod_cli_fail(POD_EXIT_ERROR, "cannot write %s: %s", tmp, strerror(errno));
  FILE *in = fopen(s.config_path, "r");
  int done = 0;
  if (in) {
    char line[POD_CLI_PATH_SZ + 64];
    while (fgets(line, sizeof line, in)) {
      const char *p = line;
      while (*p == ' ' || *p == '\t')
        p++;
      size_t kn = strlen(KEYS[i]);
      const char *q = p + kn;
      while (*q == ' ' || *q == '\t')
        q++;
      if (!strncmp(p, KEYS[i], kn) && *q == '=') {
        if (!done) fprintf(out, "%s = %s\n", KEYS[i], val);
        done = 1;
      } else {
        fputs(line, out);
      }
    }
    fclose(in);
  } else {
    fputs("# pod configuration: `key = value` lines (url, keypair, commitment). See pod config "
          "--help.\n",
          out);
  }
  if (!done) fprintf(out, "%s = %s\n", KEYS[i], val);
  if (fclose(out) != 0 || rename(tmp, s.config_path) != 0) {
    int e = errno;
    unlink(tmp);
    return pod_cli_fail(POD_EXIT_ERROR, "cannot write %s: %s", s.config_path, strerror(e));
  }
  if (o->json) {
    printf("{\"key\":\"%s\",\"value\":", KEYS[i]);
    pod_cli_json_str(stdout, val, strlen(val));
    printf(",\"config_file\":");
    pod_cli_json_str(stdout, s.config_path, strlen(s.config_path));
    printf("}\n");
  } else if (!o->quiet) {
    printf("%s: %s\nconfig_file: %s\n", KEYS[i], val, s.config_path);
  }
  return POD_EXIT_OK;
}

int pod_cmd_config(const pod_cli_opts_t *o, int argc, char **argv) {
  if (argc < 2)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "config: give show, set-url URL, set-keypair FILE or set-commitment LEVEL");
  const char *sub = argv[1];
  if (!strcmp(sub, "show")) {
    if (argc > 2)
      return pod_cli_fail(POD_EXIT_USAGE, "config show: unexpected argument '%s'", argv[2]);
    pod_cli_settings_t s;
    int rc = pod_cli_settings(&s, o);
    if (rc) return rc;
    if (o->json) {
      const char *v[] = {s.url, s.keypair, s.commitment};
      const char *src[] = {s.url_src, s.keypair_src, s.commitment_src};
      putchar('{');
      for (int i = 0; i < 3; i++) {
        printf("%s\"%s\":", i ? "," : "", KEYS[i]);
        if (i == 1 && !*v[i])
          fputs("null", stdout);
        else
          pod_cli_json_str(stdout, v[i], strlen(v[i]));
        printf(",\"%s_source\":\"%s\"", KEYS[i], src[i]);
      }
      printf(",\"config_file\":");
      pod_cli_json_str(stdout, s.config_path, strlen(s.config_path));
      printf(",\"solana_config\":");
      pod_cli_json_str(stdout, s.solana_path, strlen(s.solana_path));
      printf("}\n");
    } else {
      printf("url: %s (%s)\n", s.url, s.url_src);
      printf("keypair: %s (%s)\n", *s.keypair ? s.keypair : "none", s.keypair_src);
      printf("commitment: %s (%s)\n", s.commitment, s.commitment_src);
      printf("config_file: %s%s\n", s.config_path,
             access(s.config_path, F_OK) == 0 ? "" : " (absent)");
      printf("solana_config: %s%s\n", s.solana_path,
             access(s.solana_path, F_OK) == 0 ? "" : " (absent)");
    }
    return POD_EXIT_OK;
  }
  int key = !strcmp(sub, "set-url")          ? 0
            : !strcmp(sub, "set-keypair")    ? 1
            : !strcmp(sub, "set-commitment") ? 2
                                             : -1;
  if (key < 0)
    return pod_cli_fail(POD_EXIT_USAGE,
                        "config: unknown subcommand '%s' (show, set-url, set-keypair, "
                        "set-commitment)",
                        sub);
  if (argc != 3 || !*argv[2]) return pod_cli_fail(POD_EXIT_USAGE, "config %s: give one value", sub);
  pod_commitment_t c;
  if (key == 2 && pod_cli_parse_commitment(&c, argv[2]))
    return pod_cli_fail(POD_EXIT_USAGE,
                        "config set-commitment: '%s': use processed, confirmed or "
                        "finalized",
                        argv[2]);
  return config_set(o, key, argv[2]);
}
