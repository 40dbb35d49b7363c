/* td-campaign.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_CAMPAIGN (td_campaign_get_type ())

G_DECLARE_FINAL_TYPE (TdCampaign, td_campaign, TD, CAMPAIGN, TdResource)

const char         *td_campaign_get_name                 (TdCampaign *self);
const char         *td_campaign_get_short_code_id        (TdCampaign *self);
const char * const *td_campaign_get_keywords             (TdCampaign *self);
const char         *td_campaign_get_status               (TdCampaign *self);
const char         *td_campaign_get_list_id              (TdCampaign *self);
const char         *td_campaign_get_auto_response        (TdCampaign *self);
const char         *td_campaign_get_expired_response     (TdCampaign *self);
const char         *td_campaign_get_redirect_campaign_id (TdCampaign *self);
GDateTime          *td_campaign_get_starts_at            (TdCampaign *self);
GDateTime          *td_campaign_get_ends_at              (TdCampaign *self);
int                 td_campaign_get_subscriber_count     (TdCampaign *self);
int                 td_campaign_get_message_count        (TdCampaign *self);
int                 td_campaign_get_unread_count         (TdCampaign *self);

G_END_DECLS
