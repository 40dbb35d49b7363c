/* td-platform-pipeline.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-pipeline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-keyword.h"
#include "td-phone.h"
#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-pipeline.h"

struct _TdPlatformPipeline
{
  GObject           parent_instance;

  TdPlatformDb     *db;
  TdPlatformEvents *events;
  TdPlatformOutbox *outbox;

  /* Conversations and campaigns changed by the messages added since the
   * last td_platform_pipeline_publish_changes(): each gets one event.
   */
  GArray           *changed_conversations;  /* pairs of account id, id */
  GArray           *changed_campaigns;
};

G_DEFINE_FINAL_TYPE (TdPlatformPipeline, td_platform_pipeline, G_TYPE_OBJECT)

/* Who sees an inbound text: the shared-code rule of the contract, as one
 * query. On a dedicated code its owner sees everything; on a shared code
 * an account sees a text when the sender is on one of its lists, or when
 * the text named one of its keywords (?3).
 */
#define VISIBLE_ACCOUNTS_SQL \
  "SELECT a.account_id FROM short_code_accounts a " \
  "JOIN short_codes sc ON sc.id = a.short_code_id " \
  "WHERE a.short_code_id = ?1 AND (sc.kind = 'dedicated' OR a.account_id = ?3 " \
  "  OR EXISTS (SELECT 1 FROM subscribers s " \
  "             JOIN list_members lm ON lm.subscriber_id = s.id " \
  "             WHERE s.account_id = a.account_id AND s.phone = ?2)) " \
  "ORDER BY a.account_id"

static const char *const stop_words[] = { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
                                          NULL };
static const char *const start_words[] = { "START", "UNSTOP", "YES", NULL };
static const char *const help_words[] = { "HELP", "INFO", NULL };

gboolean
td_platform_is_stop_word (const char *word)
{
  return word != NULL && g_strv_contains (stop_words, word);
}

gboolean
td_platform_is_start_word (const char *word)
{
  return word != NULL && g_strv_contains (start_words, word);
}

gboolean
td_platform_is_help_word (const char *word)
{
  return word != NULL && g_strv_contains (help_words, word);
}

void
td_platform_short_code_free (TdPlatformShortCode *short_code)
{
  if (short_code == NULL)
    return;

  g_free (short_code->code);
  g_free (short_code->fallback_response);
  g_free (short_code->help_response);
  g_free (short_code->stop_response);
  g_free (short_code->start_response);
  g_free (short_code->secret);
  g_free (short_code);
}

/**
 * td_platform_short_code_lookup:
 * @code: (nullable): the short code's number, or %NULL to look up @id
 *
 * Returns: (transfer full): the short code, or %NULL with @error set
 */
TdPlatformShortCode *
td_platform_short_code_lookup (TdPlatformDb  *db,
                               const char    *code,
                               gint64         id,
                               GError       **error)
{
  sqlite3_stmt *stmt;
  TdPlatformShortCode *sc;
  int rc;

  stmt = td_platform_db_query (db, error,
                               "SELECT id, code, kind, text_chat, fallback_response, "
                               "help_response, stop_response, start_response, secret "
                               "FROM short_codes WHERE code = ?1 OR id = ?2",
                               "ti", code, id);
  if (stmt == NULL)
    return NULL;

  rc = td_platform_db_step (db, stmt, error);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                             _("No such short code"));
      return NULL;
    }

  sc = g_new0 (TdPlatformShortCode, 1);
  sc->id = sqlite3_column_int64 (stmt, 0);
  sc->code = g_strdup (td_platform_column_text (stmt, 1));
  sc->shared = g_strcmp0 (td_platform_column_text (stmt, 2), "shared") == 0;
  sc->text_chat = sqlite3_column_int (stmt, 3) != 0;
  sc->fallback_response = g_strdup (td_platform_column_text (stmt, 4));
  sc->help_response = g_strdup (td_platform_column_text (stmt, 5));
  sc->stop_response = g_strdup (td_platform_column_text (stmt, 6));
  sc->start_response = g_strdup (td_platform_column_text (stmt, 7));
  sc->secret = g_strdup (td_platform_column_text (stmt, 8));
  sqlite3_reset (stmt);

  return sc;
}

