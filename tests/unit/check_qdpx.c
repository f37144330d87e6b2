/* check_qdpx.c - .qdpx exchange below the store (qdpx_int.h): code point
 * offsets on Devanagari, Bengali and emoji, GUIDs and times, the model to
 * project.qde and back (validated against Project.xsd), the zip written
 * (the reader's limits are check_zipread.c's), and hostile archives and
 * XML. */
#include "harness/oom.h"
#include "suites.h"
#include "harness/tmpdir.h"
#include "harness/zipmake.h"

#include "base_alloc.h"
#include "qdpx_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define XSD "../fixtures/refi/Project.xsd"

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

/* --- text ---------------------------------------------------------------- */

START_TEST(test_chars_known)
{
    /* counted by hand: न म स ् त े (6), ব া ং ল া (5), a 😀 b (3), the
     * family emoji man ZWJ woman ZWJ girl (5) */
    static const struct { const char *s; int64_t chars; } t[] = {
        { "नमस्ते", 6 }, { "বাংলা", 5 }, { "a😀b", 3 },
        { "👨‍👩‍👧", 5 }, { "", 0 }, { "plain", 5 },
    };
    for (size_t i = 0; i < NELEM(t); i++)
        ck_assert_int_eq(coda_qx_chars(t[i].s, strlen(t[i].s)), t[i].chars);
}
END_TEST

START_TEST(test_char_byte_known)
{
    const char *s = "नमस्ते दुनिया 😀 বাংলা";
    size_t n = strlen(s);
    /* char -> byte: 6 Devanagari of 3 bytes, a space, 6 more, a space,
     * the emoji (4 bytes), a space, 5 Bengali */
    static const struct { int64_t c, b; } t[] = {
        { 0, 0 }, { 1, 3 }, { 6, 18 }, { 7, 19 }, { 13, 37 }, { 14, 38 },
        { 15, 42 }, { 16, 43 }, { 21, 58 },
    };
    ck_assert_uint_eq(n, 58);
    for (size_t i = 0; i < NELEM(t); i++) {
        ck_assert_int_eq(coda_qx_char_to_byte(s, n, t[i].c), t[i].b);
        ck_assert_int_eq(coda_qx_byte_to_char(s, n, (size_t)t[i].b), t[i].c);
    }
    ck_assert_int_eq(coda_qx_char_to_byte(s, n, 22), -1);
    ck_assert_int_eq(coda_qx_char_to_byte(s, n, -1), -1);
    ck_assert_int_eq(coda_qx_byte_to_char(s, n, 1), -1);    /* inside न */
    ck_assert_int_eq(coda_qx_byte_to_char(s, n, 40), -1);   /* inside 😀 */
    ck_assert_int_eq(coda_qx_byte_to_char(s, n, 59), -1);
}
END_TEST

START_TEST(test_guid)
{
    char g[37];
    ck_assert(coda_qx_guid("{0A1B2C3D-4E5F-6A7B-8C9D-0E1F2A3B4C5D}", g));
    ck_assert_str_eq(g, "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d");
    ck_assert(coda_qx_guid("0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", g));
    static const char *const bad[] = {
        "", "{0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d", "x",
        "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5g",
        "0a1b2c3d04e5f-6a7b-8c9d-0e1f2a3b4c5d",
        "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d0",
    };
    for (size_t i = 0; i < NELEM(bad); i++)
        ck_assert_msg(!coda_qx_guid(bad[i], g), "%s", bad[i]);
    char a[37], b[37];
    coda_qx_guid_of("user", "ana", 3, a);
    coda_qx_guid_of("user", "ana", 3, b);
    ck_assert_str_eq(a, b);
    coda_qx_guid_of("source", "ana", 3, b);
    ck_assert_str_ne(a, b);
    ck_assert_int_eq(a[14], '5');                       /* version 5 */
}
END_TEST

START_TEST(test_time)
{
    static const struct { const char *in, *out; } t[] = {
        { "2024-05-01T10:00:00Z", "2024-05-01T10:00:00Z" },
        { "2024-05-01 10:00:00", "2024-05-01T10:00:00Z" },
        { "2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00Z" },
        { "2024-05-01T01:00:00+05:30", "2024-04-30T19:30:00Z" },
        { "2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00Z" },
    };
    char out[21];
    for (size_t i = 0; i < NELEM(t); i++) {
        ck_assert_msg(coda_qx_time(t[i].in, out), "%s", t[i].in);
        ck_assert_str_eq(out, t[i].out);
    }
    static const char *const bad[] = { "", "yesterday", "2024-13-01T00:00:00",
                                       "2024-05-01T10:00:00 junk",
                                       "2024-05-01" };
    for (size_t i = 0; i < NELEM(bad); i++)
        ck_assert_msg(!coda_qx_time(bad[i], out), "%s", bad[i]);
}
END_TEST

