/* test-lists.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-lists"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-client.h"
#include "td-csv.h"
#include "td-csv-export.h"
#include "td-list.h"
#include "td-lists-page-private.h"
#include "td-session.h"
#include "td-subscriber.h"
#include "td-subscriber-drag.h"
#include "td-ui-test-utils.h"

#include <gdk/x11/gdkx.h>

/* Every test runs against the real platform with its demo data, signed
 * in as Wave 101.9 FM's admin, with the Lists page in a window. */

typedef struct
{
  char         *dir;
  TdClient     *client;
  TdSession    *session;
  GtkWidget    *window;
  TdListsPage  *page;
} Fixture;

/* Running async calls to completion, for checking the platform's state */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
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
    {
      body = json_from_string (body_json, &error);
      g_assert_no_error (error);
    }

  td_client_call_async (client, method, path, body, NULL,
                        g_str_equal (method, "POST") ? key : NULL,
                        NULL, wait_cb, &wait);
  g_assert_true (td_ui_test_wait_until (wait_done, &wait, 20000));

  answer = td_client_call_finish (client, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return answer;
}

/* The ids of a list's members, as the platform has them. */
static GPtrArray *
platform_members (Fixture    *fixture,
                  const char *list_id)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonNode) page = NULL;
      JsonArray *data;
      const char *next;

      path = cursor != NULL
             ? g_strdup_printf ("/v1/lists/%s/members?limit=200&cursor=%s", list_id, cursor)
             : g_strdup_printf ("/v1/lists/%s/members?limit=200", list_id);
      page = call (fixture->client, "GET", path, NULL);
      data = json_object_get_array_member (json_node_get_object (page), "data");
      for (guint i = 0; i < json_array_get_length (data); i++)
        g_ptr_array_add (ids, g_strdup (json_object_get_string_member (json_array_get_object_element (data, i), "id")));

      next = json_object_get_string_member_with_default (json_node_get_object (page),
                                                         "next_cursor", NULL);
      g_free (cursor);
      cursor = next != NULL && *next != '\0' ? g_uri_escape_string (next, NULL, FALSE) : NULL;
    }
  while (cursor != NULL);

  return ids;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static char *
create_list (Fixture    *fixture,
             const char *name)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\"}", name);
  g_autoptr(JsonNode) list = call (fixture->client, "POST", "/v1/lists", body);

  return g_strdup (json_object_get_string_member (json_node_get_object (list), "id"));
}

/* Fixture */

/* One platform for the whole program: starting one with its demo data
 * takes seconds, and each test makes lists of its own. */
static GSubprocess *platform;
static char *platform_dir;
static char *platform_url;

static TdClient *shared_client;
static TdSession *shared_session;

