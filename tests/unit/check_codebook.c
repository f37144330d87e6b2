/* check_codebook.c - codebooks (codebook.h, codebook_wordbound.h,
 * codebook_qdc.h, base_uuid.h): \b for Indian scripts, flags, exclude,
 * compile errors naming the code, pattern and offset, hierarchy errors,
 * checks, .qdc round trips, SHA-1 and name-based UUIDs, and out-of-memory
 * loops. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tmpdir.h"

#include "base_alloc.h"
#include "codebook.h"
#include "codebook_qdc.h"
#include "base_uuid.h"
#include "codebook_wordbound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    oom_remove();
}

/* A compiled codebook of one code with pattern and flags (and exclude). */
static coda_codebook *one_code(const char *pattern, const char *flags,
                               const char *exclude)
{
    coda_codebook *cb = coda_codebook_new();
    coda_code_row row = { "c", pattern, NULL, NULL, flags, exclude, NULL,
                          NULL, NULL, "t.csv", 2, NULL };
    coda_error err;
    ck_assert_int_eq(coda_codebook_add_row(cb, &row, &err), CODA_OK);
    ck_assert_msg(coda_codebook_compile(cb, 0, &err) == CODA_OK, "%s",
                  err.msg);
    return cb;
}

/* The 1-based start of the first match (0: none). */
static long first_at(const coda_codebook *cb, const char *text)
{
    int found;
    size_t a, b;
    coda_error err;
    ck_assert_msg(coda_codebook_first(cb, 0, text, strlen(text), &found, &a,
                                      &b, &err) == CODA_OK, "%s", err.msg);
    return found ? (long)a + 1 : 0;
}

/* --- word boundaries --------------------------------------------------- */

typedef struct bcase {
    const char *pattern, *text;
    long at;                    /* 1-based byte offset of the match, 0 none */
} bcase;

static const bcase bounds[] = {
    /* Devanagari: vowel signs are letters, so a word ends only at a space */
    { "\\bशादी\\b", "जबरन शादी की गई", 14 },
    { "\\bशादी\\b", "शादी", 1 },
    { "\\bशाद\\b", "जबरन शादी की गई", 0 },        /* ी continues the word */
    { "\\bन्दी", "हिन्दी", 0 },                     /* inside a word */
    { "न्दी\\b", "हिन्दी भाषा", 7 },
    { "\\Bन्दी", "हिन्दी", 7 },
    { "\\bकी\\b", "शादी की गई", 14 },
    { "\\bमार(?:ा|ते)\\b", "वे हमें मारते थे", 21 },
    /* Bengali */
    { "\\bপাচার\\b", "মেয়েটিকে পাচার করা হয়েছিল", 29 },
    { "\\bপাচা\\b", "পাচার", 0 },
    { "\\bকরা\\b", "পাচার করা হয়েছিল", 17 },
    { "\\bয়ে", "মেয়েটিকে", 0 },
    /* Tamil */
    { "\\bகடத்தல்\\b", "மனித கடத்தல் குற்றம்", 14 },
    /* ASCII exactly as PCRE2's own \b */
    { "\\bcat\\b", "a cat.", 3 },
    { "\\bcat\\b", "concat", 0 },
    { "\\bcat", "cat_s", 1 },
    { "cat\\b", "cat_s", 0 },
    { "\\Bat\\b", "cat", 2 },
    { "\\b9\\b", "x 9 y", 3 },
    { "\\b\\w+\\b", "  hello", 3 },
    /* not boundaries: escaped backslash, class backspace, quoted */
    { "a\\\\b", "a\\b", 1 },
    { "a[\\b]c", "a\bc", 1 },
    { "\\Qa\\b\\E", "xa\\b", 2 },
    { "[\\Q]\\b\\E]c", "bc", 1 },
    { "(?#\\b)x", "yx", 2 },
};

START_TEST(test_word_boundaries)
{
    const bcase *k = &bounds[_i];
    coda_codebook *cb = one_code(k->pattern, "c", NULL);
    ck_assert_msg(first_at(cb, k->text) == k->at, "%s in %s: got %ld, "
                  "expected %ld", k->pattern, k->text, first_at(cb, k->text),
                  k->at);
    coda_codebook_free(cb);
}
END_TEST

