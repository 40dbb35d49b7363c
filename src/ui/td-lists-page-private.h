/* td-lists-page-private.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-csv-import-dialog.h"
#include "td-lists-page.h"
#include "td-paged-model.h"

G_BEGIN_DECLS

/* What the tests and the benchmark reach into: the same functions the
 * widgets' own handlers call. */

TdPagedModel      *td_lists_page_get_lists_model     (TdListsPage  *self);
TdPagedModel      *td_lists_page_get_members_model   (TdListsPage  *self);
GtkSelectionModel *td_lists_page_get_members_selection (TdListsPage *self);
gboolean           td_lists_page_select_list         (TdListsPage  *self,
                                                      const char   *list_id);
const char        *td_lists_page_get_selected_list_id (TdListsPage *self);
GtkWidget         *td_lists_page_get_list_row        (TdListsPage  *self,
                                                      const char   *list_id);
GtkWidget         *td_lists_page_get_remove_target   (TdListsPage  *self);
GtkDropTarget     *td_lists_page_get_drop_target     (GtkWidget    *widget);
void               td_lists_page_preview_drop        (TdListsPage  *self,
                                                      GtkWidget    *target_widget,
                                                      const GValue *value);
void               td_lists_page_end_drop_preview    (TdListsPage  *self);
const char        *td_lists_page_get_drop_hint       (TdListsPage  *self);
AdwToast          *td_lists_page_get_last_toast      (TdListsPage  *self);
guint              td_lists_page_get_n_busy          (TdListsPage  *self);
gboolean           td_lists_page_is_dragging         (TdListsPage  *self);
TdCsvImportDialog *td_lists_page_import_file         (TdListsPage  *self,
                                                      GFile        *file,
                                                      const char   *list_id);

G_END_DECLS
