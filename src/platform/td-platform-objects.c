/* td-platform-objects.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-objects"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-objects.h"

char *
td_platform_id_to_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

void
td_platform_json_set_id (JsonObject *object,
                         const char *name,
                         gint64      id)
{
  if (id <= 0)
    json_object_set_null_member (object, name);
  else
    {
      g_autofree char *text = td_platform_id_to_string (id);

      json_object_set_string_member (object, name, text);
    }
}

void
td_platform_json_set_time (JsonObject *object,
                           const char *name,
                           gint64      ms)
{
  if (ms <= 0)
    json_object_set_null_member (object, name);
  else
    {
      g_autofree char *text = td_platform_format_time (ms);

      json_object_set_string_member (object, name, text);
    }
}

static void
set_id_column (JsonObject   *object,
               const char   *name,
               sqlite3_stmt *stmt,
               int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    {
      g_autofree char *text = td_platform_id_to_string (sqlite3_column_int64 (stmt, column));

      json_object_set_string_member (object, name, text);
    }
}

static void
set_time_column (JsonObject   *object,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    td_platform_json_set_time (object, name, sqlite3_column_int64 (stmt, column));
}

static void
set_text_column (JsonObject   *object,
                 const char   *name,
                 sqlite3_stmt *stmt,
                 int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, td_platform_column_text (stmt, column));
}

/* Writing JSON text straight from rows: the lists and the events of the
 * busiest paths are written this way, without building a tree first.
 */
