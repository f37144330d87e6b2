/* check_corpus_decode.c - transcripts in other encodings and the error for
 * bytes that are not UTF-8 (corpus_decode.c): conversions from a table of
 * encodings, bytes that are not text in one (an error with line,
 * character and byte, or U+FFFD), byte-order marks of another encoding,
 * the guesses the UTF-8 error makes, the fixtures of
 * tests/fixtures/encodings read into units, and out-of-memory loops. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"
#include "harness/tmpdir.h"

#include "base_alloc.h"
#include "corpus.h"
#include "corpus_int.h"

#include <stdio.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    oom_remove();
}

/* Decode in[0..len) as enc (replace or not) into a new string *out. */
static coda_status decode(const char *enc, int replace, const char *in,
                          size_t len, char **out, size_t *n,
                          coda_warnings *w, coda_error *err)
{
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.encoding = enc;
    o.replace_invalid = replace;
    o.warnings = w;
    *out = coda_strndup(in, len);
    *n = len;
    if (!*out)
        return coda_error_nomem(err);
    return coda_corpus_decode("f.txt", &o, out, n, err);
}

typedef struct ecase {
    const char *enc, *in;
    size_t len;
    const char *want;
} ecase;

#define IN(s) s, sizeof s - 1

static const ecase conversions[] = {
    /* Windows-1252 punctuation and letters: “ ” – € é */
    { "cp1252", IN("\x93quoted\x94 \x96 \x80 caf\xE9"),
      "\xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x93 \xE2\x82\xAC caf\xC3\xA9" },
    { "CP1252", IN("\x92"), "\xE2\x80\x99" },
    { "windows-1252", IN("\x85"), "\xE2\x80\xA6" },
    /* Latin-1: every byte a character; 0x93 a C1 control */
    { "latin1", IN("Pe\xF1" "a \xA3 \x93"),
      "Pe\xC3\xB1" "a \xC2\xA3 \xC2\x93" },
    { "iso-8859-1", IN("\xFF"), "\xC3\xBF" },
    /* UTF-16 by its BOM (the BOM goes), or named with its byte order (the
     * BOM stays, as U+FEFF, for normalising to drop) */
    { "utf-16", IN("\xFF\xFE" "R\0" "1\0:\0 \0\x36\x09"), "R1: \xE0\xA4\xB6" },
    { "utf-16", IN("\xFE\xFF\0R\0\n"), "R\n" },
    { "utf-16le", IN("\xFF\xFE" "a\0"), "\xEF\xBB\xBF" "a" },
    { "UTF-16BE", IN("\0a\0b"), "ab" },
    /* a surrogate pair: U+1F600 */
    { "utf-16le", IN("\x3D\xD8\x00\xDE"), "\xF0\x9F\x98\x80" },
    /* Shift_JIS: 日本 */
    { "shift_jis", IN("\x93\xFA\x96\x7B"), "\xE6\x97\xA5\xE6\x9C\xAC" },
    /* UTF-8 by any spelling is left as it is, valid or not */
    { "UTF8", IN("caf\xC3\xA9 \xFF"), "caf\xC3\xA9 \xFF" },
    { NULL, IN("\x93"), "\x93" },
    { "cp1252", IN(""), "" },
};

START_TEST(test_conversions)
{
    const ecase *k = &conversions[_i];
    char *out;
    size_t n;
    coda_error err;
    ck_assert_msg(decode(k->enc, 0, k->in, k->len, &out, &n, NULL, &err)
                  == CODA_OK, "%s", err.msg);
    ck_assert_uint_eq(n, strlen(k->want));
    ck_assert_mem_eq(out, k->want, n);
    ck_assert_int_eq(out[n], '\0');
    coda_free(out);
}
END_TEST

typedef struct bcase {
    const char *enc, *in;
    size_t len;
    int replace;
    coda_status code;
    long line, offset;
    const char *want;           /* in the message, or the text replaced */
} bcase;

