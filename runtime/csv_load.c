/* csv_load.c - the CSV loader's entry points: input, options, header,
 * parallel parse of the records, and the table. */
#include "csv_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DEFAULT_BLOCK = 1 << 20, DEFAULT_MIN_CHUNK = 4 << 20 };

int csv_libcsv_only;

void coda_csv_opts_init(coda_csv_opts *o)
{
    memset(o, 0, sizeof *o);
    o->infer = 1;
    o->delim = ',';
}

static coda_status no_column(const load_ctx *ctx, const csv_header *h,
                             const char *what, const char *name,
                             coda_error *err)
{
    const char *near = coda_nearest(name, (const char *const *)h->names, h->n);
    return coda_error_set(err, CODA_EARG, ctx->name, 0, 0,
                          "option %s names column \"%s\", which the header "
                          "does not have%s%s%s", what, name,
                          near ? " (did you mean \"" : "", near ? near : "",
                          near ? "\"?)" : "");
}

/* The header's column called name, or -1. */
static long header_find(const csv_header *h, const char *name)
{
    for (size_t k = 0; k < h->n; k++)
        if (strcmp(h->names[k], name) == 0)
            return (long)k;
    return -1;
}

/* Each column's own missing values. */
static coda_status col_na(load_ctx *ctx, const csv_header *h,
                          const coda_csv_opts *o, coda_error *err)
{
    for (size_t i = 0; i < o->ncol_na; i++) {
        long c = header_find(h, o->col_na[i].col);
        if (c < 0)
            return no_column(ctx, h, "na", o->col_na[i].col, err);
        ctx->spec[c].na = o->col_na[i].vals;
        ctx->spec[c].nna = o->col_na[i].n;
    }
    return CODA_OK;
}

/* Column specs from the header and the options. */
static coda_status make_specs(load_ctx *ctx, const csv_header *h,
                              const coda_csv_opts *o, coda_error *err)
{
    ctx->ncol = h->n;
    ctx->spec = coda_calloc(h->n ? h->n : 1, sizeof *ctx->spec);
    if (!ctx->spec)
        return coda_error_nomem(err);
    for (size_t c = 0; c < h->n; c++) {
        ctx->spec[c].name = h->names[c];
        ctx->spec[c].fixed = !o->infer;
        ctx->spec[c].type = CODA_STRING;
    }
    for (size_t i = 0; i < o->ntypes; i++) {
        long c = header_find(h, o->type_cols[i]);
        if (c < 0)
            return no_column(ctx, h, "types", o->type_cols[i], err);
        ctx->spec[c].fixed = 1;
        ctx->spec[c].type = o->types[i];
    }
    for (size_t i = 0; i < o->nmulti; i++) {
        long c = header_find(h, o->multi_cols[i]);
        if (c < 0)
            return no_column(ctx, h, "multi", o->multi_cols[i], err);
        ctx->spec[c].fixed = 1;
        ctx->spec[c].type = CODA_MULTI;
        ctx->spec[c].sep = o->multi_seps[i];
        ctx->spec[c].seplen = strlen(o->multi_seps[i]);
    }
    if (o->line_col && header_find(h, o->line_col) >= 0)
        return coda_error_set(err, CODA_EARG, ctx->name, h->first_line, 0,
                              "the line column \"%s\" would replace a "
                              "column the header has", o->line_col);
    coda_status st = col_na(ctx, h, o, err);
    for (size_t c = 0; c < h->n; c++)
        ctx->spec[c].quick = !ctx->libcsv && !ctx->decimal &&
                             !ctx->thousands && !ctx->nna && !ctx->spec[c].nna;
    return st;
}

static size_t want_parts(const coda_csv_opts *o, size_t bytes)
{
    long cores = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);
    size_t min = o->min_chunk ? o->min_chunk : DEFAULT_MIN_CHUNK;
    size_t n = cores > 0 ? (size_t)cores : 1;
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    while (n > 1 && bytes / n < min)
        n--;
    return n;
}

/* The first failure among the parts, its line made global; 0 if none. */
static int part_error(part *parts, size_t n, long base, coda_error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (parts[i].err.code != CODA_OK) {
            *err = parts[i].err;
            if (err->line >= 0 && err->code != CODA_ENOMEM)
                err->line += base + 1;
            else
                err->line = 0;
            return 1;
        }
        base += parts[i].lines;
    }
    return 0;
}

/* 1 when every part but the last ended at a record boundary (a part that
 * failed stopped early; its error stands, its start having been checked). */
static int splits_hold(const part *parts, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (parts[i].err.code != CODA_OK)
            return 1;
        if (parts[i].end_in_record)
            return 0;
    }
    return 1;
}

static void free_parts(part *parts, size_t n)
{
    for (size_t i = 0; i < n; i++)
        part_free(&parts[i]);
}

