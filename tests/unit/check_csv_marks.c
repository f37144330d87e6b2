/* check_csv_marks.c - numbers with a decimal comma and thousands marks,
 * one field at a time, and a European file (';' between fields, "1.234,5")
 * loaded at every block size and with columns' own missing values. */
#include "suites.h"
#include "harness/tabcmp.h"

#include "csv_io.h"

#include <stdlib.h>

#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in;
    char dec, sep;
    const char *out;            /* NULL: not a number so written */
} marks[] = {
    { "1.234,5", ',', '.', "1234.5" },
    { "12.345.678,9", ',', '.', "12345678.9" },
    { "-1.000", ',', '.', "-1000" },
    { "1.000.000", ',', '.', "1000000" },
    { "0,125", ',', '.', "0.125" },
    { "999", ',', '.', "999" },
    { "1.23", ',', '.', NULL },          /* a group of two */
    { "1.2345", ',', '.', NULL },        /* a group of four */
    { "1234.567", ',', '.', NULL },      /* a first group of four */
    { ".123", ',', '.', NULL },          /* an empty first group */
    { "1,5", ',', 0, "1.5" },
    { "1.5", ',', 0, NULL },             /* a '.' that is no mark */
    { "1,234.5", '.', ',', "1234.5" },
    { "1 234,5", ',', ' ', "1234.5" },
    { "1'234'567", '.', '\'', "1234567" },
    { "1,5e3", ',', '.', "1.5e3" },
    { "1.234,5.6", ',', '.', NULL },     /* a mark after the fraction */
};

/* The field alone in a column: a number, or text when it is not one. */
START_TEST(test_local_number)
{
    char data[64];
    int n = snprintf(data, sizeof data, "v\n\"%s\"\n", marks[_i].in);
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.delim = ';';
    o.decimal = marks[_i].dec;
    o.thousands = marks[_i].sep;
    o.types = (const coda_type[]){ CODA_NUMBER };
    o.type_cols = (const char *const[]){ "v" };
    o.ntypes = 1;
    coda_table *t = NULL;
    coda_error err;
    coda_status st = coda_csv_load_mem(data, (size_t)n, "m.csv", &o, &t, &err);
    if (!marks[_i].out) {
        ck_assert_msg(st == CODA_ETYPE, "%s: read as a number", marks[_i].in);
    } else {
        ck_assert_msg(st == CODA_OK, "%s: %s", marks[_i].in, err.msg);
        ck_assert_msg(t->cols[0].v.d[0] == strtod(marks[_i].out, NULL),
                      "%s: got %.17g", marks[_i].in, t->cols[0].v.d[0]);
    }
    coda_table_free(t);
}
END_TEST

static const char *const age_na[] = { "-99", "" };
static const char *const all_na[] = { "NA" };

static void european_opts(coda_csv_opts *o, const coda_csv_na *cn)
{
    coda_csv_opts_init(o);
    o->delim = ';';
    o->decimal = ',';
    o->thousands = '.';
    o->na = all_na;
    o->nna = 1;
    o->col_na = cn;
    o->ncol_na = 1;
}

/* The file's own values: income and weight numbers, age with -99 and NA
 * missing, note text ("7,5" in quotes stays text beside "a;b" and "x"). */
START_TEST(test_european_every_block)
{
    char data[512];
    FILE *f = fopen("../fixtures/csv/european.csv", "rb");
    ck_assert_ptr_nonnull(f);
    size_t len = fread(data, 1, sizeof data, f);
    fclose(f);
    coda_csv_na cn = { "age", age_na, 2 };
    for (size_t block = 1; block <= len; block++) {
        coda_csv_opts o;
        european_opts(&o, &cn);
        o.block = block;
        coda_table *t = NULL;
        coda_error err;
        ck_assert_int_eq(coda_csv_load_mem(data, len, "eu.csv", &o, &t, &err),
                         CODA_OK);
        const coda_column *inc = &t->cols[2], *w = &t->cols[3], *age = &t->cols[4];
        ck_assert_int_eq(inc->type, CODA_NUMBER);
        ck_assert(inc->v.d[0] == 1234.5 && inc->v.d[1] == 12345678.9 &&
                  inc->v.d[2] == 999 && inc->v.d[3] == -0.5 &&
                  inc->v.d[4] == 1e6);
        ck_assert(w->v.d[0] == 0.5 && w->v.d[1] == 1.25 && w->v.d[3] == 1000 &&
                  w->v.d[4] == 0.125);
        ck_assert_int_eq(age->type, CODA_INTEGER);
        ck_assert(!coda_is_missing(age, 0) && age->v.i[0] == 34);
        ck_assert(coda_is_missing(age, 1) && coda_is_missing(age, 2) &&
                  coda_is_missing(age, 3) && age->v.i[4] == 41);
        ck_assert_int_eq(t->cols[5].type, CODA_STRING);
        ck_assert_str_eq(t->cols[5].v.s.p[3], "7,5");
        coda_table_free(t);
    }
}
END_TEST

START_TEST(test_marks_clash)
{
    static const char data[] = "a;b\n1,5;2\n";
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.delim = ',';
    o.decimal = ',';
    coda_table *t = NULL;
    coda_error err;
    ck_assert_int_eq(coda_csv_load_mem(data, sizeof data - 1, "m.csv", &o, &t,
                                       &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "the decimal mark and the separator are both ','");
    ck_assert_ptr_null(t);
}
END_TEST

START_TEST(test_na_names_no_column)
{
    static const char data[] = "age;b\n1;2\n";
    coda_csv_na cn = { "agee", age_na, 2 };
    coda_csv_opts o;
    european_opts(&o, &cn);
    coda_table *t = NULL;
    coda_error err;
    ck_assert_int_eq(coda_csv_load_mem(data, sizeof data - 1, "m.csv", &o, &t,
                                       &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "option na names column \"agee\", which the "
                     "header does not have (did you mean \"age\"?)");
}
END_TEST

Suite *csv_marks_suite(void)
{
    Suite *s = suite_create("csv_marks");
    TCase *tc = tcase_create("marks");
    tcase_add_loop_test(tc, test_local_number, 0, NELEM(marks));
    tcase_add_test(tc, test_european_every_block);
    tcase_add_test(tc, test_marks_clash);
    tcase_add_test(tc, test_na_names_no_column);
    suite_add_tcase(s, tc);
    return s;
}
