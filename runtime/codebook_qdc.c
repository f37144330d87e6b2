/* codebook_qdc.c - reading and writing REFI-QDA codebooks with libxml2. */
#include "codebook_qdc.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_outfile.h"
#include "base_uuid.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

/* The fields of one alternative, in the order they are written. */
static const char *const keys[] = { "pattern", "flags", "exclude", "example",
                                    "counterexample" };
enum { NKEYS = 5 };

/* --- reading ------------------------------------------------------------ */

typedef struct alt {
    char *v[NKEYS];
} alt;

typedef struct parsed {
    char *desc;                 /* the free text */
    char *memo;                 /* the coda-memo lines */
    alt *alts;
    size_t n;
    int last;                   /* key of the last directive (MEMO for
                                   coda-memo), or -1 */
} parsed;

enum { MEMO = NKEYS };

static int is_qda(const xmlNode *n, const char *name)
{
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, name))
        return 0;
    return !n->ns || !n->ns->href ||
           strncmp((const char *)n->ns->href, "urn:QDA-XML:", 12) == 0;
}

static char *append(char *s, const char *add, size_t n, const char *sep)
{
    size_t a = s ? strlen(s) : 0, k = s ? strlen(sep) : 0;
    char *r = coda_realloc(s, a + k + n + 1);
    if (!r) {
        coda_free(s);
        return NULL;
    }
    memcpy(r + a, sep, k);
    memcpy(r + a + k, add, n);
    r[a + k + n] = '\0';
    return r;
}

static void parsed_free(parsed *p)
{
    coda_free(p->desc);
    coda_free(p->memo);
    for (size_t i = 0; i < p->n; i++)
        for (int k = 0; k < NKEYS; k++)
            coda_free(p->alts[i].v[k]);
    coda_free(p->alts);
}

/* The directive key of a line ("coda-KEY: "), -2 for coda-cont, -1 none. */
static int directive(const char *line, size_t n, size_t *skip)
{
    for (int k = -2; k < NKEYS; k++) {
        const char *name = k == -2 ? "cont" : k == -1 ? NULL : keys[k];
        char pre[32];
        if (!name)
            continue;
        int m = snprintf(pre, sizeof pre, "coda-%s:", name);
        if (n >= (size_t)m && memcmp(line, pre, (size_t)m) == 0) {
            *skip = (size_t)m + (n > (size_t)m && line[m] == ' ');
            return k;
        }
    }
    return -1;
}

/* A coda-memo line, or a coda-cont line after one: the code's memo. */
static int add_memo_line(parsed *p, const char *line, size_t n, int k,
                         size_t skip)
{
    const char *sep = k == -2 ? "\n" : p->memo ? "\n" : "";
    if (k != -2)
        skip = 10 + (n > 10 && line[10] == ' ');
    p->last = MEMO;
    p->memo = append(p->memo, line + skip, n - skip, sep);
    return p->memo != NULL;
}

static int add_line(parsed *p, const char *line, size_t n)
{
    size_t skip = 0;
    int k = directive(line, n, &skip);
    if ((k == -1 && n >= 10 && memcmp(line, "coda-memo:", 10) == 0) ||
        (k == -2 && p->last == MEMO))
        return add_memo_line(p, line, n, k, skip);
    if (k == -1 && n >= 10 && memcmp(line, "coda-text:", 10) == 0) {
        skip = 10 + (n > 10 && line[10] == ' ');
        p->desc = append(p->desc, line + skip, n - skip, "\n");
        return p->desc != NULL;         /* a description line, escaped */
    }
    if (k == -1 || (k == -2 && p->last < 0)) {
        p->desc = append(p->desc, line, n, "\n");
        return p->desc != NULL;
    }
    if (k == -2) {
        char **v = &p->alts[p->n - 1].v[p->last];
        return (*v = append(*v, line + skip, n - skip, "\n")) != NULL;
    }
    if (p->n == 0 || p->alts[p->n - 1].v[k] || (k == 0 && p->last >= 0)) {
        alt *a = coda_reallocarray(p->alts, p->n + 1, sizeof *a);
        if (!a)
            return 0;
        p->alts = a;
        memset(&a[p->n++], 0, sizeof *a);
    }
    p->last = k;
    char **v = &p->alts[p->n - 1].v[k];
    return (*v = coda_strndup(line + skip, n - skip)) != NULL;
}

