/* test-conversation-reply.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-conversation-reply"

#include "config.h"

#include <libsoup/soup.h>

#include "td-composer.h"
#include "td-event-stream.h"
#include "td-conversation-pane.h"
#include "td-conversation-row.h"
#include "td-conversation-thread.h"
#include "td-message-bubble.h"
#include "td-ui-test-utils.h"

/*
 * A reply whose answer is lost: the platform stores it, but the answer
 * never reaches the app (here a 503 after storing, with the client's own
 * retries turned off so that the person sees it). textdesk-platform does
 * not fail on demand, so this one test talks to a small SoupServer that
 * follows the contract for the calls involved and records what it got.
 * The rest of the conversation views are tested against the real
 * platform in test-campaign-activity.
 */

#define CONVERSATION \
  "{\"id\":\"c1\",\"subscriber\":{\"id\":\"s1\",\"phone\":\"+15550100123\"," \
  "\"first_name\":\"Ann\",\"last_name\":\"Lee\",\"status\":\"active\"}," \
  "\"short_code_id\":\"sc1\",\"last_message\":%s,\"unread_count\":1," \
  "\"last_read_message_id\":null,\"archived\":false," \
  "\"updated_at\":\"2026-12-04T15:00:00.000Z\"}"
#define INBOUND \
  "{\"id\":\"m1\",\"conversation_id\":\"c1\",\"subscriber_id\":\"s1\"," \
  "\"direction\":\"inbound\",\"body\":\"ROCK\",\"status\":\"received\"," \
  "\"campaign_id\":\"k1\",\"matched_keyword\":\"ROCK\",\"in_stream\":false," \
  "\"created_at\":\"2026-12-04T15:00:00.000Z\"}"

typedef struct
{
  SoupServer *server;
  char *url;

  /* What the platform stored and saw. */
  GPtrArray *keys;            /* Idempotency-Key of every POST */
  GHashTable *replies;        /* key -> stored reply JSON */
  char *reply_status;         /* status of the stored reply */
  char *last_read;
  guint posts;
  gboolean lose_answer;       /* answer the next POST with 503 after storing it */
  SoupServerMessage *held;    /* a POST held to look at the app meanwhile */
  gboolean hold;
  gboolean deliver_on_read;   /* GET /v1/messages/m2 moves it to delivered */
  guint thread_reads;
} Platform;

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, status >= 400 ? "application/problem+json"
                                                       : "application/json",
                                    SOUP_MEMORY_COPY, json, strlen (json));
}

