/* td-lists-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-lists-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-csv-export.h"
#include "td-csv-import-dialog.h"
#include "td-field.h"
#include "td-list.h"
#include "td-phone.h"
#include "td-lists-page-private.h"
#include "td-subscriber.h"
#include "td-subscriber-drag.h"
#include "td-window.h"

/* Above this many people, a membership change is sent without asking
 * first who is on the list already; its Undo is then offered only when
 * the answer shows that every one of them changed. */
#define PRECHECK_LIMIT 200
/* The band along the top and bottom edges of a list where a drag
 * scrolls it, and the fastest it scrolls, in pixels a frame. */
#define AUTOSCROLL_EDGE 48.0
#define AUTOSCROLL_MAX_STEP 24.0

struct _TdListsPage
{
  AdwBin             parent_instance;

  TdSession         *session;
  TdClient          *client;
  GCancellable      *cancellable;
  TdPagedModel      *lists_model;
  TdPagedModel      *members_model;
  GtkMultiSelection *members_selection;
  GListStore        *fields;
  TdList            *current_list;
  GMenu             *add_to_menu;
  GPtrArray         *pending_deletes;  /* ids of lists hidden, to delete */
  AdwToast          *last_toast;       /* weak */
  AdwMessageDialog  *name_dialog;      /* weak: New or Rename List */
  GdkDrag           *own_drag;         /* weak: a drag out of the table */
  GtkDragSource     *members_drag_source;
  guint              n_busy;
  GQueue             queued_changes;   /* of MembersChange */
  gpointer           running_change;   /* a MembersChange */
  gulong             event_handler;
  guint              search_timeout_id;

  GtkWidget         *drop_widget;      /* the widget a drop hovers */
  GtkAdjustment     *autoscroll_adjustment;
  double             autoscroll_step;
  guint              autoscroll_tick_id;
  GtkWidget         *autoscroll_widget;

  /* Template widgets */
  GtkStack          *page_stack;
  GtkStack          *content_stack;
  GtkListBox        *lists_box;
  GtkScrolledWindow *lists_scroller;
  GtkScrolledWindow *members_scroller;
  GtkColumnView     *members_view;
  GtkLabel          *list_title_label;
  GtkLabel          *member_count_label;
  GtkSearchEntry    *search_entry;
  GtkMenuButton     *add_to_button;
  GtkWidget         *remove_target;
  GtkLabel          *remove_target_label;
  GtkRevealer       *drop_hint_revealer;
  GtkLabel          *drop_hint_label;
  AdwStatusPage     *members_empty_page;
  AdwStatusPage     *members_error_page;
};

G_DEFINE_FINAL_TYPE (TdListsPage, td_lists_page, ADW_TYPE_BIN)

static void select_list (TdListsPage *self, TdList *list);
static void refresh_list (TdListsPage *self, const char *list_id);
static void update_actions (TdListsPage *self);
static gboolean list_row_visible (GtkListBoxRow *row, gpointer user_data);

/* Helpers */

static void
toast_dismissed_cb (AdwToast    *toast,
                    TdListsPage *self)
{
  if (self->last_toast == toast)
    g_clear_weak_pointer (&self->last_toast);
}

static void
show_toast (TdListsPage *self,
            AdwToast    *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* Results queue one after the other, each with its Undo, at the normal
   * priority: in libadwaita 1.2, toasts that displace or dismiss each
   * other in quick succession crash its overlay. */
  g_set_weak_pointer (&self->last_toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb),
                           self, 0);

  if (TD_IS_WINDOW (root))
    td_window_add_toast (TD_WINDOW (root), toast);
  else if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_debug ("No window to show “%s” in", adw_toast_get_title (toast));
      g_object_ref_sink (toast);
      g_object_unref (toast);
    }
}

static void
show_error_toast (TdListsPage  *self,
                  const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->session != NULL && td_session_handle_error (self->session, error))
    return;

  show_toast (self, adw_toast_new (error->message));
}

static char *
people_count (guint n)
{
  return g_strdup_printf (ngettext ("%u person", "%u people", n), n);
}

static TdList *
find_list (TdListsPage *self,
           const char  *list_id)
{
  if (self->lists_model == NULL || list_id == NULL)
    return NULL;

  return TD_LIST (td_paged_model_find (self->lists_model, list_id, NULL));
}

static char *
escape (const char *text)
{
  return g_uri_escape_string (text, NULL, FALSE);
}

static void
busy_begin (TdListsPage *self)
{
  self->n_busy++;
}

static void
busy_end (TdListsPage *self)
{
  g_return_if_fail (self->n_busy > 0);
  self->n_busy--;
}

/* Membership changes, with their Undo */

typedef struct
{
  TdListsPage           *self;       /* a reference */
  char                  *list_id;
  char                  *list_name;
  TdSubscriberSelection *selection;
  gboolean               remove;
  gboolean               is_undo;
  gboolean               exact;      /* whether changed is known exactly */
  GPtrArray             *to_change;  /* ids, NULL-terminated */
  guint                  n_unchanged;
  guint                  n_checks;
  guint                  n_failed_checks;
} MembersChange;

static void run_next_change (TdListsPage *self);

static void
members_change_free (MembersChange *change)
{
  TdListsPage *self = change->self;
  gboolean was_running = self->running_change == change;

  if (was_running)
    self->running_change = NULL;
  busy_end (self);
  g_free (change->list_id);
  g_free (change->list_name);
  td_subscriber_selection_unref (change->selection);
  g_clear_pointer (&change->to_change, g_ptr_array_unref);
  g_free (change);

  if (was_running)
    run_next_change (self);
  g_object_unref (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MembersChange, members_change_free)

static void start_change (TdListsPage           *self,
                          const char            *list_id,
                          const char            *list_name,
                          TdSubscriberSelection *selection,
                          gboolean               remove,
                          gboolean               is_undo);

/* A toast may outlive the page: it holds the page weakly. */
typedef struct
{
  GWeakRef               page;
  char                  *list_id;
  char                  *list_name;
  TdSubscriberSelection *selection;
  gboolean               remove;
} UndoData;

static void
undo_data_free (gpointer data)
{
  UndoData *undo = data;

  g_weak_ref_clear (&undo->page);
  g_free (undo->list_id);
  g_free (undo->list_name);
  td_subscriber_selection_unref (undo->selection);
  g_free (undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 UndoData *undo)
{
  g_autoptr(TdListsPage) self = g_weak_ref_get (&undo->page);

  if (self != NULL)
    start_change (self, undo->list_id, undo->list_name, undo->selection,
                  !undo->remove, TRUE);
}

static char *
describe_result (MembersChange   *change,
                 guint            n_changed,
                 guint            n_unchanged,
                 guint            n_failed)
{
  g_autofree char *main_part = NULL;
  g_autofree char *people = people_count (n_changed);
  GString *text;

  if (change->is_undo)
    main_part = change->remove
                ? g_strdup_printf (_("Undone: %s taken off “%s” again"), people,
                                   change->list_name)
                : g_strdup_printf (_("Undone: %s back on “%s”"), people, change->list_name);
  else if (n_changed == 1 && td_subscriber_selection_get_n_items (change->selection) == 1)
    main_part = change->remove
                ? g_strdup_printf (_("Removed %s from “%s”"),
                                   td_subscriber_selection_get_display_name (change->selection, 0),
                                   change->list_name)
                : g_strdup_printf (_("Added %s to “%s”"),
                                   td_subscriber_selection_get_display_name (change->selection, 0),
                                   change->list_name);
  else
    main_part = change->remove
                ? g_strdup_printf (_("Removed %s from “%s”"), people, change->list_name)
                : g_strdup_printf (_("Added %s to “%s”"), people, change->list_name);

  text = g_string_new (main_part);

  if (n_unchanged > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text,
                              change->remove
                              ? ngettext ("%u was not on it", "%u were not on it", n_unchanged)
                              : ngettext ("%u was already on it", "%u were already on it",
                                          n_unchanged),
                              n_unchanged);
    }

  if (n_failed > 0)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, ngettext ("%u could not be changed",
                                              "%u could not be changed", n_failed),
                              n_failed);
    }

  return g_string_free (text, FALSE);
}

/* Reads the answer of adding or removing members. The contract names
 * its counts "added" and "already_member" both ways; the platform names
 * a removal's "removed" and "not_member": either is read. */
