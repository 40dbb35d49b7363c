/* td-conversation-pane.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-conversation-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "td-composer.h"
#include "td-conversation-pane.h"
#include "td-message-bubble.h"
#include "td-phone.h"

/*
 * TdConversationPane: a whole conversation. The thread (bubbles with
 * times and delivery status), the composer under it, and an AdwFlap whose
 * flap holds the subscriber profile that the Stream view provides
 * (td_conversation_pane_set_profile_widget()). Showing a conversation
 * marks it read, and so does every text that arrives while it is shown.
 */

#define THREAD_TEXTS 50

struct _TdConversationPane
{
  AdwBin                parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkToggleButton      *profile_button;
  AdwFlap              *flap;
  GtkStack             *stack;
  GtkStack             *thread_stack;
  GtkSpinner           *spinner;
  AdwStatusPage        *error_page;
  GtkScrolledWindow    *scroller;
  GtkListBox           *thread_list;
  GtkButton            *earlier_button;
  AdwBin               *profile_bin;
  TdComposer           *composer;

  TdConversationThread *thread;
  TdConversation       *conversation;
};

G_DEFINE_FINAL_TYPE (TdConversationPane, td_conversation_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_THREAD,
  PROP_SHOW_BACK,
  N_PROPS
};

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
update_title (TdConversationPane *self)
{
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  TdSubscriberSummary *summary;

  if (self->thread == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Conversation"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      return;
    }

  name = td_conversation_thread_dup_display_name (self->thread);
  summary = td_conversation_get_subscriber (self->conversation);
  if (summary != NULL && td_subscriber_summary_get_phone (summary) != NULL)
    phone = td_phone_format (td_subscriber_summary_get_phone (summary));

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title,
                                 g_strcmp0 (phone, name) != 0 ? phone : NULL);
}

static void
update_thread_state (TdConversationPane *self)
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
      adw_status_page_set_description (self->error_page, error);
      gtk_stack_set_visible_child_name (self->thread_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->thread_stack, "loading");
}

static void
update_earlier (TdConversationPane *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->earlier_button),
                          self->thread != NULL &&
                          td_conversation_thread_get_has_earlier (self->thread));
}

static void
earlier_clicked_cb (TdConversationPane *self)
{
  if (self->thread != NULL)
    td_conversation_thread_load_earlier (self->thread, THREAD_TEXTS);
}

static gboolean
scroll_to_end_cb (gpointer data)
{
  TdConversationPane *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));

  return G_SOURCE_REMOVE;
}

static void
messages_changed_cb (TdConversationPane *self,
                     guint               position,
                     guint               removed,
                     guint               added)
{
  guint n = 0;

  update_thread_state (self);

  if (self->thread != NULL)
    n = g_list_model_get_n_items (td_conversation_thread_get_messages (self->thread));

  /* New texts come at the end: follow them. Earlier ones come at the
   * top, and the person reading them stays where they are. */
  if (!(position == 0 && removed == 0 && added > 0 && n > added))
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_end_cb, g_object_ref (self), g_object_unref);
}

