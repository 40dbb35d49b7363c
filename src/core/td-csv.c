/* td-csv.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "td-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "td-core-error.h"
#include "td-csv.h"
#include "td-phone.h"

/**
 * td_csv_encoding_get_name:
 * @encoding: a #TdCsvEncoding
 *
 * Returns: (transfer none): the encoding's name for people
 */
const char *
td_csv_encoding_get_name (TdCsvEncoding encoding)
{
  switch (encoding)
    {
    case TD_CSV_ENCODING_UTF8:
      return _("UTF-8");
    case TD_CSV_ENCODING_UTF8_BOM:
      return _("UTF-8 with byte order mark");
    case TD_CSV_ENCODING_UTF16_LE:
      return _("UTF-16 (little endian)");
    case TD_CSV_ENCODING_UTF16_BE:
      return _("UTF-16 (big endian)");
    case TD_CSV_ENCODING_WINDOWS_1252:
      return _("Windows-1252 (Latin-1)");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Reader */

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
  STATE_AFTER_CR,
} ParseState;

typedef struct
{
  char  **fields;
  guint   line;
} Record;

struct _TdCsvReader
{
  /* Decoding */
  gboolean       sniffed;
  gboolean       legacy;
  TdCsvEncoding  encoding;
  GByteArray    *pending;     /* undecoded bytes: a BOM not yet complete,
                                 half a character */
  guint          decoded_lines;

  /* Parsing */
  ParseState     state;
  GString       *field;
  GPtrArray     *record;      /* fields of the record being read */
  gboolean       record_quoted;
  gboolean       quoted_cr;   /* the last character in quotes was a CR */
  guint          line;        /* the line being read, from 1 */
  guint          record_line; /* the line the current record starts on */
  GQueue         done;        /* of Record */

  gboolean       failed;
};

static void
record_free (gpointer data)
{
  Record *record = data;

  g_strfreev (record->fields);
  g_free (record);
}

/**
 * td_csv_reader_new:
 *
 * Makes a reader of comma-separated values as RFC 4180 writes them:
 * fields in double quotes may hold commas, line breaks and doubled
 * quotes; records end with CRLF, LF or CR. Blank lines are skipped.
 *
 * The reader works out the encoding from the first bytes: UTF-8, with or
 * without a byte order mark, or UTF-16 with one. Anything that is not
 * valid UTF-8 fails with %TD_CORE_ERROR_ENCODING, unless the user chose to
 * convert from Windows-1252 with td_csv_reader_set_legacy_encoding().
 *
 * Returns: (transfer full): a new reader
 */
TdCsvReader *
td_csv_reader_new (void)
{
  TdCsvReader *self = g_new0 (TdCsvReader, 1);

  self->pending = g_byte_array_new ();
  self->field = g_string_new (NULL);
  self->record = g_ptr_array_new_with_free_func (g_free);
  self->line = 1;
  self->record_line = 1;
  self->encoding = TD_CSV_ENCODING_UTF8;
  g_queue_init (&self->done);

  return self;
}

void
td_csv_reader_free (TdCsvReader *self)
{
  if (self == NULL)
    return;

  g_byte_array_unref (self->pending);
  g_string_free (self->field, TRUE);
  g_ptr_array_unref (self->record);
  g_queue_clear_full (&self->done, record_free);
  g_free (self);
}

/**
 * td_csv_reader_set_legacy_encoding:
 * @self: a #TdCsvReader
 * @convert_from_windows_1252: whether to read text without a byte order
 *   mark as Windows-1252 (Latin-1) rather than UTF-8
 *
 * Call it before feeding anything, and only when the user chose it: a
 * UTF-8 file read as Windows-1252 would come out garbled.
 */
void
td_csv_reader_set_legacy_encoding (TdCsvReader *self,
                                   gboolean     convert_from_windows_1252)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (!self->sniffed);

  self->legacy = !!convert_from_windows_1252;
}

TdCsvEncoding
td_csv_reader_get_encoding (TdCsvReader *self)
{
  g_return_val_if_fail (self != NULL, TD_CSV_ENCODING_UTF8);

  return self->encoding;
}

