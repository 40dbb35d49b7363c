/* td-subscriber-profile.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-subscriber-profile"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "td-api-error.h"
#include "td-client.h"
#include "td-event-stream.h"
#include "td-phone.h"
#include "td-stream-util.h"
#include "td-subscriber-drag.h"
#include "td-subscriber-profile.h"

/* How many texts "Recent History" shows. */
#define HISTORY_LIMIT 20

struct _TdSubscriberProfile
{
  AdwBin                parent_instance;

  TdSession            *session;
  gulong                event_handler;
  guint                 changes_in_flight;
  gboolean              keep_edits;   /* a reload for someone else's change */
  JsonObject           *pending_event;
  char                 *subscriber_id;
  TdSubscriber         *subscriber;
  JsonArray            *field_defs;
  JsonArray            *lists;
  JsonArray            *history;
  GError               *load_error;

  /* Loads are cancelled when another subscriber is shown; actions only
   * when the widget goes, so that a save in flight still reaches the
   * platform. */
  GCancellable         *load_cancellable;
  GCancellable         *cancellable;
  guint                 pending_loads;
  guint                 loading : 1;
  guint                 conflict : 1;
  guint                 populating : 1;

  GPtrArray            *consent_rows;
  GPtrArray            *field_rows;
  GPtrArray            *list_rows;
  GPtrArray            *history_rows;
  char                 *focus_field_key;

  GtkStack             *stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkRevealer          *conflict_revealer;
  GtkBox               *header_box;
  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *phone_label;
  GtkLabel             *opted_out_label;
  AdwPreferencesGroup  *consent_group;
  AdwActionRow         *status_row;
  AdwPreferencesGroup  *fields_group;
  GtkMenuButton        *add_field_button;
  AdwPreferencesGroup  *lists_group;
  GtkMenuButton        *add_list_button;
  AdwPreferencesGroup  *history_group;
};

G_DEFINE_FINAL_TYPE (TdSubscriberProfile, td_subscriber_profile, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SUBSCRIBER_ID,
  PROP_SUBSCRIBER,
  PROP_LOADING,
  PROP_CONFLICT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  OP_LOAD_SUBSCRIBER,
  OP_LOAD_FIELDS,
  OP_LOAD_LISTS,
  OP_LOAD_HISTORY,
  OP_SAVE_FIELD,
  OP_ADD_FIELD,
  OP_REMOVE_FIELD,
  OP_RESTORE_FIELD,
  OP_DEFINE_FIELD,
  OP_ADD_TO_LIST,
  OP_REMOVE_FROM_LIST,
  OP_RESTORE_TO_LIST,
} OpKind;

typedef struct
{
  TdSubscriberProfile *self;
  GCancellable        *cancellable;
  OpKind               kind;
  char                *subscriber_id;
  char                *key;        /* a field key or a list id */
  char                *name;       /* its name, for the toast */
  char                *path;       /* for loads that follow pages */
  char                *type;       /* a field type being defined */
  JsonNode            *old_value;  /* what Undo puts back */
  JsonArray           *items;      /* pages gathered so far */
  gboolean             change;     /* a change of ours in flight */
} Op;

static void change_done (TdSubscriberProfile *self);

static void
op_free (Op *op)
{
  if (op->change)
    change_done (op->self);
  g_clear_object (&op->self);
  g_clear_object (&op->cancellable);
  g_free (op->subscriber_id);
  g_free (op->key);
  g_free (op->name);
  g_free (op->path);
  g_free (op->type);
  g_clear_pointer (&op->old_value, json_node_unref);
  g_clear_pointer (&op->items, json_array_unref);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static Op *
op_new (TdSubscriberProfile *self,
        GCancellable        *cancellable,
        OpKind               kind)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->cancellable = g_object_ref (cancellable);
  op->kind = kind;
  op->subscriber_id = g_strdup (self->subscriber_id);

  /* Its live event must not make a change of ours look like another's. */
  if (cancellable == self->cancellable)
    {
      op->change = TRUE;
      self->changes_in_flight++;
    }

  return op;
}

/* An answer that came after the user moved on, or after the widget went,
 * changes nothing on screen. */
static gboolean
op_is_stale (Op     *op,
             GError *error)
{
  if (g_cancellable_is_cancelled (op->cancellable))
    return TRUE;
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;

  return g_strcmp0 (op->subscriber_id, op->self->subscriber_id) != 0;
}

static TdClient *
get_client (TdSubscriberProfile *self)
{
  return self->session != NULL ? td_session_get_client (self->session) : NULL;
}

static void
toast (TdSubscriberProfile *self,
       const char          *title)
{
  td_stream_show_toast (GTK_WIDGET (self), td_stream_toast_new (title));
}

static void
set_loading (TdSubscriberProfile *self,
             gboolean             loading)
{
  loading = !!loading;
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_conflict (TdSubscriberProfile *self,
              gboolean             conflict)
{
  conflict = !!conflict;
  if (self->conflict == conflict)
    return;

  self->conflict = conflict;
  gtk_revealer_set_reveal_child (self->conflict_revealer, conflict);
  gtk_widget_set_visible (GTK_WIDGET (self->conflict_revealer), conflict);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFLICT]);
}

/* Field definitions and lists */

static JsonObject *
find_by_member (JsonArray  *array,
                const char *member,
                const char *value)
{
  if (array == NULL || value == NULL)
    return NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      object = json_node_get_object (node);
      if (g_strcmp0 (td_stream_json_string (object, member), value) == 0)
        return object;
    }

  return NULL;
}

static const char *
field_name (TdSubscriberProfile *self,
            const char          *key)
{
  JsonObject *def = find_by_member (self->field_defs, "key", key);
  const char *name = td_stream_json_string (def, "name");

  return name != NULL ? name : key;
}