static int parse_description(const char *text, parsed *p)
{
    memset(p, 0, sizeof *p);
    p->last = -1;
    for (const char *s = text; s && *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        if (!add_line(p, s, n))
            return 0;
        s = nl ? nl + 1 : NULL;
    }
    size_t n = p->desc ? strlen(p->desc) : 0;
    while (n && (p->desc[n - 1] == '\n' || p->desc[n - 1] == ' '))
        p->desc[--n] = '\0';
    return 1;
}

typedef struct reader {
    coda_codebook *cb;
    const char *path;
    coda_error *err;
} reader;

static coda_status add_code(reader *rd, xmlNode *n, const char *parent);

static coda_status add_children(reader *rd, xmlNode *n, const char *parent)
{
    coda_status st = CODA_OK;
    for (xmlNode *c = n->children; c && st == CODA_OK; c = c->next)
        if (is_qda(c, "Code"))
            st = add_code(rd, c, parent);
    return st;
}

static char *description_of(xmlNode *n)
{
    for (xmlNode *c = n->children; c; c = c->next)
        if (is_qda(c, "Description"))
            return (char *)xmlNodeGetContent(c);
    return NULL;
}

static coda_status add_rows(reader *rd, xmlNode *n, const char *name,
                            const char *parent, const parsed *p)
{
    char *color = (char *)xmlGetProp(n, (const xmlChar *)"color");
    coda_status st = CODA_OK;
    for (size_t i = 0; i < (p->n ? p->n : 1) && st == CODA_OK; i++) {
        const alt *a = p->n ? &p->alts[i] : NULL;
        coda_code_row row = { name, a ? a->v[0] : NULL, p->desc, parent,
                              a ? a->v[1] : NULL, a ? a->v[2] : NULL,
                              a ? a->v[3] : NULL, a ? a->v[4] : NULL, color,
                              rd->path, (long)xmlGetLineNo(n), p->memo };
        st = coda_codebook_add_row(rd->cb, &row, rd->err);
    }
    xmlFree(color);
    return st;
}

static coda_status add_code(reader *rd, xmlNode *n, const char *parent)
{
    char *name = (char *)xmlGetProp(n, (const xmlChar *)"name");
    if (!name || !*name) {
        xmlFree(name);
        return coda_error_set(rd->err, CODA_EPARSE, rd->path,
                              (long)xmlGetLineNo(n), 0, "a Code without a "
                              "name");
    }
    char *desc = description_of(n);
    parsed p;
    coda_status st = parse_description(desc, &p) ? CODA_OK
                                                 : coda_error_nomem(rd->err);
    if (st == CODA_OK)
        st = add_rows(rd, n, name, parent, &p);
    if (st == CODA_OK)
        st = add_children(rd, n, name);
    parsed_free(&p);
    xmlFree(desc);
    xmlFree(name);
    return st;
}

static xmlNode *find_codebook(xmlNode *root)
{
    if (is_qda(root, "CodeBook"))
        return root;
    for (xmlNode *c = root->children; c; c = c->next)
        if (is_qda(c, "CodeBook"))
            return c;
    return NULL;
}

