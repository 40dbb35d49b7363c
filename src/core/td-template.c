/* td-template.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-template"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-template.h"

/*
 * Personalisation placeholders in a text to a subscriber.
 *
 * `{key}` is replaced by the subscriber's value for key: `first_name`,
 * `last_name`, `phone`, or the key of any metadata field (`{favorite_song}`).
 * Keys are matched without regard to case and are made of ASCII letters,
 * digits and underscores, starting with a letter or underscore.
 *
 * When the value is missing or blank:
 *  - `{key|text}` gives text, so "Hi {first_name|friend}" reads "Hi friend";
 *  - else `{first_name}` gives "there" ("Hi there"), any other key nothing;
 *  - a placeholder that gives nothing also takes the space before it
 *    along when a space or punctuation follows, so "Hi {first_name}
 *    {last_name}!" reads "Hi Ann!" rather than "Hi Ann !".
 *
 * `{{` is a literal `{`. Braces around anything that is not a key, such as
 * "{ 50% off }", are kept as written.
 */

typedef struct
{
  const char *start;     /* the opening brace */
  const char *end;       /* just past the closing brace */
  char *key;             /* lowercase */
  char *fallback;        /* NULL when none was written */
} Placeholder;

static void
placeholder_clear (Placeholder *ph)
{
  g_clear_pointer (&ph->key, g_free);
  g_clear_pointer (&ph->fallback, g_free);
}

static gboolean
is_key_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Parses a placeholder at @p, which points at a '{'. */
static gboolean
parse_placeholder (const char  *p,
                   Placeholder *out)
{
  const char *q = p + 1;
  const char *key_start = q;
  const char *fallback_start = NULL;

  if (!is_key_start (*q))
    return FALSE;

  while (is_key_char (*q))
    q++;

  if (*q == '|')
    {
      fallback_start = ++q;
      while (*q != '\0' && *q != '}' && *q != '{' && *q != '\n')
        q++;
    }

  if (*q != '}')
    return FALSE;

  out->start = p;
  out->end = q + 1;
  out->key = g_ascii_strdown (key_start,
                              (fallback_start ? fallback_start - 1 : q) - key_start);
  out->fallback = fallback_start ? g_strndup (fallback_start, q - fallback_start)
                                 : NULL;

  return TRUE;
}

static gboolean
is_builtin (const char *key)
{
  return g_str_equal (key, "first_name") ||
         g_str_equal (key, "last_name") ||
         g_str_equal (key, "phone");
}

static char *
lookup_value (GHashTable        *values,
              const Placeholder *ph)
{
  const char *value = values ? g_hash_table_lookup (values, ph->key) : NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (value ? value : ""));

  if (*stripped != '\0')
    return g_steal_pointer (&stripped);

  if (ph->fallback != NULL)
    return g_strstrip (g_strdup (ph->fallback));

  if (g_str_equal (ph->key, "first_name"))
    /* Translators: stands in for a subscriber's unknown first name, as in
     * "Hi there!" */
    return g_strdup (C_("first name fallback", "there"));

  return g_strdup ("");
}

/**
 * td_template_fill:
 * @text: a text with placeholders
 * @values: (nullable) (element-type utf8 utf8): the subscriber's values by
 *   lowercase key: "first_name", "last_name", "phone" (as it should read)
 *   and the keys of metadata fields
 *
 * Fills the placeholders of @text, with the fallbacks described at the top
 * of this file.
 *
 * Returns: (transfer full): the text as the subscriber will read it
 */
char *
td_template_fill (const char *text,
                  GHashTable *values)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  p = text;

  while (*p != '\0')
    {
      Placeholder ph = { 0, };

      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '{' && parse_placeholder (p, &ph))
        {
          g_autofree char *value = lookup_value (values, &ph);
          char next = *ph.end;

          if (*value == '\0' && out->len > 0 && out->str[out->len - 1] == ' ' &&
              (next == '\0' || next == ' ' || next == '\n' || g_ascii_ispunct (next)) &&
              next != '{')
            g_string_truncate (out, out->len - 1);

          g_string_append (out, value);
          p = ph.end;
          placeholder_clear (&ph);
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }

  return g_string_free (out, FALSE);
}

static char **
collect (const char *text,
         GHashTable *values,
         gboolean    unknown_only)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                      g_free, NULL);

  for (const char *p = text; *p != '\0';)
    {
      Placeholder ph = { 0, };

      if (p[0] == '{' && p[1] == '{')
        p += 2;
      else if (p[0] == '{' && parse_placeholder (p, &ph))
        {
          gboolean unknown = !is_builtin (ph.key) &&
                             (values == NULL || !g_hash_table_contains (values, ph.key));

          if ((!unknown_only || unknown) && !g_hash_table_contains (seen, ph.key))
            {
              g_strv_builder_add (builder, ph.key);
              g_hash_table_add (seen, g_strdup (ph.key));
            }

          p = ph.end;
          placeholder_clear (&ph);
        }
      else
        p++;
    }

  return g_strv_builder_end (builder);
}

/**
 * td_template_list_placeholders:
 * @text: a text
 *
 * Returns: (transfer full): the keys of the placeholders in @text, each
 *   once, in the order they first appear
 */
char **
td_template_list_placeholders (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return collect (text, NULL, FALSE);
}

/**
 * td_template_has_placeholders:
 * @text: a text
 *
 * Returns: whether @text has a placeholder to fill
 */
gboolean
td_template_has_placeholders (const char *text)
{
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  keys = td_template_list_placeholders (text);

  return keys[0] != NULL;
}

/**
 * td_template_list_unknown:
 * @text: a text
 * @values: (nullable): the values td_template_fill() would use
 *
 * Finds placeholders that name no built-in key and no key of @values,
 * most often a typing mistake such as `{frist_name}`, so that the
 * composer can point them out before they go out empty.
 *
 * Returns: (transfer full): the unknown keys, each once, in order
 */
char **
td_template_list_unknown (const char *text,
                          GHashTable *values)
{
  g_return_val_if_fail (text != NULL, NULL);

  return collect (text, values, TRUE);
}
