/* podd's JSON encoders and config parsers shared by the JSON-RPC methods (rpc*.c) and PubSub
 * (rpc_pubsub.c): accounts in Solana's UiAccount shape and its encodings, data slices,
 * getProgramAccounts/programSubscribe filters, contexts, transaction errors, ids and JSON-RPC
 * error answers.
 *
 * Key order. Solana's node (jsonrpc-core) writes the envelope in struct order — {"jsonrpc",
 * "result" | "error", "id"}, an error as {"code","message","data"} — and every result or error
 * data through serde_json::Value, whose objects keep their keys sorted; the writers here do the
 * same, so podd's answers match a cluster's byte for byte where the values agree.
 *
 * Every function is thread-safe (no shared state) and never blocks. Writers use the sticky
 * error of pod_json_writer_t; parsers fill an rpc_error_t with the JSON-RPC code and Solana's
 * message for the caller to answer with. */
#ifndef PODD_RPC_ENCODE_H
#define PODD_RPC_ENCODE_H

#include <pod/json.h>
#include <pod/ledger.h>

#include <stddef.h>
#include <stdint.h>

/* ---- what podd reports as its version (docs/PODD.md, "getVersion") ---- */
#define RPC_SOLANA_CORE_VERSION "2.1.0" /* the Agave release whose RPC shapes podd follows */
#define RPC_API_VERSION RPC_SOLANA_CORE_VERSION
#define RPC_FEATURE_SET 1725507508u /* a fixed number: no feature gates exist here */

/* ---- JSON-RPC error codes (jsonrpc-core's and Solana's server errors) ---- */
enum {
  RPC_PARSE_ERROR = -32700,
  RPC_INVALID_REQUEST = -32600,
  RPC_METHOD_NOT_FOUND = -32601,
  RPC_INVALID_PARAMS = -32602,
  RPC_INTERNAL_ERROR = -32603,
  RPC_SERVER_ERROR = -32000, /* generic (e.g. the faucet refused an airdrop) */
  RPC_PREFLIGHT_FAILURE = -32002,
  RPC_SIGNATURE_VERIFICATION_FAILURE = -32003,
  RPC_BLOCK_NOT_AVAILABLE = -32004,
  RPC_NODE_UNHEALTHY = -32005,
  RPC_TRANSACTION_PRECOMPILE_VERIFICATION_FAILURE = -32006,
  RPC_SLOT_SKIPPED = -32007,
  RPC_NO_SNAPSHOT = -32008,
  RPC_LONG_TERM_STORAGE_SLOT_SKIPPED = -32009,
  RPC_KEY_EXCLUDED_FROM_SECONDARY_INDEX = -32010,
  RPC_TRANSACTION_HISTORY_NOT_AVAILABLE = -32011,
  RPC_SCAN_ERROR = -32012,
  RPC_TRANSACTION_SIGNATURE_LEN_MISMATCH = -32013,
  RPC_BLOCK_STATUS_NOT_AVAILABLE_YET = -32014,
  RPC_UNSUPPORTED_TRANSACTION_VERSION = -32015,
  RPC_MIN_CONTEXT_SLOT_NOT_REACHED = -32016,
};

/* An error to answer a request with. data_json, when non-empty, is a pre-encoded JSON value
 * sent as "data" (e.g. {"contextSlot":N} for -32016). */
#define RPC_ERRMSG_SZ 512
typedef struct {
  int code; /* RPC_* above; 0: no error */
  char msg[RPC_ERRMSG_SZ];
  char data_json[128];
} rpc_error_t;

