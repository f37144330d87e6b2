/* fmt_stat_read.c - SPSS, Stata and SAS files read through ReadStat into a
 * Dataset, with their labels and missing codes (fmt.h). */
#include "fmt.h"

#include "base_alloc.h"
#include "fmt_date.h"
#include "fmt_int.h"

#include <readstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One value label of a label set, kept until the variables are known. */
typedef struct vlab {
    char *set, *text;
    double code;
} vlab;

typedef struct sread {
    fmt_cols b;
    char **sets;            /* the label set of each column, or NULL */
    int *date;              /* each column's date kind (fmt_date.h) */
    vlab *v;
    size_t nv, vcap;
    coda_status st;
    coda_stat_kind kind;
    char msg[256];          /* ReadStat's own message, when it gave one */
} sread;

static int fail(sread *s, coda_status st)
{
    s->st = st;
    return READSTAT_HANDLER_ABORT;
}

/* The declared missing codes of v into m (numeric columns). */
static void missing_codes(readstat_variable_t *v, coda_colmeta *m)
{
    int n = readstat_variable_get_missing_ranges_count(v);
    for (int i = 0; i < n && m->nna < CODA_META_NA_MAX; i++) {
        readstat_value_t lo = readstat_variable_get_missing_range_lo(v, i);
        readstat_value_t hi = readstat_variable_get_missing_range_hi(v, i);
        if (readstat_value_type_class(lo) != READSTAT_TYPE_CLASS_NUMERIC)
            continue;
        m->na_lo[m->nna] = readstat_double_value(lo);
        m->na_hi[m->nna++] = readstat_double_value(hi);
    }
}

static int on_variable(int index, readstat_variable_t *v,
                       const char *set, void *ctx)
{
    sread *s = ctx;
    size_t i = s->b.n;
    const char *label = readstat_variable_get_label(v);
    /* sets and date have room for every column, made or half made */
    char **sets = coda_reallocarray(s->sets, i + 1, sizeof *sets);
    if (!sets)
        return fail(s, CODA_ENOMEM);
    s->sets = sets;
    sets[i] = NULL;
    int *date = coda_reallocarray(s->date, i + 1, sizeof *date);
    if (!date)
        return fail(s, CODA_ENOMEM);
    s->date = date;
    if (fmt_cols_add(&s->b, readstat_variable_get_name(v), &i) != CODA_OK)
        return fail(s, CODA_ENOMEM);
    fmt_col *c = &s->b.c[i];
    c->is_string = readstat_variable_get_type_class(v) ==
                   READSTAT_TYPE_CLASS_STRING;
    c->meta = coda_colmeta_new();
    if (!c->meta)
        return fail(s, CODA_ENOMEM);
    date[i] = c->is_string ? FMT_DATE_NONE
                           : fmt_date_kind(s->kind == CODA_FMT_SAV,
                                           readstat_variable_get_format(v));
    if ((label && *label && coda_colmeta_set_label(c->meta, label)) ||
        (set && *set && !(sets[i] = coda_strndup(set, strlen(set)))))
        return fail(s, CODA_ENOMEM);
    if (!c->is_string)
        missing_codes(v, c->meta);
    return READSTAT_HANDLER_OK;
}

static int on_value(int obs, readstat_variable_t *v, readstat_value_t value,
                    void *ctx)
{
    sread *s = ctx;
    size_t i = (size_t)readstat_variable_get_index(v), r = (size_t)obs;
    coda_status st = CODA_OK;
    char buf[32];
    if (i >= s->b.n || obs < 0)
        return fail(s, CODA_EPARSE);
    if ((r + 1) * s->b.n > FMT_MAX_CELLS)
        return fail(s, CODA_ELIMIT);
    if (readstat_value_is_missing(value, v)) {
        if (r + 1 > s->b.nrow)
            s->b.nrow = r + 1;
    } else if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
        const char *t = readstat_string_value(value);
        st = fmt_cols_str(&s->b, i, r, t ? t : "", t ? strlen(t) : 0);
    } else if (s->date[i] != FMT_DATE_NONE) {
        size_t n = fmt_date_text(s->date[i], readstat_double_value(value), buf);
        st = n ? fmt_cols_str(&s->b, i, r, buf, n)
               : fmt_cols_num(&s->b, i, r, readstat_double_value(value));
    } else {
        st = fmt_cols_num(&s->b, i, r, readstat_double_value(value));
    }
    return st == CODA_OK ? READSTAT_HANDLER_OK : fail(s, st);
}

