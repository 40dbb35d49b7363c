/* test-event-stream.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-event-stream"

#include <string.h>

#include "td-api-test-utils.h"
#include "td-event-stream.h"

typedef struct
{
  SoupServer *server;
  char *base_url;
  TdClient *client;
  TdEventStream *stream;

  /* What the platform has: events, oldest first, as (id, frame). */
  GPtrArray *log_ids;
  GPtrArray *log_frames;
  guint connections;
  guint fail_first;
  gboolean unauthorized;
  gboolean silent;
  GPtrArray *last_event_ids;   /* the header of each connection */
  char *accept;
  char *authorization;
  SoupServerMessage *open;     /* the response being streamed */

  /* What the client saw. */
  GPtrArray *types;
  GPtrArray *ids;
  guint resets;
  guint unauthorized_signals;
} Fixture;

static char *
frame (const char *id,
       const char *type,
       const char *object_id)
{
  return g_strdup_printf ("id: %s\nevent: %s\ndata: {\"type\": \"%s\", \"data\": "
                          "{\"id\": \"%s\", \"body\": \"Hi\"}}\n\n",
                          id, type, type, object_id);
}

static void
log_event (Fixture    *f,
           const char *id,
           const char *object_id)
{
  g_ptr_array_add (f->log_ids, g_strdup (id));
  g_ptr_array_add (f->log_frames, frame (id, "message.created", object_id));
}

static void
stream_append (Fixture    *f,
               const char *text)
{
  SoupMessageBody *body = soup_server_message_get_response_body (f->open);

  soup_message_body_append (body, SOUP_MEMORY_COPY, text, strlen (text));
  soup_server_message_unpause (f->open);
}

static void
events_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *last = soup_message_headers_get_one (request, "Last-Event-ID");
  gboolean found = last == NULL;

  f->connections++;
  g_ptr_array_add (f->last_event_ids, g_strdup (last));
  g_free (f->accept);
  f->accept = g_strdup (soup_message_headers_get_one (request, "Accept"));
  g_free (f->authorization);
  f->authorization = g_strdup (soup_message_headers_get_one (request, "Authorization"));

  if (f->unauthorized)
    {
      td_test_reply (msg, 401, "application/problem+json",
                     "{\"status\": 401, \"code\": \"unauthorized\", \"title\": \"Unauthorized\","
                     " \"detail\": \"The token was revoked.\"}");
      return;
    }

  if (f->connections <= f->fail_first)
    {
      td_test_reply (msg, 503, "application/problem+json",
                     "{\"status\": 503, \"title\": \"Starting up\"}");
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_set_content_type (response, "text/event-stream", NULL);
  soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
  f->open = msg;

  if (last != NULL && g_str_equal (last, "stale"))
    {
      stream_append (f, "event: reset\nid: 10\ndata: {\"type\": \"reset\", \"data\": {}}\n\n");
      return;
    }

  /* Headers, then nothing at all. */
  if (f->silent)
    return;

  /* A heartbeat, then every event after the one the client has. */
  stream_append (f, ": heartbeat\n\n");
  for (guint i = 0; i < f->log_ids->len; i++)
    {
      if (found)
        stream_append (f, f->log_frames->pdata[i]);
      else if (g_str_equal (f->log_ids->pdata[i], last))
        found = TRUE;
    }
}

static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          Fixture       *f)
{
  g_ptr_array_add (f->types, g_strdup (type));
  g_ptr_array_add (f->ids, g_strdup (json_object_get_string_member (object, "id")));
}

static void
reset_cb (TdEventStream *stream,
          Fixture       *f)
{
  f->resets++;
}

static void
unauthorized_cb (TdClient *client,
                 Fixture  *f)
{
  f->unauthorized_signals++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = td_test_server_new (&f->base_url);
  soup_server_add_handler (f->server, "/v1/events", events_handler, f, NULL);
  f->client = td_client_new (f->base_url);
  td_client_set_token (f->client, "tok");
  g_signal_connect (f->client, "unauthorized", G_CALLBACK (unauthorized_cb), f);
  f->stream = td_event_stream_new (f->client);
  /* Short waits: the tests check what happens, not how long it takes. */
  td_event_stream_set_retry_delays (f->stream, 20, 100);
  g_signal_connect (f->stream, "event", G_CALLBACK (event_cb), f);
  g_signal_connect (f->stream, "reset", G_CALLBACK (reset_cb), f);

  f->log_ids = g_ptr_array_new_with_free_func (g_free);
  f->log_frames = g_ptr_array_new_with_free_func (g_free);
  f->last_event_ids = g_ptr_array_new_with_free_func (g_free);
  f->types = g_ptr_array_new_with_free_func (g_free);
  f->ids = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  td_test_finalize_object (f->stream);
  td_test_finalize_object (f->client);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_ptr_array_unref (f->log_ids);
  g_ptr_array_unref (f->log_frames);
  g_ptr_array_unref (f->last_event_ids);
  g_ptr_array_unref (f->types);
  g_ptr_array_unref (f->ids);
  g_free (f->accept);
  g_free (f->authorization);
  g_free (f->base_url);
}

