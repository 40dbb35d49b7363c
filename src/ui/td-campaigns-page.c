/* td-campaigns-page.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-campaigns-page"

#include "config.h"

#include <glib/gi18n.h>

#include "td-campaigns-page.h"

struct _TdCampaignsPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (TdCampaignsPage, td_campaigns_page, ADW_TYPE_BIN)

static void
td_campaigns_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TD_TYPE_CAMPAIGNS_PAGE);

  G_OBJECT_CLASS (td_campaigns_page_parent_class)->dispose (object);
}

static void
td_campaigns_page_class_init (TdCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = td_campaigns_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/td-campaigns-page.ui");
}

static void
td_campaigns_page_init (TdCampaignsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
