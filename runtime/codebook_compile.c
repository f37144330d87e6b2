/* codebook_compile.c - resolving the hierarchy and compiling each code's
 * rows into one PCRE2 pattern (plus its ASCII twin and its exclude). */
#include "codebook_prefilter.h"

#include "base_alloc.h"
#include "base_strbuf.h"
#include "codebook_wordbound.h"

#include <string.h>

static void *gc_malloc(size_t n, void *ud)
{
    (void)ud;
    return coda_malloc(n);
}

static void gc_free(void *p, void *ud)
{
    (void)ud;
    coda_free(p);
}

pcre2_general_context *cb_general_context(void)
{
    return pcre2_general_context_create(gc_malloc, gc_free, NULL);
}

static coda_status resolve_parents(coda_codebook *cb, coda_error *err)
{
    for (size_t i = 0; i < cb->n; i++) {
        cb_code *c = &cb->codes[i];
        c->parent = -1;
        if (!c->parent_name || !*c->parent_name)
            continue;
        c->parent = coda_codebook_find(cb, c->parent_name);
        if (c->parent < 0 || (size_t)c->parent == i)
            return coda_error_set(err, CODA_EARG, cb->file, c->line, 0,
                                  "code \"%s\": parent \"%s\" is %s",
                                  c->name, c->parent_name, c->parent < 0 ?
                                  "not a code of the codebook" : "itself");
    }
    for (size_t i = 0; i < cb->n; i++) {
        long p = cb->codes[i].parent;
        for (size_t steps = 0; p >= 0; steps++, p = cb->codes[p].parent) {
            if (steps > cb->n)
                return coda_error_set(err, CODA_EARG, cb->file,
                                      cb->codes[i].line, 0, "code \"%s\": its "
                                      "parents form a cycle",
                                      cb->codes[i].name);
            if (steps >= CODA_CODE_DEPTH)   /* what .qdc can carry back */
                return coda_error_set(err, CODA_EARG, cb->file,
                                      cb->codes[i].line, 0, "code \"%s\": its "
                                      "parents go more than %d levels deep "
                                      "(a codebook nests codes at most %d "
                                      "deep)", cb->codes[i].name,
                                      CODA_CODE_DEPTH, CODA_CODE_DEPTH);
        }
    }
    return CODA_OK;
}

static uint32_t compile_options(unsigned fl)
{
    return (fl & CB_CASELESS ? PCRE2_CASELESS : 0) |
           (fl & CB_EXTENDED ? PCRE2_EXTENDED : 0) |
           (fl & CB_DOTALL ? PCRE2_DOTALL : 0) |
           (fl & CB_MULTILINE ? PCRE2_MULTILINE : 0);
}

/* The length of the PCRE2 start-of-pattern item pat opens with, such as
 * (*UTF) or (*LIMIT_MATCH=10), else 0.  Such items are honoured only at the
 * very start of a pattern, and coda wraps each row in a group; backtracking
 * verbs ((*FAIL), (*SKIP), (*MARK:x) ...) work anywhere and are let be. */
