/* corpus.h - transcripts as a Dataset of units.
 *
 * A corpus is a Dataset with columns doc (string), unit (integer, the
 * unit's 1-based position in its document), speaker (string, missing when
 * the unit has none) and text (string); when any document of the read is
 * in a format other than plain, three more: format (string), start_time
 * and end_time (numbers, seconds; missing where unknown); then any
 * document attributes joined from a metadata file.  Units:
 *   document   the whole text
 *   paragraph  blocks separated by blank lines
 *   turn       a line with a speaker label opens a turn; following lines
 *              without a label continue it; text before the first label
 *              is a turn without speaker; text excludes the label
 *   sentence   sentences within turns (ending at . ? ! followed by a space
 *              or the end, at the Devanagari danda । and ॥, and at blank
 *              lines), carrying their turn's speaker
 * A unit's start_time is that of the turn its first byte lies in, its
 * end_time that of the turn its last byte lies in.
 *
 * Formats (what a speaker label looks like; "auto" picks one a document):
 *   plain        "Name: text": 1-64 bytes at the start of a line, without
 *                ':', '?', '!', '"' or a danda and with at most four
 *                spaces, then ':' and a space or the line end
 *   timestamped  a time before the name ("[00:01:12] Name: text",
 *                "(00:01:12) Name:", "00:01:12 Name:") or in square
 *                brackets after it ("Name [00:01:12]: text"); a plain
 *                label opens a turn too when a timed label has its name
 *   rev          "Name (00:01:12): text" (or the text on the next lines);
 *                plain labels as in timestamped
 *   otter        "Name  0:05" alone on a line ("[Name] 0:05" too), the
 *                text on the lines below; nothing else opens a turn
 *   qa           "Q:", "A:", "Q." and "A." open turns (speakers Q and A)
 *   vtt, srt     WebVTT and SubRip subtitles (corpus_sub.c): the cues'
 *                text, cleaned of tags, becomes "Name: text" turns
 * A time is h:mm:ss, hh:mm:ss, m:ss or mm:ss, with an optional fraction
 * (.mmm or ,mmm).  A turn's end_time is the next turn's start_time (the
 * last cue's end for subtitles).  Detection counts the label
 * lines of each shape; a timed shape is chosen when it labels two lines
 * or the first, and plain "Name: text" documents stay plain.
 *
 * Every unit is trimmed of surrounding white space; empty units are
 * dropped.  Before splitting, a byte-order mark is dropped and CRLF and
 * lone CR line ends become LF.
 *
 * Ownership: tables returned through *out are the caller's
 * (coda_table_free); on failure *out is untouched and nothing leaks. */
#ifndef CODA_CORPUS_H
#define CODA_CORPUS_H

#include "base_error.h"
#include "table.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
    CODA_UNIT_DOCUMENT, CODA_UNIT_PARAGRAPH, CODA_UNIT_TURN,
    CODA_UNIT_SENTENCE
} coda_unit_kind;

/* Parse "document", "paragraph", "turn" or "sentence"; 0 when unknown. */
CODA_API
int coda_unit_parse(const char *name, coda_unit_kind *kind);

typedef enum {
    CODA_FORMAT_AUTO, CODA_FORMAT_PLAIN, CODA_FORMAT_TIMESTAMPED,
    CODA_FORMAT_REV, CODA_FORMAT_OTTER, CODA_FORMAT_QA, CODA_FORMAT_VTT,
    CODA_FORMAT_SRT
} coda_text_format;

/* Parse "auto", "plain", "timestamped", "rev", "otter", "qa", "vtt" or
 * "srt"; 0 when unknown.  coda_format_name gives the name back. */
CODA_API
int coda_format_parse(const char *name, coda_text_format *f);
CODA_API
const char *coda_format_name(coda_text_format f);

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
                                   (normalised, subtitles made text, not
                                   trimmed, even empty), no format or
                                   time columns */
    coda_warnings *warnings;    /* where warnings go, or NULL */
    coda_text_format format;    /* CODA_FORMAT_AUTO: each document's own */
    int ids_by_path;            /* 1: a document's id is its path (as
                                   given, "./" dropped) without extension */
    coda_table **documents;     /* when non-NULL, receives one row a
                                   document: doc, path (missing for
                                   documents in memory), format, units,
                                   speakers */
    unsigned shard_k, shard_n;  /* shard_n > 0: read only the documents
                                   of shard shard_k (coda_shard_has); the
                                   others' files are not opened */
    size_t max_record;          /* coda_corpus_stream_file: the most bytes
                                   one record (a JSON line, a CSV record)
                                   may take; 0: 1 GiB */
    FILE *copy;                 /* coda_corpus_stream_file: where every
                                   byte read is also written (to read the
                                   input again), or NULL */
} coda_corpus_opts;

