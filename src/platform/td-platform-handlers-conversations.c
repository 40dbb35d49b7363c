/* td-platform-handlers-conversations.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-conversations"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

/* Answers "no such conversation" when the caller may not see it (see
 * TD_PLATFORM_MEMBER_SEES_CONVERSATION).
 */
static gboolean
check_conversation_visible (TdPlatformRequest  *req,
                            gint64              id,
                            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (req->caller.admin)
    return TRUE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT 1 FROM conversations c WHERE c.id = ?1 AND c.account_id = "
                               "?2 "
                               "AND " TD_PLATFORM_MEMBER_SEES_CONVERSATION ("0", "c"),
                               "ii", id, req->caller.account_id);
  if (stmt == NULL)
    return FALSE;
  rc = td_platform_db_step (req->db, stmt, error);
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                           _("No such conversation"));
      return FALSE;
    }

  return TRUE;
}

/* Turns free text into a LIKE pattern that matches it anywhere, with the
 * wildcards in it taken literally (ESCAPE '\').
 */
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
td_platform_handle_conversations_list (TdPlatformRequest  *req,
                                       GError            **error)
{
  g_autoptr(GString) items = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (TD_CONVERSATION_SELECT);
  g_autofree char *pattern = NULL;
  const char *view = td_platform_request_get_query (req, "view");
  const char *q = td_platform_request_get_query (req, "q");
  const char *flag = td_platform_request_get_query (req, "flag");
  const char *order_column = "c.last_message_id";
  sqlite3_stmt *stmt;
  gint64 campaign_id = 0;
  gint64 last_conversation_id = 0;
  gint64 cursor;
  gint64 next = 0;
  int unread;
  int archived;
  guint limit;
  guint n = 0;
  int rc;

  if (!td_platform_request_get_limit (req, &limit, error) ||
      !td_platform_request_get_cursor (req, &cursor, error) ||
      !td_platform_request_get_bool_query (req, "unread", &unread, error) ||
      !td_platform_request_get_bool_query (req, "archived", &archived, error) ||
      !td_platform_request_get_id_query (req, "campaign_id", &campaign_id, error))
    return FALSE;

  if (view != NULL && !g_str_equal (view, "stream") && !g_str_equal (view, "all"))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“view” must be stream or all"));
      return FALSE;
    }

  if (flag != NULL && !g_str_equal (flag, "misspelling") && !g_str_equal (flag, "expired"))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“flag” must be misspelling or expired"));
      return FALSE;
    }

  if (q != NULL && (!g_utf8_validate (q, -1, NULL) || g_utf8_strlen (q, -1) > 200))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“q” must be valid text of at most 200 characters"));
      return FALSE;
    }

  /* Only administrators see the Conversation Stream. */
  if (g_strcmp0 (view, "stream") == 0 && !req->caller.admin)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_FORBIDDEN,
                           _("Only administrators may see the Conversation Stream"));
      return FALSE;
    }

  if (campaign_id != 0)
    {
      g_autoptr(JsonObject) campaign = td_platform_get_campaign (req->db, req->caller.account_id,
                                                                 campaign_id, error);

      if (campaign == NULL)
        return FALSE;

      g_string_append (sql, "JOIN conversation_campaigns cc ON cc.conversation_id = c.id "
                            "AND cc.campaign_id = ?6 ");
      order_column = "cc.last_message_id";
    }

  g_string_append_printf (sql, "WHERE c.account_id = ?1 AND %s < ?2 ", order_column);

  if (g_strcmp0 (view, "stream") == 0)
    g_string_append (sql, "AND c.in_stream = 1 ");

  g_string_append (sql, "AND " TD_PLATFORM_MEMBER_SEES_CONVERSATION ("?7", "c"));

  if (archived == 1)
    g_string_append (sql, "AND c.archived = 1 ");
  else if (archived == 0 || archived == -1)
    g_string_append (sql, "AND c.archived = 0 ");

  /* The stream's filters: the newest inbound text looks like a misspelt
   * keyword, or names an ended campaign's keyword. */
  if (g_strcmp0 (flag, "misspelling") == 0)
    g_string_append (sql, "AND im.suggested_keyword IS NOT NULL ");
  else if (g_strcmp0 (flag, "expired") == 0)
    g_string_append (sql, "AND im.expired_keyword IS NOT NULL ");

  if (unread == 1)
    g_string_append (sql, "AND c.unread_count > 0 ");
  else if (unread == 0)
    g_string_append (sql, "AND c.unread_count = 0 ");

  if (q != NULL && *q != '\0')
    {
      pattern = like_pattern (q);
      g_string_append (sql,
                       "AND (s.phone LIKE ?4 ESCAPE '\\' OR s.first_name LIKE ?4 ESCAPE '\\' "
                       "OR s.last_name LIKE ?4 ESCAPE '\\' "
                       "OR (s.first_name || ' ' || s.last_name) LIKE ?4 ESCAPE '\\' "
                       "OR EXISTS (SELECT 1 FROM messages qm JOIN texts qt ON qt.id = qm.text_id "
                       "WHERE qm.conversation_id = c.id AND " TD_PLATFORM_MEMBER_SEES_MESSAGE ("?7",
                                                                                               "qm")
                       "AND qt.body LIKE ?4 ESCAPE '\\')) ");
    }
  else
    g_string_append (sql, "AND ?4 IS NULL ");

  g_string_append_printf (sql, "ORDER BY %s DESC LIMIT ?3", order_column);
  if (campaign_id == 0)
    g_string_append (sql, " -- ?6");

  stmt = td_platform_db_query (req->db, error, sql->str, "iiitbib",
                               req->caller.account_id, cursor, (gint64) limit + 1,
                               pattern, FALSE, campaign_id, req->caller.admin);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      if (n == limit)
        break;
      if (n > 0)
        g_string_append_c (items, ',');
      td_platform_write_conversation (items, stmt);
      next = sqlite3_column_int64 (stmt, 12);
      last_conversation_id = sqlite3_column_int64 (stmt, 0);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  /* In Campaign Activity the order is by the campaign's last message. */
  if (campaign_id != 0 && rc == SQLITE_ROW && n > 0)
    {
      sqlite3_stmt *cc;

      cc = td_platform_db_query (req->db, error,
                                 "SELECT last_message_id FROM conversation_campaigns "
                                 "WHERE campaign_id = ?1 AND conversation_id = ?2",
                                 "ii", campaign_id, last_conversation_id);
      if (cc == NULL)
        return FALSE;
      if (td_platform_db_step (req->db, cc, error) == SQLITE_ROW)
        next = sqlite3_column_int64 (cc, 0);
      sqlite3_reset (cc);
    }

  td_platform_request_respond_page_text (req, items, rc == SQLITE_ROW ? next : 0);

  return TRUE;
}

