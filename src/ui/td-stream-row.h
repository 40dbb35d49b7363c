/* td-stream-row.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-conversation-thread.h"
#include "td-session.h"
#include "td-stream-campaigns.h"

G_BEGIN_DECLS

#define TD_TYPE_STREAM_ROW (td_stream_row_get_type ())

G_DECLARE_FINAL_TYPE (TdStreamRow, td_stream_row, TD, STREAM_ROW, AdwBin)

GtkWidget            *td_stream_row_new              (void);
void                  td_stream_row_set_context      (TdStreamRow          *self,
                                                      TdSession            *session,
                                                      TdStreamCampaigns    *campaigns);
void                  td_stream_row_set_thread       (TdStreamRow          *self,
                                                      TdConversationThread *thread);
TdConversation       *td_stream_row_get_conversation (TdStreamRow          *self);
GtkWidget            *td_stream_row_get_suggestion   (TdStreamRow          *self);

G_END_DECLS
