/* aggtest.c - what the aggregation suites share (aggtest.h). */
#include "aggtest.h"

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t agg_col(const coda_table *t, const char *name)
{
    long c = coda_table_find(t, name);
    ck_assert_msg(c >= 0, "no column \"%s\"", name);
    return (size_t)c;
}

/* A cell as text for a message. */
static const char *cell_text(const coda_column *col, size_t r, char *buf,
                             size_t n)
{
    if (coda_is_missing(col, r))
        return "(missing)";
    switch (col->type) {
    case CODA_INTEGER: snprintf(buf, n, "%lld", (long long)col->v.i[r]); break;
    case CODA_NUMBER: snprintf(buf, n, "%.17g", col->v.d[r]); break;
    case CODA_BOOLEAN: snprintf(buf, n, "%s", col->v.b[r] ? "true" : "false"); break;
    case CODA_STRING: snprintf(buf, n, "\"%s\"", col->v.s.p[r]); break;
    case CODA_MULTI: {
        size_t k = 0;
        buf[0] = '\0';
        for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1] && k < n; i++)
            k += (size_t)snprintf(buf + k, n - k, "%s%s",
                                  i > col->v.m.off[r] ? "|" : "",
                                  col->v.m.labels->s[col->v.m.ids[i]]);
        break;
    }
    }
    return buf;
}

/* A number written with d decimals matches within half a unit of its last
 * place; one written without a point matches to 1e-9 relative. */
static int number_matches(double got, const char *text)
{
    char *end;
    double want = strtod(text, &end);
    ck_assert_msg(*text && !*end, "bad number cell \"%s\"", text);
    const char *dot = strchr(text, '.');
    double tol = dot ? 0.5 * pow(10, -(double)strlen(dot + 1)) * (1 + 1e-9)
                     : 1e-9 * (fabs(want) > 1 ? fabs(want) : 1);
    return fabs(got - want) <= tol;
}

static int multi_matches(const coda_column *col, size_t r, const char *text)
{
    char buf[256];
    cell_text(col, r, buf, sizeof buf);
    return strcmp(buf, text) == 0;
}

static int cell_matches(const coda_column *col, size_t r, const char *text)
{
    if (!text || coda_is_missing(col, r))
        return !text && coda_is_missing(col, r);
    switch (col->type) {
    case CODA_INTEGER: return col->v.i[r] == strtoll(text, NULL, 10);
    case CODA_NUMBER: return number_matches(col->v.d[r], text);
    case CODA_BOOLEAN: return col->v.b[r] == (strcmp(text, "true") == 0);
    case CODA_STRING:
        return col->v.s.len[r] == strlen(text) &&
               memcmp(col->v.s.p[r], text, col->v.s.len[r]) == 0;
    case CODA_MULTI: return multi_matches(col, r, text);
    }
    return 0;
}

/* t has nrow rows and its columns names[0..nc) hold want (row by row;
 * NULL = missing; a multi cell as its labels joined by '|'). */
void agg_expect(const coda_table *t, const char *what,
                const char *const *names, size_t nc, const char *const *want,
                size_t nrow)
{
    ck_assert_msg(t->nrow == nrow, "%s: %zu rows, expected %zu", what,
                  t->nrow, nrow);
    for (size_t j = 0; j < nc; j++) {
        const coda_column *col = &t->cols[agg_col(t, names[j])];
        for (size_t r = 0; r < nrow; r++) {
            const char *w = want[r * nc + j];
            char buf[256];
            ck_assert_msg(cell_matches(col, r, w), "%s: row %zu, column %s "
                          "is %s, expected %s", what, r + 1, names[j],
                          cell_text(col, r, buf, sizeof buf),
                          w ? w : "(missing)");
        }
    }
}
