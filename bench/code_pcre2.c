/* code_pcre2.c - plain PCRE2-JIT side of the coding benchmark: one thread, each code's pattern
 * compiled as written (UTF, PCRE2's own ASCII \b, caseless unless its flags hold "c"), every
 * non-empty match of every code counted over each whole document.
 *
 * Usage: code_pcre2 CORPUS_DIR CODEBOOK   (files *.txt of CORPUS_DIR, read into memory first)
 * Times only the matching (CODE_RUNS runs, default 1, best kept). stdout: "doc<TAB>code<TAB>count"
 * for every non-zero count; stderr: one "code: tool=pcre2 ..." line.
 * Build: cc -std=c11 -O2 -o code_pcre2 bench/code_pcre2.c -lpcre2-8 */
#define _GNU_SOURCE
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct doc { char *id, *text; size_t len; } doc;
typedef struct code { char *name; pcre2_code *re; } code;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_id(const void *a, const void *b) { return strcmp(((const doc *)a)->id, ((const doc *)b)->id); }

/* the n-th (0-based) field of a CSV line without embedded newlines, unquoted, into out */
static void field(const char *line, int n, char *out, size_t size) {
    size_t k = 0;
    for (int f = 0; *line && *line != '\n'; f++) {
        int q = *line == '"';
        line += q;
        for (; *line && *line != '\n'; line++) {
            if (q && line[0] == '"' && line[1] == '"') line++;
            else if (q && line[0] == '"') { line++; break; }
            else if (!q && line[0] == ',') break;
            if (f == n && k + 1 < size) out[k++] = *line;
        }
        if (f == n) break;
        if (*line == ',') line++;
    }
    out[k] = '\0';
}

static size_t read_codes(const char *path, code **out) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(2); }
    char line[8192], name[256], pat[4096], flags[64];
    size_t n = 0;
    code *v = NULL;
    fgets(line, sizeof line, f); /* header: code,pattern,flags,description */
    while (fgets(line, sizeof line, f)) {
        field(line, 0, name, sizeof name);
        field(line, 1, pat, sizeof pat);
        field(line, 2, flags, sizeof flags);
        int ec;
        PCRE2_SIZE off;
        uint32_t opt = PCRE2_UTF | (strchr(flags, 'c') ? 0 : PCRE2_CASELESS);
        pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, opt, &ec, &off, NULL);
        if (!re) { fprintf(stderr, "code %s does not compile\n", name); exit(2); }
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
        v = realloc(v, (n + 1) * sizeof *v);
        v[n].name = strdup(name);
        v[n++].re = re;
    }
    fclose(f);
    *out = v;
    return n;
}

static size_t read_docs(const char *dir, doc **out) {
    DIR *d = opendir(dir);
    if (!d) { perror(dir); exit(2); }
    struct dirent *e;
    size_t n = 0;
    doc *v = NULL;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt")) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        rewind(f);
        v = realloc(v, (n + 1) * sizeof *v);
        v[n].text = malloc((size_t)len + 1);
        v[n].len = fread(v[n].text, 1, (size_t)len, f);
        v[n].id = strndup(e->d_name, l - 4);
        n++;
        fclose(f);
    }
    closedir(d);
    qsort(v, n, sizeof *v, by_id);
    *out = v;
    return n;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: code_pcre2 CORPUS_DIR CODEBOOK\n"); return 2; }
    code *codes;
    doc *docs;
    size_t nc = read_codes(argv[2], &codes), nd = read_docs(argv[1], &docs);
    size_t *count = calloc(nc * nd, sizeof *count), total = 0;
    int runs = getenv("CODE_RUNS") ? atoi(getenv("CODE_RUNS")) : 1;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    double best = 1e300;
    for (int r = 0; r < (runs > 0 ? runs : 1); r++) {
        double t0 = now();
        total = 0;
        for (size_t i = 0; i < nd; i++)
            for (size_t c = 0; c < nc; c++) {
                size_t off = 0, k = 0;
                while (pcre2_match(codes[c].re, (PCRE2_SPTR)docs[i].text, docs[i].len, off,
                                   PCRE2_NOTEMPTY | PCRE2_NO_UTF_CHECK, md, NULL) >= 0) {
                    off = pcre2_get_ovector_pointer(md)[1];
                    k++;
                }
                count[i * nc + c] = k;
                total += k;
            }
        double t = now() - t0;
        if (t < best) best = t;
    }
    for (size_t i = 0; i < nd; i++)
        for (size_t c = 0; c < nc; c++)
            if (count[i * nc + c]) printf("%s\t%s\t%zu\n", docs[i].id, codes[c].name, count[i * nc + c]);
    char ver[64];
    pcre2_config(PCRE2_CONFIG_VERSION, ver);
    for (char *p = ver; *p; p++) if (*p == ' ') *p = '_';
    fprintf(stderr, "code: tool=pcre2 version=%s load_s=n/a compile_s=n/a code_s=%.3f segments=%zu\n",
            ver, best, total);
    return 0;
}
