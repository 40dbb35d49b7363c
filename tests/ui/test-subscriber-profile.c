/* test-subscriber-profile.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-subscriber-profile"

#include "config.h"

#include "td-event-stream.h"
#include "td-phone.h"
#include "td-stream-test.h"
#include "td-subscriber-profile.h"
#include "td-ui-test-utils.h"

#define WAIT_MS 15000

typedef struct
{
  TdSession           *session;
  TdClient            *client;
  TdSubscriberProfile *profile;
  GtkWidget           *window;
  JsonObject          *subscriber;  /* as the test picked it */
  char                *path;
} Fixture;

static gboolean
profile_loaded (gpointer data)
{
  TdSubscriberProfile *profile = data;

  return !td_subscriber_profile_get_loading (profile) &&
         td_subscriber_profile_get_subscriber (profile) != NULL;
}

static void
wait_loaded (Fixture *fixture)
{
  td_ui_test_iterate (20);
  g_assert_true (td_ui_test_wait_until (profile_loaded, fixture->profile, WAIT_MS));
}

/* A subscriber of Wave with a name, metadata and a list, who has texted. */
static JsonObject *
pick_subscriber (TdClient *client,
                 guint     skip)
{
  g_autoptr(JsonArray) all = td_stream_test_get_all (client, "/v1/subscribers?limit=200");

  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *s = json_array_get_object_element (all, i);
      JsonObject *fields = json_object_get_object_member (s, "fields");
      JsonArray *lists = json_object_get_array_member (s, "list_ids");

      if (fields != NULL && json_object_get_size (fields) >= 2 &&
          lists != NULL && json_array_get_length (lists) >= 1 &&
          g_strcmp0 (json_object_get_string_member (s, "status"), "active") == 0 &&
          *json_object_get_string_member (s, "first_name") != '\0')
        {
          if (skip-- == 0)
            return json_object_ref (s);
        }
    }

  g_assert_not_reached ();
}

static void
fixture_open (Fixture *fixture,
              guint    skip)
{
  fixture->session = td_stream_test_sign_in ("admin@wave.example");
  fixture->client = td_session_get_client (fixture->session);
  fixture->subscriber = pick_subscriber (fixture->client, skip);
  fixture->path = g_strdup_printf ("/v1/subscribers/%s",
                                   json_object_get_string_member (fixture->subscriber, "id"));

  fixture->profile = TD_SUBSCRIBER_PROFILE (td_subscriber_profile_new ());
  fixture->window = td_stream_test_window (GTK_WIDGET (fixture->profile), 460, 900);
  td_subscriber_profile_set_session (fixture->profile, fixture->session);
  td_subscriber_profile_set_subscriber_id (fixture->profile,
                                           json_object_get_string_member (fixture->subscriber, "id"));
  wait_loaded (fixture);
}

static void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  td_ui_test_iterate (50);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->subscriber, json_object_unref);
  g_clear_pointer (&fixture->path, g_free);
}

static JsonObject *
fields_on_platform (Fixture *fixture)
{
  g_autoptr(JsonObject) s = td_stream_test_get_object (fixture->client, fixture->path, NULL);

  return json_object_ref (json_object_get_object_member (s, "fields"));
}

static JsonObject *
field_definition (Fixture    *fixture,
                  const char *type)
{
  g_autoptr(JsonArray) defs = td_stream_test_get_all (fixture->client, "/v1/fields?limit=200");

  for (guint i = 0; i < json_array_get_length (defs); i++)
    {
      JsonObject *def = json_array_get_object_element (defs, i);

      if (g_strcmp0 (json_object_get_string_member (def, "type"), type) == 0)
        return json_object_ref (def);
    }

  return NULL;
}

static GtkWidget *
find_row_with_data (GtkWidget  *root,
                    const char *data_key,
                    const char *value)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (g_object_get_data (G_OBJECT (root), data_key), value) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with_data (child, data_key, value);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row that edits @key. */
