/* test-phone.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-phone"

#include "td-core-error.h"
#include "td-phone.h"

static void
test_phone_normalize_forms (void)
{
  static const struct {
    const char *input;
    const char *e164;
  } cases[] = {
    { "+1 555 010 0123", "+15550100123" },
    { "5550100123", "+15550100123" },
    { "(555) 010-0123", "+15550100123" },
    { "1-555-010-0123", "+15550100123" },
    { "555.010.0123", "+15550100123" },
    { "+44 20 7946 0958", "+442079460958" },
    { "0044 20 7946 0958", "+442079460958" },
    { "011 44 20 7946 0958", "+442079460958" },
    { " +33\u00a06 12 34 56 78 ", "+33612345678" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = td_phone_normalize (cases[i].input, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (e164, ==, cases[i].e164);
      g_assert_true (td_phone_is_e164 (e164));
    }
}

static void
test_phone_normalize_invalid (void)
{
  static const char *inputs[] = {
    "", "hello", "555-0123", "+0 555 010 0123", "12345678901234567",
    "+1 055 010 0123", "+1 555 010 012", "55501001234", "555-010-0123 ext 4",
    "\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *e164 = td_phone_normalize (inputs[i], &error);

      g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_INVALID_PHONE);
      g_assert_null (e164);
      g_assert_nonnull (error->message);
    }
}

static void
test_phone_same_subscriber (void)
{
  g_autofree char *a = td_phone_normalize ("+1 555 010 0123", NULL);
  g_autofree char *b = td_phone_normalize ("5550100123", NULL);

  /* TESTING.md: two spellings of one number are one subscriber. */
  g_assert_cmpstr (a, ==, b);
}

static void
test_phone_format (void)
{
  g_autofree char *nanp = td_phone_format ("+15550100123");
  g_autofree char *uk = td_phone_format ("+442079460958");

  g_assert_cmpstr (nanp, ==, "(555) 010-0123");
  g_assert_cmpstr (uk, ==, "+442079460958");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/phone/normalize/forms", test_phone_normalize_forms);
  g_test_add_func ("/phone/normalize/invalid", test_phone_normalize_invalid);
  g_test_add_func ("/phone/normalize/same-subscriber", test_phone_same_subscriber);
  g_test_add_func ("/phone/format", test_phone_format);

  return g_test_run ();
}
