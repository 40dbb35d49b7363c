/* test-csv.c
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-csv"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "td-core-error.h"
#include "td-csv.h"

static TdCsvTable *
parse (const char *data,
       gssize      length,
       GError    **error)
{
  return td_csv_table_parse (data, length < 0 ? strlen (data) : (gsize) length,
                             FALSE, error);
}

/* Feeds the bytes one at a time, so that every boundary falls somewhere
 * awkward: inside a byte order mark, a character, a CRLF, a quote pair. */
static GPtrArray *
read_byte_by_byte (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **record;

  for (gsize i = 0; i < length; i++)
    {
      if (!td_csv_reader_feed (reader, data + i, 1, error))
        return NULL;
      while ((record = td_csv_reader_pop (reader, NULL)) != NULL)
        g_ptr_array_add (records, record);
    }

  if (!td_csv_reader_finish (reader, error))
    return NULL;
  while ((record = td_csv_reader_pop (reader, NULL)) != NULL)
    g_ptr_array_add (records, record);

  return g_steal_pointer (&records);
}

static GArray *
guess (TdCsvTable *table)
{
  static const TdCsvFieldInfo fields[] = {
    { "favorite_show", "Favorite show" },
    { "zip", "ZIP code" },
  };

  return td_csv_guess_columns ((const char * const *) table->header,
                               fields, G_N_ELEMENTS (fields));
}

static TdCsvColumnKind
kind_of (GArray *columns,
         guint   i)
{
  return g_array_index (columns, TdCsvColumn, i).kind;
}

static void
test_bom_header_maps_to_phone (void)
{
  const char data[] = "\xEF\xBB\xBFphone,name\r\n+1 555 010 0123,Ada Byron\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GPtrArray) records = NULL;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, TD_CSV_ENCODING_UTF8_BOM);
  g_assert_cmpstr (table->header[0], ==, "phone");
  g_assert_cmpstr (table->header[1], ==, "name");
  g_assert_cmpuint (table->rows->len, ==, 1);

  columns = guess (table);
  g_assert_cmpint (kind_of (columns, 0), ==, TD_CSV_COLUMN_PHONE);
  g_assert_cmpint (kind_of (columns, 1), ==, TD_CSV_COLUMN_FULL_NAME);

  /* The same with the mark split across reads. */
  records = read_byte_by_byte (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((char **) records->pdata[0])[0], ==, "phone");
}

static void
test_double_bom_never_sticks (void)
{
  /* A file that went through two tools: the second mark is text now. */
  const char data[] = "\xEF\xBB\xBF\xEF\xBB\xBF Phone ,First Name\n5550100123,Ada\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (table->header[0], ==, "Phone");

  columns = guess (table);
  g_assert_cmpint (kind_of (columns, 0), ==, TD_CSV_COLUMN_PHONE);
  g_assert_cmpint (kind_of (columns, 1), ==, TD_CSV_COLUMN_FIRST_NAME);
}

