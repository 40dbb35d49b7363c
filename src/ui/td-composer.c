/* td-composer.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-composer"

#include "config.h"

#include <glib/gi18n.h>

#include "td-composer.h"
#include "td-template.h"

/*
 * TdComposer: where a reply is written.
 *
 * A text view that grows with its text, a Send button, and a counter that
 * measures the text as the subscriber will receive it: with placeholders
 * such as {first_name} filled from td_composer_set_values(), whose result
 * is also shown as a preview. Ctrl+Enter or the button emits "send" with
 * the filled text. The composer never clears itself: the owner clears it
 * (td_composer_set_text (self, "")) once the platform has accepted the
 * reply, and keeps it "busy" while the reply is in flight so that it is
 * never sent twice.
 */

struct _TdComposer
{
  GtkWidget      parent_instance;

  GtkBox        *blocked_box;
  GtkLabel      *blocked_label;
  GtkTextView   *text_view;
  GtkButton     *send_button;
  GtkLabel      *preview_label;
  GtkLabel      *warning_label;
  GtkLabel      *counter_label;

  GHashTable    *values;
  char          *blocked_reason;
  char          *counter_text;
  TdSmsInfo      info;
  gboolean       busy;
  gboolean       can_send;
};

G_DEFINE_FINAL_TYPE (TdComposer, td_composer, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_BLOCKED_REASON,
  PROP_BUSY,
  PROP_CAN_SEND,
  PROP_COUNTER_TEXT,
  N_PROPS
};

enum {
  SIGNAL_SEND,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
format_counter (const TdSmsInfo *info)
{
  g_autofree char *texts = NULL;

  texts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text", "%u texts",
                                        info->parts),
                           info->parts);

  /* Translators: the SMS counter under the reply box: units used in the
   * current text / units a text holds · number of texts · encoding, as
   * in "87 / 153 · 2 texts · GSM-7". */
  return g_strdup_printf (_("%u / %u · %s · %s"),
                          info->units_in_part, info->units_per_part, texts,
                          td_sms_encoding_to_string (info->encoding));
}

static void
update_can_send (TdComposer *self)
{
  gboolean can_send;

  can_send = !self->busy && self->blocked_reason == NULL && self->info.parts > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.send", can_send);

  if (can_send == self->can_send)
    return;

  self->can_send = can_send;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_SEND]);
}

static void
update (TdComposer *self)
{
  g_autofree char *text = td_composer_get_text (self);
  g_autofree char *filled = td_template_fill (text, self->values);
  g_autofree char *counter = NULL;
  g_auto(GStrv) unknown = NULL;
  gboolean templated = td_template_has_placeholders (text);

  /* A reply made only of spaces would reach the subscriber as nothing. */
  g_strstrip (filled);
  self->info = td_sms_count (filled);

  counter = format_counter (&self->info);
  gtk_label_set_text (self->counter_label, counter);
  if (g_strcmp0 (counter, self->counter_text) != 0)
    {
      g_free (self->counter_text);
      self->counter_text = g_steal_pointer (&counter);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNTER_TEXT]);
    }

  if (templated)
    {
      g_autofree char *preview = g_strdup_printf (_("Preview: %s"), filled);

      gtk_label_set_text (self->preview_label, preview);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), templated);

  unknown = td_template_list_unknown (text, self->values);
  if (unknown[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", unknown);
      g_autofree char *warning = NULL;

      warning = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "This subscriber has no field %s: it will be left out.",
                       "This subscriber has no fields %s: they will be left out.",
                       g_strv_length (unknown)),
          joined);
      gtk_label_set_text (self->warning_label, warning);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), unknown[0] != NULL);

  update_can_send (self);
}

static void
buffer_changed_cb (TdComposer    *self,
                   GtkTextBuffer *buffer)
{
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

static void
send_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  td_composer_send (TD_COMPOSER (widget));
}

static void
insert_placeholder_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TdComposer *self = TD_COMPOSER (widget);
  g_autofree char *placeholder = NULL;
  GtkTextBuffer *buffer;

  if (!gtk_text_view_get_editable (self->text_view))
    return;

  placeholder = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, placeholder, -1, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static gboolean
send_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  TdComposer *self = TD_COMPOSER (user_data);

  /* Ctrl+Enter is ours even when nothing can be sent: it must never fall
   * through to the text view as a new line. */
  td_composer_send (self);

  return TRUE;
}

