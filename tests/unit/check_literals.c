/* check_literals.c - the prefilter: the literals read from tricky patterns
 * (and the patterns that must get none), PCRE2's case folding as the
 * prefilter assumes it, the Aho-Corasick set against a naive search, its
 * out-of-memory loop, and coding random patterns on random texts with the
 * prefilter on and off. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"

#include "base_alloc.h"
#include "codebook_int.h"
#include "coder.h"
#include "corpus.h"
#include "codebook_literals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void teardown(void)
{
    oom_remove();
}

/* --- the literals of a pattern -------------------------------------------- */

static const struct {
    const char *pattern, *flags, *want;     /* want: sorted, "/c" case-
                                               sensitive, "-" none */
} lit_cases[] = {
    /* plain words and alternations */
    { "beat", "", "beat" },
    { "Police", "", "police" },
    { "abc|def", "", "abc|def" },
    { "\\b(?:loan|debt)s?\\b", "", "debt|loan" },
    { "beat", "w", "beat" },
    /* optional characters end a run */
    { "colou?r", "", "colo" },
    { "wages?", "", "wage" },
    { "ab?cde", "", "cde" },
    { "abc*de", "", "-" },
    { "abcd{0,2}e", "", "abc" },
    { "abc+de", "", "abc" },                /* then "cde": a tie */
    { "ab+cdef", "", "bcdef" },
    { "abcd++", "", "abcd" },
    { "abc+?d", "", "abc" },
    { "x{1}yz", "", "xyz" },
    { "x{1,1}yz", "", "xyz" },
    { "(?:abc){2}", "", "abc" },
    /* groups: products, nested optional groups */
    { "x(?:abc|def)y", "", "xabcy|xdefy" },
    { "(?:abc|de)fgh", "", "abcfgh|defgh" },
    { "(?:a|b)(?:c|d)(?:e|f)", "", "ace|acf|ade|adf|bce|bcf|bde|bdf" },
    { "(?:a|b|c|d|e)(?:a|b|c|d)xyz", "", "axyz|bxyz|cxyz|dxyz" },
    { "(?:xy(?:def)?)ghij", "", "ghij" },
    { "((abc)(de))f", "", "abcdef" },
    { "(?<n>abc)(?P<m>def)(?'o'ghi)", "", "abcdefghi" },
    { "(?>abc|xyz)", "", "abc|xyz" },
    { "(?|(abc)|(xyz))", "", "abc|xyz" },
    { "\\b(?:migrat(?:ed|ion)|left (?:the|my) village)\\b", "",
      "left my village|left the village|migrated|migration" },
    { "\\bpolice\\b[^.]{0,40}\\brefused\\b", "", "refused" },
    { "\\b(?:no|not)\\b[^.]{0,30}\\b(?:FIR|case)\\b", "", "case|fir" },
    /* escapes */
    { "a\\.b\\.c", "", "a.b.c" },
    { "\\$100", "", "$100" },
    { "C\\+\\+ code", "", "c++ code" },
    { "\\d+ rupees", "", " rupees" },
    { "\\x41BCD", "", "bcd" },
    { "\\x{41}BCD", "", "bcd" },
    { "\\101BCD", "", "bcd" },
    { "\\p{L}abc\\pLdef", "", "abc" },
    { "\\nabc\\tdef", "", "abc" },
    { "abc\\Kdef", "", "abcdef" },
    { "^abc$", "", "abc" },
    { "\\Aabc\\z", "", "abc" },
    { "(abc)\\1", "", "abc" },
    { "(?<x>abc)\\k<x>def", "", "abc" },
    { "(abc)\\g{1}defg", "", "defg" },
    /* \Q...\E */
    { "\\Qa.b*c\\E", "", "a.b*c" },
    { "\\Qabcd\\E?", "", "abc" },
    { "\\Q(a|b)\\E", "", "(a|b)" },
    { "\\Qab\\Ec", "", "abc" },
    { "x\\Q\\E", "", "-" },
    { "abc\\E", "", "-" },
    /* classes */
    { "[abc]def", "", "def" },
    { "[]x]yzw", "", "yzw" },
    { "[^]]abc", "", "abc" },
    { "[[:alpha:]]+ing", "", "ing" },
    { "[\\]]abc", "", "abc" },
    { "[a\\Q]\\Ex]abc", "", "abc" },
    { "[(|)]abc", "", "abc" },
    { "[[:^alpha:]x]abc", "", "abc" },
    /* case-sensitive rows, non-ASCII */
    { "\\bFIR\\b", "c", "FIR/c" },
    { "FIR", "", "fir" },
    { "caf\xC3\xA9 au lait", "", " au lait" },
    { "caf\xC3\xA9", "c", "caf\xC3\xA9/c" },
    { "\xE2\x84\xAA" "elvin", "c", "elvin/c" },
    { "\xC5\xBF" "ister", "c", "ister/c" },
    /* Devanagari has no case: exact in caseless rows too */
    { "\\bमार(?:ा|ी|ते)\\b", "", "मारते|मारा|मारी" },
    { "कर्ज़?|उधार", "", "उधार|कर्ज" },
    { "जबरन\\s+शादी", "", "जबरन" },
    /* lookarounds are zero-width; a positive one's literals are needed */
    { "(?=police)\\w+", "", "police" },
    { "(?<=police )\\w+", "", "police " },
    { "(?!police)\\w+abc", "", "abc" },
    { "ab(?=c)de", "", "abde" },
    { "(?<!no )\\bFIR", "c", "FIR/c" },
    /* must get no prefilter */
    { "abc|de", "", "-" },
    { "abc|", "", "-" },
    { "abc?", "", "-" },
    { "\\w+", "", "-" },
    { ".*", "", "-" },
    { "\\bx\\b", "", "-" },
    { "(?i)abc", "c", "-" },
    { "(?-i:abc)", "", "-" },
    { "a(*ACCEPT)bcd", "", "-" },
    { "abc(*SKIP)def", "", "-" },
    { "(x)?(?(1)abc|def)", "", "-" },
    { "(?#c)abc", "", "-" },
    { "abc(?R)?", "", "-" },
    { "(abc)(?1)", "", "-" },
    { "a{,3}bcd", "", "-" },
    { "a{ 1 }bcd", "", "-" },
    { "a b c d", "x", "-" },
    { "(?:ab){2}", "", "-" },
    { "\\_abc", "", "-" },
};