static TdMembersResult *
members_result_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(TdMembersResult) result = td_members_result_new ();
  JsonObject *object;
  JsonNode *failed;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The platform gave an answer that is not a list change."));
      return NULL;
    }

  object = json_node_get_object (node);
  if (json_object_has_member (object, "added"))
    result->added = (guint) MAX (json_object_get_int_member_with_default (object, "added", 0), 0);
  else if (json_object_has_member (object, "removed"))
    result->added = (guint) MAX (json_object_get_int_member_with_default (object, "removed", 0), 0);
  else
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The platform gave an answer that is not a list change."));
      return NULL;
    }

  if (json_object_has_member (object, "already_member"))
    result->already_member = (guint) MAX (json_object_get_int_member_with_default (object,
                                                                                   "already_member",
                                                                                   0), 0);
  else
    result->already_member = (guint) MAX (json_object_get_int_member_with_default (object,
                                                                                   "not_member", 0),
                                                                                   0);

  failed = json_object_get_member (object, "failed");
  if (failed != NULL && JSON_NODE_HOLDS_ARRAY (failed))
    {
      JsonArray *array = json_node_get_array (failed);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *id = NULL;

          if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
            id = json_node_get_string (item);
          else if (JSON_NODE_HOLDS_OBJECT (item))
            {
              JsonObject *failure = json_node_get_object (item);

              id = json_object_get_string_member_with_default
                     (failure, "subscriber_id",
                      json_object_get_string_member_with_default (failure, "id", NULL));
            }

          if (id != NULL)
            g_ptr_array_add (result->failed, g_strdup (id));
        }
    }

  return g_steal_pointer (&result);
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(MembersChange) change = user_data;
  TdListsPage *self = change->self;
  g_autoptr(TdMembersResult) members_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autoptr(TdSubscriberSelection) changed = NULL;
  AdwToast *toast;
  guint n_changed, n_unchanged, n_failed;

  {
    g_autoptr(JsonNode) node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

    if (node != NULL)
      members_result = members_result_from_json (node, &error);
  }
  if (members_result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = NULL;

          message = change->remove
                    ? g_strdup_printf (_("Could not remove people from “%s”: %s"),
                                       change->list_name, error->message)
                    : g_strdup_printf (_("Could not add people to “%s”: %s"),
                                       change->list_name, error->message);
          if (self->session == NULL || !td_session_handle_error (self->session, error))
            show_toast (self, adw_toast_new (message));
        }
      return;
    }

  n_changed = members_result->added;
  n_failed = members_result->failed != NULL ? members_result->failed->len : 0;
  n_unchanged = change->n_unchanged + members_result->already_member;

  /* What Undo puts back: exactly the people this drop changed. */
  changed = td_subscriber_selection_new ();
  if (change->exact || (members_result->already_member == 0 && n_failed == 0))
    {
      for (guint i = 0; i < td_subscriber_selection_get_n_items (change->selection); i++)
        {
          const char *id = td_subscriber_selection_get_id (change->selection, i);
          gboolean failed = FALSE;

          if (!g_strv_contains ((const char * const *) change->to_change->pdata, id))
            continue;
          for (guint f = 0; f < n_failed; f++)
            if (g_strcmp0 (g_ptr_array_index (members_result->failed, f), id) == 0)
              failed = TRUE;
          if (!failed)
            td_subscriber_selection_add (changed, id,
                                         td_subscriber_selection_get_display_name
                                           (change->selection, i));
        }
    }

  title = describe_result (change, n_changed, n_unchanged, n_failed);
  toast = adw_toast_new (title);

  if (!change->is_undo && n_changed > 0 &&
      td_subscriber_selection_get_n_items (changed) == n_changed)
    {
      UndoData *undo = g_new0 (UndoData, 1);

      g_weak_ref_init (&undo->page, self);
      undo->list_id = g_strdup (change->list_id);
      undo->list_name = g_strdup (change->list_name);
      undo->selection = td_subscriber_selection_ref (changed);
      undo->remove = change->remove;

      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked",
                             G_CALLBACK (undo_clicked_cb), undo,
                             (GClosureNotify) (void (*) (void)) undo_data_free, 0);
    }

  show_toast (self, toast);

  /* Show the change: the list's count, and the table if it is this list. */
  refresh_list (self, change->list_id);
  if (self->current_list != NULL &&
      g_strcmp0 (td_resource_get_id (TD_RESOURCE (self->current_list)), change->list_id) == 0 &&
      self->members_model != NULL)
    {
      if (change->remove)
        {
          for (guint i = 0; i < td_subscriber_selection_get_n_items (changed); i++)
            td_paged_model_remove_id (self->members_model,
                                      td_subscriber_selection_get_id (changed, i));
        }
      else if (n_changed > 0)
        td_paged_model_reload (self->members_model);
    }
}

static void
send_change (MembersChange *change)
{
  TdListsPage *self = change->self;

  if (self->client == NULL)
    {
      members_change_free (change);
      return;
    }

  if (change->to_change->len == 0)
    {
      g_autofree char *title = NULL;

      title = describe_result (change, 0, change->n_unchanged, 0);
      show_toast (self, adw_toast_new (title));
      members_change_free (change);
      return;
    }

  {
    g_autoptr(JsonBuilder) builder = json_builder_new ();
    g_autoptr(JsonNode) body = NULL;
    g_autofree char *id = escape (change->list_id);
    g_autofree char *path = NULL;
    g_autofree char *key = g_uuid_string_random ();

    json_builder_begin_object (builder);
    json_builder_set_member_name (builder, "subscriber_ids");
    json_builder_begin_array (builder);
    for (guint i = 0; i < change->to_change->len; i++)
      json_builder_add_string_value (builder, g_ptr_array_index (change->to_change, i));
    json_builder_end_array (builder);
    json_builder_end_object (builder);
    body = json_builder_get_root (builder);

    path = change->remove ? g_strdup_printf ("/v1/lists/%s/members/remove", id)
                          : g_strdup_printf ("/v1/lists/%s/members", id);
    /* The same change twice changes nothing more: safe to retry. */
    td_client_call_async (self->client, "POST", path, body, NULL, key,
                          self->cancellable, change_done_cb, change);
  }
}

static void
check_member_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  MembersChange *change = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = NULL;
  gboolean member = FALSE;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonArray *list_ids = NULL;

      id = json_object_get_string_member_with_default (object, "id", NULL);
      if (json_object_has_member (object, "list_ids") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "list_ids")))
        list_ids = json_object_get_array_member (object, "list_ids");

      for (guint i = 0; list_ids != NULL && i < json_array_get_length (list_ids); i++)
        if (g_strcmp0 (json_array_get_string_element (list_ids, i), change->list_id) == 0)
          member = TRUE;
    }
  else
    {
      /* Unknown: send it, and let the platform's answer count it. */
      change->n_failed_checks++;
      change->exact = FALSE;
      g_debug ("Could not check a list membership: %s",
               error != NULL ? error->message : "not an object");
    }

  if (id != NULL && td_subscriber_selection_contains (change->selection, id))
    {
      if (member == change->remove)
        g_ptr_array_add (change->to_change, g_strdup (id));
      else
        change->n_unchanged++;
    }

  if (--change->n_checks > 0)
    return;

  if (change->self->client == NULL ||
      g_cancellable_is_cancelled (change->self->cancellable))
    {
      members_change_free (change);
      return;
    }

  /* Failed checks: send those ids too, their answer counts them. */
  if (change->n_failed_checks > 0)
    {
      for (guint i = 0; i < td_subscriber_selection_get_n_items (change->selection); i++)
        {
          const char *sid = td_subscriber_selection_get_id (change->selection, i);

          if (!g_strv_contains ((const char * const *) change->to_change->pdata, sid))
            g_ptr_array_add (change->to_change, g_strdup (sid));
        }
      change->n_unchanged = 0;
    }

  send_change (change);
}

/* Changes run one after the other, in the order of the drops: a second
 * drop on a list must see what the first one did. */
