/* fmt_xlsx_sheet.c - the cells of one worksheet, typed by what they hold:
 * numbers, shared or inline strings, truth values, dates by their style
 * (fmt_xlsx_int.h). */
#include "fmt_xlsx_int.h"

#include "base_alloc.h"
#include "fmt_date.h"
#include "fmt_xml.h"
#include "base_strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct cellst {
    const xlsx_book *b;
    fmt_cols *out;
    const char *entry;
    size_t row, col;        /* 0-based: the current cell */
    long next_row;          /* the row a <row> without r= is */
    char t[16];             /* its type attribute ("" = number) */
    long style;
    int in_v, in_is_t, in_c;
    int has_v;              /* the cell has a value (v or is) */
    coda_strbuf text;       /* the value's text */
} cellst;

void xlsx_col_name(size_t j, char *buf)
{
    char tmp[8];
    size_t n = 0;
    for (j++; j > 0 && n < sizeof tmp; j = (j - 1) / 26)
        tmp[n++] = (char)('A' + (j - 1) % 26);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
}

/* "B7" into 0-based column and row; 0 when it is not a cell reference
 * within Excel's limits. */
static int parse_ref(const char *ref, size_t *col, size_t *row)
{
    size_t c = 0, i = 0;
    for (; ref[i] >= 'A' && ref[i] <= 'Z' && i < 3; i++)
        c = c * 26 + (size_t)(ref[i] - 'A' + 1);
    char *end;
    errno = 0;
    unsigned long r = i ? strtoul(ref + i, &end, 10) : 0;
    if (!i || c > XLSX_MAX_COLS || ref[i] < '1' || ref[i] > '9' || *end ||
        errno || r > XLSX_MAX_ROWS)
        return 0;
    *col = c - 1;
    *row = r - 1;
    return 1;
}

static coda_status bad(const cellst *s, const char *what, const char *v,
                       coda_error *err)
{
    char ref[8];
    xlsx_col_name(s->col, ref);
    return coda_error_set(err, CODA_EPARSE, s->b->path, 0, 0, "%s, cell "
                          "%s%zu: %s \"%.40s\"", s->entry, ref, s->row + 1,
                          what, v ? v : "");
}

/* Make sure column j exists (named by its letter for now). */
static coda_status ensure_col(fmt_cols *out, size_t j)
{
    char name[8];
    while (out->n <= j) {
        size_t i;
        xlsx_col_name(out->n, name);
        if (fmt_cols_add(out, name, &i) != CODA_OK)
            return CODA_ENOMEM;
    }
    return CODA_OK;
}

/* A number cell: a date text when its style shows a date. */
static coda_status put_number(cellst *s, const char *v, coda_error *err)
{
    char *end, buf[32];
    double d = strtod(v, &end);
    if (end == v || *end)
        return bad(s, "a number cell holds", v, err);
    int kind = s->style >= 0 && (size_t)s->style < s->b->nxf
                   ? s->b->xf_date[s->style] : 0;
    size_t n = kind ? fmt_date_text(kind, d + (s->b->date1904 ? 1462 : 0), buf)
                    : 0;
    return n ? fmt_cols_str(s->out, s->col, s->row, buf, n)
             : fmt_cols_num(s->out, s->col, s->row, d);
}

