/* test-subscriber-drag.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-subscriber-drag"

#include "config.h"

#include "td-subscriber-drag.h"
#include "td-ui-test-utils.h"

/* A stand-in with the property names of TdSubscriber and
 * TdSubscriberSummary, so that this test needs nothing from the network. */
#define TEST_TYPE_PERSON (test_person_get_type ())
G_DECLARE_FINAL_TYPE (TestPerson, test_person, TEST, PERSON, GObject)

struct _TestPerson
{
  GObject  parent_instance;
  char    *id;
  char    *first_name;
  char    *last_name;
  char    *phone;
};

enum { PROP_0, PROP_ID, PROP_FIRST_NAME, PROP_LAST_NAME, PROP_PHONE, N_PROPS };

G_DEFINE_FINAL_TYPE (TestPerson, test_person, G_TYPE_OBJECT)

static void
test_person_finalize (GObject *object)
{
  TestPerson *self = TEST_PERSON (object);

  g_free (self->id);
  g_free (self->first_name);
  g_free (self->last_name);
  g_free (self->phone);

  G_OBJECT_CLASS (test_person_parent_class)->finalize (object);
}

static char **
test_person_field (TestPerson *self,
                   guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_ID: return &self->id;
    case PROP_FIRST_NAME: return &self->first_name;
    case PROP_LAST_NAME: return &self->last_name;
    case PROP_PHONE: return &self->phone;
    default: g_assert_not_reached ();
    }
}

static void
test_person_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  g_value_set_string (value, *test_person_field (TEST_PERSON (object), prop_id));
}

static void
test_person_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  char **field = test_person_field (TEST_PERSON (object), prop_id);

  g_free (*field);
  *field = g_value_dup_string (value);
}

static void
test_person_class_init (TestPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char *names[] = { NULL, "id", "first-name", "last-name", "phone" };

  object_class->finalize = test_person_finalize;
  object_class->get_property = test_person_get_property;
  object_class->set_property = test_person_set_property;

  for (guint i = 1; i < N_PROPS; i++)
    g_object_class_install_property (object_class, i,
                                     g_param_spec_string (names[i], NULL, NULL, NULL,
                                                          G_PARAM_READWRITE |
                                                          G_PARAM_CONSTRUCT_ONLY |
                                                          G_PARAM_STATIC_STRINGS));
}

static void
test_person_init (TestPerson *self)
{
}

static GObject *
person_new (const char *id,
            const char *first_name,
            const char *last_name,
            const char *phone)
{
  return g_object_new (TEST_TYPE_PERSON,
                       "id", id,
                       "first-name", first_name,
                       "last-name", last_name,
                       "phone", phone,
                       NULL);
}

static GPtrArray *
three_people (void)
{
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (people, person_new ("sub_1", "Ada", "Byron", "+15550100101"));
  g_ptr_array_add (people, person_new ("sub_2", NULL, NULL, "+15550100102"));
  g_ptr_array_add (people, person_new ("sub_3", "Grace", NULL, NULL));
  /* The same person twice counts once. */
  g_ptr_array_add (people, person_new ("sub_1", "Ada", "Byron", "+15550100101"));

  return people;
}

static void
test_selection_from_objects (void)
{
  g_autoptr(GPtrArray) people = three_people ();
  g_autoptr(TdSubscriberSelection) selection = NULL;
  g_autofree char *description = NULL;
  const char * const *ids;

  selection = td_subscriber_selection_new_from_objects (people);

  g_assert_cmpuint (td_subscriber_selection_get_n_items (selection), ==, 3);
  g_assert_cmpstr (td_subscriber_selection_get_display_name (selection, 0), ==, "Ada Byron");
  g_assert_cmpstr (td_subscriber_selection_get_display_name (selection, 1), ==, "+15550100102");
  g_assert_cmpstr (td_subscriber_selection_get_display_name (selection, 2), ==, "Grace");

  ids = td_subscriber_selection_get_ids (selection);
  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 3);
  g_assert_cmpstr (ids[0], ==, "sub_1");
  g_assert_cmpstr (ids[2], ==, "sub_3");
  g_assert_true (td_subscriber_selection_contains (selection, "sub_2"));
  g_assert_false (td_subscriber_selection_contains (selection, "sub_9"));

  description = td_subscriber_selection_describe (selection);
  g_assert_cmpstr (description, ==, "3 people");
}

static GPtrArray *
drag_three_cb (GtkWidget *widget,
               double     x,
               double     y,
               gpointer   data)
{
  guint *calls = data;

  (*calls)++;

  return three_people ();
}

static GPtrArray *
drag_nobody_cb (GtkWidget *widget,
                double     x,
                double     y,
                gpointer   data)
{
  return NULL;
}

