/* td-conversation-thread.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-client.h"
#include "td-conversation.h"
#include "td-message.h"

G_BEGIN_DECLS

#define TD_TYPE_CONVERSATION_THREAD (td_conversation_thread_get_type ())

G_DECLARE_FINAL_TYPE (TdConversationThread, td_conversation_thread, TD, CONVERSATION_THREAD,
                      GObject)

TdConversationThread *td_conversation_thread_new              (TdClient             *client,
                                                               TdConversation       *conversation,
                                                               GObject              *event_stream);
TdConversationThread *td_conversation_thread_get_for          (TdClient             *client,
                                                               TdConversation       *conversation,
                                                               GObject              *event_stream);
TdConversation       *td_conversation_thread_get_conversation (TdConversationThread *self);
GListModel           *td_conversation_thread_get_messages     (TdConversationThread *self);
void                  td_conversation_thread_load             (TdConversationThread *self,
                                                               guint                 limit);
void                  td_conversation_thread_load_earlier     (TdConversationThread *self,
                                                               guint                 limit);
gboolean              td_conversation_thread_get_has_earlier  (TdConversationThread *self);
gboolean              td_conversation_thread_get_loading      (TdConversationThread *self);
const char           *td_conversation_thread_get_load_error   (TdConversationThread *self);
const char           *td_conversation_thread_get_draft        (TdConversationThread *self);
void                  td_conversation_thread_set_draft        (TdConversationThread *self,
                                                               const char           *draft);
gboolean              td_conversation_thread_get_sending      (TdConversationThread *self);
void                  td_conversation_thread_send             (TdConversationThread *self,
                                                               const char           *body);
void                  td_conversation_thread_retry            (TdConversationThread *self,
                                                               TdMessage            *pending);
const char           *td_conversation_thread_get_send_error   (TdConversationThread *self,
                                                               TdMessage            *message);
void                  td_conversation_thread_mark_read        (TdConversationThread *self);
char                 *td_conversation_thread_dup_blocked_reason (TdConversationThread *self);
GHashTable           *td_conversation_thread_dup_values       (TdConversationThread *self);
char                 *td_conversation_thread_dup_display_name (TdConversationThread *self);
GtkWidget            *td_conversation_thread_create_bubble    (TdConversationThread *self,
                                                               TdMessage            *message);
void                  td_conversation_thread_bind_composer    (TdConversationThread *self,
                                                               GtkWidget            *composer);
void                  td_conversation_thread_unbind_composer  (TdConversationThread *self,
                                                               GtkWidget            *composer);

G_END_DECLS
