/* td-csv-import-dialog.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-csv-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "td-core-error.h"
#include "td-csv-import-dialog.h"
#include "td-field.h"

/* How many rows the preview shows, and how many problems the report
 * lists before it says how many more there are. */
#define PREVIEW_ROWS 8
#define MAX_LISTED_PROBLEMS 200

/* The first choices of every column's drop-down; the account's metadata
 * fields follow them. */
enum {
  CHOICE_IGNORE,
  CHOICE_PHONE,
  CHOICE_FIRST_NAME,
  CHOICE_LAST_NAME,
  CHOICE_FULL_NAME,
  N_FIXED_CHOICES
};

struct _TdCsvImportDialog
{
  AdwWindow          parent_instance;

  TdClient          *client;
  GFile             *file;
  char              *list_id;
  char              *list_name;
  GPtrArray         *fields;        /* TdField */
  GCancellable      *cancellable;
  TdCsvTable        *table;
  GArray            *columns;       /* TdCsvColumn */
  GPtrArray         *dropdowns;     /* GtkDropDown, one per column */
  TdCsvImporter     *importer;
  TdCsvImportReport *report;
  char              *message;
  gboolean           converted;
  gboolean           importing;

  AdwWindowTitle    *window_title;
  GtkButton         *cancel_button;
  GtkButton         *import_button;
  GtkButton         *done_button;
  GtkStack          *stack;
  GtkSpinner        *loading_spinner;
  GtkLabel          *loading_label;
  AdwStatusPage     *error_page;
  GtkButton         *convert_button;
  GtkLabel          *summary_label;
  GtkGrid           *preview_grid;
  GtkLabel          *mapping_label;
  GtkLabel          *progress_label;
  GtkProgressBar    *progress_bar;
  GtkLabel          *report_title_label;
  GtkListBox        *counts_box;
  GtkLabel          *problems_title_label;
  GtkWidget         *problems_scroller;
  GtkListBox        *problems_box;
};

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TdCsvImportDialog, td_csv_import_dialog, ADW_TYPE_WINDOW)

static void
set_state (TdCsvImportDialog *self,
           const char        *state)
{
  gboolean preview = g_str_equal (state, "preview");
  gboolean report = g_str_equal (state, "report");

  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (state, "loading"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), report);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !report);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", preview);

  if (report)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
  else if (preview)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
}

static void
set_message (TdCsvImportDialog *self,
             const char        *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
}

/* Loading and the preview */

static guint
choice_for_column (TdCsvImportDialog *self,
                   TdCsvColumn       *column)
{
  switch (column->kind)
    {
    case TD_CSV_COLUMN_PHONE:
      return CHOICE_PHONE;
    case TD_CSV_COLUMN_FIRST_NAME:
      return CHOICE_FIRST_NAME;
    case TD_CSV_COLUMN_LAST_NAME:
      return CHOICE_LAST_NAME;
    case TD_CSV_COLUMN_FULL_NAME:
      return CHOICE_FULL_NAME;
    case TD_CSV_COLUMN_FIELD:
      for (guint i = 0; i < self->fields->len; i++)
        if (g_strcmp0 (td_field_get_key (self->fields->pdata[i]), column->field_key) == 0)
          return N_FIXED_CHOICES + i;
      return CHOICE_IGNORE;
    case TD_CSV_COLUMN_IGNORE:
    default:
      return CHOICE_IGNORE;
    }
}