void
td_platform_json_append_string (GString    *out,
                                const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, (char) *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
w_key (GString    *out,
       const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

static void
w_id (GString      *out,
      const char   *name,
      sqlite3_stmt *stmt,
      int           column)
{
  w_key (out, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL || sqlite3_column_int64 (stmt, column) <= 0)
    g_string_append (out, "null");
  else
    g_string_append_printf (out, "\"%" G_GINT64_FORMAT "\"",
                            (gint64) sqlite3_column_int64 (stmt, column));
}

static void
w_text (GString      *out,
        const char   *name,
        sqlite3_stmt *stmt,
        int           column)
{
  w_key (out, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    td_platform_json_append_string (out, td_platform_column_text (stmt, column));
}

static void
w_time (GString      *out,
        const char   *name,
        sqlite3_stmt *stmt,
        int           column)
{
  w_key (out, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL || sqlite3_column_int64 (stmt, column) <= 0)
    g_string_append (out, "null");
  else
    {
      g_autofree char *text = td_platform_format_time (sqlite3_column_int64 (stmt, column));

      g_string_append_c (out, '"');
      g_string_append (out, text);
      g_string_append_c (out, '"');
    }
}

static void
w_bool (GString      *out,
        const char   *name,
        sqlite3_stmt *stmt,
        int           column)
{
  w_key (out, name);
  g_string_append (out, sqlite3_column_int (stmt, column) != 0 ? "true" : "false");
}

static void
w_int (GString      *out,
       const char   *name,
       sqlite3_stmt *stmt,
       int           column)
{
  w_key (out, name);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, column));
}

void
td_platform_write_message (GString      *out,
                           sqlite3_stmt *stmt,
                           int           o)
{
  g_string_append_c (out, '{');
  w_id (out, "id", stmt, o + 0);
  w_id (out, "conversation_id", stmt, o + 1);
  w_id (out, "subscriber_id", stmt, o + 2);
  w_id (out, "short_code_id", stmt, o + 18);
  w_text (out, "direction", stmt, o + 3);
  w_text (out, "body", stmt, o + 4);
  w_text (out, "status", stmt, o + 5);
  w_id (out, "campaign_id", stmt, o + 6);
  w_text (out, "matched_keyword", stmt, o + 7);
  w_bool (out, "in_stream", stmt, o + 8);
  w_text (out, "expired_keyword", stmt, o + 9);
  w_id (out, "expired_campaign_id", stmt, o + 13);
  w_id (out, "redirect_campaign_id", stmt, o + 14);
  w_text (out, "suggested_keyword", stmt, o + 10);
  w_id (out, "suggested_campaign_id", stmt, o + 11);
  w_text (out, "error_code", stmt, o + 15);
  w_id (out, "sent_by_user_id", stmt, o + 16);
  w_time (out, "created_at", stmt, o + 12);
  w_time (out, "updated_at", stmt, o + 17);
  g_string_append_c (out, '}');
}

void
td_platform_write_conversation (GString      *out,
                                sqlite3_stmt *stmt)
{
  g_string_append_c (out, '{');
  w_id (out, "id", stmt, 0);
  w_key (out, "subscriber");
  g_string_append_c (out, '{');
  w_id (out, "id", stmt, 7);
  w_text (out, "phone", stmt, 8);
  w_text (out, "first_name", stmt, 9);
  w_text (out, "last_name", stmt, 10);
  w_text (out, "status", stmt, 11);
  g_string_append_c (out, '}');
  w_id (out, "short_code_id", stmt, 1);
  w_key (out, "last_message");
  if (sqlite3_column_type (stmt, TD_CONVERSATION_LAST_MESSAGE_COLUMN) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    td_platform_write_message (out, stmt, TD_CONVERSATION_LAST_MESSAGE_COLUMN);
  w_key (out, "last_inbound_message");
  if (sqlite3_column_type (stmt, TD_CONVERSATION_LAST_INBOUND_COLUMN) == SQLITE_NULL)
    g_string_append (out, "null");
  else
    td_platform_write_message (out, stmt, TD_CONVERSATION_LAST_INBOUND_COLUMN);
  w_int (out, "unread_count", stmt, 3);
  w_id (out, "last_read_message_id", stmt, 2);
  w_bool (out, "archived", stmt, 4);
  w_bool (out, "in_stream", stmt, 6);
  w_time (out, "updated_at", stmt, 5);
  g_string_append_c (out, '}');
}

void
td_platform_write_campaign (GString      *out,
                            sqlite3_stmt *stmt)
{
  const char *joined = td_platform_column_text (stmt, 15);

  g_string_append_c (out, '{');
  w_id (out, "id", stmt, 0);
  w_text (out, "name", stmt, 1);
  w_id (out, "short_code_id", stmt, 2);
  w_text (out, "short_code", stmt, 16);
  w_key (out, "keywords");
  g_string_append_c (out, '[');
  if (joined != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (joined, " ", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          td_platform_json_append_string (out, parts[i]);
        }
    }
  g_string_append_c (out, ']');
  w_text (out, "status", stmt, 3);
  w_id (out, "list_id", stmt, 4);
  w_text (out, "auto_response", stmt, 5);
  w_text (out, "expired_response", stmt, 6);
  w_id (out, "redirect_campaign_id", stmt, 7);
  w_time (out, "starts_at", stmt, 8);
  w_time (out, "ends_at", stmt, 9);
  w_int (out, "subscriber_count", stmt, 10);
  w_int (out, "message_count", stmt, 11);
  w_int (out, "unread_count", stmt, 12);
  w_time (out, "created_at", stmt, 13);
  w_time (out, "updated_at", stmt, 14);
  g_string_append_c (out, '}');
}

static JsonObject *
parse_written (GString *text)
{
  g_autoptr(JsonNode) node = json_from_string (text->str, NULL);

  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

JsonObject *
td_platform_message_from_row (sqlite3_stmt *stmt,
                              int           o)
{
  g_autoptr(GString) text = g_string_new (NULL);

  td_platform_write_message (text, stmt, o);

  return parse_written (text);
}

JsonObject *
td_platform_conversation_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GString) text = g_string_new (NULL);

  td_platform_write_conversation (text, stmt);

  return parse_written (text);
}

JsonObject *
td_platform_campaign_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GString) text = g_string_new (NULL);

  td_platform_write_campaign (text, stmt);

  return parse_written (text);
}

