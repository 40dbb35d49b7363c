/* test-resource.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-resource"

#include <string.h>

#include "td-account-info.h"
#include "td-api-error.h"
#include "td-campaign.h"
#include "td-conversation.h"
#include "td-field.h"
#include "td-members-result.h"
#include "td-short-code.h"
#include "td-subscriber.h"

static JsonObject *
parse (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));

  return json_object_ref (json_node_get_object (node));
}

static TdResource *
try_new (GType        type,
         const char  *json,
         GError     **error)
{
  g_autoptr(JsonObject) object = parse (json);

  return TD_RESOURCE_NEW_FROM_JSON (type, object, error);
}

static void
test_subscriber (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdResource) resource = NULL;
  g_autofree char *name = NULL;
  TdSubscriber *subscriber;

  resource = try_new (TD_TYPE_SUBSCRIBER,
                      "{\"id\": \"s_1\", \"phone\": \"+15555550123\", \"first_name\": \"Ana\","
                      " \"last_name\": \"Lima\", \"status\": \"opted_out\","
                      " \"opted_out_at\": \"2026-11-30T08:15:00.250Z\","
                      " \"fields\": {\"city\": \"Austin\", \"age\": 31},"
                      " \"list_ids\": [\"l_1\", \"l_2\"],"
                      " \"consents\": [{\"list_id\": \"l_1\", \"source\": \"keyword\","
                      " \"keyword\": \"WIN\", \"at\": \"2026-11-01T00:00:00.000Z\"}],"
                      " \"created_at\": \"2026-10-01T00:00:00.000Z\", \"last_seen_at\": null,"
                      " \"future_field\": [1, 2, 3]}",
                      &error);
  g_assert_no_error (error);
  subscriber = TD_SUBSCRIBER (resource);

  g_assert_cmpstr (td_resource_get_id (resource), ==, "s_1");
  g_assert_cmpstr (td_resource_get_path (resource), ==, "/v1/subscribers/s_1");
  g_assert_cmpstr (td_subscriber_get_phone (subscriber), ==, "+15555550123");
  name = td_subscriber_dup_display_name (subscriber);
  g_assert_cmpstr (name, ==, "Ana Lima");
  g_assert_true (td_subscriber_is_opted_out (subscriber));
  g_assert_true (td_subscriber_is_on_list (subscriber, "l_2"));
  g_assert_false (td_subscriber_is_on_list (subscriber, "l_3"));
  g_assert_cmpstr (json_object_get_string_member (td_subscriber_get_fields (subscriber), "city"), ==, "Austin");
  g_assert_cmpuint (json_array_get_length (td_subscriber_get_consents (subscriber)), ==, 1);
  g_assert_cmpint (g_date_time_get_microsecond (td_subscriber_get_opted_out_at (subscriber)), ==, 250000);
  g_assert_null (td_subscriber_get_last_seen_at (subscriber));
  g_assert_true (json_object_has_member (td_resource_get_json (resource), "future_field"));
}

static void
test_broken_objects (void)
{
  static const struct {
    GType (*type) (void);
    const char *json;
    const char *says;
  } cases[] = {
    /* A contact without a phone. */
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"first_name\": \"Ana\"}", "phone" },
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"phone\": null}", "phone" },
    { td_subscriber_get_type, "{\"phone\": \"+15555550123\"}", "id" },
    { td_subscriber_get_type, "{\"id\": \"\", \"phone\": \"+15555550123\"}", "id" },
    { td_subscriber_get_type, "{\"id\": {}, \"phone\": \"+15555550123\"}", "id" },
    /* Wrong types. */
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"phone\": 15555550123}", "phone" },
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"phone\": \"+1555\", \"list_ids\": [\"l_1\", 2]}", "list_ids" },
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"phone\": \"+1555\", \"fields\": []}", "fields" },
    { td_subscriber_get_type, "{\"id\": \"s_1\", \"phone\": \"+1555\", \"created_at\": \"yesterday\"}", "created_at" },
    { td_campaign_get_type, "{\"id\": \"c_1\", \"name\": \"A\", \"unread_count\": \"3\"}", "unread_count" },
    { td_campaign_get_type, "{\"id\": \"c_1\", \"name\": \"A\", \"unread_count\": 1.5}", "unread_count" },
    { td_campaign_get_type, "{\"id\": \"c_1\", \"name\": \"A\", \"unread_count\": 99999999999}", "unread_count" },
    { td_short_code_get_type, "{\"id\": \"sc_1\", \"code\": \"41019\", \"text_chat\": \"yes\"}", "text_chat" },
    /* A conversation whose subscriber has no phone. */
    { td_conversation_get_type, "{\"id\": \"cv_1\", \"subscriber\": {\"id\": \"s_1\"}}", "phone" },
    { td_conversation_get_type, "{\"id\": \"cv_1\", \"subscriber\": \"s_1\"}", "subscriber" },
    { td_conversation_get_type, "{\"id\": \"cv_1\"}", "subscriber" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TdResource) resource = NULL;

      resource = try_new (cases[i].type (), cases[i].json, &error);
      g_assert_null (resource);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("Case %u: “%s” does not name %s", i, error->message, cases[i].says);
    }
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 GString    *names)
{
  g_string_append_printf (names, "%s ", pspec->name);
}

