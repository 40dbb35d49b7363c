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

JsonObject *
td_platform_message_from_row (sqlite3_stmt *stmt,
                              int           o)
{
  JsonObject *object = json_object_new ();

  set_id_column (object, "id", stmt, o + 0);
  set_id_column (object, "conversation_id", stmt, o + 1);
  set_id_column (object, "subscriber_id", stmt, o + 2);
  set_id_column (object, "short_code_id", stmt, o + 18);
  set_text_column (object, "direction", stmt, o + 3);
  set_text_column (object, "body", stmt, o + 4);
  set_text_column (object, "status", stmt, o + 5);
  set_id_column (object, "campaign_id", stmt, o + 6);
  set_text_column (object, "matched_keyword", stmt, o + 7);
  json_object_set_boolean_member (object, "in_stream", sqlite3_column_int (stmt, o + 8) != 0);
  set_text_column (object, "expired_keyword", stmt, o + 9);
  set_id_column (object, "expired_campaign_id", stmt, o + 13);
  set_id_column (object, "redirect_campaign_id", stmt, o + 14);
  set_text_column (object, "suggested_keyword", stmt, o + 10);
  set_id_column (object, "suggested_campaign_id", stmt, o + 11);
  set_text_column (object, "error_code", stmt, o + 15);
  set_id_column (object, "sent_by_user_id", stmt, o + 16);
  set_time_column (object, "created_at", stmt, o + 12);
  set_time_column (object, "updated_at", stmt, o + 17);

  return object;
}

JsonObject *
td_platform_conversation_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();
  JsonObject *subscriber = json_object_new ();

  set_id_column (object, "id", stmt, 0);
  set_id_column (subscriber, "id", stmt, 7);
  set_text_column (subscriber, "phone", stmt, 8);
  set_text_column (subscriber, "first_name", stmt, 9);
  set_text_column (subscriber, "last_name", stmt, 10);
  set_text_column (subscriber, "status", stmt, 11);
  json_object_set_object_member (object, "subscriber", subscriber);
  set_id_column (object, "short_code_id", stmt, 1);

  if (sqlite3_column_type (stmt, TD_CONVERSATION_LAST_MESSAGE_COLUMN) == SQLITE_NULL)
    json_object_set_null_member (object, "last_message");
  else
    json_object_set_object_member (object, "last_message",
                                   td_platform_message_from_row (stmt, TD_CONVERSATION_LAST_MESSAGE_COLUMN));

  if (sqlite3_column_type (stmt, TD_CONVERSATION_LAST_INBOUND_COLUMN) == SQLITE_NULL)
    json_object_set_null_member (object, "last_inbound_message");
  else
    json_object_set_object_member (object, "last_inbound_message",
                                   td_platform_message_from_row (stmt, TD_CONVERSATION_LAST_INBOUND_COLUMN));

  json_object_set_int_member (object, "unread_count", sqlite3_column_int64 (stmt, 3));
  td_platform_json_set_id (object, "last_read_message_id", sqlite3_column_int64 (stmt, 2));
  json_object_set_boolean_member (object, "archived", sqlite3_column_int (stmt, 4) != 0);
  json_object_set_boolean_member (object, "in_stream", sqlite3_column_int (stmt, 6) != 0);
  set_time_column (object, "updated_at", stmt, 5);

  return object;
}

JsonObject *
td_platform_campaign_from_row (sqlite3_stmt *stmt)
{
  JsonObject *object = json_object_new ();
  JsonArray *keywords = json_array_new ();
  const char *joined = td_platform_column_text (stmt, 15);

  set_id_column (object, "id", stmt, 0);
  set_text_column (object, "name", stmt, 1);
  set_id_column (object, "short_code_id", stmt, 2);
  set_text_column (object, "short_code", stmt, 16);

  if (joined != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (joined, " ", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        json_array_add_string_element (keywords, parts[i]);
    }
  json_object_set_array_member (object, "keywords", keywords);

  set_text_column (object, "status", stmt, 3);
  set_id_column (object, "list_id", stmt, 4);
  set_text_column (object, "auto_response", stmt, 5);
  set_text_column (object, "expired_response", stmt, 6);
  set_id_column (object, "redirect_campaign_id", stmt, 7);
  set_time_column (object, "starts_at", stmt, 8);
  set_time_column (object, "ends_at", stmt, 9);
  json_object_set_int_member (object, "subscriber_count", sqlite3_column_int64 (stmt, 10));
  json_object_set_int_member (object, "message_count", sqlite3_column_int64 (stmt, 11));
  json_object_set_int_member (object, "unread_count", sqlite3_column_int64 (stmt, 12));
  set_time_column (object, "created_at", stmt, 13);
  set_time_column (object, "updated_at", stmt, 14);

  return object;
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
