/* test-template.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-template"

#include "td-template.h"

static GHashTable *
make_values (const char *first_key,
             ...)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;

  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    g_hash_table_insert (values, g_strdup (key), g_strdup (va_arg (args, const char *)));
  va_end (args);

  return values;
}

static void
assert_fill (const char *text,
             GHashTable *values,
             const char *expected)
{
  g_autofree char *filled = td_template_fill (text, values);

  g_assert_cmpstr (filled, ==, expected);
}

static void
test_template_fill_known (void)
{
  g_autoptr(GHashTable) values = make_values ("first_name", "Ann",
                                              "last_name", "Lee",
                                              "phone", "(555) 010-0123",
                                              "favorite_song", "Wonderwall",
                                              NULL);

  assert_fill ("Hi {first_name} {last_name}!", values, "Hi Ann Lee!");
  assert_fill ("{FIRST_NAME}, we have {favorite_song} for you", values,
               "Ann, we have Wonderwall for you");
  assert_fill ("We'll call {phone}.", values, "We'll call (555) 010-0123.");
  assert_fill ("{first_name}{first_name}", values, "AnnAnn");
  assert_fill ("No placeholders at all", values, "No placeholders at all");
  assert_fill ("", values, "");
  assert_fill ("\xF0\x9F\x8E\xB5 {first_name} \xE2\x82\xAC", values,
               "\xF0\x9F\x8E\xB5 Ann \xE2\x82\xAC");
}

static void
test_template_fallbacks (void)
{
  g_autoptr(GHashTable) values = make_values ("first_name", "  ",
                                              "last_name", "",
                                              "city", "",
                                              NULL);

  /* An empty first name reads "there"; other empty keys read nothing
   * and take their leading space along. */
  assert_fill ("Hi {first_name}!", values, "Hi there!");
  assert_fill ("Hi {first_name} {last_name}!", values, "Hi there!");
  assert_fill ("Hi {first_name} {last_name}, welcome", values, "Hi there, welcome");
  assert_fill ("See you in {city} soon", values, "See you in soon");
  assert_fill ("Hi {first_name|friend}!", values, "Hi friend!");
  assert_fill ("From {city|your town}.", values, "From your town.");
  assert_fill ("Hi {first_name}!", NULL, "Hi there!");
  assert_fill ("Song: {favorite_song}.", NULL, "Song:.");
  assert_fill ("Song: {favorite_song|a surprise}.", NULL, "Song: a surprise.");
}

static void
test_template_fallback_unused_when_set (void)
{
  g_autoptr(GHashTable) values = make_values ("first_name", "Bo", NULL);

  assert_fill ("Hi {first_name|friend}!", values, "Hi Bo!");
}

static void
test_template_literals (void)
{
  g_autoptr(GHashTable) values = make_values ("first_name", "Ann", NULL);

  assert_fill ("{{first_name} is how you write it", values,
               "{first_name} is how you write it");
  assert_fill ("Text { 50% off } now", values, "Text { 50% off } now");
  assert_fill ("{} {1st} {first name} {", values, "{} {1st} {first name} {");
  assert_fill ("{first_name", values, "{first_name");
  assert_fill ("a } b", values, "a } b");
}

static void
test_template_list (void)
{
  g_autoptr(GHashTable) values = make_values ("favorite_song", "x", NULL);
  g_auto(GStrv) keys = td_template_list_placeholders (
      "Hi {first_name}, {Favorite_Song|?} {frist_name} {first_name} {{phone}");
  g_auto(GStrv) unknown = td_template_list_unknown (
      "Hi {first_name}, {favorite_song} {frist_name} {last_name} {phone}", values);
  const char *expected_keys[] = { "first_name", "favorite_song", "frist_name", NULL };
  const char *expected_unknown[] = { "frist_name", NULL };

  g_assert_cmpstrv (keys, expected_keys);
  g_assert_cmpstrv (unknown, expected_unknown);
  g_assert_true (td_template_has_placeholders ("Hi {first_name}"));
  g_assert_false (td_template_has_placeholders ("Hi {{first_name}"));
  g_assert_false (td_template_has_placeholders ("Hi { there }"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/fill-known", test_template_fill_known);
  g_test_add_func ("/template/fallbacks", test_template_fallbacks);
  g_test_add_func ("/template/fallback-unused-when-set", test_template_fallback_unused_when_set);
  g_test_add_func ("/template/literals", test_template_literals);
  g_test_add_func ("/template/list", test_template_list);

  return g_test_run ();
}
