/* td-lists-page.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-session.h"

G_BEGIN_DECLS

#define TD_TYPE_LISTS_PAGE (td_lists_page_get_type ())

G_DECLARE_FINAL_TYPE (TdListsPage, td_lists_page, TD, LISTS_PAGE, AdwBin)

void td_lists_page_set_session (TdListsPage *self,
                                TdSession   *session);

G_END_DECLS
