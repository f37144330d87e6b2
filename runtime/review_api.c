/* review_api.c - the review server's JSON API: each path a handler that
 * reads its query or body, makes one store call and writes JSON. */
#include "review_int.h"

#include "base_alloc.h"
#include "base_utf8.h"
#include "writers.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#define PAGE_DEFAULT 100
#define PAGE_MAX 500
#define DOC_SEGMENTS_MAX 20000

/* One request being answered. */
typedef struct api {
    coda_project *p;
    const char *coder;              /* the default coder, or NULL */
    const coda_review_req *rq;
    coda_review_reply *rp;
    json_t *body;                   /* the parsed body of a POST */
} api;

static void to_buf(void *ud, const char *s, size_t len)
{
    coda_strbuf_add(ud, s, len);
}

static void put(api *a, const char *s)
{
    coda_strbuf_puts(&a->rp->body, s);
}

static void put_str(api *a, const char *s)
{
    if (s)
        coda_json_string(s, strlen(s), to_buf, &a->rp->body);
    else
        put(a, "null");
}

static void put_int(api *a, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    put(a, buf);
}

/* "key": (the value follows), after a comma unless first. */
static void put_key(api *a, const char *key, int first)
{
    if (!first)
        put(a, ", ");
    put_str(a, key);
    put(a, ": ");
}

static void put_table(api *a, const coda_table *t)
{
    coda_json_records(t, to_buf, &a->rp->body);
}

/* msg with each byte that is not UTF-8 (an echo of a bad request) made
 * U+FFFD, as a JSON string. */
static void put_message(coda_strbuf *b, const char *msg)
{
    coda_strbuf clean = { 0 };
    size_t n = strlen(msg), bad;
    while (!coda_utf8_valid(msg, n, &bad)) {
        coda_strbuf_add(&clean, msg, bad);
        coda_strbuf_puts(&clean, "\xEF\xBF\xBD");
        msg += bad + 1;
        n -= bad + 1;
    }
    coda_strbuf_add(&clean, msg, n);
    if (clean.failed)
        coda_strbuf_puts(b, "\"out of memory\"");
    else
        coda_json_string(clean.p ? clean.p : "", clean.n, to_buf, b);
    coda_free(clean.p);
}

void coda_review_fail(coda_review_reply *rp, unsigned status,
                      const char *msg)
{
    coda_free(rp->body.p);
    rp->body = (coda_strbuf){ 0 };
    rp->status = status;
    coda_strbuf_puts(&rp->body, "{\"error\": ");
    put_message(&rp->body, msg);
    coda_strbuf_puts(&rp->body, "}\n");
}

/* A store error: 400 when the request was at fault, else 500. */
static void store_fail(api *a, const coda_error *err)
{
    char buf[1024];
    unsigned status = err->code == CODA_EARG || err->code == CODA_EUTF8
        ? 400 : 500;
    coda_review_fail(a->rp, status, coda_error_format(err, buf, sizeof buf));
}

static const char *arg(api *a, const char *name)
{
    const char *v = a->rq->arg(a->rq->ud, name);
    return v && *v ? v : NULL;
}

/* --- reading a body ------------------------------------------------------ */

/* The string field key of the body; NULL (and a 400 reply) when it is
 * missing or not a string, unless optional. */
static const char *body_str(api *a, const char *key, int optional)
{
    json_t *v = json_object_get(a->body, key);
    if ((!v || json_is_null(v)) && optional)
        return NULL;
    if (!json_is_string(v)) {
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
        coda_review_fail(a->rp, 400, msg);
        return NULL;
    }
    return json_string_value(v);
}

/* The integer field key into *out; 0 (and a 400 reply) when it is not
 * one. */
static int body_int(api *a, const char *key, int64_t *out)
{
    json_t *v = json_object_get(a->body, key);
    if (!json_is_integer(v)) {
        char msg[128];
        snprintf(msg, sizeof msg, "\"%s\" must be an integer", key);
        coda_review_fail(a->rp, 400, msg);
        return 0;
    }
    *out = (int64_t)json_integer_value(v);
    return 1;
}

