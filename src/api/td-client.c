/* td-client.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "td-client.h"
#include "td-client-private.h"
#include "td-json-private.h"

#define DEFAULT_TIMEOUT_SECONDS 30
#define DEFAULT_MAX_ATTEMPTS 4
#define DEFAULT_FIRST_DELAY_MS 400
#define DEFAULT_MAX_DELAY_MS 8000
/* A Retry-After longer than this is not waited out: the caller hears
 * TD_API_ERROR_RATE_LIMITED with the wait, and the person decides. */
#define MAX_RETRY_AFTER_SECONDS 30
/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

/**
 * TdClient:
 *
 * The client of the platform's REST API: one #SoupSession, a request
 * timeout, no automatic redirects, `Authorization: Bearer` when a token
 * is set. Idempotent calls (GET, DELETE, PATCH with If-Match, POST with
 * an Idempotency-Key) are retried with exponential backoff and jitter on
 * network errors, time-outs, 5xx and 429 (waiting out Retry-After when
 * it is short). Every failure comes back in %TD_API_ERROR with a
 * sentence a person can read.
 */
struct _TdClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *token;
  guint timeout;
  guint max_attempts;
  guint first_delay_ms;
  guint max_delay_ms;
};

G_DEFINE_FINAL_TYPE (TdClient, td_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_SIGNED_IN,
  PROP_TIMEOUT,
  N_PROPS
};

enum {
  UNAUTHORIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* One call, through all of its attempts. */
typedef struct
{
  char *method;
  char *path;
  GBytes *body;
  char *if_match;
  char *idempotency_key;
  gboolean had_token;
  guint attempt;
  SoupMessage *message;
  GSource *wait_source;
  GSource *cancel_source;
  char *etag;
} Call;

static void call_send (GTask *task);

static void
call_clear_wait (Call *call)
{
  if (call->wait_source != NULL)
    {
      g_source_destroy (call->wait_source);
      g_clear_pointer (&call->wait_source, g_source_unref);
    }
  if (call->cancel_source != NULL)
    {
      g_source_destroy (call->cancel_source);
      g_clear_pointer (&call->cancel_source, g_source_unref);
    }
}

static void
call_free (gpointer data)
{
  Call *call = data;

  call_clear_wait (call);
  g_free (call->method);
  g_free (call->path);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_free (call->if_match);
  g_free (call->idempotency_key);
  g_clear_object (&call->message);
  g_free (call->etag);
  g_free (call);
}

/* Whether sending the call twice does no more than sending it once. */
static gboolean
call_is_idempotent (Call *call)
{
  if (g_str_equal (call->method, "GET")
      || g_str_equal (call->method, "HEAD")
      || g_str_equal (call->method, "DELETE")
      || g_str_equal (call->method, "PUT"))
    return TRUE;

  if (g_str_equal (call->method, "PATCH"))
    return call->if_match != NULL;

  if (g_str_equal (call->method, "POST"))
    return call->idempotency_key != NULL;

  return FALSE;
}

static gboolean
is_json_content_type (const char *content_type)
{
  if (content_type == NULL)
    return FALSE;

  return g_ascii_strcasecmp (content_type, "application/json") == 0
         || g_str_has_suffix (content_type, "+json");
}

/* Seconds from a Retry-After header: a number or an HTTP date. */
static guint
parse_retry_after (SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  g_autofree char *trimmed = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;

  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXUINT, &seconds, NULL))
    return (guint) seconds;
  else
    {
      g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span;

      if (when == NULL)
        return 0;

      span = g_date_time_difference (when, now);
      if (span <= 0)
        return 0;

      return (guint) MIN (span / G_TIME_SPAN_SECOND + 1, G_MAXUINT);
    }
}

/**
 * td_client_backoff_delay:
 * @attempt: the attempt that failed, from 1
 * @first_delay_ms: the wait after the first failure
 * @max_delay_ms: the longest wait
 *
 * Exponential backoff with "equal jitter": half of the doubled delay,
 * plus a random part of the other half, so that many clients that lost
 * the server at once do not come back at once.
 *
 * Returns: milliseconds to wait before the next attempt
 */
guint
td_client_backoff_delay (guint attempt,
                         guint first_delay_ms,
                         guint max_delay_ms)
{
  guint64 delay = first_delay_ms;
  guint half;

  for (guint i = 1; i < attempt && delay < max_delay_ms; i++)
    delay *= 2;
  delay = MIN (delay, max_delay_ms);

  half = (guint) (delay / 2);
  if (half == 0)
    return (guint) delay;

  return half + (guint) g_random_int_range (0, (gint32) MIN (half, G_MAXINT32) + 1);
}

/**
 * td_client_map_transport_error:
 * @self: a #TdClient
 * @message: (nullable): the message that failed
 * @error: what libsoup or GIO said
 *
 * Returns: (transfer full): @error in %TD_API_ERROR (cancellation stays
 *   %G_IO_ERROR_CANCELLED)
 */