static char *
reply_json (Platform   *platform,
            const char *body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "m2");
  json_builder_set_member_name (builder, "conversation_id");
  json_builder_add_string_value (builder, "c1");
  json_builder_set_member_name (builder, "subscriber_id");
  json_builder_add_string_value (builder, "s1");
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, "outbound");
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, platform->reply_status);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, "2026-12-04T15:01:00.000Z");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
answer_post (Platform          *platform,
             SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");
  const char *body;
  g_autofree char *json = NULL;

  g_assert_nonnull (key);
  g_ptr_array_add (platform->keys, g_strdup (key));

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), NULL));
  body = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                        "body");

  if (!g_hash_table_contains (platform->replies, key))
    g_hash_table_insert (platform->replies, g_strdup (key), g_strdup (body));

  if (platform->lose_answer)
    {
      platform->lose_answer = FALSE;
      respond (msg, 503,
               "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
               "\"status\":503,\"detail\":\"The gateway did not answer.\","
               "\"code\":\"unavailable\"}");
      return;
    }

  json = reply_json (platform, g_hash_table_lookup (platform->replies, key));
  respond (msg, 201, json);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Platform *platform = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/conversations/c1/messages"))
    {
      g_autoptr(GString) page = g_string_new ("{\"data\":[");

      platform->thread_reads++;

      if (g_hash_table_size (platform->replies) > 0)
        {
          GHashTableIter iter;
          gpointer body;
          g_autofree char *json = NULL;

          g_hash_table_iter_init (&iter, platform->replies);
          g_hash_table_iter_next (&iter, NULL, &body);
          json = reply_json (platform, body);
          g_string_append_printf (page, "%s,", json);
        }
      g_string_append (page, INBOUND "],\"next_cursor\":null}");
      respond (msg, 200, page->str);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/conversations/c3/messages"))
    {
      /* A 200 with nothing in it. */
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "", 0);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/conversations/c4/messages"))
    respond (msg, 200,
             "{\"data\":[{\"id\":\"m41\",\"conversation_id\":\"c4\",\"body\":\"No direction\"},"
             "42,"
             "{\"id\":\"m40\",\"conversation_id\":\"c4\",\"direction\":\"inbound\","
             "\"body\":\"A good one\",\"status\":\"received\","
             "\"created_at\":\"2026-12-04T15:00:00.000Z\"}],\"next_cursor\":null}");
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/subscribers/s1"))
    respond (msg, 200,
             "{\"id\":\"s1\",\"phone\":\"+15550100123\",\"first_name\":\"Ann\","
             "\"last_name\":\"Lee\",\"fields\":{\"favorite_song\":\"Wonderwall\"},"
             "\"status\":\"active\",\"list_ids\":[],\"consents\":[]}");
  else if (g_str_equal (method, "PATCH") && g_str_equal (path, "/v1/conversations/c1"))
    {
      SoupMessageBody *request = soup_server_message_get_request_body (msg);
      g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = NULL;

      g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                                 g_bytes_get_size (bytes), NULL));
      g_free (platform->last_read);
      platform->last_read = g_strdup (json_object_get_string_member (
          json_node_get_object (json_parser_get_root (parser)), "last_read_message_id"));
      json = g_strdup_printf (CONVERSATION, INBOUND);
      /* Read now. */
      {
        g_autoptr(GString) s = g_string_new (json);

        g_string_replace (s, "\"unread_count\":1", "\"unread_count\":0", 1);
        respond (msg, 200, s->str);
      }
    }
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/conversations/c1/messages"))
    {
      platform->posts++;
      if (platform->hold)
        {
          platform->hold = FALSE;
          platform->held = msg;
          soup_server_message_pause (msg);
          return;
        }
      answer_post (platform, msg);
    }
  else if (g_str_equal (method, "GET") && g_str_equal (path, "/v1/messages/m2") &&
           g_hash_table_size (platform->replies) > 0)
    {
      GHashTableIter iter;
      gpointer body;
      g_autofree char *json = NULL;

      /* The gateway delivers it. */
      if (platform->deliver_on_read)
        {
          g_free (platform->reply_status);
          platform->reply_status = g_strdup ("delivered");
        }
      g_hash_table_iter_init (&iter, platform->replies);
      g_hash_table_iter_next (&iter, NULL, &body);
      json = reply_json (platform, body);
      respond (msg, 200, json);
    }
  else
    respond (msg, 404,
             "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
             "\"code\":\"not_found\"}");
}

static void
platform_start (Platform *platform)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  platform->keys = g_ptr_array_new_with_free_func (g_free);
  platform->replies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  platform->reply_status = g_strdup ("queued");
  platform->deliver_on_read = TRUE;
  platform->server = soup_server_new ("server-header", "textdesk-test", NULL);
  soup_server_add_handler (platform->server, NULL, handler, platform, NULL);
  soup_server_listen_local (platform->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (platform->server);
  platform->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
platform_stop (Platform *platform)
{
  soup_server_disconnect (platform->server);
  g_clear_object (&platform->server);
  g_clear_pointer (&platform->keys, g_ptr_array_unref);
  g_clear_pointer (&platform->replies, g_hash_table_unref);
  g_clear_pointer (&platform->reply_status, g_free);
  g_clear_pointer (&platform->last_read, g_free);
  g_clear_pointer (&platform->url, g_free);
}

/* ---- Helpers ---------------------------------------------------------- */

typedef struct
{
  GtkWidget *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return td_ui_test_find_label (wait->root, wait->text) != NULL;
}

static gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text };

  if (!td_ui_test_wait_until (label_shown, &wait, 10000))
    g_error ("“%s” never showed", text);
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
platform_has_post (gpointer data)
{
  Platform *platform = data;

  return platform->held != NULL;
}

