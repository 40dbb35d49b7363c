/* test-paged-model.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-paged-model"

#include <string.h>

#include "td-api-test-utils.h"
#include "td-conversation.h"
#include "td-paged-model.h"

#define N_CONVERSATIONS 120

typedef struct
{
  SoupServer *server;
  char *base_url;
  TdClient *client;
  GPtrArray *requests;   /* the query of each request */
  gboolean fail_next;
  guint changes;
  guint last_position;
  guint last_removed;
  guint last_added;
} Fixture;

static char *
conversation_json (guint i)
{
  /* Newest first: conversation 0 is the most recent. Number 7 is
   * broken: its subscriber has no phone. */
  return g_strdup_printf ("{\"id\": \"cv_%u\", \"short_code_id\": \"sc_1\","
                          " \"subscriber\": {\"id\": \"s_%u\"%s, \"first_name\": \"Sub %u\","
                          " \"status\": \"active\"},"
                          " \"last_message\": {\"id\": \"m_%u\", \"direction\": \"inbound\","
                          " \"body\": \"Hello %u\", \"status\": \"received\"},"
                          " \"unread_count\": %u, \"archived\": false,"
                          " \"updated_at\": \"2026-12-04T10:00:00.000Z\"}",
                          i, i, i == 7 ? "" : ", \"phone\": \"+15555550100\"",
                          i, i, i, i % 3);
}

static void
conversations_handler (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GString) body = g_string_new ("{\"data\": [");
  const char *cursor = query ? g_hash_table_lookup (query, "cursor") : NULL;
  const char *limit_text = query ? g_hash_table_lookup (query, "limit") : NULL;
  guint start = cursor ? (guint) g_ascii_strtoull (cursor, NULL, 10) : 0;
  guint limit = limit_text ? (guint) g_ascii_strtoull (limit_text, NULL, 10) : 50;
  guint end = MIN (start + limit, N_CONVERSATIONS);

  g_ptr_array_add (f->requests, g_strdup (g_uri_get_query (soup_server_message_get_uri (msg))));

  if (query != NULL && g_strcmp0 (g_hash_table_lookup (query, "view"), "slow") == 0)
    {
      soup_server_message_pause (msg);
      return;
    }

  if (f->fail_next)
    {
      f->fail_next = FALSE;
      td_test_reply (msg, 403, "application/problem+json",
                     "{\"status\": 403, \"code\": \"forbidden\","
                     " \"detail\": \"Only admins see the Conversation Stream.\"}");
      return;
    }

  for (guint i = start; i < end; i++)
    {
      g_autofree char *item = conversation_json (i);

      if (i > start)
        g_string_append_c (body, ',');
      g_string_append (body, item);
    }
  g_string_append (body, "], \"next_cursor\": ");
  if (end < N_CONVERSATIONS)
    g_string_append_printf (body, "\"%u\"}", end);
  else
    g_string_append (body, "null}");

  td_test_reply (msg, 200, "application/json", body->str);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  f->changes++;
  f->last_position = position;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = td_test_server_new (&f->base_url);
  soup_server_add_handler (f->server, "/v1/conversations",
                           conversations_handler, f, NULL);
  f->client = td_client_new (f->base_url);
  td_client_set_retry_policy (f->client, 2, 10, 20);
  f->requests = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  td_test_finalize_object (f->client);
  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_ptr_array_unref (f->requests);
  g_free (f->base_url);
}

static void
wait_loaded (TdPagedModel *model)
{
  /* A fetch asked for by get_item() starts from an idle. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  while (td_paged_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static TdConversation *
item (TdPagedModel *model,
      guint         position)
{
  /* The model keeps its own reference. */
  g_autoptr(TdConversation) conversation = g_list_model_get_item (G_LIST_MODEL (model), position);

  return conversation;
}