/* A code's literals as "a|b/c|..." (sorted) or "-". */
static void lits_text(const cb_code *c, char *buf, size_t size)
{
    char *v[64];
    size_t n = c->nlits < 64 ? c->nlits : 64, at = 0;
    for (size_t k = 0; k < n; k++) {
        v[k] = malloc(c->lits[k].n + 3);
        memcpy(v[k], c->lits[k].s, c->lits[k].n);
        strcpy(v[k] + c->lits[k].n, c->lits[k].caseless ? "" : "/c");
    }
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && strcmp(v[k - 1], v[k]) > 0; k--) {
            char *t = v[k];
            v[k] = v[k - 1];
            v[k - 1] = t;
        }
    snprintf(buf, size, "%s", n ? "" : "-");
    for (size_t k = 0; k < n; k++) {
        at += (size_t)snprintf(buf + at, size - at, "%s%s", k ? "|" : "",
                               v[k]);
        free(v[k]);
    }
}

START_TEST(test_pattern_literals)
{
    coda_code_row r = { 0 };
    r.code = "c";
    r.pattern = lit_cases[_i].pattern;
    r.flags = lit_cases[_i].flags;
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    ck_assert_int_eq(coda_codebook_add_row(cb, &r, &err), CODA_OK);
    ck_assert_msg(coda_codebook_compile(cb, 0, &err) == CODA_OK, "%s: %s",
                  r.pattern, err.msg);
    char got[512];
    lits_text(&cb->codes[0], got, sizeof got);
    ck_assert_msg(!strcmp(got, lit_cases[_i].want), "%s (%s): got %s, want %s",
                  r.pattern, r.flags, got, lit_cases[_i].want);
    coda_codebook_free(cb);
}
END_TEST