static const char *
start_platform (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *db = NULL;
  g_autofree char *line = NULL;
  const char *program = g_getenv ("TEXTDESK_PLATFORM");
  const char *url;

  if (platform_url != NULL)
    return platform_url;

  g_assert_nonnull (program);

  platform_dir = g_dir_make_tmp ("test-lists-platform-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (platform_dir, "platform.db", NULL);

  platform = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               program, "serve", "--db", db,
                               "--listen", "127.0.0.1:0", "--demo", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (platform));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  url = strstr (line, "http://");
  g_assert_nonnull (url);
  platform_url = g_strdup (url);

  return platform_url;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) entries = g_dir_open (path, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static void
stop_platform (void)
{
  if (platform == NULL)
    return;

  g_subprocess_force_exit (platform);
  g_subprocess_wait (platform, NULL, NULL);
  g_clear_object (&platform);
  remove_dir (platform_dir);
  g_clear_pointer (&platform_dir, g_free);
  g_clear_pointer (&platform_url, g_free);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  TdAccountInfo **info = user_data;
  g_autoptr(GError) error = NULL;

  *info = td_client_sign_in_finish (TD_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static gboolean
page_has_lists (gpointer data)
{
  Fixture *fixture = data;
  TdPagedModel *lists = td_lists_page_get_lists_model (fixture->page);

  return lists != NULL && !td_paged_model_get_loading (lists) &&
         g_list_model_get_n_items (G_LIST_MODEL (lists)) > 0 &&
         td_lists_page_get_selected_list_id (fixture->page) != NULL;
}

static gboolean
page_is_idle (gpointer data)
{
  Fixture *fixture = data;
  TdPagedModel *members = td_lists_page_get_members_model (fixture->page);

  return td_lists_page_get_n_busy (fixture->page) == 0 &&
         (members == NULL || !td_paged_model_get_loading (members));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  TdAccountInfo *info = NULL;
  GtkWidget *overlay;

  fixture->dir = g_dir_make_tmp ("test-lists-XXXXXX", &error);
  g_assert_no_error (error);

  /* One sign-in for the program too: the platform hashes passwords
   * slowly, on purpose. */
  if (shared_session == NULL)
    {
      shared_client = td_client_new (start_platform ());
      td_client_sign_in_async (shared_client, "admin@wave.example", "demo", NULL,
                               sign_in_cb, &info);
      g_assert_true (td_ui_test_wait_until (pointer_set, &info, 20000));
      shared_session = td_session_new (shared_client, info);
      g_object_unref (info);
    }
  fixture->client = g_object_ref (shared_client);
  fixture->session = g_object_ref (shared_session);

  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 640);
  overlay = adw_toast_overlay_new ();
  fixture->page = g_object_new (TD_TYPE_LISTS_PAGE, NULL);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  gtk_window_present (GTK_WINDOW (fixture->window));

  td_lists_page_set_session (fixture->page, fixture->session);
  g_assert_true (td_ui_test_wait_until (page_has_lists, fixture, 20000));
  g_assert_true (td_ui_test_wait_until (page_is_idle, fixture, 20000));

  /* Start on the largest of the demo's lists: the tests share one
   * platform, and the newest list (first) may be an earlier test's. */
  {
    GListModel *lists = G_LIST_MODEL (td_lists_page_get_lists_model (fixture->page));
    g_autofree char *largest = NULL;
    int most = -1;

    for (guint i = 0; i < g_list_model_get_n_items (lists); i++)
      {
        g_autoptr(TdList) list = g_list_model_get_item (lists, i);

        if (td_list_get_subscriber_count (list) > most)
          {
            most = td_list_get_subscriber_count (list);
            g_free (largest);
            largest = g_strdup (td_resource_get_id (TD_RESOURCE (list)));
          }
      }
    g_assert_true (td_lists_page_select_list (fixture->page, largest));
    g_assert_true (td_ui_test_wait_until (page_is_idle, fixture, 20000));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  td_lists_page_set_session (fixture->page, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  td_ui_test_iterate (50);

  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);

  /* The test's CSV files. */
  remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gboolean
members_loaded (gpointer data)
{
  Fixture *fixture = data;
  TdPagedModel *members = td_lists_page_get_members_model (fixture->page);

  return members != NULL && !td_paged_model_get_loading (members) &&
         g_list_model_get_n_items (G_LIST_MODEL (members)) > 0;
}

/* The first @n members of the list on show, as the table has them. */
static GPtrArray *
table_members (Fixture *fixture,
               guint    first,
               guint    n)
{
  GListModel *model = G_LIST_MODEL (td_lists_page_get_members_model (fixture->page));
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (g_list_model_get_n_items (model), >=, first + n);
  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (people, g_list_model_get_item (model, i));

  return people;
}

static void
value_for_people (GValue    *value,
                  GPtrArray *people)
{
  g_autoptr(TdSubscriberSelection) selection = td_subscriber_selection_new_from_objects (people);

  g_value_init (value, TD_TYPE_SUBSCRIBER_SELECTION);
  g_value_set_boxed (value, selection);
}

static gboolean
emit_drop (GtkWidget    *widget,
           const GValue *value)
{
  GtkDropTarget *target = td_lists_page_get_drop_target (widget);
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "drop", value, 20.0, 10.0, &accepted);

  return accepted;
}

typedef struct
{
  Fixture    *fixture;
  const char *list_id;
  guint       count;
} CountWait;

static gboolean
platform_count_is (gpointer data)
{
  CountWait *wait = data;
  g_autoptr(GPtrArray) ids = NULL;
  static gint64 last_check;
  gint64 now = g_get_monotonic_time ();

  if (!page_is_idle (wait->fixture))
    return FALSE;

  /* Ask the platform five times a second at most: it limits rates. */
  if (now - last_check < 200 * G_TIME_SPAN_MILLISECOND)
    return FALSE;
  last_check = now;

  ids = platform_members (wait->fixture, wait->list_id);

  return ids->len == wait->count;
}

static void
click_undo (Fixture *fixture)
{
  AdwToast *toast = td_lists_page_get_last_toast (fixture->page);

  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Undo");
  g_signal_emit_by_name (toast, "button-clicked");
}

typedef struct
{
  Fixture    *fixture;
  const char *list_id;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return td_lists_page_get_list_row (wait->fixture->page, wait->list_id) != NULL &&
         page_is_idle (wait->fixture);
}

/* Reloads the sidebar, as the event stream would, until @list_id is in it. */
static GtkWidget *
wait_for_row (Fixture    *fixture,
              const char *list_id)
{
  RowWait wait = { fixture, list_id };

  td_paged_model_reload (td_lists_page_get_lists_model (fixture->page));
  g_assert_true (td_ui_test_wait_until (row_shown, &wait, 20000));

  return td_lists_page_get_list_row (fixture->page, list_id);
}

/* Tests */

static void
test_lists_show_members (Fixture       *fixture,
                         gconstpointer  user_data)
{
  TdPagedModel *lists = td_lists_page_get_lists_model (fixture->page);
  TdList *shown = TD_LIST (td_paged_model_find (lists, td_lists_page_get_selected_list_id (fixture->page),
                                                NULL));
  g_autoptr(GPtrArray) ids = NULL;
  g_autofree char *count = NULL;
  g_autofree char *shot = NULL;

  g_assert_true (td_ui_test_wait_until (members_loaded, fixture, 20000));

  /* The sidebar names the lists, the header the one on show and its
   * size, which is what the platform has. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (lists)); i++)
    {
      g_autoptr(TdList) list = g_list_model_get_item (G_LIST_MODEL (lists), i);

      g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->page), td_list_get_name (list)));
    }
  ids = platform_members (fixture, td_resource_get_id (TD_RESOURCE (shown)));
  g_assert_cmpint (td_list_get_subscriber_count (shown), ==, (int) ids->len);
  count = g_strdup_printf ("%d people", td_list_get_subscriber_count (shown));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->page), count));

  shot = td_ui_test_save_screenshot (fixture->window, "lists-page");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));
}

static void
test_lists_drop_people_on_list (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *list_id = create_list (fixture, "Drop Zone");
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) two = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) second_value = G_VALUE_INIT;
  g_autofree char *shot = NULL;
  GtkWidget *row;
  CountWait wait = { fixture, list_id, 0 };

  g_assert_true (td_ui_test_wait_until (members_loaded, fixture, 20000));
  row = wait_for_row (fixture, list_id);

  three = table_members (fixture, 0, 3);
  value_for_people (&value, three);

  /* Hovering says what a drop would do, and highlights the list. */
  td_lists_page_preview_drop (fixture->page, row, &value);
  g_assert_cmpstr (td_lists_page_get_drop_hint (fixture->page), ==,
                   "Add 3 people to Drop Zone");
  g_assert_true (gtk_widget_has_css_class (row, "td-drop-highlight"));
  shot = td_ui_test_save_screenshot (fixture->window, "lists-drop-hover");
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (fixture->page), "Add 3 people to Drop Zone"));
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* Two drops, one right after the other, both taken. */
  two = table_members (fixture, 2, 2);
  value_for_people (&second_value, two);
  g_assert_true (emit_drop (row, &value));
  g_assert_false (gtk_widget_has_css_class (row, "td-drop-highlight"));
  g_assert_null (td_lists_page_get_drop_hint (fixture->page));
  g_assert_true (emit_drop (row, &second_value));

  wait.count = 4;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
  ids = platform_members (fixture, list_id);
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_id (ids, td_resource_get_id (three->pdata[i])));
  g_assert_true (has_id (ids, td_resource_get_id (two->pdata[1])));

  /* The second drop's toast: one added, one there already. */
  g_assert_nonnull (td_lists_page_get_last_toast (fixture->page));
  g_assert_nonnull (strstr (adw_toast_get_title (td_lists_page_get_last_toast (fixture->page)),
                            "1 was already on it"));

  /* Undo takes off the one that drop added, not the one already there. */
  click_undo (fixture);
  wait.count = 3;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
  g_clear_pointer (&ids, g_ptr_array_unref);
  ids = platform_members (fixture, list_id);
  g_assert_true (has_id (ids, td_resource_get_id (two->pdata[0])));
  g_assert_false (has_id (ids, td_resource_get_id (two->pdata[1])));

  /* The sidebar shows the new size. */
  g_assert_nonnull (td_ui_test_find_label (row, "3"));
}

