/* td-members-result.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define TD_TYPE_MEMBERS_RESULT (td_members_result_get_type ())

/**
 * TdMembersResult:
 * @added: how many subscribers joined (or left) the list
 * @already_member: how many were already on it (or, when removing, not on it)
 * @failed: (element-type utf8): the ids the server refused
 *
 * The answer of adding subscribers to a list or removing them.
 */
typedef struct
{
  guint added;
  guint already_member;
  GPtrArray *failed;
} TdMembersResult;

GType            td_members_result_get_type      (void) G_GNUC_CONST;
TdMembersResult *td_members_result_new           (void);
TdMembersResult *td_members_result_new_from_json (JsonObject       *object,
                                                  GError          **error);
TdMembersResult *td_members_result_copy          (const TdMembersResult *self);
void             td_members_result_free          (TdMembersResult  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdMembersResult, td_members_result_free)

G_END_DECLS
