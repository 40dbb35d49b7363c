/* td-platform-handlers-fields.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-fields"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

gboolean
td_platform_handle_fields_list (TdPlatformRequest  *req,
                                GError            **error)
{
  g_autoptr(JsonArray) data = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (req->db, error,
                               TD_FIELD_SELECT "WHERE f.account_id = ?1 ORDER BY f.id DESC",
                               "i", req->caller.account_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    json_array_add_object_element (data, td_platform_field_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page (req, data, 0);

  return TRUE;
}

gboolean
td_platform_handle_field_create (TdPlatformRequest  *req,
                                 GError            **error)
{
  static const char *const allowed[] = { "key", "name", "type", NULL };
  static const char *const types[] = { "text", "number", "date", "boolean", NULL };
  JsonObject *body;
  const char *key;
  const char *name;
  const char *type;
  sqlite3_stmt *stmt;
  int rc;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  td_platform_json_get_string (req, body, "key", TRUE, FALSE, 64, &key, NULL);
  td_platform_json_get_string (req, body, "name", TRUE, FALSE, 200, &name, NULL);
  td_platform_json_get_string (req, body, "type", TRUE, FALSE, 20, &type, NULL);

  if (key != NULL)
    {
      gboolean ok = g_ascii_islower (key[0]);

      for (const char *p = key; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
          ok = FALSE;
      if (!ok)
        td_platform_request_field_error (req, "key", "invalid_key",
                                         _("A key starts with a-z and holds a-z, 0-9 and _"));
    }
  if (type != NULL && !g_strv_contains (types, type))
    td_platform_request_field_error (req, "type", "invalid_value",
                                     _("Must be text, number, date or boolean"));
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT 1 FROM fields WHERE account_id = ?1 AND key = ?2",
                               "it", req->caller.account_id, key);
  if (stmt == NULL)
    return FALSE;
  rc = td_platform_db_step (req->db, stmt, error);
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_CONFLICT,
                   _("A field with the key “%s” already exists"), key);
      return FALSE;
    }

  if (!td_platform_db_run (req->db, error,
                           "INSERT INTO fields (account_id, key, name, type, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           "ittti",
                           req->caller.account_id, key, name, type, td_platform_now_ms ()))
    return FALSE;

  stmt = td_platform_db_query (req->db, error, TD_FIELD_SELECT "WHERE f.id = ?1",
                               "i", td_platform_db_last_insert_id (req->db));
  if (stmt == NULL)
    return FALSE;
  if (td_platform_db_step (req->db, stmt, error) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  {
    g_autoptr(JsonObject) field = td_platform_field_from_row (stmt);

    sqlite3_reset (stmt);
    td_platform_request_respond_object (req, SOUP_STATUS_CREATED, field);
  }

  return TRUE;
}