static gboolean
table_count_is (gpointer data)
{
  CountWait *wait = data;
  TdPagedModel *members = td_lists_page_get_members_model (wait->fixture->page);

  return page_is_idle (wait->fixture) &&
         g_list_model_get_n_items (G_LIST_MODEL (members)) == wait->count;
}

static void
test_lists_remove_with_key_and_target (Fixture       *fixture,
                                       gconstpointer  user_data)
{
  g_autofree char *list_id = create_list (fixture, "Short List");
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  GtkSelectionModel *selection;
  CountWait wait = { fixture, list_id, 0 };
  g_autofree char *path = g_strdup_printf ("/v1/lists/%s/members", list_id);

  g_assert_true (td_ui_test_wait_until (members_loaded, fixture, 20000));
  people = table_members (fixture, 0, 4);
  body = g_strdup_printf ("{\"subscriber_ids\": [\"%s\", \"%s\", \"%s\", \"%s\"]}",
                          td_resource_get_id (people->pdata[0]),
                          td_resource_get_id (people->pdata[1]),
                          td_resource_get_id (people->pdata[2]),
                          td_resource_get_id (people->pdata[3]));
  answer = call (fixture->client, "POST", path, body);

  wait_for_row (fixture, list_id);
  g_assert_true (td_lists_page_select_list (fixture->page, list_id));
  wait.count = 4;
  g_assert_true (td_ui_test_wait_until (table_count_is, &wait, 20000));

  /* Select two rows and press Delete. */
  selection = td_lists_page_get_members_selection (fixture->page);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 1, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "lists.remove-selected", NULL));
  wait.count = 2;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
  g_assert_true (td_ui_test_wait_until (table_count_is, &wait, 20000));
  g_assert_cmpstr (adw_toast_get_title (td_lists_page_get_last_toast (fixture->page)), ==,
                   "Removed 2 people from “Short List”");

  /* Undo puts them back. */
  click_undo (fixture);
  wait.count = 4;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));

  /* Dropping one on the remove target takes them off. */
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);

    g_ptr_array_add (one, g_object_ref (people->pdata[3]));
    value_for_people (&value, one);
  }
  td_lists_page_preview_drop (fixture->page, td_lists_page_get_remove_target (fixture->page),
                              &value);
  {
    g_autofree char *name = td_subscriber_display_name_for_object (people->pdata[3]);
    g_autofree char *hint = g_strdup_printf ("Remove %s from Short List", name);

    g_assert_cmpstr (td_lists_page_get_drop_hint (fixture->page), ==, hint);
  }
  g_assert_true (emit_drop (td_lists_page_get_remove_target (fixture->page), &value));
  wait.count = 3;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
  ids = platform_members (fixture, list_id);
  g_assert_false (has_id (ids, td_resource_get_id (people->pdata[3])));
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);

  return path;
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

