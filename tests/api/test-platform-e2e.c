/* test-platform-e2e.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The API client against the real textdesk-platform: sign in, campaigns,
 * conversations, a reply, its live events, an opted-out subscriber, sign
 * out.
 */

#define G_LOG_DOMAIN "test-platform-e2e"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-api-test-utils.h"
#include "td-campaign.h"
#include "td-client.h"
#include "td-conversation.h"
#include "td-event-stream.h"
#include "td-paged-model.h"

typedef struct
{
  char *dir;
  GSubprocess *platform;
  char *base_url;
  TdClient *client;
} Platform;

static void
read_line_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;
  g_autoptr(GError) error = NULL;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                     result, NULL, &error);
  g_assert_no_error (error);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
platform_start (Platform *p)
{
  const char *binary = g_getenv ("TEXTDESK_PLATFORM");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;

  g_assert_nonnull (binary);
  p->dir = g_dir_make_tmp ("textdesk-e2e-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (p->dir, "platform.db", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* If this test dies, the platform goes with it. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  p->platform = g_subprocess_launcher_spawn (launcher, &error,
                                             binary, "serve", "--demo", "--db", db,
                                             "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p->platform));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL,
                                       read_line_cb, &line);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_str_has_prefix (line, "listening on http://127.0.0.1:"));
  p->base_url = g_strdup (line + strlen ("listening on "));
  p->client = td_client_new (p->base_url);
}

static void
platform_stop (Platform *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (p->dir, "platform.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  td_test_finalize_object (p->client);

  g_subprocess_send_signal (p->platform, SIGTERM);
  g_subprocess_wait (p->platform, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&p->platform);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_cmpint (g_rmdir (p->dir), ==, 0);
  g_free (p->dir);
  g_free (p->base_url);
}

static void
wait_loaded (TdPagedModel *model)
{
  while (td_paged_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (td_paged_model_get_error (model));
}

/* Every event seen, as "type id", from the start: the platform may
 * announce a reply before its POST has answered. */
static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          GPtrArray     *seen)
{
  JsonNode *id = json_object_get_member (object, "id");

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id)
      && json_node_get_value_type (id) == G_TYPE_STRING)
    g_ptr_array_add (seen, g_strdup_printf ("%s %s", type, json_node_get_string (id)));
}

static guint
count_seen (GPtrArray  *seen,
            const char *type,
            const char *id)
{
  g_autofree char *wanted = g_strdup_printf ("%s %s", type, id);
  guint count = 0;

  for (guint i = 0; i < seen->len; i++)
    if (g_str_equal (seen->pdata[i], wanted))
      count++;

  return count;
}

static TdConversation *
find_conversation (TdPagedModel *model,
                   gboolean      opted_out)
{
  for (guint i = 0; ; i++)
    {
      g_autoptr(TdConversation) conversation = NULL;

      if (i >= g_list_model_get_n_items (G_LIST_MODEL (model)))
        {
          if (!td_paged_model_get_has_more (model))
            return NULL;
          td_paged_model_load_more (model);
          wait_loaded (model);
          if (i >= g_list_model_get_n_items (G_LIST_MODEL (model)))
            return NULL;
        }

      conversation = g_list_model_get_item (G_LIST_MODEL (model), i);
      wait_loaded (model);
      if (td_subscriber_summary_is_opted_out (td_conversation_get_subscriber (conversation))
          == opted_out)
        return conversation;
    }
}

