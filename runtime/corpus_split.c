/* corpus_split.c - finding the units of a transcript: documents,
 * paragraphs, speaker turns and sentences, with the times of the turns
 * they lie in. */
#include "corpus_int.h"

#include <string.h>

static const char *const unit_names[] = { "document", "paragraph", "turn",
                                          "sentence" };

int coda_unit_parse(const char *name, coda_unit_kind *kind)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, unit_names[i]) == 0) {
            *kind = (coda_unit_kind)i;
            return 1;
        }
    return 0;
}

static const char *const format_names[] = { "auto", "plain", "timestamped",
                                            "rev", "otter", "qa", "vtt",
                                            "srt" };

int coda_format_parse(const char *name, coda_text_format *f)
{
    for (int i = 0; i <= CODA_FORMAT_SRT; i++)
        if (strcmp(name, format_names[i]) == 0) {
            *f = (coda_text_format)i;
            return 1;
        }
    return 0;
}

const char *coda_format_name(coda_text_format f)
{
    return (unsigned)f <= CODA_FORMAT_SRT ? format_names[f] : "?";
}

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Emit s[a..b) trimmed, when not empty. */
static coda_status emit(const char *s, size_t a, size_t b, const coda_unit *spk,
                        coda_unit_fn fn, void *ud)
{
    while (a < b && space(s[a]))
        a++;
    while (b > a && space(s[b - 1]))
        b--;
    if (a == b)
        return CODA_OK;
    coda_unit u = spk ? *spk : (coda_unit){ 0, 0, 0, 0, 0, -1, -1 };
    u.start = a;
    u.len = b - a;
    return fn(ud, &u);
}

/* The end of the line starting at i (the index of its '\n' or len). */
static size_t line_end(const char *s, size_t len, size_t i)
{
    const char *nl = memchr(s + i, '\n', len - i);
    return nl ? (size_t)(nl - s) : len;
}

static int blank(const char *s, size_t a, size_t b)
{
    while (a < b && space(s[a]))
        a++;
    return a == b;
}

static coda_status split_paragraphs(const char *s, size_t len, coda_unit_fn fn,
                                    void *ud)
{
    size_t start = 0;
    coda_status st = CODA_OK;
    for (size_t i = 0; i < len && st == CODA_OK;) {
        size_t e = line_end(s, len, i);
        if (blank(s, i, e)) {
            st = emit(s, start, i, NULL, fn, ud);
            start = e;
        }
        i = e + 1;
    }
    return st == CODA_OK ? emit(s, start, len, NULL, fn, ud) : st;
}

typedef coda_status (*turn_fn)(const char *s, size_t a, size_t b,
                               const coda_unit *spk, coda_unit_fn fn,
                               void *ud);

static coda_status each_turn(const char *s, const coda_turns *ts,
                             turn_fn each, coda_unit_fn fn, void *ud)
{
    coda_status st = CODA_OK;
    for (size_t k = 0; k < ts->n && st == CODA_OK; k++) {
        const coda_turn *t = &ts->v[k];
        coda_unit spk = { 0, 0, t->spk_start, t->spk_len, t->has_speaker,
                          -1, -1 };
        st = each(s, t->start, t->end, &spk, fn, ud);
    }
    return st;
}

static int terminator(const char *s, size_t i, size_t b, size_t *n)
{
    if (s[i] == '.' || s[i] == '?' || s[i] == '!') {
        *n = 1;
        return 1;
    }
    /* । U+0964 and ॥ U+0965 */
    if (i + 2 < b && !memcmp(s + i, "\xE0\xA5", 2) &&
        (s[i + 2] == '\xA4' || s[i + 2] == '\xA5')) {
        *n = 3;
        return 2;
    }
    return 0;
}

/* The end of the run of terminators and closing quotes at i. */
static size_t run_end(const char *s, size_t i, size_t b, int *danda)
{
    size_t n;
    int k;
    *danda = 0;
    for (;;) {
        if (i < b && (k = terminator(s, i, b, &n))) {
            *danda |= k == 2;
            i += n;
        } else if (i < b && strchr("\"')]", s[i])) {
            i++;
        } else if (i + 2 < b && !memcmp(s + i, "\xE2\x80", 2) &&
                   (s[i + 2] == '\x9D' || s[i + 2] == '\x99')) {
            i += 3;                     /* ” ’ */
        } else {
            return i;
        }
    }
}

