/* td-campaigns-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-campaigns-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-api-error.h"
#include "td-campaign.h"
#include "td-campaigns-page.h"
#include "td-paged-model.h"
#include "td-sms-segments.h"
#include "td-window.h"

/*
 * The Campaigns view: a table of the account's campaigns, fed page by page
 * from /v1/campaigns and kept live by the event stream. Each row ends with
 * its actions: the bubble, with the unread count, that opens Campaign
 * Activity, and a menu to pause, resume or expire the campaign and to edit
 * its automatic response.
 */

struct _TdCampaignsPage
{
  AdwBin             parent_instance;

  TdSession         *session;
  GCancellable      *cancellable;
  TdPagedModel      *campaigns;
  GtkFilterListModel *filter_model;
  GtkSortListModel  *sort_model;
  GtkCustomFilter   *filter;
  GHashTable        *short_codes;   /* id -> code */
  char              *query;         /* casefolded */
  guint              refresh_id;

  GtkSearchEntry    *search_entry;
  GtkStack          *content_stack;
  GtkColumnView     *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *keywords_column;
  GtkColumnViewColumn *short_code_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *subscribers_column;
  GtkColumnViewColumn *actions_column;
  AdwStatusPage     *error_page;
};

G_DEFINE_FINAL_TYPE (TdCampaignsPage, td_campaigns_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void patch_campaign (TdCampaignsPage *self,
                            const char      *campaign_id,
                            JsonObject      *changes,
                            const char      *done_message);

/* What a row shows */

static char *
join_keywords (TdCampaign *campaign)
{
  const char * const *keywords = td_campaign_get_keywords (campaign);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    {
      g_autofree char *upper = g_utf8_strup (keywords[i], -1);

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, upper);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char *
status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0)
    return C_("campaign status", "Active");
  if (g_strcmp0 (status, "paused") == 0)
    return C_("campaign status", "Paused");
  if (g_strcmp0 (status, "expired") == 0)
    return C_("campaign status", "Expired");

  return status != NULL ? status : "";
}

static const char *
short_code_of (TdCampaignsPage *self,
               TdCampaign      *campaign)
{
  const char *id = td_campaign_get_short_code_id (campaign);
  const char *code = NULL;

  if (id != NULL && self->short_codes != NULL)
    code = g_hash_table_lookup (self->short_codes, id);

  return code != NULL ? code : "—";
}

/* Expressions for sorting: a closure over the campaign. */

static char *
keywords_expression_cb (TdCampaign *campaign,
                        gpointer    user_data)
{
  return join_keywords (campaign);
}

static char *
short_code_expression_cb (TdCampaign *campaign,
                          gpointer    user_data)
{
  return g_strdup (short_code_of (TD_CAMPAIGNS_PAGE (user_data), campaign));
}

/* Search */

static gboolean
filter_cb (gpointer item,
           gpointer user_data)
{
  TdCampaignsPage *self = user_data;
  TdCampaign *campaign = item;
  g_autofree char *keywords = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;

  if (self->query == NULL || *self->query == '\0')
    return TRUE;

  keywords = join_keywords (campaign);
  haystack = g_strjoin ("\n",
                        td_campaign_get_name (campaign) ? td_campaign_get_name (campaign) : "",
                        keywords,
                        short_code_of (self, campaign),
                        status_label (td_campaign_get_status (campaign)),
                        NULL);
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, self->query) != NULL;
}

static void
update_state (TdCampaignsPage *self)
{
  const GError *error;
  guint n_all, n_shown;

  if (self->campaigns == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  n_all = g_list_model_get_n_items (G_LIST_MODEL (self->campaigns));
  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model));
  error = td_paged_model_get_error (self->campaigns);

  if (n_all == 0 && error != NULL)
    {
      if (self->session != NULL && td_session_handle_error (self->session, error))
        return;

      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
    }
  else if (n_all == 0 && td_paged_model_get_loading (self->campaigns))
    gtk_stack_set_visible_child_name (self->content_stack, "loading");
  else if (n_all == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "empty");
  else if (n_shown == 0)
    gtk_stack_set_visible_child_name (self->content_stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->content_stack, "table");
}

