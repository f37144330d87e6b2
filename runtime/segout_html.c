/* segout_html.c - coded segments as static HTML review pages: the corpus
 * in pages of whole units, each segment marked in its code's colour, and
 * an index of the pages when there is more than one. */
#include "segout_int.h"

#include "alloc.h"
#include "inputs.h"
#include "outfile.h"
#include "writers.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

void coda_segout_html_opts_init(coda_segout_html_opts *o)
{
    o->page_bytes = 256 * 1024;
    o->title = "Coded transcripts";
}

/* What the pages are made of, worked out before anything is written. */
typedef struct review {
    coda_segview v;
    const coda_codebook *cb;
    const coda_segout_html_opts *o;
    const char **names;         /* code i's name */
    size_t ncodes;
    uint32_t *code;             /* segment r's code index */
    size_t *first;              /* corpus row r's segments: order[first[r] .. first[r + 1]) */
    size_t *order;              /* segment rows grouped by unit */
    size_t *page;               /* page i: corpus rows [page[i], page[i + 1]) */
    size_t npages;
    size_t *count;              /* segments of code i */
    coda_wbuf *w;               /* the buffer of the file being written */
    const char *path;
} review;

static void review_free(review *rv)
{
    coda_segview_close(&rv->v);
    coda_free(rv->names);
    coda_free(rv->code);
    coda_free(rv->first);
    coda_free(rv->order);
    coda_free(rv->page);
    coda_free(rv->count);
    coda_free(rv->w);
}

/* The codebook index of segment r's code. */
static coda_status code_of(const review *rv, size_t r, uint32_t *out,
                           coda_error *err)
{
    size_t len;
    const char *name = coda_segview_str(rv->v.code, r, &len);
    long i = strlen(name) == len ? coda_codebook_find(rv->cb, name) : -1;
    if (i < 0)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "segment %zu: code "
                              "\"%.*s\" is not in the codebook", r + 1,
                              coda_clip(name, 200), name);
    *out = (uint32_t)i;
    return CODA_OK;
}

/* Segment r's unit (checked) and code: one look-up a run of one code. */
static coda_status resolve(review *rv, size_t r, size_t *row, coda_error *err)
{
    coda_segspan sp;
    coda_status st = coda_segview_span(&rv->v, r, &sp, err);
    if (st != CODA_OK)
        return st;
    *row = sp.row;
    size_t len;
    const char *name = coda_segview_str(rv->v.code, r, &len);
    uint32_t last = r ? rv->code[r - 1] : 0;
    if (r && strlen(rv->names[last]) == len && !memcmp(name, rv->names[last], len)) {
        rv->code[r] = last;
        return CODA_OK;
    }
    return code_of(rv, r, &rv->code[r], err);
}

/* Each segment's code and unit, and the segments grouped by unit. */
static coda_status group(review *rv, coda_error *err)
{
    size_t nseg = rv->v.seg->nrow, nrow = rv->v.corpus->nrow;
    size_t *row = coda_calloc(nseg ? nseg : 1, sizeof *row);
    rv->code = coda_calloc(nseg ? nseg : 1, sizeof *rv->code);
    rv->first = coda_calloc(nrow + 2, sizeof *rv->first);
    rv->order = coda_calloc(nseg ? nseg : 1, sizeof *rv->order);
    coda_status st = row && rv->code && rv->first && rv->order
                   ? CODA_OK : coda_error_nomem(err);
    for (size_t r = 0; r < nseg && st == CODA_OK; r++)
        if ((st = resolve(rv, r, &row[r], err)) == CODA_OK)
            rv->first[row[r] + 2]++;
    for (size_t r = 0; r < nrow && st == CODA_OK; r++)
        rv->first[r + 2] += rv->first[r + 1];
    for (size_t r = 0; r < nseg && st == CODA_OK; r++)
        rv->order[rv->first[row[r] + 1]++] = r;
    coda_free(row);
    return st;
}

/* Pages of whole units, each closed by the unit that brings its text to
 * page_bytes. */
static coda_status paginate(review *rv, coda_error *err)
{
    const coda_table *c = rv->v.corpus;
    size_t fill = 0, max = c->nrow + 2;
    if (!(rv->page = coda_calloc(max, sizeof *rv->page)))
        return coda_error_nomem(err);
    for (size_t r = 0; r < c->nrow; r++) {
        size_t len;
        coda_segview_str(rv->v.ctext, r, &len);
        fill += len;
        if (fill >= rv->o->page_bytes && r + 1 < c->nrow) {
            rv->page[++rv->npages] = r + 1;
            fill = 0;
        }
    }
    rv->page[++rv->npages] = c->nrow;
    return CODA_OK;
}

