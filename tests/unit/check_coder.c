/* check_coder.c - coding a corpus (coder.h): hand-counted matches with
 * their offsets, overlaps, the order of segments, the exclude veto, speaker
 * and code selection, the same result on 1, 2 or 3 threads and with or
 * without the prefilter and the ASCII compile, a catastrophic pattern that
 * must fail fast, the summaries of segments, and out-of-memory loops. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "codebook.h"
#include "coder.h"
#include "corpus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    oom_remove();
}

/* A codebook of rows, compiled (lenient: codes that fail are kept). */
static coda_codebook *book_as(const coda_code_row *rows, size_t n,
                              int lenient)
{
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    for (size_t i = 0; i < n; i++)
        ck_assert_int_eq(coda_codebook_add_row(cb, &rows[i], &err), CODA_OK);
    ck_assert_msg(coda_codebook_compile(cb, lenient, &err) == CODA_OK, "%s",
                  err.msg);
    return cb;
}

static coda_codebook *book(const coda_code_row *rows, size_t n)
{
    return book_as(rows, n, 0);
}

static coda_table *corpus(const char *const *ids, const char *const *texts,
                          size_t n, coda_unit_kind unit)
{
    size_t lens[64];
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = unit;
    for (size_t i = 0; i < n; i++)
        lens[i] = strlen(texts[i]);
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_corpus_split(ids, texts, lens, n, "mem", &o, &t,
                                       &err), CODA_OK);
    return t;
}

/* Row r of the segments as "doc unit speaker code start stop match". */
static void seg_row(const coda_table *s, size_t r, char *buf, size_t size)
{
    snprintf(buf, size, "%s %lld %s %s %lld %lld %s", s->cols[0].v.s.p[r],
             (long long)s->cols[1].v.i[r], coda_is_missing(&s->cols[2], r) ?
             "-" : s->cols[2].v.s.p[r], s->cols[3].v.s.p[r],
             (long long)s->cols[4].v.i[r], (long long)s->cols[5].v.i[r],
             s->cols[6].v.s.p[r]);
}

static void expect_segments(const coda_table *s, const char *const *want,
                            size_t n)
{
    char buf[512];
    static const char *const names[] = { "doc", "unit", "speaker", "code",
                                         "start", "stop", "match" };
    ck_assert_uint_eq(s->ncol, 7);
    for (size_t c = 0; c < 7; c++)
        ck_assert_str_eq(s->cols[c].name, names[c]);
    for (size_t r = 0; r < s->nrow && r < n; r++) {
        seg_row(s, r, buf, sizeof buf);
        ck_assert_str_eq(buf, want[r]);
    }
    ck_assert_uint_eq(s->nrow, n);
}

