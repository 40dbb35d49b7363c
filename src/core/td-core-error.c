/* td-core-error.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-core-error"

#include "td-core-error.h"

G_DEFINE_QUARK (td-core-error-quark, td_core_error)
