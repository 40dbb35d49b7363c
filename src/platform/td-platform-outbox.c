/* td-platform-outbox.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-outbox"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-platform-consent.h"
#include "td-platform-error.h"
#include "td-platform-objects.h"
#include "td-platform-outbox.h"

#define TICK_MS 50
#define DEFAULT_DELIVERY_DELAY_MS 800
#define MAX_ATTEMPTS 5
#define SEND_LEASE_MS 60000
#define BATCH 40  /* a short slice of the main loop: requests wait no longer */

/* Twilio's error for a recipient who replied STOP to the sender. */
#define TWILIO_UNSUBSCRIBED "21610"

struct _TdPlatformOutbox
{
  GObject           parent_instance;

  TdPlatformDb     *db;
  TdPlatformEvents *events;
  SoupSession      *session;
  GCancellable     *cancellable;
  char             *twilio_url;
  char             *twilio_sid;
  char             *status_callback;
  guint             delivery_delay;
  guint             tick_id;
};

G_DEFINE_FINAL_TYPE (TdPlatformOutbox, td_platform_outbox, G_TYPE_OBJECT)

static void
td_platform_outbox_dispose (GObject *object)
{
  TdPlatformOutbox *self = (TdPlatformOutbox *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->events);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_platform_outbox_parent_class)->dispose (object);
}

static void
td_platform_outbox_finalize (GObject *object)
{
  TdPlatformOutbox *self = (TdPlatformOutbox *)object;

  g_clear_object (&self->cancellable);
  g_free (self->twilio_url);
  g_free (self->twilio_sid);
  g_free (self->status_callback);

  G_OBJECT_CLASS (td_platform_outbox_parent_class)->finalize (object);
}

static void
td_platform_outbox_class_init (TdPlatformOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_platform_outbox_dispose;
  object_class->finalize = td_platform_outbox_finalize;
}

static void
td_platform_outbox_init (TdPlatformOutbox *self)
{
  self->cancellable = g_cancellable_new ();
  self->delivery_delay = DEFAULT_DELIVERY_DELAY_MS;
}

TdPlatformOutbox *
td_platform_outbox_new (TdPlatformDb     *db,
                        TdPlatformEvents *events)
{
  TdPlatformOutbox *self = g_object_new (TD_TYPE_PLATFORM_OUTBOX, NULL);

  self->db = g_object_ref (db);
  self->events = g_object_ref (events);

  return self;
}

void
td_platform_outbox_set_twilio (TdPlatformOutbox *self,
                               const char       *base_url,
                               const char       *account_sid,
                               const char       *status_callback)
{
  g_free (self->twilio_url);
  g_free (self->twilio_sid);
  g_free (self->status_callback);
  self->twilio_url = g_strdup (base_url);
  self->twilio_sid = g_strdup (account_sid ? account_sid : "ACtextdesk");
  self->status_callback = g_strdup (status_callback);
}

void
td_platform_outbox_set_delivery_delay (TdPlatformOutbox *self,
                                       guint             ms)
{
  self->delivery_delay = ms;
}

/**
 * td_platform_outbox_enqueue:
 * @compliance: whether this is the opt-out confirmation, the one text an
 *   opted-out number may still receive
 *
 * Queues a text in the current transaction.
 *
 * Returns: the id of the new text, or 0 with @error set
 *   (%TD_PLATFORM_ERROR_OPTED_OUT when the number opted out)
 */
gint64
td_platform_outbox_enqueue (TdPlatformOutbox  *self,
                            gint64             short_code_id,
                            const char        *phone,
                            const char        *body,
                            gboolean           compliance,
                            gint64             now,
                            GError           **error)
{
  gboolean opted_out = FALSE;

  if (!td_platform_consent_is_opted_out (self->db, short_code_id, phone, &opted_out, error))
    return 0;

  if (opted_out && !compliance)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_OPTED_OUT,
                           _("The subscriber opted out; nothing can be sent to them"));
      return 0;
    }

  if (!td_platform_db_run (self->db, error,
                           "INSERT INTO texts (short_code_id, phone, direction, body, status, "
                           "gateway, compliance, next_attempt_at, created_at, updated_at) "
                           "SELECT ?1, ?2, 'outbound', ?3, 'queued', gateway, ?4, "
                           "?5 + CASE WHEN gateway = 'outbox' THEN ?6 ELSE 0 END, ?5, ?5 "
                           "FROM short_codes WHERE id = ?1",
                           "ittbii", short_code_id, phone, body, compliance, now,
                           (gint64) self->delivery_delay))
    return 0;

  return td_platform_db_last_insert_id (self->db);
}

