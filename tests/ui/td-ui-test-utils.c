/* td-ui-test-utils.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui-test"

#include "config.h"

#include <glib/gstdio.h>

#include "td-ui.h"
#include "td-ui-test-utils.h"


/**
 * td_ui_test_init:
 *
 * Initialises GTest, GTK and libadwaita for a UI test, with the app's
 * resources, so that widgets can be built one by one.
 */
void
td_ui_test_init (int    *argc,
                 char ***argv)
{
  g_test_init (argc, argv, NULL);

  gtk_init ();
  adw_init ();
  td_ui_init ();
}

/**
 * td_ui_test_get_application:
 *
 * A test program has one registered application, as the app has; each
 * test makes its own windows on it.
 *
 * Returns: (transfer none): the #TdApplication of this test program
 */
TdApplication *
td_ui_test_get_application (void)
{
  static TdApplication *app;

  if (app == NULL)
    {
      g_autoptr(GError) error = NULL;

      app = td_application_new (APPLICATION_ID);
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }

  return app;
}

/**
 * td_ui_test_iterate:
 * @milliseconds: how long to run the main loop
 *
 * Runs the main loop for a while, so that layout, drawing and I/O happen.
 */
void
td_ui_test_iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/**
 * td_ui_test_wait_until:
 * @predicate: returns %TRUE when the wait is over
 * @data: passed to @predicate
 * @timeout_ms: the longest wait
 *
 * Runs the main loop until @predicate holds.
 *
 * Returns: whether @predicate came to hold before the timeout
 */
gboolean
td_ui_test_wait_until (gboolean (*predicate) (gpointer),
                       gpointer   data,
                       guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!predicate (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;

      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static void
painted_cb (GdkFrameClock *clock,
            gpointer       data)
{
  *(gboolean *) data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
wait_for_paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  if (clock == NULL)
    return;

  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_widget_queue_draw (widget);
  /* No assertion: a busy machine may take long, and the render below
   * says whether there is something to save. */
  td_ui_test_wait_until (flag_set, &painted, 2000);
  g_signal_handler_disconnect (clock, handler);
}

/**
 * td_ui_test_save_screenshot:
 * @widget: a realized, mapped widget
 * @name: the file name, without extension
 *
 * Renders @widget as a person would see it and saves it as a PNG in
 * `$TEXTDESK_SCREENSHOT_DIR`, so that a person can look at each step of a
 * test afterwards.
 *
 * Returns: (transfer full): the path of the PNG
 */
char *
td_ui_test_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  const char *dir;
  GskRenderer *renderer;
  int width, height;

  dir = g_getenv ("TEXTDESK_SCREENSHOT_DIR");
  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);

  /* Let pending layout and frames settle, then wait for a frame to be
   * painted: a widget that was never drawn has nothing to render yet. */
  td_ui_test_iterate (200);
  wait_for_paint (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  paintable = gtk_widget_paintable_new (widget);

  /* The paintable holds the last frame drawn; right after something in
   * the window asked to be redrawn (a blinking cursor, a spinner) it is
   * empty until the next frame, so wait for that frame. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      if (attempt > 0)
        td_ui_test_iterate (20);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  file_name = g_strdup_printf ("%s.png", name);
  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

static GtkWidget *
find_widget (GtkWidget *root,
             gboolean (*match) (GtkWidget *, gconstpointer),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_matches (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
type_matches (GtkWidget     *widget,
              gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/**
 * td_ui_test_find_label:
 * @root: where to look
 * @text: the text a person would read
 *
 * Returns: (transfer none) (nullable): the first mapped #GtkLabel under
 *   @root that shows @text
 */
GtkWidget *
td_ui_test_find_label (GtkWidget  *root,
                       const char *text)
{
  return find_widget (root, label_matches, text);
}

/**
 * td_ui_test_find_by_type:
 * @root: where to look
 * @type: a widget type
 *
 * Returns: (transfer none) (nullable): the first widget of @type under @root
 */
GtkWidget *
td_ui_test_find_by_type (GtkWidget *root,
                         GType      type)
{
  return find_widget (root, type_matches, GSIZE_TO_POINTER (type));
}
