/* td-platform-outbox.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-db.h"
#include "td-platform-events.h"

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_OUTBOX (td_platform_outbox_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformOutbox, td_platform_outbox, TD, PLATFORM_OUTBOX, GObject)

TdPlatformOutbox *td_platform_outbox_new                (TdPlatformDb      *db,
                                                         TdPlatformEvents  *events);
void              td_platform_outbox_set_twilio         (TdPlatformOutbox  *self,
                                                         const char        *base_url,
                                                         const char        *account_sid,
                                                         const char        *status_callback);
void              td_platform_outbox_set_delivery_delay (TdPlatformOutbox  *self,
                                                         guint              ms);
void              td_platform_outbox_start              (TdPlatformOutbox  *self);
gint64            td_platform_outbox_enqueue            (TdPlatformOutbox  *self,
                                                         gint64             short_code_id,
                                                         const char        *phone,
                                                         const char        *body,
                                                         gboolean           compliance,
                                                         gint64             now,
                                                         GError           **error);
gboolean          td_platform_outbox_set_status         (TdPlatformOutbox  *self,
                                                         gint64             text_id,
                                                         const char        *status,
                                                         const char        *error_code,
                                                         gint64             now,
                                                         gboolean          *out_changed,
                                                         GError           **error);
gboolean          td_platform_outbox_status_callback    (TdPlatformOutbox  *self,
                                                         const char        *gateway_sid,
                                                         const char        *status,
                                                         const char        *error_code,
                                                         GError           **error);
gboolean          td_platform_outbox_lookup_sid         (TdPlatformOutbox  *self,
                                                         const char        *gateway_sid,
                                                         gint64            *out_short_code_id,
                                                         GError           **error);
guint             td_platform_outbox_process            (TdPlatformOutbox  *self);

G_END_DECLS
