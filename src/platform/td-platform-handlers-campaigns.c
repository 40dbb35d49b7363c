/* td-platform-handlers-campaigns.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-campaigns"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-keyword.h"
#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

static const char *const campaign_fields[] = {
  "name", "short_code_id", "keywords", "status", "list_id", "auto_response",
  "expired_response", "redirect_campaign_id", "starts_at", "ends_at", NULL
};

gboolean
td_platform_handle_campaigns_list (TdPlatformRequest  *req,
                                   GError            **error)
{
  g_autoptr(GString) items = g_string_new (NULL);
  const char *status = td_platform_request_get_query (req, "status");
  sqlite3_stmt *stmt;
  gint64 cursor;
  gint64 next = 0;
  guint limit;
  guint n = 0;
  int rc;

  if (!td_platform_request_get_limit (req, &limit, error) ||
      !td_platform_request_get_cursor (req, &cursor, error))
    return FALSE;

  if (status != NULL && !g_str_equal (status, "active") && !g_str_equal (status, "paused") &&
      !g_str_equal (status, "expired"))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“status” must be active, paused or expired"));
      return FALSE;
    }

  stmt = td_platform_db_query (req->db, error,
                               TD_CAMPAIGN_SELECT
                               "WHERE c.account_id = ?2 AND c.id < ?3 AND (?5 IS NULL OR "
                               "(CASE WHEN c.status = 'active' AND c.ends_at IS NOT NULL "
                               "AND c.ends_at <= ?1 THEN 'expired' ELSE c.status END) = ?5) "
                               "ORDER BY c.id DESC LIMIT ?4",
                               "iiiit", td_platform_now_ms (), req->caller.account_id, cursor,
                               (gint64) limit + 1, status);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      if (n == limit)
        break;
      if (n > 0)
        g_string_append_c (items, ',');
      td_platform_write_campaign (items, stmt);
      next = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page_text (req, items, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

static gboolean
owned (TdPlatformRequest  *req,
       const char         *sql,
       gint64              id,
       gboolean           *out_owned,
       GError            **error)
{
  sqlite3_stmt *stmt = td_platform_db_query (req->db, error, sql, "ii", id,
                                             req->caller.account_id);
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (req->db, stmt, error);
  sqlite3_reset (stmt);
  *out_owned = rc == SQLITE_ROW;

  return rc != -1;
}

/* Reads and checks the members of a campaign body; on success the ones
 * present are written to campaign @id (created first when 0).
 */
