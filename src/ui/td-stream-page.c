/* td-stream-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-stream-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-stream-page.h"

struct _TdStreamPage
{
  AdwBin     parent_instance;

  TdSession *session;
};

G_DEFINE_FINAL_TYPE (TdStreamPage, td_stream_page, ADW_TYPE_BIN)

static void
td_stream_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_STREAM_PAGE);
  g_clear_object (&TD_STREAM_PAGE (object)->session);

  G_OBJECT_CLASS (td_stream_page_parent_class)->dispose (object);
}

static void
td_stream_page_class_init (TdStreamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_stream_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-stream-page.ui");
}

static void
td_stream_page_init (TdStreamPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_stream_page_set_session:
 * @self: a #TdStreamPage
 * @session: (nullable): the session of who is signed in
 *
 * Keeps the session for the view; the window sets it after sign-in.
 */
void
td_stream_page_set_session (TdStreamPage *self,
                            TdSession *session)
{
  g_return_if_fail (TD_IS_STREAM_PAGE (self));

  g_set_object (&self->session, session);
}
