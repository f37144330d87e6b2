/* corpus_docx.c - the text of a Word document (.docx): word/document.xml
 * read through libzip under a size limit (base_zipread.h) and libxml2's
 * streaming reader (no network, no DTD, no entities; its own bound on
 * nesting), its paragraphs in document order as plain UTF-8 text.  What
 * is read and what is left out is listed in corpus.h. */
#include "corpus_int.h"

#include "base_alloc.h"
#include "base_strbuf.h"
#include "base_zipread.h"

#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int coda_corpus_is_docx(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcasecmp(path + n - 5, ".docx") == 0;
}

/* What an element means to the text. */
typedef enum {
    X_OTHER, X_PARA, X_TEXT, X_TAB, X_BREAK, X_HYPHEN, X_SYM, X_SKIP
} xkind;

static const struct {
    const char *name;
    xkind kind;
} w_elems[] = {
    { "p", X_PARA }, { "t", X_TEXT }, { "tab", X_TAB }, { "ptab", X_TAB },
    { "br", X_BREAK }, { "cr", X_BREAK }, { "noBreakHyphen", X_HYPHEN },
    { "sym", X_SYM },
    /* tracked deletions and moves away; properties (w:tabs in w:pPr
     * holds tab stops, not tabs) */
    { "del", X_SKIP }, { "moveFrom", X_SKIP }, { "pPr", X_SKIP },
    { "rPr", X_SKIP },
};

/* WordprocessingML, transitional and strict; markup compatibility. */
static const char w_ns[] =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char w_strict[] =
    "http://purl.oclc.org/ooxml/wordprocessingml/main";
static const char mc_ns[] =
    "http://schemas.openxmlformats.org/markup-compatibility/2006";

/* The reader's state. */
typedef struct dx {
    xmlTextReaderPtr r;
    coda_strbuf out;
    int brk;            /* owed before the next text: 0, 1 line end, 2 a
                           blank line (a new paragraph) */
    int in_t;           /* inside a w:t */
    int skip;           /* the depth of the element being left out, or -1 */
    size_t symbols;     /* w:sym left out */
    long line;          /* the first error libxml2 reported */
    int deep;           /* it was too deep nesting */
    char msg[300];
} dx;

static xkind kind_of(const dx *d)
{
    const char *ns = (const char *)xmlTextReaderConstNamespaceUri(d->r);
    const char *name = (const char *)xmlTextReaderConstLocalName(d->r);
    if (!ns || !name)
        return X_OTHER;
    if (!strcmp(ns, mc_ns))     /* Word writes a text box twice */
        return strcmp(name, "Fallback") ? X_OTHER : X_SKIP;
    if (strcmp(ns, w_ns) && strcmp(ns, w_strict))
        return X_OTHER;
    for (size_t i = 0; i < sizeof w_elems / sizeof w_elems[0]; i++)
        if (!strcmp(name, w_elems[i].name))
            return w_elems[i].kind;
    return X_OTHER;
}

/* Append s[0..n), after the break owed. */
static void put(dx *d, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (d->brk && d->out.n)
        coda_strbuf_add(&d->out, "\n\n", (size_t)d->brk);
    d->brk = 0;
    coda_strbuf_add(&d->out, s, n);
}

/* A w:sym: its character (w:char, hexadecimal) unless it is one of a
 * symbol font's (U+F000-U+F0FF: Wingdings' glyphs have no Unicode
 * meaning), which is left out and counted. */
static void sym(dx *d)
{
    xmlChar *c = xmlTextReaderGetAttributeNs(
        d->r, (const xmlChar *)"char", xmlTextReaderConstNamespaceUri(d->r));
    char *e = NULL;
    unsigned long cp = c ? strtoul((const char *)c, &e, 16) : 0;
    xmlChar u[8];
    if (!c || *e || cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) ||
        (cp >= 0xF000 && cp <= 0xF0FF) || cp > 0x10FFFF)
        d->symbols++;
    else
        put(d, (const char *)u, (size_t)xmlCopyCharMultiByte(u, (int)cp));
    xmlFree(c);
}

static void start(dx *d)
{
    int empty = xmlTextReaderIsEmptyElement(d->r);
    switch (kind_of(d)) {
    case X_PARA: d->brk = 2; break;
    case X_TEXT: d->in_t = !empty; break;
    case X_TAB: put(d, "\t", 1); break;
    case X_BREAK: d->brk = d->brk ? d->brk : 1; break;
    case X_HYPHEN: put(d, "-", 1); break;
    case X_SYM: sym(d); break;
    case X_SKIP:
        if (!empty)
            d->skip = xmlTextReaderDepth(d->r);
        break;
    case X_OTHER: break;
    }
}

static void end(dx *d)
{
    xkind k = kind_of(d);
    if (k == X_PARA)
        d->brk = 2;
    else if (k == X_TEXT)
        d->in_t = 0;
}

