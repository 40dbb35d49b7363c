/* td-conversation-thread.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-conversation-thread"

#include "config.h"

#include <glib/gi18n.h>

#include "td-api-error.h"
#include "td-composer.h"
#include "td-conversation-thread.h"
#include "td-message-bubble.h"
#include "td-phone.h"
#include "td-subscriber.h"

/*
 * TdConversationThread: what the views of one conversation share.
 *
 * The recent texts (oldest first, for display), the draft of the reply,
 * and the replies on their way. A conversation row and the conversation
 * pane show the same thread, so a reply typed in one is in the other, and
 * a reply survives its row being recycled by the list.
 *
 * A reply is never lost and never sent twice:
 *  - it shows at once as a "Sending…" bubble, and the draft stays in the
 *    composer until the platform has accepted it;
 *  - while one is in flight, nothing more can be sent;
 *  - every reply gets one Idempotency-Key, kept when it is retried (by the
 *    bubble's Retry or by sending the same text again), so that the
 *    platform stores it once however often it is sent.
 * Delivery status then follows message.updated events, and is polled for a
 * while as well, in case the event stream is down.
 */

#define POLL_INTERVAL_MS 1500
#define POLL_MAX_ROUNDS 40

typedef struct
{
  TdMessage *message;     /* the local stand-in shown as a bubble */
  char *key;
  char *body;
  char *draft;            /* the composer text it was sent from */
  char *error;
  gboolean in_flight;
} Pending;

struct _TdConversationThread
{
  GObject          parent_instance;

  TdClient        *client;
  TdConversation  *conversation;
  GObject         *event_stream;
  GCancellable    *cancellable;

  GListStore      *messages;
  GPtrArray       *pending;
  GHashTable      *fields;     /* from the full subscriber, once fetched */

  char            *draft;
  char            *load_error;
  char            *next_cursor;  /* of the oldest page loaded */
  gboolean         loading_earlier;
  gboolean         sending;
  gboolean         loading;
  gboolean         opted_out;
  gboolean         subscriber_requested;
  guint            loaded_limit;  /* 0 until first loaded */

  guint            poll_source;
  guint            poll_rounds;
  guint            polls_in_flight;

  GHashTable      *cache;      /* td_conversation_thread_get_for()'s, unowned */
};

G_DEFINE_FINAL_TYPE (TdConversationThread, td_conversation_thread, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRAFT,
  PROP_SENDING,
  PROP_LOADING,
  PROP_LOAD_ERROR,
  PROP_HAS_EARLIER,
  PROP_BLOCKED_REASON,
  N_PROPS
};

enum {
  SIGNAL_REPLY_CHANGED,
  SIGNAL_VALUES_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pending_free (Pending *p)
{
  g_clear_object (&p->message);
  g_free (p->key);
  g_free (p->body);
  g_free (p->draft);
  g_free (p->error);
  g_free (p);
}

static Pending *
find_pending (TdConversationThread *self,
              TdMessage            *message)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (self->pending, i);

      if (p->message == message)
        return p;
    }

  return NULL;
}

static gboolean
find_message (TdConversationThread *self,
              const char           *id,
              guint                *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages), i);

      if (g_strcmp0 (td_resource_get_id (TD_RESOURCE (message)), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
conversation_id (TdConversationThread *self)
{
  return td_resource_get_id (TD_RESOURCE (self->conversation));
}

static void
set_sending (TdConversationThread *self,
             gboolean              sending)
{
  if (self->sending == sending)
    return;

  self->sending = sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENDING]);
}

/* ---- Delivery status ------------------------------------------------- */

static gboolean
status_is_final (const char *status)
{
  return g_strcmp0 (status, "delivered") == 0 ||
         g_strcmp0 (status, "failed") == 0 ||
         g_strcmp0 (status, "undelivered") == 0 ||
         g_strcmp0 (status, "received") == 0;
}

static void start_polling (TdConversationThread *self);

static void
poll_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdConversationThread) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdResource) fresh = NULL;
  guint position;

  fresh = td_client_get_object_finish (TD_CLIENT (source), result, &error);
  self->polls_in_flight--;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      g_debug ("Could not read a reply's status: %s", error->message);
      return;
    }

  if (find_message (self, td_resource_get_id (fresh), &position))
    {
      g_autoptr(TdMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages),
                                                            position);

      td_resource_update_from_json (TD_RESOURCE (message), td_resource_get_json (fresh));
    }
}

