/* csv_part.c - parsing one part of a CSV input into typed column arrays.
 *
 * libcsv calls field_cb for each field and row_cb at each unquoted line end
 * (CSV_REPALL_NL, so blank lines and CR/LF pairs can be counted exactly).
 * Each inferred column starts untyped and takes the type of its first value;
 * an integer column widens to number in place; a column that meets text
 * after a number or boolean is marked text for every part and this part
 * stops to be parsed again (p->restart). */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <stdio.h>
#include <string.h>

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* keep spaces exactly as written */
}

static int grow_rows(part *p)
{
    /* the first arrays hold 256 rows, fewer for a wide file (a column's
     * cost must not dwarf its data: 200,000 columns of one row) */
    size_t first = p->ctx->ncol > 256 ? 65536 / p->ctx->ncol : 256;
    size_t cap = p->cap ? p->cap + p->cap / 2 + 1 : first > 4 ? first : 4;
    for (size_t c = 0; c < p->ctx->ncol; c++)
        if (!part_col_grow(&p->cols[c], cap))
            return 0;
    if (p->ctx->line_col) {
        int64_t *l = coda_reallocarray(p->rec_lines, cap, sizeof *l);
        if (!l)
            return 0;
        p->rec_lines = l;
    }
    p->cap = cap;
    return 1;
}

static void init_cols(part *p)
{
    for (size_t c = 0; c < p->ctx->ncol; c++) {
        const col_spec *sp = &p->ctx->spec[c];
        p->cols[c].type = TYPE_UNKNOWN;
        if (sp->fixed || atomic_load(&sp->must_string)) {
            if (!part_set_type(p, &p->cols[c], sp->fixed ? (int)sp->type
                                                    : CODA_STRING)) {
                part_oom(p);
                return;
            }
        }
    }
}

void part_free(part *p)
{
    for (size_t c = 0; p->cols && c < p->ctx->ncol; c++)
        part_col_free(&p->cols[c]);
    coda_free(p->cols);
    coda_free(p->rec_lines);
    p->rec_lines = NULL;
    coda_pool_unref(p->pool);
    coda_free(p->buf);
    p->cols = NULL;
    p->pool = NULL;
    p->buf = NULL;
    p->nrow = p->cap = 0;
}

static void field_cb(void *s, size_t len, void *data)
{
    part *p = data;
    if (p->stop)
        return;
    p->pending_cr = 0;
    size_t f = p->field++;
    long line = p->line;
    int quoted = csv_field_quoted(&p->parser, s, len);
    if (s)
        p->line += (long)count_lf(s, len);
    /* too many fields: reported at the row's end */
    p->typed = 0;
    if (f < p->ctx->ncol && f == 0 && p->nrow == p->cap && !grow_rows(p))
        part_oom(p);
    else if (f < p->ctx->ncol)
        store_field(p, f, s, len, quoted, line);
    if (quoted || !p->typed)    /* a bare number or boolean has no quote */
        csv_scrub_quotes(&p->parser, s, len, quoted);
}

static void count_end(part *p, int c)
{
    if (c == '\r') {
        p->line++;
        p->pending_cr = 1;
    } else if (c == '\n') {
        if (!p->pending_cr)
            p->line++;
        p->pending_cr = 0;
    }
}

static void row_cb(int c, void *data)
{
    part *p = data;
    if (p->stop)
        return;
    if (p->field != 0 && p->field != p->ctx->ncol) {
        char what[160];
        snprintf(what, sizeof what,
                 "expected %zu fields (as in the header), found %zu",
                 p->ctx->ncol, p->field);
        part_fail(p, CODA_EPARSE, p->rec_line, SIZE_MAX, what);
        return;
    }
    /* In a one-column file a blank line is a missing value (that is how
     * the writer writes one); the LF of a CR LF pair is no line of its own. */
    if (p->field == 0 && p->ctx->ncol == 1 && !(c == '\n' && p->pending_cr)) {
        if (p->nrow == p->cap && !grow_rows(p)) {
            part_oom(p);
            return;
        }
        store_field(p, 0, NULL, 0, 0, p->line);
        p->field = 1;
    }
    if (p->field && p->rec_lines)
        p->rec_lines[p->nrow] = p->rec_line;
    if (p->field)
        p->nrow++;
    p->field = 0;
    count_end(p, c);
    p->rec_line = p->line;
}