static int is_text(int type)
{
    return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
           type == XML_READER_TYPE_WHITESPACE ||
           type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* One node of the stream. */
static void node(dx *d, int type)
{
    if (d->skip >= 0) {
        if (type == XML_READER_TYPE_END_ELEMENT &&
            xmlTextReaderDepth(d->r) == d->skip)
            d->skip = -1;
    } else if (type == XML_READER_TYPE_ELEMENT) {
        start(d);
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
        end(d);
    } else if (d->in_t && is_text(type)) {
        const char *v = (const char *)xmlTextReaderConstValue(d->r);
        put(d, v, v ? strlen(v) : 0);
    }
}

/* libxml2's errors, the first one kept (it prints none). */
static void on_error(void *ud, xmlErrorPtr e)
{
    dx *d = ud;
    if (d->msg[0] || e->level < XML_ERR_ERROR)
        return;
    snprintf(d->msg, sizeof d->msg, "%s", e->message ? e->message : "?");
    d->msg[strcspn(d->msg, "\n")] = '\0';
    d->line = e->line;
    d->deep = e->code == XML_ERR_INTERNAL_ERROR && strstr(d->msg, "depth");
}

static coda_status doctype(const char *path, coda_error *err)
{
    return coda_error_set(err, CODA_EPARSE, path, 0, 0, "word/document.xml "
                          "has a DOCTYPE, which Word never writes; coda reads "
                          "no DTD or entities");
}

static coda_status walk(dx *d, const char *path, coda_error *err)
{
    int r;
    while ((r = xmlTextReaderRead(d->r)) == 1 && !d->out.failed) {
        int type = xmlTextReaderNodeType(d->r);
        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            return doctype(path, err);
        node(d, type);
    }
    if (d->out.failed)
        return coda_error_nomem(err);
    if (r < 0 && d->deep)
        return coda_error_set(err, CODA_EPARSE, path, 0, 0, "word/document."
                              "xml nests elements deeper than %u levels "
                              "(line %ld), the most coda reads",
                              xmlParserMaxDepth, d->line);
    if (r < 0)
        return coda_error_set(err, CODA_EPARSE, path, 0, 0, "word/document."
                              "xml is not XML coda can read (line %ld): %s",
                              d->line, d->msg[0] ? d->msg : "unreadable");
    return CODA_OK;
}

/* The text the reader wrote (st: how the reading went) into *text and
 * *len, with a warning when symbols were left out. */
static coda_status finish(dx *d, coda_status st, const char *path,
                          coda_warnings *w, char **text, size_t *len,
                          coda_error *err)
{
    if (st == CODA_OK && d->symbols &&
        coda_warn(w, "%s: %zu symbol%s of a symbol font (w:sym, such as "
                  "Wingdings) left out", path, d->symbols,
                  d->symbols == 1 ? "" : "s") != CODA_OK)
        st = coda_error_nomem(err);
    if (st == CODA_OK && !d->out.p)
        coda_strbuf_add(&d->out, "", 0);
    if (st == CODA_OK && d->out.failed)
        st = coda_error_nomem(err);
    if (st != CODA_OK) {
        coda_free(d->out.p);
        return st;
    }
    *text = d->out.p;
    *len = d->out.n;
    return CODA_OK;
}

/* The text of xml[0..n), the document's body. */
static coda_status parse(const char *path, const char *xml, size_t n,
                         coda_warnings *w, char **text, size_t *len,
                         coda_error *err)
{
    dx d = { .skip = -1 };
    /* Refused before libxml2 reads its entities: "<!DOCTYPE" in UTF-8 can
     * only be markup (text escapes "<"); the reader's check above catches
     * it in other encodings. */
    if (memmem(xml, n, "<!DOCTYPE", 9))
        return doctype(path, err);
    d.r = xmlReaderForMemory(xml, (int)n, "word/document.xml", NULL,
                             XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING);
    if (!d.r)
        return coda_error_nomem(err);
    xmlTextReaderSetStructuredErrorHandler(d.r, on_error, &d);
    coda_status st = walk(&d, path, err);
    xmlFreeTextReader(d.r);
    return finish(&d, st, path, w, text, len, err);
}

/* CODA_EPARSE when path is an OLE compound file, which libzip would only
 * call no zip: a Word 97-2003 .doc renamed, or a .docx that Word
 * encrypted with a password. */
static coda_status ole(const char *path, coda_error *err)
{
    unsigned char b[8];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    if (n < sizeof b || memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return CODA_OK;
    return coda_error_set(err, CODA_EPARSE, path, 0, 0, "not a zip archive "
                          "(a .docx is one) but an OLE file: a Word 97-2003 "
                          ".doc renamed, or a .docx with a password; save "
                          "it from Word as a .docx without a password");
}

coda_status coda_corpus_docx(const char *path, coda_warnings *w, char **text,
                             size_t *len, coda_error *err)
{
    coda_zip *z = NULL;
    char *xml = NULL;
    size_t n = 0;
    coda_status st = ole(path, err);
    if (st == CODA_OK)
        st = coda_zip_open(path, CODA_DOCX_MAX_BYTES, ".docx", &z, err);
    if (st == CODA_OK && !coda_zip_has(z, "word/document.xml"))
        st = coda_error_set(err, CODA_EPARSE, path, 0, 0, "no "
                            "word/document.xml in the archive: not a Word "
                            "document");
    if (st == CODA_OK)
        st = coda_zip_read(z, "word/document.xml", &xml, &n, err);
    coda_zip_close(z);
    if (st == CODA_OK)
        st = parse(path, xml, n, w, text, len, err);
    coda_free(xml);
    return st;
}