static const char *
field_type (TdSubscriberProfile *self,
            const char          *key)
{
  JsonObject *def = find_by_member (self->field_defs, "key", key);
  const char *type = td_stream_json_string (def, "type");

  return type != NULL ? type : "text";
}

static const char *
list_name (TdSubscriberProfile *self,
           const char          *list_id)
{
  JsonObject *list = find_by_member (self->lists, "id", list_id);
  const char *name = td_stream_json_string (list, "name");

  return name != NULL ? name : _("A deleted list");
}

static gboolean
is_member (TdSubscriberProfile *self,
           const char          *list_id)
{
  const char * const *list_ids;

  if (self->subscriber == NULL)
    return FALSE;

  list_ids = td_subscriber_get_list_ids (self->subscriber);

  return list_ids != NULL && g_strv_contains (list_ids, list_id);
}

/* Saving */

static void patch_fields (TdSubscriberProfile *self,
                          OpKind               kind,
                          const char          *key,
                          JsonNode            *value,
                          JsonNode            *old_value);

static void change_membership (TdSubscriberProfile *self,
                               OpKind               kind,
                               const char          *list_id);

static void rebuild (TdSubscriberProfile *self);

static void
undo_remove_field_cb (AdwToast *toast_,
                      Op       *op)
{
  if (g_strcmp0 (op->subscriber_id, op->self->subscriber_id) != 0 ||
      op->self->subscriber == NULL)
    return;

  patch_fields (op->self, OP_RESTORE_FIELD, op->key, op->old_value, NULL);
}

static void
undo_remove_from_list_cb (AdwToast *toast_,
                          Op       *op)
{
  if (g_strcmp0 (op->subscriber_id, op->self->subscriber_id) != 0)
    return;

  change_membership (op->self, OP_RESTORE_TO_LIST, op->key);
}

static void
show_undo_toast (TdSubscriberProfile *self,
                 const char          *title,
                 Op                  *op,
                 GCallback            undo)
{
  AdwToast *t = td_stream_toast_new (title);
  Op *copy = op_new (self, self->cancellable, op->kind);

  copy->key = g_strdup (op->key);
  copy->name = g_strdup (op->name);
  g_free (copy->subscriber_id);
  copy->subscriber_id = g_strdup (op->subscriber_id);
  if (op->old_value != NULL)
    copy->old_value = json_node_copy (op->old_value);

  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (t, "button-clicked", undo, copy,
                         (GClosureNotify) (void (*) (void)) op_free, 0);

  td_stream_show_toast (GTK_WIDGET (self), t);
}

static void
patch_fields_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  TdSubscriberProfile *self = op->self;
  g_autoptr(TdResource) updated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  updated = td_client_patch_object_finish (TD_CLIENT (object), result, &error);

  if (op_is_stale (op, error))
    return;

  if (error != NULL)
    {
      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_PRECONDITION_FAILED))
        {
          /* Never overwrite someone else's change: say so, and let the
           * user look at theirs first. What the user typed stays. */
          set_conflict (self, TRUE);
          toast (self, _("Not saved: someone else changed this profile"));
        }
      else
        {
          toast (self, error->message);
        }
      return;
    }

  switch (op->kind)
    {
    case OP_SAVE_FIELD:
      title = g_strdup_printf (_("“%s” saved"), op->name);
      toast (self, title);
      break;

    case OP_ADD_FIELD:
      title = g_strdup_printf (_("Field “%s” added"), op->name);
      g_free (self->focus_field_key);
      self->focus_field_key = g_strdup (op->key);
      rebuild (self);
      toast (self, title);
      break;

    case OP_REMOVE_FIELD:
      title = g_strdup_printf (_("Field “%s” removed"), op->name);
      rebuild (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_field_button));
      show_undo_toast (self, title, op, G_CALLBACK (undo_remove_field_cb));
      break;

    case OP_RESTORE_FIELD:
      title = g_strdup_printf (_("Field “%s” restored"), op->name);
      rebuild (self);
      toast (self, title);
      break;

    case OP_LOAD_SUBSCRIBER:
    case OP_LOAD_FIELDS:
    case OP_LOAD_LISTS:
    case OP_LOAD_HISTORY:
    case OP_DEFINE_FIELD:
    case OP_ADD_TO_LIST:
    case OP_REMOVE_FROM_LIST:
    case OP_RESTORE_TO_LIST:
    default:
      g_assert_not_reached ();
    }
}

/* Sends {"fields": {key: value}} with If-Match: a null value removes the
 * field. The subscriber object is updated in place on success. */
static void
patch_fields (TdSubscriberProfile *self,
              OpKind               kind,
              const char          *key,
              JsonNode            *value,
              JsonNode            *old_value)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  JsonObject *fields = json_object_new ();
  TdClient *client = get_client (self);
  Op *op;

  if (client == NULL || self->subscriber == NULL)
    return;

  json_object_set_member (fields, key,
                          value != NULL ? json_node_copy (value)
                                        : json_node_new (JSON_NODE_NULL));
  json_object_set_object_member (changes, "fields", fields);

  op = op_new (self, self->cancellable, kind);
  op->key = g_strdup (key);
  op->name = g_strdup (field_name (self, key));
  if (old_value != NULL)
    op->old_value = json_node_copy (old_value);

  td_client_patch_object_async (client, TD_RESOURCE (self->subscriber), changes,
                                self->cancellable, patch_fields_cb, op);
}

static void
save_field_value (TdSubscriberProfile *self,
                  const char          *key,
                  JsonNode            *value)
{
  patch_fields (self, OP_SAVE_FIELD, key, value, NULL);
}

