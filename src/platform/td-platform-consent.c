/* td-platform-consent.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-consent"

#include "config.h"

#include "td-platform-consent.h"
#include "td-platform-objects.h"

/* Opt-outs are kept per short code and phone, whether or not an account
 * knows the number: carriers hold the short code to them. Subscribers of
 * every account on the code follow them.
 */
gboolean
td_platform_consent_is_opted_out (TdPlatformDb  *db,
                                  gint64         short_code_id,
                                  const char    *phone,
                                  gboolean      *out_opted_out,
                                  GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (db, error,
                               "SELECT 1 FROM opt_outs WHERE short_code_id = ?1 AND phone = ?2",
                               "it", short_code_id, phone);
  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (db, stmt, error);
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  *out_opted_out = rc == SQLITE_ROW;

  return TRUE;
}

static gboolean
publish_subscribers_of_phone (TdPlatformDb      *db,
                              TdPlatformEvents  *events,
                              gint64             short_code_id,
                              const char        *phone,
                              GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (db, error,
                               "SELECT s.account_id, s.id FROM subscribers s "
                               "JOIN short_code_accounts a ON a.account_id = s.account_id "
                               "WHERE a.short_code_id = ?1 AND s.phone = ?2",
                               "it", short_code_id, phone);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (db, stmt, error)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (ids, pair);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *pair = &g_array_index (ids, gint64, 2 * i);

      if (!td_platform_publish_subscriber (db, events, pair[0], pair[1], error))
        return FALSE;
    }

  return TRUE;
}

gboolean
td_platform_consent_opt_out (TdPlatformDb      *db,
                             TdPlatformEvents  *events,
                             gint64             short_code_id,
                             const char        *phone,
                             gint64             now,
                             gboolean          *out_changed,
                             GError           **error)
{
  if (!td_platform_db_run (db, error,
                           "INSERT OR IGNORE INTO opt_outs (short_code_id, phone, at) "
                           "VALUES (?1, ?2, ?3)",
                           "iti", short_code_id, phone, now))
    return FALSE;

  *out_changed = td_platform_db_changes (db) > 0;
  if (!*out_changed)
    return TRUE;

  if (!td_platform_db_run (db, error,
                           "UPDATE subscribers SET status = 'opted_out', opted_out_at = ?3, "
                           "updated_at = ?3 WHERE phone = ?2 AND status = 'active' AND "
                           "account_id IN (SELECT account_id FROM short_code_accounts "
                           "WHERE short_code_id = ?1)",
                           "iti", short_code_id, phone, now))
    return FALSE;

  return publish_subscribers_of_phone (db, events, short_code_id, phone, error);
}

gboolean
td_platform_consent_opt_in (TdPlatformDb      *db,
                            TdPlatformEvents  *events,
                            gint64             short_code_id,
                            const char        *phone,
                            gint64             now,
                            gboolean          *out_changed,
                            GError           **error)
{
  if (!td_platform_db_run (db, error,
                           "DELETE FROM opt_outs WHERE short_code_id = ?1 AND phone = ?2",
                           "it", short_code_id, phone))
    return FALSE;

  *out_changed = td_platform_db_changes (db) > 0;
  if (!*out_changed)
    return TRUE;

  if (!td_platform_db_run (db, error,
                           "UPDATE subscribers SET status = 'active', opted_out_at = NULL, "
                           "updated_at = ?3 WHERE phone = ?2 AND status = 'opted_out' AND "
                           "account_id IN (SELECT account_id FROM short_code_accounts "
                           "WHERE short_code_id = ?1)",
                           "iti", short_code_id, phone, now))
    return FALSE;

  return publish_subscribers_of_phone (db, events, short_code_id, phone, error);
}

