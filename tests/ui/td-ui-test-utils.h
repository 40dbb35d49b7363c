/* td-ui-test-utils.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-application.h"

G_BEGIN_DECLS

void        td_ui_test_init             (int         *argc,
                                         char      ***argv);
TdApplication *td_ui_test_get_application (void);
void        td_ui_test_iterate          (guint        milliseconds);
gboolean    td_ui_test_wait_until       (gboolean   (*predicate) (gpointer),
                                         gpointer     data,
                                         guint        timeout_ms);
char       *td_ui_test_save_screenshot  (GtkWidget   *widget,
                                         const char  *name);
GtkWidget  *td_ui_test_find_label       (GtkWidget   *root,
                                         const char  *text);
GtkWidget  *td_ui_test_find_by_type     (GtkWidget   *root,
                                         GType        type);

G_END_DECLS
