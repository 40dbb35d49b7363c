/* td-message.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_MESSAGE (td_message_get_type ())

G_DECLARE_FINAL_TYPE (TdMessage, td_message, TD, MESSAGE, TdResource)

const char *td_message_get_conversation_id       (TdMessage *self);
const char *td_message_get_subscriber_id         (TdMessage *self);
const char *td_message_get_direction             (TdMessage *self);
const char *td_message_get_body                  (TdMessage *self);
const char *td_message_get_status                (TdMessage *self);
const char *td_message_get_campaign_id           (TdMessage *self);
const char *td_message_get_matched_keyword       (TdMessage *self);
gboolean    td_message_get_in_stream             (TdMessage *self);
const char *td_message_get_expired_keyword       (TdMessage *self);
const char *td_message_get_suggested_keyword     (TdMessage *self);
const char *td_message_get_suggested_campaign_id (TdMessage *self);
GDateTime  *td_message_get_created_at            (TdMessage *self);

gboolean    td_message_is_outbound               (TdMessage *self);

G_END_DECLS
