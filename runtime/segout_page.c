/* segout_page.c - the HTML of a review: a page's head (legend, links to
 * the neighbours) and foot, its sections and units with their segments
 * marked, and the index of the codes and pages. */
#include "segout_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

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
static void code_css(coda_wbuf *fp, const coda_html_spool *rv, size_t i)
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

static void put_head(coda_wbuf *fp, const coda_html_spool *rv, const char *sub)
{
    coda_wbuf_puts(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<title>coda: ");
    esc(fp, rv->o.title);
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
    esc(fp, rv->o.title);
    coda_wbuf_puts(fp, "</h1>\n");
}

static void put_legend(coda_wbuf *fp, const coda_html_spool *rv)
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

static void put_page_href(coda_wbuf *fp, const coda_html_spool *rv,
                          const char *path, size_t i)
{
    char buf[4096];
    coda_segout_page_name(path, i, rv->npages, buf, sizeof buf);
    put_href(fp, buf);
}

static void put_nav(coda_wbuf *fp, const coda_html_spool *rv,
                    const char *path, size_t i)
{
    coda_wbuf_puts(fp, "<nav><a ");
    put_href(fp, path);
    coda_wbuf_puts(fp, ">index</a>");
    if (i > 1) {
        coda_wbuf_puts(fp, "<a rel=\"prev\" ");
        put_page_href(fp, rv, path, i - 1);
        coda_wbuf_puts(fp, ">previous</a>");
    }
    coda_wbuf_printf(fp, "page %zu of %zu", i, rv->npages);
    if (i < rv->npages) {
        coda_wbuf_puts(fp, " <a rel=\"next\" ");
        put_page_href(fp, rv, path, i + 1);
        coda_wbuf_puts(fp, ">next</a>");
    }
    coda_wbuf_puts(fp, "</nav>\n");
}

coda_status coda_segout_unit(coda_wbuf *fp, const coda_segout_plan *rv,
                             coda_marker *m, size_t r, coda_error *err)
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

void coda_segout_section(coda_wbuf *fp, const char *doc, int first,
                         int continued)
{
    coda_wbuf_puts(fp, first ? "<section><h2>" : "</section>\n<section><h2>");
    esc(fp, doc);
    if (continued)
        coda_wbuf_puts(fp, " (continued)");
    coda_wbuf_puts(fp, "</h2>\n");
}

void coda_segout_page_head(coda_wbuf *fp, const coda_html_spool *k,
                           const char *path, size_t i)
{
    char sub[64] = "";
    if (k->npages > 1)
        snprintf(sub, sizeof sub, " (page %zu of %zu)", i, k->npages);
    put_head(fp, k, sub);
    if (k->npages > 1)
        put_nav(fp, k, path, i);
    size_t n = k->pages[i - 1].segs, u = k->pages[i - 1].units;
    coda_wbuf_printf(fp, "<p>%zu segment%s in %zu unit%s.</p>\n", n, s_if(n), u,
                     s_if(u));
    put_legend(fp, k);
}

void coda_segout_page_foot(coda_wbuf *fp, const coda_html_spool *k,
                           const char *path, size_t i)
{
    if (k->npages > 1)
        put_nav(fp, k, path, i);
    coda_wbuf_puts(fp, "</body>\n</html>\n");
}

static void put_code_table(coda_wbuf *fp, const coda_html_spool *rv)
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

static void put_page_table(coda_wbuf *fp, const coda_html_spool *rv,
                           const char *path)
{
    coda_wbuf_puts(fp, "<h2>Pages</h2>\n<table>\n<tr><th>page</th><th>documents</th>"
          "<th>units</th><th>segments</th></tr>\n");
    for (size_t i = 1; i <= rv->npages; i++) {
        const coda_page_info *p = &rv->pages[i - 1];
        coda_wbuf_printf(fp, "<tr><td><a ");
        put_page_href(fp, rv, path, i);
        coda_wbuf_printf(fp, ">%zu</a></td><td>", i);
        esc(fp, p->first);
        if (strcmp(p->first, p->last)) {
            coda_wbuf_puts(fp, " &ndash; ");
            esc(fp, p->last);
        }
        coda_wbuf_printf(fp, "</td><td>%zu</td><td>%zu</td></tr>\n", p->units,
                         p->segs);
    }
    coda_wbuf_puts(fp, "</table>\n");
}

void coda_segout_index(coda_wbuf *fp, const coda_html_spool *rv,
                       const char *path)
{
    put_head(fp, rv, "");
    size_t n = rv->nseg, u = rv->nunits;
    coda_wbuf_printf(fp, "<p>%zu segment%s in %zu unit%s, on %zu pages.</p>\n",
                     n, s_if(n), u, s_if(u), rv->npages);
    put_code_table(fp, rv);
    put_page_table(fp, rv, path);
    coda_wbuf_puts(fp, "</body>\n</html>\n");
}
