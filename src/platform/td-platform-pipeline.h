/* td-platform-pipeline.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-db.h"
#include "td-platform-events.h"
#include "td-platform-outbox.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *code;
  gboolean  shared;
  gboolean  text_chat;
  char     *fallback_response;
  char     *help_response;
  char     *stop_response;
  char     *start_response;
  char     *secret;
} TdPlatformShortCode;

void                 td_platform_short_code_free   (TdPlatformShortCode *short_code);
TdPlatformShortCode *td_platform_short_code_lookup (TdPlatformDb        *db,
                                                    const char          *code,
                                                    gint64               id,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPlatformShortCode, td_platform_short_code_free)

typedef enum
{
  TD_PLATFORM_ROUTE_DUPLICATE,
  TD_PLATFORM_ROUTE_STOP,
  TD_PLATFORM_ROUTE_START,
  TD_PLATFORM_ROUTE_HELP,
  TD_PLATFORM_ROUTE_KEYWORD,
  TD_PLATFORM_ROUTE_EXPIRED_KEYWORD,
  TD_PLATFORM_ROUTE_STREAM,
} TdPlatformRoute;

typedef struct
{
  gint64          account_id;
  gint64          conversation_id;
  gint64          subscriber_id;
  gint64          text_id;
  const char     *direction;
  gint64          campaign_id;
  const char     *matched_keyword;
  gboolean        in_stream;
  const char     *expired_keyword;
  gint64          expired_campaign_id;
  gint64          redirect_campaign_id;
  const char     *suggested_keyword;
  gint64          suggested_campaign_id;
  gint64          sent_by_user_id;
  gint64          created_at;
} TdPlatformMessageSpec;

#define TD_TYPE_PLATFORM_PIPELINE (td_platform_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformPipeline, td_platform_pipeline, TD, PLATFORM_PIPELINE, GObject)

TdPlatformPipeline *td_platform_pipeline_new          (TdPlatformDb          *db,
                                                       TdPlatformEvents      *events,
                                                       TdPlatformOutbox      *outbox);
gboolean            td_platform_pipeline_receive      (TdPlatformPipeline    *self,
                                                       TdPlatformShortCode   *short_code,
                                                       const char            *gateway_sid,
                                                       const char            *from,
                                                       const char            *body,
                                                       gint64                 now,
                                                       TdPlatformRoute       *out_route,
                                                       GError               **error);
gint64              td_platform_pipeline_add_message  (TdPlatformPipeline    *self,
                                                       const TdPlatformMessageSpec *spec,
                                                       GError               **error);
gboolean            td_platform_pipeline_publish_changes (TdPlatformPipeline *self,
                                                       GError               **error);
gint64              td_platform_pipeline_ensure_subscriber (TdPlatformPipeline *self,
                                                       gint64                 account_id,
                                                       gint64                 short_code_id,
                                                       const char            *phone,
                                                       gint64                 now,
                                                       gboolean              *out_created,
                                                       GError               **error);
gint64              td_platform_pipeline_ensure_conversation (TdPlatformPipeline *self,
                                                       gint64                 account_id,
                                                       gint64                 subscriber_id,
                                                       gint64                 short_code_id,
                                                       gint64                 now,
                                                       GError               **error);
gboolean            td_platform_is_stop_word          (const char            *word);
gboolean            td_platform_is_start_word         (const char            *word);
gboolean            td_platform_is_help_word          (const char            *word);

G_END_DECLS
