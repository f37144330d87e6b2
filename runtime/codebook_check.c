/* codebook_check.c - testing a codebook against itself: examples,
 * counterexamples, codes that can never match, codes that overlap, what
 * codebook_lint.c finds, and the share of a corpus's units a code takes;
 * also the first-match helper and the table of codes. */
#include "codebook_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int all_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

/* First match of regex r in text with m; 1 found, 0 not, <0 PCRE2 error. */
static int first(cb_matcher *m, const cb_regex *r, const char *text,
                 size_t len, int ascii, size_t *a, size_t *b)
{
    return r->uni ? cb_next(m, r, text, len, 0, ascii, a, b) : 0;
}

static coda_status first_in(cb_matcher *m, const cb_code *c,
                            const char *text, size_t len, int *found,
                            size_t *start, size_t *end, coda_error *err);

/* Match on a copy followed by zero bytes: PCRE2's JIT may read a little
 * past the end of the subject. */
static coda_status first_with(cb_matcher *m, const cb_code *c,
                              const char *text, size_t len, int *found,
                              size_t *start, size_t *end, coda_error *err)
{
    char *copy = coda_malloc(len + 64);
    if (!copy)
        return coda_error_nomem(err);
    memcpy(copy, text, len);
    memset(copy + len, 0, 64);
    coda_status st = first_in(m, c, copy, len, found, start, end, err);
    coda_free(copy);
    return st;
}

static coda_status first_in(cb_matcher *m, const cb_code *c,
                            const char *text, size_t len, int *found,
                            size_t *start, size_t *end, coda_error *err)
{
    size_t bad, a, b;
    int ascii = all_ascii(text, len);
    *found = 0;
    cb_matcher_start(m, len);
    if (c->error)
        return coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "%s", c->error);
    if (!ascii && !coda_utf8_valid(text, len, &bad))
        return coda_error_set(err, CODA_EUTF8, NULL, 0, 0, "invalid UTF-8 at "
                              "byte %zu of the text", bad);
    int rc = first(m, &c->re, text, len, ascii, start, end);
    if (rc > 0) {
        int veto = first(m, &c->ex, text, len, ascii, &a, &b);
        if (veto > 0)
            return CODA_OK;             /* vetoed by the exclude */
        rc = veto < 0 ? veto : rc;
    }
    if (rc < 0)
        return cb_match_error(err, rc, c->name, "a test text");
    *found = rc;
    return CODA_OK;
}

coda_status coda_codebook_first(const coda_codebook *cb, size_t i,
                                const char *text, size_t len, int *found,
                                size_t *start, size_t *end, coda_error *err)
{
    cb_matcher m;
    if (cb_matcher_init(&m, &cb_default_limits) != CODA_OK)
        return coda_error_nomem(err);
    coda_status st = first_with(&m, &cb->codes[i], text, len, found, start,
                                end, err);
    cb_matcher_free(&m);
    return st;
}

/* --- the check table ------------------------------------------------------ */

typedef struct finding {
    size_t code;
    const char *check, *status;
    char *detail;
} finding;

typedef struct findings {
    finding *f;
    size_t n, cap;
    cb_matcher m;
    const coda_codebook *cb;
    const coda_check_opts *o;   /* NULL: no corpus */
} findings;

#define NOTE_MAX 1024

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static coda_status note(findings *fs, size_t code, const char *check,
                        const char *status, const char *fmt, ...)
{
    char buf[NOTE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 32;
        finding *f = coda_reallocarray(fs->f, cap, sizeof *f);
        if (!f)
            return CODA_ENOMEM;
        fs->f = f;
        fs->cap = cap;
    }
    char *d = coda_strndup(buf, strlen(buf));
    if (!d)
        return CODA_ENOMEM;
    fs->f[fs->n++] = (finding){ code, check, status, d };
    return CODA_OK;
}

static int has_children(const coda_codebook *cb, size_t i)
{
    for (size_t k = 0; k < cb->n; k++)
        if (cb->codes[k].parent == (long)i)
            return 1;
    return 0;
}

