/* td-stream-suggestion.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-suggestion"

#include "config.h"

#include <glib/gi18n.h>

#include "td-api-error.h"
#include "td-stream-suggestion.h"
#include "td-stream-util.h"

/* The one-click answer to a stream text: "Did they mean CONCERT?" adds the
 * sender to that campaign's list (and, if wanted, sends its auto-response);
 * an ended keyword enrols the sender in the campaign it now points to and
 * sends that campaign's auto-response. Compact in a row, full in the pane.
 */
struct _TdStreamSuggestion
{
  AdwBin             parent_instance;

  gboolean           compact;
  TdSession         *session;
  TdStreamCampaigns *campaigns;
  TdConversation    *conversation;
  GCancellable      *cancellable;
  gboolean           busy;

  GtkWidget         *box;
  GtkWidget         *icon;
  GtkWidget         *title_label;
  GtkWidget         *detail_label;
  GtkWidget         *reply_check;
  GtkWidget         *reply_label;
  GtkWidget         *button;
  GtkWidget         *button_label;
  GtkWidget         *spinner;
};

G_DEFINE_FINAL_TYPE (TdStreamSuggestion, td_stream_suggestion, ADW_TYPE_BIN)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * td_stream_flag_message:
 * @conversation: a stream conversation
 *
 * The text whose router flags the stream acts on: the newest inbound one.
 * An automatic answer may have followed it, so the conversation's
 * `last_inbound_message` is preferred when the platform sends it.
 *
 * Returns: (transfer none) (nullable): the message as JSON
 */
JsonObject *
td_stream_flag_message (TdConversation *conversation)
{
  JsonObject *json;
  JsonNode *node;

  g_return_val_if_fail (TD_IS_CONVERSATION (conversation), NULL);

  json = td_resource_get_json (TD_RESOURCE (conversation));

  node = json_object_get_member (json, "last_inbound_message");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  node = json_object_get_member (json, "last_message");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node) &&
      g_strcmp0 (td_stream_json_string (json_node_get_object (node), "direction"),
                 "inbound") == 0)
    return json_node_get_object (node);

  return NULL;
}

/**
 * td_stream_classify:
 *
 * Returns: what kind of one-click answer @conversation's newest inbound
 *   text calls for
 */
TdStreamSuggestionKind
td_stream_classify (TdConversation *conversation)
{
  JsonObject *message = td_stream_flag_message (conversation);

  if (message == NULL)
    return TD_STREAM_SUGGESTION_NONE;
  if (td_stream_json_string (message, "suggested_keyword") != NULL &&
      td_stream_json_string (message, "suggested_campaign_id") != NULL)
    return TD_STREAM_SUGGESTION_MISSPELLING;
  if (td_stream_json_string (message, "expired_keyword") != NULL)
    return TD_STREAM_SUGGESTION_EXPIRED;

  return TD_STREAM_SUGGESTION_NONE;
}

static JsonObject *
lookup_campaign (TdStreamSuggestion *self,
                 const char         *id)
{
  return self->campaigns != NULL ? td_stream_campaigns_lookup (self->campaigns, id) : NULL;
}

/* The campaign the action enrols the sender in, or NULL. */
static JsonObject *
target_campaign (TdStreamSuggestion *self,
                 JsonObject         *message)
{
  const char *redirect_id;
  JsonObject *expired;

  switch (td_stream_classify (self->conversation))
    {
    case TD_STREAM_SUGGESTION_MISSPELLING:
      return lookup_campaign (self, td_stream_json_string (message, "suggested_campaign_id"));

    case TD_STREAM_SUGGESTION_EXPIRED:
      redirect_id = td_stream_json_string (message, "redirect_campaign_id");
      if (redirect_id == NULL)
        {
          expired = lookup_campaign (self, td_stream_json_string (message, "expired_campaign_id"));
          if (expired == NULL)
            expired = lookup_campaign (self, td_stream_json_string (message, "campaign_id"));
          redirect_id = td_stream_json_string (expired, "redirect_campaign_id");
        }
      return lookup_campaign (self, redirect_id);

    case TD_STREAM_SUGGESTION_NONE:
    default:
      return NULL;
    }
}

