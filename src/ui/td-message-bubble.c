/* td-message-bubble.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-message-bubble"

#include "config.h"

#include <glib/gi18n.h>

#include "td-message-bubble.h"

/*
 * TdMessageBubble: one text of a thread. Inbound texts sit on the left,
 * replies on the right with their delivery status, which follows the
 * message as it changes. A reply that could not be sent shows why and a
 * Retry button; the owner of the reply decides what Retry does (it must
 * send with the same idempotency key, so that the reply cannot arrive
 * twice).
 */

struct _TdMessageBubble
{
  AdwBin      parent_instance;

  GtkBox     *bubble;
  GtkLabel   *body_label;
  GtkLabel   *time_label;
  GtkImage   *status_image;
  GtkLabel   *status_label;
  GtkBox     *error_box;
  GtkLabel   *error_label;
  GtkButton  *retry_button;

  TdMessage  *message;
  char       *error;
};

G_DEFINE_FINAL_TYPE (TdMessageBubble, td_message_bubble, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_MESSAGE,
  PROP_ERROR,
  N_PROPS
};

enum {
  SIGNAL_RETRY,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * td_message_bubble_status_label:
 * @status: a message status from the platform, or "sending"
 *
 * Returns: the status in words, or %NULL for an inbound text's "received"
 */
const char *
td_message_bubble_status_label (const char *status)
{
  if (status == NULL || g_str_equal (status, "received"))
    return NULL;
  if (g_str_equal (status, TD_MESSAGE_STATUS_SENDING))
    return _("Sending…");
  if (g_str_equal (status, "queued"))
    return _("Queued");
  if (g_str_equal (status, "sent"))
    return _("Sent");
  if (g_str_equal (status, "delivered"))
    return _("Delivered");
  if (g_str_equal (status, "failed"))
    return _("Failed");
  if (g_str_equal (status, "undelivered"))
    return _("Not delivered");

  return status;
}

static const char *
status_icon (const char *status)
{
  if (status == NULL)
    return NULL;
  if (g_str_equal (status, TD_MESSAGE_STATUS_SENDING) || g_str_equal (status, "queued"))
    return "emblem-synchronizing-symbolic";
  if (g_str_equal (status, "sent"))
    return "mail-send-symbolic";
  if (g_str_equal (status, "delivered"))
    return "object-select-symbolic";
  if (g_str_equal (status, "failed") || g_str_equal (status, "undelivered"))
    return "dialog-error-symbolic";

  return NULL;
}

/**
 * td_message_bubble_format_time:
 * @time: (nullable): when something happened
 * @compact: whether to give the shortest form, for a list row
 *
 * Formats a time as people read it in a thread: the time of day for
 * today, else the date too. @compact gives only the time of day for
 * today, "Yesterday", a weekday or a date.
 *
 * Returns: (transfer full): the time in words; "" for %NULL
 */
char *
td_message_bubble_format_time (GDateTime *time,
                               gboolean   compact)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int days;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  days = g_date_time_get_day_of_year (now) - g_date_time_get_day_of_year (local);
  if (g_date_time_get_year (now) != g_date_time_get_year (local))
    days = 365;

  if (days <= 0)
    /* Translators: a time of day, see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M"));

  if (compact)
    {
      if (days == 1)
        return g_strdup (_("Yesterday"));
      if (days < 7)
        return g_date_time_format (local, "%A");
      /* Translators: a date in a list, see g_date_time_format() */
      return g_date_time_format (local, _("%b %-d"));
    }

  /* Translators: a date and time in a thread, see g_date_time_format() */
  return g_date_time_format (local, _("%b %-d, %H:%M"));
}

static void
update (TdMessageBubble *self)
{
  const char *direction = NULL;
  const char *status = NULL;
  g_autofree char *time = NULL;
  gboolean outbound, failed;
  const char *status_text, *icon;

  if (self->message != NULL)
    {
      direction = td_message_get_direction (self->message);
      status = td_message_get_status (self->message);
      time = td_message_bubble_format_time (td_message_get_created_at (self->message), FALSE);
      gtk_label_set_text (self->body_label, td_message_get_body (self->message) ?: "");
    }

  outbound = g_strcmp0 (direction, "outbound") == 0;
  failed = self->error != NULL ||
           g_strcmp0 (status, "failed") == 0 ||
           g_strcmp0 (status, "undelivered") == 0;

  gtk_label_set_text (self->time_label, time ? time : "");

  status_text = outbound ? td_message_bubble_status_label (status) : NULL;
  if (self->error != NULL)
    status_text = _("Not sent");
  gtk_label_set_text (self->status_label, status_text ? status_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status_text != NULL);

  icon = outbound ? status_icon (self->error ? "failed" : status) : NULL;
  gtk_image_set_from_icon_name (self->status_image, icon);
  gtk_widget_set_visible (GTK_WIDGET (self->status_image), icon != NULL);

  gtk_widget_set_halign (GTK_WIDGET (self->bubble), outbound ? GTK_ALIGN_END : GTK_ALIGN_START);
  if (outbound)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "outbound");
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "inbound");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "inbound");
      gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "outbound");
    }

  if (outbound && failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "failed");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "failed");

  if (outbound && g_strcmp0 (status, TD_MESSAGE_STATUS_SENDING) == 0 && self->error == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->bubble), "sending");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->bubble), "sending");

  gtk_label_set_text (self->error_label, self->error ? self->error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_box), self->error != NULL);
}

