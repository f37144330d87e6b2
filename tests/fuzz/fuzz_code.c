/* fuzz_code.c - coding a corpus made of arbitrary text, with a small fixed
 * codebook or one whose rows come from the input.
 *
 * coder.h promises the same segments for any number of threads, with or
 * without the prefilter and the ASCII compile: the corpus is coded once
 * with one thread, the prefilter and the ASCII compile, and once with 1-3
 * threads and the other two as the input says, and both results (when
 * neither hit a match limit) must be equal.  Every segment must lie in its
 * unit, hold the text it points at, come in order (row, start, code) and
 * not overlap the previous segment of its code; a code's first segment in
 * a unit must be what coda_codebook_first finds there.  Then the segment
 * summaries run on the result, and a speaker filter (coda_speakers_pick)
 * chooses units that are coded again.  With
 * a lenient compile, a one-row code whose pattern compiles on its own must
 * also compile as coda wraps it (rewritten word boundaries, flags group).
 *
 * Input: 3 option bytes, then for mode bit 0 a codebook, one row a line
 * "code TAB pattern TAB flags TAB exclude TAB parent" (fields may be left
 * off) ended by a line "---", then the text.
 *   0  bit 0 codebook from the input, bit 1 lenient compile, bit 2
 *      the speaker filter excludes (else keeps) speakers whose name the
 *      first pattern matches
 *   1  bits 0-1 unit kind, bit 2 replace invalid UTF-8
 *   2  bits 0-1 threads of the second run (1-3), bit 2 its prefilter, bit 3
 *      its ASCII compile */
#include "fuzz.h"

#include "codebook.h"
#include "coder.h"
#include "corpus.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* code, pattern, flags, exclude, parent */
static const char *const fixed[][5] = {
    { "violence", "", "", "", "" },
    { "forced_marriage", "\\bशादी\\b", "", "", "violence" },
    { "forced_marriage", "\\bmarried off\\b|\\bforced marriage\\b", "", "", "" },
    { "beating", "\\bbeat(?:en)?\\b|\\bमार(?:ा|ते)\\b", "", "", "violence" },
    { "fir", "\\bFIR\\b", "c", "\\b[Nn]o FIR\\b|कोई FIR नहीं", "" },
    { "debt", "\\b(?:debt|loan|advance)s?\\b", "", "", "" },
    { "trafficking_bn", "\\bপাচার\\b", "", "", "" },
    { "police", "police|thana|पुलिस", "w", "", "" },
    { "kin", "kin|sister", "", "", "" },
    { "said", "said.+?[.।]", "s", "", "" },
    { "line_start", "^\\w+", "m", "", "" },
    { "spaced", "sis ter  # a comment", "x", "", "" },
    { "after_space", "(?<=\\s)FIR|\\BIR\\b", "c", "", "" },
    { "any_word", "\\w+", "", "\\bnone\\b", "" },
};

static coda_status add(coda_codebook *cb, const char *const f[5], long line,
                       coda_error *err)
{
    coda_code_row r;
    memset(&r, 0, sizeof r);
    r.code = f[0];
    r.pattern = f[1];
    r.flags = f[2];
    r.exclude = f[3];
    r.parent = f[4];
    r.file = "fuzz";
    r.line = line;
    return coda_codebook_add_row(cb, &r, err);
}

/* Rows from "a\tb\tc\td\te" lines up to a line "---"; *text after it.
 * Returns the codebook's source as one NUL-terminated copy (fields cut in
 * place), or NULL when there is no "---" line. */
static char *input_rows(const char *s, size_t len, coda_codebook *cb,
                        const char **text, size_t *tlen, coda_status *st,
                        coda_error *err, char *first_pattern, size_t fpsize)
{
    const char *end = memmem(s, len, "\n---\n", 5);
    if (!end)
        return NULL;
    size_t n = (size_t)(end - s);
    *text = end + 5;
    *tlen = len - n - 5;
    char *src = malloc(n + 1);
    FZ_CHECK(src != NULL, "out of memory");
    memcpy(src, s, n);
    src[n] = '\0';
    if (memchr(src, '\0', n)) {       /* a NUL would cut a field silently */
        *st = coda_error_set(err, CODA_EARG, "fuzz", 0, 0, "a NUL byte");
        return src;
    }
    long line = 0;
    for (char *p = src; p && *st == CODA_OK;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        const char *f[5] = { "", "", "", "", "" };
        char *q = p;
        for (int k = 0; k < 5 && q; k++) {
            f[k] = q;
            q = strchr(q, '\t');
            if (q)
                *q++ = '\0';
        }
        if (!first_pattern[0])
            snprintf(first_pattern, fpsize, "%s", f[1]);
        *st = add(cb, f, line, err);
        p = nl ? nl + 1 : NULL;
    }
    return src;
}