static void
run_next_change (TdListsPage *self)
{
  MembersChange *change;
  TdSubscriberSelection *selection;
  const char *list_id;
  gboolean all_known_members = FALSE;
  guint n;

  if (self->running_change != NULL)
    return;

  change = g_queue_pop_head (&self->queued_changes);
  if (change == NULL)
    return;

  if (self->client == NULL)
    {
      members_change_free (change);
      run_next_change (self);
      return;
    }

  self->running_change = change;
  selection = change->selection;
  list_id = change->list_id;
  n = td_subscriber_selection_get_n_items (selection);

  /* People taken off the list on show are its members: the table just
   * loaded them from it. */
  if (change->remove && self->current_list != NULL && self->members_model != NULL &&
      g_strcmp0 (td_resource_get_id (TD_RESOURCE (self->current_list)), list_id) == 0)
    {
      all_known_members = TRUE;
      for (guint i = 0; i < n && all_known_members; i++)
        if (td_paged_model_find (self->members_model,
                                 td_subscriber_selection_get_id (selection, i), NULL) == NULL)
          all_known_members = FALSE;
    }

  if (all_known_members || change->is_undo || n > PRECHECK_LIMIT)
    {
      /* An Undo changes back exactly the people the change changed. */
      change->exact = all_known_members || change->is_undo;
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (change->to_change,
                         g_strdup (td_subscriber_selection_get_id (selection, i)));
      send_change (change);
      return;
    }

  /* Ask who is on the list already, so that Undo will put back exactly
   * what this change did, and nobody who was there before. */
  change->exact = TRUE;
  change->n_checks = n;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = escape (td_subscriber_selection_get_id (selection, i));
      g_autofree char *path = g_strdup_printf ("/v1/subscribers/%s", id);

      td_client_call_async (self->client, "GET", path, NULL, NULL, NULL,
                            self->cancellable, check_member_cb, change);
    }
}

static void
start_change (TdListsPage           *self,
              const char            *list_id,
              const char            *list_name,
              TdSubscriberSelection *selection,
              gboolean               remove,
              gboolean               is_undo)
{
  MembersChange *change;
  guint n;

  g_return_if_fail (list_id != NULL);

  n = td_subscriber_selection_get_n_items (selection);
  if (self->client == NULL || n == 0)
    return;

  busy_begin (self);

  change = g_new0 (MembersChange, 1);
  change->self = g_object_ref (self);
  change->list_id = g_strdup (list_id);
  change->list_name = g_strdup (list_name);
  change->selection = td_subscriber_selection_ref (selection);
  change->remove = remove;
  change->is_undo = is_undo;
  change->to_change = g_ptr_array_new_null_terminated (n, g_free, TRUE);

  g_queue_push_tail (&self->queued_changes, change);
  run_next_change (self);
}

/* Refreshing one list's count */

static void
refresh_list_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdListsPage) self = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  busy_end (self);

  if (node == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not refresh a list: %s", error->message);
      return;
    }

  if (self->lists_model != NULL && JSON_NODE_HOLDS_OBJECT (node))
    td_paged_model_upsert (self->lists_model, json_node_get_object (node), FALSE);
}

static void
refresh_list (TdListsPage *self,
              const char  *list_id)
{
  g_autofree char *id = escape (list_id);
  g_autofree char *path = g_strdup_printf ("/v1/lists/%s", id);

  if (self->client == NULL)
    return;

  busy_begin (self);
  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL,
                        self->cancellable, refresh_list_cb, g_object_ref (self));
}

/* Drop previews and drops */

static const char *
widget_list_id (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "td-list-id");
}

/* The list a drop on @widget changes, and whether it removes. */
static TdList *
drop_destination (TdListsPage *self,
                  GtkWidget   *widget,
                  gboolean    *remove)
{
  *remove = widget == self->remove_target;

  if (widget == self->remove_target || widget == GTK_WIDGET (self->members_scroller))
    return self->current_list;

  return find_list (self, widget_list_id (widget));
}

static gboolean
drop_is_from_own_table (TdListsPage   *self,
                        GtkDropTarget *target)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);

  return drop != NULL && self->own_drag != NULL &&
         gdk_drop_get_drag (drop) == self->own_drag;
}

/* What a drop of @value on @widget would do, in words; NULL when
 * nothing. */
static char *
describe_drop (TdListsPage  *self,
               GtkWidget    *widget,
               const GValue *value)
{
  TdSubscriberSelection *selection = td_subscriber_selection_from_value (value);
  gboolean remove = FALSE;
  TdList *list = drop_destination (self, widget, &remove);
  const char *name;

  if (list == NULL || value == NULL)
    return NULL;

  name = td_list_get_name (list);

  if (selection != NULL)
    {
      g_autofree char *who = td_subscriber_selection_describe (selection);

      return remove ? g_strdup_printf (_("Remove %s from %s"), who, name)
                    : g_strdup_printf (_("Add %s to %s"), who, name);
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && !remove)
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));
      g_autofree char *basename = NULL;
      char *text;

      if (files == NULL)
        return NULL;

      basename = g_file_get_basename (files->data);
      text = g_strdup_printf (_("Import %s into %s"), basename, name);
      g_slist_free (files);

      return text;
    }

  return NULL;
}

/**
 * td_lists_page_preview_drop:
 * @self: a #TdListsPage
 * @target_widget: a list row, the remove target or the table
 * @value: (nullable): what hovers it; %NULL ends the preview
 *
 * Highlights @target_widget and says what a drop would do ("Add 3 people
 * to VIP"), as while a drag hovers it.
 */
void
td_lists_page_preview_drop (TdListsPage  *self,
                            GtkWidget    *target_widget,
                            const GValue *value)
{
  g_autofree char *hint = NULL;

  g_return_if_fail (TD_IS_LISTS_PAGE (self));

  if (self->drop_widget != NULL && self->drop_widget != target_widget)
    gtk_widget_remove_css_class (self->drop_widget, "td-drop-highlight");
  g_set_weak_pointer (&self->drop_widget, target_widget);

  hint = value != NULL ? describe_drop (self, target_widget, value) : NULL;
  if (hint == NULL)
    {
      td_lists_page_end_drop_preview (self);
      return;
    }

  gtk_widget_add_css_class (target_widget, "td-drop-highlight");
  gtk_label_set_label (self->drop_hint_label, hint);
  gtk_revealer_set_reveal_child (self->drop_hint_revealer, TRUE);
}

void
td_lists_page_end_drop_preview (TdListsPage *self)
{
  g_return_if_fail (TD_IS_LISTS_PAGE (self));

  if (self->drop_widget != NULL)
    gtk_widget_remove_css_class (self->drop_widget, "td-drop-highlight");
  g_clear_weak_pointer (&self->drop_widget);

  gtk_revealer_set_reveal_child (self->drop_hint_revealer, FALSE);
  gtk_label_set_label (self->drop_hint_label, "");
}

const char *
td_lists_page_get_drop_hint (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->drop_hint_revealer)
         ? gtk_label_get_label (self->drop_hint_label) : NULL;
}

static void
drop_value_changed_cb (GtkDropTarget *target,
                       GParamSpec    *pspec,
                       TdListsPage   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);

  if (value == NULL || gtk_drop_target_get_current_drop (target) == NULL)
    return;

  if (widget == GTK_WIDGET (self->members_scroller) &&
      drop_is_from_own_table (self, target))
    return;

  td_lists_page_preview_drop (self, widget, value);
}

static GdkDragAction
drop_enter_cb (GtkDropTarget *target,
               double         x,
               double         y,
               TdListsPage   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gboolean remove = FALSE;

  /* People dragged out of the table are on this list already. */
  if (widget == GTK_WIDGET (self->members_scroller) &&
      drop_is_from_own_table (self, target))
    return 0;

  if (drop_destination (self, widget, &remove) == NULL)
    return 0;

  drop_value_changed_cb (target, NULL, self);

  return GDK_ACTION_COPY;
}

static void
drop_leave_cb (GtkDropTarget *target,
               TdListsPage   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (self->drop_widget == widget)
    td_lists_page_end_drop_preview (self);
}

static gboolean
handle_drop (TdListsPage  *self,
             GtkWidget    *widget,
             const GValue *value)
{
  TdSubscriberSelection *selection = td_subscriber_selection_from_value (value);
  gboolean remove = FALSE;
  TdList *list = drop_destination (self, widget, &remove);

  td_lists_page_end_drop_preview (self);

  if (list == NULL)
    return FALSE;

  if (selection != NULL)
    {
      start_change (self, td_resource_get_id (TD_RESOURCE (list)),
                    td_list_get_name (list), selection, remove, FALSE);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) && !remove)
    {
      GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

      if (files == NULL)
        return FALSE;

      td_lists_page_import_file (self, files->data,
                                 td_resource_get_id (TD_RESOURCE (list)));
      g_slist_free (files);
      return TRUE;
    }

  return FALSE;
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdListsPage   *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  if (widget == GTK_WIDGET (self->members_scroller) &&
      drop_is_from_own_table (self, target))
    return FALSE;

  return handle_drop (self, widget, value);
}

