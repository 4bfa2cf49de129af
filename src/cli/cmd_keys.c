/* pod keygen, pod address: Solana JSON keypair files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define PATH_SZ 4096

const char pod_cli_help_keygen[] =
    "Creates a new random ed25519 keypair and writes it as a Solana JSON keypair file\n"
    "(an array of 64 numbers), readable only by you (mode 0600). Missing directories are\n"
    "created with mode 0700. The secret key is never printed.\n"
    "\n"
    "options:\n"
    "  -o, --outfile FILE  where to write it (default: ~/.config/solana/id.json)\n"
    "  -f, --force         replace an existing file (its key is lost for good)\n"
    "\n"
    "output:\n"
    "  text    pubkey: <base58>\\npath: <file>   (-q: the public key alone)\n"
    "  --json  {\"pubkey\":\"<base58>\",\"path\":\"<file>\"}\n";

const char pod_cli_help_address[] =
    "Prints the public key of a Solana JSON keypair file (default: ~/.config/solana/id.json).\n"
    "Warns on stderr when the file can be read by other users.\n"
    "\n"
    "output:\n"
    "  text    <base58>\n"
    "  --json  {\"pubkey\":\"<base58>\",\"path\":\"<file>\",\"readable_by_others\":false}\n";

int pod_cli_default_keypair(char *out, size_t out_sz) {
  const char *home = getenv("HOME");
  if (!home || !*home)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "HOME is not set, so there is no default keypair path; give one");
  int n = snprintf(out, out_sz, "%s/.config/solana/id.json", home);
  if (n < 0 || (size_t)n >= out_sz)
    return pod_cli_fail(POD_EXIT_ERROR, "HOME is too long for a path; give the keypair path");
  return POD_EXIT_OK;
}

/* Creates the missing directories leading to `path` (not its last component), mode 0700, as
 * solana-keygen does. Existing directories are left as they are. Returns 0 or -1 (errno set,
 * dir[] holds the directory that failed). */
static int make_parent_dirs(const char *path, char dir[PATH_SZ]) {
  size_t len = strlen(path);
  if (len >= PATH_SZ) {
    errno = ENAMETOOLONG;
    return -1;
  }
  memcpy(dir, path, len + 1);
  char *slash = strrchr(dir, '/');
  if (!slash || slash == dir) return 0;
  *slash = '\0';
  /* Each prefix ending before a '/', then the whole parent. */
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

int pod_cmd_keygen(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *outfile = NULL;
  int force = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "-o") || !strcmp(a, "--outfile")) {
      if (i + 1 >= argc)
        return pod_cli_fail(POD_EXIT_USAGE, "%s needs a file name (see 'pod keygen --help')", a);
      outfile = argv[++i];
    } else if (!strncmp(a, "--outfile=", 10)) {
      outfile = a + 10;
    } else if (!strcmp(a, "-f") || !strcmp(a, "--force")) {
      force = 1;
    } else {
      return pod_cli_fail(POD_EXIT_USAGE,
                          "keygen: unexpected argument '%s' (see 'pod keygen --help')", a);
    }
  }
  char path[PATH_SZ];
  if (outfile) {
    if (!*outfile) return pod_cli_fail(POD_EXIT_USAGE, "keygen: the output file name is empty");
    if (strlen(outfile) >= sizeof path)
      return pod_cli_fail(POD_EXIT_USAGE, "keygen: the output file name is too long");
    memcpy(path, outfile, strlen(outfile) + 1);
  } else {
    int rc = pod_cli_default_keypair(path, sizeof path);
    if (rc) return rc;
  }

  char dir[PATH_SZ];
  if (make_parent_dirs(path, dir) != 0)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot create the directory %s: %s", dir, strerror(errno));

  pod_keypair_t kp;
  if (pod_keypair_generate(&kp) != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot generate a keypair (libsodium failed)");
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, &kp);
  errno = 0;
  int rc = pod_keypair_write_file(&kp, path, force);
  int err = errno;
  pod_keypair_wipe(&kp);
  if (rc == POD_EEXIST)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "%s already exists; refusing to overwrite it (its key would be lost). "
                        "Use --force to replace it, or -o to write elsewhere",
                        path);
  if (rc != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot write %s: %s", path,
                        rc == POD_EIO && err ? strerror(err) : pod_strerror(rc));

  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, &pk);
  if (o->json) {
    printf("{\"pubkey\":\"%s\",\"path\":", b58);
    pod_cli_json_str(stdout, path, strlen(path));
    printf("}\n");
  } else if (o->quiet) {
    printf("%s\n", b58);
  } else {
    printf("pubkey: %s\npath: %s\n", b58, path);
  }
  return POD_EXIT_OK;
}

int pod_cmd_address(const pod_cli_opts_t *o, int argc, char **argv) {
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--") && i + 1 < argc && !file) {
      file = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      return pod_cli_fail(POD_EXIT_USAGE, "address: unknown option '%s' (see 'pod address --help')",
                          argv[i]);
    } else if (file) {
      return pod_cli_fail(POD_EXIT_USAGE, "address: takes one keypair file, got '%s' too", argv[i]);
    } else {
      file = argv[i];
    }
  }
  char path[PATH_SZ];
  if (file) {
    if (strlen(file) >= sizeof path)
      return pod_cli_fail(POD_EXIT_USAGE, "address: the file name is too long");
    memcpy(path, file, strlen(file) + 1);
  } else {
    int rc = pod_cli_default_keypair(path, sizeof path);
    if (rc) return rc;
  }

  pod_keypair_t kp;
  int insecure = 0;
  errno = 0;
  int rc = pod_keypair_read_file(&kp, path, &insecure);
  int err = errno;
  if (rc == POD_ENOTFOUND)
    return pod_cli_fail(POD_EXIT_ERROR, "%s does not exist; create a keypair with 'pod keygen'%s",
                        path, file ? "" : " or give the path of one");
  if (rc == POD_EDECODE)
    return pod_cli_fail(POD_EXIT_ERROR,
                        "%s is not a Solana keypair file (expected a JSON array of 64 numbers "
                        "0..255 whose last 32 are the public key of the first 32)",
                        path);
  if (rc != POD_OK)
    return pod_cli_fail(POD_EXIT_ERROR, "cannot read %s: %s", path,
                        rc == POD_EIO && err ? strerror(err) : pod_strerror(rc));
  pod_pubkey_t pk;
  pod_keypair_pubkey(&pk, &kp);
  pod_keypair_wipe(&kp);

  if (insecure)
    fprintf(stderr, "pod: warning: %s is readable by others; run chmod 600 %s\n", path, path);
  char b58[POD_PUBKEY_B58_SZ];
  pod_pubkey_to_base58(b58, &pk);
  if (o->json) {
    printf("{\"pubkey\":\"%s\",\"path\":", b58);
    pod_cli_json_str(stdout, path, strlen(path));
    printf(",\"readable_by_others\":%s}\n", insecure ? "true" : "false");
  } else {
    printf("%s\n", b58);
  }
  return POD_EXIT_OK;
}
