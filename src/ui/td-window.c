/* td-window.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "td-api-error.h"
#include "td-campaign-activity.h"
#include "td-campaigns-page.h"
#include "td-lists-page.h"
#include "td-preferences-window.h"
#include "td-secret-store.h"
#include "td-session.h"
#include "td-sign-in-page.h"
#include "td-stream-page.h"
#include "td-window.h"

/*
 * The main window: the sign-in page until someone is signed in, then the
 * three views. It owns the TdSession of the sign-in and hands it to the
 * views; it keeps the token in the keyring and signs in from it at
 * start-up; it ends the session on Sign Out and on a 401.
 */

struct _TdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  TdSecretStore        *secrets;
  TdSession            *session;
  GHashTable           *activity_windows;  /* campaign id -> GtkWindow */
  gboolean              demo;
  gboolean              starting_demo;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  TdSignInPage         *sign_in_page;
  AdwStatusPage        *loading_page;
  GtkSpinner           *loading_spinner;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *stream_stack_page;
  GtkMenuButton        *primary_menu_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  TdCampaignsPage      *campaigns_page;
  TdStreamPage         *stream_page;
  TdListsPage          *lists_page;
};

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How long Sign Out waits for the platform to revoke the token. */
#define SIGN_OUT_TIMEOUT_SECONDS 10

static void set_session            (TdWindow  *self,
                                    TdSession *session);
static void close_activity_windows (TdWindow  *self);

static void
show_page (TdWindow   *self,
           const char *name)
{
  gtk_stack_set_visible_child_name (self->main_stack, name);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (name, "loading") == 0);
}

/* The page with a spinner, saying what is going on while nothing can be
 * done in the window. */
static void
show_progress (TdWindow   *self,
               const char *title,
               const char *description)
{
  adw_status_page_set_title (self->loading_page, title);
  adw_status_page_set_description (self->loading_page, description);
  show_page (self, "loading");
}

/**
 * td_window_show_banner:
 * @self: a #TdWindow
 * @message: (nullable): what the person should know, or %NULL to hide it
 *
 * Shows @message in a bar under the header bar until it is dismissed.
 */
void
td_window_show_banner (TdWindow   *self,
                       const char *message)
{
  g_return_if_fail (TD_IS_WINDOW (self));

  if (message != NULL)
    gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* Keyring */

static void
secret_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TdWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (td_secret_store_store_finish (TD_SECRET_STORE (source), result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Signed in all the same: only the next start-up will ask again. */
  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED))
    td_window_show_banner (self, _("Textdesk could not remember your sign-in "
                                   "because the keyring stayed locked. You are "
                                   "signed in until you quit."));
  else
    td_window_show_banner (self, _("Textdesk could not remember your sign-in: "
                                   "no keyring is available on this computer. "
                                   "You are signed in until you quit."));
}

static void
secret_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!td_secret_store_clear_finish (TD_SECRET_STORE (source), result, &error) &&
      error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("The sign-in could not be removed from the keyring: %s", error->message);
}

static void
forget_sign_in (TdWindow   *self,
                const char *server,
                const char *email)
{
  if (server == NULL || *server == '\0' || email == NULL || *email == '\0')
    return;

  /* Not cancelled with the window: a revoked token should leave the
   * keyring even when the window closes meanwhile. */
  td_secret_store_clear_async (self->secrets, server, email, NULL,
                               secret_cleared_cb, NULL);
}

/* Live events */

static void
notify_new_text (TdWindow   *self,
                 JsonObject *message)
{
  g_autoptr(GNotification) notification = NULL;
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  const char *body;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  if (!g_settings_get_boolean (self->settings, "notify-new-texts"))
    return;

  body = json_object_get_string_member_with_default (message, "body", "");

  notification = g_notification_new (_("New Text"));
  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate-window");
  /* One notification at a time: a newer text replaces the older one. */
  g_application_send_notification (app, "new-text", notification);
}

