/* td-keyword.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-keyword"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-core-error.h"
#include "td-keyword.h"

/* Keywords are at most this many characters; a longer first word is never
 * a keyword nor a misspelling of one.
 */
#define MAX_KEYWORD_CHARS 32

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

/**
 * td_keyword_first_word:
 * @text: (nullable): the body of a text message
 *
 * Finds the first word of @text the way keywords are matched: the first
 * run of characters up to white space, with the punctuation and symbols
 * around it removed ("¡Rock!" and "rock," both give "ROCK"), in upper case
 * and NFKC-folded ("ＲＯＣＫ" gives "ROCK" too).
 *
 * Returns: (transfer full) (nullable): the word, or %NULL if @text holds none
 */
char *
td_keyword_first_word (const char *text)
{
  const char *p;
  const char *start;
  const char *end;
  const char *word_start = NULL;
  const char *word_end = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  /* Compatibility forms fold to the plain ones first ("ＳＴＯＰ" is STOP,
   * "ﬁ" is "fi"), so that matching and the uniqueness of keywords, which
   * both go through here, see the same word.
   */
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (folded == NULL)
    return NULL;

  p = folded;
  while (*p != '\0' && is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  start = p;
  while (*p != '\0' && !is_space (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  end = p;

  /* Trim the punctuation and symbols on both sides, keep what is inside
   * ("R&B" stays whole).
   */
  for (p = start; p < end; p = g_utf8_next_char (p))
    if (is_word_char (g_utf8_get_char (p)))
      {
        word_start = p;
        break;
      }

  if (word_start == NULL)
    return NULL;

  for (p = word_start; p < end; p = g_utf8_next_char (p))
    if (is_word_char (g_utf8_get_char (p)))
      word_end = g_utf8_next_char (p);

  {
    g_autofree char *word = g_strndup (word_start, word_end - word_start);
    g_autofree char *upper = g_utf8_strup (word, -1);

    return g_utf8_normalize (upper, -1, G_NORMALIZE_NFKC);
  }
}

/**
 * td_keyword_normalize:
 * @keyword: a keyword as a person typed it in a campaign
 * @error: return location for a #TD_CORE_ERROR_PARSE
 *
 * Checks that @keyword is one word that texts can match, and gives its
 * canonical form (upper case, without surrounding punctuation).
 *
 * Returns: (transfer full): the canonical keyword, or %NULL with @error set
 */
char *
td_keyword_normalize (const char  *keyword,
                      GError     **error)
{
  g_autofree char *word = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (keyword == NULL || !g_utf8_validate (keyword, -1, NULL))
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                           _("The keyword is not valid text"));
      return NULL;
    }

  stripped = g_strstrip (g_strdup (keyword));
  word = td_keyword_first_word (stripped);

  if (word == NULL)
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY,
                           _("A keyword needs at least one letter or digit"));
      return NULL;
    }

  for (const char *p = stripped; *p != '\0'; p = g_utf8_next_char (p))
    if (is_space (g_utf8_get_char (p)))
      {
        g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                     _("“%s” is more than one word; a keyword is one word"),
                     keyword);
        return NULL;
      }

  if (g_utf8_strlen (word, -1) > MAX_KEYWORD_CHARS)
    {
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                   _("A keyword has at most %d characters"), MAX_KEYWORD_CHARS);
      return NULL;
    }

  return g_steal_pointer (&word);
}

/**
 * td_keyword_matches:
 * @keyword: a canonical keyword (see td_keyword_normalize())
 * @text: (nullable): the body of a text message
 *
 * Returns: whether the first word of @text is @keyword
 */
gboolean
td_keyword_matches (const char *keyword,
                    const char *text)
{
  g_autofree char *word = td_keyword_first_word (text);

  g_return_val_if_fail (keyword != NULL, FALSE);

  return word != NULL && g_str_equal (word, keyword);
}

/**
 * td_keyword_distance:
 * @a: a word
 * @b: another word
 *
 * The number of single-character insertions, deletions, substitutions and
 * swaps of two neighbours that turn @a into @b (the optimal string
 * alignment distance), counted in characters, not bytes.
 *
 * Returns: the distance
 */
