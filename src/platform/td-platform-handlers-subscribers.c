/* td-platform-handlers-subscribers.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-subscribers"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-phone.h"
#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

#define MAX_IMPORT_ROWS 1000
#define MAX_FIELDS 100

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

gboolean
td_platform_handle_subscribers_list (TdPlatformRequest  *req,
                                     GError            **error)
{
  g_autoptr(JsonArray) data = json_array_new ();
  g_autoptr(GString) sql = g_string_new (TD_SUBSCRIBER_SELECT);
  g_autofree char *pattern = NULL;
  const char *q = td_platform_request_get_query (req, "q");
  const char *status = td_platform_request_get_query (req, "status");
  sqlite3_stmt *stmt;
  gint64 list_id = 0;
  gint64 cursor;
  gint64 next = 0;
  guint limit;
  guint n = 0;
  int rc;

  if (!td_platform_request_get_limit (req, &limit, error) ||
      !td_platform_request_get_cursor (req, &cursor, error) ||
      !td_platform_request_get_id_query (req, "list_id", &list_id, error))
    return FALSE;

  if (q != NULL && (!g_utf8_validate (q, -1, NULL) || g_utf8_strlen (q, -1) > 200))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“q” must be valid text of at most 200 characters"));
      return FALSE;
    }
  if (status != NULL && !g_str_equal (status, "active") && !g_str_equal (status, "opted_out"))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“status” must be active or opted_out"));
      return FALSE;
    }

  if (list_id != 0)
    {
      g_autoptr(JsonObject) list = td_platform_get_list (req->db, req->caller.account_id,
                                                         list_id, error);

      if (list == NULL)
        return FALSE;
      g_string_append (sql, "JOIN list_members lm ON lm.subscriber_id = s.id AND lm.list_id = ?5 ");
    }

  g_string_append (sql, "WHERE s.account_id = ?1 AND s.id < ?2 AND (?6 IS NULL OR s.status = ?6) ");

  if (q != NULL && *q != '\0')
    {
      g_autofree char *digits = NULL;
      GString *d = g_string_new (NULL);

      for (const char *p = q; *p != '\0'; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (d, *p);
      digits = g_string_free (d, FALSE);

      pattern = like_pattern (q);
      g_string_append (sql,
                       "AND (s.phone LIKE ?4 ESCAPE '\\' OR s.first_name LIKE ?4 ESCAPE '\\' "
                       "OR s.last_name LIKE ?4 ESCAPE '\\' "
                       "OR (s.first_name || ' ' || s.last_name) LIKE ?4 ESCAPE '\\' "
                       "OR (length (?7) >= 3 AND s.phone LIKE '%' || ?7 || '%')) ");

      stmt = NULL;
      g_string_append (sql, "ORDER BY s.id DESC LIMIT ?3");
      stmt = td_platform_db_query (req->db, error, sql->str, "iiititt",
                                   req->caller.account_id, cursor, (gint64) limit + 1,
                                   pattern, list_id, status, digits);
    }
  else
    {
      g_string_append (sql, "AND ?4 IS NULL ORDER BY s.id DESC LIMIT ?3");
      stmt = td_platform_db_query (req->db, error, sql->str, "iiitit",
                                   req->caller.account_id, cursor, (gint64) limit + 1,
                                   NULL, list_id, status);
    }
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
      next = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page (req, data, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

/* Checks @fields against the account's field definitions; @prefix names
 * the member in errors. A key without a definition may hold text, a
 * number or a boolean; null is allowed when @allow_null (PATCH: remove).
 */
