/* td-platform-handlers-lists.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-lists"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

#define MAX_MEMBER_CHANGES 1000

gboolean
td_platform_handle_lists_list (TdPlatformRequest  *req,
                               GError            **error)
{
  g_autoptr(JsonArray) data = json_array_new ();
  sqlite3_stmt *stmt;
  gint64 cursor;
  gint64 next = 0;
  guint limit;
  guint n = 0;
  int rc;

  if (!td_platform_request_get_limit (req, &limit, error) ||
      !td_platform_request_get_cursor (req, &cursor, error))
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               TD_LIST_SELECT "WHERE l.account_id = ?1 AND l.id < ?2 "
                               "ORDER BY l.id DESC LIMIT ?3",
                               "iii", req->caller.account_id, cursor, (gint64) limit + 1);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      if (n == limit)
        break;
      json_array_add_object_element (data, td_platform_list_from_row (stmt));
      next = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page (req, data, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

static gboolean
read_list_body (TdPlatformRequest  *req,
                JsonObject         *body,
                gboolean            creating,
                const char        **out_name,
                gboolean           *out_has_name,
                const char        **out_description,
                gboolean           *out_has_description,
                GError            **error)
{
  td_platform_json_get_string (req, body, "name", creating, FALSE, 200, out_name, out_has_name);
  if (*out_has_name && *out_name != NULL && td_platform_is_blank (*out_name))
    td_platform_request_field_error (req, "name", "blank", _("The name must not be empty"));
  td_platform_json_get_string (req, body, "description", FALSE, TRUE, 2000,
                               out_description, out_has_description);

  return td_platform_request_check_fields (req, error);
}

gboolean
td_platform_handle_list_create (TdPlatformRequest  *req,
                                GError            **error)
{
  static const char *const allowed[] = { "name", "description", NULL };
  g_autoptr(JsonObject) list = NULL;
  JsonObject *body;
  const char *name;
  const char *description;
  gboolean has_name;
  gboolean has_description;
  gint64 now = td_platform_now_ms ();
  gint64 id;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL ||
      !read_list_body (req, body, TRUE, &name, &has_name, &description, &has_description, error))
    return FALSE;

  if (!td_platform_db_run (req->db, error,
                           "INSERT INTO lists (account_id, name, description, created_at, "
                           "updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?4)",
                           "itti", req->caller.account_id, name,
                           description ? description : "", now))
    return FALSE;
  id = td_platform_db_last_insert_id (req->db);

  if (!td_platform_publish_list (req->db, req->events, req->caller.account_id, id, error))
    return FALSE;

  list = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (list == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, list);

  return TRUE;
}

gboolean
td_platform_handle_list_get (TdPlatformRequest  *req,
                             GError            **error)
{
  g_autoptr(JsonObject) list = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  list = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (list == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, list);

  return TRUE;
}

gboolean
td_platform_handle_list_patch (TdPlatformRequest  *req,
                               GError            **error)
{
  static const char *const allowed[] = { "name", "description", NULL };
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) list = NULL;
  JsonObject *body;
  const char *name;
  const char *description;
  gboolean has_name;
  gboolean has_description;
  gint64 now = td_platform_now_ms ();
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL ||
      !td_platform_request_check_if_match (req, current, error) ||
      !read_list_body (req, body, FALSE, &name, &has_name, &description, &has_description, error))
    return FALSE;

  if ((has_name && !td_platform_db_run (req->db, error,
                                        "UPDATE lists SET name = ?2 WHERE id = ?1",
                                        "it", id, name)) ||
      (has_description && !td_platform_db_run (req->db, error,
                                               "UPDATE lists SET description = ?2 WHERE id = ?1",
                                               "it", id, description ? description : "")) ||
      !td_platform_db_run (req->db, error, "UPDATE lists SET updated_at = ?2 WHERE id = ?1",
                           "ii", id, now) ||
      !td_platform_publish_list (req->db, req->events, req->caller.account_id, id, error))
    return FALSE;

  list = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (list == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, list);

  return TRUE;
}

gboolean
td_platform_handle_list_delete (TdPlatformRequest  *req,
                                GError            **error)
{
  g_autoptr(JsonObject) current = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error) ||
      !td_platform_db_run (req->db, error, "DELETE FROM lists WHERE id = ?1 AND account_id = ?2",
                           "ii", id, req->caller.account_id))
    return FALSE;

  td_platform_request_respond_empty (req, SOUP_STATUS_NO_CONTENT);

  return TRUE;
}

gboolean
td_platform_handle_list_members (TdPlatformRequest  *req,
                                 GError            **error)
{
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonArray) data = json_array_new ();
  sqlite3_stmt *stmt;
  gint64 cursor;
  gint64 next = 0;
  guint limit;
  guint n = 0;
  int rc;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  if (!td_platform_request_get_limit (req, &limit, error) ||
      !td_platform_request_get_cursor (req, &cursor, error))
    return FALSE;

  list = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (list == NULL)
    return FALSE;

  /* Newest members first: the order they joined the list. */
  stmt = td_platform_db_query (req->db, error,
                               "SELECT s.id, s.phone, s.first_name, s.last_name, s.fields, "
                               "s.status, "
                               "s.opted_out_at, s.created_at, s.updated_at, s.last_seen_at, lm.id "
                               "FROM list_members lm JOIN subscribers s ON s.id = lm.subscriber_id "
                               "WHERE lm.list_id = ?1 AND lm.id < ?2 ORDER BY lm.id DESC LIMIT ?3",
                               "iii", id, cursor, (gint64) limit + 1);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      JsonObject *object;

      if (n == limit)
        break;
      object = td_platform_subscriber_from_row (req->db, stmt, error);
      if (object == NULL)
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      json_array_add_object_element (data, object);
      next = sqlite3_column_int64 (stmt, 10);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page (req, data, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

static gboolean
change_members (TdPlatformRequest  *req,
                gboolean            remove,
                GError            **error)
{
  static const char *const allowed_remove[] = { "subscriber_ids", NULL };
  static const char *const allowed_add[] = { "subscriber_ids", "keyword", NULL };
  const char *keyword = NULL;
  g_autoptr(JsonObject) list = NULL;
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *failed = json_array_new ();
  JsonObject *body;
  JsonNode *ids_node;
  JsonArray *array;
  gint64 now = td_platform_now_ms ();
  guint changed = 0;
  guint unchanged = 0;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  json_object_set_array_member (answer, "failed", failed);

  if (id == 0)
    return FALSE;

  list = td_platform_get_list (req->db, req->caller.account_id, id, error);
  if (list == NULL)
    return FALSE;

  body = td_platform_request_get_object (req, remove ? allowed_remove : allowed_add, error);
  if (body == NULL)
    return FALSE;

  /* Who adds someone by hand may say for which keyword, as the stream
   * does when it takes a misspelling or an ended keyword: the consent
   * record keeps it. */
  if (json_object_has_member (body, "keyword"))
    {
      JsonNode *keyword_node = json_object_get_member (body, "keyword");

      if (!JSON_NODE_HOLDS_VALUE (keyword_node) ||
          json_node_get_value_type (keyword_node) != G_TYPE_STRING ||
          *json_node_get_string (keyword_node) == '\0' ||
          g_utf8_strlen (json_node_get_string (keyword_node), -1) > 64)
        td_platform_request_field_error (req, "keyword", "invalid",
                                         _("Must be a keyword of at most 64 characters"));
      else
        keyword = json_node_get_string (keyword_node);
    }

  ids_node = json_object_get_member (body, "subscriber_ids");
  if (ids_node == NULL)
    td_platform_request_field_error (req, "subscriber_ids", "required",
                                     _("This field is required"));
  else if (!JSON_NODE_HOLDS_ARRAY (ids_node))
    td_platform_request_field_error (req, "subscriber_ids", "invalid_type",
                                     _("Must be an array of ids"));
  else if (json_array_get_length (json_node_get_array (ids_node)) > MAX_MEMBER_CHANGES)
    td_platform_request_field_error (req, "subscriber_ids", "too_many",
                                     _("At most 1000 subscribers a request"));
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  array = json_node_get_array (ids_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 subscriber_id = 0;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !td_platform_parse_id (json_node_get_string (element), &subscriber_id))
        {
          td_platform_request_field_error (req, "subscriber_ids", "invalid_type",
                                           _("Must be an array of ids"));
          return td_platform_request_check_fields (req, error);
        }
      g_array_append_val (ids, subscriber_id);
    }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 subscriber_id = g_array_index (ids, gint64, i);
      g_autofree char *text = td_platform_id_to_string (subscriber_id);
      sqlite3_stmt *stmt;
      gboolean done = FALSE;
      int rc;

      if (g_hash_table_contains (seen, &g_array_index (ids, gint64, i)))
        {
          unchanged++;
          continue;
        }
      g_hash_table_add (seen, &g_array_index (ids, gint64, i));

      /* Another account's subscriber fails like one that does not exist. */
      stmt = td_platform_db_query (req->db, error,
                                   "SELECT 1 FROM subscribers WHERE id = ?1 AND account_id = ?2",
                                   "ii", subscriber_id, req->caller.account_id);
      if (stmt == NULL)
        return FALSE;
      rc = td_platform_db_step (req->db, stmt, error);
      sqlite3_reset (stmt);
      if (rc == -1)
        return FALSE;
      if (rc != SQLITE_ROW)
        {
          json_array_add_string_element (failed, text);
          continue;
        }

      if (remove)
        {
          if (!td_platform_consent_leave_list (req->db, req->events, req->caller.account_id, id,
                                               subscriber_id, &done, error))
            return FALSE;
        }
      else if (!td_platform_consent_join_list (req->db, req->events, req->caller.account_id, id,
                                               subscriber_id, "manual", keyword, now, &done, error))
        return FALSE;

      if (done)
        {
          changed++;
          if (!td_platform_publish_subscriber (req->db, req->events, req->caller.account_id,
                                               subscriber_id, error))
            return FALSE;
        }
      else
        unchanged++;
    }

  /* Removing answers in the same shape as adding (`added`: taken off,
   * `already_member`: was not on it), with plainer names beside.
   */
  json_object_set_int_member (answer, "added", changed);
  json_object_set_int_member (answer, "already_member", unchanged);
  if (remove)
    {
      json_object_set_int_member (answer, "removed", changed);
      json_object_set_int_member (answer, "not_member", unchanged);
    }

  node = json_node_init_object (json_node_alloc (), answer);
  td_platform_request_respond (req, SOUP_STATUS_OK, node);

  return TRUE;
}

gboolean
td_platform_handle_list_members_add (TdPlatformRequest  *req,
                                     GError            **error)
{
  return change_members (req, FALSE, error);
}

gboolean
td_platform_handle_list_members_remove (TdPlatformRequest  *req,
                                        GError            **error)
{
  return change_members (req, TRUE, error);
}
