/* td-ui.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-ui"

#include "config.h"

#include "td-ui.h"
#include "td-ui-resources.h"

/**
 * td_ui_init:
 *
 * Registers the UI layer's resources, once however often it is called.
 * The resources live in a static library, so they are registered by hand:
 * the linker would drop an unreferenced constructor, and registering them
 * twice would corrupt GIO's list of resources.
 */
void
td_ui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      td_ui_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}
