/* corpus_int.h - what corpus.c shares with the readers beside it that
 * turn a file into UTF-8 text before it is split: Word documents
 * (corpus_docx.c) and text in other encodings (corpus_decode.c). */
#ifndef CODA_CORPUS_INT_H
#define CODA_CORPUS_INT_H

#include "corpus.h"
#include "error.h"

#include <stddef.h>
#include <stdint.h>

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

#endif
