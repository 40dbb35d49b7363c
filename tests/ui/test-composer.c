/* test-composer.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-composer"

#include "config.h"

#include <gdk/x11/gdkx.h>

#include "td-composer.h"
#include "td-ui-test-utils.h"

typedef struct
{
  GtkWindow *window;
  TdComposer *composer;
  GPtrArray *sent;
} Fixture;

static gboolean
widget_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
send_cb (TdComposer *composer,
         const char *body,
         Fixture    *fixture)
{
  g_ptr_array_add (fixture->sent, g_strdup (body));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->sent = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, data ? data : "Composer test");
  gtk_window_set_default_size (fixture->window, 420, 240);
  fixture->composer = TD_COMPOSER (td_composer_new ());
  gtk_widget_set_valign (GTK_WIDGET (fixture->composer), GTK_ALIGN_END);
  gtk_widget_set_margin_top (GTK_WIDGET (fixture->composer), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (fixture->composer), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (fixture->composer), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (fixture->composer), 12);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->composer));
  g_signal_connect (fixture->composer, "send", G_CALLBACK (send_cb), fixture);
  gtk_window_present (fixture->window);
  g_assert_true (td_ui_test_wait_until (widget_is_mapped, fixture->window, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_ptr_array_unref (fixture->sent);
}

/* The counter as a person reads it under the reply box. */
static void
assert_counter (Fixture    *fixture,
                const char *expected)
{
  g_assert_cmpstr (td_composer_get_counter_text (fixture->composer), ==, expected);
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer), expected));
}

static void
test_composer_counter (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *shot = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);

  assert_counter (fixture, "0 / 160 · 0 texts · GSM-7");
  g_assert_false (td_composer_get_can_send (fixture->composer));

  td_composer_set_text (fixture->composer, "Thanks for texting ROCK! Doors open at 7.");
  assert_counter (fixture, "41 / 160 · 1 text · GSM-7");
  g_assert_true (td_composer_get_can_send (fixture->composer));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-counter-gsm");
  g_clear_pointer (&shot, g_free);

  /* € and the brackets come from the extension table: 2 septets each. */
  td_composer_set_text (fixture->composer, "Win \xE2\x82\xAC" "20 tickets [today]");
  assert_counter (fixture, "26 / 160 · 1 text · GSM-7");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-counter-extension");
  g_clear_pointer (&shot, g_free);

  /* One emoji turns the whole text into UCS-2; it takes two units. */
  td_composer_set_text (fixture->composer, "Thanks \xF0\x9F\x98\x8E");
  assert_counter (fixture, "9 / 70 · 1 text · UCS-2");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-counter-emoji");
  g_clear_pointer (&shot, g_free);

  /* Removing it switches back at once. */
  td_composer_set_text (fixture->composer, "Thanks ");
  assert_counter (fixture, "6 / 160 · 1 text · GSM-7");

  for (guint i = 0; i < 20; i++)
    g_string_append (long_text, "Rock on! ");
  td_composer_set_text (fixture->composer, long_text->str);
  assert_counter (fixture, "26 / 153 · 2 texts · GSM-7");
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-counter-multipart");
}

static void
test_composer_placeholders (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GHashTable) values = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) cyrillic = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *shot = NULL;

  g_hash_table_insert (values, (char *) "first_name", (char *) "Ann");
  td_composer_set_values (fixture->composer, values);
  td_composer_set_text (fixture->composer, "Hi {first_name}! See you at {venue}.");

  /* The counter measures "Hi Ann! See you at." and the preview shows it,
   * with a word about the field this subscriber does not have. */
  assert_counter (fixture, "19 / 160 · 1 text · GSM-7");
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer),
                                           "Preview: Hi Ann! See you at."));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer),
                                           "This subscriber has no field venue: it will be left out."));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-preview");

  /* The same template for a subscriber whose name needs UCS-2. */
  g_hash_table_insert (cyrillic, (char *) "first_name", (char *) "\xD0\x96\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB0");
  g_hash_table_insert (cyrillic, (char *) "venue", (char *) "Hall 2");
  td_composer_set_values (fixture->composer, cyrillic);
  assert_counter (fixture, "28 / 70 · 1 text · UCS-2");
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer),
                                           "Preview: Hi \xD0\x96\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB0! See you at Hall 2."));

  /* The Insert menu puts a placeholder at the cursor. */
  td_composer_set_text (fixture->composer, "Hello ");
  {
    GtkTextView *view = GTK_TEXT_VIEW (td_ui_test_find_by_type (GTK_WIDGET (fixture->composer),
                                                                 GTK_TYPE_TEXT_VIEW));
    GtkTextIter end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_end_iter (gtk_text_view_get_buffer (view), &end);
    gtk_text_buffer_place_cursor (gtk_text_view_get_buffer (view), &end);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->composer),
                                               "composer.insert-placeholder", "s", "first_name"));
    text = td_composer_get_text (fixture->composer);
    g_assert_cmpstr (text, ==, "Hello {first_name}");
    g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer),
                                             "Preview: Hello \xD0\x96\xD0\xB0\xD0\xBD\xD0\xBD\xD0\xB0"));
  }

  /* Without a first name it reads "there". */
  td_composer_set_values (fixture->composer, NULL);
  td_composer_set_text (fixture->composer, "Hi {first_name}!");
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer), "Preview: Hi there!"));

  /* What goes out is the filled text. */
  td_composer_set_values (fixture->composer, values);
  g_assert_true (td_composer_send (fixture->composer));
  g_assert_cmpuint (fixture->sent->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->sent, 0), ==, "Hi Ann!");
  /* It stays until its owner says the platform has it. */
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer), "Preview: Hi Ann!"));
}

