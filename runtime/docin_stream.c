/* docin_stream.c - documents (JSON lines or id,text CSV) read from a
 * stream in batches of whole records.  The buffer holds the CSV header
 * (kept for every batch, so each batch is parsed as a CSV of its own by
 * coda_csv_load_mem) then the records not yet given.  A JSON line ends at
 * a line end (JSON strings hold none); a CSV record at a line end where
 * libcsv, set as the loader sets it and given the input line by line,
 * stands between records (so that a stray quote in an unquoted field
 * counts as the loader counts it). */
#include "docin_int.h"

#include "base_alloc.h"
#include "csv_io.h"

#include <csv.h>
#include <errno.h>
#include <string.h>

#define READ_BYTES ((size_t)1 << 20)

struct coda_docin_stream {
    FILE *fp;
    FILE *copy;                 /* every byte read is written here, or NULL */
    char *name;
    char *buf;
    size_t len, cap;
    size_t head;                /* the CSV header's bytes at buf's start */
    long head_lines;
    long line;                  /* input lines before buf + head */
    size_t scan;                /* bytes of buf looked at for a cut */
    size_t rec;                 /* where the record not yet ended starts */
    size_t max_record;          /* the most bytes one record may take */
    struct csv_parser csv;      /* CSV: those bytes' parser */
    int json, csv_on, eof, given;
    coda_docin_ids ids;
};

/* Read more of the input onto buf's end (s->eof at its end). */
static coda_status fill(coda_docin_stream *s, coda_error *err)
{
    if (s->cap - s->len < READ_BYTES) {
        size_t cap = s->cap * 2 > s->len + READ_BYTES ? s->cap * 2
                                                       : s->len + READ_BYTES;
        char *g = coda_realloc(s->buf, cap);
        if (!g)
            return coda_error_nomem(err);
        s->buf = g;
        s->cap = cap;
    }
    size_t n = fread(s->buf + s->len, 1, READ_BYTES, s->fp);
    if (s->copy && n && fwrite(s->buf + s->len, 1, n, s->copy) != n)
        return coda_error_set(err, CODA_EIO, s->name, 0, 0, "cannot keep a "
                              "copy of the input: %s", strerror(errno));
    s->len += n;
    if (n == 0 && ferror(s->fp))
        return coda_error_set(err, CODA_EIO, s->name, 0, 0, "cannot read: %s",
                              strerror(errno));
    s->eof = n == 0;
    return CODA_OK;
}

static long count_lf(const char *p, size_t n)
{
    long k = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
        k++;
    return k;
}

/* CODA_ELIMIT when the record starting at s->rec, bytes long so far, is
 * longer than the most one may take, naming its first line. */
