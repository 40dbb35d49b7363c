/* td-message.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-message"

#include "td-message.h"

/**
 * TdMessage:
 *
 * A message of the platform API: one text, inbound or outbound, with what the router decided.
 */
struct _TdMessage
{
  TdResource parent_instance;

  char *conversation_id;
  char *subscriber_id;
  char *direction;
  char *body;
  char *status;
  char *campaign_id;
  char *matched_keyword;
  gboolean in_stream;
  char *expired_keyword;
  char *suggested_keyword;
  char *suggested_campaign_id;
  GDateTime *created_at;
};

G_DEFINE_FINAL_TYPE (TdMessage, td_message, TD_TYPE_RESOURCE)

/**
 * td_message_is_outbound:
 * @self: a #TdMessage
 *
 * Returns: whether the account sent it (a reply or an auto-response)
 */
gboolean
td_message_is_outbound (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), FALSE);

  return g_strcmp0 (self->direction, "outbound") == 0;
}

const char *
td_message_get_conversation_id (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->conversation_id;
}

const char *
td_message_get_subscriber_id (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->subscriber_id;
}

const char *
td_message_get_direction (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->direction;
}

const char *
td_message_get_body (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->body;
}

const char *
td_message_get_status (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->status;
}

const char *
td_message_get_campaign_id (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->campaign_id;
}

const char *
td_message_get_matched_keyword (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->matched_keyword;
}

gboolean
td_message_get_in_stream (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), FALSE);

  return self->in_stream;
}

const char *
td_message_get_expired_keyword (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->expired_keyword;
}

const char *
td_message_get_suggested_keyword (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->suggested_keyword;
}

const char *
td_message_get_suggested_campaign_id (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->suggested_campaign_id;
}

GDateTime *
td_message_get_created_at (TdMessage *self)
{
  g_return_val_if_fail (TD_IS_MESSAGE (self), NULL);

  return self->created_at;
}

static void
td_message_class_init (TdMessageClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/messages";

  td_resource_class_add_field (resource_class, "conversation_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, conversation_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "subscriber_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, subscriber_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "direction",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, direction),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "body",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, body),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "status",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, status),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "campaign_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, campaign_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "matched_keyword",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, matched_keyword),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "in_stream",
                               TD_RESOURCE_FIELD_BOOLEAN,
                               G_STRUCT_OFFSET (TdMessage, in_stream),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "expired_keyword",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, expired_keyword),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "suggested_keyword",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, suggested_keyword),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "suggested_campaign_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdMessage, suggested_campaign_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "created_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdMessage, created_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_message_init (TdMessage *self)
{
}
