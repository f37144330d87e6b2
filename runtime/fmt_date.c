/* fmt_date.c - numbers that files mark as dates, written as ISO 8601. */
#include "fmt_date.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). */
static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (long)yoe + era * 400 + (*m <= 2);
}

/* 1 when format's letters (before its width digits) are one of names. */
static int named(const char *format, const char *const *names)
{
    size_t n = 0;
    while (format[n] && !isdigit((unsigned char)format[n]) && format[n] != '.')
        n++;
    for (size_t i = 0; names[i]; i++)
        if (strlen(names[i]) == n && !strncasecmp(format, names[i], n))
            return 1;
    return 0;
}

fmt_date fmt_date_kind(int spss, const char *format)
{
    static const char *const spss_dates[] = { "DATE", "ADATE", "EDATE",
        "JDATE", "SDATE", NULL };
    static const char *const spss_times[] = { "DATETIME", "YMDHMS", NULL };
    static const char *const sas_dates[] = { "DATE", "YYMMDD", "MMDDYY",
        "DDMMYY", "E8601DA", "YYMMDDN", "WEEKDATE", "WORDDATE", NULL };
    static const char *const sas_times[] = { "DATETIME", "E8601DT", NULL };
    if (!format || !*format)
        return FMT_DATE_NONE;
    if (spss)
        return named(format, spss_dates) ? FMT_DATE_SECS_1582
             : named(format, spss_times) ? FMT_DATE_SECS_1582_TIME
                                         : FMT_DATE_NONE;
    if (format[0] == '%')       /* Stata */
        return !strncmp(format, "%td", 3) || !strncmp(format, "%d", 2)
                   ? FMT_DATE_DAYS_1960
               : !strncasecmp(format, "%tc", 3) ? FMT_DATE_MS_1960
                                                : FMT_DATE_NONE;
    return named(format, sas_dates) ? FMT_DATE_DAYS_1960
         : named(format, sas_times) ? FMT_DATE_SECS_1960 : FMT_DATE_NONE;
}

/* v of kind as seconds from 1970-01-01. */
static double unix_seconds(int kind, double v)
{
    double e1960 = (double)days_from_civil(1960, 1, 1) * 86400;
    double e1582 = (double)days_from_civil(1582, 10, 14) * 86400;
    switch (kind) {
    case FMT_DATE_DAYS_1960: return e1960 + v * 86400;
    case FMT_DATE_MS_1960: return e1960 + v / 1000;
    case FMT_DATE_SECS_1960: return e1960 + v;
    case FMT_DATE_SECS_1582:
    case FMT_DATE_SECS_1582_TIME: return e1582 + v;
    default:                    /* Excel: 1900-02-29 is day 60 */
        return ((double)days_from_civil(1899, 12, v < 60 ? 31 : 30) + v) *
               86400;
    }
}

size_t fmt_date_text(int kind, double v, char *buf)
{
    double s = unix_seconds(kind, v);
    double lo = (double)days_from_civil(1, 1, 1) * 86400;
    double hi = (double)days_from_civil(10000, 1, 1) * 86400;
    if (!isfinite(s) || s < lo || s >= hi)
        return 0;
    s = floor(s + 0.5);         /* to the second */
    long days = (long)floor(s / 86400), y;
    long secs = (long)(s - (double)days * 86400);
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    int timed = kind == FMT_DATE_MS_1960 || kind == FMT_DATE_SECS_1960 ||
                kind == FMT_DATE_SECS_1582_TIME || kind == FMT_DATE_EXCEL_TIME;
    if (!timed)
        return (size_t)snprintf(buf, 32, "%04ld-%02u-%02u", y, m, d);
    return (size_t)snprintf(buf, 32, "%04ld-%02u-%02u %02ld:%02ld:%02ld", y,
                            m, d, secs / 3600, secs / 60 % 60, secs % 60);
}
