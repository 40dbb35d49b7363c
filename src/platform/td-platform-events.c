/* td-platform-events.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-events"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-events.h"
#include "td-platform-request.h"

#define DEFAULT_HEARTBEAT_SECONDS 15
#define DEFAULT_RETENTION 100000
#define FLUSH_BATCH 500

typedef struct
{
  TdPlatformEvents  *events;   /* unowned: it closes every client first */
  SoupServerMessage *msg;
  gint64             account_id;
  gint64             token_id;
  gboolean           admin;
  gint64             last_id;
  guint              heartbeat_id;
  gulong             finished_id;
} Client;

struct _TdPlatformEvents
{
  GObject       parent_instance;

  TdPlatformDb *db;
  GPtrArray    *clients;
  guint         heartbeat_seconds;
  guint         retention;
  gboolean      muted;
};

G_DEFINE_FINAL_TYPE (TdPlatformEvents, td_platform_events, G_TYPE_OBJECT)

static void
client_free (Client *client)
{
  g_clear_handle_id (&client->heartbeat_id, g_source_remove);
  g_clear_signal_handler (&client->finished_id, client->msg);
  g_clear_object (&client->msg);
  g_free (client);
}

static void
client_write (Client     *client,
              const char *text)
{
  SoupMessageBody *body = soup_server_message_get_response_body (client->msg);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (client->msg);
}

static void
td_platform_events_dispose (GObject *object)
{
  TdPlatformEvents *self = (TdPlatformEvents *)object;

  td_platform_events_close_all (self);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (td_platform_events_parent_class)->dispose (object);
}

static void
td_platform_events_finalize (GObject *object)
{
  TdPlatformEvents *self = (TdPlatformEvents *)object;

  g_clear_pointer (&self->clients, g_ptr_array_unref);

  G_OBJECT_CLASS (td_platform_events_parent_class)->finalize (object);
}

static void
td_platform_events_class_init (TdPlatformEventsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_platform_events_dispose;
  object_class->finalize = td_platform_events_finalize;
}

static void
td_platform_events_init (TdPlatformEvents *self)
{
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  self->heartbeat_seconds = DEFAULT_HEARTBEAT_SECONDS;
  self->retention = DEFAULT_RETENTION;
}

TdPlatformEvents *
td_platform_events_new (TdPlatformDb *db)
{
  TdPlatformEvents *self = g_object_new (TD_TYPE_PLATFORM_EVENTS, NULL);

  self->db = g_object_ref (db);

  return self;
}

void
td_platform_events_set_heartbeat (TdPlatformEvents *self,
                                  guint             seconds)
{
  self->heartbeat_seconds = MAX (seconds, 1);
}

/**
 * td_platform_events_set_muted:
 *
 * While muted, no event is recorded: for seeding a database that no
 * client watches yet.
 */
void
td_platform_events_set_muted (TdPlatformEvents *self,
                              gboolean          muted)
{
  self->muted = muted;
}

void
td_platform_events_set_retention (TdPlatformEvents *self,
                                  guint             n_events)
{
  self->retention = MAX (n_events, 1);
}

/**
 * td_platform_events_add:
 * @self: a #TdPlatformEvents
 * @account_id: the only account that may see the event
 * @type: the event type, such as "message.created"
 * @object: the object after the change
 * @error: return location for a #GError
 *
 * Records an event in the current transaction. Streams pick it up at the
 * next td_platform_events_flush(), which the server calls after commit,
 * so that a rolled back change never reaches a client.
 */
