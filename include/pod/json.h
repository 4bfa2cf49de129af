/* JSON: a reader (parse text into a read-only document, then typed getters) and a writer (one
 * growable buffer with a hard cap). The only JSON library in podc sits behind the reader; no other
 * module sees it (docs/DESIGN.md, "JSON library").
 *
 * Reader. pod_json_parse() accepts exactly RFC 8259 JSON: no comments, trailing commas, NaN,
 * single quotes, leading zeros, byte-order mark or trailing bytes other than whitespace; any value
 * at the top level. Strings must be well-formed UTF-8 (no overlong forms, no encoded surrogates,
 * nothing above U+10FFFF) and every \u escape of a surrogate must be a high-low pair, so every
 * string read is valid UTF-8. Caps bound what a hostile text can cost: its size, its nesting depth
 * (checked as it is read, so 100 000 '[' fail at the first one too many; nothing recurses) and the
 * length of one number. Duplicate keys in one object are rejected (POD_EDECODE), so no two readers
 * can disagree on which one counts.
 *
 * Numbers keep their text: pod_json_get_u64/_i64 convert it exactly (18446744073709551615 reads
 * as UINT64_MAX; 18446744073709551616 and -1 are out of range for u64, not rounded or clamped), and
 * pod_json_get_f64 rounds it to the nearest double.
 *
 * Values (const pod_json_val *) point into their document and live until pod_json_free(). A
 * document is never modified after parsing, so any number of threads may read it at once.
 *
 * NULL chains: every navigation function returns NULL when the value is missing or of the wrong
 * type, and accepts NULL, so a path reads in one expression and fails once at the end:
 *   pod_json_get_u64(&slot, pod_json_find(pod_json_find(root, "result"), "slot"))
 * returns POD_ENOTFOUND if "result" or "slot" is missing, POD_EDECODE if "slot" is not an integer.
 *
 * Memory: a document is one block holding a 12-byte node per value and per key, 4 bytes per array
 * element or object member, and the bytes of its strings and numbers (each with a NUL). Its first
 * size is twice the input, which RPC messages do not outgrow (they take 1.5 to 1.7 times); the
 * densest text, "[0,0,...]", takes 10 times. A parse makes about ten allocations whatever the
 * size of the text. A server should set max_input to what its requests need.
 *
 * Writer. pod_json_writer_t writes compact JSON into one buffer: the caller's (fixed) or one the
 * writer grows by doubling up to a hard cap. Commas and colons are automatic; the writer checks the
 * structure (a key only inside an object and before each of its values, matching ends, one
 * top-level value) and keeps the first error (sticky), so a response is written in full and checked
 * once by pod_json_writer_finish(). Nothing is allocated per value. Strings are escaped as RFC 8259
 * requires (quote, backslash and U+0000..U+001F; \b \f \n \r \t by name, others as \u00XX); other
 * bytes of well-formed UTF-8 are copied as they are; each ill-formed UTF-8 sequence becomes U+FFFD
 * (one per maximal ill-formed subpart, as Unicode recommends and Rust's String::from_utf8_lossy
 * does), so the output is always valid JSON in valid UTF-8. */
#ifndef POD_JSON_H
#define POD_JSON_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- reader ---- */

typedef struct pod_json_doc pod_json_doc; /* a parsed document */
typedef struct pod_json_val pod_json_val; /* a value inside a document */

typedef enum {
  POD_JSON_NONE = 0, /* no value: a NULL pod_json_val (missing member, index out of range) */
  POD_JSON_NULL,
  POD_JSON_BOOL,
  POD_JSON_NUMBER,
  POD_JSON_STRING,
  POD_JSON_ARRAY,
  POD_JSON_OBJECT
} pod_json_type_t;

#define POD_JSON_DEPTH_DEFAULT 64u         /* nesting of arrays and objects: "[[1]]" is 2 */
#define POD_JSON_INPUT_DEFAULT (16u << 20) /* bytes of input: 16 MiB */
#define POD_JSON_INPUT_LIMIT (1u << 30)    /* largest max_input allowed: 1 GiB */
#define POD_JSON_NUMBER_MAX 128u           /* characters of one number */
#define POD_JSON_ERRMSG_SZ 128u