/* The cell just closed, by its type. */
static coda_status put_cell(cellst *s, coda_error *err)
{
    const char *v = s->text.p ? s->text.p : "";
    coda_status st = ensure_col(s->out, s->col);
    if (st != CODA_OK)
        return coda_error_nomem(err);
    if ((s->row + 1) * (s->col + 1) > FMT_MAX_CELLS ||
        (s->row + 1) * s->out->n > FMT_MAX_CELLS)
        return coda_error_set(err, CODA_ELIMIT, s->b->path, 0, 0, "%s: more "
                              "than %zu cells, the most coda reads from a "
                              "sheet", s->entry, (size_t)FMT_MAX_CELLS);
    if (!s->has_v)
        return CODA_OK;                         /* an empty cell */
    if (!strcmp(s->t, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (end == v || *end || i >= s->b->nstr)
            return bad(s, "no shared string", v, err);
        st = fmt_cols_str(s->out, s->col, s->row, s->b->str[i],
                          strlen(s->b->str[i]));
    } else if (!strcmp(s->t, "b")) {
        st = fmt_cols_bool(s->out, s->col, s->row, strcmp(v, "0") != 0);
    } else if (!strcmp(s->t, "str") || !strcmp(s->t, "inlineStr") ||
               !strcmp(s->t, "d")) {
        st = fmt_cols_str(s->out, s->col, s->row, v, s->text.n);
    } else if (!strcmp(s->t, "e")) {
        return CODA_OK;                         /* #DIV/0! and the like */
    } else {
        return put_number(s, v, err);
    }
    return st == CODA_OK ? st : st == CODA_ENOMEM ? coda_error_nomem(err)
                                                  : bad(s, "too long", "", err);
}

static coda_status start_row(cellst *s, xmlTextReaderPtr r, coda_error *err)
{
    char *ref = fmt_xml_attr(r, "r");
    char *end = NULL;
    long n = ref ? strtol(ref, &end, 10) : s->next_row + 1;
    coda_status st = CODA_OK;
    if (ref && (end == ref || *end || n < 1 || n > (long)XLSX_MAX_ROWS))
        st = coda_error_set(err, CODA_EPARSE, s->b->path, 0, 0, "%s: a row "
                            "numbered \"%.20s\"", s->entry, ref);
    s->row = (size_t)n - 1;
    s->next_row = n;
    s->col = (size_t)-1;            /* the next cell without r= is A */
    xmlFree(ref);
    return st;
}

static coda_status start_cell(cellst *s, xmlTextReaderPtr r, coda_error *err)
{
    char *ref = fmt_xml_attr(r, "r"), *t = fmt_xml_attr(r, "t");
    char *style = fmt_xml_attr(r, "s");
    coda_status st = CODA_OK;
    size_t col = s->col + 1, row = s->row;
    if (ref && !parse_ref(ref, &col, &row))
        st = coda_error_set(err, CODA_EPARSE, s->b->path, 0, 0, "%s: a cell "
                            "reference \"%.20s\" outside a sheet's %u columns "
                            "and %u rows", s->entry, ref, XLSX_MAX_COLS,
                            XLSX_MAX_ROWS);
    else if (!ref && col >= XLSX_MAX_COLS)
        st = coda_error_set(err, CODA_EPARSE, s->b->path, 0, 0, "%s: a row "
                            "with more than %u cells", s->entry, XLSX_MAX_COLS);
    s->col = col;
    s->row = row;
    snprintf(s->t, sizeof s->t, "%s", t ? t : "");
    s->style = style ? strtol(style, NULL, 10) : -1;
    s->text.n = 0;
    if (s->text.p)
        s->text.p[0] = '\0';
    s->in_c = 1;
    s->has_v = 0;
    xmlFree(ref);
    xmlFree(t);
    xmlFree(style);
    return st;
}

static int is_text_node(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static coda_status on_sheet(void *ud, xmlTextReaderPtr r, int type,
                            coda_error *err)
{
    cellst *s = ud;
    int el = type == XML_READER_TYPE_ELEMENT;
    int empty = el && xmlTextReaderIsEmptyElement(r);
    int closes = type == XML_READER_TYPE_END_ELEMENT || empty;
    if (el && fmt_xml_is(r, "row"))
        return start_row(s, r, err);
    if (el && fmt_xml_is(r, "c")) {
        coda_status st = start_cell(s, r, err);
        if (st != CODA_OK || !empty)
            return st;
    }
    if (s->in_c && closes && fmt_xml_is(r, "c")) {
        s->in_c = 0;
        return put_cell(s, err);
    }
    if (s->in_c && el && (fmt_xml_is(r, "v") || fmt_xml_is(r, "is")))
        s->has_v = 1;
    if (s->in_c && (el || closes) && fmt_xml_is(r, "v"))
        s->in_v = el && !empty;
    else if (s->in_c && (el || closes) && fmt_xml_is(r, "t"))
        s->in_is_t = el && !empty;
    else if ((s->in_v || s->in_is_t) && is_text_node(type)) {
        const char *v = (const char *)xmlTextReaderConstValue(r);
        coda_strbuf_puts(&s->text, v ? v : "");
        if (s->text.failed)
            return coda_error_nomem(err);
    }
    return CODA_OK;
}

coda_status xlsx_sheet_cells(const xlsx_book *b, const char *entry,
                             fmt_cols *out, coda_error *err)
{
    char *xml = NULL;
    size_t n = 0;
    cellst s = { .b = b, .out = out, .entry = entry, .col = (size_t)-1 };
    coda_status st = coda_zip_has(b->z, entry)
                         ? coda_zip_read(b->z, entry, &xml, &n, err)
                         : coda_error_set(err, CODA_EPARSE, b->path, 0, 0,
                                          "no %s in the archive", entry);
    if (st == CODA_OK)
        st = fmt_xml_walk(b->path, entry, xml, n, on_sheet, &s, err);
    coda_free(xml);
    coda_free(s.text.p);
    return st;
}