static gboolean
check_fields (TdPlatformRequest *req,
              JsonNode          *node,
              const char        *prefix,
              gboolean           allow_null)
{
  g_autoptr(GList) members = NULL;
  JsonObject *fields;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      td_platform_request_field_error (req, prefix, "invalid_type", _("Must be an object"));
      return FALSE;
    }

  fields = json_node_get_object (node);
  if (json_object_get_size (fields) > MAX_FIELDS)
    {
      td_platform_request_field_error (req, prefix, "too_many", _("Too many fields"));
      return FALSE;
    }

  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (fields, key);
      g_autofree char *name = g_strdup_printf ("%s.%s", prefix, key);
      g_autofree char *type = NULL;
      sqlite3_stmt *stmt;
      gboolean key_ok = *key != '\0' && strlen (key) <= 64;

      for (const char *p = key; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '_')
          key_ok = FALSE;
      if (!key_ok)
        {
          td_platform_request_field_error (req, name, "invalid_key",
                                           _("Field keys are letters, digits and _"));
          continue;
        }

      if (JSON_NODE_HOLDS_NULL (value))
        {
          if (!allow_null)
            td_platform_request_field_error (req, name, "invalid_type", _("Must not be null"));
          continue;
        }

      if (!JSON_NODE_HOLDS_VALUE (value))
        {
          td_platform_request_field_error (req, name, "invalid_type",
                                           _("Must be text, a number or true/false"));
          continue;
        }

      stmt = td_platform_db_query (req->db, NULL,
                                   "SELECT type FROM fields WHERE account_id = ?1 AND key = ?2",
                                   "it", req->caller.account_id, key);
      if (stmt != NULL && td_platform_db_step (req->db, stmt, NULL) == SQLITE_ROW)
        type = g_strdup (td_platform_column_text (stmt, 0));
      if (stmt != NULL)
        sqlite3_reset (stmt);

      {
        GType vtype = json_node_get_value_type (value);
        gboolean ok;

        if (type == NULL)
          ok = vtype == G_TYPE_STRING || vtype == G_TYPE_INT64 ||
               vtype == G_TYPE_DOUBLE || vtype == G_TYPE_BOOLEAN;
        else if (g_str_equal (type, "number"))
          ok = vtype == G_TYPE_INT64 || vtype == G_TYPE_DOUBLE;
        else if (g_str_equal (type, "boolean"))
          ok = vtype == G_TYPE_BOOLEAN;
        else if (g_str_equal (type, "date"))
          {
            const char *s = vtype == G_TYPE_STRING ? json_node_get_string (value) : NULL;
            int y = 0, m = 0, d = 0;

            ok = s != NULL && strlen (s) == 10 && sscanf (s, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
                 g_date_valid_dmy (d, m, y);
          }
        else
          ok = vtype == G_TYPE_STRING && g_utf8_strlen (json_node_get_string (value), -1) <= 1000;

        if (!ok)
          {
            g_autofree char *message = g_strdup_printf (_("Must be of type %s"),
                                                        type ? type : "text, number or boolean");

            td_platform_request_field_error (req, name, "invalid_type", message);
          }
      }
    }

  return TRUE;
}

static char *
merge_fields (const char *current_json,
              JsonNode   *changes,
              gboolean    replace)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *merged;

  current = current_json ? json_from_string (current_json, NULL) : NULL;
  if (current != NULL && JSON_NODE_HOLDS_OBJECT (current) && !replace)
    merged = json_object_ref (json_node_get_object (current));
  else
    merged = json_object_new ();

  if (changes != NULL)
    {
      JsonObject *object = json_node_get_object (changes);

      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_NULL (value))
            json_object_remove_member (merged, l->data);
          else
            json_object_set_member (merged, l->data, json_node_copy (value));
        }
    }

  node = json_node_init_object (json_node_alloc (), merged);
  json_object_unref (merged);

  return json_to_string (node, FALSE);
}

static gboolean
get_phone (TdPlatformRequest  *req,
           JsonObject         *body,
           const char         *member,
           gboolean            required,
           char              **out_phone)
{
  g_autoptr(GError) phone_error = NULL;
  const char *phone;
  gboolean present;

  *out_phone = NULL;
  if (!td_platform_json_get_string (req, body, "phone", required, FALSE, 40, &phone, &present))
    return FALSE;
  if (!present)
    return TRUE;

  *out_phone = td_phone_normalize (phone, &phone_error);
  if (*out_phone == NULL)
    {
      td_platform_request_field_error (req, member, "invalid_phone", phone_error->message);
      return FALSE;
    }

  return TRUE;
}

