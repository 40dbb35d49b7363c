/* td-lists-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-lists-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-lists-page.h"

struct _TdListsPage
{
  AdwBin     parent_instance;

  TdSession *session;
};

G_DEFINE_FINAL_TYPE (TdListsPage, td_lists_page, ADW_TYPE_BIN)

static void
td_lists_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_LISTS_PAGE);
  g_clear_object (&TD_LISTS_PAGE (object)->session);

  G_OBJECT_CLASS (td_lists_page_parent_class)->dispose (object);
}

static void
td_lists_page_class_init (TdListsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_lists_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-lists-page.ui");
}

static void
td_lists_page_init (TdListsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * td_lists_page_set_session:
 * @self: a #TdListsPage
 * @session: (nullable): the session of who is signed in
 *
 * Keeps the session for the view; the window sets it after sign-in.
 */
void
td_lists_page_set_session (TdListsPage *self,
                           TdSession *session)
{
  g_return_if_fail (TD_IS_LISTS_PAGE (self));

  g_set_object (&self->session, session);
}