typedef struct rcase {
    const char *in;
    int extended;
    int changed;                /* 1: a \b was rewritten */
} rcase;

static const rcase rewrites[] = {
    { "\\bx", 0, 1 }, { "\\\\b", 0, 0 }, { "[\\b]", 0, 0 },
    { "[]\\b]", 0, 0 }, { "[^]\\b]", 0, 0 }, { "[[:alpha:]\\b]", 0, 0 },
    { "\\Q\\b\\E", 0, 0 }, { "\\Q\\b", 0, 0 }, { "(?#\\b)", 0, 0 },
    { "# [\n\\b", 1, 1 }, { "#\\b", 1, 0 }, { "#\\b", 0, 1 },
    { "\\c\\b", 0, 0 }, { "\\B", 0, 1 }, { "[a]\\b[b]", 0, 1 },
};

START_TEST(test_rewrite_cases)
{
    const rcase *k = &rewrites[_i];
    char *out;
    size_t n;
    ck_assert_int_eq(coda_wordbound_rewrite(k->in, strlen(k->in), k->extended,
                                            &out, &n), CODA_OK);
    ck_assert_uint_eq(n, strlen(out));
    ck_assert_msg((strcmp(out, k->in) != 0) == k->changed, "%s -> %s", k->in,
                  out);
    if (k->changed && strcmp(k->in, "\\B") == 0)
        ck_assert_str_eq(out, coda_wordbound_B);
    coda_free(out);
}
END_TEST

/* --- flags, exclude, errors --------------------------------------------- */

/* coda_pattern_guard: a step callout after each unbounded repeat, and
 * around each recursion or subroutine call (with its quantifier). */
static const struct {
    const char *in, *out;
    int extended;
} guards[] = {
    { "a+b*c{2,}d{2}e?", "a+(?C)b*(?C)c{2,}(?C)d{2}e?", 0 },
    { "x+?y*+", "x+?(?C)y*+(?C)", 0 },
    { "a{,3}b{2,}+c{1,2,3}", "a{,3}b{2,}+(?C)c{1,2,3}", 0 },   /* {,3}: literal */
    { "[a+]\\Q*\\E(?#+)", "[a+]\\Q*\\E(?#+)", 0 },
    { "a(?R)|b", "a(?C)(?R)(?C)|b", 0 },
    { "(a(?1)?b)", "(a(?C)(?1)?(?C)b)", 0 },
    { "(?+1)(x)(?-1){2,3}", "(?C)(?+1)(?C)(x)(?C)(?-1){2,3}(?C)", 0 },
    { "(?<n>x)(?&n)*(?P>n)", "(?<n>x)(?C)(?&n)*(?C)(?C)(?P>n)(?C)", 0 },
    { "(x)\\g<1>\\g'1'", "(x)(?C)\\g<1>(?C)(?C)\\g'1'(?C)", 0 },
    /* no calls: conditions, flags, back references, an escaped \ */
    { "(?(R)a|b)(?-i)(x)\\g{1}\\g1\\\\g<", "(?(R)a|b)(?-i)(x)\\g{1}\\g1\\\\g<", 0 },
    { "(?R) *", "(?C)(?R) *(?C)", 1 },
};

START_TEST(test_guard_cases)
{
    char *out;
    size_t n;
    const char *in = guards[_i].in;
    ck_assert_int_eq(coda_pattern_guard(in, strlen(in), guards[_i].extended,
                                        &out, &n), CODA_OK);
    ck_assert_uint_eq(n, strlen(out));
    ck_assert_str_eq(out, guards[_i].out);
    coda_free(out);
}
END_TEST