static int
status_rank (const char *status)
{
  if (g_strcmp0 (status, "queued") == 0)
    return 0;
  if (g_strcmp0 (status, "sent") == 0)
    return 1;
  if (g_strcmp0 (status, "delivered") == 0 ||
      g_strcmp0 (status, "undelivered") == 0 ||
      g_strcmp0 (status, "failed") == 0)
    return 2;
  return -1;
}

static gboolean
publish_text (TdPlatformOutbox  *self,
              gint64             text_id,
              GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT account_id, id FROM messages WHERE text_id = ?1",
                               "i", text_id);
  if (stmt == NULL)
    return FALSE;

  while ((rc = td_platform_db_step (self->db, stmt, error)) == SQLITE_ROW)
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

      if (!td_platform_publish_message (self->db, self->events, pair[0], pair[1],
                                        "message.updated", error))
        return FALSE;
    }

  return TRUE;
}

/**
 * td_platform_outbox_set_status:
 *
 * Moves a text's delivery status forward (queued, sent, then delivered,
 * undelivered or failed); a status that would move it back or sideways is
 * ignored, as late or repeated gateway callbacks are.
 */
gboolean
td_platform_outbox_set_status (TdPlatformOutbox  *self,
                               gint64             text_id,
                               const char        *status,
                               const char        *error_code,
                               gint64             now,
                               gboolean          *out_changed,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *current = NULL;
  int rc;

  *out_changed = FALSE;

  if (status_rank (status) < 0)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“%s” is not a delivery status"), status);
      return FALSE;
    }

  stmt = td_platform_db_query (self->db, error,
                               "SELECT status FROM texts WHERE id = ?1 AND direction = 'outbound'",
                               "i", text_id);
  if (stmt == NULL)
    return FALSE;
  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    current = g_strdup (td_platform_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (current == NULL)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                           _("No such outbound text"));
      return FALSE;
    }

  if (status_rank (status) <= status_rank (current))
    return TRUE;

  if (!td_platform_db_run (self->db, error,
                           "UPDATE texts SET status = ?2, error_code = COALESCE (?3, error_code), "
                           "updated_at = ?4, next_attempt_at = CASE WHEN ?2 = 'sent' "
                           "AND gateway = 'outbox' THEN ?5 ELSE NULL END WHERE id = ?1",
                           "ittii", text_id, status, error_code, now,
                           now + (gint64) self->delivery_delay))
    return FALSE;

  *out_changed = TRUE;

  return publish_text (self, text_id, error);
}

gboolean
td_platform_outbox_lookup_sid (TdPlatformOutbox  *self,
                               const char        *gateway_sid,
                               gint64            *out_short_code_id,
                               GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT short_code_id FROM texts "
                               "WHERE gateway_sid = ?1 AND direction = 'outbound'",
                               "t", gateway_sid);
  if (stmt == NULL)
    return FALSE;

  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    *out_short_code_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                         _("No outbound text has this gateway message id"));

  return rc == SQLITE_ROW;
}

/**
 * td_platform_outbox_status_callback:
 *
 * Applies a gateway's delivery callback, in the current transaction.
 * Error 21610 means the recipient opted out at the carrier: the number is
 * opted out on the short code too.
 */