guint
td_keyword_distance (const char *a,
                     const char *b)
{
  g_autofree gunichar *ua = NULL;
  g_autofree gunichar *ub = NULL;
  g_autofree guint *rows = NULL;
  glong la = 0;
  glong lb = 0;
  guint *prev2;
  guint *prev;
  guint *cur;
  guint result;

  g_return_val_if_fail (a != NULL && b != NULL, G_MAXUINT);

  ua = g_utf8_to_ucs4 (a, -1, NULL, &la, NULL);
  ub = g_utf8_to_ucs4 (b, -1, NULL, &lb, NULL);
  if (ua == NULL || ub == NULL)
    return G_MAXUINT;

  rows = g_new0 (guint, 3 * (lb + 1));
  prev2 = rows;
  prev = rows + (lb + 1);
  cur = rows + 2 * (lb + 1);

  for (glong j = 0; j <= lb; j++)
    prev[j] = j;

  for (glong i = 1; i <= la; i++)
    {
      guint *tmp;

      cur[0] = i;
      for (glong j = 1; j <= lb; j++)
        {
          guint cost = ua[i - 1] == ub[j - 1] ? 0 : 1;
          guint best = MIN (prev[j] + 1, cur[j - 1] + 1);

          best = MIN (best, prev[j - 1] + cost);
          if (i > 1 && j > 1 && ua[i - 1] == ub[j - 2] && ua[i - 2] == ub[j - 1])
            best = MIN (best, prev2[j - 2] + 1);
          cur[j] = best;
        }

      tmp = prev2;
      prev2 = prev;
      prev = cur;
      cur = tmp;
    }

  result = prev[lb];

  return result;
}

/**
 * td_keyword_max_typos:
 * @keyword: a canonical keyword
 *
 * How far a word may be from @keyword and still be taken for a misspelling
 * of it: short keywords tolerate nothing (“HI” is not a typo of “HE”), and
 * the tolerance grows with the keyword’s length.
 *
 * Returns: the largest distance that counts as a misspelling
 */
guint
td_keyword_max_typos (const char *keyword)
{
  glong len;

  g_return_val_if_fail (keyword != NULL, 0);

  len = g_utf8_strlen (keyword, -1);
  if (len < 4)
    return 0;
  if (len < 8)
    return 1;
  if (len < 12)
    return 2;
  return 3;
}

/**
 * td_keyword_suggest:
 * @word: the canonical first word of a text (see td_keyword_first_word())
 * @keywords: (array zero-terminated=1): canonical keywords to choose from
 * @out_distance: (out) (optional): the distance to the suggestion
 *
 * Finds the keyword that @word most likely misspells: the closest one
 * within its tolerance (td_keyword_max_typos()); ties go to the earlier
 * keyword. An exact match is not a misspelling.
 *
 * Returns: (transfer none) (nullable): an element of @keywords, or %NULL
 */
const char *
td_keyword_suggest (const char         *word,
                    const char * const *keywords,
                    guint              *out_distance)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  glong word_len;

  if (out_distance != NULL)
    *out_distance = G_MAXUINT;

  if (word == NULL || keywords == NULL)
    return NULL;

  word_len = g_utf8_strlen (word, -1);
  if (word_len == 0 || word_len > MAX_KEYWORD_CHARS + 3)
    return NULL;

  for (guint i = 0; keywords[i] != NULL; i++)
    {
      guint max = td_keyword_max_typos (keywords[i]);
      glong len = g_utf8_strlen (keywords[i], -1);
      guint distance;

      if (g_str_equal (word, keywords[i]))
        return NULL;

      if (max == 0 || ABS (len - word_len) > (glong) max)
        continue;

      distance = td_keyword_distance (word, keywords[i]);
      if (distance <= max && distance < best_distance)
        {
          best = keywords[i];
          best_distance = distance;
        }
    }

  if (out_distance != NULL)
    *out_distance = best_distance;

  return best;
}
