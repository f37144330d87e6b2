/* stats_matrix.c - the little dense linear algebra tests need: products
 * of small row-major matrices and the solution of a linear system. */
#include "stats.h"

#include <math.h>
#include <string.h>

void coda_mat_mul(const double *a, int ta, const double *b, size_t m,
                  size_t n, size_t p, double *c)
{
    /* c (m x p) = op(a) (m x n) b (n x p); op(a) = a' when ta (a is n x m) */
    for (size_t i = 0; i < m; i++)
        for (size_t j = 0; j < p; j++) {
            double s = 0;
            for (size_t k = 0; k < n; k++)
                s += (ta ? a[k * m + i] : a[i * n + k]) * b[k * p + j];
            c[i * p + j] = s;
        }
}

/* Swap rows r and s of the n x w matrix a. */
static void swap_rows(double *a, size_t w, size_t r, size_t s)
{
    for (size_t j = 0; j < w; j++) {
        double t = a[r * w + j];
        a[r * w + j] = a[s * w + j];
        a[s * w + j] = t;
    }
}

int coda_mat_solve(double *a, double *b, size_t n, size_t m)
{
    for (size_t c = 0; c < n; c++) {
        size_t piv = c;
        for (size_t r = c + 1; r < n; r++)
            if (fabs(a[r * n + c]) > fabs(a[piv * n + c]))
                piv = r;
        if (a[piv * n + c] == 0)
            return 0;
        swap_rows(a, n, c, piv);
        swap_rows(b, m, c, piv);
        for (size_t r = 0; r < n; r++) {
            if (r == c || a[r * n + c] == 0)
                continue;
            double f = a[r * n + c] / a[c * n + c];
            for (size_t j = c; j < n; j++)
                a[r * n + j] -= f * a[c * n + j];
            for (size_t j = 0; j < m; j++)
                b[r * m + j] -= f * b[c * m + j];
        }
    }
    for (size_t r = 0; r < n; r++)
        for (size_t j = 0; j < m; j++)
            b[r * m + j] /= a[r * n + r];
    return 1;
}
