/* test-platform-hardening.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-hardening"

#include <string.h>

#include "td-platform-test-utils.h"

/* Defects found by an attacker, each checked over HTTP: the answer a
 * client gets and what the platform stored.
 */
static TdTestPlatform *platform;
static char *token;
static char *staff_token;
static char *secret;

static TdTestResponse *
post_json (const char *path,
           const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return td_test_request_raw (platform, "POST", path, token, "application/json", bytes, NULL);
}

static void
test_strings_lone_surrogate_and_nul (void)
{
  gint64 subscribers = td_test_db_int (platform, "SELECT count (*) FROM subscribers");
  gint64 lists = td_test_db_int (platform, "SELECT count (*) FROM lists");
  g_autoptr(TdTestResponse) surrogate = NULL;
  g_autoptr(TdTestResponse) low_surrogate = NULL;
  g_autoptr(TdTestResponse) nul = NULL;
  g_autoptr(TdTestResponse) nul_name = NULL;
  g_autoptr(TdTestResponse) escaped_backslash = NULL;
  g_autoptr(TdTestResponse) pair = NULL;
  g_autoptr(TdTestResponse) gateway = NULL;

  surrogate = post_json ("/v1/subscribers",
                         "{\"phone\":\"+15550100995\",\"first_name\":\"a\\ud800b\"}");
  td_test_assert_problem (surrogate, 400, "invalid_string");
  low_surrogate = post_json ("/v1/lists", "{\"name\":\"VIP\\udc00x\"}");
  td_test_assert_problem (low_surrogate, 400, "invalid_string");
  nul = post_json ("/v1/lists", "{\"name\":\"VIP\\u0000 hidden\"}");
  td_test_assert_problem (nul, 400, "invalid_string");
  nul_name = post_json ("/v1/subscribers",
                        "{\"phone\":\"+15550100996\",\"first_name\":\"Al\\u0000ex\"}");
  td_test_assert_problem (nul_name, 400, "invalid_string");

  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM subscribers"), ==, subscribers);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM lists"), ==, lists);

  /* An escaped backslash followed by "u0000" is plain text, and a
   * surrogate pair is a real character: both are stored whole.
   */
  escaped_backslash = post_json ("/v1/lists", "{\"name\":\"Path \\\\u0000 list\"}");
  g_assert_cmpuint (escaped_backslash->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (escaped_backslash), "name"),
                   ==, "Path \\u0000 list");
  pair = post_json ("/v1/lists", "{\"name\":\"Fans \\ud83c\\udfc8\"}");
  g_assert_cmpuint (pair->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (pair), "name"),
                   ==, "Fans \xf0\x9f\x8f\x88");

  /* A gateway form: a NUL (%00) or bytes that are not UTF-8. */
  gateway = td_test_send_text (platform, "41019", secret, "SMnulform", "+15550108403", "STOP\x01");
  g_assert_cmpuint (gateway->status, <, 500);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("MessageSid=SMx&From=%2B15550108404&Body=HI%00X", 46);
    g_autoptr(TdTestResponse) nul_form = td_test_request_raw (platform, "POST", "/gateway/twilio/41019", NULL,
                                                             "application/x-www-form-urlencoded", bytes, NULL);
    g_autoptr(GBytes) bad = g_bytes_new_static ("MessageSid=SMy&From=%2B15550108405&Body=%ED%A0%80", 49);
    g_autoptr(TdTestResponse) bad_form = td_test_request_raw (platform, "POST", "/gateway/twilio/41019", NULL,
                                                             "application/x-www-form-urlencoded", bad, NULL);

    td_test_assert_problem (nul_form, 400, "invalid_string");
    td_test_assert_problem (bad_form, 400, "invalid_string");
  }
}

#define STAFF_ACCOUNT "(SELECT account_id FROM users WHERE email = 'staff@wave.example')"

static gboolean
page_has_id (GPtrArray  *items,
             gint64      id)
{
  g_autofree char *wanted = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  for (guint i = 0; i < items->len; i++)
    {
      g_autofree char *item_id = td_test_object_id (g_ptr_array_index (items, i));

      if (g_str_equal (item_id, wanted))
        return TRUE;
    }

  return FALSE;
}

static void
assert_no_stream_message (GPtrArray *messages)
{
  for (guint i = 0; i < messages->len; i++)
    g_assert_false (json_object_get_boolean_member (g_ptr_array_index (messages, i), "in_stream"));
}

