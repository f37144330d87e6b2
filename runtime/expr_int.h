/* expr_int.h - what the expr_* files share: tokens, the tree, the vectors
 * of one block of rows each node computes.  Internal to the expr family. */
#ifndef CODA_EXPR_INT_H
#define CODA_EXPR_INT_H

#include "expr.h"
#include "base_strbuf.h"

#include <stdint.h>

enum {
    EX_BLOCK = 1024,        /* rows evaluated at a time */
    EX_MAX_DEPTH = 64,      /* nesting of the tree */
    EX_MAX_NODES = 2000,    /* parts of one expression */
    EX_MAX_LEN = 65536      /* bytes of one expression */
};

/* The type of a node: a column type, or EX_NULL for the literal missing
 * (it takes the type of what it meets). */
#define EX_NULL ((coda_type)-1)

typedef enum {
    T_END, T_NUM, T_STR, T_NAME, T_OP, T_LPAREN, T_RPAREN, T_LBRACE,
    T_RBRACE, T_COMMA
} ex_tok_kind;

typedef struct ex_token {
    ex_tok_kind kind;
    size_t at, len;         /* bytes of src it spans */
    int is_int;             /* T_NUM without '.', exponent or overflow */
    int64_t i;
    double d;
    char *text;             /* T_STR's unescaped text, T_NAME's name */
} ex_token;

typedef enum {
    OP_COL, OP_LIT, OP_LIST,
    OP_NEG, OP_NOT,
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_IDIV, OP_MOD, OP_POW,
    OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
    OP_AND, OP_OR,
    OP_CALL
} ex_op;

/* The values of one block of rows: n values of type; na[r] marks missing
 * (NULL: none).  Pointers may point into a column or into a node's own
 * buffers. */
typedef struct ex_vec {
    coda_type type;
    const int64_t *i;
    const double *d;
    const uint8_t *b;
    const char *const *s;
    const uint32_t *len;
    const uint8_t *na;
    const coda_column *multi;   /* CODA_MULTI: the column, rows from start */
    size_t start;
} ex_vec;

struct ex_func;

typedef struct ex_node {
    ex_op op;
    coda_type type;
    size_t at;                  /* byte offset in the source */
    int depth;                  /* levels of the tree below and with it */
    struct coda_expr *owner;    /* for the error record of an evaluation */
    struct ex_node **kid;
    size_t nkid;
    const struct ex_func *fn;   /* OP_CALL */
    const coda_column *col;     /* OP_COL */
    coda_type lit_type;         /* OP_LIT: the literal's own type */
    int64_t i;                  /* OP_LIT values */
    double d;
    char *s;
    uint32_t slen;
    void *aux;                  /* a function's compiled argument */
    void (*aux_free)(void *);
    /* the block last computed, and buffers for it */
    ex_vec v;
    void *buf;                  /* EX_BLOCK values of 8 bytes (the root's
                                   may be the output column's) */
    double *tmp;                /* 2 * EX_BLOCK: operands made numbers */
    uint8_t *na;                /* EX_BLOCK flags */
    uint32_t *lens;             /* EX_BLOCK lengths (strings) */
    const char **strs;          /* EX_BLOCK pointers (strings) */
    coda_strbuf text;           /* string results' bytes */
} ex_node;

struct coda_expr {
    const coda_table *t;
    const char *src;            /* only while compiling */
    ex_node *root;
    ex_node **nodes;            /* all of them, for freeing */
    size_t nnodes, cap;
    coda_error *err;            /* while compiling or evaluating */
    size_t start;               /* the first row of the block evaluated */
};

/* A function of the language: its name, how many arguments (max -1: any
 * number from min), and how it types and computes a call. */
typedef struct ex_func {
    const char *name;
    int min, max;
    coda_status (*check)(coda_expr *e, ex_node *n);
    coda_status (*eval)(ex_node *n, size_t start, size_t len);
} ex_func;

/* The files of the family, bottom to top (a file uses only files before
 * it in this list): expr_node.c, expr_args.c, expr_eval.c, expr_textbuf.c;
 * expr_regex.c, expr_cut.c, expr_text.c, expr_func.c; expr_lex.c,
 * expr_parse.c, expr_type.c, expr_compile.c, expr_mutate.c. */

/* expr_node.c: a new node (owned by e) of op at byte offset at; NULL out
 * of memory.  (coda_expr_free is there too.) */
CODA_INTERNAL ex_node *ex_node_new(coda_expr *e, ex_op op, size_t at);

/* expr_node.c: record a compile error at byte offset at of the source:
 * "msg at position N".  Returns code. */
