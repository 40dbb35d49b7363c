/* td-field.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-field"

#include "td-field.h"

/**
 * TdField:
 *
 * A field of the platform API: a metadata field definition: key, name and type.
 */
struct _TdField
{
  TdResource parent_instance;

  char *key;
  char *name;
  char *type;
};

G_DEFINE_FINAL_TYPE (TdField, td_field, TD_TYPE_RESOURCE)

const char *
td_field_get_key (TdField *self)
{
  g_return_val_if_fail (TD_IS_FIELD (self), NULL);

  return self->key;
}

const char *
td_field_get_name (TdField *self)
{
  g_return_val_if_fail (TD_IS_FIELD (self), NULL);

  return self->name;
}

const char *
td_field_get_field_type (TdField *self)
{
  g_return_val_if_fail (TD_IS_FIELD (self), NULL);

  return self->type;
}

static void
td_field_class_init (TdFieldClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/fields";
  resource_class->id_member = "key";

  td_resource_class_add_field (resource_class, "key",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdField, key),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdField, name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "type",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdField, type),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_field_init (TdField *self)
{
}