gboolean
td_platform_consent_join_list (TdPlatformDb      *db,
                               TdPlatformEvents  *events,
                               gint64             account_id,
                               gint64             list_id,
                               gint64             subscriber_id,
                               const char        *source,
                               const char        *keyword,
                               gint64             now,
                               gboolean          *out_added,
                               GError           **error)
{
  if (!td_platform_db_run (db, error,
                           "INSERT OR IGNORE INTO list_members "
                           "(list_id, subscriber_id, source, keyword, added_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           "iitti", list_id, subscriber_id, source, keyword, now))
    return FALSE;

  *out_added = td_platform_db_changes (db) > 0;
  if (!*out_added)
    return TRUE;

  if (!td_platform_db_run (db, error,
                           "UPDATE lists SET subscriber_count = subscriber_count + 1, "
                           "updated_at = ?2 WHERE id = ?1",
                           "ii", list_id, now))
    return FALSE;

  return td_platform_publish_list (db, events, account_id, list_id, error);
}

gboolean
td_platform_consent_leave_list (TdPlatformDb      *db,
                                TdPlatformEvents  *events,
                                gint64             account_id,
                                gint64             list_id,
                                gint64             subscriber_id,
                                gboolean          *out_removed,
                                GError           **error)
{
  if (!td_platform_db_run (db, error,
                           "DELETE FROM list_members WHERE list_id = ?1 AND subscriber_id = ?2",
                           "ii", list_id, subscriber_id))
    return FALSE;

  *out_removed = td_platform_db_changes (db) > 0;
  if (!*out_removed)
    return TRUE;

  if (!td_platform_db_run (db, error,
                           "UPDATE lists SET subscriber_count = subscriber_count - 1, "
                           "updated_at = ?2 WHERE id = ?1",
                           "ii", list_id, td_platform_now_ms ()))
    return FALSE;

  return td_platform_publish_list (db, events, account_id, list_id, error);
}

gboolean
td_platform_publish_subscriber (TdPlatformDb      *db,
                                TdPlatformEvents  *events,
                                gint64             account_id,
                                gint64             subscriber_id,
                                GError           **error)
{
  g_autoptr(JsonObject) object = td_platform_get_subscriber (db, account_id, subscriber_id, error);

  return object != NULL &&
         td_platform_events_add (events, account_id, "subscriber.updated", object, error);
}

gboolean
td_platform_publish_list (TdPlatformDb      *db,
                          TdPlatformEvents  *events,
                          gint64             account_id,
                          gint64             list_id,
                          GError           **error)
{
  g_autoptr(JsonObject) object = td_platform_get_list (db, account_id, list_id, error);

  return object != NULL &&
         td_platform_events_add (events, account_id, "list.updated", object, error);
}

static gboolean
publish_row (TdPlatformDb      *db,
             TdPlatformEvents  *events,
             gint64             account_id,
             const char        *type,
             sqlite3_stmt      *stmt,
             int                kind,
             GError           **error)
{
  g_autoptr(GString) text = g_string_sized_new (1024);
  gboolean admin_only = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      /* The object is gone (deleted in this transaction): nothing to say. */
      return rc == SQLITE_DONE;
    }

  switch (kind)
    {
    case 0:
      td_platform_write_message (text, stmt, 0);
      admin_only = sqlite3_column_int (stmt, 8) != 0;
      break;
    case 1:
      td_platform_write_conversation (text, stmt);
      admin_only = sqlite3_column_int (stmt, 6) != 0;
      break;
    default:
      td_platform_write_campaign (text, stmt);
      break;
    }
  sqlite3_reset (stmt);

  /* Texts of the Conversation Stream, and its conversations, are for
   * administrators only, as the stream itself is.
   */
  return td_platform_events_add_text (events, account_id, type, text->str, admin_only, error);
}

gboolean
td_platform_publish_campaign (TdPlatformDb      *db,
                              TdPlatformEvents  *events,
                              gint64             account_id,
                              gint64             campaign_id,
                              GError           **error)
{
  return publish_row (db, events, account_id, "campaign.updated",
                      td_platform_db_query (db, error,
                                            TD_CAMPAIGN_SELECT "WHERE c.id = ?2 AND c.account_id = "
                                                               "?3",
                                            "iii", td_platform_now_ms (), campaign_id, account_id),
                      2, error);
}

gboolean
td_platform_publish_conversation (TdPlatformDb      *db,
                                  TdPlatformEvents  *events,
                                  gint64             account_id,
                                  gint64             conversation_id,
                                  GError           **error)
{
  return publish_row (db, events, account_id, "conversation.updated",
                      td_platform_db_query (db, error,
                                            TD_CONVERSATION_SELECT "WHERE c.id = ?1 AND "
                                                                   "c.account_id = ?2",
                                            "ii", conversation_id, account_id),
                      1, error);
}

gboolean
td_platform_publish_message (TdPlatformDb      *db,
                             TdPlatformEvents  *events,
                             gint64             account_id,
                             gint64             message_id,
                             const char        *type,
                             GError           **error)
{
  return publish_row (db, events, account_id, type,
                      td_platform_db_query (db, error,
                                            "SELECT " TD_MESSAGE_COLUMNS " FROM messages m "
                                            "JOIN texts t ON t.id = m.text_id "
                                            "WHERE m.id = ?1 AND m.account_id = ?2",
                                            "ii", message_id, account_id),
                      0, error);
}
