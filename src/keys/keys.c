/* Public keys, ed25519 keypairs and signatures (libsodium), Solana JSON keypair files.
 *
 * Secret material lives only in caller-owned pod_keypair_t and in local buffers that are wiped
 * with sodium_memzero (which the compiler may not elide) before every return. */
#include "pod/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const pod_pubkey_t pod_system_program_id = {{0}};

/* ComputeBudget111111111111111111111111111111 */
const pod_pubkey_t pod_compute_budget_program_id = {{
    0x03, 0x06, 0x46, 0x6f, 0xe5, 0x21, 0x17, 0x32, 0xff, 0xec, 0xad, 0xba, 0x72, 0xc3, 0x9b, 0xe7,
    0xbc, 0x8c, 0xe5, 0xbb, 0xc5, 0xf7, 0x12, 0x6b, 0x2c, 0x43, 0x9b, 0x3a, 0x40, 0x00, 0x00, 0x00,
}};

/* ---- public keys and signatures ---- */

int pod_pubkey_from_base58(pod_pubkey_t *out, const char *s, size_t len) {
  if (!out || !s) return POD_EINVAL;
  return pod_base58_decode_32(out->b, s, len);
}

char *pod_pubkey_to_base58(char out[POD_PUBKEY_B58_SZ], const pod_pubkey_t *pk) {
  return pod_base58_encode_32(out, pk->b);
}

int pod_pubkey_eq(const pod_pubkey_t *a, const pod_pubkey_t *b) {
  return memcmp(a->b, b->b, sizeof a->b) == 0;
}

char *pod_signature_to_base58(char out[POD_SIGNATURE_B58_SZ], const pod_signature_t *sig) {
  return pod_base58_encode_64(out, sig->b);
}

int pod_signature_from_base58(pod_signature_t *out, const char *s, size_t len) {
  if (!out || !s) return POD_EINVAL;
  return pod_base58_decode_64(out->b, s, len);
}

/* ---- keypairs ---- */

int pod_keypair_generate(pod_keypair_t *out) {
  if (!out) return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  /* libsodium's secret key is seed || public key: exactly our layout. */
  crypto_sign_keypair(pk, out->b);
  return POD_OK;
}

int pod_keypair_from_seed(pod_keypair_t *out, const uint8_t seed[32]) {
  if (!out || !seed) return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  /* libsodium hashes the seed into sk before copying the seed, so sk must not alias seed:
   * build into a local and wipe it. */
  uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed);
  memcpy(out->b, sk, sizeof out->b);
  sodium_memzero(sk, sizeof sk);
  return POD_OK;
}

void pod_keypair_pubkey(pod_pubkey_t *out, const pod_keypair_t *kp) {
  memcpy(out->b, kp->b + 32, sizeof out->b);
}

void pod_keypair_wipe(pod_keypair_t *kp) {
  if (kp) sodium_memzero(kp->b, sizeof kp->b);
}

/* 0 if the public half of kp is the one its seed gives. */
static int keypair_check(const pod_keypair_t *kp) {
  uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, kp->b);
  sodium_memzero(sk, sizeof sk);
  return sodium_memcmp(pk, kp->b + 32, sizeof pk);
}

/* ---- JSON ---- */

static int json_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
static int json_digit(char c) { return c >= '0' && c <= '9'; }

/* The grammar is in keys.h. A hand-written scanner rather than a JSON library: the accepted
 * language is tiny, and this way no secret byte is ever copied into a parser's buffers. */
