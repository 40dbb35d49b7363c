/* test-platform-gateway.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-gateway"

#include <string.h>

#include "td-platform-handlers.h"
#include "td-platform-test-utils.h"

/* The twilio gateway: texts go out as form posts to a Twilio-compatible
 * API (a mock one here, in a thread of its own), come back through
 * signed status callbacks that only move forward, and a recipient who
 * opted out at the carrier (21610) is opted out here too.
 */
static TdTestPlatform *platform;
static char *secret;
static guint sid_counter;

typedef struct
{
  GMutex        lock;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GPtrArray    *requests;   /* GHashTable of the form, with "Authorization" */
  GHashTable   *fail_once;  /* To numbers answered 503 the first time */
  GThread      *thread;
  guint         n_sent;
} MockTwilio;

static MockTwilio mock;

static void
mock_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  GHashTable *form = soup_form_decode (text);
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");
  const char *to = g_hash_table_lookup (form, "To");
  g_autofree char *answer = NULL;
  guint status = 201;

  g_hash_table_insert (form, g_strdup ("Authorization"), g_strdup (auth ? auth : ""));
  g_hash_table_insert (form, g_strdup ("Path"), g_strdup (path));

  g_mutex_lock (&mock.lock);
  g_ptr_array_add (mock.requests, form);
  if (to != NULL && g_hash_table_remove (mock.fail_once, to))
    {
      status = 503;
      answer = g_strdup ("{\"code\": 20503, \"message\": \"Service unavailable\"}");
    }
  else if (g_strcmp0 (to, "+15550108603") == 0)
    {
      status = 400;
      answer = g_strdup ("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\"}");
    }
  else
    answer = g_strdup_printf ("{\"sid\": \"SMmock%04u\", \"status\": \"queued\"}", ++mock.n_sent);
  g_mutex_unlock (&mock.lock);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer, strlen (answer));
}

static gpointer
mock_thread (gpointer data)
{
  g_main_context_push_thread_default (mock.context);
  g_main_loop_run (mock.loop);
  g_main_context_pop_thread_default (mock.context);

  return NULL;
}

static void
mock_start (void)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_mutex_init (&mock.lock);
  mock.requests = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  mock.fail_once = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (mock.fail_once, g_strdup ("+15550108602"));
  mock.context = g_main_context_new ();
  mock.loop = g_main_loop_new (mock.context, FALSE);

  g_main_context_push_thread_default (mock.context);
  mock.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (mock.server, NULL, mock_cb, NULL, NULL);
  soup_server_listen_local (mock.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  g_main_context_pop_thread_default (mock.context);

  uris = soup_server_get_uris (mock.server);
  mock.url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  mock.thread = g_thread_new ("mock-twilio", mock_thread, NULL);
}

static void
mock_stop (void)
{
  g_main_loop_quit (mock.loop);
  g_thread_join (mock.thread);
  g_clear_object (&mock.server);
  g_main_loop_unref (mock.loop);
  g_main_context_unref (mock.context);
  g_ptr_array_unref (mock.requests);
  g_hash_table_unref (mock.fail_once);
  g_free (mock.url);
}

static guint
mock_count_to (const char *to)
{
  guint n = 0;

  g_mutex_lock (&mock.lock);
  for (guint i = 0; i < mock.requests->len; i++)
    if (g_strcmp0 (g_hash_table_lookup (g_ptr_array_index (mock.requests, i), "To"), to) == 0)
      n++;
  g_mutex_unlock (&mock.lock);

  return n;
}

static GHashTable *
mock_last_to (const char *to)
{
  GHashTable *found = NULL;

  g_mutex_lock (&mock.lock);
  for (guint i = 0; i < mock.requests->len; i++)
    if (g_strcmp0 (g_hash_table_lookup (g_ptr_array_index (mock.requests, i), "To"), to) == 0)
      found = g_ptr_array_index (mock.requests, i);
  if (found != NULL)
    g_hash_table_ref (found);
  g_mutex_unlock (&mock.lock);

  return found;
}

static void
wait_for_requests (const char *to,
                   guint       n)
{
  for (guint i = 0; i < 400 && mock_count_to (to) < n; i++)
    td_test_wait_ms (25);

  g_assert_cmpuint (mock_count_to (to), ==, n);
}

static void
text (const char *from,
      const char *body)
{
  g_autofree char *sid = g_strdup_printf ("SMgateway%04u", ++sid_counter);
  g_autoptr(TdTestResponse) response = td_test_send_text (platform, "41019", secret, sid, from, body);

  g_assert_cmpuint (response->status, ==, 200);
}