static int on_value_label(const char *set, readstat_value_t value,
                          const char *label, void *ctx)
{
    sread *s = ctx;
    if (readstat_value_type_class(value) != READSTAT_TYPE_CLASS_NUMERIC ||
        readstat_value_is_tagged_missing(value))
        return READSTAT_HANDLER_OK;     /* string codes: not kept */
    if (s->nv == s->vcap) {
        size_t cap = s->vcap ? s->vcap * 2 : 32;
        vlab *v = coda_reallocarray(s->v, cap, sizeof *v);
        if (!v)
            return fail(s, CODA_ENOMEM);
        s->v = v;
        s->vcap = cap;
    }
    vlab *v = &s->v[s->nv];
    v->set = coda_strndup(set, strlen(set));
    v->text = coda_strndup(label, strlen(label));
    v->code = readstat_double_value(value);
    if (!v->set || !v->text) {
        coda_free(v->set);
        coda_free(v->text);
        return fail(s, CODA_ENOMEM);
    }
    s->nv++;
    return READSTAT_HANDLER_OK;
}

static void on_error(const char *msg, void *ctx)
{
    sread *s = ctx;
    if (!s->msg[0])
        snprintf(s->msg, sizeof s->msg, "%s", msg);
    s->msg[strcspn(s->msg, "\n")] = '\0';
}

static void sread_free(sread *s)
{
    for (size_t i = 0; i < s->b.n && s->sets; i++)
        coda_free(s->sets[i]);
    for (size_t i = 0; i < s->nv; i++) {
        coda_free(s->v[i].set);
        coda_free(s->v[i].text);
    }
    coda_free(s->sets);
    coda_free(s->date);
    coda_free(s->v);
    fmt_cols_free(&s->b);
}

static int vlab_cmp(const void *x, const void *y)
{
    const vlab *a = x, *b = y;
    int c = strcmp(a->set, b->set);
    return c ? c : (a->code > b->code) - (a->code < b->code);
}

/* Each column's value labels, from its label set, in the order of their
 * codes. */
static coda_status attach_labels(sread *s)
{
    if (s->nv)                  /* qsort may not be given a NULL base */
        qsort(s->v, s->nv, sizeof *s->v, vlab_cmp);
    for (size_t i = 0; i < s->b.n; i++)
        for (size_t j = 0; s->sets[i] && j < s->nv; j++)
            if (!strcmp(s->v[j].set, s->sets[i]) &&
                coda_colmeta_add_vlabel(s->b.c[i].meta, s->v[j].code,
                                        s->v[j].text) != CODA_OK)
                return CODA_ENOMEM;
    return CODA_OK;
}

/* 1 when code is one m declares missing. */
static int declared_missing(const coda_colmeta *m, double code)
{
    for (size_t i = 0; i < m->nna; i++)
        if (code >= m->na_lo[i] && code <= m->na_hi[i])
            return 1;
    return 0;
}

/* A numeric column whose every value has a label becomes its labels, with
 * every label a level in the order of the codes (but those of codes
 * declared missing, which are no values). */
