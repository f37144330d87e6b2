/* review_server.c - the review server's HTTP side: a libmicrohttpd daemon
 * on 127.0.0.1 with one internal polling thread, the checks every request
 * passes (Host, token, size), the page and the hand-over to the JSON API. */
#include "review.h"
#include "review_int.h"

#include "base_alloc.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

typedef struct server {
    coda_project *p;
    const char *coder;
    char token[129];
    atomic_int port;            /* set once listening; read by the server thread */
    size_t max_body;
} server;

/* One request's state, from its first call to its completion. */
typedef struct request {
    coda_strbuf body;
    int too_big;
} request;

static const char *const csp_api =
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'";

/* Queue text as the response with status and the security headers. */
static enum MHD_Result send_reply(struct MHD_Connection *c, unsigned status,
                                  const char *type, const char *csp,
                                  const char *text, size_t len)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, (void *)(uintptr_t)text, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Content-Security-Policy", csp);
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    enum MHD_Result ok = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result send_json(struct MHD_Connection *c,
                                 coda_review_reply *rp)
{
    if (rp->body.failed) {
        coda_free(rp->body.p);
        rp->body = (coda_strbuf){ 0 };
        coda_review_fail(rp, 500, "out of memory");
    }
    enum MHD_Result ok = send_reply(c, rp->status,
                                    "application/json; charset=utf-8",
                                    csp_api, rp->body.p ? rp->body.p : "",
                                    rp->body.n);
    coda_free(rp->body.p);
    return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, unsigned status,
                                  const char *msg)
{
    coda_review_reply rp = { 0, { 0 } };
    coda_review_fail(&rp, status, msg);
    return send_json(c, &rp);
}

/* The page, each "CODA-NONCE" replaced by a fresh nonce that the page's
 * Content-Security-Policy names. */
static enum MHD_Result send_page(struct MHD_Connection *c)
{
    char nonce[33], csp[512];
    if (coda_review_random_hex(nonce, 16, NULL) != CODA_OK)
        return send_error(c, 500, "no random bytes");
    coda_strbuf b = { 0 };
    const char *s = coda_review_page, *end = s + coda_review_page_len, *m;
    while ((m = memmem(s, (size_t)(end - s), "CODA-NONCE", 10)) != NULL) {
        coda_strbuf_add(&b, s, (size_t)(m - s));
        coda_strbuf_puts(&b, nonce);
        s = m + 10;
    }
    coda_strbuf_add(&b, s, (size_t)(end - s));
    snprintf(csp, sizeof csp, "default-src 'none'; script-src 'nonce-%s'; "
             "style-src 'nonce-%s'; connect-src 'self'; img-src data:; "
             "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
             nonce, nonce);
    enum MHD_Result ok = b.failed
        ? send_error(c, 500, "out of memory")
        : send_reply(c, 200, "text/html; charset=utf-8", csp, b.p, b.n);
    coda_free(b.p);
    return ok;
}

/* The token of the request: the header, else the query parameter. */
static const char *request_token(struct MHD_Connection *c)
{
    const char *t = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                "X-Coda-Token");
    return t ? t : MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
                                               "token");
}

/* The first look at a request: 0 when it may go on, else the status it
 * was refused with (already queued). */
static unsigned gate(server *s, struct MHD_Connection *c, const char *method,
                     enum MHD_Result *res)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                   "Host");
    const char *len = MHD_lookup_connection_value(
        c, MHD_HEADER_KIND, "Content-Length");
    unsigned status = 0;
    const char *msg = NULL;
    if (!coda_review_host_ok(host, atomic_load(&s->port)))
        status = 403, msg = "this server answers to 127.0.0.1 and localhost only";
    else if (!coda_review_token_eq(s->token, request_token(c)))
        status = 403, msg = "a missing or wrong token";
    else if (strcmp(method, "GET") && strcmp(method, "POST"))
        status = 405, msg = "only GET and POST";
    else if (!coda_review_length_ok(len, s->max_body))
        status = 413, msg = "the request body is too large";
    if (status)
        *res = send_error(c, status, msg);
    return status;
}