static void
test_pages_on_demand (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TdPagedModel) model = NULL;
  TdConversation *conversation;
  TdSubscriberSummary *subscriber;
  g_autofree char *name = NULL;

  model = td_paged_model_new (f->client, TD_TYPE_CONVERSATION,
                              "/v1/conversations?campaign_id=c_1");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), f);
  g_assert_true (td_paged_model_get_loading (model));
  wait_loaded (model);

  /* One page of 50, less the broken one, which is skipped. */
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_cmpstr (f->requests->pdata[0], ==, "campaign_id=c_1&limit=50");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 49);
  g_assert_true (td_paged_model_get_has_more (model));
  g_assert_null (td_paged_model_get_error (model));

  conversation = item (model, 0);
  g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (conversation)), ==, "cv_0");
  subscriber = td_conversation_get_subscriber (conversation);
  name = td_subscriber_summary_dup_display_name (subscriber);
  g_assert_cmpstr (name, ==, "Sub 0");
  g_assert_cmpstr (td_message_get_body (td_conversation_get_last_message (conversation)), ==, "Hello 0");
  g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (item (model, 7))), ==, "cv_8");

  /* Reading the top of the list fetches nothing more. */
  for (guint i = 0; i < 30; i++)
    item (model, i);
  g_assert_cmpuint (f->requests->len, ==, 1);
  g_assert_false (td_paged_model_get_loading (model));

  /* Near the end, the next page comes, once. */
  item (model, 40);
  item (model, 41);
  while (!td_paged_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  wait_loaded (model);
  g_assert_cmpuint (f->requests->len, ==, 2);
  g_assert_cmpstr (f->requests->pdata[1], ==, "campaign_id=c_1&limit=50&cursor=50");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 99);
  g_assert_cmpuint (f->last_position, ==, 49);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 50);

  /* And the last page, after which there is no more. */
  item (model, 95);
  wait_loaded (model);
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_CONVERSATIONS - 1);
  g_assert_false (td_paged_model_get_has_more (model));
  item (model, N_CONVERSATIONS - 2);
  td_paged_model_load_more (model);
  g_assert_false (td_paged_model_get_loading (model));
  g_assert_cmpuint (f->requests->len, ==, 3);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_CONVERSATIONS));
}