/* Recursion that backtracks without end stops at the step limit. */
START_TEST(test_recursion_bounded)
{
    coda_codebook *cb = one_code("\\||||||||||||||||||||||||(?R)||||x", NULL,
                                 NULL);
    int found;
    size_t a, b;
    coda_error err;
    ck_assert_int_eq(coda_codebook_first(cb, 0, "", 0, &found, &a, &b, &err),
                     CODA_EREGEX);
    ck_assert_ptr_nonnull(strstr(err.msg, "step limit"));
    coda_codebook_free(cb);
    /* recursion that does bounded work still matches: balanced brackets */
    cb = one_code("\\((?:[^()]|(?R))*\\)", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "f(a(b)c) (d"), 2);
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_flags)
{
    coda_codebook *cb = one_code("\\bFIR\\b", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "an fir was"), 4);     /* caseless default */
    coda_codebook_free(cb);
    cb = one_code("\\bFIR\\b", "c", NULL);
    ck_assert_int_eq(first_at(cb, "an fir was"), 0);
    ck_assert_int_eq(first_at(cb, "an FIR was"), 4);
    coda_codebook_free(cb);
    cb = one_code("beat", "w", NULL);
    ck_assert_int_eq(first_at(cb, "a beating"), 0);
    ck_assert_int_eq(first_at(cb, "a BEAT."), 3);
    coda_codebook_free(cb);
    cb = one_code("fir  # [the complaint\n | police", "x", NULL);
    ck_assert_int_eq(first_at(cb, "the police"), 5);
    coda_codebook_free(cb);
    cb = one_code("a.b", "s", NULL);
    ck_assert_int_eq(first_at(cb, "a\nb"), 1);
    coda_codebook_free(cb);
    cb = one_code("a.b", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "a\nb"), 0);
    coda_codebook_free(cb);
    cb = one_code("^b", "m", NULL);
    ck_assert_int_eq(first_at(cb, "a\nb"), 3);
    coda_codebook_free(cb);
    cb = one_code("k", NULL, NULL);                 /* caseless: KELVIN SIGN */
    ck_assert_int_eq(first_at(cb, "\xE2\x84\xAA"), 1);
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_exclude_veto)
{
    coda_codebook *cb = one_code("\\bFIR\\b", "c", "\\b[Nn]o FIR\\b");
    ck_assert_int_eq(first_at(cb, "no FIR was filed"), 0);
    ck_assert_int_eq(first_at(cb, "an FIR was filed"), 4);
    ck_assert_int_eq(first_at(cb, "an FIR. No FIR later"), 0);   /* whole unit */
    coda_codebook_free(cb);
    cb = one_code("शादी", NULL, "नहीं हुई");
    ck_assert_int_eq(first_at(cb, "शादी नहीं हुई"), 0);
    ck_assert_int_eq(first_at(cb, "शादी हुई"), 1);
    coda_codebook_free(cb);
}
END_TEST

typedef struct ecase {
    const char *pattern, *exclude;
    long offset;
    const char *msg;            /* contained in the message */
} ecase;

static const ecase compile_errors[] = {
    { "foo(bar", NULL, 7, "code \"broken\": pattern \"foo(bar\" does not "
      "compile at offset 7" },
    { "[a-", NULL, 3, "pattern \"[a-\"" },
    { "a{2,1}", NULL, 5, "offset 5" },
    { "\\bशादी(", NULL, 15, "offset 15" },
    { "ok", "(?<=a+)b", 0, "pattern \"(?<=a+)b\"" },
    { "x)", NULL, 1, "unmatched closing parenthesis" },
    /* alone they compile, but only at the start of a whole pattern */
    { "(*UTF)foo", NULL, 0, "starts with (*UTF), a start-of-pattern item" },
    { "(*LIMIT_MATCH=10)a", NULL, 0, "starts with (*LIMIT_MATCH=10), a "
      "start-of-pattern item" },
    { "ok", "(*UCP)x", 0, "pattern \"(*UCP)x\" starts with (*UCP)" },
};

