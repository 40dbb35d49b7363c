/* test-sms-segments.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-sms-segments"

#include <string.h>

#include "td-sms-segments.h"

#define EMOJI "\xF0\x9F\x98\x8E"   /* U+1F60E, outside the BMP */
#define CYRILLIC "\xD0\x96"        /* U+0416, in the BMP, not in GSM */

static char *
repeat (const char *piece,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, piece);

  return g_string_free (s, FALSE);
}

static void
assert_info (const char    *text,
             TdSmsEncoding  encoding,
             guint          units,
             guint          parts,
             guint          per_part,
             guint          in_part)
{
  TdSmsInfo info = td_sms_count (text);

  g_assert_cmpint (info.encoding, ==, encoding);
  g_assert_cmpuint (info.units, ==, units);
  g_assert_cmpuint (info.parts, ==, parts);
  g_assert_cmpuint (info.units_per_part, ==, per_part);
  g_assert_cmpuint (info.units_in_part, ==, in_part);
  g_assert_cmpuint (info.remaining, ==, per_part - in_part);
}

/* Checks the parts of @text as they go over the air: they add up to the
 * text, each fits its capacity, none ends inside an escape sequence or a
 * surrogate pair, and each is as full as it can be (the next character
 * really did not fit).
 */
static void
assert_parts_sound (const char *text)
{
  TdSmsInfo info = td_sms_count (text);
  TdSmsEncoding encoding, split_encoding;
  g_autoptr(GPtrArray) encoded = td_sms_encode_parts (text, &encoding);
  g_auto(GStrv) split = td_sms_split (text, &split_encoding);
  g_autofree char *joined = g_strjoinv ("", split);
  guint total = 0;

  g_assert_cmpint (encoding, ==, info.encoding);
  g_assert_cmpint (split_encoding, ==, info.encoding);
  g_assert_cmpuint (encoded->len, ==, info.parts);
  g_assert_cmpuint (g_strv_length (split), ==, info.parts);
  g_assert_cmpstr (joined, ==, text);

  for (guint i = 0; i < encoded->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (encoded, i);
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);
      guint units;

      if (encoding == TD_SMS_ENCODING_GSM7)
        {
          units = (guint) size;
          g_assert_cmpuint (units, >, 0);
          g_assert_cmpuint (data[size - 1], !=, TD_SMS_GSM7_ESCAPE);
          for (gsize j = 0; j < size; j++)
            g_assert_cmpuint (data[j], <, 128);
        }
      else
        {
          const gunichar2 *u = (const gunichar2 *) data;

          units = (guint) (size / sizeof (gunichar2));
          g_assert_cmpuint (units, >, 0);
          g_assert_false (u[units - 1] >= 0xD800 && u[units - 1] < 0xDC00);
          g_assert_false (u[0] >= 0xDC00 && u[0] < 0xE000);
        }

      g_assert_cmpuint (units, <=, info.units_per_part);

      /* Greedy and full: the first character of the next part would not
       * have fitted in this one. */
      if (i + 1 < encoded->len)
        {
          gunichar next = g_utf8_get_char (split[i + 1]);
          guint width;

          if (encoding == TD_SMS_ENCODING_GSM7)
            width = td_sms_gsm7_septets (next);
          else
            width = next > 0xFFFF ? 2 : 1;
          g_assert_cmpuint (units + width, >, info.units_per_part);
        }

      total += units;
    }

  g_assert_cmpuint (total, ==, info.units);
}

static void
test_field_case_80_brackets (void)
{
  g_autofree char *text = repeat ("]", 80);

  assert_info (text, TD_SMS_ENCODING_GSM7, 160, 1, 160, 160);
  assert_parts_sound (text);
}

static void
test_field_case_70_emoji (void)
{
  g_autofree char *text = repeat (EMOJI, 70);

  assert_info (text, TD_SMS_ENCODING_UCS2, 140, 3, 67, 8);
  assert_parts_sound (text);
}

