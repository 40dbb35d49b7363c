/* td-phone.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-phone"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-core-error.h"
#include "td-phone.h"

/* Short codes live in North America, so a number written without a
 * country code is taken as a NANP one (+1), the way people there write it.
 */
#define DEFAULT_COUNTRY_CODE "1"

/**
 * td_phone_normalize:
 * @input: a phone number as a person typed it
 * @error: return location for a #TD_CORE_ERROR_INVALID_PHONE
 *
 * Turns "+1 (555) 010-0123", "555.010.0123", "0015550100123" and the like
 * into E.164 ("+15550100123").
 *
 * Returns: (transfer full): the E.164 form, or %NULL with @error set
 */
char *
td_phone_normalize (const char  *input,
                    GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean plus = FALSE;
  gboolean seen_digit = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL || *input == '\0')
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                           _("The phone number is empty"));
      return NULL;
    }

  if (!g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                           _("The phone number is not valid text"));
      return NULL;
    }

  for (const char *p = input; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          g_string_append_c (digits, (char) c);
          seen_digit = TRUE;
        }
      else if (c == '+' && !seen_digit && !plus)
        plus = TRUE;
      else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' ||
               c == '/' || c == 0xA0 || c == '\t')
        continue;
      else
        {
          g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                       _("“%s” is not a phone number"), input);
          return NULL;
        }
    }

  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      /* International call prefix, as dialled outside North America. */
      g_string_erase (digits, 0, 2);
      plus = TRUE;
    }
  else if (!plus && g_str_has_prefix (digits->str, "011"))
    {
      g_string_erase (digits, 0, 3);
      plus = TRUE;
    }

  if (!plus)
    {
      if (digits->len == 10)
        g_string_prepend (digits, DEFAULT_COUNTRY_CODE);
      else if (!(digits->len == 11 && digits->str[0] == '1'))
        {
          g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                       _("“%s” has no country code and is not a 10-digit "
                         "North American number"), input);
          return NULL;
        }
    }

  /* E.164: at most 15 digits, and no country code starts with 0. */
  if (digits->len < 8 || digits->len > 15 || digits->str[0] == '0')
    {
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                   _("“%s” is not a valid international phone number"), input);
      return NULL;
    }

  /* A NANP number has 10 digits after the 1, and no area code starts with
   * 0 or 1. Exchanges are not checked: the fictional 555-01XX numbers of
   * the demo and of examples use exchange 010.
   */
  if (digits->str[0] == '1' && (digits->len != 11 || digits->str[1] < '2'))
    {
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE,
                   _("“%s” is not a valid North American phone number"), input);
      return NULL;
    }

  g_string_prepend_c (digits, '+');

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/**
 * td_phone_is_e164:
 * @phone: (nullable): a string
 *
 * Returns: whether @phone is already in E.164 form
 */
gboolean
td_phone_is_e164 (const char *phone)
{
  gsize len;

  if (phone == NULL || phone[0] != '+' || phone[1] < '1' || phone[1] > '9')
    return FALSE;

  len = strlen (phone + 1);
  if (len < 8 || len > 15)
    return FALSE;

  for (const char *p = phone + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  return TRUE;
}

/**
 * td_phone_format:
 * @e164: a number in E.164 form
 *
 * Formats a number for people to read: "(555) 010-0123" for NANP numbers,
 * the E.164 form for the others.
 *
 * Returns: (transfer full): the number as people write it
 */
char *
td_phone_format (const char *e164)
{
  g_return_val_if_fail (e164 != NULL, NULL);

  if (g_str_has_prefix (e164, "+1") && strlen (e164) == 12 &&
      td_phone_is_e164 (e164))
    return g_strdup_printf ("(%.3s) %.3s-%.4s", e164 + 2, e164 + 5, e164 + 8);

  return g_strdup (e164);
}
