/* td-sms-segments.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-sms-segments"

#include "config.h"

#include <string.h>

#include "td-sms-segments.h"

/* The GSM 7-bit default alphabet of 3GPP TS 23.038, 6.2.1, indexed by
 * septet. 0x1B is the escape to the extension table, not a character.
 */
static const gunichar gsm7_basic[128] = {
  /* 0x00 */ '@', 0x00A3, '$', 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC,
  /* 0x08 */ 0x00F2, 0x00C7, '\n', 0x00D8, 0x00F8, '\r', 0x00C5, 0x00E5,
  /* 0x10 */ 0x0394, '_', 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8,
  /* 0x18 */ 0x03A3, 0x0398, 0x039E, 0xFFFF, 0x00C6, 0x00E6, 0x00DF, 0x00C9,
  /* 0x20 */ ' ', '!', '"', '#', 0x00A4, '%', '&', '\'',
  /* 0x28 */ '(', ')', '*', '+', ',', '-', '.', '/',
  /* 0x30 */ '0', '1', '2', '3', '4', '5', '6', '7',
  /* 0x38 */ '8', '9', ':', ';', '<', '=', '>', '?',
  /* 0x40 */ 0x00A1, 'A', 'B', 'C', 'D', 'E', 'F', 'G',
  /* 0x48 */ 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O',
  /* 0x50 */ 'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W',
  /* 0x58 */ 'X', 'Y', 'Z', 0x00C4, 0x00D6, 0x00D1, 0x00DC, 0x00A7,
  /* 0x60 */ 0x00BF, 'a', 'b', 'c', 'd', 'e', 'f', 'g',
  /* 0x68 */ 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
  /* 0x70 */ 'p', 'q', 'r', 's', 't', 'u', 'v', 'w',
  /* 0x78 */ 'x', 'y', 'z', 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0,
};

/* The characters of the default extension table (6.2.1.1): each is sent
 * as the escape septet followed by this septet.
 */
static const struct {
  guint8 septet;
  gunichar c;
} gsm7_extension[] = {
  { 0x0A, 0x000C },  /* form feed */
  { 0x14, '^' },
  { 0x28, '{' },
  { 0x29, '}' },
  { 0x2F, '\\' },
  { 0x3C, '[' },
  { 0x3D, '~' },
  { 0x3E, ']' },
  { 0x40, '|' },
  { 0x65, 0x20AC },  /* euro sign */
};

/* Looks @c up; returns 0 when the GSM alphabet lacks it, else 1 or 2
 * septets, with the septet (after the escape, if any) in @out_septet.
 */
static guint
gsm7_lookup (gunichar  c,
             guint8   *out_septet)
{
  static guint8 ascii[128];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < 128; i++)
        ascii[i] = 0xFF;
      for (guint i = 0; i < 128; i++)
        if (gsm7_basic[i] < 128)
          ascii[gsm7_basic[i]] = (guint8) i;
      g_once_init_leave (&initialized, 1);
    }

  if (c < 128 && ascii[c] != 0xFF)
    {
      *out_septet = ascii[c];
      return 1;
    }

  if (c >= 128 && c != 0xFFFF)
    {
      for (guint i = 0; i < G_N_ELEMENTS (gsm7_basic); i++)
        if (gsm7_basic[i] == c)
          {
            *out_septet = (guint8) i;
            return 1;
          }
    }

  for (guint i = 0; i < G_N_ELEMENTS (gsm7_extension); i++)
    if (gsm7_extension[i].c == c)
      {
        *out_septet = gsm7_extension[i].septet;
        return 2;
      }

  return 0;
}

/**
 * td_sms_gsm7_septets:
 * @c: a character
 *
 * Returns: the septets @c takes in the GSM 7-bit alphabet: 1 for the
 *   default table, 2 for the extension table (escape and character), 0
 *   when the alphabet lacks @c and the text must go as UCS-2
 */
guint
td_sms_gsm7_septets (gunichar c)
{
  guint8 septet;

  return gsm7_lookup (c, &septet);
}

/**
 * td_sms_encoding_to_string:
 * @encoding: a #TdSmsEncoding
 *
 * Returns: the short name people know the encoding by: "GSM-7" or "UCS-2"
 */
const char *
td_sms_encoding_to_string (TdSmsEncoding encoding)
{
  switch (encoding)
    {
    case TD_SMS_ENCODING_GSM7:
      return "GSM-7";
    case TD_SMS_ENCODING_UCS2:
      return "UCS-2";
    default:
      g_return_val_if_reached (NULL);
    }
}

static guint
char_units (gunichar      c,
            TdSmsEncoding encoding)
{
  if (encoding == TD_SMS_ENCODING_GSM7)
    return td_sms_gsm7_septets (c);

  return c > 0xFFFF ? 2 : 1;
}

typedef struct
{
  gsize start;   /* byte offsets into the text */
  gsize end;
  guint units;
} Part;

/* Text typed by a person is valid UTF-8; anything else (a pasted blob, a
 * body from the network) is measured as it would be sent after repair.
 */
static char *
valid_text (const char *utf8)
{
  if (utf8 == NULL)
    return g_strdup ("");

  if (g_utf8_validate (utf8, -1, NULL))
    return g_strdup (utf8);

  return g_utf8_make_valid (utf8, -1);
}

/* Splits @text into the parts it goes out as. A part ends only between
 * two characters, so an escape sequence or a surrogate pair is never cut:
 * when the next character does not fit, the part ends short of its
 * capacity and the character opens the next part.
 */
