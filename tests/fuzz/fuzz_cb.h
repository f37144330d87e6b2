/* fuzz_cb.h - what the codebook and .qdc targets do with a codebook they
 * have read: info, paths, the table of codes, the check, first matches of
 * the examples, and a .qdc export that must read back as the same
 * codebook. */
#ifndef CODA_FUZZ_CB_H
#define CODA_FUZZ_CB_H

#include "fuzz.h"

#include "codebook.h"
#include "codebook_qdc.h"

#include <libxml/parser.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    xmlInitParser();
    return 0;
}

/* Codebooks a and b have the same codes, parents, descriptions, colours
 * and rows (file and line aside). */
static void same_codebook(const coda_codebook *a, const coda_codebook *b,
                          const char *what)
{
    FZ_CHECK(coda_codebook_size(a) == coda_codebook_size(b),
             "%s: %zu codes, then %zu", what, coda_codebook_size(a),
             coda_codebook_size(b));
    for (size_t i = 0; i < coda_codebook_size(a); i++) {
        coda_code_info x, y;
        coda_codebook_info(a, i, &x);
        long k = coda_codebook_find(b, x.name);
        FZ_CHECK(k >= 0, "%s: code \"%s\" lost", what, x.name);
        coda_codebook_info(b, (size_t)k, &y);
        FZ_CHECK(strcmp(x.description, y.description) == 0,
                 "%s: code \"%s\": description \"%s\", then \"%s\"", what,
                 x.name, x.description, y.description);
        FZ_CHECK(strcmp(x.color, y.color) == 0, "%s: code \"%s\": colour",
                 what, x.name);
        FZ_CHECK(x.category == y.category, "%s: code \"%s\": category %d, "
                 "then %d", what, x.name, x.category, y.category);
        char pa[512], pb[512];
        coda_codebook_path(a, i, pa, sizeof pa);
        coda_codebook_path(b, (size_t)k, pb, sizeof pb);
        FZ_CHECK(strcmp(pa, pb) == 0, "%s: path \"%s\", then \"%s\"", what,
                 pa, pb);
        /* Rows that carry nothing are not exported. */
        size_t j2 = 0;
        for (size_t j = 0; j < x.nrows; j++) {
            coda_code_row r, s;
            coda_codebook_row(a, i, j, &r);
            if (!*r.pattern && !*r.flags && !*r.exclude && !*r.example &&
                !*r.counterexample)
                continue;
            FZ_CHECK(j2 < y.nrows, "%s: code \"%s\": row %zu lost", what,
                     x.name, j + 1);
            coda_codebook_row(b, (size_t)k, j2++, &s);
            FZ_CHECK(strcmp(r.pattern, s.pattern) == 0 &&
                     strcmp(r.flags, s.flags) == 0 &&
                     strcmp(r.exclude, s.exclude) == 0 &&
                     strcmp(r.example, s.example) == 0 &&
                     strcmp(r.counterexample, s.counterexample) == 0,
                     "%s: code \"%s\" row %zu: pattern \"%s\" flags \"%s\" "
                     "exclude \"%s\" example \"%s\" counterexample \"%s\", "
                     "then \"%s\" \"%s\" \"%s\" \"%s\" \"%s\"", what, x.name,
                     j + 1, r.pattern, r.flags, r.exclude, r.example,
                     r.counterexample, s.pattern, s.flags, s.exclude,
                     s.example, s.counterexample);
        }
    }
}

/* 1 when some text of cb holds a control character XML 1.0 cannot hold. */
static int xml_unsafe(const coda_codebook *cb)
{
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        const char *v[8] = { in.name, in.description, in.color, "", "", "",
                             "", "" };
        for (size_t j = 0; j <= in.nrows; j++) {
            if (j < in.nrows) {
                coda_code_row r;
                coda_codebook_row(cb, i, j, &r);
                v[3] = r.pattern;
                v[4] = r.flags;
                v[5] = r.exclude;
                v[6] = r.example;
                v[7] = r.counterexample;
            }
            for (int k = 0; k < 8; k++)
                for (const char *p = v[k]; *p; p++)
                    if ((unsigned char)*p < 0x20 && *p != '\t' &&
                        *p != '\n' && *p != '\r')
                        return 1;
        }
    }
    return 0;
}

