/* test-stream.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-stream"

#include "config.h"

#include "td-api-error.h"
#include "td-phone.h"
#include "td-conversation.h"
#include "td-conversation-row.h"
#include "td-event-stream.h"
#include "td-sign-in-page.h"
#include "td-stream-page.h"
#include "td-stream-row.h"
#include "td-stream-suggestion.h"
#include "td-stream-test.h"
#include "td-stream-util.h"
#include "td-subscriber-profile.h"
#include "td-ui-test-utils.h"
#include "td-window.h"

#include <gdk/x11/gdkx.h>

#define WAIT_MS 15000

typedef struct
{
  TdSession    *session;
  TdStreamPage *page;
  GtkWidget    *window;
} Fixture;

static void
fixture_open (Fixture    *fixture,
              const char *email)
{
  fixture->session = td_stream_test_sign_in (email);
  fixture->page = g_object_new (TD_TYPE_STREAM_PAGE, NULL);
  fixture->window = td_stream_test_window (GTK_WIDGET (fixture->page), 1200, 760);
  td_stream_page_set_session (fixture->page, fixture->session);
}

static void
fixture_close (Fixture *fixture)
{
  td_stream_page_set_session (fixture->page, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  td_ui_test_iterate (50);
  g_clear_object (&fixture->session);
}

static gboolean
page_loaded (gpointer data)
{
  TdStreamPage *page = data;

  return !td_stream_page_get_loading (page);
}

static guint
n_rows (TdStreamPage *page)
{
  GListModel *model = td_stream_page_get_model (page);

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

static void
wait_loaded (TdStreamPage *page)
{
  /* Let a new path's request start before asking whether it is done. */
  td_ui_test_iterate (50);
  g_assert_true (td_ui_test_wait_until (page_loaded, page, WAIT_MS));
}

static TdConversation *
row_at (TdStreamPage *page,
        guint         position)
{
  return g_list_model_get_item (td_stream_page_get_model (page), position);
}

static const char *
phone_of (TdConversation *conversation)
{
  return td_subscriber_summary_get_phone (td_conversation_get_subscriber (conversation));
}

typedef struct
{
  TdStreamPage *page;
  const char   *phone;
} PhoneWait;

static gboolean
first_row_is (gpointer data)
{
  PhoneWait *wait = data;
  g_autoptr(TdConversation) first = NULL;

  if (n_rows (wait->page) == 0)
    return FALSE;

  first = row_at (wait->page, 0);

  return g_strcmp0 (phone_of (first), wait->phone) == 0;
}

static char *
unique_phone (guint n)
{
  /* Fictional numbers only: 555-01xx. */
  return g_strdup_printf ("+1555010%04u", 9000 + (n % 1000));
}

/* An admin of Wave 101.9 FM, on its dedicated code, sees every text that
 * matched no keyword, live, newest first; the filters keep what they say. */
