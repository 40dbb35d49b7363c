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
 * this domain; the message is a sentence a person can read. Cancellation
 * stays G_IO_ERROR_CANCELLED.
 *
 * TD_API_ERROR is an extended error domain (GLib 2.68): an error of this
 * domain carries what the server said besides the sentence, read with
 * td_api_error_get_problem_code(), td_api_error_get_retry_after(),
 * td_api_error_get_http_status() and td_api_error_get_field_message().
 * The data survives g_error_copy(), so it travels through GTask and
 * GValue unchanged.
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

GQuark      td_api_error_quark              (void);

/* Readers: each returns 0 / NULL for an error of another domain. */
const char *td_api_error_get_problem_code   (const GError *error);
guint       td_api_error_get_http_status    (const GError *error);
guint       td_api_error_get_retry_after    (const GError *error);
guint       td_api_error_get_n_field_errors (const GError *error);
gboolean    td_api_error_get_field_error    (const GError *error,
                                             guint         index,
                                             const char  **field,
                                             const char  **code,
                                             const char  **message);
const char *td_api_error_get_field_message  (const GError *error,
                                             const char   *field);

/* Writers, for the client. */
void        td_api_error_set_problem        (GError       *error,
                                             guint         http_status,
                                             const char   *problem_code,
                                             guint         retry_after);
void        td_api_error_add_field_error    (GError       *error,
                                             const char   *field,
                                             const char   *code,
                                             const char   *message);

G_END_DECLS
