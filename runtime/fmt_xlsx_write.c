/* fmt_xlsx_write.c - Datasets written as the sheets of one Excel workbook
 * with libxlsxwriter, percentages formatted as percentages (fmt.h). */
#include "fmt.h"

#include "base_alloc.h"
#include "fmt_int.h"
#include "base_outfile.h"
#include "base_strbuf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#define XLSX_ROWS 1048576u
#define XLSX_COLS 16384u
#define XLSX_TEXT 32767u        /* characters in a cell */
#define PCT_FORMAT "0.0\"%\""

typedef struct xw {
    lxw_workbook *wb;
    lxw_format *bold, *pct;
    const char *path;
} xw;

static int is_pct(const coda_column *col)
{
    size_t n = strlen(col->name);
    return col->type == CODA_NUMBER &&
           (!strcmp(col->name, "pct") || !strcmp(col->name, "ci_low") ||
            !strcmp(col->name, "ci_high") ||
            (n > 4 && !strcmp(col->name + n - 4, "_pct")));
}

/* Code points in s[0..len) (bytes that do not continue one). */
static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* What Excel cannot hold, checked before libxlsxwriter sees it (it would
 * print its own complaint). */
static coda_status check_sheet(const xw *x, const coda_xlsx_sheet *s,
                               coda_error *err)
{
    const coda_table *t = s->t;
    lxw_error e = workbook_validate_sheet_name(x->wb, s->name);
    if (e != LXW_NO_ERROR)
        return coda_error_set(err, CODA_EARG, x->path, 0, 0, "write_xlsx: "
                              "sheet \"%s\": %s", s->name, lxw_strerror(e));
    if (t->nrow + 1 > XLSX_ROWS || t->ncol > XLSX_COLS)
        return coda_error_set(err, CODA_EARG, x->path, 0, 0, "write_xlsx: "
                              "sheet \"%s\" would have %zu rows and %zu "
                              "columns; a sheet holds %u and %u", s->name,
                              t->nrow + 1, t->ncol, XLSX_ROWS, XLSX_COLS);
    for (size_t i = 0; i < s->nfmt; i++)
        if (coda_table_find(t, s->fmt_cols[i]) < 0)
            return coda_error_set(err, CODA_EARG, x->path, 0, 0, "write_xlsx:"
                                  " a format for \"%s\", which sheet \"%s\" "
                                  "has no column of", s->fmt_cols[i], s->name);
    for (size_t c = 0; c < t->ncol; c++)
        for (size_t r = 0; t->cols[c].type == CODA_STRING && r < t->nrow; r++)
            if (t->cols[c].v.s.len[r] > XLSX_TEXT &&
                code_points(t->cols[c].v.s.p[r], t->cols[c].v.s.len[r]) >
                    XLSX_TEXT)
                return coda_error_set(err, CODA_EARG, x->path, 0, 0,
                                      "write_xlsx: sheet \"%s\", column "
                                      "\"%s\", row %zu: a text longer than "
                                      "Excel's %u characters", s->name,
                                      t->cols[c].name, r + 1, XLSX_TEXT);
    return CODA_OK;
}

/* The format of column c of sheet s: the one given, a percentage, or none. */
static lxw_format *col_format(const xw *x, const coda_xlsx_sheet *s, size_t c)
{
    const coda_column *col = &s->t->cols[c];
    for (size_t i = 0; i < s->nfmt; i++)
        if (!strcmp(s->fmt_cols[i], col->name)) {
            lxw_format *f = workbook_add_format(x->wb);
            if (f)
                format_set_num_format(f, s->fmts[i]);
            return f;
        }
    return is_pct(col) ? x->pct : NULL;
}