static void
test_stream_dedicated_admin (void)
{
  Fixture fixture = { 0 };
  g_autofree char *phone = unique_phone (1);
  g_autofree char *shot = NULL;
  g_autoptr(TdConversation) first = NULL;
  PhoneWait wait;
  guint n;

  fixture_open (&fixture, "admin@wave.example");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), >, 0);

  /* Newest first. */
  for (guint i = 1; i < MIN (n_rows (fixture.page), 20); i++)
    {
      g_autoptr(TdConversation) a = row_at (fixture.page, i - 1);
      g_autoptr(TdConversation) b = row_at (fixture.page, i);
      GDateTime *ta = td_message_get_created_at (td_conversation_get_last_message (a));
      GDateTime *tb = td_message_get_created_at (td_conversation_get_last_message (b));

      g_assert_cmpint (g_date_time_compare (ta, tb), >=, 0);
    }

  shot = td_ui_test_save_screenshot (fixture.window, "stream-all");
  g_clear_pointer (&shot, g_free);

  /* Text Chat is offered for the dedicated code. */
  g_assert_nonnull (td_ui_test_find_label (fixture.window, "Text Chat on 41019"));

  /* A stranger texts something no keyword matches: it shows at the top. */
  td_stream_test_inbound ("41019", phone, "What was the song after the news at 8?");
  wait.page = fixture.page;
  wait.phone = phone;
  g_assert_true (td_ui_test_wait_until (first_row_is, &wait, WAIT_MS));
  {
    /* The row names the stranger by number; the platform's automatic
     * answer follows their text, so the row shows that answer. */
    g_autofree char *formatted = td_phone_format (phone);

    g_assert_true (td_stream_test_wait_label (fixture.window, formatted, WAIT_MS));
  }

  /* Unread keeps only conversations with unread texts. */
  td_stream_page_set_filter (fixture.page, TD_STREAM_FILTER_UNREAD);
  wait_loaded (fixture.page);
  n = n_rows (fixture.page);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConversation) c = row_at (fixture.page, i);

      g_assert_cmpint (td_conversation_get_unread_count (c), >, 0);
    }
  shot = td_ui_test_save_screenshot (fixture.window, "stream-unread");
  g_clear_pointer (&shot, g_free);

  /* Likely misspellings. */
  td_stream_page_set_filter (fixture.page, TD_STREAM_FILTER_MISSPELLING);
  wait_loaded (fixture.page);
  n = n_rows (fixture.page);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConversation) c = row_at (fixture.page, i);

      g_assert_cmpint (td_stream_classify (c), ==, TD_STREAM_SUGGESTION_MISSPELLING);
    }
  g_assert_nonnull (td_stream_test_find_label_containing (fixture.window, "Did they mean "));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-misspellings");
  g_clear_pointer (&shot, g_free);

  /* Ended keywords. */
  td_stream_page_set_filter (fixture.page, TD_STREAM_FILTER_EXPIRED);
  wait_loaded (fixture.page);
  n = n_rows (fixture.page);
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdConversation) c = row_at (fixture.page, i);

      g_assert_cmpint (td_stream_classify (c), ==, TD_STREAM_SUGGESTION_EXPIRED);
    }
  g_assert_nonnull (td_stream_test_find_label_containing (fixture.window, " has ended"));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-expired");
  g_clear_pointer (&shot, g_free);

  /* Search by text, then by number. */
  td_stream_page_set_filter (fixture.page, TD_STREAM_FILTER_ALL);
  td_stream_page_set_search (fixture.page, "song after the news");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), ==, 1);
  first = row_at (fixture.page, 0);
  g_assert_cmpstr (phone_of (first), ==, phone);
  shot = td_ui_test_save_screenshot (fixture.window, "stream-search");
  g_clear_pointer (&shot, g_free);
  g_clear_object (&first);

  td_stream_page_set_search (fixture.page, phone + 2);
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), ==, 1);

  td_stream_page_set_search (fixture.page, "zzzz no such text anywhere");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), ==, 0);
  g_assert_nonnull (td_ui_test_find_label (fixture.window, "No Matches"));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-empty-search");
  g_clear_pointer (&shot, g_free);

  fixture_close (&fixture);
}

static guint
count_stream_matches (TdClient   *client,
                      const char *query)
{
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/v1/conversations?view=stream&limit=200&q=%s",
                                           escaped);
  g_autoptr(JsonArray) all = td_stream_test_get_all (client, path);

  return json_array_get_length (all);
}

/* On the shared code an account sees a text only from its own
 * subscribers; a stranger's text is nobody's. */
