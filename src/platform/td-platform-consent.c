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

gboolean
td_platform_publish_campaign (TdPlatformDb      *db,
                              TdPlatformEvents  *events,
                              gint64             account_id,
                              gint64             campaign_id,
                              GError           **error)
{
  g_autoptr(JsonObject) object = td_platform_get_campaign (db, account_id, campaign_id, error);

  return object != NULL &&
         td_platform_events_add (events, account_id, "campaign.updated", object, error);
}

gboolean
td_platform_publish_conversation (TdPlatformDb      *db,
                                  TdPlatformEvents  *events,
                                  gint64             account_id,
                                  gint64             conversation_id,
                                  GError           **error)
{
  g_autoptr(JsonObject) object = td_platform_get_conversation (db, account_id, conversation_id, error);

  return object != NULL &&
         td_platform_events_add (events, account_id, "conversation.updated", object, error);
}

gboolean
td_platform_publish_message (TdPlatformDb      *db,
                             TdPlatformEvents  *events,
                             gint64             account_id,
                             gint64             message_id,
                             const char        *type,
                             GError           **error)
{
  g_autoptr(JsonObject) object = td_platform_get_message (db, account_id, message_id, error);

  return object != NULL &&
         td_platform_events_add (events, account_id, type, object, error);
}
