/* td-window.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-application.h"
#include "td-session.h"

G_BEGIN_DECLS

#define TD_TYPE_WINDOW (td_window_get_type ())

G_DECLARE_FINAL_TYPE (TdWindow, td_window, TD, WINDOW, AdwApplicationWindow)

TdWindow *td_window_new        (TdApplication *application);
void      td_window_add_toast  (TdWindow      *self,
                                AdwToast      *toast);
void      td_window_start      (TdWindow      *self,
                                gboolean       demo);
TdSession *td_window_get_session (TdWindow    *self);
void      td_window_show_banner (TdWindow     *self,
                                 const char   *message);
GtkWindow *td_window_get_activity_window (TdWindow   *self,
                                          const char *campaign_id);

G_END_DECLS
