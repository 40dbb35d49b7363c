/* td-campaign-activity.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-campaign.h"
#include "td-session.h"

G_BEGIN_DECLS

#define TD_TYPE_CAMPAIGN_ACTIVITY (td_campaign_activity_get_type ())

G_DECLARE_FINAL_TYPE (TdCampaignActivity, td_campaign_activity, TD, CAMPAIGN_ACTIVITY, AdwBin)

/* A whole page with its own header bars: the campaign's conversations,
 * newest first, each row expanding in place, and the conversation pane
 * beside them (an AdwLeaflet that folds on narrow windows). Show it as the
 * content of its own AdwWindow, or as a page of a leaflet. */
GtkWidget  *td_campaign_activity_new           (TdSession          *session,
                                                TdCampaign         *campaign);
void        td_campaign_activity_set_session   (TdCampaignActivity *self,
                                                TdSession          *session);
TdSession  *td_campaign_activity_get_session   (TdCampaignActivity *self);
TdCampaign *td_campaign_activity_get_campaign  (TdCampaignActivity *self);

G_END_DECLS