gboolean
td_platform_handle_conversation_get (TdPlatformRequest  *req,
                                     GError            **error)
{
  g_autoptr(JsonObject) conversation = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0 || !check_conversation_visible (req, id, error))
    return FALSE;

  conversation = td_platform_get_conversation (req->db, req->caller.account_id, id, error);
  if (conversation == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, conversation);

  return TRUE;
}

/* Recounts the unread texts of a conversation after its read horizon
 * moved, for the conversation and each of its campaigns.
 */
static gboolean
recount_unread (TdPlatformRequest  *req,
                gint64              id,
                GError            **error)
{
  g_autoptr(GArray) campaigns = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!td_platform_db_run (req->db, error,
                           "UPDATE conversations SET unread_count = (SELECT count (*) FROM "
                           "messages m "
                           "WHERE m.conversation_id = ?1 AND m.direction = 'inbound' "
                           "AND m.id > conversations.last_read_message_id) WHERE id = ?1",
                           "i", id))
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT campaign_id FROM conversation_campaigns WHERE "
                               "conversation_id = ?1",
                               "i", id);
  if (stmt == NULL)
    return FALSE;
  while ((rc = td_platform_db_step (req->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 campaign_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (campaigns, campaign_id);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  for (guint i = 0; i < campaigns->len; i++)
    {
      gint64 campaign_id = g_array_index (campaigns, gint64, i);

      if (!td_platform_db_run (req->db, error,
                               "UPDATE campaigns SET unread_count = unread_count - "
                               "(SELECT unread_count FROM conversation_campaigns "
                               " WHERE campaign_id = ?1 AND conversation_id = ?2) WHERE id = ?1",
                               "ii", campaign_id, id) ||
          !td_platform_db_run (req->db, error,
                               "UPDATE conversation_campaigns SET unread_count = "
                               "(SELECT count (*) FROM messages m JOIN conversations c "
                               " ON c.id = m.conversation_id WHERE m.conversation_id = ?2 "
                               " AND m.campaign_id = ?1 AND m.direction = 'inbound' "
                               " AND m.id > c.last_read_message_id) "
                               "WHERE campaign_id = ?1 AND conversation_id = ?2",
                               "ii", campaign_id, id) ||
          !td_platform_db_run (req->db, error,
                               "UPDATE campaigns SET unread_count = unread_count + "
                               "(SELECT unread_count FROM conversation_campaigns "
                               " WHERE campaign_id = ?1 AND conversation_id = ?2) WHERE id = ?1",
                               "ii", campaign_id, id) ||
          !td_platform_publish_campaign (req->db, req->events, req->caller.account_id,
                                         campaign_id, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
td_platform_handle_conversation_patch (TdPlatformRequest  *req,
                                       GError            **error)
{
  static const char *const allowed[] = { "last_read_message_id", "archived", NULL };
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) updated = NULL;
  JsonObject *body;
  gint64 read_id = 0;
  gboolean has_read;
  gboolean archived = FALSE;
  gboolean has_archived;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0 || !check_conversation_visible (req, id, error))
    return FALSE;

  current = td_platform_get_conversation (req->db, req->caller.account_id, id, error);
  if (current == NULL)
    return FALSE;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  if (!td_platform_request_check_if_match (req, current, error))
    return FALSE;

  td_platform_json_get_id (req, body, "last_read_message_id", TRUE, &read_id, &has_read);
  td_platform_json_get_boolean (req, body, "archived", &archived, &has_archived);

  if (has_read && read_id != 0)
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = td_platform_db_query (req->db, error,
                                   "SELECT 1 FROM messages WHERE id = ?1 AND conversation_id = ?2",
                                   "ii", read_id, id);
      if (stmt == NULL)
        return FALSE;
      rc = td_platform_db_step (req->db, stmt, error);
      sqlite3_reset (stmt);
      if (rc == -1)
        return FALSE;
      if (rc != SQLITE_ROW)
        td_platform_request_field_error (req, "last_read_message_id", "not_found",
                                         _("No such message in this conversation"));
    }

  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (has_read)
    {
      if (!td_platform_db_run (req->db, error,
                               "UPDATE conversations SET last_read_message_id = ?2, "
                               "updated_at = ?3 WHERE id = ?1",
                               "iii", id, read_id, td_platform_now_ms ()))
        return FALSE;
      if (!recount_unread (req, id, error))
        return FALSE;
    }

  if (has_archived &&
      !td_platform_db_run (req->db, error,
                           "UPDATE conversations SET archived = ?2, updated_at = ?3 WHERE id = ?1",
                           "ibi", id, archived, td_platform_now_ms ()))
    return FALSE;

  if (!td_platform_publish_conversation (req->db, req->events, req->caller.account_id, id, error))
    return FALSE;

  updated = td_platform_get_conversation (req->db, req->caller.account_id, id, error);
  if (updated == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, updated);

  return TRUE;
}

gboolean
td_platform_handle_conversation_messages (TdPlatformRequest  *req,
                                          GError            **error)
{
  g_autoptr(JsonObject) conversation = NULL;
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

  if (!check_conversation_visible (req, id, error))
    return FALSE;

  conversation = td_platform_get_conversation (req->db, req->caller.account_id, id, error);
  if (conversation == NULL)
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT " TD_MESSAGE_COLUMNS " FROM messages m "
                               "JOIN texts t ON t.id = m.text_id "
                               "WHERE m.conversation_id = ?1 AND m.account_id = ?2 AND m.id < ?3 "
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
td_platform_handle_reply (TdPlatformRequest  *req,
                          GError            **error)
{
  static const char *const allowed[] = { "body", NULL };
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *status = NULL;
  TdPlatformMessageSpec spec = { 0 };
  sqlite3_stmt *stmt;
  JsonObject *body;
  const char *text;
  gint64 short_code_id = 0;
  gint64 text_id;
  gint64 message_id;
  gint64 now = td_platform_now_ms ();
  int rc;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0 || !check_conversation_visible (req, id, error))
    return FALSE;

  stmt = td_platform_db_query (req->db, error,
                               "SELECT c.subscriber_id, c.short_code_id, s.phone, s.status "
                               "FROM conversations c JOIN subscribers s ON s.id = c.subscriber_id "
                               "WHERE c.id = ?1 AND c.account_id = ?2",
                               "ii", id, req->caller.account_id);
  if (stmt == NULL)
    return FALSE;
  rc = td_platform_db_step (req->db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      spec.subscriber_id = sqlite3_column_int64 (stmt, 0);
      short_code_id = sqlite3_column_int64 (stmt, 1);
      phone = g_strdup (td_platform_column_text (stmt, 2));
      status = g_strdup (td_platform_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                           _("No such conversation"));
      return FALSE;
    }

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  td_platform_json_get_string (req, body, "body", TRUE, FALSE, 1600, &text, NULL);
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (g_strcmp0 (status, "opted_out") == 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_OPTED_OUT,
                           _("The subscriber opted out; nothing can be sent to them"));
      return FALSE;
    }

  /* Also refused when the number opted out on the short code. */
  text_id = td_platform_outbox_enqueue (req->outbox, short_code_id, phone, text, FALSE, now, error);
  if (text_id == 0)
    return FALSE;

  spec.account_id = req->caller.account_id;
  spec.conversation_id = id;
  spec.text_id = text_id;
  spec.direction = "outbound";
  spec.sent_by_user_id = req->caller.user_id;
  spec.created_at = now;

  message_id = td_platform_pipeline_add_message (req->pipeline, &spec, error);
  if (message_id == 0 || !td_platform_pipeline_publish_changes (req->pipeline, error))
    return FALSE;

  message = td_platform_get_message (req->db, req->caller.account_id, message_id, error);
  if (message == NULL)
    return FALSE;

  {
    g_autofree char *location = g_strdup_printf ("/v1/messages/%" G_GINT64_FORMAT, message_id);

    soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                  "Location", location);
  }
  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, message);

  return TRUE;
}

gboolean
td_platform_handle_message_get (TdPlatformRequest  *req,
                                GError            **error)
{
  g_autoptr(JsonObject) message = NULL;
  gint64 id = td_platform_request_segment_id (req, 2, error);

  if (id == 0)
    return FALSE;

  message = td_platform_get_message (req->db, req->caller.account_id, id, error);
  if (message == NULL)
    return FALSE;

  if (!req->caller.admin)
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = td_platform_db_query (req->db, error,
                                   "SELECT 1 FROM messages m WHERE m.id = ?1 AND "
                                   TD_PLATFORM_MEMBER_SEES_MESSAGE ("0", "m"),
                                   "i", id);
      if (stmt == NULL)
        return FALSE;
      rc = td_platform_db_step (req->db, stmt, error);
      sqlite3_reset (stmt);
      if (rc == -1)
        return FALSE;
      if (rc != SQLITE_ROW)
        {
          g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                               _("No such message"));
          return FALSE;
        }
    }

  td_platform_request_respond_object (req, SOUP_STATUS_OK, message);

  return TRUE;
}
