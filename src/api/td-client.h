/* td-client.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-account-info.h"
#include "td-api-error.h"
#include "td-members-result.h"
#include "td-message.h"
#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_CLIENT (td_client_get_type ())

G_DECLARE_FINAL_TYPE (TdClient, td_client, TD, CLIENT, GObject)

TdClient        *td_client_new                       (const char           *base_url);
const char      *td_client_get_base_url              (TdClient             *self);
void             td_client_set_token                 (TdClient             *self,
                                                      const char           *token);
const char      *td_client_get_token                 (TdClient             *self);
guint            td_client_get_timeout               (TdClient             *self);
void             td_client_set_timeout               (TdClient             *self,
                                                      guint                 seconds);
void             td_client_set_retry_policy          (TdClient             *self,
                                                      guint                 max_attempts,
                                                      guint                 first_delay_ms,
                                                      guint                 max_delay_ms);

void             td_client_call_async                (TdClient             *self,
                                                      const char           *method,
                                                      const char           *path,
                                                      JsonNode             *body,
                                                      const char           *if_match,
                                                      const char           *idempotency_key,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
JsonNode        *td_client_call_finish               (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      char                **out_etag,
                                                      GError              **error);

void             td_client_sign_in_async             (TdClient             *self,
                                                      const char           *email,
                                                      const char           *password,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdAccountInfo   *td_client_sign_in_finish            (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_sign_out_async            (TdClient             *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         td_client_sign_out_finish           (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_get_me_async              (TdClient             *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdAccountInfo   *td_client_get_me_finish             (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_send_reply_async          (TdClient             *self,
                                                      const char           *conversation_id,
                                                      const char           *body,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdMessage       *td_client_send_reply_finish         (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_get_object_async          (TdClient             *self,
                                                      GType                 model_type,
                                                      const char           *path,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdResource      *td_client_get_object_finish         (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_patch_object_async        (TdClient             *self,
                                                      TdResource           *object,
                                                      JsonObject           *changes,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdResource      *td_client_patch_object_finish       (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_create_object_async       (TdClient             *self,
                                                      GType                 model_type,
                                                      const char           *path,
                                                      JsonObject           *object,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdResource      *td_client_create_object_finish      (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_delete_object_async       (TdClient             *self,
                                                      TdResource           *object,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean         td_client_delete_object_finish      (TdClient             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

void             td_client_list_members_change_async (TdClient             *self,
                                                      const char           *list_id,
                                                      const char * const   *subscriber_ids,
                                                      gboolean              remove,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
TdMembersResult *td_client_list_members_change_finish (TdClient            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
