/* td-platform-commands.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-platform"

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "td-platform-commands.h"

typedef int (*TdCommandFunc) (int argc, char **argv);

typedef struct
{
  const char    *name;
  const char    *summary;
  TdCommandFunc  func;
} TdCommand;

/* FIXME: the sub-commands only parse their options until the server lands
 * (issue 3); each says so and exits with status 2.
 */
static int
command_not_ready (int    argc,
                   char **argv)
{
  g_printerr (_("%s: not available in this build yet\n"), argv[0]);
  return 2;
}

static const TdCommand commands[] = {
  { "serve", N_("Serve the platform API over HTTP"), command_not_ready },
  { "token", N_("Print a new API token for a user"), command_not_ready },
  { "secret", N_("Print the webhook secret of a short code"), command_not_ready },
  { "simulate", N_("Send signed inbound texts, as a gateway would"), command_not_ready },
};

static void
print_help (void)
{
  g_print (_("Usage:\n  textdesk-platform COMMAND [OPTION…]\n\n"));
  g_print (_("The Textdesk SMS campaign platform and its REST API.\n\n"));
  g_print (_("Commands:\n"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-10s %s\n", commands[i].name, _(commands[i].summary));

  g_print (_("\nRun “textdesk-platform COMMAND --help” for a command’s options.\n"));
}

int
td_platform_run (int    argc,
                 char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return argc < 2 ? 1 : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("textdesk-platform %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].func (argc - 1, argv + 1);

  g_printerr (_("Unknown command “%s”. Run “textdesk-platform --help”.\n"), argv[1]);
  return 1;
}
