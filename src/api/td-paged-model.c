/* td-paged-model.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-paged-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-api-error.h"
#include "td-json-private.h"
#include "td-paged-model.h"

#define DEFAULT_PAGE_SIZE 50
/* The next page is fetched when a view asks for an item this close to
 * the end, so that scrolling rarely waits. */
#define PREFETCH_DISTANCE 10

/**
 * TdPagedModel:
 *
 * A #GListModel of #TdResource objects that fetches a list endpoint page
 * by page (`limit` and `cursor`), the next page only when a view asks
 * for an item near the end. Live updates go in with
 * td_paged_model_upsert() and td_paged_model_remove_id().
 */
struct _TdPagedModel
{
  GObject parent_instance;

  TdClient *client;
  GType item_type;
  char *path;
  guint page_size;

  GPtrArray *items;
  GHashTable *by_id;

  char *next_cursor;
  gboolean has_more;
  gboolean loading;
  gboolean replace_on_arrival;
  GError *error;
  struct _Fetch *fetch;
  guint load_more_source;
};

/* The page on its way. It points at the model without holding it, so
 * that dropping the model disposes it, which cancels the fetch. */
typedef struct _Fetch
{
  gatomicrefcount ref_count;
  TdPagedModel *self;
  GCancellable *cancellable;
} Fetch;

static void
fetch_unref (Fetch *fetch)
{
  if (!g_atomic_ref_count_dec (&fetch->ref_count))
    return;

  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fetch, fetch_unref)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdPagedModel, td_paged_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_iface_init))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ITEM_TYPE,
  PROP_PATH,
  PROP_LOADING,
  PROP_HAS_MORE,
  PROP_ERROR,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fetch_page (TdPagedModel *self,
                        gboolean      first);

static void
set_loading (TdPagedModel *self,
             gboolean      loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_has_more (TdPagedModel *self,
              gboolean      has_more)
{
  if (self->has_more == has_more)
    return;

  self->has_more = has_more;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MORE]);
}

static void
set_error (TdPagedModel *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
emit_items_changed (TdPagedModel *self,
                    guint         position,
                    guint         removed,
                    guint         added)
{
  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
drop_fetch (TdPagedModel *self)
{
  if (self->fetch == NULL)
    return;

  self->fetch->self = NULL;
  g_cancellable_cancel (self->fetch->cancellable);
  g_clear_pointer (&self->fetch, fetch_unref);
}

static void
cancel_fetch (TdPagedModel *self)
{
  drop_fetch (self);
  set_loading (self, FALSE);
}

static void
clear_items (TdPagedModel *self)
{
  guint n = self->items->len;

  g_hash_table_remove_all (self->by_id);
  g_ptr_array_set_size (self->items, 0);
  emit_items_changed (self, 0, n, 0);
}

/* Takes the items of one page; the ones the model already holds (live
 * updates that came first, or pages that shifted) are updated in place. */
static void
take_page (TdPagedModel *self,
           JsonArray    *data)
{
  guint old_n = self->items->len;
  guint n = json_array_get_length (data);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (data, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdResource) item = NULL;
      TdResource *existing;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_debug ("%s: skipping item %u of a page: not an object",
                   self->path, i);
          continue;
        }

      object = json_node_get_object (node);
      item = td_resource_new_from_json (self->item_type, object, &error);
      if (item == NULL)
        {
          g_debug ("%s: skipping item %u of a page: %s", self->path, i,
                   error->message);
          continue;
        }

      existing = g_hash_table_lookup (self->by_id, td_resource_get_id (item));
      if (existing != NULL)
        {
          td_resource_update_from_json (existing, object);
          continue;
        }

      g_hash_table_insert (self->by_id,
                           g_strdup (td_resource_get_id (item)), item);
      g_ptr_array_add (self->items, g_steal_pointer (&item));
    }

  emit_items_changed (self, old_n, 0, self->items->len - old_n);
}

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  TdClient *client = TD_CLIENT (object);
  g_autoptr(Fetch) fetch = user_data;
  TdPagedModel *self = fetch->self;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *page = NULL;
  JsonArray *data = NULL;
  const char *cursor;

  root = td_client_call_finish (client, result, NULL, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_assert (self->fetch == fetch);
  g_clear_pointer (&self->fetch, fetch_unref);
  g_object_ref (self);

  if (error == NULL)
    {
      page = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
             ? json_node_get_object (root) : NULL;
      data = td_json_get_array (page, "data");
      if (data == NULL)
        g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                             _("The server sent a list this app cannot read. "
                               "It may not be a Textdesk platform."));
    }

  if (error != NULL)
    {
      g_debug ("%s: %s", self->path, error->message);
      self->replace_on_arrival = FALSE;
      set_error (self, error);
      set_loading (self, FALSE);
      g_object_unref (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->replace_on_arrival)
    {
      self->replace_on_arrival = FALSE;
      clear_items (self);
    }

  cursor = td_json_get_string (page, "next_cursor");
  g_free (self->next_cursor);
  self->next_cursor = cursor != NULL && *cursor != '\0' ? g_strdup (cursor)
                                                        : NULL;

  set_error (self, NULL);
  take_page (self, data);
  set_has_more (self, self->next_cursor != NULL);
  set_loading (self, FALSE);

  g_object_thaw_notify (G_OBJECT (self));
  g_object_unref (self);
}