static const char STREAM_TEXT[] =
  ": welcome\n"
  "\n"
  "retry: 2500\n"
  "id: 1\n"
  "event: message.created\n"
  "data: {\"type\": \"message.created\",\n"
  "data:  \"data\": {\"id\": \"m_1\", \"body\": \"WIN é 😎\"}}\n"
  "\n"
  ":heartbeat\r\n"
  "\r\n"
  "id: 2\r\n"
  "event: conversation.updated\r\n"
  "data: {\"type\": \"conversation.updated\", \"data\": {\"id\": \"cv_1\"}}\r\n"
  "\r\n"
  "id: 3\r"
  "data: {\"type\": \"campaign.updated\", \"data\": {\"id\": \"c_1\"}}\r"
  "\r"
  "id: 4\n"
  "event: message.created\n"
  "data: {not json\n"
  "\n"
  "event: reset\n"
  "id: 5\n"
  "\n"
  "unknown: field\n"
  "id: 6\n"
  "data:{\"type\": \"list.updated\", \"data\": {\"id\": \"l_1\"}}\n"
  "\n"
  "data: {\"type\": \"list.updated\", \"data\": {\"id\": \"never\"}}\n";

static void
check_parsed (Fixture *f)
{
  g_assert_cmpuint (f->types->len, ==, 4);
  g_assert_cmpstr (f->types->pdata[0], ==, "message.created");
  g_assert_cmpstr (f->ids->pdata[0], ==, "m_1");
  g_assert_cmpstr (f->types->pdata[1], ==, "conversation.updated");
  g_assert_cmpstr (f->ids->pdata[1], ==, "cv_1");
  /* No event: line; the type comes from the data. */
  g_assert_cmpstr (f->types->pdata[2], ==, "campaign.updated");
  g_assert_cmpstr (f->ids->pdata[2], ==, "c_1");
  g_assert_cmpstr (f->types->pdata[3], ==, "list.updated");
  g_assert_cmpstr (f->ids->pdata[3], ==, "l_1");
  g_assert_cmpuint (f->resets, ==, 1);
  /* The last frame has no blank line yet: not dispatched. */
  g_assert_cmpstr (td_event_stream_get_last_event_id (f->stream), ==, "6");
}

static void
test_parse_whole (Fixture       *f,
                  gconstpointer  data)
{
  td_event_stream_feed (f->stream, STREAM_TEXT, strlen (STREAM_TEXT));
  check_parsed (f);
}

static void
test_parse_byte_by_byte (Fixture       *f,
                         gconstpointer  data)
{
  for (gsize i = 0; i < strlen (STREAM_TEXT); i++)
    td_event_stream_feed (f->stream, STREAM_TEXT + i, 1);
  check_parsed (f);
}

static void
test_parse_every_split (Fixture       *f,
                        gconstpointer  data)
{
  gsize len = strlen (STREAM_TEXT);

  /* Two chunks, cut at every byte: frames, lines, CRLF pairs and UTF-8
   * sequences all end up split somewhere. */
  for (gsize cut = 0; cut <= len; cut++)
    {
      g_autoptr(TdEventStream) stream = td_event_stream_new (f->client);

      g_ptr_array_set_size (f->types, 0);
      g_ptr_array_set_size (f->ids, 0);
      f->resets = 0;
      g_signal_connect (stream, "event", G_CALLBACK (event_cb), f);
      g_signal_connect (stream, "reset", G_CALLBACK (reset_cb), f);

      td_event_stream_feed (stream, STREAM_TEXT, cut);
      td_event_stream_feed (stream, STREAM_TEXT + cut, len - cut);

      g_assert_cmpuint (f->types->len, ==, 4);
      g_assert_cmpstr (f->ids->pdata[0], ==, "m_1");
      g_assert_cmpstr (f->ids->pdata[3], ==, "l_1");
      g_assert_cmpuint (f->resets, ==, 1);
      g_assert_cmpstr (td_event_stream_get_last_event_id (stream), ==, "6");
    }
}