static void
test_member_never_sees_stream (void)
{
  /* A text that names no keyword goes to the Conversation Stream. */
  g_autoptr(TdTestResponse) sent = td_test_send_text (platform, "41019", secret, "SMstreamonly1",
                                                      "+15550108430", "where is the stadium parking");
  gint64 conversation = td_test_db_int (platform,
                                        "SELECT c.id FROM conversations c JOIN subscribers s ON s.id = c.subscriber_id"
                                        " WHERE c.account_id = " STAFF_ACCOUNT " AND s.phone = '+15550108430'");
  gint64 message = td_test_db_int (platform,
                                   "SELECT max (id) FROM messages WHERE conversation_id = %" G_GINT64_FORMAT,
                                   conversation);
  gint64 subscriber = td_test_db_int (platform,
                                      "SELECT subscriber_id FROM conversations WHERE id = %" G_GINT64_FORMAT,
                                      conversation);
  g_autoptr(GPtrArray) staff_list = NULL;
  g_autoptr(GPtrArray) admin_list = NULL;
  g_autoptr(GPtrArray) staff_history = NULL;
  g_autoptr(GPtrArray) admin_history = NULL;
  g_autoptr(GPtrArray) search = NULL;
  g_autofree char *path = NULL;
  g_autofree char *phone_query = NULL;
  g_autofree char *phone = NULL;

  g_assert_cmpuint (sent->status, ==, 200);
  g_assert_cmpint (conversation, >, 0);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM conversation_campaigns"
                                             " WHERE conversation_id = %" G_GINT64_FORMAT, conversation), ==, 0);

  staff_list = td_test_list_all (platform, "/v1/conversations", staff_token);
  admin_list = td_test_list_all (platform, "/v1/conversations", token);
  g_assert_true (page_has_id (admin_list, conversation));
  g_assert_false (page_has_id (staff_list, conversation));
  g_assert_cmpuint (staff_list->len, >, 0);
  g_assert_cmpuint (staff_list->len, <, admin_list->len);

  path = g_strdup_printf ("/v1/conversations/%" G_GINT64_FORMAT, conversation);
  {
    g_autoptr(TdTestResponse) staff_get = td_test_request (platform, "GET", path, staff_token, NULL, NULL);
    g_autofree char *messages_path = g_strconcat (path, "/messages", NULL);
    g_autoptr(TdTestResponse) staff_thread = td_test_request (platform, "GET", messages_path, staff_token, NULL, NULL);
    g_autoptr(TdTestResponse) admin_thread = td_test_request (platform, "GET", messages_path, token, NULL, NULL);
    g_autofree char *reply_path = g_strconcat (path, "/messages", NULL);
    g_autoptr(TdTestResponse) staff_reply = td_test_request (platform, "POST", reply_path, staff_token,
                                                             "{\"body\":\"hello\"}",
                                                             "Idempotency-Key", "hardening-stream-reply", NULL);

    td_test_assert_problem (staff_get, 404, "not_found");
    td_test_assert_problem (staff_thread, 404, "not_found");
    td_test_assert_problem (staff_reply, 404, "not_found");
    g_assert_cmpuint (admin_thread->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (td_test_response_data (admin_thread)), >, 0);
  }

  {
    g_autofree char *message_path = g_strdup_printf ("/v1/messages/%" G_GINT64_FORMAT, message);
    g_autoptr(TdTestResponse) staff_message = td_test_request (platform, "GET", message_path, staff_token, NULL, NULL);
    g_autoptr(TdTestResponse) admin_message = td_test_request (platform, "GET", message_path, token, NULL, NULL);

    td_test_assert_problem (staff_message, 404, "not_found");
    g_assert_cmpuint (admin_message->status, ==, 200);
  }

  g_free (path);
  path = g_strdup_printf ("/v1/subscribers/%" G_GINT64_FORMAT "/messages", subscriber);
  staff_history = td_test_list_all (platform, path, staff_token);
  admin_history = td_test_list_all (platform, path, token);
  assert_no_stream_message (staff_history);
  g_assert_cmpuint (staff_history->len, <, admin_history->len);

  /* Searching for the subscriber or for words of their texts. */
  {
    g_autoptr(TdTestResponse) subscriber_response = NULL;
    g_autofree char *subscriber_path = g_strdup_printf ("/v1/subscribers/%" G_GINT64_FORMAT, subscriber);

    subscriber_response = td_test_request (platform, "GET", subscriber_path, token, NULL, NULL);
    g_assert_cmpuint (subscriber_response->status, ==, 200);
    phone = g_uri_escape_string (json_object_get_string_member (td_test_response_object (subscriber_response), "phone"),
                                 NULL, FALSE);
  }
  phone_query = g_strdup_printf ("/v1/conversations?q=%s", phone);
  search = td_test_list_all (platform, phone_query, staff_token);
  g_assert_false (page_has_id (search, conversation));
}