static void
update_sensitivity (TdComposer *self)
{
  gboolean editable = !self->busy && self->blocked_reason == NULL;

  gtk_text_view_set_editable (self->text_view, editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "composer.insert-placeholder", editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->text_view),
                            self->blocked_reason == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->blocked_box),
                          self->blocked_reason != NULL);
  gtk_label_set_text (self->blocked_label,
                      self->blocked_reason ? self->blocked_reason : "");

  if (self->busy)
    gtk_widget_add_css_class (GTK_WIDGET (self), "busy");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "busy");
}

static gboolean
td_composer_grab_focus (GtkWidget *widget)
{
  TdComposer *self = TD_COMPOSER (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
td_composer_dispose (GObject *object)
{
  TdComposer *self = TD_COMPOSER (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_COMPOSER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (td_composer_parent_class)->dispose (object);
}

static void
td_composer_finalize (GObject *object)
{
  TdComposer *self = TD_COMPOSER (object);

  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->blocked_reason, g_free);
  g_clear_pointer (&self->counter_text, g_free);

  G_OBJECT_CLASS (td_composer_parent_class)->finalize (object);
}

static void
td_composer_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdComposer *self = TD_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_take_string (value, td_composer_get_text (self));
      break;

    case PROP_BLOCKED_REASON:
      g_value_set_string (value, self->blocked_reason);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    case PROP_CAN_SEND:
      g_value_set_boolean (value, self->can_send);
      break;

    case PROP_COUNTER_TEXT:
      g_value_set_string (value, self->counter_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_composer_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  TdComposer *self = TD_COMPOSER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      td_composer_set_text (self, g_value_get_string (value));
      break;

    case PROP_BLOCKED_REASON:
      td_composer_set_blocked_reason (self, g_value_get_string (value));
      break;

    case PROP_BUSY:
      td_composer_set_busy (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_composer_class_init (TdComposerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_composer_dispose;
  object_class->finalize = td_composer_finalize;
  object_class->get_property = td_composer_get_property;
  object_class->set_property = td_composer_set_property;

  widget_class->grab_focus = td_composer_grab_focus;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_BLOCKED_REASON] =
    g_param_spec_string ("blocked-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  properties[PROP_CAN_SEND] =
    g_param_spec_boolean ("can-send", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  properties[PROP_COUNTER_TEXT] =
    g_param_spec_string ("counter-text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdComposer::send:
   * @self: the composer
   * @body: the reply as the subscriber will read it, placeholders filled
   *
   * The person asked to send. The text stays until the owner clears it.
   */
  signals[SIGNAL_SEND] =
    g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "composer.send", NULL, send_action_cb);
  gtk_widget_class_install_action (widget_class, "composer.insert-placeholder", "s",
                                   insert_placeholder_action_cb);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-composer.ui");
  gtk_widget_class_bind_template_child (widget_class, TdComposer, blocked_box);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, blocked_label);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, text_view);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, send_button);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, preview_label);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, warning_label);
  gtk_widget_class_bind_template_child (widget_class, TdComposer, counter_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "composer");
}

static void
td_composer_init (TdComposer *self)
{
  GtkEventController *controller;
  GtkShortcutAction *action;
  GtkShortcutTrigger *trigger;
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  /* In the capture phase, so that the text view never sees Ctrl+Enter. */
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  action = gtk_callback_action_new (send_shortcut_cb, self, NULL);
  trigger = gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (trigger, action));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (buffer_changed_cb), self, G_CONNECT_SWAPPED);

  update_sensitivity (self);
  update (self);
}

/**
 * td_composer_new:
 *
 * Returns: (transfer floating): a new, empty composer
 */
GtkWidget *
td_composer_new (void)
{
  return g_object_new (TD_TYPE_COMPOSER, NULL);
}

/**
 * td_composer_get_text:
 * @self: a #TdComposer
 *
 * Returns: (transfer full): the text as written, placeholders and all
 */