static gboolean
poll_cb (gpointer user_data)
{
  TdConversationThread *self = user_data;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));
  gboolean waiting = FALSE;

  self->poll_rounds++;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages), i);
      g_autofree char *path = NULL;

      if (find_pending (self, message) != NULL ||
          g_strcmp0 (td_message_get_direction (message), "outbound") != 0 ||
          status_is_final (td_message_get_status (message)))
        continue;

      waiting = TRUE;
      if (self->polls_in_flight > 4)
        continue;

      path = g_strdup_printf ("/v1/messages/%s", td_resource_get_id (TD_RESOURCE (message)));
      self->polls_in_flight++;
      td_client_get_object_async (self->client, TD_TYPE_MESSAGE, path, self->cancellable,
                                  poll_done_cb, g_object_ref (self));
    }

  if (!waiting || self->poll_rounds >= POLL_MAX_ROUNDS)
    {
      self->poll_source = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
start_polling (TdConversationThread *self)
{
  self->poll_rounds = 0;

  if (self->poll_source == 0)
    self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
}

/* ---- Loading ------------------------------------------------------ */

static void
set_loading (TdConversationThread *self,
             gboolean              loading,
             const char           *error)
{
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }

  if (g_strcmp0 (error, self->load_error) != 0)
    {
      g_free (self->load_error);
      self->load_error = g_strdup (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_ERROR]);
    }
}

static void
set_next_cursor (TdConversationThread *self,
                 const char           *cursor)
{
  gboolean had = self->next_cursor != NULL;

  if (cursor != NULL && *cursor == '\0')
    cursor = NULL;

  g_free (self->next_cursor);
  self->next_cursor = g_strdup (cursor);

  if (had != (cursor != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EARLIER]);
}

static void
earlier_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdConversationThread) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *data;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);
  self->loading_earlier = FALSE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL &&
      (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
       json_object_get_array_member (json_node_get_object (root), "data") == NULL))
    g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                         _("The platform sent a thread that could not be read."));

  if (error != NULL)
    {
      set_loading (self, FALSE, error->message);
      return;
    }

  data = json_object_get_array_member (json_node_get_object (root), "data");
  set_next_cursor (self, json_object_get_string_member_with_default (json_node_get_object (root),
                                                                     "next_cursor", NULL));

  for (guint i = json_array_get_length (data); i > 0; i--)
    {
      JsonNode *node = json_array_get_element (data, i - 1);
      g_autoptr(GError) item_error = NULL;
      TdResource *message;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE, json_node_get_object (node),
                                           &item_error);
      if (message == NULL)
        {
          g_message ("Skipped a text of conversation %s: %s",
                     conversation_id (self), item_error->message);
          continue;
        }

      if (find_message (self, td_resource_get_id (message), NULL))
        g_object_unref (message);
      else
        g_ptr_array_add (items, message);
    }

  /* Older texts go above the ones shown. */
  g_list_store_splice (self->messages, 0, 0, items->pdata, items->len);
  set_loading (self, FALSE, NULL);
}

/**
 * td_conversation_thread_load_earlier:
 * @self: a #TdConversationThread
 * @limit: how many older texts to fetch
 *
 * Fetches the page of texts before the oldest one shown, if there is one.
 */
void
td_conversation_thread_load_earlier (TdConversationThread *self,
                                     guint                 limit)
{
  g_autofree char *path = NULL;
  g_autofree char *cursor = NULL;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));

  if (self->next_cursor == NULL || self->loading_earlier)
    return;

  cursor = g_uri_escape_string (self->next_cursor, NULL, FALSE);
  path = g_strdup_printf ("/v1/conversations/%s/messages?limit=%u&cursor=%s",
                          conversation_id (self), CLAMP (limit, 1, 200), cursor);

  self->loading_earlier = TRUE;
  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL,
                        self->cancellable, earlier_done_cb, g_object_ref (self));
}

gboolean
td_conversation_thread_get_has_earlier (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), FALSE);

  return self->next_cursor != NULL;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdConversationThread) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *data = NULL;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL &&
      (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
       !json_object_has_member (json_node_get_object (root), "data") ||
       !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "data"))))
    g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                         _("The platform sent a thread that could not be read."));

  if (error != NULL)
    {
      set_loading (self, FALSE, error->message);
      return;
    }

  data = json_object_get_array_member (json_node_get_object (root), "data");
  set_next_cursor (self, json_object_get_string_member_with_default (json_node_get_object (root),
                                                                     "next_cursor", NULL));

  /* The platform gives newest first; a thread reads oldest first. */
  for (guint i = json_array_get_length (data); i > 0; i--)
    {
      JsonNode *node = json_array_get_element (data, i - 1);
      g_autoptr(GError) item_error = NULL;
      TdResource *message;
      guint position;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE, json_node_get_object (node),
                                           &item_error);
      if (message == NULL)
        {
          g_message ("Skipped a text of conversation %s: %s",
                     conversation_id (self), item_error->message);
          continue;
        }

      /* Keep the objects bubbles already show. */
      if (find_message (self, td_resource_get_id (message), &position))
        {
          g_autoptr(TdMessage) known = g_list_model_get_item (G_LIST_MODEL (self->messages),
                                                              position);

          td_resource_update_from_json (TD_RESOURCE (known), json_node_get_object (node));
          g_ptr_array_add (items, g_steal_pointer (&known));
          g_object_unref (message);
        }
      else
        g_ptr_array_add (items, message);
    }

  /* Replies still on their way stay at the end. */
  for (guint i = 0; i < self->pending->len; i++)
    {
      Pending *p = g_ptr_array_index (self->pending, i);

      g_ptr_array_add (items, g_object_ref (p->message));
    }

  g_list_store_splice (self->messages, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->messages)),
                       items->pdata, items->len);

  set_loading (self, FALSE, NULL);
  start_polling (self);
}