coda_status coda_qdc_read(coda_codebook *cb, const char *path,
                          coda_error *err)
{
    if (coda_input_note(-1, path, err) != CODA_OK)
        return CODA_ENOMEM;
    xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                              XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        FILE *fp = fopen(path, "rb");
        if (!fp)
            return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open");
        fclose(fp);
        return coda_error_set(err, CODA_EPARSE, path, e ? e->line : 0, 0,
                              "not well-formed XML: %s",
                              e && e->message ? e->message : "?");
    }
    xmlNode *root = xmlDocGetRootElement(doc), *book = NULL;
    reader rd = { cb, path, err };
    coda_status st = CODA_OK;
    if (!root || !(book = find_codebook(root)))
        st = coda_error_set(err, CODA_EPARSE, path, root ? xmlGetLineNo(root)
                            : 0, 0, "not a REFI-QDA codebook (expected a "
                            "CodeBook element in namespace "
                            "urn:QDA-XML:codebook:1.0)");
    for (xmlNode *c = book ? book->children : NULL; c && st == CODA_OK;
         c = c->next)
        if (is_qda(c, "Codes"))
            st = add_children(&rd, c, NULL);
    xmlFreeDoc(doc);
    return st;
}

/* --- writing ------------------------------------------------------------ */

/* Write "coda-KEY: value" lines, value's further lines as coda-cont. */
static void put_directive(xmlBuffer *b, const char *key, const char *v)
{
    char pre[40];
    snprintf(pre, sizeof pre, "\ncoda-%s: ", key);
    xmlBufferCat(b, (const xmlChar *)pre);
    for (const char *s = v; *s; s++) {
        if (*s == '\n')
            xmlBufferCat(b, (const xmlChar *)"\ncoda-cont: ");
        else
            xmlBufferAdd(b, (const xmlChar *)s, 1);
    }
}

/* The Description text of code i, or NULL when there is nothing to say. */
static xmlBuffer *description_text(const coda_codebook *cb, size_t i)
{
    coda_code_info in;
    coda_codebook_info(cb, i, &in);
    xmlBuffer *b = xmlBufferCreate();
    if (!b)
        return NULL;
    /* A description line that looks like a directive is written as
     * "coda-text: LINE", so that it reads back as text, not as a pattern. */
    for (const char *s = in.description; *s;) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) + 1 : strlen(s);
        if (strncmp(s, "coda-", 5) == 0)
            xmlBufferCat(b, (const xmlChar *)"coda-text: ");
        xmlBufferAdd(b, (const xmlChar *)s, (int)n);
        s += n;
    }
    if (in.memo[0])
        put_directive(b, "memo", in.memo);
    for (size_t j = 0; j < in.nrows; j++) {
        coda_code_row r;
        coda_codebook_row(cb, i, j, &r);
        const char *v[NKEYS] = { r.pattern, r.flags, r.exclude, r.example,
                                 r.counterexample };
        int any = 0;
        for (int k = 0; k < NKEYS; k++)
            any |= v[k][0] != '\0';
        for (int k = 0; k < NKEYS && any; k++)
            if (v[k][0] || k == 0)
                put_directive(b, keys[k], v[k]);
    }
    return b;
}

static int write_code(xmlTextWriter *w, const coda_codebook *cb, size_t i)
{
    coda_code_info in;
    char path[2048], guid[37];
    coda_codebook_info(cb, i, &in);
    size_t n = coda_codebook_path(cb, i, path, sizeof path);
    coda_uuid5(coda_uuid_ns_codebook, path, n < sizeof path ? n
               : sizeof path - 1, guid);
    int rc = xmlTextWriterStartElement(w, (const xmlChar *)"Code") < 0;
    rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"guid",
                                      (const xmlChar *)guid) < 0;
    rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"name",
                                      (const xmlChar *)in.name) < 0;
    rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"isCodable",
                                      (const xmlChar *)(in.category ? "false"
                                                        : "true")) < 0;
    if (in.color[0])
        rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"color",
                                          (const xmlChar *)in.color) < 0;
    xmlBuffer *d = description_text(cb, i);
    const char *text = d ? (const char *)xmlBufferContent(d) : NULL;
    if (!d)
        rc = 1;
    else if (text[0] == '\n')
        text++;                         /* no free text: start at directives */
    if (d && *text)
        rc |= xmlTextWriterWriteElement(w, (const xmlChar *)"Description",
                                        (const xmlChar *)text) < 0;
    xmlBufferFree(d);
    for (size_t k = 0; k < coda_codebook_size(cb) && rc == 0; k++) {
        coda_code_info ck;
        coda_codebook_info(cb, k, &ck);
        if (ck.parent == (long)i)
            rc |= write_code(w, cb, k);
    }
    rc |= xmlTextWriterEndElement(w) < 0;
    return rc;
}