gboolean
td_platform_outbox_status_callback (TdPlatformOutbox  *self,
                                    const char        *gateway_sid,
                                    const char        *status,
                                    const char        *error_code,
                                    GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 text_id = 0;
  gint64 short_code_id = 0;
  g_autofree char *phone = NULL;
  const char *mapped;
  gboolean changed;
  gint64 now = td_platform_now_ms ();
  int rc;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT id, short_code_id, phone FROM texts "
                               "WHERE gateway_sid = ?1 AND direction = 'outbound'",
                               "t", gateway_sid);
  if (stmt == NULL)
    return FALSE;
  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == SQLITE_ROW)
    {
      text_id = sqlite3_column_int64 (stmt, 0);
      short_code_id = sqlite3_column_int64 (stmt, 1);
      phone = g_strdup (td_platform_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc == -1)
    return FALSE;
  if (text_id == 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                           _("No outbound text has this gateway message id"));
      return FALSE;
    }

  /* Twilio's statuses, folded into ours. */
  if (g_strcmp0 (status, "accepted") == 0 || g_strcmp0 (status, "queued") == 0 ||
      g_strcmp0 (status, "sending") == 0 || g_strcmp0 (status, "scheduled") == 0)
    mapped = "queued";
  else if (g_strcmp0 (status, "sent") == 0)
    mapped = "sent";
  else if (g_strcmp0 (status, "delivered") == 0 || g_strcmp0 (status, "read") == 0)
    mapped = "delivered";
  else if (g_strcmp0 (status, "undelivered") == 0)
    mapped = "undelivered";
  else if (g_strcmp0 (status, "failed") == 0 || g_strcmp0 (status, "canceled") == 0)
    mapped = "failed";
  else
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“%s” is not a delivery status"), status ? status : "");
      return FALSE;
    }

  if (error_code != NULL && *error_code == '\0')
    error_code = NULL;

  if (!td_platform_outbox_set_status (self, text_id, mapped, error_code, now, &changed, error))
    return FALSE;

  if (g_strcmp0 (error_code, TWILIO_UNSUBSCRIBED) == 0)
    {
      gboolean opted = FALSE;

      if (!td_platform_consent_opt_out (self->db, self->events, short_code_id, phone,
                                        now, &opted, error))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  TdPlatformOutbox *self;
  gint64            text_id;
  int               attempts;
} SendData;

static void
send_data_free (SendData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

static void
finish_send (TdPlatformOutbox *self,
             gint64            text_id,
             int               attempts,
             guint             http_status,
             GBytes           *body,
             const GError     *transport_error)
{
  g_autoptr(GError) error = NULL;
  gint64 now = td_platform_now_ms ();
  gboolean changed;
  gboolean retry = FALSE;
  g_autofree char *sid = NULL;
  g_autofree char *code = NULL;

  if (transport_error != NULL || http_status == 429 || http_status >= 500)
    retry = TRUE;
  else if (body != NULL)
    {
      gsize len = 0;
      const char *data = g_bytes_get_data (body, &len);
      g_autofree char *text = g_strndup (data, len);
      g_autoptr(JsonNode) root = td_platform_json_is_shallow (text, strlen (text))
                                 ? json_from_string (text, NULL) : NULL;

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          JsonObject *object = json_node_get_object (root);

          if (json_object_has_member (object, "sid") &&
              JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "sid")))
            sid = g_strdup (json_object_get_string_member (object, "sid"));
          if (json_object_has_member (object, "code"))
            {
              JsonNode *node = json_object_get_member (object, "code");

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
                code = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
              else if (JSON_NODE_HOLDS_VALUE (node)
                       && json_node_get_value_type (node) == G_TYPE_STRING)
                code = g_strdup (json_node_get_string (node));
            }
        }
    }

  if (!td_platform_db_begin (self->db, &error))
    goto out;

  if (retry && attempts < MAX_ATTEMPTS)
    {
      /* Exponential backoff with jitter: 1, 2, 4, 8 s and a bit. */
      gint64 delay = (1000 << (attempts - 1)) + g_random_int_range (0, 250);

      if (!td_platform_db_run (self->db, &error,
                               "UPDATE texts SET next_attempt_at = ?2, updated_at = ?3 WHERE id = "
                               "?1",
                               "iii", text_id, now + delay, now))
        goto out;
      g_debug ("Text %" G_GINT64_FORMAT ": gateway unreachable, retry %d in "
               "%" G_GINT64_FORMAT " ms",
               text_id, attempts, delay);
    }
  else if (retry)
    {
      if (!td_platform_outbox_set_status (self, text_id, "failed", "gateway_unreachable",
                                          now, &changed, &error))
        goto out;
    }
  else if (http_status >= 200 && http_status < 300 && sid != NULL)
    {
      if (!td_platform_db_run (self->db, &error,
                               "UPDATE texts SET gateway_sid = ?2, next_attempt_at = NULL, "
                               "updated_at = ?3 WHERE id = ?1",
                               "iti", text_id, sid, now))
        goto out;
    }
  else
    {
      if (!td_platform_outbox_set_status (self, text_id, "failed",
                                          code ? code : "gateway_rejected",
                                          now, &changed, &error))
        goto out;

      if (g_strcmp0 (code, TWILIO_UNSUBSCRIBED) == 0)
        {
          sqlite3_stmt *stmt;

          stmt = td_platform_db_query (self->db, &error,
                                       "SELECT short_code_id, phone FROM texts WHERE id = ?1",
                                       "i", text_id);
          if (stmt != NULL && td_platform_db_step (self->db, stmt, &error) == SQLITE_ROW)
            {
              gint64 short_code_id = sqlite3_column_int64 (stmt, 0);
              g_autofree char *phone = g_strdup (td_platform_column_text (stmt, 1));
              gboolean opted;

              sqlite3_reset (stmt);
              if (!td_platform_consent_opt_out (self->db, self->events, short_code_id,
                                                phone, now, &opted, &error))
                goto out;
            }
          else if (stmt != NULL)
            sqlite3_reset (stmt);
        }
    }

  if (td_platform_db_commit (self->db, &error))
    td_platform_events_flush (self->events);

