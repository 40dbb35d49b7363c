/* test-campaigns.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-campaigns"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "td-api-error.h"
#include "td-application.h"
#include "td-campaign.h"
#include "td-campaigns-page.h"
#include "td-client.h"
#include "td-demo-platform.h"
#include "td-ui-test-utils.h"
#include "td-window.h"

/*
 * The Campaigns view on the demo, as `textdesk --demo` opens it: the real
 * textdesk-platform with its demo data. What the test checks against comes
 * from the platform over its API, through a client of its own.
 */

#define WAIT_MS 20000

static TdWindow *window;
static TdClient *admin;

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonNode *
api_call (const char  *method,
          const char  *path,
          JsonNode    *body,
          const char  *if_match,
          char       **out_etag)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  td_client_call_async (admin, method, path, body, if_match, NULL, NULL,
                        result_cb, &result);
  root = td_client_call_finish (admin, wait_for_result (&result), out_etag, &error);
  g_assert_no_error (error);

  return root;
}

static JsonArray *
list_campaigns (JsonNode **out_root)
{
  *out_root = api_call ("GET", "/v1/campaigns?limit=200", NULL, NULL, NULL);
  return json_object_get_array_member (json_node_get_object (*out_root), "data");
}

static char *
campaign_status (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", id);
  g_autoptr(JsonNode) root = api_call ("GET", path, NULL, NULL, NULL);

  return g_strdup (json_object_get_string_member (json_node_get_object (root), "status"));
}

/* A desktop's notification server, on the test session's bus, so that
 * the notifications the app sends can be read back. */

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.Notifications'>"
  "    <method name='Notify'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='u' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='as' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "      <arg type='i' direction='in'/>"
  "      <arg type='u' direction='out'/>"
  "    </method>"
  "    <method name='CloseNotification'>"
  "      <arg type='u' direction='in'/>"
  "    </method>"
  "    <method name='GetCapabilities'>"
  "      <arg type='as' direction='out'/>"
  "    </method>"
  "    <method name='GetServerInformation'>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "      <arg type='s' direction='out'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static GPtrArray *notifications;  /* "summary\nbody" */
static gboolean notifications_owned;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  if (g_strcmp0 (method_name, "Notify") == 0)
    {
      const char *summary, *body;

      g_variant_get_child (parameters, 3, "&s", &summary);
      g_variant_get_child (parameters, 4, "&s", &body);
      g_ptr_array_add (notifications, g_strdup_printf ("%s\n%s", summary, body));
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(u)", notifications->len));
    }
  else if (g_strcmp0 (method_name, "GetCapabilities") == 0)
    {
      const char *caps[] = { "body", "actions", NULL };

      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(^as)", caps));
    }
  else if (g_strcmp0 (method_name, "GetServerInformation") == 0)
    {
      g_dbus_method_invocation_return_value (invocation,
                                             g_variant_new ("(ssss)", "test", "textdesk",
                                                            "1", "1.2"));
    }
  else
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
}

static void
notifications_name_cb (GDBusConnection *connection,
                       const char      *name,
                       gpointer         user_data)
{
  notifications_owned = TRUE;
}

static gboolean
notifications_ready (gpointer data)
{
  return notifications_owned;
}

static void
start_notification_server (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  notifications = g_ptr_array_new_with_free_func (g_free);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  g_dbus_connection_register_object (bus, "/org/freedesktop/Notifications",
                                     info->interfaces[0], &vtable, NULL, NULL, &error);
  g_assert_no_error (error);
  g_bus_own_name_on_connection (bus, "org.freedesktop.Notifications",
                                G_BUS_NAME_OWNER_FLAGS_NONE,
                                notifications_name_cb, NULL, NULL, NULL);
  g_assert_true (td_ui_test_wait_until (notifications_ready, NULL, WAIT_MS));
}

static gboolean
notified (gpointer data)
{
  for (guint i = 0; i < notifications->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (notifications, i), data) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The window */

static gboolean
has_session (gpointer data)
{
  return td_window_get_session (TD_WINDOW (data)) != NULL;
}

static TdCampaignsPage *
get_page (void)
{
  return TD_CAMPAIGNS_PAGE (td_ui_test_find_by_type (GTK_WIDGET (window),
                                                      TD_TYPE_CAMPAIGNS_PAGE));
}

static gboolean
model_has_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return td_ui_test_find_label (wait->root, wait->text) != NULL;
}

static gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

static void
assert_label_shown (GtkWidget  *root,
                    const char *text)
{
  LabelWait wait = { root, text };

  if (!td_ui_test_wait_until (label_shown, &wait, WAIT_MS))
    g_error ("No label “%s” appeared", text);
}

/* Finds the widget with @css_class in the actions cell of the row that
 * shows the campaign with @id. */
static GtkWidget *
find_in_row (GtkWidget  *root,
             const char *id,
             const char *css_class)
{
  if (gtk_widget_has_css_class (root, css_class) && gtk_widget_get_mapped (root))
    {
      GtkWidget *cell = root;
      TdCampaign *campaign;

      while (cell != NULL && g_object_get_data (G_OBJECT (cell), "td-campaign") == NULL)
        cell = gtk_widget_get_parent (cell);
      campaign = cell != NULL ? g_object_get_data (G_OBJECT (cell), "td-campaign") : NULL;
      if (campaign != NULL && g_strcmp0 (td_resource_get_id (TD_RESOURCE (campaign)), id) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_in_row (child, id, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static JsonObject *
find_campaign (JsonArray  *campaigns,
               const char *member,
               const char *value,
               gboolean    with_unread)
{
  for (guint i = 0; i < json_array_get_length (campaigns); i++)
    {
      JsonObject *campaign = json_array_get_object_element (campaigns, i);

      if (value != NULL &&
          g_strcmp0 (json_object_get_string_member (campaign, member), value) != 0)
        continue;
      if (with_unread && json_object_get_int_member (campaign, "unread_count") == 0)
        continue;

      return campaign;
    }

  return NULL;
}

/* Each test program keeps its own demo database, so that programs that
 * run side by side never share one. Before GLib reads the variable. */
static void
use_own_data_dir (const char *program)
{
  const char *data_home = g_getenv ("XDG_DATA_HOME");
  g_autofree char *dir = NULL;

  if (data_home != NULL)
    dir = g_build_filename (data_home, program, NULL);
  else
    dir = g_dir_make_tmp ("textdesk-test-XXXXXX", NULL);
  g_assert_nonnull (dir);
  g_mkdir_with_parents (dir, 0700);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);
}

static gboolean
transitions_running (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (transitions_running (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
transitions_done (gpointer data)
{
  return !transitions_running (GTK_WIDGET (data));
}

/* A screenshot of what a person sees once the page has stopped moving. */
static char *
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_assert_true (td_ui_test_wait_until (transitions_done, widget, WAIT_MS));
  return td_ui_test_save_screenshot (widget, name);
}

/* Tests */

static void
test_demo_table (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *count = NULL;
  JsonArray *campaigns;
  JsonObject *first, *unread;
  GtkWidget *badge;
  GtkWidget *bubble;
  GVariant *target;
  const char *titles[] = { "Name", "Keywords", "Short Code", "Status", "Subscribers", "Activity" };

  campaigns = list_campaigns (&root);
  g_assert_cmpuint (json_array_get_length (campaigns), >, 0);

  /* The table shows the account's campaigns under their column titles. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    assert_label_shown (GTK_WIDGET (window), titles[i]);

  first = json_array_get_object_element (campaigns, 0);
  assert_label_shown (GTK_WIDGET (window), json_object_get_string_member (first, "name"));
  assert_label_shown (GTK_WIDGET (window), "41019");
  g_assert_cmpuint (g_list_model_get_n_items (td_campaigns_page_get_model (get_page ())), ==,
                    json_array_get_length (campaigns));

  /* The actions column: the bubble with the unread count, and the menu. */
  unread = find_campaign (campaigns, NULL, NULL, TRUE);
  g_assert_nonnull (unread);
  if (json_object_get_int_member (unread, "unread_count") > 99)
    count = g_strdup ("99+");
  else
    count = g_strdup_printf ("%" G_GINT64_FORMAT,
                             json_object_get_int_member (unread, "unread_count"));
  badge = find_in_row (GTK_WIDGET (window), json_object_get_string_member (unread, "id"),
                       "td-bubble-badge");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, count);

  bubble = gtk_widget_get_ancestor (badge, GTK_TYPE_BUTTON);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (bubble));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (bubble)), ==,
                   "win.open-activity");
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==,
                   json_object_get_string_member (unread, "id"));
  g_assert_nonnull (find_in_row (GTK_WIDGET (window), json_object_get_string_member (unread, "id"),
                                 "td-campaign-menu-button"));

  shot = save_screenshot (GTK_WIDGET (window), "campaigns-demo-table");
}