static void
count_event_cb (TdEventStream *stream,
                const char    *type,
                JsonObject    *object,
                guint         *count)
{
  g_assert_cmpstr (type, ==, "list.updated");
  (*count)++;
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  guint count = 0;
  static const char text[] =
    "event: message.created\ndata: {\"data\": {\"id\": \"m_1\"}}\n\n"
    "event: list.updated\ndata: {\"data\": {\"id\": \"l_1\"}}\n\n";

  /* The type is the detail, so a view can listen to one kind. */
  g_signal_connect (f->stream, "event::list.updated",
                    G_CALLBACK (count_event_cb), &count);
  td_event_stream_feed (f->stream, text, strlen (text));

  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpuint (f->types->len, ==, 2);
}

static void
test_reconnect_last_event_id (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GIOStream) dropped = NULL;

  log_event (f, "1", "m_1");
  td_event_stream_start (f->stream);
  td_test_wait_count (&f->types->len, 1);

  g_assert_true (td_event_stream_get_connected (f->stream));
  g_assert_cmpstr (f->accept, ==, "text/event-stream");
  g_assert_cmpstr (f->authorization, ==, "Bearer tok");
  g_assert_null (f->last_event_ids->pdata[0]);

  /* Two texts arrive while the connection is lost. */
  log_event (f, "2", "m_2");
  log_event (f, "3", "m_3");
  dropped = soup_server_message_steal_connection (f->open);
  f->open = NULL;
  g_io_stream_close (dropped, NULL, NULL);

  td_test_wait_count (&f->types->len, 3);
  g_assert_cmpuint (f->connections, ==, 2);
  g_assert_cmpstr (f->last_event_ids->pdata[1], ==, "1");

  /* Each text once, in order. */
  td_test_spin (100);
  g_assert_cmpuint (f->ids->len, ==, 3);
  g_assert_cmpstr (f->ids->pdata[0], ==, "m_1");
  g_assert_cmpstr (f->ids->pdata[1], ==, "m_2");
  g_assert_cmpstr (f->ids->pdata[2], ==, "m_3");
  g_assert_true (td_event_stream_get_connected (f->stream));
  g_assert_cmpstr (td_event_stream_get_last_event_id (f->stream), ==, "3");

  /* A frame split over two chunks of the live stream. */
  {
    g_autofree char *next = frame ("4", "message.updated", "m_1");
    gsize half = strlen (next) / 2;
    g_autofree char *first = g_strndup (next, half);

    stream_append (f, first);
    td_test_spin (50);
    g_assert_cmpuint (f->ids->len, ==, 3);
    stream_append (f, next + half);
    td_test_wait_count (&f->ids->len, 4);
    g_assert_cmpstr (f->types->pdata[3], ==, "message.updated");
  }

  /* The server ends the stream cleanly: the client comes back too. */
  soup_message_body_complete (soup_server_message_get_response_body (f->open));
  soup_server_message_unpause (f->open);
  f->open = NULL;
  td_test_wait_count (&f->connections, 3);
  g_assert_cmpstr (f->last_event_ids->pdata[2], ==, "4");

  td_event_stream_stop (f->stream);
  g_assert_false (td_event_stream_get_connected (f->stream));
  g_assert_false (td_event_stream_get_running (f->stream));
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  td_event_stream_set_last_event_id (f->stream, "stale");
  td_event_stream_start (f->stream);
  td_test_wait_count (&f->resets, 1);

  g_assert_cmpstr (f->last_event_ids->pdata[0], ==, "stale");
  g_assert_cmpuint (f->types->len, ==, 0);
  g_assert_cmpstr (td_event_stream_get_last_event_id (f->stream), ==, "10");
  td_event_stream_stop (f->stream);
}

static void
test_backoff_then_connect (Fixture       *f,
                           gconstpointer  data)
{
  f->fail_first = 2;
  log_event (f, "1", "m_1");
  td_event_stream_start (f->stream);
  td_test_wait_count (&f->types->len, 1);

  g_assert_cmpuint (f->connections, ==, 3);
  g_assert_true (td_event_stream_get_connected (f->stream));
  g_assert_null (td_event_stream_get_error (f->stream));
  td_event_stream_stop (f->stream);
}

