/* tabcmp.c - building expected tables from text and comparing tables
 * cell by cell (tabcmp.h). */
#include "tabcmp.h"

#include "base_alloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

coda_table *tb_new(size_t nrow, size_t ncol)
{
    coda_table *t = NULL;
    ck_assert_int_eq(coda_table_create(nrow, ncol, &t), CODA_OK);
    return t;
}

void tb_col(coda_table *t, size_t c, const char *name, coda_type type)
{
    ck_assert_int_eq(coda_table_init_column(t, c, name, type), CODA_OK);
}

/* Intern the labels of text ("a|b") in column c; their ids in ids[]. */
static size_t intern_all(coda_table *t, size_t c, const char *text,
                         uint32_t *ids, size_t max)
{
    coda_column *col = &t->cols[c];
    size_t k = 0;
    for (const char *s = text; text && *s && k < max;) {
        const char *bar = strchr(s, '|');
        size_t len = bar ? (size_t)(bar - s) : strlen(s);
        ck_assert_int_eq(coda_labels_intern(col->v.m.labels, s, len, &ids[k]),
                         CODA_OK);
        k++;
        s += len + (bar != NULL);
    }
    return k;
}

void tb_labels(coda_table *t, size_t c, const char *labels)
{
    uint32_t ids[64];
    intern_all(t, c, labels, ids, 64);
}

static void tb_multi(coda_table *t, size_t c, size_t r, const char *text)
{
    uint32_t ids[64];
    size_t k = intern_all(t, c, text, ids, 64);
    ck_assert_int_eq(coda_table_set_multi(t, c, r, ids, k), CODA_OK);
}

void tb_cell(coda_table *t, size_t c, size_t r, const char *text)
{
    coda_column *col = &t->cols[c];
    if (col->type == CODA_MULTI)
        tb_multi(t, c, r, text);
    if (!text) {
        ck_assert_int_eq(coda_table_set_missing(t, c, r), CODA_OK);
        return;
    }
    char *end = NULL;
    switch (col->type) {
    case CODA_INTEGER:
        col->v.i[r] = strtoll(text, &end, 10);
        ck_assert_msg(*text && !*end, "bad integer cell \"%s\"", text);
        break;
    case CODA_NUMBER:
        col->v.d[r] = strtod(text, &end);
        ck_assert_msg(*text && !*end, "bad number cell \"%s\"", text);
        break;
    case CODA_BOOLEAN:
        ck_assert_msg(!strcmp(text, "true") || !strcmp(text, "false"),
                      "bad boolean cell \"%s\"", text);
        col->v.b[r] = text[0] == 't';
        break;
    case CODA_STRING:
        ck_assert_int_eq(coda_table_set_string(t, c, r, text, strlen(text)),
                         CODA_OK);
        break;
    case CODA_MULTI:
        break;
    }
}

coda_table *xtab_build(const xtab *x)
{
    size_t ncol = 0;
    while (ncol < XCOLS && x->c[ncol].name)
        ncol++;
    coda_table *t = tb_new(x->nrow, ncol);
    for (size_t c = 0; c < ncol; c++) {
        tb_col(t, c, x->c[c].name, x->c[c].type);
        for (size_t r = 0; r < x->nrow; r++)
            tb_cell(t, c, r, x->c[c].v[r]);
    }
    return t;
}

/* --- comparing tables ---------------------------------------------------- */

/* A cell as text for messages, strings quoted with escapes. */
static const char *show(const coda_column *col, size_t r, char *buf, size_t n)
{
    if (coda_is_missing(col, r))
        return "(missing)";
    size_t k = 0;
    switch (col->type) {
    case CODA_INTEGER: snprintf(buf, n, "%" PRId64, col->v.i[r]); break;
    case CODA_NUMBER: snprintf(buf, n, "%.17g", col->v.d[r]); break;
    case CODA_BOOLEAN: snprintf(buf, n, "%s", col->v.b[r] ? "true" : "false");
        break;
    case CODA_STRING:
        buf[k++] = '"';
        for (uint32_t i = 0; i < col->v.s.len[r] && k + 6 < n; i++) {
            unsigned char ch = (unsigned char)col->v.s.p[r][i];
            k += (size_t)snprintf(buf + k, n - k, ch < 32 || ch == '"' ||
                                  ch > 126 ? "\\x%02X" : "%c", ch);
        }
        snprintf(buf + k, n - k, "\"");
        break;
    case CODA_MULTI:
        buf[k++] = '{';
        buf[k] = '\0';
        for (uint64_t i = col->v.m.off[r];
             i < col->v.m.off[r + 1] && k + 2 < n; i++) {
            k += (size_t)snprintf(buf + k, n - k, "%s%s",
                                  i > col->v.m.off[r] ? "|" : "",
                                  col->v.m.labels->s[col->v.m.ids[i]]);
            if (k > n - 2)
                k = n - 2; /* cut */
        }
        snprintf(buf + k, n - k, "}");
        break;
    }
    return buf;
}