static GMenuModel *
menu_section (GMenuModel *menu,
              int         index)
{
  return g_menu_model_get_item_link (menu, index, G_MENU_LINK_SECTION);
}

static char *
menu_item_string (GMenuModel *menu,
                  int         index,
                  const char *attribute)
{
  char *value = NULL;

  g_menu_model_get_item_attribute (menu, index, attribute, "s", &value);
  return value;
}

typedef struct
{
  const char *id;
  const char *status;
} StatusWait;

static gboolean
platform_has_status (gpointer data)
{
  StatusWait *wait = data;
  g_autofree char *status = campaign_status (wait->id);

  td_ui_test_iterate (100);
  return g_strcmp0 (status, wait->status) == 0;
}

static void
use_row_menu (const char *id,
              const char *item_label,
              const char *action,
              const char *shot_name)
{
  g_autoptr(GMenuModel) state = NULL;
  g_autofree char *label = NULL;
  g_autofree char *action_name = NULL;
  g_autofree char *target = NULL;
  g_autofree char *shot = NULL;
  GtkWidget *button;
  GtkPopover *popover;

  button = find_in_row (GTK_WIDGET (window), id, "td-campaign-menu-button");
  g_assert_nonnull (button);

  /* Open the menu as a click does; it offers what the status allows. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  td_ui_test_iterate (300);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  shot = save_screenshot (GTK_WIDGET (popover), shot_name);

  state = menu_section (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)), 0);
  label = menu_item_string (state, 0, G_MENU_ATTRIBUTE_LABEL);
  action_name = menu_item_string (state, 0, G_MENU_ATTRIBUTE_ACTION);
  target = menu_item_string (state, 0, G_MENU_ATTRIBUTE_TARGET);
  g_assert_cmpstr (label, ==, item_label);
  g_assert_cmpstr (action_name, ==, action);
  g_assert_cmpstr (target, ==, id);

  /* Choose the item. */
  gtk_widget_activate_action (button, action_name, "s", target);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
test_pause_from_row_menu (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  StatusWait wait;
  JsonObject *active;
  GtkWidget *status_label = NULL;

  active = find_campaign (list_campaigns (&root), "status", "active", FALSE);
  g_assert_nonnull (active);
  id = g_strdup (json_object_get_string_member (active, "id"));
  name = g_strdup (json_object_get_string_member (active, "name"));

  use_row_menu (id, "_Pause", "campaigns.pause", "campaigns-row-menu-active");

  /* The platform has it paused, the row says so, and a toast too. */
  wait = (StatusWait) { id, "paused" };
  g_assert_true (td_ui_test_wait_until (platform_has_status, &wait, WAIT_MS));
  toast = g_strdup_printf ("%s is paused", name);
  assert_label_shown (GTK_WIDGET (window), toast);
  /* The status cell of that row, marked as a warning. */
  status_label = find_in_row (GTK_WIDGET (window), id, "warning");
  g_assert_nonnull (status_label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label)), ==, "Paused");
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-paused");

  /* And back: the menu now offers Resume. */
  use_row_menu (id, "_Resume", "campaigns.resume", "campaigns-row-menu-paused");
  wait = (StatusWait) { id, "active" };
  g_assert_true (td_ui_test_wait_until (platform_has_status, &wait, WAIT_MS));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

typedef struct
{
  const char *id;
  const char *text;
} AutoResponseWait;

static gboolean
platform_has_auto_response (gpointer data)
{
  AutoResponseWait *wait = data;
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", wait->id);
  g_autoptr(JsonNode) root = api_call ("GET", path, NULL, NULL, NULL);
  const char *current = json_object_get_string_member_with_default (json_node_get_object (root),
                                                                    "auto_response", NULL);

  td_ui_test_iterate (100);
  return g_strcmp0 (current, wait->text) == 0;
}

