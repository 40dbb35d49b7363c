/* td-message-bubble.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-message.h"

G_BEGIN_DECLS

#define TD_TYPE_MESSAGE_BUBBLE (td_message_bubble_get_type ())

G_DECLARE_FINAL_TYPE (TdMessageBubble, td_message_bubble, TD, MESSAGE_BUBBLE, AdwBin)

/* The status of a reply that the platform has not accepted yet. */
#define TD_MESSAGE_STATUS_SENDING "sending"

GtkWidget  *td_message_bubble_new             (TdMessage       *message);
TdMessage  *td_message_bubble_get_message     (TdMessageBubble *self);
void        td_message_bubble_set_message     (TdMessageBubble *self,
                                               TdMessage       *message);
const char *td_message_bubble_get_error       (TdMessageBubble *self);
void        td_message_bubble_set_error       (TdMessageBubble *self,
                                               const char      *error);
const char *td_message_bubble_get_status_text (TdMessageBubble *self);

char       *td_message_bubble_format_time     (GDateTime       *time,
                                               gboolean         compact);
const char *td_message_bubble_status_label    (const char      *status);

G_END_DECLS
