/* td-platform-server.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "td-platform-db.h"
#include "td-platform-events.h"
#include "td-platform-outbox.h"
#include "td-platform-pipeline.h"
#include "td-platform-request.h"

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_SERVER (td_platform_server_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformServer, td_platform_server, TD, PLATFORM_SERVER, GObject)

TdPlatformServer   *td_platform_server_new            (TdPlatformDb      *db);
TdPlatformEvents   *td_platform_server_get_events     (TdPlatformServer  *self);
TdPlatformOutbox   *td_platform_server_get_outbox     (TdPlatformServer  *self);
TdPlatformPipeline *td_platform_server_get_pipeline   (TdPlatformServer  *self);
void                td_platform_server_set_rate_limit (TdPlatformServer  *self,
                                                       guint              per_minute);
void                td_platform_server_set_body_limit (TdPlatformServer  *self,
                                                       gsize              bytes);
gboolean            td_platform_server_listen         (TdPlatformServer  *self,
                                                       const char        *host,
                                                       guint              port,
                                                       GError           **error);
char               *td_platform_server_get_url        (TdPlatformServer  *self);
guint               td_platform_server_sign_in_begin  (TdPlatformServer  *self,
                                                       const char        *email,
                                                       const char        *address);
void                td_platform_server_sign_in_end    (TdPlatformServer  *self,
                                                       const char        *email,
                                                       const char        *address,
                                                       gboolean           succeeded);
void                td_platform_server_finish_deferred (TdPlatformServer *self,
                                                        TdPlatformRequest *req);
void                td_platform_server_stop           (TdPlatformServer  *self);

G_END_DECLS
