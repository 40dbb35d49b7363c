/* td-campaign-activity.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-campaign-activity"

#include "config.h"

#include <glib/gi18n.h>

#include "td-campaign-activity.h"
#include "td-conversation-pane.h"
#include "td-conversation-row.h"
#include "td-conversation-thread.h"
#include "td-paged-model.h"
#include "td-subscriber-profile.h"

/*
 * TdCampaignActivity: the conversations of the people who texted one
 * campaign, newest first, in a lazy list (TdPagedModel) of rows that
 * expand in place; the conversation pane beside them. Live: a new text
 * of the campaign brings its conversation to the top, and a changed
 * conversation is updated where it is.
 *
 * The list holds still while someone works in it: when it is scrolled
 * down, or a row is open or has the focus, conversations with new texts
 * are updated where they are and a banner, "2 conversations with new
 * texts", brings them to the top when clicked.
 */

struct _TdCampaignActivity
{
  AdwBin              parent_instance;

  AdwLeaflet         *leaflet;
  GtkWidget          *list_page;
  AdwHeaderBar       *list_header_bar;
  AdwWindowTitle     *window_title;
  GtkStack           *list_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkListView        *list_view;
  GtkRevealer        *new_revealer;
  GtkButton          *new_button;
  TdConversationPane *pane;
  GtkWidget          *profile;

  TdSession          *session;
  TdCampaign         *campaign;
  TdPagedModel       *model;
  GtkNoSelection     *selection;
  GHashTable         *threads;    /* conversation id -> TdConversationThread */
  GHashTable         *expanded;   /* conversation ids of expanded rows */
  GHashTable         *pending;    /* conversation id -> JsonObject, held back */
  GCancellable       *cancellable;
};