static const bcase bad[] = {
    /* 0x81 is not a Windows-1252 character: line 2, character 3 */
    { "cp1252", IN("R1: ok\r\nR2\x81\n"), 0, CODA_EUTF8, 2, 10,
      "byte 0x81 at line 2, character 3 of the line (byte 11 of the file) "
      "is not cp1252 text; --invalid replace (invalid = \"replace\") codes "
      "around it" },
    { "cp1252", IN("R1: ok\r\nR2\x81\n"), 1, CODA_OK, 0, 0,
      "R1: ok\r\nR2\xEF\xBF\xBD\n" },
    /* a file that is UTF-8: said so */
    { "cp1252", IN("x\xC3\x81"), 0, CODA_EUTF8, 1, 2,
      "byte 0x81 at line 1, character 3 of the line (byte 3 of the file) is "
      "not cp1252 text; the file is UTF-8, so leave out --encoding; "
      "--invalid replace" },
    /* a low surrogate alone; replaced, UTF-16 stays in step */
    { "utf-16le", IN("a\0\0\xDC" "b\0"), 0, CODA_EUTF8, 1, 2,
      "bytes 0x00 0xDC at line 1, character 2 of the line (byte 3 of the "
      "file) are not utf-16le text" },
    { "utf-16le", IN("a\0\0\xDC" "b\0"), 1, CODA_OK, 0, 0,
      "a\xEF\xBF\xBD" "b" },
    /* the file ends inside a character */
    { "utf-16le", IN("a\0\n\0b"), 0, CODA_EUTF8, 2, 4,
      "the file ends inside a utf-16le character (0x62 at line 2, byte 5 "
      "of the file)" },
    { "utf-16le", IN("a\0b"), 1, CODA_OK, 0, 0, "a\xEF\xBF\xBD" },
    /* byte-order marks of another encoding */
    { "latin1", IN("\xFF\xFE" "a\0"), 0, CODA_EUTF8, 1, 0,
      "the file starts with a UTF-16LE byte-order mark, so it is UTF-16LE "
      "text, not latin1: read it with --encoding utf-16 (encoding = "
      "\"utf-16\")" },
    { "cp1252", IN("\xFF\xFE\0\0" "a\0\0\0"), 1, CODA_EUTF8, 1, 0,
      "--encoding utf-32" },
    { "cp1252", IN("\xEF\xBB\xBFR1: x"), 0, CODA_EUTF8, 1, 0,
      "the file starts with a UTF-8 byte-order mark, so it is UTF-8 text, "
      "not cp1252: leave out --encoding" },
    { "utf-16", IN("\xEF\xBB\xBF" "ab"), 0, CODA_EUTF8, 1, 0,
      "leave out --encoding" },
    /* names iconv does not know */
    { "klingon", IN("x"), 0, CODA_EARG, 0, -1,
      "unknown encoding \"klingon\" (iconv knows names such as latin1, "
      "cp1252, utf-16, utf-16le, shift_jis; `iconv -l` lists them all)" },
    { "", IN("x"), 0, CODA_EARG, 0, -1, "unknown encoding \"\"" },
};

START_TEST(test_bad_bytes)
{
    const bcase *k = &bad[_i];
    char *out;
    size_t n;
    coda_error err;
    coda_status st = decode(k->enc, k->replace, k->in, k->len, &out, &n,
                            NULL, &err);
    ck_assert_int_eq(st, k->code);
    if (st == CODA_OK) {
        ck_assert_uint_eq(n, strlen(k->want));
        ck_assert_mem_eq(out, k->want, n);
    } else {
        ck_assert_msg(strstr(err.msg, k->want), "%s", err.msg);
        ck_assert_int_eq(err.line, k->line);
        ck_assert_int_eq(err.offset, k->offset);
        ck_assert_str_eq(err.file, st == CODA_EARG ? "" : "f.txt");
        ck_assert_mem_eq(out, k->in, k->len);   /* untouched */
    }
    coda_free(out);
}
END_TEST

/* UTF-8 beyond ASCII read as another encoding: done, with a warning. */
START_TEST(test_utf8_warned)
{
    coda_warnings w = { 0 };
    char *out;
    size_t n;
    ck_assert_int_eq(decode("latin1", 0, IN("caf\xC3\xA9"), &out, &n, &w,
                            NULL), CODA_OK);
    ck_assert_str_eq(out, "caf\xC3\x83\xC2\xA9");
    ck_assert_uint_eq(w.n, 1);
    ck_assert_str_eq(w.msg[0], "f.txt: the file is UTF-8 text, read as "
                     "latin1; if its characters come out wrong, leave out "
                     "--encoding (encoding =)");
    coda_free(out);
    ck_assert_int_eq(decode("latin1", 0, IN("plain"), &out, &n, &w, NULL),
                     CODA_OK);
    ck_assert_uint_eq(w.n, 1);                  /* ASCII: no warning */
    coda_free(out);
    coda_warnings_free(&w);
}
END_TEST

typedef struct ucase {
    const char *text;
    size_t bad;
    long line, column;
    const char *want;
} ucase;

static const ucase utf8[] = {
    { "R1: it\x92s", 6, 1, 7, "at line 1, byte 7 of the line (byte 7 of the "
      "file): 0x92; it looks like Windows-1252 text: try --encoding cp1252 "
      "(encoding = \"cp1252\"), or use --invalid replace (invalid = "
      "\"replace\") to code around bytes that are not UTF-8" },
    { "a\nbc\n\x93x\x94", 5, 3, 1, "at line 3, byte 1 of the line (byte 6 of "
      "the file): 0x93; it looks like Windows-1252" },
    { "caf\xE9\n\xA3" "5", 3, 1, 4, "0xE9; it looks like Latin-1 (ISO-8859-1) "
      "text: try --encoding latin1 (encoding = \"latin1\")" },
    /* no guess: UTF-8 beyond ASCII too, 0xFF, a byte cp1252 leaves out */
    { "caf\xC3\xA9 \x92", 6, 1, 7, "0x92; name the file's encoding with "
      "--encoding NAME (encoding = \"NAME\"), or use --invalid replace" },
    { "x\xFF", 1, 1, 2, "0xFF; name the file's encoding" },
    { "\x93\x81", 0, 1, 1, "0x93; name the file's encoding" },
};