static TdCsvImportDialog *
drop_file (Fixture    *fixture,
           GtkWidget  *row,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GdkFileList *files;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *hint = NULL;
  GSList *list = g_slist_prepend (NULL, file);
  g_autoptr(GList) windows = NULL;
  g_autofree char *basename = g_file_get_basename (file);

  files = gdk_file_list_new_from_list (list);
  g_slist_free (list);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, files);

  td_lists_page_preview_drop (fixture->page, row, &value);
  g_assert_nonnull (td_lists_page_get_drop_hint (fixture->page));
  g_assert_true (g_str_has_prefix (td_lists_page_get_drop_hint (fixture->page), "Import "));
  g_assert_nonnull (strstr (td_lists_page_get_drop_hint (fixture->page), basename));
  g_assert_true (emit_drop (row, &value));

  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (TD_IS_CSV_IMPORT_DIALOG (l->data))
      return l->data;

  g_assert_not_reached ();
}

static void
test_lists_import_dropped_csv (Fixture       *fixture,
                               gconstpointer  user_data)
{
  const char data[] =
    "\xEF\xBB\xBF" "phone,name\r\n"
    "+1 555 010 0123,Ada Byron\r\n"
    "5550100123,\r\n"
    "\"(555) 010-0124\",\"Hopper, Grace\"\r\n"
    "12,Too Short\r\n";
  g_autofree char *list_id = create_list (fixture, "Imported");
  g_autofree char *path = write_file (fixture, "people.csv", data, -1);
  g_autofree char *shot = NULL;
  g_autoptr(JsonNode) page = NULL;
  g_autofree char *members_path = NULL;
  const TdCsvImportReport *report;
  TdCsvImportDialog *dialog;
  GArray *columns;
  JsonArray *members;
  StateWait wait;
  GtkWidget *row;
  guint n_ada = 0;

  row = wait_for_row (fixture, list_id);

  dialog = drop_file (fixture, row, path);
  wait.dialog = dialog;
  wait.state = "preview";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));

  /* The byte order mark does not stick: the first column is the phone. */
  columns = td_csv_import_dialog_get_columns (dialog);
  g_assert_cmpint (g_array_index (columns, TdCsvColumn, 0).kind, ==, TD_CSV_COLUMN_PHONE);
  g_assert_cmpint (g_array_index (columns, TdCsvColumn, 1).kind, ==, TD_CSV_COLUMN_FULL_NAME);
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "phone"));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "Hopper, Grace"));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-preview");
  g_clear_pointer (&shot, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait.state = "report";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 30000));

  report = td_csv_import_dialog_get_report (dialog);
  g_assert_nonnull (report);
  g_assert_false (report->cancelled);
  g_assert_null (report->stopped_reason);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->n_already, ==, 0);
  g_assert_cmpuint (report->n_merged, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_cmpuint (((TdCsvProblem *) report->problems->pdata[0])->line, ==, 5);
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "Import Finished"));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "Line 5"));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-report");

  /* On the platform: the two spellings are one subscriber. */
  members_path = g_strdup_printf ("/v1/lists/%s/members?limit=200", list_id);
  page = call (fixture->client, "GET", members_path, NULL);
  members = json_object_get_array_member (json_node_get_object (page), "data");
  g_assert_cmpuint (json_array_get_length (members), ==, 2);
  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member (member, "phone"), "+15550100123") == 0)
        {
          n_ada++;
          g_assert_cmpstr (json_object_get_string_member (member, "first_name"), ==, "Ada");
          g_assert_cmpstr (json_object_get_string_member (member, "last_name"), ==, "Byron");
        }
    }
  g_assert_cmpuint (n_ada, ==, 1);

  /* The same file again: everyone is there already. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  dialog = drop_file (fixture, row, path);
  wait.dialog = dialog;
  wait.state = "preview";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL));
  wait.state = "report";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 30000));
  report = td_csv_import_dialog_get_report (dialog);
  g_assert_cmpuint (report->n_added, ==, 0);
  g_assert_cmpuint (report->n_already, ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_lists_latin1_file (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char data[] = "phone,first name,last name\n5550100177,Jos\xE9,N\xFA\xF1" "ez\n";
  g_autofree char *path = write_file (fixture, "latin1.csv", data, -1);
  g_autofree char *shot = NULL;
  TdCsvImportDialog *dialog;
  StateWait wait;
  GtkWidget *row;

  row = td_lists_page_get_list_row (fixture->page,
                                    td_lists_page_get_selected_list_id (fixture->page));
  dialog = drop_file (fixture, row, path);
  wait.dialog = dialog;
  wait.state = "error";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));

  /* Refused with words that say what to do, nothing imported. */
  g_assert_nonnull (strstr (td_csv_import_dialog_get_message (dialog), "not in UTF-8"));
  g_assert_nonnull (strstr (td_csv_import_dialog_get_message (dialog), "Windows-1252"));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "Convert from Windows-1252"));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (dialog), "import-encoding-error");

  /* Converted when the user asks, faithfully. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.convert", NULL));
  wait.state = "preview";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));
  g_assert_cmpstr (td_csv_table_get_cell (td_csv_import_dialog_get_table (dialog), 0, 1), ==, "José");
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog), "Núñez"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_lists_header_only_file (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture, "header.csv", "phone,first_name\r\n", -1);
  g_autofree char *empty = write_file (fixture, "empty.csv", "", 0);
  TdCsvImportDialog *dialog;
  StateWait wait;
  GtkWidget *row;

  row = td_lists_page_get_list_row (fixture->page,
                                    td_lists_page_get_selected_list_id (fixture->page));
  dialog = drop_file (fixture, row, path);
  wait.dialog = dialog;
  wait.state = "preview";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));
  g_assert_nonnull (td_ui_test_find_label (GTK_WIDGET (dialog),
                                           "The file has column names but no rows of people."));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL) &&
                  g_strcmp0 (td_csv_import_dialog_get_state (dialog), "progress") == 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = drop_file (fixture, row, empty);
  wait.dialog = dialog;
  wait.state = "error";
  g_assert_true (td_ui_test_wait_until (dialog_in_state, &wait, 20000));
  g_assert_cmpstr (td_csv_import_dialog_get_message (dialog), ==, "The file is empty.");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint *n_rows = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (td_csv_export_list_finish (result, n_rows, &error));
  g_assert_no_error (error);
}

static gboolean
uint_set (gpointer data)
{
  return *(guint *) data != G_MAXUINT;
}

static void
test_lists_export (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const char *list_id = td_lists_page_get_selected_list_id (fixture->page);
  g_autofree char *path = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) ids = platform_members (fixture, list_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint n_rows = G_MAXUINT;

  td_csv_export_list_async (fixture->client, list_id, NULL, file, NULL, export_cb, &n_rows);
  g_assert_true (td_ui_test_wait_until (uint_set, &n_rows, 30000));
  g_assert_cmpuint (n_rows, ==, ids->len);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  table = td_csv_table_parse (contents, length, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->header[0], ==, "phone");
  g_assert_cmpstr (table->header[1], ==, "first_name");
  g_assert_cmpuint (table->rows->len, ==, ids->len);
  for (guint i = 0; i < table->rows->len; i++)
    g_assert_true (g_str_has_prefix (td_csv_table_get_cell (table, i, 0), "+"));
}

static void
test_lists_delete_with_undo (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *list_id = create_list (fixture, "Temporary");
  g_autofree char *path = g_strdup_printf ("/v1/lists/%s", list_id);
  g_autoptr(JsonNode) still = NULL;
  AdwToast *toast;

  wait_for_row (fixture, list_id);
  g_assert_true (td_lists_page_select_list (fixture->page, list_id));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "lists.delete", NULL));
  g_assert_false (gtk_widget_get_visible (td_lists_page_get_list_row (fixture->page, list_id)));
  g_assert_cmpstr (td_lists_page_get_selected_list_id (fixture->page), !=, list_id);

  /* Undo: it is back, and still on the platform. */
  click_undo (fixture);
  td_ui_test_iterate (100);
  g_assert_true (gtk_widget_get_visible (td_lists_page_get_list_row (fixture->page, list_id)));
  still = call (fixture->client, "GET", path, NULL);
  g_assert_nonnull (still);

  /* Without Undo, the list goes when the toast does. */
  g_assert_true (td_lists_page_select_list (fixture->page, list_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "lists.delete", NULL));
  toast = td_lists_page_get_last_toast (fixture->page);
  adw_toast_dismiss (toast);
  g_assert_true (td_ui_test_wait_until (page_is_idle, fixture, 20000));
  g_assert_null (td_lists_page_get_list_row (fixture->page, list_id));
}


