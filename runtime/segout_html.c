/* segout_html.c - coded segments as static HTML review pages: the corpus
 * in pages of whole units, each segment marked in its code's colour, and
 * an index of the pages when there is more than one. */
#include "segout_int.h"

#include "alloc.h"
#include "outfile.h"
#include "writers.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

void coda_segout_html_opts_init(coda_segout_html_opts *o)
{
    o->page_bytes = 512 * 1024;
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
    if (!(rv->names = coda_calloc(rv->ncodes + 1, sizeof *rv->names)))
        return coda_error_nomem(err);
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        rv->names[i] = info.name;
    }
    coda_status st = group(rv, err);
    return st == CODA_OK ? paginate(rv, err) : st;
}

static void esc(FILE *fp, const char *s)
{
    coda_html_escape(s, strlen(s), coda_segout_put, fp);
}

/* Code i's colours: the codebook's, else a hue of the golden-angle
 * sequence (neighbours far apart, the same for the same codebook). */
static void code_css(FILE *fp, const review *rv, size_t i)
{
    coda_code_info info;
    coda_codebook_info(rv->cb, i, &info);
    if (!*info.color) {
        fprintf(fp, ".c%zu{background:hsl(%d,75%%,82%%)}\n", i + 1,
                (int)fmod((double)i * 137.508, 360.0));
        return;
    }
    unsigned rgb = (unsigned)strtoul(info.color + 1, NULL, 16);
    double lum = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 255) +
                 0.114 * (rgb & 255);
    fprintf(fp, ".c%zu{background:%s;color:%s}\n", i + 1, info.color,
            lum < 128 ? "#fff" : "#000");
}

static void put_head(FILE *fp, const review *rv, const char *sub)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>coda: ", fp);
    esc(fp, rv->o->title);
    esc(fp, sub);
    fputs("</title>\n<style>\n"
          "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}\n"
          "mark{padding:0 .1em;border-radius:.2em}\n"
          "mark[class*=\" \"]{outline:2px dashed #555}\n"
          "sup.tag{font-size:.6em;padding:0 .2em;margin-left:.1em;border-radius:.2em}\n"
          ".who{font-weight:bold;margin-right:.5em;color:#444}\n"
          "section{border-top:1px solid #ccc;margin-top:1.5em}\n"
          "nav a{margin-right:1em}\n"
          "td,th{padding:.1em .6em;text-align:left;vertical-align:top}\n", fp);
    for (size_t i = 0; i < rv->ncodes; i++)
        code_css(fp, rv, i);
    fputs("</style>\n</head>\n<body>\n<h1>", fp);
    esc(fp, rv->o->title);
    fputs("</h1>\n", fp);
}

static void put_legend(FILE *fp, const review *rv)
{
    fputs("<ul class=\"legend\">", fp);
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        fprintf(fp, "<li><mark class=\"c%zu\">", i + 1);
        esc(fp, info.name);
        fputs("</mark> ", fp);
        esc(fp, info.description);
        fputs("</li>", fp);
    }
    fputs("</ul>\n", fp);
}

/* href="NAME" for the file name (no folder) of path, percent-encoded. */
static void put_href(FILE *fp, const char *path)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    fputs("href=\"", fp);
    for (const unsigned char *p = (const unsigned char *)base; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || strchr("-._~", *p))
            putc(*p, fp);
        else
            fprintf(fp, "%%%02X", *p);
    }
    putc('"', fp);
}

static void put_page_href(FILE *fp, const review *rv, size_t i)
{
    char buf[4096];
    coda_segout_page_name(rv->path, i, rv->npages, buf, sizeof buf);
    put_href(fp, buf);
}