START_TEST(test_text_norm)
{
    char s[] = "\xEF\xBB\xBFन\r\nb\rc\r\n";
    size_t len = strlen(s), ncut;
    int64_t *cut;
    ck_assert(coda_qx_text_norm(s, &len, &cut, &ncut));
    ck_assert_str_eq(s, "न\nb\rc\n");
    ck_assert_uint_eq(len, strlen("न\nb\rc\n"));
    /* before: BOM 0, न 1, \r 2, \n 3, b 4, \r 5, c 6, \r 7, \n 8 */
    ck_assert_uint_eq(ncut, 3);
    ck_assert_int_eq(coda_qx_shift(cut, ncut, 1), 0);   /* न */
    ck_assert_int_eq(coda_qx_shift(cut, ncut, 4), 2);   /* b */
    ck_assert_int_eq(coda_qx_shift(cut, ncut, 6), 4);   /* c */
    ck_assert_int_eq(coda_qx_shift(cut, ncut, 9), 6);   /* the end */
    coda_free(cut);
}
END_TEST

/* --- the model and its XML ------------------------------------------------ */

static char *S(const char *s)
{
    return coda_strndup(s, strlen(s));
}

static char *G(const char *kind, const char *key)
{
    char g[37];
    coda_qx_guid_of(kind, key, strlen(key), g);
    return S(g);
}

/* A small project: two users, a code tree, two sources (one Devanagari),
 * three selections, an attribute, memos on the project and a selection. */
static void sample(coda_qx_model *m)
{
    memset(m, 0, sizeof *m);
    m->name = S("sample");
    const char *users[] = { "auto", "ana" };
    for (size_t i = 0; i < 2; i++) {
        coda_qx_user *u = coda_qx_push(&m->users, &m->nusers, &m->cusers,
                                       sizeof *u);
        u->guid = G("user", users[i]);
        u->name = S(users[i]);
    }
    const char *codes[][3] = { { "harm", "", "#ff0000" },
                               { "violence", "harm", NULL },
                               { "police", "", NULL } };
    for (size_t i = 0; i < 3; i++) {
        coda_qx_code *c = coda_qx_push(&m->codes, &m->ncodes, &m->ccodes,
                                       sizeof *c);
        c->guid = G("code", codes[i][0]);
        c->name = S(codes[i][0]);
        c->parent = i == 1 ? 0 : -1;
        c->color = codes[i][2] ? S(codes[i][2]) : NULL;
        c->desc = i == 0 ? S("Any harm & <abuse>") : NULL;
        c->codable = 1;
    }
    const char *srcs[][2] = { { "one", "नमस्ते दुनिया" },
                              { "two", "FIR filed" } };
    for (size_t i = 0; i < 2; i++) {
        coda_qx_src *s = coda_qx_push(&m->srcs, &m->nsrcs, &m->csrcs,
                                      sizeof *s);
        s->guid = G("source", srcs[i][0]);
        s->name = S(srcs[i][0]);
        char p[64];
        snprintf(p, sizeof p, "internal://%s.txt", s->guid);
        s->path = S(p);
    }
    const int64_t sel[][4] = { { 0, 0, 6, 1 }, { 0, 7, 13, 2 },
                               { 1, 0, 3, 2 } };
    for (size_t i = 0; i < 3; i++) {
        coda_qx_sel *s = coda_qx_push(&m->sels, &m->nsels, &m->csels,
                                      sizeof *s);
        char key[8];
        snprintf(key, sizeof key, "%zu", i);
        s->guid = G("segment", key);
        s->src = (size_t)sel[i][0];
        s->start = sel[i][1];
        s->end = sel[i][2];
        s->user = S(m->users[i > 0].guid);
        s->time = S("2024-05-01T10:00:00Z");
        coda_qx_coding *c = coda_qx_push(&m->cods, &m->ncods, &m->ccods,
                                         sizeof *c);
        c->guid = G("coding", key);
        c->sel = i;
        c->code = S(m->codes[sel[i][3]].guid);
        c->user = S(s->user);
        c->time = S(s->time);
    }
    coda_qx_var *v = coda_qx_push(&m->vars, &m->nvars, &m->cvars, sizeof *v);
    v->guid = G("variable", "state");
    v->name = S("state");
    coda_qx_val *x = coda_qx_push(&m->vals, &m->nvals, &m->cvals, sizeof *x);
    x->src = 1;
    x->value = S("Bihar");
    for (size_t i = 0; i < 2; i++) {
        coda_qx_note *t = coda_qx_push(&m->notes, &m->nnotes, &m->cnotes,
                                       sizeof *t);
        t->guid = G("memo", i ? "2" : "1");
        t->name = S(i ? "memo 2" : "memo 1");
        t->text = S(i ? "ये ठीक है" : "check the FIRs");
        t->user = S(m->users[1].guid);
        coda_qx_ref *r = coda_qx_push(&m->refs, &m->nrefs, &m->crefs,
                                      sizeof *r);
        r->on = i ? CODA_QX_SEL : CODA_QX_PROJECT;
        r->target = i ? 2 : 0;
        r->note = i;
    }
}

