/* check_utf8.c - UTF-8 validation: well-formed text, every kind of bad
 * sequence, and the offset of the first bad byte. */
#include "suites.h"

#include "base_utf8.h"

#include <string.h>

#define S(lit) lit, sizeof(lit) - 1

static const struct {
    const char *s;
    size_t len;
    int valid;
    size_t bad;          /* offset of the first bad byte when not valid */
    const char *what;
} cases[] = {
    { S(""), 1, 0, "empty" },
    { S("plain ASCII, longer than one 8-byte word"), 1, 0, "ascii" },
    { S("\x00\x7F"), 1, 0, "NUL and DEL are ASCII" },
    { S("caf\xC3\xA9"), 1, 0, "2-byte e-acute" },
    { S("\xE0\xA4\xAE\xE0\xA4\xB9\xE0\xA4\xBE"), 1, 0, "Devanagari" },
    { S("\xF0\x9F\x98\x80"), 1, 0, "4-byte emoji" },
    { S("\xEF\xBF\xBF\xF4\x8F\xBF\xBF"), 1, 0, "U+FFFF and U+10FFFF" },
    { S("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"), 1, 0, "U+0800 U+D7FF U+E000" },
    { S("it\x92s"), 0, 2, "Windows-1252 right quote" },
    { S("abcdefgh\x80"), 0, 8, "lone continuation after a word" },
    { S("\xC0\xAF"), 0, 0, "overlong C0" },
    { S("\xC1\xBF"), 0, 0, "overlong C1" },
    { S("\xE0\x9F\xBF"), 0, 0, "overlong 3-byte" },
    { S("\xF0\x8F\xBF\xBF"), 0, 0, "overlong 4-byte" },
    { S("ab\xED\xA0\x80"), 0, 2, "surrogate D800" },
    { S("\xED\xBF\xBF"), 0, 0, "surrogate DFFF" },
    { S("\xF4\x90\x80\x80"), 0, 0, "past U+10FFFF" },
    { S("\xF5\x80\x80\x80"), 0, 0, "F5 lead" },
    { S("\xFF"), 0, 0, "FF" },
    { S("x\xE0\xA4"), 0, 1, "truncated 3-byte at the end" },
    { S("\xE0\xA4x"), 0, 0, "3-byte cut by ASCII" },
    { S("\xF0\x9F\x98"), 0, 0, "truncated 4-byte" },
    { S("\xC3"), 0, 0, "truncated 2-byte" },
    { S("\xC3\xA9\xC3\x28"), 0, 2, "second sequence bad" },
    { S("0123456789abcdef\xE2\x82\xAC" "0123456\xC3"), 0, 26,
      "bad byte after words and a euro sign" },
};

START_TEST(test_utf8_cases)
{
    size_t bad = 12345;
    int got = coda_utf8_valid(cases[_i].s, cases[_i].len, &bad);
    ck_assert_msg(got == cases[_i].valid, "%s: valid %d, expected %d",
                  cases[_i].what, got, cases[_i].valid);
    if (!cases[_i].valid)
        ck_assert_msg(bad == cases[_i].bad, "%s: bad at %zu, expected %zu",
                      cases[_i].what, bad, cases[_i].bad);
    else
        ck_assert_uint_eq(bad, 12345); /* untouched */
}
END_TEST

START_TEST(test_utf8_len_limits_the_scan)
{
    /* the bad byte lies past len: not looked at */
    ck_assert_int_eq(coda_utf8_valid("ok\xFF", 2, NULL), 1);
    /* a sequence cut by len is bad even if the bytes go on */
    size_t bad = 0;
    ck_assert_int_eq(coda_utf8_valid("a\xC3\xA9", 2, &bad), 0);
    ck_assert_uint_eq(bad, 1);
    ck_assert_int_eq(coda_utf8_valid("\xFF", 1, NULL), 0); /* NULL bad */
}
END_TEST

START_TEST(test_utf8_every_offset)
{
    /* a bad byte at each offset of a long ASCII run is found there */
    char buf[40];
    for (size_t at = 0; at < sizeof buf; at++) {
        memset(buf, 'a', sizeof buf);
        buf[at] = (char)0x92;
        size_t bad = 999;
        ck_assert_int_eq(coda_utf8_valid(buf, sizeof buf, &bad), 0);
        ck_assert_uint_eq(bad, at);
    }
}
END_TEST

