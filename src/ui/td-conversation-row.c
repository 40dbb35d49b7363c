/* td-conversation-row.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-conversation-row"

#include "config.h"

#include <glib/gi18n.h>

#include "td-composer.h"
#include "td-conversation-row.h"
#include "td-message-bubble.h"
#include "td-subscriber-drag.h"

/*
 * TdConversationRow: one conversation in a list.
 *
 * Collapsed: avatar, name (or the number as people write it), the last
 * text, its time and the unread badge. Expanded in place: the recent
 * thread and a composer, so that a manager can answer several people
 * without leaving the list; "Open Conversation" emits "open" for the full
 * pane. The row shows a #TdConversationThread, shared with every other
 * view of the conversation (td_conversation_thread_get_for()), so a row
 * recycled by a list view loses neither draft nor reply.
 *
 * The Stream view puts its own widget under the text with
 * td_conversation_row_set_extra(), e.g. "Did they mean CONCERT?".
 */

#define RECENT_TEXTS 10
/* A row shows the last few; the pane has the rest. */
#define SHOWN_TEXTS 6
/* The recent texts scroll within this height, so that the reply box,
 * its counter and "Open Conversation" fit in the list's view. A list
 * view sizes a row by its minimum height: the scroller's minimum
 * follows the texts' height up to this (thread_height_changed_cb()). */
#define MAX_THREAD_HEIGHT 240

struct _TdConversationRow
{
  AdwBin                parent_instance;

  GtkWidget            *header;
  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *time_label;
  GtkLabel             *last_text_label;
  GtkLabel             *unread_badge;
  GtkToggleButton      *expand_button;
  AdwBin               *extra_bin;
  GtkRevealer          *revealer;
  GtkStack             *thread_stack;
  GtkSpinner           *spinner;
  GtkLabel             *load_error_label;
  GtkScrolledWindow    *thread_scroller;
  GtkListBox           *thread_list;
  GtkSliceListModel    *recent;
  TdComposer           *composer;

  TdConversationThread *thread;
  TdConversation       *conversation;
  gboolean              expanded;
  gboolean              stick_to_newest;
  gboolean              show_when_revealed;
  guint                 height_idle;
  guint                 show_idle;
};

G_DEFINE_FINAL_TYPE (TdConversationRow, td_conversation_row, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_THREAD,
  PROP_EXPANDED,
  N_PROPS
};

enum {
  SIGNAL_OPEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_header (TdConversationRow *self)
{
  g_autofree char *name = NULL;
  g_autofree char *time = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *badge = NULL;
  TdMessage *last = NULL;
  gboolean has_name = FALSE;
  int unread = 0;

  if (self->thread != NULL)
    {
      TdSubscriberSummary *summary = td_conversation_get_subscriber (self->conversation);

      if (summary != NULL)
        {
          const char *first = td_subscriber_summary_get_first_name (summary);
          const char *last_name = td_subscriber_summary_get_last_name (summary);

          has_name = (first != NULL && *first != '\0') ||
                     (last_name != NULL && *last_name != '\0');
        }
      name = td_conversation_thread_dup_display_name (self->thread);
      last = td_conversation_get_last_message (self->conversation);
      unread = td_conversation_get_unread_count (self->conversation);
    }

  if (last != NULL)
    {
      const char *body = td_message_get_body (last);

      if (g_strcmp0 (td_message_get_direction (last), "outbound") == 0)
        /* Translators: the last text of a conversation, sent by us */
        last_text = g_strdup_printf (_("You: %s"), body ? body : "");
      else
        last_text = g_strdup (body ? body : "");

      /* One line in the list, whatever the text's own lines. */
      g_strdelimit (last_text, "\n\r\t", ' ');
      time = td_message_bubble_format_time (td_message_get_created_at (last), TRUE);
    }
  else if (self->conversation != NULL)
    time = td_message_bubble_format_time (td_conversation_get_updated_at (self->conversation),
                                          TRUE);

  gtk_label_set_text (self->name_label, name ? name : "");
  /* Initials of a name; a number gets the plain avatar, not "(5". */
  adw_avatar_set_text (self->avatar, has_name ? name : NULL);
  gtk_label_set_text (self->last_text_label, last_text ? last_text : "");
  gtk_label_set_text (self->time_label, time ? time : "");

  badge = g_strdup_printf ("%d", unread);
  gtk_label_set_text (self->unread_badge, badge);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_badge), unread > 0);

  if (unread > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");
}

static void
update_thread_state (TdConversationRow *self)
{
  const char *error = NULL;
  gboolean loading = FALSE;
  guint n = 0;

  if (self->thread != NULL)
    {
      error = td_conversation_thread_get_load_error (self->thread);
      loading = td_conversation_thread_get_loading (self->thread);
      n = g_list_model_get_n_items (td_conversation_thread_get_messages (self->thread));
    }

  gtk_spinner_set_spinning (self->spinner, loading && n == 0);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->thread_stack, "thread");
  else if (error != NULL)
    {
      gtk_label_set_text (self->load_error_label, error);
      gtk_stack_set_visible_child_name (self->thread_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->thread_stack, "loading");
}

