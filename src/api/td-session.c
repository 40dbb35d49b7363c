/* td-session.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "td-api-error.h"
#include "td-session.h"

/*
 * TdSession is what a signed-in window shares with its views: the client
 * that carries the token, who is signed in, and one event stream. It ends
 * once, with "signed-out": when the person signs out, or when the platform
 * answers 401 to any call (td_session_handle_error()).
 */

struct _TdSession
{
  GObject        parent_instance;

  TdClient      *client;
  TdAccountInfo *me;
  TdEventStream *events;
  char          *sign_out_message;
  guint          signed_out : 1;
};

G_DEFINE_FINAL_TYPE (TdSession, td_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_ACCOUNT_INFO,
  PROP_SIGNED_OUT,
  N_PROPS
};

enum {
  SIGNED_OUT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
td_session_dispose (GObject *object)
{
  TdSession *self = TD_SESSION (object);

  if (self->events != NULL)
    td_event_stream_stop (self->events);
  g_clear_object (&self->events);

  G_OBJECT_CLASS (td_session_parent_class)->dispose (object);
}

static void
td_session_finalize (GObject *object)
{
  TdSession *self = TD_SESSION (object);

  g_clear_object (&self->client);
  g_clear_object (&self->me);
  g_clear_pointer (&self->sign_out_message, g_free);

  G_OBJECT_CLASS (td_session_parent_class)->finalize (object);
}

static void
td_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  TdSession *self = TD_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_ACCOUNT_INFO:
      g_value_set_object (value, self->me);
      break;

    case PROP_SIGNED_OUT:
      g_value_set_boolean (value, self->signed_out);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  TdSession *self = TD_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_ACCOUNT_INFO:
      self->me = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_session_class_init (TdSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_session_dispose;
  object_class->finalize = td_session_finalize;
  object_class->get_property = td_session_get_property;
  object_class->set_property = td_session_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TD_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_ACCOUNT_INFO] =
    g_param_spec_object ("account-info", NULL, NULL, TD_TYPE_ACCOUNT_INFO,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS);

  properties[PROP_SIGNED_OUT] =
    g_param_spec_boolean ("signed-out", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdSession::signed-out:
   * @self: the session
   *
   * The session has ended: its token is no longer good. Emitted once;
   * td_session_get_sign_out_message() says why when it was not the
   * person's own choice.
   */
  signals[SIGNED_OUT] =
    g_signal_new ("signed-out",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_session_init (TdSession *self)
{
}

/**
 * td_session_new:
 * @client: a client that carries a valid token
 * @me: who is signed in
 *
 * Returns: (transfer full): a new #TdSession
 */
TdSession *
td_session_new (TdClient      *client,
                TdAccountInfo *me)
{
  g_return_val_if_fail (TD_IS_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_ACCOUNT_INFO (me), NULL);

  return g_object_new (TD_TYPE_SESSION,
                       "client", client,
                       "account-info", me,
                       NULL);
}

/**
 * td_session_get_client:
 * @self: a #TdSession
 *
 * Returns: (transfer none): the client of this sign-in
 */
TdClient *
td_session_get_client (TdSession *self)
{
  g_return_val_if_fail (TD_IS_SESSION (self), NULL);

  return self->client;
}

/**
 * td_session_get_account_info:
 * @self: a #TdSession
 *
 * Returns: (transfer none): who is signed in, and to which account
 */
TdAccountInfo *
td_session_get_account_info (TdSession *self)
{
  g_return_val_if_fail (TD_IS_SESSION (self), NULL);

  return self->me;
}

static void
event_stream_error_cb (TdEventStream *events,
                       GParamSpec    *pspec,
                       TdSession     *self)
{
  const GError *error = td_event_stream_get_error (events);

  /* The stream stops itself on a 401; the session ends with it. */
  if (error != NULL)
    td_session_handle_error (self, error);
}

/**
 * td_session_get_event_stream:
 * @self: a #TdSession
 *
 * The one live event stream of this sign-in, made on first use; whoever
 * owns the session starts it.
 *
 * Returns: (transfer none): the event stream
 */
TdEventStream *
td_session_get_event_stream (TdSession *self)
{
  g_return_val_if_fail (TD_IS_SESSION (self), NULL);

  if (self->events == NULL)
    {
      self->events = td_event_stream_new (self->client);
      g_signal_connect_object (self->events, "notify::error",
                               G_CALLBACK (event_stream_error_cb), self, 0);
    }

  return self->events;
}

/**
 * td_session_get_signed_out:
 * @self: a #TdSession
 *
 * Returns: whether the session has ended
 */
gboolean
td_session_get_signed_out (TdSession *self)
{
  g_return_val_if_fail (TD_IS_SESSION (self), FALSE);

  return self->signed_out;
}

/**
 * td_session_get_sign_out_message:
 * @self: a #TdSession
 *
 * Returns: (nullable): why the session ended, when it was not the
 *   person's own choice
 */
const char *
td_session_get_sign_out_message (TdSession *self)
{
  g_return_val_if_fail (TD_IS_SESSION (self), NULL);

  return self->sign_out_message;
}

/**
 * td_session_end:
 * @self: a #TdSession
 * @message: (nullable): why, in a sentence for the person; %NULL when
 *   they signed out themselves
 *
 * Ends the session: stops its event stream and emits
 * #TdSession::signed-out, once.
 */
void
td_session_end (TdSession  *self,
                const char *message)
{
  g_return_if_fail (TD_IS_SESSION (self));

  if (self->signed_out)
    return;

  self->signed_out = TRUE;
  self->sign_out_message = g_strdup (message);

  if (self->events != NULL)
    td_event_stream_stop (self->events);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_OUT]);
  g_signal_emit (self, signals[SIGNED_OUT], 0);
}

/**
 * td_session_handle_error:
 * @self: a #TdSession
 * @error: an error of a call made with this session's client
 *
 * Views pass every failed call here: a 401 means the token was revoked or
 * has expired, which ends the session for all views at once.
 *
 * Returns: %TRUE when @error ended the session, so the caller need not
 *   show it
 */
gboolean
td_session_handle_error (TdSession    *self,
                         const GError *error)
{
  g_return_val_if_fail (TD_IS_SESSION (self), FALSE);

  if (!g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
    return FALSE;

  td_session_end (self, _("You were signed out because your sign-in is no "
                          "longer valid. Sign in again to continue."));
  return TRUE;
}
