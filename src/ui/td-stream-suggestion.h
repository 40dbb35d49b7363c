/* td-stream-suggestion.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-conversation.h"
#include "td-session.h"
#include "td-stream-campaigns.h"

G_BEGIN_DECLS

#define TD_TYPE_STREAM_SUGGESTION (td_stream_suggestion_get_type ())

G_DECLARE_FINAL_TYPE (TdStreamSuggestion, td_stream_suggestion, TD, STREAM_SUGGESTION, AdwBin)

/**
 * TdStreamSuggestionKind:
 * @TD_STREAM_SUGGESTION_NONE: the text needs no one-click action
 * @TD_STREAM_SUGGESTION_MISSPELLING: the first word looks like an active
 *   keyword
 * @TD_STREAM_SUGGESTION_EXPIRED: the text named an ended campaign's keyword
 */
typedef enum
{
  TD_STREAM_SUGGESTION_NONE,
  TD_STREAM_SUGGESTION_MISSPELLING,
  TD_STREAM_SUGGESTION_EXPIRED,
} TdStreamSuggestionKind;

GtkWidget              *td_stream_suggestion_new              (gboolean             compact);
void                    td_stream_suggestion_set_context      (TdStreamSuggestion  *self,
                                                               TdSession           *session,
                                                               TdStreamCampaigns   *campaigns);
void                    td_stream_suggestion_set_conversation (TdStreamSuggestion  *self,
                                                               TdConversation      *conversation);
TdStreamSuggestionKind  td_stream_suggestion_get_kind         (TdStreamSuggestion  *self);
gboolean                td_stream_suggestion_get_busy         (TdStreamSuggestion  *self);
void                    td_stream_suggestion_set_reply        (TdStreamSuggestion  *self,
                                                               gboolean             reply);
void                    td_stream_suggestion_activate         (TdStreamSuggestion  *self);

JsonObject             *td_stream_flag_message                (TdConversation      *conversation);
TdStreamSuggestionKind  td_stream_classify                    (TdConversation      *conversation);

G_END_DECLS
