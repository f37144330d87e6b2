/* fuzz.h - what the fuzz targets share: the libFuzzer entry point, a reader
 * of option bytes, a scratch file, a table comparison and a check that
 * aborts (so libFuzzer and the replay driver both report it as a crash).
 *
 * Every target is a single C file including this header; it is linked
 * either with libFuzzer (clang -fsanitize=fuzzer) or with replay.c, a plain
 * main() that runs the target over corpus files. */
#ifndef CODA_FUZZ_H
#define CODA_FUZZ_H

#include "base_error.h"
#include "table.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold: on failure print why and abort. */
#define FZ_CHECK(cond, ...)                                                  \
    do {                                                                     \
        if (!(cond))                                                         \
            fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__);                 \
    } while (0)

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5), noreturn))
#endif
static void fz_fail(const char *file, int line, const char *cond,
                    const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: check failed: %s\n  ", file, line, cond);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* The input as a stream of option bytes followed by the payload. */
typedef struct fz_in {
    const uint8_t *p;
    size_t n;
} fz_in;

/* The next byte, 0 once the input is used up. */
static inline unsigned fz_byte(fz_in *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

/* Scratch files: 0-3 by suffix, 4 the output path; removed at exit and,
 * by the replay driver, on a crash.  Defined once, in the target's file
 * (replay.c defines FZ_REPLAY_DRIVER before including this header). */
extern char fz_paths[5][256];
#ifndef FZ_REPLAY_DRIVER
char fz_paths[5][256];
#endif
static char fz_suffixes[4][16];

static void fz_cleanup(void)
{
    for (int k = 0; k < 5; k++)
        if (fz_paths[k][0])
            unlink(fz_paths[k]);
}

/* Name fz_paths[k] in /dev/shm (else $TMPDIR or /tmp) after the process
 * and what, the first time. */
static inline const char *fz_path(int k, const char *what)
{
    static int registered;
    if (!fz_paths[k][0]) {
        const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm"
                          : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
        snprintf(fz_paths[k], sizeof fz_paths[k], "%s/coda-fuzz-%ld-%s", dir,
                 (long)getpid(), what);
    }
    if (!registered)
        registered = atexit(fz_cleanup) == 0;
    return fz_paths[k];
}

/* A scratch file whose name ends in suffix, holding data[0..len); one per
 * suffix and process, rewritten on each call.  Returns its path. */
static inline const char *fz_scratch(const char *suffix, const void *data,
                                     size_t len)
{
    int k = 0;
    while (k < 4 && fz_suffixes[k][0] && strcmp(fz_suffixes[k], suffix) != 0)
        k++;
    FZ_CHECK(k < 4, "too many scratch suffixes");
    if (!fz_suffixes[k][0]) {
        char what[32];
        snprintf(fz_suffixes[k], sizeof fz_suffixes[k], "%s", suffix);
        snprintf(what, sizeof what, "in%d%s", k, suffix);
        fz_path(k, what);
    }
    FILE *fp = fopen(fz_paths[k], "wb");
    FZ_CHECK(fp != NULL, "cannot write %s", fz_paths[k]);
    FZ_CHECK(fwrite(data, 1, len, fp) == len && fclose(fp) == 0,
             "cannot write %s", fz_paths[k]);
    return fz_paths[k];
}

/* A path for an output, named with suffix the first time (a target uses
 * one); not created here. */
static inline const char *fz_out_path(const char *suffix)
{
    char what[32];
    snprintf(what, sizeof what, "out%s", suffix);
    return fz_path(4, what);
}

static inline int fz_same_cell(const coda_column *x, const coda_column *y,
                               size_t r)
{
    int mx = coda_is_missing(x, r), my = coda_is_missing(y, r);
    if (mx || my)
        return mx == my;
    switch (x->type) {
    case CODA_INTEGER: return x->v.i[r] == y->v.i[r];
    case CODA_NUMBER:       /* -0 and 0 differ; NaN equals NaN */
        return (x->v.d[r] == y->v.d[r] &&
                signbit(x->v.d[r]) == signbit(y->v.d[r])) ||
               (x->v.d[r] != x->v.d[r] && y->v.d[r] != y->v.d[r]);
    case CODA_BOOLEAN: return x->v.b[r] == y->v.b[r];
    case CODA_STRING:
        return x->v.s.len[r] == y->v.s.len[r] &&
               memcmp(x->v.s.p[r], y->v.s.p[r], x->v.s.len[r]) == 0;
    case CODA_MULTI: {
        uint64_t a = x->v.m.off[r], b = x->v.m.off[r + 1];
        uint64_t c = y->v.m.off[r], d = y->v.m.off[r + 1];
        if (b - a != d - c)
            return 0;
        for (uint64_t k = 0; k < b - a; k++) {
            uint32_t i = x->v.m.ids[a + k], j = y->v.m.ids[c + k];
            const coda_labels *lx = x->v.m.labels, *ly = y->v.m.labels;
            if (lx->len[i] != ly->len[j] ||
                memcmp(lx->s[i], ly->s[j], lx->len[i]) != 0)
                return 0;
        }
        return 1;
    }
    }
    return 0;
}

/* 0 when a and b hold the same names, types and values; else 1 with a
 * description in why. */
static inline int fz_table_diff(const coda_table *a, const coda_table *b,
                                char *why, size_t size)
{
    if (a->nrow != b->nrow || a->ncol != b->ncol) {
        snprintf(why, size, "%zu x %zu against %zu x %zu", a->nrow, a->ncol,
                 b->nrow, b->ncol);
        return 1;
    }
    for (size_t c = 0; c < a->ncol; c++) {
        const coda_column *x = &a->cols[c], *y = &b->cols[c];
        if (strcmp(x->name, y->name) != 0 || x->type != y->type) {
            snprintf(why, size, "column %zu: \"%s\" %s against \"%s\" %s",
                     c + 1, x->name, coda_type_name(x->type), y->name,
                     coda_type_name(y->type));
            return 1;
        }
        for (size_t r = 0; r < a->nrow; r++)
            if (!fz_same_cell(x, y, r)) {
                snprintf(why, size, "column \"%s\" differs at row %zu",
                         x->name, r + 1);
                return 1;
            }
    }
    return 0;
}

/* Touch every value of t so ASan sees any bad pointer or length. */
static inline size_t fz_walk(const coda_table *t)
{
    size_t h = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        h += strlen(col->name);
        for (size_t r = 0; r < t->nrow; r++) {
            if (coda_is_missing(col, r))
                continue;
            switch (col->type) {
            case CODA_INTEGER: h += (size_t)col->v.i[r]; break;
            case CODA_NUMBER: h += col->v.d[r] > 0; break;
            case CODA_BOOLEAN: h += col->v.b[r]; break;
            case CODA_STRING:
                FZ_CHECK(col->v.s.p[r][col->v.s.len[r]] == '\0',
                         "string not NUL-terminated at column %zu row %zu",
                         c + 1, r + 1);
                h += strlen(col->v.s.p[r]) <= col->v.s.len[r];
                break;
            case CODA_MULTI:
                for (uint64_t k = col->v.m.off[r]; k < col->v.m.off[r + 1];
                     k++) {
                    uint32_t id = col->v.m.ids[k];
                    FZ_CHECK(id < col->v.m.labels->n, "label id %u of %u",
                             id, col->v.m.labels->n);
                    h += col->v.m.labels->len[id];
                }
                break;
            }
        }
    }
    return h;
}

/* Every failure must say what was wrong. */
static inline void fz_check_error(coda_status st, const coda_error *err)
{
    FZ_CHECK(err->code == st, "status %d but err->code %d (%s)", (int)st,
             (int)err->code, err->msg);
    FZ_CHECK(err->msg[0] != '\0', "status %s with an empty message",
             coda_strerror(st));
}

#endif
