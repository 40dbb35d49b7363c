/* td-sms-segments.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TdSmsEncoding:
 * @TD_SMS_ENCODING_GSM7: the GSM 7-bit default alphabet and its extension
 *   table (3GPP TS 23.038, 6.2.1); units are septets
 * @TD_SMS_ENCODING_UCS2: UCS-2, as handsets send it today: UTF-16; units
 *   are 16-bit code units, so a character outside the BMP takes two
 *
 * How a text travels over SMS.
 */
typedef enum
{
  TD_SMS_ENCODING_GSM7,
  TD_SMS_ENCODING_UCS2,
} TdSmsEncoding;

#define TD_SMS_GSM7_SINGLE    160
#define TD_SMS_GSM7_PER_PART  153
#define TD_SMS_UCS2_SINGLE     70
#define TD_SMS_UCS2_PER_PART   67

/* The escape septet that precedes a character of the extension table. */
#define TD_SMS_GSM7_ESCAPE   0x1B

/**
 * TdSmsInfo:
 * @encoding: the encoding the whole text needs
 * @units: septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text
 * @units_per_part: what one part holds: 160 or 70 for a single text,
 *   153 or 67 for each part of a multipart text
 * @parts: how many texts go out; 0 for an empty text
 * @units_in_part: the units used in the current (last) part
 * @remaining: the units still free in the current part
 *
 * What a text costs, as the composer shows it.
 */
typedef struct
{
  TdSmsEncoding encoding;
  guint units;
  guint units_per_part;
  guint parts;
  guint units_in_part;
  guint remaining;
} TdSmsInfo;

TdSmsInfo     td_sms_count                (const char     *utf8);
char        **td_sms_split                (const char     *utf8,
                                           TdSmsEncoding  *out_encoding);
GPtrArray    *td_sms_encode_parts         (const char     *utf8,
                                           TdSmsEncoding  *out_encoding);
guint         td_sms_gsm7_septets         (gunichar        c);
const char   *td_sms_encoding_to_string   (TdSmsEncoding   encoding);

G_END_DECLS