static int same_multi(const coda_column *a, const coda_column *b, size_t r)
{
    uint64_t na = a->v.m.off[r + 1] - a->v.m.off[r];
    uint64_t nb = b->v.m.off[r + 1] - b->v.m.off[r];
    if (na != nb)
        return 0;
    for (uint64_t i = 0; i < na; i++) {
        uint32_t x = a->v.m.ids[a->v.m.off[r] + i];
        uint32_t y = b->v.m.ids[b->v.m.off[r] + i];
        if (a->v.m.labels->len[x] != b->v.m.labels->len[y] ||
            memcmp(a->v.m.labels->s[x], b->v.m.labels->s[y],
                   a->v.m.labels->len[x]) != 0)
            return 0;
    }
    return 1;
}

static int same_cell(const coda_column *a, const coda_column *b, size_t r)
{
    if (coda_is_missing(a, r) != coda_is_missing(b, r))
        return 0;
    if (coda_is_missing(a, r))
        return 1;
    switch (a->type) {
    case CODA_INTEGER: return a->v.i[r] == b->v.i[r];
    case CODA_NUMBER:
        return a->v.d[r] == b->v.d[r] ||
               (a->v.d[r] != a->v.d[r] && b->v.d[r] != b->v.d[r]);
    case CODA_BOOLEAN: return !a->v.b[r] == !b->v.b[r];
    case CODA_STRING:
        return a->v.s.len[r] == b->v.s.len[r] &&
               memcmp(a->v.s.p[r], b->v.s.p[r], a->v.s.len[r]) == 0 &&
               a->v.s.p[r][a->v.s.len[r]] == '\0';
    case CODA_MULTI: return same_multi(a, b, r);
    }
    return 0;
}

static int vocab_diff(const coda_column *a, const coda_column *b, char *why,
                      size_t n)
{
    const coda_labels *x = a->v.m.labels, *y = b->v.m.labels;
    for (uint32_t i = 0; i < x->n && i < y->n; i++)
        if (x->len[i] != y->len[i] || memcmp(x->s[i], y->s[i], x->len[i])) {
            snprintf(why, n, "column \"%s\": label %u is \"%s\", expected "
                     "\"%s\"", a->name, i, x->s[i], y->s[i]);
            return 1;
        }
    if (x->n != y->n) {
        snprintf(why, n, "column \"%s\": %u labels, expected %u", a->name,
                 x->n, y->n);
        return 1;
    }
    return 0;
}

int tab_diff(const coda_table *a, const coda_table *b, char *why, size_t n)
{
    char s1[200], s2[200];
    if (a->nrow != b->nrow || a->ncol != b->ncol) {
        snprintf(why, n, "%zu rows x %zu columns, expected %zu x %zu",
                 a->nrow, a->ncol, b->nrow, b->ncol);
        return 1;
    }
    for (size_t c = 0; c < a->ncol; c++) {
        const coda_column *x = &a->cols[c], *y = &b->cols[c];
        if (strcmp(x->name, y->name) != 0 || x->type != y->type) {
            snprintf(why, n, "column %zu is \"%s\" (%s), expected \"%s\" (%s)",
                     c + 1, x->name, coda_type_name(x->type), y->name,
                     coda_type_name(y->type));
            return 1;
        }
        for (size_t r = 0; r < a->nrow; r++)
            if (!same_cell(x, y, r)) {
                snprintf(why, n, "column \"%s\" row %zu: %s, expected %s",
                         x->name, r + 1, show(x, r, s1, sizeof s1),
                         show(y, r, s2, sizeof s2));
                return 1;
            }
        if (x->type == CODA_MULTI && vocab_diff(x, y, why, n))
            return 1;
    }
    snprintf(why, n, "equal");
    return 0;
}

const char *tab_str(const coda_table *t, const char *col, size_t r)
{
    long c = coda_table_find(t, col);
    ck_assert_int_ge(c, 0);
    return coda_is_missing(&t->cols[c], r) ? "<NA>" : t->cols[c].v.s.p[r];
}
