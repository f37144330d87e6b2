/* expr_textbuf.c - the bytes of a string result: a block's strings are
 * added row by row into the node's text buffer, and their pointers set
 * once the block is done.  Uses no other expr file. */
#include "expr_int.h"

void ex_text_reset(ex_node *n)
{
    n->text.n = 0;
}

/* The block's offsets into n->text live in n->buf until ex_text_done. */
void ex_text_add(ex_node *n, size_t r, const char *s, size_t len)
{
    ((size_t *)n->buf)[r] = n->text.n;
    n->lens[r] = (uint32_t)len;
    coda_strbuf_add(&n->text, s, len);
    coda_strbuf_add(&n->text, "", 1);
}

coda_status ex_text_done(ex_node *n, size_t len)
{
    if (n->text.failed)
        return coda_error_nomem(n->owner->err);
    for (size_t r = 0; r < len; r++)
        if (!ex_na(&n->v, r))
            n->strs[r] = n->text.p + ((size_t *)n->buf)[r];
    return CODA_OK;
}
