/* td-platform-consent.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-db.h"
#include "td-platform-events.h"

G_BEGIN_DECLS

gboolean td_platform_consent_is_opted_out (TdPlatformDb      *db,
                                           gint64             short_code_id,
                                           const char        *phone,
                                           gboolean          *out_opted_out,
                                           GError           **error);
gboolean td_platform_consent_opt_out      (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             short_code_id,
                                           const char        *phone,
                                           gint64             now,
                                           gboolean          *out_changed,
                                           GError           **error);
gboolean td_platform_consent_opt_in       (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             short_code_id,
                                           const char        *phone,
                                           gint64             now,
                                           gboolean          *out_changed,
                                           GError           **error);
gboolean td_platform_consent_join_list    (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             list_id,
                                           gint64             subscriber_id,
                                           const char        *source,
                                           const char        *keyword,
                                           gint64             now,
                                           gboolean          *out_added,
                                           GError           **error);
gboolean td_platform_consent_leave_list   (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             list_id,
                                           gint64             subscriber_id,
                                           gboolean          *out_removed,
                                           GError           **error);
gboolean td_platform_publish_subscriber   (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             subscriber_id,
                                           GError           **error);
gboolean td_platform_publish_list         (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             list_id,
                                           GError           **error);
gboolean td_platform_publish_campaign     (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             campaign_id,
                                           GError           **error);
gboolean td_platform_publish_conversation (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             conversation_id,
                                           GError           **error);
gboolean td_platform_publish_message      (TdPlatformDb      *db,
                                           TdPlatformEvents  *events,
                                           gint64             account_id,
                                           gint64             message_id,
                                           const char        *type,
                                           GError           **error);

G_END_DECLS
