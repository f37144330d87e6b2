/* fmt_xlsx_book.c - a workbook's sheets (xl/workbook.xml and its
 * relationships), shared strings and the date formats of its cell styles
 * (fmt_xlsx_int.h). */
#include "fmt_xlsx_int.h"

#include "base_alloc.h"
#include "fmt_date.h"
#include "fmt_xml.h"
#include "base_strbuf.h"

#include <stdlib.h>
#include <string.h>

/* Read the part entry of b (absent and optional: nothing to do) and walk
 * it with fn. */
static coda_status walk_part(const xlsx_book *b, const char *entry,
                             int optional, fmt_xml_fn fn, void *ud,
                             coda_error *err)
{
    char *xml = NULL;
    size_t n = 0;
    if (!coda_zip_has(b->z, entry))
        return optional ? CODA_OK
                        : coda_error_set(err, CODA_EPARSE, b->path, 0, 0,
                                         "no %s in the archive: not an "
                                         "Excel workbook", entry);
    coda_status st = coda_zip_read(b->z, entry, &xml, &n, err);
    if (st == CODA_OK)
        st = fmt_xml_walk(b->path, entry, xml, n, fn, ud, err);
    coda_free(xml);
    return st;
}

/* Append a copy of s to the array *a of *n strings. */
static coda_status push(char ***a, size_t *n, const char *s)
{
    char **g = coda_reallocarray(*a, *n + 1, sizeof *g);
    if (!g)
        return CODA_ENOMEM;
    *a = g;
    g[*n] = coda_strndup(s ? s : "", s ? strlen(s) : 0);
    if (!g[*n])
        return CODA_ENOMEM;
    (*n)++;
    return CODA_OK;
}

/* xl/workbook.xml: each sheet's name and relationship id (kept in
 * sheet_part until the relationships resolve it). */
static coda_status on_book(void *ud, xmlTextReaderPtr r, int type,
                           coda_error *err)
{
    xlsx_book *b = ud;
    if (type != XML_READER_TYPE_ELEMENT)
        return CODA_OK;
    if (fmt_xml_is(r, "workbookPr")) {
        char *d = fmt_xml_attr(r, "date1904");
        b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
        xmlFree(d);
        return CODA_OK;
    }
    if (!fmt_xml_is(r, "sheet"))
        return CODA_OK;
    char *name = fmt_xml_attr(r, "name"), *id = fmt_xml_attr(r, "id");
    size_t n = b->nsheets;
    coda_status st = push(&b->sheet_name, &n, name);
    if (st == CODA_OK && (st = push(&b->sheet_part, &b->nsheets, id)))
        coda_free(b->sheet_name[b->nsheets]);   /* its part did not fit */
    xmlFree(name);
    xmlFree(id);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

/* The part a relationship's target names: relative to xl/, or absolute. */
static char *part_name(const char *target)
{
    coda_strbuf s = { 0 };
    if (target[0] == '/')
        coda_strbuf_puts(&s, target + 1);
    else
        coda_strbuf_puts(&s, "xl/"), coda_strbuf_puts(&s, target);
    if (s.failed) {
        coda_free(s.p);
        return NULL;
    }
    return s.p;
}

/* xl/_rels/workbook.xml.rels: a sheet's relationship id to its part. */
static coda_status on_rels(void *ud, xmlTextReaderPtr r, int type,
                           coda_error *err)
{
    xlsx_book *b = ud;
    if (type != XML_READER_TYPE_ELEMENT || !fmt_xml_is(r, "Relationship"))
        return CODA_OK;
    char *id = fmt_xml_attr(r, "Id"), *target = fmt_xml_attr(r, "Target");
    coda_status st = CODA_OK;
    for (size_t i = 0; id && target && i < b->nsheets; i++) {
        if (strcmp(b->sheet_part[i], id))
            continue;
        char *part = part_name(target);
        if (!part) {
            st = coda_error_nomem(err);
            break;
        }
        coda_free(b->sheet_part[i]);
        b->sheet_part[i] = part;
    }
    xmlFree(id);
    xmlFree(target);
    return st;
}

coda_status xlsx_book_sheets(xlsx_book *b, coda_error *err)
{
    coda_status st = walk_part(b, "xl/workbook.xml", 0, on_book, b, err);
    if (st == CODA_OK)
        st = walk_part(b, "xl/_rels/workbook.xml.rels", 0, on_rels, b, err);
    if (st == CODA_OK && b->nsheets == 0)
        st = coda_error_set(err, CODA_EPARSE, b->path, 0, 0, "the workbook "
                            "has no sheets");
    return st;
}

/* Shared strings: the text of each si, its runs' t joined, phonetic
 * guides (rPh) left out. */
typedef struct sst {
    xlsx_book *b;
    coda_strbuf text;
    int in_t, in_rph;
} sst;

static coda_status on_sst(void *ud, xmlTextReaderPtr r, int type,
                          coda_error *err)
{
    sst *s = ud;
    int el = type == XML_READER_TYPE_ELEMENT, end = type ==
             XML_READER_TYPE_END_ELEMENT;
    if ((el || end) && fmt_xml_is(r, "rPh"))
        s->in_rph = el && !xmlTextReaderIsEmptyElement(r);
    else if ((el || end) && fmt_xml_is(r, "t"))
        s->in_t = el && !xmlTextReaderIsEmptyElement(r);
    else if (el && fmt_xml_is(r, "si"))
        s->text.n = 0;
    else if (s->in_t && !s->in_rph && !el && !end) {
        const char *v = (const char *)xmlTextReaderConstValue(r);
        coda_strbuf_puts(&s->text, v ? v : "");
    }
    if ((end || (el && xmlTextReaderIsEmptyElement(r))) && fmt_xml_is(r, "si")) {
        coda_strbuf_add(&s->text, "", 0);
        if (s->text.failed || push(&s->b->str, &s->b->nstr,
                                   s->text.p ? s->text.p : "") != CODA_OK)
            return coda_error_nomem(err);
    }
    return CODA_OK;
}

coda_status xlsx_book_strings(xlsx_book *b, coda_error *err)
{
    sst s = { .b = b };
    coda_status st = walk_part(b, "xl/sharedStrings.xml", 1, on_sst, &s, err);
    coda_free(s.text.p);
    return st;
}

/* The date kind of a number format's code: a date when it shows a year or
 * a day, a date-time when it also shows hours or seconds (text in quotes
 * or brackets and escaped characters aside); 0 for anything else. */
static unsigned char code_date(const char *code)
{
    int date = 0, time = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"') {
            while (p[1] && p[1] != '"')
                p++;
            p += p[1] != '\0';
        } else if (*p == '[') {
            while (p[1] && p[1] != ']')
                p++;
        } else if (*p == '\\' || *p == '_' || *p == '*') {
            p += p[1] != '\0';
        } else {
            date |= strchr("yYdD", *p) != NULL;
            time |= strchr("hHsS", *p) != NULL;
        }
    }
    return !date ? 0 : time ? FMT_DATE_EXCEL_TIME : FMT_DATE_EXCEL;
}

