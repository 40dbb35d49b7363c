/* td-platform-auth.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-platform-db.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   user_id;
  gint64   account_id;
  gint64   token_id;
  gboolean admin;
} TdPlatformCaller;

gboolean  td_platform_auth_init             (GError           **error);
char     *td_platform_auth_hash_password    (const char        *password,
                                             GError           **error);
gboolean  td_platform_auth_verify_password  (const char        *hash,
                                             const char        *password);
gboolean  td_platform_auth_lookup_hash      (TdPlatformDb      *db,
                                             const char        *email,
                                             gint64            *out_user_id,
                                             char             **out_hash,
                                             GError           **error);
char     *td_platform_auth_create_token     (TdPlatformDb      *db,
                                             gint64             user_id,
                                             GError           **error);
gboolean  td_platform_auth_lookup_token     (TdPlatformDb      *db,
                                             const char        *token,
                                             TdPlatformCaller  *out_caller,
                                             GError           **error);
gboolean  td_platform_auth_revoke_token     (TdPlatformDb      *db,
                                             gint64             token_id,
                                             GError           **error);
char     *td_platform_auth_random_secret    (void);
gboolean  td_platform_auth_equal            (const char        *a,
                                             const char        *b);

G_END_DECLS
