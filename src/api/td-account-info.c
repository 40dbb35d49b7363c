/* td-account-info.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-account-info"

#include "td-account-info.h"
#include "td-json-private.h"

/**
 * TdAccountInfo:
 *
 * A account info of the platform API: who is signed in: the user, their role and their account.
 */
struct _TdAccountInfo
{
  TdResource parent_instance;

  char *user_id;
  char *email;
  char *name;
  char *role;
  char *account_id;
  char *account_name;
};

G_DEFINE_FINAL_TYPE (TdAccountInfo, td_account_info, TD_TYPE_RESOURCE)

static void
set_if (JsonObject *flat,
        const char *name,
        const char *value)
{
  if (value != NULL)
    json_object_set_string_member (flat, name, value);
}

/**
 * td_account_info_new_from_json:
 * @root: the answer of `POST /v1/sessions` or `GET /v1/me`:
 *   `{user: {id, email, name, role}, account: {id, name}}`
 * @error: a %TD_API_ERROR_BAD_RESPONSE when it names no user
 *
 * Returns: (transfer full) (nullable): who is signed in
 */
TdAccountInfo *
td_account_info_new_from_json (JsonObject  *root,
                               GError     **error)
{
  g_autoptr(JsonObject) flat = json_object_new ();
  JsonObject *user;
  JsonObject *account;

  g_return_val_if_fail (root != NULL, NULL);

  /* The user may come nested or at the top; the account nested in
   * either. */
  user = td_json_get_object (root, "user");
  if (user == NULL)
    user = root;
  account = td_json_get_object (root, "account");
  if (account == NULL)
    account = td_json_get_object (user, "account");

  set_if (flat, "user_id", td_json_get_string (user, "id"));
  set_if (flat, "email", td_json_get_string (user, "email"));
  set_if (flat, "name", td_json_get_string (user, "name"));
  set_if (flat, "role", td_json_get_string (user, "role"));
  set_if (flat, "role", td_json_get_string (root, "role"));
  set_if (flat, "account_id", td_json_get_string (user, "account_id"));
  set_if (flat, "account_id", td_json_get_string (account, "id"));
  set_if (flat, "account_name", td_json_get_string (account, "name"));

  return TD_ACCOUNT_INFO (td_resource_new_from_json (TD_TYPE_ACCOUNT_INFO,
                                                     flat, error));
}

/**
 * td_account_info_is_admin:
 * @self: a #TdAccountInfo
 *
 * Returns: whether the user is an admin of the account (who alone sees
 *   the Conversation Stream)
 */
gboolean
td_account_info_is_admin (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), FALSE);

  return g_strcmp0 (self->role, "admin") == 0;
}

const char *
td_account_info_get_user_id (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->user_id;
}

const char *
td_account_info_get_email (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->email;
}

const char *
td_account_info_get_name (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->name;
}

const char *
td_account_info_get_role (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->role;
}

const char *
td_account_info_get_account_id (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->account_id;
}

const char *
td_account_info_get_account_name (TdAccountInfo *self)
{
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (self), NULL);

  return self->account_name;
}

static void
td_account_info_class_init (TdAccountInfoClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->id_member = "user_id";

  td_resource_class_add_field (resource_class, "user_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, user_id),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "email",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, email),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "role",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, role),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "account_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, account_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "account_name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdAccountInfo, account_name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_account_info_init (TdAccountInfo *self)
{
}
