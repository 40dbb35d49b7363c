/* td-stream-campaigns.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-client.h"

G_BEGIN_DECLS

#define TD_TYPE_STREAM_CAMPAIGNS (td_stream_campaigns_get_type ())

G_DECLARE_FINAL_TYPE (TdStreamCampaigns, td_stream_campaigns, TD, STREAM_CAMPAIGNS, GObject)

TdStreamCampaigns *td_stream_campaigns_new    (TdClient          *client);
void               td_stream_campaigns_reload (TdStreamCampaigns *self);
void               td_stream_campaigns_update (TdStreamCampaigns *self,
                                               JsonObject        *campaign);
JsonObject        *td_stream_campaigns_lookup (TdStreamCampaigns *self,
                                               const char        *campaign_id);
gboolean           td_stream_campaigns_get_loaded (TdStreamCampaigns *self);
void               td_stream_campaigns_mark_handled (TdStreamCampaigns *self,
                                                     const char        *message_id,
                                                     const char        *summary);
const char        *td_stream_campaigns_get_handled  (TdStreamCampaigns *self,
                                                     const char        *message_id);

G_END_DECLS