static coda_status check_record(const coda_docin_stream *s, size_t bytes,
                                coda_error *err)
{
    if (bytes <= s->max_record)
        return CODA_OK;
    long line = s->line + count_lf(s->buf + s->head, s->rec - s->head) + 1;
    return coda_error_set(err, CODA_ELIMIT, s->name, line, 0, "the %s "
                          "starting on line %ld is longer than %zu bytes, the "
                          "most one record may take", s->json ? "JSON line"
                          : "CSV record", line, s->max_record);
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Whether the line buf[s->scan..end) (given to the parser now) ends a CSV
 * record.  CODA_ENOMEM as -1. */
static int csv_record_end(coda_docin_stream *s, size_t end)
{
    if (csv_parse(&s->csv, s->buf + s->scan, end - s->scan, NULL, NULL,
                  NULL) != end - s->scan)
        return -1;
    return s->csv.pstate == 0;          /* ROW_NOT_BEGUN */
}

/* The first record end in buf at or after byte want (past s->head) into
 * *cut, or 0 when the buffer holds none yet.  CODA_ENOMEM. */
static coda_status find_cut(coda_docin_stream *s, size_t want, size_t *cut,
                            coda_error *err)
{
    size_t from = s->scan > s->head ? s->scan : s->head;
    const char *nl;
    *cut = 0;
    while (!*cut && from < s->len &&
           (nl = memchr(s->buf + from, '\n', s->len - from))) {
        size_t end = (size_t)(nl - s->buf) + 1;
        int rec = s->json ? 1 : csv_record_end(s, end);
        if (rec < 0)
            return coda_error_nomem(err);
        s->scan = from = end;
        if (rec && check_record(s, end - s->rec, err) != CODA_OK)
            return CODA_ELIMIT;
        s->rec = rec ? end : s->rec;
        if (rec && end >= s->head + want)
            *cut = end;
    }
    if (s->json && !*cut)
        s->scan = s->len;
    return CODA_OK;
}

/* The end of the next batch's records: about want bytes of them. */
static coda_status next_cut(coda_docin_stream *s, size_t want, size_t *cut,
                            coda_error *err)
{
    coda_status st;
    while ((st = find_cut(s, want, cut, err)) == CODA_OK && !*cut && !s->eof)
        if ((st = fill(s, err)) != CODA_OK ||
            (st = check_record(s, s->len - s->rec, err)) != CODA_OK)
            break;
    if (st == CODA_OK && !*cut)
        *cut = s->len;
    return st;
}

/* Open: JSON lines when the first byte that is not white space is "{";
 * else CSV, whose header is read now. */
static coda_status sniff(coda_docin_stream *s, coda_error *err)
{
    size_t i = 0;
    coda_status st = CODA_OK;
    for (;;) {
        while (i < s->len && s->buf[i] && strchr(" \t\r\n", s->buf[i]))
            i++;
        if (i < s->len || s->eof || (st = check_record(s, i, err)) ||
            (st = fill(s, err)) != CODA_OK)
            break;
    }
    s->json = i < s->len && s->buf[i] == '{';
    if (st != CODA_OK || s->json)
        return st;
    if (csv_init(&s->csv, CSV_REPALL_NL | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL))
        return coda_error_nomem(err);
    s->csv_on = 1;
    csv_set_space_func(&s->csv, no_space);
    if (s->len >= 3 && !memcmp(s->buf, "\xef\xbb\xbf", 3))
        s->scan = s->rec = 3;           /* the loader skips a BOM */
    st = next_cut(s, 1, &s->head, err);
    s->head_lines = s->line = count_lf(s->buf, s->head);
    s->scan = s->rec = s->head;
    return st;
}

coda_status coda_docin_stream_open(FILE *fp, const char *name,
                                   size_t max_record, FILE *copy,
                                   coda_docin_stream **out, coda_error *err)
{
    coda_docin_stream *s = coda_calloc(1, sizeof *s);
    if (!s || !(s->name = coda_strndup(name, strlen(name)))) {
        coda_free(s);
        return coda_error_nomem(err);
    }
    s->fp = fp;
    s->copy = copy;
    s->max_record = max_record ? max_record : CODA_RECORD_MAX;
    coda_status st = sniff(s, err);
    if (st != CODA_OK) {
        coda_docin_stream_free(s);
        return st;
    }
    *out = s;
    return CODA_OK;
}

/* A CSV line as the whole input numbers it. */
static long csv_line(const coda_docin_stream *s, long line)
{
    return line > s->head_lines ? line - s->head_lines + s->line : line;
}

/* The records buf[head..cut) as a CSV with the header: columns id, text
 * and the line. */
static coda_status parse_csv(coda_docin_stream *s, size_t cut,
                             coda_table **out, size_t cols[3],
                             coda_error *err)
{
    coda_csv_opts o;
    coda_csv_opts_init(&o);
    o.infer = 0;
    o.threads = 1;
    o.line_col = "";
    coda_table *t;
    coda_status st = coda_csv_load_mem(s->buf ? s->buf : "", cut, s->name,
                                       &o, &t, err);
    if (st != CODA_OK) {
        if (err && err->line > 0)
            err->line = csv_line(s, err->line);
        return st;
    }
    long id = coda_table_find(t, "id"), text = coda_table_find(t, "text");
    if (id < 0 || text < 0) {
        coda_table_free(t);
        return coda_error_set(err, CODA_EARG, s->name, 1, 0, "the documents "
                              "need an id column \"id\" and a text column "
                              "\"text\"");
    }
    cols[0] = (size_t)id;
    cols[1] = (size_t)text;
    cols[2] = t->ncol - 1;
    for (size_t r = 0; r < t->nrow; r++)
        t->cols[cols[2]].v.i[r] = csv_line(s, t->cols[cols[2]].v.i[r]);
    *out = t;
    return CODA_OK;
}

/* Each document has an id, and one no other document had. */
static coda_status check_ids(coda_docin_stream *s, const coda_table *t,
                             const size_t cols[3], coda_error *err)
{
    const coda_column *id = &t->cols[cols[0]];
    for (size_t r = 0; r < t->nrow; r++) {
        long line = (long)t->cols[cols[2]].v.i[r], before;
        if (coda_is_missing(id, r))
            return coda_error_set(err, CODA_EARG, s->name, line, 0,
                                  "a document without an id");
        coda_status st = coda_docin_ids_add(&s->ids, id->v.s.p[r],
                                            id->v.s.len[r], line, &before);
        if (st == CODA_ENOMEM)
            return coda_error_nomem(err);
        if (st != CODA_OK)
            return coda_error_set(err, CODA_EARG, s->name, line, 0,
                                  "document id \"%s\" is given twice (lines "
                                  "%ld and %ld)", id->v.s.p[r], before, line);
    }
    return CODA_OK;
}

static coda_status parse(coda_docin_stream *s, size_t cut, coda_table **out,
                         size_t cols[3], coda_error *err)
{
    coda_status st;
    if (s->json) {
        st = coda_docin_jsonl_at(s->buf, cut, s->name, s->line, 1, out, err);
        cols[0] = 0, cols[1] = 1, cols[2] = 2;
    } else {
        st = parse_csv(s, cut, out, cols, err);
    }
    if (st == CODA_OK && (st = check_ids(s, *out, cols, err)) != CODA_OK) {
        coda_table_free(*out);
        *out = NULL;
    }
    return st;
}

coda_status coda_docin_stream_next(coda_docin_stream *s, size_t bytes,
                                   coda_table **out, size_t cols[3],
                                   coda_error *err)
{
    size_t cut;
    *out = NULL;
    if (s->given && s->eof && s->len == s->head)
        return CODA_OK;
    coda_status st = next_cut(s, bytes ? bytes : 1, &cut, err);
    if (st == CODA_OK)
        st = parse(s, cut, out, cols, err);
    if (st != CODA_OK)
        return st;
    s->line += count_lf(s->buf + s->head, cut - s->head);
    memmove(s->buf + s->head, s->buf + cut, s->len - cut);
    s->len -= cut - s->head;
    s->scan = s->rec = s->head;
    s->given = 1;
    return CODA_OK;
}

void coda_docin_stream_free(coda_docin_stream *s)
{
    if (!s)
        return;
    coda_docin_ids_free(&s->ids);
    if (s->csv_on)
        csv_free(&s->csv);
    coda_free(s->buf);
    coda_free(s->name);
    coda_free(s);
}
