/* td-stream-row.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-row"

#include "config.h"

#include <glib/gi18n.h>

#include "td-stream-row.h"
#include "td-stream-suggestion.h"
#include "td-stream-util.h"
#include "td-subscriber-drag.h"

/* One conversation in the stream: who, their last text, when, how many
 * unread, and the one-click answer when the router flagged the text. */
struct _TdStreamRow
{
  AdwBin          parent_instance;

  TdConversation *conversation;

  GtkWidget      *name_label;
  GtkWidget      *time_label;
  GtkWidget      *badge;
  GtkWidget      *text_label;
  GtkWidget      *suggestion;
};

G_DEFINE_FINAL_TYPE (TdStreamRow, td_stream_row, ADW_TYPE_BIN)

static void
update (TdStreamRow *self)
{
  TdSubscriberSummary *subscriber;
  TdMessage *last;
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;
  const char *body = NULL;
  int unread;

  if (self->conversation == NULL)
    return;

  subscriber = td_conversation_get_subscriber (self->conversation);
  last = td_conversation_get_last_message (self->conversation);
  unread = td_conversation_get_unread_count (self->conversation);

  name = subscriber != NULL ? td_subscriber_summary_dup_display_name (subscriber)
                            : g_strdup (_("Unknown"));
  if (last != NULL)
    {
      time = td_stream_format_time (td_message_get_created_at (last));
      body = td_message_get_body (last);
      if (td_message_is_outbound (last))
        {
          g_autofree char *you = g_strdup_printf (_("You: %s"), body != NULL ? body : "");

          gtk_label_set_label (GTK_LABEL (self->text_label), you);
          body = NULL;
        }
      else
        {
          gtk_label_set_label (GTK_LABEL (self->text_label), body != NULL ? body : "");
        }
    }
  else
    {
      time = g_strdup ("");
      gtk_label_set_label (GTK_LABEL (self->text_label), "");
    }

  gtk_label_set_label (GTK_LABEL (self->name_label), name);
  gtk_label_set_label (GTK_LABEL (self->time_label), time);

  count = g_strdup_printf ("%d", unread);
  gtk_label_set_label (GTK_LABEL (self->badge), count);
  gtk_widget_set_visible (self->badge, unread > 0);
  if (unread > 0)
    gtk_widget_add_css_class (self->name_label, "heading");
  else
    gtk_widget_remove_css_class (self->name_label, "heading");

  if (unread > 0)
    accessible = g_strdup_printf (ngettext ("%s, %d unread", "%s, %d unread", unread),
                                  name, unread);
  else
    accessible = g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  td_stream_suggestion_set_conversation (TD_STREAM_SUGGESTION (self->suggestion),
                                         self->conversation);
}

static void
conversation_notify_cb (TdStreamRow *self)
{
  update (self);
}

static GPtrArray *
drag_subscriber_cb (GtkWidget *widget,
                    double     x,
                    double     y,
                    gpointer   data)
{
  TdStreamRow *self = TD_STREAM_ROW (data);
  TdSubscriberSummary *subscriber;
  GPtrArray *objects;

  if (self->conversation == NULL)
    return NULL;

  subscriber = td_conversation_get_subscriber (self->conversation);
  if (subscriber == NULL)
    return NULL;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (objects, g_object_ref (subscriber));

  return objects;
}

static void
td_stream_row_dispose (GObject *object)
{
  TdStreamRow *self = TD_STREAM_ROW (object);

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);
  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (td_stream_row_parent_class)->dispose (object);
}

static void
td_stream_row_class_init (TdStreamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_stream_row_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
td_stream_row_init (TdStreamRow *self)
{
  GtkWidget *box;
  GtkWidget *top;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  adw_bin_set_child (ADW_BIN (self), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), top);

  self->name_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->name_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->name_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->name_label, TRUE);
  gtk_box_append (GTK_BOX (top), self->name_label);

  self->time_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->time_label, "dim-label");
  gtk_widget_add_css_class (self->time_label, "caption");
  gtk_widget_add_css_class (self->time_label, "numeric");
  gtk_box_append (GTK_BOX (top), self->time_label);

  self->badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->badge, "unread-badge");
  gtk_widget_set_valign (self->badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), self->badge);

  self->text_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->text_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->text_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (self->text_label), TRUE);
  gtk_widget_add_css_class (self->text_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->text_label);

  self->suggestion = td_stream_suggestion_new (TRUE);
  gtk_box_append (GTK_BOX (box), self->suggestion);

  td_subscriber_drag_source_attach (GTK_WIDGET (self), drag_subscriber_cb, self);
}

GtkWidget *
td_stream_row_new (void)
{
  return g_object_new (TD_TYPE_STREAM_ROW, NULL);
}

void
td_stream_row_set_context (TdStreamRow       *self,
                           TdSession         *session,
                           TdStreamCampaigns *campaigns)
{
  g_return_if_fail (TD_IS_STREAM_ROW (self));

  td_stream_suggestion_set_context (TD_STREAM_SUGGESTION (self->suggestion),
                                    session, campaigns);
}

/**
 * td_stream_row_set_conversation:
 * @conversation: (nullable): what the row shows; it follows the object's
 *   changes, so an event that updates it in the model updates the row
 */
void
td_stream_row_set_conversation (TdStreamRow    *self,
                                TdConversation *conversation)
{
  g_return_if_fail (TD_IS_STREAM_ROW (self));

  if (self->conversation == conversation)
    return;

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);

  g_set_object (&self->conversation, conversation);

  if (conversation != NULL)
    {
      g_signal_connect_object (conversation, "notify",
                               G_CALLBACK (conversation_notify_cb), self,
                               G_CONNECT_SWAPPED);
      update (self);
    }
  else
    {
      td_stream_suggestion_set_conversation (TD_STREAM_SUGGESTION (self->suggestion), NULL);
    }
}

TdConversation *
td_stream_row_get_conversation (TdStreamRow *self)
{
  g_return_val_if_fail (TD_IS_STREAM_ROW (self), NULL);

  return self->conversation;
}
