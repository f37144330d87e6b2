/* corpus_split.c - finding the units of a transcript: documents,
 * paragraphs, speaker turns and sentences. */
#include "corpus.h"

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
    coda_unit u = spk ? *spk : (coda_unit){ 0 };
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

/* A speaker label at s[a..b) (one line): 1 with the name's span and the
 * offset where the turn's text starts. */
static int label(const char *s, size_t a, size_t b, size_t *nlen,
                 size_t *text)
{
    size_t lim = b - a < 65 ? b : a + 65, spaces = 0, i;
    if (a == b || space(s[a]) || s[a] == ':')
        return 0;
    for (i = a; i < lim && s[i] != ':'; i++) {
        if (strchr("?!\"", s[i]) || (i + 2 < b && !memcmp(s + i, "\xE0\xA5", 2)
                                      && (s[i + 2] == '\xA4' ||
                                          s[i + 2] == '\xA5')))
            return 0;
        spaces += s[i] == ' ';
    }
    if (i == lim || spaces > 4 || (i + 1 < b && s[i + 1] != ' ' &&
                                   s[i + 1] != '\t'))
        return 0;
    *nlen = i - a;
    while (*nlen && space(s[a + *nlen - 1]))
        (*nlen)--;
    *text = i + 1;
    return *nlen > 0;
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

/* A turn being collected: its speaker and where its text starts. */
typedef struct turn {
    coda_unit spk;
    size_t start;
    int open;
} turn;

typedef coda_status (*turn_fn)(const char *s, size_t a, size_t b,
                               const coda_unit *spk, coda_unit_fn fn,
                               void *ud);

static coda_status split_turns(const char *s, size_t len, turn_fn each,
                               coda_unit_fn fn, void *ud)
{
    turn t = { { 0 }, 0, 0 };
    coda_status st = CODA_OK;
    for (size_t i = 0; i < len && st == CODA_OK;) {
        size_t e = line_end(s, len, i), nlen, text;
        if (label(s, i, e, &nlen, &text)) {
            if (t.open)
                st = each(s, t.start, i, &t.spk, fn, ud);
            t = (turn){ { 0, 0, i, nlen, 1 }, text, 1 };
        } else if (!t.open && !blank(s, i, e)) {
            t = (turn){ { 0 }, i, 1 };
        }
        i = e + 1;
    }
    if (st == CODA_OK && t.open)
        st = each(s, t.start, len, &t.spk, fn, ud);
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

coda_status coda_corpus_units(const char *text, size_t len,
                              coda_unit_kind kind, coda_unit_fn fn, void *ud)
{
    switch (kind) {
    case CODA_UNIT_DOCUMENT: return emit(text, 0, len, NULL, fn, ud);
    case CODA_UNIT_PARAGRAPH: return split_paragraphs(text, len, fn, ud);
    case CODA_UNIT_TURN: return split_turns(text, len, emit, fn, ud);
    case CODA_UNIT_SENTENCE: return split_turns(text, len, sentences, fn, ud);
    }
    return CODA_EARG;
}