START_TEST(test_utf_bom_names)
{
    /* byte-order marks as Notepad and Excel write them (UTF-16 "Unicode
     * text" starts FF FE); a UTF-8 BOM and plain text name nothing */
    ck_assert_str_eq(coda_utf_bom("\xFF\xFEi\0d\0", 6), "UTF-16LE");
    ck_assert_str_eq(coda_utf_bom("\xFE\xFF\0i", 4), "UTF-16BE");
    ck_assert_str_eq(coda_utf_bom("\xFF\xFE\0\0i\0\0\0", 8), "UTF-32LE");
    ck_assert_str_eq(coda_utf_bom("\0\0\xFE\xFF", 4), "UTF-32BE");
    ck_assert_ptr_null(coda_utf_bom("\xEF\xBB\xBFid", 5));
    ck_assert_ptr_null(coda_utf_bom("id,name", 7));
    ck_assert_ptr_null(coda_utf_bom("\xFF", 1)); /* too short for a mark */
    ck_assert_ptr_null(coda_utf_bom("", 0));
}
END_TEST

START_TEST(test_utf16_guess)
{
    ck_assert_str_eq(coda_utf16_guess("i\0d\0,\0n\0", 8), "UTF-16LE");
    ck_assert_str_eq(coda_utf16_guess("\0i\0d", 4), "UTF-16BE");
    ck_assert_ptr_null(coda_utf16_guess("i\0d", 3));          /* too short */
    ck_assert_ptr_null(coda_utf16_guess("id,name\n", 8));
    ck_assert_ptr_null(coda_utf16_guess("i\0d\0\0\0", 6));    /* NUL pair */
    ck_assert_ptr_null(coda_utf16_guess("a,\0b", 4));  /* one NUL: no */
    /* only the first 64 bytes are looked at */
    char buf[80];
    for (int i = 0; i < 80; i += 2)
        buf[i] = 'x', buf[i + 1] = i < 64 ? 0 : 'y';
    ck_assert_str_eq(coda_utf16_guess(buf, sizeof buf), "UTF-16LE");
}
END_TEST

/* Edits counted by hand: a swap of neighbours is one, a Devanagari
 * letter one (not three bytes), ASCII case none. */
static const struct { const char *a, *b; size_t max, want; } dist[] = {
    { "Interviwer", "Interviewer", 3, 1 },
    { "wrok", "work", 3, 1 },
    { "exlcude", "exclude", 3, 1 },
    { "MODERATOR", "moderator", 3, 0 },
    { "", "abc", 3, 3 },
    { "abc", "", 2, 3 },                        /* more than max: max + 1 */
    { "kitten", "sitting", 5, 3 },
    { "ca", "abc", 5, 3 },                      /* OSA: no edit of a swap */
    { "सहायक", "सहयक", 3, 1 },
    { "सहायक", "सहायक", 0, 0 },
    { "Émile", "émile", 3, 1 },                 /* only ASCII case folds */
};

START_TEST(test_distance)
{
    const char *a = dist[_i].a, *b = dist[_i].b;
    ck_assert_uint_eq(coda_utf8_distance(a, strlen(a), b, strlen(b),
                                         dist[_i].max), dist[_i].want);
    ck_assert_uint_eq(coda_utf8_distance(b, strlen(b), a, strlen(a),
                                         dist[_i].max), dist[_i].want);
}
END_TEST

START_TEST(test_distance_of_long_names)
{
    char x[80], y[80];
    memset(x, 'a', 64), x[64] = '\0';
    memcpy(y, x, 65);
    y[0] = 'b';
    ck_assert_uint_eq(coda_utf8_distance(x, 64, y, 64, 3), 1);
    memset(x, 'a', 65), x[65] = '\0';          /* 65 characters: too long */
    ck_assert_uint_eq(coda_utf8_distance(x, 65, x, 65, 3), 4);
}
END_TEST

/* Characters as a reader counts them, hand-split: a letter with its
 * combining marks and a conjunct are one; a space, ASCII letters and a
 * danda are one each. */
