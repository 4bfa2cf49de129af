/* The L1 account cache (cache.h).
 *
 * Layout. One array of cache_entries slots allocated when the client is made; a hash table of
 * slot indices (twice as many buckets as slots, chained through the slots: pubkeys are uniformly
 * random, so their first eight bytes are the hash) and a doubly linked LRU list through the
 * slots, most recent at the head. A lookup or a hit allocates nothing inside the cache; each slot
 * keeps its data buffer and reuses it when refilled. (The caller's copy of the data is allocated,
 * as pod_client_get_account's contract says.)
 *
 * A slot is either free, or holds a key: with a value (valid) or without (invalidated, its
 * subscription kept so a refill needs no new one). Evicting the least recent slot ends its
 * subscription. */
#include "cache.h"

#include <stdlib.h>
#include <string.h>

#include "client_int.h"
#include "ws.h"

#define NIL UINT32_MAX

typedef struct {
  pod_pubkey_t key;
  uint32_t hnext;      /* next slot in the bucket */
  uint32_t prev, next; /* LRU list */
  int used, valid;
  uint64_t at_ms;           /* when the value was fetched */
  uint64_t watch;           /* the accountSubscribe request id (0: none) */
  uint64_t gen;             /* bumped by every invalidation, with or without a value */
  pod_client_account_t acc; /* acc.data: data_cap bytes owned by the slot */
  size_t data_cap;
} slot_t;

typedef struct {
  slot_t *slots;
  uint32_t n, used;
  uint32_t *buckets, mask;
  uint32_t head, tail; /* LRU: head most recent */
  uint32_t free_head;  /* free slots chained through hnext */
  uint32_t ttl_ms;
  pod_cache_stats_t st;
} cache_t;

static cache_t *C(const pod_client *c) { return c->cache; }

static uint32_t bucket(const cache_t *k, const pod_pubkey_t *key) {
  uint64_t h;
  memcpy(&h, key->b, 8);
  return (uint32_t)(h ^ (h >> 32)) & k->mask;
}

static void lru_unlink(cache_t *k, uint32_t i) {
  slot_t *s = &k->slots[i];
  if (s->prev != NIL)
    k->slots[s->prev].next = s->next;
  else
    k->head = s->next;
  if (s->next != NIL)
    k->slots[s->next].prev = s->prev;
  else
    k->tail = s->prev;
  s->prev = s->next = NIL;
}

static void lru_front(cache_t *k, uint32_t i) {
  slot_t *s = &k->slots[i];
  s->prev = NIL;
  s->next = k->head;
  if (k->head != NIL) k->slots[k->head].prev = i;
  k->head = i;
  if (k->tail == NIL) k->tail = i;
}

static uint32_t find(const cache_t *k, const pod_pubkey_t *key) {
  for (uint32_t i = k->buckets[bucket(k, key)]; i != NIL; i = k->slots[i].hnext)
    if (pod_pubkey_eq(&k->slots[i].key, key)) return i;
  return NIL;
}

static void drop_value(cache_t *k, slot_t *s) {
  if (!s->valid) return;
  s->valid = 0;
  k->st.entries--;
  k->st.bytes -= s->acc.data_sz;
}

/* Removes slot i from its bucket and the LRU list, ending its subscription. */
static void release(pod_client *c, cache_t *k, uint32_t i) {
  slot_t *s = &k->slots[i];
  uint32_t *pp = &k->buckets[bucket(k, &s->key)];
  while (*pp != i)
    pp = &k->slots[*pp].hnext;
  *pp = s->hnext;
  lru_unlink(k, i);
  drop_value(k, s);
  if (s->watch) pod_client__ps_unwatch(c, s->watch);
  s->watch = 0;
  s->used = 0;
  s->hnext = k->free_head;
  k->free_head = i;
  k->used--;
}

/* The slot for key, made (evicting the least recent) if absent. */
static uint32_t slot_for(pod_client *c, cache_t *k, const pod_pubkey_t *key) {
  uint32_t i = find(k, key);
  if (i != NIL) return i;
  if (k->free_head == NIL) {
    release(c, k, k->tail);
    k->st.evictions++;
  }
  i = k->free_head;
  slot_t *s = &k->slots[i];
  k->free_head = s->hnext;
  s->key = *key;
  s->used = 1;
  s->valid = 0;
  s->watch = 0;
  uint32_t b = bucket(k, key);
  s->hnext = k->buckets[b];
  k->buckets[b] = i;
  lru_front(k, i);
  k->used++;
  return i;
}

/* memstats (metrics.c): entries holding a value, and the bytes the cache holds */
static void cache_mem(pod_client *c, uint64_t *entries, uint64_t *bytes) {
  cache_t *k = C(c);
  if (!k) return;
  uint64_t b = sizeof *k + (uint64_t)k->n * sizeof *k->slots + ((uint64_t)k->mask + 1) * 4u;
  for (uint32_t i = 0; i < k->n; i++)
    b += k->slots[i].data_cap;
  *entries = k->st.entries;
  *bytes = b;
}