out:
  if (error != NULL)
    {
      td_platform_db_rollback (self->db);
      g_warning ("Could not record the gateway’s answer for text %" G_GINT64_FORMAT ": %s",
                 text_id, error->message);
    }
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SendData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupMessage *msg;
  guint status = 0;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      send_data_free (data);
      return;
    }

  msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  if (msg != NULL)
    status = soup_message_get_status (msg);

  finish_send (data->self, data->text_id, data->attempts, status, body, error);
  send_data_free (data);
}

static void
send_twilio (TdPlatformOutbox *self,
             gint64            text_id,
             const char       *from,
             const char       *to,
             const char       *body,
             const char       *secret,
             int               attempts)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autofree char *url = NULL;
  g_autofree char *form = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *basic = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SendData *data;

  if (self->session == NULL)
    {
      self->session = soup_session_new_with_options ("timeout", 15, "idle-timeout", 30, NULL);
      soup_session_set_user_agent (self->session, "textdesk-platform/" PACKAGE_VERSION);
    }

  url = g_strdup_printf ("%s/2010-04-01/Accounts/%s/Messages.json",
                         self->twilio_url, self->twilio_sid);
  msg = soup_message_new (SOUP_METHOD_POST, url);
  if (msg == NULL)
    {
      finish_send (self, text_id, MAX_ATTEMPTS, 0, NULL, NULL);
      return;
    }

  if (self->status_callback != NULL)
    form = soup_form_encode ("To", to, "From", from, "Body", body,
                             "StatusCallback", self->status_callback, NULL);
  else
    form = soup_form_encode ("To", to, "From", from, "Body", body, NULL);
  {
    gsize len = strlen (form);

    bytes = g_bytes_new_take (g_steal_pointer (&form), len);
  }
  soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);

  credentials = g_strdup_printf ("%s:%s", self->twilio_sid, secret);
  basic = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  {
    g_autofree char *header = g_strconcat ("Basic ", basic, NULL);

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", header);
  }

  data = g_new0 (SendData, 1);
  data->self = g_object_ref (self);
  data->text_id = text_id;
  data->attempts = attempts;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    self->cancellable, send_cb, data);
}

typedef struct
{
  gint64  id;
  char   *status;
  char   *gateway;
  char   *phone;
  char   *body;
  char   *code;
  char   *secret;
  int     attempts;
  gboolean compliance;
} Due;

static void
due_clear (Due *due)
{
  g_free (due->status);
  g_free (due->gateway);
  g_free (due->phone);
  g_free (due->body);
  g_free (due->code);
  g_free (due->secret);
}

/**
 * td_platform_outbox_process:
 *
 * Moves every due text one step: hands queued texts to their gateway
 * (the outbox gateway marks them sent, then delivered a moment later).
 *
 * Returns: how many texts moved
 */