static coda_status sentences(const char *s, size_t a, size_t b,
                             const coda_unit *spk, coda_unit_fn fn, void *ud)
{
    size_t start = a, n;
    coda_status st = CODA_OK;
    for (size_t i = a; i < b && st == CODA_OK;) {
        int danda;
        if (terminator(s, i, b, &n)) {
            size_t e = run_end(s, i, b, &danda);
            if (danda || e == b || space(s[e])) {
                st = emit(s, start, e, spk, fn, ud);
                start = e;
            }
            i = e;
        } else if (s[i] == '\n' && blank(s, i + 1, line_end(s, b, i + 1))) {
            st = emit(s, start, i, spk, fn, ud);
            start = i;
            i++;
        } else {
            i++;
        }
    }
    return st == CODA_OK ? emit(s, start, b, spk, fn, ud) : st;
}

/* Passes each unit on with the times of the turns its ends lie in; units
 * come in order, so the turns are found by moving forward. */
typedef struct timed {
    const coda_turns *ts;
    size_t a, b;                /* the turns of the last unit's ends */
    coda_unit_fn fn;
    void *ud;
} timed;

/* The turn whose region holds byte off, from *k on, or NULL. */
static const coda_turn *turn_at(const coda_turns *ts, size_t *k, size_t off)
{
    while (*k + 1 < ts->n && ts->v[*k + 1].from <= off)
        (*k)++;
    return ts->n && ts->v[*k].from <= off ? &ts->v[*k] : NULL;
}

static coda_status with_times(void *ud, const coda_unit *u)
{
    timed *tm = ud;
    const coda_turn *a = turn_at(tm->ts, &tm->a, u->start);
    const coda_turn *b = turn_at(tm->ts, &tm->b, u->start + u->len - 1);
    coda_unit v = *u;
    v.start_time = a ? a->t0 : -1;
    v.end_time = b ? b->t1 : -1;
    return tm->fn(tm->ud, &v);
}

static int any_time(const coda_turns *ts)
{
    for (size_t k = 0; k < ts->n; k++)
        if (ts->v[k].t0 >= 0 || ts->v[k].t1 >= 0)
            return 1;
    return 0;
}

static coda_status units_of(const char *s, size_t len, const coda_turns *ts,
                            coda_unit_kind kind, coda_unit_fn fn, void *ud)
{
    switch (kind) {
    case CODA_UNIT_DOCUMENT: return emit(s, 0, len, NULL, fn, ud);
    case CODA_UNIT_PARAGRAPH: return split_paragraphs(s, len, fn, ud);
    case CODA_UNIT_TURN: return each_turn(s, ts, emit, fn, ud);
    case CODA_UNIT_SENTENCE: return each_turn(s, ts, sentences, fn, ud);
    }
    return CODA_EARG;
}

coda_status coda_units_of_turns(const char *s, size_t len,
                                const coda_turns *ts, coda_unit_kind kind,
                                coda_unit_fn fn, void *ud)
{
    timed tm = { ts, 0, 0, fn, ud };
    if (!any_time(ts))          /* every unit's times unknown, as emitted */
        return units_of(s, len, ts, kind, fn, ud);
    return units_of(s, len, ts, kind, with_times, &tm);
}

coda_status coda_corpus_units_as(const char *text, size_t len,
                                 coda_unit_kind kind, coda_text_format f,
                                 coda_text_format *found, coda_unit_fn fn,
                                 void *ud)
{
    if (f == CODA_FORMAT_AUTO)
        f = coda_detect_text(text, len);
    else if (f == CODA_FORMAT_VTT || f == CODA_FORMAT_SRT)
        f = CODA_FORMAT_PLAIN;      /* subtitles made text: "Name: text" */
    if (found)
        *found = f;
    coda_turns ts;
    if (coda_text_turns(text, len, f, NULL, &ts) != CODA_OK)
        return CODA_ENOMEM;
    coda_status st = coda_units_of_turns(text, len, &ts, kind, fn, ud);
    coda_turns_free(&ts);
    return st;
}

coda_status coda_corpus_units(const char *text, size_t len,
                              coda_unit_kind kind, coda_unit_fn fn, void *ud)
{
    return coda_corpus_units_as(text, len, kind, CODA_FORMAT_AUTO, NULL, fn,
                                ud);
}
