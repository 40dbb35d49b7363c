/* td-stream-test.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-test"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "td-stream-test.h"
#include "td-ui-test-utils.h"

/* One real `textdesk-platform serve --demo` per test program, on a free
 * loopback port, with its database in a fresh folder. */
static GSubprocess *platform;
static char *platform_dir;
static char *platform_db;
static char *platform_url;

static void
drain_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, NULL);
  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_LOW,
                                     NULL, drain_cb, NULL);
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/**
 * td_stream_test_platform_url:
 *
 * Starts the platform the first time.
 *
 * Returns: its base URL, such as "http://127.0.0.1:40123"
 */
const char *
td_stream_test_platform_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  const char *program;

  if (platform_url != NULL)
    return platform_url;

  program = g_getenv ("TEXTDESK_PLATFORM");
  g_assert_nonnull (program);

  platform_dir = g_dir_make_tmp ("td-stream-test-XXXXXX", &error);
  g_assert_no_error (error);
  platform_db = g_build_filename (platform_dir, "platform.db", NULL);

  /* A test that fails aborts: the platform must not outlive it. No
   * simulated traffic: a text from a random sender between a check and an
   * action could change the very conversation under test; the tests send
   * their own texts through the gateway.
   */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  platform = g_subprocess_launcher_spawn (launcher, &error,
                                          program, "serve", "--db", platform_db,
                                          "--listen", "127.0.0.1:0", "--demo",
                                          "--no-traffic", NULL);
  g_assert_no_error (error);

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "listening on "));
  platform_url = g_strdup (line + strlen ("listening on "));
  g_strstrip (platform_url);

  /* Whatever it prints later must not fill the pipe and stall it. */
  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (platform), 4096,
                                   G_PRIORITY_LOW, NULL, drain_cb, NULL);

  return platform_url;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }

  g_rmdir (path);
}

