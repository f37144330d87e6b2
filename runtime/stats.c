/* stats.c - normal and beta distributions, proportion intervals, rounding. */
#include "stats.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Acklam's rational approximation refined by one Halley step (full double
 * precision). */
double coda_normal_quantile(double p)
{
    static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00 };
    static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01 };
    static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00, 2.938163982698783e+00 };
    static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
                                2.445134137142996e+00, 3.754408661907416e+00 };
    double q, r, x;
    if (p <= 0 || p >= 1)
        return p <= 0 ? -INFINITY : INFINITY;
    if (p < 0.02425 || p > 1 - 0.02425) {
        q = sqrt(-2 * log(p < 0.5 ? p : 1 - p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        if (p > 0.5)
            x = -x;
    } else {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = 0.5 * erfc(-x / sqrt(2)) - p;
    double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

/* The continued fraction of the incomplete beta function (modified Lentz). */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    d = 1 / (fabs(d) < tiny ? tiny : d);
    double h = d;
    for (int m = 1; m <= 300; m++) {
        for (int k = 0; k < 2; k++) {
            double num = k == 0 ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                                : -(a + m) * (a + b + m) * x /
                                      ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + num * d;
            d = 1 / (fabs(d) < tiny ? tiny : d);
            c = 1 + num / c;
            c = fabs(c) < tiny ? tiny : c;
            h *= d * c;
            if (k == 1 && fabs(d * c - 1) < 1e-15)
                return h;
        }
    }
    return h;
}

double coda_beta_inc(double a, double b, double x)
{
    if (x <= 0)
        return 0;
    if (x >= 1)
        return 1;
    double lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
                 b * log1p(-x);
    if (x < (a + 1) / (a + b + 2))
        return exp(lbt) * beta_cf(a, b, x) / a;
    return 1 - exp(lbt) * beta_cf(b, a, 1 - x) / b;
}

/* x such that I_x(a, b) = p, by bisection (monotone in x). */
static double beta_quantile(double a, double b, double p)
{
    double lo = 0, hi = 1;
    for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
        double mid = (lo + hi) / 2;
        if (coda_beta_inc(a, b, mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return (lo + hi) / 2;
}

static void wilson(double z, double x, double n, double *low, double *high)
{
    double p = x / n, z2 = z * z;
    double den = 1 + z2 / n;
    double centre = (p + z2 / (2 * n)) / den;
    double half = z * sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / den;
    *low = 100 * (centre - half);
    *high = 100 * (centre + half);
}

void coda_proportion_ci_eff(coda_ci method, double level, double x, double n,
                            double *low, double *high)
{
    double alpha = 1 - level;
    if (method == CODA_CI_NONE || !(n > 0) || !(x >= 0) || x > n ||
        !(alpha > 0) || !(alpha < 1)) {
        *low = *high = NAN;
        return;
    }
    if (method == CODA_CI_WILSON) {
        wilson(coda_normal_quantile(1 - alpha / 2), x, n, low, high);
    } else {
        *low = x == 0 ? 0 : 100 * beta_quantile(x, n - x + 1, alpha / 2);
        *high = x == n ? 100 : 100 * beta_quantile(x + 1, n - x,
                                                   1 - alpha / 2);
    }
    *low = x == 0 || *low < 0 ? 0 : *low;
    *high = x == n || *high > 100 ? 100 : *high;
}

void coda_proportion_ci(coda_ci method, double level, long x, long n,
                        double *low, double *high)
{
    coda_proportion_ci_eff(method, level, (double)x, (double)n, low, high);
}

int coda_ci_parse(const char *name, coda_ci *out)
{
    if (strcmp(name, "wilson") == 0)
        *out = CODA_CI_WILSON;
    else if (strcmp(name, "clopper-pearson") == 0)
        *out = CODA_CI_CLOPPER_PEARSON;
    else if (strcmp(name, "none") == 0)
        *out = CODA_CI_NONE;
    else
        return 0;
    return 1;
}

/* Add one unit in the last place of the decimal digits d[0..n). Returns 1
 * when the carry runs out of the left end (999 -> 1000). */
static int carry(char *d, size_t n)
{
    for (size_t i = n; i-- > 0;) {
        if (d[i] == '.')
            continue;
        if (d[i] != '9') {
            d[i]++;
            return 0;
        }
        d[i] = '0';
    }
    return 1;
}

char *coda_format_half_up(double v, int digits, char *buf)
{
    char s[48], tmp[64];
    if (!isfinite(v)) {
        snprintf(buf, 48, "%s", isnan(v) ? "NA" : v > 0 ? "Inf" : "-Inf");
        return buf;
    }
    digits = digits < 0 ? 0 : digits > 20 ? 20 : digits;
    if (fabs(v) >= 1e21) {
        snprintf(buf, 48, "%.*g", digits + 1, v);
        return buf;
    }
    for (int prec = 15; prec <= 17; prec++) { /* shortest round trip */
        snprintf(s, sizeof s, "%.*e", prec - 1, fabs(v));
        if (strtod(s, NULL) == fabs(v))
            break;
    }
    /* Rewrite in fixed notation with enough places, exactly from the
     * decimal digits of s (mantissa d.ddd, exponent e). */
    int e = atoi(strchr(s, 'e') + 1);
    char mant[24];
    size_t m = 0;
    for (const char *p = s; *p != 'e'; p++)
        if (*p != '.')
            mant[m++] = *p;
    size_t pos = 0;
    tmp[pos++] = '0'; /* room for a carry */
    int intdigits = e + 1;
    for (int i = 0; i < (intdigits > 0 ? intdigits : 1); i++)
        tmp[pos++] = intdigits > 0 && (size_t)i < m ? mant[i] : '0';
    tmp[pos++] = '.';
    for (int i = 0; i < digits + 1; i++) {
        int k = intdigits + i; /* index into mant */
        tmp[pos++] = k >= 0 && (size_t)k < m ? mant[k] : '0';
    }
    int up = tmp[pos - 1] >= '5';
    pos--; /* drop the rounding digit */
    if (up)
        carry(tmp, pos);
    if (digits == 0)
        pos--; /* drop the '.' */
    tmp[pos] = '\0';
    const char *out = tmp[0] == '0' && tmp[1] != '.' ? tmp + 1 : tmp;
    int zero = strspn(out, "0.") == strlen(out);
    buf[0] = '-';
    strcpy(buf + (v < 0 && !zero), out); /* at most 1 + 44 bytes */
    return buf;
}