static GtkWidget *
find_field_row (GtkWidget  *root,
                const char *key)
{
  return find_row_with_data (root, "td-field-key", key);
}

typedef struct
{
  Fixture    *fixture;
  const char *key;
  const char *text;   /* NULL: the key is gone */
} FieldWait;

static gboolean
platform_field_is (gpointer data)
{
  FieldWait *wait = data;
  g_autoptr(JsonObject) fields = fields_on_platform (wait->fixture);
  JsonNode *value = json_object_get_member (fields, wait->key);
  g_autofree char *text = NULL;

  if (wait->text == NULL)
    return value == NULL || JSON_NODE_HOLDS_NULL (value);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return FALSE;

  if (json_node_get_value_type (value) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (value));
  else
    text = json_to_string (value, FALSE);

  return g_strcmp0 (text, wait->text) == 0;
}

static void
wait_platform_field (Fixture    *fixture,
                     const char *key,
                     const char *text)
{
  FieldWait wait = { fixture, key, text };

  /* Each check is a request; pace them. */
  for (guint i = 0; i < WAIT_MS / 100; i++)
    {
      if (platform_field_is (&wait))
        return;
      td_ui_test_iterate (100);
    }

  g_assert_true (platform_field_is (&wait));
}

/* Name, number, consent, fields, lists and history, as a person sees them. */
static void
test_profile_shows (void)
{
  Fixture fixture = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(JsonArray) defs = NULL;
  g_autoptr(JsonArray) lists = NULL;
  JsonObject *fields;
  JsonArray *list_ids;
  g_autoptr(GList) keys = NULL;

  fixture_open (&fixture, 0);

  name = g_strdup_printf ("%s %s",
                          json_object_get_string_member (fixture.subscriber, "first_name"),
                          json_object_get_string_member (fixture.subscriber, "last_name"));
  g_strstrip (name);
  phone = td_phone_format (json_object_get_string_member (fixture.subscriber, "phone"));
  g_assert_nonnull (td_ui_test_find_label (fixture.window, name));
  g_assert_nonnull (td_ui_test_find_label (fixture.window, phone));
  g_assert_nonnull (td_ui_test_find_label (fixture.window, "Subscribed"));

  /* Each field under its definition's name. */
  defs = td_stream_test_get_all (fixture.client, "/v1/fields?limit=200");
  fields = json_object_get_object_member (fixture.subscriber, "fields");
  keys = json_object_get_members (fields);
  for (const GList *l = keys; l != NULL; l = l->next)
    {
      const char *title = l->data;

      for (guint i = 0; i < json_array_get_length (defs); i++)
        {
          JsonObject *def = json_array_get_object_element (defs, i);

          if (g_strcmp0 (json_object_get_string_member (def, "key"), l->data) == 0)
            title = json_object_get_string_member (def, "name");
        }
      g_assert_nonnull (find_field_row (fixture.window, l->data));
      g_assert_nonnull (td_ui_test_find_label (fixture.window, title));
    }

  /* Each list by name, in Lists and in the consent history. */
  lists = td_stream_test_get_all (fixture.client, "/v1/lists?limit=200");
  list_ids = json_object_get_array_member (fixture.subscriber, "list_ids");
  for (guint i = 0; i < json_array_get_length (list_ids); i++)
    for (guint j = 0; j < json_array_get_length (lists); j++)
      {
        JsonObject *list = json_array_get_object_element (lists, j);

        if (g_strcmp0 (json_object_get_string_member (list, "id"),
                       json_array_get_string_element (list_ids, i)) == 0)
          g_assert_nonnull (td_ui_test_find_label (fixture.window,
                                                   json_object_get_string_member (list, "name")));
      }

  g_assert_nonnull (td_ui_test_find_label (fixture.window, "Recent History"));
  shot = td_ui_test_save_screenshot (fixture.window, "profile");

  fixture_close (&fixture);
}

/* Defines a field through the profile's dialog, as a person would:
 * "Define a New Field…", a name, a type, "Define and Add". */