static gint64
find_by_phone (TdPlatformRequest *req,
               const char        *phone)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  stmt = td_platform_db_query (req->db, NULL,
                               "SELECT id FROM subscribers WHERE account_id = ?1 AND phone = ?2",
                               "it", req->caller.account_id, phone);
  if (stmt != NULL && td_platform_db_step (req->db, stmt, NULL) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return id;
}

/* A new subscriber starts opted out when the number opted out on one of
 * the account's short codes.
 */
static gint64
insert_subscriber (TdPlatformRequest  *req,
                   const char         *phone,
                   const char         *first_name,
                   const char         *last_name,
                   const char         *fields,
                   GError            **error)
{
  gint64 now = td_platform_now_ms ();

  if (!td_platform_db_run (req->db, error,
                           "INSERT INTO subscribers (account_id, phone, first_name, last_name, "
                           "fields, status, opted_out_at, created_at, updated_at) "
                           "SELECT ?1, ?2, ?3, ?4, ?5, CASE WHEN o.at IS NULL THEN 'active' "
                           "ELSE 'opted_out' END, o.at, ?6, ?6 FROM (SELECT 1) "
                           "LEFT JOIN (SELECT min (at) AS at FROM opt_outs WHERE phone = ?2 "
                           "AND short_code_id IN (SELECT short_code_id FROM short_code_accounts "
                           "WHERE account_id = ?1)) o",
                           "itttti", req->caller.account_id, phone,
                           first_name ? first_name : "", last_name ? last_name : "",
                           fields, now))
    return 0;

  return td_platform_db_last_insert_id (req->db);
}

gboolean
td_platform_handle_subscriber_create (TdPlatformRequest  *req,
                                      GError            **error)
{
  static const char *const allowed[] = { "phone", "first_name", "last_name", "fields", NULL };
  g_autoptr(JsonObject) subscriber = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *fields = NULL;
  JsonObject *body;
  const char *first_name;
  const char *last_name;
  gint64 id;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  get_phone (req, body, "phone", TRUE, &phone);
  td_platform_json_get_string (req, body, "first_name", FALSE, TRUE, 100, &first_name, NULL);
  td_platform_json_get_string (req, body, "last_name", FALSE, TRUE, 100, &last_name, NULL);
  check_fields (req, json_object_get_member (body, "fields"), "fields", FALSE);
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (find_by_phone (req, phone) != 0)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_CONFLICT,
                   _("A subscriber with the number %s already exists"), phone);
      return FALSE;
    }

  fields = merge_fields (NULL, json_object_get_member (body, "fields"), TRUE);
  id = insert_subscriber (req, phone, first_name, last_name, fields, error);
  if (id == 0)
    return FALSE;

  subscriber = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (subscriber == NULL ||
      !td_platform_events_add (req->events, req->caller.account_id, "subscriber.updated",
                               subscriber, error))
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, subscriber);

  return TRUE;
}

gboolean
td_platform_handle_subscriber_get (TdPlatformRequest  *req,
                                   GError            **error)
{
  g_autoptr(JsonObject) subscriber = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  subscriber = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (subscriber == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, subscriber);

  return TRUE;
}