static void
subscriber_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TdConversationThread) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TdResource) subscriber = NULL;
  JsonObject *fields;

  subscriber = td_client_get_object_finish (TD_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Names and the phone are in the summary; only fields are missing. */
      g_debug ("Could not read the subscriber's fields: %s", error->message);
      return;
    }

  g_clear_pointer (&self->fields, g_hash_table_unref);
  self->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  fields = td_subscriber_get_fields (TD_SUBSCRIBER (subscriber));
  if (fields != NULL)
    {
      JsonObjectIter iter;
      const char *key;
      JsonNode *value;

      json_object_iter_init (&iter, fields);
      while (json_object_iter_next (&iter, &key, &value))
        {
          g_autofree char *text = NULL;

          if (!JSON_NODE_HOLDS_VALUE (value))
            continue;

          switch (json_node_get_value_type (value))
            {
            case G_TYPE_STRING:
              text = g_strdup (json_node_get_string (value));
              break;
            case G_TYPE_INT64:
              text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
              break;
            case G_TYPE_DOUBLE:
              text = g_strdup_printf ("%g", json_node_get_double (value));
              break;
            case G_TYPE_BOOLEAN:
              text = g_strdup (json_node_get_boolean (value) ? _("yes") : _("no"));
              break;
            default:
              break;
            }

          if (text != NULL)
            g_hash_table_insert (self->fields, g_ascii_strdown (key, -1),
                                 g_steal_pointer (&text));
        }
    }

  if (g_strcmp0 (td_subscriber_get_status (TD_SUBSCRIBER (subscriber)), "opted_out") == 0 &&
      !self->opted_out)
    {
      self->opted_out = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
    }

  g_signal_emit (self, signals[SIGNAL_VALUES_CHANGED], 0);
}

/**
 * td_conversation_thread_load:
 * @self: a #TdConversationThread
 * @limit: how many of the latest texts to show
 *
 * (Re)loads the latest texts of the conversation, and once the
 * subscriber's metadata fields for placeholders.
 */
void
td_conversation_thread_load (TdConversationThread *self,
                             guint                 limit)
{
  g_autofree char *path = NULL;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));

  limit = CLAMP (limit, 1, 200);
  path = g_strdup_printf ("/v1/conversations/%s/messages?limit=%u",
                          conversation_id (self), limit);

  self->loaded_limit = limit;
  set_loading (self, TRUE, self->load_error);
  td_client_call_async (self->client, "GET", path, NULL, NULL, NULL,
                        self->cancellable, load_done_cb, g_object_ref (self));

  if (!self->subscriber_requested)
    {
      TdSubscriberSummary *summary = td_conversation_get_subscriber (self->conversation);

      self->subscriber_requested = TRUE;
      if (summary != NULL)
        {
          g_autofree char *subscriber_path =
            g_strdup_printf ("/v1/subscribers/%s", td_resource_get_id (TD_RESOURCE (summary)));

          td_client_get_object_async (self->client, TD_TYPE_SUBSCRIBER, subscriber_path,
                                      self->cancellable, subscriber_done_cb,
                                      g_object_ref (self));
        }
    }
}

/* ---- Sending ---------------------------------------------------------- */

typedef struct
{
  GWeakRef thread;
  TdMessage *stand_in;
} ReplyCall;

