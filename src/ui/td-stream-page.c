/* td-stream-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-api-error.h"
#include "td-conversation.h"
#include "td-conversation-pane.h"
#include "td-conversation-thread.h"
#include "td-paged-model.h"
#include "td-stream-campaigns.h"
#include "td-stream-page.h"
#include "td-stream-row.h"
#include "td-stream-suggestion.h"
#include "td-stream-util.h"
#include "td-subscriber-profile.h"

#define STREAM_PATH "/v1/conversations?view=stream"

struct _TdStreamPage
{
  AdwBin               parent_instance;

  TdSession           *session;
  TdStreamCampaigns   *campaigns;
  TdPagedModel        *model;
  GtkFilterListModel  *filter_model;
  GtkSingleSelection  *selection;
  GCancellable        *cancellable;
  GHashTable          *threads;   /* conversation id -> TdConversationThread */
  TdStreamFilter       filter_kind;
  char                *query;
  gulong               event_handler;
  gulong               reset_handler;
  gulong               connected_handler;
  gboolean             missed;
  gboolean             missed_window;
  gboolean             setting_switches;
  gboolean             setting_search;

  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *sidebar;
  GtkSearchEntry      *search_entry;
  GtkToggleButton     *all_button;
  GtkToggleButton     *unread_button;
  GtkToggleButton     *misspelling_button;
  GtkToggleButton     *expired_button;
  GtkListBox          *text_chat_list;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkSpinner          *list_spinner;
  AdwStatusPage       *list_empty_page;
  AdwStatusPage       *list_error_page;
  GtkStack            *content_stack;
  GtkWidget           *content_box;
  TdStreamSuggestion  *suggestion;
  AdwBin              *pane_bin;
  GtkWidget           *pane;
  GtkWidget           *profile;
};

G_DEFINE_FINAL_TYPE (TdStreamPage, td_stream_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FILTER,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static TdClient *
get_client (TdStreamPage *self)
{
  return self->session != NULL ? td_session_get_client (self->session) : NULL;
}

/* The path */

static char *
build_path (TdStreamPage *self)
{
  GString *path = g_string_new (STREAM_PATH);

  if (self->filter_kind == TD_STREAM_FILTER_UNREAD)
    g_string_append (path, "&unread=true");
  else if (self->filter_kind == TD_STREAM_FILTER_MISSPELLING)
    g_string_append (path, "&flag=misspelling");
  else if (self->filter_kind == TD_STREAM_FILTER_EXPIRED)
    g_string_append (path, "&flag=expired");

  if (self->query != NULL && *self->query != '\0')
    {
      g_autofree char *escaped = g_uri_escape_string (self->query, NULL, FALSE);

      g_string_append_printf (path, "&q=%s", escaped);
    }

  return g_string_free (path, FALSE);
}

/* Misspellings and ended keywords are flags on the newest inbound text.
 * The platform filters on them; this keeps the list right as live events
 * change a conversation (a new text without a flag takes it out). */
static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  TdStreamPage *self = user_data;
  TdStreamSuggestionKind kind = td_stream_classify (TD_CONVERSATION (item));

  switch (self->filter_kind)
    {
    case TD_STREAM_FILTER_MISSPELLING:
      return kind == TD_STREAM_SUGGESTION_MISSPELLING;

    case TD_STREAM_FILTER_EXPIRED:
      return kind == TD_STREAM_SUGGESTION_EXPIRED;

    case TD_STREAM_FILTER_ALL:
    case TD_STREAM_FILTER_UNREAD:
    default:
      return TRUE;
    }
}

static gboolean
filter_is_flag (TdStreamPage *self)
{
  return self->filter_kind == TD_STREAM_FILTER_MISSPELLING ||
         self->filter_kind == TD_STREAM_FILTER_EXPIRED;
}

/* Under Misspelt or Ended, a conversation whose newest text lost its flag
 * (or a new one that never had it) leaves the list. */
static void
keep_flagged (TdStreamPage *self,
              const char   *id)
{
  TdResource *known;

  if (!filter_is_flag (self) || id == NULL)
    return;

  known = td_paged_model_find (self->model, id, NULL);
  if (known != NULL && !filter_func (known, self))
    td_paged_model_remove_id (self->model, id);
}

/* What the list shows */

