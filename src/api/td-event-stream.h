/* td-event-stream.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-client.h"

G_BEGIN_DECLS

#define TD_TYPE_EVENT_STREAM (td_event_stream_get_type ())

G_DECLARE_FINAL_TYPE (TdEventStream, td_event_stream, TD, EVENT_STREAM, GObject)

TdEventStream *td_event_stream_new               (TdClient      *client);
void           td_event_stream_start             (TdEventStream *self);
void           td_event_stream_stop              (TdEventStream *self);
gboolean       td_event_stream_get_running       (TdEventStream *self);
gboolean       td_event_stream_get_connected     (TdEventStream *self);
const char    *td_event_stream_get_last_event_id (TdEventStream *self);
void           td_event_stream_set_last_event_id (TdEventStream *self,
                                                  const char    *last_event_id);
const GError  *td_event_stream_get_error         (TdEventStream *self);
void           td_event_stream_set_retry_delays  (TdEventStream *self,
                                                  guint          first_delay_ms,
                                                  guint          max_delay_ms);
void           td_event_stream_feed              (TdEventStream *self,
                                                  const char    *data,
                                                  gsize          length);

G_END_DECLS