static void
add_drop_target (TdListsPage *self,
                 GtkWidget   *widget,
                 gboolean     files_too)
{
  GtkDropTarget *target = td_subscriber_drop_target_new (GDK_ACTION_COPY);

  if (files_too)
    {
      GType types[] = { TD_TYPE_SUBSCRIBER_SELECTION, GDK_TYPE_FILE_LIST };

      gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    }

  g_signal_connect_object (target, "enter", G_CALLBACK (drop_enter_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "notify::value",
                           G_CALLBACK (drop_value_changed_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  g_object_set_data (G_OBJECT (widget), "td-drop-target", target);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));
}

/**
 * td_lists_page_get_drop_target:
 * @widget: a list row, the remove target or the members table
 *
 * Returns: (transfer none) (nullable): its drop target
 */
GtkDropTarget *
td_lists_page_get_drop_target (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), "td-drop-target");
}

/* Scrolling while a drag nears an edge */

static gboolean
autoscroll_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  TdListsPage *self = TD_LISTS_PAGE (user_data);
  GtkAdjustment *adjustment = self->autoscroll_adjustment;
  double value;

  if (adjustment == NULL || self->autoscroll_step == 0)
    {
      self->autoscroll_tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  value = gtk_adjustment_get_value (adjustment) + self->autoscroll_step;
  gtk_adjustment_set_value (adjustment, value);

  return G_SOURCE_CONTINUE;
}

static void
stop_autoscroll (TdListsPage *self)
{
  self->autoscroll_step = 0;
  if (self->autoscroll_tick_id != 0 && self->autoscroll_widget != NULL)
    gtk_widget_remove_tick_callback (self->autoscroll_widget, self->autoscroll_tick_id);
  self->autoscroll_tick_id = 0;
  g_clear_weak_pointer (&self->autoscroll_widget);
  self->autoscroll_adjustment = NULL;
}

static void
drag_motion_cb (GtkDropControllerMotion *motion,
                double                   x,
                double                   y,
                TdListsPage             *self)
{
  GtkWidget *scroller = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  double height = gtk_widget_get_height (scroller);
  double step = 0;

  if (y < AUTOSCROLL_EDGE)
    step = -AUTOSCROLL_MAX_STEP * (AUTOSCROLL_EDGE - y) / AUTOSCROLL_EDGE;
  else if (y > height - AUTOSCROLL_EDGE)
    step = AUTOSCROLL_MAX_STEP * (y - (height - AUTOSCROLL_EDGE)) / AUTOSCROLL_EDGE;

  if (step == 0)
    {
      stop_autoscroll (self);
      return;
    }

  if (self->autoscroll_widget != scroller)
    stop_autoscroll (self);

  self->autoscroll_step = step;
  self->autoscroll_adjustment =
    gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  if (self->autoscroll_tick_id == 0)
    {
      g_set_weak_pointer (&self->autoscroll_widget, scroller);
      self->autoscroll_tick_id = gtk_widget_add_tick_callback (scroller, autoscroll_tick_cb,
                                                               self, NULL);
    }
}

static void
drag_motion_leave_cb (GtkDropControllerMotion *motion,
                      TdListsPage             *self)
{
  stop_autoscroll (self);
}

static void
add_autoscroll (TdListsPage       *self,
                GtkScrolledWindow *scroller)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_signal_connect_object (motion, "enter", G_CALLBACK (drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "motion", G_CALLBACK (drag_motion_cb), self, 0);
  g_signal_connect_object (motion, "leave", G_CALLBACK (drag_motion_leave_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (scroller), motion);
}

/* The sidebar */

static void
update_list_row (GtkWidget *row,
                 TdList    *list)
{
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "td-name-label");
  GtkLabel *count = g_object_get_data (G_OBJECT (row), "td-count-label");
  g_autofree char *count_text = g_strdup_printf ("%d", td_list_get_subscriber_count (list));

  gtk_label_set_label (name, td_list_get_name (list));
  gtk_label_set_label (count, count_text);
}

static void
list_changed_cb (TdList     *list,
                 GParamSpec *pspec,
                 GtkWidget  *row)
{
  update_list_row (row, list);
}

static GtkWidget *
create_list_row (gpointer item,
                 gpointer user_data)
{
  TdListsPage *self = TD_LISTS_PAGE (user_data);
  TdList *list = TD_LIST (item);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *name;
  GtkWidget *count;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  count = gtk_label_new (NULL);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "td-list-id",
                          g_strdup (td_resource_get_id (TD_RESOURCE (list))), g_free);
  g_object_set_data (G_OBJECT (row), "td-name-label", name);
  g_object_set_data (G_OBJECT (row), "td-count-label", count);
  g_object_set_data_full (G_OBJECT (row), "td-list", g_object_ref (list), g_object_unref);
  update_list_row (row, list);
  g_signal_connect_object (list, "notify", G_CALLBACK (list_changed_cb), row, 0);

  add_drop_target (self, row, TRUE);
  gtk_widget_set_visible (row, list_row_visible (GTK_LIST_BOX_ROW (row), self));

  return row;
}

static gboolean
list_row_visible (GtkListBoxRow *row,
                  gpointer       user_data)
{
  TdListsPage *self = TD_LISTS_PAGE (user_data);
  const char *id = widget_list_id (GTK_WIDGET (row));

  return self->pending_deletes == NULL ||
         !g_ptr_array_find_with_equal_func (self->pending_deletes, id, g_str_equal, NULL);
}

/* A list whose delete waits for its Undo toast to go is hidden. (A list
 * box with a model ignores filter functions.) */
static void
update_row_visibility (TdListsPage *self)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lists_box, i);

      if (row == NULL)
        break;
      gtk_widget_set_visible (GTK_WIDGET (row), list_row_visible (row, self));
    }
}

/**
 * td_lists_page_get_list_row:
 * @self: a #TdListsPage
 * @list_id: a list's id
 *
 * Returns: (transfer none) (nullable): the list's row in the sidebar
 */
GtkWidget *
td_lists_page_get_list_row (TdListsPage *self,
                            const char  *list_id)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lists_box, i);

      if (row == NULL)
        return NULL;
      if (g_strcmp0 (widget_list_id (GTK_WIDGET (row)), list_id) == 0)
        return GTK_WIDGET (row);
    }
}

static void
rebuild_add_to_menu (TdListsPage *self)
{
  guint n = self->lists_model != NULL
            ? g_list_model_get_n_items (G_LIST_MODEL (self->lists_model)) : 0;

  g_menu_remove_all (self->add_to_menu);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdList) list = g_list_model_get_item (G_LIST_MODEL (self->lists_model), i);
      const char *id = td_resource_get_id (TD_RESOURCE (list));
      g_autoptr(GMenuItem) item = NULL;

      if (self->current_list != NULL &&
          g_strcmp0 (id, td_resource_get_id (TD_RESOURCE (self->current_list))) == 0)
        continue;
      if (self->pending_deletes != NULL &&
          g_ptr_array_find_with_equal_func (self->pending_deletes, id, g_str_equal, NULL))
        continue;

      item = g_menu_item_new (td_list_get_name (list), NULL);
      g_menu_item_set_action_and_target_value (item, "lists.add-selected-to",
                                               g_variant_new_string (id));
      g_menu_append_item (self->add_to_menu, item);
    }
}

static void
lists_items_changed_cb (GListModel  *model,
                        guint        position,
                        guint        removed,
                        guint        added,
                        TdListsPage *self)
{
  rebuild_add_to_menu (self);

  /* Keep the list on show if it is still there; else show the first. */
  if (self->current_list != NULL)
    {
      const char *id = td_resource_get_id (TD_RESOURCE (self->current_list));
      GtkWidget *row = td_lists_page_get_list_row (self, id);

      if (row != NULL)
        {
          if (gtk_list_box_get_selected_row (self->lists_box) != GTK_LIST_BOX_ROW (row))
            gtk_list_box_select_row (self->lists_box, GTK_LIST_BOX_ROW (row));
          return;
        }

      /* A reload empties the model before it fills it again, and an
       * update may replace the row: wait while the list is still there. */
      if (g_list_model_get_n_items (model) == 0 ||
          td_paged_model_get_loading (self->lists_model) ||
          td_paged_model_find (self->lists_model, id, NULL) != NULL)
        return;
    }

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->lists_box, i);

      if (row == NULL)
        break;
      if (list_row_visible (row, self))
        {
          gtk_list_box_select_row (self->lists_box, row);
          return;
        }
    }

  select_list (self, NULL);
}

static void
row_selected_cb (GtkListBox    *box,
                 GtkListBoxRow *row,
                 TdListsPage   *self)
{
  TdList *list = row != NULL ? g_object_get_data (G_OBJECT (row), "td-list") : NULL;

  if (list != NULL)
    select_list (self, list);
}

/* The members table */

