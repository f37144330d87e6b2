/* codebook_read.c - reading a codebook from a CSV or REFI-QDA (.qdc) file
 * into rows, then compiling and linting it. */
#include "codebook_int.h"

#include "base_alloc.h"
#include "base_utf8.h"
#include "codebook_qdc.h"
#include "csv_io.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* --- the CSV columns ----------------------------------------------------- */

static const char *const csv_fields[] = {
    "code", "pattern", "description", "parent", "flags", "exclude",
    "example", "counterexample", "color", "memo"
};
enum { NFIELDS = sizeof csv_fields / sizeof csv_fields[0], MEMO = 9 };

static const char *cell(const coda_table *t, long c, size_t r)
{
    if (c < 0 || coda_is_missing(&t->cols[c], r))
        return "";
    return t->cols[c].v.s.p[r];
}

/* Edits from a to b (ignoring case), up to 3. */
static size_t distance(const char *a, const char *b)
{
    return coda_utf8_distance(a, strlen(a), b, strlen(b), 2);
}

/* 1 when a (3 letters or more) abbreviates b: same first letter, and its
 * letters in b in order ("desc", "exl" for "description", "exclude"). */
static int abbreviates(const char *a, const char *b)
{
    if (strlen(a) < 3 || tolower((unsigned char)*a) != *b)
        return 0;
    for (; *a && *b; b++)
        a += tolower((unsigned char)*a) == *b;
    return *a == '\0';
}

/* The column of t named field: exactly, else in other case ("Code"). */
static long find_field(const coda_table *t, const char *field)
{
    long c = coda_table_find(t, field);
    for (size_t k = 0; c < 0 && k + 1 < t->ncol; k++)
        c = strcasecmp(t->cols[k].name, field) == 0 ? (long)k : -1;
    return c;
}

/* A warning for each column of t (the line column, last, aside) that is
 * not used for one of fields[] (col[f] its column), naming the nearest
 * field when it is at most 2 edits away or abbreviated. */
static coda_status unknown_columns(coda_codebook *cb, const coda_table *t,
                                   const long *col, const char *const *fields,
                                   size_t n)
{
    coda_status st = CODA_OK;
    for (size_t c = 0; c + 1 < t->ncol && st == CODA_OK; c++) {
        const char *name = t->cols[c].name, *near = NULL;
        size_t best = 4;                /* 1-3: 0-2 edits away */
        int used = 0;
        for (size_t f = 0; f < n; f++) {
            size_t d = distance(name, fields[f]) + 1;
            used |= col[f] == (long)c;
            if (d < best)
                best = d, near = fields[f];
        }
        if (used)
            continue;
        if (strlen(name) < 3 && best > 1)
            near = NULL;                /* too short to guess from */
        for (size_t f = 0; f < n && !near; f++)
            near = abbreviates(name, fields[f]) ? fields[f] : NULL;
        char msg[300];
        snprintf(msg, sizeof msg, "column \"%.100s\" is not one coda reads "
                 "and is ignored%s%s%s", name, near ? " (did you mean \"" : "",
                 near ? near : "", near ? "\"?)" : "");
        st = cb_add_warning(cb, msg);
    }
    return st;
}

static coda_status rows_from_table(coda_codebook *cb, const coda_table *t,
                                   const char *path, coda_error *err)
{
    long col[NFIELDS];
    for (size_t f = 0; f < NFIELDS; f++)
        col[f] = find_field(t, csv_fields[f]);
    if (col[MEMO] < 0)
        col[MEMO] = find_field(t, "notes");
    if (col[0] < 0 || col[1] < 0)
        return coda_error_set(err, CODA_EPARSE, path, 1, 0, "a codebook needs "
                              "the columns code and pattern (and may have "
                              "description, parent, flags, exclude, example, "
                              "counterexample, color, memo)");
    if (unknown_columns(cb, t, col, csv_fields, NFIELDS) != CODA_OK)
        return coda_error_nomem(err);
    const int64_t *lines = t->cols[t->ncol - 1].v.i; /* the line column */
    for (size_t r = 0; r < t->nrow; r++) {
        const char *v[NFIELDS];
        for (size_t f = 0; f < NFIELDS; f++) {
            v[f] = cell(t, col[f], r);
            /* a NUL byte would silently cut the field short */
            if (col[f] >= 0 && !coda_is_missing(&t->cols[col[f]], r) &&
                strlen(v[f]) != t->cols[col[f]].v.s.len[r])
                return coda_error_set(err, CODA_EPARSE, path, (long)lines[r],
                                      0, "the %s field holds a NUL byte",
                                      csv_fields[f]);
        }
        coda_code_row row = { v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7],
                              v[8], path, (long)lines[r], v[MEMO] };
        coda_status st = coda_codebook_add_row(cb, &row, err);
        if (st != CODA_OK)
            return st;
    }
    return CODA_OK;
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* The codebook CSV in data[0..len) (data NULL: the file at path). */
static coda_status read_csv_rows(coda_codebook *cb, const char *path,
                                 const char *data, size_t len,
                                 coda_error *err)
{
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.infer = 0;
    o.line_col = "";    /* each row's line, for messages; no name clashes */
    coda_table *t = NULL;
    coda_status st = data ? coda_csv_load_mem(data, len, path, &o, &t, err)
                          : coda_csv_load(path, &o, &t, err);
    if (st == CODA_OK)
        st = rows_from_table(cb, t, path, err);
    coda_table_free(t);
    return st;
}

static coda_status read_rows(coda_codebook *cb, const char *path,
                             const char *data, size_t len, coda_error *err)
{
    if (!data && has_suffix(path, ".qdc"))
        return coda_qdc_read(cb, path, err);
    return read_csv_rows(cb, path, data, len, err);
}

static coda_status read_any(const char *path, const char *data, size_t len,
                            int lenient, coda_codebook **out, coda_error *err)
{
    coda_codebook *cb = coda_codebook_new();
    if (!cb)
        return coda_error_nomem(err);
    cb->file = coda_strndup(path ? path : "", path ? strlen(path) : 0);
    coda_status st = cb->file ? read_rows(cb, path, data, len, err)
                              : coda_error_nomem(err);
    if (st == CODA_OK && cb->n == 0)
        st = coda_error_set(err, CODA_EPARSE, path, 0, 0, "the codebook has "
                            "no codes");
    cb->ncolumn = cb->nwarn;
    if (st == CODA_OK)
        st = coda_codebook_compile(cb, lenient, err);
    if (st == CODA_OK && cb_lint_warn(cb) != CODA_OK)
        st = coda_error_nomem(err);
    if (st != CODA_OK) {
        coda_codebook_free(cb);
        return st;
    }
    *out = cb;
    return CODA_OK;
}

coda_status coda_codebook_read_mem(const char *data, size_t len,
                                   const char *name, int lenient,
                                   coda_codebook **out, coda_error *err)
{
    return read_any(name, data, len, lenient, out, err);
}

coda_status coda_codebook_read(const char *path, int lenient,
                               coda_codebook **out, coda_error *err)
{
    return read_any(path, NULL, 0, lenient, out, err);
}
