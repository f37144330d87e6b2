/* fmt_stat_write.c - a Dataset written as an SPSS .sav or Stata .dta file
 * through ReadStat, with its labels, levels and missing codes (fmt.h). */
#include "fmt.h"

#include "base_alloc.h"
#include "fmt_int.h"
#include "base_outfile.h"
#include "base_strbuf.h"

#include <math.h>
#include <readstat.h>
#include <stdio.h>
#include <string.h>

#define DTA_STR_MAX 2045        /* Stata's longest str# */

/* How a column goes out. */
typedef struct wcol {
    readstat_variable_t *var;
    double *code;           /* a column with levels: each level's code */
} wcol;

typedef struct swrite {
    const coda_table *t;
    const char *path;
    coda_stat_kind kind;
    readstat_writer_t *w;
    wcol *c;
    FILE *fp;
    char msg[256];
} swrite;

static ssize_t out_bytes(const void *p, size_t n, void *ctx)
{
    swrite *s = ctx;
    return fwrite(p, 1, n, s->fp) == n ? (ssize_t)n : -1;
}

static void on_error(const char *msg, void *ctx)
{
    swrite *s = ctx;
    if (!s->msg[0])
        snprintf(s->msg, sizeof s->msg, "%s", msg);
}

static int has_levels(const coda_column *col)
{
    return col->type == CODA_STRING && col->meta && col->meta->levels;
}

/* The longest text of col, written as text, in bytes (at least 1). */
static size_t text_width(const coda_column *col, size_t nrow)
{
    size_t w = 1;
    for (size_t r = 0; r < nrow && col->type == CODA_STRING; r++)
        if (!coda_is_missing(col, r) && col->v.s.len[r] > w)
            w = col->v.s.len[r];
    for (size_t r = 0; r < nrow && col->type == CODA_MULTI; r++) {
        size_t n = 0;
        for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++)
            n += col->v.m.labels->len[col->v.m.ids[i]] + 1;
        w = n > w ? n : w;
    }
    return w;
}

/* 1 when every value of integer column col fits Stata's long. */
static int fits_int32(const coda_column *col, size_t nrow)
{
    for (size_t r = 0; r < nrow; r++)
        if (!coda_is_missing(col, r) &&
            (col->v.i[r] < -2147483647 || col->v.i[r] > 2147483620))
            return 0;
    return 1;
}

static readstat_type_t var_type(const swrite *s, const coda_column *col,
                                size_t *width)
{
    *width = 0;
    int dta = s->kind == CODA_FMT_DTA;
    if (has_levels(col))
        return dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE;
    switch (col->type) {
    case CODA_INTEGER:
        return dta && fits_int32(col, s->t->nrow) ? READSTAT_TYPE_INT32
                                                  : READSTAT_TYPE_DOUBLE;
    case CODA_BOOLEAN: return dta ? READSTAT_TYPE_INT8 : READSTAT_TYPE_DOUBLE;
    case CODA_NUMBER: return READSTAT_TYPE_DOUBLE;
    default:
        *width = text_width(col, s->t->nrow);
        return READSTAT_TYPE_STRING;
    }
}

/* The code of each level of col: its value label's code when one reads
 * the same, else the whole numbers after the largest code. */
static double *level_codes(const coda_column *col)
{
    const coda_colmeta *m = col->meta;
    const coda_labels *l = m->levels;
    double *code = coda_calloc(l->n ? l->n : 1, sizeof *code), next = 0;
    for (size_t i = 0; code && i < m->nvl; i++)
        next = m->code[i] > next ? m->code[i] : next;
    next = floor(next) + 1;
    for (uint32_t id = 0; code && id < l->n; id++) {
        code[id] = NAN;
        for (size_t i = 0; i < m->nvl && isnan(code[id]); i++)
            if (!strcmp(m->text[i], l->s[id]))
                code[id] = m->code[i];
        if (isnan(code[id]))
            code[id] = next++;
    }
    return code;
}

static coda_status bad_code(const char *path, const coda_column *col,
                            double code, coda_error *err)
{
    return coda_error_set(err, CODA_EARG, path, 0, 0, "write_dta: column "
                          "\"%s\": Stata labels whole numbers only, not %g",
                          col->name, code);
}

/* 1 when text is a level of col. */
static int is_level(const coda_column *col, const char *text)
{
    return has_levels(col) && coda_labels_find(col->meta->levels, text,
                                               strlen(text)) != CODA_NO_LABEL;
}

