/* td-template.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *td_template_fill               (const char  *text,
                                           GHashTable  *values);
gboolean   td_template_has_placeholders   (const char  *text);
char     **td_template_list_placeholders  (const char  *text);
char     **td_template_list_unknown       (const char  *text,
                                           GHashTable  *values);

G_END_DECLS
