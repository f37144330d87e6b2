/* check_writers.c - JSON records and Markdown tables (writers.h), compared
 * byte for byte: escaping, missing and non-finite values, multi arrays,
 * alignment, half-up rounding, the constant base line, JSON lines, HTML
 * escaping, and the files. */
#include "harness/keep.h"
#include "suites.h"
#include "harness/tabcmp.h"
#include "harness/tmpdir.h"

#include "writers.h"

#include <math.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    test_teardown();
}

/* What the writers give, gathered in one buffer. */
static char out[8192];
static size_t outlen;

static void to_buffer(void *ud, const char *s, size_t len)
{
    (void)ud;
    ck_assert_uint_lt(outlen + len, sizeof out);
    memcpy(out + outlen, s, len);
    outlen += len;
    out[outlen] = '\0';
}

static const char *json(const coda_table *t)
{
    outlen = 0;
    out[0] = '\0';
    coda_json_records(t, to_buffer, NULL);
    ck_assert_uint_eq(strlen(out), outlen); /* no NUL inside */
    return out;
}

static const char *markdown(const coda_table *t, int digits)
{
    outlen = 0;
    out[0] = '\0';
    coda_markdown(t, digits, to_buffer, NULL);
    return out;
}

/* --- JSON ------------------------------------------------------------------ */

static const xtab x_json = { 5, {
    { "i", CODA_INTEGER, { "1", NULL, "-7", "0", "9007199254740993" } },
    { "d", CODA_NUMBER, { "1.5", "nan", "inf", "0.1", "1e300" } },
    { "s", CODA_STRING, { "say \"hi\"\\", "tab\there\nnl\r", "\x01\x1f \xC3\xA9",
                          NULL, "" } },
    { "b", CODA_BOOLEAN, { "true", "false", NULL, "true", "false" } },
    { "m", CODA_MULTI, { "a|b\"q", "", NULL, "a", "" } } } };

START_TEST(test_json_records)
{
    static const char want[] =
        "[\n"
        "  {\"i\": 1, \"d\": 1.5, \"s\": \"say \\\"hi\\\"\\\\\", \"b\": true, "
        "\"m\": [\"a\", \"b\\\"q\"]},\n"
        "  {\"i\": null, \"d\": null, \"s\": \"tab\\there\\nnl\\r\", \"b\": false, "
        "\"m\": []},\n"
        "  {\"i\": -7, \"d\": null, \"s\": \"\\u0001\\u001f \xC3\xA9\", \"b\": null, "
        "\"m\": null},\n"
        "  {\"i\": 0, \"d\": 0.1, \"s\": null, \"b\": true, \"m\": [\"a\"]},\n"
        "  {\"i\": 9007199254740993, \"d\": 1e+300, \"s\": \"\", \"b\": false, "
        "\"m\": []}\n"
        "]\n";
    coda_table *t = keep_table(xtab_build(&x_json));
    ck_assert_str_eq(json(t), want);
}
END_TEST

/* Numbers in their shortest round-trip form; -inf is null too. */
START_TEST(test_json_numbers)
{
    static const xtab x = { 6, { { "v", CODA_NUMBER,
        { "0.30000000000000004", "100", "-2.5e-8", "-inf", "123456789012345678",
          "1e-320" } } } };
    static const char want[] =
        "[\n  {\"v\": 0.30000000000000004},\n  {\"v\": 100},\n"
        "  {\"v\": -2.5e-08},\n  {\"v\": null},\n"
        "  {\"v\": 1.2345678901234568e+17},\n  {\"v\": 9.99988867182683e-321}\n]\n";
    ck_assert_str_eq(json(keep_table(xtab_build(&x))), want);
}
END_TEST

START_TEST(test_json_names_and_empty)
{
    static const xtab x = { 1, { { "we\"ird\\\n", CODA_INTEGER, { "1" } } } };
    coda_table *t = keep_table(xtab_build(&x));
    ck_assert_str_eq(json(t), "[\n  {\"we\\\"ird\\\\\\n\": 1}\n]\n");
    coda_table *e;
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &e), CODA_OK);
    ck_assert_str_eq(json(keep_table(e)), "[]\n");
}
END_TEST