static void
end_field (TdCsvReader *self)
{
  g_ptr_array_add (self->record, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
}

static void
end_record (TdCsvReader *self)
{
  Record *record;

  end_field (self);

  /* A blank line is no record. */
  if (self->record->len == 1 && !self->record_quoted &&
      *(char *) g_ptr_array_index (self->record, 0) == '\0')
    {
      g_ptr_array_set_size (self->record, 0);
    }
  else
    {
      g_ptr_array_add (self->record, NULL);
      record = g_new0 (Record, 1);
      record->fields = (char **) g_ptr_array_steal (self->record, NULL);
      record->line = self->record_line;
      g_queue_push_tail (&self->done, record);
    }

  self->record_quoted = FALSE;
  self->record_line = self->line;
}

/* Parses decoded, valid UTF-8 text. Every character that matters is
 * ASCII, so bytes will do. */
static void
parse_text (TdCsvReader *self,
            const char  *text,
            gsize        length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (self->state == STATE_AFTER_CR)
        {
          self->state = STATE_FIELD_START;
          if (c == '\n')
            continue;
        }

      switch (self->state)
        {
        case STATE_FIELD_START:
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              self->record_quoted = TRUE;
              self->quoted_cr = FALSE;
              break;
            }
          self->state = STATE_UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          if (c == ',')
            {
              end_field (self);
              self->state = STATE_FIELD_START;
            }
          else if (c == '\r' || c == '\n')
            {
              self->line++;
              end_record (self);
              self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
            }
          else
            {
              /* A quote inside an unquoted field is not RFC 4180, but
               * spreadsheets write them: keep it as it is. */
              g_string_append_c (self->field, c);
            }
          break;

        case STATE_QUOTED:
          if (c == '"')
            {
              self->state = STATE_QUOTE_IN_QUOTED;
              self->quoted_cr = FALSE;
            }
          else
            {
              /* A CRLF inside quotes is one line break. */
              if (c == '\r' || (c == '\n' && !self->quoted_cr))
                self->line++;
              self->quoted_cr = c == '\r';
              g_string_append_c (self->field, c);
            }
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (c == '"')
            {
              g_string_append_c (self->field, '"');
              self->state = STATE_QUOTED;
            }
          else if (c == ',')
            {
              end_field (self);
              self->state = STATE_FIELD_START;
            }
          else if (c == '\r' || c == '\n')
            {
              self->line++;
              end_record (self);
              self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
            }
          else
            {
              /* Text after the closing quote ("abc"def): keep it. */
              g_string_append_c (self->field, c);
              self->state = STATE_UNQUOTED;
            }
          break;

        case STATE_AFTER_CR:
        default:
          g_assert_not_reached ();
        }
    }
}

static gboolean
sniff (TdCsvReader *self,
       gboolean     at_end)
{
  const guint8 *p = self->pending->data;
  guint len = self->pending->len;

  /* Wait for enough bytes to tell a byte order mark. */
  if (!at_end)
    {
      if (len == 0)
        return FALSE;
      if (p[0] == 0xEF && len < 3 && (len < 2 || p[1] == 0xBB))
        return FALSE;
      if ((p[0] == 0xFE || p[0] == 0xFF) && len < 2)
        return FALSE;
    }

  if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
    {
      self->encoding = TD_CSV_ENCODING_UTF8_BOM;
      g_byte_array_remove_range (self->pending, 0, 3);
    }
  else if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      self->encoding = TD_CSV_ENCODING_UTF16_LE;
      g_byte_array_remove_range (self->pending, 0, 2);
    }
  else if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF)
    {
      self->encoding = TD_CSV_ENCODING_UTF16_BE;
      g_byte_array_remove_range (self->pending, 0, 2);
    }
  else if (self->legacy)
    self->encoding = TD_CSV_ENCODING_WINDOWS_1252;
  else
    self->encoding = TD_CSV_ENCODING_UTF8;

  self->sniffed = TRUE;

  return TRUE;
}

static guint
count_newlines (const char *text,
                gsize       length)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n')
      n++;

  return n;
}

static void
parse_decoded (TdCsvReader *self,
               const char  *text,
               gsize        length)
{
  self->decoded_lines += count_newlines (text, length);
  parse_text (self, text, length);
}

static gboolean
decode_utf8 (TdCsvReader  *self,
             gboolean      at_end,
             GError      **error)
{
  const char *data = (const char *) self->pending->data;
  gsize len = self->pending->len;
  const char *end = NULL;
  const char *nul;
  gsize valid;

  if (len == 0)
    return TRUE;

  nul = memchr (data, '\0', len);
  if (nul != NULL)
    {
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                   _("The file holds a zero byte on line %u, so it is not "
                     "text in UTF-8. It may be a spreadsheet rather than a "
                     "CSV file, or UTF-16 text without a byte order mark: "
                     "save it as “CSV UTF-8” and import it again."),
                   self->decoded_lines + 1 +
                   count_newlines (data, (gsize) (nul - data)));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      gsize rest = len - (gsize) (end - data);
      guchar lead = (guchar) *end;
      guint need = lead >= 0xF0 && lead <= 0xF4 ? 4
                   : lead >= 0xE0 && lead <= 0xEF ? 3
                   : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
      gboolean incomplete = !at_end && need > 0 && rest < need;

      for (gsize i = 1; incomplete && i < rest; i++)
        if ((((guchar) end[i]) & 0xC0) != 0x80)
          incomplete = FALSE;

      if (!incomplete)
        {
          guint line = self->decoded_lines + 1 +
                       count_newlines (data, (gsize) (end - data));

          g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                       _("The file is not in UTF-8: line %u holds a character "
                         "that is not valid UTF-8. It is probably in "
                         "Windows-1252 (Latin-1). Convert it from "
                         "Windows-1252, or save it as “CSV UTF-8” and "
                         "import it again."),
                       line);
          return FALSE;
        }
    }

  valid = (gsize) (end - data);
  parse_decoded (self, data, valid);
  g_byte_array_remove_range (self->pending, 0, valid);

  return TRUE;
}