/* 1 when pattern compiles on its own as coda compiles it (UTF, UCP and
 * the row's flags), and holds nothing that cannot go inside a group:
 * start-of-pattern items such as (*UTF) and (*LIMIT_MATCH=), or a #
 * comment of an inline (?x) that would swallow what follows it. */
static int compiles_alone(const char *pattern, const char *flags)
{
    uint32_t o = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;
    for (const char *f = flags; *f; f++)
        o = *f == 'c' ? o & ~(uint32_t)PCRE2_CASELESS
            : *f == 'i' ? o | PCRE2_CASELESS
            : *f == 'x' ? o | PCRE2_EXTENDED
            : *f == 's' ? o | PCRE2_DOTALL
            : *f == 'm' ? o | PCRE2_MULTILINE : o;
    static const char *const start_items[] = {
        "(*UTF", "(*UCP", "(*NO_", "(*NOTEMPTY", "(*LIMIT_", "(*CR", "(*LF",
        "(*ANY", "(*NUL", "(*BSR_"
    };
    for (size_t k = 0; k < sizeof start_items / sizeof start_items[0]; k++)
        if (strstr(pattern, start_items[k]))
            return 0;
    if (strchr(pattern, '#') && strstr(pattern, "(?"))
        return 0;
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, strlen(pattern), o,
                                   &ec, &off, NULL);
    pcre2_code_free(re);
    return re != NULL;
}

/* A code of one row whose pattern and exclude compile alone must compile
 * as coda wraps them (the word-boundary rewrite, the flags group, the
 * callouts of the step limit). */
static void check_wrapping(const coda_codebook *cb)
{
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        if (!in.error || in.nrows != 1 || !strstr(in.error, "together"))
            continue;
        coda_code_row r;
        coda_codebook_row(cb, i, 0, &r);
        if ((!*r.pattern || compiles_alone(r.pattern, r.flags)) &&
            (!*r.exclude || compiles_alone(r.exclude, r.flags)))
            FZ_CHECK(0, "code \"%s\": pattern \"%s\" exclude \"%s\" flags "
                     "\"%s\" compile alone, not wrapped: %s", in.name,
                     r.pattern, r.exclude, r.flags, in.error);
    }
}

/* The segments of seg against the corpus they came from. */
static void check_segments(const coda_codebook *cb, const coda_table *corpus,
                           const coda_table *seg)
{
    const coda_column *cdoc = &corpus->cols[0], *cunit = &corpus->cols[1],
                      *ctext = &corpus->cols[3];
    const coda_column *sdoc = &seg->cols[0], *sunit = &seg->cols[1],
                      *scode = &seg->cols[3], *sstart = &seg->cols[4],
                      *sstop = &seg->cols[5], *smatch = &seg->cols[6];
    FZ_CHECK(seg->ncol == 7, "%zu segment columns", seg->ncol);
    size_t row = 0, ncodes = coda_codebook_size(cb);
    long prev_code = -1;
    int64_t prev_start = 0;
    int64_t *last_stop = calloc(ncodes ? ncodes : 1, sizeof *last_stop);
    FZ_CHECK(last_stop != NULL, "out of memory");
    for (size_t r = 0; r < seg->nrow; r++) {
        size_t before = row;
        while (row < corpus->nrow &&
               (strcmp(cdoc->v.s.p[row], sdoc->v.s.p[r]) != 0 ||
                cunit->v.i[row] != sunit->v.i[r]))
            row++;
        FZ_CHECK(row < corpus->nrow, "segment %zu: unit %s:%lld not found in "
                 "corpus order", r + 1, sdoc->v.s.p[r],
                 (long long)sunit->v.i[r]);
        if (row != before || r == 0) {
            prev_code = -1;
            prev_start = 0;
            memset(last_stop, 0, (ncodes ? ncodes : 1) * sizeof *last_stop);
        }
        long code = coda_codebook_find(cb, scode->v.s.p[r]);
        int64_t a = sstart->v.i[r], b = sstop->v.i[r];
        size_t len = ctext->v.s.len[row];
        FZ_CHECK(code >= 0, "segment %zu: unknown code", r + 1);
        FZ_CHECK(a >= 1 && a <= b && (uint64_t)b <= len, "segment %zu: "
                 "[%lld, %lld] in a unit of %zu bytes", r + 1, (long long)a,
                 (long long)b, len);
        FZ_CHECK(smatch->v.s.len[r] == (size_t)(b - a + 1) &&
                 memcmp(smatch->v.s.p[r], ctext->v.s.p[row] + a - 1,
                        (size_t)(b - a + 1)) == 0,
                 "segment %zu: match is not the text at [%lld, %lld]", r + 1,
                 (long long)a, (long long)b);
        FZ_CHECK(a > prev_start || (a == prev_start && code > prev_code),
                 "segment %zu: out of order", r + 1);
        FZ_CHECK(a > last_stop[code], "segment %zu: overlaps the previous "
                 "one of code %s", r + 1, scode->v.s.p[r]);
        prev_start = a;
        prev_code = code;
        last_stop[code] = b;
    }
    free(last_stop);
}

