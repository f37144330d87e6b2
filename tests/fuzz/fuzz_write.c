/* fuzz_write.c - the write path: a random Dataset of every column type
 * (integers to their limits, numbers from every bit pattern, text with
 * quotes, separators, line breaks, edge spaces, NUL bytes and values that
 * look typed, booleans, multi sets, missing anywhere) built from the input,
 * written by coda_csv_write and read back by the loader, from the file and
 * from memory, in one part and in parallel: the same names, types, values
 * and missing.  What cannot be written (NaN, infinity, a multi label the
 * loader would not give back) must be refused with CODA_EARG and leave no
 * file.
 *
 * Input: 3 option bytes, then the Dataset.
 *   0  bits 0-2 columns - 1 (1-8), bits 3-7 rows (0-31)
 *   1  bits 0-1 multi separator (; | ", " " / "), bits 2-3 reading threads
 *      (1-3), bits 4-7 block size
 *   2  unused (kept for later options)
 * then per column a type byte and a name, then the values row by row (see
 * take_*).  Missing input bytes read as 0. */
#include "fuzz.h"

#include "csv_io.h"
#include "base_utf8.h"

#include <float.h>
#include <math.h>

enum { MAXCOL = 8, MAXLEN = 48 };

static const char *const seps[] = { ";", "|", ", ", " / " };
static const size_t blocks[] = { 0, 1, 2, 3, 5, 7, 16, 64, 4096 };
static const coda_type types[] = { CODA_INTEGER, CODA_NUMBER, CODA_STRING,
                                   CODA_BOOLEAN, CODA_MULTI };

/* Text worth trying: values that look typed, quoting, line ends, spaces,
 * a byte-order mark, Devanagari. */
static const char *const texts[] = {
    "007", "true", "1e5", "-0", " 12", "FALSE", "True", "3.25", "-12", "0",
    "9223372036854775807", "9223372036854775808", "1e400", ".5", "+3", "",
    "\"", "a,b", "x\ny", "a\r\nb", "\r", " lead", "tail\t", "NA", "\xEF\xBB\xBFid",
    "\xE0\xA4\xB6\xE0\xA4\xBE\xE0\xA4\xA6\xE0\xA5\x80", "plain",
    "say \"hi\"", ";", "a;b", "|", "0x1F", "inf", "nan", "1_000" };
static const char *const labels[] = {
    "labour", "sex", "forced marriage", "a,b", "q\"t", "7", "true",
    "\xE0\xA4\xB6\xE0\xA4\xBE\xE0\xA4\xA6\xE0\xA5\x80", "x y", "line\nbreak" };
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Up to MAXLEN bytes of text into buf: a listed text, or raw bytes with
 * bytes that are not UTF-8 made '?'; its length. */
static size_t take_text(fz_in *in, char *buf)
{
    unsigned k = fz_byte(in);
    if (k < 0x80) {
        const char *t = texts[k % NELEM(texts)];
        memcpy(buf, t, strlen(t));
        return strlen(t);
    }
    size_t n = (k & 0x7F) % MAXLEN, bad;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)fz_byte(in);
    while (!coda_utf8_valid(buf, n, &bad))
        buf[bad] = '?';
    return n;
}

static int64_t take_int(fz_in *in)
{
    static const int64_t edge[] = { 0, 1, -1, 7, INT64_MAX, INT64_MIN,
                                    INT64_MAX - 1, INT64_MIN + 1 };
    unsigned k = fz_byte(in);
    if (k < 0x80)
        return edge[k % NELEM(edge)];
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | fz_byte(in);
    return (int64_t)v;
}

static double take_number(fz_in *in)
{
    static const double edge[] = { 0.0, -0.0, 0.1, 1.0 / 3, 2.0, -2.5, 1e300,
                                   -1e-300, 5e-324, DBL_MAX, 1e22, 1e21,
                                   123456789012345678.0 };
    unsigned k = fz_byte(in);
    if (k < 0x80)
        return k == 0x7F ? NAN : k == 0x7E ? -INFINITY
                                : edge[k % NELEM(edge)];
    uint64_t v = 0;
    for (int i = 0; i < 8; i++)
        v = v << 8 | fz_byte(in);
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}

