/* test-campaign-activity.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-campaign-activity"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <signal.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <libsoup/soup.h>
#include <gdk/x11/gdkx.h>

#include "td-campaign-activity.h"
#include "td-composer.h"
#include "td-conversation-pane.h"
#include "td-conversation-row.h"
#include "td-message-bubble.h"
#include "td-phone.h"
#include "td-session.h"
#include "td-subscriber-profile.h"
#include "td-ui-test-utils.h"

/*
 * Campaign Activity against the real textdesk-platform with its demo
 * data, through the real API client: rows, expanding, replying from a
 * row, the counter, the pane, and a text that arrives live.
 */

typedef struct
{
  GSubprocess *platform;
  char *db_dir;
  char *db;
  char *url;
  TdClient *client;
  TdSession *session;
} Fixture;

/* ---- Helpers ---------------------------------------------------------- */

typedef struct
{
  gboolean done;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

/* Calls the platform the way the app does, for the test to check what
 * the platform holds. */
static JsonNode *
call (Fixture    *fixture,
      const char *method,
      const char *path)
{
  Wait wait = { FALSE, NULL };
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  td_client_call_async (fixture->client, method, path, NULL, NULL, NULL, NULL, wait_cb, &wait);
  g_assert_true (td_ui_test_wait_until (wait_done, &wait, 20000));
  root = td_client_call_finish (fixture->client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return root;
}

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

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text };

  if (!td_ui_test_wait_until (label_shown, &wait, 20000))
    {
      g_autofree char *shot = td_ui_test_save_screenshot (GTK_WIDGET (gtk_widget_get_root (root)),
                                                          "activity-failure");

      g_error ("“%s” never showed (see %s)", text, shot);
    }
}

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (TD_IS_CONVERSATION_ROW (root) && gtk_widget_get_mapped (root) &&
      td_conversation_row_get_thread (TD_CONVERSATION_ROW (root)) != NULL)
    g_ptr_array_add (rows, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The rows as shown, top to bottom. */
static GPtrArray *
shown_rows (GtkWidget *root)
{
  GPtrArray *rows = g_ptr_array_new ();
  graphene_point_t a, b;

  collect_rows (root, rows);

  /* Widget order is not screen order in a list view: sort by y. */
  for (guint i = 1; i < rows->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GtkWidget *up = g_ptr_array_index (rows, j - 1);
        GtkWidget *down = g_ptr_array_index (rows, j);

        g_assert_true (gtk_widget_compute_point (up, root, &GRAPHENE_POINT_INIT (0, 0), &a));
        g_assert_true (gtk_widget_compute_point (down, root, &GRAPHENE_POINT_INIT (0, 0), &b));
        if (a.y <= b.y)
          break;
        rows->pdata[j - 1] = down;
        rows->pdata[j] = up;
      }

  return rows;
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

static GtkWidget *
find_bubble (GtkWidget  *root,
             const char *body)
{
  if (TD_IS_MESSAGE_BUBBLE (root) && gtk_widget_get_mapped (root))
    {
      TdMessage *message = td_message_bubble_get_message (TD_MESSAGE_BUBBLE (root));

      if (message != NULL && g_strcmp0 (td_message_get_body (message), body) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_bubble (child, body);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  GtkWidget *root;
  const char *body;
  const char *status;
} BubbleWait;

static gboolean
bubble_shows (gpointer data)
{
  BubbleWait *wait = data;
  GtkWidget *bubble = find_bubble (wait->root, wait->body);

  return bubble != NULL &&
         g_strcmp0 (td_message_bubble_get_status_text (TD_MESSAGE_BUBBLE (bubble)), wait->status) == 0;
}

/* The bubble of @body shows @status, as a person reads it. */
static void
wait_for_bubble_status (GtkWidget  *root,
                        const char *body,
                        const char *status)
{
  BubbleWait wait = { root, body, status };

  if (!td_ui_test_wait_until (bubble_shows, &wait, 20000))
    {
      g_autofree char *shot = td_ui_test_save_screenshot (GTK_WIDGET (gtk_widget_get_root (root)),
                                                          "activity-failure");

      g_error ("The bubble of “%s” never showed “%s” (see %s)", body, status, shot);
    }
}

static const char *
row_conversation_id (GtkWidget *row)
{
  TdConversationThread *thread = td_conversation_row_get_thread (TD_CONVERSATION_ROW (row));

  return td_resource_get_id (TD_RESOURCE (td_conversation_thread_get_conversation (thread)));
}

/* A list view may show a conversation in another row widget after a live
 * update moved it: look its row up each time. */
static GtkWidget *
current_row (GtkWidget  *activity,
             const char *conversation_id)
{
  g_autoptr(GPtrArray) rows = shown_rows (activity);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (row_conversation_id (g_ptr_array_index (rows, i)), conversation_id) == 0)
      return g_ptr_array_index (rows, i);

  g_error ("The row of conversation %s is not shown", conversation_id);
}

typedef struct
{
  GListModel *model;
  guint n;
} ItemsWait;

static gboolean
has_items (gpointer data)
{
  ItemsWait *wait = data;

  return g_list_model_get_n_items (wait->model) >= wait->n;
}

static gboolean
has_earlier (gpointer data)
{
  return td_conversation_thread_get_has_earlier (data) &&
         !td_conversation_thread_get_loading (data);
}

static gboolean
has_rows (gpointer data)
{
  g_autoptr(GPtrArray) rows = shown_rows (data);

  return rows->len > 0;
}

static GtkWidget *
find_toggle (GtkWidget  *root,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_widget_get_mapped (child) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;

      found = find_toggle (child, tooltip);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
profile_loaded (gpointer data)
{
  TdSubscriberProfile *profile = data;

  return td_subscriber_profile_get_subscriber (profile) != NULL &&
         !td_subscriber_profile_get_loading (profile);
}

/* ---- Real input, through the X server --------------------------------- */

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (GTK_WIDGET (data));
}

static gulong test_window_xid;

/* Keys go to the window with the focus: ours, although other tests'
 * windows share the display. */
static void
xdotool_keys (const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strdup_printf ("xdotool windowraise %1$lu windowfocus --sync %1$lu %2$s",
                                           test_window_xid, keys);
  int status = 0;

  g_spawn_command_line_sync (line, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static void
xdotool (const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strdup_printf ("xdotool %s", command);
  int status = 0;

  g_spawn_command_line_sync (line, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         gtk_widget_get_width (data) > 0 && gtk_widget_get_height (data) > 0;
}

/* A click of the first button in the middle of @widget, as a person's. */
static void
click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_rect_t bounds;
  double dx, dy;
  g_autofree char *command = NULL;

  /* Laid out, and drawn where the click goes. */
  g_assert_true (td_ui_test_wait_until (has_size, widget, 10000));
  td_ui_test_iterate (100);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (native), &bounds));
  gtk_native_get_surface_transform (native, &dx, &dy);
  /* Other tests' windows share the display: ours on top first. */
  command = g_strdup_printf ("windowraise %1$lu mousemove --window %1$lu %2$d %3$d click 1",
                             (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (native)),
                             (int) (bounds.origin.x + bounds.size.width / 2 + dx),
                             (int) (bounds.origin.y + bounds.size.height / 2 + dy));
  g_test_message ("%s", command);
  xdotool (command);
}

typedef struct
{
  GtkWidget *window;
  GtkWidget *before;
} FocusWait;

static gboolean
focus_moved (gpointer data)
{
  FocusWait *wait = data;

  return gtk_root_get_focus (GTK_ROOT (wait->window)) != wait->before;
}

/* Tab, and the focus once it has moved. */
static GtkWidget *
press_tab (GtkWidget *window)
{
  FocusWait wait = { window, gtk_root_get_focus (GTK_ROOT (window)) };

  g_test_message ("Tab from a %s", wait.before ? G_OBJECT_TYPE_NAME (wait.before) : "(none)");
  xdotool_keys ("key --clearmodifiers Tab");
  g_assert_true (td_ui_test_wait_until (focus_moved, &wait, 10000));

  return gtk_root_get_focus (GTK_ROOT (window));
}

typedef struct
{
  TdComposer *composer;
  const char *text;
} TextWait;

static gboolean
composer_has_text (gpointer data)
{
  TextWait *wait = data;
  g_autofree char *text = td_composer_get_text (wait->composer);

  return g_strcmp0 (text, wait->text) == 0;
}

static gboolean
row_collapsed (gpointer data)
{
  return !td_conversation_row_get_expanded (TD_CONVERSATION_ROW (data));
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* Whether all of @widget shows in the visible part of @scrolled. */
static gboolean
shown_whole (GtkWidget *widget,
             GtkWidget *scrolled)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled) + 0.5;
}

/* The open row, its counter and Open Conversation show whole. */
static gboolean
open_row_fits (gpointer data)
{
  GtkWidget *row = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *revealer = td_ui_test_find_by_type (row, GTK_TYPE_REVEALER);
  GtkWidget *open = find_button (row, "_Open Conversation");
  GtkWidget *counter = td_ui_test_find_label (row, "0 / 160 · 0 texts · GSM-7");

  return gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) &&
         open != NULL && counter != NULL && gtk_widget_get_mapped (counter) &&
         shown_whole (row, scrolled) && shown_whole (open, scrolled) &&
         shown_whole (counter, scrolled);
}

/* The name or number a row should show for a conversation from the API. */
static char *
expected_name (JsonObject *conversation)
{
  JsonObject *subscriber = json_object_get_object_member (conversation, "subscriber");
  const char *first = json_object_get_string_member_with_default (subscriber, "first_name", NULL);
  const char *last = json_object_get_string_member_with_default (subscriber, "last_name", NULL);

  if ((first && *first) || (last && *last))
    return g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));

  return td_phone_format (json_object_get_string_member (subscriber, "phone"));
}

