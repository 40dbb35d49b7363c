/* td-platform-events.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-platform-db.h"

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_EVENTS (td_platform_events_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformEvents, td_platform_events, TD, PLATFORM_EVENTS, GObject)

TdPlatformEvents *td_platform_events_new            (TdPlatformDb      *db);
void              td_platform_events_set_heartbeat  (TdPlatformEvents  *self,
                                                     guint              seconds);
void              td_platform_events_set_muted      (TdPlatformEvents  *self,
                                                     gboolean           muted);
void              td_platform_events_set_retention  (TdPlatformEvents  *self,
                                                     guint              n_events);
gboolean          td_platform_events_add            (TdPlatformEvents  *self,
                                                     gint64             account_id,
                                                     const char        *type,
                                                     JsonObject        *object,
                                                     GError           **error);
gboolean          td_platform_events_add_text       (TdPlatformEvents  *self,
                                                     gint64             account_id,
                                                     const char        *type,
                                                     const char        *data,
                                                     gboolean           admin_only,
                                                     GError           **error);
void              td_platform_events_flush          (TdPlatformEvents  *self);
gboolean          td_platform_events_prune          (TdPlatformEvents  *self,
                                                     GError           **error);
void              td_platform_events_serve_stream   (TdPlatformEvents  *self,
                                                     SoupServerMessage *msg,
                                                     gint64             account_id,
                                                     gint64             token_id,
                                                     gboolean           admin,
                                                     const char        *last_event_id);
JsonNode         *td_platform_events_get_page       (TdPlatformEvents  *self,
                                                     gint64             account_id,
                                                     gboolean           admin,
                                                     gint64             after,
                                                     guint              limit,
                                                     GError           **error);
guint             td_platform_events_get_n_clients  (TdPlatformEvents  *self);
guint             td_platform_events_count_token_streams (TdPlatformEvents *self,
                                                          gint64            token_id);
void              td_platform_events_close_token_streams (TdPlatformEvents *self,
                                                          gint64            token_id);
void              td_platform_events_close_all      (TdPlatformEvents  *self);

G_END_DECLS
