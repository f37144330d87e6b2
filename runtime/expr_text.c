/* expr_text.c - the string functions of expressions (lower, upper, trim,
 * nchar; contains, sub and gsub with a PCRE2 pattern, from expr_regex.c)
 * and the parts of an ISO date (year, month, day).  Uses expr_args.c,
 * expr_eval.c, expr_textbuf.c (string results) and expr_regex.c. */
#include "expr_int.h"

#include <ctype.h>
#include <string.h>

static coda_status string_check(coda_expr *e, ex_node *n)
{
    coda_status st = ex_plain_args(e, n, 0);
    if (st == CODA_OK)
        st = ex_args_of(e, n, 0, 1, ex_is_string, "strings", CODA_STRING);
    const char *fn = n->fn->name;
    n->type = strcmp(fn, "nchar") == 0 || strchr("ymd", fn[0])
                  ? CODA_INTEGER : CODA_STRING;
    return st;
}

/* lower(s), upper(s): ASCII letters change case, other bytes stay. */
static void recase(ex_node *n, size_t r, const char *s, size_t len)
{
    int up = n->fn->name[0] == 'u';
    size_t at = n->text.n;
    ex_text_add(n, r, s, len);
    for (size_t i = 0; i < len && !n->text.failed; i++) {
        char *c = &n->text.p[at + i];
        if (up && *c >= 'a' && *c <= 'z')
            *c = (char)(*c - 'a' + 'A');
        else if (!up && *c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
}

/* trim(s): without white space at either end. */
static void trim(ex_node *n, size_t r, const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s))
        s++, len--;
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    ex_text_add(n, r, s, len);
}

static coda_status text_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    ex_own(n);
    ex_text_reset(n);
    for (size_t r = 0; r < len; r++) {
        if (ex_na(a, r))
            ex_set_na(n, r);
        else if (n->fn->name[0] == 't')
            trim(n, r, a->s[r], a->len[r]);
        else
            recase(n, r, a->s[r], a->len[r]);
    }
    return st ? st : ex_text_done(n, len);
}

/* nchar(s): characters (code points), as R's nchar. */
static coda_status nchar_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        int64_t k = 0;
        for (uint32_t i = 0; !ex_na(a, r) && i < a->len[r]; i++)
            k += ((unsigned char)a->s[r][i] & 0xC0) != 0x80;
        ((int64_t *)n->buf)[r] = k;
        if (ex_na(a, r))
            ex_set_na(n, r);
    }
    return st;
}

/* The digits s[0..k) as a number, or -1. */
static int digits(const char *s, int k)
{
    int v = 0;
    for (int i = 0; i < k; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* Year, month and day of "YYYY-MM-DD" (a time may follow); 0 if not a
 * date of the calendar. */
static int iso_date(const char *s, size_t len, int ymd[3])
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (len < 10 || s[4] != '-' || s[7] != '-' ||
        (len > 10 && s[10] != 'T' && s[10] != ' '))
        return 0;
    ymd[0] = digits(s, 4), ymd[1] = digits(s + 5, 2), ymd[2] = digits(s + 8, 2);
    int leap = ymd[0] % 4 == 0 && (ymd[0] % 100 != 0 || ymd[0] % 400 == 0);
    if (ymd[0] < 0 || ymd[1] < 1 || ymd[1] > 12 || ymd[2] < 1 ||
        ymd[2] > mdays[ymd[1] - 1] || (ymd[1] == 2 && !leap && ymd[2] > 28))
        return 0;
    return 1;
}

static coda_status date_eval(ex_node *n, size_t start, size_t len)
{
    coda_status st = ex_eval_kids(n, start, len);
    const ex_vec *a = &n->kid[0]->v;
    int part = n->fn->name[0] == 'y' ? 0 : n->fn->name[0] == 'm' ? 1 : 2;
    ex_own(n);
    for (size_t r = 0; r < len; r++) {
        int ymd[3] = { 0, 0, 0 };
        if (ex_na(a, r) || !iso_date(a->s[r], a->len[r], ymd))
            ex_set_na(n, r);
        ((int64_t *)n->buf)[r] = ymd[part];
    }
    return st;
}

const ex_func ex_text_funcs[] = {
    { "lower", 1, 1, string_check, text_eval },
    { "upper", 1, 1, string_check, text_eval },
    { "trim", 1, 1, string_check, text_eval },
    { "nchar", 1, 1, string_check, nchar_eval },
    { "year", 1, 1, string_check, date_eval },
    { "month", 1, 1, string_check, date_eval },
    { "day", 1, 1, string_check, date_eval },
    { "contains", 2, 2, ex_regex_check, ex_contains_eval },
    { "sub", 3, 3, ex_regex_check, ex_sub_eval },
    { "gsub", 3, 3, ex_regex_check, ex_sub_eval },
    { NULL, 0, 0, NULL, NULL }
};