static GArray *
plan_parts (const char    *text,
            TdSmsEncoding *out_encoding,
            guint         *out_units,
            guint         *out_per_part)
{
  g_autoptr(GArray) parts = g_array_new (FALSE, TRUE, sizeof (Part));
  TdSmsEncoding encoding = TD_SMS_ENCODING_GSM7;
  guint units = 0;
  guint single, per_part;
  Part part = { 0, 0, 0 };

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (td_sms_gsm7_septets (g_utf8_get_char (p)) == 0)
        {
          encoding = TD_SMS_ENCODING_UCS2;
          break;
        }
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    units += char_units (g_utf8_get_char (p), encoding);

  single = encoding == TD_SMS_ENCODING_GSM7 ? TD_SMS_GSM7_SINGLE
                                            : TD_SMS_UCS2_SINGLE;
  per_part = encoding == TD_SMS_ENCODING_GSM7 ? TD_SMS_GSM7_PER_PART
                                              : TD_SMS_UCS2_PER_PART;

  if (units == 0)
    per_part = single;
  else if (units <= single)
    {
      part.end = strlen (text);
      part.units = units;
      g_array_append_val (parts, part);
      per_part = single;
    }
  else
    {
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          guint width = char_units (g_utf8_get_char (p), encoding);

          if (part.units + width > per_part)
            {
              g_array_append_val (parts, part);
              part.start = part.end;
              part.units = 0;
            }

          part.units += width;
          part.end = (gsize) (g_utf8_next_char (p) - text);
        }

      g_array_append_val (parts, part);
    }

  *out_encoding = encoding;
  *out_units = units;
  *out_per_part = per_part;

  return g_steal_pointer (&parts);
}

/**
 * td_sms_count:
 * @utf8: (nullable): the text as it will be sent
 *
 * Measures a text the way a handset or a gateway does: GSM-7 while every
 * character is in the default alphabet or its extension table (which
 * costs two septets), else UCS-2 counted in UTF-16 code units. A single
 * text holds 160 septets or 70 units; past that every part holds 153 or
 * 67, the rest going to the concatenation header, and no part cuts an
 * escape sequence or a surrogate pair, so a part may hold less.
 *
 * Returns: what the text costs
 */
TdSmsInfo
td_sms_count (const char *utf8)
{
  g_autofree char *text = valid_text (utf8);
  g_autoptr(GArray) parts = NULL;
  TdSmsInfo info = { 0, };

  parts = plan_parts (text, &info.encoding, &info.units, &info.units_per_part);
  info.parts = parts->len;

  if (parts->len > 0)
    info.units_in_part = g_array_index (parts, Part, parts->len - 1).units;

  info.remaining = info.units_per_part - info.units_in_part;

  return info;
}

/**
 * td_sms_split:
 * @utf8: (nullable): the text as it will be sent
 * @out_encoding: (out) (optional): the encoding the text needs
 *
 * Splits a text into the parts that td_sms_count() counts.
 *
 * Returns: (transfer full): the parts, as UTF-8 text, in order; empty for
 *   an empty text
 */
char **
td_sms_split (const char    *utf8,
              TdSmsEncoding *out_encoding)
{
  g_autofree char *text = valid_text (utf8);
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  TdSmsEncoding encoding;
  guint units, per_part;

  parts = plan_parts (text, &encoding, &units, &per_part);

  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);
      g_autofree char *piece = g_strndup (text + part->start,
                                          part->end - part->start);

      g_strv_builder_add (builder, piece);
    }

  if (out_encoding != NULL)
    *out_encoding = encoding;

  return g_strv_builder_end (builder);
}

static GBytes *
encode_part (const char    *start,
             const char    *end,
             TdSmsEncoding  encoding)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (encoding == TD_SMS_ENCODING_GSM7)
        {
          guint8 septet = 0;
          guint8 escape = TD_SMS_GSM7_ESCAPE;

          if (gsm7_lookup (c, &septet) == 2)
            g_byte_array_append (bytes, &escape, 1);
          g_byte_array_append (bytes, &septet, 1);
        }
      else
        {
          gunichar2 units[2];
          guint n = 1;

          if (c > 0xFFFF)
            {
              units[0] = (gunichar2) (0xD800 + ((c - 0x10000) >> 10));
              units[1] = (gunichar2) (0xDC00 + ((c - 0x10000) & 0x3FF));
              n = 2;
            }
          else
            units[0] = (gunichar2) c;

          g_byte_array_append (bytes, (const guint8 *) units,
                               n * sizeof (gunichar2));
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * td_sms_encode_parts:
 * @utf8: (nullable): the text as it will be sent
 * @out_encoding: (out) (optional): the encoding the text needs
 *
 * Encodes each part as it goes over the air, before packing: one byte per
 * septet for GSM-7 (the escape 0x1B before an extension character), host
 * order #gunichar2 code units for UCS-2.
 *
 * Returns: (transfer full) (element-type GBytes): one #GBytes a part
 */
GPtrArray *
td_sms_encode_parts (const char    *utf8,
                     TdSmsEncoding *out_encoding)
{
  g_autofree char *text = valid_text (utf8);
  g_autoptr(GArray) parts = NULL;
  GPtrArray *encoded = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  TdSmsEncoding encoding;
  guint units, per_part;

  parts = plan_parts (text, &encoding, &units, &per_part);

  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);

      g_ptr_array_add (encoded, encode_part (text + part->start,
                                             text + part->end, encoding));
    }

  if (out_encoding != NULL)
    *out_encoding = encoding;

  return encoded;
}