/* Real drags through the X server, as a person makes them */

static GtkWidget *
find_member_cell (GtkWidget *root,
                  guint      position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListItem *item = g_object_get_data (G_OBJECT (child), "td-list-item");
      GtkWidget *found;

      if (item != NULL && gtk_list_item_get_position (item) == position &&
          gtk_widget_get_mapped (child))
        return child;

      found = find_member_cell (child, position);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
xdotool (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static void
xdotool (const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);

  command = g_strdup_printf ("xdotool %s", args);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let GTK see the events before the next ones. */
  td_ui_test_iterate (60);
}

/* Where the middle of @widget is, in the X window of its toplevel. */
static void
window_point (GtkWidget *widget,
              int       *x,
              int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                             gtk_widget_get_height (widget) / 2.0);
  graphene_point_t out;
  double sx = 0, sy = 0;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &sx, &sy);
  *x = (int) (out.x + sx);
  *y = (int) (out.y + sy);
}

static gboolean
scrolled_down (gpointer data)
{
  return gtk_adjustment_get_value (data) > 0;
}

static gboolean
page_dragging (gpointer data)
{
  return td_lists_page_is_dragging (data);
}

static gboolean
hint_shown (gpointer data)
{
  return td_lists_page_get_drop_hint (data) != NULL;
}

