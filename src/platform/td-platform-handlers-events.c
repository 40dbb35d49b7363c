/* td-platform-handlers-events.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-events-handler"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"

#define TD_PLATFORM_MAX_STREAMS_PER_TOKEN 10

gboolean
td_platform_handle_events (TdPlatformRequest  *req,
                           GError            **error)
{
  const char *accept = td_platform_request_get_header (req, "Accept");
  const char *after_text = td_platform_request_get_query (req, "after");
  g_autoptr(JsonNode) page = NULL;
  gint64 after = 0;
  guint limit;

  if (accept != NULL && strstr (accept, "text/event-stream") != NULL)
    {
      const char *last = td_platform_request_get_header (req, "Last-Event-ID");

      /* An EventSource that cannot send headers may pass ?after=. */
      if (last == NULL)
        last = after_text;

      /* Each stream holds a connection and a timer: a token gets a few. */
      if (td_platform_events_count_token_streams (req->events, req->caller.token_id) >=
          TD_PLATFORM_MAX_STREAMS_PER_TOKEN)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                        "Retry-After", "30");
          g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_RATE_LIMITED,
                       _("At most %d event streams may be open with one token"),
                       TD_PLATFORM_MAX_STREAMS_PER_TOKEN);
          return FALSE;
        }

      req->streaming = TRUE;
      td_platform_events_serve_stream (req->events, req->msg, req->caller.account_id,
                                       req->caller.token_id, req->caller.admin, last);
      return TRUE;
    }

  if (!td_platform_request_get_limit (req, &limit, error))
    return FALSE;

  if (after_text != NULL && !g_str_equal (after_text, "0") &&
      !td_platform_parse_id (after_text, &after))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("“after” must be an event id"));
      return FALSE;
    }

  /* The next page of a JSON page comes with ?cursor=, as for every list;
   * ?after= (an event id, like last_event_id) still works.
   */
  if (td_platform_request_get_query (req, "cursor") != NULL)
    {
      gint64 cursor;

      if (after_text != NULL)
        {
          g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                               _("Give either “cursor” or “after”, not both"));
          return FALSE;
        }
      if (!td_platform_request_get_cursor (req, &cursor, error))
        return FALSE;
      after = cursor;
    }

  page = td_platform_events_get_page (req->events, req->caller.account_id,
                                      req->caller.admin, after, limit, error);
  if (page == NULL)
    return FALSE;

  td_platform_request_respond (req, SOUP_STATUS_OK, page);

  return TRUE;
}