static void
set_column_from_choice (TdCsvImportDialog *self,
                        TdCsvColumn       *column,
                        guint              choice)
{
  g_clear_pointer (&column->field_key, g_free);

  switch (choice)
    {
    case CHOICE_PHONE:
      column->kind = TD_CSV_COLUMN_PHONE;
      break;
    case CHOICE_FIRST_NAME:
      column->kind = TD_CSV_COLUMN_FIRST_NAME;
      break;
    case CHOICE_LAST_NAME:
      column->kind = TD_CSV_COLUMN_LAST_NAME;
      break;
    case CHOICE_FULL_NAME:
      column->kind = TD_CSV_COLUMN_FULL_NAME;
      break;
    case CHOICE_IGNORE:
      column->kind = TD_CSV_COLUMN_IGNORE;
      break;
    default:
      if (choice - N_FIXED_CHOICES < self->fields->len)
        {
          column->kind = TD_CSV_COLUMN_FIELD;
          column->field_key
            = g_strdup (td_field_get_key (self->fields->pdata[choice - N_FIXED_CHOICES]));
        }
      else
        column->kind = TD_CSV_COLUMN_IGNORE;
      break;
    }
}

static void
check_mapping (TdCsvImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->table == NULL || self->columns == NULL)
    return;

  if (self->table->rows->len == 0)
    {
      gtk_label_set_label (self->mapping_label,
                           _("The file has column names but no rows of people."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", FALSE);
      return;
    }

  ok = td_csv_columns_validate (self->columns, &error);
  gtk_label_set_label (self->mapping_label, ok ? "" : error->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start", ok);
}

static void
dropdown_selected_cb (GtkDropDown       *dropdown,
                      GParamSpec        *pspec,
                      TdCsvImportDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "td-column"));

  if (self->columns == NULL || index >= self->columns->len)
    return;

  set_column_from_choice (self, &g_array_index (self->columns, TdCsvColumn, index),
                          gtk_drop_down_get_selected (dropdown));
  check_mapping (self);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
build_preview (TdCsvImportDialog *self)
{
  g_autoptr(GtkStringList) choices = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
  g_autofree TdCsvFieldInfo *field_infos = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *rows_text = NULL;
  guint n_columns = td_csv_table_get_n_columns (self->table);
  guint n_rows = self->table->rows->len;

  field_infos = g_new0 (TdCsvFieldInfo, MAX (self->fields->len, 1));
  for (guint i = 0; i < self->fields->len; i++)
    {
      field_infos[i].key = td_field_get_key (self->fields->pdata[i]);
      field_infos[i].name = td_field_get_name (self->fields->pdata[i]);
    }

  g_clear_pointer (&self->columns, g_array_unref);
  self->columns = td_csv_guess_columns ((const char * const *) self->table->header,
                                        field_infos, self->fields->len);

  rows_text = g_strdup_printf (ngettext ("%u row", "%u rows", n_rows), n_rows);
  if (self->converted)
    summary = g_strdup_printf (_("%s · converted from %s"), rows_text,
                               td_csv_encoding_get_name (self->table->encoding));
  else
    summary = g_strdup_printf (_("%s · %s"), rows_text,
                               td_csv_encoding_get_name (self->table->encoding));
  gtk_label_set_label (self->summary_label, summary);

  choices = gtk_string_list_new ((const char * const[]) {
    _("Ignore"), _("Phone number"), _("First name"), _("Last name"), _("Full name"), NULL
  });
  for (guint i = 0; i < self->fields->len; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Field: %s"),
                                                td_field_get_name (self->fields->pdata[i]));

      gtk_string_list_append (choices, label);
    }

  clear_grid (self->preview_grid);
  g_ptr_array_set_size (self->dropdowns, 0);

  for (guint c = 0; c < n_columns; c++)
    {
      GtkWidget *header = gtk_label_new (self->table->header[c]);
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      g_autofree char *accessible = g_strdup_printf (_("What column “%s” holds"),
                                                     self->table->header[c]);

      gtk_label_set_xalign (GTK_LABEL (header), 0);
      gtk_widget_add_css_class (header, "heading");
      gtk_grid_attach (self->preview_grid, header, (int) c, 0, 1, 1);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  choice_for_column (self, &g_array_index (self->columns,
                                                                           TdCsvColumn, c)));
      g_object_set_data (G_OBJECT (dropdown), "td-column", GUINT_TO_POINTER (c));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_signal_connect_object (dropdown, "notify::selected",
                               G_CALLBACK (dropdown_selected_cb), self, 0);
      gtk_grid_attach (self->preview_grid, dropdown, (int) c, 1, 1, 1);
      g_ptr_array_add (self->dropdowns, dropdown);
    }

  for (guint r = 0; r < MIN (n_rows, PREVIEW_ROWS); r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkWidget *cell = gtk_label_new (td_csv_table_get_cell (self->table, r, c));

        gtk_label_set_xalign (GTK_LABEL (cell), 0);
        gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
        gtk_label_set_max_width_chars (GTK_LABEL (cell), 24);
        gtk_label_set_single_line_mode (GTK_LABEL (cell), TRUE);
        gtk_grid_attach (self->preview_grid, cell, (int) c, (int) r + 2, 1, 1);
      }

  if (n_rows > PREVIEW_ROWS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more row",
                                                         "… and %u more rows",
                                                         n_rows - PREVIEW_ROWS),
                                               n_rows - PREVIEW_ROWS);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->preview_grid, label, 0, PREVIEW_ROWS + 2, (int) MAX (n_columns, 1), 1);
    }

  set_state (self, "preview");
  check_mapping (self);
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdCsvImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TdCsvTable *table;

  table = td_csv_table_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (table == NULL)
    {
      gboolean can_convert = g_error_matches (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING) &&
                             !self->converted;

      set_message (self, error->message);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->convert_button), can_convert);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.convert", can_convert);
      set_state (self, "error");
      return;
    }

  g_clear_pointer (&self->table, td_csv_table_unref);
  self->table = table;
  set_message (self, NULL);
  build_preview (self);
}

