/* test-csv-importer.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv-importer"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "td-csv-importer.h"

/* The importer against a SoupServer on 127.0.0.1 that answers as the
 * contract says, and misbehaves on demand: the batches, the counts, a
 * refused row, a batch refused whole, a cancel in the middle. */

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *members;         /* phone → TRUE */
  guint       n_requests;
  guint       max_batch;
  guint       refuse_batch;    /* 1-based; 0: none */
  guint       hold_batch;      /* 1-based; 0: none */
  SoupServerMessage *held;
  GCancellable *cancel_on_hold;
} Server;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    text, strlen (text));
}

static void
list_handler (SoupServer        *soup_server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Server *server = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "7");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "VIP");
  json_builder_set_member_name (builder, "subscriber_count");
  json_builder_add_int_value (builder, g_hash_table_size (server->members));
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, node);
}

static void
import_handler (SoupServer        *soup_server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  Server *server = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (request);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *rows;

  server->n_requests++;
  g_assert_nonnull (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "Idempotency-Key"));

  if (server->n_requests == server->refuse_batch)
    {
      g_autoptr(JsonNode) problem = json_from_string ("{\"type\": \"about:blank\", "
                                                      "\"title\": \"Unprocessable\", "
                                                      "\"status\": 422, \"detail\": "
                                                      "\"The list is locked\", "
                                                      "\"code\": \"locked\"}", NULL);

      respond_json (msg, 422, problem);
      return;
    }

  if (server->n_requests == server->hold_batch)
    {
      /* Never answered: the test cancels while it waits. */
      server->held = msg;
      soup_server_message_pause (msg);
      g_cancellable_cancel (server->cancel_on_hold);
      return;
    }

  body = json_from_string (g_bytes_get_data (bytes, NULL), NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "list_id"), ==, "7");
  rows = json_object_get_array_member (json_node_get_object (body), "rows");
  server->max_batch = MAX (server->max_batch, json_array_get_length (rows));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "results");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *phone = json_object_get_string_member (row, "phone");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "index");
      json_builder_add_int_value (builder, i);
      if (g_str_equal (phone, "+15550100999"))
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, "failed");
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, "opted_out");
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, "This person opted out and cannot be imported");
        }
      else
        {
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, "created");
          json_builder_set_member_name (builder, "subscriber_id");
          json_builder_add_string_value (builder, phone);
          g_hash_table_add (server->members, g_strdup (phone));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  answer = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, answer);
}

static void
server_start (Server *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  server->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  server->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server->server, "/v1/lists", list_handler, server, NULL);
  soup_server_add_handler (server->server, "/v1/subscribers/import", import_handler, server, NULL);
  soup_server_listen_local (server->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server->server);
  server->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  /* No trailing slash: paths start with one. */
  if (g_str_has_suffix (server->url, "/"))
    server->url[strlen (server->url) - 1] = '\0';
}

static void
server_stop (Server *server)
{
  if (server->held != NULL)
    soup_server_message_unpause (server->held);
  soup_server_disconnect (server->server);
  g_clear_object (&server->server);
  g_hash_table_unref (server->members);
  g_free (server->url);
}

static TdCsvImportPlan *
plan_of (guint n_rows)
{
  g_autoptr(GString) csv = g_string_new ("phone,first name,last name\n");
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  TdCsvImportPlan *plan;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "555%07u,Person,%u\n", 2000000 + i, i);
  /* A refused one, and a repeated one. */
  g_string_append (csv, "5550100999,Opted,Out\n");
  g_string_append (csv, "+1 555 200 0000,Again,\n");

  table = td_csv_table_parse (csv->str, csv->len, FALSE, &error);
  g_assert_no_error (error);
  columns = td_csv_guess_columns ((const char * const *) table->header, NULL, 0);
  plan = td_csv_import_plan_new (table, columns, NULL, &error);
  g_assert_no_error (error);

  return plan;
}

typedef struct
{
  TdCsvImportReport *report;
  GError            *error;
  gboolean           done;
} RunWait;

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunWait *wait = user_data;

  wait->report = td_csv_importer_run_finish (TD_CSV_IMPORTER (source), result, &wait->error);
  wait->done = TRUE;
}