static void
reply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ReplyCall *call = user_data;
  g_autoptr(TdConversationThread) self = g_weak_ref_get (&call->thread);
  g_autoptr(TdMessage) stand_in = g_steal_pointer (&call->stand_in);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(TdResource) message = NULL;
  Pending *p;
  guint position;

  g_weak_ref_clear (&call->thread);
  g_free (call);

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

  /* The thread is gone with its views: nothing is left to update. */
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  p = find_pending (self, stand_in);
  if (p == NULL)
    return;

  p->in_flight = FALSE;
  set_sending (self, FALSE);

  if (error == NULL)
    {
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE, json_node_get_object (root), &error);
      else
        g_set_error_literal (&error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                             _("The platform did not confirm the reply."));
    }

  if (error != NULL)
    {
      if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_CONFLICT) &&
          g_strcmp0 (td_api_error_get_problem_code (error), "opted_out") == 0 &&
          !self->opted_out)
        {
          self->opted_out = TRUE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
        }

      g_free (p->error);
      p->error = g_strdup (error->message);
      g_signal_emit (self, signals[SIGNAL_REPLY_CHANGED], 0, p->message);
      return;
    }

  /* Accepted: the platform's message takes the stand-in's place, unless
   * its message.created event put it in the thread already. */
  if (find_message (self, td_resource_get_id (message), NULL))
    {
      if (find_message (self, td_resource_get_id (TD_RESOURCE (p->message)), &position))
        g_list_store_remove (self->messages, position);
    }
  else if (find_message (self, td_resource_get_id (TD_RESOURCE (p->message)), &position))
    g_list_store_splice (self->messages, position, 1, (gpointer *) &message, 1);
  else
    g_list_store_append (self->messages, message);

  if (g_strcmp0 (self->draft, p->draft) == 0)
    td_conversation_thread_set_draft (self, "");

  g_ptr_array_remove (self->pending, p);
  start_polling (self);
}

static void
post_reply (TdConversationThread *self,
            Pending              *p)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  ReplyCall *call;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, p->body);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  g_clear_pointer (&p->error, g_free);
  p->in_flight = TRUE;
  set_sending (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_REPLY_CHANGED], 0, p->message);

  path = g_strdup_printf ("/v1/conversations/%s/messages", conversation_id (self));
  /* The key is the reply's, not the call's: a retry sends the same one. */
  call = g_new0 (ReplyCall, 1);
  g_weak_ref_init (&call->thread, self);
  call->stand_in = g_object_ref (p->message);
  td_client_call_async (self->client, "POST", path, body, NULL, p->key,
                        self->cancellable, reply_done_cb, call);
}

static TdMessage *
make_stand_in (TdConversationThread *self,
               const char           *key,
               const char           *body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created_at = g_date_time_format_iso8601 (now);
  g_autofree char *id = g_strdup_printf ("local-%s", key);
  g_autoptr(GError) error = NULL;
  TdResource *message;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "conversation_id");
  json_builder_add_string_value (builder, conversation_id (self));
  json_builder_set_member_name (builder, "direction");
  json_builder_add_string_value (builder, "outbound");
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, TD_MESSAGE_STATUS_SENDING);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE, json_node_get_object (root), &error);
  g_assert_no_error (error);

  return TD_MESSAGE (message);
}

/**
 * td_conversation_thread_send:
 * @self: a #TdConversationThread
 * @body: the reply, placeholders filled
 *
 * Sends a reply, unless one is in flight or the subscriber opted out.
 * The same text as a reply that failed is that reply, sent again with its
 * idempotency key.
 */
void
td_conversation_thread_send (TdConversationThread *self,
                             const char           *body)
{
  g_autofree char *key = NULL;
  Pending *p;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));
  g_return_if_fail (body != NULL);

  if (self->sending || self->opted_out || *body == '\0')
    return;

  for (guint i = 0; i < self->pending->len; i++)
    {
      p = g_ptr_array_index (self->pending, i);

      if (p->error != NULL && g_str_equal (p->body, body))
        {
          post_reply (self, p);
          return;
        }
    }

  key = g_uuid_string_random ();
  p = g_new0 (Pending, 1);
  p->key = g_strdup (key);
  p->body = g_strdup (body);
  p->draft = g_strdup (self->draft);
  p->message = make_stand_in (self, key, body);
  g_ptr_array_add (self->pending, p);

  /* Shown at once, before the platform answers. */
  g_list_store_append (self->messages, p->message);

  post_reply (self, p);
}

/**
 * td_conversation_thread_retry:
 * @self: a #TdConversationThread
 * @pending: the stand-in of a reply that failed
 *
 * Sends a failed reply again, with the same idempotency key.
 */
void
td_conversation_thread_retry (TdConversationThread *self,
                              TdMessage            *pending)
{
  Pending *p;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));

  p = find_pending (self, pending);
  if (p == NULL || p->in_flight || self->sending || self->opted_out)
    return;

  post_reply (self, p);
}

/**
 * td_conversation_thread_get_send_error:
 * @self: a #TdConversationThread
 * @message: a text of the thread
 *
 * Returns: (nullable): why @message, a reply, could not be sent
 */
const char *
td_conversation_thread_get_send_error (TdConversationThread *self,
                                       TdMessage            *message)
{
  Pending *p;

  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  p = find_pending (self, message);

  return p ? p->error : NULL;
}

/* ---- Reading ---------------------------------------------------------- */

static void
mark_read_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TdConversationThread) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  root = td_client_call_finish (TD_CLIENT (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Nothing is lost: the texts stay unread and it is tried next time. */
      g_debug ("Could not mark conversation %s read: %s",
               conversation_id (self), error->message);
      return;
    }

  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    td_resource_update_from_json (TD_RESOURCE (self->conversation),
                                  json_node_get_object (root));
}