static void put_nav(FILE *fp, const review *rv, size_t i)
{
    fputs("<nav><a ", fp);
    put_href(fp, rv->path);
    fputs(">index</a>", fp);
    if (i > 1) {
        fputs("<a rel=\"prev\" ", fp);
        put_page_href(fp, rv, i - 1);
        fputs(">previous</a>", fp);
    }
    fprintf(fp, "page %zu of %zu", i, rv->npages);
    if (i < rv->npages) {
        fputs(" <a rel=\"next\" ", fp);
        put_page_href(fp, rv, i + 1);
        fputs(">next</a>", fp);
    }
    fputs("</nav>\n", fp);
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
static coda_status put_unit(FILE *fp, const review *rv, coda_marker *m,
                            size_t r, coda_error *err)
{
    size_t len;
    const char *who = coda_segview_str(rv->v.cspeaker, r, &len);
    fputs("<p><span class=\"who\">", fp);
    if (len) {
        coda_html_escape(who, len, coda_segout_put, fp);
        putc(':', fp);
    } else {
        fprintf(fp, "#%" PRId64, rv->v.cunit->v.i[r]);
    }
    fputs("</span>", fp);
    const char *text = coda_segview_str(rv->v.ctext, r, &len);
    coda_status st = coda_marker_write(m, fp, text, len, &rv->v,
                                       rv->order + rv->first[r],
                                       rv->first[r + 1] - rv->first[r],
                                       rv->code, err);
    fputs("</p>\n", fp);
    return st;
}

/* The units of page i, a section a document ("(continued)" when it
 * began on the page before). */
static coda_status put_units(FILE *fp, const review *rv, coda_marker *m,
                             size_t i, coda_error *err)
{
    coda_status st = CODA_OK;
    for (size_t r = rv->page[i - 1]; r < rv->page[i] && st == CODA_OK; r++) {
        int first = r == rv->page[i - 1];
        if (first || strcmp(doc_of(rv, r), doc_of(rv, r - 1))) {
            fputs(first ? "<section><h2>" : "</section>\n<section><h2>", fp);
            esc(fp, doc_of(rv, r));
            if (first && r > 0 && !strcmp(doc_of(rv, r), doc_of(rv, r - 1)))
                fputs(" (continued)", fp);
            fputs("</h2>\n", fp);
        }
        st = put_unit(fp, rv, m, r, err);
    }
    if (rv->page[i] > rv->page[i - 1])
        fputs("</section>\n", fp);
    return st;
}

static coda_status put_page(FILE *fp, const review *rv, coda_marker *m,
                            size_t i, coda_error *err)
{
    char sub[64] = "";
    if (rv->npages > 1)
        snprintf(sub, sizeof sub, " (page %zu of %zu)", i, rv->npages);
    put_head(fp, rv, sub);
    if (rv->npages > 1)
        put_nav(fp, rv, i);
    fprintf(fp, "<p>%zu segments in %zu units.</p>\n", page_segments(rv, i),
            rv->page[i] - rv->page[i - 1]);
    put_legend(fp, rv);
    coda_status st = put_units(fp, rv, m, i, err);
    if (rv->npages > 1)
        put_nav(fp, rv, i);
    fputs("</body>\n</html>\n", fp);
    return st;
}

/* Page i to its own file. */
static coda_status write_page(const review *rv, coda_marker *m, size_t i,
                              coda_error *err)
{
    char path[4096];
    coda_outfile o;
    if (coda_segout_page_name(rv->path, i, rv->npages, path, sizeof path) >=
        sizeof path)
        return coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the name of "
                              "a page would be too long");
    coda_status st = coda_outfile_open(&o, path, err);
    if (st != CODA_OK)
        return st;
    st = put_page(o.fp, rv, m, i, err);
    if (st != CODA_OK) {
        coda_outfile_abort(&o);
        return st;
    }
    return coda_outfile_commit(&o, err);
}

static void put_code_table(FILE *fp, const review *rv)
{
    size_t *n = coda_calloc(rv->ncodes + 1, sizeof *n);
    for (size_t r = 0; n && r < rv->v.seg->nrow; r++)
        n[rv->code[r]]++;
    fputs("<h2>Codes</h2>\n<table>\n<tr><th>code</th><th>segments</th>"
          "<th>description</th></tr>\n", fp);
    for (size_t i = 0; i < rv->ncodes; i++) {
        coda_code_info info;
        coda_codebook_info(rv->cb, i, &info);
        fprintf(fp, "<tr><td><mark class=\"c%zu\">", i + 1);
        esc(fp, info.name);
        fprintf(fp, "</mark></td><td>%zu</td><td>", n ? n[i] : 0);
        esc(fp, info.description);
        fputs("</td></tr>\n", fp);
    }
    fputs("</table>\n", fp);
    coda_free(n);
}

static void put_page_table(FILE *fp, const review *rv)
{
    fputs("<h2>Pages</h2>\n<table>\n<tr><th>page</th><th>documents</th>"
          "<th>units</th><th>segments</th></tr>\n", fp);
    for (size_t i = 1; i <= rv->npages; i++) {
        size_t a = rv->page[i - 1], b = rv->page[i];
        fprintf(fp, "<tr><td><a ");
        put_page_href(fp, rv, i);
        fprintf(fp, ">%zu</a></td><td>", i);
        esc(fp, doc_of(rv, a));
        if (strcmp(doc_of(rv, a), doc_of(rv, b - 1))) {
            fputs(" &ndash; ", fp);
            esc(fp, doc_of(rv, b - 1));
        }
        fprintf(fp, "</td><td>%zu</td><td>%zu</td></tr>\n", b - a,
                page_segments(rv, i));
    }
    fputs("</table>\n", fp);
}

static void put_index(FILE *fp, const review *rv)
{
    put_head(fp, rv, "");
    fprintf(fp, "<p>%zu segments in %zu units, on %zu pages.</p>\n",
            rv->v.seg->nrow, rv->v.corpus->nrow, rv->npages);
    put_code_table(fp, rv);
    put_page_table(fp, rv);
    fputs("</body>\n</html>\n", fp);
}

/* Every page, then the index into o (already open). */
static coda_status write_pages(const review *rv, coda_outfile *o,
                               coda_error *err)
{
    coda_marker m;
    coda_status st = coda_marker_init(&m, rv->names, rv->ncodes, err);
    if (st == CODA_OK && rv->npages == 1)
        st = put_page(o->fp, rv, &m, 1, err);
    else if (st == CODA_OK && !o->tmp)
        st = coda_error_set(err, CODA_EARG, rv->path, 0, 0, "the review "
                            "takes %zu pages, which cannot go to a stream; "
                            "write it to a file", rv->npages);
    for (size_t i = 1; rv->npages > 1 && i <= rv->npages && st == CODA_OK; i++)
        st = write_page(rv, &m, i, err);
    if (st == CODA_OK && rv->npages > 1)
        put_index(o->fp, rv);
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
        st = write_pages(&rv, &out, err);
        if (st == CODA_OK)
            st = coda_outfile_commit(&out, err);
        else
            coda_outfile_abort(&out);
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
