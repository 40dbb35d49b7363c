/* test-platform-hardening.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-hardening"

#include <string.h>

#include "td-platform-test-utils.h"

/* Defects found by an attacker, each checked over HTTP: the answer a
 * client gets and what the platform stored.
 */
static TdTestPlatform *platform;
static char *token;
static char *staff_token;
static char *secret;

static TdTestResponse *
post_json (const char *path,
           const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return td_test_request_raw (platform, "POST", path, token, "application/json", bytes, NULL);
}

static void
test_strings_lone_surrogate_and_nul (void)
{
  gint64 subscribers = td_test_db_int (platform, "SELECT count (*) FROM subscribers");
  gint64 lists = td_test_db_int (platform, "SELECT count (*) FROM lists");
  g_autoptr(TdTestResponse) surrogate = NULL;
  g_autoptr(TdTestResponse) low_surrogate = NULL;
  g_autoptr(TdTestResponse) nul = NULL;
  g_autoptr(TdTestResponse) nul_name = NULL;
  g_autoptr(TdTestResponse) escaped_backslash = NULL;
  g_autoptr(TdTestResponse) pair = NULL;
  g_autoptr(TdTestResponse) gateway = NULL;

  surrogate = post_json ("/v1/subscribers",
                         "{\"phone\":\"+15550100995\",\"first_name\":\"a\\ud800b\"}");
  td_test_assert_problem (surrogate, 400, "invalid_string");
  low_surrogate = post_json ("/v1/lists", "{\"name\":\"VIP\\udc00x\"}");
  td_test_assert_problem (low_surrogate, 400, "invalid_string");
  nul = post_json ("/v1/lists", "{\"name\":\"VIP\\u0000 hidden\"}");
  td_test_assert_problem (nul, 400, "invalid_string");
  nul_name = post_json ("/v1/subscribers",
                        "{\"phone\":\"+15550100996\",\"first_name\":\"Al\\u0000ex\"}");
  td_test_assert_problem (nul_name, 400, "invalid_string");

  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM subscribers"), ==, subscribers);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM lists"), ==, lists);

  /* An escaped backslash followed by "u0000" is plain text, and a
   * surrogate pair is a real character: both are stored whole.
   */
  escaped_backslash = post_json ("/v1/lists", "{\"name\":\"Path \\\\u0000 list\"}");
  g_assert_cmpuint (escaped_backslash->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (escaped_backslash), "name"),
                   ==, "Path \\u0000 list");
  pair = post_json ("/v1/lists", "{\"name\":\"Fans \\ud83c\\udfc8\"}");
  g_assert_cmpuint (pair->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (pair), "name"),
                   ==, "Fans \xf0\x9f\x8f\x88");

  /* A gateway form: a NUL (%00) or bytes that are not UTF-8. */
  gateway = td_test_send_text (platform, "41019", secret, "SMnulform", "+15550108403", "STOP\x01");
  g_assert_cmpuint (gateway->status, <, 500);
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("MessageSid=SMx&From=%2B15550108404&Body=HI%00X", 46);
    g_autoptr(TdTestResponse) nul_form = td_test_request_raw (platform, "POST", "/gateway/twilio/41019", NULL,
                                                             "application/x-www-form-urlencoded", bytes, NULL);
    g_autoptr(GBytes) bad = g_bytes_new_static ("MessageSid=SMy&From=%2B15550108405&Body=%ED%A0%80", 49);
    g_autoptr(TdTestResponse) bad_form = td_test_request_raw (platform, "POST", "/gateway/twilio/41019", NULL,
                                                             "application/x-www-form-urlencoded", bad, NULL);

    td_test_assert_problem (nul_form, 400, "invalid_string");
    td_test_assert_problem (bad_form, 400, "invalid_string");
  }
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, NULL);
  token = td_test_sign_in (platform, "admin@wave.example");
  staff_token = td_test_sign_in (platform, "staff@wave.example");
  secret = td_test_secret (platform, "41019");

  g_test_add_func ("/platform/hardening/strings", test_strings_lone_surrogate_and_nul);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (token);
  g_free (staff_token);
  g_free (secret);

  return result;
}
