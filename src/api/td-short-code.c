/* td-short-code.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-short-code"

#include "td-short-code.h"

/**
 * TdShortCode:
 *
 * A short code of the platform API: a number people text, dedicated or shared.
 */
struct _TdShortCode
{
  TdResource parent_instance;

  char *code;
  char *kind;
  gboolean text_chat;
  char *fallback_response;
  char *help_response;
};

G_DEFINE_FINAL_TYPE (TdShortCode, td_short_code, TD_TYPE_RESOURCE)

const char *
td_short_code_get_code (TdShortCode *self)
{
  g_return_val_if_fail (TD_IS_SHORT_CODE (self), NULL);

  return self->code;
}

const char *
td_short_code_get_kind (TdShortCode *self)
{
  g_return_val_if_fail (TD_IS_SHORT_CODE (self), NULL);

  return self->kind;
}

gboolean
td_short_code_get_text_chat (TdShortCode *self)
{
  g_return_val_if_fail (TD_IS_SHORT_CODE (self), FALSE);

  return self->text_chat;
}

const char *
td_short_code_get_fallback_response (TdShortCode *self)
{
  g_return_val_if_fail (TD_IS_SHORT_CODE (self), NULL);

  return self->fallback_response;
}

const char *
td_short_code_get_help_response (TdShortCode *self)
{
  g_return_val_if_fail (TD_IS_SHORT_CODE (self), NULL);

  return self->help_response;
}

static void
td_short_code_class_init (TdShortCodeClass *klass)
{
  TdResourceClass *resource_class = TD_RESOURCE_CLASS (klass);

  resource_class->collection_path = "/v1/short-codes";

  td_resource_class_add_field (resource_class, "code",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdShortCode, code),
                               TD_RESOURCE_FIELD_REQUIRED, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "kind",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdShortCode, kind),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "text_chat",
                               TD_RESOURCE_FIELD_BOOLEAN,
                               G_STRUCT_OFFSET (TdShortCode, text_chat),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "fallback_response",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdShortCode, fallback_response),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
  td_resource_class_add_field (resource_class, "help_response",
                               TD_RESOURCE_FIELD_STRING,
                               G_STRUCT_OFFSET (TdShortCode, help_response),
                               TD_RESOURCE_FIELD_OPTIONAL, G_TYPE_NONE);
}

static void
td_short_code_init (TdShortCode *self)
{
}
