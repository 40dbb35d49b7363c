/* td-platform-db.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-db"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-db.h"
#include "td-platform-error.h"

struct _TdPlatformDb
{
  GObject     parent_instance;

  sqlite3    *handle;
  GHashTable *statements; /* SQL text (owned) -> sqlite3_stmt */
  GHashTable *by_address; /* SQL text address -> its key in statements */
  int         version;
};

G_DEFINE_FINAL_TYPE (TdPlatformDb, td_platform_db, G_TYPE_OBJECT)

/* Each entry migrates the schema from version N to N + 1; entries are
 * never edited once released, only appended.
 */
static const char *const migrations[] = {
  /* 1: the whole model. */
  "CREATE TABLE accounts ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"

  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  email TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('admin', 'member')),"
  "  password_hash TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX users_account ON users (account_id);"

  "CREATE TABLE tokens ("
  "  id INTEGER PRIMARY KEY,"
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  hash BLOB NOT NULL UNIQUE,"
  "  created_at INTEGER NOT NULL,"
  "  revoked_at INTEGER);"
  "CREATE INDEX tokens_user ON tokens (user_id);"

  "CREATE TABLE short_codes ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('dedicated', 'shared')),"
  "  text_chat INTEGER NOT NULL DEFAULT 0,"
  "  fallback_response TEXT NOT NULL DEFAULT '',"
  "  help_response TEXT NOT NULL DEFAULT '',"
  "  stop_response TEXT NOT NULL DEFAULT '',"
  "  start_response TEXT NOT NULL DEFAULT '',"
  "  gateway TEXT NOT NULL DEFAULT 'outbox' CHECK (gateway IN ('outbox', 'twilio')),"
  "  secret TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"

  "CREATE TABLE short_code_accounts ("
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id) ON DELETE CASCADE,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (short_code_id, account_id)) WITHOUT ROWID;"
  "CREATE INDEX short_code_accounts_account ON short_code_accounts (account_id, short_code_id);"

  "CREATE TABLE lists ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  subscriber_count INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX lists_account ON lists (account_id, id);"

  "CREATE TABLE campaigns ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id),"
  "  name TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'expired')),"
  "  list_id INTEGER REFERENCES lists (id) ON DELETE SET NULL,"
  "  auto_response TEXT NOT NULL DEFAULT '',"
  "  expired_response TEXT NOT NULL DEFAULT '',"
  "  redirect_campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  starts_at INTEGER,"
  "  ends_at INTEGER,"
  "  message_count INTEGER NOT NULL DEFAULT 0,"
  "  unread_count INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE INDEX campaigns_account ON campaigns (account_id, id);"
  "CREATE INDEX campaigns_list ON campaigns (list_id);"
  "CREATE INDEX campaigns_redirect ON campaigns (redirect_campaign_id);"

  "CREATE TABLE keywords ("
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id),"
  "  keyword TEXT NOT NULL,"
  "  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (short_code_id, keyword)) WITHOUT ROWID;"
  "CREATE INDEX keywords_campaign ON keywords (campaign_id, position);"

  "CREATE TABLE fields ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean')),"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (account_id, key));"

  "CREATE TABLE subscribers ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  phone TEXT NOT NULL,"
  "  first_name TEXT NOT NULL DEFAULT '',"
  "  last_name TEXT NOT NULL DEFAULT '',"
  "  fields TEXT NOT NULL DEFAULT '{}',"
  "  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'opted_out')),"
  "  opted_out_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  last_seen_at INTEGER,"
  "  UNIQUE (account_id, phone));"
  "CREATE INDEX subscribers_account ON subscribers (account_id, id);"
  "CREATE INDEX subscribers_phone ON subscribers (phone);"

  "CREATE TABLE list_members ("
  "  id INTEGER PRIMARY KEY,"
  "  list_id INTEGER NOT NULL REFERENCES lists (id) ON DELETE CASCADE,"
  "  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,"
  "  source TEXT NOT NULL CHECK (source IN ('keyword', 'import', 'manual', 'api')),"
  "  keyword TEXT,"
  "  added_at INTEGER NOT NULL,"
  "  UNIQUE (list_id, subscriber_id));"
  "CREATE INDEX list_members_list ON list_members (list_id, id);"
  "CREATE INDEX list_members_subscriber ON list_members (subscriber_id);"

  "CREATE TABLE opt_outs ("
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id),"
  "  phone TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (short_code_id, phone)) WITHOUT ROWID;"

  /* A text is one SMS as the gateway carries it, stored once; a message
   * is what one account sees of it (see the shared-code rule).
   */
  "CREATE TABLE texts ("
  "  id INTEGER PRIMARY KEY,"
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id),"
  "  phone TEXT NOT NULL,"
  "  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),"
  "  body TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'failed', "
  "'undelivered')),"
  "  gateway TEXT,"
  "  gateway_sid TEXT,"
  "  error_code TEXT,"
  "  compliance INTEGER NOT NULL DEFAULT 0,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL);"
  "CREATE UNIQUE INDEX texts_gateway_sid ON texts (gateway_sid) WHERE gateway_sid IS NOT NULL;"
  "CREATE INDEX texts_queue ON texts (next_attempt_at) WHERE next_attempt_at IS NOT NULL;"

  "CREATE TABLE conversations ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,"
  "  short_code_id INTEGER NOT NULL REFERENCES short_codes (id),"
  "  last_message_id INTEGER NOT NULL DEFAULT 0,"
  "  last_read_message_id INTEGER NOT NULL DEFAULT 0,"
  "  unread_count INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  in_stream INTEGER NOT NULL DEFAULT 0,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (account_id, subscriber_id, short_code_id));"
  "CREATE INDEX conversations_recent ON conversations (account_id, archived, last_message_id);"
  "CREATE INDEX conversations_stream ON conversations (account_id, in_stream, archived, "
  "last_message_id);"
  "CREATE INDEX conversations_subscriber ON conversations (subscriber_id);"

  "CREATE TABLE conversation_campaigns ("
  "  campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,"
  "  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
  "  last_message_id INTEGER NOT NULL,"
  "  unread_count INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (campaign_id, conversation_id)) WITHOUT ROWID;"
  "CREATE INDEX conversation_campaigns_recent ON conversation_campaigns (campaign_id, "
  "last_message_id);"
  "CREATE INDEX conversation_campaigns_conversation ON conversation_campaigns (conversation_id);"

  "CREATE TABLE messages ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,"
  "  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,"
  "  text_id INTEGER NOT NULL REFERENCES texts (id),"
  "  direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),"
  "  campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  matched_keyword TEXT,"
  "  in_stream INTEGER NOT NULL DEFAULT 0,"
  "  expired_keyword TEXT,"
  "  expired_campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  redirect_campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  suggested_keyword TEXT,"
  "  suggested_campaign_id INTEGER REFERENCES campaigns (id) ON DELETE SET NULL,"
  "  sent_by_user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX messages_conversation ON messages (conversation_id, id);"
  "CREATE INDEX messages_subscriber ON messages (subscriber_id, id);"
  "CREATE INDEX messages_account ON messages (account_id, id);"
  "CREATE INDEX messages_campaign ON messages (campaign_id, id) WHERE campaign_id IS NOT NULL;"
  "CREATE INDEX messages_text ON messages (text_id);"
  "CREATE INDEX messages_expired ON messages (expired_campaign_id) WHERE expired_campaign_id IS "
  "NOT NULL;"
  "CREATE INDEX messages_redirect ON messages (redirect_campaign_id) WHERE redirect_campaign_id IS "
  "NOT NULL;"
  "CREATE INDEX messages_suggested ON messages (suggested_campaign_id) WHERE suggested_campaign_id "
  "IS NOT NULL;"

  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,"
  "  type TEXT NOT NULL,"
  "  data TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL);"
  "CREATE INDEX events_account ON events (account_id, id);"

  "CREATE TABLE idempotency_keys ("
  "  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  request_hash TEXT NOT NULL,"
  "  state TEXT NOT NULL CHECK (state IN ('running', 'done')),"
  "  status INTEGER,"
  "  response TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, key)) WITHOUT ROWID;",

  /* 2: events of the Conversation Stream reach administrators only. */
  "ALTER TABLE events ADD COLUMN admin_only INTEGER NOT NULL DEFAULT 0;",
};

