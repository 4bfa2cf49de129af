/* The content folder store (content.h: pod_content_dir_put/get), one file per CID written
 * atomically. No libcurl here: podd serves its store through these without linking libcurl. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pod/content.h"
#include "pod/hash.h"

void pod_content_free(void *p) { free(p); }

/* ========================= the folder store ========================= */

#define PATH_MAX_SZ 4096

static int content_path(char *out, size_t sz, const char *dir, const char *name) {
  int k = snprintf(out, sz, "%s/%s", dir, name);
  return (k < 0 || (size_t)k >= sz) ? POD_EINVAL : POD_OK;
}

static int write_all(int fd, const uint8_t *p, size_t n) {
  while (n) {
    ssize_t k = write(fd, p, n);
    if (k < 0) {
      if (errno == EINTR) continue;
      return POD_EIO;
    }
    p += k;
    n -= (size_t)k;
  }
  return POD_OK;
}

int pod_content_dir_put(char cid[POD_CID_MAX], const char *dir, const void *data, size_t n) {
  if (!cid || !dir || !*dir || (!data && n)) return POD_EINVAL;
  cid[0] = 0;
  if (n > POD_CONTENT_BLOCK_MAX) return POD_ETOOLARGE;
  char name[POD_CID_MAX], path[PATH_MAX_SZ], tmp[PATH_MAX_SZ];
  pod_cid_of(name, data, n);
  if (content_path(path, sizeof path, dir, name) != POD_OK) return POD_EINVAL;
  if (mkdir(dir, 0755) != 0 && errno != EEXIST) return POD_EIO;
  uint8_t *old = NULL;
  size_t old_n = 0;
  if (pod_content_dir_get(&old, &old_n, dir, name) == POD_OK) {
    free(old);
    memcpy(cid, name, sizeof name); /* already there, intact (a damaged copy is replaced) */
    return POD_OK;
  }
  /* a temporary name no other writer uses (pid + address of a local + a counter) */
  static _Atomic unsigned seq;
  int k = snprintf(tmp, sizeof tmp, "%s/.tmp-%ld-%u-%s", dir, (long)getpid(), seq++, name);
  if (k < 0 || (size_t)k >= sizeof tmp) return POD_EINVAL;
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return POD_EIO;
  int rc = write_all(fd, data, n);
  if (rc == POD_OK && fsync(fd) != 0) rc = POD_EIO;
  if (close(fd) != 0 && rc == POD_OK) rc = POD_EIO;
  if (rc == POD_OK && rename(tmp, path) != 0) rc = POD_EIO;
  if (rc != POD_OK) {
    unlink(tmp);
    return rc;
  }
  memcpy(cid, name, sizeof name);
  return POD_OK;
}

int pod_content_dir_get(uint8_t **data, size_t *n, const char *dir, const char *cid) {
  if (!data || !n || !dir || !cid) return POD_EINVAL;
  *data = NULL;
  *n = 0;
  uint8_t want[32], got[32];
  if (pod_cid_parse(want, cid, strlen(cid)) != POD_OK) return POD_EDECODE;
  char name[POD_CID_MAX], path[PATH_MAX_SZ];
  pod_cid_from_digest(name, want); /* the canonical (lower-case) spelling names the file */
  if (content_path(path, sizeof path, dir, name) != POD_OK) return POD_EINVAL;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? POD_ENOTFOUND : POD_EIO;
  struct stat st;
  int rc = POD_OK;
  uint8_t *b = NULL;
  size_t len = 0;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    rc = POD_EIO;
  } else if ((uint64_t)st.st_size > POD_CONTENT_BLOCK_MAX) {
    rc = POD_ETOOLARGE;
  } else {
    size_t want_n = (size_t)st.st_size;
    b = malloc(want_n ? want_n : 1);
    if (!b) rc = POD_ENOMEM;
    while (rc == POD_OK && len < want_n) {
      ssize_t k = read(fd, b + len, want_n - len);
      if (k < 0 && errno == EINTR) continue;
      if (k <= 0)
        rc = POD_EIO; /* an error, or the file shrank: it is replaced atomically */
      else
        len += (size_t)k;
    }
  }
  close(fd);
  if (rc == POD_OK) {
    pod_sha256(got, b, len);
    if (memcmp(got, want, 32) != 0) rc = POD_EDECODE;
  }
  if (rc != POD_OK) {
    free(b);
    return rc;
  }
  *data = b;
  *n = len;
  return POD_OK;
}
