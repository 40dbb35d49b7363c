/* td-platform-traffic.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Made-up inbound texts, as people send them to a short code: keywords,
 * misspellings of them, questions, chat, STOP, HELP and START. The seed,
 * the live demo and `simulate` all draw from it.
 */
typedef struct _TdPlatformTraffic TdPlatformTraffic;

TdPlatformTraffic *td_platform_traffic_new          (guint32             seed,
                                                     const char * const *keywords,
                                                     const char * const *expired_keywords);
void               td_platform_traffic_free         (TdPlatformTraffic  *self);
void               td_platform_traffic_set_corpus   (TdPlatformTraffic  *self,
                                                     GPtrArray          *lines);
void               td_platform_traffic_set_phones   (TdPlatformTraffic  *self,
                                                     guint               first,
                                                     guint               count);
char              *td_platform_traffic_next         (TdPlatformTraffic  *self,
                                                     char              **out_from);
char              *td_platform_traffic_phone        (guint               n);
char              *td_platform_traffic_misspell     (TdPlatformTraffic  *self,
                                                     const char         *keyword);
GRand             *td_platform_traffic_get_rand     (TdPlatformTraffic  *self);
GPtrArray         *td_platform_traffic_load_corpus  (const char         *path,
                                                     GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdPlatformTraffic, td_platform_traffic_free)

G_END_DECLS
