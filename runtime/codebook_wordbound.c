/* codebook_wordbound.c - rewriting \b and \B into combining-mark-aware
 * lookarounds.
 *
 * A small scanner over the pattern with three places to be: ordinary
 * pattern text, a character class and a \Q...\E quotation; comments are
 * copied through whole. */
#include "codebook_wordbound.h"

#include "base_alloc.h"
#include "codebook_int.h"

#include "base_strbuf.h"

#include <string.h>

#define WORD "[\\p{L}\\p{M}\\p{N}_]"

const char coda_wordbound_b[] =
    "(?:(?<=" WORD ")(?!" WORD ")|(?<!" WORD ")(?=" WORD "))";
const char coda_wordbound_B[] =
    "(?:(?<=" WORD ")(?=" WORD ")|(?<!" WORD ")(?!" WORD "))";

/* \b and \B when the pattern fixes one neighbour: [is B][side][which] */
static const char *const one_side[2][2][2] = {
    { { "(?!" WORD ")", "(?=" WORD ")" },       /* \b, before: word, not */
      { "(?<!" WORD ")", "(?<=" WORD ")" } },   /* \b, after */
    { { "(?=" WORD ")", "(?!" WORD ")" },       /* \B, before */
      { "(?<=" WORD ")", "(?<!" WORD ")" } },   /* \B, after */
};

const char *coda_wordbound_pick(int upper, int before, int after)
{
    if (before != CB_SIDE_UNKNOWN)
        return one_side[upper][0][before == CB_SIDE_NONWORD];
    if (after != CB_SIDE_UNKNOWN)
        return one_side[upper][1][after == CB_SIDE_NONWORD];
    return upper ? coda_wordbound_B : coda_wordbound_b;
}

/* Hand b's text to the caller (*out, *outlen if asked), or CODA_ENOMEM. */
static coda_status give(coda_strbuf *b, char **out, size_t *outlen)
{
    if (b->failed) {
        coda_free(b->p);
        return CODA_ENOMEM;
    }
    *out = b->p;
    if (outlen)
        *outlen = b->n;
    return CODA_OK;
}

coda_status coda_wordbound_rewrite(const char *s, size_t len, int extended,
                                   char **out, size_t *outlen)
{
    coda_strbuf b = { 0 };
    size_t i = 0;
    coda_strbuf_add(&b, "", 0);
    while (i < len && !b.failed) {
        size_t j = cb_pattern_skip(s, len, i, extended);
        if (j == i && s[i] == '\\' && i + 1 < len) {   /* \b or \B */
            const char *lk = coda_wordbound_pick(s[i + 1] == 'B',
                cb_side_prev(s, len, i, extended),
                cb_side_next(s, len, i + 2, extended));
            coda_strbuf_add(&b, lk, strlen(lk));
            i += 2;
            continue;
        }
        if (j == i)
            j = i + 1;
        coda_strbuf_add(&b, s + i, j - i);
        i = j;
    }
    return give(&b, out, outlen);
}

/* The length of a recursion or subroutine call at s[i] ((?R), (?1),
 * (?+1), (?-1), (?&name), (?P>name), \g<..>, \g'..'), or 0.  Conditions
 * such as (?(R)..) and flag groups such as (?-i) are no calls. */
static size_t call_at(const char *s, size_t len, size_t i)
{
    if (i + 3 < len && s[i] == '\\' && s[i + 1] == 'g' &&
        (s[i + 2] == '<' || s[i + 2] == '\''))
        return cb_pattern_skip(s, len, i, 0) - i;
    if (i + 3 >= len || s[i] != '(' || s[i + 1] != '?')
        return 0;
    char c = s[i + 2];
    size_t k = i + 3;
    if (c == 'P' && s[k] == '>')
        k++;
    else if ((c == '+' || c == '-') && s[k] >= '0' && s[k] <= '9')
        k++;
    else if (c != 'R' && c != '&' && !(c >= '0' && c <= '9'))
        return 0;
    const char *end = memchr(s + k - 1, ')', len - k + 1);
    return end ? (size_t)(end - s) + 1 - i : 0;
}

coda_status coda_pattern_guard(const char *s, size_t len, int extended,
                               char **out, size_t *outlen)
{
    coda_strbuf b = { 0 };
    size_t i = 0;
    coda_strbuf_add(&b, "", 0);
    while (i < len && !b.failed) {
        size_t j = cb_pattern_skip(s, len, i, extended), q;
        size_t call = call_at(s, len, i);
        if (call) {     /* a step on the way in and on each way out */
            size_t k = i + call;
            while (extended && k < len && s[k] &&
                   strchr(" \t\n\r\f\v", s[k]))
                k++;
            int unb;
            q = cb_pattern_quantifier(s, len, k, &unb);
            k = q ? k + q : i + call;
            coda_strbuf_add(&b, "(?C)", 4);
            coda_strbuf_add(&b, s + i, k - i);
            coda_strbuf_add(&b, "(?C)", 4);
            i = k;
            continue;
        }
        /* (?+1), (?(+1) and (*VERB) hold a + or * that is no quantifier */
        int after_open = i > 0 && (s[i - 1] == '(' ||
                                   (s[i - 1] == '?' && i > 1 &&
                                    s[i - 2] == '('));
        int unb = 0;
        q = j == i && !after_open ? cb_pattern_quantifier(s, len, i, &unb)
                                    : 0;
        if (q && unb) {
            coda_strbuf_add(&b, s + i, q);
            coda_strbuf_add(&b, "(?C)", 4);
            i += q;
            continue;
        }
        if (j == i)
            j = s[i] == '\\' && i + 1 < len ? i + 2 : i + 1;
        coda_strbuf_add(&b, s + i, j - i);
        i = j;
    }
    return give(&b, out, outlen);
}
