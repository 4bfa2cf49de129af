/* libFuzzer: the content decoders of untrusted bytes. Byte 0 picks the target:
 *   even: pod_cid_parse of the rest; an accepted CID re-encodes to the same text (lower case);
 *   odd:  pod_seal_decode and pod_seal_open of the rest, with a fixed key that is the box's
 *         recipient when the box says so (bytes 37..69 patched in), so the AEAD path is reached. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pod/content.h"

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n);

static pod_keypair_t kp;
static int have_kp;

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t n) {
  if (n < 1) return 0;
  uint8_t sel = in[0];
  in++, n--;
  if (!(sel & 1)) {
    char *s = malloc(n ? n : 1);
    if (!s) return 0;
    memcpy(s, in, n);
    uint8_t d[32];
    if (pod_cid_parse(d, s, n) == POD_OK) {
      char back[POD_CID_MAX];
      pod_cid_from_digest(back, d);
      if (n != POD_CID_LEN || strlen(back) != n) abort();
      for (size_t i = 0; i < n; i++) {
        char ch = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        if (ch != back[i]) abort();
      }
    }
    free(s);
    return 0;
  }
  if (!have_kp) {
    uint8_t seed[32] = {7};
    if (pod_keypair_from_seed(&kp, seed) != POD_OK) abort();
    have_kp = 1;
  }
  uint8_t *box = malloc(n ? n : 1); /* exact size: ASan sees any read past the end */
  if (!box) return 0;
  memcpy(box, in, n);
  if ((sel & 2) && n >= 69) memcpy(box + 37, kp.b + 32, 32); /* addressed to kp */
  pod_seal_t s;
  if (pod_seal_decode(&s, box, n) == POD_OK) {
    if (s.ct < box || s.ct_sz > n || (size_t)(s.ct - box) != n - s.ct_sz) abort();
    if (s.ct_sz < POD_SEAL_TAG_SZ) abort();
  }
  size_t pn = n >= POD_SEAL_OVERHEAD ? n - POD_SEAL_OVERHEAD : 0;
  uint8_t *out = malloc(pn ? pn : 1);
  size_t on = 0;
  if (out) {
    int rc = pod_seal_open(out, pn, &on, &kp, box, n);
    if (rc == POD_OK && on != pn) abort();
    free(out);
  }
  free(box);
  return 0;
}