/* ---- The platform ----------------------------------------------------- */

/* A test that fails stops at once: its server must not outlive it. */
static void
die_with_parent (gpointer data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  const char *platform = g_getenv ("TEXTDESK_PLATFORM");
  Wait wait = { FALSE, NULL };
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  g_assert_nonnull (platform);
  fixture->db_dir = g_dir_make_tmp ("textdesk-activity-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->db_dir, "platform.db", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  fixture->platform = g_subprocess_launcher_spawn (launcher, &error,
                                        platform, "serve", "--db", fixture->db,
                                        "--listen", "127.0.0.1:0", "--demo",
                                        /* Only the test's own texts arrive live. */
                                        "--no-traffic", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (fixture->platform));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      /* FIXME: until textdesk-platform's serve command is on main, it
       * exits at once and there is nothing to test against. */
      g_subprocess_wait (fixture->platform, NULL, NULL);
      return;
    }
  g_assert_true (g_str_has_prefix (line, "listening on "));
  fixture->url = g_strdup (line + strlen ("listening on "));
  g_strstrip (fixture->url);

  fixture->client = td_client_new (fixture->url);
  td_client_sign_in_async (fixture->client, "admin@wave.example", "demo", NULL, wait_cb, &wait);
  g_assert_true (td_ui_test_wait_until (wait_done, &wait, 20000));
  me = td_client_sign_in_finish (fixture->client, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  fixture->session = td_session_new (fixture->client, me);
  td_event_stream_start (td_session_get_event_stream (fixture->session));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session == NULL)
    {
      g_clear_object (&fixture->platform);
      g_rmdir (fixture->db_dir);
      g_free (fixture->db_dir);
      g_free (fixture->db);
      return;
    }

  td_event_stream_stop (td_session_get_event_stream (fixture->session));
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  td_ui_test_iterate (50);

  g_subprocess_force_exit (fixture->platform);
  g_subprocess_wait (fixture->platform, NULL, NULL);
  g_clear_object (&fixture->platform);

  g_remove (fixture->db);
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->db_dir, 0, NULL);
    const char *name;

    /* SQLite's -wal and -shm files. */
    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fixture->db_dir, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (fixture->db_dir);
  g_free (fixture->db_dir);
  g_free (fixture->db);
  g_free (fixture->url);
}

