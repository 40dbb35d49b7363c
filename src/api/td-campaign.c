/* td-campaign.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-campaign"

#include "td-campaign.h"

/**
 * TdCampaign:
 *
 * A campaign of the platform API: keywords on a short code bound to a list, with an automatic
 * response.
 */
struct _TdCampaign
{
  TdResource parent_instance;

  char *name;
  char *short_code_id;
  GStrv keywords;
  char *status;
  char *list_id;
  char *auto_response;
  char *expired_response;
  char *redirect_campaign_id;
  GDateTime *starts_at;
  GDateTime *ends_at;
  int subscriber_count;
  int message_count;
  int unread_count;
};

G_DEFINE_FINAL_TYPE (TdCampaign, td_campaign, TD_TYPE_RESOURCE)

const char *
td_campaign_get_name (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->name;
}

const char *
td_campaign_get_short_code_id (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->short_code_id;
}

const char * const *
td_campaign_get_keywords (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return (const char * const *) self->keywords;
}

const char *
td_campaign_get_status (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->status;
}

const char *
td_campaign_get_list_id (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->list_id;
}

const char *
td_campaign_get_auto_response (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->auto_response;
}

const char *
td_campaign_get_expired_response (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->expired_response;
}

const char *
td_campaign_get_redirect_campaign_id (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->redirect_campaign_id;
}

GDateTime *
td_campaign_get_starts_at (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->starts_at;
}

GDateTime *
td_campaign_get_ends_at (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), NULL);

  return self->ends_at;
}

int
td_campaign_get_subscriber_count (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), 0);

  return self->subscriber_count;
}

int
td_campaign_get_message_count (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), 0);

  return self->message_count;
}

int
td_campaign_get_unread_count (TdCampaign *self)
{
  g_return_val_if_fail (TD_IS_CAMPAIGN (self), 0);

  return self->unread_count;
}

static void
td_campaign_class_init (TdCampaignClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/campaigns";

  td_resource_class_add_field (resource_class, "name",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, name),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "short_code_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, short_code_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "keywords",
                               TD_RESOURCE_FIELD_STRV,
                               G_STRUCT_OFFSET (TdCampaign, keywords),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "status",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, status),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "list_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, list_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "auto_response",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, auto_response),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "expired_response",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, expired_response),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "redirect_campaign_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdCampaign, redirect_campaign_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "starts_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdCampaign, starts_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "ends_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdCampaign, ends_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "subscriber_count",
                               TD_RESOURCE_FIELD_INT,
                               G_STRUCT_OFFSET (TdCampaign, subscriber_count),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "message_count",
                               TD_RESOURCE_FIELD_INT,
                               G_STRUCT_OFFSET (TdCampaign, message_count),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "unread_count",
                               TD_RESOURCE_FIELD_INT,
                               G_STRUCT_OFFSET (TdCampaign, unread_count),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_campaign_init (TdCampaign *self)
{
}
