/* td-conversation-pane.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-conversation-thread.h"

G_BEGIN_DECLS

#define TD_TYPE_CONVERSATION_PANE (td_conversation_pane_get_type ())

G_DECLARE_FINAL_TYPE (TdConversationPane, td_conversation_pane, TD, CONVERSATION_PANE, AdwBin)

GtkWidget            *td_conversation_pane_new                (void);
TdConversationThread *td_conversation_pane_get_thread         (TdConversationPane   *self);
void                  td_conversation_pane_set_thread         (TdConversationPane   *self,
                                                               TdConversationThread *thread);
GtkWidget            *td_conversation_pane_get_profile_widget (TdConversationPane   *self);
void                  td_conversation_pane_set_profile_widget (TdConversationPane   *self,
                                                               GtkWidget            *profile);
gboolean              td_conversation_pane_get_reveal_profile (TdConversationPane   *self);
void                  td_conversation_pane_set_reveal_profile (TdConversationPane   *self,
                                                               gboolean              reveal);
gboolean              td_conversation_pane_get_show_back      (TdConversationPane   *self);
void                  td_conversation_pane_set_show_back      (TdConversationPane   *self,
                                                               gboolean              show_back);
GtkWidget            *td_conversation_pane_get_composer       (TdConversationPane   *self);

G_END_DECLS