static const coda_code_row fgd_rows[] = {
    { "beat", "\\bbeat\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 2, NULL },
    { "loan", "\\bloans?\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 3, NULL },
    { "fir", "\\bFIR\\b", NULL, NULL, "c", "\\bNo FIR\\b", NULL, NULL, NULL,
      NULL, 4, NULL },
    { "shadi", "\\bशादी\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 5, NULL },
    { "took", "took a loan", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 6, NULL },
};

static const char *const fgd_ids[] = { "d1", "d2" };
static const char *const fgd_texts[] = {
    "I: Did they beat you?\nR1: They beat me and took a loan. No FIR. A "
    "second loan!\nR2: An FIR was filed. शादी हुई।",
    "R1: nothing here\nI: BEAT? Loans?",
};

START_TEST(test_hand_counted)
{
    static const char *const want[] = {
        "d1 1 I beat 10 13 beat",
        "d1 2 R1 beat 6 9 beat",
        "d1 2 R1 took 18 28 took a loan",       /* overlaps loan: both kept */
        "d1 2 R1 loan 25 28 loan",
        "d1 2 R1 loan 48 51 loan",
        "d1 3 R2 fir 4 6 FIR",                  /* unit 2's FIR is vetoed */
        "d1 3 R2 shadi 19 30 शादी",
        "d2 2 I beat 1 4 BEAT",
        "d2 2 I loan 7 11 Loans",
    };
    coda_codebook *cb = book(fgd_rows, NELEM(fgd_rows));
    coda_table *t = corpus(fgd_ids, fgd_texts, 2, CODA_UNIT_TURN), *s;
    coda_error err;
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_OK);
    expect_segments(s, want, NELEM(want));
    coda_table_free(s);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* The units each code matches, counted from test_hand_counted's segments:
 * beat d1/1, d1/2, d2/2; loan d1/2 (twice), d2/2; fir d1/3; shadi d1/3;
 * took d1/2.  Then a share check of them (5 units, at most half). */
START_TEST(test_units_per_code)
{
    coda_codebook *cb = book(fgd_rows, NELEM(fgd_rows));
    coda_table *t = corpus(fgd_ids, fgd_texts, 2, CODA_UNIT_TURN), *c;
    coda_error err;
    size_t units[5] = { 9, 9, 9, 9, 9 };
    ck_assert_int_eq(coda_code_units(cb, t, NULL, units, &err), CODA_OK);
    ck_assert_uint_eq(units[0], 3);
    ck_assert_uint_eq(units[1], 2);
    ck_assert_uint_eq(units[2], 1);
    ck_assert_uint_eq(units[3], 1);
    ck_assert_uint_eq(units[4], 1);
    coda_check_opts o = { units, t->nrow, 0.5 };
    ck_assert_int_eq(coda_codebook_check(cb, &o, &c, &err), CODA_OK);
    int shares = 0;
    for (size_t r = 0; r < c->nrow; r++) {
        if (strcmp(c->cols[1].v.s.p[r], "share") != 0)
            continue;
        const char *code = c->cols[0].v.s.p[r], *st = c->cols[2].v.s.p[r];
        const char *detail = c->cols[3].v.s.p[r];
        shares++;
        if (strcmp(code, "beat") == 0) {
            ck_assert_str_eq(st, "fail");
            ck_assert_str_eq(detail, "matches 3 of 5 units (60.0%), more "
                             "than the 50% a code may take: it does not "
                             "tell units apart");
        } else if (strcmp(code, "loan") == 0) {
            ck_assert_str_eq(st, "ok");
            ck_assert_str_eq(detail, "matches 2 of 5 units (40.0%)");
        } else
            ck_assert_str_eq(st, "ok");
    }
    ck_assert_int_eq(shares, 5);
    coda_table_free(c);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* A code that did not compile (a lenient compile) counts 0 units instead
 * of refusing the codebook; coding still refuses it. */
START_TEST(test_units_of_a_broken_code)
{
    static const coda_code_row rows[] = {
        { "beat", "\\bbeat\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 2, NULL },
        { "bad", "(x", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 3, NULL },
    };
    coda_codebook *cb = book_as(rows, NELEM(rows), 1);
    coda_table *t = corpus(fgd_ids, fgd_texts, 2, CODA_UNIT_TURN), *s;
    coda_error err;
    size_t units[2] = { 9, 9 };
    ck_assert_int_eq(coda_code_units(cb, t, NULL, units, &err), CODA_OK);
    ck_assert_uint_eq(units[0], 3);
    ck_assert_uint_eq(units[1], 0);
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_EARG);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* Same code: non-overlapping, leftmost first; empty matches are not
 * segments; order within a unit is start, then code order. */
START_TEST(test_overlaps_and_order)
{
    static const coda_code_row rows[] = {
        { "z", "b+", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 2, NULL },
        { "aa", "aa", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 3, NULL },
        { "a", "a", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 4, NULL },
        { "empty", "x*", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 5, NULL },
    };
    static const char *const want[] = {
        "t 1 - aa 1 2 aa", "t 1 - a 1 1 a", "t 1 - a 2 2 a",
        "t 1 - aa 3 4 aa", "t 1 - a 3 3 a", "t 1 - a 4 4 a",
        "t 1 - a 5 5 a", "t 1 - z 6 7 bb",
    };
    const char *ids[] = { "t" }, *texts[] = { "aaaaabb" };
    coda_codebook *cb = book(rows, NELEM(rows));
    coda_table *t = corpus(ids, texts, 1, CODA_UNIT_DOCUMENT), *s;
    coda_error err;
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_OK);
    expect_segments(s, want, NELEM(want));
    coda_table_free(s);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_selection)
{
    static const char *const want[] = {
        "d1 2 R1 loan 25 28 loan", "d1 2 R1 loan 48 51 loan",
        "d1 3 R2 fir 4 6 FIR",
    };
    coda_codebook *cb = book(fgd_rows, NELEM(fgd_rows));
    coda_table *t = corpus(fgd_ids, fgd_texts, 2, CODA_UNIT_TURN), *s;
    uint8_t skip[16] = { 0 }, hit[4] = { 0 };
    coda_error err;
    coda_speakers sp;
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_pick(&sp, "i", 1, hit, NULL, &err),
                     CODA_OK);
    ck_assert_uint_eq(coda_speakers_mark(&sp, hit, 0, skip), 3);
    ck_assert_int_eq(skip[0] + skip[1] + skip[2] + skip[3] + skip[4], 2);
    coda_speakers_free(&sp);
    const char *codes[] = { "fir", "loan" };
    coda_code_opts o;
    coda_code_opts_init(&o);
    o.skip = skip;
    o.codes = codes;
    o.ncodes = 2;
    ck_assert_int_eq(coda_code(cb, t, &o, &s, &err), CODA_OK);
    expect_segments(s, want, 2 + 1);
    coda_table_free(s);
    const char *unknown[] = { "nope" };
    o.codes = unknown;
    o.ncodes = 1;
    ck_assert_int_eq(coda_code(cb, t, &o, &s, &err), CODA_EARG);
    ck_assert_str_eq(err.msg, "code: no code \"nope\" in the codebook");
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* Speakers chosen by whole names, in any case, and the warning for a
 * filter that names none: hand-made corpora of known speakers. */
static const char *const spk_texts[] = {
    "I: Did they beat you?\nR1: They beat me.\nR2: An FIR.",
    "intro without a label\nR1: nothing\nI: BEAT?",
    "Interviewer: a\nसहायक: b\nRamesh: c\némile: d",
};

/* The speakers filter picks in corpus t (each of its groups: 1/0), and
 * the warnings it gives, joined by " | ". */
static void pick(const coda_table *t, const char *filter, int literal,
                 const char *want_hits, const char *want_warn)
{
    coda_speakers sp;
    coda_error err;
    coda_warnings w = { 0 };
    uint8_t hit[16] = { 0 };
    char got[16] = { 0 }, warned[1024] = { 0 };
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_pick(&sp, filter, literal, hit, &w, &err),
                     CODA_OK);
    for (size_t k = 0; k < coda_speakers_count(&sp); k++)
        got[k] = (char)('0' + hit[k]);
    for (size_t i = 0; i < w.n; i++)
        snprintf(warned + strlen(warned), sizeof warned - strlen(warned),
                 "%s%s", i ? " | " : "", w.msg[i]);
    ck_assert_str_eq(got, want_hits);
    ck_assert_str_eq(warned, want_warn);
    coda_warnings_free(&w);
    coda_speakers_free(&sp);
}

START_TEST(test_speakers_whole_names)
{
    coda_table *t = corpus(fgd_ids, spk_texts, 1, CODA_UNIT_TURN);
    /* groups in order of first appearance: I, R1, R2 */
    pick(t, "r1", 1, "010", "");
    pick(t, "R\\d", 0, "011", "");
    pick(t, "R", 0, "000", "no speaker \"R\" in the corpus: a filter "
         "matches whole names (\"R.*\" matches R1 and R2)");
    pick(t, "R", 1, "000", "no speaker \"R\" in the corpus: a filter "
         "matches whole names (R1 and R2 start with it)");
    pick(t, "^R", 0, "000", "no speaker \"^R\" in the corpus: a filter "
         "matches whole names (\"^R.*\" matches R1 and R2)");
    pick(t, "R.*", 0, "011", "");
    pick(t, "R1|R3", 0, "010", "no speaker \"R3\" in the corpus (its "
         "speakers: I, R1 and R2)");
    pick(t, "(R1|R3)", 0, "010", "");   /* inside a group: not split */
    pick(t, "R1|", 0, "010", "no speaker \"\" in the corpus (its speakers: "
         "I, R1 and R2)");
    pick(t, "(?-i)r1", 0, "000", "no speaker \"(?-i)r1\" in the corpus "
         "(its speakers: I, R1 and R2)");
    coda_speakers sp;
    coda_error err;
    uint8_t hit[4] = { 0 };
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_pick(&sp, "(", 0, hit, NULL, &err),
                     CODA_EREGEX);
    ck_assert_int_eq(err.offset, 1);
    ck_assert_str_eq(err.msg, "pattern \"(\" does not compile at offset 1: "
                     "missing closing parenthesis");
    coda_speakers_free(&sp);
    coda_table_free(t);
    t = corpus(fgd_ids, spk_texts + 2, 1, CODA_UNIT_TURN);
    /* Interviewer, सहायक, Ramesh, émile */
    pick(t, "Interviwer", 1, "0000", "no speaker \"Interviwer\" in the "
         "corpus; did you mean \"Interviewer\"?");
    pick(t, "सहयक", 0, "0000", "no speaker \"सहयक\" in the corpus; did you "
         "mean \"सहायक\"?");
    pick(t, "ÉMILE", 1, "0001", "");    /* Unicode case, as patterns */
    pick(t, "ramesh|interviewer", 0, "1010", "");
    pick(t, "R", 0, "0000", "no speaker \"R\" in the corpus: a filter "
         "matches whole names (\"R.*\" matches Ramesh)");
    pick(t, "R", 1, "0000", "no speaker \"R\" in the corpus: a filter "
         "matches whole names (Ramesh starts with it)");
    coda_table_free(t);
    /* ten speakers, listed in order, eight of them */
    static const char *const ten[] = { "S9: a\nS8: a\nS7: a\nS6: a\nS5: a\n"
                                       "S4: a\nS3: a\nS2: a\nS1: a\nS0: a" };
    t = corpus(fgd_ids, ten, 1, CODA_UNIT_TURN);
    pick(t, "Nobody", 1, "0000000000", "no speaker \"Nobody\" in the corpus "
         "(its speakers: S0, S1, S2, S3, S4, S5, S6, S7 and 2 more)");
    coda_table_free(t);
}
END_TEST

START_TEST(test_speakers_units_without_one)
{
    coda_table *t = corpus(fgd_ids, spk_texts + 1, 1, CODA_UNIT_TURN);
    coda_speakers sp;
    coda_error err;
    uint8_t hit[4] = { 0 }, skip[4] = { 0 };
    size_t len;
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_OK);
    ck_assert_uint_eq(coda_speakers_count(&sp), 3);   /* none, R1, I */
    ck_assert_ptr_null(coda_speakers_name(&sp, 0, &len));
    ck_assert_str_eq(coda_speakers_name(&sp, 1, &len), "R1");
    ck_assert_int_eq(coda_speakers_pick(&sp, "R1", 1, hit, NULL, &err),
                     CODA_OK);
    ck_assert_uint_eq(coda_speakers_mark(&sp, hit, 1, skip), 1);
    ck_assert_int_eq(skip[0] * 100 + skip[1] * 10 + skip[2], 101);
    memset(skip, 0, sizeof skip);
    ck_assert_uint_eq(coda_speakers_mark(&sp, hit, 0, skip), 2);
    ck_assert_int_eq(skip[0] * 100 + skip[1] * 10 + skip[2], 10);
    coda_speakers_free(&sp);
    coda_table_free(t);
    t = corpus(fgd_ids, spk_texts, 1, CODA_UNIT_DOCUMENT);
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_EARG);
    ck_assert_msg(strstr(err.msg, "no unit of the corpus has a speaker"),
                  "%s", err.msg);
    coda_speakers_free(&sp);
    coda_table_free(t);
    static const char *const blank[] = { "   " };
    t = corpus(fgd_ids, blank, 1, CODA_UNIT_TURN);      /* no units */
    ck_assert_uint_eq(t->nrow, 0);
    ck_assert_int_eq(coda_speakers_init(&sp, t, &err), CODA_OK);
    ck_assert_uint_eq(coda_speakers_count(&sp), 0);
    coda_speakers_free(&sp);
    coda_table_free(t);
}
END_TEST