G_DEFINE_FINAL_TYPE (TdCampaignActivity, td_campaign_activity, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CAMPAIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TdEventStream *
event_stream (TdCampaignActivity *self)
{
  return self->session ? td_session_get_event_stream (self->session) : NULL;
}

static TdConversationThread *
get_thread (TdCampaignActivity *self,
            TdConversation     *conversation)
{
  const char *id = td_resource_get_id (TD_RESOURCE (conversation));
  TdConversationThread *thread = g_hash_table_lookup (self->threads, id);

  if (thread == NULL)
    {
      /* Kept for the life of the view: a row recycled by the list must
       * not lose a draft or a reply in flight. */
      thread = td_conversation_thread_get_for (td_session_get_client (self->session),
                                               conversation,
                                               G_OBJECT (event_stream (self)));
      g_hash_table_insert (self->threads, g_strdup (id), thread);
    }

  return thread;
}

static void
update_state (TdCampaignActivity *self)
{
  const GError *error = NULL;
  gboolean loading = FALSE;
  guint n = 0;

  if (self->model != NULL)
    {
      error = td_paged_model_get_error (self->model);
      loading = td_paged_model_get_loading (self->model);
      n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
    }

  gtk_spinner_set_spinning (self->spinner, loading && n == 0);

  if (n > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else if (loading || self->model == NULL)
    gtk_stack_set_visible_child_name (self->list_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
update_title (TdCampaignActivity *self)
{
  adw_window_title_set_title (self->window_title,
                              self->campaign ? td_campaign_get_name (self->campaign) : "");
}

/* ---- Opening ---------------------------------------------------------- */

static void
open_thread (TdCampaignActivity   *self,
             TdConversationThread *thread)
{
  TdSubscriberSummary *subscriber =
    td_conversation_get_subscriber (td_conversation_thread_get_conversation (thread));

  td_conversation_pane_set_thread (self->pane, thread);
  td_subscriber_profile_set_subscriber_id (TD_SUBSCRIBER_PROFILE (self->profile),
                                           subscriber != NULL
                                             ? td_resource_get_id (TD_RESOURCE (subscriber))
                                             : NULL);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->pane));
  gtk_widget_grab_focus (td_conversation_pane_get_composer (self->pane));
}

static void
row_open_cb (TdConversationRow  *row,
             TdCampaignActivity *self)
{
  TdConversationThread *thread = td_conversation_row_get_thread (row);

  if (thread != NULL)
    open_thread (self, thread);
}

static void
list_activate_cb (TdCampaignActivity *self,
                  guint               position)
{
  g_autoptr(TdConversation) conversation = NULL;

  conversation = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (conversation != NULL)
    open_thread (self, get_thread (self, conversation));
}

static void
pane_back_cb (TdCampaignActivity *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
folded_changed_cb (TdCampaignActivity *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  td_conversation_pane_set_show_back (self->pane, folded);
  adw_header_bar_set_show_end_title_buttons (self->list_header_bar, folded);
}

static void
reload_clicked_cb (TdCampaignActivity *self)
{
  if (self->model != NULL)
    td_paged_model_reload (self->model);
}

/* ---- Rows ------------------------------------------------------------- */

static void
row_expanded_cb (TdConversationRow  *row,
                 GParamSpec         *pspec,
                 TdCampaignActivity *self)
{
  TdConversationThread *thread = td_conversation_row_get_thread (row);
  const char *id;

  if (thread == NULL || g_object_get_data (G_OBJECT (row), "td-binding") != NULL)
    return;

  id = td_resource_get_id (TD_RESOURCE (td_conversation_thread_get_conversation (thread)));
  if (td_conversation_row_get_expanded (row))
    g_hash_table_add (self->expanded, g_strdup (id));
  else
    g_hash_table_remove (self->expanded, id);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TdCampaignActivity       *self)
{
  GtkWidget *row = td_conversation_row_new ();

  g_signal_connect_object (row, "open", G_CALLBACK (row_open_cb), self, 0);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (row_expanded_cb), self, 0);
  gtk_list_item_set_child (item, row);
  /* The row is a whole little form when expanded: clicks, the focus and
   * the keys go to its parts (the header, the reply box, the buttons),
   * never to the list item around them. */
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_selectable (item, FALSE);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TdCampaignActivity       *self)
{
  TdConversationRow *row = TD_CONVERSATION_ROW (gtk_list_item_get_child (item));
  TdConversation *conversation = gtk_list_item_get_item (item);
  const char *id = td_resource_get_id (TD_RESOURCE (conversation));

  /* The list item widget around the row would take the focus from the
   * reply box on a click, and the list would scroll to it. */
  if (gtk_widget_get_parent (GTK_WIDGET (row)) != NULL)
    gtk_widget_set_focus_on_click (gtk_widget_get_parent (GTK_WIDGET (row)), FALSE);

  g_object_set_data (G_OBJECT (row), "td-binding", GINT_TO_POINTER (TRUE));
  td_conversation_row_set_thread (row, get_thread (self, conversation));
  td_conversation_row_set_expanded (row, g_hash_table_contains (self->expanded, id));
  g_object_set_data (G_OBJECT (row), "td-binding", NULL);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TdCampaignActivity       *self)
{
  TdConversationRow *row = TD_CONVERSATION_ROW (gtk_list_item_get_child (item));

  g_object_set_data (G_OBJECT (row), "td-binding", GINT_TO_POINTER (TRUE));
  td_conversation_row_set_expanded (row, FALSE);
  td_conversation_row_set_thread (row, NULL);
  g_object_set_data (G_OBJECT (row), "td-binding", NULL);
}

/* ---- Live ------------------------------------------------------------- */

/* Someone is working in the list: it must not move under them. */
static gboolean
list_in_use (TdCampaignActivity *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return g_hash_table_size (self->expanded) > 0 ||
         (adjustment != NULL &&
          gtk_adjustment_get_value (adjustment) > gtk_adjustment_get_lower (adjustment) + 1) ||
         (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)));
}

static void
update_new_banner (TdCampaignActivity *self)
{
  guint n = g_hash_table_size (self->pending);

  if (n > 0)
    {
      g_autofree char *label =
        g_strdup_printf (ngettext ("%u conversation with new texts",
                                   "%u conversations with new texts", n), n);

      gtk_button_set_label (self->new_button, label);
    }
  gtk_revealer_set_reveal_child (self->new_revealer, n > 0);
}

static const char *
last_message_direction (JsonObject *conversation)
{
  JsonObject *last = NULL;

  if (json_object_has_member (conversation, "last_message"))
    last = json_object_get_object_member (conversation, "last_message");

  return last ? json_object_get_string_member_with_default (last, "direction", NULL) : NULL;
}

/* A conversation with a new text goes to the top, or waits for the
 * banner while the list is in use (its row, if shown, is updated). */
