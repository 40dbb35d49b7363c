/* td-platform-objects.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "td-platform-db.h"

G_BEGIN_DECLS

/* The columns that td_platform_message_from_row() reads, in its order;
 * select them with "FROM messages m JOIN texts t ON t.id = m.text_id".
 */
#define TD_MESSAGE_COLUMNS \
  "m.id, m.conversation_id, m.subscriber_id, m.direction, t.body, t.status, " \
  "m.campaign_id, m.matched_keyword, m.in_stream, m.expired_keyword, " \
  "m.suggested_keyword, m.suggested_campaign_id, m.created_at, " \
  "m.expired_campaign_id, m.redirect_campaign_id, t.error_code, " \
  "m.sent_by_user_id, t.updated_at, t.short_code_id"

/* The same columns for the newest inbound message of a conversation
 * (aliases im, it), which carries the router's flags that the stream's
 * filters and one-click answers read. */
#define TD_INBOUND_MESSAGE_COLUMNS \
  "im.id, im.conversation_id, im.subscriber_id, im.direction, it.body, it.status, " \
  "im.campaign_id, im.matched_keyword, im.in_stream, im.expired_keyword, " \
  "im.suggested_keyword, im.suggested_campaign_id, im.created_at, " \
  "im.expired_campaign_id, im.redirect_campaign_id, it.error_code, " \
  "im.sent_by_user_id, it.updated_at, it.short_code_id"

/* Where the last message's and the last inbound message's columns start. */
#define TD_CONVERSATION_LAST_MESSAGE_COLUMN 13
#define TD_CONVERSATION_LAST_INBOUND_COLUMN 32

#define TD_CONVERSATION_SELECT \
  "SELECT c.id, c.short_code_id, c.last_read_message_id, c.unread_count, " \
  "c.archived, c.updated_at, c.in_stream, s.id, s.phone, s.first_name, " \
  "s.last_name, s.status, c.last_message_id, " TD_MESSAGE_COLUMNS ", " \
  TD_INBOUND_MESSAGE_COLUMNS " " \
  "FROM conversations c JOIN subscribers s ON s.id = c.subscriber_id " \
  "LEFT JOIN messages m ON m.id = c.last_message_id " \
  "LEFT JOIN texts t ON t.id = m.text_id " \
  "LEFT JOIN messages im ON im.id = (SELECT MAX (mi.id) FROM messages mi " \
  "WHERE mi.conversation_id = c.id AND mi.direction = 'inbound') " \
  "LEFT JOIN texts it ON it.id = im.text_id "

#define TD_CAMPAIGN_SELECT \
  "SELECT c.id, c.name, c.short_code_id, " \
  "CASE WHEN c.status = 'active' AND c.ends_at IS NOT NULL AND c.ends_at <= ?1 " \
  "THEN 'expired' ELSE c.status END, " \
  "c.list_id, c.auto_response, c.expired_response, c.redirect_campaign_id, " \
  "c.starts_at, c.ends_at, COALESCE (l.subscriber_count, 0), c.message_count, " \
  "c.unread_count, c.created_at, c.updated_at, " \
  "(SELECT group_concat (keyword, ' ') FROM (SELECT keyword FROM keywords k " \
  " WHERE k.campaign_id = c.id ORDER BY k.position)), sc.code " \
  "FROM campaigns c JOIN short_codes sc ON sc.id = c.short_code_id " \
  "LEFT JOIN lists l ON l.id = c.list_id "

#define TD_SUBSCRIBER_SELECT \
  "SELECT s.id, s.phone, s.first_name, s.last_name, s.fields, s.status, " \
  "s.opted_out_at, s.created_at, s.updated_at, s.last_seen_at FROM subscribers s "

#define TD_LIST_SELECT \
  "SELECT l.id, l.name, l.description, l.subscriber_count, l.created_at, " \
  "l.updated_at FROM lists l "

#define TD_SHORT_CODE_SELECT \
  "SELECT sc.id, sc.code, sc.kind, sc.text_chat, sc.fallback_response, " \
  "sc.help_response, sc.stop_response, sc.start_response, sc.gateway, " \
  "sc.updated_at FROM short_codes sc "

#define TD_FIELD_SELECT \
  "SELECT f.id, f.key, f.name, f.type, f.created_at FROM fields f "

/* json-glib parses recursively: input nested deeper than this is
 * refused before it can exhaust the stack.
 */
#define TD_PLATFORM_MAX_JSON_DEPTH 32

gboolean    td_platform_json_is_shallow     (const char    *data,
                                             gsize          len);
void        td_platform_json_set_id         (JsonObject    *object,
                                             const char    *name,
                                             gint64         id);
void        td_platform_json_set_time       (JsonObject    *object,
                                             const char    *name,
                                             gint64         ms);
char       *td_platform_id_to_string        (gint64         id);

void        td_platform_json_append_string  (GString       *out,
                                             const char    *text);
void        td_platform_write_message       (GString       *out,
                                             sqlite3_stmt  *stmt,
                                             int            offset);
void        td_platform_write_conversation  (GString       *out,
                                             sqlite3_stmt  *stmt);
void        td_platform_write_campaign      (GString       *out,
                                             sqlite3_stmt  *stmt);
JsonObject *td_platform_message_from_row    (sqlite3_stmt  *stmt,
                                             int            offset);
JsonObject *td_platform_conversation_from_row (sqlite3_stmt *stmt);
JsonObject *td_platform_campaign_from_row   (sqlite3_stmt  *stmt);
JsonObject *td_platform_subscriber_from_row (TdPlatformDb  *db,
                                             sqlite3_stmt  *stmt,
                                             GError       **error);
JsonObject *td_platform_list_from_row       (sqlite3_stmt  *stmt);
JsonObject *td_platform_short_code_from_row (sqlite3_stmt  *stmt);
JsonObject *td_platform_field_from_row      (sqlite3_stmt  *stmt);

JsonObject *td_platform_get_message         (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_conversation    (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_campaign        (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_subscriber      (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_list            (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_short_code      (TdPlatformDb  *db,
                                             gint64         account_id,
                                             gint64         id,
                                             GError       **error);
JsonObject *td_platform_get_me              (TdPlatformDb  *db,
                                             gint64         user_id,
                                             GError       **error);

G_END_DECLS