static JsonNode *
parse_field_text (const char  *type,
                  const char  *text,
                  char       **message)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (g_strcmp0 (type, "number") == 0)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      char *end = NULL;
      double d;
      gint64 i;

      i = g_ascii_strtoll (trimmed, &end, 10);
      if (*trimmed != '\0' && end != NULL && *end == '\0')
        {
          json_node_set_int (node, i);
          return node;
        }

      d = g_ascii_strtod (trimmed, &end);
      if (*trimmed != '\0' && end != NULL && *end == '\0')
        {
          json_node_set_double (node, d);
          return node;
        }

      *message = g_strdup_printf (_("“%s” is not a number"), text);
      json_node_unref (node);
      return NULL;
    }

  if (g_strcmp0 (type, "date") == 0)
    {
      int y = 0, m = 0, d = 0;
      char extra;

      if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3 ||
          !g_date_valid_dmy (d, m, y))
        {
          *message = g_strdup_printf (_("“%s” is not a date like 2026-12-31"), text);
          json_node_unref (node);
          return NULL;
        }

      json_node_set_string (node, text);
      return node;
    }

  json_node_set_string (node, text);
  return node;
}

static void
entry_row_apply_cb (AdwEntryRow         *row,
                    TdSubscriberProfile *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "td-field-key");
  const char *type = g_object_get_data (G_OBJECT (row), "td-field-type");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) value = NULL;

  value = parse_field_text (type, text, &message);
  if (value == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      toast (self, message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  save_field_value (self, key, value);
}

static void
switch_active_cb (GtkSwitch           *sw,
                  GParamSpec          *pspec,
                  TdSubscriberProfile *self)
{
  const char *key = g_object_get_data (G_OBJECT (sw), "td-field-key");
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);

  if (self->populating)
    return;

  json_node_set_boolean (value, gtk_switch_get_active (sw));
  save_field_value (self, key, value);
}

static void
remove_field_clicked_cb (GtkButton           *button,
                         TdSubscriberProfile *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "td-field-key");
  JsonObject *fields;
  JsonNode *old_value;

  if (self->subscriber == NULL)
    return;

  fields = td_subscriber_get_fields (self->subscriber);
  old_value = fields != NULL ? json_object_get_member (fields, key) : NULL;

  patch_fields (self, OP_REMOVE_FIELD, key, NULL, old_value);
}

/* Lists */

static void
membership_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  TdSubscriberProfile *self = op->self;
  g_autoptr(TdMembersResult) members = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  members = td_client_list_members_change_finish (TD_CLIENT (object), result, &error);

  if (op_is_stale (op, error))
    return;

  if (error == NULL && members->failed != NULL && members->failed->len > 0)
    {
      g_set_error (&error, TD_API_ERROR, TD_API_ERROR_INVALID,
                   _("The platform did not change the membership in “%s”"),
                   op->name);
    }

  if (error != NULL)
    {
      toast (self, error->message);
      return;
    }

  switch (op->kind)
    {
    case OP_ADD_TO_LIST:
      title = g_strdup_printf (_("Added to “%s”"), op->name);
      toast (self, title);
      break;

    case OP_REMOVE_FROM_LIST:
      title = g_strdup_printf (_("Removed from “%s”"), op->name);
      gtk_widget_grab_focus (GTK_WIDGET (self->add_list_button));
      show_undo_toast (self, title, op, G_CALLBACK (undo_remove_from_list_cb));
      break;

    case OP_RESTORE_TO_LIST:
      title = g_strdup_printf (_("Back on “%s”"), op->name);
      toast (self, title);
      break;

    case OP_LOAD_SUBSCRIBER:
    case OP_LOAD_FIELDS:
    case OP_LOAD_LISTS:
    case OP_LOAD_HISTORY:
    case OP_SAVE_FIELD:
    case OP_ADD_FIELD:
    case OP_REMOVE_FIELD:
    case OP_RESTORE_FIELD:
    case OP_DEFINE_FIELD:
    default:
      g_assert_not_reached ();
    }

  /* Memberships, consents and the ETag changed on the platform. */
  td_subscriber_profile_reload (self);
}

static void
change_membership (TdSubscriberProfile *self,
                   OpKind               kind,
                   const char          *list_id)
{
  TdClient *client = get_client (self);
  const char *ids[] = { self->subscriber_id, NULL };
  Op *op;

  if (client == NULL || self->subscriber_id == NULL)
    return;

  op = op_new (self, self->cancellable, kind);
  op->key = g_strdup (list_id);
  op->name = g_strdup (list_name (self, list_id));

  td_client_list_members_change_async (client, list_id, ids,
                                       kind == OP_REMOVE_FROM_LIST,
                                       self->cancellable, membership_cb, op);
}

static void
remove_from_list_clicked_cb (GtkButton           *button,
                             TdSubscriberProfile *self)
{
  const char *list_id = g_object_get_data (G_OBJECT (button), "td-list-id");

  change_membership (self, OP_REMOVE_FROM_LIST, list_id);
}

/* Building the rows */

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));

  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);

  return row;
}

static GtkWidget *
plain_row (const char *title,
           const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = plain_row (text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static GtkWidget *
remove_button_new (const char *tooltip,
                   const char *accessible_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);

  return button;
}

static char *
value_to_text (JsonNode *value)
{
  GType type;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (value))
    return json_to_string (value, FALSE);

  type = json_node_get_value_type (value);
  if (type == G_TYPE_STRING)
    return g_strdup (json_node_get_string (value));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  if (type == G_TYPE_DOUBLE)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (value)));
    }
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));

  return g_strdup ("");
}

