/* format.c - the text preview of a Dataset. */
#include "format.h"

#include "base_utf8.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

enum { CELL_MAX = 28, CELL_BUF = CELL_MAX * 4 + 8, MAX_SHOWN = 64 };

typedef struct cell {
    char s[CELL_BUF];
    size_t len;     /* bytes */
    size_t width;   /* terminal columns */
} cell;

/* Append text to c, escaping control characters, up to CELL_MAX columns;
 * returns 0 once the cell is full (and marked with "..."). */
static int put(cell *c, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        unsigned cp;
        size_t n = coda_utf8_decode(s + i, len - i, &cp);
        char esc[3] = { '\\', 0, 0 };
        const char *piece = s + i;
        size_t plen = n, w = (size_t)coda_utf8_cp_width(cp);
        if (cp < 0x20 || cp == 0x7F) {
            esc[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : cp == '\t' ? 't' : '?';
            piece = esc, plen = 2, w = 2;
        }
        if (c->width + w > CELL_MAX - 3 && i + n < len) {
            memcpy(c->s + c->len, "...", 3);
            c->len += 3, c->width += 3;
            return 0;
        }
        memcpy(c->s + c->len, piece, plen);
        c->len += plen, c->width += w;
        i += n;
    }
    return 1;
}

static void format_cell(const coda_column *col, size_t r, cell *c)
{
    char num[40];
    c->len = c->width = 0;
    if (coda_is_missing(col, r)) {
        put(c, "<NA>", 4);
        return;
    }
    switch (col->type) {
    case CODA_INTEGER:
        put(c, num, (size_t)snprintf(num, sizeof num, "%" PRId64, col->v.i[r]));
        break;
    case CODA_NUMBER:
        put(c, num, (size_t)snprintf(num, sizeof num, "%.6g", col->v.d[r]));
        break;
    case CODA_BOOLEAN:
        put(c, col->v.b[r] ? "true" : "false", col->v.b[r] ? 4 : 5);
        break;
    case CODA_STRING:
        put(c, col->v.s.p[r], col->v.s.len[r]);
        break;
    case CODA_MULTI: {
        const coda_labels *l = col->v.m.labels;
        for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++)
            if ((i > col->v.m.off[r] && !put(c, ";", 1)) ||
                !put(c, l->s[col->v.m.ids[i]], l->len[col->v.m.ids[i]]))
                break;
        break;
    }
    }
}

static void type_cell(const coda_column *col, cell *c)
{
    char buf[16];
    int factor = col->type == CODA_STRING && col->meta && col->meta->levels;
    c->len = c->width = 0;
    put(c, buf, (size_t)snprintf(buf, sizeof buf, "<%s>",
                                 factor ? "factor" : coda_type_name(col->type)));
}

static void name_cell(const coda_column *col, cell *c)
{
    c->len = c->width = 0;
    put(c, col->name, strlen(col->name));
}

static void pad(coda_sink sink, void *ud, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        sink(ud, spaces, k);
        n -= k;
    }
}

static void emit(coda_sink sink, void *ud, const cell *c, size_t w, int right,
                 int last)
{
    sink(ud, " ", 1);
    if (right)
        pad(sink, ud, w - c->width);
    sink(ud, c->s, c->len);
    if (!right && !last)
        pad(sink, ud, w - c->width);
}

static size_t col_width(const coda_column *col, size_t rows)
{
    cell c;
    name_cell(col, &c);
    size_t w = c.width;
    type_cell(col, &c);
    w = c.width > w ? c.width : w;
    for (size_t r = 0; r < rows; r++) {
        format_cell(col, r, &c);
        w = c.width > w ? c.width : w;
    }
    return w;
}

static void line(const coda_table *t, size_t shown, const size_t *w,
                 const char *label, size_t lw, long row, coda_sink sink,
                 void *ud)
{
    cell c;
    size_t llen = strlen(label);
    pad(sink, ud, lw - llen);
    sink(ud, label, llen);
    for (size_t k = 0; k < shown; k++) {
        const coda_column *col = &t->cols[k];
        int right = col->type == CODA_INTEGER || col->type == CODA_NUMBER;
        if (row == -2)
            name_cell(col, &c);
        else if (row == -1)
            type_cell(col, &c);
        else
            format_cell(col, (size_t)row, &c);
        emit(sink, ud, &c, w[k], right && row >= 0, k + 1 == shown);
    }
    sink(ud, "\n", 1);
}

static void footer(const coda_table *t, size_t rows, size_t shown,
                   coda_sink sink, void *ud)
{
    char buf[96];
    if (rows < t->nrow)
        sink(ud, buf, (size_t)snprintf(buf, sizeof buf, "# ... %zu more row%s\n",
                                       t->nrow - rows,
                                       t->nrow - rows == 1 ? "" : "s"));
    if (shown == t->ncol)
        return;
    sink(ud, buf, (size_t)snprintf(buf, sizeof buf, "# ... %zu more column%s:",
                                   t->ncol - shown,
                                   t->ncol - shown == 1 ? "" : "s"));
    for (size_t k = shown; k < t->ncol && k < shown + 8; k++) {
        sink(ud, " ", 1);
        sink(ud, t->cols[k].name, strlen(t->cols[k].name));
    }
    if (t->ncol > shown + 8)
        sink(ud, " ...", 4);
    sink(ud, "\n", 1);
}

void coda_table_preview(const coda_table *t, size_t maxrows, size_t width,
                        coda_sink sink, void *ud)
{
    char buf[96], label[24];
    size_t rows = t->nrow < maxrows ? t->nrow : maxrows, w[MAX_SHOWN];
    size_t lw = (size_t)snprintf(label, sizeof label, "%zu", rows), used = lw;
    size_t shown = 0;
    sink(ud, buf, (size_t)snprintf(buf, sizeof buf,
                                   "# Dataset: %zu row%s x %zu column%s\n",
                                   t->nrow, t->nrow == 1 ? "" : "s", t->ncol,
                                   t->ncol == 1 ? "" : "s"));
    while (shown < t->ncol && shown < MAX_SHOWN) {
        w[shown] = col_width(&t->cols[shown], rows);
        if (shown > 0 && used + 1 + w[shown] > width)
            break;
        used += 1 + w[shown++];
    }
    line(t, shown, w, "", lw, -2, sink, ud);
    line(t, shown, w, "", lw, -1, sink, ud);
    for (size_t r = 0; r < rows; r++) {
        snprintf(label, sizeof label, "%zu", r + 1);
        line(t, shown, w, label, lw, (long)r, sink, ud);
    }
    footer(t, rows, shown, sink, ud);
}
