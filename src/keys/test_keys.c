/* keys: well-known ids, base58 of keys and signatures, RFC 8032 known answers through the
 * keypair/sign/verify API, Solana wallets from fixed seeds, the JSON keypair format (and the
 * many ways it can be malformed), and keypair files (mode, atomic no-replace, insecure flag,
 * size cap). */
#include "pod/keys.h"
#include "test/pod_test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_ids(void) {
  char t[POD_PUBKEY_B58_SZ];
  CHECK_STR(pod_pubkey_to_base58(t, &pod_system_program_id), "11111111111111111111111111111111");
  CHECK_STR(pod_pubkey_to_base58(t, &pod_compute_budget_program_id),
            "ComputeBudget111111111111111111111111111111");
  CHECK_HEX(pod_compute_budget_program_id.b, 32,
            "0306466fe5211732ffecadba72c39be7bc8ce5bbc5f7126b2c439b3a40000000");
  pod_pubkey_t pk;
  CHECK_EQ(pod_pubkey_from_base58(&pk, "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps", 44), POD_OK);
  CHECK_HEX(pk.b, 32, "f144fbc33cbda5ef8eddc2bedd78a644230724c6de0cdbd1b227b6f227ffe0b8");
  CHECK_STR(pod_pubkey_to_base58(t, &pk), "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps");
  CHECK(!pod_pubkey_eq(&pk, &pod_system_program_id));
  pod_pubkey_t pk2 = pk;
  CHECK(pod_pubkey_eq(&pk, &pk2));
  pk2.b[31] ^= 1;
  CHECK(!pod_pubkey_eq(&pk, &pk2));
  CHECK_EQ(pod_pubkey_from_base58(&pk, "11111111111111111111111111111111", 32), POD_OK);
  CHECK(pod_pubkey_eq(&pk, &pod_system_program_id));
  /* not 32 bytes, bad characters, surrounding whitespace */
  CHECK_EQ(pod_pubkey_from_base58(&pk, "1111111111111111111111111111111", 31), POD_EDECODE);
  CHECK_EQ(pod_pubkey_from_base58(&pk, "111111111111111111111111111111111", 33), POD_EDECODE);
  CHECK_EQ(pod_pubkey_from_base58(&pk, "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZp0", 44),
           POD_EDECODE);
  CHECK_EQ(pod_pubkey_from_base58(&pk, " HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps", 45),
           POD_EDECODE);
  CHECK_EQ(pod_pubkey_from_base58(&pk, "HEpGLgYsE1kP8aoYKyLFc3JVVrofS7T4zEA6fWBJsZps\n", 45),
           POD_EDECODE);
  CHECK_EQ(pod_pubkey_from_base58(NULL, "1", 1), POD_EINVAL);
  CHECK_EQ(pod_pubkey_from_base58(&pk, NULL, 0), POD_EINVAL);
}

/* RFC 8032 §7.1, tests 1-3: secret key -> public key -> signature of the message. */
static const struct {
  const char *sk, *pk, *msg, *sig;
} rfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
     "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
     "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
     "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

