/* td-list.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_LIST (td_list_get_type ())

G_DECLARE_FINAL_TYPE (TdList, td_list, TD, LIST, TdResource)

const char *td_list_get_name             (TdList *self);
const char *td_list_get_description      (TdList *self);
int         td_list_get_subscriber_count (TdList *self);

G_END_DECLS
