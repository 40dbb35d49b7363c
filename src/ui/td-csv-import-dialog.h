/* td-csv-import-dialog.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-client.h"
#include "td-csv-importer.h"

G_BEGIN_DECLS

#define TD_TYPE_CSV_IMPORT_DIALOG (td_csv_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdCsvImportDialog, td_csv_import_dialog, TD, CSV_IMPORT_DIALOG, AdwWindow)

TdCsvImportDialog       *td_csv_import_dialog_new         (TdClient          *client,
                                                           GFile             *file,
                                                           const char        *list_id,
                                                           const char        *list_name,
                                                           GListModel        *fields);
const char              *td_csv_import_dialog_get_state   (TdCsvImportDialog *self);
const char              *td_csv_import_dialog_get_message (TdCsvImportDialog *self);
TdCsvTable              *td_csv_import_dialog_get_table   (TdCsvImportDialog *self);
GArray                  *td_csv_import_dialog_get_columns (TdCsvImportDialog *self);
const TdCsvImportReport *td_csv_import_dialog_get_report  (TdCsvImportDialog *self);

G_END_DECLS