int pod_client__cache_open(pod_client *c) {
  if (!c->cache_entries || pod_client_ledger(c)) return POD_OK;
  if (c->cache_entries > POD_CACHE_ENTRIES_MAX)
    return pod_client__fail(c, POD_EINVAL, "cache_entries over %u", POD_CACHE_ENTRIES_MAX);
  cache_t *k = pod_client__alloc(1, sizeof *k);
  uint32_t nb = 1;
  while (nb < 2u * c->cache_entries)
    nb <<= 1;
  if (k) {
    k->slots = pod_client__alloc(c->cache_entries, sizeof *k->slots);
    k->buckets = pod_client__alloc(nb, sizeof *k->buckets);
  }
  if (!k || !k->slots || !k->buckets) {
    if (k) {
      free(k->slots);
      free(k->buckets);
    }
    free(k);
    return pod_client__fail(c, POD_ENOMEM, "out of memory for a %u-entry account cache",
                            c->cache_entries);
  }
  k->n = c->cache_entries;
  k->mask = nb - 1;
  for (uint32_t b = 0; b < nb; b++)
    k->buckets[b] = NIL;
  for (uint32_t i = 0; i < k->n; i++) {
    k->slots[i].hnext = i + 1 < k->n ? i + 1 : NIL;
    k->slots[i].prev = k->slots[i].next = NIL;
  }
  k->free_head = 0;
  k->head = k->tail = NIL;
  k->ttl_ms = c->cache_ttl_ms ? c->cache_ttl_ms : POD_CACHE_TTL_DEFAULT_MS;
  c->cache = k;
  c->cache_mem = cache_mem;
  return POD_OK;
}

void pod_client__cache_free(pod_client *c) {
  cache_t *k = C(c);
  if (!k) return;
  for (uint32_t i = 0; i < k->n; i++)
    free(k->slots[i].acc.data);
  free(k->slots);
  free(k->buckets);
  free(k);
  c->cache = NULL;
  c->cache_mem = NULL;
}

/* A copy of the cached value for the caller (its data allocated, as the API promises). */
static int copy_out(pod_client *c, pod_client_account_t *out, const slot_t *s) {
  *out = s->acc;
  out->data = NULL;
  if (s->acc.data_sz) {
    out->data = pod_client__alloc(s->acc.data_sz, 1);
    if (!out->data) return pod_client__fail(c, POD_ENOMEM, "out of memory");
    memcpy(out->data, s->acc.data, s->acc.data_sz);
  }
  return POD_OK;
}

/* The fresh value of key, or NIL (a miss: absent, invalidated or expired). */
static uint32_t lookup(cache_t *k, const pod_pubkey_t *key, uint64_t now) {
  uint32_t i = find(k, key);
  if (i == NIL || !k->slots[i].valid) {
    k->st.misses++;
    return NIL;
  }
  slot_t *s = &k->slots[i];
  if (now - s->at_ms >= k->ttl_ms) {
    drop_value(k, s);
    k->st.expired++;
    k->st.misses++;
    return NIL;
  }
  lru_unlink(k, i);
  lru_front(k, i);
  k->st.hits++;
  return i;
}

/* Stores a value fetched into slot i (the slot's buffer reused when large enough) — unless the
 * slot changed hands or was invalidated since gen was read: then the value may predate a change
 * whose notification arrived during the fetch, and it is not kept. */
static void store(cache_t *k, uint32_t i, uint64_t gen, const pod_client_account_t *a,
                  uint64_t at) {
  slot_t *s = &k->slots[i];
  if (!s->used || s->gen != gen || !pod_pubkey_eq(&s->key, &a->key)) return;
  if (a->data_sz > s->data_cap) {
    uint8_t *nb = realloc(s->acc.data, a->data_sz);
    if (!nb) return; /* not cached: the caller has its copy */
    s->acc.data = nb;
    s->data_cap = a->data_sz;
  }
  drop_value(k, s);
  uint8_t *buf = s->acc.data;
  s->acc = *a;
  s->acc.data = buf;
  if (a->data_sz) memcpy(buf, a->data, a->data_sz);
  s->at_ms = at;
  s->valid = 1;
  k->st.entries++;
  k->st.bytes += a->data_sz;
}

/* Before a fetch: the key's slot and subscription (so a change after it is notified); *gen for
 * store. */
static uint32_t watch(pod_client *c, cache_t *k, const pod_pubkey_t *key, uint64_t *gen) {
  uint32_t i = slot_for(c, k, key);
  if (!k->slots[i].watch) k->slots[i].watch = pod_client__ps_watch(c, key);
  *gen = k->slots[i].gen;
  return i;
}

/* Reads the notifications already received (invalidations) without waiting. */
static void drain(pod_client *c) {
  pod_ws_stats_t st;
  pod_client__ps_stats(c, &st);
  if (st.up) pod_client__ps_pump(c, 0);
}

