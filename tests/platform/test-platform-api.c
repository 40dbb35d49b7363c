/* test-platform-api.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-api"

#include <string.h>

#include "td-platform-test-utils.h"

/* One demo platform for the whole program: the tests below read it and
 * make changes that do not get in each other's way.
 */
static TdTestPlatform *platform;

static void
test_sign_in (void)
{
  g_autoptr(TdTestResponse) wrong = NULL;
  g_autoptr(TdTestResponse) unknown = NULL;
  g_autoptr(TdTestResponse) ok = NULL;
  g_autoptr(TdTestResponse) me = NULL;
  g_autoptr(TdTestResponse) revoked = NULL;
  g_autoptr(TdTestResponse) out = NULL;
  JsonObject *object;
  const char *token;

  wrong = td_test_request (platform, "POST", "/v1/sessions", NULL,
                           "{\"email\": \"admin@wave.example\", \"password\": \"nope\"}", NULL);
  td_test_assert_problem (wrong, 401, "invalid_credentials");

  unknown = td_test_request (platform, "POST", "/v1/sessions", NULL,
                             "{\"email\": \"nobody@wave.example\", \"password\": \"demo\"}", NULL);
  td_test_assert_problem (unknown, 401, "invalid_credentials");

  ok = td_test_request (platform, "POST", "/v1/sessions", NULL,
                        "{\"email\": \"ADMIN@wave.example\", \"password\": \"demo\"}", NULL);
  g_assert_cmpuint (ok->status, ==, 201);
  object = td_test_response_object (ok);
  token = json_object_get_string_member (object, "token");
  g_assert_true (g_str_has_prefix (token, "tdk_"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "user"), "role"), ==, "admin");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "account"), "name"), ==, "Wave 101.9 FM");

  me = td_test_request (platform, "GET", "/v1/me", token, NULL, NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (me), "email"), ==, "admin@wave.example");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (me), "account_name"), ==, "Wave 101.9 FM");
  g_assert_nonnull (soup_message_headers_get_one (me->headers, "RateLimit-Remaining"));

  out = td_test_request (platform, "DELETE", "/v1/sessions/current", token, NULL, NULL);
  g_assert_cmpuint (out->status, ==, 204);

  revoked = td_test_request (platform, "GET", "/v1/me", token, NULL, NULL);
  td_test_assert_problem (revoked, 401, "unauthorized");
}

static void
test_unauthorized (void)
{
  g_autoptr(TdTestResponse) none = td_test_request (platform, "GET", "/v1/campaigns", NULL, NULL, NULL);
  g_autoptr(TdTestResponse) bad = td_test_request (platform, "GET", "/v1/campaigns", "tdk_forged", NULL, NULL);
  g_autoptr(TdTestResponse) missing = td_test_request (platform, "GET", "/v1/nothing-here", NULL, NULL, NULL);

  td_test_assert_problem (none, 401, "unauthorized");
  td_test_assert_problem (bad, 401, "unauthorized");
  td_test_assert_problem (missing, 404, "not_found");
}

