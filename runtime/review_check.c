/* review_check.c - the review server's request checks: the token, the
 * Host header, body sizes and paging arguments.  Pure functions. */
#include "review_int.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

int coda_review_token_eq(const char *want, const char *got)
{
    if (!got)
        return 0;
    size_t n = strlen(want), m = strnlen(got, n + 1);
    unsigned char diff = (unsigned char)(n != m);
    for (size_t i = 0; i < n; i++) {
        unsigned char g = i < m ? (unsigned char)got[i] : 0;
        diff |= (unsigned char)(want[i] ^ g);
    }
    return diff == 0;
}

int coda_review_token_ok(const char *token)
{
    size_t n = strlen(token);
    if (n < 16 || n > 128)
        return 0;
    return strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                         "0123456789_-") == n;
}

coda_status coda_review_random_hex(char *out, size_t nbytes, coda_error *err)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw)
        return coda_error_set(err, CODA_EARG, NULL, 0, 0,
                              "at most %zu random bytes", sizeof raw);
    size_t got = 0;
    while (got < nbytes) {
        ssize_t k = getrandom(raw + got, nbytes - got, 0);
        if (k < 0 && errno != EINTR)
            return coda_error_set(err, CODA_EIO, NULL, 0, 0,
                                  "no random bytes: %s", strerror(errno));
        got += k > 0 ? (size_t)k : 0;
    }
    for (size_t i = 0; i < nbytes; i++) {
        out[2 * i] = "0123456789abcdef"[raw[i] >> 4];
        out[2 * i + 1] = "0123456789abcdef"[raw[i] & 15];
    }
    out[2 * nbytes] = '\0';
    return CODA_OK;
}

/* 1 when s is the decimal port. */
static int same_port(const char *s, int port)
{
    if (!*s || strlen(s) > 5 || strspn(s, "0123456789") != strlen(s))
        return 0;
    long v = 0;
    for (; *s; s++)
        v = v * 10 + (*s - '0');
    return v == port;
}

int coda_review_host_ok(const char *host, int port)
{
    static const char *const names[] = { "127.0.0.1", "localhost" };
    if (!host)
        return 0;
    for (size_t i = 0; i < 2; i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(host, names[i], n) != 0)
            continue;
        if (host[n] == '\0')
            return 1;
        if (host[n] == ':')
            return same_port(host + n + 1, port);
    }
    return 0;
}

/* Parse decimal digits into *v; 0 when s is not one or overflows. */
static int parse_size(const char *s, size_t *v)
{
    size_t n = 0;
    if (!*s)
        return 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || n > (SIZE_MAX - 9) / 10)
            return 0;
        n = n * 10 + (size_t)(*s - '0');
    }
    *v = n;
    return 1;
}

int coda_review_length_ok(const char *value, size_t max)
{
    size_t n;
    if (!value)
        return 1;
    return parse_size(value, &n) && n <= max;
}

int coda_review_body_fits(size_t have, size_t add, size_t max)
{
    return have <= max && add <= max - have;
}

int coda_review_count_arg(const char *s, size_t def, size_t max,
                          size_t *out)
{
    if (!s || !*s) {
        *out = def;
        return 1;
    }
    return parse_size(s, out) && *out <= max;
}
