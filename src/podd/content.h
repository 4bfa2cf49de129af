/* podd's content endpoints: the two calls of the IPFS HTTP API (Kubo) that the SDK uses,
 * served from a folder (<ledger>/content/) so podd works offline (docs/PODD.md, "Content").
 *
 *   POST /api/v0/add?cid-version=1[&raw-leaves=true][&hash=sha2-256]  multipart/form-data, one
 *        file part of at most POD_CONTENT_BLOCK_MAX bytes ->
 * {"Name":..,"Hash":"bafkrei..","Size":".."} POST /api/v0/cat?arg=CID  -> the bytes (404 if absent)
 *
 * Errors are Kubo's shape, {"Message":..,"Code":0,"Type":"error"}, with 400 (bad request), 404,
 * 405 (not POST), 413 (too large) or 500 (storage). */
#ifndef PODD_CONTENT_H
#define PODD_CONTENT_H

#include "http.h"

/* 1 if path (the request target, query included) is one of the content endpoints. */
int podd_content_route(const char *path);

/* Answers a request whose path podd_content_route accepted, storing in / reading from dir. Any
 * worker thread (files are written atomically and named by their hash). Returns PODD_HTTP_DONE. */
int podd_content_handle(const char *dir, const podd_http_req_t *req, podd_http_res_t *res);

/* The first (and only) file part of a multipart/form-data body: content_type is the request's
 * Content-Type (its boundary parameter is used). *data points into body; *name (may be NULL)
 * receives the part's filename (empty when absent), NUL-terminated, at most name_sz - 1 bytes
 * (longer: cut). Returns 0, or -1 with *why set to a static reason (malformed, no boundary, more
 * than one part). Does not allocate. */
int podd_multipart_file(const char **data, size_t *n, char *name, size_t name_sz, const char **why,
                        const char *content_type, const char *body, size_t body_len);

#endif
