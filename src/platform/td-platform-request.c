/* td-platform-request.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform-request"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-platform-error.h"
#include "td-platform-objects.h"
#include "td-platform-request.h"

#define CURSOR_PREFIX "c1:"

void
td_platform_request_free (TdPlatformRequest *req)
{
  if (req == NULL)
    return;

  g_strfreev (req->segments);
  g_clear_pointer (&req->query, g_hash_table_unref);
  g_clear_pointer (&req->body, json_node_unref);
  g_clear_pointer (&req->field_errors, g_ptr_array_unref);
  g_free (req->response_body);
  g_free (req->response_type);
  g_free (req->response_etag);
  g_free (req);
}

const char *
td_platform_request_get_query (TdPlatformRequest *req,
                               const char        *name)
{
  if (req->query == NULL)
    return NULL;

  return g_hash_table_lookup (req->query, name);
}

const char *
td_platform_request_get_header (TdPlatformRequest *req,
                                const char        *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (req->msg), name);
}

gboolean
td_platform_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

gboolean
td_platform_parse_id (const char *text,
                      gint64     *out_id)
{
  guint64 value;

  if (text == NULL || *text == '\0' || strlen (text) > 18)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  value = g_ascii_strtoull (text, NULL, 10);
  if (value == 0 || value > G_MAXINT64)
    return FALSE;

  *out_id = (gint64) value;

  return TRUE;
}

gboolean
td_platform_request_get_limit (TdPlatformRequest  *req,
                               guint              *out_limit,
                               GError            **error)
{
  const char *text = td_platform_request_get_query (req, "limit");
  gint64 value;

  *out_limit = TD_PLATFORM_DEFAULT_LIMIT;
  if (text == NULL)
    return TRUE;

  if (!td_platform_parse_id (text, &value) || value < 1 || value > TD_PLATFORM_MAX_LIMIT)
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“limit” must be a whole number from 1 to %d"), TD_PLATFORM_MAX_LIMIT);
      return FALSE;
    }

  *out_limit = value;

  return TRUE;
}

char *
td_platform_encode_cursor (gint64 id)
{
  g_autofree char *plain = g_strdup_printf (CURSOR_PREFIX "%" G_GINT64_FORMAT, id);
  char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  /* URL-safe, without padding, so that it needs no escaping. */
  for (char *p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return encoded;
}

/**
 * td_platform_request_get_cursor:
 * @out_cursor: (out): the id the page continues before, or %G_MAXINT64
 *   for the first page
 */
gboolean
td_platform_request_get_cursor (TdPlatformRequest  *req,
                                gint64             *out_cursor,
                                GError            **error)
{
  const char *text = td_platform_request_get_query (req, "cursor");
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *plain = NULL;
  g_autofree char *plain_text = NULL;
  gsize len = 0;

  *out_cursor = G_MAXINT64;
  if (text == NULL)
    return TRUE;

  /* Present but empty (or "%00", which decodes to that) is no cursor we
   * gave out.
   */
  if (*text == '\0' || strlen (text) > 64)
    goto bad;

  b64 = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append_c (b64, '+');
      else if (*p == '_')
        g_string_append_c (b64, '/');
      else if (g_ascii_isalnum (*p))
        g_string_append_c (b64, *p);
      else
        goto bad;
    }
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');

  plain = g_base64_decode (b64->str, &len);
  if (plain == NULL || len < strlen (CURSOR_PREFIX) + 1 || len > 40)
    goto bad;

  plain_text = g_strndup ((const char *) plain, len);
  if (!g_str_has_prefix (plain_text, CURSOR_PREFIX) ||
      !td_platform_parse_id (plain_text + strlen (CURSOR_PREFIX), out_cursor))
    goto bad;

  return TRUE;

bad:
  *out_cursor = G_MAXINT64;
  g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_CURSOR,
                       _("The cursor is not one this server gave out"));
  return FALSE;
}

gboolean
td_platform_request_get_bool_query (TdPlatformRequest  *req,
                                    const char         *name,
                                    int                *out_value,
                                    GError            **error)
{
  const char *text = td_platform_request_get_query (req, name);

  *out_value = -1;
  if (text == NULL)
    return TRUE;

  if (g_str_equal (text, "true") || g_str_equal (text, "1"))
    *out_value = 1;
  else if (g_str_equal (text, "false") || g_str_equal (text, "0"))
    *out_value = 0;
  else
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“%s” must be true or false"), name);
      return FALSE;
    }

  return TRUE;
}

gboolean
td_platform_request_get_id_query (TdPlatformRequest  *req,
                                  const char         *name,
                                  gint64             *out_id,
                                  GError            **error)
{
  const char *text = td_platform_request_get_query (req, name);

  *out_id = 0;
  if (text == NULL)
    return TRUE;

  if (!td_platform_parse_id (text, out_id))
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_PARAMETER,
                   _("“%s” must be an id"), name);
      return FALSE;
    }

  return TRUE;
}

