/* check_corpus_docx.c - Word documents as transcripts (corpus_docx.c):
 * what of word/document.xml becomes text (a table of cases), the
 * interview fixture split into turns and paragraphs, .docx files in a
 * folder, and hostile files: not a zip, no document, zip bombs, deep,
 * broken or huge XML, a DOCTYPE with external or exponential entities;
 * and an out-of-memory loop. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tabcmp.h"
#include "harness/tmpdir.h"
#include "harness/zipmake.h"

#include "base_alloc.h"
#include "corpus.h"
#include "corpus_int.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define DOC(body)                                                           \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"       \
    "<w:document xmlns:w=\"" W_NS "\" xmlns:mc=\"" MC_NS "\"><w:body>"      \
    body "</w:body></w:document>"
#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"

static char dir[64];

static void setup(void)
{
    tmp_make(dir);
}

static void teardown(void)
{
    tmp_remove(dir);
    oom_remove();
}

/* A .docx at dir/name holding xml[0..len) as word/document.xml; its path
 * in p (256 bytes). */
static char *docx_n(char *p, const char *name, const char *xml, size_t len)
{
    const char *n[] = { "[Content_Types].xml", "word/document.xml" };
    const char *d[] = { "<Types/>", xml };
    size_t l[] = { 8, len };
    make_zip(tmp_path(p, dir, name), n, d, l, 2);
    return p;
}

static char *docx(char *p, const char *name, const char *xml)
{
    return docx_n(p, name, xml, strlen(xml));
}

typedef struct dcase {
    const char *body, *want;
    size_t warnings;
} dcase;

static const dcase cases[] = {
    /* paragraphs, a blank line between; empty ones add nothing */
    { P("One") P("Two"), "One\n\nTwo", 0 },
    { "<w:p/>" P("a") "<w:p></w:p><w:p><w:pPr/></w:p>" P("b") "<w:p/>",
      "a\n\nb", 0 },
    { "", "", 0 },
    /* runs join; a space of its own is kept */
    { "<w:p><w:r><w:t>a</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t>"
      "</w:r><w:r><w:t>b</w:t></w:r></w:p>", "a b", 0 },
    /* tab, line breaks; tab stops in the paragraph's properties are not
     * tabs */
    { "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs>"
      "</w:pPr><w:r><w:t>R1:</w:t><w:tab/><w:t>x</w:t><w:br/><w:t>y</w:t>"
      "<w:cr/><w:t>z</w:t><w:ptab w:alignment=\"right\"/><w:t>!</w:t></w:r>"
      "</w:p>", "R1:\tx\ny\nz\t!", 0 },
    /* tracked changes: deleted and moved-away text is not read */
    { "<w:p><w:r><w:t xml:space=\"preserve\">a </w:t></w:r><w:del w:id=\"1\" "
      "w:author=\"X\"><w:r><w:tab/><w:delText>gone</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"X\"><w:r><w:t>new</w:t></w:r></w:ins>"
      "</w:p>", "a new", 0 },
    { "<w:p><w:moveFrom w:id=\"1\"><w:r><w:t>moved</w:t></w:r></w:moveFrom>"
      "<w:r><w:t>x</w:t></w:r></w:p><w:p><w:moveTo w:id=\"2\"><w:r><w:t>"
      "moved</w:t></w:r></w:moveTo></w:p>", "x\n\nmoved", 0 },
    { "<w:p><w:pPr><w:rPr><w:del w:id=\"9\" w:author=\"X\"/></w:rPr></w:pPr>"
      "<w:del w:id=\"8\" w:author=\"X\"><w:r><w:delText>all gone</w:delText>"
      "</w:r></w:del></w:p>" P("kept"), "kept", 0 },
    /* a field: its result, not its code */
    { "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText"
      " xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
      "w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r>"
      "<w:fldChar w:fldCharType=\"end\"/></w:r></w:p>", "3", 0 },
    /* hyphens; a symbol with a Unicode character, one of Wingdings' */
    { "<w:p><w:r><w:t>e</w:t><w:noBreakHyphen/><w:t>mail</w:t><w:softHyphen/>"
      "<w:t>s</w:t><w:sym w:font=\"Symbol\" w:char=\"2192\"/><w:sym "
      "w:font=\"Wingdings\" w:char=\"F0E0\"/></w:r></w:p>",
      "e-mails\xE2\x86\x92", 1 },
    /* a text box once, though Word writes it twice */
    { "<w:p><w:r><w:t xml:space=\"preserve\">before </w:t></w:r><w:r>"
      "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
      "<w:txbxContent>" P("boxed") "</w:txbxContent></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><w:txbxContent>" P("boxed") "</w:txbxContent>"
      "</w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>after"
      "</w:t></w:r></w:p>", "before \n\nboxed\n\nafter", 0 },
    /* table cells are paragraphs */
    { "<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr/>" P("a") "</w:tc><w:tc>" P("b")
      P("c") "</w:tc></w:tr><w:tr><w:tc>" P("d") "</w:tc></w:tr></w:tbl>",
      "a\n\nb\n\nc\n\nd", 0 },
    /* entities, character references, Devanagari */
    { P("R1: &lt;&amp;&gt; &#x0936;&#x093E;&#x0926;&#x0940; मार"),
      "R1: <&> शादी मार", 0 },
    /* what is not a run's text: properties, marks, references, other
     * namespaces, text outside w:t; links and content controls are read */
    { "<w:p>stray<w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/></w:rPr><w:t>a"
      "</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"x\"/><w:r>"
      "<w:footnoteReference w:id=\"1\"/></w:r><w:r><w:commentReference "
      "w:id=\"0\"/></w:r><x:t xmlns:x=\"urn:x\">not text</x:t><w:hyperlink>"
      "<w:r><w:t>link</w:t></w:r></w:hyperlink><w:sdt><w:sdtPr><w:alias "
      "w:val=\"x\"/></w:sdtPr><w:sdtContent><w:r><w:t>ctl</w:t></w:r>"
      "</w:sdtContent></w:sdt></w:p>", "alinkctl", 0 },
};