static void
update_member_count (TdListsPage *self)
{
  g_autofree char *text = NULL;

  if (self->current_list == NULL)
    {
      gtk_label_set_label (self->list_title_label, "");
      gtk_label_set_label (self->member_count_label, "");
      return;
    }

  gtk_label_set_label (self->list_title_label, td_list_get_name (self->current_list));
  text = people_count ((guint) MAX (td_list_get_subscriber_count (self->current_list), 0));
  gtk_label_set_label (self->member_count_label, text);
}

static void
update_content (TdListsPage *self)
{
  const char *search;
  guint n;

  if (self->current_list == NULL || self->members_model == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->members_model));
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (n > 0)
    gtk_stack_set_visible_child_name (self->content_stack, "members");
  else if (td_paged_model_get_error (self->members_model) != NULL)
    {
      adw_status_page_set_description (self->members_error_page,
                                       td_paged_model_get_error (self->members_model)->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else if (!td_paged_model_get_loading (self->members_model))
    {
      if (search != NULL && *search != '\0')
        {
          adw_status_page_set_title (self->members_empty_page, _("No Results"));
          adw_status_page_set_description (self->members_empty_page,
                                           _("No member of this list matches the search."));
        }
      else
        {
          adw_status_page_set_title (self->members_empty_page, _("No Members"));
          adw_status_page_set_description (self->members_empty_page,
                                           _("Drag people onto this list, or import a CSV file."));
        }
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
}

static void
members_changed_cb (TdListsPage *self)
{
  update_content (self);
  update_actions (self);
}

static char *
members_path (TdListsPage *self)
{
  g_autofree char *id = NULL;
  const char *search;

  if (self->current_list == NULL)
    return NULL;

  id = escape (td_resource_get_id (TD_RESOURCE (self->current_list)));
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (search != NULL && *search != '\0')
    {
      g_autofree char *q = escape (search);

      return g_strdup_printf ("/v1/subscribers?list_id=%s&q=%s", id, q);
    }

  return g_strdup_printf ("/v1/lists/%s/members", id);
}

static void
current_list_notify_cb (TdListsPage *self)
{
  update_member_count (self);
}

static void
select_list (TdListsPage *self,
             TdList      *list)
{
  g_autofree char *path = NULL;
  gboolean same_list;

  if (self->current_list == list)
    return;

  /* A reload of the lists brings new objects for the same lists. */
  same_list = list != NULL && self->current_list != NULL &&
              g_strcmp0 (td_resource_get_id (TD_RESOURCE (list)),
                         td_resource_get_id (TD_RESOURCE (self->current_list))) == 0;

  if (self->current_list != NULL)
    g_signal_handlers_disconnect_by_data (self->current_list, self);
  g_set_object (&self->current_list, list);
  if (list != NULL)
    g_signal_connect_object (list, "notify", G_CALLBACK (current_list_notify_cb),
                             self, G_CONNECT_SWAPPED);

  update_member_count (self);
  rebuild_add_to_menu (self);

  if (same_list)
    return;

  path = members_path (self);
  if (path != NULL && self->members_model != NULL)
    td_paged_model_set_path (self->members_model, path);
  else if (path != NULL && self->client != NULL)
    {
      self->members_model = td_paged_model_new (self->client, TD_TYPE_SUBSCRIBER, path);
      g_signal_connect_object (self->members_model, "items-changed",
                               G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->members_model, "notify::loading",
                               G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->members_model, "notify::error",
                               G_CALLBACK (members_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_multi_selection_set_model (self->members_selection,
                                     G_LIST_MODEL (self->members_model));
    }

  update_content (self);
  update_actions (self);
}

static gboolean
search_timeout_cb (gpointer user_data)
{
  TdListsPage *self = TD_LISTS_PAGE (user_data);
  g_autofree char *path = members_path (self);

  self->search_timeout_id = 0;

  if (path != NULL && self->members_model != NULL)
    td_paged_model_set_path (self->members_model, path);

  return G_SOURCE_REMOVE;
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   TdListsPage    *self)
{
  /* GtkSearchEntry waits a moment already; run the search right away. */
  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  self->search_timeout_id = g_idle_add (search_timeout_cb, self);
}

static TdSubscriber *
item_at_widget (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "td-list-item");

      if (list_item != NULL)
        {
          gpointer item = gtk_list_item_get_item (list_item);

          return TD_IS_SUBSCRIBER (item) ? item : NULL;
        }
    }

  return NULL;
}

static GPtrArray *
selected_members (TdListsPage *self)
{
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->members_model == NULL)
    return people;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->members_selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      gpointer item = g_list_model_get_item (G_LIST_MODEL (self->members_selection), position);

      if (item != NULL)
        g_ptr_array_add (people, item);
    }

  return people;
}

static GPtrArray *
members_drag_cb (GtkWidget *widget,
                 double     x,
                 double     y,
                 gpointer   user_data)
{
  TdListsPage *self = TD_LISTS_PAGE (user_data);
  GtkWidget *picked = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);
  TdSubscriber *under = item_at_widget (picked);
  g_autoptr(GPtrArray) selected = NULL;
  GPtrArray *one;

  if (under == NULL)
    return NULL;

  /* A drag on a selected row carries the whole selection; on another
   * row, that row alone. */
  selected = selected_members (self);
  if (g_ptr_array_find (selected, under, NULL))
    return g_steal_pointer (&selected);

  one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, g_object_ref (under));

  return one;
}

static void
members_drag_begin_cb (GtkDragSource *source,
                       GdkDrag       *drag,
                       TdListsPage   *self)
{
  g_set_weak_pointer (&self->own_drag, drag);
}

static void
members_drag_end_cb (GtkDragSource *source,
                     GdkDrag       *drag,
                     gboolean       delete_data,
                     TdListsPage   *self)
{
  g_clear_weak_pointer (&self->own_drag);
  stop_autoscroll (self);
  td_lists_page_end_drop_preview (self);
}

typedef enum
{
  COLUMN_NAME,
  COLUMN_PHONE,
  COLUMN_STATUS,
  COLUMN_LAST_SEEN,
} MemberColumn;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (label), "td-list-item", list_item);
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  MemberColumn column = GPOINTER_TO_INT (user_data);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  TdSubscriber *subscriber = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  /* Cells are reused: undo what a row without a name did. */
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (!TD_IS_SUBSCRIBER (subscriber))
    {
      gtk_label_set_label (label, "");
      return;
    }

  switch (column)
    {
    case COLUMN_NAME:
      text = td_subscriber_dup_display_name (subscriber);
      /* Without a name, a dim dash: the Phone column has the number. */
      if (text == NULL || *text == '\0' ||
          g_strcmp0 (text, td_subscriber_get_phone (subscriber)) == 0)
        {
          g_free (text);
          /* TRANSLATORS: the Name of a subscriber who has none */
          text = g_strdup (C_("subscriber name", "—"));
          gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, _("No name"),
                                          -1);
        }
      break;
    case COLUMN_PHONE:
      text = td_subscriber_get_phone (subscriber) != NULL
             ? td_phone_format (td_subscriber_get_phone (subscriber)) : NULL;
      break;
    case COLUMN_STATUS:
      text = g_strdup (td_subscriber_is_opted_out (subscriber) ? _("Opted out") : _("Active"));
      break;
    case COLUMN_LAST_SEEN:
      {
        GDateTime *seen = td_subscriber_get_last_seen_at (subscriber);

        if (seen != NULL)
          {
            g_autoptr(GDateTime) local = g_date_time_to_local (seen);

            /* TRANSLATORS: a date, see g_date_time_format() */
            text = g_date_time_format (local, _("%b %-d, %Y"));
          }
        else
          text = g_strdup (_("Never"));
      }
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_label (label, text != NULL ? text : "");
}

static void
add_member_column (TdListsPage  *self,
                   const char   *title,
                   MemberColumn  column,
                   gboolean      expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (column));

  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->members_view, view_column);
  g_object_unref (view_column);
}

static void
selection_changed_cb (TdListsPage *self)
{
  update_actions (self);
}

/* Actions */

static void
update_actions (TdListsPage *self)
{
  gboolean has_list = self->current_list != NULL;
  gboolean has_selection = FALSE;

  if (self->members_model != NULL && has_list)
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->members_selection));

      has_selection = !gtk_bitset_is_empty (selected);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.new", self->client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.rename", has_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.delete", has_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.import", has_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.export", has_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.reload", has_list);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.remove-selected", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.add-selected-to", has_selection);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_to_button), has_selection);
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);
  g_autoptr(GPtrArray) people = selected_members (self);
  g_autoptr(TdSubscriberSelection) selection = NULL;

  if (self->current_list == NULL || people->len == 0)
    return;

  selection = td_subscriber_selection_new_from_objects (people);
  start_change (self, td_resource_get_id (TD_RESOURCE (self->current_list)),
                td_list_get_name (self->current_list), selection, TRUE, FALSE);
}