void
td_stream_test_platform_stop (void)
{
  if (platform == NULL)
    return;

  g_subprocess_send_signal (platform, SIGTERM);
  g_subprocess_wait (platform, NULL, NULL);
  g_clear_object (&platform);

  remove_dir (platform_dir);
  g_clear_pointer (&platform_dir, g_free);
  g_clear_pointer (&platform_db, g_free);
  g_clear_pointer (&platform_url, g_free);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * td_stream_test_sign_in_fresh:
 * @email: a demo user; the password is "demo"
 *
 * Returns: (transfer full): a session with its own client and a running
 *   event stream, as the window makes after sign-in
 */
TdSession *
td_stream_test_sign_in_fresh (const char *email)
{
  g_autoptr(TdClient) client = td_client_new (td_stream_test_platform_url ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GError) error = NULL;
  TdSession *session;

  td_client_sign_in_async (client, email, "demo", NULL, store_result_cb, &result);
  me = td_client_sign_in_finish (client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (me);

  session = td_session_new (client, me);
  td_event_stream_start (td_session_get_event_stream (session));

  return session;
}

/**
 * td_stream_test_sign_in:
 * @email: a demo user; the password is "demo"
 *
 * Signing in hashes a password on the platform: the test cases of a
 * program share one session a user, its event stream running.
 *
 * Returns: (transfer full): the program's session of @email
 */
TdSession *
td_stream_test_sign_in (const char *email)
{
  static GHashTable *sessions;
  TdSession *session;
  TdEventStream *events;

  if (sessions == NULL)
    sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  session = g_hash_table_lookup (sessions, email);
  if (session == NULL)
    {
      session = td_stream_test_sign_in_fresh (email);
      g_hash_table_insert (sessions, g_strdup (email), session);
    }

  events = td_session_get_event_stream (session);
  if (!td_event_stream_get_running (events))
    td_event_stream_start (events);

  return g_object_ref (session);
}

/**
 * td_stream_test_call:
 *
 * A call through the real client, waited for: what another user or
 * another desktop would do to the platform meanwhile.
 */
JsonNode *
td_stream_test_call (TdClient    *client,
                     const char  *method,
                     const char  *path,
                     JsonNode    *body,
                     const char  *if_match,
                     char       **out_etag,
                     GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  td_client_call_async (client, method, path, body, if_match, NULL, NULL,
                        store_result_cb, &result);

  return td_client_call_finish (client, wait_for (&result), out_etag, error);
}

/**
 * td_stream_test_get_object:
 *
 * Returns: (transfer full): the object at @path; the test fails otherwise
 */
JsonObject *
td_stream_test_get_object (TdClient    *client,
                           const char  *path,
                           char       **out_etag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = td_stream_test_call (client, "GET", path, NULL, NULL, out_etag, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/**
 * td_stream_test_get_all:
 * @path: a list path with a query ("...?limit=200")
 *
 * Returns: (transfer full): every item of every page
 */
JsonArray *
td_stream_test_get_all (TdClient   *client,
                        const char *path)
{
  JsonArray *all = json_array_new ();
  g_autofree char *next = g_strdup (path);

  while (next != NULL)
    {
      g_autoptr(JsonObject) page = td_stream_test_get_object (client, next, NULL);
      JsonArray *data = json_object_get_array_member (page, "data");
      JsonNode *cursor = json_object_get_member (page, "next_cursor");

      for (guint i = 0; i < json_array_get_length (data); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (data, i)));

      g_clear_pointer (&next, g_free);
      if (cursor != NULL && !JSON_NODE_HOLDS_NULL (cursor))
        {
          g_autofree char *escaped = g_uri_escape_string (json_node_get_string (cursor),
                                                          NULL, FALSE);

          next = g_strdup_printf ("%s&cursor=%s", path, escaped);
        }
    }

  return all;
}

static char *
short_code_secret (const char *short_code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              g_getenv ("TEXTDESK_PLATFORM"), "secret",
                              "--db", platform_db, "--short-code", short_code, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (process));

  return g_strstrip (g_steal_pointer (&out));
}

/**
 * td_stream_test_inbound:
 *
 * Sends a text to @short_code from @from as the gateway would: a Twilio
 * form POST to the platform's webhook, signed with the code's secret.
 */
void
td_stream_test_inbound (const char *short_code,
                        const char *from,
                        const char *body)
{
  static guint counter;
  g_autofree char *secret = short_code_secret (short_code);
  g_autofree char *url = g_strdup_printf ("%s/gateway/twilio/%s",
                                          td_stream_test_platform_url (), short_code);
  g_autofree char *sid = g_strdup_printf ("SMtest%d%u", (int) getpid (), ++counter);
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret, strlen (secret));
  const char *keys[] = { "Body", "From", "MessageSid", "To" };
  const char *values[] = { body, from, sid, short_code };
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *signature = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;

  /* Twilio's rule: the URL, then each parameter's name and value in the
   * order of the names, HMAC-SHA1 with the secret, in base64. */
  g_hmac_update (hmac, (const guchar *) url, -1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (values[i], NULL, FALSE);

      g_hmac_update (hmac, (const guchar *) keys[i], -1);
      g_hmac_update (hmac, (const guchar *) values[i], -1);
      g_string_append_printf (form, "%s%s=%s", i > 0 ? "&" : "", keys[i], escaped);
    }
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature = g_base64_encode (digest, digest_len);

  /* The gateway is another program: a blocking call is what it does. */
  session = soup_session_new ();
  message = soup_message_new ("POST", url);
  soup_message_headers_append (soup_message_get_request_headers (message),
                               "X-Twilio-Signature", signature);
  request = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                            request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
}

/**
 * td_stream_test_window:
 * @child: the widget under test
 *
 * Returns: (transfer none): a presented window holding @child under a
 *   toast overlay, as the main window does
 */
GtkWidget *
td_stream_test_window (GtkWidget *child,
                       int        width,
                       int        height)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (td_ui_test_get_application ()));
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), child);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));

  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  return window;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return td_ui_test_find_label (wait->root, wait->text) != NULL;
}

gboolean
td_stream_test_wait_label (GtkWidget  *root,
                           const char *text,
                           guint       timeout_ms)
{
  LabelWait wait = { root, text };

  return td_ui_test_wait_until (label_shown, &wait, timeout_ms);
}

static GtkWidget *
find_label_containing (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * td_stream_test_find_label_containing:
 *
 * Returns: (transfer none) (nullable): a mapped label under @root whose
 *   text contains @text
 */
GtkWidget *
td_stream_test_find_label_containing (GtkWidget  *root,
                                      const char *text)
{
  return find_label_containing (root, text);
}

/**
 * td_stream_test_find_button:
 *
 * Returns: (transfer none) (nullable): the mapped button under @root
 *   showing @label, as a person reads it
 */
GtkWidget *
td_stream_test_find_button (GtkWidget  *root,
                            const char *label)
{
  GtkWidget *found = td_ui_test_find_label (root, label);

  while (found != NULL && !GTK_IS_BUTTON (found))
    found = gtk_widget_get_parent (found);

  return found;
}

/**
 * td_stream_test_json:
 *
 * Returns: (transfer full): @text parsed; the test fails if it is not JSON
 */
JsonNode *
td_stream_test_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);

  return node;
}