static void test_rfc8032(void) {
  for (size_t i = 0; i < sizeof rfc8032 / sizeof rfc8032[0]; i++) {
    uint8_t seed[32], msg[8];
    CHECK_EQ(pod_test_unhex(seed, sizeof seed, rfc8032[i].sk), 32);
    long mlen = pod_test_unhex(msg, sizeof msg, rfc8032[i].msg);
    CHECK(mlen >= 0);
    pod_keypair_t kp;
    CHECK_EQ(pod_keypair_from_seed(&kp, seed), POD_OK);
    CHECK(memcmp(kp.b, seed, 32) == 0);
    pod_pubkey_t pk;
    pod_keypair_pubkey(&pk, &kp);
    CHECK_HEX(pk.b, 32, rfc8032[i].pk);
    CHECK_HEX(kp.b + 32, 32, rfc8032[i].pk);
    pod_signature_t sig;
    CHECK_EQ(pod_sign(&sig, &kp, msg, (size_t)mlen), POD_OK);
    CHECK_HEX(sig.b, 64, rfc8032[i].sig);
    CHECK_EQ(pod_verify(&sig, &pk, msg, (size_t)mlen), POD_OK);
    /* corrupted R, corrupted S, another message, another key */
    pod_signature_t bad = sig;
    bad.b[0] ^= 0x01;
    CHECK_EQ(pod_verify(&bad, &pk, msg, (size_t)mlen), POD_ECRYPTO);
    bad = sig;
    bad.b[40] ^= 0x80;
    CHECK_EQ(pod_verify(&bad, &pk, msg, (size_t)mlen), POD_ECRYPTO);
    uint8_t msg2[9] = {0};
    memcpy(msg2, msg, (size_t)mlen);
    CHECK_EQ(pod_verify(&sig, &pk, msg2, (size_t)mlen + 1), POD_ECRYPTO);
    pod_pubkey_t other = pk;
    other.b[5] ^= 0x10;
    CHECK_EQ(pod_verify(&sig, &other, msg, (size_t)mlen), POD_ECRYPTO);
    /* S >= L (non-canonical): add L to S is too big to test simply; all-ones S is >= L */
    bad = sig;
    memset(bad.b + 32, 0xff, 32);
    CHECK_EQ(pod_verify(&bad, &pk, msg, (size_t)mlen), POD_ECRYPTO);

    /* signature base58 round trip */
    char t[POD_SIGNATURE_B58_SZ];
    pod_signature_to_base58(t, &sig);
    pod_signature_t back;
    CHECK_EQ(pod_signature_from_base58(&back, t, strlen(t)), POD_OK);
    CHECK(memcmp(back.b, sig.b, 64) == 0);
    /* a leading '1' makes it 65 bytes */
    char t1[POD_SIGNATURE_B58_SZ + 1] = "1";
    strcat(t1, t);
    CHECK_EQ(pod_signature_from_base58(&back, t1, strlen(t1)), POD_EDECODE);
    CHECK_EQ(pod_signature_from_base58(&back, t1 + 1, strlen(t1) - 1), POD_OK);
    pod_keypair_wipe(&kp);
    uint8_t zero[64] = {0};
    CHECK(memcmp(kp.b, zero, 64) == 0);
  }
  pod_keypair_wipe(NULL);
  /* empty message through a NULL pointer */
  pod_keypair_t kp;
  pod_signature_t sig;
  pod_pubkey_t pk;
  uint8_t seed[32];
  pod_test_unhex(seed, sizeof seed, rfc8032[0].sk);
  pod_keypair_from_seed(&kp, seed);
  pod_keypair_pubkey(&pk, &kp);
  CHECK_EQ(pod_sign(&sig, &kp, NULL, 0), POD_OK);
  CHECK_HEX(sig.b, 64, rfc8032[0].sig);
  CHECK_EQ(pod_verify(&sig, &pk, NULL, 0), POD_OK);
  CHECK_EQ(pod_sign(&sig, &kp, NULL, 1), POD_EINVAL);
  CHECK_EQ(pod_verify(&sig, NULL, "", 0), POD_EINVAL);
  /* the seed may live in the output */
  pod_keypair_t alias;
  memcpy(alias.b, seed, 32);
  CHECK_EQ(pod_keypair_from_seed(&alias, alias.b), POD_OK);
  CHECK(memcmp(alias.b, kp.b, 64) == 0);
}

static void test_wallets(void) {
  uint8_t seed[32];
  pod_keypair_t kp;
  pod_pubkey_t pk;
  char t[POD_PUBKEY_B58_SZ];
  memset(seed, 1, sizeof seed);
  CHECK_EQ(pod_keypair_from_seed(&kp, seed), POD_OK);
  pod_keypair_pubkey(&pk, &kp);
  CHECK_STR(pod_pubkey_to_base58(t, &pk), "AKnL4NNf3DGWZJS6cPknBuEGnVsV4A4m5tgebLHaRSZ9");
  CHECK_HEX(pk.b, 32, "8a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c");
  memset(seed, 2, sizeof seed);
  CHECK_EQ(pod_keypair_from_seed(&kp, seed), POD_OK);
  pod_keypair_pubkey(&pk, &kp);
  CHECK_STR(pod_pubkey_to_base58(t, &pk), "9hSR6S7WPtxmTojgo6GG3k4yDPecgJY292j7xrsUGWBu");

  /* generated keys: distinct, consistent, usable */
  pod_keypair_t a, b, c;
  CHECK_EQ(pod_keypair_generate(&a), POD_OK);
  CHECK_EQ(pod_keypair_generate(&b), POD_OK);
  CHECK(memcmp(a.b, b.b, 64) != 0);
  CHECK_EQ(pod_keypair_from_seed(&c, a.b), POD_OK);
  CHECK(memcmp(a.b, c.b, 64) == 0);
  pod_signature_t sig;
  CHECK_EQ(pod_sign(&sig, &a, "pod", 3), POD_OK);
  pod_keypair_pubkey(&pk, &a);
  CHECK_EQ(pod_verify(&sig, &pk, "pod", 3), POD_OK);
  pod_keypair_pubkey(&pk, &b);
  CHECK_EQ(pod_verify(&sig, &pk, "pod", 3), POD_ECRYPTO);
  CHECK_EQ(pod_keypair_generate(NULL), POD_EINVAL);
  CHECK_EQ(pod_keypair_from_seed(NULL, seed), POD_EINVAL);
}