static void
bring_to_front (TdCampaignActivity *self,
                JsonObject         *conversation)
{
  const char *id = json_object_get_string_member_with_default (conversation, "id", NULL);

  if (id == NULL)
    return;

  if (!list_in_use (self))
    {
      td_paged_model_upsert (self->model, conversation, TRUE);
      return;
    }

  if (td_paged_model_find (self->model, id, NULL) != NULL)
    {
      td_paged_model_upsert (self->model, conversation, FALSE);

      /* Our own reply (from this row or elsewhere) is no news. */
      if (g_strcmp0 (last_message_direction (conversation), "outbound") == 0)
        return;
    }
  g_hash_table_replace (self->pending, g_strdup (id), json_object_ref (conversation));
  update_new_banner (self);
}

static const char *
last_text_time (JsonObject *conversation)
{
  JsonObject *last = NULL;

  if (json_object_has_member (conversation, "last_message"))
    last = json_object_get_object_member (conversation, "last_message");
  if (last != NULL)
    return json_object_get_string_member_with_default (last, "created_at", "");

  return json_object_get_string_member_with_default (conversation, "updated_at", "");
}

/* The platform's times are RFC 3339 in UTC: they sort as strings. */
static int
compare_last_text (gconstpointer a,
                   gconstpointer b)
{
  return g_strcmp0 (last_text_time ((JsonObject *) a), last_text_time ((JsonObject *) b));
}

static void
new_clicked_cb (TdCampaignActivity *self)
{
  g_autoptr(GList) conversations = g_hash_table_get_values (self->pending);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (self->model != NULL)
    {
      /* Oldest first, each to the top: the newest ends first, as the
       * platform sorts them. */
      conversations = g_list_sort (conversations, compare_last_text);
      for (GList *l = conversations; l != NULL; l = l->next)
        td_paged_model_upsert (self->model, l->data, TRUE);
    }

  g_hash_table_remove_all (self->pending);
  update_new_banner (self);

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
conversation_fetched_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(TdCampaignActivity) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdResource) conversation = NULL;

  conversation = td_client_get_object_finish (TD_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->model == NULL)
    return;

  if (error != NULL)
    {
      g_debug ("Could not fetch a new conversation: %s", error->message);
      return;
    }

  bring_to_front (self, td_resource_get_json (conversation));
}

static const char *
last_message_id (JsonObject *conversation)
{
  JsonObject *last;

  if (conversation == NULL || !json_object_has_member (conversation, "last_message"))
    return NULL;

  last = json_object_get_object_member (conversation, "last_message");

  return last ? json_object_get_string_member_with_default (last, "id", NULL) : NULL;
}

static void
event_cb (TdEventStream      *stream,
          const char         *type,
          JsonObject         *object,
          TdCampaignActivity *self)
{
  const char *campaign_id;

  if (self->model == NULL || object == NULL)
    return;

  campaign_id = td_resource_get_id (TD_RESOURCE (self->campaign));

  if (g_strcmp0 (type, "message.created") == 0)
    {
      const char *conversation_id =
        json_object_get_string_member_with_default (object, "conversation_id", NULL);
      g_autofree char *path = NULL;

      if (conversation_id == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (object, "campaign_id", NULL),
                     campaign_id) != 0 ||
          td_paged_model_find (self->model, conversation_id, NULL) != NULL)
        return;

      /* A conversation new to this campaign: its conversation.updated
       * may have come before this text, so fetch it. */
      path = g_strdup_printf ("/v1/conversations/%s", conversation_id);
      td_client_get_object_async (td_session_get_client (self->session),
                                  TD_TYPE_CONVERSATION, path, self->cancellable,
                                  conversation_fetched_cb, g_object_ref (self));
    }
  else if (g_strcmp0 (type, "conversation.updated") == 0)
    {
      const char *id = json_object_get_string_member_with_default (object, "id", NULL);
      TdResource *existing = id ? td_paged_model_find (self->model, id, NULL) : NULL;
      const char *before = NULL;
      TdMessage *last;

      if (existing == NULL)
        return;

      last = td_conversation_get_last_message (TD_CONVERSATION (existing));
      if (last != NULL)
        before = td_resource_get_id (TD_RESOURCE (last));

      /* Only a new text moves a conversation to the top; being read or
       * archived changes it where it is. */
      if (g_strcmp0 (before, last_message_id (object)) != 0)
        bring_to_front (self, object);
      else
        {
          td_paged_model_upsert (self->model, object, FALSE);
          if (g_hash_table_contains (self->pending, id))
            g_hash_table_replace (self->pending, g_strdup (id), json_object_ref (object));
        }
    }
}