static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          gpointer       user_data)
{
  TdWindow *self = user_data;

  if (object == NULL)
    return;

  if (g_strcmp0 (type, "message.created") == 0 &&
      g_strcmp0 (json_object_get_string_member_with_default (object, "direction", ""),
                 "inbound") == 0)
    notify_new_text (self, object);
}

/* Session */

static void
session_signed_out_cb (TdWindow  *self,
                       TdSession *session)
{
  g_autofree char *message = g_strdup (td_session_get_sign_out_message (session));
  TdAccountInfo *me = td_session_get_account_info (session);
  TdClient *client = td_session_get_client (session);
  gboolean was_demo = self->demo;

  /* A 401 means the kept token is no good either. */
  if (message != NULL && !was_demo)
    forget_sign_in (self, td_client_get_base_url (client),
                    td_account_info_get_email (me));

  if (!was_demo)
    {
      td_sign_in_page_set_server (self->sign_in_page, td_client_get_base_url (client));
      td_sign_in_page_set_email (self->sign_in_page, td_account_info_get_email (me));
    }

  set_session (self, NULL);

  td_sign_in_page_reset (self->sign_in_page);
  td_sign_in_page_show_message (self->sign_in_page, message);
  show_page (self, "sign-in");
  td_sign_in_page_focus (self->sign_in_page);
}

static void
set_session (TdWindow  *self,
             TdSession *session)
{
  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      TdEventStream *events = td_session_get_event_stream (self->session);

      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (events, self);
      td_event_stream_stop (events);
    }

  /* An activity window shows the old session's data: it goes with it. */
  close_activity_windows (self);

  g_set_object (&self->session, session);

  td_campaigns_page_set_session (self->campaigns_page, session);
  td_stream_page_set_session (self->stream_page, session);
  td_lists_page_set_session (self->lists_page, session);

  td_window_show_banner (self, NULL);

  if (session != NULL)
    {
      TdAccountInfo *me = td_session_get_account_info (session);
      TdEventStream *events = td_session_get_event_stream (session);
      gboolean admin = td_account_info_is_admin (me);

      /* Only admins see texts that matched no keyword. */
      adw_view_stack_page_set_visible (self->stream_stack_page, admin);
      if (!admin && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                               "stream") == 0)
        adw_view_stack_set_visible_child_name (self->view_stack, "campaigns");

      g_signal_connect_object (session, "signed-out",
                               G_CALLBACK (session_signed_out_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (events, "event", G_CALLBACK (event_cb), self, 0);
      td_event_stream_start (events);

      adw_view_stack_set_visible_child_name (self->view_stack, "campaigns");
      show_page (self, "main");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
sign_in_busy_cb (TdWindow     *self,
                 GParamSpec   *pspec,
                 TdSignInPage *page)
{
  if (!self->starting_demo || td_sign_in_page_get_busy (page))
    return;

  self->starting_demo = FALSE;

  /* The demo did not open: its error waits on the sign-in page. */
  if (self->session == NULL)
    {
      show_page (self, "sign-in");
      td_sign_in_page_focus (page);
    }
}

static void
signed_in_cb (TdWindow      *self,
              TdClient      *client,
              TdAccountInfo *me,
              gboolean       demo,
              TdSignInPage  *page)
{
  g_autoptr(TdSession) session = td_session_new (client, me);
  const char *server = td_client_get_base_url (client);
  const char *email = td_account_info_get_email (me);

  self->demo = demo;
  g_settings_set_boolean (self->settings, "demo", demo);

  set_session (self, session);

  /* The demo's password is public and its port changes at every start:
   * nothing of it goes to the keyring. */
  if (demo)
    return;

  g_settings_set_string (self->settings, "server-url", server);
  g_settings_set_string (self->settings, "account-email", email);

  td_secret_store_store_async (self->secrets, server, email,
                               td_client_get_token (client),
                               self->cancellable, secret_stored_cb, self);
}

/* Start-up: sign in from the keyring */

typedef struct
{
  TdWindow *self;
  char     *server;
  char     *email;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->server);
  g_free (data->email);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RestoreData, restore_data_free)

static void
restore_failed (TdWindow   *self,
                const char *server,
                const char *email,
                const char *message)
{
  td_sign_in_page_set_server (self->sign_in_page, server);
  td_sign_in_page_set_email (self->sign_in_page, email);
  td_sign_in_page_show_message (self->sign_in_page, message);
  show_page (self, "sign-in");
  td_sign_in_page_focus (self->sign_in_page);
}

static void
restore_me_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RestoreData) data = user_data;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(TdSession) session = NULL;
  g_autoptr(GError) error = NULL;
  TdClient *client = TD_CLIENT (source);
  TdWindow *self = data->self;

  me = td_client_get_me_finish (client, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (me == NULL)
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
        {
          forget_sign_in (self, data->server, data->email);
          restore_failed (self, data->server, data->email,
                          _("Your sign-in has expired. Sign in again to "
                            "continue."));
          return;
        }

      text = td_sign_in_page_describe_error (error, data->server);
      restore_failed (self, data->server, data->email, text);
      return;
    }

  self->demo = FALSE;
  session = td_session_new (client, me);
  set_session (self, session);
}