static void
define_field (Fixture    *fixture,
              const char *name,
              guint       type_index)
{
  g_autoptr(GListModel) toplevels = NULL;
  AdwMessageDialog *dialog = NULL;
  GtkWidget *name_row;
  GtkWidget *type_row;
  g_autofree char *shot = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->profile), "profile.define-field", NULL);
  td_ui_test_iterate (300);

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);

  name_row = td_ui_test_find_by_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW);
  type_row = td_ui_test_find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (name_row);
  g_assert_nonnull (type_row);

  /* Nothing to define without a name. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "define"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), name);
  adw_combo_row_set_selected (ADW_COMBO_ROW (type_row), type_index);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "define"));
  shot = td_ui_test_save_screenshot (GTK_WIDGET (dialog), "profile-define-field");

  /* What clicking the button does: the response, then the dialog goes. */
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "define");
  gtk_window_close (GTK_WINDOW (dialog));
  td_ui_test_iterate (100);
  g_object_unref (dialog);
}

static GtkWidget *
find_button_with_tooltip (GtkWidget  *root,
                          const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_undo_button (GtkWidget *window)
{
  return td_stream_test_find_button (window, "Undo");
}

/* Edits go to the platform and come back: text, number, date, boolean;
 * add and remove (with Undo). */
static void
test_profile_metadata_round_trip (void)
{
  Fixture fixture = { 0 };
  g_autoptr(JsonObject) text_def = NULL;
  g_autoptr(JsonObject) number_def = NULL;
  g_autoptr(JsonObject) bool_def = NULL;
  g_autoptr(JsonObject) date_def = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autofree char *shot = NULL;
  const char *text_key;
  const char *number_key;
  GtkWidget *row;
  GtkWidget *sw;
  GtkWidget *undo;

  fixture_open (&fixture, 1);
  text_def = field_definition (&fixture, "text");
  number_def = field_definition (&fixture, "number");

  /* The demo has no number field: define one from the profile. */
  if (number_def == NULL)
    {
      define_field (&fixture, "Visits to the studio", 1);
      wait_platform_field (&fixture, "visits_to_the_studio", "0");
      number_def = field_definition (&fixture, "number");
      g_assert_cmpstr (json_object_get_string_member (number_def, "key"), ==,
                       "visits_to_the_studio");
      g_assert_true (td_stream_test_wait_label (fixture.window, "Visits to the studio", WAIT_MS));
    }
  bool_def = field_definition (&fixture, "boolean");
  date_def = field_definition (&fixture, "date");
  g_assert_nonnull (text_def);
  g_assert_nonnull (number_def);
  text_key = json_object_get_string_member (text_def, "key");
  number_key = json_object_get_string_member (number_def, "key");

  /* Make sure both fields exist, through the menu's action. */
  fields = fields_on_platform (&fixture);
  if (!json_object_has_member (fields, text_key))
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", text_key);
      wait_platform_field (&fixture, text_key, "");
    }
  if (!json_object_has_member (fields, number_key))
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", number_key);
      wait_platform_field (&fixture, number_key, "0");
    }
  td_ui_test_iterate (300);

  /* Text. */
  row = find_field_row (fixture.window, text_key);
  g_assert_nonnull (row);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "Rock & Roll über alles");
  g_signal_emit_by_name (row, "apply");
  wait_platform_field (&fixture, text_key, "Rock & Roll über alles");

  /* A number refuses words, and saves digits as a number. */
  td_ui_test_iterate (300);
  row = find_field_row (fixture.window, number_key);
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "forty two");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (td_stream_test_wait_label (fixture.window, "“forty two” is not a number", WAIT_MS));
  gtk_editable_set_text (GTK_EDITABLE (row), "42");
  g_signal_emit_by_name (row, "apply");
  wait_platform_field (&fixture, number_key, "42");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* A boolean is a switch. */
  if (bool_def != NULL)
    {
      const char *bool_key = json_object_get_string_member (bool_def, "key");
      g_autoptr(JsonObject) now = fields_on_platform (&fixture);

      if (!json_object_has_member (now, bool_key))
        {
          gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", bool_key);
          wait_platform_field (&fixture, bool_key, "false");
          td_ui_test_iterate (300);
        }
      row = find_field_row (fixture.window, bool_key);
      g_assert_nonnull (row);
      sw = td_ui_test_find_by_type (row, GTK_TYPE_SWITCH);
      g_assert_nonnull (sw);
      gtk_switch_set_active (GTK_SWITCH (sw), !gtk_switch_get_active (GTK_SWITCH (sw)));
      wait_platform_field (&fixture, bool_key,
                           gtk_switch_get_active (GTK_SWITCH (sw)) ? "true" : "false");
    }

  /* A date must look like one. */
  if (date_def != NULL)
    {
      const char *date_key = json_object_get_string_member (date_def, "key");
      g_autoptr(JsonObject) now = fields_on_platform (&fixture);

      if (!json_object_has_member (now, date_key))
        {
          gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", date_key);
          td_ui_test_iterate (500);
        }
      td_ui_test_iterate (300);
      row = find_field_row (fixture.window, date_key);
      g_assert_nonnull (row);
      gtk_editable_set_text (GTK_EDITABLE (row), "2026-02-30");
      g_signal_emit_by_name (row, "apply");
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      gtk_editable_set_text (GTK_EDITABLE (row), "2026-07-04");
      g_signal_emit_by_name (row, "apply");
      wait_platform_field (&fixture, date_key, "2026-07-04");
    }

  shot = td_ui_test_save_screenshot (fixture.window, "profile-edited");
  g_clear_pointer (&shot, g_free);

  /* Remove the text field, then Undo from the toast. */
  td_ui_test_iterate (300);
  row = find_field_row (fixture.window, text_key);
  g_assert_nonnull (row);
  gtk_widget_activate (find_button_with_tooltip (row, "Remove Field"));
  wait_platform_field (&fixture, text_key, NULL);
  g_assert_true (td_stream_test_wait_label (fixture.window, "Undo", WAIT_MS));
  shot = td_ui_test_save_screenshot (fixture.window, "profile-removed-undo");
  g_clear_pointer (&shot, g_free);

  undo = find_undo_button (fixture.window);
  g_assert_nonnull (undo);
  gtk_widget_activate (undo);
  wait_platform_field (&fixture, text_key, "Rock & Roll über alles");
  td_ui_test_iterate (300);
  g_assert_nonnull (find_field_row (fixture.window, text_key));

  fixture_close (&fixture);
}

