/* td-subscriber-profile.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-session.h"
#include "td-subscriber.h"

G_BEGIN_DECLS

#define TD_TYPE_SUBSCRIBER_PROFILE (td_subscriber_profile_get_type ())

G_DECLARE_FINAL_TYPE (TdSubscriberProfile, td_subscriber_profile, TD, SUBSCRIBER_PROFILE, AdwBin)

GtkWidget    *td_subscriber_profile_new               (void);
void          td_subscriber_profile_set_session       (TdSubscriberProfile *self,
                                                       TdSession           *session);
const char   *td_subscriber_profile_get_subscriber_id (TdSubscriberProfile *self);
void          td_subscriber_profile_set_subscriber_id (TdSubscriberProfile *self,
                                                       const char          *subscriber_id);
TdSubscriber *td_subscriber_profile_get_subscriber    (TdSubscriberProfile *self);
gboolean      td_subscriber_profile_get_loading       (TdSubscriberProfile *self);
gboolean      td_subscriber_profile_get_conflict      (TdSubscriberProfile *self);
void          td_subscriber_profile_reload            (TdSubscriberProfile *self);

G_END_DECLS
