/* corpus_decode.c - a transcript's bytes as UTF-8: conversion from a named
 * encoding through iconv (glibc's), and the error for bytes that are not
 * UTF-8, saying where they are, what the file looks like and which
 * options read it. */
#include "corpus_int.h"

#include "base_alloc.h"
#include "base_utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int coda_corpus_is_utf8(const char *name)
{
    return !name || !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8");
}

/* A converter from name to UTF-8 in *cd. */
static coda_status open_from(const char *name, iconv_t *cd, coda_error *err)
{
    errno = EINVAL;
    *cd = name[0] ? iconv_open("UTF-8", name) : (iconv_t)-1;
    if (*cd != (iconv_t)-1)
        return CODA_OK;
    if (errno == ENOMEM)
        return coda_error_nomem(err);
    return coda_error_set(err, CODA_EARG, NULL, 0, 0, "unknown encoding "
                          "\"%.100s\" (iconv knows names such as latin1, "
                          "cp1252, utf-16, utf-16le, shift_jis; `iconv -l` "
                          "lists them all)", name);
}

coda_status coda_corpus_encoding_check(const char *name, coda_error *err)
{
    iconv_t cd;
    if (coda_corpus_is_utf8(name))
        return CODA_OK;
    coda_status st = open_from(name, &cd, err);
    if (st == CODA_OK)
        iconv_close(cd);
    return st;
}

/* The bytes a character takes in name (its "A" after the first, which
 * may carry a byte-order mark): 2 for UTF-16, 4 for UTF-32, else 1.  A
 * replacement skips that many bytes, so UTF-16 stays in step. */
static size_t step_of(const char *name)
{
    iconv_t cd = iconv_open(name, "UTF-8");
    char buf[16], a[] = "A";
    size_t step = 0;
    for (int i = 0; i < 2 && cd != (iconv_t)-1; i++) {
        char *in = a, *out = buf;
        size_t il = 1, ol = sizeof buf;
        if (iconv(cd, &in, &il, &out, &ol) == (size_t)-1)
            break;
        step = sizeof buf - ol;
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    return step ? step : 1;
}

/* The UTF-8 being written. */
typedef struct conv {
    iconv_t cd;
    char *out;
    size_t n, cap;
} conv;

/* Room for at least need more bytes. */
static int room(conv *c, size_t need)
{
    if (c->cap - c->n >= need)
        return 1;
    size_t cap = c->cap * 2 > c->n + need ? c->cap * 2 : c->n + need;
    char *g = coda_realloc(c->out, cap);
    if (!g)
        return 0;
    c->out = g;
    c->cap = cap;
    return 1;
}

/* One iconv call over what is left of the input (ip NULL: flush the
 * converter's state); 0 or its errno. */
static int pass(conv *c, char **ip, size_t *il)
{
    char *op = c->out + c->n;
    size_t ol = c->cap - c->n;
    size_t r = iconv(c->cd, ip, il, &op, &ol);
    c->n = (size_t)(op - c->out);
    return r == (size_t)-1 ? errno : 0;
}

/* Convert in[0..len); CODA_EUTF8 with *at (the offset of the bytes it
 * cannot convert) and *cut (1: the input ends inside a character) unless
 * replace, which writes U+FFFD for them and skips step bytes. */
static coda_status convert(conv *c, char *in, size_t len, int replace,
                           size_t step, size_t *at, int *cut)
{
    char *ip = in;
    size_t il = len;
    int e = 0;
    while (il > 0 || e == E2BIG) {
        e = il > 0 ? pass(c, &ip, &il) : pass(c, NULL, NULL);
        if (e == E2BIG && !room(c, c->cap))
            return CODA_ENOMEM;
        if (e != EILSEQ && e != EINVAL)
            continue;
        *at = (size_t)(ip - in);
        *cut = e == EINVAL;
        if (!replace || !room(c, 3))
            return replace ? CODA_ENOMEM : CODA_EUTF8;
        memcpy(c->out + c->n, "\xEF\xBF\xBD", 3);
        c->n += 3;
        size_t k = step < il ? step : il;
        ip += k;
        il -= k;
    }
    do
        e = pass(c, NULL, NULL);
    while (e == E2BIG && room(c, 64));
    return e == E2BIG ? CODA_ENOMEM : CODA_OK;
}

/* "0x81" or "0x00 0xD8": the n bytes at s, for a message. */
static void hex(char *buf, size_t size, const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && i < 4 && k < size; i++)
        k += (size_t)snprintf(buf + k, size - k, "%s0x%02X", i ? " " : "",
                              (unsigned char)s[i]);
}