static void
update (TdStreamSuggestion *self)
{
  TdStreamSuggestionKind kind = TD_STREAM_SUGGESTION_NONE;
  JsonObject *message = NULL;
  JsonObject *campaign = NULL;
  const char *handled = NULL;
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *action = NULL;
  g_autofree char *reply = NULL;
  const char *campaign_name = NULL;
  const char *auto_response = NULL;

  if (self->conversation != NULL)
    {
      kind = td_stream_classify (self->conversation);
      message = td_stream_flag_message (self->conversation);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), kind != TD_STREAM_SUGGESTION_NONE);
  if (kind == TD_STREAM_SUGGESTION_NONE)
    return;

  campaign = target_campaign (self, message);
  campaign_name = td_stream_json_string (campaign, "name");
  auto_response = td_stream_json_string (campaign, "auto_response");
  if (self->campaigns != NULL)
    handled = td_stream_campaigns_get_handled (self->campaigns,
                                               td_stream_json_string (message, "id"));

  if (kind == TD_STREAM_SUGGESTION_MISSPELLING)
    {
      const char *keyword = td_stream_json_string (message, "suggested_keyword");

      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "tools-check-spelling-symbolic");
      title = g_strdup_printf (_("Did they mean %s?"), keyword);
      if (campaign_name != NULL)
        detail = g_strdup_printf (_("Adding them joins “%s”, as if they had texted %s."),
                                  campaign_name, keyword);
      action = g_strdup_printf (_("Add to %s"), keyword);
    }
  else
    {
      const char *keyword = td_stream_json_string (message, "expired_keyword");

      gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), "alarm-symbolic");
      title = g_strdup_printf (_("%s has ended"), keyword);
      if (campaign_name != NULL)
        {
          detail = g_strdup_printf (_("Its texts now go to “%s”."), campaign_name);
          action = g_strdup_printf (_("Enrol in %s and Reply"), campaign_name);
        }
      else if (self->campaigns == NULL || td_stream_campaigns_get_loaded (self->campaigns))
        {
          detail = g_strdup (_("Its campaign points nowhere else; answer them yourself."));
        }
    }

  gtk_label_set_label (GTK_LABEL (self->title_label), title);
  gtk_label_set_label (GTK_LABEL (self->detail_label), handled != NULL ? handled : detail);
  gtk_widget_set_visible (self->detail_label,
                          handled != NULL || (!self->compact && detail != NULL));

  gtk_widget_set_visible (self->button, handled == NULL && action != NULL);
  gtk_widget_set_sensitive (self->button, !self->busy && campaign != NULL);
  if (action != NULL)
    {
      gtk_label_set_label (GTK_LABEL (self->button_label), action);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, action,
                                      -1);
    }

  /* A misspelling's reply is optional; an ended keyword's always goes. */
  if (auto_response != NULL && *auto_response != '\0')
    reply = g_strdup_printf (_("Also reply: “%s”"), auto_response);
  gtk_widget_set_visible (self->reply_check,
                          !self->compact && handled == NULL &&
                          kind == TD_STREAM_SUGGESTION_MISSPELLING && reply != NULL);
  if (reply != NULL)
    gtk_label_set_label (GTK_LABEL (self->reply_label), reply);

  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
}

/* The action */

typedef struct
{
  TdStreamSuggestion *self;
  TdClient           *client;
  char               *conversation_id;
  char               *message_id;
  char               *name;       /* the sender's */
  char               *list_name;  /* the campaign's */
  char               *reply;      /* NULL for no reply */
  gboolean            added;
} Action;

