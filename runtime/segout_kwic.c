/* segout_kwic.c - the keyword-in-context listing of coded segments. */
#include "segout_int.h"

#include "base_alloc.h"
#include "base_outfile.h"
#include "base_utf8.h"
#include "writers.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>


void coda_segout_kwic_opts_init(coda_segout_kwic_opts *o)
{
    o->context = 30;
}

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

/* --- the listing a batch at a time: each line goes to a scratch file
 * with its first three columns (flattened: no control byte in them) ended
 * by a unit separator, the widest columns are kept, and the lines are
 * padded as they are copied out at the end. ------------------------------ */

#define SEP '\x1f'

coda_status coda_kwic_spool_open(coda_kwic_spool *k, size_t context,
                                 coda_error *err)
{
    memset(k, 0, sizeof *k);
    k->context = context;
    coda_status st = coda_scratch_open(&k->fp, err);
    if (st == CODA_OK && !(k->w = coda_wbuf_new(k->fp)))
        st = coda_error_nomem(err);
    if (st != CODA_OK)
        coda_kwic_spool_free(k);
    return st;
}

/* Segment r's line, unpadded, to the scratch file. */
static void spool_line(coda_kwic_spool *k, const coda_segview *v, size_t r,
                       const coda_segspan *sp)
{
    char num[24];
    size_t len, n = coda_int_text(v->unit->v.i[r], num + 1) + 1;
    num[0] = ':';
    const char *s = coda_segview_str(v->doc, r, &len);
    k->w_where = max(k->w_where, width(s, len) + n);
    put_flat(k->w, s, len);
    coda_wbuf_add(k->w, num, n);
    coda_wbuf_putc(k->w, SEP);
    s = speaker(v, r, sp->row, &len);
    k->w_speaker = max(k->w_speaker, width(s, len));
    put_flat(k->w, s, len);
    coda_wbuf_putc(k->w, SEP);
    s = coda_segview_str(v->code, r, &len);
    k->w_code = max(k->w_code, width(s, len));
    put_flat(k->w, s, len);
    coda_wbuf_putc(k->w, SEP);
    put_context(k->w, sp, k->context);
}

coda_status coda_kwic_spool_add(coda_kwic_spool *k, const coda_table *seg,
                                const coda_table *corpus, coda_error *err)
{
    coda_segview v;
    coda_status st = coda_segview_open(&v, seg, corpus, err);
    if (st != CODA_OK)
        return st;
    for (size_t r = 0; st == CODA_OK && r < seg->nrow; r++) {
        coda_segspan sp;
        st = coda_segview_span(&v, r, &sp, err);
        if (st == CODA_OK)
            spool_line(k, &v, r, &sp);
    }
    coda_segview_close(&v);
    return st;
}

/* One spooled line s[0..len) (its newline included), padded, to out. */
static void replay_line(const coda_kwic_spool *k, coda_wbuf *out,
                        const char *s, size_t len)
{
    const size_t wide[3] = { k->w_where, k->w_speaker, k->w_code };
    const char *e = s + len;
    for (int c = 0; c < 3; c++) {
        const char *sep = memchr(s, SEP, (size_t)(e - s));
        size_t n = (size_t)(sep - s);
        coda_wbuf_add(out, s, n);
        pad(out, wide[c] - width(s, n) + 2);
        s = sep + 1;
    }
    coda_wbuf_add(out, s, (size_t)(e - s));
}

static coda_status replay(coda_kwic_spool *k, coda_wbuf *out,
                                   coda_error *err)
{
    coda_wbuf_flush(k->w);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    if (ferror(k->fp) || fflush(k->fp) != 0 || fseek(k->fp, 0, SEEK_SET) != 0)
        return coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot write the "
                              "listing's scratch file: %s", strerror(errno));
    while ((n = getline(&line, &cap, k->fp)) > 0)
        replay_line(k, out, line, (size_t)n);
    free(line);
    if (ferror(k->fp))
        return coda_error_set(err, CODA_EIO, NULL, 0, 0, "cannot read the "
                              "listing's scratch file: %s", strerror(errno));
    return CODA_OK;
}

void coda_kwic_spool_free(coda_kwic_spool *k)
{
    coda_free(k->w);
    if (k->fp)
        fclose(k->fp);
    k->w = NULL;
    k->fp = NULL;
}

coda_status coda_kwic_spool_commit(coda_kwic_spool *k, coda_outfile *out,
                                   coda_error *err)
{
    coda_wbuf *buf = coda_wbuf_new(out->fp);
    coda_status st = buf ? replay(k, buf, err)
                         : coda_error_nomem(err);
    if (buf)
        coda_wbuf_flush(buf);
    coda_free(buf);
    if (st != CODA_OK) {
        coda_outfile_abort(out);
        return st;
    }
    return coda_outfile_commit(out, err);
}

coda_status coda_segout_kwic(const coda_table *seg, const coda_table *corpus,
                             const coda_segout_kwic_opts *o, const char *path,
                             coda_error *err)
{
    coda_kwic_spool k;
    coda_outfile out;
    coda_status st = coda_kwic_spool_open(&k, o->context, err);
    if (st == CODA_OK)
        st = coda_kwic_spool_add(&k, seg, corpus, err);
    if (st == CODA_OK)
        st = coda_outfile_open(&out, path, err);
    if (st == CODA_OK)
        st = coda_kwic_spool_commit(&k, &out, err);
    coda_kwic_spool_free(&k);
    return st;
}
