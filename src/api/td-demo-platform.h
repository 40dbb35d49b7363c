/* td-demo-platform.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TD_TYPE_DEMO_PLATFORM (td_demo_platform_get_type ())

G_DECLARE_FINAL_TYPE (TdDemoPlatform, td_demo_platform, TD, DEMO_PLATFORM, GObject)

#define TD_DEMO_PLATFORM_EMAIL    "admin@wave.example"
#define TD_DEMO_PLATFORM_PASSWORD "demo"

TdDemoPlatform *td_demo_platform_new            (void);
char           *td_demo_platform_find_program   (void);
const char     *td_demo_platform_get_base_url   (TdDemoPlatform       *self);
gboolean        td_demo_platform_get_running    (TdDemoPlatform       *self);
void            td_demo_platform_set_timeout    (TdDemoPlatform       *self,
                                                 guint                 seconds);

void            td_demo_platform_start_async    (TdDemoPlatform       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
const char     *td_demo_platform_start_finish   (TdDemoPlatform       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

void            td_demo_platform_stop_async     (TdDemoPlatform       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        td_demo_platform_stop_finish    (TdDemoPlatform       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