static void
test_update_notifies (void)
{
  g_autoptr(TdResource) resource = NULL;
  g_autoptr(JsonObject) update = NULL;
  g_autoptr(JsonObject) other = NULL;
  g_autoptr(JsonObject) broken = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) nested = g_string_new (NULL);
  TdConversation *conversation;
  TdMessage *message;

  resource = try_new (TD_TYPE_CONVERSATION,
                      "{\"id\": \"cv_1\", \"unread_count\": 1, \"archived\": false,"
                      " \"subscriber\": {\"id\": \"s_1\", \"phone\": \"+15555550100\"},"
                      " \"last_message\": {\"id\": \"m_1\", \"direction\": \"outbound\","
                      " \"status\": \"queued\", \"body\": \"Hi\"}}", NULL);
  conversation = TD_CONVERSATION (resource);
  message = td_conversation_get_last_message (conversation);
  g_assert_true (td_message_is_outbound (message));
  g_signal_connect (resource, "notify", G_CALLBACK (count_notify_cb), names);
  g_signal_connect (message, "notify", G_CALLBACK (count_notify_cb), nested);

  /* Same message, new status: the message notifies, in place. */
  update = parse ("{\"id\": \"cv_1\", \"unread_count\": 1, \"archived\": true,"
                  " \"subscriber\": {\"id\": \"s_1\", \"phone\": \"+15555550100\"},"
                  " \"last_message\": {\"id\": \"m_1\", \"direction\": \"outbound\","
                  " \"status\": \"delivered\", \"body\": \"Hi\"}}");
  g_assert_true (td_resource_update_from_json (resource, update));
  g_assert_cmpstr (names->str, ==, "archived ");
  g_assert_cmpstr (nested->str, ==, "status ");
  g_assert_true (td_conversation_get_last_message (conversation) == message);
  g_assert_cmpstr (td_message_get_status (message), ==, "delivered");

  /* A new last message replaces the object. */
  g_string_truncate (names, 0);
  json_object_set_object_member (update, "last_message",
                                 parse ("{\"id\": \"m_2\", \"direction\": \"inbound\", \"body\": \"WIN\"}"));
  json_object_set_null_member (update, "archived");
  g_assert_true (td_resource_update_from_json (resource, update));
  /* Notifications come after the update, in no set order. */
  g_assert_cmpuint (names->len, ==, strlen ("last-message archived "));
  g_assert_nonnull (strstr (names->str, "last-message "));
  g_assert_nonnull (strstr (names->str, "archived "));
  g_assert_false (td_message_is_outbound (td_conversation_get_last_message (conversation)));
  g_assert_false (td_conversation_get_archived (conversation));

  /* Another object's data, or broken data, changes nothing. */
  g_string_truncate (names, 0);
  other = parse ("{\"id\": \"cv_2\", \"subscriber\": {\"id\": \"s_2\", \"phone\": \"+1\"}}");
  g_assert_false (td_resource_update_from_json (resource, other));
  broken = parse ("{\"id\": \"cv_1\", \"unread_count\": 5, \"subscriber\": {\"id\": \"s_1\"}}");
  g_assert_false (td_resource_update_from_json (resource, broken));
  g_assert_cmpstr (names->str, ==, "");
  g_assert_cmpint (td_conversation_get_unread_count (conversation), ==, 1);
}

