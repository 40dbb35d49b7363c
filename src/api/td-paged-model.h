/* td-paged-model.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-client.h"
#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_PAGED_MODEL (td_paged_model_get_type ())

G_DECLARE_FINAL_TYPE (TdPagedModel, td_paged_model, TD, PAGED_MODEL, GObject)

TdPagedModel *td_paged_model_new           (TdClient     *client,
                                            GType         item_type,
                                            const char   *path);
TdClient     *td_paged_model_get_client    (TdPagedModel *self);
GType         td_paged_model_get_item_type (TdPagedModel *self);
const char   *td_paged_model_get_path      (TdPagedModel *self);
void          td_paged_model_set_path      (TdPagedModel *self,
                                            const char   *path);
void          td_paged_model_reload        (TdPagedModel *self);
void          td_paged_model_load_more     (TdPagedModel *self);
gboolean      td_paged_model_get_loading   (TdPagedModel *self);
gboolean      td_paged_model_get_has_more  (TdPagedModel *self);
const GError *td_paged_model_get_error     (TdPagedModel *self);
guint         td_paged_model_get_page_size (TdPagedModel *self);
void          td_paged_model_set_page_size (TdPagedModel *self,
                                            guint         page_size);
TdResource   *td_paged_model_find          (TdPagedModel *self,
                                            const char   *id,
                                            guint        *position);
TdResource   *td_paged_model_upsert        (TdPagedModel *self,
                                            JsonObject   *object,
                                            gboolean      to_front);
void          td_paged_model_remove_id     (TdPagedModel *self,
                                            const char   *id);

G_END_DECLS
