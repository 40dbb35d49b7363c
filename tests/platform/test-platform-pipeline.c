/* test-platform-pipeline.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-platform-pipeline"

#include <string.h>

#include "td-platform-test-utils.h"

/* The inbound pipeline, driven as a gateway drives it: signed webhooks on
 * the demo's short codes, and checked the way the accounts see it.
 */
static TdTestPlatform *platform;
static char *secret_41019;
static char *secret_72000;
static guint sid_counter;

static char *
next_sid (void)
{
  return g_strdup_printf ("SMtest%08u", ++sid_counter);
}

static void
text (const char *code,
      const char *from,
      const char *body)
{
  g_autofree char *sid = next_sid ();
  g_autoptr(TdTestResponse) response = td_test_send_text (platform, code,
                                                          g_str_equal (code, "41019") ? secret_41019 : secret_72000,
                                                          sid, from, body);

  if (response->status != 200)
    g_printerr ("Webhook: %u %s\n", response->status, response->body);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (strstr (response->body, "<Response>") != NULL);
}

/* The conversation of @phone as the account of @token sees it, or NULL. */
static JsonObject *
find_conversation (const char *token,
                   const char *phone,
                   const char *extra_query)
{
  g_autofree char *path = g_strdup_printf ("/v1/conversations?q=%s%s", phone + 2,
                                           extra_query ? extra_query : "");
  g_autoptr(TdTestResponse) response = td_test_request (platform, "GET", path, token, NULL, NULL);
  JsonArray *data;

  g_assert_cmpuint (response->status, ==, 200);
  data = td_test_response_data (response);
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *conversation = json_array_get_object_element (data, i);
      JsonObject *subscriber = json_object_get_object_member (conversation, "subscriber");

      if (g_str_equal (json_object_get_string_member (subscriber, "phone"), phone))
        return json_object_ref (conversation);
    }

  return NULL;
}

static JsonArray *
thread_of (const char *token,
           const char *phone)
{
  g_autoptr(JsonObject) conversation = find_conversation (token, phone, NULL);
  g_autoptr(JsonObject) page = NULL;

  g_assert_nonnull (conversation);
  page = td_test_get (platform, token, "/v1/conversations/%s/messages?limit=200",
                      json_object_get_string_member (conversation, "id"));

  return json_array_ref (json_object_get_array_member (page, "data"));
}

static guint
count_direction (JsonArray  *messages,
                 const char *direction)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (messages, i),
                                                    "direction"), direction))
      n++;

  return n;
}

static void
test_bad_signature (void)
{
  g_autoptr(TdTestResponse) forged = td_test_send_text (platform, "41019", "not-the-secret",
                                                        "SMforged0001", "+15550108000", "ROCK");
  g_autoptr(TdTestResponse) other_code = td_test_send_text (platform, "41019", secret_72000,
                                                            "SMforged0002", "+15550108000", "ROCK");
  g_autoptr(TdTestResponse) unknown = td_test_send_text (platform, "99999", secret_41019,
                                                         "SMforged0003", "+15550108000", "ROCK");
  g_autoptr(TdTestResponse) unsigned_post = NULL;
  g_autoptr(GBytes) form = g_bytes_new_static ("MessageSid=SMforged0004&From=%2B15550108000&Body=ROCK", 53);

  td_test_assert_problem (forged, 403, "invalid_signature");
  td_test_assert_problem (other_code, 403, "invalid_signature");
  td_test_assert_problem (unknown, 404, "not_found");

  unsigned_post = td_test_request_raw (platform, "POST", "/gateway/twilio/41019", NULL,
                                       "application/x-www-form-urlencoded", form, NULL);
  td_test_assert_problem (unsigned_post, 403, "invalid_signature");

  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE gateway_sid LIKE 'SMforged%%'"), ==, 0);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108000'"), ==, 0);
}

static void
test_redelivery_stored_once (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonArray) messages = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TdTestResponse) response = td_test_send_text (platform, "41019", secret_41019, "SMredelivered01",
                                                              "+15550108001", "What song was that?");

      g_assert_cmpuint (response->status, ==, 200);
    }

  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE gateway_sid = 'SMredelivered01'"), ==, 1);
  messages = thread_of (wave, "+15550108001");
  g_assert_cmpuint (count_direction (messages, "inbound"), ==, 1);
  /* One fallback answer, not three. */
  g_assert_cmpuint (count_direction (messages, "outbound"), ==, 1);
}

