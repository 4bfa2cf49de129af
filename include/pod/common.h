/* podc — common definitions: export macro, version, result codes.
 *
 * Every function of libpodcom that can fail returns an int: 0 (POD_OK) on success and a
 * negative POD_E* code on failure. Codes are only ever appended, never renumbered. */
#ifndef POD_COMMON_H
#define POD_COMMON_H

#include <stddef.h>
#include <stdint.h>

#if defined(POD_BUILDING) && defined(__GNUC__)
#define POD_API __attribute__((visibility("default")))
#else
#define POD_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define POD_VERSION_MAJOR 0
#define POD_VERSION_MINOR 1
#define POD_VERSION_PATCH 0
/* 0xMMmmpp: compare with POD_VERSION_NUM >= 0x000100. */
#define POD_VERSION_NUM ((POD_VERSION_MAJOR << 16) | (POD_VERSION_MINOR << 8) | POD_VERSION_PATCH)
#define POD_VERSION_STR "0.1.0"

/* Result codes. Append only. */
enum {
  POD_OK = 0,
  POD_EINVAL = -1,    /* an argument is invalid (NULL, out of range, contradictory) */
  POD_EDECODE = -2,   /* input is malformed: bad character, bad tag, truncated, trailing bytes */
  POD_ENOSPC = -3,    /* the caller's output buffer is too small */
  POD_ETOOLARGE = -4, /* a protocol limit is exceeded (1232-byte transaction, seed count/length) */
  POD_ECRYPTO = -5,   /* crypto failure: bad signature, libsodium could not initialise */
  POD_EIO = -6,       /* file or socket I/O failed (errno is kept) */
  POD_ENOMEM = -7,    /* allocation failed */
  POD_ENOTFOUND = -8, /* the thing asked for does not exist */
  POD_EEXIST = -9,    /* it already exists (e.g. keypair file without overwrite) */
  POD_ENOPDA = -10,   /* no program address: the hash is on the curve / no bump works */
  POD_EPERM = -11,    /* permission or authority refused */
  POD_EPROGRAM = -12, /* the PoD program (or the runtime) refused the instruction */
  POD_ELIMIT = -13,   /* a count limit is exceeded (accounts, instructions, signers) */
};

/* Library version as "MAJOR.MINOR.PATCH"; equals POD_VERSION_STR of the headers the library
 * was built with. */
POD_API const char *pod_version(void);
/* POD_VERSION_NUM of the library actually linked. */
POD_API uint32_t pod_version_num(void);

/* A short English description of a POD_E* code ("unknown error" for anything else). Never NULL;
 * the string is static. */
POD_API const char *pod_strerror(int err);

/* Initialises libsodium. Idempotent and thread-safe; every function that needs it calls it, so
 * callers need not. Returns POD_OK or POD_ECRYPTO. */
POD_API int pod_init(void);

#ifdef __cplusplus
}
#endif
#endif
