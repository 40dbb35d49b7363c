/* td-members-result.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-members-result"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-api-error.h"
#include "td-json-private.h"
#include "td-members-result.h"

G_DEFINE_BOXED_TYPE (TdMembersResult, td_members_result,
                     td_members_result_copy, td_members_result_free)

TdMembersResult *
td_members_result_new (void)
{
  TdMembersResult *self = g_new0 (TdMembersResult, 1);

  self->failed = g_ptr_array_new_with_free_func (g_free);

  return self;
}

/* A count may come as a number or as the array of ids it counts. */
static gboolean
read_count (JsonObject *object,
            const char *name,
            guint      *count)
{
  JsonNode *node = json_object_get_member (object, name);

  *count = 0;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      *count = json_array_get_length (json_node_get_array (node));
      return TRUE;
    }

  if (JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64
      && json_node_get_int (node) >= 0
      && json_node_get_int (node) <= G_MAXUINT)
    {
      *count = (guint) json_node_get_int (node);
      return TRUE;
    }

  return FALSE;
}

/**
 * td_members_result_new_from_json:
 * @object: `{added, already_member, failed: [...]}`
 * @error: a %TD_API_ERROR_BAD_RESPONSE when it is not that
 *
 * `failed` may hold ids or objects with a `subscriber_id` (or `id`).
 *
 * Returns: (transfer full) (nullable): the result
 */
TdMembersResult *
td_members_result_new_from_json (JsonObject  *object,
                                 GError     **error)
{
  g_autoptr(TdMembersResult) self = td_members_result_new ();
  JsonNode *failed;

  if (!read_count (object, "added", &self->added)
      || !read_count (object, "already_member", &self->already_member))
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent a list result this app cannot read"));
      return NULL;
    }

  failed = json_object_get_member (object, "failed");
  if (failed != NULL && JSON_NODE_HOLDS_ARRAY (failed))
    {
      JsonArray *array = json_node_get_array (failed);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          const char *id = NULL;

          if (JSON_NODE_HOLDS_VALUE (item)
              && json_node_get_value_type (item) == G_TYPE_STRING)
            id = json_node_get_string (item);
          else if (JSON_NODE_HOLDS_OBJECT (item))
            {
              JsonObject *o = json_node_get_object (item);

              id = td_json_get_string (o, "subscriber_id");
              if (id == NULL)
                id = td_json_get_string (o, "id");
            }

          if (id != NULL)
            g_ptr_array_add (self->failed, g_strdup (id));
          else
            g_debug ("Skipping a failed member the app cannot read");
        }
    }

  return g_steal_pointer (&self);
}

TdMembersResult *
td_members_result_copy (const TdMembersResult *self)
{
  TdMembersResult *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = td_members_result_new ();
  copy->added = self->added;
  copy->already_member = self->already_member;
  for (guint i = 0; i < self->failed->len; i++)
    g_ptr_array_add (copy->failed, g_strdup (g_ptr_array_index (self->failed, i)));

  return copy;
}

void
td_members_result_free (TdMembersResult *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->failed, g_ptr_array_unref);
  g_free (self);
}
