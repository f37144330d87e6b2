/* csv_merge.c - settling column types across parts and joining the parts
 * into one table. */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_par.h"

#include <string.h>

/* The type that holds values of types a and b. */
static int join(int a, int b)
{
    if (a == TYPE_UNKNOWN || a == b)
        return b;
    if (b == TYPE_UNKNOWN)
        return a;
    if ((a == CODA_INTEGER && b == CODA_NUMBER) ||
        (a == CODA_NUMBER && b == CODA_INTEGER))
        return CODA_NUMBER;
    return CODA_STRING;
}

static int fits(const part_col *c, int type)
{
    if (c->type == TYPE_UNKNOWN)
        return !(type == CODA_STRING && c->quoted_empty);
    if (c->type == type)
        return 1;
    return c->type == CODA_INTEGER && type == CODA_NUMBER;
}

/* 1 when the file's quoting says which values are text: some non-empty
 * field (header included) is bare, as R's write.csv, Python's
 * QUOTE_NONNUMERIC and write_csv leave numbers, or no field is quoted
 * without need.  Otherwise (a quote-all export) quotes say nothing, and
 * types come from the text alone. */
static int quotes_mean(const part *parts, size_t n)
{
    int bare = 0, needless = 0;
    for (size_t i = 0; i < n; i++) {
        bare |= parts[i].bare;
        needless |= parts[i].needless;
    }
    return bare || !needless;
}

/* 1 when some part met a value in quotes in column c that reads as a
 * number or boolean. */
static int quoted_typed(const part *parts, size_t n, size_t c)
{
    for (size_t i = 0; i < n; i++)
        if (parts[i].cols[c].quoted_typed)
            return 1;
    return 0;
}

size_t csv_resolve(const load_ctx *ctx, part *parts, size_t n, int *types,
                   int *dirty)
{
    size_t ndirty = 0;
    int mean = quotes_mean(parts, n);
    for (size_t c = 0; c < ctx->ncol; c++) {
        int t = TYPE_UNKNOWN;
        for (size_t i = 0; i < n; i++)
            t = join(t, parts[i].cols[c].type);
        if (mean && t != CODA_STRING && quoted_typed(parts, n, c))
            atomic_store(&ctx->spec[c].must_string, 1);
        if (t == TYPE_UNKNOWN || atomic_load(&ctx->spec[c].must_string))
            t = ctx->spec[c].fixed ? (int)ctx->spec[c].type : CODA_STRING;
        types[c] = t;
    }
    for (size_t i = 0; i < n; i++) {
        dirty[i] = 0;
        for (size_t c = 0; c < ctx->ncol; c++) {
            if (fits(&parts[i].cols[c], types[c]))
                continue;
            atomic_store(&ctx->spec[c].must_string, 1);
            dirty[i] = 1;
        }
        ndirty += (size_t)dirty[i];
    }
    return ndirty;
}

static size_t width(int type)
{
    return type == CODA_BOOLEAN ? 1 : 8;
}

/* Copy part column c (n rows) into out at row r; it is freed afterwards. */
static void copy_fixed(coda_column *out, size_t r, part_col *c, size_t n)
{
    int t = (int)out->type;
    if (c->type == TYPE_UNKNOWN)
        memset((char *)out->v.i + r * width(t), 0, n * width(t));
    else if (c->type == CODA_INTEGER && t == CODA_NUMBER)
        for (size_t k = 0; k < n; k++)
            out->v.d[r + k] = (double)c->v.i[k];
    else
        memcpy((char *)out->v.i + r * width(t), c->v.i, n * width(t));
}

static void copy_string(coda_column *out, size_t r, part_col *c, size_t n)
{
    if (c->type == CODA_STRING) {
        memcpy(out->v.s.p + r, c->v.s.p, n * sizeof *c->v.s.p);
        memcpy(out->v.s.len + r, c->v.s.len, n * sizeof *c->v.s.len);
        return;
    }
    for (size_t k = 0; k < n; k++)
        out->v.s.p[r + k] = "";
    memset(out->v.s.len + r, 0, n * sizeof *out->v.s.len);
}

