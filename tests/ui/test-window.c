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

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);

  g_test_add_func ("/window/three-views", test_window_shows_three_views);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);

  return g_test_run ();
}