static gboolean
decode_utf16 (TdCsvReader  *self,
              gboolean      at_end,
              GError      **error)
{
  const guint8 *p = self->pending->data;
  gsize n_units = self->pending->len / 2;
  g_autoptr(GString) text = NULL;
  gboolean little = self->encoding == TD_CSV_ENCODING_UTF16_LE;
  gsize i;

  if (at_end && self->pending->len % 2 != 0)
    {
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                   _("The file is cut short: line %u ends in the middle of "
                     "a UTF-16 character."),
                   self->decoded_lines + 1);
      return FALSE;
    }

  if (n_units == 0)
    return TRUE;

  /* Decode unit by unit rather than with g_utf16_to_utf8(), which stops
   * quietly at a U+0000: every unit is either decoded, kept for the next
   * chunk, or reported, so nothing is ever dropped. */
  text = g_string_sized_new (n_units + n_units / 2 + 16);
  for (i = 0; i < n_units; i++)
    {
      gunichar2 unit = little ? (gunichar2) (p[2 * i] | (p[2 * i + 1] << 8))
                              : (gunichar2) ((p[2 * i] << 8) | p[2 * i + 1]);
      gunichar c = unit;

      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          gunichar2 low;

          /* A high surrogate at the end of a chunk: wait for its pair. */
          if (i + 1 == n_units && !at_end)
            break;

          low = i + 1 == n_units ? 0
                : little ? (gunichar2) (p[2 * i + 2] | (p[2 * i + 3] << 8))
                         : (gunichar2) ((p[2 * i + 2] << 8) | p[2 * i + 3]);
          if (low < 0xDC00 || low > 0xDFFF)
            goto not_utf16;

          c = 0x10000 + (((gunichar) unit - 0xD800) << 10) +
              ((gunichar) low - 0xDC00);
          i++;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        goto not_utf16;
      else if (unit == 0)
        {
          g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                       _("The file holds a zero character on line %u, so it "
                         "is not a CSV text file. It may be a spreadsheet: "
                         "save it as “CSV UTF-8” and import it again."),
                       self->decoded_lines + 1 +
                       count_newlines (text->str, text->len));
          return FALSE;
        }

      g_string_append_unichar (text, c);
    }

  parse_decoded (self, text->str, text->len);
  g_byte_array_remove_range (self->pending, 0, (guint) i * 2);

  return TRUE;

not_utf16:
  g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
               _("The file says it is UTF-16, but line %u holds something "
                 "that is not UTF-16 text (half of a character pair)."),
               self->decoded_lines + 1 + count_newlines (text->str, text->len));
  return FALSE;
}

/* Bytes 0x80 to 0x9F of Windows-1252; the five it leaves undefined map to
 * the C1 controls of the same value, as in Latin-1. */
static const gunichar windows_1252_high[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

static gboolean
decode_windows_1252 (TdCsvReader  *self,
                     GError      **error)
{
  g_autoptr(GString) text = g_string_sized_new (self->pending->len + 16);

  for (guint i = 0; i < self->pending->len; i++)
    {
      guint8 b = self->pending->data[i];

      if (b == 0)
        {
          g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING,
                       _("The file holds a zero byte on line %u, so it is "
                         "not a CSV text file."),
                       self->decoded_lines + 1 +
                       count_newlines (text->str, text->len));
          return FALSE;
        }
      else if (b < 0x80)
        g_string_append_c (text, (char) b);
      else if (b < 0xA0)
        g_string_append_unichar (text, windows_1252_high[b - 0x80]);
      else
        g_string_append_unichar (text, b);
    }

  parse_decoded (self, text->str, text->len);
  g_byte_array_set_size (self->pending, 0);

  return TRUE;
}

static gboolean
decode (TdCsvReader  *self,
        gboolean      at_end,
        GError      **error)
{
  if (!self->sniffed && !sniff (self, at_end))
    return TRUE;

  switch (self->encoding)
    {
    case TD_CSV_ENCODING_UTF8:
    case TD_CSV_ENCODING_UTF8_BOM:
      return decode_utf8 (self, at_end, error);
    case TD_CSV_ENCODING_UTF16_LE:
    case TD_CSV_ENCODING_UTF16_BE:
      return decode_utf16 (self, at_end, error);
    case TD_CSV_ENCODING_WINDOWS_1252:
      return decode_windows_1252 (self, error);
    default:
      g_assert_not_reached ();
    }
}