static const char *query_arg(void *ud, const char *name)
{
    return MHD_lookup_connection_value(ud, MHD_GET_ARGUMENT_KIND, name);
}

/* The request is complete: answer it. */
static enum MHD_Result answer(server *s, struct MHD_Connection *c,
                              const char *url, const char *method,
                              request *rq)
{
    if (rq->too_big)
        return send_error(c, 413, "the request body is too large");
    if (strcmp(url, "/") == 0)
        return strcmp(method, "GET") == 0
            ? send_page(c) : send_error(c, 405, "only GET");
    if (strncmp(url, "/api/", 5) != 0)
        return send_error(c, 404, "no such page");
    if (rq->body.failed)
        return send_error(c, 500, "out of memory");
    coda_review_req req = { method, url, query_arg, c,
                            rq->body.p ? rq->body.p : "", rq->body.n };
    coda_review_reply rp = { 0, { 0 } };
    coda_review_api(s->p, s->coder, &req, &rp);
    return send_json(c, &rp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    server *s = cls;
    request *rq = *con_cls;
    (void)version;
    if (!rq) {
        enum MHD_Result res = MHD_YES;
        if (gate(s, c, method, &res))
            return res;
        if (!(rq = coda_calloc(1, sizeof *rq)))
            return MHD_NO;
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!coda_review_body_fits(rq->body.n, *upload_size, s->max_body))
            rq->too_big = 1;
        else
            coda_strbuf_add(&rq->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    return answer(s, c, url, method, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    request *rq = *con_cls;
    (void)cls, (void)c, (void)toe;
    if (rq) {
        coda_free(rq->body.p);
        coda_free(rq);
        *con_cls = NULL;
    }
}

/* Check o and fill s from it. */
static coda_status setup(server *s, coda_project *p,
                         const coda_review_opts *o, coda_error *err)
{
    if (!o->stop)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "no stop flag");
    if (o->port < 0 || o->port > 65535)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "port %d is not 0-65535", o->port);
    if (o->coder && !coda_project_coder_ok(o->coder, 1))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "\"%s\" cannot be a coder's name", o->coder);
    if (o->token && !coda_review_token_ok(o->token))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "a token is "
                              "16-128 characters of A-Z, a-z, 0-9, _ and -");
    memset(s, 0, sizeof *s);
    s->p = p;
    s->coder = o->coder;
    atomic_init(&s->port, o->port);
    s->max_body = o->max_body ? o->max_body : CODA_REVIEW_MAX_BODY;
    if (o->token) {
        snprintf(s->token, sizeof s->token, "%s", o->token);
        return CODA_OK;
    }
    return coda_review_random_hex(s->token, 16, err);
}

static struct MHD_Daemon *start(server *s)
{
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)atomic_load(&s->port));
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO,
        (uint16_t)atomic_load(&s->port),
        NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_END);
}

coda_status coda_review_serve(coda_project *p, const coda_review_opts *o,
                              coda_error *err)
{
    server s;
    coda_status st = setup(&s, p, o, err);
    if (st != CODA_OK)
        return st;
    struct MHD_Daemon *d = start(&s);
    if (!d)
        return coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot listen on "
                              "127.0.0.1:%d (is the port taken?)", o->port);
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    atomic_store(&s.port, info ? info->port : o->port);
    if (o->ready) {
        char url[256];
        snprintf(url, sizeof url, "http://127.0.0.1:%d/?token=%s",
                 atomic_load(&s.port), s.token);
        o->ready(o->ud, url);
    }
    struct timespec nap = { 0, 100 * 1000 * 1000 };
    while (!*o->stop)
        nanosleep(&nap, NULL);
    MHD_stop_daemon(d);
    return CODA_OK;
}