/* The JSON of the seed-01 wallet as solana-keygen writes it. */
static const char wallet1_json[] =
    "[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,"
    "138,136,227,221,116,9,241,149,253,82,219,45,60,186,93,114,202,103,9,191,29,148,18,27,243,"
    "116,136,1,180,15,111,92]";

static int parse(pod_keypair_t *kp, const char *text) {
  size_t len = strlen(text);
  char *t = malloc(len ? len : 1); /* exact size: ASan catches over-reads */
  memcpy(t, text, len);
  int r = pod_keypair_parse_json(kp, t, len);
  free(t);
  return r;
}

static int is_zero(const void *p, size_t n) {
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++)
    if (b[i]) return 0;
  return 1;
}

static void test_json(void) {
  uint8_t seed[32];
  pod_keypair_t kp, back;
  char json[POD_KEYPAIR_JSON_SZ];
  memset(seed, 1, sizeof seed);
  pod_keypair_from_seed(&kp, seed);
  CHECK_EQ(pod_keypair_format_json(json, sizeof json, &kp), POD_OK);
  CHECK_STR(json, wallet1_json);
  CHECK_EQ(parse(&back, json), POD_OK);
  CHECK(memcmp(back.b, kp.b, 64) == 0);
  /* exact size works, one byte less does not */
  size_t need = strlen(json) + 1;
  CHECK_EQ(pod_keypair_format_json(json, need, &kp), POD_OK);
  CHECK_EQ(pod_keypair_format_json(json, need - 1, &kp), POD_ENOSPC);
  CHECK_EQ(json[0], '\0');
  CHECK_EQ(pod_keypair_format_json(NULL, 0, &kp), POD_ENOSPC);
  /* the longest text fits POD_KEYPAIR_JSON_SZ */
  pod_keypair_t big;
  memset(big.b, 255, sizeof big.b);
  CHECK_EQ(pod_keypair_format_json(json, sizeof json, &big), POD_OK);
  CHECK_EQ(strlen(json), 64 * 3 + 63 + 2);

  /* whitespace anywhere between tokens */
  char spaced[1024];
  size_t o = 0;
  const char *ws = " \t\r\n";
  spaced[o++] = '\n';
  for (const char *p = wallet1_json; *p; p++) {
    spaced[o++] = *p;
    if (*p == ',' || *p == '[' || *p == ']') {
      char c = ws[o % 4];
      spaced[o++] = c;
    }
    if (p[1] == ',') spaced[o++] = ' ';
  }
  spaced[o] = '\0';
  CHECK_EQ(parse(&back, spaced), POD_OK);
  CHECK(memcmp(back.b, kp.b, 64) == 0);

  /* every proper prefix is malformed */
  for (size_t n = 0; n < strlen(wallet1_json); n++) {
    memset(back.b, 0x55, 64);
    CHECK_EQ(pod_keypair_parse_json(&back, wallet1_json, n), POD_EDECODE);
    CHECK(is_zero(back.b, 64)); /* wiped on failure */
  }

  /* one change at a time to the valid text */
  static const struct {
    const char *from, *to;
  } edits[] = {
      {"[1,", "[01,"},  /* leading zero */
      {"[1,", "[001,"}, /* leading zeros */
      {"[1,", "[-1,"},  /* sign */
      {"[1,", "[+1,"},
      {"[1,", "[1.0,"},   /* fraction */
      {"[1,", "[1e0,"},   /* exponent */
      {"[1,", "[\"1\","}, /* string */
      {"[1,", "[1,,"},    /* empty element */
      {"[1,", "[[1],"},   /* nesting */
      {"[1,", "[null,"},
      {"[1,", "[256,"}, /* > 255 */
      {"[1,", "[1000,"},
      {"[1,", "[1111111111111111111111,"},
      {"[1,", "\xef\xbb\xbf[1,"}, /* byte-order mark */
      {"[1,", "{[1,"},
      {"[1,", "[1\v,"}, /* not JSON whitespace */
      {"[1,", "[1\f,"},
      {"[1,", "[1 1,"},
      {"92]", "92,]"}, /* trailing comma */
      {"92]", "92"},   /* unterminated */
      {"92]", "92]]"}, /* trailing garbage */
      {"92]", "92]x"},
      {"92]", "92],"},
      {"92]", "92][]"},
      {"92]", "92,1]"},       /* 65 numbers */
      {"111,92]", "111]"},    /* 63 numbers */
      {"111,92]", "111,93]"}, /* public half does not match the seed */
      {"[1,1,", "[2,1,"},     /* seed does not match the public half */
  };
  for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
    char t[1024];
    const char *at = strstr(wallet1_json, edits[i].from);
    CHECK(at != NULL);
    size_t pre = (size_t)(at - wallet1_json), fl = strlen(edits[i].from);
    size_t tl = strlen(edits[i].to);
    memcpy(t, wallet1_json, pre);
    memcpy(t + pre, edits[i].to, tl);
    strcpy(t + pre + tl, at + fl);
    size_t len = strlen(t);
    memset(back.b, 0x55, 64);
    int r = pod_keypair_parse_json(&back, t, len);
    if (r != POD_EDECODE) fprintf(stderr, "edit %zu accepted: %s\n", i, t);
    CHECK_EQ(r, POD_EDECODE);
    CHECK(is_zero(back.b, 64));
  }
  /* a NUL after the array is not whitespace */
  CHECK_EQ(pod_keypair_parse_json(&back, wallet1_json, sizeof wallet1_json), POD_EDECODE);
  CHECK_EQ(pod_keypair_parse_json(&back, wallet1_json, sizeof wallet1_json - 1), POD_OK);
  static const char *bad[] = {"",     " ",   "[]",        "[ ]", "{}",
                              "null", "[1]", "\"[1,2]\"", "]",   "[0,0,0]"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK_EQ(parse(&back, bad[i]), POD_EDECODE);
  /* "0" itself is fine: 0 values everywhere but a valid keypair needs a matching pubkey */
  memset(seed, 0, sizeof seed);
  pod_keypair_from_seed(&kp, seed);
  pod_keypair_format_json(json, sizeof json, &kp);
  CHECK(strncmp(json, "[0,0,0,", 7) == 0);
  CHECK_EQ(parse(&back, json), POD_OK);
  CHECK(memcmp(back.b, kp.b, 64) == 0);
  CHECK_EQ(pod_keypair_parse_json(&back, NULL, 0), POD_EINVAL);
  CHECK_EQ(pod_keypair_parse_json(NULL, json, strlen(json)), POD_EINVAL);

  /* random keypairs round-trip */
  for (int i = 0; i < 50; i++) {
    pod_keypair_generate(&kp);
    CHECK_EQ(pod_keypair_format_json(json, sizeof json, &kp), POD_OK);
    CHECK(strlen(json) < POD_KEYPAIR_JSON_SZ);
    CHECK_EQ(parse(&back, json), POD_OK);
    CHECK(memcmp(back.b, kp.b, 64) == 0);
  }
}

