/* td-subscriber.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_SUBSCRIBER (td_subscriber_get_type ())

G_DECLARE_FINAL_TYPE (TdSubscriber, td_subscriber, TD, SUBSCRIBER, TdResource)

const char         *td_subscriber_get_phone        (TdSubscriber *self);
const char         *td_subscriber_get_first_name   (TdSubscriber *self);
const char         *td_subscriber_get_last_name    (TdSubscriber *self);
JsonObject         *td_subscriber_get_fields       (TdSubscriber *self);
const char         *td_subscriber_get_status       (TdSubscriber *self);
GDateTime          *td_subscriber_get_opted_out_at (TdSubscriber *self);
const char * const *td_subscriber_get_list_ids     (TdSubscriber *self);
JsonArray          *td_subscriber_get_consents     (TdSubscriber *self);
GDateTime          *td_subscriber_get_created_at   (TdSubscriber *self);
GDateTime          *td_subscriber_get_last_seen_at (TdSubscriber *self);

char               *td_subscriber_dup_display_name (TdSubscriber *self);
gboolean            td_subscriber_is_opted_out     (TdSubscriber *self);
gboolean            td_subscriber_is_on_list       (TdSubscriber *self,
                                                    const char   *list_id);

G_END_DECLS
