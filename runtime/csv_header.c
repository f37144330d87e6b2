/* csv_header.c - reading and checking the header record of a CSV input. */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <stdio.h>
#include <string.h>

typedef struct hstate {
    csv_header *h;
    const struct csv_parser *ps;
    unsigned char delim;
    int done, oom, pending_cr;
} hstate;

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* What the name's quoting says (see csv_resolve): a bare name, or quotes
 * a name did not need (a first name starting with U+FEFF needs them, or it
 * would read as a byte-order mark). */
static void note_quoting(hstate *st, const char *s, size_t len, int quoted)
{
    if (!quoted)
        st->h->bare |= len > 0;
    else if (!coda_csv_needs_quotes(s, len, st->delim) &&
             !(st->h->n == 0 && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)))
        st->h->needless = 1;
}

static void add_name(hstate *st, const char *s, size_t len, int quoted)
{
    csv_header *h = st->h;
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 16;
        char **names = coda_reallocarray(h->names, cap, sizeof *names);
        size_t *lens = coda_reallocarray(h->lens, cap, sizeof *lens);
        if (names)
            h->names = names;
        if (lens)
            h->lens = lens;
        if (!names || !lens) {
            st->oom = 1;
            return;
        }
        h->cap = cap;
    }
    h->names[h->n] = coda_strndup(s ? s : "", len);
    if (!h->names[h->n]) {
        st->oom = 1;
        return;
    }
    note_quoting(st, s, len, quoted);
    h->lens[h->n++] = len;
    h->lines += s ? (long)count_lf(s, len) : 0;
}

static void hfield(void *s, size_t len, void *data)
{
    hstate *st = data;
    int quoted = csv_field_quoted(st->ps, s, len);
    st->pending_cr = 0;
    if (!st->oom && !st->done)
        add_name(st, s, len, quoted);
    csv_scrub_quotes(st->ps, s, len, quoted);
}

static void hrow(int c, void *data)
{
    hstate *st = data;
    if (st->done)
        return;
    if (c == '\r') {
        st->h->lines++;
        st->pending_cr = 1;
    } else if (c == '\n') {
        if (!st->pending_cr)
            st->h->lines++;
        st->pending_cr = 0;
    }
    if (st->h->n > 0)
        st->done = 1;
    else
        st->h->first_line = st->h->lines + 1;
}

void csv_header_free(csv_header *h)
{
    for (size_t i = 0; i < h->n; i++)
        coda_free(h->names[i]);
    coda_free(h->names);
    coda_free(h->lens);
    memset(h, 0, sizeof *h);
}

/* Feed bytes one at a time until the first record ends, so its end offset
 * is known exactly. */
static coda_status feed(const load_ctx *ctx, struct csv_parser *ps, hstate *st,
                        size_t *off, char *buf)
{
    while (*off < ctx->size && !st->done && !st->oom) {
        size_t n = ctx->size - *off < ctx->block ? ctx->size - *off
                                                 : ctx->block;
        const char *s = load_read(ctx, *off, n, buf);
        if (!s)
            return coda_error_set(&st->h->err, CODA_EIO, ctx->name, 0, 0,
                                  "read error");
        size_t i = 0;
        for (; i < n && !st->done && !st->oom; i++)
            if (csv_parse(ps, s + i, 1, hfield, hrow, st) != 1)
                st->oom = 1;
        *off += i;
        if (st->done && *off < ctx->size && s[i - 1] == '\r') {
            const char *nx = i < n ? s + i : load_read(ctx, *off, 1, buf);
            if (nx && *nx == '\n')
                (*off)++; /* CRLF: the LF belongs to the header's line end */
        }
    }
    if (!st->done && !st->oom &&
        ((ps->quoted && ps->pstate == 2 /* FIELD_BEGUN */) ||
         csv_fini(ps, hfield, hrow, st) != 0))
        return coda_error_set(&st->h->err, CODA_EPARSE, ctx->name,
                              st->h->first_line, 0,
                              "unterminated quoted field in the header");
    return st->oom ? coda_error_nomem(&st->h->err) : CODA_OK;
}

static coda_status check_names(const load_ctx *ctx, csv_header *h)
{
    coda_labels *seen = coda_labels_new();
    if (!seen)
        return coda_error_nomem(&h->err);
    coda_status st = CODA_OK;
    for (size_t i = 0; i < h->n && st == CODA_OK; i++) {
        size_t bad;
        uint32_t id, before = seen->n;
        if (h->lens[i] == 0)
            st = coda_error_set(&h->err, CODA_EPARSE, ctx->name, h->first_line,
                                (long)i + 1, "header: column %zu has an empty "
                                "name", i + 1);
        else if (!coda_utf8_valid(h->names[i], h->lens[i], &bad))
            st = coda_error_set(&h->err, CODA_EUTF8, ctx->name, h->first_line,
                                (long)i + 1, "header: the name of column %zu "
                                "has bytes that are not UTF-8", i + 1);
        else if (strlen(h->names[i]) != h->lens[i])
            st = coda_error_set(&h->err, CODA_EPARSE, ctx->name, h->first_line,
                                (long)i + 1, "header: the name of column %zu "
                                "has a NUL byte", i + 1);
        else if (coda_labels_intern(seen, h->names[i], h->lens[i], &id))
            st = coda_error_nomem(&h->err);
        else if (seen->n == before)
            st = coda_error_set(&h->err, CODA_EPARSE, ctx->name, h->first_line,
                                (long)i + 1, "header: duplicate column name "
                                "\"%s\" (columns %u and %zu)", h->names[i],
                                id + 1, i + 1);
    }
    coda_labels_unref(seen);
    return st;
}

coda_status csv_header_read(const load_ctx *ctx, size_t start, csv_header *h)
{
    struct csv_parser ps;
    hstate st = { h, &ps, ctx->delim, 0, 0, 0 };
    memset(h, 0, sizeof *h);
    coda_error_clear(&h->err);
    h->first_line = 1;
    char *buf = ctx->mem ? NULL : coda_malloc(ctx->block);
    if ((!ctx->mem && !buf) || csv_init(&ps, CSV_REPALL_NL | CSV_STRICT_FINI |
                                             CSV_EMPTY_IS_NULL) != 0) {
        coda_free(buf);
        return coda_error_nomem(&h->err);
    }
    csv_set_delim(&ps, ctx->delim);
    csv_set_space_func(&ps, no_space);
    csv_set_realloc_func(&ps, coda_csv_buf_realloc);
    csv_set_free_func(&ps, coda_csv_buf_free);
    size_t off = start;
    coda_status rc = feed(ctx, &ps, &st, &off, buf);
    csv_free(&ps);
    coda_free(buf);
    h->end = off;
    if (rc == CODA_OK && h->n == 0)
        rc = coda_error_set(&h->err, CODA_EPARSE, ctx->name, 0, 0,
                            "empty file: expected a header line naming the "
                            "columns");
    if (rc == CODA_OK)
        rc = check_names(ctx, h);
    return rc;
}