static void
test_stream_shared_admin (void)
{
  Fixture fixture = { 0 };
  g_autoptr(TdSession) sports = td_stream_test_sign_in ("admin@sports.example");
  TdClient *metro_client;
  TdClient *sports_client;
  g_autoptr(JsonArray) subscribers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stranger = unique_phone (2);
  g_autofree char *shot = NULL;
  const char *member_phone = NULL;
  PhoneWait wait;

  fixture_open (&fixture, "admin@metro.example");
  metro_client = td_session_get_client (fixture.session);
  sports_client = td_session_get_client (sports);
  wait_loaded (fixture.page);

  /* No Text Chat on a shared code. */
  g_assert_null (td_stream_test_find_label_containing (fixture.window, "Text Chat on"));

  /* A Metro subscriber who is not one of City Sports'. */
  subscribers = td_stream_test_get_all (metro_client, "/v1/subscribers?limit=200");
  g_assert_cmpuint (json_array_get_length (subscribers), >, 0);
  for (guint i = 0; i < json_array_get_length (subscribers) && member_phone == NULL; i++)
    {
      JsonObject *s = json_array_get_object_element (subscribers, i);
      const char *phone = json_object_get_string_member (s, "phone");
      g_autofree char *escaped = g_uri_escape_string (phone, NULL, FALSE);
      g_autofree char *path = g_strdup_printf ("/v1/subscribers?limit=5&q=%s", escaped);
      g_autoptr(JsonArray) in_sports = td_stream_test_get_all (sports_client, path);

      if (json_array_get_length (in_sports) == 0 &&
          json_object_get_array_member (s, "list_ids") != NULL &&
          json_array_get_length (json_object_get_array_member (s, "list_ids")) > 0 &&
          g_strcmp0 (json_object_get_string_member (s, "status"), "active") == 0)
        member_phone = phone;
    }
  g_assert_nonnull (member_phone);

  td_stream_test_inbound ("72000", stranger, "stranger asks about parking zq1");
  td_stream_test_inbound ("72000", member_phone, "member asks about the coupon zq2");

  /* Only the member's text reaches Metro; neither reaches City Sports. */
  g_assert_cmpuint (count_stream_matches (metro_client, "zq1"), ==, 0);
  g_assert_cmpuint (count_stream_matches (metro_client, "zq2"), ==, 1);
  g_assert_cmpuint (count_stream_matches (sports_client, "zq1"), ==, 0);
  g_assert_cmpuint (count_stream_matches (sports_client, "zq2"), ==, 0);

  /* And the page shows it at the top, live. */
  wait.page = fixture.page;
  wait.phone = member_phone;
  g_assert_true (td_ui_test_wait_until (first_row_is, &wait, WAIT_MS));
  td_stream_page_set_search (fixture.page, "zq1");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), ==, 0);
  td_stream_page_set_search (fixture.page, "zq2");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), ==, 1);
  shot = td_ui_test_save_screenshot (fixture.window, "stream-shared-metro");

  fixture_close (&fixture);
}

/* A member gets no stream: the platform refuses, and the page says so. */
static void
test_stream_member (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *shot = NULL;

  fixture_open (&fixture, "staff@wave.example");

  root = td_stream_test_call (td_session_get_client (fixture.session), "GET",
                              "/v1/conversations?view=stream", NULL, NULL, NULL, &error);
  g_assert_error (error, TD_API_ERROR, TD_API_ERROR_FORBIDDEN);
  g_assert_null (root);

  g_assert_true (td_stream_test_wait_label (fixture.window, "Only Admins See the Stream", WAIT_MS));
  g_assert_null (td_stream_page_get_model (fixture.page));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-member");

  fixture_close (&fixture);
}

/* Signs @email in to a main window, as the sign-in page does. */
static TdWindow *
signed_in_window (const char *email)
{
  /* The window signs its session out when it goes: not the shared one. */
  g_autoptr(TdSession) session = td_stream_test_sign_in_fresh (email);
  TdWindow *window = td_window_new (td_ui_test_get_application ());
  GtkWidget *sign_in;

  gtk_window_present (GTK_WINDOW (window));
  sign_in = td_ui_test_find_by_type (GTK_WIDGET (window), TD_TYPE_SIGN_IN_PAGE);
  g_assert_nonnull (sign_in);
  g_signal_emit_by_name (sign_in, "signed-in",
                         td_session_get_client (session),
                         td_session_get_account_info (session),
                         TRUE);
  td_ui_test_iterate (300);

  return window;
}

/* The window shows the Conversation Stream to admins only. */
static void
test_stream_window_roles (void)
{
  const char *emails[] = { "staff@wave.example", "admin@wave.example" };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      TdWindow *window = signed_in_window (emails[i]);
      AdwViewStack *stack;
      AdwViewStackPage *page;
      g_autofree char *shot = NULL;
      g_autofree char *name = g_strdup_printf ("window-%s", i == 0 ? "member" : "admin");

      stack = ADW_VIEW_STACK (td_ui_test_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
      g_assert_nonnull (stack);
      page = adw_view_stack_get_page (stack, adw_view_stack_get_child_by_name (stack, "stream"));
      g_assert_cmpint (adw_view_stack_page_get_visible (page), ==, i == 1);
      g_assert_cmpint (td_ui_test_find_label (GTK_WIDGET (window), "Conversation Stream") != NULL,
                       ==, i == 1);
      shot = td_ui_test_save_screenshot (GTK_WIDGET (window), name);

      gtk_window_destroy (GTK_WINDOW (window));
      td_ui_test_iterate (100);
    }
}