static void
test_edit_auto_response (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) toplevels = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  const char *text = "Thanks for texting Wave 101.9! You're in the draw. Reply STOP to opt out.";
  AdwMessageDialog *dialog = NULL;
  GtkTextView *view;
  AutoResponseWait wait;
  JsonObject *active;

  active = find_campaign (list_campaigns (&root), "status", "active", FALSE);
  g_assert_nonnull (active);
  id = g_strdup (json_object_get_string_member (active, "id"));
  name = g_strdup (json_object_get_string_member (active, "name"));

  /* From the row menu: the dialog shows the current text to edit. */
  gtk_widget_activate_action (GTK_WIDGET (get_page ()), "campaigns.edit-auto-response", "s", id);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (td_ui_test_wait_until (widget_mapped, dialog, WAIT_MS));

  view = GTK_TEXT_VIEW (td_ui_test_find_by_type (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (view);

  /* Under the text, what it costs, counted as it is typed. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "", -1);
  assert_label_shown (GTK_WIDGET (dialog), "0 / 160 · 0 texts · GSM-7");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Thanks – see you there", -1);
  assert_label_shown (GTK_WIDGET (dialog), "22 / 70 · 1 text · UCS-2");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  assert_label_shown (GTK_WIDGET (dialog), "73 / 160 · 1 text · GSM-7");
  shot = save_screenshot (GTK_WIDGET (dialog), "campaigns-edit-auto-response");

  /* Save: a PATCH with If-Match; the platform keeps the new text. */
  adw_message_dialog_response (dialog, "save");
  wait = (AutoResponseWait) { id, text };
  g_assert_true (td_ui_test_wait_until (platform_has_auto_response, &wait, WAIT_MS));
  toast = g_strdup_printf ("Auto-response of %s saved", name);
  assert_label_shown (GTK_WIDGET (window), toast);
}

static gboolean
model_has_n_items (gpointer data)
{
  guint *n = data;

  return g_list_model_get_n_items (td_campaigns_page_get_model (get_page ())) == *n;
}

static const char *const column_titles[] = {
  "Name", "Keywords", "Short Code", "Status", "Subscribers", "Activity",
};

/* Where each column's title sits across the table, as a person sees it. */
static void
get_column_positions (double positions[G_N_ELEMENTS (column_titles)])
{
  GtkWidget *view = td_ui_test_find_by_type (GTK_WIDGET (get_page ()), GTK_TYPE_COLUMN_VIEW);

  for (guint i = 0; i < G_N_ELEMENTS (column_titles); i++)
    {
      GtkWidget *title = td_ui_test_find_label (view, column_titles[i]);
      double y;

      g_assert_nonnull (title);
      g_assert_true (gtk_widget_translate_coordinates (title, view, 0, 0, &positions[i], &y));
    }
}

static void
test_search (void)
{
  double before[G_N_ELEMENTS (column_titles)];
  double after[G_N_ELEMENTS (column_titles)];
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *keyword = NULL;
  JsonArray *campaigns = list_campaigns (&root);
  JsonObject *campaign = json_array_get_object_element (campaigns, 0);
  JsonArray *keywords = json_object_get_array_member (campaign, "keywords");
  GtkWidget *entry = td_ui_test_find_by_type (GTK_WIDGET (get_page ()), GTK_TYPE_SEARCH_ENTRY);
  guint expected = 0;

  /* Searching by a keyword, as a person types it, lowercase. */
  keyword = g_utf8_strdown (json_array_get_string_element (keywords, 0), -1);
  for (guint i = 0; i < json_array_get_length (campaigns); i++)
    {
      JsonObject *campaign_i = json_array_get_object_element (campaigns, i);
      JsonArray *other = json_object_get_array_member (campaign_i, "keywords");
      const char *name = json_object_get_string_member (campaign_i, "name");
      g_autofree char *folded_name = g_utf8_casefold (name, -1);
      gboolean match = strstr (folded_name, keyword) != NULL;

      for (guint k = 0; k < json_array_get_length (other) && !match; k++)
        {
          g_autofree char *folded = g_utf8_casefold (json_array_get_string_element (other, k), -1);

          match = strstr (folded, keyword) != NULL;
        }
      if (match)
        expected++;
    }
  g_assert_cmpuint (expected, >=, 1);
  g_assert_cmpuint (expected, <, json_array_get_length (campaigns));

  g_clear_pointer (&shot, g_free);
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-search-before");
  get_column_positions (before);

  gtk_editable_set_text (GTK_EDITABLE (entry), keyword);
  g_assert_true (td_ui_test_wait_until (model_has_n_items, &expected, WAIT_MS));
  assert_label_shown (GTK_WIDGET (window), json_object_get_string_member (campaign, "name"));
  g_clear_pointer (&shot, g_free);
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-search");

  /* The columns stay where they were: the table does not jump. */
  get_column_positions (after);
  for (guint i = 0; i < G_N_ELEMENTS (column_titles); i++)
    g_assert_cmpfloat (after[i], ==, before[i]);

  gtk_editable_set_text (GTK_EDITABLE (entry), "no campaign is called this");
  assert_label_shown (GTK_WIDGET (window), "No Matching Campaigns");
  g_clear_pointer (&shot, g_free);
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-search-empty");

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  expected = json_array_get_length (campaigns);
  g_assert_true (td_ui_test_wait_until (model_has_n_items, &expected, WAIT_MS));
}

static void
test_sort_by_subscribers (void)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (td_ui_test_find_by_type (GTK_WIDGET (get_page ()),
                                                                  GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *model = td_campaigns_page_get_model (get_page ());
  GtkColumnViewColumn *subscribers = NULL;
  g_autofree char *shot = NULL;
  int previous = G_MAXINT;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Subscribers") == 0)
        subscribers = column;
    }
  g_assert_nonnull (subscribers);

  gtk_column_view_sort_by_column (view, subscribers, GTK_SORT_DESCENDING);
  td_ui_test_iterate (200);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TdCampaign) campaign = g_list_model_get_item (model, i);

      g_assert_cmpint (td_campaign_get_subscriber_count (campaign), <=, previous);
      previous = td_campaign_get_subscriber_count (campaign);
    }
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-sorted-by-subscribers");

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
}