static gboolean
read_marked (gpointer data)
{
  Platform *platform = data;

  return platform->last_read != NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;

      found = find_button (child, label);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
widget_is_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static GtkWindow *
show_in_window (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (td_ui_test_wait_until (widget_is_mapped, window, 5000));
  /* On X11 the size comes with the first configure event. */
  g_assert_true (td_ui_test_wait_until (widget_is_allocated, window, 5000));
  td_ui_test_iterate (100);

  return window;
}

/* ---- The test --------------------------------------------------------- */

static void
test_reply_lost_answer_retry (void)
{
  Platform platform = { 0, };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdResource) conversation = NULL;
  g_autoptr(TdConversationThread) thread = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *conversation_json = g_strdup_printf (CONVERSATION, INBOUND);
  g_autofree char *shot = NULL;
  g_autofree char *text = NULL;
  GtkWindow *window, *pane_window;
  GtkWidget *box, *row, *composer, *retry, *pane;

  platform_start (&platform);

  client = td_client_new (platform.url);
  td_client_set_token (client, "test-token");
  /* No silent retries: the person sees the failure and retries. */
  td_client_set_retry_policy (client, 1, 10, 10);

  g_assert_true (json_parser_load_from_data (parser, conversation_json, -1, &error));
  conversation = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CONVERSATION,
                                            json_node_get_object (json_parser_get_root (parser)),
                                            &error);
  g_assert_no_error (error);
  thread = td_conversation_thread_get_for (client, TD_CONVERSATION (conversation), NULL);

  row = td_conversation_row_new ();
  td_conversation_row_set_thread (TD_CONVERSATION_ROW (row), thread);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (row, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), row);
  window = show_in_window (box, 480, 560);

  /* Collapsed: who, what, and how many unread. */
  wait_for_label (row, "Ann Lee");
  wait_for_label (row, "ROCK");
  wait_for_label (row, "1");

  /* Expanded in place: the thread, read at once. */
  td_conversation_row_set_expanded (TD_CONVERSATION_ROW (row), TRUE);
  td_ui_test_iterate (400);
  g_assert_true (td_ui_test_wait_until (read_marked, &platform, 10000));
  g_assert_cmpstr (platform.last_read, ==, "m1");
  {
    LabelWait wait = { row, "1" };

    g_assert_true (td_ui_test_wait_until (label_gone, &wait, 10000));
  }

  composer = td_conversation_row_get_composer (TD_CONVERSATION_ROW (row));
  td_composer_set_text (TD_COMPOSER (composer), "Hi {first_name}, {favorite_song} is next!");
  wait_for_label (row, "Preview: Hi Ann, Wonderwall is next!");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-row-expanded");
  g_clear_pointer (&shot, g_free);

  /* Sent: shown at once as sending, and nothing more can be sent. */
  platform.hold = TRUE;
  platform.lose_answer = TRUE;
  g_assert_true (td_composer_send (TD_COMPOSER (composer)));
  wait_for_label (row, "Sending…");
  wait_for_label (row, "Hi Ann, Wonderwall is next!");
  g_assert_true (td_ui_test_wait_until (platform_has_post, &platform, 10000));
  g_assert_true (td_composer_get_busy (TD_COMPOSER (composer)));
  g_assert_false (td_composer_send (TD_COMPOSER (composer)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-sending");
  g_clear_pointer (&shot, g_free);

  /* The platform stores it, but its answer is lost. */
  answer_post (&platform, platform.held);
  soup_server_message_unpause (platform.held);
  platform.held = NULL;
  wait_for_label (row, "Not sent");
  wait_for_label (row, "The gateway did not answer.");
  text = td_composer_get_text (TD_COMPOSER (composer));
  g_assert_cmpstr (text, ==, "Hi {first_name}, {favorite_song} is next!");
  g_assert_false (td_composer_get_busy (TD_COMPOSER (composer)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-failed");
  g_clear_pointer (&shot, g_free);

  /* Retry sends the same key: still one reply on the platform. */
  retry = find_button (row, "_Retry");
  g_assert_nonnull (retry);
  gtk_widget_activate (retry);
  wait_for_label (row, "Delivered");
  g_assert_cmpuint (platform.posts, ==, 2);
  g_assert_cmpuint (platform.keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (platform.keys, 0), ==, g_ptr_array_index (platform.keys, 1));
  g_assert_cmpuint (g_hash_table_size (platform.replies), ==, 1);
  g_assert_null (td_ui_test_find_label (row, "Not sent"));

  /* Accepted: the composer is free and empty for the next reply. */
  g_clear_pointer (&text, g_free);
  text = td_composer_get_text (TD_COMPOSER (composer));
  g_assert_cmpstr (text, ==, "");
  g_assert_false (td_composer_get_busy (TD_COMPOSER (composer)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-delivered");
  g_clear_pointer (&shot, g_free);

  /* The pane shows the same thread. */
  gtk_window_destroy (window);
  pane = td_conversation_pane_new ();
  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (pane), thread);
  pane_window = show_in_window (pane, 640, 560);
  wait_for_label (pane, "Ann Lee");
  wait_for_label (pane, "(555) 010-0123");
  wait_for_label (pane, "ROCK");
  wait_for_label (pane, "Hi Ann, Wonderwall is next!");
  wait_for_label (pane, "Delivered");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (pane_window), "reply-pane");

  gtk_window_destroy (pane_window);
  td_ui_test_iterate (50);
  platform_stop (&platform);
}

static gboolean
thread_read_again (gpointer data)
{
  Platform *platform = data;

  return platform->thread_reads >= 2;
}

static void
feed (TdEventStream *stream,
      const char    *frame)
{
  td_event_stream_feed (stream, frame, strlen (frame));
}

/* Live: texts and statuses that arrive as events, and a reset. The
 * events are fed to a real TdEventStream as the platform frames them. */
static void
test_live_events (void)
{
  Platform platform = { 0, };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdEventStream) stream = NULL;
  g_autoptr(TdResource) conversation = NULL;
  g_autoptr(TdConversationThread) thread = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *conversation_json = g_strdup_printf (CONVERSATION, INBOUND);
  g_autofree char *shot = NULL;
  GtkWindow *window;
  GtkWidget *pane, *composer;

  platform_start (&platform);
  /* Statuses come by event only. */
  platform.deliver_on_read = FALSE;

  client = td_client_new (platform.url);
  td_client_set_token (client, "test-token");
  stream = td_event_stream_new (client);

  g_assert_true (json_parser_load_from_data (parser, conversation_json, -1, &error));
  conversation = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CONVERSATION,
                                            json_node_get_object (json_parser_get_root (parser)),
                                            &error);
  g_assert_no_error (error);
  thread = td_conversation_thread_get_for (client, TD_CONVERSATION (conversation),
                                           G_OBJECT (stream));

  pane = td_conversation_pane_new ();
  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (pane), thread);
  window = show_in_window (pane, 640, 560);
  wait_for_label (pane, "ROCK");

  /* A new text in this conversation appears; one in another does not. */
  feed (stream,
        "id: 101\nevent: message.created\ndata: {\"type\":\"message.created\",\"data\":"
        "{\"id\":\"m7\",\"conversation_id\":\"c1\",\"direction\":\"inbound\","
        "\"body\":\"Are you open late?\",\"status\":\"received\","
        "\"created_at\":\"2026-12-04T15:02:00.000Z\"}}\n\n");
  feed (stream,
        "id: 102\nevent: message.created\ndata: {\"type\":\"message.created\",\"data\":"
        "{\"id\":\"m8\",\"conversation_id\":\"c2\",\"direction\":\"inbound\","
        "\"body\":\"Someone else\",\"status\":\"received\","
        "\"created_at\":\"2026-12-04T15:02:00.000Z\"}}\n\n");
  wait_for_label (pane, "Are you open late?");
  g_assert_null (td_ui_test_find_label (pane, "Someone else"));

  /* A reply, then its delivery by event. */
  composer = td_conversation_pane_get_composer (TD_CONVERSATION_PANE (pane));
  td_composer_set_text (TD_COMPOSER (composer), "Until midnight!");
  g_assert_true (td_composer_send (TD_COMPOSER (composer)));
  wait_for_label (pane, "Queued");
  feed (stream,
        "id: 103\nevent: message.updated\ndata: {\"type\":\"message.updated\",\"data\":"
        "{\"id\":\"m2\",\"conversation_id\":\"c1\",\"direction\":\"outbound\","
        "\"body\":\"Until midnight!\",\"status\":\"delivered\","
        "\"created_at\":\"2026-12-04T15:01:00.000Z\"}}\n\n");
  wait_for_label (pane, "Delivered");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-live");

  /* Events were missed: the thread reads itself again. */
  g_assert_cmpuint (platform.thread_reads, ==, 1);
  feed (stream, "event: reset\ndata: {}\n\n");
  g_assert_true (td_ui_test_wait_until (thread_read_again, &platform, 10000));

  gtk_window_destroy (window);
  td_ui_test_iterate (50);
  platform_stop (&platform);
}

