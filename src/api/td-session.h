/* td-session.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-account-info.h"
#include "td-client.h"
#include "td-event-stream.h"

G_BEGIN_DECLS

#define TD_TYPE_SESSION (td_session_get_type ())

G_DECLARE_FINAL_TYPE (TdSession, td_session, TD, SESSION, GObject)

TdSession     *td_session_new                  (TdClient      *client,
                                                TdAccountInfo *me);
TdClient      *td_session_get_client           (TdSession     *self);
TdAccountInfo *td_session_get_account_info     (TdSession     *self);
TdEventStream *td_session_get_event_stream     (TdSession     *self);
gboolean       td_session_get_signed_out       (TdSession     *self);
const char    *td_session_get_sign_out_message (TdSession     *self);

gboolean       td_session_handle_error         (TdSession     *self,
                                                const GError  *error);
void           td_session_end                  (TdSession     *self,
                                                const char    *message);

G_END_DECLS