GError *
td_client_map_transport_error (TdClient     *self,
                               SoupMessage  *message,
                               const GError *error)
{
  g_autoptr(GUri) uri = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL
                     ? g_uri_get_host (uri) : self->base_url;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  g_debug ("Transport error: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (error->domain == G_TLS_ERROR
      || (message != NULL
          && soup_message_get_tls_peer_certificate_errors (message) != 0))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TLS,
                        _("The certificate of %s is not trusted, so the "
                          "connection is not safe. Check the server address."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_TIMEOUT,
                        _("%s took too long to answer. Try again in a moment."),
                        host);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (TD_API_ERROR, TD_API_ERROR_NETWORK,
                        _("Could not find the server %s. Check the address "
                          "and your network connection."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_NETWORK,
                        _("The server %s refused the connection. It may be "
                          "down or not running."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
      || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_NETWORK,
                        _("Cannot reach %s. Check your network connection."),
                        host);

  if (error->domain == SOUP_SESSION_ERROR
      && (error->code == SOUP_SESSION_ERROR_PARSING
          || error->code == SOUP_SESSION_ERROR_ENCODING
          || error->code == SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS
          || error->code == SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION
          || error->code == SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    return g_error_new (TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                        _("%s sent an answer that is not HTTP this app can "
                          "read. It may not be a Textdesk platform."),
                        host);

  return g_error_new (TD_API_ERROR, TD_API_ERROR_NETWORK,
                      _("The connection to %s was lost. Check your network "
                        "connection."),
                      host);
}

static const char *
sentence_for_problem_code (const char *code)
{
  /* The codes of the platform contract whose server text may be too
   * technical or missing; a translated sentence is better. */
  static const struct {
    const char *code;
    const char *sentence;
  } known[] = {
    { "opted_out", N_("This subscriber has opted out and cannot be sent texts.") },
    { "keyword_taken", N_("That keyword is already used on this short code.") },
    { "shared_short_code", N_("Only a dedicated short code has these settings.") },
    { "phone_taken", N_("A subscriber with this phone number already exists.") },
    { "invalid_credentials", N_("The email address or the password is not right.") },
  };

  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].code, code))
      return _(known[i].sentence);

  return NULL;
}

static char *
sentence_for_status (guint  status,
                     guint  retry_after,
                     int   *error_code)
{
  switch (status)
    {
    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      *error_code = TD_API_ERROR_INVALID;
      return g_strdup (_("The server did not accept what was entered."));

    case SOUP_STATUS_UNAUTHORIZED:
      *error_code = TD_API_ERROR_UNAUTHORIZED;
      return g_strdup (_("You are no longer signed in. Sign in again."));

    case SOUP_STATUS_FORBIDDEN:
      *error_code = TD_API_ERROR_FORBIDDEN;
      return g_strdup (_("Your role in this account does not allow this. "
                         "An admin of the account can do it."));

    case SOUP_STATUS_NOT_FOUND:
    case SOUP_STATUS_GONE:
      *error_code = TD_API_ERROR_NOT_FOUND;
      return g_strdup (_("This no longer exists, or it belongs to another "
                         "account."));

    case SOUP_STATUS_CONFLICT:
      *error_code = TD_API_ERROR_CONFLICT;
      return g_strdup (_("This clashes with the current state on the server."));

    case SOUP_STATUS_PRECONDITION_FAILED:
      *error_code = TD_API_ERROR_PRECONDITION_FAILED;
      return g_strdup (_("Someone else changed this in the meantime. Look at "
                         "the new version and try again."));

    case STATUS_TOO_MANY_REQUESTS:
      *error_code = TD_API_ERROR_RATE_LIMITED;
      if (retry_after > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Too many requests. Try again in %u second.",
                                             "Too many requests. Try again in %u seconds.",
                                             retry_after),
                                retry_after);
      return g_strdup (_("Too many requests. Try again in a moment."));

    default:
      if (status >= 500)
        {
          *error_code = TD_API_ERROR_SERVER;
          return g_strdup_printf (_("The server ran into a problem (error %u). "
                                    "Try again later."),
                                  status);
        }

      *error_code = TD_API_ERROR_INVALID;
      return g_strdup_printf (_("The server refused the request (error %u)."),
                              status);
    }
}

/**
 * td_client_error_from_response:
 * @self: a #TdClient
 * @message: a message answered with a status of 400 or more
 * @body: (nullable): the answer's body
 *
 * Turns an error answer, problem+json or not, into %TD_API_ERROR, with
 * the problem's `code`, field errors and Retry-After kept.
 *
 * Returns: (transfer full): the error
 */
