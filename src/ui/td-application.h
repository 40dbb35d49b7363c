/* td-application.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-demo-platform.h"

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())

G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

TdApplication *td_application_new (const char *application_id);

TdDemoPlatform *td_application_get_demo_platform (TdApplication *self);

G_END_DECLS