/* An active campaign of the demo with conversations. */
static TdCampaign *
pick_campaign (Fixture *fixture)
{
  g_autoptr(JsonNode) root = call (fixture, "GET", "/v1/campaigns?limit=200");
  JsonArray *data = json_object_get_array_member (json_node_get_object (root), "data");
  JsonObject *best = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *campaign = json_array_get_object_element (data, i);

      if (g_strcmp0 (json_object_get_string_member (campaign, "status"), "active") != 0)
        continue;
      if (best == NULL ||
          json_object_get_int_member (campaign, "message_count") >
          json_object_get_int_member (best, "message_count"))
        best = campaign;
    }

  g_assert_nonnull (best);

  return TD_CAMPAIGN (TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CAMPAIGN, best, &error));
}

/* Signs an inbound text as the gateway does (HMAC-SHA1 of the URL and
 * the sorted form fields, in base64) and posts it. */
static void
send_inbound (Fixture    *fixture,
              const char *short_code,
              const char *from,
              const char *body,
              const char *sid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) secret_process = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *url = g_strdup_printf ("%s/gateway/twilio/%s", fixture->url, short_code);
  g_autoptr(GHmac) hmac = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *form = NULL;
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *e_from = g_uri_escape_string (from, NULL, FALSE);
  g_autofree char *e_body = g_uri_escape_string (body, NULL, FALSE);
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  /* Sorted by name, as the signature wants them. */
  const char *keys[] = { "Body", "From", "MessageSid", "To" };
  const char *values[] = { body, from, sid, short_code };

  secret_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                     g_getenv ("TEXTDESK_PLATFORM"), "secret",
                                     "--db", fixture->db, "--short-code", short_code, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (secret_process, NULL, NULL, &secret, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (secret);

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret, strlen (secret));
  g_hmac_update (hmac, (const guchar *) url, -1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_hmac_update (hmac, (const guchar *) keys[i], -1);
      g_hmac_update (hmac, (const guchar *) values[i], -1);
    }
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature = g_base64_encode (digest, digest_len);

  form = g_strdup_printf ("MessageSid=%s&From=%s&To=%s&Body=%s", sid, e_from, short_code, e_body);
  msg = soup_message_new ("POST", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "X-Twilio-Signature", signature);
  {
    g_autoptr(GBytes) bytes = g_bytes_new (form, strlen (form));

    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
  }
  answer = soup_session_send_and_read (soup, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
}

