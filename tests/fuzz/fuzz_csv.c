/* fuzz_csv.c - the CSV loader on arbitrary bytes, with options taken from
 * the first input bytes, checked against itself: a parallel load (1-3
 * threads, min_chunk 1, small blocks) and a load from a file must give the
 * same table, or the same error, as a sequential in-memory load; a table
 * written out and read back must be the same table; a line column
 * must rise with the rows, stay within the input's lines, and leave the
 * other columns as they are without it.
 *
 * Input: 6 option bytes, then the CSV.
 *   0  bit 0 infer, bit 1 also load from a file, bit 2 na strings,
 *      bit 3 a multi column, bit 4 a type override, bit 5 write + reload
 *   1  delimiter: < 0x80 one of , ; TAB | space :  else the byte & 0x7F
 *   2  threads 1-3; bit 7 a line column
 *   3  block size
 *   4  multi column (index into the header) and its separator
 *   5  type override column and type */
#include "fuzz.h"

#include "csv_io.h"

static const unsigned char delims[] = { ',', ';', '\t', '|', ' ', ':' };
static const size_t blocks[] = { 0, 1, 2, 3, 5, 7, 16, 64, 4096 };
static const char *const seps[] = { ";", ",", "|", "; ", "::", " " };
static const char *const na_all[] = { "NA", "-", "n/a", "", "NULL" };
static const coda_type types[] = { CODA_INTEGER, CODA_NUMBER, CODA_STRING,
                                   CODA_BOOLEAN, CODA_MULTI };

typedef struct opts {
    coda_csv_opts o;
    const char *multi_col[1], *multi_sep[1], *type_col[1];
    coda_type type[1];
} opts;

static void same_result(coda_status s1, const coda_table *t1,
                        const coda_error *e1, coda_status s2,
                        const coda_table *t2, const coda_error *e2,
                        const char *what)
{
    char why[300];
    FZ_CHECK(s1 == s2, "%s: status %s, sequential %s (%s / %s)", what,
             coda_strerror(s2), coda_strerror(s1), e2->msg, e1->msg);
    if (s1 != CODA_OK) {
        FZ_CHECK(e1->line == e2->line && strcmp(e1->msg, e2->msg) == 0,
                 "%s: error \"%s\" line %ld, sequential \"%s\" line %ld",
                 what, e2->msg, e2->line, e1->msg, e1->line);
        return;
    }
    FZ_CHECK(!fz_table_diff(t1, t2, why, sizeof why), "%s: %s", what, why);
}

/* Write a table and read it back: the same table. */
static void round_trip(const coda_table *t, const opts *op)
{
    const char *path = fz_out_path(".csv");
    coda_error err;
    coda_error_clear(&err);
    const char *sep = op->o.nmulti ? op->o.multi_seps[0] : NULL;
    coda_status st = coda_csv_write(t, path, sep, &err);
    FZ_CHECK(st == CODA_OK, "write: %s", err.msg);
    coda_csv_opts o = op->o;
    o.delim = ',';
    o.threads = 1;
    coda_table *back = NULL;
    st = coda_csv_load(path, &o, &back, &err);
    unlink(path);
    FZ_CHECK(st == CODA_OK, "reading back what was written: line %ld: %s",
             err.line, err.msg);
    char why[300];
    FZ_CHECK(!fz_table_diff(t, back, why, sizeof why), "round trip: %s", why);
    coda_table_free(back);
}

/* t has the line column last (named ""): lines rise from 2 within the
 * input's line count, and t without it is the table loaded without it. */
