/* check_corpus.c - splitting transcripts into units (corpus.h): each unit
 * kind, the danda, turns with continuation lines, labels that are not
 * labels, the label shapes of each format with their times, subtitles,
 * invalid UTF-8 with its offset or replaced, folders, metadata, and
 * out-of-memory loops. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tmpdir.h"

#include "base_alloc.h"
#include "corpus_int.h"

#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    oom_remove();
}

/* The units of text, written "speaker|text" (speaker "-" when none) and
 * joined by "\n". */
typedef struct collect {
    const char *text;
    char out[2048];
} collect;

static coda_status on_unit(void *ud, const coda_unit *u)
{
    collect *c = ud;
    size_t n = strlen(c->out);
    snprintf(c->out + n, sizeof c->out - n, "%s%.*s|%.*s", n ? "\n" : "",
             u->has_speaker ? (int)u->spk_len : 1,
             u->has_speaker ? c->text + u->spk_start : "-", (int)u->len,
             c->text + u->start);
    return CODA_OK;
}

typedef struct ucase {
    coda_unit_kind kind;
    const char *text, *want;
} ucase;

static const ucase units[] = {
    { CODA_UNIT_DOCUMENT, "  one\n\ntwo  \n", "-|one\n\ntwo" },
    { CODA_UNIT_DOCUMENT, " \n\t\n", "" },
    { CODA_UNIT_PARAGRAPH, "a b\nc\n\n\n  d\n \t \ne", "-|a b\nc\n-|d\n-|e" },
    { CODA_UNIT_PARAGRAPH, "\n\nx\n", "-|x" },
    /* turns: labels, continuation lines (also after a blank line) */
    { CODA_UNIT_TURN, "Moderator: Hello.\nR1: I was\nsold.\n\nThen I ran.\n"
      "R2:\nnext line", "Moderator|Hello.\nR1|I was\nsold.\n\nThen I ran.\n"
      "R2|next line" },
    { CODA_UNIT_TURN, "intro text\nR1: hi", "-|intro text\nR1|hi" },
    { CODA_UNIT_TURN, "R1: at 10:30 we met\nNote:x\n10:30 later",
      "R1|at 10:30 we met\nNote:x\n10:30 later" },
    { CODA_UNIT_TURN, "Dr. Rao: yes\nWhat? Really: no\nसुनीता देवी: हाँ",
      "Dr. Rao|yes\nWhat? Really: no\nसुनीता देवी|हाँ" },
    { CODA_UNIT_TURN, "A very long label with too many spaces: x",
      "-|A very long label with too many spaces: x" },
    { CODA_UNIT_TURN, "R1:\nR2: b", "R2|b" },
    /* sentences, with the danda */
    { CODA_UNIT_SENTENCE, "Hello. How are you? Fine!", "-|Hello.\n-|How are "
      "you?\n-|Fine!" },
    { CODA_UNIT_SENTENCE, "R1: मेरी शादी हुई। मैं भाग गई॥ फिर", "R1|मेरी शादी "
      "हुई।\nR1|मैं भाग गई॥\nR1|फिर" },
    { CODA_UNIT_SENTENCE, "R1: एक।दो", "R1|एक।\nR1|दो" },
    { CODA_UNIT_SENTENCE, "It cost 3.5 lakh... really?! \"Yes.\" ok",
      "-|It cost 3.5 lakh...\n-|really?!\n-|\"Yes.\"\n-|ok" },
    { CODA_UNIT_SENTENCE, "R1: one\ntwo\n\nthree\nR2: four. five",
      "R1|one\ntwo\nR1|three\nR2|four.\nR2|five" },
    { CODA_UNIT_SENTENCE, "www.x.org is up", "-|www.x.org is up" },
};

START_TEST(test_units)
{
    const ucase *k = &units[_i];
    collect c = { k->text, "" };
    ck_assert_int_eq(coda_corpus_units(k->text, strlen(k->text), k->kind,
                                       on_unit, &c), CODA_OK);
    ck_assert_str_eq(c.out, k->want);
}
END_TEST

static const char *str(const coda_table *t, const char *col, size_t r)
{
    long c = coda_table_find(t, col);
    ck_assert_int_ge(c, 0);
    return coda_is_missing(&t->cols[c], r) ? "<NA>" : t->cols[c].v.s.p[r];
}

static int64_t num(const coda_table *t, const char *col, size_t r)
{
    long c = coda_table_find(t, col);
    ck_assert_int_ge(c, 0);
    return t->cols[c].v.i[r];
}

/* The units of text in a format, "speaker|text|start|end" (times in
 * tenths of a second, "-" unknown). */
