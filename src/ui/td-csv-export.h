/* td-csv-export.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-client.h"

G_BEGIN_DECLS

void     td_csv_export_list_async  (TdClient            *client,
                                    const char          *list_id,
                                    GListModel          *fields,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean td_csv_export_list_finish (GAsyncResult        *result,
                                    guint               *n_rows,
                                    GError             **error);

G_END_DECLS
