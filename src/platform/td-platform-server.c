/* td-platform-server.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-server.h"

#define DEFAULT_RATE_LIMIT 1200          /* requests a minute, a token */
#define DEFAULT_BODY_LIMIT (256 * 1024)  /* bytes */
#define IDEMPOTENCY_STALE_MS 60000
#define TOO_LARGE_KEY "td-platform-too-large"

/* Sign-in attempts: at most this many for one address (email) and for
 * one client in a window; a success clears its email's count.
 */
#define SIGN_IN_WINDOW_US (5 * 60 * G_USEC_PER_SEC)
#define SIGN_IN_MAX_PER_EMAIL 5
#define SIGN_IN_MAX_PER_CLIENT 30

typedef enum
{
  ROUTE_PUBLIC     = 1 << 0,
  ROUTE_IDEMPOTENT = 1 << 1,
  ROUTE_NO_TRANSACTION = 1 << 2,
} RouteFlags;

typedef struct
{
  const char        *method;
  const char        *pattern;
  TdPlatformHandler  handler;
  RouteFlags         flags;
} Route;

static const Route routes[] = {
  { "POST", "v1/sessions", td_platform_handle_sign_in, ROUTE_PUBLIC | ROUTE_NO_TRANSACTION },
  { "DELETE", "v1/sessions/current", td_platform_handle_sign_out, 0 },
  { "GET", "v1/me", td_platform_handle_me, 0 },
  { "GET", "v1/short-codes", td_platform_handle_short_codes_list, 0 },
  { "PATCH", "v1/short-codes/*", td_platform_handle_short_code_patch, 0 },
  { "GET", "v1/campaigns", td_platform_handle_campaigns_list, 0 },
  { "POST", "v1/campaigns", td_platform_handle_campaign_create, 0 },
  { "GET", "v1/campaigns/*", td_platform_handle_campaign_get, 0 },
  { "PATCH", "v1/campaigns/*", td_platform_handle_campaign_patch, 0 },
  { "DELETE", "v1/campaigns/*", td_platform_handle_campaign_delete, 0 },
  { "GET", "v1/conversations", td_platform_handle_conversations_list, 0 },
  { "GET", "v1/conversations/*", td_platform_handle_conversation_get, 0 },
  { "PATCH", "v1/conversations/*", td_platform_handle_conversation_patch, 0 },
  { "GET", "v1/conversations/*/messages", td_platform_handle_conversation_messages, 0 },
  { "POST", "v1/conversations/*/messages", td_platform_handle_reply, ROUTE_IDEMPOTENT },
  { "GET", "v1/messages/*", td_platform_handle_message_get, 0 },
  { "GET", "v1/subscribers", td_platform_handle_subscribers_list, 0 },
  { "POST", "v1/subscribers", td_platform_handle_subscriber_create, 0 },
  { "POST", "v1/subscribers/import", td_platform_handle_subscribers_import, 0 },
  { "GET", "v1/subscribers/*", td_platform_handle_subscriber_get, 0 },
  { "PATCH", "v1/subscribers/*", td_platform_handle_subscriber_patch, 0 },
  { "DELETE", "v1/subscribers/*", td_platform_handle_subscriber_delete, 0 },
  { "GET", "v1/subscribers/*/messages", td_platform_handle_subscriber_messages, 0 },
  { "GET", "v1/fields", td_platform_handle_fields_list, 0 },
  { "POST", "v1/fields", td_platform_handle_field_create, 0 },
  { "GET", "v1/lists", td_platform_handle_lists_list, 0 },
  { "POST", "v1/lists", td_platform_handle_list_create, 0 },
  { "GET", "v1/lists/*", td_platform_handle_list_get, 0 },
  { "PATCH", "v1/lists/*", td_platform_handle_list_patch, 0 },
  { "DELETE", "v1/lists/*", td_platform_handle_list_delete, 0 },
  { "GET", "v1/lists/*/members", td_platform_handle_list_members, 0 },
  { "POST", "v1/lists/*/members", td_platform_handle_list_members_add, 0 },
  { "POST", "v1/lists/*/members/remove", td_platform_handle_list_members_remove, 0 },
  { "GET", "v1/events", td_platform_handle_events, ROUTE_NO_TRANSACTION },
  { "POST", "gateway/twilio/status", td_platform_handle_gateway_status, ROUTE_PUBLIC },
  { "POST", "gateway/twilio/*", td_platform_handle_gateway_inbound, ROUTE_PUBLIC },
};

