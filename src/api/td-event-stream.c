/* td-event-stream.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-event-stream"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "td-api-error.h"
#include "td-client-private.h"
#include "td-event-stream.h"
#include "td-json-private.h"

#define DEFAULT_FIRST_DELAY_MS 1000
#define DEFAULT_MAX_DELAY_MS 30000
#define READ_SIZE 8192

/**
 * TdEventStream:
 *
 * The platform's live events: Server-Sent Events on `GET /v1/events`.
 * Each event comes out as the #TdEventStream::event signal with its type
 * ("message.created") as the detail; when the server can no longer say
 * what was missed, #TdEventStream::reset tells the views to reload.
 *
 * A dropped stream is reconnected with exponential backoff and jitter,
 * sending `Last-Event-ID` so that nothing is missed or repeated. A 401,
 * 403 or 404 stops it: retrying cannot help.
 */
struct _TdEventStream
{
  GObject parent_instance;

  TdClient *client;
  gboolean running;
  gboolean connected;
  char *last_event_id;
  GError *error;

  /* The connection in use; a new one for each attempt. */
  struct _Connection *connection;
  guint reconnect_source;
  guint attempt;
  guint first_delay_ms;
  guint max_delay_ms;
  guint server_retry_ms;

  /* The parser. */
  GString *buffer;
  GString *data;
  char *event_type;
  char *event_id;
  gboolean has_id;
};

G_DEFINE_FINAL_TYPE (TdEventStream, td_event_stream, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_RUNNING,
  PROP_CONNECTED,
  PROP_LAST_EVENT_ID,
  PROP_ERROR,
  N_PROPS
};

enum {
  EVENT,
  RESET,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The callbacks of one connection hold it, not the stream: stopping
 * (or disposing) the stream cancels it and unhooks it, so that a late
 * callback touches nothing. */
typedef struct _Connection
{
  gatomicrefcount ref_count;
  TdEventStream *self;
  GCancellable *cancellable;
  SoupMessage *message;
  GInputStream *input;
} Connection;

static void connect_now (TdEventStream *self);

static Connection *
connection_ref (Connection *connection)
{
  g_atomic_ref_count_inc (&connection->ref_count);
  return connection;
}

static void
connection_unref (Connection *connection)
{
  if (!g_atomic_ref_count_dec (&connection->ref_count))
    return;

  g_clear_object (&connection->cancellable);
  g_clear_object (&connection->message);
  g_clear_object (&connection->input);
  g_free (connection);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Connection, connection_unref)

static void
set_connected (TdEventStream *self,
               gboolean       connected)
{
  if (self->connected == connected)
    return;

  self->connected = connected;
  g_debug ("%s", connected ? "Connected" : "Disconnected");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
set_error (TdEventStream *self,
           const GError  *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
reset_parser (TdEventStream *self)
{
  g_string_truncate (self->buffer, 0);
  g_string_truncate (self->data, 0);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->event_id, g_free);
  self->has_id = FALSE;
}

static void
drop_connection (TdEventStream *self)
{
  if (self->connection == NULL)
    return;

  self->connection->self = NULL;
  g_cancellable_cancel (self->connection->cancellable);
  g_clear_pointer (&self->connection, connection_unref);
}

/* The parser: https://html.spec.whatwg.org/multipage/server-sent-events.html */

static void
dispatch (TdEventStream *self)
{
  g_autofree char *type = g_steal_pointer (&self->event_type);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *object;
  const char *data_type;

  if (self->has_id)
    {
      self->has_id = FALSE;
      if (g_strcmp0 (self->last_event_id, self->event_id) != 0)
        {
          g_free (self->last_event_id);
          self->last_event_id = g_steal_pointer (&self->event_id);
          g_object_notify_by_pspec (G_OBJECT (self),
                                    properties[PROP_LAST_EVENT_ID]);
        }
      g_clear_pointer (&self->event_id, g_free);
    }

  /* A reset needs no data: the client must reload whatever it shows. */
  if (g_strcmp0 (type, "reset") == 0)
    {
      g_string_truncate (self->data, 0);
      g_debug ("Reset: reloading");
      g_signal_emit (self, signals[RESET], 0);
      return;
    }

  if (self->data->len == 0)
    return;

  /* The last line feed of the data buffer is not part of the data. */
  if (self->data->str[self->data->len - 1] == '\n')
    g_string_truncate (self->data, self->data->len - 1);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, self->data->str,
                                   (gssize) self->data->len, &error)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_debug ("Skipping an event whose data is not a JSON object: %s",
               error != NULL ? error->message : "not an object");
      g_string_truncate (self->data, 0);
      return;
    }
  g_string_truncate (self->data, 0);

