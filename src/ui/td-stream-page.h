/* td-stream-page.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-session.h"

G_BEGIN_DECLS

#define TD_TYPE_STREAM_PAGE (td_stream_page_get_type ())

G_DECLARE_FINAL_TYPE (TdStreamPage, td_stream_page, TD, STREAM_PAGE, AdwBin)

/**
 * TdStreamFilter:
 * @TD_STREAM_FILTER_ALL: every stream conversation
 * @TD_STREAM_FILTER_UNREAD: those with unread texts
 * @TD_STREAM_FILTER_MISSPELLING: those whose newest text looks like a
 *   misspelt keyword
 * @TD_STREAM_FILTER_EXPIRED: those whose newest text named an ended
 *   campaign's keyword
 */
typedef enum
{
  TD_STREAM_FILTER_ALL,
  TD_STREAM_FILTER_UNREAD,
  TD_STREAM_FILTER_MISSPELLING,
  TD_STREAM_FILTER_EXPIRED,
} TdStreamFilter;

void            td_stream_page_set_session      (TdStreamPage   *self,
                                                 TdSession      *session);
TdStreamFilter  td_stream_page_get_filter       (TdStreamPage   *self);
void            td_stream_page_set_filter       (TdStreamPage   *self,
                                                 TdStreamFilter  filter);
void            td_stream_page_set_search       (TdStreamPage   *self,
                                                 const char     *query);
GListModel     *td_stream_page_get_model        (TdStreamPage   *self);
gboolean        td_stream_page_get_loading      (TdStreamPage   *self);
void            td_stream_page_select           (TdStreamPage   *self,
                                                 guint           position);
GtkWidget      *td_stream_page_get_profile      (TdStreamPage   *self);
GtkWidget      *td_stream_page_get_suggestion   (TdStreamPage   *self);

G_END_DECLS
