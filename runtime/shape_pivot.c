/* shape_pivot.c - wide and long: pivot_wider spreads the values of a
 * column over new columns named by another's values; pivot_longer turns
 * columns into rows of a name and a value (as tidyr's verbs). */
#include "shape.h"

#include "base_alloc.h"
#include "group.h"

#include <stdio.h>
#include <string.h>

#define NO_ROW ((size_t)-1)

enum { MAX_CELLS = 50 * 1000 * 1000 };

/* pivot_wider's working state: id groups, name groups, and for each
 * (id group, name) the source row or NO_ROW. */
typedef struct wide {
    coda_groups ids, names;
    size_t *cell;
    size_t nid, nname;
} wide;

static void wide_free(wide *w)
{
    coda_groups_free(&w->ids);
    coda_groups_free(&w->names);
    coda_free(w->cell);
}

static int in_list(const size_t *list, size_t n, size_t c)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == c)
            return 1;
    return 0;
}

/* The id columns: those given, or every column that is neither the names
 * nor a values column; their count.  cols has room for t->ncol. */
static size_t id_columns(const coda_table *t, const coda_pivot_wider_opts *o,
                         size_t *cols)
{
    if (o->id_cols) {
        memcpy(cols, o->id_cols, o->nid * sizeof *cols);
        return o->nid;
    }
    size_t n = 0;
    for (size_t c = 0; c < t->ncol; c++)
        if (c != o->names_from && !in_list(o->values_from, o->nvalues, c))
            cols[n++] = c;
    return n;
}

/* Every row in one group (grouping by no column). */
static coda_status one_group(size_t nrow, coda_groups *g)
{
    g->ngroups = nrow ? 1 : 0;
    g->gid = coda_calloc(nrow + 1, sizeof *g->gid);
    g->first = coda_calloc(1, sizeof *g->first);
    return g->gid && g->first ? CODA_OK : CODA_ENOMEM;
}

/* Fill w->cell; CODA_EARG naming the first id and name met twice,
 * CODA_ELIMIT past MAX_CELLS cells. */
static coda_status wide_cells(const coda_table *t, wide *w, size_t nf,
                              coda_error *err)
{
    if (w->nid && w->nname > MAX_CELLS / w->nid)
        return coda_error_set(err, CODA_ELIMIT, NULL, 0, 0, "pivot_wider: "
                              "%zu ids by %zu values of %s is too many cells",
                              w->nid, w->nname, t->cols[nf].name);
    size_t n = w->nid * w->nname;
    w->cell = coda_malloc((n + 1) * sizeof *w->cell);
    if (!w->cell)
        return coda_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        w->cell[i] = NO_ROW;
    for (size_t r = 0; r < t->nrow; r++) {
        size_t *slot = &w->cell[(size_t)w->ids.gid[r] * w->nname +
                                w->names.gid[r]];
        if (*slot != NO_ROW) {
            char buf[64];
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "pivot_wider: "
                                  "rows %zu and %zu have the same id columns "
                                  "and %s \"%s\": give id_cols that tell them "
                                  "apart, or summarise first", *slot + 1,
                                  r + 1, t->cols[nf].name,
                                  coda_value_text(&t->cols[nf], r, buf,
                                                  sizeof buf));
        }
        *slot = r;
    }
    return CODA_OK;
}

/* The name of the column of name group j for values column v. */
static void wide_name(const coda_table *t, const coda_pivot_wider_opts *o,
                      const wide *w, size_t v, size_t j, char *buf,
                      size_t size)
{
    const coda_column *nf = &t->cols[o->names_from];
    size_t r = w->names.first[j];
    char val[256];
    const char *text = coda_is_missing(nf, r)
                           ? "NA" : coda_value_text(nf, r, val, sizeof val);
    if (o->nvalues > 1)
        snprintf(buf, size, "%s%s%s", t->cols[o->values_from[v]].name,
                 o->names_sep, text);
    else
        snprintf(buf, size, "%s", text);
}

/* Set row r of column c of out to the fill value, or missing. */
static coda_status fill_cell(coda_table *out, size_t c, size_t r,
                             const coda_value *fill)
{
    coda_column *col = &out->cols[c];
    if (col->missing)
        col->missing[r] = 0;
    if (!fill)
        return coda_table_set_missing(out, c, r);
    switch (col->type) {
    case CODA_INTEGER: col->v.i[r] = fill->i; return CODA_OK;
    case CODA_NUMBER:
        col->v.d[r] = fill->type == CODA_INTEGER ? (double)fill->i : fill->d;
        return CODA_OK;
    case CODA_BOOLEAN: col->v.b[r] = (uint8_t)(fill->b != 0); return CODA_OK;
    default: return coda_table_set_string(out, c, r, fill->s, fill->len);
    }
}

/* names_from is no values or id column; the fill value suits the type
 * of every values column. */