static void
test_composer_blocked (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *reason = "Ann Lee opted out of texts. Nothing can be sent to them.";
  g_autofree char *shot = NULL;

  td_composer_set_text (fixture->composer, "Hello?");
  g_assert_true (td_composer_get_can_send (fixture->composer));

  td_composer_set_blocked_reason (fixture->composer, reason);
  g_assert_false (td_composer_get_can_send (fixture->composer));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer), reason));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL) &&
                  fixture->sent->len > 0);
  g_assert_false (td_composer_send (fixture->composer));
  g_assert_cmpuint (fixture->sent->len, ==, 0);
  shot = td_ui_test_save_screenshot (GTK_WIDGET (fixture->window), "composer-opted-out");

  td_composer_set_blocked_reason (fixture->composer, NULL);
  g_assert_null (td_ui_test_find_label (GTK_WIDGET (fixture->composer), reason));
  g_assert_true (td_composer_get_can_send (fixture->composer));
}

static void
test_composer_busy (Fixture       *fixture,
                    gconstpointer  data)
{
  td_composer_set_text (fixture->composer, "Once only");
  g_assert_true (td_composer_send (fixture->composer));
  td_composer_set_busy (fixture->composer, TRUE);

  /* In flight: a second press sends nothing, and the text is kept. */
  g_assert_false (td_composer_send (fixture->composer));
  gtk_widget_activate_action (GTK_WIDGET (fixture->composer), "composer.send", NULL);
  g_assert_cmpuint (fixture->sent->len, ==, 1);
  g_assert_false (td_composer_get_can_send (fixture->composer));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->composer),
                                           "9 / 160 · 1 text · GSM-7"));

  td_composer_set_busy (fixture->composer, FALSE);
  td_composer_set_text (fixture->composer, "");
  g_assert_false (td_composer_get_can_send (fixture->composer));

  /* Only spaces would arrive as nothing. */
  td_composer_set_text (fixture->composer, "   \n ");
  g_assert_false (td_composer_send (fixture->composer));
  g_assert_cmpuint (fixture->sent->len, ==, 1);
}

static gboolean
sent_one (gpointer data)
{
  Fixture *fixture = data;

  return fixture->sent->len >= 1;
}

static gboolean
has_focus (gpointer data)
{
  return gtk_widget_has_focus (GTK_WIDGET (data));
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static void
test_composer_ctrl_enter (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *command = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GtkWidget *text_view;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (fixture->window))) ||
      g_find_program_in_path ("xdotool") == NULL)
    {
      g_test_skip ("Needs X11 and xdotool to press keys");
      return;
    }

  td_composer_set_text (fixture->composer, "Line one");
  text_view = td_ui_test_find_by_type (GTK_WIDGET (fixture->composer), GTK_TYPE_TEXT_VIEW);

  /* Real key presses, through the X server, as a person types them. */
  command = g_strdup_printf ("xdotool search --sync --name \"^%s$\" windowfocus --sync",
                             (const char *) data);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (td_ui_test_wait_until (window_is_active, fixture->window, 5000));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->composer));
  g_assert_true (td_ui_test_wait_until (has_focus, text_view, 5000));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_place_cursor (buffer, &end);
  }

  /* Enter alone is a new line... */
  g_spawn_command_line_sync ("xdotool key --clearmodifiers Return", NULL, NULL, &status, &error);
  g_assert_no_error (error);
  td_ui_test_iterate (300);
  text = td_composer_get_text (fixture->composer);
  g_assert_cmpstr (text, ==, "Line one\n");
  g_assert_cmpuint (fixture->sent->len, ==, 0);

  /* ...Ctrl+Enter sends, and adds no line. */
  /* Ctrl held down around the key, with time for a loaded machine to
   * see one before the other. */
  g_spawn_command_line_sync ("xdotool keydown --delay 100 ctrl key --delay 100 Return "
                             "keyup --delay 100 ctrl",
                             NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (td_ui_test_wait_until (sent_one, fixture, 15000));
  g_assert_cmpstr (g_ptr_array_index (fixture->sent, 0), ==, "Line one");
  g_clear_pointer (&text, g_free);
  text = td_composer_get_text (fixture->composer);
  g_assert_cmpstr (text, ==, "Line one\n");
}

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);
  /* The application loads the app's style sheet, as in the app. */
  td_ui_test_get_application ();

  g_test_add ("/composer/counter", Fixture, NULL,
              fixture_set_up, test_composer_counter, fixture_tear_down);
  g_test_add ("/composer/placeholders", Fixture, NULL,
              fixture_set_up, test_composer_placeholders, fixture_tear_down);
  g_test_add ("/composer/blocked", Fixture, NULL,
              fixture_set_up, test_composer_blocked, fixture_tear_down);
  g_test_add ("/composer/busy", Fixture, NULL,
              fixture_set_up, test_composer_busy, fixture_tear_down);
  g_test_add ("/composer/ctrl-enter", Fixture, "Composer keys test",
              fixture_set_up, test_composer_ctrl_enter, fixture_tear_down);

  return g_test_run ();
}