#define POD_JSON_OPTS_VERSION 1
typedef struct {
  unsigned version;   /* POD_JSON_OPTS_VERSION */
  size_t max_input;   /* 0: POD_JSON_INPUT_DEFAULT; more than POD_JSON_INPUT_LIMIT: POD_EINVAL */
  uint32_t max_depth; /* 0: POD_JSON_DEPTH_DEFAULT */
} pod_json_opts_t;
#define POD_JSON_OPTS_INIT                                                                         \
  { POD_JSON_OPTS_VERSION, 0, 0 }

/* Why a parse failed. */
typedef struct {
  int code;                     /* the POD_E* code pod_json_parse returned */
  size_t offset;                /* byte offset in the input where the error was found */
  char msg[POD_JSON_ERRMSG_SZ]; /* NUL-terminated, e.g. "nesting deeper than 64 at byte 64" */
} pod_json_error_t;

/* Parses text[0..len) (need not be NUL-terminated) into *out, freed with pod_json_free(). opts may
 * be NULL (defaults); err may be NULL, else it is filled on failure (code POD_OK on success).
 * Returns POD_OK, or:
 *   POD_EDECODE   not JSON: syntax error, truncated text, trailing bytes, bad UTF-8, lone
 *                 surrogate, duplicate key (err->msg says which and err->offset where);
 *   POD_ETOOLARGE len > max_input, a number longer than POD_JSON_NUMBER_MAX characters, or a
 *                 document that would take more than 2 GiB of memory;
 *   POD_ELIMIT    nesting deeper than max_depth;
 *   POD_ENOMEM    allocation failed;
 *   POD_EINVAL    out is NULL, text is NULL with len > 0, or opts is invalid (unknown version,
 *                 max_input above POD_JSON_INPUT_LIMIT).
 * On failure *out (if out is not NULL) is NULL. The text is not referenced after return. */
POD_API int pod_json_parse(pod_json_doc **out, const char *text, size_t len,
                           const pod_json_opts_t *opts, pod_json_error_t *err);

/* Frees a document and all its values. Accepts NULL. */
POD_API void pod_json_free(pod_json_doc *doc);

/* The top-level value (never NULL for a parsed document; NULL for a NULL doc). */
POD_API const pod_json_val *pod_json_root(const pod_json_doc *doc);

/* The type of v; POD_JSON_NONE for NULL. */
POD_API pod_json_type_t pod_json_type(const pod_json_val *v);

/* Elements of an array or members of an object; 0 for anything else (and NULL). */
POD_API size_t pod_json_len(const pod_json_val *v);

/* Element i of an array; NULL if v is not an array or i >= its length. O(1). */
POD_API const pod_json_val *pod_json_at(const pod_json_val *v, size_t i);

/* The member of an object with this key (NUL-terminated, or key[0..key_len) which may hold NUL
 * bytes); NULL if v is not an object or has no such key. Keys compare as bytes; linear in the
 * number of members (use pod_json_member to walk a large object). */
POD_API const pod_json_val *pod_json_find(const pod_json_val *v, const char *key);
POD_API const pod_json_val *pod_json_find_n(const pod_json_val *v, const char *key, size_t key_len);

/* Member i of an object in document order: returns its value and sets *key / *key_len (either may
 * be NULL; the key is NUL-terminated and may also contain NUL bytes). NULL, with *key = NULL and
 * *key_len = 0, if v is not an object or i >= its length. */
POD_API const pod_json_val *pod_json_member(const pod_json_val *v, size_t i, const char **key,
                                            size_t *key_len);

/* Typed getters. Each returns POD_OK and writes *out, or POD_ENOTFOUND for a NULL v, POD_EDECODE
 * for a value of another type, POD_EINVAL for a NULL out; *out is written only on success. */

/* A string: *s points into the document, holds *len bytes of valid UTF-8 (NUL bytes included if
 * the text had \u0000) and is followed by a NUL. len may be NULL. */
POD_API int pod_json_get_str(const char **s, size_t *len, const pod_json_val *v);
/* true/false as 1/0. */
POD_API int pod_json_get_bool(int *out, const pod_json_val *v);
/* 1 if v is JSON null, else 0 (also for NULL). */
POD_API int pod_json_is_null(const pod_json_val *v);
/* An integer written without fraction or exponent ("5", not "5.0" or "5e0": POD_EDECODE) in
 * 0..UINT64_MAX ("-0" is 0); POD_ETOOLARGE outside that range (negative or above 2^64-1). */
