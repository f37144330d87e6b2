/* corpus.c - reading transcripts (a file or a folder of .txt, .docx, .vtt
 * and .srt files) or documents in memory into a corpus Dataset of units. */
#include "corpus_int.h"

#include "base_alloc.h"
#include "base_inputs.h"
#include "base_utf8.h"

#include <dirent.h>
#include <errno.h>
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

typedef coda_cdoc doc;
typedef coda_urow urow;

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

/* Validate (or repair) d's text, then drop a BOM and turn CRLF and lone
 * CR into LF.  from_file: d's text is file's bytes (not a Dataset's). */
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
            d->text[o++] = d->text[i] == '\r' ? '\n' : d->text[i];
    d->len = o;
    return CODA_OK;
}

/* d's format and turns; subtitles are made text first. */
static coda_status prepare(doc *d, const coda_corpus_opts *o, coda_turns *ts,
                           coda_error *err)
{
    coda_doc_ctx c = { o->warnings, d->id, d->path };
    coda_text_format f = o->format != CODA_FORMAT_AUTO ? o->format : d->fmt;
    if (f == CODA_FORMAT_AUTO)
        f = coda_sniff_subtitles(d->text, d->len);
    d->fmt = f;
    if (f == CODA_FORMAT_VTT || f == CODA_FORMAT_SRT) {
        char *text;
        size_t n;
        coda_status st = coda_subtitle_turns(d->text, d->len, f, &c, &text,
                                             &n, ts, err);
        if (st != CODA_OK)
            return st;
        coda_free(d->text);
        d->text = text;
        d->len = n;
        return CODA_OK;
    }
    if (f == CODA_FORMAT_AUTO)
        d->fmt = coda_detect_text(d->text, d->len);
    return coda_text_turns(d->text, d->len, d->fmt, &c, ts) == CODA_OK
           ? CODA_OK : coda_error_nomem(err);
}

/* Say so when d has no unit, or no speaker while turns were asked for. */
static coda_status doc_warnings(const doc *d, const urow *r,
                                const coda_corpus_opts *o)
{
    coda_doc_ctx c = { o->warnings, d->id, d->path };
    int sub = d->fmt == CODA_FORMAT_VTT || d->fmt == CODA_FORMAT_SRT;
    if (!d->units)
        return coda_doc_warn(&c, 0, "%s: the document has no units",
                             sub ? "no cue has text" : "empty or only white "
                             "space");
    if (o->unit != CODA_UNIT_TURN && o->unit != CODA_UNIT_SENTENCE)
        return CODA_OK;
    for (size_t i = 0; i < d->units; i++)
        if (r[i].u.has_speaker)
            return CODA_OK;
    return coda_doc_warn(&c, 0, "no speaker label found (format %s): its "
                         "text is %zu %s%s without a speaker; a label starts "
                         "a line, as in \"Name: text\"",
                         coda_format_name(d->fmt), d->units,
                         o->unit == CODA_UNIT_TURN ? "turn" : "sentence",
                         d->units == 1 ? "" : "s");
}

/* A whole document (its one unit kept even when empty) that is empty or
 * only white space. */
static coda_status whole_warning(const doc *d, const coda_corpus_opts *o)
{
    for (size_t i = 0; i < d->len; i++)
        if (!d->text[i] || !strchr(" \t\n\r\f\v", d->text[i]))
            return CODA_OK;
    coda_doc_ctx c = { o->warnings, d->id, d->path };
    return coda_doc_warn(&c, 0, "empty or only white space");
}

/* Normalise d, find its format, turns and units. */
static coda_status split_doc(doc *d, const char *name,
                             const coda_corpus_opts *o, units *us,
                             coda_error *err)
{
    coda_turns ts = { 0 };
    coda_status st = normalise(d, d->path ? d->path : name, d->path != NULL,
                               o->replace_invalid, err);
    if (st == CODA_OK)
        st = prepare(d, o, &ts, err);
    size_t first = us->n;
    us->unit = 0;
    coda_unit whole = { 0, d->len, 0, 0, 0, -1, -1 };
    if (st == CODA_OK && (o->whole ? on_unit(us, &whole)
                                   : coda_units_of_turns(d->text, d->len,
                                                         &ts, o->unit,
                                                         on_unit, us)))
        st = coda_error_nomem(err);
    coda_turns_free(&ts);
    d->units = us->n - first;
    if (st == CODA_OK && (o->whole ? whole_warning(d, o)
                                   : doc_warnings(d, d->units ? us->r + first
                                                              : NULL, o)))
        st = coda_error_nomem(err);
    return st;
}

