/* td-csv-importer.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-csv-importer"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "td-csv-importer.h"

/* Sends the subscribers of an import plan to the platform, in batches of
 * at most TD_CSV_IMPORT_BATCH_SIZE rows, one request at a time, through
 * POST /v1/subscribers/import. Everything runs on the main loop as
 * asynchronous requests: building one batch's JSON is the only work done
 * there, a few milliseconds.
 *
 * Each batch has its own Idempotency-Key, so the client may retry it
 * after a network error without importing it twice.
 */

struct _TdCsvImporter
{
  GObject          parent_instance;

  TdClient        *client;
  char            *list_id;
  TdCsvImportPlan *plan;
  GHashTable      *field_types;

  guint            next;       /* the next contact to send */
  guint            n_done;     /* contacts answered for */
  guint            batch_end;
  int              count_before;
  guint            n_succeeded;
  guint            n_explicit_added;
  gboolean         explicit_membership;
  gboolean         running;
};

enum {
  PROP_0,
  PROP_N_DONE,
  PROP_N_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TdCsvImporter, td_csv_importer, G_TYPE_OBJECT)

void
td_csv_import_report_free (TdCsvImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report->stopped_reason);
  g_free (report);
}

static void
problem_free (gpointer data)
{
  TdCsvProblem *problem = data;

  g_free (problem->reason);
  g_free (problem);
}

static void
add_problem (TdCsvImportReport *report,
             guint              line,
             const char        *reason)
{
  TdCsvProblem *problem = g_new0 (TdCsvProblem, 1);

  problem->line = line;
  problem->reason = g_strdup (reason);
  g_ptr_array_add (report->problems, problem);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const TdCsvProblem *pa = *(TdCsvProblem * const *) a;
  const TdCsvProblem *pb = *(TdCsvProblem * const *) b;

  return pa->line < pb->line ? -1 : pa->line > pb->line;
}

static void
td_csv_importer_finalize (GObject *object)
{
  TdCsvImporter *self = TD_CSV_IMPORTER (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->list_id, g_free);
  g_clear_pointer (&self->plan, td_csv_import_plan_unref);
  g_clear_pointer (&self->field_types, g_hash_table_unref);

  G_OBJECT_CLASS (td_csv_importer_parent_class)->finalize (object);
}

static void
td_csv_importer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdCsvImporter *self = TD_CSV_IMPORTER (object);

  switch (prop_id)
    {
    case PROP_N_DONE:
      g_value_set_uint (value, self->n_done);
      break;
    case PROP_N_TOTAL:
      g_value_set_uint (value, td_csv_importer_get_n_total (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_csv_importer_class_init (TdCsvImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_csv_importer_finalize;
  object_class->get_property = td_csv_importer_get_property;

  properties[PROP_N_DONE] =
    g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TOTAL] =
    g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_csv_importer_init (TdCsvImporter *self)
{
  self->count_before = -1;
}

/**
 * td_csv_importer_new:
 * @client: the signed-in client
 * @list_id: the list to import into
 * @plan: the subscribers to import
 * @field_types: (nullable) (element-type utf8 utf8): the type ("text",
 *   "number", "date", "boolean") of each metadata field, by key, so that
 *   values are sent as the platform expects
 *
 * Returns: (transfer full): a new importer
 */
TdCsvImporter *
td_csv_importer_new (TdClient        *client,
                     const char      *list_id,
                     TdCsvImportPlan *plan,
                     GHashTable      *field_types)
{
  TdCsvImporter *self;

  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (list_id != NULL, NULL);
  g_return_val_if_fail (plan != NULL, NULL);

  self = g_object_new (TD_TYPE_CSV_IMPORTER, NULL);
  self->client = g_object_ref (client);
  self->list_id = g_strdup (list_id);
  self->plan = td_csv_import_plan_ref (plan);
  self->field_types = field_types != NULL
                      ? g_hash_table_ref (field_types)
                      : g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

guint
td_csv_importer_get_n_done (TdCsvImporter *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORTER (self), 0);

  return self->n_done;
}

guint
td_csv_importer_get_n_total (TdCsvImporter *self)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORTER (self), 0);

  return self->plan->contacts->len;
}

/* A metadata value as its field's type wants it; NULL with @reason set
 * when the text is not of that type. */
static JsonNode *
field_value_node (const char  *type,
                  const char  *text,
                  char       **reason)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  if (g_strcmp0 (type, "number") == 0)
    {
      char *end = NULL;
      double number = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0')
        {
          *reason = g_strdup_printf (_("“%s” is not a number"), text);
          json_node_unref (node);
          return NULL;
        }
      if (number == (double) (gint64) number && strchr (text, '.') == NULL)
        json_node_set_int (node, (gint64) number);
      else
        json_node_set_double (node, number);
    }
  else if (g_strcmp0 (type, "boolean") == 0)
    {
      g_autofree char *folded = g_utf8_casefold (text, -1);

      if (g_strv_contains ((const char *[]) { "true", "yes", "y", "1", NULL }, folded))
        json_node_set_boolean (node, TRUE);
      else if (g_strv_contains ((const char *[]) { "false", "no", "n", "0", NULL }, folded))
        json_node_set_boolean (node, FALSE);
      else
        {
          *reason = g_strdup_printf (_("“%s” is not yes or no"), text);
          json_node_unref (node);
          return NULL;
        }
    }
  else if (g_strcmp0 (type, "date") == 0)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autofree char *iso = g_strconcat (text, "T00:00:00Z", NULL);

      parsed = g_date_time_new_from_iso8601 (iso, NULL);
      if (parsed == NULL || strlen (text) != 10)
        {
          *reason = g_strdup_printf (_("“%s” is not a date like 2026-12-31"), text);
          json_node_unref (node);
          return NULL;
        }
      json_node_set_string (node, text);
    }
  else
    json_node_set_string (node, text);

  return node;
}

