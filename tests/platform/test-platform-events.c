/* test-platform-events.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-events"

#include <string.h>

#include "td-platform-test-utils.h"

/* The live event stream (SSE) as the app reads it: frames with ids, a
 * heartbeat, resuming by Last-Event-ID without loss or duplicates, and
 * a reset when the id is too old.
 */
static TdTestPlatform *platform;
static char *secret;
static guint sid_counter;

typedef struct
{
  SoupSession      *session;
  SoupMessage      *msg;
  GInputStream     *stream;
  GDataInputStream *lines;
} Sse;

typedef struct
{
  char     *id;
  char     *event;
  char     *data;
  gboolean  comment;
} Frame;

static void
frame_free (Frame *frame)
{
  g_free (frame->id);
  g_free (frame->event);
  g_free (frame->data);
  g_free (frame);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Frame, frame_free)

static Sse *
sse_open (const char *token,
          const char *last_event_id)
{
  g_autofree char *url = g_strconcat (platform->url, "/v1/events", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GError) error = NULL;
  Sse *sse = g_new0 (Sse, 1);
  SoupMessageHeaders *headers;

  sse->session = soup_session_new ();
  sse->msg = soup_message_new ("GET", url);
  headers = soup_message_get_request_headers (sse->msg);
  soup_message_headers_replace (headers, "Authorization", bearer);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  if (last_event_id != NULL)
    soup_message_headers_replace (headers, "Last-Event-ID", last_event_id);

  sse->stream = soup_session_send (sse->session, sse->msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (sse->msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (sse->msg), NULL),
                   ==, "text/event-stream");
  sse->lines = g_data_input_stream_new (sse->stream);

  return sse;
}

static void
sse_close (Sse *sse)
{
  g_input_stream_close (sse->stream, NULL, NULL);
  g_clear_object (&sse->lines);
  g_clear_object (&sse->stream);
  g_clear_object (&sse->msg);
  soup_session_abort (sse->session);
  g_clear_object (&sse->session);
  g_free (sse);
}

/* The next frame: lines up to a blank one. */
static Frame *
sse_next (Sse *sse)
{
  Frame *frame = g_new0 (Frame, 1);
  gboolean any = FALSE;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (sse->lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);

      if (*line == '\0')
        {
          if (any)
            break;
          continue;
        }

      any = TRUE;
      if (line[0] == ':')
        frame->comment = TRUE;
      else if (g_str_has_prefix (line, "id: "))
        frame->id = g_strdup (line + 4);
      else if (g_str_has_prefix (line, "event: "))
        frame->event = g_strdup (line + 7);
      else if (g_str_has_prefix (line, "data: "))
        frame->data = g_strdup (line + 6);
      else
        g_assert_true (g_str_has_prefix (line, "retry: "));
    }

  if (frame->id != NULL || frame->event != NULL)
    frame->comment = FALSE;

  return frame;
}

static void
text (const char *from,
      const char *body)
{
  g_autofree char *sid = g_strdup_printf ("SMevents%06u", ++sid_counter);
  g_autoptr(TdTestResponse) response = td_test_send_text (platform, "41019", secret, sid, from, body);

  g_assert_cmpuint (response->status, ==, 200);
}

/* Reads frames until a message.created of an inbound text with @body;
 * returns that frame's id.
 */
static char *
read_until_text (Sse        *sse,
                 const char *body,
                 GHashTable *seen_ids,
                 GHashTable *bodies)
{
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(Frame) frame = sse_next (sse);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *envelope;
      JsonObject *data;

      if (frame->comment)
        continue;

      g_assert_nonnull (frame->id);
      g_assert_nonnull (frame->event);
      g_assert_nonnull (frame->data);
      if (seen_ids != NULL)
        g_assert_true (g_hash_table_add (seen_ids, g_strdup (frame->id)));

      node = json_from_string (frame->data, NULL);
      g_assert_nonnull (node);
      envelope = json_node_get_object (node);
      g_assert_cmpstr (json_object_get_string_member (envelope, "type"), ==, frame->event);
      data = json_object_get_object_member (envelope, "data");
      g_assert_nonnull (data);

      if (g_str_equal (frame->event, "message.created") &&
          g_str_equal (json_object_get_string_member (data, "direction"), "inbound"))
        {
          const char *text_body = json_object_get_string_member (data, "body");

          if (bodies != NULL)
            g_hash_table_insert (bodies, g_strdup (text_body),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bodies, text_body)) + 1));
          if (g_str_equal (text_body, body))
            return g_strdup (frame->id);
        }
    }

  g_assert_not_reached ();
}

