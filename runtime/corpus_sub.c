/* corpus_sub.c - WebVTT and SubRip subtitle files read as transcripts:
 * their blocks, cue timings and cue text (made text in corpus_cue.c). */
#include "corpus_int.h"

#include "base_alloc.h"

#include <string.h>

static int blank_line(const char *s, size_t a, size_t b)
{
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    return a == b;
}

static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

static int has_arrow(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i + 3 <= b; i++)
        if (!memcmp(s + i, "-->", 3))
            return 1;
    return 0;
}

/* s[a..b) is word followed by a space, a tab or nothing. */
static int starts_word(const char *s, size_t a, size_t b, const char *word)
{
    size_t n = strlen(word);
    return b - a >= n && !memcmp(s + a, word, n) &&
           (b - a == n || s[a + n] == ' ' || s[a + n] == '\t');
}

static int all_digits(const char *s, size_t a, size_t b)
{
    while (a < b && s[a] >= '0' && s[a] <= '9')
        a++;
    return a == b;
}

coda_text_format coda_sniff_subtitles(const char *s, size_t len)
{
    if (starts_word(s, 0, line_end(s, len, 0), "WEBVTT"))
        return CODA_FORMAT_VTT;
    size_t i = 0;
    while (i < len && blank_line(s, i, line_end(s, len, i)))
        i = line_end(s, len, i) + 1;
    if (i >= len)
        return CODA_FORMAT_AUTO;
    size_t e = line_end(s, len, i), e2 = e < len ? line_end(s, len, e + 1)
                                                 : len;
    size_t t = has_arrow(s, i, e) ? i : all_digits(s, i, e) && e < len &&
               has_arrow(s, e + 1, e2) ? e + 1 : len;
    size_t end;
    double secs;
    return t < len && coda_time_at(s, t, len, 1, &end, &secs)
           ? CODA_FORMAT_SRT : CODA_FORMAT_AUTO;
}

/* The reading of one file: where it is and what it has made. */
typedef struct sub {
    const char *s;
    size_t len;
    coda_text_format f;
    const coda_doc_ctx *c;
    coda_cue_out o;
    long cues;
} sub;

/* "start --> end [settings]" at s[a..b): both times, or -1 for both
 * with a warning when they are none.  CODA_ENOMEM only. */
static coda_status timing(sub *r, size_t a, size_t b, double *t0,
                          double *t1)
{
    const char *s = r->s;
    size_t i = a, e0, e1;
    while (i < b && (s[i] == ' ' || s[i] == '\t'))
        i++;
    int k0 = coda_time_at(s, i, b, 1, &e0, t0), k1 = 0;
    for (i = k0 ? e0 : b; i < b && (s[i] == ' ' || s[i] == '\t'); i++) {}
    if (k0 && i + 3 <= b && !memcmp(s + i, "-->", 3)) {
        for (i += 3; i < b && (s[i] == ' ' || s[i] == '\t'); i++) {}
        k1 = coda_time_at(s, i, b, 1, &e1, t1);
    }
    if (k0 > 0 && k1 > 0)
        return CODA_OK;
    *t0 = *t1 = -1;
    return coda_doc_warn(r->c, coda_line_of(s, a), "\"%.*s\" is not a cue "
                         "timing (00:01:02.500 --> 00:01:04.000); the cue "
                         "has no times", (int)(b - a < 80 ? b - a : 80),
                         s + a);
}

/* A block without a timing line: in SubRip, more text of the cue before
 * (a blank line within it); in WebVTT, left out with a warning. */
static coda_status loose_text(sub *r, size_t a, size_t b, double t0,
                              double t1)
{
    if (r->f == CODA_FORMAT_SRT)
        return coda_cue_add(&r->o, r->s, a, b, r->o.cue < 0 ? 0 : r->o.cue,
                            t0, t1);
    return coda_doc_warn(r->c, coda_line_of(r->s, a), "text without a cue "
                         "timing line (00:01:02.500 --> 00:01:04.000) before "
                         "it is left out");
}