static void
test_short_codes (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *staff = td_test_sign_in (platform, "staff@wave.example");
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autoptr(TdTestResponse) wave_codes = td_test_request (platform, "GET", "/v1/short-codes", wave, NULL, NULL);
  g_autoptr(TdTestResponse) metro_codes = td_test_request (platform, "GET", "/v1/short-codes", metro, NULL, NULL);
  g_autoptr(TdTestResponse) shared_patch = NULL;
  g_autoptr(TdTestResponse) member_patch = NULL;
  g_autoptr(TdTestResponse) patch = NULL;
  g_autofree char *shared_path = NULL;
  g_autofree char *dedicated_path = NULL;
  JsonObject *code;

  g_assert_cmpuint (json_array_get_length (td_test_response_data (wave_codes)), ==, 1);
  code = json_array_get_object_element (td_test_response_data (wave_codes), 0);
  g_assert_cmpstr (json_object_get_string_member (code, "code"), ==, "41019");
  g_assert_cmpstr (json_object_get_string_member (code, "kind"), ==, "dedicated");
  dedicated_path = g_strdup_printf ("/v1/short-codes/%s", json_object_get_string_member (code, "id"));

  code = json_array_get_object_element (td_test_response_data (metro_codes), 0);
  g_assert_cmpstr (json_object_get_string_member (code, "code"), ==, "72000");
  g_assert_cmpstr (json_object_get_string_member (code, "kind"), ==, "shared");
  shared_path = g_strdup_printf ("/v1/short-codes/%s", json_object_get_string_member (code, "id"));

  shared_patch = td_test_request (platform, "PATCH", shared_path, metro, "{\"text_chat\": true}", NULL);
  td_test_assert_problem (shared_patch, 409, "shared_short_code");

  member_patch = td_test_request (platform, "PATCH", dedicated_path, staff, "{\"text_chat\": true}", NULL);
  td_test_assert_problem (member_patch, 403, "forbidden");

  patch = td_test_request (platform, "PATCH", dedicated_path, wave,
                           "{\"help_response\": \"Wave help line\"}", NULL);
  g_assert_cmpuint (patch->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (patch), "help_response"), ==, "Wave help line");
  g_assert_false (json_object_get_boolean_member (td_test_response_object (patch), "text_chat"));
}

static void
test_campaigns (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(GPtrArray) campaigns = td_test_list_all (platform, "/v1/campaigns", wave);
  gboolean seen_active = FALSE, seen_paused = FALSE, seen_expired = FALSE;
  gint64 last_id = G_MAXINT64;

  g_assert_cmpuint (campaigns->len, >=, 5);

  for (guint i = 0; i < campaigns->len; i++)
    {
      JsonObject *campaign = g_ptr_array_index (campaigns, i);
      const char *status = json_object_get_string_member (campaign, "status");
      gint64 id = g_ascii_strtoll (json_object_get_string_member (campaign, "id"), NULL, 10);

      /* Newest first. */
      g_assert_cmpint (id, <, last_id);
      last_id = id;

      seen_active |= g_str_equal (status, "active");
      seen_paused |= g_str_equal (status, "paused");
      seen_expired |= g_str_equal (status, "expired");
      g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (campaign, "keywords")));
      g_assert_true (json_object_has_member (campaign, "subscriber_count"));
      g_assert_true (json_object_has_member (campaign, "message_count"));
      g_assert_true (json_object_has_member (campaign, "unread_count"));

      if (g_str_equal (json_object_get_string_member (campaign, "name"), "Summer Giveaway"))
        {
          g_assert_cmpstr (status, ==, "expired");
          g_assert_false (JSON_NODE_HOLDS_NULL (json_object_get_member (campaign, "redirect_campaign_id")));
        }
      if (g_str_equal (json_object_get_string_member (campaign, "name"), "Rock Weekend"))
        {
          g_assert_cmpint (json_object_get_int_member (campaign, "subscriber_count"), >, 0);
          g_assert_cmpint (json_object_get_int_member (campaign, "message_count"), >, 0);
        }
    }

  g_assert_true (seen_active && seen_paused && seen_expired);
}