/* ---- The test --------------------------------------------------------- */

typedef struct
{
  Fixture *fixture;
  char *path;
  char *body;
  const char *status;
} PlatformWait;

/* The reply is on the platform, once, with the given status or any. */
static gboolean
reply_on_platform (gpointer data)
{
  PlatformWait *wait = data;
  g_autoptr(JsonNode) root = call (wait->fixture, "GET", wait->path);
  JsonArray *messages = json_object_get_array_member (json_node_get_object (root), "data");
  guint found = 0;
  gboolean status_ok = FALSE;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *message = json_array_get_object_element (messages, i);

      if (g_strcmp0 (json_object_get_string_member (message, "body"), wait->body) == 0 &&
          g_strcmp0 (json_object_get_string_member (message, "direction"), "outbound") == 0)
        {
          found++;
          status_ok = wait->status == NULL ||
                      g_strcmp0 (json_object_get_string_member (message, "status"), wait->status) == 0;
        }
    }

  g_assert_cmpuint (found, <=, 1);

  return found == 1 && status_ok;
}

static void
test_activity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JsonNode) conversations = NULL;
  g_autofree char *path = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *name = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *thread_path = NULL;
  JsonArray *list;
  JsonObject *first;
  const char *conversation_id;
  GtkWidget *activity, *row, *composer, *pane, *open;
  GtkWindow *window;
  PlatformWait wait;

  if (fixture->session == NULL)
    {
      g_test_skip ("textdesk-platform cannot serve in this build yet");
      return;
    }

  campaign = pick_campaign (fixture);

  activity = td_campaign_activity_new (fixture->session, campaign);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 760);
  gtk_window_set_child (window, activity);
  gtk_window_present (window);
  g_assert_true (td_ui_test_wait_until (widget_is_mapped, window, 5000));
  g_assert_true (td_ui_test_wait_until (has_rows, activity, 20000));
  wait_for_label (activity, td_campaign_get_name (campaign));

  /* Rows in the platform's order, newest first, with names and texts. */
  path = g_strdup_printf ("/v1/conversations?campaign_id=%s&limit=5",
                          td_resource_get_id (TD_RESOURCE (campaign)));
  conversations = call (fixture, "GET", path);
  list = json_object_get_array_member (json_node_get_object (conversations), "data");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  rows = shown_rows (activity);
  g_assert_cmpuint (rows->len, >=, MIN (json_array_get_length (list), 3));
  for (guint i = 0; i < MIN (json_array_get_length (list), 3); i++)
    {
      JsonObject *conversation = json_array_get_object_element (list, i);
      JsonObject *last = json_object_get_object_member (conversation, "last_message");
      g_autofree char *row_name = expected_name (conversation);

      row = g_ptr_array_index (rows, i);
      g_assert_cmpstr (row_conversation_id (row), ==,
                       json_object_get_string_member (conversation, "id"));
      g_assert_nonnull (td_ui_test_find_label (row, row_name));
      if (last != NULL && g_strcmp0 (json_object_get_string_member (last, "direction"), "inbound") == 0)
        {
          g_autofree char *text = g_strdup (json_object_get_string_member (last, "body"));

          g_strdelimit (text, "\n\r\t", ' ');
          g_assert_nonnull (td_ui_test_find_label (row, text));
        }
    }
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-rows");
  g_clear_pointer (&shot, g_free);

  /* Someone who opted out: their row says so and sends nothing. */
  for (guint i = 0; i < MIN (json_array_get_length (list), rows->len); i++)
    {
      JsonObject *conversation = json_array_get_object_element (list, i);
      JsonObject *subscriber = json_object_get_object_member (conversation, "subscriber");
      g_autofree char *who = NULL;
      g_autofree char *reason = NULL;
      const char *id = json_object_get_string_member (conversation, "id");
      GtkWidget *opted_out_composer;

      if (g_strcmp0 (json_object_get_string_member (subscriber, "status"), "opted_out") != 0)
        continue;

      who = expected_name (conversation);
      reason = g_strdup_printf ("%s opted out of texts, so nothing can be sent to them. "
                                "They can opt back in by texting START.", who);
      td_conversation_row_set_expanded (TD_CONVERSATION_ROW (current_row (activity, id)), TRUE);
      wait_for_label (current_row (activity, id), reason);
      opted_out_composer = td_conversation_row_get_composer (TD_CONVERSATION_ROW (current_row (activity, id)));
      td_composer_set_text (TD_COMPOSER (opted_out_composer), "Hello?");
      g_assert_false (td_composer_send (TD_COMPOSER (opted_out_composer)));
      shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-opted-out");
      g_clear_pointer (&shot, g_free);
      td_composer_set_text (TD_COMPOSER (opted_out_composer), "");
      td_conversation_row_set_expanded (TD_CONVERSATION_ROW (current_row (activity, id)), FALSE);
      break;
    }

  /* A row of someone who can be texted expands in place to its thread. */
  first = NULL;
  row = NULL;
  for (guint i = 0; i < MIN (json_array_get_length (list), rows->len) && first == NULL; i++)
    {
      JsonObject *conversation = json_array_get_object_element (list, i);
      JsonObject *subscriber = json_object_get_object_member (conversation, "subscriber");

      if (g_strcmp0 (json_object_get_string_member (subscriber, "status"), "active") == 0)
        {
          first = conversation;
          row = g_ptr_array_index (rows, i);
        }
    }
  g_assert_nonnull (first);
  name = expected_name (first);
  conversation_id = json_object_get_string_member (first, "id");
