/* test-sign-in.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sign-in"

#include "config.h"

#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "td-api-error.h"
#include "td-application.h"
#include "td-campaign.h"
#include "td-campaigns-page.h"
#include "td-client.h"
#include "td-demo-platform.h"
#include "td-preferences-window.h"
#include "td-secret-store.h"
#include "td-sign-in-page.h"
#include "td-ui-test-utils.h"
#include "td-window.h"

/*
 * Signing in as a person does, against the real textdesk-platform (started
 * with --demo, as "Try the Demo" starts it). The program runs twice: in a
 * session with an unlocked gnome-keyring, and with --no-keyring in one
 * whose bus has no Secret Service (TD_HEADLESS_KEYRING=0).
 */

#define WAIT_MS 20000

static char *base_url;

static gboolean
have_keyring (void)
{
  return g_strcmp0 (g_getenv ("TD_HEADLESS_KEYRING"), "1") == 0;
}

static void
platform_started_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  const char *url;

  url = td_demo_platform_start_finish (TD_DEMO_PLATFORM (source), result, &error);
  g_assert_no_error (error);
  base_url = g_strdup (url);
}

static gboolean
have_base_url (gpointer data)
{
  return base_url != NULL;
}

static const char *
get_platform (void)
{
  TdApplication *app = td_ui_test_get_application ();

  if (base_url == NULL)
    {
      td_demo_platform_start_async (td_application_get_demo_platform (app), NULL,
                                    platform_started_cb, NULL);
      g_assert_true (td_ui_test_wait_until (have_base_url, NULL, WAIT_MS));
    }

  return base_url;
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_reset (settings, "server-url");
  g_settings_reset (settings, "account-email");
  g_settings_reset (settings, "demo");
  /* The demo platform sends texts of its own; notifications are the
   * business of test-campaigns, which has a notification server. */
  g_settings_set_boolean (settings, "notify-new-texts", FALSE);
}

