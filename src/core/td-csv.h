/* td-csv.h
 *
 * Copyright 2026 The Textdesk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * TdCsvEncoding:
 * @TD_CSV_ENCODING_UTF8: UTF-8 without a byte order mark
 * @TD_CSV_ENCODING_UTF8_BOM: UTF-8 starting with a byte order mark
 * @TD_CSV_ENCODING_UTF16_LE: UTF-16, little endian, with a byte order mark
 * @TD_CSV_ENCODING_UTF16_BE: UTF-16, big endian, with a byte order mark
 * @TD_CSV_ENCODING_WINDOWS_1252: Windows-1252 (a superset of Latin-1),
 *   only ever used when the user chose to convert from it
 *
 * The encodings a CSV file may come in.
 */
typedef enum
{
  TD_CSV_ENCODING_UTF8,
  TD_CSV_ENCODING_UTF8_BOM,
  TD_CSV_ENCODING_UTF16_LE,
  TD_CSV_ENCODING_UTF16_BE,
  TD_CSV_ENCODING_WINDOWS_1252,
} TdCsvEncoding;

const char *td_csv_encoding_get_name (TdCsvEncoding encoding);

/* The reader: RFC 4180, fed bytes in chunks of any size. */

typedef struct _TdCsvReader TdCsvReader;

TdCsvReader   *td_csv_reader_new                (void);
void           td_csv_reader_free               (TdCsvReader   *self);
void           td_csv_reader_set_legacy_encoding (TdCsvReader  *self,
                                                 gboolean       convert_from_windows_1252);
gboolean       td_csv_reader_feed               (TdCsvReader   *self,
                                                 const char    *data,
                                                 gsize          length,
                                                 GError       **error);
gboolean       td_csv_reader_finish             (TdCsvReader   *self,
                                                 GError       **error);
char         **td_csv_reader_pop                (TdCsvReader   *self,
                                                 guint         *line);
TdCsvEncoding  td_csv_reader_get_encoding       (TdCsvReader   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvReader, td_csv_reader_free)

/* The writer. */

gboolean       td_csv_field_needs_quotes        (const char    *field);
void           td_csv_append_field              (GString       *out,
                                                 const char    *field);
void           td_csv_append_record             (GString       *out,
                                                 const char * const *fields,
                                                 gssize         n_fields);

/* A whole file, read into memory off the main thread. */

typedef struct _TdCsvTable TdCsvTable;

struct _TdCsvTable
{
  /*< public >*/
  TdCsvEncoding  encoding;
  /* The first record, each name trimmed; never with a byte order mark. */
  GStrv          header;
  /* (element-type GStrv): the records after the header */
  GPtrArray     *rows;
  /* The line each row starts on (1 is the header's). */
  GArray        *lines;
  /*< private >*/
  gatomicrefcount ref_count;
};

GType        td_csv_table_get_type    (void) G_GNUC_CONST;
#define TD_TYPE_CSV_TABLE (td_csv_table_get_type ())

TdCsvTable  *td_csv_table_ref         (TdCsvTable    *self);
void         td_csv_table_unref       (TdCsvTable    *self);
TdCsvTable  *td_csv_table_parse       (const char    *data,
                                       gsize          length,
                                       gboolean       convert_from_windows_1252,
                                       GError       **error);
TdCsvTable  *td_csv_table_read        (GInputStream  *stream,
                                       gboolean       convert_from_windows_1252,
                                       GCancellable  *cancellable,
                                       GError       **error);
void         td_csv_table_load_async  (GFile         *file,
                                       gboolean       convert_from_windows_1252,
                                       GCancellable  *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer       user_data);
TdCsvTable  *td_csv_table_load_finish (GAsyncResult  *result,
                                       GError       **error);
guint        td_csv_table_get_n_columns (TdCsvTable  *self);
const char  *td_csv_table_get_cell    (TdCsvTable    *self,
                                       guint          row,
                                       guint          column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvTable, td_csv_table_unref)

/* Column mapping: what each column of a file means for a subscriber. */

/**
 * TdCsvColumnKind:
 * @TD_CSV_COLUMN_IGNORE: the column is not imported
 * @TD_CSV_COLUMN_PHONE: the phone number
 * @TD_CSV_COLUMN_FIRST_NAME: the first name
 * @TD_CSV_COLUMN_LAST_NAME: the last name
 * @TD_CSV_COLUMN_FULL_NAME: "First Last", split at the last space, or
 *   "Last, First"
 * @TD_CSV_COLUMN_FIELD: a metadata field, named by its key
 */
typedef enum
{
  TD_CSV_COLUMN_IGNORE,
  TD_CSV_COLUMN_PHONE,
  TD_CSV_COLUMN_FIRST_NAME,
  TD_CSV_COLUMN_LAST_NAME,
  TD_CSV_COLUMN_FULL_NAME,
  TD_CSV_COLUMN_FIELD,
} TdCsvColumnKind;

typedef struct
{
  TdCsvColumnKind  kind;
  /* The metadata field's key, for TD_CSV_COLUMN_FIELD. */
  char            *field_key;
} TdCsvColumn;

/**
 * TdCsvFieldInfo:
 * @key: a metadata field's key ("favorite_show")
 * @name: its name for people ("Favorite show")
 */
typedef struct
{
  const char *key;
  const char *name;
} TdCsvFieldInfo;

GArray     *td_csv_guess_columns        (const char * const   *header,
                                         const TdCsvFieldInfo *fields,
                                         guint                 n_fields);
void        td_csv_column_clear         (TdCsvColumn          *column);
gboolean    td_csv_columns_validate     (GArray               *columns,
                                         GError              **error);

/* Turning rows into subscribers: normalised, merged, checked. */

typedef struct
{
  char        *phone;        /* E.164 */
  char        *first_name;   /* nullable */
  char        *last_name;    /* nullable */
  GHashTable  *fields;       /* key → text; never NULL */
  guint        line;         /* where it first appears */
  guint        n_rows;       /* how many rows were merged into it */
} TdCsvContact;

typedef struct
{
  guint  line;
  char  *reason;
} TdCsvProblem;

typedef struct _TdCsvImportPlan TdCsvImportPlan;

struct _TdCsvImportPlan
{
  /*< public >*/
  GPtrArray *contacts;   /* (element-type TdCsvContact) */
  GPtrArray *problems;   /* (element-type TdCsvProblem) */
  guint      n_rows;     /* data rows read */
  guint      n_merged;   /* rows that repeated an earlier number */
  /*< private >*/
  gatomicrefcount ref_count;
};

GType            td_csv_import_plan_get_type (void) G_GNUC_CONST;
#define TD_TYPE_CSV_IMPORT_PLAN (td_csv_import_plan_get_type ())

TdCsvImportPlan *td_csv_import_plan_new        (TdCsvTable       *table,
                                                GArray           *columns,
                                                GCancellable     *cancellable,
                                                GError          **error);
void             td_csv_import_plan_new_async  (TdCsvTable       *table,
                                                GArray           *columns,
                                                GCancellable     *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer          user_data);
TdCsvImportPlan *td_csv_import_plan_new_finish (GAsyncResult     *result,
                                                GError          **error);
TdCsvImportPlan *td_csv_import_plan_ref        (TdCsvImportPlan  *self);
void             td_csv_import_plan_unref      (TdCsvImportPlan  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdCsvImportPlan, td_csv_import_plan_unref)

G_END_DECLS
