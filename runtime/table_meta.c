/* table_meta.c - variable labels, value labels, declared missing codes and
 * levels of a column. */
#include "table_meta.h"

#include "base_alloc.h"
#include "table.h"

#include <string.h>

coda_colmeta *coda_colmeta_new(void)
{
    coda_colmeta *m = coda_calloc(1, sizeof *m);
    if (m)
        m->refs = 1;
    return m;
}

void coda_colmeta_ref(coda_colmeta *m)
{
    m->refs++;
}

void coda_colmeta_unref(coda_colmeta *m)
{
    if (!m || --m->refs > 0)
        return;
    for (size_t i = 0; i < m->nvl; i++)
        coda_free(m->text[i]);
    coda_free(m->text);
    coda_free(m->code);
    coda_free(m->label);
    coda_labels_unref(m->levels);
    coda_free(m);
}

coda_status coda_colmeta_set_label(coda_colmeta *m, const char *s)
{
    char *copy = s ? coda_strndup(s, strlen(s)) : NULL;
    if (s && !copy)
        return CODA_ENOMEM;
    coda_free(m->label);
    m->label = copy;
    return CODA_OK;
}

coda_status coda_colmeta_add_vlabel(coda_colmeta *m, double code,
                                    const char *text)
{
    double *c = coda_reallocarray(m->code, m->nvl + 1, sizeof *c);
    if (!c)
        return CODA_ENOMEM;
    m->code = c;
    char **t = coda_reallocarray(m->text, m->nvl + 1, sizeof *t);
    if (!t)
        return CODA_ENOMEM;
    m->text = t;
    t[m->nvl] = coda_strndup(text, strlen(text));
    if (!t[m->nvl])
        return CODA_ENOMEM;
    c[m->nvl++] = code;
    return CODA_OK;
}

const char *coda_colmeta_vlabel(const coda_colmeta *m, double code)
{
    for (size_t i = 0; m && i < m->nvl; i++)
        if (m->code[i] == code)
            return m->text[i];
    return NULL;
}

coda_status coda_colmeta_copy(const coda_colmeta *m, coda_colmeta **out)
{
    coda_colmeta *n = coda_colmeta_new();
    coda_status st = n ? CODA_OK : CODA_ENOMEM;
    if (st == CODA_OK && m) {
        st = coda_colmeta_set_label(n, m->label);
        for (size_t i = 0; i < m->nvl && st == CODA_OK; i++)
            st = coda_colmeta_add_vlabel(n, m->code[i], m->text[i]);
        n->nna = m->nna;
        memcpy(n->na_lo, m->na_lo, sizeof n->na_lo);
        memcpy(n->na_hi, m->na_hi, sizeof n->na_hi);
        n->levels = m->levels;
        if (n->levels)
            coda_labels_ref(n->levels);
    }
    if (st != CODA_OK) {
        coda_colmeta_unref(n);
        return st;
    }
    *out = n;
    return CODA_OK;
}

coda_status coda_colmeta_set_levels(coda_colmeta *m, const char *const *s,
                                    const size_t *len, size_t n,
                                    coda_error *err)
{
    coda_labels *l = coda_labels_new();
    coda_status st = l ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        uint32_t id;
        st = coda_labels_intern(l, s[i], len[i], &id);
        if (st == CODA_OK && id != i)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "levels: \"%.*s\" "
                                "is given twice", coda_clip(s[i], 200), s[i]);
    }
    if (st != CODA_OK) {
        coda_labels_unref(l);
        return st == CODA_ENOMEM ? coda_error_nomem(err) : st;
    }
    coda_labels_unref(m->levels);
    m->levels = l;
    return CODA_OK;
}

void coda_table_set_meta(coda_table *t, size_t c, coda_colmeta *m)
{
    if (m)
        coda_colmeta_ref(m);
    coda_colmeta_unref(t->cols[c].meta);
    t->cols[c].meta = m;
}

long coda_level_of(const coda_column *col, size_t r)
{
    if (col->type != CODA_STRING || !col->meta || !col->meta->levels ||
        coda_is_missing(col, r))
        return -1;
    uint32_t id = coda_labels_find(col->meta->levels, col->v.s.p[r],
                                   col->v.s.len[r]);
    return id == CODA_NO_LABEL ? -1 : (long)id;
}

coda_status coda_table_set_levels(coda_table *t, size_t c,
                                  const char *const *s, const size_t *len,
                                  size_t n, coda_error *err)
{
    coda_column *col = &t->cols[c];
    if (col->type != CODA_STRING)
        return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "levels: column "
                              "\"%s\" is %s; levels order a string column",
                              col->name, coda_type_name(col->type));
    coda_colmeta *m;
    coda_status st = coda_colmeta_copy(col->meta, &m);
    if (st != CODA_OK)
        return coda_error_nomem(err);
    st = coda_colmeta_set_levels(m, s, len, n, err);
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
        if (!coda_is_missing(col, r) &&
            coda_labels_find(m->levels, col->v.s.p[r], col->v.s.len[r]) ==
                CODA_NO_LABEL)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "levels: value "
                                "\"%.*s\" of column \"%s\" (row %zu) is not "
                                "among the levels given",
                                coda_clip(col->v.s.p[r], 200), col->v.s.p[r],
                                col->name, r + 1);
    if (st == CODA_OK)
        coda_table_set_meta(t, c, m);
    coda_colmeta_unref(m);
    return st;
}
