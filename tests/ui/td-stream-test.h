/* td-stream-test.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "td-client.h"
#include "td-session.h"

G_BEGIN_DECLS

const char *td_stream_test_platform_url   (void);
void        td_stream_test_platform_stop  (void);
TdSession  *td_stream_test_sign_in        (const char  *email);
TdSession  *td_stream_test_sign_in_fresh  (const char  *email);
JsonNode   *td_stream_test_call           (TdClient    *client,
                                           const char  *method,
                                           const char  *path,
                                           JsonNode    *body,
                                           const char  *if_match,
                                           char       **out_etag,
                                           GError     **error);
JsonObject *td_stream_test_get_object     (TdClient    *client,
                                           const char  *path,
                                           char       **out_etag);
JsonArray  *td_stream_test_get_all        (TdClient    *client,
                                           const char  *path);
void        td_stream_test_inbound        (const char  *short_code,
                                           const char  *from,
                                           const char  *body);
GtkWidget  *td_stream_test_window         (GtkWidget   *child,
                                           int          width,
                                           int          height);
gboolean    td_stream_test_wait_label     (GtkWidget   *root,
                                           const char  *text,
                                           guint        timeout_ms);
GtkWidget  *td_stream_test_find_label_containing (GtkWidget  *root,
                                                  const char *text);
GtkWidget  *td_stream_test_find_button    (GtkWidget   *root,
                                           const char  *label);
JsonNode   *td_stream_test_json           (const char  *text);

G_END_DECLS
