/* td-stream-util.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void      td_stream_show_toast          (GtkWidget   *widget,
                                         AdwToast    *toast);
AdwToast *td_stream_toast_new           (const char  *title);
char     *td_stream_display_name        (const char  *first_name,
                                         const char  *last_name,
                                         const char  *phone);
char     *td_stream_format_time         (GDateTime   *time);
char     *td_stream_format_time_string  (const char  *rfc3339);
char     *td_stream_format_date         (GDateTime   *time);
char     *td_stream_describe_consent    (const char  *source,
                                         const char  *keyword);

const char *td_stream_json_string       (JsonObject  *object,
                                         const char  *member);
JsonArray  *td_stream_json_data         (JsonNode    *root);

G_END_DECLS
