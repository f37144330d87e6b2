/* agg_clock.c - a monotonic clock for R (base R has only wall-clock time): run_agg.sh builds
 * it as a shared object and agg_datatable.R calls it through .C("agg_clock_mono", t = double(1)). */
#define _POSIX_C_SOURCE 200809L
#include <time.h>

void agg_clock_mono(double *t);

void agg_clock_mono(double *t)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    *t = (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}
