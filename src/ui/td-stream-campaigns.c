/* td-stream-campaigns.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-campaigns"

#include "config.h"

#include <glib/gi18n.h>

#include "td-stream-campaigns.h"
#include "td-stream-util.h"

/* The account's campaigns by id, as the stream needs them to name a
 * suggestion's or a redirect's campaign and find its list. An account has
 * tens of campaigns, so all of them are kept; "campaign.updated" events
 * keep them current. */
struct _TdStreamCampaigns
{
  GObject       parent_instance;

  TdClient     *client;
  GCancellable *cancellable;
  GHashTable   *by_id;     /* id -> JsonObject */
  GHashTable   *loading;   /* the table being filled by a reload */
  GHashTable   *handled;   /* message id -> what was done about it */
  gboolean      loaded;
};

G_DEFINE_FINAL_TYPE (TdStreamCampaigns, td_stream_campaigns, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fetch_page (TdStreamCampaigns *self,
                        const char        *cursor);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdStreamCampaigns) self = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *next_cursor;
  JsonArray *data;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);
  /* A reload cancels the page in flight and starts again with a new
   * cancellable: the old answer must not touch the new load. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable) || self->loading == NULL)
    return;

  data = td_stream_json_data (root);
  if (error != NULL || data == NULL)
    {
      /* The stream still works without names: it says less. */
      g_debug ("Could not load the campaigns: %s",
                 error != NULL ? error->message : "not a page");
      g_clear_pointer (&self->loading, g_hash_table_unref);
      return;
    }

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *campaign = json_array_get_object_element (data, i);
      const char *id = td_stream_json_string (campaign, "id");

      if (id != NULL)
        g_hash_table_replace (self->loading, g_strdup (id), json_object_ref (campaign));
    }

  next_cursor = td_stream_json_string (json_node_get_object (root), "next_cursor");
  if (next_cursor != NULL)
    {
      fetch_page (self, next_cursor);
      return;
    }

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  self->by_id = g_steal_pointer (&self->loading);
  self->loaded = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
fetch_page (TdStreamCampaigns *self,
            const char        *cursor)
{
  g_autofree char *path = NULL;

  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      path = g_strdup_printf ("/v1/campaigns?limit=200&cursor=%s", escaped);
    }
  else
    {
      path = g_strdup ("/v1/campaigns?limit=200");
    }

  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL,
                        self->cancellable, page_cb, g_object_ref (self));
}

static void
td_stream_campaigns_dispose (GObject *object)
{
  TdStreamCampaigns *self = TD_STREAM_CAMPAIGNS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (td_stream_campaigns_parent_class)->dispose (object);
}

static void
td_stream_campaigns_finalize (GObject *object)
{
  TdStreamCampaigns *self = TD_STREAM_CAMPAIGNS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_pointer (&self->handled, g_hash_table_unref);

  G_OBJECT_CLASS (td_stream_campaigns_parent_class)->finalize (object);
}

static void
td_stream_campaigns_class_init (TdStreamCampaignsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_stream_campaigns_dispose;
  object_class->finalize = td_stream_campaigns_finalize;

  /**
   * TdStreamCampaigns::changed:
   *
   * The campaigns were loaded or one of them changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_stream_campaigns_init (TdStreamCampaigns *self)
{
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) json_object_unref);
  self->handled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * td_stream_campaigns_new:
 * @client: the signed-in client
 *
 * Returns: (transfer full): a cache that starts loading at once
 */
TdStreamCampaigns *
td_stream_campaigns_new (TdClient *client)
{
  TdStreamCampaigns *self;

  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);

  self = g_object_new (TD_TYPE_STREAM_CAMPAIGNS, NULL);
  self->client = g_object_ref (client);
  td_stream_campaigns_reload (self);

  return self;
}

void
td_stream_campaigns_reload (TdStreamCampaigns *self)
{
  g_return_if_fail (TD_IS_STREAM_CAMPAIGNS (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->loading, g_hash_table_unref);
  self->loading = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) json_object_unref);
  fetch_page (self, NULL);
}

/**
 * td_stream_campaigns_update:
 * @campaign: a campaign as the platform sent it, from an event
 */
void
td_stream_campaigns_update (TdStreamCampaigns *self,
                            JsonObject        *campaign)
{
  const char *id;

  g_return_if_fail (TD_IS_STREAM_CAMPAIGNS (self));
  g_return_if_fail (campaign != NULL);

  id = td_stream_json_string (campaign, "id");
  if (id == NULL)
    return;

  g_hash_table_replace (self->by_id, g_strdup (id), json_object_ref (campaign));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * td_stream_campaigns_lookup:
 *
 * Returns: (transfer none) (nullable): the campaign, if the account has it
 */
JsonObject *
td_stream_campaigns_lookup (TdStreamCampaigns *self,
                            const char        *campaign_id)
{
  g_return_val_if_fail (TD_IS_STREAM_CAMPAIGNS (self), NULL);

  if (campaign_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->by_id, campaign_id);
}

gboolean
td_stream_campaigns_get_loaded (TdStreamCampaigns *self)
{
  g_return_val_if_fail (TD_IS_STREAM_CAMPAIGNS (self), FALSE);

  return self->loaded;
}

/**
 * td_stream_campaigns_mark_handled:
 * @message_id: the text whose suggestion was acted on
 * @summary: what was done, as a person reads it
 *
 * Remembers, for this session, that a suggestion was taken, so that every
 * row and pane showing that text says so instead of offering it again.
 */
void
td_stream_campaigns_mark_handled (TdStreamCampaigns *self,
                                  const char        *message_id,
                                  const char        *summary)
{
  g_return_if_fail (TD_IS_STREAM_CAMPAIGNS (self));
  g_return_if_fail (message_id != NULL);

  g_hash_table_replace (self->handled, g_strdup (message_id), g_strdup (summary));
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * td_stream_campaigns_get_handled:
 *
 * Returns: (nullable): what was done about @message_id's suggestion
 */
const char *
td_stream_campaigns_get_handled (TdStreamCampaigns *self,
                                 const char        *message_id)
{
  g_return_val_if_fail (TD_IS_STREAM_CAMPAIGNS (self), NULL);

  if (message_id == NULL)
    return NULL;

  return g_hash_table_lookup (self->handled, message_id);
}