/**
 * td_platform_request_segment_id:
 *
 * Returns: the id in path segment @index; 0 with a not-found @error when
 *   it is not an id (no object can have it)
 */
gint64
td_platform_request_segment_id (TdPlatformRequest  *req,
                                guint               index,
                                GError            **error)
{
  gint64 id = 0;

  if (index >= req->n_segments || !td_platform_parse_id (req->segments[index], &id))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_NOT_FOUND,
                           _("No such object"));
      return 0;
    }

  return id;
}

/* json-glib hands out C strings: a "\\u0000" escape silently cuts a
 * string short, and a lone surrogate escape ("\\ud800") comes out as
 * bytes that are not UTF-8. So every string of a body is checked here,
 * the one place bodies are read.
 */
static gboolean
has_nul_escape (const char *data,
                gsize       len)
{
  for (gsize i = 0; i + 5 < len; i++)
    {
      gsize n_backslashes = 0;

      if (data[i] != '\\' || data[i + 1] != 'u' ||
          memcmp (data + i + 2, "0000", 4) != 0)
        continue;

      /* The backslash escapes the "u" only when it is not itself escaped. */
      for (gsize j = i; j > 0 && data[j - 1] == '\\'; j--)
        n_backslashes++;
      if (n_backslashes % 2 == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
node_strings_valid (JsonNode *node,
                    guint     depth)
{
  if (depth > TD_PLATFORM_MAX_JSON_DEPTH + 1)
    return FALSE;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          if (!g_utf8_validate (name, -1, NULL) || !node_strings_valid (member, depth + 1))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          if (!node_strings_valid (json_array_get_element (array, i), depth + 1))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return g_utf8_validate (json_node_get_string (node), -1, NULL);
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/* A number too large for a double (1e999) parses as infinity, which no
 * field can hold and JSON cannot write back: find the first one, as a
 * JSON pointer.
 */
static char *
find_infinite_number (JsonNode   *node,
                      const char *pointer,
                      guint       depth)
{
  if (depth > TD_PLATFORM_MAX_JSON_DEPTH + 1)
    return NULL;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *child = g_strconcat (pointer, "/", name, NULL);
            char *found = find_infinite_number (member, child, depth + 1);

            if (found != NULL)
              return found;
          }
        return NULL;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *child = g_strdup_printf ("%s/%u", pointer, i);
            char *found = find_infinite_number (json_array_get_element (array, i), child,
                                                depth + 1);

            if (found != NULL)
              return found;
          }
        return NULL;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
          !isfinite (json_node_get_double (node)))
        return g_strdup (pointer);
      return NULL;

    case JSON_NODE_NULL:
    default:
      return NULL;
    }
}

/**
 * td_platform_request_get_object:
 * @allowed: (array zero-terminated=1) (nullable): the members a body may
 *   have; any other is a validation error
 *
 * Returns: (transfer none): the request body, a JSON object
 */
JsonObject *
td_platform_request_get_object (TdPlatformRequest  *req,
                                const char * const *allowed,
                                GError            **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *content_type;
  const char *data;
  gsize len;
  JsonObject *object;

  if (req->body != NULL)
    return json_node_get_object (req->body);

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/json") != 0)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_UNSUPPORTED_MEDIA_TYPE,
                           _("The body must be JSON (Content-Type: application/json)"));
      return NULL;
    }

  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !g_utf8_validate (data, len, NULL) || memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_JSON,
                           len == 0 ? _("The body is empty")
                                    : _("The body is not valid UTF-8"));
      return NULL;
    }

  if (!td_platform_json_is_shallow (data, len))
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_JSON,
                   _("The body is nested deeper than %d levels"), TD_PLATFORM_MAX_JSON_DEPTH);
      return NULL;
    }

  if (has_nul_escape (data, len))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_STRING,
                           _("A string in the body holds a NUL character (\\u0000)"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      g_set_error (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_JSON,
                   _("The body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_JSON,
                           _("The body must be a JSON object"));
      return NULL;
    }

  if (!node_strings_valid (json_parser_get_root (parser), 0))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_INVALID_STRING,
                           _("A string in the body is not valid Unicode (a lone surrogate "
                             "escape?)"));
      return NULL;
    }

  {
    g_autofree char *pointer = find_infinite_number (json_parser_get_root (parser), "", 0);

    if (pointer != NULL)
      {
        td_platform_request_field_error (req, pointer, "out_of_range",
                                         _("This number is too large"));
        td_platform_request_check_fields (req, error);
        return NULL;
      }
  }

  req->body = json_node_copy (json_parser_get_root (parser));
  object = json_node_get_object (req->body);

  if (allowed != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (allowed, l->data))
          td_platform_request_field_error (req, l->data, "unknown_field",
                                           _("This field is not known"));

      if (!td_platform_request_check_fields (req, error))
        return NULL;
    }

  return object;
}

