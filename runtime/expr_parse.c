/* expr_parse.c - the tree of an expression, by recursive descent.
 *
 *   expr  := and { "or" and }          cmp   := sum [ cmpop sum ]
 *   and   := not { "and" not }         sum   := prod { ("+"|"-") prod }
 *   not   := "not" not | cmp           prod  := unary { ("*"|"/"|"//"|"%") unary }
 *   unary := "-" unary | pow           pow   := atom [ "^" unary ]
 *   atom  := number | string | true | false | missing | inf | column
 *          | name "(" [ expr { "," expr } ] ")" | "(" expr ")"
 *          | "{" [ expr { "," expr } ] "}"
 *
 * Uses expr_lex.c (tokens), expr_node.c (nodes, errors) and expr_func.c
 * (finding a function by name).
 */
#include "expr_int.h"

#include "base_alloc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct parser {
    coda_expr *e;
    size_t pos;
    ex_token tok;
    int depth;          /* recursion of the descent */
} parser;

static coda_status parse_expr(parser *p, ex_node **out);

typedef coda_status (*level_fn)(parser *, ex_node **);

static coda_status next(parser *p)
{
    coda_free(p->tok.text);
    return ex_lex(p->e, &p->pos, &p->tok);
}

static int is_op(const parser *p, const char *op)
{
    return p->tok.kind == T_OP && p->tok.len == strlen(op) &&
           strncmp(p->e->src + p->tok.at, op, p->tok.len) == 0;
}

/* A bare word (not a name in backticks). */
static int is_word(const parser *p, const char *w)
{
    return p->tok.kind == T_NAME && p->e->src[p->tok.at] != '`' &&
           strcmp(p->tok.text, w) == 0;
}

static coda_status expect(parser *p, ex_tok_kind k, const char *what)
{
    if (p->tok.kind != k)
        return ex_fail(p->e, CODA_EPARSE, p->tok.at, "expected %s", what);
    return next(p);
}

/* Attach kids[0..n) to n, keeping the tree's depth within bounds. */
static coda_status adopt(parser *p, ex_node *n, ex_node **kids, size_t k)
{
    coda_free(n->kid);          /* a call or list gets its items later */
    n->kid = coda_malloc((k ? k : 1) * sizeof *n->kid);
    if (!n->kid)
        return coda_error_nomem(p->e->err);
    for (size_t i = 0; i < k; i++) {
        n->kid[i] = kids[i];
        if (kids[i]->depth + 1 > n->depth)
            n->depth = kids[i]->depth + 1;
    }
    n->nkid = k;
    if (n->depth > EX_MAX_DEPTH)
        return ex_fail(p->e, CODA_ELIMIT, n->at, "expression nested too "
                       "deeply (more than %d levels)", EX_MAX_DEPTH);
    return CODA_OK;
}

static coda_status node(parser *p, ex_op op, size_t at, ex_node **kids,
                        size_t k, ex_node **out)
{
    ex_node *n = ex_node_new(p->e, op, at);
    if (!n)                     /* too many parts was recorded already */
        return p->e->nnodes == EX_MAX_NODES ? CODA_ELIMIT
                                            : coda_error_nomem(p->e->err);
    coda_status st = adopt(p, n, kids, k);  /* kids may be where *out is */
    *out = n;
    return st;
}

/* Arguments of a call or items of a list, up to the closing token. */
static coda_status items(parser *p, ex_tok_kind close, const char *what,
                         ex_node *n)
{
    ex_node *kids[256];
    size_t k = 0;
    coda_status st = CODA_OK;
    while (st == CODA_OK && p->tok.kind != close) {
        if (k == sizeof kids / sizeof *kids)
            return ex_fail(p->e, CODA_ELIMIT, p->tok.at, "more than %zu %s",
                           k, what);
        if (k && (st = expect(p, T_COMMA, "',' or a closing bracket")))
            break;
        st = parse_expr(p, &kids[k++]);
    }
    if (st == CODA_OK)
        st = adopt(p, n, kids, k);
    return st ? st : next(p);
}