/**
 * td_csv_reader_feed:
 * @self: a #TdCsvReader
 * @data: (array length=length): the next bytes of the file
 * @length: how many
 * @error: return location for a #TD_CORE_ERROR_ENCODING
 *
 * Reads the next bytes. Complete records can then be taken with
 * td_csv_reader_pop(). After an error the reader takes nothing more.
 *
 * Returns: %FALSE with @error set when the bytes are not text we can read
 */
gboolean
td_csv_reader_feed (TdCsvReader  *self,
                    const char   *data,
                    gsize         length,
                    GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  /* Slice by slice, so that no length is ever cut to a guint and the
   * undecoded bytes stay small. */
  do
    {
      gsize slice = MIN (length, 64 * 1024);

      g_byte_array_append (self->pending, (const guint8 *) data, (guint) slice);
      data += slice;
      length -= slice;

      if (!decode (self, FALSE, error))
        {
          self->failed = TRUE;
          return FALSE;
        }
    }
  while (length > 0);

  return TRUE;
}

/**
 * td_csv_reader_finish:
 * @self: a #TdCsvReader
 * @error: return location for a #TD_CORE_ERROR
 *
 * Tells the reader the input is over, so that the last record (which may
 * have no line break after it) can be taken.
 *
 * Returns: %FALSE with @error set when the input ends in the middle of a
 *   character or of a quoted field
 */
gboolean
td_csv_reader_finish (TdCsvReader  *self,
                      GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  if (!decode (self, TRUE, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  if (self->state == STATE_QUOTED)
    {
      self->failed = TRUE;
      g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                   _("The quotation mark that opens a field on line %u is "
                     "never closed."),
                   self->record_line);
      return FALSE;
    }

  if (self->state != STATE_AFTER_CR &&
      (self->state != STATE_FIELD_START || self->record->len > 0))
    end_record (self);

  self->state = STATE_FIELD_START;

  return TRUE;
}

/**
 * td_csv_reader_pop:
 * @self: a #TdCsvReader
 * @line: (out) (optional): the line the record starts on
 *
 * Returns: (transfer full) (nullable): the next complete record, or %NULL
 *   when there is none yet
 */
char **
td_csv_reader_pop (TdCsvReader *self,
                   guint       *line)
{
  Record *record;
  char **fields;

  g_return_val_if_fail (self != NULL, NULL);

  record = g_queue_pop_head (&self->done);
  if (record == NULL)
    return NULL;

  if (line != NULL)
    *line = record->line;

  fields = g_steal_pointer (&record->fields);
  record_free (record);

  return fields;
}

/* Writer */

/**
 * td_csv_field_needs_quotes:
 * @field: (nullable): a value
 *
 * Returns: whether @field must be quoted: it holds a comma, a quote or a
 *   line break, or starts or ends with white space that a reader could
 *   trim
 */
gboolean
td_csv_field_needs_quotes (const char *field)
{
  gsize len;

  if (field == NULL || *field == '\0')
    return FALSE;

  if (strpbrk (field, ",\"\r\n") != NULL)
    return TRUE;

  len = strlen (field);

  return g_ascii_isspace (field[0]) || g_ascii_isspace (field[len - 1]);
}

/**
 * td_csv_append_field:
 * @out: where to write
 * @field: (nullable): the value; %NULL is written as an empty field
 *
 * Appends one field, quoted when needed, with its quotes doubled.
 */
void
td_csv_append_field (GString    *out,
                     const char *field)
{
  g_return_if_fail (out != NULL);

  if (field == NULL)
    return;

  if (!td_csv_field_needs_quotes (field))
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * td_csv_append_record:
 * @out: where to write
 * @fields: (array length=n_fields): the values
 * @n_fields: how many, or -1 if @fields ends with %NULL
 *
 * Appends one record and the CRLF that ends it, as RFC 4180 asks.
 */
void
td_csv_append_record (GString            *out,
                      const char * const *fields,
                      gssize              n_fields)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL || n_fields == 0);

  if (n_fields < 0)
    n_fields = (gssize) g_strv_length ((char **) fields);

  /* A record of one empty field would read back as a blank line. */
  if (n_fields == 1 && (fields[0] == NULL || *fields[0] == '\0'))
    {
      g_string_append (out, "\"\"\r\n");
      return;
    }

  for (gssize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      td_csv_append_field (out, fields[i]);
    }

  g_string_append (out, "\r\n");
}

/* Table */

G_DEFINE_BOXED_TYPE (TdCsvTable, td_csv_table, td_csv_table_ref, td_csv_table_unref)