static gint64
save_campaign (TdPlatformRequest  *req,
               JsonObject         *body,
               gint64              id,
               GError            **error)
{
  g_autoptr(GPtrArray) keywords = NULL;
  const char *name = NULL;
  const char *status = NULL;
  const char *auto_response = NULL;
  const char *expired_response = NULL;
  gboolean has_name, has_status, has_auto, has_expired, has_list, has_redirect;
  gboolean has_starts, has_ends, has_code;
  gint64 list_id = 0;
  gint64 redirect_id = 0;
  gint64 starts_at = 0;
  gint64 ends_at = 0;
  gint64 short_code_id = 0;
  gint64 now = td_platform_now_ms ();
  gboolean creating = id == 0;
  gboolean ok_owner;
  JsonNode *keywords_node;

  td_platform_json_get_string (req, body, "name", creating, FALSE, 200, &name, &has_name);
  if (has_name && name != NULL && td_platform_is_blank (name))
    td_platform_request_field_error (req, "name", "blank", _("The name must not be empty"));
  td_platform_json_get_string (req, body, "status", FALSE, FALSE, 20, &status, &has_status);
  if (status != NULL && !g_str_equal (status, "active") && !g_str_equal (status, "paused") &&
      !g_str_equal (status, "expired"))
    td_platform_request_field_error (req, "status", "invalid_value",
                                     _("Must be active, paused or expired"));
  td_platform_json_get_string (req, body, "auto_response", FALSE, TRUE, 1600, &auto_response,
                               &has_auto);
  td_platform_json_get_string (req, body, "expired_response", FALSE, TRUE, 1600, &expired_response,
                               &has_expired);
  td_platform_json_get_id (req, body, "list_id", TRUE, &list_id, &has_list);
  td_platform_json_get_id (req, body, "redirect_campaign_id", TRUE, &redirect_id, &has_redirect);
  td_platform_json_get_id (req, body, "short_code_id", FALSE, &short_code_id, &has_code);
  td_platform_json_get_time (req, body, "starts_at", &starts_at, &has_starts);
  td_platform_json_get_time (req, body, "ends_at", &ends_at, &has_ends);

  if (has_code && !creating)
    td_platform_request_field_error (req, "short_code_id", "read_only",
                                     _("A campaign cannot move to another short code"));

  keywords_node = json_object_get_member (body, "keywords");
  if (keywords_node != NULL)
    {
      keywords = g_ptr_array_new_with_free_func (g_free);

      if (!JSON_NODE_HOLDS_ARRAY (keywords_node))
        td_platform_request_field_error (req, "keywords", "invalid_type",
                                         _("Must be an array of strings"));
      else
        {
          JsonArray *array = json_node_get_array (keywords_node);

          if (json_array_get_length (array) > 20)
            td_platform_request_field_error (req, "keywords", "too_many",
                                             _("At most 20 keywords"));

          for (guint i = 0; i < json_array_get_length (array) && i < 20; i++)
            {
              JsonNode *node = json_array_get_element (array, i);
              g_autoptr(GError) keyword_error = NULL;
              g_autofree char *keyword = NULL;

              if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
                {
                  td_platform_request_field_error (req, "keywords", "invalid_type",
                                                   _("Must be an array of strings"));
                  break;
                }

              keyword = td_keyword_normalize (json_node_get_string (node), &keyword_error);
              if (keyword == NULL)
                {
                  td_platform_request_field_error (req, "keywords", "invalid_keyword",
                                                   keyword_error->message);
                  continue;
                }

              if (td_platform_is_stop_word (keyword) || td_platform_is_start_word (keyword) ||
                  td_platform_is_help_word (keyword))
                {
                  g_autofree char *message =
                    g_strdup_printf (_("“%s” is reserved for opting out, back in, or help"),
                                     keyword);

                  td_platform_request_field_error (req, "keywords", "reserved_keyword", message);
                  continue;
                }

              if (!g_ptr_array_find_with_equal_func (keywords, keyword, g_str_equal, NULL))
                g_ptr_array_add (keywords, g_steal_pointer (&keyword));
            }
        }
    }
  else if (creating)
    td_platform_request_field_error (req, "keywords", "required", _("This field is required"));

  if (keywords != NULL && keywords->len == 0 &&
      (req->field_errors == NULL || req->field_errors->len == 0))
    td_platform_request_field_error (req, "keywords", "empty",
                                     _("A campaign needs at least one keyword"));

  if (has_starts && has_ends && starts_at != 0 && ends_at != 0 && ends_at <= starts_at)
    td_platform_request_field_error (req, "ends_at", "invalid_value",
                                     _("Must be after starts_at"));

  if (!td_platform_request_check_fields (req, error))
    return 0;

  /* References must be the caller's own. */
  if (list_id != 0)
    {
      if (!owned (req, "SELECT 1 FROM lists WHERE id = ?1 AND account_id = ?2", list_id,
                  &ok_owner, error))
        return 0;
      if (!ok_owner)
        td_platform_request_field_error (req, "list_id", "not_found", _("No such list"));
    }
  if (redirect_id != 0)
    {
      if (!owned (req, "SELECT 1 FROM campaigns WHERE id = ?1 AND account_id = ?2", redirect_id,
                  &ok_owner, error))
        return 0;
      if (!ok_owner || redirect_id == id)
        td_platform_request_field_error (req, "redirect_campaign_id", "not_found",
                                         _("No such other campaign"));
    }

  if (creating)
    {
      if (has_code)
        {
          if (!owned (req, "SELECT 1 FROM short_code_accounts WHERE short_code_id = ?1 "
                      "AND account_id = ?2", short_code_id, &ok_owner, error))
            return 0;
          if (!ok_owner)
            td_platform_request_field_error (req, "short_code_id", "not_found",
                                             _("No such short code"));
        }
      else
        {
          sqlite3_stmt *stmt;
          int rc;

          stmt = td_platform_db_query (req->db, error,
                                       "SELECT min (short_code_id), count (*) FROM "
                                       "short_code_accounts "
                                       "WHERE account_id = ?1",
                                       "i", req->caller.account_id);
          if (stmt == NULL)
            return 0;
          rc = td_platform_db_step (req->db, stmt, error);
          if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) == 1)
            short_code_id = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          if (rc == -1)
            return 0;
          if (short_code_id == 0)
            td_platform_request_field_error (req, "short_code_id", "required",
                                             _("Say which short code the campaign is on"));
        }
    }

  if (!td_platform_request_check_fields (req, error))
    return 0;

  if (creating)
    {
      if (!td_platform_db_run (req->db, error,
                               "INSERT INTO campaigns (account_id, short_code_id, name, status, "
                               "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                               "iitti", req->caller.account_id, short_code_id,
                               name, status ? status : "active", now))
        return 0;
      id = td_platform_db_last_insert_id (req->db);

      /* A campaign binds its keywords to a list: without one, it gets its
       * own, named after it.
       */
      if (!has_list || list_id == 0)
        {
          g_autofree char *description = g_strdup_printf (_("Subscribers who joined “%s” by "
                                                            "keyword"), name);

          if (!td_platform_db_run (req->db, error,
                                   "INSERT INTO lists (account_id, name, description, created_at, "
                                   "updated_at) "
                                   "VALUES (?1, ?2, ?3, ?4, ?4)",
                                   "itti", req->caller.account_id, name, description, now))
            return 0;
          list_id = td_platform_db_last_insert_id (req->db);
          has_list = TRUE;
          if (!td_platform_publish_list (req->db, req->events, req->caller.account_id, list_id,
                                         error))
            return 0;
        }
    }
  else
    {
      sqlite3_stmt *stmt;

      if (has_name &&
          !td_platform_db_run (req->db, error, "UPDATE campaigns SET name = ?2 WHERE id = ?1",
                               "it", id, name))
        return 0;
      if (has_status &&
          !td_platform_db_run (req->db, error, "UPDATE campaigns SET status = ?2 WHERE id = ?1",
                               "it", id, status))
        return 0;

      stmt = td_platform_db_query (req->db, error,
                                   "SELECT short_code_id FROM campaigns WHERE id = ?1", "i", id);
      if (stmt == NULL)
        return 0;
      if (td_platform_db_step (req->db, stmt, error) == SQLITE_ROW)
        short_code_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if ((has_auto && !td_platform_db_run (req->db, error,
                                        "UPDATE campaigns SET auto_response = ?2 WHERE id = ?1",
                                        "it", id, auto_response ? auto_response : "")) ||
      (has_expired && !td_platform_db_run (req->db, error,
                                           "UPDATE campaigns SET expired_response = ?2 WHERE id = "
                                           "?1",
                                           "it", id, expired_response ? expired_response : "")) ||
      (has_list && !td_platform_db_run (req->db, error,
                                        "UPDATE campaigns SET list_id = ?2 WHERE id = ?1",
                                        "ik", id, list_id)) ||
      (has_redirect && !td_platform_db_run (req->db, error,
                                            "UPDATE campaigns SET redirect_campaign_id = ?2 WHERE "
                                            "id = ?1",
                                            "ik", id, redirect_id)) ||
      (has_starts && !td_platform_db_run (req->db, error,
                                          "UPDATE campaigns SET starts_at = ?2 WHERE id = ?1",
                                          "ik", id, starts_at)) ||
      (has_ends && !td_platform_db_run (req->db, error,
                                        "UPDATE campaigns SET ends_at = ?2 WHERE id = ?1",
                                        "ik", id, ends_at)) ||
      !td_platform_db_run (req->db, error, "UPDATE campaigns SET updated_at = ?2 WHERE id = ?1",
                           "ii", id, now))
    return 0;

  if (keywords != NULL)
    {
      if (!td_platform_db_run (req->db, error, "DELETE FROM keywords WHERE campaign_id = ?1",
                               "i", id))
        return 0;

      for (guint i = 0; i < keywords->len; i++)
        {
          sqlite3_stmt *stmt;
          int rc;

          stmt = td_platform_db_query (req->db, error,
                                       "SELECT 1 FROM keywords WHERE short_code_id = ?1 AND "
                                       "keyword = ?2",
                                       "it", short_code_id,
                                       (const char *) g_ptr_array_index (keywords, i));
          if (stmt == NULL)
            return 0;
          rc = td_platform_db_step (req->db, stmt, error);
          sqlite3_reset (stmt);
          if (rc == -1)
            return 0;
          if (rc == SQLITE_ROW)
            {
              /* Keywords are unique per short code, whichever account
               * holds them, and the message says no more than that.
               */
              g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_KEYWORD_TAKEN,
                           _("The keyword “%s” is already in use on this short code"),
                           (const char *) g_ptr_array_index (keywords, i));
              return 0;
            }

          if (!td_platform_db_run (req->db, error,
                                   "INSERT INTO keywords (short_code_id, keyword, campaign_id, "
                                   "position) "
                                   "VALUES (?1, ?2, ?3, ?4)",
                                   "itii", short_code_id,
                                   (const char *) g_ptr_array_index (keywords, i),
                                   id, (gint64) i))
            return 0;
        }
    }

  if (!td_platform_publish_campaign (req->db, req->events, req->caller.account_id, id, error))
    return 0;

  return id;
}