/**
 * td_conversation_thread_mark_read:
 * @self: a #TdConversationThread
 *
 * Moves the read horizon to the newest text, if it has unread texts.
 */
void
td_conversation_thread_mark_read (TdConversationThread *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  TdMessage *last;
  const char *last_id;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));

  last = td_conversation_get_last_message (self->conversation);
  if (last == NULL || td_conversation_get_unread_count (self->conversation) <= 0)
    return;

  last_id = td_resource_get_id (TD_RESOURCE (last));
  if (g_strcmp0 (last_id, td_conversation_get_last_read_message_id (self->conversation)) == 0)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "last_read_message_id");
  json_builder_add_string_value (builder, last_id);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("/v1/conversations/%s", conversation_id (self));
  td_client_call_async (self->client, "PATCH", path, body, NULL, NULL,
                        self->cancellable, mark_read_done_cb, g_object_ref (self));
}

/* ---- Live events ------------------------------------------------------ */

static void
event_cb (GObject    *stream,
          const char *type,
          JsonObject *object,
          gpointer    user_data)
{
  TdConversationThread *self = user_data;
  const char *id;
  guint position;

  if (object == NULL || !json_object_has_member (object, "id"))
    return;

  id = json_object_get_string_member_with_default (object, "id", NULL);

  if (g_strcmp0 (type, "message.created") == 0 || g_strcmp0 (type, "message.updated") == 0)
    {
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "conversation_id", NULL),
                     conversation_id (self)) != 0)
        return;

      if (find_message (self, id, &position))
        {
          g_autoptr(TdMessage) message = g_list_model_get_item (G_LIST_MODEL (self->messages),
                                                                position);

          td_resource_update_from_json (TD_RESOURCE (message), object);
        }
      else if (g_strcmp0 (type, "message.created") == 0)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(TdResource) message = NULL;
          guint n = g_list_model_get_n_items (G_LIST_MODEL (self->messages));

          message = TD_RESOURCE_NEW_FROM_JSON (TD_TYPE_MESSAGE, object, &error);
          if (message == NULL)
            {
              g_message ("Skipped a live text: %s", error->message);
              return;
            }

          /* Before the replies still on their way. */
          position = n;
          while (position > 0)
            {
              g_autoptr(TdMessage) before = g_list_model_get_item (G_LIST_MODEL (self->messages),
                                                                   position - 1);

              if (find_pending (self, before) == NULL)
                break;
              position--;
            }
          g_list_store_insert (self->messages, position, message);
        }
    }
  else if (g_strcmp0 (type, "conversation.updated") == 0 &&
           g_strcmp0 (id, conversation_id (self)) == 0)
    {
      JsonObject *subscriber;

      td_resource_update_from_json (TD_RESOURCE (self->conversation), object);

      subscriber = json_object_get_object_member (object, "subscriber");
      if (subscriber != NULL)
        {
          const char *status =
            json_object_get_string_member_with_default (subscriber, "status", NULL);
          gboolean opted_out = g_strcmp0 (status, "opted_out") == 0;

          if (opted_out != self->opted_out)
            {
              self->opted_out = opted_out;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
            }
        }
    }
  else if (g_strcmp0 (type, "subscriber.updated") == 0)
    {
      TdSubscriberSummary *summary = td_conversation_get_subscriber (self->conversation);

      if (summary != NULL && g_strcmp0 (id, td_resource_get_id (TD_RESOURCE (summary))) == 0)
        {
          const char *status =
            json_object_get_string_member_with_default (object, "status", NULL);
          gboolean opted_out = g_strcmp0 (status, "opted_out") == 0;

          if (opted_out != self->opted_out)
            {
              self->opted_out = opted_out;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
            }
        }
    }
}

static void
reset_cb (TdConversationThread *self)
{
  /* Events were missed: texts may have come and statuses moved on. */
  if (self->loaded_limit > 0)
    td_conversation_thread_load (self, self->loaded_limit);
}

/* ---- Composer binding ---------------------------------------------- */

static void
composer_send_cb (TdComposer           *composer,
                  const char           *body,
                  TdConversationThread *self)
{
  td_conversation_thread_send (self, body);
}

static void
update_composer (TdConversationThread *self,
                 TdComposer           *composer)
{
  g_autofree char *reason = td_conversation_thread_dup_blocked_reason (self);
  g_autoptr(GHashTable) values = td_conversation_thread_dup_values (self);

  td_composer_set_values (composer, values);
  td_composer_set_blocked_reason (composer, reason);
}

static void
thread_changed_for_composer_cb (GObject    *object,
                                GParamSpec *pspec,
                                gpointer    composer)
{
  update_composer (TD_CONVERSATION_THREAD (object), composer);
}