START_TEST(test_compile_errors)
{
    const ecase *k = &compile_errors[_i];
    coda_codebook *cb = coda_codebook_new();
    coda_code_row ok = { "fine", "x", NULL, NULL, NULL, NULL, NULL, NULL,
                         NULL, "book.csv", 2, NULL };
    coda_code_row bad = { "broken", k->pattern, NULL, NULL, NULL, k->exclude,
                          NULL, NULL, NULL, "book.csv", 3, NULL };
    coda_error err;
    ck_assert_int_eq(coda_codebook_add_row(cb, &ok, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_add_row(cb, &bad, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_EREGEX);
    ck_assert_msg(strstr(err.msg, k->msg), "message: %s", err.msg);
    ck_assert_msg(strstr(err.msg, "broken"), "message: %s", err.msg);
    ck_assert_int_eq(err.offset, k->offset);
    ck_assert_str_eq(err.file, "book.csv");
    ck_assert_int_eq(err.line, 3);
    /* lenient: the code keeps its error, the others compile */
    ck_assert_int_eq(coda_codebook_compile(cb, 1, &err), CODA_OK);
    coda_code_info in;
    coda_codebook_info(cb, 1, &in);
    ck_assert_ptr_nonnull(in.error);
    ck_assert_ptr_nonnull(strstr(in.error, "broken"));
    coda_codebook_info(cb, 0, &in);
    ck_assert_ptr_null(in.error);
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_row_errors)
{
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    coda_code_row r1 = { "a", "x", NULL, NULL, "cq", NULL, NULL, NULL, NULL,
                         "b.csv", 4, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &r1, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "code \"a\": unknown flag 'q' (flags: c i x s m w)");
    ck_assert_int_eq(err.line, 4);
    coda_code_row r2 = { "  ", "x", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                         "b.csv", 5, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &r2, &err), CODA_EARG);
    coda_code_row r3 = { "a", "x", NULL, "p", NULL, NULL, NULL, NULL, "red",
                         "b.csv", 6, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &r3, &err), CODA_EARG);
    r3.color = "#ff0000";
    ck_assert_int_eq(coda_codebook_add_row(cb, &r3, &err), CODA_OK);
    coda_code_row r4 = { "a", "y", NULL, "q", NULL, NULL, NULL, NULL, NULL,
                         "b.csv", 7, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &r4, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "two parents"));
    /* parent p has no rows: it is a category, before its child */
    ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_OK);
    ck_assert_uint_eq(coda_codebook_size(cb), 2);
    coda_code_info in;
    coda_codebook_info(cb, 0, &in);
    ck_assert_str_eq(in.name, "p");
    ck_assert_int_eq(in.category, 1);
    coda_codebook_info(cb, 1, &in);
    ck_assert_int_eq(in.parent, 0);
    coda_code_row self = { "s", "x", NULL, "s", NULL, NULL, NULL, NULL, NULL,
                           "b.csv", 8, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &self, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "code \"s\": parent \"s\" is itself");
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_parent_cycle)
{
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    coda_code_row a = { "a", "x", NULL, "b", NULL, NULL, NULL, NULL, NULL,
                        NULL, 2, NULL };
    coda_code_row b = { "b", "y", NULL, "a", NULL, NULL, NULL, NULL, NULL,
                        NULL, 3, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &a, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_add_row(cb, &b, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "cycle"));
    coda_codebook_free(cb);
}
END_TEST

