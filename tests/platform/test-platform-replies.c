/* test-platform-replies.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-replies"

#include <string.h>

#include <sqlite3.h>

#include "td-platform-test-utils.h"

/* Replies with Idempotency-Key, as the app sends them over a network that
 * fails: stored once, replayed on retry, refused when the key is reused
 * for another text or is still running; and the rate limit.
 */
static TdTestPlatform *platform;
static char *wave;
static char *secret;

static char *
conversation_path (const char *phone,
                   const char *first_text)
{
  g_autofree char *sid = g_strdup_printf ("SMreply%s", phone + 2);
  g_autoptr(TdTestResponse) inbound = td_test_send_text (platform, "41019", secret, sid, phone, first_text);
  g_autoptr(JsonObject) page = NULL;
  JsonObject *conversation;

  g_assert_cmpuint (inbound->status, ==, 200);
  page = td_test_get (platform, wave, "/v1/conversations?q=%s", phone + 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page, "data")), ==, 1);
  conversation = json_array_get_object_element (json_object_get_array_member (page, "data"), 0);

  return g_strdup_printf ("/v1/conversations/%s/messages", json_object_get_string_member (conversation, "id"));
}

static guint
count_bodies (const char *path,
              const char *body)
{
  g_autofree char *list_path = g_strdup_printf ("%s?limit=200", path);
  g_autoptr(JsonObject) page = td_test_get (platform, wave, "%s", list_path);
  JsonArray *data = json_object_get_array_member (page, "data");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (data); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (data, i), "body"), body))
      n++;

  return n;
}

static void
test_replay (void)
{
  g_autofree char *path = conversation_path ("+15550108301", "Can I get a shout-out?");
  g_autoptr(TdTestResponse) first = td_test_request (platform, "POST", path, wave, "{\"body\": \"Sure thing!\"}",
                                                     "Idempotency-Key", "replay-key-1", NULL);
  g_autoptr(TdTestResponse) again = td_test_request (platform, "POST", path, wave, "{\"body\": \"Sure thing!\"}",
                                                     "Idempotency-Key", "replay-key-1", NULL);
  g_autoptr(TdTestResponse) other = td_test_request (platform, "POST", path, wave, "{\"body\": \"Something else\"}",
                                                     "Idempotency-Key", "replay-key-1", NULL);
  g_autoptr(TdTestResponse) none = td_test_request (platform, "POST", path, wave, "{\"body\": \"No key\"}", NULL);

  g_assert_cmpuint (first->status, ==, 201);
  g_assert_null (soup_message_headers_get_one (first->headers, "Idempotent-Replayed"));
  g_assert_cmpuint (again->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (again), "id"), ==,
                   json_object_get_string_member (td_test_response_object (first), "id"));

  td_test_assert_problem (other, 422, "idempotency_key_reused");
  td_test_assert_problem (none, 400, "idempotency_key_required");

  g_assert_cmpuint (count_bodies (path, "Sure thing!"), ==, 1);
  g_assert_cmpuint (count_bodies (path, "Something else"), ==, 0);
  g_assert_cmpuint (count_bodies (path, "No key"), ==, 0);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE body = 'Sure thing!'"), ==, 1);
}

static char *
request_hash (const char *path,
              const char *body)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *line = g_strdup_printf ("POST %s\n%s", path, body);

  g_checksum_update (sum, (const guchar *) line, -1);

  return g_strdup (g_checksum_get_string (sum));
}

