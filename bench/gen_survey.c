/* gen_survey.c - deterministic generator of a survey-shaped CSV for the load benchmark.
 *
 * Usage: gen_survey ROWS OUT.csv
 * Writes RFC 4180 CSV (LF line ends, header first). Same ROWS -> byte-identical file:
 * the only randomness is a fixed-seed splitmix64, and numbers are printed from integers.
 * 2,000,000 rows make a file of about 367 MB (366,596,874 bytes).
 * Build: cc -O2 -o bench/gen_survey bench/gen_survey.c
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x5eed2024c0dau; /* fixed seed */

/* splitmix64: small, fast, and the same on every platform */
static uint64_t next(void) {
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* uniform integer in [0, n) (modulo bias is irrelevant here) */
static unsigned pick(unsigned n) { return (unsigned)(next() % n); }

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *states[] = {
    "Andhra Pradesh", "Assam", "Bihar", "Gujarat", "Haryana", "Jharkhand",
    "Karnataka", "Kerala", "Madhya Pradesh", "Maharashtra", "Odisha", "Punjab",
    "Rajasthan", "Tamil Nadu", "Uttar Pradesh", "West Bengal"};
static const char *syl[] = {"Ram", "Shiv", "Ana", "Bel", "Kar", "Mad", "Nal", "Pal",
                            "Sit", "Gon", "Jal", "Dev", "Har", "Kol", "Mor", "Sur"};
static const char *suffix[] = {"pur", "abad", "nagar", "garh", "gaon", "wadi"};
static const char *areas[] = {"prevention", "rescue", "prosecution",
                              "rehabilitation", "awareness", "protection"};
static const char *forms[] = {"labour", "sexual", "marriage",
                              "begging", "domestic", "organ"};
static const char *words[] = {
    "the", "survivor", "was", "referred", "to", "shelter", "home", "after",
    "rescue", "police", "helped", "family", "village", "agent", "promised",
    "work", "in", "city", "and", "no", "wages", "were", "paid", "case",
    "filed", "under", "act", "counselling", "ongoing", "follow-up", "needed",
    "school", "re-enrolled", "loan", "debt", "brick", "kiln", "factory",
    "employer", "absconded", "NGO", "staff", "visited", "twice", "month"};

/* write a ';'-joined multi-select of 1..maxk distinct labels, in list order */
static void multi(FILE *f, const char **lab, unsigned nlab, unsigned maxk) {
    unsigned k = 1 + pick(maxk), chosen = 0, first = 1;
    unsigned mask = 0;
    while (chosen < k) {
        unsigned i = pick(nlab);
        if (!(mask & (1u << i))) { mask |= 1u << i; chosen++; }
    }
    for (unsigned i = 0; i < nlab; i++)
        if (mask & (1u << i)) { fprintf(f, "%s%s", first ? "" : ";", lab[i]); first = 0; }
}

/* write a quoted free-text comment of about 100-150 bytes: commas are frequent,
 * doubled quotes and embedded newlines occasional */
static void comment(FILE *f) {
    char buf[256];
    size_t len = 0, target = 100 + pick(51);
    int quoted = pick(100) < 6, newline = pick(100) < 3;
    while (len < target) {
        const char *w = words[pick(N(words))];
        char sep[8] = " ";
        unsigned r = pick(100);
        if (len == 0) sep[0] = 0;
        else if (r < 18) strcpy(sep, ", ");
        else if (newline && r < 22) { strcpy(sep, ".\n"); newline = 0; }
        if (quoted && len > 30) { /* a quoted phrase, quotes doubled per RFC 4180 */
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s\"\"%s\"\"", sep, w);
            quoted = 0;
        } else {
            len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", sep, w);
        }
    }
    fprintf(f, "\"%s.\"", buf);
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s ROWS OUT.csv\n", argv[0]); return 2; }
    char *end;
    long rows = strtol(argv[1], &end, 10);
    if (*end || rows < 0) { fprintf(stderr, "bad ROWS: %s\n", argv[1]); return 2; }
    FILE *f = fopen(argv[2], "wb");
    if (!f) { perror(argv[2]); return 1; }
    static char obuf[1 << 20];
    setvbuf(f, obuf, _IOFBF, sizeof obuf);

    fputs("id,state,district,age,income,weight,consent,areas,forms,comment\n", f);
    for (long id = 1; id <= rows; id++) {
        unsigned s = pick(N(states)), d = pick(24);
        fprintf(f, "%ld,%s,%s%s%s,", id, states[s], syl[(s + d) % N(syl)],
                syl[(s * 7 + d * 3) % N(syl)], suffix[d % N(suffix)]);
        if (pick(100) >= 2) fprintf(f, "%u", 18 + pick(63)); /* ~2% missing age */
        fputc(',', f);
        if (pick(100) >= 5) { /* ~5% missing income, in rupees with paise */
            unsigned cents = 200000 + pick(2000000) + pick(2000000) * (pick(10) == 0);
            fprintf(f, "%u.%02u", cents / 100, cents % 100);
        }
        unsigned w = 2500 + pick(37500); /* weight 0.2500 .. 3.9999 */
        fprintf(f, ",%u.%04u,%s,", w / 10000, w % 10000, pick(100) < 92 ? "true" : "false");
        multi(f, areas, N(areas), 4);
        fputc(',', f);
        if (pick(100) >= 1) multi(f, forms, N(forms), 3); /* ~1% none ticked */
        fputc(',', f);
        if (pick(100) < 67) comment(f); /* free text is often left blank */
        fputc('\n', f);
    }
    if (fclose(f) != 0) { perror(argv[2]); return 1; }
    return 0;
}