  root = json_node_get_object (json_parser_get_root (parser));
  data_type = td_json_get_string (root, "type");
  if (type == NULL || *type == '\0')
    {
      g_free (type);
      type = g_strdup (data_type != NULL ? data_type : "message");
    }

  /* `data` holds the object after the change; a frame without it is
   * taken whole. */
  object = td_json_get_object (root, "data");
  if (object == NULL)
    {
      if (json_object_has_member (root, "data"))
        {
          g_debug ("Skipping a %s event whose data is not an object", type);
          return;
        }
      object = root;
    }

  g_debug ("Event %s (%s)", type, self->last_event_id);
  g_signal_emit (self, signals[EVENT], g_quark_from_string (type), type,
                 object);
}

static void
process_line (TdEventStream *self,
              const char    *line,
              gsize          length)
{
  g_autofree char *field = NULL;
  const char *colon;
  const char *value;

  if (length == 0)
    {
      dispatch (self);
      return;
    }

  /* A comment: the server's heartbeat. */
  if (line[0] == ':')
    return;

  colon = memchr (line, ':', length);
  if (colon != NULL)
    {
      field = g_strndup (line, colon - line);
      value = colon + 1;
      if (*value == ' ')
        value++;
    }
  else
    {
      field = g_strndup (line, length);
      value = "";
    }

  if (g_str_equal (field, "event"))
    {
      g_free (self->event_type);
      self->event_type = g_strdup (value);
    }
  else if (g_str_equal (field, "data"))
    {
      g_string_append (self->data, value);
      g_string_append_c (self->data, '\n');
    }
  else if (g_str_equal (field, "id"))
    {
      g_free (self->event_id);
      self->event_id = g_strdup (value);
      self->has_id = TRUE;
    }
  else if (g_str_equal (field, "retry"))
    {
      guint64 ms;

      if (g_ascii_string_to_unsigned (value, 10, 0, 10 * 60 * 1000, &ms, NULL))
        self->server_retry_ms = (guint) ms;
    }
  else
    g_debug ("Ignoring the field “%s”", field);
}

/**
 * td_event_stream_feed:
 * @self: a #TdEventStream
 * @data: bytes of the stream, in any chunks
 * @length: how many
 *
 * Parses bytes of an event stream and emits what they complete. The
 * stream feeds itself from the network; this is for tests and replays.
 */
void
td_event_stream_feed (TdEventStream *self,
                      const char    *data,
                      gsize          length)
{
  gsize start = 0;

  g_return_if_fail (TD_IS_EVENT_STREAM (self));

  g_string_append_len (self->buffer, data, length);

  g_object_ref (self);
  for (gsize i = 0; i < self->buffer->len; i++)
    {
      char c = self->buffer->str[i];
      gsize line_length;

      if (c != '\n' && c != '\r')
        continue;

      /* A CR at the very end may be the first half of a CRLF. */
      if (c == '\r' && i + 1 == self->buffer->len)
        break;

      line_length = i - start;
      self->buffer->str[i] = '\0';
      process_line (self, self->buffer->str + start, line_length);

      if (c == '\r' && self->buffer->str[i + 1] == '\n')
        i++;
      start = i + 1;
    }
  g_string_erase (self->buffer, 0, start);
  g_object_unref (self);
}

/* The connection */

static void
schedule_reconnect (TdEventStream *self);