static coda_status call(parser *p, ex_node **out)
{
    size_t at = p->tok.at;
    const ex_func *fn = ex_func_find(p->tok.text);
    if (!fn) {
        const char *near = ex_func_nearest(p->tok.text);
        return ex_fail(p->e, CODA_EPARSE, at, "unknown function \"%s\"%s%s%s",
                       p->tok.text, near ? " (did you mean \"" : "",
                       near ? near : "", near ? "\"?)" : "");
    }
    coda_status st = next(p);
    if (st == CODA_OK)
        st = next(p);           /* past "(" */
    if (st == CODA_OK)
        st = node(p, OP_CALL, at, NULL, 0, out);
    if (st == CODA_OK)
        (*out)->fn = fn, st = items(p, T_RPAREN, "arguments", *out);
    if (st == CODA_OK && ((int)(*out)->nkid < fn->min ||
                          (fn->max >= 0 && (int)(*out)->nkid > fn->max))) {
        char n[40];
        if (fn->min == fn->max)
            snprintf(n, sizeof n, "%d", fn->min);
        else if (fn->max < 0)
            snprintf(n, sizeof n, "%d or more", fn->min);
        else
            snprintf(n, sizeof n, "%d to %d", fn->min, fn->max);
        st = ex_fail(p->e, CODA_EPARSE, at, "%s takes %s argument%s, not %zu",
                     fn->name, n, strcmp(n, "1") ? "s" : "", (*out)->nkid);
    }
    return st;
}

static coda_status column(parser *p, ex_node **out)
{
    long c = coda_table_find(p->e->t, p->tok.text);
    if (c < 0) {
        const char *near = coda_table_nearest(p->e->t, p->tok.text);
        return ex_fail(p->e, CODA_EPARSE, p->tok.at, "unknown column \"%s\""
                       "%s%s%s", p->tok.text, near ? " (did you mean \"" : "",
                       near ? near : "", near ? "\"?)" : "");
    }
    coda_status st = node(p, OP_COL, p->tok.at, NULL, 0, out);
    if (st == CODA_OK) {
        (*out)->col = &p->e->t->cols[c];
        (*out)->type = (*out)->col->type;
    }
    return st ? st : next(p);
}

/* true, false, missing, inf: literals unless written in backticks. */
static int keyword(parser *p, ex_node *n)
{
    static const char *const words[] = { "true", "false", "missing", "inf" };
    int w = 0;
    while (w < 4 && !is_word(p, words[w]))
        w++;
    if (w == 4)
        return 0;
    n->lit_type = w < 2 ? CODA_BOOLEAN : w == 2 ? EX_NULL : CODA_NUMBER;
    n->i = w == 0;
    n->d = INFINITY;
    return 1;
}

static coda_status literal(parser *p, ex_node **out)
{
    coda_status st = node(p, OP_LIT, p->tok.at, NULL, 0, out);
    ex_node *n = *out;
    if (st)
        return st;
    if (p->tok.kind == T_NUM) {
        n->lit_type = p->tok.is_int ? CODA_INTEGER : CODA_NUMBER;
        n->i = p->tok.i;
        n->d = p->tok.d;
    } else if (p->tok.kind == T_STR) {
        n->lit_type = CODA_STRING;
        n->s = p->tok.text, n->slen = (uint32_t)p->tok.len;
        p->tok.text = NULL;     /* the node owns it */
    } else if (!keyword(p, n)) {
        return ex_fail(p->e, CODA_EPARSE, p->tok.at, "expected a value");
    }
    n->type = n->lit_type;
    return next(p);
}

static coda_status atom(parser *p, ex_node **out)
{
    coda_status st;
    if (p->tok.kind == T_LPAREN) {
        size_t at = p->tok.at;
        if ((st = next(p)) || (st = parse_expr(p, out)))
            return st;
        if (p->tok.kind != T_RPAREN)
            return ex_fail(p->e, CODA_EPARSE, p->tok.at, "expected ')' for "
                           "the '(' at %zu", at + 1);
        return next(p);
    }
    if (p->tok.kind == T_LBRACE) {
        st = node(p, OP_LIST, p->tok.at, NULL, 0, out);
        return st ? st : (st = next(p)) ? st
                   : items(p, T_RBRACE, "list items", *out);
    }
    if (p->tok.kind == T_NAME && p->e->src[p->pos + strspn(p->e->src +
                                                           p->pos, " \t\r\n")] == '(')
        return call(p, out);
    ex_node tmp;
    if (p->tok.kind == T_NAME && !keyword(p, &tmp))
        return column(p, out);
    return literal(p, out);
}

static coda_status parse_unary(parser *p, ex_node **out);

static coda_status parse_pow(parser *p, ex_node **out)
{
    ex_node *k[2];
    coda_status st = atom(p, &k[0]);
    if (st || !is_op(p, "^")) {
        *out = k[0];
        return st;
    }
    size_t at = p->tok.at;
    if ((st = next(p)) || (st = parse_unary(p, &k[1])))
        return st;
    return node(p, OP_POW, at, k, 2, out);
}