static gboolean
suggestion_idle (gpointer data)
{
  return !td_stream_suggestion_get_busy (TD_STREAM_SUGGESTION (data));
}

static gboolean
json_strv_contains (JsonArray  *array,
                    const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static JsonObject *
newest_outbound (TdClient   *client,
                 const char *conversation_id)
{
  g_autofree char *path = g_strdup_printf ("/v1/conversations/%s/messages?limit=20",
                                           conversation_id);
  g_autoptr(JsonObject) page = td_stream_test_get_object (client, path, NULL);
  JsonArray *data = json_object_get_array_member (page, "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *m = json_array_get_object_element (data, i);

      if (g_strcmp0 (json_object_get_string_member (m, "direction"), "outbound") == 0)
        return json_object_ref (m);
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ContainsWait;

static gboolean
label_contains (gpointer data)
{
  ContainsWait *wait = data;

  return td_stream_test_find_label_containing (wait->root, wait->text) != NULL;
}

/* Opens the first conversation the filter keeps whose sender is not on
 * the target campaign's list yet, takes its one-click suggestion, and
 * checks the platform and the profile. */
static void
take_suggestion (TdStreamFilter  filter,
                 const char     *screenshot,
                 gboolean        expect_reply)
{
  Fixture fixture = { 0 };
  g_autoptr(TdConversation) conversation = NULL;
  g_autoptr(JsonObject) subscriber = NULL;
  g_autoptr(JsonObject) campaign = NULL;
  g_autoptr(JsonObject) expired = NULL;
  g_autoptr(JsonObject) reply = NULL;
  g_autofree char *subscriber_path = NULL;
  g_autofree char *campaign_path = NULL;
  g_autofree char *shot = NULL;
  TdClient *client;
  GtkWidget *suggestion;
  JsonObject *message;
  const char *campaign_id;
  const char *list_id;
  const char *list_name;
  const char *reply_before = NULL;
  g_autoptr(JsonObject) outbound_before = NULL;
  ContainsWait wait;
  gboolean found = FALSE;

  fixture_open (&fixture, "admin@wave.example");
  client = td_session_get_client (fixture.session);
  td_stream_page_set_filter (fixture.page, filter);
  wait_loaded (fixture.page);

  /* A conversation whose sender is not on the target list yet. */
  for (guint i = 0; i < n_rows (fixture.page) && !found; i++)
    {
      g_clear_object (&conversation);
      g_clear_pointer (&campaign, json_object_unref);
      g_clear_pointer (&subscriber, json_object_unref);
      g_clear_pointer (&subscriber_path, g_free);
      g_clear_pointer (&campaign_path, g_free);

      conversation = row_at (fixture.page, i);
      message = td_stream_flag_message (conversation);

      if (filter == TD_STREAM_FILTER_MISSPELLING)
        campaign_id = json_object_get_string_member (message, "suggested_campaign_id");
      else
        {
          const char *redirect = json_object_get_string_member_with_default (message,
                                                                           "redirect_campaign_id",
                                                                           NULL);

          if (redirect == NULL)
            {
              const char *expired_id =
                json_object_get_string_member_with_default (message, "expired_campaign_id", NULL);
              g_autofree char *path = NULL;

              if (expired_id == NULL)
                continue;
              path = g_strdup_printf ("/v1/campaigns/%s", expired_id);
              g_clear_pointer (&expired, json_object_unref);
              expired = td_stream_test_get_object (client, path, NULL);
              redirect = json_object_get_string_member_with_default (expired,
                                                                   "redirect_campaign_id",
                                                                   NULL);
            }
          campaign_id = redirect;
        }
      if (campaign_id == NULL)
        continue;

      campaign_path = g_strdup_printf ("/v1/campaigns/%s", campaign_id);
      campaign = td_stream_test_get_object (client, campaign_path, NULL);
      subscriber_path = g_strdup_printf ("/v1/subscribers/%s",
                                         td_resource_get_id (TD_RESOURCE (td_conversation_get_subscriber (conversation))));
      subscriber = td_stream_test_get_object (client, subscriber_path, NULL);

      if (!json_strv_contains (json_object_get_array_member (subscriber, "list_ids"),
                               json_object_get_string_member (campaign, "list_id")) &&
          g_strcmp0 (json_object_get_string_member (subscriber, "status"), "active") == 0)
        {
          td_stream_page_select (fixture.page, i);
          found = TRUE;
        }
    }
  g_assert_true (found);

  list_id = json_object_get_string_member (campaign, "list_id");
  list_name = json_object_get_string_member (campaign, "name");
  outbound_before = newest_outbound (client, td_resource_get_id (TD_RESOURCE (conversation)));
  if (outbound_before != NULL)
    reply_before = json_object_get_string_member (outbound_before, "id");

  suggestion = td_stream_page_get_suggestion (fixture.page);
  g_assert_true (gtk_widget_get_visible (suggestion));
  td_ui_test_iterate (300);
  shot = td_ui_test_save_screenshot (fixture.window, screenshot);
  g_clear_pointer (&shot, g_free);

  /* One click. */
  td_stream_suggestion_set_reply (TD_STREAM_SUGGESTION (suggestion), expect_reply);
  td_stream_suggestion_activate (TD_STREAM_SUGGESTION (suggestion));
  g_assert_true (td_stream_suggestion_get_busy (TD_STREAM_SUGGESTION (suggestion)));
  g_assert_true (td_ui_test_wait_until (suggestion_idle, suggestion, WAIT_MS));

  /* The platform has them on the list, with a consent record. */
  g_clear_pointer (&subscriber, json_object_unref);
  subscriber = td_stream_test_get_object (client, subscriber_path, NULL);
  g_assert_true (json_strv_contains (json_object_get_array_member (subscriber, "list_ids"),
                                     list_id));
  {
    JsonArray *consents = json_object_get_array_member (subscriber, "consents");
    gboolean consent = FALSE;

    for (guint i = 0; i < json_array_get_length (consents); i++)
      if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (consents, i),
                                                    "list_id"), list_id) == 0)
        consent = TRUE;
    g_assert_true (consent);
  }

  /* The reply went, once, with the campaign's auto-response. */
  reply = newest_outbound (client, td_resource_get_id (TD_RESOURCE (conversation)));
  if (expect_reply)
    {
      g_assert_nonnull (reply);
      g_assert_cmpstr (json_object_get_string_member (reply, "id"), !=, reply_before);
      g_assert_cmpstr (json_object_get_string_member (reply, "body"), ==,
                       json_object_get_string_member (campaign, "auto_response"));
    }
  else if (reply != NULL)
    {
      g_assert_cmpstr (json_object_get_string_member (reply, "id"), ==, reply_before);
    }

  /* The pane says it is done, and the profile beside it, once reloaded,
   * lists the campaign's list and how they joined. */
  wait.root = fixture.window;
  wait.text = "Added ";
  g_assert_true (td_ui_test_wait_until (label_contains, &wait, WAIT_MS));
  {
    g_autoptr(JsonObject) list = NULL;
    g_autofree char *list_path = g_strdup_printf ("/v1/lists/%s", list_id);

    list = td_stream_test_get_object (client, list_path, NULL);
    td_subscriber_profile_reload (TD_SUBSCRIBER_PROFILE (td_stream_page_get_profile (fixture.page)));
    g_assert_true (td_stream_test_wait_label (td_stream_page_get_profile (fixture.page),
                                              json_object_get_string_member (list, "name"),
                                              WAIT_MS));
  }
  g_assert_nonnull (list_name);

  {
    g_autofree char *done = g_strdup_printf ("%s-done", screenshot);

    shot = td_ui_test_save_screenshot (fixture.window, done);
  }

  fixture_close (&fixture);
}