static void
fetch_page (TdPagedModel *self,
            gboolean      first)
{
  g_autoptr(GString) path = NULL;

  if (self->path == NULL)
    return;

  cancel_fetch (self);

  path = g_string_new (self->path);
  g_string_append_c (path, strchr (self->path, '?') != NULL ? '&' : '?');
  g_string_append_printf (path, "limit=%u", self->page_size);
  if (!first && self->next_cursor != NULL)
    {
      g_string_append (path, "&cursor=");
      g_string_append_uri_escaped (path, self->next_cursor, NULL, FALSE);
    }

  self->fetch = g_new0 (Fetch, 1);
  g_atomic_ref_count_init (&self->fetch->ref_count);
  self->fetch->self = self;
  self->fetch->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  g_atomic_ref_count_inc (&self->fetch->ref_count);
  td_client_call_async (self->client, "GET", path->str, NULL, NULL, NULL,
                        self->fetch->cancellable, page_cb, self->fetch);
}

/**
 * td_paged_model_load_more:
 * @self: a #TdPagedModel
 *
 * Fetches the next page, unless one is on its way or there is none.
 * After an error, tries the same page again.
 */
void
td_paged_model_load_more (TdPagedModel *self)
{
  g_return_if_fail (TD_IS_PAGED_MODEL (self));

  if (self->loading || self->path == NULL)
    return;

  if (self->next_cursor == NULL && (self->items->len > 0 || !self->has_more))
    return;

  fetch_page (self, self->next_cursor == NULL);
}

/**
 * td_paged_model_reload:
 * @self: a #TdPagedModel
 *
 * Fetches the first page again; the items stay until it arrives, then
 * the page replaces them (after an event stream `reset`, say).
 */
void
td_paged_model_reload (TdPagedModel *self)
{
  g_return_if_fail (TD_IS_PAGED_MODEL (self));

  if (self->path == NULL)
    return;

  self->replace_on_arrival = TRUE;
  fetch_page (self, TRUE);
}

/**
 * td_paged_model_set_path:
 * @self: a #TdPagedModel
 * @path: (nullable): the list endpoint with its filters
 *   ("/v1/conversations?campaign_id=c_1"), without limit and cursor
 *
 * Empties the model and loads the first page of @path.
 */
void
td_paged_model_set_path (TdPagedModel *self,
                         const char   *path)
{
  g_return_if_fail (TD_IS_PAGED_MODEL (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  cancel_fetch (self);
  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->next_cursor, g_free);
  self->replace_on_arrival = FALSE;
  set_error (self, NULL);
  clear_items (self);
  set_has_more (self, path != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);

  if (path != NULL)
    fetch_page (self, TRUE);

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
td_paged_model_get_path (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), NULL);

  return self->path;
}