static void
test_bubble_opens_activity (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;
  JsonObject *unread;
  GtkWidget *badge, *bubble;
  GtkWindow *activity;
  const char *id;

  unread = find_campaign (list_campaigns (&root), NULL, NULL, TRUE);
  g_assert_nonnull (unread);
  id = json_object_get_string_member (unread, "id");

  badge = find_in_row (GTK_WIDGET (window), id, "td-bubble-badge");
  g_assert_nonnull (badge);
  bubble = gtk_widget_get_ancestor (badge, GTK_TYPE_BUTTON);
  g_signal_emit_by_name (bubble, "clicked");

  activity = td_window_get_activity_window (window, id);
  g_assert_nonnull (activity);
  g_assert_true (td_ui_test_wait_until (widget_mapped, activity, WAIT_MS));
  assert_label_shown (GTK_WIDGET (activity), json_object_get_string_member (unread, "name"));
  td_ui_test_iterate (1000);
  shot = save_screenshot (GTK_WIDGET (activity), "campaigns-bubble-activity");

  /* A second click brings the same window back rather than a new one. */
  g_signal_emit_by_name (bubble, "clicked");
  g_assert_true (td_window_get_activity_window (window, id) == activity);

  gtk_window_destroy (activity);
  td_ui_test_iterate (100);
  g_assert_null (td_window_get_activity_window (window, id));
}

/* The gateway's side: a text to the short code, as Twilio would post it,
 * signed with the code's secret that `textdesk-platform secret` prints. */
static void
send_inbound_text (const char *from,
                   const char *body)
{
  TdDemoPlatform *platform = td_application_get_demo_platform (td_ui_test_get_application ());
  g_autofree char *program = td_demo_platform_find_program ();
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "textdesk", "demo.sqlite", NULL);
  g_autofree char *secret = NULL;
  g_autofree char *url = NULL;
  g_autofree char *sid = NULL;
  g_autofree char *signature = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GHmac) hmac = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  static guint counter;
  /* Sorted by name, as the signature needs them. */
  const char *names[] = { "Body", "From", "MessageSid", "To" };
  const char *values[4];
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program,
                              "secret", "--db", db, "--short-code", "41019", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &secret, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (secret);

  url = g_strdup_printf ("%s/gateway/twilio/41019", td_demo_platform_get_base_url (platform));
  sid = g_strdup_printf ("SMappcampaigns%u", ++counter);
  values[0] = body;
  values[1] = from;
  values[2] = sid;
  values[3] = "41019";

  hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret, strlen (secret));
  g_hmac_update (hmac, (const guchar *) url, -1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *escaped = g_uri_escape_string (values[i], NULL, FALSE);

      g_hmac_update (hmac, (const guchar *) names[i], -1);
      g_hmac_update (hmac, (const guchar *) values[i], -1);
      g_string_append_printf (form, "%s%s=%s", i > 0 ? "&" : "", names[i], escaped);
    }
  g_hmac_get_digest (hmac, digest, &digest_len);
  signature = g_base64_encode (digest, digest_len);

  /* The gateway is another program; blocking here is what it would do. */
  message = soup_message_new ("POST", url);
  soup_message_headers_append (soup_message_get_request_headers (message),
                               "X-Twilio-Signature", signature);
  request = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                            request);
  answer = soup_session_send_and_read (session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
}

