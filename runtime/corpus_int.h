/* corpus_int.h - what the corpus family's files share: the readers that
 * turn a file into UTF-8 text before it is split (Word documents in
 * corpus_docx.c, other encodings in corpus_decode.c), and the splitting
 * side: a document's turns (found in its text, or built from subtitle
 * cues), the times and label shapes they are found by, and where a
 * document's warnings go.  Not a public header. */
#ifndef CODA_CORPUS_INT_H
#define CODA_CORPUS_INT_H

#include "corpus.h"
#include "base_error.h"

#include <stddef.h>
#include <stdint.h>

/* --- reading files into text (corpus_docx.c, corpus_decode.c) --------- */

/* The most a .docx's word/document.xml may inflate to (256 MiB): a zip
 * bomb ends in an error. */
#define CODA_DOCX_MAX_BYTES ((uint64_t)256 << 20)

/* 1 when path's name ends in .docx (any case). */
int coda_corpus_is_docx(const char *path);

/* The text of the Word document at path, as UTF-8 in a new buffer (*text,
 * NUL-terminated, *len bytes; the caller's to coda_free): paragraphs in
 * document order separated by a blank line, see corpus.h.  Warnings (a
 * symbol left out) go to w, which may be NULL.  Errors name path:
 * CODA_EIO, CODA_EPARSE (not a zip; an OLE file: an old .doc, or a .docx
 * with a password; no word/document.xml; XML that is not well formed,
 * nested deeper than libxml2's 256 levels, or with a DOCTYPE),
 * CODA_ELIMIT (CODA_DOCX_MAX_BYTES), CODA_ENOMEM. */
coda_status coda_corpus_docx(const char *path, coda_warnings *w, char **text,
                             size_t *len, coda_error *err);

/* 1 when name is NULL or a spelling of UTF-8 ("utf-8", "UTF8"...). */
int coda_corpus_is_utf8(const char *name);

/* CODA_EARG when name is an encoding iconv does not know; NULL (UTF-8) is
 * known. */
coda_status coda_corpus_encoding_check(const char *name, coda_error *err);

/* Convert the bytes *text[0..*len) of file from o->encoding into UTF-8:
 * a new buffer replaces *text (the old one is freed); nothing when the
 * encoding is NULL or a spelling of UTF-8.  Bytes that are not text in
 * that encoding are CODA_EUTF8 naming file, the line and the byte offset
 * (in err->offset), or with o->replace_invalid each becomes U+FFFD.  A
 * byte-order mark of another encoding is CODA_EUTF8 too; a file that is
 * UTF-8 beyond ASCII gets a warning in o->warnings.  CODA_EARG (an
 * unknown encoding), CODA_ENOMEM; on failure *text is untouched. */
coda_status coda_corpus_decode(const char *file, const coda_corpus_opts *o,
                               char **text, size_t *len, coda_error *err);

/* CODA_EUTF8 for the text s[0..len) of document id, whose byte bad starts
 * no UTF-8 character: the error names file, the line, the byte within the
 * line (err->column, 1-based) and within the text (err->offset, 0-based;
 * "of the file" when from_file, else "of the text"), the options that read
 * such text, and the encoding the text looks like when that is cheap to
 * tell. */
coda_status coda_corpus_utf8_error(const char *s, size_t len, size_t bad,
                                   const char *file, int from_file,
                                   const char *id, coda_error *err);

/* --- a document's turns (corpus_turns.c) ----------------------------- */

/* A turn: the region of the text it covers (from its label line to the
 * next turn), where its text starts, its speaker and its times. */
typedef struct coda_turn {
    size_t from, start, end;    /* region [from, end), text [start, end) */
    size_t spk_start, spk_len;
    int has_speaker;
    double t0, t1;              /* seconds, or -1 when unknown */
} coda_turn;

typedef struct coda_turns {
    coda_turn *v;
    size_t n, cap;
} coda_turns;

/* Append t to ts (CODA_ENOMEM); coda_turns_free empties ts. */
coda_status coda_turns_push(coda_turns *ts, const coda_turn *t);
void coda_turns_free(coda_turns *ts);

