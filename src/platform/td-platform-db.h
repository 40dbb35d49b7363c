/* td-platform-db.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define TD_TYPE_PLATFORM_DB (td_platform_db_get_type ())

G_DECLARE_FINAL_TYPE (TdPlatformDb, td_platform_db, TD, PLATFORM_DB, GObject)

TdPlatformDb  *td_platform_db_open            (const char    *path,
                                               GError       **error);
sqlite3       *td_platform_db_get_handle      (TdPlatformDb  *self);
int            td_platform_db_get_version     (TdPlatformDb  *self);
sqlite3_stmt  *td_platform_db_prepare         (TdPlatformDb  *self,
                                               const char    *sql,
                                               GError       **error);
sqlite3_stmt  *td_platform_db_query           (TdPlatformDb  *self,
                                               GError       **error,
                                               const char    *sql,
                                               const char    *types,
                                               ...);
gboolean       td_platform_db_run             (TdPlatformDb  *self,
                                               GError       **error,
                                               const char    *sql,
                                               const char    *types,
                                               ...);
int            td_platform_db_step            (TdPlatformDb  *self,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean       td_platform_db_exec            (TdPlatformDb  *self,
                                               const char    *sql,
                                               GError       **error);
gboolean       td_platform_db_begin           (TdPlatformDb  *self,
                                               GError       **error);
gboolean       td_platform_db_commit          (TdPlatformDb  *self,
                                               GError       **error);
void           td_platform_db_rollback        (TdPlatformDb  *self);
gboolean       td_platform_db_in_transaction  (TdPlatformDb  *self);
gint64         td_platform_db_last_insert_id  (TdPlatformDb  *self);
int            td_platform_db_changes         (TdPlatformDb  *self);
void           td_platform_db_set_error       (TdPlatformDb  *self,
                                               GError       **error);

gint64         td_platform_now_ms             (void);
char          *td_platform_format_time        (gint64         ms);
gboolean       td_platform_parse_time         (const char    *text,
                                               gint64        *out_ms);
const char    *td_platform_column_text        (sqlite3_stmt  *stmt,
                                               int            column);

G_END_DECLS