typedef struct
{
  const char *id;
  gint64      unread_before;
} BadgeWait;

/* The bubble shows the platform's unread count, and it went up. */
static gboolean
badge_shows_platform_count (gpointer data)
{
  BadgeWait *wait = data;
  GtkWidget *badge = find_in_row (GTK_WIDGET (window), wait->id, "td-bubble-badge");
  g_autofree char *path = g_strdup_printf ("/v1/campaigns/%s", wait->id);
  g_autoptr(JsonNode) root = api_call ("GET", path, NULL, NULL, NULL);
  gint64 unread = json_object_get_int_member (json_node_get_object (root), "unread_count");
  g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, unread);

  td_ui_test_iterate (100);
  return unread > wait->unread_before && badge != NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (badge)), expected) == 0;
}

static void
test_new_text_updates_badge (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *id = NULL;
  g_autofree char *keyword = NULL;
  g_autofree char *text = NULL;
  g_autofree char *notification = NULL;
  JsonObject *quiet = NULL;
  JsonArray *campaigns;
  StatusWait status_wait;
  BadgeWait badge_wait;
  gint64 unread;

  /* A campaign few people text, so that its count is shown whole. */
  campaigns = list_campaigns (&root);
  for (guint i = 0; i < json_array_get_length (campaigns); i++)
    {
      JsonObject *campaign = json_array_get_object_element (campaigns, i);

      if (json_object_get_int_member (campaign, "unread_count") < 90 &&
          g_strcmp0 (json_object_get_string_member (campaign, "status"), "expired") != 0)
        quiet = campaign;
    }
  g_assert_nonnull (quiet);
  id = g_strdup (json_object_get_string_member (quiet, "id"));
  keyword = g_strdup (json_array_get_string_element (json_object_get_array_member (quiet,
                                                                                  "keywords"),
                                                     0));
  unread = json_object_get_int_member (quiet, "unread_count");

  if (g_strcmp0 (json_object_get_string_member (quiet, "status"), "active") != 0)
    {
      use_row_menu (id, "_Resume", "campaigns.resume", "campaigns-row-menu-resume");
      status_wait = (StatusWait) { id, "active" };
      g_assert_true (td_ui_test_wait_until (platform_has_status, &status_wait, WAIT_MS));
    }

  /* Someone new texts the keyword: a new conversation, one more unread,
   * and the bubble says so without a reload. (The demo platform makes
   * traffic of its own, so the count is read back from it.) */
  g_assert_false (gtk_window_is_active (GTK_WINDOW (window)));
  text = g_strdup_printf ("%s please, from the app's test", keyword);
  send_inbound_text ("+15555550177", text);

  badge_wait = (BadgeWait) { id, unread };
  g_assert_true (td_ui_test_wait_until (badge_shows_platform_count, &badge_wait, WAIT_MS));
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-new-text-badge");

  /* The window is not in front: a desktop notification tells of it. */
  notification = g_strdup_printf ("New Text\n%s", text);
  g_assert_true (td_ui_test_wait_until (notified, notification, WAIT_MS));
}

