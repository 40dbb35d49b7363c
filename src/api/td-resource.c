/* td-resource.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-resource"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-api-error.h"
#include "td-resource.h"

/* One declared JSON member of a model class. */
typedef struct
{
  char *json_name;
  TdResourceFieldKind kind;
  gsize offset;
  TdResourceFieldFlags flags;
  GType resource_type;
  GParamSpec *pspec;
} Field;

typedef struct
{
  char *id;
  char *etag;
  char *path;
  char *default_path;
  JsonObject *json;
} TdResourcePrivate;

enum {
  PROP_0,
  PROP_ID,
  PROP_ETAG,
  N_PROPS
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (TdResource, td_resource, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static GQuark
fields_quark (void)
{
  static GQuark q;

  if (G_UNLIKELY (q == 0))
    q = g_quark_from_static_string ("td-resource-fields");

  return q;
}

static GQuark
field_quark (void)
{
  static GQuark q;

  if (G_UNLIKELY (q == 0))
    q = g_quark_from_static_string ("td-resource-field");

  return q;
}

/* The fields of @type and its ancestors up to TdResource, outermost
 * class last. */
static GPtrArray *
type_fields (GType type)
{
  return g_type_get_qdata (type, fields_quark ());
}

#define FIELD_PTR(self, field) (((guint8 *) (self)) + (field)->offset)

static const char *
class_id_member (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  return TD_RESOURCE_CLASS (klass)->id_member != NULL
         ? TD_RESOURCE_CLASS (klass)->id_member : "id";
}

static void
field_clear (gpointer  instance,
             Field    *field)
{
  gpointer ptr = FIELD_PTR (instance, field);

  switch (field->kind)
    {
    case TD_RESOURCE_FIELD_STRING:
      g_clear_pointer ((char **) ptr, g_free);
      break;
    case TD_RESOURCE_FIELD_INT:
      *(int *) ptr = 0;
      break;
    case TD_RESOURCE_FIELD_BOOLEAN:
      *(gboolean *) ptr = FALSE;
      break;
    case TD_RESOURCE_FIELD_STRV:
      g_clear_pointer ((GStrv *) ptr, g_strfreev);
      break;
    case TD_RESOURCE_FIELD_DATE_TIME:
      g_clear_pointer ((GDateTime **) ptr, g_date_time_unref);
      break;
    case TD_RESOURCE_FIELD_OBJECT:
      g_clear_pointer ((JsonObject **) ptr, json_object_unref);
      break;
    case TD_RESOURCE_FIELD_ARRAY:
      g_clear_pointer ((JsonArray **) ptr, json_array_unref);
      break;
    case TD_RESOURCE_FIELD_RESOURCE:
      g_clear_object ((TdResource **) ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static const char *
node_type_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    return g_type_name (json_node_get_value_type (node));

  return json_node_type_name (node);
}

/* Checks that @node can be stored in @field; on failure sets a reason. */
static gboolean
field_check (Field     *field,
             JsonNode  *node,
             GError   **error)
{
  GType vtype;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (field->flags & TD_RESOURCE_FIELD_REQUIRED)
        goto wrong;
      return TRUE;
    }

  vtype = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                        : G_TYPE_INVALID;

  switch (field->kind)
    {
    case TD_RESOURCE_FIELD_STRING:
      /* Ids are strings, but a number is an id all the same. */
      if (vtype == G_TYPE_STRING
          || (vtype == G_TYPE_INT64 && g_str_has_suffix (field->json_name, "_id")))
        return TRUE;
      break;

    case TD_RESOURCE_FIELD_INT:
      if (vtype == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (node);

          if (v >= G_MININT && v <= G_MAXINT)
            return TRUE;
        }
      else if (vtype == G_TYPE_DOUBLE)
        {
          double v = json_node_get_double (node);

          if (v >= G_MININT && v <= G_MAXINT && v == (double) (int) v)
            return TRUE;
        }
      break;

    case TD_RESOURCE_FIELD_BOOLEAN:
      if (vtype == G_TYPE_BOOLEAN)
        return TRUE;
      break;

    case TD_RESOURCE_FIELD_STRV:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          guint n = json_array_get_length (array);

          for (guint i = 0; i < n; i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (!JSON_NODE_HOLDS_VALUE (item)
                  || json_node_get_value_type (item) != G_TYPE_STRING)
                goto wrong;
            }
          return TRUE;
        }
      break;

    case TD_RESOURCE_FIELD_DATE_TIME:
      if (vtype == G_TYPE_STRING)
        {
          g_autoptr(GDateTime) dt = NULL;

          dt = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
          if (dt != NULL)
            return TRUE;
        }
      break;

    case TD_RESOURCE_FIELD_OBJECT:
      if (JSON_NODE_HOLDS_OBJECT (node))
        return TRUE;
      break;

    case TD_RESOURCE_FIELD_ARRAY:
      if (JSON_NODE_HOLDS_ARRAY (node))
        return TRUE;
      break;

    case TD_RESOURCE_FIELD_RESOURCE:
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autoptr(GError) local_error = NULL;

          if (td_resource_check_json (field->resource_type,
                                      json_node_get_object (node),
                                      &local_error))
            return TRUE;

          g_set_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                       _("The server sent a broken “%s”: %s"),
                       field->json_name, local_error->message);
          return FALSE;
        }
      break;

    default:
      g_assert_not_reached ();
    }

wrong:
  g_set_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
               _("The server sent “%s” as %s, which this app cannot read"),
               field->json_name, node_type_name (node));
  return FALSE;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strv_equal (a, b);
}

