/* survey_wald.c - the design-based Wald statistic of independence of a
 * two-way table, as R survey's svychisq (statistics "Wald" and
 * "adjWald"): the cells' departures from independence, N_ij - R_i C_j / N,
 * over the cells of every row and column but the first, against their
 * linearised covariance. */
#include "survey_int.h"

#include "base_alloc.h"
#include "stats.h"

#include <math.h>
#include <string.h>

/* The totals of row i and column j of the cells c (k = i + nr j): into
 * R[0..nr), C[0..nc) over every unit when u is SIZE_MAX, else unit u's. */
static void margins(const svy_cells *c, size_t nr, size_t nc, size_t u,
                    double *R, double *C)
{
    memset(R, 0, nr * sizeof *R);
    memset(C, 0, nc * sizeof *C);
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nc; j++) {
            size_t k = i + nr * j;
            double v = u == SIZE_MAX ? c->Y[k] : c->num[k * c->np + u];
            R[i] += v, C[j] += v;
        }
}

/* The departures Y[0..m) and their linearised values z (m x np) of the
 * cells (i, j), i, j >= 1; w holds 2 (nr + nc) numbers. */
static void departures(const svy_cells *c, size_t nr, size_t nc, double *Y,
                       double *z, double *w)
{
    double *R = w, *C = w + nr, *r = C + nc, *col = r + nr, N = c->X[0];
    size_t m = 0;
    margins(c, nr, nc, SIZE_MAX, R, C);
    for (size_t j = 1; j < nc; j++)
        for (size_t i = 1; i < nr; i++)
            Y[m++] = c->Y[i + nr * j] - R[i] * C[j] / N;
    for (size_t u = 0; u < c->np; u++) {
        margins(c, nr, nc, u, r, col);
        double n = c->den[u];
        m = 0;
        for (size_t j = 1; j < nc; j++)
            for (size_t i = 1; i < nr; i++, m++)
                z[m * c->np + u] = c->num[(i + nr * j) * c->np + u] -
                                   (r[i] * C[j] + R[i] * col[j]) / N +
                                   R[i] * C[j] * n / (N * N);
    }
}

double svy_wald(const svy_cells *c, const coda_design *d, size_t nr,
                size_t nc, double *w)
{
    size_t m = (nr - 1) * (nc - 1);
    double *Y = w, *x = Y + m, *V = x + m, *z = V + m * m;
    double *rest = z + m * c->np;
    departures(c, nr, nc, Y, z, rest);
    for (size_t a = 0; a < m; a++)
        for (size_t b = a; b < m; b++)
            V[a * m + b] = V[b * m + a] =
                svy_covariance(d, z + a * c->np, z + b * c->np, rest);
    memcpy(x, Y, m * sizeof *x);
    if (!coda_mat_solve(V, x, m, 1))
        return NAN;
    double W = 0;
    for (size_t a = 0; a < m; a++)
        W += Y[a] * x[a];
    return W;
}

size_t svy_wald_scratch(const svy_cells *c, const coda_design *d, size_t nr,
                        size_t nc)
{
    size_t m = (nr - 1) * (nc - 1);
    size_t rest = 2 * (nr + nc) > d->nscratch ? 2 * (nr + nc) : d->nscratch;
    return 2 * m + m * m + m * c->np + rest;
}