/* Several rows of one code are alternatives; each keeps its own flags. */
START_TEST(test_alternatives)
{
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    coda_code_row a = { "m", "\\bशादी\\b", "marriage", NULL, NULL, NULL, NULL,
                        NULL, NULL, NULL, 2, NULL };
    coda_code_row b = { "m", "MARRIED OFF", NULL, NULL, "c", NULL, NULL, NULL,
                        NULL, NULL, 3, NULL };
    coda_code_row c = { "m", "(\\w+) wed \\1", NULL, NULL, NULL, NULL, NULL,
                        NULL, NULL, NULL, 4, NULL };
    ck_assert_int_eq(coda_codebook_add_row(cb, &a, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_add_row(cb, &b, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_add_row(cb, &c, &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_OK);
    ck_assert_uint_eq(coda_codebook_size(cb), 1);
    ck_assert_int_eq(first_at(cb, "she was married off"), 0);
    ck_assert_int_eq(first_at(cb, "she was MARRIED OFF"), 9);
    ck_assert_int_eq(first_at(cb, "उसकी शादी"), 14);
    ck_assert_int_eq(first_at(cb, "Ravi wed Ravi"), 1);   /* \1 of its row */
    ck_assert_int_eq(first_at(cb, "Ravi wed Asha"), 0);
    coda_codebook_free(cb);
}
END_TEST

/* Backtracking verbs work anywhere in a pattern, so a row may start with
 * one (unlike a start-of-pattern item such as (*UTF)). */
START_TEST(test_verbs_at_start)
{
    coda_codebook *cb = one_code("(*FAIL)|fir", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "no FIR"), 4);
    coda_codebook_free(cb);
    cb = one_code("(*MARK:m)fir", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "an FIR"), 4);
    coda_codebook_free(cb);
    cb = one_code("(*atomic:a+)b", NULL, NULL);
    ck_assert_int_eq(first_at(cb, "xaab"), 2);
    coda_codebook_free(cb);
}
END_TEST

/* --- check ---------------------------------------------------------------- */

static const char *cell(const coda_table *t, size_t c, size_t r)
{
    return t->cols[c].v.s.p[r];
}

/* The status of check for code in t, or NULL. */
static const char *status_of(const coda_table *t, const char *code,
                             const char *check, const char *detail)
{
    for (size_t r = 0; r < t->nrow; r++)
        if (!strcmp(cell(t, 0, r), code) && !strcmp(cell(t, 1, r), check) &&
            (!detail || strstr(cell(t, 3, r), detail)))
            return cell(t, 2, r);
    return NULL;
}

START_TEST(test_check)
{
    static const coda_code_row rows[] = {
        { "cat", NULL, "category", NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 2, NULL },
        { "fir", "\\bFIR\\b", NULL, "cat", "c", "\\bno FIR\\b", "an FIR was "
          "filed", "no FIR was filed", NULL, NULL, 3, NULL },
        { "beat", "\\bbeat", NULL, "cat", NULL, NULL, "they beat her",
          "a heart beat", NULL, NULL, 4, NULL },
        { "hit", "\\bbeat\\b|\\bhit\\b", NULL, NULL, NULL, NULL, "was hit",
          NULL, NULL, NULL, 5, NULL },
        { "bad", "(x", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 6, NULL },
        { "veto", "x", NULL, NULL, NULL, "x", "x", NULL, NULL, NULL, 7, NULL },
        { "empty", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 8, NULL },
        { "shadi", "\\bशादी\\b", NULL, NULL, NULL, NULL, "शादी हुई", "शादीशुदा",
          NULL, NULL, 9, NULL },
    };
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    for (size_t i = 0; i < NELEM(rows); i++)
        ck_assert_int_eq(coda_codebook_add_row(cb, &rows[i], &err), CODA_OK);
    ck_assert_int_eq(coda_codebook_compile(cb, 1, &err), CODA_OK);
    coda_table *t;
    ck_assert_int_eq(coda_codebook_check(cb, NULL, &t, &err), CODA_OK);
    ck_assert_str_eq(status_of(t, "fir", "compile", NULL), "ok");
    ck_assert_str_eq(status_of(t, "fir", "example", NULL), "ok");
    ck_assert_str_eq(status_of(t, "fir", "counterexample", NULL), "ok");
    ck_assert_str_eq(status_of(t, "beat", "counterexample", NULL), "fail");
    ck_assert_str_eq(status_of(t, "bad", "compile", NULL), "fail");
    ck_assert_str_eq(status_of(t, "veto", "example", NULL), "fail");
    ck_assert_str_eq(status_of(t, "empty", "never", NULL), "fail");
    ck_assert_str_eq(status_of(t, "cat", "never", NULL), "ok");
    ck_assert_str_eq(status_of(t, "beat", "overlap", "\"hit\""), "warn");
    ck_assert_ptr_null(status_of(t, "hit", "overlap", NULL));
    ck_assert_str_eq(status_of(t, "shadi", "example", NULL), "ok");
    ck_assert_str_eq(status_of(t, "shadi", "counterexample", NULL), "ok");
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* --- reading, .qdc, uuid ------------------------------------------------- */

START_TEST(test_read_csv)
{
    char dir[64], path[256];
    tmp_make(dir);
    tmp_write(tmp_path(path, dir, "cb.csv"),
              "code,pattern,parent,description\n"
              "top,,,The top\n"
              "a,\\bx\\b,top,An x\n"
              "a,\\by\\b,,\n");
    coda_codebook *cb;
    coda_error err;
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_OK);
    ck_assert_uint_eq(coda_codebook_size(cb), 2);
    coda_code_info in;
    coda_codebook_info(cb, 1, &in);
    ck_assert_str_eq(in.name, "a");
    ck_assert_int_eq(in.parent, 0);
    ck_assert_uint_eq(in.nrows, 2);
    ck_assert_str_eq(in.description, "An x");
    char buf[64];
    ck_assert_uint_eq(coda_codebook_path(cb, 1, buf, sizeof buf), 5);
    ck_assert_str_eq(buf, "top/a");
    ck_assert_uint_eq(coda_codebook_path(cb, 1, buf, 3), 5);
    ck_assert_str_eq(buf, "to");
    coda_codebook_free(cb);
    tmp_write(path, "code,regex\na,x\n");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "code and pattern"));
    tmp_write(path, "code,pattern\na,x\nb,(y\n");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_EREGEX);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.offset, 2);
    /* rows name their own first line: descriptions over several lines and
     * blank lines come before */
    tmp_write(path, "code,pattern,description\na,x,\"one\ntwo\n\nthree\"\n"
                    "\n\nb,(y,\"\"\n");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_EREGEX);
    ck_assert_int_eq(err.line, 8);
    coda_code_row row;
    tmp_write(path, "code,pattern,description\na,x,\"one\ntwo\"\nb,y,\n");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_OK);
    coda_codebook_row(cb, 1, 0, &row);
    ck_assert_str_eq(row.code, "b");
    ck_assert_int_eq(row.line, 4);
    ck_assert_uint_eq(coda_codebook_nwarnings(cb), 0);
    coda_codebook_free(cb);
    /* names in another case are read; notes is the memo; columns coda
     * does not read are named in warnings, with the column meant when it
     * is near */
    tmp_write(path, "Code,PATTERN,Description,exl,examples,colour,desc,notes,"
                    "xy\na,x,An x,y,z,c,d,n,q\n");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_OK);
    coda_code_info info;
    coda_codebook_info(cb, 0, &info);
    ck_assert_str_eq(info.name, "a");
    ck_assert_str_eq(info.description, "An x");
    ck_assert_str_eq(info.memo, "n");
    static const char *const warned[][2] = {
        { "exl", "exclude" }, { "examples", "example" }, { "colour", "color" },
        { "desc", "description" }, { "xy", NULL } };
    ck_assert_uint_eq(coda_codebook_nwarnings(cb), 5);
    for (size_t w = 0; w < 5; w++) {
        char want[120];
        const char *msg = coda_codebook_warning(cb, w);
        snprintf(want, sizeof want, "column \"%s\" is not one coda reads and "
                 "is ignored", warned[w][0]);
        ck_assert_ptr_nonnull(strstr(msg, want));
        snprintf(want, sizeof want, "(did you mean \"%s\"?)",
                 warned[w][1] ? warned[w][1] : "");
        ck_assert_int_eq(strstr(msg, want) != NULL, warned[w][1] != NULL);
        ck_assert_int_eq(strstr(msg, "did you mean") != NULL,
                         warned[w][1] != NULL);
    }
    ck_assert_ptr_null(coda_codebook_warning(cb, 5));
    coda_table *t = NULL;
    ck_assert_int_eq(coda_codebook_check(cb, NULL, &t, &err), CODA_OK);
    ck_assert_str_eq(t->cols[0].v.s.p[0], "");
    ck_assert_str_eq(t->cols[1].v.s.p[0], "column");
    ck_assert_str_eq(t->cols[2].v.s.p[0], "warn");
    coda_table_free(t);
    coda_codebook_free(cb);
    tmp_remove(dir);
}
END_TEST

