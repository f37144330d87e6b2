/* csv_value.c - recognising integers, numbers and booleans in CSV fields. */
#include "csv_int.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int csv_parse_int(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    int neg = 0;
    if (len && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == len || len - i > 19)
        return 0;
    uint64_t v = 0;
    for (; i < len; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return 0;
        v = v * 10 + d;
    }
    if (v > (uint64_t)INT64_MAX + neg)
        return 0;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 1;
}

static size_t digits(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && (unsigned)((unsigned char)s[j] - '0') <= 9)
        j++;
    return j - i;
}

/* Decimal syntax only: [+-] (d+[.d*] | .d+) ([eE][+-]d+); no hex, inf, nan. */
static int number_syntax(const char *s, size_t len)
{
    size_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    size_t a = digits(s, i, len), b = 0;
    i += a;
    if (i < len && s[i] == '.') {
        b = digits(s, i + 1, len);
        i += 1 + b;
    }
    if (a + b == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '-' || s[i] == '+'))
            i++;
        size_t e = digits(s, i, len);
        if (e == 0)
            return 0;
        i += e;
    }
    return i == len;
}

const double csv_pow10[23] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
                               1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

/* Exact for a decimal of at most 15 significant digits and 22 fraction
 * digits or fewer, with no exponent: both the digits and the power of ten
 * are exact doubles, so one division rounds correctly (Clinger's fast
 * path).  Returns 0 when the input is not of that form. */
static int fast_decimal(const char *s, size_t len, double *out)
{
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0, ndig = 0, frac = 0;
    int seen_dot = 0;
    uint64_t m = 0;
    for (; i < len; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (s[i] == '.' && !seen_dot) {
            seen_dot = 1;
            continue;
        }
        if (d > 9 || ++ndig > 15)
            return 0;
        m = m * 10 + d;
        frac += (size_t)seen_dot;
    }
    if (frac > 22)
        return 0;
    double v = (double)m / csv_pow10[frac];
    *out = s[0] == '-' ? -v : v;
    return 1;
}


/* 1 when s[0..len) is a whole number: [+-]digits. */
static int integer_syntax(const char *s, size_t len)
{
    size_t i = (len && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    return i < len && digits(s, i, len) == len - i;
}

/* A number only when a double holds it: a value out of range (1e400,
 * 1e-400) or a whole number past 64 bits (which would become its
 * neighbour's double) keeps its column text, changed by nothing.  A
 * subnormal (5e-324, which strtod flags as an underflow) is a double. */
int csv_parse_number(const char *s, size_t len, double *out)
{
    if (!number_syntax(s, len))
        return 0;
    if (fast_decimal(s, len, out))
        return 1;
    int64_t whole;
    if (integer_syntax(s, len) && !csv_parse_int(s, len, &whole))
        return 0;
    char tmp[64];
    if (len >= sizeof tmp)
        return 0; /* longer than any double needs: keep it as text */
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    errno = 0;
    *out = strtod(tmp, NULL);
    return errno != ERANGE || (*out != 0 && isfinite(*out));
}

int csv_parse_bool(const char *s, size_t len, int *out)
{
    static const char *const words[] = { "true", "TRUE", "True",
                                         "false", "FALSE", "False" };
    if ((len != 4 && len != 5) || (s[0] != 't' && s[0] != 'T' &&
                                   s[0] != 'f' && s[0] != 'F'))
        return 0;
    /* the true words are 4 bytes, the false ones 5: compared at a fixed
     * size, each is one or two loads */
    for (int i = len == 4 ? 0 : 3, e = i + 3; i < e; i++) {
        if (len == 4 ? memcmp(words[i], s, 4) == 0
                     : memcmp(words[i], s, 5) == 0) {
            *out = i < 3;
            return 1;
        }
    }
    return 0;
}

/* Digits of the group that ends at s[i] (exclusive) back to a mark. */
static int group_ok(const char *s, size_t i, size_t from, int first)
{
    size_t n = 0;
    while (i > from && (unsigned)((unsigned char)s[i - 1] - '0') <= 9)
        i--, n++;
    return first ? n >= 1 && n <= 3 : n == 3;
}

size_t csv_local_number(const char *s, size_t len, char dec, char sep,
                        char *buf, size_t size)
{
    size_t k = 0, lead = len && (s[0] == '-' || s[0] == '+');
    int groups = 0, in_frac = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (k + 1 >= size)
            return 0;
        if (sep && c == sep && !in_frac) {
            if (!group_ok(s, i, lead, !groups))
                return 0;
            groups = 1;
            continue;
        }
        if (groups && !in_frac && (c == dec || c == 'e' || c == 'E') &&
            !group_ok(s, i, lead, 0))
            return 0;
        if (c == '.' && dec != '.')
            return 0;           /* neither mark */
        in_frac |= c == dec || c == 'e' || c == 'E';
        buf[k++] = c == dec ? '.' : c;
    }
    if (groups && !in_frac && !group_ok(s, len, lead, 0))
        return 0;
    buf[k] = '\0';
    return k;
}