JsonObject *
td_platform_subscriber_from_row (TdPlatformDb  *db,
                                 sqlite3_stmt  *stmt,
                                 GError       **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) fields = NULL;
  JsonArray *list_ids;
  JsonArray *consents;
  sqlite3_stmt *members;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  int rc;

  set_id_column (object, "id", stmt, 0);
  set_text_column (object, "phone", stmt, 1);
  set_text_column (object, "first_name", stmt, 2);
  set_text_column (object, "last_name", stmt, 3);

  fields = json_from_string (td_platform_column_text (stmt, 4), NULL);
  if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    {
      g_clear_pointer (&fields, json_node_unref);
      fields = json_node_init_object (json_node_alloc (), json_object_new ());
    }
  json_object_set_member (object, "fields", g_steal_pointer (&fields));

  set_text_column (object, "status", stmt, 5);
  set_time_column (object, "opted_out_at", stmt, 6);
  set_time_column (object, "created_at", stmt, 7);
  set_time_column (object, "updated_at", stmt, 8);
  set_time_column (object, "last_seen_at", stmt, 9);

  members = td_platform_db_query (db, error,
                                  "SELECT list_id, source, keyword, added_at "
                                  "FROM list_members WHERE subscriber_id = ?1 "
                                  "ORDER BY id",
                                  "i", id);
  if (members == NULL)
    return NULL;

  list_ids = json_array_new ();
  consents = json_array_new ();
  json_object_set_array_member (object, "list_ids", list_ids);
  json_object_set_array_member (object, "consents", consents);

  while ((rc = td_platform_db_step (db, members, error)) == SQLITE_ROW)
    {
      g_autofree char *list_id = td_platform_id_to_string (sqlite3_column_int64 (members, 0));
      JsonObject *consent = json_object_new ();

      json_array_add_string_element (list_ids, list_id);
      json_object_set_string_member (consent, "list_id", list_id);
      set_text_column (consent, "source", members, 1);
      set_text_column (consent, "keyword", members, 2);
      set_time_column (consent, "at", members, 3);
      json_array_add_object_element (consents, consent);
    }
  sqlite3_reset (members);

  if (rc == -1)
    return NULL;

  return g_steal_pointer (&object);
}

JsonObject *
td_platform_list_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  set_id_column (object, "id", stmt, 0);
  set_text_column (object, "name", stmt, 1);
  set_text_column (object, "description", stmt, 2);
  json_object_set_int_member (object, "subscriber_count", sqlite3_column_int64 (stmt, 3));
  set_time_column (object, "created_at", stmt, 4);
  set_time_column (object, "updated_at", stmt, 5);

  return object;
}

JsonObject *
td_platform_short_code_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  set_id_column (object, "id", stmt, 0);
  set_text_column (object, "code", stmt, 1);
  set_text_column (object, "kind", stmt, 2);
  json_object_set_boolean_member (object, "text_chat", sqlite3_column_int (stmt, 3) != 0);
  set_text_column (object, "fallback_response", stmt, 4);
  set_text_column (object, "help_response", stmt, 5);
  set_text_column (object, "stop_response", stmt, 6);
  set_text_column (object, "start_response", stmt, 7);
  set_text_column (object, "gateway", stmt, 8);
  set_time_column (object, "updated_at", stmt, 9);

  return object;
}

JsonObject *
td_platform_field_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();

  set_id_column (object, "id", stmt, 0);
  set_text_column (object, "key", stmt, 1);
  set_text_column (object, "name", stmt, 2);
  set_text_column (object, "type", stmt, 3);
  set_time_column (object, "created_at", stmt, 4);

  return object;
}

static gboolean
step_one (TdPlatformDb  *db,
          sqlite3_stmt  *stmt,
          const char    *what,
          GError       **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (db, stmt, error);
  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                 _("No such %s"), what);
  sqlite3_reset (stmt);

  return FALSE;
}

JsonObject *
td_platform_get_message (TdPlatformDb  *db,
                         gint64         account_id,
                         gint64         id,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = td_platform_db_query (db, error,
                               "SELECT " TD_MESSAGE_COLUMNS " FROM messages m "
                               "JOIN texts t ON t.id = m.text_id "
                               "WHERE m.id = ?1 AND m.account_id = ?2",
                               "ii", id, account_id);
  if (!step_one (db, stmt, _("message"), error))
    return NULL;

  object = td_platform_message_from_row (stmt, 0);
  sqlite3_reset (stmt);

  return object;
}

JsonObject *
td_platform_get_conversation (TdPlatformDb  *db,
                              gint64         account_id,
                              gint64         id,
                              GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = td_platform_db_query (db, error,
                               TD_CONVERSATION_SELECT
                               "WHERE c.id = ?1 AND c.account_id = ?2",
                               "ii", id, account_id);
  if (!step_one (db, stmt, _("conversation"), error))
    return NULL;

  object = td_platform_conversation_from_row (stmt);
  sqlite3_reset (stmt);

  return object;
}

