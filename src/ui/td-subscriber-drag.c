/* td-subscriber-drag.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-subscriber-drag"

#include "config.h"

#include <glib/gi18n.h>

#include "td-subscriber-drag.h"

struct _TdSubscriberSelection
{
  gatomicrefcount  ref_count;

  /* NULL-terminated, so that the ids can be handed out as a strv. */
  GPtrArray       *ids;
  GPtrArray       *names;
  GHashTable      *seen;
};

G_DEFINE_BOXED_TYPE (TdSubscriberSelection,
                     td_subscriber_selection,
                     td_subscriber_selection_ref,
                     td_subscriber_selection_unref)

/**
 * td_subscriber_selection_new:
 *
 * Returns: (transfer full): an empty selection
 */
TdSubscriberSelection *
td_subscriber_selection_new (void)
{
  TdSubscriberSelection *self = g_new0 (TdSubscriberSelection, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ids = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->seen = g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

/**
 * td_subscriber_selection_new_from_objects:
 * @objects: (element-type GObject) (nullable): subscribers
 *
 * Builds a selection from #TdSubscriber or #TdSubscriberSummary objects
 * (any object with an "id" property will do). Objects without an id and
 * repeated ids are left out.
 *
 * Returns: (transfer full): a new selection
 */
TdSubscriberSelection *
td_subscriber_selection_new_from_objects (GPtrArray *objects)
{
  TdSubscriberSelection *self = td_subscriber_selection_new ();

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    td_subscriber_selection_add_object (self, g_ptr_array_index (objects, i));

  return self;
}

TdSubscriberSelection *
td_subscriber_selection_ref (TdSubscriberSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
td_subscriber_selection_unref (TdSubscriberSelection *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_hash_table_unref (self->seen);
      g_ptr_array_unref (self->ids);
      g_ptr_array_unref (self->names);
      g_free (self);
    }
}

/**
 * td_subscriber_selection_add:
 * @self: a #TdSubscriberSelection
 * @id: a subscriber id
 * @display_name: (nullable): how to call them: a name or a phone number
 *
 * Adds a subscriber, unless the selection already holds them.
 *
 * Returns: %TRUE if @id was added
 */
gboolean
td_subscriber_selection_add (TdSubscriberSelection *self,
                             const char            *id,
                             const char            *display_name)
{
  char *copy;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL && *id != '\0', FALSE);

  if (g_hash_table_contains (self->seen, id))
    return FALSE;

  copy = g_strdup (id);
  g_ptr_array_add (self->ids, copy);
  g_ptr_array_add (self->names,
                   g_strdup (display_name != NULL && *display_name != '\0'
                             ? display_name : id));
  g_hash_table_add (self->seen, copy);

  return TRUE;
}

static char *
dup_string_property (GObject    *object,
                     const char *name)
{
  GParamSpec *pspec;
  char *value = NULL;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  if (pspec == NULL || pspec->value_type != G_TYPE_STRING ||
      !(pspec->flags & G_PARAM_READABLE))
    return NULL;

  g_object_get (object, name, &value, NULL);

  return value;
}

/**
 * td_subscriber_display_name_for_object:
 * @object: a #TdSubscriber, #TdSubscriberSummary or alike
 *
 * Returns: (transfer full) (nullable): "First Last", else the phone
 *   number, else %NULL
 */
char *
td_subscriber_display_name_for_object (GObject *object)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (G_IS_OBJECT (object), NULL);

  first = dup_string_property (object, "first-name");
  last = dup_string_property (object, "last-name");
  joined = g_strstrip (g_strjoin (" ",
                                  first != NULL ? first : "",
                                  last != NULL ? last : "",
                                  NULL));
  if (*joined != '\0')
    return g_steal_pointer (&joined);

  phone = dup_string_property (object, "phone");
  if (phone != NULL && *phone != '\0')
    return g_steal_pointer (&phone);

  return NULL;
}

/**
 * td_subscriber_selection_add_object:
 * @self: a #TdSubscriberSelection
 * @object: a #TdSubscriber, #TdSubscriberSummary or any object with an
 *   "id" string property
 *
 * Returns: %TRUE if the subscriber was added
 */