START_TEST(test_utf8_error)
{
    const ucase *k = &utf8[_i];
    coda_error err;
    ck_assert_int_eq(coda_corpus_utf8_error(k->text, strlen(k->text), k->bad,
                                            "t.txt", 1, "t", &err),
                     CODA_EUTF8);
    ck_assert_msg(strstr(err.msg, k->want), "%s", err.msg);
    ck_assert_msg(strncmp(err.msg, "invalid UTF-8 in document \"t\" at line ",
                          37) == 0, "%s", err.msg);
    ck_assert_int_eq(err.line, k->line);
    ck_assert_int_eq(err.column, k->column);
    ck_assert_int_eq(err.offset, (long)k->bad);
    ck_assert_str_eq(err.file, "t.txt");
}
END_TEST

/* The fixtures' turns, known by hand (CRLF made LF, the BOM dropped). */
START_TEST(test_fixtures)
{
    static const struct {
        const char *file, *enc, *spk[2], *text[2];
    } f[] = {
        { "cp1252.txt", "cp1252", { "Interviewer", "R1" },
          { "Where did you work?", "At the café. They said “we took an "
            "advance” – and they beat us." } },
        { "latin1.txt", "latin1", { "R1", "R2" },
          { "Où?", "Señor Peña took an advance; £200 was the debt." } },
        { "utf16le_bom.txt", "utf-16", { "R1", "R2" },
          { "मेरी जबरन शादी की गई।", "They beat us." } },
    };
    for (size_t i = 0; i < NELEM(f); i++) {
        char p[256];
        coda_corpus_opts o;
        coda_corpus_opts_init(&o);
        o.encoding = f[i].enc;
        coda_table *t;
        coda_error err;
        snprintf(p, sizeof p, "../fixtures/encodings/%s", f[i].file);
        ck_assert_msg(coda_corpus_read(p, &o, &t, &err) == CODA_OK, "%s",
                      err.msg);
        ck_assert_uint_eq(t->nrow, 2);
        for (size_t r = 0; r < 2; r++) {
            ck_assert_str_eq(tab_str(t, "speaker", r), f[i].spk[r]);
            ck_assert_str_eq(tab_str(t, "text", r), f[i].text[r]);
        }
        coda_table_free(t);
    }
}
END_TEST

/* Read without the encoding, the cp1252 fixture is an error naming the
 * file; an unknown encoding fails before any file is read. */
START_TEST(test_read_errors)
{
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    coda_table *t;
    coda_error err;
    const char *p = "../fixtures/encodings/cp1252.txt";
    ck_assert_int_eq(coda_corpus_read(p, &o, &t, &err), CODA_EUTF8);
    ck_assert_str_eq(err.file, p);
    ck_assert_int_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.msg, "in document \"cp1252\" at line "
                                 "2, byte 15 of the line (byte 49 of the "
                                 "file): 0xE9; it looks like Windows-1252"));
    o.encoding = "no-such-encoding";
    ck_assert_int_eq(coda_corpus_read("/nonexistent", &o, &t, &err),
                     CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "unknown encoding"));
    const char *id = "d", *text = "x";
    size_t len = 1;
    o.encoding = "latin1";
    ck_assert_int_eq(coda_corpus_split(&id, &text, &len, 1, "mem", &o, &t,
                                       &err), CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "documents in memory are UTF-8"));
}
END_TEST

static coda_status oom_decode(void *ctx, coda_error *err)
{
    const char *enc = ctx;
    char *out;
    size_t n;
    coda_status st = decode(enc, 1, IN("R1: \x93x\x94\x81\n\xE9\x81"), &out,
                            &n, NULL, err);
    coda_free(out);
    return st;
}

START_TEST(test_decode_out_of_memory)
{
    oom_install();
    ck_assert_int_ge(oom_loop(oom_decode, "cp1252", 0), 2);
    ck_assert_int_ge(oom_loop(oom_decode, "cp1252", 1), 2);
}
END_TEST

Suite *corpus_decode_suite(void)
{
    Suite *s = suite_create("corpus_decode");
    TCase *tc = tcase_create("corpus_decode");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_conversions, 0, NELEM(conversions));
    tcase_add_loop_test(tc, test_bad_bytes, 0, NELEM(bad));
    tcase_add_test(tc, test_utf8_warned);
    tcase_add_loop_test(tc, test_utf8_error, 0, NELEM(utf8));
    tcase_add_test(tc, test_fixtures);
    tcase_add_test(tc, test_read_errors);
    tcase_add_test(tc, test_decode_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