static char *write_xml(const coda_qx_model *m, size_t *len)
{
    char *xml = NULL;
    coda_error err;
    ck_assert_int_eq(coda_qx_xml_write(m, "t.qdpx", &xml, len, &err), CODA_OK);
    return xml;
}

/* 1 when xml validates against Project.xsd (xmllint). */
static int valid(const char *xml, size_t len)
{
    char path[256], cmd[600];
    tmp_path(path, dir, "project.qde");
    FILE *fp = fopen(path, "wb");
    ck_assert_ptr_nonnull(fp);
    fwrite(xml, 1, len, fp);
    fclose(fp);
    snprintf(cmd, sizeof cmd, "xmllint --noout --schema %s %s 2>%s/lint.txt",
             XSD, path, dir);
    return system(cmd) == 0;
}

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        ck_assert_ptr_eq(a, b);
    else
        ck_assert_str_eq(a, b);
}

static void same_model(const coda_qx_model *a, const coda_qx_model *b)
{
    same_str(a->name, b->name);
    ck_assert_uint_eq(a->nusers, b->nusers);
    ck_assert_uint_eq(a->ncodes, b->ncodes);
    for (size_t i = 0; i < a->ncodes; i++) {
        same_str(a->codes[i].name, b->codes[i].name);
        same_str(a->codes[i].desc, b->codes[i].desc);
        same_str(a->codes[i].color, b->codes[i].color);
        ck_assert_int_eq(a->codes[i].parent, b->codes[i].parent);
    }
    ck_assert_uint_eq(a->nsrcs, b->nsrcs);
    ck_assert_uint_eq(a->nsels, b->nsels);
    for (size_t i = 0; i < a->nsels; i++) {
        same_str(a->sels[i].guid, b->sels[i].guid);
        ck_assert_int_eq(a->sels[i].start, b->sels[i].start);
        ck_assert_int_eq(a->sels[i].end, b->sels[i].end);
        ck_assert_uint_eq(a->sels[i].src, b->sels[i].src);
        same_str(a->sels[i].user, b->sels[i].user);
        same_str(a->sels[i].time, b->sels[i].time);
    }
    ck_assert_uint_eq(a->ncods, b->ncods);
    for (size_t i = 0; i < a->ncods; i++) {
        same_str(a->cods[i].code, b->cods[i].code);
        ck_assert_uint_eq(a->cods[i].sel, b->cods[i].sel);
    }
    ck_assert_uint_eq(a->nvals, b->nvals);
    same_str(a->vals[0].value, b->vals[0].value);
    ck_assert_uint_eq(a->nnotes, b->nnotes);
    for (size_t i = 0; i < a->nnotes; i++)
        same_str(a->notes[i].text, b->notes[i].text);
    ck_assert_uint_eq(a->nrefs, b->nrefs);
}

START_TEST(test_xml_round_trip)
{
    coda_qx_model m, back;
    sample(&m);
    size_t len, len2;
    char *xml = write_xml(&m, &len), *again = write_xml(&m, &len2);
    ck_assert_uint_eq(len, len2);
    ck_assert_mem_eq(xml, again, len);                  /* deterministic */
    ck_assert_msg(valid(xml, len), "project.qde does not validate");
    coda_error err;
    ck_assert_int_eq(coda_qx_xml_read(xml, len, "t.qdpx", &back, &err),
                     CODA_OK);
    same_model(&m, &back);
    coda_qx_model_free(&back);
    coda_qx_model_free(&m);
    coda_free(xml);
    coda_free(again);
}
END_TEST

/* Codes nested 5,000 deep: written without recursion (and valid); read
 * back, libxml2's depth limit refuses the document with an error. */
START_TEST(test_deep_codes)
{
    coda_qx_model m;
    memset(&m, 0, sizeof m);
    m.name = S("deep");
    for (long i = 0; i < 5000; i++) {
        coda_qx_code *c = coda_qx_push(&m.codes, &m.ncodes, &m.ccodes,
                                       sizeof *c);
        char key[32];
        snprintf(key, sizeof key, "c%ld", i);
        c->guid = G("code", key);
        c->name = S(key);
        c->parent = i - 1;
        c->codable = 1;
    }
    size_t len;
    char *xml = write_xml(&m, &len);
    ck_assert_ptr_nonnull(strstr(xml, "name=\"c4999\""));
    coda_qx_model back;
    coda_error err;
    coda_status st = coda_qx_xml_read(xml, len, "deep.qdpx", &back, &err);
    ck_assert_int_eq(st, CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "project.qde"));
    coda_qx_model_free(&back);
    coda_qx_model_free(&m);
    coda_free(xml);
}
END_TEST

