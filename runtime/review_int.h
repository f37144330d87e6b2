/* review_int.h - what the review server's files share (review_check.c,
 * review_api.c, review_server.c): the request checks, the request and
 * reply records the JSON API works on, and the embedded page. */
#ifndef CODA_REVIEW_INT_H
#define CODA_REVIEW_INT_H

#include "project.h"
#include "base_strbuf.h"

#include <stddef.h>

/* The page (runtime/review_page.html, embedded by the Makefile). */
extern const char coda_review_page[];
extern const size_t coda_review_page_len;

/* --- request checks (review_check.c) ------------------------------------ */

/* 1 when got equals want; the time taken depends on want's length only,
 * not on where got differs.  got NULL: 0. */
int coda_review_token_eq(const char *want, const char *got);

/* 1 when token may be a token: 16-128 characters of [A-Za-z0-9_-]. */
int coda_review_token_ok(const char *token);

/* Fill out with 2 * nbytes random lowercase hex characters and a NUL
 * (nbytes at most 64).  CODA_EIO when the system has no random bytes. */
coda_status coda_review_random_hex(char *out, size_t nbytes, coda_error *err);

/* 1 when the Host header host names this server: "127.0.0.1" or
 * "localhost" (any case), alone or followed by ":port".  NULL: 0. */
int coda_review_host_ok(const char *host, int port);

/* 1 when a Content-Length header value (NULL: none) announces at most max
 * bytes; a malformed value is refused. */
int coda_review_length_ok(const char *value, size_t max);

/* 1 when add more bytes after have keep a body within max. */
int coda_review_body_fits(size_t have, size_t add, size_t max);

/* A query parameter as a count: def when s is NULL or empty, else s must
 * be decimal digits giving at most max; 0 on a malformed value. */
int coda_review_count_arg(const char *s, size_t def, size_t max,
                          size_t *out);

/* --- the JSON API (review_api.c) ----------------------------------------- */

/* A request as the API sees it: the path ("/api/..."), the method, the
 * query parameters through arg (NULL when absent) and the body. */
typedef struct coda_review_req {
    const char *method, *path;
    const char *(*arg)(void *ud, const char *name);
    void *ud;
    const char *body;
    size_t len;
} coda_review_req;

/* What to answer: status and a JSON body (the caller frees body.p). */
typedef struct coda_review_reply {
    unsigned status;
    coda_strbuf body;
} coda_review_reply;

/* Answer rq from the project: 200 with JSON, 400 for a bad request or an
 * argument the store refused, 404 for an unknown path, 405 for a wrong
 * method, 500 for another store error, each error as {"error": "..."}.
 * coder is the default coder the page proposes (may be NULL). */
void coda_review_api(coda_project *p, const char *coder,
                     const coda_review_req *rq, coda_review_reply *rp);

/* The error reply {"error": msg} with status. */
void coda_review_fail(coda_review_reply *rp, unsigned status,
                      const char *msg);

#endif