static void slurp(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = '\0';
    fclose(fp);
}

START_TEST(test_qdc_round_trip)
{
    char dir[64], csv[256], q1[256], q2[256];
    static char a[8192], b[8192];
    tmp_make(dir);
    tmp_write(tmp_path(csv, dir, "cb.csv"),
              "code,pattern,parent,description,flags,exclude,example,color\n"
              "top,,,Top <&> \"level\",,,,#aabbcc\n"
              "fir,\\bFIR\\b,top,\"Line 1\nLine 2\",c,\\bno FIR\\b,an FIR,\n"
              "fir,\"a\nb\",,,x,,,\n"
              "शादी,\\bशादी\\b,top,,,,,\n");
    coda_codebook *cb, *back;
    coda_error err;
    ck_assert_int_eq(coda_codebook_read(csv, 0, &cb, &err), CODA_OK);
    ck_assert_int_eq(coda_qdc_write(cb, tmp_path(q1, dir, "a.qdc"), &err),
                     CODA_OK);
    ck_assert_int_eq(coda_codebook_read(q1, 0, &back, &err), CODA_OK);
    ck_assert_int_eq(coda_qdc_write(back, tmp_path(q2, dir, "b.qdc"), &err),
                     CODA_OK);
    slurp(q1, a, sizeof a);
    slurp(q2, b, sizeof b);
    ck_assert_str_eq(a, b);
    ck_assert_ptr_nonnull(strstr(a, "xmlns=\"urn:QDA-XML:codebook:1.0\""));
    ck_assert_uint_eq(coda_codebook_size(back), 3);
    for (size_t i = 0; i < 3; i++) {
        coda_code_info x, y;
        coda_codebook_info(cb, i, &x);
        coda_codebook_info(back, i, &y);
        ck_assert_str_eq(x.name, y.name);
        ck_assert_str_eq(x.description, y.description);
        ck_assert_str_eq(x.color, y.color);
        ck_assert_int_eq(x.parent, y.parent);
        ck_assert_uint_eq(x.nrows, y.nrows);
        for (size_t j = 0; j < x.nrows; j++) {
            coda_code_row r, s;
            coda_codebook_row(cb, i, j, &r);
            coda_codebook_row(back, i, j, &s);
            ck_assert_str_eq(r.pattern, s.pattern);
            ck_assert_str_eq(r.flags, s.flags);
            ck_assert_str_eq(r.exclude, s.exclude);
            ck_assert_str_eq(r.example, s.example);
        }
    }
    coda_codebook_free(cb);
    coda_codebook_free(back);
    tmp_remove(dir);
}
END_TEST

