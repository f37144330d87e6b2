/* review.h - the review server: a coding project served to a browser on
 * 127.0.0.1 (one HTML page and a JSON API) so coders can accept, reject,
 * code and write memos.
 *
 * One libmicrohttpd daemon with one internal polling thread bound to the
 * loopback address: every store call happens on that thread, one at a
 * time, so the project (not thread-safe) is never used by two threads at
 * once; the calling thread only waits for *stop.  Every request must carry
 * the token (query "token=" or header "X-Coda-Token") and a Host header
 * naming 127.0.0.1 or localhost; each change is one store call, committed
 * before its response is sent.
 *
 * Ownership: the project stays the caller's and must not be used by the
 * caller while coda_review_serve runs. */
#ifndef CODA_REVIEW_H
#define CODA_REVIEW_H

#include "base_error.h"
#include "project.h"

#include <stddef.h>

typedef struct coda_review_opts {
    int port;                 /* 0: any free port */
    const char *coder;        /* the default coder name the page proposes, or NULL */
    const char *token;        /* NULL: 32 random hex chars from getrandom */
    size_t max_body;          /* POST body limit; 0: 64 KiB */
    void (*ready)(void *ud, const char *url);  /* called once listening, with
                                 http://127.0.0.1:PORT/?token=... */
    void *ud;
    volatile int *stop;       /* serve until *stop becomes non-zero (polled
                                 every 100 ms) */
} coda_review_opts;

/* The default POST body limit. */
#define CODA_REVIEW_MAX_BODY (64 * 1024)

/* Serve p until *o->stop is set; ready is called on the calling thread
 * once the server listens.  Errors: CODA_EARG (no stop flag, a port
 * outside 0-65535, a coder name that is not a person's, a token that is
 * not 16-128 characters of [A-Za-z0-9_-]), CODA_EIO (cannot listen, e.g.
 * the port is taken; no random bytes), CODA_ENOMEM. */
CODA_API
coda_status coda_review_serve(coda_project *p, const coda_review_opts *o,
                              coda_error *err);

#endif