/* coda_codebook_first agrees with the first segment of each code in each
 * of the first units. */
static void check_first(const coda_codebook *cb, const coda_table *corpus,
                        const coda_table *seg)
{
    size_t ncodes = coda_codebook_size(cb), s = 0;
    const coda_column *ctext = &corpus->cols[3];
    for (size_t row = 0; row < corpus->nrow && row < 8; row++) {
        /* segments of this row: they follow in corpus order */
        size_t s0 = s;
        while (s < seg->nrow &&
               strcmp(seg->cols[0].v.s.p[s], corpus->cols[0].v.s.p[row]) ==
                   0 &&
               seg->cols[1].v.i[s] == corpus->cols[1].v.i[row])
            s++;
        for (size_t k = 0; k < ncodes; k++) {
            coda_code_info in;
            coda_codebook_info(cb, k, &in);
            int found = 0;
            size_t a = 0, b = 0;
            coda_error err;
            coda_error_clear(&err);
            coda_status st = coda_codebook_first(cb, k, ctext->v.s.p[row],
                                                 ctext->v.s.len[row], &found,
                                                 &a, &b, &err);
            if (st != CODA_OK)
                continue;               /* a limit the coder did not hit */
            size_t j = s0;
            while (j < s && strcmp(seg->cols[3].v.s.p[j], in.name) != 0)
                j++;
            FZ_CHECK(found == (j < s), "row %zu code %s: first %s, coding "
                     "%s", row + 1, in.name, found ? "found" : "found none",
                     j < s ? "found" : "found none");
            if (found)
                FZ_CHECK(seg->cols[4].v.i[j] == (int64_t)a + 1 &&
                         seg->cols[5].v.i[j] == (int64_t)b,
                         "row %zu code %s: first [%zu, %zu), coding [%lld, "
                         "%lld]", row + 1, in.name, a, b,
                         (long long)seg->cols[4].v.i[j],
                         (long long)seg->cols[5].v.i[j]);
        }
    }
}

static void summaries(const coda_table *corpus, const coda_table *seg)
{
    coda_seg_opts so;
    memset(&so, 0, sizeof so);
    so.by = "doc";
    so.corpus = corpus;
    coda_table *t = NULL;
    coda_error err;
    coda_error_clear(&err);
    FZ_CHECK(coda_seg_cases(seg, &so, &t, &err) == CODA_OK, "cases: %s",
             err.msg);
    fz_walk(t);
    coda_table_free(t);
    so.binary = 1;
    t = NULL;
    coda_status st = coda_seg_matrix(seg, &so, &t, &err);
    if (st == CODA_OK)
        fz_walk(t);
    else                                /* a code called like the case column */
        FZ_CHECK(st == CODA_EARG && strstr(err.msg, "case column"),
                 "matrix: %s", err.msg);
    coda_table_free(t);
    FZ_CHECK(coda_seg_cooccurrence(seg, &so, &t, &err) == CODA_OK,
             "cooccurrence: %s", err.msg);
    fz_walk(t);
    coda_table_free(t);
}