static void
test_keyword_join (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *rock = td_test_campaign_id (platform, wave, "Rock Weekend");
  g_autoptr(JsonObject) before = td_test_get (platform, wave, "/v1/campaigns/%s", rock);
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonObject) subscriber = NULL;
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonObject) conversation = NULL;
  g_autoptr(JsonObject) activity = NULL;
  JsonObject *inbound;
  JsonObject *consent;
  JsonArray *consents;

  text ("41019", "+15550108002", "  Rock!! sign me up");

  messages = thread_of (wave, "+15550108002");
  g_assert_cmpuint (json_array_get_length (messages), ==, 2);
  inbound = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (inbound, "direction"), ==, "inbound");
  g_assert_cmpstr (json_object_get_string_member (inbound, "matched_keyword"), ==, "ROCK");
  g_assert_cmpstr (json_object_get_string_member (inbound, "campaign_id"), ==, rock);
  g_assert_false (json_object_get_boolean_member (inbound, "in_stream"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 0), "body"), ==,
                   json_object_get_string_member (before, "auto_response"));

  conversation = find_conversation (wave, "+15550108002", NULL);
  subscriber = td_test_get (platform, wave, "/v1/subscribers/%s",
                            json_object_get_string_member (json_object_get_object_member (conversation, "subscriber"), "id"));
  consents = json_object_get_array_member (subscriber, "consents");
  g_assert_cmpuint (json_array_get_length (consents), ==, 1);
  consent = json_array_get_object_element (consents, 0);
  g_assert_cmpstr (json_object_get_string_member (consent, "source"), ==, "keyword");
  g_assert_cmpstr (json_object_get_string_member (consent, "keyword"), ==, "ROCK");
  g_assert_cmpstr (json_object_get_string_member (consent, "list_id"), ==, json_object_get_string_member (before, "list_id"));
  g_assert_nonnull (json_object_get_string_member (consent, "at"));

  after = td_test_get (platform, wave, "/v1/campaigns/%s", rock);
  g_assert_cmpint (json_object_get_int_member (after, "subscriber_count"), ==,
                   json_object_get_int_member (before, "subscriber_count") + 1);
  g_assert_cmpint (json_object_get_int_member (after, "message_count"), ==,
                   json_object_get_int_member (before, "message_count") + 2);
  g_assert_cmpint (json_object_get_int_member (after, "unread_count"), ==,
                   json_object_get_int_member (before, "unread_count") + 1);

  /* Campaign Activity holds it, newest first. */
  activity = td_test_get (platform, wave, "/v1/conversations?campaign_id=%s&limit=1", rock);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (activity, "data"), 0), "id"), ==,
                   json_object_get_string_member (conversation, "id"));
}

static void
test_stop_then_nothing (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonObject) conversation = NULL;
  g_autoptr(JsonObject) subscriber = NULL;
  g_autoptr(TdTestResponse) reply = NULL;
  g_autoptr(JsonArray) after_start = NULL;
  g_autofree char *reply_path = NULL;
  guint outbound;

  text ("41019", "+15550108003", "TICKETS");
  text ("41019", "+15550108003", "stop.");
  messages = thread_of (wave, "+15550108003");
  /* The join's answer and one confirmation. */
  g_assert_cmpuint (count_direction (messages, "outbound"), ==, 2);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (messages, 0), "body"),
                                   "Wave 101.9 FM: You're unsubscribed"));

  conversation = find_conversation (wave, "+15550108003", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conversation, "subscriber"), "status"), ==, "opted_out");
  subscriber = td_test_get (platform, wave, "/v1/subscribers/%s",
                            json_object_get_string_member (json_object_get_object_member (conversation, "subscriber"), "id"));
  g_assert_cmpstr (json_object_get_string_member (subscriber, "status"), ==, "opted_out");
  g_assert_nonnull (json_object_get_string_member (subscriber, "opted_out_at"));

  /* Then nothing: not a second confirmation, not HELP, not a keyword's
   * answer, not the fallback, and not a person's reply.
   */
  text ("41019", "+15550108003", "STOP");
  text ("41019", "+15550108003", "UNSUBSCRIBE");
  text ("41019", "+15550108003", "HELP");
  text ("41019", "+15550108003", "ROCK");
  text ("41019", "+15550108003", "why am I still getting texts");

  reply_path = g_strdup_printf ("/v1/conversations/%s/messages", json_object_get_string_member (conversation, "id"));
  reply = td_test_request (platform, "POST", reply_path, wave, "{\"body\": \"Sorry to see you go\"}",
                           "Idempotency-Key", "stop-test-reply", NULL);
  td_test_assert_problem (reply, 409, "opted_out");

  g_clear_pointer (&messages, json_array_unref);
  messages = thread_of (wave, "+15550108003");
  outbound = count_direction (messages, "outbound");
  g_assert_cmpuint (outbound, ==, 2);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108003' "
                                             "AND direction = 'outbound'"), ==, 2);

  /* START opts back in, with one confirmation. */
  text ("41019", "+15550108003", "START");
  after_start = thread_of (wave, "+15550108003");
  g_assert_cmpuint (count_direction (after_start, "outbound"), ==, 3);
  g_clear_pointer (&conversation, json_object_unref);
  conversation = find_conversation (wave, "+15550108003", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conversation, "subscriber"), "status"), ==, "active");
}

