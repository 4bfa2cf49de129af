/* An external program built against an installed libpodcom through pkg-config (test_install):
 * derives the agent account of the wallet whose seed is 01 x 32. */
#include <pod/pod.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  pod_keypair_t kp;
  pod_pubkey_t wallet, agent;
  uint8_t seed[32], bump = 0;
  char b58[POD_PUBKEY_B58_SZ];
  memset(seed, 1, sizeof seed);
  if (pod_keypair_from_seed(&kp, seed) != POD_OK) return 1;
  pod_keypair_pubkey(&wallet, &kp);
  pod_keypair_wipe(&kp);
  if (pod_pda_agent(&agent, &bump, &wallet) != POD_OK) return 1;
  printf("%s %s %u\n", pod_version(), pod_pubkey_to_base58(b58, &agent), bump);
  return pod_version_num() == POD_VERSION_NUM ? 0 : 1;
}