static coda_status check_fill(const coda_table *t,
                              const coda_pivot_wider_opts *o, coda_error *err)
{
    if (in_list(o->values_from, o->nvalues, o->names_from) ||
        (o->id_cols && in_list(o->id_cols, o->nid, o->names_from)))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "pivot_wider: "
                              "names_from \"%s\" is also a values or id "
                              "column", t->cols[o->names_from].name);
    for (size_t v = 0; v < o->nvalues; v++) {
        const coda_column *c = &t->cols[o->values_from[v]];
        coda_type f = o->fill ? o->fill->type : c->type;
        int ok = c->type == f || (c->type == CODA_NUMBER && f == CODA_INTEGER);
        if (c->type == CODA_MULTI)
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "pivot_wider: "
                                  "values_from \"%s\" is multi: unnest it "
                                  "first", c->name);
        if (!ok)
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "pivot_wider: "
                                  "values_fill is %s but \"%s\" holds %s "
                                  "values", coda_type_name(f), c->name,
                                  coda_type_name(c->type));
    }
    return CODA_OK;
}

/* One new column: values column v spread for name group j. */
static coda_status wide_column(const coda_table *t,
                               const coda_pivot_wider_opts *o, const wide *w,
                               size_t v, size_t j, coda_table *out, size_t c,
                               size_t *rows, coda_error *err)
{
    char name[512];
    wide_name(t, o, w, v, j, name, sizeof name);
    if (coda_table_find(out, name) >= 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "pivot_wider: a "
                              "new column would be called \"%s\", as another "
                              "column is", name);
    for (size_t i = 0; i < w->nid; i++) {
        size_t r = w->cell[i * w->nname + j];
        rows[i] = r == NO_ROW ? 0 : r;
    }
    coda_status st = coda_table_gather_column(out, c, name, t,
                                              o->values_from[v], rows, w->nid);
    for (size_t i = 0; i < w->nid && st == CODA_OK; i++)
        if (w->cell[i * w->nname + j] == NO_ROW)
            st = fill_cell(out, c, i, o->fill);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

static coda_status wide_table(const coda_table *t,
                              const coda_pivot_wider_opts *o, const wide *w,
                              const size_t *idc, size_t nidc, coda_table *out,
                              coda_error *err)
{
    size_t *rows = coda_malloc((w->nid + 1) * sizeof *rows);
    if (!rows)
        return coda_error_nomem(err);
    coda_status st = CODA_OK;
    for (size_t k = 0; k < nidc && st == CODA_OK; k++)
        st = coda_table_gather_column(out, k, t->cols[idc[k]].name, t, idc[k],
                                      w->ids.first, w->nid);
    if (st != CODA_OK)
        st = coda_error_nomem(err);
    for (size_t v = 0; v < o->nvalues && st == CODA_OK; v++)
        for (size_t j = 0; j < w->nname && st == CODA_OK; j++)
            st = wide_column(t, o, w, v, j, out, nidc + v * w->nname + j, rows,
                             err);
    coda_free(rows);
    return st;
}

coda_status coda_pivot_wider(const coda_table *t,
                             const coda_pivot_wider_opts *o, coda_table **out,
                             coda_error *err)
{
    if (t->cols[o->names_from].type == CODA_MULTI)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "pivot_wider: "
                              "names_from \"%s\" is multi: unnest it first",
                              t->cols[o->names_from].name);
    coda_status st = check_fill(t, o, err);
    if (st != CODA_OK)
        return st;
    wide w = { 0 };
    coda_table *o_t = NULL;
    size_t *idc = coda_malloc((t->ncol + 1) * sizeof *idc);
    if (!idc)
        return coda_error_nomem(err);
    size_t nidc = id_columns(t, o, idc);
    st = nidc ? coda_group_rows(t, idc, nidc, &w.ids) : one_group(t->nrow, &w.ids);
    if (st == CODA_OK)
        st = coda_group_rows(t, &o->names_from, 1, &w.names);
    if (st != CODA_OK)
        st = coda_error_nomem(err);
    w.nid = w.ids.ngroups, w.nname = w.names.ngroups;
    if (st == CODA_OK)
        st = wide_cells(t, &w, o->names_from, err);
    if (st == CODA_OK && coda_table_create(w.nid, nidc + o->nvalues * w.nname,
                                           &o_t) != CODA_OK)
        st = coda_error_nomem(err);
    if (st == CODA_OK)
        st = wide_table(t, o, &w, idc, nidc, o_t, err);
    wide_free(&w);
    coda_free(idc);
    if (st != CODA_OK) {
        coda_table_free(o_t);
        return st;
    }
    *out = o_t;
    return CODA_OK;
}

/* The type of the values column of pivot_longer: the columns' own, number
 * when integers meet numbers; CODA_ETYPE for any other mix or multi. */