static TdTestResponse *
status_callback (const char *message_sid,
                 const char *status,
                 const char *error_code,
                 const char *signing_secret)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *url = g_strconcat (platform->url, "/gateway/twilio/status", NULL);
  g_autofree char *signature = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *headers[3] = { "X-Twilio-Signature", NULL, NULL };

  g_hash_table_insert (form, (gpointer) "MessageSid", (gpointer) message_sid);
  g_hash_table_insert (form, (gpointer) "MessageStatus", (gpointer) status);
  g_hash_table_insert (form, (gpointer) "AccountSid", (gpointer) "ACtextdesk");
  if (error_code != NULL)
    g_hash_table_insert (form, (gpointer) "ErrorCode", (gpointer) error_code);

  signature = td_platform_twilio_signature (signing_secret, url, form);
  headers[1] = signature;
  encoded = soup_form_encode_hash (form);
  bytes = g_bytes_new (encoded, strlen (encoded));

  return td_test_request_raw (platform, "POST", "/gateway/twilio/status", NULL,
                              "application/x-www-form-urlencoded", bytes, headers);
}

static JsonObject *
last_outbound (const char *token,
               const char *phone)
{
  g_autoptr(JsonObject) page = td_test_get (platform, token, "/v1/conversations?q=%s", phone + 2);
  JsonObject *conversation = json_array_get_object_element (json_object_get_array_member (page, "data"), 0);
  g_autoptr(JsonObject) thread = td_test_get (platform, token, "/v1/conversations/%s/messages",
                                              json_object_get_string_member (conversation, "id"));
  JsonArray *data = json_object_get_array_member (thread, "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (data, i), "direction"), "outbound"))
      return json_object_ref (json_array_get_object_element (data, i));

  return NULL;
}

static void
test_send_and_callbacks (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(GHashTable) request = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(TdTestResponse) sent = NULL;
  g_autoptr(TdTestResponse) delivered = NULL;
  g_autoptr(TdTestResponse) late = NULL;
  g_autoptr(TdTestResponse) forged = NULL;
  g_autoptr(TdTestResponse) unknown = NULL;
  g_autofree char *expected_auth = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *message_path = NULL;

  text ("+15550108601", "ROCK");
  wait_for_requests ("+15550108601", 1);

  request = mock_last_to ("+15550108601");
  g_assert_cmpstr (g_hash_table_lookup (request, "From"), ==, "41019");
  g_assert_true (g_str_has_prefix (g_hash_table_lookup (request, "Body"), "Wave 101.9: You're in for Rock Weekend"));
  g_assert_cmpstr (g_hash_table_lookup (request, "Path"), ==, "/2010-04-01/Accounts/ACtextdesk/Messages.json");
  g_assert_true (g_str_has_suffix (g_hash_table_lookup (request, "StatusCallback"), "/gateway/twilio/status"));
  credentials = g_strdup_printf ("ACtextdesk:%s", secret);
  {
    g_autofree char *encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));

    expected_auth = g_strconcat ("Basic ", encoded, NULL);
  }
  g_assert_cmpstr (g_hash_table_lookup (request, "Authorization"), ==, expected_auth);

  /* Queued until the gateway calls back. */
  message = last_outbound (wave, "+15550108601");
  g_assert_cmpstr (json_object_get_string_member (message, "status"), ==, "queued");
  message_path = g_strdup_printf ("/v1/messages/%s", json_object_get_string_member (message, "id"));
  for (guint i = 0; i < 200 && td_test_db_int (platform, "SELECT count (*) FROM texts WHERE gateway_sid = 'SMmock0001'") == 0; i++)
    td_test_wait_ms (25);

  forged = status_callback ("SMmock0001", "delivered", NULL, "not-the-secret");
  td_test_assert_problem (forged, 403, "invalid_signature");
  /* An unknown id is answered like a wrong signature: no id oracle. */
  unknown = status_callback ("SMnobody", "delivered", NULL, secret);
  td_test_assert_problem (unknown, 403, "invalid_signature");

  sent = status_callback ("SMmock0001", "sent", NULL, secret);
  g_assert_cmpuint (sent->status, ==, 204);
  {
    g_autoptr(JsonObject) now = td_test_get (platform, wave, "%s", message_path);

    g_assert_cmpstr (json_object_get_string_member (now, "status"), ==, "sent");
  }

  delivered = status_callback ("SMmock0001", "delivered", NULL, secret);
  g_assert_cmpuint (delivered->status, ==, 204);

  /* A late, out-of-order callback does not move it back. */
  late = status_callback ("SMmock0001", "sent", NULL, secret);
  g_assert_cmpuint (late->status, ==, 204);
  {
    g_autoptr(JsonObject) now = td_test_get (platform, wave, "%s", message_path);

    g_assert_cmpstr (json_object_get_string_member (now, "status"), ==, "delivered");
  }
}