static gboolean
model_loading (TdStreamPage *self)
{
  gboolean loading;

  if (self->model == NULL)
    return FALSE;

  loading = td_paged_model_get_loading (self->model);

  return loading;
}

static void
update_empty_page (TdStreamPage *self)
{
  const char *title;
  const char *description;

  if (self->query != NULL && *self->query != '\0')
    {
      title = _("No Matches");
      description = _("No conversation in the stream has that name, number or text.");
    }
  else switch (self->filter_kind)
    {
    case TD_STREAM_FILTER_UNREAD:
      title = _("All Caught Up");
      description = _("Every text in the stream has been read.");
      break;

    case TD_STREAM_FILTER_MISSPELLING:
      title = _("No Misspellings");
      description = _("Texts that look like a misspelt keyword appear here, with one click to add "
                      "the sender to that campaign.");
      break;

    case TD_STREAM_FILTER_EXPIRED:
      title = _("No Ended Keywords");
      description = _("Texts naming a keyword of a campaign that has ended appear here, with one "
                      "click to enrol the sender where it now points.");
      break;

    case TD_STREAM_FILTER_ALL:
    default:
      title = _("No Texts to Answer");
      description = _("Texts that matched no keyword appear here, so that you can answer them.");
      break;
    }

  adw_status_page_set_title (self->list_empty_page, title);
  adw_status_page_set_description (self->list_empty_page, description);
}

static void
update_list_stack (TdStreamPage *self)
{
  const GError *error;
  gboolean loading;

  if (self->model == NULL)
    return;

  error = td_paged_model_get_error (self->model);
  loading = model_loading (self);

  if (error != NULL &&
      g_error_matches (error, TD_API_ERROR, TD_API_ERROR_FORBIDDEN))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "forbidden");
    }
  else if (error != NULL &&
           g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    {
      adw_status_page_set_description (self->list_error_page, error->message);
      gtk_stack_set_visible_child_name (self->list_stack, "error");
    }
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
    }
  else if (loading)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "loading");
    }
  else
    {
      update_empty_page (self);
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }

  gtk_spinner_set_spinning (self->list_spinner, loading);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
model_changed_cb (TdStreamPage *self)
{
  update_list_stack (self);
}

/* The conversation on the right */

static TdConversationThread *
get_thread (TdStreamPage   *self,
            TdConversation *conversation)
{
  const char *id = td_resource_get_id (TD_RESOURCE (conversation));
  TdConversationThread *thread = g_hash_table_lookup (self->threads, id);

  if (thread == NULL)
    {
      /* Kept while the stream is shown: a recycled row must not lose a
       * draft or a reply in flight. */
      thread = td_conversation_thread_get_for (td_session_get_client (self->session),
                                               conversation,
                                               G_OBJECT
                                                 (td_session_get_event_stream (self->session)));
      g_hash_table_insert (self->threads, g_strdup (id), thread);
    }

  return thread;
}

static void
show_conversation (TdStreamPage   *self,
                   TdConversation *conversation)
{
  TdSubscriberSummary *subscriber;

  if (conversation == NULL)
    {
      td_stream_suggestion_set_conversation (self->suggestion, NULL);
      td_conversation_pane_set_thread (TD_CONVERSATION_PANE (self->pane), NULL);
      td_subscriber_profile_set_subscriber_id (TD_SUBSCRIBER_PROFILE (self->profile), NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "none");
      return;
    }

  subscriber = td_conversation_get_subscriber (conversation);

  td_conversation_pane_set_thread (TD_CONVERSATION_PANE (self->pane),
                                   get_thread (self, conversation));

  td_stream_suggestion_set_conversation (self->suggestion, conversation);
  td_subscriber_profile_set_subscriber_id (TD_SUBSCRIBER_PROFILE (self->profile),
                                           subscriber != NULL
                                             ? td_resource_get_id (TD_RESOURCE (subscriber))
                                             : NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "conversation");
}

static void
selection_changed_cb (TdStreamPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  show_conversation (self, item != NULL ? TD_CONVERSATION (item) : NULL);
}

static void
list_activate_cb (GtkListView  *list_view,
                  guint         position,
                  TdStreamPage *self)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/* Rows */