CODA_API
void coda_corpus_opts_init(coda_corpus_opts *o);

/* Shards (corpus_shard.c).  A document is in shard k of n when the
 * FNV-1a 64-bit hash of its id's bytes (offset basis 14695981039346656037,
 * prime 1099511628211, no terminating NUL) is k modulo n: each document
 * is in exactly one of shards 0..n-1, on any machine.  Every document id
 * is still checked for uniqueness across the whole corpus. */
#define CODA_SHARD_MAX 1000000
CODA_API
uint64_t coda_shard_hash(const char *id);
/* Parse "K/N" (decimal digits only, 0 <= K < N <= CODA_SHARD_MAX); 0 when
 * it is not one. */
CODA_API
int coda_shard_parse(const char *s, unsigned *k, unsigned *n);
/* 1 when id is in shard k of n (always when n is 0). */
CODA_API
int coda_shard_has(unsigned k, unsigned n, const char *id);

/* One unit found in a text: byte spans of its text and speaker, and its
 * times. */
typedef struct coda_unit {
    size_t start, len;          /* the unit's text */
    size_t spk_start, spk_len;  /* the speaker's name, when has_speaker */
    int has_speaker;
    double start_time, end_time;    /* seconds, or -1 when unknown */
} coda_unit;

typedef coda_status (*coda_unit_fn)(void *ud, const coda_unit *u);

/* Call fn for each unit of kind in text[0..len) (already normalised), in
 * order, the text's format detected (plain, timestamped, rev, otter or
 * qa); stops at and returns fn's first failure, or CODA_ENOMEM. */
CODA_API
coda_status coda_corpus_units(const char *text, size_t len,
                              coda_unit_kind kind, coda_unit_fn fn, void *ud);

/* The same in format f, a text format or CODA_FORMAT_AUTO (subtitles are
 * read by coda_corpus_read and coda_corpus_split, which turn them into
 * text first); *found, when non-NULL, receives the format used. */
CODA_API
coda_status coda_corpus_units_as(const char *text, size_t len,
                                 coda_unit_kind kind, coda_text_format f,
                                 coda_text_format *found, coda_unit_fn fn,
                                 void *ud);

/* Read a .txt, .docx, .vtt or .srt file, or every such file of a folder in
 * sorted name order (not hidden ones, nor the "~$" lock files Word leaves),
 * into a corpus; the document id is the file name without its extension
 * (o->ids_by_path: its path).
 *
 * A text file's bytes (.txt, .vtt, .srt) are converted from o->encoding
 * into UTF-8 first (iconv; a file starting with a byte-order mark of
 * another encoding is an error).  A .docx file's text is that of
 * word/document.xml: each paragraph (w:p, a table cell's too) in document
 * order, separated by a blank line, so that a Word paragraph is a
 * paragraph unit; within it the runs' text (w:t), w:tab and w:ptab as a
 * tab, w:br and w:cr as a line end, w:noBreakHyphen as "-", w:sym as its
 * character (a symbol font's private ones, U+F000-U+F0FF, left out with a
 * warning); inserted text (w:ins) is read, deleted and moved-away text
 * (w:del, w:moveFrom) is not, nor field codes, a text box's fallback copy
 * (mc:Fallback), footnotes, endnotes, comments, headers and footers (other
 * parts of the zip).  The entry may inflate to CODA_DOCX_MAX_BYTES (256
 * MiB); its XML is read without network, DTD or entities, nested at most
 * 256 deep.  The text is then split in its format (see above).
 *
 * Warnings (to o->warnings): a document that is empty or white space only
 * (it has no units), one without any speaker label while turns or
 * sentences were asked for, a time that is none (99:99:99), subtitle text
 * without a cue.
 *
 * Errors: CODA_EIO (naming the path), CODA_EUTF8 (naming the file, line
 * and byte offset, in err->offset; for UTF-8 the byte within the line in
 * err->column), CODA_EARG (a folder without transcripts, an encoding iconv
 * does not know, two documents with the same id, naming both files),
 * CODA_EPARSE (a .docx that is not a zip, has no word/document.xml, or XML
 * that is not well formed, too deep or with a DOCTYPE; a .vtt file without
 * its WEBVTT line, a .srt file with text but no cue), CODA_ELIMIT (a .docx
 * past the limit), CODA_ENOMEM, and the metadata errors below. */
