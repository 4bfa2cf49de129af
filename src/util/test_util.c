#include "pod/common.h"
#include "test/pod_test.h"

int main(void) {
  CHECK_STR(pod_version(), POD_VERSION_STR);
  CHECK_EQ(pod_version_num(), POD_VERSION_NUM);
  CHECK_EQ(POD_VERSION_NUM, 0x000100);
  CHECK_EQ(pod_init(), POD_OK);
  CHECK_EQ(pod_init(), POD_OK);
  CHECK_STR(pod_strerror(POD_OK), "success");
  CHECK_STR(pod_strerror(POD_ENOSPC), "output buffer too small");
  CHECK_STR(pod_strerror(12345), "unknown error");
  for (int e = 0; e >= POD_ELIMIT; e--)
    CHECK(strcmp(pod_strerror(e), "unknown error") != 0);
  TEST_DONE();
}
