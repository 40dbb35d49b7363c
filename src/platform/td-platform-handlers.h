/* td-platform-handlers.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-request.h"

G_BEGIN_DECLS

/* Only administrators see the Conversation Stream (texts outside every
 * campaign). A member sees a conversation only when it belongs to at
 * least one campaign, and in it (and in a subscriber's history and in
 * search) only the messages that are not in the stream. Every query that
 * returns conversations or messages has the matching condition; @admin
 * is an SQL expression that is true for an administrator.
 */
#define TD_PLATFORM_MEMBER_SEES_CONVERSATION(admin, c) \
  "(" admin " OR EXISTS (SELECT 1 FROM conversation_campaigns vc " \
  "WHERE vc.conversation_id = " c ".id)) "
#define TD_PLATFORM_MEMBER_SEES_MESSAGE(admin, m) \
  "(" admin " OR (" m ".in_stream = 0 AND EXISTS (SELECT 1 FROM conversation_campaigns vm " \
  "WHERE vm.conversation_id = " m ".conversation_id))) "

/* td-platform-handlers-sessions.c */
gboolean td_platform_handle_sign_in            (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_sign_out           (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_me                 (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-short-codes.c */
gboolean td_platform_handle_short_codes_list   (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_short_code_patch   (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-campaigns.c */
gboolean td_platform_handle_campaigns_list     (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_campaign_create    (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_campaign_get       (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_campaign_patch     (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_campaign_delete    (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-conversations.c */
gboolean td_platform_handle_conversations_list (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_conversation_get   (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_conversation_patch (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_conversation_messages (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_reply              (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_message_get        (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-subscribers.c */
gboolean td_platform_handle_subscribers_list   (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscriber_create  (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscriber_get     (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscriber_patch   (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscriber_delete  (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscriber_messages (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_subscribers_import (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-lists.c */
gboolean td_platform_handle_lists_list         (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_create        (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_get           (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_patch         (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_delete        (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_members       (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_members_add   (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_list_members_remove (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-fields.c */
gboolean td_platform_handle_fields_list        (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_field_create       (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-events.c */
gboolean td_platform_handle_events             (TdPlatformRequest *req, GError **error);

/* td-platform-handlers-gateway.c */
gboolean td_platform_handle_gateway_inbound    (TdPlatformRequest *req, GError **error);
gboolean td_platform_handle_gateway_status     (TdPlatformRequest *req, GError **error);
char    *td_platform_twilio_signature          (const char        *secret,
                                                const char        *url,
                                                GHashTable        *params);

G_END_DECLS