static void
message_notify_cb (TdMessageBubble *self,
                   GParamSpec      *pspec,
                   TdMessage       *message)
{
  update (self);
}

static void
retry_clicked_cb (TdMessageBubble *self)
{
  g_signal_emit (self, signals[SIGNAL_RETRY], 0);
}

static void
td_message_bubble_dispose (GObject *object)
{
  TdMessageBubble *self = TD_MESSAGE_BUBBLE (object);

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, message_notify_cb, self);
  g_clear_object (&self->message);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_MESSAGE_BUBBLE);

  G_OBJECT_CLASS (td_message_bubble_parent_class)->dispose (object);
}

static void
td_message_bubble_finalize (GObject *object)
{
  TdMessageBubble *self = TD_MESSAGE_BUBBLE (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (td_message_bubble_parent_class)->finalize (object);
}

static void
td_message_bubble_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdMessageBubble *self = TD_MESSAGE_BUBBLE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      g_value_set_object (value, self->message);
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_message_bubble_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdMessageBubble *self = TD_MESSAGE_BUBBLE (object);

  switch (prop_id)
    {
    case PROP_MESSAGE:
      td_message_bubble_set_message (self, g_value_get_object (value));
      break;

    case PROP_ERROR:
      td_message_bubble_set_error (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_message_bubble_class_init (TdMessageBubbleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_message_bubble_dispose;
  object_class->finalize = td_message_bubble_finalize;
  object_class->get_property = td_message_bubble_get_property;
  object_class->set_property = td_message_bubble_set_property;

  properties[PROP_MESSAGE] =
    g_param_spec_object ("message", NULL, NULL, TD_TYPE_MESSAGE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdMessageBubble::retry:
   *
   * The person asked to send a reply that failed again.
   */
  signals[SIGNAL_RETRY] =
    g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-message-bubble.ui");
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, body_label);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, time_label);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, status_image);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, status_label);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, error_box);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdMessageBubble, retry_button);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_set_css_name (widget_class, "messagebubble");
}

static void
td_message_bubble_init (TdMessageBubble *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: AdwBin unparents its own child. */
  self->bubble = GTK_BOX (adw_bin_get_child (ADW_BIN (self)));
  update (self);
}

/**
 * td_message_bubble_new:
 * @message: (nullable): the text to show
 *
 * Returns: (transfer floating): a bubble that follows @message
 */
GtkWidget *
td_message_bubble_new (TdMessage *message)
{
  return g_object_new (TD_TYPE_MESSAGE_BUBBLE, "message", message, NULL);
}

TdMessage *
td_message_bubble_get_message (TdMessageBubble *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE_BUBBLE (self), NULL);

  return self->message;
}

void
td_message_bubble_set_message (TdMessageBubble *self,
                               TdMessage       *message)
{
  g_return_if_fail (TD_IS_MESSAGE_BUBBLE (self));
  g_return_if_fail (message == NULL || TD_IS_MESSAGE (message));

  if (self->message == message)
    return;

  if (self->message != NULL)
    g_signal_handlers_disconnect_by_func (self->message, message_notify_cb, self);

  g_set_object (&self->message, message);

  if (message != NULL)
    g_signal_connect_object (message, "notify", G_CALLBACK (message_notify_cb),
                             self, G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
}

const char *
td_message_bubble_get_error (TdMessageBubble *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE_BUBBLE (self), NULL);

  return self->error;
}

/**
 * td_message_bubble_set_error:
 * @self: a #TdMessageBubble
 * @error: (nullable): why the reply could not be sent, or %NULL
 *
 * Shows why a reply was not sent, with a Retry button.
 */
void
td_message_bubble_set_error (TdMessageBubble *self,
                             const char      *error)
{
  g_return_if_fail (TD_IS_MESSAGE_BUBBLE (self));

  if (g_strcmp0 (error, self->error) == 0)
    return;

  g_free (self->error);
  self->error = g_strdup (error);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

/**
 * td_message_bubble_get_status_text:
 * @self: a #TdMessageBubble
 *
 * Returns: (nullable): the delivery status as shown, e.g. "Delivered"
 */
const char *
td_message_bubble_get_status_text (TdMessageBubble *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE_BUBBLE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return NULL;

  return gtk_label_get_text (self->status_label);
}
