/* td-application.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>

#include "td-application.h"
#include "td-demo-platform.h"
#include "td-ui.h"
#include "td-window.h"

struct _TdApplication
{
  AdwApplication  parent_instance;

  TdDemoPlatform *demo_platform;
  gboolean        demo_requested;
};

G_DEFINE_FINAL_TYPE (TdApplication, td_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Try Textdesk on a demo platform started on this computer"), NULL },
  { NULL }
};

static int
td_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("textdesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "demo"))
    TD_APPLICATION (app)->demo_requested = TRUE;

  return -1;
}

static void
td_application_activate (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    {
      window = GTK_WINDOW (td_window_new (self));
      gtk_window_present (window);
      td_window_start (TD_WINDOW (window), self->demo_requested);
      self->demo_requested = FALSE;
      return;
    }

  gtk_window_present (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TdApplication *self = user_data;
  static const char *developers[] = { "The Textdesk authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Textdesk"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Textdesk authors"),
                        "version", PACKAGE_VERSION,
                        "comments",
                        _("Run SMS keyword campaigns and answer the people who text in"),
                        "website", "https://textdesk.github.io",
                        "issue-url", "https://github.com/textdesk/textdesk/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Textdesk authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows;

  /* Close the windows first so that each cancels its work in dispose. */
  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }

  g_application_quit (app);
}

static void
activate_window_action_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  /* From a notification: bring the window to the front. */
  g_application_activate (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "activate-window", activate_window_action_cb },
  { "quit", quit_action_cb },
};

static gboolean
quit_on_signal_cb (gpointer user_data)
{
  /* Ctrl+C in the terminal of build-aux/run-demo, or a SIGTERM: quit as
   * the menu does, so that the demo platform is stopped too. */
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);

  return G_SOURCE_CONTINUE;
}

static void
td_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *menu_accels[] = { "F10", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (td_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);

  g_unix_signal_add (SIGINT, quit_on_signal_cb, app);
  g_unix_signal_add (SIGTERM, quit_on_signal_cb, app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-primary-menu",
                                         menu_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay",
                                         shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences", prefs_accels);
}

static void
demo_stopped_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_demo_platform_stop_finish (TD_DEMO_PLATFORM (source), result, &error))
    g_warning ("The demo platform did not stop: %s", error->message);

  *done = TRUE;
}

static void
td_application_shutdown (GApplication *app)
{
  TdApplication *self = TD_APPLICATION (app);

  /* Stop the demo platform and wait for it, so that it never outlives the
   * app; td_demo_platform_stop_async() kills it if it takes too long. */
  if (self->demo_platform != NULL && td_demo_platform_get_running (self->demo_platform))
    {
      gboolean done = FALSE;

      td_demo_platform_stop_async (self->demo_platform, NULL, demo_stopped_cb, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&self->demo_platform);

  G_APPLICATION_CLASS (td_application_parent_class)->shutdown (app);
}

static void
td_application_dispose (GObject *object)
{
  TdApplication *self = TD_APPLICATION (object);

  g_clear_object (&self->demo_platform);

  G_OBJECT_CLASS (td_application_parent_class)->dispose (object);
}

static void
td_application_class_init (TdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = td_application_dispose;

  app_class->activate = td_application_activate;
  app_class->startup = td_application_startup;
  app_class->shutdown = td_application_shutdown;
  app_class->handle_local_options = td_application_handle_local_options;
}

static void
td_application_init (TdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

/**
 * td_application_new:
 * @application_id: the application id of this build's profile
 *
 * Returns: (transfer full): a new #TdApplication
 */
TdApplication *
td_application_new (const char *application_id)
{
  td_ui_init ();

  return g_object_new (TD_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * td_application_get_demo_platform:
 * @self: a #TdApplication
 *
 * The demo platform this app starts on "Try the Demo" and stops when it
 * quits.
 *
 * Returns: (transfer none): the #TdDemoPlatform
 */
TdDemoPlatform *
td_application_get_demo_platform (TdApplication *self)
{
  g_return_val_if_fail (TD_IS_APPLICATION (self), NULL);

  if (self->demo_platform == NULL)
    self->demo_platform = td_demo_platform_new ();

  return self->demo_platform;
}
