/* fmt.h - analysts' files in and out: SPSS (.sav), Stata (.dta) and SAS
 * (.sas7bdat) through ReadStat, Excel workbooks (.xlsx) through libzip and
 * libxml2 (reading) and libxlsxwriter (writing).
 *
 * Reading keeps what the file says about its columns in each column's
 * meta (table_meta.h): the variable label, the value labels, the codes
 * declared missing.  Values equal to a declared missing code, and system
 * missing values, are missing.  A numeric column with value labels whose
 * every value has a label becomes a string column of those labels whose
 * levels are all its labels in the order of their codes (an ordered
 * category); any other labelled column keeps its numbers, and its labels
 * as meta.  Dates (a date format on a number) become "YYYY-MM-DD" text,
 * date-times "YYYY-MM-DD HH:MM:SS".
 *
 * Ownership: on success *out is a new table the caller frees; on failure
 * nothing is returned or leaked and err names the file and what was
 * wrong.  Writers write whole or not at all (outfile.h). */
#ifndef CODA_FMT_H
#define CODA_FMT_H

#include "base_error.h"
#include "table.h"

typedef enum {
    CODA_FMT_SAV,
    CODA_FMT_DTA,
    CODA_FMT_SAS7BDAT
} coda_stat_kind;

/* Read the statistical file at path, of kind.  CODA_EIO (cannot open, not
 * a regular file), CODA_EPARSE (not such a file, or damaged), CODA_ELIMIT,
 * CODA_ENOMEM. */
coda_status coda_stat_read(const char *path, coda_stat_kind kind,
                           coda_table **out, coda_error *err);

/* Write t to path as kind (.sav or .dta): integer and number columns as
 * numbers, booleans as 0/1, strings as text, a multi column as its labels
 * joined with ";", a string column with levels as numbers with value
 * labels (the codes its meta gives a level, else the next whole numbers),
 * with variable labels, value labels and (.sav) missing codes from the
 * columns' meta.  CODA_EARG (a column name or label the format refuses,
 * a code Stata cannot label), CODA_EIO, CODA_ENOMEM. */
coda_status coda_stat_write(const coda_table *t, const char *path,
                            coda_stat_kind kind, coda_error *err);

/* Which sheet of a workbook to read, and how. */
typedef struct coda_xlsx_opts {
    const char *sheet;      /* a sheet's name, or NULL ... */
    size_t index;           /* ... its 1-based position (0: the first) */
    int header;             /* 1: the first row names the columns */
} coda_xlsx_opts;

/* The largest number of bytes a workbook's parts may inflate to. */
#define CODA_XLSX_MAX_BYTES ((uint64_t)1 << 30)

/* Read one sheet of the workbook at path: each column of the sheet a
 * column named by its header cell (its letter when that is empty, a
 * repeated name followed by _2, _3 ...), typed by its cells as read_csv
 * types text: whole numbers integer, other numbers number, TRUE/FALSE
 * boolean, any text string; cells with a date format "YYYY-MM-DD" text
 * (with " HH:MM:SS" when the format shows the time); empty and error
 * cells missing.  CODA_EIO, CODA_EPARSE (not a workbook, no such sheet,
 * XML coda refuses: a DOCTYPE, nesting too deep), CODA_ELIMIT (a part
 * inflating past CODA_XLSX_MAX_BYTES, a sheet of more cells than coda
 * reads), CODA_ENOMEM. */
coda_status coda_xlsx_read(const char *path, const coda_xlsx_opts *o,
                           coda_table **out, coda_error *err);

/* One sheet to write: its name, its Dataset, and number formats for some
 * of its columns (Excel's codes, such as "0.0%" or "#,##0"). */
typedef struct coda_xlsx_sheet {
    const char *name;
    const coda_table *t;
    const char *const *fmt_cols;
    const char *const *fmts;
    size_t nfmt;
} coda_xlsx_sheet;

/* Write sheets[0..n) as one workbook at path: a bold header row of column
 * names (frozen), then a row a record; integers and numbers as numbers,
 * booleans as TRUE/FALSE, strings (a column with levels too) as text, a
 * multi column's labels joined with ";", missing values empty.  A number
 * column named pct, ci_low, ci_high or ending in _pct (a percentage from
 * 0 to 100) shows as 12.3% (format 0.0"%"), its value kept exact, unless
 * a format is given for it.  CODA_EARG (a sheet name Excel refuses or
 * repeated, a sheet larger than Excel's 1,048,576 rows or 16,384 columns,
 * a text longer than its 32,767 characters, a format for no column, a
 * stream as path: a workbook is a zip, written whole), CODA_EIO,
 * CODA_ENOMEM. */
coda_status coda_xlsx_write(const char *path, const coda_xlsx_sheet *sheets,
                            size_t n, coda_error *err);

#endif