typedef struct
{
  double tokens;
  gint64 updated;
} Bucket;

typedef struct
{
  guint  attempts;
  gint64 window_start;
} Attempts;

struct _TdPlatformServer
{
  GObject             parent_instance;

  TdPlatformDb       *db;
  TdPlatformEvents   *events;
  TdPlatformOutbox   *outbox;
  TdPlatformPipeline *pipeline;
  SoupServer         *soup;
  GHashTable         *buckets;   /* token id -> Bucket */
  GHashTable         *sign_ins;  /* "email:…" or "client:…" -> Attempts */
  guint               rate_limit;
  gsize               body_limit;
  guint               prune_id;
};

G_DEFINE_FINAL_TYPE (TdPlatformServer, td_platform_server, G_TYPE_OBJECT)

static void
td_platform_server_dispose (GObject *object)
{
  TdPlatformServer *self = (TdPlatformServer *)object;

  g_clear_handle_id (&self->prune_id, g_source_remove);
  if (self->events != NULL)
    td_platform_events_close_all (self->events);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->pipeline);
  g_clear_object (&self->outbox);
  g_clear_object (&self->events);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_platform_server_parent_class)->dispose (object);
}

static void
td_platform_server_finalize (GObject *object)
{
  TdPlatformServer *self = (TdPlatformServer *)object;

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->sign_ins, g_hash_table_unref);

  G_OBJECT_CLASS (td_platform_server_parent_class)->finalize (object);
}

static void
td_platform_server_class_init (TdPlatformServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_platform_server_dispose;
  object_class->finalize = td_platform_server_finalize;
}

static void
td_platform_server_init (TdPlatformServer *self)
{
  self->buckets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->sign_ins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rate_limit = DEFAULT_RATE_LIMIT;
  self->body_limit = DEFAULT_BODY_LIMIT;
}

static void
send_response (TdPlatformRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  soup_server_message_set_status (req->msg, req->response_status ? req->response_status : 500,
                                  NULL);

  if (req->response_etag != NULL)
    soup_message_headers_replace (headers, "ETag", req->response_etag);

  if (req->response_body != NULL)
    soup_server_message_set_response (req->msg, req->response_type,
                                      SOUP_MEMORY_COPY, req->response_body,
                                      strlen (req->response_body));
}

static void
respond_error_now (TdPlatformRequest *req,
                   const GError      *error)
{
  td_platform_request_respond_error (req, error);
  send_response (req);
}

static gboolean
take_rate_token (TdPlatformServer  *self,
                 TdPlatformRequest *req,
                 GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);
  g_autofree char *remaining = NULL;
  Bucket *bucket;
  gint64 now = g_get_monotonic_time ();
  double rate;

  if (self->rate_limit == 0)
    return TRUE;

  rate = self->rate_limit / 60.0 / G_USEC_PER_SEC;

  bucket = g_hash_table_lookup (self->buckets, &req->caller.token_id);
  if (bucket == NULL)
    {
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->rate_limit;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_memdup2 (&req->caller.token_id, sizeof (gint64)),
                           bucket);
    }

  bucket->tokens = MIN ((double) self->rate_limit,
                        bucket->tokens + (now - bucket->updated) * rate);
  bucket->updated = now;

  {
    g_autofree char *limit = g_strdup_printf ("%u", self->rate_limit);

    soup_message_headers_replace (headers, "RateLimit-Limit", limit);
  }

  if (bucket->tokens < 1.0)
    {
      g_autofree char *retry = NULL;
      double wait_s = (1.0 - bucket->tokens) / (rate * G_USEC_PER_SEC);

      retry = g_strdup_printf ("%d", MAX (1, (int) (wait_s + 0.999)));
      soup_message_headers_replace (headers, "Retry-After", retry);
      soup_message_headers_replace (headers, "RateLimit-Remaining", "0");
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_RATE_LIMITED,
                           _("Too many requests; wait a moment and try again"));
      return FALSE;
    }

  bucket->tokens -= 1.0;
  remaining = g_strdup_printf ("%d", (int) bucket->tokens);
  soup_message_headers_replace (headers, "RateLimit-Remaining", remaining);

  return TRUE;
}

