/* td-platform-error.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_PLATFORM_ERROR (td_platform_error_quark ())

/**
 * TdPlatformError:
 *
 * Errors of the platform layer. Each one is answered with its own HTTP
 * status and machine `code` (see td_platform_error_get_status() and
 * td_platform_error_get_code()).
 */
typedef enum
{
  TD_PLATFORM_ERROR_INTERNAL,
  TD_PLATFORM_ERROR_DATABASE,
  TD_PLATFORM_ERROR_INVALID_JSON,
  TD_PLATFORM_ERROR_INVALID_STRING,
  TD_PLATFORM_ERROR_VALIDATION,
  TD_PLATFORM_ERROR_INVALID_PARAMETER,
  TD_PLATFORM_ERROR_INVALID_CURSOR,
  TD_PLATFORM_ERROR_UNAUTHORIZED,
  TD_PLATFORM_ERROR_INVALID_CREDENTIALS,
  TD_PLATFORM_ERROR_FORBIDDEN,
  TD_PLATFORM_ERROR_NOT_FOUND,
  TD_PLATFORM_ERROR_METHOD_NOT_ALLOWED,
  TD_PLATFORM_ERROR_CONFLICT,
  TD_PLATFORM_ERROR_KEYWORD_TAKEN,
  TD_PLATFORM_ERROR_OPTED_OUT,
  TD_PLATFORM_ERROR_SHARED_SHORT_CODE,
  TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REQUIRED,
  TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REUSED,
  TD_PLATFORM_ERROR_IDEMPOTENCY_IN_FLIGHT,
  TD_PLATFORM_ERROR_PRECONDITION_FAILED,
  TD_PLATFORM_ERROR_PAYLOAD_TOO_LARGE,
  TD_PLATFORM_ERROR_UNSUPPORTED_MEDIA_TYPE,
  TD_PLATFORM_ERROR_RATE_LIMITED,
  TD_PLATFORM_ERROR_INVALID_SIGNATURE,
  TD_PLATFORM_ERROR_INVALID_PHONE,
  TD_PLATFORM_ERROR_GATEWAY,
} TdPlatformError;

GQuark      td_platform_error_quark      (void);
guint       td_platform_error_get_status (const GError *error);
const char *td_platform_error_get_code   (const GError *error);
const char *td_platform_error_get_title  (const GError *error);

G_END_DECLS