/* Sets *e (printf-style message) and returns POD_EINVAL, so parsers can `return rpc_fail(...)`. */
int rpc_fail(rpc_error_t *e, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- account encodings ---- */
typedef enum {
  RPC_ENC_BASE58 = 0,      /* "base58": data ["<b58>","base58"], at most 128 bytes */
  RPC_ENC_BASE64 = 1,      /* "base64": data ["<b64>","base64"] */
  RPC_ENC_BASE64_ZSTD = 2, /* "base64+zstd": data ["<b64 of a zstd frame>","base64+zstd"] */
  RPC_ENC_JSON_PARSED = 3, /* "jsonParsed": no parser here for any program, so answered as
                              base64, as Solana does for programs it cannot parse */
  RPC_ENC_BINARY = 4       /* "binary" (deprecated): data "<b58>" (a bare string), <= 128 B */
} rpc_encoding_t;

#define RPC_BASE58_DATA_MAX 128u /* Solana's MAX_BASE58_BYTES */

/* dataSlice {offset, length}: the returned data is data[min(offset, n) .. min(offset+length, n)).
 */
typedef struct {
  int set;
  uint64_t offset, length;
} rpc_data_slice_t;

/* The common config object of the account methods and subscriptions:
 * {"encoding", "dataSlice", "commitment", "minContextSlot"}; unknown members are ignored, as
 * Solana's config structs do. */
typedef struct {
  rpc_encoding_t encoding;
  rpc_data_slice_t slice;
  int has_min_context_slot;
  uint64_t min_context_slot;
} rpc_account_config_t;

/* Parses an encoding name into *out. POD_OK, or POD_EINVAL with *err = -32602 "Invalid params:
 * unknown variant `x`, expected one of ..." (the serde message Solana answers). */
int rpc_parse_encoding(rpc_encoding_t *out, const pod_json_val *v, rpc_error_t *err);
/* Parses "commitment" of a config: processed, confirmed, finalized (and the deprecated names
 * recent, single, singleGossip, root, max). All are answered from committed state. */
int rpc_parse_commitment(const pod_json_val *v, rpc_error_t *err);
/* Parses an account config (v may be NULL or JSON null: defaults, encoding = dflt). Checks the
 * encoding against the slice as Solana does (jsonParsed with dataSlice; base58 with a slice
 * longer than 128 bytes: -32600). */
int rpc_parse_account_config(rpc_account_config_t *out, const pod_json_val *v, rpc_encoding_t dflt,
                             rpc_error_t *err);

/* Writes the UiAccount object, keys sorted:
 *   {"data":[...,"<enc>"],"executable":b,"lamports":n,"owner":"<b58>","rentEpoch":n,"space":n}
 * key may be NULL (used only to name the account in no output today). POD_OK, or — before
 * writing anything — POD_ETOOLARGE with *err = -32600 "Encoded binary (base 58) data should be
 * less than 128 bytes, please use Base64 encoding." when base58/binary data (after the slice)
 * exceeds 128 bytes, POD_ENOMEM / POD_EIO (zstd failed) with *err = -32603. err may be NULL. */
int rpc_write_account(pod_json_writer_t *w, const pod_pubkey_t *key, const pod_account_t *acct,
                      rpc_encoding_t enc, const rpc_data_slice_t *slice, rpc_error_t *err);
/* Bytes as an account's "data" value in encoding enc: ["<text>","<enc>"] (binary: "<b58>";
 * jsonParsed: as base64). Errors as rpc_write_account, nothing written then. */
int rpc_write_encoded_bytes(pod_json_writer_t *w, const uint8_t *p, size_t n, rpc_encoding_t enc,
                            rpc_error_t *err);
/* {"account":{UiAccount},"pubkey":"<b58>"} (getProgramAccounts, programNotification). */
int rpc_write_keyed_account(pod_json_writer_t *w, const pod_pubkey_t *key,
                            const pod_account_t *acct, rpc_encoding_t enc,
                            const rpc_data_slice_t *slice, rpc_error_t *err);

/* ---- program account filters (getProgramAccounts, programSubscribe) ---- */
#define RPC_FILTERS_MAX 4      /* Solana's MAX_GET_PROGRAM_ACCOUNT_FILTERS */
#define RPC_MEMCMP_MAX 128     /* decoded bytes of one memcmp (Solana's MAX_DATA_SIZE) */
#define RPC_MEMCMP_B58_MAX 175 /* base58 characters of one memcmp (MAX_DATA_BASE58_SIZE) */
typedef struct {
  uint64_t offset;
  size_t len;
  uint8_t bytes[RPC_MEMCMP_MAX];
} rpc_memcmp_t;
typedef struct {
  int has_data_size;
  uint64_t data_size;
  size_t memcmp_cnt;
  rpc_memcmp_t memcmp[RPC_FILTERS_MAX];
} rpc_filters_t;

/* Parses a "filters" array: {"dataSize":n} and {"memcmp":{"offset":n,"bytes":"..",
 * "encoding":"base58"|"base64"}} (base58 when encoding is absent). v may be NULL (no filters).
 * More than 4 filters, bad encodings, data over 128 bytes, unknown filter kinds: -32602 with
 * Solana's "Invalid param: ..." / serde messages. */
int rpc_parse_filters(rpc_filters_t *out, const pod_json_val *v, rpc_error_t *err);
/* 1 if the account passes every filter (memcmp beyond the data's end never matches). */
int rpc_filters_match(const rpc_filters_t *f, const pod_account_t *acct);
/* The ledger's form of f for pod_ledger_get_accounts_by_owner: fills *out and mc[0..4) (which
 * point into f). Returns 0 if no account can match (an offset above 2^32 or two dataSize that
 * disagree: the query can be skipped), else 1. */
int rpc_filters_to_ledger(pod_account_filter_t *out, pod_memcmp_t mc[RPC_FILTERS_MAX],
                          const rpc_filters_t *f);

/* ---- small values ---- */
/* "context":{"apiVersion":"2.1.0","slot":N} as a key and its value, inside an open object. */
void rpc_write_context(pod_json_writer_t *w, uint64_t slot);
/* A base58 string of a key / signature / 32-byte hash. */
void rpc_write_pubkey(pod_json_writer_t *w, const pod_pubkey_t *key);
void rpc_write_signature(pod_json_writer_t *w, const pod_signature_t *sig);
void rpc_write_hash(pod_json_writer_t *w, const uint8_t hash[32]);
/* A transaction error value: null when has_err is 0, else pod_tx_error_json's value. */
void rpc_write_tx_err(pod_json_writer_t *w, int has_err, const pod_tx_error_t *e);
/* An array of log lines ([] when n is 0). */
void rpc_write_logs(pod_json_writer_t *w, char *const *logs, size_t n);

/* ---- ids and answers ---- */
/* Writes a request's id as it came: a number's exact text, a string, or null (also for v NULL). */
void rpc_write_id(pod_json_writer_t *w, const pod_json_val *id);
/* A whole JSON-RPC error answer: {"jsonrpc":"2.0","error":{"code":..,"message":"..","data":..},
 * "id":..} ("data" only when e->data_json is set). id may be NULL (null). */
void rpc_write_error_response(pod_json_writer_t *w, const pod_json_val *id, const rpc_error_t *e);
/* A success answer around a result value: rpc_begin_result writes {"jsonrpc":"2.0","result":
 * — the caller writes the result value — and rpc_end_result writes ,"id":..}. */
void rpc_begin_result(pod_json_writer_t *w);
void rpc_end_result(pod_json_writer_t *w, const pod_json_val *id);

#endif