static size_t start_item(const char *pat)
{
    static const char *const verbs[] = { "ACCEPT", "FAIL", "F", "COMMIT",
                                         "PRUNE", "SKIP", "THEN", "MARK" };
    if (strncmp(pat, "(*", 2) != 0)
        return 0;
    size_t n = strspn(pat + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_");
    if (n == 0)
        return 0;
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (strlen(verbs[i]) == n && !strncmp(pat + 2, verbs[i], n))
            return 0;
    size_t e = 2 + n;
    if (pat[e] == '=')
        e += 1 + strspn(pat + e + 1, "0123456789");
    return pat[e] == ')' ? e + 1 : 0;
}

/* 1 when re can match the empty string: PCRE2 finds no minimum length
 * and says an empty match is possible ("a|", "x*", "(?=a)"). */
static int matches_empty(const pcre2_code *re)
{
    uint32_t min = 1, empty = 0;
    pcre2_pattern_info(re, PCRE2_INFO_MINLENGTH, &min);
    pcre2_pattern_info(re, PCRE2_INFO_MATCHEMPTY, &empty);
    return min == 0 && empty;
}

/* Compile pat as the user wrote it, to report an error at the offset the
 * user sees and to learn whether it can match the empty string (*empty);
 * refuse a start-of-pattern item, which cannot work where coda puts the
 * pattern. */
static coda_status validate(const coda_codebook *cb, const cb_code *c,
                            const cb_row *r, const char *pat,
                            pcre2_compile_context *cc, unsigned char *empty,
                            coda_error *err)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, strlen(pat),
                                   PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
                                       compile_options(r->fl),
                                   &code, &off, cc);
    size_t item = re ? start_item(pat) : 0;
    *empty = re && matches_empty(re);
    if (re && item) {
        pcre2_code_free(re);
        coda_error_set(err, CODA_EREGEX, cb->file, r->line, 0, "code "
                              "\"%s\": pattern \"%s\" starts with %.*s, a "
                              "start-of-pattern item, which has effect only "
                              "at the very start of a whole pattern; remove "
                              "it (coda compiles every pattern as UTF with "
                              "Unicode properties and sets its own limits)",
                              c->name, pat, (int)item, pat);
        if (err)
            err->offset = 0;
        return CODA_EREGEX;
    }
    pcre2_code_free(re);
    if (re)
        return CODA_OK;
    if (code == PCRE2_ERROR_HEAP_FAILED)
        return coda_error_nomem(err);
    PCRE2_UCHAR msg[200];
    pcre2_get_error_message(code, msg, sizeof msg);
    int k = coda_clip(pat, 300);
    coda_error_set(err, CODA_EREGEX, cb->file, r->line, 0, "code \"%s\": "
                   "pattern \"%.*s%s\" does not compile at offset %zu: %s",
                   c->name, k, pat, pat[k] ? "..." : "", (size_t)off,
                   (const char *)msg);
    if (err)
        err->offset = (long)off;
    return CODA_EREGEX;
}

/* One alternative: (?FLAGS: [\b(?:] body [\n] [)\b] ); row: the row's
 * pattern as written, which tells what the two \b of flag w lie next to. */
static void put_piece(coda_strbuf *b, const char *body, const char *row,
                      unsigned fl, int uni)
{
    int x = (fl & CB_EXTENDED) != 0, words = (fl & CB_WORDS) && uni;
    size_t n = strlen(row);
    const char *lead = !uni ? "\\b" : !words ? "" :
        coda_wordbound_pick(0, CB_SIDE_UNKNOWN, cb_side_first(row, n, x));
    const char *trail = !uni ? "\\b" : !words ? "" :
        coda_wordbound_pick(0, cb_side_last(row, n, x), CB_SIDE_UNKNOWN);
    coda_strbuf_puts(b, "(?");
    coda_strbuf_puts(b, fl & CB_CASELESS ? "i" : "");
    coda_strbuf_puts(b, fl & CB_EXTENDED ? "x" : "");
    coda_strbuf_puts(b, fl & CB_DOTALL ? "s" : "");
    coda_strbuf_puts(b, fl & CB_MULTILINE ? "m" : "");
    coda_strbuf_puts(b, fl & CB_CASELESS ? ":" : "-i:");
    if (fl & CB_WORDS) {
        coda_strbuf_puts(b, lead);
        coda_strbuf_puts(b, "(?:");
    }
    coda_strbuf_puts(b, body);
    /* a \Q quotation left open would swallow the closing parentheses */
    coda_strbuf_puts(b, strstr(body, "\\Q") ? "\\E" : "");
    coda_strbuf_puts(b, fl & CB_EXTENDED ? "\n" : "");
    if (fl & CB_WORDS) {
        coda_strbuf_puts(b, ")");
        coda_strbuf_puts(b, trail);
    }
    coda_strbuf_puts(b, ")");
}