/* Someone else saves first: the profile says so, and keeps their value. */
static void
test_profile_conflict (void)
{
  Fixture fixture = { 0 };
  g_autoptr(TdSession) other = td_stream_test_sign_in ("admin@wave.example");
  g_autoptr(JsonObject) text_def = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(JsonObject) fields = NULL;
  const char *key;
  GtkWidget *row;

  fixture_open (&fixture, 2);
  text_def = field_definition (&fixture, "text");
  key = json_object_get_string_member (text_def, "key");

  fields = fields_on_platform (&fixture);
  if (!json_object_has_member (fields, key))
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", key);
      wait_platform_field (&fixture, key, "");
    }
  td_ui_test_iterate (300);
  row = find_field_row (fixture.window, key);
  g_assert_nonnull (row);

  /* The other desktop saves, with its own fresh ETag; its live event is
   * late here (stopped), so this one saves on top of an old ETag. */
  td_event_stream_stop (td_session_get_event_stream (fixture.session));
  g_clear_pointer (&fields, json_object_unref);
  json_object_unref (td_stream_test_get_object (td_session_get_client (other), fixture.path, &etag));
  json = g_strdup_printf ("{\"fields\": {\"%s\": \"set by a colleague\"}}", key);
  body = td_stream_test_json (json);
  answer = td_stream_test_call (td_session_get_client (other), "PATCH", fixture.path, body,
                                etag, NULL, &error);
  g_assert_no_error (error);

  /* This one, behind, tries to save its own. */
  gtk_editable_set_text (GTK_EDITABLE (row), "set here");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (td_stream_test_wait_label (fixture.window, "Someone else changed this profile",
                                            WAIT_MS));
  g_assert_true (td_subscriber_profile_get_conflict (fixture.profile));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "set here");
  shot = td_ui_test_save_screenshot (fixture.window, "profile-conflict");

  /* Nothing was overwritten. */
  wait_platform_field (&fixture, key, "set by a colleague");

  /* Reload shows the colleague's value and clears the warning. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.reload", NULL);
  td_ui_test_iterate (50);
  wait_loaded (&fixture);
  g_assert_false (td_subscriber_profile_get_conflict (fixture.profile));
  row = find_field_row (fixture.window, key);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "set by a colleague");

  fixture_close (&fixture);
}

typedef struct
{
  GtkWidget  *window;
  const char *key;
  const char *text;
} RowTextWait;

static gboolean
row_text_is (gpointer data)
{
  RowTextWait *wait = data;
  GtkWidget *row = find_field_row (wait->window, wait->key);

  return row != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), wait->text) == 0;
}

static gboolean
field_row_shown (gpointer data)
{
  RowTextWait *wait = data;

  return find_field_row (wait->window, wait->key) != NULL;
}

static gboolean
name_shown (gpointer data)
{
  RowTextWait *wait = data;

  return td_stream_test_find_label_containing (wait->window, wait->text) != NULL;
}

/* A colleague's change shows as it happens; a field being typed in keeps
 * what is typed, and its focus. */
