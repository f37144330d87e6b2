/* codebook.c - a codebook built from rows (parents, flags, alternatives),
 * its accessors and its warnings. */
#include "codebook_prefilter.h"

#include "base_alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

coda_codebook *coda_codebook_new(void)
{
    return coda_calloc(1, sizeof(coda_codebook));
}

static void row_free(cb_row *r)
{
    coda_free(r->pattern);
    coda_free(r->exclude);
    coda_free(r->flags);
    coda_free(r->example);
    coda_free(r->counterexample);
}

void cb_regex_free(cb_regex *r)
{
    pcre2_code_free(r->uni);
    pcre2_code_free(r->ascii);
    pcre2_code_free(r->clocked);
    coda_free(r->text);
    memset(r, 0, sizeof *r);
}

static void code_free(cb_code *c)
{
    coda_free(c->name);
    coda_free(c->description);
    coda_free(c->parent_name);
    coda_free(c->color);
    coda_free(c->memo);
    for (size_t j = 0; j < c->nrows; j++)
        row_free(&c->rows[j]);
    coda_free(c->rows);
    cb_regex_free(&c->re);
    cb_regex_free(&c->ex);
    cb_drop_literals(c);
    coda_free(c->error);
}

void coda_codebook_free(coda_codebook *cb)
{
    if (!cb)
        return;
    for (size_t i = 0; i < cb->n; i++)
        code_free(&cb->codes[i]);
    coda_free(cb->codes);
    coda_free(cb->file);
    coda_literals_free(cb->lits);
    pcre2_general_context_free(cb->gctx);
    for (size_t i = 0; i < cb->nwarn; i++)
        coda_free(cb->warnings[i]);
    coda_free(cb->warnings);
    coda_free(cb);
}

static int empty(const char *s)
{
    return !s || !*s;
}

static int blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* A copy of s without surrounding white space, line ends included ("" for
 * NULL), so that a field reads back the same from a .qdc; NULL when out of
 * memory. */
static char *trimmed(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    while (n && blank_char(s[n - 1]))
        n--;
    while (n && blank_char(*s))
        s++, n--;
    return coda_strndup(s, n);
}

static char *dup0(const char *s)
{
    return coda_strndup(s ? s : "", s ? strlen(s) : 0);
}

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static coda_status row_error(coda_error *err, coda_status st,
                             const coda_code_row *row, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return coda_error_set(err, st, row->file, row->line, 0, "%s", msg);
}

/* Parse flags text into CB_* bits; 0 on an unknown letter (in *bad). */
static int parse_flags(const char *s, unsigned *fl, char *bad)
{
    *fl = CB_CASELESS;
    for (; s && *s; s++) {
        switch (*s) {
        case 'c': *fl &= ~(unsigned)CB_CASELESS; break;
        case 'i': *fl |= CB_CASELESS; break;
        case 'x': *fl |= CB_EXTENDED; break;
        case 's': *fl |= CB_DOTALL; break;
        case 'm': *fl |= CB_MULTILINE; break;
        case 'w': *fl |= CB_WORDS; break;
        case ' ': case ',': case '\t': break;
        default: *bad = *s; return 0;
        }
    }
    return 1;
}

static int valid_color(const char *s)
{
    size_t n = strlen(s);
    if (s[0] != '#' || (n != 4 && n != 7))
        return 0;
    return strspn(s + 1, "0123456789abcdefABCDEF") == n - 1;
}

/* The code called name, creating it (with its name) when new; NULL when
 * out of memory. */
static cb_code *code_for(coda_codebook *cb, const char *name, long line)
{
    long i = coda_codebook_find(cb, name);
    if (i >= 0)
        return &cb->codes[i];
    if (cb->n == cb->cap) {
        size_t cap = cb->cap ? cb->cap * 2 : 16;
        cb_code *codes = coda_reallocarray(cb->codes, cap, sizeof *codes);
        if (!codes)
            return NULL;
        cb->codes = codes;
        cb->cap = cap;
    }
    cb_code *c = &cb->codes[cb->n];
    memset(c, 0, sizeof *c);
    c->name = dup0(name);
    if (!c->name)
        return NULL;
    c->parent = -1;
    c->slip = -1;
    c->line = line;
    cb->n++;
    return c;
}