/* Starts a drag on @from, with the button down, through the X server. */
static void
x11_drag_begin (TdListsPage *page,
                const char  *window_id,
                GtkWidget   *from,
                int         *x,
                int         *y)
{
  int fx, fy;

  window_point (from, &fx, &fy);
  xdotool ("mousemove --window %s %d %d", window_id, fx, fy);
  xdotool ("mousedown 1");
  /* Past the drag threshold, until GTK says the drag began. */
  for (int i = 1; i <= 6 && !td_lists_page_is_dragging (page); i++)
    xdotool ("mousemove --window %s %d %d", window_id, fx + 4 * i, fy + 2 * i);
  g_assert_true (td_ui_test_wait_until (page_dragging, page, 10000));

  *x = fx + 24;
  *y = fy + 12;
}

static void
x11_drag (TdListsPage *page,
          const char  *window_id,
          GtkWidget   *from,
          GtkWidget   *to,
          const char  *screenshot_path)
{
  int fx, fy, tx, ty;

  window_point (to, &tx, &ty);
  x11_drag_begin (page, window_id, from, &fx, &fy);

  for (int i = 1; i <= 6; i++)
    xdotool ("mousemove --window %s %d %d", window_id,
             fx + (tx - fx) * i / 6, fy + (ty - fy) * i / 6);
  xdotool ("mousemove --window %s %d %d", window_id, tx + 2, ty);
  /* The target says what a drop would do before the button goes up. */
  g_assert_true (td_ui_test_wait_until (hint_shown, page, 10000));
  td_ui_test_iterate (200);

  if (screenshot_path != NULL)
    {
      g_autofree char *command = g_strdup_printf ("import -window root %s", screenshot_path);
      g_autoptr(GError) error = NULL;
      int status = 0;

      g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_test_message ("screenshot: %s", screenshot_path);
    }

  xdotool ("mouseup 1");
  td_ui_test_iterate (300);
}