static void
add_selected_to_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);
  g_autoptr(GPtrArray) people = selected_members (self);
  g_autoptr(TdSubscriberSelection) selection = NULL;
  const char *list_id = g_variant_get_string (parameter, NULL);
  TdList *list = find_list (self, list_id);

  if (list == NULL || people->len == 0)
    return;

  selection = td_subscriber_selection_new_from_objects (people);
  start_change (self, list_id, td_list_get_name (list), selection, FALSE, FALSE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);

  if (self->members_model != NULL)
    td_paged_model_reload (self->members_model);
  if (self->lists_model != NULL)
    td_paged_model_reload (self->lists_model);
}

/* New and rename: one dialog with an entry. Create (the button or Enter)
 * sends one request and keeps the dialog open, insensitive, until the
 * platform answers: it closes on success and says what went wrong, in
 * place, otherwise. A name another list has is refused before any request. */

typedef struct
{
  TdListsPage      *self;
  AdwMessageDialog *dialog;     /* weak */
  char             *list_id;    /* NULL: a new list */
  GtkEditable      *entry;
  GtkLabel         *error_label;
  gboolean          busy;       /* the request is running */
  gboolean          hold_open;  /* refuse the close that follows a response */
} NameDialogData;

static void
name_dialog_data_free (gpointer data)
{
  NameDialogData *name_data = data;

  g_object_unref (name_data->self);
  g_clear_weak_pointer (&name_data->dialog);
  g_free (name_data->list_id);
  g_free (name_data);
}

static void
name_dialog_show_error (NameDialogData *data,
                        const char     *message)
{
  gtk_label_set_text (data->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (data->error_label), message != NULL);
}

static void
name_dialog_set_busy (NameDialogData *data,
                      gboolean        busy)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (data->entry)));

  /* The entry keeps its focus (making it insensitive would take it away
   * under a key press); only the button waits. */
  data->busy = busy;
  if (data->dialog != NULL)
    adw_message_dialog_set_response_enabled (data->dialog, "save",
                                             !busy && *name != '\0');
}

/* The list, other than @except_id, that is called @name once both are
 * trimmed and case is ignored. */
static TdList *
find_list_named (TdListsPage *self,
                 const char  *name,
                 const char  *except_id)
{
  g_autofree char *wanted = NULL;
  guint n;

  if (self->lists_model == NULL)
    return NULL;

  wanted = g_utf8_casefold (name, -1);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->lists_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdList) list = g_list_model_get_item (G_LIST_MODEL (self->lists_model), i);
      const char *id = td_resource_get_id (TD_RESOURCE (list));
      g_autofree char *trimmed = NULL;
      g_autofree char *folded = NULL;

      if (g_strcmp0 (id, except_id) == 0 || td_list_get_name (list) == NULL)
        continue;
      if (g_ptr_array_find_with_equal_func (self->pending_deletes, id, g_str_equal, NULL))
        continue;

      trimmed = g_strstrip (g_strdup (td_list_get_name (list)));
      folded = g_utf8_casefold (trimmed, -1);
      if (g_strcmp0 (folded, wanted) == 0)
        return list;
    }

  return NULL;
}

static gboolean name_dialog_check (NameDialogData *data);

static void
list_saved_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(AdwMessageDialog) dialog = user_data;
  NameDialogData *data = g_object_get_data (G_OBJECT (dialog), "td-name-dialog");
  g_autoptr(TdListsPage) self = g_object_ref (data->self);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (dialog));
  TdResource *list;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  busy_end (self);
  name_dialog_set_busy (data, FALSE);

  if (node == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (open)
        {
          name_dialog_show_error (data, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (data->entry));
        }
      else
        show_error_toast (self, error);
      return;
    }

  if (open)
    gtk_window_destroy (GTK_WINDOW (dialog));

  if (self->lists_model == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  list = td_paged_model_upsert (self->lists_model, json_node_get_object (node), FALSE);
  if (list != NULL)
    {
      GtkWidget *row = td_lists_page_get_list_row (self, td_resource_get_id (list));

      if (row != NULL)
        gtk_list_box_select_row (self->lists_box, GTK_LIST_BOX_ROW (row));
    }
}

static void
name_dialog_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NameDialogData   *data)
{
  TdListsPage *self = data->self;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *name = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->client == NULL)
    return;

  /* Whatever happens now, the dialog stays until it is done. */
  data->hold_open = TRUE;

  if (data->busy)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (data->entry)));
  if (*name == '\0')
    return;

  if (!name_dialog_check (data))
    {
      gtk_widget_grab_focus (GTK_WIDGET (data->entry));
      return;
    }

  /* Renamed to the name it has: nothing to send. */
  if (data->list_id != NULL)
    {
      TdList *list = find_list (self, data->list_id);

      if (list != NULL && g_strcmp0 (td_list_get_name (list), name) == 0)
        {
          data->hold_open = FALSE;
          return;
        }
    }

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  name_dialog_show_error (data, NULL);
  name_dialog_set_busy (data, TRUE);
  busy_begin (self);
  if (data->list_id == NULL)
    {
      g_autofree char *key = g_uuid_string_random ();

      td_client_call_async (self->client, "POST", "/v1/lists", body, NULL, key,
                            self->cancellable, list_saved_cb, g_object_ref (dialog));
    }
  else
    {
      g_autofree char *id = escape (data->list_id);
      g_autofree char *path = g_strdup_printf ("/v1/lists/%s", id);

      td_client_call_async (self->client, "PATCH", path, body, NULL, NULL,
                            self->cancellable, list_saved_cb, g_object_ref (dialog));
    }
}

static gboolean
name_dialog_close_request_cb (AdwMessageDialog *dialog,
                              NameDialogData   *data)
{
  if (data->hold_open)
    {
      data->hold_open = FALSE;
      return TRUE;
    }

  return FALSE;
}

/* A name another list has is refused as it is typed: the message says
 * why, and Create cannot be pressed. */
static gboolean
name_dialog_check (NameDialogData *data)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (data->entry)));
  TdList *same = *name != '\0' ? find_list_named (data->self, name, data->list_id) : NULL;
  g_autofree char *message = NULL;

  if (same == NULL)
    {
      name_dialog_show_error (data, NULL);
      return TRUE;
    }

  message = g_strdup_printf (_("There is already a list called “%s”. "
                               "Choose another name."),
                             td_list_get_name (same));
  name_dialog_show_error (data, message);
  if (data->dialog != NULL)
    adw_message_dialog_set_response_enabled (data->dialog, "save", FALSE);

  return FALSE;
}

static void
name_entry_changed_cb (GtkEditable    *entry,
                       NameDialogData *data)
{
  name_dialog_set_busy (data, data->busy);
  name_dialog_check (data);
}

/* Enter does what the Create button does: the response, then the close
 * that the dialog refuses while the request runs. */
static void
name_entry_activate_cb (GtkEntry       *entry,
                        NameDialogData *data)
{
  AdwMessageDialog *dialog = data->dialog;

  if (dialog == NULL || !adw_message_dialog_get_response_enabled (dialog, "save"))
    return;

  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static AdwMessageDialog *
show_name_dialog (TdListsPage *self,
                  TdList      *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  NameDialogData *data;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *error_label;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                       : NULL,
                                                       list == NULL ? _("New List")
                                                       : _("Rename List"),
                                                       NULL));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", list == NULL ? _("_Create") : _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("List name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("List name"), -1);
  if (list != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), td_list_get_name (list));
  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0.0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  adw_message_dialog_set_extra_child (dialog, box);

  data = g_new0 (NameDialogData, 1);
  data->self = g_object_ref (self);
  g_set_weak_pointer (&data->dialog, dialog);
  data->list_id = list != NULL ? g_strdup (td_resource_get_id (TD_RESOURCE (list))) : NULL;
  data->entry = GTK_EDITABLE (entry);
  data->error_label = GTK_LABEL (error_label);
  g_object_set_data_full (G_OBJECT (dialog), "td-name-dialog", data, name_dialog_data_free);

  g_signal_connect (entry, "changed", G_CALLBACK (name_entry_changed_cb), data);
  g_signal_connect (entry, "activate", G_CALLBACK (name_entry_activate_cb), data);
  g_signal_connect (dialog, "response", G_CALLBACK (name_dialog_response_cb), data);
  g_signal_connect (dialog, "close-request", G_CALLBACK (name_dialog_close_request_cb), data);
  name_entry_changed_cb (GTK_EDITABLE (entry), data);

  g_set_weak_pointer (&self->name_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);

  return dialog;
}