static TdCsvTable *
td_csv_table_new (void)
{
  TdCsvTable *self = g_new0 (TdCsvTable, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

TdCsvTable *
td_csv_table_ref (TdCsvTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
td_csv_table_unref (TdCsvTable *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_strfreev (self->header);
      g_ptr_array_unref (self->rows);
      g_array_unref (self->lines);
      g_free (self);
    }
}

/* Header names lose surrounding white space, and a byte order mark that
 * a second tool left after the first one's. */
static char *
clean_header_name (const char *name)
{
  while (g_str_has_prefix (name, "\xEF\xBB\xBF"))
    name += 3;

  return g_strstrip (g_strdup (name));
}

static void
table_take_records (TdCsvTable  *table,
                    TdCsvReader *reader)
{
  char **fields;
  guint line;

  while ((fields = td_csv_reader_pop (reader, &line)) != NULL)
    {
      if (table->header == NULL)
        {
          guint n = g_strv_length (fields);

          table->header = g_new0 (char *, n + 1);
          for (guint i = 0; i < n; i++)
            table->header[i] = clean_header_name (fields[i]);
          g_strfreev (fields);
          continue;
        }

      g_ptr_array_add (table->rows, fields);
      g_array_append_val (table->lines, line);
    }
}

static TdCsvTable *
table_finish (TdCsvTable   *table,
              TdCsvReader  *reader,
              GError      **error)
{
  g_autoptr(TdCsvTable) owned = table;

  if (!td_csv_reader_finish (reader, error))
    return NULL;

  table_take_records (table, reader);

  if (table->header == NULL)
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }

  table->encoding = td_csv_reader_get_encoding (reader);

  return g_steal_pointer (&owned);
}

/**
 * td_csv_table_parse:
 * @data: (array length=length): a whole file
 * @length: its size
 * @convert_from_windows_1252: whether the user chose to read text that is
 *   not UTF-8 as Windows-1252
 * @error: return location for a #TD_CORE_ERROR
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
TdCsvTable *
td_csv_table_parse (const char  *data,
                    gsize        length,
                    gboolean     convert_from_windows_1252,
                    GError     **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new ();
  TdCsvTable *table = td_csv_table_new ();

  td_csv_reader_set_legacy_encoding (reader, convert_from_windows_1252);

  if (!td_csv_reader_feed (reader, data, length, error))
    {
      td_csv_table_unref (table);
      return NULL;
    }

  return table_finish (table, reader, error);
}

/**
 * td_csv_table_read:
 * @stream: a file's contents
 * @convert_from_windows_1252: whether the user chose to read text that is
 *   not UTF-8 as Windows-1252
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Reads a whole file in chunks. It blocks: call it in a thread, as
 * td_csv_table_load_async() does.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
TdCsvTable *
td_csv_table_read (GInputStream  *stream,
                   gboolean       convert_from_windows_1252,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new ();
  g_autoptr(TdCsvTable) table = td_csv_table_new ();
  g_autofree char *buffer = g_malloc (64 * 1024);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  td_csv_reader_set_legacy_encoding (reader, convert_from_windows_1252);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      if (!td_csv_reader_feed (reader, buffer, (gsize) n, error))
        return NULL;

      table_take_records (table, reader);
    }

  return table_finish (g_steal_pointer (&table), reader, error);
}

typedef struct
{
  GFile    *file;
  gboolean  legacy;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->file);
  g_free (data);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GFile *file = data->file;
  gboolean legacy = data->legacy;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  TdCsvTable *table;

  stream = g_file_read (file, cancellable, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  table = td_csv_table_read (G_INPUT_STREAM (stream), legacy, cancellable, &error);
  if (table == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, table, (GDestroyNotify) td_csv_table_unref);
}

/**
 * td_csv_table_load_async:
 * @file: a CSV file
 * @convert_from_windows_1252: whether the user chose to read text that is
 *   not UTF-8 as Windows-1252
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Reads and parses @file in a worker thread.
 */
void
td_csv_table_load_async (GFile               *file,
                         gboolean             convert_from_windows_1252,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->legacy = !!convert_from_windows_1252;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_csv_table_load_async);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * td_csv_table_load_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
TdCsvTable *
td_csv_table_load_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, td_csv_table_load_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

guint
td_csv_table_get_n_columns (TdCsvTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->header != NULL ? g_strv_length (self->header) : 0;
}

/**
 * td_csv_table_get_cell:
 * @self: a #TdCsvTable
 * @row: a data row, from 0
 * @column: a column, from 0
 *
 * Returns: (transfer none): the cell; "" for a cell a short row lacks
 */
const char *
td_csv_table_get_cell (TdCsvTable *self,
                       guint       row,
                       guint       column)
{
  char **fields;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);

  fields = g_ptr_array_index (self->rows, row);
  for (guint i = 0; i < column; i++)
    if (fields[i] == NULL)
      return "";

  return fields[column] != NULL ? fields[column] : "";
}

