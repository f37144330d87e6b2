/* check_wordside.c - the one-sided word boundaries (codebook_wordbound.h,
 * codebook_wordside.c) against the two-sided lookarounds they stand for:
 * every pattern, rewritten both ways, must find the same spans in
 * generated mixed-script text (ASCII, Devanagari and Bengali words side by
 * side and run together, vowel signs and other combining marks, digits of
 * both scripts, punctuation), and the common shapes of codebook patterns
 * must get the cheap form. */
#include "suites.h"

#include "base_alloc.h"
#include "codebook_wordbound.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Patterns with \b and \B in every kind of place; cheap: the rewrite must
 * use one lookaround for every boundary in it. */
static const struct {
    const char *pat;
    int cheap;
} pats[] = {
    { "\\bpolice\\b", 1 },
    { "\\b(?:no|not|never)\\b[^.?!]{0,30}\\b(?:FIR|case)\\b", 1 },
    { "\\bमार(?:ा|ी|ते|पीट)\\b", 1 },
    { "\\bपुलिस\\b", 1 },
    { "\\bকাজ\\b", 1 },
    { "\\b(?:[5-9]|1[0-7]) years\\b", 1 },
    { "\\b\\d[\\d,]* rupees\\b", 1 },
    { "\\b(?:child labou?r|minors?)\\b", 1 },
    { "(?:\\bkite|शादी)\\b", 1 },
    { "\\b(?i:work(?:ed|s)?)\\b", 1 },
    { "\\b(?<w>bus|train)\\b", 1 },
    { " \\b", 1 },
    { "\\.\\b", 1 },
    { "\\b।", 1 },
    { "ि\\b", 1 },
    { "\\bি", 1 },
    { "a\\B", 1 },
    { "\\Ba", 1 },
    { "x?\\by", 1 },
    { "\\b\\w+", 0 },
    { "\\w+\\b", 0 },
    { "\\B\\w+\\B", 0 },
    { "(?:ab)*\\b", 0 },
    { "(?:a|ब|-)\\b", 0 },
    { "foo\\b|\\bbar", 1 },
    { "(?=\\bfoo)\\w", 1 },
    { "(?<=\\bfo)o\\b", 1 },
    { "(?x) \\b a", 0 },
    { "(?x: \\b a )", 0 },
    { "\\b\\p{L}", 0 },
    { "[^a]\\b", 0 },
    { "\\b[a-z]+\\b", 1 },
    { "\\b[a-z-]", 0 },
    { "\\b\\Qab\\E", 0 },
    { "^\\ba", 1 },
    { "a\\b$", 1 },
    { "\\b\\bx", 0 },
    { "\\b_", 1 },
    { "\\b\\s", 1 },
    { "(a)\\b(?!\\1)", 1 },
    { "(?|a|b)+\\b", 1 },
    { "(?>ab|a)\\b", 1 },
};

static const char *const words[] = {
    "police", "Police", "not", "no", "never", "FIR", "case", "bus", "train",
    "work", "worked", "works", "kite", "ab", "a", "b", "x", "y", "xy", "o",
    "fo", "foo", "bar", "_", "__a", "7", "12", "5 years", "1,200 rupees",
    "child labor", "minors", "मारा", "मार", "मारी", "मारते", "मारपीट", "पुलिस",
    "शादी", "काम", "कर्ज़", "उधार", "५", "१२", "কাজ", "পাচার", "গেল", "ি",
    "িa", "aি", "a\xCC\x81", "\xCC\x81" "a", "é", ".", ",", "?", "!", "-",
    "।", "'", "(", ")", "policeपुलिस", "पुलिसpolice", "मारा5", "7मार",
    "কাজwork", "work।", "a-b", "ब", "बa", "कि", "किa",
};

/* Text of n random words, each glued to the last one in one case out of
 * five, else after a space or a newline. */
static char *mixed_text(unsigned *seed, size_t n)
{
    size_t cap = n * 24 + 64, len = 0;
    char *s = calloc(cap, 1);   /* PCRE2's JIT may read past the end */
    for (size_t i = 0; i < n; i++) {
        const char *w = words[(size_t)rand_r(seed) % NELEM(words)];
        int glue = rand_r(seed) % 5;
        len += (size_t)snprintf(s + len, cap - 64 - len, "%s%s",
                                i == 0 || glue == 0 ? "" : glue == 1 ? "\n"
                                                                     : " ", w);
    }
    return s;
}