static void
search_changed_cb (TdCampaignsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_free (self->query);
  self->query = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Cells: each is rendered on bind and again when the campaign changes. */

typedef void (*RenderFunc) (TdCampaignsPage *self,
                            GtkWidget       *cell,
                            TdCampaign      *campaign);

static void
campaign_notify_cb (TdCampaign *campaign,
                    GParamSpec *pspec,
                    GtkWidget  *cell)
{
  RenderFunc render = g_object_get_data (G_OBJECT (cell), "td-render");
  TdCampaignsPage *self = g_object_get_data (G_OBJECT (cell), "td-page");

  render (self, cell, campaign);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         TdCampaignsPage          *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  TdCampaign *campaign = gtk_list_item_get_item (list_item);
  RenderFunc render = g_object_get_data (G_OBJECT (factory), "td-render");
  gulong id;

  g_object_set_data (G_OBJECT (cell), "td-render", render);
  g_object_set_data (G_OBJECT (cell), "td-page", self);
  g_object_set_data_full (G_OBJECT (cell), "td-campaign",
                          g_object_ref (campaign), g_object_unref);

  render (self, cell, campaign);

  id = g_signal_connect_object (campaign, "notify",
                                G_CALLBACK (campaign_notify_cb), cell, 0);
  g_object_set_data (G_OBJECT (cell), "td-notify-id", GSIZE_TO_POINTER (id));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TdCampaignsPage          *self)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  TdCampaign *campaign = gtk_list_item_get_item (list_item);
  gulong id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (cell), "td-notify-id"));

  if (id != 0 && campaign != NULL)
    g_signal_handler_disconnect (campaign, id);
  g_object_set_data (G_OBJECT (cell), "td-notify-id", NULL);
  g_object_set_data (G_OBJECT (cell), "td-campaign", NULL);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                TdCampaignsPage          *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  float xalign = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "td-numeric")) ? 1.0 : 0.0;

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
render_name (TdCampaignsPage *self,
             GtkWidget       *cell,
             TdCampaign      *campaign)
{
  const char *name = td_campaign_get_name (campaign);

  gtk_label_set_text (GTK_LABEL (cell), name != NULL ? name : "");
  gtk_widget_set_tooltip_text (cell, name);
}

static void
render_keywords (TdCampaignsPage *self,
                 GtkWidget       *cell,
                 TdCampaign      *campaign)
{
  g_autofree char *keywords = join_keywords (campaign);

  gtk_label_set_text (GTK_LABEL (cell), keywords);
}

static void
render_short_code (TdCampaignsPage *self,
                   GtkWidget       *cell,
                   TdCampaign      *campaign)
{
  gtk_label_set_text (GTK_LABEL (cell), short_code_of (self, campaign));
}

static void
render_status (TdCampaignsPage *self,
               GtkWidget       *cell,
               TdCampaign      *campaign)
{
  const char *status = td_campaign_get_status (campaign);

  gtk_label_set_text (GTK_LABEL (cell), status_label (status));

  gtk_widget_remove_css_class (cell, "success");
  gtk_widget_remove_css_class (cell, "warning");
  gtk_widget_remove_css_class (cell, "dim-label");
  if (g_strcmp0 (status, "active") == 0)
    gtk_widget_add_css_class (cell, "success");
  else if (g_strcmp0 (status, "paused") == 0)
    gtk_widget_add_css_class (cell, "warning");
  else
    gtk_widget_add_css_class (cell, "dim-label");
}

static void
render_subscribers (TdCampaignsPage *self,
                    GtkWidget       *cell,
                    TdCampaign      *campaign)
{
  g_autofree char *text = g_strdup_printf ("%'d", td_campaign_get_subscriber_count (campaign));

  gtk_label_set_text (GTK_LABEL (cell), text);
}

/* The actions column */

