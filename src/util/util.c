/* Version, result-code strings, library initialisation. */
#include "pod/common.h"

#include <sodium.h>

const char *pod_version(void) { return POD_VERSION_STR; }

uint32_t pod_version_num(void) { return (uint32_t)POD_VERSION_NUM; }

const char *pod_strerror(int err) {
  switch (err) {
  case POD_OK: return "success";
  case POD_EINVAL: return "invalid argument";
  case POD_EDECODE: return "malformed input";
  case POD_ENOSPC: return "output buffer too small";
  case POD_ETOOLARGE: return "protocol size limit exceeded";
  case POD_ECRYPTO: return "cryptographic failure (bad signature or crypto library unavailable)";
  case POD_EIO: return "input/output error";
  case POD_ENOMEM: return "out of memory";
  case POD_ENOTFOUND: return "not found";
  case POD_EEXIST: return "already exists";
  case POD_ENOPDA: return "no valid program address for these seeds";
  case POD_EPERM: return "permission denied";
  case POD_EPROGRAM: return "the program rejected the instruction";
  case POD_ELIMIT: return "count limit exceeded";
  default: return "unknown error";
  }
}

int pod_init(void) {
  /* sodium_init is thread-safe and returns 1 when already initialised. */
  return sodium_init() < 0 ? POD_ECRYPTO : POD_OK;
}