static void check_lines(const coda_table *t, const char *csv, size_t len,
                        const coda_csv_opts *o)
{
    const coda_column *lc = &t->cols[t->ncol - 1];
    long lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += csv[i] == '\n' || (csv[i] == '\r' && (i + 1 == len ||
                                                      csv[i + 1] != '\n'));
    FZ_CHECK(lc->type == CODA_INTEGER && !lc->missing && !lc->name[0],
             "the line column is not a present integer column named \"\"");
    for (size_t r = 0; r < t->nrow; r++)
        FZ_CHECK(lc->v.i[r] >= 2 && lc->v.i[r] <= lines &&
                 (r == 0 || lc->v.i[r] > lc->v.i[r - 1]),
                 "row %zu: line %lld (previous %lld, %ld lines)", r + 1,
                 (long long)lc->v.i[r], r ? (long long)lc->v.i[r - 1] : 0LL,
                 lines);
    coda_csv_opts plain = *o;
    plain.line_col = NULL;
    plain.threads = 1;
    coda_table *u = NULL;
    coda_error err;
    coda_error_clear(&err);
    FZ_CHECK(coda_csv_load_mem(csv, len, "fuzz.csv", &plain, &u, &err) ==
             CODA_OK, "without the line column: %s", err.msg);
    coda_table view = *t;
    view.ncol--;
    char why[300];
    FZ_CHECK(!fz_table_diff(&view, u, why, sizeof why), "with a line column "
             "the other columns differ: %s", why);
    coda_table_free(u);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_in in = { data, size };
    unsigned flags = fz_byte(&in), d = fz_byte(&in), th = fz_byte(&in);
    unsigned bl = fz_byte(&in), mu = fz_byte(&in), ty = fz_byte(&in);
    const char *csv = (const char *)in.p;
    size_t len = in.n;

    opts op;
    coda_csv_opts_init(&op.o);
    op.o.infer = flags & 1;
    op.o.delim = d < 0x80 ? delims[d % sizeof delims] : (unsigned char)(d & 0x7F);
    op.o.line_col = th & 0x80 ? "" : NULL;
    if (flags & 4) {
        op.o.na = na_all;
        op.o.nna = (flags >> 6) + 2;    /* 2..5 of them */
    }

    /* The header's names, to name columns in the options. */
    coda_csv_opts probe = op.o;
    probe.infer = 0;
    probe.na = NULL;
    probe.nna = 0;
    probe.threads = 1;
    probe.line_col = NULL;
    coda_table *names = NULL;
    coda_error err;
    coda_error_clear(&err);
    if (coda_csv_load_mem(csv, len, "fuzz.csv", &probe, &names, &err) ==
        CODA_OK) {
        if ((flags & 8) && names->ncol) {
            op.multi_col[0] = names->cols[(mu >> 3) % names->ncol].name;
            op.multi_sep[0] = seps[(mu & 7) % 6];
            op.o.multi_cols = op.multi_col;
            op.o.multi_seps = op.multi_sep;
            op.o.nmulti = 1;
        }
        if ((flags & 16) && names->ncol) {
            op.type_col[0] = names->cols[(ty >> 3) % names->ncol].name;
            op.type[0] = types[(ty & 7) % 5];
            op.o.type_cols = op.type_col;
            op.o.types = op.type;
            op.o.ntypes = 1;
        }
    } else {
        fz_check_error(err.code, &err);
    }

    /* The reference: one thread, default blocks, in memory. */
    coda_csv_opts o1 = op.o;
    o1.threads = 1;
    coda_table *t1 = NULL;
    coda_error e1;
    coda_error_clear(&e1);
    coda_status s1 = coda_csv_load_mem(csv, len, "fuzz.csv", &o1, &t1, &e1);
    if (s1 != CODA_OK) {
        fz_check_error(s1, &e1);
        FZ_CHECK(t1 == NULL, "a table despite %s", e1.msg);
    } else {
        fz_walk(t1);
        if (op.o.line_col)
            check_lines(t1, csv, len, &op.o);
    }

    /* In parallel, with small parts and blocks. */
    coda_csv_opts o2 = op.o;
    o2.threads = (int)(th % 3) + 1;
    o2.min_chunk = 1;
    o2.block = blocks[bl % (sizeof blocks / sizeof blocks[0])];
    coda_table *t2 = NULL;
    coda_error e2;
    coda_error_clear(&e2);
    coda_status s2 = coda_csv_load_mem(csv, len, "fuzz.csv", &o2, &t2, &e2);
    same_result(s1, t1, &e1, s2, t2, &e2, "in parallel");
    coda_table_free(t2);

    /* From a file (pread in blocks). */
    if (flags & 2) {
        const char *path = fz_scratch(".csv", csv, len);
        coda_table *t3 = NULL;
        coda_error e3;
        coda_error_clear(&e3);
        coda_status s3 = coda_csv_load(path, &o2, &t3, &e3);
        if (s3 != CODA_OK)
            snprintf(e3.file, sizeof e3.file, "fuzz.csv");
        same_result(s1, t1, &e1, s3, t3, &e3, "from a file");
        coda_table_free(t3);
    }

    /* What was read, written out, reads back the same, typed or not (na
     * strings and type overrides would change what is missing or how it
     * is typed). */
    if ((flags & 32) && s1 == CODA_OK && !op.o.nna && !op.o.ntypes &&
        !op.o.line_col && t1->nrow > 0)
        round_trip(t1, &op);

    coda_table_free(t1);
    coda_table_free(names);
    return 0;
}