int pod_keypair_parse_json(pod_keypair_t *out, const char *text, size_t len) {
  if (!out) return POD_EINVAL;
  sodium_memzero(out->b, sizeof out->b);
  if (!text) return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  size_t i = 0;
  while (i < len && json_ws(text[i]))
    i++;
  if (i == len || text[i] != '[') goto bad;
  i++;
  for (size_t k = 0; k < sizeof out->b; k++) {
    while (i < len && json_ws(text[i]))
      i++;
    if (i == len || !json_digit(text[i])) goto bad;
    unsigned v = 0;
    if (text[i] == '0') {
      i++; /* a digit after this is a leading zero: the separator check below rejects it */
    } else {
      for (int nd = 0; nd < 3 && i < len && json_digit(text[i]); nd++, i++)
        v = v * 10u + (unsigned)(text[i] - '0');
      if (v > 255u) goto bad;
    }
    out->b[k] = (uint8_t)v;
    while (i < len && json_ws(text[i]))
      i++;
    if (i == len || text[i] != (k + 1 < sizeof out->b ? ',' : ']')) goto bad;
    i++;
  }
  while (i < len && json_ws(text[i]))
    i++;
  if (i != len) goto bad;
  if (keypair_check(out) != 0) goto bad;
  return POD_OK;
bad:
  sodium_memzero(out->b, sizeof out->b);
  return POD_EDECODE;
}

int pod_keypair_format_json(char *out, size_t out_sz, const pod_keypair_t *kp) {
  if (!kp || (!out && out_sz)) return POD_EINVAL;
  /* Size first, so nothing is written unless it all fits: "[", 64 numbers, 63 commas, "]". */
  size_t need = 2 + 63 + 1;
  for (size_t k = 0; k < sizeof kp->b; k++)
    need += kp->b[k] >= 100 ? 3 : kp->b[k] >= 10 ? 2 : 1;
  if (out_sz < need) {
    if (out_sz > 0) out[0] = '\0';
    return POD_ENOSPC;
  }
  size_t o = 0;
  out[o++] = '[';
  for (size_t k = 0; k < sizeof kp->b; k++) {
    unsigned v = kp->b[k];
    if (k) out[o++] = ',';
    if (v >= 100) out[o++] = (char)('0' + v / 100);
    if (v >= 10) out[o++] = (char)('0' + v / 10 % 10);
    out[o++] = (char)('0' + v % 10);
  }
  out[o++] = ']';
  out[o] = '\0';
  return POD_OK;
}

/* ---- files ---- */

/* close() that keeps errno (the error worth reporting is the one before it). */
static void close_keep_errno(int fd) {
  int e = errno;
  close(fd);
  errno = e;
}

