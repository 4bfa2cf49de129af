/* Borsh pieces shared by the instruction, account and event codecs. */
#include "codec_int.h"

void pod_codec_rfail(pod_borsh_reader_t *r, int err) {
  if (r->err == POD_OK) r->err = err;
}

void pod_codec_wfail(pod_borsh_writer_t *w, int err) {
  if (w->err == POD_OK) w->err = err;
}

void pod_codec_put_str(pod_borsh_writer_t *w, const pod_str_t *s) {
  if (s->len > UINT32_MAX) {
    pod_codec_wfail(w, POD_ETOOLARGE);
    return;
  }
  if (s->len == 0) { /* ptr may be NULL: write the prefix alone (no memcpy with NULL) */
    pod_borsh_put_u32(w, 0);
    return;
  }
  if (!s->ptr) {
    pod_codec_wfail(w, POD_EINVAL);
    return;
  }
  pod_borsh_put_string(w, s->ptr, s->len);
}

void pod_codec_put_msgtype(pod_borsh_writer_t *w, pod_message_type_t t) {
  pod_borsh_put_u8(w, t.kind);
  if (t.kind == POD_MSG_CUSTOM) pod_borsh_put_u8(w, t.custom);
}

void pod_codec_put_bool(pod_borsh_writer_t *w, unsigned v) { pod_borsh_put_u8(w, v ? 1 : 0); }

void pod_codec_get_str(pod_borsh_reader_t *r, pod_str_t *s) {
  const char *p = NULL;
  uint32_t n = 0;
  /* No cap beyond the data itself: Borsh (and so the program) accepts any length that is there. */
  if (pod_borsh_get_string(r, &p, &n, UINT32_MAX) == POD_OK) {
    s->ptr = p;
    s->len = n;
  } else {
    s->ptr = NULL;
    s->len = 0;
  }
}

void pod_codec_get_msgtype(pod_borsh_reader_t *r, pod_message_type_t *t) {
  uint8_t k = 0, c = 0;
  t->kind = 0;
  t->custom = 0;
  if (pod_borsh_get_u8(r, &k) != POD_OK) return;
  if (k > POD_MSG_CUSTOM) {
    pod_codec_rfail(r, POD_EDECODE);
    return;
  }
  if (k == POD_MSG_CUSTOM && pod_borsh_get_u8(r, &c) != POD_OK) return;
  t->kind = k;
  t->custom = c;
}

void pod_codec_get_enum(pod_borsh_reader_t *r, uint8_t *v, uint8_t max) {
  uint8_t b = 0;
  *v = 0;
  if (pod_borsh_get_u8(r, &b) != POD_OK) return;
  if (b > max) {
    pod_codec_rfail(r, POD_EDECODE);
    return;
  }
  *v = b;
}

size_t pod_codec_msgtype_size(pod_message_type_t t) { return t.kind == POD_MSG_CUSTOM ? 2 : 1; }