/* Rows of one code: all must yield literals, each with its own case. */
START_TEST(test_code_rows)
{
    static const struct {
        const char *p1, *f1, *p2, *f2, *want;
    } cases[] = {
        { "abc", "", "DEF", "c", "DEF/c|abc" },
        { "abc", "", "\\w+", "", "-" },
        { "abc", "", "de", "", "-" },
        { "abc", "", "abc", "c", "abc|abc/c" },
        { "abc", "", "", "", "abc" },           /* a row without pattern */
    };
    for (size_t i = 0; i < NELEM(cases); i++) {
        coda_code_row r[2] = { { 0 }, { 0 } };
        r[0].code = r[1].code = "c";
        r[0].pattern = cases[i].p1;
        r[0].flags = cases[i].f1;
        r[1].pattern = cases[i].p2;
        r[1].flags = cases[i].f2;
        r[1].line = 2;
        coda_codebook *cb = coda_codebook_new();
        coda_error err;
        ck_assert_int_eq(coda_codebook_add_row(cb, &r[0], &err), CODA_OK);
        ck_assert_int_eq(coda_codebook_add_row(cb, &r[1], &err), CODA_OK);
        ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_OK);
        char got[256];
        lits_text(&cb->codes[0], got, sizeof got);
        ck_assert_msg(!strcmp(got, cases[i].want), "case %zu: got %s", i, got);
        coda_codebook_free(cb);
    }
}
END_TEST

/* A long alternation keeps every word up to 1024 literals, then none. */
START_TEST(test_long_alternation)
{
    static const size_t sizes[] = { 300, 1024, 1025 };
    for (size_t t = 0; t < NELEM(sizes); t++) {
        size_t n = sizes[t];
        char *pat = malloc(n * 8 + 16), *at = pat;
        at += sprintf(at, "\\b(?:");
        for (size_t i = 0; i < n; i++)
            at += sprintf(at, "%sw%04zu", i ? "|" : "", i);
        strcpy(at, ")\\b");
        coda_code_row r = { 0 };
        r.code = "c";
        r.pattern = pat;
        coda_codebook *cb = coda_codebook_new();
        coda_error err;
        ck_assert_int_eq(coda_codebook_add_row(cb, &r, &err), CODA_OK);
        ck_assert_int_eq(coda_codebook_compile(cb, 0, &err), CODA_OK);
        ck_assert_uint_eq(cb->codes[0].nlits, n <= 1024 ? n : 0);
        coda_codebook_free(cb);
        free(pat);
    }
}
END_TEST

/* Reading tricky patterns and building the automaton, out of memory. */
static coda_status oom_derive(void *ctx, coda_error *err)
{
    (void)ctx;
    static const char *const pats[] = {
        "\\b(?:migrat(?:ed|ion)|left (?:the|my) village)\\b",
        "(?:a|b)(?:c|d)(?:e|f)|\\Qx.y\\E|(?=police)\\w+",
        "\\bpolice\\b[^.]{0,40}\\b(?:refused|sent us away)\\b",
        "\\bमार(?:ा|ी|ते)\\b|FIR",
    };
    coda_codebook *cb = coda_codebook_new();
    coda_status st = cb ? CODA_OK : coda_error_nomem(err);
    for (size_t i = 0; i < NELEM(pats) && st == CODA_OK; i++) {
        coda_code_row r = { 0 };
        r.code = i % 2 ? "odd" : "even";
        r.pattern = pats[i];
        r.flags = i == 3 ? "c" : "";
        st = coda_codebook_add_row(cb, &r, err);
    }
    if (st == CODA_OK)
        st = coda_codebook_compile(cb, 0, err);
    if (st == CODA_OK)
        ck_assert(cb->codes[0].nlits == 6 && cb->codes[1].nlits == 14);
    coda_codebook_free(cb);
    return st;
}

START_TEST(test_derive_out_of_memory)
{
    oom_loop(oom_derive, NULL, 0);
    oom_loop(oom_derive, NULL, 1);
}
END_TEST

/* --- PCRE2's caseless matching, as codebook_prefilter.c assumes it ------- */

static size_t put_utf8(char *p, unsigned cp)
{
    if (cp < 0x80)
        return p[0] = (char)cp, 1;
    if (cp < 0x800)
        return p[0] = (char)(0xC0 | cp >> 6), p[1] = (char)(0x80 | (cp & 63)),
               2;
    if (cp < 0x10000)
        return p[0] = (char)(0xE0 | cp >> 12),
               p[1] = (char)(0x80 | ((cp >> 6) & 63)),
               p[2] = (char)(0x80 | (cp & 63)), 3;
    return p[0] = (char)(0xF0 | cp >> 18),
           p[1] = (char)(0x80 | ((cp >> 12) & 63)),
           p[2] = (char)(0x80 | ((cp >> 6) & 63)),
           p[3] = (char)(0x80 | (cp & 63)), 4;
}