static void
test_field_case_mixed_1000 (void)
{
  /* Pieces that meet at part boundaries in every way: basic, extension
   * (two septets), out-of-BMP (two units), in-BMP non-GSM. */
  static const char *ucs2_pieces[] = {
    "a", "Z", " ", "]", "{", "\xE2\x82\xAC", EMOJI, "\xF0\x9F\x8E\xB5",
    CYRILLIC, "\xC3\xA9", "\n", "^", "|",
  };
  static const char *gsm_pieces[] = {
    "a", "Z", " ", "]", "{", "}", "\\", "[", "~", "|", "^", "\f",
    "\xE2\x82\xAC", "\xC3\xA9", "\xC3\x9F", "@", "\n",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (23038);

  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GString) ucs2 = g_string_new (NULL);
      g_autoptr(GString) gsm = g_string_new (NULL);

      for (guint i = 0; i < 1000; i++)
        {
          g_string_append (ucs2, ucs2_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (ucs2_pieces))]);
          g_string_append (gsm, gsm_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (gsm_pieces))]);
        }

      g_assert_cmpuint (g_utf8_strlen (ucs2->str, -1), ==, 1000);
      g_assert_cmpint (td_sms_count (ucs2->str).encoding, ==, TD_SMS_ENCODING_UCS2);
      assert_parts_sound (ucs2->str);

      g_assert_cmpint (td_sms_count (gsm->str).encoding, ==, TD_SMS_ENCODING_GSM7);
      assert_parts_sound (gsm->str);
    }
}

static void
test_every_extension_character (void)
{
  static const struct {
    const char *utf8;
    guint8 septet;
  } extension[] = {
    { "\f", 0x0A }, { "^", 0x14 }, { "{", 0x28 }, { "}", 0x29 },
    { "\\", 0x2F }, { "[", 0x3C }, { "~", 0x3D }, { "]", 0x3E },
    { "|", 0x40 }, { "\xE2\x82\xAC", 0x65 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extension); i++)
    {
      g_autoptr(GPtrArray) encoded = td_sms_encode_parts (extension[i].utf8, NULL);
      g_autofree char *eighty = repeat (extension[i].utf8, 80);
      g_autofree char *eighty_one = repeat (extension[i].utf8, 81);
      gsize size;
      const guint8 *data;

      g_test_message ("extension character %s", extension[i].utf8);
      g_assert_cmpuint (td_sms_gsm7_septets (g_utf8_get_char (extension[i].utf8)), ==, 2);
      assert_info (extension[i].utf8, TD_SMS_ENCODING_GSM7, 2, 1, 160, 2);

      g_assert_cmpuint (encoded->len, ==, 1);
      data = g_bytes_get_data (g_ptr_array_index (encoded, 0), &size);
      g_assert_cmpuint (size, ==, 2);
      g_assert_cmpuint (data[0], ==, TD_SMS_GSM7_ESCAPE);
      g_assert_cmpuint (data[1], ==, extension[i].septet);

      /* 160 septets fit one text; 162 need two parts of 76 characters
       * (152 septets, the 153rd would cut an escape) and 5. */
      assert_info (eighty, TD_SMS_ENCODING_GSM7, 160, 1, 160, 160);
      assert_info (eighty_one, TD_SMS_ENCODING_GSM7, 162, 2, 153, 10);
      assert_parts_sound (eighty_one);
    }
}