/* Parse the records from start on and build the table. */
static coda_status load_records(const load_ctx *ctx, size_t start, long base,
                                size_t nparts, coda_table **out,
                                coda_error *err)
{
    part parts[MAX_THREADS];
    int types_buf[64], dirty[MAX_THREADS];
    int *types = ctx->ncol <= 64 ? types_buf
                                 : coda_malloc(ctx->ncol * sizeof *types);
    if (!types)
        return coda_error_nomem(err);
    memset(parts, 0, sizeof parts);
    size_t n = csv_split(ctx, start, nparts, parts);
    csv_run_parts(parts, n, NULL);
    if (n > 1 && !splits_hold(parts, n)) { /* stray quotes: one part */
        free_parts(parts, n);
        memset(parts, 0, sizeof parts);
        /* what the misplaced parts found says nothing about the columns */
        for (size_t c = 0; c < ctx->ncol; c++)
            atomic_store(&ctx->spec[c].must_string, 0);
        n = csv_split(ctx, start, 1, parts);
        csv_run_parts(parts, n, NULL);
    }
    coda_status st = CODA_OK;
    while (st == CODA_OK) {
        if (part_error(parts, n, base, err)) {
            st = err->code;
            break;
        }
        if (csv_resolve(ctx, parts, n, types, dirty) == 0)
            break;
        csv_run_parts(parts, n, dirty);
    }
    if (st == CODA_OK && (st = csv_merge(ctx, parts, n, types, base, out)))
        coda_error_set(err, st, ctx->name, 0, 0, "%s", coda_strerror(st));
    free_parts(parts, n);
    if (types != types_buf)
        coda_free(types);
    return st;
}

/* Where the header starts: past a UTF-8 byte-order mark if there is one.
 * UTF-16 or UTF-32 text is an error that names the encoding. */
static coda_status text_start(const load_ctx *ctx, size_t *start,
                              coda_error *err)
{
    char b[64];
    size_t n = ctx->size < sizeof b ? ctx->size : sizeof b;
    const char *s = n ? load_read(ctx, 0, n, b) : NULL;
    const char *bom = s ? coda_utf_bom(s, n) : NULL;
    const char *guess = s && !bom ? coda_utf16_guess(s, n) : NULL;
    *start = s && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (bom)
        return coda_error_set(err, CODA_EUTF8, ctx->name, 1, 0,
                              "the file is %s text (it starts with a %s "
                              "byte-order mark); re-save the file as UTF-8",
                              bom, bom);
    if (guess)
        return coda_error_set(err, CODA_EUTF8, ctx->name, 1, 0,
                              "the file looks like %s text (a NUL byte "
                              "every other byte); re-save the file as UTF-8",
                              guess);
    return CODA_OK;
}

/* The decimal mark, the thousands mark and the separator are three. */
static coda_status marks_differ(const load_ctx *ctx, coda_error *err)
{
    const char *names[] = { "decimal mark", "thousands mark", "separator" };
    char m[3] = { ctx->decimal ? ctx->decimal : '.', ctx->thousands,
                  (char)ctx->delim };
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (m[a] && m[a] == m[b])
                return coda_error_set(err, CODA_EARG, ctx->name, 0, 0, "the "
                                      "%s and the %s are both '%c'", names[a],
                                      names[b], m[a]);
    return CODA_OK;
}

static coda_status load(load_ctx *ctx, const coda_csv_opts *o,
                        coda_table **out, coda_error *err)
{
    coda_csv_opts defaults;
    if (!o) {
        coda_csv_opts_init(&defaults);
        o = &defaults;
    }
    ctx->block = o->block ? o->block : DEFAULT_BLOCK;
    ctx->delim = o->delim ? o->delim : ',';
    ctx->decimal = o->decimal == '.' ? 0 : o->decimal;
    ctx->thousands = o->thousands;
    coda_status st = marks_differ(ctx, err);
    if (st != CODA_OK)
        return st;
    ctx->na = o->na;
    ctx->nna = o->nna;
    ctx->line_col = o->line_col;
    ctx->libcsv = csv_libcsv_only;
    csv_header h = { 0 };
    size_t start;
    st = text_start(ctx, &start, err);
    if (st != CODA_OK)
        return st;
    st = csv_header_read(ctx, start, &h);
    if (st != CODA_OK)
        *err = h.err;
    else
        st = make_specs(ctx, &h, o, err);
    ctx->hdr_bare = h.bare;
    ctx->hdr_needless = h.needless;
    if (st == CODA_OK)
        st = load_records(ctx, h.end, h.lines, want_parts(o, ctx->size - h.end),
                          out, err);
    coda_free(ctx->spec);
    csv_header_free(&h);
    return st;
}

coda_status coda_csv_load_mem(const char *data, size_t len, const char *name,
                              const coda_csv_opts *opts, coda_table **out,
                              coda_error *err)
{
    coda_error scratch = { 0 };
    load_ctx ctx = { 0 };
    ctx.name = name ? name : "<memory>";
    ctx.mem = data ? data : "";
    ctx.size = len;
    ctx.fd = -1;
    return load(&ctx, opts, out, err ? err : &scratch);
}

coda_status coda_csv_load(const char *path, const coda_csv_opts *opts,
                          coda_table **out, coda_error *err)
{
    coda_error scratch = { 0 };
    err = err ? err : &scratch;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              strerror(errno));
    struct stat sb;
    coda_status st = CODA_OK;
    if (fstat(fd, &sb) != 0)
        st = coda_error_set(err, CODA_EIO, path, 0, 0, "cannot read: %s",
                            strerror(errno));
    else if (coda_input_note(fd, path, err) != CODA_OK)
        st = CODA_ENOMEM;
    else if (S_ISDIR(sb.st_mode))
        st = coda_error_set(err, CODA_EIO, path, 0, 0,
                            "is a directory, not a CSV file");
    else if (S_ISREG(sb.st_mode)) {
        load_ctx ctx = { 0 };
        ctx.name = path;
        ctx.fd = fd;
        ctx.size = (size_t)sb.st_size;
        st = load(&ctx, opts, out, err);
    } else {
        char *data = NULL;
        size_t len = 0;
        st = coda_read_all(fd, path, CODA_STREAM_MAX, 0, &data, &len, err);
        if (st == CODA_OK)
            st = coda_csv_load_mem(data, len, path, opts, out, err);
        coda_free(data);
    }
    close(fd);
    return st;
}
