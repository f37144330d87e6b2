/* agg_banner.c - banner tables: one row variable against several column
 * variables side by side, with a Total column, counts, column percentages
 * and bases (and, as an option, column proportion letters) in one
 * presentation Dataset. */
#include "agg.h"

#include "agg_keys.h"
#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* One block of banner columns (the Total, or one column variable): its
 * counts by row value and column, rows and columns in value order. */
typedef struct block {
    size_t nb;
    int64_t *x;         /* na x nb: x[i * nb + j] */
    int64_t *base;      /* nb: rows with the row variable not missing */
    char **label;       /* nb column labels */
    int letters;
} block;

static void block_free(block *b)
{
    for (size_t j = 0; b->label && j < b->nb; j++)
        coda_free(b->label[j]);
    coda_free(b->label);
    coda_free(b->x);
    coda_free(b->base);
}

static coda_status block_alloc(block *b, size_t na, size_t nb)
{
    b->nb = nb;
    b->x = coda_calloc(na * nb + 1, sizeof *b->x);
    b->base = coda_calloc(nb + 1, sizeof *b->base);
    b->label = coda_calloc(nb + 1, sizeof *b->label);
    return b->x && b->base && b->label ? CODA_OK : CODA_ENOMEM;
}

/* The text of key id: a label, or the value of its first row. */
static const char *key_text(const keyset *k, uint32_t id, char *buf,
                            size_t size)
{
    if (k->col->type == CODA_MULTI)
        return k->col->v.m.labels->s[id];
    return coda_value_text(k->col, k->g.first[id], buf, size);
}

/* Counts of row ids by kb's ids over t's rows where both have a value:
 * cell[a * kb->n + b] and base[b]. */
static void count_pairs(const keyset *ka, const keyset *kb, size_t nrow,
                        uint64_t *cell, uint64_t *base)
{
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ia, *ib;
        uint32_t ta, tb;
        size_t na = keyset_row(ka, r, &ia, &ta);
        size_t nb = na ? keyset_row(kb, r, &ib, &tb) : 0;
        for (size_t j = 0; j < nb; j++) {
            base[ib[j]]++;
            for (size_t i = 0; i < na; i++)
                cell[(size_t)ia[i] * kb->n + ib[j]]++;
        }
    }
}

/* The label "VAR: VALUE" of column id of kb, in a new string. */
static char *column_label(const keyset *kb, uint32_t id)
{
    char buf[256], out[512];
    snprintf(out, sizeof out, "%s: %s", kb->col->name,
             key_text(kb, id, buf, sizeof buf));
    return coda_strndup(out, strlen(out));
}

/* The block of column variable kb, rows ra[0..na) of ka. */
static coda_status var_block(const keyset *ka, const keyset *kb, size_t nrow,
                             const uint32_t *ra, size_t na, block *b)
{
    uint64_t *cell = coda_calloc(ka->n * kb->n + 1, sizeof *cell);
    uint64_t *base = coda_calloc(kb->n + 1, sizeof *base);
    uint32_t *cb = coda_malloc((kb->n + 1) * sizeof *cb);
    coda_status st = cell && base && cb ? CODA_OK : CODA_ENOMEM;
    size_t nb = 0;
    if (st == CODA_OK) {
        count_pairs(ka, kb, nrow, cell, base);
        nb = keyset_present(kb, base, cb);
        st = block_alloc(b, na, nb);
    }
    for (size_t j = 0; j < nb && st == CODA_OK; j++) {
        b->base[j] = (int64_t)base[cb[j]];
        for (size_t i = 0; i < na; i++)
            b->x[i * nb + j] = (int64_t)cell[(size_t)ra[i] * kb->n + cb[j]];
        b->label[j] = column_label(kb, cb[j]);
        st = b->label[j] ? CODA_OK : CODA_ENOMEM;
    }
    coda_free(cell);
    coda_free(base);
    coda_free(cb);
    return st;
}

