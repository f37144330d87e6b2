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

static void init_cols(part *p)
{
    for (size_t c = 0; c < p->ctx->ncol; c++) {
        const col_spec *sp = &p->ctx->spec[c];
        p->cols[c].type = TYPE_UNKNOWN;
        p->cols[c].quick = sp->quick;
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
    int quoted = csv_field_quoted(&p->parser, s, len);
    part_field(p, s, len, quoted, s ? count_lf(s, len) : 0);
    if (quoted || !p->typed)    /* a bare number or boolean has no quote */
        csv_scrub_quotes(&p->parser, s, len, quoted);
}

static void row_cb(int c, void *data)
{
    part *p = data;
    if (!p->stop)
        part_row_end(p, c);
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

/* The records of the part through libcsv, a block at a time. */
static void parse_libcsv(part *p, int last)
{
    const load_ctx *ctx = p->ctx;
    p->buf = ctx->mem ? NULL : coda_malloc(ctx->block);
    if ((!ctx->mem && !p->buf) || parser_init(p) != CODA_OK) {
        part_oom(p);
        return;
    }
    feed(p);
    finish(p, last);
    csv_free(&p->parser);
}

static coda_status parse_with(part *p, int scanner)
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
    p->pos = 0;
    p->cols = coda_calloc(ctx->ncol ? ctx->ncol : 1, sizeof *p->cols);
    p->pool = coda_pool_new();
    if (!p->cols || !p->pool)
        return coda_error_nomem(&p->err);
    init_cols(p);
    if (p->stop)
        return p->err.code;
    if (!part_grow_rows(p))
        return coda_error_nomem(&p->err);
    if (scanner)
        csv_scan(p);
    else
        parse_libcsv(p, last);
    p->lines = p->line;
    if (p->restart)
        return CODA_OK;
    return p->stop ? p->err.code : CODA_OK;
}

coda_status part_parse(part *p)
{
    if (!p->slow && csv_scan_fits(p->ctx)) {
        coda_status st = parse_with(p, 1);
        if (!p->slow)
            return st;
        part_free(p);   /* input libcsv reads its own way: start again */
    }
    return parse_with(p, 0);
}
