/* base_utf8_distance.c - how many edits apart two names are, for the "did you
 * mean" of a misspelt column, parent or speaker. */
#include "base_utf8.h"

#include <string.h>

enum { NAME_MAX_CP = 64 };

/* Decode s[0..len) into cp[], ASCII letters lowered; the count, or
 * NAME_MAX_CP + 1 when it has more code points than that. */
static size_t decode_folded(const char *s, size_t len, unsigned *cp)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        if (n == NAME_MAX_CP)
            return NAME_MAX_CP + 1;
        i += coda_utf8_decode(s + i, len - i, &cp[n]);
        if (cp[n] >= 'A' && cp[n] <= 'Z')
            cp[n] += 'a' - 'A';
    }
    return n;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/* Optimal string alignment over x[0..nx) and y[0..ny): insertions,
 * deletions, substitutions and swaps of neighbours cost one each; max + 1
 * as soon as two rows of the table both exceed max (no path stays within
 * it). */
static size_t osa(const unsigned *x, size_t nx, const unsigned *y, size_t ny,
                  size_t max)
{
    size_t rows[3][NAME_MAX_CP + 1];
    size_t *back2 = rows[0], *back = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= ny; j++)
        back[j] = j;
    size_t low_before = 0;              /* the least of the row before */
    for (size_t i = 1; i <= nx; i++) {
        size_t low = cur[0] = i;
        for (size_t j = 1; j <= ny; j++) {
            size_t d = min3(back[j] + 1, cur[j - 1] + 1,
                            back[j - 1] + (x[i - 1] != y[j - 1]));
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
                x[i - 2] == y[j - 1] && back2[j - 2] + 1 < d)
                d = back2[j - 2] + 1;
            cur[j] = d;
            low = d < low ? d : low;
        }
        if (low > max && low_before > max)
            return max + 1;
        low_before = low;
        size_t *t = back2;
        back2 = back, back = cur, cur = t;
    }
    return back[ny];
}

size_t coda_utf8_distance(const char *a, size_t alen, const char *b,
                          size_t blen, size_t max)
{
    unsigned x[NAME_MAX_CP], y[NAME_MAX_CP];
    size_t nx = decode_folded(a, alen, x), ny = decode_folded(b, blen, y);
    if (nx > NAME_MAX_CP || ny > NAME_MAX_CP)
        return max + 1;
    size_t d = osa(x, nx, y, ny, max);
    return d > max ? max + 1 : d;
}

const char *coda_nearest(const char *name, const char *const *names, size_t n)
{
    size_t len = strlen(name), chars = 0;
    for (size_t i = 0; i < len; i++)
        chars += ((unsigned char)name[i] & 0xC0) != 0x80;
    /* a short name needs a closer match to be a likely typo */
    size_t max = chars <= 3 ? 1 : chars <= 6 ? 2 : 3, best = max + 1;
    const char *near = NULL;
    for (size_t i = 0; i < n; i++) {
        size_t d = coda_utf8_distance(name, len, names[i], strlen(names[i]),
                                      max);
        if (d < best)
            best = d, near = names[i];
    }
    return near;
}
