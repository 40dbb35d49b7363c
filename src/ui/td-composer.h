/* td-composer.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-sms-segments.h"

G_BEGIN_DECLS

#define TD_TYPE_COMPOSER (td_composer_get_type ())

G_DECLARE_FINAL_TYPE (TdComposer, td_composer, TD, COMPOSER, GtkWidget)

GtkWidget  *td_composer_new                 (void);
char       *td_composer_get_text            (TdComposer  *self);
void        td_composer_set_text            (TdComposer  *self,
                                             const char  *text);
char       *td_composer_get_filled_text     (TdComposer  *self);
void        td_composer_set_values          (TdComposer  *self,
                                             GHashTable  *values);
const char *td_composer_get_blocked_reason  (TdComposer  *self);
void        td_composer_set_blocked_reason  (TdComposer  *self,
                                             const char  *reason);
gboolean    td_composer_get_busy            (TdComposer  *self);
void        td_composer_set_busy            (TdComposer  *self,
                                             gboolean     busy);
gboolean    td_composer_get_can_send        (TdComposer  *self);
TdSmsInfo   td_composer_get_info            (TdComposer  *self);
const char *td_composer_get_counter_text    (TdComposer  *self);
gboolean    td_composer_send                (TdComposer  *self);

G_END_DECLS