char *
td_composer_get_text (TdComposer *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (TD_IS_COMPOSER (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/**
 * td_composer_set_text:
 * @self: a #TdComposer
 * @text: (nullable): the new text; %NULL or "" clears the composer
 */
void
td_composer_set_text (TdComposer *self,
                      const char *text)
{
  g_autofree char *current = NULL;

  g_return_if_fail (TD_IS_COMPOSER (self));

  current = td_composer_get_text (self);
  if (g_strcmp0 (current, text ? text : "") == 0)
    return;

  /* The buffer's "changed" handler updates and notifies. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                            text ? text : "", -1);
}

/**
 * td_composer_get_filled_text:
 * @self: a #TdComposer
 *
 * Returns: (transfer full): the text as the subscriber will read it
 */
char *
td_composer_get_filled_text (TdComposer *self)
{
  g_autofree char *text = NULL;
  char *filled;

  g_return_val_if_fail (TD_IS_COMPOSER (self), NULL);

  text = td_composer_get_text (self);
  filled = td_template_fill (text, self->values);

  return g_strstrip (filled);
}

/**
 * td_composer_set_values:
 * @self: a #TdComposer
 * @values: (nullable) (element-type utf8 utf8): the subscriber's values
 *   for placeholders, as td_template_fill() takes them
 *
 * Sets whom the reply is for, so that the counter and the preview show
 * the text this subscriber will read.
 */
void
td_composer_set_values (TdComposer *self,
                        GHashTable *values)
{
  g_return_if_fail (TD_IS_COMPOSER (self));

  if (self->values == values)
    return;

  g_clear_pointer (&self->values, g_hash_table_unref);
  if (values != NULL)
    self->values = g_hash_table_ref (values);

  update (self);
}

const char *
td_composer_get_blocked_reason (TdComposer *self)
{
  g_return_val_if_fail (TD_IS_COMPOSER (self), NULL);

  return self->blocked_reason;
}

/**
 * td_composer_set_blocked_reason:
 * @self: a #TdComposer
 * @reason: (nullable): why nothing can be sent, in words for the person
 *   at the keyboard, or %NULL when sending is allowed
 *
 * Blocks sending, for instance to a subscriber who opted out, and shows
 * why in place of a silently grey button.
 */
void
td_composer_set_blocked_reason (TdComposer *self,
                                const char *reason)
{
  g_return_if_fail (TD_IS_COMPOSER (self));

  if (reason != NULL && *reason == '\0')
    reason = NULL;

  if (g_strcmp0 (reason, self->blocked_reason) == 0)
    return;

  g_free (self->blocked_reason);
  self->blocked_reason = g_strdup (reason);

  update_sensitivity (self);
  update_can_send (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
}

gboolean
td_composer_get_busy (TdComposer *self)
{
  g_return_val_if_fail (TD_IS_COMPOSER (self), FALSE);

  return self->busy;
}

/**
 * td_composer_set_busy:
 * @self: a #TdComposer
 * @busy: whether a reply from this composer is in flight
 *
 * While busy, the text cannot be edited or sent again.
 */
void
td_composer_set_busy (TdComposer *self,
                      gboolean    busy)
{
  g_return_if_fail (TD_IS_COMPOSER (self));

  busy = !!busy;
  if (busy == self->busy)
    return;

  self->busy = busy;

  update_sensitivity (self);
  update_can_send (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

gboolean
td_composer_get_can_send (TdComposer *self)
{
  g_return_val_if_fail (TD_IS_COMPOSER (self), FALSE);

  return self->can_send;
}

/**
 * td_composer_get_info:
 * @self: a #TdComposer
 *
 * Returns: what the filled text costs
 */
TdSmsInfo
td_composer_get_info (TdComposer *self)
{
  TdSmsInfo empty = { 0, };

  g_return_val_if_fail (TD_IS_COMPOSER (self), empty);

  return self->info;
}

/**
 * td_composer_get_counter_text:
 * @self: a #TdComposer
 *
 * Returns: the counter as shown, e.g. "87 / 153 · 2 texts · GSM-7"
 */
const char *
td_composer_get_counter_text (TdComposer *self)
{
  g_return_val_if_fail (TD_IS_COMPOSER (self), NULL);

  return self->counter_text;
}

/**
 * td_composer_send:
 * @self: a #TdComposer
 *
 * Emits "send" with the filled text, if sending is possible now: there is
 * text, no reply is in flight and nothing blocks sending.
 *
 * Returns: whether "send" was emitted
 */
gboolean
td_composer_send (TdComposer *self)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (TD_IS_COMPOSER (self), FALSE);

  if (!self->can_send)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  body = td_composer_get_filled_text (self);
  g_signal_emit (self, signals[SIGNAL_SEND], 0, body);

  return TRUE;
}