POD_API int pod_json_get_u64(uint64_t *out, const pod_json_val *v);
/* The same in INT64_MIN..INT64_MAX. */
POD_API int pod_json_get_i64(int64_t *out, const pod_json_val *v);
/* Any number, rounded to the nearest double (strtod); POD_ETOOLARGE if its magnitude is beyond
 * the largest double. */
POD_API int pod_json_get_f64(double *out, const pod_json_val *v);
/* A number's text exactly as in the input (NUL-terminated). len may be NULL. */
POD_API int pod_json_get_number(const char **text, size_t *len, const pod_json_val *v);

/* ---- writer ---- */

#define POD_JSON_WRITER_MAX_DEFAULT (64u << 20) /* bytes of output: 64 MiB */
#define POD_JSON_WRITER_DEPTH_MAX 128u          /* nesting the writer can track */

/* Plain data on the caller's stack; the fields are the writer's (read results with
 * pod_json_writer_finish). */
typedef struct {
  char *buf;
  size_t len, cap, max;
  int err;
  uint32_t depth;
  uint8_t fixed, comma, after_key, done;
  uint64_t nest[POD_JSON_WRITER_DEPTH_MAX / 64]; /* bit set: that level is an object */
} pod_json_writer_t;

/* A writer whose buffer is allocated on first use and grows by doubling; the output may be at most
 * max bytes (0: POD_JSON_WRITER_MAX_DEFAULT). Release with pod_json_writer_free(). */
POD_API void pod_json_writer_init(pod_json_writer_t *w, size_t max);
/* A writer into the caller's buf[0..sz): the output may be at most sz - 1 bytes (room for the
 * NUL); never allocates. */
POD_API void pod_json_writer_init_fixed(pod_json_writer_t *w, char *buf, size_t sz);
/* Forgets the output and the error to write a new document into the same buffer. */
POD_API void pod_json_writer_reset(pod_json_writer_t *w);
/* Frees an allocated buffer (a fixed one is the caller's); the writer is empty afterwards and may
 * be reused. Accepts NULL. */
POD_API void pod_json_writer_free(pod_json_writer_t *w);

/* Writing. After the first error every call is a no-op. Errors (kept in the writer):
 *   POD_ENOSPC   the output would exceed the cap;
 *   POD_ENOMEM   growing the buffer failed;
 *   POD_EINVAL   misuse: a key outside an object or twice in a row, a value in an object without
 *                its key, an end that does not match its begin, a second top-level value, a NULL
 *                pointer with a non-zero length;
 *   POD_ELIMIT   nesting deeper than POD_JSON_WRITER_DEPTH_MAX. */
POD_API void pod_json_begin_object(pod_json_writer_t *w);
POD_API void pod_json_end_object(pod_json_writer_t *w);
POD_API void pod_json_begin_array(pod_json_writer_t *w);
POD_API void pod_json_end_array(pod_json_writer_t *w);
/* An object key: NUL-terminated, or key[0..len). Escaped like a string. */
POD_API void pod_json_put_key(pod_json_writer_t *w, const char *key);
POD_API void pod_json_put_key_n(pod_json_writer_t *w, const char *key, size_t len);
/* A string value: NUL-terminated, or s[0..len) (may hold NUL bytes, written as \u0000). */
POD_API void pod_json_put_str(pod_json_writer_t *w, const char *s);
POD_API void pod_json_put_str_n(pod_json_writer_t *w, const char *s, size_t len);
POD_API void pod_json_put_u64(pod_json_writer_t *w, uint64_t v);
POD_API void pod_json_put_i64(pod_json_writer_t *w, int64_t v);
POD_API void pod_json_put_bool(pod_json_writer_t *w, int v); /* non-zero: true */
POD_API void pod_json_put_null(pod_json_writer_t *w);
/* One pre-encoded JSON value, copied verbatim (not checked: the caller vouches for it). */
POD_API void pod_json_put_raw(pod_json_writer_t *w, const char *json, size_t len);

/* Returns the sticky error, POD_EINVAL if the document is incomplete (no value, or an open
 * object/array), else POD_OK with *out (may be NULL) pointing at the NUL-terminated output in the
 * writer's buffer (valid until the next call on w) and *len (may be NULL) its length. */
POD_API int pod_json_writer_finish(pod_json_writer_t *w, const char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