static void
notify_running_cb (GObject    *object,
                   GParamSpec *pspec,
                   gboolean   *changed)
{
  *changed = TRUE;
}

static void
test_unauthorized_stops (Fixture       *f,
                         gconstpointer  data)
{
  gboolean stopped = FALSE;
  const GError *error;

  f->unauthorized = TRUE;
  td_event_stream_start (f->stream);
  g_signal_connect (f->stream, "notify::running", G_CALLBACK (notify_running_cb), &stopped);
  td_test_wait_flag (&stopped);

  g_assert_false (td_event_stream_get_running (f->stream));
  error = td_event_stream_get_error (f->stream);
  g_assert_error ((GError *) error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (f->unauthorized_signals, ==, 1);

  /* No second try: the token will not get better. */
  td_test_spin (200);
  g_assert_cmpuint (f->connections, ==, 1);
}

static void
gather_handler (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  GPtrArray *waiting = user_data;

  /* Each request waits for the others: they only finish if all three
   * are in flight at once, next to the event stream. */
  soup_server_message_pause (msg);
  g_ptr_array_add (waiting, msg);
  if (waiting->len < 3)
    return;

  for (guint i = 0; i < waiting->len; i++)
    {
      td_test_reply (waiting->pdata[i], 200, "application/json", "{}");
      soup_server_message_unpause (waiting->pdata[i]);
    }
}

static void
test_calls_beside_stream (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) waiting = g_ptr_array_new ();
  GAsyncResult *results[3] = { NULL, };

  soup_server_add_handler (f->server, "/v1/gather", gather_handler, waiting, NULL);
  td_event_stream_start (f->stream);
  while (!td_event_stream_get_connected (f->stream))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    td_client_call_async (f->client, "GET", "/v1/gather", NULL, NULL, NULL, NULL,
                          td_test_result_cb, &results[i]);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      td_test_wait_result (&results[i]);
      node = td_client_call_finish (f->client, results[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (node);
      g_clear_object (&results[i]);
    }

  g_assert_true (td_event_stream_get_connected (f->stream));
  td_event_stream_stop (f->stream);
}

static void
first_error_cb (TdEventStream  *stream,
                GParamSpec     *pspec,
                GError        **first)
{
  if (*first == NULL && td_event_stream_get_error (stream) != NULL)
    *first = g_error_copy (td_event_stream_get_error (stream));
}

static void
test_silent_stream_reconnects (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) first = NULL;

  g_signal_connect (f->stream, "notify::error", G_CALLBACK (first_error_cb), &first);
  /* A connection that went dead without closing: no heartbeat comes,
   * the read times out and the client connects again. */
  td_client_set_timeout (f->client, 1);
  f->silent = TRUE;
  td_event_stream_start (f->stream);
  while (!td_event_stream_get_connected (f->stream))
    g_main_context_iteration (NULL, TRUE);
  td_test_wait_count (&f->connections, 2);

  g_assert_cmpuint (f->types->len, ==, 0);
  g_assert_error (first, TD_API_ERROR, TD_API_ERROR_TIMEOUT);
  td_event_stream_stop (f->stream);
}

static void
test_dispose_while_connected (Fixture       *f,
                              gconstpointer  data)
{
  TdEventStream *stream = td_event_stream_new (f->client);

  td_event_stream_set_retry_delays (stream, 20, 100);
  td_event_stream_start (stream);
  td_test_wait_count (&f->connections, 1);
  while (!td_event_stream_get_connected (stream))
    g_main_context_iteration (NULL, TRUE);

  /* Dropping a running stream closes it: nothing keeps it alive. */
  td_test_finalize_object (stream);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/event-stream/parse/whole", test_parse_whole);
  ADD ("/event-stream/parse/byte-by-byte", test_parse_byte_by_byte);
  ADD ("/event-stream/parse/every-split", test_parse_every_split);
  ADD ("/event-stream/parse/detail", test_detail);
  ADD ("/event-stream/reconnect-last-event-id", test_reconnect_last_event_id);
  ADD ("/event-stream/reset", test_reset);
  ADD ("/event-stream/backoff-then-connect", test_backoff_then_connect);
  ADD ("/event-stream/unauthorized-stops", test_unauthorized_stops);
  ADD ("/event-stream/dispose-while-connected", test_dispose_while_connected);
  ADD ("/event-stream/calls-beside-stream", test_calls_beside_stream);
  ADD ("/event-stream/silent-stream-reconnects", test_silent_stream_reconnects);

  return g_test_run ();
}