START_TEST(test_docx_text)
{
    const dcase *k = &cases[_i];
    char p[256];
    char *text = NULL;
    size_t len;
    coda_warnings w = { 0 };
    coda_error err;
    char xml[4096];
    snprintf(xml, sizeof xml, DOC("%s"), k->body);
    docx(p, "t.docx", xml);
    ck_assert_msg(coda_corpus_docx(p, &w, &text, &len, &err) == CODA_OK,
                  "%s", err.msg);
    ck_assert_str_eq(text, k->want);
    ck_assert_uint_eq(len, strlen(k->want));
    ck_assert_uint_eq(w.n, k->warnings);
    if (w.n)
        ck_assert_ptr_nonnull(strstr(w.msg[0], "t.docx: 1 symbol of a "
                                     "symbol font (w:sym, such as "
                                     "Wingdings) left out"));
    coda_free(text);
    coda_warnings_free(&w);
}
END_TEST

/* The strict namespace of ISO 29500 is WordprocessingML too. */
START_TEST(test_docx_strict)
{
    char p[256];
    char *text;
    size_t len;
    docx(p, "s.docx", "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/"
         "wordprocessingml/main\"><w:body>" P("a") P("b")
         "</w:body></w:document>");
    ck_assert_int_eq(coda_corpus_docx(p, NULL, &text, &len, NULL), CODA_OK);
    ck_assert_str_eq(text, "a\n\nb");
    coda_free(text);
}
END_TEST

/* The fixture of tests/fixtures/docx/interview as a .docx in p. */
static void interview(char *p)
{
    char *xml;
    size_t len;
    slurp("../fixtures/docx/interview/word/document.xml", &xml, &len);
    docx_n(p, "interview.docx", xml, len);
    free(xml);
}

