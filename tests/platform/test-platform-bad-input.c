/* test-platform-bad-input.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-bad-input"

#include <string.h>

#include "td-platform-test-utils.h"

/* Bad input from clients and gateways: each gets a 4xx problem document
 * with a machine code (td_test_request_raw() checks the document and
 * that no answer is a 5xx), the server keeps running, and no row is
 * half-written.
 */
static TdTestPlatform *platform;
static char *token;
static char *secret;

typedef struct
{
  gint64 lists;
  gint64 subscribers;
  gint64 campaigns;
  gint64 fields;
  gint64 texts;
  gint64 messages;
  gint64 members;
} Counts;

static void
count_rows (Counts *counts)
{
  counts->lists = td_test_db_int (platform, "SELECT count (*) FROM lists");
  counts->subscribers = td_test_db_int (platform, "SELECT count (*) FROM subscribers");
  counts->campaigns = td_test_db_int (platform, "SELECT count (*) FROM campaigns");
  counts->fields = td_test_db_int (platform, "SELECT count (*) FROM fields");
  counts->texts = td_test_db_int (platform, "SELECT count (*) FROM texts");
  counts->messages = td_test_db_int (platform, "SELECT count (*) FROM messages");
  counts->members = td_test_db_int (platform, "SELECT count (*) FROM list_members");
}

static void
assert_unchanged (const Counts *before)
{
  Counts after;

  count_rows (&after);
  g_assert_cmpint (after.lists, ==, before->lists);
  g_assert_cmpint (after.subscribers, ==, before->subscribers);
  g_assert_cmpint (after.campaigns, ==, before->campaigns);
  g_assert_cmpint (after.fields, ==, before->fields);
  g_assert_cmpint (after.texts, ==, before->texts);
  g_assert_cmpint (after.messages, ==, before->messages);
  g_assert_cmpint (after.members, ==, before->members);
}

static TdTestResponse *
post_bytes (const char *path,
            const char *content_type,
            const char *data,
            gsize       len)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);

  return td_test_request_raw (platform, "POST", path, token, content_type, bytes, NULL);
}

static const char *
first_error_code (TdTestResponse *response,
                  const char     *field)
{
  JsonArray *errors = json_object_get_array_member (td_test_response_object (response), "errors");

  g_assert_nonnull (errors);
  for (guint i = 0; i < json_array_get_length (errors); i++)
    {
      JsonObject *entry = json_array_get_object_element (errors, i);

      if (g_str_equal (json_object_get_string_member (entry, "field"), field))
        {
          g_assert_nonnull (json_object_get_string_member (entry, "message"));
          return json_object_get_string_member (entry, "code");
        }
    }

  return NULL;
}

static void
test_malformed_json (void)
{
  static const char *const bodies[] = {
    "{\"name\": ", "{name: 'x'}", "[1, 2]", "\"just a string\"", "42", "null", "",
    "{\"name\": \"a\"} trailing", "{\"name\": \"a\",}",
  };
  Counts before;

  count_rows (&before);

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(TdTestResponse) response = post_bytes ("/v1/lists", "application/json",
                                                       bodies[i], strlen (bodies[i]));

      td_test_assert_problem (response, 400, "invalid_json");
    }

  assert_unchanged (&before);
}

static void
test_wrong_types_and_unknown_fields (void)
{
  g_autoptr(TdTestResponse) name_number = NULL;
  g_autoptr(TdTestResponse) unknown = NULL;
  g_autoptr(TdTestResponse) campaign = NULL;
  g_autoptr(TdTestResponse) archived = NULL;
  g_autoptr(TdTestResponse) members = NULL;
  g_autoptr(TdTestResponse) fields = NULL;
  g_autoptr(TdTestResponse) blank = NULL;
  g_autoptr(JsonObject) conversations = td_test_get (platform, token, "/v1/conversations?limit=1");
  g_autofree char *conversation_path = g_strdup_printf ("/v1/conversations/%s",
    json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (conversations, "data"), 0), "id"));
  g_autoptr(JsonObject) lists = td_test_get (platform, token, "/v1/lists?limit=1");
  g_autofree char *members_path = g_strdup_printf ("/v1/lists/%s/members",
    json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (lists, "data"), 0), "id"));
  Counts before;

  count_rows (&before);

  name_number = td_test_request (platform, "POST", "/v1/lists", token, "{\"name\": 42}", NULL);
  td_test_assert_problem (name_number, 422, "validation_failed");
  g_assert_cmpstr (first_error_code (name_number, "name"), ==, "invalid_type");

  unknown = td_test_request (platform, "POST", "/v1/lists", token, "{\"name\": \"ok\", \"colour\": \"red\"}", NULL);
  td_test_assert_problem (unknown, 422, "validation_failed");
  g_assert_cmpstr (first_error_code (unknown, "colour"), ==, "unknown_field");

  blank = td_test_request (platform, "POST", "/v1/lists", token, "{\"name\": \"   \"}", NULL);
  td_test_assert_problem (blank, 422, "validation_failed");

  campaign = td_test_request (platform, "POST", "/v1/campaigns", token,
                              "{\"name\": \"Bad\", \"keywords\": \"ROCKS\", \"list_id\": 7, "
                              "\"ends_at\": \"next tuesday\"}", NULL);
  td_test_assert_problem (campaign, 422, "validation_failed");
  g_assert_cmpstr (first_error_code (campaign, "keywords"), ==, "invalid_type");
  g_assert_cmpstr (first_error_code (campaign, "list_id"), ==, "invalid_type");
  g_assert_cmpstr (first_error_code (campaign, "ends_at"), ==, "invalid_type");

  archived = td_test_request (platform, "PATCH", conversation_path, token, "{\"archived\": \"yes\"}", NULL);
  td_test_assert_problem (archived, 422, "validation_failed");

  members = td_test_request (platform, "POST", members_path, token, "{\"subscriber_ids\": [1, 2]}", NULL);
  td_test_assert_problem (members, 422, "validation_failed");

  fields = td_test_request (platform, "POST", "/v1/subscribers", token,
                            "{\"phone\": \"+15550108401\", \"fields\": {\"birthday\": \"31/12/1999\", "
                            "\"vip\": \"yes\", \"nested\": {\"a\": 1}}}", NULL);
  td_test_assert_problem (fields, 422, "validation_failed");
  g_assert_cmpstr (first_error_code (fields, "fields.birthday"), ==, "invalid_type");
  g_assert_cmpstr (first_error_code (fields, "fields.vip"), ==, "invalid_type");
  g_assert_cmpstr (first_error_code (fields, "fields.nested"), ==, "invalid_type");

  assert_unchanged (&before);
}

