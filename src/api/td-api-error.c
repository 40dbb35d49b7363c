/* td-api-error.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-api-error"

#include "td-api-error.h"

typedef struct
{
  char *field;
  char *code;
  char *message;
} FieldError;

typedef struct
{
  guint http_status;
  guint retry_after;
  char *problem_code;
  GPtrArray *field_errors;
} TdApiErrorPrivate;

static void
field_error_free (gpointer data)
{
  FieldError *fe = data;

  g_free (fe->field);
  g_free (fe->code);
  g_free (fe->message);
  g_free (fe);
}

static void
td_api_error_private_init (TdApiErrorPrivate *priv)
{
  priv->http_status = 0;
  priv->retry_after = 0;
  priv->problem_code = NULL;
  priv->field_errors = NULL;
}

static void
td_api_error_private_copy (const TdApiErrorPrivate *src,
                           TdApiErrorPrivate       *dest)
{
  dest->http_status = src->http_status;
  dest->retry_after = src->retry_after;
  dest->problem_code = g_strdup (src->problem_code);
  dest->field_errors = NULL;

  if (src->field_errors != NULL)
    {
      dest->field_errors = g_ptr_array_new_with_free_func (field_error_free);
      for (guint i = 0; i < src->field_errors->len; i++)
        {
          const FieldError *s = g_ptr_array_index (src->field_errors, i);
          FieldError *d = g_new0 (FieldError, 1);

          d->field = g_strdup (s->field);
          d->code = g_strdup (s->code);
          d->message = g_strdup (s->message);
          g_ptr_array_add (dest->field_errors, d);
        }
    }
}

static void
td_api_error_private_clear (TdApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem_code, g_free);
  g_clear_pointer (&priv->field_errors, g_ptr_array_unref);
}

G_DEFINE_EXTENDED_ERROR (TdApiError, td_api_error)

static TdApiErrorPrivate *
get_private (const GError *error)
{
  if (error == NULL || error->domain != TD_API_ERROR)
    return NULL;

  return td_api_error_get_private (error);
}

/**
 * td_api_error_get_problem_code:
 * @error: a #GError
 *
 * Returns: (nullable): the machine word of the server's problem
 *   (`keyword_taken`, `opted_out`...), or %NULL
 */
const char *
td_api_error_get_problem_code (const GError *error)
{
  TdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->problem_code : NULL;
}

/**
 * td_api_error_get_http_status:
 * @error: a #GError
 *
 * Returns: the HTTP status of the answer that failed, or 0 when there was
 *   no answer (network, TLS, timeout)
 */
guint
td_api_error_get_http_status (const GError *error)
{
  TdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->http_status : 0;
}

/**
 * td_api_error_get_retry_after:
 * @error: a #GError
 *
 * Returns: for %TD_API_ERROR_RATE_LIMITED (and 503), the seconds the
 *   server asked to wait, or 0 when it did not say
 */
guint
td_api_error_get_retry_after (const GError *error)
{
  TdApiErrorPrivate *priv = get_private (error);

  return priv != NULL ? priv->retry_after : 0;
}

guint
td_api_error_get_n_field_errors (const GError *error)
{
  TdApiErrorPrivate *priv = get_private (error);

  if (priv == NULL || priv->field_errors == NULL)
    return 0;

  return priv->field_errors->len;
}

/**
 * td_api_error_get_field_error:
 * @error: a #GError
 * @index: which one, below td_api_error_get_n_field_errors()
 * @field: (out) (optional): the field name, as in the JSON body
 * @code: (out) (optional): the machine word
 * @message: (out) (optional): the server's sentence
 *
 * Returns: %TRUE when @index names a field error
 */
gboolean
td_api_error_get_field_error (const GError *error,
                              guint         index,
                              const char  **field,
                              const char  **code,
                              const char  **message)
{
  TdApiErrorPrivate *priv = get_private (error);
  const FieldError *fe;

  if (priv == NULL || priv->field_errors == NULL
      || index >= priv->field_errors->len)
    return FALSE;

  fe = g_ptr_array_index (priv->field_errors, index);
  if (field != NULL)
    *field = fe->field;
  if (code != NULL)
    *code = fe->code;
  if (message != NULL)
    *message = fe->message;

  return TRUE;
}

/**
 * td_api_error_get_field_message:
 * @error: a #GError
 * @field: a field name of the request body, such as "body" or "phone"
 *
 * Returns: (nullable): what the server said about @field, or %NULL
 */
const char *
td_api_error_get_field_message (const GError *error,
                                const char   *field)
{
  TdApiErrorPrivate *priv = get_private (error);

  g_return_val_if_fail (field != NULL, NULL);

  if (priv == NULL || priv->field_errors == NULL)
    return NULL;

  for (guint i = 0; i < priv->field_errors->len; i++)
    {
      const FieldError *fe = g_ptr_array_index (priv->field_errors, i);

      if (g_strcmp0 (fe->field, field) == 0)
        return fe->message != NULL ? fe->message : fe->code;
    }

  return NULL;
}

void
td_api_error_set_problem (GError     *error,
                          guint       http_status,
                          const char *problem_code,
                          guint       retry_after)
{
  TdApiErrorPrivate *priv = get_private (error);

  g_return_if_fail (priv != NULL);

  priv->http_status = http_status;
  priv->retry_after = retry_after;
  g_free (priv->problem_code);
  priv->problem_code = g_strdup (problem_code);
}

void
td_api_error_add_field_error (GError     *error,
                              const char *field,
                              const char *code,
                              const char *message)
{
  TdApiErrorPrivate *priv = get_private (error);
  FieldError *fe;

  g_return_if_fail (priv != NULL);

  if (priv->field_errors == NULL)
    priv->field_errors = g_ptr_array_new_with_free_func (field_error_free);

  fe = g_new0 (FieldError, 1);
  fe->field = g_strdup (field);
  fe->code = g_strdup (code);
  fe->message = g_strdup (message);
  g_ptr_array_add (priv->field_errors, fe);
}