/* Its turns, counted by hand (the fixture's comment lists them). */
START_TEST(test_docx_interview_turns)
{
    static const char *const want[][2] = {
        { "<NA>", "Interview 7\n\nPlace\n\nKolkata\n\nMonth\n\nMarch 2020" },
        { "Interviewer", "How did you come to the city?" },
        { "R1", "They took an advance from my father.\n\nThen they brought "
                "me here.\nI was fourteen." },
        { "Interviewer", "Did they hit you?" },
        { "R1", "Yes, they beat us. No FIR was filed." },
    };
    char p[256];
    coda_table *t;
    coda_error err;
    interview(p);
    ck_assert_msg(coda_corpus_read(p, NULL, &t, &err) == CODA_OK, "%s",
                  err.msg);
    ck_assert_uint_eq(t->nrow, NELEM(want));
    for (size_t r = 0; r < t->nrow; r++) {
        ck_assert_str_eq(tab_str(t, "doc", r), "interview");
        ck_assert_str_eq(tab_str(t, "speaker", r), want[r][0]);
        ck_assert_str_eq(tab_str(t, "text", r), want[r][1]);
    }
    coda_table_free(t);
}
END_TEST

/* A Word paragraph is a paragraph unit: 5 before the interview (heading,
 * four cells), 5 in it. */
START_TEST(test_docx_interview_paragraphs)
{
    char p[256];
    coda_table *t;
    coda_corpus_opts o;
    coda_corpus_opts_init(&o);
    o.unit = CODA_UNIT_PARAGRAPH;
    interview(p);
    ck_assert_int_eq(coda_corpus_read(p, &o, &t, NULL), CODA_OK);
    ck_assert_uint_eq(t->nrow, 10);
    ck_assert_str_eq(tab_str(t, "text", 1), "Place");
    ck_assert_str_eq(tab_str(t, "text", 4), "March 2020");
    ck_assert_str_eq(tab_str(t, "text", 5),
                     "Interviewer:\tHow did you come to the city?");
    ck_assert_str_eq(tab_str(t, "text", 7),
                     "Then they brought me here.\nI was fourteen.");
    coda_table_free(t);
}
END_TEST

/* A folder's .docx files are read with its .txt files, in name order;
 * Word's lock files ("~$") and hidden files are not. */
START_TEST(test_docx_in_folder)
{
    char p[256];
    coda_table *t;
    coda_error err;
    tmp_write(tmp_path(p, dir, "a.txt"), "R1: from text");
    docx(p, "b.DOCX", DOC(P("R2: from Word")));
    tmp_write(tmp_path(p, dir, "~$b.docx"), "a lock file, not a zip");
    tmp_write(tmp_path(p, dir, ".c.docx"), "hidden");
    ck_assert_msg(coda_corpus_read(dir, NULL, &t, &err) == CODA_OK, "%s",
                  err.msg);
    ck_assert_uint_eq(t->nrow, 2);
    ck_assert_str_eq(tab_str(t, "doc", 0), "a");
    ck_assert_str_eq(tab_str(t, "doc", 1), "b");
    ck_assert_str_eq(tab_str(t, "speaker", 1), "R2");
    ck_assert_str_eq(tab_str(t, "text", 1), "from Word");
    coda_table_free(t);
}
END_TEST

/* Read p, which must fail with code and a message holding want. */
static void refused(const char *p, coda_status code, const char *want)
{
    char *text = NULL;
    size_t len;
    coda_error err;
    ck_assert_int_eq(coda_corpus_docx(p, NULL, &text, &len, &err), code);
    ck_assert_msg(strstr(err.msg, want), "%s", err.msg);
    ck_assert_str_eq(err.file, p);
    ck_assert_ptr_null(text);
}

START_TEST(test_docx_not_word)
{
    char p[256];
    tmp_write(tmp_path(p, dir, "x.docx"), "plain text, not a zip\n");
    refused(p, CODA_EPARSE, "not a zip archive (a .docx is one)");
    const char *n[] = { "word/other.xml" };
    const char *d[] = { "<x/>" };
    size_t l[] = { 4 };
    make_zip(tmp_path(p, dir, "y.docx"), n, d, l, 1);
    refused(p, CODA_EPARSE, "no word/document.xml in the archive: not a "
            "Word document");
    refused(tmp_path(p, dir, "none.docx"), CODA_EIO, "cannot open");
    tmp_write(tmp_path(p, dir, "old.docx"), "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"
              "and the rest of an OLE file");
    refused(p, CODA_EPARSE, "not a zip archive (a .docx is one) but an OLE "
            "file: a Word 97-2003 .doc renamed, or a .docx with a password");
}
END_TEST