static coda_status too_deep(parser *p)
{
    return ex_fail(p->e, CODA_ELIMIT, p->tok.at, "expression nested too "
                   "deeply (more than %d levels)", EX_MAX_DEPTH);
}

/* A prefix operator, the current token: node op over what self reads. */
static coda_status prefix_op(parser *p, ex_op op, level_fn self,
                             ex_node **out)
{
    if (++p->depth > EX_MAX_DEPTH)
        return too_deep(p);
    size_t at = p->tok.at;
    ex_node *k;
    coda_status st = next(p);
    if (st == CODA_OK)
        st = self(p, &k);
    p->depth--;
    return st ? st : node(p, op, at, &k, 1, out);
}

static coda_status parse_unary(parser *p, ex_node **out)
{
    return is_op(p, "-") ? prefix_op(p, OP_NEG, parse_unary, out)
                         : parse_pow(p, out);
}

/* A left-associative level: below { op below }, ops[i] making codes[i]. */
static coda_status binary(parser *p, level_fn below, const char *const *ops,
                          const ex_op *codes, ex_node **out)
{
    ex_node *k[2];
    coda_status st = below(p, &k[0]);
    for (int i = 0; st == CODA_OK && ops[i];) {
        if (!(p->tok.kind == T_OP ? is_op(p, ops[i]) : is_word(p, ops[i]))) {
            i++;
            continue;
        }
        size_t at = p->tok.at;
        if ((st = next(p)) || (st = below(p, &k[1])) ||
            (st = node(p, codes[i], at, k, 2, &k[0])))
            break;
        i = 0;
    }
    *out = k[0];
    return st;
}

static coda_status parse_prod(parser *p, ex_node **out)
{
    static const char *const ops[] = { "*", "/", "//", "%", NULL };
    static const ex_op codes[] = { OP_MUL, OP_DIV, OP_IDIV, OP_MOD };
    return binary(p, parse_unary, ops, codes, out);
}

static coda_status parse_sum(parser *p, ex_node **out)
{
    static const char *const ops[] = { "+", "-", NULL };
    static const ex_op codes[] = { OP_ADD, OP_SUB };
    return binary(p, parse_prod, ops, codes, out);
}

static coda_status parse_cmp(parser *p, ex_node **out)
{
    static const char *const ops[] = { "==", "~=", "!=", "<", "<=", ">",
                                       ">=", NULL };
    static const ex_op codes[] = { OP_EQ, OP_NE, OP_NE, OP_LT, OP_LE, OP_GT,
                                   OP_GE };
    coda_status st = binary(p, parse_sum, ops, codes, out);
    if (st == CODA_OK && (*out)->op >= OP_EQ && (*out)->op <= OP_GE &&
        (*out)->kid[0]->op >= OP_EQ && (*out)->kid[0]->op <= OP_GE)
        st = ex_fail(p->e, CODA_EPARSE, (*out)->at, "comparisons do not "
                     "chain: write a < b and b < c");
    return st;
}

static coda_status parse_not(parser *p, ex_node **out)
{
    return is_word(p, "not") ? prefix_op(p, OP_NOT, parse_not, out)
                             : parse_cmp(p, out);
}

static coda_status parse_and(parser *p, ex_node **out)
{
    static const char *const ops[] = { "and", NULL };
    static const ex_op codes[] = { OP_AND };
    return binary(p, parse_not, ops, codes, out);
}

static coda_status parse_expr(parser *p, ex_node **out)
{
    static const char *const ops[] = { "or", NULL };
    static const ex_op codes[] = { OP_OR };
    if (++p->depth > EX_MAX_DEPTH)
        return too_deep(p);
    coda_status st = binary(p, parse_and, ops, codes, out);
    p->depth--;
    return st;
}

coda_status ex_parse(coda_expr *e)
{
    parser p = { e, 0, { 0 }, 0 };
    if (strlen(e->src) > EX_MAX_LEN)
        return ex_fail(e, CODA_ELIMIT, 0, "expression longer than %d bytes",
                       EX_MAX_LEN);
    coda_status st = ex_lex(e, &p.pos, &p.tok);
    if (st == CODA_OK && p.tok.kind == T_END)
        st = ex_fail(e, CODA_EPARSE, 0, "empty expression");
    if (st == CODA_OK)
        st = parse_expr(&p, &e->root);
    if (st == CODA_OK && p.tok.kind != T_END)
        st = ex_fail(e, CODA_EPARSE, p.tok.at, "unexpected \"%.*s\" after a "
                     "complete expression", (int)(p.tok.len ? p.tok.len : 1),
                     e->src + p.tok.at);
    coda_free(p.tok.text);
    return st;
}