static void
test_stream_misspelling_action (void)
{
  take_suggestion (TD_STREAM_FILTER_MISSPELLING, "stream-misspelling-action", TRUE);
}

static void
test_stream_expired_action (void)
{
  take_suggestion (TD_STREAM_FILTER_EXPIRED, "stream-expired-action", TRUE);
}

static gboolean
switch_sensitive (gpointer data)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (data));
}

static gboolean
text_chat_on_platform (TdClient *client)
{
  g_autoptr(JsonArray) codes = td_stream_test_get_all (client, "/v1/short-codes?limit=50");

  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonObject *code = json_array_get_object_element (codes, i);

      if (g_strcmp0 (json_object_get_string_member (code, "code"), "41019") == 0)
        return json_object_get_boolean_member (code, "text_chat");
    }

  g_assert_not_reached ();
}

/* The Text Chat switch shows and sets the dedicated code's setting. */
static void
test_stream_text_chat (void)
{
  Fixture fixture = { 0 };
  GtkWidget *label;
  GtkWidget *row;
  GtkWidget *sw;
  TdClient *client;
  gboolean before;

  fixture_open (&fixture, "admin@wave.example");
  client = td_session_get_client (fixture.session);
  g_assert_true (td_stream_test_wait_label (fixture.window, "Text Chat on 41019", WAIT_MS));

  label = td_ui_test_find_label (fixture.window, "Text Chat on 41019");
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  sw = td_ui_test_find_by_type (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (sw);

  before = text_chat_on_platform (client);
  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (sw)), ==, before);

  gtk_switch_set_active (GTK_SWITCH (sw), !before);
  td_ui_test_iterate (20);
  g_assert_true (td_ui_test_wait_until (switch_sensitive, sw, WAIT_MS));
  g_assert_cmpint (text_chat_on_platform (client), ==, !before);
  g_assert_nonnull (td_stream_test_find_label_containing (fixture.window,
                                                          before ? "Text Chat is off for 41019"
                                                                 : "Text Chat is on for 41019"));

  gtk_switch_set_active (GTK_SWITCH (sw), before);
  td_ui_test_iterate (20);
  g_assert_true (td_ui_test_wait_until (switch_sensitive, sw, WAIT_MS));
  g_assert_cmpint (text_chat_on_platform (client), ==, before);

  fixture_close (&fixture);
}