static void
test_automatic_answers_never_blank (void)
{
  g_autoptr(TdTestResponse) codes = td_test_request (platform, "GET", "/v1/short-codes", token, NULL, NULL);
  g_autofree char *path = NULL;
  g_autofree char *help_before = NULL;
  static const char *const bodies[] = {
    "{\"help_response\":\"\"}",
    "{\"help_response\":\"   \"}",
    "{\"stop_response\":\"\\n\"}",
    "{\"start_response\":\"\"}",
    "{\"fallback_response\":\" \"}",
  };
  static const char *const fields[] = {
    "help_response", "help_response", "stop_response", "start_response", "fallback_response",
  };
  JsonObject *code = td_test_find_by_member (td_test_response_data (codes), "code", "41019");

  g_assert_nonnull (code);
  path = g_strdup_printf ("/v1/short-codes/%s", json_object_get_string_member (code, "id"));
  help_before = g_strdup (json_object_get_string_member (code, "help_response"));
  g_assert_false (help_before == NULL || *help_before == '\0');

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TdTestResponse) response = td_test_request (platform, "PATCH", path, token, bodies[i], NULL);
      JsonArray *errors;

      td_test_assert_problem (response, 422, "validation_failed");
      errors = json_object_get_array_member (td_test_response_object (response), "errors");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"),
                       ==, fields[i]);
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "code"),
                       ==, "blank");
    }

  /* HELP is still answered with the old text. */
  {
    g_autoptr(TdTestResponse) again = td_test_request (platform, "GET", "/v1/short-codes", token, NULL, NULL);
    JsonObject *after = td_test_find_by_member (td_test_response_data (again), "code", "41019");

    g_assert_cmpstr (json_object_get_string_member (after, "help_response"), ==, help_before);
  }
}

static void
test_status_callback_no_oracle (void)
{
  static const char form[] = "MessageSid=SMnosuchmessage0000&MessageStatus=delivered";
  const char *headers[] = { "X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl", NULL };

  /* An unknown MessageSid is answered like a known one with a wrong
   * signature (test-platform-gateway checks that one): 403, so that an
   * unsigned caller cannot tell which ids exist.
   */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (form, sizeof form - 1);
      g_autoptr(TdTestResponse) response = NULL;

      response = td_test_request_raw (platform, "POST", "/gateway/twilio/status", NULL,
                                      "application/x-www-form-urlencoded", bytes,
                                      i == 0 ? NULL : headers);
      td_test_assert_problem (response, 403, "invalid_signature");
    }
}

static void
test_events_cursor (void)
{
  g_autoptr(JsonObject) first = td_test_get (platform, token, "/v1/events?after=0&limit=2");
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(TdTestResponse) bogus = NULL;
  g_autoptr(TdTestResponse) both = NULL;
  JsonArray *first_data = json_object_get_array_member (first, "data");
  JsonArray *second_data;
  const char *cursor = json_object_get_string_member (first, "next_cursor");
  gint64 last_of_first;
  gint64 first_of_second;

  g_assert_cmpuint (json_array_get_length (first_data), ==, 2);
  g_assert_nonnull (cursor);
  second = td_test_get (platform, token, "/v1/events?cursor=%s&limit=2", cursor);
  second_data = json_object_get_array_member (second, "data");
  g_assert_cmpuint (json_array_get_length (second_data), >, 0);

  /* The next page follows on: no event twice, none left out. */
  last_of_first = g_ascii_strtoll (json_object_get_string_member (json_array_get_object_element (first_data, 1), "id"),
                                   NULL, 10);
  first_of_second = g_ascii_strtoll (json_object_get_string_member (json_array_get_object_element (second_data, 0), "id"),
                                     NULL, 10);
  g_assert_cmpint (first_of_second, >, last_of_first);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM events WHERE id > %" G_GINT64_FORMAT
                                             " AND id < %" G_GINT64_FORMAT " AND account_id = "
                                             "(SELECT account_id FROM users WHERE email = 'admin@wave.example')",
                                   last_of_first, first_of_second), ==, 0);

  bogus = td_test_request (platform, "GET", "/v1/events?cursor=12", token, NULL, NULL);
  td_test_assert_problem (bogus, 400, "invalid_cursor");
  both = td_test_request (platform, "GET", "/v1/events?after=1&cursor=abc", token, NULL, NULL);
  td_test_assert_problem (both, 400, "invalid_parameter");
}

