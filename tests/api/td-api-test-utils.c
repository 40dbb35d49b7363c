/* td-api-test-utils.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-api-test"

#include <string.h>

#include "td-api-test-utils.h"

/* Long enough for any answer on a loaded CI machine; a test that waits
 * this long has failed. */
#define WAIT_LIMIT_SECONDS 30

SoupServer *
td_test_server_new (char **base_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_listen (server, address, 0, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *base_url = g_strdup_printf ("http://127.0.0.1:%d",
                               g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

void
td_test_reply (SoupServerMessage *msg,
               guint              status,
               const char        *content_type,
               const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                      body, strlen (body));
}

void
td_test_result_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

static gboolean
too_long_cb (gpointer data)
{
  g_error ("Waited more than %d s", WAIT_LIMIT_SECONDS);
  return G_SOURCE_REMOVE;
}

GAsyncResult *
td_test_wait_result (GAsyncResult **slot)
{
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);

  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);

  return *slot;
}

void
td_test_wait_flag (gboolean *flag)
{
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

void
td_test_wait_count (guint *counter,
                    guint  value)
{
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);

  while (*counter < value)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
td_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
td_test_finalize_object (gpointer object)
{
  gpointer weak = object;
  guint limit = g_timeout_add_seconds (WAIT_LIMIT_SECONDS, too_long_cb, NULL);

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  while (weak != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (limit);
}