static coda_status parser_init(part *p)
{
    /* no CSV_APPEND_NULL: it would overwrite the closing quote that tells
     * a quoted field (csv_quote.c) */
    if (csv_init(&p->parser, CSV_REPALL_NL | CSV_STRICT_FINI |
                             CSV_EMPTY_IS_NULL) != 0)
        return CODA_ENOMEM;
    csv_set_delim(&p->parser, p->ctx->delim);
    csv_set_space_func(&p->parser, no_space);
    csv_set_realloc_func(&p->parser, coda_csv_buf_realloc);
    csv_set_free_func(&p->parser, coda_csv_buf_free);
    return CODA_OK;
}

/* Feed [start, end) to the parser in blocks. */
static void feed(part *p)
{
    const load_ctx *ctx = p->ctx;
    for (size_t off = p->start; off < p->end && !p->stop;) {
        size_t n = p->end - off < ctx->block ? p->end - off : ctx->block;
        const char *s = load_read(ctx, off, n, p->buf);
        if (!s) {
            coda_error_set(&p->err, CODA_EIO, ctx->name, 0, 0,
                           "read error");
            p->stop = 1;
            return;
        }
        /* libcsv grows its field buffer by blk_size at a time: keep that
         * step as large as the buffer, so a huge field costs a few
         * reallocations rather than one per 128 bytes (each a copy where
         * realloc cannot remap in place) */
        if (p->parser.entry_size > p->parser.blk_size)
            csv_set_blk_size(&p->parser, p->parser.entry_size);
        if (csv_parse(&p->parser, s, n, field_cb, row_cb, p) != n && !p->stop)
            part_oom(p);
        off += n;
    }
}

static void finish(part *p, int last)
{
    p->end_in_record = p->parser.pstate != 0; /* 0: ROW_NOT_BEGUN */
    if (!last || p->stop)
        return;
    /* csv_fini reports an open quote only under CSV_STRICT (which would
     * also reject stray quotes), so look at the parser's state here. */
    if (p->parser.quoted && p->parser.pstate == 2 /* FIELD_BEGUN */) {
        part_fail(p, CODA_EPARSE, p->line, SIZE_MAX,
                  "unterminated quoted field (a \" opened here is never "
                  "closed)");
        return;
    }
    if (csv_fini(&p->parser, field_cb, row_cb, p) != 0 && !p->stop) {
        if (csv_error(&p->parser) == CSV_EPARSE)
            part_fail(p, CODA_EPARSE, p->line, SIZE_MAX,
                 "unterminated quoted field (a \" opened here is never "
                 "closed)");
        else
            part_oom(p);
    }
}

coda_status part_parse(part *p)
{
    const load_ctx *ctx = p->ctx;
    int last = p->end == ctx->size;
    coda_error_clear(&p->err);
    p->restart = p->stop = 0;
    p->bare = ctx->hdr_bare;
    p->needless = ctx->hdr_needless;
    p->field = 0;
    p->line = p->rec_line = 0;
    p->pending_cr = 0;
    p->cols = coda_calloc(ctx->ncol ? ctx->ncol : 1, sizeof *p->cols);
    p->pool = coda_pool_new();
    p->buf = ctx->mem ? NULL : coda_malloc(ctx->block);
    if (!p->cols || !p->pool || (!ctx->mem && !p->buf))
        return coda_error_nomem(&p->err);
    init_cols(p);
    if (p->stop)
        return p->err.code;
    if (!grow_rows(p) || parser_init(p) != CODA_OK)
        return coda_error_nomem(&p->err);
    feed(p);
    finish(p, last);
    csv_free(&p->parser);
    p->lines = p->line;
    if (p->restart)
        return CODA_OK;
    return p->stop ? p->err.code : CODA_OK;
}