static coda_status prepare(review *rv, coda_error *err)
{
    rv->ncodes = coda_codebook_size(rv->cb);
    rv->names = coda_calloc(rv->ncodes + 1, sizeof *rv->names);
    rv->count = coda_calloc(rv->ncodes + 1, sizeof *rv->count);
    rv->w = coda_wbuf_new(NULL);
    if (!rv->names || !rv->count || !rv->w)
        return coda_error_nomem(err);
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        rv->names[i] = info.name;
    }
    coda_status st = group(rv, err);
    for (size_t r = 0; st == CODA_OK && r < rv->v.seg->nrow; r++)
        rv->count[rv->code[r]]++;
    return st == CODA_OK ? paginate(rv, err) : st;
}

/* The plural ending for a count of n. */
static const char *s_if(size_t n)
{
    return n == 1 ? "" : "s";
}

static void esc(coda_wbuf *fp, const char *s)
{
    coda_html_escape(s, strlen(s), coda_wbuf_sink, fp);
}

/* Code i's colours: the codebook's, else a hue of the golden-angle
 * sequence (neighbours far apart, the same for the same codebook). */
static void code_css(coda_wbuf *fp, const review *rv, size_t i)
{
    coda_code_info info;
    coda_codebook_info(rv->cb, i, &info);
    if (!*info.color) {
        coda_wbuf_printf(fp, ".c%zu{background:hsl(%d,75%%,82%%)}\n", i + 1,
                (int)fmod((double)i * 137.508, 360.0));
        return;
    }
    unsigned rgb = (unsigned)strtoul(info.color + 1, NULL, 16);
    double lum = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 255) +
                 0.114 * (rgb & 255);
    coda_wbuf_printf(fp, ".c%zu{background:%s;color:%s}\n", i + 1, info.color,
            lum < 128 ? "#fff" : "#000");
}

static void put_head(coda_wbuf *fp, const review *rv, const char *sub)
{
    coda_wbuf_puts(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>coda: ");
    esc(fp, rv->o->title);
    esc(fp, sub);
    coda_wbuf_puts(fp, "</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}\n"
          "mark{padding:0 .1em;border-radius:.2em}\n"
          "mark[class*=\" \"]{outline:2px dashed #555}\n"
          "sup.tag{font-size:.6em;padding:0 .2em;margin-left:.1em;border-radius:.2em}\n"
          ".who{font-weight:bold;margin-right:.5em;color:#444}\n"
          "section{border-top:1px solid #ccc;margin-top:1.5em}\n"
          "nav a{margin-right:1em}\n"
          ".legend{display:flex;flex-wrap:wrap;gap:.2em 1.2em;list-style:none;"
          "padding:0;font-size:.9em;color:#444}\n"
          "td,th{padding:.1em .6em;text-align:left;vertical-align:top}\n");
    for (size_t i = 0; i < rv->ncodes; i++)
        code_css(fp, rv, i);
    coda_wbuf_puts(fp, "</style>\n</head>\n<body>\n<h1>");
    esc(fp, rv->o->title);
    coda_wbuf_puts(fp, "</h1>\n");
}

static void put_legend(coda_wbuf *fp, const review *rv)
{
    coda_wbuf_puts(fp, "<ul class=\"legend\">");
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        coda_wbuf_printf(fp, "<li><mark class=\"c%zu\">", i + 1);
        esc(fp, info.name);
        coda_wbuf_puts(fp, "</mark> ");
        esc(fp, info.description);
        coda_wbuf_puts(fp, "</li>");
    }
    coda_wbuf_puts(fp, "</ul>\n");
}

/* href="NAME" for the file name (no folder) of path, percent-encoded. */
static void put_href(coda_wbuf *fp, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    coda_wbuf_puts(fp, "href=\"");
    for (const unsigned char *p = (const unsigned char *)base; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            coda_wbuf_putc(fp, *p);
        else
            coda_wbuf_printf(fp, "%%%02X", *p);
    }
    coda_wbuf_putc(fp, '"');
}

static void put_page_href(coda_wbuf *fp, const review *rv, size_t i)
{
    char buf[4096];
    coda_segout_page_name(rv->path, i, rv->npages, buf, sizeof buf);
    put_href(fp, buf);
}

static void put_nav(coda_wbuf *fp, const review *rv, size_t i)
{
    coda_wbuf_puts(fp, "<nav><a ");
    put_href(fp, rv->path);
    coda_wbuf_puts(fp, ">index</a>");
    if (i > 1) {
        coda_wbuf_puts(fp, "<a rel=\"prev\" ");
        put_page_href(fp, rv, i - 1);
        coda_wbuf_puts(fp, ">previous</a>");
    }
    coda_wbuf_printf(fp, "page %zu of %zu", i, rv->npages);
    if (i < rv->npages) {
        coda_wbuf_puts(fp, " <a rel=\"next\" ");
        put_page_href(fp, rv, i + 1);
        coda_wbuf_puts(fp, ">next</a>");
    }
    coda_wbuf_puts(fp, "</nav>\n");
}

