/* coder_tally.c - the speakers of a corpus read in batches: each distinct
 * speaker once, with its units, so that a speaker filter can be checked
 * against the whole corpus (coda_speakers_init takes the tally as it
 * takes a corpus) while only one batch is held. */
#include "coder.h"

#include "base_alloc.h"

#include <string.h>

/* Row r of who's speaker (column 0) and units (1): string s[0..len), or
 * missing when s is NULL. */
static coda_status put(coda_table *who, size_t r, const char *s, size_t len,
                       int64_t units)
{
    who->cols[1].v.i[r] = units;
    return s ? coda_table_set_string(who, 0, r, s, len)
             : coda_table_set_missing(who, 0, r);
}

static coda_status new_tally(size_t n, coda_table **out)
{
    coda_status st = coda_table_create(n, 2, out);
    if (st == CODA_OK)
        st = coda_table_init_column(*out, 0, "speaker", CODA_STRING);
    if (st == CODA_OK)
        st = coda_table_init_column(*out, 1, "units", CODA_INTEGER);
    return st;
}

/* The speaker of row r of column c of t (NULL: none), *len its length. */
static const char *speaker_of(const coda_table *t, long c, size_t r,
                              size_t *len)
{
    if (c < 0 || coda_is_missing(&t->cols[c], r))
        return NULL;
    *len = t->cols[c].v.s.len[r];
    return t->cols[c].v.s.p[r];
}

/* The units of t by speaker (column c, or -1: all without one) into g. */
static coda_status by_speaker(const coda_table *t, long c, coda_groups *g)
{
    if (c >= 0) {
        size_t k = (size_t)c;
        return coda_group_rows(t, &k, 1, g);
    }
    g->ngroups = t->nrow > 0;
    g->gid = coda_calloc(t->nrow ? t->nrow : 1, sizeof *g->gid);
    g->first = coda_calloc(1, sizeof *g->first);
    return g->gid && g->first ? CODA_OK : CODA_ENOMEM;
}

/* who's rows (when not NULL), then a row for each speaker of t's units
 * (in their order) with their count, into *out. */
static coda_status stack(const coda_table *who, const coda_table *t,
                         coda_table **out)
{
    size_t nw = who ? who->nrow : 0;
    long c = coda_table_find(t, "speaker");
    if (c >= 0 && t->cols[c].type != CODA_STRING)
        c = -1;
    coda_groups g = { 0 };
    coda_status st = by_speaker(t, c, &g);
    if (st == CODA_OK)
        st = new_tally(nw + g.ngroups, out);
    for (size_t r = 0; r < nw && st == CODA_OK; r++) {
        size_t len = 0;
        const char *s = speaker_of(who, 0, r, &len);
        st = put(*out, r, s, len, who->cols[1].v.i[r]);
    }
    for (size_t k = 0; k < g.ngroups && st == CODA_OK; k++) {
        size_t len = 0;
        const char *s = speaker_of(t, c, g.first[k], &len);
        st = put(*out, nw + k, s, len, 0);
    }
    for (size_t r = 0; r < t->nrow && st == CODA_OK; r++)
        (*out)->cols[1].v.i[nw + g.gid[r]]++;
    coda_groups_free(&g);
    return st;
}

/* One row a speaker of all (in order of first appearance), units summed,
 * into *out. */
static coda_status fold(const coda_table *all, coda_table **out)
{
    size_t c = 0;
    coda_groups g = { 0 };
    coda_status st = coda_group_rows(all, &c, 1, &g);
    if (st == CODA_OK)
        st = new_tally(g.ngroups, out);
    for (size_t k = 0; k < g.ngroups && st == CODA_OK; k++) {
        size_t len = 0;
        const char *s = speaker_of(all, 0, g.first[k], &len);
        st = put(*out, k, s, len, 0);
    }
    for (size_t r = 0; r < all->nrow && st == CODA_OK; r++)
        (*out)->cols[1].v.i[g.gid[r]] += all->cols[1].v.i[r];
    coda_groups_free(&g);
    return st;
}

coda_status coda_speakers_tally(const coda_table *who, const coda_table *t,
                                coda_table **out, coda_error *err)
{
    coda_table *all = NULL;
    *out = NULL;
    coda_status st = stack(who, t, &all);
    if (st == CODA_OK)
        st = fold(all, out);
    coda_table_free(all);
    if (st == CODA_OK)
        return CODA_OK;
    coda_table_free(*out);
    *out = NULL;
    return st == CODA_ENOMEM ? coda_error_nomem(err)
                             : coda_error_set(err, st, NULL, 0, 0, "code: "
                                              "too many speakers to count");
}