static int by_id(const void *a, const void *b, void *ctx)
{
    const doc *docs = *(const doc **)ctx;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(docs[x].id, docs[y].id);
    return c ? c : (x > y) - (x < y);
}

coda_status coda_corpus_unique_ids(const coda_cdoc *docs, size_t n,
                                   const char *name, coda_error *err)
{
    size_t *ix = coda_malloc((n ? n : 1) * sizeof *ix);
    if (!ix)
        return coda_error_nomem(err);
    for (size_t i = 0; i < n; i++)
        ix[i] = i;
    qsort_r(ix, n, sizeof *ix, by_id, &docs);
    coda_status st = CODA_OK;
    for (size_t k = 1; k < n && st == CODA_OK; k++) {
        const doc *a = &docs[ix[k - 1]], *b = &docs[ix[k]];
        if (strcmp(a->id, b->id))
            continue;
        if (a->path)
            st = coda_error_set(err, CODA_EARG, b->path, 0, 0, "document id "
                                "\"%s\" is also the id of %s; rename one "
                                "of the files, or read with ids = \"path\" "
                                "(coda code --ids path)", b->id, a->path);
        else
            st = coda_error_set(err, CODA_EARG, name, 0, 0, "document id "
                                "\"%s\" is given twice (documents %zu and "
                                "%zu)", b->id, ix[k - 1] + 1, ix[k] + 1);
    }
    coda_free(ix);
    return st;
}

coda_status coda_corpus_split_docs(coda_cdoc *docs, size_t n,
                                   const char *name, const coda_corpus_opts *o,
                                   coda_table **out, coda_error *err)
{
    units us = { 0 };
    int times = 0;
    coda_status st = CODA_OK;
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        us.doc = i;
        st = split_doc(&docs[i], name, o, &us, err);
        times |= docs[i].fmt != CODA_FORMAT_PLAIN;
    }
    coda_table *t = NULL, *dt = NULL;
    if (st == CODA_OK && coda_corpus_table(docs, us.r, us.n, times &&
                                           !o->whole, &t) != CODA_OK)
        st = coda_error_nomem(err);
    if (st == CODA_OK && o->documents &&
        coda_corpus_doc_table(docs, n, us.r, us.n, &dt) != CODA_OK)
        st = coda_error_nomem(err);
    coda_free(us.r);
    if (st == CODA_OK && o->meta)
        st = coda_corpus_join_meta(t, o->meta, o->meta_id, err);
    if (st != CODA_OK) {
        coda_table_free(t);
        coda_table_free(dt);
        return st;
    }
    if (o->documents)
        *o->documents = dt;
    *out = t;
    return CODA_OK;
}

void coda_corpus_docs_free(coda_cdoc *docs, size_t n)
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
        st = coda_corpus_unique_ids(docs, n, name, err);
    else
        coda_error_nomem(err);
    if (st == CODA_OK)
        n = coda_corpus_shard_keep(docs, n, o);
    if (st == CODA_OK)
        st = coda_corpus_split_docs(docs, n, name, o, out, err);
    coda_corpus_docs_free(docs, n);
    return st;
}

/* --- files ---------------------------------------------------------------- */

static coda_status read_file(const char *path, doc *d, coda_error *err)
{
    return coda_read_file(path, CODA_STREAM_MAX, &d->text, &d->len, err);
}

/* The file name without its extension; by path: the path as given,
 * without "./" in front or the extension. */
static char *doc_id(const char *path, int by_path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    const char *end = dot && dot != base ? dot : base + strlen(base);
    const char *from = by_path ? path : base;
    while (by_path && from[0] == '.' && from[1] == '/')
        for (from += 2; *from == '/'; from++) {}
    return coda_strndup(from, (size_t)(end - from));
}

/* The format a file's extension says (.vtt, .srt), or auto. */
static coda_text_format by_extension(const char *name)
{
    size_t n = strlen(name);
    if (n > 4 && strcasecmp(name + n - 4, ".vtt") == 0)
        return CODA_FORMAT_VTT;
    if (n > 4 && strcasecmp(name + n - 4, ".srt") == 0)
        return CODA_FORMAT_SRT;
    return CODA_FORMAT_AUTO;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A transcript a folder listing takes: a name with one of these endings,
 * not hidden and not a lock file Word leaves beside an open document. */
static int is_transcript(const char *name)
{
    static const char *const ext[] = { ".txt", ".docx", ".vtt", ".srt" };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcasecmp(name + n - k, ext[i]) == 0)
            return name[0] != '.' && strncmp(name, "~$", 2) != 0;
    }
    return 0;
}

