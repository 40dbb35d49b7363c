/* test-window.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include "td-application.h"
#include "td-window.h"
#include "td-ui-test-utils.h"

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
test_window_shows_three_views (void)
{
  TdApplication *app = td_ui_test_get_application ();
  g_autofree char *shot = NULL;
  AdwViewStack *stack;
  TdWindow *window;
  GtkWidget *title;
  const char *names[] = { "campaigns", "stream", "lists" };

  window = td_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (td_ui_test_wait_until (window_is_mapped, window, 5000));

  stack = ADW_VIEW_STACK (td_ui_test_find_by_type (GTK_WIDGET (window),
                                                    ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (adw_view_stack_get_child_by_name (stack, names[i]));

  title = td_ui_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_SWITCHER_TITLE);
  g_assert_nonnull (title);

  /* Nobody is signed in yet: the window opens on the sign-in page, and
   * the views (with their switcher) wait behind it. */
  g_assert_null (td_window_get_session (window));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Sign In to Textdesk"));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Sign In"));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (window), "Try the Demo"));
  g_assert_null (td_ui_test_find_label (GTK_WIDGET (window), "Conversation Stream"));
  g_assert_false (gtk_widget_get_mapped (title));

  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "window-sign-in");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_remembers_size (void)
{
  TdApplication *app = td_ui_test_get_application ();
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  TdWindow *window;

  window = td_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (td_ui_test_wait_until (window_is_mapped, window, 5000));

  gtk_window_close (GTK_WINDOW (window));
  td_ui_test_iterate (100);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
}

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *accels)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      g_hash_table_insert (accels, g_steal_pointer (&title), g_steal_pointer (&accelerator));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, accels);
}

/* Whether @widget handles @accelerator itself with @action_name. */
static gboolean
has_key_binding (GtkWidget  *widget,
                 const char *accelerator,
                 const char *action_name)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted) &&
              GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                         action_name) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

static void
test_window_shortcuts (void)
{
  TdApplication *app = td_ui_test_get_application ();
  g_autoptr(GHashTable) accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkShortcutsWindow *overlay;
  TdWindow *window;
  /* What the menus and the app bind, as the shortcuts window lists them. */
  const struct { const char *title; const char *action; } app_accels[] = {
    { "Show Main Menu", "win.show-primary-menu" },
    { "Preferences", "win.preferences" },
    { "Keyboard Shortcuts", "win.show-help-overlay" },
    { "Close Window", "window.close" },
    { "Quit", "app.quit" },
  };
  /* What the views bind themselves. */
  const struct { const char *title; const char *accelerator; } listed[] = {
    { "Campaigns", "<Control>1" },
    { "Conversation Stream", "<Control>2" },
    { "Lists", "<Control>3" },
    { "Search Campaigns", "<Control>f" },
    { "Send Reply", "<Control>Return" },
    { "Collapse Reply or Close Activity", "Escape" },
    { "Search the Stream", "<Control>f" },
    { "Take the Suggestion", "<Control><Shift>Return" },
    { "New List", "<Control>n" },
    { "Rename List", "F2" },
    { "Import Subscribers", "<Control>i" },
    { "Export Members", "<Control>e" },
    { "Remove Selected Members", "Delete" },
  };

  window = td_window_new (app);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (td_ui_test_wait_until (window_is_mapped, window, 5000));

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  collect_shortcuts (GTK_WIDGET (overlay), accels);

  /* The shortcuts window says what the menus say. */
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    {
      g_auto(GStrv) bound = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   app_accels[i].action);

      g_assert_nonnull (bound[0]);
      g_assert_cmpstr (g_hash_table_lookup (accels, app_accels[i].title), ==, bound[0]);
    }
  g_assert_cmpstr (g_hash_table_lookup (accels, "Preferences"), ==, "<Control>comma");

  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    g_assert_cmpstr (g_hash_table_lookup (accels, listed[i].title), ==, listed[i].accelerator);

  /* Ctrl+1, 2 and 3 switch the views: the window binds them. */
  g_assert_true (has_key_binding (GTK_WIDGET (window), "<Control>1", "win.show-view"));
  g_assert_true (has_key_binding (GTK_WIDGET (window), "<Control>2", "win.show-view"));
  g_assert_true (has_key_binding (GTK_WIDGET (window), "<Control>3", "win.show-view"));

  /* Not presented here: GTK 4.8 warns (fatally in tests) that the keycap
   * of "1" reported a negative width. FIXME: show it once GTK does not. */
  gtk_window_destroy (GTK_WINDOW (window));
}

static double
text_lightness (GtkWidget *widget)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
}

static gboolean
style_is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
style_is_light (gpointer data)
{
  return !adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
test_window_dark_sign_in (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *shot = NULL;
  TdWindow *window;
  GtkWidget *title;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (td_ui_test_wait_until (style_is_dark, NULL, 5000));

  window = td_window_new (td_ui_test_get_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (td_ui_test_wait_until (window_is_mapped, window, 5000));

  /* Light text on the dark window, like everything else in it. */
  title = td_ui_test_find_label (GTK_WIDGET (window), "Sign In to Textdesk");
  g_assert_nonnull (title);
  g_assert_cmpfloat (text_lightness (title), >, 0.7);
  shot = td_ui_test_save_screenshot (GTK_WIDGET (window), "window-sign-in-dark");

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (td_ui_test_wait_until (style_is_light, NULL, 5000));
}

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);

  g_test_add_func ("/window/three-views", test_window_shows_three_views);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/window/dark-sign-in", test_window_dark_sign_in);

  return g_test_run ();
}
