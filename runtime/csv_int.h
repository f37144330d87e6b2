/* csv_int.h - what the CSV family's files share (not public): the load's
 * context, a part and its columns, the header, and the functions each file
 * provides to those above it (input, part columns, store, part, header,
 * split, merge, quoting, values). */
#ifndef CODA_CSV_INT_H
#define CODA_CSV_INT_H

#include "csv_io.h"

#include <csv.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#define MAX_THREADS 16
#define TYPE_UNKNOWN ((int)-1) /* an inferred column with no value seen yet */

/* What the whole load knows about one column. */
typedef struct col_spec {
    const char *name;
    int fixed;              /* type given by the caller (or infer = 0) */
    coda_type type;         /* the fixed type */
    const char *const *na;  /* this column's own missing values */
    size_t nna;
    const char *sep;        /* multi separator */
    size_t seplen;
    atomic_int must_string; /* an inferred column some part found text in */
    int quick;              /* its bare typed values may be stored the
                               quick way (csv_store.c) */
} col_spec;

/* Everything the loader's parts share, read-only while threads run. */
typedef struct load_ctx {
    const char *name;           /* file name for messages */
    const char *mem;            /* the data, when in memory */
    int fd;                     /* else the file, read with pread */
    size_t size;                /* bytes of input */
    size_t block;
    unsigned char delim;
    char decimal, thousands;    /* number marks; 0: '.' and none */
    const char *const *na;
    size_t nna;
    size_t ncol;
    col_spec *spec;
    const char *line_col;       /* the line column's name, or NULL */
    int hdr_bare;               /* the header has a name not in quotes */
    int hdr_needless;           /* ... one in quotes it did not need */
    int libcsv;                 /* parse every part with libcsv */
} load_ctx;

/* Short strings seen recently in a string column, so repeats share a copy:
 * sets of DEDUP_WAYS slots, the most recently used first. */
enum { DEDUP_SLOTS = 1024, DEDUP_WAYS = 4, DEDUP_MAXLEN = 24 };
typedef struct dedup_slot {
    const char *s;          /* NULL: empty */
    size_t len;
} dedup_slot;

/* Multi-select fields seen recently in a column and the label ids each
 * gave, so a repeated field is not split and interned again (len 0: an
 * empty slot). */
enum { MCACHE_SLOTS = 256, MCACHE_MAXLEN = 46, MCACHE_MAXIDS = 8 };
typedef struct mcache_slot {
    uint8_t len, nids;
    char text[MCACHE_MAXLEN];
    uint32_t ids[MCACHE_MAXIDS];
} mcache_slot;

/* One column as built by one part. */
typedef struct part_col {
    int type;               /* coda_type or TYPE_UNKNOWN */
    int quick;              /* its spec's quick */
    int any_missing;
    int quoted_empty;       /* met "" while not a string column */
    int quoted_typed;       /* an inferred column met a quoted value that
                               reads as integer, number or boolean */
    uint8_t *missing;       /* cap bytes */
    union {
        int64_t *i;
        double *d;
        uint8_t *b;
        struct { const char **p; uint32_t *len; dedup_slot *dedup; } s;
        struct { uint64_t *off; uint32_t *ids; size_t nids, idcap;
                 coda_labels *labels; mcache_slot *cache; } m;
    } v;
} part_col;

/* One part of the input: bytes [start, end), parsed by one thread. */
typedef struct part {
    const load_ctx *ctx;
    size_t start, end;
    int quote_parity;       /* for the split: of the quotes before start */
    /* results */
    size_t nrow, cap;
    part_col *cols;
    int64_t *rec_lines;     /* with ctx->line_col: each row's local line */
    coda_pool *pool;
    long line;              /* line ends seen so far (local physical line - 1) */
    long lines;             /* line ends in the whole part, after the parse */
    int end_in_record;      /* the parser was inside a record at `end` */
    int restart;            /* a column turned out to be text: parse again */
    int bare;               /* met a non-empty field not in quotes (or the
                               header did) */
    int needless;           /* met quotes around text that needed none (or
                               the header did) */
    int typed;              /* the last field read as a number or boolean
                               (so it holds no quote byte) */
    int slow;               /* input the scanner leaves to libcsv */
    size_t pos;             /* bytes of the part before the record being
                               read (kept by the scanner; 0: not known) */
    coda_error err;
    /* parser state during the parse */
    struct csv_parser parser;
    size_t field;           /* index of the next field in the record */
    long rec_line;          /* local line where the current record began */
    int pending_cr;
    int stop;
    char *buf;              /* read buffer when reading a file */
} part;