static char *
dup_id (JsonObject *object,
        const char *id_member)
{
  JsonNode *node = json_object_get_member (object, id_member);

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

  return json_node_dup_string (node);
}

/* Stores @node (checked) into @field; returns whether the value changed. */
static gboolean
field_apply (TdResource *self,
             Field      *field,
             JsonNode   *node)
{
  gpointer ptr = FIELD_PTR (self, field);

  if (JSON_NODE_HOLDS_NULL (node))
    {
      gboolean had;

      switch (field->kind)
        {
        case TD_RESOURCE_FIELD_INT:
          had = *(int *) ptr != 0;
          break;
        case TD_RESOURCE_FIELD_BOOLEAN:
          had = *(gboolean *) ptr != FALSE;
          break;
        default:
          had = *(gpointer *) ptr != NULL;
          break;
        }
      field_clear (self, field);
      return had;
    }

  switch (field->kind)
    {
    case TD_RESOURCE_FIELD_STRING:
      {
        char **s = ptr;
        g_autofree char *v = NULL;

        if (json_node_get_value_type (node) == G_TYPE_INT64)
          v = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          v = json_node_dup_string (node);

        if (g_strcmp0 (*s, v) == 0)
          return FALSE;
        g_free (*s);
        *s = g_steal_pointer (&v);
        return TRUE;
      }

    case TD_RESOURCE_FIELD_INT:
      {
        int *i = ptr;
        int v;

        if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
          v = (int) json_node_get_double (node);
        else
          v = (int) json_node_get_int (node);

        if (*i == v)
          return FALSE;
        *i = v;
        return TRUE;
      }

    case TD_RESOURCE_FIELD_BOOLEAN:
      {
        gboolean *b = ptr;
        gboolean v = json_node_get_boolean (node) != FALSE;

        if (*b == v)
          return FALSE;
        *b = v;
        return TRUE;
      }

    case TD_RESOURCE_FIELD_STRV:
      {
        GStrv *strv = ptr;
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        g_auto(GStrv) v = g_new0 (char *, n + 1);

        for (guint i = 0; i < n; i++)
          v[i] = g_strdup (json_array_get_string_element (array, i));

        if (strv_equal0 ((const char * const *) *strv,
                         (const char * const *) v))
          return FALSE;
        g_strfreev (*strv);
        *strv = g_steal_pointer (&v);
        return TRUE;
      }

    case TD_RESOURCE_FIELD_DATE_TIME:
      {
        GDateTime **dt = ptr;
        g_autoptr(GDateTime) v = NULL;

        v = g_date_time_new_from_iso8601 (json_node_get_string (node), NULL);
        if (*dt != NULL && g_date_time_equal (*dt, v))
          return FALSE;
        g_clear_pointer (dt, g_date_time_unref);
        *dt = g_steal_pointer (&v);
        return TRUE;
      }

    case TD_RESOURCE_FIELD_OBJECT:
      {
        JsonObject **o = ptr;
        JsonObject *v = json_node_get_object (node);

        if (*o != NULL && json_object_equal (*o, v))
          return FALSE;
        g_clear_pointer (o, json_object_unref);
        *o = json_object_ref (v);
        return TRUE;
      }

    case TD_RESOURCE_FIELD_ARRAY:
      {
        JsonArray **a = ptr;
        JsonArray *v = json_node_get_array (node);

        if (*a != NULL && json_array_equal (*a, v))
          return FALSE;
        g_clear_pointer (a, json_array_unref);
        *a = json_array_ref (v);
        return TRUE;
      }

    case TD_RESOURCE_FIELD_RESOURCE:
      {
        TdResource **r = ptr;
        JsonObject *v = json_node_get_object (node);
        g_autofree char *new_id = NULL;

        new_id = dup_id (v, class_id_member (field->resource_type));

        if (*r != NULL && new_id != NULL
            && g_strcmp0 (td_resource_get_id (*r), new_id) == 0)
          {
            /* The same object: it notifies its own changes. */
            td_resource_update_from_json (*r, v);
            return FALSE;
          }

        g_clear_object (r);
        *r = td_resource_new_from_json (field->resource_type, v, NULL);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/**
 * td_resource_check_json:
 * @type: a #TdResource subclass
 * @object: a JSON object from the server
 * @error: where to say what is wrong
 *
 * Checks that @object has the members @type needs, each of the type it
 * needs. Members the model does not know are fine.
 *
 * Returns: %TRUE when td_resource_new_from_json() would succeed
 */
gboolean
td_resource_check_json (GType        type,
                        JsonObject  *object,
                        GError     **error)
{
  const char *id_member;
  JsonNode *id_node;
  GPtrArray *fields;

  g_return_val_if_fail (g_type_is_a (type, TD_TYPE_RESOURCE), FALSE);

  if (object == NULL)
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent something else than an object"));
      return FALSE;
    }

  id_member = class_id_member (type);
  id_node = json_object_get_member (object, id_member);
  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node)
      || (json_node_get_value_type (id_node) != G_TYPE_STRING
          && json_node_get_value_type (id_node) != G_TYPE_INT64)
      || (json_node_get_value_type (id_node) == G_TYPE_STRING
          && *json_node_get_string (id_node) == '\0'))
    {
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                   _("The server sent an object without “%s”"), id_member);
      return FALSE;
    }

  fields = type_fields (type);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);
      JsonNode *node = json_object_get_member (object, field->json_name);

      if (node == NULL)
        {
          if (field->flags & TD_RESOURCE_FIELD_REQUIRED)
            {
              g_set_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent an object without “%s”"),
                           field->json_name);
              return FALSE;
            }
          continue;
        }

      if (!field_check (field, node, error))
        return FALSE;
    }

  return TRUE;
}