static gboolean
authenticate (TdPlatformServer  *self,
              TdPlatformRequest *req,
              GError           **error)
{
  const char *header = td_platform_request_get_header (req, "Authorization");
  const char *token = NULL;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    {
      token = header + 7;
      while (*token == ' ')
        token++;
    }

  if (token == NULL || *token == '\0')
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "WWW-Authenticate", "Bearer");
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_UNAUTHORIZED,
                           _("Sign in first: the request has no API token"));
      return FALSE;
    }

  if (!td_platform_auth_lookup_token (self->db, token, &req->caller, error))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return FALSE;
    }

  req->authenticated = TRUE;

  return TRUE;
}

static const Route *
match_route (TdPlatformRequest *req,
             gboolean          *out_path_matched)
{
  *out_path_matched = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      g_auto(GStrv) parts = g_strsplit (routes[i].pattern, "/", -1);
      gboolean match = g_strv_length (parts) == req->n_segments;

      for (guint j = 0; match && parts[j] != NULL; j++)
        if (!g_str_equal (parts[j], "*") && !g_str_equal (parts[j], req->segments[j]))
          match = FALSE;

      if (!match)
        continue;

      /* "gateway/twilio/status" is taken before any other code, and
       * literal paths like "subscribers/import" before ids.
       */
      *out_path_matched = TRUE;
      if (g_str_equal (routes[i].method, req->method))
        return &routes[i];
    }

  return NULL;
}

static char *
request_hash (TdPlatformRequest *req)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GBytes) body
    = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  g_autofree char *path = g_strjoinv ("/", req->segments);

  g_checksum_update (sum, (const guchar *) req->method, -1);
  g_checksum_update (sum, (const guchar *) " /", 2);
  g_checksum_update (sum, (const guchar *) path, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return g_strdup (g_checksum_get_string (sum));
}

typedef enum
{
  IDEMPOTENCY_RUN,
  IDEMPOTENCY_REPLAYED,
  IDEMPOTENCY_FAILED,
} IdempotencyOutcome;

/* Claims @key for this request in a transaction of its own, so that a
 * concurrent or a later request with the same key sees it.
 */
static IdempotencyOutcome
idempotency_begin (TdPlatformServer  *self,
                   TdPlatformRequest *req,
                   const char        *key,
                   const char        *hash,
                   GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 now = td_platform_now_ms ();
  int rc;

  if (!td_platform_db_begin (self->db, error))
    return IDEMPOTENCY_FAILED;

  stmt = td_platform_db_query (self->db, error,
                               "SELECT request_hash, state, status, response, created_at "
                               "FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
                               "it", req->caller.user_id, key);
  if (stmt == NULL)
    goto fail;

  rc = td_platform_db_step (self->db, stmt, error);
  if (rc == -1)
    goto fail;

  if (rc == SQLITE_ROW)
    {
      g_autofree char *stored_hash = g_strdup (td_platform_column_text (stmt, 0));
      gboolean done = g_strcmp0 (td_platform_column_text (stmt, 1), "done") == 0;
      guint status = sqlite3_column_int (stmt, 2);
      g_autofree char *response = g_strdup (td_platform_column_text (stmt, 3));
      gint64 created_at = sqlite3_column_int64 (stmt, 4);

      sqlite3_reset (stmt);

      if (!g_str_equal (stored_hash, hash))
        {
          td_platform_db_rollback (self->db);
          g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REUSED,
                               _("This Idempotency-Key was used for a different request"));
          return IDEMPOTENCY_FAILED;
        }

      if (done)
        {
          td_platform_db_rollback (self->db);
          td_platform_request_respond_raw (req, status,
                                           status >= 400 ? "application/problem+json"
                                                         : "application/json",
                                           response);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Idempotent-Replayed", "true");
          return IDEMPOTENCY_REPLAYED;
        }

      /* Running: another request holds the key, unless it was left behind
       * by a server that stopped mid-way; then nothing of it was
       * committed (the answer is stored with the work) and it runs again.
       */
      if (now - created_at < IDEMPOTENCY_STALE_MS)
        {
          td_platform_db_rollback (self->db);
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Retry-After", "1");
          g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_IDEMPOTENCY_IN_FLIGHT,
                               _("A request with this Idempotency-Key is still running"));
          return IDEMPOTENCY_FAILED;
        }

      if (!td_platform_db_run (self->db, error,
                               "UPDATE idempotency_keys SET created_at = ?3 "
                               "WHERE user_id = ?1 AND key = ?2",
                               "iti", req->caller.user_id, key, now))
        goto fail;
    }
  else
    {
      sqlite3_reset (stmt);
      if (!td_platform_db_run (self->db, error,
                               "INSERT INTO idempotency_keys (user_id, key, request_hash, state, "
                               "created_at) VALUES (?1, ?2, ?3, 'running', ?4)",
                               "itti", req->caller.user_id, key, hash, now))
        goto fail;
    }

  if (!td_platform_db_commit (self->db, error))
    return IDEMPOTENCY_FAILED;

  return IDEMPOTENCY_RUN;

