/* td-client-private.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "td-client.h"

G_BEGIN_DECLS

SoupSession *td_client_get_session           (TdClient      *self);
SoupMessage *td_client_build_message         (TdClient      *self,
                                              const char    *method,
                                              const char    *path,
                                              GError       **error);
GError      *td_client_map_transport_error   (TdClient      *self,
                                              SoupMessage   *message,
                                              const GError  *error);
GError      *td_client_error_from_response   (TdClient      *self,
                                              SoupMessage   *message,
                                              GBytes        *body);
guint        td_client_backoff_delay         (guint          attempt,
                                              guint          first_delay_ms,
                                              guint          max_delay_ms);

G_END_DECLS