static GtkWidget *
field_row_new (TdSubscriberProfile *self,
               const char          *key,
               JsonNode            *value)
{
  const char *type = field_type (self, key);
  const char *name = field_name (self, key);
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), name);
  GtkWidget *remove = remove_button_new (_("Remove Field"), remove_name);
  GtkWidget *row;

  g_object_set_data_full (G_OBJECT (remove), "td-field-key", g_strdup (key), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_field_clicked_cb), self);

  if (g_strcmp0 (type, "boolean") == 0)
    {
      GtkWidget *sw = gtk_switch_new ();

      row = plain_row (name, NULL);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw),
                             value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
                             json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
                             json_node_get_boolean (value));
      g_object_set_data_full (G_OBJECT (sw), "td-field-key", g_strdup (key), g_free);
      g_signal_connect (sw, "notify::active", G_CALLBACK (switch_active_cb), self);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
    }
  else
    {
      g_autofree char *text = value_to_text (value);

      row = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      g_object_set_data_full (G_OBJECT (row), "td-field-text", g_strdup (text), g_free);
      if (g_strcmp0 (type, "number") == 0)
        adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      g_signal_connect (row, "apply", G_CALLBACK (entry_row_apply_cb), self);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
    }

  g_object_set_data_full (G_OBJECT (row), "td-field-key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (row), "td-field-type", g_strdup (type), g_free);

  if (g_strcmp0 (type, "date") == 0)
    gtk_widget_set_tooltip_text (row, _("A date such as 2026-12-31"));

  return row;
}

static void
rebuild_fields (TdSubscriberProfile *self)
{
  JsonObject *fields = td_subscriber_get_fields (self->subscriber);
  g_autoptr(GList) members = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) defs_section = g_menu_new ();
  g_autoptr(GMenu) define_section = g_menu_new ();
  GtkWidget *focus_row = NULL;
  g_autoptr(GHashTable) edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  guint shown = 0;

  /* A change from elsewhere must not clobber a value being typed: text
   * that differs from what the row was built with stays, and so does the
   * focus. A reload the person asked for shows the platform's values. */
  for (guint i = 0; self->keep_edits && i < self->field_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->field_rows, i);
      const char *key = g_object_get_data (G_OBJECT (row), "td-field-key");
      const char *built = g_object_get_data (G_OBJECT (row), "td-field-text");

      if (key == NULL || !ADW_IS_ENTRY_ROW (row))
        continue;

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), built) != 0)
        g_hash_table_insert (edits, g_strdup (key),
                             g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (self->focus_field_key == NULL && focus != NULL &&
          (focus == row || gtk_widget_is_ancestor (focus, row)))
        self->focus_field_key = g_strdup (key);
    }

  clear_rows (self->fields_group, self->field_rows);

  /* In the order of the account's definitions, then any key that has no
   * definition (the platform may hold fields from an import). */
  for (guint i = 0; self->field_defs != NULL && i < json_array_get_length (self->field_defs); i++)
    {
      JsonObject *def = json_array_get_object_element (self->field_defs, i);
      const char *key = td_stream_json_string (def, "key");

      if (key == NULL)
        continue;

      if (fields != NULL && json_object_has_member (fields, key) &&
          !JSON_NODE_HOLDS_NULL (json_object_get_member (fields, key)))
        {
          GtkWidget *row = field_row_new (self, key, json_object_get_member (fields, key));
          const char *edit = g_hash_table_lookup (edits, key);

          if (edit != NULL && ADW_IS_ENTRY_ROW (row))
            gtk_editable_set_text (GTK_EDITABLE (row), edit);
          add_row (self->fields_group, self->field_rows, row);
          if (g_strcmp0 (key, self->focus_field_key) == 0)
            focus_row = row;
          shown++;
        }
      else
        {
          g_autoptr(GMenuItem) item = NULL;

          item = g_menu_item_new (td_stream_json_string (def, "name"), NULL);
          g_menu_item_set_action_and_target_value (item, "profile.add-field",
                                                   g_variant_new_string (key));
          g_menu_append_item (defs_section, item);
        }
    }

  if (fields != NULL)
    members = json_object_get_members (fields);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (fields, key);

      if (find_by_member (self->field_defs, "key", key) != NULL ||
          JSON_NODE_HOLDS_NULL (value))
        continue;

      add_row (self->fields_group, self->field_rows, field_row_new (self, key, value));
      shown++;
    }

  if (shown == 0)
    add_row (self->fields_group, self->field_rows, placeholder_row (_("No fields yet")));

  g_menu_append (define_section, _("_Define a New Field…"), "profile.define-field");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (defs_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (define_section));
  gtk_menu_button_set_menu_model (self->add_field_button, G_MENU_MODEL (menu));

  if (focus_row != NULL)
    {
      gtk_widget_grab_focus (focus_row);
      if (ADW_IS_ENTRY_ROW (focus_row))
        gtk_editable_set_position (GTK_EDITABLE (focus_row), -1);
    }
  g_clear_pointer (&self->focus_field_key, g_free);
}

static void
rebuild_lists (TdSubscriberProfile *self)
{
  const char * const *list_ids = td_subscriber_get_list_ids (self->subscriber);
  g_autoptr(GMenu) menu = g_menu_new ();
  guint shown = 0;

  clear_rows (self->lists_group, self->list_rows);

  for (guint i = 0; list_ids != NULL && list_ids[i] != NULL; i++)
    {
      const char *name = list_name (self, list_ids[i]);
      g_autofree char *remove_name = g_strdup_printf (_("Remove from %s"), name);
      GtkWidget *row = plain_row (name, NULL);
      GtkWidget *remove = remove_button_new (_("Remove from List"), remove_name);

      g_object_set_data_full (G_OBJECT (remove), "td-list-id", g_strdup (list_ids[i]), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_from_list_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      g_object_set_data_full (G_OBJECT (row), "td-list-id", g_strdup (list_ids[i]), g_free);
      add_row (self->lists_group, self->list_rows, row);
      shown++;
    }

  if (shown == 0)
    add_row (self->lists_group, self->list_rows, placeholder_row (_("Not on any list")));

  for (guint i = 0; self->lists != NULL && i < json_array_get_length (self->lists); i++)
    {
      JsonObject *list = json_array_get_object_element (self->lists, i);
      const char *id = td_stream_json_string (list, "id");
      g_autoptr(GMenuItem) item = NULL;

      if (id == NULL || is_member (self, id))
        continue;

      item = g_menu_item_new (td_stream_json_string (list, "name"), NULL);
      g_menu_item_set_action_and_target_value (item, "profile.add-to-list",
                                               g_variant_new_string (id));
      g_menu_append_item (menu, item);
    }

  gtk_menu_button_set_menu_model (self->add_list_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_list_button),
                            g_menu_model_get_n_items (G_MENU_MODEL (menu)) > 0);
}