/* document.xml's uncompressed size, as both zip headers declare it, set
 * to size (the only entry: make_zip of it alone). */
static void declare(const char *p, uint32_t size)
{
    const char *n[] = { "word/document.xml" };
    char *zeros = calloc(1, 1 << 20);
    const char *d[] = { zeros };
    size_t l[] = { 1 << 20 }, zl;
    make_zip(p, n, d, l, 1);
    free(zeros);
    char *zb;
    slurp(p, &zb, &zl);
    put32(zb, 22, size);                        /* local header */
    char *cd = memmem(zb, zl, "PK\1\2", 4);
    ck_assert_ptr_nonnull(cd);
    put32(cd, 24, size);                        /* central directory */
    FILE *fp = fopen(p, "wb");
    fwrite(zb, 1, zl, fp);
    fclose(fp);
    free(zb);
}

/* A zip bomb: 300 MiB declared is refused before inflating; 1 KiB
 * declared but 1 MiB inside stops at the declared size. */
START_TEST(test_docx_bombs)
{
    char p[256];
    declare(tmp_path(p, dir, "big.docx"), 300u << 20);
    refused(p, CODA_ELIMIT, "entry \"word/document.xml\" declares a size "
            "over the limit of 268435456 bytes");
    declare(tmp_path(p, dir, "liar.docx"), 1024);
    char *text = NULL;
    size_t len;
    coda_error err;
    ck_assert_int_ne(coda_corpus_docx(p, NULL, &text, &len, &err), CODA_OK);
    ck_assert_msg(strstr(err.msg, "inflates past its declared size") ||
                  strstr(err.msg, "corrupt"), "%s", err.msg);
}
END_TEST

/* XML nested 1000 deep ends in libxml2's bound of 256, named. */
START_TEST(test_docx_deep)
{
    size_t depth = 1000, k = 0;
    char *xml = malloc(depth * 16 + 256), p[256];
    k += (size_t)sprintf(xml, "<w:document xmlns:w=\"" W_NS "\"><w:body>");
    for (size_t i = 0; i < depth; i++)
        k += (size_t)sprintf(xml + k, "<w:sdt>");
    docx_n(p, "deep.docx", xml, k);
    free(xml);
    refused(p, CODA_EPARSE, "word/document.xml nests elements deeper than "
            "256 levels (line 1), the most coda reads");
}
END_TEST

START_TEST(test_docx_broken_xml)
{
    char p[256];
    docx(p, "b.docx", DOC("\n<w:p><w:r><w:t>a</w:r></w:p>"));
    refused(p, CODA_EPARSE, "word/document.xml is not XML coda can read "
            "(line 3): Opening and ending tag mismatch: t line 3 and r");
    docx(p, "e.docx", "");
    refused(p, CODA_EPARSE, "word/document.xml is not XML coda can read");
}
END_TEST

/* A run of text over 10 MB is over libxml2's bound on a text node. */
START_TEST(test_docx_huge_text)
{
    size_t big = 11000000;
    char *xml = malloc(big + 512), p[256];
    size_t k = (size_t)sprintf(xml, "<w:document xmlns:w=\"" W_NS "\">"
                               "<w:body><w:p><w:r><w:t>");
    memset(xml + k, 'a', big);
    k += big;
    k += (size_t)sprintf(xml + k, "</w:t></w:r></w:p></w:body>"
                         "</w:document>");
    docx_n(p, "huge.docx", xml, k);
    free(xml);
    refused(p, CODA_EPARSE, "huge text node");
}
END_TEST

/* A DOCTYPE is refused, so that no entity is loaded (a file, a URL) or
 * expanded (a billion laughs); nothing of the file reaches the message. */