static void
test_huge_bodies (void)
{
  gsize size = 4 * 1024 * 1024;
  g_autofree char *huge = g_malloc (size);
  g_autoptr(TdTestResponse) sized = NULL;
  g_autoptr(TdTestResponse) deep = NULL;
  g_autoptr(TdTestResponse) after = NULL;
  g_autoptr(GString) nested = g_string_new (NULL);
  Counts before;

  count_rows (&before);

  memset (huge, ' ', size);
  memcpy (huge, "{\"name\": \"", 10);
  huge[size - 2] = '"';
  huge[size - 1] = '}';
  sized = post_bytes ("/v1/lists", "application/json", huge, size);
  td_test_assert_problem (sized, 413, "payload_too_large");

  /* Deep nesting, small enough to pass the size limit. */
  for (guint i = 0; i < 50000; i++)
    g_string_append_c (nested, '[');
  deep = post_bytes ("/v1/lists", "application/json", nested->str, nested->len);
  td_test_assert_problem (deep, 400, "invalid_json");

  /* Still serving. */
  after = td_test_request (platform, "GET", "/v1/me", token, NULL, NULL);
  g_assert_cmpuint (after->status, ==, 200);

  assert_unchanged (&before);
}

static void
test_huge_chunked_body (void)
{
  g_autofree char *url = g_strconcat (platform->url, "/v1/lists", NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  gsize size = 2 * 1024 * 1024;
  char *buffer = g_malloc (size);
  Counts before;

  count_rows (&before);

  memset (buffer, 'x', size);
  data = g_bytes_new_take (buffer, size);
  stream = g_memory_input_stream_new_from_bytes (data);
  /* No length: libsoup sends it chunked. */
  soup_message_set_request_body (msg, "application/json", stream, -1);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 413);

  assert_unchanged (&before);
}

static void
test_invalid_utf8 (void)
{
  static const char json[] = "{\"name\": \"caf\xe9 \xff\xfe\"}";
  g_autoptr(TdTestResponse) body = post_bytes ("/v1/lists", "application/json", json, sizeof json - 1);
  g_autoptr(TdTestResponse) query = td_test_request (platform, "GET", "/v1/conversations?q=%FF%FE", token, NULL, NULL);
  g_autoptr(TdTestResponse) gateway = NULL;
  Counts before;

  count_rows (&before);

  td_test_assert_problem (body, 400, "invalid_json");
  td_test_assert_problem (query, 400, "invalid_parameter");

  gateway = td_test_send_text (platform, "41019", secret, "SMbadutf8", "+15550108402", "bad \xff bytes");
  td_test_assert_problem (gateway, 400, "invalid_string");

  assert_unchanged (&before);
}

static void
test_bad_cursors_and_limits (void)
{
  static const char *const paths[] = {
    "/v1/subscribers?cursor=AAAA", "/v1/subscribers?cursor=" "YzE6MA", "/v1/lists?cursor=!!",
    "/v1/campaigns?cursor=YzE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5", "/v1/conversations?limit=99999999999999999999",
    "/v1/conversations?limit=1.5", "/v1/conversations?unread=maybe", "/v1/conversations?campaign_id=abc",
    "/v1/conversations?view=everything", "/v1/campaigns?status=sleeping", "/v1/events?after=-3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(TdTestResponse) response = td_test_request (platform, "GET", paths[i], token, NULL, NULL);

      if (response->status != 400)
        g_printerr ("%s: %u\n", paths[i], response->status);
      g_assert_cmpuint (response->status, ==, 400);
    }
}