gboolean
td_platform_events_add (TdPlatformEvents  *self,
                        gint64             account_id,
                        const char        *type,
                        JsonObject        *object,
                        GError           **error)
{
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *data = NULL;
  gboolean admin_only;

  if (self->muted)
    return TRUE;

  json_object_set_string_member (envelope, "type", type);
  json_object_set_object_member (envelope, "data", json_object_ref (object));
  json_node_set_object (node, envelope);
  data = json_to_string (node, FALSE);

  /* Texts of the Conversation Stream, and its conversations, are for
   * administrators only, as the stream itself is.
   */
  admin_only = (g_str_has_prefix (type, "message.")
                || g_str_equal (type, "conversation.updated")) &&
               json_object_has_member (object, "in_stream") &&
               json_object_get_boolean_member (object, "in_stream");

  return td_platform_db_run (self->db, error,
                             "INSERT INTO events (account_id, type, data, created_at, admin_only) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)",
                             "ittib", account_id, type, data, td_platform_now_ms (), admin_only);
}

/**
 * td_platform_events_add_text:
 * @data: the object after the change, as JSON text
 * @admin_only: whether only administrators may see it
 *
 * Like td_platform_events_add(), for an object already written out.
 */
gboolean
td_platform_events_add_text (TdPlatformEvents  *self,
                             gint64             account_id,
                             const char        *type,
                             const char        *data,
                             gboolean           admin_only,
                             GError           **error)
{
  g_autoptr(GString) envelope = NULL;

  if (self->muted)
    return TRUE;

  envelope = g_string_sized_new (strlen (data) + 64);
  g_string_append (envelope, "{\"type\":\"");
  g_string_append (envelope, type);
  g_string_append (envelope, "\",\"data\":");
  g_string_append (envelope, data);
  g_string_append_c (envelope, '}');

  return td_platform_db_run (self->db, error,
                             "INSERT INTO events (account_id, type, data, created_at, admin_only) "
                             "VALUES (?1, ?2, ?3, ?4, ?5)",
                             "ittib", account_id, type, envelope->str, td_platform_now_ms (),
                             admin_only);
}

static gboolean
get_bounds (TdPlatformEvents *self,
            gint64           *out_min,
            gint64           *out_max)
{
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  stmt = td_platform_db_query (self->db, NULL,
                               "SELECT (SELECT min (id) FROM events), "
                               "(SELECT seq FROM sqlite_sequence WHERE name = 'events')",
                               NULL);
  if (stmt != NULL && td_platform_db_step (self->db, stmt, NULL) == SQLITE_ROW)
    {
      *out_min = sqlite3_column_int64 (stmt, 0);
      *out_max = sqlite3_column_int64 (stmt, 1);
      ok = TRUE;
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return ok;
}

/* Whether a client that saw every event up to @last_id can resume: the
 * events after it are all still kept, and @last_id is one we gave out.
 */
static gboolean
can_resume (TdPlatformEvents *self,
            gint64            last_id,
            gint64           *out_max)
{
  gint64 min = 0;
  gint64 max = 0;

  if (!get_bounds (self, &min, &max))
    return FALSE;

  *out_max = max;

  if (last_id < 0 || last_id > max)
    return FALSE;

  if (min > 0 && last_id < min - 1)
    return FALSE;

  if (min == 0 && last_id < max)
    return FALSE;

  return TRUE;
}

static void
client_flush (TdPlatformEvents *self,
              Client           *client)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean more = TRUE;

  while (more)
    {
      sqlite3_stmt *stmt;
      guint n = 0;
      int rc;

      stmt = td_platform_db_query (self->db, NULL,
                                   "SELECT id, type, data, admin_only FROM events "
                                   "WHERE account_id = ?1 AND id > ?2 "
                                   "ORDER BY id LIMIT ?3",
                                   "iii", client->account_id, client->last_id,
                                   (gint64) FLUSH_BATCH);
      if (stmt == NULL)
        return;

      while ((rc = td_platform_db_step (self->db, stmt, NULL)) == SQLITE_ROW)
        {
          client->last_id = sqlite3_column_int64 (stmt, 0);
          n++;
          if (sqlite3_column_int (stmt, 3) != 0 && !client->admin)
            continue;
          g_string_append_printf (out, "id: %" G_GINT64_FORMAT "\nevent: %s\ndata: %s\n\n",
                                  client->last_id,
                                  td_platform_column_text (stmt, 1),
                                  td_platform_column_text (stmt, 2));
        }
      sqlite3_reset (stmt);

      more = rc == SQLITE_DONE && n == FLUSH_BATCH;
    }

  if (out->len > 0)
    client_write (client, out->str);
}