/* Add code -> text to set; dta codes must be whole. */
static coda_status add_label(swrite *s, readstat_label_set_t *set,
                             const coda_column *col, double code,
                             const char *text, coda_error *err)
{
    if (s->kind != CODA_FMT_DTA) {
        readstat_label_double_value(set, code, text);
        return CODA_OK;
    }
    if (code != floor(code) || fabs(code) > 2147483620)
        return bad_code(s->path, col, code, err);
    readstat_label_int32_value(set, (int32_t)code, text);
    return CODA_OK;
}

/* The value labels of col as a label set of its variable: its levels with
 * their codes, then its meta's other labels (those of missing codes). */
static coda_status label_set(swrite *s, size_t c, coda_error *err)
{
    const coda_column *col = &s->t->cols[c];
    const coda_colmeta *m = col->meta;
    int dta = s->kind == CODA_FMT_DTA;
    size_t nlv = has_levels(col) ? m->levels->n : 0;
    char name[40];
    snprintf(name, sizeof name, "labels%zu", c + 1);
    readstat_label_set_t *set = readstat_add_label_set(
        s->w, dta ? READSTAT_TYPE_INT32 : READSTAT_TYPE_DOUBLE, name);
    coda_status st = set ? CODA_OK : coda_error_nomem(err);
    for (size_t i = 0; i < nlv && st == CODA_OK; i++)
        st = add_label(s, set, col, s->c[c].code[i], m->levels->s[i], err);
    for (size_t i = 0; i < m->nvl && st == CODA_OK; i++)
        if (!is_level(col, m->text[i]))
            st = add_label(s, set, col, m->code[i], m->text[i], err);
    if (st == CODA_OK)
        readstat_variable_set_label_set(s->c[c].var, set);
    return st;
}

/* Add column c as a variable with its label, labels and missing codes. */
static coda_status add_var(swrite *s, size_t c, coda_error *err)
{
    const coda_column *col = &s->t->cols[c];
    const coda_colmeta *m = col->meta;
    size_t width;
    readstat_type_t type = var_type(s, col, &width);
    if (type == READSTAT_TYPE_STRING && s->kind == CODA_FMT_DTA &&
        width > DTA_STR_MAX)
        return coda_error_set(err, CODA_EARG, s->path, 0, 0, "write_dta: "
                              "column \"%s\" holds a text of %zu bytes; Stata's "
                              "limit is %d", col->name, width, DTA_STR_MAX);
    s->c[c].var = readstat_add_variable(s->w, col->name, type, width);
    if (!s->c[c].var)
        return coda_error_nomem(err);
    if (has_levels(col) && !(s->c[c].code = level_codes(col)))
        return coda_error_nomem(err);
    if (m && m->label)
        readstat_variable_set_label(s->c[c].var, m->label);
    if (has_levels(col) || (m && m->nvl && type != READSTAT_TYPE_STRING)) {
        coda_status st = label_set(s, c, err);
        if (st != CODA_OK)
            return st;
    }
    for (size_t i = 0; m && s->kind == CODA_FMT_SAV &&
                       type != READSTAT_TYPE_STRING && i < m->nna; i++)
        readstat_variable_add_missing_double_range(s->c[c].var, m->na_lo[i],
                                                   m->na_hi[i]);
    if (has_levels(col))
        readstat_variable_set_measure(s->c[c].var, READSTAT_MEASURE_ORDINAL);
    return CODA_OK;
}

static readstat_error_t put_value(swrite *s, size_t c, size_t r,
                                  coda_strbuf *b)
{
    const coda_column *col = &s->t->cols[c];
    readstat_variable_t *v = s->c[c].var;
    if (coda_is_missing(col, r))
        return readstat_insert_missing_value(s->w, v);
    if (has_levels(col)) {
        long lv = coda_level_of(col, r);
        if (lv < 0)
            return READSTAT_ERROR_VALUE_TYPE_MISMATCH;
        double code = s->c[c].code[lv];
        return s->kind == CODA_FMT_DTA
                   ? readstat_insert_int32_value(s->w, v, (int32_t)code)
                   : readstat_insert_double_value(s->w, v, code);
    }
    readstat_type_t type = readstat_variable_get_type(v);
    switch (col->type) {
    case CODA_INTEGER:
        return type == READSTAT_TYPE_INT32
                   ? readstat_insert_int32_value(s->w, v, (int32_t)col->v.i[r])
                   : readstat_insert_double_value(s->w, v, (double)col->v.i[r]);
    case CODA_NUMBER: return readstat_insert_double_value(s->w, v, col->v.d[r]);
    case CODA_BOOLEAN:
        return type == READSTAT_TYPE_INT8
                   ? readstat_insert_int8_value(s->w, v, (int8_t)col->v.b[r])
                   : readstat_insert_double_value(s->w, v, col->v.b[r]);
    case CODA_STRING:
        return readstat_insert_string_value(s->w, v, col->v.s.p[r]);
    case CODA_MULTI: {
        const char *text = fmt_multi_text(col, r, b);
        return text ? readstat_insert_string_value(s->w, v, text)
                    : READSTAT_ERROR_MALLOC;
    }
    }
    return READSTAT_OK;
}