static void
connection_lost (TdEventStream *self,
                 const GError  *error)
{
  drop_connection (self);
  set_connected (self, FALSE);
  reset_parser (self);

  if (error != NULL)
    set_error (self, error);

  if (!self->running)
    return;

  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED)
      || g_error_matches (error, TD_API_ERROR, TD_API_ERROR_FORBIDDEN)
      || g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NOT_FOUND))
    {
      g_debug ("Giving up: %s", error->message);
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      if (error->code == TD_API_ERROR_UNAUTHORIZED)
        g_signal_emit_by_name (self->client, "unauthorized");
      return;
    }

  schedule_reconnect (self);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Connection) connection = user_data;
  TdEventStream *self = connection->self;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                            &error);
  if (self == NULL || g_cancellable_is_cancelled (connection->cancellable))
    return;

  if (bytes == NULL)
    {
      g_autoptr(GError) mapped = td_client_map_transport_error (
          self->client, connection->message, error);

      connection_lost (self, mapped);
      return;
    }

  if (g_bytes_get_size (bytes) == 0)
    {
      g_debug ("The server ended the stream");
      connection_lost (self, NULL);
      return;
    }

  /* Something arrived, a heartbeat at least: the link works. */
  self->attempt = 0;

  td_event_stream_feed (self, g_bytes_get_data (bytes, NULL),
                        g_bytes_get_size (bytes));

  /* A handler may have stopped the stream. */
  if (connection->self == NULL)
    return;

  g_input_stream_read_bytes_async (connection->input, READ_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   connection->cancellable, read_cb,
                                   connection_ref (connection));
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Connection) connection = user_data;
  TdEventStream *self = connection->self;
  g_autoptr(GInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;

  input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (self == NULL || g_cancellable_is_cancelled (connection->cancellable))
    return;

  if (input == NULL)
    {
      g_autoptr(GError) mapped = td_client_map_transport_error (
          self->client, connection->message, error);

      connection_lost (self, mapped);
      return;
    }

  status = soup_message_get_status (connection->message);
  headers = soup_message_get_response_headers (connection->message);
  content_type = soup_message_headers_get_content_type (headers, NULL);

  if (status >= 400)
    {
      g_autoptr(GError) mapped = NULL;
      g_autoptr(GBytes) body = NULL;

      /* Problem bodies are small; the error names the server's words. */
      body = g_input_stream_read_bytes (input, 16 * 1024, NULL, NULL);
      mapped = td_client_error_from_response (self->client,
                                              connection->message, body);
      connection_lost (self, mapped);
      return;
    }

  if (status != SOUP_STATUS_OK
      || g_strcmp0 (content_type, "text/event-stream") != 0)
    {
      g_autoptr(GError) mapped = NULL;

      g_debug ("Answer %u of type %s", status,
               content_type != NULL ? content_type : "(none)");
      mapped = g_error_new (TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                            _("The server at %s sent no live events. It may "
                              "not be a Textdesk platform."),
                            td_client_get_base_url (self->client));
      connection_lost (self, mapped);
      return;
    }

  connection->input = g_steal_pointer (&input);
  reset_parser (self);
  set_error (self, NULL);
  set_connected (self, TRUE);

  g_input_stream_read_bytes_async (connection->input, READ_SIZE,
                                   G_PRIORITY_DEFAULT,
                                   connection->cancellable, read_cb,
                                   connection_ref (connection));
}

static void
connect_now (TdEventStream *self)
{
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Connection *connection;
  SoupMessage *message;

  drop_connection (self);

  message = td_client_build_message (self->client, "GET", "/v1/events",
                                     &error);
  if (message == NULL)
    {
      set_error (self, error);
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      return;
    }

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (self->last_event_id != NULL)
    soup_message_headers_replace (headers, "Last-Event-ID",
                                  self->last_event_id);

  connection = g_new0 (Connection, 1);
  g_atomic_ref_count_init (&connection->ref_count);
  connection->self = self;
  connection->cancellable = g_cancellable_new ();
  connection->message = message;
  self->connection = connection;

  g_debug ("Connecting%s%s", self->last_event_id ? " after " : "",
           self->last_event_id ? self->last_event_id : "");

  soup_session_send_async (td_client_get_session (self->client), message,
                           G_PRIORITY_DEFAULT, connection->cancellable,
                           send_cb, connection_ref (connection));
}

