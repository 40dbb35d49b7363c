/* td-preferences-window.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-preferences-window.h"

/*
 * Preferences: who is signed in and where, and whether new texts are
 * told by a notification. Small on purpose: the rest lives on the
 * platform.
 */

struct _TdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwActionRow         *server_row;
  AdwActionRow         *user_row;
  AdwActionRow         *account_row;
  GtkSwitch            *notify_switch;
};

G_DEFINE_FINAL_TYPE (TdPreferencesWindow, td_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Row subtitles are markup: what comes from the platform is escaped. */
static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
td_preferences_window_finalize (GObject *object)
{
  TdPreferencesWindow *self = TD_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->finalize (object);
}

static void
td_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (td_preferences_window_parent_class)->dispose (object);
}

static void
td_preferences_window_class_init (TdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_preferences_window_dispose;
  object_class->finalize = td_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, user_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, account_row);
  gtk_widget_class_bind_template_child (widget_class, TdPreferencesWindow, notify_switch);
}

static void
td_preferences_window_init (TdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "notify-new-texts",
                   self->notify_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

/**
 * td_preferences_window_new:
 * @parent: the main window
 * @session: (nullable): the session of who is signed in
 * @demo: whether it is the demo platform on this computer
 *
 * Returns: (transfer full): a new preferences window
 */
TdPreferencesWindow *
td_preferences_window_new (GtkWindow *parent,
                           TdSession *session,
                           gboolean   demo)
{
  TdPreferencesWindow *self;
  g_autofree char *user = NULL;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || TD_IS_SESSION (session), NULL);

  self = g_object_new (TD_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);

  if (session != NULL)
    {
      TdAccountInfo *me = td_session_get_account_info (session);
      const char *url = td_client_get_base_url (td_session_get_client (session));
      const char *name = td_account_info_get_name (me);
      const char *email = td_account_info_get_email (me);
      const char *role = td_account_info_is_admin (me) ? _("Admin") : _("Member");

      if (demo)
        {
          /* TRANSLATORS: the server of the demo, e.g. "Demo platform on
           * this computer (http://127.0.0.1:41019)" */
          g_autofree char *text = g_strdup_printf (_("Demo platform on this computer (%s)"),
                                                   url);

          set_subtitle (self->server_row, text);
        }
      else
        {
          set_subtitle (self->server_row, url);
        }

      if (name != NULL && *name != '\0')
        /* TRANSLATORS: a user, e.g. "Ana Lima <ana@wave.example>" */
        user = g_strdup_printf (_("%s <%s>"), name, email);
      else
        user = g_strdup (email);
      set_subtitle (self->user_row, user);

      {
        /* TRANSLATORS: the account and the user's role in it, e.g.
         * "Wave 101.9 FM · Admin" */
        g_autofree char *account = g_strdup_printf (_("%s · %s"),
                                                    td_account_info_get_account_name (me),
                                                    role);

        set_subtitle (self->account_row, account);
      }
    }

  return self;
}
