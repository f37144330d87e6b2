/* fmt_cols.c - columns of a file gathered cell by cell, then typed by
 * what their cells hold (fmt_int.h). */
#include "fmt_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_strbuf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

coda_status fmt_cols_init(fmt_cols *b)
{
    memset(b, 0, sizeof *b);
    b->pool = coda_pool_new();
    return b->pool ? CODA_OK : CODA_ENOMEM;
}

static void col_free(fmt_col *c)
{
    coda_free(c->name);
    coda_free(c->kind);
    coda_free(c->d);
    coda_free(c->s);
    coda_free(c->len);
    coda_colmeta_unref(c->meta);
}

void fmt_cols_free(fmt_cols *b)
{
    for (size_t i = 0; i < b->n; i++)
        col_free(&b->c[i]);
    coda_free(b->c);
    coda_pool_unref(b->pool);
    memset(b, 0, sizeof *b);
}

coda_status fmt_cols_add(fmt_cols *b, const char *name, size_t *i)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        fmt_col *c = coda_reallocarray(b->c, cap, sizeof *c);
        if (!c)
            return CODA_ENOMEM;
        b->c = c;
        b->cap = cap;
    }
    fmt_col *c = &b->c[b->n];
    memset(c, 0, sizeof *c);
    c->name = coda_strndup(name, strlen(name));
    if (!c->name)
        return CODA_ENOMEM;
    *i = b->n++;
    return CODA_OK;
}

/* Room for cell r of c (cells between the last one set and r missing). */
static coda_status reserve(fmt_cols *b, fmt_col *c, size_t r)
{
    if (r >= UINT32_MAX - 1)
        return CODA_ELIMIT;
    if (r >= c->cap) {
        size_t cap = c->cap ? c->cap : 64;
        while (cap <= r)
            cap *= 2;
        unsigned char *k = coda_realloc(c->kind, cap);
        if (k)
            c->kind = k;
        double *d = k ? coda_reallocarray(c->d, cap, sizeof *d) : NULL;
        if (d)
            c->d = d;
        const char **s = d ? coda_reallocarray(c->s, cap, sizeof *s) : NULL;
        if (s)
            c->s = s;
        uint32_t *len = s ? coda_reallocarray(c->len, cap, sizeof *len) : NULL;
        if (!len)
            return CODA_ENOMEM;
        c->len = len;
        c->cap = cap;
    }
    if (r >= c->n) {
        memset(c->kind + c->n, FMT_MISSING, r + 1 - c->n);
        c->n = r + 1;
    }
    if (r + 1 > b->nrow)
        b->nrow = r + 1;
    return CODA_OK;
}

coda_status fmt_cols_num(fmt_cols *b, size_t i, size_t r, double d)
{
    fmt_col *c = &b->c[i];
    coda_status st = reserve(b, c, r);
    if (st == CODA_OK)
        c->kind[r] = FMT_NUM, c->d[r] = d;
    return st;
}

coda_status fmt_cols_bool(fmt_cols *b, size_t i, size_t r, int v)
{
    fmt_col *c = &b->c[i];
    coda_status st = reserve(b, c, r);
    if (st == CODA_OK)
        c->kind[r] = FMT_BOOL, c->d[r] = v != 0;
    return st;
}

coda_status fmt_cols_str(fmt_cols *b, size_t i, size_t r, const char *s,
                         size_t len)
{
    fmt_col *c = &b->c[i];
    if (len > UINT32_MAX)
        return CODA_ELIMIT;
    coda_status st = reserve(b, c, r);
    const char *copy = st == CODA_OK ? coda_pool_add(b->pool, s, len) : NULL;
    if (st == CODA_OK && !copy)
        st = CODA_ENOMEM;
    if (st == CODA_OK)
        c->kind[r] = FMT_STR, c->s[r] = copy, c->len[r] = (uint32_t)len;
    return st;
}

size_t fmt_num_text(double d, char *buf)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, 32, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    return strlen(buf);
}

/* The type c's cells fit. */
static coda_type col_type(const fmt_col *c)
{
    int num = 0, str = c->is_string, bools = 0, frac = 0;
    for (size_t r = 0; r < c->n; r++) {
        num |= c->kind[r] == FMT_NUM;
        str |= c->kind[r] == FMT_STR;
        bools |= c->kind[r] == FMT_BOOL;
        if (c->kind[r] == FMT_NUM && (c->d[r] != floor(c->d[r]) ||
                                      fabs(c->d[r]) > 9007199254740992.0))
            frac = 1;
    }
    if (str || (num && bools))
        return CODA_STRING;
    if (bools)
        return CODA_BOOLEAN;
    return frac ? CODA_NUMBER : num ? CODA_INTEGER : CODA_STRING;
}

/* Cell r of c into row r of column j of t, typed ty. */
static coda_status put_cell(const fmt_col *c, size_t r, coda_table *t,
                            size_t j, coda_type ty)
{
    coda_column *col = &t->cols[j];
    char buf[32];
    int k = r < c->n ? c->kind[r] : FMT_MISSING;
    if (k == FMT_MISSING)
        return coda_table_set_missing(t, j, r);
    switch (ty) {
    case CODA_INTEGER: col->v.i[r] = (int64_t)c->d[r]; return CODA_OK;
    case CODA_NUMBER: col->v.d[r] = c->d[r]; return CODA_OK;
    case CODA_BOOLEAN: col->v.b[r] = c->d[r] != 0; return CODA_OK;
    default: break;
    }
    if (k == FMT_STR) {         /* already in the pool t holds */
        col->v.s.p[r] = c->s[r];
        col->v.s.len[r] = c->len[r];
        return CODA_OK;
    }
    if (k == FMT_BOOL)
        return coda_table_set_string(t, j, r, c->d[r] ? "true" : "false",
                                     c->d[r] ? 4 : 5);
    return coda_table_set_string(t, j, r, buf, fmt_num_text(c->d[r], buf));
}

coda_status fmt_cols_table(fmt_cols *b, coda_table **out)
{
    coda_table *t;
    coda_status st = coda_table_create(b->nrow, b->n, &t);
    if (st != CODA_OK)
        return st;
    st = coda_table_add_pool(t, b->pool);
    for (size_t j = 0; j < b->n && st == CODA_OK; j++) {
        const fmt_col *c = &b->c[j];
        coda_type ty = col_type(c);
        st = coda_table_init_column(t, j, c->name, ty);
        for (size_t r = 0; r < b->nrow && st == CODA_OK; r++)
            st = put_cell(c, r, t, j, ty);
        coda_table_set_meta(t, j, c->meta);
    }
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status fmt_input_file(const char *path, coda_error *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              strerror(errno));
    if (!S_ISREG(sb.st_mode))
        return coda_error_set(err, CODA_EIO, path, 0, 0, "not a regular file");
    return coda_input_note(-1, path, err);
}

const char *fmt_multi_text(const coda_column *col, size_t r, coda_strbuf *b)
{
    b->n = 0;
    for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++) {
        uint32_t id = col->v.m.ids[i];
        if (i > col->v.m.off[r])
            coda_strbuf_add(b, ";", 1);
        coda_strbuf_add(b, col->v.m.labels->s[id], col->v.m.labels->len[id]);
    }
    coda_strbuf_add(b, "", 0);
    return b->failed ? NULL : b->p ? b->p : "";
}
