/* td-api-test-utils.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupServer on 127.0.0.1, port 0, in this process and main context. */
SoupServer   *td_test_server_new         (char          **base_url);

/* Answers @msg with @status and @json (may be NULL) of @content_type. */
void          td_test_reply              (SoupServerMessage *msg,
                                          guint          status,
                                          const char    *content_type,
                                          const char    *body);

/* A place for an async result, and a wait for it in the main context. */
void          td_test_result_cb          (GObject       *object,
                                          GAsyncResult  *result,
                                          gpointer       user_data);
GAsyncResult *td_test_wait_result        (GAsyncResult **slot);

/* Iterates the main context until *flag is TRUE. */
void          td_test_wait_flag          (gboolean      *flag);
/* Iterates the main context until *counter reaches @value. */
void          td_test_wait_count         (guint         *counter,
                                          guint          value);
/* Drops the last reference to @object, letting callbacks still queued
 * (cancelled requests) run, and checks it is finalized. */
void          td_test_finalize_object    (gpointer       object);
/* Iterates the main context for @ms milliseconds. */
void          td_test_spin               (guint          ms);

G_END_DECLS