/* Parse p->start .. p->end into p's columns (csv_part.c). Returns CODA_OK with
 * p->restart possibly set, or an error in p->err. */
coda_status part_parse(part *p);

/* Store field f (NULL: empty and unquoted; quoted: it was in quotes) of
 * the current row; line is the local line where the field began
 * (csv_store.c). */
void store_field(part *p, size_t f, const char *s, size_t len, int quoted,
                 long line);

/* A field or a record end found by a tokenizer: part_field (below, inline,
 * as the scanner calls it for every field) takes the field's text (NULL:
 * empty and unquoted) holding nlf line feeds, part_row_end (csv_row.c) the
 * byte that ended the record (-1: the end of the input).  part_grow_rows
 * gives the part's columns room for more rows (0: out of memory). */
void part_row_end(part *p, int c);
int part_grow_rows(part *p);

/* The scanner (csv_scan.c): csv_scan_fits says whether it may read the
 * load's input (libcsv reads the rest); csv_scan reads the part's records,
 * or sets p->slow when they are for libcsv to read. */
int csv_scan_fits(const load_ctx *ctx);
void csv_scan(part *p);

/* Load with libcsv alone, not the scanner (for tests that compare the
 * two; set before a load, never during one). */
CODA_INTERNAL extern int csv_libcsv_only;

/* Free everything a part built (csv_part.c). */
void part_free(part *p);

/* A part's columns and failures (csv_partcol.c).  part_set_type gives an
 * untyped part column its type, with arrays for p->cap rows; part_col_grow
 * gives a column room for cap rows (0: out of memory); part_col_free frees
 * one part column's arrays (it is left untyped and empty). */
int part_set_type(part *p, part_col *c, int type);
int part_col_grow(part_col *c, size_t cap);

void part_col_free(part_col *pc);

/* Record an error at a local line (field SIZE_MAX: not about one field) and
 * stop the part; part_oom records CODA_ENOMEM (csv_partcol.c). */
void part_fail(part *p, coda_status code, long line, size_t field,
               const char *what);
void part_oom(part *p);

/* The next field of the current row (see above). */
static inline void part_field(part *p, const char *s, size_t len, int quoted,
                              size_t nlf)
{
    p->pending_cr = 0;
    size_t f = p->field++;
    long line = p->line;
    p->line += (long)nlf;
    /* too many fields: reported at the row's end */
    p->typed = 0;
    if (f < p->ctx->ncol && f == 0 && p->nrow == p->cap && !part_grow_rows(p))
        part_oom(p);
    else if (f < p->ctx->ncol)
        store_field(p, f, s, len, quoted, line);
}

/* The input (csv_input.c).  load_read reads [off, off+len) of the input: a
 * pointer into memory, or into buf after a pread; NULL on a read error.
 * count_lf counts the newlines in s[0..len). */
const char *load_read(const load_ctx *ctx, size_t off, size_t len, char *buf);
size_t count_lf(const char *s, size_t len);

/* The header record (csv_header.c). */
typedef struct csv_header {
    char **names;           /* NUL-terminated copies */
    size_t *lens;
    size_t n, cap;
    size_t end;             /* offset of the first byte after the header */
    long first_line;        /* physical line of the header */
    long lines;             /* line ends up to end */
    int bare;               /* a name is not in quotes */
    int needless;           /* a name is in quotes it did not need */
    coda_error err;
} csv_header;

/* Read the first record at or after start as the header and check its names
 * (non-empty, UTF-8, no NUL, no duplicates).  On failure h->err says why;
 * csv_header_free frees h in every case. */
coda_status csv_header_read(const load_ctx *ctx, size_t start, csv_header *h);
void csv_header_free(csv_header *h);

/* Split [start, size) into at most nparts parts at record boundaries
 * (parts[] has room for nparts); returns how many parts there are. */
size_t csv_split(const load_ctx *ctx, size_t start, size_t nparts, part *parts);

/* Parse parts[i] for each i with todo[i] set (todo NULL: all), in parallel,
 * each until it needs no restart.  Results and errors are in the parts. */
void csv_run_parts(part *parts, size_t n, const int *todo);

/* The final type of each column from what the parts found; marks in dirty[]
 * the parts to parse again (and their columns as text); returns the number
 * of dirty parts (csv_merge.c). */
