/* csvgen.h - growable byte buffers and generated CSV inputs for the unit
 * tests, each with the table its generator meant.
 *
 * Buffers use the C library's allocator, not coda's, so they do not count
 * in out-of-memory runs.  Generators are deterministic. */
#ifndef CODA_TEST_CSVGEN_H
#define CODA_TEST_CSVGEN_H

#include "table.h"

#include <stddef.h>

typedef struct gen_buf {
    char *s;
    size_t len, cap;
} gen_buf;

void gen_put(gen_buf *b, const char *s, size_t n);
void gen_printf(gen_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void gen_free(gen_buf *b);

/* The bytes of dir/name (the test fails when it cannot be read). */
gen_buf gen_read_file(const char *dir, const char *name);
void gen_write_file(const gen_buf *b, const char *path);

/* code,num,x,y: code is "%03d" of row % 1000 but "n/a" at text_row (so a
 * string column keeping "007"); num the row (integer); x the row but 0.5 at
 * text_row (number); y the row but "abc" at row 10 (string). LF ends. */
gen_buf gen_late_text(size_t nrow, size_t text_row, coda_table **want);

/* id,text,tags,num,flag with quoted LF and CRLF, doubled quotes, commas,
 * Devanagari, spaces, missing values, a multi column (tags, ';') and LF or
 * CRLF line ends at random; with stray, some unquoted fields hold a stray
 * quote (ab"c). */
gen_buf gen_messy(size_t nrow, int stray, coda_table **want);

/* ncol columns c0, c1, ...: integer, string, number in turn, some missing. */
gen_buf gen_wide(size_t ncol, size_t nrow, coda_table **want);

/* t,n: t is "a" first, "z" last and "" (quoted) between. */
gen_buf gen_quoted_empty(size_t nrow, coda_table **want);

/* s: 8192 distinct 7-byte strings (filling a 64 KiB string chunk to its
 * last byte), then a 20-byte one that shares the last one's first 7 bytes
 * and its slot among recently seen short strings. */
gen_buf gen_chunk_end(coda_table **want);

typedef enum {
    GEN_TOO_FEW, GEN_TOO_MANY, GEN_BAD_UTF8, GEN_BAD_TYPE, GEN_UNTERMINATED,
    GEN_NFAULTS
} gen_fault;

typedef struct gen_error {
    coda_status code;       /* expected */
    long line;              /* its physical line */
    const char *word;       /* a word of its message */
    int override;           /* load with column n typed integer */
} gen_error;

/* n,w with some two-line quoted fields and some CRLF ends, and fault f at
 * row at (0-based). */
gen_buf gen_error_at(size_t nrow, size_t at, gen_fault f, gen_error *e);

#endif