static void
apply_json (TdResource *self,
            JsonObject *object)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);
  GType type = G_OBJECT_TYPE (self);
  GPtrArray *fields = type_fields (type);
  g_autofree char *id = dup_id (object, class_id_member (type));
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (priv->id, id) != 0)
    {
      g_free (priv->id);
      priv->id = g_steal_pointer (&id);
      g_clear_pointer (&priv->default_path, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
    }

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      Field *field = g_ptr_array_index (fields, i);

      node = json_object_get_member (object, field->json_name);
      if (node == NULL)
        continue;

      if (field_apply (self, field, node))
        g_object_notify_by_pspec (G_OBJECT (self), field->pspec);
    }

  /* Keep every member, known or not, for whoever needs more. */
  if (priv->json == NULL)
    priv->json = json_object_new ();
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (priv->json, name, json_node_copy (node));

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * td_resource_new_from_json:
 * @type: a #TdResource subclass
 * @object: a JSON object from the server
 * @error: a %TD_API_ERROR_BAD_RESPONSE when @object is broken
 *
 * Returns: (transfer full) (nullable): a new model object
 */
TdResource *
td_resource_new_from_json (GType        type,
                           JsonObject  *object,
                           GError     **error)
{
  TdResource *self;

  g_return_val_if_fail (g_type_is_a (type, TD_TYPE_RESOURCE), NULL);

  if (!td_resource_check_json (type, object, error))
    return NULL;

  self = g_object_new (type, NULL);
  apply_json (self, object);

  return self;
}

/**
 * td_resource_update_from_json:
 * @self: a #TdResource
 * @object: the object after a change, as the server sent it
 *
 * Updates @self in place and notifies each property that changed. A
 * broken @object, or one with another id, changes nothing.
 *
 * Returns: %TRUE when @object was taken
 */