/* Row r of a value that is not one of its column's levels. */
static coda_status not_level(const swrite *s, const char *fn, coda_error *err)
{
    for (size_t c = 0; c < s->t->ncol; c++)
        for (size_t r = 0; has_levels(&s->t->cols[c]) && r < s->t->nrow; r++)
            if (!coda_is_missing(&s->t->cols[c], r) &&
                coda_level_of(&s->t->cols[c], r) < 0)
                return coda_error_set(err, CODA_EARG, s->path, 0, 0, "%s: value "
                                      "\"%s\" of column \"%s\" (row %zu) is "
                                      "not one of its levels", fn,
                                      s->t->cols[c].v.s.p[r],
                                      s->t->cols[c].name, r + 1);
    return CODA_OK;
}

static readstat_error_t write_rows(swrite *s)
{
    coda_strbuf b = { 0 };
    readstat_error_t e = READSTAT_OK;
    for (size_t r = 0; r < s->t->nrow && e == READSTAT_OK; r++) {
        e = readstat_begin_row(s->w);
        for (size_t c = 0; c < s->t->ncol && e == READSTAT_OK; c++)
            e = put_value(s, c, r, &b);
        if (e == READSTAT_OK)
            e = readstat_end_row(s->w);
    }
    coda_free(b.p);
    return e == READSTAT_OK ? readstat_end_writing(s->w) : e;
}

/* ReadStat's verdict on the variables (names the format refuses). */
static coda_status check_vars(swrite *s, const char *fn, coda_error *err)
{
    for (size_t c = 0; c < s->t->ncol; c++) {
        readstat_error_t e = readstat_validate_variable(s->w, s->c[c].var);
        if (e != READSTAT_OK)
            return coda_error_set(err, CODA_EARG, s->path, 0, 0, "%s: column "
                                  "\"%s\": %s", fn, s->t->cols[c].name,
                                  readstat_error_message(e));
    }
    return CODA_OK;
}

static coda_status setup(swrite *s, const char *fn, coda_error *err)
{
    s->c = coda_calloc(s->t->ncol ? s->t->ncol : 1, sizeof *s->c);
    s->w = s->c ? readstat_writer_init() : NULL;
    if (!s->w)
        return coda_error_nomem(err);
    readstat_set_data_writer(s->w, out_bytes);
    readstat_writer_set_error_handler(s->w, on_error);
    if (s->kind == CODA_FMT_DTA)
        readstat_writer_set_file_format_version(s->w, 118); /* UTF-8 */
    coda_status st = not_level(s, fn, err);
    for (size_t c = 0; c < s->t->ncol && st == CODA_OK; c++)
        st = add_var(s, c, err);
    return st;
}

static coda_status write_file(swrite *s, const char *path, const char *fn,
                              coda_error *err)
{
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    s->fp = o.fp;
    readstat_error_t e =
        s->kind == CODA_FMT_DTA
            ? readstat_begin_writing_dta(s->w, s, (long)s->t->nrow)
            : readstat_begin_writing_sav(s->w, s, (long)s->t->nrow);
    st = e == READSTAT_OK ? check_vars(s, fn, err) : CODA_OK;
    if (st == CODA_OK && e == READSTAT_OK)
        e = write_rows(s);
    if (st == CODA_OK && e != READSTAT_OK)
        st = coda_error_set(err, e == READSTAT_ERROR_WRITE ? CODA_EIO
                                                           : CODA_EARG,
                            path, 0, 0, "%s: %s%s%s", fn,
                            readstat_error_message(e), s->msg[0] ? ": " : "",
                            s->msg);
    if (st != CODA_OK) {
        coda_outfile_abort(&o);
        return st;
    }
    return coda_outfile_commit(&o, err);
}

coda_status coda_stat_write(const coda_table *t, const char *path,
                            coda_stat_kind kind, coda_error *err)
{
    const char *fn = kind == CODA_FMT_DTA ? "write_dta" : "write_sav";
    swrite s = { .t = t, .path = path, .kind = kind };
    coda_status st = setup(&s, fn, err);
    if (st == CODA_OK)
        st = write_file(&s, path, fn, err);
    for (size_t c = 0; s.c && c < t->ncol; c++)
        coda_free(s.c[c].code);
    coda_free(s.c);
    if (s.w)
        readstat_writer_free(s.w);
    return st;
}
