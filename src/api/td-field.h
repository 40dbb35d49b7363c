/* td-field.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_FIELD (td_field_get_type ())

G_DECLARE_FINAL_TYPE (TdField, td_field, TD, FIELD, TdResource)

const char *td_field_get_key        (TdField *self);
const char *td_field_get_name       (TdField *self);
const char *td_field_get_field_type (TdField *self);

G_END_DECLS