static void
action_free (Action *action)
{
  g_clear_object (&action->self);
  g_clear_object (&action->client);
  g_free (action->conversation_id);
  g_free (action->message_id);
  g_free (action->name);
  g_free (action->list_name);
  g_free (action->reply);
  g_free (action);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Action, action_free)

static void
set_busy (TdStreamSuggestion *self,
          gboolean            busy)
{
  self->busy = busy;
  update (self);
}

static void
action_finish (Action     *action,
               const char *summary,
               gboolean    handled)
{
  TdStreamSuggestion *self = action->self;

  set_busy (self, FALSE);
  td_stream_show_toast (GTK_WIDGET (self), td_stream_toast_new (summary));

  if (handled)
    {
      if (self->campaigns != NULL)
        td_stream_campaigns_mark_handled (self->campaigns, action->message_id, summary);
      g_signal_emit (self, signals[DONE], 0);
    }
}

static void
reply_sent_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(TdMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  message = td_client_send_reply_finish (TD_CLIENT (object), result, &error);
  if (g_cancellable_is_cancelled (action->self->cancellable))
    return;

  if (error != NULL)
    summary = g_strdup_printf (_("Added %s to “%s”, but the reply failed: %s"),
                               action->name, action->list_name, error->message);
  else
    summary = g_strdup_printf (_("Added %s to “%s” and replied"),
                               action->name, action->list_name);

  action_finish (action, summary, TRUE);
}

static void
members_changed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Action) action = user_data;
  g_autoptr(TdMembersResult) members = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);
  if (g_cancellable_is_cancelled (action->self->cancellable))
    return;

  if (error == NULL)
    {
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        members = td_members_result_new_from_json (json_node_get_object (root), &error);
      else
        g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                             _("The platform did not say whom it added"));
    }

  if (error == NULL && members->failed != NULL && members->failed->len > 0)
    g_set_error (&error, TD_API_ERROR, TD_API_ERROR_INVALID,
                 _("The platform could not add %s to “%s”"),
                 action->name, action->list_name);

  if (error != NULL)
    {
      action_finish (action, error->message, FALSE);
      return;
    }

  if (action->reply != NULL)
    {
      TdClient *client = action->client;
      const char *conversation_id = action->conversation_id;
      const char *reply = action->reply;
      GCancellable *cancellable = action->self->cancellable;

      /* The client makes one idempotency key for the reply and keeps it
       * through its retries: it is sent once. */
      td_client_send_reply_async (client, conversation_id, reply, cancellable,
                                  reply_sent_cb, g_steal_pointer (&action));
      return;
    }

  if (members->already_member > 0 && members->added == 0)
    summary = g_strdup_printf (_("%s was already on “%s”"), action->name, action->list_name);
  else
    summary = g_strdup_printf (_("Added %s to “%s”"), action->name, action->list_name);

  action_finish (action, summary, TRUE);
}

/**
 * td_stream_suggestion_activate:
 *
 * Takes the suggestion: what the button does.
 */