static void
load (TdCsvImportDialog *self)
{
  g_autofree char *basename = g_file_get_basename (self->file);
  g_autofree char *text = g_strdup_printf (_("Reading %s…"), basename);

  gtk_label_set_label (self->loading_label, text);
  set_state (self, "loading");
  td_csv_table_load_async (self->file, self->converted, self->cancellable,
                           load_cb, g_object_ref (self));
}

static void
convert_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (widget);

  /* The user chose it: read the bytes as Windows-1252. */
  self->converted = TRUE;
  load (self);
}

/* Importing */

static void
add_count_row (TdCsvImportDialog *self,
               const char        *title,
               guint              count)
{
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (self->counts_box, row);
}

static void
show_report (TdCsvImportDialog *self)
{
  TdCsvImportReport *report = self->report;
  g_autofree char *added = NULL;
  g_autofree char *problems_title = NULL;
  guint n_problems = report->problems->len;
  GtkWidget *child;

  if (report->cancelled)
    gtk_label_set_label (self->report_title_label, _("Import Cancelled"));
  else if (report->stopped_reason != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Import Stopped: %s"), report->stopped_reason);

      gtk_label_set_label (self->report_title_label, text);
    }
  else
    gtk_label_set_label (self->report_title_label, _("Import Finished"));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts_box))) != NULL)
    gtk_list_box_remove (self->counts_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_box))) != NULL)
    gtk_list_box_remove (self->problems_box, child);

  added = g_strdup_printf (_("Added to “%s”"), self->list_name);
  add_count_row (self, added, report->n_added);
  add_count_row (self, _("Already on the list"), report->n_already);
  if (report->n_merged > 0)
    add_count_row (self, _("Rows merged with the same number"), report->n_merged);
  add_count_row (self, _("Rows not imported"), n_problems);
  if (report->n_not_sent > 0)
    {
      g_autofree char *not_sent = g_strdup_printf (_("Not sent, from line %u on: import the file "
                                                     "again to add them"),
                                                   report->first_not_sent_line);

      add_count_row (self, not_sent, report->n_not_sent);
    }

  problems_title = n_problems > 0
                   ? g_strdup_printf (ngettext ("%u row was not imported",
                                                "%u rows were not imported", n_problems),
                                      n_problems)
                   : NULL;
  gtk_label_set_label (self->problems_title_label, problems_title != NULL ? problems_title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problems_title_label), n_problems > 0);
  gtk_widget_set_visible (self->problems_scroller, n_problems > 0);

  for (guint i = 0; i < MIN (n_problems, MAX_LISTED_PROBLEMS); i++)
    {
      TdCsvProblem *problem = g_ptr_array_index (report->problems, i);
      g_autofree char *line = g_strdup_printf (_("Line %u"), problem->line);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->reason);
      gtk_list_box_append (self->problems_box, row);
    }

  if (n_problems > MAX_LISTED_PROBLEMS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more",
                                                         "… and %u more",
                                                         n_problems - MAX_LISTED_PROBLEMS),
                                               n_problems - MAX_LISTED_PROBLEMS);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->problems_box, row);
    }

  set_state (self, "report");
}