/* Every code point in [lo, hi) but surrogates, encoded one after another. */
static char *all_chars(unsigned lo, unsigned hi, size_t *len)
{
    char *s = malloc((size_t)(hi - lo) * 4 + 1);
    size_t n = 0;
    for (unsigned cp = lo; cp < hi; cp++)
        if (cp < 0xD800 || cp > 0xDFFF)
            n += put_utf8(s + n, cp);
    *len = n;
    return s;
}

/* The code points of s[0..len) that caseless (UTF, UCP) re matches. */
static size_t caseless_hits(const char *re, const char *s, size_t len,
                            unsigned *out, size_t max)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                  PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS,
                                  &code, &off, NULL);
    ck_assert_ptr_nonnull(c);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    size_t n = 0, at = 0;
    while (pcre2_match(c, (PCRE2_SPTR)s, len, at, 0, md, NULL) > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        unsigned cp = 0;
        const unsigned char *u = (const unsigned char *)s + ov[0];
        size_t k = u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4;
        cp = u[0] & (k == 2 ? 0x1F : k == 3 ? 0x0F : 0x07);
        for (size_t j = 1; j < k; j++)
            cp = cp << 6 | (u[j] & 63);
        if (n < max)
            out[n] = cp;
        n++;
        at = ov[1];
    }
    pcre2_match_data_free(md);
    pcre2_code_free(c);
    return n;
}

START_TEST(test_pcre2_folding)
{
    size_t len;
    unsigned hits[8];
    char *beyond = all_chars(0x80, 0x110000, &len);
    /* an ASCII letter's only non-ASCII partners: U+017F and U+212A */
    ck_assert_uint_eq(caseless_hits("[a-z]", beyond, len, hits, 8), 2);
    ck_assert_uint_eq(hits[0], 0x17F);
    ck_assert_uint_eq(hits[1], 0x212A);
    ck_assert_uint_eq(caseless_hits("a|b|c|d|e|f|g|h|i|j|k|l|m|n|o|p|q|r|s|t|"
                                    "u|v|w|x|y|z", beyond, len, hits, 8), 2);
    ck_assert_uint_eq(hits[0], 0x17F);
    ck_assert_uint_eq(hits[1], 0x212A);
    /* other ASCII characters have none */
    ck_assert_uint_eq(caseless_hits("[\\x00-\\x40\\x5B-\\x60\\x7B-\\x7F]",
                                    beyond, len, hits, 8), 0);
    free(beyond);
    /* the Indic blocks: no partner outside, and none inside but itself */
    char *before = all_chars(0x80, 0x900, &len);
    ck_assert_uint_eq(caseless_hits("[\\x{900}-\\x{DFF}]", before, len, hits,
                                    8), 0);
    free(before);
    char *after = all_chars(0xE00, 0x110000, &len);
    ck_assert_uint_eq(caseless_hits("[\\x{900}-\\x{DFF}]", after, len, hits,
                                    8), 0);
    free(after);
    char *indic = all_chars(0x900, 0xE00, &len);
    for (unsigned cp = 0x900; cp < 0xE00; cp++) {
        char re[16];
        snprintf(re, sizeof re, "\\x{%X}", cp);
        ck_assert_uint_eq(caseless_hits(re, indic, len, hits, 8), 1);
        ck_assert_uint_eq(hits[0], cp);
    }
    free(indic);
}
END_TEST

/* --- the Aho-Corasick set -------------------------------------------------- */