size_t csv_resolve(const load_ctx *ctx, part *parts, size_t n, int *types,
                   int *dirty);

/* Build the table from parts parsed with the resolved types, freeing the
 * parts' arrays as it goes; base: the line ends before the first part (for
 * the line column) (csv_merge.c). */
coda_status csv_merge(const load_ctx *ctx, part *parts, size_t n,
                      const int *types, long base, coda_table **out);

/* Quoting (csv_quote.c).  coda_csv_buf_realloc and coda_csv_buf_free are the
 * parser's allocator (set both): they zero the bytes the field buffer
 * grows by.  csv_field_quoted: 1 when the field libcsv hands
 * a callback as s[0..len) was in quotes; csv_scrub_quotes clears the quote
 * bytes a field left in the parser's buffer, and must run at the end of
 * every field callback that asks csv_field_quoted.  coda_csv_needs_quotes: 1
 * when text cannot be written bare (empty, a space or tab at either end, a
 * delim, quote, CR or LF); coda_csv_looks_typed: 1 when bare text would read as
 * an integer, number or boolean. */
void *coda_csv_buf_realloc(void *old, size_t n);
void coda_csv_buf_free(void *p);
static inline int csv_field_quoted(const struct csv_parser *ps,
                                   const void *s, size_t len)
{
    return s && len < ps->entry_size &&
           ((const unsigned char *)s)[len] == ps->quote_char;
}

static inline void csv_scrub_quotes(const struct csv_parser *ps, void *s,
                                    size_t len, int quoted)
{
    if (!s)
        return;
    unsigned char *b = s, *e = b + len + !!quoted;
    while ((b = memchr(b, ps->quote_char, (size_t)(e - b))))
        *b++ = '\0';
}
int coda_csv_needs_quotes(const char *s, size_t len, unsigned char delim);
int coda_csv_looks_typed(const char *s, size_t len);

/* Parse helpers shared with the writer and tests. */
int csv_parse_int(const char *s, size_t len, int64_t *out);
int csv_parse_number(const char *s, size_t len, double *out);
int csv_parse_bool(const char *s, size_t len, int *out);

/* Powers of ten, exact as doubles: 1e0 .. 1e22 (csv_value.c). */
CODA_INTERNAL extern const double csv_pow10[23];

/* Digits from s to at most e appended to *m; returns where they stop. */
static inline const char *csv_digits_into(const char *s, const char *e,
                                          uint64_t *m)
{
    uint64_t v = *m;
    for (unsigned c; s < e && (c = (unsigned char)*s - '0') <= 9; s++)
        v = v * 10 + c;
    *m = v;
    return s;
}

/* The common forms in one pass: [+-]digits (18 at most) as an integer in
 * *i, [+-]digits with one '.' (15 digits at most) as a number in *d, the
 * values csv_parse_int and csv_parse_number give them; returns CODA_INTEGER
 * or CODA_NUMBER, or TYPE_UNKNOWN for anything else (which they then
 * decide).  Inline: the loader calls it for every typed field. */
static inline int csv_quick_value(const char *s, size_t len, int64_t *i,
                                  double *d)
{
    const char *e = s + len, *from = s + (len && (*s == '-' || *s == '+'));
    uint64_t m = 0;         /* wraps past 19 digits, then is not used */
    const char *q = csv_digits_into(from, e, &m), *dot = NULL;
    if (q < e && *q == '.')
        q = csv_digits_into(dot = q + 1, e, &m);
    size_t ndig = (size_t)(q - from) - (dot != NULL);
    if (q != e || ndig == 0 || ndig > 18)
        return TYPE_UNKNOWN;
    if (!dot) {
        *i = s[0] == '-' ? (int64_t)(0 - m) : (int64_t)m;
        return CODA_INTEGER;
    }
    if (ndig > 15)
        return TYPE_UNKNOWN;
    /* exact digits over an exact power of ten: one rounding (Clinger) */
    double v = (double)m / csv_pow10[e - dot];
    *d = s[0] == '-' ? -v : v;
    return CODA_NUMBER;
}

/* s[0..len) written with decimal mark dec and thousands mark sep (0: none)
 * rewritten as plain decimal syntax into buf (size bytes); its length, or
 * 0 when s is not a number so written (a misplaced mark, a group that is
 * not three digits, a '.' that is not a mark). */
CODA_INTERNAL size_t csv_local_number(const char *s, size_t len, char dec,
                                     char sep, char *buf, size_t size);

#endif
