/* td-platform-test-utils.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A textdesk-platform server started for a test, talked to over HTTP the
 * way the app and a gateway do.
 */
typedef struct
{
  GSubprocess *process;
  SoupSession *session;
  char        *dir;
  char        *db_path;
  char        *url;
} TdTestPlatform;

typedef struct
{
  guint               status;
  JsonNode           *json;
  char               *body;
  SoupMessageHeaders *headers;
} TdTestResponse;

TdTestPlatform *td_test_platform_start        (gboolean            demo,
                                               const char * const *extra_args);
void            td_test_platform_stop         (TdTestPlatform     *platform);
TdTestResponse *td_test_request               (TdTestPlatform     *platform,
                                               const char         *method,
                                               const char         *path,
                                               const char         *token,
                                               const char         *json_body,
                                               ...) G_GNUC_NULL_TERMINATED;
TdTestResponse *td_test_request_raw           (TdTestPlatform     *platform,
                                               const char         *method,
                                               const char         *path,
                                               const char         *token,
                                               const char         *content_type,
                                               GBytes             *body,
                                               const char * const *headers);
void            td_test_response_free         (TdTestResponse     *response);
JsonObject     *td_test_response_object       (TdTestResponse     *response);
JsonArray      *td_test_response_data         (TdTestResponse     *response);
void            td_test_assert_problem        (TdTestResponse     *response,
                                               guint               status,
                                               const char         *code);
char           *td_test_sign_in               (TdTestPlatform     *platform,
                                               const char         *email);
char           *td_test_secret                (TdTestPlatform     *platform,
                                               const char         *code);
TdTestResponse *td_test_send_text             (TdTestPlatform     *platform,
                                               const char         *code,
                                               const char         *secret,
                                               const char         *sid,
                                               const char         *from,
                                               const char         *body);
char           *td_test_object_id             (JsonObject         *object);
JsonObject     *td_test_find_by_member        (JsonArray          *array,
                                               const char         *member,
                                               const char         *value);
GPtrArray      *td_test_list_all              (TdTestPlatform     *platform,
                                               const char         *path,
                                               const char         *token);
char           *td_test_campaign_id           (TdTestPlatform     *platform,
                                               const char         *token,
                                               const char         *name);
gint64          td_test_db_int                (TdTestPlatform     *platform,
                                               const char         *sql_format,
                                               ...) G_GNUC_PRINTF (2, 3);
JsonObject     *td_test_get                   (TdTestPlatform     *platform,
                                               const char         *token,
                                               const char         *path_format,
                                               ...) G_GNUC_PRINTF (3, 4);
void            td_test_wait_ms               (guint               ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTestResponse, td_test_response_free)

G_END_DECLS