static void
test_drag_source_provides_selection (void)
{
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GdkContentProvider) no_content = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("drag me"));
  GtkWidget *other = g_object_ref_sink (gtk_label_new ("nobody here"));
  GtkDragSource *source;
  GtkDragSource *empty_source;
  TdSubscriberSelection *selection;
  guint calls = 0;

  source = td_subscriber_drag_source_attach (label, drag_three_cb, &calls);
  g_assert_true (GTK_IS_DRAG_SOURCE (source));

  g_signal_emit_by_name (source, "prepare", 4.0, 4.0, &content);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_nonnull (content);

  g_value_init (&value, TD_TYPE_SUBSCRIBER_SELECTION);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);

  selection = td_subscriber_selection_from_value (&value);
  g_assert_nonnull (selection);
  g_assert_cmpuint (td_subscriber_selection_get_n_items (selection), ==, 3);

  /* A drag with nobody to carry does not start. */
  empty_source = td_subscriber_drag_source_attach (other, drag_nobody_cb, NULL);
  g_signal_emit_by_name (empty_source, "prepare", 1.0, 1.0, &no_content);
  g_assert_null (no_content);

  g_object_unref (label);
  g_object_unref (other);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       data)
{
  GPtrArray *received = data;
  TdSubscriberSelection *selection = td_subscriber_selection_from_value (value);

  if (selection == NULL)
    return FALSE;

  g_ptr_array_add (received, td_subscriber_selection_ref (selection));

  return TRUE;
}

static void
test_drop_target_receives_selection (void)
{
  g_autoptr(GPtrArray) people = three_people ();
  g_autoptr(GPtrArray) received = NULL;
  g_autoptr(TdSubscriberSelection) selection = NULL;
  g_autoptr(TdSubscriberSelection) single = td_subscriber_selection_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) single_value = G_VALUE_INIT;
  g_auto(GValue) text_value = G_VALUE_INIT;
  GtkDropTarget *target;
  gboolean accepted = FALSE;

  received = g_ptr_array_new_with_free_func ((GDestroyNotify) td_subscriber_selection_unref);
  target = td_subscriber_drop_target_new (GDK_ACTION_COPY);
  g_assert_true (gtk_drop_target_get_preload (target));
  g_assert_null (td_subscriber_drop_target_get_selection (target));
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), received);

  selection = td_subscriber_selection_new_from_objects (people);
  g_value_init (&value, TD_TYPE_SUBSCRIBER_SELECTION);
  g_value_set_boxed (&value, selection);

  td_subscriber_selection_add (single, "sub_7", "Lin Hale");
  g_value_init (&single_value, TD_TYPE_SUBSCRIBER_SELECTION);
  g_value_set_boxed (&single_value, single);

  /* Two drops in a row are both taken. */
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);
  accepted = FALSE;
  g_signal_emit_by_name (target, "drop", &single_value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  g_assert_cmpuint (received->len, ==, 2);
  g_assert_cmpuint (td_subscriber_selection_get_n_items (received->pdata[0]), ==, 3);
  g_assert_cmpstr (td_subscriber_selection_get_id (received->pdata[1], 0), ==, "sub_7");

  /* Anything else is no selection. */
  g_value_init (&text_value, G_TYPE_STRING);
  g_value_set_string (&text_value, "sub_1");
  g_assert_null (td_subscriber_selection_from_value (&text_value));

  g_object_unref (target);
}

static void
test_drag_icon_says_how_many (void)
{
  g_autoptr(GPtrArray) people = three_people ();
  g_autoptr(TdSubscriberSelection) selection = NULL;
  g_autoptr(TdSubscriberSelection) single = td_subscriber_selection_new ();
  g_autofree char *shot = NULL;
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *icon;

  selection = td_subscriber_selection_new_from_objects (people);
  td_subscriber_selection_add (single, "sub_7", "Lin Hale");

  window = gtk_window_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_window_set_child (GTK_WINDOW (window), box);

  icon = td_subscriber_drag_icon_new (selection);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), td_subscriber_drag_icon_new (single));
  gtk_window_present (GTK_WINDOW (window));
  td_ui_test_iterate (200);

  g_assert_nonnull (td_ui_test_find_label (icon, "3 people"));
  g_assert_nonnull (td_ui_test_find_label (box, "1 person"));
  g_assert_nonnull (td_ui_test_find_label (box, "Lin Hale"));

  shot = td_ui_test_save_screenshot (box, "subscriber-drag-icons");
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  td_ui_test_init (&argc, &argv);

  g_test_add_func ("/subscriber-drag/selection-from-objects", test_selection_from_objects);
  g_test_add_func ("/subscriber-drag/source-provides-selection", test_drag_source_provides_selection);
  g_test_add_func ("/subscriber-drag/drop-target-receives", test_drop_target_receives_selection);
  g_test_add_func ("/subscriber-drag/icon-says-how-many", test_drag_icon_says_how_many);

  return g_test_run ();
}
