/* td-platform-commands.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int td_platform_run (int    argc,
                     char **argv);

G_END_DECLS