/* The tally of speakers over batches: each speaker once, in order of first
 * appearance, units counted by hand (batch 1: I 2, R1 1; batch 2: R2 1, I
 * 1, a unit without a speaker; batch 3: document units, without one). */
START_TEST(test_speakers_tally)
{
    static const char *const ids[] = { "a", "b" };
    static const char *const one[] = { "I: q\nR1: x\nI: r" };
    static const char *const two[] = { "R2: y\nI: s", "no label" };
    coda_table *t1 = corpus(ids, one, 1, CODA_UNIT_TURN);
    coda_table *t2 = corpus(ids, two, 2, CODA_UNIT_TURN);
    coda_table *t3 = corpus(ids, one, 1, CODA_UNIT_DOCUMENT);
    coda_table *w1, *w2, *w3;
    coda_error err;
    ck_assert_int_eq(coda_speakers_tally(NULL, t1, &w1, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_tally(w1, t2, &w2, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_tally(w2, t3, &w3, &err), CODA_OK);
    ck_assert_uint_eq(w1->nrow, 2);
    ck_assert_uint_eq(w2->nrow, 4);
    ck_assert_uint_eq(w3->nrow, 4);
    static const char *const names[] = { "I", "R1", "R2", NULL };
    static const int64_t units[] = { 3, 1, 1, 2 };
    for (size_t r = 0; r < 4; r++) {
        if (names[r])
            ck_assert_str_eq(w3->cols[0].v.s.p[r], names[r]);
        else
            ck_assert(coda_is_missing(&w3->cols[0], r));
        ck_assert_int_eq(w3->cols[1].v.i[r], units[r]);
    }
    /* the tally decides as the corpus does: the same speakers */
    coda_speakers a, b;
    ck_assert_int_eq(coda_speakers_init(&a, w2, &err), CODA_OK);
    ck_assert_uint_eq(coda_speakers_count(&a), 4);
    coda_table *none;
    ck_assert_int_eq(coda_speakers_tally(NULL, t3, &none, &err), CODA_OK);
    ck_assert_int_eq(coda_speakers_init(&b, none, &err), CODA_EARG);
    coda_speakers_free(&a);
    coda_speakers_free(&b);
    coda_table_free(none);
    coda_table_free(w1);
    coda_table_free(w2);
    coda_table_free(w3);
    coda_table_free(t1);
    coda_table_free(t2);
    coda_table_free(t3);
}
END_TEST

START_TEST(test_missing_columns)
{
    coda_codebook *cb = book(fgd_rows, 1);
    coda_table *t = tb_new(1, 2), *s;
    tb_col(t, 0, "doc", CODA_STRING);
    tb_col(t, 1, "txt", CODA_STRING);
    coda_error err;
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"unit\""));
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* --- the same result every way ------------------------------------------ */

static const char *const words[] = {
    "the", "The", "THE", "loan", "Loans", "beat", "beaten", "FIR", "fir",
    "no", "No FIR", "शादी", "जबरन", "हिन्दी", "की", "গেল", "পাচার", "kite",
    "\xE2\x84\xAAite",           /* KELVIN SIGN + ite: caseless "kite" */
    "ſister", "sister", "SISTER", "well-being", "don't", "x", "\n", "\n\n",
    "R1:", "I:", ".", "।", "?", "debt", "advance", "3.5", "marry",
    "married off", "सास", "_", "é", "É",
};

static const coda_code_row varied_rows[] = {
    { "loan", "\\bloans?\\b|\\bdebt\\b", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 2, NULL },
    { "kite", "kite", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 3, NULL },
    { "sister", "\\bsister\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 4, NULL },
    { "fir", "\\bFIR\\b", NULL, NULL, "c", "\\bNo FIR\\b", NULL, NULL, NULL,
      NULL, 5, NULL },
    { "shadi", "\\bशादी\\b|जबरन", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 6, NULL },
    { "ndi", "\\Bन्दी", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 7, NULL },
    { "word", "\\b\\w{6,}\\b", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 8, NULL },
    { "e", "\\be\\p{L}*", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 9, NULL },
    { "beat", "beat", NULL, NULL, "w", NULL, NULL, NULL, NULL,
      NULL, 10, NULL },
    { "beat", "married off", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      11, NULL },
    { "pachar", "(?:পাচার|গেল)", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 12, NULL },
    { "dot", "\\d\\.\\d|[[:punct:]]{2}", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 13, NULL },
    { "the", "\\bthe\\b", NULL, NULL, NULL, "\\bwell-being\\b", NULL, NULL,
      NULL, NULL, 14, NULL },
    { "ascii_only", "\\bdon't\\b|\\bx\\b", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 15, NULL },
    /* literals inside groups and after gaps (codebook_prefilter.c) */
    { "beat_debt", "\\bbeat(?:en)?\\b[^.]{0,20}\\b(?:loans?|debt)\\b", NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, 16, NULL },
    { "kite_shadi", "(?:\\bkite|शादी)\\b", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 17, NULL },
    { "sister_cs", "\\b(?:SISTER|Loans)\\b", NULL, NULL, "c", NULL, NULL, NULL,
      NULL, NULL, 18, NULL },
};

static char *random_doc(unsigned *seed, size_t nwords)
{
    size_t cap = nwords * 16 + 1, n = 0;
    char *s = malloc(cap);
    int ascii = rand_r(seed) % 3 == 0;
    for (size_t i = 0; i < nwords; i++) {
        const char *w;
        do
            w = words[(size_t)rand_r(seed) % NELEM(words)];
        while (ascii && strspn(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
                               "QRSTUVWXYZ0123456789 \n:.?'-_") != strlen(w));
        n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? " " : "", w);
    }
    return s;
}

static coda_table *random_corpus(size_t ndocs, coda_unit_kind unit)
{
    static char idbuf[64][8];
    const char *ids[64], *texts[64];
    unsigned seed = 7;
    for (size_t i = 0; i < ndocs; i++) {
        snprintf(idbuf[i], sizeof idbuf[i], "doc%02zu", i);
        ids[i] = idbuf[i];
        texts[i] = random_doc(&seed, 50 + (size_t)rand_r(&seed) % 400);
    }
    coda_table *t = corpus(ids, texts, ndocs, unit);
    for (size_t i = 0; i < ndocs; i++)
        free((char *)(uintptr_t)texts[i]);
    return t;
}

typedef struct way {
    int threads, prefilter, ascii;
} way;

static const way ways[] = {
    { 1, 0, 0 }, { 2, 1, 1 }, { 3, 1, 1 }, { 1, 1, 0 }, { 1, 0, 1 },
    { 2, 0, 0 }, { 0, 1, 1 },
};

START_TEST(test_same_every_way)
{
    coda_codebook *cb = book(varied_rows, NELEM(varied_rows));
    coda_table *t = random_corpus(60, (coda_unit_kind)_i), *base = NULL;
    coda_error err;
    for (size_t w = 0; w < NELEM(ways); w++) {
        coda_code_opts o;
        coda_code_opts_init(&o);
        o.threads = ways[w].threads;
        o.prefilter = ways[w].prefilter;
        o.ascii = ways[w].ascii;
        coda_table *s;
        ck_assert_int_eq(coda_code(cb, t, &o, &s, &err), CODA_OK);
        if (!base) {
            base = s;
            ck_assert_uint_gt(base->nrow, 500);
            continue;
        }
        ck_assert_tables_eq(s, base);
        coda_table_free(s);
    }
    /* the KELVIN SIGN document shows the k/s guard is needed */
    size_t kelvin = 0;
    for (size_t r = 0; r < base->nrow; r++)
        kelvin += strncmp(base->cols[6].v.s.p[r], "\xE2\x84\xAA", 3) == 0;
    ck_assert_uint_gt(kelvin, 0);
    coda_table_free(base);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* Long documents are coded in windows around the codes' literals
 * (coder_window.c): the same segments as coding each whole document, for
 * matches of many shapes around the literal, near each other and at the
 * ends of the text, in mixed-script text. */
static const char *const long_words[] = {
    "loan", "Loans", "LOAN", "debt", "beat", "beaten", "12", "7", "hours",
    "3 hours", "days", "the", "The", "police", "refused", "पुलिस", "मारा",
    "मार", "काम", "কাজ", "गेल", "सास", ".", "?", "।", "\n", "\n\n", "a",
    "an", "x", "loanshark", "preloan", "debtor", "é", "ि", "-", "_",
};

static const coda_code_row window_rows[] = {
    { "loan", "\\bloans?\\b|\\bdebt\\b", NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, 2, NULL },
    { "near", "\\b\\w{0,3}loan\\w{0,5}", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 3, NULL },
    { "gap", "\\bpolice\\b[^.?!।]{0,40}\\b(?:refused|पुलिस)\\b", NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, 4, NULL },
    { "hours", "\\b(?:\\d{1,2} hours|whole day)\\b", NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, 5, NULL },
    { "hi", "\\bमार(?:ा|ी)?\\b|काम", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 6, NULL },
    { "beat", "beat(?:en)?", NULL, NULL, "w", NULL, NULL, NULL, NULL, NULL,
      7, NULL },
    { "the_x", "the.{0,12}x", NULL, NULL, "s", NULL, NULL, NULL, NULL, NULL,
      8, NULL },
    { "unbounded", "debt\\w*", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, 9, NULL },
    { "ahead", "\\ba\\b(?=.{0,30}loan)", NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, 10, NULL },
};

START_TEST(test_windows_same)
{
    static char idbuf[16][8];
    const char *ids[16], *texts[16];
    unsigned seed = 11;
    for (size_t i = 0; i < NELEM(ids); i++) {
        size_t n = 300 + (size_t)rand_r(&seed) % 3000, len = 0;
        char *t = malloc(n * 16 + 1);
        for (size_t w = 0; w < n; w++)
            len += (size_t)sprintf(t + len, "%s%s", w ? " " : "",
                                   long_words[(size_t)rand_r(&seed) %
                                              NELEM(long_words)]);
        snprintf(idbuf[i], sizeof idbuf[i], "d%02zu", i);
        ids[i] = idbuf[i];
        texts[i] = t;
    }
    coda_codebook *cb = book(window_rows, NELEM(window_rows));
    coda_table *t = corpus(ids, texts, NELEM(ids), CODA_UNIT_DOCUMENT);
    coda_table *plain, *windowed;
    coda_error err;
    coda_code_opts o;
    coda_code_opts_init(&o);
    o.threads = 1;
    ck_assert_int_eq(coda_code(cb, t, &o, &windowed, &err), CODA_OK);
    o.prefilter = 0;
    ck_assert_int_eq(coda_code(cb, t, &o, &plain, &err), CODA_OK);
    ck_assert_uint_gt(plain->nrow, 2000);
    ck_assert_tables_eq(windowed, plain);
    for (size_t i = 0; i < NELEM(ids); i++)
        free((char *)(uintptr_t)texts[i]);
    coda_table_free(plain);
    coda_table_free(windowed);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* --- limits ------------------------------------------------------------- */

START_TEST(test_catastrophic_pattern)
{
    static const coda_code_row rows[] = {
        { "fine", "a", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 2, NULL },
        { "catastrophe", "(a+)+$", NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, 3, NULL },
    };
    static char text[5002];
    memset(text, 'a', 5000);
    text[5000] = 'b';
    const char *ids[] = { "short", "long" }, *texts[] = { "b", text };
    coda_codebook *cb = book(rows, NELEM(rows));
    coda_table *t = corpus(ids, texts, 2, CODA_UNIT_DOCUMENT), *s = NULL;
    coda_error err;
    for (int threads = 1; threads <= 2; threads++) {
        coda_code_opts o;
        coda_code_opts_init(&o);
        o.threads = threads;
        /* stopped by the match limit (not by a clock: no timed test) */
        ck_assert_int_eq(coda_code(cb, t, &o, &s, &err), CODA_EREGEX);
        ck_assert_msg(strstr(err.msg, "code \"catastrophe\"") &&
                      strstr(err.msg, "document \"long\", unit 1") &&
                      strstr(err.msg, "limit"), "%s", err.msg);
    }
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

START_TEST(test_invalid_utf8_unit)
{
    coda_codebook *cb = book(fgd_rows, 1);
    coda_table *t = tb_new(1, 3), *s;
    tb_col(t, 0, "doc", CODA_STRING);
    tb_col(t, 1, "unit", CODA_INTEGER);
    tb_col(t, 2, "text", CODA_STRING);
    tb_cell(t, 0, 0, "d");
    tb_cell(t, 1, 0, "4");
    tb_cell(t, 2, 0, "beat \xC3(");
    coda_error err;
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_EUTF8);
    ck_assert_int_eq(err.offset, 5);
    ck_assert_ptr_nonnull(strstr(err.msg, "document \"d\", unit 4"));
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* --- summaries ------------------------------------------------------------ */

START_TEST(test_summaries)
{
    coda_codebook *cb = book(fgd_rows, NELEM(fgd_rows));
    const char *ids[] = { "d1", "d2", "d3" };
    const char *texts[] = { fgd_texts[0], fgd_texts[1], "R9: silence" };
    coda_table *t = corpus(ids, texts, 3, CODA_UNIT_TURN), *s, *out;
    coda_error err;
    ck_assert_int_eq(coda_code(cb, t, NULL, &s, &err), CODA_OK);
    coda_seg_opts so = { "doc", t, NULL, 0, 0 };
    ck_assert_int_eq(coda_seg_cases(s, &so, &out, &err), CODA_OK);
    xtab cases = { 3, { { "doc", CODA_STRING, { "d1", "d2", "d3" } },
                        { "codes", CODA_MULTI, { "beat|took|loan|fir|shadi",
                                                 "beat|loan", "" } } } };
    coda_table *want = xtab_build(&cases);
    ck_assert_tables_eq(out, want);
    coda_table_free(want);
    coda_table_free(out);
    so.corpus = NULL;
    ck_assert_int_eq(coda_seg_matrix(s, &so, &out, &err), CODA_OK);
    xtab m = { 2, { { "doc", CODA_STRING, { "d1", "d2" } },
                    { "beat", CODA_INTEGER, { "2", "1" } },
                    { "took", CODA_INTEGER, { "1", "0" } },
                    { "loan", CODA_INTEGER, { "2", "1" } },
                    { "fir", CODA_INTEGER, { "1", "0" } },
                    { "shadi", CODA_INTEGER, { "1", "0" } } } };
    want = xtab_build(&m);
    ck_assert_tables_eq(out, want);
    coda_table_free(want);
    coda_table_free(out);
    const char *codes[] = { "loan", "beat" };
    so.codes = codes;
    so.ncodes = 2;
    so.binary = 1;
    so.corpus = t;
    ck_assert_int_eq(coda_seg_matrix(s, &so, &out, &err), CODA_OK);
    xtab m2 = { 3, { { "doc", CODA_STRING, { "d1", "d2", "d3" } },
                     { "loan", CODA_INTEGER, { "1", "1", "0" } },
                     { "beat", CODA_INTEGER, { "1", "1", "0" } } } };
    want = xtab_build(&m2);
    ck_assert_tables_eq(out, want);
    coda_table_free(want);
    coda_table_free(out);
    coda_seg_opts none = { 0 };
    ck_assert_int_eq(coda_seg_cooccurrence(s, &none, &out, &err), CODA_OK);
    xtab co = { 4, { { "code_a", CODA_STRING, { "beat", "beat", "took",
                                                "fir" } },
                     { "code_b", CODA_STRING, { "took", "loan", "loan",
                                                "shadi" } },
                     { "units", CODA_INTEGER, { "1", "2", "1", "1" } } } };
    want = xtab_build(&co);
    ck_assert_tables_eq(out, want);
    coda_table_free(want);
    coda_table_free(out);
    /* what a table without the columns gets */
    so.by = "speaker";
    so.corpus = NULL;
    ck_assert_int_eq(coda_seg_cases(s, &so, &out, &err), CODA_OK);
    coda_table_free(out);
    so.by = "nope";
    ck_assert_int_eq(coda_seg_cases(s, &so, &out, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "cases: the segments need a string "
                                 "or integer column \"nope\""));
    ck_assert_int_eq(coda_seg_cooccurrence(t, &none, &out, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "\"code\""));
    coda_table_free(s);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

/* --- out of memory -------------------------------------------------------- */

typedef struct oom_ctx {
    const coda_codebook *cb;
    const coda_table *t;
    int threads;
} oom_ctx;

static coda_status oom_code(void *ctx, coda_error *err)
{
    oom_ctx *c = ctx;
    coda_code_opts o;
    coda_code_opts_init(&o);
    o.threads = c->threads;
    coda_table *s = NULL, *x = NULL;
    coda_status st = coda_code(c->cb, c->t, &o, &s, err);
    coda_seg_opts so = { "doc", c->t, NULL, 0, 0 };
    if (st == CODA_OK)
        st = coda_seg_cases(s, &so, &x, err);
    coda_table_free(x);
    x = NULL;
    if (st == CODA_OK)
        st = coda_seg_matrix(s, &so, &x, err);
    coda_table_free(x);
    x = NULL;
    if (st == CODA_OK)
        st = coda_seg_cooccurrence(s, &so, &x, err);
    coda_table_free(x);
    coda_table_free(s);
    return st;
}

START_TEST(test_code_out_of_memory)
{
    coda_codebook *cb = book(fgd_rows, NELEM(fgd_rows));
    coda_table *t = corpus(fgd_ids, fgd_texts, 2, CODA_UNIT_SENTENCE);
    oom_ctx c = { cb, t, _i + 1 };
    oom_loop(oom_code, &c, 0);
    oom_loop(oom_code, &c, 1);
    coda_table_free(t);
    coda_codebook_free(cb);
}
END_TEST

Suite *coder_suite(void)
{
    Suite *s = suite_create("coder");
    TCase *tc = tcase_create("coder");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_hand_counted);
    tcase_add_test(tc, test_overlaps_and_order);
    tcase_add_test(tc, test_selection);
    tcase_add_test(tc, test_units_per_code);
    tcase_add_test(tc, test_units_of_a_broken_code);
    tcase_add_test(tc, test_speakers_whole_names);
    tcase_add_test(tc, test_speakers_units_without_one);
    tcase_add_test(tc, test_missing_columns);
    tcase_add_loop_test(tc, test_same_every_way, 0, 4);
    tcase_add_test(tc, test_windows_same);
    tcase_add_test(tc, test_catastrophic_pattern);
    tcase_add_test(tc, test_invalid_utf8_unit);
    tcase_add_test(tc, test_summaries);
    tcase_add_test(tc, test_speakers_tally);
    tcase_add_loop_test(tc, test_code_out_of_memory, 0, 2);
    suite_add_tcase(s, tc);
    return s;
}