/* Row r of column c of t into row r + 1 of ws. */
static lxw_error put(lxw_worksheet *ws, const coda_column *col, size_t c,
                     size_t r, lxw_format *f, coda_strbuf *b)
{
    lxw_row_t row = (lxw_row_t)(r + 1);
    lxw_col_t k = (lxw_col_t)c;
    if (coda_is_missing(col, r))
        return LXW_NO_ERROR;
    switch (col->type) {
    case CODA_INTEGER:
        return worksheet_write_number(ws, row, k, (double)col->v.i[r], f);
    case CODA_NUMBER:
        if (isnan(col->v.d[r]))
            return LXW_NO_ERROR;
        if (isinf(col->v.d[r]))
            return worksheet_write_string(ws, row, k, col->v.d[r] > 0 ? "inf"
                                                                      : "-inf", f);
        return worksheet_write_number(ws, row, k, col->v.d[r], f);
    case CODA_BOOLEAN:
        return worksheet_write_boolean(ws, row, k, col->v.b[r], f);
    case CODA_STRING:
        return worksheet_write_string(ws, row, k, col->v.s.p[r], f);
    case CODA_MULTI: {
        const char *text = fmt_multi_text(col, r, b);
        return text ? worksheet_write_string(ws, row, k, text, f)
                    : LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    }
    return LXW_NO_ERROR;
}

/* The width of column c: its name's and its texts' (at most 60). */
static double width(const coda_column *col, size_t nrow)
{
    size_t w = code_points(col->name, strlen(col->name)) + 2;
    for (size_t r = 0; r < nrow && r < 1000 && col->type == CODA_STRING; r++)
        if (!coda_is_missing(col, r)) {
            size_t n = code_points(col->v.s.p[r], col->v.s.len[r]) + 2;
            w = n > w ? n : w;
        }
    return (double)(w < 10 ? 10 : w > 60 ? 60 : w);
}

static lxw_error write_sheet(const xw *x, const coda_xlsx_sheet *s)
{
    const coda_table *t = s->t;
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, s->name);
    lxw_error e = ws ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED;
    coda_strbuf b = { 0 };
    for (size_t c = 0; c < t->ncol && e == LXW_NO_ERROR; c++) {
        const coda_column *col = &t->cols[c];
        lxw_format *f = col_format(x, s, c);
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, col->name, x->bold);
        if (e == LXW_NO_ERROR)
            e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
                                     width(col, t->nrow), NULL);
        for (size_t r = 0; r < t->nrow && e == LXW_NO_ERROR; r++)
            e = put(ws, col, c, r, f, &b);
    }
    coda_free(b.p);
    if (ws)
        worksheet_freeze_panes(ws, 1, 0);
    return e;
}

static coda_status lxw_fail(const xw *x, lxw_error e, coda_error *err)
{
    if (e == LXW_ERROR_MEMORY_MALLOC_FAILED)
        return coda_error_nomem(err);
    return coda_error_set(err, e == LXW_ERROR_CREATING_XLSX_FILE ||
                                       e == LXW_ERROR_CREATING_TMPFILE
                                   ? CODA_EIO : CODA_EARG,
                          x->path, 0, 0, "write_xlsx: %s", lxw_strerror(e));
}

/* Every sheet into x's workbook, which is then closed (written). */
static coda_status write_book(xw *x, const coda_xlsx_sheet *sheets, size_t n,
                              coda_error *err)
{
    coda_status st = CODA_OK;
    x->bold = workbook_add_format(x->wb);
    x->pct = workbook_add_format(x->wb);
    if (!x->bold || !x->pct)
        st = coda_error_nomem(err);
    if (st == CODA_OK) {
        format_set_bold(x->bold);
        format_set_num_format(x->pct, PCT_FORMAT);
    }
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        st = check_sheet(x, &sheets[i], err);
        lxw_error e = st == CODA_OK ? write_sheet(x, &sheets[i]) : LXW_NO_ERROR;
        if (e != LXW_NO_ERROR)
            st = lxw_fail(x, e, err);
    }
    lxw_error e = workbook_close(x->wb);        /* frees it */
    if (st == CODA_OK && e != LXW_NO_ERROR)
        st = lxw_fail(x, e, err);
    return st;
}

coda_status coda_xlsx_write(const char *path, const coda_xlsx_sheet *sheets,
                            size_t n, coda_error *err)
{
    coda_outfile o;
    if (n == 0)
        return coda_error_set(err, CODA_EARG, path, 0, 0, "write_xlsx: no "
                              "sheets to write");
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    xw x = { .path = path };
    lxw_workbook_options opt = { 0 };
    if (!o.tmp)
        st = coda_error_set(err, CODA_EARG, path, 0, 0, "write_xlsx: a "
                            "workbook is a zip archive, written whole to a "
                            "file, not to a stream");
    else if (!(x.wb = workbook_new_opt(o.tmp, &opt)))
        st = coda_error_nomem(err);
    if (st == CODA_OK)
        st = write_book(&x, sheets, n, err);
    if (st != CODA_OK) {
        coda_outfile_abort(&o);
        return st;
    }
    return coda_outfile_commit(&o, err);
}
