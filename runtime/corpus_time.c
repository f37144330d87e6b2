/* corpus_time.c - the times of transcripts and subtitles (h:mm:ss, m:ss,
 * with a fraction) read as seconds. */
#include "corpus_int.h"

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Up to max digits at s[*i..b) (at least min) as a number; 0 when fewer
 * than min. */
static int digits(const char *s, size_t *i, size_t b, int min, int max,
                  double *v)
{
    int n = 0;
    *v = 0;
    while (*i < b && n < max && digit(s[*i])) {
        *v = *v * 10 + (s[*i] - '0');
        (*i)++;
        n++;
    }
    return n >= min;
}

/* A fraction .fff or ,fff (1-9 digits) at s[*i..b), added to *secs. */
static void fraction(const char *s, size_t *i, size_t b, double *secs)
{
    if (*i + 1 >= b || (s[*i] != '.' && s[*i] != ',') || !digit(s[*i + 1]))
        return;
    double v = 0, scale = 1;
    for ((*i)++; *i < b && digit(s[*i]) && scale < 1e9; (*i)++) {
        v = v * 10 + (s[*i] - '0');
        scale *= 10;
    }
    *secs += v / scale;
}

int coda_time_at(const char *s, size_t i, size_t b, int sub, size_t *end,
                 double *secs)
{
    double g[3];
    int n = 1, small = sub ? 1 : 2;
    if (!digits(s, &i, b, 1, 3, &g[0]))
        return 0;
    while (n < 3 && i + 1 < b && s[i] == ':' && digit(s[i + 1])) {
        i++;
        if (!digits(s, &i, b, small, 2, &g[n]))
            return 0;
        n++;
    }
    if (n < 2 || (i < b && (digit(s[i]) || s[i] == ':')))
        return 0;
    *secs = n == 3 ? g[0] * 3600 + g[1] * 60 + g[2] : g[0] * 60 + g[1];
    fraction(s, &i, b, secs);
    *end = i;
    if (g[n - 1] >= 60 || (n == 3 && g[1] >= 60)) {
        *secs = -1;
        return -1;
    }
    return 1;
}
