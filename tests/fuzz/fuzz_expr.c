/* fuzz_expr.c - the expression language of mutate on arbitrary text over a
 * fixed table of every column type (missing values in each; 1100 rows
 * with bit 0, so evaluation crosses a block): compiling twice gives the
 * same outcome; an error has a message, and a compile error's offset lies
 * in the text; a compiled expression evaluates to a column of its type
 * with a row for each row, or fails only on a pattern's match limit.
 *
 * Input: 1 option byte (bit 0 a long table), then the expression. */
#include "fuzz.h"

#include "expr.h"

/* x integer, y number, s string, b boolean, d date text, m multi. */
static coda_table *make_table(size_t nrow)
{
    static const char *const words[] = { "Assam", " b ", "", "नमस्ते", "2024-02-29",
                                         "1999-13-01", "x,y" };
    coda_table *t = NULL;
    size_t c;
    FZ_CHECK(coda_table_create(nrow, 0, &t) == CODA_OK, "create");
    const char *names[] = { "x", "y", "s", "b", "d", "m" };
    const coda_type types[] = { CODA_INTEGER, CODA_NUMBER, CODA_STRING,
                                CODA_BOOLEAN, CODA_STRING, CODA_MULTI };
    for (int k = 0; k < 6; k++)
        FZ_CHECK(coda_table_add_column(t, names[k], types[k], &c) == CODA_OK,
                 "column");
    uint32_t ids[2];
    coda_labels_intern(t->cols[5].v.m.labels, "rescue", 6, &ids[0]);
    coda_labels_intern(t->cols[5].v.m.labels, "prevention", 10, &ids[1]);
    for (size_t r = 0; r < nrow; r++) {
        t->cols[0].v.i[r] = (int64_t)r * 7 - 20 + (r == 3 ? INT64_MAX - 10 : 0);
        t->cols[1].v.d[r] = r % 5 == 2 ? 0.0 : (double)r / 3 - 4.5;
        t->cols[3].v.b[r] = r % 3 == 0;
        coda_table_set_string(t, 2, r, words[r % 7], strlen(words[r % 7]));
        coda_table_set_string(t, 4, r, words[(r + 4) % 7], strlen(words[(r + 4) % 7]));
        coda_table_set_multi(t, 5, r, ids, r % 3);
        for (int k = 0; k < 6; k++)
            if ((r + (size_t)k) % 11 == 0)
                coda_table_set_missing(t, (size_t)k, r);
    }
    return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned opt = fz_byte(&in);
    char *src = malloc(in.n + 1);
    FZ_CHECK(src != NULL, "malloc");
    memcpy(src, in.p, in.n);
    src[in.n] = '\0';   /* a NUL inside ends the text, as a C string does */
    coda_table *t = make_table(opt & 1 ? 1100 : 23);
    coda_expr *e1 = NULL, *e2 = NULL;
    coda_error err1, err2;
    coda_status s1 = coda_expr_compile(src, t, &e1, &err1);
    coda_status s2 = coda_expr_compile(src, t, &e2, &err2);
    FZ_CHECK(s1 == s2, "compiled twice: %d then %d", s1, s2);
    if (s1 != CODA_OK) {
        FZ_CHECK(e1 == NULL && err1.msg[0], "an error without a message");
        FZ_CHECK(strcmp(err1.msg, err2.msg) == 0, "two messages");
        FZ_CHECK(s1 == CODA_ENOMEM || (err1.offset >= 0 &&
                 (size_t)err1.offset <= strlen(src)), "offset %ld", err1.offset);
    } else {
        coda_type ty = coda_expr_type(e1);
        const char *name = "z";
        coda_table *o = NULL;
        coda_error err;
        coda_status st = coda_mutate(t, &name, (const char *const *)&src, 1,
                                     &o, &err);
        FZ_CHECK(st == CODA_OK || st == CODA_EREGEX, "mutate: %s", err.msg);
        if (st == CODA_OK) {
            FZ_CHECK(o->nrow == t->nrow && o->ncol == 7, "shape");
            FZ_CHECK(o->cols[6].type == ty, "type %d, compiled %d",
                     o->cols[6].type, ty);
        }
        coda_table_free(o);
    }
    coda_expr_free(e1);
    coda_expr_free(e2);
    coda_table_free(t);
    free(src);
    return 0;
}