/* Where a document's warnings go and how they name it (file may be NULL;
 * w may be NULL, and then nothing is said). */
typedef struct coda_doc_ctx {
    coda_warnings *w;
    const char *id, *file;
} coda_doc_ctx;

/* Warn "document "id" (file), line N: msg"; CODA_ENOMEM only. */
coda_status coda_doc_warn(const coda_doc_ctx *c, long line, const char *fmt,
                          ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The 1-based line of byte off in s. */
long coda_line_of(const char *s, size_t off);

/* --- times (corpus_time.c) ------------------------------------------- */

/* A time at s[i..b): h:mm:ss, m:ss (minutes and hours of 1-3 digits) with
 * an optional .fff or ,fff; subtitles (sub) also take one-digit minutes
 * and seconds (0:0:3.26).  0 when no time is there; else 1 with *end after
 * it and *secs its value, -1 when the digits are no time (a minute or
 * second of 60 or more). */
int coda_time_at(const char *s, size_t i, size_t b, int sub, size_t *end,
                 double *secs);

/* --- label shapes (corpus_shape.c) ------------------------------------ */

/* What a line is, for the text formats. */
typedef enum {
    SHAPE_NONE, SHAPE_PLAIN, SHAPE_QA, SHAPE_TIMED, SHAPE_REV, SHAPE_OTTER
} coda_shape;

/* A label found on a line: the name's span, where the text starts and
 * the time (has_time 1, or -1 when its digits are no time). */
typedef struct coda_label {
    size_t name, nlen, text;
    int has_time;
    double secs;
    size_t time_at, time_end;   /* the time's digits, for a warning */
} coda_label;

/* 1 when s[a..e) can be a speaker's name: 1-64 bytes, not starting with
 * a space, without ':', '?', '!', '"' or a danda, at most four spaces. */
int coda_name_ok(const char *s, size_t a, size_t e);

/* The plain label rule on s[a..b) (one line). */
int coda_label_plain(const char *s, size_t a, size_t b, coda_label *l);

/* The shape of the line s[a..b) and its label (for SHAPE_NONE, l is
 * untouched). */
coda_shape coda_line_shape(const char *s, size_t a, size_t b, coda_label *l);

/* 1 when a line of shape, with label l, opens a turn in format f. */
int coda_shape_opens(coda_text_format f, coda_shape shape, const char *s,
                     const coda_label *l);

/* The text format of s[0..len): plain, timestamped, rev, otter or qa. */
coda_text_format coda_detect_text(const char *s, size_t len);

/* --- turns and units (corpus_turns.c, corpus_split.c) ----------------- */

/* The turns of text s[0..len) in text format f (not AUTO); warnings about
 * times that are none go to c (NULL: none).  CODA_ENOMEM. */
coda_status coda_text_turns(const char *s, size_t len, coda_text_format f,
                            const coda_doc_ctx *c, coda_turns *ts);

/* The units of kind in s[0..len) whose turns are ts (corpus_split.c). */
coda_status coda_units_of_turns(const char *s, size_t len,
                                const coda_turns *ts, coda_unit_kind kind,
                                coda_unit_fn fn, void *ud);

/* --- subtitles (corpus_sub.c, corpus_cue.c) ---------------------------- */

/* 1 when s[0..len) starts like a WebVTT (CODA_FORMAT_VTT) or SubRip
 * (CODA_FORMAT_SRT) file; the format, or CODA_FORMAT_AUTO. */
coda_text_format coda_sniff_subtitles(const char *s, size_t len);

/* A transcript being made of cues: its text, its turns, and the cue the
 * last text came from. */
typedef struct coda_cue_out {
    char *buf;
    size_t n, cap;
    coda_turns ts;
    long cue;
    char *tmp;                  /* scratch for one cleaned line */
    size_t tcap;
} coda_cue_out;

/* Add the text lines s[a..b) of cue number cue (timed t0 to t1 seconds,
 * -1 unknown) to o (corpus_cue.c): tags (<v Name>, <i>, <c.x>, <00:01.000>,
 * {\an8}) and entities (&amp; ...) removed, white space made single
 * spaces, a speaker read from a voice tag, a "Name: " or "[Name] " prefix
 * or a "- " dialogue dash.  A named cue joins the turn of the same speaker
 * before it; a cue without a name joins a named turn before it, or is a
 * turn of its own.  CODA_ENOMEM. */
coda_status coda_cue_add(coda_cue_out *o, const char *s, size_t a, size_t b,
                         long cue, double t0, double t1);

/* Read the subtitles s[0..len) in format f (vtt or srt): *text (the
 * caller's, coda_free) receives one line a cue, a blank line between
 * turns and "Name: " before a named turn; ts its turns.  CODA_EPARSE
 * naming c->file (a .vtt without WEBVTT, text without any cue),
 * CODA_ENOMEM. */
coda_status coda_subtitle_turns(const char *s, size_t len,
                                coda_text_format f, const coda_doc_ctx *c,
                                char **text, size_t *tlen, coda_turns *ts,
                                coda_error *err);

/* --- reading (corpus.c) and the tables it makes (corpus_table.c) ------- */

/* A document being read. */
typedef struct coda_cdoc {
    char *id, *text;
    size_t len;
    const char *path;           /* its file, or NULL (in memory) */
    coda_text_format fmt;       /* from its extension, then as read */
    size_t units;
} coda_cdoc;

/* Keep only docs[0..n) in o's shard, in order, freeing the others' id
 * and text; the number kept (corpus_shard.c). */
CODA_INTERNAL
size_t coda_corpus_shard_keep(coda_cdoc *docs, size_t n,
                              const coda_corpus_opts *o);

/* A unit found: its document (an index), number and spans. */
typedef struct coda_urow {
    size_t doc;
    int64_t unit;
    coda_unit u;
} coda_urow;

/* The corpus of docs[0..nd) and their units rows[0..n); with times: the
 * columns format, start_time and end_time too.  CODA_ENOMEM. */
coda_status coda_corpus_table(const coda_cdoc *docs, const coda_urow *rows,
                              size_t n, int times, coda_table **out);

/* One row a document: doc, path, format, units, speakers.  CODA_ENOMEM. */
coda_status coda_corpus_doc_table(const coda_cdoc *docs, size_t nd,
                                  const coda_urow *rows, size_t n,
                                  coda_table **out);

/* --- the steps of a read (corpus.c), shared with corpus_stream.c -------- */

/* The transcript files of paths (files, and folders' sorted transcripts)
 * into *files (coda_corpus_files_free), after checking o->encoding.
 * CODA_EIO, CODA_EARG (a folder without transcripts, an unknown
 * encoding), CODA_ENOMEM. */
coda_status coda_corpus_files(const char *const *paths, size_t n,
                              const coda_corpus_opts *o, char ***files,
                              size_t *nf, coda_error *err);
void coda_corpus_files_free(char **files, size_t n);

/* A document for each of paths[0..n) (its id, path and the format its
 * extension says; no text yet) into *out (coda_corpus_docs_free).
 * CODA_EUTF8 (a file name that is not UTF-8), CODA_EARG (one id twice),
 * CODA_ENOMEM. */
coda_status coda_corpus_file_docs(const char *const *paths, size_t n,
                                  const coda_corpus_opts *o, coda_cdoc **out,
                                  coda_error *err);

/* The text of the file at path into d: a Word document's, or a text
 * file's bytes converted from o->encoding. */
coda_status coda_corpus_read_one(const char *path, const coda_corpus_opts *o,
                                 coda_cdoc *d, coda_error *err);

/* Refuse two documents of docs[0..n) with one id, naming both (files, or
 * rows of name).  CODA_EARG, CODA_ENOMEM. */
coda_status coda_corpus_unique_ids(const coda_cdoc *docs, size_t n,
                                   const char *name, coda_error *err);

/* Normalise and split docs[0..n) (their texts read), then build the
 * corpus table (and o->documents) and join o->meta. */
coda_status coda_corpus_split_docs(coda_cdoc *docs, size_t n,
                                   const char *name, const coda_corpus_opts *o,
                                   coda_table **out, coda_error *err);

/* Free the ids and texts of docs[0..n), and docs. */
void coda_corpus_docs_free(coda_cdoc *docs, size_t n);

#endif
