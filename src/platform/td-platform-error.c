/* td-platform-error.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-error"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"

G_DEFINE_QUARK (td-platform-error-quark, td_platform_error)

typedef struct
{
  TdPlatformError  error;
  guint            status;
  const char      *code;
  const char      *title;
} ErrorInfo;

/* Titles are English on purpose: problem documents are read by programs
 * and developers; the detail carries the translated sentence.
 */
static const ErrorInfo infos[] = {
  { TD_PLATFORM_ERROR_INTERNAL, 500, "internal_error", "Internal server error" },
  { TD_PLATFORM_ERROR_DATABASE, 500, "internal_error", "Internal server error" },
  { TD_PLATFORM_ERROR_INVALID_JSON, 400, "invalid_json", "Malformed JSON" },
  { TD_PLATFORM_ERROR_INVALID_STRING, 400, "invalid_string", "Invalid string" },
  { TD_PLATFORM_ERROR_VALIDATION, 422, "validation_failed", "Validation failed" },
  { TD_PLATFORM_ERROR_INVALID_PARAMETER, 400, "invalid_parameter", "Invalid parameter" },
  { TD_PLATFORM_ERROR_INVALID_CURSOR, 400, "invalid_cursor", "Invalid cursor" },
  { TD_PLATFORM_ERROR_UNAUTHORIZED, 401, "unauthorized", "Unauthorized" },
  { TD_PLATFORM_ERROR_INVALID_CREDENTIALS, 401, "invalid_credentials", "Invalid credentials" },
  { TD_PLATFORM_ERROR_FORBIDDEN, 403, "forbidden", "Forbidden" },
  { TD_PLATFORM_ERROR_NOT_FOUND, 404, "not_found", "Not found" },
  { TD_PLATFORM_ERROR_METHOD_NOT_ALLOWED, 405, "method_not_allowed", "Method not allowed" },
  { TD_PLATFORM_ERROR_CONFLICT, 409, "conflict", "Conflict" },
  { TD_PLATFORM_ERROR_KEYWORD_TAKEN, 409, "keyword_taken", "Keyword taken" },
  { TD_PLATFORM_ERROR_OPTED_OUT, 409, "opted_out", "Subscriber opted out" },
  { TD_PLATFORM_ERROR_SHARED_SHORT_CODE, 409, "shared_short_code", "Shared short code" },
  { TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REQUIRED, 400, "idempotency_key_required",
    "Idempotency-Key required" },
  { TD_PLATFORM_ERROR_IDEMPOTENCY_KEY_REUSED, 422, "idempotency_key_reused",
    "Idempotency-Key reused" },
  { TD_PLATFORM_ERROR_IDEMPOTENCY_IN_FLIGHT, 409, "idempotency_in_flight", "Request in flight" },
  { TD_PLATFORM_ERROR_PRECONDITION_FAILED, 412, "precondition_failed", "Precondition failed" },
  { TD_PLATFORM_ERROR_PAYLOAD_TOO_LARGE, 413, "payload_too_large", "Payload too large" },
  { TD_PLATFORM_ERROR_UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type",
    "Unsupported media type" },
  { TD_PLATFORM_ERROR_RATE_LIMITED, 429, "rate_limited", "Too many requests" },
  { TD_PLATFORM_ERROR_INVALID_SIGNATURE, 403, "invalid_signature", "Invalid signature" },
  { TD_PLATFORM_ERROR_INVALID_PHONE, 422, "invalid_phone", "Invalid phone number" },
  { TD_PLATFORM_ERROR_GATEWAY, 502, "gateway_error", "Gateway error" },
};

static const ErrorInfo *
lookup (const GError *error)
{
  if (error != NULL && error->domain == TD_PLATFORM_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (infos); i++)
      if ((int) infos[i].error == error->code)
        return &infos[i];

  return &infos[0];
}

guint
td_platform_error_get_status (const GError *error)
{
  return lookup (error)->status;
}

const char *
td_platform_error_get_code (const GError *error)
{
  return lookup (error)->code;
}

const char *
td_platform_error_get_title (const GError *error)
{
  return lookup (error)->title;
}