gboolean
td_subscriber_selection_add_object (TdSubscriberSelection *self,
                                    GObject               *object)
{
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);

  id = dup_string_property (object, "id");
  if (id == NULL || *id == '\0')
    {
      g_debug ("Left a %s without an id out of a subscriber selection",
               G_OBJECT_TYPE_NAME (object));
      return FALSE;
    }

  name = td_subscriber_display_name_for_object (object);

  return td_subscriber_selection_add (self, id, name);
}

guint
td_subscriber_selection_get_n_items (TdSubscriberSelection *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->names->len;
}

const char *
td_subscriber_selection_get_id (TdSubscriberSelection *self,
                                guint                  position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->names->len, NULL);

  return g_ptr_array_index (self->ids, position);
}

const char *
td_subscriber_selection_get_display_name (TdSubscriberSelection *self,
                                          guint                  position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->names->len, NULL);

  return g_ptr_array_index (self->names, position);
}

/**
 * td_subscriber_selection_get_ids:
 * @self: a #TdSubscriberSelection
 *
 * Returns: (transfer none) (array zero-terminated=1): the ids, in the order
 *   they were added, ready for td_client_list_members_change_async()
 */
const char * const *
td_subscriber_selection_get_ids (TdSubscriberSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->ids->pdata;
}

gboolean
td_subscriber_selection_contains (TdSubscriberSelection *self,
                                  const char            *id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return id != NULL && g_hash_table_contains (self->seen, id);
}

/**
 * td_subscriber_selection_describe:
 * @self: a #TdSubscriberSelection
 *
 * Returns: (transfer full): the one person's name, or "3 people"
 */
char *
td_subscriber_selection_describe (TdSubscriberSelection *self)
{
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->names->len;
  if (n == 1)
    return g_strdup (g_ptr_array_index (self->names, 0));

  return g_strdup_printf (ngettext ("%u person", "%u people", n), n);
}

/**
 * td_subscriber_selection_create_content:
 * @self: a #TdSubscriberSelection
 *
 * Returns: (transfer full): a content provider offering @self as a
 *   #TD_TYPE_SUBSCRIBER_SELECTION value
 */
GdkContentProvider *
td_subscriber_selection_create_content (TdSubscriberSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return gdk_content_provider_new_typed (TD_TYPE_SUBSCRIBER_SELECTION, self);
}

/**
 * td_subscriber_drag_icon_new:
 * @selection: what is dragged
 *
 * Returns: (transfer floating): the widget a drag shows under the pointer:
 *   "3 people" (or the name of the one person)
 */
GtkWidget *
td_subscriber_drag_icon_new (TdSubscriberSelection *selection)
{
  g_autofree char *count = NULL;
  GtkWidget *box;
  GtkWidget *image;
  GtkWidget *label;
  guint n;

  g_return_val_if_fail (selection != NULL, NULL);

  n = td_subscriber_selection_get_n_items (selection);
  count = g_strdup_printf (ngettext ("%u person", "%u people", n), n);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "td-drag-icon");

  image = gtk_image_new_from_icon_name (n == 1 ? "avatar-default-symbolic"
                                               : "system-users-symbolic");
  gtk_box_append (GTK_BOX (box), image);

  label = gtk_label_new (count);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);

  if (n == 1)
    {
      GtkWidget *name;

      name = gtk_label_new (td_subscriber_selection_get_display_name (selection, 0));
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
      gtk_widget_add_css_class (name, "dim-label");
      gtk_box_append (GTK_BOX (box), name);
    }

  return box;
}

/* Drag source */

typedef struct
{
  TdSubscriberDragFunc func;
  gpointer             data;
} DragSourceData;

#define SELECTION_KEY "td-subscriber-selection"

static GdkContentProvider *
drag_source_prepare_cb (GtkDragSource  *source,
                        double          x,
                        double          y,
                        DragSourceData *source_data)
{
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(TdSubscriberSelection) selection = NULL;
  GtkWidget *widget;

  widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  objects = source_data->func (widget, x, y, source_data->data);
  selection = td_subscriber_selection_new_from_objects (objects);

  if (td_subscriber_selection_get_n_items (selection) == 0)
    {
      g_object_set_data (G_OBJECT (source), SELECTION_KEY, NULL);
      return NULL;
    }

  g_object_set_data_full (G_OBJECT (source), SELECTION_KEY,
                          td_subscriber_selection_ref (selection),
                          (GDestroyNotify) td_subscriber_selection_unref);

  return td_subscriber_selection_create_content (selection);
}