static GtkWidget *
find_child_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_with_class (child, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (button));
  TdCampaign *campaign = g_object_get_data (G_OBJECT (cell), "td-campaign");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) state = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  const char *status;
  const char *id;

  if (campaign == NULL)
    return;

  status = td_campaign_get_status (campaign);
  id = td_resource_get_id (TD_RESOURCE (campaign));

  /* Built as the menu opens, so that it offers what the status allows
   * now; each item carries the campaign's id as its target. */
  {
    g_autoptr(GMenuItem) item = NULL;

    if (g_strcmp0 (status, "active") == 0)
      item = g_menu_item_new (_("_Pause"), NULL);
    else
      item = g_menu_item_new (_("_Resume"), NULL);
    g_menu_item_set_action_and_target_value (item,
                                             g_strcmp0 (status, "active") == 0
                                               ? "campaigns.pause" : "campaigns.resume",
                                             g_variant_new_string (id));
    g_menu_append_item (state, item);
  }

  if (g_strcmp0 (status, "expired") != 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Expire…"), NULL);

      g_menu_item_set_action_and_target_value (item, "campaigns.expire",
                                               g_variant_new_string (id));
      g_menu_append_item (state, item);
    }

  {
    g_autoptr(GMenuItem) item = g_menu_item_new (_("Edit _Auto-Response…"), NULL);

    g_menu_item_set_action_and_target_value (item, "campaigns.edit-auto-response",
                                             g_variant_new_string (id));
    g_menu_append_item (edit, item);
  }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (state));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static void
setup_actions_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  TdCampaignsPage          *self)
{
  GtkWidget *box, *bubble, *content, *icon, *badge, *menu_button;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (box, GTK_ALIGN_END);

  /* The bubble with the unread count beside it, in one button. */
  icon = gtk_image_new_from_icon_name ("td-chat-bubble-symbolic");
  badge = gtk_label_new (NULL);
  gtk_widget_add_css_class (badge, "unread-badge");
  gtk_widget_add_css_class (badge, "td-bubble-badge");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);

  content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  gtk_box_append (GTK_BOX (content), icon);
  gtk_box_append (GTK_BOX (content), badge);

  bubble = gtk_button_new ();
  gtk_widget_add_css_class (bubble, "flat");
  gtk_widget_add_css_class (bubble, "td-bubble-button");
  gtk_button_set_child (GTK_BUTTON (bubble), content);
  gtk_widget_set_tooltip_text (bubble, _("Open Campaign Activity"));

  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_add_css_class (menu_button, "td-campaign-menu-button");
  gtk_widget_set_tooltip_text (menu_button, _("Campaign Actions"));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (menu_button),
                                         create_menu_cb, NULL, NULL);

  gtk_box_append (GTK_BOX (box), bubble);
  gtk_box_append (GTK_BOX (box), menu_button);
  gtk_list_item_set_child (list_item, box);
}

static void
render_actions (TdCampaignsPage *self,
                GtkWidget       *cell,
                TdCampaign      *campaign)
{
  GtkWidget *bubble = gtk_widget_get_first_child (cell);
  GtkWidget *menu_button = gtk_widget_get_next_sibling (bubble);
  GtkWidget *badge = find_child_with_class (bubble, "td-bubble-badge");
  int unread = td_campaign_get_unread_count (campaign);
  const char *name = td_campaign_get_name (campaign);
  const char *id = td_resource_get_id (TD_RESOURCE (campaign));
  g_autofree char *count = NULL;
  g_autofree char *bubble_label = NULL;
  g_autofree char *menu_label = NULL;

  /* The target first: an action name without its target would not match
   * the action's parameter type. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (bubble), g_variant_new_string (id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (bubble), "win.open-activity");

  count = unread > 99 ? g_strdup ("99+") : g_strdup_printf ("%d", unread);
  gtk_label_set_text (GTK_LABEL (badge), count);
  gtk_widget_set_visible (badge, unread > 0);

  /* TRANSLATORS: the bubble button of a campaign, read by a screen
   * reader, e.g. "Open activity of Rock Tickets, 3 unread" */
  bubble_label = g_strdup_printf (ngettext ("Open activity of %s, %d unread",
                                            "Open activity of %s, %d unread",
                                            unread),
                                  name, unread);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bubble),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, bubble_label,
                                  -1);

  menu_label = g_strdup_printf (_("Actions for %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label,
                                  -1);
}