static void
td_platform_pipeline_dispose (GObject *object)
{
  TdPlatformPipeline *self = (TdPlatformPipeline *)object;

  g_clear_object (&self->outbox);
  g_clear_object (&self->events);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_platform_pipeline_parent_class)->dispose (object);
}

static void
td_platform_pipeline_finalize (GObject *object)
{
  TdPlatformPipeline *self = (TdPlatformPipeline *)object;

  g_clear_pointer (&self->changed_conversations, g_array_unref);
  g_clear_pointer (&self->changed_campaigns, g_array_unref);

  G_OBJECT_CLASS (td_platform_pipeline_parent_class)->finalize (object);
}

static void
td_platform_pipeline_class_init (TdPlatformPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_platform_pipeline_dispose;
  object_class->finalize = td_platform_pipeline_finalize;
}

static void
td_platform_pipeline_init (TdPlatformPipeline *self)
{
  self->changed_conversations = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  self->changed_campaigns = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
}

static void
note_change (GArray *changes,
             gint64  account_id,
             gint64  id)
{
  gint64 pair[2] = { account_id, id };

  for (guint i = 0; i < changes->len; i++)
    {
      gint64 *seen = &g_array_index (changes, gint64, 2 * i);

      if (seen[0] == account_id && seen[1] == id)
        return;
    }

  g_array_append_val (changes, pair);
}

/**
 * td_platform_pipeline_publish_changes:
 *
 * Records one conversation.updated and one campaign.updated event for each
 * conversation and campaign that the messages added since the last call
 * changed, in the current transaction.
 */
gboolean
td_platform_pipeline_publish_changes (TdPlatformPipeline  *self,
                                      GError             **error)
{
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < self->changed_conversations->len; i++)
    {
      gint64 *pair = &g_array_index (self->changed_conversations, gint64, 2 * i);

      ok = td_platform_publish_conversation (self->db, self->events, pair[0], pair[1], error);
    }

  for (guint i = 0; ok && i < self->changed_campaigns->len; i++)
    {
      gint64 *pair = &g_array_index (self->changed_campaigns, gint64, 2 * i);

      ok = td_platform_publish_campaign (self->db, self->events, pair[0], pair[1], error);
    }

  g_array_set_size (self->changed_conversations, 0);
  g_array_set_size (self->changed_campaigns, 0);

  return ok;
}

TdPlatformPipeline *
td_platform_pipeline_new (TdPlatformDb     *db,
                          TdPlatformEvents *events,
                          TdPlatformOutbox *outbox)
{
  TdPlatformPipeline *self = g_object_new (TD_TYPE_PLATFORM_PIPELINE, NULL);

  self->db = g_object_ref (db);
  self->events = g_object_ref (events);
  self->outbox = g_object_ref (outbox);

  return self;
}

/**
 * td_platform_pipeline_ensure_subscriber:
 *
 * Finds or creates the subscriber of @account_id with @phone; a new one
 * starts opted out when the number opted out on @short_code_id.
 *
 * Returns: the subscriber's id, or 0 with @error set
 */
gint64
td_platform_pipeline_ensure_subscriber (TdPlatformPipeline  *self,
                                        gint64               account_id,
                                        gint64               short_code_id,
                                        const char          *phone,
                                        gint64               now,
                                        gboolean            *out_created,
                                        GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (out_created != NULL)
    *out_created = FALSE;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT id FROM subscribers WHERE account_id = ?1 AND phone = ?2",
                               "it", account_id, phone);
  if (stmt == NULL)
    return 0;
  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == -1)
    return 0;
  if (id != 0)
    return id;

  if (!td_platform_db_run (self->db, error,
                           "INSERT INTO subscribers (account_id, phone, status, opted_out_at, "
                           "created_at, updated_at) "
                           "SELECT ?1, ?2, CASE WHEN o.at IS NULL THEN 'active' ELSE 'opted_out' "
                           "END, "
                           "o.at, ?3, ?3 FROM (SELECT 1) LEFT JOIN opt_outs o "
                           "ON o.short_code_id = ?4 AND o.phone = ?2",
                           "itii", account_id, phone, now, short_code_id))
    return 0;

  if (out_created != NULL)
    *out_created = TRUE;

  return td_platform_db_last_insert_id (self->db);
}

