/* test-client.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-client"

#include <string.h>

#include "td-api-test-utils.h"
#include "td-campaign.h"
#include "td-client.h"
#include "td-conversation.h"
#include "td-list.h"

typedef struct
{
  SoupServer *server;
  char *base_url;
  TdClient *client;
  guint hits;
  GPtrArray *keys;          /* the Idempotency-Key of each request */
  GHashTable *stored;       /* key -> stored answer, as the platform does */
  guint stored_count;
  char *last_authorization;
  char *last_if_match;
  gboolean answered;
  SoupServerMessage *paused;
  guint unpause_source;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = td_test_server_new (&f->base_url);
  f->client = td_client_new (f->base_url);
  /* Short waits: the tests check what is retried, not how long. */
  td_client_set_retry_policy (f->client, 4, 10, 50);
  f->keys = g_ptr_array_new_with_free_func (g_free);
  f->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_handle_id (&f->unpause_source, g_source_remove);
  td_test_finalize_object (f->client);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_ptr_array_unref (f->keys);
  g_hash_table_unref (f->stored);
  g_free (f->base_url);
  g_free (f->last_authorization);
  g_free (f->last_if_match);
}

static void
note_request (Fixture           *f,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  f->hits++;
  g_ptr_array_add (f->keys, g_strdup (soup_message_headers_get_one (headers, "Idempotency-Key")));
  g_free (f->last_authorization);
  f->last_authorization = g_strdup (soup_message_headers_get_one (headers, "Authorization"));
  g_free (f->last_if_match);
  f->last_if_match = g_strdup (soup_message_headers_get_one (headers, "If-Match"));
}

#define MESSAGE_JSON \
  "{\"id\": \"m_1\", \"conversation_id\": \"cv_1\", \"direction\": \"outbound\"," \
  " \"body\": \"Thanks!\", \"status\": \"queued\", \"created_at\": \"2026-12-04T10:00:00.000Z\"}"

#define ME_JSON \
  "{\"user\": {\"id\": \"u_1\", \"email\": \"admin@wave.example\", \"name\": \"Ada\"," \
  " \"role\": \"admin\"}, \"account\": {\"id\": \"a_1\", \"name\": \"Wave 101.9 FM\"}}"

/* A reply: the server stores it, then the first time drops the
 * connection before answering, as a crashing proxy would. */
