/* corpus.c - reading transcripts (a file or a folder of .txt and .docx
 * files) or documents in memory into a corpus Dataset of units. */
#include "corpus.h"

#include "alloc.h"
#include "corpus_int.h"
#include "inputs.h"
#include "utf8.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

void coda_corpus_opts_init(coda_corpus_opts *o)
{
    memset(o, 0, sizeof *o);
    o->unit = CODA_UNIT_TURN;
}

typedef struct doc {
    char *id, *text;
    size_t len;
} doc;

typedef struct urow {
    size_t doc;
    int64_t unit;
    coda_unit u;
} urow;

typedef struct units {
    urow *r;
    size_t n, cap, doc;
    int64_t unit;
} units;

static coda_status on_unit(void *ud, const coda_unit *u)
{
    units *us = ud;
    if (us->n == us->cap) {
        size_t cap = us->cap ? us->cap * 2 : 256;
        urow *r = coda_reallocarray(us->r, cap, sizeof *r);
        if (!r)
            return CODA_ENOMEM;
        us->r = r;
        us->cap = cap;
    }
    us->r[us->n++] = (urow){ us->doc, ++us->unit, *u };
    return CODA_OK;
}

/* Replace each byte that does not start valid UTF-8 with U+FFFD. */
static char *replace_invalid(const char *s, size_t len, size_t *outlen)
{
    size_t cap = len + 16, n = 0, bad;
    char *out = coda_malloc(cap);
    for (size_t i = 0; out && i < len;) {
        size_t ok = coda_utf8_valid(s + i, len - i, &bad) ? len - i : bad;
        if (n + ok + 3 > cap) {
            cap = (n + ok + 3) * 2;
            char *g = coda_realloc(out, cap);
            if (!g) {
                coda_free(out);
                return NULL;
            }
            out = g;
        }
        memcpy(out + n, s + i, ok);
        n += ok;
        i += ok;
        if (i < len) {
            memcpy(out + n, "\xEF\xBF\xBD", 3);
            n += 3;
            i++;
        }
    }
    *outlen = n;
    return out;
}

/* The --encoding that reads text whose BOM (bom: 1) or look (0) says it
 * is enc: with a BOM, iconv takes the byte order from it. */
static const char *wide_name(const char *enc, int bom)
{
    if (bom)
        return strncmp(enc, "UTF-16", 6) ? "utf-32" : "utf-16";
    return strcmp(enc, "UTF-16LE") ? "utf-16be" : "utf-16le";
}

/* CODA_EUTF8 (at offset 0) when d is UTF-16 or UTF-32 text, which no
 * replacement of bytes could make codable. */
static coda_status wide_text(const doc *d, const char *file, coda_error *err)
{
    const char *bom = coda_utf_bom(d->text, d->len);
    const char *guess = bom ? NULL : coda_utf16_guess(d->text, d->len);
    if (bom)
        coda_error_set(err, CODA_EUTF8, file, 1, 0, "document \"%s\" is %s "
                       "text (it starts with a %s byte-order mark); read it "
                       "with --encoding %s (encoding = \"%s\"), or re-save "
                       "the file as UTF-8", d->id, bom, bom,
                       wide_name(bom, 1), wide_name(bom, 1));
    else if (guess)
        coda_error_set(err, CODA_EUTF8, file, 1, 0, "document \"%s\" looks "
                       "like %s text (a NUL byte every other byte); read it "
                       "with --encoding %s (encoding = \"%s\"), or re-save "
                       "the file as UTF-8", d->id, guess,
                       wide_name(guess, 0), wide_name(guess, 0));
    else
        return CODA_OK;
    if (err)
        err->offset = 0;
    return CODA_EUTF8;
}

/* Validate (or repair) d's text, then drop a BOM and turn CRLF into LF.
 * from_file: d's text is file's bytes (not a Dataset's). */
static coda_status normalise(doc *d, const char *file, int from_file,
                             int replace, coda_error *err)
{
    size_t bad;
    if (wide_text(d, file, err) != CODA_OK)
        return CODA_EUTF8;
    if (!coda_utf8_valid(d->text, d->len, &bad)) {
        if (!replace)
            return coda_corpus_utf8_error(d->text, d->len, bad, file,
                                          from_file, d->id, err);
        size_t n;
        char *fixed = replace_invalid(d->text, d->len, &n);
        if (!fixed)
            return coda_error_nomem(err);
        coda_free(d->text);
        d->text = fixed;
        d->len = n;
    }
    size_t i = d->len >= 3 && !memcmp(d->text, "\xEF\xBB\xBF", 3) ? 3 : 0, o = 0;
    for (; i < d->len; i++)
        if (!(d->text[i] == '\r' && i + 1 < d->len && d->text[i + 1] == '\n'))
            d->text[o++] = d->text[i];
    d->len = o;
    return CODA_OK;
}

static const char *const corpus_cols[] = { "doc", "unit", "speaker", "text" };