/* The Total block: each row value's count over rows with a value. */
static coda_status total_block(const uint64_t *rcount, uint64_t total,
                               const uint32_t *ra, size_t na, block *b)
{
    coda_status st = block_alloc(b, na, 1);
    if (st != CODA_OK)
        return st;
    b->base[0] = (int64_t)total;
    for (size_t i = 0; i < na; i++)
        b->x[i] = (int64_t)rcount[ra[i]];
    b->label[0] = coda_strndup("Total", 5);
    return b->label[0] ? CODA_OK : CODA_ENOMEM;
}

/* Name and type the columns of one banner column: "L n", "L %" and, with
 * letters, "L sig", from column c; returns the next column. */
static coda_status init_cols(coda_table *o, size_t c, const char *label,
                             int letters)
{
    static const char *const suffix[] = { "n", "%", "sig" };
    static const coda_type types[] = { CODA_INTEGER, CODA_NUMBER, CODA_STRING };
    coda_status st = CODA_OK;
    for (size_t s = 0; s < (letters ? 3u : 2u) && st == CODA_OK; s++) {
        char name[600];
        snprintf(name, sizeof name, "%s %s", label, suffix[s]);
        st = coda_table_init_column(o, c + s, name, types[s]);
    }
    return st;
}

/* Fill banner column j of block b from table column c: the base row,
 * then one row per row value. */
static coda_status fill_cols(coda_table *o, size_t c, const block *b,
                             size_t j, size_t na, const coda_ztest_opts *zo)
{
    coda_status st = CODA_OK;
    for (size_t i = 0; i <= na && st == CODA_OK; i++) {
        int64_t n = i ? b->x[(i - 1) * b->nb + j] : b->base[j];
        o->cols[c].v.i[i] = n;
        o->cols[c + 1].v.d[i] = b->base[j] ? 100.0 * (double)n /
                                             (double)b->base[j] : NAN;
        if (!b->base[j])
            st = coda_table_set_missing(o, c + 1, i);
        if (b->letters && st == CODA_OK) {
            char buf[512];
            if (i)
                agg_letters_above(b->x + (i - 1) * b->nb, b->base, b->nb, j,
                                  zo, buf, sizeof buf);
            else
                agg_letter(j, buf);
            st = coda_table_set_string(o, c + 2, i, buf, strlen(buf));
        }
    }
    return st;
}

/* The presentation table of the blocks, rows "Base" then ra's values. */
static coda_status banner_table(const keyset *ka, const uint32_t *ra,
                                size_t na, const block *bl, size_t nbl,
                                const coda_ztest_opts *zo, coda_table *o)
{
    coda_status st = coda_table_init_column(o, 0, "row", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_set_string(o, 0, 0, "Base", 4);
    for (size_t i = 0; i < na && st == CODA_OK; i++) {
        char buf[256];
        const char *s = key_text(ka, ra[i], buf, sizeof buf);
        st = coda_table_set_string(o, 0, i + 1, s, strlen(s));
    }
    size_t c = 1;
    for (size_t k = 0; k < nbl && st == CODA_OK; k++)
        for (size_t j = 0; j < bl[k].nb && st == CODA_OK; j++) {
            st = init_cols(o, c, bl[k].label[j], bl[k].letters);
            if (st == CODA_OK)
                st = fill_cols(o, c, &bl[k], j, na, zo);
            c += bl[k].letters ? 3 : 2;
        }
    return st;
}

enum { MAX_CELLS = 50 * 1000 * 1000 };

/* Each row value's count over the rows with a value (*total of them). */
static coda_status row_counts(const keyset *ka, size_t nrow,
                              uint64_t **rcount, uint64_t *total)
{
    *rcount = coda_calloc(ka->n + 1, sizeof **rcount);
    if (!*rcount)
        return CODA_ENOMEM;
    *total = 0;
    for (size_t r = 0; r < nrow; r++) {
        const uint32_t *ia;
        uint32_t ta;
        size_t n = keyset_row(ka, r, &ia, &ta);
        *total += n > 0;
        for (size_t i = 0; i < n; i++)
            (*rcount)[ia[i]]++;
    }
    return CODA_OK;
}

/* The block of column variable c; CODA_ELIMIT past MAX_CELLS cells. */
static coda_status col_block(const coda_table *t, const keyset *ka, size_t c,
                             const uint32_t *ra, size_t na, block *b,
                             coda_error *err)
{
    keyset kb;
    coda_status st = keyset_init(&kb, t, c);
    if (st == CODA_OK && ka->n && kb.n > MAX_CELLS / ka->n)
        st = coda_error_set(err, CODA_ELIMIT, NULL, 0, 0, "banner: %s (%zu "
                            "values) by %s (%zu values) is too many cells",
                            ka->col->name, ka->n, t->cols[c].name, kb.n);
    else if (st == CODA_OK)
        st = var_block(ka, &kb, t->nrow, ra, na, b);
    keyset_free(&kb);
    return st;
}

static coda_status check_banner(const coda_table *t, const size_t *cols,
                                size_t ncols, const coda_banner_opts *o,
                                coda_error *err)
{
    for (size_t k = 0; k < ncols && o->letters; k++)
        if (t->cols[cols[k]].type == CODA_MULTI)
            return coda_error_set(err, CODA_ETYPE, NULL, 0, 0, "banner: "
                                  "letters need columns that are not multi "
                                  "(\"%s\" is: a row would be in two of its "
                                  "columns)", t->cols[cols[k]].name);
    for (size_t k = 0; k < ncols; k++)
        for (size_t j = 0; j < k; j++)
            if (cols[j] == cols[k])
                return coda_error_set(err, CODA_EARG, NULL, 0, 0, "banner: "
                                      "column variable \"%s\" given twice",
                                      t->cols[cols[k]].name);
    if (!ncols && !o->total)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "banner: no "
                              "columns (no column variables and no total)");
    return CODA_OK;
}

