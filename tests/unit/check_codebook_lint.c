/* check_codebook_lint.c - what a codebook gets wrong though it compiles
 * (codebook_lint.c): patterns that can match the empty string, spaces flag
 * x takes out, parents that look misspelt, as read warnings and as check
 * rows; and the memo a codebook keeps of each code (CSV and .qdc). */
#include "suites.h"
#include "harness/tmpdir.h"

#include "codebook.h"
#include "codebook_qdc.h"

#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static coda_codebook *read_csv(const char *csv)
{
    coda_codebook *cb = NULL;
    coda_error err;
    ck_assert_msg(coda_codebook_read_mem(csv, strlen(csv), "cb.csv", 1, &cb,
                                         &err) == CODA_OK, "%s", err.msg);
    return cb;
}

/* The status and detail of check `check` of code, as "status: detail", or
 * "" when the check has no row for it. */
static void check_row(const coda_codebook *cb, const char *code,
                      const char *check, char *buf, size_t size)
{
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_codebook_check(cb, NULL, &t, &err), CODA_OK);
    buf[0] = '\0';
    for (size_t r = 0; r < t->nrow; r++)
        if (!strcmp(t->cols[0].v.s.p[r], code) &&
            !strcmp(t->cols[1].v.s.p[r], check))
            snprintf(buf, size, "%s: %s", t->cols[2].v.s.p[r],
                     t->cols[3].v.s.p[r]);
    coda_table_free(t);
}

/* --- patterns ------------------------------------------------------------ */

typedef struct lint_case {
    const char *pattern, *flags, *exclude;
    const char *check, *want;   /* want: "status: detail", "" for no row */
} lint_case;

#define EMPTY_TAIL " can match the empty string (as \"a|\", \"x*\" or a " \
                   "lone lookaround can), and coding takes no empty match: " \
                   "write what the code must find"

static const lint_case patterns[] = {
    { "police|", "", "", "empty", "fail: pattern \"police|\"" EMPTY_TAIL },
    { "|police", "", "", "empty", "fail: pattern \"|police\"" EMPTY_TAIL },
    { "x*", "", "", "empty", "fail: pattern \"x*\"" EMPTY_TAIL },
    { "()", "", "", "empty", "fail: pattern \"()\"" EMPTY_TAIL },
    { ".*", "", "", "empty", "fail: pattern \".*\"" EMPTY_TAIL },
    { "(?=.*police)", "", "", "empty",
      "fail: pattern \"(?=.*police)\"" EMPTY_TAIL },
    { "\\b", "", "", "empty", "fail: pattern \"\\b\"" EMPTY_TAIL },
    { "x*", "w", "", "empty", "fail: pattern \"x*\"" EMPTY_TAIL },
    { "fir", "", "no|", "empty", "fail: exclude \"no|\"" EMPTY_TAIL },
    { "police", "", "", "empty", "" },
    { "\\w+", "", "", "empty", "" },
    { "(a)\\1", "", "", "empty", "" },
    { "ab\\Kc", "", "", "empty", "" },
    { "a(*ACCEPT)b", "", "", "empty", "" },
    { "(?:x|y)?z", "", "", "empty", "" },
    { "tin shed", "x", "", "spaces", "warn: flag x ignores the space in "
      "\"tin shed\" (it matches \"tinshed\"); write \"tin\\ shed\" or "
      "\"tin\\s+shed\"" },
    { "\\btin  shed\\b", "x", "", "spaces", "warn: flag x ignores the space "
      "in \"tin  shed\" (it matches \"tinshed\"); write \"tin\\ shed\" or "
      "\"tin\\s+shed\"" },
    { "सहायता केंद्र", "x", "", "spaces", "warn: flag x ignores the space in "
      "\"सहायता केंद्र\" (it matches \"सहायताकेंद्र\"); write \"सहायता\\ केंद्र\" or "
      "\"सहायता\\s+केंद्र\"" },
    { "fir", "x", "no fir", "spaces", "warn: flag x ignores the space in the "
      "exclude's \"no fir\" (it matches \"nofir\"); write \"no\\ fir\" or "
      "\"no\\s+fir\"" },
    { "tin shed", "", "", "spaces", "" },
    { "tin\\ shed", "x", "", "spaces", "" },
    { "tin\\s+shed", "x", "", "spaces", "" },
    { "(?: tin | shed )", "x", "", "spaces", "" },
    { "[a b]c", "x", "", "spaces", "" },
    { "\\Qtin shed\\E", "x", "", "spaces", "" },
    { "\\d \\d", "x", "", "spaces", "" },
    { "tin # a comment\n", "x", "", "spaces", "" },
};