static const char *row_text(const cb_row *r, int exclude)
{
    return exclude ? r->exclude : r->pattern;
}

/* The combined pattern of c's rows (patterns or excludes) into *out, NULL
 * when no row has one.  uni: \b rewritten for Unicode text. */
static coda_status combine(const cb_code *c, int exclude, int uni, char **out)
{
    coda_strbuf b = { 0 };
    size_t k = 0;
    *out = NULL;
    for (size_t j = 0; j < c->nrows; j++)
        k += row_text(&c->rows[j], exclude)[0] != '\0';
    if (k == 0)
        return CODA_OK;
    coda_strbuf_puts(&b, k > 1 ? "(?|" : "");
    for (size_t j = 0, done = 0; j < c->nrows && !b.failed; j++) {
        const cb_row *r = &c->rows[j];
        const char *t = row_text(r, exclude);
        char *body = NULL, *wb = NULL;
        int x = (r->fl & CB_EXTENDED) != 0;
        if (!*t)
            continue;
        if ((uni && coda_wordbound_rewrite(t, strlen(t), x, &wb, NULL)) ||
            coda_pattern_guard(uni ? wb : t, strlen(uni ? wb : t), x, &body,
                               NULL)) {
            coda_free(wb);
            b.failed = 1;
            break;
        }
        coda_free(wb);
        coda_strbuf_puts(&b, done++ ? "|" : "");
        put_piece(&b, body, t, r->fl, uni);
        coda_free(body);
    }
    coda_strbuf_puts(&b, k > 1 ? ")" : "");
    if (b.failed) {
        coda_free(b.p);
        return CODA_ENOMEM;
    }
    *out = b.p;
    return CODA_OK;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

/* Compile text with options into *re and JIT it.  Returns CODA_OK,
 * CODA_ENOMEM, or CODA_EREGEX with the PCRE2 message in msg. */
static coda_status compile_jit(const char *text, uint32_t options,
                               pcre2_compile_context *cc, pcre2_code **re,
                               char *msg, size_t msize)
{
    int code;
    PCRE2_SIZE off;
    /* the coder may bound where a match starts (cb_next_upto) */
    *re = pcre2_compile((PCRE2_SPTR)text, strlen(text),
                        options | PCRE2_NEVER_BACKSLASH_C |
                            PCRE2_USE_OFFSET_LIMIT, &code, &off, cc);
    if (!*re) {
        if (code == PCRE2_ERROR_HEAP_FAILED)
            return CODA_ENOMEM;
        pcre2_get_error_message(code, (PCRE2_UCHAR *)msg, msize);
        return CODA_EREGEX;
    }
    int rc = pcre2_jit_compile(*re, PCRE2_JIT_COMPLETE);
    if (rc == PCRE2_ERROR_NOMEMORY) {
        pcre2_code_free(*re);
        *re = NULL;
        return CODA_ENOMEM;
    }
    return CODA_OK;                     /* no JIT on this machine: interpret */
}

/* Build and compile r from c's patterns (or excludes). */
static coda_status build_regex(const coda_codebook *cb, const cb_code *c,
                               int exclude, pcre2_compile_context *cc,
                               cb_regex *r, coda_error *err)
{
    char msg[200], *ascii = NULL;
    coda_status st = combine(c, exclude, 1, &r->text);
    if (st == CODA_OK && r->text)
        st = combine(c, exclude, 0, &ascii);
    if (st == CODA_OK && r->text)
        st = compile_jit(r->text, PCRE2_UTF | PCRE2_UCP, cc, &r->uni, msg,
                         sizeof msg);
    if (st == CODA_EREGEX)
        coda_error_set(err, st, cb->file, c->line, 0, "code \"%s\": its %s "
                       "do not compile together (%s): %.*s%s", c->name,
                       exclude ? "excludes" : "patterns", msg,
                       coda_clip(r->text, 300), r->text,
                       r->text[coda_clip(r->text, 300)] ? "..." : "");
    if (st == CODA_OK && r->text) {    /* a (?C1) at each start position */
        coda_strbuf clk = { 0 };
        coda_strbuf_puts(&clk, "(?C1)");
        coda_strbuf_puts(&clk, r->text);
        st = clk.failed ? CODA_ENOMEM
                        : compile_jit(clk.p, PCRE2_UTF | PCRE2_UCP, cc,
                                      &r->clocked, msg, sizeof msg);
        coda_free(clk.p);
    }
    if (st == CODA_OK && ascii && is_ascii(ascii)) {
        st = compile_jit(ascii, 0, cc, &r->ascii, msg, sizeof msg);
        if (st == CODA_EREGEX)
            st = CODA_OK;               /* Unicode-only syntax: no twin */
    }
    coda_free(ascii);
    if (st == CODA_ENOMEM)
        coda_error_nomem(err);
    return st;
}

static coda_status compile_code(const coda_codebook *cb, cb_code *c,
                                pcre2_compile_context *cc, coda_error *err)
{
    coda_status st = CODA_OK;
    for (size_t j = 0; j < c->nrows && st == CODA_OK; j++) {
        cb_row *r = &c->rows[j];
        r->empty[0] = r->empty[1] = 0;
        if (r->pattern[0])
            st = validate(cb, c, r, r->pattern, cc, &r->empty[0], err);
        if (st == CODA_OK && r->exclude[0])
            st = validate(cb, c, r, r->exclude, cc, &r->empty[1], err);
    }
    if (st == CODA_OK)
        st = build_regex(cb, c, 0, cc, &c->re, err);
    if (st == CODA_OK)
        st = build_regex(cb, c, 1, cc, &c->ex, err);
    if (st == CODA_OK && cb_prefilter_derive(c) != CODA_OK)
        st = coda_error_nomem(err);
    return st;
}

static void code_reset(cb_code *c)
{
    cb_regex_free(&c->re);
    cb_regex_free(&c->ex);
    cb_drop_literals(c);
    coda_free(c->error);
    c->error = NULL;
}

/* Keep code c's failure as its error text (lenient mode). */
static coda_status keep_error(cb_code *c, const coda_error *e, coda_error *err)
{
    code_reset(c);
    c->error = coda_strndup(e->msg, strlen(e->msg));
    return c->error ? CODA_OK : coda_error_nomem(err);
}

coda_status coda_codebook_compile(coda_codebook *cb, int lenient,
                                  coda_error *err)
{
    if (!cb->gctx && !(cb->gctx = cb_general_context()))
        return coda_error_nomem(err);
    coda_literals_free(cb->lits);
    cb->lits = NULL;
    coda_status st = resolve_parents(cb, err);
    if (st == CODA_OK && cb_find_slips(cb) != CODA_OK)
        st = coda_error_nomem(err);
    if (st != CODA_OK)
        return st;
    pcre2_compile_context *cc = pcre2_compile_context_create(cb->gctx);
    if (!cc)
        return coda_error_nomem(err);
    for (size_t i = 0; i < cb->n && st == CODA_OK; i++) {
        coda_error e;
        code_reset(&cb->codes[i]);
        st = compile_code(cb, &cb->codes[i], cc, &e);
        if (st == CODA_EREGEX && lenient)
            st = keep_error(&cb->codes[i], &e, err);
        else if (st != CODA_OK) {
            code_reset(&cb->codes[i]);
            if (err)
                *err = e;
        }
    }
    pcre2_compile_context_free(cc);
    if (st == CODA_OK && cb_prefilter_build(cb) != CODA_OK)
        st = coda_error_nomem(err);
    cb->compiled = st == CODA_OK;
    return st;
}