static void
test_profile_live_update (void)
{
  Fixture fixture = { 0 };
  g_autoptr(TdSession) other = td_stream_test_sign_in ("admin@wave.example");
  g_autoptr(JsonObject) text_def = NULL;
  g_autoptr(JsonObject) fields = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *colleague = g_strdup_printf ("live %u", g_random_int_range (1000, 9999));
  const char *key;
  const char *first_name;
  GtkWidget *row;
  RowTextWait wait;

  fixture_open (&fixture, 3);
  text_def = field_definition (&fixture, "text");
  key = json_object_get_string_member (text_def, "key");

  fields = fields_on_platform (&fixture);
  if (!json_object_has_member (fields, key))
    {
      gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-field", "s", key);
      wait_platform_field (&fixture, key, "");
    }
  wait.window = fixture.window;
  wait.key = key;
  wait.text = NULL;
  g_assert_true (td_ui_test_wait_until (field_row_shown, &wait, WAIT_MS));

  /* The colleague changes the field: it shows here, no conflict. */
  json = g_strdup_printf ("{\"fields\": {\"%s\": \"%s\"}}", key, colleague);
  body = td_stream_test_json (json);
  answer = td_stream_test_call (td_session_get_client (other), "PATCH", fixture.path, body,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  wait.text = colleague;
  g_assert_true (td_ui_test_wait_until (row_text_is, &wait, WAIT_MS));
  g_assert_false (td_subscriber_profile_get_conflict (fixture.profile));
  shot = td_ui_test_save_screenshot (fixture.window, "profile-live-update");
  g_clear_pointer (&shot, g_free);

  /* Typing here, unsaved, while the colleague renames the subscriber:
   * the new name shows, the typed text stays. */
  row = find_field_row (fixture.window, key);
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), "typed but not saved");
  first_name = g_random_boolean () ? "Robin" : "Sasha";
  g_clear_pointer (&json, g_free);
  g_clear_pointer (&body, json_node_unref);
  g_clear_pointer (&answer, json_node_unref);
  json = g_strdup_printf ("{\"first_name\": \"%s\"}", first_name);
  body = td_stream_test_json (json);
  answer = td_stream_test_call (td_session_get_client (other), "PATCH", fixture.path, body,
                                NULL, NULL, &error);
  g_assert_no_error (error);
  wait.text = first_name;
  g_assert_true (td_ui_test_wait_until (name_shown, &wait, WAIT_MS));
  wait.text = "typed but not saved";
  g_assert_true (row_text_is (&wait));
  shot = td_ui_test_save_screenshot (fixture.window, "profile-live-keeps-typing");

  fixture_close (&fixture);
}