/* JSON lines: the same values as the records, compact, a line a row. */
START_TEST(test_jsonl)
{
    static const xtab x = { 2, {
        { "doc", CODA_STRING, { "d\"1", "d2" } },
        { "unit", CODA_INTEGER, { "3", "4" } },
        { "speaker", CODA_STRING, { NULL, "R\x01" } } } };
    outlen = 0;
    out[0] = '\0';
    coda_jsonl(keep_table(xtab_build(&x)), to_buffer, NULL);
    ck_assert_str_eq(out, "{\"doc\":\"d\\\"1\",\"unit\":3,\"speaker\":null}\n"
                          "{\"doc\":\"d2\",\"unit\":4,\"speaker\":\"R\\u0001\"}\n");
}
END_TEST

START_TEST(test_html_escape)
{
    static const char in[] = "<a href=\"x\">Tom's & \x01\x7F\t\n</script>";
    outlen = 0;
    out[0] = '\0';
    coda_html_escape(in, sizeof in - 1, to_buffer, NULL);
    ck_assert_str_eq(out, "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; "
                          "&#xFFFD;&#xFFFD;\t\n&lt;/script&gt;");
}
END_TEST

/* Element text: quotes stay as they are, the rest as coda_html_escape. */
START_TEST(test_html_escape_text)
{
    static const char in[] = "<a href=\"x\">Tom's & \x01\x7F\t\n</script>";
    outlen = 0;
    out[0] = '\0';
    coda_html_escape_text(in, sizeof in - 1, to_buffer, NULL);
    ck_assert_str_eq(out, "&lt;a href=\"x\"&gt;Tom's &amp; "
                          "&#xFFFD;&#xFFFD;\t\n&lt;/script&gt;");
}
END_TEST

/* --- Markdown -------------------------------------------------------------- */

static const xtab x_md = { 4, {
    { "value", CODA_STRING, { "prevention", "a|b", "x\ny", NULL } },
    { "count", CODA_INTEGER, { "7", "12", "0", "3" } },
    { "base", CODA_INTEGER, { "11", "11", "11", "11" } },
    { "pct", CODA_NUMBER, { "63.65", "109.0909", "0.05", NULL } } } };

/* The constant base becomes a line under the table; numbers right-aligned
 * and rounded half up; "|" escaped, a line break as <br>. */
START_TEST(test_markdown_constant_base)
{
    static const char want[] =
        "| value      | count | pct   |\n"
        "| ---------- | ----: | ----: |\n"
        "| prevention |     7 |  63.7 |\n"
        "| a\\|b       |    12 | 109.1 |\n"
        "| x<br>y     |     0 |   0.1 |\n"
        "|            |     3 |       |\n"
        "\nBase: n = 11\n";
    ck_assert_str_eq(markdown(keep_table(xtab_build(&x_md)), 1), want);
}
END_TEST

START_TEST(test_markdown_digits)
{
    static const char want0[] =
        "| value      | count | pct |\n"
        "| ---------- | ----: | --: |\n"
        "| prevention |     7 |  64 |\n"
        "| a\\|b       |    12 | 109 |\n"
        "| x<br>y     |     0 |   0 |\n"
        "|            |     3 |     |\n"
        "\nBase: n = 11\n";
    static const char want3[] =
        "| value      | count | pct     |\n"
        "| ---------- | ----: | ------: |\n"
        "| prevention |     7 |  63.650 |\n"
        "| a\\|b       |    12 | 109.091 |\n"
        "| x<br>y     |     0 |   0.050 |\n"
        "|            |     3 |         |\n"
        "\nBase: n = 11\n";
    coda_table *t = keep_table(xtab_build(&x_md));
    ck_assert_str_eq(markdown(t, 0), want0);
    ck_assert_str_eq(markdown(t, 3), want3);
    ck_assert_str_eq(markdown(t, -4), want0); /* clamped */
}
END_TEST

/* A base that varies, or has a missing value, stays a column. */
START_TEST(test_markdown_varying_base)
{
    static const xtab x = { 2, {
        { "v", CODA_BOOLEAN, { "true", "false" } },
        { "base", CODA_INTEGER, { "5", "6" } } } };
    static const xtab xm = { 2, {
        { "v", CODA_BOOLEAN, { "true", "false" } },
        { "base", CODA_INTEGER, { "5", NULL } } } };
    static const char want[] =
        "| v     | base |\n"
        "| ----- | ---: |\n"
        "| true  |    5 |\n"
        "| false |    6 |\n";
    static const char wantm[] =
        "| v     | base |\n"
        "| ----- | ---: |\n"
        "| true  |    5 |\n"
        "| false |      |\n";
    ck_assert_str_eq(markdown(keep_table(xtab_build(&x)), 1), want);
    ck_assert_str_eq(markdown(keep_table(xtab_build(&xm)), 1), wantm);
}
END_TEST

