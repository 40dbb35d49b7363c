/* td-platform-traffic.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-traffic"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-traffic.h"

struct _TdPlatformTraffic
{
  GRand     *rand;
  GStrv      keywords;
  GStrv      expired_keywords;
  GPtrArray *corpus;
  guint      first_phone;
  guint      n_phones;
};

/* Texts people send that match no keyword: questions for the station or
 * the shop, and chat. English, as the demo's audience writes.
 */
static const char *const questions[] = {
  "What was the song you just played?",
  "when does the contest end??",
  "Can you play some Fleetwood Mac tonight",
  "Hi! Is the store open on Sunday?",
  "how do I claim my prize",
  "Love the morning show, you guys are the best",
  "Is there parking at the stadium?",
  "What time does the game start",
  "Do you ship to Canada?",
  "thanks!!",
  "Who won last night?",
  "Can I change my pickup time",
  "The coupon code didn't work at checkout",
  "Shout out to my mom for her birthday!",
  "is this the right number for the concert",
  "ok",
  "What are today's specials?",
  "Are tickets still available for Saturday?",
  "I never got my confirmation text",
  "Please call me back about my order",
  "Great show today 🎸",
  "¿Tienen descuentos para estudiantes?",
  "How many points do I have?",
  "Can you say hi to Jess on air",
};

static const char *const compliance[] = {
  "STOP", "stop", "Stop please", "UNSUBSCRIBE", "HELP", "help?", "INFO", "START", "quit",
};

TdPlatformTraffic *
td_platform_traffic_new (guint32             seed,
                         const char * const *keywords,
                         const char * const *expired_keywords)
{
  TdPlatformTraffic *self = g_new0 (TdPlatformTraffic, 1);

  self->rand = g_rand_new_with_seed (seed);
  self->keywords = g_strdupv ((char **) keywords);
  self->expired_keywords = g_strdupv ((char **) expired_keywords);
  self->first_phone = 100;
  self->n_phones = 900;

  return self;
}

void
td_platform_traffic_free (TdPlatformTraffic *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_strfreev (self->keywords);
  g_strfreev (self->expired_keywords);
  g_clear_pointer (&self->corpus, g_ptr_array_unref);
  g_free (self);
}

void
td_platform_traffic_set_corpus (TdPlatformTraffic *self,
                                GPtrArray         *lines)
{
  g_clear_pointer (&self->corpus, g_ptr_array_unref);
  if (lines != NULL)
    self->corpus = g_ptr_array_ref (lines);
}

void
td_platform_traffic_set_phones (TdPlatformTraffic *self,
                                guint              first,
                                guint              count)
{
  self->first_phone = first;
  self->n_phones = MAX (count, 1);
}

GRand *
td_platform_traffic_get_rand (TdPlatformTraffic *self)
{
  return self->rand;
}

/**
 * td_platform_traffic_phone:
 * @n: 0 to 9999
 *
 * Returns: (transfer full): a fictional number, +1 555 010 NNNN
 */
char *
td_platform_traffic_phone (guint n)
{
  return g_strdup_printf ("+1555010%04u", n % 10000);
}

/* One typing slip: a swap, a dropped, a doubled or a wrong letter. */
char *
td_platform_traffic_misspell (TdPlatformTraffic *self,
                              const char        *keyword)
{
  GString *word = g_string_new (keyword);
  guint len = word->len;
  guint pos;

  if (len < 4)
    return g_string_free (word, FALSE);

  pos = g_rand_int_range (self->rand, 1, len - 1);
  switch (g_rand_int_range (self->rand, 0, 4))
    {
    case 0:
      {
        char c = word->str[pos];

        word->str[pos] = word->str[pos + 1];
        word->str[pos + 1] = c;
        if (word->str[pos] == word->str[pos + 1])
          g_string_erase (word, pos, 1);
      }
      break;

    case 1:
      g_string_erase (word, pos, 1);
      break;

    case 2:
      g_string_insert_c (word, pos, word->str[pos]);
      break;

    default:
      word->str[pos] = word->str[pos] == 'X' ? 'Z' : 'X';
      break;
    }

  return g_string_free (word, FALSE);
}

static const char *
pick (TdPlatformTraffic  *self,
      const char * const *items,
      guint               n)
{
  return items[g_rand_int_range (self->rand, 0, n)];
}

/**
 * td_platform_traffic_next:
 * @out_from: (out): the sender
 *
 * Returns: (transfer full): the next made-up text
 */
char *
td_platform_traffic_next (TdPlatformTraffic  *self,
                          char              **out_from)
{
  guint n_keywords = self->keywords ? g_strv_length (self->keywords) : 0;
  guint n_expired = self->expired_keywords ? g_strv_length (self->expired_keywords) : 0;
  int roll = g_rand_int_range (self->rand, 0, 100);

  *out_from = td_platform_traffic_phone (self->first_phone +
                                         g_rand_int_range (self->rand, 0, self->n_phones));

  if (self->corpus != NULL && self->corpus->len > 0 && roll < 30)
    return g_strdup (g_ptr_array_index (self->corpus,
                                        g_rand_int_range (self->rand, 0, self->corpus->len)));

  if (n_keywords > 0 && roll < 50)
    {
      const char *keyword = self->keywords[g_rand_int_range (self->rand, 0, n_keywords)];
      static const char *const suffixes[] = { "", "", "!", " please", " me in", "." };
      g_autofree char *word = NULL;

      /* Keywords come in every case. */
      switch (g_rand_int_range (self->rand, 0, 3))
        {
        case 0:
          word = g_ascii_strdown (keyword, -1);
          break;
        case 1:
          word = g_strdup (keyword);
          word[0] = g_ascii_toupper (word[0]);
          for (char *p = word + 1; *p != '\0'; p++)
            *p = g_ascii_tolower (*p);
          break;
        default:
          word = g_strdup (keyword);
          break;
        }

      return g_strconcat (word, pick (self, suffixes, G_N_ELEMENTS (suffixes)), NULL);
    }

  if (n_keywords > 0 && roll < 62)
    {
      const char *keyword = self->keywords[g_rand_int_range (self->rand, 0, n_keywords)];

      return td_platform_traffic_misspell (self, keyword);
    }

  if (n_expired > 0 && roll < 68)
    return g_strdup (self->expired_keywords[g_rand_int_range (self->rand, 0, n_expired)]);

  if (roll < 73)
    return g_strdup (pick (self, compliance, G_N_ELEMENTS (compliance)));

  return g_strdup (pick (self, questions, G_N_ELEMENTS (questions)));
}

/**
 * td_platform_traffic_load_corpus:
 * @path: a file of texts, one a line; a "label<TAB>text" line gives its text
 *
 * Returns: (transfer full) (element-type utf8): the texts
 */
GPtrArray *
td_platform_traffic_load_corpus (const char  *path,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *texts;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  texts = g_ptr_array_new_with_free_func (g_free);
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *tab = strchr (line, '\t');
      g_autofree char *text = NULL;

      if (tab != NULL)
        line = tab + 1;

      text = g_strdup (line);
      g_strchomp (text);
      if (*text == '\0' || !g_utf8_validate (text, -1, NULL))
        continue;
      /* The header line of a TSV file. */
      if (i == 0 && tab != NULL && g_str_equal (text, "SMS"))
        continue;

      g_ptr_array_add (texts, g_steal_pointer (&text));
    }

  return texts;
}