/* A control character cannot go into XML: an error naming the memo. */
START_TEST(test_write_bad_char)
{
    coda_qx_model m;
    sample(&m);
    m.notes[0].text[2] = '\x01';
    char *xml = NULL;
    size_t len;
    coda_error err;
    ck_assert_int_eq(coda_qx_xml_write(&m, "t.qdpx", &xml, &len, &err),
                     CODA_EARG);
    ck_assert_ptr_nonnull(strstr(err.msg, "memo \"memo 1\""));
    ck_assert_ptr_null(xml);
    coda_qx_model_free(&m);
}
END_TEST

static coda_status oom_xml(void *ctx, coda_error *err)
{
    char *xml = NULL;
    size_t len;
    coda_status st = coda_qx_xml_write(ctx, "t.qdpx", &xml, &len, err);
    coda_free(xml);
    return st;
}

START_TEST(test_xml_out_of_memory)
{
    coda_qx_model m;
    sample(&m);
    oom_install();
    ck_assert_int_ge(oom_loop(oom_xml, &m, 0), 2);
    oom_remove();
    coda_qx_model_free(&m);
}
END_TEST

/* What other tools write: braces and upper case in GUIDs, no namespace
 * prefix spelled our way, inline content, Case attributes. */
static const char other_tool[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<q:Project xmlns:q=\"urn:QDA-XML:project:1.0\" name=\"x\">"
    "<q:Users><q:User guid=\"{AAAAAAAA-0000-0000-0000-000000000001}\" "
    "name=\"Ravi\"/></q:Users>"
    "<q:CodeBook><q:Codes><q:Code guid=\"{BBBBBBBB-0000-0000-0000-0000000000"
    "01}\" name=\"Top\" isCodable=\"false\"><q:Code guid=\"BBBBBBBB-0000-0000"
    "-0000-000000000002\" name=\"Sub\" isCodable=\"true\"/></q:Code>"
    "</q:Codes></q:CodeBook>"
    "<q:Variables><q:Variable guid=\"{CCCCCCCC-0000-0000-0000-000000000001}\""
    " name=\"state\" typeOfVariable=\"Text\"/></q:Variables>"
    "<q:Cases><q:Case guid=\"{CCCCCCCC-0000-0000-0000-000000000002}\">"
    "<q:VariableValue><q:VariableRef targetGUID=\"{CCCCCCCC-0000-0000-0000-"
    "000000000001}\"/><q:TextValue>Bihar</q:TextValue></q:VariableValue>"
    "<q:SourceRef targetGUID=\"{DDDDDDDD-0000-0000-0000-000000000001}\"/>"
    "</q:Case></q:Cases>"
    "<q:Sources><q:TextSource guid=\"{DDDDDDDD-0000-0000-0000-000000000001}\""
    " name=\"s\"><q:PlainTextContent>नमस्ते</q:PlainTextContent>"
    "<q:PlainTextSelection guid=\"{EEEEEEEE-0000-0000-0000-000000000001}\" "
    "startPosition=\"1\" endPosition=\"3\" creatingUser=\"{AAAAAAAA-0000-0000"
    "-0000-000000000001}\"><q:Coding guid=\"{FFFFFFFF-0000-0000-0000-0000000"
    "00001}\"><q:CodeRef targetGUID=\"{BBBBBBBB-0000-0000-0000-000000000002}"
    "\"/></q:Coding></q:PlainTextSelection></q:TextSource></q:Sources>"
    "</q:Project>";

START_TEST(test_read_other_tool)
{
    coda_qx_model m;
    coda_error err;
    ck_assert_int_eq(coda_qx_xml_read(other_tool, strlen(other_tool), "o",
                                      &m, &err), CODA_OK);
    ck_assert_uint_eq(m.ncodes, 2);
    ck_assert_int_eq(m.codes[1].parent, 0);
    ck_assert_int_eq(m.codes[0].codable, 0);
    ck_assert_str_eq(m.codes[1].guid, "bbbbbbbb-0000-0000-0000-000000000002");
    ck_assert_str_eq(m.srcs[0].text, "नमस्ते");
    ck_assert_uint_eq(m.nsels, 1);
    ck_assert_int_eq(m.sels[0].end, 3);
    ck_assert_str_eq(m.sels[0].user, "aaaaaaaa-0000-0000-0000-000000000001");
    ck_assert_str_eq(m.cods[0].code, "bbbbbbbb-0000-0000-0000-000000000002");
    ck_assert_uint_eq(m.nvals, 1);
    ck_assert_str_eq(m.vals[0].value, "Bihar");
    coda_qx_model_free(&m);
}
END_TEST

/* The namespace as tools spell it: none, another case, a prefix. */
START_TEST(test_read_namespaces)
{
    static const char *const t[] = {
        "<Project name=\"x\"><Users><User guid=\"" "{AAAAAAAA-0000-0000-0000-"
        "000000000001}\" name=\"a\"/></Users></Project>",
        "<Project xmlns=\"urn:qda-xml:project:1.0\" name=\"x\"><Users><User "
        "guid=\"aaaaaaaa-0000-0000-0000-000000000001\" name=\"a\"/></Users>"
        "</Project>",
        "<p:Project xmlns:p=\"urn:QDA-XML:project:1.0\" name=\"x\"><p:Users>"
        "<p:User guid=\"aaaaaaaa-0000-0000-0000-000000000001\" name=\"a\"/>"
        "</p:Users></p:Project>",
    };
    for (size_t i = 0; i < NELEM(t); i++) {
        coda_qx_model m;
        coda_error err;
        ck_assert_int_eq(coda_qx_xml_read(t[i], strlen(t[i]), "n", &m, &err),
                         CODA_OK);
        ck_assert_uint_eq(m.nusers, 1);
        ck_assert_str_eq(m.users[0].guid,
                         "aaaaaaaa-0000-0000-0000-000000000001");
        coda_qx_model_free(&m);
    }
}
END_TEST

/* Hostile or broken project.qde: each a clear error naming what is wrong. */
START_TEST(test_read_errors)
{
    static const struct { const char *xml, *want; } t[] = {
        { "<Project xmlns=\"urn:QDA-XML:codebook:1.0\" name=\"x\"/>",
          "urn:QDA-XML:codebook:1.0" },
        { "<CodeBook xmlns=\"urn:QDA-XML:project:1.0\"/>", "found CodeBook" },
        { "<?xml version=\"1.0\"?><!DOCTYPE Project [<!ENTITY a \"aaaa\">"
          "<!ENTITY b \"&a;&a;&a;&a;\">]><Project name=\"&b;\"/>",
          "DOCTYPE" },
        { "<Project name=\"x\"><Users><User guid=\"nope\"/></Users>"
          "</Project>", "User: guid is not a GUID (\"nope\")" },
        { "<Project name=\"x\"><Sources><TextSource guid=\"{DDDDDDDD-0000-"
          "0000-0000-000000000001}\"><PlainTextSelection guid=\"DDDDDDDD-0000"
          "-0000-0000-000000000002\" startPosition=\"-1\" endPosition=\"2\"/>"
          "</TextSource></Sources></Project>",
          "PlainTextSelection dddddddd-0000-0000-0000-000000000002: "
          "startPosition" },
        { "<Project name=\"x\"><NoteRef targetGUID=\"DDDDDDDD-0000-0000-0000-"
          "000000000009\"/></Project>", "unknown Note dddddddd" },
        { "<Project name=\"x\"><CodeBook><Codes><Code guid=\"DDDDDDDD-0000-0000"
          "-0000-000000000009\" isCodable=\"true\"/></Codes></CodeBook>"
          "</Project>", "has no name" },
        { "<Project", "not well-formed" },
        { "<Project name=\"x\">\x01</Project>", "not well-formed" },
    };
    for (size_t i = 0; i < NELEM(t); i++) {
        coda_qx_model m;
        coda_error err;
        ck_assert_int_eq(coda_qx_xml_read(t[i].xml, strlen(t[i].xml),
                                          "bad.qdpx", &m, &err), CODA_EPARSE);
        ck_assert_msg(strstr(err.msg, t[i].want), "case %zu: %s", i, err.msg);
        ck_assert_str_eq(err.file, "bad.qdpx");
        coda_qx_model_free(&m);
    }
}
END_TEST

/* --- zip ----------------------------------------------------------------- */

START_TEST(test_zip_round_trip)
{
    char a[256], b[256];
    coda_qx_entry e[] = { { "project.qde", "<Project/>", 10 },
                          { "sources/x.txt", "नमस्ते", strlen("नमस्ते") } };
    coda_error err;
    ck_assert_int_eq(coda_qx_zip_write(tmp_path(a, dir, "a.qdpx"), e, 2,
                                       &err), CODA_OK);
    ck_assert_int_eq(coda_qx_zip_write(tmp_path(b, dir, "b.qdpx"), e, 2,
                                       &err), CODA_OK);
    char *x, *y;
    size_t nx, ny;
    slurp(a, &x, &nx);
    slurp(b, &y, &ny);
    ck_assert_uint_eq(nx, ny);
    ck_assert_mem_eq(x, y, nx);                 /* the same bytes */
    free(x);
    free(y);
    coda_zip *z;
    ck_assert_int_eq(coda_zip_open(a, 0, ".qdpx", &z, &err), CODA_OK);
    char *data;
    size_t len;
    ck_assert_int_eq(coda_zip_read(z, "sources/x.txt", &data, &len, &err),
                     CODA_OK);
    ck_assert_str_eq(data, "नमस्ते");
    coda_free(data);
    ck_assert(!coda_zip_has(z, "nothing"));
    ck_assert_int_eq(coda_zip_read(z, "nothing", &data, &len, &err),
                     CODA_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.msg, "no entry \"nothing\""));
    coda_zip_close(z);
    ck_assert_int_eq(tmp_count(dir, "a.qdpx"), 1);      /* no temp left */
}
END_TEST