/* Built-in formats 14-17 are dates, 22 a date-time. */
static unsigned char builtin_date(long id)
{
    return id >= 14 && id <= 17 ? FMT_DATE_EXCEL
         : id == 22 ? FMT_DATE_EXCEL_TIME : 0;
}

typedef struct styles {
    xlsx_book *b;
    size_t ncustom;
    long *custom_id;
    unsigned char *custom_date;
    int in_xfs;             /* inside cellXfs */
} styles;

static unsigned char fmt_date_of(const styles *s, long id)
{
    for (size_t i = 0; i < s->ncustom; i++)
        if (s->custom_id[i] == id)
            return s->custom_date[i];
    return builtin_date(id);
}

static coda_status add_custom(styles *s, xmlTextReaderPtr r)
{
    char *id = fmt_xml_attr(r, "numFmtId"), *code = fmt_xml_attr(r, "formatCode");
    long *ids = coda_reallocarray(s->custom_id, s->ncustom + 1, sizeof *ids);
    if (ids)
        s->custom_id = ids;
    unsigned char *d = ids ? coda_realloc(s->custom_date, s->ncustom + 1) : NULL;
    if (d) {
        s->custom_date = d;
        ids[s->ncustom] = id ? strtol(id, NULL, 10) : -1;
        d[s->ncustom++] = code ? code_date(code) : 0;
    }
    xmlFree(id);
    xmlFree(code);
    return d ? CODA_OK : CODA_ENOMEM;
}

static coda_status add_xf(styles *s, xmlTextReaderPtr r)
{
    xlsx_book *b = s->b;
    char *id = fmt_xml_attr(r, "numFmtId");
    unsigned char *d = coda_realloc(b->xf_date, b->nxf + 1);
    if (d) {
        b->xf_date = d;
        d[b->nxf++] = fmt_date_of(s, id ? strtol(id, NULL, 10) : 0);
    }
    xmlFree(id);
    return d ? CODA_OK : CODA_ENOMEM;
}

static coda_status on_styles(void *ud, xmlTextReaderPtr r, int type,
                             coda_error *err)
{
    styles *s = ud;
    coda_status st = CODA_OK;
    if (fmt_xml_is(r, "cellXfs"))
        s->in_xfs = type == XML_READER_TYPE_ELEMENT &&
                    !xmlTextReaderIsEmptyElement(r);
    else if (type != XML_READER_TYPE_ELEMENT)
        return CODA_OK;
    else if (fmt_xml_is(r, "numFmt"))
        st = add_custom(s, r);
    else if (s->in_xfs && fmt_xml_is(r, "xf"))
        st = add_xf(s, r);
    return st == CODA_OK ? st : coda_error_nomem(err);
}

coda_status xlsx_book_styles(xlsx_book *b, coda_error *err)
{
    styles s = { .b = b };
    coda_status st = walk_part(b, "xl/styles.xml", 1, on_styles, &s, err);
    coda_free(s.custom_id);
    coda_free(s.custom_date);
    return st;
}

static void free_all(char **a, size_t n)
{
    for (size_t i = 0; a && i < n; i++)
        coda_free(a[i]);
    coda_free(a);
}

void xlsx_book_free(xlsx_book *b)
{
    free_all(b->sheet_name, b->nsheets);
    free_all(b->sheet_part, b->nsheets);
    free_all(b->str, b->nstr);
    coda_free(b->xf_date);
    coda_zip_close(b->z);
}
