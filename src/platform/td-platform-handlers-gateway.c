/* td-platform-handlers-gateway.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-gateway"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-handlers.h"

#define EMPTY_TWIML "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>"

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * td_platform_twilio_signature:
 * @secret: the short code's secret
 * @url: the full URL the gateway posted to
 * @params: (element-type utf8 utf8): the form fields
 *
 * Twilio's request signature: HMAC-SHA1 of the URL followed by every form
 * field's name and value, sorted by name, in base64.
 *
 * Returns: (transfer full): the signature
 */
char *
td_platform_twilio_signature (const char *secret,
                              const char *url,
                              GHashTable *params)
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA1, (const guchar *) secret, strlen (secret));
  g_autofree const char **keys = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;
  guint n = 0;

  g_hmac_update (hmac, (const guchar *) url, -1);

  if (params != NULL)
    {
      keys = (const char **) g_hash_table_get_keys_as_array (params, &n);
      qsort (keys, n, sizeof (char *), compare_keys);

      for (guint i = 0; i < n; i++)
        {
          g_hmac_update (hmac, (const guchar *) keys[i], -1);
          g_hmac_update (hmac, (const guchar *) g_hash_table_lookup (params, keys[i]), -1);
        }
    }

  g_hmac_get_digest (hmac, digest, &digest_len);

  return g_base64_encode (digest, digest_len);
}

static GHashTable *
read_form (TdPlatformRequest  *req,
           GError            **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) form = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gsize len;

  if (content_type == NULL || g_ascii_strcasecmp (content_type,
                                                  "application/x-www-form-urlencoded") != 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("Gateway callbacks are form posts "
                             "(application/x-www-form-urlencoded)"));
      return NULL;
    }

  bytes = soup_message_body_flatten (soup_server_message_get_request_body (req->msg));
  text = g_strndup (g_bytes_get_data (bytes, &len), g_bytes_get_size (bytes));
  if (strlen (text) != len)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("The form holds a NUL byte"));
      return NULL;
    }

  /* A "%00" would cut a field short once decoded. */
  if (strstr (text, "%00") != NULL)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_STRING,
                           _("The form holds a NUL byte"));
      return NULL;
    }

  form = soup_form_decode (text);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_utf8_validate (key, -1, NULL) || !g_utf8_validate (value, -1, NULL))
      {
        g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_STRING,
                             _("A form field is not valid UTF-8"));
        return NULL;
      }

  return g_steal_pointer (&form);
}

static gboolean
check_signature (TdPlatformRequest  *req,
                 const char         *secret,
                 GHashTable         *form,
                 GError            **error)
{
  const char *given = td_platform_request_get_header (req, "X-Twilio-Signature");
  g_autofree char *url = g_uri_to_string (soup_server_message_get_uri (req->msg));
  g_autofree char *expected = td_platform_twilio_signature (secret, url, form);

  if (given == NULL || !td_platform_auth_equal (given, expected))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_SIGNATURE,
                           _("The X-Twilio-Signature header is missing or wrong"));
      return FALSE;
    }

  return TRUE;
}

gboolean
td_platform_handle_gateway_inbound (TdPlatformRequest  *req,
                                    GError            **error)
{
  g_autoptr(TdPlatformShortCode) short_code = NULL;
  g_autoptr(GHashTable) form = NULL;
  const char *sid;
  const char *from;
  const char *body;
  TdPlatformRoute route;

  short_code = td_platform_short_code_lookup (req->db, req->segments[2], -1, error);
  if (short_code == NULL)
    return FALSE;

  form = read_form (req, error);
  if (form == NULL)
    return FALSE;

  /* 1. The signature, before anything is read from the form. */
  if (!check_signature (req, short_code->secret, form, error))
    return FALSE;

  sid = g_hash_table_lookup (form, "MessageSid");
  if (sid == NULL)
    sid = g_hash_table_lookup (form, "SmsSid");
  from = g_hash_table_lookup (form, "From");
  body = g_hash_table_lookup (form, "Body");

  if (sid == NULL || *sid == '\0' || strlen (sid) > 64 || from == NULL)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("An inbound text needs MessageSid and From"));
      return FALSE;
    }

  if (body != NULL && strlen (body) > 10000)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_PAYLOAD_TOO_LARGE,
                           _("The text is longer than any SMS"));
      return FALSE;
    }

  if (!td_platform_pipeline_receive (req->pipeline, short_code, sid, from, body,
                                     td_platform_now_ms (), &route, error))
    return FALSE;

  td_platform_request_respond_raw (req, SOUP_STATUS_OK, "text/xml", EMPTY_TWIML);

  return TRUE;
}

gboolean
td_platform_handle_gateway_status (TdPlatformRequest  *req,
                                   GError            **error)
{
  g_autoptr(TdPlatformShortCode) short_code = NULL;
  g_autoptr(GHashTable) form = NULL;
  const char *sid;
  const char *status;
  gint64 short_code_id = 0;

  form = read_form (req, error);
  if (form == NULL)
    return FALSE;

  sid = g_hash_table_lookup (form, "MessageSid");
  if (sid == NULL)
    sid = g_hash_table_lookup (form, "SmsSid");
  status = g_hash_table_lookup (form, "MessageStatus");
  if (status == NULL)
    status = g_hash_table_lookup (form, "SmsStatus");

  if (sid == NULL || status == NULL)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                           _("A status callback needs MessageSid and MessageStatus"));
      return FALSE;
    }

  /* The callback is signed with the secret of the code that sent it.
   * An unknown MessageSid and a wrong signature get the same answer, so
   * that an unsigned caller cannot learn which ids exist.
   */
  if (!td_platform_outbox_lookup_sid (req->outbox, sid, &short_code_id, NULL) ||
      (short_code = td_platform_short_code_lookup (req->db, NULL, short_code_id, NULL)) == NULL ||
      !check_signature (req, short_code->secret, form, NULL))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_SIGNATURE,
                           _("The X-Twilio-Signature header is missing or wrong"));
      return FALSE;
    }

  if (!td_platform_outbox_status_callback (req->outbox, sid, status,
                                           g_hash_table_lookup (form, "ErrorCode"), error))
    return FALSE;

  td_platform_request_respond_empty (req, SOUP_STATUS_NO_CONTENT);

  return TRUE;
}