static coda_status long_type(const coda_table *t, const size_t *cols,
                             size_t k, coda_type *type, coda_error *err)
{
    *type = t->cols[cols[0]].type;
    for (size_t j = 0; j < k; j++) {
        coda_type c = t->cols[cols[j]].type;
        int num = (c == CODA_INTEGER || c == CODA_NUMBER) &&
                  (*type == CODA_INTEGER || *type == CODA_NUMBER);
        if (c == CODA_MULTI || (c != *type && !num))
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "pivot_longer: "
                                  "\"%s\" holds %s values and \"%s\" %s: the "
                                  "columns must hold one kind (not multi)",
                                  t->cols[cols[0]].name,
                                  coda_type_name(t->cols[cols[0]].type),
                                  t->cols[cols[j]].name, coda_type_name(c));
        if (c != *type)
            *type = CODA_NUMBER;
    }
    return CODA_OK;
}

/* Row i of the values column (c of out) from row r of column src. */
static coda_status long_value(const coda_column *src, size_t r,
                              coda_table *out, size_t c, size_t i)
{
    coda_column *d = &out->cols[c];
    if (coda_is_missing(src, r))
        return coda_table_set_missing(out, c, i);
    switch (d->type) {
    case CODA_INTEGER: d->v.i[i] = src->v.i[r]; return CODA_OK;
    case CODA_NUMBER:
        d->v.d[i] = src->type == CODA_INTEGER ? (double)src->v.i[r]
                                              : src->v.d[r];
        return CODA_OK;
    case CODA_BOOLEAN: d->v.b[i] = src->v.b[r]; return CODA_OK;
    default:
        return coda_table_set_string(out, c, i, src->v.s.p[r],
                                     src->v.s.len[r]);
    }
}

/* The (row, column) pairs of the result, row by row, the columns in the
 * order given; without the missing values when drop_na.  *n pairs. */
static coda_status long_pairs(const coda_table *t, const size_t *cols,
                              size_t k, int drop_na, size_t **rows,
                              size_t **which, size_t *n)
{
    size_t cap = t->nrow * k;
    *rows = coda_malloc((cap + 1) * sizeof **rows);
    *which = coda_malloc((cap + 1) * sizeof **which);
    if (!*rows || !*which)
        return CODA_ENOMEM;
    *n = 0;
    for (size_t r = 0; r < t->nrow; r++)
        for (size_t j = 0; j < k; j++)
            if (!drop_na || !coda_is_missing(&t->cols[cols[j]], r)) {
                (*rows)[*n] = r;
                (*which)[(*n)++] = j;
            }
    return CODA_OK;
}

static coda_status long_table(const coda_table *t,
                              const coda_pivot_longer_opts *o,
                              const size_t *rows, const size_t *which,
                              size_t n, coda_type type, coda_table *out)
{
    size_t c = 0;
    coda_status st = CODA_OK;
    for (size_t j = 0; j < t->ncol && st == CODA_OK; j++)
        if (!in_list(o->cols, o->ncols, j))
            st = coda_table_gather_column(out, c++, t->cols[j].name, t, j,
                                          rows, n);
    if (st == CODA_OK)
        st = coda_table_init_column(out, c, o->names_to, CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(out, c + 1, o->values_to, type);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        const coda_column *src = &t->cols[o->cols[which[i]]];
        st = coda_table_set_string(out, c, i, src->name, strlen(src->name));
        if (st == CODA_OK)
            st = long_value(src, rows[i], out, c + 1, i);
    }
    return st;
}

/* names_to and values_to must not be the name of a column kept. */
static coda_status long_names(const coda_table *t,
                              const coda_pivot_longer_opts *o,
                              coda_error *err)
{
    const char *names[] = { o->names_to, o->values_to };
    if (strcmp(o->names_to, o->values_to) == 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "pivot_longer: "
                              "names_to and values_to are both \"%s\"",
                              o->names_to);
    for (size_t i = 0; i < 2; i++) {
        long c = coda_table_find(t, names[i]);
        if (c >= 0 && !in_list(o->cols, o->ncols, (size_t)c))
            return coda_error_set(err, CODA_EARG, NULL, 0, 0, "pivot_longer: "
                                  "%s \"%s\" is the name of a column kept",
                                  i ? "values_to" : "names_to", names[i]);
    }
    return CODA_OK;
}

coda_status coda_pivot_longer(const coda_table *t,
                              const coda_pivot_longer_opts *o,
                              coda_table **out, coda_error *err)
{
    coda_type type = CODA_STRING;
    coda_status st = o->ncols ? long_type(t, o->cols, o->ncols, &type, err)
                              : coda_error_set(err, CODA_EARG, NULL, 0, 0,
                                               "pivot_longer: no columns");
    if (st == CODA_OK)
        st = long_names(t, o, err);
    if (st != CODA_OK)
        return st;
    size_t *rows = NULL, *which = NULL, n = 0;
    coda_table *res = NULL;
    st = long_pairs(t, o->cols, o->ncols, o->drop_na, &rows, &which, &n);
    if (st == CODA_OK)
        st = coda_table_create(n, t->ncol - o->ncols + 2, &res);
    if (st == CODA_OK)
        st = long_table(t, o, rows, which, n, type, res);
    coda_free(rows);
    coda_free(which);
    if (st != CODA_OK) {
        coda_table_free(res);
        return coda_error_nomem(err);
    }
    *out = res;
    return CODA_OK;
}