/* Column mapping */

/* "First Name", "first_name" and "FIRSTNAME" all become "firstname". */
static char *
squash_name (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static gboolean
name_in (const char         *squashed,
         const char * const *names)
{
  return g_strv_contains (names, squashed);
}

/**
 * td_csv_guess_columns:
 * @header: the names of a file's columns
 * @fields: (array length=n_fields) (nullable): the account's metadata fields
 * @n_fields: how many
 *
 * Guesses what each column holds from its name: the phone number, first
 * name, last name, full name, or a metadata field whose key or name it
 * matches. Each of phone and names goes to its first matching column
 * only; every other column is ignored.
 *
 * Returns: (transfer full) (element-type TdCsvColumn): one per column
 */
GArray *
td_csv_guess_columns (const char * const   *header,
                      const TdCsvFieldInfo *fields,
                      guint                 n_fields)
{
  static const char * const phone_names[] = {
    "phone", "phonenumber", "phoneno", "mobile", "mobilenumber",
    "mobilephone", "cell", "cellphone", "cellnumber", "number", "msisdn",
    "tel", "telephone", "sms", "e164", "to", "from", NULL
  };
  static const char * const first_names[] = {
    "firstname", "first", "givenname", "forename", "fname", NULL
  };
  static const char * const last_names[] = {
    "lastname", "last", "surname", "familyname", "lname", NULL
  };
  static const char * const full_names[] = {
    "name", "fullname", "contact", "contactname", "displayname", NULL
  };
  GArray *columns;
  gboolean seen[TD_CSV_COLUMN_FIELD + 1] = { FALSE, };
  g_autoptr(GHashTable) used_fields = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (header != NULL, NULL);

  columns = g_array_new (FALSE, TRUE, sizeof (TdCsvColumn));
  g_array_set_clear_func (columns, (GDestroyNotify) td_csv_column_clear);

  for (guint i = 0; header[i] != NULL; i++)
    {
      g_autofree char *squashed = squash_name (header[i]);
      TdCsvColumn column = { TD_CSV_COLUMN_IGNORE, NULL };

      if (name_in (squashed, phone_names))
        column.kind = TD_CSV_COLUMN_PHONE;
      else if (name_in (squashed, first_names))
        column.kind = TD_CSV_COLUMN_FIRST_NAME;
      else if (name_in (squashed, last_names))
        column.kind = TD_CSV_COLUMN_LAST_NAME;
      else if (name_in (squashed, full_names))
        column.kind = TD_CSV_COLUMN_FULL_NAME;
      else
        {
          for (guint f = 0; f < n_fields; f++)
            {
              g_autofree char *key = squash_name (fields[f].key);
              g_autofree char *name = squash_name (fields[f].name != NULL
                                                   ? fields[f].name : "");

              if (*squashed != '\0' &&
                  (g_str_equal (squashed, key) || g_str_equal (squashed, name)) &&
                  !g_hash_table_contains (used_fields, fields[f].key))
                {
                  column.kind = TD_CSV_COLUMN_FIELD;
                  column.field_key = g_strdup (fields[f].key);
                  g_hash_table_add (used_fields, (gpointer) fields[f].key);
                  break;
                }
            }
        }

      if (column.kind != TD_CSV_COLUMN_FIELD && column.kind != TD_CSV_COLUMN_IGNORE)
        {
          if (seen[column.kind])
            column.kind = TD_CSV_COLUMN_IGNORE;
          seen[column.kind] = TRUE;
        }

      g_array_append_val (columns, column);
    }

  /* A full name next to first and last names would say it twice. */
  if (seen[TD_CSV_COLUMN_FULL_NAME] &&
      (seen[TD_CSV_COLUMN_FIRST_NAME] || seen[TD_CSV_COLUMN_LAST_NAME]))
    {
      for (guint i = 0; i < columns->len; i++)
        {
          TdCsvColumn *column = &g_array_index (columns, TdCsvColumn, i);

          if (column->kind == TD_CSV_COLUMN_FULL_NAME)
            column->kind = TD_CSV_COLUMN_IGNORE;
        }
    }

  return columns;
}

void
td_csv_column_clear (TdCsvColumn *column)
{
  g_clear_pointer (&column->field_key, g_free);
}

/**
 * td_csv_columns_validate:
 * @columns: (element-type TdCsvColumn): a mapping
 * @error: return location for a #TD_CORE_ERROR_PARSE
 *
 * Returns: whether the mapping can be imported: exactly one phone column,
 *   each metadata field at most once, names not given twice
 */
gboolean
td_csv_columns_validate (GArray  *columns,
                         GError **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  guint count[TD_CSV_COLUMN_FIELD + 1] = { 0, };

  g_return_val_if_fail (columns != NULL, FALSE);

  for (guint i = 0; i < columns->len; i++)
    {
      TdCsvColumn *column = &g_array_index (columns, TdCsvColumn, i);

      count[column->kind]++;

      if (column->kind == TD_CSV_COLUMN_FIELD)
        {
          if (column->field_key == NULL || *column->field_key == '\0')
            {
              g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                           _("Choose the field that column %u goes to."), i + 1);
              return FALSE;
            }
          if (!g_hash_table_add (keys, column->field_key))
            {
              g_set_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                           _("Two columns go to the same field “%s”. Choose "
                             "one of them."),
                           column->field_key);
              return FALSE;
            }
        }
    }

  if (count[TD_CSV_COLUMN_PHONE] == 0)
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                           _("Choose the column that holds the phone numbers."));
      return FALSE;
    }

  if (count[TD_CSV_COLUMN_PHONE] > 1 || count[TD_CSV_COLUMN_FIRST_NAME] > 1 ||
      count[TD_CSV_COLUMN_LAST_NAME] > 1 || count[TD_CSV_COLUMN_FULL_NAME] > 1)
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                           _("Two columns hold the same thing. Give phone, "
                             "first name, last name and full name one column "
                             "each."));
      return FALSE;
    }

  if (count[TD_CSV_COLUMN_FULL_NAME] > 0 &&
      (count[TD_CSV_COLUMN_FIRST_NAME] > 0 || count[TD_CSV_COLUMN_LAST_NAME] > 0))
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE,
                           _("Choose either a full name column or first and "
                             "last name columns, not both."));
      return FALSE;
    }

  return TRUE;
}