START_TEST(test_pattern_lint)
{
    const lint_case *c = &patterns[_i];
    char csv[512], got[1024];
    snprintf(csv, sizeof csv, "code,pattern,flags,exclude\n"
             "k,\"%s\",%s,\"%s\"\n", c->pattern, c->flags, c->exclude);
    coda_codebook *cb = read_csv(csv);
    check_row(cb, "k", c->check, got, sizeof got);
    ck_assert_str_eq(got, c->want);
    /* the same finding is a warning of the codebook as read */
    char want[1100];
    snprintf(want, sizeof want, "code \"k\" (line 2): %s",
             c->want + (c->want[0] ? 6 : 0));
    size_t n = coda_codebook_nwarnings(cb);
    ck_assert_uint_eq(n, c->want[0] != '\0');
    if (n)
        ck_assert_str_eq(coda_codebook_warning(cb, 0), want);
    coda_codebook_free(cb);
}
END_TEST

/* --- parents ------------------------------------------------------------- */

typedef struct parent_case {
    const char *csv, *code, *want;
} parent_case;

#define NO_OTHER " is not a code of the codebook and no other code names " \
                 "it (a misspelling? give it a row of its own to make it a " \
                 "category)"

static const parent_case parents[] = {
    /* one edit from a code with rows */
    { "work,\\bwork\\b,\nwage_theft,\\bunpaid\\b,wrok\n", "wage_theft",
      "fail: parent \"wrok\" is not a code of the codebook; did you mean "
      "\"work\"?" },
    /* in another case than the code meant */
    { "work,,\nWork.wages,\\bwages\\b,Work\n", "Work.wages",
      "fail: parent \"Work\" is not a code of the codebook; did you mean "
      "\"work\"?" },
    /* one edit from a parent more codes name */
    { "socio.a,a,socio\nsocio.b,b,socio\nsoico.c,c,soico\n", "soico.c",
      "fail: parent \"soico\" is not a code of the codebook; did you mean "
      "\"socio\"?" },
    { "socio.a,a,socio\nsocio.b,b,socio\nsoico.c,c,soico\n", "socio.a", "" },
    /* named by one code only, which is not named after it */
    { "stray,\\bstray\\b,misc\n", "stray", "fail: parent \"misc\"" NO_OTHER },
    /* categories their children make: fine */
    { "beat,\\bbeat\\b,violence\nrape,\\brape\\b,violence\n", "beat", "" },
    { "forms.labour,\\blabour\\b,forms\n", "forms.labour", "" },
    { "cat,,\nx,\\bx\\b,cat\n", "x", "" },
    /* a series, not a slip; a short name, too short to guess from */
    { "wave2,\\bw2\\b,\nwave1.a,\\bw1\\b,wave1\n", "wave1.a", "" },
    { "ac,\\bac\\b,\nab.x,\\bx\\b,ab\n", "ab.x", "" },
};

START_TEST(test_parent_lint)
{
    const parent_case *c = &parents[_i];
    char csv[512], got[1024];
    snprintf(csv, sizeof csv, "code,pattern,parent\n%s", c->csv);
    coda_codebook *cb = read_csv(csv);
    check_row(cb, c->code, "parent", got, sizeof got);
    ck_assert_str_eq(got, c->want);
    coda_codebook_free(cb);
}
END_TEST