static void
test_full_width_keywords (void)
{
  g_autoptr(TdTestResponse) join = NULL;
  g_autoptr(TdTestResponse) stop = NULL;
  g_autoptr(TdTestResponse) taken = NULL;
  g_autoptr(TdTestResponse) created = NULL;
  JsonArray *keywords;

  /* "ＲＯＣＫ" is the ROCK campaign's keyword, and "ＳＴＯＰ" opts out. */
  join = td_test_send_text (platform, "41019", secret, "SMfullwidth1", "+15550108420", "\xef\xbc\xb2\xef\xbc\xaf\xef\xbc\xa3\xef\xbc\xab");
  g_assert_cmpuint (join->status, ==, 200);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM messages m JOIN texts t ON t.id = m.text_id"
                                             " WHERE t.phone = '+15550108420' AND t.direction = 'inbound' AND m.matched_keyword = 'ROCK'"), ==, 1);
  stop = td_test_send_text (platform, "41019", secret, "SMfullwidth2", "+15550108420", "\xef\xbc\xb3\xef\xbc\xb4\xef\xbc\xaf\xef\xbc\xb0");
  g_assert_cmpuint (stop->status, ==, 200);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM opt_outs WHERE phone = '+15550108420'"), ==, 1);

  /* A keyword in full-width letters is the same keyword. */
  taken = td_test_request (platform, "POST", "/v1/campaigns", token,
                           "{\"name\": \"Rock again\", \"keywords\": [\"\xef\xbc\xb2\xef\xbc\xaf\xef\xbc\xa3\xef\xbc\xab\"]}", NULL);
  td_test_assert_problem (taken, 409, "keyword_taken");
  created = td_test_request (platform, "POST", "/v1/campaigns", token,
                             "{\"name\": \"Wide\", \"keywords\": [\"\xef\xbc\xb7\xef\xbc\xa9\xef\xbc\xa4\xef\xbc\xa5\"]}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  keywords = json_object_get_array_member (td_test_response_object (created), "keywords");
  g_assert_cmpstr (json_array_get_string_element (keywords, 0), ==, "WIDE");
}

/* Opens GET /v1/events as an event stream on its own connection and
 * reads the head of the answer (up to the first comment, or the whole
 * problem document).
 */
static GSocketConnection *
open_stream (const char  *bearer,
             GString     *head)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (platform->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *request = NULL;
  GSocketConnection *connection;
  GSocket *socket;
  char buffer[4096];

  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  socket = g_socket_connection_get_socket (connection);
  g_socket_set_timeout (socket, 10);

  request = g_strdup_printf ("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Authorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n", bearer);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 20 && strstr (head->str, "\r\n\r\n") == NULL; i++)
    {
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      if (n <= 0)
        break;
      g_string_append_len (head, buffer, n);
    }

  return connection;
}

/* Reads until the server ends the stream; FALSE if it did not. */
static gboolean
stream_ends (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  g_autoptr(GString) rest = g_string_new (NULL);
  char buffer[4096];

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n < 0)
        return FALSE;   /* the timeout: still open */
      if (n == 0)
        return TRUE;
      g_string_append_len (rest, buffer, n);
      if (strstr (rest->str, "\r\n0\r\n\r\n") != NULL || g_str_has_prefix (rest->str, "0\r\n\r\n"))
        return TRUE;
    }

  return FALSE;
}

static void
test_event_streams_capped_and_closed (void)
{
  g_autofree char *own = td_test_sign_in (platform, "staff@wave.example");
  g_autoptr(GPtrArray) streams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GSocketConnection) extra = NULL;
  g_autoptr(TdTestResponse) sign_out = NULL;
  g_autoptr(TdTestResponse) other = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_string_truncate (head, 0);
      g_ptr_array_add (streams, open_stream (own, head));
      g_assert_true (g_str_has_prefix (head->str, "HTTP/1.1 200"));
    }

  /* The eleventh stream of one token is refused, with a time to wait. */
  g_string_truncate (head, 0);
  extra = open_stream (own, head);
  g_assert_true (g_str_has_prefix (head->str, "HTTP/1.1 429"));
  g_assert_nonnull (strstr (head->str, "Retry-After:"));
  g_assert_nonnull (strstr (head->str, "application/problem+json"));

  /* Another token is not affected. */
  other = td_test_request (platform, "GET", "/v1/events?after=0&limit=1", staff_token, NULL, NULL);
  g_assert_cmpuint (other->status, ==, 200);

  /* Signing out ends every stream of the token. */
  sign_out = td_test_request (platform, "DELETE", "/v1/sessions/current", own, NULL, NULL);
  g_assert_cmpuint (sign_out->status, ==, 204);
  for (guint i = 0; i < streams->len; i++)
    g_assert_true (stream_ends (g_ptr_array_index (streams, i)));
}