/* The error for bytes at `at` that are not text in name: the line and
 * character counted in the UTF-8 written so far. */
static coda_status not_text(const conv *c, const char *file, const char *name,
                            const char *in, size_t len, size_t at, int cut,
                            size_t step, coda_error *err)
{
    long line = 1;
    size_t ch = 1;
    char b[40];
    for (size_t i = 0; i < c->n; i++) {
        if (c->out[i] == '\n')
            line++, ch = 1;
        else
            ch += ((unsigned char)c->out[i] & 0xC0) != 0x80;
    }
    size_t nb = step < len - at ? step : len - at;
    hex(b, sizeof b, in + at, nb);
    if (cut)
        coda_error_set(err, CODA_EUTF8, file, line, 0, "the file ends inside "
                       "a %s character (%s at line %ld, byte %zu of the file)",
                       name, b, line, at + 1);
    else
        coda_error_set(err, CODA_EUTF8, file, line, 0, "byte%s %s at line "
                       "%ld, character %zu of the line (byte %zu of the file) "
                       "%s not %s text; %s--invalid replace (invalid = "
                       "\"replace\") codes around %s", nb > 1 ? "s" : "", b,
                       line, ch, at + 1, nb > 1 ? "are" : "is", name,
                       coda_utf8_valid(in, len, NULL) ? "the file is UTF-8, "
                       "so leave out --encoding; " : "",
                       nb > 1 ? "them" : "it");
    if (err)
        err->offset = (long)at;
    return CODA_EUTF8;
}

/* CODA_EUTF8 when s starts with the byte-order mark of an encoding other
 * than name (whose characters take step bytes). */
static coda_status other_bom(const char *s, size_t len, const char *file,
                             const char *name, size_t step, coda_error *err)
{
    const char *bom = len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? "UTF-8"
                                                                : NULL;
    if (!bom && step == 1)
        bom = coda_utf_bom(s, len);
    if (!bom)
        return CODA_OK;
    const char *fix = !strcmp(bom, "UTF-8") ? NULL
                    : strncmp(bom, "UTF-16", 6) ? "utf-32" : "utf-16";
    coda_error_set(err, CODA_EUTF8, file, 1, 0, "the file starts with a %s "
                   "byte-order mark, so it is %s text, not %s: %s%s%s%s%s",
                   bom, bom, name, fix ? "read it with --encoding " : "leave "
                   "out --encoding", fix ? fix : "", fix ? " (encoding = \""
                   : "", fix ? fix : "", fix ? "\")" : "");
    if (err)
        err->offset = 0;
    return CODA_EUTF8;
}

/* A warning when s, about to be read as name, is UTF-8 with characters
 * beyond ASCII, or any UTF-8 for a wide encoding (step > 1): the option
 * was likely given for other files. */
static coda_status utf8_already(const char *s, size_t len, const char *file,
                                const char *name, size_t step,
                                coda_warnings *w)
{
    int high = 0;
    for (size_t i = 0; i < len && !high; i++)
        high = (unsigned char)s[i] >= 0x80;
    if (len == 0 || !(high || step > 1) || !coda_utf8_valid(s, len, NULL))
        return CODA_OK;
    return coda_warn(w, "%s: the file is UTF-8 text, read as %s; if its "
                     "characters come out wrong, leave out --encoding "
                     "(encoding =)", file, name);
}

/* What is checked before s is converted from o->encoding (whose
 * characters take step bytes): a byte-order mark of another encoding,
 * UTF-8 already (a warning); then the converter, into *cd. */
