/* td-csv-importer.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-client.h"
#include "td-csv.h"

G_BEGIN_DECLS

#define TD_CSV_IMPORT_BATCH_SIZE 1000

/**
 * TdCsvImportReport:
 * @n_added: subscribers who joined the list
 * @n_already: subscribers who were on it already
 * @n_merged: rows that repeated a number of an earlier row
 * @problems: (element-type TdCsvProblem): rows that were not imported,
 *   with their reason, by line
 * @cancelled: whether the user stopped the import before its end
 * @stopped_reason: (nullable): why the import stopped before its end,
 *   when the platform refused or could not be reached
 * @n_not_sent: subscribers never sent because the import stopped or was
 *   cancelled; they can be imported again from the same file
 * @first_not_sent_line: the line of the first of them
 *
 * What an import did.
 */
typedef struct
{
  guint      n_added;
  guint      n_already;
  guint      n_merged;
  GPtrArray *problems;
  gboolean   cancelled;
  char      *stopped_reason;
  guint      n_not_sent;
  guint      first_not_sent_line;
} TdCsvImportReport;

void td_csv_import_report_free (TdCsvImportReport *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvImportReport, td_csv_import_report_free)

#define TD_TYPE_CSV_IMPORTER (td_csv_importer_get_type ())

G_DECLARE_FINAL_TYPE (TdCsvImporter, td_csv_importer, TD, CSV_IMPORTER, GObject)

TdCsvImporter     *td_csv_importer_new          (TdClient          *client,
                                                 const char        *list_id,
                                                 TdCsvImportPlan   *plan,
                                                 GHashTable        *field_types);
guint              td_csv_importer_get_n_done   (TdCsvImporter     *self);
guint              td_csv_importer_get_n_total  (TdCsvImporter     *self);
void               td_csv_importer_run_async    (TdCsvImporter     *self,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
TdCsvImportReport *td_csv_importer_run_finish   (TdCsvImporter     *self,
                                                 GAsyncResult      *result,
                                                 GError           **error);

G_END_DECLS
