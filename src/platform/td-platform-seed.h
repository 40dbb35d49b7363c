/* td-platform-seed.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-db.h"
#include "td-platform-pipeline.h"

G_BEGIN_DECLS

gboolean td_platform_seed_is_empty (TdPlatformDb        *db,
                                    gboolean            *out_empty,
                                    GError             **error);
gboolean td_platform_seed_demo     (TdPlatformDb        *db,
                                    TdPlatformPipeline  *pipeline,
                                    TdPlatformOutbox    *outbox,
                                    GError             **error);

G_END_DECLS