/* Set *field to value when it is unset; CODA_EARG when it differs. */
static coda_status set_once(char **field, const char *value, int strict)
{
    if (empty(value))
        return CODA_OK;
    if (*field && **field)
        return !strict || strcmp(*field, value) == 0 ? CODA_OK : CODA_EARG;
    char *v = trimmed(value);
    if (!v)
        return CODA_ENOMEM;
    coda_free(*field);
    *field = v;
    return CODA_OK;
}

/* 1 when text (may be NULL) has a line that is line[0..n). */
static int has_line(const char *text, const char *line, size_t n)
{
    for (const char *p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : p)
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Add value as a line of *field unless it is one already. */
static coda_status add_line_once(char **field, const char *value)
{
    char *v = trimmed(value);
    size_t n = v ? strlen(v) : 0, have = *field ? strlen(*field) : 0;
    if (!v || !n || has_line(*field, v, n)) {
        coda_free(v);
        return v ? CODA_OK : CODA_ENOMEM;
    }
    char *r = coda_realloc(*field, have + n + 2);
    if (r) {
        if (have)
            r[have++] = '\n';
        memcpy(r + have, v, n + 1);
        *field = r;
    }
    coda_free(v);
    return r ? CODA_OK : CODA_ENOMEM;
}

static coda_status add_alternative(cb_code *c, const coda_code_row *row,
                                   unsigned fl)
{
    if (c->nrows == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 2;
        cb_row *rows = coda_reallocarray(c->rows, cap, sizeof *rows);
        if (!rows)
            return CODA_ENOMEM;
        c->rows = rows;
        c->cap = cap;
    }
    cb_row r = { dup0(row->pattern), dup0(row->exclude), trimmed(row->flags),
                 dup0(row->example), dup0(row->counterexample), fl,
                 row->line, { 0, 0 } };
    if (!r.pattern || !r.exclude || !r.flags || !r.example ||
        !r.counterexample) {
        row_free(&r);
        return CODA_ENOMEM;
    }
    c->rows[c->nrows++] = r;
    return CODA_OK;
}

coda_status coda_codebook_add_row(coda_codebook *cb, const coda_code_row *row,
                                  coda_error *err)
{
    char bad[2] = { 0 };
    unsigned fl = CB_CASELESS;
    char *name = trimmed(row->code);
    if (!name)
        return coda_error_nomem(err);
    coda_status st = CODA_OK;
    if (!*name)
        st = row_error(err, CODA_EARG, row, "a row without a code name");
    else if (!parse_flags(row->flags, &fl, bad))
        st = row_error(err, CODA_EARG, row, "code \"%s\": unknown flag '%s' "
                       "(flags: c i x s m w)", name, bad);
    else if (!empty(row->color) && !valid_color(row->color))
        st = row_error(err, CODA_EARG, row, "code \"%s\": colour \"%s\" is "
                       "not #RRGGBB", name, row->color);
    if (st == CODA_OK && !cb->file && row->file &&
        !(cb->file = dup0(row->file)))
        st = coda_error_nomem(err);
    /* A parent named before (or without) its own rows is a category made
     * here, so it comes before its first child. */
    char *parent = st == CODA_OK ? trimmed(row->parent) : NULL;
    if (st == CODA_OK && !parent)
        st = coda_error_nomem(err);
    long had = st == CODA_OK ? coda_codebook_find(cb, name) : -1;
    const char *old = had >= 0 ? cb->codes[had].parent_name : NULL;
    if (st == CODA_OK && *parent && old && *old && strcmp(old, parent) != 0)
        st = row_error(err, CODA_EARG, row, "code \"%s\" has two parents "
                       "(\"%s\" and \"%s\")", name, old, parent);
    else if (st == CODA_OK && *parent && strcmp(parent, name) != 0 &&
             !code_for(cb, parent, row->line))
        st = coda_error_nomem(err);
    coda_free(parent);
    cb_code *c = st == CODA_OK ? code_for(cb, name, row->line) : NULL;
    if (st == CODA_OK && !c)
        st = coda_error_nomem(err);
    coda_free(name);
    if (st != CODA_OK)
        return st;
    st = set_once(&c->parent_name, row->parent, 0);
    if (st == CODA_OK)
        st = set_once(&c->description, row->description, 0);
    if (st == CODA_OK)
        st = set_once(&c->color, row->color, 0);
    if (st == CODA_OK && !empty(row->memo))
        st = add_line_once(&c->memo, row->memo);
    if (st == CODA_OK)
        st = add_alternative(c, row, fl);
    cb->compiled = 0;
    return st == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

size_t coda_codebook_size(const coda_codebook *cb)
{
    return cb->n;
}

long coda_codebook_find(const coda_codebook *cb, const char *name)
{
    for (size_t i = 0; i < cb->n; i++)
        if (strcmp(cb->codes[i].name, name) == 0)
            return (long)i;
    return -1;
}

void coda_codebook_info(const coda_codebook *cb, size_t i,
                        coda_code_info *info)
{
    const cb_code *c = &cb->codes[i];
    info->name = c->name;
    info->description = c->description ? c->description : "";
    info->color = c->color ? c->color : "";
    info->memo = c->memo ? c->memo : "";
    info->parent = c->parent;
    info->nrows = c->nrows;
    info->category = 1;
    for (size_t j = 0; j < c->nrows; j++)
        if (c->rows[j].pattern[0])
            info->category = 0;
    info->error = c->error;
}

void coda_codebook_row(const coda_codebook *cb, size_t i, size_t j,
                       coda_code_row *row)
{
    const cb_code *c = &cb->codes[i];
    const cb_row *r = &c->rows[j];
    memset(row, 0, sizeof *row);
    row->code = c->name;
    row->pattern = r->pattern;
    row->description = c->description ? c->description : "";
    row->parent = c->parent >= 0 ? cb->codes[c->parent].name : "";
    row->flags = r->flags;
    row->exclude = r->exclude;
    row->example = r->example;
    row->counterexample = r->counterexample;
    row->color = c->color ? c->color : "";
    row->file = cb->file;
    row->line = r->line;
    row->memo = c->memo ? c->memo : "";
}

size_t coda_codebook_path(const coda_codebook *cb, size_t i, char *buf,
                          size_t size)
{
    size_t len = strlen(cb->codes[i].name);
    long p = cb->codes[i].parent;
    size_t plen = 0;
    if (p >= 0)
        plen = coda_codebook_path(cb, (size_t)p, buf, size) + 1;
    if (p >= 0 && plen - 1 < size)
        buf[plen - 1] = '/';
    for (size_t k = 0; k < len && plen + k < size; k++)
        buf[plen + k] = cb->codes[i].name[k];
    if (size)
        buf[plen + len < size ? plen + len : size - 1] = '\0';
    return plen + len;
}

/* --- warnings --------------------------------------------------------- */

size_t coda_codebook_nwarnings(const coda_codebook *cb)
{
    return cb->nwarn;
}

const char *coda_codebook_warning(const coda_codebook *cb, size_t i)
{
    return i < cb->nwarn ? cb->warnings[i] : NULL;
}

coda_status cb_add_warning(coda_codebook *cb, const char *text)
{
    char **w = coda_reallocarray(cb->warnings, cb->nwarn + 1, sizeof *w);
    if (!w)
        return CODA_ENOMEM;
    cb->warnings = w;
    w[cb->nwarn] = coda_strndup(text, strlen(text));
    return w[cb->nwarn] ? (cb->nwarn++, CODA_OK) : CODA_ENOMEM;
}
