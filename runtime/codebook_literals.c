/* codebook_literals.c - an Aho-Corasick automaton over ASCII-folded byte
 * classes, finding every literal of a set in one pass over a text. */
#include "codebook_literals.h"

#include "base_alloc.h"

#include <string.h>

/* A table cell holds the next state times the number of classes (so the
 * scan adds a class without multiplying), with OUT set when that state
 * ends a literal (its own or, through dict, a suffix's). */
enum { OUT = 0x80000000u };

typedef struct lit {
    char *s;
    size_t n;
    int caseless;
    uint32_t id;
} lit;

struct coda_literals {
    lit *lits;
    size_t nlits, cap;
    size_t ids;                 /* largest id + 1 */
    int built;
    uint8_t cls[256];           /* byte -> class; 0: in no literal */
    uint32_t ncls, nstates;
    uint32_t *delta;            /* nstates x ncls cells */
    uint32_t *ownat, *ownv;     /* literals ending in state s:
                                   ownv[ownat[s] .. ownat[s + 1]) */
    uint32_t *dict;             /* nearest proper suffix state that ends a
                                   literal, 0 for none */
};

coda_literals *coda_literals_new(void)
{
    return coda_calloc(1, sizeof(coda_literals));
}

void coda_literals_free(coda_literals *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->nlits; i++)
        coda_free(l->lits[i].s);
    coda_free(l->lits);
    coda_free(l->delta);
    coda_free(l->ownat);
    coda_free(l->ownv);
    coda_free(l->dict);
    coda_free(l);
}

coda_status coda_literals_add(coda_literals *l, const char *s, size_t n,
                              int caseless, uint32_t id)
{
    if (n == 0 || l->built)
        return CODA_EARG;
    if (l->nlits == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        lit *v = coda_reallocarray(l->lits, cap, sizeof *v);
        if (!v)
            return CODA_ENOMEM;
        l->lits = v;
        l->cap = cap;
    }
    char *copy = coda_strndup(s, n);
    if (!copy)
        return CODA_ENOMEM;
    l->lits[l->nlits++] = (lit){ copy, n, caseless != 0, id };
    if ((size_t)id + 1 > l->ids)
        l->ids = (size_t)id + 1;
    return CODA_OK;
}

size_t coda_literals_ids(const coda_literals *l)
{
    return l->ids;
}

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* One class per lowered byte some literal holds; an upper-case letter
 * shares its lower-case letter's class.  Case-sensitive literals are
 * folded too: the scan checks their bytes when the folded form is found. */
static void make_classes(coda_literals *l)
{
    memset(l->cls, 0, sizeof l->cls);
    l->ncls = 1;
    for (size_t i = 0; i < l->nlits; i++)
        for (size_t k = 0; k < l->lits[i].n; k++) {
            unsigned char b = lower((unsigned char)l->lits[i].s[k]);
            if (!l->cls[b])
                l->cls[b] = (uint8_t)l->ncls++;
        }
    for (unsigned c = 'A'; c <= 'Z'; c++)
        l->cls[c] = l->cls[c - 'A' + 'a'];
}

/* The trie of the literals in delta (0: no child); end[i] is the state
 * where literal i ends.  The literals grow together one byte at a time, so
 * states are numbered by depth: the shallow ones, where a scan spends most
 * of its time, share the first cache lines of the table. */
static void make_trie(coda_literals *l, uint32_t *end)
{
    size_t longest = 0;
    for (size_t i = 0; i < l->nlits; i++) {
        end[i] = 0;
        longest = l->lits[i].n > longest ? l->lits[i].n : longest;
    }
    l->nstates = 1;
    for (size_t d = 0; d < longest; d++)
        for (size_t i = 0; i < l->nlits; i++) {
            if (d >= l->lits[i].n)
                continue;
            uint32_t *cell = &l->delta[(size_t)end[i] * l->ncls +
                                       l->cls[(unsigned char)l->lits[i].s[d]]];
            if (!*cell)
                *cell = l->nstates++;
            end[i] = *cell;
        }
}

/* Each state's own literals, grouped by state (a counting sort). */
static void make_own(coda_literals *l, const uint32_t *end)
{
    memset(l->ownat, 0, ((size_t)l->nstates + 1) * sizeof *l->ownat);
    for (size_t i = 0; i < l->nlits; i++)
        l->ownat[end[i] + 1]++;
    for (uint32_t s = 0; s < l->nstates; s++)
        l->ownat[s + 1] += l->ownat[s];
    uint32_t *fill = l->dict;           /* free until make_links */
    memcpy(fill, l->ownat, (size_t)l->nstates * sizeof *fill);
    for (size_t i = 0; i < l->nlits; i++)
        l->ownv[fill[end[i]]++] = (uint32_t)i;
}