#define ROW current_row (activity, conversation_id)
  td_conversation_row_set_expanded (TD_CONVERSATION_ROW (row), TRUE);
  {
    JsonObject *last = json_object_get_object_member (first, "last_message");
    g_autofree char *body = g_strdup (json_object_get_string_member (last, "body"));

    /* The bubble shows the text whole, lines and all. */
    wait_for_label (ROW, body);
  }
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-row-expanded");
  g_clear_pointer (&shot, g_free);

  /* The counter reads right for the three kinds of text. */
  composer = td_conversation_row_get_composer (TD_CONVERSATION_ROW (ROW));
  td_composer_set_text (TD_COMPOSER (composer), "Thanks for texting! Doors open at 7.");
  wait_for_label (ROW, "36 / 160 · 1 text · GSM-7");
  td_composer_set_text (TD_COMPOSER (composer), "VIP tickets: \xE2\x82\xAC" "20 [limited]");
  wait_for_label (ROW, "29 / 160 · 1 text · GSM-7");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-counter-extension");
  g_clear_pointer (&shot, g_free);
  td_composer_set_text (TD_COMPOSER (composer), "See you there \xF0\x9F\x8E\xB8");
  wait_for_label (ROW, "16 / 70 · 1 text · UCS-2");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-counter-emoji");
  g_clear_pointer (&shot, g_free);

  /* A reply from the row: "Sending…" at once, then on the platform, once,
   * and its real status in the bubble. */
  reply = g_strdup_printf ("Thanks %s, see you at the show!", name);
  td_composer_set_text (TD_COMPOSER (composer), reply);
  g_assert_true (td_composer_send (TD_COMPOSER (composer)));
  g_assert_true (bubble_shows (&(BubbleWait) { ROW, reply, "Sending…" }));
  g_assert_false (td_composer_send (TD_COMPOSER (composer)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-sending");
  g_clear_pointer (&shot, g_free);

  thread_path = g_strdup_printf ("/v1/conversations/%s/messages?limit=20",
                                 json_object_get_string_member (first, "id"));
  wait = (PlatformWait) { fixture, thread_path, reply, NULL };
  g_assert_true (td_ui_test_wait_until (reply_on_platform, &wait, 20000));
  wait_for_bubble_status (ROW, reply, "Delivered");
  wait.status = "delivered";
  g_assert_true (reply_on_platform (&wait));
  {
    g_autofree char *text = td_composer_get_text (TD_COMPOSER (composer));

    g_assert_cmpstr (text, ==, "");
  }
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-delivered");
  g_clear_pointer (&shot, g_free);

  /* The full pane, read. */
  open = find_button (ROW, "_Open Conversation");
  g_assert_nonnull (open);
  gtk_widget_activate (open);
  pane = td_ui_test_find_by_type (activity, TD_TYPE_CONVERSATION_PANE);
  g_assert_nonnull (pane);
  wait_for_label (pane, name);
  g_assert_nonnull (td_conversation_pane_get_thread (TD_CONVERSATION_PANE (pane)));
  wait_for_label (pane, reply);

  /* The sender's profile is there, as in the Stream. */
  {
    GtkWidget *profile = td_conversation_pane_get_profile_widget (TD_CONVERSATION_PANE (pane));
    GtkWidget *profile_button = find_toggle (pane, "Subscriber Profile");

    g_assert_true (TD_IS_SUBSCRIBER_PROFILE (profile));
    g_assert_nonnull (profile_button);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (profile_button), TRUE);
    g_assert_true (td_ui_test_wait_until (widget_is_mapped, profile, 5000));
    g_assert_true (td_ui_test_wait_until (profile_loaded, profile, 20000));
    g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (td_subscriber_profile_get_subscriber (TD_SUBSCRIBER_PROFILE (profile)))),
                     ==,
                     json_object_get_string_member (json_object_get_object_member (first, "subscriber"), "id"));
    shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-pane-profile");
    g_clear_pointer (&shot, g_free);
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (profile_button), FALSE);
  }
  {
    g_autofree char *conversation_path =
      g_strdup_printf ("/v1/conversations/%s", json_object_get_string_member (first, "id"));
    g_autoptr(JsonNode) after = call (fixture, "GET", conversation_path);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (after), "unread_count"), ==, 0);
  }
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-pane");
  g_clear_pointer (&shot, g_free);

  /* Earlier texts, a page at a time, above the ones shown. */
  {
    TdConversationThread *thread = td_conversation_pane_get_thread (TD_CONVERSATION_PANE (pane));
    GListModel *messages = td_conversation_thread_get_messages (thread);
    GtkWidget *earlier;
    ItemsWait items = { messages, 3 };

    td_conversation_thread_load (thread, 3);
    g_assert_true (td_ui_test_wait_until (has_items, &items, 20000));
    g_assert_true (td_ui_test_wait_until (has_earlier, thread, 20000));
    earlier = find_button (pane, "_Earlier Texts");
    g_assert_nonnull (earlier);
    gtk_widget_activate (earlier);
    items.n = 6;
    g_assert_true (td_ui_test_wait_until (has_items, &items, 20000));

    for (guint i = 1; i < g_list_model_get_n_items (messages); i++)
      {
        g_autoptr(TdMessage) before = g_list_model_get_item (messages, i - 1);
        g_autoptr(TdMessage) after = g_list_model_get_item (messages, i);

        g_assert_cmpint (g_date_time_compare (td_message_get_created_at (before),
                                              td_message_get_created_at (after)), <=, 0);
      }
  }

  /* A text from someone new arrives live, at the top. */
  {
    const char *keyword = td_campaign_get_keywords (campaign)[0];
    g_autofree char *text = g_strdup_printf ("%s I want tickets", keyword);
    g_autoptr(GPtrArray) now = NULL;

    /* The manager looks at the top of the list. */
    {
      GtkWidget *list_view = td_ui_test_find_by_type (activity, GTK_TYPE_LIST_VIEW);
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      td_ui_test_iterate (200);
    }
    send_inbound (fixture, "41019", "+15550108765", text, "SMtestactivity0001");

    /* A row is open: the list holds still and offers the new one. */
    wait_for_label (activity, "1 conversation with new texts");
    g_assert_null (td_ui_test_find_label (activity, "(555) 010-8765"));
    shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-new-banner");
    g_clear_pointer (&shot, g_free);
    g_assert_true (td_ui_test_wait_until (widget_is_mapped,
                                          td_ui_test_find_label (activity, "1 conversation with new texts"),
                                          5000));
    gtk_widget_activate (find_button (activity, "1 conversation with new texts"));
    wait_for_label (activity, "(555) 010-8765");

    /* First in the list: at the top of it. */
    {
      GtkWidget *list_view = td_ui_test_find_by_type (activity, GTK_TYPE_LIST_VIEW);
      GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list_view));

      td_ui_test_iterate (300);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      td_ui_test_iterate (300);
    }
    now = shown_rows (activity);
    if (td_ui_test_find_label (g_ptr_array_index (now, 0), "(555) 010-8765") == NULL)
      {
        g_autofree char *failure = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-failure");

        g_error ("The new conversation is not at the top (see %s)", failure);
      }
  }
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-live");

