/* td-window.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-window"

#include "config.h"

#include <glib/gi18n.h>

#include "td-campaigns-page.h"
#include "td-lists-page.h"
#include "td-stream-page.h"
#include "td-window.h"

struct _TdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkMenuButton        *primary_menu_button;
};

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

static void
show_primary_menu_action_cb (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TdWindow *self = TD_WINDOW (widget);

  gtk_menu_button_popup (self->primary_menu_button);
}

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

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;

  window_class->close_request = td_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, primary_menu_button);

  gtk_widget_class_install_action (widget_class, "win.show-primary-menu", NULL,
                                   show_primary_menu_action_cb);

  g_type_ensure (TD_TYPE_CAMPAIGNS_PAGE);
  g_type_ensure (TD_TYPE_LISTS_PAGE);
  g_type_ensure (TD_TYPE_STREAM_PAGE);
}

static void
td_window_init (TdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

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