/* A set of up to 3 distinct labels for row r of multi column c. */
static void take_set(fz_in *in, coda_table *t, size_t c, size_t r)
{
    coda_column *col = &t->cols[c];
    uint32_t ids[3];
    size_t k = 0, n = fz_byte(in) % 4;
    char buf[MAXLEN];
    for (size_t i = 0; i < n; i++) {
        unsigned b = fz_byte(in);
        const char *s = labels[b % NELEM(labels)];
        size_t len = strlen(s);
        if (b >= 0x80) {                        /* any text, even "" */
            len = take_text(in, buf);
            s = buf;
        }
        uint32_t id;
        FZ_CHECK(coda_labels_intern(col->v.m.labels, s, len, &id) == CODA_OK,
                 "out of memory");
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= ids[j] == id;
        if (!dup)
            ids[k++] = id;
    }
    FZ_CHECK(coda_table_set_multi(t, c, r, ids, k) == CODA_OK, "set_multi");
}

static void take_value(fz_in *in, coda_table *t, size_t c, size_t r)
{
    coda_column *col = &t->cols[c];
    char buf[MAXLEN];
    switch (col->type) {
    case CODA_INTEGER: col->v.i[r] = take_int(in); break;
    case CODA_NUMBER: col->v.d[r] = take_number(in); break;
    case CODA_BOOLEAN: col->v.b[r] = fz_byte(in) & 1; break;
    case CODA_STRING: {
        size_t n = take_text(in, buf);
        FZ_CHECK(coda_table_set_string(t, c, r, buf, n) == CODA_OK, "set");
        break;
    }
    case CODA_MULTI: take_set(in, t, c, r); break;
    }
}

/* A column name: non-empty, no NUL, not taken yet. */
static void take_name(fz_in *in, const coda_table *t, size_t c, char *name)
{
    size_t n = take_text(in, name);
    for (size_t i = 0; i < n; i++)
        name[i] = name[i] ? name[i] : '0';
    name[n] = '\0';
    if (n == 0 || coda_table_find(t, name) >= 0)
        snprintf(name + n, MAXLEN + 16 - n, "#%zu", c + 1);
}

static coda_table *take_table(fz_in *in, size_t ncol, size_t nrow)
{
    coda_table *t;
    FZ_CHECK(coda_table_create(nrow, 0, &t) == CODA_OK, "create");
    for (size_t c = 0; c < ncol; c++) {
        char name[MAXLEN + 16];
        coda_type type = types[fz_byte(in) % NELEM(types)];
        take_name(in, t, c, name);
        size_t at;
        FZ_CHECK(coda_table_add_column(t, name, type, &at) == CODA_OK &&
                 at == c, "add column \"%s\"", name);
    }
    for (size_t r = 0; r < nrow; r++)
        for (size_t c = 0; c < ncol; c++) {
            unsigned m = fz_byte(in);
            if (t->cols[c].type == CODA_MULTI && (m & 3) == 0)
                FZ_CHECK(coda_table_set_multi(t, c, r, NULL, 0) == CODA_OK,
                         "set_multi");
            if ((m & 3) == 0)
                FZ_CHECK(coda_table_set_missing(t, c, r) == CODA_OK, "miss");
            else
                take_value(in, t, c, r);
        }
    return t;
}

/* 1 when column col holds a value that is not missing. */
static int has_value(const coda_column *col, size_t nrow)
{
    for (size_t r = 0; r < nrow; r++)
        if (!coda_is_missing(col, r))
            return 1;
    return 0;
}

/* How to read back: multi columns split on sep, and a column with no value
 * given its type (a file cannot show the type of a column without one). */
typedef struct back_opts {
    coda_csv_opts o;
    const char *mcols[MAXCOL], *msep[MAXCOL], *tcols[MAXCOL];
    coda_type tt[MAXCOL];
} back_opts;

static void read_opts(const coda_table *t, const char *sep, back_opts *b)
{
    coda_csv_opts_init(&b->o);
    size_t nm = 0, nt = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        if (col->type == CODA_MULTI) {
            b->mcols[nm] = col->name;
            b->msep[nm++] = sep;
        } else if (!has_value(col, t->nrow)) {
            b->tcols[nt] = col->name;
            b->tt[nt++] = col->type;
        }
    }
    b->o.multi_cols = b->mcols;
    b->o.multi_seps = b->msep;
    b->o.nmulti = nm;
    b->o.type_cols = b->tcols;
    b->o.types = b->tt;
    b->o.ntypes = nt;
}

/* The first place at or after from where sep stands in text[0..n), or n
 * (a plain scan, as a reader splitting the joined labels would do). */
static size_t find_sep(const char *text, size_t n, size_t from,
                       const char *sep)
{
    size_t k = strlen(sep);
    for (size_t i = from; i + k <= n; i++)
        if (memcmp(text + i, sep, k) == 0)
            return i;
    return n;
}

/* 1 when row r's labels, joined with sep, split back where they were
 * joined. */