static int write_text(const char *path, const char *text, size_t len, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) return -1;
  int ok = write(fd, text, len) == (ssize_t)len;
  close(fd);
  return ok && chmod(path, mode) == 0 ? 0 : -1;
}

/* Number of directory entries other than . and .. */
static int count_entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  if (!d) return -1;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void test_files(void) {
  char dir[] = "/tmp/pod-test-keys-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char path[256], p2[256], p3[256];
  snprintf(path, sizeof path, "%s/id.json", dir);
  mode_t old_umask = umask(022);

  pod_keypair_t kp, kp2, back;
  pod_keypair_generate(&kp);
  pod_keypair_generate(&kp2);
  int insecure = 7;
  CHECK_EQ(pod_keypair_read_file(&back, path, &insecure), POD_ENOTFOUND);
  CHECK_EQ(insecure, 0);
  CHECK_EQ(pod_keypair_write_file(&kp, path, 0), POD_OK);
  struct stat st;
  CHECK_EQ(stat(path, &st), 0);
  CHECK(S_ISREG(st.st_mode));
  CHECK_EQ(st.st_mode & 07777, 0600);
  CHECK_EQ(pod_keypair_read_file(&back, path, &insecure), POD_OK);
  CHECK_EQ(insecure, 0);
  CHECK(memcmp(back.b, kp.b, 64) == 0);
  CHECK_EQ(pod_keypair_read_file(&back, path, NULL), POD_OK);

  /* no replace without overwrite; the file is untouched */
  CHECK_EQ(pod_keypair_write_file(&kp2, path, 0), POD_EEXIST);
  CHECK_EQ(pod_keypair_read_file(&back, path, NULL), POD_OK);
  CHECK(memcmp(back.b, kp.b, 64) == 0);
  CHECK_EQ(pod_keypair_write_file(&kp2, path, 1), POD_OK);
  CHECK_EQ(pod_keypair_read_file(&back, path, NULL), POD_OK);
  CHECK(memcmp(back.b, kp2.b, 64) == 0);
  CHECK_EQ(stat(path, &st), 0);
  CHECK_EQ(st.st_mode & 07777, 0600);
  /* a dangling symlink also counts as existing */
  snprintf(p2, sizeof p2, "%s/link.json", dir);
  CHECK_EQ(symlink("nowhere", p2), 0);
  CHECK_EQ(pod_keypair_write_file(&kp, p2, 0), POD_EEXIST);
  CHECK_EQ(unlink(p2), 0);

  /* group/other bits: still read, but flagged */
  CHECK_EQ(chmod(path, 0644), 0);
  CHECK_EQ(pod_keypair_read_file(&back, path, &insecure), POD_OK);
  CHECK_EQ(insecure, 1);
  CHECK_EQ(chmod(path, 0620), 0);
  CHECK_EQ(pod_keypair_read_file(&back, path, &insecure), POD_OK);
  CHECK_EQ(insecure, 1);
  CHECK_EQ(chmod(path, 0400), 0);
  CHECK_EQ(pod_keypair_read_file(&back, path, &insecure), POD_OK);
  CHECK_EQ(insecure, 0);

  /* a strict umask does not change the mode; overwrite of a missing file creates it */
  umask(0377);
  snprintf(p2, sizeof p2, "%s/umask.json", dir);
  CHECK_EQ(pod_keypair_write_file(&kp, p2, 1), POD_OK);
  CHECK_EQ(stat(p2, &st), 0);
  CHECK_EQ(st.st_mode & 07777, 0600);
  umask(022);
  CHECK_EQ(unlink(p2), 0);
  /* no temp files left behind */
  CHECK_EQ(count_entries(dir), 1);

  /* malformed and oversized files */
  char json[POD_KEYPAIR_JSON_SZ];
  pod_keypair_format_json(json, sizeof json, &kp);
  static char big[POD_KEYPAIR_FILE_MAX + 2];
  size_t jl = strlen(json);
  memset(big, ' ', sizeof big);
  memcpy(big, json, jl);
  snprintf(p3, sizeof p3, "%s/sized.json", dir);
  CHECK_EQ(write_text(p3, big, POD_KEYPAIR_FILE_MAX, 0600), 0); /* exactly the cap: fine */
  CHECK_EQ(pod_keypair_read_file(&back, p3, NULL), POD_OK);
  CHECK(memcmp(back.b, kp.b, 64) == 0);
  CHECK_EQ(write_text(p3, big, POD_KEYPAIR_FILE_MAX + 1, 0600), 0); /* one byte over */
  CHECK_EQ(pod_keypair_read_file(&back, p3, NULL), POD_EDECODE);
  CHECK(is_zero(back.b, 64));
  CHECK_EQ(write_text(p3, "[1,2,3]\n", 8, 0600), 0);
  CHECK_EQ(pod_keypair_read_file(&back, p3, NULL), POD_EDECODE);
  CHECK_EQ(write_text(p3, "", 0, 0600), 0);
  CHECK_EQ(pod_keypair_read_file(&back, p3, NULL), POD_EDECODE);
  json[jl] = '\n'; /* a trailing newline is whitespace */
  CHECK_EQ(write_text(p3, json, jl + 1, 0644), 0);
  CHECK_EQ(pod_keypair_read_file(&back, p3, &insecure), POD_OK);
  CHECK_EQ(insecure, 1);
  CHECK_EQ(unlink(p3), 0);

  /* not a regular file, missing directory, bad arguments */
  CHECK_EQ(pod_keypair_read_file(&back, dir, &insecure), POD_EIO);
  CHECK_EQ(errno, EISDIR);
  snprintf(p2, sizeof p2, "%s/no/such/dir/id.json", dir);
  CHECK_EQ(pod_keypair_read_file(&back, p2, NULL), POD_ENOTFOUND);
  CHECK_EQ(pod_keypair_write_file(&kp, p2, 0), POD_EIO);
  CHECK_EQ(pod_keypair_write_file(&kp, "", 0), POD_EINVAL);
  CHECK_EQ(pod_keypair_write_file(NULL, path, 1), POD_EINVAL);
  CHECK_EQ(pod_keypair_read_file(NULL, path, NULL), POD_EINVAL);
  CHECK_EQ(count_entries(dir), 1);

  CHECK_EQ(unlink(path), 0);
  CHECK_EQ(rmdir(dir), 0);
  umask(old_umask);
}

int main(void) {
  CHECK_EQ(pod_init(), POD_OK);
  test_ids();
  test_rfc8032();
  test_wallets();
  test_json();
  test_files();
  TEST_DONE();
}