static void
conversation_notify_cb (TdConversationPane *self)
{
  update_title (self);

  if (self->thread != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    td_conversation_thread_mark_read (self->thread);
}

static GtkWidget *
create_bubble_cb (gpointer item,
                  gpointer user_data)
{
  TdConversationPane *self = user_data;

  return td_conversation_thread_create_bubble (self->thread, TD_MESSAGE (item));
}

static void
back_clicked_cb (TdConversationPane *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
reload_clicked_cb (TdConversationPane *self)
{
  if (self->thread != NULL)
    td_conversation_thread_load (self->thread, THREAD_TEXTS);
}

static void
td_conversation_pane_map (GtkWidget *widget)
{
  TdConversationPane *self = TD_CONVERSATION_PANE (widget);

  GTK_WIDGET_CLASS (td_conversation_pane_parent_class)->map (widget);

  if (self->thread != NULL)
    td_conversation_thread_mark_read (self->thread);
}

static void
td_conversation_pane_dispose (GObject *object)
{
  TdConversationPane *self = TD_CONVERSATION_PANE (object);

  td_conversation_pane_set_thread (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CONVERSATION_PANE);

  G_OBJECT_CLASS (td_conversation_pane_parent_class)->dispose (object);
}

static void
td_conversation_pane_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TdConversationPane *self = TD_CONVERSATION_PANE (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      g_value_set_object (value, self->thread);
      break;

    case PROP_SHOW_BACK:
      g_value_set_boolean (value, td_conversation_pane_get_show_back (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_pane_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TdConversationPane *self = TD_CONVERSATION_PANE (object);

  switch (prop_id)
    {
    case PROP_THREAD:
      td_conversation_pane_set_thread (self, g_value_get_object (value));
      break;

    case PROP_SHOW_BACK:
      td_conversation_pane_set_show_back (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_pane_class_init (TdConversationPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_conversation_pane_dispose;
  object_class->get_property = td_conversation_pane_get_property;
  object_class->set_property = td_conversation_pane_set_property;

  widget_class->map = td_conversation_pane_map;

  properties[PROP_THREAD] =
    g_param_spec_object ("thread", NULL, NULL, TD_TYPE_CONVERSATION_THREAD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_BACK] =
    g_param_spec_boolean ("show-back", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdConversationPane::back:
   *
   * The person asked to go back to the list (on a narrow window).
   */
  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (TD_TYPE_COMPOSER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-conversation-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, profile_button);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, flap);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, stack);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, thread_stack);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, scroller);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, thread_list);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, earlier_button);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, profile_bin);
  gtk_widget_class_bind_template_child (widget_class, TdConversationPane, composer);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, earlier_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "conversationpane");
}

static void
td_conversation_pane_init (TdConversationPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_object_bind_property (self->profile_button, "active",
                          self->flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  /* Without a profile widget the flap has nothing to show. */
  adw_flap_set_locked (self->flap, TRUE);
  adw_flap_set_reveal_flap (self->flap, FALSE);

  update_title (self);
}

/**
 * td_conversation_pane_new:
 *
 * Returns: (transfer floating): an empty pane; show a conversation with
 *   td_conversation_pane_set_thread()
 */
GtkWidget *
td_conversation_pane_new (void)
{
  return g_object_new (TD_TYPE_CONVERSATION_PANE, NULL);
}

TdConversationThread *
td_conversation_pane_get_thread (TdConversationPane *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_PANE (self), NULL);

  return self->thread;
}

/**
 * td_conversation_pane_set_thread:
 * @self: a #TdConversationPane
 * @thread: (nullable): the conversation to show
 *
 * Shows a conversation, loads its latest texts and marks it read.
 */