static const struct {
    const char *s;
    const char *first;  /* the first character's bytes */
    const char *last;   /* the last character's bytes */
    int count;          /* characters in s */
} chars[] = {
    { "abc", "a", "c", 3 },
    { "e\xCC\x81x", "e\xCC\x81", "x", 2 },                   /* e + acute */
    /* क्षमा: क ् ष (a conjunct) म ा */
    { "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7\xE0\xA4\xAE\xE0\xA4\xBE",
      "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7", "\xE0\xA4\xAE\xE0\xA4\xBE", 2 },
    /* शादी। : शा दी । */
    { "\xE0\xA4\xB6\xE0\xA4\xBE\xE0\xA4\xA6\xE0\xA5\x80\xE0\xA5\xA4",
      "\xE0\xA4\xB6\xE0\xA4\xBE", "\xE0\xA5\xA4", 3 },
    /* a virama before a space joins nothing: क् then space */
    { "\xE0\xA4\x95\xE0\xA5\x8D x", "\xE0\xA4\x95\xE0\xA5\x8D", "x", 3 },
    /* Bengali য় + ে (nukta and vowel sign) */
    { "\xE0\xA6\xAF\xE0\xA6\xBC\xE0\xA7\x87", "\xE0\xA6\xAF\xE0\xA6\xBC\xE0\xA7\x87",
      "\xE0\xA6\xAF\xE0\xA6\xBC\xE0\xA7\x87", 1 },
    { "\xCC\x81" "a", "\xCC\x81", "a", 2 },        /* a lone mark first */
    { "", "", "", 0 },
};

START_TEST(test_utf8_chars)
{
    const char *s = chars[_i].s;
    size_t len = strlen(s), n = 0;
    ck_assert_uint_eq(coda_utf8_char_len(s, len), strlen(chars[_i].first));
    ck_assert_uint_eq(len - coda_utf8_char_start(s, len), strlen(chars[_i].last));
    for (size_t at = 0; at < len; n++)
        at += coda_utf8_char_len(s + at, len - at);
    ck_assert_int_eq((int)n, chars[_i].count);
    n = 0;
    for (size_t at = len; at > 0; n++)
        at = coda_utf8_char_start(s, at);
    ck_assert_int_eq((int)n, chars[_i].count);
}
END_TEST

/* Counted against stepping through the code points with the decoder, for
 * every start and length of a text mixing 1- to 4-byte characters (so
 * that each lands at every position of the eight-byte words). */
START_TEST(test_utf8_count)
{
    const char *s = "a\xC3\xA9" "\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7"
                    "\xF0\x9F\x98\x80" "bc \xD0\x96z\xE2\x82\xAC\xF0\x9F\x98\x80"
                    "0123456789\xC3\xA9\xC3\xA9";
    size_t len = strlen(s);
    ck_assert_uint_eq(coda_utf8_count(s, len), 25);    /* counted by hand */
    for (size_t a = 0; a <= len; a++)
        for (size_t b = a; b <= len; b++) {
            size_t n = 0;
            unsigned cp;
            if (a < len && ((unsigned char)s[a] & 0xC0) == 0x80)
                continue;       /* starting inside a character */
            for (size_t i = a; i < b; n++)     /* characters starting in it */
                i += coda_utf8_decode(s + i, len - i, &cp);
            ck_assert_uint_eq(coda_utf8_count(s + a, b - a), n);
        }
    ck_assert_uint_eq(coda_utf8_count("", 0), 0);
}
END_TEST

Suite *utf8_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("utf8");
    tcase_add_loop_test(tc, test_utf8_chars, 0, sizeof chars / sizeof chars[0]);
    tcase_add_loop_test(tc, test_utf8_cases, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, test_utf8_len_limits_the_scan);
    tcase_add_test(tc, test_utf8_count);
    tcase_add_test(tc, test_utf8_every_offset);
    tcase_add_test(tc, test_utf_bom_names);
    tcase_add_test(tc, test_utf16_guess);
    tcase_add_loop_test(tc, test_distance, 0, sizeof dist / sizeof dist[0]);
    tcase_add_test(tc, test_distance_of_long_names);
    suite_add_tcase(s, tc);
    return s;
}