/* The blocks of the banner (Total first when asked), then its table. */
static coda_status banner_build(const coda_table *t, const keyset *ka,
                                const size_t *cols, size_t ncols,
                                const coda_banner_opts *o, block *bl,
                                coda_table **res, coda_error *err)
{
    uint64_t *rcount = NULL, total = 0;
    uint32_t *ra = coda_malloc((ka->n + 1) * sizeof *ra);
    coda_status st = ra ? row_counts(ka, t->nrow, &rcount, &total) : CODA_ENOMEM;
    size_t na = st == CODA_OK ? keyset_present(ka, rcount, ra) : 0, nbl = 0;
    if (st == CODA_OK && o->total)
        st = total_block(rcount, total, ra, na, &bl[nbl++]);
    for (size_t k = 0; k < ncols && st == CODA_OK; k++) {
        bl[nbl].letters = o->letters;
        st = col_block(t, ka, cols[k], ra, na, &bl[nbl++], err);
    }
    size_t width = 1;
    for (size_t k = 0; k < nbl; k++)
        width += bl[k].nb * (bl[k].letters ? 3 : 2);
    if (st == CODA_OK)
        st = coda_table_create(na + 1, width, res);
    if (st == CODA_OK)
        st = banner_table(ka, ra, na, bl, nbl, &o->z, *res);
    coda_free(rcount);
    coda_free(ra);
    return st;
}

void coda_banner_opts_init(coda_banner_opts *o)
{
    o->total = 1;
    o->letters = 0;
    coda_ztest_opts_init(&o->z);
}

coda_status coda_banner(const coda_table *t, size_t row, const size_t *cols,
                        size_t ncols, const coda_banner_opts *o,
                        coda_table **out, coda_error *err)
{
    coda_status st = check_banner(t, cols, ncols, o, err);
    if (st != CODA_OK)
        return st;
    keyset ka;
    coda_table *res = NULL;
    block *bl = coda_calloc(ncols + 2, sizeof *bl);
    st = bl ? keyset_init(&ka, t, row) : CODA_ENOMEM;
    if (st == CODA_OK) {
        st = banner_build(t, &ka, cols, ncols, o, bl, &res, err);
        keyset_free(&ka);
    }
    for (size_t k = 0; bl && k < ncols + 1; k++)
        block_free(&bl[k]);
    coda_free(bl);
    if (st != CODA_OK) {
        coda_table_free(res);
        return st == CODA_ELIMIT ? st : coda_error_nomem(err);
    }
    *out = res;
    return CODA_OK;
}