/* Multi cells joined with "; "; widths count characters, not bytes. */
START_TEST(test_markdown_multi_and_utf8)
{
    static const xtab x = { 3, {
        { "m", CODA_MULTI, { "caf\xC3\xA9|x", "", NULL } },
        { "s", CODA_STRING, { "\xC3\xA9t\xC3\xA9", "ab", "\xE0\xA4\x95" } } } };
    static const char want[] =
        "| m       | s   |\n"
        "| ------- | --- |\n"
        "| caf\xC3\xA9; x | \xC3\xA9t\xC3\xA9 |\n"
        "|         | ab  |\n"
        "|         | \xE0\xA4\x95   |\n";
    ck_assert_str_eq(markdown(keep_table(xtab_build(&x)), 1), want);
}
END_TEST

/* A column name holding "|" is escaped and the header lines up with the
 * rows under it. */
START_TEST(test_markdown_escaped_header)
{
    static const xtab x = { 1, { { "a|b", CODA_STRING, { "x" } } } };
    static const char want[] =
        "| a\\|b |\n"
        "| ---- |\n"
        "| x    |\n";
    ck_assert_str_eq(markdown(keep_table(xtab_build(&x)), 1), want);
}
END_TEST

START_TEST(test_markdown_empty)
{
    coda_table *t = keep_table(xtab_build(&x_md)), *e;
    ck_assert_int_eq(coda_table_take(t, NULL, 0, &e), CODA_OK);
    static const char want[] =
        "| value | count | base | pct |\n"
        "| ----- | ----: | ---: | --: |\n";
    ck_assert_str_eq(markdown(keep_table(e), 1), want);
}
END_TEST

/* --- files ----------------------------------------------------------------- */

START_TEST(test_write_files)
{
    char dir[64], path[256], bad[256];
    tmp_make(dir);
    coda_table *t = keep_table(xtab_build(&x_json));
    coda_error err;
    ck_assert_int_eq(coda_json_write(t, tmp_path(path, dir, "t.json"), &err),
                     CODA_OK);
    const char *j = json(t);
    ck_assert(tmp_holds(path, j, strlen(j)));
    coda_table *m = keep_table(xtab_build(&x_md));
    ck_assert_int_eq(coda_markdown_write(m, 1, tmp_path(path, dir, "t.md"), &err),
                     CODA_OK);
    const char *md = markdown(m, 1);
    ck_assert(tmp_holds(path, md, strlen(md)));
    /* a folder that does not exist: CODA_EIO naming the path, nothing left */
    tmp_path(bad, dir, "no/such/t.json");
    ck_assert_int_eq(coda_json_write(t, bad, &err), CODA_EIO);
    ck_assert(strstr(err.msg, "no/such") || strstr(err.file, "no/such"));
    ck_assert_int_eq(coda_markdown_write(m, 1, bad, &err), CODA_EIO);
    ck_assert_int_eq(tmp_count(dir, ""), 4); /* t.json, t.md, ".", ".." */
    tmp_remove(dir);
}
END_TEST

Suite *writers_suite(void)
{
    Suite *s = suite_create("writers");
    TCase *tc = tcase_create("writers");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_json_records);
    tcase_add_test(tc, test_json_numbers);
    tcase_add_test(tc, test_json_names_and_empty);
    tcase_add_test(tc, test_jsonl);
    tcase_add_test(tc, test_html_escape);
    tcase_add_test(tc, test_html_escape_text);
    tcase_add_test(tc, test_markdown_constant_base);
    tcase_add_test(tc, test_markdown_digits);
    tcase_add_test(tc, test_markdown_varying_base);
    tcase_add_test(tc, test_markdown_multi_and_utf8);
    tcase_add_test(tc, test_markdown_escaped_header);
    tcase_add_test(tc, test_markdown_empty);
    tcase_add_test(tc, test_write_files);
    suite_add_tcase(s, tc);
    return s;
}