static GtkListItemFactory *
make_factory (TdCampaignsPage *self,
              RenderFunc       render,
              gboolean         actions,
              gboolean         numeric)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_object_set_data (G_OBJECT (factory), "td-render", render);
  g_object_set_data (G_OBJECT (factory), "td-numeric", GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "setup",
                    actions ? G_CALLBACK (setup_actions_cb) : G_CALLBACK (setup_label_cb),
                    self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);

  return factory;
}

static GtkExpression *
property_expression (const char *property)
{
  return gtk_property_expression_new (TD_TYPE_CAMPAIGN, NULL, property);
}

static GtkExpression *
closure_expression (GCallback callback,
                    gpointer  user_data)
{
  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                      callback, user_data, NULL);
}

static void
set_sorter (GtkColumnViewColumn *column,
            GtkSorter           *sorter)
{
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
}

static void
setup_columns (TdCampaignsPage *self)
{
  struct {
    GtkColumnViewColumn *column;
    RenderFunc render;
    gboolean actions;
    gboolean numeric;
  } columns[] = {
    { self->name_column, render_name, FALSE, FALSE },
    { self->keywords_column, render_keywords, FALSE, FALSE },
    { self->short_code_column, render_short_code, FALSE, FALSE },
    { self->status_column, render_status, FALSE, FALSE },
    { self->subscribers_column, render_subscribers, FALSE, TRUE },
    { self->actions_column, render_actions, TRUE, FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkListItemFactory) factory = make_factory (self, columns[i].render,
                                                            columns[i].actions,
                                                            columns[i].numeric);

      gtk_column_view_column_set_factory (columns[i].column, factory);
    }

  set_sorter (self->name_column,
              GTK_SORTER (gtk_string_sorter_new (property_expression ("name"))));
  set_sorter (self->keywords_column,
              GTK_SORTER (gtk_string_sorter_new (
                closure_expression (G_CALLBACK (keywords_expression_cb), NULL))));
  set_sorter (self->short_code_column,
              GTK_SORTER (gtk_string_sorter_new (
                closure_expression (G_CALLBACK (short_code_expression_cb), self))));
  set_sorter (self->status_column,
              GTK_SORTER (gtk_string_sorter_new (property_expression ("status"))));
  set_sorter (self->subscribers_column,
              GTK_SORTER (gtk_numeric_sorter_new (property_expression ("subscriber-count"))));
}

/* Toasts and errors */

static void
add_toast (TdCampaignsPage *self,
           const char      *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  if (!TD_IS_WINDOW (root))
    return;

  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
  /* The outcome of the latest action replaces the one before. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  td_window_add_toast (TD_WINDOW (root), toast);
}

static void
report_error (TdCampaignsPage *self,
              const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (self->session != NULL && td_session_handle_error (self->session, error))
    return;

  add_toast (self, error->message);
}

/* Live updates */

static void
upsert_campaign (TdCampaignsPage *self,
                 JsonObject      *object)
{
  if (self->campaigns == NULL || object == NULL)
    return;

  td_paged_model_upsert (self->campaigns, object, FALSE);
  /* The row may now match the search, or sort elsewhere. */
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

static void
refreshed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdCampaignsPage *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  JsonArray *data;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (root == NULL)
    {
      if (error != NULL)
        report_error (self, error);
      return;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);

  /* One campaign, or a page of them. */
  if (!json_object_has_member (object, "data"))
    {
      upsert_campaign (self, object);
      return;
    }

  data = json_object_get_array_member (object, "data");
  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          json_object_has_member (json_node_get_object (node), "id") &&
          td_paged_model_find (self->campaigns,
                               json_object_get_string_member (json_node_get_object (node), "id"),
                               NULL) != NULL)
        upsert_campaign (self, json_node_get_object (node));
    }
}