static void
messages_changed_cb (TdConversationRow *self)
{
  GListModel *messages;
  guint n;

  update_thread_state (self);

  /* The newest texts, at the bottom. */
  messages = td_conversation_thread_get_messages (self->thread);
  n = g_list_model_get_n_items (messages);
  gtk_slice_list_model_set_offset (self->recent, n > SHOWN_TEXTS ? n - SHOWN_TEXTS : 0);
}

static GtkWidget *
create_bubble_cb (gpointer item,
                  gpointer user_data)
{
  TdConversationRow *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();

  /* A thread is read, not tabbed through: a bubble is no tab stop. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                              td_conversation_thread_create_bubble (self->thread,
                                                                    TD_MESSAGE (item)));

  return row;
}

/* ---- The recent texts' height ----------------------------------------- */

static gboolean
thread_height_idle_cb (gpointer data)
{
  TdConversationRow *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  double upper = gtk_adjustment_get_upper (adjustment);
  int height = (int) MIN (upper, MAX_THREAD_HEIGHT);

  self->height_idle = 0;

  if (height != gtk_scrolled_window_get_min_content_height (self->thread_scroller))
    gtk_scrolled_window_set_min_content_height (self->thread_scroller, height);

  /* The newest text in view, unless the person scrolled up to read. */
  if (self->stick_to_newest)
    gtk_adjustment_set_value (adjustment, upper - gtk_adjustment_get_page_size (adjustment));

  return G_SOURCE_REMOVE;
}

static void
thread_height_changed_cb (TdConversationRow *self)
{
  /* Not during the allocation that changed it. */
  if (self->height_idle == 0)
    self->height_idle = g_idle_add (thread_height_idle_cb, self);
}

static void
thread_scrolled_cb (TdConversationRow *self,
                    GtkAdjustment     *adjustment)
{
  self->stick_to_newest = gtk_adjustment_get_value (adjustment) +
                          gtk_adjustment_get_page_size (adjustment) >=
                          gtk_adjustment_get_upper (adjustment) - 1;
}

static void
bind_thread_view (TdConversationRow *self)
{
  GListModel *messages = td_conversation_thread_get_messages (self->thread);

  /* After the slice has taken the change in, or it would see two. */
  g_signal_connect_object (messages, "items-changed",
                           G_CALLBACK (messages_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->thread, "notify::loading",
                           G_CALLBACK (update_thread_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->thread, "notify::load-error",
                           G_CALLBACK (update_thread_state), self, G_CONNECT_SWAPPED);

  self->stick_to_newest = TRUE;
  gtk_slice_list_model_set_model (self->recent, messages);
  messages_changed_cb (self);
  gtk_list_box_bind_model (self->thread_list, G_LIST_MODEL (self->recent),
                           create_bubble_cb, self, NULL);

  td_conversation_thread_load (self->thread, RECENT_TEXTS);
  td_conversation_thread_mark_read (self->thread);
  update_thread_state (self);
}

static void
unbind_thread_view (TdConversationRow *self)
{
  gtk_list_box_bind_model (self->thread_list, NULL, NULL, NULL, NULL);
  gtk_slice_list_model_set_model (self->recent, NULL);

  if (self->thread != NULL)
    {
      g_signal_handlers_disconnect_by_func (td_conversation_thread_get_messages (self->thread),
                                            messages_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->thread, update_thread_state, self);
    }
}

static void
conversation_notify_cb (TdConversationRow *self)
{
  update_header (self);

  /* A new text in an open row is read as it arrives. */
  if (self->expanded && self->thread != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    td_conversation_thread_mark_read (self->thread);
}

/* Scrolls the list the row is in so that the whole row shows, its top
 * first if it is taller than the view. */
static gboolean
show_whole_row_cb (gpointer data)
{
  TdConversationRow *self = data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  self->show_idle = 0;

  if (scrolled == NULL ||
      !gtk_widget_compute_bounds (GTK_WIDGET (self), scrolled, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  if (bounds.origin.y < 0 || bounds.size.height > page)
    value += bounds.origin.y;
  else if (bounds.origin.y + bounds.size.height > page)
    value += bounds.origin.y + bounds.size.height - page;
  else
    return G_SOURCE_REMOVE;

  gtk_adjustment_set_value (adjustment, value);

  return G_SOURCE_REMOVE;
}

static void
child_revealed_cb (TdConversationRow *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) || !self->show_when_revealed)
    return;

  self->show_when_revealed = FALSE;
  /* After the layout that gave the row its new height. */
  if (self->show_idle == 0)
    self->show_idle = g_idle_add_full (G_PRIORITY_LOW, show_whole_row_cb, self, NULL);
}

/* Opened by the person: the reply box is where they go next, and the
 * row scrolls into view whole. A row the list view binds again keeps its
 * state but not the focus. */
static void
expand_by_person (TdConversationRow *self,
                  gboolean           expanded)
{
  gboolean was = self->expanded;

  td_conversation_row_set_expanded (self, expanded);

  if (expanded && !was)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->composer));
      self->show_when_revealed = TRUE;
      child_revealed_cb (self);
    }
}

/* Escape in an open row closes it, the focus back on its Expand button.
 *
 * Tab moves through the row's own parts (Expand, the reply box, its
 * buttons, Open Conversation) before the list moves on to the next row:
 * a list view item lets the focus in but moves it to the next item on
 * the next Tab. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                TdConversationRow     *self)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab || keyval == GDK_KEY_ISO_Left_Tab) &&
      (mods & ~GDK_SHIFT_MASK) == 0)
    {
      GtkDirectionType direction = (mods & GDK_SHIFT_MASK) || keyval == GDK_KEY_ISO_Left_Tab
                                     ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

      if (gtk_widget_child_focus (gtk_widget_get_first_child (GTK_WIDGET (self)), direction))
        return GDK_EVENT_STOP;

      return GDK_EVENT_PROPAGATE;
    }

  if (keyval != GDK_KEY_Escape || !self->expanded || mods != 0)
    return GDK_EVENT_PROPAGATE;

  td_conversation_row_set_expanded (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->expand_button));

  return GDK_EVENT_STOP;
}

static void
expand_toggled_cb (TdConversationRow *self)
{
  expand_by_person (self, gtk_toggle_button_get_active (self->expand_button));
}

static void
header_pressed_cb (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   TdConversationRow *self)
{
  expand_by_person (self, !self->expanded);
}

static void
open_clicked_cb (TdConversationRow *self)
{
  g_signal_emit (self, signals[SIGNAL_OPEN], 0);
}

static GPtrArray *
drag_subscriber_cb (GtkWidget *widget,
                    double     x,
                    double     y,
                    gpointer   data)
{
  TdConversationRow *self = data;
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);
  TdSubscriberSummary *summary = NULL;

  if (self->conversation != NULL)
    summary = td_conversation_get_subscriber (self->conversation);
  if (summary != NULL)
    g_ptr_array_add (objects, g_object_ref (summary));

  return objects;
}

static void
td_conversation_row_dispose (GObject *object)
{
  TdConversationRow *self = TD_CONVERSATION_ROW (object);

  td_conversation_row_set_thread (self, NULL);
  g_clear_object (&self->recent);
  g_clear_handle_id (&self->height_idle, g_source_remove);
  g_clear_handle_id (&self->show_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONVERSATION_ROW);

  G_OBJECT_CLASS (td_conversation_row_parent_class)->dispose (object);
}

static void
td_conversation_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TdConversationRow *self = TD_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      g_value_set_object (value, self->thread);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TdConversationRow *self = TD_CONVERSATION_ROW (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      td_conversation_row_set_thread (self, g_value_get_object (value));
      break;

    case PROP_EXPANDED:
      td_conversation_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_row_class_init (TdConversationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_conversation_row_dispose;
  object_class->get_property = td_conversation_row_get_property;
  object_class->set_property = td_conversation_row_set_property;

  properties[PROP_THREAD] =
    g_param_spec_object ("thread", NULL, NULL, TD_TYPE_CONVERSATION_THREAD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdConversationRow::open:
   *
   * The person asked for the full conversation pane.
   */
  signals[SIGNAL_OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TD_TYPE_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-conversation-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, header);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, avatar);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, last_text_label);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, unread_badge);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, expand_button);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, extra_bin);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, thread_stack);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, thread_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, thread_list);
  gtk_widget_class_bind_template_child (widget_class, TdConversationRow, composer);
  gtk_widget_class_bind_template_callback (widget_class, open_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "conversationrow");
}