static void
td_platform_db_finalize (GObject *object)
{
  TdPlatformDb *self = (TdPlatformDb *)object;

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);

  G_OBJECT_CLASS (td_platform_db_parent_class)->finalize (object);
}

static void
td_platform_db_class_init (TdPlatformDbClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_platform_db_finalize;
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
td_platform_db_init (TdPlatformDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
}

void
td_platform_db_set_error (TdPlatformDb  *self,
                          GError       **error)
{
  int code = sqlite3_extended_errcode (self->handle);

  /* Constraint failures are caused by the request; everything else is
   * ours to fix.
   */
  if ((code & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_CONFLICT,
                 _("The change conflicts with existing data (%s)"),
                 sqlite3_errmsg (self->handle));
  else
    g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_DATABASE,
                 _("Database error: %s"), sqlite3_errmsg (self->handle));
}

gboolean
td_platform_db_exec (TdPlatformDb  *self,
                     const char    *sql,
                     GError       **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_DATABASE,
                   _("Database error: %s"), message ? message : "?");
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (TdPlatformDb  *self,
         GError       **error)
{
  sqlite3_stmt *stmt;
  int version = 0;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
    {
      td_platform_db_set_error (self, error);
      return FALSE;
    }
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_DATABASE,
                   _("The database has schema version %d, newer than this "
                     "program knows (%d)"),
                   version, (int) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  for (int i = version; i < (int) G_N_ELEMENTS (migrations); i++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", i + 1);

      if (!td_platform_db_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      if (!td_platform_db_exec (self, migrations[i], error) ||
          !td_platform_db_exec (self, set_version, error) ||
          !td_platform_db_exec (self, "COMMIT", error))
        {
          td_platform_db_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      g_debug ("Migrated the database to schema version %d", i + 1);
    }

  self->version = G_N_ELEMENTS (migrations);

  return TRUE;
}

/**
 * td_platform_db_open:
 * @path: the database file, created if missing
 * @error: return location for a #GError
 *
 * Opens the database in WAL mode with foreign keys on, and migrates its
 * schema to the current version.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
TdPlatformDb *
td_platform_db_open (const char  *path,
                     GError     **error)
{
  g_autoptr(TdPlatformDb) self = g_object_new (TD_TYPE_PLATFORM_DB, NULL);

  g_return_val_if_fail (path != NULL, NULL);

  if (sqlite3_open_v2 (path, &self->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s"), path,
                   self->handle ? sqlite3_errmsg (self->handle) : "?");
      return NULL;
    }

  sqlite3_busy_timeout (self->handle, 5000);
  sqlite3_extended_result_codes (self->handle, 1);

  if (!td_platform_db_exec (self,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA foreign_keys = ON;"
                            "PRAGMA temp_store = MEMORY;"
                            "PRAGMA cache_size = -32000;",
                            error))
    return NULL;

  if (!migrate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

sqlite3 *
td_platform_db_get_handle (TdPlatformDb *self)
{
  g_return_val_if_fail (TD_IS_PLATFORM_DB (self), NULL);

  return self->handle;
}

int
td_platform_db_get_version (TdPlatformDb *self)
{
  return self->version;
}

/**
 * td_platform_db_prepare:
 * @self: a #TdPlatformDb
 * @sql: one SQL statement
 * @error: return location for a #GError
 *
 * Returns the cached prepared statement for @sql, reset and with its
 * bindings cleared.
 *
 * Returns: (transfer none): the statement, or %NULL with @error set
 */
sqlite3_stmt *
td_platform_db_prepare (TdPlatformDb  *self,
                        const char    *sql,
                        GError       **error)
{
  const char *key = g_hash_table_lookup (self->by_address, sql);
  sqlite3_stmt *stmt = NULL;

  /* Most SQL is a literal: found by its address first (checked, as a
   * built string may reuse an address), by its text otherwise. Hashing
   * long SQL text on every call shows in profiles.
   */
  if (key != NULL && strcmp (key, sql) == 0)
    stmt = g_hash_table_lookup (self->statements, key);
  else
    {
      char *stored = NULL;

      if (g_hash_table_lookup_extended (self->statements, sql, (gpointer *) &stored,
                                        (gpointer *) &stmt))
        {
          /* Built strings come at ever new addresses: keep this bounded. */
          if (g_hash_table_size (self->by_address) > 4096)
            g_hash_table_remove_all (self->by_address);
          g_hash_table_insert (self->by_address, (gpointer) sql, stored);
        }
    }

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT,
                          &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_DATABASE,
                   _("Database error: %s"), sqlite3_errmsg (self->handle));
      g_critical ("Could not prepare “%s”: %s", sql, sqlite3_errmsg (self->handle));
      return NULL;
    }

  {
    char *stored = g_strdup (sql);

    g_hash_table_insert (self->statements, stored, stmt);
    g_hash_table_insert (self->by_address, (gpointer) sql, stored);
  }

  return stmt;
}

static sqlite3_stmt *
query_valist (TdPlatformDb  *self,
              GError       **error,
              const char    *sql,
              const char    *types,
              va_list        args)
{
  sqlite3_stmt *stmt = td_platform_db_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  /* i: gint64, b: gboolean, t: text (NULL binds NULL), d: double,
   * k: gint64 where 0 binds NULL (an absent id).
   */
  for (int i = 0; types != NULL && types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 'i':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;

        case 'k':
          {
            gint64 v = va_arg (args, gint64);

            if (v == 0)
              sqlite3_bind_null (stmt, i + 1);
            else
              sqlite3_bind_int64 (stmt, i + 1, v);
          }
          break;

        case 'b':
          sqlite3_bind_int (stmt, i + 1, va_arg (args, gboolean) ? 1 : 0);
          break;

        case 'd':
          sqlite3_bind_double (stmt, i + 1, va_arg (args, double));
          break;

        case 't':
          {
            const char *text = va_arg (args, const char *);

            if (text == NULL)
              sqlite3_bind_null (stmt, i + 1);
            else
              sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return stmt;
}

/**
 * td_platform_db_query:
 * @self: a #TdPlatformDb
 * @error: return location for a #GError
 * @sql: one SQL statement
 * @types: one letter per parameter: `i` gint64, `k` gint64 id (0 is NULL),
 *   `b` gboolean, `d` double, `t` string (NULL is NULL)
 * @...: the parameters
 *
 * Returns: (transfer none): the bound statement, ready to step
 */
sqlite3_stmt *
td_platform_db_query (TdPlatformDb  *self,
                      GError       **error,
                      const char    *sql,
                      const char    *types,
                      ...)
{
  sqlite3_stmt *stmt;
  va_list args;

  va_start (args, types);
  stmt = query_valist (self, error, sql, types, args);
  va_end (args);

  return stmt;
}

/**
 * td_platform_db_run:
 *
 * Binds and runs a statement that returns no rows.
 *
 * Returns: %TRUE on success
 */
gboolean
td_platform_db_run (TdPlatformDb  *self,
                    GError       **error,
                    const char    *sql,
                    const char    *types,
                    ...)
{
  sqlite3_stmt *stmt;
  va_list args;
  int rc;

  va_start (args, types);
  stmt = query_valist (self, error, sql, types, args);
  va_end (args);

  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (self, stmt, error);
  sqlite3_reset (stmt);

  return rc != -1;
}

/**
 * td_platform_db_step:
 *
 * Returns: %SQLITE_ROW, %SQLITE_DONE, or -1 with @error set
 */
int
td_platform_db_step (TdPlatformDb  *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  td_platform_db_set_error (self, error);
  sqlite3_reset (stmt);

  return -1;
}

gboolean
td_platform_db_begin (TdPlatformDb  *self,
                      GError       **error)
{
  sqlite3_stmt *stmt = td_platform_db_prepare (self, "BEGIN IMMEDIATE", error);

  return stmt != NULL && td_platform_db_step (self, stmt, error) != -1;
}

gboolean
td_platform_db_commit (TdPlatformDb  *self,
                       GError       **error)
{
  sqlite3_stmt *stmt = td_platform_db_prepare (self, "COMMIT", error);

  if (stmt == NULL || td_platform_db_step (self, stmt, error) == -1)
    {
      td_platform_db_rollback (self);
      return FALSE;
    }

  return TRUE;
}

void
td_platform_db_rollback (TdPlatformDb *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    td_platform_db_exec (self, "ROLLBACK", NULL);
}

gboolean
td_platform_db_in_transaction (TdPlatformDb *self)
{
  return !sqlite3_get_autocommit (self->handle);
}

gint64
td_platform_db_last_insert_id (TdPlatformDb *self)
{
  return sqlite3_last_insert_rowid (self->handle);
}

int
td_platform_db_changes (TdPlatformDb *self)
{
  return sqlite3_changes (self->handle);
}

gint64
td_platform_now_ms (void)
{
  return g_get_real_time () / 1000;
}

/**
 * td_platform_format_time:
 * @ms: milliseconds since the Unix epoch
 *
 * Returns: (transfer full): RFC 3339 in UTC with milliseconds
 */
char *
td_platform_format_time (gint64 ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (ms / 1000);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                          g_date_time_get_year (dt),
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt),
                          g_date_time_get_second (dt),
                          (int) (((ms % 1000) + 1000) % 1000));
}

/**
 * td_platform_parse_time:
 * @text: an RFC 3339 time with its offset
 * @out_ms: (out): milliseconds since the Unix epoch
 *
 * Returns: whether @text is a valid time
 */
gboolean
td_platform_parse_time (const char *text,
                        gint64     *out_ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) < 20 || (text[10] != 'T' && text[10] != 't'))
    return FALSE;

  dt = g_date_time_new_from_iso8601 (text, NULL);
  if (dt == NULL)
    return FALSE;

  *out_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;

  return TRUE;
}

const char *
td_platform_column_text (sqlite3_stmt *stmt,
                         int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