static void
refresh_campaign (TdCampaignsPage *self,
                  const char      *campaign_id)
{
  g_autofree char *path = NULL;

  if (self->session == NULL)
    return;

  path = g_strdup_printf ("/v1/campaigns/%s", campaign_id);
  td_client_call_async (td_session_get_client (self->session), "GET", path,
                        NULL, NULL, NULL, self->cancellable, refreshed_cb, self);
}

static gboolean
refresh_counts_cb (gpointer user_data)
{
  TdCampaignsPage *self = user_data;

  self->refresh_id = 0;

  /* Counts change with every read and every text: fetch the first page
   * again and update the rows in place, without a reload that would
   * reset the table. */
  if (self->session != NULL)
    td_client_call_async (td_session_get_client (self->session), "GET",
                          "/v1/campaigns?limit=200", NULL, NULL, NULL,
                          self->cancellable, refreshed_cb, self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (TdCampaignsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (500, refresh_counts_cb, self);
}

static void
event_cb (TdEventStream *stream,
          const char    *type,
          JsonObject    *object,
          gpointer       user_data)
{
  TdCampaignsPage *self = user_data;

  if (object == NULL)
    return;

  if (g_strcmp0 (type, "campaign.updated") == 0)
    {
      upsert_campaign (self, object);
    }
  else if (g_strcmp0 (type, "message.created") == 0)
    {
      const char *campaign_id = json_object_get_string_member_with_default (object,
                                                                            "campaign_id",
                                                                            NULL);

      if (campaign_id != NULL)
        refresh_campaign (self, campaign_id);
    }
  else if (g_strcmp0 (type, "conversation.updated") == 0)
    {
      schedule_refresh (self);
    }
}

static void
reset_cb (TdEventStream *stream,
          gpointer       user_data)
{
  schedule_refresh (TD_CAMPAIGNS_PAGE (user_data));
}

/* Changing a campaign: PATCH with If-Match */

typedef struct
{
  TdCampaignsPage *self;
  char            *campaign_id;
  JsonObject      *changes;
  char            *done_message;
} PatchData;

static void
patch_data_free (PatchData *data)
{
  g_free (data->campaign_id);
  g_clear_pointer (&data->changes, json_object_unref);
  g_free (data->done_message);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PatchData, patch_data_free)

static void
patched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatchData) data = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  TdCampaignsPage *self = data->self;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (error != NULL)
    {
      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_PRECONDITION_FAILED))
        {
          /* Someone changed it between our read and our write: show
           * theirs and let the person decide again. */
          refresh_campaign (self, data->campaign_id);
          add_toast (self, _("Someone else changed this campaign at the same "
                             "time. It shows their change now; try again."));
          return;
        }

      report_error (self, error);
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    upsert_campaign (self, json_node_get_object (root));

  add_toast (self, data->done_message);
}

static void
fetched_for_patch_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PatchData) data = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;
  TdCampaignsPage *self = data->self;

  root = td_client_call_finish (TD_CLIENT (source), result, &etag, &error);
  if (root == NULL)
    {
      if (error != NULL)
        report_error (self, error);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    upsert_campaign (self, json_node_get_object (root));

  body = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (body, data->changes);
  path = g_strdup_printf ("/v1/campaigns/%s", data->campaign_id);

  td_client_call_async (TD_CLIENT (source), "PATCH", path, body, etag, NULL,
                        self->cancellable, patched_cb, g_steal_pointer (&data));
}

/* Reads the campaign for its ETag, then changes it with If-Match, so that
 * a change someone made meanwhile is never overwritten unseen. Takes
 * @changes. */
static void
patch_campaign (TdCampaignsPage *self,
                const char      *campaign_id,
                JsonObject      *changes,
                const char      *done_message)
{
  g_autofree char *path = NULL;
  PatchData *data;

  if (self->session == NULL)
    {
      json_object_unref (changes);
      return;
    }

  data = g_new0 (PatchData, 1);
  data->self = self;
  data->campaign_id = g_strdup (campaign_id);
  data->changes = changes;
  data->done_message = g_strdup (done_message);

  path = g_strdup_printf ("/v1/campaigns/%s", campaign_id);
  td_client_call_async (td_session_get_client (self->session), "GET", path,
                        NULL, NULL, NULL, self->cancellable,
                        fetched_for_patch_cb, data);
}

