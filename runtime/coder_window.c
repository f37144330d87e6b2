/* coder_window.c - the windows of a long unit in which a code's matches
 * can start, from one pass of the prefilter's automaton that reports where
 * each literal occurs (coder_int.h).  A whole interview holds some literal
 * of most codes, so the prefilter alone spares no code there; the windows
 * spare the text between the occurrences. */
#include "coder_int.h"

#include "base_alloc.h"

#include <string.h>

/* Note that a match of code id may start in [lo, hi). */
static void add_window(coder_winset *ws, uint32_t id, size_t lo, size_t hi)
{
    coder_wins *w = &ws->code[id];
    if (w->n && lo <= w->v[w->n - 1].hi) {
        if (hi > w->v[w->n - 1].hi)
            w->v[w->n - 1].hi = hi;
        return;
    }
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        coder_win *v = coda_reallocarray(w->v, cap, sizeof *v);
        if (!v) {
            ws->nomem = 1;
            return;
        }
        w->v = v;
        w->cap = cap;
    }
    w->v[w->n++] = (coder_win){ lo, hi };
}

/* An occurrence of a literal of code id at s[start..end): a match holding
 * it starts at or before start and no more than span bytes before end. */
static void on_literal(void *ud, uint32_t id, size_t start, size_t end)
{
    coder_winset *ws = ud;
    size_t span = ws->view[id].span;
    ws->hit[id] = 1;
    if (span != SIZE_MAX)
        add_window(ws, id, end > span ? end - span : 0, start + 1);
}

coda_status coder_windows_scan(const run *ru, const char *s, size_t len,
                               coder_winset *ws)
{
    if (!ws->code) {
        ws->view = ru->view;
        ws->n = ru->nview;
        ws->code = coda_calloc(ws->n ? ws->n : 1, sizeof *ws->code);
        ws->hit = coda_malloc(ws->n ? ws->n : 1);
        if (!ws->code || !ws->hit) {
            coder_windows_free(ws);
            return CODA_ENOMEM;
        }
    }
    for (size_t i = 0; i < ws->n; i++)
        ws->code[i].n = 0;
    memset(ws->hit, 0, ws->n);
    ws->nomem = 0;
    coda_literals_each(ru->lits, s, len, on_literal, ws);
    return ws->nomem ? CODA_ENOMEM : CODA_OK;
}

void coder_windows_free(coder_winset *ws)
{
    for (size_t i = 0; ws->code && i < ws->n; i++)
        coda_free(ws->code[i].v);
    coda_free(ws->code);
    coda_free(ws->hit);
    memset(ws, 0, sizeof *ws);
}