static coda_status fill_row(coda_table *t, size_t r, const urow *u,
                            const doc *d)
{
    coda_status st = coda_table_set_string(t, 0, r, d->id, strlen(d->id));
    t->cols[1].v.i[r] = u->unit;
    if (st == CODA_OK && u->u.has_speaker)
        st = coda_table_set_string(t, 2, r, d->text + u->u.spk_start,
                                   u->u.spk_len);
    else if (st == CODA_OK)
        st = coda_table_set_missing(t, 2, r);
    if (st == CODA_OK)
        st = coda_table_set_string(t, 3, r, d->text + u->u.start, u->u.len);
    return st;
}

static coda_status build(const doc *docs, const units *us, coda_table **out)
{
    coda_table *t = NULL;
    coda_status st = coda_table_create(us->n, 4, &t);
    for (size_t c = 0; c < 4 && st == CODA_OK; c++)
        st = coda_table_init_column(t, c, corpus_cols[c],
                                    c == 1 ? CODA_INTEGER : CODA_STRING);
    for (size_t r = 0; r < us->n && st == CODA_OK; r++)
        st = fill_row(t, r, &us->r[r], &docs[us->r[r].doc]);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

/* Normalise and split docs[0..n), then build the table and join meta. */
static coda_status split_docs(doc *docs, size_t n, const char *const *files,
                              const char *name, const coda_corpus_opts *o,
                              coda_table **out, coda_error *err)
{
    units us = { 0 };
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        st = normalise(&docs[i], files ? files[i] : name, files != NULL,
                       o->replace_invalid, err);
        us.doc = i;
        us.unit = 0;
        coda_unit whole = { 0, docs[i].len, 0, 0, 0 };
        if (st == CODA_OK && (o->whole ? on_unit(&us, &whole)
                                       : coda_corpus_units(docs[i].text,
                                                           docs[i].len, o->unit,
                                                           on_unit, &us)))
            st = coda_error_nomem(err);
    }
    coda_table *t = NULL;
    if (st == CODA_OK && build(docs, &us, &t) != CODA_OK)
        st = coda_error_nomem(err);
    coda_free(us.r);
    if (st == CODA_OK && o->meta)
        st = coda_corpus_join_meta(t, o->meta, o->meta_id, err);
    if (st != CODA_OK) {
        coda_table_free(t);
        return st;
    }
    *out = t;
    return CODA_OK;
}

static void docs_free(doc *docs, size_t n)
{
    for (size_t i = 0; docs && i < n; i++) {
        coda_free(docs[i].id);
        coda_free(docs[i].text);
    }
    coda_free(docs);
}

coda_status coda_corpus_split(const char *const *ids, const char *const *texts,
                              const size_t *lens, size_t n, const char *name,
                              const coda_corpus_opts *o, coda_table **out,
                              coda_error *err)
{
    coda_corpus_opts def;
    if (!o)
        coda_corpus_opts_init(&def), o = &def;
    if (!coda_corpus_is_utf8(o->encoding))
        return coda_error_set(err, CODA_EARG, name, 0, 0, "an encoding is "
                              "for files; documents in memory are UTF-8");
    doc *docs = coda_calloc(n ? n : 1, sizeof *docs);
    coda_status st = docs ? CODA_OK : CODA_ENOMEM;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        docs[i].id = coda_strndup(ids[i], strlen(ids[i]));
        docs[i].text = coda_strndup(texts[i], lens[i]);
        docs[i].len = lens[i];
        if (!docs[i].id || !docs[i].text)
            st = CODA_ENOMEM;
    }
    if (st == CODA_OK)
        st = split_docs(docs, n, NULL, name, o, out, err);
    else
        coda_error_nomem(err);
    docs_free(docs, n);
    return st;
}

/* --- files ---------------------------------------------------------------- */

static coda_status read_file(const char *path, doc *d, coda_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              strerror(errno));
    struct stat sb;
    coda_status st = fstat(fd, &sb) != 0
        ? coda_error_set(err, CODA_EIO, path, 0, 0, "cannot read: %s",
                         strerror(errno))
        : S_ISDIR(sb.st_mode)
        ? coda_error_set(err, CODA_EIO, path, 0, 0, "is a folder")
        : coda_input_note(fd, path, err);
    if (st == CODA_OK)      /* a FIFO or device read as a stream, bounded */
        st = coda_read_all(fd, path, CODA_STREAM_MAX,
                           S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0,
                           &d->text, &d->len, err);
    close(fd);
    return st;
}

static char *doc_id(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    return coda_strndup(base, dot && dot != base ? (size_t)(dot - base)
                                                 : strlen(base));
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A transcript a folder listing takes: a name with one of these endings,
 * not hidden and not a lock file Word leaves beside an open document. */
static int is_txt(const char *name)
{
    static const char *const ext[] = { ".txt", ".docx" };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcasecmp(name + n - k, ext[i]) == 0)
            return name[0] != '.' && strncmp(name, "~$", 2) != 0;
    }
    return 0;
}