static int write_document(xmlTextWriter *w, const coda_codebook *cb)
{
    int rc = xmlTextWriterSetIndent(w, 1) < 0;
    rc |= xmlTextWriterSetIndentString(w, (const xmlChar *)"  ") < 0;
    rc |= xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0;
    rc |= xmlTextWriterStartElementNS(w, NULL, (const xmlChar *)"CodeBook",
                                      (const xmlChar *)
                                      "urn:QDA-XML:codebook:1.0") < 0;
    rc |= xmlTextWriterWriteAttribute(w, (const xmlChar *)"origin",
                                      (const xmlChar *)"coda") < 0;
    rc |= xmlTextWriterStartElement(w, (const xmlChar *)"Codes") < 0;
    for (size_t i = 0; i < coda_codebook_size(cb) && rc == 0; i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        if (in.parent < 0)
            rc |= write_code(w, cb, i);
    }
    rc |= xmlTextWriterEndDocument(w) < 0;
    return rc;
}

/* The offset of the first byte of s that XML 1.0 cannot hold (a control
 * character other than tab, LF and CR), or -1. */
static long xml_bad_byte(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
            return (long)(p - s);
    return -1;
}

/* CODA_EARG naming the code, field and source line when some text of cb
 * cannot be written into XML: the .qdc would not read back. */
static coda_status check_xml_text(const coda_codebook *cb, const char *path,
                                  coda_error *err)
{
    static const char *const what[] = { "name", "description", "colour",
                                        "pattern", "flags", "exclude",
                                        "example", "counterexample" };
    for (size_t i = 0; i < coda_codebook_size(cb); i++) {
        coda_code_info in;
        coda_codebook_info(cb, i, &in);
        for (size_t j = 0; j < (in.nrows ? in.nrows : 1); j++) {
            coda_code_row r = { 0 };
            if (in.nrows)
                coda_codebook_row(cb, i, j, &r);
            const char *v[] = { in.name, in.description, in.color,
                                r.pattern ? r.pattern : "",
                                r.flags ? r.flags : "",
                                r.exclude ? r.exclude : "",
                                r.example ? r.example : "",
                                r.counterexample ? r.counterexample : "" };
            for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
                long at = xml_bad_byte(v[k]);
                if (at >= 0)
                    return coda_error_set(err, CODA_EARG,
                                          r.file && *r.file ? r.file : path,
                                          r.line, 0,
                                          "code \"%s\": its %s holds the "
                                          "control character 0x%02X (byte "
                                          "%ld), which a .qdc (XML 1.0) "
                                          "cannot hold", in.name, what[k],
                                          (unsigned)(unsigned char)v[k][at],
                                          at + 1);
            }
        }
    }
    return CODA_OK;
}

coda_status coda_qdc_write(const coda_codebook *cb, const char *path,
                           coda_error *err)
{
    if (coda_codebook_size(cb) == 0)
        return coda_error_set(err, CODA_EARG, path, 0, 0, "a .qdc codebook "
                              "needs at least one code");
    coda_status text_ok = check_xml_text(cb, path, err);
    if (text_ok != CODA_OK)
        return text_ok;
    xmlBuffer *buf = xmlBufferCreate();
    xmlTextWriter *w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
    int bad = !w || write_document(w, cb);
    if (w)
        xmlFreeTextWriter(w);           /* flushes into buf */
    if (bad || !buf) {
        xmlBufferFree(buf);
        return coda_error_nomem(err);
    }
    coda_outfile o;
    coda_status st = coda_outfile_open(&o, path, err);
    if (st == CODA_OK) {
        fwrite(xmlBufferContent(buf), 1, (size_t)xmlBufferLength(buf), o.fp);
        st = coda_outfile_commit(&o, err);
    }
    xmlBufferFree(buf);
    return st;
}