/* Export cb as .qdc, read it back, compare.  A text XML cannot hold must
 * be refused (a .qdc that does not read back is no export). */
static void qdc_round_trip(const coda_codebook *cb)
{
    const char *path = fz_out_path(".qdc");
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_qdc_write(cb, path, &err);
    if (xml_unsafe(cb)) {
        FZ_CHECK(st == CODA_EARG, "qdc write of a control character: %s",
                 st == CODA_OK ? "written" : err.msg);
        FZ_CHECK(access(path, F_OK) != 0, "a refused .qdc was written");
        return;
    }
    FZ_CHECK(st == CODA_OK, "qdc write: %s", err.msg);
    coda_codebook *back = NULL;
    coda_error_clear(&err);
    st = coda_codebook_read(path, 1, &back, &err);
    unlink(path);
    FZ_CHECK(st == CODA_OK, "reading back the .qdc written: line %ld: %s",
             err.line, err.msg);
    same_codebook(cb, back, ".qdc round trip");
    coda_codebook_free(back);
}

/* First match of each example and counterexample of each code. */
static void examples(const coda_codebook *cb)
{
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        for (size_t j = 0; j < in.nrows && !in.error; j++) {
            coda_code_row r;
            coda_codebook_row(cb, i, j, &r);
            const char *t[2] = { r.example, r.counterexample };
            for (int k = 0; k < 2; k++) {
                int found = 0;
                size_t a = 0, b = 0, len = strlen(t[k]);
                coda_error err;
                coda_error_clear(&err);
                coda_status st = coda_codebook_first(cb, i, t[k], len, &found,
                                                     &a, &b, &err);
                if (st != CODA_OK)
                    fz_check_error(st, &err);
                else if (found)
                    FZ_CHECK(a < b && b <= len, "code \"%s\": match [%zu, "
                             "%zu) in %zu bytes", in.name, a, b, len);
            }
        }
    }
}

/* Everything above on cb; flags bit 1: the check and the examples, bit 2:
 * the .qdc round trip. */
static void exercise(const coda_codebook *cb, unsigned flags)
{
    coda_error err;
    coda_status st;
    char buf[256];
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info info;
        coda_codebook_info(cb, i, &info);
        size_t n = coda_codebook_path(cb, i, buf, sizeof buf);
        FZ_CHECK(strlen(buf) == (n < sizeof buf ? n : sizeof buf - 1),
                 "path length %zu for \"%s\"", n, buf);
        FZ_CHECK(coda_codebook_find(cb, info.name) == (long)i,
                 "find(\"%s\") is not %zu", info.name, i);
        FZ_CHECK(info.parent < (long)coda_codebook_size(cb), "parent %ld",
                 info.parent);
    }
    coda_table *t = NULL;
    coda_error_clear(&err);
    st = coda_codebook_table(cb, &t, &err);
    FZ_CHECK(st == CODA_OK, "table: %s", err.msg);
    fz_walk(t);
    coda_table_free(t);
    if (flags & 2) {
        t = NULL;
        coda_error_clear(&err);
        st = coda_codebook_check(cb, NULL, &t, &err);
        if (st == CODA_OK)
            fz_walk(t);
        else
            fz_check_error(st, &err);
        coda_table_free(t);
        examples(cb);
    }
    if (flags & 4)
        qdc_round_trip(cb);
}

/* The whole of a codebook-reading target: the option byte, the rest
 * written to a scratch file with suffix (".csv" or ".qdc": the reader
 * chooses the format by it), read, and exercised. */
static inline int fz_codebook_target(const uint8_t *data, size_t size,
                                     const char *suffix)
{
    fz_in in = { data, size };
    unsigned flags = fz_byte(&in);
    const char *path = fz_scratch(suffix, in.p, in.n);
    coda_codebook *cb = NULL;
    coda_error err;
    coda_error_clear(&err);
    coda_status st = coda_codebook_read(path, flags & 1, &cb, &err);
    if (st != CODA_OK) {
        fz_check_error(st, &err);
        FZ_CHECK(cb == NULL, "a codebook despite %s", err.msg);
        return 0;
    }
    exercise(cb, flags);
    coda_codebook_free(cb);
    return 0;
}

#endif