static void
test_default_alphabet (void)
{
  static const char *basic =
    "@\xC2\xA3$\xC2\xA5\xC3\xA8\xC3\xA9\xC3\xB9\xC3\xAC\xC3\xB2\xC3\x87\n"
    "\xC3\x98\xC3\xB8\r\xC3\x85\xC3\xA5\xCE\x94_\xCE\xA6\xCE\x93\xCE\x9B"
    "\xCE\xA9\xCE\xA0\xCE\xA8\xCE\xA3\xCE\x98\xCE\x9E\xC3\x86\xC3\xA6\xC3\x9F"
    "\xC3\x89 !\"#\xC2\xA4%&'()*+,-./0123456789:;<=>?\xC2\xA1"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3\x84\xC3\x96\xC3\x91\xC3\x9C\xC2\xA7"
    "\xC2\xBF" "abcdefghijklmnopqrstuvwxyz\xC3\xA4\xC3\xB6\xC3\xB1\xC3\xBC\xC3\xA0";
  /* Not in the alphabet: c cedilla (only the capital is), backtick, no-break
   * space, curly quote, Cyrillic, CJK, an emoji. */
  static const char *outside[] = {
    "\xC3\xA7", "`", "\xC2\xA0", "\xE2\x80\x99", CYRILLIC, "\xE4\xB8\xAD", EMOJI,
  };
  g_autoptr(GPtrArray) encoded = NULL;

  /* 127 characters: all of the default table but the escape. */
  g_assert_cmpuint (g_utf8_strlen (basic, -1), ==, 127);
  assert_info (basic, TD_SMS_ENCODING_GSM7, 127, 1, 160, 127);
  for (const char *p = basic; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_cmpuint (td_sms_gsm7_septets (g_utf8_get_char (p)), ==, 1);

  /* Each septet value but the escape exactly once. */
  encoded = td_sms_encode_parts (basic, NULL);
  g_assert_cmpuint (encoded->len, ==, 1);
  {
    gsize size;
    const guint8 *data = g_bytes_get_data (g_ptr_array_index (encoded, 0), &size);
    gboolean seen[128] = { FALSE, };

    g_assert_cmpuint (size, ==, 127);
    for (gsize i = 0; i < size; i++)
      {
        g_assert_false (seen[data[i]]);
        seen[data[i]] = TRUE;
      }
    g_assert_false (seen[TD_SMS_GSM7_ESCAPE]);
  }

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autofree char *text = g_strconcat ("Hi ", outside[i], NULL);
      TdSmsInfo info = td_sms_count (text);

      g_assert_cmpuint (td_sms_gsm7_septets (g_utf8_get_char (outside[i])), ==, 0);
      g_assert_cmpint (info.encoding, ==, TD_SMS_ENCODING_UCS2);
      g_assert_cmpstr (td_sms_encoding_to_string (info.encoding), ==, "UCS-2");
    }
}