GError *
td_client_error_from_response (TdClient    *self,
                               SoupMessage *message,
                               GBytes      *body)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint status = soup_message_get_status (message);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *fallback = NULL;
  JsonObject *problem = NULL;
  const char *problem_code = NULL;
  const char *text = NULL;
  guint retry_after = 0;
  int code = TD_API_ERROR_SERVER;
  GError *error;

  if (status == STATUS_TOO_MANY_REQUESTS
      || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    retry_after = parse_retry_after (message);

  if (body != NULL && g_bytes_get_size (body) > 0
      && is_json_content_type (content_type))
    {
      gsize len;
      const char *data = g_bytes_get_data (body, &len);
      JsonNode *root;

      parser = json_parser_new ();
      if (json_parser_load_from_data (parser, data, (gssize) len, NULL)
          && (root = json_parser_get_root (parser)) != NULL
          && JSON_NODE_HOLDS_OBJECT (root))
        problem = json_node_get_object (root);
      else
        g_debug ("The error answer %u is not a JSON object", status);
    }

  fallback = sentence_for_status (status, retry_after, &code);
  problem_code = td_json_get_string (problem, "code");

  /* The server's own sentence first, as it knows the case best; a rate
   * limit always says how long to wait. */
  if (code != TD_API_ERROR_RATE_LIMITED)
    {
      text = td_json_get_string (problem, "detail");
      if (text == NULL || *text == '\0')
        text = td_json_get_string (problem, "title");
      if (text == NULL || *text == '\0')
        text = sentence_for_problem_code (problem_code);
    }
  if (text == NULL || *text == '\0')
    text = fallback;

  error = g_error_new_literal (TD_API_ERROR, code, text);
  td_api_error_set_problem (error, status, problem_code, retry_after);

  if (problem != NULL)
    {
      JsonArray *errors = td_json_get_array (problem, "errors");

      for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
        {
          JsonNode *node = json_array_get_element (errors, i);
          JsonObject *item;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          item = json_node_get_object (node);
          td_api_error_add_field_error (error,
                                        td_json_get_string (item, "field"),
                                        td_json_get_string (item, "code"),
                                        td_json_get_string (item, "message"));
        }
    }

  g_debug ("Answer %u%s%s: %s", status,
           problem_code != NULL ? " " : "",
           problem_code != NULL ? problem_code : "",
           error->message);

  return error;
}

/* Reads a 2xx answer: NULL with no error for 204 and 205. */
static JsonNode *
parse_success (TdClient     *self,
               SoupMessage  *message,
               GBytes       *body,
               GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint status = soup_message_get_status (message);
  const char *content_type;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len = 0;

  if (status == SOUP_STATUS_NO_CONTENT || status == SOUP_STATUS_RESET_CONTENT)
    return NULL;

  data = body != NULL ? g_bytes_get_data (body, &len) : NULL;
  if (len == 0)
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent an empty answer where data was "
                             "expected. It may not be a Textdesk platform, or "
                             "it may be failing."));
      return NULL;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (!is_json_content_type (content_type))
    {
      g_debug ("Answer of type %s", content_type ? content_type : "(none)");
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                   _("The server at %s is not a Textdesk platform: it answered "
                     "with something else than data."),
                   self->base_url);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error)
      || json_parser_get_root (parser) == NULL)
    {
      g_debug ("Malformed JSON: %s",
               local_error != NULL ? local_error->message : "empty");
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent a damaged answer that this app "
                             "cannot read. Try again; if it keeps happening, "
                             "the server needs fixing."));
      return NULL;
    }

  return json_parser_steal_root (parser);
}

static gboolean
should_retry (Call         *call,
              const GError *error,
              guint         max_attempts)
{
  if (call->attempt >= max_attempts || !call_is_idempotent (call))
    return FALSE;

  if (error->domain != TD_API_ERROR)
    return FALSE;

  /* A server that asks for a long wait gets it from the person, who
   * sees how long in the message. */
  if (td_api_error_get_retry_after (error) > MAX_RETRY_AFTER_SECONDS)
    return FALSE;

  switch (error->code)
    {
    case TD_API_ERROR_NETWORK:
    case TD_API_ERROR_TIMEOUT:
    case TD_API_ERROR_SERVER:
      return TRUE;

    case TD_API_ERROR_RATE_LIMITED:
      return TRUE;

    case TD_API_ERROR_CONFLICT:
      /* The same Idempotency-Key is still being worked on. */
      return call->idempotency_key != NULL
             && g_strcmp0 (td_api_error_get_problem_code (error),
                           "idempotency_in_flight") == 0;

    default:
      return FALSE;
    }
}

