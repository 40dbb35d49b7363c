/* csv-import.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-csv-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-client.h"
#include "td-list.h"
#include "td-lists-page-private.h"
#include "td-session.h"
#include "td-ui.h"

/* Drops a CSV file of 50,000 rows on a list of the Lists page, as a
 * person would, against a real `textdesk-platform serve --demo`, and
 * measures how long the main loop goes without running: a 10 ms timeout
 * records the gap between its runs; a gap beyond 10 ms is a stall.
 *
 *   build-aux/headless-session _build/bench/csv-import [ROWS]
 *
 * It prints figures; it never fails for being slow. */

#define TICK_MS 10

static GArray *gaps;       /* gint64 µs */
static GArray *gap_ends;   /* gint64 µs, when each gap ended */
static gint64 last_tick;
static gboolean measuring;

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_tick != 0)
    {
      gint64 gap = now - last_tick;

      g_array_append_val (gaps, gap);
      g_array_append_val (gap_ends, now);
    }
  last_tick = now;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ((Wait *) user_data)->result = g_object_ref (result);
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  while (!done (data))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static JsonNode *
call (TdClient   *client,
      const char *method,
      const char *path,
      const char *body_json)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();
  Wait wait = { NULL };
  JsonNode *answer;

  if (body_json != NULL)
    body = json_from_string (body_json, NULL);

  td_client_call_async (client, method, path, body, NULL,
                        g_str_equal (method, "POST") ? key : NULL, NULL, wait_cb, &wait);
  spin_until (wait_done, &wait);
  answer = td_client_call_finish (client, wait.result, NULL, &error);
  g_object_unref (wait.result);
  if (answer == NULL)
    g_error ("%s %s failed: %s", method, path, error->message);

  return answer;
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TdAccountInfo **info = user_data;
  g_autoptr(GError) error = NULL;

  *info = td_client_sign_in_finish (TD_CLIENT (source), result, &error);
  if (*info == NULL)
    g_error ("Could not sign in: %s", error->message);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
page_ready (gpointer data)
{
  TdListsPage *page = data;
  TdPagedModel *lists = td_lists_page_get_lists_model (page);

  return lists != NULL && !td_paged_model_get_loading (lists) &&
         td_lists_page_get_n_busy (page) == 0 &&
         g_list_model_get_n_items (G_LIST_MODEL (lists)) > 0;
}

typedef struct
{
  TdCsvImportDialog *dialog;
  const char        *state;
} StateWait;

static gboolean
dialog_in_state (gpointer data)
{
  StateWait *wait = data;

  return g_strcmp0 (td_csv_import_dialog_get_state (wait->dialog), wait->state) == 0;
}

static int
compare_gaps (gconstpointer a,
              gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
write_csv (const char *dir,
           guint       n_rows)
{
  g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF" "Phone,First Name,Last Name,Notes\r\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "bench-50000.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    {
      guint number = 2000000 + i;

      /* Mixed spellings, one row in 500 repeating an earlier number in
       * another spelling, one in 1,000 not a number at all. */
      if (i % 1000 == 999)
        g_string_append_printf (csv, "call me,Row,%u,\"no number\"\r\n", i);
      else if (i % 500 == 1 && i > 1)
        g_string_append_printf (csv, "555%07u,Again,%u,\r\n", number - 1, i);
      else if (i % 3 == 0)
        g_string_append_printf (csv, "+1 555 %03u %04u,Person,%u,\"likes rock, and jazz\"\r\n",
                                number / 10000, number % 10000, i);
      else
        g_string_append_printf (csv, "(555) %03u-%04u,Person,%u,plain\r\n",
                                number / 10000, number % 10000, i);
    }

  if (!g_file_set_contents (path, csv->str, csv->len, &error))
    g_error ("%s", error->message);

  return path;
}