#undef ROW
  gtk_window_destroy (window);
  td_ui_test_iterate (100);
}

/* A person with a mouse and a keyboard in an open row: the click in the
 * reply box puts the text there, the list holds still, Tab goes from the
 * row to the reply box and on, never through the bubbles, Escape closes
 * the row, then the window. */
static void
test_activity_input (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *command = NULL;
  GtkWidget *activity, *row, *composer, *text_view, *expand, *open, *counter, *scrolled, *focus;
  GtkAdjustment *adjustment;
  GtkWindow *window;
  gboolean destroyed = FALSE;
  gboolean left_row = FALSE;
  double scrolled_to;

  if (fixture->session == NULL)
    {
      g_test_skip ("textdesk-platform cannot serve in this build yet");
      return;
    }
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()) ||
      g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("Needs X11 and xdotool to click and press keys");
      return;
    }

  campaign = pick_campaign (fixture);
  activity = td_campaign_activity_new (fixture->session, campaign);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (window, (const char *) data);
  /* The size the app gives the Campaign Activity window. */
  gtk_window_set_default_size (window, 960, 680);
  gtk_window_set_child (window, activity);
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (set_flag), &destroyed);
  gtk_window_present (window);
  g_assert_true (td_ui_test_wait_until (widget_is_mapped, window, 5000));
  g_assert_true (td_ui_test_wait_until (has_rows, activity, 20000));

  command = g_strdup_printf ("search --sync --name \"^%s$\" windowfocus --sync",
                             (const char *) data);
  xdotool (command);
  g_assert_true (td_ui_test_wait_until (window_is_active, window, 10000));
  test_window_xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));

  /* A row below the first, of someone who can be texted, opened with a
   * click on its summary. */
  rows = shown_rows (activity);
  g_assert_cmpuint (rows->len, >=, 3);
  row = NULL;
  for (guint i = 1; i < rows->len && row == NULL; i++)
    {
      TdConversationThread *thread =
        td_conversation_row_get_thread (g_ptr_array_index (rows, i));
      TdSubscriberSummary *who =
        td_conversation_get_subscriber (td_conversation_thread_get_conversation (thread));

      if (g_strcmp0 (td_subscriber_summary_get_status (who), "active") == 0)
        row = g_ptr_array_index (rows, i);
    }
  g_assert_nonnull (row);
  /* (Again if another test's window took the click.) */
  for (guint i = 0; i < 3 && !td_conversation_row_get_expanded (TD_CONVERSATION_ROW (row)); i++)
    {
      click (td_ui_test_find_by_type (row, ADW_TYPE_AVATAR));
      td_ui_test_wait_until ((gboolean (*) (gpointer)) td_conversation_row_get_expanded, row, 5000);
    }
  g_assert_true (td_conversation_row_get_expanded (TD_CONVERSATION_ROW (row)));
  composer = td_conversation_row_get_composer (TD_CONVERSATION_ROW (row));
  text_view = td_ui_test_find_by_type (composer, GTK_TYPE_TEXT_VIEW);
  g_assert_true (td_ui_test_wait_until (has_focus, text_view, 10000));

  /* The open row fits: the counter under the reply box and Open
   * Conversation show whole, the recent texts scroll on their own. */
  scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  if (!td_ui_test_wait_until (open_row_fits, row, 10000))
    {
      shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-failure");
      g_error ("The open row does not fit in the list (see %s)", shot);
    }
  open = find_button (row, "_Open Conversation");
  counter = td_ui_test_find_label (row, "0 / 160 · 0 texts · GSM-7");
  g_assert_true (shown_whole (open, scrolled));
  g_assert_true (shown_whole (counter, scrolled));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-row-open");
  g_clear_pointer (&shot, g_free);

  /* The focus elsewhere, then a click in the reply box: the text goes
   * there, and the list does not move. */
  expand = td_ui_test_find_by_type (row, GTK_TYPE_TOGGLE_BUTTON);
  gtk_widget_grab_focus (expand);
  g_assert_true (td_ui_test_wait_until (has_focus, expand, 5000));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  scrolled_to = gtk_adjustment_get_value (adjustment);
  for (guint i = 0; i < 3 && !gtk_widget_has_focus (text_view); i++)
    {
      click (text_view);
      td_ui_test_wait_until (has_focus, text_view, 5000);
    }
  g_assert_true (gtk_widget_has_focus (text_view));
  xdotool_keys ("type --delay 50 hi");
  g_assert_true (td_ui_test_wait_until (composer_has_text,
                                        &(TextWait) { TD_COMPOSER (composer), "hi" }, 10000));
  wait_for_label (row, "2 / 160 · 1 text · GSM-7");
  g_assert_true (gtk_widget_has_focus (text_view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, scrolled_to);
  g_assert_true (td_conversation_row_get_expanded (TD_CONVERSATION_ROW (row)));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-row-typed");
  g_clear_pointer (&shot, g_free);

  /* Tab: from the row's Expand button to the reply box, never to a
   * bubble... */
  gtk_widget_grab_focus (expand);
  g_assert_true (td_ui_test_wait_until (has_focus, expand, 5000));
  focus = press_tab (GTK_WIDGET (window));
  g_test_message ("Tab to a %s", G_OBJECT_TYPE_NAME (focus));
  g_assert_true (focus == text_view);

  /* ...then on to Open Conversation and out to the next row. */
  for (guint i = 0; i < 8 && !left_row; i++)
    {
      focus = press_tab (GTK_WIDGET (window));
      g_assert_null (gtk_widget_get_ancestor (focus, TD_TYPE_MESSAGE_BUBBLE));
      if (focus == open)
        continue;
      left_row = !gtk_widget_is_ancestor (focus, row);
      g_assert_true (left_row || gtk_widget_is_ancestor (focus, composer));
    }
  g_assert_true (left_row);
  g_assert_nonnull (gtk_widget_get_ancestor (focus, TD_TYPE_CONVERSATION_ROW));
  g_assert_true (gtk_widget_get_ancestor (focus, TD_TYPE_CONVERSATION_ROW) != row);

  /* Escape in the reply box closes the row, the draft kept... */
  gtk_widget_grab_focus (composer);
  g_assert_true (td_ui_test_wait_until (has_focus, text_view, 5000));
  xdotool_keys ("key --clearmodifiers Escape");
  g_assert_true (td_ui_test_wait_until (row_collapsed, row, 10000));
  g_assert_true (td_ui_test_wait_until (has_focus, expand, 5000));
  {
    g_autofree char *draft = td_composer_get_text (TD_COMPOSER (composer));

    g_assert_cmpstr (draft, ==, "hi");
  }

  /* ...and Escape again closes the window. */
  xdotool_keys ("key --clearmodifiers Escape");
  g_assert_true (td_ui_test_wait_until (flag_set, &destroyed, 10000));
  td_ui_test_iterate (100);
}