static void
row_open_cb (TdStreamRow  *row,
             TdStreamPage *self)
{
  TdConversation *conversation = td_stream_row_get_conversation (row);
  guint position = GTK_INVALID_LIST_POSITION;

  if (conversation == NULL || self->filter_model == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (item == G_OBJECT (conversation))
        {
          position = i;
          break;
        }
    }

  if (position != GTK_INVALID_LIST_POSITION)
    list_activate_cb (self->list_view, position, self);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              TdStreamPage             *self)
{
  GtkWidget *row = td_stream_row_new ();

  g_signal_connect_object (row, "open", G_CALLBACK (row_open_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             TdStreamPage             *self)
{
  TdStreamRow *row = TD_STREAM_ROW (gtk_list_item_get_child (item));

  td_stream_row_set_context (row, self->session, self->campaigns);
  td_stream_row_set_thread (row, get_thread (self,
                                             TD_CONVERSATION (gtk_list_item_get_item (item))));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TdStreamPage             *self)
{
  td_stream_row_set_thread (TD_STREAM_ROW (gtk_list_item_get_child (item)), NULL);
}

/* Live events */

typedef struct
{
  TdStreamPage *self;
  GCancellable *cancellable;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->self);
  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

static void
conversation_fetched_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Fetch *fetch = user_data;
  TdStreamPage *self = fetch->self;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);

  if (!g_cancellable_is_cancelled (fetch->cancellable) && self->model != NULL)
    {
      if (error != NULL)
        g_debug ("A new stream conversation could not be fetched: %s", error->message);
      else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          td_paged_model_upsert (self->model, json_node_get_object (root), TRUE);
          keep_flagged (self, td_stream_json_string (json_node_get_object (root), "id"));
        }
    }

  fetch_free (fetch);
}

static gboolean
wanted_by_server_filter (TdStreamPage *self,
                         JsonObject   *conversation)
{
  /* A search is the platform's to answer; new texts show when it ends. */
  if (self->query != NULL && *self->query != '\0')
    return FALSE;

  if (self->filter_kind == TD_STREAM_FILTER_UNREAD)
    return json_object_get_int_member_with_default (conversation, "unread_count", 0) > 0;

  return TRUE;
}

static void
fetch_conversation (TdStreamPage *self,
                    const char   *conversation_id)
{
  g_autofree char *escaped = g_uri_escape_string (conversation_id, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/conversations/%s", escaped);
  Fetch *fetch = g_new0 (Fetch, 1);

  fetch->self = g_object_ref (self);
  fetch->cancellable = g_object_ref (self->cancellable);

  td_client_call_async (get_client (self), "GET", path, NULL, NULL, NULL,
                        self->cancellable, conversation_fetched_cb, fetch);
}

static const char *
last_message_id (JsonObject *conversation)
{
  JsonNode *node = json_object_get_member (conversation, "last_message");

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return td_stream_json_string (json_node_get_object (node), "id");
}

static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          TdStreamPage  *self)
{
  const char *id;

  if (self->model == NULL || object == NULL)
    return;

  id = td_stream_json_string (object, "id");

  if (g_strcmp0 (type, "conversation.updated") == 0 && id != NULL)
    {
      TdResource *known = td_paged_model_find (self->model, id, NULL);

      if (known != NULL &&
          self->filter_kind == TD_STREAM_FILTER_UNREAD &&
          json_object_get_int_member_with_default (object, "unread_count", 0) == 0 &&
          known != gtk_single_selection_get_selected_item (self->selection))
        {
          /* Read elsewhere: it leaves the Unread filter. The open one
           * stays until the person moves on. */
          td_paged_model_remove_id (self->model, id);
          return;
        }
      else if (known != NULL)
        {
          /* Keep the order newest first: a new text moves it up. */
          JsonObject *before = td_resource_get_json (known);
          gboolean newer = g_strcmp0 (last_message_id (before), last_message_id (object)) != 0;

          td_paged_model_upsert (self->model, object, newer);
        }
      else if (json_object_get_boolean_member_with_default (object, "in_stream", FALSE) &&
               wanted_by_server_filter (self, object))
        {
          td_paged_model_upsert (self->model, object, TRUE);
        }
      else
        {
          return;
        }

      keep_flagged (self, id);
    }
  else if (g_strcmp0 (type, "message.created") == 0)
    {
      const char *conversation_id = td_stream_json_string (object, "conversation_id");

      /* The conversation's own event may come later or not at all for a
       * conversation new to the stream: fetch it. */
      if (conversation_id != NULL &&
          json_object_get_boolean_member_with_default (object, "in_stream", FALSE) &&
          td_paged_model_find (self->model, conversation_id, NULL) == NULL &&
          (self->query == NULL || *self->query == '\0'))
        fetch_conversation (self, conversation_id);
    }
  else if (g_strcmp0 (type, "campaign.updated") == 0)
    {
      td_stream_campaigns_update (self->campaigns, object);
    }
}