static void
test_campaign_keywords (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autofree char *sports = td_test_sign_in (platform, "admin@sports.example");
  g_autoptr(TdTestResponse) created = NULL;
  g_autoptr(TdTestResponse) taken = NULL;
  g_autoptr(TdTestResponse) taken_shared = NULL;
  g_autoptr(TdTestResponse) reserved = NULL;
  g_autoptr(TdTestResponse) patched = NULL;
  g_autoptr(TdTestResponse) stale = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  JsonArray *keywords;

  created = td_test_request (platform, "POST", "/v1/campaigns", wave,
                             "{\"name\": \"Jazz Nights\", \"keywords\": [\"jazz\", \"Blues!\"], "
                             "\"auto_response\": \"Welcome to Jazz Nights\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  keywords = json_object_get_array_member (td_test_response_object (created), "keywords");
  g_assert_cmpstr (json_array_get_string_element (keywords, 0), ==, "JAZZ");
  g_assert_cmpstr (json_array_get_string_element (keywords, 1), ==, "BLUES");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (created), "status"), ==, "active");

  taken = td_test_request (platform, "POST", "/v1/campaigns", wave,
                           "{\"name\": \"Rock 2\", \"keywords\": [\"ROCK\"]}", NULL);
  td_test_assert_problem (taken, 409, "keyword_taken");

  /* Keywords are unique on a shared code across its accounts. */
  taken_shared = td_test_request (platform, "POST", "/v1/campaigns", sports,
                                  "{\"name\": \"Deals too\", \"keywords\": [\"deals\"]}", NULL);
  td_test_assert_problem (taken_shared, 409, "keyword_taken");

  reserved = td_test_request (platform, "POST", "/v1/campaigns", metro,
                              "{\"name\": \"Stop\", \"keywords\": [\"STOP\"]}", NULL);
  td_test_assert_problem (reserved, 422, "validation_failed");

  path = g_strdup_printf ("/v1/campaigns/%s",
                          json_object_get_string_member (td_test_response_object (created), "id"));
  etag = g_strdup (soup_message_headers_get_one (created->headers, "ETag"));
  g_assert_nonnull (etag);

  patched = td_test_request (platform, "PATCH", path, wave, "{\"status\": \"paused\"}",
                             "If-Match", etag, NULL);
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (patched), "status"), ==, "paused");

  stale = td_test_request (platform, "PATCH", path, wave, "{\"status\": \"active\"}",
                           "If-Match", etag, NULL);
  td_test_assert_problem (stale, 412, "precondition_failed");
}

static void
test_stream_admins_only (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *staff = td_test_sign_in (platform, "staff@wave.example");
  g_autoptr(TdTestResponse) forbidden = td_test_request (platform, "GET", "/v1/conversations?view=stream", staff, NULL, NULL);
  g_autoptr(TdTestResponse) allowed = td_test_request (platform, "GET", "/v1/conversations?view=stream", wave, NULL, NULL);
  g_autoptr(TdTestResponse) member_list = td_test_request (platform, "GET", "/v1/conversations", staff, NULL, NULL);
  JsonArray *data;

  td_test_assert_problem (forbidden, 403, "forbidden");
  g_assert_cmpuint (allowed->status, ==, 200);
  g_assert_cmpuint (member_list->status, ==, 200);

  data = td_test_response_data (allowed);
  g_assert_cmpuint (json_array_get_length (data), >, 0);
  for (guint i = 0; i < json_array_get_length (data); i++)
    g_assert_true (json_object_get_boolean_member (json_array_get_object_element (data, i), "in_stream"));
}

static void
test_paging (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(GPtrArray) all = td_test_list_all (platform, "/v1/conversations", wave);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint total = 0;
  const char *bad[] = {
    "/v1/conversations?limit=0", "/v1/conversations?limit=201", "/v1/conversations?limit=abc",
    "/v1/conversations?limit=-1", "/v1/conversations?cursor=%25%25", "/v1/conversations?cursor=Zm9v",
    "/v1/conversations?cursor=YzE6LTE", "/v1/subscribers?cursor=not-a-cursor",
  };

  g_assert_cmpuint (all->len, >, 100);

  /* Small pages walk the same items, each once. */
  do
    {
      g_autofree char *path = cursor
        ? g_strdup_printf ("/v1/conversations?limit=37&cursor=%s", cursor)
        : g_strdup ("/v1/conversations?limit=37");
      g_autoptr(TdTestResponse) page = td_test_request (platform, "GET", path, wave, NULL, NULL);
      JsonArray *data = td_test_response_data (page);
      JsonNode *next = json_object_get_member (td_test_response_object (page), "next_cursor");

      g_assert_cmpuint (json_array_get_length (data), <=, 37);
      for (guint i = 0; i < json_array_get_length (data); i++)
        g_assert_true (g_hash_table_add (seen, td_test_object_id (json_array_get_object_element (data, i))));
      total += json_array_get_length (data);

      g_clear_pointer (&cursor, g_free);
      if (!JSON_NODE_HOLDS_NULL (next))
        cursor = g_strdup (json_node_get_string (next));
    }
  while (cursor != NULL);

  g_assert_cmpuint (total, ==, all->len);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TdTestResponse) response = td_test_request (platform, "GET", bad[i], wave, NULL, NULL);

      g_assert_cmpuint (response->status, ==, 400);
    }
}

