/* wordbound.c - rewriting \b and \B into combining-mark-aware lookarounds.
 *
 * A small scanner over the pattern with three places to be: ordinary
 * pattern text, a character class and a \Q...\E quotation; comments are
 * copied through whole. */
#include "wordbound.h"

#include "alloc.h"

#include "strbuf.h"

#include <string.h>

#define WORD "[\\p{L}\\p{M}\\p{N}_]"

const char coda_wordbound_b[] =
    "(?:(?<=" WORD ")(?!" WORD ")|(?<!" WORD ")(?=" WORD "))";
const char coda_wordbound_B[] =
    "(?:(?<=" WORD ")(?=" WORD ")|(?<!" WORD ")(?!" WORD "))";

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

coda_status coda_wordbound_rewrite(const char *s, size_t len, int extended,
                                   char **out, size_t *outlen)
{
    coda_strbuf b = { 0 };
    size_t i = 0;
    coda_strbuf_add(&b, "", 0);
    while (i < len && !b.failed) {
        size_t j = skip_comment(s, len, i, extended);
        if (j == i && s[i] == '[')
            j = skip_class(s, len, i);
        if (j == i && s[i] == '\\' && i + 1 < len) {
            char c = s[i + 1];
            if (c == 'b' || c == 'B') {
                coda_strbuf_add(&b, c == 'b' ? coda_wordbound_b : coda_wordbound_B,
                    strlen(c == 'b' ? coda_wordbound_b : coda_wordbound_B));
                i += 2;
                continue;
            }
            j = c == 'Q' ? skip_quote(s, len, i + 2)
                : c == 'c' && i + 2 < len ? i + 3 : i + 2;
        }
        if (j == i)
            j = i + 1;
        coda_strbuf_add(&b, s + i, j - i);
        i = j;
    }
    if (b.failed) {
        coda_free(b.p);
        return CODA_ENOMEM;
    }
    *out = b.p;
    if (outlen)
        *outlen = b.n;
    return CODA_OK;
}
