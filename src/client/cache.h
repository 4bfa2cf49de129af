/* The L1 account cache of the HTTP transport (cache.c): pod_client_get_account/get_accounts
 * results kept for cache_ttl_ms in a fixed table of cache_entries (LRU), dropped when
 *   - an accountNotification says the account changed (each cached key has an accountSubscribe
 *     on the client's PubSub connection while a connection is up; losing it empties the cache),
 *   - the client sends a transaction that writes the account (its writable keys, the payer),
 *   - the time to live runs out (the bound on staleness when no notification can arrive).
 * Off unless opts.cache_entries > 0; never used by the embedded transport (its reads are
 * memory-mapped LMDB reads already). Internal to the client module. */
#ifndef POD_CLIENT_CACHE_H
#define POD_CLIENT_CACHE_H

#include <stdint.h>

#include "pod/client.h"

#define POD_CACHE_TTL_DEFAULT_MS 2000u
#define POD_CACHE_ENTRIES_MAX (1u << 20)

typedef struct {
  uint64_t hits, misses, expired, invalidations, evictions;
  uint64_t entries, bytes; /* held now: entries with data, bytes of account data */
} pod_cache_stats_t;

/* Creates the cache when c->cache_entries > 0 over HTTP (c->cache, c->cache_mem). POD_OK when
 * there is nothing to do. */
int pod_client__cache_open(pod_client *c);
void pod_client__cache_free(pod_client *c);
/* get_account / get_accounts through the cache (straight to c->ops without one). */
int pod_client__cached_get_account(pod_client *c, const pod_pubkey_t *key,
                                   pod_client_account_t *out);
int pod_client__cached_get_accounts(pod_client *c, const pod_pubkey_t *keys, size_t n,
                                    pod_client_account_t *out, int *found);
/* Drops key's cached value (keeps its subscription). No-op without a cache. */
void pod_client__cache_invalidate(pod_client *c, const pod_pubkey_t *key);
/* Drops the accounts a transaction of ixs may write: the signer and every writable account. */
void pod_client__cache_tx(pod_client *c, const pod_instruction_t *ixs, size_t ix_cnt);
/* The PubSub connection was lost: every subscription is gone, so every value is dropped. */
void pod_client__cache_ws_lost(pod_client *c);
void pod_client__cache_stats(const pod_client *c, pod_cache_stats_t *out);

#endif