static TdConversationThread *
thread_for (TdClient   *client,
            const char *id)
{
  g_autofree char *json = g_strdup_printf (
      "{\"id\":\"%s\",\"subscriber\":{\"id\":\"s%s\",\"phone\":\"+15550100150\","
      "\"first_name\":\"Cy\",\"last_name\":\"Ng\",\"status\":\"active\"},"
      "\"last_message\":null,\"unread_count\":0,\"archived\":false}", id, id);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TdResource) conversation = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  conversation = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CONVERSATION,
                                            json_node_get_object (json_parser_get_root (parser)),
                                            &error);
  g_assert_no_error (error);

  return td_conversation_thread_get_for (client, TD_CONVERSATION (conversation), NULL);
}

/* Field cases: a 200 with an empty body is a clear error, never a crash;
 * a broken text in a page is skipped and the others shown. */
static void
test_bad_answers (void)
{
  Platform platform = { 0, };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdConversationThread) empty = NULL;
  g_autoptr(TdConversationThread) broken = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *pane;
  GtkWindow *window;

  platform_start (&platform);
  client = td_client_new (platform.url);
  td_client_set_token (client, "test-token");
  td_client_set_retry_policy (client, 1, 10, 10);

  empty = thread_for (client, "c3");
  pane = td_conversation_pane_new ();
  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (pane), empty);
  window = show_in_window (pane, 640, 480);
  wait_for_label (pane, "Could Not Load the Texts");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-empty-answer");

  broken = thread_for (client, "c4");
  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (pane), broken);
  wait_for_label (pane, "A good one");
  g_assert_cmpuint (g_list_model_get_n_items (td_conversation_thread_get_messages (broken)), ==, 1);
  g_assert_null (td_ui_test_find_label (pane, "No direction"));

  gtk_window_destroy (window);
  td_ui_test_iterate (50);
  platform_stop (&platform);
}