static gboolean
reconnect_cb (gpointer data)
{
  TdEventStream *self = data;

  self->reconnect_source = 0;
  connect_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (TdEventStream *self)
{
  guint first = self->server_retry_ms > 0 ? self->server_retry_ms
                                          : self->first_delay_ms;
  guint delay;

  self->attempt++;
  delay = td_client_backoff_delay (self->attempt, first,
                                   MAX (self->max_delay_ms, first));

  g_debug ("Reconnecting in %u ms", delay);
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  self->reconnect_source = g_timeout_add (delay, reconnect_cb, self);
}

/**
 * td_event_stream_start:
 * @self: a #TdEventStream
 *
 * Connects, and keeps connecting until td_event_stream_stop().
 */
void
td_event_stream_start (TdEventStream *self)
{
  g_return_if_fail (TD_IS_EVENT_STREAM (self));

  if (self->running)
    return;

  self->running = TRUE;
  self->attempt = 0;
  set_error (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  connect_now (self);
}

/**
 * td_event_stream_stop:
 * @self: a #TdEventStream
 *
 * Closes the stream and cancels any reconnection. The last event id is
 * kept, so a later start resumes where this one ended.
 */
void
td_event_stream_stop (TdEventStream *self)
{
  g_return_if_fail (TD_IS_EVENT_STREAM (self));

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  drop_connection (self);
  reset_parser (self);
  set_connected (self, FALSE);

  if (self->running)
    {
      self->running = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
}

gboolean
td_event_stream_get_running (TdEventStream *self)
{
  g_return_val_if_fail (TD_IS_EVENT_STREAM (self), FALSE);

  return self->running;
}

gboolean
td_event_stream_get_connected (TdEventStream *self)
{
  g_return_val_if_fail (TD_IS_EVENT_STREAM (self), FALSE);

  return self->connected;
}

/**
 * td_event_stream_get_last_event_id:
 * @self: a #TdEventStream
 *
 * Returns: (nullable): the id of the last event received
 */
const char *
td_event_stream_get_last_event_id (TdEventStream *self)
{
  g_return_val_if_fail (TD_IS_EVENT_STREAM (self), NULL);

  return self->last_event_id;
}

/**
 * td_event_stream_set_last_event_id:
 * @self: a #TdEventStream
 * @last_event_id: (nullable): where to resume on the next connection
 */
void
td_event_stream_set_last_event_id (TdEventStream *self,
                                   const char    *last_event_id)
{
  g_return_if_fail (TD_IS_EVENT_STREAM (self));

  if (g_strcmp0 (self->last_event_id, last_event_id) == 0)
    return;

  g_free (self->last_event_id);
  self->last_event_id = g_strdup (last_event_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_EVENT_ID]);
}

/**
 * td_event_stream_get_error:
 * @self: a #TdEventStream
 *
 * Returns: (nullable): why the last connection failed; cleared when a
 *   connection succeeds
 */
const GError *
td_event_stream_get_error (TdEventStream *self)
{
  g_return_val_if_fail (TD_IS_EVENT_STREAM (self), NULL);

  return self->error;
}

/**
 * td_event_stream_set_retry_delays:
 * @self: a #TdEventStream
 * @first_delay_ms: the wait before the first reconnection, doubled each
 *   time (a `retry:` field from the server replaces it)
 * @max_delay_ms: the longest wait
 */
void
td_event_stream_set_retry_delays (TdEventStream *self,
                                  guint          first_delay_ms,
                                  guint          max_delay_ms)
{
  g_return_if_fail (TD_IS_EVENT_STREAM (self));

  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = MAX (first_delay_ms, max_delay_ms);
}

TdEventStream *
td_event_stream_new (TdClient *client)
{
  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);

  return g_object_new (TD_TYPE_EVENT_STREAM, "client", client, NULL);
}

static void
td_event_stream_dispose (GObject *object)
{
  TdEventStream *self = (TdEventStream *) object;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  drop_connection (self);
  self->running = FALSE;
  g_clear_object (&self->client);

  G_OBJECT_CLASS (td_event_stream_parent_class)->dispose (object);
}

static void
td_event_stream_finalize (GObject *object)
{
  TdEventStream *self = (TdEventStream *) object;

  g_clear_pointer (&self->last_event_id, g_free);
  g_clear_error (&self->error);
  g_string_free (self->buffer, TRUE);
  g_string_free (self->data, TRUE);
  g_clear_pointer (&self->event_type, g_free);
  g_clear_pointer (&self->event_id, g_free);

  G_OBJECT_CLASS (td_event_stream_parent_class)->finalize (object);
}

static void
td_event_stream_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdEventStream *self = TD_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;

    case PROP_LAST_EVENT_ID:
      g_value_set_string (value, self->last_event_id);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_event_stream_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TdEventStream *self = TD_EVENT_STREAM (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_LAST_EVENT_ID:
      td_event_stream_set_last_event_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_event_stream_class_init (TdEventStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_event_stream_dispose;
  object_class->finalize = td_event_stream_finalize;
  object_class->get_property = td_event_stream_get_property;
  object_class->set_property = td_event_stream_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_CLIENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_EVENT_ID] =
    g_param_spec_string ("last-event-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdEventStream::event:
   * @self: the stream
   * @type: the event type ("message.created"), also the signal detail
   * @object: the object after the change (the event's `data.data`)
   */
  signals[EVENT] =
    g_signal_new ("event",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * TdEventStream::reset:
   * @self: the stream
   *
   * Events were missed and cannot be replayed: reload every model.
   */
  signals[RESET] =
    g_signal_new ("reset",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_event_stream_init (TdEventStream *self)
{
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
  self->buffer = g_string_new (NULL);
  self->data = g_string_new (NULL);
}