static void
reply_dropped_handler (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (headers, "Idempotency-Key");

  note_request (f, msg);

  if (key == NULL)
    {
      td_test_reply (msg, 400, "application/problem+json",
                     "{\"title\": \"Idempotency-Key required\", \"status\": 400}");
      return;
    }

  if (!g_hash_table_contains (f->stored, key))
    {
      g_autoptr(GIOStream) stream = NULL;

      g_hash_table_insert (f->stored, g_strdup (key), g_strdup (MESSAGE_JSON));
      f->stored_count++;

      stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Idempotent-Replayed", "true");
  td_test_reply (msg, 201, "application/json", g_hash_table_lookup (f->stored, key));
}

static void
test_reply_dropped_connection (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1/conversations/cv_1/messages",
                           reply_dropped_handler, f, NULL);

  td_client_set_token (f->client, "tok");
  td_client_send_reply_async (f->client, "cv_1", "Thanks!", NULL,
                              td_test_result_cb, &result);
  td_test_wait_result (&result);
  message = td_client_send_reply_finish (f->client, result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_cmpstr (td_message_get_body (message), ==, "Thanks!");
  g_assert_cmpstr (td_message_get_status (message), ==, "queued");

  /* Two requests, one key, one text on the platform. */
  g_assert_cmpuint (f->hits, ==, 2);
  g_assert_cmpuint (f->keys->len, ==, 2);
  g_assert_nonnull (f->keys->pdata[0]);
  g_assert_cmpstr (f->keys->pdata[0], ==, f->keys->pdata[1]);
  g_assert_cmpuint (f->stored_count, ==, 1);
  g_assert_cmpuint (g_hash_table_size (f->stored), ==, 1);
}

static void
test_reply_keys_differ (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(TdMessage) m1 = NULL;
  g_autoptr(TdMessage) m2 = NULL;

  soup_server_add_handler (f->server, "/v1/conversations/cv_1/messages",
                           reply_dropped_handler, f, NULL);

  /* Two replies of the same text are two texts: a key per call. */
  td_client_send_reply_async (f->client, "cv_1", "Thanks!", NULL,
                              td_test_result_cb, &r1);
  td_test_wait_result (&r1);
  td_client_send_reply_async (f->client, "cv_1", "Thanks!", NULL,
                              td_test_result_cb, &r2);
  td_test_wait_result (&r2);
  m1 = td_client_send_reply_finish (f->client, r1, NULL);
  m2 = td_client_send_reply_finish (f->client, r2, NULL);

  g_assert_nonnull (m1);
  g_assert_nonnull (m2);
  g_assert_cmpuint (f->stored_count, ==, 2);
}

/* A reply that meets a busy server, then its own first attempt still
 * running, then gets through. */
static void
reply_busy_handler (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);

  if (f->hits == 1)
    td_test_reply (msg, 503, "application/problem+json",
                   "{\"status\": 503, \"title\": \"Service Unavailable\"}");
  else if (f->hits == 2)
    td_test_reply (msg, 409, "application/problem+json",
                   "{\"status\": 409, \"code\": \"idempotency_in_flight\","
                   " \"title\": \"Conflict\", \"detail\": \"Still running.\"}");
  else
    {
      f->stored_count++;
      td_test_reply (msg, 201, "application/json", MESSAGE_JSON);
    }
}

static void
test_reply_busy_server (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1/conversations/cv_1/messages",
                           reply_busy_handler, f, NULL);

  td_client_send_reply_async (f->client, "cv_1", "Thanks!", NULL,
                              td_test_result_cb, &result);
  td_test_wait_result (&result);
  message = td_client_send_reply_finish (f->client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (message)), ==, "m_1");
  g_assert_cmpuint (f->hits, ==, 3);
  g_assert_cmpstr (f->keys->pdata[0], ==, f->keys->pdata[1]);
  g_assert_cmpstr (f->keys->pdata[1], ==, f->keys->pdata[2]);
  g_assert_cmpuint (f->stored_count, ==, 1);
}

static void
flaky_me_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);

  if (f->hits == 1)
    td_test_reply (msg, 500, "application/problem+json",
                   "{\"title\": \"Internal error\", \"status\": 500}");
  else
    td_test_reply (msg, 200, "application/json", ME_JSON);
}

static void
test_500_then_success (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1/me", flaky_me_handler, f, NULL);

  td_client_set_token (f->client, "secret-token");
  td_client_get_me_async (f->client, NULL, td_test_result_cb, &result);
  td_test_wait_result (&result);
  me = td_client_get_me_finish (f->client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->hits, ==, 2);
  g_assert_cmpstr (td_account_info_get_email (me), ==, "admin@wave.example");
  g_assert_cmpstr (td_account_info_get_account_name (me), ==, "Wave 101.9 FM");
  g_assert_true (td_account_info_is_admin (me));
  g_assert_cmpstr (f->last_authorization, ==, "Bearer secret-token");
}

static void
rate_limited_handler (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);

  if (f->hits == 1 || g_str_equal (path, "/v1/long"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After",
                                    g_str_equal (path, "/v1/long") ? "120" : "1");
      td_test_reply (msg, 429, "application/problem+json",
                     "{\"title\": \"Too Many Requests\", \"status\": 429, \"code\": \"rate_limited\"}");
    }
  else
    td_test_reply (msg, 200, "application/json", ME_JSON);
}

