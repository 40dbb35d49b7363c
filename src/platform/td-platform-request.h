/* td-platform-request.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "td-platform-auth.h"
#include "td-platform-db.h"
#include "td-platform-events.h"
#include "td-platform-outbox.h"
#include "td-platform-pipeline.h"

G_BEGIN_DECLS

#define TD_PLATFORM_DEFAULT_LIMIT 50
#define TD_PLATFORM_MAX_LIMIT 200

typedef struct _TdPlatformServer TdPlatformServer;

/* What a handler works with: one HTTP request, its caller, and the
 * platform's parts. The server runs each handler in a transaction.
 */
typedef struct
{
  TdPlatformServer    *server;
  TdPlatformDb        *db;
  TdPlatformEvents    *events;
  TdPlatformOutbox    *outbox;
  TdPlatformPipeline  *pipeline;
  SoupServerMessage   *msg;
  const char          *method;
  char               **segments;
  guint                n_segments;
  GHashTable          *query;
  TdPlatformCaller     caller;
  gboolean             authenticated;
  JsonNode            *body;
  GPtrArray           *field_errors;
  guint                response_status;
  char                *response_body;
  char                *response_type;
  char                *response_etag;
  gboolean             streaming;
  gboolean             deferred;   /* the handler answers later, see
                                    * td_platform_server_finish_deferred() */
} TdPlatformRequest;

typedef gboolean (*TdPlatformHandler) (TdPlatformRequest  *req,
                                       GError            **error);

void        td_platform_request_free           (TdPlatformRequest  *req);
const char *td_platform_request_get_query      (TdPlatformRequest  *req,
                                                const char         *name);
const char *td_platform_request_get_header     (TdPlatformRequest  *req,
                                                const char         *name);
gboolean    td_platform_request_get_limit      (TdPlatformRequest  *req,
                                                guint              *out_limit,
                                                GError            **error);
gboolean    td_platform_request_get_cursor     (TdPlatformRequest  *req,
                                                gint64             *out_cursor,
                                                GError            **error);
gboolean    td_platform_request_get_bool_query (TdPlatformRequest  *req,
                                                const char         *name,
                                                int                *out_value,
                                                GError            **error);
gboolean    td_platform_request_get_id_query   (TdPlatformRequest  *req,
                                                const char         *name,
                                                gint64             *out_id,
                                                GError            **error);
gint64      td_platform_request_segment_id     (TdPlatformRequest  *req,
                                                guint               index,
                                                GError            **error);
JsonObject *td_platform_request_get_object     (TdPlatformRequest  *req,
                                                const char * const *allowed,
                                                GError            **error);
char       *td_platform_encode_cursor          (gint64              id);

/* Validation: each adds an entry to `errors` on a bad member. */
void        td_platform_request_field_error    (TdPlatformRequest  *req,
                                                const char         *field,
                                                const char         *code,
                                                const char         *message);
gboolean    td_platform_request_check_fields   (TdPlatformRequest  *req,
                                                GError            **error);
gboolean    td_platform_json_get_string        (TdPlatformRequest  *req,
                                                JsonObject         *object,
                                                const char         *name,
                                                gboolean            required,
                                                gboolean            nullable,
                                                gsize               max_chars,
                                                const char        **out_value,
                                                gboolean           *out_present);
gboolean    td_platform_json_get_boolean       (TdPlatformRequest  *req,
                                                JsonObject         *object,
                                                const char         *name,
                                                gboolean           *out_value,
                                                gboolean           *out_present);
gboolean    td_platform_json_get_id            (TdPlatformRequest  *req,
                                                JsonObject         *object,
                                                const char         *name,
                                                gboolean            nullable,
                                                gint64             *out_id,
                                                gboolean           *out_present);
gboolean    td_platform_json_get_time          (TdPlatformRequest  *req,
                                                JsonObject         *object,
                                                const char         *name,
                                                gint64             *out_ms,
                                                gboolean           *out_present);
gboolean    td_platform_is_blank               (const char         *text);
gboolean    td_platform_parse_id               (const char         *text,
                                                gint64             *out_id);

void        td_platform_request_respond        (TdPlatformRequest  *req,
                                                guint               status,
                                                JsonNode           *node);
void        td_platform_request_respond_object (TdPlatformRequest  *req,
                                                guint               status,
                                                JsonObject         *object);
void        td_platform_request_respond_page   (TdPlatformRequest  *req,
                                                JsonArray          *data,
                                                gint64              next_cursor);
void        td_platform_request_respond_page_text (TdPlatformRequest *req,
                                                GString            *items,
                                                gint64              next_cursor);
void        td_platform_request_respond_empty  (TdPlatformRequest  *req,
                                                guint               status);
void        td_platform_request_respond_raw    (TdPlatformRequest  *req,
                                                guint               status,
                                                const char         *content_type,
                                                const char         *body);
void        td_platform_request_respond_error  (TdPlatformRequest  *req,
                                                const GError       *error);
char       *td_platform_etag_for_object        (JsonObject         *object);
gboolean    td_platform_request_check_if_match (TdPlatformRequest  *req,
                                                JsonObject         *current,
                                                GError            **error);
gboolean    td_platform_request_require_admin  (TdPlatformRequest  *req,
                                                GError            **error);

G_END_DECLS