/* Append part column c's label ids, renumbered into out's vocabulary. */
static coda_status copy_multi(coda_column *out, size_t r, part_col *c,
                              size_t n, uint64_t *nids)
{
    size_t nl = c->type == CODA_MULTI ? c->v.m.labels->n : 0;
    uint32_t *map = coda_malloc((nl ? nl : 1) * sizeof *map);
    if (!map)
        return CODA_ENOMEM;
    for (size_t l = 0; l < nl; l++)
        if (coda_labels_intern(out->v.m.labels, c->v.m.labels->s[l],
                               c->v.m.labels->len[l], &map[l]) != CODA_OK) {
            coda_free(map);
            return CODA_ENOMEM;
        }
    for (size_t k = 0; k < n; k++) {
        out->v.m.off[r + k] = *nids;
        if (c->type != CODA_MULTI)
            continue;
        for (uint64_t j = c->v.m.off[k]; j < c->v.m.off[k + 1]; j++)
            out->v.m.ids[(*nids)++] = map[c->v.m.ids[j]];
    }
    out->v.m.off[r + n] = *nids;
    coda_free(map);
    return CODA_OK;
}

static coda_status alloc_column(coda_column *out, int type, size_t nrow,
                                size_t nids)
{
    size_t rows = nrow ? nrow : 1;
    out->type = (coda_type)type;
    if (type == CODA_STRING) {
        out->v.s.p = coda_malloc(rows * sizeof *out->v.s.p);
        out->v.s.len = coda_malloc(rows * sizeof *out->v.s.len);
        return out->v.s.p && out->v.s.len ? CODA_OK : CODA_ENOMEM;
    }
    if (type == CODA_MULTI) {
        out->v.m.off = coda_malloc((nrow + 1) * sizeof *out->v.m.off);
        out->v.m.ids = coda_malloc((nids ? nids : 1) * sizeof *out->v.m.ids);
        out->v.m.labels = coda_labels_new();
        return out->v.m.off && out->v.m.ids && out->v.m.labels ? CODA_OK
                                                               : CODA_ENOMEM;
    }
    out->v.i = coda_malloc(rows * width(type));
    return out->v.i ? CODA_OK : CODA_ENOMEM;
}

static int can_steal(const part_col *pc, int type)
{
    return pc->type == type ||
           (pc->type == CODA_INTEGER && type == CODA_NUMBER);
}

/* Take the first part's arrays for out, grown to nrow rows (and nids label
 * ids), so its values are not copied; an integer part column becomes a
 * number column in place (both are 8 bytes a value). */
static coda_status steal(coda_column *out, part_col *pc, size_t prow,
                         int type, size_t nrow, uint64_t nids)
{
    size_t rows = nrow ? nrow : 1;
    out->type = (coda_type)type;
    if (type == CODA_STRING) {
        const char **sp = coda_reallocarray(pc->v.s.p, rows, sizeof *sp);
        if (sp)
            pc->v.s.p = NULL, out->v.s.p = sp;
        uint32_t *len = coda_reallocarray(pc->v.s.len, rows, sizeof *len);
        if (len)
            pc->v.s.len = NULL, out->v.s.len = len;
        return sp && len ? CODA_OK : CODA_ENOMEM;
    }
    if (type == CODA_MULTI) {
        uint64_t *off = coda_reallocarray(pc->v.m.off, nrow + 1, sizeof *off);
        if (off)
            pc->v.m.off = NULL, out->v.m.off = off;
        uint32_t *ids = coda_reallocarray(pc->v.m.ids, nids ? nids : 1,
                                          sizeof *ids);
        if (ids)
            pc->v.m.ids = NULL, out->v.m.ids = ids;
        out->v.m.labels = pc->v.m.labels;
        pc->v.m.labels = NULL;
        return off && ids ? CODA_OK : CODA_ENOMEM;
    }
    if (type == CODA_NUMBER && pc->type == CODA_INTEGER)
        for (size_t k = 0; k < prow; k++)
            pc->v.d[k] = (double)pc->v.i[k];
    void *v = coda_reallocarray(pc->v.i, rows, width(type));
    if (v)
        pc->v.i = NULL, out->v.i = v;
    return v ? CODA_OK : CODA_ENOMEM;
}

static coda_status merge_missing(coda_column *out, part *parts, size_t n,
                                 size_t c, size_t nrow)
{
    int any = 0;
    for (size_t i = 0; i < n; i++)
        any |= parts[i].cols[c].any_missing;
    if (!any)
        return CODA_OK;
    out->missing = coda_malloc(nrow ? nrow : 1);
    if (!out->missing)
        return CODA_ENOMEM;
    for (size_t i = 0, r = 0; i < n; r += parts[i].nrow, i++)
        memcpy(out->missing + r, parts[i].cols[c].missing, parts[i].nrow);
    return CODA_OK;
}