static void
test_429_retry_after (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 start;

  soup_server_add_handler (f->server, "/v1/me", rate_limited_handler, f, NULL);
  soup_server_add_handler (f->server, "/v1/long", rate_limited_handler, f, NULL);

  start = g_get_monotonic_time ();
  td_client_get_me_async (f->client, NULL, td_test_result_cb, &result);
  td_test_wait_result (&result);
  me = td_client_get_me_finish (f->client, result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (f->hits, ==, 2);
  /* It waited the second the server asked for, not its own 10 ms. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);

  /* A wait too long to sit through comes back to the person at once. */
  f->hits = 0;
  td_client_call_async (f->client, "GET", "/v1/long", NULL, NULL, NULL, NULL,
                        td_test_result_cb, &result2);
  td_test_wait_result (&result2);
  node = td_client_call_finish (f->client, result2, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_RATE_LIMITED);
  g_assert_cmpuint (td_api_error_get_retry_after (error), ==, 120);
  g_assert_cmpstr (td_api_error_get_problem_code (error), ==, "rate_limited");
  g_assert_nonnull (strstr (error->message, "120"));
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
bad_answers_handler (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);

  if (g_str_equal (path, "/v1/malformed"))
    td_test_reply (msg, 200, "application/json", "{\"id\": \"c_1\", \"name\": ");
  else if (g_str_equal (path, "/v1/empty"))
    td_test_reply (msg, 200, "application/json", "");
  else if (g_str_equal (path, "/v1/html"))
    td_test_reply (msg, 200, "text/html", "<html><body>Welcome to nginx!</body></html>");
  else if (g_str_equal (path, "/v1/no-content"))
    td_test_reply (msg, 204, NULL, NULL);
  else if (g_str_equal (path, "/v1/redirect"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", "/v1/elsewhere");
      td_test_reply (msg, 302, NULL, NULL);
    }
  else if (g_str_equal (path, "/v1/elsewhere"))
    td_test_reply (msg, 200, "application/json", "{}");
  else if (g_str_equal (path, "/v1/campaigns/broken"))
    td_test_reply (msg, 200, "application/json", "{\"id\": \"c_1\", \"name\": 42}");
  else
    td_test_reply (msg, 404, NULL, NULL);
}

static JsonNode *
call (Fixture     *f,
      const char  *method,
      const char  *path,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_client_call_async (f->client, method, path, NULL, NULL, NULL, NULL,
                        td_test_result_cb, &result);
  td_test_wait_result (&result);

  return td_client_call_finish (f->client, result, NULL, error);
}

static void
test_bad_answers (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdResource) object = NULL;
  GError *error = NULL;
  JsonNode *node;

  soup_server_add_handler (f->server, "/v1", bad_answers_handler, f, NULL);

  node = call (f, "GET", "/v1/malformed", &error);
  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_clear_error (&error);
  /* A broken answer is not retried: it would be broken again. */
  g_assert_cmpuint (f->hits, ==, 1);

  node = call (f, "GET", "/v1/empty", &error);
  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "empty answer"));
  g_clear_error (&error);

  node = call (f, "GET", "/v1/html", &error);
  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "not a Textdesk platform"));
  g_clear_error (&error);

  /* 204: no JSON and no error. */
  node = call (f, "DELETE", "/v1/no-content", &error);
  g_assert_no_error (error);
  g_assert_null (node);

  /* No redirect is followed. */
  f->hits = 0;
  node = call (f, "GET", "/v1/redirect", &error);
  g_assert_null (node);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
  g_clear_error (&error);
  g_assert_cmpuint (f->hits, ==, 1);

  /* A typed call with a member of the wrong type. */
  td_client_get_object_async (f->client, TD_TYPE_CAMPAIGN, "/v1/campaigns/broken",
                              NULL, td_test_result_cb, &result);
  td_test_wait_result (&result);
  object = td_client_get_object_finish (f->client, result, &error);
  g_assert_null (object);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);
}