static void
rebuild_consents (TdSubscriberProfile *self)
{
  JsonArray *consents = td_subscriber_get_consents (self->subscriber);
  const char *status = td_subscriber_get_status (self->subscriber);
  gboolean opted_out = g_strcmp0 (status, "opted_out") == 0;

  clear_rows (self->consent_group, self->consent_rows);

  if (opted_out)
    {
      g_autofree char *day
        = td_stream_format_date (td_subscriber_get_opted_out_at (self->subscriber));
      g_autofree char *subtitle = NULL;

      if (*day != '\0')
        subtitle = g_strdup_printf (_("Opted out on %s: nothing is sent to them"), day);
      else
        subtitle = g_strdup (_("Opted out: nothing is sent to them"));
      adw_action_row_set_subtitle (self->status_row, subtitle);
    }
  else
    {
      adw_action_row_set_subtitle (self->status_row, _("Subscribed"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->opted_out_label), opted_out);

  for (guint i = 0; consents != NULL && i < json_array_get_length (consents); i++)
    {
      JsonObject *consent = json_array_get_object_element (consents, i);
      g_autofree char *how = NULL;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;

      if (consent == NULL)
        continue;

      how = td_stream_describe_consent (td_stream_json_string (consent, "source"),
                                        td_stream_json_string (consent, "keyword"));
      when = td_stream_format_time_string (td_stream_json_string (consent, "at"));
      subtitle = *when != '\0' ? g_strdup_printf ("%s · %s", how, when) : g_strdup (how);

      add_row (self->consent_group, self->consent_rows,
               plain_row (list_name (self, td_stream_json_string (consent, "list_id")),
                          subtitle));
    }
}

static void
rebuild_history (TdSubscriberProfile *self)
{
  guint n = self->history != NULL ? json_array_get_length (self->history) : 0;

  clear_rows (self->history_group, self->history_rows);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *message = json_array_get_object_element (self->history, i);
      const char *body;
      const char *direction;
      const char *keyword;
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      const char *what;
      GtkWidget *row;

      if (message == NULL)
        continue;

      body = td_stream_json_string (message, "body");
      direction = td_stream_json_string (message, "direction");
      keyword = td_stream_json_string (message, "matched_keyword");
      when = td_stream_format_time_string (td_stream_json_string (message, "created_at"));

      if (g_strcmp0 (direction, "outbound") == 0)
        what = _("Sent");
      else if (keyword != NULL)
        what = keyword;
      else if (json_object_get_boolean_member_with_default (message, "in_stream", FALSE))
        what = _("Stream");
      else
        what = _("Received");

      subtitle = g_strdup_printf ("%s · %s", what, when);
      row = plain_row (body != NULL ? body : "", subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, g_strcmp0 (direction, "outbound") == 0
                                       ? "td-history-outbound" : "td-history-inbound");
      add_row (self->history_group, self->history_rows, row);
    }

  if (n == 0)
    add_row (self->history_group, self->history_rows, placeholder_row (_("No texts yet")));
}

static void
rebuild (TdSubscriberProfile *self)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;

  if (self->subscriber == NULL)
    return;

  self->populating = TRUE;

  name = td_stream_display_name (td_subscriber_get_first_name (self->subscriber),
                                 td_subscriber_get_last_name (self->subscriber),
                                 td_subscriber_get_phone (self->subscriber));
  phone = td_phone_format (td_subscriber_get_phone (self->subscriber));

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->phone_label, phone);
  adw_avatar_set_text (self->avatar, name);

  rebuild_consents (self);
  rebuild_fields (self);
  rebuild_lists (self);
  rebuild_history (self);

  self->populating = FALSE;
}

/* Loading */

static void
load_finished (TdSubscriberProfile *self)
{
  g_assert (self->pending_loads > 0);

  if (--self->pending_loads > 0)
    return;

  set_loading (self, FALSE);

  if (self->load_error != NULL)
    {
      adw_status_page_set_description (self->error_page, self->load_error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  set_conflict (self, FALSE);
  rebuild (self);
  self->keep_edits = FALSE;
  gtk_stack_set_visible_child_name (self->stack, "profile");
}

static void
keep_load_error (TdSubscriberProfile *self,
                 GError             **error)
{
  if (self->load_error == NULL)
    self->load_error = g_steal_pointer (error);
}

static void
subscriber_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  TdSubscriberProfile *self = op->self;
  g_autoptr(TdResource) resource = NULL;
  g_autoptr(GError) error = NULL;

  resource = td_client_get_object_finish (TD_CLIENT (object), result, &error);

  if (op_is_stale (op, error))
    return;

  if (error != NULL)
    keep_load_error (self, &error);
  else if (g_set_object (&self->subscriber, TD_SUBSCRIBER (resource)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIBER]);

  load_finished (self);
}

static void fetch_page (TdSubscriberProfile *self,
                        Op                  *op,
                        const char          *cursor);

static void
page_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  TdSubscriberProfile *self = op->self;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *next_cursor;
  JsonArray *data;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);

  if (op_is_stale (op, error))
    return;

  data = td_stream_json_data (root);
  if (error == NULL && data == NULL)
    g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                         _("The platform sent a page that is not a list"));

  if (error != NULL)
    {
      keep_load_error (self, &error);
      load_finished (self);
      return;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    json_array_add_element (op->items, json_node_copy (json_array_get_element (data, i)));

  /* Definitions and lists are few, so all of them are fetched; history
   * is one page of the newest texts. */
  next_cursor = td_stream_json_string (json_node_get_object (root), "next_cursor");
  if (next_cursor != NULL && op->kind != OP_LOAD_HISTORY)
    {
      fetch_page (self, g_steal_pointer (&op), next_cursor);
      return;
    }

  switch (op->kind)
    {
    case OP_LOAD_FIELDS:
      g_clear_pointer (&self->field_defs, json_array_unref);
      self->field_defs = json_array_ref (op->items);
      break;

    case OP_LOAD_LISTS:
      g_clear_pointer (&self->lists, json_array_unref);
      self->lists = json_array_ref (op->items);
      break;

    case OP_LOAD_HISTORY:
      g_clear_pointer (&self->history, json_array_unref);
      self->history = json_array_ref (op->items);
      break;

    case OP_LOAD_SUBSCRIBER:
    case OP_SAVE_FIELD:
    case OP_ADD_FIELD:
    case OP_REMOVE_FIELD:
    case OP_RESTORE_FIELD:
    case OP_DEFINE_FIELD:
    case OP_ADD_TO_LIST:
    case OP_REMOVE_FROM_LIST:
    case OP_RESTORE_TO_LIST:
    default:
      g_assert_not_reached ();
    }

  load_finished (self);
}