/* The block s[a..b) (lines up to a blank one); t0 and t1 carry the last
 * cue's times. */
static coda_status block(sub *r, size_t a, size_t b, double *t0, double *t1)
{
    const char *s = r->s;
    size_t e = line_end(s, b, a), t = a;
    coda_status st = CODA_OK;
    if (r->f == CODA_FORMAT_VTT && !has_arrow(s, a, e) &&
        (starts_word(s, a, e, "NOTE") || starts_word(s, a, e, "STYLE") ||
         starts_word(s, a, e, "REGION")))
        return CODA_OK;
    if (!has_arrow(s, a, e)) {
        t = e < b ? e + 1 : b;
        e = line_end(s, b, t);
        if (t >= b || !has_arrow(s, t, e))
            return loose_text(r, a, b, *t0, *t1);
    }
    st = timing(r, t, e, t0, t1);
    r->cues++;
    if (st == CODA_OK && e < b)
        st = coda_cue_add(&r->o, s, e + 1, b, r->cues, *t0, *t1);
    return st;
}

/* CODA_EPARSE unless a WebVTT file starts with its WEBVTT line; where its
 * blocks start (after the header). */
static coda_status header(sub *r, size_t *at, coda_error *err)
{
    *at = 0;
    if (r->f != CODA_FORMAT_VTT)
        return CODA_OK;
    if (!starts_word(r->s, 0, line_end(r->s, r->len, 0), "WEBVTT"))
        return coda_error_set(err, CODA_EPARSE, r->c->file ? r->c->file
                              : r->c->id, 1, 0, "a WebVTT file starts with "
                              "the line WEBVTT (read it with another "
                              "format)");
    while (*at < r->len && !blank_line(r->s, *at, line_end(r->s, r->len,
                                                             *at)))
        *at = line_end(r->s, r->len, *at) + 1;
    return CODA_OK;
}

/* Each block of lines from i on, up to a blank line. */
static coda_status blocks(sub *r, size_t i)
{
    double t0 = -1, t1 = -1;
    coda_status st = CODA_OK;
    while (i < r->len && st == CODA_OK) {
        size_t e = line_end(r->s, r->len, i), a = i;
        if (blank_line(r->s, i, e)) {
            i = e + 1;
            continue;
        }
        for (; i < r->len && !blank_line(r->s, i, e);
             e = i < r->len ? line_end(r->s, r->len, i) : r->len)
            i = e + 1;
        st = block(r, a, i - 1, &t0, &t1);
    }
    return st;
}

static int all_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr(" \t\n\f\v", s[i]) || !s[i])
            return 0;
    return 1;
}

coda_status coda_subtitle_turns(const char *s, size_t len,
                                coda_text_format f, const coda_doc_ctx *c,
                                char **text, size_t *tlen, coda_turns *ts,
                                coda_error *err)
{
    sub r = { s, len, f, c, { 0 }, 0 };
    size_t at;
    r.o.cue = -1;
    coda_status st = header(&r, &at, err);
    if (st == CODA_OK && blocks(&r, at) != CODA_OK)
        st = coda_error_nomem(err);
    if (st == CODA_OK && f == CODA_FORMAT_SRT && !r.cues &&
        !all_blank(s, len))
        st = coda_error_set(err, CODA_EPARSE, c->file ? c->file : c->id, 1,
                            0, "no cue timing line (00:00:01,000 --> "
                            "00:00:04,000) in this SubRip file");
    if (st == CODA_OK && !r.o.buf && !(r.o.buf = coda_calloc(1, 1)))
        st = coda_error_nomem(err);
    coda_free(r.o.tmp);
    if (st != CODA_OK) {
        coda_free(r.o.buf);
        coda_turns_free(&r.o.ts);
        return st;
    }
    *text = r.o.buf;
    *tlen = r.o.n;
    *ts = r.o.ts;
    return CODA_OK;
}
