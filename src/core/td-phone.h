/* td-phone.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *td_phone_normalize    (const char  *input,
                                 GError     **error);
gboolean  td_phone_is_e164      (const char  *phone);
char     *td_phone_format       (const char  *e164);

G_END_DECLS