static gboolean
retry_timeout_cb (gpointer data)
{
  GTask *task = data;
  Call *call = g_task_get_task_data (task);

  call_clear_wait (call);
  call_send (task);
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static gboolean
retry_cancelled_cb (GCancellable *cancellable,
                    gpointer      data)
{
  GTask *task = data;
  Call *call = g_task_get_task_data (task);

  call_clear_wait (call);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The request was cancelled"));
  g_object_unref (task);

  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask        *task,
                const GError *error)
{
  TdClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  guint retry_after = td_api_error_get_retry_after (error);
  guint delay_ms;

  if (retry_after > 0)
    delay_ms = retry_after * 1000;
  else
    delay_ms = td_client_backoff_delay (call->attempt, self->first_delay_ms,
                                        self->max_delay_ms);

  g_debug ("%s %s: attempt %u failed (%s); again in %u ms", call->method,
           call->path, call->attempt, error->message, delay_ms);

  g_object_ref (task);
  call->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (call->wait_source, retry_timeout_cb, task, NULL);
  g_source_set_static_name (call->wait_source, "[td-client] retry");
  g_source_attach (call->wait_source, g_task_get_context (task));

  if (cancellable != NULL)
    {
      call->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (call->cancel_source,
                             G_SOURCE_FUNC (retry_cancelled_cb), task, NULL);
      g_source_attach (call->cancel_source, g_task_get_context (task));
    }
}

static void
call_fail (GTask  *task,
           GError *error)
{
  TdClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);

  if (should_retry (call, error, self->max_attempts))
    {
      schedule_retry (task, error);
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED)
      && call->had_token)
    g_signal_emit (self, signals[UNAUTHORIZED], 0);

  g_task_return_error (task, error);
}

static void
call_sent_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                            &error);
  if (body == NULL)
    {
      call_fail (task, td_client_map_transport_error (self, call->message,
                                                      error));
      return;
    }

  status = soup_message_get_status (call->message);
  g_debug ("%s %s -> %u", call->method, call->path, status);

  if (status >= 400)
    {
      call_fail (task, td_client_error_from_response (self, call->message,
                                                      body));
      return;
    }

  if (status < 200 || status >= 300)
    {
      call_fail (task,
                 g_error_new (TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                              _("The server at %s answered in a way a Textdesk "
                                "platform never does (status %u). Check the "
                                "server address."),
                              self->base_url, status));
      return;
    }

  root = parse_success (self, call->message, body, &error);
  if (error != NULL)
    {
      call_fail (task, g_steal_pointer (&error));
      return;
    }

  g_free (call->etag);
  call->etag = g_strdup (soup_message_headers_get_one (
      soup_message_get_response_headers (call->message), "ETag"));

  g_task_return_pointer (task, root, root != NULL
                                     ? (GDestroyNotify) json_node_unref : NULL);
}

/**
 * td_client_build_message:
 * @self: a #TdClient
 * @method: "GET", "POST"...
 * @path: the path and query, from the root of the server ("/v1/me")
 * @error: a %TD_API_ERROR_NETWORK when the address is not one
 *
 * Returns: (transfer full) (nullable): a message with the headers every
 *   API call has: no redirects, JSON, the token
 */
SoupMessage *
td_client_build_message (TdClient    *self,
                         const char  *method,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  SoupMessageHeaders *headers;
  SoupMessage *message;

  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_set_error (error, TD_API_ERROR, TD_API_ERROR_NETWORK,
                   _("“%s” is not a server address."), self->base_url);
      return NULL;
    }

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);

  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
    }

  return message;
}

static void
call_send (GTask *task)
{
  TdClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  if (g_task_return_error_if_cancelled (task))
    return;

  call->attempt++;
  call->had_token = self->token != NULL;
  g_clear_object (&call->message);
  call->message = td_client_build_message (self, call->method, call->path,
                                           &error);
  if (call->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_request_headers (call->message);
  if (call->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", call->if_match);
  if (call->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key",
                                  call->idempotency_key);
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message,
                                              "application/json", call->body);

  soup_session_send_and_read_async (self->session, call->message,
                                    G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    call_sent_cb, g_object_ref (task));
}

/**
 * td_client_call_async:
 * @self: a #TdClient
 * @method: "GET", "POST", "PATCH", "DELETE"
 * @path: the path with its query ("/v1/conversations?view=stream&limit=50")
 * @body: (nullable): the JSON to send
 * @if_match: (nullable): an ETag the object must still have
 * @idempotency_key: (nullable): a key that makes a POST safe to repeat
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends one API call, retrying it as described for #TdClient. A POST is
 * retried only with @idempotency_key.
 */
void
td_client_call_async (TdClient            *self,
                      const char          *method,
                      const char          *path,
                      JsonNode            *body,
                      const char          *if_match,
                      const char          *idempotency_key,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_client_call_async);

  call = g_new0 (Call, 1);
  call->method = g_ascii_strup (method, -1);
  call->path = g_strdup (path);
  call->if_match = g_strdup (if_match);
  call->idempotency_key = g_strdup (idempotency_key);
  if (body != NULL)
    {
      g_autofree char *text = json_to_string (body, FALSE);
      gsize len = strlen (text);

      call->body = g_bytes_new_take (g_steal_pointer (&text), len);
    }
  g_task_set_task_data (task, call, call_free);

  call_send (task);
}