JsonObject *
td_platform_get_campaign (TdPlatformDb  *db,
                          gint64         account_id,
                          gint64         id,
                          GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = td_platform_db_query (db, error,
                               TD_CAMPAIGN_SELECT
                               "WHERE c.id = ?2 AND c.account_id = ?3",
                               "iii", td_platform_now_ms (), id, account_id);
  if (!step_one (db, stmt, _("campaign"), error))
    return NULL;

  object = td_platform_campaign_from_row (stmt);
  sqlite3_reset (stmt);

  return object;
}

JsonObject *
td_platform_get_subscriber (TdPlatformDb  *db,
                            gint64         account_id,
                            gint64         id,
                            GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = td_platform_db_query (db, error,
                               TD_SUBSCRIBER_SELECT
                               "WHERE s.id = ?1 AND s.account_id = ?2",
                               "ii", id, account_id);
  if (!step_one (db, stmt, _("subscriber"), error))
    return NULL;

  {
    JsonObject *object = td_platform_subscriber_from_row (db, stmt, error);

    sqlite3_reset (stmt);
    return object;
  }
}

JsonObject *
td_platform_get_list (TdPlatformDb  *db,
                      gint64         account_id,
                      gint64         id,
                      GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = td_platform_db_query (db, error,
                               TD_LIST_SELECT "WHERE l.id = ?1 AND l.account_id = ?2",
                               "ii", id, account_id);
  if (!step_one (db, stmt, _("list"), error))
    return NULL;

  object = td_platform_list_from_row (stmt);
  sqlite3_reset (stmt);

  return object;
}

JsonObject *
td_platform_get_short_code (TdPlatformDb  *db,
                            gint64         account_id,
                            gint64         id,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;

  stmt = td_platform_db_query (db, error,
                               TD_SHORT_CODE_SELECT
                               "JOIN short_code_accounts a ON a.short_code_id = sc.id "
                               "WHERE sc.id = ?1 AND a.account_id = ?2",
                               "ii", id, account_id);
  if (!step_one (db, stmt, _("short code"), error))
    return NULL;

  object = td_platform_short_code_from_row (stmt);
  sqlite3_reset (stmt);

  return object;
}

JsonObject *
td_platform_get_me (TdPlatformDb  *db,
                    gint64         user_id,
                    GError       **error)
{
  sqlite3_stmt *stmt;
  JsonObject *object;
  JsonObject *user;
  JsonObject *account;

  stmt = td_platform_db_query (db, error,
                               "SELECT u.id, u.email, u.name, u.role, a.id, a.name "
                               "FROM users u JOIN accounts a ON a.id = u.account_id "
                               "WHERE u.id = ?1",
                               "i", user_id);
  if (!step_one (db, stmt, _("user"), error))
    return NULL;

  user = json_object_new ();
  set_id_column (user, "id", stmt, 0);
  set_text_column (user, "email", stmt, 1);
  set_text_column (user, "name", stmt, 2);
  set_text_column (user, "role", stmt, 3);
  set_id_column (user, "account_id", stmt, 4);

  account = json_object_new ();
  set_id_column (account, "id", stmt, 4);
  set_text_column (account, "name", stmt, 5);

  object = json_object_new ();
  json_object_set_object_member (object, "user", user);
  json_object_set_object_member (object, "account", account);
  /* Flat copies, for clients that want one object. */
  set_id_column (object, "user_id", stmt, 0);
  set_text_column (object, "email", stmt, 1);
  set_text_column (object, "name", stmt, 2);
  set_text_column (object, "role", stmt, 3);
  set_id_column (object, "account_id", stmt, 4);
  set_text_column (object, "account_name", stmt, 5);
  sqlite3_reset (stmt);

  return object;
}

/* json-glib parses recursively: a body nested deeper than any of ours
 * is refused before it can exhaust the stack.
 */
gboolean
td_platform_json_is_shallow (const char *data,
                             gsize       len)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > TD_PLATFORM_MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }

  return TRUE;
}
