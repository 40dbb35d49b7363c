/* td-campaigns-page.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-campaign.h"
#include "td-session.h"

G_BEGIN_DECLS

#define TD_TYPE_CAMPAIGNS_PAGE (td_campaigns_page_get_type ())

G_DECLARE_FINAL_TYPE (TdCampaignsPage, td_campaigns_page, TD, CAMPAIGNS_PAGE, AdwBin)

void        td_campaigns_page_set_session (TdCampaignsPage *self,
                                           TdSession       *session);
TdSession  *td_campaigns_page_get_session (TdCampaignsPage *self);
GListModel *td_campaigns_page_get_model   (TdCampaignsPage *self);
TdCampaign *td_campaigns_page_find_campaign (TdCampaignsPage *self,
                                             const char      *campaign_id);

G_END_DECLS