static void
fetch_page (TdSubscriberProfile *self,
            Op                  *op,
            const char          *cursor)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;

  if (cursor != NULL)
    {
      escaped = g_uri_escape_string (cursor, NULL, FALSE);
      path = g_strdup_printf ("%s%scursor=%s", op->path,
                              strchr (op->path, '?') != NULL ? "&" : "?", escaped);
    }
  else
    {
      path = g_strdup (op->path);
    }

  td_client_call_async (get_client (self), "GET", path, NULL, NULL, NULL,
                        op->cancellable, page_loaded_cb, op);
}

static void
start_page_load (TdSubscriberProfile *self,
                 OpKind               kind,
                 char                *path)
{
  Op *op = op_new (self, self->load_cancellable, kind);

  op->path = path;
  op->items = json_array_new ();
  fetch_page (self, op, NULL);
}

static void
load (TdSubscriberProfile *self,
      gboolean             show_spinner)
{
  TdClient *client = get_client (self);
  g_autofree char *path = NULL;
  g_autofree char *escaped_id = NULL;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_error (&self->load_error);
  self->pending_loads = 0;
  self->keep_edits = FALSE;

  if (client == NULL || self->subscriber_id == NULL)
    {
      set_loading (self, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  self->load_cancellable = g_cancellable_new ();
  self->pending_loads = 4;
  set_loading (self, TRUE);
  if (show_spinner)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  escaped_id = g_uri_escape_string (self->subscriber_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/subscribers/%s", escaped_id);
  td_client_get_object_async (client, TD_TYPE_SUBSCRIBER, path,
                              self->load_cancellable, subscriber_loaded_cb,
                              op_new (self, self->load_cancellable, OP_LOAD_SUBSCRIBER));

  start_page_load (self, OP_LOAD_FIELDS, g_strdup ("/v1/fields?limit=200"));
  start_page_load (self, OP_LOAD_LISTS, g_strdup ("/v1/lists?limit=200"));
  start_page_load (self, OP_LOAD_HISTORY,
                   g_strdup_printf ("/v1/subscribers/%s/messages?limit=%d",
                                    escaped_id, HISTORY_LIMIT));
}

/* Actions */

static JsonNode *
default_value (const char *type)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (g_strcmp0 (type, "number") == 0)
    json_node_set_int (node, 0);
  else if (g_strcmp0 (type, "boolean") == 0)
    json_node_set_boolean (node, FALSE);
  else if (g_strcmp0 (type, "date") == 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      json_node_set_string (node, today);
    }
  else
    json_node_set_string (node, "");

  return node;
}

static void
add_field_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autoptr(JsonNode) value = default_value (field_type (self, key));

  patch_fields (self, OP_ADD_FIELD, key, value, NULL);
}

static void
add_to_list_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (widget);

  change_membership (self, OP_ADD_TO_LIST, g_variant_get_string (parameter, NULL));
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  td_subscriber_profile_reload (TD_SUBSCRIBER_PROFILE (widget));
}

static const char * const field_types[] = { "text", "number", "date", "boolean" };

/* A key the platform accepts: lower case ASCII letters, digits and
 * underscores, from the name a person typed. */
static char *
key_from_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *key = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }

  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);

  if (key->len > 0 && g_ascii_isdigit (key->str[0]))
    g_string_prepend (key, "field_");

  return g_string_free (key, FALSE);
}

static void
define_field_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  TdSubscriberProfile *self = op->self;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) value = NULL;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);

  if (op_is_stale (op, error))
    return;

  if (error == NULL && (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)))
    g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                         _("The platform did not send the new field back"));

  if (error != NULL)
    {
      toast (self, error->message);
      return;
    }

  if (self->field_defs == NULL)
    self->field_defs = json_array_new ();
  json_array_add_element (self->field_defs, json_node_copy (root));

  /* Defining a field from a profile means giving it to this subscriber. */
  value = default_value (op->type);
  patch_fields (self, OP_ADD_FIELD, td_stream_json_string (json_node_get_object (root), "key"),
                value, NULL);
}

static void
define_dialog_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           TdSubscriberProfile *self)
{
  GtkEditable *name_row = g_object_get_data (G_OBJECT (dialog), "td-name-row");
  AdwComboRow *type_row = g_object_get_data (G_OBJECT (dialog), "td-type-row");
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  TdClient *client = get_client (self);
  guint type_index;
  Op *op;

  if (g_strcmp0 (response, "define") != 0 || client == NULL)
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (name_row)));
  key = key_from_name (name);
  type_index = adw_combo_row_get_selected (type_row);
  if (type_index >= G_N_ELEMENTS (field_types))
    type_index = 0;

  if (*key == '\0')
    {
      toast (self, _("A field needs a name with a letter or a digit"));
      return;
    }

  body = json_object_new ();
  json_object_set_string_member (body, "key", key);
  json_object_set_string_member (body, "name", name);
  json_object_set_string_member (body, "type", field_types[type_index]);
  node = json_node_init_object (json_node_alloc (), body);

  op = op_new (self, self->cancellable, OP_DEFINE_FIELD);
  op->key = g_strdup (key);
  op->name = g_strdup (name);
  op->type = g_strdup (field_types[type_index]);

  td_client_call_async (client, "POST", "/v1/fields", node, NULL, NULL,
                        self->cancellable, define_field_cb, op);
}