static void
test_live_update (void)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *shot = NULL;
  JsonObject *changes;
  JsonObject *campaign;
  LabelWait wait;

  /* Someone else renames a campaign; the row follows without a reload. */
  campaign = json_array_get_object_element (list_campaigns (&root), 0);
  path = g_strdup_printf ("/v1/campaigns/%s", json_object_get_string_member (campaign, "id"));
  current = api_call ("GET", path, NULL, NULL, &etag);
  new_name = g_strdup_printf ("%s (renamed)", json_object_get_string_member (campaign, "name"));

  changes = json_object_new ();
  json_object_set_string_member (changes, "name", new_name);
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, changes);
  changed = api_call ("PATCH", path, body, etag, NULL);

  assert_label_shown (GTK_WIDGET (window), new_name);
  wait = (LabelWait) { GTK_WIDGET (window), json_object_get_string_member (campaign, "name") };
  g_assert_true (td_ui_test_wait_until (label_gone, &wait, WAIT_MS));
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-live-rename");

  /* And back, the same way. */
  g_clear_pointer (&etag, g_free);
  g_clear_pointer (&current, json_node_unref);
  current = api_call ("GET", path, NULL, NULL, &etag);
  changes = json_object_new ();
  json_object_set_string_member (changes, "name", json_object_get_string_member (campaign, "name"));
  g_clear_pointer (&body, json_node_unref);
  body = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (body, changes);
  g_clear_pointer (&changed, json_node_unref);
  changed = api_call ("PATCH", path, body, etag, NULL);
  assert_label_shown (GTK_WIDGET (window), json_object_get_string_member (campaign, "name"));
}

/* How light a widget's text is, 0 (black) to 1 (white). */
static double
text_lightness (GtkWidget *widget)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue;
}

static gboolean
style_is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
style_is_light (gpointer data)
{
  return !adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
test_dark_style (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;
  JsonObject *campaign = json_array_get_object_element (list_campaigns (&root), 0);
  GtkWidget *view = td_ui_test_find_by_type (GTK_WIDGET (get_page ()), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *name;

  /* In the dark style the table's text is light on dark, like the
   * window's own: nothing of ours keeps light-style colors. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (td_ui_test_wait_until (style_is_dark, NULL, WAIT_MS));
  shot = save_screenshot (GTK_WIDGET (window), "campaigns-dark");

  name = td_ui_test_find_label (view, json_object_get_string_member (campaign, "name"));
  g_assert_nonnull (name);
  g_assert_cmpfloat (text_lightness (name), >, 0.7);
  g_assert_cmpfloat (text_lightness (td_ui_test_find_label (view, "Short Code")), >, 0.5);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  g_assert_true (td_ui_test_wait_until (style_is_light, NULL, WAIT_MS));
  g_assert_cmpfloat (text_lightness (name), <, 0.3);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(TdAccountInfo) me = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  TdDemoPlatform *platform;
  int status;

  use_own_data_dir ("test-campaigns");
  td_ui_test_init (&argc, &argv);
  start_notification_server ();

  /* Open the app as `textdesk --demo` does. */
  settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (settings, "demo");
  window = td_window_new (td_ui_test_get_application ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  td_window_start (window, TRUE);
  g_assert_true (td_ui_test_wait_until (has_session, window, WAIT_MS));
  g_assert_true (td_ui_test_wait_until (model_has_items,
                                        td_campaigns_page_get_model (get_page ()), WAIT_MS));

  platform = td_application_get_demo_platform (td_ui_test_get_application ());
  admin = td_client_new (td_demo_platform_get_base_url (platform));
  td_client_sign_in_async (admin, "admin@wave.example", "demo", NULL, result_cb, &result);
  me = td_client_sign_in_finish (admin, wait_for_result (&result), &error);
  g_assert_no_error (error);

  g_test_add_func ("/campaigns/demo-table", test_demo_table);
  g_test_add_func ("/campaigns/bubble-opens-activity", test_bubble_opens_activity);
  g_test_add_func ("/campaigns/pause-from-row-menu", test_pause_from_row_menu);
  g_test_add_func ("/campaigns/edit-auto-response", test_edit_auto_response);
  g_test_add_func ("/campaigns/search", test_search);
  g_test_add_func ("/campaigns/sort-by-subscribers", test_sort_by_subscribers);
  g_test_add_func ("/campaigns/live-update", test_live_update);
  g_test_add_func ("/campaigns/new-text-updates-badge", test_new_text_updates_badge);
  g_test_add_func ("/campaigns/dark-style", test_dark_style);

  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&admin);

  g_clear_object (&result);
  td_demo_platform_stop_async (platform, NULL, result_cb, &result);
  td_demo_platform_stop_finish (platform, wait_for_result (&result), NULL);

  return status;
}