START_TEST(test_literals_basic)
{
    coda_literals *l = coda_literals_new();
    static const char *const words[] = { "he", "she", "his", "hers", "FIR",
                                         "bc" };
    for (uint32_t i = 0; i < 6; i++)
        ck_assert_int_eq(coda_literals_add(l, words[i], strlen(words[i]),
                                           i != 4, i), CODA_OK);
    ck_assert_int_eq(coda_literals_add(l, "x", 0, 1, 9), CODA_EARG);
    ck_assert_uint_eq(coda_literals_ids(l), 6);
    ck_assert_int_eq(coda_literals_build(l), CODA_OK);
    ck_assert_int_eq(coda_literals_add(l, "x", 1, 1, 9), CODA_EARG);
    static const struct {
        const char *text, *want;
    } cases[] = {
        { "ushers", "110100" }, { "USHERS", "110100" }, { "", "000000" },
        { "first FIR", "000010" }, { "first fir", "000000" },
        { "abcd", "000001" }, { "hi", "000000" }, { "xhisx", "001000" },
        { "s\xE2\x84\xAA" "he", "100000" },   /* the coder folds K */
    };
    for (size_t c = 0; c < NELEM(cases); c++) {
        uint8_t hit[6] = { 0 };
        char got[7];
        coda_literals_scan(l, cases[c].text, strlen(cases[c].text), hit);
        for (int i = 0; i < 6; i++)
            got[i] = (char)('0' + hit[i]);
        got[6] = '\0';
        ck_assert_msg(!strcmp(got, cases[c].want), "%s: %s", cases[c].text,
                      got);
    }
    coda_literals_free(l);
    l = coda_literals_new();                    /* empty: finds nothing */
    ck_assert_int_eq(coda_literals_build(l), CODA_OK);
    coda_literals_scan(l, "abc", 3, NULL);
    coda_literals_free(l);
    coda_literals_free(NULL);
}
END_TEST

static int naive_has(const char *t, size_t n, const char *w, size_t k,
                     int caseless)
{
    for (size_t i = 0; i + k <= n; i++) {
        size_t j = 0;
        while (j < k && (caseless ? (t[i + j] | 0x20) == (w[j] | 0x20)
                                  : t[i + j] == w[j]))
            j++;
        if (j == k)
            return 1;
    }
    return 0;
}

/* Random literals over a, b, A, B (some case-sensitive, ids shared) on
 * random texts: the scan finds exactly what a naive search finds. */
START_TEST(test_literals_random)
{
    static const char alpha[] = "abAB";
    unsigned seed = 11;
    for (int round = 0; round < 300; round++) {
        char w[12][6], text[80];
        size_t wn[12], nw = 1 + (size_t)rand_r(&seed) % 12;
        int cl[12];
        uint32_t id[12];
        coda_literals *l = coda_literals_new();
        for (size_t i = 0; i < nw; i++) {
            wn[i] = 1 + (size_t)rand_r(&seed) % 5;
            for (size_t k = 0; k < wn[i]; k++)
                w[i][k] = alpha[rand_r(&seed) % 4];
            cl[i] = rand_r(&seed) % 2;
            id[i] = (uint32_t)rand_r(&seed) % 6;
            ck_assert_int_eq(coda_literals_add(l, w[i], wn[i], cl[i], id[i]),
                             CODA_OK);
        }
        ck_assert_int_eq(coda_literals_build(l), CODA_OK);
        for (int t = 0; t < 20; t++) {
            size_t n = (size_t)rand_r(&seed) % sizeof text;
            for (size_t k = 0; k < n; k++)
                text[k] = alpha[rand_r(&seed) % 4];
            uint8_t hit[6] = { 0 }, want[6] = { 0 };
            coda_literals_scan(l, text, n, hit);
            for (size_t i = 0; i < nw; i++)
                want[id[i]] |= (uint8_t)naive_has(text, n, w[i], wn[i], cl[i]);
            ck_assert_mem_eq(hit, want, 6);
        }
        coda_literals_free(l);
    }
}
END_TEST