CODA_API
coda_status coda_corpus_read(const char *path, const coda_corpus_opts *o,
                             coda_table **out, coda_error *err);

/* The same for several paths (files or folders), in the order given. */
CODA_API
coda_status coda_corpus_read_paths(const char *const *paths, size_t n,
                                   const coda_corpus_opts *o,
                                   coda_table **out, coda_error *err);

/* Split documents already in memory: ids[i] and texts[i] of length
 * lens[i], i < n; name is used in error messages.  Formats are detected
 * from the text (a WEBVTT line, SubRip cues, the label shapes).  CODA_EARG
 * for the same id twice, and when o->encoding is not UTF-8: texts in
 * memory are UTF-8 already. */
CODA_API
coda_status coda_corpus_split(const char *const *ids, const char *const *texts,
                              const size_t *lens, size_t n, const char *name,
                              const coda_corpus_opts *o, coda_table **out,
                              coda_error *err);

/* Add the columns of the CSV file at meta to corpus, matching its id column
 * (meta_id, or the first column) with corpus's doc column; documents
 * without a row get missing values.  CODA_EARG (no such id column, a
 * column name the corpus already has, a duplicate id), the CSV loader's
 * errors, CODA_ENOMEM. */
CODA_API
coda_status coda_corpus_join_meta(coda_table *corpus, const char *meta,
                                  const char *meta_id, coda_error *err);

/* --- reading in batches (corpus_stream.c) ------------------------------ */

/* A corpus read batch by batch: each batch a corpus of whole documents, in
 * the order coda_corpus_read_paths (or coda_corpus_split) takes them, its
 * documents' text together about batch_bytes (a batch ends with the
 * document that reaches it; 0 counts as 1), so that what is held at once
 * is one batch, not the corpus.  Its units, warnings and documents table
 * are those of the same read whole, split at document boundaries; the
 * format, start_time and end_time columns are there when a document of
 * that batch is not plain. */
typedef struct coda_corpus_stream coda_corpus_stream;

/* Open a stream over paths (files or folders, as coda_corpus_read_paths):
 * the files are listed and their ids checked now (the errors of a read
 * that come before any text is read), their text is read batch by batch.
 * o->warnings and o->documents are not used (see coda_corpus_stream_next).
 * *out is the caller's (coda_corpus_stream_free). */
CODA_API
coda_status coda_corpus_stream_paths(const char *const *paths, size_t n,
                                     const coda_corpus_opts *o,
                                     size_t batch_bytes,
                                     coda_corpus_stream **out,
                                     coda_error *err);

/* The same over documents in memory, as coda_corpus_split takes them; the
 * ids are copied, texts and lens must outlive the stream. */
CODA_API
coda_status coda_corpus_stream_mem(const char *const *ids,
                                   const char *const *texts,
                                   const size_t *lens, size_t n,
                                   const char *name, const coda_corpus_opts *o,
                                   size_t batch_bytes,
                                   coda_corpus_stream **out, coda_error *err);

/* The same over documents read from fp as coda_docin_read reads them (id,
 * text CSV or JSON lines), a batch of them at a time, their errors naming
 * name (which must outlive the stream) and the line: the input is read
 * as the batches are asked for, and only the ids seen are kept.  A record
 * longer than o->max_record is CODA_ELIMIT naming its line; o->copy gets
 * the bytes read. */
CODA_API
coda_status coda_corpus_stream_file(FILE *fp, const char *name,
                                    const coda_corpus_opts *o,
                                    size_t batch_bytes,
                                    coda_corpus_stream **out,
                                    coda_error *err);

/* The next batch into *out (the caller's), NULL after the last; the first
 * call gives a batch even when there are no documents.  Its warnings go to
 * w (may be NULL) and, when documents is non-NULL, its table of documents
 * (as coda_corpus_opts.documents) to *documents.  The errors of a read;
 * after one, free the stream. */
CODA_API
coda_status coda_corpus_stream_next(coda_corpus_stream *s, coda_warnings *w,
                                    coda_table **documents, coda_table **out,
                                    coda_error *err);

/* 1 when a second stream over the same source would read the same
 * documents: documents in memory, or paths that are all regular files
 * (not a FIFO or a device); 0 for a stream read from fp. */
CODA_API
int coda_corpus_stream_rereadable(const coda_corpus_stream *s);

CODA_API
void coda_corpus_stream_free(coda_corpus_stream *s);

#endif