static void
progress_cb (TdCsvImporter     *importer,
             GParamSpec        *pspec,
             TdCsvImportDialog *self)
{
  guint done = td_csv_importer_get_n_done (importer);
  guint total = td_csv_importer_get_n_total (importer);
  g_autofree char *text = g_strdup_printf (_("Importing %u of %u people…"), done, total);

  gtk_label_set_label (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(TdCsvImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TdCsvImportReport *report;

  report = td_csv_importer_run_finish (TD_CSV_IMPORTER (source), result, &error);
  self->importing = FALSE;

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          report = g_new0 (TdCsvImportReport, 1);
          report->problems = g_ptr_array_new ();
          report->cancelled = TRUE;
        }
      else
        {
          set_message (self, error->message);
          adw_status_page_set_description (self->error_page, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->convert_button), FALSE);
          set_state (self, "error");
          return;
        }
    }

  g_clear_pointer (&self->report, td_csv_import_report_free);
  self->report = report;
  show_report (self);

  g_signal_emit (self, signals[FINISHED], 0);
}

static void
plan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdCsvImportDialog) self = user_data;
  g_autoptr(TdCsvImportPlan) plan = NULL;
  g_autoptr(GHashTable) types = NULL;
  g_autoptr(GError) error = NULL;

  plan = td_csv_import_plan_new_finish (result, &error);
  if (plan == NULL)
    {
      self->importing = FALSE;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      gtk_label_set_label (self->mapping_label, error->message);
      set_state (self, "preview");
      return;
    }

  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < self->fields->len; i++)
    g_hash_table_insert (types,
                         g_strdup (td_field_get_key (self->fields->pdata[i])),
                         g_strdup (td_field_get_field_type (self->fields->pdata[i])));

  g_clear_object (&self->importer);
  self->importer = td_csv_importer_new (self->client, self->list_id, plan, types);
  g_signal_connect_object (self->importer, "notify::n-done",
                           G_CALLBACK (progress_cb), self, 0);
  progress_cb (self->importer, NULL, self);

  td_csv_importer_run_async (self->importer, self->cancellable, run_cb, g_object_ref (self));
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->table == NULL || self->importing || self->table->rows->len == 0)
    return;

  if (!td_csv_columns_validate (self->columns, &error))
    {
      gtk_label_set_label (self->mapping_label, error->message);
      return;
    }

  self->importing = TRUE;
  gtk_label_set_label (self->progress_label, _("Checking the numbers…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_state (self, "progress");

  /* Normalising and merging 50,000 rows takes a while: off the main
   * thread. */
  td_csv_import_plan_new_async (self->table, self->columns, self->cancellable,
                                plan_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (widget);

  if (self->importing)
    {
      /* The importer answers with what it did before the cancel. */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_label (self->progress_label, _("Cancelling…"));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static gboolean
td_csv_import_dialog_close_request (GtkWindow *window)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (td_csv_import_dialog_parent_class)->close_request (window);
}

static void
td_csv_import_dialog_dispose (GObject *object)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_CSV_IMPORT_DIALOG);

  g_clear_object (&self->importer);
  g_clear_object (&self->client);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (td_csv_import_dialog_parent_class)->dispose (object);
}

static void
td_csv_import_dialog_finalize (GObject *object)
{
  TdCsvImportDialog *self = TD_CSV_IMPORT_DIALOG (object);

  g_free (self->list_id);
  g_free (self->list_name);
  g_free (self->message);
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->dropdowns);
  g_clear_pointer (&self->table, td_csv_table_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->report, td_csv_import_report_free);

  G_OBJECT_CLASS (td_csv_import_dialog_parent_class)->finalize (object);
}