static guint
sign_in_status (const char  *email,
                const char  *password,
                char       **out_retry_after)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}", email, password);
  g_autoptr(TdTestResponse) response = td_test_request (platform, "POST", "/v1/sessions", NULL, body, NULL);

  if (response->status == 429)
    td_test_assert_problem (response, 429, "rate_limited");
  if (out_retry_after != NULL)
    *out_retry_after = g_strdup (soup_message_headers_get_one (response->headers, "Retry-After"));

  return response->status;
}

static void
test_sign_in_throttled (void)
{
  g_autofree char *retry_after = NULL;

  /* Five wrong passwords for one address, then even the right one waits. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sign_in_status ("admin@wave.example", "guess", NULL), ==, 401);
  g_assert_cmpuint (sign_in_status ("Admin@Wave.example", "demo", &retry_after), ==, 429);
  g_assert_nonnull (retry_after);
  g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >, 0);
  g_assert_cmpuint (sign_in_status ("admin@wave.example", "guess", NULL), ==, 429);

  /* Unknown addresses count the same way. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (sign_in_status ("nobody@wave.example", "guess", NULL), ==, 401);
  g_assert_cmpuint (sign_in_status ("nobody@wave.example", "guess", NULL), ==, 429);

  /* Someone else signs in; and the tokens given out earlier still work. */
  g_assert_cmpuint (sign_in_status ("staff@wave.example", "demo", NULL), ==, 201);
  g_assert_cmpuint (sign_in_status ("staff@wave.example", "wrong", NULL), ==, 401);
  g_assert_cmpuint (sign_in_status ("staff@wave.example", "demo", NULL), ==, 201);
  {
    g_autoptr(TdTestResponse) me = td_test_request (platform, "GET", "/v1/me", token, NULL, NULL);

    g_assert_cmpuint (me->status, ==, 200);
  }
}

static void
test_infinite_numbers (void)
{
  static const char *const bodies[] = {
    "{\"phone\": \"+15550100997\", \"fields\": {\"x\": 1e999}}",
    "{\"phone\": \"+15550100997\", \"fields\": {\"x\": -1e999}}",
  };
  gint64 subscribers = td_test_db_int (platform, "SELECT count (*) FROM subscribers");

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TdTestResponse) response = post_json ("/v1/subscribers", bodies[i]);
      JsonArray *errors;

      td_test_assert_problem (response, 422, "validation_failed");
      errors = json_object_get_array_member (td_test_response_object (response), "errors");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"),
                       ==, "/fields/x");
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "code"),
                       ==, "out_of_range");
    }

  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM subscribers"), ==, subscribers);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, NULL);
  token = td_test_sign_in (platform, "admin@wave.example");
  staff_token = td_test_sign_in (platform, "staff@wave.example");
  secret = td_test_secret (platform, "41019");

  g_test_add_func ("/platform/hardening/strings", test_strings_lone_surrogate_and_nul);
  g_test_add_func ("/platform/hardening/infinite-numbers", test_infinite_numbers);
  g_test_add_func ("/platform/hardening/member-never-sees-stream", test_member_never_sees_stream);
  g_test_add_func ("/platform/hardening/automatic-answers-never-blank", test_automatic_answers_never_blank);
  g_test_add_func ("/platform/hardening/status-callback-no-oracle", test_status_callback_no_oracle);
  g_test_add_func ("/platform/hardening/events-cursor", test_events_cursor);
  g_test_add_func ("/platform/hardening/full-width-keywords", test_full_width_keywords);
  g_test_add_func ("/platform/hardening/event-streams", test_event_streams_capped_and_closed);
  g_test_add_func ("/platform/hardening/sign-in-throttled", test_sign_in_throttled);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (token);
  g_free (staff_token);
  g_free (secret);

  return result;
}