static void
test_help_and_text_chat (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonObject) codes = td_test_get (platform, wave, "/v1/short-codes");
  g_autofree char *code_path = g_strdup_printf ("/v1/short-codes/%s",
    json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (codes, "data"), 0), "id"));
  g_autoptr(TdTestResponse) on = td_test_request (platform, "PATCH", code_path, wave, "{\"text_chat\": true}", NULL);
  g_autoptr(TdTestResponse) off = NULL;
  g_autoptr(JsonArray) chat = NULL;
  g_autoptr(JsonArray) after = NULL;
  g_autoptr(JsonArray) expired = NULL;
  const char *help = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (codes, "data"), 0), "help_response");

  g_assert_cmpuint (on->status, ==, 200);
  g_assert_true (json_object_get_boolean_member (td_test_response_object (on), "text_chat"));

  /* In text chat, HELP is still answered; chat and expired keywords get
   * no automatic answer.
   */
  text ("41019", "+15550108004", "help");
  text ("41019", "+15550108004", "Hey, are you on air right now?");
  text ("41019", "+15550108004", "SUMMER");
  chat = thread_of (wave, "+15550108004");
  g_assert_cmpuint (count_direction (chat, "inbound"), ==, 3);
  g_assert_cmpuint (count_direction (chat, "outbound"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (chat, 2), "body"), ==, help);

  off = td_test_request (platform, "PATCH", code_path, wave, "{\"text_chat\": false}", NULL);
  g_assert_cmpuint (off->status, ==, 200);

  text ("41019", "+15550108004", "Hello again");
  after = thread_of (wave, "+15550108004");
  g_assert_cmpuint (count_direction (after, "outbound"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (after, 0), "body"), ==,
                   json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (codes, "data"), 0), "fallback_response"));
}

static void
test_misspelling_suggestion (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *rock = td_test_campaign_id (platform, wave, "Rock Weekend");
  g_autofree char *tickets = td_test_campaign_id (platform, wave, "Concert Tickets");
  g_autoptr(JsonArray) messages = NULL;
  g_autoptr(JsonObject) stream = NULL;
  g_autoptr(JsonObject) conversation = NULL;
  JsonObject *message;

  text ("41019", "+15550108005", "ROKC");
  text ("41019", "+15550108005", "tikcets please");
  text ("41019", "+15550108005", "rocking tonight?");
  messages = thread_of (wave, "+15550108005");

  /* newest first: fallback, "rocking...", fallback, "tikcets", fallback, "ROKC" */
  message = json_array_get_object_element (messages, 5);
  g_assert_cmpstr (json_object_get_string_member (message, "body"), ==, "ROKC");
  g_assert_true (json_object_get_boolean_member (message, "in_stream"));
  g_assert_cmpstr (json_object_get_string_member (message, "suggested_keyword"), ==, "ROCK");
  g_assert_cmpstr (json_object_get_string_member (message, "suggested_campaign_id"), ==, rock);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (message, "campaign_id")));

  message = json_array_get_object_element (messages, 3);
  g_assert_cmpstr (json_object_get_string_member (message, "suggested_keyword"), ==, "TICKETS");
  g_assert_cmpstr (json_object_get_string_member (message, "suggested_campaign_id"), ==, tickets);

  /* "ROCKING" is a word of its own, three letters from ROCK. */
  message = json_array_get_object_element (messages, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (message, "suggested_keyword")));

  conversation = find_conversation (wave, "+15550108005", "&view=stream");
  g_assert_nonnull (conversation);
  g_assert_true (json_object_get_boolean_member (conversation, "in_stream"));
}