static void
test_end_to_end (void)
{
  Platform p = { 0 };
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) r_sign_in = NULL;
  g_autoptr(GAsyncResult) r_reply = NULL;
  g_autoptr(GAsyncResult) r_thread = NULL;
  g_autoptr(GAsyncResult) r_opted = NULL;
  g_autoptr(GAsyncResult) r_sign_out = NULL;
  g_autoptr(GAsyncResult) r_after = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(TdAccountInfo) after = NULL;
  g_autoptr(TdPagedModel) campaigns = NULL;
  g_autoptr(TdPagedModel) stream = NULL;
  g_autoptr(TdEventStream) events = NULL;
  g_autoptr(TdMessage) reply = NULL;
  g_autoptr(TdMessage) refused = NULL;
  g_autoptr(JsonNode) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *thread_path = NULL;
  TdConversation *conversation;
  TdConversation *opted_out;
  const char *reply_id;
  JsonArray *messages;
  guint copies = 0;

  platform_start (&p);

  /* Sign in as the demo admin. */
  td_client_sign_in_async (p.client, "admin@wave.example", "demo", NULL,
                           td_test_result_cb, &r_sign_in);
  td_test_wait_result (&r_sign_in);
  me = td_client_sign_in_finish (p.client, r_sign_in, &error);
  g_assert_no_error (error);
  g_assert_true (td_account_info_is_admin (me));
  g_assert_cmpstr (td_account_info_get_account_name (me), ==, "Wave 101.9 FM");
  g_assert_nonnull (td_client_get_token (p.client));

  /* Campaigns: the first page, each one readable. */
  campaigns = td_paged_model_new (p.client, TD_TYPE_CAMPAIGN, "/v1/campaigns");
  wait_loaded (campaigns);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (campaigns)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (campaigns)); i++)
    {
      g_autoptr(TdCampaign) campaign = g_list_model_get_item (G_LIST_MODEL (campaigns), i);
      const char *status = td_campaign_get_status (campaign);

      g_assert_nonnull (td_campaign_get_name (campaign));
      g_assert_true (g_strv_contains ((const char *[]) { "active", "paused", "expired", NULL },
                                      status));
    }

  /* Live events. */
  events = td_event_stream_new (p.client);
  g_signal_connect (events, "event", G_CALLBACK (event_cb), seen);
  td_event_stream_start (events);
  while (!td_event_stream_get_connected (events))
    g_main_context_iteration (NULL, TRUE);

  /* A reply in a stream conversation of someone who did not opt out. */
  stream = td_paged_model_new (p.client, TD_TYPE_CONVERSATION, "/v1/conversations?view=stream");
  wait_loaded (stream);
  conversation = find_conversation (stream, FALSE);
  g_assert_nonnull (conversation);

  text = g_strdup_printf ("End-to-end reply %s", g_get_prgname ());
  td_client_send_reply_async (p.client, td_resource_get_id (TD_RESOURCE (conversation)),
                              text, NULL, td_test_result_cb, &r_reply);
  td_test_wait_result (&r_reply);
  reply = td_client_send_reply_finish (p.client, r_reply, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (td_message_get_body (reply), ==, text);
  g_assert_true (td_message_is_outbound (reply));
  g_assert_cmpstr (td_message_get_conversation_id (reply), ==,
                   td_resource_get_id (TD_RESOURCE (conversation)));

  /* The reply comes back as an event. */
  reply_id = td_resource_get_id (TD_RESOURCE (reply));
  while (count_seen (seen, "message.created", reply_id) == 0)
    g_main_context_iteration (NULL, TRUE);

  /* On the platform, the thread holds it exactly once. */
  thread_path = g_strdup_printf ("/v1/conversations/%s/messages?limit=20",
                                 td_resource_get_id (TD_RESOURCE (conversation)));
  td_client_call_async (p.client, "GET", thread_path, NULL, NULL, NULL, NULL,
                        td_test_result_cb, &r_thread);
  td_test_wait_result (&r_thread);
  thread = td_client_call_finish (p.client, r_thread, NULL, &error);
  g_assert_no_error (error);
  messages = json_object_get_array_member (json_node_get_object (thread), "data");
  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonObject *m = json_array_get_object_element (messages, i);

      if (g_str_equal (json_object_get_string_member (m, "id"), reply_id))
        copies++;
    }
  g_assert_cmpuint (copies, ==, 1);
  g_assert_cmpuint (count_seen (seen, "message.created", reply_id), ==, 1);

  /* An opted-out subscriber cannot be sent to, and the error says so. */
  opted_out = find_conversation (stream, TRUE);
  if (opted_out != NULL)
    {
      td_client_send_reply_async (p.client, td_resource_get_id (TD_RESOURCE (opted_out)),
                                  "Hello?", NULL, td_test_result_cb, &r_opted);
      td_test_wait_result (&r_opted);
      refused = td_client_send_reply_finish (p.client, r_opted, &error);
      g_assert_null (refused);
      g_assert_error (error, TD_API_ERROR, TD_API_ERROR_CONFLICT);
      g_assert_cmpstr (td_api_error_get_problem_code (error), ==, "opted_out");
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }
  else
    g_test_message ("No opted-out subscriber in the stream of the demo");

  /* A campaign fetched alone has an ETag; pausing it sends If-Match. */
  {
    g_autoptr(TdCampaign) first = g_list_model_get_item (G_LIST_MODEL (campaigns), 0);
    g_autoptr(GAsyncResult) r_get = NULL;
    g_autoptr(GAsyncResult) r_patch = NULL;
    g_autoptr(GAsyncResult) r_stale = NULL;
    g_autoptr(TdResource) campaign = NULL;
    g_autoptr(TdResource) patched = NULL;
    g_autoptr(TdResource) stale = NULL;
    g_autoptr(JsonObject) changes = json_object_new ();
    g_autofree char *old_etag = NULL;
    const char *new_status;

    td_client_get_object_async (p.client, TD_TYPE_CAMPAIGN,
                                td_resource_get_path (TD_RESOURCE (first)),
                                NULL, td_test_result_cb, &r_get);
    td_test_wait_result (&r_get);
    campaign = td_client_get_object_finish (p.client, r_get, &error);
    g_assert_no_error (error);
    g_assert_nonnull (td_resource_get_etag (campaign));
    old_etag = g_strdup (td_resource_get_etag (campaign));

    new_status = g_str_equal (td_campaign_get_status (TD_CAMPAIGN (campaign)), "paused")
                 ? "active" : "paused";
    json_object_set_string_member (changes, "status", new_status);
    td_client_patch_object_async (p.client, campaign, changes, NULL,
                                  td_test_result_cb, &r_patch);
    td_test_wait_result (&r_patch);
    patched = td_client_patch_object_finish (p.client, r_patch, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (td_campaign_get_status (TD_CAMPAIGN (campaign)), ==, new_status);
    g_assert_cmpstr (td_resource_get_etag (campaign), !=, old_etag);
    while (count_seen (seen, "campaign.updated", td_resource_get_id (campaign)) == 0)
      g_main_context_iteration (NULL, TRUE);

    /* With the old ETag, the platform refuses. */
    td_resource_set_etag (campaign, old_etag);
    td_client_patch_object_async (p.client, campaign, changes, NULL,
                                  td_test_result_cb, &r_stale);
    td_test_wait_result (&r_stale);
    stale = td_client_patch_object_finish (p.client, r_stale, &error);
    g_assert_null (stale);
    g_assert_error (error, TD_API_ERROR, TD_API_ERROR_PRECONDITION_FAILED);
    g_clear_error (&error);
  }

  td_event_stream_stop (events);

  /* Sign out revokes the token: using it again is refused. */
  {
    g_autofree char *token = g_strdup (td_client_get_token (p.client));

    td_client_sign_out_async (p.client, NULL, td_test_result_cb, &r_sign_out);
    td_test_wait_result (&r_sign_out);
    g_assert_true (td_client_sign_out_finish (p.client, r_sign_out, &error));
    g_assert_no_error (error);
    g_assert_null (td_client_get_token (p.client));

    td_client_set_token (p.client, token);
    td_client_get_me_async (p.client, NULL, td_test_result_cb, &r_after);
    td_test_wait_result (&r_after);
    after = td_client_get_me_finish (p.client, r_after, &error);
    g_assert_null (after);
    g_assert_error (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED);
  }

  /* Each result holds the client; the platform goes when nothing does. */
  g_clear_object (&r_sign_in);
  g_clear_object (&r_reply);
  g_clear_object (&r_thread);
  g_clear_object (&r_opted);
  g_clear_object (&r_sign_out);
  g_clear_object (&r_after);
  g_clear_object (&events);
  g_clear_object (&stream);
  g_clear_object (&campaigns);
  platform_stop (&p);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/platform-e2e/sign-in-campaigns-reply-events", test_end_to_end);

  return g_test_run ();
}
