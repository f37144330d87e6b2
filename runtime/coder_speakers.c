/* coder_speakers.c - choosing the units to code by their speaker: a
 * filter matches whole names, ignoring case, and a filter that matches no
 * speaker of the corpus is a warning naming the spelling probably meant. */
#include "codebook_match.h"
#include "coder.h"

#include "base_alloc.h"
#include "base_strbuf.h"
#include "base_utf8.h"
#include "codebook_wordbound.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

coda_status coda_speakers_init(coda_speakers *s, const coda_table *t,
                               coda_error *err)
{
    memset(s, 0, sizeof *s);
    s->t = t;
    s->none = UINT32_MAX;
    s->col = coda_table_find(t, "speaker");
    if (s->col >= 0 && t->cols[s->col].type != CODA_STRING)
        s->col = -1;
    if (s->col >= 0) {
        size_t c = (size_t)s->col;
        if (coda_group_rows(t, &c, 1, &s->g) != CODA_OK)
            return coda_error_nomem(err);
    }
    for (size_t k = 0; s->col >= 0 && k < s->g.ngroups; k++)
        if (coda_is_missing(&t->cols[s->col], s->g.first[k]))
            s->none = (uint32_t)k;
    if (t->nrow && s->g.ngroups == (s->none != UINT32_MAX))
        return coda_error_set(err, CODA_EARG, NULL, 0, 0, "code: a speaker "
                              "filter, but no unit of the corpus has a speaker "
                              "(document and paragraph units have none; turn "
                              "and sentence units have the speaker of a "
                              "labelled turn, \"Name: text\")");
    return CODA_OK;
}

void coda_speakers_free(coda_speakers *s)
{
    coda_groups_free(&s->g);
    memset(s, 0, sizeof *s);
}

size_t coda_speakers_count(const coda_speakers *s)
{
    return s->g.ngroups;
}

const char *coda_speakers_name(const coda_speakers *s, size_t k, size_t *len)
{
    if (k == s->none)
        return NULL;
    const coda_column *c = &s->t->cols[s->col];
    *len = c->v.s.len[s->g.first[k]];
    return c->v.s.p[s->g.first[k]];
}

/* Compile filter to match whole names, ignoring case; literal: a name. */
static coda_status compile(const char *filter, int literal,
                           pcre2_compile_context *cc, pcre2_code **code,
                           coda_error *err)
{
    uint32_t opt = PCRE2_UTF | PCRE2_CASELESS | PCRE2_ANCHORED |
                   PCRE2_ENDANCHORED | (literal ? PCRE2_LITERAL
                                        : PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C);
    char *text = NULL;
    if (!literal && coda_wordbound_rewrite(filter, strlen(filter), 0, &text,
                                           NULL) != CODA_OK)
        return coda_error_nomem(err);
    int ec = 0;
    PCRE2_SIZE off = 0;
    const char *pat = literal ? filter : text;
    *code = pcre2_compile((PCRE2_SPTR)pat, strlen(pat), opt, &ec, &off, cc);
    coda_free(text);
    if (*code)
        return CODA_OK;
    if (ec == PCRE2_ERROR_HEAP_FAILED)
        return coda_error_nomem(err);
    /* the offset the user sees: compile what the user wrote to find it */
    pcre2_code_free(pcre2_compile((PCRE2_SPTR)filter, strlen(filter), opt,
                                  &ec, &off, cc));
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(ec, msg, sizeof msg);
    int k = coda_clip(filter, 300);
    coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "pattern \"%.*s%s\" does not "
                   "compile at offset %zu: %s", k, filter, filter[k] ? "..."
                   : "", (size_t)off, (const char *)msg);
    if (err)
        err->offset = (long)off;
    return CODA_EREGEX;
}

/* Set hit[k] (hit may be NULL) for each speaker k filter matches; *n how
 * many it matches. */