static void
test_bad_phones (void)
{
  static const char *const phones[] = {
    "12", "not a number", "+0123456789", "555-010-01", "+1 (055) 010-0199", "+12345678901234567", "",
  };
  Counts before;

  count_rows (&before);

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"phone\": \"%s\"}", phones[i]);
      g_autofree char *sid = g_strdup_printf ("SMbadphone%u", i);
      g_autoptr(TdTestResponse) response = td_test_request (platform, "POST", "/v1/subscribers", token, body, NULL);
      g_autoptr(TdTestResponse) gateway = td_test_send_text (platform, "41019", secret, sid, phones[i], "ROCK");

      td_test_assert_problem (response, 422, "validation_failed");
      g_assert_cmpstr (first_error_code (response, "phone"), ==, *phones[i] ? "invalid_phone" : "blank");
      g_assert_cmpuint (gateway->status, >=, 400);
      g_assert_cmpuint (gateway->status, <, 500);
    }

  assert_unchanged (&before);
}

static void
test_wrong_media_type_and_method (void)
{
  g_autoptr(TdTestResponse) text_plain = post_bytes ("/v1/lists", "text/plain", "{\"name\": \"x\"}", 13);
  g_autoptr(TdTestResponse) method = td_test_request (platform, "PUT", "/v1/lists", token, "{}", NULL);
  g_autoptr(TdTestResponse) id = td_test_request (platform, "GET", "/v1/lists/abc", token, NULL, NULL);
  g_autoptr(TdTestResponse) overflow = td_test_request (platform, "GET", "/v1/lists/99999999999999999999999", token, NULL, NULL);
  g_autoptr(TdTestResponse) gateway_json = post_bytes ("/gateway/twilio/41019", "application/json", "{}", 2);

  td_test_assert_problem (text_plain, 415, "unsupported_media_type");
  td_test_assert_problem (method, 405, "method_not_allowed");
  td_test_assert_problem (id, 404, "not_found");
  td_test_assert_problem (overflow, 404, "not_found");
  td_test_assert_problem (gateway_json, 415, "unsupported_media_type");
}

static void
test_import_rows (void)
{
  g_autoptr(JsonObject) lists = td_test_get (platform, token, "/v1/lists?limit=1");
  const char *list_id = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (lists, "data"), 0), "id");
  g_autofree char *body = g_strdup_printf ("{\"list_id\": \"%s\", \"rows\": ["
                                           "{\"phone\": \"555 010 8501\", \"first_name\": \"Ok\"},"
                                           "{\"phone\": \"bogus\"},"
                                           "{\"phone\": \"+15550108502\", \"fields\": {\"vip\": \"no\"}},"
                                           "{\"phone\": \"5550108501\", \"last_name\": \"Again\"},"
                                           "42]}", list_id);
  g_autoptr(TdTestResponse) response = td_test_request (platform, "POST", "/v1/subscribers/import", token, body, NULL);
  g_autoptr(TdTestResponse) too_many = NULL;
  g_autoptr(GString) many = g_string_new (NULL);
  JsonArray *results;

  g_assert_cmpuint (response->status, ==, 200);
  results = json_object_get_array_member (td_test_response_object (response), "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 0), "status"), ==, "created");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 1), "code"), ==, "invalid_phone");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 2), "status"), ==, "failed");
  /* The same number, written another way: one subscriber. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 3), "status"), ==, "updated");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 3), "subscriber_id"), ==,
                   json_object_get_string_member (json_array_get_object_element (results, 0), "subscriber_id"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, 4), "status"), ==, "failed");
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM subscribers WHERE phone = '+15550108502'"), ==, 0);

  g_string_append_printf (many, "{\"list_id\": \"%s\", \"rows\": [", list_id);
  for (guint i = 0; i < 1001; i++)
    g_string_append_printf (many, "%s{\"phone\": \"+1555011%04u\"}", i ? "," : "", i);
  g_string_append (many, "]}");
  too_many = td_test_request (platform, "POST", "/v1/subscribers/import", token, many->str, NULL);
  td_test_assert_problem (too_many, 422, "validation_failed");
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM subscribers WHERE phone LIKE '+1555011%%'"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, NULL);
  token = td_test_sign_in (platform, "admin@wave.example");
  secret = td_test_secret (platform, "41019");

  g_test_add_func ("/platform/bad-input/malformed-json", test_malformed_json);
  g_test_add_func ("/platform/bad-input/wrong-types-unknown-fields", test_wrong_types_and_unknown_fields);
  g_test_add_func ("/platform/bad-input/huge-bodies", test_huge_bodies);
  g_test_add_func ("/platform/bad-input/huge-chunked-body", test_huge_chunked_body);
  g_test_add_func ("/platform/bad-input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/platform/bad-input/bad-cursors-and-limits", test_bad_cursors_and_limits);
  g_test_add_func ("/platform/bad-input/bad-phones", test_bad_phones);
  g_test_add_func ("/platform/bad-input/media-type-and-method", test_wrong_media_type_and_method);
  g_test_add_func ("/platform/bad-input/import-rows", test_import_rows);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (token);
  g_free (secret);

  return result;
}
