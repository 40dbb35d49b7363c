/* td-platform-handlers-short-codes.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-short-codes"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

gboolean
td_platform_handle_short_codes_list (TdPlatformRequest  *req,
                                     GError            **error)
{
  g_autoptr(JsonArray) data = json_array_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (req->db, error,
                               TD_SHORT_CODE_SELECT
                               "JOIN short_code_accounts a ON a.short_code_id = sc.id "
                               "WHERE a.account_id = ?1 ORDER BY sc.id DESC",
                               "i", req->caller.account_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    json_array_add_object_element (data, td_platform_short_code_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page (req, data, 0);

  return TRUE;
}

gboolean
td_platform_handle_short_code_patch (TdPlatformRequest  *req,
                                     GError            **error)
{
  static const char *const allowed[] = {
    "text_chat", "fallback_response", "help_response", "stop_response", "start_response", NULL
  };
  static const char *const texts[] = {
    "fallback_response", "help_response", "stop_response", "start_response"
  };
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) updated = NULL;
  JsonObject *body;
  gboolean text_chat = FALSE;
  gboolean has_text_chat = FALSE;
  gint64 id;
  gint64 now = td_platform_now_ms ();

  id = td_platform_request_segment_id (req, 2, error);
  if (id == 0)
    return FALSE;

  current = td_platform_get_short_code (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  if (!td_platform_request_require_admin (req, error))
    return FALSE;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error))
    return FALSE;

  td_platform_json_get_boolean (req, body, "text_chat", &text_chat, &has_text_chat);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *value = NULL;
      gboolean present = FALSE;

      /* STOP, START and HELP are always answered, and so is any other
       * text when text chat is off: none of the answers may be blank.
       */
      if (td_platform_json_get_string (req, body, texts[i], FALSE, FALSE, 1600, &value, &present) &&
          present && td_platform_is_blank (value))
        td_platform_request_field_error (req, texts[i], "blank",
                                         _("An automatic answer must not be empty"));
    }
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  /* Settings of a shared code belong to all of its accounts. */
  if (g_strcmp0 (json_object_get_string_member (current, "kind"), "shared") == 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_SHARED_SHORT_CODE,
                           _("A shared short code’s settings cannot be changed by one account"));
      return FALSE;
    }

  if (has_text_chat &&
      !td_platform_db_run (req->db, error,
                           "UPDATE short_codes SET text_chat = ?2, updated_at = ?3 WHERE id = ?1",
                           "ibi", id, text_chat, now))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *sql = NULL;
      const char *value;
      gboolean present;

      td_platform_json_get_string (req, body, texts[i], FALSE, FALSE, 1600, &value, &present);
      if (!present)
        continue;

      /* The column names come from the fixed list above. */
      sql = g_strdup_printf ("UPDATE short_codes SET %s = ?2, updated_at = ?3 WHERE id = ?1",
                             texts[i]);
      if (!td_platform_db_run (req->db, error, sql, "iti", id, value, now))
        return FALSE;
    }

  updated = td_platform_get_short_code (req->db, req->caller.account_id, id, error);
  if (updated == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, updated);

  return TRUE;
}
