/* csvgen.c - generated CSV inputs and the tables they mean (csvgen.h),
 * for check_csv.c and check_csv_write.c. */
#include "csvgen.h"
#include "tabcmp.h"

#include "base_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void gen_put(gen_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        ck_assert_ptr_nonnull(b->s);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void gen_printf(gen_buf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert(n >= 0 && (size_t)n < sizeof tmp);
    gen_put(b, tmp, (size_t)n);
}

void gen_free(gen_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

gen_buf gen_read_file(const char *dir, const char *name)
{
    char path[512], chunk[4096];
    snprintf(path, sizeof path, "%s%s", dir, name);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    gen_buf b = { NULL, 0, 0 };
    gen_put(&b, "", 0);
    for (size_t n; (n = fread(chunk, 1, sizeof chunk, fp)) > 0;)
        gen_put(&b, chunk, n);
    fclose(fp);
    return b;
}

void gen_write_file(const gen_buf *b, const char *path)
{
    FILE *fp = fopen(path, "wb");
    ck_assert_msg(fp != NULL, "cannot write %s", path);
    ck_assert_uint_eq(fwrite(b->s, 1, b->len, fp), b->len);
    ck_assert_int_eq(fclose(fp), 0);
}

static unsigned rnd_state;

static unsigned rnd(void)
{
    rnd_state ^= rnd_state << 13; /* xorshift32 */
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

/* Append one field as written (csv) and set its expected cell. */
static void field(gen_buf *b, coda_table *t, size_t c, size_t r,
                  const char *csv, const char *val)
{
    if (c > 0)
        gen_put(b, ",", 1);
    gen_put(b, csv, strlen(csv));
    tb_cell(t, c, r, val);
}

/* A field whose text and value are the same (NULL or "": missing). */
static void plain(gen_buf *b, coda_table *t, size_t c, size_t r,
                  const char *text)
{
    field(b, t, c, r, text ? text : "", text && *text ? text : NULL);
}

gen_buf gen_late_text(size_t nrow, size_t text_row, coda_table **want)
{
    gen_buf b = { NULL, 0, 0 };
    coda_table *t = tb_new(nrow, 4);
    tb_col(t, 0, "code", CODA_STRING);
    tb_col(t, 1, "num", CODA_INTEGER);
    tb_col(t, 2, "x", CODA_NUMBER);
    tb_col(t, 3, "y", CODA_STRING);
    gen_printf(&b, "code,num,x,y\n");
    char v[32];
    for (size_t r = 0; r < nrow; r++) {
        snprintf(v, sizeof v, "%03zu", r % 1000);
        plain(&b, t, 0, r, r == text_row ? "n/a" : v);
        snprintf(v, sizeof v, "%zu", r);
        plain(&b, t, 1, r, v);
        plain(&b, t, 2, r, r == text_row ? "0.5" : v);
        plain(&b, t, 3, r, r == 10 ? "abc" : v);
        gen_put(&b, "\n", 1);
    }
    *want = t;
    return b;
}

typedef struct pick {
    const char *csv, *val;
} pick;

#define DEVA "\xE0\xA4\xAE\xE0\xA5\x81\xE0\xA4\x82\xE0\xA4\xAC\xE0\xA4\x88"

static const pick texts[] = {
    { "plain", "plain" },
    { "\"line a\nline b\"", "line a\nline b" },
    { "\"x\r\ny\"", "x\r\ny" },
    { "\"say \"\"hi\"\"\"", "say \"hi\"" },
    { "\"a,b\"", "a,b" },
    { "", NULL },
    { DEVA, DEVA },
    { " spaced ", " spaced " },
    { "\"\"\"\"", "\"" },
};

static const pick strays[] = {
    { "ab\"c", "ab\"c" },
    { "5\"", "5\"" },
    { "x\"\"y", "x\"\"y" },
};

static const pick tags[] = {
    { "a;b", "a|b" },
    { " c ; a ;; c ", "c|a" },
    { "\"\"", "" },
    { "", NULL },
    { "\"d;e,f\"", "d|e,f" },
    { "b", "b" },
    { "\"g\ng;a\"", "g\ng|a" },
};

static const pick flags[] = {
    { "true", "true" }, { "False", "false" }, { "", NULL },
};

static void messy_row(gen_buf *b, coda_table *t, size_t r, int stray)
{
    char v[32];
    snprintf(v, sizeof v, "%zu", r);
    plain(b, t, 0, r, v);
    const pick *p = &texts[r == 0 ? 0 : rnd() % 9];
    if (stray && r > 0 && rnd() % 50 == 0)
        p = &strays[rnd() % 3];
    field(b, t, 1, r, p->csv, p->val);
    p = &tags[rnd() % 7];
    field(b, t, 2, r, p->csv, p->val);
    unsigned k = rnd() % 3;
    snprintf(v, sizeof v, r == 0 ? "0" : k == 0 ? "%zu.5" : k == 1 ? "%zu"
             : "-%zu.25", r);
    plain(b, t, 3, r, v);
    p = &flags[rnd() % 3];
    field(b, t, 4, r, p->csv, p->val);
    int crlf = rnd() % 2;
    gen_put(b, crlf ? "\r\n" : "\n", crlf ? 2 : 1);
}

gen_buf gen_messy(size_t nrow, int stray, coda_table **want)
{
    gen_buf b = { NULL, 0, 0 };
    coda_table *t = tb_new(nrow, 5);
    tb_col(t, 0, "id", CODA_INTEGER);
    tb_col(t, 1, "text", CODA_STRING);
    tb_col(t, 2, "tags", CODA_MULTI);
    tb_col(t, 3, "num", CODA_NUMBER);
    tb_col(t, 4, "flag", CODA_BOOLEAN);
    gen_printf(&b, "id,text,tags,num,flag\r\n");
    rnd_state = stray ? 2463534242u : 88172645u;
    for (size_t r = 0; r < nrow; r++)
        messy_row(&b, t, r, stray);
    *want = t;
    return b;
}

gen_buf gen_wide(size_t ncol, size_t nrow, coda_table **want)
{
    static const coda_type types[] = { CODA_INTEGER, CODA_STRING,
                                       CODA_NUMBER };
    gen_buf b = { NULL, 0, 0 };
    coda_table *t = tb_new(nrow, ncol);
    char v[32];
    for (size_t c = 0; c < ncol; c++) {
        snprintf(v, sizeof v, "c%zu", c);
        tb_col(t, c, v, types[c % 3]);
        gen_printf(&b, "%s%s", c ? "," : "", v);
    }
    gen_put(&b, "\n", 1);
    for (size_t r = 0; r < nrow; r++) {
        for (size_t c = 0; c < ncol; c++) {
            if (c % 3 == 0)
                snprintf(v, sizeof v, "%zu", r * 1000 + c);
            else
                snprintf(v, sizeof v, c % 3 == 1 ? "v%zu_%zu" : "%zu.%zu5",
                         r, c);
            plain(&b, t, c, r, (r + c) % 7 == 0 && r ? NULL : v);
        }
        gen_put(&b, "\n", 1);
    }
    *want = t;
    return b;
}

gen_buf gen_quoted_empty(size_t nrow, coda_table **want)
{
    gen_buf b = { NULL, 0, 0 };
    coda_table *t = tb_new(nrow, 2);
    tb_col(t, 0, "t", CODA_STRING);
    tb_col(t, 1, "n", CODA_INTEGER);
    gen_printf(&b, "t,n\n");
    char v[32];
    for (size_t r = 0; r < nrow; r++) {
        if (r == 0 || r + 1 == nrow)
            plain(&b, t, 0, r, r ? "z" : "a");
        else
            field(&b, t, 0, r, "\"\"", "");
        snprintf(v, sizeof v, "%zu", r);
        plain(&b, t, 1, r, v);
        gen_put(&b, "\n", 1);
    }
    *want = t;
    return b;
}

static void fault_row(gen_buf *b, size_t r, gen_fault f, gen_error *e)
{
    static const gen_error faults[] = {
        { CODA_EPARSE, 0, "expected 2 fields", 0 },
        { CODA_EPARSE, 0, "found 3", 0 },
        { CODA_EUTF8, 0, "UTF-8", 0 },
        { CODA_ETYPE, 0, "\"n\"", 1 },
        { CODA_EPARSE, 0, "unterminated", 0 },
    };
    static const char *const rest[] = { /* after the row number */
        "\n", ",x,y\n", ",bad\x92\n", ".5,w\n", ",\"open\n",
    };
    long line = e->line;
    *e = faults[f];
    e->line = line;
    gen_printf(b, "%zu", r);
    gen_put(b, rest[f], strlen(rest[f]));
}

gen_buf gen_error_at(size_t nrow, size_t at, gen_fault f, gen_error *e)
{
    gen_buf b = { NULL, 0, 0 };
    gen_printf(&b, "n,w\n");
    long line = 2; /* where the next row begins */
    int quotes = 1;
    for (size_t r = 0; r < nrow; r++) {
        if (r == at) {
            e->line = line;
            fault_row(&b, r, f, e);
            quotes = f != GEN_UNTERMINATED; /* keep that quote open */
            line++;
        } else if (r % 97 == 5 && quotes) {
            gen_printf(&b, "%zu,\"two\nlines\"\n", r);
            line += 2;
        } else {
            gen_printf(&b, r % 13 == 0 ? "%zu,word\r\n" : "%zu,word\n", r);
            line++;
        }
    }
    return b;
}

/* FNV-1a of s modulo 1024: the loader's slot for a recent short string. */
static unsigned dedup_slot(const char *s, size_t len)
{
    unsigned h = 2166136261u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h % 1024;
}

gen_buf gen_chunk_end(coda_table **want)
{
    enum { N = 8192 }; /* 8192 strings of 7 bytes and a NUL fill 64 KiB */
    gen_buf b = { NULL, 0, 0 };
    coda_table *t = tb_new(N + 1, 1);
    tb_col(t, 0, "s", CODA_STRING);
    gen_printf(&b, "s\n");
    char v[32];
    for (size_t r = 0; r < N; r++) {
        snprintf(v, sizeof v, "a%06zu", r);
        plain(&b, t, 0, r, v);
        gen_put(&b, "\n", 1);
    }
    unsigned want_slot = dedup_slot(v, strlen(v));
    char longer[48];
    for (unsigned k = 0;; k++) {
        snprintf(longer, sizeof longer, "%s-%012u", v, k);
        if (dedup_slot(longer, strlen(longer)) == want_slot)
            break;
    }
    plain(&b, t, 0, N, longer);
    gen_put(&b, "\n", 1);
    *want = t;
    return b;
}