static void
test_expired_keyword_redirect (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autofree char *summer = td_test_campaign_id (platform, wave, "Summer Giveaway");
  g_autofree char *tickets = td_test_campaign_id (platform, wave, "Concert Tickets");
  g_autoptr(JsonObject) campaign = td_test_get (platform, wave, "/v1/campaigns/%s", summer);
  g_autoptr(JsonArray) messages = NULL;
  JsonObject *message;

  g_assert_cmpstr (json_object_get_string_member (campaign, "status"), ==, "expired");
  g_assert_cmpstr (json_object_get_string_member (campaign, "redirect_campaign_id"), ==, tickets);

  text ("41019", "+15550108006", "Summer!");
  text ("41019", "+15550108006", "trivia");
  messages = thread_of (wave, "+15550108006");

  message = json_array_get_object_element (messages, 3);
  g_assert_cmpstr (json_object_get_string_member (message, "body"), ==, "Summer!");
  g_assert_true (json_object_get_boolean_member (message, "in_stream"));
  g_assert_cmpstr (json_object_get_string_member (message, "expired_keyword"), ==, "SUMMER");
  g_assert_cmpstr (json_object_get_string_member (message, "expired_campaign_id"), ==, summer);
  g_assert_cmpstr (json_object_get_string_member (message, "redirect_campaign_id"), ==, tickets);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (message, "campaign_id")));
  /* Its expired_response names the redirect's keyword. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (messages, 2), "body"), ==,
                   json_object_get_string_member (campaign, "expired_response"));
  g_assert_nonnull (strstr (json_object_get_string_member (campaign, "expired_response"), "TICKETS"));

  /* A paused campaign's keyword goes the same way. */
  message = json_array_get_object_element (messages, 1);
  g_assert_cmpstr (json_object_get_string_member (message, "expired_keyword"), ==, "TRIVIA");
  g_assert_true (json_object_get_boolean_member (message, "in_stream"));

  /* Nobody joined the expired campaign's list by it. */
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM list_members lm JOIN subscribers s "
                                             "ON s.id = lm.subscriber_id WHERE s.phone = '+15550108006'"), ==, 0);
}

static gboolean
sees_phone (const char *token,
            const char *phone)
{
  g_autoptr(JsonObject) conversation = find_conversation (token, phone, NULL);
  g_autoptr(JsonObject) archived = find_conversation (token, phone, "&archived=true");
  g_autoptr(JsonObject) stream = find_conversation (token, phone, "&view=stream");
  g_autofree char *path = g_strdup_printf ("/v1/subscribers?q=%s", phone + 2);
  g_autoptr(JsonObject) subscribers = td_test_get (platform, token, "%s", path);
  gboolean seen = conversation != NULL || archived != NULL || stream != NULL ||
                  json_array_get_length (json_object_get_array_member (subscribers, "data")) > 0;

  return seen;
}

static gboolean
events_mention (const char *token,
                const char *after,
                const char *needle)
{
  g_autofree char *path = g_strdup_printf ("/v1/events?after=%s&limit=200", after);
  g_autoptr(TdTestResponse) page = td_test_request (platform, "GET", path, token, NULL, NULL);

  g_assert_cmpuint (page->status, ==, 200);

  return strstr (page->body, needle) != NULL;
}