void
td_platform_events_flush (TdPlatformEvents *self)
{
  gint64 min = 0;
  gint64 max = 0;

  g_return_if_fail (TD_IS_PLATFORM_EVENTS (self));

  for (guint i = 0; i < self->clients->len; i++)
    client_flush (self, g_ptr_array_index (self->clients, i));

  /* Keep about `retention` events: prune when a tenth more piled up. */
  if (get_bounds (self, &min, &max) && min > 0 &&
      max - min + 1 > (gint64) self->retention + self->retention / 10 + 1)
    {
      g_autoptr(GError) error = NULL;

      if (!td_platform_events_prune (self, &error))
        g_warning ("Could not prune old events: %s", error->message);
    }
}

gboolean
td_platform_events_prune (TdPlatformEvents  *self,
                          GError           **error)
{
  return td_platform_db_run (self->db, error,
                             "DELETE FROM events WHERE id <= "
                             "(SELECT max (id) FROM events) - ?1",
                             "i", (gint64) self->retention);
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  Client *client = user_data;

  client_write (client, ": heartbeat\n\n");

  return G_SOURCE_CONTINUE;
}

static void
client_finished_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Client *client = user_data;
  TdPlatformEvents *self = client->events;

  g_debug ("An event stream of account %" G_GINT64_FORMAT " ended", client->account_id);
  g_ptr_array_remove_fast (self->clients, client);
}

/**
 * td_platform_events_serve_stream:
 *
 * Answers @msg with a Server-Sent Events stream of the events of
 * @account_id, starting after @last_event_id when it can, or with a
 * `reset` event when it cannot.
 */
void
td_platform_events_serve_stream (TdPlatformEvents  *self,
                                 SoupServerMessage *msg,
                                 gint64             account_id,
                                 gint64             token_id,
                                 gboolean           admin,
                                 const char        *last_event_id)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Client *client;
  gint64 max = 0;
  gint64 last = -1;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);

  client = g_new0 (Client, 1);
  client->events = self;
  client->msg = g_object_ref (msg);
  client->account_id = account_id;
  client->token_id = token_id;
  client->admin = admin;

  if (last_event_id != NULL && *last_event_id != '\0')
    {
      char *end = NULL;

      last = g_ascii_strtoll (last_event_id, &end, 10);
      if (end == NULL || *end != '\0')
        last = -1;
    }

  if (last_event_id == NULL || *last_event_id == '\0')
    {
      /* A new stream starts with what happens from now on. */
      gint64 min = 0;

      get_bounds (self, &min, &max);
      client->last_id = max;
      client_write (client, "retry: 2000\n: connected\n\n");
    }
  else if (can_resume (self, last, &max))
    {
      client->last_id = last;
      client_write (client, "retry: 2000\n: resumed\n\n");
    }
  else
    {
      g_autofree char *frame = NULL;

      client->last_id = max;
      frame = g_strdup_printf ("retry: 2000\nid: %" G_GINT64_FORMAT "\n"
                               "event: reset\ndata: {\"type\":\"reset\",\"data\":null}\n\n",
                               max);
      client_write (client, frame);
    }

  client->heartbeat_id = g_timeout_add_seconds (self->heartbeat_seconds, heartbeat_cb, client);
  client->finished_id = g_signal_connect (msg, "finished",
                                          G_CALLBACK (client_finished_cb), client);
  g_ptr_array_add (self->clients, client);

  client_flush (self, client);
}

