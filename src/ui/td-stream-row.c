/* td-stream-row.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-row"

#include "config.h"

#include "td-conversation-row.h"
#include "td-stream-row.h"
#include "td-stream-suggestion.h"
#include "td-subscriber-drag.h"

/* One conversation in the stream: the conversation row that Campaign
 * Activity uses too (who, last text, time, unread, expands to reply in
 * place), with the stream's one-click answer under the last text when the
 * router flagged it. Dragging it drags its subscriber. */
struct _TdStreamRow
{
  AdwBin                parent_instance;

  TdConversationThread *thread;
  GtkWidget            *row;
  GtkWidget            *suggestion;
};

G_DEFINE_FINAL_TYPE (TdStreamRow, td_stream_row, ADW_TYPE_BIN)

enum {
  OPEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GPtrArray *
drag_subscriber_cb (GtkWidget *widget,
                    double     x,
                    double     y,
                    gpointer   data)
{
  TdStreamRow *self = TD_STREAM_ROW (data);
  TdConversation *conversation = td_stream_row_get_conversation (self);
  TdSubscriberSummary *subscriber;
  GPtrArray *objects;

  if (conversation == NULL)
    return NULL;

  subscriber = td_conversation_get_subscriber (conversation);
  if (subscriber == NULL)
    return NULL;

  objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (objects, g_object_ref (subscriber));

  return objects;
}

static void
row_open_cb (TdStreamRow *self)
{
  g_signal_emit (self, signals[OPEN], 0);
}

/* In the stream a click on a row opens the whole conversation beside the
 * list; expanding in place stays on the row's own expand button. The click
 * is taken before the row's summary would expand it; buttons, the
 * suggestion and an expanded thread keep their own clicks. */
static gboolean
click_opens (TdStreamRow *self,
             double       x,
             double       y)
{
  GtkWidget *target = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  GtkWidget *box = gtk_widget_get_first_child (self->row);
  GtkWidget *header = box != NULL ? gtk_widget_get_first_child (box) : NULL;

  if (target == NULL || header == NULL)
    return FALSE;

  for (GtkWidget *w = target; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_BUTTON (w) || GTK_IS_EDITABLE (w))
        return FALSE;
      if (w == header)
        return TRUE;
    }

  return FALSE;
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  TdStreamRow     *self)
{
  /* Not claimed yet: a drag of the row still starts from here. */
  if (!click_opens (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   TdStreamRow     *self)
{
  if (!click_opens (self, x, y))
    return;

  /* Taken from the summary's own click, which would expand the row. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[OPEN], 0);
}

static void
td_stream_row_dispose (GObject *object)
{
  TdStreamRow *self = TD_STREAM_ROW (object);

  g_clear_object (&self->thread);

  G_OBJECT_CLASS (td_stream_row_parent_class)->dispose (object);
}

static void
td_stream_row_class_init (TdStreamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_stream_row_dispose;

  /**
   * TdStreamRow::open:
   *
   * The person asked for the whole conversation.
   */
  signals[OPEN] =
    g_signal_new ("open",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_stream_row_init (TdStreamRow *self)
{
  GtkGesture *click;

  self->row = td_conversation_row_new ();
  self->suggestion = td_stream_suggestion_new (TRUE);
  td_conversation_row_set_extra (TD_CONVERSATION_ROW (self->row), self->suggestion);
  g_signal_connect_swapped (self->row, "open", G_CALLBACK (row_open_cb), self);
  adw_bin_set_child (ADW_BIN (self), self->row);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect_object (click, "pressed", G_CALLBACK (click_pressed_cb), self, 0);
  g_signal_connect_object (click, "released", G_CALLBACK (click_released_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

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
 * td_stream_row_set_thread:
 * @thread: (nullable): the conversation's thread, shared with the pane
 */
void
td_stream_row_set_thread (TdStreamRow          *self,
                          TdConversationThread *thread)
{
  g_return_if_fail (TD_IS_STREAM_ROW (self));

  if (!g_set_object (&self->thread, thread))
    return;

  td_conversation_row_set_thread (TD_CONVERSATION_ROW (self->row), thread);
  td_stream_suggestion_set_conversation (TD_STREAM_SUGGESTION (self->suggestion),
                                         td_stream_row_get_conversation (self));
}

/**
 * td_stream_row_get_conversation:
 *
 * Returns: (transfer none) (nullable): the conversation shown
 */
TdConversation *
td_stream_row_get_conversation (TdStreamRow *self)
{
  g_return_val_if_fail (TD_IS_STREAM_ROW (self), NULL);

  return self->thread != NULL ? td_conversation_thread_get_conversation (self->thread) : NULL;
}

/**
 * td_stream_row_get_suggestion:
 *
 * Returns: (transfer none): the row's #TdStreamSuggestion
 */
GtkWidget *
td_stream_row_get_suggestion (TdStreamRow *self)
{
  g_return_val_if_fail (TD_IS_STREAM_ROW (self), NULL);

  return self->suggestion;
}