static void
test_stream_and_resume (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *last = NULL;
  g_autofree char *resumed_last = NULL;
  Sse *sse;

  sse = sse_open (wave, NULL);
  text ("+15550108201", "first, live");
  last = read_until_text (sse, "first, live", NULL, NULL);
  sse_close (sse);

  /* Three texts while the stream is down. */
  text ("+15550108202", "while away one");
  text ("+15550108203", "while away two");
  text ("+15550108202", "while away three");

  sse = sse_open (wave, last);
  resumed_last = read_until_text (sse, "while away three", seen, bodies);
  sse_close (sse);

  /* Each once, none from before, in order. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (bodies, "while away one")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (bodies, "while away two")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (bodies, "while away three")), ==, 1);
  g_assert_false (g_hash_table_contains (bodies, "first, live"));
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, seen);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_assert_cmpint (g_ascii_strtoll (key, NULL, 10), >, g_ascii_strtoll (last, NULL, 10));
        g_assert_cmpint (g_ascii_strtoll (key, NULL, 10), <=, g_ascii_strtoll (resumed_last, NULL, 10));
      }
  }
}

static void
test_other_account_sees_nothing (void)
{
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autofree char *sports = td_test_sign_in (platform, "admin@sports.example");
  g_autofree char *metro_secret = td_test_secret (platform, "72000");
  g_autoptr(TdTestResponse) keyword = NULL;
  g_autoptr(TdTestResponse) marker = NULL;
  g_autoptr(TdTestResponse) sports_marker = NULL;
  Sse *sse = sse_open (sports, NULL);

  /* A Metro text first, then a City Sports one: the Sports stream must
   * reach the second without having seen the first.
   */
  keyword = td_test_send_text (platform, "72000", metro_secret, "SMeventsM1", "+15550108210", "DEALS");
  marker = td_test_send_text (platform, "72000", metro_secret, "SMeventsM2", "+15550108210", "metro-only words");
  sports_marker = td_test_send_text (platform, "72000", metro_secret, "SMeventsS1", "+15550108211", "GAMEDAY");
  g_assert_cmpuint (keyword->status, ==, 200);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(Frame) frame = sse_next (sse);

      if (frame->comment)
        continue;
      g_assert_null (strstr (frame->data, "+15550108210"));
      g_assert_null (strstr (frame->data, "metro-only words"));
      if (strstr (frame->data, "\"body\":\"GAMEDAY\"") != NULL)
        break;
    }

  sse_close (sse);
  (void) metro;
}

static void
test_reset_when_too_old (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  Sse *sse;

  /* More events than the server keeps (--event-retention 40). */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *body = g_strdup_printf ("filler %u", i);

      text ("+15550108220", body);
    }

  sse = sse_open (wave, "1");
  {
    g_autoptr(Frame) frame = sse_next (sse);

    while (frame->comment)
      {
        frame_free (frame);
        frame = sse_next (sse);
      }
    g_assert_cmpstr (frame->event, ==, "reset");
    g_assert_nonnull (frame->id);
  }
  sse_close (sse);

  /* An id this server never gave out, too. */
  sse = sse_open (wave, "987654321");
  {
    g_autoptr(Frame) frame = sse_next (sse);

    while (frame->comment)
      {
        frame_free (frame);
        frame = sse_next (sse);
      }
    g_assert_cmpstr (frame->event, ==, "reset");
  }
  sse_close (sse);

  /* The JSON page says the same. */
  {
    g_autoptr(JsonObject) page = td_test_get (platform, wave, "/v1/events?after=1");

    g_assert_true (json_object_get_boolean_member (page, "reset"));
  }
}

static void
test_heartbeat (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  Sse *sse = sse_open (wave, NULL);
  gboolean heartbeat = FALSE;

  /* --heartbeat 1: a comment comes along without any event. */
  for (guint i = 0; i < 5 && !heartbeat; i++)
    {
      g_autoptr(Frame) frame = sse_next (sse);

      heartbeat = frame->comment;
    }

  g_assert_true (heartbeat);
  sse_close (sse);
}

static void
test_json_page (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonObject) first = td_test_get (platform, wave, "/v1/events?after=0&limit=1");
  g_autofree char *after = g_strdup (json_object_get_string_member (first, "last_event_id"));
  g_autoptr(JsonObject) drained = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autofree char *cursor = NULL;
  JsonArray *data;
  gint64 previous;

  drained = td_test_get (platform, wave, "/v1/events?after=%s&limit=200", after);
  g_free (after);
  after = g_strdup (json_object_get_string_member (drained, "last_event_id"));

  text ("+15550108230", "page one");
  text ("+15550108230", "page two");

  page = td_test_get (platform, wave, "/v1/events?after=%s&limit=3", after);
  data = json_object_get_array_member (page, "data");
  g_assert_cmpuint (json_array_get_length (data), ==, 3);
  g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (page, "next_cursor")));
  previous = g_ascii_strtoll (after, NULL, 10);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *event = json_array_get_object_element (data, i);
      gint64 id = g_ascii_strtoll (json_object_get_string_member (event, "id"), NULL, 10);

      /* Oldest first. */
      g_assert_cmpint (id, >, previous);
      previous = id;
      g_assert_nonnull (json_object_get_object_member (event, "data"));
    }
  cursor = g_strdup (json_object_get_string_member (page, "next_cursor"));

  {
    g_autoptr(JsonObject) rest = td_test_get (platform, wave, "/v1/events?cursor=%s&limit=200", cursor);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (rest, "data")), >, 0);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (rest, "next_cursor")));
  }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, (const char *[]) { "--heartbeat", "1",
                                                              "--event-retention", "40", NULL });
  secret = td_test_secret (platform, "41019");

  g_test_add_func ("/platform/events/stream-and-resume", test_stream_and_resume);
  g_test_add_func ("/platform/events/other-account-sees-nothing", test_other_account_sees_nothing);
  g_test_add_func ("/platform/events/json-page", test_json_page);
  g_test_add_func ("/platform/events/heartbeat", test_heartbeat);
  g_test_add_func ("/platform/events/reset-when-too-old", test_reset_when_too_old);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (secret);

  return result;
}
