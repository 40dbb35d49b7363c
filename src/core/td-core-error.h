/* td-core-error.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_CORE_ERROR (td_core_error_quark ())

/**
 * TdCoreError:
 * @TD_CORE_ERROR_INVALID_PHONE: the text is not a phone number we can dial
 * @TD_CORE_ERROR_ENCODING: the input is not in an encoding we can read
 * @TD_CORE_ERROR_PARSE: the input does not follow its format
 * @TD_CORE_ERROR_EMPTY: the input holds nothing to work on
 *
 * Errors of the core layer: bad input from a user or a file.
 */
typedef enum
{
  TD_CORE_ERROR_INVALID_PHONE,
  TD_CORE_ERROR_ENCODING,
  TD_CORE_ERROR_PARSE,
  TD_CORE_ERROR_EMPTY,
} TdCoreError;

GQuark td_core_error_quark (void);

G_END_DECLS