/* The sorted paths of dir's transcript files (is_transcript). */
static coda_status list_dir(const char *dir, char ***paths, size_t *n,
                            coda_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return coda_error_set(err, CODA_EIO, dir, 0, 0, "cannot open: %s",
                              strerror(errno));
    char **p = NULL;
    size_t k = 0;
    int slash = dir[0] && dir[strlen(dir) - 1] == '/';
    coda_status st = CODA_OK;
    for (struct dirent *e; st == CODA_OK && (e = readdir(d));) {
        if (!is_transcript(e->d_name))
            continue;
        char **g = coda_reallocarray(p, k + 1, sizeof *p);
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = g ? coda_malloc(len) : NULL;
        if (g)
            p = g;
        if (!path)
            st = coda_error_nomem(err);
        else
            snprintf(path, len, "%s%s%s", dir, slash ? "" : "/", e->d_name),
            p[k++] = path;
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
                            "(.txt, .docx, .vtt or .srt files) in this "
                            "folder");
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

coda_status coda_corpus_read_one(const char *path,
                                 const coda_corpus_opts *o, coda_cdoc *d,
                                 coda_error *err)
{
    if (coda_corpus_is_docx(path))
        return coda_corpus_docx(path, o->warnings, &d->text, &d->len, err);
    coda_status st = read_file(path, d, err);
    return st != CODA_OK ? st : coda_corpus_decode(path, o, &d->text,
                                                   &d->len, err);
}

coda_status coda_corpus_file_docs(const char *const *paths, size_t n,
                                  const coda_corpus_opts *o, coda_cdoc **out,
                                  coda_error *err)
{
    doc *docs = coda_calloc(n ? n : 1, sizeof *docs);
    coda_status st = docs ? CODA_OK : coda_error_nomem(err);
    for (size_t i = 0; i < n && st == CODA_OK; i++) {
        size_t bad;
        docs[i].id = doc_id(paths[i], o->ids_by_path);
        docs[i].path = paths[i];
        docs[i].fmt = by_extension(paths[i]);
        if (!docs[i].id)
            st = coda_error_nomem(err);
        else if (!coda_utf8_valid(docs[i].id, strlen(docs[i].id), &bad))
            st = coda_error_set(err, CODA_EUTF8, paths[i], 0, 0, "the file "
                                "name is not UTF-8, so the document id would "
                                "not be either; rename the file");
    }
    if (st == CODA_OK)
        st = coda_corpus_unique_ids(docs, n, NULL, err);
    if (st != CODA_OK) {
        coda_corpus_docs_free(docs, n);
        return st;
    }
    *out = docs;
    return CODA_OK;
}

static coda_status read_docs(const char *const *paths, size_t n,
                             const coda_corpus_opts *o, coda_table **out,
                             coda_error *err)
{
    doc *docs;
    coda_status st = coda_corpus_file_docs(paths, n, o, &docs, err);
    if (st != CODA_OK)
        return st;
    n = coda_corpus_shard_keep(docs, n, o);  /* others' files unopened */
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = coda_corpus_read_one(docs[i].path, o, &docs[i], err);
    if (st == CODA_OK)
        st = coda_corpus_split_docs(docs, n, NULL, o, out, err);
    coda_corpus_docs_free(docs, n);
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

coda_status coda_corpus_files(const char *const *paths, size_t n,
                              const coda_corpus_opts *o, char ***files,
                              size_t *nf, coda_error *err)
{
    char **all = NULL;
    size_t k = 0;
    coda_status st = coda_corpus_encoding_check(o->encoding, err);
    for (size_t i = 0; i < n && st == CODA_OK; i++)
        st = gather(paths[i], &all, &k, err);
    if (st != CODA_OK) {
        coda_corpus_files_free(all, k);
        return st;
    }
    *files = all;
    *nf = k;
    return CODA_OK;
}

void coda_corpus_files_free(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        coda_free(files[i]);
    coda_free(files);
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
    coda_status st = coda_corpus_files(paths, n, o, &files, &nf, err);
    if (st == CODA_OK)
        st = read_docs((const char *const *)files, nf, o, out, err);
    coda_corpus_files_free(files, nf);
    return st;
}

coda_status coda_corpus_read(const char *path, const coda_corpus_opts *o,
                             coda_table **out, coda_error *err)
{
    return coda_corpus_read_paths(&path, 1, o, out, err);
}