/* Live events keep the page current while it is hidden too. What they
 * cannot bring (a reset, or the texts before the first connection) is
 * fetched again at once when the page is shown, or when it is next shown:
 * a hidden page does not reload for nothing. */
static void
catch_up (TdStreamPage *self)
{
  self->missed = FALSE;

  if (self->model != NULL)
    td_paged_model_reload (self->model);
  if (self->campaigns != NULL)
    td_stream_campaigns_reload (self->campaigns);
}

static void
missed_events (TdStreamPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
  else
    self->missed = TRUE;
}

static void
reset_cb (TdEventStream *stream,
          TdStreamPage  *self)
{
  missed_events (self);
}

static void
connected_cb (TdEventStream *stream,
              GParamSpec    *pspec,
              TdStreamPage  *self)
{
  /* The first connection starts from now: what came between the first
   * page and it is only in a reload. Later ones resume (or reset). */
  if (td_event_stream_get_connected (stream) && self->missed_window)
    {
      self->missed_window = FALSE;
      missed_events (self);
    }
}

static void
td_stream_page_map (GtkWidget *widget)
{
  TdStreamPage *self = TD_STREAM_PAGE (widget);

  GTK_WIDGET_CLASS (td_stream_page_parent_class)->map (widget);

  if (self->missed)
    catch_up (self);
}

/* Text Chat */

typedef struct
{
  TdStreamPage *self;
  GtkSwitch    *sw;
  char         *code;
  gboolean      active;
} TextChatOp;

static void
text_chat_op_free (TextChatOp *op)
{
  g_clear_object (&op->self);
  g_clear_object (&op->sw);
  g_free (op->code);
  g_free (op);
}

static void
text_chat_patched_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TextChatOp *op = user_data;
  TdStreamPage *self = op->self;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      text_chat_op_free (op);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (op->sw), TRUE);

  if (error != NULL)
    {
      /* Show what the platform still has. */
      self->setting_switches = TRUE;
      gtk_switch_set_active (op->sw, !op->active);
      self->setting_switches = FALSE;
      td_stream_show_toast (GTK_WIDGET (self), td_stream_toast_new (error->message));
    }
  else
    {
      if (op->active)
        title = g_strdup_printf (_("Text Chat is on for %s"), op->code);
      else
        title = g_strdup_printf (_("Text Chat is off for %s"), op->code);
      td_stream_show_toast (GTK_WIDGET (self), td_stream_toast_new (title));
    }

  text_chat_op_free (op);
}

static void
text_chat_switch_cb (GtkSwitch    *sw,
                     GParamSpec   *pspec,
                     TdStreamPage *self)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "td-short-code-id");
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  TextChatOp *op;

  if (self->setting_switches || get_client (self) == NULL)
    return;

  body = json_object_new ();
  json_object_set_boolean_member (body, "text_chat", gtk_switch_get_active (sw));
  node = json_node_init_object (json_node_alloc (), body);

  escaped = g_uri_escape_string (id, NULL, FALSE);
  path = g_strdup_printf ("/v1/short-codes/%s", escaped);

  op = g_new0 (TextChatOp, 1);
  op->self = g_object_ref (self);
  op->sw = g_object_ref (sw);
  op->code = g_strdup (g_object_get_data (G_OBJECT (sw), "td-short-code"));
  op->active = gtk_switch_get_active (sw);

  gtk_widget_set_sensitive (GTK_WIDGET (sw), FALSE);
  td_client_call_async (get_client (self), "PATCH", path, node, NULL, NULL,
                        self->cancellable, text_chat_patched_cb, op);
}

static void
clear_text_chat (TdStreamPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->text_chat_list))) != NULL)
    gtk_list_box_remove (self->text_chat_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->text_chat_list), FALSE);
}