static void
thread_values_for_composer_cb (TdConversationThread *self,
                               gpointer              composer)
{
  update_composer (self, composer);
}

/**
 * td_conversation_thread_bind_composer:
 * @self: a #TdConversationThread
 * @composer: a #TdComposer
 *
 * Makes @composer write this thread's replies: its text is the thread's
 * draft, it is busy while a reply is in flight, blocked when the
 * subscriber opted out, and measures the text filled for this subscriber.
 */
void
td_conversation_thread_bind_composer (TdConversationThread *self,
                                      GtkWidget            *composer)
{
  GBinding *binding;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));
  g_return_if_fail (TD_IS_COMPOSER (composer));

  binding = g_object_bind_property (self, "draft", composer, "text",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (composer), "td-thread-draft-binding", binding);
  binding = g_object_bind_property (self, "sending", composer, "busy", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (composer), "td-thread-busy-binding", binding);

  g_signal_connect_object (composer, "send", G_CALLBACK (composer_send_cb), self, 0);
  g_signal_connect_object (self, "notify::blocked-reason",
                           G_CALLBACK (thread_changed_for_composer_cb), composer, 0);
  g_signal_connect_object (self, "values-changed",
                           G_CALLBACK (thread_values_for_composer_cb), composer, 0);

  update_composer (self, TD_COMPOSER (composer));
}

/**
 * td_conversation_thread_unbind_composer:
 * @self: a #TdConversationThread
 * @composer: a #TdComposer bound with td_conversation_thread_bind_composer()
 */
void
td_conversation_thread_unbind_composer (TdConversationThread *self,
                                        GtkWidget            *composer)
{
  GBinding *binding;

  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));
  g_return_if_fail (TD_IS_COMPOSER (composer));

  binding = g_object_steal_data (G_OBJECT (composer), "td-thread-draft-binding");
  if (binding != NULL)
    g_binding_unbind (binding);
  binding = g_object_steal_data (G_OBJECT (composer), "td-thread-busy-binding");
  if (binding != NULL)
    g_binding_unbind (binding);

  g_signal_handlers_disconnect_by_func (composer, composer_send_cb, self);
  g_signal_handlers_disconnect_by_func (self, thread_changed_for_composer_cb, composer);
  g_signal_handlers_disconnect_by_func (self, thread_values_for_composer_cb, composer);

  td_composer_set_busy (TD_COMPOSER (composer), FALSE);
  td_composer_set_blocked_reason (TD_COMPOSER (composer), NULL);
  td_composer_set_values (TD_COMPOSER (composer), NULL);
  td_composer_set_text (TD_COMPOSER (composer), "");
}

/* ---- Bubbles ---------------------------------------------------------- */

static void
bubble_retry_cb (TdMessageBubble      *bubble,
                 TdConversationThread *self)
{
  td_conversation_thread_retry (self, td_message_bubble_get_message (bubble));
}

static void
reply_changed_for_bubble_cb (TdConversationThread *self,
                             TdMessage            *message,
                             TdMessageBubble      *bubble)
{
  if (td_message_bubble_get_message (bubble) == message)
    td_message_bubble_set_error (bubble, td_conversation_thread_get_send_error (self, message));
}

/**
 * td_conversation_thread_create_bubble:
 * @self: a #TdConversationThread
 * @message: a text of the thread
 *
 * Returns: (transfer floating): a bubble for @message that shows why a
 *   reply failed, and retries it with its own idempotency key
 */
GtkWidget *
td_conversation_thread_create_bubble (TdConversationThread *self,
                                      TdMessage            *message)
{
  GtkWidget *bubble;

  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  bubble = td_message_bubble_new (message);
  td_message_bubble_set_error (TD_MESSAGE_BUBBLE (bubble),
                               td_conversation_thread_get_send_error (self, message));
  g_signal_connect_object (bubble, "retry", G_CALLBACK (bubble_retry_cb), self, 0);
  g_signal_connect_object (self, "reply-changed",
                           G_CALLBACK (reply_changed_for_bubble_cb), bubble, 0);

  return bubble;
}

/* ---- The subscriber --------------------------------------------------- */

/**
 * td_conversation_thread_dup_display_name:
 * @self: a #TdConversationThread
 *
 * Returns: (transfer full): the subscriber's name, or their number as
 *   people write it
 */
char *
td_conversation_thread_dup_display_name (TdConversationThread *self)
{
  TdSubscriberSummary *summary;
  const char *first, *last, *phone;

  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  summary = td_conversation_get_subscriber (self->conversation);
  if (summary == NULL)
    return g_strdup (_("Unknown subscriber"));

  first = td_subscriber_summary_get_first_name (summary);
  last = td_subscriber_summary_get_last_name (summary);
  phone = td_subscriber_summary_get_phone (summary);

  if ((first && *first) || (last && *last))
    return g_strstrip (g_strdup_printf ("%s %s", first ? first : "", last ? last : ""));

  if (phone != NULL)
    return td_phone_format (phone);

  return g_strdup (_("Unknown subscriber"));
}

