/* codebook_syntax.c - reading a PCRE2 pattern's syntax: where a comment,
 * class, verb, callout string, \Q quotation or escape ends, and a
 * quantifier's length.  Below the \b rewrite (codebook_wordbound.c) and
 * the reading of what a pattern fixes beside a boundary
 * (codebook_wordside.c), which both use it. */
#include "codebook_wordbound.h"

#include "codebook_int.h"

#include <string.h>

/* The index just past the end of a \Q quotation starting at i (after \Q). */
static size_t skip_quote(const char *s, size_t len, size_t i)
{
    while (i < len) {
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == 'E')
            return i + 2;
        i++;
    }
    return len;
}

/* The index just past the character class opening at s[i] == '['. */
static size_t skip_class(const char *s, size_t len, size_t i)
{
    i++;
    if (i < len && s[i] == '^')
        i++;
    if (i < len && s[i] == ']')
        i++;                          /* a leading ] is a literal */
    while (i < len && s[i] != ']') {
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == 'Q') {
            i = skip_quote(s, len, i + 2);
        } else if (s[i] == '\\') {
            i += 2;
        } else if (s[i] == '[' && i + 1 < len &&
                   (s[i + 1] == ':' || s[i + 1] == '.' || s[i + 1] == '=')) {
            const char *end = memchr(s + i + 2, ']', len - i - 2);
            i = end ? (size_t)(end - s) + 1 : len;
        } else {
            i++;
        }
    }
    return i < len ? i + 1 : len;
}

/* The index just past the comment starting at i, or i when none starts. */
static size_t skip_comment(const char *s, size_t len, size_t i, int extended)
{
    if (len - i >= 3 && memcmp(s + i, "(?#", 3) == 0) {
        const char *end = memchr(s + i, ')', len - i);
        return end ? (size_t)(end - s) + 1 : len;
    }
    if (extended && s[i] == '#') {
        const char *end = memchr(s + i, '\n', len - i);
        return end ? (size_t)(end - s) + 1 : len;
    }
    return i;
}

/* The index just past a verb "(*VERB:NAME)" (upper case: (*pla:...) and
 * the other alpha assertions hold pattern) or a callout with a string
 * argument "(?C{...})" starting at i, or i when none starts: their text is
 * no pattern syntax (a \b in a mark name is a backslash and a b). */
static size_t skip_verb(const char *s, size_t len, size_t i)
{
    static const char open[] = "`'\"^%#${", close[] = "`'\"^%#$}";
    if (len - i >= 3 && s[i] == '(' && s[i + 1] == '*' &&
        (s[i + 2] == ':' || (s[i + 2] >= 'A' && s[i + 2] <= 'Z'))) {
        const char *end = memchr(s + i, ')', len - i);
        return end ? (size_t)(end - s) + 1 : len;
    }
    if (len - i >= 4 && !memcmp(s + i, "(?C", 3) && s[i + 3] &&
        strchr(open, s[i + 3])) {
        char c = close[strchr(open, s[i + 3]) - open];
        for (size_t k = i + 4; k < len; k++) {
            if (s[k] != c)
                continue;
            if (k + 1 < len && s[k + 1] == c) {
                k++;                    /* a doubled delimiter is literal */
                continue;
            }
            return k + 1 < len && s[k + 1] == ')' ? k + 2 : k + 1;
        }
        return len;
    }
    return i;
}

/* The end of the item at i that a rewrite copies whole (a comment, class,
 * verb, callout string, \Q quotation or escape other than \b and \B),
 * or i. */
size_t cb_pattern_skip(const char *s, size_t len, size_t i, int extended)
{
    size_t j = skip_comment(s, len, i, extended);
    if (j == i && s[i] == '[')
        j = skip_class(s, len, i);
    if (j == i)
        j = skip_verb(s, len, i);
    if (j == i && s[i] == '\\' && i + 1 < len && s[i + 1] != 'b' &&
        s[i + 1] != 'B') {
        char c = s[i + 1];
        j = c == 'Q' ? skip_quote(s, len, i + 2)
            : c == 'c' && i + 2 < len ? i + 3 : i + 2;
        /* \x{..} \o{..} \p{..} \N{..} \g{..} \g<..> \g'..' \k<..> \g-1 */
        if (j == i + 2 && j < len && strchr("xopPNgk", c)) {
            char open = s[j], close = open == '{' ? '}' : open == '<' ? '>'
                                      : open == '\'' ? '\'' : 0;
            const char *end = close ? memchr(s + j + 1, close, len - j - 1)
                                    : NULL;
            if (close)
                j = end ? (size_t)(end - s) + 1 : len;
            else if (c == 'g')
                for (j += s[j] == '+' || s[j] == '-';
                     j < len && s[j] >= '0' && s[j] <= '9'; j++)
                    ;
        }
    }
    return j;
}

size_t coda_pattern_opaque(const char *s, size_t len, size_t i, int extended)
{
    size_t j = cb_pattern_skip(s, len, i, extended);
    if (j == i && s[i] == '\\' && i + 1 < len)
        j = i + 2;                      /* \b, \B */
    return j;
}

size_t cb_pattern_quantifier(const char *s, size_t len, size_t i,
                             int *unbounded)
{
    size_t j = i + 1;
    *unbounded = i < len && (s[i] == '*' || s[i] == '+');
    if (i < len && s[i] == '{') {
        size_t k = i + 1 + strspn(s + i + 1, "0123456789"), m = k;
        if (k == i + 1 || k >= len)
            return 0;
        if (s[k] == ',')
            m = k + 1 + strspn(s + k + 1, "0123456789");
        if (m >= len || s[m] != '}')
            return 0;
        *unbounded = s[k] == ',' && m == k + 1;
        j = m + 1;
    } else if (i >= len || (s[i] != '?' && !*unbounded)) {
        return 0;
    }
    if (j < len && (s[j] == '?' || s[j] == '+'))
        j++;
    return j - i;
}
