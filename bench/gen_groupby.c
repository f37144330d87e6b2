/* gen_groupby.c - deterministic generator of the db-benchmark group-by data (G1_N_K_0_0).
 *
 * Usage: gen_groupby ROWS K OUT.csv   (the published size: gen_groupby 10000000 100 G1_1e7_1e2_0_0.csv)
 * Columns and distributions as the published generator (groupby-datagen.R), each value drawn
 * uniformly and independently: id1, id2 one of "id001".."idK" (K values); id3 one of
 * "id0000000001".."id" ROWS/K (ten digits); id4, id5 integers 1..K; id6 integers 1..ROWS/K;
 * v1, v2 integers 1..5; v3 a number in [0, 100) rounded to 4 decimals. No missing values,
 * random order. The data is synthetic; the random numbers are a fixed-seed splitmix64 (not R's
 * generator), so the same arguments give the same bytes but not the published file's rows.
 * Build: cc -O2 -o bench/gen_groupby bench/gen_groupby.c
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state = 0x6b0e7c1a2d3f4958u; /* fixed seed */

/* splitmix64: small, fast, and the same on every platform */
static uint64_t next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* uniform integer in [1, n]: the high half of a 64x64-bit product, so no modulo bias */
static uint64_t pick(uint64_t n)
{
    return (uint64_t)(((unsigned __int128)next() * n) >> 64) + 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen_groupby ROWS K OUT.csv\n");
        return 2;
    }
    uint64_t n = strtoull(argv[1], NULL, 10), k = strtoull(argv[2], NULL, 10);
    if (n == 0 || k == 0 || n < k) {
        fprintf(stderr, "gen_groupby: need ROWS >= K >= 1\n");
        return 2;
    }
    FILE *f = fopen(argv[3], "w");
    if (!f) {
        perror(argv[3]);
        return 1;
    }
    static char buf[1 << 20];
    setvbuf(f, buf, _IOFBF, sizeof buf);
    uint64_t nk = n / k;
    fputs("id1,id2,id3,id4,id5,id6,v1,v2,v3\n", f);
    for (uint64_t r = 0; r < n; r++) {
        uint64_t id1 = pick(k), id2 = pick(k), id3 = pick(nk);
        uint64_t id4 = pick(k), id5 = pick(k), id6 = pick(nk);
        uint64_t v1 = pick(5), v2 = pick(5), v3 = pick(1000000) - 1; /* v3 in 1e-4 units */
        fprintf(f, "id%03" PRIu64 ",id%03" PRIu64 ",id%010" PRIu64 ",%" PRIu64 ",%" PRIu64
                   ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ".%04" PRIu64 "\n",
                id1, id2, id3, id4, id5, id6, v1, v2, v3 / 10000, v3 % 10000);
    }
    if (fclose(f) != 0) {
        perror(argv[3]);
        return 1;
    }
    return 0;
}
