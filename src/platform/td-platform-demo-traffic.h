/* td-platform-demo-traffic.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-server.h"

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_DEMO_TRAFFIC (td_platform_demo_traffic_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformDemoTraffic, td_platform_demo_traffic, TD, PLATFORM_DEMO_TRAFFIC,
                      GObject)

TdPlatformDemoTraffic *td_platform_demo_traffic_new   (TdPlatformDb          *db,
                                                       TdPlatformServer      *server);
void                   td_platform_demo_traffic_start (TdPlatformDemoTraffic *self,
                                                       guint                  min_ms,
                                                       guint                  max_ms);
gboolean               td_platform_demo_traffic_send_one (TdPlatformDemoTraffic *self,
                                                       GError               **error);

G_END_DECLS