static coda_status on_timed(void *ud, const coda_unit *u)
{
    collect *c = ud;
    size_t n = strlen(c->out);
    char t0[16] = "-", t1[16] = "-";
    if (u->start_time >= 0)
        snprintf(t0, sizeof t0, "%ld", (long)(u->start_time * 10 + 0.5));
    if (u->end_time >= 0)
        snprintf(t1, sizeof t1, "%ld", (long)(u->end_time * 10 + 0.5));
    snprintf(c->out + n, sizeof c->out - n, "%s%.*s|%.*s|%s|%s",
             n ? "\n" : "", u->has_speaker ? (int)u->spk_len : 1,
             u->has_speaker ? c->text + u->spk_start : "-", (int)u->len,
             c->text + u->start, t0, t1);
    return CODA_OK;
}

typedef struct fcase {
    coda_text_format f, found;
    const char *text, *want;
} fcase;

static const fcase formats[] = {
    /* detected */
    { CODA_FORMAT_AUTO, CODA_FORMAT_TIMESTAMPED,
      "[00:00:01] I: a\n(00:00:02.5) R: b\n0:03 I: c\nI [0:04]: d",
      "I|a|10|25\nR|b|25|30\nI|c|30|40\nI|d|40|-" },
    { CODA_FORMAT_AUTO, CODA_FORMAT_REV, "I (0:01): a\nR (0:02):\nb\n",
      "I|a|10|20\nR|b|20|-" },
    { CODA_FORMAT_AUTO, CODA_FORMAT_OTTER, "intro\nSpeaker 1  0:05\nhello\n"
      "Note: x\nSpeaker 2 1:00\nbye", "-|intro|-|50\nSpeaker 1|hello\nNote: "
      "x|50|600\nSpeaker 2|bye|600|-" },
    { CODA_FORMAT_AUTO, CODA_FORMAT_QA, "Q. one?\nA. two.\nthree",
      "Q|one?|-|-\nA|two.\nthree|-|-" },
    /* one stray timed line, and lines ending in a time: still plain */
    { CODA_FORMAT_AUTO, CODA_FORMAT_PLAIN, "R1: a\n10:30 we met: b\nWe met at "
      "10:30\nR2: c", "R1|a\n10:30 we met: b\nWe met at 10:30|-|-\nR2|c|-|-" },
    /* a plain label of a known speaker opens a turn; "Note" is text */
    { CODA_FORMAT_AUTO, CODA_FORMAT_TIMESTAMPED, "[0:01] I: a\nNote: x\nR: b\n"
      "[0:09] R: c\nI: d", "I|a\nNote: x|10|-\nR|b|-|90\nR|c|90|-\nI|d|-|-" },
    /* a time that is none: the label stays, the time is unknown */
    { CODA_FORMAT_AUTO, CODA_FORMAT_TIMESTAMPED, "[0:01] I: a\n[0:60] R: b\n"
      "[1:00:00] I: c", "I|a|10|-\nR|b|-|36000\nI|c|36000|-" },
    /* forced */
    { CODA_FORMAT_PLAIN, CODA_FORMAT_PLAIN, "[0:01] I: a\n[0:02] R: b",
      "-|[0:01] I: a\n[0:02] R: b|-|-" },
    { CODA_FORMAT_OTTER, CODA_FORMAT_OTTER, "R1: a\nR2: b", "-|R1: a\nR2: b|-|-" },
    { CODA_FORMAT_VTT, CODA_FORMAT_PLAIN, "R1: a", "R1|a|-|-" },
};

START_TEST(test_formats)
{
    const fcase *k = &formats[_i];
    collect c = { k->text, "" };
    coda_text_format found = CODA_FORMAT_AUTO;
    ck_assert_int_eq(coda_corpus_units_as(k->text, strlen(k->text),
                                          CODA_UNIT_TURN, k->f, &found,
                                          on_timed, &c), CODA_OK);
    ck_assert_str_eq(c.out, k->want);
    ck_assert_str_eq(coda_format_name(found), coda_format_name(k->found));
}
END_TEST

typedef struct tcase {
    const char *s;
    int sub, want;
    double secs;
    size_t end;
} tcase;

static const tcase times[] = {
    { "1:02:03", 0, 1, 3723, 7 }, { "00:01:12.5", 0, 1, 72.5, 10 },
    { "0:05,250]", 0, 1, 5.25, 8 }, { "75:30", 0, 1, 4530, 5 },
    { "99:99:99", 0, -1, -1, 8 }, { "0:60", 0, -1, -1, 4 },
    { "0:0:3.26", 0, 0, 0, 0 }, { "0:0:3.26", 1, 1, 3.26, 8 },
    { "12:345", 0, 0, 0, 0 }, { "1234:00:00", 0, 0, 0, 0 }, { "10", 0, 0, 0, 0 },
    { "1:02:03:04", 0, 0, 0, 0 }, { "x1:00", 0, 0, 0, 0 },
};

