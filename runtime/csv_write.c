/* csv_write.c - writing a Dataset as RFC 4180 CSV, atomically. */
#include "csv_int.h"

#include "base_alloc.h"
#include "table_labels.h"
#include "base_outfile.h"
#include "base_strbuf.h"
#include "base_utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void put_text(FILE *fp, const char *s, size_t len, int quote)
{
    if (!quote) {
        fwrite(s, 1, len, fp);
        return;
    }
    putc('"', fp);
    for (const char *e = s + len, *q; s < e; s = q + 1) {
        q = memchr(s, '"', (size_t)(e - s));
        if (!q) {
            fwrite(s, 1, (size_t)(e - s), fp);
            break;
        }
        fwrite(s, 1, (size_t)(q - s) + 1, fp);
        putc('"', fp);
    }
    putc('"', fp);
}

/* Text is quoted when it needs it, and when it would read back as
 * another type (007, true, 1e5, -0): quoted, read_csv keeps it text. */
static void put_string(FILE *fp, const char *s, size_t len)
{
    put_text(fp, s, len, coda_csv_needs_quotes(s, len, ',') ||
                         coda_csv_looks_typed(s, len));
}

/* The shortest %g form that reads back as the same double; with dot set,
 * a whole number gets ".0" so that it does not read back as an integer;
 * so does -0 always. */
static void put_number(FILE *fp, double d, int dot)
{
    char buf[48];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    /* -0 bare would read as the integer 0 and lose its sign */
    if ((dot || (d == 0 && signbit(d))) && !strpbrk(buf, ".eEn"))
        strcat(buf, ".0");
    fputs(buf, fp);
}

/* 1 when every value of number column col would be written as a whole
 * number ("2", "-0"), so that the column would read back as integers. */
static int needs_dot(const coda_column *col, size_t nrow)
{
    char buf[48];
    for (size_t r = 0; r < nrow; r++) {
        if (coda_is_missing(col, r))
            continue;
        snprintf(buf, sizeof buf, "%.17g", col->v.d[r]);
        if (strpbrk(buf, ".eEn"))
            return 0;
    }
    return 1;
}

/* 1 when reading splits text[0..n), row r's labels joined with sep, where
 * they were joined: at the first sep after each label, not inside one nor
 * where a label runs on into the separator after it ("x /" before " / "
 * makes "x / / y"). */
static int splits_back(const coda_column *col, size_t r, const char *text,
                       size_t n, const char *sep)
{
    size_t seplen = strlen(sep), from = 0;
    for (uint64_t i = col->v.m.off[r]; i < col->v.m.off[r + 1]; i++) {
        size_t end = from + col->v.m.labels->len[col->v.m.ids[i]];
        const char *q = memmem(text + from, n - from, sep, seplen);
        if ((q ? (size_t)(q - text) : n) != end)
            return 0;
        from = end + seplen;
    }
    return 1;
}

/* A set's labels joined with sep, quoted when the joined text needs it (an
 * empty set is written "" so that it stays distinct from missing); quotes
 * exactly where the text needs them tell read_csv that quoting in the
 * file means something.  Returns 0, or 1 when the joined labels would
 * split elsewhere on reading (nothing written). */
static int put_multi(FILE *fp, const coda_column *col, size_t r,
                     const char *sep, coda_strbuf *b)
{
    uint64_t a = col->v.m.off[r], z = col->v.m.off[r + 1];
    const coda_labels *l = col->v.m.labels;
    b->n = 0;
    for (uint64_t i = a; i < z; i++) {
        if (i > a)
            coda_strbuf_puts(b, sep);
        coda_strbuf_add(b, l->s[col->v.m.ids[i]], l->len[col->v.m.ids[i]]);
    }
    if (b->failed)
        return 0;
    const char *text = b->n ? b->p : "";
    if (!splits_back(col, r, text, b->n, sep))
        return 1;
    put_text(fp, text, b->n, coda_csv_needs_quotes(text, b->n, ','));
    return 0;
}