static coda_status oom_build(void *ctx, coda_error *err)
{
    (void)ctx;
    static const char *const words[] = { "police", "thana", "FIR", "पुलिस",
                                         "refused", "fir", "ice" };
    coda_literals *l = coda_literals_new();
    coda_status st = l ? CODA_OK : CODA_ENOMEM;
    for (uint32_t i = 0; i < NELEM(words) && st == CODA_OK; i++)
        st = coda_literals_add(l, words[i], strlen(words[i]), i != 2, i % 3);
    if (st == CODA_OK)
        st = coda_literals_build(l);
    if (st == CODA_OK) {
        uint8_t hit[3] = { 0 };
        coda_literals_scan(l, "the police refused", 18, hit);
        ck_assert(hit[0] && hit[1] && !hit[2]);
    }
    coda_literals_free(l);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

START_TEST(test_literals_out_of_memory)
{
    oom_loop(oom_build, NULL, 0);
    oom_loop(oom_build, NULL, 1);
}
END_TEST

/* --- random patterns, prefilter on and off -------------------------------- */

/* Pieces of text: ASCII letters whose case matters, the two non-ASCII
 * partners of k and s, Devanagari, an e-acute. */
static const char *const text_bits[] = {
    "a", "b", "c", "A", "B", "k", "K", "s", "S", " ", ".", "\n", "ab", "abc",
    "\xE2\x84\xAA", "\xC5\xBF", "क", "ा", "\xC3\xA9", "\xC3\x89", "kas",
};

/* Atoms: mostly characters (runs of them give literals), some opaque or
 * zero-width items and escapes. */
static const char *const lit_bits[] = {
    "a", "b", "c", "A", "B", "k", "K", "s", "S", " ", "ab", "abc", "kas",
    "Ka", "क", "ा", "\\.", "\\x61", "\\Qa.\\E", "\xC3\xA9",
};

static const char *const opaque_bits[] = {
    ".", "[ab]", "[^a]", "\\w", "\\s", "\xE2\x84\xAA", "\xC5\xBF", "\\d",
};

static const char *const zero_bits[] = {        /* never quantified */
    "\\b", "\\B", "^", "$", "\\K",
};

static const char *const quant_bits[] = {
    "", "", "", "", "", "", "", "", "", "?", "*", "+", "{0,2}", "{1,2}",
    "{2}", "??", "++", "{1}",
};

static void gen_seq(unsigned *seed, char *p, size_t size, int depth);

/* An atom into p; 0 when it may not take a quantifier. */
static int gen_atom(unsigned *seed, char *p, size_t size, int depth)
{
    int r = rand_r(seed) % 14;
    if (depth < 3 && r < 3) {
        static const char *const open[] = { "(?:", "(", "(?=", "(?!" };
        const char *o = open[rand_r(seed) % (r == 0 ? 4 : 2)];
        char a[180], b[180];
        gen_seq(seed, a, sizeof a, depth + 1);
        gen_seq(seed, b, sizeof b, depth + 1);
        int w = snprintf(p, size, "%s%s%s%s)", o, a,
                         rand_r(seed) % 2 ? "|" : "", b);
        ck_assert(w > 0 && (size_t)w < size);
    } else if (r < 10)
        snprintf(p, size, "%s", lit_bits[rand_r(seed) % NELEM(lit_bits)]);
    else if (r < 12)
        snprintf(p, size, "%s", opaque_bits[rand_r(seed) % NELEM(opaque_bits)]);
    else {
        snprintf(p, size, "%s", zero_bits[rand_r(seed) % NELEM(zero_bits)]);
        return 0;
    }
    return 1;
}

static void gen_seq(unsigned *seed, char *p, size_t size, int depth)
{
    size_t n = 0, k = 1 + (size_t)rand_r(seed) % 6;
    p[0] = '\0';
    for (size_t i = 0; i < k && n + 1 < size; i++) {
        char a[400];
        const char *q = quant_bits[rand_r(seed) % NELEM(quant_bits)];
        if (!gen_atom(seed, a, sizeof a, depth))
            q = "";
        n += (size_t)snprintf(p + n, size - n, "%s%s", a, q);
    }
}

static void gen_text(unsigned *seed, char *p, size_t size)
{
    size_t n = 0, k = (size_t)rand_r(seed) % 60;
    p[0] = '\0';
    for (size_t i = 0; i < k && n + 8 < size; i++)
        n += (size_t)snprintf(p + n, size - n, "%s",
                              text_bits[rand_r(seed) % NELEM(text_bits)]);
}

static coda_table *gen_corpus(unsigned *seed)
{
    static char texts[40][600], ids[40][16];
    const char *tp[40], *ip[40];
    for (int i = 0; i < 40; i++) {
        gen_text(seed, texts[i], sizeof texts[i]);
        snprintf(ids[i], sizeof ids[i], "d%02d", i);
        tp[i] = texts[i];
        ip[i] = ids[i];
    }
    size_t lens[40];
    for (int i = 0; i < 40; i++)
        lens[i] = strlen(tp[i]);
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = CODA_UNIT_DOCUMENT;
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_corpus_split(ip, tp, lens, 40, "mem", &o, &t, &err),
                     CODA_OK);
    return t;
}