static TdCampaign *
find_campaign (TdCampaignsPage *self,
               GVariant        *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);

  if (self->campaigns == NULL)
    return NULL;

  return TD_CAMPAIGN (td_paged_model_find (self->campaigns, id, NULL));
}

static void
set_status (TdCampaignsPage *self,
            TdCampaign      *campaign,
            const char      *status,
            char            *message)
{
  g_autofree char *owned_message = message;
  JsonObject *changes = json_object_new ();

  json_object_set_string_member (changes, "status", status);
  patch_campaign (self, td_resource_get_id (TD_RESOURCE (campaign)), changes, owned_message);
}

static void
pause_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (widget);
  TdCampaign *campaign = find_campaign (self, parameter);

  if (campaign != NULL)
    /* TRANSLATORS: a toast, e.g. "Rock Tickets is paused" */
    set_status (self, campaign, "paused",
                g_strdup_printf (_("%s is paused"), td_campaign_get_name (campaign)));
}

static void
resume_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (widget);
  TdCampaign *campaign = find_campaign (self, parameter);

  if (campaign != NULL)
    /* TRANSLATORS: a toast, e.g. "Rock Tickets is active again" */
    set_status (self, campaign, "active",
                g_strdup_printf (_("%s is active again"), td_campaign_get_name (campaign)));
}

static void
expire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdCampaignsPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "td-campaign-id");
  TdCampaign *campaign;

  if (g_strcmp0 (response, "expire") != 0 || self->campaigns == NULL)
    return;

  campaign = TD_CAMPAIGN (td_paged_model_find (self->campaigns, id, NULL));
  if (campaign != NULL)
    /* TRANSLATORS: a toast, e.g. "Rock Tickets has expired" */
    set_status (self, campaign, "expired",
                g_strdup_printf (_("%s has expired"), td_campaign_get_name (campaign)));
}

static void
expire_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (widget);
  TdCampaign *campaign = find_campaign (self, parameter);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (campaign == NULL)
    return;

  heading = g_strdup_printf (_("Expire %s?"), td_campaign_get_name (campaign));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       heading,
                                                       _("Texts with its keywords will no "
                                                         "longer add people to its list; "
                                                         "they go to the Conversation "
                                                         "Stream instead.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "expire", _("_Expire"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "expire", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-campaign-id",
                          g_strdup (td_resource_get_id (TD_RESOURCE (campaign))), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (expire_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
auto_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TdCampaignsPage  *self)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "td-campaign-id");
  const char *name = g_object_get_data (G_OBJECT (dialog), "td-campaign-name");
  GtkTextBuffer *buffer = g_object_get_data (G_OBJECT (dialog), "td-buffer");
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GtkTextIter start, end;
  JsonObject *changes;

  if (g_strcmp0 (response, "save") != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  changes = json_object_new ();
  json_object_set_string_member (changes, "auto_response", g_strstrip (text));
  /* TRANSLATORS: a toast, e.g. "Auto-response of Rock Tickets saved" */
  message = g_strdup_printf (_("Auto-response of %s saved"), name);
  patch_campaign (self, id, changes, message);
}

/* What the auto-response costs, as the composer counts a reply:
 * "87 / 160 · 1 text · GSM-7". */
static void
update_auto_response_counter (GtkTextBuffer *buffer,
                              GtkLabel      *counter)
{
  g_autofree char *text = NULL;
  g_autofree char *texts = NULL;
  g_autofree char *shown = NULL;
  GtkTextIter start, end;
  TdSmsInfo info;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* What is sent: the text as saved, without the blanks around it. */
  info = td_sms_count (g_strstrip (text));

  texts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u text", "%u texts", info.parts),
                           info.parts);
  /* Translators: the SMS counter under a text: units used in the current
   * text / units a text holds · number of texts · encoding, as in
   * "87 / 153 · 2 texts · GSM-7". */
  shown = g_strdup_printf (_("%u / %u · %s · %s"),
                           info.units_in_part, info.units_per_part, texts,
                           td_sms_encoding_to_string (info.encoding));
  gtk_label_set_text (counter, shown);
}