void
td_stream_suggestion_activate (TdStreamSuggestion *self)
{
  TdStreamSuggestionKind kind;
  TdSubscriberSummary *subscriber;
  JsonObject *message;
  JsonObject *campaign;
  const char *list_id;
  const char *auto_response;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  JsonArray *ids;
  Action *action;

  g_return_if_fail (TD_IS_STREAM_SUGGESTION (self));

  if (self->busy || self->session == NULL || self->conversation == NULL)
    return;

  kind = td_stream_classify (self->conversation);
  message = td_stream_flag_message (self->conversation);
  campaign = message != NULL ? target_campaign (self, message) : NULL;
  list_id = td_stream_json_string (campaign, "list_id");
  subscriber = td_conversation_get_subscriber (self->conversation);
  if (kind == TD_STREAM_SUGGESTION_NONE || list_id == NULL || subscriber == NULL)
    return;

  auto_response = td_stream_json_string (campaign, "auto_response");

  action = g_new0 (Action, 1);
  action->self = g_object_ref (self);
  action->client = g_object_ref (td_session_get_client (self->session));
  action->conversation_id = g_strdup (td_resource_get_id (TD_RESOURCE (self->conversation)));
  action->message_id = g_strdup (td_stream_json_string (message, "id"));
  action->name = td_subscriber_summary_dup_display_name (subscriber);
  action->list_name = g_strdup (td_stream_json_string (campaign, "name"));
  if (auto_response != NULL && *auto_response != '\0' &&
      (kind == TD_STREAM_SUGGESTION_EXPIRED ||
       (!self->compact && gtk_check_button_get_active (GTK_CHECK_BUTTON (self->reply_check)))))
    action->reply = g_strdup (auto_response);

  /* A manual consent that keeps the keyword they meant, so that the
   * profile says how they joined. */
  body = json_object_new ();
  ids = json_array_new ();
  json_array_add_string_element (ids, td_resource_get_id (TD_RESOURCE (subscriber)));
  json_object_set_array_member (body, "subscriber_ids", ids);
  json_object_set_string_member (body, "keyword",
                                 kind == TD_STREAM_SUGGESTION_MISSPELLING
                                   ? td_stream_json_string (message, "suggested_keyword")
                                   : td_stream_json_string (message, "expired_keyword"));
  node = json_node_init_object (json_node_alloc (), body);
  escaped = g_uri_escape_string (list_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/lists/%s/members", escaped);

  set_busy (self, TRUE);
  td_client_call_async (action->client, "POST", path, node, NULL, NULL,
                        self->cancellable, members_changed_cb, action);
}

static void
button_clicked_cb (TdStreamSuggestion *self)
{
  td_stream_suggestion_activate (self);
}

static void
campaigns_changed_cb (TdStreamSuggestion *self)
{
  update (self);
}

static void
conversation_notify_cb (TdStreamSuggestion *self)
{
  update (self);
}

/* GObject */

static void
td_stream_suggestion_dispose (GObject *object)
{
  TdStreamSuggestion *self = TD_STREAM_SUGGESTION (object);

  g_cancellable_cancel (self->cancellable);

  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);
  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);

  g_clear_object (&self->session);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->conversation);

  G_OBJECT_CLASS (td_stream_suggestion_parent_class)->dispose (object);
}

static void
td_stream_suggestion_finalize (GObject *object)
{
  TdStreamSuggestion *self = TD_STREAM_SUGGESTION (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (td_stream_suggestion_parent_class)->finalize (object);
}

static void
td_stream_suggestion_class_init (TdStreamSuggestionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_stream_suggestion_dispose;
  object_class->finalize = td_stream_suggestion_finalize;

  /**
   * TdStreamSuggestion::done:
   *
   * The suggestion was taken: the sender is on the list.
   */
  signals[DONE] =
    g_signal_new ("done",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_stream_suggestion_init (TdStreamSuggestion *self)
{
  GtkWidget *text_box;
  GtkWidget *button_box;

  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (self->box, "td-stream-suggestion");
  adw_bin_set_child (ADW_BIN (self), self->box);

  self->icon = gtk_image_new ();
  gtk_widget_set_valign (self->icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->icon);

  text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (text_box, TRUE);
  gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), text_box);

  self->title_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->title_label), TRUE);
  gtk_widget_add_css_class (self->title_label, "heading");
  gtk_box_append (GTK_BOX (text_box), self->title_label);

  self->detail_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->detail_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->detail_label), TRUE);
  gtk_widget_add_css_class (self->detail_label, "dim-label");
  gtk_box_append (GTK_BOX (text_box), self->detail_label);

  /* Texts are long: every label wraps, so that the pane's width decides
   * and not an auto-response's length. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->title_label), 40);
  gtk_label_set_max_width_chars (GTK_LABEL (self->detail_label), 40);

  self->reply_check = gtk_check_button_new ();
  self->reply_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->reply_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->reply_label), 40);
  gtk_label_set_xalign (GTK_LABEL (self->reply_label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (self->reply_check), self->reply_label);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reply_check), TRUE);
  gtk_box_append (GTK_BOX (text_box), self->reply_check);

  button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->spinner = gtk_spinner_new ();
  gtk_box_append (GTK_BOX (button_box), self->spinner);
  self->button_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->button_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->button_label), 24);
  gtk_label_set_justify (GTK_LABEL (self->button_label), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (button_box), self->button_label);

  self->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->button), button_box);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "suggested-action");
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (button_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->box), self->button);

  /* Full by default, as in the pane; td_stream_suggestion_new() makes the
   * compact one of a row. */
  gtk_widget_add_css_class (self->box, "card");

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * td_stream_suggestion_new:
 * @compact: %TRUE in a row: one line, no reply option
 *
 * Returns: (transfer floating): a new suggestion, hidden until it has a
 *   conversation that calls for one
 */