static void
problem_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);

  if (g_str_equal (path, "/v1/401"))
    td_test_reply (msg, 401, "application/problem+json",
                   "{\"title\": \"Unauthorized\", \"status\": 401}");
  else if (g_str_equal (path, "/v1/403"))
    td_test_reply (msg, 403, "application/problem+json", "{\"status\": 403}");
  else if (g_str_equal (path, "/v1/404"))
    td_test_reply (msg, 404, NULL, NULL);
  else if (g_str_equal (path, "/v1/409"))
    td_test_reply (msg, 409, "application/problem+json",
                   "{\"type\": \"about:blank\", \"title\": \"Conflict\", \"status\": 409,"
                   " \"code\": \"keyword_taken\","
                   " \"detail\": \"The keyword WIN is already used by Summer Contest.\"}");
  else if (g_str_equal (path, "/v1/409-bare"))
    td_test_reply (msg, 409, "application/problem+json",
                   "{\"status\": 409, \"code\": \"opted_out\"}");
  else if (g_str_equal (path, "/v1/412"))
    td_test_reply (msg, 412, "application/problem+json", "{\"status\": 412}");
  else if (g_str_equal (path, "/v1/422"))
    td_test_reply (msg, 422, "application/problem+json",
                   "{\"title\": \"Invalid input\", \"status\": 422, \"code\": \"invalid\","
                   " \"errors\": [{\"field\": \"phone\", \"code\": \"invalid_phone\","
                   " \"message\": \"Not a phone number\"}, 7]}");
  else if (g_str_equal (path, "/v1/503"))
    td_test_reply (msg, 503, "text/html", "<h1>Bad gateway</h1>");
  else if (g_str_equal (path, "/v1/post-500"))
    td_test_reply (msg, 500, NULL, NULL);
  else
    td_test_reply (msg, 404, NULL, NULL);
}

static void
unauthorized_cb (TdClient *client,
                 guint    *count)
{
  (*count)++;
}