START_TEST(test_qdc_namespaces)
{
    static const char *const docs[] = {
        ("<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes><Code guid=\"x\" "
         "name=\"a\" isCodable=\"true\"><Description>coda-pattern: x"
         "</Description><Code name=\"b\" isCodable=\"true\"/></Code></Codes>"
         "</CodeBook>"),
        ("<Project xmlns=\"urn:QDA-XML:project:1.0\"><CodeBook><Codes><Code "
         "name=\"a\" isCodable=\"true\"><Code name=\"b\" isCodable=\"true\"/>"
         "</Code></Codes></CodeBook></Project>"),
        ("<CodeBook><Codes><Code name=\"a\"><Code name=\"b\"/></Code>"
         "</Codes></CodeBook>"),
    };
    char dir[64], path[256];
    tmp_make(dir);
    for (size_t i = 0; i < NELEM(docs); i++) {
        coda_codebook *cb;
        coda_error err;
        tmp_write(tmp_path(path, dir, "x.qdc"), docs[i]);
        ck_assert_msg(coda_codebook_read(path, 0, &cb, &err) == CODA_OK,
                      "doc %zu: %s", i, err.msg);
        ck_assert_uint_eq(coda_codebook_size(cb), 2);
        coda_code_info in;
        coda_codebook_info(cb, 1, &in);
        ck_assert_str_eq(in.name, "b");
        ck_assert_int_eq(in.parent, 0);
        coda_codebook_free(cb);
    }
    coda_codebook *cb;
    coda_error err;
    tmp_write(path, "<CodeBook><Codes>");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_EPARSE);
    tmp_write(path, "<Other xmlns=\"urn:x\"/>");
    ck_assert_int_eq(coda_codebook_read(path, 0, &cb, &err), CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "REFI-QDA"));
    tmp_remove(dir);
}
END_TEST