static void code_and_check(const coda_codebook *cb, const coda_table *corpus,
                           unsigned o2, const uint8_t *skip)
{
    coda_code_opts a, b;
    coda_code_opts_init(&a);
    a.threads = 1;
    a.match_limit = 200000;             /* keep pathological inputs quick */
    a.skip = skip;
    b = a;
    b.threads = (int)(o2 & 3) % 3 + 1;
    b.prefilter = (o2 >> 2) & 1;
    b.ascii = (o2 >> 3) & 1;
    coda_table *ta = NULL, *tb = NULL;
    coda_error ea, eb;
    coda_error_clear(&ea);
    coda_error_clear(&eb);
    coda_status sa = coda_code(cb, corpus, &a, &ta, &ea);
    coda_status sb = coda_code(cb, corpus, &b, &tb, &eb);
    if (sa != CODA_OK)
        fz_check_error(sa, &ea);
    if (sb != CODA_OK)
        fz_check_error(sb, &eb);
    if (sa != CODA_EREGEX && sb != CODA_EREGEX)
        FZ_CHECK(sa == sb, "status %s with threads 1, prefilter, ASCII; %s "
                 "with threads %d, prefilter %d, ASCII %d (%s / %s)",
                 coda_strerror(sa), coda_strerror(sb), b.threads, b.prefilter,
                 b.ascii, ea.msg, eb.msg);
    if (sa == CODA_OK && sb == CODA_OK) {
        char why[300];
        FZ_CHECK(!fz_table_diff(ta, tb, why, sizeof why), "threads 1, "
                 "prefilter, ASCII against threads %d, prefilter %d, ASCII "
                 "%d: %s", b.threads, b.prefilter, b.ascii, why);
    }
    if (sa == CODA_OK) {
        fz_walk(ta);
        check_segments(cb, corpus, ta);
        if (!skip)
            check_first(cb, corpus, ta);
        summaries(corpus, ta);
    }
    coda_table_free(ta);
    coda_table_free(tb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned o0 = fz_byte(&in), o1 = fz_byte(&in), o2 = fz_byte(&in);
    const char *text = (const char *)in.p;
    size_t tlen = in.n;
    char first_pattern[256] = "";
    coda_error err;
    coda_error_clear(&err);
    coda_codebook *cb = coda_codebook_new();
    FZ_CHECK(cb != NULL, "out of memory");
    coda_status st = CODA_OK;
    char *src = NULL;
    if (o0 & 1) {
        src = input_rows(text, tlen, cb, &text, &tlen, &st, &err,
                         first_pattern, sizeof first_pattern);
        if (!src)
            goto done;                  /* no codebook part */
    } else {
        for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] && !st; i++)
            st = add(cb, fixed[i], (long)i + 1, &err);
        FZ_CHECK(st == CODA_OK, "fixed codebook: %s", err.msg);
    }
    if (st == CODA_OK && coda_codebook_size(cb) == 0)
        goto done;
    if (st == CODA_OK)
        st = coda_codebook_compile(cb, (o0 >> 1) & 1, &err);
    if (st == CODA_OK && (o0 & 2))
        check_wrapping(cb);
    if (st != CODA_OK) {
        fz_check_error(st, &err);
        FZ_CHECK(o0 & 1, "the fixed codebook fails: %s", err.msg);
        goto done;
    }

    coda_corpus_opts co;
    coda_corpus_opts_init(&co);
    co.unit = (coda_unit_kind)(o1 & 3);
    co.replace_invalid = (o1 >> 2) & 1;
    const char *id = "doc";
    coda_table *corpus = NULL;
    coda_error_clear(&err);
    st = coda_corpus_split(&id, &text, &tlen, 1, "fuzz", &co, &corpus, &err);
    if (st != CODA_OK) {
        fz_check_error(st, &err);
        goto done;
    }
    code_and_check(cb, corpus, o2, NULL);
    if (first_pattern[0] && corpus->nrow) {
        uint8_t *skip = calloc(corpus->nrow, 1);
        FZ_CHECK(skip != NULL, "out of memory");
        coda_error_clear(&err);
        coda_speakers sp;
        coda_warnings w = { 0 };
        st = coda_speakers_init(&sp, corpus, &err);
        uint8_t *hit = st == CODA_OK ? calloc(coda_speakers_count(&sp) + 1, 1)
                                     : NULL;
        FZ_CHECK(st != CODA_OK || hit != NULL, "out of memory");
        if (st == CODA_OK)
            st = coda_speakers_pick(&sp, first_pattern, 0, hit, &w, &err);
        if (st == CODA_OK) {
            coda_speakers_mark(&sp, hit, !((o0 >> 2) & 1), skip);
            code_and_check(cb, corpus, o2, skip);
        } else
            fz_check_error(st, &err);
        coda_warnings_free(&w);
        coda_speakers_free(&sp);
        free(hit);
        free(skip);
    }
    coda_table_free(corpus);
done:
    free(src);
    coda_codebook_free(cb);
    return 0;
}