START_TEST(test_docx_doctype)
{
    char p[256], secret[256], xml[2048];
    tmp_write(tmp_path(secret, dir, "secret.txt"), "SECRET-LINE");
    snprintf(xml, sizeof xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document "
             "[<!ENTITY x SYSTEM \"file://%s\">]>\n<w:document xmlns:w=\""
             W_NS "\"><w:body>" P("&x;") "</w:body></w:document>", secret);
    docx(p, "xxe.docx", xml);
    refused(p, CODA_EPARSE, "word/document.xml has a DOCTYPE, which "
            "Word never writes; coda reads no DTD or entities");
    docx(p, "dtd.docx", "<!DOCTYPE w:document SYSTEM \"http://127.0.0.1:9/"
         "x.dtd\"><w:document xmlns:w=\"" W_NS "\"/>");
    refused(p, CODA_EPARSE, "has a DOCTYPE");
    docx(p, "lol.docx", "<!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;"
         "&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;"
         "&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f "
         "\"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;"
         "&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]>"
         "<w:document xmlns:w=\"" W_NS "\"><w:body>" P("&h;")
         "</w:body></w:document>");
    refused(p, CODA_EPARSE, "has a DOCTYPE");
}
END_TEST

/* A .docx at dir/name whose document.xml is s in UTF-16LE with a BOM. */
static char *docx16(char *p, const char *name, const char *s)
{
    char buf[1024], out[4096], *in = buf, *o = out + 2;
    size_t il = strlen(s), ol = sizeof out - 2;
    memcpy(buf, s, il);
    iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
    memcpy(out, "\xFF\xFE", 2);
    ck_assert_uint_ne(iconv(cd, &in, &il, &o, &ol), (size_t)-1);
    iconv_close(cd);
    return docx_n(p, name, out, (size_t)(o - out));
}

/* libxml2 reads a document in UTF-16 (Word writes UTF-8); a DOCTYPE in
 * it is refused by the reader's check. */
START_TEST(test_docx_utf16)
{
    char p[256], *text;
    size_t len;
    docx16(p, "u.docx", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
           "<w:document xmlns:w=\"" W_NS "\"><w:body>" P("R1: शादी")
           "</w:body></w:document>");
    ck_assert_int_eq(coda_corpus_docx(p, NULL, &text, &len, NULL), CODA_OK);
    ck_assert_str_eq(text, "R1: शादी");
    coda_free(text);
    docx16(p, "d.docx", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
           "<!DOCTYPE w:document [<!ENTITY x \"y\">]><w:document xmlns:w=\""
           W_NS "\"><w:body>" P("&x;") "</w:body></w:document>");
    refused(p, CODA_EPARSE, "has a DOCTYPE");
}
END_TEST

static coda_status oom_read(void *ctx, coda_error *err)
{
    coda_table *t = NULL;
    coda_status st = coda_corpus_read(ctx, NULL, &t, err);
    coda_table_free(t);
    return st;
}

START_TEST(test_docx_out_of_memory)
{
    char p[256];
    docx(p, "a.docx", DOC(P("R1: one") "<w:p><w:r><w:t>R2:</w:t><w:tab/>"
                          "<w:t>two</w:t><w:sym w:char=\"F0E0\"/></w:r>"
                          "</w:p>"));
    tmp_write(tmp_path(p, dir, "b.txt"), "R3: three");
    oom_install();
    ck_assert_int_ge(oom_loop(oom_read, dir, 0), 2);
    ck_assert_int_ge(oom_loop(oom_read, dir, 1), 2);
}
END_TEST

Suite *corpus_docx_suite(void)
{
    Suite *s = suite_create("corpus_docx");
    TCase *tc = tcase_create("corpus_docx");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_docx_text, 0, NELEM(cases));
    tcase_add_test(tc, test_docx_strict);
    tcase_add_test(tc, test_docx_interview_turns);
    tcase_add_test(tc, test_docx_interview_paragraphs);
    tcase_add_test(tc, test_docx_in_folder);
    tcase_add_test(tc, test_docx_not_word);
    tcase_add_test(tc, test_docx_bombs);
    tcase_add_test(tc, test_docx_deep);
    tcase_add_test(tc, test_docx_broken_xml);
    tcase_add_test(tc, test_docx_huge_text);
    tcase_add_test(tc, test_docx_doctype);
    tcase_add_test(tc, test_docx_utf16);
    tcase_add_test(tc, test_docx_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}
