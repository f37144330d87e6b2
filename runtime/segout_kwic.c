/* segout_kwic.c - the keyword-in-context listing of coded segments. */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_outfile.h"
#include "base_utf8.h"
#include "writers.h"


void coda_segout_kwic_opts_init(coda_segout_kwic_opts *o)
{
    o->context = 30;
}

/* The widest where (doc:unit), speaker and code, in terminal columns. */
typedef struct widths {
    size_t where, speaker, code;
} widths;

static int flat_byte(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

/* Terminal columns of s[0..len) as put_flat shows it. */
static size_t width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp;
        if ((unsigned char)s[i] < 0x80) {
            w++;
            i++;
            continue;
        }
        i += coda_utf8_decode(s + i, len - i, &cp);
        w += (size_t)coda_utf8_cp_width(cp);
    }
    return w;
}

/* s[0..len) with line breaks, tabs and other control bytes as spaces. */
static void put_flat(coda_wbuf *fp, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        if (!flat_byte((unsigned char)s[i]))
            continue;
        coda_wbuf_add(fp, s + run, i - run);
        coda_wbuf_putc(fp, ' ');
        run = i + 1;
    }
    coda_wbuf_add(fp, s + run, len - run);
}

static void pad(coda_wbuf *fp, size_t n)
{
    static const char spaces[] = "                                ";
    for (; n >= sizeof spaces - 1; n -= sizeof spaces - 1)
        coda_wbuf_add(fp, spaces, sizeof spaces - 1);
    coda_wbuf_add(fp, spaces, n);
}

/* The speaker of segment r: its own column, else its unit's; "-" for none. */
static const char *speaker(const coda_segview *v, size_t r, size_t row,
                           size_t *len)
{
    const char *s = v->speaker ? coda_segview_str(v->speaker, r, len)
                               : coda_segview_str(v->cspeaker, row, len);
    if (*len == 0) {
        *len = 1;
        return "-";
    }
    return s;
}

static size_t max(size_t a, size_t b)
{
    return a > b ? a : b;
}

/* Check every segment and measure the first three columns. */
static coda_status measure(coda_segview *v, widths *w, coda_error *err)
{
    memset(w, 0, sizeof *w);
    for (size_t r = 0; r < v->seg->nrow; r++) {
        coda_segspan sp;
        coda_status st = coda_segview_span(v, r, &sp, err);
        if (st != CODA_OK)
            return st;
        char num[24];
        size_t len, n = coda_int_text(v->unit->v.i[r], num) + 1;
        const char *s = coda_segview_str(v->doc, r, &len);
        w->where = max(w->where, width(s, len) + n);
        s = speaker(v, r, sp.row, &len);
        w->speaker = max(w->speaker, width(s, len));
        s = coda_segview_str(v->code, r, &len);
        w->code = max(w->code, width(s, len));
    }
    return CODA_OK;
}

/* A column's value, then padding to wide and two spaces. */
static void put_cell(coda_wbuf *fp, const char *s, size_t len, size_t wide)
{
    put_flat(fp, s, len);
    pad(fp, wide - width(s, len) + 2);
}

static void put_where(coda_wbuf *fp, const coda_segview *v, size_t r, size_t wide)
{
    char num[24];
    size_t len, n = coda_int_text(v->unit->v.i[r], num + 1) + 1;
    const char *doc = coda_segview_str(v->doc, r, &len);
    num[0] = ':';
    put_flat(fp, doc, len);
    coda_wbuf_add(fp, num, n);
    pad(fp, wide - width(doc, len) - n + 2);
}

/* LEFT[MATCH]RIGHT of one segment, LEFT padded to context columns. */
static void put_context(coda_wbuf *fp, const coda_segspan *sp, size_t context)
{
    size_t p = sp->a, q = sp->b;
    for (size_t k = 0; k < context && p > 0; k++)
        p = coda_utf8_char_start(sp->text, p);
    for (size_t k = 0; k < context && q < sp->len; k++)
        q += coda_utf8_char_len(sp->text + q, sp->len - q);
    size_t lw = width(sp->text + p, sp->a - p);
    pad(fp, lw < context ? context - lw : 0);
    put_flat(fp, sp->text + p, sp->a - p);
    coda_wbuf_putc(fp, '[');
    put_flat(fp, sp->text + sp->a, sp->b - sp->a);
    coda_wbuf_putc(fp, ']');
    put_flat(fp, sp->text + sp->b, q - sp->b);
    coda_wbuf_putc(fp, '\n');
}

static void put_lines(coda_wbuf *fp, coda_segview *v, const widths *w,
                      size_t context)
{
    for (size_t r = 0; r < v->seg->nrow; r++) {
        coda_segspan sp;
        coda_segview_span(v, r, &sp, NULL);         /* checked by measure */
        size_t len;
        put_where(fp, v, r, w->where);
        const char *s = speaker(v, r, sp.row, &len);
        put_cell(fp, s, len, w->speaker);
        s = coda_segview_str(v->code, r, &len);
        put_cell(fp, s, len, w->code);
        put_context(fp, &sp, context);
    }
}

coda_status coda_segout_kwic(const coda_table *seg, const coda_table *corpus,
                             const coda_segout_kwic_opts *o, const char *path,
                             coda_error *err)
{
    coda_segview v;
    widths w;
    coda_outfile out;
    coda_status st = coda_segview_open(&v, seg, corpus, err);
    if (st != CODA_OK)
        return st;
    st = measure(&v, &w, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&out, path, err);
    coda_wbuf *buf = st == CODA_OK ? coda_wbuf_new(out.fp) : NULL;
    if (st == CODA_OK && !buf) {
        coda_outfile_abort(&out);
        st = coda_error_nomem(err);
    } else if (st == CODA_OK) {
        put_lines(buf, &v, &w, o->context);
        coda_wbuf_flush(buf);
        st = coda_outfile_commit(&out, err);
    }
    coda_free(buf);
    coda_segview_close(&v);
    return st;
}
