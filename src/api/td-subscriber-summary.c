/* td-subscriber-summary.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-subscriber-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-subscriber-summary.h"

/**
 * TdSubscriberSummary:
 *
 * A subscriber summary of the platform API: the subscriber of a conversation, as the conversation
 * carries it.
 */
struct _TdSubscriberSummary
{
  TdResource parent_instance;

  char *phone;
  char *first_name;
  char *last_name;
  char *status;
};

G_DEFINE_FINAL_TYPE (TdSubscriberSummary, td_subscriber_summary, TD_TYPE_RESOURCE)

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
 * td_subscriber_summary_dup_display_name:
 * @self: a #TdSubscriberSummary
 *
 * Returns: (transfer full): the name, or the phone number when there is
 *   no name
 */
char *
td_subscriber_summary_dup_display_name (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), NULL);

  return display_name (self->first_name, self->last_name, self->phone);
}

gboolean
td_subscriber_summary_is_opted_out (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), FALSE);

  return g_strcmp0 (self->status, "opted_out") == 0;
}

const char *
td_subscriber_summary_get_phone (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), NULL);

  return self->phone;
}

const char *
td_subscriber_summary_get_first_name (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), NULL);

  return self->first_name;
}

const char *
td_subscriber_summary_get_last_name (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), NULL);

  return self->last_name;
}

const char *
td_subscriber_summary_get_status (TdSubscriberSummary *self)
{
  g_return_val_if_fail (TD_IS_SUBSCRIBER_SUMMARY (self), NULL);

  return self->status;
}

static void
td_subscriber_summary_class_init (TdSubscriberSummaryClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/subscribers";

  td_resource_class_add_field (resource_class, "phone",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriberSummary, phone),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "first_name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriberSummary, first_name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "last_name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriberSummary, last_name),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "status",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdSubscriberSummary, status),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_subscriber_summary_init (TdSubscriberSummary *self)
{
}