static void
test_two_spellings_merge (void)
{
  const char data[] =
    "phone,first_name,last_name,favorite show\n"
    "+1 555 010 0123,Ada,,Morning Drive\n"
    "5550100123,,Byron,Night Shift\n"
    "(555) 010-0124,Grace,Hopper,\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(TdCsvImportPlan) plan = NULL;
  TdCsvContact *ada;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  columns = guess (table);
  g_assert_cmpint (kind_of (columns, 3), ==, TD_CSV_COLUMN_FIELD);
  g_assert_cmpstr (g_array_index (columns, TdCsvColumn, 3).field_key, ==, "favorite_show");

  plan = td_csv_import_plan_new (table, columns, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (plan->n_rows, ==, 3);
  g_assert_cmpuint (plan->contacts->len, ==, 2);
  g_assert_cmpuint (plan->n_merged, ==, 1);
  g_assert_cmpuint (plan->problems->len, ==, 0);

  ada = plan->contacts->pdata[0];
  g_assert_cmpstr (ada->phone, ==, "+15550100123");
  g_assert_cmpstr (ada->first_name, ==, "Ada");
  g_assert_cmpstr (ada->last_name, ==, "Byron");
  g_assert_cmpuint (ada->n_rows, ==, 2);
  g_assert_cmpuint (ada->line, ==, 2);
  /* The first value wins. */
  g_assert_cmpstr (g_hash_table_lookup (ada->fields, "favorite_show"), ==, "Morning Drive");

  g_assert_cmpstr (((TdCsvContact *) plan->contacts->pdata[1])->phone, ==, "+15550100124");
}

static void
test_full_names (void)
{
  const char data[] =
    "name,phone\n"
    "Ada Byron,5550100101\n"
    "\"Hopper, Grace\",5550100102\n"
    "Mary Ann Evans,5550100103\n"
    "Cher,5550100104\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(TdCsvImportPlan) plan = NULL;
  TdCsvContact *c;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  columns = guess (table);
  plan = td_csv_import_plan_new (table, columns, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->contacts->len, ==, 4);

  c = plan->contacts->pdata[0];
  g_assert_cmpstr (c->first_name, ==, "Ada");
  g_assert_cmpstr (c->last_name, ==, "Byron");
  c = plan->contacts->pdata[1];
  g_assert_cmpstr (c->first_name, ==, "Grace");
  g_assert_cmpstr (c->last_name, ==, "Hopper");
  c = plan->contacts->pdata[2];
  g_assert_cmpstr (c->first_name, ==, "Mary Ann");
  g_assert_cmpstr (c->last_name, ==, "Evans");
  c = plan->contacts->pdata[3];
  g_assert_cmpstr (c->first_name, ==, "Cher");
  g_assert_null (c->last_name);
}

static void
test_quoted_fields (void)
{
  const char data[] =
    "phone,note,name\r\n"
    "5550100101,\"Likes rock, and jazz\",\"Ada \"\"The Countess\"\" Byron\"\r\n"
    "5550100102,\"two\r\nlines\",\"three\nlines\nhere\"\r\n"
    "5550100103,\"\",plain\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GPtrArray) records = NULL;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 3);

  g_assert_cmpstr (td_csv_table_get_cell (table, 0, 1), ==, "Likes rock, and jazz");
  g_assert_cmpstr (td_csv_table_get_cell (table, 0, 2), ==, "Ada \"The Countess\" Byron");
  g_assert_cmpstr (td_csv_table_get_cell (table, 1, 1), ==, "two\r\nlines");
  g_assert_cmpstr (td_csv_table_get_cell (table, 1, 2), ==, "three\nlines\nhere");
  g_assert_cmpstr (td_csv_table_get_cell (table, 2, 1), ==, "");
  g_assert_cmpstr (td_csv_table_get_cell (table, 2, 2), ==, "plain");

  /* Lines are counted in the file, line breaks in quotes included. */
  g_assert_cmpuint (g_array_index (table->lines, guint, 0), ==, 2);
  g_assert_cmpuint (g_array_index (table->lines, guint, 1), ==, 3);
  g_assert_cmpuint (g_array_index (table->lines, guint, 2), ==, 7);

  records = read_byte_by_byte (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 4);
  g_assert_cmpstr (((char **) records->pdata[2])[1], ==, "two\r\nlines");
  g_assert_cmpstr (((char **) records->pdata[1])[2], ==, "Ada \"The Countess\" Byron");
}

static void
test_line_endings_and_blank_lines (void)
{
  const char data[] = "phone,name\r5550100101,Ada\r\n\n\n5550100102,Grace\n5550100103,Lin";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 3);
  g_assert_cmpstr (td_csv_table_get_cell (table, 0, 1), ==, "Ada");
  g_assert_cmpstr (td_csv_table_get_cell (table, 1, 1), ==, "Grace");
  /* The last record needs no line break. */
  g_assert_cmpstr (td_csv_table_get_cell (table, 2, 1), ==, "Lin");
  g_assert_cmpuint (g_array_index (table->lines, guint, 1), ==, 5);
}

static void
test_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;

  table = parse ("", 0, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY);
  g_assert_null (table);
  g_clear_error (&error);

  table = parse ("\n\r\n\n", -1, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY);
  g_assert_null (table);
  g_clear_error (&error);

  table = parse ("\xEF\xBB\xBF", -1, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY);
  g_assert_null (table);
}

static void
test_header_only_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(TdCsvImportPlan) plan = NULL;

  table = parse ("phone,first name,last name\r\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (td_csv_table_get_n_columns (table), ==, 3);
  g_assert_cmpuint (table->rows->len, ==, 0);

  columns = guess (table);
  plan = td_csv_import_plan_new (table, columns, NULL, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_EMPTY);
  g_assert_null (plan);
  g_assert_nonnull (strstr (error->message, "no rows"));
}