static void
short_codes_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdStreamPage) self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *codes;
  guint shown = 0;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  codes = td_stream_json_data (root);
  if (error != NULL || codes == NULL)
    {
      g_debug ("No short codes for Text Chat: %s", error != NULL ? error->message : "not a page");
      return;
    }

  clear_text_chat (self);

  /* Text Chat is a setting of a dedicated code; on a shared code other
   * accounts' texts would lose their answer, so it is not offered. */
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonObject *code = json_array_get_object_element (codes, i);
      g_autofree char *title = NULL;
      GtkWidget *row;
      GtkWidget *sw;

      if (g_strcmp0 (td_stream_json_string (code, "kind"), "dedicated") != 0 ||
          td_stream_json_string (code, "id") == NULL)
        continue;

      title = g_strdup_printf (_("Text Chat on %s"), td_stream_json_string (code, "code"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Texts that match no keyword get no automatic answer, so you "
                                     "can chat with the sender here. STOP and HELP are always "
                                     "answered."));

      sw = gtk_switch_new ();
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw),
                             json_object_get_boolean_member_with_default (code, "text_chat",
                                                                          FALSE));
      g_object_set_data_full (G_OBJECT (sw), "td-short-code-id",
                              g_strdup (td_stream_json_string (code, "id")), g_free);
      g_object_set_data_full (G_OBJECT (sw), "td-short-code",
                              g_strdup (td_stream_json_string (code, "code")), g_free);
      gtk_accessible_update_property (GTK_ACCESSIBLE (sw),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      g_signal_connect (sw, "notify::active", G_CALLBACK (text_chat_switch_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);

      gtk_list_box_append (self->text_chat_list, row);
      shown++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->text_chat_list), shown > 0);
}

/* Filters and search */

static void
apply_filter (TdStreamPage *self)
{
  g_autofree char *path = NULL;

  if (self->model == NULL)
    return;

  path = build_path (self);
  td_paged_model_set_path (self->model, path);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  model_changed_cb (self);
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   TdStreamPage    *self)
{
  TdStreamFilter filter;

  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->unread_button)
    filter = TD_STREAM_FILTER_UNREAD;
  else if (button == self->misspelling_button)
    filter = TD_STREAM_FILTER_MISSPELLING;
  else if (button == self->expired_button)
    filter = TD_STREAM_FILTER_EXPIRED;
  else
    filter = TD_STREAM_FILTER_ALL;

  td_stream_page_set_filter (self, filter);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   TdStreamPage   *self)
{
  /* Setting the text empties the entry first: not a search. */
  if (self->setting_search)
    return;

  td_stream_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
focus_search_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TdStreamPage *self = TD_STREAM_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TdStreamPage *self = TD_STREAM_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
pane_back_cb (TdStreamPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "stream.back", NULL);
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdStreamPage *self = TD_STREAM_PAGE (widget);

  if (self->model != NULL)
    td_paged_model_reload (self->model);
}

static void
take_suggestion_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  TdStreamPage *self = TD_STREAM_PAGE (widget);

  td_stream_suggestion_activate (self->suggestion);
}

/* Session */

static void
disconnect_session (TdStreamPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->session != NULL)
    {
      TdEventStream *events = td_session_get_event_stream (self->session);

      if (events != NULL)
        {
          g_clear_signal_handler (&self->event_handler, events);
          g_clear_signal_handler (&self->reset_handler, events);
          g_clear_signal_handler (&self->connected_handler, events);
        }
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  g_hash_table_remove_all (self->threads);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->model);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->session);
  self->missed = FALSE;
  self->missed_window = FALSE;
}

static void
td_stream_page_dispose (GObject *object)
{
  TdStreamPage *self = TD_STREAM_PAGE (object);

  disconnect_session (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_STREAM_PAGE);

  G_OBJECT_CLASS (td_stream_page_parent_class)->dispose (object);
}

static void
td_stream_page_finalize (GObject *object)
{
  TdStreamPage *self = TD_STREAM_PAGE (object);

  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->threads, g_hash_table_unref);

  G_OBJECT_CLASS (td_stream_page_parent_class)->finalize (object);
}