/* Import plan */

G_DEFINE_BOXED_TYPE (TdCsvImportPlan, td_csv_import_plan,
                     td_csv_import_plan_ref, td_csv_import_plan_unref)

static void
contact_free (gpointer data)
{
  TdCsvContact *contact = data;

  g_free (contact->phone);
  g_free (contact->first_name);
  g_free (contact->last_name);
  g_hash_table_unref (contact->fields);
  g_free (contact);
}

static void
problem_free (gpointer data)
{
  TdCsvProblem *problem = data;

  g_free (problem->reason);
  g_free (problem);
}

TdCsvImportPlan *
td_csv_import_plan_ref (TdCsvImportPlan *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
td_csv_import_plan_unref (TdCsvImportPlan *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->contacts);
      g_ptr_array_unref (self->problems);
      g_free (self);
    }
}

static void
add_problem (TdCsvImportPlan *plan,
             guint            line,
             char            *reason)
{
  TdCsvProblem *problem = g_new0 (TdCsvProblem, 1);

  problem->line = line;
  problem->reason = reason;
  g_ptr_array_add (plan->problems, problem);
}

static char *
dup_trimmed_or_null (const char *text)
{
  char *copy = g_strstrip (g_strdup (text));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static void
fill_if_empty (char       **slot,
               const char  *value)
{
  if (*slot == NULL && value != NULL && *value != '\0')
    *slot = g_strdup (value);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  while (g_ascii_isspace (*text))
    text++;

  return *text == '\0';
}

static gboolean
row_is_blank (char **fields)
{
  for (guint i = 0; fields[i] != NULL; i++)
    if (!is_blank (fields[i]))
      return FALSE;

  return TRUE;
}

/**
 * td_csv_import_plan_new:
 * @table: a file's rows
 * @columns: (element-type TdCsvColumn): what each column holds; see
 *   td_csv_columns_validate()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Turns rows into subscribers: every phone number normalised to E.164,
 * rows with the same number merged into one subscriber (the first
 * non-empty value of each name and field wins), rows that cannot be
 * imported listed with their reason. Blank rows are skipped.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
TdCsvImportPlan *
td_csv_import_plan_new (TdCsvTable    *table,
                        GArray        *columns,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(TdCsvImportPlan) plan = NULL;
  g_autoptr(GHashTable) by_phone = NULL;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  if (!td_csv_columns_validate (columns, error))
    return NULL;

  if (table->rows->len == 0)
    {
      g_set_error_literal (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY,
                           _("The file has column names but no rows of people."));
      return NULL;
    }

  plan = g_new0 (TdCsvImportPlan, 1);
  g_atomic_ref_count_init (&plan->ref_count);
  plan->contacts = g_ptr_array_new_with_free_func (contact_free);
  plan->problems = g_ptr_array_new_with_free_func (problem_free);
  by_phone = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **fields = g_ptr_array_index (table->rows, r);
      guint line = g_array_index (table->lines, guint, r);
      g_autofree char *phone = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      g_autoptr(GHashTable) values = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *raw_phone = NULL;
      TdCsvContact *contact;

      if (r % 1000 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (row_is_blank (fields))
        continue;

      plan->n_rows++;
      values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

      for (guint c = 0; c < columns->len; c++)
        {
          TdCsvColumn *column = &g_array_index (columns, TdCsvColumn, c);
          const char *cell = td_csv_table_get_cell (table, r, c);

          switch (column->kind)
            {
            case TD_CSV_COLUMN_PHONE:
              raw_phone = cell;
              break;
            case TD_CSV_COLUMN_FIRST_NAME:
              g_free (first);
              first = dup_trimmed_or_null (cell);
              break;
            case TD_CSV_COLUMN_LAST_NAME:
              g_free (last);
              last = dup_trimmed_or_null (cell);
              break;
            case TD_CSV_COLUMN_FULL_NAME:
              {
                g_autofree char *full = dup_trimmed_or_null (cell);
                char *comma = full != NULL ? strchr (full, ',') : NULL;
                char *space = full != NULL ? strrchr (full, ' ') : NULL;

                g_clear_pointer (&first, g_free);
                g_clear_pointer (&last, g_free);
                if (comma != NULL)
                  {
                    /* "Hopper, Grace": the last name first. */
                    *comma = '\0';
                    last = dup_trimmed_or_null (full);
                    first = dup_trimmed_or_null (comma + 1);
                  }
                else if (space != NULL)
                  {
                    *space = '\0';
                    first = dup_trimmed_or_null (full);
                    last = dup_trimmed_or_null (space + 1);
                  }
                else
                  first = g_steal_pointer (&full);
              }
              break;
            case TD_CSV_COLUMN_FIELD:
              {
                char *value = dup_trimmed_or_null (cell);

                if (value != NULL)
                  g_hash_table_insert (values, g_strdup (column->field_key), value);
              }
              break;
            case TD_CSV_COLUMN_IGNORE:
            default:
              break;
            }
        }

      if (is_blank (raw_phone))
        {
          add_problem (plan, line, g_strdup (_("No phone number")));
          continue;
        }

      phone = td_phone_normalize (raw_phone, &local_error);
      if (phone == NULL)
        {
          add_problem (plan, line, g_strdup (local_error->message));
          continue;
        }

      contact = g_hash_table_lookup (by_phone, phone);
      if (contact != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          plan->n_merged++;
          contact->n_rows++;
          fill_if_empty (&contact->first_name, first);
          fill_if_empty (&contact->last_name, last);

          g_hash_table_iter_init (&iter, values);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (!g_hash_table_contains (contact->fields, key))
              g_hash_table_insert (contact->fields, g_strdup (key), g_strdup (value));
          continue;
        }

      contact = g_new0 (TdCsvContact, 1);
      contact->phone = g_steal_pointer (&phone);
      contact->first_name = g_steal_pointer (&first);
      contact->last_name = g_steal_pointer (&last);
      contact->fields = g_steal_pointer (&values);
      contact->line = line;
      contact->n_rows = 1;
      g_ptr_array_add (plan->contacts, contact);
      g_hash_table_insert (by_phone, contact->phone, contact);
    }

  return g_steal_pointer (&plan);
}

