/* codebook_match.c - running a code's compiled pattern: per-thread match data,
 * match context with explicit limits, a large JIT stack, and the errors a
 * limit hit becomes. */
#include "codebook_int.h"

#include "base_alloc.h"

#include <string.h>

enum { JIT_STACK_START = 32 * 1024, JIT_STACK_MAX = 64 * 1024 * 1024 };

const cb_limits cb_default_limits = { 10000000, 1000000, 256 * 1024,
                                       100000000, 10000 };

/* 1 when the clock passed the deadline. */
static int late(const cb_matcher *m)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > m->deadline.tv_sec ||
           (now.tv_sec == m->deadline.tv_sec &&
            now.tv_nsec >= m->deadline.tv_nsec);
}

/* PCRE2 calls this after each pass through an unbounded repeat (the (?C)
 * callouts of the compiled pattern, see coda_pattern_guard): a step each,
 * up to the budget. */
static int on_callout(pcre2_callout_block *cb, void *ud)
{
    cb_matcher *m = ud;
    if (cb->callout_number == 1)        /* a start position, long unit */
        return m->lim.time_ms && ++m->starts % 64 == 0 && late(m)
               ? CB_ERROR_TIME : 0;
    return ++m->steps > m->budget ? CB_ERROR_STEPS : 0;
}

void cb_matcher_start(cb_matcher *m, size_t len)
{
    m->steps = 0;
    m->budget = (uint64_t)m->lim.steps + 64 * (uint64_t)len;
    m->starts = 0;
    if (len >= CB_CLOCK_MIN && m->lim.time_ms) {
        clock_gettime(CLOCK_MONOTONIC, &m->deadline);
        m->deadline.tv_sec += m->lim.time_ms / 1000;
        m->deadline.tv_nsec += (long)(m->lim.time_ms % 1000) * 1000000L;
        if (m->deadline.tv_nsec >= 1000000000L) {
            m->deadline.tv_sec++;
            m->deadline.tv_nsec -= 1000000000L;
        }
    }
}

coda_status cb_matcher_init(cb_matcher *m, const cb_limits *lim)
{
    memset(m, 0, sizeof *m);
    m->lim = *lim;
    pcre2_general_context *gc = cb_general_context();
    if (!gc)
        return CODA_ENOMEM;
    m->md = pcre2_match_data_create(1, gc);
    m->mc = pcre2_match_context_create(gc);
    m->js = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX, gc);
    pcre2_general_context_free(gc);
    if (!m->md || !m->mc || !m->js) {
        cb_matcher_free(m);
        return CODA_ENOMEM;
    }
    pcre2_jit_stack_assign(m->mc, NULL, m->js);
    pcre2_set_callout(m->mc, on_callout, m);
    cb_matcher_start(m, 0);
    pcre2_set_depth_limit(m->mc, lim->depth);
    pcre2_set_heap_limit(m->mc, lim->heap_kib);
    return CODA_OK;
}

void cb_matcher_free(cb_matcher *m)
{
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    pcre2_jit_stack_free(m->js);
    memset(m, 0, sizeof *m);
}

int cb_next(cb_matcher *m, const cb_regex *r, const char *s, size_t len,
            size_t off, int ascii, size_t *a, size_t *b)
{
    return cb_next_upto(m, r, s, len, off, (size_t)PCRE2_UNSET, ascii, a, b);
}

int cb_next_upto(cb_matcher *m, const cb_regex *r, const char *s, size_t len,
                 size_t off, size_t last, int ascii, size_t *a, size_t *b)
{
    pcre2_code *code = len >= CB_CLOCK_MIN && r->clocked ? r->clocked
                       : ascii && r->ascii ? r->ascii : r->uni;
    uint32_t opts = PCRE2_NOTEMPTY |
                    (code != r->ascii ? PCRE2_NO_UTF_CHECK : 0);
    /* The limit grows with the unit: every start position costs a call. */
    uint64_t limit = (uint64_t)m->lim.match + 64 * (uint64_t)len;
    pcre2_set_match_limit(m->mc, limit > UINT32_MAX ? UINT32_MAX
                                                    : (uint32_t)limit);
    pcre2_set_offset_limit(m->mc, last);
    int rc = pcre2_match(code, (PCRE2_SPTR)s, len, off, opts, m->md, m->mc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0)
        return rc;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if (ov[1] <= off || ov[1] <= ov[0])
        return 0;                       /* \K games: stop rather than loop */
    *a = ov[0];
    *b = ov[1];
    return 1;
}

void cb_code_view_get(const coda_codebook *cb, size_t i, cb_code_view *v)
{
    const cb_code *c = &cb->codes[i];
    v->name = c->name;
    v->re = c->re.uni ? &c->re : NULL;
    v->ex = c->ex.uni ? &c->ex : NULL;
    v->nlits = c->nlits;
    v->span = c->span;
}

const coda_literals *cb_literals(const coda_codebook *cb)
{
    return cb->lits;
}

coda_status cb_match_error(coda_error *err, int rc, const char *code,
                           const char *where)
{
    const char *what = NULL;
    switch (rc) {
    case PCRE2_ERROR_NOMEMORY:
        return coda_error_nomem(err);
    case PCRE2_ERROR_MATCHLIMIT: what = "match limit"; break;
    case PCRE2_ERROR_DEPTHLIMIT: what = "depth limit"; break;
    case PCRE2_ERROR_HEAPLIMIT: what = "heap limit"; break;
    case PCRE2_ERROR_JIT_STACKLIMIT: what = "JIT stack limit"; break;
    case CB_ERROR_STEPS: what = "step limit"; break;
    case CB_ERROR_TIME: what = "time limit"; break;
    default: break;
    }
    if (what)
        return coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "code \"%s\" hit "
                              "the %s%s in %s (the pattern backtracks too "
                              "much; make it more specific)", code,
                              rc <= CB_ERROR_STEPS ? "" : "PCRE2 ", what,
                              where);
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(rc, msg, sizeof msg);
    return coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "code \"%s\" failed "
                          "in %s: %s", code, where, (const char *)msg);
}