/* The sorted paths of dir's transcript files (is_txt). */
static coda_status list_dir(const char *dir, char ***paths, size_t *n,
                            coda_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return coda_error_set(err, CODA_EIO, dir, 0, 0, "cannot open: %s",
                              strerror(errno));
    char **p = NULL;
    size_t k = 0;
    coda_status st = CODA_OK;
    for (struct dirent *e; st == CODA_OK && (e = readdir(d));) {
        if (!is_txt(e->d_name))
            continue;
        char **g = coda_reallocarray(p, k + 1, sizeof *p);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = g ? coda_malloc(len) : NULL;
        if (g)
            p = g;
        if (!path)
            st = coda_error_nomem(err);
        else
            snprintf(path, len, "%s/%s", dir, e->d_name), p[k++] = path;
        struct stat sb;     /* a FIFO would hang, /dev/zero never end */
        if (st == CODA_OK && (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)))
            st = coda_error_set(err, CODA_EIO, path, 0, 0, "not a regular "
                                "file (a FIFO, device, folder or broken link "
                                "named like a transcript); a folder of "
                                "transcripts holds files only");
    }
    closedir(d);
    if (st == CODA_OK && k == 0)
        st = coda_error_set(err, CODA_EARG, dir, 0, 0, "no transcripts "
                            "(.txt or .docx files) in this folder");
    if (st != CODA_OK) {
        for (size_t i = 0; i < k; i++)
            coda_free(p[i]);
        coda_free(p);
        return st;
    }
    qsort(p, k, sizeof *p, by_name);
    *paths = p;
    *n = k;
    return CODA_OK;
}

/* The text of the file at path: a Word document's, or a text file's
 * bytes converted from o->encoding. */
static coda_status read_one(const char *path, const coda_corpus_opts *o,
                            doc *d, coda_error *err)
{
    if (coda_corpus_is_docx(path))
        return coda_corpus_docx(path, o->warnings, &d->text, &d->len, err);
    coda_status st = read_file(path, d, err);
    return st != CODA_OK ? st : coda_corpus_decode(path, o, &d->text,
                                                   &d->len, err);
}

static coda_status read_docs(const char *const *paths, size_t n, const coda_corpus_opts *o,
                             coda_table **out, coda_error *err)
{
    doc *docs = coda_calloc(n ? n : 1, sizeof *docs);
    coda_status st = docs ? CODA_OK : coda_error_nomem(err);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        size_t bad;
        docs[i].id = doc_id(paths[i]);
        if (docs[i].id && !coda_utf8_valid(docs[i].id, strlen(docs[i].id),
                                           &bad))
            st = coda_error_set(err, CODA_EUTF8, paths[i], 0, 0, "the file "
                                "name is not UTF-8, so the document id would "
                                "not be either; rename the file");
        else
            st = docs[i].id ? read_one(paths[i], o, &docs[i], err)
                            : coda_error_nomem(err);
    }
    if (st == CODA_OK)
        st = split_docs(docs, n, paths, NULL, o, out, err);
    docs_free(docs, n);
    return st;
}

/* Append path's files (path itself, or a folder's sorted .txt files) to
 * *all. */
static coda_status gather(const char *path, char ***all, size_t *n,
                          coda_error *err)
{
    struct stat sb;
    char **list = NULL;
    size_t k = 1;
    if (stat(path, &sb) != 0)
        return coda_error_set(err, CODA_EIO, path, 0, 0, "cannot open: %s",
                              strerror(errno));
    coda_status st = S_ISDIR(sb.st_mode) ? list_dir(path, &list, &k, err)
                                         : CODA_OK;
    if (st != CODA_OK)
        return st;
    char **g = coda_reallocarray(*all, *n + k, sizeof *g);
    if (g)
        *all = g;
    for (size_t i = 0; i < k; i++) {
        char *p = !g ? NULL : list ? list[i] : coda_strndup(path, strlen(path));
        if (p)
            g[(*n)++] = p;
        else if (list)
            coda_free(list[i]);
        if (!p)
            st = CODA_ENOMEM;
    }
    coda_free(list);
    return st == CODA_OK ? CODA_OK : coda_error_nomem(err);
}

coda_status coda_corpus_read_paths(const char *const *paths, size_t n,
                                   const coda_corpus_opts *o,
                                   coda_table **out, coda_error *err)
{
    coda_corpus_opts def;
    if (!o)
        coda_corpus_opts_init(&def), o = &def;
    char **files = NULL;
    size_t nf = 0;
    coda_status st = coda_corpus_encoding_check(o->encoding, err);
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = gather(paths[i], &files, &nf, err);
    if (st == CODA_OK)
        st = read_docs((const char *const *)files, nf, o, out, err);
    for (size_t i = 0; i < nf; i++)
        coda_free(files[i]);
    coda_free(files);
    return st;
}

coda_status coda_corpus_read(const char *path, const coda_corpus_opts *o,
                             coda_table **out, coda_error *err)
{
    return coda_corpus_read_paths(&path, 1, o, out, err);
}