void
td_platform_request_field_error (TdPlatformRequest *req,
                                 const char        *field,
                                 const char        *code,
                                 const char        *message)
{
  JsonObject *entry = json_object_new ();

  if (req->field_errors == NULL)
    req->field_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  json_object_set_string_member (entry, "field", field);
  json_object_set_string_member (entry, "code", code);
  json_object_set_string_member (entry, "message", message);
  g_ptr_array_add (req->field_errors, entry);
}

gboolean
td_platform_request_check_fields (TdPlatformRequest  *req,
                                  GError            **error)
{
  if (req->field_errors == NULL || req->field_errors->len == 0)
    return TRUE;

  g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_VALIDATION,
                       _("Some fields are not valid"));
  return FALSE;
}

static gboolean
type_error (TdPlatformRequest *req,
            const char        *name,
            const char        *expected)
{
  g_autofree char *message = g_strdup_printf (_("Must be %s"), expected);

  td_platform_request_field_error (req, name, "invalid_type", message);
  return FALSE;
}

gboolean
td_platform_json_get_string (TdPlatformRequest  *req,
                             JsonObject         *object,
                             const char         *name,
                             gboolean            required,
                             gboolean            nullable,
                             gsize               max_chars,
                             const char        **out_value,
                             gboolean           *out_present)
{
  JsonNode *node = json_object_get_member (object, name);
  const char *value;

  *out_value = NULL;
  if (out_present != NULL)
    *out_present = node != NULL;

  if (node == NULL)
    {
      if (required)
        td_platform_request_field_error (req, name, "required", _("This field is required"));
      return !required;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return type_error (req, name, _("a string"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return type_error (req, name, _("a string"));

  value = json_node_get_string (node);
  if (max_chars > 0 && (gsize) g_utf8_strlen (value, -1) > max_chars)
    {
      g_autofree char *message = g_strdup_printf (_("At most %u characters"), (guint) max_chars);

      td_platform_request_field_error (req, name, "too_long", message);
      return FALSE;
    }

  if (required && td_platform_is_blank (value))
    {
      td_platform_request_field_error (req, name, "blank", _("This field must not be empty"));
      return FALSE;
    }

  *out_value = value;

  return TRUE;
}

gboolean
td_platform_json_get_boolean (TdPlatformRequest  *req,
                              JsonObject         *object,
                              const char         *name,
                              gboolean           *out_value,
                              gboolean           *out_present)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_present = node != NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return type_error (req, name, _("true or false"));

  *out_value = json_node_get_boolean (node);

  return TRUE;
}

gboolean
td_platform_json_get_id (TdPlatformRequest  *req,
                         JsonObject         *object,
                         const char         *name,
                         gboolean            nullable,
                         gint64             *out_id,
                         gboolean           *out_present)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_id = 0;
  if (out_present != NULL)
    *out_present = node != NULL;
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        return type_error (req, name, _("an id"));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !td_platform_parse_id (json_node_get_string (node), out_id))
    return type_error (req, name, _("an id (a string of digits)"));

  return TRUE;
}

gboolean
td_platform_json_get_time (TdPlatformRequest  *req,
                           JsonObject         *object,
                           const char         *name,
                           gint64             *out_ms,
                           gboolean           *out_present)
{
  JsonNode *node = json_object_get_member (object, name);

  *out_ms = 0;
  *out_present = node != NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !td_platform_parse_time (json_node_get_string (node), out_ms))
    return type_error (req, name, _("an RFC 3339 time"));

  return TRUE;
}

void
td_platform_request_respond_raw (TdPlatformRequest *req,
                                 guint              status,
                                 const char        *content_type,
                                 const char        *body)
{
  g_free (req->response_body);
  g_free (req->response_type);
  req->response_status = status;
  req->response_body = g_strdup (body);
  req->response_type = g_strdup (content_type);
}

void
td_platform_request_respond (TdPlatformRequest *req,
                             guint              status,
                             JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  td_platform_request_respond_raw (req, status, "application/json", text);
}

char *
td_platform_etag_for_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strdup_printf ("\"%.32s\"", sum);
}

static gboolean
etag_list_matches (const char *header,
                   const char *etag)
{
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return FALSE;

  parts = g_strsplit (header, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (g_str_equal (p, "*"))
        return TRUE;
      if (g_str_has_prefix (p, "W/"))
        p += 2;
      if (g_str_equal (p, etag))
        return TRUE;
    }

  return FALSE;
}

/**
 * td_platform_request_respond_object:
 *
 * Answers with a single object and its ETag; a GET whose If-None-Match
 * names that ETag gets 304 without a body.
 */