static void
test_opted_out_cannot_be_sent (void)
{
  g_autoptr(TdClient) client = td_client_new ("http://127.0.0.1:9");
  g_autoptr(TdResource) conversation = NULL;
  g_autoptr(TdConversationThread) thread = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *pane, *composer;
  GtkWindow *window;
  const char *json =
    "{\"id\":\"c9\",\"subscriber\":{\"id\":\"s9\",\"phone\":\"+15550100199\","
    "\"first_name\":null,\"last_name\":null,\"status\":\"opted_out\"},"
    "\"short_code_id\":\"sc1\",\"last_message\":null,\"unread_count\":0,"
    "\"archived\":false,\"updated_at\":\"2026-12-04T15:00:00.000Z\"}";

  td_client_set_retry_policy (client, 1, 10, 10);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  conversation = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CONVERSATION,
                                            json_node_get_object (json_parser_get_root (parser)),
                                            &error);
  g_assert_no_error (error);
  thread = td_conversation_thread_get_for (client, TD_CONVERSATION (conversation), NULL);

  pane = td_conversation_pane_new ();
  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (pane), thread);
  window = show_in_window (pane, 640, 400);

  /* No name: the number as people write it, and why nothing can be sent. */
  wait_for_label (pane, "(555) 010-0199");
  wait_for_label (pane, "(555) 010-0199 opted out of texts, so nothing can be sent to them. "
                        "They can opt back in by texting START.");
  composer = td_conversation_pane_get_composer (TD_CONVERSATION_PANE (pane));
  td_composer_set_text (TD_COMPOSER (composer), "Are you still there?");
  g_assert_false (td_composer_get_can_send (TD_COMPOSER (composer)));
  g_assert_false (td_composer_send (TD_COMPOSER (composer)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "reply-opted-out");

  gtk_window_destroy (window);
  td_ui_test_iterate (50);
}