static void
reset_cb (TdCampaignActivity *self)
{
  g_hash_table_remove_all (self->pending);
  update_new_banner (self);
  if (self->model != NULL)
    td_paged_model_reload (self->model);
}

/* ---- Session ---------------------------------------------------------- */

static void
model_notify_cb (TdCampaignActivity *self)
{
  update_state (self);
}

static gboolean
scroll_to_top_cb (gpointer data)
{
  TdCampaignActivity *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));

  return G_SOURCE_REMOVE;
}

static void
model_items_changed_cb (TdCampaignActivity *self,
                        guint               position,
                        guint               removed,
                        guint               added)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  update_state (self);

  /* The list keeps what is in view where it is, so a conversation coming
   * to the top lands above the view. Someone watching the top of the
   * list wants to see it; someone reading further down is left alone. */
  if (position == 0 && added > 0 && adjustment != NULL &&
      gtk_adjustment_get_value (adjustment) <= gtk_adjustment_get_lower (adjustment) + 1)
    g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_cb, g_object_ref (self), g_object_unref);
}

static void
clear_session (TdCampaignActivity *self)
{
  TdEventStream *stream = event_stream (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (stream != NULL)
    {
      g_signal_handlers_disconnect_by_func (stream, event_cb, self);
      g_signal_handlers_disconnect_by_func (stream, reset_cb, self);
    }

  td_conversation_pane_set_thread (self->pane, NULL);
  td_subscriber_profile_set_subscriber_id (TD_SUBSCRIBER_PROFILE (self->profile), NULL);
  td_subscriber_profile_set_session (TD_SUBSCRIBER_PROFILE (self->profile), NULL);
  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);

  if (self->model != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->model, model_notify_cb, self);
      g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
    }
  g_clear_object (&self->model);

  g_hash_table_remove_all (self->threads);
  g_hash_table_remove_all (self->expanded);
  g_hash_table_remove_all (self->pending);
  update_new_banner (self);
  g_clear_object (&self->session);
}