gboolean
td_resource_update_from_json (TdResource *self,
                              JsonObject *object)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (TD_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (object != NULL, FALSE);

  if (!td_resource_check_json (G_OBJECT_TYPE (self), object, &error))
    {
      g_debug ("Ignoring an update of %s %s: %s",
               G_OBJECT_TYPE_NAME (self), priv->id, error->message);
      return FALSE;
    }

  id = dup_id (object, class_id_member (G_OBJECT_TYPE (self)));
  if (priv->id != NULL && g_strcmp0 (priv->id, id) != 0)
    {
      g_debug ("Ignoring an update of %s %s with the object %s",
               G_OBJECT_TYPE_NAME (self), priv->id, id);
      return FALSE;
    }

  apply_json (self, object);

  return TRUE;
}

const char *
td_resource_get_id (TdResource *self)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);

  g_return_val_if_fail (TD_IS_RESOURCE (self), NULL);

  return priv->id;
}

/**
 * td_resource_get_etag:
 * @self: a #TdResource
 *
 * Returns: (nullable): the ETag the server sent with the object, for
 *   If-Match on the next PATCH; %NULL when it came in a list
 */
const char *
td_resource_get_etag (TdResource *self)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);

  g_return_val_if_fail (TD_IS_RESOURCE (self), NULL);

  return priv->etag;
}

void
td_resource_set_etag (TdResource *self,
                      const char *etag)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);

  g_return_if_fail (TD_IS_RESOURCE (self));

  if (g_strcmp0 (priv->etag, etag) == 0)
    return;

  g_free (priv->etag);
  priv->etag = g_strdup (etag);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
}

/**
 * td_resource_get_path:
 * @self: a #TdResource
 *
 * Returns: (nullable): the API path of the object ("/v1/campaigns/c_1"):
 *   the one set with td_resource_set_path(), or the class's collection
 *   path and the id
 */
const char *
td_resource_get_path (TdResource *self)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);
  TdResourceClass *klass;

  g_return_val_if_fail (TD_IS_RESOURCE (self), NULL);

  if (priv->path != NULL)
    return priv->path;

  klass = TD_RESOURCE_GET_CLASS (self);
  if (priv->default_path == NULL && klass->collection_path != NULL
      && priv->id != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (priv->id, NULL, FALSE);

      priv->default_path = g_strconcat (klass->collection_path, "/",
                                        escaped, NULL);
    }

  return priv->default_path;
}

void
td_resource_set_path (TdResource *self,
                      const char *path)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);

  g_return_if_fail (TD_IS_RESOURCE (self));

  if (g_strcmp0 (priv->path, path) == 0)
    return;

  g_free (priv->path);
  priv->path = g_strdup (path);
}

/**
 * td_resource_get_json:
 * @self: a #TdResource
 *
 * Returns: (transfer none): every member the server sent for @self, the
 *   ones without a property included, merged over the updates
 */
