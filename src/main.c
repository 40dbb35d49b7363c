/* main.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "textdesk"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "td-application.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(TdApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = td_application_new (APPLICATION_ID);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