static void
td_stream_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdStreamPage *self = TD_STREAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_int (value, self->filter_kind);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, td_stream_page_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_stream_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdStreamPage *self = TD_STREAM_PAGE (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      td_stream_page_set_filter (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_stream_page_class_init (TdStreamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_stream_page_dispose;
  object_class->finalize = td_stream_page_finalize;
  object_class->get_property = td_stream_page_get_property;
  object_class->set_property = td_stream_page_set_property;
  widget_class->map = td_stream_page_map;

  properties[PROP_FILTER] =
    g_param_spec_int ("filter", NULL, NULL,
                      TD_STREAM_FILTER_ALL, TD_STREAM_FILTER_EXPIRED, TD_STREAM_FILTER_ALL,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_STREAM_SUGGESTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-stream-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, unread_button);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, misspelling_button);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, expired_button);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, text_chat_list);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, list_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, list_error_page);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, content_box);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, suggestion);
  gtk_widget_class_bind_template_child (widget_class, TdStreamPage, pane_bin);

  gtk_widget_class_install_action (widget_class, "stream.focus-search", NULL,
                                   focus_search_action_cb);
  gtk_widget_class_install_action (widget_class, "stream.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "stream.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "stream.take-suggestion", NULL,
                                   take_suggestion_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "stream.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "stream.take-suggestion", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "stream.back", NULL);
}

/* The pane brings its own header bar; inside the page the window's own
 * buttons are already at the top, so the pane's are hidden. */
static GtkWidget *
find_header_bar (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_header_bar (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
td_stream_page_init (TdStreamPage *self)
{
  GtkListItemFactory *factory;
  GtkWidget *header_bar;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The bin's child is not a bound template child: AdwBin unparents it
   * itself, after gtk_widget_dispose_template(). */
  self->main_stack = GTK_STACK (adw_bin_get_child (ADW_BIN (self)));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (list_activate_cb), self);

  g_signal_connect (self->all_button, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect (self->unread_button, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect (self->misspelling_button, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect (self->expired_button, "toggled", G_CALLBACK (filter_toggled_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);

  self->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* The conversation pane, with the sender's profile in its flap. */
  self->pane = td_conversation_pane_new ();
  self->profile = td_subscriber_profile_new ();
  td_conversation_pane_set_profile_widget (TD_CONVERSATION_PANE (self->pane), self->profile);
  td_conversation_pane_set_reveal_profile (TD_CONVERSATION_PANE (self->pane), TRUE);
  adw_bin_set_child (self->pane_bin, self->pane);
  header_bar = find_header_bar (self->pane);
  if (header_bar != NULL)
    {
      adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header_bar), FALSE);
      adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header_bar), FALSE);
    }
  g_object_bind_property (self->leaflet, "folded", self->pane, "show-back", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->pane, "back", G_CALLBACK (pane_back_cb), self);

  gtk_stack_set_visible_child_name (self->main_stack, "signed-out");
}

/**
 * td_stream_page_set_session:
 * @self: a #TdStreamPage
 * @session: (nullable): the signed-in session, or %NULL after sign-out
 *
 * Loads the stream of @session's account and follows its live events.
 * Members get no stream: the platform answers 403 and the page says so.
 */
void
td_stream_page_set_session (TdStreamPage *self,
                            TdSession    *session)
{
  TdClient *client;
  TdEventStream *events;
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_STREAM_PAGE (self));
  g_return_if_fail (session == NULL || TD_IS_SESSION (session));

  if (self->session == session)
    return;

  disconnect_session (self);
  clear_text_chat (self);
  show_conversation (self, NULL);
  td_subscriber_profile_set_session (TD_SUBSCRIBER_PROFILE (self->profile), session);

  if (session == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "signed-out");
      return;
    }

  self->session = g_object_ref (session);
  self->cancellable = g_cancellable_new ();
  client = td_session_get_client (session);

  if (!td_account_info_is_admin (td_session_get_account_info (session)))
    {
      gtk_stack_set_visible_child_name (self->main_stack, "forbidden");
      return;
    }

  self->campaigns = td_stream_campaigns_new (client);
  td_stream_suggestion_set_context (self->suggestion, session, self->campaigns);

  path = build_path (self);
  self->model = td_paged_model_new (client, TD_TYPE_CONVERSATION, path);
  /* No filter on the client: a filter reads every item, and each read
   * near the end of the paged model loads the next page, so the whole
   * stream would load. The platform filters; live events are checked one
   * by one (keep_flagged). */
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->model)),
                                                  NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::error", G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::has-more", G_CALLBACK (model_changed_cb), self);
  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (model_changed_cb),
                            self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (selection_changed_cb), self);

  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  events = td_session_get_event_stream (session);
  if (events != NULL)
    {
      self->event_handler = g_signal_connect (events, "event", G_CALLBACK (event_cb), self);
      self->reset_handler = g_signal_connect (events, "reset", G_CALLBACK (reset_cb), self);
      self->connected_handler = g_signal_connect (events, "notify::connected",
                                                  G_CALLBACK (connected_cb), self);
      self->missed_window = !td_event_stream_get_connected (events);
    }

  td_client_call_async (client, "GET", "/v1/short-codes", NULL, NULL, NULL,
                        self->cancellable, short_codes_cb, g_object_ref (self));

  gtk_stack_set_visible_child_name (self->main_stack, "stream");
  update_list_stack (self);
}

