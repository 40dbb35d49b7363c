/* td-list.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-list"

#include "td-list.h"

/**
 * TdList:
 *
 * A list of the platform API: a list of subscribers.
 */
struct _TdList
{
  TdResource parent_instance;

  char *name;
  char *description;
  int subscriber_count;
};

G_DEFINE_FINAL_TYPE (TdList, td_list, TD_TYPE_RESOURCE)

const char *
td_list_get_name (TdList *self)
{
  g_return_val_if_fail (TD_IS_LIST (self), NULL);

  return self->name;
}

const char *
td_list_get_description (TdList *self)
{
  g_return_val_if_fail (TD_IS_LIST (self), NULL);

  return self->description;
}

int
td_list_get_subscriber_count (TdList *self)
{
  g_return_val_if_fail (TD_IS_LIST (self), 0);

  return self->subscriber_count;
}

static void
td_list_class_init (TdListClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/lists";

  td_resource_class_add_field (resource_class, "name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdList, name),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "description",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdList, description),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "subscriber_count",
                               TD_RESOURCE_FIELD_INT,
                               G_STRUCT_OFFSET (TdList, subscriber_count),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_list_init (TdList *self)
{
}