START_TEST(test_times)
{
    const tcase *k = &times[_i];
    size_t end = 0;
    double secs = 0;
    int got = coda_time_at(k->s, 0, strlen(k->s), k->sub, &end, &secs);
    ck_assert_int_eq(got, k->want);
    if (got) {
        ck_assert_uint_eq(end, k->end);
        ck_assert_double_eq_tol(secs, k->secs, 1e-9);
    }
}
END_TEST

START_TEST(test_split_table)
{
    const char *ids[] = { "d1", "d2" };
    const char *texts[] = { "\xEF\xBB\xBFI: hello\r\nR1: a\r\nb\r\n",
                            "R2: x" };
    size_t lens[] = { strlen(texts[0]), strlen(texts[1]) };
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_corpus_split(ids, texts, lens, 2, "mem", NULL, &t,
                                       &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 3);
    ck_assert_uint_eq(t->ncol, 4);
    ck_assert_str_eq(t->cols[0].name, "doc");
    ck_assert_str_eq(t->cols[1].name, "unit");
    ck_assert_str_eq(t->cols[2].name, "speaker");
    ck_assert_str_eq(t->cols[3].name, "text");
    ck_assert_str_eq(str(t, "doc", 0), "d1");
    ck_assert_str_eq(str(t, "speaker", 0), "I");
    ck_assert_str_eq(str(t, "text", 0), "hello");
    ck_assert_str_eq(str(t, "text", 1), "a\nb");
    ck_assert_int_eq(num(t, "unit", 1), 2);
    ck_assert_str_eq(str(t, "doc", 2), "d2");
    ck_assert_int_eq(num(t, "unit", 2), 1);
    coda_table_free(t);
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = CODA_UNIT_DOCUMENT;
    ck_assert_int_eq(coda_corpus_split(ids, texts, lens, 2, "mem", &o, &t,
                                       &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(str(t, "speaker", 0), "<NA>");
    coda_table_free(t);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    const char *ids[] = { "ok", "bad" };
    const char *texts[] = { "fine", "R1: line one\nab\xFF\xFEz शादी" };
    size_t lens[] = { 4, strlen(texts[1]) };
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_corpus_split(ids, texts, lens, 2, "input", NULL, &t,
                                       &err), CODA_EUTF8);
    ck_assert_int_eq(err.offset, 15);
    ck_assert_int_eq(err.line, 2);
    ck_assert_str_eq(err.file, "input");
    ck_assert_int_eq(err.column, 3);
    ck_assert_ptr_nonnull(strstr(err.msg, "line 2, byte 3 of the line (byte 16 "
                                 "of the text): 0xFF"));
    ck_assert_ptr_nonnull(strstr(err.msg, "\"bad\""));
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.replace_invalid = 1;
    ck_assert_int_eq(coda_corpus_split(ids, texts, lens, 2, "input", &o, &t,
                                       &err), CODA_OK);
    ck_assert_str_eq(str(t, "text", 1), "line one\nab\xEF\xBF\xBD\xEF\xBF\xBDz "
                     "शादी");
    coda_table_free(t);
}
END_TEST

START_TEST(test_read_folder)
{
    char dir[64], p[256];
    tmp_make(dir);
    tmp_write(tmp_path(p, dir, "b.txt"), "R1: second");
    tmp_write(tmp_path(p, dir, "a.txt"), "R1: first\nR2: more");
    tmp_write(tmp_path(p, dir, "notes.md"), "ignored");
    tmp_write(tmp_path(p, dir, ".hidden.txt"), "ignored");
    tmp_write(tmp_path(p, dir, "meta.csv"), "id,state,n\nb,Bihar,2\na,Assam,1\n");
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.meta = tmp_path(p, dir, "meta.csv");
    coda_table *t;
    coda_error err;
    ck_assert_msg(coda_corpus_read(dir, &o, &t, &err) == CODA_OK, "%s",
                  err.msg);
    ck_assert_uint_eq(t->nrow, 3);
    ck_assert_uint_eq(t->ncol, 6);
    ck_assert_str_eq(str(t, "doc", 0), "a");
    ck_assert_str_eq(str(t, "doc", 2), "b");
    ck_assert_str_eq(str(t, "state", 0), "Assam");
    ck_assert_str_eq(str(t, "state", 2), "Bihar");
    ck_assert_int_eq(num(t, "n", 2), 2);
    coda_table_free(t);
    /* a single file; a document without metadata gets missing values */
    tmp_write(tmp_path(p, dir, "meta.csv"), "doc_id,state\na,Assam\n");
    o.meta_id = "doc_id";
    char file[256];
    ck_assert_int_eq(coda_corpus_read(tmp_path(file, dir, "b.txt"), &o, &t,
                                      &err), CODA_OK);
    ck_assert_str_eq(str(t, "state", 0), "<NA>");
    coda_table_free(t);
    o.meta_id = "nope";
    ck_assert_int_eq(coda_corpus_read(dir, &o, &t, &err), CODA_EARG);
    tmp_write(tmp_path(p, dir, "meta.csv"), "id,x\na,1\na,2\n");
    o.meta_id = NULL;
    ck_assert_int_eq(coda_corpus_read(dir, &o, &t, &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "twice"));
    tmp_write(tmp_path(p, dir, "c.txt"), "x\n\xC3(");
    ck_assert_int_eq(coda_corpus_read(dir, NULL, &t, &err), CODA_EUTF8);
    ck_assert_str_eq(err.file, tmp_path(p, dir, "c.txt"));
    ck_assert_int_eq(err.offset, 2);
    ck_assert_int_eq(coda_corpus_read("/nonexistent/x", NULL, &t, &err),
                     CODA_EIO);
    tmp_remove(dir);
}
END_TEST

static coda_status oom_split(void *ctx, coda_error *err)
{
    coda_unit_kind kind = *(coda_unit_kind *)ctx;
    const char *ids[] = { "d1", "d2", "d3" };
    const char *texts[] = { "M: hello. there\nR1: शादी हुई। भाग गई\n\nmore",
                            "R2: x\xFFy", "" };
    size_t lens[] = { strlen(texts[0]), strlen(texts[1]), 0 };
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = kind;
    o.replace_invalid = 1;
    coda_table *t = NULL;
    coda_status st = coda_corpus_split(ids, texts, lens, 3, "mem", &o, &t, err);
    coda_table_free(t);
    return st;
}

/* Every format, with warnings and the documents table. */
static coda_status oom_formats(void *ctx, coda_error *err)
{
    coda_unit_kind kind = *(coda_unit_kind *)ctx;
    const char *ids[] = { "vtt", "srt", "ts", "otter", "blank", "none" };
    const char *texts[] = {
        "WEBVTT\n\nNOTE x\n\n00:01.000 --> 00:02.000\n<v A>a &amp; b\n\n"
        "00:02.000 --> 00:03.000\nA: c\n\n00:04.000 --> 00:05.000\n- d\n- e",
        "1\r00:00:01,000 --> 00:00:02,000\r[B] x\r\r2\r9:99:99,0 --> 1:0:0,0\ry",
        "[0:01] I: a.\nNote: b\n[0:61] R: c. d\nI: e", "S 1  0:05\nx\nS 2  0:09\ny",
        " \n", "no labels. at all" };
    size_t lens[6];
    for (int i = 0; i < 6; i++)
        lens[i] = strlen(texts[i]);
    coda_warnings w = { 0 };
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = kind;
    o.warnings = &w;
    coda_table *t = NULL, *docs = NULL;
    o.documents = &docs;
    coda_status st = coda_corpus_split(ids, texts, lens, 6, "mem", &o, &t, err);
    ck_assert(st != CODA_OK || (t->ncol == 7 && docs->nrow == 6 &&
                                w.n == (kind >= CODA_UNIT_TURN ? 4u : 3u)));
    coda_table_free(t);
    coda_table_free(docs);
    coda_warnings_free(&w);
    return st;
}

START_TEST(test_split_out_of_memory)
{
    coda_unit_kind kind = (coda_unit_kind)_i;
    oom_loop(oom_split, &kind, 0);
    oom_loop(oom_split, &kind, 1);
    oom_loop(oom_formats, &kind, 0);
    oom_loop(oom_formats, &kind, 1);
}
END_TEST

START_TEST(test_unit_names)
{
    coda_unit_kind k;
    ck_assert(coda_unit_parse("sentence", &k) && k == CODA_UNIT_SENTENCE);
    ck_assert(coda_unit_parse("document", &k) && k == CODA_UNIT_DOCUMENT);
    ck_assert(!coda_unit_parse("line", &k));
}
END_TEST

Suite *corpus_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("corpus");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_units, 0, NELEM(units));
    tcase_add_loop_test(tc, test_formats, 0, NELEM(formats));
    tcase_add_loop_test(tc, test_times, 0, NELEM(times));
    tcase_add_test(tc, test_split_table);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_read_folder);
    tcase_add_loop_test(tc, test_split_out_of_memory, 0, 4);
    tcase_add_test(tc, test_unit_names);
    suite_add_tcase(s, tc);
    return s;
}