typedef struct
{
  TdCsvTable *table;
  GArray     *columns;
} PlanData;

static void
plan_data_free (PlanData *data)
{
  td_csv_table_unref (data->table);
  g_array_unref (data->columns);
  g_free (data);
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlanData *data = task_data;
  g_autoptr(GError) error = NULL;
  TdCsvImportPlan *plan;

  plan = td_csv_import_plan_new (data->table, data->columns, cancellable, &error);
  if (plan == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, plan, (GDestroyNotify) td_csv_import_plan_unref);
}

/**
 * td_csv_import_plan_new_async:
 * @table: a file's rows
 * @columns: (element-type TdCsvColumn): what each column holds; it must
 *   not change until the callback
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the plan is made
 * @user_data: data for @callback
 *
 * Makes the plan of td_csv_import_plan_new() in a worker thread.
 */
void
td_csv_import_plan_new_async (TdCsvTable          *table,
                              GArray              *columns,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PlanData *data;

  g_return_if_fail (table != NULL);
  g_return_if_fail (columns != NULL);

  data = g_new0 (PlanData, 1);
  data->table = td_csv_table_ref (table);
  data->columns = g_array_ref (columns);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_csv_import_plan_new_async);
  g_task_set_task_data (task, data, (GDestroyNotify) plan_data_free);
  g_task_run_in_thread (task, plan_thread);
}

/**
 * td_csv_import_plan_new_finish:
 * @result: the result
 * @error: return location for an error
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
TdCsvImportPlan *
td_csv_import_plan_new_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, td_csv_import_plan_new_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