TdClient *
td_paged_model_get_client (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), NULL);

  return self->client;
}

GType
td_paged_model_get_item_type (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), G_TYPE_INVALID);

  return self->item_type;
}

gboolean
td_paged_model_get_loading (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), FALSE);

  return self->loading;
}

gboolean
td_paged_model_get_has_more (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), FALSE);

  return self->has_more;
}

/**
 * td_paged_model_get_error:
 * @self: a #TdPagedModel
 *
 * Returns: (nullable): why the last page could not be fetched
 */
const GError *
td_paged_model_get_error (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), NULL);

  return self->error;
}

guint
td_paged_model_get_page_size (TdPagedModel *self)
{
  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), 0);

  return self->page_size;
}

/**
 * td_paged_model_set_page_size:
 * @self: a #TdPagedModel
 * @page_size: items a page, 1 to 200; takes effect with the next page
 */
void
td_paged_model_set_page_size (TdPagedModel *self,
                              guint         page_size)
{
  g_return_if_fail (TD_IS_PAGED_MODEL (self));
  g_return_if_fail (page_size >= 1 && page_size <= 200);

  self->page_size = page_size;
}

/**
 * td_paged_model_find:
 * @self: a #TdPagedModel
 * @id: an object id
 * @position: (out) (optional): where it is
 *
 * Returns: (transfer none) (nullable): the item with @id, if loaded
 */
TdResource *
td_paged_model_find (TdPagedModel *self,
                     const char   *id,
                     guint        *position)
{
  TdResource *item;

  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  item = g_hash_table_lookup (self->by_id, id);
  if (item != NULL && position != NULL)
    {
      gboolean found = g_ptr_array_find (self->items, item, position);

      g_assert (found);
    }

  return item;
}

/**
 * td_paged_model_upsert:
 * @self: a #TdPagedModel
 * @object: an object after a change, from an event or an answer
 * @to_front: move it (or put it, when new) at position 0, as a
 *   conversation with a new message goes to the top
 *
 * Updates the item with @object's id in place, or adds it: at the
 * front with @to_front, else at the end when every page is loaded (a
 * later page would bring it otherwise). A broken @object is skipped.
 *
 * Returns: (transfer none) (nullable): the item, or %NULL when it was
 *   not taken
 */
TdResource *
td_paged_model_upsert (TdPagedModel *self,
                       JsonObject   *object,
                       gboolean      to_front)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdResource) item = NULL;
  TdResource *existing;
  guint position;

  g_return_val_if_fail (TD_IS_PAGED_MODEL (self), NULL);
  g_return_val_if_fail (object != NULL, NULL);

  if (!td_resource_check_json (self->item_type, object, &error))
    {
      g_debug ("%s: skipping a live update: %s", self->path, error->message);
      return NULL;
    }

  item = td_resource_new_from_json (self->item_type, object, NULL);
  existing = td_paged_model_find (self, td_resource_get_id (item), &position);
  if (existing != NULL)
    {
      td_resource_update_from_json (existing, object);

      /* One emission for the whole range: GTK's list views find the
       * moved item in it and keep its row widget (an expanded row stays
       * expanded), where a removal and an insertion would destroy it. */
      if (to_front && position > 0)
        {
          gpointer moved = g_ptr_array_steal_index (self->items, position);

          g_ptr_array_insert (self->items, 0, moved);
          emit_items_changed (self, 0, position + 1, position + 1);
        }

      return existing;
    }

  if (!to_front && self->has_more)
    return NULL;

  /* The table borrows the item; the array owns it. */
  existing = item;
  g_hash_table_insert (self->by_id, g_strdup (td_resource_get_id (item)),
                       item);
  if (to_front)
    {
      g_ptr_array_insert (self->items, 0, g_steal_pointer (&item));
      emit_items_changed (self, 0, 0, 1);
    }
  else
    {
      g_ptr_array_add (self->items, g_steal_pointer (&item));
      emit_items_changed (self, self->items->len - 1, 0, 1);
    }

  return existing;
}

