/* td-secret-store.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_TYPE_SECRET_STORE (td_secret_store_get_type ())

G_DECLARE_FINAL_TYPE (TdSecretStore, td_secret_store, TD, SECRET_STORE, GObject)

TdSecretStore *td_secret_store_new           (void);

void           td_secret_store_store_async   (TdSecretStore        *self,
                                              const char           *server,
                                              const char           *account,
                                              const char           *token,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       td_secret_store_store_finish  (TdSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void           td_secret_store_lookup_async  (TdSecretStore        *self,
                                              const char           *server,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char          *td_secret_store_lookup_finish (TdSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

void           td_secret_store_clear_async   (TdSecretStore        *self,
                                              const char           *server,
                                              const char           *account,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean       td_secret_store_clear_finish  (TdSecretStore        *self,
                                              GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
