/* project_table.c - the rows of a query as a Dataset: values gathered
 * column by column while the statement steps, then one table built. */
#include "project_int.h"

#include "base_alloc.h"
#include "base_strbuf.h"

#include <string.h>

typedef struct gather {
    size_t n, cap, ncol;
    const coda_pj_col *cols;
    int64_t **i;                /* per column: integers, booleans */
    double **d;                 /* per column: numbers */
    size_t **off;               /* per column: string offsets in text */
    uint8_t **miss;
    coda_strbuf text;
} gather;

static void gather_free(gather *g)
{
    for (size_t c = 0; g->i && g->d && g->off && g->miss && c < g->ncol; c++) {
        coda_free(g->i[c]);
        coda_free(g->d[c]);
        coda_free(g->off[c]);
        coda_free(g->miss[c]);
    }
    coda_free(g->i);
    coda_free(g->d);
    coda_free(g->off);
    coda_free(g->miss);
    coda_free(g->text.p);
}

static int grow(gather *g)
{
    size_t cap = g->cap ? g->cap * 2 : 64;
    for (size_t c = 0; c < g->ncol; c++) {
        void *a = coda_reallocarray(g->i[c], cap, sizeof **g->i);
        if (a)
            g->i[c] = a;
        void *b = a ? coda_reallocarray(g->d[c], cap, sizeof **g->d) : NULL;
        if (b)
            g->d[c] = b;
        void *o = b ? coda_reallocarray(g->off[c], cap + 1, sizeof **g->off)
                    : NULL;
        if (o)
            g->off[c] = o;
        void *m = o ? coda_reallocarray(g->miss[c], cap, 1) : NULL;
        if (!m)
            return 0;
        g->miss[c] = m;
    }
    g->cap = cap;
    return 1;
}

/* Keep the current row of st. */
static int keep_row(gather *g, sqlite3_stmt *st)
{
    if (g->n == g->cap && !grow(g))
        return 0;
    size_t r = g->n++;
    for (size_t c = 0; c < g->ncol; c++) {
        int null = sqlite3_column_type(st, (int)c) == SQLITE_NULL;
        g->miss[c][r] = (uint8_t)null;
        if (g->cols[c].type == CODA_NUMBER)
            g->d[c][r] = sqlite3_column_double(st, (int)c);
        else if (g->cols[c].type != CODA_STRING)
            g->i[c][r] = sqlite3_column_int64(st, (int)c);
        else {
            const char *s = (const char *)sqlite3_column_text(st, (int)c);
            int len = sqlite3_column_bytes(st, (int)c);
            g->off[c][r] = g->text.n;
            coda_strbuf_add(&g->text, s ? s : "", (size_t)len);
            coda_strbuf_add(&g->text, "", 1);
        }
    }
    return !g->text.failed;
}

static coda_status fill(const gather *g, coda_table *t, size_t c)
{
    coda_status s = coda_table_init_column(t, c, g->cols[c].name,
                                           g->cols[c].type);
    for (size_t r = 0; r < g->n && s == CODA_OK; r++) {
        if (g->miss[c][r])
            s = coda_table_set_missing(t, c, r);
        else if (g->cols[c].type == CODA_NUMBER)
            t->cols[c].v.d[r] = g->d[c][r];
        else if (g->cols[c].type == CODA_INTEGER)
            t->cols[c].v.i[r] = g->i[c][r];
        else if (g->cols[c].type == CODA_BOOLEAN)
            t->cols[c].v.b[r] = g->i[c][r] != 0;
        else {
            const char *s0 = g->text.p + g->off[c][r];
            s = coda_table_set_string(t, c, r, s0, strlen(s0));
        }
    }
    return s;
}

coda_status coda_pj_table(coda_project *p, sqlite3_stmt *st,
                          const coda_pj_col *cols, size_t n, coda_table **out,
                          coda_error *err)
{
    gather g = { 0 };
    g.ncol = n;
    g.cols = cols;
    g.i = coda_calloc(n ? n : 1, sizeof *g.i);
    g.d = coda_calloc(n ? n : 1, sizeof *g.d);
    g.off = coda_calloc(n ? n : 1, sizeof *g.off);
    g.miss = coda_calloc(n ? n : 1, sizeof *g.miss);
    coda_status s = g.i && g.d && g.off && g.miss ? CODA_OK : CODA_ENOMEM;
    int rc = SQLITE_DONE;
    while (s == CODA_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        if (!keep_row(&g, st))
            s = CODA_ENOMEM;
    if (s == CODA_OK && rc != SQLITE_DONE) {
        gather_free(&g);
        return coda_pj_dberr(p, err);
    }
    coda_table *t = NULL;
    if (s == CODA_OK)
        s = coda_table_create(g.n, n, &t);
    for (size_t c = 0; c < n && s == CODA_OK; c++)
        s = fill(&g, t, c);
    gather_free(&g);
    if (s != CODA_OK) {
        coda_table_free(t);
        return coda_error_nomem(err);
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_pj_query(coda_project *p, const char *sql,
                          const coda_pj_col *cols, size_t n, coda_table **out,
                          coda_error *err)
{
    sqlite3_stmt *st;
    coda_status s = coda_pj_prepare(p, sql, &st, err);
    if (s == CODA_OK)
        s = coda_pj_table(p, st, cols, n, out, err);
    sqlite3_finalize(st);
    return s;
}