static void
test_conversation_read_and_archive (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(TdTestResponse) unread = td_test_request (platform, "GET", "/v1/conversations?unread=true&limit=5", wave, NULL, NULL);
  g_autoptr(TdTestResponse) read = NULL;
  g_autoptr(TdTestResponse) archived = NULL;
  g_autoptr(TdTestResponse) listed = NULL;
  g_autoptr(TdTestResponse) archive_view = NULL;
  g_autoptr(TdTestResponse) messages = NULL;
  g_autofree char *path = NULL;
  g_autofree char *messages_path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;
  JsonObject *conversation;
  JsonArray *thread;

  g_assert_cmpuint (json_array_get_length (td_test_response_data (unread)), >, 0);
  conversation = json_array_get_object_element (td_test_response_data (unread), 0);
  g_assert_cmpint (json_object_get_int_member (conversation, "unread_count"), >, 0);
  id = td_test_object_id (conversation);
  path = g_strdup_printf ("/v1/conversations/%s", id);
  messages_path = g_strdup_printf ("/v1/conversations/%s/messages", id);

  messages = td_test_request (platform, "GET", messages_path, wave, NULL, NULL);
  g_assert_cmpuint (messages->status, ==, 200);
  thread = td_test_response_data (messages);
  g_assert_cmpuint (json_array_get_length (thread), >, 0);
  for (guint i = 0; i < json_array_get_length (thread); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (thread, i), "conversation_id"), ==, id);

  body = g_strdup_printf ("{\"last_read_message_id\": \"%s\"}",
                          json_object_get_string_member (json_array_get_object_element (thread, 0), "id"));
  read = td_test_request (platform, "PATCH", path, wave, body, NULL);
  g_assert_cmpuint (read->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (read), "unread_count"), ==, 0);

  archived = td_test_request (platform, "PATCH", path, wave, "{\"archived\": true}", NULL);
  g_assert_cmpuint (archived->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (td_test_response_object (archived), "archived"));

  listed = td_test_request (platform, "GET", "/v1/conversations?limit=200", wave, NULL, NULL);
  g_assert_null (td_test_find_by_member (td_test_response_data (listed), "id", id));
  archive_view = td_test_request (platform, "GET", "/v1/conversations?archived=true", wave, NULL, NULL);
  g_assert_nonnull (td_test_find_by_member (td_test_response_data (archive_view), "id", id));
}

static void
test_subscriber_fields (void)
{
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autoptr(TdTestResponse) created = NULL;
  g_autoptr(TdTestResponse) merged = NULL;
  g_autoptr(TdTestResponse) stale = NULL;
  g_autoptr(TdTestResponse) cached = NULL;
  g_autoptr(TdTestResponse) duplicate = NULL;
  g_autoptr(TdTestResponse) history = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  JsonObject *fields;

  created = td_test_request (platform, "POST", "/v1/subscribers", metro,
                             "{\"phone\": \"(555) 010-9001\", \"first_name\": \"Ada\", "
                             "\"fields\": {\"zip\": \"10001\", \"loyalty_points\": 5}}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (created), "phone"), ==, "+15550109001");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (created), "status"), ==, "active");
  path = g_strdup_printf ("/v1/subscribers/%s", json_object_get_string_member (td_test_response_object (created), "id"));
  etag = g_strdup (soup_message_headers_get_one (created->headers, "ETag"));

  duplicate = td_test_request (platform, "POST", "/v1/subscribers", metro,
                               "{\"phone\": \"+1 555 010 9001\"}", NULL);
  td_test_assert_problem (duplicate, 409, "conflict");

  merged = td_test_request (platform, "PATCH", path, metro,
                            "{\"fields\": {\"zip\": null, \"preferred_store\": \"Riverside\"}}",
                            "If-Match", etag, NULL);
  g_assert_cmpuint (merged->status, ==, 200);
  fields = json_object_get_object_member (td_test_response_object (merged), "fields");
  g_assert_false (json_object_has_member (fields, "zip"));
  g_assert_cmpint (json_object_get_int_member (fields, "loyalty_points"), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (fields, "preferred_store"), ==, "Riverside");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (merged), "first_name"), ==, "Ada");

  stale = td_test_request (platform, "PATCH", path, metro, "{\"first_name\": \"Bea\"}",
                           "If-Match", etag, NULL);
  td_test_assert_problem (stale, 412, "precondition_failed");

  cached = td_test_request (platform, "GET", path, metro, NULL,
                            "If-None-Match", soup_message_headers_get_one (merged->headers, "ETag"), NULL);
  g_assert_cmpuint (cached->status, ==, 304);

  history = td_test_request (platform, "GET", "/v1/subscribers?q=Ada", metro, NULL, NULL);
  g_assert_nonnull (td_test_find_by_member (td_test_response_data (history), "phone", "+15550109001"));
}

