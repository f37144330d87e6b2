/* fmt_xlsx_int.h - what the parts of the workbook reader share (internal):
 * the workbook's sheets, shared strings and cell styles, and the walk
 * over one sheet's cells. */
#ifndef CODA_FMT_XLSX_INT_H
#define CODA_FMT_XLSX_INT_H

#include "fmt_int.h"
#include "base_zipread.h"

#define XLSX_MAX_ROWS 1048576u  /* Excel's own limits */
#define XLSX_MAX_COLS 16384u

typedef struct xlsx_book {
    const char *path;
    coda_zip *z;
    size_t nsheets;
    char **sheet_name;      /* in the workbook's order */
    char **sheet_part;      /* each sheet's zip entry ("xl/worksheets/...") */
    int date1904;           /* serial 0 is 1904-01-01 */
    size_t nstr;            /* shared strings */
    char **str;
    size_t nxf;             /* cell formats: each one's date kind */
    unsigned char *xf_date; /* 0, FMT_DATE_EXCEL or FMT_DATE_EXCEL_TIME */
} xlsx_book;

/* The sheets of the workbook (xl/workbook.xml and its relationships).
 * CODA_EPARSE naming the file, CODA_ENOMEM, or zip errors. */
CODA_INTERNAL coda_status xlsx_book_sheets(xlsx_book *b, coda_error *err);

/* The shared strings and the date formats of cell styles, when the
 * workbook has them. */
CODA_INTERNAL coda_status xlsx_book_strings(xlsx_book *b, coda_error *err);
CODA_INTERNAL coda_status xlsx_book_styles(xlsx_book *b, coda_error *err);

CODA_INTERNAL void xlsx_book_free(xlsx_book *b);

/* Read the sheet whose part is entry into columns of out, cell by cell:
 * column j of the sheet is out's column j (named by its letter; the
 * caller renames).  CODA_EPARSE, CODA_ELIMIT, CODA_ENOMEM. */
CODA_INTERNAL coda_status xlsx_sheet_cells(const xlsx_book *b,
                                           const char *entry, fmt_cols *out,
                                           coda_error *err);

/* "A", "B", ... "XFD" for column j (0-based) into buf (8 bytes). */
CODA_INTERNAL void xlsx_col_name(size_t j, char *buf);

#endif
