/* td-subscriber-summary.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-resource.h"

G_BEGIN_DECLS

#define TD_TYPE_SUBSCRIBER_SUMMARY (td_subscriber_summary_get_type ())

G_DECLARE_FINAL_TYPE (TdSubscriberSummary, td_subscriber_summary, TD, SUBSCRIBER_SUMMARY,
                      TdResource)

const char *td_subscriber_summary_get_phone        (TdSubscriberSummary *self);
const char *td_subscriber_summary_get_first_name   (TdSubscriberSummary *self);
const char *td_subscriber_summary_get_last_name    (TdSubscriberSummary *self);
const char *td_subscriber_summary_get_status       (TdSubscriberSummary *self);

char       *td_subscriber_summary_dup_display_name (TdSubscriberSummary *self);
gboolean    td_subscriber_summary_is_opted_out     (TdSubscriberSummary *self);

G_END_DECLS