static coda_status oom_zip(void *ctx, coda_error *err)
{
    coda_qx_entry e[] = { { "project.qde", "<Project/>", 10 },
                          { "sources/x.txt", "नमस्ते", strlen("नमस्ते") } };
    return coda_qx_zip_write(ctx, e, 2, err);
}

START_TEST(test_zip_out_of_memory)
{
    char p[256];
    tmp_path(p, dir, "oom.qdpx");
    oom_install();
    ck_assert_int_ge(oom_loop(oom_zip, p, 0), 2);
    oom_remove();
    ck_assert_int_eq(tmp_count(dir, "oom.qdpx"), 1);
}
END_TEST

Suite *qdpx_suite(void)
{
    Suite *s = suite_create("qdpx");
    TCase *tc = tcase_create("qdpx");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_chars_known);
    tcase_add_test(tc, test_char_byte_known);
    tcase_add_test(tc, test_guid);
    tcase_add_test(tc, test_time);
    tcase_add_test(tc, test_text_norm);
    tcase_add_test(tc, test_xml_round_trip);
    tcase_add_test(tc, test_deep_codes);
    tcase_add_test(tc, test_write_bad_char);
    tcase_add_test(tc, test_xml_out_of_memory);
    tcase_add_test(tc, test_read_other_tool);
    tcase_add_test(tc, test_read_errors);
    tcase_add_test(tc, test_read_namespaces);
    tcase_add_test(tc, test_zip_round_trip);
    tcase_add_test(tc, test_zip_out_of_memory);
    suite_add_tcase(s, tc);
    return s;
}

