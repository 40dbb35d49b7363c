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

void td_stream_page_set_session (TdStreamPage *self,
                                 TdSession *session);

G_END_DECLS