/* pat with every \b and \B outside classes replaced by the two-sided
 * lookarounds: the definition the cheap forms must agree with. */
static char *two_sided(const char *pat)
{
    size_t len = strlen(pat), cap = len * 40 + 1, n = 0;
    char *out = malloc(cap);
    for (size_t i = 0; i < len;) {
        size_t j = coda_pattern_opaque(pat, len, i, 0);
        if (j == i + 2 && pat[i] == '\\' &&
            (pat[i + 1] == 'b' || pat[i + 1] == 'B')) {
            const char *lk = pat[i + 1] == 'b' ? coda_wordbound_b
                                               : coda_wordbound_B;
            n += (size_t)snprintf(out + n, cap - n, "%s", lk);
        } else {
            j = j > i ? j : i + 1;
            memcpy(out + n, pat + i, j - i);
            n += j - i;
        }
        out[n] = '\0';
        i = j;
    }
    return out;
}

static pcre2_code *compile(const char *pat)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
    ck_assert_msg(re != NULL, "%s does not compile (%d at %zu)", pat, ec,
                  (size_t)off);
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    return re;
}

/* Every match of re in s as "a-b," into buf (the scan the coder does). */
static void spans(pcre2_code *re, const char *s, char *buf, size_t size)
{
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    size_t off = 0, len = strlen(s), n = 0;
    buf[0] = '\0';
    while (off <= len && pcre2_match(re, (PCRE2_SPTR)s, len, off,
                                     PCRE2_NOTEMPTY, md, NULL) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        n += (size_t)snprintf(buf + n, size - n, "%zu-%zu,", (size_t)ov[0],
                              (size_t)ov[1]);
        ck_assert_uint_lt(n, size);
        off = ov[1];
    }
    pcre2_match_data_free(md);
}

START_TEST(test_same_spans)
{
    char *fast, *slow = two_sided(pats[_i].pat);
    ck_assert_int_eq(coda_wordbound_rewrite(pats[_i].pat,
                                            strlen(pats[_i].pat), 0, &fast,
                                            NULL), CODA_OK);
    pcre2_code *a = compile(fast), *b = compile(slow);
    unsigned seed = 16 + (unsigned)_i;
    static char sa[1 << 16], sb[1 << 16];
    size_t found = 0;
    for (int k = 0; k < 40; k++) {
        char *text = mixed_text(&seed, 200);
        spans(a, text, sa, sizeof sa);
        spans(b, text, sb, sizeof sb);
        ck_assert_msg(strcmp(sa, sb) == 0, "%s -> %s differs on \"%s\"",
                      pats[_i].pat, fast, text);
        found += strlen(sb);
        free(text);
    }
    ck_assert_msg(found > 0, "%s: no match to compare", pats[_i].pat);
    pcre2_code_free(a);
    pcre2_code_free(b);
    coda_free(fast);
    free(slow);
}
END_TEST

/* The patterns marked cheap keep no two-sided lookaround; the others keep
 * at least one (what the reading cannot be sure of stays as it was). */
START_TEST(test_cheap_where_sure)
{
    char *out;
    ck_assert_int_eq(coda_wordbound_rewrite(pats[_i].pat,
                                            strlen(pats[_i].pat), 0, &out,
                                            NULL), CODA_OK);
    int two = strstr(out, coda_wordbound_b) || strstr(out, coda_wordbound_B);
    ck_assert_msg(two != pats[_i].cheap, "%s -> %s", pats[_i].pat, out);
    coda_free(out);
}
END_TEST

Suite *wordside_suite(void)
{
    Suite *s = suite_create("wordside");
    TCase *tc = tcase_create("wordside");
    tcase_add_loop_test(tc, test_same_spans, 0, NELEM(pats));
    tcase_add_loop_test(tc, test_cheap_where_sure, 0, NELEM(pats));
    suite_add_tcase(s, tc);
    return s;
}