void
td_conversation_pane_set_thread (TdConversationPane   *self,
                                 TdConversationThread *thread)
{
  g_return_if_fail (TD_IS_CONVERSATION_PANE (self));
  g_return_if_fail (thread == NULL || TD_IS_CONVERSATION_THREAD (thread));

  if (self->thread == thread)
    return;

  if (self->thread != NULL)
    {
      gtk_list_box_bind_model (self->thread_list, NULL, NULL, NULL, NULL);
      g_signal_handlers_disconnect_by_func (td_conversation_thread_get_messages (self->thread),
                                            messages_changed_cb, self);
      g_signal_handlers_disconnect_by_func (self->thread, update_thread_state, self);
      g_signal_handlers_disconnect_by_func (self->thread, update_earlier, self);
      g_signal_handlers_disconnect_by_func (self->conversation, conversation_notify_cb, self);
      td_conversation_thread_unbind_composer (self->thread, GTK_WIDGET (self->composer));
      g_clear_object (&self->conversation);
    }

  g_set_object (&self->thread, thread);

  if (thread != NULL)
    {
      GListModel *messages = td_conversation_thread_get_messages (thread);

      self->conversation = g_object_ref (td_conversation_thread_get_conversation (thread));
      g_signal_connect_object (self->conversation, "notify",
                               G_CALLBACK (conversation_notify_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (self->thread_list, messages, create_bubble_cb, self, NULL);
      g_signal_connect_object (messages, "items-changed",
                               G_CALLBACK (messages_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (thread, "notify::loading",
                               G_CALLBACK (update_thread_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (thread, "notify::load-error",
                               G_CALLBACK (update_thread_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (thread, "notify::has-earlier",
                               G_CALLBACK (update_earlier), self, G_CONNECT_SWAPPED);
      td_conversation_thread_bind_composer (thread, GTK_WIDGET (self->composer));

      td_conversation_thread_load (thread, THREAD_TEXTS);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        td_conversation_thread_mark_read (thread);

      gtk_stack_set_visible_child_name (self->stack, "thread");
      messages_changed_cb (self, 0, 0, 0);
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  update_title (self);
  update_earlier (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAD]);
}

GtkWidget *
td_conversation_pane_get_profile_widget (TdConversationPane *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_PANE (self), NULL);

  return adw_bin_get_child (self->profile_bin);
}

/**
 * td_conversation_pane_set_profile_widget:
 * @self: a #TdConversationPane
 * @profile: (nullable): the subscriber profile to show beside the thread
 *
 * Puts a profile (TdSubscriberProfile) in the flap; the header gets a
 * button that shows and hides it. The owner of @profile keeps it up to
 * date with the conversation shown (see the "thread" property).
 */
void
td_conversation_pane_set_profile_widget (TdConversationPane *self,
                                         GtkWidget          *profile)
{
  g_return_if_fail (TD_IS_CONVERSATION_PANE (self));
  g_return_if_fail (profile == NULL || GTK_IS_WIDGET (profile));

  adw_bin_set_child (self->profile_bin, profile);
  gtk_widget_set_visible (GTK_WIDGET (self->profile_button), profile != NULL);
  adw_flap_set_locked (self->flap, profile == NULL);

  if (profile == NULL)
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/**
 * td_conversation_pane_get_reveal_profile:
 * @self: a #TdConversationPane
 *
 * Returns: whether the profile beside the thread is shown
 */
gboolean
td_conversation_pane_get_reveal_profile (TdConversationPane *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_PANE (self), FALSE);

  return adw_flap_get_reveal_flap (self->flap);
}

/**
 * td_conversation_pane_set_reveal_profile:
 * @self: a #TdConversationPane
 * @reveal: whether to show the profile beside the thread
 *
 * Shows or hides the profile, as its header button does; nothing without
 * a profile widget.
 */
void
td_conversation_pane_set_reveal_profile (TdConversationPane *self,
                                         gboolean            reveal)
{
  g_return_if_fail (TD_IS_CONVERSATION_PANE (self));

  if (adw_bin_get_child (self->profile_bin) == NULL)
    return;

  adw_flap_set_reveal_flap (self->flap, reveal);
}

gboolean
td_conversation_pane_get_show_back (TdConversationPane *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_PANE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->back_button));
}

void
td_conversation_pane_set_show_back (TdConversationPane *self,
                                    gboolean            show_back)
{
  g_return_if_fail (TD_IS_CONVERSATION_PANE (self));

  show_back = !!show_back;
  if (show_back == td_conversation_pane_get_show_back (self))
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), show_back);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK]);
}

/**
 * td_conversation_pane_get_composer:
 * @self: a #TdConversationPane
 *
 * Returns: (transfer none): the pane's #TdComposer
 */
GtkWidget *
td_conversation_pane_get_composer (TdConversationPane *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_PANE (self), NULL);

  return GTK_WIDGET (self->composer);
}