JsonNode *
td_platform_events_get_page (TdPlatformEvents  *self,
                             gint64             account_id,
                             gboolean           admin,
                             gint64             after,
                             guint              limit,
                             GError           **error)
{
  g_autoptr(JsonObject) page = json_object_new ();
  JsonArray *data = json_array_new ();
  sqlite3_stmt *stmt;
  gint64 max = 0;
  gint64 last = after;
  guint n = 0;
  int rc;

  json_object_set_array_member (page, "data", data);

  if (!can_resume (self, after, &max))
    {
      g_autofree char *max_text = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      json_object_set_boolean_member (page, "reset", TRUE);
      json_object_set_null_member (page, "next_cursor");
      json_object_set_string_member (page, "last_event_id", max_text);
      return json_node_init_object (json_node_alloc (), page);
    }

  stmt = td_platform_db_query (self->db, error,
                               "SELECT id, type, data, created_at FROM events "
                               "WHERE account_id = ?1 AND id > ?2 AND (admin_only = 0 OR ?4) "
                               "ORDER BY id LIMIT ?3",
                               "iiib", account_id, after, (gint64) limit, admin);
  if (stmt == NULL)
    return NULL;

  while ((rc = td_platform_db_step (self->db, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(JsonNode) envelope = json_from_string (td_platform_column_text (stmt, 2), NULL);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             (gint64) sqlite3_column_int64 (stmt, 0));
      g_autofree char *at = td_platform_format_time (sqlite3_column_int64 (stmt, 3));
      JsonObject *event = json_object_new ();

      last = sqlite3_column_int64 (stmt, 0);
      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "type", td_platform_column_text (stmt, 1));
      if (envelope != NULL && JSON_NODE_HOLDS_OBJECT (envelope) &&
          json_object_has_member (json_node_get_object (envelope), "data"))
        json_object_set_member (event, "data",
                                json_node_copy (json_object_get_member
                                                (json_node_get_object (envelope), "data")));
      else
        json_object_set_null_member (event, "data");
      json_object_set_string_member (event, "created_at", at);
      json_array_add_object_element (data, event);
      n++;
    }
  sqlite3_reset (stmt);

  if (rc == -1)
    return NULL;

  json_object_set_boolean_member (page, "reset", FALSE);
  if (n == limit)
    {
      /* Opaque, like every other list's: it goes back in ?cursor=. */
      g_autofree char *cursor = td_platform_encode_cursor (last);

      json_object_set_string_member (page, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (page, "next_cursor");

  {
    g_autofree char *last_text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                  n > 0 ? last : MAX (max, after));

    json_object_set_string_member (page, "last_event_id", last_text);
  }

  return json_node_init_object (json_node_alloc (), page);
}

guint
td_platform_events_get_n_clients (TdPlatformEvents *self)
{
  return self->clients->len;
}

/**
 * td_platform_events_count_token_streams:
 *
 * Returns: how many event streams of the token @token_id are open
 */
guint
td_platform_events_count_token_streams (TdPlatformEvents *self,
                                        gint64            token_id)
{
  guint n = 0;

  for (guint i = 0; i < self->clients->len; i++)
    if (((Client *) g_ptr_array_index (self->clients, i))->token_id == token_id)
      n++;

  return n;
}

static void
client_close (Client *client)
{
  soup_message_body_complete (soup_server_message_get_response_body (client->msg));
  soup_server_message_unpause (client->msg);
  client_free (client);
}

/**
 * td_platform_events_close_token_streams:
 *
 * Ends every event stream of the token @token_id, when it is revoked.
 */
void
td_platform_events_close_token_streams (TdPlatformEvents *self,
                                        gint64            token_id)
{
  guint i = 0;

  while (i < self->clients->len)
    {
      Client *client = g_ptr_array_index (self->clients, i);

      if (client->token_id == token_id)
        client_close (g_ptr_array_steal_index_fast (self->clients, i));
      else
        i++;
    }
}

void
td_platform_events_close_all (TdPlatformEvents *self)
{
  while (self->clients != NULL && self->clients->len > 0)
    {
      client_close (g_ptr_array_steal_index_fast (self->clients, 0));
    }
}