START_TEST(test_sha1_uuid)
{
    uint8_t d[20];
    char hex[41];
    coda_sha1("abc", 3, d);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    ck_assert_str_eq(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
    static const char *const million =
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    coda_sha1(million, strlen(million), d);
    for (int i = 0; i < 20; i++)
        snprintf(hex + 2 * i, 3, "%02x", d[i]);
    ck_assert_str_eq(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    coda_sha1_hex("abc", 3, hex);           /* the same digests as text */
    ck_assert_str_eq(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
    coda_sha1_hex(million, strlen(million), hex);
    ck_assert_str_eq(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    static const uint8_t url_ns[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad,
                                        0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0,
                                        0x4f, 0xd4, 0x30, 0xc8 };
    char u[37];
    coda_uuid5(url_ns, "urn:coda:codebook", 17, u);
    ck_assert_str_eq(u, "87643262-40fa-5a93-835c-e9c3beb368d5");
    coda_uuid5(coda_uuid_ns_codebook, "violence/forced_marriage", 24, u);
    ck_assert_str_eq(u, "efe1ee6e-c7ee-5395-ba9e-a49c2ef4b29c");
}
END_TEST

/* --- out of memory ------------------------------------------------------- */

static coda_status oom_compile(void *ctx, coda_error *err)
{
    (void)ctx;
    static const coda_code_row rows[] = {
        { "a", "\\bशादी\\b|marr(?:y|ied)", "d", NULL, NULL, "\\bno\\b", "x",
          NULL, NULL, NULL, 2, NULL },
        { "a", "wed", NULL, NULL, "cw", NULL, NULL, NULL, NULL,
          NULL, 3, NULL },
        { "b", "\\bFIR\\b", NULL, "a", "c", NULL, NULL, NULL, "#fff",
          NULL, 4, NULL },
    };
    coda_codebook *cb = coda_codebook_new();
    if (!cb)
        return coda_error_nomem(err);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < NELEM(rows) && st == CODA_OK; i++)
        st = coda_codebook_add_row(cb, &rows[i], err);
    if (st == CODA_OK)
        st = coda_codebook_compile(cb, 0, err);
    coda_table *t = NULL;
    if (st == CODA_OK)
        st = coda_codebook_check(cb, NULL, &t, err);
    coda_table_free(t);
    coda_codebook_free(cb);
    return st;
}

START_TEST(test_compile_out_of_memory)
{
    oom_loop(oom_compile, NULL, 0);
    oom_loop(oom_compile, NULL, 1);
}
END_TEST

/* Reading a CSV codebook (rows over several lines, a column warned of, a
 * memo). */
static coda_status oom_read(void *path, coda_error *err)
{
    coda_codebook *cb = NULL;
    coda_status st = coda_codebook_read(path, 0, &cb, err);
    if (st == CODA_OK) {
        coda_code_info info;
        coda_codebook_info(cb, 0, &info);
        ck_assert_str_eq(info.memo, "n");
        ck_assert_uint_eq(coda_codebook_nwarnings(cb), 1);
        coda_codebook_free(cb);
    }
    return st;
}

START_TEST(test_read_out_of_memory)
{
    char dir[64], path[256];
    tmp_make(dir);
    tmp_write(tmp_path(path, dir, "cb.csv"),
              "code,pattern,Description,exl,notes\n"
              "a,\\bx\\b,\"one\ntwo\",e,n\nb,y|z,,,\n");
    oom_loop(oom_read, path, 0);
    oom_loop(oom_read, path, 1);
    tmp_remove(dir);
}
END_TEST

Suite *codebook_suite(void)
{
    Suite *s = suite_create("codebook");
    TCase *tc = tcase_create("codebook");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_word_boundaries, 0, NELEM(bounds));
    tcase_add_loop_test(tc, test_rewrite_cases, 0, NELEM(rewrites));
    tcase_add_test(tc, test_flags);
    tcase_add_test(tc, test_exclude_veto);
    tcase_add_loop_test(tc, test_compile_errors, 0, NELEM(compile_errors));
    tcase_add_test(tc, test_row_errors);
    tcase_add_test(tc, test_parent_cycle);
    tcase_add_test(tc, test_alternatives);
    tcase_add_test(tc, test_verbs_at_start);
    tcase_add_loop_test(tc, test_guard_cases, 0,
                        sizeof guards / sizeof guards[0]);
    tcase_add_test(tc, test_recursion_bounded);
    tcase_add_test(tc, test_check);
    tcase_add_test(tc, test_read_csv);
    tcase_add_test(tc, test_qdc_round_trip);
    tcase_add_test(tc, test_qdc_namespaces);
    tcase_add_test(tc, test_sha1_uuid);
    tcase_add_test(tc, test_compile_out_of_memory);
    tcase_add_test(tc, test_read_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