/* The segments on page i (1-based). */
static size_t page_segments(const review *rv, size_t i)
{
    return rv->first[rv->page[i]] - rv->first[rv->page[i - 1]];
}

static const char *doc_of(const review *rv, size_t r)
{
    size_t len;
    return coda_segview_str(rv->v.cdoc, r, &len);
}

/* One unit: its speaker (or #unit) and its marked text. */
static coda_status put_unit(coda_wbuf *fp, const review *rv, coda_marker *m,
                            size_t r, coda_error *err)
{
    size_t len;
    const char *who = coda_segview_str(rv->v.cspeaker, r, &len);
    coda_wbuf_puts(fp, "<p><span class=\"who\">");
    if (len) {
        coda_html_escape(who, len, coda_wbuf_sink, fp);
        coda_wbuf_putc(fp, ':');
    } else {
        coda_wbuf_printf(fp, "#%" PRId64, rv->v.cunit->v.i[r]);
    }
    coda_wbuf_puts(fp, "</span>");
    const char *text = coda_segview_str(rv->v.ctext, r, &len);
    coda_status st = coda_marker_write(m, fp, text, len, &rv->v,
                                       rv->order + rv->first[r],
                                       rv->first[r + 1] - rv->first[r],
                                       rv->code, err);
    coda_wbuf_puts(fp, "</p>\n");
    return st;
}

/* The units of page i, a section a document ("(continued)" when it
 * began on the page before). */
static coda_status put_units(coda_wbuf *fp, const review *rv, coda_marker *m,
                             size_t i, coda_error *err)
{
    coda_status st = CODA_OK;
    for (size_t r = rv->page[i - 1]; r < rv->page[i] && st == CODA_OK; r++) {
        int first = r == rv->page[i - 1];
        if (first || strcmp(doc_of(rv, r), doc_of(rv, r - 1))) {
            coda_wbuf_puts(fp, first ? "<section><h2>" : "</section>\n<section><h2>");
            esc(fp, doc_of(rv, r));
            if (first && r > 0 && !strcmp(doc_of(rv, r), doc_of(rv, r - 1)))
                coda_wbuf_puts(fp, " (continued)");
            coda_wbuf_puts(fp, "</h2>\n");
        }
        st = put_unit(fp, rv, m, r, err);
    }
    if (rv->page[i] > rv->page[i - 1])
        coda_wbuf_puts(fp, "</section>\n");
    return st;
}

static coda_status put_page(coda_wbuf *fp, const review *rv, coda_marker *m,
                            size_t i, coda_error *err)
{
    char sub[64] = "";
    if (rv->npages > 1)
        snprintf(sub, sizeof sub, " (page %zu of %zu)", i, rv->npages);
    put_head(fp, rv, sub);
    if (rv->npages > 1)
        put_nav(fp, rv, i);
    size_t n = page_segments(rv, i), u = rv->page[i] - rv->page[i - 1];
    coda_wbuf_printf(fp, "<p>%zu segment%s in %zu unit%s.</p>\n", n, s_if(n), u,
                     s_if(u));
    put_legend(fp, rv);
    coda_status st = put_units(fp, rv, m, i, err);
    if (rv->npages > 1)
        put_nav(fp, rv, i);
    coda_wbuf_puts(fp, "</body>\n</html>\n");
    return st;
}

/* Start writing o's file through rv's buffer. */
static coda_wbuf *buffer(const review *rv, coda_outfile *o)
{
    rv->w->fp = o->fp;
    rv->w->n = 0;
    return rv->w;
}

/* Flush the buffer and commit o, or abort o after a failure. */
static coda_status finish(const review *rv, coda_outfile *o, coda_status st,
                          coda_error *err)
{
    coda_wbuf_flush(rv->w);
    if (st == CODA_OK)
        return coda_outfile_commit(o, err);
    coda_outfile_abort(o);
    return st;
}

/* The file name of page i into path[4096]; CODA_EARG when too long, or
 * when the file is one this run read. */
static coda_status page_path(const review *rv, size_t i, char *path,
                             coda_error *err)
{
    if (coda_segout_page_name(rv->path, i, rv->npages, path, 4096) >= 4096)
        return coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the name of "
                              "a page would be too long");
    return coda_input_check_output(path, err);
}

