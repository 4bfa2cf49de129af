/* Internals shared by channels.c, discovery.c and analytics.c: the account fetches and decoders
 * they have in common. */
#ifndef POD_DISCOVERY_INT_H
#define POD_DISCOVERY_INT_H

#include "client_int.h"
#include "pod/discovery.h"

/* getProgramAccounts of the PoD accounts of `kind` (pod_account_kind_t): dataSize = its space,
 * memcmp its discriminator at 0, plus up to 3 more memcmps. The accounts go to the caller
 * (pod_client_accounts_free). */
int pod_client__gpa(pod_client *c, pod_client_account_t **accts, size_t *cnt, int kind,
                    const pod_memcmp_t *more, size_t more_cnt);
/* Decodes a fetched account into a channel record (POD_EDECODE, message set, if it is not one). */
int pod_client__channel_decode(pod_client *c, pod_channel_t *out, const pod_client_account_t *a);

/* The end of the list calls: list (k records, allocated) is kept when rc is POD_OK and k > 0;
 * otherwise it is freed, *k set to 0 and NULL returned. */
void *pod_client__list_keep(void *list, size_t *k, int rc);

/* now - secs, saturated at INT64_MIN / INT64_MAX: times come from the node and from account
 * data, which can hold any value. */
int64_t pod_client__since(int64_t now, int64_t secs);

/* discovery.c: an agent record from a fetched account (no message set: 0 or POD_EDECODE). */
int pod_client__agent_rec(pod_agent_t *out, const pod_client_account_t *a);
/* discovery.c: sorts agent matches by score, reputation, last_updated (newest first), address,
 * and re-points their metadata views into their own bytes. */
void pod_client__agent_matches_sort(pod_agent_match_t *m, size_t n);
/* discovery.c: sorts channel records by fn, then re-points their views (qsort moves them). */
void pod_client__channels_repoint(pod_channel_t *ch, size_t stride, size_t n);

#endif