/**
 * td_lists_page_get_name_dialog:
 * @self: a #TdListsPage
 *
 * Returns: (transfer none) (nullable): the New List or Rename List dialog
 *   last opened, while it is there
 */
AdwMessageDialog *
td_lists_page_get_name_dialog (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->name_dialog;
}

static void
new_list_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  show_name_dialog (TD_LISTS_PAGE (widget), NULL);
}

static void
rename_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);

  if (self->current_list != NULL)
    show_name_dialog (self, self->current_list);
}

/* Delete, with Undo: the list is hidden at once and deleted on the
 * platform only when the toast goes away without an Undo. */

typedef struct
{
  TdListsPage *self;      /* a request's: a reference */
  GWeakRef     page;      /* a toast's: the page may go first */
  char        *list_id;
  char        *list_name;
  gboolean     undone;
} DeleteData;

static void
delete_data_free (gpointer data)
{
  DeleteData *delete = data;

  g_clear_object (&delete->self);
  g_weak_ref_clear (&delete->page);
  g_free (delete->list_id);
  g_free (delete->list_name);
  g_free (delete);
}

static void
forget_pending_delete (TdListsPage *self,
                       const char  *list_id)
{
  guint index;

  if (self->pending_deletes != NULL &&
      g_ptr_array_find_with_equal_func (self->pending_deletes, list_id, g_str_equal, &index))
    g_ptr_array_remove_index_fast (self->pending_deletes, index);
}

static void
list_deleted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  DeleteData *delete = user_data;
  TdListsPage *self = delete->self;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  busy_end (self);

  forget_pending_delete (self, delete->list_id);

  if (error != NULL && !g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NOT_FOUND))
    {
      g_autofree char *message = g_strdup_printf (_("Could not delete “%s”: %s"),
                                                  delete->list_name, error->message);

      /* Show it again: it is still there. */
      if (self->lists_model != NULL)
        {
          update_row_visibility (self);
          rebuild_add_to_menu (self);
        }
      if (self->session == NULL || !td_session_handle_error (self->session, error))
        show_toast (self, adw_toast_new (message));
    }
  else if (self->lists_model != NULL)
    td_paged_model_remove_id (self->lists_model, delete->list_id);

  delete_data_free (delete);
}

static void
commit_delete (TdListsPage *self,
               DeleteData  *delete)
{
  g_autofree char *id = escape (delete->list_id);
  g_autofree char *path = g_strdup_printf ("/v1/lists/%s", id);
  DeleteData *copy;

  if (self->client == NULL)
    {
      forget_pending_delete (self, delete->list_id);
      return;
    }

  copy = g_new0 (DeleteData, 1);
  copy->self = g_object_ref (self);
  copy->list_id = g_strdup (delete->list_id);
  copy->list_name = g_strdup (delete->list_name);

  /* Not cancellable: a delete the user did not undo must happen even
   * when the window closes right after. */
  busy_begin (self);
  td_client_call_async (self->client, "DELETE", path, NULL, NULL, NULL, NULL,
                        list_deleted_cb, copy);
}

static void
delete_toast_dismissed_cb (AdwToast   *toast,
                           DeleteData *delete)
{
  g_autoptr(TdListsPage) self = g_weak_ref_get (&delete->page);

  if (self != NULL && !delete->undone)
    commit_delete (self, delete);
}

static void
delete_undo_cb (AdwToast   *toast,
                DeleteData *delete)
{
  g_autoptr(TdListsPage) self = g_weak_ref_get (&delete->page);
  GtkWidget *row;

  delete->undone = TRUE;
  if (self == NULL)
    return;

  forget_pending_delete (self, delete->list_id);
  update_row_visibility (self);
  rebuild_add_to_menu (self);

  row = td_lists_page_get_list_row (self, delete->list_id);
  if (row != NULL)
    gtk_list_box_select_row (self->lists_box, GTK_LIST_BOX_ROW (row));
}

static void
delete_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);
  g_autofree char *title = NULL;
  DeleteData *delete;
  AdwToast *toast;
  const char *id;

  if (self->current_list == NULL)
    return;

  id = td_resource_get_id (TD_RESOURCE (self->current_list));
  delete = g_new0 (DeleteData, 1);
  g_weak_ref_init (&delete->page, self);
  delete->list_id = g_strdup (id);
  delete->list_name = g_strdup (td_list_get_name (self->current_list));

  g_ptr_array_add (self->pending_deletes, g_strdup (id));
  update_row_visibility (self);
  select_list (self, NULL);
  lists_items_changed_cb (G_LIST_MODEL (self->lists_model), 0, 0, 0, self);

  title = g_strdup_printf (_("Deleted “%s”"), delete->list_name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect (toast, "button-clicked", G_CALLBACK (delete_undo_cb), delete);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (delete_toast_dismissed_cb),
                         delete, (GClosureNotify) (void (*) (void)) delete_data_free, 0);

  show_toast (self, toast);
}

/* Import and export */

static void
import_finished_cb (TdCsvImportDialog *dialog,
                    TdListsPage       *self)
{
  const char *list_id = g_object_get_data (G_OBJECT (dialog), "td-list-id");

  refresh_list (self, list_id);
  if (self->current_list != NULL && self->members_model != NULL &&
      g_strcmp0 (td_resource_get_id (TD_RESOURCE (self->current_list)), list_id) == 0)
    td_paged_model_reload (self->members_model);
}

/**
 * td_lists_page_import_file:
 * @self: a #TdListsPage
 * @file: a CSV file
 * @list_id: the list to import it into
 *
 * Opens the import dialog on @file, as a drop of it on the list does.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
TdCsvImportDialog *
td_lists_page_import_file (TdListsPage *self,
                           GFile       *file,
                           const char  *list_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TdList *list = find_list (self, list_id);
  TdCsvImportDialog *dialog;

  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (list == NULL || self->client == NULL)
    return NULL;

  dialog = td_csv_import_dialog_new (self->client, file, list_id,
                                     td_list_get_name (list),
                                     G_LIST_MODEL (self->fields));
  g_object_set_data_full (G_OBJECT (dialog), "td-list-id", g_strdup (list_id), g_free);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            TdListsPage     *self)
{
  const char *list_id = g_object_get_data (G_OBJECT (chooser), "td-list-id");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        td_lists_page_import_file (self, file, list_id);
    }

  g_object_unref (chooser);
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");

  return filter;
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;

  if (self->current_list == NULL)
    return;

  title = g_strdup_printf (_("Import People into “%s”"), td_list_get_name (self->current_list));
  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_set_data_full (G_OBJECT (chooser), "td-list-id",
                          g_strdup (td_resource_get_id (TD_RESOURCE (self->current_list))),
                          g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdListsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint n_rows = 0;

  busy_end (self);

  if (!td_csv_export_list_finish (result, &n_rows, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Could not export the list: %s"),
                                                      error->message);

          if (self->session == NULL || !td_session_handle_error (self->session, error))
            show_toast (self, adw_toast_new (message));
        }
      return;
    }

  title = g_strdup_printf (ngettext ("Exported %u person", "Exported %u people", n_rows), n_rows);
  show_toast (self, adw_toast_new (title));
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            TdListsPage     *self)
{
  const char *list_id = g_object_get_data (G_OBJECT (chooser), "td-list-id");

  if (response == GTK_RESPONSE_ACCEPT && self->client != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          busy_begin (self);
          td_csv_export_list_async (self->client, list_id, G_LIST_MODEL (self->fields),
                                    file, self->cancellable, export_done_cb,
                                    g_object_ref (self));
        }
    }

  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdListsPage *self = TD_LISTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->current_list == NULL)
    return;

  title = g_strdup_printf (_("Export “%s”"), td_list_get_name (self->current_list));
  chooser = gtk_file_chooser_native_new (title,
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.csv", td_list_get_name (self->current_list));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "td-list-id",
                          g_strdup (td_resource_get_id (TD_RESOURCE (self->current_list))),
                          g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Session */

static void
fields_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TdListsPage) self = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *data = NULL;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  busy_end (self);

  if (node == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not load the metadata fields: %s", error->message);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "data") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "data")))
    data = json_object_get_array_member (json_node_get_object (node), "data");

  g_list_store_remove_all (self->fields);
  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *element = json_array_get_element (data, i);
      g_autoptr(TdResource) field = NULL;
      g_autoptr(GError) field_error = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      field = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_FIELD, json_node_get_object (element),
                                         &field_error);
      if (field == NULL)
        {
          g_debug ("Skipped a metadata field: %s", field_error->message);
          continue;
        }
      g_list_store_append (self->fields, field);
    }
}

