/* Shared by the http_compare prototypes: the fixed JSON-RPC answer and argument parsing. */
#ifndef PROTO_H
#define PROTO_H
#include <stdlib.h>
#include <string.h>

static const char PROTO_ANSWER[] = "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":"
                                   "\"Method not found\"},\"id\":null}";
#define PROTO_ANSWER_LEN (sizeof(PROTO_ANSWER) - 1)

static inline int proto_port(int argc, char **argv) { return argc > 1 ? atoi(argv[1]) : 18899; }
#endif