/* Window buttons inside the page: the pane's header bar must show none,
 * the window has its own. */
static guint
count_window_controls (GtkWidget *root)
{
  guint n = 0;

  if (GTK_IS_WINDOW_CONTROLS (root) && gtk_widget_get_mapped (root) &&
      gtk_widget_get_first_child (root) != NULL)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_window_controls (child);

  return n;
}

static GtkWidget *
first_stream_row (GtkWidget *root)
{
  if (TD_IS_STREAM_ROW (root) && gtk_widget_get_mapped (root) &&
      td_stream_row_get_conversation (TD_STREAM_ROW (root)) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_stream_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_stream_row (gpointer data)
{
  return first_stream_row (data) != NULL;
}

static void
xdotool (const char *format,
         ...) G_GNUC_PRINTF (1, 2);

static void
xdotool (const char *format,
         ...)
{
  g_autofree char *args = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);

  command = g_strdup_printf ("xdotool %s", args);
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let GTK see the events before the next ones. */
  td_ui_test_iterate (60);
}

static gboolean
allocated (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

/* A real click, through the X server, in the middle of @widget. */
static void
x11_click (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  graphene_point_t in;
  graphene_point_t out;
  double sx = 0, sy = 0;

  g_assert_true (td_ui_test_wait_until (allocated, widget, WAIT_MS));
  in = GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                            gtk_widget_get_height (widget) / 2.0);
  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &sx, &sy);
  xdotool ("mousemove --window %lu %d %d",
           (gulong) gdk_x11_surface_get_xid (surface),
           (int) (out.x + sx), (int) (out.y + sy));
  xdotool ("mousedown 1");
  xdotool ("mouseup 1");
}

typedef struct
{
  TdStreamPage *page;
  const char   *subscriber_id;
} ProfileWait;

