/* prefilter.c - the literals a code requires, where they can be derived
 * simply: a pattern that is a plain word or an alternation of plain words
 * (optionally inside \b ... \b or one group).  A unit that contains none of
 * a code's literals cannot match it, so the regex need not run there.
 *
 * Plain means ASCII letters, digits, space, ', - and , or characters of the
 * Indic blocks U+0900-U+0DFF, which have no case.  For a case-insensitive
 * pattern the literals are lowered and compared with the ASCII-lowered unit;
 * since PCRE2 also folds K with U+212A KELVIN SIGN and S with U+017F LONG S,
 * a folded literal holding k or s is only trusted on ASCII units. */
#include "codebook_int.h"

#include "alloc.h"

#include <string.h>

/* Length of the plain character at s (an Indic one is 3 bytes), or 0. */
static size_t plain_char(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
               (s[0] >= '0' && s[0] <= '9') || s[0] == ' ' || s[0] == '\'' ||
               s[0] == '-' || s[0] == ',';
    /* U+0900..U+0DFF: E0 A4 80 .. E0 B7 BF */
    if (n >= 3 && s[0] == 0xE0 && s[1] >= 0xA4 && s[1] <= 0xB7 &&
        (s[2] & 0xC0) == 0x80)
        return 3;
    return 0;
}

static int plain(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n;) {
        size_t k = plain_char((const unsigned char *)s + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

/* Drop a leading and a trailing \b from s[*a..*b). */
static void strip_wb(const char *s, size_t *a, size_t *b)
{
    if (*b - *a >= 2 && s[*a] == '\\' && s[*a + 1] == 'b')
        *a += 2;
    if (*b - *a >= 2 && s[*b - 2] == '\\' && s[*b - 1] == 'b' &&
        (*b - *a == 2 || s[*b - 3] != '\\'))
        *b -= 2;
}

static coda_status add_lit(cb_code *c, const char *s, size_t n, int fold)
{
    char **lits = coda_reallocarray(c->lits, c->nlits + 1, sizeof *lits);
    if (lits)
        c->lits = lits;
    size_t *lens = coda_reallocarray(c->litlen, c->nlits + 1, sizeof *lens);
    if (lens)
        c->litlen = lens;
    char *lit = lits && lens ? coda_strndup(s, n) : NULL;
    if (!lit)
        return CODA_ENOMEM;
    for (size_t i = 0; fold && i < n; i++) {
        if (lit[i] >= 'A' && lit[i] <= 'Z')
            lit[i] = (char)(lit[i] - 'A' + 'a');
        if (lit[i] == 'k' || lit[i] == 's')
            c->lits_ascii_only = 1;
    }
    c->lits[c->nlits] = lit;
    c->litlen[c->nlits++] = n;
    return CODA_OK;
}

/* Add the literals of one pattern; *ok = 0 when it is not plain. */
static coda_status row_literals(cb_code *c, const cb_row *r, int fold, int *ok)
{
    const char *s = r->pattern;
    size_t a = 0, b = strlen(s);
    *ok = 0;
    if (r->fl & CB_EXTENDED)
        return CODA_OK;
    strip_wb(s, &a, &b);
    if (b - a >= 4 && !memcmp(s + a, "(?:", 3) && s[b - 1] == ')')
        a += 3, b--;
    else if (b - a >= 2 && s[a] == '(' && s[b - 1] == ')')
        a++, b--;
    for (size_t i = a; i <= b;) {
        const char *bar = memchr(s + i, '|', b - i);
        size_t e = bar ? (size_t)(bar - s) : b, x = i, y = e;
        strip_wb(s, &x, &y);
        if (!plain(s + x, y - x))
            return CODA_OK;
        if (add_lit(c, s + x, y - x, fold) != CODA_OK)
            return CODA_ENOMEM;
        i = e + 1;
    }
    *ok = 1;
    return CODA_OK;
}

void cb_drop_literals(cb_code *c)
{
    for (size_t j = 0; j < c->nlits; j++)
        coda_free(c->lits[j]);
    coda_free(c->lits);
    coda_free(c->litlen);
    c->lits = NULL;
    c->litlen = NULL;
    c->nlits = 0;
    c->lits_ascii_only = 0;
}

coda_status cb_prefilter_derive(cb_code *c)
{
    int fold = 0, ok = 1;
    cb_drop_literals(c);
    for (size_t j = 0; j < c->nrows; j++)
        fold |= c->rows[j].pattern[0] && (c->rows[j].fl & CB_CASELESS);
    c->lits_fold = fold;
    for (size_t j = 0; j < c->nrows && ok; j++) {
        if (!c->rows[j].pattern[0])
            continue;
        if (row_literals(c, &c->rows[j], fold, &ok) != CODA_OK) {
            cb_drop_literals(c);
            return CODA_ENOMEM;
        }
    }
    if (!ok || c->nlits == 0)
        cb_drop_literals(c);
    return CODA_OK;
}