static void
name_row_changed_cb (GtkEditable      *editable,
                     AdwMessageDialog *dialog)
{
  g_autofree char *key = key_from_name (gtk_editable_get_text (editable));

  adw_message_dialog_set_response_enabled (dialog, "define", *key != '\0');
}

static void
define_field_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (widget);
  const char *type_names[] = {
    _("Text"), _("Number"), _("Date"), _("Yes or No"), NULL
  };
  g_autoptr(GtkStringList) types = gtk_string_list_new (type_names);
  GtkWidget *dialog;
  GtkWidget *list;
  GtkWidget *name_row;
  GtkWidget *type_row;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Define a New Field"),
                                   _("Every subscriber of the account can have it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "define", _("_Define and Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "define",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "define");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "define", FALSE);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  name_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  g_signal_connect (name_row, "changed", G_CALLBACK (name_row_changed_cb), dialog);
  gtk_list_box_append (GTK_LIST_BOX (list), name_row);

  type_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type_row), _("Type"));
  adw_combo_row_set_model (ADW_COMBO_ROW (type_row), G_LIST_MODEL (types));
  gtk_list_box_append (GTK_LIST_BOX (list), type_row);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  g_object_set_data (G_OBJECT (dialog), "td-name-row", name_row);
  g_object_set_data (G_OBJECT (dialog), "td-type-row", type_row);

  g_signal_connect_object (dialog, "response", G_CALLBACK (define_dialog_response_cb),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (name_row);
}

/* Drag and drop */

static GPtrArray *
drag_subscriber_cb (GtkWidget *widget,
                    double     x,
                    double     y,
                    gpointer   data)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (data);
  GPtrArray *objects;

  if (self->subscriber == NULL)
    return NULL;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (objects, g_object_ref (self->subscriber));

  return objects;
}

/* GObject */

/* Someone else's change (or a keyword, an import, a STOP) shows as it
 * happens: the profile reloads quietly, keeping what is being typed. */
/* What a person sees of a subscriber; the rest (last_seen_at, ...) changes
 * with every text and needs no reload. */
static const char * const shown_members[] = {
  "phone", "first_name", "last_name", "fields", "status", "opted_out_at",
  "list_ids", "consents",
};

static gboolean
shows_differently (TdSubscriberProfile *self,
                   JsonObject          *object)
{
  JsonObject *shown;

  if (self->subscriber == NULL)
    return TRUE;

  shown = td_resource_get_json (TD_RESOURCE (self->subscriber));
  if (shown == NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (shown_members); i++)
    {
      JsonNode *a = json_object_get_member (shown, shown_members[i]);
      JsonNode *b = json_object_get_member (object, shown_members[i]);

      if (b == NULL)
        continue;
      if (a == NULL || !json_node_equal (a, b))
        return TRUE;
    }

  return FALSE;
}

static void
consider_update (TdSubscriberProfile *self,
                 JsonObject          *object)
{
  /* Our own save's event may come before its answer: look again once
   * our changes have landed. */
  if (self->changes_in_flight > 0)
    {
      g_clear_pointer (&self->pending_event, json_object_unref);
      self->pending_event = json_object_ref (object);
      return;
    }

  if (shows_differently (self, object))
    {
      load (self, self->subscriber == NULL);
      self->keep_edits = TRUE;
    }
}

static void
change_done (TdSubscriberProfile *self)
{
  g_autoptr(JsonObject) pending = NULL;

  g_assert (self->changes_in_flight > 0);
  if (--self->changes_in_flight > 0 || self->pending_event == NULL)
    return;

  pending = g_steal_pointer (&self->pending_event);
  if (self->session != NULL &&
      g_strcmp0 (td_stream_json_string (pending, "id"), self->subscriber_id) == 0)
    consider_update (self, pending);
}

/* Someone else's change (or a keyword, an import, a STOP) shows as it
 * happens: the profile reloads quietly, keeping what is being typed. */
static void
event_cb (TdEventStream       *events,
          const char          *type,
          JsonObject          *object,
          TdSubscriberProfile *self)
{
  if (g_strcmp0 (type, "subscriber.updated") != 0 || object == NULL ||
      self->subscriber_id == NULL ||
      g_strcmp0 (td_stream_json_string (object, "id"), self->subscriber_id) != 0)
    return;

  consider_update (self, object);
}

static void
disconnect_events (TdSubscriberProfile *self)
{
  TdEventStream *events;

  if (self->session == NULL || self->event_handler == 0)
    return;

  events = td_session_get_event_stream (self->session);
  g_clear_signal_handler (&self->event_handler, events);
}

static void
td_subscriber_profile_dispose (GObject *object)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->load_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_SUBSCRIBER_PROFILE);

  disconnect_events (self);
  g_clear_pointer (&self->pending_event, json_object_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->subscriber);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->field_defs, json_array_unref);
  g_clear_pointer (&self->lists, json_array_unref);
  g_clear_pointer (&self->history, json_array_unref);

  G_OBJECT_CLASS (td_subscriber_profile_parent_class)->dispose (object);
}

static void
td_subscriber_profile_finalize (GObject *object)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (object);

  g_clear_object (&self->cancellable);
  g_clear_error (&self->load_error);
  g_clear_pointer (&self->subscriber_id, g_free);
  g_clear_pointer (&self->focus_field_key, g_free);
  g_clear_pointer (&self->consent_rows, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (td_subscriber_profile_parent_class)->finalize (object);
}