static void
test_lists_and_members (void)
{
  g_autofree char *sports = td_test_sign_in (platform, "admin@sports.example");
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autoptr(TdTestResponse) list = NULL;
  g_autoptr(TdTestResponse) subscribers = NULL;
  g_autoptr(TdTestResponse) metro_subscribers = NULL;
  g_autoptr(TdTestResponse) added = NULL;
  g_autoptr(TdTestResponse) again = NULL;
  g_autoptr(TdTestResponse) removed = NULL;
  g_autoptr(TdTestResponse) members = NULL;
  g_autoptr(TdTestResponse) after = NULL;
  g_autoptr(TdTestResponse) fields = NULL;
  g_autoptr(TdTestResponse) field = NULL;
  g_autofree char *members_path = NULL;
  g_autofree char *remove_path = NULL;
  g_autofree char *list_path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *one = NULL;
  JsonArray *data;
  JsonObject *answer;

  list = td_test_request (platform, "POST", "/v1/lists", sports,
                          "{\"name\": \"Test List\", \"description\": \"for the test\"}", NULL);
  g_assert_cmpuint (list->status, ==, 201);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (list), "subscriber_count"), ==, 0);
  list_path = g_strdup_printf ("/v1/lists/%s", json_object_get_string_member (td_test_response_object (list), "id"));
  members_path = g_strdup_printf ("%s/members", list_path);
  remove_path = g_strdup_printf ("%s/members/remove", list_path);

  subscribers = td_test_request (platform, "GET", "/v1/subscribers?limit=3", sports, NULL, NULL);
  data = td_test_response_data (subscribers);
  g_assert_cmpuint (json_array_get_length (data), ==, 3);
  metro_subscribers = td_test_request (platform, "GET", "/v1/subscribers?limit=1", metro, NULL, NULL);
  one = td_test_object_id (json_array_get_object_element (td_test_response_data (metro_subscribers), 0));

  /* Two of ours, one twice, and one of another account's. */
  body = g_strdup_printf ("{\"subscriber_ids\": [\"%s\", \"%s\", \"%s\", \"%s\"]}",
                          json_object_get_string_member (json_array_get_object_element (data, 0), "id"),
                          json_object_get_string_member (json_array_get_object_element (data, 1), "id"),
                          json_object_get_string_member (json_array_get_object_element (data, 1), "id"),
                          one);
  added = td_test_request (platform, "POST", members_path, sports, body, NULL);
  g_assert_cmpuint (added->status, ==, 200);
  answer = td_test_response_object (added);
  g_assert_cmpint (json_object_get_int_member (answer, "added"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (answer, "already_member"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "failed")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (answer, "failed"), 0), ==, one);

  again = td_test_request (platform, "POST", members_path, sports, body, NULL);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (again), "added"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (again), "already_member"), ==, 3);

  members = td_test_request (platform, "GET", members_path, sports, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (td_test_response_data (members)), ==, 2);

  removed = td_test_request (platform, "POST", remove_path, sports, body, NULL);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (removed), "removed"), ==, 2);

  after = td_test_request (platform, "GET", list_path, sports, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (after), "subscriber_count"), ==, 0);

  field = td_test_request (platform, "POST", "/v1/fields", sports,
                           "{\"key\": \"shirt_size\", \"name\": \"Shirt size\", \"type\": \"text\"}", NULL);
  g_assert_cmpuint (field->status, ==, 201);
  fields = td_test_request (platform, "GET", "/v1/fields", sports, NULL, NULL);
  g_assert_nonnull (td_test_find_by_member (td_test_response_data (fields), "key", "shirt_size"));
  g_assert_nonnull (td_test_find_by_member (td_test_response_data (fields), "key", "favorite_team"));
}