static void
restore_lookup_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RestoreData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdClient) client = NULL;
  TdWindow *self = data->self;
  char *token;

  token = td_secret_store_lookup_finish (TD_SECRET_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Keep the account: the person only needs to type the password. */
      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_KEYRING_LOCKED))
        restore_failed (self, data->server, data->email,
                        _("Your keyring is locked, so Textdesk could not sign "
                          "you in by itself. Enter your password to sign in."));
      else
        restore_failed (self, data->server, data->email,
                        _("No keyring is available on this computer, so "
                          "Textdesk could not remember your sign-in. Enter "
                          "your password to sign in."));
      return;
    }

  if (token == NULL)
    {
      restore_failed (self, data->server, data->email, NULL);
      return;
    }

  client = td_client_new (data->server);
  td_client_set_token (client, token);
  secret_password_free (token);

  td_client_get_me_async (client, self->cancellable, restore_me_cb,
                          g_steal_pointer (&data));
}

/**
 * td_window_start:
 * @self: a #TdWindow
 * @demo: whether to open the demo, as `textdesk --demo` asks
 *
 * Signs in as the app starts: to the demo when asked or when the last
 * sign-in was to it, else with the sign-in kept in the keyring, else it
 * leaves the sign-in page showing.
 */
void
td_window_start (TdWindow *self,
                 gboolean  demo)
{
  g_autofree char *server = NULL;
  g_autofree char *email = NULL;
  RestoreData *data;

  g_return_if_fail (TD_IS_WINDOW (self));

  if (demo || g_settings_get_boolean (self->settings, "demo"))
    {
      /* Starting the demo platform takes a while: say so from the first
       * frame rather than show a form that fills itself in. */
      self->starting_demo = TRUE;
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
      show_progress (self, _("Starting the demo…"),
                     _("Textdesk is starting a demo platform on this "
                       "computer and signing in to it. This takes a few "
                       "seconds."));
      gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
      td_sign_in_page_try_demo (self->sign_in_page);
      return;
    }

  server = g_settings_get_string (self->settings, "server-url");
  email = g_settings_get_string (self->settings, "account-email");
  if (*server == '\0' || *email == '\0')
    {
      show_page (self, "sign-in");
      return;
    }

  gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_NONE);
  show_progress (self, _("Signing In…"), NULL);
  gtk_stack_set_transition_type (self->main_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);

  data = g_new0 (RestoreData, 1);
  data->self = self;
  data->server = g_steal_pointer (&server);
  data->email = g_steal_pointer (&email);
  td_secret_store_lookup_async (self->secrets, data->server, data->email,
                                self->cancellable, restore_lookup_cb, data);
}

/* Actions */

static void
show_primary_menu_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);

  if (self->session != NULL)
    gtk_menu_button_popup (self->primary_menu_button);
}