static coda_status before(const char *file, const coda_corpus_opts *o,
                          const char *s, size_t len, size_t step, iconv_t *cd,
                          coda_error *err)
{
    coda_status st = other_bom(s, len, file, o->encoding, step, err);
    if (st == CODA_OK && utf8_already(s, len, file, o->encoding, step,
                                      o->warnings) != CODA_OK)
        st = coda_error_nomem(err);
    return st == CODA_OK ? open_from(o->encoding, cd, err) : st;
}

coda_status coda_corpus_decode(const char *file, const coda_corpus_opts *o,
                               char **text, size_t *len, coda_error *err)
{
    const char *name = o->encoding;
    if (coda_corpus_is_utf8(name))
        return CODA_OK;
    size_t step = step_of(name), at = 0;
    conv c = { (iconv_t)-1, NULL, 0, *len + *len / 4 + 64 };
    coda_status st = before(file, o, *text, *len, step, &c.cd, err);
    if (st != CODA_OK)
        return st;
    int cut = 0;
    c.out = coda_malloc(c.cap);
    st = c.out ? convert(&c, *text, *len, o->replace_invalid, step, &at, &cut)
               : CODA_ENOMEM;
    iconv_close(c.cd);
    if (st == CODA_OK && room(&c, 1)) {
        c.out[c.n] = '\0';
        coda_free(*text);
        *text = c.out;
        *len = c.n;
        return CODA_OK;
    }
    if (st == CODA_EUTF8)
        not_text(&c, file, name, *text, *len, at, cut, step, err);
    coda_free(c.out);
    return st == CODA_EUTF8 ? st : coda_error_nomem(err);
}

/* --- bytes that are not UTF-8 --------------------------------------------- */

/* The encoding the bytes of s that are not UTF-8 suggest: "cp1252" when
 * some are Windows-1252 punctuation (0x80-0x9F: curly quotes, dashes, the
 * euro sign), "latin1" when all are 0xA0-0xFE (letters with accents,
 * symbols); NULL when s has UTF-8 beyond ASCII too (a mix, or damage), a
 * byte Windows-1252 leaves undefined, or 0xFF (more often damage than
 * the rare y with diaeresis). */
static const char *guess(const char *s, size_t len)
{
    int c1 = 0, high = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)s[i];
        unsigned cp;
        if (b < 0x80)
            continue;
        if (coda_utf8_decode(s + i, len - i, &cp) > 1 ||
            b == 0x81 || b == 0x8D || b == 0x8F || b == 0x90 || b == 0x9D ||
            b == 0xFF)
            return NULL;
        c1 |= b <= 0x9F;
        high = 1;
    }
    return c1 ? "cp1252" : high ? "latin1" : NULL;
}

coda_status coda_corpus_utf8_error(const char *s, size_t len, size_t bad,
                                   const char *file, int from_file,
                                   const char *id, coda_error *err)
{
    long line = 1;
    size_t start = 0;
    for (size_t i = 0; i < bad; i++)
        if (s[i] == '\n')
            line++, start = i + 1;
    const char *g = guess(s, len);
    char hint[200];
    if (g)
        snprintf(hint, sizeof hint, "it looks like %s text: try --encoding "
                 "%s (encoding = \"%s\")", strcmp(g, "cp1252") ? "Latin-1 "
                 "(ISO-8859-1)" : "Windows-1252", g, g);
    else
        snprintf(hint, sizeof hint, "name the file's encoding with "
                 "--encoding NAME (encoding = \"NAME\")");
    coda_error_set(err, CODA_EUTF8, file, line, (long)(bad - start + 1),
                   "invalid UTF-8 in document \"%s\" at line %ld, byte %zu of "
                   "the line (byte %zu of the %s): 0x%02X; %s, or use "
                   "--invalid replace (invalid = \"replace\") to code around "
                   "bytes that are not UTF-8", id, line, bad - start + 1,
                   bad + 1, from_file ? "file" : "text",
                   (unsigned char)s[bad], hint);
    if (err)
        err->offset = (long)bad;
    return CODA_EUTF8;
}