static void
test_latin1_refused_or_converted (void)
{
  /* "José" and a curly quote, saved by a spreadsheet in Windows-1252. */
  const char data[] = "phone,name,note\n5550100101,Jos\xE9,\x93hi\x94 \x80" "5\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GPtrArray) records = NULL;

  table = parse (data, -1, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
  g_assert_null (table);
  /* The message says where, what it probably is, and what to do. */
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_nonnull (strstr (error->message, "Windows-1252"));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  records = read_byte_by_byte (data, strlen (data), &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
  g_assert_null (records);
  g_clear_error (&error);

  /* Converted only when the user chooses it, and then faithfully. */
  table = td_csv_table_parse (data, strlen (data), TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->encoding, ==, TD_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (td_csv_table_get_cell (table, 0, 1), ==, "José");
  g_assert_cmpstr (td_csv_table_get_cell (table, 0, 2), ==, "“hi” €5");
}

static void
test_utf8_split_across_reads (void)
{
  const char data[] = "phone,name\n5550100101,Zoë 😎 Ågren\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  records = read_byte_by_byte (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpstr (((char **) records->pdata[1])[1], ==, "Zoë 😎 Ågren");
}

static GByteArray *
to_utf16 (const char *utf8,
          gboolean    little)
{
  g_autofree gunichar2 *units = NULL;
  GByteArray *bytes = g_byte_array_new ();
  glong n = 0;
  guint8 bom_le[] = { 0xFF, 0xFE };
  guint8 bom_be[] = { 0xFE, 0xFF };

  units = g_utf8_to_utf16 (utf8, -1, NULL, &n, NULL);
  g_byte_array_append (bytes, little ? bom_le : bom_be, 2);
  for (glong i = 0; i < n; i++)
    {
      guint8 pair[2];

      pair[little ? 0 : 1] = units[i] & 0xFF;
      pair[little ? 1 : 0] = units[i] >> 8;
      g_byte_array_append (bytes, pair, 2);
    }

  return bytes;
}

static void
test_utf16_with_bom (void)
{
  const char text[] = "Phone,Name\r\n5550100101,Zoë 😎\r\n";

  for (int little = 0; little <= 1; little++)
    {
      g_autoptr(GByteArray) bytes = to_utf16 (text, little);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdCsvTable) table = NULL;
      g_autoptr(GPtrArray) records = NULL;

      table = parse ((const char *) bytes->data, bytes->len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (table->encoding, ==,
                       little ? TD_CSV_ENCODING_UTF16_LE : TD_CSV_ENCODING_UTF16_BE);
      g_assert_cmpstr (table->header[0], ==, "Phone");
      g_assert_cmpstr (td_csv_table_get_cell (table, 0, 1), ==, "Zoë 😎");

      records = read_byte_by_byte ((const char *) bytes->data, bytes->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (records->len, ==, 2);
      g_assert_cmpstr (((char **) records->pdata[1])[1], ==, "Zoë 😎");
    }
}

/* Replaces every U+0001 unit of a UTF-16 file made by to_utf16() with
 * @unit, to write what g_utf8_to_utf16() cannot: U+0000, lone surrogates. */
static void
replace_unit_one (GByteArray *bytes,
                  gboolean    little,
                  gunichar2   unit)
{
  for (guint i = 2; i + 1 < bytes->len; i += 2)
    {
      guint8 *pair = bytes->data + i;

      if (pair[little ? 0 : 1] == 1 && pair[little ? 1 : 0] == 0)
        {
          pair[little ? 0 : 1] = unit & 0xFF;
          pair[little ? 1 : 0] = unit >> 8;
        }
    }
}

static GString *
many_rows (guint       n_rows,
           guint       bad_row,
           const char *bad_name)
{
  GString *text = g_string_new ("Phone,Name\r\n");

  for (guint i = 1; i <= n_rows; i++)
    {
      if (i == bad_row)
        g_string_append_printf (text, "+1555%07u,%s\r\n", i, bad_name);
      else
        g_string_append_printf (text, "+1555%07u,Name %u 😎\r\n", i, i);
    }

  return text;
}

static TdCsvTable *
read_stream (const guint8  *data,
             gsize          length,
             GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;

  stream = g_memory_input_stream_new_from_data (data, length, NULL);
  return td_csv_table_read (stream, FALSE, NULL, error);
}

/* Feeds the bytes in chunks of @chunk, counting the records. */
static gboolean
read_in_chunks (const guint8  *data,
                gsize          length,
                gsize          chunk,
                guint         *n_records,
                GError       **error)
{
  g_autoptr(TdCsvReader) reader = td_csv_reader_new ();
  char **record;

  *n_records = 0;
  for (gsize at = 0; at < length; at += chunk)
    {
      if (!td_csv_reader_feed (reader, (const char *) data + at,
                               MIN (chunk, length - at), error))
        return FALSE;
      while ((record = td_csv_reader_pop (reader, NULL)) != NULL)
        {
          (*n_records)++;
          g_strfreev (record);
        }
    }

  if (!td_csv_reader_finish (reader, error))
    return FALSE;
  while ((record = td_csv_reader_pop (reader, NULL)) != NULL)
    {
      (*n_records)++;
      g_strfreev (record);
    }

  return TRUE;
}

static void
test_utf16_zero_character (void)
{
  /* Row 3 is on line 4: the header is line 1. */
  for (int little = 0; little <= 1; little++)
    {
      g_autoptr(GString) text = many_rows (5000, 3, "Bad\001Name");
      g_autoptr(GString) small = many_rows (1000, 3, "Bad\001Name");
      g_autoptr(GByteArray) bytes = to_utf16 (text->str, little);
      g_autoptr(GByteArray) small_bytes = to_utf16 (small->str, little);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdCsvTable) table = NULL;
      g_autoptr(GPtrArray) records = NULL;
      guint n = 0;

      replace_unit_one (bytes, little, 0);
      replace_unit_one (small_bytes, little, 0);

      table = read_stream (bytes->data, bytes->len, &error);
      g_assert_null (table);
      g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
      g_assert_nonnull (strstr (error->message, "line 4"));
      g_clear_error (&error);

      table = td_csv_table_parse ((const char *) small_bytes->data,
                                  small_bytes->len, FALSE, &error);
      g_assert_null (table);
      g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
      g_assert_nonnull (strstr (error->message, "line 4"));
      g_clear_error (&error);

      records = read_byte_by_byte ((const char *) small_bytes->data,
                                   small_bytes->len, &error);
      g_assert_null (records);
      g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
      g_assert_nonnull (strstr (error->message, "line 4"));
      g_clear_error (&error);

      /* A zero character far from the start, past many chunks. */
      {
        g_autoptr(GString) late = many_rows (5000, 4321, "\001");
        g_autoptr(GByteArray) late_bytes = to_utf16 (late->str, little);

        replace_unit_one (late_bytes, little, 0);
        g_assert_false (read_in_chunks (late_bytes->data, late_bytes->len,
                                        64 * 1024 + 1, &n, &error));
        g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
        g_assert_nonnull (strstr (error->message, "line 4322"));
        g_clear_error (&error);
      }
    }
}

static void
test_utf16_lone_surrogate (void)
{
  for (int little = 0; little <= 1; little++)
    {
      const gunichar2 bad[] = { 0xD800, 0xDC00 };

      for (guint b = 0; b < G_N_ELEMENTS (bad); b++)
        {
          g_autoptr(GByteArray) bytes = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(TdCsvTable) table = NULL;
          g_autoptr(GPtrArray) records = NULL;

          bytes = to_utf16 ("Phone,Name\r\n+15550100101,Ada\r\n"
                            "+15550100102,Bad\001Name\r\n", little);
          replace_unit_one (bytes, little, bad[b]);

          table = parse ((const char *) bytes->data, bytes->len, &error);
          g_assert_null (table);
          g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
          g_assert_nonnull (strstr (error->message, "line 3"));
          g_clear_error (&error);

          records = read_byte_by_byte ((const char *) bytes->data, bytes->len, &error);
          g_assert_null (records);
          g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
          g_assert_nonnull (strstr (error->message, "line 3"));
        }

      /* A high surrogate as the very last unit of the file. */
      {
        g_autoptr(GByteArray) bytes = to_utf16 ("Phone\r\n+15550100101\001", little);
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) records = NULL;

        replace_unit_one (bytes, little, 0xD83D);
        records = read_byte_by_byte ((const char *) bytes->data, bytes->len, &error);
        g_assert_null (records);
        g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
        g_assert_nonnull (strstr (error->message, "line 2"));
      }
    }
}

/* Every way of cutting a UTF-16 file into chunks (odd byte counts,
 * a surrogate pair split in two) reads the same records. */
static void
test_utf16_any_chunking (void)
{
  const gsize chunks[] = { 1, 2, 3, 5, 7, 4095, 4096, 4097, 64 * 1024 - 1, 64 * 1024 };

  for (int little = 0; little <= 1; little++)
    {
      g_autoptr(GString) text = many_rows (3000, 0, NULL);
      g_autoptr(GByteArray) bytes = to_utf16 (text->str, little);
      g_autoptr(GError) error = NULL;
      g_autoptr(TdCsvTable) table = NULL;

      for (guint c = 0; c < G_N_ELEMENTS (chunks); c++)
        {
          guint n = 0;

          g_assert_true (read_in_chunks (bytes->data, bytes->len, chunks[c], &n, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (n, ==, 3001);
        }

      table = read_stream (bytes->data, bytes->len, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (table->rows->len, ==, 3000);
      g_assert_cmpstr (td_csv_table_get_cell (table, 2999, 1), ==, "Name 3000 😎");

      /* One byte short: cut in the middle of a character. */
      {
        guint n = 0;

        g_assert_false (read_in_chunks (bytes->data, bytes->len - 1, 4097, &n, &error));
        g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
      }
    }
}

static void
test_not_text (void)
{
  const char data[] = "phone\n555\0" "0100101\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;

  table = parse (data, sizeof data - 1, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_null (table);
}

static void
test_unclosed_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;

  table = parse ("phone,name\n5550100101,\"Ada\n5550100102,Grace\n", -1, &error);
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_assert_null (table);
}

static void
test_invalid_rows_have_reasons (void)
{
  const char data[] =
    "name,phone\n"
    "Ada,5550100101\n"
    "Bad,12\n"
    "Nobody,\n"
    ",,\n"
    "Letters,call me\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  g_autoptr(GArray) columns = NULL;
  g_autoptr(TdCsvImportPlan) plan = NULL;
  TdCsvProblem *problem;

  table = parse (data, -1, &error);
  g_assert_no_error (error);
  columns = guess (table);
  plan = td_csv_import_plan_new (table, columns, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (plan->contacts->len, ==, 1);
  /* The blank row is skipped, not counted. */
  g_assert_cmpuint (plan->n_rows, ==, 4);
  g_assert_cmpuint (plan->problems->len, ==, 3);

  problem = plan->problems->pdata[0];
  g_assert_cmpuint (problem->line, ==, 3);
  g_assert_nonnull (strstr (problem->reason, "12"));
  problem = plan->problems->pdata[1];
  g_assert_cmpuint (problem->line, ==, 4);
  g_assert_cmpstr (problem->reason, ==, "No phone number");
  problem = plan->problems->pdata[2];
  g_assert_cmpuint (problem->line, ==, 6);
  g_assert_nonnull (strstr (problem->reason, "call me"));
}

static void
test_guess_and_validate_columns (void)
{
  const char *header[] = { "Mobile Number", "First Name", "Surname", "Zip Code",
                           "favorite_show", "Mobile", "Notes", NULL };
  static const TdCsvFieldInfo fields[] = {
    { "favorite_show", "Favorite show" },
    { "zip", "ZIP code" },
  };
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GError) error = NULL;
  TdCsvColumn *column;

  columns = td_csv_guess_columns (header, fields, G_N_ELEMENTS (fields));
  g_assert_cmpuint (columns->len, ==, 7);
  g_assert_cmpint (kind_of (columns, 0), ==, TD_CSV_COLUMN_PHONE);
  g_assert_cmpint (kind_of (columns, 1), ==, TD_CSV_COLUMN_FIRST_NAME);
  g_assert_cmpint (kind_of (columns, 2), ==, TD_CSV_COLUMN_LAST_NAME);
  g_assert_cmpint (kind_of (columns, 3), ==, TD_CSV_COLUMN_FIELD);
  g_assert_cmpstr (g_array_index (columns, TdCsvColumn, 3).field_key, ==, "zip");
  g_assert_cmpint (kind_of (columns, 4), ==, TD_CSV_COLUMN_FIELD);
  /* A second phone column is left for the user to choose. */
  g_assert_cmpint (kind_of (columns, 5), ==, TD_CSV_COLUMN_IGNORE);
  g_assert_cmpint (kind_of (columns, 6), ==, TD_CSV_COLUMN_IGNORE);
  g_assert_true (td_csv_columns_validate (columns, &error));
  g_assert_no_error (error);

  column = &g_array_index (columns, TdCsvColumn, 0);
  column->kind = TD_CSV_COLUMN_IGNORE;
  g_assert_false (td_csv_columns_validate (columns, &error));
  g_assert_error (error, TD_CORE_ERROR, TD_CORE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "phone"));
  g_clear_error (&error);

  column->kind = TD_CSV_COLUMN_FIELD;
  column->field_key = g_strdup ("zip");
  g_array_index (columns, TdCsvColumn, 5).kind = TD_CSV_COLUMN_PHONE;
  g_assert_false (td_csv_columns_validate (columns, &error));
  g_assert_nonnull (strstr (error->message, "zip"));
}

static void
test_writer_round_trip (void)
{
  const char *fields[] = { "+15550100101", "Likes rock, and jazz", "say \"hi\"",
                           "two\nlines", " padded", "", "plain", NULL };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TdCsvTable) table = NULL;
  const char *header[] = { "a", "b", "c", "d", "e", "f", "g", NULL };

  td_csv_append_record (out, header, -1);
  td_csv_append_record (out, fields, -1);
  g_assert_cmpstr (out->str, ==,
                   "a,b,c,d,e,f,g\r\n"
                   "+15550100101,\"Likes rock, and jazz\",\"say \"\"hi\"\"\","
                   "\"two\nlines\",\" padded\",,plain\r\n");

  table = parse (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (table->rows->len, ==, 1);
  for (guint i = 0; fields[i] != NULL; i++)
    g_assert_cmpstr (td_csv_table_get_cell (table, 0, i), ==, fields[i]);

  g_assert_false (td_csv_field_needs_quotes ("Ada"));
  g_assert_true (td_csv_field_needs_quotes ("a,b"));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  TdCsvTable **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = td_csv_table_load_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_load_async_from_file (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) data = g_string_new ("\xEF\xBB\xBF" "phone,name\r\n");
  g_autoptr(GError) error = NULL;
  TdCsvTable *table = NULL;
  int fd;

  /* Bigger than one read, so that records span reads. */
  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (data, "555010%04u,\"Person, number %u\"\r\n", i % 10000, i);

  fd = g_file_open_tmp ("test-csv-XXXXXX.csv", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, data->str, data->len, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  td_csv_table_load_async (file, FALSE, NULL, load_cb, &table);
  while (table == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (table->header[0], ==, "phone");
  g_assert_cmpuint (table->rows->len, ==, 5000);
  g_assert_cmpstr (td_csv_table_get_cell (table, 4999, 1), ==, "Person, number 4999");
  g_assert_cmpuint (g_array_index (table->lines, guint, 4999), ==, 5001);

  td_csv_table_unref (table);
  g_unlink (path);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/bom-header-maps-to-phone", test_bom_header_maps_to_phone);
  g_test_add_func ("/csv/double-bom-never-sticks", test_double_bom_never_sticks);
  g_test_add_func ("/csv/two-spellings-merge", test_two_spellings_merge);
  g_test_add_func ("/csv/full-names", test_full_names);
  g_test_add_func ("/csv/quoted-fields", test_quoted_fields);
  g_test_add_func ("/csv/line-endings-and-blank-lines", test_line_endings_and_blank_lines);
  g_test_add_func ("/csv/empty-file", test_empty_file);
  g_test_add_func ("/csv/header-only-file", test_header_only_file);
  g_test_add_func ("/csv/latin1-refused-or-converted", test_latin1_refused_or_converted);
  g_test_add_func ("/csv/utf8-split-across-reads", test_utf8_split_across_reads);
  g_test_add_func ("/csv/utf16-with-bom", test_utf16_with_bom);
  g_test_add_func ("/csv/utf16-zero-character", test_utf16_zero_character);
  g_test_add_func ("/csv/utf16-lone-surrogate", test_utf16_lone_surrogate);
  g_test_add_func ("/csv/utf16-any-chunking", test_utf16_any_chunking);
  g_test_add_func ("/csv/not-text", test_not_text);
  g_test_add_func ("/csv/unclosed-quote", test_unclosed_quote);
  g_test_add_func ("/csv/invalid-rows-have-reasons", test_invalid_rows_have_reasons);
  g_test_add_func ("/csv/guess-and-validate-columns", test_guess_and_validate_columns);
  g_test_add_func ("/csv/writer-round-trip", test_writer_round_trip);
  g_test_add_func ("/csv/load-async-from-file", test_load_async_from_file);

  return g_test_run ();
}