TdStreamFilter
td_stream_page_get_filter (TdStreamPage *self)
{
  g_return_val_if_fail (TD_IS_STREAM_PAGE (self), TD_STREAM_FILTER_ALL);

  return self->filter_kind;
}

/**
 * td_stream_page_set_filter:
 *
 * Shows only the conversations @filter keeps; the buttons follow.
 */
void
td_stream_page_set_filter (TdStreamPage   *self,
                           TdStreamFilter  filter)
{
  GtkToggleButton *button;

  g_return_if_fail (TD_IS_STREAM_PAGE (self));

  if (self->filter_kind == filter)
    return;

  self->filter_kind = filter;

  switch (filter)
    {
    case TD_STREAM_FILTER_UNREAD:
      button = self->unread_button;
      break;

    case TD_STREAM_FILTER_MISSPELLING:
      button = self->misspelling_button;
      break;

    case TD_STREAM_FILTER_EXPIRED:
      button = self->expired_button;
      break;

    case TD_STREAM_FILTER_ALL:
    default:
      button = self->all_button;
      break;
    }
  gtk_toggle_button_set_active (button, TRUE);

  apply_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * td_stream_page_set_search:
 * @query: (nullable): a name, number or words of a text
 */
void
td_stream_page_set_search (TdStreamPage *self,
                           const char   *query)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (TD_IS_STREAM_PAGE (self));

  stripped = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (g_strcmp0 (stripped, self->query != NULL ? self->query : "") == 0)
    return;

  g_free (self->query);
  self->query = g_steal_pointer (&stripped);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                 query != NULL ? query : "") != 0)
    {
      self->setting_search = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query != NULL ? query : "");
      self->setting_search = FALSE;
    }

  apply_filter (self);
}

/**
 * td_stream_page_get_model:
 *
 * Returns: (transfer none) (nullable): the conversations the list shows
 */
GListModel *
td_stream_page_get_model (TdStreamPage *self)
{
  g_return_val_if_fail (TD_IS_STREAM_PAGE (self), NULL);

  return self->filter_model != NULL ? G_LIST_MODEL (self->filter_model) : NULL;
}

gboolean
td_stream_page_get_loading (TdStreamPage *self)
{
  g_return_val_if_fail (TD_IS_STREAM_PAGE (self), FALSE);

  return model_loading (self);
}

/**
 * td_stream_page_select:
 *
 * Opens the conversation at @position, as activating its row does.
 */
void
td_stream_page_select (TdStreamPage *self,
                       guint         position)
{
  g_return_if_fail (TD_IS_STREAM_PAGE (self));

  if (self->selection == NULL)
    return;

  list_activate_cb (self->list_view, position, self);
}

/**
 * td_stream_page_get_profile:
 *
 * Returns: (transfer none): the #TdSubscriberProfile of the open
 *   conversation's sender
 */
GtkWidget *
td_stream_page_get_profile (TdStreamPage *self)
{
  g_return_val_if_fail (TD_IS_STREAM_PAGE (self), NULL);

  return self->profile;
}

/**
 * td_stream_page_get_suggestion:
 *
 * Returns: (transfer none): the #TdStreamSuggestion of the open
 *   conversation
 */
GtkWidget *
td_stream_page_get_suggestion (TdStreamPage *self)
{
  g_return_val_if_fail (TD_IS_STREAM_PAGE (self), NULL);

  return GTK_WIDGET (self->suggestion);
}