static void
test_account_info (void)
{
  g_autoptr(JsonObject) me = parse ("{\"user\": {\"id\": \"u_1\", \"email\": \"admin@wave.example\","
                                    " \"name\": \"Ada\", \"role\": \"admin\"},"
                                    " \"account\": {\"id\": \"a_1\", \"name\": \"Wave 101.9 FM\"}}");
  g_autoptr(JsonObject) nobody = parse ("{\"account\": {\"id\": \"a_1\"}}");
  g_autoptr(TdAccountInfo) info = NULL;
  g_autoptr(TdAccountInfo) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;

  info = td_account_info_new_from_json (me, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_account_info_get_user_id (info), ==, "u_1");
  g_assert_cmpstr (td_account_info_get_email (info), ==, "admin@wave.example");
  g_assert_cmpstr (td_account_info_get_account_id (info), ==, "a_1");
  g_assert_cmpstr (td_account_info_get_account_name (info), ==, "Wave 101.9 FM");
  g_assert_true (td_account_info_is_admin (info));
  g_object_get (info, "account-name", &role, NULL);
  g_assert_cmpstr (role, ==, "Wave 101.9 FM");

  none = td_account_info_new_from_json (nobody, &error);
  g_assert_null (none);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
}

static void
test_field_and_members (void)
{
  g_autoptr(TdResource) field = NULL;
  g_autoptr(JsonObject) result_json = NULL;
  g_autoptr(JsonObject) broken_json = NULL;
  g_autoptr(TdMembersResult) result = NULL;
  g_autoptr(TdMembersResult) copy = NULL;
  g_autoptr(GError) error = NULL;

  field = try_new (TD_TYPE_FIELD, "{\"key\": \"city\", \"name\": \"City\", \"type\": \"text\"}", NULL);
  g_assert_nonnull (field);
  g_assert_cmpstr (td_resource_get_id (field), ==, "city");
  g_assert_cmpstr (td_field_get_field_type (TD_FIELD (field)), ==, "text");

  result_json = parse ("{\"added\": 3, \"already_member\": 1, \"failed\": [\"s_9\", 4, {\"subscriber_id\": \"s_8\"}]}");
  result = td_members_result_new_from_json (result_json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpuint (result->already_member, ==, 1);
  g_assert_cmpuint (result->failed->len, ==, 2);
  g_assert_cmpstr (result->failed->pdata[0], ==, "s_9");
  g_assert_cmpstr (result->failed->pdata[1], ==, "s_8");
  copy = td_members_result_copy (result);
  g_assert_cmpuint (copy->failed->len, ==, 2);

  broken_json = parse ("{\"added\": \"three\"}");
  g_assert_null (td_members_result_new_from_json (broken_json, &error));
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resource/subscriber", test_subscriber);
  g_test_add_func ("/resource/broken-objects", test_broken_objects);
  g_test_add_func ("/resource/update-notifies", test_update_notifies);
  g_test_add_func ("/resource/account-info", test_account_info);
  g_test_add_func ("/resource/field-and-members", test_field_and_members);

  return g_test_run ();
}