static gboolean
profile_shows (gpointer data)
{
  ProfileWait *wait = data;
  GtkWidget *profile = td_stream_page_get_profile (wait->page);

  return gtk_widget_get_mapped (profile) &&
         g_strcmp0 (td_subscriber_profile_get_subscriber_id (TD_SUBSCRIBER_PROFILE (profile)),
                    wait->subscriber_id) == 0;
}

static gboolean
row_expanded (gpointer data)
{
  return td_conversation_row_get_expanded (data);
}

/* A click on a row opens the conversation beside the list, once: the row
 * itself stays closed; its expand button still opens it in place. The
 * pane shows no second set of window buttons. */
static void
test_stream_click_opens (void)
{
  Fixture fixture = { 0 };
  g_autofree char *shot = NULL;
  TdConversation *conversation;
  GtkWidget *row;
  GtkWidget *conversation_row;
  GtkWidget *name_label;
  GtkWidget *expand;
  ProfileWait wait;

  fixture_open (&fixture, "admin@wave.example");
  wait_loaded (fixture.page);
  g_assert_cmpuint (n_rows (fixture.page), >, 0);

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (fixture.window)) ||
      g_find_program_in_path ("xdotool") == NULL)
    {
      fixture_close (&fixture);
      g_test_skip ("Needs X11 and xdotool to click");
      return;
    }

  g_assert_true (td_ui_test_wait_until (has_stream_row, fixture.window, WAIT_MS));
  row = first_stream_row (fixture.window);
  conversation = td_stream_row_get_conversation (TD_STREAM_ROW (row));
  conversation_row = td_ui_test_find_by_type (row, TD_TYPE_CONVERSATION_ROW);
  g_assert_nonnull (conversation_row);
  g_assert_false (td_conversation_row_get_expanded (TD_CONVERSATION_ROW (conversation_row)));

  /* Click the sender's name. */
  {
    g_autofree char *name = td_stream_display_name (
      td_subscriber_summary_get_first_name (td_conversation_get_subscriber (conversation)),
      td_subscriber_summary_get_last_name (td_conversation_get_subscriber (conversation)),
      td_subscriber_summary_get_phone (td_conversation_get_subscriber (conversation)));

    name_label = td_ui_test_find_label (row, name);
  }
  g_assert_nonnull (name_label);
  x11_click (name_label);

  wait.page = fixture.page;
  wait.subscriber_id = td_resource_get_id (TD_RESOURCE (td_conversation_get_subscriber (conversation)));
  g_assert_true (td_ui_test_wait_until (profile_shows, &wait, WAIT_MS));
  td_ui_test_iterate (300);
  g_assert_false (td_conversation_row_get_expanded (TD_CONVERSATION_ROW (conversation_row)));
  g_assert_cmpuint (count_window_controls (GTK_WIDGET (fixture.page)), ==, 0);
  shot = td_ui_test_save_screenshot (fixture.window, "stream-click-opens");
  g_clear_pointer (&shot, g_free);

  /* The expand button expands in place, as before. */
  expand = td_ui_test_find_by_type (conversation_row, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (expand);
  x11_click (expand);
  g_assert_true (td_ui_test_wait_until (row_expanded, conversation_row, WAIT_MS));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-expand-button");
  g_clear_pointer (&shot, g_free);

  fixture_close (&fixture);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} ShownWait;

static gboolean
text_shown (gpointer data)
{
  ShownWait *wait = data;

  return td_stream_test_find_label_containing (wait->root, wait->text) != NULL;
}

static gboolean
text_gone (gpointer data)
{
  return !text_shown (data);
}

/* A page built and loaded while hidden, whose live events missed texts
 * (a reset), shows them as soon as it is shown; hidden, it does not
 * reload for nothing. */
