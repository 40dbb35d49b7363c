/* test-keyword.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-keyword"

#include "td-core-error.h"
#include "td-keyword.h"

static void
test_keyword_first_word (void)
{
  static const struct {
    const char *text;
    const char *word;
  } cases[] = {
    { "ROCK", "ROCK" },
    { "rock", "ROCK" },
    { "  Rock!", "ROCK" },
    { "rock, please sign me up", "ROCK" },
    { "\"rock\"", "ROCK" },
    { "¡Rock!", "ROCK" },
    { "...rock...", "ROCK" },
    { "R&B night", "R&B" },
    { "\u00e9t\u00e9 2026", "\u00c9T\u00c9" },
    { "\t\nrock\n", "ROCK" },
    { "🎸 rock", NULL },
    { "", NULL },
    { "   ", NULL },
    { "!!!", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *word = td_keyword_first_word (cases[i].text);

      g_assert_cmpstr (word, ==, cases[i].word);
    }

  g_assert_null (td_keyword_first_word (NULL));
  g_assert_null (td_keyword_first_word ("\xff\xfe rock"));
}

static void
test_keyword_matches (void)
{
  g_assert_true (td_keyword_matches ("ROCK", "rock"));
  g_assert_true (td_keyword_matches ("ROCK", "Rock. Thanks!"));
  g_assert_false (td_keyword_matches ("ROCK", "rocks"));
  g_assert_false (td_keyword_matches ("ROCK", "I rock"));
  g_assert_false (td_keyword_matches ("ROCK", NULL));
}

static void
test_keyword_normalize (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ok = td_keyword_normalize (" rock! ", &error);
  char *bad;

  g_assert_no_error (error);
  g_assert_cmpstr (ok, ==, "ROCK");

  bad = td_keyword_normalize ("two words", &error);
  g_assert_null (bad);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE);
  g_clear_error (&error);

  bad = td_keyword_normalize ("?!", &error);
  g_assert_null (bad);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY);
  g_clear_error (&error);

  bad = td_keyword_normalize ("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABC", &error);
  g_assert_null (bad);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE);
}

static void
test_keyword_distance (void)
{
  g_assert_cmpuint (td_keyword_distance ("ROCK", "ROCK"), ==, 0);
  g_assert_cmpuint (td_keyword_distance ("ROCK", "ROKC"), ==, 1);   /* swap */
  g_assert_cmpuint (td_keyword_distance ("ROCK", "ROK"), ==, 1);    /* dropped */
  g_assert_cmpuint (td_keyword_distance ("ROCK", "ROCKK"), ==, 1);  /* doubled */
  g_assert_cmpuint (td_keyword_distance ("ROCK", "RACK"), ==, 1);   /* wrong */
  g_assert_cmpuint (td_keyword_distance ("ROCK", "JAZZ"), ==, 4);
  g_assert_cmpuint (td_keyword_distance ("ÉTÉ", "ETE"), ==, 2);    /* characters, not bytes */
  g_assert_cmpuint (td_keyword_distance ("", "ABC"), ==, 3);
}

static void
test_keyword_suggest (void)
{
  const char *keywords[] = { "HI", "ROCK", "TICKETS", "CONCERT", "SUMMERFEST", NULL };
  guint distance;

  g_assert_cmpstr (td_keyword_suggest ("ROKC", keywords, &distance), ==, "ROCK");
  g_assert_cmpuint (distance, ==, 1);
  g_assert_cmpstr (td_keyword_suggest ("TIKCETS", keywords, NULL), ==, "TICKETS");
  g_assert_cmpstr (td_keyword_suggest ("TICKET", keywords, NULL), ==, "TICKETS");
  /* Long keywords tolerate two slips, short ones one, very short none. */
  g_assert_cmpstr (td_keyword_suggest ("SUMERFST", keywords, NULL), ==, "SUMMERFEST");
  g_assert_null (td_keyword_suggest ("RKCO", keywords, NULL));
  g_assert_null (td_keyword_suggest ("HE", keywords, NULL));
  /* An exact keyword is no misspelling; an unrelated word has none. */
  g_assert_null (td_keyword_suggest ("ROCK", keywords, NULL));
  g_assert_null (td_keyword_suggest ("HELLO", keywords, NULL));
  g_assert_null (td_keyword_suggest (NULL, keywords, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/keyword/first-word", test_keyword_first_word);
  g_test_add_func ("/keyword/matches", test_keyword_matches);
  g_test_add_func ("/keyword/normalize", test_keyword_normalize);
  g_test_add_func ("/keyword/distance", test_keyword_distance);
  g_test_add_func ("/keyword/suggest", test_keyword_suggest);

  return g_test_run ();
}