static void
td_csv_import_dialog_class_init (TdCsvImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = td_csv_import_dialog_dispose;
  object_class->finalize = td_csv_import_dialog_finalize;
  window_class->close_request = td_csv_import_dialog_close_request;

  /**
   * TdCsvImportDialog::finished:
   *
   * The import ended, completely or not: the list has changed.
   */
  signals[FINISHED] = g_signal_new ("finished",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-csv-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, convert_button);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, mapping_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, report_title_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, counts_box);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, problems_title_label);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, TdCsvImportDialog, problems_box);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.convert", NULL, convert_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
td_csv_import_dialog_init (TdCsvImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->fields = g_ptr_array_new_with_free_func (g_object_unref);
  self->dropdowns = g_ptr_array_new ();
}

/**
 * td_csv_import_dialog_new:
 * @client: the signed-in client
 * @file: the CSV file to import
 * @list_id: the list to import into
 * @list_name: its name
 * @fields: (element-type TdField) (nullable): the account's metadata fields
 *
 * Makes the dialog of an import and starts reading @file in the
 * background: a preview to choose the columns, then the import with its
 * progress, then the report.
 *
 * Returns: (transfer floating): a new dialog
 */
TdCsvImportDialog *
td_csv_import_dialog_new (TdClient   *client,
                          GFile      *file,
                          const char *list_id,
                          const char *list_name,
                          GListModel *fields)
{
  TdCsvImportDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (list_id != NULL, NULL);

  self = g_object_new (TD_TYPE_CSV_IMPORT_DIALOG, NULL);
  self->client = g_object_ref (client);
  self->file = g_object_ref (file);
  self->list_id = g_strdup (list_id);
  self->list_name = g_strdup (list_name != NULL ? list_name : "");

  for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
    g_ptr_array_add (self->fields, g_list_model_get_item (fields, i));

  title = g_strdup_printf (_("Import into “%s”"), self->list_name);
  basename = g_file_get_basename (file);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, basename);
  gtk_window_set_title (GTK_WINDOW (self), title);

  load (self);

  return self;
}

/**
 * td_csv_import_dialog_get_state:
 * @self: a #TdCsvImportDialog
 *
 * Returns: "loading", "error", "preview", "progress" or "report"
 */
const char *
td_csv_import_dialog_get_state (TdCsvImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * td_csv_import_dialog_get_message:
 * @self: a #TdCsvImportDialog
 *
 * Returns: (nullable): the error the dialog shows, if any
 */
const char *
td_csv_import_dialog_get_message (TdCsvImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->message;
}

TdCsvTable *
td_csv_import_dialog_get_table (TdCsvImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->table;
}

/**
 * td_csv_import_dialog_get_columns:
 * @self: a #TdCsvImportDialog
 *
 * Returns: (transfer none) (nullable) (element-type TdCsvColumn): the
 *   mapping the dialog shows
 */
GArray *
td_csv_import_dialog_get_columns (TdCsvImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->columns;
}

const TdCsvImportReport *
td_csv_import_dialog_get_report (TdCsvImportDialog *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORT_DIALOG (self), NULL);

  return self->report;
}
