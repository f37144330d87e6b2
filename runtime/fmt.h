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

#include "error.h"
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

#endif