gint64
td_platform_pipeline_ensure_conversation (TdPlatformPipeline  *self,
                                          gint64               account_id,
                                          gint64               subscriber_id,
                                          gint64               short_code_id,
                                          gint64               now,
                                          GError             **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT id FROM conversations WHERE account_id = ?1 "
                               "AND subscriber_id = ?2 AND short_code_id = ?3",
                               "iii", account_id, subscriber_id, short_code_id);
  if (stmt == NULL)
    return 0;
  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc == -1)
    return 0;
  if (id != 0)
    return id;

  if (!td_platform_db_run (self->db, error,
                           "INSERT INTO conversations (account_id, subscriber_id, "
                           "short_code_id, updated_at) VALUES (?1, ?2, ?3, ?4)",
                           "iiii", account_id, subscriber_id, short_code_id, now))
    return 0;

  return td_platform_db_last_insert_id (self->db);
}

/**
 * td_platform_pipeline_add_message:
 *
 * Stores what one account sees of a text, keeps the conversation, the
 * campaign's counts and Campaign Activity up to date, and records the
 * message's event, all in the current transaction. The conversation's and
 * the campaign's events follow at td_platform_pipeline_publish_changes().
 *
 * Returns: the message's id, or 0 with @error set
 */
gint64
td_platform_pipeline_add_message (TdPlatformPipeline           *self,
                                  const TdPlatformMessageSpec  *spec,
                                  GError                      **error)
{
  gboolean inbound = g_str_equal (spec->direction, "inbound");
  gint64 id;

  if (!td_platform_db_run (self->db, error,
                           "INSERT INTO messages (account_id, conversation_id, subscriber_id, "
                           "text_id, direction, campaign_id, matched_keyword, in_stream, "
                           "expired_keyword, expired_campaign_id, redirect_campaign_id, "
                           "suggested_keyword, suggested_campaign_id, sent_by_user_id, created_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                           "?15)",
                           "iiiitktbtkktkki",
                           spec->account_id, spec->conversation_id, spec->subscriber_id,
                           spec->text_id, spec->direction, spec->campaign_id,
                           spec->matched_keyword, spec->in_stream, spec->expired_keyword,
                           spec->expired_campaign_id, spec->redirect_campaign_id,
                           spec->suggested_keyword, spec->suggested_campaign_id,
                           spec->sent_by_user_id, spec->created_at))
    return 0;

  id = td_platform_db_last_insert_id (self->db);

  /* A new inbound text brings an archived conversation back. */
  if (!td_platform_db_run (self->db, error,
                           "UPDATE conversations SET last_message_id = ?2, updated_at = ?3, "
                           "unread_count = unread_count + ?4, in_stream = in_stream OR ?5, "
                           "archived = CASE WHEN ?4 THEN 0 ELSE archived END WHERE id = ?1",
                           "iiibb", spec->conversation_id, id, spec->created_at,
                           inbound, spec->in_stream))
    return 0;

  if (spec->campaign_id != 0)
    {
      if (!td_platform_db_run (self->db, error,
                               "INSERT INTO conversation_campaigns (campaign_id, conversation_id, "
                               "last_message_id, unread_count) VALUES (?1, ?2, ?3, ?4) "
                               "ON CONFLICT (campaign_id, conversation_id) DO UPDATE SET "
                               "last_message_id = excluded.last_message_id, "
                               "unread_count = unread_count + excluded.unread_count",
                               "iiib", spec->campaign_id, spec->conversation_id, id, inbound))
        return 0;

      if (!td_platform_db_run (self->db, error,
                               "UPDATE campaigns SET message_count = message_count + 1, "
                               "unread_count = unread_count + ?2 WHERE id = ?1",
                               "ib", spec->campaign_id, inbound))
        return 0;
    }

  if (!td_platform_publish_message (self->db, self->events, spec->account_id, id,
                                    "message.created", error))
    return 0;

  note_change (self->changed_conversations, spec->account_id, spec->conversation_id);
  if (spec->campaign_id != 0)
    note_change (self->changed_campaigns, spec->account_id, spec->campaign_id);

  return id;
}