static void
test_gsm_boundaries (void)
{
  static const struct {
    guint length;
    guint parts;
    guint per_part;
    guint in_part;
  } cases[] = {
    { 1, 1, 160, 1 },
    { 152, 1, 160, 152 },
    { 153, 1, 160, 153 },
    { 154, 1, 160, 154 },
    { 159, 1, 160, 159 },
    { 160, 1, 160, 160 },
    { 161, 2, 153, 8 },
    { 306, 2, 153, 153 },
    { 307, 3, 153, 1 },
    { 459, 3, 153, 153 },
    { 460, 4, 153, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = repeat ("a", cases[i].length);

      assert_info (text, TD_SMS_ENCODING_GSM7, cases[i].length, cases[i].parts,
                   cases[i].per_part, cases[i].in_part);
      assert_parts_sound (text);
    }

  g_assert_cmpstr (td_sms_encoding_to_string (TD_SMS_ENCODING_GSM7), ==, "GSM-7");
}

static void
test_ucs2_boundaries (void)
{
  static const struct {
    guint length;
    guint parts;
    guint per_part;
    guint in_part;
  } cases[] = {
    { 1, 1, 70, 1 },
    { 66, 1, 70, 66 },
    { 67, 1, 70, 67 },
    { 68, 1, 70, 68 },
    { 70, 1, 70, 70 },
    { 71, 2, 67, 4 },
    { 134, 2, 67, 67 },
    { 135, 3, 67, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = repeat (CYRILLIC, cases[i].length);

      assert_info (text, TD_SMS_ENCODING_UCS2, cases[i].length, cases[i].parts,
                   cases[i].per_part, cases[i].in_part);
      assert_parts_sound (text);
    }
}

static void
test_emoji_at_part_boundary (void)
{
  g_autofree char *before = repeat (CYRILLIC, 66);
  g_autofree char *after = repeat (CYRILLIC, 10);
  g_autofree char *text = g_strconcat (before, EMOJI, after, NULL);
  g_autofree char *fits = g_strconcat (before, "a", EMOJI, after, NULL);
  g_autofree char *emoji_67 = repeat (EMOJI, 67);
  g_autofree char *emoji_35 = repeat (EMOJI, 35);
  g_autofree char *emoji_36 = repeat (EMOJI, 36);
  g_auto(GStrv) split = NULL;

  /* The emoji would take units 67 and 68: it moves whole to part two. */
  assert_info (text, TD_SMS_ENCODING_UCS2, 78, 2, 67, 12);
  assert_parts_sound (text);
  split = td_sms_split (text, NULL);
  g_assert_cmpstr (split[0], ==, before);
  g_assert_true (g_str_has_prefix (split[1], EMOJI));

  /* One unit later the pair starts part two exactly. */
  assert_info (fits, TD_SMS_ENCODING_UCS2, 79, 2, 67, 12);
  assert_parts_sound (fits);

  /* 67 emoji are 134 units, which two parts of 67 would hold only by
   * splitting a pair: 33 + 33 + 1. */
  assert_info (emoji_67, TD_SMS_ENCODING_UCS2, 134, 3, 67, 2);
  assert_parts_sound (emoji_67);

  /* 35 emoji fit a single text of 70 units; one more does not. */
  assert_info (emoji_35, TD_SMS_ENCODING_UCS2, 70, 1, 70, 70);
  assert_info (emoji_36, TD_SMS_ENCODING_UCS2, 72, 2, 67, 6);
}

static void
test_escape_at_part_boundary (void)
{
  g_autofree char *before = repeat ("a", 152);
  g_autofree char *text = g_strconcat (before, "]", "0123456789", NULL);
  g_autofree char *brackets = repeat ("]", 153);
  g_auto(GStrv) split = NULL;

  /* "]" would take septets 153 and 154: it moves whole to part two. */
  assert_info (text, TD_SMS_ENCODING_GSM7, 164, 2, 153, 12);
  assert_parts_sound (text);
  split = td_sms_split (text, NULL);
  g_assert_cmpstr (split[0], ==, before);
  g_assert_cmpstr (split[1], ==, "]0123456789");

  /* 306 septets, but 76 brackets a part: 76 + 76 + 1. */
  assert_info (brackets, TD_SMS_ENCODING_GSM7, 306, 3, 153, 2);
  assert_parts_sound (brackets);
}

static void
test_empty_and_invalid (void)
{
  g_auto(GStrv) split = td_sms_split ("", NULL);
  g_autoptr(GPtrArray) encoded = td_sms_encode_parts (NULL, NULL);
  TdSmsInfo info;

  assert_info ("", TD_SMS_ENCODING_GSM7, 0, 0, 160, 0);
  assert_info (NULL, TD_SMS_ENCODING_GSM7, 0, 0, 160, 0);
  g_assert_cmpuint (g_strv_length (split), ==, 0);
  g_assert_cmpuint (encoded->len, ==, 0);

  /* A broken byte is sent as U+FFFD, which only UCS-2 has. */
  info = td_sms_count ("abc\xff" "def");
  g_assert_cmpint (info.encoding, ==, TD_SMS_ENCODING_UCS2);
  g_assert_cmpuint (info.units, ==, 7);
  g_assert_cmpuint (info.parts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sms-segments/field-case/80-brackets", test_field_case_80_brackets);
  g_test_add_func ("/sms-segments/field-case/70-emoji", test_field_case_70_emoji);
  g_test_add_func ("/sms-segments/field-case/mixed-1000", test_field_case_mixed_1000);
  g_test_add_func ("/sms-segments/extension-characters", test_every_extension_character);
  g_test_add_func ("/sms-segments/default-alphabet", test_default_alphabet);
  g_test_add_func ("/sms-segments/gsm-boundaries", test_gsm_boundaries);
  g_test_add_func ("/sms-segments/ucs2-boundaries", test_ucs2_boundaries);
  g_test_add_func ("/sms-segments/emoji-at-boundary", test_emoji_at_part_boundary);
  g_test_add_func ("/sms-segments/escape-at-boundary", test_escape_at_part_boundary);
  g_test_add_func ("/sms-segments/empty-and-invalid", test_empty_and_invalid);

  return g_test_run ();
}
