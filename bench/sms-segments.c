/* sms-segments.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-sms-segments"

#include "td-sms-segments.h"

/* How long the composer's counter takes for texts of growing length: it
 * runs on every keystroke, on the main loop. Prints figures, asserts
 * nothing. */

static char *
make_text (guint    length,
           gboolean emoji)
{
  static const char *pieces[] = { "a", "b", " ", "R", "O", "C", "K", "!", "]", "\xE2\x82\xAC" };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < length; i++)
    {
      if (emoji && i % 50 == 49)
        g_string_append (s, "\xF0\x9F\x98\x8E");
      else
        g_string_append (s, pieces[i % G_N_ELEMENTS (pieces)]);
    }

  return g_string_free (s, FALSE);
}

static void
measure (guint    length,
         gboolean emoji)
{
  g_autofree char *text = make_text (length, emoji);
  guint rounds = MAX (20, 2000000 / length);
  TdSmsInfo info = { 0, };
  gint64 start, count_us, split_us;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    info = td_sms_count (text);
  count_us = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_autoptr(GPtrArray) parts = td_sms_encode_parts (text, NULL);
    }
  split_us = g_get_monotonic_time () - start;

  g_print ("%6u characters %-5s  %3u parts  count %8.2f us  encode parts %8.2f us\n",
           length, td_sms_encoding_to_string (info.encoding), info.parts,
           (double) count_us / rounds, (double) split_us / rounds);
}

int
main (int   argc,
      char *argv[])
{
  const guint lengths[] = { 160, 1000, 10000, 100000 };

  g_print ("td_sms_count and td_sms_encode_parts, mean time per call\n");
  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      measure (lengths[i], FALSE);
      measure (lengths[i], TRUE);
    }

  return 0;
}
