/* corpus_cue.c - the text of subtitle cues made a transcript: tags and
 * entities removed, speakers read from voice tags and prefixes, and the
 * cues of one speaker joined into a turn. */
#include "corpus_int.h"

#include "base_alloc.h"

#include <string.h>

static int space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static int alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9');
}

static coda_status reserve(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return CODA_OK;
    size_t c = need < 256 ? 256 : need * 2;
    char *g = coda_realloc(*buf, c);
    if (!g)
        return CODA_ENOMEM;
    *buf = g;
    *cap = c;
    return CODA_OK;
}

/* The entities of subtitle text and what they stand for ("" for the
 * invisible direction marks). */
static const char *const entities[][2] = {
    { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
    { "&apos;", "'" }, { "&nbsp;", " " }, { "&lrm;", "" }, { "&rlm;", "" },
};

/* The length of the tag or entity at s[i..b) and (for an entity) what it
 * stands for; 0 when there is none. */
static size_t markup(const char *s, size_t i, size_t b, const char **rep)
{
    *rep = "";
    if (s[i] == '<' && i + 1 < b && (alnum(s[i + 1]) || s[i + 1] == '/')) {
        const char *gt = memchr(s + i, '>', b - i);
        return gt ? (size_t)(gt - s) - i + 1 : 0;
    }
    if (s[i] == '{' && i + 1 < b && s[i + 1] == '\\') {
        const char *cb = memchr(s + i, '}', b - i);
        return cb ? (size_t)(cb - s) - i + 1 : 0;
    }
    for (size_t k = 0; s[i] == '&' && k < sizeof entities / sizeof *entities;
         k++) {
        size_t n = strlen(entities[k][0]);
        if (n <= b - i && !memcmp(s + i, entities[k][0], n)) {
            *rep = entities[k][1];
            return n;
        }
    }
    return 0;
}

/* s[a..b) without markup, its white space single spaces, trimmed, into
 * o->tmp; its length. */
static size_t clean(coda_cue_out *o, const char *s, size_t a, size_t b)
{
    size_t n = 0, k;
    const char *rep;
    for (size_t i = a; i < b; i += k ? k : 1) {
        k = markup(s, i, b, &rep);
        const char *add = k ? rep : s + i;
        size_t m = k ? strlen(rep) : 1;
        for (size_t j = 0; j < m; j++) {
            int sp = space(add[j]);
            if (!sp || (n && o->tmp[n - 1] != ' '))
                o->tmp[n++] = sp ? ' ' : add[j];
        }
    }
    while (n && o->tmp[n - 1] == ' ')
        n--;
    return n;
}

/* A voice tag "<v Name>" or "<v.class Name>" at the start of s[a..b): the
 * name's span. */
static int voice(const char *s, size_t a, size_t b, size_t *na, size_t *ne)
{
    while (a < b && space(s[a]))
        a++;
    if (b - a < 4 || memcmp(s + a, "<v", 2) || (!space(s[a + 2]) &&
                                               s[a + 2] != '.'))
        return 0;
    const char *gt = memchr(s + a, '>', b - a);
    size_t i = a + 2, e = gt ? (size_t)(gt - s) : a;
    while (i < e && !space(s[i]))
        i++;                            /* the classes */
    while (i < e && space(s[i]))
        i++;
    while (e > i && space(s[e - 1]))
        e--;
    *na = i;
    *ne = e;
    return e > i;
}

/* A speaker prefix on a cleaned line t[0..n): "Name: text" or "[Name]
 * text"; the name's span and where the text starts. */
static int prefix(const char *t, size_t n, size_t *na, size_t *nl,
                  size_t *text)
{
    coda_label l;
    if (coda_label_plain(t, 0, n, &l)) {
        *na = l.name, *nl = l.nlen, *text = l.text;
        return 1;
    }
    const char *rb = n > 2 && t[0] == '[' ? memchr(t, ']', n < 66 ? n : 66)
                                          : NULL;
    size_t e = rb ? (size_t)(rb - t) : 0;
    if (!rb || e + 1 >= n || t[e + 1] != ' ' || !coda_name_ok(t, 1, e))
        return 0;
    *na = 1, *nl = e - 1, *text = e + 2;
    return 1;
}

static coda_status put(coda_cue_out *o, const char *s, size_t n)
{
    if (reserve(&o->buf, &o->cap, o->n + n + 1) != CODA_OK)
        return CODA_ENOMEM;
    memcpy(o->buf + o->n, s, n);
    o->n += n;
    o->buf[o->n] = '\0';
    return CODA_OK;
}

/* One piece of cue text: its speaker (name NULL: none), whether a dialogue
 * dash opens it, its cue and times. */
typedef struct piece {
    const char *name, *text;
    size_t nlen, tlen;
    int dash;
    long cue;
    double t0, t1;
} piece;

static int joins(const coda_cue_out *o, const piece *p)
{
    const coda_turn *t = o->ts.n ? &o->ts.v[o->ts.n - 1] : NULL;
    if (!t || p->dash)
        return 0;
    if (p->name)
        return t->has_speaker && t->spk_len == p->nlen &&
               !memcmp(o->buf + t->spk_start, p->name, p->nlen);
    return p->cue == o->cue || t->has_speaker;
}

static coda_status open_turn(coda_cue_out *o, const piece *p)
{
    coda_turn t = { 0, 0, 0, 0, p->nlen, p->name != NULL, p->t0, p->t1 };
    coda_status st = o->n ? put(o, "\n\n", 2) : CODA_OK;
    t.from = t.spk_start = o->n;
    if (st == CODA_OK && p->name) {
        st = put(o, p->name, p->nlen);
        if (st == CODA_OK)
            st = put(o, ": ", 2);
    }
    t.start = o->n;
    return st == CODA_OK ? coda_turns_push(&o->ts, &t) : st;
}

static coda_status add_piece(coda_cue_out *o, const piece *p)
{
    if (!p->tlen && !p->name)
        return CODA_OK;
    if (!joins(o, p) && open_turn(o, p) != CODA_OK)
        return CODA_ENOMEM;
    coda_status st = CODA_OK;
    if (p->tlen && o->n > o->ts.v[o->ts.n - 1].start)
        st = put(o, p->cue == o->cue ? " " : "\n", 1);
    if (st == CODA_OK)
        st = put(o, p->text, p->tlen);
    if (st != CODA_OK)
        return st;
    coda_turn *t = &o->ts.v[o->ts.n - 1];
    t->end = o->n;
    if (t->t0 < 0)
        t->t0 = p->t0;
    if (p->t1 >= 0)
        t->t1 = p->t1;
    o->cue = p->cue;
    return CODA_OK;
}

/* The line s[a..b) of a cue as a piece (its text cleaned into o->tmp). */
static void read_line(coda_cue_out *o, const char *s, size_t a, size_t b,
                      int first, piece *p)
{
    size_t na, ne, nl, text = 0;
    int v = voice(s, a, b, &na, &ne);
    size_t n = clean(o, s, a, b);
    p->name = v ? s + na : NULL;
    p->nlen = v ? ne - na : 0;
    p->dash = n >= 2 && o->tmp[0] == '-' && o->tmp[1] == ' ';
    if (p->dash)
        text = 2;
    if (!v && (first || p->dash) &&
        prefix(o->tmp + text, n - text, &na, &nl, &ne)) {
        p->name = o->tmp + text + na;
        p->nlen = nl;
        text += ne;
    }
    while (text < n && o->tmp[text] == ' ')
        text++;
    p->text = o->tmp + text;
    p->tlen = n - text;
}

coda_status coda_cue_add(coda_cue_out *o, const char *s, size_t a, size_t b,
                         long cue, double t0, double t1)
{
    int first = 1;
    for (size_t i = a; i < b; first = 0) {
        const char *nl = memchr(s + i, '\n', b - i);
        size_t e = nl ? (size_t)(nl - s) : b;
        if (reserve(&o->tmp, &o->tcap, e - i + 1) != CODA_OK)
            return CODA_ENOMEM;
        piece p = { 0 };
        read_line(o, s, i, e, first, &p);
        p.cue = cue, p.t0 = t0, p.t1 = t1;
        if (add_piece(o, &p) != CODA_OK)
            return CODA_ENOMEM;
        i = e + 1;
    }
    return CODA_OK;
}