static void
drag_source_drag_begin_cb (GtkDragSource *source,
                           GdkDrag       *drag,
                           gpointer       user_data)
{
  TdSubscriberSelection *selection;
  GtkWidget *icon;

  selection = g_object_get_data (G_OBJECT (source), SELECTION_KEY);
  if (selection == NULL)
    return;

  icon = gtk_drag_icon_get_for_drag (drag);
  gtk_drag_icon_set_child (GTK_DRAG_ICON (icon),
                           td_subscriber_drag_icon_new (selection));
  gdk_drag_set_hotspot (drag, -12, -12);
}

static void
drag_source_drag_end_cb (GtkDragSource *source,
                         GdkDrag       *drag,
                         gboolean       delete_data,
                         gpointer       user_data)
{
  g_object_set_data (G_OBJECT (source), SELECTION_KEY, NULL);
}

/**
 * td_subscriber_drag_source_attach:
 * @widget: the widget to drag subscribers from
 * @func: says whom a drag carries
 * @data: data for @func; it must live as long as @widget
 *
 * Lets people drag subscribers out of @widget: onto a list in the Lists
 * view, or any other target made with td_subscriber_drop_target_new().
 * The drag shows "N people" under the pointer.
 *
 * Returns: (transfer none): the drag source added to @widget
 */
GtkDragSource *
td_subscriber_drag_source_attach (GtkWidget            *widget,
                                  TdSubscriberDragFunc  func,
                                  gpointer              data)
{
  GtkDragSource *source;
  DragSourceData *source_data;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (func != NULL, NULL);

  source_data = g_new0 (DragSourceData, 1);
  source_data->func = func;
  source_data->data = data;

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_object_set_data_full (G_OBJECT (source), "td-drag-source-data",
                          source_data, g_free);

  g_signal_connect (source, "prepare",
                    G_CALLBACK (drag_source_prepare_cb), source_data);
  g_signal_connect (source, "drag-begin",
                    G_CALLBACK (drag_source_drag_begin_cb), NULL);
  g_signal_connect (source, "drag-end",
                    G_CALLBACK (drag_source_drag_end_cb), NULL);

  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));

  return source;
}

/* Drop targets */

/**
 * td_subscriber_drop_target_new:
 * @actions: the actions to accept, usually %GDK_ACTION_COPY
 *
 * Makes a drop target for subscriber drags. It preloads the value, so that
 * a target can say what a drop would do while the pointer hovers it (see
 * td_subscriber_drop_target_get_selection()); connect to "drop" and read
 * the value with td_subscriber_selection_from_value().
 *
 * Returns: (transfer full): a new #GtkDropTarget
 */
GtkDropTarget *
td_subscriber_drop_target_new (GdkDragAction actions)
{
  GtkDropTarget *target;

  target = gtk_drop_target_new (TD_TYPE_SUBSCRIBER_SELECTION, actions);
  gtk_drop_target_set_preload (target, TRUE);

  return target;
}

/**
 * td_subscriber_selection_from_value:
 * @value: (nullable): a value from a drop
 *
 * Returns: (transfer none) (nullable): the selection @value holds, or
 *   %NULL when it holds something else or nothing
 */
TdSubscriberSelection *
td_subscriber_selection_from_value (const GValue *value)
{
  if (value == NULL || !G_VALUE_HOLDS (value, TD_TYPE_SUBSCRIBER_SELECTION))
    return NULL;

  return g_value_get_boxed (value);
}

/**
 * td_subscriber_drop_target_get_selection:
 * @target: a target from td_subscriber_drop_target_new()
 *
 * Returns: (transfer none) (nullable): what the drag over @target
 *   carries, once it is loaded; %NULL when no subscriber drag is over it
 */
TdSubscriberSelection *
td_subscriber_drop_target_get_selection (GtkDropTarget *target)
{
  g_return_val_if_fail (GTK_IS_DROP_TARGET (target), NULL);

  return td_subscriber_selection_from_value (gtk_drop_target_get_value (target));
}