static void
run (TdCsvImporter *importer,
     GCancellable  *cancellable,
     RunWait       *wait)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  td_csv_importer_run_async (importer, cancellable, run_cb, wait);
  while (!wait->done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait->done);
}

static void
test_batches_and_report (void)
{
  Server server = { NULL };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdCsvImportPlan) plan = plan_of (2500);
  g_autoptr(TdCsvImporter) importer = NULL;
  RunWait wait = { NULL };
  TdCsvProblem *problem;

  server_start (&server);
  client = td_client_new (server.url);
  td_client_set_token (client, "test-token");

  g_assert_cmpuint (plan->contacts->len, ==, 2501);
  importer = td_csv_importer_new (client, "7", plan, NULL);
  run (importer, NULL, &wait);
  g_assert_no_error (wait.error);

  /* 2,501 people in three requests of at most 1,000. */
  g_assert_cmpuint (server.n_requests, ==, 3);
  g_assert_cmpuint (server.max_batch, ==, 1000);
  g_assert_cmpuint (td_csv_importer_get_n_done (importer), ==, 2501);

  g_assert_false (wait.report->cancelled);
  g_assert_null (wait.report->stopped_reason);
  g_assert_cmpuint (wait.report->n_added, ==, 2500);
  g_assert_cmpuint (wait.report->n_already, ==, 0);
  g_assert_cmpuint (wait.report->n_merged, ==, 1);
  g_assert_cmpuint (wait.report->n_not_sent, ==, 0);
  g_assert_cmpuint (wait.report->problems->len, ==, 1);
  problem = wait.report->problems->pdata[0];
  g_assert_cmpuint (problem->line, ==, 2502);
  g_assert_cmpstr (problem->reason, ==, "This person opted out and cannot be imported");

  g_clear_pointer (&wait.report, td_csv_import_report_free);
  server_stop (&server);
}

static void
test_refused_batch_stops_and_says_so (void)
{
  Server server = { NULL };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdCsvImportPlan) plan = plan_of (2500);
  g_autoptr(TdCsvImporter) importer = NULL;
  RunWait wait = { NULL };

  server.refuse_batch = 2;
  server_start (&server);
  client = td_client_new (server.url);
  td_client_set_token (client, "test-token");

  importer = td_csv_importer_new (client, "7", plan, NULL);
  run (importer, NULL, &wait);
  g_assert_no_error (wait.error);

  g_assert_cmpuint (server.n_requests, ==, 2);
  g_assert_nonnull (wait.report->stopped_reason);
  g_assert_cmpuint (wait.report->n_added, ==, 1000);
  /* Nothing is lost: the rest is counted, from the line it starts at. */
  g_assert_cmpuint (wait.report->n_not_sent, ==, 1501);
  g_assert_cmpuint (wait.report->first_not_sent_line, ==, 1002);

  g_clear_pointer (&wait.report, td_csv_import_report_free);
  server_stop (&server);
}

static void
test_cancel_keeps_what_was_done (void)
{
  Server server = { NULL };
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdCsvImportPlan) plan = plan_of (2500);
  g_autoptr(TdCsvImporter) importer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  RunWait wait = { NULL };

  server.hold_batch = 2;
  server.cancel_on_hold = cancellable;
  server_start (&server);
  client = td_client_new (server.url);
  td_client_set_token (client, "test-token");

  importer = td_csv_importer_new (client, "7", plan, NULL);
  run (importer, cancellable, &wait);
  g_assert_no_error (wait.error);

  g_assert_true (wait.report->cancelled);
  g_assert_cmpuint (wait.report->n_added, ==, 1000);
  g_assert_cmpuint (wait.report->n_not_sent, ==, 1501);

  g_clear_pointer (&wait.report, td_csv_import_report_free);
  server_stop (&server);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-importer/batches-and-report", test_batches_and_report);
  g_test_add_func ("/csv-importer/refused-batch-stops", test_refused_batch_stops_and_says_so);
  g_test_add_func ("/csv-importer/cancel-keeps-what-was-done", test_cancel_keeps_what_was_done);

  return g_test_run ();
}