static void
test_error_mapping (Fixture       *f,
                    gconstpointer  data)
{
  GError *error = NULL;
  guint unauthorized = 0;
  const char *field;
  const char *code;
  const char *message;

  soup_server_add_handler (f->server, "/v1", problem_handler, f, NULL);
  td_client_set_token (f->client, "tok");
  g_signal_connect (f->client, "unauthorized", G_CALLBACK (unauthorized_cb),
                    &unauthorized);

  g_assert_null (call (f, "GET", "/v1/401", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (td_api_error_get_http_status (error), ==, 401);
  g_assert_cmpuint (unauthorized, ==, 1);
  g_clear_error (&error);

  g_assert_null (call (f, "GET", "/v1/403", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "admin"));
  g_clear_error (&error);

  g_assert_null (call (f, "GET", "/v1/404", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (call (f, "POST", "/v1/409", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_CONFLICT);
  g_assert_cmpstr (td_api_error_get_problem_code (error), ==, "keyword_taken");
  g_assert_cmpstr (error->message, ==,
                   "The keyword WIN is already used by Summer Contest.");
  g_clear_error (&error);

  /* No detail, no title: our own sentence for the code. */
  g_assert_null (call (f, "POST", "/v1/409-bare", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_CONFLICT);
  g_assert_cmpstr (td_api_error_get_problem_code (error), ==, "opted_out");
  g_assert_nonnull (strstr (error->message, "opted out"));
  g_clear_error (&error);

  g_assert_null (call (f, "PATCH", "/v1/412", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_PRECONDITION_FAILED);
  g_assert_nonnull (strstr (error->message, "changed"));
  g_clear_error (&error);

  g_assert_null (call (f, "POST", "/v1/422", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Invalid input");
  g_assert_cmpuint (td_api_error_get_n_field_errors (error), ==, 1);
  g_assert_true (td_api_error_get_field_error (error, 0, &field, &code, &message));
  g_assert_cmpstr (field, ==, "phone");
  g_assert_cmpstr (code, ==, "invalid_phone");
  g_assert_cmpstr (message, ==, "Not a phone number");
  g_assert_cmpstr (td_api_error_get_field_message (error, "phone"), ==,
                   "Not a phone number");
  g_assert_null (td_api_error_get_field_message (error, "name"));
  g_clear_error (&error);

  /* A GET that keeps failing is tried max_attempts times. */
  f->hits = 0;
  g_assert_null (call (f, "GET", "/v1/503", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "503"));
  g_assert_cmpuint (f->hits, ==, 4);
  g_clear_error (&error);

  /* A POST without a key is never repeated. */
  f->hits = 0;
  g_assert_null (call (f, "POST", "/v1/post-500", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_SERVER);
  g_assert_cmpuint (f->hits, ==, 1);
  g_clear_error (&error);

  /* The data of the error survives a copy, as in a GValue. */
  {
    g_autoptr(GError) original = g_error_new_literal (TD_API_ERROR, TD_API_ERROR_CONFLICT, "x");
    g_autoptr(GError) copy = NULL;

    td_api_error_set_problem (original, 409, "keyword_taken", 0);
    td_api_error_add_field_error (original, "keywords", "taken", "Taken");
    copy = g_error_copy (original);
    g_assert_cmpstr (td_api_error_get_problem_code (copy), ==, "keyword_taken");
    g_assert_cmpstr (td_api_error_get_field_message (copy, "keywords"), ==, "Taken");
    g_assert_null (td_api_error_get_problem_code (NULL));
  }
}

static void
slow_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);
  soup_server_message_pause (msg);
  f->paused = msg;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_slow_server_cancel (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  soup_server_add_handler (f->server, "/v1/slow", slow_handler, f, NULL);

  td_client_call_async (f->client, "GET", "/v1/slow", NULL, NULL, NULL,
                        cancellable, td_test_result_cb, &result);
  td_test_wait_count (&f->hits, 1);
  /* The server sits on the request; the person gives up. */
  g_idle_add (cancel_cb, cancellable);
  td_test_wait_result (&result);
  node = td_client_call_finish (f->client, result, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelled while the server still held it, and not retried. */
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
test_cancel_during_backoff (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1", problem_handler, f, NULL);
  /* A long wait between attempts, which the cancellation must cut. */
  td_client_set_retry_policy (f->client, 4, 60 * 1000, 60 * 1000);

  td_client_call_async (f->client, "GET", "/v1/503", NULL, NULL, NULL,
                        cancellable, td_test_result_cb, &result);
  td_test_wait_count (&f->hits, 1);
  td_test_spin (50);
  g_cancellable_cancel (cancellable);
  td_test_wait_result (&result);

  g_assert_null (td_client_call_finish (f->client, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->hits, ==, 1);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1/slow", slow_handler, f, NULL);
  td_client_set_timeout (f->client, 1);
  td_client_set_retry_policy (f->client, 1, 10, 10);

  g_assert_null (call (f, "GET", "/v1/slow", &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_TIMEOUT);
}

static void
test_network_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(TdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago: nothing listens there. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  url = g_strdup_printf ("http://127.0.0.1:%u", port);

  client = td_client_new (url);
  td_client_set_retry_policy (client, 2, 10, 10);
  td_client_get_me_async (client, NULL, td_test_result_cb, &result);
  td_test_wait_result (&result);

  g_assert_null (td_client_get_me_finish (client, result, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

/* A certificate made for this test alone, signed by nobody. */
static const char SELF_SIGNED_PEM[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUB+biblEqua10oEAaOXm2WLU0veowCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNDE2MTgzNVoYDzIxMjYxMTEw\n"
  "MTYxODM1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAATVlTtyU+kOysaYB+cxcccF8TLchw9Qen/gn5KRp+voYGX55mjFNbah\n"
  "sldymIxEqhWTZZdfsbTC1C/y5duS5mbmo2QwYjAdBgNVHQ4EFgQUPiz9mxp19TnO\n"
  "5+u0oTbtQNOqyfwwHwYDVR0jBBgwFoAUPiz9mxp19TnO5+u0oTbtQNOqyfwwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQDLJW/mEd/q51t9ZYjHEnm/duI8rMV0jOxgHsNpwatobgIgDfA2NxQLGwvl9yYJ\n"
  "xmdNoCpcoRrqadAiIbRs9emBgI4=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgascL+UzLQ2sPVYLM\n"
  "s7oV/90bGtr9bukqIYvZztCh+cahRANCAATVlTtyU+kOysaYB+cxcccF8TLchw9Q\n"
  "en/gn5KRp+voYGX55mjFNbahsldymIxEqhWTZZdfsbTC1C/y5duS5mbm\n"
  "-----END PRIVATE KEY-----\n";

static void
tls_handler (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *f = user_data;

  note_request (f, msg);
  td_test_reply (msg, 200, "application/json", ME_JSON);
}

static void
test_tls_untrusted (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(TdClient) client = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GSList *uris;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking)");
      return;
    }

  certificate = g_tls_certificate_new_from_pem (SELF_SIGNED_PEM, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_handler, f, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = td_client_new (url);
  td_client_set_retry_policy (client, 3, 10, 10);
  td_client_get_me_async (client, NULL, td_test_result_cb, &result);
  td_test_wait_result (&result);

  g_assert_null (td_client_get_me_finish (client, result, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "not trusted"));
  /* Nothing reached the server, and an untrusted server is not retried. */
  g_assert_cmpuint (f->hits, ==, 0);
  soup_server_disconnect (server);
}

static void
sessions_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  note_request (f, msg);

  if (g_str_equal (soup_server_message_get_method (msg), "DELETE"))
    {
      td_test_reply (msg, 204, NULL, NULL);
      return;
    }

  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (g_str_equal (json_object_get_string_member (object, "password"), "demo"))
    td_test_reply (msg, 201, "application/json",
                   "{\"token\": \"t0k3n\", \"user\": {\"id\": \"u_2\", \"email\": "
                   "\"staff@wave.example\", \"name\": \"Sam\", \"role\": \"member\"},"
                   " \"account\": {\"id\": \"a_1\", \"name\": \"Wave 101.9 FM\"}}");
  else
    td_test_reply (msg, 401, "application/problem+json",
                   "{\"status\": 401, \"code\": \"bad_credentials\"}");
}

static void
test_sign_in_out (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GError) error = NULL;

  soup_server_add_handler (f->server, "/v1/sessions", sessions_handler, f, NULL);

  td_client_sign_in_async (f->client, "staff@wave.example", "wrong", NULL,
                           td_test_result_cb, &r1);
  td_test_wait_result (&r1);
  g_assert_null (td_client_sign_in_finish (f->client, r1, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_null (td_client_get_token (f->client));
  g_clear_error (&error);

  td_client_sign_in_async (f->client, "staff@wave.example", "demo", NULL,
                           td_test_result_cb, &r2);
  td_test_wait_result (&r2);
  me = td_client_sign_in_finish (f->client, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_client_get_token (f->client), ==, "t0k3n");
  g_assert_cmpstr (td_account_info_get_name (me), ==, "Sam");
  g_assert_cmpstr (td_account_info_get_user_id (me), ==, "u_2");
  g_assert_cmpstr (td_account_info_get_account_id (me), ==, "a_1");
  g_assert_false (td_account_info_is_admin (me));

  td_client_sign_out_async (f->client, NULL, td_test_result_cb, &r3);
  td_test_wait_result (&r3);
  g_assert_true (td_client_sign_out_finish (f->client, r3, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_authorization, ==, "Bearer t0k3n");
  g_assert_null (td_client_get_token (f->client));
}

static void
campaign_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);

  note_request (f, msg);

  if (g_str_equal (method, "GET"))
    {
      soup_message_headers_replace (headers, "ETag", "\"v1\"");
      td_test_reply (msg, 200, "application/json",
                     "{\"id\": \"c_1\", \"name\": \"Summer\", \"status\": \"active\","
                     " \"keywords\": [\"SUN\", \"BEACH\"], \"unread_count\": 3,"
                     " \"ends_at\": \"2026-12-31T23:59:59.000Z\", \"extra\": true}");
    }
  else if (f->last_if_match != NULL && g_str_equal (f->last_if_match, "\"v1\""))
    {
      soup_message_headers_replace (headers, "ETag", "\"v2\"");
      td_test_reply (msg, 200, "application/json",
                     "{\"id\": \"c_1\", \"name\": \"Summer\", \"status\": \"paused\","
                     " \"keywords\": [\"SUN\", \"BEACH\"], \"unread_count\": 3}");
    }
  else
    td_test_reply (msg, 412, "application/problem+json", "{\"status\": 412}");
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static void
test_get_and_patch (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(TdResource) object = NULL;
  g_autoptr(TdResource) patched = NULL;
  g_autoptr(TdResource) refused = NULL;
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  TdCampaign *campaign;

  soup_server_add_handler (f->server, "/v1/campaigns", campaign_handler, f, NULL);

  td_client_get_object_async (f->client, TD_TYPE_CAMPAIGN, "/v1/campaigns/c_1",
                              NULL, td_test_result_cb, &r1);
  td_test_wait_result (&r1);
  object = td_client_get_object_finish (f->client, r1, &error);
  g_assert_no_error (error);
  campaign = TD_CAMPAIGN (object);
  g_assert_cmpstr (td_resource_get_etag (object), ==, "\"v1\"");
  g_assert_cmpstr (td_resource_get_path (object), ==, "/v1/campaigns/c_1");
  g_assert_cmpstr (td_campaign_get_name (campaign), ==, "Summer");
  g_assert_cmpstr (td_campaign_get_keywords (campaign)[1], ==, "BEACH");
  g_assert_cmpint (td_campaign_get_unread_count (campaign), ==, 3);
  g_assert_cmpint (g_date_time_get_year (td_campaign_get_ends_at (campaign)), ==, 2026);
  g_assert_true (json_object_get_boolean_member (td_resource_get_json (object), "extra"));
  g_object_get (object, "status", &status, NULL);
  g_assert_cmpstr (status, ==, "active");

  g_signal_connect (object, "notify", G_CALLBACK (count_notify_cb), names);
  json_object_set_string_member (changes, "status", "paused");
  td_client_patch_object_async (f->client, object, changes, NULL,
                                td_test_result_cb, &r2);
  td_test_wait_result (&r2);
  patched = td_client_patch_object_finish (f->client, r2, &error);
  g_assert_no_error (error);
  g_assert_true (patched == object);
  g_assert_cmpstr (f->last_if_match, ==, "\"v1\"");
  g_assert_cmpstr (td_campaign_get_status (campaign), ==, "paused");
  g_assert_cmpstr (td_resource_get_etag (object), ==, "\"v2\"");
  /* Only what changed is notified. */
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (names->pdata[0], ==, "status");
  g_assert_cmpstr (names->pdata[1], ==, "etag");

  /* Someone else changed it: the server says so, nothing changes here. */
  td_resource_set_etag (object, "\"v0\"");
  td_client_patch_object_async (f->client, object, changes, NULL,
                                td_test_result_cb, &r3);
  td_test_wait_result (&r3);
  refused = td_client_patch_object_finish (f->client, r3, &error);
  g_assert_null (refused);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_PRECONDITION_FAILED);
}

static void
lists_handler (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);

  note_request (f, msg);

  if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/lists"))
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autoptr(JsonNode) node = json_from_string (body->data, NULL);
      const char *name = json_object_get_string_member (json_node_get_object (node), "name");
      g_autofree char *answer = g_strdup_printf ("{\"id\": \"l_9\", \"name\": \"%s\","
                                                 " \"description\": null, \"subscriber_count\": 0}",
                                                 name);

      td_test_reply (msg, 201, "application/json", answer);
    }
  else if (g_str_equal (method, "POST") && g_str_equal (path, "/v1/lists/l_9/members"))
    td_test_reply (msg, 200, "application/json",
                   "{\"added\": 2, \"already_member\": 1, \"failed\": [\"s_404\"]}");
  else if (g_str_equal (method, "DELETE") && g_str_equal (path, "/v1/lists/l_9"))
    td_test_reply (msg, f->hits > 3 ? 404 : 204, "application/problem+json",
                   f->hits > 3 ? "{\"status\": 404, \"code\": \"not_found\"}" : NULL);
  else
    td_test_reply (msg, 405, NULL, NULL);
}

static void
test_create_members_delete (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(TdResource) list = NULL;
  g_autoptr(TdMembersResult) members = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "s_1", "s_2", "s_3", "s_404", NULL };

  soup_server_add_handler (f->server, "/v1/lists", lists_handler, f, NULL);

  json_object_set_string_member (object, "name", "VIP");
  td_client_create_object_async (f->client, TD_TYPE_LIST, "/v1/lists", object, NULL,
                                 td_test_result_cb, &r1);
  td_test_wait_result (&r1);
  list = td_client_create_object_finish (f->client, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_list_get_name (TD_LIST (list)), ==, "VIP");
  g_assert_cmpstr (td_resource_get_path (list), ==, "/v1/lists/l_9");
  g_assert_nonnull (f->keys->pdata[0]);

  td_client_list_members_change_async (f->client, "l_9", ids, FALSE, NULL,
                                       td_test_result_cb, &r2);
  td_test_wait_result (&r2);
  members = td_client_list_members_change_finish (f->client, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->added, ==, 2);
  g_assert_cmpuint (members->already_member, ==, 1);
  g_assert_cmpuint (members->failed->len, ==, 1);
  g_assert_cmpstr (members->failed->pdata[0], ==, "s_404");

  td_client_delete_object_async (f->client, list, NULL, td_test_result_cb, &r3);
  td_test_wait_result (&r3);
  g_assert_true (td_client_delete_object_finish (f->client, r3, &error));
  g_assert_no_error (error);

  /* Deleting what is gone is done, not an error. */
  td_client_delete_object_async (f->client, list, NULL, td_test_result_cb, &r4);
  td_test_wait_result (&r4);
  g_assert_true (td_client_delete_object_finish (f->client, r4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->hits, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/client/reply/dropped-connection", test_reply_dropped_connection);
  ADD ("/client/reply/key-per-call", test_reply_keys_differ);
  ADD ("/client/reply/busy-server", test_reply_busy_server);
  ADD ("/client/retry/500-then-success", test_500_then_success);
  ADD ("/client/retry/429-retry-after", test_429_retry_after);
  ADD ("/client/bad-answers", test_bad_answers);
  ADD ("/client/error-mapping", test_error_mapping);
  ADD ("/client/cancel/slow-server", test_slow_server_cancel);
  ADD ("/client/cancel/during-backoff", test_cancel_during_backoff);
  ADD ("/client/timeout", test_timeout);
  ADD ("/client/network-down", test_network_down);
  ADD ("/client/tls-untrusted", test_tls_untrusted);
  ADD ("/client/sign-in-out", test_sign_in_out);
  ADD ("/client/get-and-patch", test_get_and_patch);
  ADD ("/client/create-members-delete", test_create_members_delete);

  return g_test_run ();
}