static void
test_other_accounts_objects (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autoptr(TdTestResponse) campaigns = td_test_request (platform, "GET", "/v1/campaigns?limit=1", wave, NULL, NULL);
  g_autoptr(TdTestResponse) subscribers = td_test_request (platform, "GET", "/v1/subscribers?limit=1", wave, NULL, NULL);
  g_autofree char *campaign_path = g_strdup_printf ("/v1/campaigns/%s",
    json_object_get_string_member (json_array_get_object_element (td_test_response_data (campaigns), 0), "id"));
  g_autofree char *subscriber_path = g_strdup_printf ("/v1/subscribers/%s",
    json_object_get_string_member (json_array_get_object_element (td_test_response_data (subscribers), 0), "id"));
  g_autoptr(TdTestResponse) campaign = td_test_request (platform, "GET", campaign_path, metro, NULL, NULL);
  g_autoptr(TdTestResponse) subscriber = td_test_request (platform, "GET", subscriber_path, metro, NULL, NULL);
  g_autoptr(TdTestResponse) patch = td_test_request (platform, "PATCH", subscriber_path, metro, "{\"first_name\": \"X\"}", NULL);

  td_test_assert_problem (campaign, 404, "not_found");
  td_test_assert_problem (subscriber, 404, "not_found");
  td_test_assert_problem (patch, 404, "not_found");
}

static void
test_commands (void)
{
  g_autoptr(GSubprocess) token_process = NULL;
  g_autoptr(GSubprocess) simulate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *out = NULL;
  g_autofree char *secret = td_test_secret (platform, "41019");
  g_autoptr(TdTestResponse) me = NULL;
  gint64 before = td_test_db_int (platform, "SELECT count (*) FROM texts WHERE direction = 'inbound'");

  /* token: a working API token for a user, on standard output. */
  token_process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    g_getenv ("TEXTDESK_PLATFORM"), "token", "--db", platform->db_path,
                                    "--email", "staff@wave.example", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (token_process, NULL, NULL, &token, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (token);
  me = td_test_request (platform, "GET", "/v1/me", token, NULL, NULL);
  g_assert_cmpuint (me->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (me), "role"), ==, "member");

  /* simulate: signed texts, as a gateway sends them; all accepted. */
  simulate = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               g_getenv ("TEXTDESK_PLATFORM"), "simulate", "--url", platform->url,
                               "--short-code", "41019", "--secret", secret, "--rate", "0",
                               "--count", "12", "--seed", "7", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (simulate, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (simulate), ==, 0);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE direction = 'inbound'"), ==, before + 12);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, NULL);

  g_test_add_func ("/platform/api/sign-in", test_sign_in);
  g_test_add_func ("/platform/api/unauthorized", test_unauthorized);
  g_test_add_func ("/platform/api/short-codes", test_short_codes);
  g_test_add_func ("/platform/api/campaigns", test_campaigns);
  g_test_add_func ("/platform/api/campaign-keywords", test_campaign_keywords);
  g_test_add_func ("/platform/api/stream-admins-only", test_stream_admins_only);
  g_test_add_func ("/platform/api/paging", test_paging);
  g_test_add_func ("/platform/api/conversation-read-archive", test_conversation_read_and_archive);
  g_test_add_func ("/platform/api/subscriber-fields", test_subscriber_fields);
  g_test_add_func ("/platform/api/lists-and-members", test_lists_and_members);
  g_test_add_func ("/platform/api/other-accounts-objects", test_other_accounts_objects);
  g_test_add_func ("/platform/api/commands", test_commands);

  result = g_test_run ();

  td_test_platform_stop (platform);

  return result;
}