/**
 * td_conversation_thread_dup_values:
 * @self: a #TdConversationThread
 *
 * Returns: (transfer full): the values of placeholders for this
 *   subscriber, as td_template_fill() takes them
 */
GHashTable *
td_conversation_thread_dup_values (TdConversationThread *self)
{
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  TdSubscriberSummary *summary;

  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), values);

  if (self->fields != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->fields);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (values, g_strdup (key), g_strdup (value));
    }

  summary = td_conversation_get_subscriber (self->conversation);
  if (summary != NULL)
    {
      const char *phone = td_subscriber_summary_get_phone (summary);

      g_hash_table_insert (values, g_strdup ("first_name"),
                           g_strdup (td_subscriber_summary_get_first_name (summary)));
      g_hash_table_insert (values, g_strdup ("last_name"),
                           g_strdup (td_subscriber_summary_get_last_name (summary)));
      if (phone != NULL)
        g_hash_table_insert (values, g_strdup ("phone"), td_phone_format (phone));
    }

  return values;
}

/**
 * td_conversation_thread_dup_blocked_reason:
 * @self: a #TdConversationThread
 *
 * Returns: (transfer full) (nullable): why no reply can be sent, or %NULL
 */
char *
td_conversation_thread_dup_blocked_reason (TdConversationThread *self)
{
  TdSubscriberSummary *summary;
  g_autofree char *name = NULL;

  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  summary = td_conversation_get_subscriber (self->conversation);
  if (!self->opted_out &&
      (summary == NULL || g_strcmp0 (td_subscriber_summary_get_status (summary), "opted_out") != 0))
    return NULL;

  name = td_conversation_thread_dup_display_name (self);

  return g_strdup_printf (_("%s opted out of texts, so nothing can be sent to them. "
                            "They can opt back in by texting START."), name);
}

/* ---- GObject ---------------------------------------------------------- */

static void
summary_notify_cb (TdConversationThread *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCKED_REASON]);
  g_signal_emit (self, signals[SIGNAL_VALUES_CHANGED], 0);
}

static void
td_conversation_thread_dispose (GObject *object)
{
  TdConversationThread *self = TD_CONVERSATION_THREAD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (self->cache != NULL && self->conversation != NULL)
    {
      const char *id = td_resource_get_id (TD_RESOURCE (self->conversation));

      if (g_hash_table_lookup (self->cache, id) == self)
        g_hash_table_remove (self->cache, id);
      self->cache = NULL;
    }

  if (self->event_stream != NULL)
    g_signal_handlers_disconnect_by_data (self->event_stream, self);
  g_clear_object (&self->event_stream);

  if (self->pending != NULL)
    g_ptr_array_set_size (self->pending, 0);

  G_OBJECT_CLASS (td_conversation_thread_parent_class)->dispose (object);
}

static void
td_conversation_thread_finalize (GObject *object)
{
  TdConversationThread *self = TD_CONVERSATION_THREAD (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->conversation);
  g_clear_object (&self->messages);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_hash_table_unref);
  g_clear_pointer (&self->draft, g_free);
  g_clear_pointer (&self->load_error, g_free);
  g_clear_pointer (&self->next_cursor, g_free);

  G_OBJECT_CLASS (td_conversation_thread_parent_class)->finalize (object);
}