static void
load (TdCampaignActivity *self)
{
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  TdEventStream *stream;

  if (self->session == NULL || self->campaign == NULL)
    {
      update_state (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  td_subscriber_profile_set_session (TD_SUBSCRIBER_PROFILE (self->profile), self->session);

  escaped = g_uri_escape_string (td_resource_get_id (TD_RESOURCE (self->campaign)), NULL, FALSE);
  path = g_strdup_printf ("/v1/conversations?campaign_id=%s", escaped);
  self->model = td_paged_model_new (td_session_get_client (self->session),
                                    TD_TYPE_CONVERSATION, path);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (model_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::error",
                           G_CALLBACK (model_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  stream = event_stream (self);
  if (stream != NULL)
    {
      g_signal_connect_object (stream, "event", G_CALLBACK (event_cb), self, 0);
      g_signal_connect_object (stream, "reset", G_CALLBACK (reset_cb), self, G_CONNECT_SWAPPED);
    }

  td_paged_model_reload (self->model);
  update_state (self);
}

/* ---- GObject ---------------------------------------------------------- */

static void
td_campaign_activity_dispose (GObject *object)
{
  TdCampaignActivity *self = TD_CAMPAIGN_ACTIVITY (object);

  clear_session (self);
  g_clear_object (&self->campaign);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CAMPAIGN_ACTIVITY);

  G_OBJECT_CLASS (td_campaign_activity_parent_class)->dispose (object);
}

static void
td_campaign_activity_finalize (GObject *object)
{
  TdCampaignActivity *self = TD_CAMPAIGN_ACTIVITY (object);

  g_clear_pointer (&self->threads, g_hash_table_unref);
  g_clear_pointer (&self->expanded, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (td_campaign_activity_parent_class)->finalize (object);
}

static void
td_campaign_activity_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TdCampaignActivity *self = TD_CAMPAIGN_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_CAMPAIGN:
      g_value_set_object (value, self->campaign);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_campaign_activity_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TdCampaignActivity *self = TD_CAMPAIGN_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      td_campaign_activity_set_session (self, g_value_get_object (value));
      break;

    case PROP_CAMPAIGN:
      /* Construct-only: the view is of one campaign. */
      self->campaign = g_value_dup_object (value);
      if (self->campaign != NULL)
        g_signal_connect_object (self->campaign, "notify::name",
                                 G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
      update_title (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_campaign_activity_constructed (GObject *object)
{
  TdCampaignActivity *self = TD_CAMPAIGN_ACTIVITY (object);

  G_OBJECT_CLASS (td_campaign_activity_parent_class)->constructed (object);

  if (self->session != NULL && self->model == NULL)
    load (self);
}

static void
close_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  /* Only a window of its own: not a window the view is a part of. */
  if (GTK_IS_WINDOW (root) &&
      (gtk_window_get_child (GTK_WINDOW (root)) == widget ||
       (ADW_IS_WINDOW (root) && adw_window_get_content (ADW_WINDOW (root)) == widget)))
    gtk_window_close (GTK_WINDOW (root));
}

static void
td_campaign_activity_class_init (TdCampaignActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_campaign_activity_dispose;
  object_class->finalize = td_campaign_activity_finalize;
  object_class->get_property = td_campaign_activity_get_property;
  object_class->set_property = td_campaign_activity_set_property;
  object_class->constructed = td_campaign_activity_constructed;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_CAMPAIGN] =
    g_param_spec_object ("campaign", NULL, NULL, TD_TYPE_CAMPAIGN,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_CONVERSATION_PANE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-campaign-activity.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, list_page);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, list_header_bar);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, list_view);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, new_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, new_button);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignActivity, pane);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_clicked_cb);

  /* Escape closes the Campaign Activity window (an open row takes it
   * first, to close itself). */
  gtk_widget_class_install_action (widget_class, "activity.close", NULL, close_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "activity.close", NULL);

  gtk_widget_class_set_css_name (widget_class, "campaignactivity");
}

static void
td_campaign_activity_init (TdCampaignActivity *self)
{
  GtkListItemFactory *factory;

  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Not a bound template child: AdwBin unparents its own child. */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_row_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_row_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_row_cb), self, 0);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  /* The sender's profile, in the pane's flap, as in the Stream. */
  self->profile = td_subscriber_profile_new ();
  td_conversation_pane_set_profile_widget (self->pane, self->profile);

  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (folded_changed_cb), self, G_CONNECT_SWAPPED);
  folded_changed_cb (self);
  update_state (self);
}

/**
 * td_campaign_activity_new:
 * @session: (nullable): the signed-in session
 * @campaign: the campaign whose conversations to show
 *
 * Returns: (transfer floating): the activity of @campaign
 */
GtkWidget *
td_campaign_activity_new (TdSession  *session,
                          TdCampaign *campaign)
{
  g_return_val_if_fail (session == NULL || TD_IS_SESSION (session), NULL);
  g_return_val_if_fail (TD_IS_CAMPAIGN (campaign), NULL);

  return g_object_new (TD_TYPE_CAMPAIGN_ACTIVITY,
                       "campaign", campaign,
                       "session", session,
                       NULL);
}

/**
 * td_campaign_activity_set_session:
 * @self: a #TdCampaignActivity
 * @session: (nullable): the signed-in session, or %NULL after sign-out
 */
void
td_campaign_activity_set_session (TdCampaignActivity *self,
                                  TdSession          *session)
{
  g_return_if_fail (TD_IS_CAMPAIGN_ACTIVITY (self));
  g_return_if_fail (session == NULL || TD_IS_SESSION (session));

  if (self->session == session)
    return;

  clear_session (self);
  if (session != NULL)
    self->session = g_object_ref (session);

  /* During construction the campaign may not be set yet: constructed()
   * loads then. */
  if (self->campaign != NULL)
    load (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

TdSession *
td_campaign_activity_get_session (TdCampaignActivity *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN_ACTIVITY (self), NULL);

  return self->session;
}

TdCampaign *
td_campaign_activity_get_campaign (TdCampaignActivity *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN_ACTIVITY (self), NULL);

  return self->campaign;
}