/* A codebook of 12 random codes (one or two rows, random flags), compiled
 * leniently; the names of those that compile go into ok. */
static coda_codebook *gen_book(unsigned *seed, char names[][16],
                               const char **ok, size_t *nok)
{
    static const char *const flags[] = { "", "", "c", "w", "cw", "s" };
    coda_codebook *cb = coda_codebook_new();
    coda_error err;
    for (int i = 0; i < 12; i++) {
        snprintf(names[i], 16, "c%02d", i);
        for (int rows = 1 + (rand_r(seed) % 3 == 0); rows > 0; rows--) {
            char pat[600];
            gen_seq(seed, pat, sizeof pat, 0);
            coda_code_row r = { 0 };
            r.code = names[i];
            r.pattern = pat;
            r.flags = flags[rand_r(seed) % NELEM(flags)];
            r.line = i + 2;
            ck_assert_int_eq(coda_codebook_add_row(cb, &r, &err), CODA_OK);
        }
    }
    ck_assert_int_eq(coda_codebook_compile(cb, 1, &err), CODA_OK);
    *nok = 0;
    for (size_t i = 0; i < cb->n; i++)
        if (!cb->codes[i].error)
            ok[(*nok)++] = cb->codes[i].name;
    return cb;
}

/* Code t with the codes named; NULL when a match limit is hit (with the
 * prefilter a unit may be skipped where the regex would hit it). */
static coda_table *code_with(const coda_codebook *cb, const coda_table *t,
                             const char **codes, size_t n, int prefilter)
{
    coda_code_opts o;
    coda_code_opts_init(&o);
    o.threads = 1;
    o.codes = codes;
    o.ncodes = n;
    o.prefilter = prefilter;
    o.match_limit = 100000;
    coda_table *s = NULL;
    coda_error err;
    coda_status st = coda_code(cb, t, &o, &s, &err);
    ck_assert_msg(st == CODA_OK || (st == CODA_EREGEX &&
                                    strstr(err.msg, "limit")), "%s", err.msg);
    return s;
}

START_TEST(test_random_on_off)
{
    unsigned seed = 2024 + (unsigned)_i;
    size_t with_lits = 0, segments = 0, limited = 0, lit_segments = 0;
    for (int round = 0; round < 80; round++) {
        char names[12][16];
        const char *ok[12];
        size_t nok;
        coda_codebook *cb = gen_book(&seed, names, ok, &nok);
        coda_table *t = gen_corpus(&seed);
        for (size_t i = 0; i < cb->n; i++)
            with_lits += cb->codes[i].nlits > 0;
        coda_table *on = nok ? code_with(cb, t, ok, nok, 1) : NULL;
        coda_table *off = nok ? code_with(cb, t, ok, nok, 0) : NULL;
        limited += nok && (!on || !off);
        if (on && off) {
            ck_assert_tables_eq(on, off);
            segments += off->nrow;
            for (size_t r = 0; r < off->nrow; r++) {
                long k = coda_codebook_find(cb, off->cols[3].v.s.p[r]);
                lit_segments += cb->codes[k].nlits > 0;
            }
        }
        coda_table_free(on);
        coda_table_free(off);
        coda_table_free(t);
        coda_codebook_free(cb);
    }
    /* the grammar exercises the prefilter: many codes get literals, and
     * they match */
    ck_assert_uint_gt(with_lits, 200);
    ck_assert_uint_gt(lit_segments, 300);
    ck_assert_uint_gt(segments, 10000);
    ck_assert_uint_lt(limited, 8);
}
END_TEST

Suite *literals_suite(void)
{
    Suite *s = suite_create("literals");
    TCase *tc = tcase_create("literals");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_pattern_literals, 0, (int)NELEM(lit_cases));
    tcase_add_test(tc, test_code_rows);
    tcase_add_test(tc, test_long_alternation);
    tcase_add_test(tc, test_derive_out_of_memory);
    tcase_add_test(tc, test_pcre2_folding);
    tcase_add_test(tc, test_literals_basic);
    tcase_add_test(tc, test_literals_random);
    tcase_add_test(tc, test_literals_out_of_memory);
    tcase_add_loop_test(tc, test_random_on_off, 0, 8);
    suite_add_tcase(s, tc);
    return s;
}
