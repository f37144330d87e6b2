/* csv_row.c - what one field and one record end do to a part, whichever
 * tokenizer found them (libcsv's callbacks in csv_part.c, or the scanner in
 * csv_scan.c): rows grown, fields stored, line ends counted, field counts
 * checked. */
#include "csv_int.h"

#include "base_alloc.h"

#include <stdio.h>

/* Room for cap rows in every column (0: out of memory; the columns that
 * grew keep their room). */
static int grow_to(part *p, size_t cap)
{
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

/* The rows the whole part holds at the rate of the rows read so far, with
 * 1/16 to spare (a row takes a byte at least); 0 when not known. */
static size_t part_rows_estimate(const part *p)
{
    size_t bytes = p->end - p->start;
    if (!p->pos || !bytes)
        return 0;
    double est = (double)p->nrow * (double)bytes / (double)p->pos;
    est += est / 16 + 16;
    return est < (double)bytes + 16 ? (size_t)est : bytes + 16;
}

int part_grow_rows(part *p)
{
    /* the first arrays hold 256 rows, fewer for a wide file (a column's
     * cost must not dwarf its data: 200,000 columns of one row) */
    size_t first = p->ctx->ncol > 256 ? 65536 / p->ctx->ncol : 256;
    size_t cap = p->cap ? p->cap + p->cap / 2 + 1 : first > 4 ? first : 4;
    /* once the rows read tell how long a row is, room for the whole part
     * at once, so the arrays are not copied again and again as they grow
     * (the room not used is never touched); if that much memory is not to
     * be had, the usual step */
    size_t est = p->cap ? part_rows_estimate(p) : 0;
    if (est > cap && grow_to(p, est))
        return 1;
    return grow_to(p, cap);
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

void part_row_end(part *p, int c)
{
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
        if (p->nrow == p->cap && !part_grow_rows(p)) {
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