CODA_INTERNAL coda_status ex_fail(coda_expr *e, coda_status code, size_t at,
                                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* expr_args.c: the types of arguments.  "number" for integer or number;
 * the name of an operator in messages. */
CODA_INTERNAL const char *ex_type_name(coda_type t);
CODA_INTERNAL const char *ex_op_name(ex_op op);
CODA_INTERNAL int ex_numeric(coda_type t);
CODA_INTERNAL int ex_is_string(coda_type t);
CODA_INTERNAL int ex_is_bool(coda_type t);
/* The common type of a and b (missing meets anything, integer and number
 * give number), or 0 in *ok when they have none. */
CODA_INTERNAL coda_type ex_unify(coda_type a, coda_type b, int *ok);
/* Give n (a missing literal, or a call of missing values only) type t. */
CODA_INTERNAL void ex_settle(ex_node *n, coda_type t);
/* Set the type of n (and of a literal missing) to the unified type. */
CODA_INTERNAL coda_status ex_unify_at(coda_expr *e, ex_node *n,
                                      const size_t *at, size_t k,
                                      const char *what);
CODA_INTERNAL coda_status ex_unify_kids(coda_expr *e, ex_node *n, size_t from,
                                        size_t step, const char *what);
/* Each argument from from on (every step) must be of a type want accepts;
 * a missing literal settles to t. */
CODA_INTERNAL coda_status ex_args_of(coda_expr *e, ex_node *n, size_t from,
                                     size_t step, int (*want)(coda_type),
                                     const char *need, coda_type t);
/* Refuse a list or a multi column among n's arguments from kid from on. */
CODA_INTERNAL coda_status ex_plain_args(coda_expr *e, ex_node *n, size_t from);

/* expr_eval.c: compute block [start, start + len) of n into n->v. */
CODA_INTERNAL coda_status ex_eval(ex_node *n, size_t start, size_t len);
/* Evaluate n's kids (not lists). */
CODA_INTERNAL coda_status ex_eval_kids(ex_node *n, size_t start, size_t len);
/* n's buffers for a block (allocated on first use).  CODA_ENOMEM. */
CODA_INTERNAL coda_status ex_buffers(ex_node *n);
/* n->v as n's own buffers of type n->type, nothing missing yet. */
CODA_INTERNAL void ex_own(ex_node *n);
/* Mark row r of n's own result missing. */
CODA_INTERNAL void ex_set_na(ex_node *n, size_t r);
/* 1 when row r of v is missing. */
static inline int ex_na(const ex_vec *v, size_t r)
{
    return v->na && v->na[r];
}
/* Value r of numeric v as a double. */
static inline double ex_num(const ex_vec *v, size_t r)
{
    return v->type == CODA_INTEGER ? (double)v->i[r] : v->d[r];
}

/* expr_textbuf.c: string results: start a block, add row r's bytes, finish
 * (the pointers are set once the block's bytes stop moving). */
CODA_INTERNAL void ex_text_reset(ex_node *n);
CODA_INTERNAL void ex_text_add(ex_node *n, size_t r, const char *s, size_t len);
CODA_INTERNAL coda_status ex_text_done(ex_node *n, size_t len);

/* expr_regex.c: contains, sub and gsub. */
CODA_INTERNAL coda_status ex_regex_check(coda_expr *e, ex_node *n);
CODA_INTERNAL coda_status ex_contains_eval(ex_node *n, size_t start,
                                           size_t len);
CODA_INTERNAL coda_status ex_sub_eval(ex_node *n, size_t start, size_t len);

/* expr_cut.c: cut. */
CODA_INTERNAL coda_status ex_cut_check(coda_expr *e, ex_node *n);
CODA_INTERNAL coda_status ex_cut_eval(ex_node *n, size_t start, size_t len);

/* expr_text.c: the string and date functions. */
CODA_INTERNAL extern const ex_func ex_text_funcs[];

/* expr_func.c: copy row r of src into n's own result (missing stays
 * missing, integers widen). */
CODA_INTERNAL void ex_put(ex_node *n, size_t r, const ex_vec *src);
/* The function called name, or NULL. */
CODA_INTERNAL const ex_func *ex_func_find(const char *name);
/* The function whose name is closest to name, or NULL. */
CODA_INTERNAL const char *ex_func_nearest(const char *name);

/* expr_lex.c: the token at src[*pos], *pos moved past it. */
CODA_INTERNAL coda_status ex_lex(coda_expr *e, size_t *pos, ex_token *tok);

/* expr_parse.c: the tree of e->src into e->root. */
CODA_INTERNAL coda_status ex_parse(coda_expr *e);

/* expr_type.c: type n and its kids. */
CODA_INTERNAL coda_status ex_check(coda_expr *e, ex_node *n);

#endif
