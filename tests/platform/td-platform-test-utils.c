/* td-platform-test-utils.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-test-utils"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "td-platform-handlers.h"
#include "td-platform-test-utils.h"

/* The server goes when the test goes, even when an assertion aborts it. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static const char *
platform_binary (void)
{
  const char *path = g_getenv ("TEXTDESK_PLATFORM");

  g_assert_nonnull (path);

  return path;
}

/**
 * td_test_platform_start:
 * @demo: whether to seed the demo data (without simulated traffic)
 * @extra_args: (nullable): more options for `serve`
 *
 * Starts `textdesk-platform serve` on 127.0.0.1 port 0 with a fresh
 * database, and reads its address from the first line it prints.
 */
TdTestPlatform *
td_test_platform_start (gboolean            demo,
                        const char * const *extra_args)
{
  TdTestPlatform *platform = g_new0 (TdTestPlatform, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  platform->dir = g_dir_make_tmp ("textdesk-platform-XXXXXX", &error);
  g_assert_no_error (error);
  platform->db_path = g_build_filename (platform->dir, "platform.db", NULL);

  g_ptr_array_add (argv, (gpointer) platform_binary ());
  g_ptr_array_add (argv, (gpointer) "serve");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, platform->db_path);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  if (demo)
    {
      g_ptr_array_add (argv, (gpointer) "--demo");
      g_ptr_array_add (argv, (gpointer) "--no-traffic");
    }
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);

    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
    platform->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                      &error);
  }
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  platform->url = g_strdup (line + strlen ("listening on "));

  platform->session = soup_session_new_with_options ("timeout", 60, NULL);

  return platform;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
td_test_platform_stop (TdTestPlatform *platform)
{
  g_autoptr(GError) error = NULL;

  if (platform == NULL)
    return;

  g_subprocess_send_signal (platform->process, SIGTERM);
  g_subprocess_wait (platform->process, NULL, &error);
  g_assert_no_error (error);
  /* A clean stop, not a crash. */
  g_assert_true (g_subprocess_get_if_exited (platform->process));
  g_assert_cmpint (g_subprocess_get_exit_status (platform->process), ==, 0);

  g_clear_object (&platform->process);
  g_clear_object (&platform->session);
  remove_dir (platform->dir);
  g_free (platform->dir);
  g_free (platform->db_path);
  g_free (platform->url);
  g_free (platform);
}

void
td_test_response_free (TdTestResponse *response)
{
  if (response == NULL)
    return;

  g_clear_pointer (&response->json, json_node_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->body);
  g_free (response);
}

TdTestResponse *
td_test_request_raw (TdTestPlatform     *platform,
                     const char         *method,
                     const char         *path,
                     const char         *token,
                     const char         *content_type,
                     GBytes             *body,
                     const char * const *headers)
{
  g_autofree char *uri = g_strconcat (platform->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  TdTestResponse *response;
  const char *type;

  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }

  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);

  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);

  answer = soup_session_send_and_read (platform->session, msg, NULL, &error);
  g_assert_no_error (error);

  response = g_new0 (TdTestResponse, 1);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  response->body = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (type != NULL && (g_str_equal (type, "application/json") ||
                       g_str_equal (type, "application/problem+json")))
    {
      response->json = json_from_string (response->body, &error);
      g_assert_no_error (error);
    }

  /* Every failure is a problem document with a machine code. */
  if (response->status >= 400)
    {
      JsonObject *problem;

      g_assert_cmpstr (type, ==, "application/problem+json");
      problem = json_node_get_object (response->json);
      g_assert_cmpint (json_object_get_int_member (problem, "status"), ==, response->status);
      g_assert_nonnull (json_object_get_string_member (problem, "code"));
      g_assert_nonnull (json_object_get_string_member (problem, "title"));
      g_assert_nonnull (json_object_get_string_member (problem, "detail"));
      g_assert_nonnull (json_object_get_string_member (problem, "type"));
    }

  /* Never a server error for anything a client can send. */
  g_assert_cmpuint (response->status, <, 500);

  return response;
}

/**
 * td_test_request:
 * @...: header names and values, then %NULL
 */
TdTestResponse *
td_test_request (TdTestPlatform *platform,
                 const char     *method,
                 const char     *path,
                 const char     *token,
                 const char     *json_body,
                 ...)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autoptr(GBytes) body = NULL;
  const char *name;
  va_list args;

  va_start (args, json_body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (headers, (gpointer) name);
      g_ptr_array_add (headers, va_arg (args, char *));
    }
  va_end (args);
  g_ptr_array_add (headers, NULL);

  if (json_body != NULL)
    body = g_bytes_new (json_body, strlen (json_body));

  return td_test_request_raw (platform, method, path, token, "application/json", body,
                              (const char * const *) headers->pdata);
}

JsonObject *
td_test_response_object (TdTestResponse *response)
{
  g_assert_nonnull (response->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (response->json));

  return json_node_get_object (response->json);
}

JsonArray *
td_test_response_data (TdTestResponse *response)
{
  JsonObject *page = td_test_response_object (response);

  g_assert_true (json_object_has_member (page, "next_cursor"));

  return json_object_get_array_member (page, "data");
}

void
td_test_assert_problem (TdTestResponse *response,
                        guint           status,
                        const char     *code)
{
  if (response->status != status)
    g_printerr ("Unexpected answer %u: %s\n", response->status, response->body);
  g_assert_cmpuint (response->status, ==, status);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (response), "code"), ==, code);
}