static void
test_lists_x11_drags (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *list_id = create_list (fixture, "Real Drops");
  g_autofree char *window_id = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  GtkSelectionModel *selection;
  CountWait wait = { fixture, list_id, 0 };
  const char *dir = g_getenv ("TEXTDESK_SCREENSHOT_DIR");
  GtkWidget *row;
  int status = 0;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (fixture->window)) ||
      g_find_program_in_path ("xdotool") == NULL ||
      g_find_program_in_path ("import") == NULL)
    {
      g_test_skip ("Needs X11, xdotool and ImageMagick to drag with the mouse");
      return;
    }

  gtk_window_set_title (GTK_WINDOW (fixture->window), "Textdesk Lists Drag Test");
  g_assert_true (td_ui_test_wait_until (members_loaded, fixture, 20000));
  row = wait_for_row (fixture, list_id);
  td_ui_test_iterate (300);

  g_spawn_command_line_sync ("xdotool search --sync --name \"^Textdesk Lists Drag Test$\"",
                             &window_id, NULL, &status, &error);
  g_assert_no_error (error);
  g_strstrip (window_id);
  if (strchr (window_id, '\n') != NULL)
    *strchr (window_id, '\n') = '\0';
  g_assert_cmpstr (window_id, !=, "");

  /* First drag: three selected rows, dragged by the second of them. */
  selection = td_lists_page_get_members_selection (fixture->page);
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  first = table_members (fixture, 0, 3);
  shot = g_build_filename (dir != NULL ? dir : g_get_tmp_dir (), "lists-x11-drag.png", NULL);
  x11_drag (fixture->page, window_id, find_member_cell (GTK_WIDGET (fixture->page), 1), row, shot);

  wait.count = 3;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));

  /* Second drag, right after: one row that is not selected. */
  second = table_members (fixture, 5, 1);
  x11_drag (fixture->page, window_id, find_member_cell (GTK_WIDGET (fixture->page), 5), row, NULL);

  wait.count = 4;
  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
  ids = platform_members (fixture, list_id);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (has_id (ids, td_resource_get_id (first->pdata[i])));
  g_assert_true (has_id (ids, td_resource_get_id (second->pdata[0])));

  /* A drag held near the bottom edge of the long table scrolls it; let
   * go over the table, it changes nothing (they are on it already). */
  {
    GtkWidget *scroller;
    GtkWidget *table = td_ui_test_find_by_type (GTK_WIDGET (fixture->page),
                                                GTK_TYPE_COLUMN_VIEW);
    GtkAdjustment *adjustment;
    graphene_point_t bottom;
    double sx = 0, sy = 0;
    int fx, fy;

    scroller = gtk_widget_get_ancestor (table, GTK_TYPE_SCROLLED_WINDOW);
    adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                       gtk_adjustment_get_page_size (adjustment));

    g_assert_true (gtk_widget_compute_point (scroller, GTK_WIDGET (gtk_widget_get_native (scroller)),
                                             &GRAPHENE_POINT_INIT (gtk_widget_get_width (scroller) / 2.0,
                                                                   gtk_widget_get_height (scroller) - 6),
                                             &bottom));
    gtk_native_get_surface_transform (gtk_widget_get_native (scroller), &sx, &sy);
    x11_drag_begin (fixture->page, window_id,
                    find_member_cell (GTK_WIDGET (fixture->page), 0), &fx, &fy);
    for (int i = 1; i <= 4; i++)
      xdotool ("mousemove --window %s %d %d", window_id, (int) (bottom.x + sx),
               (int) (fy + (bottom.y + sy - fy) * i / 4));
    g_assert_true (td_ui_test_wait_until (scrolled_down, adjustment, 10000));
    xdotool ("mouseup 1");
    td_ui_test_iterate (300);
  }

  g_assert_true (td_ui_test_wait_until (platform_count_is, &wait, 20000));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  td_ui_test_init (&argc, &argv);

  /* The app's styles, as the application loads them. */
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(name, func) \
  g_test_add ("/lists/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("show-members", test_lists_show_members);
  ADD ("drop-people-on-list", test_lists_drop_people_on_list);
  ADD ("remove-with-key-and-target", test_lists_remove_with_key_and_target);
  ADD ("import-dropped-csv", test_lists_import_dropped_csv);
  ADD ("latin1-file", test_lists_latin1_file);
  ADD ("header-only-file", test_lists_header_only_file);
  ADD ("export", test_lists_export);
  ADD ("delete-with-undo", test_lists_delete_with_undo);
  ADD ("x11-drags", test_lists_x11_drags);

#undef ADD

  {
    int status = g_test_run ();

    g_clear_object (&shared_session);
    g_clear_object (&shared_client);
    stop_platform ();

    return status;
  }
}