typedef struct
{
  TdCsvImportReport *report;
  GArray            *batch_contacts;  /* positions in plan->contacts */
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->report, td_csv_import_report_free);
  g_clear_pointer (&data->batch_contacts, g_array_unref);
  g_free (data);
}

static void send_next_batch (GTask *task);

/* A failed row's reason: its "message", or the messages of its
 * "errors", which name the field at fault. */
static char *
row_failure_reason (JsonObject *row)
{
  const char *message = json_object_get_string_member_with_default (row, "message", NULL);
  g_autoptr(GString) text = NULL;
  JsonArray *errors = NULL;

  if (message != NULL && *message != '\0')
    return g_strdup (message);

  if (json_object_has_member (row, "errors") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (row, "errors")))
    errors = json_object_get_array_member (row, "errors");

  text = g_string_new (NULL);
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonNode *node = json_array_get_element (errors, i);
      JsonObject *error;
      const char *field;
      const char *error_message;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      error = json_node_get_object (node);
      field = json_object_get_string_member_with_default (error, "field", NULL);
      error_message = json_object_get_string_member_with_default (error, "message", NULL);
      if (error_message == NULL)
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      if (field != NULL)
        g_string_append_printf (text, "%s: %s", field, error_message);
      else
        g_string_append (text, error_message);
    }

  if (text->len == 0)
    return g_strdup (_("The platform refused this row"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}
static void finish_run (GTask *task, const char *stopped_reason);

static void
count_after_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdCsvImporter *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  TdCsvImportReport *report = data->report;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  int count_after = -1;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    count_after = (int) json_object_get_int_member_with_default (json_node_get_object (node),
                                                                 "subscriber_count", -1);

  if (self->explicit_membership)
    report->n_added = self->n_explicit_added;
  else if (count_after >= 0 && self->count_before >= 0)
    {
      /* The platform says how many rows it took, not whether each
       * person was on the list already: the list's growth tells. Other
       * changes to the list meanwhile (a keyword joining someone) would
       * count too. */
      int grown = count_after - self->count_before;

      report->n_added = (guint) CLAMP (grown, 0, (int) self->n_succeeded);
    }
  else
    {
      g_debug ("Could not read the list's size after the import: %s",
               error != NULL ? error->message : "no count");
      report->n_added = self->n_succeeded;
    }

  report->n_already = self->n_succeeded > report->n_added
                      ? self->n_succeeded - report->n_added : 0;
  g_ptr_array_sort (report->problems, compare_problems);
  self->running = FALSE;

  g_task_return_pointer (task, g_steal_pointer (&data->report),
                         (GDestroyNotify) td_csv_import_report_free);
}