char *
td_test_sign_in (TdTestPlatform *platform,
                 const char     *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"demo\"}", email);
  g_autoptr(TdTestResponse) response = td_test_request (platform, "POST", "/v1/sessions", NULL, body, NULL);

  g_assert_cmpuint (response->status, ==, 201);

  return g_strdup (json_object_get_string_member (td_test_response_object (response), "token"));
}

char *
td_test_secret (TdTestPlatform *platform,
                const char     *code)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              platform_binary (), "secret", "--db", platform->db_path,
                              "--short-code", code, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return g_strstrip (g_steal_pointer (&out));
}

TdTestResponse *
td_test_send_text (TdTestPlatform *platform,
                   const char     *code,
                   const char     *secret,
                   const char     *sid,
                   const char     *from,
                   const char     *body)
{
  g_autoptr(GHashTable) form = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *path = g_strdup_printf ("/gateway/twilio/%s", code);
  g_autofree char *url = g_strconcat (platform->url, path, NULL);
  g_autofree char *signature = NULL;
  g_autofree char *encoded = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *headers[3] = { "X-Twilio-Signature", NULL, NULL };

  g_hash_table_insert (form, (gpointer) "MessageSid", (gpointer) sid);
  g_hash_table_insert (form, (gpointer) "AccountSid", (gpointer) "ACtest");
  g_hash_table_insert (form, (gpointer) "From", (gpointer) from);
  g_hash_table_insert (form, (gpointer) "To", (gpointer) code);
  g_hash_table_insert (form, (gpointer) "Body", (gpointer) body);

  signature = td_platform_twilio_signature (secret, url, form);
  headers[1] = signature;
  encoded = soup_form_encode_hash (form);
  bytes = g_bytes_new (encoded, strlen (encoded));

  return td_test_request_raw (platform, "POST", path, NULL, "application/x-www-form-urlencoded",
                              bytes, headers);
}

char *
td_test_object_id (JsonObject *object)
{
  return g_strdup (json_object_get_string_member (object, "id"));
}

JsonObject *
td_test_find_by_member (JsonArray  *array,
                        const char *member,
                        const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (json_object_has_member (object, member) &&
          g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        return object;
    }

  return NULL;
}

/**
 * td_test_list_all:
 *
 * Follows next_cursor through every page of @path.
 *
 * Returns: (transfer full) (element-type JsonObject): every item
 */
GPtrArray *
td_test_list_all (TdTestPlatform *platform,
                  const char     *path,
                  const char     *token)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *page_path = NULL;
      g_autoptr(TdTestResponse) response = NULL;
      JsonArray *data;
      JsonNode *next;

      if (cursor != NULL)
        page_path = g_strdup_printf ("%s%slimit=200&cursor=%s", path,
                                     strchr (path, '?') ? "&" : "?", cursor);
      else
        page_path = g_strdup_printf ("%s%slimit=200", path, strchr (path, '?') ? "&" : "?");

      response = td_test_request (platform, "GET", page_path, token, NULL, NULL);
      g_assert_cmpuint (response->status, ==, 200);
      data = td_test_response_data (response);
      for (guint i = 0; i < json_array_get_length (data); i++)
        g_ptr_array_add (items, json_object_ref (json_array_get_object_element (data, i)));

      g_clear_pointer (&cursor, g_free);
      next = json_object_get_member (td_test_response_object (response), "next_cursor");
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);

  return items;
}

char *
td_test_campaign_id (TdTestPlatform *platform,
                     const char     *token,
                     const char     *name)
{
  g_autoptr(GPtrArray) campaigns = td_test_list_all (platform, "/v1/campaigns", token);

  for (guint i = 0; i < campaigns->len; i++)
    {
      JsonObject *campaign = g_ptr_array_index (campaigns, i);

      if (g_str_equal (json_object_get_string_member (campaign, "name"), name))
        return td_test_object_id (campaign);
    }

  g_assert_not_reached ();
}

static gboolean
wake_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

void
td_test_wait_ms (guint ms)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  g_timeout_add (ms, wake_cb, loop);
  g_main_loop_run (loop);
}

/**
 * td_test_db_int:
 *
 * Reads one number from the platform's database, to check its state
 * beside what the API shows (WAL lets a reader in while it runs).
 */
gint64
td_test_db_int (TdTestPlatform *platform,
                const char     *sql_format,
                ...)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;
  va_list args;

  va_start (args, sql_format);
  sql = g_strdup_vprintf (sql_format, args);
  va_end (args);

  g_assert_cmpint (sqlite3_open_v2 (platform->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/**
 * td_test_get:
 *
 * GETs a path that must answer 200 with a JSON object.
 *
 * Returns: (transfer full): the object
 */
JsonObject *
td_test_get (TdTestPlatform *platform,
             const char     *token,
             const char     *path_format,
             ...)
{
  g_autofree char *path = NULL;
  g_autoptr(TdTestResponse) response = NULL;
  va_list args;

  va_start (args, path_format);
  path = g_strdup_vprintf (path_format, args);
  va_end (args);

  response = td_test_request (platform, "GET", path, token, NULL, NULL);
  if (response->status != 200)
    g_printerr ("GET %s: %u %s\n", path, response->status, response->body);
  g_assert_cmpuint (response->status, ==, 200);

  return json_object_ref (td_test_response_object (response));
}