static void
edit_auto_response_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (widget);
  TdCampaign *campaign = find_campaign (self, parameter);
  const char *current;
  GtkWidget *text_view, *scrolled, *box, *counter;
  GtkTextBuffer *buffer;
  AdwMessageDialog *dialog;

  if (campaign == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Auto-Response"),
                                                       NULL));
  /* TRANSLATORS: e.g. "Sent to everyone who texts a keyword of Rock Tickets" */
  adw_message_dialog_format_body (dialog, _("Sent to everyone who texts a keyword of %s."),
                                  td_campaign_get_name (campaign));

  current = td_campaign_get_auto_response (campaign);
  text_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text_view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text_view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Auto-response text"),
                                  -1);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  gtk_text_buffer_set_text (buffer, current != NULL ? current : "", -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 100);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  gtk_widget_add_css_class (scrolled, "card");

  counter = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (counter), 1.0);
  gtk_widget_add_css_class (counter, "caption");
  gtk_widget_add_css_class (counter, "dim-label");
  gtk_widget_add_css_class (counter, "numeric");
  gtk_widget_add_css_class (counter, "td-sms-counter");
  update_auto_response_counter (buffer, GTK_LABEL (counter));
  g_signal_connect_object (buffer, "changed", G_CALLBACK (update_auto_response_counter),
                           counter, 0);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), counter);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "td-campaign-id",
                          g_strdup (td_resource_get_id (TD_RESOURCE (campaign))), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "td-campaign-name",
                          g_strdup (td_campaign_get_name (campaign)), g_free);
  g_object_set_data (G_OBJECT (dialog), "td-buffer", buffer);
  g_signal_connect_object (dialog, "response", G_CALLBACK (auto_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
retry_clicked_cb (TdCampaignsPage *self)
{
  if (self->campaigns != NULL)
    td_paged_model_reload (self->campaigns);
}

/* Session */

static void
clear_models (TdCampaignsPage *self)
{
  if (self->campaigns != NULL)
    g_signal_handlers_disconnect_by_data (self->campaigns, self);

  gtk_column_view_set_model (self->column_view, NULL);
  gtk_sort_list_model_set_model (self->sort_model, NULL);
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->campaigns);
}

static void
load_campaigns (TdCampaignsPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  clear_models (self);

  self->campaigns = td_paged_model_new (td_session_get_client (self->session),
                                        TD_TYPE_CAMPAIGN, "/v1/campaigns");
  g_signal_connect_object (self->campaigns, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->campaigns, "notify::loading",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->campaigns, "notify::error",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->campaigns));
  gtk_sort_list_model_set_model (self->sort_model, G_LIST_MODEL (self->filter_model));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  /* The model loads its first page when asked for its items. */
  td_paged_model_reload (self->campaigns);
  update_state (self);
}

static void
short_codes_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdCampaignsPage *self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *data = NULL;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      if (self->session != NULL && td_session_handle_error (self->session, error))
        return;
      /* The table still works; the short code column shows a dash. */
      g_debug ("Short codes could not be read: %s", error->message);
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "data"))
    data = json_object_get_array_member (json_node_get_object (root), "data");

  for (guint i = 0; data != NULL && i < json_array_get_length (data); i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      JsonObject *code;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = json_node_get_object (node);
      if (json_object_get_string_member_with_default (code, "id", NULL) == NULL ||
          json_object_get_string_member_with_default (code, "code", NULL) == NULL)
        continue;

      g_hash_table_insert (self->short_codes,
                           g_strdup (json_object_get_string_member (code, "id")),
                           g_strdup (json_object_get_string_member (code, "code")));
    }

  load_campaigns (self);
}

/**
 * td_campaigns_page_set_session:
 * @self: a #TdCampaignsPage
 * @session: (nullable): the session of who is signed in
 *
 * Shows the campaigns of @session's account, live; %NULL empties the page.
 */