static void
finish_run (GTask      *task,
            const char *stopped_reason)
{
  TdCsvImporter *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;
  g_autofree char *escaped = g_uri_escape_string (self->list_id, NULL, FALSE);

  if (stopped_reason != NULL)
    data->report->stopped_reason = g_strdup (stopped_reason);

  /* What a stop or a cancel left out: the batch that failed, and every
   * one after it. A cancelled batch may have been taken all the same;
   * the list's count below says so. */
  {
    guint first = data->batch_contacts->len > 0
                  ? g_array_index (data->batch_contacts, guint, 0) : self->next;

    if (data->report->cancelled || stopped_reason != NULL)
      {
        if (first < self->plan->contacts->len)
          {
            TdCsvContact *contact = g_ptr_array_index (self->plan->contacts, first);

            data->report->n_not_sent = self->plan->contacts->len - first;
            data->report->first_not_sent_line = contact->line;
          }
      }
  }

  /* Not cancellable: after a cancel, this says what the platform kept. */
  path = g_strdup_printf ("/v1/lists/%s", escaped);
  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL, NULL,
                        count_after_cb, g_object_ref (task));
}

static void
batch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdCsvImporter *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  TdCsvImportReport *report = data->report;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *results = NULL;
  guint n_sent = data->batch_contacts->len;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      report->cancelled = TRUE;
      finish_run (task, NULL);
      return;
    }

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (json_object_has_member (object, "results") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "results")))
        results = json_object_get_array_member (object, "results");
    }

  if (results == NULL)
    {
      g_autofree char *reason = NULL;

      if (error != NULL)
        reason = g_strdup (error->message);
      else
        reason = g_strdup (_("The platform gave an answer that is not an import result."));
      g_debug ("An import batch failed: %s", reason);

      finish_run (task, reason);
      return;
    }

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonNode *element = json_array_get_element (results, i);
      JsonObject *row;
      gint64 index;
      const char *status;
      TdCsvContact *contact;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;

      row = json_node_get_object (element);
      /* The contract names the position "index"; "row" is read too. */
      if (json_object_has_member (row, "index"))
        index = json_object_get_int_member_with_default (row, "index", i);
      else
        index = json_object_get_int_member_with_default (row, "row", i);
      status = json_object_get_string_member_with_default (row, "status", "");
      if (index < 0 || (guint64) index >= n_sent)
        {
          g_debug ("Skipped an import result for row %" G_GINT64_FORMAT
                   " of a batch of %u", index, n_sent);
          continue;
        }

      contact = g_ptr_array_index (self->plan->contacts,
                                   g_array_index (data->batch_contacts, guint, index));

      if (g_strcmp0 (status, "failed") == 0)
        {
          g_autofree char *reason = row_failure_reason (row);

          add_problem (report, contact->line, reason);
          continue;
        }

      self->n_succeeded++;

      /* Whether the row joined the list, when the platform says it. */
      if (json_object_has_member (row, "added"))
        {
          self->explicit_membership = TRUE;
          if (json_object_get_boolean_member_with_default (row, "added", FALSE))
            self->n_explicit_added++;
        }
      else if (json_object_has_member (row, "already_member"))
        {
          self->explicit_membership = TRUE;
          if (!json_object_get_boolean_member_with_default (row, "already_member", FALSE))
            self->n_explicit_added++;
        }
    }

  self->n_done += n_sent;
  g_array_set_size (data->batch_contacts, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);

  send_next_batch (task);
}