gboolean
td_platform_handle_campaign_create (TdPlatformRequest  *req,
                                    GError            **error)
{
  g_autoptr(JsonObject) campaign = NULL;
  JsonObject *body;
  gint64 id;

  if (!td_platform_request_require_admin (req, error))
    return FALSE;

  body = td_platform_request_get_object (req, campaign_fields, error);
  if (body == NULL)
    return FALSE;

  id = save_campaign (req, body, 0, error);
  if (id == 0)
    return FALSE;

  campaign = td_platform_get_campaign (req->db, req->caller.account_id, id, error);
  if (campaign == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, campaign);

  return TRUE;
}

gboolean
td_platform_handle_campaign_get (TdPlatformRequest  *req,
                                 GError            **error)
{
  g_autoptr(JsonObject) campaign = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  campaign = td_platform_get_campaign (req->db, req->caller.account_id, id, error);
  if (campaign == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, campaign);

  return TRUE;
}

gboolean
td_platform_handle_campaign_patch (TdPlatformRequest  *req,
                                   GError            **error)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) campaign = NULL;
  JsonObject *body;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_campaign (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  if (!td_platform_request_require_admin (req, error))
    return FALSE;

  body = td_platform_request_get_object (req, campaign_fields, error);
  if (body == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error))
    return FALSE;

  if (save_campaign (req, body, id, error) == 0)
    return FALSE;

  campaign = td_platform_get_campaign (req->db, req->caller.account_id, id, error);
  if (campaign == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, campaign);

  return TRUE;
}

gboolean
td_platform_handle_campaign_delete (TdPlatformRequest  *req,
                                    GError            **error)
{
  g_autoptr(JsonObject) current = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_campaign (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  if (!td_platform_request_require_admin (req, error) ||
      !td_platform_request_check_if_match (req, current, error))
    return FALSE;

  if (!td_platform_db_run (req->db, error,
                           "DELETE FROM campaigns WHERE id = ?1 AND account_id = ?2",
                           "ii", id, req->caller.account_id))
    return FALSE;

  td_platform_request_respond_empty (req, SOUP_STATUS_NO_CONTENT);

  return TRUE;
}