/**
 * td_client_call_finish:
 * @self: a #TdClient
 * @result: the result
 * @out_etag: (out) (optional) (transfer full) (nullable): the ETag of
 *   the answer, if any
 * @error: a %TD_API_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the JSON answer; %NULL without
 *   an error for 204 No Content
 */
JsonNode *
td_client_call_finish (TdClient      *self,
                       GAsyncResult  *result,
                       char         **out_etag,
                       GError       **error)
{
  Call *call;

  g_return_val_if_fail (TD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_client_call_async, NULL);

  call = g_task_get_task_data (G_TASK (result));
  if (out_etag != NULL)
    *out_etag = g_task_had_error (G_TASK (result)) ? NULL
                                                   : g_strdup (call->etag);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Typed calls: an outer task that turns the JSON into its object. */

typedef gpointer (*ConvertFunc) (TdClient    *self,
                                 GTask       *task,
                                 JsonNode    *root,
                                 const char  *etag,
                                 GError     **error);

typedef struct
{
  ConvertFunc convert;
  GDestroyNotify free_result;
  gpointer data;
  GDestroyNotify free_data;
} Typed;

static void
typed_free (gpointer data)
{
  Typed *typed = data;

  if (typed->free_data != NULL)
    g_clear_pointer (&typed->data, typed->free_data);
  g_free (typed);
}

static void
typed_call_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  TdClient *self = TD_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  Typed *typed = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  gpointer value;

  root = td_client_call_finish (self, result, &etag, &error);
  if (error != NULL)
    {
      /* A converter sees the error too, to reword it: at sign-in, 401
       * means a wrong password. It returns nothing then. */
      value = typed->convert (self, task, NULL, NULL, &error);
      g_assert (value == NULL);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  value = typed->convert (self, task, root, etag, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, value, typed->free_result);
}

static void
typed_call (TdClient            *self,
            gpointer             source_tag,
            const char          *method,
            const char          *path,
            JsonNode            *body,
            const char          *if_match,
            const char          *idempotency_key,
            ConvertFunc          convert,
            GDestroyNotify       free_result,
            gpointer             data,
            GDestroyNotify       free_data,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Typed *typed = g_new0 (Typed, 1);

  typed->convert = convert;
  typed->free_result = free_result;
  typed->data = data;
  typed->free_data = free_data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, typed, typed_free);

  td_client_call_async (self, method, path, body, if_match, idempotency_key,
                        cancellable, typed_call_cb, g_steal_pointer (&task));
}

static gpointer
typed_finish (TdClient      *self,
              GAsyncResult  *result,
              gpointer       source_tag,
              GError       **error)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static JsonObject *
require_object (JsonNode  *root,
                GError   **error)
{
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server sent an answer without the expected "
                             "data. It may not be a Textdesk platform."));
      return NULL;
    }

  return json_node_get_object (root);
}

/* Sign in */

static gpointer
convert_sign_in (TdClient    *self,
                 GTask       *task,
                 JsonNode    *root,
                 const char  *etag,
                 GError     **error)
{
  JsonObject *object;
  const char *token;
  TdAccountInfo *info;

  if (*error != NULL)
    {
      /* At sign-in, 401 means the password, not an expired token. */
      if (g_error_matches (*error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
        {
          g_free ((*error)->message);
          (*error)->message = g_strdup (_("The email address or the password "
                                          "is not right."));
        }
      return NULL;
    }

  object = require_object (root, error);
  if (object == NULL)
    return NULL;

  token = td_json_get_string (object, "token");
  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_BAD_RESPONSE,
                           _("The server signed you in but sent no token. It "
                             "may not be a Textdesk platform."));
      return NULL;
    }

  info = td_account_info_new_from_json (object, error);
  if (info == NULL)
    return NULL;

  td_client_set_token (self, token);

  return info;
}

/**
 * td_client_sign_in_async:
 * @self: a #TdClient
 * @email: the user's email address
 * @password: the password; never logged or kept
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Signs in with `POST /v1/sessions`; on success the client keeps the
 * token for its next calls.
 */