typedef struct
{
  gint64 account_id;
  gint64 subscriber_id;
  gint64 conversation_id;
} Audience;

typedef struct
{
  gint64    campaign_id;
  gint64    account_id;
  char     *status;
  gint64    list_id;
  char     *auto_response;
  char     *expired_response;
  gint64    redirect_campaign_id;
  gboolean  live;
} KeywordHit;

static void
keyword_hit_clear (KeywordHit *hit)
{
  g_free (hit->status);
  g_free (hit->auto_response);
  g_free (hit->expired_response);
}

static gboolean
find_keyword (TdPlatformPipeline  *self,
              gint64               short_code_id,
              const char          *word,
              gint64               now,
              KeywordHit          *hit,
              gboolean            *out_found,
              GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_found = FALSE;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT c.id, c.account_id, c.status, c.list_id, c.auto_response, "
                               "c.expired_response, c.redirect_campaign_id, "
                               "c.status = 'active' AND (c.ends_at IS NULL OR c.ends_at > ?3) "
                               "AND (c.starts_at IS NULL OR c.starts_at <= ?3) "
                               "FROM keywords k JOIN campaigns c ON c.id = k.campaign_id "
                               "WHERE k.short_code_id = ?1 AND k.keyword = ?2",
                               "iti", short_code_id, word, now);
  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      hit->campaign_id = sqlite3_column_int64 (stmt, 0);
      hit->account_id = sqlite3_column_int64 (stmt, 1);
      hit->status = g_strdup (td_platform_column_text (stmt, 2));
      hit->list_id = sqlite3_column_int64 (stmt, 3);
      hit->auto_response = g_strdup (td_platform_column_text (stmt, 4));
      hit->expired_response = g_strdup (td_platform_column_text (stmt, 5));
      hit->redirect_campaign_id = sqlite3_column_int64 (stmt, 6);
      hit->live = sqlite3_column_int (stmt, 7) != 0;
      *out_found = TRUE;
    }
  sqlite3_reset (stmt);

  return rc != -1;
}