fail:
  td_platform_db_rollback (self->db);
  return IDEMPOTENCY_FAILED;
}

static gboolean
idempotency_store (TdPlatformServer  *self,
                   TdPlatformRequest *req,
                   const char        *key,
                   GError           **error)
{
  return td_platform_db_run (self->db, error,
                             "UPDATE idempotency_keys SET state = 'done', status = ?3, "
                             "response = ?4 WHERE user_id = ?1 AND key = ?2",
                             "itit", req->caller.user_id, key,
                             (gint64) req->response_status, req->response_body);
}

static void
idempotency_forget (TdPlatformServer  *self,
                    TdPlatformRequest *req,
                    const char        *key)
{
  td_platform_db_run (self->db, NULL,
                      "DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
                      "it", req->caller.user_id, key);
}

static gboolean
valid_idempotency_key (const char *key)
{
  gsize len;

  if (key == NULL)
    return FALSE;

  len = strlen (key);
  if (len == 0 || len > 255)
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (*p < 0x21 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

static void
handle_request (TdPlatformServer  *self,
                TdPlatformRequest *req,
                const Route       *route)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *key = NULL;
  gboolean ok;

  if (!(route->flags & ROUTE_PUBLIC))
    {
      if (!authenticate (self, req, &error) || !take_rate_token (self, req, &error))
        {
          respond_error_now (req, error);
          return;
        }
    }

  if (route->flags & ROUTE_IDEMPOTENT)
    {
      key = td_platform_request_get_header (req, "Idempotency-Key");
      if (!valid_idempotency_key (key))
        {
          g_set_error_literal (&error, TD_PLATFORM_ERROR,
                               TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REQUIRED,
                               _("This request needs an Idempotency-Key header of 1 to 255 "
                                 "visible ASCII characters"));
          respond_error_now (req, error);
          return;
        }

      hash = request_hash (req);
      switch (idempotency_begin (self, req, key, hash, &error))
        {
        case IDEMPOTENCY_RUN:
          break;

        case IDEMPOTENCY_REPLAYED:
          send_response (req);
          return;

        case IDEMPOTENCY_FAILED:
        default:
          respond_error_now (req, error);
          return;
        }
    }

  if (route->flags & ROUTE_NO_TRANSACTION)
    {
      if (!route->handler (req, &error))
        respond_error_now (req, error);
      else if (!req->streaming && !req->deferred)
        send_response (req);
      return;
    }

  if (!td_platform_db_begin (self->db, &error))
    {
      if (key != NULL)
        idempotency_forget (self, req, key);
      respond_error_now (req, error);
      return;
    }

  ok = route->handler (req, &error);

  /* The stored answer is committed with the work, so that a request that
   * committed is never run twice.
   */
  if (ok && key != NULL && !idempotency_store (self, req, key, &error))
    ok = FALSE;

  if (ok && !td_platform_db_commit (self->db, &error))
    ok = FALSE;

  if (!ok)
    {
      td_platform_db_rollback (self->db);
      td_platform_request_respond_error (req, error);

      if (key != NULL)
        {
          /* A client error is an answer too and is replayed; a server
           * error is not, so that the retry can succeed.
           */
          if (req->response_status < 500 &&
              td_platform_db_begin (self->db, NULL))
            {
              if (idempotency_store (self, req, key, NULL))
                td_platform_db_commit (self->db, NULL);
              else
                td_platform_db_rollback (self->db);
            }
          else
            idempotency_forget (self, req, key);
        }

      if (td_platform_error_get_status (error) >= 500)
        g_warning ("%s %s failed: %s", req->method,
                   g_uri_get_path (soup_server_message_get_uri (req->msg)), error->message);

      send_response (req);
      return;
    }

  send_response (req);
  td_platform_events_flush (self->events);
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  TdPlatformServer *self = user_data;
  g_autoptr(GError) error = NULL;
  TdPlatformRequest *req;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  const Route *route;
  gboolean path_matched;

  req = g_new0 (TdPlatformRequest, 1);
  req->server = self;
  req->db = self->db;
  req->events = self->events;
  req->outbox = self->outbox;
  req->pipeline = self->pipeline;
  req->msg = msg;
  req->method = soup_server_message_get_method (msg);
  if (query != NULL)
    req->query = g_hash_table_ref (query);

  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (segments, g_strdup (parts[i]));
  g_ptr_array_add (segments, NULL);
  req->n_segments = segments->len - 1;
  req->segments = (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);

  g_debug ("%s %s", req->method, path);

  if (g_object_get_data (G_OBJECT (msg), TOO_LARGE_KEY) != NULL)
    {
      g_set_error (&error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_PAYLOAD_TOO_LARGE,
                   _("The body is larger than %" G_GSIZE_FORMAT " bytes"), self->body_limit);
      respond_error_now (req, error);
      td_platform_request_free (req);
      return;
    }

  route = match_route (req, &path_matched);
  if (route == NULL)
    {
      if (path_matched)
        g_set_error (&error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_METHOD_NOT_ALLOWED,
                     _("%s is not allowed here"), req->method);
      else
        g_set_error_literal (&error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                             _("There is nothing at this address"));
      respond_error_now (req, error);
      td_platform_request_free (req);
      return;
    }

  handle_request (self, req, route);
  if (!req->deferred)
    td_platform_request_free (req);
}

/**
 * td_platform_server_finish_deferred:
 * @req: (transfer full): a request whose handler set `deferred` and
 *   paused its message
 *
 * Sends the answer the handler has since put in @req.
 */
void
td_platform_server_finish_deferred (TdPlatformServer  *self,
                                    TdPlatformRequest *req)
{
  g_return_if_fail (req->deferred);

  send_response (req);
  soup_server_message_unpause (req->msg);
  td_platform_request_free (req);
}

static Attempts *
get_attempts (TdPlatformServer *self,
              const char       *key,
              gint64            now)
{
  Attempts *attempts = g_hash_table_lookup (self->sign_ins, key);

  if (attempts == NULL)
    {
      attempts = g_new0 (Attempts, 1);
      g_hash_table_insert (self->sign_ins, g_strdup (key), attempts);
    }

  if (now - attempts->window_start > SIGN_IN_WINDOW_US)
    {
      attempts->attempts = 0;
      attempts->window_start = now;
    }

  return attempts;
}

static gboolean
drop_old_attempts (gpointer key,
                   gpointer value,
                   gpointer user_data)
{
  const Attempts *attempts = value;
  const gint64 *now = user_data;

  return *now - attempts->window_start > SIGN_IN_WINDOW_US;
}

/**
 * td_platform_server_sign_in_begin:
 * @email: the address a client signs in with
 * @address: (nullable): the client's network address
 *
 * Counts a sign-in attempt, unless there were too many already.
 *
 * Returns: 0 when the attempt may go on, else how many seconds to wait
 */
guint
td_platform_server_sign_in_begin (TdPlatformServer *self,
                                  const char       *email,
                                  const char       *address)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *folded = g_utf8_casefold (email, -1);
  g_autofree char *email_key = g_strconcat ("email:", folded, NULL);
  g_autofree char *client_key = g_strconcat ("client:", address != NULL ? address : "", NULL);
  Attempts *by_email;
  Attempts *by_client;

  /* Bounded: old windows go when the table grows. */
  if (g_hash_table_size (self->sign_ins) > 10000)
    g_hash_table_foreach_remove (self->sign_ins, drop_old_attempts, &now);

  by_email = get_attempts (self, email_key, now);
  by_client = get_attempts (self, client_key, now);

  if (by_email->attempts >= SIGN_IN_MAX_PER_EMAIL || by_client->attempts >= SIGN_IN_MAX_PER_CLIENT)
    {
      gint64 start = by_email->attempts >= SIGN_IN_MAX_PER_EMAIL ? by_email->window_start
                                                                 : by_client->window_start;
      gint64 wait_us = start + SIGN_IN_WINDOW_US - now;

      return MAX (1, (guint) ((wait_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
    }

  /* Counted before the password is checked, so that parallel guesses
   * count too.
   */
  by_email->attempts++;
  by_client->attempts++;

  return 0;
}

/**
 * td_platform_server_sign_in_end:
 *
 * A success clears the count of its email and takes back its attempt
 * from the client's.
 */
void
td_platform_server_sign_in_end (TdPlatformServer *self,
                                const char       *email,
                                const char       *address,
                                gboolean          succeeded)
{
  g_autofree char *folded = g_utf8_casefold (email, -1);
  g_autofree char *email_key = g_strconcat ("email:", folded, NULL);
  g_autofree char *client_key = g_strconcat ("client:", address != NULL ? address : "", NULL);
  Attempts *by_client;

  if (!succeeded)
    return;

  g_hash_table_remove (self->sign_ins, email_key);
  by_client = g_hash_table_lookup (self->sign_ins, client_key);
  if (by_client != NULL && by_client->attempts > 0)
    by_client->attempts--;
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  TdPlatformServer *self = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  goffset length = body->length;

  if ((gsize) length > self->body_limit &&
      g_object_get_data (G_OBJECT (msg), TOO_LARGE_KEY) == NULL)
    {
      /* Stop keeping what comes: it is refused anyway. */
      g_object_set_data (G_OBJECT (msg), TOO_LARGE_KEY, GINT_TO_POINTER (1));
      soup_message_body_set_accumulate (body, FALSE);
    }
}

static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  TdPlatformServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset length = soup_message_headers_get_content_length (headers);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (gsize) length > self->body_limit)
    {
      g_autofree char *problem =
        g_strdup_printf ("{\"type\":\"https://textdesk.example/problems/payload-too-large\","
                         "\"title\":\"Payload too large\",\"status\":413,"
                         "\"detail\":\"The body is larger than %" G_GSIZE_FORMAT " bytes\","
                         "\"code\":\"payload_too_large\"}",
                         self->body_limit);

      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      soup_server_message_set_response (msg, "application/problem+json",
                                        SOUP_MEMORY_COPY, problem, strlen (problem));
      return;
    }

  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static gboolean
prune_cb (gpointer user_data)
{
  TdPlatformServer *self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 cutoff = td_platform_now_ms () - 24 * 3600 * 1000;

  if (!td_platform_events_prune (self->events, &error) ||
      !td_platform_db_run (self->db, &error,
                           "DELETE FROM idempotency_keys WHERE created_at < ?1",
                           "i", cutoff))
    g_warning ("Could not prune old events: %s", error->message);

  return G_SOURCE_CONTINUE;
}

TdPlatformServer *
td_platform_server_new (TdPlatformDb *db)
{
  TdPlatformServer *self = g_object_new (TD_TYPE_PLATFORM_SERVER, NULL);

  self->db = g_object_ref (db);
  self->events = td_platform_events_new (db);
  self->outbox = td_platform_outbox_new (db, self->events);
  self->pipeline = td_platform_pipeline_new (db, self->events, self->outbox);

  self->soup = soup_server_new ("server-header", "textdesk-platform/" PACKAGE_VERSION, NULL);
  soup_server_add_early_handler (self->soup, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, server_cb, self, NULL);

  self->prune_id = g_timeout_add_seconds (30, prune_cb, self);

  return self;
}

TdPlatformEvents *
td_platform_server_get_events (TdPlatformServer *self)
{
  return self->events;
}

TdPlatformOutbox *
td_platform_server_get_outbox (TdPlatformServer *self)
{
  return self->outbox;
}

TdPlatformPipeline *
td_platform_server_get_pipeline (TdPlatformServer *self)
{
  return self->pipeline;
}

void
td_platform_server_set_rate_limit (TdPlatformServer *self,
                                   guint             per_minute)
{
  self->rate_limit = per_minute;
}

void
td_platform_server_set_body_limit (TdPlatformServer *self,
                                   gsize             bytes)
{
  self->body_limit = bytes;
}

gboolean
td_platform_server_listen (TdPlatformServer  *self,
                           const char        *host,
                           guint              port,
                           GError           **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“%s” is not an IP address"), host);
      return FALSE;
    }

  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->soup, socket_address, 0, error))
    return FALSE;

  td_platform_outbox_start (self->outbox);

  return TRUE;
}

/**
 * td_platform_server_get_url:
 *
 * Returns: (transfer full): the base URL it listens on, such as
 *   "http://127.0.0.1:41019"
 */
char *
td_platform_server_get_url (TdPlatformServer *self)
{
  GSList *uris = soup_server_get_uris (self->soup);
  char *url = NULL;

  if (uris != NULL)
    {
      GUri *uri = uris->data;
      const char *host = g_uri_get_host (uri);

      if (strchr (host, ':') != NULL)
        url = g_strdup_printf ("http://[%s]:%d", host, g_uri_get_port (uri));
      else
        url = g_strdup_printf ("http://%s:%d", host, g_uri_get_port (uri));
    }

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return url;
}

void
td_platform_server_stop (TdPlatformServer *self)
{
  td_platform_events_close_all (self->events);
  soup_server_disconnect (self->soup);
}
