/* fmt_xlsx_read.c - one sheet of an Excel workbook as a Dataset: the
 * sheet chosen by name or position, the header row made names (fmt.h). */
#include "fmt.h"

#include "base_alloc.h"
#include "fmt_xlsx_int.h"
#include "base_strbuf.h"

#include <stdio.h>
#include <string.h>

/* The sheet o asks for, as an index into b's sheets. */
static coda_status pick_sheet(const xlsx_book *b, const coda_xlsx_opts *o,
                              size_t *i, coda_error *err)
{
    if (!o->sheet) {
        *i = o->index ? o->index - 1 : 0;
        if (*i < b->nsheets)
            return CODA_OK;
        return coda_error_set(err, CODA_EARG, b->path, 0, 0, "no sheet %zu: "
                              "the workbook has %zu", o->index, b->nsheets);
    }
    for (*i = 0; *i < b->nsheets; (*i)++)
        if (!strcmp(b->sheet_name[*i], o->sheet))
            return CODA_OK;
    coda_strbuf names = { 0 };
    for (size_t k = 0; k < b->nsheets; k++) {
        coda_strbuf_puts(&names, k ? ", \"" : "\"");
        coda_strbuf_puts(&names, b->sheet_name[k]);
        coda_strbuf_puts(&names, "\"");
    }
    coda_status st = coda_error_set(err, CODA_EARG, b->path, 0, 0, "no sheet "
                                    "\"%s\" (sheets: %s)", o->sheet,
                                    names.p ? names.p : "");
    coda_free(names.p);
    return st;
}

/* The text of header cell 0 of c into buf (size bytes); its length. */
static size_t header_text(const fmt_col *c, char *buf, size_t size)
{
    if (c->n == 0 || c->kind[0] == FMT_MISSING)
        return 0;
    if (c->kind[0] == FMT_STR)
        return (size_t)snprintf(buf, size, "%s", c->s[0]);
    if (c->kind[0] == FMT_BOOL)
        return (size_t)snprintf(buf, size, "%s", c->d[0] ? "TRUE" : "FALSE");
    return fmt_num_text(c->d[0], buf);
}

/* 1 when name is the name of one of b's columns 0..j). */
static int taken(const fmt_cols *b, size_t j, const char *name)
{
    for (size_t k = 0; k < j; k++)
        if (!strcmp(b->c[k].name, name))
            return 1;
    return 0;
}

/* Name column j by its header cell (its letter when empty; unique). */
static coda_status name_column(fmt_cols *b, size_t j)
{
    char head[512], name[540];
    fmt_col *c = &b->c[j];
    size_t n = header_text(c, head, sizeof head);
    snprintf(name, sizeof name, "%s", n ? head : c->name);
    for (int k = 2; taken(b, j, name); k++)
        snprintf(name, sizeof name, "%s_%d", n ? head : c->name, k);
    char *copy = coda_strndup(name, strlen(name));
    if (!copy)
        return CODA_ENOMEM;
    coda_free(c->name);
    c->name = copy;
    return CODA_OK;
}

/* Drop row 0 of every column (the header). */
static void drop_first_row(fmt_cols *b)
{
    for (size_t j = 0; j < b->n; j++) {
        fmt_col *c = &b->c[j];
        if (c->n == 0)
            continue;
        memmove(c->kind, c->kind + 1, c->n - 1);
        memmove(c->d, c->d + 1, (c->n - 1) * sizeof *c->d);
        memmove(c->s, c->s + 1, (c->n - 1) * sizeof *c->s);
        memmove(c->len, c->len + 1, (c->n - 1) * sizeof *c->len);
        c->n--;
    }
    b->nrow = b->nrow ? b->nrow - 1 : 0;
}

static coda_status headers(fmt_cols *b)
{
    for (size_t j = 0; j < b->n; j++)
        if (name_column(b, j) != CODA_OK)
            return CODA_ENOMEM;
    drop_first_row(b);
    return CODA_OK;
}

static coda_status read_book(xlsx_book *b, const coda_xlsx_opts *o,
                             fmt_cols *cols, coda_error *err)
{
    size_t i = 0;
    coda_status st = xlsx_book_sheets(b, err);
    if (st == CODA_OK)
        st = pick_sheet(b, o, &i, err);
    if (st == CODA_OK)
        st = xlsx_book_strings(b, err);
    if (st == CODA_OK)
        st = xlsx_book_styles(b, err);
    if (st == CODA_OK)
        st = xlsx_sheet_cells(b, b->sheet_part[i], cols, err);
    if (st == CODA_OK && o->header && headers(cols) != CODA_OK)
        st = coda_error_nomem(err);
    return st;
}

coda_status coda_xlsx_read(const char *path, const coda_xlsx_opts *o,
                           coda_table **out, coda_error *err)
{
    xlsx_book b = { .path = path };
    fmt_cols cols;
    coda_status st = fmt_input_file(path, err);
    if (st != CODA_OK)
        return st;
    if (fmt_cols_init(&cols) != CODA_OK)
        return coda_error_nomem(err);
    st = coda_zip_open(path, CODA_XLSX_MAX_BYTES, ".xlsx", &b.z, err);
    if (st == CODA_OK)
        st = read_book(&b, o, &cols, err);
    if (st == CODA_OK && fmt_cols_table(&cols, out) != CODA_OK)
        st = coda_error_nomem(err);
    xlsx_book_free(&b);
    fmt_cols_free(&cols);
    return st;
}