static coda_status labels_as_levels(fmt_cols *b, fmt_col *c)
{
    coda_colmeta *m = c->meta;
    for (size_t r = 0; r < c->n; r++)
        if (c->kind[r] != FMT_MISSING &&
            (c->kind[r] != FMT_NUM || !coda_colmeta_vlabel(m, c->d[r])))
            return CODA_OK;
    m->levels = coda_labels_new();
    if (!m->levels)
        return CODA_ENOMEM;
    for (size_t i = 0; i < m->nvl; i++) {
        uint32_t id;
        if (!declared_missing(m, m->code[i]) && coda_labels_intern(m->levels, m->text[i], strlen(m->text[i]),
                               &id) != CODA_OK)
            return CODA_ENOMEM;
    }
    for (size_t r = 0; r < c->n; r++) {
        if (c->kind[r] != FMT_NUM)
            continue;
        const char *t = coda_colmeta_vlabel(m, c->d[r]);
        c->s[r] = coda_pool_add(b->pool, t, strlen(t));
        if (!c->s[r])
            return CODA_ENOMEM;
        c->len[r] = (uint32_t)strlen(t);
        c->kind[r] = FMT_STR;
    }
    c->is_string = 1;
    return CODA_OK;
}

static coda_status convert(sread *s)
{
    coda_status st = attach_labels(s);
    for (size_t i = 0; i < s->b.n && st == CODA_OK; i++)
        if (s->b.c[i].meta->nvl && !s->b.c[i].is_string &&
            s->date[i] == FMT_DATE_NONE)
            st = labels_as_levels(&s->b, &s->b.c[i]);
    return st;
}

static const char *const kind_names[] = { "an SPSS .sav file",
                                          "a Stata .dta file",
                                          "a SAS .sas7bdat file" };

/* ReadStat's verdict e (and what the handlers saw) as coda's error. */
static coda_status parse_error(const sread *s, readstat_error_t e,
                               const char *path, coda_error *err)
{
    if (s->st == CODA_ENOMEM || e == READSTAT_ERROR_MALLOC)
        return coda_error_nomem(err);
    if (s->st == CODA_ELIMIT)
        return coda_error_set(err, CODA_ELIMIT, path, 0, 0, "more than %llu "
                              "cells, the most coda reads from %s",
                              (unsigned long long)FMT_MAX_CELLS,
                              kind_names[s->kind]);
    if (e == READSTAT_ERROR_OPEN)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              s->msg[0] ? s->msg : "ReadStat could not");
    if (e == READSTAT_ERROR_READ || e == READSTAT_ERROR_SEEK)
        return coda_error_set(err, CODA_EPARSE, path, 0, 0, "the file ends "
                              "before its data does: truncated, or not %s",
                              kind_names[s->kind]);
    return coda_error_set(err, CODA_EPARSE, path, 0, 0, "not %s coda can "
                          "read (%s%s%s)", kind_names[s->kind],
                          readstat_error_message(e), s->msg[0] ? ": " : "",
                          s->msg);
}

static readstat_error_t parse(sread *s, const char *path)
{
    readstat_parser_t *p = readstat_parser_init();
    if (!p)
        return READSTAT_ERROR_MALLOC;
    readstat_set_variable_handler(p, on_variable);
    readstat_set_value_handler(p, on_value);
    readstat_set_value_label_handler(p, on_value_label);
    readstat_set_error_handler(p, on_error);
    readstat_error_t e =
        s->kind == CODA_FMT_SAV ? readstat_parse_sav(p, path, s)
        : s->kind == CODA_FMT_DTA ? readstat_parse_dta(p, path, s)
                                  : readstat_parse_sas7bdat(p, path, s);
    readstat_parser_free(p);
    return e;
}

coda_status coda_stat_read(const char *path, coda_stat_kind kind,
                           coda_table **out, coda_error *err)
{
    sread s = { .kind = kind };
    coda_status st = fmt_input_file(path, err);
    if (st != CODA_OK)
        return st;
    if (fmt_cols_init(&s.b) != CODA_OK)
        return coda_error_nomem(err);
    readstat_error_t e = parse(&s, path);
    if (e != READSTAT_OK || s.st != CODA_OK)
        st = parse_error(&s, e, path, err);
    else if (convert(&s) != CODA_OK || fmt_cols_table(&s.b, out) != CODA_OK)
        st = coda_error_nomem(err);
    sread_free(&s);
    return st;
}