typedef struct
{
  TdWindow     *self;
  TdSession    *session;
  GCancellable *cancellable;
  guint         timeout_id;
} SignOutData;

static void
sign_out_data_free (SignOutData *data)
{
  g_clear_handle_id (&data->timeout_id, g_source_remove);
  g_clear_object (&data->self);
  g_clear_object (&data->session);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SignOutData, sign_out_data_free)

static gboolean
sign_out_timeout_cb (gpointer user_data)
{
  SignOutData *data = user_data;

  /* The platform does not answer: sign out here without waiting longer. */
  data->timeout_id = 0;
  g_cancellable_cancel (data->cancellable);

  return G_SOURCE_REMOVE;
}

static void
signed_out_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SignOutData) data = user_data;
  g_autoptr(GError) error = NULL;
  TdWindow *self = data->self;
  gboolean closing = g_cancellable_is_cancelled (self->cancellable);
  gboolean revoked;

  /* Signed out here whatever the server said: a token it could not revoke
   * now is forgotten all the same. */
  revoked = td_client_sign_out_finish (TD_CLIENT (source), result, &error);
  if (!revoked)
    g_debug ("The platform did not revoke the token: %s", error->message);
  /* A token the platform no longer knows needs no revoking. */
  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
    revoked = TRUE;

  td_session_end (data->session, NULL);

  if (!revoked && !closing)
    {
      AdwToast *toast = adw_toast_new (_("Signed out on this computer, but "
                                         "the platform could not be "
                                         "reached to end the sign-in there"));

      adw_toast_set_timeout (toast, 0);
      td_window_add_toast (self, toast);
    }
}

static void
sign_out_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  TdClient *client;
  SignOutData *data;

  if (self->session == NULL)
    return;

  client = td_session_get_client (self->session);

  if (!self->demo)
    forget_sign_in (self, td_client_get_base_url (client),
                    td_account_info_get_email (td_session_get_account_info (self->session)));

  /* Signing out of the demo means not opening it at the next start. */
  g_settings_set_boolean (self->settings, "demo", FALSE);

  gtk_widget_action_set_enabled (widget, "win.sign-out", FALSE);
  show_progress (self, _("Signing Out…"), NULL);

  data = g_new0 (SignOutData, 1);
  data->self = g_object_ref (self);
  data->session = g_object_ref (self->session);
  data->cancellable = g_cancellable_new ();
  data->timeout_id = g_timeout_add_seconds (SIGN_OUT_TIMEOUT_SECONDS,
                                            sign_out_timeout_cb, data);
  td_client_sign_out_async (client, data->cancellable, signed_out_cb, data);
}

static void
show_view_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *child;

  if (self->session == NULL)
    return;

  /* Only views the person may see: the Stream is for admins. */
  child = adw_view_stack_get_child_by_name (self->view_stack, name);
  if (child == NULL ||
      !adw_view_stack_page_get_visible (adw_view_stack_get_page (self->view_stack, child)))
    return;

  adw_view_stack_set_visible_child (self->view_stack, child);
}

static void
preferences_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  TdPreferencesWindow *preferences;

  preferences = td_preferences_window_new (GTK_WINDOW (self), self->session, self->demo);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
dismiss_banner_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  td_window_show_banner (TD_WINDOW (widget), NULL);
}

static void
activity_window_destroyed_cb (GtkWidget *activity_window,
                              TdWindow  *self)
{
  const char *id = g_object_get_data (G_OBJECT (activity_window), "td-campaign-id");

  if (self->activity_windows != NULL && id != NULL &&
      g_hash_table_lookup (self->activity_windows, id) == activity_window)
    g_hash_table_remove (self->activity_windows, id);
}

static void
close_activity_windows (TdWindow *self)
{
  g_autoptr(GList) windows = g_hash_table_get_values (self->activity_windows);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_hash_table_remove_all (self->activity_windows);
}

/* Campaign Activity opens in a window of its own, one per campaign, so
 * that a manager can keep several side by side with the table. */