/**
 * td_paged_model_remove_id:
 * @self: a #TdPagedModel
 * @id: an object id
 *
 * Removes the item with @id, if loaded.
 */
void
td_paged_model_remove_id (TdPagedModel *self,
                          const char   *id)
{
  TdResource *item;
  guint position;

  g_return_if_fail (TD_IS_PAGED_MODEL (self));
  g_return_if_fail (id != NULL);

  item = td_paged_model_find (self, id, &position);
  if (item == NULL)
    return;

  g_hash_table_remove (self->by_id, id);
  g_ptr_array_remove_index (self->items, position);
  emit_items_changed (self, position, 1, 0);
}

static gboolean
load_more_cb (gpointer data)
{
  TdPagedModel *self = data;

  self->load_more_source = 0;
  td_paged_model_load_more (self);

  return G_SOURCE_REMOVE;
}

static GType
td_paged_model_get_item_type_iface (GListModel *model)
{
  return TD_PAGED_MODEL (model)->item_type;
}

static guint
td_paged_model_get_n_items (GListModel *model)
{
  return TD_PAGED_MODEL (model)->items->len;
}

static gpointer
td_paged_model_get_item (GListModel *model,
                         guint       position)
{
  TdPagedModel *self = TD_PAGED_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  /* A view is near the end: fetch the next page before it gets there.
   * From an idle, as views ask for items while they lay out, and
   * "loading" handlers should not change widgets then. */
  if (position + PREFETCH_DISTANCE >= self->items->len
      && self->has_more && !self->loading && self->error == NULL
      && self->load_more_source == 0)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, load_more_cb, self, NULL);
      g_source_set_static_name (source, "[td-paged-model] load more");
      self->load_more_source = g_source_attach (source, NULL);
      g_source_unref (source);
    }

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = td_paged_model_get_item_type_iface;
  iface->get_n_items = td_paged_model_get_n_items;
  iface->get_item = td_paged_model_get_item;
}

/**
 * td_paged_model_new:
 * @client: the client to fetch with
 * @item_type: the #TdResource subclass of the items
 * @path: (nullable): the list endpoint with its filters, without limit
 *   and cursor ("/v1/conversations?view=stream")
 *
 * Returns: (transfer full): a new model, already fetching its first page
 */
TdPagedModel *
td_paged_model_new (TdClient   *client,
                    GType       item_type,
                    const char *path)
{
  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, TD_TYPE_RESOURCE), NULL);

  return g_object_new (TD_TYPE_PAGED_MODEL,
                       "client", client,
                       "item-type", item_type,
                       "path", path,
                       NULL);
}

static void
td_paged_model_dispose (GObject *object)
{
  TdPagedModel *self = (TdPagedModel *) object;

  g_clear_handle_id (&self->load_more_source, g_source_remove);
  drop_fetch (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (td_paged_model_parent_class)->dispose (object);
}

static void
td_paged_model_finalize (GObject *object)
{
  TdPagedModel *self = (TdPagedModel *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->next_cursor, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (td_paged_model_parent_class)->finalize (object);
}

static void
td_paged_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdPagedModel *self = TD_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, self->item_type);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_HAS_MORE:
      g_value_set_boolean (value, self->has_more);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_paged_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdPagedModel *self = TD_PAGED_MODEL (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ITEM_TYPE:
      self->item_type = g_value_get_gtype (value);
      break;

    case PROP_PATH:
      td_paged_model_set_path (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_paged_model_class_init (TdPagedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_paged_model_dispose;
  object_class->finalize = td_paged_model_finalize;
  object_class->get_property = td_paged_model_get_property;
  object_class->set_property = td_paged_model_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_CLIENT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL,
                        TD_TYPE_RESOURCE,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_MORE] =
    g_param_spec_boolean ("has-more", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READABLE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_paged_model_init (TdPagedModel *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
