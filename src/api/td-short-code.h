/* td-short-code.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_SHORT_CODE (td_short_code_get_type ())

G_DECLARE_FINAL_TYPE (TdShortCode, td_short_code, TD, SHORT_CODE, TdResource)

const char *td_short_code_get_code              (TdShortCode *self);
const char *td_short_code_get_kind              (TdShortCode *self);
gboolean    td_short_code_get_text_chat         (TdShortCode *self);
const char *td_short_code_get_fallback_response (TdShortCode *self);
const char *td_short_code_get_help_response     (TdShortCode *self);

G_END_DECLS
