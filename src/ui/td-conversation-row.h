/* td-conversation-row.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-conversation-thread.h"

G_BEGIN_DECLS

#define TD_TYPE_CONVERSATION_ROW (td_conversation_row_get_type ())

G_DECLARE_FINAL_TYPE (TdConversationRow, td_conversation_row, TD, CONVERSATION_ROW, AdwBin)

GtkWidget            *td_conversation_row_new          (void);
TdConversationThread *td_conversation_row_get_thread   (TdConversationRow    *self);
void                  td_conversation_row_set_thread   (TdConversationRow    *self,
                                                        TdConversationThread *thread);
gboolean              td_conversation_row_get_expanded (TdConversationRow    *self);
void                  td_conversation_row_set_expanded (TdConversationRow    *self,
                                                        gboolean              expanded);
GtkWidget            *td_conversation_row_get_extra    (TdConversationRow    *self);
void                  td_conversation_row_set_extra    (TdConversationRow    *self,
                                                        GtkWidget            *extra);
GtkWidget            *td_conversation_row_get_composer (TdConversationRow    *self);

G_END_DECLS