static void
test_stream_current_when_shown (void)
{
  Fixture fixture = { 0 };
  g_autofree char *phone = unique_phone (7);
  g_autofree char *text = g_strdup_printf ("missed while hidden %s", phone + 8);
  g_autofree char *formatted = NULL;
  g_autofree char *shot = NULL;
  TdEventStream *events;
  GtkWidget *stack;
  GtkWidget *other;
  ShownWait wait;

  fixture.session = td_stream_test_sign_in ("admin@wave.example");
  fixture.page = g_object_new (TD_TYPE_STREAM_PAGE, NULL);
  stack = gtk_stack_new ();
  other = gtk_label_new ("Another page");
  gtk_stack_add_named (GTK_STACK (stack), other, "other");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (fixture.page), "stream");
  gtk_stack_set_visible_child (GTK_STACK (stack), other);
  fixture.window = td_stream_test_window (stack, 1200, 760);
  td_stream_page_set_session (fixture.page, fixture.session);
  wait_loaded (fixture.page);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (fixture.page)));

  /* The text arrives while nothing listens (as across a dropped
   * connection whose history the platform no longer has). */
  events = td_session_get_event_stream (fixture.session);
  td_event_stream_stop (events);
  td_stream_test_inbound ("41019", phone, text);
  g_signal_emit_by_name (events, "reset");
  td_ui_test_iterate (100);
  g_assert_false (td_stream_page_get_loading (fixture.page));
  formatted = td_phone_format (phone);
  g_assert_null (td_stream_test_find_label_containing (GTK_WIDGET (fixture.page), formatted));

  gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (fixture.page));
  wait.root = GTK_WIDGET (fixture.page);
  /* The row names the stranger by number (the automatic answer may be
   * its last text). */
  wait.text = formatted;
  g_assert_true (td_ui_test_wait_until (text_shown, &wait, WAIT_MS));
  shot = td_ui_test_save_screenshot (fixture.window, "stream-current-when-shown");

  td_stream_page_set_session (fixture.page, NULL);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  td_ui_test_iterate (50);
  td_event_stream_start (events);
  g_clear_object (&fixture.session);
}

/* A row read elsewhere leaves the Unread filter. */
static void
test_stream_read_leaves_unread (void)
{
  Fixture fixture = { 0 };
  g_autofree char *phone = unique_phone (8);
  g_autofree char *path = NULL;
  g_autoptr(TdConversation) first = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  PhoneWait wait;

  fixture_open (&fixture, "admin@wave.example");
  td_stream_page_set_filter (fixture.page, TD_STREAM_FILTER_UNREAD);
  wait_loaded (fixture.page);

  td_stream_test_inbound ("41019", phone, "unread until someone reads it");
  wait.page = fixture.page;
  wait.phone = phone;
  g_assert_true (td_ui_test_wait_until (first_row_is, &wait, WAIT_MS));
  first = row_at (fixture.page, 0);

  /* Another desktop reads it. */
  path = g_strdup_printf ("/v1/conversations/%s", td_resource_get_id (TD_RESOURCE (first)));
  {
    g_autofree char *json = g_strdup_printf ("{\"last_read_message_id\": \"%s\"}",
                                             td_resource_get_id (TD_RESOURCE (td_conversation_get_last_message (first))));
    g_autoptr(GError) error = NULL;

    body = td_stream_test_json (json);
    root = td_stream_test_call (td_session_get_client (fixture.session), "PATCH", path,
                                body, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autofree char *formatted = td_phone_format (phone);
    ShownWait gone = { fixture.window, formatted };

    g_assert_true (td_ui_test_wait_until (text_gone, &gone, WAIT_MS));
  }

  fixture_close (&fixture);
}

int
main (int    argc,
      char **argv)
{
  int status;

  td_ui_test_init (&argc, &argv);

  g_test_add_func ("/stream/dedicated-admin", test_stream_dedicated_admin);
  g_test_add_func ("/stream/shared-admin", test_stream_shared_admin);
  g_test_add_func ("/stream/member", test_stream_member);
  g_test_add_func ("/stream/window-roles", test_stream_window_roles);
  g_test_add_func ("/stream/misspelling-action", test_stream_misspelling_action);
  g_test_add_func ("/stream/expired-action", test_stream_expired_action);
  g_test_add_func ("/stream/text-chat", test_stream_text_chat);
  g_test_add_func ("/stream/click-opens", test_stream_click_opens);
  g_test_add_func ("/stream/current-when-shown", test_stream_current_when_shown);
  g_test_add_func ("/stream/read-leaves-unread", test_stream_read_leaves_unread);

  status = g_test_run ();
  td_stream_test_platform_stop ();

  return status;
}