/* The coder field, which must name a person; NULL with a 400 reply. */
static const char *body_coder(api *a)
{
    const char *c = body_str(a, "coder", 0);
    if (c && !coda_project_coder_ok(c, 1)) {
        coda_review_fail(a->rp, 400, "\"coder\" must be a person's name: "
                         "1-64 bytes, no control characters, not \"auto\"");
        return NULL;
    }
    return c;
}

/* --- GET handlers --------------------------------------------------------- */

static int count(api *a, coda_seg_filter f, size_t *n)
{
    coda_error err;
    if (coda_project_count(a->p, &f, n, &err) == CODA_OK)
        return 1;
    store_fail(a, &err);
    return 0;
}

/* The counts by status: "status": {"pending": n, ...}. */
static int put_status_counts(api *a)
{
    static const char *const st[] = { "pending", "accepted", "rejected",
                                      "gone" };
    put_key(a, "status", 0);
    for (size_t i = 0; i < 4; i++) {
        size_t n;
        if (!count(a, (coda_seg_filter){ .status = st[i] }, &n))
            return 0;
        put(a, i ? ", " : "{");
        put_key(a, st[i], 1);
        put_int(a, (int64_t)n);
    }
    put(a, "}");
    return 1;
}

/* Run a store call returning a table and write it as "key": [...]. */
static int put_listing(api *a, const char *key,
                       coda_status (*fn)(coda_project *, coda_table **,
                                         coda_error *))
{
    coda_table *t;
    coda_error err;
    if (fn(a->p, &t, &err) != CODA_OK) {
        store_fail(a, &err);
        return 0;
    }
    put_key(a, key, 0);
    put_table(a, t);
    coda_table_free(t);
    return 1;
}

static size_t document_count(api *a, int *ok)
{
    coda_table *t;
    coda_error err;
    *ok = coda_project_documents(a->p, &t, &err) == CODA_OK;
    if (!*ok) {
        store_fail(a, &err);
        return 0;
    }
    size_t n = t->nrow;
    coda_table_free(t);
    return n;
}

/* GET /api/summary: project, coder, documents, status counts, codes,
 * coders. */
static void get_summary(api *a)
{
    int ok;
    size_t docs = document_count(a, &ok);
    if (!ok)
        return;
    put(a, "{");
    put_key(a, "project", 1);
    put_str(a, coda_project_path(a->p));
    put_key(a, "coder", 0);
    put_str(a, a->coder);
    put_key(a, "documents", 0);
    put_int(a, (int64_t)docs);
    if (put_status_counts(a) && put_listing(a, "codes", coda_project_codes)
        && put_listing(a, "coders", coda_project_coders))
        put(a, "}\n");
}

/* The paging arguments offset and limit; 0 with a 400 reply. */
static int paging(api *a, size_t *offset, size_t *limit)
{
    if (!coda_review_count_arg(arg(a, "offset"), 0, SIZE_MAX / 2, offset) ||
        !coda_review_count_arg(arg(a, "limit"), PAGE_DEFAULT, PAGE_MAX,
                               limit) || *limit == 0) {
        coda_review_fail(a->rp, 400, "offset must be a whole number and "
                         "limit 1-500");
        return 0;
    }
    return 1;
}

/* One document of the listing: name, chars, segments, pending. */
static int put_doc_row(api *a, const coda_table *t, size_t r, int first)
{
    long cd = coda_table_find(t, "doc"), cc = coda_table_find(t, "chars");
    const char *doc = t->cols[cd].v.s.p[r];
    size_t all, pending;
    if (!count(a, (coda_seg_filter){ .doc = doc }, &all) ||
        !count(a, (coda_seg_filter){ .doc = doc, .status = "pending" },
               &pending))
        return 0;
    put(a, first ? "\n  {" : ",\n  {");
    put_key(a, "doc", 1);
    put_str(a, doc);
    put_key(a, "chars", 0);
    put_int(a, cc >= 0 && t->cols[cc].type == CODA_INTEGER
                   ? t->cols[cc].v.i[r] : -1);
    put_key(a, "segments", 0);
    put_int(a, (int64_t)all);
    put_key(a, "pending", 0);
    put_int(a, (int64_t)pending);
    put(a, "}");
    return 1;
}