guint
td_platform_outbox_process (TdPlatformOutbox *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) due = g_array_new (FALSE, TRUE, sizeof (Due));
  g_autoptr(GArray) twilio = g_array_new (FALSE, TRUE, sizeof (Due));
  gint64 now = td_platform_now_ms ();
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (due, (GDestroyNotify) due_clear);
  g_array_set_clear_func (twilio, (GDestroyNotify) due_clear);

  stmt = td_platform_db_query (self->db, &error,
                               "SELECT t.id, t.status, t.gateway, t.phone, t.body, sc.code, "
                               "sc.secret, t.attempts, t.compliance FROM texts t "
                               "JOIN short_codes sc ON sc.id = t.short_code_id "
                               "WHERE t.next_attempt_at IS NOT NULL AND t.next_attempt_at <= ?1 "
                               "ORDER BY t.next_attempt_at LIMIT ?2",
                               "ii", now, (gint64) BATCH);
  if (stmt == NULL)
    return 0;

  while ((rc = td_platform_db_step (self->db, stmt, &error)) == SQLITE_ROW)
    {
      Due d = {
        .id = sqlite3_column_int64 (stmt, 0),
        .status = g_strdup (td_platform_column_text (stmt, 1)),
        .gateway = g_strdup (td_platform_column_text (stmt, 2)),
        .phone = g_strdup (td_platform_column_text (stmt, 3)),
        .body = g_strdup (td_platform_column_text (stmt, 4)),
        .code = g_strdup (td_platform_column_text (stmt, 5)),
        .secret = g_strdup (td_platform_column_text (stmt, 6)),
        .attempts = sqlite3_column_int (stmt, 7),
        .compliance = sqlite3_column_int (stmt, 8) != 0,
      };

      g_array_append_val (due, d);
    }
  sqlite3_reset (stmt);

  if (due->len == 0)
    return 0;

  if (!td_platform_db_begin (self->db, &error))
    goto fail;

  for (guint i = 0; i < due->len; i++)
    {
      Due *d = &g_array_index (due, Due, i);
      gboolean changed;
      gboolean opted_out = FALSE;

      /* Checked again at the last moment: the number may have opted out
       * since the text was queued.
       */
      {
        sqlite3_stmt *check;

        check = td_platform_db_query (self->db, &error,
                                      "SELECT 1 FROM opt_outs o JOIN texts t ON "
                                      "t.short_code_id = o.short_code_id AND t.phone = o.phone "
                                      "WHERE t.id = ?1",
                                      "i", d->id);
        if (check == NULL)
          goto fail;
        rc = td_platform_db_step (self->db, check, &error);
        sqlite3_reset (check);
        if (rc == -1)
          goto fail;
        opted_out = rc == SQLITE_ROW;
      }

      if (opted_out && !d->compliance && g_strcmp0 (d->status, "queued") == 0)
        {
          if (!td_platform_outbox_set_status (self, d->id, "failed", "opted_out", now,
                                              &changed, &error))
            goto fail;
          continue;
        }

      if (g_strcmp0 (d->gateway, "twilio") == 0 && self->twilio_url != NULL)
        {
          if (g_strcmp0 (d->status, "queued") != 0)
            {
              if (!td_platform_db_run (self->db, &error,
                                       "UPDATE texts SET next_attempt_at = NULL WHERE id = ?1",
                                       "i", d->id))
                goto fail;
              continue;
            }

          /* A lease: the text is not picked again while the gateway
           * answers, and is if the server stops before it does.
           */
          if (!td_platform_db_run (self->db, &error,
                                   "UPDATE texts SET attempts = attempts + 1, "
                                   "next_attempt_at = ?2 WHERE id = ?1",
                                   "ii", d->id, now + SEND_LEASE_MS))
            goto fail;
          d->attempts++;
          g_array_append_val (twilio, *d);
          memset (d, 0, sizeof *d);
          continue;
        }

      /* The outbox gateway (and twilio without a configured URL): the text
       * was held for the delivery delay when queued, and is delivered now.
       */
      if (g_strcmp0 (d->status, "queued") == 0)
        {
          if (!td_platform_db_run (self->db, &error,
                                   "UPDATE texts SET attempts = attempts + 1 WHERE id = ?1",
                                   "i", d->id))
            goto fail;
          if (!td_platform_outbox_set_status (self, d->id, "delivered", NULL, now, &changed,
                                              &error))
            goto fail;
        }
      else if (g_strcmp0 (d->status, "sent") == 0)
        {
          if (!td_platform_outbox_set_status (self, d->id, "delivered", NULL, now, &changed,
                                              &error))
            goto fail;
        }
      else if (!td_platform_db_run (self->db, &error,
                                    "UPDATE texts SET next_attempt_at = NULL WHERE id = ?1",
                                    "i", d->id))
        goto fail;
    }

  if (!td_platform_db_commit (self->db, &error))
    goto fail;

  td_platform_events_flush (self->events);

  for (guint i = 0; i < twilio->len; i++)
    {
      Due *d = &g_array_index (twilio, Due, i);

      send_twilio (self, d->id, d->code, d->phone, d->body, d->secret, d->attempts);
    }

  return due->len;

fail:
  td_platform_db_rollback (self->db);
  g_warning ("Could not process the outbound queue: %s", error->message);
  return 0;
}

static gboolean
tick_cb (gpointer user_data)
{
  td_platform_outbox_process (TD_PLATFORM_OUTBOX (user_data));

  return G_SOURCE_CONTINUE;
}

void
td_platform_outbox_start (TdPlatformOutbox *self)
{
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add (TICK_MS, tick_cb, self);
}
