/* Internal helpers shared by the codec sources (hidden: the library is built with
 * -fvisibility=hidden and nothing here is POD_API). */
#ifndef POD_CODEC_INT_H
#define POD_CODEC_INT_H

#include "pod/borsh.h"
#include "pod/program.h"

/* Marks a reader or writer as failed with err unless it already failed (errors are sticky). */
void pod_codec_rfail(pod_borsh_reader_t *r, int err);
void pod_codec_wfail(pod_borsh_writer_t *w, int err);

/* A String: u32 length + bytes. POD_EINVAL for ptr NULL with len > 0, POD_ETOOLARGE for a length
 * over UINT32_MAX. Never calls memcpy with a NULL pointer. */
void pod_codec_put_str(pod_borsh_writer_t *w, const pod_str_t *s);
/* MessageType: the raw kind byte, then the custom byte only for kind POD_MSG_CUSTOM. */
void pod_codec_put_msgtype(pod_borsh_writer_t *w, pod_message_type_t t);
/* A bool as 0x00/0x01 (non-zero -> 1). */
void pod_codec_put_bool(pod_borsh_writer_t *w, unsigned v);

/* A String view into the reader's buffer (any length the data holds, valid UTF-8). */
void pod_codec_get_str(pod_borsh_reader_t *r, pod_str_t *s);
/* MessageType: kind 0..4 (POD_EDECODE otherwise), custom byte only for 4 (else 0). */
void pod_codec_get_msgtype(pod_borsh_reader_t *r, pod_message_type_t *t);
/* A unit-variant enum byte; POD_EDECODE if > max. */
void pod_codec_get_enum(pod_borsh_reader_t *r, uint8_t *v, uint8_t max);

/* Serialized size of a MessageType (1, or 2 for Custom). */
size_t pod_codec_msgtype_size(pod_message_type_t t);

#endif
