/* td-platform-handlers-sessions.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-sessions"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"
#include "td-platform-server.h"
#include "td-platform-objects.h"

/* A sign-in waiting for its password check, which runs in a thread:
 * Argon2id takes tens of milliseconds and much memory, and the main loop
 * serves everyone else meanwhile.
 */
typedef struct
{
  TdPlatformServer  *server;    /* owned */
  TdPlatformRequest *req;       /* owned: deferred */
  SoupServerMessage *msg;       /* owned */
  char              *email;
  char              *address;
  char              *hash;
  char              *password;  /* wiped when freed */
  gint64             user_id;
} SignIn;

static void
sign_in_free (gpointer data)
{
  SignIn *sign_in = data;

  if (sign_in->password != NULL)
    sodium_memzero (sign_in->password, strlen (sign_in->password));
  g_free (sign_in->password);
  g_free (sign_in->hash);
  g_free (sign_in->email);
  g_free (sign_in->address);
  g_clear_object (&sign_in->msg);
  g_clear_object (&sign_in->server);
  g_free (sign_in);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SignIn *sign_in = task_data;

  g_task_return_boolean (task, td_platform_auth_verify_password (sign_in->hash, sign_in->password));
}

static gboolean
finish_sign_in (TdPlatformRequest  *req,
                gint64              user_id,
                GError            **error)
{
  g_autoptr(JsonObject) me = NULL;
  g_autofree char *token = NULL;

  if (!td_platform_db_begin (req->db, error))
    return FALSE;

  token = td_platform_auth_create_token (req->db, user_id, error);
  if (token != NULL)
    me = td_platform_get_me (req->db, user_id, error);
  if (me == NULL || !td_platform_db_commit (req->db, error))
    {
      td_platform_db_rollback (req->db);
      return FALSE;
    }

  json_object_set_string_member (me, "token", token);
  td_platform_request_respond_object (req, SOUP_STATUS_CREATED, me);

  return TRUE;
}

static void
verified_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SignIn *sign_in = g_task_get_task_data (G_TASK (result));
  TdPlatformRequest *req = g_steal_pointer (&sign_in->req);
  g_autoptr(GError) error = NULL;
  gboolean matches = g_task_propagate_boolean (G_TASK (result), NULL);

  /* An unknown address was checked against a hash no password matches. */
  matches = matches && sign_in->user_id != 0;
  td_platform_server_sign_in_end (sign_in->server, sign_in->email, sign_in->address, matches);

  if (!matches)
    g_set_error_literal (&error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_CREDENTIALS,
                         _("The email address or the password is wrong"));
  if (error != NULL || !finish_sign_in (req, sign_in->user_id, &error))
    td_platform_request_respond_error (req, error);

  td_platform_server_finish_deferred (sign_in->server, req);
}

gboolean
td_platform_handle_sign_in (TdPlatformRequest  *req,
                            GError            **error)
{
  static const char *const allowed[] = { "email", "password", NULL };
  g_autoptr(GTask) task = NULL;
  g_autofree char *hash = NULL;
  JsonObject *body;
  const char *email;
  const char *password;
  const char *address;
  gint64 user_id = 0;
  guint wait_s;
  SignIn *sign_in;

  body = td_platform_request_get_object (req, allowed, error);
  if (body == NULL)
    return FALSE;

  td_platform_json_get_string (req, body, "email", TRUE, FALSE, 320, &email, NULL);
  td_platform_json_get_string (req, body, "password", TRUE, FALSE, 1024, &password, NULL);
  if (!td_platform_request_check_fields (req, error))
    return FALSE;

  /* Guessing passwords: a few tries an address, and a client, a window. */
  address = soup_server_message_get_remote_host (req->msg);
  wait_s = td_platform_server_sign_in_begin (req->server, email, address);
  if (wait_s > 0)
    {
      g_autofree char *retry = g_strdup_printf ("%u", wait_s);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Retry-After", retry);
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_RATE_LIMITED,
                           _("Too many sign-in attempts; wait a while and try again"));
      return FALSE;
    }

  if (!td_platform_auth_lookup_hash (req->db, email, &user_id, &hash, error))
    {
      td_platform_server_sign_in_end (req->server, email, address, FALSE);
      return FALSE;
    }

  sign_in = g_new0 (SignIn, 1);
  sign_in->server = g_object_ref (req->server);
  sign_in->msg = g_object_ref (req->msg);
  sign_in->req = req;
  sign_in->email = g_strdup (email);
  sign_in->address = g_strdup (address);
  sign_in->hash = g_steal_pointer (&hash);
  sign_in->password = g_strdup (password);
  sign_in->user_id = user_id;

  req->deferred = TRUE;
  soup_server_message_pause (req->msg);

  task = g_task_new (NULL, NULL, verified_cb, NULL);
  g_task_set_source_tag (task, td_platform_handle_sign_in);
  g_task_set_task_data (task, sign_in, sign_in_free);
  g_task_run_in_thread (task, verify_thread);

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
