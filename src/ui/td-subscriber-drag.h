/* td-subscriber-drag.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_SUBSCRIBER_SELECTION (td_subscriber_selection_get_type ())

/**
 * TdSubscriberSelection:
 *
 * The value of a subscriber drag: the ids of one or more subscribers, each
 * with a name to show. It is a reference-counted boxed type, immutable once
 * it is in a #GdkContentProvider.
 */
typedef struct _TdSubscriberSelection TdSubscriberSelection;

/**
 * TdSubscriberDragFunc:
 * @widget: the widget the drag starts on
 * @x: where the drag starts, in @widget's coordinates
 * @y: where the drag starts, in @widget's coordinates
 * @data: the data given to td_subscriber_drag_source_attach()
 *
 * Says whom a drag starting at (@x, @y) carries.
 *
 * Returns: (transfer full) (nullable) (element-type GObject): the
 *   subscribers to drag: #TdSubscriber, #TdSubscriberSummary or any object
 *   with an "id" property (and optionally "first-name", "last-name" and
 *   "phone"); %NULL or an empty array starts no drag
 */
typedef GPtrArray *(*TdSubscriberDragFunc) (GtkWidget *widget,
                                            double     x,
                                            double     y,
                                            gpointer   data);

GType                  td_subscriber_selection_get_type         (void) G_GNUC_CONST;
TdSubscriberSelection *td_subscriber_selection_new              (void);
TdSubscriberSelection *td_subscriber_selection_new_from_objects (GPtrArray             *objects);
TdSubscriberSelection *td_subscriber_selection_ref              (TdSubscriberSelection *self);
void                   td_subscriber_selection_unref            (TdSubscriberSelection *self);
gboolean               td_subscriber_selection_add              (TdSubscriberSelection *self,
                                                                 const char            *id,
                                                                 const char *display_name);
gboolean               td_subscriber_selection_add_object       (TdSubscriberSelection *self,
                                                                 GObject               *object);
guint                  td_subscriber_selection_get_n_items      (TdSubscriberSelection *self);
const char            *td_subscriber_selection_get_id           (TdSubscriberSelection *self,
                                                                 guint                  position);
const char            *td_subscriber_selection_get_display_name (TdSubscriberSelection *self,
                                                                 guint                  position);
const char * const    *td_subscriber_selection_get_ids          (TdSubscriberSelection *self);
gboolean               td_subscriber_selection_contains         (TdSubscriberSelection *self,
                                                                 const char            *id);
char                  *td_subscriber_selection_describe         (TdSubscriberSelection *self);
GdkContentProvider    *td_subscriber_selection_create_content   (TdSubscriberSelection *self);

char                  *td_subscriber_display_name_for_object    (GObject               *object);

GtkDragSource         *td_subscriber_drag_source_attach         (GtkWidget             *widget,
                                                                 TdSubscriberDragFunc   func,
                                                                 gpointer               data);
GtkWidget             *td_subscriber_drag_icon_new              (TdSubscriberSelection *selection);

GtkDropTarget         *td_subscriber_drop_target_new            (GdkDragAction          actions);
TdSubscriberSelection *td_subscriber_drop_target_get_selection  (GtkDropTarget         *target);
TdSubscriberSelection *td_subscriber_selection_from_value       (const GValue          *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdSubscriberSelection, td_subscriber_selection_unref)

G_END_DECLS
