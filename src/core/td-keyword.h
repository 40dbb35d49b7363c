/* td-keyword.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char       *td_keyword_first_word   (const char         *text);
char       *td_keyword_normalize    (const char         *keyword,
                                     GError            **error);
gboolean    td_keyword_matches      (const char         *keyword,
                                     const char         *text);
guint       td_keyword_distance     (const char         *a,
                                     const char         *b);
guint       td_keyword_max_typos    (const char         *keyword);
const char *td_keyword_suggest      (const char         *word,
                                     const char * const *keywords,
                                     guint              *out_distance);

G_END_DECLS
