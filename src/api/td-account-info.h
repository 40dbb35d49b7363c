/* td-account-info.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_ACCOUNT_INFO (td_account_info_get_type ())

G_DECLARE_FINAL_TYPE (TdAccountInfo, td_account_info, TD, ACCOUNT_INFO, TdResource)

const char    *td_account_info_get_user_id      (TdAccountInfo *self);
const char    *td_account_info_get_email        (TdAccountInfo *self);
const char    *td_account_info_get_name         (TdAccountInfo *self);
const char    *td_account_info_get_role         (TdAccountInfo *self);
const char    *td_account_info_get_account_id   (TdAccountInfo *self);
const char    *td_account_info_get_account_name (TdAccountInfo *self);

TdAccountInfo *td_account_info_new_from_json    (JsonObject     *root,
                                                 GError        **error);
gboolean       td_account_info_is_admin         (TdAccountInfo  *self);

G_END_DECLS