static coda_status check_never(findings *fs, size_t i)
{
    const cb_code *c = &fs->cb->codes[i];
    if (!c->re.uni && !has_children(fs->cb, i))
        return note(fs, i, "never", "fail", "has no pattern and no child "
                    "codes");
    return note(fs, i, "never", "ok", c->re.uni ? "can match"
                                               : "a category of codes");
}

/* Test text (an example or a counterexample of code i) against code k. */
static coda_status test(findings *fs, size_t k, const char *text, int *found,
                        coda_error *err)
{
    size_t a, b;
    return first_with(&fs->m, &fs->cb->codes[k], text, strlen(text), found,
                      &a, &b, err);
}

static coda_status check_overlap(findings *fs, size_t i, const char *ex,
                                 coda_error *err)
{
    coda_status st = CODA_OK;
    for (size_t k = 0; k < fs->cb->n && st == CODA_OK; k++) {
        int found = 0;
        if (k == i || fs->cb->codes[k].error || !fs->cb->codes[k].re.uni)
            continue;
        st = test(fs, k, ex, &found, err);
        if (st == CODA_OK && found)
            st = note(fs, i, "overlap", "warn", "example \"%s\" also matches "
                      "code \"%s\"", ex, fs->cb->codes[k].name);
    }
    return st;
}

static coda_status check_rows(findings *fs, size_t i, coda_error *err)
{
    const cb_code *c = &fs->cb->codes[i];
    coda_status st = CODA_OK;
    for (size_t j = 0; j < c->nrows && st == CODA_OK; j++) {
        const cb_row *r = &c->rows[j];
        int found = 0;
        if (r->example[0] && (st = test(fs, i, r->example, &found, err)) ==
                             CODA_OK)
            st = note(fs, i, "example", found ? "ok" : "fail", found ?
                      "\"%s\" matches" : "\"%s\" does not match",
                      r->example);
        if (st == CODA_OK && r->example[0])
            st = check_overlap(fs, i, r->example, err);
        if (st == CODA_OK && r->counterexample[0] &&
            (st = test(fs, i, r->counterexample, &found, err)) == CODA_OK)
            st = note(fs, i, "counterexample", found ? "fail" : "ok", found ?
                      "\"%s\" matches but must not" :
                      "\"%s\" does not match", r->counterexample);
    }
    return st;
}

/* The lint of code i (codebook_lint.c): a parent that looks like a slip,
 * patterns that can match the empty string or lose their spaces. */
static coda_status check_lint(findings *fs, size_t i)
{
    char msg[NOTE_MAX];
    coda_status st = CODA_OK;
    if (cb_lint_parent(fs->cb, i, msg, sizeof msg))
        st = note(fs, i, "parent", "fail", "%s", msg);
    for (size_t j = 0; j < fs->cb->codes[i].nrows && st == CODA_OK; j++)
        for (int x = 0; x < 2 && st == CODA_OK; x++) {
            if (cb_lint_empty(fs->cb, i, j, x, msg, sizeof msg))
                st = note(fs, i, "empty", "fail", "%s", msg);
            if (st == CODA_OK && cb_lint_spaces(fs->cb, i, j, x, msg,
                                                sizeof msg))
                st = note(fs, i, "spaces", "warn", "%s", msg);
        }
    return st;
}

/* The share of the corpus's units code i matches, against the most a code
 * may take. */
static coda_status check_share(findings *fs, size_t i)
{
    const coda_check_opts *o = fs->o;
    if (!o || !o->units || !o->nunits || !fs->cb->codes[i].re.uni)
        return CODA_OK;
    size_t k = o->units[i];
    double share = (double)k / (double)o->nunits;
    if (share > o->max_share)
        return note(fs, i, "share", "fail", "matches %zu of %zu units "
                    "(%.1f%%), more than the %g%% a code may take: it does "
                    "not tell units apart", k, o->nunits, 100 * share,
                    100 * o->max_share);
    return note(fs, i, "share", "ok", "matches %zu of %zu units (%.1f%%)", k,
                o->nunits, 100 * share);
}