static GArray *
visible_accounts (TdPlatformPipeline  *self,
                  TdPlatformShortCode *sc,
                  const char          *phone,
                  gint64               keyword_account_id,
                  GError             **error)
{
  g_autoptr(GArray) accounts = g_array_new (FALSE, TRUE, sizeof (Audience));
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (self->db, error, VISIBLE_ACCOUNTS_SQL,
                               "iti", sc->id, phone, keyword_account_id);
  if (stmt == NULL)
    return NULL;

  while ((rc = td_platform_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      Audience a = { .account_id = sqlite3_column_int64 (stmt, 0) };

      g_array_append_val (accounts, a);
    }
  sqlite3_reset (stmt);

  if (rc == -1)
    return NULL;

  return g_steal_pointer (&accounts);
}

static gboolean
fill_audience (TdPlatformPipeline  *self,
               TdPlatformShortCode *sc,
               const char          *phone,
               GArray              *audience,
               gint64               now,
               GError             **error)
{
  for (guint i = 0; i < audience->len; i++)
    {
      Audience *a = &g_array_index (audience, Audience, i);

      a->subscriber_id = td_platform_pipeline_ensure_subscriber (self, a->account_id, sc->id,
                                                                 phone, now, NULL, error);
      if (a->subscriber_id == 0)
        return FALSE;

      a->conversation_id = td_platform_pipeline_ensure_conversation (self, a->account_id,
                                                                     a->subscriber_id,
                                                                     sc->id, now, error);
      if (a->conversation_id == 0)
        return FALSE;

      if (!td_platform_db_run (self->db, error,
                               "UPDATE subscribers SET last_seen_at = ?2 WHERE id = ?1",
                               "ii", a->subscriber_id, now))
        return FALSE;
    }

  return TRUE;
}

/* Sends @body to @phone and shows it to @audience (to @only_account alone
 * when not 0). Nothing is sent to a number that opted out, except the
 * opt-out confirmation itself (@compliance).
 */
static gboolean
respond (TdPlatformPipeline   *self,
         TdPlatformShortCode  *sc,
         const char           *phone,
         const char           *body,
         gboolean              compliance,
         GArray               *audience,
         gint64                only_account,
         gint64                campaign_id,
         gint64                now,
         GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 text_id;

  if (body == NULL || *body == '\0')
    return TRUE;

  text_id = td_platform_outbox_enqueue (self->outbox, sc->id, phone, body, compliance,
                                        now, &local_error);
  if (text_id == 0)
    {
      if (g_error_matches (local_error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_OPTED_OUT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < audience->len; i++)
    {
      Audience *a = &g_array_index (audience, Audience, i);
      TdPlatformMessageSpec spec = {
        .account_id = a->account_id,
        .conversation_id = a->conversation_id,
        .subscriber_id = a->subscriber_id,
        .text_id = text_id,
        .direction = "outbound",
        .campaign_id = a->account_id == only_account ? campaign_id : 0,
        .created_at = now,
      };

      if (only_account != 0 && a->account_id != only_account)
        continue;

      if (td_platform_pipeline_add_message (self, &spec, error) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
store_inbound (TdPlatformPipeline           *self,
               GArray                       *audience,
               gint64                        text_id,
               const TdPlatformMessageSpec  *base,
               gint64                        keyword_account,
               GError                      **error)
{
  for (guint i = 0; i < audience->len; i++)
    {
      Audience *a = &g_array_index (audience, Audience, i);
      TdPlatformMessageSpec spec = *base;

      spec.account_id = a->account_id;
      spec.conversation_id = a->conversation_id;
      spec.subscriber_id = a->subscriber_id;
      spec.text_id = text_id;
      spec.direction = "inbound";

      /* What the router found belongs to the account whose keyword it
       * was; another account that sees the text (the sender is on its
       * lists) sees a plain text.
       */
      if (keyword_account != 0 && a->account_id != keyword_account)
        {
          spec.campaign_id = 0;
          spec.matched_keyword = NULL;
          spec.expired_keyword = NULL;
          spec.expired_campaign_id = 0;
          spec.redirect_campaign_id = 0;
          spec.in_stream = base->campaign_id == 0;
        }

      if (td_platform_pipeline_add_message (self, &spec, error) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
suggest_for (TdPlatformPipeline  *self,
             gint64               short_code_id,
             gint64               account_id,
             const char          *word,
             gint64               now,
             char               **out_keyword,
             gint64              *out_campaign_id,
             GError             **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) campaigns = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  const char *best;
  int rc;

  *out_keyword = NULL;
  *out_campaign_id = 0;

  if (word == NULL)
    return TRUE;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT k.keyword, k.campaign_id FROM keywords k "
                               "JOIN campaigns c ON c.id = k.campaign_id "
                               "WHERE k.short_code_id = ?1 AND c.account_id = ?2 "
                               "AND c.status = 'active' AND (c.ends_at IS NULL OR c.ends_at > ?3) "
                               "AND (c.starts_at IS NULL OR c.starts_at <= ?3) "
                               "ORDER BY k.keyword",
                               "iii", short_code_id, account_id, now);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      gint64 campaign_id = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (keywords, g_strdup (td_platform_column_text (stmt, 0)));
      g_array_append_val (campaigns, campaign_id);
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;

  g_ptr_array_add (keywords, NULL);
  best = td_keyword_suggest (word, (const char * const *) keywords->pdata, NULL);
  if (best == NULL)
    return TRUE;

  for (guint i = 0; i < campaigns->len; i++)
    if (g_ptr_array_index (keywords, i) == best)
      {
        *out_keyword = g_strdup (best);
        *out_campaign_id = g_array_index (campaigns, gint64, i);
      }

  return TRUE;
}

/**
 * td_platform_pipeline_receive:
 * @short_code: the short code the text was sent to (its signature was
 *   already checked)
 * @gateway_sid: the gateway's id of the text; a text seen before is
 *   dropped
 * @from: the sender as the gateway gave it
 * @body: the text
 * @now: when the text arrived, in ms since the epoch
 * @out_route: (out) (optional): what the router decided
 *
 * Runs the inbound pipeline of the contract, in this order, inside the
 * current transaction: drop a redelivered text; normalise the sender;
 * compliance words; keyword of an active campaign; keyword of an expired
 * or paused one; everything else into the stream. Responses are queued
 * and events recorded; the caller commits, then flushes the events.
 */
gboolean
td_platform_pipeline_receive (TdPlatformPipeline   *self,
                              TdPlatformShortCode  *sc,
                              const char           *gateway_sid,
                              const char           *from,
                              const char           *body,
                              gint64                now,
                              TdPlatformRoute      *out_route,
                              GError              **error)
{
  g_autofree char *phone = NULL;
  g_autofree char *word = NULL;
  g_autoptr(GArray) audience = NULL;
  g_autoptr(GError) phone_error = NULL;
  TdPlatformMessageSpec base = { .created_at = now };
  KeywordHit hit = { 0 };
  TdPlatformRoute route;
  gboolean found = FALSE;
  gboolean opted_out = FALSE;
  gboolean changed = FALSE;
  gint64 text_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (td_platform_db_in_transaction (self->db), FALSE);

  if (body == NULL)
    body = "";

  if (!g_utf8_validate (body, -1, NULL))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("The text is not valid UTF-8"));
      return FALSE;
    }

  /* 1. A redelivered gateway message id is stored once. */
  if (gateway_sid != NULL && *gateway_sid != '\0')
    {
      sqlite3_stmt *stmt;
      int rc;

      stmt = td_platform_db_query (self->db, error,
                                   "SELECT 1 FROM texts WHERE gateway_sid = ?1",
                                   "t", gateway_sid);
      if (stmt == NULL)
        return FALSE;
      rc = td_platform_db_step (self->db, stmt, error);
      sqlite3_reset (stmt);
      if (rc == -1)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          if (out_route != NULL)
            *out_route = TD_PLATFORM_ROUTE_DUPLICATE;
          return TRUE;
        }
    }

  /* 2. The sender in E.164. */
  phone = td_phone_normalize (from, &phone_error);
  if (phone == NULL)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PHONE,
                   _("The sender is not a phone number: %s"), phone_error->message);
      return FALSE;
    }

  if (!td_platform_db_run (self->db, error,
                           "INSERT INTO texts (short_code_id, phone, direction, body, status, "
                           "gateway_sid, created_at, updated_at) "
                           "VALUES (?1, ?2, 'inbound', ?3, 'received', ?4, ?5, ?5)",
                           "ittti", sc->id, phone, body,
                           (gateway_sid && *gateway_sid) ? gateway_sid : NULL, now))
    return FALSE;
  text_id = td_platform_db_last_insert_id (self->db);

  word = td_keyword_first_word (body);

  if (!td_platform_consent_is_opted_out (self->db, sc->id, phone, &opted_out, error))
    return FALSE;

  /* 3. Compliance words, on the first word alone. */
  if (td_platform_is_stop_word (word))
    {
      route = TD_PLATFORM_ROUTE_STOP;

      if (!td_platform_consent_opt_out (self->db, self->events, sc->id, phone, now,
                                        &changed, error))
        goto out;

      audience = visible_accounts (self, sc, phone, 0, error);
      if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
        goto out;
      if (!store_inbound (self, audience, text_id, &base, 0, error))
        goto out;

      /* One confirmation, never more: only when this STOP changed
       * something.
       */
      if (changed && !respond (self, sc, phone, sc->stop_response, TRUE, audience, 0, 0, now,
                               error))
        goto out;

      ok = TRUE;
      goto out;
    }

  if (td_platform_is_start_word (word) && opted_out)
    {
      route = TD_PLATFORM_ROUTE_START;

      if (!td_platform_consent_opt_in (self->db, self->events, sc->id, phone, now,
                                       &changed, error))
        goto out;

      audience = visible_accounts (self, sc, phone, 0, error);
      if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
        goto out;
      if (!store_inbound (self, audience, text_id, &base, 0, error))
        goto out;
      if (!respond (self, sc, phone, sc->start_response, FALSE, audience, 0, 0, now, error))
        goto out;

      ok = TRUE;
      goto out;
    }

  if (td_platform_is_help_word (word))
    {
      route = TD_PLATFORM_ROUTE_HELP;

      audience = visible_accounts (self, sc, phone, 0, error);
      if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
        goto out;
      if (!store_inbound (self, audience, text_id, &base, 0, error))
        goto out;
      /* Answered in text chat too. */
      if (!respond (self, sc, phone, sc->help_response, FALSE, audience, 0, 0, now, error))
        goto out;

      ok = TRUE;
      goto out;
    }

  if (word != NULL && !find_keyword (self, sc->id, word, now, &hit, &found, error))
    goto out;

  if (found && hit.live)
    {
      gboolean created = FALSE;
      gint64 subscriber_id;

      /* 4. The keyword of an active campaign: join its list. */
      route = TD_PLATFORM_ROUTE_KEYWORD;

      subscriber_id = td_platform_pipeline_ensure_subscriber (self, hit.account_id, sc->id,
                                                              phone, now, &created, error);
      if (subscriber_id == 0)
        goto out;

      if (hit.list_id != 0)
        {
          gboolean added = FALSE;

          if (!td_platform_consent_join_list (self->db, self->events, hit.account_id,
                                              hit.list_id, subscriber_id, "keyword", word,
                                              now, &added, error))
            goto out;
          if (added && !td_platform_publish_subscriber (self->db, self->events,
                                                        hit.account_id, subscriber_id, error))
            goto out;
        }

      audience = visible_accounts (self, sc, phone, hit.account_id, error);
      if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
        goto out;

      base.campaign_id = hit.campaign_id;
      base.matched_keyword = word;
      if (!store_inbound (self, audience, text_id, &base, hit.account_id, error))
        goto out;
      if (!respond (self, sc, phone, hit.auto_response, FALSE, audience, hit.account_id,
                    hit.campaign_id, now, error))
        goto out;

      ok = TRUE;
      goto out;
    }

  if (found)
    {
      /* 5. The keyword of an expired or paused campaign. */
      route = TD_PLATFORM_ROUTE_EXPIRED_KEYWORD;

      audience = visible_accounts (self, sc, phone, hit.account_id, error);
      if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
        goto out;

      base.in_stream = TRUE;
      base.expired_keyword = word;
      base.expired_campaign_id = hit.campaign_id;
      base.redirect_campaign_id = hit.redirect_campaign_id;
      if (!store_inbound (self, audience, text_id, &base, hit.account_id, error))
        goto out;
      if (!sc->text_chat &&
          !respond (self, sc, phone, hit.expired_response, FALSE, audience, hit.account_id,
                    0, now, error))
        goto out;

      ok = TRUE;
      goto out;
    }

  /* 6. Everything else: the stream of the accounts that see it, with a
   * suggestion from each one's own keywords.
   */
  route = TD_PLATFORM_ROUTE_STREAM;

  audience = visible_accounts (self, sc, phone, 0, error);
  if (audience == NULL || !fill_audience (self, sc, phone, audience, now, error))
    goto out;

  for (guint i = 0; i < audience->len; i++)
    {
      Audience *a = &g_array_index (audience, Audience, i);
      g_autofree char *suggested = NULL;
      TdPlatformMessageSpec spec = {
        .account_id = a->account_id,
        .conversation_id = a->conversation_id,
        .subscriber_id = a->subscriber_id,
        .text_id = text_id,
        .direction = "inbound",
        .in_stream = TRUE,
        .created_at = now,
      };

      if (!suggest_for (self, sc->id, a->account_id, word, now, &suggested,
                        &spec.suggested_campaign_id, error))
        goto out;
      spec.suggested_keyword = suggested;

      if (td_platform_pipeline_add_message (self, &spec, error) == 0)
        goto out;
    }

  if (!sc->text_chat &&
      !respond (self, sc, phone, sc->fallback_response, FALSE, audience, 0, 0, now, error))
    goto out;

  ok = TRUE;

out:
  keyword_hit_clear (&hit);

  if (ok)
    ok = td_platform_pipeline_publish_changes (self, error);
  else
    {
      g_array_set_size (self->changed_conversations, 0);
      g_array_set_size (self->changed_campaigns, 0);
    }

  if (ok && out_route != NULL)
    *out_route = route;

  return ok;
}