static void
td_subscriber_profile_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_SUBSCRIBER_ID:
      g_value_set_string (value, self->subscriber_id);
      break;

    case PROP_SUBSCRIBER:
      g_value_set_object (value, self->subscriber);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_CONFLICT:
      g_value_set_boolean (value, self->conflict);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_subscriber_profile_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TdSubscriberProfile *self = TD_SUBSCRIBER_PROFILE (object);

  switch (prop_id)
    {
    case PROP_SUBSCRIBER_ID:
      td_subscriber_profile_set_subscriber_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_subscriber_profile_class_init (TdSubscriberProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_subscriber_profile_dispose;
  object_class->finalize = td_subscriber_profile_finalize;
  object_class->get_property = td_subscriber_profile_get_property;
  object_class->set_property = td_subscriber_profile_set_property;

  properties[PROP_SUBSCRIBER_ID] =
    g_param_spec_string ("subscriber-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUBSCRIBER] =
    g_param_spec_object ("subscriber", NULL, NULL,
                         TD_TYPE_SUBSCRIBER,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONFLICT] =
    g_param_spec_boolean ("conflict", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-subscriber-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, header_box);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, avatar);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, phone_label);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, opted_out_label);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, consent_group);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, status_row);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, fields_group);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, add_field_button);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, lists_group);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, add_list_button);
  gtk_widget_class_bind_template_child (widget_class, TdSubscriberProfile, history_group);

  gtk_widget_class_install_action (widget_class, "profile.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "profile.add-field", "s", add_field_action_cb);
  gtk_widget_class_install_action (widget_class, "profile.define-field", NULL,
                                   define_field_action_cb);
  gtk_widget_class_install_action (widget_class, "profile.add-to-list", "s",
                                   add_to_list_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "profile.reload", NULL);
}

static void
td_subscriber_profile_init (TdSubscriberProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's child is not a bound template child: AdwBin unparents it
   * itself, after gtk_widget_dispose_template(). */
  self->stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  self->cancellable = g_cancellable_new ();
  self->consent_rows = g_ptr_array_new ();
  self->field_rows = g_ptr_array_new ();
  self->list_rows = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();

  gtk_widget_set_visible (GTK_WIDGET (self->conflict_revealer), FALSE);

  td_subscriber_drag_source_attach (GTK_WIDGET (self->header_box), drag_subscriber_cb, self);
}

static void
clear_subscriber (TdSubscriberProfile *self)
{
  if (self->subscriber == NULL)
    return;

  g_clear_object (&self->subscriber);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIBER]);
}

/**
 * td_subscriber_profile_new:
 *
 * Returns: (transfer floating): a profile showing nobody yet
 */
GtkWidget *
td_subscriber_profile_new (void)
{
  return g_object_new (TD_TYPE_SUBSCRIBER_PROFILE, NULL);
}

/**
 * td_subscriber_profile_set_session:
 * @self: a #TdSubscriberProfile
 * @session: (nullable): the signed-in session, or %NULL after sign-out
 */
void
td_subscriber_profile_set_session (TdSubscriberProfile *self,
                                   TdSession           *session)
{
  g_return_if_fail (TD_IS_SUBSCRIBER_PROFILE (self));
  g_return_if_fail (session == NULL || TD_IS_SESSION (session));

  if (self->session == session)
    return;

  disconnect_events (self);
  g_set_object (&self->session, session);
  if (session != NULL && td_session_get_event_stream (session) != NULL)
    self->event_handler = g_signal_connect (td_session_get_event_stream (session), "event",
                                            G_CALLBACK (event_cb), self);

  clear_subscriber (self);
  load (self, TRUE);
}

const char *
td_subscriber_profile_get_subscriber_id (TdSubscriberProfile *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_PROFILE (self), NULL);

  return self->subscriber_id;
}

/**
 * td_subscriber_profile_set_subscriber_id:
 * @self: a #TdSubscriberProfile
 * @subscriber_id: (nullable): whom to show
 *
 * Loads and shows the subscriber, the account's field definitions and
 * lists, and the subscriber's recent texts.
 */
void
td_subscriber_profile_set_subscriber_id (TdSubscriberProfile *self,
                                         const char          *subscriber_id)
{
  g_return_if_fail (TD_IS_SUBSCRIBER_PROFILE (self));

  if (g_strcmp0 (self->subscriber_id, subscriber_id) == 0)
    return;

  g_free (self->subscriber_id);
  self->subscriber_id = g_strdup (subscriber_id);

  clear_subscriber (self);
  set_conflict (self, FALSE);

  load (self, TRUE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBSCRIBER_ID]);
}

/**
 * td_subscriber_profile_get_subscriber:
 *
 * Returns: (transfer none) (nullable): the subscriber shown, once loaded
 */
TdSubscriber *
td_subscriber_profile_get_subscriber (TdSubscriberProfile *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_PROFILE (self), NULL);

  return self->subscriber;
}

gboolean
td_subscriber_profile_get_loading (TdSubscriberProfile *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_PROFILE (self), FALSE);

  return self->loading;
}

/**
 * td_subscriber_profile_get_conflict:
 *
 * Returns: whether a save was refused because someone else changed the
 *   subscriber first; the profile says so until it is reloaded
 */
gboolean
td_subscriber_profile_get_conflict (TdSubscriberProfile *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_PROFILE (self), FALSE);

  return self->conflict;
}

/**
 * td_subscriber_profile_reload:
 *
 * Fetches everything again, keeping what is shown until the answers come.
 */
void
td_subscriber_profile_reload (TdSubscriberProfile *self)
{
  g_return_if_fail (TD_IS_SUBSCRIBER_PROFILE (self));

  load (self, self->subscriber == NULL);
}
