/* csv_quote.c - what quoting says about a CSV field: whether the parser met
 * it in quotes (libcsv's callbacks do not tell), and whether its text
 * needed them.
 *
 * A quoted field's text reaches the callback in libcsv's field buffer with
 * the closing quote still in the byte after it: the parser stores that
 * quote and then drops it from the length once a separator or line end
 * shows the field has ended.  An unquoted field leaves that byte as it
 * was.  So the buffer is grown with its new bytes zeroed (coda_csv_buf_realloc)
 * and after each field the callback clears every quote byte it left in the
 * buffer (csv_scrub_quotes, inline in csv_int.h); then a quote just past
 * a field's end can only be its own closing quote. */
#include "csv_int.h"

#include "base_alloc.h"

#include <stdint.h>
#include <string.h>

/* The buffer's size is kept just before it (16 bytes keep its alignment). */
enum { BUF_HEAD = 16 };

void *coda_csv_buf_realloc(void *old, size_t n)
{
    size_t had = 0;
    char *base = old ? (char *)old - BUF_HEAD : NULL;
    if (base)
        memcpy(&had, base, sizeof had);
    if (n > SIZE_MAX - BUF_HEAD)
        return NULL;
    char *grown = coda_realloc(base, n + BUF_HEAD);
    if (!grown)
        return NULL;
    if (n > had)
        memset(grown + BUF_HEAD + had, 0, n - had);
    memcpy(grown, &n, sizeof n);
    return grown + BUF_HEAD;
}

void coda_csv_buf_free(void *p)
{
    if (p)
        coda_free((char *)p - BUF_HEAD);
}

int coda_csv_needs_quotes(const char *s, size_t len, unsigned char delim)
{
    if (len == 0 || s[0] == ' ' || s[0] == '\t' || s[len - 1] == ' ' ||
        s[len - 1] == '\t')
        return 1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == delim || c == '"' || c == '\r' || c == '\n')
            return 1;
    }
    return 0;
}

int coda_csv_looks_typed(const char *s, size_t len)
{
    int64_t i;
    double d;
    int b;
    return csv_parse_int(s, len, &i) || csv_parse_number(s, len, &d) ||
           csv_parse_bool(s, len, &b);
}