/* Page i to its own file. */
static coda_status write_page(const review *rv, coda_marker *m, size_t i,
                              coda_error *err)
{
    char path[4096];
    coda_outfile o;
    coda_status st = page_path(rv, i, path, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    return finish(rv, &o, put_page(buffer(rv, &o), rv, m, i, err), err);
}

static void put_code_table(coda_wbuf *fp, const review *rv)
{
    coda_wbuf_puts(fp, "<h2>Codes</h2>\n<table>\n<tr><th>code</th><th>segments</th>"
          "<th>description</th></tr>\n");
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        coda_wbuf_printf(fp, "<tr><td><mark class=\"c%zu\">", i + 1);
        esc(fp, info.name);
        coda_wbuf_printf(fp, "</mark></td><td>%zu</td><td>", rv->count[i]);
        esc(fp, info.description);
        coda_wbuf_puts(fp, "</td></tr>\n");
    }
    coda_wbuf_puts(fp, "</table>\n");
}

static void put_page_table(coda_wbuf *fp, const review *rv)
{
    coda_wbuf_puts(fp, "<h2>Pages</h2>\n<table>\n<tr><th>page</th><th>documents</th>"
          "<th>units</th><th>segments</th></tr>\n");
    for (size_t i = 1; i <= rv->npages; i++) {
        size_t a = rv->page[i - 1], b = rv->page[i];
        coda_wbuf_printf(fp, "<tr><td><a ");
        put_page_href(fp, rv, i);
        coda_wbuf_printf(fp, ">%zu</a></td><td>", i);
        esc(fp, doc_of(rv, a));
        if (strcmp(doc_of(rv, a), doc_of(rv, b - 1))) {
            coda_wbuf_puts(fp, " &ndash; ");
            esc(fp, doc_of(rv, b - 1));
        }
        coda_wbuf_printf(fp, "</td><td>%zu</td><td>%zu</td></tr>\n", b - a,
                page_segments(rv, i));
    }
    coda_wbuf_puts(fp, "</table>\n");
}

static void put_index(coda_wbuf *fp, const review *rv)
{
    put_head(fp, rv, "");
    size_t n = rv->v.seg->nrow, u = rv->v.corpus->nrow;
    coda_wbuf_printf(fp, "<p>%zu segment%s in %zu unit%s, on %zu pages.</p>\n",
                     n, s_if(n), u, s_if(u), rv->npages);
    put_code_table(fp, rv);
    put_page_table(fp, rv);
    coda_wbuf_puts(fp, "</body>\n</html>\n");
}

/* Every page, then the index into o (already open). */
static coda_status write_pages(const review *rv, coda_outfile *o,
                               coda_error *err)
{
    coda_marker m;
    coda_status st = coda_marker_init(&m, rv->names, rv->ncodes, err);
    if (st == CODA_OK && rv->npages > 1 && !o->tmp)
        st = coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the review "
                            "takes %zu pages, which cannot go to a stream; "
                            "write it to a file", rv->npages);
    char path[4096];            /* no page over an input, before any is written */
    for (size_t i = 1; rv->npages > 1 && i <= rv->npages && st == CODA_OK; i++)
        st = page_path(rv, i, path, err);
    for (size_t i = 1; rv->npages > 1 && i <= rv->npages && st == CODA_OK; i++)
        st = write_page(rv, &m, i, err);
    if (st == CODA_OK && rv->npages == 1)
        st = put_page(buffer(rv, o), rv, &m, 1, err);
    else if (st == CODA_OK)
        put_index(buffer(rv, o), rv);
    coda_marker_free(&m);
    return st;
}

coda_status coda_segout_html(const coda_table *seg, const coda_table *corpus,
                             const coda_codebook *cb,
                             const coda_segout_html_opts *o, const char *path,
                             size_t *npages, coda_error *err)
{
    review rv = { .cb = cb, .o = o, .path = path };
    coda_outfile out;
    coda_status st = coda_segview_open(&rv.v, seg, corpus, err);
    if (st == CODA_OK)
        st = prepare(&rv, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&out, path, err);
    if (st == CODA_OK) {
        rv.w->fp = out.fp;
        st = finish(&rv, &out, write_pages(&rv, &out, err), err);
    }
    if (npages)
        *npages = st == CODA_OK ? rv.npages : 0;
    review_free(&rv);
    return st;
}

size_t coda_segout_page_name(const char *path, size_t i, size_t n, char *buf,
                             size_t size)
{
    size_t len = strlen(path), digits = 1;
    for (size_t k = n; k >= 10; k /= 10)
        digits++;
    if (len > 5 && !strcmp(path + len - 5, ".html"))
        len -= 5;
    else if (len > 4 && !strcmp(path + len - 4, ".htm"))
        len -= 4;
    int w = snprintf(buf, size, "%.*s-%0*zu.html", (int)len, path, (int)digits,
                     i);
    return w < 0 ? 0 : (size_t)w;
}