static void
test_bubble_statuses (void)
{
  static const struct {
    const char *direction;
    const char *status;
    const char *shown;
  } cases[] = {
    { "inbound", "received", NULL },
    { "outbound", "sending", "Sending…" },
    { "outbound", "queued", "Queued" },
    { "outbound", "sent", "Sent" },
    { "outbound", "delivered", "Delivered" },
    { "outbound", "failed", "Failed" },
    { "outbound", "undelivered", "Not delivered" },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *shot = NULL;
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
          "{\"id\":\"m%u\",\"direction\":\"%s\",\"body\":\"Text %u\","
          "\"status\":\"%s\",\"created_at\":\"2026-12-04T15:00:00.000Z\"}",
          i, cases[i].direction, i, cases[i].status);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(TdResource) message = NULL;
      g_autoptr(GError) error = NULL;
      GtkWidget *bubble;

      g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
      message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE,
                                           json_node_get_object (json_parser_get_root (parser)),
                                           &error);
      g_assert_no_error (error);
      bubble = td_message_bubble_new (TD_MESSAGE (message));
      gtk_box_append (GTK_BOX (box), bubble);
      g_assert_cmpstr (td_message_bubble_get_status_text (TD_MESSAGE_BUBBLE (bubble)), ==,
                       cases[i].shown);

      /* Inbound on the left, replies on the right. */
      g_assert_cmpint (gtk_widget_get_halign (adw_bin_get_child (ADW_BIN (bubble))), ==,
                       g_str_equal (cases[i].direction, "inbound") ? GTK_ALIGN_START
                                                                   : GTK_ALIGN_END);
    }

  window = show_in_window (box, 360, -1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (cases[i].shown != NULL)
      wait_for_label (box, cases[i].shown);
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "bubble-statuses");

  gtk_window_destroy (window);
}

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);
  /* The application loads the app's style sheet, as in the app. */
  td_ui_test_get_application ();

  g_test_add_func ("/conversation-reply/lost-answer-retry", test_reply_lost_answer_retry);
  g_test_add_func ("/conversation-reply/opted-out", test_opted_out_cannot_be_sent);
  g_test_add_func ("/conversation-reply/bubble-statuses", test_bubble_statuses);
  g_test_add_func ("/conversation-reply/live-events", test_live_events);
  g_test_add_func ("/conversation-reply/bad-answers", test_bad_answers);

  return g_test_run ();
}