/* GET /api/docs?offset=&limit=: a page of documents with their counts. */
static void get_docs(api *a)
{
    size_t offset, limit;
    coda_table *t;
    coda_error err;
    if (!paging(a, &offset, &limit))
        return;
    if (coda_project_documents(a->p, &t, &err) != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put(a, "{\"total\": ");
    put_int(a, (int64_t)t->nrow);
    put(a, ", \"offset\": ");
    put_int(a, (int64_t)offset);
    put(a, ", \"docs\": [");
    int ok = 1;
    for (size_t r = offset; ok && r < t->nrow && r - offset < limit; r++)
        ok = put_doc_row(a, t, r, r == offset);
    if (ok)
        put(a, "]}\n");
    coda_table_free(t);
}

/* Write "segments": [...] for filter f. */
static int put_segments(api *a, const coda_seg_filter *f)
{
    coda_table *t;
    coda_error err;
    if (coda_project_segments(a->p, f, &t, &err) != CODA_OK) {
        store_fail(a, &err);
        return 0;
    }
    put_key(a, "segments", 0);
    put_table(a, t);
    coda_table_free(t);
    return 1;
}

/* GET /api/doc?doc=NAME: its text and its segments (not gone). */
static void get_doc(api *a)
{
    const char *doc = arg(a, "doc");
    char *text;
    size_t len;
    coda_error err;
    if (!doc) {
        coda_review_fail(a->rp, 400, "doc= is required");
        return;
    }
    if (coda_project_text(a->p, doc, &text, &len, &err) != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put(a, "{\"doc\": ");
    put_str(a, doc);
    put(a, ", \"text\": ");
    coda_json_string(text, len, to_buf, &a->rp->body);
    coda_free(text);
    coda_seg_filter f = { .doc = doc, .limit = DOC_SEGMENTS_MAX };
    if (put_segments(a, &f))
        put(a, "}\n");
}

/* The filter given by the query: status, code, coder, doc, speaker,
 * origin, reviewer. */
static coda_seg_filter query_filter(api *a)
{
    coda_seg_filter f = { 0 };
    f.status = arg(a, "status");
    f.code = arg(a, "code");
    f.coder = arg(a, "coder");
    f.doc = arg(a, "doc");
    f.speaker = arg(a, "speaker");
    f.origin = arg(a, "origin");
    f.reviewer = arg(a, "reviewer");
    return f;
}

/* GET /api/segments?status=&code=&coder=&doc=&speaker=&offset=&limit=:
 * one page of the matching segments and their total. */
static void get_segments(api *a)
{
    coda_seg_filter f = query_filter(a);
    size_t total;
    if (!paging(a, &f.offset, &f.limit) || !count(a, f, &total))
        return;
    put(a, "{\"total\": ");
    put_int(a, (int64_t)total);
    put(a, ", \"offset\": ");
    put_int(a, (int64_t)f.offset);
    put(a, ", \"limit\": ");
    put_int(a, (int64_t)f.limit);
    if (put_segments(a, &f))
        put(a, "}\n");
}

/* GET /api/memos?on=&target=: the memos, in the order written. */
static void get_memos(api *a)
{
    coda_table *t;
    coda_error err;
    if (coda_project_memos(a->p, arg(a, "on"), arg(a, "target"), &t, &err)
        != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put(a, "{\"memos\": ");
    put_table(a, t);
    put(a, "}\n");
    coda_table_free(t);
}

/* --- POST handlers -------------------------------------------------------- */

/* {"id": id, "segments": [the segment as it is now]} */
static void put_segment_reply(api *a, int64_t id)
{
    put(a, "{\"id\": ");
    put_int(a, id);
    coda_seg_filter f = { .id = id, .with_gone = 1 };
    if (put_segments(a, &f))
        put(a, "}\n");
}

/* POST /api/decide {segment, decision: accept|reject|pending, coder} */
static void post_decide(api *a)
{
    int64_t id;
    const char *decision, *coder;
    coda_error err;
    if (!body_int(a, "segment", &id) ||
        !(decision = body_str(a, "decision", 0)) || !(coder = body_coder(a)))
        return;
    if (id <= 0) {
        coda_review_fail(a->rp, 400, "\"segment\" must be a segment id");
        return;
    }
    if (coda_project_decide(a->p, id, decision, coder, NULL, &err)
        != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put_segment_reply(a, id);
}

/* POST /api/code {doc, char_start, char_stop, code, coder, new_code}:
 * a manual coding of code points char_start..char_stop (1-based,
 * inclusive). */
static void post_code(api *a)
{
    coda_manual m = { 0 };
    int64_t id;
    coda_error err;
    if (!(m.doc = body_str(a, "doc", 0)) ||
        !body_int(a, "char_start", &m.start) ||
        !body_int(a, "char_stop", &m.stop) ||
        !(m.code = body_str(a, "code", 0)) || !(m.coder = body_coder(a)))
        return;
    m.chars = 1;
    m.new_code = json_is_true(json_object_get(a->body, "new_code"));
    if (coda_project_add_coding(a->p, &m, &id, &err) != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put_segment_reply(a, id);
}

/* POST /api/memo {on, target, text, coder} */
static void post_memo(api *a)
{
    const char *on, *target = NULL, *text, *coder;
    int64_t id;
    coda_error err;
    char num[32];
    json_t *t = json_object_get(a->body, "target");
    if (json_is_integer(t)) {
        snprintf(num, sizeof num, "%" PRId64, (int64_t)json_integer_value(t));
        target = num;
    } else if (t && !json_is_null(t) && !(target = body_str(a, "target", 1)))
        return;
    if (!(on = body_str(a, "on", 0)) || !(text = body_str(a, "text", 0)) ||
        !(coder = body_coder(a)))
        return;
    if (coda_project_memo(a->p, on, target, text, coder, NULL, &id, &err)
        != CODA_OK) {
        store_fail(a, &err);
        return;
    }
    put(a, "{\"id\": ");
    put_int(a, id);
    put(a, "}\n");
}

/* --- routing -------------------------------------------------------------- */

static const struct route {
    const char *method, *path;
    void (*fn)(api *a);
} routes[] = {
    { "GET", "/api/summary", get_summary },
    { "GET", "/api/docs", get_docs },
    { "GET", "/api/doc", get_doc },
    { "GET", "/api/segments", get_segments },
    { "GET", "/api/memos", get_memos },
    { "POST", "/api/decide", post_decide },
    { "POST", "/api/code", post_code },
    { "POST", "/api/memo", post_memo },
};

/* Parse the body of a POST into a->body; 0 with a 400 reply. */
static int parse_body(api *a)
{
    json_error_t je;
    a->body = json_loadb(a->rq->body, a->rq->len, JSON_REJECT_DUPLICATES, &je);
    if (json_is_object(a->body))
        return 1;
    char msg[256];
    snprintf(msg, sizeof msg, "the body must be a JSON object%s%s",
             a->body ? "" : ": ", a->body ? "" : je.text);
    coda_review_fail(a->rp, 400, msg);
    return 0;
}

void coda_review_api(coda_project *p, const char *coder,
                     const coda_review_req *rq, coda_review_reply *rp)
{
    api a = { p, coder, rq, rp, NULL };
    *rp = (coda_review_reply){ 200, { 0 } };
    for (size_t i = 0; i < sizeof routes / sizeof *routes; i++) {
        if (strcmp(rq->path, routes[i].path) != 0)
            continue;
        if (strcmp(rq->method, routes[i].method) != 0)
            coda_review_fail(rp, 405, strcmp(routes[i].method, "GET") == 0
                             ? "use GET" : "use POST");
        else if (strcmp(rq->method, "GET") == 0 || parse_body(&a))
            routes[i].fn(&a);
        json_decref(a.body);
        return;
    }
    coda_review_fail(rp, 404, "no such API");
}