static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          TdListsPage   *self)
{
  if (self->lists_model == NULL || object == NULL)
    return;

  if (g_strcmp0 (type, "list.updated") == 0)
    td_paged_model_upsert (self->lists_model, object, FALSE);
}

static void
event_reset_cb (TdEventStream *stream,
                TdListsPage   *self)
{
  if (self->lists_model != NULL)
    td_paged_model_reload (self->lists_model);
  if (self->members_model != NULL)
    td_paged_model_reload (self->members_model);
}

static void
clear_session (TdListsPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL && td_session_get_event_stream (self->session) != NULL)
    g_signal_handlers_disconnect_by_data (td_session_get_event_stream (self->session), self);

  gtk_list_box_bind_model (self->lists_box, NULL, NULL, NULL, NULL);
  if (self->lists_model != NULL)
    g_signal_handlers_disconnect_by_data (self->lists_model, self);
  select_list (self, NULL);
  gtk_multi_selection_set_model (self->members_selection, NULL);
  if (self->members_model != NULL)
    g_signal_handlers_disconnect_by_data (self->members_model, self);
  g_clear_object (&self->members_model);
  g_clear_object (&self->lists_model);
  g_list_store_remove_all (self->fields);
  g_clear_object (&self->client);
  g_clear_object (&self->session);
}

/**
 * td_lists_page_set_session:
 * @self: a #TdListsPage
 * @session: (nullable): the signed-in session, or %NULL after sign-out
 *
 * Shows the lists of @session's account.
 */
void
td_lists_page_set_session (TdListsPage *self,
                           TdSession   *session)
{
  TdEventStream *stream;

  g_return_if_fail (TD_IS_LISTS_PAGE (self));
  g_return_if_fail (session == NULL || TD_IS_SESSION (session));

  if (self->session == session)
    return;

  clear_session (self);

  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->page_stack, "signed-out");
      update_actions (self);
      return;
    }

  self->session = g_object_ref (session);
  self->client = g_object_ref (td_session_get_client (session));
  self->cancellable = g_cancellable_new ();

  self->lists_model = td_paged_model_new (self->client, TD_TYPE_LIST, "/v1/lists");
  td_paged_model_set_page_size (self->lists_model, 200);
  gtk_list_box_bind_model (self->lists_box, G_LIST_MODEL (self->lists_model),
                           create_list_row, self, NULL);
  g_signal_connect_object (self->lists_model, "items-changed",
                           G_CALLBACK (lists_items_changed_cb), self, G_CONNECT_AFTER);

  busy_begin (self);
  td_client_call_async (self->client, "GET", "/v1/fields?limit=200", NULL, NULL, NULL,
                        self->cancellable, fields_loaded_cb, g_object_ref (self));

  stream = td_session_get_event_stream (session);
  if (stream != NULL)
    {
      g_signal_connect_object (stream, "event", G_CALLBACK (event_cb), self, 0);
      g_signal_connect_object (stream, "reset", G_CALLBACK (event_reset_cb), self, 0);
    }

  gtk_stack_set_visible_child_name (self->page_stack, "lists");
  update_content (self);
  update_actions (self);

  /* Lists are few: load them all for the sidebar and the menus. */
  g_list_model_get_n_items (G_LIST_MODEL (self->lists_model));
  td_paged_model_load_more (self->lists_model);
}

/* Test hooks */

TdPagedModel *
td_lists_page_get_lists_model (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->lists_model;
}

TdPagedModel *
td_lists_page_get_members_model (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->members_model;
}

GtkSelectionModel *
td_lists_page_get_members_selection (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->members_selection);
}

gboolean
td_lists_page_select_list (TdListsPage *self,
                           const char  *list_id)
{
  GtkWidget *row;

  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), FALSE);

  row = td_lists_page_get_list_row (self, list_id);
  if (row == NULL)
    return FALSE;

  gtk_list_box_select_row (self->lists_box, GTK_LIST_BOX_ROW (row));

  return TRUE;
}

const char *
td_lists_page_get_selected_list_id (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->current_list != NULL
         ? td_resource_get_id (TD_RESOURCE (self->current_list)) : NULL;
}

GtkWidget *
td_lists_page_get_remove_target (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->remove_target;
}

AdwToast *
td_lists_page_get_last_toast (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), NULL);

  return self->last_toast;
}

guint
td_lists_page_get_n_busy (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), 0);

  return self->n_busy;
}

/**
 * td_lists_page_is_dragging:
 * @self: a #TdListsPage
 *
 * Returns: whether a drag out of the members table is under way
 */
gboolean
td_lists_page_is_dragging (TdListsPage *self)
{
  g_return_val_if_fail (TD_IS_LISTS_PAGE (self), FALSE);

  return self->own_drag != NULL;
}

/* GObject */

static void
td_lists_page_dispose (GObject *object)
{
  TdListsPage *self = TD_LISTS_PAGE (object);

  g_clear_handle_id (&self->search_timeout_id, g_source_remove);
  stop_autoscroll (self);
  clear_session (self);
  g_clear_weak_pointer (&self->name_dialog);
  g_clear_weak_pointer (&self->last_toast);
  g_clear_weak_pointer (&self->own_drag);
  g_clear_weak_pointer (&self->drop_widget);

  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_LISTS_PAGE);

  g_clear_object (&self->members_selection);
  g_clear_object (&self->fields);
  g_clear_object (&self->add_to_menu);
  g_clear_pointer (&self->pending_deletes, g_ptr_array_unref);

  G_OBJECT_CLASS (td_lists_page_parent_class)->dispose (object);
}

static void
td_lists_page_class_init (TdListsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_lists_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-lists-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, lists_box);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, lists_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, members_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, members_view);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, list_title_label);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, member_count_label);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, add_to_button);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, remove_target);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, remove_target_label);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, drop_hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, drop_hint_label);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, members_empty_page);
  gtk_widget_class_bind_template_child (widget_class, TdListsPage, members_error_page);

  gtk_widget_class_install_action (widget_class, "lists.new", NULL, new_list_action);
  gtk_widget_class_install_action (widget_class, "lists.rename", NULL, rename_list_action);
  gtk_widget_class_install_action (widget_class, "lists.delete", NULL, delete_list_action);
  gtk_widget_class_install_action (widget_class, "lists.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "lists.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "lists.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "lists.remove-selected", NULL,
                                   remove_selected_action);
  gtk_widget_class_install_action (widget_class, "lists.add-selected-to", "s",
                                   add_selected_to_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "lists.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0,
                                       "lists.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "lists.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "lists.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "lists.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "lists.export", NULL);
}

static void
td_lists_page_init (TdListsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: AdwBin owns its child, and
   * gtk_widget_dispose_template() would free it under it. */
  self->page_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->fields = g_list_store_new (TD_TYPE_FIELD);
  self->pending_deletes = g_ptr_array_new_with_free_func (g_free);

  self->members_selection = gtk_multi_selection_new (NULL);
  gtk_column_view_set_model (self->members_view, GTK_SELECTION_MODEL (self->members_selection));
  g_signal_connect_object (self->members_selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->members_selection, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  add_member_column (self, _("Name"), COLUMN_NAME, TRUE);
  add_member_column (self, _("Phone"), COLUMN_PHONE, FALSE);
  add_member_column (self, _("Status"), COLUMN_STATUS, FALSE);
  add_member_column (self, _("Last Seen"), COLUMN_LAST_SEEN, FALSE);

  self->members_drag_source = td_subscriber_drag_source_attach (GTK_WIDGET (self->members_view),
                                                                members_drag_cb, self);
  g_signal_connect_object (self->members_drag_source, "drag-begin",
                           G_CALLBACK (members_drag_begin_cb), self, 0);
  g_signal_connect_object (self->members_drag_source, "drag-end",
                           G_CALLBACK (members_drag_end_cb), self, 0);

  add_drop_target (self, self->remove_target, FALSE);
  add_drop_target (self, GTK_WIDGET (self->members_scroller), TRUE);
  add_autoscroll (self, self->members_scroller);
  add_autoscroll (self, self->lists_scroller);

  g_signal_connect_object (self->lists_box, "row-selected",
                           G_CALLBACK (row_selected_cb), self, 0);
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, 0);

  self->add_to_menu = g_menu_new ();
  g_menu_append_section (menu, _("Add the Selected People to"), G_MENU_MODEL (self->add_to_menu));
  gtk_menu_button_set_menu_model (self->add_to_button, G_MENU_MODEL (menu));

  update_actions (self);
}