static coda_status copy_part(coda_column *out, size_t r, part_col *pc,
                             size_t prow, uint64_t *nids)
{
    if (out->type == CODA_STRING)
        copy_string(out, r, pc, prow);
    else if (out->type == CODA_MULTI)
        return copy_multi(out, r, pc, prow, nids);
    else
        copy_fixed(out, r, pc, prow);
    return CODA_OK;
}

/* Column c of the table from the parts' columns, freeing those as it goes
 * so that the values are held about once, not twice. */
static coda_status merge_column(const load_ctx *ctx, part *parts, size_t n,
                                size_t c, int type, coda_table *t)
{
    coda_column *out = &t->cols[c];
    part_col *first = &parts[0].cols[c];
    uint64_t nids = 0;
    for (size_t i = 0; i < n; i++)
        if (parts[i].cols[c].type == CODA_MULTI)
            nids += parts[i].cols[c].v.m.nids;
    out->name = coda_strndup(ctx->spec[c].name, strlen(ctx->spec[c].name));
    if (!out->name)
        return CODA_ENOMEM;
    coda_status st = merge_missing(out, parts, n, c, t->nrow);
    size_t i = 0, r = 0;
    if (st == CODA_OK && can_steal(first, type)) {
        st = steal(out, first, parts[0].nrow, type, t->nrow, nids);
        nids = type == CODA_MULTI ? first->v.m.nids : 0;
        r = parts[0].nrow;
        part_col_free(first);
        i = 1;
    } else if (st == CODA_OK) {
        st = alloc_column(out, type, t->nrow, nids);
        nids = 0;
    }
    for (; i < n && st == CODA_OK; r += parts[i].nrow, i++) {
        st = copy_part(out, r, &parts[i].cols[c], parts[i].nrow, &nids);
        part_col_free(&parts[i].cols[c]);
    }
    return st;
}

/* The line column: each row's first physical line in the file. */
static coda_status line_column(const load_ctx *ctx, const part *parts,
                               size_t n, long base, coda_table *t)
{
    coda_status st = coda_table_init_column(t, ctx->ncol, ctx->line_col,
                                            CODA_INTEGER);
    for (size_t i = 0, r = 0; i < n && st == CODA_OK; base += parts[i].lines,
                                                       i++)
        for (size_t k = 0; k < parts[i].nrow; k++)
            t->cols[ctx->ncol].v.i[r++] = base + 1 + parts[i].rec_lines[k];
    return st;
}

/* The columns merged by several threads, each taking the next column not
 * yet taken (a column's merge touches only that column). */
typedef struct merge_job {
    const load_ctx *ctx;
    part *parts;
    size_t n;
    const int *types;
    coda_table *t;
    atomic_size_t next;
    atomic_int st;
} merge_job;

static void merge_some(void *arg)
{
    merge_job *j = arg;
    for (size_t c; (c = atomic_fetch_add(&j->next, 1)) < j->ctx->ncol;) {
        if (atomic_load(&j->st) != CODA_OK)
            continue;   /* still taken, so the next is too: nothing left */
        coda_status st = merge_column(j->ctx, j->parts, j->n, c,
                                      j->types[c], j->t);
        if (st != CODA_OK)
            atomic_store(&j->st, st);
    }
}

/* Merge every column, on as many threads as there are parts, each one
 * taking columns from the same job (a size of 0: every thread gets j). */
static coda_status merge_columns(const load_ctx *ctx, part *parts, size_t n,
                                 const int *types, coda_table *t)
{
    merge_job j = { ctx, parts, n, types, t, 0, CODA_OK };
    size_t nt = n < ctx->ncol ? n : ctx->ncol;
    coda_par_run(merge_some, &j, 0, nt ? nt : 1);
    return atomic_load(&j.st);
}

coda_status csv_merge(const load_ctx *ctx, part *parts, size_t n,
                      const int *types, long base, coda_table **out)
{
    size_t nrow = 0;
    for (size_t i = 0; i < n; i++)
        nrow += parts[i].nrow;
    coda_table *t;
    coda_status st = coda_table_create(nrow, ctx->ncol + !!ctx->line_col, &t);
    if (st != CODA_OK)
        return st;
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = coda_table_add_pool(t, parts[i].pool);
    if (st == CODA_OK)
        st = merge_columns(ctx, parts, n, types, t);
    if (st == CODA_OK && ctx->line_col)
        st = line_column(ctx, parts, n, base, t);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}
