/* td-json-private.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Readers of JSON from the network: each returns NULL (or FALSE) when
 * the member is absent or of another type, never a CRITICAL as
 * json_object_get_*_member() would. */

static inline JsonNode *
td_json_member (JsonObject *object,
                const char *name)
{
  if (object == NULL)
    return NULL;

  return json_object_get_member (object, name);
}

static inline const char *
td_json_get_string (JsonObject *object,
                    const char *name)
{
  JsonNode *node = td_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static inline JsonObject *
td_json_get_object (JsonObject *object,
                    const char *name)
{
  JsonNode *node = td_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static inline JsonArray *
td_json_get_array (JsonObject *object,
                   const char *name)
{
  JsonNode *node = td_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

static inline gboolean
td_json_get_int (JsonObject *object,
                 const char *name,
                 gint64     *value)
{
  JsonNode *node = td_json_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

G_END_DECLS
