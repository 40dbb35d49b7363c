/* td-resource.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * TdResourceFieldKind:
 * @TD_RESOURCE_FIELD_STRING: a JSON string, a `char *` member
 * @TD_RESOURCE_FIELD_INT: a JSON integer, an `int` member
 * @TD_RESOURCE_FIELD_BOOLEAN: a JSON boolean, a `gboolean` member
 * @TD_RESOURCE_FIELD_STRV: a JSON array of strings, a `GStrv` member
 * @TD_RESOURCE_FIELD_DATE_TIME: an RFC 3339 string, a `GDateTime *` member
 * @TD_RESOURCE_FIELD_OBJECT: a JSON object, a `JsonObject *` member
 * @TD_RESOURCE_FIELD_ARRAY: a JSON array, a `JsonArray *` member
 * @TD_RESOURCE_FIELD_RESOURCE: a nested object, a `TdResource *` member
 *   of the type given to td_resource_class_add_field()
 *
 * How a JSON member of a model is read and stored.
 */
typedef enum
{
  TD_RESOURCE_FIELD_STRING,
  TD_RESOURCE_FIELD_INT,
  TD_RESOURCE_FIELD_BOOLEAN,
  TD_RESOURCE_FIELD_STRV,
  TD_RESOURCE_FIELD_DATE_TIME,
  TD_RESOURCE_FIELD_OBJECT,
  TD_RESOURCE_FIELD_ARRAY,
  TD_RESOURCE_FIELD_RESOURCE,
} TdResourceFieldKind;

/**
 * TdResourceFieldFlags:
 * @TD_RESOURCE_FIELD_OPTIONAL: the member may be absent or null
 * @TD_RESOURCE_FIELD_REQUIRED: an object without it (or with null) is
 *   skipped as broken
 */
typedef enum
{
  TD_RESOURCE_FIELD_OPTIONAL = 0,
  TD_RESOURCE_FIELD_REQUIRED = 1 << 0,
} TdResourceFieldFlags;

#define TD_TYPE_RESOURCE (td_resource_get_type ())

G_DECLARE_DERIVABLE_TYPE (TdResource, td_resource, TD, RESOURCE, GObject)

/**
 * TdResourceClass:
 * @collection_path: where objects of this kind live ("/v1/campaigns");
 *   an object's path is this, a slash and its id
 * @id_member: the JSON member holding the id; "id" when %NULL
 *
 * A model object of the platform API: its properties are the JSON
 * members of the object (with '-' for '_'), read-only, kept up to date
 * by td_resource_update_from_json(), which notifies the ones that
 * changed. Subclasses declare their members with
 * td_resource_class_add_field() in class_init.
 */
struct _TdResourceClass
{
  GObjectClass parent_class;

  const char *collection_path;
  const char *id_member;

  /*< private >*/
  gpointer padding[8];
};

#define TD_RESOURCE_NEW_FROM_JSON(type, object, error) \
  td_resource_new_from_json ((type), (object), (error))

TdResource *td_resource_new_from_json       (GType                 type,
                                             JsonObject           *object,
                                             GError              **error);
gboolean    td_resource_update_from_json    (TdResource           *self,
                                             JsonObject           *object);
gboolean    td_resource_check_json          (GType                 type,
                                             JsonObject           *object,
                                             GError              **error);
const char *td_resource_get_id              (TdResource           *self);
const char *td_resource_get_etag            (TdResource           *self);
void        td_resource_set_etag            (TdResource           *self,
                                             const char           *etag);
const char *td_resource_get_path            (TdResource           *self);
void        td_resource_set_path            (TdResource           *self,
                                             const char           *path);
JsonObject *td_resource_get_json            (TdResource           *self);

void        td_resource_class_add_field     (TdResourceClass      *klass,
                                             const char           *json_name,
                                             TdResourceFieldKind   kind,
                                             gsize                 struct_offset,
                                             TdResourceFieldFlags  flags,
                                             GType                 resource_type);

G_END_DECLS