static void
test_in_flight (void)
{
  g_autofree char *path = conversation_path ("+15550108302", "Hello?");
  const char *body = "{\"body\": \"On it\"}";
  g_autofree char *hash = request_hash (path, body);
  g_autofree char *sql = NULL;
  g_autoptr(TdTestResponse) busy = NULL;
  g_autoptr(JsonObject) me = td_test_get (platform, wave, "/v1/me");
  sqlite3 *db = NULL;

  /* Another server process on the same database holds the key. */
  g_assert_cmpint (sqlite3_open (platform->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = g_strdup_printf ("INSERT INTO idempotency_keys (user_id, key, request_hash, state, created_at) "
                         "VALUES (%s, 'in-flight-key', '%s', 'running', %" G_GINT64_FORMAT ")",
                         json_object_get_string_member (me, "user_id"), hash,
                         g_get_real_time () / 1000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  busy = td_test_request (platform, "POST", path, wave, body, "Idempotency-Key", "in-flight-key", NULL);
  td_test_assert_problem (busy, 409, "idempotency_in_flight");
  g_assert_nonnull (soup_message_headers_get_one (busy->headers, "Retry-After"));
  g_assert_cmpuint (count_bodies (path, "On it"), ==, 0);
}

static void
test_connection_drops_after_commit (void)
{
  g_autofree char *path = conversation_path ("+15550108303", "Is the contest still on?");
  const char *body = "{\"body\": \"Yes, until Friday\"}";
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = g_uri_parse (platform->url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(TdTestResponse) retry = NULL;
  g_autofree char *request = NULL;
  gboolean committed = FALSE;

  connection = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);

  request = g_strdup_printf ("POST %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\n"
                             "Content-Type: application/json\r\nIdempotency-Key: dropped-key\r\n"
                             "Content-Length: %zu\r\n\r\n%s",
                             path, g_uri_get_host (uri), g_uri_get_port (uri), wave, strlen (body), body);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  /* Wait until the server committed the reply, then drop the connection
   * without reading the answer.
   */
  for (guint i = 0; i < 200 && !committed; i++)
    {
      committed = td_test_db_int (platform, "SELECT count (*) FROM texts WHERE body = 'Yes, until Friday'") == 1;
      if (!committed)
        td_test_wait_ms (20);
    }
  g_assert_true (committed);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  /* The client retries with the same key: the stored answer, once. */
  retry = td_test_request (platform, "POST", path, wave, body, "Idempotency-Key", "dropped-key", NULL);
  g_assert_cmpuint (retry->status, ==, 201);
  g_assert_cmpstr (soup_message_headers_get_one (retry->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpuint (count_bodies (path, "Yes, until Friday"), ==, 1);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE body = 'Yes, until Friday'"), ==, 1);
}

static void
test_opted_out_reply_replayed (void)
{
  g_autofree char *path = conversation_path ("+15550108304", "STOP");
  g_autoptr(TdTestResponse) refused = td_test_request (platform, "POST", path, wave, "{\"body\": \"Wait!\"}",
                                                       "Idempotency-Key", "opted-out-key", NULL);
  g_autoptr(TdTestResponse) again = td_test_request (platform, "POST", path, wave, "{\"body\": \"Wait!\"}",
                                                     "Idempotency-Key", "opted-out-key", NULL);

  td_test_assert_problem (refused, 409, "opted_out");
  td_test_assert_problem (again, 409, "opted_out");
  g_assert_cmpuint (count_bodies (path, "Wait!"), ==, 0);
}

static void
test_rate_limit (void)
{
  TdTestPlatform *limited = td_test_platform_start (TRUE, (const char *[]) { "--rate-limit", "10", NULL });
  g_autofree char *one = td_test_sign_in (limited, "admin@wave.example");
  g_autofree char *two = td_test_sign_in (limited, "admin@metro.example");
  g_autoptr(TdTestResponse) other = NULL;
  guint ok = 0;
  guint limited_at = 0;

  for (guint i = 0; i < 30 && limited_at == 0; i++)
    {
      g_autoptr(TdTestResponse) response = td_test_request (limited, "GET", "/v1/me", one, NULL, NULL);

      if (response->status == 200)
        {
          g_assert_nonnull (soup_message_headers_get_one (response->headers, "RateLimit-Remaining"));
          ok++;
        }
      else
        {
          const char *retry_after = soup_message_headers_get_one (response->headers, "Retry-After");

          td_test_assert_problem (response, 429, "rate_limited");
          g_assert_nonnull (retry_after);
          g_assert_cmpint (g_ascii_strtoll (retry_after, NULL, 10), >=, 1);
          g_assert_cmpstr (soup_message_headers_get_one (response->headers, "RateLimit-Remaining"), ==, "0");
          limited_at = i + 1;
        }
    }

  /* Ten a minute, in a burst of ten; the limit is per token. */
  g_assert_cmpuint (ok, >=, 10);
  g_assert_cmpuint (ok, <=, 11);
  g_assert_cmpuint (limited_at, >, 0);

  other = td_test_request (limited, "GET", "/v1/me", two, NULL, NULL);
  g_assert_cmpuint (other->status, ==, 200);

  td_test_platform_stop (limited);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, NULL);
  secret = td_test_secret (platform, "41019");
  wave = td_test_sign_in (platform, "admin@wave.example");

  g_test_add_func ("/platform/replies/replay", test_replay);
  g_test_add_func ("/platform/replies/in-flight", test_in_flight);
  g_test_add_func ("/platform/replies/connection-drops-after-commit", test_connection_drops_after_commit);
  g_test_add_func ("/platform/replies/opted-out-replayed", test_opted_out_reply_replayed);
  g_test_add_func ("/platform/replies/rate-limit", test_rate_limit);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (secret);
  g_free (wave);

  return result;
}