gboolean
td_platform_handle_subscriber_patch (TdPlatformRequest  *req,
                                     GError            **error)
{
  static const char *const allowed[] = { "phone", "first_name", "last_name", "fields", NULL };
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) updated = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *current_fields = NULL;
  g_autofree char *fields = NULL;
  JsonObject *body;
  const char *first_name;
  const char *last_name;
  gboolean has_first;
  gboolean has_last;
  gint64 now = td_platform_now_ms ();
  sqlite3_stmt *stmt;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error))
    return FALSE;

  get_phone (req, body, "phone", FALSE, &phone);
  td_platform_json_get_string (req, body, "first_name", FALSE, TRUE, 100, &first_name, &has_first);
  td_platform_json_get_string (req, body, "last_name", FALSE, TRUE, 100, &last_name, &has_last);
  check_fields (req, json_object_get_member (body, "fields"), "fields", TRUE);
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (phone != NULL && !g_str_equal (phone, json_object_get_string_member (current, "phone")))
    {
      if (find_by_phone (req, phone) != 0)
        {
          g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_CONFLICT,
                       _("A subscriber with the number %s already exists"), phone);
          return FALSE;
        }
      if (!td_platform_db_run (req->db, error, "UPDATE subscribers SET phone = ?2 WHERE id = ?1",
                               "it", id, phone))
        return FALSE;
    }

  if (has_first &&
      !td_platform_db_run (req->db, error, "UPDATE subscribers SET first_name = ?2 WHERE id = ?1",
                           "it", id, first_name ? first_name : ""))
    return FALSE;
  if (has_last &&
      !td_platform_db_run (req->db, error, "UPDATE subscribers SET last_name = ?2 WHERE id = ?1",
                           "it", id, last_name ? last_name : ""))
    return FALSE;

  if (json_object_has_member (body, "fields"))
    {
      stmt = td_platform_db_query (req->db, error, "SELECT fields FROM subscribers WHERE id = ?1",
                                   "i", id);
      if (stmt == NULL)
        return FALSE;
      if (td_platform_db_step (req->db, stmt, error) == SQLITE_ROW)
        current_fields = g_strdup (td_platform_column_text (stmt, 0));
      sqlite3_reset (stmt);

      fields = merge_fields (current_fields, json_object_get_member (body, "fields"), FALSE);
      if (!td_platform_db_run (req->db, error, "UPDATE subscribers SET fields = ?2 WHERE id = ?1",
                               "it", id, fields))
        return FALSE;
    }

  if (!td_platform_db_run (req->db, error, "UPDATE subscribers SET updated_at = ?2 WHERE id = ?1",
                           "ii", id, now))
    return FALSE;

  updated = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (updated == NULL ||
      !td_platform_events_add (req->events, req->caller.account_id, "subscriber.updated",
                               updated, error))
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, updated);

  return TRUE;
}

gboolean
td_platform_handle_subscriber_delete (TdPlatformRequest  *req,
                                      GError            **error)
{
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GArray) lists = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  current = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error))
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT list_id FROM list_members WHERE subscriber_id = ?1", "i",
                               id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 list_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (lists, list_id);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  for (guint i = 0; i < lists->len; i++)
    {
      gboolean removed;

      if (!td_platform_consent_leave_list (req->db, req->events, req->caller.account_id,
                                           g_array_index (lists, gint64, i), id, &removed, error))
        return FALSE;
    }

  /* Its conversations and messages go with it; campaign counts follow. */
  if (!td_platform_db_run (req->db, error,
                           "UPDATE campaigns SET message_count = message_count - "
                           "(SELECT count (*) FROM messages m WHERE m.subscriber_id = ?1 "
                           " AND m.campaign_id = campaigns.id), "
                           "unread_count = unread_count - COALESCE ((SELECT sum (cc.unread_count) "
                           " FROM conversation_campaigns cc JOIN conversations c ON c.id = "
                           "cc.conversation_id "
                           " WHERE c.subscriber_id = ?1 AND cc.campaign_id = campaigns.id), 0) "
                           "WHERE account_id = ?2",
                           "ii", id, req->caller.account_id) ||
      !td_platform_db_run (req->db, error,
                           "DELETE FROM subscribers WHERE id = ?1 AND account_id = ?2",
                           "ii", id, req->caller.account_id))
    return FALSE;

  td_platform_request_respond_empty (req, SOUP_STATUS_NO_CONTENT);

  return TRUE;
}