int
main (int    argc,
      char **argv)
{
  const char *platform = g_getenv ("TEXTDESK_PLATFORM");
  guint n_rows = argc > 1 ? (guint) atoi (argv[1]) : 50000;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(TdClient) client = NULL;
  g_autoptr(TdSession) session = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *list_id = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  const TdCsvImportReport *report;
  TdCsvImportDialog *dialog = NULL;
  TdAccountInfo *info = NULL;
  GtkWidget *window, *overlay, *row;
  TdListsPage *page;
  GtkDropTarget *target;
  StateWait wait;
  gboolean accepted = FALSE;
  gint64 start, preview_at, end;
  GList *toplevels;
  guint stalls_over_100 = 0;

  gtk_init ();
  adw_init ();
  td_ui_init ();

  if (platform == NULL)
    platform = BUILD_PLATFORM;

  dir = g_dir_make_tmp ("bench-csv-import-XXXXXX", &error);
  db = g_build_filename (dir, "platform.db", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, platform, "serve",
                             "--db", db, "--listen", "127.0.0.1:0", "--demo", NULL);
  if (server == NULL)
    g_error ("Could not start %s: %s", platform, error->message);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  if (line == NULL || strstr (line, "http://") == NULL)
    g_error ("The platform did not say where it listens");

  client = td_client_new (strstr (line, "http://"));
  td_client_sign_in_async (client, "admin@wave.example", "demo", NULL, sign_in_cb, &info);
  spin_until (pointer_set, &info);
  session = td_session_new (client, info);
  g_object_unref (info);

  /* As in the app: live events on, so the platform's subscriber.updated
   * event for each imported row reaches this process too. Set
   * BENCH_NO_EVENTS=1 to leave them off. */
  if (g_getenv ("BENCH_NO_EVENTS") == NULL && td_session_get_event_stream (session) != NULL)
    td_event_stream_start (td_session_get_event_stream (session));

  list = call (client, "POST", "/v1/lists", "{\"name\": \"Bench Import\"}");
  list_id = g_strdup (json_object_get_string_member (json_node_get_object (list), "id"));
  csv_path = write_csv (dir, n_rows);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 640);
  overlay = adw_toast_overlay_new ();
  page = g_object_new (TD_TYPE_LISTS_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  td_lists_page_set_session (page, session);
  spin_until (page_ready, page);

  row = td_lists_page_get_list_row (page, list_id);
  if (row == NULL)
    g_error ("The new list is not in the sidebar");
  target = td_lists_page_get_drop_target (row);

  file = g_file_new_for_path (csv_path);
  {
    GSList *files = g_slist_prepend (NULL, file);

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
    g_slist_free (files);
  }

  gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  gap_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_timeout_add (TICK_MS, tick_cb, NULL);
  measuring = TRUE;
  last_tick = g_get_monotonic_time ();

  /* The drop, then "Import" as soon as the preview shows. */
  start = g_get_monotonic_time ();
  g_signal_emit_by_name (target, "drop", &value, 20.0, 10.0, &accepted);
  if (!accepted)
    g_error ("The drop was refused");

  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (TD_IS_CSV_IMPORT_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);

  wait.dialog = dialog;
  wait.state = "preview";
  spin_until (dialog_in_state, &wait);
  preview_at = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  wait.state = "report";
  spin_until (dialog_in_state, &wait);
  end = g_get_monotonic_time ();
  measuring = FALSE;

  report = td_csv_import_dialog_get_report (dialog);

  /* Where the long gaps were: before the preview (reading the file,
   * showing the dialog) or during the import. */
  for (guint i = 0; i < gaps->len; i++)
    {
      gint64 gap = g_array_index (gaps, gint64, i);
      gint64 at = g_array_index (gap_ends, gint64, i) - gap;

      if (gap - TICK_MS * 1000 > 50000)
        g_print ("  gap of %6.1f ms at %7.1f ms (%s)\n", gap / 1000.0, (at - start) / 1000.0,
                 at < preview_at ? "before the preview" : "during the import");
    }

  g_array_sort (gaps, compare_gaps);
  for (guint i = 0; i < gaps->len; i++)
    if (g_array_index (gaps, gint64, i) - TICK_MS * 1000 > 100000)
      stalls_over_100++;

  g_print ("csv-import: %u rows dropped on a list (%s), live events %s\n", n_rows, csv_path,
           g_getenv ("BENCH_NO_EVENTS") == NULL ? "on" : "off");
  g_print ("  read + preview:        %8.1f ms\n", (preview_at - start) / 1000.0);
  g_print ("  plan + import:         %8.1f ms\n", (end - preview_at) / 1000.0);
  g_print ("  total:                 %8.1f ms  (%.0f rows/s)\n", (end - start) / 1000.0,
           n_rows / ((end - start) / 1e6));
  g_print ("  report: %u added, %u already there, %u merged, %u not imported%s\n",
           report->n_added, report->n_already, report->n_merged, report->problems->len,
           report->cancelled ? " (cancelled)" : "");
  if (report->stopped_reason != NULL)
    g_print ("  stopped: %s\n", report->stopped_reason);
  g_print ("  main loop, %u gaps between %d ms ticks:\n", gaps->len, TICK_MS);
  if (gaps->len > 0)
    {
      g_print ("    median gap  %7.1f ms\n", g_array_index (gaps, gint64, gaps->len / 2) / 1000.0);
      g_print ("    p99 gap     %7.1f ms\n", g_array_index (gaps, gint64, gaps->len * 99 / 100) / 1000.0);
      g_print ("    max gap     %7.1f ms  (longest stall %.1f ms beyond the tick)\n",
               g_array_index (gaps, gint64, gaps->len - 1) / 1000.0,
               MAX (0, g_array_index (gaps, gint64, gaps->len - 1) - TICK_MS * 1000) / 1000.0);
      g_print ("    stalls over 100 ms: %u\n", stalls_over_100);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (td_session_get_event_stream (session) != NULL)
    td_event_stream_stop (td_session_get_event_stream (session));
  td_lists_page_set_session (page, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_unlink (csv_path);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  return 0;
}
