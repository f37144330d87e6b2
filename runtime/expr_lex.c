/* expr_lex.c - the tokens of an expression: numbers, strings, names
 * (bare or in backticks), operators and punctuation.  Uses expr_node.c
 * (ex_fail). */
#include "expr_int.h"

#include "base_alloc.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int name_start(unsigned char c)
{
    return isalpha(c) || c == '_' || c >= 0x80;
}

static int name_char(unsigned char c)
{
    return name_start(c) || isdigit(c) || c == '.';
}

static coda_status lex_number(coda_expr *e, size_t *pos, ex_token *tok)
{
    const char *s = e->src + *pos;
    char *end;
    size_t n = strspn(s, "0123456789");
    int whole = s[n] != '.' && s[n] != 'e' && s[n] != 'E';
    errno = 0;
    tok->d = strtod(s, &end);
    if (whole && n < 19) {
        tok->i = strtoll(s, NULL, 10);
        tok->is_int = 1;
    }
    if (isalpha((unsigned char)*end) || *end == '_' || *end == '.')
        return ex_fail(e, CODA_EPARSE, *pos, "malformed number");
    tok->kind = T_NUM;
    *pos += (size_t)(end - s);
    return CODA_OK;
}

/* A quoted string (quote " or ') or a backticked name; \\ \" \' \` \n \t
 * are escapes, any other backslash is itself. */
static coda_status lex_quoted(coda_expr *e, size_t *pos, ex_token *tok,
                              ex_tok_kind kind)
{
    const char *s = e->src;
    char q = s[*pos];
    size_t i = *pos + 1, k = 0;
    char *out = coda_malloc(strlen(s + i) + 1);
    if (!out)
        return coda_error_nomem(e->err);
    for (; s[i] && s[i] != q; i++) {
        char c = s[i];
        if (c == '\\' && s[i + 1] && strchr("\\'\"`nt", s[i + 1])) {
            c = s[++i];         /* other backslashes stay: \d in a pattern */
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
        }
        out[k++] = c;
    }
    out[k] = '\0';
    tok->text = out;
    if (!s[i])
        return ex_fail(e, CODA_EPARSE, *pos, "%s not closed",
                       q == '`' ? "name in backticks" : "string");
    tok->kind = kind;
    tok->len = k;
    *pos = i + 1;
    return CODA_OK;
}

static coda_status lex_name(coda_expr *e, size_t *pos, ex_token *tok)
{
    size_t i = *pos;
    while (name_char((unsigned char)e->src[i]))
        i++;
    tok->text = coda_strndup(e->src + *pos, i - *pos);
    if (!tok->text)
        return coda_error_nomem(e->err);
    tok->kind = T_NAME;
    tok->len = i - *pos;
    *pos = i;
    return CODA_OK;
}

/* The operator at s, longest first; its length or 0. */
static size_t op_len(const char *s)
{
    static const char *const ops[] = { "//", "==", "~=", "!=", "<=", ">=",
                                       "+", "-", "*", "/", "%", "^", "<",
                                       ">", NULL };
    for (int i = 0; ops[i]; i++)
        if (strncmp(s, ops[i], strlen(ops[i])) == 0)
            return strlen(ops[i]);
    return 0;
}

static coda_status lex_punct(coda_expr *e, size_t *pos, ex_token *tok)
{
    static const char punct[] = "(){},";
    static const ex_tok_kind kinds[] = { T_LPAREN, T_RPAREN, T_LBRACE,
                                         T_RBRACE, T_COMMA };
    char c = e->src[*pos];
    const char *p = strchr(punct, c);
    size_t n = op_len(e->src + *pos);
    if (c && p) {
        tok->kind = kinds[p - punct];
        n = 1;
    } else if (n) {
        tok->kind = T_OP;
    } else {
        return ex_fail(e, CODA_EPARSE, *pos, "unexpected character '%c'", c);
    }
    *pos += n;
    return CODA_OK;
}

coda_status ex_lex(coda_expr *e, size_t *pos, ex_token *tok)
{
    const char *s = e->src;
    while (isspace((unsigned char)s[*pos]))
        (*pos)++;
    memset(tok, 0, sizeof *tok);
    tok->at = *pos;
    unsigned char c = (unsigned char)s[*pos];
    coda_status st;
    if (!c)
        tok->kind = T_END, st = CODA_OK;
    else if (isdigit(c) || (c == '.' && isdigit((unsigned char)s[*pos + 1])))
        st = lex_number(e, pos, tok);
    else if (c == '"' || c == '\'')
        st = lex_quoted(e, pos, tok, T_STR);
    else if (c == '`')
        st = lex_quoted(e, pos, tok, T_NAME);
    else if (name_start(c))
        st = lex_name(e, pos, tok);
    else
        st = lex_punct(e, pos, tok);
    if (tok->kind != T_STR && tok->kind != T_NAME)
        tok->len = *pos - tok->at;
    return st;
}