static void
test_shared_code_visibility (void)
{
  g_autofree char *metro = td_test_sign_in (platform, "admin@metro.example");
  g_autofree char *sports = td_test_sign_in (platform, "admin@sports.example");
  g_autoptr(JsonObject) start_metro = td_test_get (platform, metro, "/v1/events?after=0&limit=1");
  g_autoptr(JsonObject) start_sports = td_test_get (platform, sports, "/v1/events?after=0&limit=1");
  g_autofree char *metro_after = NULL;
  g_autofree char *sports_after = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(TdTestResponse) list = NULL;
  g_autoptr(TdTestResponse) subscriber = NULL;
  g_autoptr(TdTestResponse) added = NULL;
  g_autoptr(JsonArray) metro_thread = NULL;
  g_autofree char *body = NULL;
  g_autofree char *members_path = NULL;

  /* The newest event id each account has now. */
  {
    g_autoptr(JsonObject) m = td_test_get (platform, metro, "/v1/events?after=%s&limit=200",
                                           json_object_get_string_member (start_metro, "last_event_id"));
    g_autoptr(JsonObject) s = td_test_get (platform, sports, "/v1/events?after=%s&limit=200",
                                           json_object_get_string_member (start_sports, "last_event_id"));

    metro_after = g_strdup (json_object_get_string_member (m, "last_event_id"));
    sports_after = g_strdup (json_object_get_string_member (s, "last_event_id"));
  }

  /* A keyword of Metro's: Metro sees it, City Sports sees nothing. */
  text ("72000", "+15550108101", "deals");
  text ("72000", "+15550108101", "Where is my order? secret-metro-text");
  g_assert_true (sees_phone (metro, "+15550108101"));
  g_assert_false (sees_phone (sports, "+15550108101"));
  metro_thread = thread_of (metro, "+15550108101");
  g_assert_cmpuint (count_direction (metro_thread, "inbound"), ==, 2);
  g_assert_true (events_mention (metro, metro_after, "secret-metro-text"));
  g_assert_false (events_mention (sports, sports_after, "secret-metro-text"));
  g_assert_false (events_mention (sports, sports_after, "+15550108101"));
  {
    g_autoptr(JsonObject) search = td_test_get (platform, sports, "/v1/conversations?q=secret-metro-text");

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (search, "data")), ==, 0);
  }

  /* A text that maps to no account is stored, and nobody sees it. */
  text ("72000", "+15550108102", "hello? secret-nobody-text");
  g_assert_false (sees_phone (metro, "+15550108102"));
  g_assert_false (sees_phone (sports, "+15550108102"));
  g_assert_false (events_mention (metro, metro_after, "secret-nobody-text"));
  g_assert_false (events_mention (sports, sports_after, "secret-nobody-text"));
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM texts WHERE phone = '+15550108102' "
                                             "AND direction = 'inbound'"), ==, 1);
  g_assert_cmpint (td_test_db_int (platform, "SELECT count (*) FROM messages m JOIN texts t ON t.id = m.text_id "
                                             "WHERE t.phone = '+15550108102'"), ==, 0);

  /* Once City Sports has the number on a list, it sees its texts; Metro
   * still does not.
   */
  list = td_test_request (platform, "POST", "/v1/lists", sports, "{\"name\": \"Walk-ins\"}", NULL);
  subscriber = td_test_request (platform, "POST", "/v1/subscribers", sports, "{\"phone\": \"+15550108102\"}", NULL);
  g_assert_cmpuint (subscriber->status, ==, 201);
  members_path = g_strdup_printf ("/v1/lists/%s/members", json_object_get_string_member (td_test_response_object (list), "id"));
  body = g_strdup_printf ("{\"subscriber_ids\": [\"%s\"]}", json_object_get_string_member (td_test_response_object (subscriber), "id"));
  added = td_test_request (platform, "POST", members_path, sports, body, NULL);
  g_assert_cmpint (json_object_get_int_member (td_test_response_object (added), "added"), ==, 1);

  text ("72000", "+15550108102", "Is the game on Sunday? secret-sports-text");
  {
    g_autoptr(JsonArray) sports_thread = thread_of (sports, "+15550108102");

    g_assert_cmpuint (count_direction (sports_thread, "inbound"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sports_thread, 1), "body"), ==,
                     "Is the game on Sunday? secret-sports-text");
  }
  g_assert_false (sees_phone (metro, "+15550108102"));
  g_assert_false (events_mention (metro, metro_after, "secret-sports-text"));
  g_assert_true (events_mention (sports, sports_after, "secret-sports-text"));

  /* A keyword of City Sports' from Metro's subscriber: each sees only
   * its own part.
   */
  text ("72000", "+15550108101", "GAMEDAY");
  g_assert_true (sees_phone (sports, "+15550108101"));
  {
    g_autoptr(JsonArray) metro_view = thread_of (metro, "+15550108101");
    g_autoptr(JsonArray) sports_view = thread_of (sports, "+15550108101");
    JsonObject *metro_message = json_array_get_object_element (metro_view, 0);

    /* Metro sees the text (the sender is on its list) as a plain one,
     * and not City Sports' answer.
     */
    g_assert_cmpstr (json_object_get_string_member (metro_message, "body"), ==, "GAMEDAY");
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (metro_message, "campaign_id")));
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (metro_message, "matched_keyword")));
    g_assert_cmpuint (count_direction (sports_view, "inbound"), ==, 1);
    g_assert_cmpuint (count_direction (sports_view, "outbound"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sports_view, 1), "matched_keyword"), ==, "GAMEDAY");
  }
  created = td_test_get (platform, sports, "/v1/subscribers?q=5550108101");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (created, "data")), ==, 1);
}