static void
td_conversation_thread_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TdConversationThread *self = TD_CONVERSATION_THREAD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      g_value_set_string (value, self->draft ? self->draft : "");
      break;

    case PROP_SENDING:
      g_value_set_boolean (value, self->sending);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_LOAD_ERROR:
      g_value_set_string (value, self->load_error);
      break;

    case PROP_HAS_EARLIER:
      g_value_set_boolean (value, self->next_cursor != NULL);
      break;

    case PROP_BLOCKED_REASON:
      g_value_take_string (value, td_conversation_thread_dup_blocked_reason (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_thread_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TdConversationThread *self = TD_CONVERSATION_THREAD (object);

  switch (prop_id)
    {
    case PROP_DRAFT:
      td_conversation_thread_set_draft (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_conversation_thread_class_init (TdConversationThreadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_conversation_thread_dispose;
  object_class->finalize = td_conversation_thread_finalize;
  object_class->get_property = td_conversation_thread_get_property;
  object_class->set_property = td_conversation_thread_set_property;

  properties[PROP_DRAFT] =
    g_param_spec_string ("draft", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_SENDING] =
    g_param_spec_boolean ("sending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  properties[PROP_LOAD_ERROR] =
    g_param_spec_string ("load-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_EARLIER] =
    g_param_spec_boolean ("has-earlier", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);
  properties[PROP_BLOCKED_REASON] =
    g_param_spec_string ("blocked-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdConversationThread::reply-changed:
   * @message: the stand-in of a pending reply
   *
   * A pending reply was sent again, or failed.
   */
  signals[SIGNAL_REPLY_CHANGED] =
    g_signal_new ("reply-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, TD_TYPE_MESSAGE);

  /**
   * TdConversationThread::values-changed:
   *
   * The values of placeholders changed (the subscriber's fields came).
   */
  signals[SIGNAL_VALUES_CHANGED] =
    g_signal_new ("values-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
td_conversation_thread_init (TdConversationThread *self)
{
  self->cancellable = g_cancellable_new ();
  self->messages = g_list_store_new (TD_TYPE_MESSAGE);
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  self->draft = g_strdup ("");
}

/**
 * td_conversation_thread_new:
 * @client: the client of the signed-in account
 * @conversation: the conversation
 * @event_stream: (nullable): a TdEventStream, whose "event" signal keeps
 *   the thread live
 *
 * Returns: (transfer full): a new thread; call td_conversation_thread_load()
 */
TdConversationThread *
td_conversation_thread_new (TdClient       *client,
                            TdConversation *conversation,
                            GObject        *event_stream)
{
  TdConversationThread *self;
  TdSubscriberSummary *summary;

  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_CONVERSATION (conversation), NULL);

  self = g_object_new (TD_TYPE_CONVERSATION_THREAD, NULL);
  self->client = g_object_ref (client);
  self->conversation = g_object_ref (conversation);

  summary = td_conversation_get_subscriber (conversation);
  if (summary != NULL)
    g_signal_connect_object (summary, "notify", G_CALLBACK (summary_notify_cb),
                             self, G_CONNECT_SWAPPED);

  if (event_stream != NULL)
    {
      self->event_stream = g_object_ref (event_stream);
      g_signal_connect (event_stream, "event", G_CALLBACK (event_cb), self);
      g_signal_connect_swapped (event_stream, "reset", G_CALLBACK (reset_cb), self);
    }

  return self;
}

/**
 * td_conversation_thread_get_for:
 * @client: the client of the signed-in account
 * @conversation: the conversation
 * @event_stream: (nullable): a TdEventStream
 *
 * Gives every view of a conversation the same thread, for as long as one
 * of them holds it: a row, the pane and the Stream share draft, replies
 * in flight and texts.
 *
 * Returns: (transfer full): the thread of @conversation
 */
TdConversationThread *
td_conversation_thread_get_for (TdClient       *client,
                                TdConversation *conversation,
                                GObject        *event_stream)
{
  GHashTable *threads;
  TdConversationThread *thread;
  const char *id;

  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_CONVERSATION (conversation), NULL);

  threads = g_object_get_data (G_OBJECT (client), "td-conversation-threads");
  if (threads == NULL)
    {
      threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (client), "td-conversation-threads",
                              threads, (GDestroyNotify) g_hash_table_unref);
    }

  id = td_resource_get_id (TD_RESOURCE (conversation));
  thread = g_hash_table_lookup (threads, id);
  if (thread != NULL)
    {
      /* A newer copy of the conversation, from a list page or an event. */
      if (thread->conversation != conversation)
        td_resource_update_from_json (TD_RESOURCE (thread->conversation),
                                      td_resource_get_json (TD_RESOURCE (conversation)));
      return g_object_ref (thread);
    }

  thread = td_conversation_thread_new (client, conversation, event_stream);
  g_hash_table_insert (threads, g_strdup (id), thread);
  thread->cache = threads;

  return thread;
}

TdConversation *
td_conversation_thread_get_conversation (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  return self->conversation;
}

/**
 * td_conversation_thread_get_messages:
 * @self: a #TdConversationThread
 *
 * Returns: (transfer none): the texts, oldest first, replies on their way
 *   last, as #TdMessage
 */
GListModel *
td_conversation_thread_get_messages (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  return G_LIST_MODEL (self->messages);
}

gboolean
td_conversation_thread_get_loading (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), FALSE);

  return self->loading;
}

const char *
td_conversation_thread_get_load_error (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  return self->load_error;
}

const char *
td_conversation_thread_get_draft (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), NULL);

  return self->draft;
}

void
td_conversation_thread_set_draft (TdConversationThread *self,
                                  const char           *draft)
{
  g_return_if_fail (TD_IS_CONVERSATION_THREAD (self));

  if (draft == NULL)
    draft = "";

  if (g_strcmp0 (self->draft, draft) == 0)
    return;

  g_free (self->draft);
  self->draft = g_strdup (draft);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

gboolean
td_conversation_thread_get_sending (TdConversationThread *self)
{
  g_return_val_if_fail (TD_IS_CONVERSATION_THREAD (self), FALSE);

  return self->sending;
}
