/* td-conversation.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"
#include "td-message.h"
#include "td-subscriber-summary.h"

G_BEGIN_DECLS

#define TD_TYPE_CONVERSATION (td_conversation_get_type ())

G_DECLARE_FINAL_TYPE (TdConversation, td_conversation, TD, CONVERSATION, TdResource)

TdSubscriberSummary *td_conversation_get_subscriber           (TdConversation *self);
const char          *td_conversation_get_short_code_id        (TdConversation *self);
TdMessage           *td_conversation_get_last_message         (TdConversation *self);
int                  td_conversation_get_unread_count         (TdConversation *self);
const char          *td_conversation_get_last_read_message_id (TdConversation *self);
gboolean             td_conversation_get_archived             (TdConversation *self);
GDateTime           *td_conversation_get_updated_at           (TdConversation *self);

G_END_DECLS