int pod_keypair_read_file(pod_keypair_t *out, const char *path, int *insecure) {
  if (insecure) *insecure = 0;
  if (!out) return POD_EINVAL;
  sodium_memzero(out->b, sizeof out->b);
  if (!path) return POD_EINVAL;
  /* O_NONBLOCK: opening a FIFO must not hang; it is rejected as not a regular file below. */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return errno == ENOENT ? POD_ENOTFOUND : POD_EIO;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close_keep_errno(fd);
    return POD_EIO;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return POD_EIO;
  }
  if (insecure) *insecure = (st.st_mode & 077) != 0;

  /* One byte more than the cap tells a too-large file from one that is exactly the cap. */
  char buf[POD_KEYPAIR_FILE_MAX + 1];
  size_t n = 0;
  int rc = POD_OK;
  while (n < sizeof buf) {
    ssize_t r = read(fd, buf + n, sizeof buf - n);
    if (r < 0) {
      if (errno == EINTR) continue;
      rc = POD_EIO;
      break;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close_keep_errno(fd);
  if (rc == POD_OK)
    rc = n > POD_KEYPAIR_FILE_MAX ? POD_EDECODE : pod_keypair_parse_json(out, buf, n);
  sodium_memzero(buf, sizeof buf);
  if (rc != POD_OK) sodium_memzero(out->b, sizeof out->b);
  return rc;
}

#define KEYS_PATH_MAX 4000

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* fsync the directory holding path so the new name survives a crash. Best effort: some
 * filesystems refuse fsync on directories, and the file itself is already on disk. */
static void fsync_parent(const char *path, size_t plen) {
  char dir[KEYS_PATH_MAX + 1];
  size_t d = plen;
  while (d > 0 && path[d - 1] != '/')
    d--;
  if (d == 0) {
    dir[0] = '.';
    d = 1;
  } else {
    memcpy(dir, path, d); /* keeps the trailing '/', so "/" stays "/" */
  }
  dir[d] = '\0';
  int e = errno;
  int fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
  if (fd >= 0) {
    (void)fsync(fd);
    close(fd);
  }
  errno = e;
}

int pod_keypair_write_file(const pod_keypair_t *kp, const char *path, int overwrite) {
  if (!kp || !path) return POD_EINVAL;
  size_t plen = strlen(path);
  if (plen == 0 || plen > KEYS_PATH_MAX) return POD_EINVAL;
  struct stat st;
  /* Early answer only; link() below is what makes "do not replace" race-free. */
  if (!overwrite && lstat(path, &st) == 0) return POD_EEXIST;
  if (pod_init() != POD_OK) return POD_ECRYPTO;

  char json[POD_KEYPAIR_JSON_SZ];
  int rc = pod_keypair_format_json(json, sizeof json, kp);
  if (rc != POD_OK) goto out;

  /* path + ".tmp-" + 16 random hex digits: same directory, so rename/link stay atomic. */
  char tmp[KEYS_PATH_MAX + 32];
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp-", 5);
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; attempt++) {
    uint8_t rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    if (pod_hex_encode(tmp + plen + 5, sizeof tmp - plen - 5, rnd, sizeof rnd) != POD_OK) {
      rc = POD_EINVAL;
      goto out;
    }
    /* 0600 at creation (umask can only clear bits; fchmod below restores them). */
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    rc = POD_EIO;
    goto out;
  }
  if (fchmod(fd, 0600) != 0 || write_all(fd, json, strlen(json)) != 0 || fsync(fd) != 0) {
    close_keep_errno(fd);
    rc = POD_EIO;
    goto unlink_tmp;
  }
  if (close(fd) != 0) {
    rc = POD_EIO;
    goto unlink_tmp;
  }

  if (overwrite) {
    if (rename(tmp, path) != 0) {
      rc = POD_EIO;
      goto unlink_tmp;
    }
  } else if (link(tmp, path) == 0) {
    unlink(tmp);
  } else if (errno == EEXIST) {
    rc = POD_EEXIST;
    goto unlink_tmp;
  } else if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP || errno == ENOSYS ||
             errno == EMLINK) {
    /* A filesystem without hard links (FAT, some network and FUSE ones): fall back to a
     * check then rename, which has a window in which another writer could slip in. */
    if (lstat(path, &st) == 0) {
      rc = POD_EEXIST;
      goto unlink_tmp;
    }
    if (rename(tmp, path) != 0) {
      rc = POD_EIO;
      goto unlink_tmp;
    }
  } else {
    rc = POD_EIO;
    goto unlink_tmp;
  }
  fsync_parent(path, plen);
  goto out;

unlink_tmp : {
  int e = errno;
  unlink(tmp);
  errno = e;
}
out:
  sodium_memzero(json, sizeof json);
  return rc;
}

/* ---- signatures ---- */

int pod_sign(pod_signature_t *sig, const pod_keypair_t *kp, const void *msg, size_t msg_sz) {
  if (!sig || !kp || (!msg && msg_sz)) return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  if (!msg) msg = ""; /* msg_sz == 0 */
  /* libsodium's secret key is seed || public key, which is exactly pod_keypair_t. */
  crypto_sign_detached(sig->b, NULL, (const unsigned char *)msg, msg_sz, kp->b);
  return POD_OK;
}

int pod_verify(const pod_signature_t *sig, const pod_pubkey_t *pk, const void *msg, size_t msg_sz) {
  if (!sig || !pk || (!msg && msg_sz)) return POD_EINVAL;
  if (pod_init() != POD_OK) return POD_ECRYPTO;
  if (!msg) msg = ""; /* msg_sz == 0 */
  return crypto_sign_verify_detached(sig->b, (const unsigned char *)msg, msg_sz, pk->b) == 0
             ? POD_OK
             : POD_ECRYPTO;
}