gboolean
td_platform_handle_subscriber_messages (TdPlatformRequest  *req,
                                        GError            **error)
{
  g_autoptr(JsonObject) subscriber = NULL;
  g_autoptr(GString) items = g_string_new (NULL);
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

  subscriber = td_platform_get_subscriber (req->db, req->caller.account_id, id, error);
  if (subscriber == NULL)
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT " TD_MESSAGE_COLUMNS " FROM messages m "
                               "JOIN texts t ON t.id = m.text_id "
                               "WHERE m.subscriber_id = ?1 AND m.account_id = ?2 AND m.id < ?3 "
                               "AND " TD_PLATFORM_MEMBER_SEES_MESSAGE ("?5", "m")
                               "ORDER BY m.id DESC LIMIT ?4",
                               "iiiib", id, req->caller.account_id, cursor, (gint64) limit + 1,
                               req->caller.admin);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      if (n == limit)
        break;
      if (n > 0)
        g_string_append_c (items, ',');
      td_platform_write_message (items, stmt, 0);
      next = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  td_platform_request_respond_page_text (req, items, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

gboolean
td_platform_handle_subscribers_import (TdPlatformRequest  *req,
                                       GError            **error)
{
  static const char *const allowed[] = { "list_id", "rows", NULL };
  static const char *const row_allowed[] = { "phone", "first_name", "last_name", "fields", NULL };
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  JsonArray *results;
  JsonObject *body;
  JsonNode *rows_node;
  JsonArray *rows;
  gint64 list_id = 0;
  gint64 now = td_platform_now_ms ();
  guint created = 0;
  guint updated = 0;
  guint failed = 0;
  guint added = 0;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  td_platform_json_get_id (req, body, "list_id", FALSE, &list_id, NULL);
  if (list_id == 0)
    td_platform_request_field_error (req, "list_id", "required", _("This field is required"));
  rows_node = json_object_get_member (body, "rows");
  if (rows_node == NULL)
    td_platform_request_field_error (req, "rows", "required", _("This field is required"));
  else if (!JSON_NODE_HOLDS_ARRAY (rows_node))
    td_platform_request_field_error (req, "rows", "invalid_type", _("Must be an array"));
  else if (json_array_get_length (json_node_get_array (rows_node)) == 0)
    td_platform_request_field_error (req, "rows", "empty", _("At least one row"));
  else if (json_array_get_length (json_node_get_array (rows_node)) > MAX_IMPORT_ROWS)
    td_platform_request_field_error (req, "rows", "too_many", _("At most 1000 rows a request"));
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (list_id != 0)
    {
      g_autoptr(JsonObject) list = td_platform_get_list (req->db, req->caller.account_id,
                                                         list_id, NULL);

      if (list == NULL)
        {
          td_platform_request_field_error (req, "list_id", "not_found", _("No such list"));
          return td_platform_request_check_fields (req, error);
        }
    }

  rows = json_node_get_array (rows_node);
  results = json_array_new ();
  json_object_set_array_member (answer, "results", results);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonNode *row_node = json_array_get_element (rows, i);
      JsonObject *result = json_object_new ();
      g_autoptr(GPtrArray) saved_errors = g_steal_pointer (&req->field_errors);
      g_autofree char *phone = NULL;
      JsonObject *row = NULL;
      const char *first_name = NULL;
      const char *last_name = NULL;
      gboolean has_first = FALSE;
      gboolean has_last = FALSE;
      gint64 id;

      json_object_set_int_member (result, "index", i);
      json_object_set_int_member (result, "row", i);
      json_array_add_object_element (results, result);

      if (!JSON_NODE_HOLDS_OBJECT (row_node))
        td_platform_request_field_error (req, "row", "invalid_type", _("Must be an object"));
      else
        {
          g_autoptr(GList) members = NULL;

          row = json_node_get_object (row_node);
          members = json_object_get_members (row);
          for (GList *l = members; l != NULL; l = l->next)
            if (!g_strv_contains (row_allowed, l->data))
              td_platform_request_field_error (req, l->data, "unknown_field",
                                               _("This field is not known"));
          get_phone (req, row, "phone", TRUE, &phone);
          td_platform_json_get_string (req, row, "first_name", FALSE, TRUE, 100, &first_name,
                                       &has_first);
          td_platform_json_get_string (req, row, "last_name", FALSE, TRUE, 100, &last_name,
                                       &has_last);
          check_fields (req, json_object_get_member (row, "fields"), "fields", TRUE);
        }

      if (req->field_errors != NULL && req->field_errors->len > 0)
        {
          JsonArray *errors = json_array_new ();

          for (guint j = 0; j < req->field_errors->len; j++)
            json_array_add_object_element (errors,
                                           json_object_ref (g_ptr_array_index (req->field_errors,
                                                                               j)));
          json_object_set_string_member (result, "status", "failed");
          json_object_set_string_member (result, "code",
                                         json_object_get_string_member
                                           (g_ptr_array_index (req->field_errors, 0), "code"));
          json_object_set_string_member (result, "message",
                                         json_object_get_string_member
                                           (g_ptr_array_index (req->field_errors, 0), "message"));
          json_object_set_array_member (result, "errors", errors);
          g_clear_pointer (&req->field_errors, g_ptr_array_unref);
          req->field_errors = g_steal_pointer (&saved_errors);
          failed++;
          continue;
        }
      req->field_errors = g_steal_pointer (&saved_errors);

      id = find_by_phone (req, phone);
      if (id == 0)
        {
          g_autofree char *fields = merge_fields (NULL, json_object_get_member (row, "fields"),
                                                  TRUE);

          id = insert_subscriber (req, phone, first_name, last_name, fields, error);
          if (id == 0)
            return FALSE;
          json_object_set_string_member (result, "status", "created");
          created++;
        }
      else
        {
          sqlite3_stmt *stmt;
          g_autofree char *current_fields = NULL;
          g_autofree char *fields = NULL;

          stmt = td_platform_db_query (req->db, error,
                                       "SELECT fields FROM subscribers WHERE id = ?1",
                                       "i", id);
          if (stmt == NULL)
            return FALSE;
          if (td_platform_db_step (req->db, stmt, error) == SQLITE_ROW)
            current_fields = g_strdup (td_platform_column_text (stmt, 0));
          sqlite3_reset (stmt);

          fields = merge_fields (current_fields, json_object_get_member (row, "fields"), FALSE);
          if (!td_platform_db_run (req->db, error,
                                   "UPDATE subscribers SET fields = ?2, updated_at = ?3, "
                                   "first_name = CASE WHEN ?4 THEN ?5 ELSE first_name END, "
                                   "last_name = CASE WHEN ?6 THEN ?7 ELSE last_name END WHERE id = "
                                   "?1",
                                   "itibtbt", id, fields, now, has_first && first_name,
                                   first_name, has_last && last_name, last_name))
            return FALSE;
          json_object_set_string_member (result, "status", "updated");
          updated++;
        }

      td_platform_json_set_id (result, "subscriber_id", id);
      json_object_set_string_member (result, "phone", phone);

      if (list_id != 0)
        {
          gboolean joined = FALSE;

          if (!td_platform_db_run (req->db, error,
                                   "INSERT OR IGNORE INTO list_members (list_id, subscriber_id, "
                                   "source, added_at) VALUES (?1, ?2, 'import', ?3)",
                                   "iii", list_id, id, now))
            return FALSE;
          joined = td_platform_db_changes (req->db) > 0;
          json_object_set_boolean_member (result, "added", joined);
          if (joined)
            added++;
        }

      {
        g_autoptr(JsonObject) subscriber = td_platform_get_subscriber (req->db,
                                                                       req->caller.account_id,
                                                                       id, error);

        if (subscriber == NULL ||
            !td_platform_events_add (req->events, req->caller.account_id, "subscriber.updated",
                                     subscriber, error))
          return FALSE;
      }
    }

  if (list_id != 0 && added > 0)
    {
      if (!td_platform_db_run (req->db, error,
                               "UPDATE lists SET subscriber_count = subscriber_count + ?2, "
                               "updated_at = ?3 WHERE id = ?1",
                               "iii", list_id, (gint64) added, now) ||
          !td_platform_publish_list (req->db, req->events, req->caller.account_id, list_id, error))
        return FALSE;
    }

  json_object_set_int_member (answer, "created", created);
  json_object_set_int_member (answer, "updated", updated);
  json_object_set_int_member (answer, "failed", failed);
  json_object_set_int_member (answer, "added", added);

  node = json_node_init_object (json_node_alloc (), answer);
  td_platform_request_respond (req, SOUP_STATUS_OK, node);

  return TRUE;
}
