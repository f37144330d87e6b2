/* check_fmt.c - analysts' files (fmt.h): dates as files store them, levels
 * and labels of columns (table_meta.h), and the readers and writers under
 * failing allocations. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tmpdir.h"

#include "fmt.h"
#include "fmt_date.h"
#include "group.h"

#include <string.h>

static const char *date(int kind, double v)
{
    static char buf[32];
    if (fmt_date_text(kind, v, buf) == 0)
        strcpy(buf, "(none)");
    return buf;
}

/* Known days: Excel's DATE(2020,1,15) is 43845; 2020-01-15 is 21929 days
 * after 1960-01-01 and 13798425600 seconds after 1582-10-14. */
START_TEST(dates_by_their_epochs)
{
    ck_assert_str_eq(date(FMT_DATE_EXCEL, 43845), "2020-01-15");
    ck_assert_str_eq(date(FMT_DATE_EXCEL, 1), "1900-01-01");
    ck_assert_str_eq(date(FMT_DATE_EXCEL, 59), "1900-02-28");
    ck_assert_str_eq(date(FMT_DATE_EXCEL, 61), "1900-03-01");
    ck_assert_str_eq(date(FMT_DATE_EXCEL_TIME, 43845.5729166667),
                     "2020-01-15 13:45:00");
    ck_assert_str_eq(date(FMT_DATE_DAYS_1960, 0), "1960-01-01");
    ck_assert_str_eq(date(FMT_DATE_DAYS_1960, 21929), "2020-01-15");
    ck_assert_str_eq(date(FMT_DATE_DAYS_1960, -1), "1959-12-31");
    ck_assert_str_eq(date(FMT_DATE_MS_1960, 21929.0 * 86400000 + 1000),
                     "2020-01-15 00:00:01");
    ck_assert_str_eq(date(FMT_DATE_SECS_1582, 13798425600.0), "2020-01-15");
    ck_assert_str_eq(date(FMT_DATE_SECS_1582, 0), "1582-10-14");
    ck_assert_str_eq(date(FMT_DATE_DAYS_1960, 1e12), "(none)");
    ck_assert_str_eq(date(FMT_DATE_DAYS_1960, 0.0 / 0.0), "(none)");
}
END_TEST

