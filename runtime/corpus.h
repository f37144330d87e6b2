/* corpus.h - transcripts as a Dataset of units.
 *
 * A corpus is a Dataset with columns doc (string), unit (integer, the
 * unit's 1-based position in its document), speaker (string, missing when
 * the unit has none) and text (string), plus any document attributes
 * joined from a metadata file.  Units:
 *   document   the whole text
 *   paragraph  blocks separated by blank lines
 *   turn       a line "Speaker: text" opens a turn; following lines
 *              without a label continue it; text before the first label
 *              is a turn without speaker; text excludes the label
 *   sentence   sentences within turns (ending at . ? ! followed by a space
 *              or the end, at the Devanagari danda । and ॥, and at blank
 *              lines), carrying their turn's speaker
 * A speaker label is 1-64 bytes at the start of a line, without ':', '?',
 * '!', '"' or a danda and with at most four spaces, then ':' and a space or
 * the line end.  Every unit is trimmed of surrounding white space; empty
 * units are dropped.  Before splitting, a byte-order mark is dropped and
 * CRLF line ends become LF.
 *
 * Ownership: tables returned through *out are the caller's
 * (coda_table_free); on failure *out is untouched and nothing leaks. */
#ifndef CODA_CORPUS_H
#define CODA_CORPUS_H

#include "error.h"
#include "table.h"

#include <stddef.h>

typedef enum {
    CODA_UNIT_DOCUMENT, CODA_UNIT_PARAGRAPH, CODA_UNIT_TURN,
    CODA_UNIT_SENTENCE
} coda_unit_kind;

/* Parse "document", "paragraph", "turn" or "sentence"; 0 when unknown. */
int coda_unit_parse(const char *name, coda_unit_kind *kind);

typedef struct coda_corpus_opts {
    coda_unit_kind unit;        /* default CODA_UNIT_TURN */
    int replace_invalid;        /* 1: invalid UTF-8 bytes (or bytes not
                                   in encoding) become U+FFFD */
    const char *encoding;       /* of text files, any name iconv knows;
                                   NULL: UTF-8 (not used for .docx files
                                   nor by coda_corpus_split) */
    const char *meta;           /* CSV of document attributes, or NULL */
    const char *meta_id;        /* its id column; NULL: the first column */
    int whole;                  /* 1: one unit a document, its whole text
                                   (normalised, not trimmed, even empty) */
    coda_warnings *warnings;    /* where warnings go, or NULL */
} coda_corpus_opts;

void coda_corpus_opts_init(coda_corpus_opts *o);

/* One unit found in a text: byte spans of its text and speaker. */
typedef struct coda_unit {
    size_t start, len;          /* the unit's text */
    size_t spk_start, spk_len;  /* the speaker's name, when has_speaker */
    int has_speaker;
} coda_unit;

typedef coda_status (*coda_unit_fn)(void *ud, const coda_unit *u);

/* Call fn for each unit of kind in text[0..len) (already normalised), in
 * order; stops at and returns fn's first failure. */
coda_status coda_corpus_units(const char *text, size_t len,
                              coda_unit_kind kind, coda_unit_fn fn, void *ud);

/* Read a .txt or .docx file, or every .txt and .docx file of a folder in
 * sorted name order (not hidden ones, nor the "~$" lock files Word leaves),
 * into a corpus; the document id is the file name without its extension.
 *
 * A .txt file's bytes are converted from o->encoding into UTF-8 first
 * (iconv; a file starting with a byte-order mark of another encoding is
 * an error).  A .docx file's text is that of word/document.xml: each
 * paragraph (w:p, a table cell's too) in document order, separated by a
 * blank line, so that a Word paragraph is a paragraph unit; within it the
 * runs' text (w:t), w:tab and w:ptab as a tab, w:br and w:cr as a line
 * end, w:noBreakHyphen as "-", w:sym as its character (a symbol font's
 * private ones, U+F000-U+F0FF, left out with a warning); inserted text
 * (w:ins) is read, deleted and moved-away text (w:del, w:moveFrom) is not,
 * nor field codes, a text box's fallback copy (mc:Fallback), footnotes,
 * endnotes, comments, headers and footers (other parts of the zip).  The
 * entry may inflate to CODA_DOCX_MAX_BYTES (256 MiB); its XML is read
 * without network, DTD or entities, nested at most 256 deep.
 *
 * Errors: CODA_EIO (naming the path), CODA_EUTF8 (naming the file, line
 * and byte offset, in err->offset; for UTF-8 the byte within the line in
 * err->column), CODA_EARG (a folder without transcripts, an encoding iconv
 * does not know), CODA_EPARSE (a .docx that is not a zip, has no
 * word/document.xml, or XML that is not well formed, too deep or with a
 * DOCTYPE), CODA_ELIMIT (a .docx past the limit), CODA_ENOMEM, and the
 * metadata errors below. */
coda_status coda_corpus_read(const char *path, const coda_corpus_opts *o,
                             coda_table **out, coda_error *err);

/* The same for several paths (files or folders), in the order given. */
coda_status coda_corpus_read_paths(const char *const *paths, size_t n,
                                   const coda_corpus_opts *o,
                                   coda_table **out, coda_error *err);

/* Split documents already in memory: ids[i] and texts[i] of length
 * lens[i], i < n; name is used in error messages.  CODA_EARG when
 * o->encoding is not UTF-8: texts in memory are UTF-8 already. */
coda_status coda_corpus_split(const char *const *ids, const char *const *texts,
                              const size_t *lens, size_t n, const char *name,
                              const coda_corpus_opts *o, coda_table **out,
                              coda_error *err);

/* Add the columns of the CSV file at meta to corpus, matching its id column
 * (meta_id, or the first column) with corpus's doc column; documents
 * without a row get missing values.  CODA_EARG (no such id column, a
 * column name the corpus already has, a duplicate id), the CSV loader's
 * errors, CODA_ENOMEM. */
coda_status coda_corpus_join_meta(coda_table *corpus, const char *meta,
                                  const char *meta_id, coda_error *err);

#endif