void
td_campaigns_page_set_session (TdCampaignsPage *self,
                               TdSession       *session)
{
  g_return_if_fail (TD_IS_CAMPAIGNS_PAGE (self));
  g_return_if_fail (session == NULL || TD_IS_SESSION (session));

  if (self->session == session)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (td_session_get_event_stream (self->session), self);

  clear_models (self);
  g_hash_table_remove_all (self->short_codes);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      TdEventStream *events = td_session_get_event_stream (session);

      g_signal_connect_object (events, "event", G_CALLBACK (event_cb), self, 0);
      g_signal_connect_object (events, "reset", G_CALLBACK (reset_cb), self, 0);

      gtk_stack_set_visible_child_name (self->content_stack, "loading");
      td_client_call_async (td_session_get_client (session), "GET",
                            "/v1/short-codes?limit=200", NULL, NULL, NULL,
                            self->cancellable, short_codes_cb, self);
    }
  else
    {
      update_state (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * td_campaigns_page_get_session:
 * @self: a #TdCampaignsPage
 *
 * Returns: (transfer none) (nullable): the session shown
 */
TdSession *
td_campaigns_page_get_session (TdCampaignsPage *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGNS_PAGE (self), NULL);

  return self->session;
}

/**
 * td_campaigns_page_get_model:
 * @self: a #TdCampaignsPage
 *
 * Returns: (transfer none): the campaigns as the table shows them:
 *   filtered by the search and sorted by the chosen column
 */
GListModel *
td_campaigns_page_get_model (TdCampaignsPage *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGNS_PAGE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * td_campaigns_page_find_campaign:
 * @self: a #TdCampaignsPage
 * @campaign_id: a campaign's id
 *
 * Returns: (transfer none) (nullable): the campaign of that row, kept up
 *   to date by the event stream
 */
TdCampaign *
td_campaigns_page_find_campaign (TdCampaignsPage *self,
                                 const char      *campaign_id)
{
  g_return_val_if_fail (TD_IS_CAMPAIGNS_PAGE (self), NULL);
  g_return_val_if_fail (campaign_id != NULL, NULL);

  if (self->campaigns == NULL)
    return NULL;

  return TD_CAMPAIGN (td_paged_model_find (self->campaigns, campaign_id, NULL));
}

/* GObject */

static void
td_campaigns_page_dispose (GObject *object)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (td_session_get_event_stream (self->session), self);

  if (self->column_view != NULL)
    clear_models (self);

  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_CAMPAIGNS_PAGE);

  g_clear_object (&self->filter_model);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (td_campaigns_page_parent_class)->dispose (object);
}

static void
td_campaigns_page_finalize (GObject *object)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->short_codes, g_hash_table_unref);
  g_clear_pointer (&self->query, g_free);

  G_OBJECT_CLASS (td_campaigns_page_parent_class)->finalize (object);
}

static void
td_campaigns_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdCampaignsPage *self = TD_CAMPAIGNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_campaigns_page_class_init (TdCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_campaigns_page_dispose;
  object_class->finalize = td_campaigns_page_finalize;
  object_class->get_property = td_campaigns_page_get_property;

  /**
   * TdCampaignsPage:session:
   *
   * The session of who is signed in.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, TD_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, keywords_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, short_code_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, subscribers_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, actions_column);
  gtk_widget_class_bind_template_child (widget_class, TdCampaignsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);

  gtk_widget_class_install_action (widget_class, "campaigns.pause", "s", pause_action_cb);
  gtk_widget_class_install_action (widget_class, "campaigns.resume", "s", resume_action_cb);
  gtk_widget_class_install_action (widget_class, "campaigns.expire", "s", expire_action_cb);
  gtk_widget_class_install_action (widget_class, "campaigns.edit-auto-response", "s",
                                   edit_auto_response_action_cb);
  gtk_widget_class_install_action (widget_class, "campaigns.search", NULL, search_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "campaigns.search", NULL);
}

static void
td_campaigns_page_init (TdCampaignsPage *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->short_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->filter = gtk_custom_filter_new (filter_cb, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->filter)));
  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  setup_columns (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  update_state (self);
}