JsonObject *
td_resource_get_json (TdResource *self)
{
  TdResourcePrivate *priv = td_resource_get_instance_private (self);

  g_return_val_if_fail (TD_IS_RESOURCE (self), NULL);

  if (priv->json == NULL)
    priv->json = json_object_new ();

  return priv->json;
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  Field *field = g_param_spec_get_qdata (pspec, field_quark ());
  gpointer ptr;

  if (field == NULL)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  ptr = FIELD_PTR (object, field);
  switch (field->kind)
    {
    case TD_RESOURCE_FIELD_STRING:
      g_value_set_string (value, *(char **) ptr);
      break;
    case TD_RESOURCE_FIELD_INT:
      g_value_set_int (value, *(int *) ptr);
      break;
    case TD_RESOURCE_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) ptr);
      break;
    case TD_RESOURCE_FIELD_STRV:
    case TD_RESOURCE_FIELD_DATE_TIME:
    case TD_RESOURCE_FIELD_OBJECT:
    case TD_RESOURCE_FIELD_ARRAY:
      g_value_set_boxed (value, *(gpointer *) ptr);
      break;
    case TD_RESOURCE_FIELD_RESOURCE:
      g_value_set_object (value, *(gpointer *) ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * td_resource_class_add_field:
 * @klass: the class being initialised
 * @json_name: the JSON member ("unread_count")
 * @kind: how to read and store it
 * @struct_offset: where the instance struct keeps it
 * @flags: whether objects without it are broken
 * @resource_type: the #TdResource type of a nested object, else
 *   %G_TYPE_NONE
 *
 * Declares a member and installs a read-only property named after it
 * ("unread-count").
 */
void
td_resource_class_add_field (TdResourceClass      *klass,
                             const char           *json_name,
                             TdResourceFieldKind   kind,
                             gsize                 struct_offset,
                             TdResourceFieldFlags  flags,
                             GType                 resource_type)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);
  GParamFlags pflags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;
  g_autofree char *name = g_strdelimit (g_strdup (json_name), "_", '-');
  GPtrArray *fields = type_fields (type);
  Field *field;

  g_return_if_fail (TD_IS_RESOURCE_CLASS (klass));
  g_return_if_fail (struct_offset >= sizeof (TdResource));

  if (fields == NULL)
    {
      GPtrArray *parent_fields = type_fields (g_type_parent (type));

      /* Never freed: class data lives as long as the type. */
      fields = g_ptr_array_new ();
      for (guint i = 0; parent_fields != NULL && i < parent_fields->len; i++)
        g_ptr_array_add (fields, g_ptr_array_index (parent_fields, i));
      g_type_set_qdata (type, fields_quark (), fields);
    }

  field = g_new0 (Field, 1);
  field->json_name = g_strdup (json_name);
  field->kind = kind;
  field->offset = struct_offset;
  field->flags = flags;
  field->resource_type = resource_type;

  switch (kind)
    {
    case TD_RESOURCE_FIELD_STRING:
      field->pspec = g_param_spec_string (name, NULL, NULL, NULL, pflags);
      break;
    case TD_RESOURCE_FIELD_INT:
      field->pspec = g_param_spec_int (name, NULL, NULL,
                                       G_MININT, G_MAXINT, 0, pflags);
      break;
    case TD_RESOURCE_FIELD_BOOLEAN:
      field->pspec = g_param_spec_boolean (name, NULL, NULL, FALSE, pflags);
      break;
    case TD_RESOURCE_FIELD_STRV:
      field->pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_STRV, pflags);
      break;
    case TD_RESOURCE_FIELD_DATE_TIME:
      field->pspec = g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME,
                                         pflags);
      break;
    case TD_RESOURCE_FIELD_OBJECT:
      field->pspec = g_param_spec_boxed (name, NULL, NULL, JSON_TYPE_OBJECT,
                                         pflags);
      break;
    case TD_RESOURCE_FIELD_ARRAY:
      field->pspec = g_param_spec_boxed (name, NULL, NULL, JSON_TYPE_ARRAY,
                                         pflags);
      break;
    case TD_RESOURCE_FIELD_RESOURCE:
      g_return_if_fail (g_type_is_a (resource_type, TD_TYPE_RESOURCE));
      field->pspec = g_param_spec_object (name, NULL, NULL, resource_type,
                                          pflags);
      break;
    default:
      g_assert_not_reached ();
    }

  g_param_spec_set_qdata (field->pspec, field_quark (), field);
  object_class->get_property = field_get_property;
  g_ptr_array_add (fields, field);
  g_object_class_install_property (object_class, fields->len, field->pspec);
}

static void
td_resource_finalize (GObject *object)
{
  TdResource *self = (TdResource *) object;
  TdResourcePrivate *priv = td_resource_get_instance_private (self);
  GPtrArray *fields = type_fields (G_OBJECT_TYPE (self));

  for (guint i = 0; fields != NULL && i < fields->len; i++)
    field_clear (self, g_ptr_array_index (fields, i));

  g_clear_pointer (&priv->id, g_free);
  g_clear_pointer (&priv->etag, g_free);
  g_clear_pointer (&priv->path, g_free);
  g_clear_pointer (&priv->default_path, g_free);
  g_clear_pointer (&priv->json, json_object_unref);

  G_OBJECT_CLASS (td_resource_parent_class)->finalize (object);
}

static void
td_resource_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  TdResource *self = TD_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, td_resource_get_id (self));
      break;

    case PROP_ETAG:
      g_value_set_string (value, td_resource_get_etag (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_resource_class_init (TdResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_resource_finalize;
  object_class->get_property = td_resource_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_resource_init (TdResource *self)
{
}
