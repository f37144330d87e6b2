/* coder_rows.c - choosing the units to code by a regex on a column (the
 * speaker), for options such as --speakers. */
#include "codebook_int.h"
#include "coder.h"

#include "alloc.h"
#include "wordbound.h"

#include <string.h>

static coda_status compile(const char *re, pcre2_code **code, coda_error *err)
{
    pcre2_general_context *gc = cb_general_context();
    pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
    char *text = NULL;
    coda_status st = cc ? coda_wordbound_rewrite(re, strlen(re), 0, &text,
                                                 NULL) : CODA_ENOMEM;
    int ec = 0;
    PCRE2_SIZE off = 0;
    if (st == CODA_OK) {
        *code = pcre2_compile((PCRE2_SPTR)text, strlen(text),
                              PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C,
                              &ec, &off, cc);
        if (!*code && ec == PCRE2_ERROR_HEAP_FAILED)
            st = CODA_ENOMEM;
        else if (!*code) {
            /* the offset the user sees: compile the original to find it */
            pcre2_code *orig = pcre2_compile((PCRE2_SPTR)re, strlen(re),
                                             PCRE2_UTF | PCRE2_UCP |
                                             PCRE2_NEVER_BACKSLASH_C, &ec, &off,
                                             cc);
            pcre2_code_free(orig);
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(ec, msg, sizeof msg);
            coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "pattern \"%s\" does "
                           "not compile at offset %zu: %s", re, (size_t)off,
                           (const char *)msg);
            if (err)
                err->offset = (long)off;
            st = CODA_EREGEX;
        }
    }
    coda_free(text);
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(gc);
    return st == CODA_ENOMEM ? coda_error_nomem(err) : st;
}

coda_status coda_mark_rows(const coda_table *t, const char *col,
                           const char *re, int exclude, uint8_t *skip,
                           coda_error *err)
{
    long c = coda_table_find(t, col);
    if (c < 0 || t->cols[c].type != CODA_STRING)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "no string column "
                              "\"%s\"", col);
    pcre2_code *code = NULL;
    coda_status st = compile(re, &code, err);
    pcre2_general_context *gc = st == CODA_OK ? cb_general_context() : NULL;
    pcre2_match_data *md = gc ? pcre2_match_data_create(1, gc) : NULL;
    if (st == CODA_OK && !md)
        st = coda_error_nomem(err);
    const coda_column *cl = &t->cols[c];
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++) {
        if (coda_is_missing(cl, r)) {
            skip[r] |= !exclude;
            continue;
        }
        int rc = pcre2_match(code, (PCRE2_SPTR)cl->v.s.p[r], cl->v.s.len[r], 0,
                             0, md, NULL);
        if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
            st = rc == PCRE2_ERROR_NOMEMORY ? coda_error_nomem(err)
                 : coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "pattern "
                                  "\"%s\" failed on \"%s\"", re,
                                  cl->v.s.p[r]);
        else if ((rc >= 0) == (exclude != 0))
            skip[r] = 1;
    }
    pcre2_match_data_free(md);
    pcre2_general_context_free(gc);
    pcre2_code_free(code);
    return st;
}
