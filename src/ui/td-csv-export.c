/* td-csv-export.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-csv-export"

#include "config.h"

#include <glib/gi18n.h>

#include "td-csv.h"
#include "td-csv-export.h"
#include "td-field.h"

/* Exports a list's members as CSV: phone, first_name, last_name, status
 * and one column per metadata field, with the field keys as names, so
 * that the file imports back as it was. The members come page by page
 * from GET /v1/lists/{id}/members; the text is made in a worker thread
 * and written with g_file_replace_contents_async(). */

#define PAGE_SIZE 200

typedef struct
{
  TdClient  *client;
  char      *list_id;
  GFile     *file;
  GPtrArray *field_keys;  /* the account's fields, in their order */
  GPtrArray *members;     /* JsonObject */
  char      *cursor;
  guint      n_rows;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_object (&data->client);
  g_free (data->list_id);
  g_clear_object (&data->file);
  g_ptr_array_unref (data->field_keys);
  g_ptr_array_unref (data->members);
  g_free (data->cursor);
  g_free (data);
}

static char *
value_to_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();

      json_generator_set_root (generator, node);
      return json_generator_to_data (generator, NULL);
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    default:
      return NULL;
    }
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
format_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  /* Columns: the account's fields in their order, then any other key a
   * member has, sorted. */
  for (guint i = 0; i < data->field_keys->len; i++)
    if (g_hash_table_add (seen, data->field_keys->pdata[i]))
      g_ptr_array_add (keys, g_strdup (data->field_keys->pdata[i]));

  for (guint i = 0; i < data->members->len; i++)
    {
      JsonObject *member = data->members->pdata[i];
      JsonNode *fields = json_object_get_member (member, "fields");
      g_autoptr(GList) names = NULL;

      if (fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
        continue;

      names = json_object_get_members (json_node_get_object (fields));
      for (GList *l = names; l != NULL; l = l->next)
        if (!g_hash_table_contains (seen, l->data))
          {
            char *key = g_strdup (l->data);

            g_hash_table_add (seen, key);
            g_ptr_array_add (extra, key);
          }
    }

  g_ptr_array_sort (extra, (GCompareFunc) g_strcmp0);
  for (guint i = 0; i < extra->len; i++)
    g_ptr_array_add (keys, g_strdup (extra->pdata[i]));

  g_ptr_array_add (header, (gpointer) "phone");
  g_ptr_array_add (header, (gpointer) "first_name");
  g_ptr_array_add (header, (gpointer) "last_name");
  g_ptr_array_add (header, (gpointer) "status");
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (header, keys->pdata[i]);
  td_csv_append_record (out, (const char * const *) header->pdata, header->len);

  for (guint i = 0; i < data->members->len; i++)
    {
      JsonObject *member = data->members->pdata[i];
      JsonNode *fields_node = json_object_get_member (member, "fields");
      JsonObject *fields = fields_node != NULL && JSON_NODE_HOLDS_OBJECT (fields_node)
                           ? json_node_get_object (fields_node) : NULL;
      g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);

      if (i % 1000 == 0 && g_task_return_error_if_cancelled (task))
        {
          g_string_free (out, TRUE);
          return;
        }

      g_ptr_array_add (row, g_strdup (string_member (member, "phone")));
      g_ptr_array_add (row, g_strdup (string_member (member, "first_name")));
      g_ptr_array_add (row, g_strdup (string_member (member, "last_name")));
      g_ptr_array_add (row, g_strdup (string_member (member, "status")));
      for (guint k = 0; k < keys->len; k++)
        g_ptr_array_add (row, fields != NULL
                              ? value_to_text (json_object_get_member (fields, keys->pdata[k]))
                              : NULL);

      td_csv_append_record (out, (const char * const *) row->pdata, row->len);
    }

  g_task_return_pointer (task, g_string_free_to_bytes (out), (GDestroyNotify) g_bytes_unref);
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
formatted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_file_replace_contents_bytes_async (data->file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION,
                                       g_task_get_cancellable (task),
                                       replaced_cb, g_object_ref (task));
}

static void fetch_page (GTask *task);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  JsonObject *page;
  JsonArray *members = NULL;
  const char *cursor;

  node = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  if (node == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  page = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (page != NULL && json_object_has_member (page, "data") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (page, "data")))
    members = json_object_get_array_member (page, "data");

  if (members == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                               _("The platform sent a page of members that could not be read."));
      return;
    }

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonNode *element = json_array_get_element (members, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          string_member (json_node_get_object (element), "phone") != NULL)
        g_ptr_array_add (data->members, json_object_ref (json_node_get_object (element)));
      else
        g_debug ("Skipped a member without a phone number in an export");
    }

  cursor = string_member (page, "next_cursor");
  g_free (data->cursor);
  data->cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor) : NULL;

  if (data->cursor != NULL && json_array_get_length (members) > 0)
    {
      fetch_page (g_steal_pointer (&task));
      return;
    }

  data->n_rows = data->members->len;

  {
    g_autoptr(GTask) format = g_task_new (NULL, g_task_get_cancellable (task),
                                          formatted_cb, g_object_ref (task));

    /* The thread owns the members now; this side no longer reads them. */
    g_task_set_task_data (format, data, NULL);
    g_task_run_in_thread (format, format_thread);
  }
}

static void
fetch_page (GTask *task)
{
  ExportData *data = g_task_get_task_data (task);
  g_autofree char *id = g_uri_escape_string (data->list_id, NULL, FALSE);
  g_autoptr(GString) path = g_string_new (NULL);

  g_string_append_printf (path, "/v1/lists/%s/members?limit=%u", id, PAGE_SIZE);
  if (data->cursor != NULL)
    {
      g_autofree char *cursor = g_uri_escape_string (data->cursor, NULL, FALSE);

      g_string_append_printf (path, "&cursor=%s", cursor);
    }

  td_client_call_async (data->client, "GET", path->str, NULL, NULL, NULL,
                        g_task_get_cancellable (task), page_cb, task);
}

/**
 * td_csv_export_list_async:
 * @client: the signed-in client
 * @list_id: the list to export
 * @fields: (element-type TdField): the account's metadata fields, for the
 *   order of the columns
 * @file: where to write
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the list's members to @file as CSV (RFC 4180, UTF-8, CRLF).
 */
void
td_csv_export_list_async (TdClient            *client,
                          const char          *list_id,
                          GListModel          *fields,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  ExportData *data;

  g_return_if_fail (TD_IS_CLIENT (client));
  g_return_if_fail (list_id != NULL);
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ExportData, 1);
  data->client = g_object_ref (client);
  data->list_id = g_strdup (list_id);
  data->file = g_object_ref (file);
  data->field_keys = g_ptr_array_new_with_free_func (g_free);
  data->members = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; fields != NULL && i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(TdField) field = g_list_model_get_item (fields, i);

      if (td_field_get_key (field) != NULL)
        g_ptr_array_add (data->field_keys, g_strdup (td_field_get_key (field)));
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_csv_export_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  fetch_page (task);
}

/**
 * td_csv_export_list_finish:
 * @result: the result
 * @n_rows: (out) (optional): how many people were written
 * @error: return location for an error
 *
 * Returns: whether the file was written
 */
gboolean
td_csv_export_list_finish (GAsyncResult  *result,
                           guint         *n_rows,
                           GError       **error)
{
  ExportData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, td_csv_export_list_async), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (n_rows != NULL)
    *n_rows = data->n_rows;

  return g_task_propagate_boolean (G_TASK (result), error);
}