/* Row r of col; 1 when it is a multi value that cannot be written. */
static int put_value(FILE *fp, const coda_column *col, size_t r,
                     const char *sep, int dot, coda_strbuf *b)
{
    if (coda_is_missing(col, r))
        return 0;
    switch (col->type) {
    case CODA_INTEGER: fprintf(fp, "%" PRId64, col->v.i[r]); break;
    case CODA_NUMBER: put_number(fp, col->v.d[r], dot); break;
    case CODA_BOOLEAN: fputs(col->v.b[r] ? "true" : "false", fp); break;
    case CODA_STRING: put_string(fp, col->v.s.p[r], col->v.s.len[r]); break;
    case CODA_MULTI: return put_multi(fp, col, r, sep, b);
    }
    return 0;
}

/* A multi separator that reads back: not empty, no line end, quote or
 * NUL. */
static coda_status check_sep(const char *sep, coda_error *err)
{
    if (!*sep || strpbrk(sep, "\r\n\""))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "the multi "
                              "separator must be a non-empty text without a "
                              "line end or quote");
    return CODA_OK;
}

/* Names the header can carry and read_csv reads back: non-empty, UTF-8,
 * each once (a vocabulary finds repeats in one pass over a wide table). */
static coda_status check_names(const coda_table *t, coda_error *err)
{
    coda_labels *seen = coda_labels_new();
    coda_status st = seen ? CODA_OK : coda_error_nomem(err);
    for (size_t c = 0; c < t->ncol && st == CODA_OK; c++) {
        const char *name = t->cols[c].name;
        size_t len = strlen(name), bad;
        uint32_t id, before = seen->n;
        if (!len)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "column %zu has "
                                "an empty name, which a CSV header cannot "
                                "carry", c + 1);
        else if (!coda_utf8_valid(name, len, &bad))
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "the name of "
                                "column %zu is not UTF-8", c + 1);
        else if (coda_labels_intern(seen, name, len, &id) != CODA_OK)
            st = coda_error_nomem(err);
        else if (seen->n == before)
            st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "columns %u and "
                                "%zu are both named \"%s\", which would not "
                                "read back", id + 1, c + 1, name);
    }
    coda_labels_unref(seen);
    return st;
}

/* Every text value UTF-8, as read_csv requires. */
static coda_status check_text(const coda_table *t, coda_error *err)
{
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        size_t bad;
        for (size_t r = 0; col->type == CODA_STRING && r < t->nrow; r++)
            if (!coda_is_missing(col, r) &&
                !coda_utf8_valid(col->v.s.p[r], col->v.s.len[r], &bad))
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "column "
                                      "\"%s\", row %zu holds bytes that are "
                                      "not UTF-8 (byte 0x%02X at offset %zu), "
                                      "which read_csv refuses", col->name,
                                      r + 1, (unsigned char)col->v.s.p[r][bad],
                                      bad);
    }
    return CODA_OK;
}

static const char holds_sep[] = "holds the multi separator";

/* Why the label s[0..n) would not read back as itself from a multi column
 * split on sep, or NULL: the loader splits on sep, drops an empty label
 * and trims spaces and tabs around one. */
static const char *label_trouble(const char *s, size_t n, const char *sep)
{
    size_t bad;
    if (memmem(s, n, sep, strlen(sep)))     /* past a NUL byte too */
        return holds_sep;
    if (n == 0)
        return "is empty and would not read back";
    if (!coda_utf8_valid(s, n, &bad))
        return "is not UTF-8, which read_csv refuses";
    if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
        return "starts or ends with a space or tab, which reading trims";
    return NULL;
}

/* Every label of every multi column reads back as itself. */
static coda_status check_labels(const coda_table *t, const char *sep,
                                coda_error *err)
{
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        for (uint32_t i = 0; col->type == CODA_MULTI && i < col->v.m.labels->n;
             i++) {
            const char *why = label_trouble(col->v.m.labels->s[i],
                                            col->v.m.labels->len[i], sep);
            if (why == holds_sep)
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "label "
                                      "\"%s\" of column \"%s\" %s \"%s\" "
                                      "and would not read back as written; "
                                      "choose another sep",
                                      col->v.m.labels->s[i], col->name, why,
                                      sep);
            if (why)
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "label "
                                      "\"%s\" of column \"%s\" %s",
                                      col->v.m.labels->s[i], col->name, why);
        }
    }
    return CODA_OK;
}

