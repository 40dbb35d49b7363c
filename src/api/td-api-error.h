/* td-api-error.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TD_API_ERROR (td_api_error_quark ())

/**
 * TdApiError:
 * @TD_API_ERROR_NETWORK: the server cannot be reached
 * @TD_API_ERROR_TLS: the server's certificate is not trusted
 * @TD_API_ERROR_TIMEOUT: the server took too long to answer
 * @TD_API_ERROR_UNAUTHORIZED: the token is missing, wrong or revoked (401)
 * @TD_API_ERROR_FORBIDDEN: the user's role does not allow it (403)
 * @TD_API_ERROR_NOT_FOUND: no such object in this account (404)
 * @TD_API_ERROR_CONFLICT: the request clashes with the state (409);
 *   the problem's machine `code` says how
 * @TD_API_ERROR_PRECONDITION_FAILED: someone else changed it first (412)
 * @TD_API_ERROR_INVALID: the server refused the input (400, 422)
 * @TD_API_ERROR_RATE_LIMITED: too many requests (429)
 * @TD_API_ERROR_SERVER: the server failed (5xx)
 * @TD_API_ERROR_BAD_RESPONSE: the answer is not what a Textdesk platform
 *   sends: malformed or empty JSON, a wrong content type
 * @TD_API_ERROR_KEYRING_UNAVAILABLE: there is no keyring (Secret Service)
 *   to keep the sign-in in
 * @TD_API_ERROR_KEYRING_LOCKED: the keyring stayed locked: its password
 *   prompt was dismissed
 *
 * Every failure of the API client, HTTP and JSON ones included, maps into
 * this domain; the message is a sentence a person can read.
 */
typedef enum
{
  TD_API_ERROR_NETWORK,
  TD_API_ERROR_TLS,
  TD_API_ERROR_TIMEOUT,
  TD_API_ERROR_UNAUTHORIZED,
  TD_API_ERROR_FORBIDDEN,
  TD_API_ERROR_NOT_FOUND,
  TD_API_ERROR_CONFLICT,
  TD_API_ERROR_PRECONDITION_FAILED,
  TD_API_ERROR_INVALID,
  TD_API_ERROR_RATE_LIMITED,
  TD_API_ERROR_SERVER,
  TD_API_ERROR_BAD_RESPONSE,
  TD_API_ERROR_KEYRING_UNAVAILABLE,
  TD_API_ERROR_KEYRING_LOCKED,
} TdApiError;

GQuark td_api_error_quark (void);

G_END_DECLS