static void
test_retry_after_gateway_error (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");

  /* The first attempt gets 503; the text goes again after a backoff. */
  text ("+15550108602", "TICKETS");
  wait_for_requests ("+15550108602", 2);
  for (guint i = 0; i < 200 && td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108602' "
                                                         "AND direction = 'outbound' AND gateway_sid IS NOT NULL") == 0; i++)
    td_test_wait_ms (25);
  g_assert_cmpint (td_test_db_int (platform, "SELECT attempts FROM texts WHERE phone = '+15550108602' "
                                             "AND direction = 'outbound'"), ==, 2);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108602' "
                                             "AND direction = 'outbound'"), ==, 1);
  (void) wave;
}

static void
test_unsubscribed_at_carrier (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonObject) message = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(TdTestResponse) reply = NULL;
  g_autofree char *path = NULL;

  /* The gateway refuses with 21610: failed, and the number opted out. */
  text ("+15550108603", "SONG");
  wait_for_requests ("+15550108603", 1);
  for (guint i = 0; i < 200; i++)
    {
      g_clear_pointer (&message, json_object_unref);
      message = last_outbound (wave, "+15550108603");
      if (g_str_equal (json_object_get_string_member (message, "status"), "failed"))
        break;
      td_test_wait_ms (25);
    }
  g_assert_cmpstr (json_object_get_string_member (message, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (message, "error_code"), ==, "21610");

  page = td_test_get (platform, wave, "/v1/conversations?q=5550108603");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_array_get_object_element (json_object_get_array_member (page, "data"), 0), "subscriber"),
                     "status"), ==, "opted_out");

  /* Nothing more goes to it. */
  text ("+15550108603", "Are you there?");
  path = g_strdup_printf ("/v1/conversations/%s/messages",
                          json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (page, "data"), 0), "id"));
  reply = td_test_request (platform, "POST", path, wave, "{\"body\": \"Hello?\"}", "Idempotency-Key", "carrier-stop", NULL);
  td_test_assert_problem (reply, 409, "opted_out");
  td_test_wait_ms (300);
  g_assert_cmpuint (mock_count_to ("+15550108603"), ==, 1);

  /* 21610 in a status callback opts out as well. */
  text ("+15550108604", "ROCK");
  wait_for_requests ("+15550108604", 1);
  for (guint i = 0; i < 200 && td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108604' "
                                                         "AND gateway_sid IS NOT NULL") == 0; i++)
    td_test_wait_ms (25);
  {
    g_autofree char *sid = g_strdup_printf ("SMmock%04" G_GINT64_FORMAT,
                                            td_test_db_int (platform, "SELECT substr (gateway_sid, 7) + 0 FROM texts "
                                                                      "WHERE phone = '+15550108604' AND direction = 'outbound'"));
    g_autoptr(TdTestResponse) undelivered = status_callback (sid, "undelivered", "21610", secret);
    g_autoptr(JsonObject) after = NULL;

    g_assert_cmpuint (undelivered->status, ==, 204);
    after = td_test_get (platform, wave, "/v1/conversations?q=5550108604");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (json_object_get_array_member (after, "data"), 0), "subscriber"),
                       "status"), ==, "opted_out");
  }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  mock_start ();
  platform = td_test_platform_start (TRUE, (const char *[]) { "--gateway", "41019=twilio",
                                                              "--twilio-url", mock.url, NULL });
  secret = td_test_secret (platform, "41019");

  g_test_add_func ("/platform/gateway/send-and-callbacks", test_send_and_callbacks);
  g_test_add_func ("/platform/gateway/retry-after-gateway-error", test_retry_after_gateway_error);
  g_test_add_func ("/platform/gateway/unsubscribed-at-carrier", test_unsubscribed_at_carrier);

  result = g_test_run ();

  td_test_platform_stop (platform);
  mock_stop ();
  g_free (secret);

  return result;
}