static void
open_activity_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GtkWindow *activity_window;
  TdCampaign *campaign;
  GtkWidget *activity;

  if (self->session == NULL)
    return;

  activity_window = g_hash_table_lookup (self->activity_windows, id);
  if (activity_window != NULL)
    {
      gtk_window_present (activity_window);
      return;
    }

  campaign = td_campaigns_page_find_campaign (self->campaigns_page, id);
  if (campaign == NULL)
    return;

  activity = td_campaign_activity_new (self->session, campaign);
  activity_window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_application (activity_window,
                              gtk_window_get_application (GTK_WINDOW (self)));
  /* TRANSLATORS: the title of a Campaign Activity window, e.g.
   * "Rock Tickets — Activity" */
  {
    g_autofree char *title = g_strdup_printf (_("%s — Activity"),
                                              td_campaign_get_name (campaign));

    gtk_window_set_title (activity_window, title);
  }
  gtk_window_set_default_size (activity_window, 960, 680);
  adw_window_set_content (ADW_WINDOW (activity_window), activity);
#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (activity_window), "devel");
#endif

  g_object_set_data_full (G_OBJECT (activity_window), "td-campaign-id",
                          g_strdup (id), g_free);
  g_hash_table_insert (self->activity_windows, g_strdup (id), activity_window);
  g_signal_connect_object (activity_window, "destroy",
                           G_CALLBACK (activity_window_destroyed_cb), self, 0);

  gtk_window_present (activity_window);
}

/**
 * td_window_get_activity_window:
 * @self: a #TdWindow
 * @campaign_id: a campaign's id
 *
 * Returns: (transfer none) (nullable): the open Campaign Activity window
 *   of that campaign
 */
GtkWindow *
td_window_get_activity_window (TdWindow   *self,
                               const char *campaign_id)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return g_hash_table_lookup (self->activity_windows, campaign_id);
}

/* GtkWindow */

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      set_session (self, NULL);
    }
  if (self->activity_windows != NULL)
    close_activity_windows (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->secrets);
  g_clear_pointer (&self->activity_windows, g_hash_table_unref);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;
  object_class->get_property = td_window_get_property;

  window_class->close_request = td_window_close_request;

  /**
   * TdWindow:session:
   *
   * The session of who is signed in, or %NULL on the sign-in page.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TD_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, stream_stack_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, campaigns_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, stream_page);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, lists_page);
  gtk_widget_class_bind_template_callback (widget_class, signed_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_busy_cb);

  gtk_widget_class_install_action (widget_class, "win.show-primary-menu", NULL,
                                   show_primary_menu_action_cb);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL,
                                   sign_out_action_cb);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL,
                                   preferences_action_cb);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL,
                                   dismiss_banner_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-activity", "s",
                                   open_activity_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s",
                                   show_view_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "campaigns");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "stream");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK,
                                       "win.show-view", "s", "lists");

  g_type_ensure (TD_TYPE_CAMPAIGNS_PAGE);
  g_type_ensure (TD_TYPE_LISTS_PAGE);
  g_type_ensure (TD_TYPE_SIGN_IN_PAGE);
  g_type_ensure (TD_TYPE_STREAM_PAGE);
}

static void
update_actions (TdWindow *self)
{
  gboolean signed_in = self->session != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-activity", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-view", signed_in);
}

static void
td_window_init (TdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->secrets = td_secret_store_new ();
  self->activity_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_signal_connect (self, "notify::session", G_CALLBACK (update_actions), NULL);
  update_actions (self);
  show_page (self, "sign-in");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * td_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window
 */
TdWindow *
td_window_new (TdApplication *application)
{
  g_return_val_if_fail (TD_IS_APPLICATION (application), NULL);

  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * td_window_get_session:
 * @self: a #TdWindow
 *
 * Returns: (transfer none) (nullable): the session of who is signed in
 */
TdSession *
td_window_get_session (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * td_window_add_toast:
 * @self: a #TdWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows @toast over the window's views.
 */
void
td_window_add_toast (TdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (TD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