static void
td_conversation_row_init (TdConversationRow *self)
{
  GtkGesture *click;
  GtkEventController *keys;
  GtkAdjustment *adjustment;

  gtk_widget_init_template (GTK_WIDGET (self));

  adjustment = gtk_scrolled_window_get_vadjustment (self->thread_scroller);
  g_signal_connect_object (adjustment, "changed",
                           G_CALLBACK (thread_height_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adjustment, "value-changed",
                           G_CALLBACK (thread_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->revealer, "notify::child-revealed",
                           G_CALLBACK (child_revealed_cb), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->recent = gtk_slice_list_model_new (NULL, 0, SHOWN_TEXTS);

  g_signal_connect_object (self->expand_button, "toggled",
                           G_CALLBACK (expand_toggled_cb), self, G_CONNECT_SWAPPED);

  /* A click anywhere on the summary opens or closes the row. */
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (header_pressed_cb), self, 0);
  gtk_widget_add_controller (self->header, GTK_EVENT_CONTROLLER (click));

  /* The sender can be dragged onto a list in the Lists view. */
  td_subscriber_drag_source_attach (self->header, drag_subscriber_cb, self);

  update_header (self);
}

/**
 * td_conversation_row_new:
 *
 * Returns: (transfer floating): a row; give it a thread with
 *   td_conversation_row_set_thread()
 */
GtkWidget *
td_conversation_row_new (void)
{
  return g_object_new (TD_TYPE_CONVERSATION_ROW, NULL);
}

TdConversationThread *
td_conversation_row_get_thread (TdConversationRow *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_ROW (self), NULL);

  return self->thread;
}

/**
 * td_conversation_row_set_thread:
 * @self: a #TdConversationRow
 * @thread: (nullable): the conversation to show
 */
void
td_conversation_row_set_thread (TdConversationRow    *self,
                                TdConversationThread *thread)
{
  g_return_if_fail (TD_IS_CONVERSATION_ROW (self));
  g_return_if_fail (thread == NULL || TD_IS_CONVERSATION_THREAD (thread));

  if (self->thread == thread)
    return;

  if (self->thread != NULL)
    {
      if (self->expanded)
        unbind_thread_view (self);
      td_conversation_thread_unbind_composer (self->thread, GTK_WIDGET (self->composer));
      g_signal_handlers_disconnect_by_func (self->conversation, conversation_notify_cb, self);
      g_signal_handlers_disconnect_by_func (td_conversation_get_subscriber (self->conversation),
                                            conversation_notify_cb, self);
      g_clear_object (&self->conversation);
    }

  g_set_object (&self->thread, thread);

  if (thread != NULL)
    {
      TdSubscriberSummary *summary;

      self->conversation = g_object_ref (td_conversation_thread_get_conversation (thread));
      g_signal_connect_object (self->conversation, "notify",
                               G_CALLBACK (conversation_notify_cb), self, G_CONNECT_SWAPPED);
      summary = td_conversation_get_subscriber (self->conversation);
      if (summary != NULL)
        g_signal_connect_object (summary, "notify",
                                 G_CALLBACK (conversation_notify_cb), self, G_CONNECT_SWAPPED);
      td_conversation_thread_bind_composer (thread, GTK_WIDGET (self->composer));
      if (self->expanded)
        bind_thread_view (self);
    }

  update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAD]);
}

