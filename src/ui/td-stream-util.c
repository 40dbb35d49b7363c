/* td-stream-util.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-util"

#include "config.h"

#include <glib/gi18n.h>

#include "td-phone.h"
#include "td-stream-util.h"

/**
 * td_stream_show_toast:
 * @widget: a widget inside a window
 * @toast: (transfer full): the toast
 *
 * Shows @toast over the nearest toast overlay above @widget: the main
 * window's, or a test's own. Without one the toast is dropped with a debug
 * message, as a widget outside any window has nobody to tell.
 */
void
td_stream_show_toast (GtkWidget *widget,
                      AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_debug ("No toast overlay for “%s”", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/**
 * td_stream_toast_new:
 * @title: plain text, not markup
 *
 * Libadwaita 1.2 reads toast titles as markup, and names or keywords may
 * hold an ampersand; this escapes them.
 *
 * Returns: (transfer full): a new toast
 */
AdwToast *
td_stream_toast_new (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

/**
 * td_stream_display_name:
 *
 * Returns: (transfer full): "First Last", or the formatted number when the
 *   subscriber has no name
 */
char *
td_stream_display_name (const char *first_name,
                        const char *last_name,
                        const char *phone)
{
  gboolean has_first = first_name != NULL && *first_name != '\0';
  gboolean has_last = last_name != NULL && *last_name != '\0';

  if (has_first && has_last)
    return g_strdup_printf ("%s %s", first_name, last_name);
  if (has_first)
    return g_strdup (first_name);
  if (has_last)
    return g_strdup (last_name);
  if (phone != NULL)
    return td_phone_format (phone);

  return g_strdup (_("Unknown"));
}

static GDateTime *
parse_utc (const char *rfc3339)
{
  if (rfc3339 == NULL)
    return NULL;

  return g_date_time_new_from_iso8601 (rfc3339, NULL);
}

/**
 * td_stream_format_time:
 * @time: (nullable): a time from the platform
 *
 * Returns: (transfer full): the local time, short: "14:02" today,
 *   "3 Dec, 14:02" this year, with the year otherwise; an empty string
 *   for %NULL
 */
char *
td_stream_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);

  if (g_date_time_get_year (local) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    /* Translators: a time of day today, see g_date_time_format() */
    return g_date_time_format (local, _("%H:%M"));

  if (g_date_time_get_year (local) == g_date_time_get_year (now))
    /* Translators: a day this year with its time, see g_date_time_format() */
    return g_date_time_format (local, _("%-e %b, %H:%M"));

  /* Translators: a day in another year with its time */
  return g_date_time_format (local, _("%-e %b %Y, %H:%M"));
}

/**
 * td_stream_format_time_string:
 * @rfc3339: (nullable): a time as the platform writes it
 *
 * Returns: (transfer full): as td_stream_format_time()
 */
char *
td_stream_format_time_string (const char *rfc3339)
{
  g_autoptr(GDateTime) time = parse_utc (rfc3339);

  return td_stream_format_time (time);
}

/**
 * td_stream_format_date:
 * @time: (nullable): a time from the platform
 *
 * Returns: (transfer full): the local day of @time, such as "3 Dec 2026"
 */
char *
td_stream_format_date (GDateTime *time)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);

  /* Translators: a day, see g_date_time_format() */
  return g_date_time_format (local, _("%-e %b %Y"));
}

/**
 * td_stream_describe_consent:
 * @source: how the subscriber joined: "keyword", "import", "manual", "api"
 * @keyword: (nullable): the keyword they texted, if any
 *
 * Returns: (transfer full): a sentence a person can read
 */
char *
td_stream_describe_consent (const char *source,
                            const char *keyword)
{
  gboolean has_keyword = keyword != NULL && *keyword != '\0';

  if (g_strcmp0 (source, "keyword") == 0 && has_keyword)
    return g_strdup_printf (_("Texted %s"), keyword);
  if (g_strcmp0 (source, "keyword") == 0)
    return g_strdup (_("Texted a keyword"));
  if (g_strcmp0 (source, "import") == 0)
    return g_strdup (_("Imported"));
  if ((g_strcmp0 (source, "manual") == 0 || g_strcmp0 (source, "api") == 0) && has_keyword)
    return g_strdup_printf (_("Added by hand for %s"), keyword);
  if (g_strcmp0 (source, "manual") == 0 || g_strcmp0 (source, "api") == 0)
    return g_strdup (_("Added by hand"));
  if (source != NULL && has_keyword)
    return g_strdup_printf ("%s · %s", source, keyword);
  if (source != NULL)
    return g_strdup (source);

  return g_strdup (_("Unknown"));
}

/**
 * td_stream_json_string:
 *
 * Returns: (nullable): the string @member of @object, or %NULL when it is
 *   absent, null or not a string
 */
const char *
td_stream_json_string (JsonObject *object,
                       const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;

  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * td_stream_json_data:
 * @root: (nullable): a page from the platform
 *
 * Returns: (transfer none) (nullable): the "data" array of a page, or
 *   %NULL when @root is not one
 */
JsonArray *
td_stream_json_data (JsonNode *root)
{
  JsonObject *object;
  JsonNode *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    return NULL;

  return json_node_get_array (data);
}