static coda_status check_code(findings *fs, size_t i, coda_error *err)
{
    const cb_code *c = &fs->cb->codes[i];
    if (c->error)
        return note(fs, i, "compile", "fail", "%s", c->error);
    coda_status st = note(fs, i, "compile", "ok", "compiles");
    if (st == CODA_OK)
        st = check_never(fs, i);
    if (st == CODA_OK)
        st = check_lint(fs, i);
    if (st == CODA_OK)
        st = check_rows(fs, i, err);
    if (st == CODA_OK)
        st = check_share(fs, i);
    return st;
}

static const char *const check_cols[] = { "code", "check", "status", "detail" };

static coda_status findings_table(const findings *fs, coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(fs->n, 4, &t);
    for (size_t c = 0; c < 4 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, check_cols[c], CODA_STRING);
    for (size_t r = 0; r < fs->n && st == CODA_OK; r++) {
        const finding *f = &fs->f[r];
        const char *v[4] = { f->code == SIZE_MAX ? ""
                                                 : fs->cb->codes[f->code].name,
                             f->check, f->status, f->detail };
        for (size_t c = 0; c < 4 && st == CODA_OK; c++)
            st = coda_table_set_string(t, c, r, v[c], strlen(v[c]));
    }
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

coda_status coda_codebook_check(const coda_codebook *cb,
                                const coda_check_opts *o, coda_table **out,
                                coda_error *err)
{
    findings fs = { .cb = cb, .o = o };
    coda_status st = cb_matcher_init(&fs.m, &cb_default_limits);
    for (size_t w = 0; w < cb->ncolumn && st == CODA_OK; w++)
        st = note(&fs, SIZE_MAX, "column", "warn", "%s", cb->warnings[w]);
    for (size_t i = 0; i < cb->n && st == CODA_OK; i++)
        st = check_code(&fs, i, err);
    if (st == CODA_OK)
        st = findings_table(&fs, out);
    for (size_t r = 0; r < fs.n; r++)
        coda_free(fs.f[r].detail);
    coda_free(fs.f);
    cb_matcher_free(&fs.m);
    return st == CODA_ENOMEM ? coda_error_nomem(err) : st;
}

/* --- the table of codes --------------------------------------------------- */

static coda_status code_row(const coda_codebook *cb, coda_table *t, size_t i)
{
    char path[1024];
    coda_code_info in;
    coda_codebook_info(cb, i, &in);
    size_t np = coda_codebook_path(cb, i, path, sizeof path);
    int64_t npat = 0;
    for (size_t j = 0; j < in.nrows; j++)
        npat += cb->codes[i].rows[j].pattern[0] != '\0';
    coda_status st = coda_table_set_string(t, 0, i, in.name, strlen(in.name));
    if (st == CODA_OK && in.parent >= 0)
        st = coda_table_set_string(t, 1, i, cb->codes[in.parent].name,
                                   strlen(cb->codes[in.parent].name));
    else if (st == CODA_OK)
        st = coda_table_set_missing(t, 1, i);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 2, i, path,
                                   np < sizeof path ? np : sizeof path - 1);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 3, i, in.description,
                                   strlen(in.description));
    t->cols[4].v.i[i] = npat;
    if (st == CODA_OK && in.memo[0])
        st = coda_table_set_string(t, 5, i, in.memo, strlen(in.memo));
    else if (st == CODA_OK)
        st = coda_table_set_missing(t, 5, i);
    return st;
}

coda_status coda_codebook_table(const coda_codebook *cb, coda_table **out,
                                coda_error *err)
{
    static const char *const names[] = { "code", "parent", "path",
                                          "description", "patterns", "memo" };
    coda_table *t = NULL;
    coda_status st = coda_table_create(cb->n, 6, &t);
    for (size_t c = 0; c < 6 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, names[c], c == 4 ? CODA_INTEGER
                                                           : CODA_STRING);
    for (size_t i = 0; i < cb->n && st == CODA_OK; i++)
        st = code_row(cb, t, i);
    if (st != CODA_OK) {
        coda_table_free(t);
        return coda_error_nomem(err);
    }
    *out = t;
    return CODA_OK;
}