gboolean
td_conversation_row_get_expanded (TdConversationRow *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_ROW (self), FALSE);

  return self->expanded;
}

/**
 * td_conversation_row_set_expanded:
 * @self: a #TdConversationRow
 * @expanded: whether to show the thread and the composer in place
 *
 * Expanding loads the recent texts and marks them read.
 */
void
td_conversation_row_set_expanded (TdConversationRow *self,
                                  gboolean           expanded)
{
  g_return_if_fail (TD_IS_CONVERSATION_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;

  if (self->thread != NULL)
    {
      if (expanded)
        bind_thread_view (self);
      else
        unbind_thread_view (self);
    }

  gtk_toggle_button_set_active (self->expand_button, expanded);
  gtk_revealer_set_reveal_child (self->revealer, expanded);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->expand_button),
                               expanded ? _("Hide the thread")
                                        : _("Show the thread and reply here"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expand_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded, -1);

  if (expanded)
    gtk_widget_add_css_class (GTK_WIDGET (self), "expanded");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "expanded");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

GtkWidget *
td_conversation_row_get_extra (TdConversationRow *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_ROW (self), NULL);

  return adw_bin_get_child (self->extra_bin);
}

/**
 * td_conversation_row_set_extra:
 * @self: a #TdConversationRow
 * @extra: (nullable): a widget to show under the last text, always
 *   visible, e.g. "Did they mean CONCERT?" with its button
 */
void
td_conversation_row_set_extra (TdConversationRow *self,
                               GtkWidget         *extra)
{
  g_return_if_fail (TD_IS_CONVERSATION_ROW (self));
  g_return_if_fail (extra == NULL || GTK_IS_WIDGET (extra));

  adw_bin_set_child (self->extra_bin, extra);
  gtk_widget_set_visible (GTK_WIDGET (self->extra_bin), extra != NULL);
}

/**
 * td_conversation_row_get_composer:
 * @self: a #TdConversationRow
 *
 * Returns: (transfer none): the #TdComposer of the quick reply
 */
GtkWidget *
td_conversation_row_get_composer (TdConversationRow *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_ROW (self), NULL);

  return GTK_WIDGET (self->composer);
}
