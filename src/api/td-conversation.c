/* td-conversation.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-conversation"

#include "td-conversation.h"

/**
 * TdConversation:
 *
 * A conversation of the platform API: the thread of one subscriber on one short code.
 */
struct _TdConversation
{
  TdResource parent_instance;

  TdSubscriberSummary *subscriber;
  char *short_code_id;
  TdMessage *last_message;
  int unread_count;
  char *last_read_message_id;
  gboolean archived;
  GDateTime *updated_at;
};

G_DEFINE_FINAL_TYPE (TdConversation, td_conversation, TD_TYPE_RESOURCE)

TdSubscriberSummary *
td_conversation_get_subscriber (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), NULL);

  return self->subscriber;
}

const char *
td_conversation_get_short_code_id (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), NULL);

  return self->short_code_id;
}

TdMessage *
td_conversation_get_last_message (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), NULL);

  return self->last_message;
}

int
td_conversation_get_unread_count (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), 0);

  return self->unread_count;
}

const char *
td_conversation_get_last_read_message_id (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), NULL);

  return self->last_read_message_id;
}

gboolean
td_conversation_get_archived (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), FALSE);

  return self->archived;
}

GDateTime *
td_conversation_get_updated_at (TdConversation *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION (self), NULL);

  return self->updated_at;
}

static void
td_conversation_class_init (TdConversationClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/conversations";

  td_resource_class_add_field (resource_class, "subscriber",
                               TD_RESOURCE_FIELD_RESOURCE,
                               G_STRUCT_OFFSET (TdConversation, subscriber),
                               TD_RESOURCE_FIELD_REQUIRED, TD_TYPE_SUBSCRIBER_SUMMARY);
  td_resource_class_add_field (resource_class, "short_code_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdConversation, short_code_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "last_message",
                               TD_RESOURCE_FIELD_RESOURCE,
                               G_STRUCT_OFFSET (TdConversation, last_message),
                               TD_RESOURCE_FIELD_OPTIONAL, TD_TYPE_MESSAGE);
  td_resource_class_add_field (resource_class, "unread_count",
                               TD_RESOURCE_FIELD_INT,
                               G_STRUCT_OFFSET (TdConversation, unread_count),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "last_read_message_id",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdConversation, last_read_message_id),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "archived",
                               TD_RESOURCE_FIELD_BOOLEAN,
                               G_STRUCT_OFFSET (TdConversation, archived),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "updated_at",
                               TD_RESOURCE_FIELD_DATE_TIME,
                               G_STRUCT_OFFSET (TdConversation, updated_at),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_conversation_init (TdConversation *self)
{
}
