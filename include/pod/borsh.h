/* Borsh over caller buffers (PROTOCOL.md §2.1: Borsh 0.10 as bundled with Anchor 0.31). Nothing
 * allocates.
 *
 * Writer and reader keep a sticky error: after the first failure every further call is a no-op,
 * so a codec writes or reads a whole struct and checks once at the end. Strings read are
 * zero-copy views into the input buffer, validated as UTF-8. Integers are little-endian on every
 * host. A failed getter leaves the cursor at the start of the value it could not read. */
#ifndef POD_BORSH_H
#define POD_BORSH_H

#include "keys.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  uint8_t *buf;
  size_t sz;
  size_t off;
  int err; /* POD_OK or the first error: POD_ENOSPC (buffer full), POD_EINVAL (NULL data with
            * a non-zero size), POD_ETOOLARGE (a string longer than a u32 can say) */
} pod_borsh_writer_t;

/* A NULL buf is an empty buffer (every put then fails with POD_ENOSPC). */

POD_API void pod_borsh_writer_init(pod_borsh_writer_t *w, void *buf, size_t sz);
POD_API void pod_borsh_put_u8(pod_borsh_writer_t *w, uint8_t v);
POD_API void pod_borsh_put_bool(pod_borsh_writer_t *w, int v);
POD_API void pod_borsh_put_u16(pod_borsh_writer_t *w, uint16_t v);
POD_API void pod_borsh_put_u32(pod_borsh_writer_t *w, uint32_t v);
POD_API void pod_borsh_put_u64(pod_borsh_writer_t *w, uint64_t v);
POD_API void pod_borsh_put_i64(pod_borsh_writer_t *w, int64_t v);
POD_API void pod_borsh_put_bytes(pod_borsh_writer_t *w, const void *p,
                                 size_t n); /* raw, no prefix */
POD_API void pod_borsh_put_pubkey(pod_borsh_writer_t *w, const pod_pubkey_t *pk);
/* u32 LE length then the bytes. (Callers validate UTF-8 where it matters.) */
POD_API void pod_borsh_put_string(pod_borsh_writer_t *w, const char *s, size_t len);
/* Option tag: 0 None, 1 Some (the value follows, written by the caller). */
POD_API void pod_borsh_put_option(pod_borsh_writer_t *w, int is_some);
/* Returns w->err; on success *len (may be NULL) receives the bytes written. */
POD_API int pod_borsh_writer_finish(const pod_borsh_writer_t *w, size_t *len);

typedef struct {
  const uint8_t *buf;
  size_t sz;
  size_t off;
  int err; /* POD_OK or the first error (POD_EDECODE) */
} pod_borsh_reader_t;

POD_API void pod_borsh_reader_init(pod_borsh_reader_t *r, const void *buf, size_t sz);
/* A NULL buf is an empty buffer. Each getter returns r->err (POD_OK or POD_EDECODE) and writes the
 * value on success; on failure the error sticks and *out is zeroed. Any out may be NULL to skip
 * the value (still validated). */
POD_API int pod_borsh_get_u8(pod_borsh_reader_t *r, uint8_t *out);
POD_API int pod_borsh_get_bool(pod_borsh_reader_t *r, uint8_t *out); /* only 0x00/0x01 accepted */
POD_API int pod_borsh_get_u16(pod_borsh_reader_t *r, uint16_t *out);
POD_API int pod_borsh_get_u32(pod_borsh_reader_t *r, uint32_t *out);
POD_API int pod_borsh_get_u64(pod_borsh_reader_t *r, uint64_t *out);
POD_API int pod_borsh_get_i64(pod_borsh_reader_t *r, int64_t *out);
POD_API int pod_borsh_get_bytes(pod_borsh_reader_t *r, void *out, size_t n);
POD_API int pod_borsh_get_pubkey(pod_borsh_reader_t *r, pod_pubkey_t *out);
/* A String: u32 length (must be <= max_len), bytes valid UTF-8. *s points into the input and is
 * not NUL-terminated; on failure *s = NULL and *len = 0. */
POD_API int pod_borsh_get_string(pod_borsh_reader_t *r, const char **s, uint32_t *len,
                                 uint32_t max_len);
/* Option tag; only 0/1 accepted. */
POD_API int pod_borsh_get_option(pod_borsh_reader_t *r, int *is_some);
/* Vec length prefix (must be <= max_cnt): the cap is the caller's, from the protocol limit of
 * the field, so a hostile count can never drive a long loop. */
POD_API int pod_borsh_get_vec_len(pod_borsh_reader_t *r, uint32_t *cnt, uint32_t max_cnt);
/* Returns r->err, or POD_EDECODE if bytes remain unread (exact-size validation). */
POD_API int pod_borsh_reader_finish_exact(const pod_borsh_reader_t *r);

#ifdef __cplusplus
}
#endif
#endif