static int splits_back(const coda_column *col, size_t r, const char *sep)
{
    char text[4 * (MAXLEN + 8)];
    size_t n = 0, ends[3], k = 0;
    for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++) {
        uint32_t id = col->v.m.ids[i];
        if (i > col->v.m.off[r]) {
            memcpy(text + n, sep, strlen(sep));
            n += strlen(sep);
        }
        memcpy(text + n, col->v.m.labels->s[id], col->v.m.labels->len[id]);
        n += col->v.m.labels->len[id];
        ends[k++] = n;
    }
    for (size_t i = 0, from = 0; i < k; i++) {
        if (find_sep(text, n, from, sep) != ends[i])
            return 0;
        from = ends[i] + strlen(sep);
    }
    return 1;
}

/* What the writer must refuse: a number that is not finite, a multi label
 * that holds sep, is empty, or starts or ends with a space or tab (the
 * loader would split, drop or trim it), a set whose joined labels would
 * split elsewhere.  Returns why, or NULL. */
static const char *unwritable(const coda_table *t, const char *sep)
{
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        for (size_t r = 0; col->type == CODA_NUMBER && r < t->nrow; r++)
            if (!coda_is_missing(col, r) && !isfinite(col->v.d[r]))
                return "not finite";
        for (uint32_t i = 0; col->type == CODA_MULTI &&
                             i < col->v.m.labels->n; i++) {
            const char *s = col->v.m.labels->s[i];
            size_t n = col->v.m.labels->len[i];
            if (memmem(s, n, sep, strlen(sep)) || n == 0 || s[0] == ' ' ||
                s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
                return "label";
        }
        for (size_t r = 0; col->type == CODA_MULTI && r < t->nrow; r++)
            if (!splits_back(col, r, sep))
                return "a set that splits elsewhere";
    }
    return NULL;
}

/* t and back hold the same; else show the file written and fail. */
static void same(const coda_table *t, const coda_table *back, const char *how,
                 const char *path)
{
    char why[300];
    if (!fz_table_diff(t, back, why, sizeof why))
        return;
    FILE *fp = fopen(path, "rb");
    fprintf(stderr, "the file written:\n");
    for (int ch; fp && (ch = getc(fp)) != EOF;)
        putc(ch, stderr);
    if (fp)
        fclose(fp);
    FZ_CHECK(0, "%s: %s", how, why);
}

static void read_back(const coda_table *t, const char *path, back_opts *b,
                      int threads, size_t block)
{
    coda_error err;
    coda_table *back = NULL;
    b->o.threads = 1;
    FZ_CHECK(coda_csv_load(path, &b->o, &back, &err) == CODA_OK,
             "reading back: line %ld: %s", err.line, err.msg);
    same(t, back, "from the file", path);
    coda_table_free(back);
    FILE *fp = fopen(path, "rb");
    FZ_CHECK(fp != NULL, "cannot open %s", path);
    static char data[1 << 20];
    size_t len = fread(data, 1, sizeof data, fp);
    FZ_CHECK(len < sizeof data && !ferror(fp), "the file is too large");
    fclose(fp);
    b->o.threads = threads;
    b->o.min_chunk = 1;
    b->o.block = block;
    back = NULL;
    FZ_CHECK(coda_csv_load_mem(data, len, "mem", &b->o, &back, &err) ==
             CODA_OK, "reading back in parallel: line %ld: %s", err.line,
             err.msg);
    same(t, back, "in parallel from memory", path);
    coda_table_free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned shape = fz_byte(&in), how = fz_byte(&in);
    (void)fz_byte(&in);
    size_t ncol = (shape & 7) + 1, nrow = shape >> 3;
    const char *sep = seps[how & 3];
    int threads = (int)((how >> 2) & 3) % 3 + 1;
    size_t block = blocks[(how >> 4) % NELEM(blocks)];

    coda_table *t = take_table(&in, ncol, nrow);
    const char *path = fz_out_path(".csv");
    coda_error err;
    coda_error_clear(&err);
    const char *bad = unwritable(t, sep);
    coda_status st = coda_csv_write(t, path, sep, &err);
    if (bad) {
        FZ_CHECK(st == CODA_EARG, "%s: written (%s)", bad,
                 coda_strerror(st));
        fz_check_error(st, &err);
        FZ_CHECK(access(path, F_OK) != 0, "a refused write left a file");
    } else {
        FZ_CHECK(st == CODA_OK, "write: %s", err.msg);
        back_opts b;
        read_opts(t, sep, &b);
        read_back(t, path, &b, threads, block);
        unlink(path);
    }
    coda_table_free(t);
    return 0;
}