static gboolean
on_list (Fixture    *fixture,
         const char *list_id)
{
  g_autoptr(JsonObject) s = td_stream_test_get_object (fixture->client, fixture->path, NULL);
  JsonArray *ids = json_object_get_array_member (s, "list_ids");

  for (guint i = 0; i < json_array_get_length (ids); i++)
    if (g_strcmp0 (json_array_get_string_element (ids, i), list_id) == 0)
      return TRUE;

  return FALSE;
}

typedef struct
{
  Fixture    *fixture;
  const char *list_id;
  gboolean    member;
} ListWait;

static gboolean
membership_is (gpointer data)
{
  ListWait *wait = data;

  td_ui_test_iterate (100);

  return on_list (wait->fixture, wait->list_id) == wait->member;
}

/* Lists: add from the menu, remove with the row's button, Undo. */
static void
test_profile_lists (void)
{
  Fixture fixture = { 0 };
  g_autoptr(JsonArray) lists = NULL;
  g_autofree char *shot = NULL;
  g_autofree char *removed = NULL;
  const char *list_id = NULL;
  const char *list_name = NULL;
  GtkWidget *row;
  GtkWidget *button;
  ListWait wait;

  fixture_open (&fixture, 3);

  lists = td_stream_test_get_all (fixture.client, "/v1/lists?limit=200");
  for (guint i = 0; i < json_array_get_length (lists) && list_id == NULL; i++)
    {
      JsonObject *list = json_array_get_object_element (lists, i);

      if (!on_list (&fixture, json_object_get_string_member (list, "id")))
        {
          list_id = json_object_get_string_member (list, "id");
          list_name = json_object_get_string_member (list, "name");
        }
    }
  g_assert_nonnull (list_id);

  gtk_widget_activate_action (GTK_WIDGET (fixture.profile), "profile.add-to-list", "s", list_id);
  wait = (ListWait) { &fixture, list_id, TRUE };
  g_assert_true (td_ui_test_wait_until (membership_is, &wait, WAIT_MS));
  g_assert_true (td_stream_test_wait_label (fixture.window, list_name, WAIT_MS));
  wait_loaded (&fixture);

  /* Its row in Lists has a remove button. */
  td_ui_test_iterate (300);
  removed = g_strdup_printf ("Removed from “%s”", list_name);
  row = find_row_with_data (fixture.window, "td-list-id", list_id);
  g_assert_nonnull (row);
  button = find_button_with_tooltip (row, "Remove from List");
  g_assert_nonnull (button);
  gtk_widget_activate (button);

  wait = (ListWait) { &fixture, list_id, FALSE };
  g_assert_true (td_ui_test_wait_until (membership_is, &wait, WAIT_MS));
  g_assert_true (td_stream_test_wait_label (fixture.window, removed, WAIT_MS));
  shot = td_ui_test_save_screenshot (fixture.window, "profile-list-removed");

  gtk_widget_activate (find_undo_button (fixture.window));
  wait = (ListWait) { &fixture, list_id, TRUE };
  g_assert_true (td_ui_test_wait_until (membership_is, &wait, WAIT_MS));

  fixture_close (&fixture);
}

int
main (int    argc,
      char **argv)
{
  int status;

  td_ui_test_init (&argc, &argv);

  g_test_add_func ("/profile/shows", test_profile_shows);
  g_test_add_func ("/profile/metadata-round-trip", test_profile_metadata_round_trip);
  g_test_add_func ("/profile/conflict", test_profile_conflict);
  g_test_add_func ("/profile/live-update", test_profile_live_update);
  g_test_add_func ("/profile/lists", test_profile_lists);

  status = g_test_run ();
  td_stream_test_platform_stop ();

  return status;
}
