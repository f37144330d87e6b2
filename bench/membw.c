/* membw.c - the floor under a group-by over 10,000,000 rows: the time to
 * read the columns a question touches, once, on every core, with nothing
 * else done to them.  Usage: membw ROWS COLUMNS THREADS; prints
 * "membw rows=N columns=C threads=T seconds=S gbps=G", the best of 5.
 * A question that reads C columns of ROWS 8-byte values can take no less
 * than S on this machine, whatever the tool. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct part {
    double **col;
    size_t ncol, lo, hi;
    double sum;
} part;

static void *read_part(void *p)
{
    part *x = p;
    double s[4] = { 0 }; /* four sums, so the adds do not wait on each other */
    for (size_t c = 0; c < x->ncol; c++) {
        size_t r = x->lo;
        for (; r + 4 <= x->hi; r += 4)
            for (int k = 0; k < 4; k++)
                s[k] += x->col[c][r + k];
        for (; r < x->hi; r++)
            s[0] += x->col[c][r];
    }
    x->sum = s[0] + s[1] + s[2] + s[3];
    return NULL;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: membw ROWS COLUMNS THREADS\n");
        return 2;
    }
    size_t n = strtoull(argv[1], NULL, 10), nc = strtoull(argv[2], NULL, 10);
    size_t nt = strtoull(argv[3], NULL, 10);
    if (!n || !nc || !nt || nt > 64) {
        fprintf(stderr, "membw: ROWS, COLUMNS and THREADS (<= 64) must be positive\n");
        return 2;
    }
    double **col = malloc(nc * sizeof *col);
    for (size_t c = 0; col && c < nc; c++) {
        col[c] = malloc(n * sizeof **col);
        if (!col[c]) {
            fprintf(stderr, "membw: out of memory\n");
            return 1;
        }
        for (size_t r = 0; r < n; r++)
            col[c][r] = (double)(r % 1000);
    }
    double best = 1e30, total = 0;
    for (int run = 0; run < 5; run++) {
        pthread_t tid[64];
        part parts[64];
        double t0 = now();
        for (size_t t = 0; t < nt; t++) {
            parts[t] = (part){ col, nc, n * t / nt, n * (t + 1) / nt, 0 };
            pthread_create(&tid[t], NULL, read_part, &parts[t]);
        }
        for (size_t t = 0; t < nt; t++) {
            pthread_join(tid[t], NULL);
            total += parts[t].sum;
        }
        double s = now() - t0;
        best = s < best ? s : best;
    }
    printf("membw rows=%zu columns=%zu threads=%zu seconds=%.4f gbps=%.1f "
           "(checksum %.0f)\n", n, nc, nt, best,
           (double)(n * nc * 8) / best / 1e9, total);
    return 0;
}
