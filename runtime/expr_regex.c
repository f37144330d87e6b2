/* expr_regex.c - contains(s, pattern), sub(s, pattern, replacement) and
 * gsub: PCRE2 patterns (UTF-8), compiled once with the expression and run
 * under match and depth limits.  Uses expr_node.c, expr_args.c,
 * expr_eval.c and expr_textbuf.c (the bytes of sub's results). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "expr_int.h"

#include "base_alloc.h"

#include <pcre2.h>
#include <string.h>

enum { MATCH_LIMIT = 10000000, DEPTH_LIMIT = 10000 };

typedef struct regex_aux {
    pcre2_code *re;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    const char *pattern;        /* the literal's text (the node owns it) */
} regex_aux;

static void regex_free(void *p)
{
    regex_aux *x = p;
    if (!x)
        return;
    pcre2_match_data_free(x->md);
    pcre2_match_context_free(x->mc);
    pcre2_code_free(x->re);
    coda_free(x);
}

static coda_status literal_string(coda_expr *e, const ex_node *k,
                                  const char *what)
{
    if (k->op != OP_LIT || k->lit_type != CODA_STRING)
        return ex_fail(e, CODA_EPARSE, k->at, "the %s must be a string in "
                       "quotes", what);
    return CODA_OK;
}

static coda_status compile(coda_expr *e, const ex_node *k, regex_aux *x)
{
    int code;
    PCRE2_SIZE off;
    x->pattern = k->s ? k->s : "";
    x->re = pcre2_compile((PCRE2_SPTR)x->pattern, k->slen, PCRE2_UTF, &code,
                          &off, NULL);
    if (!x->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        return ex_fail(e, CODA_EREGEX, k->at, "pattern \"%s\": %s (at "
                       "character %zu of the pattern)", x->pattern,
                       (const char *)msg, (size_t)off + 1);
    }
    pcre2_jit_compile(x->re, PCRE2_JIT_COMPLETE);   /* else interpreted */
    x->md = pcre2_match_data_create_from_pattern(x->re, NULL);
    x->mc = pcre2_match_context_create(NULL);
    if (!x->md || !x->mc)
        return coda_error_nomem(e->err);
    pcre2_set_match_limit(x->mc, MATCH_LIMIT);
    pcre2_set_depth_limit(x->mc, DEPTH_LIMIT);
    return CODA_OK;
}

coda_status ex_regex_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    if (st == CODA_OK)
        st = ex_args_of(e, n, 0, 3, ex_is_string, "strings", CODA_STRING);
    for (size_t i = 1; i < n->nkid && st == CODA_OK; i++)
        st = literal_string(e, n->kid[i], i == 1 ? "pattern" : "replacement");
    regex_aux *x = st ? NULL : coda_calloc(1, sizeof *x);
    if (st == CODA_OK && !x)
        return coda_error_nomem(e->err);
    n->aux = x, n->aux_free = regex_free;
    if (st == CODA_OK)
        st = compile(e, n->kid[1], x);
    n->type = n->nkid == 2 ? CODA_BOOLEAN : CODA_STRING;
    return st;
}

/* A failed match other than "no match": a limit, or text not UTF-8. */
static coda_status match_error(ex_node *n, size_t r, int rc)
{
    PCRE2_UCHAR msg[256];
    const regex_aux *x = n->aux;
    pcre2_get_error_message(rc, msg, sizeof msg);
    return coda_error_set(n->owner->err, CODA_EREGEX, NULL, 0, 0, "%s: "
                          "pattern \"%s\" at row %zu: %s", n->fn->name,
                          x->pattern, n->owner->start + r + 1,
                          (const char *)msg);
}

coda_status ex_contains_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    regex_aux *x = n->aux;
    ex_own(n);
    for (size_t r = 0; r < len && st == CODA_OK; r++) {
        if (ex_na(a, r)) {
            ex_set_na(n, r);
            continue;
        }
        int rc = pcre2_match(x->re, (PCRE2_SPTR)a->s[r], a->len[r], 0, 0,
                             x->md, x->mc);
        ((uint8_t *)n->buf)[r] = rc >= 0;
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
            st = match_error(n, r, rc);
    }
    return st;
}

/* Row r of a with the first (sub) or every (gsub) match replaced. */
static coda_status substitute(ex_node *n, size_t r, const ex_vec *a)
{
    const regex_aux *x = n->aux;
    const ex_node *rep = n->kid[2];
    uint32_t opts = PCRE2_SUBSTITUTE_OVERFLOW_LENGTH |
                    (n->fn->name[0] == 'g' ? PCRE2_SUBSTITUTE_GLOBAL : 0);
    PCRE2_UCHAR small[256], *out = small;
    PCRE2_SIZE size = sizeof small;
    int rc = pcre2_substitute(x->re, (PCRE2_SPTR)a->s[r], a->len[r], 0, opts,
                              x->md, x->mc, (PCRE2_SPTR)(rep->s ? rep->s : ""),
                              rep->slen, out, &size);
    if (rc == PCRE2_ERROR_NOMEMORY) {   /* size is now what it needs */
        out = coda_malloc(size);
        if (!out)
            return coda_error_nomem(n->owner->err);
        rc = pcre2_substitute(x->re, (PCRE2_SPTR)a->s[r], a->len[r], 0, opts,
                              x->md, x->mc, (PCRE2_SPTR)(rep->s ? rep->s : ""),
                              rep->slen, out, &size);
    }
    if (rc >= 0)
        ex_text_add(n, r, (const char *)out, size);
    if (out != small)
        coda_free(out);
    return rc >= 0 ? CODA_OK : match_error(n, r, rc);
}

coda_status ex_sub_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    ex_own(n);
    ex_text_reset(n);
    for (size_t r = 0; r < len && st == CODA_OK; r++) {
        if (ex_na(a, r))
            ex_set_na(n, r);
        else
            st = substitute(n, r, a);
    }
    return st ? st : ex_text_done(n, len);
}
