/* stats.h - intervals for proportions and the distributions behind them. */
#ifndef CODA_STATS_H
#define CODA_STATS_H

typedef enum { CODA_CI_WILSON, CODA_CI_CLOPPER_PEARSON, CODA_CI_NONE } coda_ci;

/* The quantile of the standard normal distribution at p (0 < p < 1). */
double coda_normal_quantile(double p);

/* The regularized incomplete beta function I_x(a, b), a, b > 0. */
double coda_beta_inc(double a, double b, double x);

/* A two-sided interval at confidence level (e.g. 0.95) for the proportion
 * x/n, in percent, clamped to [0, 100]: Wilson's score interval, or the
 * exact Clopper-Pearson one.  The bound at 0 successes is 0 and at n is
 * 100.  n = 0 or CODA_CI_NONE gives NaN for both. */
void coda_proportion_ci(coda_ci method, double level, long x, long n,
                        double *low, double *high);

/* Parse "wilson", "clopper-pearson", "none"; 0 when unknown. */
int coda_ci_parse(const char *name, coda_ci *out);

/* Round a decimal number half up (away from zero at exactly half) to
 * digits places, as written in its shortest round-trip form, so that
 * 12.5 -> 13 and 2.675 -> 2.68; writes it to buf (size >= 48) and returns
 * buf. */
char *coda_format_half_up(double v, int digits, char *buf);

#endif
