/* td-platform-handlers-sessions.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-sessions"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-objects.h"

gboolean
td_platform_handle_sign_in (TdPlatformRequest  *req,
                            GError            **error)
{
  static const char *const allowed[] = { "email", "password", NULL };
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *token = NULL;
  JsonObject *body;
  const char *email;
  const char *password;
  gint64 user_id = 0;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  td_platform_json_get_string (req, body, "email", TRUE, FALSE, 320, &email, NULL);
  td_platform_json_get_string (req, body, "password", TRUE, FALSE, 1024, &password, NULL);
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  if (!td_platform_auth_sign_in (req->db, email, password, &user_id, error))
    return FALSE;

  token = td_platform_auth_create_token (req->db, user_id, error);
  if (token == NULL)
    return FALSE;

  me = td_platform_get_me (req->db, user_id, error);
  if (me == NULL)
    return FALSE;

  json_object_set_string_member (me, "token", token);
  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, me);

  return TRUE;
}

gboolean
td_platform_handle_sign_out (TdPlatformRequest  *req,
                             GError            **error)
{
  if (!td_platform_auth_revoke_token (req->db, req->caller.token_id, error))
    return FALSE;

  /* A revoked token reads no more events. */
  td_platform_events_close_token_streams (req->events, req->caller.token_id);

  td_platform_request_respond_empty (req, SOUP_STATUS_NO_CONTENT);

  return TRUE;
}

gboolean
td_platform_handle_me (TdPlatformRequest  *req,
                       GError            **error)
{
  g_autoptr(JsonObject) me = td_platform_get_me (req->db, req->caller.user_id, error);

  if (me == NULL)
    return FALSE;

  td_platform_request_respond_object (req, SOUP_STATUS_OK, me);

  return TRUE;
}
