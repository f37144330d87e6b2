/* fmt_date.h - dates and date-times stored as numbers in statistical files
 * and workbooks, as ISO 8601 text (internal to the fmt family). */
#ifndef CODA_FMT_DATE_H
#define CODA_FMT_DATE_H

#include "base_error.h"

#include <stddef.h>

typedef enum {
    FMT_DATE_NONE,
    FMT_DATE_DAYS_1960,     /* Stata %td, SAS dates */
    FMT_DATE_MS_1960,       /* Stata %tc */
    FMT_DATE_SECS_1960,     /* SAS date-times */
    FMT_DATE_SECS_1582,     /* SPSS dates: seconds from 14 October 1582 */
    FMT_DATE_SECS_1582_TIME,/* SPSS date-times */
    FMT_DATE_EXCEL,         /* Excel serial day numbers (1900 system) */
    FMT_DATE_EXCEL_TIME
} fmt_date;

/* The date kind of a variable's display format (spss: an SPSS format,
 * else Stata's or SAS's), FMT_DATE_NONE when it is not a date. */
CODA_INTERNAL fmt_date fmt_date_kind(int spss, const char *format);

/* v of kind as "YYYY-MM-DD" (date-times "YYYY-MM-DD HH:MM:SS") in buf
 * (32 bytes); its length, or 0 when v is out of range (years 1-9999). */
CODA_INTERNAL size_t fmt_date_text(int kind, double v, char *buf);

#endif
