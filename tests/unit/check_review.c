/* check_review.c - the review server's request checks: token comparison,
 * the Host header (DNS rebinding), body and Content-Length limits, paging
 * arguments, random tokens, and the error reply. */
#include "suites.h"

#include "base_alloc.h"
#include "review_int.h"

#include <string.h>

static const struct {
    const char *want, *got;
    int eq;
} tokens[] = {
    { "0123456789abcdef", "0123456789abcdef", 1 },
    { "0123456789abcdef", "0123456789abcdeF", 0 },
    { "0123456789abcdef", "0123456789abcde", 0 },
    { "0123456789abcdef", "0123456789abcdef0", 0 },
    { "0123456789abcdef", "", 0 },
    { "0123456789abcdef", "x123456789abcdef", 0 },
    { "0123456789abcdef", NULL, 0 },
};

START_TEST(test_token_eq)
{
    ck_assert_int_eq(coda_review_token_eq(tokens[_i].want, tokens[_i].got),
                     tokens[_i].eq);
}
END_TEST

START_TEST(test_token_ok)
{
    ck_assert(coda_review_token_ok("0123456789abcdef"));
    ck_assert(coda_review_token_ok("A-Z_a-z-0123456789"));
    ck_assert(!coda_review_token_ok("short"));
    ck_assert(!coda_review_token_ok("0123456789abcdef&x=1"));
    ck_assert(!coda_review_token_ok("0123456789 abcdef"));
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    ck_assert(!coda_review_token_ok(big));
    big[128] = '\0';
    ck_assert(coda_review_token_ok(big));
}
END_TEST

START_TEST(test_random_hex)
{
    char a[33], b[33];
    ck_assert_int_eq(coda_review_random_hex(a, 16, NULL), CODA_OK);
    ck_assert_int_eq(coda_review_random_hex(b, 16, NULL), CODA_OK);
    ck_assert_uint_eq(strlen(a), 32);
    ck_assert_uint_eq(strspn(a, "0123456789abcdef"), 32);
    ck_assert_str_ne(a, b);
    ck_assert(coda_review_token_ok(a));
    char big[300];
    ck_assert_int_eq(coda_review_random_hex(big, 100, NULL), CODA_EARG);
}
END_TEST

static const struct {
    const char *host;
    int port, ok;
} hosts[] = {
    { "127.0.0.1:8080", 8080, 1 },
    { "localhost:8080", 8080, 1 },
    { "LocalHost:8080", 8080, 1 },
    { "127.0.0.1", 8080, 1 },
    { "localhost", 8080, 1 },
    { "127.0.0.1:8081", 8080, 0 },
    { "127.0.0.1:", 8080, 0 },
    { "127.0.0.1:08080x", 8080, 0 },
    { "127.0.0.1:123456", 8080, 0 },
    { "evil.example:8080", 8080, 0 },
    { "localhost.evil.example:8080", 8080, 0 },
    { "127.0.0.1.evil.example", 8080, 0 },
    { "localhostx", 8080, 0 },
    { "[::1]:8080", 8080, 0 },
    { "", 8080, 0 },
    { NULL, 8080, 0 },
};

START_TEST(test_host_ok)
{
    ck_assert_msg(coda_review_host_ok(hosts[_i].host, hosts[_i].port)
                  == hosts[_i].ok, "host %s", hosts[_i].host);
}
END_TEST

START_TEST(test_length_ok)
{
    ck_assert(coda_review_length_ok(NULL, 100));
    ck_assert(coda_review_length_ok("0", 100));
    ck_assert(coda_review_length_ok("100", 100));
    ck_assert(!coda_review_length_ok("101", 100));
    ck_assert(!coda_review_length_ok("99999999999999999999999999", 100));
    ck_assert(!coda_review_length_ok("-1", 100));
    ck_assert(!coda_review_length_ok("", 100));
    ck_assert(!coda_review_length_ok("12abc", 100));
}
END_TEST

START_TEST(test_body_fits)
{
    ck_assert(coda_review_body_fits(0, 100, 100));
    ck_assert(coda_review_body_fits(60, 40, 100));
    ck_assert(!coda_review_body_fits(60, 41, 100));
    ck_assert(!coda_review_body_fits(1, SIZE_MAX, 100));
    ck_assert(!coda_review_body_fits(101, 0, 100));
}
END_TEST

START_TEST(test_count_arg)
{
    size_t n = 7;
    ck_assert(coda_review_count_arg(NULL, 100, 500, &n));
    ck_assert_uint_eq(n, 100);
    ck_assert(coda_review_count_arg("", 100, 500, &n));
    ck_assert_uint_eq(n, 100);
    ck_assert(coda_review_count_arg("500", 100, 500, &n));
    ck_assert_uint_eq(n, 500);
    ck_assert(!coda_review_count_arg("501", 100, 500, &n));
    ck_assert(!coda_review_count_arg("-1", 100, 500, &n));
    ck_assert(!coda_review_count_arg("1e3", 100, 500, &n));
    ck_assert(!coda_review_count_arg("184467440737095516160", 100,
                                     SIZE_MAX, &n));
}
END_TEST

START_TEST(test_fail_reply)
{
    coda_review_reply rp = { 0, { 0 } };
    coda_strbuf_puts(&rp.body, "partial output");
    coda_review_fail(&rp, 400, "bad \"thing\"\n");
    ck_assert_uint_eq(rp.status, 400);
    ck_assert_str_eq(rp.body.p, "{\"error\": \"bad \\\"thing\\\"\\n\"}\n");
    coda_free(rp.body.p);
    /* a message echoing bytes that are not UTF-8 stays valid JSON */
    rp = (coda_review_reply){ 0, { 0 } };
    coda_review_fail(&rp, 400, "no document \xFF\xC3x");
    ck_assert_str_eq(rp.body.p, "{\"error\": \"no document "
                     "\xEF\xBF\xBD\xEF\xBF\xBDx\"}\n");
    coda_free(rp.body.p);
}
END_TEST

Suite *review_suite(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("checks");
    tcase_add_loop_test(tc, test_token_eq, 0, sizeof tokens / sizeof *tokens);
    tcase_add_test(tc, test_token_ok);
    tcase_add_test(tc, test_random_hex);
    tcase_add_loop_test(tc, test_host_ok, 0, sizeof hosts / sizeof *hosts);
    tcase_add_test(tc, test_length_ok);
    tcase_add_test(tc, test_body_fits);
    tcase_add_test(tc, test_count_arg);
    tcase_add_test(tc, test_fail_reply);
    suite_add_tcase(s, tc);
    return s;
}