int pod_client__cached_get_account(pod_client *c, const pod_pubkey_t *key,
                                   pod_client_account_t *out) {
  cache_t *k = C(c);
  if (!k) return c->ops->get_account(c, key, out);
  drain(c);
  uint64_t now = pod_client__now_ms();
  uint32_t i = lookup(k, key, now);
  if (i != NIL) return copy_out(c, out, &k->slots[i]);
  uint64_t gen;
  i = watch(c, k, key, &gen);
  int rc = c->ops->get_account(c, key, out);
  /* a notification that came during the fetch may concern the value just read: read them
   * first; store keeps the value only if none did */
  drain(c);
  if (rc == POD_OK) store(k, i, gen, out, now);
  return rc;
}

int pod_client__cached_get_accounts(pod_client *c, const pod_pubkey_t *keys, size_t n,
                                    pod_client_account_t *out, int *found) {
  cache_t *k = C(c);
  if (!k) return c->ops->get_accounts(c, keys, n, out, found);
  drain(c);
  uint64_t now = pod_client__now_ms();
  size_t miss = 0;
  pod_pubkey_t *mk = NULL;
  size_t *mi = NULL;
  uint32_t *ms = NULL; /* the slot of each missing key */
  uint64_t *mg = NULL; /* and its generation before the fetch */
  int rc = POD_OK;
  for (size_t j = 0; j < n && rc == POD_OK; j++) {
    uint32_t i = lookup(k, &keys[j], now);
    if (i != NIL) {
      rc = copy_out(c, &out[j], &k->slots[i]);
      found[j] = rc == POD_OK;
      continue;
    }
    if (!mk) {
      mk = pod_client__alloc(n, sizeof *mk);
      mi = pod_client__alloc(n, sizeof *mi);
      ms = pod_client__alloc(n, sizeof *ms);
      mg = pod_client__alloc(n, sizeof *mg);
      if (!mk || !mi || !ms || !mg) rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    }
    if (rc == POD_OK) {
      mk[miss] = keys[j];
      mi[miss++] = j;
    }
  }
  if (rc == POD_OK && miss) {
    for (size_t j = 0; j < miss; j++)
      ms[j] = watch(c, k, &mk[j], &mg[j]);
    pod_client_account_t *got = pod_client__alloc(miss, sizeof *got);
    int *gf = pod_client__alloc(miss, sizeof *gf);
    if (!got || !gf)
      rc = pod_client__fail(c, POD_ENOMEM, "out of memory");
    else
      rc = c->ops->get_accounts(c, mk, miss, got, gf);
    if (rc == POD_OK) {
      drain(c);
      for (size_t j = 0; j < miss; j++) {
        out[mi[j]] = got[j];
        found[mi[j]] = gf[j];
        if (gf[j]) store(k, ms[j], mg[j], &got[j], now);
      }
    } else if (got) {
      for (size_t j = 0; j < miss; j++)
        pod_client_account_free(&got[j]);
    }
    free(got);
    free(gf);
  }
  free(mk);
  free(mi);
  free(ms);
  free(mg);
  if (rc != POD_OK)
    for (size_t j = 0; j < n; j++) {
      pod_client_account_free(&out[j]);
      found[j] = 0;
    }
  return rc;
}

void pod_client__cache_invalidate(pod_client *c, const pod_pubkey_t *key) {
  cache_t *k = C(c);
  if (!k) return;
  uint32_t i = find(k, key);
  if (i == NIL) return;
  k->slots[i].gen++; /* also when there is no value: a fetch in flight must not store */
  if (!k->slots[i].valid) return;
  drop_value(k, &k->slots[i]);
  k->st.invalidations++;
}

void pod_client__cache_tx(pod_client *c, const pod_instruction_t *ixs, size_t ix_cnt) {
  if (!C(c)) return;
  if (c->has_signer) pod_client__cache_invalidate(c, &c->signer);
  for (size_t i = 0; i < ix_cnt; i++)
    for (size_t j = 0; j < ixs[i].account_cnt; j++)
      if (ixs[i].accounts[j].is_writable)
        pod_client__cache_invalidate(c, &ixs[i].accounts[j].pubkey);
}

void pod_client__cache_ws_lost(pod_client *c) {
  cache_t *k = C(c);
  if (!k) return;
  for (uint32_t i = 0; i < k->n; i++) {
    slot_t *s = &k->slots[i];
    s->watch = 0; /* the subscriptions died with the connection */
    s->gen++;
    if (s->used && s->valid) {
      drop_value(k, s);
      k->st.invalidations++;
    }
  }
}

void pod_client__cache_stats(const pod_client *c, pod_cache_stats_t *out) {
  cache_t *k = C(c);
  if (k)
    *out = k->st;
  else
    memset(out, 0, sizeof *out);
}
