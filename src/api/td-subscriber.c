/* td-subscriber.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-subscriber"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-subscriber.h"

/**
 * TdSubscriber:
 *
 * A subscriber of the platform API: one phone number in the account, with its metadata and lists.
 */
struct _TdSubscriber
{
  TdResource parent_instance;

  char *phone;
  char *first_name;
  char *last_name;
  JsonObject *fields;
  char *status;
  GDateTime *opted_out_at;
  GStrv list_ids;
  JsonArray *consents;
  GDateTime *created_at;
  GDateTime *last_seen_at;
};

G_DEFINE_FINAL_TYPE (TdSubscriber, td_subscriber, TD_TYPE_RESOURCE)

static char *
display_name (const char *first_name,
              const char *last_name,
              const char *phone)
{
  gboolean has_first = first_name != NULL && *first_name != '\0';
  gboolean has_last = last_name != NULL && *last_name != '\0';

  if (has_first && has_last)
    /* Translators: a person's name: first name, then last name */
    return g_strdup_printf (C_("person name", "%s %s"), first_name, last_name);
  if (has_first)
    return g_strdup (first_name);
  if (has_last)
    return g_strdup (last_name);

  return g_strdup (phone);
}

/**
 * td_subscriber_dup_display_name:
 * @self: a #TdSubscriber
 *
 * Returns: (transfer full): the name, or the phone number when there is
 *   no name
 */
char *
td_subscriber_dup_display_name (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return display_name (self->first_name, self->last_name, self->phone);
}

gboolean
td_subscriber_is_opted_out (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), FALSE);

  return g_strcmp0 (self->status, "opted_out") == 0;
}

gboolean
td_subscriber_is_on_list (TdSubscriber *self,
                          const char   *list_id)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), FALSE);
  g_return_val_if_fail (list_id != NULL, FALSE);

  return self->list_ids != NULL
         && g_strv_contains ((const char * const *) self->list_ids, list_id);
}

const char *
td_subscriber_get_phone (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->phone;
}

const char *
td_subscriber_get_first_name (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->first_name;
}

const char *
td_subscriber_get_last_name (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->last_name;
}

JsonObject *
td_subscriber_get_fields (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->fields;
}

const char *
td_subscriber_get_status (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->status;
}

GDateTime *
td_subscriber_get_opted_out_at (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->opted_out_at;
}

const char * const *
td_subscriber_get_list_ids (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return (const char * const *) self->list_ids;
}

JsonArray *
td_subscriber_get_consents (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->consents;
}

GDateTime *
td_subscriber_get_created_at (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->created_at;
}

GDateTime *
td_subscriber_get_last_seen_at (TdSubscriber *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER (self), NULL);

  return self->last_seen_at;
}

static void
td_subscriber_class_init (TdSubscriberClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/subscribers";

  td_resource_class_add_field (resource_class, "phone",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriber, phone),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "first_name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriber, first_name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "last_name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriber, last_name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "fields",
                               TD_RESOURCE_FIELD_OBJECT,
                               G_STRUCT_OFFSET (TdSubscriber, fields),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "status",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriber, status),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "opted_out_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdSubscriber, opted_out_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "list_ids",
                               TD_RESOURCE_FIELD_STRV,
                               G_STRUCT_OFFSET (TdSubscriber, list_ids),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "consents",
                               TD_RESOURCE_FIELD_ARRAY,
                               G_STRUCT_OFFSET (TdSubscriber, consents),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "created_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdSubscriber, created_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "last_seen_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdSubscriber, last_seen_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_subscriber_init (TdSubscriber *self)
{
}