START_TEST(date_formats)
{
    static const struct {
        int spss;
        const char *format;
        fmt_date kind;
    } cases[] = {
        { 1, "DATE11", FMT_DATE_SECS_1582 },
        { 1, "ADATE10", FMT_DATE_SECS_1582 },
        { 1, "DATETIME20", FMT_DATE_SECS_1582_TIME },
        { 1, "TIME8", FMT_DATE_NONE },
        { 1, "F8.2", FMT_DATE_NONE },
        { 0, "%td", FMT_DATE_DAYS_1960 },
        { 0, "%tdDD/NN/CCYY", FMT_DATE_DAYS_1960 },
        { 0, "%tc", FMT_DATE_MS_1960 },
        { 0, "%9.0g", FMT_DATE_NONE },
        { 0, "DATE9", FMT_DATE_DAYS_1960 },
        { 0, "YYMMDD10", FMT_DATE_DAYS_1960 },
        { 0, "DATETIME", FMT_DATE_SECS_1960 },
        { 0, "BEST12", FMT_DATE_NONE },
        { 0, "", FMT_DATE_NONE },
        { 0, NULL, FMT_DATE_NONE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        ck_assert_msg(fmt_date_kind(cases[i].spss, cases[i].format) ==
                          cases[i].kind,
                      "%s", cases[i].format ? cases[i].format : "NULL");
}
END_TEST

/* A one-column string table of values (NULL: missing). */
static coda_table *strings(const char *const *v, size_t n)
{
    coda_table *t;
    ck_assert_int_eq(coda_table_create(n, 1, &t), CODA_OK);
    ck_assert_int_eq(coda_table_init_column(t, 0, "risk", CODA_STRING),
                     CODA_OK);
    for (size_t r = 0; r < n; r++)
        ck_assert_int_eq(v[r] ? coda_table_set_string(t, 0, r, v[r],
                                                      strlen(v[r]))
                              : coda_table_set_missing(t, 0, r),
                         CODA_OK);
    return t;
}

START_TEST(levels_order_comparisons)
{
    const char *v[] = { "High", "Low", NULL, "Medium" };
    const char *lv[] = { "Low", "Medium", "High" };
    size_t len[] = { 3, 6, 4 };
    coda_table *t = strings(v, 4);
    const coda_column *c = &t->cols[0];
    ck_assert_int_lt(coda_value_cmp(c, 0, 1), 0);   /* bytewise: H < L */
    coda_error err;
    ck_assert_int_eq(coda_table_set_levels(t, 0, lv, len, 3, &err), CODA_OK);
    ck_assert_int_gt(coda_value_cmp(c, 0, 1), 0);   /* High after Low */
    ck_assert_int_gt(coda_value_cmp(c, 0, 3), 0);
    ck_assert_int_lt(coda_value_cmp(c, 0, 2), 0);   /* missing last */
    ck_assert_int_eq(coda_level_of(c, 3), 1);
    ck_assert_int_eq(coda_level_of(c, 2), -1);
    size_t rows[] = { 3, 0 };
    coda_table *sub;
    ck_assert_int_eq(coda_table_take(t, rows, 2, &sub), CODA_OK);
    ck_assert_ptr_eq(sub->cols[0].meta, c->meta);   /* shared */
    ck_assert_int_eq(c->meta->refs, 2);
    coda_table_free(sub);
    ck_assert_int_eq(c->meta->refs, 1);
    coda_table_free(t);
}
END_TEST

START_TEST(levels_refused)
{
    const char *v[] = { "a", "b" };
    const char *lv[] = { "a", "a", "b" };
    size_t len[] = { 1, 1, 1 };
    coda_table *t = strings(v, 2);
    coda_error err;
    ck_assert_int_eq(coda_table_set_levels(t, 0, lv + 1, len, 1, &err),
                     CODA_EARG);
    ck_assert_str_eq(err.msg, "levels: value \"b\" of column \"risk\" (row 2) "
                              "is not among the levels given");
    ck_assert_int_eq(coda_table_set_levels(t, 0, lv, len, 3, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "levels: \"a\" is given twice");
    ck_assert_ptr_null(t->cols[0].meta);
    coda_table_free(t);
}
END_TEST

static coda_status read_sav(void *ctx, coda_error *err)
{
    coda_table *t = NULL;
    coda_status st = coda_stat_read(ctx, CODA_FMT_SAV, &t, err);
    coda_table_free(t);
    return st;
}

static coda_status read_xlsx(void *ctx, coda_error *err)
{
    coda_table *t = NULL;
    coda_xlsx_opts o = { NULL, 0, 1 };
    coda_status st = coda_xlsx_read(ctx, &o, &t, err);
    coda_table_free(t);
    return st;
}

START_TEST(readers_out_of_memory)
{
    oom_loop(read_sav, "../fixtures/formats/survey.sav", 0);
    oom_loop(read_xlsx, "../fixtures/formats/survey.xlsx", 1);
}
END_TEST

typedef struct wctx {
    const coda_table *t;
    const char *path;
} wctx;

static coda_status write_both(void *ctx, coda_error *err)
{
    const wctx *w = ctx;
    coda_xlsx_sheet s = { "s", w->t, NULL, NULL, 0 };
    coda_status st = coda_stat_write(w->t, w->path, CODA_FMT_SAV, err);
    return st == CODA_OK ? coda_xlsx_write(w->path, &s, 1, err) : st;
}

START_TEST(writers_out_of_memory)
{
    coda_table *t;
    coda_error err;
    char dir[64], path[256];
    ck_assert_int_eq(coda_stat_read("../fixtures/formats/survey.sav",
                                    CODA_FMT_SAV, &t, &err), CODA_OK);
    tmp_make(dir);
    wctx w = { t, tmp_path(path, dir, "out") };
    oom_loop(write_both, &w, 0);
    ck_assert_int_eq(tmp_count(dir, "out.tmp"), 0);
    tmp_remove(dir);
    coda_table_free(t);
}
END_TEST

Suite *fmt_suite(void)
{
    Suite *s = suite_create("fmt");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, dates_by_their_epochs);
    tcase_add_test(tc, date_formats);
    tcase_add_test(tc, levels_order_comparisons);
    tcase_add_test(tc, levels_refused);
    tcase_add_test(tc, readers_out_of_memory);
    tcase_add_test(tc, writers_out_of_memory);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return s;
}