void
td_client_sign_in_async (TdClient            *self,
                         const char          *email,
                         const char          *password,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (email != NULL);
  g_return_if_fail (password != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  typed_call (self, td_client_sign_in_async, "POST", "/v1/sessions", body,
              NULL, NULL, convert_sign_in, g_object_unref, NULL, NULL,
              cancellable, callback, user_data);
}

/**
 * td_client_sign_in_finish:
 * @self: a #TdClient
 * @result: the result
 * @error: a %TD_API_ERROR; %TD_API_ERROR_UNAUTHORIZED for a wrong
 *   email or password
 *
 * Returns: (transfer full) (nullable): who signed in
 */
TdAccountInfo *
td_client_sign_in_finish (TdClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return typed_finish (self, result, td_client_sign_in_async, error);
}

/* Sign out */

static gpointer
convert_sign_out (TdClient    *self,
                  GTask       *task,
                  JsonNode    *root,
                  const char  *etag,
                  GError     **error)
{
  if (*error != NULL
      && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* A token the server no longer knows is as good as revoked. */
      if (g_error_matches (*error, TD_API_ERROR, TD_API_ERROR_UNAUTHORIZED))
        g_clear_error (error);
    }

  td_client_set_token (self, NULL);

  return GINT_TO_POINTER (*error == NULL);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  TdClient *self = TD_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = td_client_call_finish (self, result, NULL, &error);
  convert_sign_out (self, task, root, NULL, &error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * td_client_sign_out_async:
 * @self: a #TdClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Revokes the token with `DELETE /v1/sessions/current`. The client
 * forgets the token in every case, so nothing is sent with it again;
 * an error says the server may still know it.
 */
void
td_client_sign_out_async (TdClient            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_client_sign_out_async);

  if (self->token == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  td_client_call_async (self, "DELETE", "/v1/sessions/current", NULL, NULL,
                        NULL, cancellable, sign_out_cb,
                        g_steal_pointer (&task));
}

gboolean
td_client_sign_out_finish (TdClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Me */

static gpointer
convert_me (TdClient    *self,
            GTask       *task,
            JsonNode    *root,
            const char  *etag,
            GError     **error)
{
  JsonObject *object;

  if (*error != NULL)
    return NULL;

  object = require_object (root, error);
  if (object == NULL)
    return NULL;

  return td_account_info_new_from_json (object, error);
}

void
td_client_get_me_async (TdClient            *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (TD_IS_CLIENT (self));

  typed_call (self, td_client_get_me_async, "GET", "/v1/me", NULL, NULL, NULL,
              convert_me, g_object_unref, NULL, NULL,
              cancellable, callback, user_data);
}

TdAccountInfo *
td_client_get_me_finish (TdClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return typed_finish (self, result, td_client_get_me_async, error);
}

/* Objects */

static gpointer
convert_object (TdClient    *self,
                GTask       *task,
                JsonNode    *root,
                const char  *etag,
                GError     **error)
{
  Typed *typed = g_task_get_task_data (task);
  GType type = GPOINTER_TO_SIZE (typed->data);
  JsonObject *object;
  TdResource *resource;

  if (*error != NULL)
    return NULL;

  object = require_object (root, error);
  if (object == NULL)
    return NULL;

  resource = td_resource_new_from_json (type, object, error);
  if (resource != NULL)
    td_resource_set_etag (resource, etag);

  return resource;
}

/**
 * td_client_send_reply_async:
 * @self: a #TdClient
 * @conversation_id: the conversation to answer
 * @body: the text
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Sends a reply. The call makes one Idempotency-Key and keeps it through
 * every retry, so a connection lost after the server stored the reply
 * still gives exactly one text.
 */
void
td_client_send_reply_async (TdClient            *self,
                            const char          *conversation_id,
                            const char          *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) json = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (conversation_id != NULL);
  g_return_if_fail (body != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "body");
  json_builder_add_string_value (builder, body);
  json_builder_end_object (builder);
  json = json_builder_get_root (builder);

  escaped = g_uri_escape_string (conversation_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/conversations/%s/messages", escaped);

  typed_call (self, td_client_send_reply_async, "POST", path, json, NULL, key,
              convert_object, g_object_unref,
              GSIZE_TO_POINTER (TD_TYPE_MESSAGE), NULL,
              cancellable, callback, user_data);
}

/**
 * td_client_send_reply_finish:
 * @self: a #TdClient
 * @result: the result
 * @error: a %TD_API_ERROR; %TD_API_ERROR_CONFLICT with the code
 *   "opted_out" when the subscriber opted out
 *
 * Returns: (transfer full) (nullable): the stored message, "queued"
 */
TdMessage *
td_client_send_reply_finish (TdClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return typed_finish (self, result, td_client_send_reply_async, error);
}

/**
 * td_client_get_object_async:
 * @self: a #TdClient
 * @model_type: the #TdResource subclass to make
 * @path: the object's path ("/v1/campaigns/c_1")
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Fetches one object, with its ETag.
 */
void
td_client_get_object_async (TdClient            *self,
                            GType                model_type,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (g_type_is_a (model_type, TD_TYPE_RESOURCE));
  g_return_if_fail (path != NULL);

  typed_call (self, td_client_get_object_async, "GET", path, NULL, NULL, NULL,
              convert_object, g_object_unref,
              GSIZE_TO_POINTER (model_type), NULL,
              cancellable, callback, user_data);
}

TdResource *
td_client_get_object_finish (TdClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return typed_finish (self, result, td_client_get_object_async, error);
}

static void
patch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  TdClient *self = TD_CLIENT (object);
  g_autoptr(GTask) task = user_data;
  TdResource *resource = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  root = td_client_call_finish (self, result, &etag, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root != NULL)
    {
      JsonObject *changed = require_object (root, &error);

      if (changed == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (!td_resource_check_json (G_OBJECT_TYPE (resource), changed, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      td_resource_update_from_json (resource, changed);
    }

  td_resource_set_etag (resource, etag);
  g_task_return_pointer (task, g_object_ref (resource), g_object_unref);
}

/**
 * td_client_patch_object_async:
 * @self: a #TdClient
 * @object: the object to change, as fetched (its ETag goes in If-Match)
 * @changes: the members to change; PATCH merges them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Changes an object on the server and updates @object in place from
 * the answer. When @object has an ETag, the server refuses the change
 * with %TD_API_ERROR_PRECONDITION_FAILED if someone changed it first.
 */
void
td_client_patch_object_async (TdClient            *self,
                              TdResource          *object,
                              JsonObject          *changes,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  const char *path;

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (TD_IS_RESOURCE (object));
  g_return_if_fail (changes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_client_patch_object_async);
  g_task_set_task_data (task, g_object_ref (object), g_object_unref);

  path = td_resource_get_path (object);
  if (path == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_NOT_FOUND,
                               _("This cannot be changed: the app does not "
                                 "know where it lives on the server."));
      return;
    }

  body = json_node_init_object (json_node_alloc (), changes);
  td_client_call_async (self, "PATCH", path, body,
                        td_resource_get_etag (object), NULL, cancellable,
                        patch_cb, g_steal_pointer (&task));
}

/**
 * td_client_patch_object_finish:
 * @self: a #TdClient
 * @result: the result
 * @error: a %TD_API_ERROR
 *
 * Returns: (transfer full) (nullable): the object, updated
 */
TdResource *
td_client_patch_object_finish (TdClient      *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return typed_finish (self, result, td_client_patch_object_async, error);
}

/**
 * td_client_create_object_async:
 * @self: a #TdClient
 * @model_type: the #TdResource subclass the server answers with
 * @path: the collection ("/v1/lists")
 * @object: the new object's members
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Creates an object with a POST. The call carries an Idempotency-Key,
 * made once, so a retry after a lost answer creates nothing twice.
 */
void
td_client_create_object_async (TdClient            *self,
                               GType                model_type,
                               const char          *path,
                               JsonObject          *object,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (g_type_is_a (model_type, TD_TYPE_RESOURCE));
  g_return_if_fail (path != NULL);
  g_return_if_fail (object != NULL);

  body = json_node_init_object (json_node_alloc (), object);
  typed_call (self, td_client_create_object_async, "POST", path, body, NULL,
              key, convert_object, g_object_unref,
              GSIZE_TO_POINTER (model_type), NULL,
              cancellable, callback, user_data);
}

/**
 * td_client_create_object_finish:
 * @self: a #TdClient
 * @result: the result
 * @error: a %TD_API_ERROR; %TD_API_ERROR_INVALID with field errors, or
 *   %TD_API_ERROR_CONFLICT ("keyword_taken", "phone_taken"...)
 *
 * Returns: (transfer full) (nullable): the object as the server stored it
 */
TdResource *
td_client_create_object_finish (TdClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return typed_finish (self, result, td_client_create_object_async, error);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = td_client_call_finish (TD_CLIENT (object), result, NULL, &error);

  /* Gone already is what was asked for; a retried DELETE whose first
   * answer was lost ends here. */
  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NOT_FOUND))
    g_clear_error (&error);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * td_client_delete_object_async:
 * @self: a #TdClient
 * @object: the object to delete
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Deletes an object. An object that is gone already counts as deleted.
 */
void
td_client_delete_object_async (TdClient            *self,
                               TdResource          *object,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *path;

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (TD_IS_RESOURCE (object));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_client_delete_object_async);

  path = td_resource_get_path (object);
  if (path == NULL)
    {
      g_task_return_new_error (task, TD_API_ERROR, TD_API_ERROR_NOT_FOUND,
                               _("This cannot be deleted: the app does not "
                                 "know where it lives on the server."));
      return;
    }

  td_client_call_async (self, "DELETE", path, NULL, NULL, NULL, cancellable,
                        delete_cb, g_steal_pointer (&task));
}

gboolean
td_client_delete_object_finish (TdClient      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* List members */

static gpointer
convert_members (TdClient    *self,
                 GTask       *task,
                 JsonNode    *root,
                 const char  *etag,
                 GError     **error)
{
  JsonObject *object;

  if (*error != NULL)
    return NULL;

  object = require_object (root, error);
  if (object == NULL)
    return NULL;

  return td_members_result_new_from_json (object, error);
}

/**
 * td_client_list_members_change_async:
 * @self: a #TdClient
 * @list_id: the list
 * @subscriber_ids: the subscribers (up to 1,000)
 * @remove: %FALSE to add them, %TRUE to take them off the list
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Adds subscribers to a list or removes them. The call carries an
 * Idempotency-Key, so it is retried like the others.
 */
void
td_client_list_members_change_async (TdClient            *self,
                                     const char          *list_id,
                                     const char * const  *subscriber_ids,
                                     gboolean             remove,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = g_uuid_string_random ();

  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (list_id != NULL);
  g_return_if_fail (subscriber_ids != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "subscriber_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; subscriber_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, subscriber_ids[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  escaped = g_uri_escape_string (list_id, NULL, FALSE);
  path = g_strdup_printf ("/v1/lists/%s/members%s", escaped,
                          remove ? "/remove" : "");

  typed_call (self, td_client_list_members_change_async, "POST", path, body,
              NULL, key, convert_members,
              (GDestroyNotify) td_members_result_free, NULL, NULL,
              cancellable, callback, user_data);
}

TdMembersResult *
td_client_list_members_change_finish (TdClient      *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return typed_finish (self, result, td_client_list_members_change_async,
                       error);
}

/* The object */

SoupSession *
td_client_get_session (TdClient *self)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), NULL);

  return self->session;
}

/**
 * td_client_new:
 * @base_url: the server, without a trailing path ("http://127.0.0.1:41019")
 *
 * Returns: (transfer full): a new client, signed out
 */
TdClient *
td_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (TD_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
td_client_get_base_url (TdClient *self)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * td_client_set_token:
 * @self: a #TdClient
 * @token: (nullable): the API token, or %NULL to sign out
 *
 * Sets the token sent as `Authorization: Bearer`. It is never logged.
 */
void
td_client_set_token (TdClient   *self,
                     const char *token)
{
  gboolean was_signed_in;

  g_return_if_fail (TD_IS_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;

  was_signed_in = self->token != NULL;
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);

  if (was_signed_in != (self->token != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
}

/**
 * td_client_get_token:
 * @self: a #TdClient
 *
 * Returns: (nullable): the token, for the keyring; never log it
 */
const char *
td_client_get_token (TdClient *self)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), NULL);

  return self->token;
}

guint
td_client_get_timeout (TdClient *self)
{
  g_return_val_if_fail (TD_IS_CLIENT (self), 0);

  return self->timeout;
}

/**
 * td_client_set_timeout:
 * @self: a #TdClient
 * @seconds: how long a request may wait for the server between two
 *   pieces of the answer; 0 waits for ever
 */
void
td_client_set_timeout (TdClient *self,
                       guint     seconds)
{
  g_return_if_fail (TD_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * td_client_set_retry_policy:
 * @self: a #TdClient
 * @max_attempts: attempts of one call in all, 1 for no retries
 * @first_delay_ms: the wait after the first failure, doubled each time
 * @max_delay_ms: the longest wait between two attempts
 *
 * The defaults (4 attempts, 400 ms, 8 s) suit people; tests shorten them.
 */
void
td_client_set_retry_policy (TdClient *self,
                            guint     max_attempts,
                            guint     first_delay_ms,
                            guint     max_delay_ms)
{
  g_return_if_fail (TD_IS_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  self->first_delay_ms = first_delay_ms;
  self->max_delay_ms = MAX (max_delay_ms, first_delay_ms);
}

static void
td_client_constructed (GObject *object)
{
  TdClient *self = (TdClient *) object;
  g_autofree char *user_agent = NULL;
  gsize len;

  G_OBJECT_CLASS (td_client_parent_class)->constructed (object);

  /* Paths start with a slash; one at the end of the address would double it. */
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';

  user_agent = g_strdup_printf ("Textdesk/%s ", PACKAGE_VERSION);
  /* The event stream holds one connection for good; the default of two
   * a host would leave every view queueing behind a single other one. */
  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", 60,
                                                 "user-agent", user_agent,
                                                 "max-conns-per-host", 8,
                                                 "max-conns", 16,
                                                 NULL);
}

static void
td_client_finalize (GObject *object)
{
  TdClient *self = (TdClient *) object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->base_url, g_free);
  td_client_set_token (self, NULL);

  G_OBJECT_CLASS (td_client_parent_class)->finalize (object);
}

static void
td_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdClient *self = TD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->token != NULL);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TdClient *self = TD_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_TIMEOUT:
      if (self->session != NULL)
        td_client_set_timeout (self, g_value_get_uint (value));
      else
        self->timeout = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_client_class_init (TdClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = td_client_constructed;
  object_class->finalize = td_client_finalize;
  object_class->get_property = td_client_get_property;
  object_class->set_property = td_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL,
                         "http://127.0.0.1",
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /**
   * TdClient:signed-in:
   *
   * Whether the client has a token.
   */
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, DEFAULT_TIMEOUT_SECONDS,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TdClient::unauthorized:
   *
   * A call sent with the token got 401: the token was revoked or
   * expired, and the person must sign in again.
   */
  signals[UNAUTHORIZED] =
    g_signal_new ("unauthorized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
td_client_init (TdClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  self->first_delay_ms = DEFAULT_FIRST_DELAY_MS;
  self->max_delay_ms = DEFAULT_MAX_DELAY_MS;
}