static void
test_upsert_and_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TdPagedModel) model = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autoptr(TdConversation) before = NULL;
  g_autoptr(JsonNode) message = NULL;
  JsonObject *object;
  TdResource *found;
  TdResource *added;
  guint position;
  guint n;

  model = td_paged_model_new (f->client, TD_TYPE_CONVERSATION, "/v1/conversations");
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), f);

  before = g_list_model_get_item (G_LIST_MODEL (model), 20);
  g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (before)), ==, "cv_21");

  /* A new text in conversation 21: it moves to the front, in place. */
  json = conversation_json (21);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_int_member (object, "unread_count", 9);
  message = json_from_string ("{\"id\": \"m_new\", \"direction\": \"inbound\","
                              " \"body\": \"WIN\", \"status\": \"received\"}", NULL);
  json_object_set_member (object, "last_message", g_steal_pointer (&message));
  found = td_paged_model_upsert (model, object, TRUE);

  g_assert_true (found == TD_RESOURCE (before));
  g_assert_true (item (model, 0) == before);
  g_assert_cmpstr (td_resource_get_id (TD_RESOURCE (item (model, 1))), ==, "cv_0");
  g_assert_cmpint (td_conversation_get_unread_count (before), ==, 9);
  g_assert_cmpstr (td_message_get_body (td_conversation_get_last_message (before)), ==, "WIN");
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 21);
  g_assert_cmpuint (f->last_added, ==, 21);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  /* A conversation never seen: added at the front. */
  json_object_set_string_member (object, "id", "cv_brand_new");
  found = td_paged_model_upsert (model, object, TRUE);
  g_assert_nonnull (found);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n + 1);
  g_assert_cmpuint (f->last_position, ==, 0);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 1);
  g_assert_true (td_paged_model_find (model, "cv_brand_new", &position) == found);
  g_assert_cmpuint (position, ==, 0);
  added = found;
  g_object_add_weak_pointer (G_OBJECT (added), (gpointer *) &added);

  /* Updated where it is, without moving: no items-changed. */
  json_object_set_string_member (object, "id", "cv_30");
  f->changes = 0;
  found = td_paged_model_upsert (model, object, FALSE);
  g_assert_nonnull (found);
  g_assert_cmpuint (f->changes, ==, 0);
  g_assert_true (td_paged_model_find (model, "cv_30", &position) == found);
  g_assert_cmpuint (position, ==, 30);
  g_assert_cmpint (td_conversation_get_unread_count (TD_CONVERSATION (found)), ==, 9);

  /* A broken update changes nothing. */
  json_object_remove_member (object, "subscriber");
  g_assert_null (td_paged_model_upsert (model, object, TRUE));
  g_assert_cmpuint (f->changes, ==, 0);

  td_paged_model_remove_id (model, "cv_30");
  g_assert_cmpuint (f->last_position, ==, 30);
  g_assert_cmpuint (f->last_removed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 0);
  g_assert_null (td_paged_model_find (model, "cv_30", NULL));
  td_paged_model_remove_id (model, "cv_30");
  g_assert_cmpuint (f->changes, ==, 1);

  /* The next page does not bring back twice what is already there. */
  item (model, g_list_model_get_n_items (G_LIST_MODEL (model)) - 1);
  wait_loaded (model);
  g_assert_nonnull (td_paged_model_find (model, "cv_60", NULL));
  {
    guint count = 0;

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
      if (g_str_equal (td_resource_get_id (TD_RESOURCE (item (model, i))), "cv_21"))
        count++;
    g_assert_cmpuint (count, ==, 1);
  }

  /* The model held the items it took, and nothing else does. */
  g_clear_object (&before);
  td_test_finalize_object (g_steal_pointer (&model));
  g_assert_null (added);
}

static void
test_error_and_set_path (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TdPagedModel) model = NULL;
  const GError *error;

  f->fail_next = TRUE;
  model = td_paged_model_new (f->client, TD_TYPE_CONVERSATION,
                              "/v1/conversations?view=stream");
  wait_loaded (model);

  error = td_paged_model_get_error (model);
  g_assert_error ((GError *) error, TD_API_ERROR, TD_API_ERROR_FORBIDDEN);
  g_assert_cmpstr (error->message, ==, "Only admins see the Conversation Stream.");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Trying again works and clears the error. */
  td_paged_model_load_more (model);
  wait_loaded (model);
  g_assert_null (td_paged_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 49);

  /* Another path empties the model and starts over; the request for
   * the old one is cancelled. */
  td_paged_model_set_path (model, "/v1/conversations?campaign_id=c_2");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  td_paged_model_set_path (model, "/v1/conversations?campaign_id=c_3");
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 49);

  /* Reload keeps the items until the first page is back. */
  item (model, 45);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 99);
  td_paged_model_reload (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 99);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 49);
}

static void
test_dispose_cancels (Fixture       *f,
                      gconstpointer  data)
{
  TdPagedModel *model;

  /* The server never answers; dropping the model must end its request,
   * or the request would keep the model alive. */
  model = td_paged_model_new (f->client, TD_TYPE_CONVERSATION,
                              "/v1/conversations?view=slow");
  td_test_wait_count (&f->requests->len, 1);
  g_assert_true (td_paged_model_get_loading (model));
  td_test_finalize_object (model);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/paged-model/pages-on-demand", test_pages_on_demand);
  ADD ("/paged-model/upsert-and-remove", test_upsert_and_remove);
  ADD ("/paged-model/error-and-set-path", test_error_and_set_path);
  ADD ("/paged-model/dispose-cancels", test_dispose_cancels);

  return g_test_run ();
}