/* --- import and export with the store ------------------------------------- */

#include "project.h"
#include "qdpx.h"

static coda_project *proj;

static void store_setup(void)
{
    char path[256];
    coda_error err;
    tmp_make(dir);
    ck_assert_int_eq(coda_project_open(tmp_path(path, dir, "p.coda"), 1,
                                       &proj, &err), CODA_OK);
    coda_table *t;
    ck_assert_int_eq(coda_table_create(1, 2, &t), CODA_OK);
    coda_table_init_column(t, 0, "doc", CODA_STRING);
    coda_table_init_column(t, 1, "text", CODA_STRING);
    coda_table_set_string(t, 0, 0, "old", 3);
    coda_table_set_string(t, 1, 0, "already here", 12);
    coda_add_result r;
    ck_assert_int_eq(coda_project_add(proj, t, &r, &err), CODA_OK);
    coda_table_free(t);
}

static void store_teardown(void)
{
    coda_project_close(proj);
    proj = NULL;
    teardown();
}

/* The project as it was made by store_setup: one document, nothing else. */
static void unchanged(void)
{
    coda_table *t;
    coda_error err;
    ck_assert_int_eq(coda_project_documents(proj, &t, &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 1);
    coda_table_free(t);
    ck_assert_int_eq(coda_project_codes(proj, &t, &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 0);
    coda_table_free(t);
    ck_assert_int_eq(coda_project_memos(proj, NULL, NULL, &t, &err), CODA_OK);
    ck_assert_uint_eq(t->nrow, 0);
    coda_table_free(t);
}

#define U1 "6f1c2b9a-0000-4000-8000-00000000a001"
#define C1 "6f1c2b9a-0000-4000-8000-00000000c001"
#define S1 "6f1c2b9a-0000-4000-8000-00000000d001"
#define E1 "6f1c2b9a-0000-4000-8000-00000000e001"

/* A project.qde: one user (name), one code, one source (source: its
 * attributes and content), one selection start-end coded with code. */
static char *qde(const char *name, const char *source, int start, int end,
                 const char *code)
{
    static char buf[4096];
    snprintf(buf, sizeof buf,
             "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"t\">"
             "<Users><User guid=\"" U1 "\" name=\"%s\"/></Users>"
             "<CodeBook><Codes><Code guid=\"" C1 "\" name=\"c\" "
             "isCodable=\"true\"/></Codes></CodeBook>"
             "<Sources><TextSource guid=\"" S1 "\" name=\"s\" %s>"
             "<PlainTextSelection guid=\"" E1 "\" startPosition=\"%d\" "
             "endPosition=\"%d\" creatingUser=\"" U1 "\"><Coding guid=\""
             "6f1c2b9a-0000-4000-8000-00000000f001\"><CodeRef targetGUID=\""
             "%s\"/></Coding></PlainTextSelection></TextSource></Sources>"
             "<Notes><Note guid=\"6f1c2b9a-0000-4000-8000-000000000d01\" "
             "creatingUser=\"" U1 "\"><PlainTextContent>n</PlainTextContent>"
             "</Note></Notes></Project>", name, source, start, end, code);
    return buf;
}

/* Import a zip of project.qde = xml and sources/a.txt = text (NULL: no
 * such entry); expect status want and a message holding msg; then the
 * project must be as it was. */
static void import_fails(const char *xml, const char *text, size_t tlen,
                         coda_status want, const char *msg)
{
    char p[256];
    const char *n[] = { "project.qde", "sources/a.txt" };
    const char *d[] = { xml, text };
    size_t l[] = { xml ? strlen(xml) : 0, tlen };
    if (xml)
        make_zip(tmp_path(p, dir, "in.qdpx"), n, d, l, text ? 2 : 1);
    else
        make_zip(tmp_path(p, dir, "in.qdpx"), n + 1, d + 1, l + 1, 1);
    coda_error err;
    coda_status st = coda_qdpx_import(proj, p, NULL, NULL, &err);
    ck_assert_msg(st == want, "status %d, expected %d: %s", st, want,
                  err.msg);
    ck_assert_msg(strstr(err.msg, msg), "\"%s\" lacks \"%s\"", err.msg, msg);
    ck_assert_str_eq(err.file, p);
    unchanged();
}

#define INLINE "><PlainTextContent>hello</PlainTextContent"

START_TEST(test_import_ok_then_rollback)
{
    char p[256];
    const char *n[] = { "project.qde" };
    const char *d[] = { qde("ana", INLINE, 0, 5, C1) };
    size_t l[] = { strlen(d[0]) };
    make_zip(tmp_path(p, dir, "ok.qdpx"), n, d, l, 1);
    coda_error err;
    coda_qdpx_result r;
    ck_assert_int_eq(coda_qdpx_import(proj, p, NULL, &r, &err), CODA_OK);
    ck_assert_uint_eq(r.segments, 1);
    ck_assert_uint_eq(r.memos, 1);
    coda_project_close(proj);
    store_setup();                                  /* a fresh project */
    /* a user name the store refuses (65 bytes): the documents and codes
     * added before the failure are rolled back */
    char name[70];
    memset(name, 'x', 65);
    name[65] = '\0';
    import_fails(qde(name, INLINE, 0, 5, C1), NULL, 0, CODA_EARG,
                 "PlainTextSelection " E1);
}
END_TEST

START_TEST(test_import_errors)
{
    import_fails(NULL, "x", 1, CODA_EPARSE, "no project.qde");
    import_fails("<Project xmlns=\"urn:other\" name=\"x\"/>", NULL, 0,
                 CODA_EPARSE, "urn:other");
    import_fails(qde("ana", INLINE, 2, 9, C1), NULL, 0, CODA_EPARSE,
                 "PlainTextSelection " E1 ": 2-9 is outside its source");
    import_fails(qde("ana", INLINE, 3, 3, C1), NULL, 0, CODA_EPARSE,
                 "or empty");
    import_fails(qde("ana", INLINE, 0, 5, "6f1c2b9a-0000-4000-8000-"
                     "0000000000ff"), NULL, 0, CODA_EPARSE,
                 "unknown code reference 6f1c2b9a-0000-4000-8000-"
                 "0000000000ff");
    import_fails(qde("ana", "plainTextPath=\"internal://missing.txt\"", 0, 1,
                     C1), "abc", 3, CODA_EPARSE,
                 "source file \"sources/missing.txt\"");
    import_fails(qde("ana", "plainTextPath=\"internal://../../etc/passwd\"",
                     0, 1, C1), "abc", 3, CODA_EPARSE, "is not in the archive");
    import_fails(qde("ana", "plainTextPath=\"absolute:///etc/passwd\"", 0, 1,
                     C1), "abc", 3, CODA_EPARSE, "is not inside the archive");
    import_fails(qde("ana", "plainTextPath=\"/etc/passwd\"", 0, 1, C1), "abc",
                 3, CODA_EPARSE, "is not inside the archive");
    import_fails(qde("ana", "plainTextPath=\"internal://a.txt\"", 0, 1, C1),
                 "ab\0cd", 5, CODA_EPARSE, "NUL byte (byte 3)");
    import_fails(qde("ana", "plainTextPath=\"internal://a.txt\"", 0, 1, C1),
                 "a\xff", 2, CODA_EUTF8, "TextSource " S1);
    import_fails(qde("ana", "", 0, 1, C1), NULL, 0, CODA_EPARSE,
                 "neither PlainTextContent nor plainTextPath");
}
END_TEST

/* A source file named by a relative path, with or without "relative://"
 * and "sources/": found in the archive. */
START_TEST(test_import_relative_paths)
{
    static const char *const paths[] = {
        "plainTextPath=\"a.txt\"", "plainTextPath=\"relative://a.txt\"",
        "plainTextPath=\"sources/a.txt\"",
        "plainTextPath=\"internal://a.txt\"",
    };
    for (size_t i = 0; i < NELEM(paths); i++) {
        char p[256];
        const char *n[] = { "project.qde", "sources/a.txt" };
        const char *d[] = { qde("ana", paths[i], 0, 5, C1), "hello" };
        size_t l[] = { strlen(d[0]), 5 };
        make_zip(tmp_path(p, dir, "rel.qdpx"), n, d, l, 2);
        coda_error err;
        coda_qdpx_result r;
        ck_assert_msg(coda_qdpx_import(proj, p, NULL, &r, &err) == CODA_OK,
                      "%s: %s", paths[i], err.msg);
        ck_assert_uint_eq(r.segments, 1);
    }
}
END_TEST

/* A selection by a user the file does not list, and duplicate GUIDs. */
START_TEST(test_import_bad_references)
{
    char *x = qde("ana", INLINE, 0, 5, C1);
    char *u = strstr(x, "<User guid=\"" U1);
    memcpy(u + 12, "7", 1);                         /* another user */
    import_fails(x, NULL, 0, CODA_EPARSE, "creatingUser " U1 " is not a "
                 "User");
    x = qde("ana", INLINE, 0, 5, C1);
    char dup[4096];
    char *codes = strstr(x, "</Codes>");
    snprintf(dup, sizeof dup, "%.*s<Code guid=\"" C1 "\" name=\"d\" "
             "isCodable=\"true\"/>%s", (int)(codes - x), x, codes);
    import_fails(dup, NULL, 0, CODA_EPARSE, "two Code elements have the guid "
                 C1);
}
END_TEST

/* An attribute of 11 MB: libxml2's limit refuses it, named. */
START_TEST(test_import_huge_attribute)
{
    size_t big = 11u << 20;
    char *xml = malloc(big + 200);
    int k = sprintf(xml, "<Project xmlns=\"urn:QDA-XML:project:1.0\" "
                    "name=\"");
    memset(xml + k, 'a', big);
    strcpy(xml + k + big, "\"/>");
    import_fails(xml, NULL, 0, CODA_EPARSE, "project.qde");
    free(xml);
}
END_TEST

/* A bomb through the whole import: the limit option applies. */
START_TEST(test_import_limit)
{
    char p[256];
    size_t big = 2 << 20;
    char *zeros = calloc(1, big);
    const char *n[] = { "project.qde" };
    const char *d[] = { zeros };
    make_zip(tmp_path(p, dir, "bomb.qdpx"), n, d, &big, 1);
    free(zeros);
    coda_qdpx_opts o;
    coda_qdpx_opts_init(&o);
    o.max_bytes = 1 << 20;
    coda_error err;
    ck_assert_int_eq(coda_qdpx_import(proj, p, &o, NULL, &err), CODA_ELIMIT);
    ck_assert_ptr_nonnull(strstr(err.msg, "limit of 1048576 bytes"));
    unchanged();
}
END_TEST

/* Export: valid against the schema, the same bytes twice, and an
 * unwritable target leaves nothing behind. */
START_TEST(test_export)
{
    coda_error err;
    ck_assert_int_eq(coda_project_add_code(proj, "c", NULL, "d & <e>", "#aa0000",
                                           &err), CODA_OK);
    coda_manual m = { "old", "c", "ana", 1, 7, 1, 0, NULL, 0 };
    int64_t id;
    ck_assert_int_eq(coda_project_add_coding(proj, &m, &id, &err), CODA_OK);
    char a[256], b[256];
    ck_assert_int_eq(coda_qdpx_export(proj, tmp_path(a, dir, "a.qdpx"), NULL,
                                      &err), CODA_OK);
    ck_assert_int_eq(coda_qdpx_export(proj, tmp_path(b, dir, "b.qdpx"), NULL,
                                      &err), CODA_OK);
    char *x, *y;
    size_t nx, ny;
    slurp(a, &x, &nx);
    slurp(b, &y, &ny);
    ck_assert_uint_eq(nx, ny);
    ck_assert_mem_eq(x, y, nx);
    free(x);
    free(y);
    coda_zip *z;
    ck_assert_int_eq(coda_zip_open(a, 0, ".qdpx", &z, &err), CODA_OK);
    char *xml;
    size_t len;
    ck_assert_int_eq(coda_zip_read(z, "project.qde", &xml, &len, &err),
                     CODA_OK);
    coda_zip_close(z);
    ck_assert_msg(valid(xml, len), "the export does not validate");
    ck_assert_ptr_nonnull(strstr(xml, "startPosition=\"0\" "
                                      "endPosition=\"7\""));
    coda_free(xml);
    char bad[256];
    snprintf(bad, sizeof bad, "%s/no/such/x.qdpx", dir);
    ck_assert_int_eq(coda_qdpx_export(proj, bad, NULL, &err), CODA_EIO);
    ck_assert_int_eq(tmp_count(dir, "a.qdpx"), 1);
}
END_TEST

Suite *qdpx_store_suite(void)
{
    Suite *s = suite_create("qdpx_store");
    TCase *tc = tcase_create("qdpx_store");
    tcase_set_timeout(tc, 60);
    tcase_add_checked_fixture(tc, store_setup, store_teardown);
    tcase_add_test(tc, test_import_ok_then_rollback);
    tcase_add_test(tc, test_import_errors);
    tcase_add_test(tc, test_import_bad_references);
    tcase_add_test(tc, test_import_relative_paths);
    tcase_add_test(tc, test_import_huge_attribute);
    tcase_add_test(tc, test_import_limit);
    tcase_add_test(tc, test_export);
    suite_add_tcase(s, tc);
    return s;
}