static TdWindow *
open_window (void)
{
  TdWindow *window = td_window_new (td_ui_test_get_application ());

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  td_ui_test_iterate (100);

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

static void
assert_label_shown (GtkWidget  *root,
                    const char *text)
{
  LabelWait wait = { root, text };

  if (!td_ui_test_wait_until (label_shown, &wait, WAIT_MS))
    g_error ("No label “%s” appeared", text);
}

static gboolean
has_session (gpointer data)
{
  return td_window_get_session (TD_WINDOW (data)) != NULL;
}

static gboolean
has_no_session (gpointer data)
{
  return td_window_get_session (TD_WINDOW (data)) == NULL;
}

static TdSignInPage *
get_sign_in_page (TdWindow *window)
{
  return TD_SIGN_IN_PAGE (td_ui_test_find_by_type (GTK_WIDGET (window),
                                                    TD_TYPE_SIGN_IN_PAGE));
}

static void
type_sign_in (TdWindow   *window,
              const char *server,
              const char *email,
              const char *password)
{
  GtkWidget *page = GTK_WIDGET (get_sign_in_page (window));
  GtkWidget *password_row = td_ui_test_find_by_type (page, ADW_TYPE_PASSWORD_ENTRY_ROW);
  GtkWidget *button;

  td_sign_in_page_set_server (TD_SIGN_IN_PAGE (page), server);
  td_sign_in_page_set_email (TD_SIGN_IN_PAGE (page), email);
  gtk_editable_set_text (GTK_EDITABLE (password_row), password);

  /* Click the button a person would click. */
  button = gtk_widget_get_ancestor (td_ui_test_find_label (page, "Sign In"), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Keyring helpers, blocking: only a test may. */

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
lookup_token_or_error (const char  *server,
                       const char  *email,
                       GError     **error)
{
  g_autoptr(TdSecretStore) secrets = td_secret_store_new ();
  g_autoptr(GAsyncResult) result = NULL;

  td_secret_store_lookup_async (secrets, server, email, NULL, result_cb, &result);
  return td_secret_store_lookup_finish (secrets, wait_for_result (&result), error);
}

/* The keyring is written and cleared in the background: wait until it
 * holds @expected (%NULL: nothing), and return what it holds then. */
static char *
wait_for_token (const char *server,
                const char *email,
                const char *expected)
{
  gint64 end = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  g_autoptr(GError) error = NULL;
  char *token = lookup_token_or_error (server, email, &error);

  /* While the app writes the item, a look-up may fail: look again. */
  while ((error != NULL || g_strcmp0 (token, expected) != 0) &&
         g_get_monotonic_time () < end)
    {
      g_clear_error (&error);
      g_free (token);
      td_ui_test_iterate (100);
      token = lookup_token_or_error (server, email, &error);
    }
  g_assert_no_error (error);

  return token;
}

static GError *
get_me_error (const char *token)
{
  g_autoptr(TdClient) client = td_client_new (get_platform ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  GError *error = NULL;

  td_client_set_token (client, token);
  td_client_get_me_async (client, NULL, result_cb, &result);
  me = td_client_get_me_finish (client, wait_for_result (&result), &error);

  return error;
}

/* Each test program keeps its own demo database, so that programs that
 * run side by side never share one. Before GLib reads the variable. */
static void
use_own_data_dir (const char *program)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");
  g_autofree char *dir = NULL;

  if (data_home != NULL)
    dir = g_build_filename (data_home, program, NULL);
  else
    dir = g_dir_make_tmp ("textdesk-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

static gboolean
transitions_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (transitions_running (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
transitions_done (gpointer data)
{
  return !transitions_running (GTK_WIDGET (data));
}

/* A screenshot of what a person sees once the page has stopped moving. */
static char *
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_assert_true (td_ui_test_wait_until (transitions_done, widget, WAIT_MS));
  return td_ui_test_save_screenshot (widget, name);
}

/* Tests */

static void
test_wrong_password (void)
{
  g_autofree char *shot = NULL;
  TdWindow *window;

  if (!have_keyring ())
    {
      /* Nothing here depends on the keyring: it runs once, in the
       * session that has one. */
      g_test_skip ("runs in the session with a keyring");
      return;
    }

  reset_settings ();
  window = open_window ();
  type_sign_in (window, get_platform (), "admin@wave.example", "not-the-password");

  assert_label_shown (GTK_WIDGET (window),
                      "The email or password is wrong. Check them and try again.");
  g_assert_null (td_window_get_session (window));
  g_assert_false (td_sign_in_page_get_busy (get_sign_in_page (window)));

  shot = save_screenshot (GTK_WIDGET (window), "sign-in-wrong-password");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_server_not_reachable (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *server = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  TdWindow *window;
  guint16 port;

  if (!have_keyring ())
    {
      /* Nothing here depends on the keyring: it runs once, in the
       * session that has one. */
      g_test_skip ("runs in the session with a keyring");
      return;
    }

  /* A loopback port that was free a moment ago and is closed again. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  server = g_strdup_printf ("http://127.0.0.1:%u", port);

  reset_settings ();
  window = open_window ();
  type_sign_in (window, server, "admin@wave.example", "demo");

  expected = g_strdup_printf ("Textdesk could not reach %s. Check the address "
                              "and your internet connection.", server);
  assert_label_shown (GTK_WIDGET (window), expected);

  shot = save_screenshot (GTK_WIDGET (window), "sign-in-not-reachable");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
not_a_platform_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  static const char page[] = "<html><body><h1>It works!</h1></body></html>";

  soup_server_message_set_status (msg, 404, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                    page, sizeof page - 1);
}

static void
test_not_a_platform (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *shot = NULL;
  GSList *uris;
  TdWindow *window;

  if (!have_keyring ())
    {
      /* Nothing here depends on the keyring: it runs once, in the
       * session that has one. */
      g_test_skip ("runs in the session with a keyring");
      return;
    }

  /* An ordinary web server where the platform should be: the one fault
   * the real platform cannot make. */
  soup_server_add_handler (server, NULL, not_a_platform_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%u", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  reset_settings ();
  window = open_window ();
  type_sign_in (window, url, "admin@wave.example", "demo");

  expected = g_strdup_printf ("%s does not look like a Textdesk platform. "
                              "Check the address.", url);
  assert_label_shown (GTK_WIDGET (window), expected);

  shot = save_screenshot (GTK_WIDGET (window), "sign-in-not-a-platform");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_address (void)
{
  TdWindow *window;

  if (!have_keyring ())
    {
      /* Nothing here depends on the keyring: it runs once, in the
       * session that has one. */
      g_test_skip ("runs in the session with a keyring");
      return;
    }

  reset_settings ();
  window = open_window ();
  /* Refused before anything goes on the network. */
  type_sign_in (window, "textdesk example", "admin@wave.example", "demo");
  assert_label_shown (GTK_WIDGET (window),
                      "“textdesk example” is not a server address. Enter one "
                      "such as textdesk.example.com.");
  g_assert_false (td_sign_in_page_get_busy (get_sign_in_page (window)));

  type_sign_in (window, "ftp://127.0.0.1", "admin@wave.example", "demo");
  assert_label_shown (GTK_WIDGET (window),
                      "“ftp://127.0.0.1” is not a server address. Enter one "
                      "such as textdesk.example.com.");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_in_keeps_sign_in (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shot = NULL;
  g_autofree char *server = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) revoked = NULL;
  TdWindow *window;
  TdSession *session;

  reset_settings ();
  window = open_window ();
  type_sign_in (window, get_platform (), "admin@wave.example", "demo");
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));

  /* The views, with the admin's Conversation Stream. */
  assert_label_shown (GTK_WIDGET (window), "Campaigns");
  assert_label_shown (GTK_WIDGET (window), "Conversation Stream");
  assert_label_shown (GTK_WIDGET (window), "Lists");

  session = td_window_get_session (window);
  server = g_settings_get_string (settings, "server-url");
  g_assert_cmpstr (server, ==, get_platform ());
  {
    g_autofree char *email = g_settings_get_string (settings, "account-email");

    g_assert_cmpstr (email, ==, "admin@wave.example");
  }

  if (have_keyring ())
    {
      /* The token went to the keyring, and only there. */
      token = wait_for_token (server, "admin@wave.example",
                              td_client_get_token (td_session_get_client (session)));
      g_assert_cmpstr (token, ==, td_client_get_token (td_session_get_client (session)));
      g_assert_null (td_ui_test_find_label (GTK_WIDGET (window),
                                            "Textdesk could not remember your sign-in: no "
                                            "keyring is available on this computer. You are "
                                            "signed in until you quit."));
    }
  else
    {
      /* No Secret Service: signed in for the session, and told so. */
      token = g_strdup (td_client_get_token (td_session_get_client (session)));
      assert_label_shown (GTK_WIDGET (window),
                          "Textdesk could not remember your sign-in: no keyring is "
                          "available on this computer. You are signed in until you quit.");
    }
  shot = save_screenshot (GTK_WIDGET (window),
                                     have_keyring () ? "sign-in-signed-in"
                                                     : "sign-in-no-keyring");

  /* Preferences show where and as whom. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    GtkWidget *preferences = NULL;
    g_autofree char *shot_prefs = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (TD_IS_PREFERENCES_WINDOW (l->data))
        preferences = l->data;
    g_assert_nonnull (preferences);
    assert_label_shown (preferences, server);
    assert_label_shown (preferences, "Wave 101.9 FM · Admin");
    shot_prefs = save_screenshot (preferences, "sign-in-preferences");
    gtk_window_destroy (GTK_WINDOW (preferences));
  }

  /* Sign Out revokes the token, forgets it and shows the sign-in page
   * with the account filled in. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_true (td_ui_test_wait_until (has_no_session, window, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window), "Sign In to Textdesk");
  g_assert_cmpstr (td_sign_in_page_get_email (get_sign_in_page (window)), ==,
                   "admin@wave.example");

  revoked = get_me_error (token);
  g_assert_error (revoked, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED);

  if (have_keyring ())
    {
      g_autofree char *left = NULL;

      left = wait_for_token (server, "admin@wave.example", NULL);
      g_assert_null (left);
    }

  g_clear_pointer (&shot, g_free);
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-signed-out");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
label_gone (gpointer data)
{
  LabelWait *wait = data;

  return td_ui_test_find_label (wait->root, wait->text) == NULL;
}

static void
test_demo_start_up (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shot = NULL;
  LabelWait signing_out;
  TdWindow *window;

  /* As `textdesk --demo` does: present, then start, before any frame. */
  reset_settings ();
  window = td_window_new (td_ui_test_get_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  td_window_start (window, TRUE);

  /* From the first frame it says what it is doing, with no empty form. */
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Starting the demo…"));
  g_assert_null (td_ui_test_find_label (GTK_WIDGET (window), "Sign In to Textdesk"));
  g_assert_nonnull (td_ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_SPINNER));
  td_ui_test_iterate (200);
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Starting the demo…"));
  g_assert_null (td_ui_test_find_label (GTK_WIDGET (window), "Sign In to Textdesk"));
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-demo-starting");

  /* Then straight to the views, never through the sign-in form. */
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window), "Conversation Stream");
  g_assert_true (g_settings_get_boolean (settings, "demo"));

  /* Sign Out says it is signing out until it has (the demo platform on
   * this computer may answer before the label is even looked at). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  if (td_window_get_session (window) != NULL)
    g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Signing Out…"));
  g_assert_true (td_ui_test_wait_until (has_no_session, window, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window), "Sign In to Textdesk");
  signing_out = (LabelWait) { GTK_WIDGET (window), "Signing Out…" };
  g_assert_true (td_ui_test_wait_until (label_gone, &signing_out, WAIT_MS));
  g_assert_false (g_settings_get_boolean (settings, "demo"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_start_up_from_keyring (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shot = NULL;
  TdAccountInfo *me;
  TdWindow *window;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }

  /* Sign in once, then close the window as a person quitting would. */
  reset_settings ();
  window = open_window ();
  type_sign_in (window, get_platform (), "staff@wave.example", "demo");
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  if (have_keyring ())
    {
      const char *kept = td_client_get_token (td_session_get_client (td_window_get_session (window)));
      g_autofree char *stored = wait_for_token (get_platform (), "staff@wave.example", kept);

      g_assert_cmpstr (stored, ==, kept);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next start signs in from the keyring, without a password. */
  window = open_window ();
  td_window_start (window, FALSE);
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  me = td_session_get_account_info (td_window_get_session (window));
  g_assert_cmpstr (td_account_info_get_email (me), ==, "staff@wave.example");

  /* A member sees no Conversation Stream. */
  assert_label_shown (GTK_WIDGET (window), "Campaigns");
  assert_label_shown (GTK_WIDGET (window), "Lists");
  g_assert_null (td_ui_test_find_label (GTK_WIDGET (window), "Conversation Stream"));
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-from-keyring-member");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_true (td_ui_test_wait_until (has_no_session, window, WAIT_MS));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_start_up_without_keyring (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *shot = NULL;
  TdWindow *window;

  if (have_keyring ())
    {
      g_test_skip ("runs under build-aux/headless-session --no-keyring");
      return;
    }

  /* A sign-in was remembered on a desktop that had a keyring; now it has
   * none. The account stays filled in and the page says why. */
  reset_settings ();
  g_settings_set_string (settings, "server-url", get_platform ());
  g_settings_set_string (settings, "account-email", "admin@wave.example");

  window = open_window ();
  td_window_start (window, FALSE);
  assert_label_shown (GTK_WIDGET (window),
                      "No keyring is available on this computer, so Textdesk could "
                      "not remember your sign-in. Enter your password to sign in.");
  g_assert_cmpstr (td_sign_in_page_get_email (get_sign_in_page (window)), ==,
                   "admin@wave.example");
  g_assert_cmpstr (td_sign_in_page_get_server (get_sign_in_page (window)), ==,
                   get_platform ());
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-start-up-no-keyring");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
model_has_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

static void
test_revoked_token_signs_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  TdWindow *window;
  TdSession *session;
  GtkWidget *page;
  GListModel *model;

  if (!have_keyring ())
    {
      /* Nothing here depends on the keyring: it runs once, in the
       * session that has one. */
      g_test_skip ("runs in the session with a keyring");
      return;
    }

  reset_settings ();
  window = open_window ();
  type_sign_in (window, get_platform (), "admin@wave.example", "demo");
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  session = td_window_get_session (window);

  page = td_ui_test_find_by_type (GTK_WIDGET (window), TD_TYPE_CAMPAIGNS_PAGE);
  model = td_campaigns_page_get_model (TD_CAMPAIGNS_PAGE (page));
  g_assert_true (td_ui_test_wait_until (model_has_items, model, WAIT_MS));
  campaign = g_list_model_get_item (model, 0);

  /* Someone revokes the token elsewhere; the next call gets 401. */
  {
    g_autoptr(TdClient) other = td_client_new (get_platform ());
    g_autoptr(GAsyncResult) result = NULL;

    td_client_set_token (other, td_client_get_token (td_session_get_client (session)));
    td_client_sign_out_async (other, NULL, result_cb, &result);
    g_assert_true (td_client_sign_out_finish (other, wait_for_result (&result), &error));
    g_assert_no_error (error);
  }

  /* The next thing the person does meets the 401: here, pausing a
   * campaign from its row menu. */
  gtk_widget_activate_action (page, "campaigns.pause", "s",
                              td_resource_get_id (TD_RESOURCE (campaign)));

  g_assert_true (td_ui_test_wait_until (has_no_session, window, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window),
                      "You were signed out because your sign-in is no longer valid. "
                      "Sign in again to continue.");
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-revoked");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
lock_default_collection (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects;

  /* A test may block; the app never does. */
  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, NULL, &error), ==, 1);
  g_list_free (objects);
  g_assert_no_error (error);
}

static gboolean
press_escape_cb (gpointer user_data)
{
  g_autoptr(GSubprocess) key = NULL;

  /* Pressed until the prompt has gone: the window may show a moment
   * before it takes the keyboard. */
  key = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, NULL, "xdotool", "key", "Escape", NULL);
  if (key != NULL)
    g_subprocess_wait (key, NULL, NULL);

  return G_SOURCE_CONTINUE;
}

static void
prompt_shown_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  guint *escape_id = user_data;

  if (g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, NULL))
    *escape_id = g_timeout_add (300, press_escape_cb, NULL);
}

static void
test_start_up_keyring_locked (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autoptr(GSubprocess) search = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  static guint escape_id;
  TdWindow *window;

  if (!have_keyring ())
    {
      g_test_skip ("needs the gnome-keyring of build-aux/headless-session");
      return;
    }
  if (xdotool == NULL)
    {
      g_test_skip ("needs xdotool to dismiss the keyring's prompt");
      return;
    }

  /* Signed in once, the sign-in kept in the keyring. */
  reset_settings ();
  window = open_window ();
  type_sign_in (window, get_platform (), "admin@wave.example", "demo");
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  if (have_keyring ())
    {
      const char *kept = td_client_get_token (td_session_get_client (td_window_get_session (window)));
      g_autofree char *stored = wait_for_token (get_platform (), "admin@wave.example", kept);

      g_assert_cmpstr (stored, ==, kept);
    }
  gtk_window_destroy (GTK_WINDOW (window));

  /* At the next start the keyring is locked, and the person dismisses
   * its prompt: the account stays filled in, and the page says why. */
  lock_default_collection ();
  search = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "xdotool", "search", "--sync", "--name", "Unlock", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (search, NULL, prompt_shown_cb, &escape_id);

  window = open_window ();
  td_window_start (window, FALSE);
  assert_label_shown (GTK_WIDGET (window),
                      "Your keyring is locked, so Textdesk could not sign you in by "
                      "itself. Enter your password to sign in.");
  g_clear_handle_id (&escape_id, g_source_remove);
  g_subprocess_force_exit (search);

  g_assert_null (td_window_get_session (window));
  g_assert_cmpstr (td_sign_in_page_get_email (get_sign_in_page (window)), ==,
                   "admin@wave.example");
  g_assert_cmpstr (td_sign_in_page_get_server (get_sign_in_page (window)), ==,
                   get_platform ());
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-keyring-locked");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sign_out_platform_gone (void)
{
  TdDemoPlatform *platform = td_application_get_demo_platform (td_ui_test_get_application ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *shot = NULL;
  TdWindow *window;

  /* Signed in to the demo, whose platform then goes away. */
  reset_settings ();
  window = open_window ();
  td_window_start (window, TRUE);
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  td_demo_platform_stop_async (platform, NULL, result_cb, &result);
  g_assert_true (td_demo_platform_stop_finish (platform, wait_for_result (&result), NULL));
  g_clear_pointer (&base_url, g_free);

  /* Sign Out still signs out here, and says the platform was not told. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  assert_label_shown (GTK_WIDGET (window), "Signing Out…");
  g_assert_true (td_ui_test_wait_until (has_no_session, window, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window), "Sign In to Textdesk");
  assert_label_shown (GTK_WIDGET (window),
                      "Signed out on this computer, but the platform could not be "
                      "reached to end the sign-in there");
  shot = save_screenshot (GTK_WIDGET (window), "sign-in-signed-out-platform-gone");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  use_own_data_dir ("test-sign-in");
  td_ui_test_init (&argc, &argv);

  /* First: it starts the demo platform as `textdesk --demo` does. */
  g_test_add_func ("/sign-in/demo-start-up", test_demo_start_up);
  g_test_add_func ("/sign-in/wrong-password", test_wrong_password);
  g_test_add_func ("/sign-in/server-not-reachable", test_server_not_reachable);
  g_test_add_func ("/sign-in/not-a-platform", test_not_a_platform);
  g_test_add_func ("/sign-in/bad-address", test_bad_address);
  g_test_add_func ("/sign-in/keeps-sign-in", test_sign_in_keeps_sign_in);
  g_test_add_func ("/sign-in/start-up-from-keyring", test_start_up_from_keyring);
  g_test_add_func ("/sign-in/start-up-without-keyring", test_start_up_without_keyring);
  g_test_add_func ("/sign-in/revoked-token-signs-out", test_revoked_token_signs_out);
  /* Last: it leaves the keyring locked. */
  g_test_add_func ("/sign-in/start-up-keyring-locked", test_start_up_keyring_locked);
  /* After all that need the platform: it stops it. */
  g_test_add_func ("/sign-in/sign-out-platform-gone", test_sign_out_platform_gone);

  status = g_test_run ();

  /* Stop the platform as the app does when it quits. */
  {
    TdDemoPlatform *platform = td_application_get_demo_platform (td_ui_test_get_application ());
    g_autoptr(GAsyncResult) result = NULL;

    td_demo_platform_stop_async (platform, NULL, result_cb, &result);
    td_demo_platform_stop_finish (platform, wait_for_result (&result), NULL);
  }

  g_free (base_url);
  return status;
}