/* The study's codebooks name their categories through their children
 * ("emerging.prev" above "emerging.prev.street_theatre"): no finding. */
START_TEST(test_study_codebooks_have_no_lint)
{
    static const char *const books[] = {
        "../../datasets/aht2020/codebooks/fgd.csv",
        "../../datasets/aht2020/codebooks/org.csv",
    };
    for (size_t b = 0; b < NELEM(books); b++) {
        coda_codebook *cb = NULL;
        coda_error err;
        ck_assert_msg(coda_codebook_read(books[b], 0, &cb, &err) == CODA_OK,
                      "%s", err.msg);
        ck_assert_msg(coda_codebook_nwarnings(cb) == 0, "%s: %s", books[b],
                      coda_codebook_warning(cb, 0));
        coda_codebook_free(cb);
    }
}
END_TEST

/* --- memos --------------------------------------------------------------- */

START_TEST(test_memo)
{
    coda_codebook *cb = read_csv(
        "code,pattern,memo\n"
        "debt,\\bdebt\\b,\"Added after FGD 3; \"\"advance\"\" too?\"\n"
        "debt,\\badvance\\b,Asha: check with the team\n"
        "debt,\\bloan\\b,\"Added after FGD 3; \"\"advance\"\" too?\"\n"
        "fir,\\bFIR\\b,\n");
    coda_code_info in;
    coda_codebook_info(cb, 0, &in);
    ck_assert_str_eq(in.memo, "Added after FGD 3; \"advance\" too?\n"
                              "Asha: check with the team");
    coda_codebook_info(cb, 1, &in);
    ck_assert_str_eq(in.memo, "");
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_codebook_table(cb, &t, &err), CODA_OK);
    ck_assert_str_eq(t->cols[5].name, "memo");
    ck_assert_int_eq(coda_is_missing(&t->cols[5], 1), 1);
    coda_table_free(t);
    /* through a .qdc file and back */
    char dir[64], path[256];
    tmp_make(dir);
    tmp_path(path, dir, "cb.qdc");
    ck_assert_int_eq(coda_qdc_write(cb, path, &err), CODA_OK);
    coda_codebook *back = NULL;
    ck_assert_int_eq(coda_codebook_read(path, 0, &back, &err), CODA_OK);
    coda_codebook_info(back, 0, &in);
    ck_assert_str_eq(in.memo, "Added after FGD 3; \"advance\" too?\n"
                              "Asha: check with the team");
    ck_assert_str_eq(in.description, "");
    ck_assert_uint_eq(in.nrows, 3);
    coda_codebook_free(back);
    tmp_remove(dir);
    coda_codebook_free(cb);
    /* "notes" is the memo when there is no "memo" column */
    cb = read_csv("code,pattern,notes\nfir,\\bFIR\\b,a police complaint\n");
    coda_codebook_info(cb, 0, &in);
    ck_assert_str_eq(in.memo, "a police complaint");
    ck_assert_uint_eq(coda_codebook_nwarnings(cb), 0);
    coda_codebook_free(cb);
    cb = read_csv("code,pattern,memo,notes\nfir,\\bFIR\\b,m,n\n");
    coda_codebook_info(cb, 0, &in);
    ck_assert_str_eq(in.memo, "m");
    ck_assert_str_eq(coda_codebook_warning(cb, 0), "column \"notes\" is not "
                     "one coda reads and is ignored");
    coda_codebook_free(cb);
}
END_TEST

Suite *codebook_lint_suite(void)
{
    Suite *s = suite_create("codebook_lint");
    TCase *tc = tcase_create("codebook_lint");
    tcase_add_loop_test(tc, test_pattern_lint, 0, NELEM(patterns));
    tcase_add_loop_test(tc, test_parent_lint, 0, NELEM(parents));
    tcase_add_test(tc, test_study_codebooks_have_no_lint);
    tcase_add_test(tc, test_memo);
    suite_add_tcase(s, tc);
    return s;
}