/* Every number finite: CSV has no infinity or NaN that reads back as a
 * number, so writing one would change the column's type on reading. */
static coda_status check_finite(const coda_table *t, coda_error *err)
{
    for (size_t c = 0; c < t->ncol; c++) {
        const coda_column *col = &t->cols[c];
        for (size_t r = 0; col->type == CODA_NUMBER && r < t->nrow; r++)
            if (!coda_is_missing(col, r) && !isfinite(col->v.d[r]))
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "column "
                                      "\"%s\", row %zu holds %s, which a CSV "
                                      "file cannot carry as a number (make it "
                                      "missing first)", col->name, r + 1,
                                      isnan(col->v.d[r]) ? "NaN" : "infinity");
    }
    return CODA_OK;
}

static void put_header(FILE *fp, const coda_table *t)
{
    for (size_t c = 0; c < t->ncol; c++) {
        const char *name = t->cols[c].name;
        size_t len = strlen(name);
        if (c)
            putc(',', fp);
        /* bare, a leading U+FEFF would read back as a byte-order mark */
        put_text(fp, name, len, coda_csv_needs_quotes(name, len, ',') ||
                 (c == 0 && !strncmp(name, "\xEF\xBB\xBF", 3)));
    }
    putc('\n', fp);
}

/* The records; CODA_EARG names a multi value whose labels, joined, would
 * split elsewhere on reading. */
static coda_status put_rows(FILE *fp, const coda_table *t, const char *sep,
                            const uint8_t *dot, coda_error *err)
{
    coda_strbuf b = { 0 };
    coda_status st = CODA_OK;
    for (size_t r = 0; r < t->nrow && st == CODA_OK && !b.failed; r++) {
        for (size_t c = 0; c < t->ncol && st == CODA_OK; c++) {
            if (c)
                putc(',', fp);
            if (put_value(fp, &t->cols[c], r, sep, dot[c], &b))
                st = coda_error_set(err, CODA_EARG, NULL, 0, 0, "column "
                                    "\"%s\", row %zu: the labels joined "
                                    "with the multi separator \"%s\" would "
                                    "split elsewhere on reading (a label "
                                    "runs on into it, as \"x /\" before "
                                    "\" / \"); choose another sep",
                                    t->cols[c].name, r + 1, sep);
        }
        putc('\n', fp);
    }
    coda_free(b.p);
    return st == CODA_OK && b.failed ? coda_error_nomem(err) : st;
}

coda_status coda_csv_write_fp(const coda_table *t, FILE *fp, const char *sep,
                              int header, coda_error *err)
{
    if (!sep)
        sep = ";";
    coda_status st = check_sep(sep, err);
    if (st == CODA_OK)
        st = check_names(t, err);
    if (st == CODA_OK)
        st = check_text(t, err);
    if (st == CODA_OK)
        st = check_labels(t, sep, err);
    if (st == CODA_OK)
        st = check_finite(t, err);
    uint8_t *dot = st == CODA_OK ? coda_calloc(t->ncol ? t->ncol : 1, 1)
                                 : NULL;
    if (st != CODA_OK || !dot)
        return st != CODA_OK ? st : coda_error_nomem(err);
    for (size_t c = 0; c < t->ncol; c++)
        dot[c] = t->cols[c].type == CODA_NUMBER &&
                 needs_dot(&t->cols[c], t->nrow);
    if (header)
        put_header(fp, t);
    st = put_rows(fp, t, sep, dot, err);
    coda_free(dot);
    return st;
}

coda_status coda_csv_write(const coda_table *t, const char *path,
                           const char *sep, coda_error *err)
{
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    setvbuf(o.fp, NULL, _IOFBF, 1 << 20);
    st = coda_csv_write_fp(t, o.fp, sep, 1, err);
    if (st != CODA_OK) {
        coda_outfile_abort(&o);
        return st;
    }
    return coda_outfile_commit(&o, err);
}