static void
test_member_events_without_stream (void)
{
  g_autofree char *staff = td_test_sign_in (platform, "staff@wave.example");
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonObject) start = td_test_get (platform, staff, "/v1/events?after=0&limit=1");
  g_autoptr(JsonObject) latest = td_test_get (platform, wave, "/v1/events?after=%s&limit=200",
                                              json_object_get_string_member (start, "last_event_id"));
  g_autofree char *after = g_strdup (json_object_get_string_member (latest, "last_event_id"));

  text ("41019", "+15550108007", "A question for the stream only: secret-stream-text");
  g_assert_true (events_mention (wave, after, "secret-stream-text"));
  g_assert_false (events_mention (staff, after, "secret-stream-text"));
}

static void
test_outbox_delivers (void)
{
  g_autofree char *wave = td_test_sign_in (platform, "admin@wave.example");
  g_autoptr(JsonObject) conversation = NULL;
  g_autoptr(TdTestResponse) reply = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message_path = NULL;
  g_autofree char *status = NULL;

  text ("41019", "+15550108008", "When is the concert?");
  conversation = find_conversation (wave, "+15550108008", NULL);
  path = g_strdup_printf ("/v1/conversations/%s/messages", json_object_get_string_member (conversation, "id"));
  reply = td_test_request (platform, "POST", path, wave, "{\"body\": \"Saturday at 8pm!\"}",
                           "Idempotency-Key", "outbox-delivers-1", NULL);
  g_assert_cmpuint (reply->status, ==, 201);
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (reply), "status"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (td_test_response_object (reply), "direction"), ==, "outbound");
  message_path = g_strdup_printf ("/v1/messages/%s", json_object_get_string_member (td_test_response_object (reply), "id"));

  /* The outbox gateway marks it sent, then delivered, in a moment. */
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(JsonObject) message = td_test_get (platform, wave, "%s", message_path);

      g_free (status);
      status = g_strdup (json_object_get_string_member (message, "status"));
      if (g_str_equal (status, "delivered"))
        break;
      g_assert_true (g_str_equal (status, "queued") || g_str_equal (status, "sent"));
      td_test_wait_ms (50);
    }
  g_assert_cmpstr (status, ==, "delivered");
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  platform = td_test_platform_start (TRUE, (const char *[]) { "--delivery-delay", "200", NULL });
  secret_41019 = td_test_secret (platform, "41019");
  secret_72000 = td_test_secret (platform, "72000");

  g_test_add_func ("/platform/pipeline/bad-signature", test_bad_signature);
  g_test_add_func ("/platform/pipeline/redelivery-stored-once", test_redelivery_stored_once);
  g_test_add_func ("/platform/pipeline/keyword-join", test_keyword_join);
  g_test_add_func ("/platform/pipeline/stop-then-nothing", test_stop_then_nothing);
  g_test_add_func ("/platform/pipeline/help-and-text-chat", test_help_and_text_chat);
  g_test_add_func ("/platform/pipeline/misspelling-suggestion", test_misspelling_suggestion);
  g_test_add_func ("/platform/pipeline/expired-keyword-redirect", test_expired_keyword_redirect);
  g_test_add_func ("/platform/pipeline/shared-code-visibility", test_shared_code_visibility);
  g_test_add_func ("/platform/pipeline/member-events-without-stream", test_member_events_without_stream);
  g_test_add_func ("/platform/pipeline/outbox-delivers", test_outbox_delivers);

  result = g_test_run ();

  td_test_platform_stop (platform);
  g_free (secret_41019);
  g_free (secret_72000);

  return result;
}