static void
send_next_batch (GTask *task)
{
  TdCsvImporter *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = NULL;
  GPtrArray *contacts = self->plan->contacts;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      data->report->cancelled = TRUE;
      finish_run (task, NULL);
      return;
    }

  g_array_set_size (data->batch_contacts, 0);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "list_id");
  json_builder_add_string_value (builder, self->list_id);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);

  while (self->next < contacts->len &&
         data->batch_contacts->len < TD_CSV_IMPORT_BATCH_SIZE)
    {
      TdCsvContact *contact = g_ptr_array_index (contacts, self->next);
      g_autoptr(JsonObject) fields = json_object_new ();
      g_autofree char *reason = NULL;
      GHashTableIter iter;
      gpointer field_key, value;

      g_hash_table_iter_init (&iter, contact->fields);
      while (reason == NULL && g_hash_table_iter_next (&iter, &field_key, &value))
        {
          const char *type = g_hash_table_lookup (self->field_types, field_key);
          JsonNode *node = field_value_node (type, value, &reason);

          if (node != NULL)
            json_object_set_member (fields, field_key, node);
        }

      if (reason != NULL)
        {
          add_problem (data->report, contact->line, reason);
          self->n_done++;
          self->next++;
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "phone");
      json_builder_add_string_value (builder, contact->phone);
      if (contact->first_name != NULL)
        {
          json_builder_set_member_name (builder, "first_name");
          json_builder_add_string_value (builder, contact->first_name);
        }
      if (contact->last_name != NULL)
        {
          json_builder_set_member_name (builder, "last_name");
          json_builder_add_string_value (builder, contact->last_name);
        }
      if (json_object_get_size (fields) > 0)
        {
          JsonNode *fields_node = json_node_new (JSON_NODE_OBJECT);

          json_node_set_object (fields_node, fields);
          json_builder_set_member_name (builder, "fields");
          json_builder_add_value (builder, fields_node);
        }
      json_builder_end_object (builder);

      g_array_append_val (data->batch_contacts, self->next);
      self->next++;
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (data->batch_contacts->len == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
      finish_run (task, NULL);
      return;
    }

  body = json_builder_get_root (builder);
  key = g_uuid_string_random ();
  td_client_call_async (self->client, "POST", "/v1/subscribers/import", body,
                        NULL, key, g_task_get_cancellable (task),
                        batch_cb, g_object_ref (task));
}

static void
count_before_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdCsvImporter *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (node == NULL)
    {
      self->running = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    self->count_before = (int) json_object_get_int_member_with_default (json_node_get_object (node),
                                                                        "subscriber_count", -1);

  send_next_batch (task);
}

/**
 * td_csv_importer_run_async:
 * @self: a #TdCsvImporter
 * @cancellable: (nullable): cancels the import between or during batches;
 *   the batches already taken stay imported, and the report says so
 * @callback: called with the report
 * @user_data: data for @callback
 *
 * Imports the plan. "n-done" follows the progress.
 */
void
td_csv_importer_run_async (TdCsvImporter       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  g_autofree char *escaped = NULL;
  RunData *data;

  g_return_if_fail (TD_IS_CSV_IMPORTER (self));
  g_return_if_fail (!self->running);

  self->running = TRUE;
  self->next = 0;
  self->n_done = 0;
  self->n_succeeded = 0;
  self->n_explicit_added = 0;
  self->explicit_membership = FALSE;

  data = g_new0 (RunData, 1);
  data->report = g_new0 (TdCsvImportReport, 1);
  data->report->problems = g_ptr_array_new_with_free_func (problem_free);
  data->report->n_merged = self->plan->n_merged;
  data->batch_contacts = g_array_new (FALSE, FALSE, sizeof (guint));

  /* The rows the plan already found unusable are part of the report. */
  for (guint i = 0; i < self->plan->problems->len; i++)
    {
      TdCsvProblem *problem = g_ptr_array_index (self->plan->problems, i);

      add_problem (data->report, problem->line, problem->reason);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_csv_importer_run_async);
  /* A cancelled import still has a report to give. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);

  escaped = g_uri_escape_string (self->list_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/lists/%s", escaped);
  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL, cancellable,
                        count_before_cb, g_steal_pointer (&task));
}

/**
 * td_csv_importer_run_finish:
 * @self: a #TdCsvImporter
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the report, also when the user cancelled or a
 *   batch failed (see its cancelled and stopped_reason); %NULL with @error
 *   set when nothing could be imported at all
 */
TdCsvImportReport *
td_csv_importer_run_finish (TdCsvImporter  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (TD_IS_CSV_IMPORTER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