void
td_platform_request_respond_object (TdPlatformRequest *req,
                                    guint              status,
                                    JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *etag = td_platform_etag_for_object (object);

  g_free (req->response_etag);
  req->response_etag = g_strdup (etag);

  if (g_str_equal (req->method, "GET") &&
      etag_list_matches (td_platform_request_get_header (req, "If-None-Match"), etag))
    {
      td_platform_request_respond_raw (req, SOUP_STATUS_NOT_MODIFIED, NULL, NULL);
      return;
    }

  td_platform_request_respond (req, status, node);
}

gboolean
td_platform_request_check_if_match (TdPlatformRequest  *req,
                                    JsonObject         *current,
                                    GError            **error)
{
  const char *header = td_platform_request_get_header (req, "If-Match");
  g_autofree char *etag = NULL;

  if (header == NULL)
    return TRUE;

  etag = td_platform_etag_for_object (current);
  if (!etag_list_matches (header, etag))
    {
      g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_PRECONDITION_FAILED,
                           _("The object changed since you read it; reload it and try again"));
      return FALSE;
    }

  return TRUE;
}

void
td_platform_request_respond_page (TdPlatformRequest *req,
                                  JsonArray         *data,
                                  gint64             next_cursor)
{
  g_autoptr(JsonObject) page = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_array_member (page, "data", json_array_ref (data));
  if (next_cursor > 0)
    {
      g_autofree char *cursor = td_platform_encode_cursor (next_cursor);

      json_object_set_string_member (page, "next_cursor", cursor);
    }
  else
    json_object_set_null_member (page, "next_cursor");

  node = json_node_init_object (json_node_alloc (), page);
  td_platform_request_respond (req, SOUP_STATUS_OK, node);
}

/**
 * td_platform_request_respond_page_text:
 * @items: the page's objects as JSON text, separated by commas
 */
void
td_platform_request_respond_page_text (TdPlatformRequest *req,
                                       GString           *items,
                                       gint64             next_cursor)
{
  g_autoptr(GString) page = g_string_sized_new (items->len + 64);

  g_string_append (page, "{\"data\":[");
  g_string_append_len (page, items->str, items->len);
  g_string_append (page, "],\"next_cursor\":");
  if (next_cursor > 0)
    {
      g_autofree char *cursor = td_platform_encode_cursor (next_cursor);

      g_string_append_printf (page, "\"%s\"}", cursor);
    }
  else
    g_string_append (page, "null}");

  g_free (req->response_body);
  g_free (req->response_type);
  req->response_status = SOUP_STATUS_OK;
  req->response_type = g_strdup ("application/json");
  req->response_body = g_string_free (g_steal_pointer (&page), FALSE);
}

void
td_platform_request_respond_empty (TdPlatformRequest *req,
                                   guint              status)
{
  td_platform_request_respond_raw (req, status, NULL, NULL);
}

void
td_platform_request_respond_error (TdPlatformRequest *req,
                                   const GError      *error)
{
  g_autoptr(JsonObject) problem = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *type = NULL;
  guint status = td_platform_error_get_status (error);
  const char *code = td_platform_error_get_code (error);

  type = g_strconcat ("https://textdesk.example/problems/", code, NULL);
  for (char *p = type; *p != '\0'; p++)
    if (*p == '_')
      *p = '-';

  json_object_set_string_member (problem, "type", type);
  json_object_set_string_member (problem, "title", td_platform_error_get_title (error));
  json_object_set_int_member (problem, "status", status);
  json_object_set_string_member (problem, "detail",
                                 status >= 500 && error->code == TD_PLATFORM_ERROR_DATABASE
                                 ? _("The server could not complete the request")
                                 : error->message);
  json_object_set_string_member (problem, "code", code);

  if (req->field_errors != NULL && req->field_errors->len > 0 &&
      g_error_matches (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_VALIDATION))
    {
      JsonArray *errors = json_array_new ();

      for (guint i = 0; i < req->field_errors->len; i++)
        json_array_add_object_element (errors,
                                       json_object_ref (g_ptr_array_index (req->field_errors, i)));
      json_object_set_array_member (problem, "errors", errors);
    }

  node = json_node_init_object (json_node_alloc (), problem);
  text = json_to_string (node, FALSE);

  g_clear_pointer (&req->response_etag, g_free);
  td_platform_request_respond_raw (req, status, "application/problem+json", text);
}

gboolean
td_platform_request_require_admin (TdPlatformRequest  *req,
                                   GError            **error)
{
  if (req->caller.admin)
    return TRUE;

  g_set_error_literal (error, TD_PLATFORM_ERROR, TD_PLATFORM_ERROR_FORBIDDEN,
                       _("Only administrators of the account may do this"));
  return FALSE;
}
