/* td-api-error.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-api-error"

#include "td-api-error.h"

G_DEFINE_QUARK (td-api-error-quark, td_api_error)
