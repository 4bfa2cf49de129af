/* OK(c, call): a client call that must succeed in a test; prints the handle's message when it
 * does not (include after test/pod_test.h). */
#ifndef POD_TEST_OK_H
#define POD_TEST_OK_H

#include <stdio.h>

#include "pod/client.h"

#define OK(c, call)                                                                                \
  do {                                                                                             \
    int rc_ = (call);                                                                              \
    CHECK_EQ(rc_, POD_OK);                                                                         \
    if (rc_ != POD_OK) fprintf(stderr, "  %s\n", pod_client_errmsg(c));                            \
  } while (0)

#endif