static coda_status match(const coda_speakers *s, const char *filter,
                         int literal, uint8_t *hit, size_t *n, coda_error *err)
{
    pcre2_code *code = NULL;
    pcre2_match_data *md = NULL;
    pcre2_general_context *gc = cb_general_context();
    pcre2_compile_context *cc = gc ? pcre2_compile_context_create(gc) : NULL;
    *n = 0;
    coda_status st = cc ? compile(filter, literal, cc, &code, err)
                        : coda_error_nomem(err);
    if (st == CODA_OK && !(md = pcre2_match_data_create(1, gc)))
        st = coda_error_nomem(err);
    for (size_t k = 0; k < s->g.ngroups && st == CODA_OK; k++) {
        size_t len;
        const char *name = coda_speakers_name(s, k, &len);
        int rc = name ? pcre2_match(code, (PCRE2_SPTR)name, len, 0, 0, md,
                                    NULL) : PCRE2_ERROR_NOMATCH;
        if (rc == PCRE2_ERROR_NOMEMORY)
            st = coda_error_nomem(err);
        else if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
            st = coda_error_set(err, CODA_EREGEX, NULL, 0, 0, "pattern "
                                "\"%s\" failed on speaker \"%s\"", filter,
                                name);
        else if (rc >= 0 && hit)
            hit[k] = 1;
        *n += rc >= 0;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(code);
    pcre2_compile_context_free(cc);
    pcre2_general_context_free(gc);
    return st;
}

size_t coda_speakers_mark(const coda_speakers *s, const uint8_t *hit,
                          int include, uint8_t *skip)
{
    size_t left = 0;
    for (size_t r = 0; r < s->t->nrow; r++) {
        int in = s->col >= 0 && hit[s->g.gid[r]];
        skip[r] |= include ? !in : in;
        left += !skip[r];
    }
    return left;
}

/* --- the spelling meant ---------------------------------------------------- */

static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The speaker nearest to filter by edits, few enough for its length to be
 * a slip (1 from 4 letters, 2 from 8), or NULL. */
static const char *nearest(const coda_speakers *s, const char *filter)
{
    size_t fl = strlen(filter), nc = chars(filter, fl);
    size_t max = nc >= 8 ? 2 : nc >= 4 ? 1 : 0, best = max + 1;
    const char *near = NULL;
    for (size_t k = 0; k < s->g.ngroups && max; k++) {
        size_t len;
        const char *name = coda_speakers_name(s, k, &len);
        size_t d = name ? coda_utf8_distance(filter, fl, name, len, max)
                        : best;
        if (d < best)
            best = d, near = name;
    }
    return near;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the speakers starting with start (ignoring ASCII case; all
 * when start is NULL), sorted, in a new array (coda_free) of *n; NULL when
 * out of memory. */
static const char **names_from(const coda_speakers *s, const char *start,
                               size_t *n)
{
    size_t sl = start ? strlen(start) : 0;
    const char **v = coda_malloc((s->g.ngroups + 1) * sizeof *v);
    *n = 0;
    for (size_t k = 0; v && k < s->g.ngroups; k++) {
        size_t len;
        const char *name = coda_speakers_name(s, k, &len);
        if (name && (!start || (len >= sl && !strncasecmp(name, start, sl))))
            v[(*n)++] = name;
    }
    if (v)
        qsort(v, *n, sizeof *v, by_name);
    return v;
}

/* Append up to 8 names of speakers (those starting with start, when it is
 * not NULL), in order, to b as "A, B and C"; returns how many there are. */
static size_t list_names(const coda_speakers *s, const char *start,
                         coda_strbuf *b)
{
    size_t total;
    const char **v = names_from(s, start, &total);
    if (!v) {
        b->failed = 1;
        return 0;
    }
    for (size_t k = 0; k < total && k < 8; k++) {
        coda_strbuf_puts(b, k == 0 ? "" : k + 1 == total ? " and " : ", ");
        coda_strbuf_puts(b, v[k]);
    }
    if (total > 8) {
        char more[40];
        snprintf(more, sizeof more, " and %zu more", total - 8);
        coda_strbuf_puts(b, more);
    }
    coda_free(v);
    return total;
}

/* Warn in w that filter matches no speaker, naming the spelling probably
 * meant: a name a slip away, the names it starts, or all of them. */
static coda_status hint(const coda_speakers *s, const char *filter,
                        int literal, coda_warnings *w)
{
    const char *near = nearest(s, filter);
    int k = coda_clip(filter, 200);
    const char *dots = filter[k] ? "..." : "";
    if (near)
        return coda_warn(w, "no speaker \"%.*s%s\" in the corpus; did you "
                         "mean \"%s\"?", k, filter, dots, near);
    coda_strbuf b = { 0 };
    const char *core = filter + (!literal && *filter == '^');  /* "^Mod" */
    int plain = strcspn(core, "\\^$.|?*+()[]{}%") == strlen(core);
    if (*core && (literal || plain) && list_names(s, core, &b)) {
        coda_status st = b.failed ? CODA_ENOMEM : literal
            ? coda_warn(w, "no speaker \"%.*s%s\" in the corpus: a filter "
                        "matches whole names (%s start%s with it)", k, filter,
                        dots, b.p, strstr(b.p, " and ") ? "" : "s")
            : coda_warn(w, "no speaker \"%.*s%s\" in the corpus: a filter "
                        "matches whole names (\"%.*s.*\" matches %s)", k,
                        filter, dots, k, filter, b.p);
        coda_free(b.p);
        return st;
    }
    list_names(s, NULL, &b);
    coda_status st = b.failed ? CODA_ENOMEM
        : coda_warn(w, "no speaker \"%.*s%s\" in the corpus (its speakers: "
                    "%s)", k, filter, dots, b.p ? b.p : "none");
    coda_free(b.p);
    return st;
}

/* --- a filter and its parts ------------------------------------------------ */

/* The offsets of the top-level '|' of regex p (at most max), or 0 when p
 * has none or is too involved to split (a group left open, (?x)). */
static size_t alternatives(const char *p, size_t *bar, size_t max)
{
    size_t n = 0, depth = 0, len = strlen(p);
    if (strstr(p, "(?x"))
        return 0;
    for (size_t i = 0; i < len;) {
        size_t j = coda_pattern_opaque(p, len, i, 0);
        if (j > i) {
            i = j;
            continue;
        }
        if (p[i] == '(')
            depth++;
        else if (p[i] == ')' && depth)
            depth--;
        else if (p[i] == '|' && depth == 0 && n < max)
            bar[n++] = i;
        i++;
    }
    return depth ? 0 : n;
}

coda_status coda_speakers_pick(const coda_speakers *s, const char *filter,
                               int literal, uint8_t *hit, coda_warnings *w,
                               coda_error *err)
{
    size_t n, bar[64];
    coda_status st = match(s, filter, literal, hit, &n, err);
    size_t nb = st == CODA_OK && !literal ? alternatives(filter, bar, 64) : 0;
    if (st == CODA_OK && n == 0)
        return hint(s, filter, literal, w) == CODA_OK ? CODA_OK
                                                      : coda_error_nomem(err);
    for (size_t i = 0; i <= nb && nb && st == CODA_OK; i++) {
        size_t a = i ? bar[i - 1] + 1 : 0, e = i < nb ? bar[i] : strlen(filter);
        char *part = coda_strndup(filter + a, e - a);
        coda_error ignored;             /* "\1" alone: let the whole be */
        coda_status ps = part ? match(s, part, 0, NULL, &n, &ignored)
                              : CODA_ENOMEM;
        if (ps == CODA_ENOMEM || (ps == CODA_OK && n == 0 &&
                                  hint(s, part, 0, w) != CODA_OK))
            st = coda_error_nomem(err);
        coda_free(part);
    }
    return st;
}

coda_status coda_speakers_hint(const coda_speakers *s, const char *filter,
                               coda_warnings *w)
{
    return hint(s, filter, 0, w);
}
