/* podc — the PoD Protocol in C. Umbrella header: includes the whole public API. */
#ifndef POD_POD_H
#define POD_POD_H

#include "common.h"
#include "encode.h"
#include "json.h"
#include "hash.h"
#include "ws.h"
#include "keys.h"
#include "pda.h"
#include "borsh.h"
#include "txn.h"
#include "errors.h"
#include "validate.h"
#include "program.h"
#include "accounts.h"
#include "events.h"
#include "ledger.h"
#include "client.h"
#include "services.h"
#include "discovery.h"
#include "batch.h"
#include "metrics.h"
#include "content.h"

#endif