GtkWidget *
td_stream_suggestion_new (gboolean compact)
{
  TdStreamSuggestion *self = g_object_new (TD_TYPE_STREAM_SUGGESTION, NULL);

  self->compact = compact;
  if (compact)
    {
      gtk_widget_remove_css_class (self->box, "card");
      gtk_widget_add_css_class (self->box, "compact");
      gtk_widget_remove_css_class (self->button, "suggested-action");
      gtk_widget_set_visible (self->icon, FALSE);
    }

  return GTK_WIDGET (self);
}

void
td_stream_suggestion_set_context (TdStreamSuggestion *self,
                                  TdSession          *session,
                                  TdStreamCampaigns  *campaigns)
{
  g_return_if_fail (TD_IS_STREAM_SUGGESTION (self));

  g_set_object (&self->session, session);

  if (self->campaigns != campaigns)
    {
      if (self->campaigns != NULL)
        g_signal_handlers_disconnect_by_data (self->campaigns, self);
      g_set_object (&self->campaigns, campaigns);
      if (campaigns != NULL)
        g_signal_connect_object (campaigns, "changed",
                                 G_CALLBACK (campaigns_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }

  update (self);
}

/**
 * td_stream_suggestion_set_conversation:
 * @conversation: (nullable): the stream conversation to answer
 */
void
td_stream_suggestion_set_conversation (TdStreamSuggestion *self,
                                       TdConversation     *conversation)
{
  g_return_if_fail (TD_IS_STREAM_SUGGESTION (self));

  if (self->conversation == conversation)
    {
      update (self);
      return;
    }

  if (self->conversation != NULL)
    g_signal_handlers_disconnect_by_data (self->conversation, self);

  /* A suggestion in flight belongs to the conversation it was taken on. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = FALSE;

  g_set_object (&self->conversation, conversation);
  if (conversation != NULL)
    g_signal_connect_object (conversation, "notify",
                             G_CALLBACK (conversation_notify_cb), self,
                             G_CONNECT_SWAPPED);

  update (self);
}

TdStreamSuggestionKind
td_stream_suggestion_get_kind (TdStreamSuggestion *self)
{
  g_return_val_if_fail (TD_IS_STREAM_SUGGESTION (self), TD_STREAM_SUGGESTION_NONE);

  if (self->conversation == NULL)
    return TD_STREAM_SUGGESTION_NONE;

  return td_stream_classify (self->conversation);
}

gboolean
td_stream_suggestion_get_busy (TdStreamSuggestion *self)
{
  g_return_val_if_fail (TD_IS_STREAM_SUGGESTION (self), FALSE);

  return self->busy;
}

/**
 * td_stream_suggestion_set_reply:
 * @reply: whether taking a misspelling's suggestion also sends the
 *   campaign's auto-response
 */
void
td_stream_suggestion_set_reply (TdStreamSuggestion *self,
                                gboolean            reply)
{
  g_return_if_fail (TD_IS_STREAM_SUGGESTION (self));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->reply_check), reply);
}