static int owns(const coda_literals *l, uint32_t s)
{
    return l->ownat[s + 1] > l->ownat[s];
}

/* Breadth first: the failure link of every state, its missing cells filled
 * from its failure state's (complete already, being shallower), and its
 * dictionary link.  queue and fail hold nstates entries. */
static void make_links(coda_literals *l, uint32_t *queue, uint32_t *fail)
{
    size_t head = 0, tail = 0;
    uint32_t nc = l->ncls;
    queue[tail++] = 0;
    fail[0] = 0;
    l->dict[0] = 0;
    while (head < tail) {
        uint32_t s = queue[head++];
        for (uint32_t c = 0; c < nc; c++) {
            uint32_t *cell = &l->delta[(size_t)s * nc + c];
            uint32_t via = s ? l->delta[(size_t)fail[s] * nc + c] : 0;
            if (!*cell) {
                *cell = via;
                continue;
            }
            uint32_t t = *cell;
            fail[t] = via;
            l->dict[t] = owns(l, via) ? via : l->dict[via];
            queue[tail++] = t;
        }
    }
}

/* Cells become next state x classes, with OUT where that state reports. */
static void premultiply(coda_literals *l)
{
    size_t cells = (size_t)l->nstates * l->ncls;
    for (size_t x = 0; x < cells; x++) {
        uint32_t t = l->delta[x];
        l->delta[x] = t * l->ncls | (owns(l, t) || l->dict[t] ? OUT : 0);
    }
}

coda_status coda_literals_build(coda_literals *l)
{
    if (l->built)
        return CODA_EARG;
    l->built = 1;
    if (l->nlits == 0)
        return CODA_OK;
    make_classes(l);
    size_t states = 1;
    for (size_t i = 0; i < l->nlits; i++)
        states += l->lits[i].n;
    if (states > (OUT - 1) / l->ncls)
        return CODA_ELIMIT;
    l->delta = coda_calloc(states * l->ncls, sizeof *l->delta);
    l->ownat = coda_malloc((states + 1) * sizeof *l->ownat);
    l->ownv = coda_malloc(l->nlits * sizeof *l->ownv);
    l->dict = coda_malloc(states * sizeof *l->dict);
    uint32_t *tmp = coda_malloc(states * 2 * sizeof *tmp);
    if (!l->delta || !l->ownat || !l->ownv || !l->dict || !tmp) {
        coda_free(tmp);
        return CODA_ENOMEM;
    }
    uint32_t *end = tmp;                /* nlits < states entries */
    make_trie(l, end);
    make_own(l, end);
    make_links(l, tmp, tmp + states);
    premultiply(l);
    coda_free(tmp);
    return CODA_OK;
}

/* The literals ending at s[end - 1] in state st (and its suffix states):
 * each to fn, or when fn is NULL into hit. */
static void report(const coda_literals *l, uint32_t st, const char *s,
                   size_t end, uint8_t *hit, coda_literal_fn fn, void *ud)
{
    for (uint32_t t = owns(l, st) ? st : l->dict[st]; t; t = l->dict[t])
        for (uint32_t k = l->ownat[t]; k < l->ownat[t + 1]; k++) {
            const lit *x = &l->lits[l->ownv[k]];
            if ((fn || !hit[x->id]) &&
                (x->caseless || !memcmp(s + end - x->n, x->s, x->n))) {
                if (fn)
                    fn(ud, x->id, end - x->n, end);
                else
                    hit[x->id] = 1;
            }
        }
}

/* Inlined into each caller, so that the hit-only scan keeps no test of fn
 * in its loop. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void scan(const coda_literals *l, const char *s, size_t n,
                        uint8_t *hit, coda_literal_fn fn, void *ud)
{
    if (!l->delta)
        return;
    const uint32_t *delta = l->delta;
    const uint8_t *cls = l->cls;
    uint32_t e = 0;
    for (size_t i = 0; i < n; i++) {
        e = delta[(e & ~OUT) + cls[(unsigned char)s[i]]];
        if (e & OUT)
            report(l, (e & ~OUT) / l->ncls, s, i + 1, hit, fn, ud);
    }
}

void coda_literals_scan(const coda_literals *l, const char *s, size_t n,
                        uint8_t *hit)
{
    scan(l, s, n, hit, NULL, NULL);
}

void coda_literals_each(const coda_literals *l, const char *s, size_t n,
                        coda_literal_fn fn, void *ud)
{
    scan(l, s, n, NULL, fn, ud);
}