static void
test_activity_empty (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TdCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;
  JsonArray *campaigns;
  GtkWidget *activity;
  GtkWindow *window;

  if (fixture->session == NULL)
    {
      g_test_skip ("textdesk-platform cannot serve in this build yet");
      return;
    }

  /* A campaign nobody has texted yet. */
  root = call (fixture, "GET", "/v1/campaigns?limit=200");
  campaigns = json_object_get_array_member (json_node_get_object (root), "data");
  for (guint i = 0; i < json_array_get_length (campaigns) && campaign == NULL; i++)
    {
      JsonObject *object = json_array_get_object_element (campaigns, i);

      if (json_object_get_int_member (object, "message_count") == 0)
        campaign = TD_CAMPAIGN (TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_CAMPAIGN, object, &error));
    }
  g_assert_no_error (error);
  g_assert_nonnull (campaign);

  activity = td_campaign_activity_new (fixture->session, campaign);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 900, 600);
  gtk_window_set_child (window, activity);
  gtk_window_present (window);

  wait_for_label (activity, "No Conversations Yet");
  wait_for_label (activity, td_campaign_get_name (campaign));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "activity-empty");

  gtk_window_destroy (window);
  td_ui_test_iterate (100);
}

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);
  td_ui_test_get_application ();

  g_test_add ("/campaign-activity/demo", Fixture, NULL,
              fixture_set_up, test_activity, fixture_tear_down);
  g_test_add ("/campaign-activity/input", Fixture, "Activity input test",
              fixture_set_up, test_activity_input, fixture_tear_down);
  g_test_add ("/campaign-activity/empty", Fixture, NULL,
              fixture_set_up, test_activity_empty, fixture_tear_down);

  return g_test_run ();
}
